"""MkDocs side of building 10,000 cases quickly (issue 8), called from ``plugin.py``.

Nothing here changes what is built; it only avoids work:

- pages without a body skip Markdown (``pages.GeneratedPage``);
- case bodies converted on the other cores while MkDocs converts the first ones
  (``prerender``);
- the navigation drawn once per place in the site tree (``fragments``);
- every other page of the plugin's rendered and written by a forked copy of the build
  on the other core (``parallel``);
- the case pages written first, and the search index started as soon as they are on
  disk, on another core, while MkDocs writes the rest (``earlysearch``);
- the garbage collector leaves the build's long-lived objects alone while pages are
  rendered (``gc.freeze``): at 10,000 cases its full passes walk millions of objects
  that all stay alive until the end of the build anyway. It is paused from reading the
  cases until then (``hold_collector``), and a one-off ``mkdocs build`` ends with them
  still frozen (``one_off``);
- cases read again only when they changed (``core/collection/cache.py``), on every core
  for a large first read;
- photos, share cards and booklets hard-linked from the cache, not copied (``cachedfiles``),
  into folders a forked copy made while the pages were read (``folders``);
- templates compiled once a machine, not once a build (``templatecode``);
- the theme's files listed without walking Material's 14,500 icons (``themefiles``).

The plugin reaches the speed-ups only through ``ScaleAdapter``. With the option
``speedups: false`` each of its methods does what MkDocs alone would do: that build is
the reference the tests compare the fast one with, byte for byte
(``tests/scale/test_scale_site.py``).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ...core.cachefile import report_repaired
from ...core.collection.cache import load_site_collection
from ...core.collection.loading import Collection, load_collection
from ...core.collection.settings import Settings
from ...core.outputs.search import IndexReport, SearchPlan, search_cache
from ...core.outputs.search_cache import SearchCache
from ...core.progress import Reporter, silent
from ...core.workers import cores
from . import fragments, pages, parallel, templatecode, themefiles
from .bodycache import BodyCache
from .cachedfiles import CachedFile
from .earlysearch import EarlySearch
from .folders import EarlyFolders
from .prerender import Prerender, Rendered

log = get_plugin_logger(__name__)
TEMPLATES = str(resources.files("showcase") / "templates")


# A build's objects frozen (``ScaleAdapter._freeze``): one process-wide state, as the
# collector's. A one-off build leaves them frozen (``release``); a build that follows in the
# same process all the same (tests, a script calling MkDocs' API) thaws them first.
_frozen = False


def _thaw(*, collect: bool) -> None:
    """Give a build's frozen objects back to the collector; ``collect``: at once (a build is
    about to pause the collector, which would otherwise freeze them again)."""
    global _frozen
    if _frozen:
        gc.unfreeze()
        if collect:
            gc.collect()
        _frozen = False


class _WarningCount(logging.Handler):
    """Counts the warnings MkDocs and its plugins log (a body converted with one is not kept)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class ScaleAdapter:
    """Per-build state of the speed-ups; one per plugin instance."""

    def __init__(self) -> None:
        self.enabled = True  # the option `speedups` (set in on_config): False does MkDocs' work only
        self.fragments = fragments.Fragments()
        self.prerender: Prerender | None = None
        self.search: EarlySearch | None = None
        self.search_cache: SearchCache | None = None  # this build's, for the pruning at its end
        self.parallel: parallel.ParallelPages | None = None
        self.cache: BodyCache | None = None
        self.warnings = _WarningCount()
        self.env: jinja2.Environment | None = None
        self.files: Files | None = None
        self.nav: Any = None
        self.jobs = 0
        self.pending: str | None = None  # the page MkDocs is writing now (page_rendered)
        self.tick: Callable[[int], None] | None = None  # told of each page on disk (count_written)
        self.ticking = threading.Lock()  # pages arrive here and from the worker's thread
        self.folders = EarlyFolders()
        self.held = False  # the collector paused by hold_collector, until _freeze
        self.one_off = False  # `mkdocs build` or `gh-deploy` (on_startup): no build follows (release)

    def on_config(self, config: MkDocsConfig) -> None:
        """Before MkDocs makes the build's environment and lists the theme's files."""
        if self.enabled:
            themefiles.install(config.theme)

    def on_files(self, files: Files, uris: Iterable[str], config: MkDocsConfig) -> Files:
        """After the plugin's files are in place: pages without a body skip Markdown, and the
        pages the search index reads come first (MkDocs writes pages in this order)."""
        if not self.enabled:
            return files
        pages.adopt(files, uris, config)
        first = [file for file in files if file.is_documentation_page() and EarlySearch.pattern.match(file.dest_uri)]
        if first:
            chosen = {id(file) for file in first}
            files = Files(first + [file for file in files if id(file) not in chosen])
        self._freeze()
        if self.folders.start(files):  # after the freeze, as every fork here
            log.debug(f"site folders made by a forked copy: {len(self.folders.made)}")
        return files

    def load(self, root: Path, settings: Settings, *, only: Iterable[Path] | None = None, report: Reporter = silent) -> Collection:
        """The build's cases: through this process's case cache, or read afresh."""
        if not self.enabled:
            return load_collection(root, settings, report=report)
        _thaw(collect=True)  # what a one-off build before left frozen
        self.hold_collector()
        return load_site_collection(root, settings, only=only, report=report)

    def hold_collector(self) -> None:
        """Pause the garbage collector until the build's objects are frozen (``on_files``).

        Reading the cases and making the site's files allocate millions of objects that all
        live to the end of the build, and each full pass of the collector walks every one of
        them: in a warm build those passes took 6.9 s before ``on_files`` at 50,000 cases,
        1.3 s at 10,000 (``gc.callbacks``). Next to nothing made here is garbage in a cycle:
        ``gc.collect()`` at the freeze found 861 unreachable objects in builds of 1,000 cases,
        cold and warm, with photos and without. Worker processes forked meanwhile (the first
        read of a large collection, share cards, photos) collect their own (``core/workers.py``).
        """
        if gc.isenabled():
            gc.disable()
            self.held = True

    def cached_file(self, config: MkDocsConfig, url: str, path: str) -> File:
        """A published file made from one in the cache (a photo, a share card, a booklet)."""
        return (CachedFile if self.enabled else File).generated(config, url, abs_src_path=path)

    def on_nav(
        self,
        files: Files,
        config: MkDocsConfig,
        bodies: Mapping[str, bool],
        finish: Callable[[str, str], str],
        *,
        jobs: int = 0,
        cache_folder: Path | None = None,
        cache_extra: str = "",
    ) -> None:
        """Files and navigation final: bodies from the cache, workers for the later others (``bodies``: uri -> has a body).

        ``cache_folder``: where converted bodies are kept between builds (None: not kept);
        ``cache_extra``: what else their conversion depends on (the image settings), in each key.
        """
        self._close_prerender()
        if not self.enabled:
            return
        self.cache = cache = BodyCache(cache_folder, config, extra=cache_extra)
        self.warnings.count = 0
        logging.getLogger("mkdocs").addHandler(self.warnings)  # removed in release(); adding twice is a no-op
        todo: list[pages.GeneratedPage] = []
        for file in files.documentation_pages():
            page = file.page
            if isinstance(page, pages.GeneratedPage) and bodies.get(file.src_uri):
                page.cached = page.cache_key = None
                if cache is not None and cache.folder is not None:
                    key = cache.key(file.src_uri, file.content_string)
                    page.cached = cache.get(key)
                    if page.cached is not None:
                        continue
                    page.cache_key = key
                todo.append(page)
        if cache is not None:
            report_repaired(log.info, cache.damaged)
        prerender = Prerender()
        if prerender.start(todo, config, files, finish, jobs or cores(), keep=self._keep):
            self.prerender = prerender
            for page in todo:
                page.prerender = prerender

    def finished(self, page: Page, html: str) -> str | None:
        """A case body a worker (or an earlier build) already finished (images, sanitizer), or None."""
        return page.finished(html) if isinstance(page, pages.GeneratedPage) else None

    def before_convert(self, page: Page) -> None:
        """``on_page_markdown``: note the warnings so far, to know whether converting ``page`` logged one."""
        if isinstance(page, pages.GeneratedPage):
            page.warnings_before = self.warnings.count

    def _keep(self, page: Page, done: Rendered) -> bool:
        """In a prerender worker: keep a body it converted (``converted`` then need not)."""
        key = page.cache_key if isinstance(page, pages.GeneratedPage) else None
        return self.cache is not None and key is not None and self.cache.put(key, done)

    def converted(self, page: Page, html: str, finished: str) -> None:
        """``on_page_content``: keep a body converted in this build for the next one."""
        if self.cache is None or not isinstance(page, pages.GeneratedPage) or page.cache_key is None:
            return
        done = page.rendered
        if done is not None and done is page.cached:
            return
        if (
            done is not None
            and (done.content, done.finished) == (html, finished)
            and self.prerender
            and self.prerender.was_kept(page.file.src_uri)
        ):
            self.cache.stored += 1  # the worker wrote this very entry
            return
        if page.rendered is None and (page.warnings_before != self.warnings.count or page.links_to_anchors):
            return  # converted here and something was logged (or it points at another page's anchors)
        anchors = frozenset(page.present_anchor_ids or ())
        self.cache.put(page.cache_key, Rendered(page.markdown or "", html, page.toc, page._title_from_render, anchors, finished))

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files, *, jobs: int = 0) -> None:
        self._close_prerender()  # every page is converted by now
        self.folders.wait(files)  # before MkDocs copies the cached files into them
        self.fragments.reset()
        fragments.install(env, list(config.theme.dirs), TEMPLATES, self.fragments)  # the templates call it either way
        self._close_parallel()
        self.pending = None  # a failed build's last page (a review: the next build counted 11 of 10)
        if not self.enabled:
            return
        templatecode.install(env)  # before any template is compiled
        templatecode.shared().count()  # this build's from now
        self._freeze()  # the pages read and converted: all alive until the build ends
        self.env, self.files, self.jobs = env, files, jobs or cores()
        self.parallel = parallel.ParallelPages(self.page_written)

    def before_page(self, page: Page, config: MkDocsConfig, nav: Any) -> None:
        """The first page MkDocs builds: hand every other page of ours to a forked worker."""
        if self.parallel is None or self.parallel.started or self.env is None or self.files is None or parallel.in_worker:
            return
        self.nav = nav
        workers, self.parallel = self.parallel, None
        if workers.start(page, config, nav, self.env, self.files, lambda p: isinstance(p, pages.GeneratedPage), self.jobs):
            self.parallel = workers
            log.debug(f"pages written by a forked worker: {len(workers.pages)}")
        else:
            log.debug("pages written by this process only")

    def handed(self, page: Page) -> bool:
        """Whether the worker writes ``page`` (this process renders nothing for it)."""
        return self.parallel is not None and page.file.src_uri in self.parallel.pages

    def finish_pages(self, config: MkDocsConfig) -> None:
        """After MkDocs' pages (``on_post_build``): the worker's pages are all written too."""
        self.page_rendered(None)  # MkDocs' last page is on disk
        if self.parallel is not None:
            assert self.env is not None and self.files is not None
            self.parallel.finish(config, self.nav, self.env, self.files)
            self.parallel = None

    def _close_parallel(self) -> None:
        if self.parallel is not None:
            self.parallel.close()
            self.parallel = None

    def on_post_build(self) -> None:
        if self.enabled:
            compiled, taken = templatecode.shared().count()
            log.debug(f"templates: {compiled} compiled, {taken} taken compiled from the cache")
        if self.fragments.misses:
            log.debug(f"navigation fragments: {self.fragments.misses} drawn, {self.fragments.hits} reused")
        self.release()

    # -- the search index, started when the case pages are written -------------------

    def start_search(self, files: Files, config: MkDocsConfig, plan: SearchPlan | None = None, cache_folder: Path | None = None) -> None:
        """Before the first page is written (``on_env``): which pages the index waits for.

        ``cache_folder``: where the index is kept between builds (None: not kept)."""
        self.stop_search()
        self.search_cache = None
        if not self.enabled:
            return  # the plugin indexes the site after the build (plugin/search.py), never from the cache
        dests = [file.dest_uri for file in files.documentation_pages()]
        self.pending = None
        self.search_cache = search_cache(cache_folder) if cache_folder is not None else None
        self.search = EarlySearch(Path(config.site_dir), dests, plan, jobs=self.jobs or cores(), cache=self.search_cache)

    def page_rendered(self, dest_uri: str | None) -> None:
        """``on_post_page`` of a page this process writes: MkDocs writes it right after, so the
        page before it is on disk now. This one is reported at the next page, or at the end."""
        previous, self.pending = self.pending, dest_uri
        if previous is not None:
            self.page_written(previous)

    def page_written(self, dest_uri: str) -> None:
        if parallel.in_worker:
            return
        if self.search is not None:
            self.search.written(dest_uri)
        with self.ticking:  # read once, inside: a failed build ends the count while the worker's thread still reports
            if self.tick is not None:
                self.tick(1)

    def count_written(self, tick: Callable[[int], None] | None) -> None:
        """Tell ``tick`` of each page once it is on disk, written here or by the worker (None: stop)."""
        with self.ticking:
            self.tick = tick

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
        self._close_parallel()
        self.stop_search()
        self.folders.wait(None)
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        if self.cache is not None and self.cache.folder is not None:
            log.debug(f"case bodies from the cache: {self.cache.hits}, kept for the next build: {self.cache.stored}")
        self.cache = None
        self.env = self.files = self.nav = None
        # Thawed, the build's objects would be walked by the collector once more before the
        # process ends (3 s at 50,000 cases): only `mkdocs serve` builds again and needs them back.
        if not self.one_off:
            _thaw(collect=False)
        self._resume_collector()

    def _freeze(self) -> None:
        global _frozen
        gc.freeze()  # before the collector resumes: its first pass would walk all that the pause kept young
        _frozen = True
        self._resume_collector()

    def _resume_collector(self) -> None:
        if self.held:
            gc.enable()
            self.held = False
