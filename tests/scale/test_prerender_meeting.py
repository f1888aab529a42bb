"""Where the build and the first prerender worker meet (plugin/speedup/prerender.py's
``Meeting``): every page converted, by one of them, and the faster one converts more."""

from __future__ import annotations

import os
import time

import pytest
from showcase.plugin.speedup.prerender import Meeting

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the worker is forked")

PAGES = 100


def _meet(build_seconds: float, worker_seconds: float) -> tuple[list[int], list[int]]:
    """The build takes pages from the first on, a forked worker from the last back, each
    taking ``*_seconds`` a page; the pages each converted."""
    meeting = Meeting(PAGES)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(read)
        taken = []
        for index in reversed(range(PAGES)):
            if not meeting.worker_takes(index):
                break
            taken.append(index)
            time.sleep(worker_seconds)
        os.write(write, " ".join(map(str, taken)).encode())
        os._exit(0)
    os.close(write)
    built = []
    for index in range(PAGES):
        if meeting.build_takes(index):
            built.append(index)
            time.sleep(build_seconds)
    with os.fdopen(read, "rb") as stream:
        worked = [int(n) for n in stream.read().split()]
    os.waitpid(pid, 0)
    return built, worked


def test_every_page_is_converted_and_the_faster_side_converts_more():
    # The build does more for each page than the worker (MkDocs' own steps, the body cache).
    built, worked = _meet(0.03, 0.01)
    assert set(built) | set(worked) == set(range(PAGES))
    assert len(set(built) & set(worked)) <= 1  # at most the page both reached at once
    assert built == list(range(len(built)))  # the first pages, in order
    assert worked == list(range(PAGES - 1, PAGES - 1 - len(worked), -1))  # the last, back
    # three times as fast: about three quarters. Sleeps of 10 and 30 ms a page, and a bar of
    # more than the build's: at 1 and 3 ms a busy machine's late wake-ups and a slow fork
    # moved the share (a review of the suite's timing; 27 against a bar of 30 once: af8bdbb)
    assert len(worked) > len(built)


def test_a_slow_worker_leaves_the_pages_to_the_build():
    built, worked = _meet(0.002, 0.04)
    assert set(built) | set(worked) == set(range(PAGES))
    assert len(worked) < len(built)


def test_a_page_the_worker_took_is_left_to_it():
    meeting = Meeting(10)
    assert meeting.worker_takes(9) and meeting.worker_takes(8)
    assert all(meeting.build_takes(index) for index in range(8))
    assert not meeting.build_takes(8) and not meeting.build_takes(9)
    assert not meeting.worker_takes(7)  # the build has passed it: the worker stops
