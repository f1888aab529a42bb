"""Names every editor's computer can check out (core/collection/portable.py), and what a
Windows or Mac author's photo names that Linux reads otherwise are told.

Editors work on Windows and Macs, whose file systems ignore case and refuse some names;
the site is built on Linux, which takes any name but refuses long ones. Each test lays the
files out on this Linux machine as a contributor would commit them.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from showcase.core.collection import portable
from showcase.core.collection.loading import discover, load_case

from .helpers import LINE, VALID, edit, found, jpeg, settings, write_case


def _said(names: list[str], inside: str = "cases/广东省/x", *, in_case: bool = False) -> list[tuple[str, str, str, str]]:
    notes: list[tuple[str, str, str, str]] = []
    portable.check_names(
        Path("/r") / inside,
        names,
        inside,
        lambda path, severity, code, message, hint: notes.append((path.name, severity, code, message)),
        in_case=in_case,
    )
    return notes


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("照片:1.jpg", "“:”"),
        ("a?.jpg", "“?”"),
        ("b*.jpg", "“*”"),
        ('c".jpg', '“"”'),
        ("d<e>.jpg", "“<”、“>”"),
        ("e|f.jpg", "“|”"),
        ("Icon\r", "看不见的控制字符"),  # the Mac's custom folder icon
        ("末尾点.", "点“.”结尾"),
        ("末尾空格 ", "空格结尾"),
        ("aux.jpg", "“aux”是 Windows 留给设备的名字"),
        ("CON", "“CON”是 Windows 留给设备的名字"),
        ("nul", "留给设备"),
        ("COM1.png", "留给设备"),
        ("lpt9.tar.gz", "留给设备"),
        ("COM0.jpg", "留给设备"),
        ("conin$.txt", "“conin$”是 Windows 留给设备的名字"),  # the console's (a review)
        ("CONOUT$", "留给设备"),
        ("com\u00b9.jpg", "留给设备"),  # COM¹, which Windows takes as COM1
    ],
)
def test_a_name_windows_refuses_is_a_warning_that_says_why(name, words):
    # Committed from a Mac, Linux or WSL, such a name makes every Windows editor's clone fail
    # at that file (Git for Windows: "invalid path"); the check said nothing of any of them.
    [(where, severity, code, message)] = _said([name])
    assert (where, severity, code) == (name, "warning", "windows-name")
    assert words in message and "Windows" in message


@pytest.mark.parametrize("name", ["photo1.jpg", "照片1.JPEG", "auxiliary.jpg", "con-1.jpg", "a.b.c.jpg", ".DS_Store", "社区活动（一）.jpg"])
def test_ordinary_names_pass(name):
    assert _said([name]) == []


def test_names_that_differ_only_in_case_are_one_file_on_windows_and_a_mac():
    [(_, severity, code, message)] = _said(["Photo1.jpg", "index.md", "photo1.jpg"])
    assert (severity, code) == ("warning", "name-case-clash")
    assert "Photo1.jpg、photo1.jpg" in message
    nfd = unicodedata.normalize("NFD", "café.jpg")
    assert [code for _, _, code, _ in _said(["café.jpg", nfd])] == ["name-case-clash"]  # one file on a Mac


def test_a_path_too_long_for_windows_is_said_once_for_its_folder():
    inside = "cases/广东省/" + "很长的案例文件夹名" * 15  # 145 characters
    names = ["短.jpg", "照" * 55 + ".jpg", "片" * 54 + ".jpg"]  # 205 and 204 characters with the folder
    [(where, severity, code, message)] = _said(names, inside)
    assert (where, severity, code) == ("照" * 55 + ".jpg", "warning", "path-too-long")
    assert "205 个字" in message and "共有 2 个" in message and "260" in message
    assert _said(["短.jpg"], inside) == []
    assert _said(["x.jpg"], "a" * 201) == []  # the folder itself was said where it was listed


def test_a_name_too_long_for_linux_is_an_error():
    # 95 Chinese characters: Windows takes the name, Linux (255 bytes a name) does not, and
    # the build's checkout fails ("File name too long").
    name = "越秀区北京街道老年人协会开展银龄互助活动" * 4 + "志愿者上门送餐现场照片第一张.jpg"
    assert len(name) < 255 < len(name.encode())
    [(_, severity, code, message)] = _said([name], "c")
    assert (severity, code) == ("error", "path-too-long") and "255 个字节" in message


def test_discover_says_it_of_a_committed_folder(tmp_path):
    cases = tmp_path / "cases"
    write_case(cases / "广东省" / "x", VALID, {"photo1.jpg": jpeg(), "img/photo2.jpg": jpeg(), "aux.jpg": jpeg()})
    (cases / "广东省" / "x" / "Img").mkdir()
    _, stray = discover(cases)
    assert sorted((d.path.name, d.code) for d in stray) == [("aux.jpg", "windows-name"), ("img", "name-case-clash")]


def test_files_windows_and_word_leave_are_said_for_what_they_are(tmp_path):
    folder = tmp_path / "x"
    leftovers = {
        "Thumbs.db": b"x",
        "desktop.ini": b"[.ShellClassInfo]\r\n",
        "~$申报表.docx": b"\x05admin",
        "photo1.jpg:Zone.Identifier": b"[ZoneTransfer]\r\nZoneId=3\r\n",
    }
    case_file = write_case(folder, VALID, {"photo1.jpg": jpeg(), "img/photo2.jpg": jpeg(), **leftovers})
    case = load_case(case_file, settings(check_images=True))
    [unused] = [d for d in case.diagnostics if d.code == "unused-file"]
    assert "电脑自动生成的文件" in unused.message and "缩略图" in unused.message and "临时文件" in unused.message
    assert all(name in unused.message for name in leftovers) and ".gitignore" in unused.hint
    _, stray = discover(tmp_path)
    assert [d.code for d in stray] == []  # the colon of Zone.Identifier: said once, by unused-file


NFC, NFD = unicodedata.normalize("NFC", "café.jpg"), unicodedata.normalize("NFD", "café.jpg")


@pytest.mark.parametrize(
    ("src", "meant", "other", "words"),
    [
        ("img/photo2.jpg", "Img/photo2.jpg", None, "文件夹里有 Img/photo2.jpg：这里请一字不差地写成 Img/photo2.jpg"),
        ("照片1.jpeg", "照片1.JPEG", None, "文件夹里有 照片1.JPEG"),
        (NFC, NFD, None, "看起来和这里写的一样"),  # a photo named on a Mac
        ("photo１.JPG", "photo１.jpg", "photo1.jpg", "写成 photo１.jpg"),  # the same case before the same letters
        ("photo3.jpg", "photo３.jpg", None, "文件夹里有 photo３.jpg，看起来和这里写的一样"),  # a full-width digit
        ("photo3.jpg", " photo3.jpg", None, "文件夹里有  photo3.jpg，看起来和这里写的一样"),  # a space before it
    ],
)
def test_a_photo_named_with_another_case_names_the_file_and_is_no_unused_file(tmp_path, src, meant, other, words):
    # Fine on Windows and a Mac, missing on Linux. The folder's case (Img/ for img/) was told
    # "no image files yet", and the photo meant was listed as unused, to be deleted.
    text = edit(VALID, "![志愿者陪同老人就医](img/photo2.jpg)", f"![志愿者陪同老人就医]({src})")
    files = {"photo1.jpg": jpeg(), meant: jpeg()} | ({other: jpeg()} if other else {})
    if not src.startswith("img/"):
        files["img/photo2.jpg"] = jpeg()
        text += "\n![合影](img/photo2.jpg)\n"
    case = load_case(write_case(tmp_path / "x", text, files), settings(check_images=True))
    [missing] = [d for d in case.diagnostics if d.code == "image-missing"]
    assert missing.line == LINE["image"] and words in missing.hint
    assert not any(meant in d.message for d in case.diagnostics if d.code == "unused-file"), found(case, unused=True)


def test_a_reference_to_a_name_too_long_for_linux_is_missing_not_a_crash(tmp_path):
    text = edit(VALID, "(img/photo2.jpg)", "(" + "照" * 90 + ".jpg)")
    case_file = write_case(tmp_path / "x", text, {"photo1.jpg": jpeg(), "其他.jpg": jpeg()})
    case = load_case(case_file, settings(check_images=True))
    assert "image-missing" in [d.code for d in case.diagnostics]
    assert os.path.exists(case_file)


# -- a mutation audit's tests: what no test above told apart ------------------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("a\\b.jpg", "“\\”"),  # a backslash, as a Windows path's separator
        ("名单\x1f.txt", "看不见的控制字符"),  # the last control character
        ("aux .jpg", "“aux ”是 Windows 留给设备的名字"),  # a space before the extension: still the device
    ],
)
def test_more_names_windows_refuses(name, words):
    [(where, severity, code, message)] = _said([name])
    assert (where, severity, code) == (name, "warning", "windows-name")
    assert words in message, message


def test_a_leftover_file_beside_the_case_folders_is_said_by_its_name():
    # in a case folder unused-file says it; elsewhere no other check does
    assert [code for _, _, code, _ in _said(["photo1.jpg:Zone.Identifier"])] == ["windows-name"]
    assert _said(["photo1.jpg:Zone.Identifier"], in_case=True) == []


@pytest.mark.parametrize("name", ["Thumbs.db", "ehthumbs.db", "THUMBS.DB", "Desktop.ini", "~$申报表.docx", "照片.jpg:zone.identifier"])
def test_every_leftover_is_known_whatever_its_case(name):
    assert portable.leftover(name) is not None


def test_limits_are_inclusive_and_counted_as_windows_counts():
    # a name of exactly 255 bytes is fine on Linux; a path of exactly LONGEST characters on Windows
    assert _said(["照" * 83 + "ab.jpg"], "c") == []
    assert _said(["x" * (portable.LONGEST - 2)], "c") == []
    # an emoji is two characters to Windows (UTF-16): 80 + 1 + 124 is past the limit
    [(_, _, code, message)] = _said(["😀" * 60 + ".jpg"], "a" * 80)
    assert code == "path-too-long" and "205 个字" in message
    # at the repository's root the path is the name alone
    [(_, _, _, message)] = _said(["x" * (portable.LONGEST + 1)], "")
    assert f"{portable.LONGEST + 1} 个字" in message


def test_the_longest_path_of_a_folder_is_the_one_named():
    inside = "cases/广东省/" + "很长的案例文件夹名" * 15
    [(where, _, _, message)] = _said(["片" * 54 + ".jpg", "照" * 55 + ".jpg"], inside)
    assert where == "照" * 55 + ".jpg" and "205 个字" in message


def test_the_repository_is_the_folder_with_git_else_the_current_one(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "cases").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert portable.repository_root(site / "cases") == tmp_path.resolve()
    (site / ".git").mkdir()
    assert portable.repository_root(site / "cases") == site.resolve()
    assert portable.inside_repository(site, site.resolve()) == ""
    assert portable.inside_repository(site / "cases", site.resolve()) == "cases"
