"""A progress bar for long work (images, search index), engine-free.

    with progress("处理图片", total=len(images)) as tick:
        for image in images:
            ...
            tick()

The bar is drawn on standard error only when it is a terminal and the ``CI``
environment variable is not set: CI logs and redirected output stay quiet (a bar
redrawn with carriage returns turns into thousands of lines in a log file).
"""

from __future__ import annotations

import os
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

T = TypeVar("T")
WIDTH = 24
FILL, EMPTY = "█", "░"
_REDRAW_SECONDS = 0.1


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


class Progress:
    """State of one bar. ``tick(n)`` advances it; drawing is throttled."""

    def __init__(self, label: str, total: int | None, stream: TextIO, enabled: bool, clock: Callable[[], float] = time.monotonic):
        self.label = label
        self.total = total if total and total > 0 else None
        self.done = 0
        self.stream = stream
        self.enabled = enabled
        self._clock = clock
        self._last_draw = float("-inf")
        self._last_width = 0

    def __call__(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = self._clock()
        if now - self._last_draw >= _REDRAW_SECONDS or (self.total is not None and self.done >= self.total):
            self._draw()
            self._last_draw = now

    def line(self) -> str:
        """The text of the bar as it is now."""
        if self.total is None:
            return f"{self.label} … {self.done}"
        share = min(self.done / self.total, 1.0)
        filled = int(share * WIDTH)
        bar = FILL * filled + EMPTY * (WIDTH - filled)
        return f"{self.label} [{bar}] {share * 100:3.0f}% {self.done}/{self.total}"

    def _draw(self) -> None:
        text = self.line()
        width = _display_width(text)
        pad = " " * max(self._last_width - width, 0)
        self._last_width = width
        self.stream.write("\r" + text + pad)
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()


@contextmanager
def progress(label: str, total: int | None = None, *, stream: TextIO | None = None, enabled: bool | None = None) -> Iterator[Progress]:
    """Show a bar while the block runs; yields the ``tick`` callable.

    ``enabled`` forces drawing on or off; by default it follows ``should_draw``.
    """
    out = stream if stream is not None else sys.stderr
    bar = Progress(label, total, out, should_draw(out) if enabled is None else enabled)
    try:
        yield bar
    finally:
        bar.finish()


def track(items: Iterable[T], label: str, total: int | None = None, **kwargs) -> Iterator[T]:
    """Iterate over ``items`` with a bar: ``for image in track(images, "处理图片"): ...``."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with progress(label, total, **kwargs) as tick:
        for item in items:
            yield item
            tick()
