"""MkDocs side of building 10,000 cases quickly (issue 8), called from ``plugin.py``.

Nothing here changes what is built; it only avoids work:

- pages without a body skip Markdown (``pages.GeneratedPage``);
- case bodies converted on the other cores while MkDocs converts the first ones
  (``prerender``);
- the navigation drawn once per place in the site tree (``fragments``);
- the search index built on another core while the pages are written, instead of
  after the build (``core.searchstream``);
- the garbage collector leaves the build's long-lived objects alone while pages are
  rendered (``gc.freeze``): at 10,000 cases its full passes walk millions of objects
  that all stay alive until the end of the build anyway.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core import searchstream
from ..core.search import SearchIndexError
from . import fragments, pages
from .prerender import Prerender, cores

log = get_plugin_logger(__name__)
TEMPLATES = str(resources.files("showcase") / "templates")


class ScaleAdapter:
    """Per-build state of the speed-ups; one per plugin instance."""

    def __init__(self) -> None:
        self.fragments = fragments.Fragments()
        self.prerender: Prerender | None = None
        self.search: searchstream.IndexStream | None = None
        self._search_pages = searchstream.glob_pattern()
        self.frozen = False

    def on_files(self, files: Files, uris, config: MkDocsConfig) -> None:
        """After the plugin's files are in place: pages without a body skip Markdown."""
        pages.adopt(files, uris, config)
        self._freeze()

    def on_nav(
        self, files: Files, config: MkDocsConfig, bodies: Mapping[str, bool], finish: Callable[[str, str], str], *, jobs: int = 0
    ) -> None:
        """Files and navigation final: fork workers for the later case bodies (``bodies``: uri -> has a body)."""
        self._close_prerender()
        todo: list[Page] = []
        for file in files.documentation_pages():
            page = file.page
            if isinstance(page, pages.GeneratedPage) and bodies.get(file.src_uri):
                todo.append(page)
        prerender = Prerender()
        if prerender.start(todo, config, files, finish, jobs or cores()):
            self.prerender = prerender
            for page in todo:
                page.prerender = prerender

    def finished(self, page: Page, html: str) -> str | None:
        """A case body a worker already finished (images, sanitizer), or None."""
        return page.finished(html) if isinstance(page, pages.GeneratedPage) else None

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig) -> None:
        self._close_prerender()  # every page is converted by now
        self.fragments.reset()
        fragments.install(env, list(config.theme.dirs), TEMPLATES, self.fragments)
        self._freeze()  # the pages read and converted: all alive until the build ends

    def on_post_build(self) -> None:
        if self.fragments.misses:
            log.debug(f"navigation fragments: {self.fragments.misses} drawn, {self.fragments.hits} reused")
        self.release()

    # -- search index while the pages are written ------------------------------------

    def start_search(self) -> None:
        """Before the first page is written (``on_env``): a Pagefind service to hand pages to."""
        self.stop_search()
        try:
            self.search = searchstream.start_stream()
        except SearchIndexError as exc:
            log.debug(f"search index after the build: {exc}")  # build_index says it again, plainly

    def page_written(self, dest_uri: str, html: str) -> None:
        if self.search is not None and self._search_pages.match(dest_uri):
            self.search.add(dest_uri, html)

    def search_stream(self, config: MkDocsConfig) -> searchstream.IndexStream | None:
        """The stream, if it holds exactly the pages Pagefind would read from disk; else None."""
        stream, self.search = self.search, None
        if stream is None:
            return None
        if stream.failed is None and stream.sent == searchstream.pages_on_disk(Path(config.site_dir)):
            return stream
        log.debug("search index: the pages on disk are not those handed over; indexing them again")
        stream.close()
        return None

    def stop_search(self) -> None:
        if self.search is not None:
            self.search.close()
            self.search = None

    def _close_prerender(self) -> None:
        if self.prerender is not None:
            log.debug(f"case bodies converted ahead of time: {self.prerender.used}")
            self.prerender.close()
            self.prerender = None

    def release(self) -> None:
        """Give the build's objects back to the collector (``mkdocs serve`` builds again)."""
        self._close_prerender()
        self.stop_search()
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def _freeze(self) -> None:
        gc.freeze()
        self.frozen = True
