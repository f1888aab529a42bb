"""The MkDocs adapter: a thin plugin that calls ``showcase.core`` from MkDocs events."""

from mkdocs.config.base import ValidationError

from ..core.errors import ShowcaseError

# The core reads the field table (data/fields.yml) as its modules load, so a slip in it
# stops the import of this plugin. Read here first, it is MkDocs' one line about the
# plugin's configuration, not a traceback (a maintainer edits the packaged data files).
try:
    from ..core.case import fields  # noqa: F401
except ShowcaseError as exc:
    raise ValidationError(str(exc)) from None
