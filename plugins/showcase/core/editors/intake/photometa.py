"""Phone photos lose their location before they reach the (public) cases folder.

The site never publishes an original (the photo pipeline strips every photo it serves),
but the case folder is committed to a public repository, and a phone's JPEG carries GPS
coordinates, the camera's serial and the time in its EXIF. At import, a JPEG keeps only
the segments a picture needs (tables, frame, scans, JFIF, the colour profile, Adobe's
colour transform), wherever they stand, and loses every other application segment and
comment (EXIF, XMP, Photoshop/IPTC, C2PA, makers' own) without decoding the picture: the
compressed image data is copied byte for byte. The orientation stays, written back as a
one-tag EXIF so a photo taken sideways still shows upright.

A PNG keeps only the chunks of its picture and of how to show it (``PNG_KEPT``), and
loses EXIF, text (XMP travels in ``iTXt``), C2PA and private chunks the same way, without
touching the image data. A HEIC photo (iPhones) cannot be cut like this (pillow-heif
writes HEIC only by encoding again): it becomes a JPEG, turned upright, with its colour
profile and nothing else, which is also a file every editor's computer can open.

Anything else is encoded again (``clean``), with nothing but its pixels and colour
profile: a TIFF (whose EXIF holds GPS like a JPEG's) as a JPEG, a WebP as a WebP, and a
JPEG or PNG the cutting above does not understand (a stray byte after a segment) or a
PNG turned by its EXIF as itself, a GIF (XMP and comments in its extension blocks) as a
PNG of its first frame — those were written into the case folder whole, GPS included (a
security review). A BMP has no metadata, but no compression either: it becomes a PNG, the
same pixels in a tenth of the bytes or less (a 1920×1080 screenshot was kept at 6 MB in a
helper's trial, though the case folder goes into Git for every editor to download).
"""

from __future__ import annotations

import io
import warnings
import zlib

from PIL import Image, ImageCms, ImageOps

from ...case.imagerefs import PNG_SIGNATURE, crc_right, icc_text_tags, inflated, png_spans
from ...media.photos import Failure, eight_bit_grey, reduced, truncated_refused

# What a JPEG keeps: its tables, frame and scans, and of the application segments only
# JFIF (APP0), the colour profile (APP2 ICC_PROFILE) and Adobe's colour transform (APP14).
# Every other APPn and comment goes, wherever it stands, between the scans of a
# progressive JPEG too: a security review hid GPS in APP11 (C2PA/JUMBF), an ID number in
# APP4 and an EXIF block between two scans, and a drop-list of APP1/APP13/COM kept them.
_KEPT_APP = {0xE0, 0xEE}
_ICC = b"ICC_PROFILE\x00"
STANDALONE_MARKERS = {0x01, *range(0xD0, 0xD8)}  # TEM, RSTn: markers without a length


def _orientation(data: bytes) -> int:
    try:
        with Image.open(io.BytesIO(data)) as picture:
            return int(picture.getexif().get(0x0112, 1) or 1)
    except Exception:  # unreadable EXIF: upright
        return 1


def scan_end(data: bytes, index: int) -> int:
    """Where a scan's compressed data starting at ``index`` ends: at the next marker that is
    not a stuffed byte (FF 00), a restart marker (FF D0–D7) or a fill byte."""
    while True:
        found = data.find(b"\xff", index)
        if found < 0 or found + 1 >= len(data):
            return len(data)
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            index = found + 1 if following == 0xFF else found + 2
            continue
        return found


def strip_jpeg(data: bytes) -> bytes:
    """``data`` with only the segments a picture needs (``_KEPT_APP``): no EXIF (GPS), XMP,
    IPTC, C2PA or comments; the same bytes if it is no well-formed JPEG."""
    if not data.startswith(b"\xff\xd8"):
        return data
    orientation = _orientation(data)
    kept = bytearray(b"\xff\xd8")
    profile_spans: list[tuple[int, int]] = []
    index = 2
    scanned = False
    while True:
        if index >= len(data) and scanned:
            break  # cut short after a scan: kept as far as it goes, as before
        if index + 2 > len(data) or data[index] != 0xFF:
            return data  # not the JPEG we understand: leave it whole
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker == 0xD9:
            # The end of the picture: what follows — an MPO's second frame, a "motion
            # photo" video, a trailer — has its own EXIF and GPS, and is left out.
            kept += b"\xff\xd9"
            break
        if marker in STANDALONE_MARKERS:
            kept += data[index : index + 2]
            index += 2
            continue
        if index + 4 > len(data):
            return data
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if length < 2 or index + 2 + length > len(data):
            return data
        segment = data[index : index + 2 + length]
        application = 0xE0 <= marker <= 0xEF
        icc = marker == 0xE2 and segment[4:16] == _ICC
        if marker == 0xE0 and segment[4:9] != b"JFIF\x00":  # an APP0 that is not JFIF: free bytes (a red team's text)
            pass
        elif marker == 0xEE and segment[4:9] == b"Adobe" and length > 14:  # Adobe's 12 bytes, not what follows them
            kept += b"\xff\xee\x00\x0e" + segment[4:16]
        elif marker != 0xFE and (not application or marker in _KEPT_APP or icc):
            if icc:  # its profile bytes: after the marker, length, name, sequence number and count
                profile_spans.append((len(kept) + 18, len(kept) + len(segment)))
            kept += segment
        index += 2 + length
        if marker == 0xDA:  # start of scan: its compressed data, copied as it is
            end = scan_end(data, index)
            kept += data[index:end]
            index, scanned = end, True
    _blank_jpeg_profile(kept, profile_spans)
    if orientation != 1:
        exif = Image.Exif()
        exif[0x0112] = orientation
        payload = exif_segment_payload(exif)
        segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
        at = 2
        if kept[2:4] == b"\xff\xe0":  # after JFIF's APP0, where readers look for it
            at = 4 + int.from_bytes(kept[4:6], "big")
        kept[at:at] = segment
    return bytes(kept)


def exif_segment_payload(exif: Image.Exif) -> bytes:
    """An APP1 segment's payload for ``exif``: ``Exif\\0\\0`` and the TIFF header, once.
    Pillow's ``tobytes`` starts with the identifier already; the import added it a second
    time (``Exif\\0\\0Exif\\0\\0MM``), which Pillow forgives and Chromium does not: an
    imported photo taken sideways showed on its side in a browser (GitHub's view of the
    case folder), though upright on the site."""
    data = exif.tobytes()
    return data if data.startswith(b"Exif\x00\x00") else b"Exif\x00\x00" + data


# What a PNG keeps: the picture (image header, palette, data, animation frames) and what
# shows it right (transparency, gamma, colour profile, pixel size). Every other chunk goes:
# text, EXIF, time, C2PA (caBX) and private ones (a review hid an ID number in "prVt").
PNG_KEPT = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"iCCP",
    b"sBIT",
    b"bKGD",
    b"pHYs",
    b"acTL",
    b"fcTL",
    b"fdAT",
    b"cICP",
}
HEIC_QUALITY = 92  # the site makes its own renditions from it; this is the editor's copy


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]] | str:
    """A well-formed PNG's chunks (kind, whole chunk) up to IEND, or what is wrong (in Chinese)."""
    if not data.startswith(PNG_SIGNATURE):
        return "不是 PNG 文件"
    chunks = []
    for kind, start, end in png_spans(data):
        if end > len(data) or not crc_right(data, start, end):
            return "PNG 文件的结构不完整或不标准（可能已损坏）"
        chunks.append((kind, data[start:end]))
        if kind == b"IEND":
            return chunks
    return "PNG 文件不完整（被截断了）"


def strip_png(data: bytes) -> bytes:
    """``data`` without EXIF, XMP and text chunks; the same bytes if it is no well-formed PNG."""
    chunks = png_chunks(data)
    if isinstance(chunks, str):
        return data  # not the PNG we understand: leave it whole
    kept = bytearray(PNG_SIGNATURE)
    for kind, chunk in chunks:
        if kind == b"iCCP":
            kept += unnamed_profile(chunk[8:-4])
        elif kind in PNG_KEPT:
            kept += chunk
    return bytes(kept)


# The colour profile's name, free text any program may write (a security review found a
# phone number there, kept word for word): every profile kept is named this.
PROFILE_NAME = b"ICC profile"


def blank_profile_text(profile: bytes) -> bytes:
    """``profile`` (ICC) with the text of its tags of a text type blanked (zeros after the
    tag's type: an empty text of each type) and its ID cleared (computed over the old bytes);
    the colours are the same. A red team filled the description with a phone number in a
    JPEG's and a PNG's profile, which the import kept (a review: the viewing conditions too).
    A profile that is not one is returned as it is."""
    if len(profile) < 132:
        return profile
    out = bytearray(profile)
    for offset, size in icc_text_tags(profile):
        out[offset + 8 : offset + size] = bytes(size - 8)
    out[84:100] = bytes(16)  # the profile ID: "not computed"
    return bytes(out)


def _blank_jpeg_profile(kept: bytearray, spans: list[tuple[int, int]]) -> None:
    """The ICC profile of a JPEG (``kept``), spread over its APP2 segments (``spans``: each
    one's profile bytes in ``kept``), with its text blanked in place (the same length)."""
    if not spans:
        return
    blanked = blank_profile_text(b"".join(bytes(kept[start:end]) for start, end in spans))
    at = 0
    for start, end in spans:
        kept[start:end] = blanked[at : at + end - start]
        at += end - start


# an ICC profile is a few KB; one inflating past this is not read (a bomb), kept as it came
MAX_PROFILE_BYTES = 16 * 1024 * 1024


def inflated_profile(compressed: bytes) -> bytes | None:
    """An iCCP chunk's profile (after its name, NUL and method byte), or None when it is
    longer than ``MAX_PROFILE_BYTES``; zlib.error when it does not inflate."""
    return inflated(compressed, MAX_PROFILE_BYTES)


def unnamed_profile(body: bytes) -> bytes:
    """An iCCP chunk of ``body`` (name, NUL, method, compressed profile) under PROFILE_NAME,
    its profile's text blanked (``blank_profile_text``)."""
    _, _, rest = body.partition(b"\x00")
    try:
        profile = inflated_profile(rest[1:])
    except zlib.error:
        profile = None
    if profile is not None:  # else kept as it came, under the fixed name
        rest = rest[:1] + zlib.compress(blank_profile_text(profile))
    chunk = b"iCCP" + PROFILE_NAME + b"\x00" + rest
    return len(chunk[4:]).to_bytes(4, "big") + chunk + zlib.crc32(chunk).to_bytes(4, "big")


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
    if kind == "BMP":  # no metadata in the format, and no compression: the same pixels as a PNG
        return _again(data, "PNG")
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
    return _encoded(upright, profile, kind)


def _encoded(upright: Image.Image, profile: bytes | None, kind: str) -> tuple[bytes, str]:
    """``_again``'s encoding of a picture already upright and loaded."""
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
    upright.save(out, kind, icc_profile=blank_profile_text(profile) if profile else None, **options)
    return out.getvalue(), kind


def heic_to_jpeg(data: bytes) -> bytes:
    """A HEIC photo as an upright JPEG with its colour profile only (no EXIF, GPS or XMP)."""
    with truncated_refused(), Image.open(io.BytesIO(data)) as picture:
        profile = picture.info.get("icc_profile")
        upright = ImageOps.exif_transpose(picture).convert("RGB")
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=HEIC_QUALITY, icc_profile=blank_profile_text(profile) if profile else None)
    return out.getvalue()


# A phone's photo over the import's long side (options.py ``Options.import_photo_side``) is written
# smaller: at this quality a JPEG shows no loss at the size the site ever serves.
SHRUNK_QUALITY = 90
# A PNG reduced stays a PNG (a screenshot's or a chart's text stays sharp, as JPEG's blocks
# would not leave it) unless it is this many times the JPEG of it: then it is a photo saved
# as PNG, which would weigh several megabytes in the case folder as a PNG.
PNG_OVER_JPEG = 3


def worth_reducing(long_side: int) -> int:
    """The fewest bytes a reduction must save to be made: a tenth of what a photo at the
    bound weighs (3:2, a quarter of a byte a pixel): 170 KB at 3200 px. Less, a clone barely
    notices, and the picture would be encoded again for nothing (a review: a 45 KB
    screenshot 12,000 px long was reduced, and the report said it went from 0.0 MB to
    0.0 MB to help downloads)."""
    return long_side * (long_side * 2 // 3) // 4 // 10


def shrink(data: bytes, kind: str, max_pixels: int, long_side: int, canvas: int = 0) -> tuple[bytes, str, tuple[int, int]] | None:
    """``data``, a picture ``clean`` wrote (of ``kind``) whose long side is over ``long_side``,
    decoded as the site decodes its photos (``media.photos.reduced``: upright, sRGB, no
    metadata at all) and brought down to ``long_side``: its bytes, kind and size. A JPEG
    (or a HEIC, TIFF or WebP) becomes a JPEG; a PNG, GIF or BMP a PNG, or a JPEG when that
    is much smaller (``PNG_OVER_JPEG``). None when it cannot be decoded (the picture as it
    is goes on, to the check's own words) or would not save ``worth_reducing`` bytes.
    With ``canvas`` (a JPEG over ``max_pixels``, up to ``JPEG_PIXEL_LIMITS`` times it, which
    the site would refuse as it is) the reduction is always made, from ``data`` as sent:
    the new picture carries none of its metadata."""
    picture = reduced(data, max_pixels, long_side, canvas)
    if isinstance(picture, Failure):
        return None
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=SHRUNK_QUALITY, optimize=True, progressive=True)
    best, after = out.getvalue(), "JPEG"
    if kind in ("PNG", "GIF", "BMP"):
        out = io.BytesIO()
        picture.save(out, "PNG")
        if len(out.getvalue()) <= PNG_OVER_JPEG * len(best):
            best, after = out.getvalue(), "PNG"
    if not canvas and len(data) - len(best) < worth_reducing(long_side):
        return None
    return best, after, picture.size


# A JPEG is imported up to four times the site's pixel limit (``max_pixels``), reduced: it
# decodes at a quarter of its pixels or fewer (``media.photos.DRAFTED``), so no more is held
# than for a picture at the limit. Phones save 50 million pixels (8192×6144, over the default
# limit of 50 million) or 200 million (16320×12240) in their high-resolution modes; a
# community worker told “请缩小后再发来” has no tool to do it.
JPEG_PIXEL_LIMITS = 4


MAX_TIFF_PAGES = 30  # pages of one scanned TIFF imported as photos; a form or a sign-in sheet has a few
# The pixels of one TIFF's pages decoded, at most, in site pixel limits (``max_pixels``): four
# times 50 million is some twenty A4 pages scanned at 300 dpi. Each page is decoded and encoded
# again; 30 pages of 49 million pixels (a 2 MB file of blank pages) took 31 s and 350 MB.
TIFF_PIXEL_LIMITS = 4
_TURNS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_90,
}  # fmt: skip
# why a page is not imported: over the pixel limit; its data broken; its directory broken (the pages from it on)
TOO_MANY_PIXELS, UNREADABLE, LOST = "pixels", "unreadable", "lost"


def tiff_pages(data: bytes, max_pixels: int) -> tuple[list[bytes | str], int] | None:
    """None unless ``data`` is a TIFF of more than one page (a scanner's file of a form);
    else its first pages (at most ``MAX_TIFF_PAGES``, of at most ``TIFF_PIXEL_LIMITS`` times
    ``max_pixels`` together), each a JPEG (a PNG when it is transparent) of its own or why it is not
    (``TOO_MANY_PIXELS``: over ``max_pixels``, not decoded; ``UNREADABLE``: its data is
    broken; ``LOST``: its directory is, and no page after it can be found), and how many
    pages it has (counted up to one more: more than the pages returned, some were left). A broken page, or the directory after the fourth, made the
    whole file one photo of page 1, the others unsaid."""
    if data[:4] not in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return None
    with warnings.catch_warnings():  # a broken directory's "Corrupt EXIF data": the report says which page
        warnings.simplefilter("ignore", UserWarning)
        return _tiff_pages(data, max_pixels)


def _tiff_pages(data: bytes, max_pixels: int) -> tuple[list[bytes | str], int] | None:
    pages: list[bytes | str] = []
    count = decoded = 0
    with Image.open(io.BytesIO(data)) as image:
        try:
            image.seek(1)
        except EOFError:
            return None
        except Exception:  # a second directory that is not one: still a file of two pages at least
            pass
        while count < MAX_TIFF_PAGES:
            try:
                image.seek(count)
            except EOFError:
                return pages, count
            except Exception:  # a directory that is broken: no page after it can be found
                pages.append(LOST)
                return pages, count + 1
            width, height = image.size
            if width * height <= max_pixels and decoded + width * height > TIFF_PIXEL_LIMITS * max_pixels:
                break  # this page and the rest are left, said as pages over MAX_TIFF_PAGES are
            count += 1
            if width * height > max_pixels:
                pages.append(TOO_MANY_PIXELS)
                continue
            decoded += width * height
            try:
                pages.append(_page(image))
            except Exception:  # its data cut short or broken; the next page may be whole
                pages.append(UNREADABLE)
        try:
            image.seek(count)
            count += 1  # one more: there are more than MAX_TIFF_PAGES
        except Exception:
            pass
    return pages, count


def _page(image: Image.Image) -> bytes:
    """The current page of a TIFF as the picture ``clean`` makes of a TIFF (a JPEG, upright,
    with its colour profile only), encoded once: it was a TIFF of its own first, whose
    compression and decoding again took as long as the JPEG (a 31-page scan, 9 s of 15)."""
    with truncated_refused():
        image.load()  # a recent Pillow turns the page upright here and drops its Orientation; an older one leaves both
        page = image.copy()
    orientation = image.tag_v2.get(0x0112) if hasattr(image, "tag_v2") else None
    if orientation in _TURNS:
        page = page.transpose(_TURNS[orientation])
    return _encoded(page, image.info.get("icc_profile"), "JPEG")[0]
