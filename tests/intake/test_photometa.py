"""Imported JPEGs lose GPS, camera and comments before the (public) cases folder, losslessly."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from showcase.core.editors.intake.photometa import strip_jpeg

from tests.support.images import COMMENT, MAKE, phone_jpeg


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
