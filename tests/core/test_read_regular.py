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


def test_files_are_opened_in_binary_mode_where_the_system_has_a_text_mode(tmp_path, monkeypatch):
    # Windows' os.open opens in text mode unless given O_BINARY (CPython issue 52646): a
    # photo's bytes then stop at its first 0x1A. 50 of the sample site's 51 photos read as
    # the same 59 bytes that way (0x1A is in JPEG's standard quantization table), so every
    # photo had one cache key and its renditions failed as "文件在构建过程中被改动了"
    # (image-changed): the build read the whole file and found another digest. 0x8000 is
    # Windows' O_BINARY and Linux's O_LARGEFILE, harmless here.
    monkeypatch.setattr(os, "O_BINARY", 0x8000, raising=False)
    opened = []
    real_open = os.open

    def recording_open(path, flags, *args, **kwargs):
        opened.append(flags)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording_open)
    path = tmp_path / "photo1.jpg"
    path.write_bytes(b"\xff\xd8\xff\x1a\r\n")
    assert read_regular(path) == b"\xff\xd8\xff\x1a\r\n"
    assert opened and all(flags & 0x8000 for flags in opened)
