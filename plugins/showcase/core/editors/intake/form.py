"""The Word submission form (申报表): written by ``showcase template``, read back by ``showcase import``.

One two-column table, a row per form field: the label (and under it, in small grey
type, what to write: allowed values and bounds, from the field table and the site's
taxonomy) in the first cell, the value in the second. Then the write-up's four headings,
each with one line of guidance, and the note on photos. Every fixed text of the form is
known here, so the reader can drop the guidance a filler left in place.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...cachefile import write_atomic
from ...case.fields import FIELDS, Field
from ...collection.taxonomy import Taxonomy
from ...office import chinese_text, own_properties
from ...packaged import read_packaged

if TYPE_CHECKING:
    from docx.styles.style import BaseStyle
    from docx.text.run import Run


@cache
def form_texts() -> dict[str, Any]:
    return read_packaged("form.yml")


def form_file() -> str:
    """Where the site publishes the form (下载申报表)."""
    return "downloads/" + form_texts()["file_name"]


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


def hint(row: Row, taxonomy: Taxonomy) -> str:
    """What to write in the row, in plain Chinese: 必填, bounds, allowed values."""
    texts = form_texts()
    words = str(texts["hints"].get(row.label, "")).format(min=row.field.lo, max=row.field.hi, choices=_choices(row, taxonomy))
    return f"{texts['required']}。{words}" if row.field.required else words


def fixed_texts(taxonomy: Taxonomy) -> set[str]:
    """Every line the form itself prints outside the table: dropped when read back."""
    texts = form_texts()
    found = {texts["title"], texts["intro"], texts["body_heading"], texts["body_intro"], texts["photos"]}
    found.update(guidance for _, guidance in texts["sections"])
    return {squash(t) for t in found}


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


def write_form(path: Path, taxonomy: Taxonomy) -> Path:
    """Write the form to ``path`` (a .docx)."""
    write_atomic(path, form_bytes(taxonomy))  # whole or not at all: a full disk keeps the old form
    return path


def form_bytes(taxonomy: Taxonomy) -> bytes:
    """The form as .docx bytes, the same bytes for the same taxonomy (the site publishes it
    at every build: fixed document dates and zip timestamps keep builds reproducible)."""
    raw = _document(taxonomy)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return out.getvalue()


def _document(taxonomy: Taxonomy) -> bytes:
    from docx import Document
    from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    texts = form_texts()
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
        words = hint(row, taxonomy)
        if words:
            note = cells[0].add_paragraph().add_run(words)
            note.font.size = Pt(8.5)
            note.font.color.rgb = grey
    tall = {"案例摘要": Cm(3.0), "案例名称": Cm(1.4)}
    for spec, row in zip(rows(), table.rows, strict=True):
        row.cells[0].width, row.cells[1].width = Cm(6.2), Cm(10.4)
        row.height_rule, row.height = WD_ROW_HEIGHT_RULE.AT_LEAST, tall.get(spec.label, Cm(1.1))

    document.add_heading(texts["body_heading"], level=1)
    document.add_paragraph(texts["body_intro"])
    document.add_paragraph(texts["photos"])
    for heading, guidance in texts["sections"]:
        document.add_heading(heading, level=2)
        document.add_paragraph().add_run(guidance).font.color.rgb = grey
        document.add_paragraph()
    props = document.core_properties
    props.title, props.author, props.last_modified_by, props.comments = texts["title"], "", "", "showcase template"
    props.created = props.modified = datetime(2024, 1, 1)
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
