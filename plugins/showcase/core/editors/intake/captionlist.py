"""A list of photo captions sent as a file of its own beside the material (照片说明.docx,
图片说明.txt), as organizations send them with the photos in a WeChat zip: its lines read and
given to the photos sent beside, by the file name or the number each line starts with, the
rest in order. A helper's trial: 照片说明.docx became a draft of its own (“案例名称：照片说明”),
and the three photos beside it and the form were not imported, whose they were being unknown.

A line naming a person to contact or holding a phone or ID number is no caption: the case
folder is public (a review: ``![联系人：王芳](photo3.jpg)``, a column 拍摄人 | 电话)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ...office import parse_xml
from ...typedtext import decode_typed
from .markdown import names_a_contact
from .ooxml import _W
from .safety import MAX_FILE_BYTES, IntakeError, check_docx
from .wordtext import paragraph_text

# the names such a file has: 照片说明, 图片说明（3张）, 活动照片注释, 图注, 配图文字
_NAME = re.compile(r"(?:照片|图片|相片|配图)(?:的)?(?:说明|注释|注解|介绍|标注|文字)|图注|题注")
TEXT = (".txt",)
MAX_LINES = 200  # a list of captions is short: a longer file is no such list, and is not read whole
MAX_CAPTION = 100  # characters: a longer line is no caption (a line of 5,000 was written whole)


def is_caption_list(path: Path) -> bool:
    """Whether a file's name says it lists photo captions."""
    return _NAME.search(path.stem) is not None


@dataclass
class Caption:
    text: str
    number: int | None = None  # the number the line starts with: 1. / 1、 / （1） / 图1 / 照片1： / 第1张
    name: str = ""  # the file name the line starts with (封面1.jpg：…), without its suffix
    cover: bool = False  # the line says 封面


@dataclass
class Listed:
    """What a list gave: its captions, the lines left out as personal data, its pictures."""

    captions: list[Caption] = field(default_factory=list)
    personal: list[int] = field(default_factory=list)  # the lines (1-based) naming a person to contact or holding a phone or ID number
    pictures: int = 0  # pictures pasted into a Word list (not imported: said)
    cut: bool = False  # longer than MAX_LINES: the rest not read (said)


# a table's header cells: which column is the caption, which the number, which the file
_HEADS = {
    "text": re.compile(r"^(?:照片|图片)?(?:说明|内容|描述|题注|图注|标题|简介|活动内容)$"),
    "number": re.compile(r"^(?:序号|编号|图号|序|No\.?)$", re.IGNORECASE),
    "name": re.compile(r"^(?:照片|图片)?(?:文件名|文件|名称)$|^(?:照片|图片)$"),
}


def read_list(path: Path) -> Listed:
    """A caption list's captions: a text file's lines, a .docx's paragraphs and table rows (a
    table with a header row, 序号 | 说明 | 拍摄人, read by its columns). Raises ``IntakeError``
    for a file that cannot be read."""
    pictures = 0
    if path.suffix.lower() in TEXT:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise IntakeError(f"{path.name} 太大，不像照片说明")
        try:
            text = decode_typed(path.read_bytes())
        except UnicodeDecodeError:
            raise IntakeError(f"{path.name} 不是文本文件") from None
        lines = [line.strip() for line in text.splitlines() if line.strip()]
    else:
        check_docx(path)
        try:
            with zipfile.ZipFile(path) as archive:
                root = parse_xml(archive.read("word/document.xml"))
        except (SyntaxError, KeyError, zipfile.BadZipFile):  # lxml's XMLSyntaxError is a SyntaxError: the list's, not the form's (a review)
            raise IntakeError(f"{path.name} 已损坏，读不出来") from None
        pictures = sum(1 for _ in root.iter(f"{_W}drawing", f"{_W}pict"))
        lines = _document_lines(root)
    listed = Listed(pictures=pictures, cut=len(lines) > MAX_LINES)
    for number, line in enumerate(lines[:MAX_LINES], start=1):
        if names_a_contact(line) or _PERSONAL.match(line):
            listed.personal.append(number)
        elif (caption := _caption(line)) is not None:
            listed.captions.append(caption)
    return listed


# a line that is a contact's or a photographer's label (3、联系人：王芳; 拍摄人：李明): not the words
# anywhere (志愿者教老人使用智能手机 and 社区负责人为志愿者颁奖 are captions: a review)
_PERSONAL = re.compile(
    r"^\s*(?:(?:图|照片|图片)?\s*[（(]?\d{1,3}[)）]?\s*[、.．:：,，]?\s*)?"
    r"(?:联系人|联络人|负责人|填表人|联系电话|电话|手机|联系方式|微信号?|拍摄人|摄影者?|拍摄者)\s*[：:]"
)


def _document_lines(root: object) -> list[str]:
    body = root.find(f"{_W}body")  # type: ignore[attr-defined]
    lines: list[str] = []
    for element in body if body is not None else []:
        if element.tag == f"{_W}p":
            lines.append(paragraph_text(element).strip())
        elif element.tag == f"{_W}tbl":
            lines += _table_lines(element)
        if len(lines) > MAX_LINES:
            break  # one more than read: the list says it was cut
    return [line for line in lines if line]


def _table_lines(table: object) -> list[str]:
    """A table's rows as lines: by its header's columns when it has one (序号 | 说明 | 拍摄人:
    the number and the caption, nothing else), else its cells joined by “：”."""
    rows = [  # the table's own rows and cells: a table inside a cell would shift the columns (a review)
        [" ".join(paragraph_text(p).strip() for p in cell.iter(f"{_W}p")).strip() for cell in row.findall(f"{_W}tc")]
        for row in table.findall(f"{_W}tr")  # type: ignore[attr-defined]
    ]
    if not rows:
        return []
    heads = {
        kind: next((at for at, cell in enumerate(rows[0]) if pattern.match("".join(cell.split()))), None)
        for kind, pattern in _HEADS.items()
    }
    if heads["text"] is None:
        return ["：".join(cell for cell in row if cell) for row in rows]
    lines = []
    for row in rows[1:]:
        text, number, name = (row[at] if (at := heads[kind]) is not None and at < len(row) else "" for kind in ("text", "number", "name"))
        if text and name and _FILE.match(f"{name}："):
            lines.append(f"{name}：{text}")
        elif text and number.isdigit():
            lines.append(f"{number}、{text}")
        elif text:
            lines.append(text)
    return lines


_NUMBERED = re.compile(
    r"^(?:(?P<word>图片|照片|相片|图)\s*|第\s*(?=\d{1,3}\s*张))?[（(]?(?P<number>\d{1,3})[)）]?\s*张?"
    # a space alone is a number's end unless a measure word follows: 10 月 1 日…, 12 名志愿者… are counts (a review)
    r"(?:\s*[、．:：,，]\s*|\.(?!\d)\s*|\s+(?![月日年号时点名位人个余多次户场项岁元万千百张幅期届天周])|(?<=[)）])|(?=封面))(?P<rest>.*)$"
)
_FILE = re.compile(r"^(?P<name>[^\s：:]{1,60})\.(?:jpe?g|png|heic|heif|webp|bmp|gif|tiff?)\s*[：:,，]?\s*(?P<rest>.*)$", re.IGNORECASE)
_COVER = re.compile(r"^[（(]?封面(?:照片|图片)?[)）]?\s*[：:,，]?\s*")
_COVER_AFTER = re.compile(r"\s*[（(]封面(?:照片|图片)?[)）]\s*$")
_HEADER_ROW = re.compile(r"^(?:(?:序号|编号|照片|图片|说明|文件名|内容|备注)[\s：:|，,]*){2,}$")


def _caption(line: str) -> Caption | None:
    """A line's caption; None for a heading line (照片说明, the file's name) or a header row."""
    text, number, name = " ".join(line.split()), None, ""
    if _HEADER_ROW.match(text):
        return None
    if (file := _FILE.match(text)) is not None:
        name, text = file["name"], file["rest"]
    elif (numbered := _NUMBERED.match(text)) is not None:
        number, text = int(numbered["number"]), numbered["rest"]
    cover = (cut := _COVER.match(text)) is not None
    text = text[cut.end() :] if cut else text
    if (after := _COVER_AFTER.search(text)) is not None:
        cover, text = True, text[: after.start()]
    text = text.strip(" ：:，,。")
    # the list's own heading (照片说明, 图片说明（3张）): a short line that is the name, not a
    # caption that says the words (居民驻足观看展板上的图片介绍: a review)
    if not text or (number is None and not name and not cover and len(text) <= 12 and is_caption_list(Path(text))):
        return None
    return Caption(text, number, name, cover)


def parse(lines: list[str]) -> list[Caption]:
    """Each line that gives a caption (``_caption``)."""
    return [caption for line in lines if (caption := _caption(line)) is not None]


def _digits(stem: str) -> int | None:
    """The number a photo's file name ends in: 照片2 → 2, IMG_0034 → 34; none for a stamp
    (微信图片_20240315101010: a review's captions went by line order, numbered 3、1、2)."""
    found = re.search(r"(?<!\d)(\d{1,4})\D*$", stem)
    return int(found[1]) if found else None


def assign(captions: list[Caption], names: list[str]) -> tuple[dict[int, Caption], list[Caption], set[int]]:
    """Which photo (its index in ``names``, the names the photos were sent with) each caption
    is: by the file name a line starts with; a line of 封面 without a number by the photo
    named 封面; a numbered line by the photo whose name ends in that number; the lines left,
    in order, when as many as the photos left. Returns the captions by photo, those given to
    none (a line too long to be a caption among them), and the photos given one by their
    place or in order: no line named them (a material imported before, whose photos sent
    this time may not be those of the first, is told so)."""
    stems = [Path(name).stem for name in names]
    given: dict[int, Caption] = {}
    left: list[Caption] = []
    rest: list[Caption] = []
    for caption in captions:
        if len(caption.text) > MAX_CAPTION:
            left.append(caption)
        elif caption.name and caption.name in stems and stems.index(caption.name) not in given:
            given[stems.index(caption.name)] = caption
        elif caption.name:
            left.append(caption)
        else:
            rest.append(caption)
    covers = [at for at, stem in enumerate(stems) if "封面" in stem and at not in given]
    for caption in [c for c in rest if c.cover and c.number is None]:
        if covers:
            given[covers.pop(0)] = caption
            rest.remove(caption)
    free = [at for at in range(len(names)) if at not in given]
    numbers = [_digits(stems[at]) for at in free]
    by_number = {n: at for at, n in zip(free, numbers, strict=True) if n is not None and numbers.count(n) == 1}
    # the lines' numbers are the photos' own; else (微信图片_…, a.jpg) a line's number is the photo's place
    places = {number: at for number, at in enumerate(range(len(names)), start=1)}
    chosen = by_number if any(c.number in by_number for c in rest) else places
    by_place: set[int] = set()
    for caption in list(rest):
        if caption.number is not None and (at := chosen.get(caption.number)) is not None and at not in given:
            given[at] = caption
            rest.remove(caption)
            if chosen is places:
                by_place.add(at)
    free = [at for at in range(len(names)) if at not in given]
    if rest and len(rest) == len(free):
        given.update(zip(free, rest, strict=True))
        by_place.update(free)
    else:
        left += rest
    return given, left, by_place
