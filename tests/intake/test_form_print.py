"""The Word form (案例申报表) as it is printed and filled in by hand: its guidance readable on
paper, in LibreOffice headless as a worker's word processor prints it."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from showcase.core.collection.taxonomy import load_taxonomy
from showcase.core.outputs.form import form_bytes

from tests.support.office import libreoffice_convert, pdftotext, required

FIVE = Pt(10.5)  # 五号, the size of a Chinese form's text


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> tuple[Path, Path]:
    """The form (.docx) and LibreOffice's print of it (PDF): made once for the tests that read them."""
    folder = tmp_path_factory.mktemp("form")
    source = folder / "form.docx"
    source.write_bytes(form_bytes(load_taxonomy()))
    return source, libreoffice_convert(source, "pdf", folder)


def test_the_forms_guidance_is_printed_at_the_size_of_text(printed: tuple[Path, Path]) -> None:
    """What to write in each row (必填。4–80 个字…, the choices of 实践主题) was 8.5 pt grey
    type, below 小五 (9 pt): too small to read on the printed form for the older workers
    who fill it in by hand. Every run of the table and of the guidance is 五号 at least."""
    document = Document(io.BytesIO(form_bytes(load_taxonomy())))
    normal = document.styles["Normal"].font.size
    assert normal is not None and normal >= FIVE
    small = [
        (run.text[:20], run.font.size.pt)
        for cell in document.tables[0].columns[0].cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
        if run.font.size is not None and run.font.size < FIVE
    ]
    small += [
        (run.text[:20], run.font.size.pt)
        for p in document.paragraphs
        for run in p.runs
        if run.font.size is not None and run.font.size < FIVE
    ]
    assert not small, small
    pdfinfo = required("pdfinfo", "poppler-utils")
    info = subprocess.run([pdfinfo, str(printed[1])], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages <= 2, f"the form takes {pages} sheets"


def _squashed(text: str) -> str:
    return "".join(text.split())


def test_a_row_of_the_printed_form_is_never_split_over_two_sheets(printed: tuple[Path, Path]) -> None:
    """The printed form put 活动品牌 (and, with larger guidance, 结束时间) at the foot of the
    first sheet and what to write in it at the top of the second: a row stays whole."""
    source, pdf = printed
    text = pdftotext(pdf)
    sheets = [_squashed(page) for page in text.split("\f") if page.strip()]
    assert len(sheets) >= 2, "the test needs a form of two sheets"
    for row in Document(io.BytesIO(source.read_bytes())).tables[0].rows:
        lines = [_squashed(p.text) for p in row.cells[0].paragraphs if p.text.strip()]
        label, guidance = lines[0], (lines[1][:8] if len(lines) > 1 else "")
        where = [n for n, sheet in enumerate(sheets) if label + guidance in sheet]
        assert where, f"{label} and its guidance {guidance} are not printed together"
