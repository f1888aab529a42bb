"""Raw HTML in a case body that the published page leaves out (``core/site/sanitize.py``).

The sanitizer removes scripts, event handlers, styles, frames, forms and ``javascript:``
links without a word: an author who wrote ``<a onclick=…>点我</a>`` saw dead text on the
page and a link that went nowhere, and nothing said why (a community worker's trial).
This says it, once a line, as a reminder: the page stays safe either way.

Looked at line by line, outside fenced and inline code (there ``<script>`` is text the
page shows); every pattern is bounded by the next ``<`` or ``>``, so a line costs one pass.
"""

from __future__ import annotations

import re

import markdown.util

from ..diagnostics import DiagnosticList
from ..site.sanitize import ATTRIBUTES, SCHEMES, TAGS
from .entities import unescape

# A tag: its name followed by a space, / or > (not <https://…> or <name@host>, Markdown's
# autolinks); a quoted value may hold > (<a title="a>b" onclick=…>), up to 500 characters.
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])((?:[^<>"']|"[^"\n]{0,500}"|'[^'\n]{0,500}')*)>""")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_NAME = re.compile(r"[a-zA-Z_:][-a-zA-Z0-9_:.]*\Z")  # an attribute's name: 当 a<b 且 c>d 时 holds none
_SCHEME = re.compile(r"^[\x00-\x20]*([a-zA-Z][a-zA-Z0-9+.-]*):")
# A Markdown link to an address the page drops: [拨打](tel:…), [打开](weixin://…), [x](javascript:…).
_MD_LINK = re.compile(r"\]\(\s*<?([a-zA-Z][a-zA-Z0-9+.-]*):")
# A picture at a place on the writer's computer (![说明](C:\Users\…\photo2.jpg)): the
# image-local-path error says so and how to fix it; "c: 链接 will be removed" beside it
# contradicted that advice (a documentation audit).
_PICTURE_ON_A_COMPUTER = re.compile(r"!\[[^\]]*\]\(\s*<?[a-zA-Z]:[\\/]")
_DRIVE = re.compile(r"^[\x00-\x20]*[a-zA-Z]:[\\/]")
INLINE_CODE = re.compile(r"`+[^`]*`+")
# A Markdown link or image address written in angle brackets, ![说明](<cover photo.jpg>) or
# [1]: <照片 1.jpg>: an address, not a tag.
_ANGLE_ADDRESS = re.compile(r"(?:\]\(\s*|^\s*\[[^\]]*\]:\s*)<[^<>]*>")
# A first look over the whole body: most bodies have no tag and no link at all.
_CANDIDATE = re.compile(r"<[a-zA-Z]|\]\(")


def _dropped_scheme(address: str) -> str | None:
    """The scheme of an address the sanitizer drops (any but http, https and mailto), as written."""
    # browsers drop tabs and line ends anywhere in an address (java&#x09;script: is javascript:, a writer's trial)
    found = _SCHEME.match(re.sub(r"[\t\n\r]", "", unescape(address)))
    if found is None or found.group(1).lower() in SCHEMES:
        return None
    return found.group(1).lower()


def removed(tag: str, attributes: str) -> list[str] | None:
    """What the sanitizer takes out of one tag, as the reminder names it; None when the
    text is no tag at all (a<b 且 c>d)."""
    name = tag.lower()
    parsed = [(m.group(1), next((v for v in m.groups()[1:] if v is not None), "")) for m in _ATTRIBUTE.finditer(attributes)]
    if any(not _NAME.match(attribute) for attribute, _ in parsed):
        return None
    if name not in TAGS:
        return [f"<{name}>"]
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(name, set())
    out: list[str] = []
    for attribute, value in parsed:
        attribute = attribute.lower()
        if attribute not in allowed:
            out.append(attribute)
        elif (
            attribute in ("href", "src")
            and (scheme := _dropped_scheme(value))
            and not (name == "img" and attribute == "src" and _DRIVE.match(unescape(value)))  # image-local-path's
        ):
            out.append(f"{scheme}: 链接")
    return out


def removed_html(body: str, body_line: int, diags: DiagnosticList) -> None:
    """A reminder on each body line holding HTML the published page leaves out."""
    if not _CANDIDATE.search(body):
        return
    fenced = False
    for index, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or line.startswith(("    ", "\t")) or ("<" not in line and "](" not in line):
            continue  # code, shown as text (an indented block too)
        found: list[str] = []
        outside_code = INLINE_CODE.sub("", line)
        for match in _TAG.finditer(_ANGLE_ADDRESS.sub("", outside_code)):
            if match.group(1):  # a closing tag: said with its opening one
                continue
            for item in removed(match.group(2), match.group(3)) or ():
                if item not in found:
                    found.append(item)
        for link in _MD_LINK.finditer(_PICTURE_ON_A_COMPUTER.sub("", outside_code)):
            if (scheme := _dropped_scheme(link.group(1) + ":")) and f"{scheme}: 链接" not in found:
                found.append(f"{scheme}: 链接")
        if found:
            diags.warning(
                body_line + index,
                "html-removed",
                f"这一行的网页代码（{'、'.join(found[:5])}）在网站上会被去掉：为了读者的安全，网页只保留常见的排版标记，"
                "脚本、点击事件、样式、表单和嵌入的网页都不显示，读者看到的只是其中的文字。",
                "删掉这段代码：要强调写 **粗体**，要加链接写 [文字](https://…)，图片写 ![说明](photo1.jpg)。"
                "确实要把代码当文字展示时，用反引号把它括起来，例如 `<script>`。",
            )


# -- tags left open: the rest of the body lost or shown as code ----------------------------

# Elements whose content a browser (and the sanitizer's HTML parser) reads as text up to their
# own end tag: left open, the rest of the body went into them, and the sanitizer dropped it
# (script, style…) or the page showed it as code (title, textarea, xmp). plaintext never ends.
_RAW_TEXT = ("script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext")
# What Python-Markdown takes as the start of an HTML block (its block_level_elements), read as
# HTML up to the end tag that closes it: left open, every heading, picture and list after it
# was published as its Markdown (## 工作成效, ![…](photo1-….jpg)) and no picture shown.
_BLOCK_LEVEL = frozenset(markdown.util.BLOCK_LEVEL_ELEMENTS) - set(_RAW_TEXT)  # the constant: a Markdown() here was 4.7 ms of every start
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
_OPENS = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])[^<>]*>|<!--|-->")
_BLOCK_START = re.compile(r" {0,3}<([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>])")


def _outside_code(body: str) -> list[str]:
    """The body's lines with indented code and inline code blanked (their text is shown as
    written), so that a line keeps its number. Not ``` fences: the site has no fenced-code
    extension, and Python-Markdown reads a tag at a line's start as HTML before any code span
    (```, <style>, ``` dropped the rest of the page)."""
    return ["" if line.startswith(("    ", "\t")) else INLINE_CODE.sub("", line) for line in body.split("\n")]


def unclosed_html(body: str, body_line: int, diags: DiagnosticList) -> None:
    """An error on the line of each tag or comment left open whose page loses or garbles
    the rest of the body (a community worker's trial: a stray <style> emptied a published
    page, a <div> published the rest as Markdown; the check warned of neither, or said the
    body was empty where the page showed a literal <!--). One pass. An HTML block is read as
    Python-Markdown reads it (``markdown.htmlparser``): it starts at a block-level tag at a
    line's start, every tag inside is stacked, an end tag takes the stack down to its own
    name, and the block ends when the stack is empty; one still open at the end is said."""
    if "<" not in body:
        return
    lines = _outside_code(body)
    raw: list[tuple[int, str]] = []  # the open raw-text elements: (line, name)
    block: list[str] = []  # the HTML block's stack of tags, when one is open
    block_line = 0
    comment: int | None = None  # the line of the first comment left open
    for index, line in enumerate(lines):
        if "<" not in line and "-->" not in line:
            continue
        start = _BLOCK_START.match(line)  # at a line's start Python-Markdown begins an HTML block, even inside a paragraph
        for match in _OPENS.finditer(line):
            text = match.group(0)
            if text == "<!--":
                comment = index if comment is None else comment
                continue
            if text == "-->":
                comment = None
                continue
            if comment is not None:
                continue
            closing, name = bool(match.group(1)), match.group(2).lower()
            if name in _RAW_TEXT:
                if closing:
                    raw = [item for item in raw if item[1] != name]
                elif name == "plaintext" or not any(item[1] == name for item in raw):
                    raw.append((index, name))
                continue
            if closing:
                if name in block:
                    while block.pop() != name:
                        pass
            elif not block:
                if name in _BLOCK_LEVEL and name not in _VOID and start is not None and start.start(1) - 1 == match.start():
                    block, block_line = [name], index
            elif name not in _VOID and not text.endswith("/>"):
                block.append(name)
    if comment is not None:  # a reminder: the page shows the text, "<!--" with it, and loses nothing
        diags.warning(
            body_line + comment,
            "body-unclosed-tag",
            "这一行的“<!--”是注释的开头，后面却没有“-->”：网站上会显示出“<!--”这几个字，注释里的话也会显示出来。",
            "在注释结束的地方写上 -->；不需要注释就删掉 <!-- 。",
        )
    if raw:  # the first takes in everything after it
        at, tag = raw[0]
        diags.error(
            body_line + at,
            "body-unclosed-tag",
            f"这一行的 <{tag}> 后面没有 </{tag}>：网站上从这里开始，后面的正文都不会显示（或显示成网页代码）。",
            f"删掉 <{tag}>（案例正文不能用样式、脚本和嵌入的网页）；要把它当文字展示，用反引号括起来，例如 `<{tag}>`。",
        )
    if block:
        name = block[0]
        diags.error(
            body_line + block_line,
            "body-unclosed-tag",
            f"这一行的 <{name}> 后面没有对应的 </{name}>：网站上从这里到正文结束都会当作网页代码，"
            "小标题、图片、粗体都会原样显示成 ## 、![…](…)、** 这些符号，图片也不会显示。",
            f"在这一段结束的地方写上 </{name}>，或者删掉 <{name}>（正文的排版用 ## 小标题、空行和 - 列表就够了）。",
        )
