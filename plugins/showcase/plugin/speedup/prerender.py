"""Case bodies converted ahead of time on the machine's other cores.

MkDocs reads and converts every page in one process, one after the other; converting a
case body (Markdown with MkDocs' own extensions, then the allow-list sanitizer) is
about a third of a build. Before MkDocs starts, ``Prerender.start`` forks worker
processes that convert the later case pages while MkDocs converts the first ones; when
MkDocs reaches a page a worker has done, the page takes the worker's result instead of
converting again (``pages.GeneratedPage.render``). A worker also keeps what it converted in
the body cache itself (``keep``), so the build does not write those entries one by one.

Where the two meet is found as they go (``Meeting``), not fixed beforehand: the build
does more for each page than the worker (MkDocs' own steps, keeping the body in the
cache), so with the pages split in halves the worker ended first and one core idled
for the last 3.5 s of a cold 10,000-case build's conversions (issue 20).

The result is the same HTML: a worker is a copy of this process (same configuration,
same files, same extensions) and runs the same code. A result is used only if the text
MkDocs is about to convert is the one the worker converted (another plugin may change
it), and only if nothing was logged while converting it (a warning must reach the
build's log, and ``--strict`` must count it): otherwise MkDocs converts the page as
usual. Where processes cannot be forked (Windows), or for a few pages, nothing changes.
"""

from __future__ import annotations

import ctypes
import mmap
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from ..bodylimit import render_within
from .forked import ForkedWorker, Sender, capture_logging, forking_allowed

MIN_PAGES = 64  # below this, a fork costs more than it saves
STALL_SECONDS = 60.0  # no result from a worker for this long: stop waiting, convert here


@dataclass(frozen=True)
class Rendered:
    """What converting one page's Markdown gave, and the finished body HTML."""

    markdown: str
    content: str
    toc: Any  # mkdocs.structure.toc.TableOfContents
    title: str | None
    anchors: frozenset[str]
    finished: str  # ``content`` after the plugin's own on_page_content (images, sanitizer)


class Meeting:
    """Where the build, converting pages from the first on, and the worker next to it,
    converting from the last of its pages back, meet: each page is converted once.

    Two numbers in memory the build and its forked worker share: ``front``, the build has
    taken every page before it; ``back``, the worker has taken every page from it on. The
    worker takes a page only while ``front`` is not past it, and writes ``back`` before
    converting it; the build moves ``front`` past a page, then leaves the page to the
    worker if ``back`` has reached it. Whatever order the two writes become visible in,
    the worst case is a page converted by both (its second result is dropped): never one
    left to the other by both. Aligned 8-byte numbers are read and written whole.
    """

    def __init__(self, pages: int) -> None:
        self.memory = mmap.mmap(-1, 16)  # anonymous and shared: the forked worker sees the same two numbers
        self._front = ctypes.c_int64.from_buffer(self.memory, 0)
        self._back = ctypes.c_int64.from_buffer(self.memory, 8)
        self._back.value = pages

    def worker_takes(self, index: int) -> bool:
        """In the worker: whether to convert page ``index`` (it goes from the last page back)."""
        if self._front.value > index:
            return False
        self._back.value = index
        return True

    def build_takes(self, index: int) -> bool:
        """In the build: whether to convert page ``index`` here (it goes from the first page on)."""
        if self._front.value <= index:
            self._front.value = index + 1
        return self._back.value > index


class Prerender:
    """Workers for one build, and their results as they arrive."""

    def __init__(self) -> None:
        self.results: dict[str, Rendered | None] = {}
        self.expected: set[str] = set()
        self.position: dict[str, int] = {}  # the pages the build and the first worker share, by order
        self.kept: set[str] = set()  # the pages whose result the worker kept in the body cache
        self.meeting: Meeting | None = None
        self.lock = threading.Condition()
        self.workers: list[ForkedWorker] = []
        self.open = 0  # workers whose results are still coming
        self.used = 0

    def start(
        self,
        pages: Sequence[Page],
        config: MkDocsConfig,
        files: Files,
        finish: Callable[[str, str], str],
        jobs: int,
        keep: Callable[[Page, Rendered], bool] | None = None,
    ) -> int:
        """Fork up to ``jobs - 1`` workers for the later part of ``pages``; returns how many started.

        ``keep(page, result)``: run in the worker on each result, True if it kept it for the
        next build (``kept``)."""
        if jobs <= 1 or len(pages) < MIN_PAGES or not forking_allowed():
            return 0
        # The first worker shares its pages with the build (``Meeting``); any other has a
        # fixed share of the last pages.
        share = len(pages) // jobs
        first = len(pages) - share * (jobs - 2)
        chunks = [pages[len(pages) - share * (k + 1) : len(pages) - share * k] for k in range(jobs - 2)][::-1]
        shared = pages[:first]
        meeting = Meeting(len(shared))
        for number, chunk in enumerate([shared, *chunks]):
            worker = ForkedWorker("showcase-prerender")
            if not worker.start(partial(_work, chunk, config, files, finish, keep, meeting if number == 0 else None)):
                break
            self.workers.append(worker)
            self.open += 1
            self.expected.update(page.file.src_uri for page in chunk)
            if number == 0:
                self.meeting = meeting
                self.position = {page.file.src_uri: index for index, page in enumerate(chunk)}
            worker.listen(self._arrived, self._ended)
        return len(self.workers)

    def _arrived(self, item: tuple[str, Rendered | None, bool]) -> None:
        uri, result, kept = item
        with self.lock:
            if uri not in self.expected:
                return  # converted here as well (``Meeting``): no one will take it
            self.results[uri] = result
            if kept:
                self.kept.add(uri)
            self.lock.notify_all()

    def _ended(self) -> None:
        with self.lock:
            self.open -= 1
            self.lock.notify_all()

    def take(self, uri: str) -> Rendered | None:
        """The worker's result for ``uri``, waiting for it if it is on its way; None to convert here."""
        with self.lock:
            if uri not in self.expected:
                return None
            index = self.position.get(uri)
            if index is not None and self.meeting is not None and self.meeting.build_takes(index):
                self.expected.discard(uri)  # the worker had not reached it: converted here
                return None
            while uri not in self.results and self.open > 0:
                if not self.lock.wait(timeout=STALL_SECONDS):
                    self._stop()
                    break
            self.expected.discard(uri)
            result = self.results.pop(uri, None)
        if result is not None:
            self.used += 1
        return result

    def was_kept(self, uri: str) -> bool:
        """Whether the worker kept the result ``take`` gave for ``uri`` in the body cache."""
        with self.lock:
            return uri in self.kept

    def _stop(self) -> None:
        for worker in self.workers:
            worker.kill()
        self.open = 0

    def close(self) -> None:
        """Reap the workers (they exit by themselves once their pages are sent)."""
        with self.lock:
            if self.open:
                self._stop()
            self.results.clear()
            self.expected.clear()
            self.position.clear()
            self.kept.clear()
            self.meeting = None
        for worker in self.workers:  # their threads end at the workers' end of file
            worker.wait()
        self.workers.clear()


def _work(
    pages: Sequence[Page],
    config: MkDocsConfig,
    files: Files,
    finish: Callable[[str, str], str],
    keep: Callable[[Page, Rendered], bool] | None,
    meeting: Meeting | None,
    out: Sender,
) -> None:
    """In the forked worker: convert each page and send what came out; with a ``meeting``,
    from the last page back until the build has reached the page."""
    logged = capture_logging()  # anything logged: MkDocs converts the page again and logs it
    order = enumerate(pages) if meeting is None else reversed(list(enumerate(pages)))
    for index, page in order:
        if meeting is not None and not meeting.worker_takes(index):
            break
        uri = page.file.src_uri
        logged.clear()
        result: Rendered | None = None
        kept = False
        try:
            markdown, _ = meta.get_data(page.file.content_string)
            page.markdown = markdown
            render_within(page, config, files)  # within the page's time limit
            content = page.content or ""
            finished = finish(uri, content)
            if not logged and not page.links_to_anchors:
                anchors = frozenset(page.present_anchor_ids or ())
                result = Rendered(markdown, content, page.toc, page._title_from_render, anchors, finished)
                kept = keep is not None and keep(page, result)
        except Exception:
            result = None  # MkDocs converts it again, and reports the problem
        out.send((uri, result, kept))
