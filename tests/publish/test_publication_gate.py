"""Only ``status: published`` reaches the public, in every file the build writes.

A real build of published cases beside a draft, a case in review and a withdrawn case,
each with words of its own in its title, summary, body and organization; then every file
of the site is read (HTML, feeds, the catalog, the sitemap, robots.txt, the search index,
whose Pagefind files are gzip-compressed). A mutation audit: putting the withdrawn cases
into the site's feed, or counting them into the search page's filters, failed no test
that read the site's HTML only."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from .conftest import build_site, make_project, write_case

# words each unpublished case carries in its title, summary, body and organization: seen nowhere
HIDDEN = {
    "draft-001": ("草稿标题甲甲甲", "草稿摘要乙乙乙", "草稿正文丙丙丙", "草稿组织丁丁丁"),
    "review-001": ("待审标题戊戊戊", "待审摘要己己己", "待审正文庚庚庚", "待审组织辛辛辛"),
    "gone-001": ("撤回标题壬壬壬", "撤回摘要癸癸癸", "撤回正文子子子", "撤回组织丑丑丑"),
}
STATES = {"draft-001": "draft", "review-001": "review", "gone-001": "withdrawn"}
# The one area no published case has: counted on the search page, it is a withdrawn case's
AREA = "农村"
_ESCAPED = re.compile(r"\\u([0-9a-fA-F]{4})")


def _text(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":  # Pagefind's index and fragments
        data = gzip.decompress(data)
    text = data.decode("utf-8", errors="replace")
    # JSON in a page or a file writes Han characters as \uXXXX: read them as the reader's browser does
    return text + "\n" + _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), text) if "\\u" in text else text


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("gate"))
    cases = project / "cases"
    for n in (1, 3, 5):  # odd numbers: 城市 (front_matter), the same theme as the others
        write_case(cases, f"pub-{n:03d}", n, themes=["便民服务"])
    for number, (case_id, (title, summary, body, organization)) in enumerate(HIDDEN.items(), start=10):
        status = STATES[case_id]
        write_case(
            cases,
            case_id,
            number,
            status=status,
            title=title,
            summary=f"{summary}，讲述社区社会组织如何组织居民开展互助服务，成效明显。",
            organization={"name": organization, "category": "shenghuo-fuwu"},
            themes=["便民服务"],
            area=AREA,
            featured=True,
            review=None if status != "withdrawn" else {"reviewer": "测试区民政局", "approved": "2025-03-01"},
            withdrawn_reason="组织已注销，案例撤回。" if status == "withdrawn" else None,
            body=f"## 基本情况\n\n{body}，社区里老人多。\n\n## 主要做法\n\n- 结对帮扶\n\n## 工作成效\n\n服务覆盖全社区。\n",
        )
    return build_site(project)


def test_unpublished_cases_are_in_no_file_of_the_site(site):
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix not in (".jpg", ".webp", ".png", ".woff2", ".ico")]
    kinds = {p.suffix for p in files}
    assert {".html", ".xml", ".json"} <= kinds and any("pagefind" in p.parts for p in files), kinds
    texts = {p.relative_to(site).as_posix(): _text(p) for p in files}
    assert any("第1号社区互助实践案例" in t for name, t in texts.items() if name.startswith("pagefind/")), "the index holds the cases"
    for name, text in texts.items():
        for case_id in ("draft-001", "review-001"):
            assert case_id not in text, (name, case_id)
            for words in HIDDEN[case_id]:
                assert words not in text, (name, words)
        # a withdrawn case keeps its address and title on its notice and in the catalog's
        # list of withdrawn cases, for systems that copied it; its content is nowhere
        summary, body, organization = HIDDEN["gone-001"][1:]
        assert summary not in text and body not in text and organization not in text, name
        if not name.startswith("cases/gone-001/") and name != "api/cases.json":  # its notice, and its embed
            assert "gone-001" not in text and HIDDEN["gone-001"][0] not in text, name


def test_feeds_catalog_and_sitemap_hold_the_published_cases_only(site):
    published = {"pub-001", "pub-003", "pub-005"}
    catalog = json.loads((site / "api/cases.json").read_text(encoding="utf-8"))
    assert {c["id"] for c in catalog["cases"]} == published
    assert [w["id"] for w in catalog["withdrawn"]] == ["gone-001"]
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert {item["url"].rstrip("/").rsplit("/", 1)[-1] for item in feed["items"]} == published
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert {case_id for case_id in (*published, *STATES) if f"cases/{case_id}/" in sitemap} == published


def test_the_search_page_counts_the_published_cases_only(site):
    """Its filters' totals are shown before the reader has searched: a withdrawn case counted
    there says the site has a case of that area, which no search finds."""
    page = (site / "search/index.html").read_text(encoding="utf-8")
    config = re.search(r'<script type="application/json" id="sc-search-config">(.*?)</script>', page, re.S)
    assert config, "the search page's settings"
    facets = {facet["name"]: facet["values"] for facet in json.loads(config.group(1))["facets"]}
    assert facets["area"] == [["urban", "城市", 3]], "an area only unpublished cases have is offered"
    assert [value[2] for value in facets["theme"]] == [3]
