"""MkDocs side of building 10,000 cases quickly (issue 8), called from ``plugin.py``.

Nothing here changes what is built; it only avoids work:

- pages without a body skip Markdown (``pages.GeneratedPage``);
- the navigation drawn once per place in the site tree (``fragments``);
- the garbage collector leaves the build's long-lived objects alone while pages are
  rendered (``gc.freeze``): at 10,000 cases its full passes walk millions of objects
  that all stay alive until the end of the build anyway.
"""

from __future__ import annotations

import gc
from importlib import resources

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from . import fragments, pages

log = get_plugin_logger(__name__)
TEMPLATES = str(resources.files("showcase") / "templates")


class ScaleAdapter:
    """Per-build state of the speed-ups; one per plugin instance."""

    def __init__(self) -> None:
        self.fragments = fragments.Fragments()
        self.frozen = False

    def on_files(self, files: Files, uris, config: MkDocsConfig) -> None:
        """After the plugin's files are in place: pages without a body skip Markdown."""
        pages.adopt(files, uris, config)
        self._freeze()

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        self.fragments.reset()
        fragments.install(env, list(config.theme.dirs), TEMPLATES, self.fragments)
        self._freeze()  # the pages read and converted: all alive until the build ends

    def on_post_build(self) -> None:
        if self.fragments.misses:
            log.debug(f"navigation fragments: {self.fragments.misses} drawn, {self.fragments.hits} reused")
        self.release()

    def release(self) -> None:
        """Give the build's objects back to the collector (``mkdocs serve`` builds again)."""
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def _freeze(self) -> None:
        gc.freeze()
        self.frozen = True
