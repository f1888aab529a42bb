"""Cases loaded through the process's cache: the same collection as a fresh load.

(A site built again in the same process after an edit, as ``mkdocs serve`` does, is in
tests/scale/test_rebuild.py: it builds.)
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from showcase.core.collection.cache import CaseCache
from showcase.core.collection.loading import load_collection
from showcase.core.collection.settings import Settings

from tests.support.project import ROOT, project_folder


def snapshot(collection) -> list[tuple]:
    """What a collection says: each case's fields and problems, and the collection's problems."""
    cases = [
        (c.path, c.id, c.title, c.summary, c.status, c.body, tuple(c.images), tuple(d.format() for d in c.diagnostics))
        for c in collection.cases
    ]
    return [cases, [d.format() for d in collection.diagnostics]]


@pytest.fixture
def cases() -> Iterator[Path]:
    with project_folder("scale-cases-") as folder:
        root = folder / "cases"
        shutil.copytree(ROOT / "cases", root)
        yield root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_load_reads_nothing_and_gives_the_same(cases: Path) -> None:
    cache, settings = CaseCache(), Settings()
    first = cache.load(cases, settings)
    assert cache.reloaded == len(first.cases) > 30
    second = cache.load(cases, settings)
    assert cache.reloaded == 0
    assert snapshot(second) == snapshot(first) == snapshot(load_collection(cases, settings))
    assert all(a is not b for a, b in zip(first.cases, second.cases, strict=True))  # each build its own copies


def test_an_edited_case_is_read_again(cases: Path) -> None:
    cache, settings = CaseCache(), Settings()
    cache.load(cases, settings)
    index = sorted(cases.rglob("index.md"))[0]
    edit(index, "title: ", "title: 改过的")
    after = cache.load(cases, settings)
    assert cache.reloaded == 1
    assert snapshot(after) == snapshot(load_collection(cases, settings))
    assert any(c.title.startswith("改过的") for c in after.cases)


def test_problems_come_and_go_as_in_a_fresh_load(cases: Path) -> None:
    cache, settings = CaseCache(), Settings()
    cache.load(cases, settings)
    first, second = sorted(cases.rglob("index.md"))[:2]
    # the second case takes the first one's id: both get a duplicate-id error
    first_id = next(line for line in first.read_text(encoding="utf-8").splitlines() if line.startswith("id: "))
    second_id = next(line for line in second.read_text(encoding="utf-8").splitlines() if line.startswith("id: "))
    edit(second, second_id, first_id)
    broken = cache.load(cases, settings)
    assert cache.reloaded == 1
    assert snapshot(broken) == snapshot(load_collection(cases, settings))
    assert sum(1 for d in broken.diagnostics if d.code == "duplicate-id") == 2
    edit(second, first_id, second_id)
    fixed = cache.load(cases, settings)
    assert not any(d.code == "duplicate-id" for d in fixed.diagnostics)
    assert snapshot(fixed) == snapshot(load_collection(cases, settings))


def test_a_photo_replaced_counts_as_a_change(cases: Path) -> None:
    cache, settings = CaseCache(), Settings()
    cache.load(cases, settings)
    photo = next(p for p in sorted(cases.rglob("*.jpg")) if (p.parent / "index.md").is_file())
    photo.write_bytes(b"not a picture any more")
    after = cache.load(cases, settings)
    assert cache.reloaded == 1
    assert snapshot(after) == snapshot(load_collection(cases, settings))
    assert any(d.code == "image-bad" for d in after.diagnostics)


def test_added_and_removed_cases(cases: Path) -> None:
    cache, settings = CaseCache(), Settings()
    before = cache.load(cases, settings)
    gone = sorted(cases.rglob("index.md"))[0].parent
    shutil.rmtree(gone)
    source = sorted(cases.rglob("index.md"))[0]
    copy = source.parent.parent / "new-copy-2025-001"
    shutil.copytree(source.parent, copy)
    edit(copy / "index.md", "id: ", "id: x")
    after = cache.load(cases, settings)
    assert cache.reloaded == 1
    assert len(after.cases) == len(before.cases)
    assert snapshot(after) == snapshot(load_collection(cases, settings))


def test_other_settings_read_everything_again(cases: Path) -> None:
    cache = CaseCache()
    first = cache.load(cases, Settings())
    cache.load(cases, Settings(allow_personal_numbers=True))
    assert cache.reloaded == len(first.cases)


def test_only_the_named_case_is_looked_at(cases: Path) -> None:
    """``showcase preview`` watches one case: the others are taken as they were, until a full look."""
    cache, settings = CaseCache(), Settings()
    cache.load(cases, settings)
    watched, other = sorted(cases.rglob("index.md"))[:2]
    edit(watched, "title: ", "title: 预览中")
    edit(other, "title: ", "title: 未预览")
    after = cache.load(cases, settings, only=[watched])
    assert cache.reloaded == 1
    titles = {c.path: c.title for c in after.cases}
    assert titles[watched].startswith("预览中")
    assert not titles[other].startswith("未预览")
    full = cache.load(cases, settings)
    assert cache.reloaded == 1
    assert snapshot(full) == snapshot(load_collection(cases, settings))
