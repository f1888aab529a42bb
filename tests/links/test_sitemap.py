"""sitemap.xml (published pages only, with their last change), robots.txt, canonical links."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from xml.etree import ElementTree as ET

from .conftest import SITE_URL, SITEMAP_PART_URLS, sample_cases

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')


def sitemap(site: Path, name: str = "sitemap.xml") -> dict[str, str | None]:
    """URL -> lastmod, as a search engine reads them: through the index to its parts."""
    root = ET.fromstring((site / name).read_bytes())
    entries = {}
    for part in root.findall("s:sitemap", NS):
        entries.update(sitemap(site, part.findtext("s:loc", namespaces=NS).removeprefix(SITE_URL)))
    for url in root.findall("s:url", NS):
        lastmod = url.find("s:lastmod", NS)
        entries[url.find("s:loc", NS).text] = lastmod.text if lastmod is not None else None
    return entries


def url_of(site: Path, html: Path) -> str:
    return SITE_URL + html.relative_to(site).as_posix().removesuffix("index.html")


def indexable(site: Path) -> set[str]:
    """Pages a search engine should list: not 404, no redirect, no noindex."""
    urls = set()
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if html.name == "404.html" or 'http-equiv="refresh"' in text or '<meta name="robots" content="noindex">' in text:
            continue
        urls.add(url_of(site, html))
    return urls


def test_sitemap_lists_exactly_the_indexable_pages(sample):
    entries = sitemap(sample)
    assert set(entries) == indexable(sample)
    for case in sample_cases():
        url = f"{SITE_URL}cases/{case.id}/"
        assert (url in entries) == case.is_published, case.id
        for alias in case.aliases:
            assert f"{SITE_URL}cases/{alias}/" not in entries
    assert not [u for u in entries if u.endswith("/embed/")]
    assert {SITE_URL, SITE_URL + "about/", SITE_URL + "themes/bianmin-fuwu/"} <= set(entries)
    assert gzip.decompress((sample / "sitemap.xml.gz").read_bytes()) == (sample / "sitemap.xml").read_bytes()


def test_a_sitemap_over_the_limit_is_an_index_of_parts_a_search_engine_follows(changed, sample):
    """Past the URLs one file may hold (50,000; here SITEMAP_PART_URLS), sitemap.xml lists
    sitemap-1.xml, sitemap-2.xml, ... at absolute URLs, each within the limit, together every
    indexable page once; robots.txt still names sitemap.xml. The sample, within the limit,
    keeps one file."""
    site = changed.site
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locs = [e.findtext("s:loc", namespaces=NS) for e in root.findall("s:sitemap", NS)]
    assert len(locs) >= 3 and locs == [f"{SITE_URL}sitemap-{n}.xml" for n in range(1, len(locs) + 1)]
    counts = [len(ET.fromstring((site / f"sitemap-{n}.xml").read_bytes()).findall("s:url", NS)) for n in range(1, len(locs) + 1)]
    assert all(0 < c <= SITEMAP_PART_URLS for c in counts) and not (site / f"sitemap-{len(locs) + 1}.xml").exists()
    assert sum(counts) == len(sitemap(site)) and set(sitemap(site)) == indexable(site)
    assert f"Sitemap: {SITE_URL}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    assert ET.fromstring((sample / "sitemap.xml").read_bytes()).tag.endswith("}urlset") and not (sample / "sitemap-1.xml").exists()


def test_lastmod_is_the_approval_date(sample):
    entries = sitemap(sample)
    published = [c for c in sample_cases() if c.is_published]
    for case in published:
        assert entries[f"{SITE_URL}cases/{case.id}/"] == case.review.approved.isoformat()
    assert entries[SITE_URL] == max(c.review.approved for c in published).isoformat()
    theme = [c for c in published if "bianmin-fuwu" in [t.key for t in c.themes]]
    assert entries[SITE_URL + "themes/bianmin-fuwu/"] == max(c.review.approved for c in theme).isoformat()


def test_robots_txt_points_to_the_sitemap(sample, plain):
    assert (sample / "robots.txt").read_text(encoding="utf-8").splitlines() == [
        "User-agent: *",
        "Disallow:",
        f"Sitemap: {SITE_URL}sitemap.xml",
    ]
    assert "Sitemap" not in (plain / "robots.txt").read_text(encoding="utf-8")  # it must be absolute


def test_every_page_has_one_canonical_link(sample):
    aliases = {alias: case.id for case in sample_cases() for alias in case.aliases}
    pages = [p for p in sample.rglob("*.html") if p.name != "404.html"]
    assert len(pages) > 100
    for html in pages:
        found = CANONICAL.findall(html.read_text(encoding="utf-8"))
        assert len(found) == 1, (html, found)
        url = url_of(sample, html)
        parts = url[len(SITE_URL) :].split("/")
        if parts[0] == "cases" and parts[1] in aliases:  # redirects point to where they lead
            assert found[0] == url.replace(f"/cases/{parts[1]}/", f"/cases/{aliases[parts[1]]}/")
        elif url.endswith("/embed/"):  # an embed card's canonical page is its case page
            assert found[0] == url.removesuffix("embed/")
        elif url == f"{SITE_URL}cases/":  # the folder above the permalinks leads home
            assert found[0] == SITE_URL
        else:
            assert found[0] == url


def test_without_site_url_the_canonical_link_is_the_page_itself(plain):
    html = (plain / "about/index.html").read_text(encoding="utf-8")
    assert CANONICAL.findall(html) == ["./"]


def test_withdrawn_case_is_a_noindex_tombstone_listed_nowhere(changed):
    site = changed.site
    page = (site / "cases" / changed.withdrawn / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in page and changed.reason in page
    withdrawn = next(c for c in sample_cases() if c.id == changed.withdrawn)
    assert withdrawn.body.strip().splitlines()[-1] not in page  # no content
    assert f"{SITE_URL}cases/{changed.withdrawn}/" not in sitemap(site)
    assert f"{SITE_URL}cases/{changed.renamed_to}/" in sitemap(site)
    assert f"{SITE_URL}cases/{changed.renamed_from}/" not in sitemap(site)
    # Listed nowhere: no other page links to the tombstone.
    needle = f"cases/{changed.withdrawn}/"
    linking = [
        p for p in site.rglob("*.html") if needle in p.read_text(encoding="utf-8") and "cases/" + changed.withdrawn not in p.as_posix()
    ]
    assert linking == []
