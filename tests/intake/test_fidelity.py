"""What a write-up's own shape becomes in the draft, as workers make them (helper fidH's
trial): tables with merged cells, a photo pasted into a table's cell, lines broken by hand
(Shift+Enter), headings in a style of the organization's own. Files made by python-docx and
by LibreOffice (from flat ODF)."""

from __future__ import annotations

import base64
from pathlib import Path

import markdown
import pytest

from tests.support.images import phone_jpeg

from .conftest import soffice_convert
from .test_asides import fodt, imported
from .test_unseen import ODF

MERGED_NOTE = (
    "文中 1 个表格有合并的单元格（网页上的表格不能合并），导入时拆开了：合并格的内容写在它的第一格，其余几格空着。"
    "请在草稿里核对这个表格，需要时把空格补上。"
)
# The table both programs write: 2023 spans two rows, 合计 two columns.
MERGED_TABLE = "| 年份 | 项目 | 人次 |\n| --- | --- | --- |\n| 2023 | 助餐 | 1200 |\n|  | 陪诊 | 300 |\n| 合计 |  | 1500 |"


def _python_docx_table(site: Path) -> str:
    from docx import Document

    document = Document()
    document.add_heading("银龄互助睦邻服务", level=1)
    document.add_paragraph("服务队分两项服务：")
    table = document.add_table(rows=4, cols=3)
    rows = [("年份", "项目", "人次"), ("2023", "助餐", "1200"), ("", "陪诊", "300"), ("合计", "", "1500")]
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    table.cell(1, 0).merge(table.cell(2, 0)).text = "2023"
    table.cell(3, 0).merge(table.cell(3, 1)).text = "合计"
    document.add_paragraph("一年来服务老人3200人次，老人们都说服务队的志愿者比自家孩子还贴心。")
    document.save(str(site / "合并.docx"))
    return "合并.docx"


def _libreoffice_table(site: Path) -> str:
    table = (
        '<text:p>服务队分两项服务：</text:p><table:table table:name="T1"><table:table-column table:number-columns-repeated="3"/>'
        "<table:table-row><table:table-cell><text:p>年份</text:p></table:table-cell><table:table-cell><text:p>项目</text:p></table:table-cell>"
        "<table:table-cell><text:p>人次</text:p></table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>2023</text:p></table:table-cell>'
        "<table:table-cell><text:p>助餐</text:p></table:table-cell><table:table-cell><text:p>1200</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:covered-table-cell/><table:table-cell><text:p>陪诊</text:p></table:table-cell>"
        "<table:table-cell><text:p>300</text:p></table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>合计</text:p></table:table-cell>'
        "<table:covered-table-cell/><table:table-cell><text:p>1500</text:p></table:table-cell></table:table-row></table:table>"
    )
    (site / "合并.fodt").write_text(fodt(table), encoding="utf-8")
    made = soffice_convert(site / "合并.fodt", "docx", site)
    (site / "合并.fodt").unlink()
    return made.name


@pytest.mark.parametrize("make", [_python_docx_table, _libreoffice_table], ids=["python-docx", "libreoffice"])
def test_a_table_s_merged_cells_keep_each_figure_under_its_heading(site: Path, capsys, make) -> None:
    """A merged cell was written as one cell: the cells after it moved left, 300 under 项目 and
    1500 under 项目 (合计's row), and the report said nothing."""
    report, body = imported(site, make(site), capsys)
    assert MERGED_TABLE in body, body
    assert MERGED_NOTE in report, report


def test_a_table_without_merged_cells_says_nothing_of_them(site: Path, capsys) -> None:
    from docx import Document

    document = Document()
    document.add_heading("银龄互助睦邻服务", level=1)
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("年份", "人次"), ("2023", "1200")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(str(site / "表格.docx"))
    report, body = imported(site, "表格.docx", capsys)
    assert "| 年份 | 人次 |\n| --- | --- |\n| 2023 | 1200 |" in body
    assert "合并" not in report


def test_a_photo_in_a_table_keeps_its_own_description_and_the_next_line_stays(site: Path, capsys) -> None:
    """A photo pasted into a table's cell is written after the table; the short line after the
    table was taken as its caption: it left the body for the photo's alt text, and the alt
    text the worker wrote (可选文字) was dropped."""
    photo = base64.b64encode(phone_jpeg(site / "p.jpg", size=(800, 600)).read_bytes()).decode()
    (site / "p.jpg").unlink()
    table = (
        '<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/><table:table-row>'
        "<table:table-cell><text:p>活动现场</text:p></table:table-cell><table:table-cell><text:p>"
        '<draw:frame draw:name="图1" text:anchor-type="as-char" svg:width="5cm" svg:height="3.75cm">'
        f"<draw:image><office:binary-data>{photo}</office:binary-data></draw:image><svg:desc>志愿者为老人量血压</svg:desc></draw:frame>"
        "</text:p></table:table-cell></table:table-row></table:table>"
        "<text:p>服务队坚持每周上门。</text:p>"
    )
    (site / "表中照片.fodt").write_text(fodt(table), encoding="utf-8")
    made = soffice_convert(site / "表中照片.fodt", "docx", site)
    _, body = imported(site, made.name, capsys)
    assert "![志愿者为老人量血压](photo1.jpg)" in body, body
    assert "\n服务队坚持每周上门。\n" in body, body


BROKEN_LINES = "第一行：服务队成立于2020年  \n第二行：现有队员46名"


def test_a_line_broken_by_hand_stays_broken(site: Path, capsys) -> None:
    """Shift+Enter (a manual line break) in a paragraph: written as two lines of one
    paragraph without Markdown's line break, the page showed them as one line."""
    from docx import Document

    document = Document()
    document.add_heading("银龄互助睦邻服务", level=1)
    paragraph = document.add_paragraph("第一行：服务队成立于2020年")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行：现有队员46名")
    document.add_paragraph("一年来服务老人3200人次。")
    document.save(str(site / "换行.docx"))
    _, body = imported(site, "换行.docx", capsys)
    assert BROKEN_LINES in body, body
    assert "2020年<br />\n第二行" in markdown.markdown(body, extensions=["tables"])


def test_a_line_broken_by_hand_in_libreoffice_stays_broken(site: Path, capsys) -> None:
    body = "<text:p>第一行：服务队成立于2020年<text:line-break/>第二行：现有队员46名</text:p>"
    (site / "换行.fodt").write_text(fodt(body), encoding="utf-8")
    made = soffice_convert(site / "换行.fodt", "docx", site)
    _, written = imported(site, made.name, capsys)
    assert BROKEN_LINES in written, written


def _own_styles_by_libreoffice(site: Path) -> str:
    """Styles with an outline level of their own (大纲级别), as LibreOffice writes a heading
    in them (its outline numbering, without numbers, comes with them)."""
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
<style:style style:name="一级标题" style:family="paragraph" style:default-outline-level="1"><style:text-properties fo:font-size="16pt"/></style:style>
<style:style style:name="二级标题" style:family="paragraph" style:default-outline-level="2"><style:text-properties fo:font-size="14pt"/></style:style>
</office:styles>
<office:body><office:text>
<text:p>银龄互助睦邻服务</text:p>
<text:h text:style-name="一级标题" text:outline-level="1">基本情况</text:h>
<text:p>幸福里社区有60岁以上老人860人。</text:p>
<text:h text:style-name="二级标题" text:outline-level="2">服务队的由来</text:h>
<text:p>服务队成立于2020年。</text:p>
<text:h text:style-name="一级标题" text:outline-level="1">主要做法</text:h>
<text:p>服务队每周二上门探访。</text:p>
</office:text></office:body></office:document>"""
    (site / "标题.fodt").write_text(document, encoding="utf-8")
    return soffice_convert(site / "标题.fodt", "docx", site).name


def _own_styles_by_python_docx(site: Path) -> str:
    """Styles based on Word's 标题 1 and 标题 2 (样式 > 新建样式 > 样式基准)."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    for name, based in (("一级标题", "Heading 1"), ("二级标题", "Heading 2")):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles[based]
    for text, style in (
        ("银龄互助睦邻服务", None),
        ("基本情况", "一级标题"),
        ("幸福里社区有60岁以上老人860人。", None),
        ("服务队的由来", "二级标题"),
        ("服务队成立于2020年。", None),
        ("主要做法", "一级标题"),
        ("服务队每周二上门探访。", None),
    ):
        document.add_paragraph(text, style=style)
    document.save(str(site / "标题.docx"))
    return "标题.docx"


@pytest.mark.parametrize("make", [_own_styles_by_libreoffice, _own_styles_by_python_docx], ids=["libreoffice", "python-docx"])
def test_headings_in_the_organization_s_own_styles_are_headings(site: Path, capsys, make) -> None:
    """A template's own heading styles (一级标题, 二级标题: named so in many offices'
    templates), with an outline level of their own or based on Word's headings, were
    imported as plain paragraphs, or as numbered list items (LibreOffice's)."""
    _, body = imported(site, make(site), capsys)
    assert "## 基本情况\n" in body and "### 服务队的由来\n" in body and "## 主要做法\n" in body, body
    assert "\n幸福里社区有60岁以上老人860人。\n" in body and "1." not in body and "- " not in body, body
