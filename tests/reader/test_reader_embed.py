"""The embed card (/cases/<id>/embed/) as other sites frame it: a portal's column on a phone,
a WeChat article, a desktop page, and the card opened in a tab of its own (its 预览 link).

Readers of those sites are often older people on a phone: the card's words are read at
16 px at least, its links are 44 px tall at least, and nothing on it is cut off, neither by
the frame nor by an ellipsis, whatever the frame's size.
"""

from __future__ import annotations

import html
import re

import pytest

from .conftest import EDGE_CASE, open_page
from .probes import SMALL_TARGETS, SMALL_TEXT

SAMPLE_CASE = "gz-yuexiu-2023-001"  # a sample: its card names the site with （示例） after it

# What a reader may find cut on the card: the elements that show a whole thing (the summary
# alone is cut on purpose, after three lines, with 阅读全文 beside it). An element is cut when
# its text overflows its box (an ellipsis, or lines a clamp hides) or its box leaves the frame.
CUT = """() => {
  const out = [];
  for (const el of document.querySelectorAll('.card .chip, .card h1 a, .card .org, .card .place, .card .date, .card .foot > *, .card .notice')) {
    const r = el.getBoundingClientRect();
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      out.push(`${el.className || el.tagName} overflows its box: "${el.textContent.trim()}"`);
    if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
      out.push(`${el.className || el.tagName} leaves the ${innerWidth}x${innerHeight} frame: "${el.textContent.trim()}"`);
  }
  const page = document.scrollingElement;
  if (page.scrollWidth > innerWidth || page.scrollHeight > innerHeight)
    out.push(`the card is ${page.scrollWidth}x${page.scrollHeight} in a ${innerWidth}x${innerHeight} frame`);
  return out;
}"""


def _frame_snippet(browser, site, case_id, width):
    """A portal's page as narrow as ``width``, framing the card with the case page's own
    iframe code (the 嵌入本案例 box); returns the page and the card's frame."""
    code = html.unescape(re.search(r"data-sc-embed>(.*?)</textarea>", site.html(f"cases/{case_id}"), re.S).group(1))
    code = re.sub(r'src="[^"]*"', f'src="{site.url}cases/{case_id}/embed/"', code)  # the test site has no site_url
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    page.goto(site.url + "robots.txt")  # the portal's page, on an address of its own
    page.set_content(f"<!doctype html><body style='margin:0'><p>门户网站的文章</p>{code}<p>正文继续</p></body>")
    frame = page.frame_locator("iframe")
    frame.locator(".card").wait_for()
    return page, next(f for f in page.frames if f.url.endswith("/embed/"))


def _readable(frame):
    return {
        "cut": frame.evaluate(CUT),
        "small_text": frame.evaluate(SMALL_TEXT, 16),
        "small_links": frame.evaluate(SMALL_TARGETS, 44),
    }


@pytest.mark.parametrize("width", [320, 375, 640])
def test_framed_card_is_readable_whole(browser, sample_site, width):
    """At 375 px the site's name lost its end (社区社会组织参与新时代文明…, without （示例）),
    the text was 13–14 px and 阅读全文 a 21 px-tall link: in the frame the site's own code
    makes, on a phone's portal page, every word shows at 16 px or more and every link is 44 px tall."""
    page, frame = _frame_snippet(browser, sample_site, SAMPLE_CASE, width)
    seen = _readable(frame)
    assert seen == {"cut": [], "small_text": [], "small_links": []}, seen
    assert frame.locator(".foot").inner_text().startswith("社区社会组织参与新时代文明实践案例展示（示例）")
    page.context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (640, 400), (375, 667), (320, 400), (320, 260), (640, 260)])
def test_every_card_is_readable_whole_at_any_frame(browser, sample_site, width, height):
    """Every card of the sample site, opened in a tab (its 预览 link) on a desktop or a phone,
    in the site's frame, and in the frames pasted before the card grew (260 px tall, where
    a three-line title beside the photo pushed 阅读全文 out): nothing cut, the words as large."""
    cases = sorted(
        p.parent.parent.name
        for p in sample_site.folder.glob("cases/*/embed/index.html")
        if '<article class="card' in p.read_text(encoding="utf-8")
    )
    assert len(cases) >= 30
    page = open_page(browser, sample_site, f"cases/{cases[0]}/embed/", width=width, height=height)
    failures = {}
    for case_id in cases:
        page.goto(f"{sample_site.url}cases/{case_id}/embed/")
        if seen := {k: v for k, v in _readable(page).items() if v}:
            failures[case_id] = seen
        assert page.locator("h1 a").is_visible() and page.locator(".foot").is_visible()
    assert not failures, failures
    page.context.close()


@pytest.mark.parametrize("width", [320, 375])
def test_framed_card_with_a_long_organization_name(browser, edge_site, width):
    """A 24-character organization's name: shown whole on the card's narrow layout (two lines)."""
    page, frame = _frame_snippet(browser, edge_site, EDGE_CASE, width)
    seen = _readable(frame)
    assert seen == {"cut": [], "small_text": [], "small_links": []}, seen
    page.context.close()


def test_every_card_is_the_main_content_of_its_frame(sample_site):
    """An accessibility audit: the card had no landmark, and a screen reader in another site's
    frame found no content to go to."""
    pages = [page.read_text(encoding="utf-8") for page in sorted(sample_site.folder.rglob("embed/index.html"))]
    cards = [page for page in pages if '<article class="card' in page]  # not an old address's redirect
    assert len(cards) > 5
    for card in cards:
        assert card.count("<main>") == 1 and card.index("<main>") < card.index('<article class="card'), card[:300]
