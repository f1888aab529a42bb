"""A place written in one line (a free-form file's 所在地区 line, or the whole place in the
form's 省份 cell) becomes the draft's region: province, city, county, street, community."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from showcase.cli import main
from showcase.core.collection.taxonomy import load_taxonomy
from showcase.core.editors.intake.address import read_place, split_place

from .test_import_form import front_matter

P, C, X, S, Q = "省份", "城市", "区县", "街道（乡镇）", "社区（村）"


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("湖南省长沙市岳麓区橘子洲街道某某社区居委会", {P: "湖南省", C: "长沙市", X: "岳麓区", S: "橘子洲街道", Q: "某某社区"}),
        ("湖南 长沙 岳麓区", {P: "湖南省", C: "长沙市", X: "岳麓区"}),
        ("长沙市岳麓区", {P: "湖南省", C: "长沙市", X: "岳麓区"}),  # the province from the city
        ("吉林市船营区大东街道", {P: "吉林省", C: "吉林市", X: "船营区", S: "大东街道"}),  # a city, not 吉林 and 市
        ("海南州共和县恰卜恰镇", {P: "青海省", C: "海南藏族自治州", X: "共和县", S: "恰卜恰镇"}),
        ("四川省凉山州西昌市", {P: "四川省", C: "凉山彝族自治州", X: "西昌市"}),
        ("北京朝阳区团结湖街道", {P: "北京市", X: "朝阳区", S: "团结湖街道"}),  # a municipality: no city row
        ("北京市北京市朝阳区", {P: "北京市", X: "朝阳区"}),
        ("上海市浦东新区陆家嘴街道", {P: "上海市", X: "浦东新区", S: "陆家嘴街道"}),
        ("湖南省长沙县星沙街道", {P: "湖南省", X: "长沙县", S: "星沙街道"}),  # 长沙县 is a county, not 长沙 and 县
        ("湖北省仙桃市沙嘴街道", {P: "湖北省", C: "仙桃市", S: "沙嘴街道"}),
        ("内蒙古包头市昆都仑区少先路街道办事处", {P: "内蒙古自治区", C: "包头市", X: "昆都仑区", S: "少先路街道"}),
        ("浙江省杭州市西湖区文新街道某某路12号", {P: "浙江省", C: "杭州市", X: "西湖区", S: "文新街道"}),  # no house number
        ("湖南省，长沙市，岳麓区。", {P: "湖南省", C: "长沙市", X: "岳麓区"}),
        ("湖南省某某街道某某社区", {P: "湖南省"}),  # no city or county before the street: not guessed
        ("广州", {P: "广东省", C: "广州市"}),
        # a province's short name before its own city, or alone, is the province (a review)
        ("海南", {P: "海南省"}),
        ("海南海口市龙华区", {P: "海南省", C: "海口市", X: "龙华区"}),
        ("吉林长春市朝阳区", {P: "吉林省", C: "长春市", X: "朝阳区"}),
        ("吉林吉林市船营区", {P: "吉林省", C: "吉林市", X: "船营区"}),
        ("湖南岳麓区", {P: "湖南省", X: "岳麓区"}),
        ("湖南省长沙市岳麓区新镇路12号", {P: "湖南省", C: "长沙市", X: "岳麓区"}),  # 新镇路 is a road, not a town
        ("湖南省长沙市开福路附近小区", {P: "湖南省", C: "长沙市"}),  # nor is a housing estate a district
        ("新疆维吾尔自治区伊犁州伊宁市", {P: "新疆维吾尔自治区"}),  # an unknown prefecture is no county
        ("云南省临沧市双江拉祜族佤族布朗族傣族自治县勐勐镇", {P: "云南省", C: "临沧市", X: "双江拉祜族佤族布朗族傣族自治县", S: "勐勐镇"}),
        ("广州省", {}),  # a slip for 广东省 or 贵州省: not guessed
        ("长沙县星沙街道", {}),  # 长沙县 alone names no province
        ("全市各社区", {}),
        ("", {}),
    ],
)
def test_a_place_line_splits_into_the_region_rows(line: str, parts: dict[str, str]) -> None:
    assert split_place(line, load_taxonomy()) == parts


WRITE_UP = """\
# 橘子洲街道“银发课堂”让老人学会用手机

所在地区：湖南省长沙市岳麓区橘子洲街道某某社区居委会
申报单位：某某社区银发课堂志愿队

一、基本情况

社区里六十岁以上的老人有八百多位，很多人不会用手机挂号、缴费。

二、主要做法

每周三下午开课，大学生志愿者一对一教。
"""


def _pandoc(text: str, out: Path) -> Path:
    import pypandoc

    pypandoc.convert_text(text, "docx", format="markdown", outputfile=str(out))
    return out


def test_a_write_up_s_place_line_fills_the_region_and_names_the_folder(site: Path, capsys) -> None:
    _pandoc(WRITE_UP, site / "银发课堂.docx")
    assert main(["import", "银发课堂.docx"]) == 0
    report = capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    data, body = front_matter(index)
    assert data["region"] == {"province": "湖南省", "city": "长沙市", "county": "岳麓区", "street": "橘子洲街道", "community": "某某社区"}
    assert index.parent.parent.name == "湖南省" and index.parent.name.startswith("cs-yuelu-")
    assert "所在地区“湖南省长沙市岳麓区橘子洲街道某某社区居委会”读作：省份 湖南省、城市 长沙市、区县 岳麓区" in report
    assert "所在地区" not in body and "居委会" not in index.read_text(encoding="utf-8")
    assert main(["check", "cases"]) == 0
    assert "错误 0 处" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("浙江义乌稠城街道", "义乌稠城街道"),  # 义乌 is a city inside 金华市: not a known city
        ("浙江省杭州市西湖区文新街道某某路12号", "某某路12号"),
        ("湖南 长沙 岳麓区", ""),
        ("全市各社区", ""),
    ],
)
def test_what_follows_the_parts_read_is_given_back(line: str, rest: str) -> None:
    assert read_place(line, load_taxonomy())[1] == rest


def test_a_place_line_read_only_in_part_says_what_it_did_not_read(site: Path, capsys) -> None:
    """A trial: “浙江义乌稠城街道” was read as 浙江省 alone, the note saying nothing of
    义乌 or 稠城街道, which the draft then lacked (a county-level city the list of cities
    does not hold)."""
    _pandoc(WRITE_UP.replace("湖南省长沙市岳麓区橘子洲街道某某社区居委会", "浙江义乌稠城街道"), site / "银发课堂.docx")
    assert main(["import", "银发课堂.docx"]) == 0
    report = capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    assert front_matter(index)[0]["region"]["province"] == "浙江省"
    said = " ".join(report.split())
    assert (
        "所在地区“浙江义乌稠城街道”读作：省份 浙江省；后面的“义乌稠城街道”没有读出，请把城市、区县、街道（乡镇）填好。请核对。" in said
    ), report


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("广东东莞虎门镇某某路12号", "读作：省份 广东省、城市 东莞市、街道（乡镇） 虎门镇。"),  # a road after the street: an address
        ("北京海淀", "读作：省份 北京市；后面的“海淀”没有读出，请把区县、街道（乡镇）填好。"),  # a municipality has no city row
        ("湖南省长沙市开福路附近小区", "；后面的“开福路附近小区”没有读出，请把区县、街道（乡镇）填好。"),
    ],
)
def test_a_place_read_in_part_names_only_the_rows_left_empty(line: str, said: str) -> None:
    """A review: the note asked for the city and the county of 东莞市虎门镇 (read, and a city
    of no counties) because a road followed, and for Beijing's city row, which must not be."""
    from showcase.core.editors.intake import values

    read = values.Values()
    values._place_rows({"所在地区": line}, load_taxonomy(), read)
    (note,) = read.notes
    assert said in note, note


def test_an_address_line_that_names_no_place_stays_in_the_story(site: Path, capsys) -> None:
    """“地址：社区党群服务中心三楼活动室…” is part of the write-up, not a place to split; it
    left the body and became a problem of the province (a review)."""
    line = "地址：社区党群服务中心三楼活动室，欢迎老人们随时来。"
    _pandoc(WRITE_UP.replace("所在地区：湖南省长沙市岳麓区橘子洲街道某某社区居委会", line), site / "银发课堂.docx")
    assert main(["import", "银发课堂.docx"]) == 0
    report = capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    body = index.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert line in body and "读作" not in report and "三楼" not in report
    assert index.parent.parent.name == "未填省份"


def import_form(made: Path, site: Path, capsys, **rows: str) -> str:
    """The project's form with its rows typed (the conftest's, these changed), imported into an
    emptied cases/: the import's report."""
    from docx import Document

    from .conftest import TYPED

    document = Document(str(made / "案例申报表.docx"))
    typed = dict(TYPED, **rows)
    for row in document.tables[0].rows:
        label = row.cells[0].paragraphs[0].text
        if label in typed:
            row.cells[1].paragraphs[0].text = typed[label]
    document.save(str(site / "申报表.docx"))
    shutil.rmtree(site / "cases", ignore_errors=True)
    assert main(["import", "申报表.docx"]) == 0
    return capsys.readouterr().out


def test_the_whole_place_typed_in_the_form_s_province_cell_fills_the_rows_left_empty(made: Path, site: Path, capsys) -> None:
    from .conftest import TYPED

    report = import_form(made, site, capsys, 省份="湖南省长沙市岳麓区", 城市="", 区县="")
    (index,) = (site / "cases").glob("*/*/index.md")
    data, _ = front_matter(index)
    assert data["region"]["province"] == "湖南省" and data["region"]["city"] == "长沙市" and data["region"]["county"] == "岳麓区"
    assert data["region"]["street"] == TYPED["街道（乡镇）"]  # typed in its own row: kept
    assert "省份“湖南省长沙市岳麓区”读作：省份 湖南省、城市 长沙市、区县 岳麓区。" in report  # the rows it filled


def test_the_whole_place_typed_in_the_city_or_county_cell_fills_the_rows(made: Path, site: Path, capsys) -> None:
    """An organization's trial: 省份 empty, 城市 湖南省长沙市岳麓区橘子洲街道: the draft had it all
    as the city, the stand-in province, and a folder 未填省份/hunanshengzhangsha…. Split as the
    省份 cell's is; a county cell of the county and its street likewise."""
    report = import_form(made, site, capsys, 省份="", 城市="湖南省长沙市岳麓区橘子洲街道", 区县="", **{"街道（乡镇）": ""})
    (index,) = (site / "cases").glob("*/*/index.md")
    data, _ = front_matter(index)
    region = data["region"]
    assert (region["province"], region["city"], region["county"], region["street"]) == ("湖南省", "长沙市", "岳麓区", "橘子洲街道"), region
    assert index.parent.parent.name == "湖南省" and "城市“湖南省长沙市岳麓区橘子洲街道”读作：" in report, report
    from showcase.core.editors.intake.values import read_values

    values = read_values({"省份": "湖南省", "城市": "长沙市", "区县": "长沙市岳麓区"}, load_taxonomy())
    assert values.found[("region", "county")] == "岳麓区" and values.found[("region", "city")] == "长沙市"
    # a city whose name holds its province's short name is a city alone (吉林市: a review's note)
    assert read_values({"省份": "吉林省", "城市": "吉林市"}, load_taxonomy()).notes == []


def test_a_form_without_its_province_takes_the_province_of_its_known_city() -> None:
    """省份 left empty, 城市 广州: the draft stood in 北京市, and the check then said 北京市 was a
    municipality and told the editor to delete the city line (an editor's trial)."""
    from showcase.core.editors.intake.values import read_values

    taxonomy = load_taxonomy()
    values = read_values({"城市": "广州", "区县": "越秀"}, taxonomy)
    assert values.found[("region", "province")].name == "广东省"
    # a known city's short name is written as its full name, as the other cases write it (a trial: 杭州 beside 杭州市)
    assert values.found[("region", "city")] == "广州市"
    assert "省份没有填写，按城市“广州”填入 广东省，请核对。" in values.notes and "城市“广州”写作 广州市，请核对。" in values.notes
    kept = read_values({"省份": "浙江", "城市": "杭州", "区县": "西湖区"}, taxonomy)
    assert kept.found[("region", "city")] == "杭州市" and "城市“杭州”写作 杭州市，请核对。" in kept.notes
    # a name no province knows, or another province's city, is kept as typed (the check says the second)
    assert read_values({"省份": "浙江省", "城市": "某某"}, taxonomy).found[("region", "city")] == "某某"
    assert read_values({"省份": "浙江省", "城市": "广州"}, taxonomy).found[("region", "city")] == "广州"
    # a city two provinces have, or none has, gives no province: the draft's stand-in and its comment stay
    for city in ("某某市", ""):
        assert ("region", "province") not in read_values({"城市": city}, taxonomy).found
    # a county's short name, as the site's cases write it in that city (an organization's trial:
    # 越秀 stayed county: 越秀 beside 广州 written 广州市, unsaid); not another city's, nor unknown
    known = {"越秀区": ("广东省", "广州市"), "越城区": ("浙江省", "绍兴市")}
    values = read_values({"城市": "广州", "区县": "越秀"}, taxonomy, known)
    assert values.found[("region", "county")] == "越秀区" and "区县“越秀”写作 越秀区（网站上已有的案例这样写），请核对。" in values.notes
    assert read_values({"省份": "浙江省", "城市": "杭州市", "区县": "越秀"}, taxonomy, known).found[("region", "county")] == "越秀"
    assert read_values({"城市": "广州", "区县": "海珠"}, taxonomy, known).found[("region", "county")] == "海珠"


def test_an_imported_form_without_its_province_is_filed_under_its_city_s_province(made: Path, site: Path, capsys) -> None:
    report = import_form(made, site, capsys, 省份="", 城市="广州", 区县="越秀区")
    (index,) = (site / "cases").glob("*/*/index.md")
    assert index.parent.parent.name == "广东省"
    data, _ = front_matter(index)
    assert data["region"]["province"] == "广东省"
    assert "直辖市" not in report and "北京市" not in index.read_text(encoding="utf-8")
