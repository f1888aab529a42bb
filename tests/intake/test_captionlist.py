"""The lines of a list of photo captions (captionlist.py): how each is numbered or names its
photo, and which photo each is given to."""

from __future__ import annotations

from pathlib import Path

import pytest
from showcase.core.editors.intake.captionlist import Caption, assign, is_caption_list, parse


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1. 封面：志愿者给老人理发", Caption("志愿者给老人理发", 1, "", True)),
        ("（2）志愿者合影", Caption("志愿者合影", 2)),
        ("图3 老人们在等待理发。", Caption("老人们在等待理发", 3)),
        ("照片4：居民排队", Caption("居民排队", 4)),
        ("5、 封面 义诊现场", Caption("义诊现场", 5, "", True)),
        ("IMG_0034.JPG：书屋一角", Caption("书屋一角", None, "IMG_0034")),
        ("封面：书屋开放日", Caption("书屋开放日", None, "", True)),
        ("2023年3月5日，志愿者入户走访", Caption("2023年3月5日，志愿者入户走访")),
    ],
)
def test_each_way_a_caption_line_is_written_is_read(line: str, expected: Caption) -> None:
    assert parse([line]) == [expected]


def test_the_list_s_heading_is_no_caption() -> None:
    assert parse(["照片说明", "图片说明（3张）", "1、合影"]) == [Caption("合影", 1)]
    assert is_caption_list(Path("活动照片说明.docx")) and is_caption_list(Path("图注.txt"))
    assert not is_caption_list(Path("申报表.docx")) and not is_caption_list(Path("工作说明.docx"))


def test_captions_go_by_file_name_then_by_number_then_in_order() -> None:
    names = ["封面1.jpg", "照片2.jpg", "照片3.jpg"]
    given, left = assign(parse(["3、等待理发", "1、理发", "2、合影"]), names)
    assert {at: c.text for at, c in given.items()} == {0: "理发", 1: "合影", 2: "等待理发"} and left == []
    # numbers no photo's name has: in order, as many lines as photos
    given, left = assign(parse(["合影", "理发", "等待"]), ["a.jpg", "b.jpg", "c.jpg"])
    assert [given[at].text for at in range(3)] == ["合影", "理发", "等待"] and left == []
    # more lines than photos, unnumbered: none is guessed, all are said
    given, left = assign(parse(["合影", "理发", "等待"]), ["a.jpg", "b.jpg"])
    assert given == {} and [c.text for c in left] == ["合影", "理发", "等待"]
    # a file name first, the rest in order
    given, left = assign(parse(["b.jpg：书屋", "合影"]), ["a.jpg", "b.jpg"])
    assert given[1].text == "书屋" and given[0].text == "合影" and left == []
