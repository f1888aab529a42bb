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
