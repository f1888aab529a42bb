"""The site's own style sheets and scripts, published under names that hold their content.

``showcase.css`` is published as ``assets/showcase/showcase.<10 hex digits>.css``: a name
that changes whenever the file does. A web server may then let browsers keep these files
for a year without asking again (``scripts/deploy/nginx/showcase-http.conf``), as it does
for Material's bundles and our photos, instead of revalidating about ten files on every
page a reader opens. Every page names the files through this table (``url``; the
templates through the ``sc_asset`` global), so a page never points at an older name.
"""

from __future__ import annotations

import hashlib
from importlib import resources

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

PACKAGE = resources.files("showcase")
FOLDER = "assets/showcase"
DIGITS = 10


def _published_name(name: str) -> str:
    data = (PACKAGE / "assets" / name).read_bytes()
    stem, _, extension = name.rpartition(".")
    return f"{FOLDER}/{stem}.{hashlib.sha256(data).hexdigest()[:DIGITS]}.{extension}"


class Assets:
    """The URL (relative to the site root) of each of our asset files, read once a build."""

    def __init__(self) -> None:
        self._urls: dict[str, str] = {}

    def url(self, name: str) -> str:
        """``head.js`` → ``assets/showcase/head.0123456789.js``."""
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = _published_name(name)
        return found

    def file(self, config: MkDocsConfig, name: str) -> File:
        return File.generated(config, self.url(name), abs_src_path=str(PACKAGE / "assets" / name))

    def add_style(self, config: MkDocsConfig, name: str, *, first: bool = False) -> None:
        """Name the style sheet ``name`` on every page (``extra_css``) once, before the site's
        own (``first``: before every other, so that they may override it)."""
        url = self.url(name)
        if url in config.extra_css:
            return
        if first:
            config.extra_css.insert(0, url)
        else:
            config.extra_css.append(url)

    def add_script(self, config: MkDocsConfig, name: str) -> None:
        """Name the script ``name`` on every page (``extra_javascript``) once."""
        url = self.url(name)
        if url not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(url)
