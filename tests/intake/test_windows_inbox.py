"""What a community worker on Windows sends (WPS, WeChat, a zip made by the Explorer) and
what the district editor's import makes of it: a long write-up pasted into Word, a photo
WeChat saved as nothing (0 bytes) or as something no viewer opens, a volunteers' roster."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from showcase.cli import main

from tests.support.build import build_site

from .conftest import EXPECTED
from .test_hostile import refused, state
from .test_inbox import gbk_zip, photo


def _long_write_up(path: Path, pages: int) -> Path:
    """A write-up of ``pages`` pages as python-docx writes it (a heading, then some 800
    characters of meeting records a page, as a worker pastes a year's minutes into Word)."""
    from docx import Document

    document = Document()
    document.add_heading("“红色议事厅”：老旧小区改造中的居民自治", level=1)
    document.add_paragraph("申报单位：北京市朝阳区某某社区红色议事厅")
    for page in range(1, pages + 1):
        document.add_heading(f"第{page}部分 议事记录", level=2)
        for item in range(6):
            document.add_paragraph(
                f"第{page}次议事会第{item}项：居民代表围绕楼道照明、加装电梯、垃圾分类等问题展开讨论，"
                f"形成意见{item}条，社区两委会后逐项落实，办结率达到百分之九十以上。" * 2
            )
    document.save(str(path))
    return path


def _limit_body(site: Path, limit: int) -> None:
    """The site's own bound on a case body (the plugin option ``max_body_bytes``)."""
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"# max_body_bytes: \d+", f"max_body_bytes: {limit}", text)
    assert count == 1
    config.write_text(text, encoding="utf-8")


def test_a_write_up_past_the_body_limit_is_refused_not_made_a_draft_that_stops_the_site(site: Path, capsys) -> None:
    """A 200-page material (536 KB of Markdown, within index.md's 2 MB) was imported as a
    draft with one error, body-too-large, exit 0: the build then stopped for the whole site
    (“案例有 1 处错误，构建中止”). The site's bound lowered to 16 KB, the material 20 pages."""
    _limit_body(site, 16 * 1024)
    _long_write_up(site / "议事记录.docx", pages=20)
    out = refused(site, "议事记录.docx", capsys, "议事记录.docx", "正文有 ", "超过案例正文的上限（16 KB）", "分成几份")
    assert "（约 2 万字）" in out  # counted as Word counts it too
    (line,) = [line for line in out.splitlines() if "✗ 没有导入：" in line]
    assert line.count("没有导入") == 1, line  # the report's mark says it; the reason does not say it again
    assert "Traceback" not in out
    # nothing was written, so the site still builds
    assert main(["check", "cases"]) == 0
    built = build_site(site)
    assert (built / "index.html").is_file()


def test_a_write_up_within_the_body_limit_is_still_a_draft(site: Path, capsys) -> None:
    _limit_body(site, 64 * 1024)
    _long_write_up(site / "议事记录.docx", pages=3)
    before = state(site)
    assert main(["import", "议事记录.docx"]) == 0, capsys.readouterr().out
    assert [p for p in state(site) if p not in before and p.endswith("index.md")]


def test_a_write_up_the_page_could_not_be_made_of_is_refused_in_word_s_terms(site: Path, capsys) -> None:
    """120 "[" in a line of a Word file: the draft had body-unclosed, an error that stops the build."""
    from docx import Document

    document = Document()
    document.add_heading("“邻里节”：社区居民联欢", level=1)
    document.add_paragraph("申报单位：某某社区邻里节筹备组")
    document.add_paragraph("[" * 120)
    document.add_paragraph("组织居民联欢。")
    document.save(str(site / "邻里节.docx"))
    out = refused(site, "邻里节.docx", capsys, "无法转换成网页", "没有配对的方括号", "请在 Word 里删去多余的符号")
    assert "反斜杠" not in out  # the Markdown's remedy, not the Word file's
    (line,) = [line for line in out.splitlines() if "✗ 没有导入：" in line]
    assert line.count("没有导入") == 1, line


def test_a_photo_of_0_bytes_or_no_picture_at_all_says_what_to_ask_for(by_python_docx: Path, site: Path, capsys) -> None:
    """WeChat's 保存 before the original arrived leaves a file of 0 bytes; a browser's “save
    picture” of a page that had expired, a .jpg holding HTML. Both were “无法识别（未知格式），
    没有导入。”: nothing said it was empty, nor what to ask the organization for."""
    inbox = site / "收件" / "红马甲"
    inbox.mkdir(parents=True)
    shutil.copy(by_python_docx, inbox / "申报表.docx")
    (inbox / "微信图片_20240305101010.jpg").write_bytes(b"")
    (inbox / "活动 现场.jpg").write_bytes(
        b"<!DOCTYPE html><html><body>\xe5\x9b\xbe\xe7\x89\x87\xe5\xb7\xb2\xe8\xbf\x87\xe6\x9c\x9f</body></html>"
    )
    assert main(["import", "收件"]) == 0
    out = capsys.readouterr().out
    assert "微信图片_20240305101010.jpg 是空文件（0 字节）" in out and "请对方重新发一份原图" in out
    # a name with a space in quotes, where it begins and ends seen
    assert "随文件发来的“活动 现场.jpg”不是图片文件" in out and "请用看图软件打开" in out
    assert "未知格式" not in out
    folder = site / "cases/湖南省" / EXPECTED["id"]
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", "photo1.jpg", "photo2.jpg"]  # the two pasted photos only


def test_a_photo_folder_beside_two_word_files_is_not_said_to_have_none(by_python_docx: Path, site: Path, capsys) -> None:
    """A zip made by Windows' 发送到 → 压缩文件夹 (GBK names), the worker's folder holding the
    form twice (定稿 and 旧版) and the photos in 照片/, a Mac's __MACOSX beside: the photos were
    “没有和它们一起的 Word 材料”, with the two Word files one folder up."""
    jpeg = photo(site / "p.jpg").read_bytes()
    mac = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + bytes(60)
    gbk_zip(
        site / "材料.zip",
        {
            "武侯区邻里互助会/申报表（定稿）.docx": by_python_docx.read_bytes(),
            "武侯区邻里互助会/申报表（旧版）.docx": by_python_docx.read_bytes(),
            "武侯区邻里互助会/照片/IMG_0001.jpg": jpeg,
            "武侯区邻里互助会/照片/IMG_0002.jpg": jpeg,
            "__MACOSX/武侯区邻里互助会/照片/._IMG_0001.jpg": mac,
        },
    )
    assert main(["import", "材料.zip"]) == 0
    out = capsys.readouterr().out
    assert "没有和它们一起的 Word 材料" not in out
    note = next(line for line in out.splitlines() if "照片 里有 2 张照片" in line)
    assert "不知道属于哪份材料（上一层 材料.zip/武侯区邻里互助会 有 2 个 Word 文件：申报表（定稿）.docx、申报表（旧版）.docx）" in note
    assert "IMG_0001.jpg、IMG_0002.jpg" in note and "同名的文件夹（例如“申报表（定稿）”）" in note
    assert "MACOSX" not in out and "._IMG" not in out
