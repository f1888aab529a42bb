"""What a reader sees, in real headless Chromium: home, a theme and a case page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.serve import served

from .conftest import ROOT, build_site, make_project, write_case

playwright = pytest.importorskip("playwright.sync_api")
SHOTS = ROOT / "tests" / "screenshots"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("browser"))
    for n in range(14):
        write_case(project / "cases", f"case-{n:03d}", n, featured=(n < 3) or None)
    site = build_site(project)
    with served(site) as url:
        yield url


def visit(browser, url: str, width: int = 1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: requests.append(req.url))
    page.goto(url, wait_until="networkidle")
    return page, errors, requests


PAGES = {"home": "", "theme": "themes/bianmin-fuwu/", "case": "cases/case-003/"}


@pytest.mark.parametrize("name", list(PAGES))
@pytest.mark.parametrize("width", [1280, 375])
def test_page_loads_cleanly(browser, server, name, width):
    page, errors, requests = visit(browser, server + PAGES[name], width)
    origin = urlsplit(server).netloc
    foreign = [r for r in requests if urlsplit(r).scheme in ("http", "https") and urlsplit(r).netloc != origin]
    assert foreign == [], foreign
    assert errors == [], errors
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"publish-{name}-{width}.png"), full_page=True)
    page.close()


def test_home_shows_six_theme_cards(browser, server):
    page, _, _ = visit(browser, server)
    cards = page.locator(".sc-theme")
    assert cards.count() == 6
    assert all(cards.nth(i).is_visible() for i in range(6))
    assert "便民服务" in cards.nth(3).inner_text()
    page.close()


def test_case_page_reads(browser, server):
    page, _, _ = visit(browser, server + PAGES["case"], 375)
    assert page.locator("h1").first.inner_text() == "第3号社区互助实践案例"
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.sc-case__body p')).fontSize)")
    assert size >= 16
    page.locator(".sc-badges a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/themes/bianmin-fuwu/")
    page.close()
