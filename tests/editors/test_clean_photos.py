"""``showcase clean-photos``: a pull request's photos lose their location and personal
metadata in place, the picture not encoded again (the same scan data, byte for byte)."""

from __future__ import annotations

import io
import os
import zlib
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin
from showcase.core.case.imagerefs import _scan_start, photo_metadata
from showcase.core.editors.intake.photometa import blank_profile_text

from tests.support.images import COMMENT, MAKE, halves, phone_exif, phone_heic, srgb_icc, truncated_jpeg

from .conftest import run, write_case

MOBILE = "13812345678"


def personal_jpeg(path: Path, orientation: int = 6, **save) -> Path:
    """A phone's JPEG: GPS, orientation, colour profile, XMP, a comment, and a mobile
    number in its description (which the check reports as ``mobile-number``)."""
    exif = phone_exif(orientation)
    exif[0x010E] = f"王阿姨家门口 {MOBILE}"
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="23,7.5N" city="SecretCityXmp"/></rdf:RDF></x:xmpmeta>'
    halves((400, 300), noise=20).save(
        path, "JPEG", quality=88, exif=exif.tobytes(), xmp=xmp, icc_profile=srgb_icc(), comment=COMMENT, **save
    )
    return path


def scan_to_end(data: bytes) -> bytes:
    start = _scan_start(data)
    assert start is not None
    return data[start:]


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.tobytes()


def app1_payloads(data: bytes) -> list[bytes]:
    found, index = [], 2
    while data[index + 1] != 0xDA:
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if data[index + 1] == 0xE1:
            found.append(data[index + 4 : index + 2 + length])
        index += 2 + length
    return found


@pytest.fixture
def case(project: Path) -> Path:
    """A case folder whose cover is a phone's photo with a location and a mobile number."""
    index = write_case(project / "cases", "gz-test-2024-001")
    personal_jpeg(index.parent / "photo1.jpg")
    return index.parent


def test_a_photo_loses_its_location_in_place_and_keeps_its_picture_orientation_and_colours(case, capsys):
    photo = case / "photo1.jpg"
    before = photo.read_bytes()
    assert photo_metadata(photo).location and MOBILE in photo_metadata(photo).text
    code, out, err = run(["clean-photos", str(case)], capsys)
    assert code == 0, out + err
    after = photo.read_bytes()
    assert (
        "photo1.jpg：去掉了：拍摄地点（GPS 坐标）；像是手机号码或身份证号码的数字；EXIF 信息" in out and "XMP 信息" in out and "注释" in out
    )
    said = photo_metadata(photo)  # the check's own reader
    assert not said.location and MOBILE not in said.text
    for leak in (MAKE.encode(), b"SecretCityXmp", COMMENT, MOBILE.encode(), b"GPSLatitude"):
        assert leak in before and leak not in after
    assert scan_to_end(after) == scan_to_end(before)  # the compressed picture, byte for byte
    assert pixels(after) == pixels(before)
    with Image.open(photo) as image, Image.open(io.BytesIO(before)) as original:
        assert dict(image.getexif()) == {0x0112: 6}  # still shown upright
        assert image.info["icc_profile"] == blank_profile_text(original.info["icc_profile"])  # its colours; no text
    # one EXIF block as the standard writes it, which browsers read (not Exif\0\0Exif\0\0)
    assert [p[:6] for p in app1_payloads(after)] == [b"Exif\x00\x00"] and app1_payloads(after)[0][6:8] in (b"MM", b"II")
    assert sorted(os.listdir(case)) == ["index.md", "photo1.jpg"]  # no temporary file left
    code, out, _ = run(["clean-photos", str(case)], capsys)  # twice: nothing more to do
    assert code == 0 and "没有需要去掉的信息" in out and photo.read_bytes() == after


def test_the_check_no_longer_warns_once_cleaned_and_its_hints_name_the_command(case, capsys):
    code, out, _ = run(["check", "cases"], capsys)
    assert code == 1 and "[image-location]" in out and "[mobile-number]" in out
    assert out.count("编辑：运行 showcase clean-photos <这个案例的文件夹>（即 index.md 所在的文件夹）") == 2  # for the editor, both hints
    assert "删除属性和个人信息" in out  # and the worker's way, on Windows
    assert run(["clean-photos", str(case)], capsys)[0] == 0
    code, out, _ = run(["check", "cases"], capsys)
    assert code == 0 and "image-location" not in out and "mobile-number" not in out, out


def test_a_dry_run_says_what_would_go_and_writes_nothing(case, capsys):
    photo = case / "photo1.jpg"
    before, stamp = photo.read_bytes(), photo.stat().st_mtime_ns
    code, out, _ = run(["clean-photos", "--dry-run", str(case)], capsys)
    assert code == 1 and "会去掉：拍摄地点（GPS 坐标）" in out and "试运行" in out
    assert photo.read_bytes() == before and photo.stat().st_mtime_ns == stamp
    assert sorted(os.listdir(case)) == ["index.md", "photo1.jpg"]


def test_a_broken_or_cut_short_jpeg_is_left_as_it_is_and_said(case, capsys):
    broken = case / "photo2.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe1\x00\x40Exif\x00\x00short")  # a segment longer than the file
    cut = truncated_jpeg(case / "photo3.jpg")
    kept = {path: path.read_bytes() for path in (broken, cut)}
    code, out, _ = run(["clean-photos", str(case)], capsys)
    assert code == 1
    assert "photo2.jpg：JPEG 文件的结构不完整或不标准（可能已损坏），无法在不重新压缩画面的情况下去掉文件信息，没有改动" in out
    assert "photo3.jpg：文件不完整（被截断了），没有改动" in out
    assert all(path.read_bytes() == data for path, data in kept.items())
    assert not photo_metadata(case / "photo1.jpg").location  # the others are done all the same
    assert "2 张没有处理" in out


def test_a_progressive_jpeg_with_restart_markers_keeps_every_scan(tmp_path, capsys):
    photo = personal_jpeg(tmp_path / "p.jpg", progressive=True, restart_marker_rows=2)
    before = photo.read_bytes()
    assert before.count(b"\xff\xda") > 2 and b"\xff\xd0" in before
    assert run(["clean-photos", str(photo)], capsys)[0] == 0
    after = photo.read_bytes()
    assert scan_to_end(after) == scan_to_end(before) and pixels(after) == pixels(before)
    assert not photo_metadata(photo).location


def test_a_png_loses_its_text_and_exif_and_keeps_its_chunks_of_picture_and_colour(tmp_path, capsys):
    path = tmp_path / "屏幕截图.png"
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", f"王阿姨 {MOBILE}")
    info.add_itxt("XML:com.adobe.xmp", '<x:xmpmeta><rdf:Description exif:GPSLatitude="23,7.5N"/></x:xmpmeta>')
    halves((200, 100), noise=20).save(path, "PNG", pnginfo=info, exif=phone_exif(6).tobytes(), icc_profile=srgb_icc())
    before = path.read_bytes()
    assert photo_metadata(path).location
    code, out, _ = run(["clean-photos", str(tmp_path)], capsys)
    assert code == 0 and "拍摄地点（GPS 坐标）" in out and "文字信息" in out, out
    after = path.read_bytes()
    kinds = chunks(after)
    assert [k for k, _ in kinds] == [b"IHDR", b"iCCP", b"eXIf", b"IDAT", b"IEND"]
    assert [c for k, c in chunks(before) if k in (b"IHDR", b"IDAT", b"IEND")] == [c for k, c in kinds if k in (b"IHDR", b"IDAT", b"IEND")]
    assert not photo_metadata(path).location and MOBILE not in photo_metadata(path).text
    with Image.open(path) as image, Image.open(io.BytesIO(before)) as original:
        assert dict(image.getexif()) == {0x0112: 6} and image.tobytes() == original.tobytes()
        assert image.info["icc_profile"] == blank_profile_text(original.info["icc_profile"])


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    found, index = [], 8
    while index < len(data):
        end = index + 12 + int.from_bytes(data[index : index + 4], "big")
        assert zlib.crc32(data[index + 4 : end - 4]) == int.from_bytes(data[end - 4 : end], "big")
        found.append((data[index + 4 : index + 8], data[index:end]))
        index = end
    return found


def test_heic_and_webp_are_not_encoded_again_behind_the_editors_back(tmp_path, capsys):
    heic = phone_heic(tmp_path / "IMG_0001.heic", size=(64, 48))
    webp = tmp_path / "photo.webp"
    halves((64, 48)).save(webp, "WEBP", exif=phone_exif().tobytes())
    kept = {path: path.read_bytes() for path in (heic, webp)}
    code, out, _ = run(["clean-photos", str(tmp_path)], capsys)
    assert code == 1 and all(path.read_bytes() == data for path, data in kept.items())
    assert "IMG_0001.heic：带着拍摄地点（GPS 坐标）。HEIC 格式的照片无法在不重新压缩画面的情况下去掉文件信息，没有改动。" in out
    assert "photo.webp：带着拍摄地点（GPS 坐标）。WebP 格式" in out
    # what the editor running it can do: showcase import takes a Word file, a zip or an inbox
    # folder, never a photo (it said "请交给编辑用 showcase import 导入" to the editor)
    assert "showcase import" not in out and "请交给编辑" not in out, out
    assert out.count("另存为 JPEG 格式，把 index.md 里这张照片的文件名改成新的") == 2, out
    code, said, _ = run(["import", str(webp)], capsys)
    assert code != 0 and "不能单独导入" in said  # why it may not be named: a photo goes with its form


def test_a_link_is_refused_and_what_it_points_to_left_alone(tmp_path, capsys):
    outside = personal_jpeg(tmp_path / "elsewhere.jpg")
    before = outside.read_bytes()
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "photo1.jpg").symlink_to(outside)
    code, out, _ = run(["clean-photos", str(folder)], capsys)
    assert code == 1 and "photo1.jpg：是一个符号链接" in out and outside.read_bytes() == before


def test_a_path_that_is_not_there_is_a_usage_error(tmp_path, capsys):
    code, _, err = run(["clean-photos", str(tmp_path / "没有")], capsys)
    assert code == 2 and "找不到" in err


def test_a_photo_that_cannot_be_written_stays_as_it_was(case, capsys, monkeypatch):
    """Never lose a photo: the cleaned copy is written beside it and renamed over it; when
    that fails the original is untouched and no temporary file is left."""
    photo = case / "photo1.jpg"
    before = photo.read_bytes()

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    code, out, _ = run(["clean-photos", str(case)], capsys)
    assert code == 1 and "photo1.jpg：无法写入（" in out and "没有改动" in out
    assert photo.read_bytes() == before and sorted(os.listdir(case)) == ["index.md", "photo1.jpg"]
