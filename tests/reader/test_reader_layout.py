"""Layout measured in headless Chromium on the sample collection: margins, numbers, grids."""

from __future__ import annotations

import pytest

from .conftest import EDGE_CASE, open_page

H1_LEFT = "() => document.querySelector('h1').getBoundingClientRect().left"


@pytest.mark.parametrize("width", [1280, 1440, 1920])
@pytest.mark.parametrize("name", ["home", "case", "theme", "stats", "search"])
def test_content_keeps_a_margin_from_the_window_edge_in_large_text(browser, sample_site, name, width):
    """大字 at desktop widths: the content never sits against the left edge (it did at x = 0)."""
    path = "search/" if name == "search" else sample_site.pages()[name]
    for font in ("", "large"):
        page = open_page(browser, sample_site, path, width=width, font=font)
        left = page.evaluate(H1_LEFT)
        right = page.evaluate("() => innerWidth - document.querySelector('.md-content__inner').getBoundingClientRect().right")
        assert left >= 24 and right >= 24, f"{name} at {width} px ({font or 'standard'}): h1 at x = {left}, {right} px on the right"
        page.context.close()


# How many lines each number of the totals (home, statistics page) and of a case's facts takes.
NUMBER_LINES = """() => [...document.querySelectorAll('.sc-totals dd, .sc-figure dd')].map((dd) => {
  const range = document.createRange();
  range.selectNodeContents(dd);
  const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
  const box = dd.parentElement.getBoundingClientRect(), text = range.getBoundingClientRect();
  return {text: dd.textContent, lines: tops.size, inside: text.left >= box.left - 0.5 && text.right <= box.right + 0.5};
})"""


@pytest.mark.parametrize("font", ["", "large"])
@pytest.mark.parametrize("path", ["stats/", "", f"cases/{EDGE_CASE}/"])
def test_numbers_never_wrap_on_a_phone(browser, edge_site, path, font):
    """服务人次 of 35 million at 375 px: one line, inside its box (it read “35,501,57 / 0”)."""
    page = open_page(browser, edge_site, path, width=375, font=font)
    numbers = page.evaluate(NUMBER_LINES)
    assert any(n["text"].startswith("35,") for n in numbers), numbers
    assert all(n["lines"] == 1 and n["inside"] for n in numbers), numbers
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 375
    page.context.close()
