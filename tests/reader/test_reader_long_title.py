"""A case title of 60 and more characters (a national compilation has a few) on a 375 px
phone: the title is the page's heading, so the breadcrumbs repeat it on one line at most,
and the heading still starts on the first screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .conftest import SCREENSHOTS, Site, _serve, build_site, make_project, open_page

LONG = "北镇社区社会组织联合会牵头整合辖区九十九家社区社会组织资源开展“党建引领·邻里守望·五社联动”全周期关爱服务探索超大城市基层治理新路径"

BREADCRUMBS = """() => {
  const nav = document.querySelector('.sc-breadcrumbs'), h1 = document.querySelector('article.sc-case h1');
  const line = parseFloat(getComputedStyle(nav).lineHeight) || 24;
  return {nav: nav.getBoundingClientRect().height, h1: h1.getBoundingClientRect().top, text: nav.textContent, line};
}"""


@pytest.fixture(scope="module")
def long_title_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, str]]:
    config_file, specs = make_project(tmp_path_factory.mktemp("long-title") / "project")
    case = next(s for s in specs if s.status == "published")
    source = next((config_file.parent / "cases").rglob(f"{case.id}/index.md"))
    text = source.read_text(encoding="utf-8")
    assert f"title: {case.title}\n" in text and len(LONG) >= 60
    source.write_text(text.replace(f"title: {case.title}\n", f"title: {LONG}\n", 1), encoding="utf-8")
    for site in _serve(Site(build_site(config_file), specs)):
        yield site, case.id


@pytest.mark.parametrize("font", ["", "large"])
def test_a_long_title_is_not_repeated_in_full_above_its_heading(browser, long_title_site, font):
    site, case_id = long_title_site
    page = open_page(browser, site, f"cases/{case_id}/", width=375, height=740, font=font)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"reader-long-title-{font or 'standard'}.png"))
    got = page.evaluate(BREADCRUMBS)
    assert LONG in got["text"]  # still there for a screen reader, and when copied
    # 首页 › theme and the title's start: two rows of 44 px tap targets at most (it took four)
    assert got["nav"] <= 2 * 44 + 8, got
    assert got["h1"] + 2 * got["line"] < 740, got  # the heading's first lines are on the first screen
    page.context.close()
