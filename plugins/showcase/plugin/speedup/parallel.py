"""Pages rendered and written by a forked copy of the build, on the machine's other core.

MkDocs renders and writes pages one after the other in one process: at 10,000 cases the
20,000 case and embed pages take about 50 s on one core while the other core waits.
When MkDocs is about to build its first page, everything a page needs is final (files,
navigation, Jinja environment, every page's converted body), so a forked copy of the
process can build pages exactly as MkDocs would, with MkDocs' own ``_build_page``.

Every other page of the plugin's own (those kept out of the navigation) is handed to the
worker. In this process such a page gets an empty template, so MkDocs renders nothing
and writes nothing for it (its "Page skipped" line is filtered from the log); the worker
writes it. The worker reports each page once it is on disk, with any warning it logged:
the warnings are logged here again (``--strict`` counts them; those of events that ran
here as well, before the template, only once), the search index learns
that the page is written, and a page the worker could not build is built here at the
end, so a failure is reported by MkDocs as usual.

Nothing is forked where processes cannot be (Windows), when threads run (``mkdocs
serve``: a forked copy could inherit a lock another thread holds), for a few pages, or
with ``jobs: 1``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ...core.workers import cpu_seconds
from .forked import ForkedWorker, Sender, capture_logging, forking_allowed

log = get_plugin_logger(__name__)
MIN_PAGES = 200  # below this, a fork costs more than it saves
# The worker's share of the chosen pages. This process also runs every page's events
# before its template, renders MkDocs' own pages and keeps the search index's thread, so an
# even split left the worker idle at the end: at 1,000 short cases (warm) this process used
# 2.6 s of CPU and the worker 1.9 s while it ran.
WORKER_SHARE = 0.58
SKIP_TEMPLATE = "showcase/skip.html"  # renders nothing: MkDocs writes no file
MKDOCS_BUILD_LOG = logging.getLogger("mkdocs.commands.build")

in_worker = False  # True in the forked copy


class _SkippedFilter(logging.Filter):
    """Drops MkDocs' "Page skipped" line for the pages the worker writes."""

    def __init__(self, uris: set[str]) -> None:
        super().__init__()
        self.uris = uris

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '"):
            return message[len("Page skipped: '") :].split("'", 1)[0] not in self.uris
        return True


class _HereListener(logging.Handler):
    """Notes the warnings logged in this process while MkDocs goes through a handed page."""

    def __init__(self, pages: ParallelPages) -> None:
        super().__init__(logging.WARNING)
        self.pages = pages

    def emit(self, record: logging.LogRecord) -> None:
        config = self.pages.config
        page = getattr(config, "_current_page", None) if config is not None else None
        if page is not None and page.file.src_uri in self.pages.pages:
            self.pages.here.setdefault(page.file.src_uri, set()).add((record.levelno, record.getMessage()))


class ParallelPages:
    """One build's worker, and what it reported."""

    def __init__(self, written: Callable[[str], None]) -> None:
        self.written = written  # told each dest_uri once it is on disk
        self.worker: ForkedWorker | None = None
        self.pages: dict[str, Page] = {}  # src_uri -> page handed to the worker
        self.templates: dict[str, Any] = {}  # src_uri -> its real template
        self.done: set[str] = set()
        self.records: list[tuple[str, logging.LogRecord]] = []  # (src_uri, a warning the worker logged)
        self.config: MkDocsConfig | None = None
        self.here: dict[str, set[tuple[int, str]]] = {}  # warnings logged here while MkDocs built a handed page
        self.listener = _HereListener(self)
        self.filter: _SkippedFilter | None = None
        self.lock = threading.Lock()
        self.started = False  # start() was called (once per build)
        self.cpu_at_start = (0.0, 0.0)

    def start(self, page: Page, config: MkDocsConfig, nav: Any, env: Any, files: Files, chosen: Callable[[Page], bool], jobs: int) -> bool:
        """Before ``page``, the first page MkDocs builds: fork a worker for every other chosen page."""
        self.started = True
        if jobs <= 1 or not forking_allowed():
            return False
        doc_files = files.documentation_pages()
        candidates = [f.page for f in doc_files if f.page is not None and f.page is not page and chosen(f.page)]
        if len(candidates) < MIN_PAGES:
            return False
        handed = spread(candidates, WORKER_SHARE)
        worker = ForkedWorker("showcase-pages")
        if not worker.start(partial(_work, handed, config, doc_files, nav, env)):
            return False
        self.worker = worker
        self.cpu_at_start = cpu_seconds()
        for other in handed:  # after the fork: the worker renders them with their real template
            uri = other.file.src_uri
            self.pages[uri] = other
            self.templates[uri] = other.meta.get("template")
            other.meta["template"] = SKIP_TEMPLATE
        self.filter = _SkippedFilter(set(self.pages))
        MKDOCS_BUILD_LOG.addFilter(self.filter)
        self.config = config
        logging.getLogger("mkdocs").addHandler(self.listener)
        worker.listen(self._arrived)
        return True

    def _arrived(self, item: tuple[str, bool, list[logging.LogRecord]]) -> None:
        uri, ok, records = item
        with self.lock:
            self.records.extend((uri, record) for record in records)
            if ok:
                self.done.add(uri)
        if ok:
            self.written(self.pages[uri].file.dest_uri)

    def finish(self, config: MkDocsConfig, nav: Any, env: Any, files: Files) -> None:
        """After MkDocs' own pages: wait for the worker, log its warnings, build what it could not."""
        if self.worker is None:
            return
        waited = time.perf_counter()
        self.worker.wait()
        self.worker = None
        (here, there), (here_before, there_before) = cpu_seconds(), self.cpu_at_start
        log.debug(
            f"pages: waited {time.perf_counter() - waited:.2f} s for the forked worker's last pages; CPU while it ran: "
            f"this process {here - here_before:.2f} s (the search index's thread too), the worker {there - there_before:.2f} s"
        )
        self._restore()
        for uri, record in self.records:
            # Events before the template (page_context) ran here too: their warnings are logged once.
            if (record.levelno, record.getMessage()) not in self.here.get(uri, ()):
                logging.getLogger(record.name).handle(record)
        doc_files = files.documentation_pages()
        for uri, page in self.pages.items():
            if uri not in self.done:  # built here, so that MkDocs reports what went wrong
                mkdocs_build._build_page(page, config, doc_files, nav, env)
                self.written(page.file.dest_uri)

    def _restore(self) -> None:
        for uri, template in self.templates.items():
            meta = self.pages[uri].meta
            if template is None:
                meta.pop("template", None)
            else:
                meta["template"] = template
        if self.filter is not None:
            MKDOCS_BUILD_LOG.removeFilter(self.filter)
            self.filter = None
        logging.getLogger("mkdocs").removeHandler(self.listener)

    def close(self) -> None:
        """A failed build: stop the worker."""
        if self.worker is not None:
            self.worker.kill()
            self.worker.wait()
            self.worker = None
        self._restore()


def spread(pages: list[Page], share: float) -> list[Page]:
    """``share`` of ``pages``, spread evenly over them (kinds of pages come in runs)."""
    return [page for n, page in enumerate(pages) if int((n + 1) * share) > int(n * share)]


def _work(pages: list[Page], config: MkDocsConfig, doc_files: Any, nav: Any, env: Any, out: Sender) -> None:
    """In the forked worker: build each page with MkDocs' own function, report it."""
    global in_worker
    in_worker = True
    logged = capture_logging(logging.WARNING)
    for page in pages:
        logged.clear()
        try:
            mkdocs_build._build_page(page, config, doc_files, nav, env)
            ok = True
        except BaseException:
            ok = False  # built again by the parent, which reports the problem
        out.send((page.file.src_uri, ok, list(logged) if ok else []))
