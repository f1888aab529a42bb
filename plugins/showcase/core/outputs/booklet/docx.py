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
  holding the entries already written as Word writes them, each a link to its case's
  bookmark (``w:hyperlink w:anchor``) with a PAGEREF field whose result is the page
  number, so that the page reads right, and its entries can be clicked, before any
  update: laid out by LibreOffice when it is installed, estimated otherwise
  (``layout.py``).
- One section per case, on a new page; page numbers (a PAGE field) in the footer.
- Photos are the processed renditions (``content.Image``), never the originals.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

from docx import Document
from docx.document import _Body
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.package import ImageParts
from docx.parts.image import ImagePart
from docx.shared import Cm, Length, Pt, RGBColor

from ...cachefile import temporary_beside
from ...office import chinese_text, own_properties, plain_headings
from .content import Block, Booklet, Entry, Image
from .layout import (
    LINK_CM,
    LINK_PT,
    PAGE_CM,
    PICTURE_CM,
    QR_CM,
    QR_COLUMN_CM,
    SIDE_MARGIN_CM,
    TEXT_WIDTH_CM,
    TOC_HANG_CM,
    TOC_RIGHT_CM,
    TOP_MARGIN_CM,
    column_widths,
    estimate,
    laid_out,
    link_lines,
    picture_cm,
)
from .title import running_head

if TYPE_CHECKING:
    import docx.document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.styles.style import CharacterStyle
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

# How the contents' page numbers were found: by LibreOffice's layout, estimated
# (no LibreOffice), or estimated because LibreOffice failed on this file.
Numbers = Literal["laid_out", "estimate", "failed"]

SERIF, SANS, LATIN = "SimSun", "SimHei", "Times New Roman"  # 宋体, 黑体
# name -> (altName, panose-1, family): what Word/WPS and LibreOffice substitute from
FONT_TABLE = {SERIF: ("宋体", "02010600030101010101", "auto"), SANS: ("黑体", "02010609060101010101", "modern")}
TEXT_WIDTH = Cm(TEXT_WIDTH_CM)
GREY = RGBColor(0x55, 0x55, 0x55)


class _IndexedImageParts(ImageParts):
    """python-docx's pictures of a document, found by their content and numbered in a time
    that does not grow with the document. Its own hashed every picture already in the
    document (SHA-1 of each blob, again) for each new one, and looked for the lowest unused
    number through all their names: a booklet of 3,005 cases (a QR code each) took about
    0.1 s a case to write where 400 took 0.012 s (an editor's trial at 10,000 cases). The
    parts and their names are the same as python-docx makes them."""

    def __init__(self, parts: ImageParts) -> None:
        super().__init__()
        self._by_sha1: dict[str, ImagePart] = {}
        self._numbers: set[int] = set()
        self._lowest = 1  # no number below it is free: numbers are only ever taken
        for part in parts:
            self.append(part)

    def append(self, item: ImagePart) -> None:
        super().append(item)
        self._by_sha1.setdefault(item.sha1, item)  # the first of two alike, as the list is searched
        self._numbers.add(item.partname.idx)

    def _get_by_sha1(self, sha1: str) -> ImagePart | None:
        return self._by_sha1.get(sha1)

    def _next_image_partname(self, ext: str) -> PackURI:
        while self._lowest in self._numbers:
            self._lowest += 1
        return PackURI(f"/word/media/image{self._lowest}.{ext}")


def index_images(document: docx.document.Document) -> None:
    """Give ``document``'s package the image parts above (a lazy property's cached value)."""
    package = document.part.package
    package.__dict__["image_parts"] = _IndexedImageParts(package.image_parts)


def no_spacing(run: Run) -> None:
    """No space around ``run``'s last picture: without these LibreOffice puts its default
    0.32 cm at each side of an inline picture, and a photo as wide as the text overhung the
    right margin by about 4 mm (a department's trial); Word reads no attribute as 0 too."""
    inline = run._r.findall(f".//{qn('wp:inline')}")[-1]
    for side in ("distT", "distB", "distL", "distR"):
        inline.set(side, "0")


class _Blocks:
    """Paragraphs, headings and tables added at the document's end in a time that does not
    grow with the document. python-docx inserts each before the body's closing section
    properties, which it finds by scanning the whole body, and looks a style up by its
    name among all styles each time: writing a booklet of 600 cases took 29 s, more a case
    the further it got (a department's trial watched the time left grow). Each case is
    written into a body of its own, then moved before the section properties at once;
    each style's id is looked up once. The XML written is the same."""

    def __init__(self, document: docx.document.Document) -> None:
        self.document = document
        index_images(document)
        self.inside = False  # in ``at_end``: a picture's id is given as the case is moved in
        self.rids: dict[ImagePart, str] | None = None  # each picture's relationship (``_image_rid``)
        self.free_rid = 1  # no rId below it is free: relationships are only ever added
        self.ids: dict[tuple[str, WD_STYLE_TYPE], str | None] = {}
        self.body = _Body(document.element.body, document)
        self.pictures = len(document.element.body.findall(f".//{qn('wp:docPr')}"))  # numbered 1, 2, … in order

    def _id(self, name: str, kind: WD_STYLE_TYPE) -> str | None:
        if (name, kind) not in self.ids:
            self.ids[name, kind] = self.document.part.get_style_id(name, kind)
        return self.ids[name, kind]

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        paragraph = self.body.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self._id(style, WD_STYLE_TYPE.PARAGRAPH)
        return paragraph

    def heading(self, text: str, level: int) -> Paragraph:
        return self.paragraph(text, f"Heading {level}")

    def table(self, rows: int, cols: int, style: str | None = None) -> Table:
        table = self.body.add_table(rows, cols, TEXT_WIDTH)
        if style is not None:
            table._tbl.tblStyle_val = self._id(style, WD_STYLE_TYPE.TABLE)
        return table

    def picture(self, run: Run, image: str | IO[bytes], width: Length, height: Length | None = None, description: str = "") -> None:
        """``run.add_picture`` inside ``at_end``, without python-docx's search of the whole
        document for a free id (``next_id``: every id attribute read again for each picture),
        which made each picture cost more the longer the booklet was (an editor's trial at
        10,000 cases); the id is given as the case is moved in, as it was after that search.
        ``description``: what a screen reader says of it (Word's 替换文字; an accessibility
        audit found none on any picture)."""
        if not self.inside:
            run.add_picture(image, width=width, height=height)
        else:
            part = self.document.part.package.get_or_add_image_part(image)  # found by content: _IndexedImageParts
            picture = part.image
            cx, cy = picture.scaled_dimensions(width, height)
            run._r.add_drawing(CT_Inline.new_pic_inline(0, self._image_rid(part), picture.filename, cx, cy))
        no_spacing(run)
        if description:
            run._r.findall(f".//{qn('wp:docPr')}")[-1].set("descr", description)

    def _image_rid(self, part: ImagePart) -> str:
        """The document's relationship to a picture, as ``relate_to`` gives it (the first one
        to it, else a new one with the lowest free rId), without its search of every
        relationship for each picture (the same trial)."""
        rels = self.document.part.rels
        if self.rids is None:  # the pictures related before (the cover's), the first of each
            self.rids = {}
            for rid, rel in rels.items():
                if rel.reltype == RT.IMAGE and not rel.is_external:
                    self.rids.setdefault(rel.target_part, rid)
        if part not in self.rids:
            while f"rId{self.free_rid}" in rels:
                self.free_rid += 1
            self.rids[part] = rels.add_relationship(RT.IMAGE, part, f"rId{self.free_rid}").rId
        return self.rids[part]

    def last(self) -> BaseOxmlElement:
        """The block added last."""
        return self.body._element[-1]

    @contextmanager
    def at_end(self) -> Iterator[None]:
        """What is added inside goes to a body of its own, then before the section properties."""
        own = OxmlElement("w:body")
        whole, self.body = self.body, _Body(own, self.document)
        self.inside = True
        try:
            yield
        finally:
            self.body, self.inside = whole, False
            # python-docx numbers a picture after the highest number in the document, which
            # the body of its own is not in yet: two pictures of one case (the cover, the QR
            # code) had one number (a review), which Word may call unreadable content
            for drawing in own.iter(qn("wp:docPr")):
                self.pictures += 1
                drawing.set("id", str(self.pictures))
                drawing.set("name", f"Picture {self.pictures}")  # as python-docx names it by its number
            end = whole._element[-1]  # the closing section properties
            for block in list(own):
                end.addprevious(block)


def _fonts(style_or_run: CharacterStyle | Run, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
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


def _font_table(document: docx.document.Document) -> None:
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


def _field(paragraph: Paragraph, instruction: str, shown: str = "") -> Run:
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


def _fld_char(paragraph: Paragraph, kind: str, instruction: str | None = None) -> None:
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


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    p = paragraph._p
    p.insert(1 if p.pPr is not None else 0, start)  # after the paragraph's properties, which come first (OOXML's order)
    p.append(end)


def _hyperlink(paragraph: Paragraph, url: str, size: float) -> None:
    """``url`` as a link a reader of the file can click, shown as itself (python-docx has no
    call for one), in ``size`` points, its lines as ``layout.link_lines`` breaks it."""
    relation = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")  # styled as the text around it: the booklet is printed in black
    properties = OxmlElement("w:rPr")
    for tag in ("w:sz", "w:szCs"):
        half_points = OxmlElement(tag)
        half_points.set(qn("w:val"), str(round(size * 2)))
        properties.append(half_points)
    run.append(properties)
    for number, line in enumerate(link_lines(url, size)):
        if number:
            run.append(OxmlElement("w:br"))
        text = OxmlElement("w:t")
        text.text = line
        run.append(text)
    link.append(run)
    paragraph._p.append(link)


def heading_text(entry: Entry, after_number: str = " ") -> str:
    """A case's heading, as the outline shows it; the contents put a tab after its number
    (to the hanging indent, so a wrapped title's lines start under the title)."""
    return f"{entry.number}.{after_number}{entry.case.title}"


def bookmark_name(entry: Entry) -> str:
    return f"_Toc_sc_{entry.number:04d}"


def _table_text(paragraph: Paragraph, *, header: bool) -> None:
    """A cell's text single-spaced, without the space Normal leaves after a paragraph (a
    department's trial: a 40-row table took 7 pages in Word, 4 in the PDF, and the contents'
    estimate, which sets rows single-spaced, fell a page behind); the header row bold."""
    paragraph.paragraph_format.line_spacing = 1.0
    paragraph.paragraph_format.space_after = Pt(0)
    if header:
        for run in paragraph.runs:
            run.bold = True


def _rows_whole(table: Table, *, header: bool) -> None:
    """No row split across two pages; with ``header``, the first row repeated on each page."""
    for index, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if header and index == 0:
            properties.append(OxmlElement("w:tblHeader"))


def _boxed(table: Table) -> None:
    """A thin grey line around the table, none between its cells: the permalink box as the
    PDF draws it (``.cite``'s border; a department's trial: the Word box had none, and the
    permalink read as one more paragraph of the case)."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right"):  # in the schema's order
        line = OxmlElement(f"w:{side}")
        for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "999999")):
            line.set(qn(name), value)
        borders.append(line)
    table._tbl.tblPr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def _column_widths(table: Table, rows: list[list[str]], columns: int) -> None:
    """Columns as wide as their text asks (``layout.column_widths``; python-docx makes them
    equal: 序号 wrapped as 序/号 and a 45-row table took 10 pages)."""
    widths = [Pt(n) for n in column_widths(rows, columns)]
    table.autofit = False
    for column, size in zip(table.columns, widths, strict=True):
        column.width = size
    for tr in table._tbl.tr_lst:  # the cells' XML: asking python-docx for cells lists the whole table each time
        for tc, size in zip(tr.tc_lst, widths, strict=False):
            tc.width = size


def _styles(document: docx.document.Document) -> None:
    styles = document.styles
    _fonts(styles["Normal"], SERIF, 12)
    styles["Normal"].paragraph_format.line_spacing = 1.35
    styles["Normal"].paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12.5)):
        _fonts(styles[name], SANS, size, bold=True)
    plain_headings(document)
    toc = styles["TOC Heading"] if "TOC Heading" in [s.name for s in styles] else None
    if toc is not None:
        _fonts(toc, SANS, 16, bold=True)
    try:
        toc1 = styles["toc 1"]
    except KeyError:
        toc1 = styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
        toc1.base_style = styles["Normal"]
    toc1.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    toc1.paragraph_format.space_after = Pt(3)
    # the title short of the page number's place, its wrapped lines under it (layout.TOC_RIGHT_CM)
    toc1.paragraph_format.right_indent = Cm(TOC_RIGHT_CM)
    toc1.paragraph_format.left_indent = Cm(TOC_HANG_CM)
    toc1.paragraph_format.first_line_indent = Cm(-TOC_HANG_CM)


def _footer(section: Section, words: dict) -> None:
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = words["page"].partition("{page}")
    paragraph.add_run(before)
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(after)


# What the running head holds on one line: 9 pt over the 15.5 cm between Word's margins is 48 em.
HEAD_EM = 48.0


def _header(section: Section, title: str) -> None:
    """The booklet's title at the top of every page but the cover (a printed 汇编's running
    head, which a page taken out of it keeps; compileH). In the top margin: the text area,
    and so the contents' page numbers (layout.py), stay as they were."""
    section.header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(running_head(title, HEAD_EM))
    _fonts(run, SANS, 9)
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _picture(blocks: _Blocks, image: Image, width_cm: float, description: str) -> None:
    paragraph = blocks.paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_with_next = False
    width, height = picture_cm(image, width_cm)  # as the contents' estimate sets it (layout.py)
    blocks.picture(paragraph.add_run(), str(image.path), Cm(width), Cm(height), description)


def _cover(blocks: _Blocks, booklet: Booklet) -> None:
    words = booklet.texts["booklet"]
    for _ in range(6):
        blocks.paragraph()
    title = blocks.paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, line in enumerate(booklet.title_lines()):  # cut between words, not inside one
        run = title.add_run()
        if number:
            run.add_break()
        run.add_text(line)
    count = blocks.paragraph(words["count"].format(count=len(booklet.entries)))
    count.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for _ in range(8):
        blocks.paragraph()
    lines = booklet.cover_lines()
    for line in lines:
        paragraph = blocks.paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if booklet.intro:
        paragraph = blocks.paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        blocks.heading(words["intro_heading"], level=2)
        for text in booklet.intro:
            blocks.paragraph(text)


def _contents(blocks: _Blocks, booklet: Booklet, pages: list[int]) -> list:
    """The contents page; returns the runs that show each entry's page number."""
    words = booklet.texts["booklet"]
    heading = blocks.paragraph(style="Heading 2")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(words["contents"])
    heading.paragraph_format.page_break_before = not booklet.intro  # after the intro, on its page (one sentence had page 2 to itself)
    entries = booklet.entries
    shown = []
    for n, entry in enumerate(entries):
        paragraph = blocks.paragraph(style="toc 1")
        if n == 0:
            _fld_char(paragraph, "begin", 'TOC \\o "1-1" \\h \\z \\u')
            _fld_char(paragraph, "separate")
        # As Word writes an entry of a TOC \h field: a link to the case's bookmark holding
        # the title, the tab and the PAGEREF, so that the entry is one to click before any
        # update (LibreOffice, WPS and a phone's preview do not update; they had plain text).
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark_name(entry))
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        # the number, a tab to the hanging indent, the title: its wrapped lines start under the title (a review)
        runs = [paragraph.add_run(heading_text(entry, "\t")), paragraph.add_run("\t")]
        shown.append(_field(paragraph, f"PAGEREF {bookmark_name(entry)} \\h", str(pages[n])))
        for child in list(paragraph._p)[paragraph._p.index(runs[0]._r) :]:
            link.append(child)  # the runs just added, into the link (python-docx adds them to the paragraph)
        if n == len(entries) - 1:
            _fld_char(paragraph, "end")  # after the link: the TOC field holds the entries, not a part of one
    return shown


def _runs_of(paragraph: Paragraph, block: Block) -> Paragraph:
    """The block's text in ``paragraph``, its bold pieces bold (the page's **…**)."""
    for text, bold in block.runs or [(block.text, False)]:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
    return paragraph


def _case(blocks: _Blocks, entry: Entry, booklet: Booklet) -> None:
    section = blocks.document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False  # only the cover goes without a number
    section.footer.is_linked_to_previous = True
    with blocks.at_end():
        _case_blocks(blocks, entry, booklet)


def _case_blocks(blocks: _Blocks, entry: Entry, booklet: Booklet) -> None:
    words = booklet.texts["booklet"]
    title = entry.case.title
    # The Word booklet's text is the cases' as written: no word joiner (U+2060) keeps a place,
    # a date or a heading's last characters on one line as the PDF's spans do (title.py). The
    # office edits this file: a department's trial found 545 joiners in ten cases, so that a
    # date, a place or a citation copied into a document carried them, and Find did not find
    # 2024年3月18日 or [EB/OL]. LibreOffice drops them in its layout anyway (the date starts its line).
    heading = blocks.heading(f"{entry.number}. {title}", level=1)
    _bookmark(heading, bookmark_name(entry), entry.number)
    meta = blocks.paragraph()
    run = meta.add_run(entry.meta)
    run.font.size = Pt(10.5)
    run.font.color.rgb = GREY
    summary = blocks.paragraph()
    _fonts(summary.add_run(entry.case.summary), SANS, 12)
    if entry.cover is not None:
        _picture(blocks, entry.cover, TEXT_WIDTH_CM, words["cover_alt"].format(title=title))
    for n, block in enumerate(entry.blocks):
        if block.kind == "heading":
            blocks.heading(block.text, level=min(3, max(2, block.level)))
        elif block.kind == "paragraph":
            paragraph = _runs_of(blocks.paragraph(), block)
            following = entry.blocks[n + 1].kind if n + 1 < len(entry.blocks) else ""
            if block.text.rstrip().endswith(("：", ":")) and following in ("item", "table"):
                paragraph.paragraph_format.keep_with_next = True  # a lead-in goes with its list or table
        elif block.kind == "item" and block.number:  # its number written, as the page shows it
            item = blocks.paragraph(style="List" if block.level <= 1 else "List 2")
            item.add_run(f"{block.number}. ")
            _runs_of(item, block)
        elif block.kind == "item":
            _runs_of(blocks.paragraph(style="List Bullet" if block.level <= 1 else "List Bullet 2"), block)
        elif block.kind == "image" and block.image is not None:
            _picture(blocks, block.image, PICTURE_CM, block.image.alt)
            if block.image.alt:
                caption = blocks.paragraph()
                caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
                small = caption.add_run(block.image.alt)
                small.font.size = Pt(10)
                small.font.color.rgb = GREY
        elif block.kind == "table" and block.rows:
            columns = max(len(r) for r in block.rows)
            table = blocks.table(len(block.rows), columns, style="Table Grid")
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for number, (row, values) in enumerate(zip(table.rows, block.rows, strict=True)):
                for cell, value in zip(row.cells, values, strict=False):  # row by row: table.cell() lists every cell each time
                    cell.text = value
                    _table_text(cell.paragraphs[0], header=number == 0)
            _column_widths(table, block.rows, columns)
            _rows_whole(table, header=True)
    if entry.figures:
        blocks.heading(words["figures"], level=2)  # a section of the case, as 基本情况 is (Heading 3 was under the last one)
        for line in entry.figures:
            blocks.paragraph(line, style="List Bullet").paragraph_format.keep_with_next = True  # whole, with the box
    if (last := blocks.last()).tag == qn("w:p"):  # the box never stands alone: what precedes it comes along
        last.get_or_add_pPr().keepNext_val = True
    table = blocks.table(1, 2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _rows_whole(table, header=False)  # the permalink and its QR code stay together
    _boxed(table)
    table.autofit = False
    left, right = table.rows[0].cells
    # The grid as well as the cells: LibreOffice and WPS lay a table out by its grid
    # (python-docx's is two halves), which cut the permalink in two at a hyphen.
    for column, cell, width in zip(table.columns, (left, right), (Cm(LINK_CM), Cm(QR_COLUMN_CM)), strict=True):
        column.width = cell.width = width
    left.paragraphs[0].add_run(words["permalink"] + "：").bold = True
    _hyperlink(left.add_paragraph(), entry.permalink, LINK_PT)  # never cut after a hyphen (layout.link_lines)
    if entry.qr_png is not None:
        left.add_paragraph().add_run(words["scan"]).font.size = Pt(LINK_PT)  # as the lines beside it (a trial: larger than them)
        blocks.picture(right.paragraphs[0].add_run(), io.BytesIO(entry.qr_png), Cm(QR_CM), description=words["qr_alt"])
    if entry.review:  # as the case page says it (layout.estimate counts these paragraphs too)
        left.add_paragraph().add_run(entry.review).font.size = Pt(LINK_PT)
    if entry.cited:
        _cited(left.add_paragraph(), entry)


def _cited(paragraph: Paragraph, entry: Entry) -> None:
    """The GB/T 7714 entry, its address (the permalink) on a line of its own broken as the permalink is (link_lines)."""
    run = paragraph.add_run(entry.cited)
    run.font.size = Pt(LINK_PT)
    run.add_break()
    _hyperlink(paragraph, entry.permalink, LINK_PT)
    paragraph.add_run(".").font.size = Pt(LINK_PT)


def _dated_parts(path: Path, day: date) -> None:
    """Every part of the package dated ``day``, the booklet's own date: zipfile stamps each
    part python-docx writes with the moment it was saved, so the same cases made a file
    that differed in every build (a new download for every reader's cache, a new file to
    every deploy)."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)  # a zip's dates start in 1980
    with zipfile.ZipFile(path) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w") as package:
        for info, data in parts:
            dated = zipfile.ZipInfo(info.filename, stamp)
            dated.compress_type, dated.external_attr = info.compress_type, info.external_attr
            package.writestr(dated, data)


def write_docx(
    booklet: Booklet,
    out: Path,
    tick: Callable[[], None] | None = None,
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
    properties.title = booklet.title[:255]  # Word's limit for a document property (titles are checked to 80 characters)
    properties.author = (booklet.organizer or booklet.site_title)[:255]  # the same limit: a long site_name was a ValueError
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
    _header(first, booklet.title)
    blocks = _Blocks(document)
    _cover(blocks, booklet)
    pages = estimate(booklet)
    with blocks.at_end():
        shown = _contents(blocks, booklet, pages)
    for entry in booklet.entries:
        _case(blocks, entry, booklet)
        if tick is not None:
            tick()
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    numbers: Numbers = "estimate"
    with temporary_beside(out) as temporary:
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
        _dated_parts(temporary, booklet.compiled)
        temporary.replace(out)
    return numbers
