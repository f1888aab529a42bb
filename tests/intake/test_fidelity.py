"""What a write-up's own shape becomes in the draft, as workers make them (helper fidH's
trial): tables with merged cells, a photo pasted into a table's cell, lines broken by hand
(Shift+Enter), headings in a style of the organization's own. Files made by python-docx and
by LibreOffice (from flat ODF)."""

from __future__ import annotations

import base64
import re
import shutil
import zipfile
from pathlib import Path

import markdown
import pytest
from showcase.core.editors.intake.markdown import numbered_heading

from tests.support.images import phone_jpeg
from tests.support.office import libreoffice_convert_all

from .conftest import ROOT
from .test_asides import fodt, imported
from .test_unseen import ODF

MERGED_NOTE = (
    "文中 1 个表格有合并的单元格（网页上的表格不能合并），导入时拆开了：合并格的内容写在它的第一格，其余几格空着。"
    "请在草稿里核对这个表格，需要时把空着的格子填上。"  # 空格 reads as a space (helper msgH)
)
# The table both programs write: 2023 spans two rows, 合计 two columns.
MERGED_TABLE = "| 年份 | 项目 | 人次 |\n| --- | --- | --- |\n| 2023 | 助餐 | 1200 |\n|  | 陪诊 | 300 |\n| 合计 |  | 1500 |"


def _written(scratch: Path) -> dict[str, str]:
    """Every write-up the tests below have LibreOffice save as .docx, as flat ODF text, by
    key (``scratch``: a folder for the photos they hold)."""
    return {
        "合并": _merged_table_fodt(),
        "表中照片": _photo_in_a_table_fodt(scratch),
        "换行": fodt("<text:p>第一行：服务队成立于2020年<text:line-break/>第二行：现有队员46名</text:p>"),
        "标题": _own_styles_fodt(),
        "大纲级别": _outline_levels_fodt(),
        "编号": _chinese_numbering_fodt(),
        "列表": _chinese_list_fodt(),
        "空节-typed": _empty_sections_fodt(_typed),
        "空节-numbering": _empty_sections_fodt(_program_numbered),
        "续编": _carried_on_fodt(),
        "照片表-旁边": _photo_rows_fodt(scratch, [("活动现场", "PHOTO"), ("PHOTO", "志愿者合影")]),
        "照片表-上下": _photo_rows_fodt(scratch, [("PHOTO", "PHOTO"), ("活动现场", "志愿者合影")]),
        "照片表-其他行": _photo_rows_fodt(scratch, [("年份", "人次"), ("2023", "1200"), ("活动现场", "PHOTO")]),
    }


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:
    """Each of ``_written`` as LibreOffice saves it (.docx), by key: one run of LibreOffice for
    them all (its start is most of a small file's conversion)."""
    folder = tmp_path_factory.mktemp("saved")
    written = _written(folder)
    sources = []
    for key, document in written.items():
        sources.append(folder / f"{key}.fodt")
        sources[-1].write_text(document, encoding="utf-8")
    return dict(zip(written, libreoffice_convert_all(sources, "docx", folder), strict=True))


def _docx_from(site: Path, name: str, saved: dict[str, Path], key: str) -> str:
    """The .docx LibreOffice wrote from the write-up ``key`` of ``_written``, in ``site`` as ``name``.docx: its file name."""
    return Path(shutil.copy(saved[key], site / f"{name}.docx")).name


def _python_docx_table(site: Path, saved: dict[str, Path]) -> str:
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


def _merged_table_fodt() -> str:
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
    return fodt(table)


def _libreoffice_table(site: Path, saved: dict[str, Path]) -> str:
    return _docx_from(site, "合并", saved, "合并")


@pytest.mark.parametrize("make", [_python_docx_table, _libreoffice_table], ids=["python-docx", "libreoffice"])
def test_a_table_s_merged_cells_keep_each_figure_under_its_heading(site: Path, capsys, saved, make) -> None:
    """A merged cell was written as one cell: the cells after it moved left, 300 under 项目 and
    1500 under 项目 (合计's row), and the report said nothing."""
    report, body = imported(site, make(site, saved), capsys)
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


def _photo_in_a_table_fodt(scratch: Path) -> str:
    photo = base64.b64encode(phone_jpeg(scratch / "p.jpg", size=(800, 600)).read_bytes()).decode()
    (scratch / "p.jpg").unlink()
    table = (
        '<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/><table:table-row>'
        "<table:table-cell><text:p>活动现场</text:p></table:table-cell><table:table-cell><text:p>"
        '<draw:frame draw:name="图1" text:anchor-type="as-char" svg:width="5cm" svg:height="3.75cm">'
        f"<draw:image><office:binary-data>{photo}</office:binary-data></draw:image><svg:desc>志愿者为老人量血压</svg:desc></draw:frame>"
        "</text:p></table:table-cell></table:table-row></table:table>"
        "<text:p>服务队坚持每周上门。</text:p>"
    )
    return fodt(table)


def test_a_photo_in_a_table_keeps_its_own_description_and_the_next_line_stays(site: Path, capsys, saved) -> None:
    """A photo pasted into a table's cell is written after the table; the short line after the
    table was taken as its caption: it left the body for the photo's alt text, and the alt
    text the worker wrote (可选文字) was dropped."""
    _, body = imported(site, _docx_from(site, "表中照片", saved, "表中照片"), capsys)
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


def test_field_lines_broken_by_hand_are_read_one_by_one(site: Path, capsys) -> None:
    """组织名称：… / 所在地区：… / 联系电话：… in one paragraph, each line ended with Shift+Enter:
    read as one organization's name, 幸福里社区银龄互助队所在地区：…联系电话：137＊＊＊＊5678,
    the phone number written into a public field (helper rvD's trial)."""
    from docx import Document

    from .test_import_form import front_matter

    document = Document()
    document.add_heading("银龄互助睦邻服务", level=1)
    paragraph = document.add_paragraph("组织名称：幸福里社区银龄互助队")
    paragraph.add_run().add_break()
    paragraph.add_run("所在地区：湖南省长沙市岳麓区")
    paragraph.add_run().add_break()
    paragraph.add_run("联系电话：13712345678")
    document.add_paragraph("服务队每周二上门探访独居老人，一年来服务老人3200人次。")
    document.save(str(site / "字段.docx"))
    report, _ = imported(site, "字段.docx", capsys)
    (index,) = (site / "cases").glob("*/*/index.md")
    data, _ = front_matter(index)
    assert data["organization"]["name"] == "幸福里社区银龄互助队"
    assert (data["region"]["province"], data["region"]["city"], data["region"]["county"]) == ("湖南省", "长沙市", "岳麓区")
    text = index.read_text(encoding="utf-8")
    assert "1371" not in text and "137＊" not in text and "联系电话：" not in text  # said in the report only
    assert "联系电话 13712345678" in report


def test_a_line_broken_by_hand_in_libreoffice_stays_broken(site: Path, capsys, saved) -> None:
    # <text:line-break/> in its one paragraph (_written)
    _, written = imported(site, _docx_from(site, "换行", saved, "换行"), capsys)
    assert BROKEN_LINES in written, written


def _outlined_fodt(styles: str, first: str, second: str) -> str:
    """A LibreOffice document whose headings are in the paragraph styles ``first`` (level 1)
    and ``second`` (level 2), which ``styles`` declares: the same text for every such test."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
{styles}
<office:body><office:text>
<text:p>银龄互助睦邻服务</text:p>
<text:h text:style-name="{first}" text:outline-level="1">基本情况</text:h>
<text:p>幸福里社区有60岁以上老人860人。</text:p>
<text:h text:style-name="{second}" text:outline-level="2">服务队的由来</text:h>
<text:p>服务队成立于2020年。</text:p>
<text:h text:style-name="{first}" text:outline-level="1">主要做法</text:h>
<text:p>服务队每周二上门探访。</text:p>
</office:text></office:body></office:document>"""


def _own_styles_fodt() -> str:
    """Styles with an outline level of their own (大纲级别), as LibreOffice writes a heading
    in them (its outline numbering, without numbers, comes with them)."""
    styles = """<office:styles>
<style:style style:name="一级标题" style:family="paragraph" style:default-outline-level="1"><style:text-properties fo:font-size="16pt"/></style:style>
<style:style style:name="二级标题" style:family="paragraph" style:default-outline-level="2"><style:text-properties fo:font-size="14pt"/></style:style>
</office:styles>"""
    return _outlined_fodt(styles, "一级标题", "二级标题")


def _own_styles_by_libreoffice(site: Path, saved: dict[str, Path]) -> str:
    return _docx_from(site, "标题", saved, "标题")


def _own_styles_by_python_docx(site: Path, saved: dict[str, Path]) -> str:
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
def test_headings_in_the_organization_s_own_styles_are_headings(site: Path, capsys, saved, make) -> None:
    """A template's own heading styles (一级标题, 二级标题: named so in many offices'
    templates), with an outline level of their own or based on Word's headings, were
    imported as plain paragraphs, or as numbered list items (LibreOffice's)."""
    _, body = imported(site, make(site, saved), capsys)
    assert "## 基本情况\n" in body and "### 服务队的由来\n" in body and "## 主要做法\n" in body, body
    assert "\n幸福里社区有60岁以上老人860人。\n" in body and "1." not in body and "- " not in body, body


# -- an outline level set on the paragraph itself (段落 → 大纲级别), not through its style --


def _outline_levels_by_python_docx(site: Path, saved: dict[str, Path]) -> str:
    """WPS's and Word's 段落 → 大纲级别 “1 级” on a plain paragraph: ``w:outlineLvl`` in its own
    ``w:pPr``, its style 正文."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    for text, level in (
        ("银龄互助睦邻服务", None),
        ("基本情况", 0),
        ("幸福里社区有60岁以上老人860人。", None),
        ("服务队的由来", 1),
        ("服务队成立于2020年。", None),
        ("主要做法", 0),
        ("服务队每周二上门探访。", None),
    ):
        paragraph = document.add_paragraph(text)
        if level is not None:
            outline = OxmlElement("w:outlineLvl")
            outline.set(qn("w:val"), str(level))
            paragraph._p.get_or_add_pPr().append(outline)
    document.save(str(site / "大纲级别.docx"))
    return "大纲级别.docx"


def _outline_levels_fodt() -> str:
    """LibreOffice's 段落 → 大纲和列表 → 大纲级别 on a paragraph in 正文 (Standard): it writes the
    ``w:outlineLvl`` into the paragraph, with its outline numbering (no numbers)."""
    styles = """<office:automatic-styles>
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"/>
<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="2"/>
</office:automatic-styles>"""
    return _outlined_fodt(styles, "P1", "P2")


def _outline_levels_by_libreoffice(site: Path, saved: dict[str, Path]) -> str:
    return _docx_from(site, "大纲级别", saved, "大纲级别")


@pytest.mark.parametrize("make", [_outline_levels_by_python_docx, _outline_levels_by_libreoffice], ids=["python-docx", "libreoffice"])
def test_a_paragraph_given_an_outline_level_of_its_own_is_a_heading(site: Path, capsys, saved, make) -> None:
    """A heading made by giving the paragraph itself an outline level (no heading style) was
    imported as a plain paragraph (python-docx, WPS) or a numbered list item (LibreOffice)."""
    _, body = imported(site, make(site, saved), capsys)
    assert "## 基本情况\n" in body and "### 服务队的由来\n" in body and "## 主要做法\n" in body, body
    assert "\n幸福里社区有60岁以上老人860人。\n" in body and "1." not in body and "- " not in body, body


STORY = "服务队成立于2020年，现有队员46名，每周二、周五上门探访独居老人，为他们量血压、打扫卫生、陪他们聊天。"


def test_an_outline_level_on_body_text_makes_no_heading(site: Path, capsys) -> None:
    """大纲级别 “正文文本” (9) set on a paragraph, as WPS writes for paragraphs it touched, and
    level 1 on a paragraph of the story (pasted from a web page with it): both stay text."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    document.add_heading("银龄互助睦邻服务", level=1)
    for text, level in (("服务队成立于2020年", "9"), (STORY, "0")):
        paragraph = document.add_paragraph(text)
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), level)
        paragraph._p.get_or_add_pPr().append(outline)
    document.save(str(site / "正文.docx"))
    _, body = imported(site, "正文.docx", capsys)
    assert "\n服务队成立于2020年\n" in body and f"\n{STORY}\n" in body and "#" not in body, body


# -- 一、二、三 numbered by Word's or LibreOffice's automatic numbering ------------------------

_CHINESE_LIST = (
    '<text:list-style style:name="L1">'
    '<text:list-level-style-number text:level="1" style:num-suffix="、" style:num-format="一, 二, 三, ...">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties>'
    "</text:list-level-style-number>"
    '<text:list-level-style-number text:level="2" style:num-prefix="（" style:num-suffix="）" style:num-format="一, 二, 三, ...">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties>'
    "</text:list-level-style-number></text:list-style>"
)


def _item(text: str, level: int = 1, *, go_on: bool = True) -> str:
    inner = f"<text:p>{text}</text:p>"
    for _ in range(level - 1):
        inner = f"<text:list><text:list-item>{inner}</text:list-item></text:list>"
    more = ' text:continue-numbering="true"' if go_on else ""
    return f'<text:list text:style-name="L1"{more}><text:list-item>{inner}</text:list-item></text:list>'


def _chinese_numbering_fodt() -> str:
    """一、 and （一） from LibreOffice's numbering (编号 “一, 二, 三, ...”), which it writes as
    ``taiwaneseCountingThousand`` in the .docx."""
    document = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>{_CHINESE_LIST}</office:automatic-styles>
<office:body><office:text>
<text:p>银龄互助睦邻服务</text:p>
{_item("基本情况", go_on=False)}
<text:p>幸福里社区有60岁以上老人860人。</text:p>
{_item("主要做法")}
{_item("建队伍", 2)}
<text:p>服务队成立于2020年。</text:p>
{_item("上门探访", 2)}
<text:p>服务队每周二上门探访。</text:p>
{_item("取得成效")}
<text:p>一年来服务老人3200人次。</text:p>
</office:text></office:body></office:document>"""
    return document


def _chinese_numbering_by_libreoffice(site: Path, saved: dict[str, Path]) -> str:
    return _docx_from(site, "编号", saved, "编号")


def _numbering(document, formats: list[tuple[str, str]], num: int = 90) -> int:
    """A list numbered as ``formats`` says (numFmt, lvlText for each level) added to a
    python-docx document; its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        for n, (fmt, text) in enumerate(formats)
    )
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.insert(0, parse_xml(f'<w:abstractNum {ns} w:abstractNumId="{num}">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="{num}"><w:abstractNumId w:val="{num}"/></w:num>'))
    return num


def _numbered(document, text: str, num: int, level: int = 0) -> None:
    from docx.oxml import parse_xml

    paragraph = document.add_paragraph(text)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.get_or_add_pPr().insert(0, parse_xml(f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>'))


def _chinese_numbering_by_python_docx(site: Path, saved: dict[str, Path]) -> str:
    """Word's numbering 一、 (``chineseCounting``) and （一） (``chineseCountingThousand``)."""
    from docx import Document

    document = Document()
    num = _numbering(document, [("chineseCounting", "%1、"), ("chineseCountingThousand", "（%2）")])
    document.add_paragraph("银龄互助睦邻服务")
    _numbered(document, "基本情况", num)
    document.add_paragraph("幸福里社区有60岁以上老人860人。")
    _numbered(document, "主要做法", num)
    _numbered(document, "建队伍", num, 1)
    document.add_paragraph("服务队成立于2020年。")
    _numbered(document, "上门探访", num, 1)
    document.add_paragraph("服务队每周二上门探访。")
    _numbered(document, "取得成效", num)
    document.add_paragraph("一年来服务老人3200人次。")
    document.save(str(site / "编号.docx"))
    return "编号.docx"


@pytest.mark.parametrize("make", [_chinese_numbering_by_python_docx, _chinese_numbering_by_libreoffice], ids=["python-docx", "libreoffice"])
def test_headings_numbered_by_chinese_numbering_are_headings(site: Path, capsys, saved, make) -> None:
    """一、基本情况 typed by hand is a heading; numbered by the program (编号 一、二、三), it
    was a numbered list item, 1. 基本情况 — and 二、主要做法 a list of its own, 1. again."""
    _, body = imported(site, make(site, saved), capsys)
    expected = (
        "## 基本情况\n\n幸福里社区有60岁以上老人860人。\n\n## 主要做法\n\n### 建队伍\n\n服务队成立于2020年。\n\n"
        "### 上门探访\n\n服务队每周二上门探访。\n\n## 取得成效\n\n一年来服务老人3200人次。\n"
    )
    assert expected in body, body


def test_a_list_numbered_in_chinese_stays_a_list(site: Path, capsys) -> None:
    """Items one after another (a list of the services) and a sentence numbered 一、 stay
    list items, with the numbers Word shows: they were published as 1. 助餐 2. 助浴 3. 陪诊,
    and the sentence without its 四、 (the list's fourth item, as Word counts it)."""
    from docx import Document

    document = Document()
    num = _numbering(document, [("chineseCounting", "%1、")])
    document.add_heading("银龄互助睦邻服务", level=1)
    document.add_paragraph("服务队提供三项服务：")
    for text in ("助餐", "助浴", "陪诊"):
        _numbered(document, text, num)
    document.add_paragraph("队员们的体会：")
    _numbered(document, "服务队每周二、周五上门探访独居老人，为他们量血压、打扫卫生。", num)
    document.save(str(site / "列表.docx"))
    _, body = imported(site, "列表.docx", capsys)
    assert "服务队提供三项服务：\n\n一、助餐\n\n二、助浴\n\n三、陪诊\n\n队员们的体会：\n\n" in body, body
    assert "\n四、服务队每周二、周五上门探访独居老人，为他们量血压、打扫卫生。\n" in body and "#" not in body, body


@pytest.mark.parametrize(
    ("formats", "expected"),
    [
        ([("chineseCountingThousand", "（%1）")], "（一）助餐\n\n（二）助浴\n\n（三）陪诊"),
        ([("ideographDigital", "%1、")], "一、助餐\n\n二、助浴\n\n三、陪诊"),
        (
            [("japaneseCounting", "%1."), ("chineseCounting", "（%2）")],
            "一. 助餐\n\n二. 助浴\n\n三. 陪诊\n\n（一）送餐上门\n\n（二）长者饭堂\n\n四. 理发",
        ),
        (
            [("chineseCounting", "%1、"), ("decimal", "%2.")],
            "一、助餐\n\n二、助浴\n\n三、陪诊\n\n1\\. 送餐上门\n\n2\\. 长者饭堂\n\n四、理发",
        ),
    ],
    ids=["paren", "ideograph", "two-levels", "decimal-below"],
)
def test_a_list_keeps_the_chinese_numbers_word_shows(site: Path, capsys, formats: list[tuple[str, str]], expected: str) -> None:
    """（一）（二）, 一〇-style numerals, and a list's second level, in Chinese or in arabic
    numerals under 一、: each item as Word numbers it, not 1. 2. 3."""
    from docx import Document

    document = Document()
    num = _numbering(document, formats)
    document.add_heading("银龄互助睦邻服务", level=1)
    document.add_paragraph("服务队提供三项服务：")
    for text in ("助餐", "助浴", "陪诊"):
        _numbered(document, text, num)
    if len(formats) > 1:
        _numbered(document, "送餐上门", num, 1)
        _numbered(document, "长者饭堂", num, 1)
        _numbered(document, "理发", num)
    document.add_paragraph("队员们的体会：")
    document.save(str(site / "列表.docx"))
    _, body = imported(site, "列表.docx", capsys)
    assert f"服务队提供三项服务：\n\n{expected}\n\n队员们的体会：" in body, body
    html = markdown.markdown(body, extensions=["tables"])
    assert "<ol>" not in html and "<ul>" not in html and "<h" not in html, html


def test_a_numbered_caption_and_a_list_in_a_table_keep_their_numbers(site: Path, capsys) -> None:
    """A caption (题注) numbered 图一 stays the photo's caption, with its number; a list
    numbered 一、 in a table's cell reads 一、助餐 二、助浴 (it was 助餐助浴)."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.shared import Cm

    document = Document()
    figures = _numbering(document, [("chineseCounting", "图%1")])
    document.add_heading("银龄互助睦邻服务", level=1)
    document.add_paragraph("服务队提供三项服务。")
    phone_jpeg(site / "p.jpg", size=(800, 600))
    document.add_paragraph().add_run().add_picture(str(site / "p.jpg"), width=Cm(5))
    (site / "p.jpg").unlink()
    caption = document.add_paragraph("活动现场", style="Caption")
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    caption._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="{figures}"/></w:numPr>'))
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "项目", "内容", "服务"
    cell = table.cell(1, 1)
    listed = _numbering(document, [("chineseCounting", "%1、")], 91)
    for index, text in enumerate(("助餐", "助浴")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.text = text
        paragraph._p.get_or_add_pPr().insert(0, parse_xml(f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="{listed}"/></w:numPr>'))
    document.save(str(site / "题注.docx"))
    _, body = imported(site, "题注.docx", capsys)
    assert "![图一活动现场](photo1.jpg)\n\n" in body and "\n活动现场" not in body, body
    assert "| 服务 | 一、助餐 二、助浴 |" in body, body


def _chinese_list_fodt() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>{_CHINESE_LIST}</office:automatic-styles>
<office:body><office:text>
<text:p>银龄互助睦邻服务</text:p>
<text:p>服务队提供三项服务：</text:p>
<text:list text:style-name="L1"><text:list-item><text:p>助餐</text:p><text:list><text:list-item><text:p>送餐上门</text:p></text:list-item>
<text:list-item><text:p>长者饭堂</text:p></text:list-item></text:list></text:list-item>
<text:list-item><text:p>助浴</text:p></text:list-item><text:list-item><text:p>陪诊</text:p></text:list-item></text:list>
<text:p>队员们的体会：</text:p>
</office:text></office:body></office:document>"""


def test_a_list_numbered_in_chinese_by_libreoffice(site: Path, capsys, saved) -> None:
    """LibreOffice's 编号 “一, 二, 三, ...” (taiwaneseCountingThousand in its .docx), with a second level （一）."""
    _, body = imported(site, _docx_from(site, "列表", saved, "列表"), capsys)
    assert "服务队提供三项服务：\n\n一、助餐\n\n（一）送餐上门\n\n（二）长者饭堂\n\n二、助浴\n\n三、陪诊\n\n队员们的体会：" in body, body


def test_a_list_typed_by_hand_keeps_its_numbers(site: Path, capsys) -> None:
    """一、助餐 二、助浴 三、陪诊 typed one after another are a list's items, not three headings
    ## 助餐 ## 助浴 ## 陪诊 without their numbers; 一、基本情况 alone is a heading still."""
    from docx import Document

    document = Document()
    document.add_paragraph("银龄互助睦邻服务")
    document.add_paragraph("一、基本情况")
    document.add_paragraph("服务队提供三项服务：")
    for text in ("（一）助餐", "（二）助浴", "（三）陪诊"):
        document.add_paragraph(text)
    document.add_paragraph("二、工作成效")
    document.add_paragraph("一年来服务老人3200人次。")
    document.save(str(site / "手写.docx"))
    _, body = imported(site, "手写.docx", capsys)
    expected = "## 基本情况\n\n服务队提供三项服务：\n\n（一）助餐\n\n（二）助浴\n\n（三）陪诊\n\n## 工作成效\n\n一年来服务老人3200人次。\n"
    assert expected in body, body


_EMPTY_SECTIONS = (
    "一、基本情况",
    "二、主要做法",
    "服务队提供两项服务：",
    "（一）助餐",
    "（二）助浴",
    "服务队成立于2020年。",
    "三、工作成效",
    "一年来服务老人3200人次。",
    "四、经验启示",
    "五、下一步打算",
)


def _typed(line: str) -> str:
    return f"<text:p>{line}</text:p>"


def _program_numbered(line: str) -> str:
    """A line numbered by LibreOffice's 编号 (one list: 一、 and its level （一）), its number not typed."""
    numbered = numbered_heading(line)
    if numbered is None or not line.startswith(("一", "二", "三", "四", "五", "（")):
        return _typed(line)
    return _item(numbered[1], numbered[0] - 1, go_on=not line.startswith("一、"))


def _empty_sections_fodt(written) -> str:
    """``_EMPTY_SECTIONS``, each line as ``written`` writes it (typed, or numbered by 编号)."""
    lines = "\n".join(written(line) for line in _EMPTY_SECTIONS)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>{_CHINESE_LIST}</office:automatic-styles>
<office:body><office:text>
<text:p>银龄互助睦邻服务</text:p>
{lines}
</office:text></office:body></office:document>"""


@pytest.mark.parametrize("written", ["typed", "numbering"])
def test_two_headings_in_a_row_are_headings(site: Path, capsys, saved, written) -> None:
    """二、主要做法 right after 一、基本情况, nothing written under the first (in LibreOffice, typed
    or numbered by 编号): both are headings, as 三、工作成效 after them is; they were read as a
    list of two, 一、基本情况 二、主要做法 as paragraphs. A list of two after a line ending in ：
    stays a list."""
    _, body = imported(site, _docx_from(site, "空节", saved, f"空节-{written}"), capsys)
    expected = (
        "## 基本情况\n\n【请填写】基本情况。\n\n## 主要做法\n\n服务队提供两项服务：\n\n（一）助餐\n\n（二）助浴\n\n"
        "服务队成立于2020年。\n\n## 工作成效\n\n一年来服务老人3200人次。\n\n## 经验启示\n\n【请填写】经验启示。\n\n## 下一步打算\n"
    )  # an empty section of the usual four is left to fill in, as a missing one is
    assert expected in body, body


def test_a_list_s_second_level_is_one_on_the_page(site: Path, capsys) -> None:
    """A list in arabic numerals, its second level indented as Python-Markdown reads one
    (four spaces): at two, 送餐上门 was item 2 of the first level, 助浴 item 4."""
    from docx import Document

    document = Document()
    num = _numbering(document, [("decimal", "%1."), ("decimal", "%2)")])
    document.add_heading("银龄互助睦邻服务", level=1)
    document.add_paragraph("服务队提供两项服务：")
    _numbered(document, "助餐", num)
    _numbered(document, "送餐上门", num, 1)
    _numbered(document, "助浴", num)
    document.save(str(site / "列表.docx"))
    _, body = imported(site, "列表.docx", capsys)
    assert "1. 助餐\n    1. 送餐上门\n2. 助浴\n" in body, body
    html = markdown.markdown(body)
    assert "<li>助餐<ol>\n<li>送餐上门</li>\n</ol>\n</li>\n<li>助浴</li>" in html, html


# -- a list in arabic numerals carried on after a paragraph, or numbered by its style --------

_DECIMAL_LIST = (
    '<text:list-style style:name="L2">'
    '<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1">'
    '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
    '<style:list-level-label-alignment text:label-followed-by="listtab"/></style:list-level-properties>'
    "</text:list-level-style-number></text:list-style>"
)


def _decimal_items(*texts: str, go_on: bool = False) -> str:
    more = ' text:continue-numbering="true"' if go_on else ""
    items = "".join(f"<text:list-item><text:p>{t}</text:p></text:list-item>" for t in texts)
    return f'<text:list text:style-name="L2"{more}>{items}</text:list>'


def _as_the_site_renders(body: str) -> str:
    """``body`` as the site's pages show it: with the Markdown extensions its mkdocs.yml names."""
    section = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:\n", 1)[1]
    names = re.findall(r"^  - ([\w.]+)", section.split("\n\n", 1)[0], flags=re.MULTILINE)
    return markdown.markdown(body, extensions=names)


def _carried_on_fodt() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>{_DECIMAL_LIST}</office:automatic-styles>
<office:body><office:text>
<text:h text:outline-level="1">银龄互助睦邻服务</text:h>
<text:p>服务队的做法：</text:p>
{_decimal_items("摸清底数", "组建队伍", "结对帮扶")}
<text:p>在此基础上，服务队又：</text:p>
{_decimal_items("建立台账", "定期回访", go_on=True)}
<text:p>一年来服务老人3200人次。</text:p>
</office:text></office:body></office:document>"""


def test_a_list_carried_on_after_a_paragraph_keeps_word_s_numbers(site: Path, capsys, saved) -> None:
    """Items 4. 5. of a list that goes on after a paragraph (Word's 继续编号, one list in the
    .docx): they were 1. 2. in the draft, and a Markdown list starting at 4 showed 1. on the page."""
    _, body = imported(site, _docx_from(site, "续编", saved, "续编"), capsys)
    assert "1. 摸清底数\n2. 组建队伍\n3. 结对帮扶\n\n在此基础上，服务队又：\n\n4. 建立台账\n5. 定期回访\n\n一年来" in body, body
    html = _as_the_site_renders(body)
    assert "<ol>\n<li>摸清底数</li>" in html and '<ol start="4">\n<li>建立台账</li>\n<li>定期回访</li>\n</ol>' in html, html


def _numbered_by_style(site: Path) -> str:
    """Items numbered by their paragraph style alone, as Word writes them: 编号列表 (“List
    Number”, its numbering in styles.xml, none on the paragraph) and a style of the
    organization's own based on it (python-docx's template is Word's). LibreOffice writes the
    numbering into each paragraph when it saves, so it never makes such a file."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    own = document.styles.add_style("做法编号", WD_STYLE_TYPE.PARAGRAPH)
    own.base_style = document.styles["List Number"]
    document.add_heading("银龄互助睦邻服务", level=1)
    document.add_paragraph("服务队的做法：")
    document.add_paragraph("摸清底数", style="List Number")
    document.add_paragraph("组建队伍", style="List Number")
    document.add_paragraph("结对帮扶", style="做法编号")
    document.add_paragraph("一年来服务老人3200人次。")
    document.save(str(site / "样式编号.docx"))
    return "样式编号.docx"


def test_a_list_numbered_by_its_style_is_a_list(site: Path, capsys) -> None:
    """The third item, in a style based on List Number, was a paragraph 结对帮扶 after a list of two."""
    docx = _numbered_by_style(site)
    with zipfile.ZipFile(site / docx) as archive:
        assert b"<w:numPr>" not in archive.read("word/document.xml")  # the styles number them
    _, body = imported(site, docx, capsys)
    assert "服务队的做法：\n\n1. 摸清底数\n2. 组建队伍\n3. 结对帮扶\n\n一年来" in body, body


# -- photos laid out in a table, each with its caption beside it ---------------------------


def _frame(photo: str, desc: str = "") -> str:
    said = f"<svg:desc>{desc}</svg:desc>" if desc else ""
    return (
        '<draw:frame draw:name="图1" text:anchor-type="as-char" svg:width="5cm" svg:height="3.75cm">'
        f"<draw:image><office:binary-data>{photo}</office:binary-data></draw:image>{said}</draw:frame>"
    )


def _photo_rows_fodt(scratch: Path, rows: list[tuple[str, str]]) -> str:
    """A table of LibreOffice's whose rows hold what ``rows`` says: a cell's text, or
    PHOTO (a phone photo, no description of its own)."""
    cells = []
    for number, row in enumerate(rows):
        photos = [
            base64.b64encode(phone_jpeg(scratch / "p.jpg", size=(800, 600), seed=number * 10 + n).read_bytes()).decode()
            for n in range(len(row))
        ]
        texts = [f"<text:p>{_frame(photos[n]) if c == 'PHOTO' else c}</text:p>" for n, c in enumerate(row)]
        cells.append("<table:table-row>" + "".join(f"<table:table-cell>{t}</table:table-cell>" for t in texts) + "</table:table-row>")
    (scratch / "p.jpg").unlink()
    table = (
        '<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/>'
        + "".join(cells)
        + "</table:table><text:p>服务队坚持每周上门。</text:p>"
    )
    return fodt(table)


def test_photos_in_a_table_take_the_text_beside_them_as_their_captions(site: Path, capsys, saved) -> None:
    """| 活动现场 | [photo] |: the photo came after the table without a caption, and the
    table was left with 活动现场 beside an empty cell."""
    # rows ("活动现场", PHOTO), (PHOTO, "志愿者合影") (_written)
    report, body = imported(site, _docx_from(site, "照片表", saved, "照片表-旁边"), capsys)
    assert "![活动现场](photo1.jpg)\n\n![志愿者合影](photo2.jpg)\n\n服务队坚持每周上门。" in body, body
    assert "|" not in body, body
    assert "文中 1 个表格里只有照片和照片旁边的文字，导入时去掉了表格，旁边的文字用作了照片说明（photo1.jpg：活动现场" in report, report


def test_photos_with_captions_by_python_docx(site: Path, capsys) -> None:
    from docx import Document
    from docx.shared import Cm

    phone_jpeg(site / "p.jpg", size=(800, 600))
    document = Document()
    document.add_heading("银龄互助睦邻服务", level=1)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).paragraphs[0].add_run().add_picture(str(site / "p.jpg"), width=Cm(5))
    table.cell(0, 1).text = "活动现场"
    document.add_paragraph("服务队坚持每周上门。")
    document.save(str(site / "照片表.docx"))
    (site / "p.jpg").unlink()
    _, body = imported(site, "照片表.docx", capsys)
    assert "![活动现场](photo1.jpg)\n\n服务队坚持每周上门。" in body and "|" not in body, body


@pytest.mark.parametrize(
    ("after", "caption"),
    [
        ("三年来理事会共筹集资金86万元，修缮祠堂、资助学子，乡贤们出钱出力，默默付出。", False),  # a sentence of the story
        ("乡贤们出钱出力，修路架桥，资助学子。", False),  # several clauses, a full stop
        ("乡贤理事会议事现场", True),
        ("志愿者为老人送餐上门。", True),  # a short line with a full stop is still a caption
        # an organization's trial: a point of the story's list, two sentences, two clauses (each left the text)
        ("三是开设健康讲座。", False),
        ("（三）进校园宣传。联合辖内中小学开展活动。", False),
        ("课堂实行闭环管理，家长凭接送卡接孩子。", False),
        ("4. 组织长者参加文艺汇演", False),
        ("2023.5 长者参加文艺汇演", True),
        ("最后合影留念", True),  # 最后 and 同时 begin captions too; a point of a list only with a comma after (a review)
        ("同时开展的义诊活动", True),
        ("最后，大家合影留念。", False),
    ],
)
def test_a_sentence_of_the_story_after_a_photo_stays_in_the_text(site: Path, capsys, after: str, caption: bool) -> None:
    """A helper's trial: a 55-character paragraph right after an uncaptioned photo became
    the photo's caption (its alt text), out of the text, unsaid."""
    from docx import Document
    from docx.shared import Cm

    phone_jpeg(site / "p.jpg", size=(800, 600))
    document = Document()
    document.add_heading("乡贤理事会凝聚乡村振兴力量", level=1)
    document.add_paragraph("理事会成立于2021年。")
    document.add_paragraph().add_run().add_picture(str(site / "p.jpg"), width=Cm(8))
    document.add_paragraph(after)
    document.save(str(site / "乡贤.docx"))
    (site / "p.jpg").unlink()
    _, body = imported(site, "乡贤.docx", capsys)
    if caption:
        assert f"![{after}](photo1.jpg)" in body, body
    else:
        assert "![](photo1.jpg)" in body and f"\n\n{after}\n" in body, body


def test_a_caption_marked_above_its_photo_is_its_caption_though_a_sentence(site: Path, capsys) -> None:
    """A review: 图1：志愿者入户走访，为老人测量血压。 above a photo (a caption that says so) was taken
    for a sentence of the story, and the story's next line became the photo's caption."""
    from docx import Document
    from docx.shared import Cm

    phone_jpeg(site / "p.jpg", size=(800, 600))
    document = Document()
    document.add_heading("乡贤理事会凝聚乡村振兴力量", level=1)
    document.add_paragraph("理事会成立于2021年。")
    document.add_paragraph("图1：志愿者入户走访，为老人测量血压。")
    document.add_paragraph().add_run().add_picture(str(site / "p.jpg"), width=Cm(8))
    document.add_paragraph("理事会坚持每月议事。")
    document.save(str(site / "图注.docx"))
    (site / "p.jpg").unlink()
    _, body = imported(site, "图注.docx", capsys)
    assert "](photo1.jpg)\n\n理事会坚持每月议事。" in body and "志愿者入户走访，为老人测量血压。](photo1.jpg)" in body, body


def test_a_line_partly_bold_after_a_photo_stays_in_the_text(site: Path, capsys) -> None:
    """An organization's trial: 四是**组织长者参加文艺汇演**，…… under a photo became its
    caption, its bold lost; a line bold whole is still a caption (organizations bold them)."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading("长者学堂", level=1)
    for lead, bold, rest in (("四是", "组织长者参加文艺汇演", "，共演出12场"), ("", "志愿者为老人理发", "")):
        phone_jpeg(site / "p.jpg", size=(800, 600))
        document.add_paragraph().add_run().add_picture(str(site / "p.jpg"), width=Cm(8))
        line = document.add_paragraph(lead)
        line.add_run(bold).bold = True
        line.add_run(rest)
    document.save(str(site / "学堂.docx"))
    (site / "p.jpg").unlink()
    _, body = imported(site, "学堂.docx", capsys)
    assert "![](photo1.jpg)\n\n四是**组织长者参加文艺汇演**，共演出12场\n" in body, body
    assert "![志愿者为老人理发](photo2.jpg)" in body, body


def _photos_over_captions(site: Path, rows: list[list[str]]) -> str:
    """A python-docx table: a row of photos (PHOTO), then the row of their captions, as often as ``rows`` says."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading("银龄互助睦邻服务", level=1)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for number, row in enumerate(rows):
        for column, text in enumerate(row):
            if text == "PHOTO":
                phone_jpeg(site / "p.jpg", size=(800, 600), seed=number * 10 + column)
                table.cell(number, column).paragraphs[0].add_run().add_picture(str(site / "p.jpg"), width=Cm(5))
                (site / "p.jpg").unlink()
            else:
                table.cell(number, column).text = text
    document.add_paragraph("服务队坚持每周上门。")
    document.save(str(site / "照片表.docx"))
    return "照片表.docx"


def test_photos_in_a_table_take_the_captions_in_the_row_below(site: Path, capsys) -> None:
    """A row of photos, the row under it their captions: the captions stayed a table of
    their own, the photos came after it without one."""
    rows = [["PHOTO", "PHOTO"], ["活动现场", "志愿者合影"], ["PHOTO", "PHOTO"], ["老人们在长者饭堂吃饭", "结对陪伴"]]
    report, body = imported(site, _photos_over_captions(site, rows), capsys)
    expected = "![活动现场](photo1.jpg)\n\n![志愿者合影](photo2.jpg)\n\n![老人们在长者饭堂吃饭](photo3.jpg)\n\n![结对陪伴](photo4.jpg)"
    assert f"{expected}\n\n服务队坚持每周上门。" in body and "|" not in body, body
    assert (
        "文中 1 个表格里只有照片和照片下面一行的文字，导入时去掉了表格，照片下面的文字用作了照片说明"
        "（photo1.jpg：活动现场；photo2.jpg：志愿者合影；photo3.jpg：老人们在长者饭堂吃饭；photo4.jpg：结对陪伴）" in report
    ), report


def test_photos_over_their_captions_by_libreoffice(site: Path, capsys, saved) -> None:
    # rows (PHOTO, PHOTO), ("活动现场", "志愿者合影") (_written)
    _, body = imported(site, _docx_from(site, "照片表", saved, "照片表-上下"), capsys)
    assert "![活动现场](photo1.jpg)\n\n![志愿者合影](photo2.jpg)\n\n服务队坚持每周上门。" in body and "|" not in body, body


def test_a_photo_row_with_a_caption_missing_keeps_the_captions_it_has(site: Path, capsys) -> None:
    """A photo with nothing under it is a photo without a caption: the others kept theirs (the
    table was kept as a table of the captions, every photo after it without one)."""
    rows = [["PHOTO", "PHOTO"], ["活动现场", ""], ["PHOTO", "PHOTO"], ["", "结对陪伴"]]
    report, body = imported(site, _photos_over_captions(site, rows), capsys)
    expected = "![活动现场](photo1.jpg)\n\n![](photo2.jpg)\n\n![](photo3.jpg)\n\n![结对陪伴](photo4.jpg)\n\n服务队坚持每周上门。"
    assert expected in body and "|" not in body, body
    assert "（photo1.jpg：活动现场；photo2.jpg：没有说明；photo3.jpg：没有说明；photo4.jpg：结对陪伴）" in report, report


def test_a_photo_row_with_words_under_an_empty_cell_stays_as_it_was(site: Path, capsys) -> None:
    """Words under a cell without a photo are no photo's caption: which words are whose is not known."""
    _, body = imported(site, _photos_over_captions(site, [["PHOTO", ""], ["活动现场", "志愿者合影"]]), capsys)
    assert "| 活动现场 | 志愿者合影 |" in body and "![](photo1.jpg)" in body, body


@pytest.mark.parametrize(
    ("line", "first", "second"),
    [
        ("左：志愿者辅导作业；右：孩子们在读绘本", "志愿者辅导作业", "孩子们在读绘本"),
        ("上图 开班仪式 下图 结业合影", "开班仪式", "结业合影"),
        # each half numbered, as Word users type them under two photos (a helper's trial)
        ("图3 老人排队取餐\u3000\u3000\u3000\u3000图4 志愿者送餐上门", "图3 老人排队取餐", "图4 志愿者送餐上门"),
        ("照片 1：开班仪式    照片 2：结业合影", "照片 1：开班仪式", "照片 2：结业合影"),
        # a review: a comma, brackets, and no space after a bracket between the halves
        ("图8：包饺子，图9：合影", "图8：包饺子", "图9：合影"),
        ("（图8）包饺子 （图9）合影", "（图8）包饺子", "（图9）合影"),
        ("图8 包饺子（左）图9 合影（右）", "图8 包饺子（左）", "图9 合影（右）"),
    ],
    ids=["left-right", "above-below", "numbered", "numbered-photos", "comma", "brackets", "no-space"],
)
def test_two_photos_side_by_side_share_out_their_caption(site: Path, capsys, line: str, first: str, second: str) -> None:
    """Two photos pasted into one line, under them “左：…；右：…”: each its own half (the second
    took the whole line, the first none; the page shows them one under the other)."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading("银龄互助睦邻服务", level=1)
    pasted = document.add_paragraph()
    for seed in (1, 2):
        phone_jpeg(site / "p.jpg", size=(800, 600), seed=seed)
        pasted.add_run().add_picture(str(site / "p.jpg"), width=Cm(7))
    (site / "p.jpg").unlink()
    document.add_paragraph(line)
    document.add_paragraph("服务队坚持每周上门。")
    document.save(str(site / "并排.docx"))
    _, body = imported(site, "并排.docx", capsys)
    assert f"![{first}](photo1.jpg)\n\n![{second}](photo2.jpg)\n\n服务队坚持每周上门。" in body, body


def test_a_table_with_other_rows_keeps_its_photo_s_text(site: Path, capsys, saved) -> None:
    """A table of figures with a photo in one row is no photo's caption list: it stays as it was."""
    # rows ("年份", "人次"), ("2023", "1200"), ("活动现场", PHOTO) (_written)
    report, body = imported(site, _docx_from(site, "照片表", saved, "照片表-其他行"), capsys)
    assert "| 年份 | 人次 |" in body and "| 活动现场 |  |" in body and "![](photo1.jpg)" in body, body
    assert "照片说明（photo1.jpg" not in report, report


def test_a_captions_number_and_a_date_written_as_simple_fields_are_kept(site: Path, capsys) -> None:
    """A helper's trial: a Word 题注 “图 2 乡贤捐建的村级图书室”, its number a SEQ field, came as
    “图 乡贤……”: mammoth reads no simple field (w:fldSimple), and a date inserted so went from the
    text as well. A caption's ▲ (pointing at the photo) is no part of it."""
    from docx import Document
    from docx.shared import Cm
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def simple(paragraph, instruction: str, shown: str) -> None:
        paragraph._p.append(
            etree.fromstring(f'<w:fldSimple xmlns:w="{w}" w:instr="{instruction}"><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>')
        )

    document = Document()
    document.add_heading("乡贤理事会助力乡村振兴", level=1)
    dated = document.add_paragraph("理事会于")
    simple(dated, " CREATEDATE \\@ &quot;yyyy年M月d日&quot; ", "2023年3月5日")
    dated.add_run("成立，现有乡贤32人。")
    for seed, caption in ((1, None), (2, "▲乡贤们在村部议事")):
        phone_jpeg(site / "p.jpg", size=(800, 600), seed=seed)
        document.add_paragraph().add_run().add_picture(str(site / "p.jpg"), width=Cm(8))
        if caption is None:
            captioned = document.add_paragraph(style="Caption")
            captioned.add_run("图 ")
            simple(captioned, " SEQ 图 \\* ARABIC ", "2")
            captioned.add_run(" 乡贤捐建的村级图书室")
        else:
            document.add_paragraph(caption)
    (site / "p.jpg").unlink()
    document.add_paragraph("三年来筹集资金86万元。")
    document.save(str(site / "题注.docx"))
    _, body = imported(site, "题注.docx", capsys)
    assert "理事会于2023年3月5日成立，现有乡贤32人。" in body, body
    assert "![图 2 乡贤捐建的村级图书室](photo1.jpg)" in body and "![乡贤们在村部议事](photo2.jpg)" in body, body


def test_a_caption_written_above_its_photo_is_its_caption(site: Path, capsys) -> None:
    """A helper's trial: “图1 志愿者入户走访” typed above its photo stayed a line of the text and
    the photo had none. A line above that says it is a caption (numbered as one, or ▼ pointing
    down) is the photo's; a line of the story above a photo stays."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading("银龄互助睦邻服务", level=1)
    for seed, above in ((1, "图1 志愿者入户走访"), (2, "▼居民议事会现场"), (3, "图书室每周开放三天")):
        document.add_paragraph(above)
        phone_jpeg(site / "p.jpg", size=(800, 600), seed=seed)
        document.add_paragraph().add_run().add_picture(str(site / "p.jpg"), width=Cm(8))
        document.add_paragraph("服务队坚持每周上门，风雨无阻，已经坚持了整整三年时间，赢得了居民们的一致好评。")
    (site / "p.jpg").unlink()
    document.save(str(site / "上方说明.docx"))
    _, body = imported(site, "上方说明.docx", capsys)
    assert "![图1 志愿者入户走访](photo1.jpg)" in body and "![居民议事会现场](photo2.jpg)" in body, body
    assert "图书室每周开放三天\n\n![](photo3.jpg)" in body and body.count("志愿者入户走访") == 1, body


def test_heading_styles_of_ones_own_named_so_are_headings(site: Path, capsys) -> None:
    """A review: section names in a style of the worker's own, 小标题 (bold, no outline level,
    as WPS users make one), came as plain paragraphs, neither heading nor bold; so would a
    template's 二级标题 without its outline level. Word's 标题 (Title) is no section."""
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    for name in ("小标题", "二级标题"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).font.bold = True
    document.add_paragraph("银龄互助睦邻服务", style="Title")
    for text, style in (
        ("基本情况", "小标题"),
        ("社区老人多。", None),
        ("结对帮扶", "二级标题"),
        ("每周上门。", None),
        ("工作成效", "小标题"),
        ("服务三千人次。", None),
    ):
        document.add_paragraph(text, style=style)
    document.save(str(site / "自己的样式.docx"))
    _, body = imported(site, "自己的样式.docx", capsys)
    assert "## 基本情况\n\n社区老人多。\n\n## 结对帮扶\n\n每周上门。\n\n## 工作成效\n\n服务三千人次。" in body, body


def test_a_bold_section_name_under_a_photo_is_the_next_heading_not_its_caption(site: Path, capsys) -> None:
    """A review: the last photo of a section, then the next section's name made bold: the name
    became the photo's caption and the section lost its heading; a caption written above the
    photo (图1 …) lost to it too."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading("街坊议事厅", level=1)
    for seed, (name, text, above) in enumerate(
        (
            ("基本情况", "议事厅设在社区东门。", None),
            ("主要做法", "每月开一次议事会。", "图2 居民议事现场"),
            ("工作成效", "解决问题40件。", None),
        ),
        start=1,
    ):
        document.add_paragraph().add_run(name).bold = True
        document.add_paragraph(text)
        if seed < 3:
            if above:
                document.add_paragraph(above)
            phone_jpeg(site / "p.jpg", size=(800, 600), seed=seed)
            document.add_paragraph().add_run().add_picture(str(site / "p.jpg"), width=Cm(8))
    (site / "p.jpg").unlink()
    document.save(str(site / "议事厅.docx"))
    _, body = imported(site, "议事厅.docx", capsys)
    assert "议事厅设在社区东门。\n\n![](photo1.jpg)\n\n## 主要做法" in body, body
    assert "每月开一次议事会。\n\n![图2 居民议事现场](photo2.jpg)\n\n## 工作成效" in body, body


def test_bold_captions_a_bold_heading_with_a_break_and_a_pointing_caption_above(site: Path, capsys) -> None:
    """A final review: a bold caption under a photo became a ## section (another stayed bold
    text), the photos without captions; a bold section name ended by Shift+Enter ran into its
    text (**基本情况**宣讲队…); a caption above, 下图为…：, kept its pointing words and colon."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    document = Document()
    document.add_heading("理发进社区", level=1)
    for seed, (name, text, caption) in enumerate(
        (
            ("基本情况", "服务队有队员20人。", None),
            ("主要做法", "每月上门理发一次。", "志愿者为独居老人上门理发"),
            ("工作成效", "服务老人500人次。", None),
        ),
        start=1,
    ):
        lead = document.add_paragraph()
        run = lead.add_run(name)
        run.bold = True
        run.add_break(WD_BREAK.LINE)
        lead.add_run(text)
        if caption:
            document.add_paragraph("下图为队员上门情景：")
            phone_jpeg(site / "p.jpg", size=(800, 600), seed=seed)
            document.add_paragraph().add_run().add_picture(str(site / "p.jpg"), width=Cm(8))
            phone_jpeg(site / "p.jpg", size=(800, 600), seed=seed + 10)
            document.add_paragraph().add_run().add_picture(str(site / "p.jpg"), width=Cm(8))
            document.add_paragraph().add_run(caption).bold = True
    (site / "p.jpg").unlink()
    document.save(str(site / "理发.docx"))
    _, body = imported(site, "理发.docx", capsys)
    assert "## 基本情况\n\n服务队有队员20人。\n\n## 主要做法\n\n每月上门理发一次。" in body, body
    assert "![队员上门情景](photo1.jpg)" in body and "![志愿者为独居老人上门理发](photo2.jpg)\n\n## 工作成效" in body, body
