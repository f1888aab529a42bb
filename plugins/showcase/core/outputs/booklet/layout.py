"""On which page each case of a Word booklet starts, for the contents' page numbers.

A .docx holds no pages: the word processor lays it out when it opens it. The contents
page is a TOC field that Word and WPS rebuild on opening, but readers that show the
file without updating fields (WPS on some machines, Word's protected view,
LibreOffice, phone previews) print what the file holds. So the numbers are written in:

- ``laid_out``: when LibreOffice is installed, the booklet is converted to PDF once
  (headless, its own profile in a temporary folder). LibreOffice writes an outline
  from the headings, and each case's top-level entry points at the page its heading
  starts on. Every page is numbered (the cover without showing it), so the PDF page
  is the page number.
- ``estimate``: without LibreOffice, a simple model of the page: A4, the margins, font
  sizes and line spacing ``docx.py`` sets, characters per line (a Chinese character is
  one em, a Latin one half), photos at their printed height, keeping a photo whole.
  Each case starts on a new page, so errors do not add up within a case, only across
  cases whose last page is nearly full.
"""

from __future__ import annotations

import math
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from ...office import convert, soffice  # noqa: F401  (soffice: the finder callers and tests look up here)
from .content import Booklet, Entry, Image
from .title import WORD_JOINER

# The page docx.py sets up, in cm (the one place of the booklet's geometry: docx.py
# writes it, this module's estimate measures it): A4, margins 2.75 cm left/right and
# 2.5 cm top/bottom; a picture's width, the permalink box's link column and QR code.
PAGE_CM = (21.0, 29.7)
SIDE_MARGIN_CM, TOP_MARGIN_CM = 2.75, 2.5
TEXT_WIDTH_CM = PAGE_CM[0] - 2 * SIDE_MARGIN_CM  # 15.5
PICTURE_CM, LINK_CM, QR_COLUMN_CM, QR_CM = 12.0, 11.5, 4.0, 3.0
# ... and in points
CM = 72 / 2.54
TEXT_WIDTH = TEXT_WIDTH_CM * CM
# A contents entry: its title kept this far from the right margin, where its page number is,
# and its lines after the first this far in, under the title, not its number (a department's
# trial: a wrapped title ran into its page number, …探索与实践3, no dots between)
TOC_RIGHT_CM = 1.2
TOC_HANG_CM = 1.0
# LibreOffice lets the body run down to the footer (1.27 cm from the edge, python-docx's
# default), not to the 2.5 cm margin as Word does: 736 pt measured on its A4 pages, less
# what keeping two lines of a paragraph together and a table row whole leave empty at the
# foot (fitted, below).
TEXT_HEIGHT = 700.0
SPACING = 1.35  # Normal's line spacing (multiple)
# One single-spaced line, in ems: the Chinese font's height, since the text is declared
# Chinese (docx.py) — Noto Serif/Sans CJK as LibreOffice substitutes them for SimSun and
# SimHei, 23.25 pt from line to line at 12 pt and 1.35 in its PDF (1.435); fitted below.
LINE = 1.43
# Share of a line's width that text fills on average: a line cannot start with
# ，。、” nor end with “, and digits and Latin words do not break. Fitted, with LINE
# and TEXT_HEIGHT, on five booklets: the sample's 14 便民服务 cases and its 34 published
# ones (all exact), 30 long generated cases (27 exact), 20 (10) and 100 (66; what
# scripts/bench_booklet.py lays out) generated cases with two photos each; none is
# more than one page off. Those were booklets without QR codes (no site_url).
FILL = 0.98
# With QR codes (a site_url), BOX_PAD fitted on the same booklets. Since the permalink
# box's grid was fixed (the link on one line in LibreOffice) and tables got columns as wide
# as their text (column_widths), `python scripts/bench_booklet_estimate.py` gives: without
# codes the sample's 34 and 14 exact, 30 long generated cases 15 exact and 15 one page off,
# 20 with photos 1 and 19; with codes 31 and 3, 11 and 3, 27 and 3, and 1 exact, 12 one off
# and 7 two off for the photos (the errors of cases whose last page is nearly full add up).
BOX_PAD = 15.0
# A table row: its cells' text single-spaced (docx.py), LibreOffice's cell margins (0.19 cm
# a side) and the borders, the header row again on each new page. Fitted on four booklets of
# eight cases each, with tables of 0–60 rows of short, medium, long and wrapped cells, with
# and without QR codes: 48 of 64 cases exact, 18 pages off in all (the cells' text had
# Normal's 1.35 spacing and 6 pt after, which the estimate left out: a 40-row table took
# 7 pages in Word where it now takes 3, and every later case was a page or two off).
CELL_MARGIN, TABLE_FILL, ROW_PAD = 11.0, 0.98, 2.0
TIMEOUT = 600  # seconds for one layout at most; a 1,000-case booklet takes about a minute


def layout_seconds(cases: int) -> float:
    """How long LibreOffice is waited for to lay out a booklet of ``cases``: a minute for its
    start, half a second a case, ``TIMEOUT`` at most. A department's trial: a LibreOffice that
    hung kept a booklet of five cases waiting the whole ten minutes before the estimate."""
    return min(TIMEOUT, 60 + cases / 2)


# The permalink box's review line and GB/T 7714 entry (2 and 4 lines at 10.5 pt, under
# the permalink): a line of the entry's address alone is the Latin font's height (Times
# New Roman and Liberation Serif, 0.891 + 0.216 em), not the Chinese one's; CITE_PAD, for the
# cell when its text is taller than the QR code, fitted as BOX_PAD was (scripts/
# bench_booklet_estimate.py, figures in the commit that added them).
LATIN_LINE, CITE_PAD = 1.107, 5.0
# The permalink in the Word booklet: 10.5 pt (五号), in the link column less its cell margins
# (0.19 cm a side, as Word and LibreOffice set them), with a twentieth to spare.
LINK_PT = 10.5
LINK_WIDTH = (LINK_CM - 2 * 0.19) * CM
LINK_LINE = LINK_WIDTH * 0.95
# Advance widths (thousandths of an em) of Times New Roman, the booklet's Latin font
# (docx.LATIN), for the characters a web address holds; LibreOffice sets Liberation Serif,
# whose widths are the same. Any other character counts as an em.
_TIMES = {
    **dict.fromkeys(",.", 250),
    **dict.fromkeys("/:;\\ijlt", 278),
    **dict.fromkeys("!()-I[]`fr", 333),
    **dict.fromkeys("Js", 389),
    **dict.fromkeys("?acez", 444),
    **dict.fromkeys("{}", 480),
    **dict.fromkeys("#$*0123456789_bdghknopquvxy", 500),
    **dict.fromkeys("~", 541),
    **dict.fromkeys("FPS", 556),
    **dict.fromkeys("+<=>", 564),
    **dict.fromkeys("ELTZ", 611),
    **dict.fromkeys("BCR", 667),
    **dict.fromkeys("ADGHKNOQUVXYw", 722),
    **dict.fromkeys("&m", 778),
    **dict.fromkeys("%", 833),
    **dict.fromkeys("M", 889),
    **dict.fromkeys("@", 921),
    **dict.fromkeys("W", 944),
    "'": 180,
    "|": 200,
    '"': 408,
    "^": 469,
}


def url_parts(url: str) -> list[str]:
    """``url`` cut after each run of slashes, where a printed link may break (here for Word,
    ``pdf._link`` for the PDF)."""
    return re.findall(r"[^/]*/+|[^/]+", url)


def link_lines(url: str, size: float = LINK_PT, width: float = LINK_LINE) -> list[str]:
    """``url`` in the lines the Word booklet prints it on: one when it fits; otherwise broken
    after a slash, and a part between slashes wider than a line between two characters, a
    hyphen never last on a line. A word processor breaks a long link after a hyphen
    (…/hhht-xincheng-2022- / 001/), which reads as a hyphen added to break the word, and
    text taken from the page (pdftotext, a PDF reader's copy) drops it: 2022001/ leads
    nowhere (a department's trial)."""

    def wide(text: str) -> float:
        return sum(_TIMES.get(ch, 1000) for ch in text) * size / 1000

    lines = [""]
    for part in url_parts(url):  # each part with the slashes that end it
        if wide(lines[-1] + part) <= width:
            lines[-1] += part
            continue
        if lines[-1] and wide(part) <= width:
            lines.append(part)
            continue
        for ch in part:  # wider than a line: between characters
            if lines[-1] and wide(lines[-1] + ch) > width:
                line, carried = lines[-1], ""
                while line.endswith("-") and len(line) > 1:  # the hyphen begins the next line
                    line, carried = line[:-1], "-" + carried
                lines[-1] = line
                lines.append(carried)
            lines[-1] += ch
    return [line for line in lines if line]


def laid_out(docx: Path, entries: list[Entry], office: str) -> list[int] | None:
    """The page each entry's heading starts on, as LibreOffice lays ``docx`` out; None if it could not."""
    from .docx import heading_text

    with tempfile.TemporaryDirectory(prefix="booklet-layout-") as folder:
        work = Path(folder)
        source = work / "booklet.docx"
        shutil.copyfile(docx, source)
        pdf = convert(office, source, "pdf", timeout=layout_seconds(len(entries)))
        if pdf is None:
            return None
        return _heading_pages(pdf, [heading_text(e) for e in entries])


def _heading_pages(pdf: Path, headings: list[str]) -> list[int] | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(pdf))
        found: dict[str, int] = {}
        for item in reader.outline:
            if isinstance(item, list):  # the headings under the last one
                continue
            page = reader.get_destination_page_number(item)
            if page is not None:
                found.setdefault(" ".join(str(item.title).replace(WORD_JOINER, "").split()), page + 1)  # the heading's joiners (title.py)
    except (PyPdfError, OSError, ValueError, KeyError):
        return None
    pages = [found.get(" ".join(h.split())) for h in headings]
    if any(p is None for p in pages):
        return None
    return [p for p in pages if p is not None]


def _width(text: str, size: float) -> float:
    return sum(size if unicodedata.east_asian_width(ch) in "WFA" else size / 2 for ch in text)


def _lines(text: str, size: float, width: float = TEXT_WIDTH, fill: float | None = None) -> int:
    share = FILL if fill is None else fill
    return sum(max(1, math.ceil(_width(part, size) / (width * share))) for part in text.split("\n"))


class _Pages:
    """A running position down the page; ``page`` is the current page number."""

    def __init__(self, page: int = 1):
        self.page = page
        self.y = 0.0

    def new_page(self) -> None:
        self.page += 1
        self.y = 0.0

    def text(
        self,
        text: str,
        size: float = 12,
        spacing: float = SPACING,
        before: float = 0,
        after: float = 6,
        width: float = TEXT_WIDTH,
        keep: bool = False,
    ) -> None:
        line = size * LINE * spacing
        count = _lines(text, size, width)
        if self.y:
            self.y += before
        if keep and self.y + count * line > TEXT_HEIGHT:
            self.new_page()
        for _ in range(count):
            if self.y + line > TEXT_HEIGHT:
                self.new_page()
            self.y += line
        self.y += after

    def block(self, height: float, after: float = 6) -> None:
        if self.y and self.y + height > TEXT_HEIGHT:
            self.new_page()
        self.y += height + after


def column_widths(rows: list[list[str]], columns: int) -> list[float]:
    """A table's column widths in points, as wide as their text asks within the text width: a
    column whose longest cell fits in 10 characters gets that width, the others share the
    rest by how much they hold (at most 40 characters' worth each)."""

    def width(text: str) -> float:  # at 12 pt: a Chinese character 12, a Latin one 7 (digits are spaced from Chinese)
        return sum(12.0 if ord(ch) > 0x2E7F else 7.0 for ch in text)

    pad = 20.0  # the cell's margins and border
    need = [max([width(r[c]) for r in rows if c < len(r)] + [24.0]) + pad for c in range(columns)]
    if sum(need) <= TEXT_WIDTH:
        return need
    short = [n if n <= 10 * 12 + pad else 0.0 for n in need]
    left = TEXT_WIDTH - sum(short)
    long = [min(n, 40 * 12) if not s else 0.0 for n, s in zip(need, short, strict=True)]
    if left <= 0 or not sum(long):  # too many columns even so: equal shares
        return [TEXT_WIDTH / columns] * columns
    return [s or left * n / sum(long) for s, n in zip(short, long, strict=True)]


# A picture is at most this tall, so that a heading above it or its caption fits on its page:
# a 1:3 poster or long screenshot was set 36 cm tall on a page with 24.7 cm for text (a
# department's trial: LibreOffice shrank it, leaving its heading alone on a page).
MAX_PICTURE_CM = 17.0


def picture_cm(image: Image, width_cm: float) -> tuple[float, float]:
    """The size (cm) a picture is set at: ``width_cm`` wide, or narrower when that would
    make it taller than ``MAX_PICTURE_CM``."""
    height = width_cm * image.height / max(1, image.width)
    if height <= MAX_PICTURE_CM:
        return width_cm, height
    return width_cm * MAX_PICTURE_CM / height, MAX_PICTURE_CM


def _picture(pages: _Pages, image: Image, width: float) -> None:
    height = picture_cm(image, width / CM)[1] * CM
    pages.block(min(height, TEXT_HEIGHT) + 4)  # the picture's line is its height, not scaled by the spacing


def contents_lines(booklet: Booklet, digits: int) -> list[str]:
    from .docx import heading_text

    return [heading_text(e) + "…" * 2 + "0" * digits for e in booklet.entries]


def estimate(booklet: Booklet) -> list[int]:
    """Each entry's first page by the model in this module's docstring."""
    pages = _Pages()
    if booklet.intro:
        pages.new_page()
        pages.text(booklet.texts["booklet"]["intro_heading"], 14, before=10, after=0)
        for paragraph in booklet.intro:
            pages.text(paragraph)
    else:
        pages.new_page()
    pages.text(booklet.texts["booklet"]["contents"], 14, before=10, after=0)  # after the intro, on its page (docx._contents)
    for line in contents_lines(booklet, 3):
        pages.text(line, after=3, width=TEXT_WIDTH - (TOC_RIGHT_CM + TOC_HANG_CM) * CM)
    starts = []
    for entry in booklet.entries:
        pages.new_page()
        starts.append(pages.page)
        pages.text(f"{entry.number}. {entry.case.title}", 18, before=24, after=0, keep=True)
        pages.text(entry.meta, 10.5)
        pages.text(entry.case.summary)
        if entry.cover is not None:
            _picture(pages, entry.cover, TEXT_WIDTH)
        for block in entry.blocks:
            if block.kind == "heading":
                pages.text(block.text, 14 if block.level <= 2 else 12.5, before=10, after=0, keep=True)
            elif block.kind == "paragraph":
                pages.text(block.text)
            elif block.kind == "item":
                pages.text(block.text, width=TEXT_WIDTH - 0.63 * CM * block.level, after=0)
            elif block.kind == "image" and block.image is not None:
                _picture(pages, block.image, PICTURE_CM * CM)
                if block.image.alt:
                    pages.text(block.image.alt, 10)
            elif block.kind == "table" and block.rows:
                widths = column_widths(block.rows, max(len(r) for r in block.rows))
                header = 0.0
                for number, row in enumerate(block.rows):
                    lines = max(_lines(cell, 12, w - CELL_MARGIN, TABLE_FILL) for cell, w in zip(row, widths, strict=False))
                    height, page = lines * 12 * LINE + ROW_PAD, pages.page
                    pages.block(height, after=0)
                    if number == 0:
                        header = height
                    elif pages.page != page:  # the header row is repeated on the new page (docx.py _rows_whole)
                        pages.y += header
                pages.y += 6
        if entry.figures:
            pages.text(booklet.texts["booklet"]["figures"], 14, before=10, after=0, keep=True)  # as the document words it, a Heading 2
            for line in entry.figures:
                pages.text(line, width=TEXT_WIDTH - 0.63 * CM, after=0)
        # The permalink box: "永久链接：", the link (link_lines) and, with a QR code, "扫码…"
        # beside the 3 cm code and BOX_PAD for the cell margins and the row's spacing (fitted).
        # Then the review line and the GB/T 7714 entry (docx._cited), its address on lines of
        # its own in the Latin font's height; a column of text taller than the code has
        # CITE_PAD instead (fitted).
        normal = 2 if entry.qr_png else 1  # paragraphs at 12 pt: "永久链接：", "扫码…"
        small = len(link_lines(entry.permalink))  # lines at LINK_PT
        latin = 0
        if entry.review:
            small += _lines(entry.review, LINK_PT, LINK_WIDTH)
        if entry.cited:  # the entry up to its address, then the permalink's lines again
            small += _lines(entry.cited, LINK_PT, LINK_WIDTH)
            latin += len(link_lines(entry.permalink))
        paragraphs = normal + 1 + bool(entry.review) + bool(entry.cited)
        box = (normal * 12 + small * LINK_PT) * LINE * SPACING + latin * LINK_PT * LATIN_LINE * SPACING + 6 * paragraphs
        if not (entry.review or entry.cited):
            pages.block(max(box, QR_CM * CM) + BOX_PAD if entry.qr_png else box)
        else:
            pages.block(max(box + CITE_PAD, QR_CM * CM + BOX_PAD) if entry.qr_png else box + CITE_PAD)
    return starts
