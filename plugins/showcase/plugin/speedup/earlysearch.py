"""The search index started as soon as the last case page is written, not after the build.

Pagefind reads only the case pages (``core.search.CASE_PAGES_GLOB``). The plugin hands
MkDocs those pages first (``ScaleAdapter.on_files``), so they are written before the
listings, embed cards and the rest; when the last of them is on disk, Pagefind starts
indexing, on another core, while MkDocs writes the remaining pages. ``result`` waits for
it at the end of the build. The index is built by the same call as after the build
(``core.search.build_search_index``) on the same files; if a page matching the glob is
written after the start, or the pages on disk are not those expected, it is simply
built again after the build.

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

log = get_plugin_logger(__name__)


def glob_pattern(glob: str = CASE_PAGES_GLOB) -> re.Pattern[str]:
    """A site path pattern as Pagefind reads its glob: ``*`` stays within one folder."""
    parts = (re.escape(part).replace(r"\*", "[^/]*") for part in glob.split("/"))
    return re.compile("/".join(parts) + r"\Z")


def pages_on_disk(site_dir: Path, glob: str = CASE_PAGES_GLOB) -> set[str]:
    """The site paths Pagefind reads from ``site_dir`` with ``glob``."""
    return {path.relative_to(site_dir).as_posix() for path in Path(site_dir).glob(glob) if path.is_file()}


class EarlySearch:
    """One build's search index: started when its pages are all written."""

    pattern = glob_pattern()

    def __init__(self, site_dir: Path, expected: Iterable[str], plan: SearchPlan | None = None) -> None:
        self.site_dir = Path(site_dir)
        self.plan = plan  # several bundles: each read from its own folder of links (core.outputs.search)
        self.expected = {uri for uri in expected if self.pattern.match(uri)}
        self.missing = set(self.expected)
        self.late = False  # a matching page written after indexing started
        self.thread: threading.Thread | None = None
        self.report: IndexReport | None = None
        self.error: BaseException | None = None
        self.lock = threading.Lock()  # pages are reported from the build and from the worker's reader

    def written(self, dest_uri: str) -> None:
        """A page was written; start indexing once every expected page is."""
        if not self.pattern.match(dest_uri):
            return
        with self.lock:
            if self.thread is not None:
                self.late = True
                return
            self.missing.discard(dest_uri)
            if not self.missing and self.expected:
                self.thread = threading.Thread(target=self._index, name="showcase-search-index", daemon=True)
                self.thread.start()

    def _index(self) -> None:
        try:
            # MkDocs reports a page (on_post_page) just before it writes the file.
            deadline = time.monotonic() + 30
            while not self.expected <= pages_on_disk(self.site_dir) and time.monotonic() < deadline:
                time.sleep(0.01)
            self.report = build_search_index(self.site_dir, plan=self.plan)
        except BaseException as exc:  # handed to the build in result()
            self.error = exc

    def result(self) -> IndexReport:
        """The index, built early when that was possible, else now (same call, same files)."""
        if self.thread is not None:
            self.thread.join()
            if not self.late and pages_on_disk(self.site_dir) == self.expected:
                if self.error is not None:
                    raise self.error
                assert self.report is not None
                log.debug("search index: started when the case pages were written")
                return self.report
            log.debug("search index: case pages changed after it started; indexing again")
        return build_search_index(self.site_dir, plan=self.plan)

    def close(self) -> None:
        """A failed build: let a running index finish before the site folder is touched again."""
        if self.thread is not None:
            self.thread.join()
