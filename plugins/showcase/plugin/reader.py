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

PACKAGE = resources.files("showcase")
# Site URL -> file in the package's assets folder.
STYLES = {"assets/showcase/reading.css": "reading.css"}
SCRIPTS = {"assets/showcase/reading.js": "reading.js"}
# Scripts the templates load themselves (not on every page's script list): what used to be
# inline scripts, in files so that the Content-Security-Policy can forbid inline scripts.
TEMPLATE_SCRIPTS = {
    "assets/showcase/head.js": "head.js",  # site_overrides/partials/javascripts/base.html
    "assets/showcase/md-content.js": "md-content.js",  # site_overrides/partials/javascripts/content.html
    "assets/showcase/share.js": "share.js",  # templates/showcase/partials/share.html
    "assets/showcase/feeds.js": "feeds.js",  # templates/showcase/partials/head-links.html
    "assets/showcase/cite.js": "cite.js",  # templates/showcase/case.html (the GB/T 7714 entry)
}


def add_assets(config: MkDocsConfig) -> None:
    """Register the reading style sheet and script (served from the site itself)."""
    for url in STYLES:
        if url not in config.extra_css:
            config.extra_css.append(url)
    for url in SCRIPTS:
        if url not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(url)


def asset_files(config: MkDocsConfig) -> list[File]:
    return [
        File.generated(config, url, abs_src_path=str(PACKAGE / "assets" / name))
        for url, name in {**STYLES, **SCRIPTS, **TEMPLATE_SCRIPTS}.items()
    ]


def site_globals(texts: dict[str, Any], footer: Footer, *, search: bool) -> dict[str, Any]:
    """The ``sc_site`` global of the templates: what every page may show."""
    return {"texts": texts, "footer": footer, "search": search}
