"""The search index started as soon as its case pages are written, not after the build.

Pagefind reads only the case pages (``core.search.CASE_PAGES_GLOB``). The plugin hands
MkDocs those pages first, sorted by URL (``ScaleAdapter.on_files``), so they are written
before the listings, embed cards and the rest. One index: when the last case page is on
disk, Pagefind starts indexing, on another core, while MkDocs writes the remaining
pages. Several bundles (``core.outputs.search.SearchPlan``, above ``search_shard_pages``
cases): the bundles hold consecutive runs of the same URL order, so the first one's
pages are all written while the later ones are still being written, and each bundle is
indexed as soon as its pages are on disk, one bundle after another (the peak memory is
one Pagefind run's, as after the build), the first of them long before the last page.

``result`` waits for it at the end of the build. Each bundle is built by the same call
as after the build (``core.search.build_search_index`` / ``index_shard``) on the same
files; if a page of a bundle is written after its indexing started, or the pages on
disk are not those expected, the whole index is simply built again after the build.

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

from ...core.outputs.search import (
    CASE_PAGES_GLOB,
    OUTPUT_DIR,
    IndexReport,
    SearchPlan,
    build_search_index,
    check_pagefind,
    children_cpu,
    index_shard,
)

log = get_plugin_logger(__name__)


def glob_pattern(glob: str = CASE_PAGES_GLOB) -> re.Pattern[str]:
    """A site path pattern as Pagefind reads its glob: ``*`` stays within one folder."""
    parts = (re.escape(part).replace(r"\*", "[^/]*") for part in glob.split("/"))
    return re.compile("/".join(parts) + r"\Z")


def pages_on_disk(site_dir: Path, glob: str = CASE_PAGES_GLOB) -> set[str]:
    """The site paths Pagefind reads from ``site_dir`` with ``glob``."""
    return {path.relative_to(site_dir).as_posix() for path in Path(site_dir).glob(glob) if path.is_file()}


class EarlySearch:
    """One build's search index: each bundle started when its pages are all written."""

    pattern = glob_pattern()

    def __init__(self, site_dir: Path, expected: Iterable[str], plan: SearchPlan | None = None) -> None:
        self.site_dir = Path(site_dir)
        self.plan = plan if plan is not None and plan.sharded else None
        self.expected = {uri for uri in expected if self.pattern.match(uri)}
        # One index reads every expected page; bundles only their own (pages outside them are not indexed).
        groups = [set(group) for group in self.plan.groups] if self.plan is not None else [set(self.expected)]
        self.group_of = {page: number for number, group in enumerate(groups) for page in group}
        self.missing = groups
        self.started = -1  # the last group whose indexing began
        self.late = False  # a page of a bundle written after its indexing started
        self.incomplete = False  # the pages ended before a bundle's were all written
        self.ended = False  # result() or close(): no more pages will be written
        self.stopped = False  # close(): a failed build, index nothing more
        self.condition = threading.Condition()  # pages are reported from the build and from the worker's reader
        self.reports: list[int] = []
        self.seconds = self.cpu = 0.0
        self.single: IndexReport | None = None
        self.error: BaseException | None = None
        # Started at the first page written, after the page worker is forked (a copy of a
        # process with another thread running could inherit a lock it holds).
        self.thread: threading.Thread | None = None

    def written(self, dest_uri: str) -> None:
        """A page is on disk; its bundle starts once all of the bundle's pages are."""
        if not self.pattern.match(dest_uri):
            return
        with self.condition:
            if self.thread is None and not self.ended:
                self.thread = threading.Thread(target=self._index, name="showcase-search-index", daemon=True)
                self.thread.start()
            number = self.group_of.get(dest_uri)
            if number is None:
                if self.plan is None and self.started >= 0:
                    self.late = True  # a page the index reads appeared after it started
                return
            if number <= self.started:
                self.late = True
                return
            self.missing[number].discard(dest_uri)
            if not self.missing[number]:
                if self.plan is not None:
                    left = sum(len(group) for group in self.missing)
                    log.debug(f"search bundle {number + 1} of {len(self.missing)}: its pages are written, {left} case pages still to write")
                self.condition.notify_all()

    def _index(self) -> None:
        start, before = time.perf_counter(), children_cpu()
        try:
            for number in range(len(self.missing)):
                with self.condition:
                    while self.missing[number] and not self.ended:
                        self.condition.wait()
                    if self.missing[number] or self.stopped or not self.expected:
                        self.incomplete = True
                        return
                    self.started = number
                if self.plan is None:
                    self.single = build_search_index(self.site_dir)
                else:
                    if number == 0:
                        check_pagefind()
                    self.reports.append(index_shard(self.site_dir, self.plan, number))
        except BaseException as exc:  # handed to the build in result()
            self.error = exc
        finally:
            self.seconds, self.cpu = time.perf_counter() - start, children_cpu() - before

    def _end(self, *, stop: bool = False) -> None:
        with self.condition:
            self.ended = True
            self.stopped = self.stopped or stop
            self.condition.notify_all()
        if self.thread is not None:
            self.thread.join()

    def result(self) -> IndexReport:
        """The index, built early when that was possible, else now (same call, same files)."""
        self._end()
        if self.thread is not None and not self.late and not self.incomplete and pages_on_disk(self.site_dir) == self.expected:
            if self.error is not None:
                raise self.error
            log.debug("search index: started when the case pages were written")
            if self.single is not None:
                return self.single
            assert self.plan is not None
            output = self.site_dir.resolve() / OUTPUT_DIR
            return IndexReport(sum(self.reports), self.seconds, output, self.cpu, shards=len(self.plan.groups))
        log.debug("search index: case pages changed after it started; indexing again")
        return build_search_index(self.site_dir, plan=self.plan)

    def close(self) -> None:
        """A failed build: let a running index finish before the site folder is touched again."""
        self._end(stop=True)
