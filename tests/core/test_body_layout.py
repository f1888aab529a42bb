"""Lines Markdown joins that a first-timer meant apart (core/case/bodylayout.py): a list
pasted from Word, and a caption written under its photo (a community worker's trial)."""

from __future__ import annotations

import pytest

from .helpers import VALID, found, load

FIRST = VALID.rstrip("\n").count("\n") + 3  # the line of the first added body line, after a blank one


def added(text: str) -> list[tuple[int, str, str]]:
    return [f for f in found(load(VALID.rstrip("\n") + "\n\n" + text)) if f[2].startswith("body-")]


@pytest.mark.parametrize(
    "items",
    [
        "●　堂食：每天中午供应两荤一素；\n●　送餐：行动不便的老人送餐上门；\n●　“时间银行”：志愿服务计时。",
        "1、社工每周入户走访；\n2、与社区卫生站合作；\n3、每月召开议事会。",
        "（1）建立需求清单\n（2）结对帮扶",
    ],
)
def test_list_lines_pasted_from_word_are_one_warning_on_the_first(items):
    assert added(items) == [(FIRST, "warning", "body-list")]


def test_list_lines_written_apart_or_as_markdown_say_nothing():
    assert added("●　堂食：两荤一素。\n\n●　送餐：上门。") == []  # a paragraph each
    assert added("- 堂食：两荤一素；\n- 送餐：上门。") == []
    assert added("1. 走访；\n2. 合作。") == []
    assert added("```\n● 一\n● 二\n```") == []  # code as written
    assert added("第一、第二两个小组轮流值班。\n服务时间为每天上午。") == []  # 、 in a sentence


def test_words_under_a_photo_are_a_warning_on_their_line():
    text = "![志愿者送餐上门](photo1.jpg)\n志愿者小陈为独居的李阿婆送午餐。"
    assert added(text) == [(FIRST + 1, "warning", "body-caption")]
    case = load(VALID.rstrip("\n") + "\n\n" + text)
    hint = next(d.hint for d in case.diagnostics if d.code == "body-caption")
    assert "![ ] 的方括号里" in hint


def test_a_photo_with_a_blank_line_or_a_heading_after_it_says_nothing():
    assert added("![志愿者送餐上门](photo1.jpg)\n\n志愿者小陈为独居的李阿婆送午餐。") == []
    assert added("![志愿者送餐上门](photo1.jpg)\n## 工作成效") == []
    assert added("![志愿者送餐上门](photo1.jpg)\n![合影](img/photo2.jpg)") == []


def test_a_word_table_pasted_as_lines_parted_by_tabs_is_one_warning_on_the_first():
    """A writer's trial: a Word table pasted into the body (项目名称<TAB>幸福里邻里帮帮团 …)
    was published as one run-on paragraph, without a word."""
    import markdown

    rows = "项目名称\t幸福里邻里帮帮团\n服务对象\t独居老人\n服务人次\t1200人次"
    assert added(rows) == [(FIRST, "warning", "body-table-tabs")]
    assert markdown.markdown(rows).count("<p>") == 1  # what the page does with it
    assert added("只有一行\t有制表符\n\n下一段") == []  # one line is no table
    assert added("| 项目 | 内容 |\n| --- | --- |\n| 服务对象\t| 独居老人 |\n| 服务人次\t| 1200 |") == []  # a table written as one
    assert added("    代码\t一\n    代码\t二") == []  # an indented code block: shown as written
