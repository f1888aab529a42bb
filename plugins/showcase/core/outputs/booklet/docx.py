"""A booklet as a Word document (python-docx), for Word, WPS and LibreOffice.

- Fonts: 宋体 for text and 黑体 for headings, which every Chinese Word and WPS
  installation has, named SimSun and SimHei: Windows knows them by both names, and
  fontconfig (LibreOffice on Linux, 统信 and 麒麟 desktops included) has aliases for
  the English names only, so a machine without them substitutes a Chinese serif or
  sans (Noto Serif/Sans CJK) instead of any sans. The font table gives each its
  Chinese name as the alternative, the GB2312 character set and the family.
- Language: the text is declared Chinese (``office.chinese_text``), so that quotation
  marks are drawn full width with the Chinese font.
- Contents: a TOC field that Word and WPS rebuild on opening (``w:updateFields``),
  holding the entries already written, each with a PAGEREF field to its case's
  bookmark whose result is the page number, so that the page reads right before any
  update: laid out by LibreOffice when it is installed, estimated otherwise
  (``layout.py``).
- One section per case, on a new page; page numbers (a PAGE field) in the footer.
- Photos are the processed renditions (``content.Image``), never the originals.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Literal

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ...office import chinese_text, own_properties
from .content import Block, Booklet, Entry, Image, date_text
from .layout import (
    LINK_CM,
    PAGE_CM,
    PICTURE_CM,
    QR_CM,
    QR_COLUMN_CM,
    SIDE_MARGIN_CM,
    TEXT_WIDTH_CM,
    TOP_MARGIN_CM,
    column_widths,
    estimate,
    laid_out,
    picture_cm,
)
from .title import WORD_JOINER, heading_spans, place_spans, unbroken

# How the contents' page numbers were found: by LibreOffice's layout, estimated
# (no LibreOffice), or estimated because LibreOffice failed on this file.
Numbers = Literal["laid_out", "estimate", "failed"]

SERIF, SANS, LATIN = "SimSun", "SimHei", "Times New Roman"  # 宋体, 黑体
# name -> (altName, panose-1, family): what Word/WPS and LibreOffice substitute from
FONT_TABLE = {SERIF: ("宋体", "02010600030101010101", "auto"), SANS: ("黑体", "02010609060101010101", "modern")}
TEXT_WIDTH = Cm(TEXT_WIDTH_CM)
GREY = RGBColor(0x55, 0x55, 0x55)


def _fonts(style_or_run, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
    font = style_or_run.font
    font.name = LATIN
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), LATIN)
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _font_table(document) -> None:
    """Declare 宋体 and 黑体 with their alternative names, so that readers without them substitute well."""
    from lxml import etree

    part = next((rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    root = part.element if hasattr(part, "element") else etree.fromstring(part.blob)
    for name, (alt, panose, family) in FONT_TABLE.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", alt), ("w:panose1", panose), ("w:charset", "86"), ("w:family", family), ("w:pitch", "variable")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        root.append(font)
    if not hasattr(part, "element"):
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _field(paragraph, instruction: str, shown: str = ""):
    """A complex field (PAGE, PAGEREF, …) in one paragraph, with ``shown`` as its current result (the run returned)."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    result = paragraph.add_run(shown)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    return result


def _fld_char(paragraph, kind: str, instruction: str | None = None) -> None:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        char.set(qn("w:dirty"), "true")  # Word rebuilds it when the document opens
    run._r.append(char)
    if instruction is not None:
        run = paragraph.add_run()
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = f" {instruction} "
        run._r.append(text)


def _bookmark(paragraph, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    p = paragraph._p
    p.insert(1 if p.pPr is not None else 0, start)  # after the paragraph's properties, which come first (OOXML's order)
    p.append(end)


def _hyperlink(paragraph, url: str) -> None:
    """``url`` as a link a reader of the file can click, shown as itself (python-docx has no call for one)."""
    relation = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")  # styled as the text around it: the booklet is printed in black
    text = OxmlElement("w:t")
    text.text = url
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def heading_text(entry: Entry) -> str:
    """A case's heading, as the contents and the outline show it."""
    return f"{entry.number}. {entry.case.title}"


def bookmark_name(entry: Entry) -> str:
    return f"_Toc_sc_{entry.number:04d}"


def _table_text(paragraph, *, header: bool) -> None:
    """A cell's text single-spaced, without the space Normal leaves after a paragraph (a
    department's trial: a 40-row table took 7 pages in Word, 4 in the PDF, and the contents'
    estimate, which sets rows single-spaced, fell a page behind); the header row bold."""
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.space_after = Pt(0)
    if header:
        for run in paragraph.runs:
            run.bold = True


def _rows_whole(table, *, header: bool) -> None:
    """No row split across two pages; with ``header``, the first row repeated on each page."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if header and index == 0:
            properties.append(OxmlElement("w:tblHeader"))


def _column_widths(table, rows: list[list[str]], columns: int) -> None:
    """Columns as wide as their text asks (``layout.column_widths``; python-docx makes them
    equal: 序号 wrapped as 序/号 and a 45-row table took 10 pages)."""
    widths = [Pt(n) for n in column_widths(rows, columns)]
    table.autofit = False
    for column, size in zip(table.columns, widths, strict=True):
        column.width = size
    for tr in table._tbl.tr_lst:  # the cells' XML: asking python-docx for cells lists the whole table each time
        for tc, size in zip(tr.tc_lst, widths, strict=False):
            tc.width = size


def _styles(document) -> None:
    styles = document.styles
    _fonts(styles["Normal"], SERIF, 12)
    styles["Normal"].paragraph_format.line_spacing = 1.35
    styles["Normal"].paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12.5)):
        style = styles[name]
        _fonts(style, SANS, size, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
    toc = styles["TOC Heading"] if "TOC Heading" in [s.name for s in styles] else None
    if toc is not None:
        _fonts(toc, SANS, 16, bold=True)
    try:
        toc1 = styles["toc 1"]
    except KeyError:
        from docx.enum.style import WD_STYLE_TYPE

        toc1 = styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
        toc1.base_style = styles["Normal"]
    toc1.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    toc1.paragraph_format.space_after = Pt(3)


def _footer(section, words: dict) -> None:
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = words["page"].partition("{page}")
    paragraph.add_run(before)
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(after)


def _picture(document, image: Image, width_cm: float) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = False
    width, height = picture_cm(image, width_cm)  # as the contents' estimate sets it (layout.py)
    paragraph.add_run().add_picture(str(image.path), width=Cm(width), height=Cm(height))


def _cover(document, booklet: Booklet) -> None:
    words = booklet.texts["booklet"]
    for _ in range(6):
        document.add_paragraph()
    title = document.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, line in enumerate(booklet.title_lines()):  # cut between words, not inside one
        run = title.add_run()
        if number:
            run.add_break()
        run.add_text(line)
    count = document.add_paragraph(words["count"].format(count=len(booklet.entries)))
    count.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(8):
        document.add_paragraph()
    lines = booklet.cover_lines()
    for line in lines:
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if booklet.intro:
        paragraph = document.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(words["intro_heading"], level=2)
        for text in booklet.intro:
            document.add_paragraph(text)


def _contents(document, booklet: Booklet, pages: list[int]) -> list:
    """The contents page; returns the runs that show each entry's page number."""
    words = booklet.texts["booklet"]
    heading = document.add_paragraph(style="Heading 2")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(words["contents"])
    heading.paragraph_format.page_break_before = True
    entries = booklet.entries
    shown = []
    for n, entry in enumerate(entries):
        paragraph = document.add_paragraph(style="toc 1")
        if n == 0:
            _fld_char(paragraph, "begin", 'TOC \\o "1-1" \\h \\z \\u')
            _fld_char(paragraph, "separate")
        paragraph.add_run(heading_text(entry))
        paragraph.add_run("\t")
        shown.append(_field(paragraph, f"PAGEREF {bookmark_name(entry)} \\h", str(pages[n])))
        if n == len(entries) - 1:
            _fld_char(paragraph, "end")
    return shown


def meta_text(entry: Entry) -> str:
    """The line under a case's title, its date joined too (CJK text may break between any two
    characters; Word keeps a word joiner, and the date starts the line for LibreOffice,
    which does not). A period may still break at its 至."""
    meta = unbroken(entry.meta, place_spans(entry.meta, entry.case.region.parts()), WORD_JOINER.join)  # 赤 / 峰市 was set
    date = date_text(entry.case)
    if not date:
        return meta
    return meta.replace(date, "至".join(WORD_JOINER.join(day) for day in date.split("至")), 1)


def _runs_of(paragraph, block: Block):
    """The block's text in ``paragraph``, its bold pieces bold (the page's **…**)."""
    for text, bold in block.runs or [(block.text, False)]:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
    return paragraph


def _case(document, entry: Entry, booklet: Booklet) -> None:
    words = booklet.texts["booklet"]
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # only the cover goes without a number
    section.footer.is_linked_to_previous = True
    title = entry.case.title
    heading = document.add_heading(f"{entry.number}. " + unbroken(title, heading_spans(title), WORD_JOINER.join), level=1)
    _bookmark(heading, bookmark_name(entry), entry.number)
    meta = document.add_paragraph()
    run = meta.add_run(meta_text(entry))
    run.font.size = Pt(10.5)
    run.font.color.rgb = GREY
    summary = document.add_paragraph()
    _fonts(summary.add_run(entry.case.summary), SANS, 12)
    if entry.cover is not None:
        _picture(document, entry.cover, TEXT_WIDTH_CM)
    for n, block in enumerate(entry.blocks):
        if block.kind == "heading":
            document.add_heading(block.text, level=min(3, max(2, block.level)))
        elif block.kind == "paragraph":
            paragraph = _runs_of(document.add_paragraph(), block)
            following = entry.blocks[n + 1].kind if n + 1 < len(entry.blocks) else ""
            if block.text.rstrip().endswith(("：", ":")) and following in ("item", "table"):
                paragraph.paragraph_format.keep_with_next = True  # a lead-in goes with its list or table
        elif block.kind == "item":
            _runs_of(document.add_paragraph(style="List Bullet" if block.level <= 1 else "List Bullet 2"), block)
        elif block.kind == "image" and block.image is not None:
            _picture(document, block.image, PICTURE_CM)
            if block.image.alt:
                caption = document.add_paragraph()
                caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
                small = caption.add_run(block.image.alt)
                small.font.size = Pt(10)
                small.font.color.rgb = GREY
        elif block.kind == "table" and block.rows:
            columns = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=columns)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for number, (row, values) in enumerate(zip(table.rows, block.rows, strict=True)):
                for cell, value in zip(row.cells, values, strict=False):  # row by row: table.cell() lists every cell each time
                    cell.text = value
                    _table_text(cell.paragraphs[0], header=number == 0)
            _column_widths(table, block.rows, columns)
            _rows_whole(table, header=True)
    if entry.figures:
        document.add_heading(words["figures"], level=3)
        for line in entry.figures:
            document.add_paragraph(line, style="List Bullet").paragraph_format.keep_with_next = True  # whole, with the box
    if (last := document.element.body[-2]).tag == qn("w:p"):  # the box never stands alone: what precedes it comes along
        last.get_or_add_pPr().keepNext_val = True
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _rows_whole(table, header=False)  # the permalink and its QR code stay together
    table.autofit = False
    left, right = table.rows[0].cells
    # The grid as well as the cells: LibreOffice and WPS lay a table out by its grid
    # (python-docx's is two halves), which cut the permalink in two at a hyphen.
    for column, cell, width in zip(table.columns, (left, right), (Cm(LINK_CM), Cm(QR_COLUMN_CM)), strict=True):
        column.width = cell.width = width
    left.paragraphs[0].add_run(words["permalink"] + "：").bold = True
    _hyperlink(left.add_paragraph(), entry.permalink)
    if entry.qr_png is not None:
        left.add_paragraph(words["scan"])
        right.paragraphs[0].add_run().add_picture(io.BytesIO(entry.qr_png), width=Cm(QR_CM))


def write_docx(
    booklet: Booklet,
    out: Path,
    tick=None,
    *,
    office: str | None = None,
    step: Callable[[int], AbstractContextManager] | None = None,
) -> Numbers:
    """Lay ``booklet`` out as a .docx at ``out`` (written under a temporary name, then renamed).

    The contents' page numbers are estimated first; with ``office`` (LibreOffice's
    command) the written file is laid out and the numbers LibreOffice found replace the
    estimate. The estimate has the numbers' width, so writing the real ones changes no
    line of the contents and no page after it; if a number's width did change, the
    file is laid out once more. ``step(number)`` wraps each layout (a progress step).
    """
    document = Document()
    _styles(document)
    chinese_text(document)
    own_properties(document)
    _font_table(document)
    properties = document.core_properties
    properties.title = booklet.title
    properties.author = booklet.organizer or booklet.site_title
    properties.language = "zh-CN"
    # Not python-docx's template's (2013-12-23, "generated by python-docx"): the booklet's own
    # date, the newest publication of its cases, so that the same cases make the same file.
    made = datetime.combine(booklet.compiled, time(), tzinfo=UTC)
    properties.created = properties.modified = made
    properties.last_modified_by = properties.author
    properties.comments = ""
    properties.revision = 1
    first = document.sections[0]
    first.page_width, first.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    for side in ("left_margin", "right_margin"):
        setattr(first, side, Cm(SIDE_MARGIN_CM))
    first.top_margin = first.bottom_margin = Cm(TOP_MARGIN_CM)
    first.different_first_page_header_footer = True
    _footer(first, booklet.texts["booklet"])
    _cover(document, booklet)
    pages = estimate(booklet)
    shown = _contents(document, booklet, pages)
    for entry in booklet.entries:
        _case(document, entry, booklet)
        if tick is not None:
            tick()
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    temporary = out.with_name(f".{out.name}.tmp")
    numbers: Numbers = "estimate"
    try:
        document.save(str(temporary))
        if office is not None and booklet.entries:
            numbers = "failed"
            for number in (1, 2):
                with step(number) if step is not None else nullcontext():
                    found = laid_out(temporary, booklet.entries, office)
                if found is None:
                    break
                numbers = "laid_out"
                if found == pages:
                    break
                same_width = all(len(str(a)) == len(str(b)) for a, b in zip(found, pages, strict=True))
                pages = found
                for run, page in zip(shown, pages, strict=True):
                    run.text = str(page)
                document.save(str(temporary))
                if same_width:
                    break
        temporary.replace(out)
    finally:
        temporary.unlink(missing_ok=True)  # nothing half-written is left behind
    return numbers
