"""Imported JPEGs lose GPS, camera and comments before the (public) cases folder, losslessly."""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image
from showcase.core.editors.intake.photometa import blank_profile_text, strip_jpeg

from tests.support.images import COMMENT, MAKE, phone_heic, phone_jpeg, png_with_alpha


def test_gps_camera_xmp_and_comments_go_orientation_and_colour_stay(tmp_path: Path) -> None:
    original = phone_jpeg(tmp_path / "sideways.jpg", size=(400, 300), orientation=6, noise=10).read_bytes()
    stripped = strip_jpeg(original)
    for leak in (MAKE.encode(), b"SecretCityXmp", COMMENT, b"http://ns.adobe.com/xap/1.0/"):
        assert leak in original and leak not in stripped
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(stripped)) as after:
        assert before.getexif().get_ifd(0x8825) and not after.getexif().get_ifd(0x8825)
        assert dict(after.getexif()) == {0x0112: 6}  # still shown upright
        # the colour profile stays, its text blanked (a red team's number in its description)
        assert after.info.get("icc_profile") == blank_profile_text(before.info["icc_profile"])
        assert after.tobytes() == before.tobytes()  # not re-encoded


def test_what_is_not_a_well_formed_jpeg_is_left_whole() -> None:
    for data in (b"\x89PNG\r\n\x1a\n...", b"\xff\xd8\xff\xe1\x00\x40short", b"\xff\xd8garbage"):
        assert strip_jpeg(data) == data


def test_a_heic_photo_becomes_an_upright_jpeg_without_gps_or_camera(tmp_path: Path) -> None:
    """HEIC (iPhones) cannot be cut losslessly: it becomes a JPEG, decoded once, with no EXIF or XMP."""
    from showcase.core.editors.intake.photometa import heic_to_jpeg

    original = phone_heic(tmp_path / "IMG_0001.heic", size=(400, 300)).read_bytes()
    assert MAKE.encode() in original
    converted = heic_to_jpeg(original)
    for leak in (MAKE.encode(), b"SecretCityXmp", b"http://ns.adobe.com/xap/1.0/", b"Exif\x00\x00"):
        assert leak not in converted
    with Image.open(io.BytesIO(converted)) as jpeg:
        assert jpeg.format == "JPEG" and jpeg.size == (400, 300) and not jpeg.getexif()
        assert jpeg.getpixel((50, 150))[0] > 180 and jpeg.getpixel((350, 150))[2] > 180  # red left, blue right


def test_a_png_loses_its_exif_and_text_chunks_and_keeps_its_pixels(tmp_path: Path) -> None:
    from showcase.core.editors.intake.photometa import strip_png

    original = png_with_alpha(tmp_path / "a.png").read_bytes()
    assert MAKE.encode() in original
    stripped = strip_png(original)
    assert MAKE.encode() not in stripped
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(stripped)) as after:
        assert not after.getexif() and after.tobytes() == before.tobytes()
    assert strip_png(b"\x89PNG\r\n\x1a\ncut") == b"\x89PNG\r\n\x1a\ncut"  # not the PNG we understand: left whole


def _gps(data: bytes) -> bool:
    """Whether any frame of the picture, or any JPEG inside it, holds a GPS block."""
    from tests.support.images import MAKE

    return MAKE.encode() in data or b"GPS" in data or b"SecretCityXmp" in data


def test_what_follows_the_picture_goes_too(tmp_path: Path) -> None:
    """An MPO's second frame and a JPEG appended after the picture (a "motion photo"
    trailer) kept their own EXIF and GPS (a review): the picture ends at its end marker."""
    from showcase.core.editors.intake.photometa import clean

    from tests.support.images import halves, phone_exif

    first = io.BytesIO()
    halves((200, 150)).save(first, "JPEG", exif=phone_exif().tobytes())
    second = io.BytesIO()
    halves((200, 150)).save(second, "JPEG", exif=phone_exif().tobytes())
    trailer = first.getvalue() + second.getvalue()
    assert _gps(trailer)
    mpo = io.BytesIO()
    halves((200, 150)).save(mpo, "MPO", save_all=True, append_images=[halves((200, 150))], exif=phone_exif().tobytes())
    with Image.open(io.BytesIO(mpo.getvalue())) as check:
        assert check.format == "MPO" and getattr(check, "n_frames", 1) == 2
    for data, kind in ((trailer, "JPEG"), (mpo.getvalue(), "MPO")):
        out, _ = clean(data, kind)
        assert not _gps(out), kind
        with Image.open(io.BytesIO(out)) as picture:
            picture.load()
            assert picture.size == (200, 150) and getattr(picture, "n_frames", 1) == 1, kind


def test_a_gif_loses_its_xmp_and_a_turned_png_is_upright(tmp_path: Path) -> None:
    from showcase.core.editors.intake.photometa import clean

    from tests.support.images import halves, phone_exif

    gif = io.BytesIO()
    halves((120, 90)).convert("P").save(gif, "GIF", comment=b"SecretCityXmp")
    data = gif.getvalue()
    xmp = b"!\xff\x0bXMP DataXMP" + b"<x:xmpmeta>SecretCityXmp GPSLatitude</x:xmpmeta>" + b"\x01" + bytes(range(255, -1, -1)) + b"\x00"
    data = data[:-1] + xmp + data[-1:]  # an XMP application extension before the trailer
    assert b"SecretCityXmp" in data
    out, after = clean(data, "GIF")
    assert after == "PNG" and b"SecretCityXmp" not in out
    turned = io.BytesIO()
    halves((64, 48)).save(turned, "PNG", exif=phone_exif(6).tobytes())
    out, after = clean(turned.getvalue(), "PNG")
    with Image.open(io.BytesIO(out)) as picture:
        assert picture.size == (48, 64) and not picture.getexif()  # upright, as it was shown


def test_sixteen_bit_grey_and_cmyk_are_converted_not_clipped(tmp_path: Path) -> None:
    from showcase.core.editors.intake.photometa import clean

    row = (30000).to_bytes(2, "little") * 20 + (60000).to_bytes(2, "little") * 20
    grey = Image.frombytes("I;16", (40, 30), row * 30)
    assert grey.getpixel((5, 15)) == 30000
    tiff = io.BytesIO()
    grey.save(tiff, "TIFF")
    out, after = clean(tiff.getvalue(), "TIFF")
    with Image.open(io.BytesIO(out)) as picture:
        left, right = picture.convert("L").getpixel((5, 15)), picture.convert("L").getpixel((35, 15))
        assert after == "JPEG" and 100 < left < 130 and right > 220, (left, right)  # was all white
    cmyk = io.BytesIO()
    Image.new("CMYK", (40, 30), (0, 255, 255, 0)).save(cmyk, "TIFF")  # red
    out, _ = clean(cmyk.getvalue(), "TIFF")
    with Image.open(io.BytesIO(out)) as picture:
        r, g, b = picture.convert("RGB").getpixel((20, 15))
        assert r > 200 and g < 60 and b < 60 and not picture.info.get("icc_profile")


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def test_every_other_segment_goes_wherever_it_stands_and_the_scans_stay(tmp_path: Path) -> None:
    """A security review hid GPS in APP11 (C2PA), an ID number in APP4, and an EXIF block
    and a comment between two scans of a progressive JPEG; a list of segments to drop
    (APP1, APP13, comment) kept all of them."""
    out = io.BytesIO()
    Image.effect_noise((320, 240), 40).convert("RGB").save(out, "JPEG", progressive=True, quality=80)
    picture = out.getvalue()
    exif = Image.Exif()
    exif[0x010E] = "GPS-HIDDEN 13812345678"
    hidden = _segment(0xEB, b"JP\x00\x00jumbGPSLatitude C2PA-HIDDEN") + _segment(0xE4, b"ID 11010519491231002X")
    between = _segment(0xE1, b"Exif\x00\x00" + exif.tobytes()) + _segment(0xFE, b"BETWEEN-SCANS comment")
    second_scan = picture.index(b"\xff\xda", picture.index(b"\xff\xda") + 2)  # FF DA stands only as a marker
    original = picture[:2] + hidden + picture[2:second_scan] + between + picture[second_scan:]
    stripped = strip_jpeg(original)
    for leak in (b"C2PA-HIDDEN", b"11010519491231002X", b"GPS-HIDDEN", b"BETWEEN-SCANS"):
        assert leak in original and leak not in stripped, leak
    assert stripped.count(b"\xff\xda") == picture.count(b"\xff\xda")  # every scan kept
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(stripped)) as after:
        assert after.tobytes() == before.tobytes() and after.info.get("progressive")
    assert strip_jpeg(stripped) == stripped


def test_a_png_keeps_only_the_chunks_of_its_picture(tmp_path: Path) -> None:
    import zlib

    from showcase.core.editors.intake.photometa import strip_png

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return len(payload).to_bytes(4, "big") + kind + payload + zlib.crc32(kind + payload).to_bytes(4, "big")

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, "PNG")
    picture = out.getvalue()
    end = picture.index(b"IEND") - 4
    original = picture[:end] + chunk(b"caBX", b"C2PA-HIDDEN") + chunk(b"prVt", b"ID 11010519491231002X") + picture[end:]
    stripped = strip_png(original)
    assert b"C2PA-HIDDEN" not in stripped and b"11010519491231002X" not in stripped and stripped == picture


def test_a_png_colour_profile_keeps_its_colours_and_loses_its_name() -> None:
    """The name of a PNG's colour profile (iCCP) is free text: a security review wrote a
    phone number there, and the import kept it word for word in the public case folder."""
    import zlib

    from PIL import ImageCms
    from showcase.core.editors.intake.photometa import PROFILE_NAME, clean

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 10, 10)).save(buffer, "PNG", icc_profile=profile)
    data = buffer.getvalue()
    at = data.index(b"iCCP")
    length = int.from_bytes(data[at - 4 : at], "big")
    _, _, rest = data[at + 4 : at + 4 + length].partition(b"\0")
    chunk = b"iCCP" + b"13900001106\0" + rest
    named = data[: at - 4] + len(chunk[4:]).to_bytes(4, "big") + chunk + zlib.crc32(chunk).to_bytes(4, "big") + data[at + 8 + length :]
    with Image.open(io.BytesIO(named)) as picture:
        picture.load()  # a well-formed PNG, as a program would write it
    out, kind = clean(named, "PNG")
    assert kind == "PNG" and b"13900001106" not in out and PROFILE_NAME in out
    with Image.open(io.BytesIO(out)) as picture:
        picture.load()
        assert picture.info["icc_profile"] == blank_profile_text(profile) and picture.getpixel((0, 0)) == (200, 10, 10)


def numbered_profile() -> tuple[bytes, bytes]:
    """LittleCMS's sRGB profile with a phone number as its description (UTF-16, as it writes
    its descriptions), and the number as the profile holds it."""
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    written, number = "sRGB built-in".encode("utf-16-be"), "T 13812345678".encode("utf-16-be")
    assert written in profile
    return profile.replace(written, number), number


def test_a_colour_profile_s_text_is_blanked_and_its_colours_stay() -> None:
    """A red team wrote a phone number in the ICC profile's description of a JPEG and of a
    PNG; the import kept both (the check now reads them too). The profile's text tags are
    blanked, the rest kept: LittleCMS still reads it and the colours are the same."""
    from PIL import ImageCms
    from showcase.core.editors.intake.photometa import clean

    profile, number = numbered_profile()
    for kind in ("JPEG", "PNG"):
        buffer = io.BytesIO()
        Image.new("RGB", (20, 10), (200, 10, 10)).save(buffer, kind, icc_profile=profile)
        out, kept = clean(buffer.getvalue(), kind)
        assert kept == kind and number not in out, kind
        with Image.open(io.BytesIO(out)) as picture:
            picture.load()
            blanked = picture.info["icc_profile"]
            assert (
                len(blanked) == len(profile) and ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(blanked))).strip() == ""
            )
            assert picture.getpixel((0, 0))[0] > 180, kind  # still red


def test_an_app0_that_is_not_jfif_and_text_after_adobe_s_app14_go() -> None:
    """A red team's phone number in an APP0 segment that is no JFIF, and after the 12 bytes
    of Adobe's APP14, passed the import's strip (both kinds of segment were kept whole)."""

    def segment(marker: int, payload: bytes) -> bytes:
        return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload

    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 40)).save(buffer, "JPEG")
    plain = buffer.getvalue()
    adobe = b"Adobe\x00\x64\x00\x00\x00\x00\x01"
    hidden = plain[:2] + segment(0xE0, b"NOTE\x00tel 13812345678") + segment(0xEE, adobe + b"13812345679") + plain[2:]
    stripped = strip_jpeg(hidden)
    assert b"1381234567" not in stripped and segment(0xEE, adobe) in stripped
    with Image.open(io.BytesIO(stripped)) as after, Image.open(io.BytesIO(plain)) as before:
        assert after.tobytes() == before.tobytes()


def test_a_tiff_s_pages_are_split_within_limits():
    """A scanner's TIFF: each page a JPEG of its own, at most MAX_TIFF_PAGES of them (the
    count says there were more), a page over the pixel limit left undecoded; one page or
    another kind of picture is not split."""
    from showcase.core.editors.intake.photometa import MAX_TIFF_PAGES, TOO_MANY_PIXELS, tiff_pages

    def tiff(sizes: list[tuple[int, int]]) -> bytes:
        first, *rest = (Image.new("L", size, 40 * n % 256) for n, size in enumerate(sizes))
        out = io.BytesIO()
        first.save(out, "TIFF", save_all=True, append_images=rest)
        return out.getvalue()

    split = tiff_pages(tiff([(20, 10)] * (MAX_TIFF_PAGES + 5)), 10_000)
    assert split is not None and len(split[0]) == MAX_TIFF_PAGES and split[1] == MAX_TIFF_PAGES + 1
    pages, count = tiff_pages(tiff([(20, 10), (200, 100), (20, 10)]), 10_000) or ([], 0)
    assert count == 3 and pages[1] == TOO_MANY_PIXELS and all(isinstance(p, bytes) for p in (pages[0], pages[2]))
    with Image.open(io.BytesIO(pages[2])) as page:
        assert page.format == "JPEG" and page.size == (20, 10)  # what the import makes of a TIFF, encoded once
    assert tiff_pages(tiff([(20, 10)]), 10_000) is None
    jpeg = io.BytesIO()
    Image.new("RGB", (20, 10)).save(jpeg, "JPEG")
    assert tiff_pages(jpeg.getvalue(), 10_000) is None


def _grey_tiff(pages: list[tuple[int, int]], last_next: int = 0) -> bytes:
    """A little-endian TIFF of grey pages as (width, height) its directories claim, each with
    64 bytes of data (a page claiming more is cut short); the last directory's next is ``last_next``."""
    out = bytearray(b"II*\x00\x00\x00\x00\x00") + bytes(64)  # the pages share these bytes
    at = 4
    for number, (width, height) in enumerate(pages):
        struct.pack_into("<I", out, at, len(out))
        entries = [(256, 4, width), (257, 4, height), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 8), (277, 3, 1)]
        entries += [(278, 4, height), (279, 4, 64)]
        out += struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            out += struct.pack("<HHII", tag, kind, 1, value) if kind == 4 else struct.pack("<HHIHH", tag, kind, 1, value, 0)
        at = len(out)
        out += struct.pack("<I", last_next if number == len(pages) - 1 else 0)
    return bytes(out)


def test_a_tiff_with_a_broken_page_or_directory_keeps_the_pages_that_read():
    """A page whose data is cut short, or a directory that points into nowhere, made the
    whole file one photo of page 1 (the import fell back to the file as sent), the other
    pages unsaid. The pages that read are kept; the broken one is said, and where the
    directory breaks, that no page after it can be found."""
    from showcase.core.editors.intake.photometa import LOST, UNREADABLE, tiff_pages

    pages, total = tiff_pages(_grey_tiff([(8, 8), (800, 800), (8, 8)]), 1_000_000) or ([], 0)
    assert total == 3 and pages[1] == UNREADABLE and all(isinstance(p, bytes) for p in (pages[0], pages[2]))
    pages, total = tiff_pages(_grey_tiff([(8, 8)] * 3, last_next=0x7FFFFFF0), 1_000_000) or ([], 0)
    assert [isinstance(p, bytes) for p in pages] == [True, True, True, False] and pages[3] == LOST and total == 4


def test_a_tiff_s_pages_keep_their_colours_and_turn_upright_whatever_tiff_it_is():
    """A mutation audit's cases: a BigTIFF (a scanner's file over 4 GB is one) is split as a
    TIFF is; a page of exactly the pixel limit is taken; a page's colour profile stays with
    it; a page saved turned (Orientation 6) comes out upright, with no Orientation to turn it
    again; a single page whose next directory is broken is still a page, and the loss is said."""
    from PIL import ImageCms
    from showcase.core.editors.intake.photometa import LOST, blank_profile_text, tiff_pages

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    turned = Image.Exif()
    turned[0x0112] = 6
    first, second = Image.new("RGB", (20, 10), "white"), Image.new("RGB", (20, 10), "red")
    for big in (False, True):
        out = io.BytesIO()
        first.save(out, "TIFF", save_all=True, append_images=[second], big_tiff=big, icc_profile=profile, exif=turned)
        if big and out.getvalue()[:4] != b"II+\x00":
            continue  # a Pillow that writes no BigTIFF (big_tiff is Pillow 11's)
        pages, count = tiff_pages(out.getvalue(), 200) or ([], 0)
        assert count == 2 and all(isinstance(page, bytes) for page in pages), (big, pages)
        for page in pages:
            with Image.open(io.BytesIO(page)) as image:
                assert image.size == (10, 20) and image.info.get("icc_profile") == blank_profile_text(profile)  # as clean writes it
                assert image.getexif().get(0x0112) in (None, 1)
    pages, count = tiff_pages(_grey_tiff([(8, 8)], last_next=0x7FFFFFF0), 1_000_000) or ([], 0)
    assert count == 2 and isinstance(pages[0], bytes) and pages[1] == LOST


def test_a_tiff_s_pages_are_decoded_within_a_pixel_budget_and_the_rest_said():
    """30 pages each just under the pixel limit (a 2 MB file of blank 7000×7000 pages) took
    31 s and 350 MB to import. The pages are decoded up to TIFF_PIXEL_LIMITS times the limit
    together; the report says how many were imported and why not the rest."""
    from showcase.core.editors.intake.importer import Outcome, _pages
    from showcase.core.editors.intake.photometa import TIFF_PIXEL_LIMITS, tiff_pages

    first, *rest = (Image.new("L", (90, 90), 40 * n) for n in range(TIFF_PIXEL_LIMITS + 2))
    out = io.BytesIO()
    first.save(out, "TIFF", save_all=True, append_images=rest)
    pages, count = tiff_pages(out.getvalue(), 10_000) or ([], 0)
    assert len(pages) == TIFF_PIXEL_LIMITS and count == TIFF_PIXEL_LIMITS + 1
    outcome = Outcome("签到表.tif")
    assert len(_pages(out.getvalue(), "签到表.tif", outcome, 10_000)) == TIFF_PIXEL_LIMITS
    assert f"只导入了前 {TIFF_PIXEL_LIMITS} 页（一个文件最多导入 30 页、合计 {TIFF_PIXEL_LIMITS} 万像素）" in outcome.notes[0]


def test_the_orientation_kept_is_an_exif_block_other_readers_read(tmp_path: Path) -> None:
    """The one-tag EXIF written back is ``Exif\\0\\0`` and then the TIFF header, as the EXIF
    standard has it: Pillow's ``Exif.tobytes`` already starts with ``Exif\\0\\0``, and the
    import wrote it twice (``Exif\\0\\0Exif\\0\\0MM``), which Pillow forgives and a browser
    does not (Chromium showed an imported photo taken sideways on its side: GitHub's view
    of the case folder)."""
    original = phone_jpeg(tmp_path / "sideways.jpg", size=(400, 300), orientation=6).read_bytes()
    stripped = strip_jpeg(original)
    at = stripped.index(b"\xff\xe1")
    payload = stripped[at + 4 : at + 2 + int.from_bytes(stripped[at + 2 : at + 4], "big")]
    assert payload[:6] == b"Exif\x00\x00" and payload[6:10] in (b"MM\x00*", b"II*\x00"), payload[:16]
