"""County (district) pages, ``county_pages: true``, in the site index and plan, without MkDocs.
The built pages, their links, the ledger and the redirects are in tests/publish/test_county_pages.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from showcase.core.collection.loading import Collection, load_collection
from showcase.core.collection.settings import Settings
from showcase.core.outputs.ledger import ledger_urls, public_plan
from showcase.core.site.index import SiteIndex, county_key, slugify
from showcase.core.site.plan import PageKind
from showcase.core.site.statspage import build_stats
from showcase.core.site.texts import load_texts

from tests.support.collection import TODAY
from tests.support.project import write_case

SHAOXING = {"province": "浙江省", "city": "绍兴市"}
CITY_URL = "regions/zhejiang/shaoxing/"
# id -> county (None: none written); 越城区 has three cases, the others one
CITY_SITE = {"sx-001": "越城区", "sx-002": "越城区", "sx-003": "越城区", "sx-004": "柯桥区", "sx-005": "诸暨市", "sx-006": None}


def load(root: Path, cases: dict[str, dict]) -> Collection:
    for number, (case_id, region) in enumerate(cases.items()):
        write_case(root, case_id, number, region=region)
    return load_collection(root, Settings(today=TODAY))


@pytest.fixture(scope="module")
def city_site(tmp_path_factory: pytest.TempPathFactory) -> Collection:
    regions = {i: {**SHAOXING, **({"county": county} if county else {})} for i, county in CITY_SITE.items()}
    return load(tmp_path_factory.mktemp("county") / "cases", regions)


def index_of(collection: Collection, *, county_pages: bool = True, per_page: int = 2) -> SiteIndex:
    return SiteIndex(collection.cases, Settings().taxonomy, per_page, county_pages=county_pages)


def test_counties_are_listed_under_their_city_with_keys_made_as_cities_are(city_site: Collection):
    index = index_of(city_site)
    (province,) = index.provinces
    (city,) = province.children
    assert city.url == "regions/zhejiang/shaoxing/"
    # most cases first; keys in pinyin without the county suffix (places.yml county_url_suffixes)
    assert [(c.title, c.url, c.count) for c in city.children] == [
        ("越城区", "regions/zhejiang/shaoxing/yuecheng/", 3),
        ("柯桥区", "regions/zhejiang/shaoxing/keqiao/", 1),
        ("诸暨市", "regions/zhejiang/shaoxing/zhuji/", 1),
    ]
    yuecheng = city.children[0]
    assert yuecheng.ancestors == [province, city] and city.ancestors == [province] and province.ancestors == []
    assert yuecheng.pages == 2 and yuecheng.page_url(2) == "regions/zhejiang/shaoxing/yuecheng/page/2/"
    # a case without a county is on the city's page only
    without = next(c for c in city_site.cases if c.id == "sx-006")
    assert without in city.cases and index.county_of(without) is None
    assert all(without not in county.cases for county in city.children)
    assert index.county_of(next(c for c in city_site.cases if c.id == "sx-004")) is city.children[1]
    assert index.city_of(without) is city  # the city's lookup is not confused by its counties


def test_without_the_option_there_are_no_county_pages(city_site: Collection):
    index = index_of(city_site, county_pages=False)
    (city,) = index.provinces[0].children
    assert city.children == [] and index.county_of(city_site.cases[0]) is None
    assert index.local_counties is None
    assert [listing.url for listing in index.listings() if listing.kind == "regions"] == ["regions/zhejiang/", "regions/zhejiang/shaoxing/"]


def test_the_plan_and_the_ledger_have_each_county_page_and_its_pages(city_site: Collection):
    texts = load_texts()
    plan = public_plan(city_site, Settings().taxonomy, texts, 2, county_pages=True)
    listed = {spec.url: spec for spec in plan.pages if spec.kind is PageKind.LISTING}
    assert {"regions/zhejiang/shaoxing/yuecheng/", "regions/zhejiang/shaoxing/yuecheng/page/2/"} <= set(listed)
    assert listed["regions/zhejiang/shaoxing/keqiao/"].listing.parent.title == "绍兴市"
    recorded = ledger_urls(plan)
    assert {"regions/zhejiang/shaoxing/yuecheng/", "regions/zhejiang/shaoxing/keqiao/", "regions/zhejiang/shaoxing/zhuji/"} <= recorded
    assert "regions/zhejiang/shaoxing/yuecheng/page/2/" not in recorded  # pages shift: never recorded
    off = ledger_urls(public_plan(city_site, Settings().taxonomy, texts, 2))
    assert recorded - off == {f"regions/zhejiang/shaoxing/{key}/" for key in ("yuecheng", "keqiao", "zhuji")}


def regions_chart(index: Any) -> tuple[Any, str, list[tuple[str, int, str]]]:
    """The statistics of ``index``, and the title and rows (title, count, address) of its places' chart."""
    stats = build_stats(index, load_texts())
    chart = next(c for c in stats.charts if c.key == "regions")
    return stats, chart.title, [(row.title, count, row.url) for row, count in chart.rows]


def test_the_statistics_of_a_city_site_count_by_county(city_site: Collection):
    stats, title, rows = regions_chart(index_of(city_site))
    assert title == "绍兴市各区县的案例数"
    assert rows == [
        ("越城区", 3, "regions/zhejiang/shaoxing/yuecheng/"),
        ("柯桥区", 1, "regions/zhejiang/shaoxing/keqiao/"),
        ("诸暨市", 1, "regions/zhejiang/shaoxing/zhuji/"),
        ("未写区县", 1, "regions/zhejiang/shaoxing/"),  # a case without a county: to the city's page, which lists it
    ]
    assert stats.matrix is not None and stats.matrix.title == "绍兴市各区县在各实践主题下的案例数"
    assert [row.title for row in stats.matrix.rows] == ["越城区", "柯桥区", "诸暨市", "未写区县"]
    assert [sum(row) for row in stats.matrix.cells] == [3, 1, 1, 1]  # one theme each
    assert stats.places == ("覆盖区县", 3)  # not 覆盖省份 1 (a district's trial)
    # without the option: by province, as before
    texts = load_texts()
    plain = build_stats(index_of(city_site, county_pages=False), texts)
    assert next(c for c in plain.charts if c.key == "regions").title == texts["stats"]["by_province"]
    assert [row.title for row in plain.matrix.rows] == ["浙江省"]  # type: ignore[union-attr]


def test_a_case_without_its_city_keeps_a_city_site_counted_by_county(tmp_path: Path):
    """One case that wrote its county but left its city out took the by-county statistics
    (and the search page's county filter) off a city's site, while ``showcase stats`` still
    counted by county: it is a row of its own, at the province's page, which lists it."""
    regions = {i: {**SHAOXING, **({"county": county} if county else {})} for i, county in CITY_SITE.items()}
    collection = load(tmp_path / "cases", {**regions, "sx-007": {"province": "浙江省", "county": "新昌县"}})
    index = index_of(collection)
    assert index.local_counties is not None and index.local_counties[0].url == CITY_URL
    stats = build_stats(index, load_texts())
    chart = next(c for c in stats.charts if c.key == "regions")
    assert chart.title == "绍兴市各区县的案例数"
    assert [(row.title, count, row.url) for row, count in chart.rows] == [
        ("越城区", 3, "regions/zhejiang/shaoxing/yuecheng/"),
        ("柯桥区", 1, "regions/zhejiang/shaoxing/keqiao/"),
        ("诸暨市", 1, "regions/zhejiang/shaoxing/zhuji/"),
        ("未写区县", 1, CITY_URL),
        ("未写城市", 1, "regions/zhejiang/"),
    ]
    assert stats.matrix is not None and [sum(row) for row in stats.matrix.cells] == [3, 1, 1, 1, 1]
    assert index.search_county(next(c for c in collection.cases if c.id == "sx-004")).title == "柯桥区"  # type: ignore[union-attr]


def test_a_municipalitys_districts_are_under_its_own_page(tmp_path: Path):
    # a municipality's city is itself (rules.py leaves it empty): its districts have no city above them
    collection = load(
        tmp_path / "cases",
        {
            "bj-001": {"province": "北京市", "county": "朝阳区"},
            "bj-002": {"province": "北京市", "county": "海淀区"},
            "bj-003": {"province": "北京市", "city": "北京市", "county": "海淀区"},
            "gd-001": {"province": "广东省", "county": "番禺区"},  # no city: no county page
        },
    )
    index = index_of(collection)
    beijing = next(p for p in index.provinces if p.key == "beijing")
    assert [(c.title, c.url, c.count) for c in beijing.children] == [
        ("海淀区", "regions/beijing/haidian/", 2),
        ("朝阳区", "regions/beijing/chaoyang/", 1),  # places.yml readings: chao yang, not zhao yang
    ]
    guangdong = next(p for p in index.provinces if p.key == "guangdong")
    assert guangdong.children == [] and index.county_of(next(c for c in collection.cases if c.id == "gd-001")) is None
    assert index.local_counties is None  # two provinces: the statistics stay by province


def test_counties_read_alike_get_distinct_keys_and_never_page(tmp_path: Path):
    collection = load(
        tmp_path / "cases",
        {
            "x-001": {"province": "浙江省", "city": "杭州市", "county": "西湖区"},
            "x-002": {"province": "浙江省", "city": "杭州市", "county": "锡湖区"},  # the same reading: xihu
            "x-003": {"province": "浙江省", "city": "杭州市", "county": "帕格区"},  # pa ge: "page" is the pages' own word
        },
    )
    (city,) = index_of(collection).provinces[0].children
    assert sorted(c.key for c in city.children) == ["page-2", "xihu", "xihu-2"]
    assert slugify("杭州市") == "hangzhou"


def test_one_county_however_written_and_a_slip_never_takes_the_plain_key(tmp_path: Path):
    """越秀 beside 越秀区 were two pages (越秀 took /yuexiu/, published for 越秀区, which moved to
    /yuexiu-2/); a slip 皮都区 in a new case took /pidu/ from 郫都区 by sorting first."""
    gz = {"province": "广东省", "city": "广州市"}
    cd = {"province": "四川省", "city": "成都市"}
    collection = load(
        tmp_path / "cases",
        {
            "gz-001": {**gz, "county": "越秀区"},
            "gz-002": {**gz, "county": "越秀区"},
            "gz-003": {**gz, "county": "越秀"},
            "cd-001": {**cd, "county": "郫都区"},
            "cd-002": {**cd, "county": "郫都区"},
            "cd-003": {**cd, "county": "皮都区"},
        },
    )
    index = index_of(collection)
    counties = {c.title: (c.key, c.count) for p in index.provinces for city in p.children for c in city.children}
    assert counties == {"越秀区": ("yuexiu", 3), "郫都区": ("pidu", 2), "皮都区": ("pidu-2", 1)}
    stray = next(c for c in collection.cases if c.id == "gz-003")
    county = index.county_of(stray)
    assert county is not None and county.title == "越秀区"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("越城区", "yuecheng"),
        ("诸暨市", "zhuji"),
        ("郫都区", "pidu"),  # pypinyin's dou: 都 in a place's name is du
        ("都江堰市", "dujiangyan"),
        ("长宁区", "changning"),  # pypinyin's zhang: 长 in a place's name is chang
        ("长子县", "zhangzi"),  # ... except where the name's own reading says otherwise
        ("单县", "shanxian"),  # a name of one character keeps its suffix
        ("洪洞县", "hongtong"),
        ("费县", "bixian"),
        ("六合区", "luhe"),
        ("乐东黎族自治县", "ledong"),  # the ethnic groups of an autonomous county are left out
        ("长阳土家族自治县", "changyang"),
        ("万柏林区", "wanbailin"),  # 林区 is no suffix here (神农架林区 is a city)
        ("浦东新区", "pudong"),
    ],
)
def test_a_county_s_key_is_read_as_the_place_is_called(name: str, key: str):
    """Published addresses: a district's page at /…/pidou/ or /…/wanbai/ would stay there for ever."""
    assert county_key(name) == key


def test_a_slip_that_outnumbers_the_county_later_does_not_take_its_published_address(tmp_path: Path):
    """嵊州市 was published at /shengzhou/ (four cases) beside a slip 胜州市 at /shengzhou-2/ (one);
    a year later the same worker, whose input method had learnt 胜州市, sent four more: by
    count the slip took /shengzhou/, which urls.lock and every link had for 嵊州市, and
    嵊州市 moved to /shengzhou-2/ with nothing said. The county published first keeps it."""
    old = {**SHAOXING, "county": "嵊州市"}
    slip = {**SHAOXING, "county": "胜州市"}
    first = {f"sx-00{n}": {"region": old, "review": {"reviewer": "嵊州市民政局", "approved": "2023-12-25"}} for n in range(1, 5)}
    later = {f"sx-10{n}": {"region": slip, "review": {"reviewer": "嵊州市民政局", "approved": "2024-12-10"}} for n in range(1, 6)}
    root = tmp_path / "cases"
    for number, (case_id, overrides) in enumerate({**first, **later}.items()):
        write_case(root, case_id, number, **overrides)
    index = index_of(load_collection(root, Settings(today=TODAY)))
    counties = {c.title: (c.key, c.count) for c in index.provinces[0].children[0].children}
    assert counties == {"嵊州市": ("shengzhou", 4), "胜州市": ("shengzhou-2", 5)}


def test_drafts_of_a_slip_do_not_make_the_check_and_the_stats_disagree_with_the_site(tmp_path: Path):
    """嵊州市 published (two cases) beside a slip 胜州市 (one published the same day, three
    drafts): the site keeps /shengzhou/ for 嵊州市, but the check counted the drafts and asked
    the two 嵊州市 cases to be rewritten 胜州市, and ``showcase stats`` gave shengzhou to 胜州市.
    And two cities read alike (绍兴市, a slip 邵兴市) were one row of the stats, two pages."""
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.editors.stats import compute

    root = tmp_path / "cases"
    written = [("a1", "嵊州市", {}), ("a2", "嵊州市", {}), ("b1", "胜州市", {})]
    written += [(f"b{n}", "胜州市", {"status": "draft", "review": None}) for n in (2, 3, 4)]
    for number, (case_id, county, overrides) in enumerate(written):
        write_case(root, f"sx-{case_id}", number, region={**SHAOXING, "county": county}, **overrides)
    collection = load_collection(root, Settings(today=TODAY, county_pages=True))
    pages = {c.title: c.key for c in index_of(collection).provinces[0].children[0].children}
    assert pages == {"嵊州市": "shengzhou", "胜州市": "shengzhou-2"}
    said = sorted(d.path.parent.name for d in collection.diagnostics if d.code == "county-spelling")
    assert said == ["sx-b1", "sx-b2", "sx-b3", "sx-b4"]
    rows = {r.name: r.key for r in compute(collection.cases, load_taxonomy()).dimensions["county"]}
    assert rows == pages
    # two cities read alike: two pages, two rows
    write_case(root, "sx-c1", 9, region={"province": "浙江省", "city": "邵兴市", "county": "越城区"})
    collection = load_collection(root, Settings(today=TODAY, county_pages=True))
    cities = {c.title: c.key for c in index_of(collection).provinces[0].children}
    assert cities == {"绍兴市": "shaoxing", "邵兴市": "shaoxing-2"}
    rows = {r.name: (r.key, r.total) for r in compute(collection.cases, load_taxonomy()).dimensions["city"]}
    assert rows == {"绍兴市": ("shaoxing", 6), "邵兴市": ("shaoxing-2", 1)}


def test_a_county_s_first_approval_and_then_its_name_decide_which_keeps_the_plain_key(tmp_path: Path):
    """A mutation audit: by the earliest approval of a county's cases (its page was published
    then), not the latest; with the same day and count, by name, whatever the cases' order."""
    old, slip = {**SHAOXING, "county": "嵊州市"}, {**SHAOXING, "county": "胜州市"}
    cases = {
        "sx-001": (slip, "2024-06-01"),
        "sx-002": (slip, "2024-06-01"),
        "sx-003": (old, "2023-01-05"),
        "sx-004": (old, "2025-01-05"),
    }
    root = tmp_path / "cases"
    for number, (case_id, (region, approved)) in enumerate(cases.items()):
        write_case(root, case_id, number, region=region, review={"reviewer": "嵊州市民政局", "approved": approved})
    index = index_of(load_collection(root, Settings(today=TODAY)))
    assert {c.title: c.key for c in index.provinces[0].children[0].children} == {"嵊州市": "shengzhou", "胜州市": "shengzhou-2"}
    for number, (case_id, (region, _)) in enumerate(cases.items()):  # one day for all: 嵊州市 first by name, 胜州市's cases newer
        date = "2024-03-15" if region is slip else "2022-03-15"
        write_case(root, case_id, number, region=region, date=date, review={"reviewer": "嵊州市民政局", "approved": "2024-06-01"})
    index = index_of(load_collection(root, Settings(today=TODAY)))
    assert {c.title: c.key for c in index.provinces[0].children[0].children} == {"嵊州市": "shengzhou", "胜州市": "shengzhou-2"}


def test_a_county_written_with_two_suffixes_is_titled_by_the_longer_on_a_tie(tmp_path: Path):
    """浦东新区 beside 浦东区, one case each: the full name, not the one first in Unicode order."""
    shanghai = {"province": "上海市"}
    collection = load(tmp_path / "cases", {"sh-001": {**shanghai, "county": "浦东区"}, "sh-002": {**shanghai, "county": "浦东新区"}})
    assert [(c.title, c.key, c.count) for c in index_of(collection).provinces[0].children] == [("浦东新区", "pudong", 2)]


def test_a_national_site_s_search_has_no_county_filter(tmp_path: Path):
    """County pages on a site of several provinces: the search page filters by province, and
    no case carries a county filter value (thousands of counties)."""
    collection = load(
        tmp_path / "cases",
        {"sx-001": {**SHAOXING, "county": "越城区"}, "gz-001": {"province": "广东省", "city": "广州市", "county": "越秀区"}},
    )
    index = index_of(collection)
    assert all(index.county_of(case) is not None and index.search_county(case) is None for case in collection.cases)


def test_a_place_recorded_in_urls_lock_keeps_its_key_and_no_other_place_takes_it():
    """urls.lock names the place each city's and county's page showed (``Ledger.places``): that
    place keeps the key whatever is published or withdrawn later; a recorded key is never
    another place's, even when its own place has no case left (the address leads up, not to
    a namesake); a key the place's name no longer reads as (a reading put right, whose old
    address is its former key) is not kept."""
    from showcase.core.site.index import city_keys_of

    both: dict[str, list] = {"绍兴市": [], "邵兴市": []}  # no case published: by name
    assert city_keys_of(both) == {"绍兴市": "shaoxing", "邵兴市": "shaoxing-2"}
    recorded = {"shaoxing": "邵兴市", "shaoxing-2": "绍兴市"}  # the slip was published first
    assert city_keys_of(both, recorded) == {"绍兴市": "shaoxing-2", "邵兴市": "shaoxing"}
    assert city_keys_of({"绍兴市": []}, recorded) == {"绍兴市": "shaoxing-2"}  # the slip put right: its address stays its own
    assert city_keys_of({"邵兴市": []}, {"shaoxing": "绍兴市"}) == {"邵兴市": "shaoxing-2"}
    assert city_keys_of({"长治市": []}, {"zhangzhi": "长治市"}) == {"长治市": "changzhi"}  # places.yml's former_city_keys
    assert city_keys_of({"长治市": []}, {"changzhi-3": "长治市"}) == {"长治市": "changzhi-3"}


def test_a_county_is_found_in_urls_lock_however_written_and_stats_key_it_as_its_page(tmp_path: Path):
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.editors.stats import compute
    from showcase.core.outputs.ledger import parse_ledger, place_names, render_ledger

    root = tmp_path / "cases"
    written = {"sx-001": ("嵊州", "2023-01-05"), "sx-002": ("胜州市", "2023-06-01")}
    for number, (case_id, (county, approved)) in enumerate(written.items()):
        write_case(root, case_id, number, region={**SHAOXING, "county": county}, review={"reviewer": "绍兴市民政局", "approved": approved})
    collection = load_collection(root, Settings(today=TODAY))
    # recorded when 胜州市 was the plain one, 嵊州市 written in full; a tab after the address
    # (a note written after a name by hand is no part of it: 嵊州市 would have lost its page)
    text = (
        render_ledger([CITY_URL, CITY_URL + "shengzhou/"], {CITY_URL + "shengzhou/": "胜州市"}) + f"/{CITY_URL}shengzhou-2/\t嵊州市  备注\n"
    )
    ledger = parse_ledger(text, tmp_path / "urls.lock")
    assert not ledger.diagnostics and ledger.places == {CITY_URL + "shengzhou/": "胜州市", CITY_URL + "shengzhou-2/": "嵊州市"}
    plain = SiteIndex(collection.cases, Settings().taxonomy, county_pages=True)
    kept = SiteIndex(collection.cases, Settings().taxonomy, county_pages=True, places=ledger.places)
    assert {c.title: c.key for c in plain.provinces[0].children[0].children} == {"嵊州": "shengzhou", "胜州市": "shengzhou-2"}
    assert {c.title: c.key for c in kept.provinces[0].children[0].children} == {"嵊州": "shengzhou-2", "胜州市": "shengzhou"}
    rows = {r.name: r.key for r in compute(collection.cases, load_taxonomy(), places=ledger.places).dimensions["county"]}
    assert rows == {"嵊州": "shengzhou-2", "胜州市": "shengzhou"}
    plan = public_plan(collection, Settings().taxonomy, load_texts(), county_pages=True, places=ledger.places)
    assert place_names(plan) == {CITY_URL: "绍兴市", CITY_URL + "shengzhou/": "胜州市", CITY_URL + "shengzhou-2/": "嵊州"}


def test_a_city_slip_published_later_does_not_take_the_city_s_key(tmp_path: Path):
    """A city bureau's trial (helper urlH): 绍兴市 published, then one case with a slip
    少兴市 (an input method's pick, 少 before 绍 in Unicode order) took /regions/zhejiang/shaoxing/,
    and 绍兴市 with all its county pages moved to shaoxing-2: the recorded county addresses
    led to the slip's page, unsaid (both city addresses still served, urls.lock saw nothing).
    Cities take their keys as counties do: the one published first keeps the plain key."""
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.editors.stats import compute

    root = tmp_path / "cases"
    for number, case_id in enumerate(("sx-001", "sx-002")):
        write_case(
            root, case_id, number, region={**SHAOXING, "county": "越城区"}, review={"reviewer": "绍兴市民政局", "approved": "2023-06-01"}
        )
    write_case(
        root,
        "sx-003",
        3,
        region={**SHAOXING, "city": "少兴市", "county": "越城区"},
        review={"reviewer": "绍兴市民政局", "approved": "2024-06-01"},
    )
    collection = load_collection(root, Settings(today=TODAY))
    index = index_of(collection)
    assert {c.title: c.url for c in index.provinces[0].children} == {
        "绍兴市": "regions/zhejiang/shaoxing/",
        "少兴市": "regions/zhejiang/shaoxing-2/",
    }
    assert "regions/zhejiang/shaoxing/yuecheng/" in {c.url for c in index.listings()}
    rows = {r.name: r.key for r in compute(collection.cases, load_taxonomy()).dimensions["city"]}
    assert rows == {"绍兴市": "shaoxing", "少兴市": "shaoxing-2"}  # the statistics key them as the site does


def test_a_recorded_place_s_page_moved_to_a_like_reading_key_is_a_warning_naming_the_line_to_edit(tmp_path: Path):
    """A review's trial: 胜州市 (a slip) published first, urls.lock recording
    /shengzhou/ 胜州市; the slip put right (嵊州市) moved the page to /shengzhou-2/, its
    published address leading up to the city, with no word (the check: 0 warnings). Also a
    name mistyped in urls.lock. It is a warning naming the line; its name edited as it says,
    the page is back at its address and nothing is said."""
    from showcase.core.outputs.ledger import check_ledger, parse_ledger, render_ledger

    root = tmp_path / "cases"
    write_case(root, "sx-001", 0, region={**SHAOXING, "county": "越城区"})
    write_case(root, "sx-002", 1, region={**SHAOXING, "county": "嵊州市"})
    collection = load_collection(root, Settings(today=TODAY))
    urls = [CITY_URL, CITY_URL + "yuecheng/", CITY_URL + "shengzhou/"]
    names = {CITY_URL: "绍兴市", CITY_URL + "yuecheng/": "越城区"}

    def check(slip: str) -> list:
        ledger = parse_ledger(render_ledger(urls, {**names, CITY_URL + "shengzhou/": slip}), tmp_path / "urls.lock")
        plan = public_plan(collection, Settings().taxonomy, load_texts(), county_pages=True, places=ledger.places)
        result = check_ledger(ledger, plan, collection.cases)
        assert not result.errors
        return [d for d in result.warnings if d.code == "ledger-place"]

    (warning,) = check("胜州市")
    assert warning.line == 3 and f"/{CITY_URL}shengzhou/（胜州市）没有了" in warning.message
    assert f"/{CITY_URL}shengzhou-2/（嵊州市）" in warning.message and "后面的地名改成 嵊州市" in (warning.hint or "")
    assert check("嵊州市") == []  # edited as the warning says: the page is back, nothing said


def test_only_a_place_s_page_has_words_after_it_in_urls_lock(tmp_path: Path):
    """Two addresses run into one line (a hand edit, a merge) read as the first, the second
    unchecked and dropped by --update; a note after a case's address, and an address after a
    place's name, are not names: each such line is a ledger-line error, as before names."""
    from showcase.core.outputs.ledger import parse_ledger

    text = "/cases/a/ /cases/b/\n/cases/c/ 旧编号\n/regions/zhejiang/ 浙江省\n/regions/zhejiang/shaoxing/ 绍兴市 /regions/x/\n"
    text += "/cases/a/embed/ 嵊州市\n/regions/zhejiang/shaoxing/page/2/ 绍兴市\n/regions/zhejiang/shaoxing/yuecheng/ 越城区 备注\n"
    ledger = parse_ledger(text, tmp_path / "urls.lock")
    assert [d.line for d in ledger.diagnostics if d.code == "ledger-line"] == [1, 2, 3, 4, 5, 6]
    assert ledger.places == {"regions/zhejiang/shaoxing/yuecheng/": "越城区"}  # a note after a name is not an address


def test_a_place_recorded_at_two_keys_keeps_the_plain_one_and_a_key_of_other_words_is_not_its_own(tmp_path: Path):
    """A name recorded at two addresses (a name in urls.lock put right as ledger-place says,
    after --update had recorded the -2 address too) keeps the plain, first published one;
    ``shaoxing-old`` (a hand edit) is not a numbered form of ``shaoxing``, whatever it names."""
    from showcase.core.site.index import city_keys_of, county_keys_of

    assert city_keys_of({"绍兴市": []}, {"shaoxing": "绍兴市", "shaoxing-2": "绍兴市"}) == {"绍兴市": "shaoxing"}
    assert city_keys_of({"绍兴市": []}, {"shaoxing-2": "绍兴市", "shaoxing-3": "绍兴市"}) == {"绍兴市": "shaoxing-2"}
    assert city_keys_of({"绍兴市": []}, {"shaoxing-old": "绍兴市"}) == {"绍兴市": "shaoxing"}
    root = tmp_path / "cases"
    write_case(root, "sx-001", 0, region={**SHAOXING, "county": "嵊州市"})
    cases = load_collection(root, Settings(today=TODAY)).cases
    both = {"shengzhou": "嵊州市", "shengzhou-2": "嵊州"}
    assert county_keys_of({"嵊州": cases}, set(), both) == {"嵊州": ("shengzhou", "嵊州市")}
    assert county_keys_of({"嵊州": cases}, set(), {"shengzhou-old": "嵊州市"}) == {"嵊州": ("shengzhou", "嵊州市")}
    assert county_keys_of({"嵊州": cases}, set(), {"shengzhou": "胜州市"}) == {"嵊州": ("shengzhou-2", "嵊州市")}  # never another's


def test_the_site_keeps_a_recorded_city_s_key_for_it_and_a_county_s_for_its_place(tmp_path: Path):
    """SiteIndex with urls.lock's places: a city's recorded key is kept from a like-reading
    city (the recorded one gone, its address leads up: ledger-place), and so is a county's."""
    root = tmp_path / "cases"
    write_case(root, "sx-001", 0, region={**SHAOXING, "county": "胜州市"})
    collection = load_collection(root, Settings(today=TODAY))
    places = {CITY_URL: "邵兴市", "regions/zhejiang/shaoxing-2/shengzhou/": "嵊州市"}
    index = SiteIndex(collection.cases, Settings().taxonomy, county_pages=True, places=places)
    (city,) = index.provinces[0].children
    assert city.url == "regions/zhejiang/shaoxing-2/" and [c.url for c in city.children] == ["regions/zhejiang/shaoxing-2/shengzhou-2/"]


def test_an_old_ledger_s_unnamed_city_pages_keep_the_keys_they_were_published_with(tmp_path: Path):
    """A review: before urls.lock named places, two cities of one province that read alike took
    their keys in the order of their names (少兴市 shaoxing, 绍兴市 shaoxing-2); keyed now by
    first publication, an upgraded site swapped the two pages at its first build, both
    addresses served and nothing said. An unnamed recorded page keeps the key of that rule;
    once named (--update), the names decide; the cities of a ledger of other pages, as now."""
    from showcase.core.outputs.ledger import parse_ledger, place_names, render_ledger

    root = tmp_path / "cases"
    for number, (case_id, city, approved) in enumerate([("sx-001", "绍兴市", "2023-01-05"), ("sx-002", "少兴市", "2024-06-01")]):
        write_case(
            root, case_id, number, region={"province": "浙江省", "city": city}, review={"reviewer": "绍兴市民政局", "approved": approved}
        )
    collection = load_collection(root, Settings(today=TODAY))
    old = parse_ledger(render_ledger(["regions/zhejiang/", "regions/zhejiang/shaoxing/", "regions/zhejiang/shaoxing-2/"]), tmp_path / "u")
    assert old.places == {} and old.owners == {"regions/zhejiang/shaoxing/": "", "regions/zhejiang/shaoxing-2/": ""}

    def cities(places: dict[str, str]) -> dict[str, str]:
        index = SiteIndex(collection.cases, Settings().taxonomy, places=places)
        return {c.title: c.key for c in index.provinces[0].children}

    assert cities({}) == {"绍兴市": "shaoxing", "少兴市": "shaoxing-2"}  # a new site: by first publication
    assert cities(old.owners) == {"少兴市": "shaoxing", "绍兴市": "shaoxing-2"}  # as published under the old rule
    plan = public_plan(collection, Settings().taxonomy, load_texts(), places=old.owners)
    named = parse_ledger(render_ledger(old.urls, place_names(plan)), tmp_path / "u")  # what --update writes
    assert named.places == {"regions/zhejiang/shaoxing/": "少兴市", "regions/zhejiang/shaoxing-2/": "绍兴市"}
    assert cities(named.owners) == {"少兴市": "shaoxing", "绍兴市": "shaoxing-2"}
    assert cities({"regions/zhejiang/hangzhou/": ""}) == {"绍兴市": "shaoxing", "少兴市": "shaoxing-2"}  # not theirs: as now


def test_a_municipality_s_unnamed_county_page_is_not_given_to_a_city(tmp_path: Path):
    """Under a municipality the unnamed pages of an old ledger are its counties': a city written
    there later (朝阳, a slip for 朝阳区) does not take /regions/beijing/chaoyang/ by the old rule."""
    root = tmp_path / "cases"
    write_case(root, "bj-001", 0, region={"province": "北京市", "county": "朝阳区"})
    write_case(root, "bj-002", 1, region={"province": "北京市", "city": "朝阳"})
    collection = load_collection(root, Settings(today=TODAY))
    index = SiteIndex(collection.cases, Settings().taxonomy, county_pages=True, places={"regions/beijing/chaoyang/": ""})
    assert sorted((c.title, c.key) for c in index.provinces[0].children) == [("朝阳", "chaoyang-2"), ("朝阳区", "chaoyang")]


def test_the_usual_spelling_of_a_county_is_the_published_cases_as_its_page_is_headed(tmp_path: Path):
    """Two published cases write 越秀, two drafts and one under review 越秀区: the county's page
    is headed 越秀 (the site has only the published), but the check counted the drafts and
    asked the published cases to write 越秀区, naming a heading the site did not show."""
    root = tmp_path / "cases"
    guangzhou = {"province": "广东省", "city": "广州市"}
    written = [("p1", "越秀", {}), ("p2", "越秀", {})]
    written += [(f"d{n}", "越秀区", {"status": "draft", "review": None}) for n in (1, 2)]
    written += [("r1", "越秀区", {"status": "review", "review": None})]
    for number, (case_id, county, overrides) in enumerate(written):
        write_case(root, f"gz-{case_id}", number, region={**guangzhou, "county": county}, **overrides)
    collection = load_collection(root, Settings(today=TODAY, county_pages=True))
    (county,) = index_of(collection).provinces[0].children[0].children
    assert county.title == "越秀"
    said = {d.path.parent.name: d.message for d in collection.diagnostics if d.code == "county-spelling"}
    assert sorted(said) == ["gz-d1", "gz-d2", "gz-r1"]
    assert said["gz-d1"] == "区县写的是“越秀区”，广州市已发布的案例里有 2 个写的是“越秀”。"
    # with none published, every case has its say, as before
    for case_id in ("p1", "p2"):
        (root / "广东省" / f"gz-{case_id}").rename(tmp_path / case_id)
    collection = load_collection(root, Settings(today=TODAY, county_pages=True))
    assert not [d for d in collection.diagnostics if d.code == "county-spelling"]


def test_the_check_names_counties_read_alike_on_a_site_without_county_pages(tmp_path: Path):
    """Without county pages a slip 胜州市 beside 嵊州市 is still two counties in the statistics
    and leaves its case out of 嵊州市's booklet: the check says it on every site; the build
    only where county pages load the pinyin tables anyway."""
    from showcase.core.collection.loading import check_collection

    root = tmp_path / "cases"
    for number, (case_id, county) in enumerate([("a1", "嵊州市"), ("a2", "嵊州市"), ("b1", "胜州市")]):
        write_case(root, f"sx-{case_id}", number, region={**SHAOXING, "county": county})
    settings = Settings(today=TODAY)
    assert not [d for d in load_collection(root, settings).diagnostics if d.code == "county-spelling"]
    said = [d for d in check_collection(root, settings, jobs=1).diagnostics if d.code == "county-spelling"]
    assert [d.path.parent.name for d in said] == ["sx-b1"]
    assert "读音相同" in said[0].message
    # showcase check <folder> (and the pre-commit hook's check-files) as well
    within = check_collection(root, settings, jobs=1, within=[root / "sx-b1"]).diagnostics
    assert [d.path.parent.name for d in within if d.code == "county-spelling"] == ["sx-b1"]


def test_the_statistics_of_a_province_s_site_count_by_city(tmp_path: Path):
    """A district's trial: a site of one province charted one bar (浙江省) and said 覆盖省份 1.
    Its cities are counted instead, its cases without a city in a row of their own."""
    regions = {
        "hz-001": {"province": "浙江省", "city": "杭州市"},
        "hz-002": {"province": "浙江省", "city": "杭州市"},
        "sx-001": SHAOXING,
        "zj-001": {"province": "浙江省"},
    }
    stats, title, rows = regions_chart(index_of(load(tmp_path / "cases", regions), county_pages=False))
    assert title == "浙江省各城市的案例数"
    assert rows == [
        ("杭州市", 2, "regions/zhejiang/hangzhou/"),
        ("绍兴市", 1, "regions/zhejiang/shaoxing/"),
        ("未写城市", 1, "regions/zhejiang/"),
    ]
    assert stats.matrix is not None and stats.matrix.title == "浙江省各城市在各实践主题下的案例数"
    assert [sum(row) for row in stats.matrix.cells] == [2, 1, 1]
    assert stats.places == ("覆盖城市", 2)
    # two provinces: by province, as before
    texts = load_texts()
    both = build_stats(index_of(load(tmp_path / "more", {**regions, "gz-001": {"province": "广东省", "city": "广州市"}})), texts)
    assert stats.places != both.places == ("覆盖省份", 2)
