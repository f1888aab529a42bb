"""Feeds: RSS 2.0, Atom and JSON Feed, site-wide and per theme.

RSS and Atom are read with feedparser. Its released versions do not read JSON Feed,
so JSON feeds are validated against a schema of the JSON Feed 1.1 specification
(jsonfeed-1.1.schema.json, beside this file) and then read as plain JSON.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import feedparser
import jsonschema
import pytest
from showcase.core.case.model import Case

from .conftest import SITE_URL, sample_cases
from .crawl import target_file

FILES = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
VERSIONS = {"rss": "rss20", "atom": "atom10", "json": "json11"}
LIMIT = 20  # the plugin's default feed_items


def published() -> list[Case]:
    return [c for c in sample_cases() if c.is_published]


JSONFEED_SCHEMA = json.loads((Path(__file__).with_name("jsonfeed-1.1.schema.json")).read_text(encoding="utf-8"))


def read(site: Path, path: str):
    """A feed as feedparser presents it (entries with link, title, summary, tags, dates)."""
    if path.endswith(".json"):
        return read_json_feed(site / path)
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    return parsed


def read_json_feed(path: Path) -> SimpleNamespace:
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.validate(data, JSONFEED_SCHEMA)

    def entry(item: dict) -> SimpleNamespace:
        published = datetime.fromisoformat(item["date_published"]).astimezone(UTC).timetuple()
        tags = [SimpleNamespace(term=t) for t in item.get("tags", [])]
        return SimpleNamespace(link=item["url"], title=item["title"], summary=item["summary"], published_parsed=published, tags=tags)

    feed = SimpleNamespace(link=data["home_page_url"], title=data["title"])
    return SimpleNamespace(version="json11", feed=feed, entries=[entry(i) for i in data["items"]])


def entry_id(link: str) -> str:
    assert link.startswith(SITE_URL + "cases/"), link
    return link[len(SITE_URL + "cases/") :].strip("/")


def check_feed(site: Path, prefix: str, cases: list[Case], fmt: str) -> list[str]:
    parsed = read(site, prefix + FILES[fmt])
    assert parsed.version == VERSIONS[fmt]
    assert parsed.feed.link == SITE_URL + prefix
    ids = [entry_id(e.link) for e in parsed.entries]
    by_id = {c.id: c for c in cases}
    assert len(ids) == min(LIMIT, len(cases)) and len(set(ids)) == len(ids)
    assert set(ids) <= set(by_id), "a feed lists a case that is not published here"
    approved = [by_id[i].review.approved for i in ids]
    assert approved == sorted(approved, reverse=True), "newest publication first"
    left_out = [c.review.approved for c in cases if c.id not in ids]
    assert not left_out or min(approved) >= max(left_out), "the newest cases are the ones listed"
    for entry in parsed.entries:
        case = by_id[entry_id(entry.link)]
        # a made-up case travels with its mark, as when it is shared (its page says so in a banner)
        assert entry.title == ("【示例】" if case.is_sample("示例") else "") + case.title
        assert entry.summary == case.summary
        day = entry.published_parsed
        # Midnight in China (UTC+8) is 16:00 UTC the day before.
        assert date(day.tm_year, day.tm_mon, day.tm_mday).toordinal() == case.review.approved.toordinal() - 1
        assert day.tm_hour == 16
        assert [t.term for t in entry.tags] == [t.label for t in case.themes]
    return ids


@pytest.mark.parametrize("fmt", list(FILES))
def test_site_feeds(sample, fmt):
    ids = check_feed(sample, "", published(), fmt)
    for case_id in ids:
        assert target_file(sample, f"cases/{case_id}/") is not None


@pytest.mark.parametrize("fmt", list(FILES))
def test_theme_feeds(sample, fmt):
    themes = {t.key for c in published() for t in c.themes}
    assert len(themes) == 6
    for key in themes:
        cases = [c for c in published() if key in [t.key for t in c.themes]]
        check_feed(sample, f"themes/{key}/", cases, fmt)


def test_json_feed_carries_cover_and_authors(sample):
    data = json.loads((sample / "feed.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):  # the schema does reject a feed without its version
        jsonschema.validate({k: v for k, v in data.items() if k != "version"}, JSONFEED_SCHEMA)
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == SITE_URL + "feed.json" and data["language"] == "zh-CN"
    by_id = {c.id: c for c in published()}
    for item in data["items"]:
        case = by_id[entry_id(item["url"])]
        assert item["authors"] == [{"name": case.organization.name}]
        if case.cover:
            assert item["image"] == f"{SITE_URL}cases/{case.id}/cover.jpg"  # the cleaned cover, not the original
            assert target_file(sample, item["image"][len(SITE_URL) :]) is not None
        else:
            assert "image" not in item
    assert any(by_id[entry_id(item["url"])].cover for item in data["items"])  # the covers were looked at (a test audit)


def test_feeds_are_announced_in_page_heads(sample):
    for page in ("index.html", "about/index.html", f"cases/{published()[0].id}/index.html"):
        html = (sample / page).read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        for fmt, kind in (
            ("feed.xml", "application/rss+xml"),
            ("atom.xml", "application/atom+xml"),
            ("feed.json", "application/feed+json"),
        ):
            assert f'<link rel="alternate" type="{kind}"' in head and fmt in head, (page, fmt)
    theme = (sample / "themes/bianmin-fuwu/index.html").read_text(encoding="utf-8")
    head, body = theme.split("</head>")
    assert 'href="feed.xml" type="application/rss+xml"' in body and 'href="feed.json"' in body
    # The theme's own feeds are announced first, under its name; then the site's.
    announced = re.findall(r'<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)">', head)
    assert announced[0] == ("application/rss+xml", "便民服务 · RSS 订阅", "feed.xml")
    assert [href for _, _, href in announced] == [
        "feed.xml",
        "atom.xml",
        "feed.json",
        "../../feed.xml",
        "../../atom.xml",
        "../../feed.json",
    ]
    page_two = sample / "themes/bianmin-fuwu/page/2/index.html"
    if page_two.exists():  # later pages announce the site's feeds only
        assert "便民服务 · RSS" not in page_two.read_text(encoding="utf-8").split("</head>")[0]


def test_withdrawn_and_renamed_cases_in_feeds(changed):
    every = [p for p in changed.site.rglob("*") if p.name in FILES.values()]
    assert len(every) == 3 * 8  # the site's, six themes', and a copy at a theme's former key
    ids = 0
    for path in every:
        text = path.read_text(encoding="utf-8")
        assert f"/cases/{changed.withdrawn}/" not in text, path
        # the renamed case's former address is its entry's id (a reader knows it so), never a link
        former = re.escape(f"/cases/{changed.renamed_from}/")
        named = re.findall(rf'<guid isPermaLink="false">[^<]*{former}</guid>|<id>[^<]*{former}</id>|"id": "[^"]*{former}"', text)
        ids += len(named)
        for each in named:
            text = text.replace(each, "")
        assert f"/cases/{changed.renamed_from}/" not in text, path
    assert ids >= 3  # in the site's three feeds at least


def test_without_site_url_links_are_site_paths(plain):
    parsed = read(plain, "feed.xml")
    assert parsed.entries and all(e.link.startswith("/cases/") for e in parsed.entries)
    assert all(target_file(plain, e.link.lstrip("/")) is not None for e in parsed.entries)


def test_a_renamed_case_keeps_the_entry_id_of_its_first_address():
    """A feed reader knows an entry by its id (RSS guid, Atom id, JSON Feed id): it was the
    case's current address, so renaming a published case showed it to every subscriber again
    as a new entry. The id is now the first address's (the first of ``aliases``), the link
    the current address; a case never renamed keeps its address as both."""
    from dataclasses import replace

    from showcase.core.outputs.feeds import SiteInfo, atom, json_feed, make_feed, rss

    (case,) = [c for c in published() if c.id == "gz-tianhe-2021-006"]
    assert case.aliases == ["gz-tianhe-2021-hub"]
    never = next(c for c in published() if not c.aliases)
    renamed = replace(case, aliases=["gz-tianhe-2021-hub", "gz-tianhe-2021-005"])  # renamed twice: the first stays
    site = SiteInfo.of("案例展示", SITE_URL)
    feed = make_feed([renamed, never], site, title="t", description="d", home="", files=dict(FILES), limit=5)
    for render in (rss, atom):
        entries = {e.link: e.id for e in feedparser.parse(render(feed)).entries}
        assert entries == {
            SITE_URL + "cases/gz-tianhe-2021-006/": SITE_URL + "cases/gz-tianhe-2021-hub/",
            SITE_URL + f"cases/{never.id}/": SITE_URL + f"cases/{never.id}/",
        }
    guids = re.findall(r"<guid isPermaLink=\"(\w+)\">([^<]+)</guid>", rss(feed).decode())
    assert sorted(guids) == sorted([("false", SITE_URL + "cases/gz-tianhe-2021-hub/"), ("true", SITE_URL + f"cases/{never.id}/")])
    items = json.loads(json_feed(feed))["items"]
    assert {i["url"]: i["id"] for i in items}[SITE_URL + "cases/gz-tianhe-2021-006/"] == SITE_URL + "cases/gz-tianhe-2021-hub/"
