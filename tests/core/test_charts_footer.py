"""Engine-free pieces: the SVG charts and the footer options."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from showcase.core.site.charts import MAX_BAR, MAX_COLUMNS, Bar, bar_chart, column_chart, shade_level
from showcase.core.site.footer import MIIT_URL, Footer, FooterError

NS = "{http://www.w3.org/2000/svg}"


def _svg(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def _bars(tree: ET.Element) -> list[ET.Element]:
    return [r for r in tree.iter(f"{NS}rect") if "sc-bar" in r.get("class", "")]


def _texts(tree: ET.Element, cls: str) -> list[str]:
    return [t.text or "" for t in tree.iter(f"{NS}text") if cls in t.get("class", "")]


def test_bar_chart_lengths_follow_the_values():
    tree = _svg(bar_chart([Bar("甲", 10), Bar("乙", 5), Bar("丙", 1)], label="测试"))
    widths = [float(r.get("width").rstrip("%")) for r in _bars(tree)]
    assert widths == pytest.approx([MAX_BAR, MAX_BAR / 2, MAX_BAR / 10], abs=0.01)
    assert _texts(tree, "sc-chart__label") == ["甲", "乙", "丙"]
    assert _texts(tree, "sc-chart__value") == ["10", "5", "1"]
    assert tree.get("aria-hidden") == "true" and tree.get("width") == "100%"
    # Rows go down the page, one below the other, and the drawing is as tall as its rows.
    ys = [float(r.get("y").removesuffix("em")) for r in _bars(tree)]
    assert ys == sorted(ys) and len(set(ys)) == 3
    assert float(tree.get("height").removesuffix("em")) > ys[-1] + 1


def test_bar_chart_small_and_zero_values():
    tree = _svg(bar_chart([Bar("多", 10_000), Bar("少", 1), Bar("无", 0)]))
    widths = [float(r.get("width").rstrip("%")) for r in _bars(tree)]
    assert widths[1] > 0  # one case among ten thousand is still visible
    assert widths[2] == 0
    assert _texts(tree, "sc-chart__value") == ["10,000", "1", "0"]


def test_chart_text_is_escaped_and_colours_kept():
    tree = _svg(bar_chart([Bar("<b>&“名”</b>", 3, "#123456")], label='a"b'))
    assert _texts(tree, "sc-chart__label") == ["<b>&“名”</b>"]
    assert _bars(tree)[0].get("fill") == "#123456"


def test_empty_chart_is_still_valid_svg():
    tree = _svg(bar_chart([]))
    assert _bars(tree) == []


def test_column_chart_heights_follow_the_values():
    tree = _svg(column_chart([Bar("2021", 2), Bar("2022", 4), Bar("2023", 1)]))
    bars = _bars(tree)
    heights = [float(r.get("height").removesuffix("em")) for r in bars]
    assert heights[1] == max(heights) and heights[0] == pytest.approx(heights[1] / 2)
    # Columns stand on one baseline, left to right.
    bottoms = {round(float(r.get("y").removesuffix("em")) + h, 6) for r, h in zip(bars, heights, strict=True)}
    assert len(bottoms) == 1
    xs = [float(r.get("x").rstrip("%")) for r in bars]
    assert xs == sorted(xs)
    assert _texts(tree, "sc-chart__label") == ["2021", "2022", "2023"]


def test_column_chart_with_many_values_becomes_bars():
    bars = [Bar(str(2010 + i), i) for i in range(MAX_COLUMNS + 1)]
    tree = _svg(column_chart(bars))
    assert all(r.get("width").endswith("%") and r.get("height") == "1em" for r in _bars(tree))


@pytest.mark.parametrize(("value", "top", "level"), [(0, 10, 0), (1, 10, 1), (2, 10, 1), (3, 10, 2), (10, 10, 5), (6, 10, 3), (5, 0, 0)])
def test_shade_levels(value, top, level):
    assert shade_level(value, top) == level


def test_footer_empty_by_default():
    footer = Footer.from_options(None)
    assert footer.empty and footer.icp_url == "" and footer.police_url == ""


def test_footer_links():
    footer = Footer.from_options({"organizer": " 示例市 民政局 ", "icp": "京ICP备2021012345号-3", "police": "京公网安备11010502000001号"})
    assert not footer.empty
    assert footer.organizer == "示例市 民政局"
    assert footer.icp_url == MIIT_URL == "https://beian.miit.gov.cn/"
    assert footer.police_url.endswith("code=11010502000001")


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("icp", "ICP 待申请", "ICP备案号"),
        ("icp", "粤ICP备12345678", "ICP备案号"),
        ("police", "粤公网安备 4401040200号", "公安备案号"),
        ("police", "粤ICP备12345678号", "公安备案号"),
    ],
)
def test_footer_rejects_malformed_filing_numbers(key, value, words):
    with pytest.raises(FooterError) as info:
        Footer.from_options({key: value}, "mkdocs.yml")
    message = str(info.value)
    assert message.startswith("mkdocs.yml：") and words in message and value in message


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        ("icp", "浙ICP备05012345", "格式不对：数字后面少了“号”字。"),
        ("icp", "浙icp备05012345号", "格式不对：ICP 三个字母要大写。"),
        ("icp", "浙ICP备０５０１２３４５号-1", "格式不对：里面有全角字符（０１２３４５），"),
        ("icp", "浙ICP备05012345号－1", "格式不对：里面有全角字符（－），"),
        ("police", "浙公网安备 ３３０１０６０２００１２３４号", "格式不对：里面有全角字符"),
    ],
)
def test_a_filing_number_says_what_is_wrong_with_it(key, value, why):
    """A maintainer's trial was told only 格式不对 of 浙ICP备05012345 and icp for ICP, and a
    number of full-width digits (\\d takes them) was accepted and published."""
    with pytest.raises(FooterError) as info:
        Footer.from_options({key: value}, "mkdocs.yml")
    assert why in str(info.value), str(info.value)


def _luminance(color: str) -> float:
    channels = [int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_default_theme_colours_are_readable_with_white():
    """Theme colours are text on white (theme names) and backgrounds under white text (chips)."""
    from showcase.core.collection.taxonomy import load_taxonomy

    for term in load_taxonomy().themes.terms:
        ratio = (1.05) / (_luminance(term.color) + 0.05)
        assert ratio >= 4.5, f"{term.label} {term.color}: {ratio:.2f}:1 against white, below WCAG AA"
