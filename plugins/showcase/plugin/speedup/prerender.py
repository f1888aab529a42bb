"""Case bodies converted ahead of time on the machine's other cores.

MkDocs reads and converts every page in one process, one after the other; converting a
case body (Markdown with MkDocs' own extensions, then the allow-list sanitizer) is
about a third of a build. Before MkDocs starts, ``Prerender.start`` forks worker
processes that convert the later case pages while MkDocs converts the first ones; when
MkDocs reaches a page a worker has done, the page takes the worker's result instead of
converting again (``pages.GeneratedPage.render``).

The result is the same HTML: a worker is a copy of this process (same configuration,
same files, same extensions) and runs the same code. A result is used only if the text
MkDocs is about to convert is the one the worker converted (another plugin may change
it), and only if nothing was logged while converting it (a warning must reach the
build's log, and ``--strict`` must count it): otherwise MkDocs converts the page as
usual. Where processes cannot be forked (Windows), or for a few pages, nothing changes.
"""

from __future__ import annotations

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


class Prerender:
    """Workers for one build, and their results as they arrive."""

    def __init__(self) -> None:
        self.results: dict[str, Rendered | None] = {}
        self.expected: set[str] = set()
        self.lock = threading.Condition()
        self.workers: list[ForkedWorker] = []
        self.open = 0  # workers whose results are still coming
        self.used = 0

    def start(self, pages: Sequence[Page], config: MkDocsConfig, files: Files, finish: Callable[[str, str], str], jobs: int) -> int:
        """Fork up to ``jobs - 1`` workers for the later part of ``pages``; returns how many started."""
        if jobs <= 1 or len(pages) < MIN_PAGES or not forking_allowed():
            return 0
        share = len(pages) // jobs
        chunks = [pages[len(pages) - share * (k + 1) : len(pages) - share * k] for k in range(jobs - 1)][::-1]
        for chunk in chunks:
            worker = ForkedWorker("showcase-prerender")
            if not worker.start(partial(_work, chunk, config, files, finish)):
                break
            self.workers.append(worker)
            self.open += 1
            self.expected.update(page.file.src_uri for page in chunk)
            worker.listen(self._arrived, self._ended)
        return len(self.workers)

    def _arrived(self, item: tuple[str, Rendered | None]) -> None:
        uri, result = item
        with self.lock:
            self.results[uri] = result
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
            while uri not in self.results and self.open > 0:
                if not self.lock.wait(timeout=STALL_SECONDS):
                    self._stop()
                    break
            self.expected.discard(uri)
            result = self.results.pop(uri, None)
        if result is not None:
            self.used += 1
        return result

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
        for worker in self.workers:  # their threads end at the workers' end of file
            worker.wait()
        self.workers.clear()


def _work(pages: Sequence[Page], config: MkDocsConfig, files: Files, finish: Callable[[str, str], str], out: Sender) -> None:
    """In the forked worker: convert each page and send what came out."""
    logged = capture_logging()  # anything logged: MkDocs converts the page again and logs it
    for page in pages:
        uri = page.file.src_uri
        logged.clear()
        result: Rendered | None = None
        try:
            markdown, _ = meta.get_data(page.file.content_string)
            page.markdown = markdown
            render_within(page, config, files)  # within the page's time limit
            content = page.content or ""
            finished = finish(uri, content)
            if not logged and not page.links_to_anchors:
                anchors = frozenset(page.present_anchor_ids or ())
                result = Rendered(markdown, content, page.toc, page._title_from_render, anchors, finished)
        except Exception:
            result = None  # MkDocs converts it again, and reports the problem
        out.send((uri, result))
