"""A site built again in the same process after an edit (as ``mkdocs serve`` does) is the
site a clean build gives. (The case cache on its own: tests/core/test_caseload.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from showcase.core.collection import cache as caseload
from showcase.plugin.speedup import templatecode

from tests.support.build import build_site, site_files
from tests.support.project import project_folder, share_cache

from .conftest import make_project


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project() -> Iterator[Path]:
    with project_folder("scale-rebuild-") as folder:
        make_project(folder, generated=0)
        yield share_cache(folder)  # photos and cards from the run's cache: what is rebuilt is the site


def test_a_rebuild_after_an_edit_is_a_clean_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As under ``mkdocs serve``: build, edit one case, build again in the same process."""
    build_site(project, site_dir="site-1")
    index = next(p for p in sorted((project / "cases").rglob("index.md")) if "status: published" in p.read_text(encoding="utf-8"))
    edit(index, "title: ", "title: 改过的")
    build_site(project, site_dir="site-2")
    assert caseload.shared_cache(project / "cases").reloaded == 1
    caseload._CACHES.clear()  # nothing kept: a clean build
    monkeypatch.setattr(templatecode, "_CODE", templatecode.TemplateCode(None))  # every template compiled again
    build_site(project, site_dir="site-3")
    again, clean = site_files(project / "site-2"), site_files(project / "site-3")
    assert sorted(again) == sorted(clean)
    assert [path for path in again if again[path] != clean[path]] == []
    assert any("改过的".encode() in content for content in again.values())
