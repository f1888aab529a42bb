"""The site plan (core/site/plan.py) called directly: which pages each case gets, public
and in an editor's preview, without MkDocs. The builds in tests/publish and tests/links
check that the engine renders what the plan says."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from showcase.core.site.index import SiteIndex, page_numbers
from showcase.core.site.plan import PageKind, SitePlan, plan_site, problem_url
from showcase.core.site.texts import load_texts

from tests.support.collection import ALIASES, BROKEN, PUBLISHED, UNPUBLISHED, WITHDRAWN, Small, load_small

PER_PAGE = 2  # three published cases share one theme: its listing has two pages


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Small:
    return load_small(tmp_path_factory.mktemp("plan") / "cases")


def plan_of(small: Small, *, preview: bool, search: bool = True) -> SitePlan:
    index = SiteIndex(small.collection.cases, small.settings.taxonomy, PER_PAGE)
    return plan_site(small.collection, index, load_texts(), preview=preview, search=search)


@pytest.fixture(scope="module")
def public(small: Small) -> SitePlan:
    return plan_of(small, preview=False)


@pytest.fixture(scope="module")
def preview(small: Small) -> SitePlan:
    return plan_of(small, preview=True)


def by_url(plan: SitePlan) -> dict[str, PageKind]:
    return {spec.url: spec.kind for spec in plan.pages}


def case_pages(plan: SitePlan) -> dict[str, PageKind]:
    return {url: kind for url, kind in by_url(plan).items() if url.startswith("cases/")}


def test_the_fixture_collection_loads_as_intended(small: Small):
    """Else the tests below would prove nothing: one broken case, the others clean."""
    assert [c.id for c in small.collection.cases if not c.ok] == [BROKEN]
    assert sorted(c.id for c in small.collection.cases if c.is_published) == PUBLISHED


def test_public_site_case_pages_by_state(public: SitePlan):
    expected = {f"cases/{i}/": PageKind.CASE for i in PUBLISHED}
    expected[f"cases/{WITHDRAWN}/"] = PageKind.TOMBSTONE
    expected.update({f"cases/{alias}/": PageKind.ALIAS for alias in ALIASES})
    expected["cases/"] = PageKind.FALLBACK  # the folder above the permalinks, leading home
    assert case_pages(public) == expected  # no draft, no case in review, no broken case
    assert next(spec.target for spec in public.pages if spec.url == "cases/") == ""


def test_aliases_redirect_to_their_case(public: SitePlan):
    targets = {spec.url: spec.target for spec in public.pages if spec.kind is PageKind.ALIAS}
    assert targets == {f"cases/{alias}/": f"cases/{case_id}/" for alias, case_id in ALIASES.items()}


def test_case_pages_carry_their_case_and_body(public: SitePlan, small: Small):
    assert set(public.by_case) == {*PUBLISHED, WITHDRAWN}
    page = public.by_case["pub-2023-001"]
    assert page.case is small.case("pub-2023-001") and page.kind is PageKind.CASE
    assert page.markdown == small.case("pub-2023-001").body and "主要做法" in page.markdown
    tombstone = public.by_case[WITHDRAWN]
    assert tombstone.kind is PageKind.TOMBSTONE and tombstone.markdown == ""  # the withdrawn text is not shown


def test_preview_adds_drafts_reviews_and_problem_pages(preview: SitePlan, public: SitePlan, small: Small):
    pages = case_pages(preview)
    for case_id in UNPUBLISHED:
        assert pages[f"cases/{case_id}/"] is PageKind.PREVIEW
    assert pages[f"cases/{BROKEN}/"] is PageKind.PROBLEMS
    # Everything public is in the preview too, as it is.
    assert {u: k for u, k in pages.items() if u in case_pages(public)} == case_pages(public)
    assert set(pages) - set(case_pages(public)) == {f"cases/{i}/" for i in [*UNPUBLISHED, BROKEN]}
    assert BROKEN not in preview.by_case  # nothing links to a broken case


def test_a_broken_case_without_a_usable_id_gets_a_stable_problem_url(small: Small, tmp_path: Path):
    broken = small.case(BROKEN)
    url = problem_url(broken, small.collection.root)
    assert url.startswith("cases/_problems/") and url.endswith("/") and url == problem_url(broken, small.collection.root)
    assert problem_url(broken, tmp_path) != url  # the folder, not the id, names it


def test_only_shown_cases_bring_their_photos(public: SitePlan, preview: SitePlan):
    public_assets = {a.url: a.source for a in public.assets}
    # -003 has no cover; the tombstone shows no photo; drafts are not public.
    assert set(public_assets) == {"cases/pub-2023-001/photo1.jpg", "cases/pub-2023-002/photo1.jpg", "cases/pub-2023-004/photo1.jpg"}
    assert all(path.is_file() and path.name == "photo1.jpg" for path in public_assets.values())
    preview_assets = {a.url for a in preview.assets}
    assert preview_assets - set(public_assets) == {f"cases/{i}/photo1.jpg" for i in UNPUBLISHED}


def test_site_pages_and_the_search_page(small: Small, public: SitePlan):
    pages = by_url(public)
    assert pages[""] is PageKind.HOME and pages["about/"] is PageKind.ABOUT and pages["stats/"] is PageKind.STATS
    assert pages["search/"] is PageKind.SEARCH
    without = by_url(plan_of(small, preview=False, search=False))
    assert "search/" not in without and set(pages) - set(without) == {"search/"}


def test_listings_are_paginated_and_count_only_published_cases(public: SitePlan):
    theme = [spec for spec in public.pages if spec.kind is PageKind.LISTING and spec.url.startswith("themes/ningxin-zhuhun/")]
    assert [(spec.url, spec.number) for spec in theme] == [("themes/ningxin-zhuhun/", 1), ("themes/ningxin-zhuhun/page/2/", 2)]
    listing = theme[0].listing
    assert sorted(c.id for c in listing.cases) == ["pub-2023-001", "pub-2023-002", "pub-2023-003"]
    shown = {c.id for spec in public.pages if spec.kind is PageKind.LISTING for c in spec.listing.cases}
    assert shown == set(PUBLISHED)  # the withdrawn, draft and broken cases are listed nowhere
    assert {spec.url for spec in public.pages if spec.kind is PageKind.SECTION} == {
        "themes/",
        "categories/",
        "regions/",
        "years/",
        "brands/",
    }


@pytest.mark.parametrize("mode", ["public", "preview"])
def test_every_url_is_planned_once(mode: str, request: pytest.FixtureRequest):
    plan: SitePlan = request.getfixturevalue(mode)
    counts = Counter(spec.url for spec in plan.pages)
    assert [url for url, n in counts.items() if n > 1] == []
    assert all(spec.url == "" or spec.url.endswith("/") for spec in plan.pages)


def test_python_code_compares_page_kinds_by_the_enum_not_by_text():
    # Page kinds are PageKind (#14 step 4); a string compared in Python hides a typo ("listng").
    import ast

    from tests.support.project import ROOT

    kinds = {k.value for k in PageKind}

    def texts(node: ast.expr) -> list[object]:
        items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
        return [n.value for n in items if isinstance(n, ast.Constant)]

    found = []
    for path in sorted((ROOT / "plugins" / "showcase").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            kind_compared = isinstance(node, ast.Compare) and isinstance(node.left, ast.Attribute) and node.left.attr == "kind"
            if kind_compared and any(t in kinds for c in node.comparators for t in texts(c)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


@pytest.mark.parametrize(
    ("number", "pages", "shown"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, 4, 5]),
        (1, 7, [1, 2, 3, None, 7]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
        (1, 1667, [1, 2, 3, None, 1667]),
        (5, 1667, [1, 2, 3, 4, 5, 6, 7, None, 1667]),  # 2 is shown: a gap of one would take its place
        (834, 1667, [1, None, 832, 833, 834, 835, 836, None, 1667]),
        (1667, 1667, [1, None, 1665, 1666, 1667]),
    ],
)
def test_a_pager_shows_the_ends_and_the_pages_near_this_one(number, pages, shown):
    assert page_numbers(number, pages) == shown


def test_line_breaks_inside_chinese_sentences_are_removed_but_not_the_shape_of_the_text():
    from showcase.core.site.texts import unwrap_chinese

    text = "由所在地民政部门撰写，\n经审核后发布。\n\n- 《通知》\n  提出五项任务\n- 第二项\n\n## 小标题\n正文\n\n```\n代码一行\n代码二行\n```\nEnglish\nwords"
    assert unwrap_chinese(text) == (
        "由所在地民政部门撰写，经审核后发布。\n\n- 《通知》提出五项任务\n- 第二项\n\n## 小标题\n正文\n\n```\n代码一行\n代码二行\n```\nEnglish\nwords"
    )
    # An indented example (the guide's output and YAML samples) and a table keep their lines.
    example = (
        "示例：\n\n    cases/a/index.md:7: error [length] 摘要太短。\n        提示：请补充内容。\n    intro: |   # 介绍\n      各地社区\n"
    )
    assert unwrap_chinese(example) == example
    table = "列一 | 列二\n--- | ---\n甲 | 乙\n丙 | 丁"
    assert unwrap_chinese(table) == table
    assert unwrap_chinese("~~~\n代码\n```\n仍是代码\n~~~\n后文\n接着") == "~~~\n代码\n```\n仍是代码\n~~~\n后文接着"


def test_the_about_page_and_the_guide_have_no_break_inside_a_chinese_sentence():
    import re

    from showcase.core.editors.guide import guide_markdown
    from showcase.core.site.texts import load_texts, unwrap_chinese

    root = Path(__file__).resolve().parents[2]
    wrapped = re.compile(r"[\u3001-\u9fff\uff01-\uff5e]\n[ \t]*[\u3001-\u9fff\uff01-\uff5e]")
    assert wrapped.search(load_texts()["about"]["body"])  # the packaged text is wrapped, as YAML is written
    assert not wrapped.search(unwrap_chinese(load_texts()["about"]["body"]))
    guide = guide_markdown(root / "CONTRIBUTING.md")
    assert guide is not None
    prose = "\n".join(line for line in re.sub(r"```.*?```", "", guide, flags=re.S).split("\n") if not line.startswith(("    ", "\t")))
    assert not wrapped.search(prose)
    # and the guide's indented examples are as written, line by line
    written = (root / "CONTRIBUTING.md").read_text(encoding="utf-8").split("\n")
    assert [line for line in written if line.startswith("    ") and line.strip() and line not in guide.split("\n")] == []


def test_related_cases_and_the_home_pages_totals_over_the_sample():
    # a test audit by mutation: a case listing itself as related, and totals summing the
    # wrong figure or counting an organization twice, went unnoticed
    import copy

    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.site.index import SiteIndex

    from tests.support.project import ROOT

    cases = load_collection(ROOT / "cases").cases
    twin = copy.copy(next(c for c in cases if c.is_published))  # a second case of one organization
    twin.id = twin.id + "-2"
    index = SiteIndex([*cases, twin], load_taxonomy())
    for case in index.published:
        related = index.related(case)
        assert case not in related and len(related) == len(set(map(id, related))) <= 4
        assert all(case.primary_theme in o.themes or o.region.province == case.region.province for o in related)
    assert any(len(index.related(case)) == 4 for case in index.published)
    totals = index.totals()
    organizations = [c.organization.name for c in index.published]
    assert len(set(organizations)) == len(organizations) - 1
    assert totals == {
        "cases": len(index.published),
        "volunteers": sum(c.volunteers or 0 for c in index.published),
        "served": sum(c.served or 0 for c in index.published),
        "organizations": len(set(organizations)),
        "provinces": len({c.region.province.key for c in index.published if c.region.province}),
    }
    assert totals["volunteers"] != totals["served"]


def test_a_city_whose_reading_was_put_right_keeps_its_old_address(small: Small):
    # a review: 长治市 was published at /regions/shanxi/zhangzhi/ before its reading was put
    # right; that address led to the province page, saying the page was gone
    import copy
    import dataclasses

    case = copy.copy(next(c for c in small.collection.cases if c.is_published))
    shanxi = small.settings.taxonomy.provinces.lookup("山西省")
    case.region = dataclasses.replace(case.region, province=shanxi, city="长治市")
    small.collection.cases.append(case)
    try:
        index = SiteIndex(small.collection.cases, small.settings.taxonomy)
        plan = plan_site(small.collection, index, load_texts(), preview=False)
    finally:
        small.collection.cases.remove(case)
    (city,) = [c for p in index.provinces for c in p.children if c.title == "长治市"]
    assert city.url == "regions/shanxi/changzhi/"
    redirects = {s.url: s for s in plan.pages if s.kind is PageKind.FALLBACK}
    assert redirects["regions/shanxi/zhangzhi/"].target == city.url and redirects["regions/shanxi/zhangzhi/"].listing is city


def test_a_sites_texts_title_the_sections_and_the_years(small: Small, tmp_path: Path):
    """The sections' and the years' titles are texts.yml's words (nav, labels.year), not
    Python's: a site that writes 2024年度 gets it on the year's page, in its listing and
    on the booklet `showcase booklet --year` makes; its 文明实践主题 titles the themes' page."""
    from showcase.core.outputs.booklet.select import select

    words = tmp_path / "texts.yml"
    words.write_text('nav:\n  themes: 文明实践主题\nlabels:\n  year: "{year}年度"\n', encoding="utf-8")
    texts = load_texts(words)
    index = SiteIndex(small.collection.cases, small.settings.taxonomy, PER_PAGE, texts=texts)
    plan = plan_site(small.collection, index, texts, preview=False)
    titles = {spec.url: spec.title for spec in plan.pages}
    assert titles["themes/"] == "文明实践主题"
    year = index.years[0]
    assert year.title == f"{year.key}年度" and titles[year.page_url(1)] == f"{year.key}年度"
    assert f"{year.key}年度" in select(index, year=int(year.key)).title
    packaged = SiteIndex(small.collection.cases, small.settings.taxonomy, PER_PAGE)
    assert packaged.years[0].title == f"{year.key} 年"
    # what a year is, under its title: a reader's review read 2025 as the cases published then
    assert packaged.years[0].description == f"{year.key} 年开始开展的案例（按活动开展的时间归入年份，不是按发布时间）。"
    assert all(case.date is not None and case.date.year == int(year.key) for case in packaged.years[0].cases)


def test_a_booklet_s_filters_hold_exactly_the_cases_they_name(small: Small):
    """Mutation testing of booklet/select.py: ``--year`` taken as "from that year on", the
    ``--category`` filter taken out, or ``--theme`` read as the primary theme only, left the
    booklet tests passing (their collections had one year, one category, one theme a case)."""
    import copy

    from showcase.core.outputs.booklet.select import select

    published = small.cases(PUBLISHED)
    index = SiteIndex(small.collection.cases, small.settings.taxonomy)
    for year in {c.year for c in published}:
        assert {c.id for c in select(index, year=year).cases} == {c.id for c in published if c.year == year}
    assert len({c.year for c in published}) > 1
    categories = {c.organization.category.key for c in published if c.organization.category}
    assert len(categories) > 1
    for key in categories:
        chosen = {c.id for c in published if c.organization.category and c.organization.category.key == key}
        assert {c.id for c in select(index, category=key).cases} == chosen
    # a case whose second theme is the theme asked for belongs to that theme's booklet too
    second = copy.copy(small.case("pub-2023-004"))
    theme = small.case("pub-2023-001").primary_theme
    assert theme is not None and second.primary_theme != theme
    second.themes = [*second.themes, theme]
    second.id = "pub-2023-104"
    index = SiteIndex([*small.collection.cases, second], small.settings.taxonomy)
    assert "pub-2023-104" in {c.id for c in select(index, theme=theme.key).cases}


def test_a_booklet_orders_cases_of_one_theme_and_day_by_id_and_takes_a_title_of_a_case_s_length(small: Small):
    import copy

    from showcase.core.case.fields import field
    from showcase.core.outputs.booklet.select import BookletError, by_theme_then_date, select

    index = SiteIndex(small.collection.cases, small.settings.taxonomy)
    first, later = small.case("pub-2023-001"), copy.copy(small.case("pub-2023-003"))
    later.date = first.date  # the same theme, the same day: the id decides, whatever the order given
    assert [c.id for c in by_theme_then_date(index, [later, first])] == ["pub-2023-001", "pub-2023-003"]
    longest = field("title").hi
    assert select(index, title="汇" * longest).title == "汇" * longest
    with pytest.raises(BookletError, match=f"汇编标题有 {longest + 1} 个字"):
        select(index, title="汇" * (longest + 1))


def test_related_cases_share_the_case_s_topics_first():
    """A reader's trial: the newest four of a theme were every case's related cases, an
    elder-care case offered a summer camp and a time bank, not the theme's other elder-meal
    case. Those sharing its rarer tags, beneficiaries, brands or county come first; a tag every
    case has (the sample's 示例) counts for nothing; then the newest, as before."""
    import copy
    import dataclasses

    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.site.index import SiteIndex

    from tests.support.project import ROOT

    index = SiteIndex(load_collection(ROOT / "cases").cases, load_taxonomy())
    case = index.by_id["gz-yuexiu-2023-001"]  # 银龄互助, tags 助餐 …
    related = index.related(case)
    assert related[0].id == "cf-hongshan-2024-002", [c.id for c in related]  # 暖心饭桌: 助餐 too
    shared = [c for c in index.published if c is not case and {"银龄互助", "结对帮扶", "助餐"} & set(c.tags)]
    assert all(c in related for c in shared if case.primary_theme in c.themes), [c.id for c in shared]
    # cases that share only what every case has (示例): the newest of the theme, then of the province, as before
    bare = []
    for original in load_collection(ROOT / "cases").cases:
        copied = copy.copy(original)
        copied.tags, copied.beneficiaries, copied.brands = ["示例"], [], []
        copied.region = dataclasses.replace(original.region, county=None)
        bare.append(copied)
    plain = SiteIndex(bare, load_taxonomy())
    for case in plain.published:
        newest = [c for c in plain.theme_of[case.primary_theme.key].cases if c is not case]
        assert plain.related(case)[: len(newest[:4])] == newest[:4], case.id
