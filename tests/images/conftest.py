"""The hand-made photos of the image tests live in tests/support/images.py; re-exported here."""

from __future__ import annotations

from tests.support.images import (
    BLUE,
    COMMENT,
    LEAKS,
    MAKE,
    RED,
    XMP,
    assert_clean,
    bomb_png,
    counting_decodes,
    halves,
    jpeg_markers,
    phone_exif,
    phone_heic,
    phone_jpeg,
    png_claiming,
    png_with_alpha,
    srgb_icc,
    truncated_jpeg,
    webp_chunks,
)

__all__ = [
    "BLUE",
    "COMMENT",
    "LEAKS",
    "MAKE",
    "RED",
    "XMP",
    "assert_clean",
    "bomb_png",
    "counting_decodes",
    "halves",
    "jpeg_markers",
    "phone_exif",
    "phone_heic",
    "phone_jpeg",
    "png_claiming",
    "png_with_alpha",
    "srgb_icc",
    "truncated_jpeg",
    "webp_chunks",
]
