"""Images a case uses: found, inside the folder, readable, under the limits; headers only."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from showcase.core.case.imagerefs import ImageLimits, _fast_header, _open_header, find_body_images, resolve
from showcase.core.collection.loading import load_case

from .helpers import LINE, VALID, edit, found, jpeg, png, png_claiming, settings, write_case

COVER = LINE["cover"]
IMAGE = LINE["image"]


def check(tmp_path: Path, text: str = VALID, images: dict[str, bytes] | None = None, **changes):
    path = write_case(tmp_path / "case", text, images)
    return load_case(path, settings(check_images=True, **changes))


def with_cover(src: str) -> str:
    return edit(VALID, "cover: photo1.jpg", f"cover: {src}")


def image_bytes(fmt: str, size=(20, 10), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, fmt, **save)
    return buffer.getvalue()


def test_valid_case_with_its_images(tmp_path):
    assert found(check(tmp_path)) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("a.jpg", jpeg()),
        ("a.jpeg", jpeg(progressive=True)),
        ("a.png", png()),
        ("a.png", png(mode="RGBA")),
        ("a.gif", image_bytes("GIF", mode="P")),
        ("a.webp", image_bytes("WEBP")),
        ("a.bmp", image_bytes("BMP")),
        ("a.tif", image_bytes("TIFF")),
        ("照片 1.jpg", jpeg()),
        ("upper.JPG", jpeg()),
    ],
)
def test_accepted_formats(tmp_path, name, data):
    case = check(tmp_path, with_cover(f"'{name}'"), {name: data, "img/photo2.jpg": jpeg()})
    assert found(case) == []


def _scanned(pages: int, **save) -> bytes:
    """A TIFF of ``pages`` pages, each another colour, as a scanner's software saves a form."""
    colours = ["white", "lightyellow", "lightblue", "pink"] * 40
    first, *rest = (Image.new("RGB", (40, 56), colour) for colour in colours[:pages])
    buffer = io.BytesIO()
    first.save(buffer, "TIFF", save_all=True, append_images=rest, compression="tiff_deflate", **save)
    return buffer.getvalue()


def test_a_tiff_of_several_pages_is_a_reminder_that_the_site_shows_its_first(tmp_path):
    """A scanner's TIFF of a three-page form as the cover: the site showed page 1 and page 2
    on were lost without a word. A TIFF of one page, or of 150 (counted to 100), as said."""
    case = check(tmp_path / "three", with_cover("扫描件.tif"), {"扫描件.tif": _scanned(3), "img/photo2.jpg": jpeg()})
    assert found(case) == [(LINE["cover"], "warning", "image-pages")]
    (said,) = case.diagnostics
    assert (
        said.message == "图片 扫描件.tif 是一个多页的 TIFF 文件（共 3 页，扫描仪常这样存），网站只显示第 1 页，后面的页不会出现在网站上。"
    )
    assert "分别另存为一张 JPG" in said.hint and "showcase import" in said.hint
    assert found(check(tmp_path / "one", with_cover("扫描件.tif"), {"扫描件.tif": _scanned(1), "img/photo2.jpg": jpeg()})) == []
    many = check(tmp_path / "many", with_cover("扫描件.tiff"), {"扫描件.tiff": _scanned(150), "img/photo2.jpg": jpeg()})
    assert "共 100 多页" in many.diagnostics[0].message


def _noisy(fmt: str, **save) -> bytes:
    """A photo-like image (noise compresses badly, as photos do): cut in half, its data is cut too."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (160, 120), os.urandom(160 * 120 * 3)).save(buffer, fmt, **save)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "fmt", "save"),
    [("a.jpg", "JPEG", {}), ("a.jpg", "JPEG", {"progressive": True}), ("a.png", "PNG", {})],
)
def test_a_photo_cut_short_is_found_by_the_check_not_only_by_the_build(tmp_path, name, fmt, save):
    whole = _noisy(fmt, **save)
    assert found(check(tmp_path / "whole", with_cover(name), {name: whole, "img/photo2.jpg": jpeg()})) == []
    case = check(tmp_path / "cut", with_cover(name), {name: whole[: len(whole) // 2], "img/photo2.jpg": jpeg()})
    assert found(case) == [(COVER, "error", "image-corrupt")]
    assert "文件不完整（被截断了）" in case.diagnostics[0].message and "重新导出" in case.diagnostics[0].hint


def _chunk(kind: bytes, data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


def _with_chunk(png: bytes, chunk: bytes, *, late: bool = False) -> bytes:
    """``png`` with ``chunk`` after its header, or (``late``) before its end."""
    at = png.rindex(b"IEND") - 4 if late else 8 + 12 + 13
    return png[:at] + chunk + png[at:]


@pytest.mark.parametrize(
    "damage",
    [
        "a byte changed in the image data",
        "a text bomb before the image data",
        "a text bomb after it",
        "a profile bomb",
        "data that does not inflate",
    ],
)
def test_a_png_the_build_cannot_decode_is_found_by_the_check(tmp_path, damage):
    """A PNG whole to its end but with a changed byte (its checksum wrong), compressed text or
    a colour profile that inflates past Pillow's limits, or image data that does not inflate:
    the check read the header and passed it, and every build of the site stopped on it."""
    whole = _noisy("PNG")
    bomb = zlib.compress(b"a" * (8 << 20))
    at = whole.index(b"IDAT") + 40
    idat = whole.index(b"IDAT") - 4
    length = int.from_bytes(whole[idat : idat + 4], "big")
    garbage = _chunk(b"IDAT", b"\x78\x9c" + bytes(range(256)) * (length // 256))
    broken = {
        "a byte changed in the image data": whole[:at] + bytes([whole[at] ^ 0xFF]) + whole[at + 1 :],
        "a text bomb before the image data": _with_chunk(whole, _chunk(b"zTXt", b"Comment\x00\x00" + bomb)),
        "a text bomb after it": _with_chunk(whole, _chunk(b"zTXt", b"Comment\x00\x00" + bomb), late=True),
        "a profile bomb": _with_chunk(whole, _chunk(b"iCCP", b"icc\x00\x00" + bomb)),
        "data that does not inflate": whole[:idat] + garbage + whole[idat + 12 + length :],
    }[damage]
    assert found(check(tmp_path / "whole", with_cover("a.png"), {"a.png": whole, "img/photo2.jpg": jpeg()})) == []
    case = check(tmp_path / "broken", with_cover("a.png"), {"a.png": broken, "img/photo2.jpg": jpeg()})
    assert found(case) == [(COVER, "error", "image-corrupt")], case.diagnostics
    assert "图片数据损坏，网站生成时读不出它" in case.diagnostics[0].message
    # what the build's decode says of the same file: refused there too
    from showcase.core.media.photos import _decode

    assert getattr(_decode(broken, 10**8, 10**5), "code", None) == "image-corrupt"


def _rechunk(png: bytes, kind: bytes, change) -> bytes:
    """``png`` with the first chunk of ``kind`` given the data ``change`` makes of its own, its checksum made again."""
    at = png.index(kind) - 4
    length = int.from_bytes(png[at : at + 4], "big")
    return png[:at] + _chunk(kind, change(png[at + 8 : at + 8 + length])) + png[at + 12 + length :]


def _crc_wrong(png: bytes, kind: bytes, *, last: bool = False) -> bytes:
    """``png`` with the checksum of its first (``last``) chunk of ``kind`` wrong, its data intact."""
    at = (png.rindex(kind) if last else png.index(kind)) - 4
    end = at + 8 + int.from_bytes(png[at : at + 4], "big")
    return png[:end] + bytes([png[end] ^ 0xFF]) + png[end + 1 :]


@pytest.mark.parametrize(
    "kind",
    [
        "the end's checksum wrong",
        "text after the image data with its checksum wrong",
        "the image data's checksum wrong, its data intact",
        "a profile that does not inflate",
        "compressed text that does not inflate",
        "international text that does not inflate",
        "international text of another method",
    ],
)
def test_a_png_the_build_decodes_is_not_called_damaged(tmp_path, kind):
    """A review: the check refused PNGs the build decodes (Pillow checks the checksums of the
    chunks before the image data only, and keeps text or a profile that does not inflate as
    nothing): each is passed, as the build takes it."""
    whole = _noisy("PNG")
    junk = b"\x78\x9c\x01\x02\x03garbage"
    odd = {
        "the end's checksum wrong": _crc_wrong(whole, b"IEND"),
        "text after the image data with its checksum wrong": _crc_wrong(
            _with_chunk(whole, _chunk(b"tEXt", b"Comment\x00hello"), late=True), b"tEXt"
        ),
        "the image data's checksum wrong, its data intact": _crc_wrong(whole, b"IDAT"),
        "a profile that does not inflate": _with_chunk(whole, _chunk(b"iCCP", b"icc\x00\x00" + junk)),
        "compressed text that does not inflate": _with_chunk(whole, _chunk(b"zTXt", b"Comment\x00\x00" + junk)),
        "international text that does not inflate": _with_chunk(whole, _chunk(b"iTXt", b"Desc\x00\x01\x00\x00\x00" + junk)),
        "international text of another method": _with_chunk(whole, _chunk(b"iTXt", b"Desc\x00\x01\x01\x00\x00" + junk)),
    }[kind]
    from showcase.core.media.photos import _decode

    assert not hasattr(_decode(odd, 10**8, 10**5), "code"), kind  # the build decodes it
    assert found(check(tmp_path, with_cover("a.png"), {"a.png": odd, "img/photo2.jpg": jpeg()})) == []


def test_a_png_whose_image_data_ends_early_is_found_by_the_check(tmp_path):
    """Its chunks whole, their checksums right, the image data's stream cut short: the build
    refuses it (a review: the check passed it)."""
    whole = _noisy("PNG")
    short = _rechunk(whole, b"IDAT", lambda data: data[: len(data) // 2])
    from showcase.core.media.photos import _decode

    assert getattr(_decode(short, 10**8, 10**5), "code", None) == "image-corrupt"
    assert found(check(tmp_path, with_cover("a.png"), {"a.png": short, "img/photo2.jpg": jpeg()})) == [(COVER, "error", "image-corrupt")]


def test_image_data_that_inflates_past_its_picture_is_inflated_only_as_far_as_the_picture(tmp_path, monkeypatch):
    """Hostile input: a 100×100 picture whose image data inflates to a gigabyte (1 MB of it)
    took the check 2 s, a file at the size limit a minute. Pillow reads what the picture needs
    and no more; so does the check, and the file is as whole to it as to the build."""
    from showcase.core.case import imagerefs

    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(bytes(1 << 24)) for _ in range(64)) + packer.flush()
    header = (100).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    png = imagerefs.PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")
    (tmp_path / "a.png").write_bytes(png)
    inflated = []
    real = zlib.decompressobj

    class Counting:
        def __init__(self) -> None:
            self.inner = real()

        def __getattr__(self, name: str):
            return getattr(self.inner, name)

        def decompress(self, packed: bytes, most: int = 0) -> bytes:
            out = self.inner.decompress(packed, most)
            inflated.append(len(out))
            return out

    monkeypatch.setattr(imagerefs.zlib, "decompressobj", Counting)
    assert imagerefs.png_damaged(tmp_path / "a.png") is False
    assert sum(inflated) == 100 * (1 + 300), sum(inflated)
    monkeypatch.undo()
    from showcase.core.media.photos import _decode

    assert not hasattr(_decode(png, 10**8, 10**5), "code")


def test_a_moving_photo_with_a_video_after_its_image_is_whole(tmp_path):
    whole = _noisy("JPEG") + b"\x00\x00mpvd" + os.urandom(50_000)  # what phones append after the JPEG
    assert found(check(tmp_path, with_cover("a.jpg"), {"a.jpg": whole, "img/photo2.jpg": jpeg()})) == []
    cut = whole[: len(whole) - 50_000 - 3000]  # cut inside the image itself
    assert found(check(tmp_path / "cut", with_cover("a.jpg"), {"a.jpg": cut, "img/photo2.jpg": jpeg()})) == [
        (COVER, "error", "image-corrupt")
    ]


def test_heic_from_a_phone_is_accepted(tmp_path):
    try:
        from pillow_heif import register_heif_opener

        register_heif_opener()
        data = image_bytes("HEIF", (32, 24))
    except Exception as exc:  # no HEIF encoder in this build of pillow-heif
        pytest.skip(f"pillow-heif cannot write HEIC here: {exc}")
    case = check(tmp_path, with_cover("photo.heic"), {"photo.heic": data, "img/photo2.jpg": jpeg()})
    assert found(case) == []


@pytest.mark.parametrize(
    ("cover", "files", "code", "words"),
    [
        ("nothere.jpg", {"photo1.jpg": jpeg()}, "image-missing", "文件夹里现有：photo1.jpg"),
        ("Photo1.JPG", {"photo1.jpg": jpeg()}, "image-missing", "区分大小写，文件夹里有 photo1.jpg"),
        ("photo1.jpg", {}, "image-missing", "还没有图片文件"),
        ("img\\\\photo2.jpg", {"photo1.jpg": jpeg()}, "image-missing", "正斜杠"),
        ("img", {"photo1.jpg": jpeg()}, "image-missing", "文件夹里现有"),
        ("../x.jpg", {"photo1.jpg": jpeg()}, "image-outside", "跑到了案例文件夹外面"),
        ("img/../../x.jpg", {"photo1.jpg": jpeg()}, "image-outside", "跑到了案例文件夹外面"),
        ("/etc/passwd", {"photo1.jpg": jpeg()}, "image-outside", "跑到了案例文件夹外面"),
        ("https://example.org/a.jpg", {}, "image-external", "网络地址"),
        ("http://example.org/a.jpg", {}, "image-external", "网络地址"),
        ("//cdn.example.org/a.jpg", {}, "image-external", "网络地址"),
        ("'C:\\Users\\admin\\Desktop\\photo2.jpg'", {}, "image-local-path", "只写文件名，例如 photo2.jpg"),
        ("'D:/照片/合影.jpg'", {}, "image-local-path", "自己电脑上的文件位置"),
        ("'file:///C:/photo1.jpg'", {}, "image-local-path", "自己电脑上的文件位置"),
        ("'data:image/png;base64,iVBORw0KGgo='", {}, "image-external", "放进案例文件夹"),
        ("photo1.jpg", {"photo1.jpg": b"this is not an image"}, "image-bad", "无法识别为图片"),
        ("photo1.jpg", {"photo1.jpg": b""}, "image-bad", "文件是空的"),
        ("photo1.jpg", {"photo1.jpg": jpeg()[:40]}, "image-bad", "不完整或已损坏"),
        ("photo1.jpg", {"photo1.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 40}, "image-bad", "可能已损坏"),
        ("photo1.png", {"photo1.png": png()[:20]}, "image-bad", "不完整或已损坏"),
        ("photo1.png", {"photo1.png": png()[:12] + b"XXXX" + png()[16:]}, "image-bad", "无法识别"),
        ("bomb.png", {"bomb.png": png_claiming(100_000, 100_000)}, "image-pixels", "100000×100000"),
        (
            "bomb.png",
            {"bomb.png": png_claiming(8000, 7000)},
            "image-pixels",
            "超过网站的上限 5000 万像素（这么大的图片很少见",  # a PNG: no phone's photo
        ),
        ("icon.ico", {"icon.ico": image_bytes("ICO", (16, 16))}, "image-bad", "不受支持"),
        ("a.ppm", {"a.ppm": image_bytes("PPM")}, "image-bad", "不受支持"),
    ],
)
def test_cover_problems(tmp_path, cover, files, code, words):
    files = {**files, "img/photo2.jpg": jpeg()}
    case = check(tmp_path, with_cover(cover), files)
    assert found(case) == [(COVER, "error", code)]
    diagnostic = next(d for d in case.diagnostics if d.code == code)
    assert words in diagnostic.message + diagnostic.hint
    assert diagnostic.hint


def test_decompression_bomb_is_rejected_from_the_header_alone(tmp_path):
    data = png_claiming(100_000, 100_000)
    assert len(data) < 100  # a tiny file claiming ten billion pixels
    case = check(tmp_path, with_cover("bomb.png"), {"bomb.png": data, "img/photo2.jpg": jpeg()})
    said = case.diagnostics[0]
    # ten billion pixels is no phone's photo: said as possibly damaged (an editor's week: not “解压炸弹”)
    assert "可能是损坏的文件" in said.message and "解压炸弹" not in said.message and "长边 3200 像素" in said.hint
    assert Image.MAX_IMAGE_PIXELS is not None  # Pillow's own guard is restored for everyone else


def _patch_jpeg_size(data: bytes, width: int, height: int) -> bytes:
    start = data.index(b"\xff\xc0")
    return data[: start + 5] + struct.pack(">HH", height, width) + data[start + 9 :]


def test_jpeg_claiming_a_huge_canvas(tmp_path):
    data = _patch_jpeg_size(jpeg(), 60000, 60000)
    case = check(tmp_path, with_cover("big.jpg"), {"big.jpg": data, "img/photo2.jpg": jpeg()})
    assert found(case) == [(COVER, "error", "image-pixels")]
    assert "60000×60000" in case.diagnostics[0].message


def test_a_phone_s_high_resolution_photo_is_told_the_size_to_make_it(tmp_path):
    """An editor's week: a 9000×6000 phone photo was said to be perhaps a “解压炸弹”, and told
    4000 px where the guide says 3200; a review: the size is the site's own (its widths), and
    only a JPEG is shrunk by the import (a PNG is refused there)."""
    from showcase.core.case.imagerefs import ImageLimits

    data = _patch_jpeg_size(jpeg(), 9000, 6000)
    limits = ImageLimits(long_side=2400)  # image_widths up to 1200
    case = check(tmp_path, with_cover("big.jpg"), {"big.jpg": data, "img/photo2.jpg": jpeg()}, limits=limits)
    (said,) = [d for d in case.diagnostics if d.code == "image-pixels"]
    assert "共 5400 万像素，超过网站的上限 5000 万像素（手机“高像素模式”拍的原图常这么大）" in said.message, said.message
    assert "长边 2400 像素左右" in said.hint and "JPEG 照片随 Word 材料用 showcase import 导入时会自动缩小" in said.hint, said.hint


def test_gif_claiming_a_huge_canvas_goes_through_pillow(tmp_path):
    data = bytearray(image_bytes("GIF", (10, 10), "P"))
    data[6:10] = struct.pack("<HH", 65535, 65535)  # logical screen size
    case = check(tmp_path, with_cover("big.gif"), {"big.gif": bytes(data), "img/photo2.jpg": jpeg()})
    assert [d.code for d in case.diagnostics] == ["image-pixels"]


def test_pixel_and_byte_limits_are_settings(tmp_path):
    images = {"photo1.jpg": jpeg((100, 100)), "img/photo2.jpg": jpeg()}
    case = check(tmp_path, images=images, limits=ImageLimits(max_pixels=5_000))
    assert found(case) == [(COVER, "error", "image-pixels")]
    case = check(tmp_path, images=images, limits=ImageLimits(max_bytes=100))
    assert found(case) == [(COVER, "error", "image-too-large"), (IMAGE, "error", "image-too-large")]
    # the build says it in the same words (too_many_bytes; an audit: 2.0 MB here, 2 MB there)
    assert case.diagnostics[0].message.startswith("图片 photo1.jpg 有 ") and "KB，超过 0.1 KB 的上限。" in case.diagnostics[0].message


def test_symlink_out_of_the_folder(tmp_path):
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(jpeg())
    path = write_case(tmp_path / "case", VALID, {"img/photo2.jpg": jpeg()})
    (path.parent / "photo1.jpg").symlink_to(secret)
    case = load_case(path, settings(check_images=True))
    assert found(case) == [(COVER, "error", "image-outside")]
    assert "符号链接" in case.diagnostics[0].message


def test_symlinked_folder_out_of_the_case(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "photo2.jpg").write_bytes(jpeg())
    path = write_case(tmp_path / "case", VALID, {"photo1.jpg": jpeg()})
    (path.parent / "img").symlink_to(outside, target_is_directory=True)
    assert found(load_case(path, settings(check_images=True))) == [(IMAGE, "error", "image-outside")]


def test_symlink_inside_the_folder_is_fine(tmp_path):
    path = write_case(tmp_path / "case", VALID, {"real.jpg": jpeg(), "img/photo2.jpg": jpeg()})
    (path.parent / "photo1.jpg").symlink_to("real.jpg")
    assert found(load_case(path, settings(check_images=True))) == []


def test_symlink_loop(tmp_path):
    path = write_case(tmp_path / "case", VALID, {"img/photo2.jpg": jpeg()})
    (path.parent / "photo1.jpg").symlink_to("loop.jpg")
    (path.parent / "loop.jpg").symlink_to("photo1.jpg")
    assert found(load_case(path, settings(check_images=True))) == [(COVER, "error", "image-missing")]


def test_unreadable_image(tmp_path, monkeypatch):
    path = write_case(tmp_path / "case", VALID)
    real_open = os.open

    def refuse(file, *args, **kwargs):
        if str(file).endswith("photo1.jpg"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr(Image, "open", lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    case = load_case(path, settings(check_images=True))
    assert found(case) == [(COVER, "error", "image-bad")]
    assert "没有读取权限" in case.diagnostics[0].message


# -- images in the body ----------------------------------------------------------------------


def test_body_images_missing_and_alt_text(tmp_path):
    text = VALID + "\n![](img/photo3.jpg)\n\n<img src='img/photo2.jpg'>\n"
    case = check(tmp_path, text)
    assert found(case) == [
        (IMAGE + 2, "warning", "image-alt"),
        (IMAGE + 2, "error", "image-missing"),
        (IMAGE + 4, "warning", "image-alt"),
    ]


def test_same_image_twice_is_checked_once(tmp_path):
    text = edit(VALID, "cover: photo1.jpg", "cover: nothere.jpg") + "\n![又一张](nothere.jpg)\n"
    assert found(check(tmp_path, text)) == [(COVER, "error", "image-missing")]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("![老人](a.jpg)", [("a.jpg", "老人")]),
        ('![老人](a.jpg "标题")', [("a.jpg", "老人")]),
        ("![老人](<my photo.jpg>)", [("my photo.jpg", "老人")]),
        ("![老人](my%20photo.jpg)", [("my%20photo.jpg", "老人")]),
        ("![a](1.jpg) 和 ![b](2.png)", [("1.jpg", "a"), ("2.png", "b")]),
        ('<img src="a.jpg" alt="老人">', [("a.jpg", "老人")]),
        ("<IMG SRC=a.jpg>", [("a.jpg", "")]),
        ("[链接](a.jpg)", []),
        ("`![代码](a.jpg)`", [("a.jpg", "代码")]),  # inline code is not special (known limitation)
    ],
)
def test_finding_body_images(line, expected):
    refs = find_body_images("\n" + line + "\n", 10)
    assert [(r.src, r.alt) for r in refs] == expected
    assert all(r.line == 11 for r in refs)


def test_images_in_fenced_code_are_ignored():
    body = "```\n![x](a.jpg)\n```\n\n~~~markdown\n![y](b.jpg)\n~~~\n![z](c.jpg)\n"
    assert [(r.src, r.line) for r in find_body_images(body, 1)] == [("c.jpg", 8)]


def test_percent_escapes_and_angle_brackets_resolve(tmp_path):
    text = VALID + "\n![一](my%20photo.jpg)\n![二](<my photo.jpg>)\n"
    images = {"photo1.jpg": jpeg(), "img/photo2.jpg": jpeg(), "my photo.jpg": jpeg()}
    assert found(check(tmp_path, text, images)) == []


@pytest.mark.parametrize("src", ["../a.jpg", "/a.jpg", "a/../../b.jpg"])
def test_resolve_refuses_to_leave(tmp_path, src):
    assert resolve(tmp_path, src) is None


def test_resolve_inside(tmp_path):
    assert resolve(tmp_path, "img/a.jpg?v=1#top") == tmp_path / "img" / "a.jpg"
    assert resolve(tmp_path, "./a.jpg") == tmp_path / "a.jpg"


# -- the hand-written header reader agrees with Pillow -------------------------------------


def _exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Phone"  # Make
    exif[0x8825] = {2: (23.0, 7.0, 0.0)}  # GPS
    return exif.tobytes()


AGREEMENT = [
    ("baseline", lambda: jpeg((33, 17))),
    ("progressive", lambda: jpeg((33, 17), progressive=True)),
    ("optimized", lambda: jpeg((64, 48), optimize=True)),
    ("grayscale", lambda: image_bytes("JPEG", (20, 30), "L")),
    ("CMYK", lambda: image_bytes("JPEG", (20, 30), "CMYK")),
    ("EXIF and GPS", lambda: jpeg((40, 30), exif=_exif())),
    ("ICC profile", lambda: jpeg((40, 30), icc_profile=b"\0" * 3000)),
    ("big EXIF", lambda: jpeg((40, 30), exif=b"Exif\0\0" + b"\0" * 20000)),
    ("PNG RGB", lambda: png((31, 7))),
    ("PNG RGBA", lambda: png((31, 7), "RGBA")),
    ("PNG grey", lambda: png((31, 7), "L")),
    ("PNG palette", lambda: png((31, 7), "P")),
    ("PNG 1-bit", lambda: png((31, 7), "1")),
    ("PNG 16-bit", lambda: png((31, 7), "I;16")),
    ("PNG interlaced", lambda: _interlaced_png()),
    ("PNG text chunks", lambda: _png_with_text()),
]


def _interlaced_png() -> bytes:
    """Pillow does not write Adam7; set the flag in the header by hand (the header is all we read)."""
    data = bytearray(png((31, 7)))
    data[28] = 1  # interlace method
    crc = zlib.crc32(bytes(data[12:29])) & 0xFFFFFFFF
    data[29:33] = struct.pack(">I", crc)
    return bytes(data)


def _png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "x" * 5000)
    return png((12, 12), pnginfo=info)


@pytest.mark.parametrize("make", [m for _, m in AGREEMENT], ids=[n for n, _ in AGREEMENT])
def test_fast_header_agrees_with_pillow(tmp_path, make):
    path = tmp_path / "image"
    path.write_bytes(make())
    with Image.open(path) as image:
        expected = (image.format, *image.size)
    assert _fast_header(path) == expected
    assert _open_header(path, ImageLimits())[0] is None


@pytest.mark.parametrize(
    "data",
    [
        jpeg()[:3] + b"\x00" * 10,
        jpeg()[:100],
        _patch_jpeg_size(jpeg(), 0, 10),
        png()[:30],
        png_claiming(0, 10),
        b"\xff\xd8\xff",
        b"",
    ],
)
def test_fast_header_gives_up_on_anything_unusual(tmp_path, data):
    path = tmp_path / "image"
    path.write_bytes(data)
    assert _fast_header(path) is None
    assert _open_header(path, ImageLimits())[0] is not None  # and Pillow then explains the problem


def test_check_warns_of_a_photo_that_says_where_it_was_taken(tmp_path):
    """The case folder goes into a public repository with the original photo: check says so
    when a photo carries GPS coordinates (the site's renditions never do)."""
    from showcase.core.collection.loading import load_case
    from showcase.core.collection.settings import Settings

    from tests.support.images import phone_jpeg

    from .helpers import LINE, VALID, write_case

    path = write_case(tmp_path / "case", VALID, {})
    (path.parent / "img").mkdir(exist_ok=True)
    phone_jpeg(path.parent / "photo1.jpg", size=(400, 300), orientation=6, noise=10)
    phone_jpeg(path.parent / "img" / "photo2.jpg", size=(400, 300), orientation=1, noise=10)
    plain = path.parent / "img" / "photo2.jpg"
    from PIL import Image

    with Image.open(plain) as image:
        image.load()
        image.save(plain, "JPEG")  # the same picture without its EXIF
    case = load_case(path, Settings())
    assert [(d.line, d.code, d.severity.value) for d in case.diagnostics if d.code.startswith("image-")] == [
        (LINE["cover"], "image-location", "warning")
    ]
    assert "photo1.jpg" in case.diagnostics[0].message and "删除属性和个人信息" in case.diagnostics[0].hint
    built = load_case(path, Settings(image_ends=False))  # the build strips every photo and does not ask
    assert not [d for d in built.diagnostics if d.code == "image-location"]


@pytest.mark.parametrize("name", ["photo.jpg", "photo.png"])
def test_coordinates_in_xmp_alone_say_where_a_photo_was_taken(tmp_path, name):
    """Some apps write the place into the XMP packet only (JPEG APP1, PNG iTXt), not EXIF's GPS block."""
    from PIL import Image, PngImagePlugin
    from showcase.core.case.imagerefs import photo_metadata

    xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="23,7.5N"/></rdf:RDF></x:xmpmeta>'
    path, plain = tmp_path / name, tmp_path / f"plain-{name}"
    if name.endswith(".png"):
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", xmp)
        Image.new("RGB", (40, 30)).save(path, pnginfo=info)
    else:
        Image.new("RGB", (40, 30)).save(path, xmp=xmp.encode())
    Image.new("RGB", (40, 30)).save(plain)
    assert photo_metadata(path).location and "GPSLatitude" in photo_metadata(path).text
    assert not photo_metadata(plain).location


def test_check_finds_personal_numbers_in_a_photos_metadata(tmp_path):
    """An EXIF description or a PNG text chunk goes into the public repository with the
    original photo: a review found a mobile and an ID number there, unreported."""
    from PIL import Image, PngImagePlugin
    from showcase.core.collection.loading import load_case
    from showcase.core.collection.settings import Settings

    from .helpers import LINE, VALID, write_case

    path = write_case(tmp_path / "case", VALID, {})
    (path.parent / "img").mkdir(exist_ok=True)
    exif = Image.Exif()
    exif[0x010E] = "志愿者王小明 138 1234 5678"
    Image.new("RGB", (64, 48), "teal").save(path.parent / "photo1.jpg", "JPEG", exif=exif.tobytes())
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "身份证 11010519491231002X")
    Image.new("RGB", (64, 48), "teal").save(path.parent / "img" / "photo2.png", "PNG", pnginfo=text)
    case = load_case(edit_photo2(path), Settings())
    found = sorted((d.line, d.code) for d in case.diagnostics if d.is_error)
    assert found == [(LINE["cover"], "mobile-number"), (LINE["image"], "id-number")], [d.format() for d in case.diagnostics]
    assert all("文件信息" in d.message and "删除属性和个人信息" in d.hint for d in case.diagnostics if d.is_error)


def edit_photo2(path):
    path.write_text(path.read_text(encoding="utf-8").replace("img/photo2.jpg", "img/photo2.png"), encoding="utf-8")
    return path


def test_an_img_tag_an_import_keeps_as_text_is_no_picture(tmp_path):
    # An import writes a tag it keeps as text as &lt;img …\> (it wrote \<img …\>, which
    # Python-Markdown showed with its backslash, and the check asked for a picture named x).
    from showcase.core.collection.loading import load_case

    text = VALID + "\n原文写着 &lt;img src=x onerror=alert(1)\\> 这样的字。\n"
    case = load_case(write_case(tmp_path / "a-case", text), settings(check_images=True))
    assert [d.code for d in case.diagnostics] == []


def test_an_img_tag_with_an_escaped_end_in_an_html_block_is_still_a_picture(tmp_path):
    # Inside an HTML block Python-Markdown leaves \> alone: the tag reaches the page.
    from showcase.core.collection.loading import load_case

    text = VALID + '\n<p><img src="https://example.com/track.gif" alt="合影"\\></p>\n'
    case = load_case(write_case(tmp_path / "a-case", text), settings(check_images=True))
    assert [d.code for d in case.diagnostics] == ["image-external"]


def test_check_reads_the_camera_owner_and_the_iptc_texts_too(tmp_path):
    """A security review's phone numbers in a photo's IPTC by-line (as Photoshop and Lightroom
    write it) and in EXIF's CameraOwnerName passed the check, in the public repository."""
    import struct

    from PIL import Image
    from showcase.core.collection.loading import load_case
    from showcase.core.collection.settings import Settings

    from .helpers import LINE, VALID, write_case

    path = write_case(tmp_path / "case", VALID, {})
    (path.parent / "img").mkdir(exist_ok=True)
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0xA430] = "13900001110"
    Image.new("RGB", (64, 48), "teal").save(path.parent / "photo1.jpg", "JPEG", exif=exif.tobytes())
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "olive").save(buffer, "JPEG")
    plain = buffer.getvalue()
    iptc = b"\x1c\x02\x50" + struct.pack(">H", 11) + b"13900001102"  # 2:80 By-line
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc + b"\x00"
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    (path.parent / "img" / "photo2.jpg").write_bytes(plain[:2] + segment + plain[2:])
    case = load_case(path, Settings())
    found = sorted((d.line, d.code) for d in case.diagnostics if d.is_error)
    assert found == [(LINE["cover"], "mobile-number"), (LINE["image"], "mobile-number")], [d.format() for d in case.diagnostics]


def test_check_reads_windows_comments_and_the_exif_user_comment(tmp_path):
    """A test audit: dropping the reading of Windows' XP tags (属性 → 详细信息 → 备注, UTF-16)
    or of EXIF's UserComment failed no test, and a phone number there then passed."""
    from PIL import Image
    from showcase.core.collection.loading import load_case
    from showcase.core.collection.settings import Settings

    from .helpers import LINE, VALID, write_case

    path = write_case(tmp_path / "case", VALID, {})
    (path.parent / "img").mkdir(exist_ok=True)
    exif = Image.Exif()
    exif[0x9C9C] = "王阿姨 13912345678".encode("utf-16-le") + b"\x00\x00"  # XPComment, as Windows writes it
    Image.new("RGB", (64, 48), "teal").save(path.parent / "photo1.jpg", "JPEG", exif=exif.tobytes())
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\x00" + "Li Ming 13712345678".encode("utf-16-le")  # UserComment, in the file's byte order (II)
    Image.new("RGB", (64, 48), "olive").save(path.parent / "img" / "photo2.jpg", "JPEG", exif=exif.tobytes())
    case = load_case(path, Settings())
    found = sorted((d.line, d.code) for d in case.diagnostics if d.is_error)
    assert found == [(LINE["cover"], "mobile-number"), (LINE["image"], "mobile-number")], [d.format() for d in case.diagnostics]
    # the comment in either byte order, with or without a byte-order mark, Han characters and
    # full-width digits only (a guess from zero bytes read such a comment backwards: a review)
    for encoding in ("utf-16-be", "utf-16-le", "utf-16"):
        for comment in ("Li Ming 13712345678", "活动现场，第一排左一为王阿姨，电话１３９１２３４５６７８"):
            exif = Image.Exif()
            exif.get_ifd(0x8769)[0x9286] = b"UNICODE\x00" + comment.encode(encoding)
            Image.new("RGB", (64, 48), "olive").save(path.parent / "img" / "photo2.jpg", "JPEG", exif=exif.tobytes())
            case = load_case(path, Settings())
            assert (LINE["image"], "mobile-number") in [(d.line, d.code) for d in case.diagnostics if d.is_error], (encoding, comment)


def test_check_reads_every_text_a_photo_s_metadata_holds(tmp_path):
    """A red team's phone number in tags the check did not read (DocumentName, HostComputer,
    GPSAreaInformation, the thumbnail's description), in the first of two JPEG comments and
    in an ICC profile's description."""
    import struct

    from PIL import Image
    from showcase.core.collection.loading import load_case
    from showcase.core.collection.settings import Settings

    from .helpers import LINE, VALID, write_case

    number = "13812345678"

    def jpeg(exif=None, icc=None, segments=b""):
        buffer = io.BytesIO()
        options = {"exif": exif.tobytes()} if exif is not None else {}
        Image.new("RGB", (64, 48), "teal").save(buffer, "JPEG", icc_profile=icc, **options)
        data = buffer.getvalue()
        return data[:2] + segments + data[2:]

    def segment(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload

    def exif_with(block: int | None, tag: int, value) -> Image.Exif:
        exif = Image.Exif()
        (exif if block is None else exif.get_ifd(block))[tag] = value
        return exif

    desc = b"desc\0\0\0\0" + struct.pack(">I", 16) + f"王小明{number}".encode() + b"\0"
    icc = bytearray(128) + struct.pack(">I", 1) + struct.pack(">4sII", b"desc", 144, len(desc)) + desc
    struct.pack_into(">I", icc, 0, len(icc))
    photos = {
        "DocumentName": jpeg(exif_with(None, 0x010D, f"名单 {number}")),
        "HostComputer": jpeg(exif_with(None, 0x013C, f"王小明 {number}")),
        "GPSAreaInformation": jpeg(exif_with(0x8825, 0x001C, b"ASCII\0\0\0" + number.encode())),
        "two comments": jpeg(segments=segment(0xFE, f"联系 {number}".encode()) + segment(0xFE, b"second")),
        "ICC description": jpeg(icc=bytes(icc)),
    }
    missed = []
    for name, data in photos.items():
        path = write_case(tmp_path / name, VALID, {})
        (path.parent / "img").mkdir(exist_ok=True)
        (path.parent / "photo1.jpg").write_bytes(data)
        Image.new("RGB", (64, 48), "olive").save(path.parent / "img" / "photo2.jpg", "JPEG")
        case = load_case(path, Settings())
        if (LINE["cover"], "mobile-number") not in [(d.line, d.code) for d in case.diagnostics if d.is_error]:
            missed.append(name)
    assert missed == [], missed
    # identifiers a camera writes are no words: a UUID in a maker note or ImageUniqueID, which
    # reads as 183****7023 (a review), and a phone camera's depth map in extended XMP
    uuid = "E1835700-7023-41B2-A95F-88E6CB954909"
    for name, data in {
        "MakerNote": jpeg(exif_with(0x8769, 0x927C, f"Apple iOS {uuid}".encode())),
        "ImageUniqueID": jpeg(exif_with(0x8769, 0xA420, "13152610033e4631ae2eaa40d262ba64")),
        "extended XMP": jpeg(segments=segment(0xE1, b"http://ns.adobe.com/xmp/extension/\0" + b"0" * 40 + b"13812345678")),
        "XMP document id": jpeg(exif_with(None, 0x010E, f"xmp.did:{uuid} uuid:{uuid.lower()}")),
    }.items():
        path = write_case(tmp_path / f"clean-{name}", VALID, {})
        (path.parent / "img").mkdir(exist_ok=True)
        (path.parent / "photo1.jpg").write_bytes(data)
        Image.new("RGB", (64, 48), "olive").save(path.parent / "img" / "photo2.jpg", "JPEG")
        assert not [d for d in load_case(path, Settings()).diagnostics if d.is_error], name


def test_a_video_source_written_over_several_lines_is_no_picture(tmp_path):
    """A mutation audit: the src of a <source> (a video's file the page drops) is no image the
    case uses; only an <img> over several lines is; the check asked for clip.mp4."""
    text = VALID + '\n<video controls>\n<source\n  src="clip.mp4" type="video/mp4">\n</video>\n'
    case = check(tmp_path, text)
    assert found(case) == [(LINE["image"] + 2, "warning", "html-removed")]
    assert "clip.mp4" not in [image.src for image in case.images]


def test_a_scanned_tiff_renamed_jpg_is_counted_as_a_tiff(tmp_path):
    """The pages are counted by what the file is, not by its name: a scan of 40 pages saved
    as 扫描件.jpg passed the check, and the site showed its first page only."""
    case = check(tmp_path / "renamed", with_cover("扫描件.jpg"), {"扫描件.jpg": _scanned(40), "img/photo2.jpg": jpeg()})
    assert found(case) == [(LINE["cover"], "warning", "image-pages")]
    assert "图片 扫描件.jpg 是一个多页的 TIFF 文件（共 40 页" in case.diagnostics[0].message


# -- a mutation audit's tests: what no test above told apart ------------------------------


def test_a_tiff_of_exactly_the_pages_counted_is_counted_and_a_broken_one_is_not(tmp_path):
    from showcase.core.case.imagerefs import MAX_PAGES_COUNTED

    files = {"扫描件.tif": _scanned(MAX_PAGES_COUNTED), "img/photo2.jpg": jpeg()}
    (said,) = check(tmp_path / "all", with_cover("扫描件.tif"), files).diagnostics
    assert f"共 {MAX_PAGES_COUNTED} 页，" in said.message
    # a TIFF over the pixel limit is said so, and only so: its pages are not read
    files = {"扫描件.tif": _scanned(3), "img/photo2.jpg": jpeg()}
    assert found(check(tmp_path / "big", with_cover("扫描件.tif"), files, limits=ImageLimits(max_pixels=1_000))) == [
        (COVER, "error", "image-pixels")
    ]


def test_a_missing_photo_s_hint_lists_the_folder_it_was_looked_for_in(tmp_path):
    case = check(tmp_path, with_cover("img/nothere.jpg"), {"photo1.jpg": jpeg(), "img/photo2.jpg": jpeg()})
    (missing,) = [d for d in case.diagnostics if d.code == "image-missing"]
    assert "文件夹里现有：photo2.jpg。" in missing.hint, missing.hint  # what img/ holds, not the case folder


def test_of_names_that_differ_only_in_case_the_hint_names_the_first_in_order(tmp_path):
    # created in another order than their sorted one: the hint is the same on every computer
    names = ["photo1.jpg", "pHoto1.jpg", "Photo1.jpg", "PHOTO1.jpg", "photo1.JPG", "Photo1.JPG", "PHOTO1.JPG", "phoTO1.jpg"]
    case = check(tmp_path, with_cover("PhOtO1.jpg"), {name: jpeg() for name in names} | {"img/photo2.jpg": jpeg()})
    (missing,) = [d for d in case.diagnostics if d.code == "image-missing"]
    assert f"文件夹里有 {sorted(names)[0]}：" in missing.hint, missing.hint


def test_every_header_reader_lifts_pillow_s_limit_and_puts_back_the_one_it_found(tmp_path, monkeypatch):
    """Pillow's pixel limit is one global: ``headers_only`` lifts it for a header's read and
    gives back the value it found (a caller's own too), after a read that failed as well.
    The check's three readers and the build's decoder all go through it."""
    from showcase.core.case.imagerefs import headers_only, photo_metadata, tiff_pages
    from showcase.core.media.photos import reduced

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 12_345)
    with pytest.raises(ZeroDivisionError), headers_only():
        assert Image.MAX_IMAGE_PIXELS is None
        1 / 0  # noqa: B018 - a failing block
    assert Image.MAX_IMAGE_PIXELS == 12_345
    huge = bytearray(image_bytes("GIF", (10, 10), "P"))
    huge[6:10] = struct.pack("<HH", 65535, 65535)  # more pixels than Pillow lets through: read with ours
    (tmp_path / "big.gif").write_bytes(bytes(huge))
    (tmp_path / "broken.gif").write_bytes(bytes(huge[:20]))
    (tmp_path / "scan.tif").write_bytes(_scanned(3))
    assert _open_header(tmp_path / "big.gif", ImageLimits())[0][0] == "image-pixels"  # type: ignore[index]
    assert _open_header(tmp_path / "broken.gif", ImageLimits())[0][0] == "image-bad"  # type: ignore[index]
    assert not photo_metadata(tmp_path / "big.gif").location
    assert tiff_pages(tmp_path / "scan.tif") == 3
    assert tiff_pages(tmp_path / "broken.gif") == 1
    assert getattr(reduced(bytes(huge), 1_000, 100), "code", None) == "image-pixels"
    assert Image.MAX_IMAGE_PIXELS == 12_345


def test_check_finds_a_number_in_a_photos_metadata_split_by_invisible_characters(tmp_path):
    """A mutation audit: reading a photo's metadata only as written (not as a reader sees it,
    invisible characters dropped) failed no test. A description copied from a WeChat article
    carries zero-width spaces; the number is whole to whoever opens the original, which goes
    into the public repository."""
    from PIL import Image
    from showcase.core.collection.settings import Settings

    path = write_case(tmp_path / "case", VALID, {})
    exif = Image.Exif()
    # XPComment (UTF-16, as Windows writes it): an ASCII tag would carry "?" for each
    exif[0x9C9C] = "志愿者王小明 138\u200b1234\u200b5678，身份证 110105\u200b19491231\u200b002X".encode("utf-16-le") + b"\x00\x00"
    Image.new("RGB", (64, 48), "teal").save(path.parent / "photo1.jpg", "JPEG", exif=exif.tobytes())
    (path.parent / "img").mkdir(exist_ok=True)
    Image.new("RGB", (64, 48), "olive").save(path.parent / "img" / "photo2.jpg", "JPEG")
    case = load_case(path, Settings())
    found = sorted((d.line, d.code) for d in case.diagnostics if d.is_error)
    assert found == [(LINE["cover"], "id-number"), (LINE["cover"], "mobile-number")], [d.format() for d in case.diagnostics]
    assert all("照片 photo1.jpg 的文件信息" in d.message for d in case.diagnostics if d.is_error)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("hostile", "refused"),
    [
        ("示例代码：`" + "<img " * 100 + "src=a " * 12_000 + "`", False),  # passed the check, after 89 s
        ("![" * 100_000, True),  # 124 s before its error
        ("![a](<" * 50_000, True),
        ("<!--" * 20_000, True),  # 48 s (pii's hidden parts)
    ],
    ids=["img-src", "bang-bracket", "angled", "comments"],
)
def test_a_body_built_to_be_slow_to_read_is_read_in_seconds(tmp_path, hostile, refused):
    """A security review: the image references and the hidden parts of a body were read by
    patterns that tried each start to the line's end (each “<img” with every “src=” when no
    “>” follows, each “![” to the end when no “]” does), so a case of 70-300 KB held the
    check, and the build after it, for minutes. Read in linear time now: each case in a
    second or two, what it holds said as before, and the build's rewriting as fast."""
    import time

    from showcase.core.media.photos import rewrite_markdown

    started = time.monotonic()
    case = load_case(write_case(tmp_path / "x", VALID + "\n" + hostile + "\n"), settings())
    rewrite_markdown(case.body, {})
    assert time.monotonic() - started < 15
    assert any(d.is_error for d in case.diagnostics) is refused, [d.format() for d in case.diagnostics][:3]
    refs = find_body_images(hostile + "\n![照片](p.jpg) <img alt='a' src=\"q.png\">", 1)
    assert [(r.src, r.line, r.alt) for r in refs] == [("p.jpg", 2, "照片"), ("q.png", 2, "a")]  # what follows is read
