"""Clean HTML (mammoth's, after the site's sanitizer) to the Markdown a case body is written in.

mammoth gives a small, flat vocabulary: headings, paragraphs, strong/em, lists, tables,
images, links and line breaks. This turns it into blocks first (so the reader can drop
the form's own lines, find the title, take a caption into its picture's alt text and
turn “一、…” / “（一）…” lines into headings), then writes Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise

from ...case.pii import contact_columns, find_contacts, mask_numbers

_VOID = {"br", "img", "hr", "col"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """The words, a line broken by hand (Shift+Enter, ``<br>``) as a line's end: lines
        ``组织名称：…`` and ``联系电话：…`` so broken were read as one organization's name,
        with the phone number in it (helper rvD's trial)."""
        return "".join(c if isinstance(c, str) else "\n" if c.tag == "br" else c.text() for c in self.children)

    def images(self) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                found.extend([child] if child.tag == "img" else child.images())
        return found

    def text_before_picture(self) -> str:
        """The text before the first picture inside this node (all of it when there is none)."""
        out: list[str] = []

        def walk(node: Node) -> bool:  # True once a picture is reached
            for child in node.children:
                if isinstance(child, str):
                    out.append(child)
                elif child.tag == "img" or walk(child):
                    return True
            return False

        walk(self)
        return " ".join("".join(out).split())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> list[Node]:
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return [c for c in builder.root.children if isinstance(c, Node)]


# -- blocks -----------------------------------------------------------------------------


@dataclass
class Block:
    """One block of the body: ``kind`` is heading, para, image, list, table; ``level`` for headings."""

    kind: str
    text: str = ""  # Markdown of the block (inline formatting kept)
    plain: str = ""  # its text without formatting, for matching
    level: int = 0
    images: list[dict[str, str]] = field(default_factory=list)  # {src, alt} for image blocks
    caption_style: bool = False
    # text typed in the same Word paragraph as the picture before it: body text, and a
    # caption only when it says so (a 题注 style, “图1…”): Word users paste a photo at
    # the end of a paragraph they wrote, and the paragraph became the photo's alt text
    with_picture: bool = False
    left_out: list[str] = field(default_factory=list)  # a table's columns of people to contact, not written
    merged: bool = False  # a table with merged cells, written split (``_table``)
    # a picture taken out of a table or a list, written after it: the line after that is not its caption
    moved: bool = False
    # a photo of a table holding only photos, each with its caption beside it (``_photos_beside``):
    # the table it came from (the same number for each photo of one table), else 0
    beside: int = 0
    under: bool = False  # that photo's caption was in the row under it (``_photos_beside``)


_CN_H2 = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?P<text>\S.{0,30})$")
_CN_H3 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]\s*(?P<text>\S.{0,30})$")
SENTENCE_END = ("。", "；", "！", "？", "：", ":", ";", "，")


def numbered_heading(plain: str) -> tuple[int, str] | None:
    """“一、基本情况” → (2, 基本情况); “（一）建队伍” → (3, 建队伍); a sentence is no heading."""
    text = plain.strip()
    if not text or text.endswith(SENTENCE_END) or len(text) > 34:
        return None
    for level, pattern in ((2, _CN_H2), (3, _CN_H3)):
        match = pattern.match(text)
        if match:
            return level, match.group("text").strip()
    return None


_NUMERAL = re.compile(r"^[（(]?([一二三四五六七八九十]{1,3})")


def heading_number(plain: str) -> int | None:
    """The number of a line numbered 一、 or （一）: 一 → 1, 十二 → 12, 二十 → 20; None when it
    is not a number (十十)."""
    match = _NUMERAL.match(plain.strip())
    if match is None:
        return None
    digits = "一二三四五六七八九"
    text = match[1]
    tens, _, ones = text.rpartition("十") if "十" in text else ("", "", text)
    if "十" in ones or len(ones) > 1 or (tens and (len(tens) > 1 or tens not in digits)):
        return None
    value = (digits.index(tens) + 1 if tens else 1) * 10 if "十" in text else 0
    return value + (digits.index(ones) + 1 if ones else 0)


def escaped(text: str) -> str:
    """Plain text as Markdown that shows it as written."""
    return _escape(text)


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*_`\[\]>])", r"\\\1", text)
    # Python-Markdown escapes no "<": \<b> showed its backslash, and \<b onclick=…> is still a tag.
    return text.replace("<", "&lt;")


# What could end a link's address in Markdown or start a title: written as %XX, Word's
# http://a.example/x)<img src=x onerror=…> was the link, then the body's own HTML (a hostile-input review)
_ADDRESS_BREAKS = re.compile(r"[\s()<>\[\]\\\"'`{}]")


def _address(href: str) -> str:
    return _ADDRESS_BREAKS.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), href)


def inline(node: Node | str) -> str:
    if isinstance(node, str):
        return _escape(" ".join(node.split("\n")).replace("\xa0", " "))
    inner = "".join(inline(c) for c in node.children)
    if node.tag in ("strong", "b", "em", "i"):
        # a line broken by hand inside the bold run (Shift+Enter after 基本情况, as text pasted
        # from WeChat has it) stays after the closing mark: strip() took it, and the heading ran
        # into the text (a review: **基本情况**宣讲队由……)
        mark = "**" if node.tag in ("strong", "b") else "*"
        core = inner.strip()
        if not core:
            return inner
        broken = inner.rstrip(" ").endswith("\n")
        return f"{mark}{core}{mark}" + ("  \n" if broken else "")
    if node.tag == "br":
        return "  \n"
    if node.tag == "a":
        href = node.attrs.get("href", "")
        return f"[{inner}]({_address(href)})" if href.startswith(("http://", "https://", "mailto:")) and inner.strip() else inner
    if node.tag == "img":
        return ""
    if node.tag in ("sup", "sub"):
        return inner
    return inner


def _tidy(text: str) -> str:
    """A block's Markdown without the spaces around its lines (a paragraph's full-width
    indentation, 两个全角空格, is the page's to draw); each line break in it is one typed by
    hand (``<br>``: Shift+Enter), kept as Markdown's (two spaces before it): joined lines,
    the page showed them as one (helper fidH's trial)."""
    return "  \n".join(line for line in (line.strip() for line in text.split("\n")) if line)


def _one_line(text: str) -> str:
    """A heading's or a list item's lines as one line."""
    return re.sub(r" *\n", " ", text)


def _list(node: Node, depth: int = 0) -> str:
    lines = []
    number = int(node.attrs.get("start", "1") or 1)
    for item in node.children:
        if not isinstance(item, Node) or item.tag != "li":
            continue
        own = Node("li", children=[c for c in item.children if not (isinstance(c, Node) and c.tag in ("ul", "ol"))])
        marker = f"{number}." if node.tag == "ol" else "-"
        number += 1
        lines.append("    " * depth + f"{marker} " + _one_line(_tidy("".join(inline(c) for c in own.children))))
        for sub in item.children:
            if isinstance(sub, Node) and sub.tag in ("ul", "ol"):
                lines.append(_list(sub, depth + 1))
    return "\n".join(lines)


# what would start a list, a heading or a quote at a line's start (the number 1. written as text)
_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([#>+=-])")


def _numbered_items(node: Node) -> str:
    """A list numbered in Chinese numerals (``<dl>``, ``headings._as_item``), each item a
    paragraph starting with its number as Word shows it (一、助餐, （一）送餐上门): Markdown
    numbers its lists 1. 2. 3. only, and 一、助餐 二、助浴 was published as 1. 助餐 2. 助浴."""
    items = []
    for item in node.children:
        if isinstance(item, Node) and item.tag in ("dd", "dt"):
            text = _one_line(_tidy("".join(inline(c) for c in item.children)))
            if text:
                items.append(_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text))
    return "\n\n".join(items)


def _cell(node: Node) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, Node) and child.tag == "dl":  # items numbered 一、 (``_numbered_items``): 一、助餐 二、助浴
            parts.extend(inline(item) for item in child.children if isinstance(item, Node))
            continue
        parts.append(inline(child) if isinstance(child, str) or child.tag != "p" else "".join(inline(c) for c in child.children))
    return " ".join(p.strip() for p in parts if p.strip()).replace("|", "\\|").replace("\n", " ")


_WIDEST = 63  # columns: Word's own limit


def _span(cell: Node, name: str) -> int:
    """How many columns (colspan) or rows (rowspan) a cell covers."""
    value = cell.attrs.get(name, "1")
    return min(int(value), _WIDEST if name == "colspan" else 100_000) if value.isdigit() and 0 < len(value) <= 6 and int(value) else 1


def _row(tr: Node, below: dict[int, int]) -> tuple[list[str], dict[int, int], bool]:
    """A table row's cells, each in its column: a place a cell merged down from a row above
    covers (``below``: column -> the rows it still covers) is left empty, and so are the places
    a cell merged across covers after it. Also what the row's own cells cover below it, and
    whether one of them was merged."""
    row: list[str] = []
    after: dict[int, int] = {}
    merged = False

    def covered() -> None:
        while len(row) in below:
            if below[len(row)] > 1:
                after[len(row)] = below[len(row)] - 1
            row.append("")

    for cell in (c for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")):
        covered()
        across, down = _span(cell, "colspan"), _span(cell, "rowspan")
        merged = merged or across > 1 or down > 1
        if down > 1:
            after.update(dict.fromkeys(range(len(row), len(row) + across), down - 1))
        row += [_cell(cell)] + [""] * (across - 1)
    for column in sorted(c for c in below if c >= len(row)):  # covered places at the row's end
        row += [""] * (column - len(row))
        covered()
    return row, after, merged


def _table(node: Node) -> tuple[str, list[str], bool]:
    """A table as Markdown, without its columns of people to contact (``pii.contact_columns``),
    the header cells of those left out, and whether it had merged cells.

    A Markdown table merges no cells: a merged one is written in its first place, the places
    it covered left empty, so that each cell stays under its column's heading (written as one
    cell, the cells after it moved left: a row's 1500 stood under 项目, helper fidH's trial)."""
    rows: list[list[str]] = []
    merged = False
    below: dict[int, int] = {}  # column -> the rows after this one a cell merged down still covers

    def walk(n: Node) -> None:
        nonlocal merged, below
        for child in n.children:
            if isinstance(child, Node) and child.tag == "tr":
                row, below, spanned = _row(child, below)
                rows.append(row)
                merged = merged or spanned
            elif isinstance(child, Node):
                walk(child)

    walk(node)
    rows = [r for r in rows if any(r)]
    if not rows:
        return "", [], merged
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    # columns of people to contact (负责人 | 联系电话) are not written: the check would refuse them
    dropped = contact_columns(rows[0], rows[1:])
    left_out = [rows[0][i] for i in dropped]
    rows = [[cell for i, cell in enumerate(row) if i not in dropped] for row in rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        return "", left_out, merged
    width -= len(dropped)
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines), left_out, merged


_BOLD_LEAD = re.compile(r"^(?P<head>\*\*[^*\n]{1,30}\*\*)  \n(?P<rest>\S.*)$", re.DOTALL)


def blocks(nodes: list[Node]) -> list[Block]:
    """The body as blocks, in document order; a paragraph holding pictures becomes image blocks."""
    found: list[Block] = []
    for node in nodes:
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            plain = " ".join(node.text().split())
            if plain:
                found.append(Block("heading", _tidy("".join(inline(c) for c in node.children)), plain, level=int(tag[1])))
            found.extend(Block("image", images=[_image(i)]) for i in node.images())
        elif tag in ("p", "figcaption"):
            pictures = node.images()
            text = _tidy("".join(inline(c) for c in node.children))
            plain = " ".join(node.text().split())
            # Word's caption styles (题注) come as figcaption (formammoth.STYLE_MAP): the sanitizer the
            # HTML goes through first keeps no class, and a p.caption lost its class unnoticed
            styled = tag == "figcaption"
            if pictures and plain and node.text_before_picture():  # written, then a photo pasted after it
                found.append(Block("para", text, plain, caption_style=styled))
                found.extend(Block("image", images=[_image(i)]) for i in pictures)
                continue
            if pictures:
                found.extend(Block("image", images=[_image(i)]) for i in pictures)
            if plain and not pictures and (lead := _BOLD_LEAD.match(text)) and "\n" in (words := node.text()):
                # a bold line, then the text after a break by hand (Shift+Enter, as text pasted from
                # WeChat has it): two paragraphs, the first a heading when it names a section (a review)
                head, rest = words.split("\n", 1)
                found.append(Block("para", lead["head"], " ".join(head.split()), caption_style=styled))
                found.append(Block("para", lead["rest"], " ".join(rest.split()), caption_style=styled))
            elif plain:
                found.append(Block("para", text, plain, caption_style=styled, with_picture=bool(pictures)))
        elif tag in ("ul", "ol"):
            found.append(Block("list", _list(node), " ".join(node.text().split())))
            found.extend(Block("image", images=[_image(i)], moved=True) for i in node.images())
        elif tag == "dl":
            found.append(Block("list", _numbered_items(node), " ".join(node.text().split())))
            found.extend(Block("image", images=[_image(i)], moved=True) for i in node.images())
        elif tag == "table" and (laid_out := _photos_beside(node)):
            found.extend(laid_out)
        elif tag == "table":
            table, left_out, merged = _table(node)
            if table or left_out:
                found.append(Block("table", table, " ".join(node.text().split()), left_out=left_out, merged=merged))
            captions = _cell_captions(node)
            found.extend(Block("image", images=[_image(i, captions.get(id(i), ""))], moved=True) for i in node.images())
        elif tag == "img":
            found.append(Block("image", images=[_image(node)]))
        elif tag in ("div", "blockquote", "section", "figure"):
            found.extend(blocks([c for c in node.children if isinstance(c, Node)]))
    return found


CAPTION_LENGTH = 60  # the most characters of a line taken as a photo's caption (here and reader._captions)


def _photos_beside(table: Node) -> list[Block]:
    """A table used to lay out photos, each beside its caption (| 活动现场 | [photo] |) or
    over it (a row of photos, the row under it their captions), as the photos with those
    captions: the table came out as the captions beside empty cells (or as a table of the
    captions alone), the photos after it without one. [] unless each of its rows holds one
    photo without an alt text of its own (or that caption's) and one short line, nothing
    else, or is a row of photos alone with a row of their captions under it, nothing under an
    empty cell (a photo with an empty cell under it has no caption: the others keep theirs;
    the table was kept, every photo after it uncaptioned)."""
    rows: list[list[Node]] = []

    def walk(node: Node) -> None:
        for child in node.children:
            if isinstance(child, Node) and child.tag == "tr":
                cells = [c for c in child.children if isinstance(c, Node) and c.tag in ("td", "th")]
                if any(c.images() or c.text().strip() for c in cells):  # not an empty row
                    rows.append(cells)
            elif isinstance(child, Node) and child.tag in ("thead", "tbody", "tfoot"):
                walk(child)

    walk(table)
    found: list[Block] = []
    index = 0
    while index < len(rows):
        cells = rows[index]
        pictures = [c.images() for c in cells if c.images()]
        written = [c for c in cells if not c.images() and c.text().strip()]
        if any(len(p) != 1 for p in pictures) or any(c.text().strip() for c in cells if c.images()):
            return []  # two photos in a cell, or a photo and words
        if len(pictures) == 1 and len(written) == 1:  # | 活动现场 | [photo] |
            pairs, under = [(pictures[0][0], written[0])], False
            index += 1
        elif pictures and not written and index + 1 < len(rows) and len(rows[index + 1]) == len(cells):
            below = rows[index + 1]  # the row of their captions, each under its photo (a photo with none: without one)
            if any((b.text().strip() and not c.images()) or b.images() for c, b in zip(cells, below, strict=True)):
                return []
            pairs, under = [(c.images()[0], b) for c, b in zip(cells, below, strict=True) if c.images()], True
            index += 2
        else:
            return []
        for picture, cell in pairs:
            caption, image = " ".join(cell.text().split()), _image(picture)
            if len(caption) > CAPTION_LENGTH or sum(1 for c in cell.children if isinstance(c, Node) and c.text().strip()) > 1:
                return []  # a cell of two lines or more is not one photo's caption
            if image["alt"] not in ("", caption):
                return []
            image["alt"] = caption
            found.append(Block("image", images=[image], moved=True, beside=id(table), under=under))
    return found


def _image(node: Node, caption: str = "") -> dict[str, str]:
    return {"src": node.attrs.get("src", ""), "alt": " ".join(node.attrs.get("alt", "").split()) or caption}


# A caption under two photos side by side: “左：…；右：…”, “上图 … 下图 …”
_PAIRED = re.compile(
    r"^\s*(?P<a>左|上)(?:图\s*[：:]?|\s*[：:])\s*为?\s*(?P<first>\S.*?)[\s；;，,。]+"
    r"(?P<b>右|下)(?:图\s*[：:]?|\s*[：:])\s*为?\s*(?P<second>\S.*?)[。\s]*$"
)
_PAIRS = {"左": "右", "上": "下"}
# … or each half numbered, the second one more: “图3 老人排队取餐　　图4 志愿者送餐上门”,
# “图8：包饺子，图9：合影”, “（图8）包饺子 （图9）合影” (helpers' trials: the second photo took
# both captions, the first none)
_NUMBERED_PAIR = re.compile(
    r"^(?P<first>[（(]?(?P<word>图|照片|图片)\s*(?P<n>\d{1,3})[)）]?\s*[：:]?\s*\S.*?)(?:[\s，,；;。]+|(?<=[)）]))"
    r"(?P<second>[（(]?(?P=word)\s*(?P<m>\d{1,3})[)）]?\s*[：:]?\s*\S.*)$"
)


def caption_halves(caption: str) -> tuple[str, str] | None:
    """The two captions one line gives two photos side by side (``_PAIRED``, ``_NUMBERED_PAIR``), or None.
    A line longer than two captions is none, and never reaches the patterns (they backtrack on
    a long run of commas: 15 s for 20,000 of them in a form's cell, a review)."""
    if len(caption) > 2 * CAPTION_LENGTH:
        return None
    if (pair := _PAIRED.match(caption)) is not None and _PAIRS[pair["a"]] == pair["b"]:
        return pair["first"], pair["second"]
    if (numbered := _NUMBERED_PAIR.match(caption)) is not None and int(numbered["m"]) == int(numbered["n"]) + 1:
        return numbered["first"], numbered["second"]
    return None


# … or one caption for a run of photos above it: “图1-3 志愿者入户走访”, “图1、图2：…”, “照片4至6 …”
# (a review: the last photo took it, number and all, the others none)
_GROUP = re.compile(
    r"^[（(]?(?P<word>图|照片|图片)\s*(?P<n>\d{1,3})\s*(?:[-–—~～至到]\s*(?P=word)?\s*(?P<m>\d{1,3})"
    r"|(?P<more>(?:\s*[、，,和及]\s*(?P=word)?\s*\d{1,3}){1,8}))[)）]?\s*[：:．.、]?\s*(?P<text>[^\s：:].*)$"
)
_GROUP_MOST = 9


def caption_group(caption: str) -> tuple[int, str] | None:
    """How many photos one caption names and what it says of them (``_GROUP``), or None for a
    caption of one photo. 图1-3 is three; a range backwards or of more than nine is none."""
    if len(caption) > 2 * CAPTION_LENGTH or (group := _GROUP.match(caption)) is None:
        return None
    # 图1-2月份…: a month, not two photos; 图1、图2分别为…, 照片1、2、3：理发、量血压、送餐: a caption
    # each, which one line cannot be split into reliably (a review: every photo got all of them)
    said = re.sub(r"^(?:均为|都是|为|是)\s*", "", group["text"].strip())
    if said[:1] in "月年日号份" or re.search(r"分别|依次|从左|从右|左起|右起", said) or re.search(r"[、，,；;]", said):
        return None
    first = int(group["n"])
    if group["m"] is not None:
        count = int(group["m"]) - first + 1
    else:
        numbers = [first, *map(int, re.findall(r"\d{1,3}", group["more"]))]
        count = len(numbers) if numbers == list(range(first, first + len(numbers))) else 0
    return (count, said) if 2 <= count <= _GROUP_MOST and said else None


def names_a_contact(text: str) -> bool:
    """Whether ``text`` names a person to contact or holds a phone or ID number, as the check
    reads them: never a caption, which the case's public page shows (a review)."""
    return bool(find_contacts(text)) or mask_numbers(text)[1] > 0


# A point of the story's own list: 三是……, 首先……, （三）……, 3. …… (an organization's trial:
# 三是开设健康讲座。 under a photo became its caption, out of the text)
_STORY_POINT = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}是|(?:首先|其次|再次|然后|最后|此外|另外|同时)[，,]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,2}\s*[、．]|\d{1,2}\.(?!\d))"
)
_SENTENCE_MARK = ("。", "！", "？", "!", "?")


def story_sentence(text: str, *, said: bool = False) -> bool:
    """A line that reads as the story's, not a caption: a point of its list (三是……, （三）……),
    two sentences or more, or a full sentence (it ends with 。！？) of two clauses or more, or
    longer than captions are. A caption left in the text costs the photo its alt text, which
    the check asks for; a sentence taken for a caption left the text (an organization's trial:
    课堂实行……闭环管理，家长凭接送卡接孩子。 under a photo). A line that says it is a caption
    (``said``: 图1：…, a line alone under a photo in a table's cell) is the story's only when it
    is long or of three clauses: 图1：志愿者入户走访，为老人测量血压。 is its photo's (a review)."""
    text = text.strip()
    if said:
        return text.endswith(_SENTENCE_MARK) and (len(text) > 30 or sum(text.count(mark) for mark in "，；") >= 2)
    if _STORY_POINT.match(text) or re.search(r"[。！？!?][”’」』）)]*\s*[^\s。！？!?”’」』）)]", text):
        return True
    return text.endswith(_SENTENCE_MARK) and (len(text) > 30 or any(mark in text for mark in "，；,;"))


def _cell_captions(table: Node) -> dict[int, str]:
    """The caption of each picture of a table written in the line under it in its cell (by
    the picture's id): a paragraph holding the picture alone, then a short line that is no
    sentence of the story. A helper's trial: photos pasted in a row 活动照片 added to the form,
    each with its caption under it, came into the draft without them (the captions said in
    the report as a row of the form it does not know)."""
    found: dict[int, str] = {}
    cells: list[Node] = []

    def walk(node: Node) -> None:
        for child in node.children:
            if isinstance(child, Node):
                if child.tag in ("td", "th"):
                    cells.append(child)
                walk(child)

    walk(table)
    # a table of photos laid out in a cell (a row of photos, their captions in the row under
    # them: a review's row 活动照片 held one, and the captions went without a word)
    for nested in [child for cell in cells for child in cell.children if isinstance(child, Node) and child.tag == "table"]:
        by_source = {block.images[0]["src"]: block.images[0]["alt"] for block in _photos_beside(nested)}
        for picture in nested.images():
            if by_source.get(picture.attrs.get("src", "")):
                found[id(picture)] = by_source[picture.attrs.get("src", "")]
    for cell in cells:
        lines = [c for c in cell.children if isinstance(c, Node) and c.tag == "p"]
        for line, after in pairwise(lines):
            pictures, text = line.images(), " ".join(after.text().split())
            alone = len(pictures) in (1, 2) and not line.text().strip() and not after.images()
            if not alone or not text or names_a_contact(text) or len(text) > CAPTION_LENGTH or story_sentence(text, said=True):
                continue
            if len(pictures) == 1:
                found[id(pictures[0])] = text
            elif (halves := caption_halves(text)) is not None:  # two side by side (a review: neither had one)
                found[id(pictures[0])], found[id(pictures[1])] = halves
    return found


def alt_text(text: str) -> str:
    """A caption as Markdown alt text: one line, no brackets that would end it."""
    return " ".join(text.replace("[", "［").replace("]", "］").split())


def to_markdown(items: list[Block]) -> str:
    out = []
    for block in items:
        if block.kind == "heading":
            out.append("#" * block.level + " " + _one_line(block.text).replace("**", ""))
        elif block.kind == "image":
            out.extend(f"![{alt_text(i['alt'])}]({i['src']})" for i in block.images)
        elif block.kind == "para":
            out.append(re.sub(r"(?m)^(\s*)([#>+=-])", r"\1\\\2", block.text))  # a typed “#” or “-” is text, not Markdown
        else:
            out.append(block.text)
    return "\n\n".join(o for o in out if o.strip()) + "\n"
