"""What the plugin adds to every page for readers: reading settings and the footer.

Kept apart from ``plugin.py`` so the adapter stays a list of delegations. The
templates in ``site_overrides/partials/`` read ``sc_site`` (a Jinja global): the
site's texts and footer, available on every page, the 404 page included.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..core.site.footer import Footer
from .assets import Assets

PACKAGE = resources.files("showcase")
# Files in the package's assets folder, published under their content's names (plugin/assets.py).
STYLES = ("reading.css",)
SCRIPTS = ("reading.js",)
# Scripts the templates load themselves (not on every page's script list): what used to be
# inline scripts, in files so that the Content-Security-Policy can forbid inline scripts.
TEMPLATE_SCRIPTS = (
    "head.js",  # site_overrides/partials/javascripts/base.html
    "md-content.js",  # site_overrides/partials/javascripts/content.html
    "share.js",  # templates/showcase/partials/share.html
    "feeds.js",  # templates/showcase/partials/head-links.html
    "cite.js",  # templates/showcase/case.html (the GB/T 7714 entry)
    "redirect.js",  # templates/showcase/redirect.html (an old address keeps its #section)
    "notfound.js",  # templates/404.html (a listing's page N the list no longer has: its first page)
    "resize-observer.js",  # head.js, in browsers without ResizeObserver (Material would fetch it from a public CDN)
)


def add_assets(config: MkDocsConfig, assets: Assets) -> None:
    """Register the reading style sheet and script (served from the site itself)."""
    for name in STYLES:
        assets.add_style(config, name)
    for name in SCRIPTS:
        assets.add_script(config, name)


def asset_files(config: MkDocsConfig, assets: Assets) -> list[File]:
    return [assets.file(config, name) for name in (*STYLES, *SCRIPTS, *TEMPLATE_SCRIPTS)]


def site_globals(texts: dict[str, Any], footer: Footer, *, search: bool) -> dict[str, Any]:
    """The ``sc_site`` global of the templates: what every page may show."""
    return {"texts": texts, "footer": footer, "search": search}
