"""The built HTML: language, skip link, reading settings, alt texts, footer and the statistics page.

Expectations come from the test collection's specs (``casegen.SPECS``), counted here,
never from the site code.
"""

from __future__ import annotations

import itertools
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from showcase.core.site.texts import load_texts

from tests.support.build import run as run_process

from .casegen import PUBLISHED, SPECS
from .conftest import FOOTER, build_site, make_project
from .htmltree import Node, parse

TEXTS = load_texts()
PAGES = ["", "themes/shequ-zhili/", "cases/gz-yuexiu-2023-101/", "stats/", "about/", "regions/guangdong/"]


def _page(site, path: str) -> Node:
    return parse(site.html(path))


def _pairs(table: Node) -> dict[str, int]:
    rows = {}
    for tr in table.find("tbody").find_all("tr"):
        rows[tr.find("th").text().strip()] = int(tr.find("td").text().strip())
    return rows


# -- every page --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [*PAGES, "404.html"])
def test_language_is_zh_cn(reader_site, path):
    html = (reader_site.folder / path).read_text(encoding="utf-8") if path.endswith(".html") else reader_site.html(path)
    assert re.search(r'<html lang="zh-CN"', html), "the page must declare lang=zh-CN, not Material's zh"


@pytest.mark.parametrize("path", PAGES)
def test_skip_link_is_first_and_has_a_target(reader_site, path):
    doc = _page(reader_site, path)
    body = doc.find("body")
    focusable = [n for n in body.iter() if (n.tag == "a" and "href" in n.attrs) or n.tag in ("button", "input", "select", "textarea")]
    focusable = [n for n in focusable if not (n.tag == "input" and "md-toggle" in n.classes)]  # Material's hidden checkboxes
    # Material's own skip link (only on pages with a table of contents) is hidden by reading.css;
    # the browser tests check that the first Tab reaches ours.
    focusable = [n for n in focusable if not any(a.attrs.get("data-md-component") == "skip" for a in n.ancestors())]
    first = focusable[0]
    assert "sc-skip" in first.classes and first.attrs["href"] == "#sc-main", first
    assert first.text().strip() == TEXTS["reader"]["skip"]
    target = body.find(id="sc-main")
    assert target is not None
    # The target comes after the header and the navigation tabs: the skip link skips them.
    order = list(body.iter())
    assert order.index(target) > order.index(body.find("header", cls="md-header"))
    tabs = body.find(cls="md-tabs")
    if tabs is not None:
        assert order.index(target) > order.index(tabs)


@pytest.mark.parametrize("path", PAGES)
def test_reading_settings_are_applied_in_the_head(reader_site, path):
    html = reader_site.html(path)
    head, _, body = html.partition("<body")
    # a script file in the head, run before the body is drawn (not inline: the CSP forbids that)
    loader = re.search(r'<script src="[^"]*(assets/showcase/head\.[0-9a-f]{10}\.js)"[^>]*>', head)
    assert loader and "defer" not in loader.group(0) and "async" not in loader.group(0)
    script = (reader_site.folder / loader.group(1)).read_text(encoding="utf-8")
    assert 'localStorage.getItem("sc-font")' in script and 'd.setAttribute("data-sc-font", "large")' in script
    assert 'localStorage.getItem("sc-contrast")' in script
    assert re.search(r"assets/showcase/reading\.[0-9a-f]{10}\.css", head)
    assert re.search(r"assets/showcase/reading\.[0-9a-f]{10}\.js", body)
    doc = parse(html)
    region = doc.find(cls="sc-reading")
    assert region.attrs["role"] == "region" and region.attrs["aria-label"] == TEXTS["reader"]["toolbar"]
    buttons = region.find_all("button")
    assert [b.text().strip() for b in buttons] == [TEXTS["reader"][k] for k in ("standard", "large", "contrast")]
    assert all(b.attrs.get("type") == "button" and b.attrs.get("aria-pressed") in ("true", "false") for b in buttons)


def test_reading_assets_are_published(reader_site):
    (css_file,) = (reader_site.folder / "assets/showcase").glob("reading.*.css")
    (js_file,) = (reader_site.folder / "assets/showcase").glob("reading.*.js")
    css, js = css_file.read_text(encoding="utf-8"), js_file.read_text(encoding="utf-8")
    assert 'html[data-sc-font="large"]' in css and 'html[data-sc-contrast="high"]' in css
    assert "localStorage.setItem" in js
    assert not re.search(r"https?://", css + js), "reading assets must not load anything from another host"


def test_statistics_page_is_in_the_navigation(reader_site):
    doc = _page(reader_site, "")
    labels = {a.text().strip(): a.attrs["href"] for a in doc.find_all("a", cls="md-tabs__link")}
    assert labels.get(TEXTS["nav"]["stats"]) == "stats/"
    assert labels.get(TEXTS["nav"]["brands"]) == "brands/"  # the activity series, as the other ways in


def test_every_image_has_alt_text(reader_site):
    pages = sorted(reader_site.folder.rglob("*.html"))
    assert len(pages) > 20
    images = 0
    for file in pages:
        for img in parse(file.read_text(encoding="utf-8")).find_all("img"):
            images += 1
            assert "alt" in img.attrs, f"{file}: <img src={img.attrs.get('src')}> has no alt attribute"
            decorative = any(a.attrs.get("aria-hidden") == "true" for a in img.ancestors())
            if not decorative:
                assert img.attrs["alt"].strip(), f"{file}: <img src={img.attrs.get('src')}> needs a text alternative"
    assert images >= len(PUBLISHED) * 2  # covers and body photos at least


# -- footer ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "cases/gz-yuexiu-2023-101/", "stats/"])
def test_footer_shows_organizer_contact_and_filings(reader_site, path):
    footer = _page(reader_site, path).find("footer", cls="md-footer").find(cls="sc-footer")
    assert footer is not None
    assert "sc-copyright--empty" not in _page(reader_site, path).find(cls="md-copyright").attrs["class"]
    text = " ".join(footer.text().split())
    assert f"{TEXTS['footer']['organizer']}：{FOOTER['organizer']}" in text
    assert FOOTER["contact"] in text
    icp = footer.find("a", cls="sc-footer__icp")
    assert icp.text().strip() == FOOTER["icp"] and icp.attrs["href"] == "https://beian.miit.gov.cn/"
    police = footer.find("a", cls="sc-footer__police")
    assert police.text().strip() == FOOTER["police"]
    assert police.attrs["href"] == "https://beian.mps.gov.cn/#/query/webSearch?code=44010402000123"


def test_the_404_page_says_what_happened_and_where_to_go_in_chinese(reader_site):
    html = (reader_site.folder / "404.html").read_text(encoding="utf-8")
    doc = parse(html)
    content = doc.find(cls="md-content")
    assert content.find("h1").text().strip() == TEXTS["notfound"]["title"]
    assert "Not found" not in html
    assert TEXTS["notfound"]["lead"] in " ".join(content.text().split())
    form = content.find("form", cls="sc-notfound__search")
    assert form.find("input", type="search").attrs["name"] == "q"
    # Served at any depth (/cases/a-mistyped-id/): every way on is absolute from the site's root.
    targets = [form.attrs["action"]] + [a.attrs["href"] for a in content.find(cls="sc-notfound__links").find_all("a")]
    assert all(t.startswith("/") for t in targets), targets
    # where to go on: the site's own navigation, as its tabs show it (专题 and 数据统计 were missing)
    tabs = [
        a.attrs["href"] for a in parse((reader_site.folder / "index.html").read_text(encoding="utf-8")).find_all("a", cls="md-tabs__link")
    ]
    assert [t.rstrip("/").rsplit("/", 1)[-1] for t in targets] == ["search", *(t.rstrip("/").rsplit("/", 1)[-1] for t in tabs)]
    assert {"themes", "stats", "about"} <= {t.strip("/").rsplit("/", 1)[-1] for t in targets}, targets


def test_footer_on_the_404_page(reader_site):
    doc = parse((reader_site.folder / "404.html").read_text(encoding="utf-8"))
    assert FOOTER["icp"] in doc.find(cls="sc-footer").text()


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    """The project's mkdocs.yml as it is (footer empty by default)."""
    config_file, _ = make_project(tmp_path_factory.mktemp("plain") / "project")
    return build_site(config_file)


def test_empty_footer_shows_nothing(plain_site):
    for path in ("index.html", "stats/index.html", "404.html"):
        html = (plain_site / path).read_text(encoding="utf-8")
        assert "sc-footer" not in html
        assert "ICP" not in html and "公网安备" not in html
        assert "Made with" not in html  # no generator credit in a public-service footer
        assert "md-copyright sc-copyright--empty" in html  # its empty line hidden (a reader's trial: an empty dark bar)


def test_malformed_filing_number_fails_the_build_with_a_clear_message(tmp_path):
    config_file, _ = make_project(tmp_path / "project", footer={"icp": "粤ICP备 待申请"})
    run = run_process([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config_file)], config_file.parent)
    assert run.returncode != 0
    assert "icp（ICP备案号）“粤ICP备 待申请”格式不对" in run.stderr
    assert "粤ICP备12345678号-1" in run.stderr  # says how to write it
    assert "Traceback" not in run.stderr


# -- statistics page ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def stats(reader_site) -> Node:
    return _page(reader_site, "stats/")


def _chart_table(stats: Node, key: str) -> dict[str, int]:
    section = stats.find("section", id=key)
    assert section is not None, f"no chart section #{key}"
    table = section.find("table", cls="sc-sr-table")
    assert table.find("caption").text().strip()
    return {k: v for k, v in _pairs(table).items() if v}


def test_stats_by_theme(stats):
    expected = Counter(theme for s in PUBLISHED for theme in s.themes)
    assert _chart_table(stats, "themes") == dict(expected)


def test_stats_by_category(stats):
    assert _chart_table(stats, "categories") == dict(Counter(s.category for s in PUBLISHED))


def test_stats_by_province(stats):
    assert _chart_table(stats, "regions") == dict(Counter(s.province for s in PUBLISHED))


def test_stats_by_year(stats):
    years = {re.sub(r"\D", "", k): v for k, v in _chart_table(stats, "years").items()}
    assert years == dict(Counter(s.date[:4] for s in PUBLISHED))


def test_stats_totals_count_only_published_cases(stats):
    section = stats.find("section", cls="sc-stat")
    pairs = {dt.text().strip(): dd.text().strip() for dt, dd in zip(section.find_all("dt"), section.find_all("dd"), strict=True)}
    number = {k: int(v.replace(",", "")) for k, v in pairs.items()}
    assert number[TEXTS["stats"]["cases"]] == len(PUBLISHED) < len(SPECS)
    assert number[TEXTS["labels"]["volunteers"]] == sum(s.volunteers or 0 for s in PUBLISHED)
    assert number[TEXTS["labels"]["served"]] == sum(s.served or 0 for s in PUBLISHED)
    assert number[TEXTS["stats"]["provinces"]] == len({s.province for s in PUBLISHED})


def test_stats_charts_are_inline_svg_hidden_from_screen_readers(reader_site, stats):
    html = reader_site.html("stats/")
    svgs = re.findall(r'<svg class="sc-chart".*?</svg>', html, flags=re.S)
    assert len(svgs) == 4
    for svg in svgs:
        tree = ET.fromstring(svg)  # well-formed
        assert tree.get("aria-hidden") == "true"
        bars = [r for r in tree.iter("{http://www.w3.org/2000/svg}rect") if "sc-bar" in r.get("class", "")]
        assert bars
    # Bars are as long as their numbers: the theme with the most cases has the longest bar.
    themes = ET.fromstring(svgs[0])
    ns = "{http://www.w3.org/2000/svg}"
    widths = [float(r.get("width").rstrip("%")) for r in themes.iter(f"{ns}rect")]
    values = [int(t.text.replace(",", "")) for t in themes.iter(f"{ns}text") if "sc-chart__value" in t.get("class", "")]
    assert len(widths) == len(values) == 6
    assert sorted(range(6), key=lambda i: widths[i]) == sorted(range(6), key=lambda i: (values[i], widths[i]))
    top = max(values)
    for width, value in zip(widths, values, strict=True):
        assert width == pytest.approx(78 * value / top, abs=0.01)
    # Nothing to draw charts with in the browser: no script on the page but the site's own.
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert all(not s.startswith(("http:", "https:", "//")) for s in scripts)


def test_stats_theme_by_province_table(stats):
    table = stats.find("table", cls="sc-matrix")
    themes = [th.text().strip() for th in table.find("thead").find_all("th")][1:]
    expected = Counter((s.province, theme) for s in PUBLISHED for theme in s.themes)
    seen = {}
    for tr in table.find("tbody").find_all("tr"):
        province = tr.find("th").text().strip()
        cells = tr.find_all("td")
        assert len(cells) == len(themes)
        for theme, td in zip(themes, cells, strict=True):
            value = int(td.text().strip())
            level = int(next(c for c in td.classes if c.startswith("sc-heat--")).split("--")[1])
            seen[(province, theme)] = (value, level)
    assert {k: v for k, (v, _) in seen.items() if v} == dict(expected)
    # Shading grows with the count: no cell is lighter than a cell with fewer cases.
    ordered = sorted(seen.values())
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(ordered))
    assert min(level for v, level in seen.values() if v) >= 1 and all(level == 0 for v, level in seen.values() if not v)
    assert max(level for _, level in seen.values()) == 5
    wrap = next(table.ancestors())
    assert wrap.attrs.get("tabindex") == "0" and wrap.attrs.get("role") == "region"  # scrollable by keyboard


def test_stats_page_with_no_published_case(tmp_path):
    config_file, _ = make_project(tmp_path / "project")
    for index in Path(config_file.parent, "cases").rglob("index.md"):
        index.write_text(index.read_text(encoding="utf-8").replace("status: published", "status: draft"), encoding="utf-8")
    site = build_site(config_file)
    html = (site / "stats/index.html").read_text(encoding="utf-8")
    assert TEXTS["labels"]["empty"] in html
    assert '<svg class="sc-chart"' not in html and "sc-matrix" not in html
