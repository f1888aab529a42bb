"""Finding LibreOffice where its installer put it (core/office.py)."""

from __future__ import annotations

import shutil

from showcase.core import office, system


def test_libreoffice_is_found_where_the_windows_installer_puts_it(tmp_path, monkeypatch):
    # Windows' installer never puts LibreOffice on PATH: .doc files were "not importable"
    # and booklets had no page numbers on a computer that had it (a trial).
    installed = tmp_path / "LibreOffice" / "program" / "soffice.exe"
    installed.parent.mkdir(parents=True)
    installed.write_bytes(b"")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(system, "kind", lambda: "windows")
    monkeypatch.setitem(office.INSTALLED, "windows", (str(tmp_path / "missing.exe"), str(installed)))
    assert office.soffice() == str(installed)
    installed.unlink()
    assert office.soffice() is None


def test_libreoffice_on_path_comes_first(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/soffice" if name == "soffice" else None)
    assert office.soffice() == "/usr/bin/soffice"


def _end_records(count: int, directory: int, zip64: tuple[int, int] | None = None) -> bytes:
    """A zip's end: the end of central directory record claiming ``count`` members and
    ``directory`` bytes, after a zip64 record and its locator claiming ``zip64`` when given."""
    import struct

    head = b"PK\x03\x04" + bytes(26)
    if zip64 is None:
        return head + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, directory, 0, 0)
    record = b"PK\x06\x06" + struct.pack("<QHHIIQQQQ", 44, 45, 45, 0, 0, zip64[0], zip64[0], zip64[1], 0)
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, len(head), 1)
    return head + record + locator + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, count, count, directory, 0, 0)


def test_a_zip_is_too_large_from_one_member_or_one_byte_of_directory_over_the_limit(tmp_path):
    # a mutation audit: the limits, and a zip64 record claiming fewer members than the end record
    import io

    limit, directory = office.MAX_ZIP_MEMBERS, office.MAX_DIRECTORY_BYTES
    assert not office.too_many_members(io.BytesIO(_end_records(limit, directory)))
    assert office.too_many_members(io.BytesIO(_end_records(limit + 1, 100)))
    assert office.too_many_members(io.BytesIO(_end_records(10, directory + 1)))
    assert office.zip_end_record(io.BytesIO(_end_records(0xFFFF, 0xFFFFFFFF, (70_000, 100)))) == (70_000, 0xFFFFFFFF)
    assert office.zip_end_record(io.BytesIO(_end_records(6000, 100, (10, 100)))) == (6000, 100)  # the larger claim
    path = tmp_path / "a.zip"
    path.write_bytes(_end_records(limit + 1, 100))
    assert office.too_many_members(path)


def test_an_interrupted_conversion_ends_libreoffice_before_its_folder_is_removed(tmp_path):
    """An editor's trial: Ctrl+C during the Word booklet's layout left soffice.bin running and
    /tmp/booklet-layout-*/profile behind. LibreOffice runs in a session of its own, which
    the terminal's Ctrl+C does not reach: the interrupted call now ends it, and the
    temporary folder goes."""
    import os
    import signal
    import tempfile
    import threading
    import time
    from pathlib import Path

    import pytest

    marks = tmp_path / "pid"
    office_ = tmp_path / "soffice"  # writes into its profile until it is stopped, as soffice.bin does
    office_.write_text(
        "#!/bin/sh\n"
        f"echo $$ > {marks}\n"
        f'echo "$TMPDIR" > {tmp_path / "tmpdir"}\n'
        'for a in "$@"; do case "$a" in -env:UserInstallation=file://*) profile="${a#-env:UserInstallation=file://}";; esac; done\n'
        'while true; do mkdir -p "$profile/user" && date >> "$profile/user/log"; sleep 0.02; done\n'
    )
    office_.chmod(0o755)

    def interrupt() -> None:  # once LibreOffice writes, as a reader at the keyboard would
        deadline = time.monotonic() + 20
        while not (marks.is_file() and any(tmp_path.glob("booklet-layout-*/profile/user/log"))) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=interrupt, daemon=True).start()
    with pytest.raises(KeyboardInterrupt), tempfile.TemporaryDirectory(prefix="booklet-layout-", dir=tmp_path) as folder:
        source = Path(folder) / "booklet.docx"
        source.write_bytes(b"x")
        office.convert(str(office_), source, "pdf", timeout=30)
    pid = int(marks.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # ended, not running on
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("booklet-layout-")] == []
    # its temporary files were in that folder too: a stopped LibreOffice left its lu….tmp in /tmp
    assert Path((tmp_path / "tmpdir").read_text().strip()).parent.name.startswith("booklet-layout-")


def test_a_stopped_libreoffice_leaves_no_socket_behind(tmp_path):
    """An editor's trial at 10,000 cases: Ctrl+C during a Word booklet's layout left
    LibreOffice's socket (/tmp/OSL_PIPE_…_SingleOfficeIPC_…) and its lu….tmp folder in /tmp.
    A real LibreOffice, stopped as soon as its socket is there."""
    import hashlib
    import os
    import signal
    import socket
    import threading
    import time

    import pytest
    from docx import Document

    soffice = office.soffice()
    if soffice is None:
        pytest.skip("LibreOffice is not installed (make libreoffice)")
    before = office._office_pipes()
    started = tmp_path / "started"

    document = Document()
    for number in range(4000):  # long enough to be stopped in the middle
        document.add_paragraph(f"第 {number} 段：社区志愿者入户走访，了解老人的需要。" * 3)
    folder = tmp_path / "booklet-layout-x"
    folder.mkdir()
    # This LibreOffice's own socket: named by the MD5 of its profile's address in UTF-16, each
    # byte in hexadecimal without its leading zero (its desktop module). Another test's
    # LibreOffice, started at the same moment, has another one: stopping ours when theirs
    # appeared stopped it before it had made anything (a CI run)
    profile = (folder / "profile").resolve().as_uri()
    digest = hashlib.md5(profile.encode("utf-16-le"), usedforsecurity=False).digest()
    ours = "".join(f"{byte:x}" for byte in digest)

    done = threading.Event()  # the test has ended: no interrupt may reach the worker's next test

    def interrupt() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not done.is_set():
            mine = [pipe for pipe in office._office_pipes() - before if pipe.name.endswith(ours)]
            scratch = folder / "tmp"  # its lu….tmp folder, made as it starts, as is its socket
            if mine and scratch.is_dir() and any(scratch.iterdir()):
                started.touch()
                break
            time.sleep(0.05)
        if not done.is_set():
            os.kill(os.getpid(), signal.SIGINT)

    document.save(str(folder / "booklet.docx"))
    interrupter = threading.Thread(target=interrupt, daemon=True)
    interrupter.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            office.convert(soffice, folder / "booklet.docx", "pdf", timeout=120)
            time.sleep(70)  # finished first (it should not): the interrupt still comes here, not later
    finally:
        done.set()
        interrupter.join()
    assert started.is_file(), "LibreOffice made its socket and its temporary files in the caller's folder within 60 s"
    assert not (folder / "booklet.pdf").exists()

    def stale(pipe) -> bool:  # no process answers on it (another test's LibreOffice, running, would)
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(pipe))
            except ConnectionRefusedError:
                return True
            except OSError:
                return False
            return False

    # its own: another worker's LibreOffice refuses connections too as it starts and ends
    left = [pipe for pipe in office._office_pipes() - before if pipe.name.endswith(ours) and stale(pipe)]
    assert left == [], left
    # Its temporary files were in the caller's folder (``started`` waited for them there), which
    # goes with it. Whether they are still there now is a race, not the point: a LibreOffice
    # stopped gracefully removes its own lu….tmp (a CI run found the folder already empty)
