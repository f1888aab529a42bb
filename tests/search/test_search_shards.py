"""A search index split into several Pagefind bundles (``search_shard_pages``) finds what one finds.

The same collection (the search fixtures and 50 generated cases) is built twice: with the
default, one index at /pagefind/, and with 15 pages per bundle, four bundles (/pagefind/,
/pagefind/shard-1/ …), newest cases first, of which a first search reads two
(``search_first_pages: 30``). The search page, in Chromium, must find the same cases for
each query over every bundle as over one index, show the same facet counts, and order
date-sorted results by date across the bundles; a first search must read the newest
cases' bundles only, say so, and search every case when the reader asks or when those
give less than a page of results.
"""

from __future__ import annotations

import gzip
import itertools
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from showcase.core.outputs.search import SHARD_DIR, plan_search
from showcase.core.packaged import DATA

from tests.support.build import build_project
from tests.support.project import configure, project_folder
from tests.support.serve import served

from .conftest import Tab, make_project

GENERATED = 50
SHARD_PAGES = 15  # 53 cases: bundles of 14, 13, 12 and 14 (plan_search)
FIRST_PAGES = 30  # two bundles of the four


@pytest.fixture(scope="module")
def sites() -> Iterator[dict[str, Path]]:
    with project_folder("search-one-") as one, project_folder("search-shards-") as sharded:
        make_project(one, generated=GENERATED)
        make_project(sharded, generated=GENERATED)
        configure(sharded, search_shard_pages=SHARD_PAGES, search_first_pages=FIRST_PAGES)
        logged = _Records()
        logger = logging.getLogger("mkdocs")
        level = logger.level
        logger.setLevel(logging.DEBUG)  # setLevel, not .level: it clears the loggers' cached answers
        logger.addHandler(logged)
        try:
            built = build_project(sharded)
        finally:
            logger.removeHandler(logged)
            logger.setLevel(level)
        report = built.plugin.state.search_report
        yield {"one": build_project(one).site, "sharded": built.site, "report": report, "log": logged.lines}


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture(scope="module")
def origins(sites: dict) -> Iterator[dict[str, str]]:
    with served(sites["one"]) as one, served(sites["sharded"]) as sharded:
        yield {"one": one.rstrip("/"), "sharded": sharded.rstrip("/")}


def fragment_data(bundle: Path) -> dict[str, dict]:
    """Each page of a bundle (its URL) with its fragment: what it shows in results (``meta``:
    title, date …) and the text Pagefind indexed (``content``)."""
    pages = {}
    for path in (bundle / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        pages[data["url"]] = data
    return pages


def fragment_meta(bundle: Path) -> dict[str, dict]:
    """Each page of a bundle (its URL) with what it shows in results (title, date …)."""
    return {url: data["meta"] for url, data in fragment_data(bundle).items()}


def fragments(bundle: Path) -> list[str]:
    return list(fragment_meta(bundle))


def bundle_folders(site: Path) -> list[Path]:
    return [site / "pagefind"] + [site / "pagefind" / SHARD_DIR.format(n) for n in range(1, 4)]


def published(site: Path) -> list[str]:
    return sorted(
        f"/{p.parent.relative_to(site).as_posix()}/"
        for p in site.glob("cases/*/index.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    )


def test_the_bundles_hold_every_published_case_once(sites: dict):
    site = sites["sharded"]
    cases = published(site)
    assert len(cases) > 2 * SHARD_PAGES  # cut where the cases say, not in two halves
    bundles = bundle_folders(site)
    assert all((b / "pagefind-entry.json").is_file() for b in bundles)
    assert not (site / "pagefind" / SHARD_DIR.format(4)).exists()
    found = [fragments(b) for b in bundles]
    # Consecutive groups, newest cases first, each in its own bundle (plan_search).
    dates = {url.lstrip("/") + "index.html": meta["date"] for b in bundles for url, meta in fragment_meta(b).items()}
    groups = plan_search([c.lstrip("/") for c in cases], SHARD_PAGES, dates).groups
    assert [sorted(f) for f in found] == [["/" + page.removesuffix("index.html") for page in group] for group in groups]
    assert max(len(f) for f in found) <= SHARD_PAGES
    for newer, older in itertools.pairwise(bundles):
        assert min(m["date"] for m in fragment_meta(newer).values()) >= max(m["date"] for m in fragment_meta(older).values())
    everything = [url for f in found for url in f]
    assert sorted(everything) == cases  # none missed, none twice
    assert sorted(fragments(sites["one"] / "pagefind")) == cases
    # No temporary folder of links is left in the site; the build reports the bundles.
    assert not [p for p in site.iterdir() if p.name.startswith(".")]
    assert sites["report"].shards == 4 and sites["report"].pages == len(cases)


def test_the_bundles_are_indexed_while_the_build_writes_the_rest(sites: dict):
    """Once the case pages are written, the bundles are indexed (two Pagefind runs at a
    time) while the build writes the other pages; that early index is the one kept."""
    indexed = [re.search(r"search bundle (\d) of 4: (\d+) pages indexed", line) for line in sites["log"]]
    counts = {int(m.group(1)): int(m.group(2)) for m in indexed if m}
    assert sorted(counts) == [1, 2, 3, 4]
    assert sum(counts.values()) == sites["report"].pages
    assert any("search index: started when the case pages were written" in line for line in sites["log"])


def test_one_bundle_is_as_before(sites: dict):
    site = sites["one"]
    assert not list((site / "pagefind").glob("shard-*"))
    assert '"shards"' not in (site / "search" / "index.html").read_text(encoding="utf-8")


def test_the_pair_files_are_those_of_one_index(sites: dict):
    """The characters and pairs of the indexed text, read from every bundle's fragments."""
    folders = {name: sites[name] / "search" / "pairs" for name in ("one", "sharded")}
    files = {name: {p.name: p.read_bytes() for p in folder.iterdir()} for name, folder in folders.items()}
    assert len(files["one"]) > 1 and files["one"] == files["sharded"]


def facet_counts(tab: Tab) -> dict[str, str]:
    tab.page.hover("#sc-search-facet-list")
    tab.page.wait_for_selector('#sc-search-facet-list[data-counts="yes"]')
    tab.settled()
    values = tab.page.locator("a.sc-facet__value[data-value]")
    return dict(
        zip(
            values.evaluate_all("as => as.map(a => a.dataset.filter + '=' + a.dataset.value)"),
            values.evaluate_all("as => as.map(a => a.querySelector('.sc-facet__count')?.textContent || '')"),
            strict=True,
        )
    )


# Each kind of search once (the ranking of names and places is search_quality's): seven
# queries, each read from both sites.
QUERIES = [
    "空巢老人",
    "战旗村红白理事会推动婚事新办丧事简办",  # a title
    "社区&theme=bianmin-fuwu",  # a query with a theme filter
    "服务&area=rural&sort=oldest",  # date-sorted, across bundles
    "志愿服务&sort=newest",  # date-sorted, a query cut in two words: two searches merged (a reader's trial)
    "&theme=shequ-zhili",  # a filtered listing, newest first
    "养老 区块链",  # related terms (为老, 老年人, …) and a word no case has: left out, in every bundle (core/outputs/search_pairs.py)
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_same_cases_are_found(browser, origins: dict, query: str):
    seen = {}
    for name, origin in origins.items():
        tab = Tab(browser, origin)
        try:
            # A filter or a date order reads every bundle by itself; a plain query is asked
            # of every case with scope=all (the widen button's link; one index ignores it).
            scope = "" if "&" in query else "&scope=all"
            tab.open("/search/?q=" + quote(query, safe="&=") + scope)
            count = tab.settled()
            links = tab.every_link()
            dates = tab.page.locator(".sc-result__meta time").evaluate_all("ts => ts.map(t => t.dateTime)")  # ISO, as they sort
            seen[name] = (count, links, dates, facet_counts(tab))
            assert tab.errors == [] and tab.foreign() == []
        finally:
            tab.close()
    one, sharded = seen["one"], seen["sharded"]
    assert one[0] > 0 and one[0] == sharded[0] == len(one[1])
    assert sorted(one[1]) == sorted(sharded[1])
    assert one[3] == sharded[3]  # the facet counts
    if "sort=" in query or query.startswith("&"):
        assert one[2] == sharded[2]  # date order across the bundles
        assert sharded[2] == sorted(sharded[2], reverse="oldest" not in query)
    else:
        # Each bundle ranks with its own word statistics: the order may differ a little,
        # but a case named by the query comes first in both.
        assert one[1][0] == sharded[1][0] or "&" in query or query in ("养老", "空巢老人", "养老 区块链")


def entries(tab: Tab) -> set[str]:
    """The bundles the page has read (each bundle's pagefind-entry.json), as site paths."""
    return {u.split("?")[0].removeprefix(tab.origin) for u in tab.requests if u.split("?")[0].endswith("/pagefind-entry.json")}


NEWEST = {"/pagefind/pagefind-entry.json", "/pagefind/shard-1/pagefind-entry.json"}
EVERY = NEWEST | {"/pagefind/shard-2/pagefind-entry.json", "/pagefind/shard-3/pagefind-entry.json"}
TEXTS = yaml.safe_load((DATA / "texts.yml").read_text(encoding="utf-8"))["search"]


def test_a_first_search_reads_the_newest_cases_bundles_only(browser, sites: dict, origins: dict):
    newest = {url for b in bundle_folders(sites["sharded"])[:2] for url in fragment_meta(b)}
    total = len(published(sites["sharded"]))
    tab = Tab(browser, origins["sharded"])
    try:
        tab.open("/search/")
        tab.quiet()
        assert not any("/pagefind/" in u for u in tab.requests)  # nothing before a search
        count = tab.search("社区")
        assert entries(tab) == NEWEST
        assert sum(1 for u in tab.requests if u.endswith("/pagefind.js")) == 1  # one script, one WASM
        assert sum(1 for u in tab.requests if "/wasm." in u) == 1
        status = tab.page.locator("#sc-search-status")
        assert status.get_attribute("data-scope") == "recent"
        assert status.inner_text() == TEXTS["count_recent"].format(pages=len(newest), count=count)
        assert count >= 10  # a page of results among the newest cases: no more is read
        links = tab.every_link()
        assert len(links) == count and set(links) <= newest
        widen = TEXTS["widen"].format(total=total)
        assert tab.page.locator("#sc-search-widen-top").inner_text() == widen
        assert tab.page.locator("#sc-search-widen").is_visible()  # after the last result
        assert tab.page.locator(".sc-result__excerpt mark").count() >= 1
        # The reader asks for every case: the other bundles are read, and the link says so.
        tab.page.evaluate("document.getElementById('sc-search-status').removeAttribute('data-count')")
        tab.page.locator("#sc-search-widen-top").click()
        every = tab.settled()
        assert status.get_attribute("data-scope") == "all" and entries(tab) == EVERY
        assert "scope=all" in tab.page.url and not tab.page.locator(".sc-search__widen:visible").count()
        assert status.inner_text() == TEXTS["count"].format(count=every)
        found = tab.every_link()
        assert tab.errors == []
    finally:
        tab.close()
    with served(sites["one"]) as one:
        single = Tab(browser, one.rstrip("/"))
        try:
            single.open("/search/?q=" + quote("社区"))
            assert single.settled() == every > count
            assert sorted(single.every_link()) == sorted(found)
        finally:
            single.close()


def test_older_cases_that_fail_to_load_leave_the_newest_searched_and_a_way_to_try_again(browser, sites: dict, origins: dict):
    """A phone loses the network while the older bundles download: Pagefind would keep the
    broken bundle and fail every later search. The search goes on over the newest cases,
    says the older ones did not load, and the same button tries again."""
    newest = {url for b in bundle_folders(sites["sharded"])[:2] for url in fragment_meta(b)}
    refused: list[str] = []

    def refuse(route) -> None:
        refused.append(route.request.url)
        route.abort()

    tab = Tab(browser, origins["sharded"])
    try:
        tab.page.route("**/pagefind/shard-3/**", refuse)  # one of the two older bundles
        tab.open("/search/")
        count = tab.search("社区")
        first = tab.every_link()
        status = tab.page.locator("#sc-search-status")
        tab.page.evaluate("document.getElementById('sc-search-status').removeAttribute('data-count')")
        tab.page.locator("#sc-search-widen-top").click()
        assert tab.settled() == count and refused
        assert status.get_attribute("data-scope") == "recent"
        said = TEXTS["count_recent"].format(pages=len(newest), count=count)
        assert status.inner_text() == said + "。" + TEXTS["older_failed"]
        assert sorted(tab.every_link()) == sorted(first)
        assert tab.page.locator("#sc-search-widen-top").is_visible()
        # Another search works (Pagefind was started again with the newest bundles) and does
        # not download again: only a widen button tries the older cases again.
        tried = len(refused)
        assert tab.search("老人") > 0 and set(tab.every_link()) <= newest
        assert len(refused) == tried and status.get_attribute("data-scope") == "recent"
        # The network is back: the button reads every bundle.
        tab.page.unroute("**/pagefind/shard-3/**")
        tab.page.evaluate("document.getElementById('sc-search-status').removeAttribute('data-count')")
        tab.page.locator("#sc-search-widen-top").click()
        every = tab.settled()
        assert status.get_attribute("data-scope") == "all" and entries(tab) == EVERY
        assert status.inner_text() == TEXTS["count"].format(count=every)
        assert not tab.page.locator(".sc-search__widen:visible").count()
        # Only the refused downloads: Chromium's line and Pagefind's for each.
        assert {e.split("\n")[0] for e in tab.errors} == {"Failed to load resource: net::ERR_FAILED", "Failed to load Pagefind metadata:"}
    finally:
        tab.close()


def test_less_than_a_page_among_the_newest_cases_searches_every_case(browser, sites: dict, origins: dict):
    """A case named by its title, in the oldest bundle: found without asking, and the link
    says every case was searched. Words no case has: nothing to widen to."""
    oldest = fragment_meta(bundle_folders(sites["sharded"])[3])
    url, meta = sorted(oldest.items())[0]
    tab = Tab(browser, origins["sharded"])
    try:
        tab.open("/search/?q=" + quote(meta["title"]))
        assert tab.settled() >= 1
        assert tab.page.get_attribute("#sc-search-status", "data-scope") == "all" and entries(tab) == EVERY
        assert tab.links()[0] == url and "scope=all" in tab.page.url
        assert tab.errors == []
    finally:
        tab.close()
    tab = Tab(browser, origins["sharded"])
    try:
        tab.open("/search/?q=" + quote("区块链"))  # in no case (the pair files know every bundle's words)
        assert tab.settled() == 0
        assert tab.page.get_attribute("#sc-search-status", "data-scope") == "all"
        assert not tab.page.locator(".sc-search__widen:visible").count() and "scope" not in tab.page.url
        assert tab.errors == []
    finally:
        tab.close()


def _contents(bundle: Path) -> dict[str, str]:
    """Each page of a bundle (its URL) with the text Pagefind indexed."""
    return {url: data["content"] for url, data in fragment_data(bundle).items()}


def test_a_number_is_looked_for_in_every_bundle_before_it_is_said_no_case_has_it(browser, sites: dict, origins: dict):
    """Pagefind replaces a number no page has by the longest indexed number starting it
    (48001 by 4800) and found cases that never write it: the page names such a number and
    leaves it out. A number only the older cases have is no such number: the first search,
    over the newest cases, asks every case before naming it."""
    folders = bundle_folders(sites["sharded"])
    newest = " ".join(text for b in folders[:2] for text in _contents(b).values())
    older = {url: text for b in folders[2:] for url, text in _contents(b).items()}
    numbers = sorted({n for text in older.values() for n in re.findall(r"(?<![0-9])[0-9]{3,}(?![0-9])", text)})
    # a number only the older cases write, and none of the newest starts a number with
    number = next(n for n in numbers if not re.search(rf"(?<![0-9]){n}", newest))
    having = sorted(url for url, text in older.items() if re.search(rf"(?<![0-9]){number}", text))
    tab = Tab(browser, origins["sharded"])
    try:
        tab.open("/search/?q=" + quote(number))
        assert tab.settled() == len(having) and sorted(tab.every_link()) == having
        assert tab.page.locator("#sc-search-missing").count() == 0 and entries(tab) == EVERY
        assert tab.errors == []
    finally:
        tab.close()
    for name, origin in origins.items():
        tab = Tab(browser, origin)
        try:
            tab.open("/search/?q=" + quote("空巢老人&scope=all", safe="&="))
            alone = tab.settled()
            absent = number + "9" * 5  # starts with a number some case has
            tab.open("/search/?q=" + quote(f"空巢老人 {absent}人次") + "&scope=all")
            assert tab.settled() == alone > 0, name
            said = tab.page.locator("#sc-search-missing").inner_text()
            assert said.startswith(f"没有案例提到“{absent}人次”。下面是只按“空巢老人”找到的案例"), (name, said)
            tab.open("/search/?q=" + quote(absent))
            assert tab.settled() == 0, name
            assert tab.page.locator("#sc-search-status").inner_text().startswith(f"没有案例提到“{absent}”"), name
            assert tab.errors == []
        finally:
            tab.close()
