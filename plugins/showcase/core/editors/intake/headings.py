"""Headings Word shows that mammoth would not see, made so in word/document.xml before
mammoth reads it: a style's outline level (大纲级别) or name (标题 2), a paragraph's own
outline level, and an item numbered 一、 or （一） by the program's numbering (编号), whose
number is counted here as Word counts it (numbering.xml); the items of a list numbered so
get their numbers written as Word shows them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ...office import parse_xml
from .markdown import numbered_heading
from .ooxml import _W
from .wordtext import based_on, paragraph_text, style_chain

_HEADING_NAME = re.compile(r"^(?:heading|Heading|标题) ?([1-9])$")
# a template's or a WPS user's own heading styles named so, without an outline level:
# 一级标题 … 五级标题, and 小标题 (a section's name; a review: bold names in a style 小标题 came
# as plain paragraphs, neither heading nor bold). Not 标题 alone: Word's Title.
_OWN_HEADING = re.compile(r"^(?:(?P<level>[一二三四五])级标题|小标题)$")


def outline_levels(styles: Any) -> dict[str, int]:
    """The paragraph styles whose text is a heading (by id): level 1 to 5 as Word's 标题 1 to
    标题 5. A style is a heading by its outline level (大纲级别), its own or the one of the style
    it is based on, or by its name (标题 2). A template's own heading styles (一级标题, 二级标题)
    were read as plain paragraphs, and LibreOffice's, numbered by its outline numbering, as
    a list (helper fidH's trial)."""
    levels: dict[str, int | None] = {}
    parents: dict[str, str | None] = {}
    for style in styles.iterfind(f"{_W}style"):
        identifier = style.get(f"{_W}styleId")
        if style.get(f"{_W}type") != "paragraph" or not identifier:
            continue
        outline, name = style.find(f"{_W}pPr/{_W}outlineLvl"), style.find(f"{_W}name")
        level: int | None = None
        if outline is not None and (value := outline.get(f"{_W}val") or "").isdigit() and len(value) <= 2:
            level = int(value) + 1  # 0 is 标题 1; 9 is 正文 (body text)
        elif name is not None and (named := _HEADING_NAME.match(name.get(f"{_W}val") or "")):
            level = int(named[1])
        elif name is not None and (own := _OWN_HEADING.match((name.get(f"{_W}val") or "").strip())):
            level = "一二三四五".index(own["level"]) + 1 if own["level"] else 2
        levels[identifier], parents[identifier] = level, based_on(style)
    found: dict[str, int] = {}
    for identifier in levels:
        level = next((levels[at] for at in style_chain(parents, identifier) if levels[at] is not None), None)
        if level is not None and level <= 5:
            found[identifier] = level
    return found


def with_headings(document: bytes, styles: bytes, numbering: bytes, mapped: Collection[str] = ()) -> bytes:
    try:
        return _headings_as_styled(document, styles, numbering, mapped)
    except Exception:  # parts lxml will not read, or numbering it does not follow: mammoth reads the document as it is
        return document


# Word's, WPS's and LibreOffice's numbering in Chinese numerals (一、二、三; 一〇 for ideographDigital)
_CHINESE_NUMBERING = {
    "chineseCounting": "counting",
    "chineseCountingThousand": "counting",
    "japaneseCounting": "counting",
    "taiwaneseCounting": "counting",
    "taiwaneseCountingThousand": "counting",  # LibreOffice's 一, 二, 三, ...
    "ideographDigital": "digits",
    "taiwaneseDigital": "digits",
}
_DIGITS = "〇一二三四五六七八九"


def _chinese_number(value: int, kind: str) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (counting), 10 → 一〇 (digits); 1 to 99 (a heading's number)."""
    if kind == "digits" or not 0 < value < 100:
        return "".join(_DIGITS[int(d)] for d in str(value))
    tens, ones = divmod(value, 10)
    return ("" if tens < 2 else _DIGITS[tens]) + ("十" if tens else "") + (_DIGITS[ones] if ones else "")


@dataclass
class _Level:
    start: int
    format: str
    text: str


def _numbering_levels(numbering: Any) -> dict[str, dict[int, _Level]]:
    """Each list's levels (numId → ilvl → start, format, text), its overrides applied."""
    abstract: dict[str, dict[int, _Level]] = {}

    def levels(parent: Any, into: dict[int, _Level]) -> None:
        for lvl in parent.iterfind(f"{_W}lvl"):
            index = lvl.get(f"{_W}ilvl") or "0"
            if not index.isdigit() or len(index) > 1:  # Word's levels are 0 to 8
                continue
            start, fmt, text = (lvl.find(f"{_W}{n}") for n in ("start", "numFmt", "lvlText"))
            value = start.get(f"{_W}val", "1") if start is not None else "1"
            into[int(index)] = _Level(
                int(value) if value.isdigit() and len(value) < 6 else 1,
                fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                text.get(f"{_W}val", "") if text is not None else "",
            )

    for node in numbering.iterfind(f"{_W}abstractNum"):
        levels(node, abstract.setdefault(node.get(f"{_W}abstractNumId") or "", {}))
    found: dict[str, dict[int, _Level]] = {}
    for num in numbering.iterfind(f"{_W}num"):
        base = num.find(f"{_W}abstractNumId")
        own = dict(abstract.get(base.get(f"{_W}val", "") if base is not None else "", {}))
        for override in num.iterfind(f"{_W}lvlOverride"):
            index = override.get(f"{_W}ilvl") or "0"
            if not index.isdigit():
                continue
            levels(override, own)
            start = override.find(f"{_W}startOverride")
            if start is not None and int(index) in own and (value := start.get(f"{_W}val", "")).isdigit() and len(value) < 6:
                own[int(index)] = _Level(int(value), own[int(index)].format, own[int(index)].text)
        found[num.get(f"{_W}numId") or ""] = own
    return found


def _style_numbering(styles: Any) -> dict[str, tuple[str, str]]:
    """Each paragraph style's list numbering (style id → numId, ilvl), its own or the one of the
    style it is based on (a style of the organization's own based on 编号列表, “List Number”);
    numId 0 is none. A style's ilvl left out is 0, its numId left out is its parent's."""
    own: dict[str, tuple[str | None, str | None]] = {}
    parents: dict[str, str | None] = {}
    for style in styles.iterfind(f"{_W}style"):
        identifier = style.get(f"{_W}styleId")
        if style.get(f"{_W}type") not in (None, "paragraph") or not identifier:
            continue
        own_num, own_ilvl = style.find(f"{_W}pPr/{_W}numPr/{_W}numId"), style.find(f"{_W}pPr/{_W}numPr/{_W}ilvl")
        own[identifier] = (
            own_num.get(f"{_W}val", "") if own_num is not None else None,
            own_ilvl.get(f"{_W}val", "0") if own_ilvl is not None else None,
        )
        parents[identifier] = based_on(style)
    found: dict[str, tuple[str, str]] = {}
    for identifier in own:
        num: str | None = None
        ilvl: str | None = None
        for at in style_chain(parents, identifier):  # the nearest numId, and the nearest ilvl up to it
            at_num, at_ilvl = own[at]
            ilvl = ilvl if ilvl is not None else at_ilvl
            if at_num is not None:
                num = at_num
                break
        if num and num != "0":
            found[identifier] = (num, ilvl or "0")
    return found


def _numbered(paragraph: Any, styles: dict[str, tuple[str, str]]) -> tuple[str, int] | None:
    """A paragraph's list (numId, level): its own numbering, else its style's (``_style_numbering``);
    its own level in its style's list when it gives no list of its own."""
    numbering = paragraph.find(f"{_W}pPr/{_W}numPr")
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    inherited = styles.get(style.get(f"{_W}val", "")) if style is not None else None
    if numbering is None:
        return (inherited[0], int(inherited[1])) if inherited and inherited[1].isdigit() and len(inherited[1]) == 1 else None
    num, ilvl = numbering.find(f"{_W}numId"), numbering.find(f"{_W}ilvl")
    value = ilvl.get(f"{_W}val", "0") if ilvl is not None else (inherited[1] if inherited else "0")
    if not value.isdigit() or len(value) > 1:  # Word's levels are 0 to 8
        return None
    if num is None:
        return (inherited[0], int(value)) if inherited else None
    return num.get(f"{_W}val", ""), int(value)


def _label_of(level: _Level, counts: list[int], levels: dict[int, _Level]) -> str | None:
    """The number Word shows before an item (“一、”, “（二）”), or None when a part of it is not in Chinese or decimal numerals."""

    def number(match: re.Match[str]) -> str:
        at = int(match[1]) - 1
        used = levels.get(at)
        if used is None or not 0 <= at < len(counts):
            raise ValueError
        if used.format in _CHINESE_NUMBERING:
            return _chinese_number(counts[at], _CHINESE_NUMBERING[used.format])
        if used.format == "decimal":
            return str(counts[at])
        raise ValueError

    try:
        return re.sub(r"%([1-9])", number, level.text)
    except ValueError:
        return None


_OUTLINED_LENGTH = 50  # characters: a longer paragraph with an outline level of its own is body text


def _heading_like(text: str) -> bool:
    """Whether a paragraph given an outline level itself reads as a heading: short, one line,
    not a sentence. A paragraph of the story set to 大纲级别 1 by mistake (pasted from a web page
    with it; Word shows it in the navigation pane only) stays a paragraph."""
    text = text.strip()
    return bool(text) and len(text) <= _OUTLINED_LENGTH and "\n" not in text and not text.endswith(("。", "！", "？", "；", "，"))


# The style an item numbered in Chinese numerals is given (``_headings_as_styled``): the
# reader's style map writes its paragraphs as <dl><dd>, not as a list numbered 1. 2. 3.
NUMBERED_ITEM = "ShowcaseNumberedItem"


def _numbering_off(properties: Any) -> None:
    """A paragraph out of its list: numId 0 is none (its style's numbering too)."""
    from lxml import etree

    numbering = properties.find(f"{_W}numPr")
    if numbering is None:
        numbering = etree.SubElement(properties, f"{_W}numPr")
    numbering.clear()
    etree.SubElement(numbering, f"{_W}ilvl").set(f"{_W}val", "0")
    etree.SubElement(numbering, f"{_W}numId").set(f"{_W}val", "0")


def _number_written(properties: Any, label: str) -> None:
    """The number Word shows before a paragraph, written as its first words."""
    from lxml import etree

    run = etree.Element(f"{_W}r")
    etree.SubElement(run, f"{_W}t").text = label
    properties.addnext(run)


def _as_item(properties: Any, label: str) -> None:
    """An item of a list numbered in Chinese numerals: its number as text, no numbering, ``NUMBERED_ITEM``."""
    from lxml import etree

    _numbering_off(properties)
    _number_written(properties, f"{label} " if label[-1:].isascii() else label)  # 1. 送餐, as Word's tab after it shows
    style = properties.find(f"{_W}pStyle")
    if style is None:
        style = etree.Element(f"{_W}pStyle")
        properties.insert(0, style)
    style.set(f"{_W}val", NUMBERED_ITEM)


# Written before an item's words as its number (``_list_item``): mammoth starts each list it
# meets at 1, and the reader sets a list's first number from it (``formammoth.list_starts``).
NUMBER_MARK = re.compile("\ue000([0-9]{1,6})\ue001")


def _list_item(paragraph: Any, properties: Any, shown: tuple[str, int, int], lists: dict[str, dict[int, _Level]]) -> bool:
    """An item of a list in arabic numerals (or bullets) as mammoth is to read it: numbered in
    its own properties when only its style numbers it (mammoth finds a style's numbering only
    when numbering.xml names the style, and never through the style it is based on), and,
    numbered other than 1, its number written before its words (``NUMBER_MARK``): a list that
    goes on after a paragraph (Word's 继续编号) started again at 1. Whether it changed it."""
    from lxml import etree

    num, ilvl, number = shown
    level = lists[num][ilvl]
    if level.format == "none":
        return False
    changed = False
    if properties.find(f"{_W}numPr/{_W}numId") is None:
        numbering = properties.find(f"{_W}numPr")
        if numbering is None:
            numbering = etree.Element(f"{_W}numPr")
            style = properties.find(f"{_W}pStyle")
            (style.addnext if style is not None else lambda n: properties.insert(0, n))(numbering)
        numbering.clear()
        etree.SubElement(numbering, f"{_W}ilvl").set(f"{_W}val", str(ilvl))
        etree.SubElement(numbering, f"{_W}numId").set(f"{_W}val", num)
        changed = True
    written = paragraph_text(paragraph).strip() or paragraph.find(f".//{_W}drawing") is not None
    if number != 1 and level.format != "bullet" and written:  # mammoth leaves out an empty item
        _number_written(properties, f"\ue000{number}\ue001")
        changed = True
    return changed


def _headings_as_styled(document: bytes, styles_xml: bytes, numbering_xml: bytes, mapped: Collection[str] = ()) -> bytes:
    """document.xml with the headings mammoth would not see made so.

    A paragraph given an outline level itself (段落 → 大纲级别 “1 级”: ``w:outlineLvl`` in its
    own properties, its style 正文) gets Word's heading style of that level, when it reads as
    one (``_heading_like``): it was a plain paragraph, or a list item in a file LibreOffice
    wrote (which numbers it by its outline).

    A paragraph numbered 一、 or （一） by the program's numbering (编号) gets its number as
    text, its numbering off, when it reads as a heading typed by hand does
    (``markdown.numbered_heading``), which the import then makes one: it was a list item
    “1. 基本情况”. Not an item with others of its list at its level next to it, nothing
    written between them (三项服务：一、助餐 二、助浴 三、陪诊): a list stays a list.

    An item of such a list that stays one gets its number as text too, its numbering off and
    the style ``NUMBERED_ITEM`` (which the reader's style map writes as ``<dl><dd>``, one
    paragraph each: ``markdown.blocks``): mammoth wrote it an item of a list numbered 1. 2. 3.,
    and 一、助餐 二、助浴 was published as 1. 助餐 2. 助浴. So are the items of its other levels
    numbered 1. 2. (a list in decimal under 一、), which Word numbers as their own; a bulleted
    level stays a list. An item in a style the style map reads (``mapped``: 题注, 标题 1, by
    name) keeps its style: only its number is written."""
    from lxml import etree

    root = parse_xml(document)
    style_root = parse_xml(styles_xml) if styles_xml else None
    numbering_root = parse_xml(numbering_xml) if numbering_xml else None
    headings = outline_levels(style_root) if style_root is not None else {}
    styled = _style_numbering(style_root) if style_root is not None else {}  # style id → its numbering (numId, ilvl)
    lists = _numbering_levels(numbering_root) if numbering_root is not None else {}
    changed = False

    def style_of(paragraph: Any) -> str:
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        return style.get(f"{_W}val", "") if style is not None else ""

    def outlined(paragraph: Any) -> int | None:
        outline = paragraph.find(f"{_W}pPr/{_W}outlineLvl")
        value = outline.get(f"{_W}val", "") if outline is not None else ""
        return int(value) + 1 if value.isdigit() and len(value) == 1 and int(value) < 5 else None

    def in_body(node: Any) -> bool:
        return not any(a.tag in (f"{_W}tbl", f"{_W}txbxContent", f"{_W}pict", f"{_W}drawing") for a in node.iterancestors())

    # each numbered paragraph's number as Word shows it, counted through every paragraph (a table's too)
    counts: dict[str, list[int]] = {}
    labels: dict[Any, str | None] = {}
    shown: dict[Any, tuple[str, int, int]] = {}  # each numbered paragraph's list, level and number at that level
    for paragraph in root.iter(f"{_W}p"):
        numbered = _numbered(paragraph, styled)
        if numbered is None or numbered[0] not in lists or numbered[1] not in lists[numbered[0]]:
            continue
        num, ilvl = numbered
        levels = lists[num]
        count = counts.setdefault(num, [levels[i].start - 1 if i in levels else 0 for i in range(10)])
        count[ilvl] += 1
        for deeper in range(ilvl + 1, 10):
            count[deeper] = levels[deeper].start - 1 if deeper in levels else 0
        shown[paragraph] = (num, ilvl, count[ilvl])
        if any(level.format in _CHINESE_NUMBERING for level in levels.values()):
            labels[paragraph] = _label_of(levels[ilvl], count, levels)
    # runs of numbered paragraphs of one list, nothing written between them
    runs: list[list[tuple[Any, int]]] = []  # (paragraph, its level in the list)
    previous: str | None = None
    order: list[Any] = []  # the body's paragraphs with words, and its tables, in order
    for node in root.iter(f"{_W}p", f"{_W}tbl"):
        if not in_body(node):
            continue
        if node.tag == f"{_W}tbl":
            order.append(node)
            previous = None
            continue
        if not paragraph_text(node).strip() and node.find(f".//{_W}drawing") is None:
            continue  # an empty line between items
        order.append(node)
        numbered = _numbered(node, styled)
        if numbered is None:
            previous = None
            continue
        if numbered[0] != previous:
            runs.append([])
        runs[-1].append((node, numbered[1]))
        previous = numbered[0]
    at = {node: index for index, node in enumerate(order)}

    def reads_as_heading(paragraph: Any) -> bool:
        label = labels.get(paragraph)
        return bool(label) and numbered_heading(f"{label}{paragraph_text(paragraph)}") is not None

    def goes_on(run: list[tuple[Any, int]], level: int, step: int) -> bool:
        """Whether the item of ``run``'s list next to it (step 1: after it, -1: before) at
        ``level`` or higher is of ``level`` and reads as a heading: a section of its own."""
        num = _numbered(run[0][0], styled)
        index = at[run[-1][0] if step > 0 else run[0][0]] + step
        while 0 <= index < len(order):
            node = order[index]
            numbered = _numbered(node, styled) if node.tag == f"{_W}p" else None
            if numbered is not None and num is not None and numbered[0] == num[0] and numbered[1] <= level:
                return numbered[1] == level and reads_as_heading(node)
            index += step
        return False

    def sections(run: list[tuple[Any, int]], level: int) -> bool:
        """Whether the items of ``level`` in ``run`` are headings: 一、基本情况 二、主要做法, nothing
        under the first, then 三、工作成效 a heading (``headinglines._typed_lists`` for lines typed so)."""
        lead = order[at[run[0][0]] - 1] if at[run[0][0]] > 0 else None
        if lead is not None and lead.tag == f"{_W}p" and paragraph_text(lead).rstrip().endswith(("：", ":")):
            return False
        if not all(reads_as_heading(p) for p, own in run if own == level):
            return False
        return goes_on(run, level, 1) or goes_on(run, level, -1)

    alone: set[Any] = set()
    for run in runs:
        many = Counter(level for _, level in run)
        alone.update(p for p, level in run if many[level] == 1 or sections(run, level))

    names: dict[str, str] = {}  # style id → its name, casefolded
    if style_root is not None:
        for style in style_root.iterfind(f"{_W}style"):
            name = style.find(f"{_W}name")
            names[style.get(f"{_W}styleId") or ""] = name.get(f"{_W}val", "").casefold() if name is not None else ""
    kept = {name.casefold() for name in mapped}  # as mammoth matches a style's name (Word writes “caption”)

    for paragraph in root.iter(f"{_W}p"):
        label = labels.get(paragraph)
        properties = paragraph.find(f"{_W}pPr")
        # an item mammoth writes in a list (not a heading's or a caption's number, not 一、 written as text)
        listed = not label and paragraph in shown and style_of(paragraph) not in headings and names.get(style_of(paragraph), "") not in kept
        if not in_body(paragraph):
            if label and names.get(style_of(paragraph), "") not in kept:  # a list in a table's cell
                _as_item(properties, label)
                changed = True
            elif listed:
                changed = _list_item(paragraph, properties, shown[paragraph], lists) or changed
            continue
        level = outlined(paragraph)
        if listed and not (level is not None and _heading_like(paragraph_text(paragraph))):
            changed = _list_item(paragraph, properties, shown[paragraph], lists) or changed
            continue
        if level is not None and _heading_like(paragraph_text(paragraph)):
            if headings.get(style_of(paragraph)) != level:
                style = properties.find(f"{_W}pStyle")
                if style is None:
                    style = etree.Element(f"{_W}pStyle")
                    properties.insert(0, style)
                style.set(f"{_W}val", f"Heading{level}")  # STYLE_MAP's p.Heading{n}
                changed = True
            continue
        if not label or style_of(paragraph) in headings:
            continue
        if paragraph in alone and numbered_heading(label + paragraph_text(paragraph)) is not None:
            _numbering_off(properties)  # a heading typed by hand, as the import reads one
            _number_written(properties, label)
        elif names.get(style_of(paragraph), "") in kept:
            _number_written(properties, label)  # 题注 “图一”: a caption still
        else:
            _as_item(properties, label)
        changed = True
    if not changed:
        return document
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
