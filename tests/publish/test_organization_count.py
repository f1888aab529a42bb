"""参与组织 on the home and statistics pages, in a real build, when organizations of
different places share a name (阳光志愿服务队 is in many a city), as a national
compilation's do: one organization per name in each county, not one per name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.build import build_site
from tests.support.project import make_project, share_cache, write_case

NAME = "阳光志愿服务队"
# id -> (organization, province, city, county)
CASES = {
    "yx-2024-001": (NAME, "广东省", "广州市", "越秀区"),
    "yx-2024-002": (NAME, "广东省", "广州市", "越秀区"),  # the same team's second case
    "th-2024-001": (NAME, "广东省", "广州市", "天河区"),  # another district's team
    "wh-2024-001": (NAME, "四川省", "成都市", "武侯区"),  # another province's
    "wh-2024-002": ("武侯区玉林街道老年人协会", "四川省", "成都市", "武侯区"),
    # the 越秀 team again, its name, city and county written otherwise (helper rvD's notes)
    "yx-2024-003": ("阳光志愿服务队", "广东省", "广州", "越秀"),
    "wh-2024-003": ("武侯区玉林街道 老年人协会", "四川省", "成都", "武侯区"),
    "wh-2024-004": ("夕阳红(玉林)合唱团", "四川省", "成都市", "武侯区"),
    "wh-2024-005": ("夕阳红（玉林）合唱团", "四川省", "成都市", "武侯区"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = share_cache(make_project(tmp_path_factory.mktemp("orgs")))
    for number, (case_id, (org, province, city, county)) in enumerate(CASES.items()):
        region = {"province": province, "city": city, "county": county}
        organization = {"name": org, "category": "公益慈善类"}
        write_case(project / "cases", case_id, number, region=region, organization=organization)
    write_case(project / "cases", "dr-2024-001", 9, organization={"name": "草稿里的志愿服务队", "category": "公益慈善类"}, status="draft")
    return build_site(project)


def organizations(html: str) -> int:
    """The figure after 参与组织 (grouped in thousands, with <wbr>)."""
    match = re.search(r"<dt>参与组织</dt>\s*<dd>(.*?)</dd>", html, re.S)
    assert match, "参与组织 not shown"
    return int(re.sub(r"\D", "", match.group(1)))


@pytest.mark.parametrize("page", ["index.html", "stats/index.html"])
def test_teams_of_one_name_in_different_places_are_counted_apart(site: Path, page: str):
    # 阳光志愿服务队 of 越秀区 (three cases), of 天河区 and of 武侯区, and 武侯区's 老年人协会;
    # the draft's organization is not counted. Counted by name alone this read 2.
    assert organizations((site / page).read_text(encoding="utf-8")) == 5  # and 武侯区's 合唱团, written two ways
