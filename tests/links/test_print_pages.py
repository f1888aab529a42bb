"""Printing on A4 in real headless Chromium: the search page, a listing, and case pages.

Built with ``site_url`` set (the ``sample`` fixture), as a published site is: case pages
carry their QR code and cards their absolute address. Pagination is read from Chromium's
own PDF: each page's link annotations and text say what it holds.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from urllib.parse import quote

import pytest

from tests.support.office import pdftotext

from .conftest import SITE_URL, sample_cases

playwright = pytest.importorskip("playwright.sync_api")
pypdf = pytest.importorskip("pypdf")

MM = 96 / 25.4  # CSS px per millimetre
PRINT_WIDTH = round((210 - 2 * 14) * MM)  # A4 less links.css's @page margins


def _printed(page) -> bytes:
    """The page printed to PDF by Chromium, as every test here prints it."""
    return page.pdf(prefer_css_page_size=True, print_background=True)


def _pdf(page) -> list:
    return pypdf.PdfReader(io.BytesIO(_printed(page))).pages


def _printed_lines(page) -> list[str]:
    """The lines of the page printed, as poppler lays them out (``pdftotext -layout``: its
    default joins a word broken after a hyphen at a line's end, hyphen dropped). pypdf read
    the same lines at ten times the CPU: 10 s of the suite for one test."""
    return pdftotext(_printed(page), "-layout").splitlines()


def _links(pdf_page) -> set[str]:
    return {a.get_object()["/A"]["/URI"] for a in pdf_page.get("/Annots") or [] if "/URI" in a.get_object().get("/A", {})}


@pytest.fixture
def search(browser, serve, sample):
    page = browser.new_page(viewport={"width": PRINT_WIDTH, "height": 1000})
    page.goto(serve(sample) + "search/?q=" + quote("空巢老人"))
    page.wait_for_selector("#sc-search-status[data-count]", timeout=20_000)
    page.wait_for_load_state("networkidle")
    yield page
    page.close()


def test_printed_search_page_is_its_results_on_the_whole_width(search):
    search.emulate_media(media="print")
    for selector in ("#sc-search-form", ".sc-search__sort", ".sc-search__facets", "#sc-search-more"):
        assert search.locator(selector).evaluate("(e) => getComputedStyle(e).display") == "none", f"{selector} is printed"
    widths = search.locator(".sc-result").evaluate_all("(rs) => rs.map((r) => r.getBoundingClientRect().width)")
    assert len(widths) >= 6
    assert min(widths) >= 0.95 * PRINT_WIDTH, f"results {min(widths):.0f} px wide on a page {PRINT_WIDTH} px wide"
    search.emulate_media(media="screen")  # the screen keeps its form and filters
    assert search.locator(".sc-search__facets").is_visible() and search.locator("#sc-search-form").is_visible()


def test_a_printed_search_says_what_was_searched_and_where_each_case_is(search):
    """A trial's printout of 找到 8 个案例 named neither the query nor the cases' addresses."""
    search.emulate_media(media="print")
    printed = search.locator("#sc-search-printed").inner_text()
    assert printed.startswith("搜索“空巢老人”") and "search/?q=空巢老人" in printed
    urls = search.locator(".sc-result__url").all_inner_texts()
    titles = search.locator(".sc-result__title a").evaluate_all("(as) => as.map((a) => new URL(a.href).pathname)")
    # the published address (the site's canonical link), not the one this copy was opened at
    published = search.evaluate("() => document.querySelector('link[rel=canonical]').href").removesuffix("search/")
    assert published.startswith("https://") and urls == [published + t.lstrip("/") for t in titles]
    assert all("/cases/" in u for u in urls) and f"网址：{published}search/?q=空巢老人" in printed
    search.emulate_media(media="screen")  # on the screen the link is the address
    assert not search.locator("#sc-search-printed").is_visible() and not search.locator(".sc-result__url").first.is_visible()


def test_search_results_of_sample_cases_carry_the_chip_their_cards_do(search):
    samples = {c.id for c in sample_cases() if c.is_published and c.is_sample("示例")}
    for result in search.locator(".sc-result").all():
        case_id = result.locator(".sc-result__title a").get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
        chips = result.locator(".sc-chip--sample").all_inner_texts()
        assert chips == (["示例"] if case_id in samples else []), case_id


def test_printed_search_results_are_never_split_over_two_pages(search):
    """A link at the start (the title) and one added at the end of each result: both on one page."""
    count = search.evaluate(
        """() => [...document.querySelectorAll('.sc-result')].map((r, n) => {
             const a = document.createElement('a'); a.href = 'https://end.invalid/' + n; a.textContent = '。';
             r.append(a); return n; }).length"""
    )
    titles = search.locator(".sc-result__title a").evaluate_all("(as) => as.map((a) => a.href)")
    assert count == len(titles) >= 6
    pages = [_links(p) for p in _pdf(search)]
    assert len(pages) >= 2, "the test needs results on more than one page"
    for n, title in enumerate(titles):
        start = [i for i, links in enumerate(pages) if title in links]
        end = [i for i, links in enumerate(pages) if f"https://end.invalid/{n}" in links]
        assert start and start == end, f"result {n + 1} printed over pages {start} and {end}"


def test_printed_listing_names_each_cases_address_in_a_compact_list(browser, serve, sample):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(serve(sample) + "themes/bianmin-fuwu/", wait_until="networkidle")
    cards = page.locator(".sc-card .sc-card__title a").evaluate_all("(as) => as.map((a) => new URL(a.href).pathname)")
    assert len(cards) >= 10
    assert not page.locator(".sc-card__url").first.is_visible(), "the address is for paper only"
    pages = _pdf(page)
    text = "".join("".join(p.extract_text().split()) for p in pages)
    for path in cards:  # SITE_URL is https://example.org/showcase/: the pathname holds /showcase/
        address = SITE_URL.rstrip("/") + path.removeprefix("/showcase")
        assert address in text, f"{address} is not printed"
    # Two framed cards a row, two rows a page left a third of the paper blank: 4 pages for 14.
    assert len(pages) <= math.ceil(len(cards) / 6), f"{len(cards)} cards on {len(pages)} pages"
    page.close()


def test_printed_case_pages_seldom_end_on_a_sheet_of_tags_and_the_cite_box(browser, serve, sample):
    """The 引用 box (with its QR code) was about 108 mm tall: after 22 of the sample's 34
    case pages the last sheet held only the tags and the box. A mark at the end of the body
    says whether the last page holds any of the case's text."""
    site = serve(sample)
    page = browser.new_page(viewport={"width": PRINT_WIDTH, "height": 1000})
    # One published case in three (the PDF print is a second each; the suite keeps to its 10 minutes).
    cases = sorted(c.id for c in sample_cases() if c.is_published)[::3]
    wasted, heights = [], []
    for case in cases:
        page.goto(f"{site}cases/{case}/")  # "load": the page's photos and QR code are in; no idle wait
        page.emulate_media(media="print")
        assert page.locator(".sc-cite .sc-qr svg").count() == 1
        heights.append(page.locator(".sc-cite").bounding_box()["height"] / MM)
        qr, words = page.locator(".sc-cite .sc-qr").bounding_box(), page.locator(".sc-cite__line").bounding_box()
        assert qr["x"] >= words["x"] + words["width"] and qr["y"] < words["y"] + words["height"], "the QR code stands beside the text"
        page.evaluate(
            """() => { const body = document.querySelector('.sc-case__body'); const a = document.createElement('a');
                       a.href = 'https://body-end.invalid/'; a.textContent = '。'; (body.lastElementChild || body).append(a); }"""
        )
        pages = [_links(p) for p in _pdf(page)]
        if "https://body-end.invalid/" not in pages[-1]:
            wasted.append(case)
    page.close()
    assert max(heights) <= 60, f"the cite box is {max(heights):.0f} mm tall"
    assert len(wasted) <= len(cases) // 4, f"{len(wasted)} of {len(cases)} case pages end on a sheet of tags and cite box: {wasted}"


def test_printed_statistics_fill_their_sheets(browser, serve, sample):
    """A reader's trial: /stats/ printed on four sheets, each less than half filled: the
    charts' labels and notes at the screen's .85rem (larger than the printed text), the
    screen's 2rem between charts and the heat table's 44 px rows (a tap floor) on paper.
    The sample's totals, four charts and table now take three sheets."""
    page = browser.new_page(viewport={"width": PRINT_WIDTH, "height": 1000})
    page.goto(serve(sample) + "stats/", wait_until="networkidle")
    pages = _pdf(page)
    text = "".join("".join(p.extract_text().split()) for p in pages)
    for title in ("总体情况", "各实践主题的案例数", "各类组织的案例数", "各地区的案例数", "各年份的案例数", "各地区在各实践主题下的案例数"):
        assert title in text, title
    assert len(pages) <= 3, f"/stats/ printed on {len(pages)} sheets"
    page.emulate_media(media="print")
    label = page.locator(".sc-chart__label").first.evaluate("(e) => parseFloat(getComputedStyle(e).fontSize)")
    assert 12 <= label <= 14, f"a chart's label printed at {label} px (10 pt is 13.3 px)"
    page.close()


def test_a_printed_case_page_never_breaks_its_address_after_a_hyphen(browser, serve, sample):
    """A department's trial: on one printed case page in three the citation line broke the
    address after a hyphen (…/cases/yb-cuiping- / 2023-001/), a hyphen a reader takes for
    one added to break the word, and text taken from the page drops (cd-pidu2021-003/): the
    booklets' rule (booklet/pdf.py _link) on the page too; a date was broken the same way
    (2024-05- / 09). Each of the 引用 box's three addresses is read back whole."""
    site = serve(sample)
    page = browser.new_page(viewport={"width": PRINT_WIDTH, "height": 1000})
    cases = sorted(c.id for c in sample_cases() if c.is_published)[::2]  # a second each: half of them
    broken = []
    for case in cases:
        page.goto(f"{site}cases/{case}/")
        lines = ["".join(unicodedata.normalize("NFKC", line).split()) for line in _printed_lines(page)]
        cite = lines[max(n for n, line in enumerate(lines) if "引用本案例" in line) :]
        if "".join(cite).count(f"{SITE_URL}cases/{case}/") != 3 or any(re.search(r"[a-z0-9]-$", line) for line in cite):
            broken.append(case)
    page.close()
    assert broken == [], f"{len(broken)} of {len(cases)} printed case pages break an address: {broken}"
