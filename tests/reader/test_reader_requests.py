"""What a reading page asks the server for, recorded in headless Chromium.

Material's script fetches ``sitemap.xml`` beside every ``<link rel=alternate>`` it finds
(it takes them for language versions); at 10,000 cases that file is about 1 MB, so no
reading page may fetch it. The feeds stay announced in every page's head for feed readers.
"""

from __future__ import annotations

import pytest

PAGES = ["home", "case", "theme", "search"]


@pytest.mark.parametrize("name", PAGES)
def test_no_reading_page_fetches_the_sitemap(browser, sample_site, name):
    path = "search/?q=社区" if name == "search" else sample_site.pages()[name]
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(sample_site.url + path, wait_until="networkidle")
    page.wait_for_timeout(300)  # anything Material starts after the load
    assert page.evaluate("() => typeof document$ !== 'undefined'"), "Material's script ran"
    assert len(requests) > 3
    assert not [u for u in requests if "sitemap" in u], requests
    # The feeds are still announced for feed readers, in the page as served.
    head = sample_site.html(path.split("?")[0]).split("</head>")[0]
    for kind in ("application/rss+xml", "application/atom+xml", "application/feed+json"):
        assert f'<link rel="alternate" type="{kind}"' in head
    context.close()


@pytest.mark.parametrize("name", ["home", "case"])
def test_a_browser_without_resize_observer_asks_no_other_host(browser, sample_site, name):
    # Old WeChat X5 WebViews and iOS Safari before 13.1 have no ResizeObserver: Material's
    # script then fetched its polyfill from a public CDN (a user trial). The site's own copy
    # is loaded first, in such browsers only.
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.add_init_script("delete window.ResizeObserver")
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(sample_site.url + sample_site.pages()[name], wait_until="networkidle")
    page.wait_for_timeout(300)
    assert [u for u in requests if not u.startswith(sample_site.url) and not u.startswith("data:")] == []
    assert [u for u in requests if "/resize-observer." in u], requests
    assert page.evaluate("() => typeof ResizeObserver === 'function' && typeof document$ !== 'undefined'")
    page.locator("label.md-header__button[for='__drawer']").click()  # Material's menu still opens
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    assert errors == []
    # A browser with ResizeObserver never fetches the copy.
    other = context.new_page()
    fetched: list[str] = []
    other.on("request", lambda r: fetched.append(r.url))
    other.goto(sample_site.url + sample_site.pages()[name], wait_until="networkidle")
    assert fetched and not [u for u in fetched if "/resize-observer." in u]
    context.close()
