"""A complete build removes the cache files it did not use, and nothing a build needs.

Real ``mkdocs build`` runs in a temporary project: a case's title, photo and body are
changed, and the next build removes the old share card, the old photo's renditions, the
old body and the old search index, keeps a file put in the cache by hand, and leaves a cache from which a third
build makes nothing again. A build that shares the cache with another build running, a
build with ``prune_cache: false`` and a one-case preview remove nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from showcase.core.cacheprune import CacheLock

from tests.support.build import mkdocs_build
from tests.support.images import phone_jpeg
from tests.support.project import configure, edit_front_matter, make_project, project_folder, write_case

SITE_URL = "https://anli.example.org/showcase/"
PRUNED = "清理缓存：删除了"
BUSY = "另一个构建正在使用缓存文件夹，本次不清理缓存。"


def build(project: Path) -> str:
    done = mkdocs_build(project, "site")
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


def cache_files(project: Path) -> set[str]:
    root = project / ".cache" / "showcase"
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and not p.name.endswith(".lock")}


def small_project(folder: Path, **options: object) -> Path:
    project = make_project(folder)
    configure(project, SITE_URL, image_workers=1, **options)
    for n in (1, 2):
        case = write_case(project / "cases", f"prune-00{n}", n, body=f"## 基本情况\n\n第{n}个案例的正文。\n\n![活动照片](photo2.jpg)\n")
        phone_jpeg(case.parent / "photo2.jpg", size=(900, 600), noise=30, seed=n)
    return project


def case_file(project: Path, n: int) -> Path:
    return next((project / "cases").glob(f"*/prune-00{n}/index.md"))


@pytest.fixture(scope="module")
def rounds() -> Iterator[tuple[Path, list[set[str]], list[str]]]:
    """The cache after three builds: the first, one after editing, one after nothing changed."""
    with project_folder("cache-prune-") as folder:
        project = small_project(folder)
        logs = [build(project)]
        files = [cache_files(project)]
        one = case_file(project, 1)
        edit_front_matter(one, "title: 第1号社区互助实践案例", "title: 第1号社区互助实践案例（修订稿）")  # a new share card
        phone_jpeg(one.parent / "photo2.jpg", size=(900, 600), noise=30, seed=9)  # new renditions
        two = case_file(project, 2)
        two.write_text(two.read_text(encoding="utf-8") + "\n补充一句新的内容。\n", encoding="utf-8")  # a new body
        (project / ".cache" / "showcase" / "images" / "说明.txt").write_text("手工放的文件", encoding="utf-8")
        logs.append(build(project))
        files.append(cache_files(project))
        logs.append(build(project))
        files.append(cache_files(project))
        yield project, files, logs


def test_the_entries_an_edit_replaced_are_removed(rounds: tuple[Path, list[set[str]], list[str]]) -> None:
    project, files, logs = rounds
    first, second, _ = files
    assert PRUNED not in logs[0]
    assert PRUNED in logs[1]
    removed, added = first - second, second - first - {"images/说明.txt"}
    # The old card and its record, the old photo's entry (two widths, two formats, its
    # manifest), the two old bodies and the old search index; as many new ones in their place.
    cards = {p for p in removed if p.startswith("images/share/")}
    bodies = {p for p in removed if p.startswith("bodies/")}
    search = {p for p in removed if p.startswith("search/")}
    entry = removed - cards - bodies - search
    assert len(cards) == 2  # the card and its record
    assert len(bodies) == 2  # case 2's body, and case 1's page, which names its photo's new renditions
    # Both cases' pages changed: the index and the pair files made from it.
    assert len(search) == 2 and len({p for p in added if p.startswith("search/")}) == 2
    assert len({p.rsplit("/", 1)[0] for p in entry}) == 1 and "manifest.json" in {p.rsplit("/", 1)[1] for p in entry}
    assert len(added) == len(removed)
    assert "images/说明.txt" in second  # not a file the build writes: kept
    assert not any((project / ".cache" / "showcase" / p).exists() for p in removed)
    assert not (project / ".cache" / "showcase" / next(iter(entry))).parent.exists()  # the emptied folder too


def test_nothing_a_build_needs_is_removed(rounds: tuple[Path, list[set[str]], list[str]]) -> None:
    project, files, logs = rounds
    assert files[2] == files[1]
    assert PRUNED not in logs[2]
    assert "图片 4 张：缓存 4，新处理 0" in logs[2]
    assert "分享图 2 张：缓存 2，新绘制 0" in logs[2]
    assert "案例页与上次构建相同，沿用了上次的索引" in logs[2]
    site = project / "site" / "cases"
    published = [p for p in site.rglob("*.jpg")]
    assert len(published) >= 4 and all(p.stat().st_size > 0 for p in published)


def test_a_build_sharing_the_cache_with_another_removes_nothing(tmp_path: Path) -> None:
    project = small_project(tmp_path / "p")
    build(project)
    edit_front_matter(case_file(project, 1), "title: 第1号社区互助实践案例", "title: 第1号社区互助实践案例（二稿）")
    other = CacheLock()  # another build holding the photo cache (of this project or another naming the folder)
    other.share([project / ".cache" / "showcase" / "images"])
    try:
        before = cache_files(project)
        log = build(project)
    finally:
        other.release()
    assert BUSY in log and PRUNED not in log
    assert before <= cache_files(project)
    log = build(project)  # alone again: the old card goes now
    assert PRUNED in log
    assert len({p for p in before - cache_files(project) if p.startswith("images/share/")}) == 2


def test_prune_cache_false_keeps_every_entry(tmp_path: Path) -> None:
    project = small_project(tmp_path / "p", prune_cache=False)
    build(project)
    before = cache_files(project)
    edit_front_matter(case_file(project, 1), "title: 第1号社区互助实践案例", "title: 第1号社区互助实践案例（三稿）")
    log = build(project)
    assert PRUNED not in log and BUSY not in log
    assert before < cache_files(project)


def test_damaged_search_entries_are_each_said_once_and_made_again(tmp_path: Path) -> None:
    """The kept index and the pair files made from it: each damaged one is named by the build
    (the pair files' entry was not: it was read after the index's damage was reported)."""
    project = small_project(tmp_path / "p")
    build(project)
    kept = sorted((project / ".cache" / "showcase" / "search").glob("*/*.tar"))
    assert len(kept) == 2  # the index and its pair files
    for entry in kept:
        entry.write_bytes(b"\0" * 100)
    log = build(project)
    said = [line for line in log.splitlines() if "已重新生成损坏的缓存文件" in line]
    assert len(said) == 2, log
    assert all("不是完整的缓存文件，已重新建立这部分搜索索引" in line for line in said), said
    assert {entry.name for entry in kept} == {name for line in said for name in [line.split("/")[-1].split("：")[0]]}
    log = build(project)  # made again: used as they are
    assert "已重新生成损坏的缓存文件" not in log and "沿用了上次的索引" in log
