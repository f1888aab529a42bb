"""A site with its own words on the Word form (the ``form`` option): the form it writes opens
in a word processor, its build publishes it, and ``showcase import`` reads it back, as it
still reads a form made with the packaged words."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from showcase.cli import main
from showcase.core.collection.taxonomy import load_taxonomy
from showcase.core.outputs.form import form_bytes, load_form

from tests.support.build import mkdocs_build
from tests.support.office import libreoffice_convert, pdftotext
from tests.support.project import configure

from .conftest import EXPECTED, SECTIONS, fill_with_python_docx
from .test_import_form import front_matter

OWN = """\
file_name: 长沙市案例申报表.docx
title: 长沙市社区社会组织新时代文明实践案例申报表
intro: 请在表格右边一栏填写。本表由长沙市民政局收集。
required: 必须填写
hints:
  省份: 湖南省
  城市: 长沙市（本市各区县的组织都可以申报）
  案例名称: "不超过 {max} 个字"
body_intro: 在下面四个小标题下面写，写清做法和成效。
photos: 请附 3 张照片，第一张作封面。
"""
NAME = "长沙市案例申报表.docx"


@pytest.fixture
def own_site(site: Path) -> Path:
    """The test project with the bureau's form words (``site``: an empty cases/, the current folder)."""
    (site / "my-form.yml").write_text(OWN, encoding="utf-8")
    configure(site, form="my-form.yml")
    return site


def test_the_sites_form_opens_in_libreoffice_with_its_words(own_site: Path, capsys) -> None:
    assert main(["template"]) == 0
    pdf = libreoffice_convert(own_site / NAME, "pdf", own_site)
    text = pdftotext(pdf, "-layout")
    squashed = "".join(text.split())
    for words in ("长沙市社区社会组织新时代文明实践案例申报表", "本表由长沙市民政局收集", "必须填写。湖南省", "不超过80个字", "经验启示"):
        assert words in squashed, words


def test_a_filled_site_form_imports_into_what_was_typed(own_site: Path, made: Path, capsys) -> None:
    assert main(["template", "-o", str(own_site / "空表.docx")]) == 0
    fill_with_python_docx(own_site / "空表.docx", own_site / "长沙申报.docx", [made / "p0.jpg", made / "p1.jpg"])
    capsys.readouterr()
    assert main(["import", "长沙申报.docx"]) == 0
    report = capsys.readouterr().out
    folder = own_site / "cases" / "湖南省" / EXPECTED["id"]
    data, body = front_matter(folder / "index.md")
    assert data == EXPECTED
    assert "## 基本情况\n\n" + SECTIONS["基本情况"][0] in body and "![老人们在长者饭堂吃饭](photo2.jpg)" in body
    for words in ("长沙市社区社会组织", "本表由", "必须填写", "写清做法和成效", "请附 3 张照片", "案例正文", "分几条写"):
        assert words not in body, words
    # the site's hints, left in the left cells, are not read as words typed there
    assert "左边一栏" not in report and "没有填写" not in report, report
    assert main(["check", "cases"]) == 0, capsys.readouterr().out


def test_a_form_with_the_packaged_words_still_imports_on_that_site(own_site: Path, by_python_docx: Path, capsys) -> None:
    shutil.copy(by_python_docx, own_site / "旧表.docx")
    assert main(["import", "旧表.docx"]) == 0
    report = capsys.readouterr().out
    data, body = front_matter(own_site / "cases" / "湖南省" / EXPECTED["id"] / "index.md")
    assert data == EXPECTED and "左边一栏" not in report
    for guidance in ("分几条写", "请附 3–5 张照片", "在下面四个小标题", "申报表", "案例正文"):
        assert guidance not in body


def test_the_build_publishes_the_sites_form_and_refuses_a_broken_file(own_site: Path) -> None:
    shutil.copy(Path(__file__).resolve().parents[2] / "CONTRIBUTING.md", own_site / "CONTRIBUTING.md")
    result = mkdocs_build(own_site)  # --strict, as `make site` and CI build
    assert result.returncode == 0, result.stderr
    built = own_site / "site"
    expected = form_bytes(load_taxonomy(), load_form(own_site / "my-form.yml"))
    assert (built / "downloads" / NAME).read_bytes() == expected
    # the packaged about page and the guide link the packaged name: the same form is there
    assert (built / "downloads" / "案例申报表.docx").read_bytes() == expected
    link = 'href="../downloads/%E6%A1%88%E4%BE%8B%E7%94%B3%E6%8A%A5%E8%A1%A8.docx"'
    for page in ("about", "guide"):
        assert link in (built / page / "index.html").read_text(encoding="utf-8"), page
    # a slip in the file: the build stops with its one line, as `mkdocs build` prints it
    (own_site / "my-form.yml").write_text("title: 表\nhints:\n  城市: 填 {max}\n", encoding="utf-8")
    result = mkdocs_build(own_site, "site2")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert (
        "my-form.yml:3: “hints.城市” 里的 {max} 不认识，申报表上会照原样显示。提示：这一项不会替换 {…}，请直接写成文字。" in result.stderr
    )
