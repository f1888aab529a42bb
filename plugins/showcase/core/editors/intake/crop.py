"""Pictures cropped in Word, imported as Word shows them.

Word (and WPS, and LibreOffice when it saves a .docx or converts an old file) crops a
picture by keeping the whole picture in the file and writing how much to leave out of each
side: ``a:srcRect`` (l, t, r, b in thousandths of a percent) beside the picture, or
``croptop``/``cropbottom``/``cropleft``/``cropright`` on a VML ``v:imagedata``. A worker
who crops away the sign-in sheet or the faces at the edge of a photo sees them gone; the
import, which reads the picture's bytes, had the whole picture written into the (public)
case folder and published (a helper's trial: an ID number and a mobile number cut off in
Word were on the case page and its share card).

``cropped_parts`` gives each picture part of ``word/document.xml`` cut to what the document
shows of it. A part shown in several places is cut to the smallest rectangle holding every
place's view (shown whole anywhere, it is kept whole): nothing the author never showed.
The picture is turned upright first (its EXIF orientation, as viewers and Word show it),
and encoded again with its colour profile and nothing else.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from dataclasses import dataclass, field
from typing import Any

from PIL import Image, ImageOps

from ...office import document_parts
from .ooxml import _R, _W, MC_FALLBACK

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_VML_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
# text that is not on the page: deleted or moved away with 修订 on, the copy Word keeps for
# older programs (a text box is written twice); formtable.py reads the text by the same
NOT_SHOWN = frozenset({f"{_W}del", f"{_W}moveFrom", MC_FALLBACK})
# the quick test on the raw XML before anything is parsed
CROPPING = re.compile(rb"srcRect\b|crop(?:top|bottom|left|right)\s*=")
_SIDES = ("l", "t", "r", "b")
_VML_SIDES = ("cropleft", "croptop", "cropright", "cropbottom")
Box = tuple[float, float, float, float]  # the fractions left out at the left, top, right and bottom
_WHOLE: Box = (0.0, 0.0, 0.0, 0.0)


@dataclass
class Cropped:
    """What became of the pictures: each part's new bytes, and each new picture's original
    (by the SHA-256 of the new bytes: whether it was in the file as sent is asked of those)."""

    parts: dict[str, bytes]
    originals: dict[bytes, bytes]
    # the SHA-256 of each picture cropped to nothing wherever it is shown: not imported (a
    # review: kept as it was, the whole picture went in, the part the author hid included)
    empty: set[bytes] = field(default_factory=set)


def _fraction(value: str | None, scale: float) -> float:
    """One side's crop as a fraction of the picture: 0 when absent, unreadable or negative
    (a negative crop pads the picture out, it hides nothing)."""
    if not value:
        return 0.0
    try:
        if value.endswith("f"):
            number = float(value[:-1]) / 65536
        elif value.endswith("%"):
            number = float(value[:-1]) / 100
        else:
            number = float(value) / scale
    except ValueError:
        return 0.0
    if math.isnan(number):  # "NaN" is a float to Python: not a crop Word writes; hide all rather than nothing
        return 1.0
    return min(max(number, 0.0), 1.0)


def _box(element: Any, sides: tuple[str, str, str, str], scale: float) -> Box:
    left, top, right, bottom = (_fraction(element.get(side), scale) for side in sides)
    return left, top, right, bottom


def not_shown(node: Any) -> bool:
    """Whether ``node`` is not on the page: in the copy of a picture Word and LibreOffice
    write for older programs (mc:Fallback: the same picture as the one beside it, and
    LibreOffice writes that copy without the crop), or in text deleted or moved away with
    修订 on (the import takes no picture from there; a deleted whole copy of a picture shown
    cropped had the whole picture imported)."""
    return any(a.tag in NOT_SHOWN for a in node.iterancestors())


def _views(root: Any, targets: dict[str, str]) -> dict[str, list[Box]]:
    """Every picture part the document shows, with the box left out of it at each place."""
    views: dict[str, list[Box]] = {}
    for blip in root.iter(f"{_A}blip"):
        if not_shown(blip):
            continue
        part = targets.get(blip.get(f"{_R}embed") or "")
        if part is None:
            continue
        rect = blip.getparent().find(f"{_A}srcRect") if blip.getparent() is not None else None
        views.setdefault(part, []).append(_WHOLE if rect is None else _box(rect, _SIDES, 100000))
    for data in root.iter(_VML_IMAGEDATA):
        if not_shown(data):
            continue
        part = targets.get(data.get(f"{_R}id") or "")
        if part is not None:
            # VML writes a fraction (0.25), a 65536th (16384f), or a percentage
            views.setdefault(part, []).append(_box(data, _VML_SIDES, 1))
    return views


_NOTHING: Box = (1.0, 1.0, 1.0, 1.0)  # ``_shown``: every view leaves nothing of the picture


def _shown(boxes: list[Box]) -> Box | None:
    """The box left out of every view (the smallest rectangle holding each); None if none is
    (shown whole somewhere), ``_NOTHING`` if every view leaves nothing of it."""
    left, top, right, bottom = (min(sides) for sides in zip(*boxes, strict=True))
    if left + right >= 1 or top + bottom >= 1:
        return _NOTHING
    if not (left or top or right or bottom):
        return None
    return left, top, right, bottom


def _cut(data: bytes, box: Box, max_pixels: int) -> bytes | None:
    """The picture cut to ``box``, encoded again (JPEG stays JPEG, TIFF stays TIFF, which the
    import turns into a JPEG as it does any TIFF, its CMYK through its profile; anything else
    becomes PNG); ``b""`` when not a pixel of it is left; None for a picture Pillow cannot
    open or that is larger than the site takes (which the import refuses anyway, saying so)."""
    try:
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            if width * height > max_pixels:
                return None
            kind, profile = picture.format or "", picture.info.get("icc_profile")
            upright = ImageOps.exif_transpose(picture)
            width, height = upright.size
            left, top, right, bottom = box
            area = (round(width * left), round(height * top), round(width * (1 - right)), round(height * (1 - bottom)))
            if area[2] - area[0] < 1 or area[3] - area[1] < 1:
                return b""  # not a pixel left
            cut = upright.crop(area)
            out = io.BytesIO()
            options = {"icc_profile": profile} if profile else {}
            if kind in ("JPEG", "MPO") and cut.mode in ("RGB", "L", "CMYK"):
                cut.save(out, "JPEG", quality=95, **options)
            elif kind == "TIFF":  # any mode: a CMYK TIFF failed as a PNG and went in whole, uncut
                cut.save(out, "TIFF", compression="tiff_deflate", **options)
            else:
                cut.save(out, "PNG", **options)
            return out.getvalue()
    except Exception:  # not a picture Pillow reads (EMF, a broken one): the import words it
        return None


def picture_parts(archive: Any) -> dict[str, str]:
    """The pictures word/document.xml names (a .docx's zip ``archive``): relationship id ->
    the part in the zip holding the picture (not a linked one outside the file)."""
    return dict(document_parts(archive, "/image"))


def cropped_parts(archive: Any, document: Any, max_pixels: int) -> Cropped:
    """The picture parts of ``archive`` (a .docx's zip) that ``document`` (its
    word/document.xml, parsed) shows cropped, cut to what it shows."""
    result = Cropped({}, {})
    targets = picture_parts(archive)
    for part, boxes in _views(document, targets).items():
        box = _shown(boxes)
        if box is None:
            continue
        original = archive.read(part)
        if box == _NOTHING:
            result.empty.add(hashlib.sha256(original).digest())
            continue
        cut = _cut(original, box, max_pixels)
        if cut == b"":
            result.empty.add(hashlib.sha256(original).digest())
        elif cut is not None:
            result.parts[part] = cut
            result.originals[hashlib.sha256(cut).digest()] = original
    return result
