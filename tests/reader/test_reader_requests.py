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
