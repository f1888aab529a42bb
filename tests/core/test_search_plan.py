"""How the search index is split into bundles (``search_shard_pages``), engine-free."""

from __future__ import annotations

import gzip
import json

import pytest
from showcase.core.errors import ConfigError
from showcase.core.options import DEFAULTS, Options
from showcase.core.outputs.search import (
    SearchIndexError,
    SearchPlan,
    _run,
    _run_pagefind,
    index_shard,
    plan_search,
    shard_dates,
    shard_glob,
)


def urls(n: int) -> list[str]:
    return [f"cases/c-{i:05d}/" for i in range(n)]


def test_at_or_below_the_size_one_bundle_as_always():
    for n in (0, 1, 5000):
        plan = plan_search(urls(n), 5000)
        assert not plan.sharded and len(plan.groups) == 1 and len(plan.groups[0]) == n
        assert plan.bundles() == []
    assert SearchPlan.output_dir(0) == "pagefind"


def test_above_it_consecutive_groups_cut_from_the_oldest_end():
    """Full groups from the oldest cases on; the newest cases left over, with the group
    before them, make two groups of near-equal size (at least half the size each)."""
    shuffled = list(reversed(urls(5001)))
    plan = plan_search(shuffled, 5000)
    assert [len(g) for g in plan.groups] == [2501, 2500]
    assert [p for g in plan.groups for p in g] == sorted(u + "index.html" for u in shuffled)
    assert plan.bundles() == ["pagefind/shard-1/"]
    big = plan_search(urls(50_000), DEFAULTS.search_shard_pages)
    assert [len(g) for g in big.groups] == [5000] * 10
    assert [len(g) for g in plan_search(urls(50_001), 5000).groups] == [2501, 2500] + [5000] * 9
    assert plan_search(urls(10), 3).groups == plan_search(list(reversed(urls(10))), 3).groups  # deterministic
    assert [len(g) for g in plan_search(urls(10), 3).groups] == [2, 2, 3, 3]
    for n in range(1, 40):  # each at most the size, the two newest at least half of it
        sizes = [len(g) for g in plan_search(urls(n), 4).groups]
        assert sum(sizes) == n and max(sizes) <= 4 and len(sizes) == -(-n // 4)
        assert len(sizes) == 1 or min(sizes[:2]) >= 2


@pytest.mark.parametrize("cases", [8, 9, 12, 4000, 5000, 5001, 9999, 10_000, 10_001, 49_999, 50_000])
def test_a_new_newest_case_leaves_the_older_groups_as_they_were(cases):
    """Most new cases are the newest: the groups but the two newest keep their cases (and
    with them their kept search index), where near-equal groups moved every cut point."""
    shard = 4 if cases < 100 else 5000
    dates = {f"cases/c-{i:05d}/index.html": f"2020-01-01T{i:06d}" for i in range(cases + 1)}  # c-0 oldest
    before = plan_search(urls(cases), shard, dates).groups
    after = plan_search(urls(cases + 1), shard, dates).groups
    older = after[2:]  # all but the two newest groups: the oldest groups of before, as they were
    assert older == before[len(before) - len(older) :]
    assert len(set(after) - set(before)) <= 2 and (cases < shard * 2 or older)


def test_with_dates_the_newest_cases_come_first():
    """Bundle 0 holds the newest cases, and so on; one date's cases in URL order; a case
    without a date counts as the oldest. Inside a bundle the pages are in URL order."""
    days = ["2023-05-01", "2021-01-09", "2024-02-29", "2023-05-01", "2022-12-31", "2024-02-29", "2023-05-01"]
    dates = {f"cases/c-{i:05d}/index.html": d for i, d in enumerate(days)}  # c-00007 has none
    plan = plan_search(reversed(urls(8)), 3, dates)
    # Newest first: c2 c5 (2024-02-29), c0 c3 c6 (2023-05-01), c4, c1, then c7 (no date).
    page = "cases/c-{:05d}/index.html".format
    assert plan.groups == ((page(0), page(2), page(5)), (page(3), page(6)), (page(1), page(4), page(7)))
    assert plan.first == 0 and not plan.tiered  # without search_first_pages: every bundle


@pytest.mark.parametrize(
    ("first_pages", "first"),
    [(1, 1), (4999, 1), (5000, 1), (9999, 1), (10_000, 2), (49_999, 9), (50_000, 10), (10**9, 10)],
)
def test_a_first_search_reads_the_bundles_its_cases_fill(first_pages, first):
    """The most bundles from the first whose pages add up to at most search_first_pages;
    one at least."""
    plan = plan_search(urls(50_000), 5000, first_pages=first_pages)
    assert plan.first == first and plan.tiered == (first < 10)


def test_uneven_bundles_and_one_bundle():
    """At most search_first_pages: 10,001 cases in bundles of 2,501, 2,500 and 5,000 give a
    first search over two (5,001 cases), not three (which would be over the bound)."""
    assert [len(g) for g in plan_search(urls(11), 3, first_pages=6).groups] == [3, 2, 3, 3]
    assert plan_search(urls(11), 3, first_pages=6).first == 2
    assert plan_search(urls(10_001), 5000, first_pages=10_000).first == 2
    assert not plan_search(urls(40), 50, first_pages=1).tiered  # one bundle: nothing to widen


def test_date_counts_per_bundle():
    plan = plan_search(urls(5), 2)  # 2, 1, 2
    dates = {f"cases/c-{i:05d}/index.html": d for i, d in enumerate(["2023-01-01", "2021-05-01", "2023-01-01", "2022-01-01", "2021-05-01"])}
    # Dates 2021-05-01, 2022-01-01, 2023-01-01: each row from its first date to its last.
    assert shard_dates(plan, dates) == {"days": 3, "counts": ["0:1,,1", "2:1", "0:1,1"]}
    assert shard_dates(plan_search(urls(2), 1), {}) == {"days": 0, "counts": ["0:", "0:"]}  # no dates


@pytest.mark.parametrize("value", [0, -1, "many", True])
def test_the_option_is_a_positive_number(value):
    with pytest.raises(ConfigError, match="search_shard_pages"):
        Options.from_mapping({"search_shard_pages": value})
    assert Options.from_mapping({"search_shard_pages": 800}).search_shard_pages == 800


@pytest.mark.parametrize("value", [0, -1, "many", True])
def test_the_first_search_option_is_a_positive_number(value):
    with pytest.raises(ConfigError, match="search_first_pages"):
        Options.from_mapping({"search_first_pages": value})
    assert Options.from_mapping({"search_first_pages": 800}).search_first_pages == 800


def test_related_groups_are_counted_as_by_searching_every_term(tmp_path):
    """The first-character shortcut in ``related_blocks`` gives what searching every term gives."""
    from gen_cases import generate
    from showcase.core.outputs.search import load_related_terms, related_blocks

    def reference(head: str, body: str, groups) -> list:
        blocks = []
        for group in groups:
            strength = sum(3 * head.count(t) + body.count(t) for t in group)
            if strength >= 2:
                blocks.append((min(5.0, 1.0 + strength / 4), " ".join(group)))
        return blocks

    groups = load_related_terms()
    texts = [path.read_text(encoding="utf-8").partition("\n---\n") for path in generate(tmp_path, 60, seed=5)]
    about = 0
    for head, _, body in texts:
        assert related_blocks(head, body, groups) == reference(head, body, groups)
        about += len(reference(head, body, groups))
    assert about > 60  # the generated cases are about several groups each
    assert related_blocks("", "", groups) == [] and related_blocks("养老院", "", groups) == reference("养老院", "", groups)
    # Every character of a term, but not the term; terms of two groups with one first character.
    mixed = (("老年人", "养老"), ("老人家", "长者"))
    for head, body in [("人年老", "老养老年"), ("老人家", "老年人老年人"), ("长者", "者长老人家家")]:
        assert related_blocks(head, body, mixed) == reference(head, body, mixed)


def test_the_first_bundle_is_checked_without_the_others_inside_it(tmp_path):
    """pagefind/ holds the other bundles' folders, which other Pagefind runs may be writing:
    checking the first bundle's files leaves them out (and nothing else)."""
    import gzip

    from showcase.core.outputs.search import bundle_files, check_output

    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "a.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd{}"))
    (tmp_path / "pagefind-entry.json").write_text("{}")
    (tmp_path / "shard-1" / "fragment").mkdir(parents=True)
    (tmp_path / "shard-1" / "fragment" / "b.pf_fragment").write_bytes(gzip.compress(b"x" * 100)[:20])  # being written
    (tmp_path / "shards-old").mkdir()
    (tmp_path / "shards-old" / "c.pf_meta").write_bytes(b"\x1f\x8b cut")
    names = sorted(p.relative_to(tmp_path).as_posix() for p in bundle_files(tmp_path))
    assert names == ["fragment/a.pf_fragment", "pagefind-entry.json", "shards-old/c.pf_meta"]
    assert check_output(tmp_path) == ["c.pf_meta"]


def test_a_bundle_reads_exactly_its_pages_where_they_are(tmp_path):
    """A real Pagefind run with ``shard_glob``: neighbours whose names start alike, the
    embed page inside a case's folder and pages outside cases/ stay out of the bundle."""
    site = tmp_path / "site"
    for page in ("cases/abc/index.html", "cases/abc-2/index.html", "cases/abcd/index.html", "cases/abc/embed/index.html", "abc/index.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text(
            f"<html><body><main data-pagefind-body><h1>{page}</h1><p>社区 志愿服务</p></main></body></html>", encoding="utf-8"
        )
    wanted = ("cases/abc/index.html", "cases/abcd/index.html")
    read, bad = _run(_run_pagefind, site, shard_glob(wanted), tmp_path / "out")
    assert read == 2 and bad == []  # the files Pagefind read: the glob matched these two only
    urls = [json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])["url"] for f in (tmp_path / "out" / "fragment").iterdir()]
    assert sorted(urls) == ["/cases/abc/", "/cases/abcd/"]
    assert not [p for p in site.rglob("*") if p.name.startswith(".")]  # nothing written beside the pages


@pytest.mark.parametrize("page", ["cases/a,b/index.html", "cases/{x}/index.html", "cases/*/index.html", "cases/空/index.html"])
def test_a_path_the_glob_cannot_name_exactly_is_refused(page):
    with pytest.raises(SearchIndexError, match="无法为搜索索引选出案例页面"):
        shard_glob(["cases/abc/index.html", page])


def test_a_bundle_with_such_a_path_says_so_once_and_runs_no_pagefind(tmp_path):
    page = tmp_path / "cases" / "a,b" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<main data-pagefind-body>x</main>", encoding="utf-8")
    plan = SearchPlan((("cases/a,b/index.html",), ("cases/a,b/index.html",)))
    with pytest.raises(SearchIndexError) as raised:
        index_shard(tmp_path, plan, 1)
    assert str(raised.value).startswith("无法为搜索索引选出案例页面 cases/a,b/index.html")  # not wrapped as Pagefind's failure
    assert not (tmp_path / "pagefind").exists()
