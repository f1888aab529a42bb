"""The Word submission form (申报表): written by ``showcase template``, published by the site (下载申报表), read back by ``showcase import``.

One two-column table, a row per form field: the label (and under it, in small grey
type, what to write: allowed values and bounds, from the field table and the site's
taxonomy) in the first cell, the value in the second. Then the write-up's four headings,
each with one line of guidance, and the note on photos. Every fixed text of the form is
known here, so the reader can drop the guidance a filler left in place.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cachefile import write_atomic
from ..case.fields import FIELDS, Field
from ..collection.taxonomy import Taxonomy
from ..media.sharecard import SIZE as CARD_SIZE
from ..office import chinese_text, own_properties, plain_headings
from ..packaged import read_packaged

MIN_COVER_WIDTH = CARD_SIZE[0]  # a cover at least as wide as the share card (1200×630)

if TYPE_CHECKING:
    from docx.shared import Length
    from docx.styles.style import BaseStyle
    from docx.text.run import Run


@cache
def form_texts() -> dict[str, Any]:
    """The packaged words of the form (data/form.yml)."""
    return read_packaged("form.yml")


# What a site's form file may not change: the import reads these back, from every form
# (one made with the packaged words too), so their words are the same on every site.
_FIXED = {
    "sections": "showcase import 按这四个小标题把收回的申报表正文分成案例的四部分，并按它们下面的提示语删去没改动的提示；"
    "改了就读不回来。标题和提示都要保持内置 form.yml 里的样子。",
    "body_heading": "showcase import 按这个标题认出正文从哪里开始、把它从案例里去掉，下面的四个小标题才成为案例的小标题；"
    "改了以后，按原来的文字做的申报表导入时会多出这个标题。",
}
# Characters a file name cannot have in a web address (/downloads/<file_name>) or as one
# name (a folder's /); those Windows refuses, portable.windows_problem says.
_NOT_IN_NAMES = re.compile(r"[/#%]")


def _file_name_problem(value: object) -> str | None:
    if not isinstance(value, str):
        return None  # said as a word that should be words
    from ..collection.portable import NAME_BYTES, windows_problem

    if (size := len(value.encode("utf-8", "surrogateescape"))) > NAME_BYTES:
        # the build writes downloads/<file_name> and template saves it: a longer name stopped
        # both with Python's OSError (File name too long)
        return (
            f"“file_name” 太长：有 {size} 个字节。网站在 Linux 电脑上生成，那里一个文件名最多 {NAME_BYTES} 个字节"
            f"（约 {NAME_BYTES // 3} 个汉字）。请改成短一些的名字（例如 长沙市案例申报表.docx）。"
        )
    if (
        _NOT_IN_NAMES.search(value)
        or value.startswith(".")
        or value.strip() != value
        or not value.lower().endswith(".docx")
        or windows_problem(value)  # a device's name (CON.docx): Windows cannot save or open it
    ):
        return (
            f"“file_name” 应是一个以 .docx 结尾的文件名（例如 长沙市案例申报表.docx），现在是“{value}”。"
            '文件名里不能有 / \\ : * ? " < > | # % 这些符号，也不能以点开头或前后带空格：'
            "网站在 /downloads/ 下用这个名字发布申报表，showcase template 默认也存成这个名字。"
        )
    return None


def load_form(path: Path | None = None) -> dict[str, Any]:
    """The form's words: data/form.yml, with a site's own file (``form`` option) merged over
    it, read and checked as the site's texts are (core/site/texts.py). Raises TextsError
    (a ConfigError) naming the file and the line of each word it cannot use."""
    from ..site.texts import SiteWords, may_omit, merge_site_words

    kind = SiteWords(
        "申报表文字",
        "form.yml",
        "申报表上",
        "生成申报表时",
        refused=_FIXED,
        words_only=True,
        checks={"file_name": _file_name_problem},
        guess_cutoff=0.5,
        # plain words, each placeholder kept but those data/may-omit.yml names, as the site's texts
        plain=True,
        may_omit=may_omit("form", form_texts()),
    )
    return merge_site_words(form_texts(), path, kind)


def _with_packaged(words: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The packaged words, and the site's when it has its own: the import reads a form made
    with either (forms sent out before the site had its own words come back too)."""
    return [form_texts()] if words is None or words is form_texts() else [form_texts(), words]


def form_file(words: dict[str, Any] | None = None) -> str:
    """Where the site publishes the form (下载申报表); ``words``: the site's (``load_form``)."""
    return "downloads/" + (words or form_texts())["file_name"]


def form_downloads(taxonomy: Taxonomy, words: dict[str, Any] | None = None) -> dict[str, bytes]:
    """What the site publishes of the form, site path -> bytes: the form in the site's words
    at its ``file_name``, and the same file at the packaged name when the site has its own
    (the packaged about page and the editors' guide link that name, as may a notice sent out
    before the site named its own)."""
    data = form_bytes(taxonomy, words)
    return {form_file(words): data, form_file(): data}


@cache
def form_only_fields() -> tuple[Field, ...]:
    raw = read_packaged("fields.yml").get("form_only") or []
    return tuple(Field(key=e["key"], label=e["label"], kind=e["kind"], min=e.get("min"), max=e.get("max"), form=e["form"]) for e in raw)


@dataclass(frozen=True)
class Row:
    """One row of the form: its label, the front-matter path it fills (None: form only), its field."""

    label: str
    path: tuple[str, ...] | None
    field: Field


def rows() -> list[Row]:
    """The form's rows in the field table's order, then the contact rows."""
    found: list[Row] = []
    for top in FIELDS:
        if top.form:
            found.append(Row(top.form, (top.key,), top))
        found.extend(Row(child.form, (top.key, child.key), child) for child in top.fields if child.form)
    found.extend(Row(f.form or f.label, None, f) for f in form_only_fields())
    return found


def _choices(row: Row, taxonomy: Taxonomy) -> str:
    vocab = taxonomy.vocabulary(row.field.vocabulary)
    if vocab is not None and row.field.vocabulary != "provinces":  # the 34 provinces are not listed in a hint
        return "、".join(t.label for t in vocab.terms) or "（本站未设）"
    notes = row.field.choice_notes or ("",) * len(row.field.choices)
    return "或".join(f"“{choice}”" + (f"（{note}）" if note else "") for choice, note in zip(row.field.choices, notes, strict=True))


def hint(row: Row, taxonomy: Taxonomy, words: dict[str, Any] | None = None) -> str:
    """What to write in the row, in plain Chinese: 必填, bounds, allowed values.
    ``words``: the site's form words (``load_form``); None: the packaged ones."""
    texts = words or form_texts()
    said = str(texts["hints"].get(row.label, ""))
    # a hint with none of the placeholders is shown as written (a site's own may hold a brace)
    if _FILLED.search(said):
        said = said.format(min=row.field.lo, max=row.field.hi, choices=_choices(row, taxonomy))
    return f"{texts['required']}。{said}" if row.field.required else said


_FILLED = re.compile(r"\{(min|max|choices)\}")


def hints(row: Row, taxonomy: Taxonomy, words: dict[str, Any] | None = None) -> set[str]:
    """The row's hint as the packaged words and the site's write it, each without spaces."""
    return {squash(hint(row, taxonomy, texts)) for texts in _with_packaged(words)}


def fixed_texts(taxonomy: Taxonomy, words: dict[str, Any] | None = None) -> set[str]:
    """Every line the form itself prints outside the table, in the packaged words and the
    site's (``words``): dropped when read back."""
    found: set[str] = set()
    for texts in _with_packaged(words):
        found |= {texts["title"], texts["intro"], texts["body_heading"], texts["body_intro"], photos_text(texts)}
        found.update(guidance for _, guidance in texts["sections"])
    return {squash(t) for t in found}


def photos_text(texts: dict[str, Any]) -> str:
    """The form's note on photos, ``{cover_width}`` written as the share card's width: a cover
    narrower is blown up on the card (the import's report says so of a cover, from the same number)."""
    return str(texts["photos"]).replace("{cover_width}", str(MIN_COVER_WIDTH))


def squash(text: str) -> str:
    """Text compared without its spaces (Word and LibreOffice rewrap and respace)."""
    return re.sub(r"\s+", "", text)


def _east_asian(run_or_style: Run | BaseStyle, font: str) -> None:
    from docx.oxml.ns import qn

    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), font)


def write_form(path: Path, taxonomy: Taxonomy, words: dict[str, Any] | None = None) -> Path:
    """Write the form to ``path`` (a .docx), in the site's ``words`` (``load_form``; None: the packaged)."""
    write_atomic(path, form_bytes(taxonomy, words))  # whole or not at all: a full disk keeps the old form
    return path


# The forms this process made, by what they are made of (``_made_of``): every build publishes
# the form, and python-docx took 0.04 s of CPU to write it again in each build and each
# rebuild of `mkdocs serve`. A handful at most (a site's words and the packaged ones).
_MADE: dict[str, bytes] = {}
_MADE_AT_MOST = 8


def _made_of(taxonomy: Taxonomy, texts: dict[str, Any]) -> str:
    """A digest of everything ``_document`` reads: the words, and each row's hint (all it
    prints of the taxonomy); the rows themselves are the field table, code."""
    made_of = [texts, [(row.label, hint(row, taxonomy, texts)) for row in rows()]]
    return hashlib.sha256(json.dumps(made_of, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def form_bytes(taxonomy: Taxonomy, words: dict[str, Any] | None = None) -> bytes:
    """The form as .docx bytes, the same bytes for the same taxonomy and words (the site
    publishes it at every build: fixed document dates and zip timestamps keep builds reproducible)."""
    texts = words or form_texts()
    key = _made_of(taxonomy, texts)
    made = _MADE.get(key)
    if made is not None:
        return made
    raw = _document(taxonomy, texts)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    if len(_MADE) >= _MADE_AT_MOST:
        _MADE.clear()
    _MADE[key] = made = out.getvalue()
    return made


def _document(taxonomy: Taxonomy, texts: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, as Chinese offices print
    section.left_margin = section.right_margin = Cm(2.2)
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    _east_asian(normal, "宋体")
    chinese_text(document)
    own_properties(document)
    for name in ("Title", "Heading 1", "Heading 2"):
        _east_asian(document.styles[name], "黑体")
    plain_headings(document, ("Title", "Heading 1", "Heading 2"))

    title = document.add_paragraph(style="Title")
    title.add_run(texts["title"])
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(texts["intro"])

    grey = RGBColor(0x59, 0x59, 0x59)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row in rows():
        cells = table.add_row().cells
        label = cells[0].paragraphs[0].add_run(row.label)
        label.bold = True
        words = hint(row, taxonomy, texts)
        if words:
            note = cells[0].add_paragraph().add_run(words)
            note.font.size = Pt(10.5)  # 五号: 8.5 pt was too small to read on the printed form
            note.font.color.rgb = grey
    tall: dict[tuple[str, ...], Length] = {
        ("summary",): Cm(3.0),
        ("title",): Cm(1.4),
    }  # by field: a label is the field table's (fields.yml) to change
    for spec, row in zip(rows(), table.rows, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(6.2), Cm(10.4)
        row.height_rule, row.height = WD_ROW_HEIGHT_RULE.AT_LEAST, tall.get(spec.path or (), Cm(1.1))
        # Whole on one sheet: a printed row split its label from what to write in it (活动品牌).
        # OOXML's order: w:cantSplit before w:trHeight (Word refuses a row property out of order).
        row._tr.get_or_add_trPr().insert_element_before(OxmlElement("w:cantSplit"), "w:trHeight", "w:tblHeader", "w:jc", "w:hidden")

    document.add_heading(texts["body_heading"], level=1)
    document.add_paragraph(texts["body_intro"])
    document.add_paragraph(photos_text(texts))
    for heading, guidance in texts["sections"]:
        document.add_heading(heading, level=2)
        document.add_paragraph().add_run(guidance).font.color.rgb = grey
        document.add_paragraph()
    props = document.core_properties
    # Word's limit for a document property (python-docx raises above it); the page shows the title whole
    props.title, props.author, props.last_modified_by, props.comments = texts["title"][:255], "", "", "showcase template"
    props.created = props.modified = datetime(2024, 1, 1)
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
