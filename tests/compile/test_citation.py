"""The 引用 box's GB/T 7714-2015 entry: in the HTML as built, and as a browser shows it."""

from __future__ import annotations

import datetime
import http.server
import threading
from functools import partial

import pytest
from showcase.core.collection.loading import load_collection
from showcase.core.site.citation import gbt7714

from .conftest import SITE_URL

CASE = "bj-xicheng-2023-002"


@pytest.fixture(scope="module")
def case(project):
    return next(c for c in load_collection(project.root / "cases").cases if c.id == CASE)


def test_entry_follows_gbt7714_for_online_resources(case):
    entry = gbt7714(case, f"{SITE_URL}cases/{CASE}/")
    published = (case.review.approved or case.date).isoformat()
    assert entry.text(datetime.date(2026, 3, 1)) == (
        f"{case.organization.name}. {case.title}[EB/OL]. ({published})[2026-03-01]. {SITE_URL}cases/{CASE}/."
    )


def test_page_without_javascript_asks_for_the_citation_date(project, case):
    html = (project.site / "cases" / CASE / "index.html").read_text(encoding="utf-8")
    assert "[<span data-sc-cited>引用日期</span>]. " in html
    assert f"[EB/OL]. ({(case.review.approved or case.date).isoformat()})" in html
    assert f"<span data-sc-gbt-url>{SITE_URL}cases/{CASE}/</span>." in html
    assert 'class="sc-cite__line"' in html  # the existing citation line stays


def test_browser_fills_in_todays_date(browser, project, case):
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(project.site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/cases/{CASE}/")
        text = page.locator("[data-sc-gbt]").inner_text()
        today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
        page.close()
    finally:
        server.shutdown()
    day = datetime.date(*today).isoformat()
    assert text == gbt7714(case, f"{SITE_URL}cases/{CASE}/").text(datetime.date.fromisoformat(day))
