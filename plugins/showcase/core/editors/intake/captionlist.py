"""A list of photo captions sent as a file of its own beside the material (照片说明.docx,
图片说明.txt), as organizations send them with the photos in a WeChat zip: its lines read and
given to the photos sent beside, by the number or the file name each line starts with, else
in order. A helper's trial: 照片说明.docx became a draft of its own (“案例名称：照片说明”), and
the three photos beside it and the form were not imported, whose they were being unknown."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ...office import parse_xml
from ...typedtext import decode_typed
from .safety import MAX_FILE_BYTES, IntakeError, check_docx
from .wordtext import _W, paragraph_text

# the names such a file has: 照片说明, 图片说明（3张）, 活动照片注释, 图注, 配图文字
_NAME = re.compile(r"(?:照片|图片|相片|配图)(?:的)?(?:说明|注释|注解|介绍|标注|文字)|图注|题注")
TEXT = (".txt",)
MAX_LINES = 200  # a list of captions is short: a longer file is no such list, and is not read whole


def is_caption_list(path: Path) -> bool:
    """Whether a file's name says it lists photo captions."""
    return _NAME.search(path.stem) is not None


@dataclass
class Caption:
    text: str
    number: int | None = None  # the number the line starts with: 1. / 1、 / （1） / 图1 / 照片1：
    name: str = ""  # the file name the line starts with (封面1.jpg：…), without its suffix
    cover: bool = False  # the line says 封面


def read_lines(path: Path) -> list[str]:
    """The lines of a caption list: a text file's lines, a .docx's paragraphs and table rows
    (their cells joined by “：”). Raises ``IntakeError`` for a file that cannot be read."""
    if path.suffix.lower() in TEXT:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise IntakeError(f"{path.name} 太大，不像照片说明")
        try:
            text = decode_typed(path.read_bytes())
        except UnicodeDecodeError:
            raise IntakeError(f"{path.name} 不是文本文件") from None
        return [line.strip() for line in text.splitlines() if line.strip()][:MAX_LINES]
    check_docx(path)
    with zipfile.ZipFile(path) as archive:
        root = parse_xml(archive.read("word/document.xml"))
    body = root.find(f"{_W}body")
    lines: list[str] = []
    for element in body if body is not None else []:
        if element.tag == f"{_W}p":
            lines.append(paragraph_text(element).strip())
        elif element.tag == f"{_W}tbl":
            for row in element.iter(f"{_W}tr"):
                cells = [" ".join(paragraph_text(p).strip() for p in cell.iter(f"{_W}p")).strip() for cell in row.iter(f"{_W}tc")]
                lines.append("：".join(cell for cell in cells if cell))
        if len(lines) > MAX_LINES:
            break
    return [line for line in lines if line][:MAX_LINES]


_NUMBERED = re.compile(
    r"^(?:(?P<word>图片|照片|相片|图)\s*)?[（(]?(?P<number>\d{1,3})[)）]?(?:\s*[.、．:：,，]\s*|\s+|(?<=[)）])|(?=封面))(?P<rest>.*)$"
)
_FILE = re.compile(r"^(?P<name>[^\s：:]{1,60})\.(?:jpe?g|png|heic|heif|webp|bmp|gif|tiff?)\s*[：:,，]?\s*(?P<rest>.*)$", re.IGNORECASE)
_COVER = re.compile(r"^[（(]?封面(?:照片|图片)?[)）]?\s*[：:,，]?\s*")


def parse(lines: list[str]) -> list[Caption]:
    """Each line that gives a caption: a heading line (照片说明, the file's name) is none."""
    found: list[Caption] = []
    for line in lines:
        text, number, name = " ".join(line.split()), None, ""
        if (file := _FILE.match(text)) is not None:
            name, text = file["name"], file["rest"]
        elif (numbered := _NUMBERED.match(text)) is not None:
            number, text = int(numbered["number"]), numbered["rest"]
        cover = (cut := _COVER.match(text)) is not None
        text = text[cut.end() :] if cut else text
        text = text.strip(" ：:，,。")
        if not text or (number is None and not name and not cover and is_caption_list(Path(text))):
            continue
        found.append(Caption(text, number, name, cover))
    return found


def _digits(stem: str) -> int | None:
    """The number a photo's file name ends in: 照片2 → 2, IMG_0034 → 34."""
    found = re.search(r"(\d{1,6})\D*$", stem)
    return int(found[1]) if found else None


def assign(captions: list[Caption], names: list[str]) -> tuple[dict[int, Caption], list[Caption]]:
    """Which photo (its index in ``names``, the names the photos were sent with) each caption
    is: by the file name a line starts with; else, when the lines are numbered and each
    number is the number of one photo's name, by it; else in order, when there are as many
    lines as photos. Returns the captions by photo, and those given to none."""
    stems = [Path(name).stem for name in names]
    given: dict[int, Caption] = {}
    left: list[Caption] = []
    rest = []
    for caption in captions:
        if caption.name and caption.name in stems and stems.index(caption.name) not in given:
            given[stems.index(caption.name)] = caption
        elif caption.name:
            left.append(caption)
        else:
            rest.append(caption)
    free = [at for at in range(len(names)) if at not in given]
    numbers = {at: _digits(stems[at]) for at in free}
    by_number = {n: at for at, n in numbers.items() if n is not None and list(numbers.values()).count(n) == 1}
    if rest and all(c.number is not None and c.number in by_number for c in rest) and len({c.number for c in rest}) == len(rest):
        for caption in rest:
            given[by_number[caption.number]] = caption  # type: ignore[index]
    elif len(rest) == len(free):
        given.update(zip(free, rest, strict=True))
    else:
        left += rest
    return given, left
