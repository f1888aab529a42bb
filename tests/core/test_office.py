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
