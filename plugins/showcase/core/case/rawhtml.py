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
    found = _SCHEME.match(unescape(address))
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
