"""Inboxes: a folder of submissions with photos beside them, a zip made on Chinese Windows
(GBK member names, no UTF-8 flag), and zip members that try to leave their folder."""

from __future__ import annotations

import re
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from showcase.cli import main

from .conftest import EXPECTED
from .test_import_form import front_matter


def photo(path: Path, size=(1400, 1000), colour=(90, 140, 60)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG")
    return path


def test_a_folder_inbox_takes_the_photos_beside_each_file(by_python_docx: Path, by_pandoc: Path, site: Path, capsys) -> None:
    inbox = site / "收件"
    one = inbox / "红马甲"  # a folder holding one form: every photo around it is its own
    one.mkdir(parents=True)
    shutil.copy(by_python_docx, one / "申报表.docx")
    photo(one / "活动现场.jfif")  # a JPEG as a Windows browser saves it: was "不是照片", not imported
    photo(one / "照片" / "封面-送餐.jpg", size=(1800, 1200))
    shutil.copy(by_pandoc, inbox / "议事会.docx")  # two files in one folder: photos in a sub-folder of the same name
    other_case(by_python_docx, inbox / "书屋.docx")  # the same organization's other case
    photo(inbox / "议事会" / "IMG_0001.jpg")
    photo(inbox / "不知道是谁的.jpg")
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    folder = site / "cases/湖南省" / EXPECTED["id"]
    data, body = front_matter(folder / "index.md")
    assert data["cover"] == "cover.jpg"  # the photo whose name says 封面
    assert sorted(p.name for p in folder.iterdir()) == ["cover.jpg", "index.md", "photo1.jpg", "photo2.jpg", "photo3.jpg"]
    assert "![活动现场](photo3.jpg)" in body  # beside the form: appended for the editor to place, named by its file
    assert "![志愿者为老人送餐](photo1.jpg)" in body  # the pasted one is no longer the cover, so it stays in the text
    (meeting,) = [p for p in (site / "cases").glob("*/*/index.md") if "议事会" in p.read_text(encoding="utf-8")]
    assert "![【请填写】照片说明](photo2.jpg)" in meeting.read_text(encoding="utf-8")
    assert "不知道属于哪份材料" in report and "不知道是谁的.jpg" in report
    assert "共 3 份材料：导入 3 份" in report


def test_photos_sent_after_the_form_reach_its_draft_when_the_inbox_is_imported_again(by_python_docx: Path, site: Path, capsys) -> None:
    """A helper's trial: the form imported, two photos sent later put beside it, the inbox
    imported again as the guide says: the form was skipped as imported before and the photos
    with it, never named. They now go into the draft (its index.md untouched), once."""
    one = site / "收件" / "红马甲"
    one.mkdir(parents=True)
    shutil.copy(by_python_docx, one / "申报表.docx")
    photo(one / "活动现场.jpg")
    assert main(["import", "收件"]) == 0
    folder = site / "cases/湖南省" / EXPECTED["id"]
    text = (folder / "index.md").read_bytes()
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", "photo1.jpg", "photo2.jpg", "photo3.jpg"]
    capsys.readouterr()
    photo(one / "封面-入户.jpg", colour=(200, 40, 40))
    photo(one / "议事会现场.jpg", colour=(40, 40, 200))
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "就是从这份材料导入的，不再生成一个新案例。" in report
    said = re.search(r"旁边新发来的 2 张照片（(.*?)）草稿里还没有，已放进 (\S+?)：(\S+?)（已去掉拍摄地点等信息）", report)
    assert said is not None, report
    assert set(said.group(1).split("、")) == {"封面-入户.jpg", "议事会现场.jpg"}
    assert said.group(2) == f"cases/湖南省/{EXPECTED['id']}" and said.group(3) == "photo4.jpg、photo5.jpg"
    assert "草稿的文字没有改动：请在正文合适的地方写上 ![" in report
    assert "![照片说明](photo4.jpg)" in report and "![议事会现场](photo5.jpg)" in report  # a caption its name gives
    assert (folder / "index.md").read_bytes() == text
    colours = {Image.open(folder / name).convert("RGB").getpixel((5, 5)) for name in ("photo4.jpg", "photo5.jpg")}
    assert {tuple(round(c / 10) for c in colour) for colour in colours} == {(20, 4, 4), (4, 4, 20)}
    assert main(["import", "收件"]) == 0  # again: nothing new
    assert "旁边新发来的" not in capsys.readouterr().out and len(list(folder.iterdir())) == 6
    # submitted for review: the editor's case, only told
    (folder / "index.md").write_bytes(text.replace(b"status: draft", b"status: review"))
    photo(one / "补充.jpg", colour=(40, 200, 40))
    main(["import", "收件"])
    report = capsys.readouterr().out
    assert f"旁边新发来的 1 张照片（补充.jpg）cases/湖南省/{EXPECTED['id']} 里没有，也没有导入" in report
    assert "发来的照片说明" not in report  # its file name's word is no caption the organization sent (a review)
    # a photo sent later that cannot be read is said (a review: unsaid with the skipped form)
    (one / "补充.jpg").unlink()
    (one / "坏.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 200)
    main(["import", "收件"])
    report = capsys.readouterr().out
    assert "之前已导入，这次跳过" in report and "随文件发来的 坏.jpg 不是图片文件，或者已经损坏，没有导入" in report, report
    assert len(list(folder.iterdir())) == 6


def test_a_caption_list_sent_after_the_form_names_each_photo_s_caption_in_the_draft(by_python_docx: Path, site: Path, capsys) -> None:
    """A review: a caption list sent later with the photos, the form imported before, was read
    and dropped unsaid; the editor was told to write ![照片说明](photo5.jpg). The report now
    gives each photo its caption by the name it has in the draft, whose text is not changed."""
    one = site / "收件" / "红马甲"
    one.mkdir(parents=True)
    shutil.copy(by_python_docx, one / "申报表.docx")
    photo(one / "入户.jpg", colour=(200, 40, 40))
    assert main(["import", "收件"]) == 0
    folder = site / "cases/湖南省" / EXPECTED["id"]
    text = (folder / "index.md").read_bytes()
    held = next(
        p.name for p in folder.iterdir() if p.suffix == ".jpg" and "入户" in text.decode().split(f"]({p.name})")[0].rsplit("![", 1)[-1]
    )
    capsys.readouterr()
    photo(one / "议事会现场.jpg", colour=(40, 40, 200))
    (one / "照片说明.txt").write_text("入户.jpg：志愿者入户走访\n议事会现场.jpg：居民议事会（封面）\n", encoding="utf-8")
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "已放进" in report and "请在正文合适的地方写上 ![居民议事会](photo" in report, report
    assert "议事会现场.jpg 标着封面：要用它作封面的话，把草稿的 cover 改成 photo" in report  # the list's 封面 (a trial: lost unsaid)
    assert f"照片说明.txt 里写的这些照片说明，cases/湖南省/{EXPECTED['id']} 的正文里还没有" in report
    assert f"![志愿者入户走访]({held})。" in report
    assert (folder / "index.md").read_bytes() == text
    (one / "照片说明.txt").write_text("合影：全体志愿者\n", encoding="utf-8")  # names none of the photos sent
    assert main(["import", "收件"]) == 0
    assert "照片说明 照片说明.txt 里有 1 条说明没有对上随材料发来的照片：“合影：全体志愿者”" in capsys.readouterr().out
    (folder / "index.md").write_text(
        text.decode().replace(f"]({held})", "").replace("\n\n", "\n") + f"\n![志愿者入户走访]({held})\n", encoding="utf-8"
    )
    (one / "照片说明.txt").write_text("入户.jpg：志愿者入户走访\n", encoding="utf-8")
    assert main(["import", "收件"]) == 0
    assert "照片说明.txt" not in capsys.readouterr().out  # the draft has it already: nothing to say
    # a later trial: written with a full stop, it was said again at every import
    (folder / "index.md").write_text(
        (folder / "index.md").read_text(encoding="utf-8").replace(f"![志愿者入户走访]({held})", f"![志愿者入户走访。]({held})"),
        encoding="utf-8",
    )
    assert main(["import", "收件"]) == 0
    assert "照片说明.txt" not in capsys.readouterr().out
    for written in (f"./{held}", f"<{held}>"):  # the name as an editor may write it (a review)
        (folder / "index.md").write_text(
            re.sub(r"!\[志愿者入户走访。\]\([^)]*\)", f"![志愿者入户走访。]({written})", (folder / "index.md").read_text(encoding="utf-8")),
            encoding="utf-8",
        )
        assert main(["import", "收件"]) == 0
        assert "照片说明.txt" not in capsys.readouterr().out, written
    # lines naming photos never sent are said, as a first import says them (they were dropped unsaid)
    (one / "照片说明.txt").write_text("入户.jpg：志愿者入户走访\n合影.jpg：全体志愿者合影\n", encoding="utf-8")
    assert main(["import", "收件"]) == 0
    assert "照片说明 照片说明.txt 里有 1 条说明没有对上随材料发来的照片：“全体志愿者合影”" in capsys.readouterr().out
    # captions by order alone name no photo: never offered to replace the caption of one imported before
    (one / "照片说明.txt").write_text("志愿者入户走访\n居民议事会\n", encoding="utf-8")
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "或把那张照片原来的说明改成" not in report, report
    assert "没有写明是哪张照片，只能按顺序对应，而这些照片之前已经导入过" in report


def test_a_caption_list_sent_later_for_the_pictures_in_the_word_file_is_said(by_python_docx: Path, site: Path, capsys) -> None:
    """A trial: a list sent after the form for the two pictures pasted in it was read and
    dropped unsaid (the same list with the form is said: the form's pictures have captions)."""
    one = site / "收件" / "红马甲"
    one.mkdir(parents=True)
    shutil.copy(by_python_docx, one / "申报表.docx")
    assert main(["import", "收件"]) == 0
    folder = site / "cases/湖南省" / EXPECTED["id"]
    text = (folder / "index.md").read_text(encoding="utf-8")
    capsys.readouterr()
    (one / "照片说明.txt").write_text("1. 志愿者为老人理发\n2. 老人们在饭堂午餐\n", encoding="utf-8")
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "之前已导入，这次跳过" in report
    assert "照片说明 照片说明.txt 里有 2 条说明没有对上文中没有说明的照片：“志愿者为老人理发”；“老人们在饭堂午餐”" in report, report
    assert (folder / "index.md").read_text(encoding="utf-8") == text


def test_a_photo_sent_again_saved_anew_is_said_to_look_like_the_one_in_the_draft(by_python_docx: Path, site: Path, capsys) -> None:
    """A trial: 入户.jpg sent again re-saved at another quality (its bytes changed) was written
    into the draft a second time, and the caption list's line pointed at the copy."""
    one = site / "收件" / "红马甲"
    one.mkdir(parents=True)
    shutil.copy(by_python_docx, one / "申报表.docx")
    scene = Image.radial_gradient("L").resize((1400, 1000)).convert("RGB")
    scene.save(one / "入户.jpg", quality=95)
    assert main(["import", "收件"]) == 0
    capsys.readouterr()
    scene.save(one / "入户.jpg", quality=60)  # the same picture, saved again by WeChat
    Image.linear_gradient("L").resize((1400, 1000)).convert("RGB").save(one / "议事会.jpg")  # another picture
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    said = re.search(
        r"其中 (photo\d\.jpg)（入户\.jpg）看起来和草稿里的 (photo\d\.jpg) 很像，可能是同一张照片（另存或压缩过）："
        r"请打开两张对比，是同一张的话删掉 \1，说明写在 \2 上；不是的话在正文里写上 !\[入户\]\(\1\)。",
        report,
    )
    assert said is not None, report
    assert "（议事会.jpg）看起来" not in report
    # another photo of the same scene, a person added (a review: taken for the same at 64 bits)
    other = scene.copy()
    other.paste((200, 30, 30), (500, 300, 800, 900))
    other.save(one / "入户2.jpg")
    assert main(["import", "收件"]) == 0
    assert "（入户2.jpg）看起来" not in capsys.readouterr().out


def test_a_caption_list_sent_later_captions_the_cover_photo_by_its_name_in_the_draft(by_python_docx: Path, site: Path, capsys) -> None:
    """A review: the photo named 封面 is cover.jpg in the draft, and its line of a list sent
    later was looked up by the name it had before, and lost unsaid."""
    one = site / "收件" / "红马甲"
    one.mkdir(parents=True)
    shutil.copy(by_python_docx, one / "申报表.docx")
    photo(one / "封面-入户.jpg", colour=(200, 40, 40))
    assert main(["import", "收件"]) == 0
    capsys.readouterr()
    (one / "照片说明.txt").write_text("封面：志愿者入户走访\n", encoding="utf-8")
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "![志愿者入户走访](cover.jpg)" in report and "按顺序" not in report, report


def other_case(form: Path, out: Path) -> Path:
    """``form`` with another title: the same material twice is imported once (test_import_form)."""
    from docx import Document

    document = Document(str(form))
    for row in document.tables[0].rows:
        if row.cells[0].paragraphs[0].text == "案例名称":
            row.cells[1].paragraphs[0].text = "红马甲助老服务队开设社区书屋"
    document.save(str(out))
    return out


def gbk_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A zip as Chinese Windows makes it: names in GBK, the UTF-8 flag not set."""
    placeholders = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, data) in enumerate(members.items()):
            raw = name.encode("gbk")
            stand_in = (f"Q{number}" + "Z" * len(raw))[: len(raw)]
            placeholders[stand_in.encode()] = raw
            archive.writestr(stand_in, data)
    data = path.read_bytes()
    for stand_in, raw in placeholders.items():
        data = data.replace(stand_in, raw)
    path.write_bytes(data)
    for info in zipfile.ZipFile(path).infolist():
        assert not info.flag_bits & 0x800
    return path


def test_a_zip_made_on_chinese_windows_keeps_its_chinese_names(by_python_docx: Path, site: Path, capsys) -> None:
    cover = site / "c.jpg"
    photo(cover, size=(640, 480))
    gbk_zip(site / "材料.zip", {"红马甲申报表.docx": by_python_docx.read_bytes(), "封面照片.jpg": cover.read_bytes()})
    assert main(["import", "材料.zip"]) == 0
    report = capsys.readouterr().out
    assert "材料.zip/红马甲申报表.docx →" in report
    assert "cover.jpg（封面）：640×480" in report and "封面只有 640×480，建议至少 1200 像素宽" in report
    data, _ = front_matter(site / "cases/湖南省" / EXPECTED["id"] / "index.md")
    assert data["cover"] == "cover.jpg"


def test_a_wechat_zip_with_the_form_and_the_photos_in_folders_of_their_own_is_one_submission(
    by_python_docx: Path, site: Path, capsys
) -> None:
    """A helper's trial: 红马甲/申报材料/表.docx, 红马甲/照片/*.jpg and 红马甲/说明.txt in a zip made
    on Chinese Windows: the photos were “没有和它们一起的 Word 材料” and the draft asked for
    photos, 说明.txt failed the import (exit 1) and desktop.ini was named too."""
    jpeg = photo(site / "p.jpg").read_bytes()
    (site / "p.jpg").unlink()
    gbk_zip(
        site / "爱心理发室.zip",
        {
            "红马甲志愿服务队/申报材料/案例申报表（爱心理发室）.docx": by_python_docx.read_bytes(),
            "红马甲志愿服务队/照片/理发现场.jpg": jpeg,
            "红马甲志愿服务队/照片/合影/活动合影.jpg": photo(site / "q.jpg", colour=(10, 200, 90)).read_bytes(),
            "红马甲志愿服务队/说明.txt": "第一张是理发现场。".encode("gbk"),
            "红马甲志愿服务队/desktop.ini": b"[.ShellClassInfo]",
        },
    )
    (site / "q.jpg").unlink()
    assert main(["import", "爱心理发室.zip"]) == 0
    report = capsys.readouterr().out
    folder = site / "cases/湖南省" / EXPECTED["id"]
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", "photo1.jpg", "photo2.jpg", "photo3.jpg", "photo4.jpg"]
    _, body = front_matter(folder / "index.md")
    assert "![理发现场](photo3.jpg)" in body and "![活动合影](photo4.jpg)" in body
    assert "说明.txt 没有导入：它和 案例申报表（爱心理发室）.docx 在同一个文件夹里，算作这份材料的附件" in report
    assert "没有和它们一起的 Word 材料" not in report and "desktop.ini" not in report and "未导入：" not in report
    assert "共 1 份材料：导入 1 份" in report


def test_zip_members_never_leave_their_folder(by_python_docx: Path, site: Path, capsys) -> None:
    jpeg = photo(site / "p.jpg").read_bytes()
    with zipfile.ZipFile(site / "坏压缩包.zip", "w") as archive:
        archive.writestr("申报表.docx", by_python_docx.read_bytes())
        archive.writestr("../逃出去.jpg", jpeg)
        archive.writestr("/tmp/绝对路径.jpg", jpeg)
        archive.writestr("..\\..\\反斜杠.jpg", jpeg)
        link = zipfile.ZipInfo("链接.jpg")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    assert main(["import", "坏压缩包.zip"]) == 0
    report = capsys.readouterr().out
    for name in ("../逃出去.jpg", "/tmp/绝对路径.jpg", "..\\..\\反斜杠.jpg"):
        assert f"{name}（路径指向压缩包以外，没有解开）" in report
    assert "链接.jpg（是链接，没有解开）" in report
    assert not (site.parent / "逃出去.jpg").exists() and not Path("/tmp/绝对路径.jpg").exists()
    folder = site / "cases/湖南省" / EXPECTED["id"]
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", "photo1.jpg", "photo2.jpg"]  # the two pasted photos only
    assert not list((site / "cases").glob(".import-*"))


def test_a_zip_inside_a_zip_is_not_unpacked(by_python_docx: Path, site: Path, capsys) -> None:
    """A mutation audit: one level of zip is unpacked; a zip found inside it is refused by name."""
    with zipfile.ZipFile(site / "里层.zip", "w") as inner:
        inner.writestr("申报表.docx", by_python_docx.read_bytes())
    with zipfile.ZipFile(site / "外层.zip", "w") as outer:
        outer.write(site / "里层.zip", "里层.zip")
    (site / "里层.zip").unlink()
    assert main(["import", "外层.zip"]) == 1
    out = capsys.readouterr().out
    assert "外层.zip/里层.zip" in out and "里层.zip 是压缩包里的压缩包，没有解开。请解开后再发来。" in out
    assert not list((site / "cases").rglob("index.md"))


def test_an_inbox_without_word_files_says_so(site: Path, capsys) -> None:
    photo(site / "空的" / "照片.jpg")
    assert main(["import", "空的"]) == 1
    out = capsys.readouterr().out
    assert "空的 里没有找到 Word 文件" in out and "共 1 份材料：导入 0 份，未导入 1 份" in out
    assert not list((site / "cases").iterdir())


def test_a_zip_of_photos_alone_says_the_word_file_is_missing(site: Path, capsys) -> None:
    """A trial's zip of phone photos only was told “这里有 0 个 Word 文件”."""
    folder = site / "只有照片"
    for n in range(10):
        photo(folder / f"IMG_{n:04d}.jpg")
    with zipfile.ZipFile(site / "照片.zip", "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    shutil.rmtree(folder)
    assert main(["import", "照片.zip"]) == 1
    out = capsys.readouterr().out
    assert "0 个 Word" not in out
    assert "10 张照片，但没有和它们一起的 Word 材料" in out and "IMG_0000.jpg" in out and "等 10 张" in out
    assert "请把照片和它们的 Word 文件放在同一个文件夹" in out
    assert not list((site / "cases").iterdir())


def test_a_name_a_phone_or_wechat_gave_is_no_caption(by_python_docx: Path, site: Path, capsys) -> None:
    inbox = site / "收件" / "红马甲"
    inbox.mkdir(parents=True)
    shutil.copy(by_python_docx, inbox / "申报表.docx")
    photo(inbox / "微信图片_20230512101010.jpg")
    photo(inbox / "屏幕截图 2023-05-12 101010.jpg")
    photo(inbox / "合影留念.jpg")
    assert main(["import", "收件"]) == 0, capsys.readouterr().out
    folder = site / "cases/湖南省" / EXPECTED["id"]
    _, body = front_matter(folder / "index.md")
    assert "![合影留念](" in body  # a name a person gave: the caption
    assert body.count("![【请填写】照片说明](") == 2  # the other two ask for one
    assert "微信图片" not in body and "屏幕截图" not in body


def test_a_photo_over_the_size_limit_is_said_with_its_size_and_the_limit(by_python_docx: Path, site: Path, capsys) -> None:
    """A 54 MB camera file beside the form: the report gives its size, the limit and what to do
    (it said 太大或无法读取, which says neither), and a form whose photos all failed is not
    told it came without any."""
    inbox = site / "收件" / "红马甲"
    inbox.mkdir(parents=True)
    shutil.copy(by_python_docx, inbox / "申报表.docx")
    with (inbox / "DSC_huge.JPG").open("wb") as big:
        big.truncate(54 * 2**20)  # its size is all that is looked at before reading it
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "照片 DSC_huge.JPG 有 54 MB，超过 30 MB 的上限，没有导入" in report and "另存为小一些的 JPEG" in report
    assert "太大或无法读取" not in report


@pytest.mark.parametrize(("signal_name", "ignored"), [("SIGINT", False), ("SIGTERM", False), ("SIGHUP", False), ("SIGHUP", True)])
def test_a_stopped_import_leaves_nothing_in_cases(signal_name: str, ignored: bool, by_python_docx: Path, site: Path) -> None:
    """Ctrl-C (SIGINT), a task stopped (SIGTERM) or a terminal closed (SIGHUP) mid-import, to the whole process
    group as a terminal or a task manager sends it: the command ends as Ctrl-C does, says so,
    and leaves no staging folder in cases/ (a helper's trial: 27 MB of photos in a hidden
    folder that git listed, and SIGTERM to the main process alone hung the import).

    Started under ``nohup`` (SIGHUP ignored, ``ignored``), the command keeps it ignored, as
    its user asked: the import goes on to its end. The signal's disposition is set for the
    command itself, not inherited from whatever started the tests (under nohup, the
    SIGHUP case once failed for that reason alone)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from docx import Document

    inbox = site / "inbox"
    inbox.mkdir()
    for n in range(16):  # different files: identical ones are skipped before any work
        document = Document(str(by_python_docx))
        document.tables[0].rows[0].cells[1].paragraphs[0].text = f"第{n}个社区的长者饭堂"
        document.save(str(inbox / f"{n:02d}.docx"))
    number = getattr(signal, signal_name)
    process = subprocess.Popen(
        [sys.executable, "-m", "showcase", "import", "inbox"],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's job
        preexec_fn=lambda: signal.signal(number, signal.SIG_IGN if ignored else signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not list((site / "cases").glob(".import-*/case-*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert process.poll() is None, "the import ended before it could be stopped: give it more to do"
    os.killpg(process.pid, number)
    out, err = process.communicate(timeout=120)
    if ignored:
        assert process.returncode == 0, err
        assert "已中断" not in err and "16 份" in out
    else:
        assert process.returncode == 130, err
        assert "已中断" in err and "Traceback" not in err
    assert not [p.name for p in (site / "cases").iterdir() if p.name.startswith(".")]


def test_a_form_whose_photos_all_failed_is_not_said_to_have_none() -> None:
    from showcase.core.editors.intake.importer import Outcome
    from showcase.core.editors.intake.report import photo_lines

    sent = Outcome("a.docx", photos_sent=1, notes=["照片 DSC_huge.JPG 有 54 MB，超过 30 MB 的上限，没有导入：……"])
    assert photo_lines(sent) == ["    ⚠ 发来的照片都没能导入（原因见下面的“注意”）：请向组织要合适的照片 3–5 张，第一张作封面。"]
    assert photo_lines(Outcome("b.docx")) == ["    ⚠ 没有照片：请向组织要 3–5 张照片，第一张作封面。"]


def test_a_photo_the_phone_turned_is_reported_as_it_is_shown(by_python_docx: Path, site: Path, capsys) -> None:
    """A phone photo stored 1600×1200 with the tag 'turn a quarter' is shown 1200×1600: the
    report said 1600×1200, and a portrait cover got no word (a helper's trial)."""
    from tests.support.images import phone_jpeg

    inbox = site / "收件" / "红马甲"
    inbox.mkdir(parents=True)
    shutil.copy(by_python_docx, inbox / "申报表.docx")
    phone_jpeg(inbox / "封面.jpg", size=(1600, 1200), orientation=6)
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert re.search(r"（封面）：1200×1600，", report), report
    assert "⚠ 封面是竖着拍的（1200×1600）" in report


def test_odt_and_rtf_write_ups_are_imported_and_other_documents_are_named(site: Path, capsys) -> None:
    """A helper's trial: an .rtf, an .odt and a .pdf beside a .docx gave 共 1 份材料：导入 1 份,
    and the other three files were never named. The .odt and .rtf (written here by pandoc)
    are converted by LibreOffice as a .doc is; a PDF, a spreadsheet and a video are each
    named, the documents as not imported (exit 1)."""
    import pypandoc

    inbox = site / "收件"
    inbox.mkdir()
    for name, title, organization in (
        ("书屋.odt", "社区书屋：把书送到老人家门口", "某某社区读书会"),
        ("议事.rtf", "楼道议事会：小事不出楼", "某某社区议事会"),
    ):
        text = f"# {title}\n\n申报单位：{organization}\n\n所在地区：湖南省长沙市岳麓区\n\n一、基本情况\n\n这是{organization}的材料，写了三段话。\n"
        pypandoc.convert_text(text, name.rsplit(".", 1)[1], format="markdown", outputfile=str(inbox / name), extra_args=["-s"])
    (inbox / "书屋.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")  # a copy of 书屋.odt
    (inbox / "统计.xlsx").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    (inbox / "活动视频.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    alone = inbox / "只有PDF"  # a PDF with no Word file beside it: a submission that could not be read
    alone.mkdir()
    (alone / "申报材料.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    assert main(["import", "收件"]) == 1
    report = capsys.readouterr().out
    titles = {p.read_text(encoding="utf-8").split("title: ", 1)[1].split("\n", 1)[0] for p in (site / "cases").glob("*/*/index.md")}
    assert titles == {"社区书屋：把书送到老人家门口", "楼道议事会：小事不出楼"}, report
    # a copy of a Word file: a note (a review); another document may be another organization's: not imported (a second review)
    assert "收件/书屋.pdf 没有导入：书屋.pdf 是 PDF 文件" in report
    assert "统计.xlsx 是表格文件，不是案例材料。" in report
    assert "收件/活动视频.mp4 不是 Word 文件、照片或压缩包，没有导入。" in report
    assert "申报材料.pdf 是 PDF 文件，里面的文字和照片不能可靠地取出。请向组织要原来的 Word 文件" in report
    assert "共 4 份材料：导入 2 份，未导入 2 份" in report


def test_a_rar_or_7z_archive_is_a_submission_not_imported(by_python_docx: Path, site: Path, capsys) -> None:
    """A helper's trial of an inbox: a .rar and a .7z (WinRAR, 360压缩) beside a form were listed
    among the notes as "不是 Word 文件、照片或压缩包" while the summary said 共 1 份材料：导入 1 份
    and the command exited 0: two organizations' submissions, unseen."""
    inbox = site / "收件"
    inbox.mkdir()
    shutil.copy(by_python_docx, inbox / "红马甲.docx")
    (inbox / "矿泉街道环保队案例.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + b"\x00" * 64)
    (inbox / "大东街道案例材料.7z").write_bytes(b"7z\xbc\xaf\x27\x1c" + b"\x00" * 64)
    assert main(["import", "收件"]) == 1
    report = capsys.readouterr().out
    assert "矿泉街道环保队案例.rar 是 RAR 压缩包，不能直接导入。请先解压" in report
    # the summary says why, the editor calls the organization from it (the reason was far above)
    assert "未导入：收件/大东街道案例材料.7z（大东街道案例材料.7z 是 7z 压缩包，不能直接导入）" in report
    assert "共 3 份材料：导入 1 份，未导入 2 份" in report
    assert "不是 Word 文件、照片或压缩包" not in report


def test_reading_an_inbox_shows_its_progress(by_python_docx: Path, site: Path, capsys, monkeypatch) -> None:
    """A helper's trial: 39 submissions (ten .doc files for LibreOffice) took 18 s with nothing
    on the screen until the report. The reading now shows progress on stderr, as the build's
    long steps do (a bar on a terminal, lines in a log: here at once, not after 3 s)."""
    from showcase.core import progress

    monkeypatch.setattr(progress, "QUIET_SECONDS", -progress.LINE_SECONDS)
    inbox = site / "收件"
    inbox.mkdir()
    for name in ("一", "二", "三"):
        shutil.copy(by_python_docx, inbox / f"{name}.docx")
    assert main(["import", "收件"]) == 0
    captured = capsys.readouterr()
    assert "读取材料：" in captured.err and "读取材料：完成 3/3" in captured.err
    assert "读取材料" not in captured.out  # the report alone on stdout (--format json stays JSON)


def test_documents_beside_an_organization_s_one_word_file_are_its_attachments(by_python_docx: Path, site: Path, capsys) -> None:
    """An editor's trial: 社区B/照片说明.txt and 社区C/志愿者名单.xlsx, each beside its community's
    one 申报表.docx, were failed submissions (exit 1), and the editor would have called both
    communities back for nothing. In the inbox itself a document may be another's submission."""
    inbox = site / "收件"
    for community in ("社区B", "社区C"):
        (inbox / community).mkdir(parents=True)
        shutil.copy(by_python_docx, inbox / community / "申报表.docx")
    (inbox / "社区B" / "活动简介.txt").write_text("第一次是开放日。", encoding="utf-8")
    (inbox / "社区C" / "志愿者名单.xlsx").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "收件/社区B/活动简介.txt 没有导入：它和 申报表.docx 在同一个文件夹里，算作这份材料的附件，里面的内容没有写进草稿" in report
    assert "收件/社区C/志愿者名单.xlsx 没有导入：它和 申报表.docx 在同一个文件夹里" in report
    assert "未导入：" not in report and "共 2 份材料：导入 1 份" in report  # the second form is the same file: skipped
    (inbox / "另一家.xlsx").write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # in the inbox itself: maybe another's submission
    shutil.copy(by_python_docx, inbox / "红马甲.docx")
    assert main(["import", "收件"]) == 1
    assert "未导入：收件/另一家.xlsx（另一家.xlsx 是表格文件，不是案例材料）" in capsys.readouterr().out


def test_a_folder_below_the_inbox_with_two_word_files_is_no_one_organization_s(by_python_docx: Path, site: Path, capsys) -> None:
    """A mutation audit: 街道汇总/ holding two communities' forms and a list is a folder of
    several submissions, as the inbox itself is: the list may be a third one's, and is said."""
    folder = site / "收件" / "街道汇总"
    folder.mkdir(parents=True)
    shutil.copy(by_python_docx, folder / "社区A申报表.docx")
    shutil.copy(by_python_docx, folder / "社区B申报表.docx")
    (folder / "名单.xlsx").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    assert main(["import", "收件"]) == 1
    assert "未导入：收件/街道汇总/名单.xlsx（名单.xlsx 是表格文件，不是案例材料）" in capsys.readouterr().out


@pytest.mark.parametrize("copy", ["申报表 - 副本.docx", "申报表(1).docx", "申报表 copy.docx"])
def test_a_copy_windows_made_beside_the_form_is_left_out_and_the_photos_are_the_form_s(
    by_python_docx: Path, site: Path, capsys, copy: str
) -> None:
    """An organization's trial: 申报表 - 副本.docx, the same bytes as the form beside it, made
    two materials; the photos beside them were nobody's, and the draft came from the copy,
    without them (exit 0)."""
    folder = site / "收件" / "东湖社区"
    folder.mkdir(parents=True)
    shutil.copy(by_python_docx, folder / "申报表.docx")
    shutil.copy(by_python_docx, folder / copy)
    photo(folder / "排练.jpg")
    assert main(["import", "收件/东湖社区"]) == 0
    report = capsys.readouterr().out
    assert f"收件/东湖社区/{copy} 和 申报表.docx 内容完全相同（是副本），只导入了 申报表.docx。" in report, report
    assert "不知道属于哪份材料" not in report and "共 1 份材料：导入 1 份" in report, report
    (index,) = (site / "cases").glob("*/*/index.md")
    assert "已导入：收件/东湖社区/申报表.docx → " in report and "![排练](" in index.read_text(encoding="utf-8")


def test_an_animated_picture_is_imported_as_its_first_frame_and_said(by_python_docx: Path, site: Path, capsys) -> None:
    """An organization's trial: a GIF of five frames became one PNG, the report silent."""
    folder = site / "收件" / "东湖社区"
    folder.mkdir(parents=True)
    shutil.copy(by_python_docx, folder / "申报表.docx")
    frames = [Image.new("RGB", (640, 480), (40 * n, 90, 160)) for n in range(5)]
    frames[0].save(folder / "签到动图.gif", save_all=True, append_images=frames[1:], duration=200, loop=0)
    frames[0].save(folder / "签到.png", save_all=True, append_images=frames[1:3], duration=200)  # APNG
    frames[0].save(folder / "合影.webp", save_all=True, append_images=frames[1:4], duration=200)
    photo(folder / "排练.jpg")
    assert main(["import", "收件/东湖社区"]) == 0
    report = capsys.readouterr().out
    for name, count in (("签到动图.gif", 5), ("合影.webp", 4)):
        assert f"{name} 是动图（{count} 帧），网站上的照片不会动：导入的是它的第一帧。" in report, report
    assert "排练.jpg 是动图" not in report and "签到.png 是动图" not in report  # an animated PNG keeps its frames
    (index,) = (site / "cases").glob("*/*/index.md")
    written = [path for path in index.parent.iterdir() if path.suffix != ".md"]
    assert len(written) == 6  # the form's two pictures and the four sent beside it
    frames = []
    for path in written:
        with Image.open(path) as picture:
            frames.append(getattr(picture, "n_frames", 1))
    assert sorted(frames) == [1, 1, 1, 1, 1, 3], frames


def test_a_photo_s_order_number_is_no_part_of_its_caption_and_the_cover_s_is_said_unused(site: Path, capsys) -> None:
    """An organization's trial: 1.粤剧社在社区文化室排练.jpg was captioned 1.粤剧社…, and the
    report gave the cover a 说明 the draft has nowhere (the cover is shown under the title)."""
    from docx import Document

    folder = site / "收件" / "粤剧社"
    folder.mkdir(parents=True)
    document = Document()
    document.add_heading("粤韵悠扬粤剧社", level=1)
    document.add_paragraph("一、基本情况")
    document.add_paragraph("粤剧社每周排练两次。")
    document.save(str(folder / "申报材料.docx"))
    photo(folder / "1.粤剧社在社区文化室排练.jpg")
    photo(folder / "2_居民观看演出.jpg", colour=(20, 40, 160))
    photo(folder / "30 名党员合影.jpg", colour=(160, 40, 20))  # a count, no order number (a review: 名党员合影)
    assert main(["import", "收件/粤剧社"]) == 0
    report = capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    text = index.read_text(encoding="utf-8")
    assert "cover: photo1.jpg" in text and "![居民观看演出](photo2.jpg)" in text and "![30 名党员合影](photo3.jpg)" in text, text
    assert "粤剧社在社区文化室排练" not in text  # the cover: under the title, no caption
    assert "photo1.jpg（封面）" in report and "说明“粤剧社在社区文化室排练”没有用上（封面显示在标题下面，不带说明）" in report, report
    assert "说明：居民观看演出" in report and "说明：2_" not in report and "说明：1." not in report, report


def test_the_summary_shortens_a_long_reason_to_its_first_sixty_characters() -> None:
    """A mutation audit: one line a material, a reason of sixty characters whole, a longer one cut."""
    from showcase.core.editors.intake.importer import Outcome
    from showcase.core.editors.intake.report import summary_table

    sixty, longer = "甲" * 60, "乙" * 61
    table = summary_table([Outcome("a.docx", error=sixty + "。后文。"), Outcome("b.docx", error=longer)])
    assert f"未导入：a.docx（{sixty}）" in table and f"未导入：b.docx（{'乙' * 59}…）" in table


def test_a_photo_sent_beside_that_is_also_pasted_in_the_file_is_imported_once(by_python_docx: Path, made: Path, site: Path, capsys) -> None:
    """A helper's trial: a worker pastes the photos into the form and sends the same files
    beside it (WeChat, a zip of the folder). Each became a second file of the case: 封面.jpg a
    cover.jpg shown above the body that shows it again, IMG_….jpg appended as
    ![【请填写】照片说明] after the same photo with its caption."""
    inbox = site / "收件" / "幸福里"
    inbox.mkdir(parents=True)
    shutil.copy(by_python_docx, inbox / "申报表.docx")
    shutil.copy(made / "p0.jpg", inbox / "封面.jpg")  # the first photo pasted, sent again as the cover
    shutil.copy(made / "p1.jpg", inbox / "IMG_20240305_101512.jpg")  # the second one, as the phone named it
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    folder = site / "cases/湖南省" / EXPECTED["id"]
    data, body = front_matter(folder / "index.md")
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", "photo1.jpg", "photo2.jpg"]
    assert data["cover"] == "photo1.jpg"  # the one the file shows, with its caption, once
    assert "![志愿者为老人送餐](photo1.jpg)" in body and "![老人们在长者饭堂吃饭](photo2.jpg)" in body
    assert "【请填写】照片说明" not in body
    assert "封面.jpg 和文中第 1 张图片是同一张照片，没有重复导入，用文中的这张作封面" in report
    assert "IMG_20240305_101512.jpg 和文中第 2 张图片是同一张照片，没有重复导入" in report


def test_a_list_of_photo_captions_sent_with_the_form_captions_its_photos(by_python_docx: Path, site: Path, capsys) -> None:
    """A helper's trial: a WeChat zip of 申报表.docx, 照片说明.docx (one caption a line) and three
    photos made 照片说明.docx a draft of its own (案例名称：照片说明), and the photos were not
    imported, whose they were being unknown. The list's lines caption the photos by their
    numbers; 封面 makes one the cover, shown in the body with its caption."""
    from docx import Document

    made = site / "做"
    captions = Document()
    for line in ("照片说明", "1. 封面：志愿者给老人理发", "3、老人们在等待理发", "2 志愿者合影"):
        captions.add_paragraph(line)
    made.mkdir()
    captions.save(str(made / "照片说明.docx"))
    with zipfile.ZipFile(site / "高桥街道爱心理发.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(by_python_docx, "高桥街道爱心理发/申报表.docx")
        archive.write(made / "照片说明.docx", "高桥街道爱心理发/照片说明.docx")
        for number, name in ((1, "IMG_0001"), (2, "IMG_0002"), (3, "IMG_0003")):
            archive.write(photo(made / f"{name}.jpg", colour=(40 * number, 90, 60)), f"高桥街道爱心理发/照片/{name}.jpg")
    assert main(["import", "高桥街道爱心理发.zip"]) == 0
    report = capsys.readouterr().out
    assert "共 1 份材料：导入 1 份" in report and "不知道属于哪份材料" not in report, report
    assert "照片说明 照片说明.docx 里的说明已写到 3 张照片上：IMG_0001.jpg：志愿者给老人理发；IMG_0002.jpg：志愿者合影；" in report
    folder = site / "cases/湖南省" / EXPECTED["id"]
    data, body = front_matter(folder / "index.md")
    assert data["cover"] == "cover.jpg"
    assert "![志愿者给老人理发](cover.jpg)" in body and "![志愿者合影](photo4.jpg)" in body and "![老人们在等待理发](photo5.jpg)" in body, (
        body
    )
    with Image.open(folder / "photo5.jpg") as third:  # the third photo sent, by its colour
        assert abs(third.getpixel((10, 10))[0] - 120) < 8
    assert main(["check", str(folder)]) == 0, capsys.readouterr().out


def test_a_caption_list_typed_in_notepad_names_its_photos_and_says_what_it_could_not_place(
    by_python_docx: Path, site: Path, capsys
) -> None:
    """图片说明.txt saved by Notepad (GBK), its lines naming the photos' files in another order;
    a line that names no photo sent is said in the report, not lost."""
    folder = site / "收件" / "书屋"
    shutil.copy(by_python_docx, photo(folder / "读书会.jpg").parent / "申报表.docx")
    photo(folder / "改造前.jpg", colour=(200, 40, 40))
    lines = "改造前.jpg：闲置的自行车棚\r\n读书会.jpg：居民在书屋里读书\r\n颁奖.jpg：书屋获评示范点\r\n"
    (folder / "图片说明.txt").write_bytes(lines.encode("gbk"))
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "图片说明.txt 没有导入" not in report
    assert "照片说明 图片说明.txt 里有 1 条说明没有对上随材料发来的照片：“书屋获评示范点”" in report, report
    _, body = front_matter(site / "cases/湖南省" / EXPECTED["id"] / "index.md")
    assert "![闲置的自行车棚](photo" in body and "![居民在书屋里读书](photo" in body, body


def test_a_caption_list_is_never_a_case_of_its_own(by_python_docx: Path, site: Path, capsys) -> None:
    """A review: the organization's folder given itself (form, photos, 照片说明.docx and .txt)
    made the list a draft of placeholders and left the photos unimported; pictures pasted in
    the list went unsaid. In an inbox of several forms, whose list it is is not known: named."""
    from docx import Document
    from docx.shared import Cm

    folder = site / "红马甲"
    shutil.copy(by_python_docx, photo(folder / "照片1.jpg").parent / "申报表.docx")
    photo(folder / "照片2.jpg", colour=(200, 40, 40))
    captions = Document()
    captions.add_paragraph("1. 志愿者上门探访")
    captions.add_paragraph("2. 社区义诊")
    captions.add_paragraph().add_run().add_picture(str(folder / "照片1.jpg"), width=Cm(4))
    captions.save(str(folder / "照片说明.docx"))
    (folder / "照片说明.txt").write_text("1. 上门\n2. 义诊\n", encoding="utf-8")
    assert main(["import", "红马甲"]) == 0
    report = capsys.readouterr().out
    assert "共 1 份材料：导入 1 份" in report and "不知道属于哪份材料" not in report, report
    assert "照片说明 照片说明.docx 里的说明已写到 2 张照片上：照片1.jpg：志愿者上门探访；照片2.jpg：社区义诊" in report
    assert "红马甲/照片说明.txt 没有读取：这里已经按 照片说明.docx 读了照片说明" in report
    assert "照片说明 照片说明.docx 里贴着 1 张图片，没有导入" in report
    inbox = site / "收件"
    inbox.mkdir()
    shutil.copy(by_python_docx, inbox / "社区A.docx")
    other_case(by_python_docx, inbox / "社区B.docx")
    shutil.copy(folder / "照片说明.docx", inbox / "照片说明.docx")
    assert main(["import", "收件", "--into", "收件草稿"]) == 0
    report = capsys.readouterr().out
    assert "收件/照片说明.docx 是照片说明，没有导入：这里有 2 个 Word 文件，不知道它是哪一份的" in report, report
    assert "照片说明" not in "".join(path.read_text(encoding="utf-8") for path in (site / "收件草稿").glob("*/*/index.md"))


def test_a_caption_list_beside_the_folder_of_the_form_goes_with_it(by_python_docx: Path, site: Path, capsys) -> None:
    """A review: 社区A/{照片说明.docx, 1.jpg, 2.jpg, 申报材料/申报表.docx}: the list counted as the
    folder's Word file, the form was imported without its photos, and both the list and the
    photos were said to have no Word material with them."""
    from docx import Document

    folder = site / "收件" / "社区A"
    photo(folder / "1.jpg")
    photo(folder / "2.jpg", colour=(200, 40, 40))
    captions = Document()
    for line in ("1. 志愿者上门探访", "2. 社区义诊"):
        captions.add_paragraph(line)
    captions.save(str(folder / "照片说明.docx"))
    (folder / "申报材料").mkdir()
    shutil.copy(by_python_docx, folder / "申报材料" / "申报表.docx")
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "没有和它们一起的 Word 材料" not in report and "没有和它一起的 Word 材料" not in report, report
    assert "照片说明 照片说明.docx 里的说明已写到 2 张照片上：1.jpg：志愿者上门探访；2.jpg：社区义诊" in report, report


def test_a_caption_list_with_no_photo_sent_beside_captions_the_pictures_in_the_file(site: Path, capsys) -> None:
    """A review: a write-up with two pictures pasted without captions and 照片说明.txt
    (图1：… 图2：…) beside it: the list was said, and the editor asked to copy it by hand."""
    from docx import Document
    from docx.shared import Cm

    folder = site / "收件" / "书屋"
    document = Document()
    document.add_heading("车棚变书屋", level=1)
    document.add_paragraph("书屋在小区东门，每周六开放。")
    for colour in ((200, 40, 40), (40, 200, 40)):
        picture = photo(site / "pasted.jpg", colour=colour)
        document.add_paragraph().add_run().add_picture(str(picture), width=Cm(8))
        document.add_paragraph("读书会每周举办一次，居民们踊跃参加，三年来共举办一百多场。")
    folder.mkdir(parents=True)
    document.save(str(folder / "书屋.docx"))
    (folder / "照片说明.txt").write_text("图2：读书分享会\n图1：改造后的书屋\n", encoding="utf-8")
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "照片说明 照片说明.txt 里的说明已写到文中贴的 2 张照片上" in report, report
    (index,) = (site / "cases").glob("*/*/index.md")
    _, body = front_matter(index)
    assert "![改造后的书屋](photo1.jpg)" in body and "![读书分享会](photo2.jpg)" in body, body
    # the same list sent after the write-up was imported without it: each caption by the picture's name in the draft
    later = site / "后来"
    later.mkdir()
    document.paragraphs[0].runs[0].text = "车棚变成了书屋"  # another write-up: the first is imported already
    document.save(str(later / "书屋.docx"))
    assert main(["import", "后来", "--into", "草稿二"]) == 0, capsys.readouterr().out
    (draft,) = (site / "草稿二").glob("*/*/index.md")
    text = draft.read_text(encoding="utf-8")
    assert "改造后的书屋" not in text
    capsys.readouterr()
    shutil.copy(folder / "照片说明.txt", later / "照片说明.txt")
    assert main(["import", "后来", "--into", "草稿二"]) == 0
    report = capsys.readouterr().out
    assert "照片说明.txt 里写的这些照片说明" in report and "![改造后的书屋](photo1.jpg)、![读书分享会](photo2.jpg)" in report, report
    assert draft.read_text(encoding="utf-8") == text


def test_an_import_outside_the_project_is_refused_and_makes_nothing(by_python_docx: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    """An editor's trial ran `showcase import` in the WeChat inbox folder: a cases/ folder was
    made there, the draft given the id of a published case (no site to check it against),
    and the report said 已导入 with exit 0."""
    inbox = tmp_path / "WeChat Files" / "收件箱 3月"
    inbox.mkdir(parents=True)
    shutil.copy(by_python_docx, inbox / "申报表.docx")
    monkeypatch.chdir(inbox)
    before = sorted(tmp_path.rglob("*"))
    assert main(["import", "申报表.docx"]) == 2
    err = capsys.readouterr().err
    assert f"在这个文件夹（{inbox}）和它的上级文件夹里找不到网站的 mkdocs.yml" in err and "用 -f 指定项目的 mkdocs.yml" in err, err
    assert sorted(tmp_path.rglob("*")) == before  # no cases/ folder, no draft
    # where the editor says so (--into), a folder of drafts outside a project is still made
    assert main(["import", "申报表.docx", "--into", "草稿"]) == 0
    assert list((inbox / "草稿").rglob("index.md"))


def test_a_word_file_given_alone_takes_the_photos_of_the_folder_named_like_it(by_python_docx: Path, site: Path, capsys) -> None:
    """An editor's trial: 幸福食堂.docx given alone left 幸福食堂/送餐1.jpg beside it behind,
    unsaid (an inbox takes such a folder's photos); and a photo named 送餐1 had 送餐1 as its
    caption, no 【请填写】 for the check to hold back."""
    shutil.copy(by_python_docx, site / "幸福食堂.docx")
    photo(site / "幸福食堂" / "送餐1.jpg")
    photo(site / "幸福食堂" / "重阳节活动现场2.jpg")
    assert main(["import", str(site / "幸福食堂.docx")]) == 0
    report = capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    text = index.read_text(encoding="utf-8")
    assert "来自随文件发来的 送餐1.jpg，没有说明" in report and "来自随文件发来的 重阳节活动现场2.jpg，说明：重阳节活动现场" in report, (
        report
    )
    assert re.search(r"!\[【请填写】[^\]]*\]\(photo\d\.jpg\)", text) and "![重阳节活动现场](" in text, text
    assert len(list(index.parent.glob("photo*.jpg"))) == 4  # the two pasted in the file, and these two


def test_into_a_province_s_folder_is_refused(by_python_docx: Path, site: Path, capsys) -> None:
    """An editor's trial: --into cases/广东省 made cases/广东省/广东省/<id>/, unsaid."""
    shutil.copy(by_python_docx, site / "申报表.docx")
    assert main(["import", "申报表.docx", "--into", "cases/湖南省"]) == 2
    assert "--into cases/湖南省：这是一个省份的文件夹" in capsys.readouterr().err
    assert not list((site / "cases").rglob("index.md"))


def test_a_material_imported_before_is_skipped_without_its_photos_old_notes(by_python_docx: Path, site: Path, capsys) -> None:
    """An editor's trial: an inbox imported again said of the skipped material
    “IMG_0035.jpg 有 8192×6144 像素…导入时缩小成了…”, a note of the first import."""
    one = site / "收件" / "红马甲"
    one.mkdir(parents=True)
    shutil.copy(by_python_docx, one / "申报表.docx")
    Image.effect_noise((3600, 2700), 80).convert("RGB").save(one / "IMG_0035.jpg", quality=95)  # a phone's: smaller is much smaller
    assert main(["import", "收件"]) == 0
    assert "导入时缩小成了" in capsys.readouterr().out
    assert main(["import", "收件"]) == 0
    again = capsys.readouterr().out
    assert "之前已导入，这次跳过" in again and "缩小" not in again, again


def test_the_same_material_twice_in_one_run_is_said_as_this_run_s(by_python_docx: Path, site: Path, capsys) -> None:
    """An organization's trial: the same form sent as a .docx and a copy of it in one inbox:
    the second was said to be 之前已导入, though it had been imported a moment before, in the
    same run. It is said as this run's; a material of an earlier run is still 之前已导入."""
    inbox = site / "收件"
    inbox.mkdir()
    shutil.copy(by_python_docx, inbox / "申报表.docx")
    shutil.copy(by_python_docx, inbox / "申报表（再发一遍）.docx")
    assert main(["import", "收件"]) == 0
    report = capsys.readouterr().out
    assert "这次导入里已经有同样的材料，这次跳过" in report and "之前已导入" not in report, report
    shutil.rmtree(inbox / "申报表（再发一遍）.docx", ignore_errors=True)
    (inbox / "申报表（再发一遍）.docx").unlink()
    assert main(["import", "收件"]) == 0
    again = capsys.readouterr().out
    assert "之前已导入，这次跳过" in again and "这次导入里已经有" not in again, again
