"""`showcase stats`: counts by theme, category, province, year and state; text, JSON, CSV."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from .conftest import run, write_case

DRAFT = {"status": "draft", "review": None}
REVIEW = {"status": "review", "review": None}


@pytest.fixture
def collection(project):
    cases = project / "cases"
    # Published: two in 广东 (2023, 2024), one in 四川 (2023). One draft (北京, 2024),
    # one in review (广东, 2024), one withdrawn (四川, 2022).
    write_case(
        cases,
        "gz-a-2023-001",
        0,
        themes=["便民服务", "新风正气"],
        date="2023-03-01",
        organization={"name": "甲协会", "category": "公益慈善类"},
    )
    write_case(
        cases, "gz-b-2024-001", 0, themes=["bianmin-fuwu"], date="2024-05-01", organization={"name": "乙协会", "category": "文体活动类"}
    )
    write_case(cases, "cd-c-2023-001", 2, themes=["社区治理"], date="2023-07-01", organization={"name": "丙协会", "category": "公益慈善类"})
    write_case(cases, "bj-d-2024-001", 3, themes=["精神文化"], date="2024-01-01", **DRAFT)
    write_case(cases, "gz-e-2024-002", 0, themes=["便民服务"], date="2024-09-01", **REVIEW)
    write_case(cases, "cd-f-2022-001", 2, themes=["服务阵地"], date="2022-02-01", status="withdrawn", withdrawn_reason="组织已注销")
    return project


def rows(data: dict, dimension: str) -> dict[str, dict]:
    return {row["name"]: row for row in data["dimensions"][dimension]}


def test_json_counts_every_dimension_split_by_state(collection, capsys):
    code, out, _ = run(["stats", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["total"] == 6
    assert data["by_state"] == {"published": 3, "review": 1, "draft": 1, "withdrawn": 1}
    themes = rows(data, "theme")
    assert themes["便民服务"] == {
        "key": "bianmin-fuwu",
        "name": "便民服务",
        "total": 3,
        "published": 2,
        "review": 1,
        "draft": 0,
        "withdrawn": 0,
    }
    assert themes["新风正气"]["total"] == 1
    assert themes["凝心铸魂"]["total"] == 0  # every theme is listed, even without cases
    assert len(themes) == 6
    categories = rows(data, "category")
    assert categories["公益慈善类"]["published"] == 2
    provinces = rows(data, "province")
    assert [r["name"] for r in data["dimensions"]["province"]] == ["北京市", "广东省", "四川省"]  # taxonomy order
    assert provinces["广东省"]["total"] == 3 and provinces["四川省"]["withdrawn"] == 1
    years = rows(data, "year")
    assert list(years) == ["2022", "2023", "2024"]
    assert years["2024"] == {"key": "2024", "name": "2024", "total": 3, "published": 1, "review": 1, "draft": 1, "withdrawn": 0}
    assert rows(data, "state")["已发布"]["total"] == 3


def test_filters_for_a_yearly_report(collection, capsys):
    _, out, _ = run(["stats", "--format", "json", "--year", "2024", "--status", "published"], capsys)
    data = json.loads(out)
    assert data["total"] == 1
    assert data["filters"] == {"year": 2024, "states": ["published"]}
    assert rows(data, "category")["文体活动类"]["total"] == 1


def test_text_table_is_aligned_and_titled(collection, capsys):
    code, out, _ = run(["stats"], capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "共 6 个案例：已发布 3，待审 1，草稿 1，已撤回 1。"
    for title in ("按实践主题（一个案例可属多个主题）", "按组织类别", "按省份", "按年份（开展时间）", "按状态"):
        assert title in lines
    row = next(line for line in lines if line.startswith("便民服务"))
    assert row.split() == ["便民服务", "3", "2", "1", "0", "0"]
    header = lines[lines.index("按省份") + 1]
    guangdong = next(line for line in lines if line.startswith("广东省"))
    # Right-aligned numbers end in the same column as their heading (CJK counts double).
    from showcase.core.editors.stats import _width

    assert _width(guangdong) == _width(header)


def test_csv_is_one_table_and_a_file_opens_in_excel(collection, capsys):
    code, out, _ = run(["stats", "--format", "csv"], capsys)
    assert code == 0
    assert out.splitlines()[0] == "分类,代码,名称,合计,已发布,待审,草稿,已撤回"  # Excel users read Chinese
    table = list(csv.DictReader(io.StringIO(out)))
    guangdong = next(r for r in table if r["分类"] == "省份" and r["代码"] == "guangdong")
    assert (guangdong["名称"], guangdong["合计"], guangdong["已发布"], guangdong["待审"]) == ("广东省", "3", "2", "1")
    assert table[0]["分类"] == "主题" and {r["分类"] for r in table} == {"主题", "组织类别", "省份", "年份", "状态"}

    code, _, err = run(["stats", "--format", "csv", "-o", "统计.csv"], capsys)
    assert code == 0 and "统计.csv" in err
    raw = (collection / "统计.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    assert raw.decode("utf-8-sig").strip() == out.strip()
    # Without --format the file's extension says it (a helper's trial got the text table in a .csv).
    code, _, _ = run(["stats", "-o", "统计2.csv"], capsys)
    assert code == 0 and (collection / "统计2.csv").read_bytes() == raw


def test_no_cell_of_the_csv_is_a_formula(project, capsys):
    """A security review: region names that pass the check (=HYPERLINK(…), @SUM(…)|cmd) were
    written as they are, and a spreadsheet opening the file ran them as formulas."""
    cases = project / "cases"
    write_case(cases, "gd-001", 0, region={"province": "广东省", "city": '=HYPERLINK("http://x.invalid","点")', "county": "越秀区"})
    write_case(cases, "gd-002", 1, region={"province": "广东省", "city": "@SUM(1+1)*cmd|' /C calc'!A0", "county": "越秀区"})
    write_case(cases, "gd-003", 2, region={"province": "广东省", "city": "-2+3", "county": "越秀区"})
    write_case(cases, "gd-004", 3, region={"province": "广东省", "city": "广州市", "county": "越秀区"})
    code, out, _ = run(["stats", "--format", "csv"], capsys)
    assert code == 0
    names = [row["名称"] for row in csv.DictReader(io.StringIO(out))]
    assert '\'=HYPERLINK("http://x.invalid","点")' in names and "'@SUM(1+1)*cmd|' /C calc'!A0" in names and "'-2+3" in names
    assert not [name for name in names if name[:1] in "=+-@"]
    assert "广州市" in names  # the others as they are


@pytest.mark.parametrize("name", ["统计.xlsx", "统计.XLS", "统计.docx"])
def test_a_file_the_command_cannot_write_is_refused_before_anything_is_written(collection, capsys, name):
    # 统计.xlsx got the text table, and Excel refused to open it (an editor's trial).
    code, _, err = run(["stats", "-o", name], capsys)
    assert code == 2 and "请用 .csv 结尾的文件名" in err and "Traceback" not in err
    assert not (collection / name).exists()


def test_a_year_without_cases_is_said_with_the_years_that_have_some(collection, capsys):
    code, _, err = run(["stats", "--year", "2030"], capsys)
    assert code == 0 and "没有开展时间在 2030 年的案例" in err and "有案例的年份：" in err
    code, _, err = run(["stats", "--year", "2024"], capsys)
    assert code == 0 and "没有" not in err


def test_states_by_their_chinese_names(collection, capsys):
    _, english, _ = run(["stats", "--format", "json", "--status", "published", "--status", "review"], capsys)
    _, chinese, _ = run(["stats", "--format", "json", "--status", "已发布", "--status", "待审"], capsys)
    assert json.loads(chinese) == json.loads(english)
    with pytest.raises(SystemExit):
        run(["stats", "--status", "发不"], capsys)
    assert "没有状态“发不”，可选：draft（草稿）" in capsys.readouterr().err


def test_cases_with_errors_are_counted_and_announced(collection, capsys):
    write_case(collection / "cases", "gz-g-2024-003", 0, organization={"name": "丁协会", "category": "不存在类"})
    _, out, err = run(["stats", "--format", "json"], capsys)
    assert "1 个案例有错误" in err
    assert rows(json.loads(out), "category")["未填或有误"]["total"] == 1


def test_missing_folder_is_a_usage_error(project, capsys):
    code, _, err = run(["stats", "nowhere"], capsys)
    assert code == 2 and "nowhere" in err


def test_a_city_s_cases_are_counted_by_county_and_a_province_s_by_city(project, capsys):
    """A city's department counted its cases for its report and got 按省份: 浙江省 6, the
    one province every case is in (the site's statistics page counts by county there)."""
    cases = project / "cases"
    counties = {"sx-001": "越城区", "sx-002": "越城区", "sx-003": "柯桥区", "sx-004": None, "sx-005": "越城"}  # one county written two ways
    for number, (case_id, county) in enumerate(counties.items()):
        region = {"province": "浙江省", "city": "绍兴市", **({"county": county} if county else {})}
        write_case(cases, case_id, number, region=region, **(DRAFT if case_id == "sx-003" else {}))
    code, out, _ = run(["stats"], capsys)
    assert code == 0 and "按城市" not in out
    lines = out.splitlines()
    table = lines[lines.index("按区县") + 2 : lines.index("按区县") + 5]
    assert [line.split() for line in table] == [
        ["越城区", "3", "3", "0", "0", "0"],
        ["柯桥区", "1", "0", "0", "1", "0"],
        ["未写区县", "1", "1", "0", "0", "0"],
    ]
    assert lines.index("按省份") < lines.index("按区县") < lines.index("按年份（开展时间）")
    _, out, _ = run(["stats", "--format", "csv"], capsys)
    assert "区县,keqiao,柯桥区,1,0,0,1,0" in out.splitlines()
    # a case that left its city out is no second city; a county read alike has the key its page has
    write_case(cases, "sx-006", 6, region={"province": "浙江省", "county": "越城区"})
    write_case(cases, "sx-007", 7, region={"province": "浙江省", "city": "绍兴市", "county": "柯乔区"})
    _, out, _ = run(["stats", "--format", "json"], capsys)
    rows = {(row["key"], row["name"]): row["total"] for row in json.loads(out)["dimensions"]["county"]}
    # (柯桥区's one case is a draft: 柯乔区, published, has the plain key, as its page would)
    assert rows == {("yuecheng", "越城区"): 4, ("keqiao-2", "柯桥区"): 1, ("keqiao", "柯乔区"): 1, ("", "未写区县"): 1}
    for case_id in ("sx-006", "sx-007"):
        shutil.rmtree(cases / "浙江省" / case_id)
    # a second city of the province: by city, and no longer by county
    write_case(cases, "hz-001", 9, region={"province": "浙江省", "city": "杭州市", "county": "西湖区"})
    _, out, _ = run(["stats", "--format", "json"], capsys)
    data = json.loads(out)
    assert "county" not in data["dimensions"]
    assert [(row["key"], row["name"], row["total"]) for row in data["dimensions"]["city"]] == [
        ("shaoxing", "绍兴市", 5),
        ("hangzhou", "杭州市", 1),
    ]


def test_a_national_collection_is_counted_by_province_only(collection, capsys):
    _, out, _ = run(["stats", "--format", "json"], capsys)
    assert list(json.loads(out)["dimensions"]) == ["theme", "category", "province", "year", "state"]


def test_a_county_s_rows_put_the_cases_without_a_county_last_and_keys_as_its_pages(project, capsys):
    """A mutation audit: 未写区县 last however many; of two counties read alike the one approved
    first has the plain key, whatever their names' order; no province read, no place counts."""
    cases = project / "cases"
    counties = {"sx-001": "胜州市", "sx-002": None, "sx-003": None, "sx-004": "嵊州市"}
    approved = {"sx-001": "2023-01-05", "sx-004": "2024-06-01"}
    for number, (case_id, county) in enumerate(counties.items()):
        region = {"province": "浙江省", "city": "绍兴市", **({"county": county} if county else {})}
        write_case(
            cases, case_id, number, region=region, review={"reviewer": "绍兴市民政局", "approved": approved.get(case_id, "2023-12-25")}
        )
    _, out, _ = run(["stats", "--format", "json"], capsys)
    rows = [(row["key"], row["name"], row["total"]) for row in json.loads(out)["dimensions"]["county"]]
    assert rows == [("shengzhou", "胜州市", 1), ("shengzhou-2", "嵊州市", 1), ("", "未写区县", 2)]
    for case_id in counties:
        shutil.rmtree(cases / "浙江省" / case_id)
    write_case(cases, "xx-001", 0, region={"province": "浙光省", "city": "绍兴市", "county": "越城区"})
    _, out, _ = run(["stats", "--format", "json"], capsys)
    assert list(json.loads(out)["dimensions"]) == ["theme", "category", "province", "year", "state"]


def test_a_city_only_a_case_of_an_unknown_province_writes_does_not_stop_the_count_by_county(tmp_path):
    """A city bureau's site whose cases leave the city out, and a draft with a slip in its
    province (折江省) that writes the city: with urls.lock naming the places, the county
    table looked the city's key up among the province's cities and stopped with a KeyError
    (without names it counted)."""
    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.settings import Settings
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.editors.stats import compute

    from tests.support.collection import TODAY
    from tests.support.project import write_case as write

    root = tmp_path / "cases"
    write(root, "sx-001", 0, region={"province": "浙江省", "county": "越城区"})
    write(root, "sx-002", 1, region={"province": "折江省", "city": "绍兴市", "county": "柯桥区"}, status="draft", folder="浙江省")
    cases = load_collection(root, Settings(today=TODAY)).cases
    places = {"regions/zhejiang/shaoxing/": "绍兴市", "regions/zhejiang/shaoxing/keqiao/": "柯桥区"}
    rows = {row.name: row.total for row in compute(cases, load_taxonomy(), places=places).dimensions["county"]}
    assert rows == {"越城区": 1, "柯桥区": 1}


def test_the_count_by_city_and_by_a_municipality_s_county_keys_them_as_urls_lock_records(tmp_path):
    """``places`` (urls.lock): a city's and a municipality's county's recorded key is kept
    from a like-reading newcomer in the statistics as on the site."""
    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.settings import Settings
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.editors.stats import compute

    from tests.support.collection import TODAY
    from tests.support.project import write_case as write

    root = tmp_path / "cases"
    write(root, "sx-001", 0, region={"province": "浙江省", "city": "绍兴市"})
    write(root, "hz-001", 1, region={"province": "浙江省", "city": "杭州市"})
    write(root, "bj-001", 2, region={"province": "北京市", "county": "朝阳区"})
    cases = load_collection(root, Settings(today=TODAY)).cases
    places = {"regions/zhejiang/shaoxing/": "邵兴市", "regions/beijing/chaoyang/": "潮阳区"}
    zhejiang = [c for c in cases if c.id != "bj-001"]
    rows = {row.name: row.key for row in compute(zhejiang, load_taxonomy(), places=places).dimensions["city"]}
    assert rows == {"绍兴市": "shaoxing-2", "杭州市": "hangzhou"}
    beijing = [c for c in cases if c.id == "bj-001"]
    rows = {row.name: row.key for row in compute(beijing, load_taxonomy(), places=places).dimensions["county"]}
    assert rows == {"朝阳区": "chaoyang-2"}


def test_the_year_is_said_to_be_the_practice_s_not_the_approval_s(collection, capsys):
    """An editor's year-end report: stats --year 2026 said 没有 2026 年的案例 beside three cases
    approved that year; nothing said the year is the practice's start (date), not the approval's."""
    code, out, err = run(["stats", "--year", "2030"], capsys)
    assert code == 0 and "下面都是 0。年份按开展时间（date）算，不是审核发布的日期。" in err  # no brackets within brackets
    code, out, _ = run(["stats", "--year", "2024"], capsys)
    assert out.splitlines()[0].startswith("共 ") and "（开展时间在 2024 年）" in out.splitlines()[0]


@pytest.mark.parametrize("written", ["2024年", "２０２４", "二〇二四", " 2024年度 "])
def test_a_year_is_taken_as_an_editor_writes_it(collection, capsys, written):
    """--year 2024年 was refused with argparse's usage (a department's trial): the year as
    people write it counts the same cases as 2024."""
    assert run(["stats", "--year", written], capsys) == run(["stats", "--year", "2024"], capsys)


@pytest.mark.parametrize("written", ["9" * 5000, "２" * 3000 + "年", "去" * 3000])
def test_a_year_of_thousands_of_characters_is_one_short_line(collection, capsys, written):
    """Hostile input: 5,000 digits were Python's English (its limit on reading a number) and
    echoed whole; 3,000 full-width digits were echoed whole by the booklet's message."""
    with pytest.raises(SystemExit) as exit_:
        run(["stats", "--year", written], capsys)
    err = capsys.readouterr().err
    said = err.strip().splitlines()[-1]  # after argparse's usage
    assert exit_.value.code == 2 and said.startswith("showcase: 参数错误：--year：") and len(said) < 120, err
    assert "invalid" not in err and "Traceback" not in err
