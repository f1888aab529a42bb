"""The lines of a list of photo captions (captionlist.py): how each is numbered or names its
photo, which photo each is given to, and which lines are no caption."""

from __future__ import annotations

from pathlib import Path

import pytest
from showcase.core.editors.intake.captionlist import Caption, assign, is_caption_list, parse, read_list


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. 封面：志愿者给老人理发", Caption("志愿者给老人理发", 1, "", True)),
        ("（2）志愿者合影", Caption("志愿者合影", 2)),
        ("图3 老人们在等待理发。", Caption("老人们在等待理发", 3)),
        ("照片4：居民排队", Caption("居民排队", 4)),
        ("5、 封面 义诊现场", Caption("义诊现场", 5, "", True)),
        ("第1张：上门探访", Caption("上门探访", 1)),
        ("IMG_0034.JPG：书屋一角", Caption("书屋一角", None, "IMG_0034")),
        ("IMG_0036.jpg 合影（封面）", Caption("合影", None, "IMG_0036", True)),
        ("封面：书屋开放日", Caption("书屋开放日", None, "", True)),
        ("3.5 学雷锋日志愿者上门探访", Caption("3.5 学雷锋日志愿者上门探访")),  # a date, not the number 3
        ("2023年3月5日，志愿者入户走访", Caption("2023年3月5日，志愿者入户走访")),
    ],
)
def test_each_way_a_caption_line_is_written_is_read(line: str, expected: Caption) -> None:
    assert parse([line]) == [expected]


def test_the_list_s_heading_and_a_header_row_are_no_captions() -> None:
    assert parse(["照片说明", "图片说明（3张）", "序号 说明", "1、合影"]) == [Caption("合影", 1)]
    assert is_caption_list(Path("活动照片说明.docx")) and is_caption_list(Path("图注.txt"))
    assert not is_caption_list(Path("申报表.docx")) and not is_caption_list(Path("工作说明.docx"))


def test_captions_go_by_file_name_then_by_number_then_in_order() -> None:
    names = ["封面1.jpg", "照片2.jpg", "照片3.jpg"]
    given, left, by_place = assign(parse(["3、等待理发", "1、理发", "2、合影"]), names)
    assert {at: c.text for at, c in given.items()} == {0: "理发", 1: "合影", 2: "等待理发"} and left == []
    assert by_place == set()  # each named by its photo's own number
    # numbers no photo's name has: the photos' places
    given, left, by_place = assign(parse(["合影", "理发", "等待"]), ["a.jpg", "b.jpg", "c.jpg"])
    assert [given[at].text for at in range(3)] == ["合影", "理发", "等待"] and left == [] and by_place == {0, 1, 2}
    given, left, by_place = assign(parse(["2、理发", "1、合影", "以上照片均为原创，同意公开使用"]), ["a.jpg", "b.jpg"])
    assert [given[at].text for at in range(2)] == ["合影", "理发"] and [c.text for c in left] == ["以上照片均为原创，同意公开使用"]
    assert by_place == {0, 1}  # numbers a.jpg and b.jpg do not have: their places
    # more lines than photos, unnumbered: none is guessed, all are said
    given, left, _ = assign(parse(["合影", "理发", "等待"]), ["a.jpg", "b.jpg"])
    assert given == {} and [c.text for c in left] == ["合影", "理发", "等待"]
    # one line more than photos (a review): the numbered ones still go to theirs
    given, left, _ = assign(parse(["1. 上门", "2. 义诊", "3. 合影", "4. 颁奖"]), ["照片1.jpg", "照片2.jpg", "照片3.jpg"])
    assert [given[at].text for at in range(3)] == ["上门", "义诊", "合影"] and [c.text for c in left] == ["颁奖"]
    # 封面 unnumbered among numbered lines: the photo named 封面 (a review: every caption went one photo off)
    given, left, _ = assign(parse(["封面：队员合影", "1. 上门探访", "2. 义诊现场"]), ["1.jpg", "2.jpg", "封面.jpg"])
    assert [given[at].text for at in range(3)] == ["上门探访", "义诊现场", "队员合影"] and left == []
    # a file name first, the rest in order; a line too long to be a caption is said
    given, left, by_place = assign(parse(["b.jpg：书屋", "合影", "长" * 101]), ["a.jpg", "b.jpg"])
    assert given[1].text == "书屋" and given[0].text == "合影" and [len(c.text) for c in left] == [101]
    assert by_place == {0}  # b.jpg by its name, a.jpg in order


def test_lines_naming_a_contact_or_a_number_and_a_table_s_other_columns_are_no_captions(tmp_path: Path) -> None:
    """A review: ``![联系人：王芳](photo3.jpg)`` and a table 序号 | 说明 | 拍摄人 | 电话 wrote names
    and numbers into the public draft. Written by python-docx."""
    from docx import Document

    document = Document()
    document.add_paragraph("照片说明")
    document.add_paragraph("3、联系人：王芳")
    document.add_paragraph("4、 有事请打 13812345678")
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(
        table.rows, [("序号", "说明", "拍摄人", "电话"), ("1", "上门探访", "王小明", "13800001111"), ("2", "义诊", "李丽", "")], strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(str(tmp_path / "照片说明.docx"))
    listed = read_list(tmp_path / "照片说明.docx")
    assert listed.captions == [Caption("上门探访", 1), Caption("义诊", 2)] and listed.personal == [2, 3] and listed.pictures == 0


def test_ordinary_captions_are_not_taken_for_personal_lines_counts_or_the_list_s_name(tmp_path: Path) -> None:
    """A review: 教老人使用智能手机, 社区负责人为志愿者颁奖 and 电话回访 were dropped as personal
    lines; “12 名志愿者…” lost its count as a number; a caption saying 图片介绍 was dropped as
    the list's heading; captions numbered 3、1、2 for WeChat-named photos went by line order."""
    (tmp_path / "照片说明.txt").write_text(
        "1、志愿者教老人使用智能手机\n2、社区负责人为优秀志愿者颁奖\n3、志愿者电话回访独居老人\n4、联系人：王芳\n"
        "12 名志愿者清扫楼道\n居民驻足观看展板上的图片介绍\n",
        encoding="utf-8",
    )
    listed = read_list(tmp_path / "照片说明.txt")
    assert [c.text for c in listed.captions] == [
        "志愿者教老人使用智能手机",
        "社区负责人为优秀志愿者颁奖",
        "志愿者电话回访独居老人",
        "12 名志愿者清扫楼道",
        "居民驻足观看展板上的图片介绍",
    ]
    assert listed.personal == [4]
    names = ["微信图片_20240315101010.jpg", "微信图片_20240315101011.jpg", "微信图片_20240315101012.jpg"]
    given, left, _ = assign(parse(["3、合影", "1、理发", "2、等待"]), names)
    assert [given[at].text for at in range(3)] == ["理发", "等待", "合影"] and left == []


def test_a_broken_caption_list_is_an_intake_error_naming_it(tmp_path: Path) -> None:
    """A review: a caption list whose document.xml was cut short raised lxml's error, which the
    import took for the form's: the good form was refused as damaged."""
    import zipfile

    from docx import Document
    from showcase.core.editors.intake.safety import IntakeError

    Document().save(str(tmp_path / "whole.docx"))
    with zipfile.ZipFile(tmp_path / "whole.docx") as source, zipfile.ZipFile(tmp_path / "照片说明.docx", "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[:-40] if item.filename == "word/document.xml" else data)
    with pytest.raises(IntakeError, match=r"照片说明\.docx 已损坏"):
        read_list(tmp_path / "照片说明.docx")


def test_long_hostile_lines_are_read_in_one_pass() -> None:
    """A review: a form cell of 20,000 commas after 图1 took 15 s in the side-by-side caption
    patterns, and 20,000 ideographic spaces 3 s in the joining of a value's lines (quadratic
    backtracking). Each is now refused by length or read line by line: far under a second
    (the bound is a hang guard, not a speed target)."""
    import time

    from showcase.core.editors.intake.markdown import caption_halves
    from showcase.core.editors.newcase import plain_text

    started = time.monotonic()
    assert caption_halves("图1 a" + "，" * 100_000) is None
    assert caption_halves("左：a" + "，" * 100_000) is None
    assert plain_text("中" + "\u3000" * 100_000 + "x\n" * 3, "摘要") == "中 x x x"
    assert time.monotonic() - started < 5
