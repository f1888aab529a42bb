"""Feeds, catalog, sitemap, robots.txt, embed pages and the URL ledger, called directly on
a small collection loaded by the core (no MkDocs): core/outputs/{feeds,catalog,plan,ledger}.py.

The builds in tests/links check that a site carries these files; here each output is
checked against the cases it was made from, state by state.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, date, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import jsonschema
import pytest
from showcase.core.outputs import catalog, feeds
from showcase.core.outputs.feeds import SiteInfo
from showcase.core.outputs.form import form_file
from showcase.core.outputs.ledger import (
    Ledger,
    check_ledger,
    error_summary,
    ledger_urls,
    parse_ledger,
    public_plan,
    render_ledger,
    updated_ledger,
)
from showcase.core.outputs.offsite import SITEMAP_NS, embed_pages, robots_txt, site_files, sitemaps
from showcase.core.site.index import SiteIndex
from showcase.core.site.plan import PageKind, SitePlan
from showcase.core.site.texts import load_texts

from tests.support.collection import ALIASES, PUBLISHED, UNPUBLISHED, WITHDRAWN, Small, load_small
from tests.support.project import TESTS, THEMES, edit_front_matter

PER_PAGE = 2  # three published cases share one theme: its listing has two pages
BASE = "https://example.org/showcase/"
SITE = SiteInfo("示范案例库", "社区社会组织的实践案例", BASE)
PLAIN = SiteInfo("示范案例库")  # no site_url: links are site paths
JSONFEED_SCHEMA = TESTS / "links" / "jsonfeed-1.1.schema.json"
NEWEST_FIRST = ["pub-2023-002", "pub-2023-004", "pub-2023-003", "pub-2023-001"]  # by approval, then practice date


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Small:
    return load_small(tmp_path_factory.mktemp("outputs") / "cases")


@pytest.fixture(scope="module")
def index(small: Small) -> SiteIndex:
    return SiteIndex(small.collection.cases, small.settings.taxonomy, PER_PAGE)


@pytest.fixture(scope="module")
def plan(small: Small) -> SitePlan:
    return public_plan(small.collection, small.settings.taxonomy, load_texts(), PER_PAGE)


@pytest.fixture(scope="module")
def files(index: SiteIndex) -> dict[str, bytes]:
    return site_files(index, SITE, load_texts())


# -- feeds -----------------------------------------------------------------------------


def test_newest_published_orders_by_approval_then_practice_date(small: Small):
    shuffled = small.cases(list(reversed(PUBLISHED)))
    assert [c.id for c in feeds.newest_published(shuffled)] == NEWEST_FIRST
    # -003 and -004 were approved the same day: the later practice date first.
    assert small.case("pub-2023-004").date > small.case("pub-2023-003").date


def site_feed(small: Small, site: SiteInfo = SITE, limit: int = 10) -> feeds.Feed:
    paths = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
    return feeds.make_feed(small.cases(PUBLISHED), site, title="最新案例", description="说明", home="", files=paths, limit=limit)


def test_feed_keeps_the_newest_entries_up_to_the_limit(small: Small):
    assert [e.url for e in site_feed(small, limit=2).entries] == [BASE + f"cases/{i}/" for i in NEWEST_FIRST[:2]]
    feed = site_feed(small)
    assert feed.updated.isoformat() == "2024-05-01T00:00:00+08:00"  # approval day at midnight, China time
    entry = feed.entries[0]
    assert entry.title == small.case("pub-2023-002").title and entry.author == small.case("pub-2023-002").organization.name
    assert entry.image == BASE + "cases/pub-2023-002/cover.jpg"  # the cleaned cover, never the original's name
    assert next(e for e in feed.entries if e.url.endswith("pub-2023-003/")).image is None  # no cover


def read_feed(data: bytes, fmt: str) -> list[tuple[str, str, tuple[int, int, int, int]]]:
    """(link, title, UTC year, month, day, hour) of each entry: RSS and Atom as feedparser reads
    them; JSON Feed (feedparser's releases do not read it) checked against the JSON Feed 1.1
    schema (tests/links/jsonfeed-1.1.schema.json) and read as JSON."""
    if fmt == "json":
        document = json.loads(data)
        jsonschema.validate(document, json.loads(JSONFEED_SCHEMA.read_text(encoding="utf-8")))
        items = [(i["url"], i["title"], datetime.fromisoformat(i["date_published"]).astimezone(UTC)) for i in document["items"]]
        return [(url, title, (d.year, d.month, d.day, d.hour)) for url, title, d in items]
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [(e.link, e.title, tuple(e.published_parsed[:4])) for e in parsed.entries]


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
def test_each_format_reads_back_with_a_feed_reader(small: Small, fmt: str):
    entries = read_feed(feeds.WRITERS[fmt](site_feed(small)), fmt)
    assert [link for link, _, _ in entries] == [BASE + f"cases/{i}/" for i in NEWEST_FIRST]
    # The title with markup characters arrives as text, escaped on the way.
    title = small.case("pub-2023-001").title
    assert "<守望>" in title and entries[-1][1] == title
    assert entries[0][2] == (2024, 4, 30, 16)  # 2024-05-01 00:00 in China is 16:00 UTC the day before


def test_without_site_url_ids_are_stable_urns_and_links_site_paths(small: Small):
    feed = site_feed(small, PLAIN)
    assert feed.home_url == "/" and feed.id == "urn:showcase:home"
    # pub-2023-002 was renamed from old-2020-002: its entry keeps the first address's id
    assert feed.entries[0].url == "/cases/pub-2023-002/" and feed.entries[0].id == "urn:showcase:cases/old-2020-002/"
    rss = ET.fromstring(feeds.rss(feed))
    guid = rss.find("channel/item/guid")
    assert guid.get("isPermaLink") == "false" and guid.text == "urn:showcase:cases/old-2020-002/"
    with_url = ET.fromstring(feeds.rss(site_feed(small))).findall("channel/item/guid")
    assert (with_url[0].get("isPermaLink"), with_url[0].text) == ("false", BASE + "cases/old-2020-002/")
    assert (with_url[1].get("isPermaLink"), with_url[1].text) == ("true", BASE + f"cases/{feed.entries[1].url.split('/')[2]}/")


def test_characters_xml_forbids_never_reach_a_feed(small: Small):
    feed = site_feed(small)
    feed.entries[0].title = "响铃\x07字符\x1f测试"
    for fmt in ("rss", "atom"):
        data = feeds.WRITERS[fmt](feed)
        ET.fromstring(data)  # well-formed
        assert "响铃字符测试".encode() in data


# -- catalog ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(catalog.schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_catalog_holds_published_cases_only_newest_first(small: Small, validator):
    document = catalog.catalog(small.collection.cases, SITE)  # every state offered
    validator.validate(document)
    assert [c["id"] for c in document["cases"]] == NEWEST_FIRST
    assert document["count"] == 4 and document["updated"] == "2024-05-01" and document["$schema"] == BASE + catalog.SCHEMA


def test_a_record_says_what_the_front_matter_says(small: Small):
    case = small.case("pub-2023-002")
    record = catalog.case_record(case, SITE)
    assert record["url"] == BASE + "cases/pub-2023-002/" and record["embed_url"] == BASE + "cases/pub-2023-002/embed/"
    assert record["aliases"] == ["old-2020-002"]
    assert [t["key"] for t in record["themes"]] == [THEMES[0]]
    assert record["category"]["key"] == "shequ-shiwu"  # CATEGORIES[6 % 4]
    assert record["region"]["province"]["name"] == "广东省" and record["region"]["city"] == "深圳市"
    assert record["dates"] == {"start": case.date.isoformat(), "end": None, "approved": "2024-05-01"}
    assert record["figures"] == {"volunteers": 16, "served": 700}
    assert record["cover"] == BASE + "cases/pub-2023-002/cover.jpg"
    assert catalog.case_record(small.case("pub-2023-003"), SITE)["cover"] is None


def test_dumps_writes_one_case_a_line_and_reads_back(small: Small, validator):
    document = catalog.catalog(small.collection.cases, SITE)
    text = catalog.dumps(document).decode("utf-8")
    assert json.loads(text) == document
    assert text.count("\n") == len(document["cases"]) + 2  # "[", one line per case, "]}" and the final newline
    empty = catalog.catalog([], SITE)
    assert json.loads(catalog.dumps(empty)) == empty and empty["cases"] == [] and empty["updated"] is None
    validator.validate(empty)


def test_records_made_once_for_several_catalogs_are_the_same(small: Small):
    """site_files makes each case's record and line once for the site's catalog and its
    themes' (``records``, ``lines``): the bytes are those made afresh for each."""
    records: dict = {}
    lines: dict = {}
    published = [c for c in small.collection.cases if c.is_published]
    mine = [c for c in published if c.id == published[-1].id]
    for cases in (published, mine, published[:2]):
        shared = catalog.dumps(catalog.catalog(cases, SITE, records=records), lines)
        assert shared == catalog.dumps(catalog.catalog(cases, SITE))
    assert set(records) == set(lines) == {c.id for c in published}
    again = catalog.catalog(mine, SITE, records=records)
    assert again["cases"][0] is records[mine[0].id]  # taken, not made again


def test_withdrawn_cases_are_listed_by_id_and_without_a_reason_say_null(small: Small, validator):
    """The whole site's list of withdrawn cases is in id order, whatever order the folders
    give (the same bytes every build, a readable diff), and a case withdrawn without a
    reason says null, as the schema has it, not an empty text."""
    later, earlier = small.case("pub-2023-004"), small.case("pub-2023-001")
    document = catalog.catalog([], SITE, withdrawn=[later, earlier])
    validator.validate(document)
    assert [entry["id"] for entry in document["withdrawn"]] == ["pub-2023-001", "pub-2023-004"]
    assert [entry["reason"] for entry in document["withdrawn"]] == [None, None]


# -- the files beside the pages: feeds, catalogs, robots.txt ------------------------------


def test_site_files_are_the_site_feeds_catalogs_and_robots(files: dict[str, bytes], index: SiteIndex):
    themes = [listing.key for listing in index.themes]
    assert THEMES[0] in themes
    expected = {"feed.xml", "atom.xml", "feed.json", catalog.CATALOG, catalog.SCHEMA, "robots.txt", form_file()}
    for key in themes:
        expected |= {f"themes/{key}/feed.xml", f"themes/{key}/atom.xml", f"themes/{key}/feed.json", f"api/themes/{key}.json"}
    assert set(files) == expected


def test_no_unpublished_case_in_any_file(files: dict[str, bytes]):
    for case_id in [*UNPUBLISHED, "broken-2024-008"]:
        leaks = [path for path, data in files.items() if case_id.encode() in data]
        assert leaks == [], (case_id, leaks)
    # A withdrawn case is named in the whole site's catalog only, with what its public
    # notice page shows (address, title, reason), so that systems that copied it take it down.
    assert [path for path, data in files.items() if WITHDRAWN.encode() in data] == [catalog.CATALOG]
    document = json.loads(files[catalog.CATALOG])
    assert WITHDRAWN not in {c["id"] for c in document["cases"]}
    (entry,) = document["withdrawn"]
    assert entry["id"] == WITHDRAWN and set(entry) == {"id", "url", "title", "reason", "withdrawn_by", "withdrawn_on", "aliases"}
    assert all(any(case_id.encode() in files[name] for name in ("feed.xml", catalog.CATALOG)) for case_id in PUBLISHED)


def test_a_theme_catalog_and_feed_hold_that_theme_only(files: dict[str, bytes], validator):
    document = json.loads(files[f"api/themes/{THEMES[0]}.json"])
    validator.validate(document)
    assert document["theme"]["key"] == THEMES[0] and document["theme"]["url"] == BASE + f"themes/{THEMES[0]}/"
    assert [c["id"] for c in document["cases"]] == ["pub-2023-002", "pub-2023-003", "pub-2023-001"]
    theme_feed = read_feed(files[f"themes/{THEMES[0]}/feed.json"], "json")
    assert [link.rsplit("/", 2)[-2] for link, _, _ in theme_feed] == ["pub-2023-002", "pub-2023-003", "pub-2023-001"]


def test_robots_names_the_sitemap_only_with_a_site_url():
    assert robots_txt(SITE) == f"User-agent: *\nDisallow:\nSitemap: {BASE}sitemap.xml\n"
    assert "Sitemap" not in robots_txt(PLAIN)


# -- sitemap and embed pages -------------------------------------------------------------


def sitemap(plan: SitePlan, index: SiteIndex) -> dict[str, str | None]:
    root = ET.fromstring(sitemaps(plan, index, SITE)["sitemap.xml"])
    ns = {"s": SITEMAP_NS}
    return {url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns) for url in root.findall("s:url", ns)}


def test_sitemap_lists_indexable_pages_with_their_last_change(plan: SitePlan, index: SiteIndex):
    entries = sitemap(plan, index)
    cases = {loc.removeprefix(BASE) for loc in entries if loc.startswith(BASE + "cases/")}
    assert cases == {f"cases/{i}/" for i in PUBLISHED}  # no tombstone, alias, embed
    assert BASE + "search/" not in entries and BASE + "" in entries
    assert entries[BASE + "cases/pub-2023-001/"] == "2024-03-01"
    assert entries[BASE + f"themes/{THEMES[0]}/"] == "2024-05-01"  # the newest approval it lists
    assert entries[BASE + f"themes/{THEMES[0]}/page/2/"] == "2024-05-01"
    assert entries[BASE] == "2024-05-01"
    # a listing's own newest approval, not the site's: search engines recrawl by it
    assert entries[BASE + "themes/xinfeng-zhengqi/"] == "2024-04-01"
    assert entries[BASE + "regions/guangdong/guangzhou/"] == "2024-03-01"
    assert entries[BASE + "themes/bianmin-fuwu/"] is None  # lists no case: no date to give
    assert entries[BASE + "brands/"] is None  # a section whose listings hold no case


def test_a_sitemap_too_large_for_one_file_becomes_an_index_of_parts(plan: SitePlan, index: SiteIndex):
    """Over the URL or byte limit of one file, sitemap.xml lists sitemap-1.xml, sitemap-2.xml, ...
    which hold every URL once, in the same order, each within the limits."""
    whole = sitemap(plan, index)
    split = sitemaps(plan, index, SITE, max_urls=7)
    ns = {"s": SITEMAP_NS}
    root = ET.fromstring(split.pop("sitemap.xml"))
    assert root.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    listed = [(e.findtext("s:loc", namespaces=ns), e.findtext("s:lastmod", namespaces=ns)) for e in root.findall("s:sitemap", ns)]
    assert [loc for loc, _ in listed] == [f"{BASE}sitemap-{n}.xml" for n in range(1, len(split) + 1)] and len(split) > 1
    parts = [
        {
            u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
            for u in ET.fromstring(split[f"sitemap-{n}.xml"]).findall("s:url", ns)
        }
        for n in range(1, len(split) + 1)
    ]
    assert all(len(p) <= 7 for p in parts)
    assert [url for p in parts for url in p] == list(whole) and {k: v for p in parts for k, v in p.items()} == whole
    assert [lastmod for _, lastmod in listed] == [max(d for d in p.values() if d) for p in parts]
    by_bytes = sitemaps(plan, index, SITE, max_bytes=2000)
    assert len(by_bytes) > 2 and all(len(text.encode()) <= 2000 for text in by_bytes.values())
    assert list(sitemaps(plan, index, SITE, max_urls=len(whole))) == ["sitemap.xml"]  # exactly full: one file


def test_embed_pages_follow_case_pages_and_aliases(plan: SitePlan):
    embeds = {spec.url: spec for spec in plan.pages if spec.kind is PageKind.EMBED}
    assert set(embeds) == {f"cases/{i}/embed/" for i in [*PUBLISHED, WITHDRAWN, *ALIASES]}
    for alias, case_id in ALIASES.items():
        assert embeds[f"cases/{alias}/embed/"].target == f"cases/{case_id}/embed/"
    assert not embeds[f"cases/{WITHDRAWN}/embed/"].target  # a card that says it was withdrawn, no redirect
    assert {spec.url for spec in embed_pages(plan)} == set(embeds)  # embeds get no embeds of their own


# -- the URL ledger ----------------------------------------------------------------------


def test_the_ledger_records_case_urls_and_first_listing_pages(plan: SitePlan):
    urls = ledger_urls(plan)
    cases = {u for u in urls if u.startswith("cases/")}
    assert cases == {f"cases/{i}/" for i in [*PUBLISHED, WITHDRAWN, *ALIASES]}  # no embed, no draft
    assert {"", "about/", "stats/", f"themes/{THEMES[0]}/"} <= urls
    assert f"themes/{THEMES[0]}/page/2/" not in urls and "search/" in urls  # out of the sitemap, bookmarked
    text = render_ledger(urls)
    assert text.splitlines()[1:] == sorted("/" + u for u in urls)


def test_an_updated_ledger_keeps_old_lines_and_adds_the_new(plan: SitePlan, tmp_path: Path):
    ledger = Ledger(tmp_path / "urls.lock", urls={"cases/pub-2023-001/": 2, "cases/from-another-year/": 3})
    text, added, _, _ = updated_ledger(ledger, plan)
    assert "cases/pub-2023-001/" not in added and "cases/pub-2023-002/" in added
    assert "/cases/from-another-year/" in text.splitlines()  # never dropped


def test_conflict_markers_in_the_ledger_are_a_merge_conflict_not_lost_urls(small: Small, plan: SitePlan, tmp_path: Path):
    """Two pull requests that each added URLs, merged where the union driver does not run:
    the markers read as three lines "not a URL path" and "有 3 个已发布的网址将会失效", with
    advice on aliases and withdrawing (an editor's trial). One error a conflict, its own
    code, both sides' URLs kept, and the file written again without the markers."""
    recorded = sorted("/" + url for url in ledger_urls(plan))
    text = "\n".join(
        ["# header", *recorded[:2], "<<<<<<< HEAD", "/cases/side-a-001/", "||||||| base", "=======", "/cases/side-b-002/", ">>>>>>> b"]
    )
    ledger = parse_ledger(text + "\n" + "\n".join(recorded[2:]) + "\n", tmp_path / "urls.lock")
    assert [(d.line, d.code) for d in ledger.diagnostics] == [(4, "ledger-conflict")]
    assert "合并冲突" in ledger.diagnostics[0].message and "showcase urls --update" in ledger.diagnostics[0].hint
    assert {"cases/side-a-001/", "cases/side-b-002/"} <= set(ledger.urls)
    check = check_ledger(ledger, plan, small.collection.cases)
    what, todo = error_summary(check)
    assert "1 处 Git 合并冲突的标记" in what and "有 2 个已发布的网址将会失效" in what  # the two sides' made-up cases
    assert "行不是网址路径" not in what and "showcase urls --update" in todo
    written, _, _, _ = updated_ledger(ledger, plan)
    assert not [line for line in written.splitlines() if line[:1] in "<|=>"]
    assert {"/cases/side-a-001/", "/cases/side-b-002/"} <= set(written.splitlines())


def test_another_site_s_ledger_is_summed_up_as_lost_addresses_only(small: Small, plan: SitePlan, tmp_path: Path):
    """A reading: with another site's 36 case addresses the build's first line said
    "有 36 个已发布的网址将会失效，有 -35 行不是网址路径" and advised aliases and withdraw."""
    text = "\n".join(f"/cases/other-site-{n:03}/" for n in range(36)) + "\n/themes/\n"
    check = check_ledger(parse_ledger(text, tmp_path / "urls.lock"), plan, small.collection.cases)
    assert check.foreign and len(check.errors) == 1
    what, todo = error_summary(check)
    assert what == "有 36 个已发布的网址将会失效", what
    assert "aliases" not in todo and "withdraw" not in todo and "下面的提示" in todo, todo
    (error,) = check.errors
    assert error.hint.count("一个也不在当前的案例集里") == 0 and "删除 urls.lock，再运行 showcase urls --update" in error.hint


def test_check_passes_the_collection_its_own_ledger_and_flags_a_case_sent_back(small: Small, plan: SitePlan, tmp_path: Path):
    ledger = Ledger(tmp_path / "urls.lock", urls={url: n for n, url in enumerate(sorted(ledger_urls(plan)), start=2)})
    check = check_ledger(ledger, plan, small.collection.cases)
    assert check.ok and check.new == [] and check.fallbacks == {} and not check.foreign
    # The same ledger over two of the cases, after the editor sent one of them back to draft.
    two = load_small(tmp_path / "cases", only=["pub-2023-001", "pub-2023-002"])
    edit_front_matter(two.case("pub-2023-001").path, "status: published", "status: draft")
    two = two.reload()
    sent_back = check_ledger(ledger, public_plan(two.collection, two.settings.taxonomy, load_texts(), PER_PAGE), two.collection.cases)
    unpublished = [d for d in sent_back.errors if d.code == "ledger-unpublished"]
    assert len(unpublished) == 1 and "pub-2023-001" in unpublished[0].message and "showcase withdraw pub-2023-001" in unpublished[0].hint
    draft = two.case("pub-2023-001")
    assert (unpublished[0].path, unpublished[0].line) == (draft.path, draft.line("status"))  # the line to change back
    # The cases that are gone, the withdrawn one and its alias with them, are named by their ledger lines.
    missing = {d.message.split("/cases/")[1].split("/")[0]: d.line for d in sent_back.errors if d.code == "ledger-missing"}
    assert set(missing) == {"pub-2023-003", "pub-2023-004", WITHDRAWN, "wd-old-005"}
    assert all(missing[i] == ledger.urls[f"cases/{i}/"] for i in missing)


@pytest.mark.parametrize("status", ["draft", "review"])
def test_a_published_case_sent_back_to_review_or_draft_is_named_by_its_status_line(tmp_path: Path, status: str):
    """Mutation testing of ledger.py: a case sent back to review (not draft) was said to be
    deleted or renamed (ledger-missing), and no test failed."""
    two = load_small(tmp_path / "cases", only=["pub-2023-001", "pub-2023-002"])
    ledger = Ledger(tmp_path / "urls.lock", urls={"cases/pub-2023-001/": 2, "cases/pub-2023-002/": 3})
    edit_front_matter(two.case("pub-2023-001").path, "status: published", f"status: {status}")
    two = two.reload()
    assert two.case("pub-2023-001").ok
    check = check_ledger(ledger, public_plan(two.collection, two.settings.taxonomy, load_texts(), PER_PAGE), two.collection.cases)
    assert [(d.code, d.path, d.line) for d in check.errors] == [
        ("ledger-unpublished", two.case("pub-2023-001").path, two.case("pub-2023-001").line("status"))
    ]


def test_an_updated_ledger_keeps_the_place_it_recorded_for_a_page(plan: SitePlan, tmp_path: Path):
    """``showcase urls --update`` never renames a recorded place: the name after a city's
    or county's address keeps that address its place's (ledger-place tells a name edited)."""
    from showcase.core.outputs.ledger import place_names

    url, name = sorted(place_names(plan).items())[0]
    ledger = Ledger(tmp_path / "urls.lock", urls={url: 2}, places={url: "旧地名"})
    text, _, named, _ = updated_ledger(ledger, plan)
    assert f"/{url} 旧地名" in text.splitlines() and f"/{url} {name}" not in text.splitlines() and named == []


def test_a_vanished_listing_redirects_to_the_nearest_page_above(small: Small, plan: SitePlan, tmp_path: Path):
    ledger = Ledger(tmp_path / "urls.lock", urls={"regions/guangdong/foshan/": 2, "themes/no-such-theme/": 3, "cases/pub-2023-001/": 4})
    check = check_ledger(ledger, plan, small.collection.cases)
    assert check.ok and check.fallbacks == {"regions/guangdong/foshan/": "regions/guangdong/", "themes/no-such-theme/": "themes/"}


def test_a_ledger_of_another_collection_is_foreign(small: Small, plan: SitePlan, tmp_path: Path):
    ledger = Ledger(tmp_path / "urls.lock", urls={"cases/elsewhere-2020-001/": 2, "": 3})
    check = check_ledger(ledger, plan, small.collection.cases)
    assert check.foreign and [d.code for d in check.errors] == ["ledger-missing"]


def test_dates_come_from_the_approval(small: Small):
    assert feeds.publication_date(small.case("pub-2023-001")) == date(2024, 3, 1)


def test_what_a_feed_reader_shows_of_an_entry_and_of_the_feed(small: Small):
    # a test audit by mutation: the summary's escaping, the Atom author and cover, and the
    # RSS self link could each go without a test noticing
    feed = site_feed(small)
    entry = feed.entries[0]
    entry.summary = "参与者<50人，A&amp;B 两支队伍"
    entry.image = BASE + "cases/x/cover.jpg"
    rss, atom = feedparser.parse(feeds.rss(feed)), feedparser.parse(feeds.atom(feed))
    assert not rss.bozo and not atom.bozo
    assert html.unescape(rss.entries[0].summary) == entry.summary  # readers take it as HTML: the text survives
    assert atom.entries[0].summary == entry.summary
    assert atom.entries[0].author == entry.author and entry.author != feed.title  # the organization, not the site
    assert [link.href for link in atom.entries[0].links if link.rel == "enclosure"] == [entry.image]
    assert [link.href for link in rss.feed.links if link.rel == "self"] == [feed.self_urls["rss"]]
    assert [link.href for link in atom.feed.links if link.rel == "self"] == [feed.self_urls["atom"]]


def test_the_redirect_map_holds_each_redirect_and_nothing_nginx_could_misread():
    """site/_redirects.nginx is read by nginx inside a map (scripts/deploy/nginx/showcase-redirects.conf):
    the old address as nginx decodes it, the new one percent-encoded; an old address with a
    quote, a $ (a variable), a ; or a brace is left to its meta-refresh page, never written."""
    from showcase.core.outputs.offsite import redirect_map
    from showcase.core.site.plan import PageSpec

    plan = SitePlan(
        pages=[
            PageSpec(PageKind.CASE, "cases/new-001/", "新"),
            PageSpec(PageKind.ALIAS, "cases/old-001/", "旧", target="cases/new-001/"),
            PageSpec(PageKind.EMBED, "cases/old-001/embed/", "旧", target="cases/new-001/embed/"),
            PageSpec(PageKind.EMBED, "cases/new-001/embed/", "新"),  # a card, not a redirect
            PageSpec(PageKind.FALLBACK, "themes/旧主题/", "旧主题", target="themes/新主题/"),
            PageSpec(PageKind.FALLBACK, "years/1999/", "1999", target=""),  # to the home page
            PageSpec(PageKind.FALLBACK, 'themes/a"b/', "x", target="themes/x/"),
            PageSpec(PageKind.FALLBACK, "themes/$host/", "x", target="themes/x/"),
            PageSpec(PageKind.FALLBACK, "themes/y/", "x", target="themes/a;b{}/"),
        ]
    )
    entries = [line for line in redirect_map(plan).splitlines() if line and not line.startswith("#")]
    assert entries == [
        '"/cases/old-001/" "/cases/new-001/";',
        '"/cases/old-001" "/cases/new-001/";',
        '"/cases/old-001/embed/" "/cases/new-001/embed/";',
        '"/cases/old-001/embed" "/cases/new-001/embed/";',
        '"/themes/旧主题/" "/themes/%E6%96%B0%E4%B8%BB%E9%A2%98/";',
        '"/themes/旧主题" "/themes/%E6%96%B0%E4%B8%BB%E9%A2%98/";',
        '"/years/1999/" "/";',
        '"/years/1999" "/";',
        '"/themes/y/" "/themes/a%3Bb%7B%7D/";',  # the new address percent-encoded: nothing to misread
        '"/themes/y" "/themes/a%3Bb%7B%7D/";',
    ]


def test_a_file_named_like_the_ledger_but_far_larger_than_one_is_not_read(tmp_path, monkeypatch):
    """A hostile trial: a 135 MB file beside a missing ledger (urls.lock.bak) was read as a
    ledger to see whether it recorded the site's cases: 2 GB and 10 s for `showcase check`."""
    from showcase.core.outputs import ledger

    big = tmp_path / "urls.lock.bak"
    with big.open("wb") as handle:
        handle.truncate(ledger.MAX_NEAR_BYTES + 1)
    small = tmp_path / "urls.lock~"
    small.write_text("/cases/a-1/\n", encoding="utf-8")
    read: list[str] = []
    real = ledger.read_ledger
    monkeypatch.setattr(ledger, "read_ledger", lambda path: read.append(path.name) or real(path))
    assert ledger.misnamed(tmp_path / "urls.lock", []) is None
    assert read == ["urls.lock~"]


def test_a_withdrawn_case_is_listed_with_its_former_ids_and_who_withdrew_it():
    """An editor's trial: a withdrawn case renamed before was listed by its current id alone,
    and a system that had copied it under the former one could not match the withdrawal."""
    from showcase.core.case.model import Case, Review

    case = Case(Path("x/index.md"), id="gz-tianhe-2021-006", title="撤回的案例", aliases=["gz-tianhe-2021-hub"])
    case.withdrawn_reason, case.review = "组织已注销", Review(reviewer="天河区民政局", approved=date(2025, 6, 1))
    record = catalog.withdrawn_record(case, SITE)
    assert (
        record["aliases"] == ["gz-tianhe-2021-hub"] and record["withdrawn_by"] == "天河区民政局" and record["withdrawn_on"] == "2025-06-01"
    )
