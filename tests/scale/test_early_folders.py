"""The cached files' site folders, made by a forked copy (``plugin/speedup/folders.py``).

Real forks into a temporary site folder: the folders MkDocs would make for the cached
files, and none else; none at all below the threshold. The build with them is compared
with the plain build in ``test_scale_site.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from showcase.plugin.speedup import folders
from showcase.plugin.speedup.cachedfiles import CachedFile


def _files(site: Path, count: int) -> list[File]:
    cards = [CachedFile(f"cases/case-{n:04d}/share-{n:04d}.jpg", str(site.parent / "cache"), str(site), True) for n in range(count)]
    return [*cards, File("assets/site.css", str(site.parent / "docs"), str(site), True)]


def _folders(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_dir()}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "site").mkdir()
    return tmp_path / "site"


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folders, "MIN_FOLDERS", 10)
    monkeypatch.setattr(folders, "forking_allowed", lambda: True)  # pytest-timeout's thread; the copy only makes folders


@pytest.mark.usefixtures("forking")
def test_the_copy_makes_the_cached_files_folders_and_no_other(site: Path) -> None:
    files = _files(site, 40)
    early = folders.EarlyFolders()
    assert early.start(files)
    assert early.worker is not None and early.worker.pid != os.getpid()
    early.wait(files)
    assert early.worker is None
    assert _folders(site) == {"cases", *(f"cases/case-{n:04d}" for n in range(40))}  # not assets/: MkDocs makes it as it copies


@pytest.mark.usefixtures("forking")
def test_a_folder_whose_file_went_away_is_removed_if_empty(site: Path) -> None:
    """A later plugin's on_files dropped two cards: their folders go again, unless something
    was written into one meanwhile."""
    files = _files(site, 20)
    early = folders.EarlyFolders()
    assert early.start(files)
    assert early.worker is not None and early.worker.pid is not None
    os.waitpid(early.worker.pid, 0)  # the copy is done: write into a folder it made
    early.worker.pid = None
    (site / "cases" / "case-0003" / "page.html").write_text("kept", encoding="utf-8")
    final = [file for file in files if "case-0003" not in file.src_uri and "case-0007" not in file.src_uri]
    early.wait(final)
    made = _folders(site)
    assert "cases/case-0007" not in made
    assert "cases/case-0003" in made and (site / "cases" / "case-0003" / "page.html").read_text(encoding="utf-8") == "kept"
    assert len(made) == 1 + 19


def test_below_the_threshold_nothing_is_forked_or_made(site: Path) -> None:
    files = _files(site, folders.MIN_FOLDERS - 1)
    early = folders.EarlyFolders()
    assert not early.start(files)
    assert early.worker is None
    early.wait(files)
    assert _folders(site) == set()


def test_waiting_for_a_build_that_made_none_is_harmless() -> None:
    early = folders.EarlyFolders()
    early.wait(None)
    early.wait([])
    assert early.worker is None and early.made == set()
