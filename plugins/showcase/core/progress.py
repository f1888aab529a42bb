"""Progress of long work (photos, share cards, case bodies, search index), engine-free.

    with progress("处理照片", total=len(images)) as tick:
        for image in images:
            ...
            tick()

Three ways to show it, chosen once per bar:

- ``bar``: on a terminal (and not in CI), a bar redrawn in place with counts and the
  time left;
- ``lines``: in CI logs and redirected output, a plain line when the work has run for a
  few seconds and then every ``LINE_SECONDS``, and one at the end (a bar redrawn with
  carriage returns turns into thousands of lines in a log file). Lines go to ``log``
  when given (the plugin passes its logger, so MkDocs prints them as INFO lines);
- ``off``: nothing (``mkdocs build --quiet``; tests).

Work that ends within ``QUIET_SECONDS`` shows no lines at all.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Literal, TextIO

Mode = Literal["auto", "bar", "lines", "off"]
WIDTH = 24
FILL, EMPTY = "█", "░"
_REDRAW_SECONDS = 0.1
QUIET_SECONDS = 3.0  # work shorter than this shows no lines
LINE_SECONDS = 10.0  # in logs, one line this often


def should_draw(stream: TextIO, environ: dict[str, str] | None = None) -> bool:
    """True when ``stream`` is a terminal and we are not running in CI."""
    env = os.environ if environ is None else environ
    if env.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # closed stream
        return False


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def duration(seconds: float) -> str:
    """``约 2 分 05 秒`` style, for the time left."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} 秒"
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} 分 {rest:02d} 秒"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} 小时 {minutes:02d} 分"


class Progress:
    """State of one bar. ``tick(n)`` advances it; output is throttled."""

    def __init__(
        self,
        label: str,
        total: int | None,
        stream: TextIO,
        mode: Mode,
        clock: Callable[[], float] = time.monotonic,
        log: Callable[[str], None] | None = None,
    ):
        self.label = label
        self.total = total if total and total > 0 else None
        self.done = 0
        self.stream = stream
        self.mode = mode
        self.log = log
        self._clock = clock
        self._start = clock()
        self._last_draw = float("-inf")
        self._last_line = self._start - LINE_SECONDS + QUIET_SECONDS  # the first line after QUIET_SECONDS
        self._last_width = 0
        self._lines = 0
        self._first: tuple[float, int] | None = None  # when the first step ended, and how many it made

    @property
    def enabled(self) -> bool:
        return self.mode != "off"

    def __call__(self, n: int = 1) -> None:
        self.done += n
        if self.mode == "off":
            return
        now = self._clock()
        if self._first is None and self.done > 0:
            self._first = (now, self.done)
        if self.mode == "bar":
            if now - self._last_draw >= _REDRAW_SECONDS or (self.total is not None and self.done >= self.total):
                self._draw()
                self._last_draw = now
        elif now - self._last_line >= LINE_SECONDS:
            self._say(self.line(now))
            self._last_line = now

    def left(self, now: float | None = None) -> float | None:
        """Seconds still to go at the pace since the first step ended, or None before a
        second step. Not since the start: work often starts late (the bodies' bar is opened
        before the workers start, and a warm build then takes them from the cache all at
        once), and one slow first step would promise hours for seconds of work."""
        if self.total is None or self._first is None or self.done <= self._first[1]:
            return None
        since, counted = self._first
        spent = (self._clock() if now is None else now) - since
        return spent / (self.done - counted) * max(self.total - self.done, 0)

    def line(self, now: float | None = None) -> str:
        """The text of the bar as it is now."""
        if self.total is None:  # a heartbeat, or work with no total: the time so far (a bare "… 0" read as nothing done)
            spent = (self._clock() if now is None else now) - self._start
            counted = f"，{self.done} 项" if self.done else ""
            return (
                f"{self.label}：已用 {duration(spent)}{counted}"
                if self.mode == "lines"
                else f"{self.label} … 已用 {duration(spent)}{counted}"
            )
        share = min(self.done / self.total, 1.0)
        counts = f"{share * 100:3.0f}% {self.done}/{self.total}"
        left = self.left(now)
        tail = f"，还需约 {duration(left)}" if left is not None and self.done < self.total and left >= 1 else ""
        if self.mode == "bar":
            filled = int(share * WIDTH)
            return f"{self.label} [{FILL * filled + EMPTY * (WIDTH - filled)}] {counts}{tail}"
        return f"{self.label}：{counts.strip()}{tail}"

    def _say(self, text: str) -> None:
        self._lines += 1
        if self.log is not None:
            self.log(text)
        else:
            self.stream.write(text + "\n")
            self.stream.flush()

    def _draw(self) -> None:
        text = self.line()
        width = _display_width(text)
        pad = " " * max(self._last_width - width, 0)
        self._last_width = width
        self.stream.write("\r" + text + pad)
        self.stream.flush()

    def finish(self, stopped: bool = False) -> None:
        """The last word: the bar whole, or in a log "完成" and the time; ``stopped``: the work
        ended by an error or Ctrl-C, said as "已停止" (a booklet's layout past its time limit
        was logged as 完成 just before the error saying it was stopped)."""
        if self.mode == "bar":
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
        elif self.mode == "lines" and self._lines:  # said something: say that it ended
            elapsed = self._clock() - self._start
            if self.total:
                counted = f" {self.done}/{self.total}"
            elif self.done:
                counted = f" {self.done}"
            else:  # work that counts nothing (a heartbeat): "完成 0" would read as "nothing was done"
                counted = ""
            if stopped:
                self._say(f"{self.label}：已停止，用时 {duration(elapsed)}")
            else:
                self._say(f"{self.label}：完成{counted}，用时 {duration(elapsed)}")


Reporter = Callable[..., AbstractContextManager[Progress]]  # progress(label, total) as a parameter


def silent(label: str, total: int | None = None) -> AbstractContextManager[Progress]:
    """A reporter that shows nothing (the default of engine-free functions)."""
    return progress(label, total, mode="off")


@contextmanager
def heartbeat(report: Reporter, label: str, every: float = 1.0) -> Iterator[Progress]:
    """Progress of work that cannot count its steps (an external indexer): the time so far,
    shown by a thread while the block runs."""
    with report(label, None) as bar:
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(every):
                bar(0)

        thread = threading.Thread(target=beat, name="showcase-heartbeat", daemon=True)
        thread.start()
        try:
            yield bar
        finally:
            stop.set()
            thread.join()


def choose(stream: TextIO, mode: Mode = "auto") -> Mode:
    """``auto`` resolved: a bar on a terminal outside CI, lines elsewhere."""
    if mode != "auto":
        return mode
    return "bar" if should_draw(stream) else "lines"


@contextmanager
def progress(
    label: str,
    total: int | None = None,
    *,
    stream: TextIO | None = None,
    enabled: bool | None = None,
    mode: Mode = "auto",
    log: Callable[[str], None] | None = None,
) -> Iterator[Progress]:
    """Show progress while the block runs; yields the ``tick`` callable.

    ``enabled=True`` forces the bar, ``enabled=False`` (or ``mode="off"``) silences it.
    """
    out = stream if stream is not None else sys.stderr
    if enabled is not None:
        mode = "bar" if enabled else "off"
    bar = Progress(label, total, out, choose(out, mode), log=log)
    try:
        yield bar
    except BaseException:
        bar.finish(stopped=True)
        raise
    bar.finish()
