"""Cache files are read as regular files only (core/cachefile.py: open_regular, read_regular).

A FIFO put in the cache under an entry's name would hold ``open()`` until some writer
came; a device would read for ever. Each is an ``OSError`` at once, as an unreadable
entry is, and the callers make the entry again (the build-level test with FIFOs is in
tests/images/test_cache_integrity.py).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

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


@pytest.mark.timeout(20)
@pytest.mark.parametrize("loader", ["texts", "taxonomy", "review_words", "related_terms"])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_site_data_file_that_is_a_fifo_or_a_device_is_one_line_at_once(tmp_path, loader, kind):
    # mkdocs.yml's texts:, taxonomy:, review_words: or related_terms: naming a FIFO held the
    # build and `showcase check` in open() for ever; /dev/zero was read until memory ran out
    # (MemoryError, a traceback). Each is now the loader's own message, at once.
    from showcase.core.case.content import load_review_words
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.errors import ConfigError
    from showcase.core.outputs.search import load_related_terms
    from showcase.core.site.texts import load_texts

    load = {"texts": load_texts, "taxonomy": load_taxonomy, "review_words": load_review_words, "related_terms": load_related_terms}
    if kind == "fifo":
        path = tmp_path / "data.yml"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("no /dev/zero here")
    with pytest.raises(ConfigError) as raised:
        load[loader](path)
    assert str(path) in str(raised.value) and "不是普通文件" in str(raised.value)


def test_a_site_data_file_reads_as_before(tmp_path):
    # A BOM dropped, Windows and old Mac line ends read as \n: what Path.read_text gave.
    from showcase.core.cachefile import read_text_regular

    path = tmp_path / "texts.yml"
    path.write_bytes("\ufeffa: 甲\r\nb: 乙\rc: 丙\n".encode())
    assert read_text_regular(path) == "a: 甲\nb: 乙\nc: 丙\n"
