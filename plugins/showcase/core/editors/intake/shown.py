"""The .docx as a reader sees it (``prepared``): hidden and unseen text taken out,
Traditional characters turned into Simplified, pictures cut to their crop."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...office import parse_xml
from ...options import DEFAULTS
from ...simplified import mostly_traditional, simplified, traditional_at
from .crop import CROPPING, Cropped, cropped_parts
from .ooxml import _W
from .wordtext import based_on, on, style_chain

_VANISH = re.compile(rb"<w:vanish\b")


@dataclass
class Shown:
    """A .docx as the import reads it (``prepared``): the file (the one sent when nothing
    was changed), the stretches of hidden and of unseen text taken out (``_unseen``), the
    characters turned into Simplified, the pictures cut to their crop."""

    file: Path | io.BytesIO
    hidden: int = 0
    unseen: int = 0
    converted: int = 0
    cropped: Cropped = field(default_factory=lambda: Cropped({}, {}))


def prepared(path: Path, max_pixels: int = DEFAULTS.max_image_pixels) -> Shown:
    """The .docx as the import reads it: without hidden and unseen text, Traditional
    characters turned into Simplified, the pictures cut to what Word shows of them
    (``crop.py``); ``path`` itself when none of these.

    Hidden text (Font > Hidden) is shown by Word to no reader, yet mammoth and python-docx
    read it as any other: a helper's trial hid a phone number there, set on the text itself,
    through a character or paragraph style, and in a footnote (``_hidden_runs``). A form
    written in Traditional characters (Word's 简繁转换) lost its fields, whose labels are
    Simplified, and would publish Traditional text on a Simplified site: its text (body,
    footnotes, endnotes, the pictures' descriptions) is converted, only when most of it is
    Traditional (a Simplified file quoting a name in Traditional is kept as written)."""
    import zipfile

    from lxml import etree

    nothing = Shown(path)
    with zipfile.ZipFile(path) as source:
        names = set(source.namelist())
        if "word/document.xml" not in names:
            return nothing
        raw = {name: source.read(name) for name in ("word/document.xml", *_NOTES) if name in names}
        styles = source.read("word/styles.xml") if "word/styles.xml" in names else b""
        hiding = _hiding_styles(parse_xml(styles)) if _VANISH.search(styles) else _NO_HIDING
        document = raw["word/document.xml"]
        cropping = CROPPING.search(document) is not None
        if not hiding.any and not any(_VANISH.search(data) for data in raw.values()) and document.isascii() and not cropping:
            return nothing
        parts = {name: parse_xml(data) for name, data in raw.items()}
        root = parts["word/document.xml"]
        coloured = _page_coloured(root)
        dropped = [_drop_hidden(part, hiding, coloured) for part in parts.values()]
        hidden, unseen, removed = (sum(d[i] for d in dropped) for i in range(3))
        converted = 0
        if _mostly_traditional(_readings(root)):
            converted = sum(_to_simplified(part, _readings(part)) for part in parts.values())
        # after the hidden text went: a picture in it is not imported, whatever its crop
        cropped = cropped_parts(source, root, max_pixels) if cropping else nothing.cropped
        if not removed and not converted and not cropped.parts:
            return Shown(path, cropped=cropped)  # the file as sent (a picture cropped to nothing is skipped as it comes)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                part = parts.get(info.filename)
                if part is not None:
                    data = etree.tostring(part, xml_declaration=True, encoding="UTF-8", standalone=True)
                else:
                    data = cropped.parts.get(info.filename) or source.read(info)
                target.writestr(info, data)
    out.seek(0)
    return Shown(out, hidden, unseen, converted, cropped)


@dataclass(frozen=True)
class _Hiding:
    """What hides text through styles: the character and paragraph styles (by id) whose
    text Word hides or shows explicitly (True, False), and the document's default."""

    characters: dict[str, bool]
    paragraphs: dict[str, bool]
    default_paragraph: str | None = None
    default: bool = False

    @property
    def any(self) -> bool:
        return self.default or any(self.characters.values()) or any(self.paragraphs.values())


_NO_HIDING = _Hiding({}, {})


def _vanish(properties: Any) -> bool | None:
    """A run-properties element's own Hidden setting: True, False, or None when it sets none."""
    if properties is None or (mark := properties.find(f"{_W}vanish")) is None:
        return None
    return on(mark)


def _hiding_styles(styles: Any) -> _Hiding:
    """Each character and paragraph style's Hidden setting, its own or the one it is based
    on (a style "内部备注" based on a hidden one hides too)."""
    own: dict[str, tuple[str, bool | None]] = {}
    parents: dict[str, str | None] = {}
    default_paragraph = None
    for style in styles.iter(f"{_W}style"):
        kind, name = style.get(f"{_W}type"), style.get(f"{_W}styleId")
        if kind not in ("character", "paragraph") or not name:
            continue
        own[name], parents[name] = (kind, _vanish(style.find(f"{_W}rPr"))), based_on(style)
        if kind == "paragraph" and style.get(f"{_W}default") in ("1", "true", "on"):
            default_paragraph = name

    def resolved(name: str) -> bool | None:
        return next((value for at in style_chain(parents, name) if (value := own[at][1]) is not None), None)

    chars = {name: value for name, (kind, _) in own.items() if kind == "character" and (value := resolved(name)) is not None}
    paras = {name: value for name, (kind, _) in own.items() if kind == "paragraph" and (value := resolved(name)) is not None}
    defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    return _Hiding(chars, paras, default_paragraph, bool(_vanish(defaults)))


def _hidden(run: Any, paragraph_style: str | None, hiding: _Hiding) -> bool:
    """Whether Word hides ``run``: its own setting first, then its character style's, then
    its paragraph's style's, then the document's default."""
    properties = run.find(f"{_W}rPr")
    if (value := _vanish(properties)) is not None:
        return value
    style = properties.find(f"{_W}rStyle") if properties is not None else None
    if style is not None and (value := hiding.characters.get(style.get(f"{_W}val", ""))) is not None:
        return value
    if paragraph_style is not None and (value := hiding.paragraphs.get(paragraph_style)) is not None:
        return value
    return hiding.default


def _drop_hidden(part: Any, hiding: _Hiding, coloured: bool = False) -> tuple[int, int, int]:
    """Take the hidden and the unseen runs (``_unseen``) out of ``part`` (the document,
    footnotes or endnotes); how many stretches of text of each there were (runs in a row
    count once: LibreOffice splits one hidden phrase into several runs), and how many runs
    went, text or not (a hidden picture's run has no text: counted by its text alone, the
    file was imported as sent, picture and all). ``coloured``: the page has a colour of its
    own (white text may show on it)."""
    stretches = [0, 0]
    removed = 0
    for paragraph in list(part.iter(f"{_W}p")):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        paragraph_style = style.get(f"{_W}val") if style is not None else hiding.default_paragraph
        after = -1  # the last run with text was hidden (0), unseen (1) or neither (-1)
        for run in [r for r in paragraph.iter(f"{_W}r") if next(r.iterancestors(f"{_W}p"), None) is paragraph]:
            text = any(t.text for t in run.iter(f"{_W}t"))
            kind = 0 if _hidden(run, paragraph_style, hiding) else 1 if _unseen(run, paragraph, coloured) else -1
            if kind >= 0:
                stretches[kind] += text and after != kind
                run.getparent().remove(run)
                removed += 1
            if text:
                after = kind
    return stretches[0], stretches[1], removed


_WHITE = ("FFFFFF",)


_ON_WHITE = (None, "background1", "light1")  # a theme colour that is the page's white, or none


_TINY = 2  # half-points: text of 1 point or less, which prints as a thin line


def _page_coloured(document: Any) -> bool:
    """Whether the document's pages have a colour other than white (Design > Page Colour)."""
    background = document.find(f"{_W}background")
    return background is not None and (background.get(f"{_W}color") or "FFFFFF").upper() not in ("FFFFFF", "AUTO")


def _unseen(run: Any, paragraph: Any, coloured: bool) -> bool:
    """Text Word does not hide but no reader sees: 1 point or smaller, or white on the white
    page (a helper's trial: a note with an old woman's address and her son's phone, in white
    1-point type, was imported and published). White text on anything that may be dark stays:
    a shaded run or paragraph, a highlight, a table (a table style may shade its header row),
    a text box or shape, a coloured page."""
    properties = run.find(f"{_W}rPr")
    if properties is None:
        return False
    size = properties.find(f"{_W}sz")
    if size is not None and (value := size.get(f"{_W}val") or "").isdigit() and int(value) <= _TINY:
        return True
    colour = properties.find(f"{_W}color")
    if colour is None or (colour.get(f"{_W}val") or "").upper() not in _WHITE or colour.get(f"{_W}themeColor") not in _ON_WHITE:
        return False
    if coloured or properties.find(f"{_W}highlight") is not None or properties.find(f"{_W}shd") is not None:
        return False
    if paragraph.find(f"{_W}pPr/{_W}shd") is not None:
        return False
    return not any(a.tag in (f"{_W}tbl", f"{_W}txbxContent", f"{_W}pict", f"{_W}drawing") for a in paragraph.iterancestors())


_NOTES = ("word/footnotes.xml", "word/endnotes.xml")  # mammoth reads them too


_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"  # a picture's description: its alt text


def _paragraphs(root: Any) -> list[list[Any]]:
    """The text nodes (w:t) of each paragraph, in order; a text box's paragraphs are their own."""
    paragraphs: dict[Any, list[Any]] = {}
    for node in root.iter(f"{_W}t"):
        if node.text:
            paragraph = next(node.iterancestors(f"{_W}p"), None)
            paragraphs.setdefault(paragraph, []).append(node)
    return list(paragraphs.values())


Reading = tuple[list[Any], str, str | None]  # a paragraph's text nodes, its text, its Simplified reading


def _readings(root: Any) -> list[Reading]:
    """Each paragraph read in Simplified, whole (OpenCC's phrases need the words whole:
    計|畫 in two runs is 计划, not 计画)."""
    readings: list[Reading] = []
    for nodes in _paragraphs(root):
        text = "".join(node.text for node in nodes)
        readings.append((nodes, text, simplified(text)))
    return readings


def _mostly_traditional(readings: list[Reading]) -> bool:
    """Whether a document's text (not its font or style names) is written in Traditional
    characters (``simplified.mostly_traditional``; characters Simplified text uses too, 於
    or 沈, do not count)."""
    traditional = sum(len(traditional_at(text, out)) for _, text, out in readings if out is not None)
    return mostly_traditional("".join(text for _, text, _ in readings), traditional)


def _to_simplified(root: Any, readings: list[Reading]) -> int:
    """Give a part's paragraphs their Simplified reading, and its pictures' descriptions;
    how many characters changed."""
    changed = 0
    for nodes, text, converted in readings:
        if converted is None:
            continue
        changed += sum(1 for a, b in zip(text, converted, strict=True) if a != b)
        at = 0
        for node in nodes:
            node.text, at = converted[at : at + len(node.text)], at + len(node.text)
    for picture in root.iter(_DOC_PR):
        for name in ("descr", "title"):
            if (value := picture.get(name)) and (reading := simplified(value)) is not None:
                picture.set(name, reading)
    return changed
