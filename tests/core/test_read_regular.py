"""Cache files are read as regular files only (core/cachefile.py: open_regular, read_regular).

A FIFO put in the cache under an entry's name would hold ``open()`` until some writer
came; a device would read for ever. Each is an ``OSError`` at once, as an unreadable
entry is, and the callers make the entry again (the build-level test with FIFOs is in
tests/images/test_cache_integrity.py).
"""

from __future__ import annotations

import errno
import os

import pytest
from showcase.core.cachefile import Record, problem, read_regular


def test_a_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "entry.json"
    path.write_bytes(b'{"size": 1}')
    assert read_regular(path) == b'{"size": 1}'


@pytest.mark.timeout(20)
def test_a_fifo_is_refused_at_once(tmp_path):
    fifo = tmp_path / "qr.json"
    os.mkfifo(fifo)
    with pytest.raises(OSError) as raised:
        read_regular(fifo)
    assert raised.value.errno == errno.EINVAL and "不是普通文件" in str(raised.value)


@pytest.mark.timeout(20)
def test_a_device_is_refused_not_read_for_ever():
    with pytest.raises(OSError) as raised:
        read_regular("/dev/zero")
    assert raised.value.errno == errno.EINVAL


def test_a_folder_is_the_error_a_folder_gives(tmp_path):
    with pytest.raises(IsADirectoryError):
        read_regular(tmp_path)


@pytest.mark.timeout(20)
def test_a_fifo_recorded_as_empty_is_a_problem_not_a_wait(tmp_path):
    # problem() compares sizes first; a record of size 0 reaches the hashing, which opens the file.
    fifo = tmp_path / "480.jpg"
    os.mkfifo(fifo)
    assert problem(fifo, Record(0, "0" * 64)) == "无法读取（不是普通文件，可能是管道或设备）"
