"""A date-sorted search of the sample collection, as a reader's phone shows it."""

from __future__ import annotations

import pytest

from .conftest import open_page


@pytest.mark.parametrize(("query", "newest"), [("广场舞", False), ("志愿服务", True), ("养老", True)])
def test_a_date_sorted_search_lists_every_result_in_date_order(browser, sample_site, query: str, newest: bool) -> None:
    """A reader's trial: 广场舞 sorted 早的在前 listed 2024-04-20 before 2022-05-15, and 志愿服务
    newest first went 09-10, 03-01, 02-20, 05-20: a query cut in two words is searched twice,
    and the cases both searches found came first. Every result shown, in one date order."""
    page = open_page(browser, sample_site, f"search/?q={query}&sort={'newest' if newest else 'oldest'}")
    try:
        page.wait_for_selector("#sc-search-status[data-count]", timeout=20_000)
        count = int(page.get_attribute("#sc-search-status", "data-count"))
        more = page.locator("#sc-search-more")
        while more.count() and more.is_visible():  # 显示更多 until every result is listed
            shown = page.locator(".sc-result").count()
            more.click()
            page.wait_for_function(f"document.querySelectorAll('.sc-result').length > {shown}", timeout=20_000)
        dates = page.locator(".sc-result__meta time").evaluate_all("ts => ts.map(t => t.dateTime)")
        assert count >= 3 and len(dates) == count, (count, dates)
        assert dates == sorted(dates, reverse=newest), dates
    finally:
        page.context.close()
