"""A site's own words on the Word form (the ``form`` option): read and checked as the site's
texts are, each slip named with its file and line; ``showcase template`` writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from showcase.cli import main
from showcase.core.errors import ConfigError
from showcase.core.outputs.form import fixed_texts, form_file, form_texts, hint, hints, load_form, rows, squash
from showcase.core.site.texts import TextsError

from tests.support.project import configure, make_project

# A city bureau's words: its title, intro, photo note, file name and two rows' hints.
OWN = """\
file_name: 长沙市案例申报表.docx
title: 长沙市社区社会组织新时代文明实践案例申报表
intro: 请在表格右边一栏填写。本表由长沙市民政局收集。
required: 必须填写
hints:
  省份: 湖南省
  城市: 长沙市（本市各区县的组织都可以申报）
  案例名称: "不超过 {max} 个字"
photos: 请附 3 张照片，第一张作封面。照片发到 cs@example.org。
"""


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # the import reads these back from every form: refused, saying why
        ("title: 表\nsections:\n  - [基本情况, 写来历]\n", 2, "“sections” 不能在申报表文字文件里改：showcase import 按这四个小标题"),
        ("body_heading: 正文\n", 1, "“body_heading” 不能在申报表文字文件里改：showcase import 按这个标题认出正文"),
        ("titel: 表\n", 1, "“titel” 不是申报表文字里的一项"),
        ("titel: 表\n", 1, "是不是 title？"),
        # a row label written wrong: the row's hint would be the packaged one without a word
        ("hints:\n  省分: 湖南省\n", 2, "“hints.省分” 不是申报表文字里的一项"),
        ("hints:\n  省分: 湖南省\n", 2, "是不是 省份？"),
        ("hints:\n  街道: 某某街道\n", 2, "是不是 街道（乡镇）？"),
        # a placeholder the row cannot fill; a lone brace where the hint is filled in
        ("hints:\n  省份: 填 {choices} 之一\n", 2, "“hints.省份” 里的 {choices} 不认识，申报表上会照原样显示。提示：这一项不会替换 {…}"),
        ("hints:\n  案例名称: '{min} 到 {maxi} 个字'\n", 2, "{maxi} 不认识，申报表上会照原样显示。提示：这里可用：{max}、{min}。"),
        ("hints:\n  案例名称: '至多 {max 个字'\n", 2, "“hints.案例名称” 里有单独的大括号“{”或“}”，生成申报表时会出错。"),
        # wrong types: a number, a list, a value where a group goes, nothing
        ("title: 2024\n", 1, "“title” 应是一段文字，现在是“2024”。提示：要写成文字，请加引号"),
        ("intro:\n  - 一\n  - 二\n", 1, "“intro” 应是一段文字，现在是一组内容。"),
        ("hints: 都要填\n", 1, "“hints” 应是一组“键: 值”（和内置的 form.yml 一样缩进写在它下面），现在是一个值。"),
        ("photos:\n", 1, "“photos” 是空的"),
        ("hints:\n  城市: true\n", 2, "“hints.城市” 应是一段文字，现在是“true”"),
        # the file name: where the site publishes the form, and what template saves
        ("file_name: 申报表.doc\n", 1, "“file_name” 应是一个以 .docx 结尾的文件名（例如 长沙市案例申报表.docx），现在是“申报表.doc”。"),
        ("file_name: forms/申报表.docx\n", 1, '文件名里不能有 / \\ : * ? " < > | # % 这些符号'),
        ("file_name: '申报表#1.docx'\n", 1, "“file_name” 应是一个以 .docx 结尾的文件名"),
        ("file_name: .docx\n", 1, "“file_name” 应是一个以 .docx 结尾的文件名"),
        ("file_name: " + "长" * 84 + ".docx\n", 1, "“file_name” 太长：有 257 个字节"),
        ("file_name: CON.docx\n", 1, "“file_name” 应是一个以 .docx 结尾的文件名"),
        ("file_name: ' 申报表.docx'\n", 1, "也不能以点开头或前后带空格"),  # a mutation audit: spaces around it
        ("file_name: '申报表.docx '\n", 1, "也不能以点开头或前后带空格"),
        # plain words, as the site's texts (core/site/texts.py check_plain): no HTML, nothing no one sees
        ("title: 申报表<b>加粗</b>\n", 1, "“title” 只能是纯文字，不能含 HTML 标签（“<b>”）"),
        ("intro: 请在右边\u202e填写\n", 1, "“intro”里有看不见的字符 U+202E"),
        # a placeholder left out: the row's allowed values were no longer on the form
        ("hints:\n  组织类别: 选一个\n", 2, "“hints.组织类别” 里少了 {choices}：申报表上要在那里填入内容"),
        ("hints:\n  案例名称: 写清楚谁做了什么\n", 2, "“hints.案例名称” 里少了 {max}："),
        # the YAML's own slips, as in every data file
        ("title: 表\ntitle: 另一个表\n", 2, "字段 title 写了两次"),
    ],
)
def test_a_slip_in_a_sites_form_words_is_named_with_its_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "form.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TextsError) as raised:
        load_form(path)
    assert isinstance(raised.value, ConfigError)  # exit 2 from a command, a build error from MkDocs
    assert f"{path}:{line}: " in str(raised.value) and words in str(raised.value), str(raised.value)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "无法读取申报表文字文件（文件不存在）"),
        ("title: 长沙\n".encode("gbk"), "无法读取申报表文字文件（不是 UTF-8 编码的文字文件，请另存为 UTF-8）"),
        (b"- title\n- intro\n", "申报表文字文件应是“键: 值”的形式"),
        (b"just words\n", "申报表文字文件应是“键: 值”的形式"),
    ],
)
def test_a_form_file_that_cannot_be_used_is_one_line_naming_it(tmp_path: Path, content: bytes | None, words: str) -> None:
    path = tmp_path / "form.yml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TextsError) as raised:
        load_form(path)
    assert str(raised.value) == f"{path}: {words}"


def test_a_sites_form_words_replace_the_packaged_words_they_name(tmp_path: Path) -> None:
    path = tmp_path / "form.yml"
    path.write_text("\ufeff" + OWN, encoding="utf-8")  # a BOM, as Notepad writes one
    words = load_form(path)
    packaged = form_texts()
    assert words["title"] == "长沙市社区社会组织新时代文明实践案例申报表" and words["hints"]["省份"] == "湖南省"
    assert words["hints"]["区县"] == packaged["hints"]["区县"] and words["sections"] == packaged["sections"]
    assert form_file(words) == "downloads/长沙市案例申报表.docx" and form_file() == "downloads/案例申报表.docx"
    assert packaged["title"] == "社区社会组织参与新时代文明实践案例申报表"  # the packaged words are not changed
    (tmp_path / "empty.yml").write_text("# 暂时没有\n", encoding="utf-8")
    assert load_form(tmp_path / "empty.yml") == packaged and load_form(None) == packaged
    # the hints: the site's words, its {max} filled in; 必填 in the site's words
    from showcase.core.collection.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    by_label = {row.label: row for row in rows()}
    assert hint(by_label["案例名称"], taxonomy, words) == "必须填写。不超过 80 个字"
    assert hint(by_label["省份"], taxonomy, words) == "必须填写。湖南省"
    # the import knows both forms' words: one sent out before the site had its own comes back too
    assert {squash("必填。例如 湖南省"), squash("必须填写。湖南省")} == hints(by_label["省份"], taxonomy, words)
    fixed = fixed_texts(taxonomy, words)
    assert squash(packaged["title"]) in fixed and squash(words["title"]) in fixed and squash(words["photos"]) in fixed


def test_a_hint_without_placeholders_may_hold_a_brace(tmp_path: Path) -> None:
    """Only a hint with {min}, {max} or {choices} is filled in: a brace elsewhere is shown as written."""
    path = tmp_path / "form.yml"
    path.write_text("hints:\n  标签: '例如 {助餐'\n", encoding="utf-8")
    from showcase.core.collection.taxonomy import load_taxonomy

    (row,) = [row for row in rows() if row.label == "标签"]
    assert hint(row, load_taxonomy(), load_form(path)) == "例如 {助餐"


def _site(tmp_path: Path, monkeypatch, text: str = OWN) -> Path:
    make_project(tmp_path)
    (tmp_path / "my-form.yml").write_text(text, encoding="utf-8")
    configure(tmp_path, form="my-form.yml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_template_writes_the_sites_words_under_its_file_name(tmp_path: Path, monkeypatch, capsys) -> None:
    site = _site(tmp_path, monkeypatch)
    assert main(["template"]) == 0
    assert "已生成申报表：长沙市案例申报表.docx" in capsys.readouterr().out
    document = Document(str(site / "长沙市案例申报表.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["长沙市社区社会组织新时代文明实践案例申报表", "请在表格右边一栏填写。本表由长沙市民政局收集。"]
    assert "请附 3 张照片，第一张作封面。照片发到 cs@example.org。" in texts
    assert document.core_properties.title == "长沙市社区社会组织新时代文明实践案例申报表"
    (table,) = document.tables
    said = {row.cells[0].paragraphs[0].text: row.cells[0].paragraphs[1].text for row in table.rows}
    assert said["省份"] == "必须填写。湖南省" and said["城市"] == "长沙市（本市各区县的组织都可以申报）"
    assert said["案例名称"] == "必须填写。不超过 80 个字"
    assert said["区县"] == "例如 岳麓区"  # not named by the site: the packaged hint
    # what the import reads back is as packaged: the body's heading, the four headings and their guidance
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["案例正文", "基本情况", "主要做法", "工作成效", "经验启示"]


@pytest.mark.parametrize("command", [["template", "-o", "表.docx"], ["check"], ["import", "没有.docx"]])
def test_a_broken_form_file_stops_each_command_with_one_line(tmp_path: Path, monkeypatch, capsys, command: list[str]) -> None:
    """``showcase check`` refuses what the build refuses; template and import never start."""
    _site(tmp_path, monkeypatch, "title: 表\nsections: []\nhints:\n  省分: 湖南省\n")
    assert main(command) == 2
    err = capsys.readouterr().err
    assert "my-form.yml:2: “sections” 不能在申报表文字文件里改" in err and "my-form.yml:4: “hints.省分”" in err, err
    assert "Traceback" not in err and not (tmp_path / "表.docx").exists()
    (tmp_path / "my-form.yml").unlink()
    assert main(command) == 2
    assert "my-form.yml: 无法读取申报表文字文件（文件不存在）" in capsys.readouterr().err


def test_a_file_name_ending_in_capitals_is_a_word_file(tmp_path: Path) -> None:
    """Windows writes .DOCX as readily as .docx (a mutation audit)."""
    path = tmp_path / "form.yml"
    path.write_text("file_name: 长沙市案例申报表.DOCX\n", encoding="utf-8")
    assert form_file(load_form(path)) == "downloads/长沙市案例申报表.DOCX"


def test_a_form_title_longer_than_a_document_property_still_makes_the_form(tmp_path: Path, monkeypatch, capsys) -> None:
    """Word's document properties hold 255 characters: a longer title stopped ``showcase
    template`` (and the build, which publishes the form) with python-docx's ValueError
    ("exceeded 255 char limit for property"), while the check passed (an editor's trial)."""
    title = "长沙市" + "社区社会组织参与新时代文明实践" * 20  # 303 characters
    site = _site(tmp_path, monkeypatch, f"title: {title}\n")
    assert main(["template", "-o", "表.docx"]) == 0, capsys.readouterr().err
    document = Document(str(site / "表.docx"))
    assert document.paragraphs[0].text == title  # the form shows it whole
    assert document.core_properties.title == title[:255]


def test_the_packaged_form_asks_for_a_cover_as_wide_as_the_share_card(tmp_path: Path, monkeypatch) -> None:
    """The width the form asks of a cover is the share card's, written once (an architecture
    review: 1200 in form.yml and in the import's report, apart); the import reads the note
    back as the form's own words."""
    from showcase.core.media.sharecard import SIZE
    from showcase.core.outputs.form import fixed_texts, squash

    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["template"]) == 0
    texts = [p.text for p in Document(str(tmp_path / "案例申报表.docx")).paragraphs]
    (note,) = [text for text in texts if "作封面" in text]
    assert f"至少 {SIZE[0]} 像素宽" in note and "{" not in note, note
    from showcase.core.collection.taxonomy import load_taxonomy

    assert squash(note) in fixed_texts(load_taxonomy())
