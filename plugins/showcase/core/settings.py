"""What a site configures about checking, built from plain options.

Both the command line (reading ``mkdocs.yml``) and the site plugin build their
``Settings`` here, so that `showcase check` and `mkdocs build` judge alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import content
from .imagecheck import ImageLimits
from .taxonomy import Taxonomy, load_taxonomy

DEFAULTS: dict[str, Any] = {
    "cases_dir": "cases",
    "taxonomy": None,
    "review_words": None,
    "allow_personal_numbers": False,
    "max_image_pixels": 50_000_000,
    "max_image_bytes": 30 * 1024 * 1024,
}


@dataclass
class Settings:
    taxonomy: Taxonomy = field(default_factory=load_taxonomy)
    review_words: content.ReviewWords = field(default_factory=lambda: content.ReviewWords(()))
    allow_personal_numbers: bool = False
    limits: ImageLimits = field(default_factory=ImageLimits)
    today: date = field(default_factory=date.today)
    check_images: bool = True

    @classmethod
    def from_options(cls, options: dict[str, Any], base: Path) -> Settings:
        """Build from plugin options; relative paths are relative to ``base``.

        Raises TaxonomyError or ReviewListError with a message naming the file.
        """
        opts = {**DEFAULTS, **{k: v for k, v in options.items() if v is not None}}
        taxonomy_path = base / opts["taxonomy"] if opts["taxonomy"] else None
        words_path = base / opts["review_words"] if opts["review_words"] else None
        return cls(
            taxonomy=load_taxonomy(taxonomy_path),
            review_words=content.load_review_words(words_path),
            allow_personal_numbers=bool(opts["allow_personal_numbers"]),
            limits=ImageLimits(int(opts["max_image_pixels"]), int(opts["max_image_bytes"])),
        )


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely, turning its ``!!python/name`` and ``!ENV`` tags into None."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def plugin_options(config_file: Path) -> dict[str, Any] | None:
    """The ``showcase`` plugin's options in an mkdocs.yml, or None if not configured."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    for item in plugins or []:
        if item == "showcase":
            return {}
        if isinstance(item, dict) and "showcase" in item:
            return dict(item["showcase"] or {})
    if isinstance(plugins, dict) and "showcase" in plugins:
        return dict(plugins["showcase"] or {})
    return None
