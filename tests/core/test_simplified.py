"""core/simplified.py: Traditional text read as Simplified, position for position."""

from __future__ import annotations

import pytest
from showcase.core.simplified import simplified, traditional_at


@pytest.mark.parametrize(
    "text",
    ["鄰里糾紛調解", "第一行\r\n這是第二行\u2028第三行", "𠀀鄰里😀糾紛", "示\u034f例 鄰里", "ＡＢＣ　鄰里，糾紛！", "乾隆 瞭解 著作 裏面"],
)
def test_the_reading_keeps_every_position_and_line_break(text):
    out = simplified(text)
    assert out is not None and len(out) == len(text)
    assert [i for i, ch in enumerate(text) if ch in "\r\n\u2028"] == [i for i, ch in enumerate(out) if ch in "\r\n\u2028"]


def test_nothing_to_read_otherwise_is_none():
    assert simplified("邻里纠纷调解") is None
    assert simplified("plain ascii") is None


def test_a_character_outside_the_fonts_plane_keeps_its_form():
    # OpenCC's extended table turns 噁 into U+2BAC7, which most fonts cannot draw.
    assert simplified("二噁英") is None
    assert simplified("鄰里二噁英") == "邻里二噁英"


def test_characters_simplified_text_uses_are_not_counted_as_traditional():
    text = "沈默老师於是來了"
    out = simplified(text)
    assert out is not None and [text[i] for i in traditional_at(text, out)] == ["來"]
