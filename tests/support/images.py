"""Photos as phones make them (EXIF with GPS and orientation, XMP, ICC, comments),
and checks that nothing of that reaches a published file."""

from __future__ import annotations

import io
import random
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, ImageFile

# Recognisable bytes we plant in the originals and look for in the outputs.
MAKE = "LeakyPhoneMaker"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:City="SecretCityXmp"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
COMMENT = b"SecretCommentText"
LEAKS = [MAKE.encode(), b"SecretCityXmp", COMMENT, b"http://ns.adobe.com/xap/1.0/", b"ICC_PROFILE", b"Exif\x00\x00"]
RED, BLUE = (220, 30, 30), (30, 60, 220)


def phone_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = MAKE  # Make
    exif[0x0110] = "Model X"
    if orientation:
        exif[0x0112] = orientation
    # GPS: 23°7'30" N, 113°15'0" E (a community centre in Guangzhou, say)
    exif[0x8825] = {1: "N", 2: (23.0, 7.0, 30.0), 3: "E", 4: (113.0, 15.0, 0.0), 5: 0, 6: 12.0}
    return exif


def halves(size: tuple[int, int], noise: int = 0, seed: int = 0) -> Image.Image:
    """Left half red, right half blue (as stored), with optional noise for realistic sizes."""
    image = Image.new("RGB", size, BLUE)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill=RED)
    if noise:
        random.seed(seed)
        grain = Image.effect_noise(size, noise).convert("RGB")
        image = Image.blend(image, grain, 0.15)
    return image


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def phone_jpeg(path: Path, size=(800, 600), orientation: int | None = None, noise: int = 0, seed: int = 0) -> Path:
    image = halves(size, noise, seed)
    image.save(path, "JPEG", quality=88, exif=phone_exif(orientation).tobytes(), xmp=XMP, icc_profile=srgb_icc(), comment=COMMENT)
    return path


def phone_heic(path: Path, size=(640, 480)) -> Path:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    halves(size).save(path, "HEIF", quality=90, exif=phone_exif().tobytes(), xmp=XMP)
    return path


def png_with_alpha(path: Path, size=(300, 200)) -> Path:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((50, 20, 250, 180), fill=(30, 120, 60, 255))
    image.save(path, "PNG", exif=phone_exif().tobytes())
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


def png_claiming(width: int, height: int, filler: int = 64) -> bytes:
    """A tiny PNG whose header claims a canvas of width x height (a decompression bomb's header)."""
    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    idat = zlib.compress(b"\x00" * filler)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


def bomb_png(path: Path, width: int = 40000, height: int = 40000) -> Path:
    """A tiny file whose header claims a huge canvas."""
    path.write_bytes(png_claiming(width, height))
    return path


def truncated_jpeg(path: Path, size=(800, 600)) -> Path:
    buffer = io.BytesIO()
    halves(size, noise=60).save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def webp_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    chunks, i = [], 12
    while i + 8 <= len(data):
        size = int.from_bytes(data[i + 4 : i + 8], "little")
        chunks.append(data[i : i + 4])
        i += 8 + size + (size & 1)
    return chunks


def jpeg_markers(data: bytes) -> list[int]:
    """Marker segments before the image data (APPn, COM, DQT…)."""
    markers, i = [], 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        i += 2 + int.from_bytes(data[i + 2 : i + 4], "big")
    return markers


def assert_clean(path: Path) -> None:
    """No EXIF (so no GPS), no XMP, no ICC profile, no comment: by Pillow and by bytes."""
    data = path.read_bytes()
    for leak in LEAKS:
        assert leak not in data, (path, leak)
    with Image.open(path) as image:
        assert not image.getexif(), path
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "comment", "photoshop"):
            assert key not in image.info, (path, key)
        fmt = image.format
    if fmt == "JPEG":
        markers = jpeg_markers(data)
        assert 0xFE not in markers, path  # COM
        assert all(m == 0xE0 for m in markers if 0xE0 <= m <= 0xEF), (path, markers)  # only JFIF's APP0
    elif fmt == "WEBP":
        assert set(webp_chunks(data)) <= {b"VP8 ", b"VP8L"}, (path, webp_chunks(data))
    else:
        raise AssertionError(f"unexpected format {fmt} for {path}")


def counting_decodes(monkeypatch) -> list[str]:
    """Count every pixel decode in this process (Image.load and ImageFile.load)."""
    calls: list[str] = []
    for cls in (Image.Image, ImageFile.ImageFile):
        original = cls.load

        def load(self, _original=original):
            calls.append(getattr(self, "filename", "") or repr(self))
            return _original(self)

        monkeypatch.setattr(cls, "load", load)
    return calls
