"""Work spread over the processor cores: how many there are, and a forked map.

Used by the collection loaders (``showcase check``, the site's first load), the photo
pipeline and the speed-up layer, so that each decides alike when processes pay.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import ModuleType
from typing import Any, TypeVar

resource: ModuleType | None
try:  # Unix only; on Windows the CPU time is not reported
    import resource
except ImportError:  # pragma: no cover
    resource = None

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_MIN_ITEMS = 400  # below this, starting worker processes costs more than it saves
_task: Callable[[Any], Any] | None = None


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds (user and system) of this process, and of its children waited for (a
    Pagefind run, a forked worker once it ended); 0.0 where they are not reported."""
    if resource is None:
        return 0.0, 0.0
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


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


# glibc's mallopt parameters (malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def keep_freed_memory() -> None:
    """Let this process reuse the memory it frees instead of handing it back at once.

    For the image workers (share cards, photo renditions), called when each starts. glibc
    gives every block above its current threshold (128 KB at first) its own mapping and
    returns it to the system when freed, so each card's image buffers (the decoded cover,
    the crop, the 1200 × 630 canvas: about 9 MB) were mapped and faulted in page by page
    again: 3,200 page faults and 8 of a card's 23 ms, measured on the sample's photos.
    With blocks up to 32 MB taken from the heap and up to 64 MB of free heap kept, a card
    takes 15 ms and faults no page. A worker keeps at most those 64 MB more. Only glibc has
    ``mallopt``; elsewhere this does nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # here: only the image workers need it (3 ms of every build's start-up)
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return
    mallopt(_M_MMAP_THRESHOLD, 32 * 1024 * 1024)
    mallopt(_M_TRIM_THRESHOLD, 64 * 1024 * 1024)


def _init(task: Callable[[Any], Any]) -> None:
    global _task
    _task = task
    # A site build pauses its collector while it reads the cases (plugin/speedup/scale.py,
    # hold_collector); a worker forked meanwhile collects its own garbage (share cards, photos).
    gc.enable()


def _run(chunk: Sequence[Any]) -> list[Any]:
    assert _task is not None
    return [_task(item) for item in chunk]


def forked_map(
    task: Callable[[T], R], items: Sequence[T], jobs: int = 0, *, minimum: int | None = None, tick: Callable[[int], None] | None = None
) -> list[R] | None:
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
            done: list[R] = []
            for chunk in pool.map(_run, chunks):  # map keeps the order
                done.extend(chunk)
                if tick is not None:
                    tick(len(chunk))
            return done
    except (OSError, RuntimeError, ImportError):  # no processes here: one core it is
        return None


def map_on_cores(
    task: Callable[[T], R], items: Sequence[T], jobs: int = 0, *, minimum: int | None = None, tick: Callable[[int], None] | None = None
) -> list[R]:
    """``[task(item) for item in items]``: in forked workers where that pays (``forked_map``), else
    here; ``tick(n)`` is told of the items done as they are (a progress bar)."""
    done = forked_map(task, items, jobs, minimum=minimum, tick=tick)
    if done is not None:
        return done
    here = []
    for item in items:
        here.append(task(item))
        if tick is not None:
            tick(1)
    return here
