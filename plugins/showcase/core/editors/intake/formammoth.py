"""The .docx as mammoth reads it (the parts it needs, styles slimmed, the table of contents,
simple fields and old check boxes dealt with), and mammoth's HTML as the import takes it
(lists numbered where Word's start, footnotes as a page shows them)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from ...office import parse_xml
from .contents import drop_contents
from .headings import NUMBER_MARK, NUMBERED_ITEM, outline_levels, with_headings
from .ooxml import _W, W
from .wordtext import checked

# Word's headings one level down (the site's sanitizer keeps no <h1>: a case's title is its
# front matter's); levels are shifted again later so the highest becomes ##.
_HEADINGS = "\n".join(
    f"p[style-name='{name} {n}'] => h{n + 1}:fresh\np.Heading{n} => h{n + 1}:fresh"
    for n in range(1, 6)
    for name in ("heading", "Heading", "标题")
)


STYLE_MAP = (
    _HEADINGS
    + """
p[style-name='Title'] => h2.title:fresh
p[style-name='标题'] => h2.title:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Caption'] => figcaption:fresh
p[style-name='Image Caption'] => figcaption:fresh
p[style-name='Figure'] => figcaption:fresh
p[style-name='图片说明'] => figcaption:fresh
p[style-name='题注'] => figcaption:fresh
"""
    + f"p.{NUMBERED_ITEM} => dl > dd:fresh\n"  # an item numbered 一、 (headings.py), its number written
)


_UNREAD = ("word/stylesWithEffects.xml", "word/glossary/", "customXml/", "docProps/", "word/theme/")


_MAPPED = set(re.findall(r"style-name='([^']+)'", STYLE_MAP))  # the style names STYLE_MAP reads


def slim_styles(data: bytes) -> bytes:
    """styles.xml as mammoth reads it: each style's type, id, name and list numbering.

    Word's styles.xml holds every style of the gallery with all its formatting, ten
    thousand elements or more, which mammoth would build into a DOM (minidom, in pure
    Python) on every import; it only reads these four things. Parsed by lxml (in C), with
    entities neither resolved nor loaded (and ``check_docx`` has refused any DTD).
    """
    from lxml import etree

    root = parse_xml(data)
    out = etree.Element(f"{{{W}}}styles", nsmap={"w": W})
    levels = outline_levels(root)
    for style in root.iterfind(f"{{{W}}}style"):
        kept = etree.SubElement(out, style.tag, {k: v for k, v in style.attrib.items() if k in (f"{{{W}}}type", f"{{{W}}}styleId")})
        name = style.find(f"{{{W}}}name")
        if name is not None:
            attributes = dict(name.attrib)
            level = levels.get(style.get(f"{{{W}}}styleId") or "")
            if level is not None and (attributes.get(f"{{{W}}}val") or "") not in _MAPPED:
                attributes[f"{{{W}}}val"] = f"heading {level}"  # read as a heading of that level (STYLE_MAP)
            etree.SubElement(kept, name.tag, attributes)
        numbering = style.find(f"{{{W}}}pPr/{{{W}}}numPr")
        if numbering is not None:
            etree.SubElement(kept, f"{{{W}}}pPr").append(numbering)
    return etree.tostring(out, xml_declaration=True, encoding="UTF-8", standalone=True)


def _slimmed(data: bytes) -> bytes:
    try:
        return slim_styles(data)
    except Exception:  # a styles part lxml will not read: mammoth gets it as it is
        return data


def for_mammoth(path: Path | io.BytesIO) -> tuple[bytes, int]:
    """The .docx as mammoth needs it: the parts it reads, styles.xml slimmed (see ``slim_styles``),
    its table of contents left out (``contents.py``); and how many lines that had."""
    import zipfile

    contents = 0
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        names = set(source.namelist())
        for info in source.infolist():
            if info.filename.startswith(_UNREAD):
                continue
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data = _slimmed(data)
            elif info.filename == "word/document.xml":
                if b"checkBox" in data:
                    data = _boxes_as_text(data)
                styles, numbering = (source.read(n) if n in names else b"" for n in ("word/styles.xml", "word/numbering.xml"))
                if _may_have_contents(data, styles):
                    data, contents = _without_contents(data, styles)
                if b"fldSimple" in data:
                    data = _simple_fields_as_text(data)
                if b"outlineLvl" in data or b"numPr" in data or b"numPr" in styles:  # numbered by a style alone, too
                    data = with_headings(data, styles, numbering, _MAPPED)
            target.writestr(info.filename, data)
    return out.getvalue(), contents


def _simple_fields_as_text(document: bytes) -> bytes:
    """Each simple field (``w:fldSimple``) as the runs of its result: mammoth reads no such
    field, and its text went missing from the draft: a 题注's number (图 2 乡贤捐建的村级图书室
    came as “图 乡贤……”, a helper's trial), a date or a page reference WPS wrote so. (A table
    of contents written so is gone before this: ``_without_contents``.)"""
    from lxml import etree

    try:
        root = parse_xml(document)
    except etree.XMLSyntaxError:
        return document
    for simple in list(root.iter(f"{_W}fldSimple")):
        parent = simple.getparent()
        if parent is None:
            continue
        at = parent.index(simple)
        for offset, child in enumerate(list(simple)):
            parent.insert(at + offset, child)
        parent.remove(simple)  # (its tail, whitespace between elements, with it: WordprocessingML has no text there)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _may_have_contents(document: bytes, styles: bytes) -> bool:
    """Whether a table of contents may be in the file (``contents.py``): most have none."""
    return any(word in document for word in (b"TOC", b"docPartGallery")) or any(
        word in styles.lower() for word in (b'"toc ', "目录".encode())
    )


def _without_contents(document: bytes, styles: bytes) -> tuple[bytes, int]:
    """word/document.xml without its table of contents, and how many lines it had (``contents.drop_contents``)."""
    from lxml import etree

    try:
        root = parse_xml(document)
        styled = parse_xml(styles) if styles else None
    except etree.XMLSyntaxError:
        return document, 0
    if not (lines := drop_contents(root, styled)):
        return document, 0
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), lines


def _boxes_as_text(document: bytes) -> bytes:
    """Word's old-style form check boxes (a field, which mammoth drops) written as ☑ or ☐ before
    their field, so that a free-form file's 实践主题：☐新风正气 ☑便民服务 reads as ticked (a
    review: read as every choice). The form's table reads them itself (``_paragraph_text``)."""
    from lxml import etree

    try:
        root = parse_xml(document)
    except etree.XMLSyntaxError:
        return document
    for box in list(root.iter(f"{_W}checkBox")):
        run = next(box.iterancestors(f"{_W}r"), None)
        if run is None or run.getparent() is None:
            continue
        shown = etree.Element(f"{_W}r")
        etree.SubElement(shown, f"{_W}t").text = "☑" if checked(box) else "☐"
        run.addprevious(shown)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_NOTE_REF = re.compile(r'<a href="#(?:footnote|endnote)-\d+" id="(?:footnote|endnote)-ref-\d+">(\[\d+\])</a>')


_NOTE_BACK = re.compile(r'\s*<a href="#(?:footnote|endnote)-ref-\d+">↑</a>')


_NOTE_LIST = re.compile(r'<ol><li id="(?:footnote|endnote)-')


_FIRST_NUMBERED = re.compile("<ol>(<li>)" + NUMBER_MARK.pattern)


def list_starts(html: str) -> str:
    """mammoth's lists numbered from where Word's start (``headings.NUMBER_MARK``, written
    before each item numbered other than 1): a list that goes on after a paragraph (4. 5.)
    was numbered 1. 2. The marks inside a list are no number of its start: they go."""
    return NUMBER_MARK.sub("", _FIRST_NUMBERED.sub(r'<ol start="\2">\1', html))


def shown_notes(html: str) -> str:
    """mammoth's footnotes and endnotes as a page shows them: the mark in the text as [1],
    not a link to nowhere, and the notes under a line of their own (注释) without the ↑ links
    back (a helper's trial: a numbered list ending in ↑, under the last section)."""
    html = _NOTE_BACK.sub("", _NOTE_REF.sub(r"\1", html))
    # a bold line, not a heading: the import sets the headings' levels from the highest one
    # present, and a heading here moved every section a level down (a review)
    return _NOTE_LIST.sub(lambda m: "<p><strong>注释</strong></p>" + m.group(0), html, count=1)
