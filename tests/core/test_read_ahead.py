"""``cachefile.reading_ahead``: the kernel is asked for the files a block is about to read.

Whether the pages really come from the disk sooner is measured, not tested
(``scripts/bench_read_ahead.py``: it empties the page cache, which needs root and slows
everything else on the machine). What is tested: each file is advised once, in order,
whatever is missing or not a file; a block that fails stops the thread; nothing at all
happens where ``posix_fadvise`` does not exist.
"""

from __future__ import annotations

import os
import threading
import time

import pytest
from showcase.core import cachefile
from showcase.core.cachefile import read_ahead_budget, reading_ahead


def recorder(monkeypatch) -> list[str]:
    advised: list[str] = []
    opened: dict[int, str] = {}
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        opened[fd] = os.fspath(path)
        return fd

    def fake_advise(fd, offset, length, advice):
        assert (offset, length, advice) == (0, 0, os.POSIX_FADV_WILLNEED)
        advised.append(opened[fd])

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "posix_fadvise", fake_advise)
    return advised


def until(done, seconds: float = 5.0) -> None:
    """The block's reading, in these tests: wait for the thread (the block ending stops it)."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="posix_fadvise is Linux and BSD only")
def test_each_readable_file_is_advised_once_in_order(tmp_path, monkeypatch):
    files = [tmp_path / f"{n}.jpg" for n in range(5)]
    for f in files:
        f.write_bytes(b"x" * 100)
    (tmp_path / "folder").mkdir()
    advised = recorder(monkeypatch)
    paths = [files[0], tmp_path / "missing.jpg", files[1], tmp_path / "folder" / "x", *files[2:]]
    with reading_ahead(paths):
        until(lambda: len(advised) >= len(files))
    assert advised == [str(f) for f in files]


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="posix_fadvise is Linux and BSD only")
def test_a_generator_is_consumed_by_the_thread_and_the_thread_ends_with_the_block(tmp_path, monkeypatch):
    files = [tmp_path / f"{n}" for n in range(3)]
    for f in files:
        f.write_text("x", encoding="utf-8")
    advised = recorder(monkeypatch)
    consumed_by: set[str] = set()

    def paths():
        for f in files:
            consumed_by.add(threading.current_thread().name)
            yield f

    with reading_ahead(paths()):
        until(lambda: len(advised) >= len(files))
    assert advised == [str(f) for f in files]
    assert consumed_by == {"showcase-read-ahead"}
    assert not [t for t in threading.enumerate() if t.name == "showcase-read-ahead"]


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="posix_fadvise is Linux and BSD only")
def test_a_failing_block_stops_the_thread_and_its_error_goes_through(tmp_path, monkeypatch):
    started = threading.Event()
    release = threading.Event()
    advised = recorder(monkeypatch)
    f = tmp_path / "f"
    f.write_text("x", encoding="utf-8")

    def paths():
        yield f
        started.set()
        release.wait(5)
        for _ in range(1000):
            yield f

    with pytest.raises(KeyError), reading_ahead(paths()):
        started.wait(5)
        release.set()
        raise KeyError("the block's own error")
    assert 1 <= len(advised) < 1001
    assert not [t for t in threading.enumerate() if t.name == "showcase-read-ahead"]


def test_without_posix_fadvise_nothing_is_opened(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "posix_fadvise", raising=False)
    opened: list[str] = []
    monkeypatch.setattr(os, "open", lambda *a, **k: opened.append(a[0]))
    with reading_ahead([tmp_path / "a", tmp_path / "b"]):
        pass
    assert opened == []


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="posix_fadvise is Linux and BSD only")
def test_no_more_is_asked_for_than_the_budget(tmp_path, monkeypatch):
    files = [tmp_path / f"{n}.jpg" for n in range(10)]
    for f in files:
        f.write_bytes(b"x" * 1000)
    monkeypatch.setattr(cachefile, "read_ahead_budget", lambda: 3500)
    advised = recorder(monkeypatch)
    with reading_ahead(files):
        until(lambda: len(advised) >= 4)
        time.sleep(0.1)  # room for a fifth, which must not come
    assert advised == [str(f) for f in files[:4]]  # 4,000 bytes asked for: the fourth crossed 3,500


def test_the_budget_is_a_quarter_of_the_available_memory():
    budget = read_ahead_budget()
    total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    assert 0 < budget <= total // 4


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_pipe_or_a_device_among_the_files_is_passed_over_not_waited_on(tmp_path, monkeypatch):
    """Someone's FIFO in the cache: opening it to read would wait for a writer forever."""
    pipe = tmp_path / "entry" / "960.webp"
    pipe.parent.mkdir()
    os.mkfifo(pipe)
    after = tmp_path / "after.jpg"
    after.write_bytes(b"x")
    advised = recorder(monkeypatch)
    with reading_ahead([pipe, "/dev/zero", after]):
        until(lambda: len(advised) >= 1)
    assert advised == [str(after)]
    assert not [t for t in threading.enumerate() if t.name == "showcase-read-ahead"]
