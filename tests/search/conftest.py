"""Fixtures of the search tests: a real site with a known collection, built with MkDocs.

The collection: a few hand-written cases with words the tests search for (published,
draft, review, withdrawn, one with an alias), plus generated cases
(``scripts/gen_cases.py``) so that facets have several values and counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from gen_cases import generate  # scripts/, on the import path through pyproject's pythonpath

from tests.support.build import build_project
from tests.support.project import DATA_OPTIONS, ROOT, copy_setup, project_folder, share_cache
from tests.support.serve import served

# Imported from here by test modules (and by other branches' tests): keep these names.
__all__ = ["CASES", "DATA_OPTIONS", "GENERATED", "ROOT", "UNPUBLISHED_WORDS", "build_site", "make_project"]

GENERATED = 40

BODY = """
## 基本情况

{intro}

## 主要做法

{method}

## 工作成效

{result}
"""


def _case(
    case_id: str,
    title: str,
    *,
    status: str = "published",
    themes: str = "[便民服务]",
    org: str = "示范社区志愿服务队",
    category: str = "公益慈善类",
    province: str = "广东省",
    city: str = "广州市",
    county: str = "越秀区",
    area: str = "城市",
    date: str = "2023-03-01",
    extra: str = "",
    intro: str = "社区老年人多，居民互助意愿强，志愿者队伍逐年壮大。",
    method: str = "志愿者分组上门探访，建立需求清单，每月开一次议事会。",
    result: str = "两年来累计服务居民三千余人次，群众满意度明显提升。",
) -> str:
    review = "review:\n  reviewer: 示范区民政局\n  approved: 2024-01-10\n" if status in ("published", "withdrawn") else ""
    return (
        f"---\nid: {case_id}\ntitle: {title}\n"
        f"summary: {title}。本案例介绍{org}的做法和成效，供各地社区社会组织参考借鉴。\n"
        f"themes: {themes}\norganization:\n  name: {org}\n  category: {category}\n"
        f"region:\n  province: {province}\n  city: {city}\n  county: {county}\n"
        f"area: {area}\ndate: {date}\nstatus: {status}\n{review}{extra}---\n" + BODY.format(intro=intro, method=method, result=result)
    )


# Each: folder, text. Words searched for are named in the tests.
CASES = {
    "yinling": _case(
        "gz-yuexiu-2023-901",
        "北京街道老年人协会“银龄互助”守望空巢老人",
        org="越秀区北京街道老年人协会",
        category="社区事务类",
        themes="[便民服务, 新风正气]",
        extra="brands: [邻里守望]\nbeneficiaries: [空巢老人]\naliases: [yuexiu-laonian-xiehui]\n",
        intro="北京街道位于广州老城区，八十岁以上独居老人三百余位，养老服务需求迫切。",
        method="协会组织低龄老人结对帮扶高龄老人，开展助餐、陪诊和心理疏导。",
    ),
    "hongbai": _case(
        "cd-pidu-2022-902",
        "战旗村红白理事会推动婚事新办丧事简办",
        org="郫都区唐昌镇战旗村红白理事会",
        category="社区事务类",
        themes="[新风正气]",
        province="四川省",
        city="成都市",
        county="郫都区",
        area="农村",
        date="2022-05-10",
        extra="brands: [文化铸魂]\n",
        intro="战旗村过去红白喜事攀比成风，一场酒席动辄数万元。",
        method="理事会修订村规民约，制定宴席标准，党员干部带头移风易俗。",
        result="村里婚丧宴席平均花费下降四成，文明新风蔚然成风。",
    ),
    "quotes": _case(
        "sz-nanshan-2024-903",
        "蛇口社区“邻里议事厅”化解停车难题",
        org='南山区"蛇口"社区居民议事会, 第一分会',
        category="社区事务类",
        themes="[社区治理]",
        city="深圳市",
        county="南山区",
        date="2024-02-01",
        extra="brands: [共建共治共享]\n",
        intro="蛇口社区老旧小区多，停车位紧张，邻里纠纷时有发生。",
        method="议事会每月开会，居民代表、物业和交警共同商量错峰停车方案。",
    ),
    "draft": _case(
        "gz-draft-2024-904",
        "琥珀灯塔读书会草稿案例",
        status="draft",
        intro="琥珀灯塔读书会的草稿内容，尚未审核。",
    ),
    "review": _case(
        "gz-review-2024-905",
        "麒麟琵琶合唱团待审案例",
        status="review",
        intro="麒麟琵琶合唱团的待审内容。",
    ),
    "withdrawn": _case(
        "gz-withdrawn-2021-906",
        "珊瑚鹦鹉巡逻队已撤回案例",
        status="withdrawn",
        extra="withdrawn_reason: 内容需要核实。\n",
        intro="珊瑚鹦鹉巡逻队的原文，撤回后不应被搜索到。",
    ),
}
# Words only these unpublished cases use (tests check that no published page has them).
UNPUBLISHED_WORDS = {"draft": "琥珀灯塔", "review": "麒麟琵琶", "withdrawn": "珊瑚鹦鹉"}


def make_project(root: Path, *, fixtures: bool = True, generated: int = GENERATED) -> Path:
    """The project's mkdocs.yml, site_overrides and data files, with the test collection."""
    config_file = copy_setup(root)
    share_cache(root)
    for name, body in CASES.items() if fixtures else ():
        folder = root / "cases" / "fixtures" / name
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(body, encoding="utf-8")
    if generated:
        generate(root / "cases" / "generated", generated, seed=7)
    return config_file


def build_site(root: Path, *, preview: bool = False) -> Path:
    """Make the project in ``root`` and build it (``preview``: as the pull-request preview)."""
    make_project(root)
    return build_project(root, preview=preview).site


@pytest.fixture(scope="module")
def site() -> Iterator[Path]:
    with project_folder("search-site-") as folder:
        yield build_site(folder)


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    """The built site served on loopback (no trailing slash)."""
    with served(site) as url:
        yield url.rstrip("/")


# A browser tab on the built site, for the browser tests of this folder.
class Tab:
    """A page that records every request and every console error."""

    def __init__(self, browser, origin: str, **options) -> None:
        self.origin = origin
        self.context = browser.new_context(**options)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def open(self, path: str) -> None:
        self.page.goto(self.origin + path)

    def settled(self) -> int:
        """Wait for the search to answer; the number of results.

        Not for the network to be idle (half a second of quiet each time, a fifth of this
        folder's time): a test that asserts a request was *not* made calls :meth:`quiet`."""
        self.page.wait_for_selector("#sc-search-status[data-count]", timeout=20_000)
        return int(self.page.get_attribute("#sc-search-status", "data-count"))

    def quiet(self) -> None:
        """Wait until no request has been made for half a second (Playwright's networkidle)."""
        self.page.wait_for_load_state("networkidle")

    def search(self, query: str) -> int:
        """Type a query into the search page's box, as a reader does."""
        box = self.page.locator("#sc-search-q")
        box.fill("")
        self.page.evaluate("document.getElementById('sc-search-status').removeAttribute('data-count')")
        box.type(query)  # key by key, as a reader types (with no pause: 52 queries in one test)
        box.press("Enter")
        return self.settled()

    def titles(self) -> list[str]:
        return self.page.locator(".sc-result__title").all_inner_texts()

    def links(self) -> list[str]:
        return [urlsplit(h).path for h in self.page.locator(".sc-result__title a").evaluate_all("as => as.map(a => a.href)")]

    def every_link(self) -> list[str]:
        """The links of every result, pressing "more" until all are shown."""
        more = self.page.locator("#sc-search-more")
        while more.is_visible():
            before = len(self.links())
            more.click()
            self.page.wait_for_function(f"() => document.querySelectorAll('.sc-result').length > {before}")
        return self.links()

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not (u.startswith(self.origin + "/") or u.startswith("data:") or u.startswith("blob:"))]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser, origin: str) -> Iterator[Tab]:
    tab = Tab(browser, origin)
    yield tab
    assert tab.foreign() == [], "a request left the site's origin"
    assert tab.errors == []
    tab.close()
