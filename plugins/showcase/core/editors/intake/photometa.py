"""Phone photos lose their location before they reach the (public) cases folder.

The site never publishes an original (the photo pipeline strips every photo it serves),
but the case folder is committed to a public repository, and a phone's JPEG carries GPS
coordinates, the camera's serial and the time in its EXIF. At import, a JPEG's EXIF
(APP1), XMP, Photoshop/IPTC (APP13) and comment segments are cut out without decoding
the picture (the compressed image data is copied byte for byte); the colour profile
(APP2) stays, and so does the orientation, written back as a one-tag EXIF so a photo
taken sideways still shows upright.

A PNG loses its ``eXIf`` and text chunks (XMP travels in ``iTXt``) the same way, without
touching the image data. A HEIC photo (iPhones) cannot be cut like this (pillow-heif
writes HEIC only by encoding again): it becomes a JPEG, turned upright, with its colour
profile and nothing else, which is also a file every editor's computer can open.

Anything else is encoded again (``clean``), with nothing but its pixels and colour
profile: a TIFF (whose EXIF holds GPS like a JPEG's) as a JPEG, a WebP as a WebP, and a
JPEG or PNG the cutting above does not understand (a stray byte after a segment) or a
PNG turned by its EXIF as itself, a GIF (XMP and comments in its extension blocks) as a
PNG of its first frame — those were written into the case folder whole, GPS included (a
security review). A BMP has no metadata and is kept as it is.
"""

from __future__ import annotations

import io
import zlib

from PIL import Image, ImageCms, ImageOps

from ...media.photos import eight_bit_grey, truncated_refused

_DROPPED = {0xE1, 0xED, 0xFE}  # APP1 (EXIF, XMP), APP13 (Photoshop, IPTC), COM
_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM, RSTn: markers without a length


def _orientation(data: bytes) -> int:
    try:
        with Image.open(io.BytesIO(data)) as picture:
            return int(picture.getexif().get(0x0112, 1) or 1)
    except Exception:  # unreadable EXIF: upright
        return 1


def strip_jpeg(data: bytes) -> bytes:
    """``data`` without EXIF (GPS), XMP, IPTC and comments; the same bytes if it is no well-formed JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return data
    orientation = _orientation(data)
    kept = bytearray(b"\xff\xd8")
    index = 2
    while True:
        if index + 4 > len(data) or data[index] != 0xFF:
            return data  # not the JPEG we understand: leave it whole
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker == 0xDA:  # start of scan: the image data, copied as it is, to its end
            # The first end-of-image marker after it ends the picture (in the compressed data
            # a 0xFF byte is followed by 0x00 or a restart marker): what follows — an MPO's
            # second frame, a "motion photo" video, a trailer — has its own EXIF and GPS.
            end = data.find(b"\xff\xd9", index)
            kept += data[index:] if end < 0 else data[index : end + 2]
            break
        if marker in _STANDALONE:
            kept += data[index : index + 2]
            index += 2
            continue
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if length < 2 or index + 2 + length > len(data):
            return data
        mpf = marker == 0xE2 and data[index + 4 : index + 8] == b"MPF\x00"  # the index of frames cut off above
        if marker not in _DROPPED and not mpf:
            kept += data[index : index + 2 + length]
        index += 2 + length
    if orientation != 1:
        exif = Image.Exif()
        exif[0x0112] = orientation
        payload = b"Exif\x00\x00" + exif.tobytes()
        segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
        at = 2
        if kept[2:4] == b"\xff\xe0":  # after JFIF's APP0, where readers look for it
            at = 4 + int.from_bytes(kept[4:6], "big")
        kept[at:at] = segment
    return bytes(kept)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_DROPPED = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
HEIC_QUALITY = 92  # the site makes its own renditions from it; this is the editor's copy


def strip_png(data: bytes) -> bytes:
    """``data`` without EXIF, XMP and text chunks; the same bytes if it is no well-formed PNG."""
    if not data.startswith(PNG_SIGNATURE):
        return data
    kept = bytearray(PNG_SIGNATURE)
    index = len(PNG_SIGNATURE)
    while index + 12 <= len(data):
        length = int.from_bytes(data[index : index + 4], "big")
        kind = data[index + 4 : index + 8]
        end = index + 12 + length
        if end > len(data) or zlib.crc32(data[index + 4 : end - 4]) != int.from_bytes(data[end - 4 : end], "big"):
            return data  # not the PNG we understand: leave it whole
        if kind not in _PNG_DROPPED:
            kept += data[index:end]
        index = end
        if kind == b"IEND":
            return bytes(kept)
    return data


def clean(data: bytes, kind: str) -> tuple[bytes, str]:
    """``data``, a picture Pillow reads as ``kind``, without EXIF (GPS), XMP or text; and its
    kind after (a HEIC or TIFF becomes a JPEG)."""
    if kind == "HEIF":
        return heic_to_jpeg(data), "JPEG"
    if kind in ("JPEG", "MPO"):
        cut = strip_jpeg(data)  # the same object back: a JPEG it does not understand
        return (cut, kind) if cut is not data else _again(data, "JPEG")
    if kind == "PNG":
        cut = strip_png(data) if _orientation(data) == 1 else data  # turned: upright, below (the cut drops the turn)
        return (cut, kind) if cut is not data else _again(data, "PNG")
    if kind == "BMP":  # no metadata in the format
        return data, kind
    # a GIF's XMP and comments live in extension blocks: its first frame, as a PNG
    return _again(data, {"WEBP": "WEBP", "GIF": "PNG"}.get(kind, "JPEG"))


def _again(data: bytes, kind: str) -> tuple[bytes, str]:
    """The picture encoded again as ``kind``, upright, with its colour profile only (a
    picture with transparency stays PNG or WebP). 16-bit grey is scaled to 8 bits (not
    clipped to white), CMYK converted through its own profile (which would mean nothing
    beside RGB values)."""
    with truncated_refused(), Image.open(io.BytesIO(data)) as picture:
        picture.load()  # a picture cut short fails here, not with a grey band
        profile = picture.info.get("icc_profile")
        upright = ImageOps.exif_transpose(picture)
    upright = eight_bit_grey(upright)
    if upright.mode == "CMYK":
        rgb = None
        if profile:
            try:
                source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
                rgb = ImageCms.profileToProfile(upright, source, ImageCms.createProfile("sRGB"), outputMode="RGB")
            except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
                rgb = None
        upright, profile = (rgb if rgb is not None else upright.convert("RGB")), None
    clear = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    if kind == "JPEG" and clear:
        kind = "PNG"
    upright = upright.convert("RGBA" if clear else "RGB")
    out = io.BytesIO()
    options = {"quality": HEIC_QUALITY} if kind in ("JPEG", "WEBP") else {}
    upright.save(out, kind, icc_profile=profile or None, **options)
    return out.getvalue(), kind


def heic_to_jpeg(data: bytes) -> bytes:
    """A HEIC photo as an upright JPEG with its colour profile only (no EXIF, GPS or XMP)."""
    with truncated_refused(), Image.open(io.BytesIO(data)) as picture:
        profile = picture.info.get("icc_profile")
        upright = ImageOps.exif_transpose(picture).convert("RGB")
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=HEIC_QUALITY, icc_profile=profile or None)
    return out.getvalue()
