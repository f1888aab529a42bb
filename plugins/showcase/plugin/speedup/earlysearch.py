"""The search index started as soon as the case pages are written, not after the build.

Pagefind reads only the case pages (``core.outputs.search.CASE_PAGES_GLOB``). The plugin hands
MkDocs those pages first (``ScaleAdapter.on_files``), so they are written
before the listings, embed cards and the rest. When the last of them is on disk, Pagefind
starts indexing, on another core, while MkDocs writes the remaining pages. Several
bundles (``core.outputs.search.SearchPlan``, above ``search_shard_pages`` cases) are then
indexed two at a time (one Pagefind run keeps about one core and a half busy: its main
thread does half its work alone), each into its own folder.

Measured and not kept: starting each bundle as soon as its own pages were written, one
bundle after another. At 10,000 cases it gained nothing (the pages already keep both
cores busy, so Pagefind only took their time), and at 50,000 cases the build took 606.6 s
against 485.9 s.
Nor three bundles at once on two cores, so that the last of 10,000 cases' three is not
indexed alone at the end of a cold build: 87.9 and 91.9 s against 87.9 and 88.5 s with two
(2026-12-05, cold builds of the short bench corpus, alternating, the old output moved aside).

``result`` waits for the index at the end of the build. Each bundle is built by the same
call as after the build (``core.outputs.search.build_search_index`` / ``index_shard``) on the same
files; if a case page is written after indexing started, or the pages on disk are not
those expected, the whole index is simply built again after the build.

A bundle whose case pages are byte for byte those of a build before is taken from the
search cache (``core/outputs/search_cache.py``) instead of indexed: its key is read from
the pages once they are all on disk, here too.

A page is reported only once it is on disk: the worker reports its pages after writing
them; MkDocs calls ``on_post_page`` just before writing a page, so this process reports
each page at the next one (``ScaleAdapter.page_rendered``) or at the end of the pages.

(Handing Pagefind each page as it is written, through its service's AddFile message,
was measured too: its service indexes such pages one after another, and the build got
slower than with indexing after it.)
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from ...core.outputs.search import CASE_PAGES_GLOB, IndexReport, SearchPlan, build_search_index
from ...core.outputs.search_cache import SearchCache

log = get_plugin_logger(__name__)
# Pagefind runs at once for a sharded index: one keeps about 1.5 cores busy, and each
# holds up to about 2 GB for a bundle of 5,000 pages (the build's peak memory).
MAX_BUNDLES_AT_ONCE = 2


def glob_pattern(glob: str = CASE_PAGES_GLOB) -> re.Pattern[str]:
    """A site path pattern as Pagefind reads its glob: ``*`` stays within one folder."""
    parts = (re.escape(part).replace(r"\*", "[^/]*") for part in glob.split("/"))
    return re.compile("/".join(parts) + r"\Z")


def pages_on_disk(site_dir: Path, glob: str = CASE_PAGES_GLOB) -> set[str]:
    """The site paths Pagefind reads from ``site_dir`` with ``glob``."""
    return {path.relative_to(site_dir).as_posix() for path in Path(site_dir).glob(glob) if path.is_file()}


class EarlySearch:
    """One build's search index: started when its case pages are all written."""

    pattern = glob_pattern()

    def __init__(
        self, site_dir: Path, expected: Iterable[str], plan: SearchPlan | None = None, *, jobs: int = 2, cache: SearchCache | None = None
    ) -> None:
        self.site_dir = Path(site_dir)
        self.plan = plan
        self.cache = cache  # bundles whose case pages are unchanged since a build before
        self.jobs = max(1, min(jobs, MAX_BUNDLES_AT_ONCE))
        self.expected = {uri for uri in expected if self.pattern.match(uri)}
        self.missing = set(self.expected)
        self.late = False  # a case page written after indexing started
        self.started = False
        self.ended = False  # result() or close(): no more pages will be written
        self.stopped = False  # close(): a failed build, index nothing
        self.condition = threading.Condition()  # pages are reported from the build and from the worker's reader
        self.report: IndexReport | None = None
        self.error: BaseException | None = None
        # Started at the first page written, after the page worker is forked (a copy of a
        # process with another thread running could inherit a lock it holds).
        self.thread: threading.Thread | None = None

    def written(self, dest_uri: str) -> None:
        """A page is on disk; indexing starts once every expected case page is."""
        if not self.pattern.match(dest_uri):
            return
        with self.condition:
            if self.thread is None and not self.ended:
                self.thread = threading.Thread(target=self._index, name="showcase-search-index", daemon=True)
                self.thread.start()
            if self.started:
                self.late = True
                return
            self.missing.discard(dest_uri)
            if not self.missing:
                self.condition.notify_all()

    def _index(self) -> None:
        if self.cache is not None:
            self.cache.prepare()  # Pagefind's own files, made while the case pages are written
        try:
            with self.condition:
                while self.missing and not self.ended:
                    self.condition.wait()
                if self.missing or self.stopped or not self.expected:
                    return
                self.started = True
            self.report = build_search_index(self.site_dir, plan=self.plan, jobs=self.jobs, indexed=self._indexed, cache=self.cache)
        except BaseException as exc:  # handed to the build in result()
            self.error = exc

    def _indexed(self, number: int, pages: int) -> None:
        assert self.plan is not None
        log.debug(f"search bundle {number + 1} of {len(self.plan.groups)}: {pages} pages indexed")

    def _end(self, *, stop: bool = False) -> None:
        with self.condition:
            self.ended = True
            self.stopped = self.stopped or stop
            self.condition.notify_all()
        if self.thread is not None:
            self.thread.join()

    def result(self) -> IndexReport:
        """The index, built early when that was possible, else now (same call, same files)."""
        waited = time.perf_counter()
        self._end()
        log.debug(f"search index: the build waited {time.perf_counter() - waited:.2f} s for it")
        if self.started and not self.late and pages_on_disk(self.site_dir) == self.expected:
            if self.error is not None:
                raise self.error
            assert self.report is not None
            log.debug("search index: started when the case pages were written")
            return self.report
        log.debug("search index: case pages changed after it started; indexing again")
        return build_search_index(self.site_dir, plan=self.plan, cache=self.cache)

    def close(self) -> None:
        """A failed build: let a running index finish before the site folder is touched again."""
        self._end(stop=True)
