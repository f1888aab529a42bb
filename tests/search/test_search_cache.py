"""The search index kept between builds (core/outputs/search_cache.py), with real Pagefind runs.

A small site of case pages is indexed with the cache twice: the second index is taken from
the cache, holds the same pages with the same text, and Pagefind's own scripts are those
Pagefind writes (never the cache's). A changed page is indexed again; in a sharded index only
its bundle. An entry that was tampered with (a fragment pointing at ``javascript:``, a
script put into it, a path leaving the folder, a file cut short) is not used: the bundle is
indexed again, the entry replaced, and the damage reported. The pair files made from the
index are kept with it, and made again when an entry of them was tampered with.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path

import pytest
from showcase.core.outputs.search import SearchPlan, build_search_index, plan_search, search_cache
from showcase.core.outputs.search_cache import DATA_FILE
from showcase.core.outputs.search_pairs import PAIRS_DIR, build_pairs

from tests.support.build import search_fragments

PAGE = """<!doctype html><html lang="zh"><head><title>{title}</title></head><body>
<main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>"""
TEXTS = ["社区为空巢老人开设长者食堂，每天中午送餐上门。", "志愿者在村里组织移风易俗宣讲。", "青少年在家门口的书屋读书。"]


def write_site(site: Path, texts: list[str] = TEXTS) -> list[str]:
    pages = []
    for n, text in enumerate(texts, 1):
        page = f"cases/case-{n}/index.html"
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text(PAGE.format(title=f"案例{n}", text=text), encoding="utf-8")
        pages.append(page)
    withdrawn = site / "cases" / "withdrawn" / "index.html"  # read, but holds no search body
    withdrawn.parent.mkdir(parents=True, exist_ok=True)
    withdrawn.write_text("<html><body><p>已撤回</p></body></html>", encoding="utf-8")
    return pages


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.tar"))


def code_files(output: Path) -> dict[str, str]:
    found = {}
    for path in sorted(output.rglob("*")):
        name = path.relative_to(output).as_posix()
        if path.is_file() and not DATA_FILE.fullmatch(name) and not name.startswith("shard-"):
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def rewrite_entry(entry: Path, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes]) -> None:
    """Rewrite a cache entry: ``change`` gives each member's new bytes (None drops it), ``extra`` adds members."""
    with tarfile.open(entry) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}  # type: ignore[union-attr]
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as tar:
        for name, content in [*((n, change(n, c)) for n, c in members.items()), *extra.items()]:
            if content is None:
                continue
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    entry.write_bytes(out.getvalue())


def same(name: str, content: bytes) -> bytes | None:
    return content


def javascript_url(name: str, content: bytes) -> bytes | None:
    if not name.startswith("fragment/"):
        return content
    return gzip.compress(gzip.decompress(content).replace(b'"url":"/cases/case-1/"', b'"url":"javascript:alert(1)"'))


def cut_short(name: str, content: bytes) -> bytes | None:
    return content[: len(content) // 2] if name.startswith("index/") else content


def no_fragments(name: str, content: bytes) -> bytes | None:
    return None if name.startswith("fragment/") else content


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write_site(tmp_path / "site")
    return tmp_path / "site"


@pytest.fixture(scope="module")
def first_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``site`` indexed once with an empty cache (its ``site/`` and ``cache/``), for the tests
    that begin there: one Pagefind run for all of them, not one each."""
    folder = tmp_path_factory.mktemp("first-index")
    write_site(folder / "site")
    build_search_index(folder / "site", cache=search_cache(folder / "cache"))
    return folder


@pytest.fixture
def indexed(first_index: Path, tmp_path: Path) -> Path:
    """A copy of ``first_index`` in ``tmp_path``: its site folder (``tmp_path / "cache"`` its cache)."""
    for name in ("site", "cache"):
        shutil.copytree(first_index / name, tmp_path / name)
    return tmp_path / "site"


def test_an_unchanged_site_takes_its_index_from_the_cache(site: Path, tmp_path: Path) -> None:
    cache = search_cache(tmp_path / "cache")
    first = build_search_index(site, cache=cache)
    assert (first.pages, first.reused) == (3, 0)
    assert len(entries(tmp_path / "cache")) == 1 and cache.stored == 1
    fresh = search_fragments(site)
    fresh_code = code_files(site / "pagefind")
    entry_file = (site / "pagefind" / "pagefind-entry.json").read_bytes()

    (site / "pagefind").rename(site.parent / "old-pagefind")  # the next build starts from an empty site folder
    again = search_cache(tmp_path / "cache")
    second = build_search_index(site, cache=again)
    assert (second.pages, second.reused) == (3, 1)
    assert again.hits == 1 and again.damaged == []
    assert search_fragments(site) == fresh
    assert sorted(search_fragments(site)) == ["/cases/case-1/", "/cases/case-2/", "/cases/case-3/"]
    assert code_files(site / "pagefind") == fresh_code  # Pagefind's scripts, written by Pagefind in this build
    assert (site / "pagefind" / "pagefind-entry.json").read_bytes() == entry_file
    assert again.area().used == frozenset(entries(tmp_path / "cache"))  # kept by the pruning


def test_pagefind_writes_its_own_files_once_a_process_for_indexes_taken_from_the_cache(
    indexed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each rebuild of ``mkdocs serve`` whose index came from the cache ran Pagefind for one
    small page to have its scripts: once a process does (for the same Pagefind program)."""
    import pagefind.service
    from showcase.core.outputs import search

    runs: list[int] = []
    launch = pagefind.service.PagefindService.launch

    async def counted(self):  # type: ignore[no-untyped-def]
        runs.append(1)
        return await launch(self)

    monkeypatch.setattr(pagefind.service.PagefindService, "launch", counted)
    monkeypatch.setattr(search, "_CODE_WRITTEN", {})
    written = []
    for _ in range(3):  # three builds of the same pages, each from an empty site folder
        shutil.rmtree(indexed / "pagefind")
        report = build_search_index(indexed, cache=search_cache(tmp_path / "cache"))
        assert (report.pages, report.reused) == (3, 1)
        written.append(code_files(indexed / "pagefind"))
    assert len(runs) == 1 and written[0] == written[1] == written[2] and written[0]
    # another Pagefind program (an upgrade while `mkdocs serve` runs) writes them again
    program = tmp_path / "pagefind_extended"
    shutil.copy2(pagefind.service.get_executable(), program)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    shutil.rmtree(indexed / "pagefind")
    build_search_index(indexed, cache=search_cache(tmp_path / "cache"))
    assert len(runs) == 2 and code_files(indexed / "pagefind") == written[0]


def test_a_changed_page_is_indexed_again(indexed: Path, tmp_path: Path) -> None:
    site = indexed
    page = site / "cases" / "case-2" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("移风易俗", "红白喜事简办"), encoding="utf-8")
    (site / "pagefind").rename(site.parent / "old-pagefind")
    cache = search_cache(tmp_path / "cache")
    done = build_search_index(site, cache=cache)
    assert done.reused == 0 and cache.stored == 1
    assert "红白喜事简办" in search_fragments(site)["/cases/case-2/"]["content"].replace("\u200b", "")
    assert len(entries(tmp_path / "cache")) == 2  # the old one stays until a build prunes it


def test_a_sharded_index_indexes_again_only_the_bundle_of_a_changed_page(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pages = write_site(site, [*TEXTS, "社区调解室化解邻里纠纷。"])
    plan = SearchPlan((tuple(pages[:2]), tuple(pages[2:])))
    first = build_search_index(site, plan=plan, jobs=2, cache=search_cache(tmp_path / "cache"))
    assert (first.pages, first.shards, first.reused) == (4, 2, 0)
    (site / pages[3]).write_text(PAGE.format(title="案例4", text="社区调解室化解邻里纠纷，居民点赞。"), encoding="utf-8")
    cache = search_cache(tmp_path / "cache")
    second = build_search_index(site, plan=plan, jobs=2, cache=cache)
    assert (second.pages, second.reused) == (4, 1)
    assert cache.hits == 1 and cache.stored == 1


def test_a_new_case_indexes_again_only_the_bundles_whose_cases_changed(tmp_path: Path) -> None:
    """The bundles are cut where the cases say (plan_search): a new case, the newest,
    leaves the older bundles' cases, and so their kept index, as they were."""
    site = tmp_path / "site"
    texts = [f"{text}第{n}次活动。" for n in range(4) for text in TEXTS][:8]
    pages = write_site(site, texts)
    dates = {page: f"2024-01-{n:02d}" for n, page in enumerate(pages, 1)}  # case-8 the newest
    plan = plan_search([p.removesuffix("index.html") for p in pages[:7]], 2, dates)
    assert [len(g) for g in plan.groups] == [2, 1, 2, 2]
    for page in pages[7:]:
        (site / page).unlink()
    first = build_search_index(site, plan=plan, jobs=2, cache=search_cache(tmp_path / "cache"))
    assert (first.pages, first.shards, first.reused) == (7, 4, 0)
    write_site(site, texts)  # case-8 published
    (site / "pagefind").rename(site.parent / "old-pagefind")
    grown = plan_search([p.removesuffix("index.html") for p in pages], 2, dates)
    cache = search_cache(tmp_path / "cache")
    second = build_search_index(site, plan=grown, jobs=2, cache=cache)
    assert [len(g) for g in grown.groups] == [2, 2, 2, 2] and len(set(grown.groups) - set(plan.groups)) == 2
    assert (second.pages, second.shards, second.reused) == (8, 4, 2)
    assert sorted(search_fragments(site)) == ["/cases/case-7/", "/cases/case-8/"]  # the newest bundle, indexed again


@pytest.mark.parametrize(
    "change, extra, why",
    [
        (javascript_url, {}, "不属于本次构建"),
        (same, {"pagefind.js": b"alert(document.cookie)"}, "不属于搜索索引的文件"),
        (same, {"../../escaped.txt": b"x"}, "不属于搜索索引的文件"),
        (cut_short, {}, "不完整"),
        (no_fragments, {}, "页面数目"),
    ],
    ids=["javascript-url", "script-added", "path-outside", "cut-short", "fragments-missing"],
)
def test_a_tampered_entry_is_not_used(indexed: Path, tmp_path: Path, change, extra: dict[str, bytes], why: str) -> None:
    site = indexed
    fresh = search_fragments(site)
    (entry,) = entries(tmp_path / "cache")
    rewrite_entry(entry, change, extra)
    (site / "pagefind").rename(site.parent / "old-pagefind")
    cache = search_cache(tmp_path / "cache")
    done = build_search_index(site, cache=cache)
    assert done.reused == 0 and cache.hits == 0
    assert len(cache.damaged) == 1 and why in cache.damaged[0] and entry.name in cache.damaged[0]
    assert search_fragments(site) == fresh
    assert b"alert" not in (site / "pagefind" / "pagefind.js").read_bytes()
    assert not (tmp_path / "escaped.txt").exists() and not (site / "escaped.txt").exists()
    assert cache.stored == 1  # replaced by the fresh index
    again = search_cache(tmp_path / "cache")
    (site / "pagefind").rename(site.parent / "older-pagefind")
    assert build_search_index(site, cache=again).reused == 1 and again.damaged == []


def pair_files(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((site / PAIRS_DIR).glob("*.json"))}


def test_the_pair_files_are_kept_with_the_index(site: Path, tmp_path: Path) -> None:
    urls = {"/cases/case-1/", "/cases/case-2/", "/cases/case-3/"}
    cache = search_cache(tmp_path / "cache")
    build_search_index(site, cache=cache)
    made = build_pairs(site, [site / "pagefind"], urls, 4, cache=cache)
    assert not made.kept and made.chars > 20
    fresh = pair_files(site)
    assert len(fresh) == 4 and len(entries(tmp_path / "cache")) == 2  # the index and its pair files

    shutil.rmtree(site / "search")
    (site / "pagefind").rename(site.parent / "old-pagefind")
    again = search_cache(tmp_path / "cache")
    build_search_index(site, cache=again)
    kept = build_pairs(site, [site / "pagefind"], urls, 4, cache=again)
    assert kept.kept and again.hits == 2
    assert pair_files(site) == fresh
    assert build_pairs(site, [site / "pagefind"], urls, 5, cache=again).kept is False  # other buckets: made again

    other = search_cache(tmp_path / "cache")  # a bundle not read through the cache: no key, pairs made
    assert build_pairs(site, [site / "pagefind"], urls, 4, cache=other).kept is False


@pytest.mark.parametrize(
    "content, why", [(b'{"\\u8001": 1}', "内容不对"), (b"<script>", "无法读取"), (b"[1]", "内容不对")], ids=["number", "markup", "list"]
)
def test_tampered_pair_files_are_made_again(site: Path, tmp_path: Path, content: bytes, why: str) -> None:
    urls = {"/cases/case-1/", "/cases/case-2/", "/cases/case-3/"}
    cache = search_cache(tmp_path / "cache")
    build_search_index(site, cache=cache)
    build_pairs(site, [site / "pagefind"], urls, 4, cache=cache)
    fresh = pair_files(site)
    (entry,) = [e for e in entries(tmp_path / "cache") if e.name != cache.path(cache.bundle_keys[(site / "pagefind").resolve()]).name]
    rewrite_entry(entry, lambda name, data: content if name == "1.json" else data, {})
    again = search_cache(tmp_path / "cache")
    build_search_index(site, cache=again)
    done = build_pairs(site, [site / "pagefind"], urls, 4, cache=again)
    assert not done.kept and len(again.damaged) == 1 and why in again.damaged[0]
    assert pair_files(site) == fresh


@pytest.mark.parametrize("kind", ["garbage", "fifo", "folder"])
def test_an_entry_that_is_no_tar_file_is_said_in_chinese(indexed: Path, tmp_path: Path, kind: str) -> None:
    site = indexed
    (entry,) = entries(tmp_path / "cache")
    entry.unlink()
    if kind == "garbage":
        entry.write_bytes(bytes(range(256)) * 20)
    elif kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.mkdir()
    (site / "pagefind").rename(site.parent / "old-pagefind")
    cache = search_cache(tmp_path / "cache")
    done = build_search_index(site, cache=cache)  # a FIFO is not waited on
    assert done.reused == 0 and done.pages == 3
    why = {"garbage": "不是完整的缓存文件", "fifo": "无法读取：", "folder": "无法读取："}[kind]
    assert len(cache.damaged) == 1 and f"{entry}：{why}" in cache.damaged[0] and cache.damaged[0].endswith("已重新建立这部分搜索索引")
    assert not re.search(r"[A-Za-z]{4,}", cache.damaged[0].replace(str(entry), "")), cache.damaged[0]
