"""MkDocs side of building 10,000 cases quickly (issue 8), called from ``plugin.py``.

Nothing here changes what is built; it only avoids work:

- pages without a body skip Markdown (``pages.GeneratedPage``);
- case bodies converted on the other cores while MkDocs converts the first ones
  (``prerender``);
- the navigation drawn once per place in the site tree (``fragments``);
- the case pages written first, and the search index started as soon as they are on
  disk, on another core, while MkDocs writes the rest (``earlysearch``);
- the garbage collector leaves the build's long-lived objects alone while pages are
  rendered (``gc.freeze``): at 10,000 cases its full passes walk millions of objects
  that all stay alive until the end of the build anyway.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.search import IndexReport
from . import fragments, pages
from .earlysearch import EarlySearch
from .prerender import Prerender, cores

log = get_plugin_logger(__name__)
TEMPLATES = str(resources.files("showcase") / "templates")


class ScaleAdapter:
    """Per-build state of the speed-ups; one per plugin instance."""

    def __init__(self) -> None:
        self.fragments = fragments.Fragments()
        self.prerender: Prerender | None = None
        self.search: EarlySearch | None = None
        self.frozen = False

    def on_files(self, files: Files, uris: Iterable[str], config: MkDocsConfig) -> Files:
        """After the plugin's files are in place: pages without a body skip Markdown, and the
        pages the search index reads come first (MkDocs writes pages in this order)."""
        pages.adopt(files, uris, config)
        first = [file for file in files if file.is_documentation_page() and EarlySearch.pattern.match(file.dest_uri)]
        if first:
            chosen = {id(file) for file in first}
            files = Files(first + [file for file in files if id(file) not in chosen])
        self._freeze()
        return files

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

    # -- the search index, started when the case pages are written -------------------

    def start_search(self, files: Files, config: MkDocsConfig) -> None:
        """Before the first page is written (``on_env``): which pages the index waits for."""
        self.stop_search()
        dests = [file.dest_uri for file in files.documentation_pages()]
        self.search = EarlySearch(Path(config.site_dir), dests)

    def page_written(self, dest_uri: str) -> None:
        if self.search is not None:
            self.search.written(dest_uri)

    def search_index(self) -> Callable[[], IndexReport] | None:
        """How to get this build's index (``search.build_index``): wait for the early one."""
        search, self.search = self.search, None
        return search.result if search is not None else None

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
