"""Work spread over the processor cores: how many there are, and a forked map.

Used by the collection loaders (``showcase check``, the site's first load), the photo
pipeline and the speed-up layer, so that each decides alike when processes pay.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_MIN_ITEMS = 400  # below this, starting worker processes costs more than it saves
_task: Callable[[Any], Any] | None = None


def cores() -> int:
    """The processor cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a forked worker is safe here: Linux, and this process runs one thread only
    (a forked copy of a process with other threads, such as a preview server, could
    inherit a lock that one of them held)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _init(task: Callable[[Any], Any]) -> None:
    global _task
    _task = task


def _run(chunk: Sequence[Any]) -> list[Any]:
    assert _task is not None
    return [_task(item) for item in chunk]


def forked_map(task: Callable[[T], R], items: Sequence[T], jobs: int = 0, *, minimum: int | None = None) -> list[R] | None:
    """``[task(item) for item in items]`` in forked worker processes, in order.

    None means "do it here": one job, fewer than ``minimum`` items (``PARALLEL_MIN_ITEMS``) (starting processes
    would cost more than it saves), no safe fork, or no processes allowed (a sandbox).
    A forked worker starts at once with what this process loaded (the taxonomy) and
    never runs the command's main module again, as a spawned one would.
    """
    jobs = jobs or cores()
    if jobs < 2 or len(items) < (PARALLEL_MIN_ITEMS if minimum is None else minimum) or not can_fork():
        return None
    size = max(1 if minimum is not None else 32, len(items) // (jobs * 4))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=(task,)) as pool:
            return [result for chunk in pool.map(_run, chunks) for result in chunk]  # map keeps the order
    except (OSError, RuntimeError, ImportError):  # no processes here: one core it is
        return None
