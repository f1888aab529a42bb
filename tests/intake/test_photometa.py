"""Imported JPEGs lose GPS, camera and comments before the (public) cases folder, losslessly."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from showcase.core.editors.intake.photometa import strip_jpeg

from tests.support.images import COMMENT, MAKE, phone_heic, phone_jpeg, png_with_alpha


def test_gps_camera_xmp_and_comments_go_orientation_and_colour_stay(tmp_path: Path) -> None:
    original = phone_jpeg(tmp_path / "sideways.jpg", size=(400, 300), orientation=6, noise=10).read_bytes()
    stripped = strip_jpeg(original)
    for leak in (MAKE.encode(), b"SecretCityXmp", COMMENT, b"http://ns.adobe.com/xap/1.0/"):
        assert leak in original and leak not in stripped
    with Image.open(io.BytesIO(original)) as before, Image.open(io.BytesIO(stripped)) as after:
        assert before.getexif().get_ifd(0x8825) and not after.getexif().get_ifd(0x8825)
        assert dict(after.getexif()) == {0x0112: 6}  # still shown upright
        assert after.info.get("icc_profile") == before.info.get("icc_profile")
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
