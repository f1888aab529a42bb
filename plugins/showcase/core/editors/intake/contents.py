"""A Word file's table of contents (目录), which a case's page does not carry.

Government templates open a write-up with 目录 and Word's contents field: its lines (一、基本情况
…… 2) were imported as the draft's first paragraphs, page numbers and all, and would have
been published as they were (a helper's trial). Its lines are found three ways, as Word and
WPS write them: paragraphs of the contents styles (``toc 1``… by name, whatever the style's id
in a Chinese Word), paragraphs inside a TOC field (``fldChar`` begin … ``instrText`` TOC … end),
and a content control of the contents gallery (``docPartGallery`` "Table of Contents"). A
heading line 目录 just before them goes with them.
"""

from __future__ import annotations

import re
from typing import Any

from .ooxml import _W

_CONTENTS_STYLE = re.compile(r"(?:toc|目录)\s*\d", re.IGNORECASE)
_CONTENTS_TITLE = re.compile(r"目\s*录|目\s*次|contents", re.IGNORECASE)


def contents_styles(styles: Any | None) -> set[str]:
    """The ids of the paragraph styles named as Word's contents levels (toc 1, 目录 1…)."""
    found: set[str] = set()
    for style in styles.iter(f"{_W}style") if styles is not None else ():
        name = style.find(f"{_W}name")
        style_id = style.get(f"{_W}styleId")
        if style_id and name is not None and _CONTENTS_STYLE.fullmatch(name.get(f"{_W}val", "").strip()):
            found.add(style_id)
    return found


def contents_paragraphs(root: Any, styles: Any | None) -> list[Any]:
    """The paragraphs of word/document.xml (``root``) that make its table of contents."""
    ids = contents_styles(styles)
    body = root.find(f"{_W}body")
    if body is None:
        return []
    found: list[Any] = []
    seen: set[int] = set()
    # held here, so that lxml gives each paragraph the same proxy (its id) wherever it is met
    paragraphs = list(body.iter(f"{_W}p"))
    order = {id(paragraph): at for at, paragraph in enumerate(paragraphs)}  # document order

    def take(paragraph: Any) -> None:
        if id(paragraph) not in seen:
            seen.add(id(paragraph))
            found.append(paragraph)

    for control in body.iter(f"{_W}sdt"):
        gallery = control.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
        if gallery is not None and "contents" in gallery.get(f"{_W}val", "").lower():
            for paragraph in control.iter(f"{_W}p"):
                take(paragraph)
    depth = 0  # inside a TOC field, which may run over many paragraphs
    pending: list[Any] = []  # the field's paragraphs, taken once it ends
    for paragraph in paragraphs:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        in_field = depth > 0
        for node in paragraph.iter(f"{_W}fldChar", f"{_W}instrText", f"{_W}fldSimple"):
            if node.tag == f"{_W}fldSimple" and node.get(f"{_W}instr", "").strip().upper().startswith("TOC"):
                take(paragraph)
            elif node.tag == f"{_W}instrText" and (node.text or "").strip().upper().startswith("TOC") and depth == 0:
                depth, in_field = 1, True
            elif node.tag == f"{_W}fldChar" and depth:
                kind = node.get(f"{_W}fldCharType")
                depth += 1 if kind == "begin" else -1 if kind == "end" else 0
        if in_field:
            pending.append(paragraph)
            if depth == 0:
                for held in pending:
                    take(held)
                pending = []
        elif style is not None and (style.get(f"{_W}val") in ids or _CONTENTS_STYLE.fullmatch(style.get(f"{_W}val", ""))):
            take(paragraph)
    # a TOC field that never ends (a file cut short or written by hand) takes no paragraph:
    # it held the whole text after it, which went as "目录（6 行）没有导入" (a hostile-input trial)
    found.sort(key=lambda paragraph: order[id(paragraph)])
    if found:  # the line 目录 above the first of them
        first = found[0]
        while first.getparent() is not None and first.getparent() is not body:
            first = first.getparent()  # out of a content control: the title is the body's paragraph before it
        previous = first.getprevious()
        while previous is not None and previous.tag == f"{_W}p" and not "".join(previous.itertext()).strip():
            previous = previous.getprevious()
        if previous is not None and previous.tag == f"{_W}p" and _CONTENTS_TITLE.fullmatch("".join(previous.itertext()).strip()):
            found.insert(0, previous)
    return found


def _lines(paragraphs: list[Any]) -> int:
    """The lines of a table of contents: its paragraphs with words, the title 目录 not counted."""
    texts = ("".join(paragraph.itertext()).strip() for paragraph in paragraphs)
    return sum(1 for text in texts if text and not _CONTENTS_TITLE.fullmatch(text))


def drop_contents(root: Any, styles: Any | None) -> int:
    """Take the table of contents out of ``root``; how many lines it had (``_lines``)."""
    paragraphs = contents_paragraphs(root, styles)
    for paragraph in paragraphs:
        parent = paragraph.getparent()
        if parent is not None:
            parent.remove(paragraph)
    return _lines(paragraphs)
