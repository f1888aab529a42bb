"""Layout measured in headless Chromium on the sample collection: margins, numbers, grids."""

from __future__ import annotations

import pytest

from .conftest import open_page

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
