"""How the search index is split into bundles (``search_shard_pages``), engine-free."""

from __future__ import annotations

import gzip
import itertools
import json
import random

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


def dated(n: int, seed: int = 1) -> dict[str, str]:
    """Dates over fifteen years, many cases a day, as a national collection has."""
    rnd = random.Random(seed)
    return {
        f"cases/c-{i:05d}/index.html": f"{2010 + rnd.randrange(15)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}" for i in range(n)
    }


def test_above_it_groups_of_consecutive_dates_between_half_and_the_size():
    shuffled = list(reversed(urls(5001)))
    plan = plan_search(shuffled, 5000)
    assert [len(g) for g in plan.groups] == [2501, 2500]  # the newer one the larger
    assert [p for g in plan.groups for p in g] == sorted(u + "index.html" for u in shuffled)
    assert plan.bundles() == ["pagefind/shard-1/"]
    assert plan_search(urls(10), 3).groups == plan_search(list(reversed(urls(10))), 3).groups  # deterministic
    for n, size in [(50_000, DEFAULTS.search_shard_pages), (12_345, 5000), (7_000, 600), (999, 40)]:
        dates = dated(n)
        groups = plan_search(reversed(urls(n)), size, dates).groups
        sizes = [len(g) for g in groups]
        assert sum(sizes) == n and max(sizes) <= size and min(sizes) >= size // 2
        assert len(groups) <= n * 3 // (2 * size) + 2  # more than the fewest: 15 at 50,000, not 10
        for newer, older in itertools.pairwise(groups):  # newest first, consecutive dates
            assert min(dates[p] for p in newer) >= max(dates[p] for p in older)
    for n in range(1, 40):  # each at most the size, at least half of it
        sizes = [len(g) for g in plan_search(urls(n), 4).groups]
        assert sum(sizes) == n and max(sizes) <= 4
        assert len(sizes) == 1 or min(sizes) >= 2


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5, 6])
def test_no_group_is_empty_at_the_smallest_sizes(size):
    """search_shard_pages: 1 (allowed: a positive number; the nginx test's site uses it) made
    an empty group at three cases or more, [1, 0, 1, 1]: a bundle of no page (reviewH2)."""
    for n in range(size + 1, 8 * size + 3):
        sizes = [len(g) for g in plan_search(urls(n), size, dated(n)).groups]
        assert sum(sizes) == n and max(sizes) <= size and min(sizes) >= max(1, size // 2), (n, sizes)


def changed(before: tuple, after: tuple) -> int:
    """How many of ``after``'s groups are not groups of ``before`` (their index made again)."""
    return len(set(after) - set(before))


@pytest.mark.parametrize("cases", [7, 9, 12, 40, 4000, 5000, 5001, 9999, 10_001, 12_000, 49_999, 50_000])
def test_a_new_newest_case_changes_three_groups_at_most(cases):
    """Many new cases are the newest: the two newest groups change, and the one the newest
    part leaves behind when it moves past a cut point; the older groups keep their cases
    (and with them their kept search index), where near-equal groups moved every cut point."""
    shard = 4 if cases < 100 else 5000
    dates = {f"cases/c-{i:05d}/index.html": f"2020-01-01T{i:06d}" for i in range(cases + 1)}  # c-0 oldest
    before = plan_search(urls(cases), shard, dates).groups
    after = plan_search(urls(cases + 1), shard, dates).groups
    if cases == 2 * shard:  # from two halves to cut points: every group once, as from one index to two
        return
    assert changed(before, after) <= 3 and after[3:] == before[len(before) - len(after[3:]) :]


@pytest.mark.parametrize(("cases", "size"), [(50_000, 5000), (20_000, 5000), (6_000, 240)])
def test_a_case_added_withdrawn_or_redated_anywhere_changes_its_own_group(cases, size):
    """``date`` is when the practice took place: a new case may be years old, and an old one
    may be withdrawn or its date corrected. Each such change indexes again the group it
    falls in (rarely its neighbour too), not every group newer than it: cut every
    ``size`` cases, a random one of these changes at 50,000 cases changed 5 to 8 of 10."""
    rnd = random.Random(cases)
    dates = dated(cases + 30)
    every = urls(cases + 30)
    before = plan_search(every[:cases], size, dates).groups
    counts = []
    for turn in range(30):
        now, moved = every[:cases], dict(dates)
        if turn % 3 == 0:  # a new case from some year back
            now = [*now, every[cases + turn]]
        elif turn % 3 == 1:  # a case withdrawn
            del now[rnd.randrange(cases)]
        else:  # a date corrected by some months
            page = now[rnd.randrange(cases)] + "index.html"
            moved[page] = str(int(moved[page][:4]) - 1) + moved[page][4:]
        counts.append(changed(before, plan_search(now, size, moved).groups))
    assert max(counts) <= 3 and sum(counts) <= 2 * len(counts), counts


def test_with_dates_the_newest_cases_come_first():
    """Bundle 0 holds the newest cases, and so on; one date's cases in URL order; a case
    without a date counts as the oldest. Inside a bundle the pages are in URL order."""
    days = ["2023-05-01", "2021-01-09", "2024-02-29", "2023-05-01", "2022-12-31", "2024-02-29", "2023-05-01"]
    dates = {f"cases/c-{i:05d}/index.html": d for i, d in enumerate(days)}  # c-00007 has none
    plan = plan_search(reversed(urls(8)), 4, dates)
    # Newest first: c2 c5 (2024-02-29), c0 c3 c6 (2023-05-01), c4, c1, then c7 (no date).
    page = "cases/c-{:05d}/index.html".format
    assert plan.groups == ((page(0), page(2), page(3), page(5)), (page(1), page(4), page(6), page(7)))
    assert plan.first == 0 and not plan.tiered  # without search_first_pages: every bundle


@pytest.mark.parametrize("first_pages", [1, 4999, 5000, 9999, 10_000, 20_000, 49_999, 50_000, 10**9])
def test_a_first_search_reads_the_bundles_its_cases_fill(first_pages):
    """The most bundles from the first whose pages add up to at most search_first_pages;
    one at least."""
    plan = plan_search(urls(50_000), 5000, dated(50_000), first_pages=first_pages)
    sizes = [len(g) for g in plan.groups]
    assert plan.first >= 1 and (plan.first == 1 or sum(sizes[: plan.first]) <= first_pages)
    assert plan.first == len(sizes) or sum(sizes[: plan.first + 1]) > first_pages
    assert plan.tiered == (plan.first < len(sizes))


def test_uneven_bundles_and_one_bundle():
    """At most search_first_pages, one bundle at least: 7 cases in bundles of 4 and 3."""
    assert [len(g) for g in plan_search(urls(7), 4).groups] == [4, 3]
    assert [plan_search(urls(7), 4, first_pages=n).first for n in (3, 4, 6, 7)] == [1, 1, 1, 2]
    assert not plan_search(urls(40), 50, first_pages=1).tiered  # one bundle: nothing to widen


def test_date_counts_per_bundle():
    page = "cases/c-{:05d}/index.html".format
    plan = SearchPlan(((page(0), page(1)), (page(2),), (page(3), page(4))))
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
