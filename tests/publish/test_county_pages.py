"""County pages (``county_pages: true``) in real builds of a city's own site: the pages and
their pages, the chips and breadcrumbs that lead to them, the sitemap and the ledger, and
the redirect a county page becomes when it loses its last case or the option is turned off."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.build import build_site, search_fragments
from tests.support.project import configure, edit_front_matter, make_project, share_cache, write_case, write_ledger
from tests.support.serve import served

SITE_URL = "https://example.org/"
CITY = "regions/zhejiang/shaoxing/"
# id -> county (None: none written): 越城区 has three cases, two pages at two a page
CASES = {"sx-001": "越城区", "sx-002": "越城区", "sx-003": "越城区", "sx-004": "柯桥区", "sx-005": "诸暨市", "sx-006": None}
COUNTIES = {"yuecheng": "越城区", "keqiao": "柯桥区", "zhuji": "诸暨市"}


@dataclass
class Sites:
    project: Path
    on: Path  # county_pages: true
    ledger: str  # urls.lock as `showcase urls --update` wrote it for that site
    off: Path  # the same cases and ledger, the option turned off again
    lost: Path  # on, after 柯桥区's one case moved to 越城区


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Sites:
    project = share_cache(make_project(tmp_path_factory.mktemp("county")))
    configure(project, SITE_URL, county_pages=True, per_page=2)
    for number, (case_id, county) in enumerate(CASES.items()):
        region = {"province": "浙江省", "city": "绍兴市", **({"county": county} if county else {})}
        write_case(project / "cases", case_id, number, region=region, title=f"绍兴第{number}号社区互助实践案例")
    ledger = write_ledger(project).read_text(encoding="utf-8")
    on = build_site(project)
    off = build_site(project, site_dir="site-off", options={"county_pages": False})
    edit_front_matter(project / "cases" / "浙江省" / "sx-004" / "index.md", "  county: 柯桥区", "  county: 越城区")
    lost = build_site(project, site_dir="site-lost")
    return Sites(project, on, ledger, off, lost)


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def cards(html: str) -> set[str]:
    """The case ids a listing page's cards link to."""
    return set(re.findall(r'<h[23] class="sc-card__title"><a href="(?:\.\./)+cases/([a-z0-9-]+)/">', html))


def test_the_city_page_links_its_counties_as_the_province_page_links_its_cities(sites: Sites):
    province = page(sites.on, "regions/zhejiang/")
    # the count with its unit for a screen reader, unseen (an accessibility audit: 绍兴市 6 was read out)
    unit = '<span class="sc-sr-only">个案例</span>'
    assert f'<a href="shaoxing/">绍兴市 <span>6{unit}</span></a>' in province
    city = page(sites.on, CITY)
    chips = city[city.index('<ul class="sc-subnav"') : city.index("</ul>", city.index('<ul class="sc-subnav"'))]
    assert re.findall(r'<a href="([a-z]+)/">(\S+) <span>(\d+)' + re.escape(unit) + "</span></a>", chips) == [
        ("yuecheng", "越城区", "3"),
        ("keqiao", "柯桥区", "1"),
        ("zhuji", "诸暨市", "1"),
    ]
    assert len(cards(city)) == 2 and "共 <strong>6</strong> 个案例" in city  # two a page: the city lists all six
    listed = cards(city) | {cid for n in (2, 3) for cid in cards(page(sites.on, f"{CITY}page/{n}/"))}
    assert listed == set(CASES)


def test_a_county_page_has_its_cases_pages_and_breadcrumbs(sites: Sites):
    first = page(sites.on, CITY + "yuecheng/")
    assert "<h1>越城区</h1>" in first and "共 <strong>3</strong> 个案例" in first
    crumbs = first[first.index('<nav class="sc-breadcrumbs"') : first.index("</nav>", first.index('<nav class="sc-breadcrumbs"'))]
    assert re.findall(r'<a href="([^"]*)">([^<]+)</a>', crumbs) == [
        ("../../../..", "首页"),
        ("../../../", "地区"),
        ("../../", "浙江省"),
        ("../", "绍兴市"),
    ]
    second = page(sites.on, CITY + "yuecheng/page/2/")
    assert cards(first) | cards(second) == {"sx-001", "sx-002", "sx-003"} and len(cards(first)) == 2
    assert '<a rel="next" href="page/2/">' in first and '<a rel="prev" href="../../">' in second
    for key, name in COUNTIES.items():
        assert f"<h1>{name}</h1>" in page(sites.on, CITY + key + "/")
    # the case without a county is on the city's page only
    everywhere = {cid for key in COUNTIES for cid in cards(page(sites.on, CITY + key + "/"))}
    assert "sx-006" not in everywhere and "sx-004" in everywhere


def test_a_case_page_links_its_county(sites: Sites):
    html = page(sites.on, "cases/sx-004/")
    assert '<a class="sc-chip" href="../../regions/zhejiang/shaoxing/keqiao/">柯桥区</a>' in html
    assert '<a class="sc-chip" href="../../regions/zhejiang/shaoxing/">绍兴市</a>' in html
    without = page(sites.on, "cases/sx-006/")
    assert "shaoxing/" in without and "keqiao/" not in without and "yuecheng/" not in without
    plain = page(sites.off, "cases/sx-004/")  # without the option: province and city, as before
    assert "keqiao" not in plain and '<a class="sc-chip" href="../../regions/zhejiang/shaoxing/">绍兴市</a>' in plain


def test_the_sitemap_and_the_ledger_record_county_pages(sites: Sites):
    sitemap = (sites.on / "sitemap.xml").read_text(encoding="utf-8")
    for key in COUNTIES:
        assert f"<loc>{SITE_URL}{CITY}{key}/</loc>" in sitemap
    assert f"{CITY}yuecheng/page/2/" in sitemap  # listings' later pages are in the sitemap as the others' are
    lines = sites.ledger.splitlines()
    # each place's page with the place it shows, which keeps it (below)
    assert [line for line in lines if line.startswith("/" + CITY)] == [
        f"/{CITY} 绍兴市",
        f"/{CITY}keqiao/ 柯桥区",
        f"/{CITY}yuecheng/ 越城区",
        f"/{CITY}zhuji/ 诸暨市",
    ]


def test_a_county_recorded_in_urls_lock_keeps_its_address_when_a_namesake_would_take_it(tmp_path: Path):
    """A review: of two counties read alike (嵊州市, a slip 胜州市) the one published first has
    /shengzhou/; withdraw (or send back) its first case and the other's earliest approval was
    the earlier: 胜州市 took /shengzhou/, which departments had cited for 嵊州市, and both
    addresses still existed, so urls.lock said nothing. urls.lock names the place each city's
    and county's page showed, and the build keeps it there."""
    project = share_cache(make_project(tmp_path / "p"))
    configure(project, SITE_URL, county_pages=True)
    written = {"sx-001": ("嵊州市", "2023-01-05"), "sx-002": ("嵊州市", "2024-06-01"), "sx-003": ("胜州市", "2023-06-01")}
    for number, (case_id, (county, approved)) in enumerate(written.items()):
        region = {"province": "浙江省", "city": "绍兴市", "county": county}
        write_case(project / "cases", case_id, number, region=region, review={"reviewer": "嵊州市民政局", "approved": approved})
    lines = write_ledger(project).read_text(encoding="utf-8").splitlines()
    assert {f"/{CITY}shengzhou/ 嵊州市", f"/{CITY}shengzhou-2/ 胜州市"} <= set(lines)
    edit_front_matter(project / "cases" / "浙江省" / "sx-001" / "index.md", "status: published", "status: draft")
    (project / "urls.lock").write_text("\n".join(line for line in lines if "sx-001" not in line) + "\n", encoding="utf-8")
    site = build_site(project)
    assert "<h1>嵊州市</h1>" in page(site, CITY + "shengzhou/") and "<h1>胜州市</h1>" in page(site, CITY + "shengzhou-2/")
    # the statistics name each county's page as the site does
    stats = page(site, "stats/")
    assert '<a href="../regions/zhejiang/shaoxing/shengzhou/">嵊州市</a>' in stats


def test_the_statistics_count_the_one_citys_counties(sites: Sites):
    stats = page(sites.on, "stats/")
    assert "绍兴市各区县的案例数" in stats and "绍兴市各区县在各实践主题下的案例数" in stats
    assert '<th scope="row"><a href="../regions/zhejiang/shaoxing/yuecheng/">越城区</a></th>' in stats
    assert '<th scope="row"><a href="../regions/zhejiang/shaoxing/">未写区县</a></th>' in stats
    plain = page(sites.off, "stats/")
    assert "区县" not in plain and '<th scope="row"><a href="../regions/zhejiang/">浙江省</a></th>' in plain


def _redirects_to_city(html: str) -> None:
    assert 'http-equiv="refresh"' in html and 'content="0; url=../"' in html
    assert '这个栏目已不再单独列出，正在跳转到 <a href="../">绍兴市</a>。' in html
    assert f'<link rel="canonical" href="{SITE_URL}{CITY}">' in html


def test_with_the_option_off_again_the_recorded_county_pages_lead_to_the_city(sites: Sites):
    for key in COUNTIES:
        _redirects_to_city(page(sites.off, CITY + key + "/"))
    assert not (sites.off / CITY / "yuecheng" / "page").exists()
    city = page(sites.off, CITY)
    assert 'class="sc-subnav"' not in city  # no county chips


def test_a_county_page_that_lost_its_last_case_leads_to_the_city(sites: Sites):
    _redirects_to_city(page(sites.lost, CITY + "keqiao/"))
    yuecheng = page(sites.lost, CITY + "yuecheng/")
    assert "<h1>越城区</h1>" in yuecheng and "共 <strong>4</strong> 个案例" in yuecheng
    city = page(sites.lost, CITY)
    assert 'href="keqiao/"' not in city and 'href="yuecheng/"' in city


def test_a_city_s_home_page_lists_its_counties_by_region(sites: Sites):
    """One province and one city: 按地区 on the home page listed 浙江省 6 alone."""
    home = (sites.on / "index.html").read_text(encoding="utf-8")
    by_region = home[home.index('id="sc-by-province"') :]
    by_region = by_region[: by_region.index("</ul>")]
    assert re.findall(r'<a href="regions/zhejiang/shaoxing/(\w+)/">([^<]+)</a> <span>(\d+)</span>', by_region) == [
        ("yuecheng", "越城区", "3"),
        ("keqiao", "柯桥区", "1"),
        ("zhuji", "诸暨市", "1"),
    ], by_region
    off = (sites.off / "index.html").read_text(encoding="utf-8")
    assert '<a href="regions/zhejiang/">浙江省</a> <span>6</span>' in off  # without the option, as before


def test_a_province_s_home_page_lists_its_cities_by_region(tmp_path):
    """A maintainer's trial of a province's site: 按地区 on the home page listed 浙江省 3
    alone, while /stats/ counted its cities."""
    project = make_project(tmp_path / "p")
    for number, case_id in enumerate(("gz-a-2021-001", "sz-b-2022-001", "gz-c-2021-002")):
        write_case(project / "cases", case_id, 0 if number == 2 else number)  # 广东省: 广州市 twice, 深圳市
    home = (build_site(project) / "index.html").read_text(encoding="utf-8")
    by_region = home[home.index('id="sc-by-province"') :]
    by_region = by_region[: by_region.index("</ul>")]
    assert re.findall(r'<a href="regions/guangdong/(\w+)/">([^<]+)</a> <span>(\d+)</span>', by_region) == [
        ("guangzhou", "广州市", "2"),
        ("shenzhen", "深圳市", "1"),
    ], by_region


def test_a_card_names_the_county_with_the_option_only(sites: Sites):
    """On a county's page every card said 浙江 · 绍兴市, the place the page is about being the county."""
    county = page(sites.on, CITY + "keqiao/")
    assert "<span>浙江 · 绍兴市 · 柯桥区</span>" in county, county
    assert "柯桥区</span>" not in page(sites.off, CITY)  # off: the cards as before


def test_a_city_s_search_filters_by_county_not_by_its_one_province(sites: Sites):
    """The search page offered 省份: 浙江省 (6), the one value every case has; a city's reader
    looks for a county. Without the option there is no county filter and no county in the index."""
    facets = json.loads(
        re.search(r'<script type="application/json" id="sc-search-config">(.*?)</script>', page(sites.on, "search/"), re.S)[1]
    )["facets"]
    names = [facet["name"] for facet in facets]
    assert "county" in names and "province" not in names
    county = next(facet for facet in facets if facet["name"] == "county")
    assert county["label"] == "区县" and county["values"] == [["yuecheng", "越城区", 3], ["keqiao", "柯桥区", 1], ["zhuji", "诸暨市", 1]]
    indexed = {url.strip("/").split("/")[-1]: fragment["filters"].get("county") for url, fragment in search_fragments(sites.on).items()}
    assert indexed == {
        "sx-001": ["yuecheng"],
        "sx-002": ["yuecheng"],
        "sx-003": ["yuecheng"],
        "sx-004": ["keqiao"],
        "sx-005": ["zhuji"],
        "sx-006": None,
    }
    off = json.loads(
        re.search(r'<script type="application/json" id="sc-search-config">(.*?)</script>', page(sites.off, "search/"), re.S)[1]
    )["facets"]
    assert "county" not in [facet["name"] for facet in off] and "province" in [facet["name"] for facet in off]
    assert all("county" not in fragment["filters"] for fragment in search_fragments(sites.off).values())
    places = {url.strip("/").split("/")[-1]: fragment["meta"]["place"] for url, fragment in search_fragments(sites.on).items()}
    assert places["sx-004"] == "浙江省 绍兴市 柯桥区" and places["sx-006"] == "浙江省 绍兴市"  # as a card names it
    assert {fragment["meta"]["place"] for fragment in search_fragments(sites.off).values()} == {"浙江省 绍兴市"}


def test_a_reader_filters_a_city_s_search_by_county(sites: Sites, browser):
    with served(sites.on) as origin:
        tab = browser.new_page()
        try:
            tab.goto(origin + "search/")
            tab.locator('a.sc-facet__value[data-filter="county"][data-value="yuecheng"]').click()
            tab.wait_for_selector("#sc-search-status[data-count]")
            assert tab.get_attribute("#sc-search-status", "data-count") == "3"
            assert "county=yuecheng" in tab.url
            shown = tab.locator(".sc-result__title a").evaluate_all("as => as.map(a => new URL(a.href).pathname)")
            assert sorted(shown) == ["/cases/sx-001/", "/cases/sx-002/", "/cases/sx-003/"]
        finally:
            tab.close()
