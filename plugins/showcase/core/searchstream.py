"""The search index built while the site is written, on another processor core.

``search.build_search_index`` runs Pagefind after the build: it reads every case page
back from disk and indexes it while everything else waits (15 s and more at 10,000
cases). ``IndexStream`` starts Pagefind's service before the first page is written and
hands it each case page as soon as the page exists; the service indexes on the other
core while the site engine renders the next pages, and only writing the index is left
for the end.

It speaks Pagefind's service protocol (base64 JSON messages separated by commas on the
service's stdin and stdout) directly: the ``pagefind`` package's own client waits a
tenth of a second before reading each answer, a quarter of an hour for 10,000 pages.
The index holds the same pages as ``build_search_index`` would give: the caller hands
over exactly the pages matching ``CASE_PAGES_GLOB``, with the same options; the caller
falls back to ``build_search_index`` if the pages on disk turn out to be others.
"""

from __future__ import annotations

import base64
import contextlib
import json
import queue
import re
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from .search import CASE_PAGES_GLOB, EXCLUDE_SELECTORS, IndexReport, SearchIndexError, check_output, indexed_pages

QUEUE_PAGES = 64  # pages waiting to be sent; the build waits beyond this (Pagefind is behind)
ANSWER_SECONDS = 600.0  # the longest wait for one answer (writing 10,000 pages' index takes seconds)


def glob_pattern(glob: str = CASE_PAGES_GLOB) -> re.Pattern[str]:
    """A site path pattern as Pagefind reads its glob: ``*`` stays within one folder."""
    parts = (re.escape(part).replace(r"\*", "[^/]*") for part in glob.split("/"))
    return re.compile("/".join(parts) + r"\Z")


def index_config() -> dict[str, Any]:
    """The options ``build_search_index`` gives Pagefind."""
    return {"force_language": "zh", "exclude_selectors": list(EXCLUDE_SELECTORS)}


class IndexStream:
    """One Pagefind service, fed page by page; ``finish`` writes the index."""

    def __init__(self, executable: Path, config: dict[str, Any] | None = None) -> None:
        self.started = time.perf_counter()
        self.sent: set[str] = set()  # site paths of the pages handed over
        self._added: list[int] = []  # their messages, answered before the index is written
        self.failed: str | None = None
        self._answers: dict[int, dict[str, Any]] = {}
        self._waiting = threading.Condition()
        self._next_id = 0
        self._outbox: queue.Queue[bytes | None] = queue.Queue(QUEUE_PAGES)
        self._proc = subprocess.Popen(
            [str(executable), "--service"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        threading.Thread(target=self._read, name="showcase-pagefind-read", daemon=True).start()
        threading.Thread(target=self._write, name="showcase-pagefind-write", daemon=True).start()
        answer = self._call({"type": "NewIndex", "config": config if config is not None else index_config()})
        self.index_id = int(answer["index_id"])

    # -- the protocol ----------------------------------------------------------------

    def _message(self, payload: dict[str, Any]) -> tuple[int, bytes]:
        with self._waiting:
            self._next_id += 1
            number = self._next_id
        data = json.dumps({"message_id": number, "payload": payload}).encode("utf-8")
        return number, base64.b64encode(data) + b","

    def _write(self) -> None:
        """Send queued messages in order; ``None`` closes the service's input (it then exits)."""
        stdin = self._proc.stdin
        assert stdin is not None
        try:
            while (data := self._outbox.get()) is not None:
                stdin.write(data)
                stdin.flush()
        except (OSError, ValueError) as exc:
            self._fail(f"向 Pagefind 发送页面失败（{exc}）")
            while self._outbox.get() is not None:  # keep the build from waiting on a full queue
                pass
        finally:
            with contextlib.suppress(OSError):
                stdin.close()

    def _read(self) -> None:
        stdout = self._proc.stdout
        assert stdout is not None
        buffer = b""
        try:
            while chunk := stdout.read1(1 << 16):
                buffer += chunk
                while (end := buffer.find(b",")) >= 0:
                    raw, buffer = buffer[:end], buffer[end + 1 :]
                    answer = json.loads(base64.b64decode(raw))
                    number = answer.get("message_id")
                    payload = answer.get("payload") or {}
                    if number is None and payload.get("type") == "Error":
                        self._fail(str(payload.get("message", "")))
                        continue
                    with self._waiting:
                        self._answers[int(number)] = payload
                        self._waiting.notify_all()
        except (OSError, ValueError) as exc:
            self._fail(f"读取 Pagefind 的回答失败（{exc}）")
        self._fail("Pagefind 服务意外退出")

    def _fail(self, reason: str) -> None:
        with self._waiting:
            if self.failed is None:
                self.failed = reason
            self._waiting.notify_all()

    def _await(self, number: int, timeout: float = ANSWER_SECONDS) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._waiting:
            while number not in self._answers:
                if self.failed is not None and number not in self._answers:
                    raise SearchIndexError(f"Pagefind 生成搜索索引失败：{self.failed}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SearchIndexError("Pagefind 长时间没有回应，搜索索引没有生成。")
                self._waiting.wait(timeout=min(left, 1.0))
            payload = self._answers.pop(number)
        if payload.get("type") == "Error":
            raise SearchIndexError(f"Pagefind 生成搜索索引失败：{payload.get('message', '')}")
        return payload

    def _send(self, payload: dict[str, Any]) -> int:
        number, data = self._message(payload)
        self._outbox.put(data)
        return number

    def _call(self, payload: dict[str, Any]) -> dict[str, Any]:
        return self._await(self._send(payload))

    # -- what the site engine calls --------------------------------------------------

    def add(self, site_path: str, html: str) -> None:
        """Hand over one written page (``site_path`` relative to the site folder, e.g. ``cases/x/index.html``)."""
        if self.failed is not None:
            return
        number, data = self._message(
            {"type": "AddFile", "index_id": self.index_id, "file_path": site_path, "url": None, "file_contents": html}
        )
        self.sent.add(site_path)
        self._added.append(number)
        self._outbox.put(data)

    def finish(self, output: Path, *, quiet: float = 0.3, limit: float = 120.0) -> IndexReport:
        """Write the index to ``output`` and let the service exit once every file is whole."""
        try:
            for number in self._added:  # every page indexed before the index is written
                self._await(number)
            self._await(self._send({"type": "WriteFiles", "index_id": self.index_id, "output_path": str(output)}))
            broken = _settled(output, quiet=quiet, limit=limit)
        finally:
            self.close()
        if broken:
            raise SearchIndexError(f"Pagefind 写出的搜索索引文件不完整（{'、'.join(broken[:5])}），请重新构建。")
        seconds = time.perf_counter() - self.started
        return IndexReport(indexed_pages(output, fallback=len(self.sent)), seconds, output)

    def close(self) -> None:
        """Stop feeding: the service exits when its input closes (and is stopped if it does not)."""
        with contextlib.suppress(queue.Full):
            self._outbox.put(None, timeout=30)
        try:
            self._proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def _snapshot(output: Path) -> dict[str, int]:
    return {str(p): p.stat().st_size for p in output.rglob("*") if p.is_file()}


def _settled(output: Path, *, quiet: float, limit: float) -> list[str]:
    """Wait until no file under ``output`` changes for ``quiet`` seconds and all are whole
    (see ``search._run_pagefind``: Pagefind answers before its last writes reach the disk)."""
    deadline = time.monotonic() + limit
    before = _snapshot(output)
    broken: list[str] = []
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = _snapshot(output)
        if now == before:
            broken = check_output(output)
            if not broken:
                return []
        before = now
    return broken


def start_stream() -> IndexStream:
    """A fresh Pagefind service with the site's index options; SearchIndexError if Pagefind is missing."""
    try:
        from pagefind.service import get_executable

        executable = get_executable()
    except (ImportError, OSError):
        executable = None
    if executable is None:
        raise SearchIndexError("找不到 Pagefind 程序，无法生成搜索索引。请运行 pip install 'pagefind[extended]'。")
    try:
        return IndexStream(executable)
    except OSError as exc:
        raise SearchIndexError(f"Pagefind 无法启动（{exc}）。") from None


def pages_on_disk(site_dir: Path, glob: str = CASE_PAGES_GLOB) -> set[str]:
    """The site paths Pagefind would read from ``site_dir`` with ``glob``."""
    site_dir = Path(site_dir)
    return {path.relative_to(site_dir).as_posix() for path in site_dir.glob(glob) if path.is_file()}
