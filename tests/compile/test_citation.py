"""The 引用 box's GB/T 7714-2015 entry: in the HTML as built, and as a browser shows it."""

from __future__ import annotations

import datetime
import re

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


def test_a_case_not_yet_published_is_cited_without_a_publication_date(case):
    # In the pull request's preview, a case in review showed its practice date as the date
    # of publication (an editor's trial).
    import dataclasses

    from showcase.core.case.model import Review, Status

    waiting = dataclasses.replace(case, status=Status.REVIEW, review=Review())
    entry = gbt7714(waiting, f"{SITE_URL}cases/{CASE}/")
    assert entry.published is None
    assert entry.text(datetime.date(2026, 3, 1)) == f"{case.organization.name}. {case.title}[EB/OL]. [2026-03-01]. {SITE_URL}cases/{CASE}/."


def test_page_without_javascript_asks_for_the_citation_date(project, case):
    html = (project.site / "cases" / CASE / "index.html").read_text(encoding="utf-8")
    assert '[<span class="sc-nb" data-sc-cited>引用日期</span>]. ' in html
    # the text without the spans that keep an address and a date whole on paper (SiteContext.link_text)
    text = re.sub(r'<span class="sc-nb">([^<]*)</span>', r"\1", html)
    assert f"[EB/OL]. ({(case.review.approved or case.date).isoformat()})" in text
    assert f"<span data-sc-gbt-url>{SITE_URL}cases/{CASE}/</span>." in text
    assert 'class="sc-cite__line"' in html  # the existing citation line stays
    approved = f"（{case.review.approved.isoformat()}）" if case.review.approved else ""
    assert f"审核单位：{case.review.reviewer}{approved}，" in text  # with its colon, as every other label on the page


def test_browser_fills_in_todays_date(browser, served, case):
    page = browser.new_page()
    page.goto(f"{served}cases/{CASE}/")
    text = page.locator("[data-sc-gbt]").inner_text()
    today = page.evaluate("(() => { const d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    page.close()
    day = datetime.date(*today).isoformat()
    mark = "【示例】" if case.is_sample("示例") else ""  # the sample collection's cases are made up
    assert text == mark + gbt7714(case, f"{SITE_URL}cases/{CASE}/").text(datetime.date.fromisoformat(day))


def test_a_sample_case_is_marked_where_it_travels_without_its_page(project, browser, served):
    """The page says 示例案例 in a banner, but the copied citations and the title WeChat
    shows when the link is shared said nothing (a trial pasted one into meeting papers)."""
    cases = [c for c in load_collection(project.root / "cases").cases if c.is_published]
    sample = next(c for c in cases if c.is_sample("示例"))
    html = (project.site / "cases" / sample.id / "index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:title" content="【示例】{sample.title}"' in html
    assert f'<meta name="twitter:title" content="【示例】{sample.title}"' in html
    page = browser.new_page()
    page.goto(f"{served}cases/{sample.id}/")
    assert page.locator(".sc-cite__line").inner_text().startswith(f"【示例】{sample.organization.name}：《{sample.title}》")
    assert page.locator("[data-sc-gbt]").inner_text().startswith(f"【示例】{sample.organization.name}. {sample.title}[EB/OL]")
    page.close()


@pytest.mark.parametrize("path", ["collections/", "collections/jingpin/", "themes/bianmin-fuwu/"])
def test_collection_and_booklet_pages_pass_axe(browser, served, path):
    from tests.support.project import ROOT

    AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"

    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests` (make test does)")
    page = browser.new_page()
    page.goto(served + path)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']}})")
    page.close()
    bad = [f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, bad


def test_a_printed_collection_page_leaves_out_its_download_box(browser, served):
    """下载汇编 with its PDF 版 / Word 版 links means nothing on paper (a trial's printout
    spent a page on it)."""
    page = browser.new_page()
    page.goto(served + "collections/jingpin/")
    assert page.locator(".sc-booklets").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".sc-booklets").is_visible()
    page.close()


def test_a_sites_texts_name_the_reviewer_in_the_citation_too(tmp_path):
    """A review: the 引用 line's 审核单位 came from the field table (data/fields.yml), so a
    site whose texts.yml called it 审核部门 still cited 审核单位, unlike every other word on
    the page. It is the label ``labels.reviewer``, as the review line under it."""
    from tests.support.build import build_site
    from tests.support.project import configure, make_project, share_cache, write_case

    cases = tmp_path / "cases-in"
    write_case(cases, "gz-yuexiu-2023-001")
    project = share_cache(make_project(tmp_path / "project", cases))
    (project / "own-texts.yml").write_text("labels:\n  reviewer: 审核部门：{reviewer}\n", encoding="utf-8")
    configure(project, texts="own-texts.yml")
    html = (build_site(project) / "cases" / "gz-yuexiu-2023-001" / "index.html").read_text(encoding="utf-8")
    line = re.sub(r'<span class="sc-nb">([^<]*)</span>', r"\1", html.split('class="sc-cite__line">', 1)[1].split("</p>", 1)[0])
    assert "审核部门：测试区民政局（2025-01-10），" in line and "审核单位" not in line, line
    assert "审核单位" not in html.split('id="cite"', 1)[1].split("</footer>", 1)[0]


def test_book_title_marks_inside_a_title_are_nested_in_the_citation(case):
    """A department's trial: the 引用 line of 《越秀书声》Reading Club：… copied as
    《《越秀书声》Reading Club：…》; Chinese typesetting writes the inner marks 〈〉."""
    import dataclasses

    from showcase.core.site.citation import plain_citation

    titled = dataclasses.replace(case, title="《越秀书声》Reading Club：“Family Reading 21天”亲子共读计划")
    line = plain_citation(titled, "案例展示", "https://a.example/cases/x/", "审核单位：{reviewer}")
    assert f"{case.organization.name}：《〈越秀书声〉Reading Club：“Family Reading 21天”亲子共读计划》，案例展示，" in line, line
    assert plain_citation(case, "案例展示", "u", "审核单位：{reviewer}").startswith(f"{case.organization.name}：《{case.title}》，")
