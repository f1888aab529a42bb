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
        "1. 提议题\n    1. 公示\n2. 表决",  # four spaces: Python-Markdown reads two as the same level
        "| 年份 | 件数 |\n| --- | --- |\n| 2024 | 15\\|16 |",
        "![x](photo1.jpg)",
        "\\#不是标题 &lt;b\\>",  # not \\<b>: Python-Markdown escapes no <, and showed the backslash
        "链接\n",
    ]


def test_a_link_s_address_cannot_end_its_link_and_write_markdown_or_html() -> None:
    # A hyperlink whose target holds ")" (the relationship's Target, or a HYPERLINK field's):
    # Word shows only 点这里; written as it came, the rest of the address was the body's own
    # Markdown and HTML (an <img onerror>, a javascript: link, words the file never showed).
    html = (
        '<p><a href="http://a.example/x)&lt;img src=x onerror=alert(4)&gt;">点这里</a></p>'
        '<p><a href="http://e.example/\\)[x](javascript:alert(8)">又一个</a></p>'
        '<p><a href="https://d.example/a b&quot;c">空格</a></p>'
    )
    text = to_markdown(blocks(parse(sanitize(html))))
    assert "<img" not in text and "](javascript:" not in text
    assert text.split("\n\n") == [
        "[点这里](http://a.example/x%29%3Cimg%20src=x%20onerror=alert%284%29%3E)",
        "[又一个](http://e.example/%5C%29%5Bx%5D%28javascript:alert%288%29)",
        "[空格](https://d.example/a%20b%22c)\n",
    ]


def test_a_numbered_line_made_a_heading_keeps_its_characters_as_text() -> None:
    # “一、<script>…” typed in Word: the heading was written from the line's plain text, unescaped
    from showcase.core.editors.intake.headinglines import set_headings

    html = "<p>一、&lt;b onclick=alert(1)&gt;经验&lt;/b&gt;</p><p>（一）![](http://evil.example/x.png)</p><p>二、**做法**</p>"
    text = to_markdown(set_headings(blocks(parse(sanitize(html)))))
    assert text.split("\n\n") == [
        "## &lt;b onclick=alert(1)\\>经验&lt;/b\\>",
        "### !\\[\\](http://evil.example/x.png)",
        "## \\*\\*做法\\*\\*\n",
    ]
