"""What a case body's hostile HTML becomes on the built page, read element by element.

A mutation audit of the sanitizer (core/site/sanitize.py): allowing <object>/<embed>,
<svg>, <base> or <meta>/<link> failed no test (the tests named <script>, <iframe> and
<form> only). Each of these loads or runs something of another site's choosing, or
redirects every link of the page (<base>, <meta http-equiv=refresh>). Here a real build
writes the page, and its body is parsed: what is left must be harmless, whatever the
allow-list says."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import BODY, build_site, make_project, write_case

HOSTILE = """
<object data="https://attacker.invalid/object.swf" type="application/x-shockwave-flash"></object>
<embed src="https://attacker.invalid/embed.swf">
<svg width="10" height="10"><animate attributeName="x" values="https://attacker.invalid/svg"/><circle r="5"/></svg>
<math><mtext>数学</mtext></math>
<base href="https://attacker.invalid/base/">
<meta http-equiv="refresh" content="0;url=https://attacker.invalid/meta">
<link rel="stylesheet" href="https://attacker.invalid/link.css">
<style>@import url(https://attacker.invalid/style.css);</style>
<audio src="https://attacker.invalid/audio.mp3" autoplay></audio>
<video src="https://attacker.invalid/video.mp4" autoplay></video>
<frameset><frame src="https://attacker.invalid/frame"></frameset>

<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">数据链接</a>
<a href=" vbscript:msgbox(1)">旧脚本链接</a>
<a href="JaVaScRiPt:alert(1)">脚本链接</a>
<a href="https://example.org/news" ping="https://attacker.invalid/ping">带 ping 的链接</a>
<table><tr><th>项目</th></tr><tr><td style="position:fixed;top:0;left:0;width:100%;height:100%;background:url(https://attacker.invalid/bg.png);text-align:center">盖住整页</td></tr></table>

### 标题里的图<img src="photo1.jpg" alt="图" onerror="steal()">与<b onmouseover="steal()">粗体</b>

### 标题里的 `<script>steal()</script>` 代码

### 标题 { data-toc-label='<img src=photo1.jpg onerror=steal()>' }

普通段落保留：<strong>加粗</strong>，<a href="https://example.org/about">外部链接</a>。
"""

DENIED = {
    "object", "embed", "svg", "animate", "circle", "math", "mtext", "base", "meta", "link",
    "style", "audio", "video", "frameset", "frame", "iframe", "script", "form", "input",
}  # fmt: skip


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    project = make_project(tmp_path_factory.mktemp("sanitize"))
    write_case(project / "cases", "hostile-001", 1, body=BODY + HOSTILE)
    site: Path = build_site(project)
    return (site / "cases/hostile-001/index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def body(page) -> str:
    return page.split('class="sc-case__body"', 1)[1].split('class="sc-cite"', 1)[0]


def test_the_body_keeps_its_own_words_and_links(body):
    assert "普通段落保留" in body and "<strong>加粗</strong>" in body
    assert re.search(r'<a href="https://example.org/about" rel="noopener noreferrer">外部链接</a>', body), body


def test_no_element_that_loads_runs_or_redirects_reaches_the_page(body):
    parser = _Elements()
    parser.feed(body)
    tags = {tag for tag, _ in parser.found}
    assert tags and not tags & DENIED, sorted(tags & DENIED)
    assert "attacker.invalid" not in body  # nothing of another site's choosing, in any attribute
    for tag, attrs in parser.found:
        assert not [name for name in attrs if name.startswith("on") or name in ("ping", "formaction")], (tag, attrs)
        for name in ("href", "src"):  # an address of the web or mail, or one of the site's own
            scheme = re.match(r"\s*([A-Za-z][A-Za-z0-9+.-]*):", attrs.get(name) or "")
            assert scheme is None or scheme.group(1).lower() in ("http", "https", "mailto"), (tag, attrs)
        style = attrs.get("style")
        assert style is None or re.fullmatch(r"text-align:\s*\w+;?", style), (tag, style)  # a table cell's alignment only


def test_the_table_of_contents_shows_the_headings_markup_as_text(page):
    """Material prints the table of contents beside the body without escaping (plugin/escaping.py):
    a heading's tags, and a ``data-toc-label`` of the writer's, were markup there. A mutation
    audit: printing the labels as written failed no test."""
    toc = page.split('data-md-component="toc"', 1)[1].split("</nav>", 1)[0]
    assert "标题里的图与粗体" in toc and "&lt;script&gt;steal()&lt;/script&gt;" in toc
    parser = _Elements()
    parser.feed(page)
    handlers = [(tag, attrs) for tag, attrs in parser.found if any(name.startswith("on") for name in attrs)]
    assert handlers == [] and "<img src=photo1.jpg" not in page and "<b onmouseover" not in page
