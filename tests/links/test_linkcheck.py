"""Crawl built sites: zero broken internal links and anchors (pages, feeds, catalog, sitemap)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

from .conftest import SITE_URL
from .crawl import check_site, target_file


def test_the_crawler_finds_broken_links_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a><a href="a/#here">ok</a><a href="#top" id="top">ok</a>', encoding="utf-8")
    (tmp_path / "a/index.html").write_text(
        '<h2 id="here">x</h2><a href="../b/">gone</a><a href="../#nowhere">bad anchor</a>'
        '<img src="missing.png"><a href="https://elsewhere.example/">out</a>'
        '<meta http-equiv="refresh" content="0; url=../c/">',
        encoding="utf-8",
    )
    report = check_site(tmp_path)
    assert report.pages == 2 and report.checked == 7
    assert len(report.broken) == 4, report.broken
    assert report.external == {"https://elsewhere.example/"}


def test_sample_site_has_no_broken_internal_link(plain):
    report = check_site(plain)
    assert report.pages > 100 and report.checked > 3000
    assert report.broken == []


def test_site_with_site_url_and_changes_has_no_broken_internal_link(sample, changed):
    for site in (sample, changed.site):
        report = check_site(site, SITE_URL)
        assert report.broken == [], site
        assert not [u for u in report.external if u.startswith(SITE_URL)]


def site_urls(site: Path) -> list[str]:
    """Every URL the sitemap, the feeds and the catalog give."""
    urls = [loc.text for loc in ET.parse(site / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    for feed in site.rglob("*.xml"):
        if feed.name != "sitemap.xml":
            root = ET.parse(feed).getroot()
            urls += [e.text for e in root.iter() if e.tag in ("link", "{http://www.w3.org/2005/Atom}link") and e.text]
            urls += [e.get("href") for e in root.iter("{http://www.w3.org/2005/Atom}link")]
    for path in list(site.rglob("feed.json")):
        urls += [i["url"] for i in json.loads(path.read_text(encoding="utf-8"))["items"]]
    for path in [site / "api/cases.json", *(site / "api/themes").glob("*.json")]:
        for record in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            urls += [record["url"], record["embed_url"]] + ([record["cover"]] if record["cover"] else [])
    return urls


def test_every_url_in_sitemap_feeds_and_catalog_resolves(sample, changed):
    for site in (sample, changed.site):
        urls = site_urls(site)
        assert len(urls) > 500
        assert all(u.startswith(SITE_URL) for u in urls)
        broken = [u for u in urls if target_file(site, u[len(SITE_URL) :]) is None]
        assert broken == []
