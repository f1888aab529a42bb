"""mammoth's HTML to a case body: headings from Chinese numbering, lists, tables, escaping."""

from __future__ import annotations

from showcase.core.editors.intake.markdown import blocks, numbered_heading, parse, to_markdown
from showcase.core.site.sanitize import sanitize


def test_numbered_lines_standing_alone_are_headings_and_sentences_are_not() -> None:
    assert numbered_heading("一、基本情况") == (2, "基本情况")
    assert numbered_heading("（二）建队伍") == (3, "建队伍")
    assert numbered_heading("十二. 经验") == (2, "经验")
    assert numbered_heading("一、我们组织了志愿者，为老人送餐。") is None  # a sentence
    assert numbered_heading("一是建队伍，二是立制度，三是抓落实，四是重宣传，五是勤总结，六是常回访") is None


def test_html_to_markdown() -> None:
    html = (
        "<p>居民<strong>自己</strong>议事</p><ol><li>提议题<ol><li>公示</li></ol></li><li>表决</li></ol>"
        "<table><tr><td><p>年份</p></td><td>件数</td></tr><tr><td>2024</td><td>15|16</td></tr></table>"
        '<p><img src="photo1.jpg" alt="x"></p><p>#不是标题 &lt;b&gt;</p><p><a href="javascript:alert(1)">链接</a></p>'
    )
    text = to_markdown(blocks(parse(sanitize(html))))
    assert text.split("\n\n") == [
        "居民**自己**议事",
        "1. 提议题\n  1. 公示\n2. 表决",
        "| 年份 | 件数 |\n| --- | --- |\n| 2024 | 15\\|16 |",
        "![x](photo1.jpg)",
        "\\#不是标题 &lt;b\\>",  # not \\<b>: Python-Markdown escapes no <, and showed the backslash
        "链接\n",
    ]
