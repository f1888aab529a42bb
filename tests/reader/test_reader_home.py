"""The home page of the sample collection: its grids, its order and its introduction."""

from __future__ import annotations

import re

import pytest
from showcase.core.collection.loading import load_collection
from showcase.core.collection.settings import Settings

from .conftest import open_page

# Cards of a grid grouped into rows by their top edge: the number of cards in each row.
ROWS = """(grid) => {
  const rows = new Map();
  for (const card of grid.querySelectorAll('.sc-card')) {
    const top = Math.round(card.getBoundingClientRect().top);
    rows.set(top, (rows.get(top) || 0) + 1);
  }
  return [...rows.values()];
}"""


@pytest.mark.parametrize(("width", "font"), [(375, ""), (768, ""), (1024, ""), (1280, ""), (1920, ""), (1280, "large")])
@pytest.mark.parametrize(("site", "featured"), [("sample_site", 4), ("reader_site", 3)])
def test_featured_cards_fill_every_row(request, browser, site, featured, width, font):
    """推荐案例 left one card alone on its row at 1280 px (three, then one)."""
    page = open_page(browser, request.getfixturevalue(site), "", width=width, font=font)
    rows = page.locator("#sc-featured + .sc-cards").evaluate(ROWS)
    assert sum(rows) == featured and len(set(rows)) == 1, f"cards per row at {width} px: {rows}"
    page.context.close()


def _published(sample_site):
    return {c.id: c for c in load_collection(sample_site.folder.parent / "cases", Settings()).published}


def _approved(case):
    return case.review.approved or case.date


def test_latest_cases_are_in_publication_order_and_say_so(sample_site):
    """最新案例 was in activity-date order while the feeds are in approval order."""
    cases = _published(sample_site)
    home = sample_site.html("")
    latest = home.split('id="sc-latest"', 1)[1].split("</section>", 1)[0]
    assert "按发布时间，新的在前" in latest
    ids = re.findall(r'class="sc-card__title"><a href="cases/([a-z0-9-]+)/"', latest)
    assert len(ids) == 6
    newest = sorted(cases.values(), key=lambda c: (_approved(c), c.date), reverse=True)
    assert [_approved(cases[i]) for i in ids] == [_approved(c) for c in newest[:6]]
    # A listing page, in the same order.
    theme = sample_site.html(sample_site.pages()["theme"])
    listed = re.findall(r'class="sc-card__title"><a href="\.\./\.\./cases/([a-z0-9-]+)/"', theme)
    assert len(listed) >= 3 and "按发布时间，新的在前" in theme
    dates = [_approved(cases[i]) for i in listed]
    assert dates == sorted(dates, reverse=True), listed


def test_intro_fits_the_collection(sample_site):
    """The intro cited only Guangdong's document while the cases come from seven provinces."""
    home = sample_site.html("")
    intro = home.split('class="sc-hero__intro"', 1)[1].split("</div>", 1)[0]
    provinces = {c.region.province.key for c in _published(sample_site).values()}
    assert len(provinces) == 7
    assert "来自 7 个省（自治区、直辖市）" in intro
    assert "民发〔2022〕63号" in intro and "广东省民政厅" not in intro


def test_sample_cases_are_marked_where_their_figures_show(browser, sample_site):
    """The sample collection is made up (tag 示例): its case pages said so, but its cards, the
    home page's totals and the statistics read as real (a reader's trial). Each card carries
    the tag on its top corner, and the pages with totals say the figures are samples."""
    page = open_page(browser, sample_site, "", width=375)
    notice = "本站现在的案例都是演示用的示例（虚构内容），下面的数字也是示例，不能引用。"
    assert page.locator(".sc-hero .sc-banner--sample").inner_text() == notice
    cards = page.locator(".sc-card")
    chips = page.locator(".sc-card .sc-chip--sample")
    assert chips.count() == cards.count() > 0 and set(chips.all_inner_texts()) == {"示例"}
    chip, title = chips.first.bounding_box(), page.locator(".sc-card .sc-card__title").first.bounding_box()
    card = cards.first.bounding_box()
    assert chip["y"] + chip["height"] <= title["y"] and card["x"] <= chip["x"] and chip["x"] + chip["width"] <= card["x"] + card["width"]
    page.goto(page.url + "stats/")
    assert page.locator(".sc-banner--sample").inner_text() == notice
    page.context.close()


@pytest.mark.parametrize(
    ("tags", "said"), [([[], ["示例"], []], "本站有 1 个演示用的示例案例"), ([[], []], ""), ([["示例"]], "本站现在的案例都是")]
)
def test_the_sample_notice_counts_the_samples(tags, said):
    from pathlib import Path
    from types import SimpleNamespace

    from showcase.core.case.model import Case
    from showcase.core.site.texts import load_texts
    from showcase.plugin.context import SiteContext

    cases = [Case(Path(f"cases/{n}/index.md"), tags=t) for n, t in enumerate(tags)]
    site = SimpleNamespace(index=SimpleNamespace(published=cases), texts=load_texts(), sample_tag="示例")
    site.is_sample = lambda case: SiteContext.is_sample(site, case)  # type: ignore[arg-type]
    notice = SiteContext.sample_notice(site)  # type: ignore[arg-type]
    assert notice.startswith(said) if said else notice == ""
