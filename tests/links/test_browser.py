"""In real headless Chromium: redirects without JavaScript, the embed card in another
site's iframe, the copy buttons, and printing a case page on A4."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT, SITE_URL, sample_cases

playwright = pytest.importorskip("playwright.sync_api")
SHOTS = ROOT / "tests" / "screenshots"


@pytest.fixture(scope="module")
def case():
    """A published sample case with a cover image."""
    return next(c for c in sorted(sample_cases(), key=lambda c: c.id) if c.is_published and c.cover)


def watch(page) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: requests.append(req.url))
    return errors, requests


def test_alias_redirects_without_javascript(browser, serve, changed):
    base = serve(changed.site)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for suffix in ("", "embed/"):
        page.goto(f"{base}cases/{changed.renamed_from}/{suffix}")
        page.wait_for_url(f"{base}cases/{changed.renamed_to}/{suffix}", timeout=10_000)
        assert page.locator("h1").first.inner_text().strip()
    context.close()


def test_an_old_address_keeps_the_section_it_points_at(browser, serve, changed):
    """/cases/<old id>/#cite landed at the top of the case: the meta refresh drops the part
    after #. With JavaScript the part is kept, and the page scrolls to the 引用 box."""
    base = serve(changed.site)
    page = browser.new_page(viewport={"width": 375, "height": 700})
    errors, _ = watch(page)
    page.goto(f"{base}cases/{changed.renamed_from}/#cite")
    page.wait_for_url(f"{base}cases/{changed.renamed_to}/#cite", timeout=10_000)
    page.wait_for_function("Math.abs(document.getElementById('cite').getBoundingClientRect().top) < 200")
    assert errors == []
    page.close()


def test_embed_card_works_inside_another_sites_iframe(browser, serve, plain, case, tmp_path):
    site = serve(plain)
    context = browser.new_context(viewport={"width": 900, "height": 700})
    page = context.new_page()
    page.goto(f"{site}cases/{case.id}/", wait_until="networkidle")
    snippet = page.locator("[data-sc-embed]").input_value()
    # Without site_url, the page's script completes the snippet from its own address.
    assert snippet.startswith(f'<iframe src="{site}cases/{case.id}/embed/"'), snippet
    # Another site (another origin) pastes the snippet.
    (tmp_path / "index.html").write_text(
        f'<!doctype html><meta charset=utf-8><link rel=icon href="data:,"><title>host</title><h1>host</h1>{snippet}', encoding="utf-8"
    )
    host = serve(tmp_path)
    page = context.new_page()
    errors, requests = watch(page)
    page.goto(host, wait_until="networkidle")
    card = page.frame_locator("iframe")
    assert card.locator("h1").inner_text() == case.title
    assert card.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    box = page.locator("iframe").bounding_box()
    inner = card.locator(".card").bounding_box()
    assert inner["height"] <= box["height"] + 1, "the card fits the snippet's iframe height"
    origins = {urlsplit(u).netloc for u in requests if urlsplit(u).scheme in ("http", "https")}
    assert origins <= {urlsplit(site).netloc, urlsplit(host).netloc}, requests
    assert errors == [], errors
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "links-embed-iframe.png"))
    with context.expect_page() as opened:
        card.locator("h1 a").click()
    assert opened.value.url == f"{site}cases/{case.id}/"  # a new tab, out of the sandbox
    context.close()


def test_copy_buttons_copy_absolute_links(browser, serve, plain, case):
    site = serve(plain)
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page = context.new_page()
    errors, _ = watch(page)
    page.goto(f"{site}cases/{case.id}/", wait_until="networkidle")
    cite = page.locator(".sc-cite")
    assert cite.locator("a").first.inner_text() == f"{site}cases/{case.id}/"
    expected = {
        "link": f"{site}cases/{case.id}/",
        "embed": page.locator("[data-sc-embed]").input_value(),
        "citation": cite.locator(".sc-cite__line").inner_text().strip(),
        "gbt": cite.locator("[data-sc-gbt]").inner_text().strip(),  # the entry a report's reference list takes
    }
    assert (
        expected["gbt"].removeprefix("【示例】" if case.is_sample("示例") else "").startswith(case.organization.name)
        and "[EB/OL]" in expected["gbt"]
        and "引用日期" not in expected["gbt"]
    )
    assert expected["gbt"].endswith(f"{site}cases/{case.id}/.")
    assert expected["citation"].endswith(f"{site}cases/{case.id}/") and case.title in expected["citation"]
    for kind, text in expected.items():
        if kind == "embed":
            page.locator(".sc-share__embed summary").click()  # the snippet waits behind its control
        button = page.locator(f'[data-sc-copy="{kind}"]')
        assert button.is_visible()
        button.click()
        page.wait_for_function("document.querySelector('.sc-share__status').textContent.length > 0")
        assert page.locator(".sc-share__status").inner_text() == "已复制"
        assert page.evaluate("navigator.clipboard.readText()") == text
        page.evaluate("document.querySelector('.sc-share__status').textContent = ''")
    assert errors == [], errors
    context.close()


def test_copy_link_gives_the_permalink_wherever_the_page_was_opened(browser, serve, sample, case):
    # A clerk who reached the page through a test copy, an IP address or a portal's proxy
    # copies the published address the page shows, as the citation does (a user trial).
    site = serve(sample)
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.rstrip("/"))
    page = context.new_page()
    page.goto(f"{site}cases/{case.id}/", wait_until="networkidle")
    permalink = f"{SITE_URL}cases/{case.id}/"
    assert page.locator(".sc-cite a").first.inner_text() == permalink and not site.startswith(SITE_URL)
    page.locator('[data-sc-copy="link"]').click()
    page.wait_for_function("document.querySelector('.sc-share__status').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == permalink
    context.close()


def test_copy_buttons_stay_hidden_without_javascript(browser, serve, plain, case):
    site = serve(plain)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}cases/{case.id}/")
    assert page.locator("[data-sc-copy]").count() == 4
    assert not any(page.locator("[data-sc-copy]").nth(i).is_visible() for i in range(4))
    page.locator(".sc-share__embed summary").click()  # <details> opens without JavaScript
    assert page.locator("[data-sc-embed]").is_visible()  # the snippet can still be selected by hand
    context.close()


def test_case_page_prints_on_a4_without_site_chrome(browser, serve, plain, case):
    site = serve(plain)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{site}cases/{case.id}/", wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-search",
        ".md-footer",
        ".sc-share",
        ".sc-related",
    ):
        hidden = page.locator(selector).evaluate_all(
            "els => els.every(e => !e.offsetParent && getComputedStyle(e).position !== 'fixed' || getComputedStyle(e).display === 'none')"
        )
        assert hidden, f"{selector} is printed"
    cite = page.locator(".sc-cite")
    assert cite.is_visible() and f"{site}cases/{case.id}/" in cite.inner_text()
    assert page.locator("h1").first.is_visible() and page.locator(".sc-case__body").is_visible()
    # The cite box is the last thing printed.
    bottoms = page.evaluate(
        "() => [...document.querySelectorAll('.md-content *')].filter(e => e.offsetParent && e.getBoundingClientRect().height > 0)"
        ".map(e => e.getBoundingClientRect().bottom)"
    )
    assert cite.bounding_box()["y"] + cite.bounding_box()["height"] >= max(bottoms) - 1
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    boxes = {tuple(round(float(n)) for n in m) for m in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)}
    assert boxes == {(595, 842)}, boxes  # A4 in points
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 6, pages
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "links-print.pdf").write_bytes(pdf)
    page.close()


def test_a_page_opened_from_disk_offers_no_file_path_as_its_address(browser, plain, case):
    # a deployer's trial: a build without a site_url copied to a file share and opened from
    # disk gave 永久链接：file:///… and a GB/T entry citing a path on the reader's own disk
    page = browser.new_page()
    page.goto((plain / "cases" / case.id / "index.html").as_uri(), wait_until="load")
    cite = page.locator(".sc-cite")
    assert cite.locator("a").first.inner_text() == f"/cases/{case.id}/"
    assert cite.locator("[data-sc-gbt]").inner_text().strip().endswith(f"/cases/{case.id}/.")
    assert "file:" not in cite.inner_text() + page.locator("[data-sc-embed]").input_value()
    page.close()
