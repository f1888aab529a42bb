"""The pictures of a Word file: each written to the work folder as mammoth hands it over
(checked, its metadata cleaned, shrunk when long), those mammoth missed, the ones linked
to an address (never fetched), alt text a program wrote, and charts."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, UnidentifiedImageError

from ...case.imagerefs import cut_short, headers_only
from ...case.loosefiles import PHOTOS
from ...case.pii import quoted
from ...media.photos import DRAFTED
from ...options import DEFAULTS
from .crop import not_shown, picture_parts
from .ooxml import _R
from .photometa import JPEG_PIXEL_LIMITS, clean, shrink
from .provenance import Sent

if TYPE_CHECKING:
    import mammoth.documents


try:  # HEIC pasted from a phone
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - a dependency
    pass


# a format as phones and Windows name it (Pillow's HEIF is the phone's .heic)
_FORMAT_NAMES = {"HEIF": "HEIC", "MPO": "JPEG"}
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "BMP": "bmp", "TIFF": "tif", "HEIF": "heic"}


MAX_PICTURE_BYTES = 60 * 1024 * 1024


@dataclass
class Photo:
    name: str  # file name in the case folder
    source: str  # where it came from, for the report
    path: Path  # in the work folder
    alt: str = ""
    width: int = 0
    height: int = 0
    size: int = 0
    cover_hint: bool = False  # its file name says 封面
    original_size: int = 0  # over the import's long side, written smaller: its bytes as sent (else 0)


def unread_pictures(docx: Path | io.BytesIO, root: Any, seen: set[bytes]) -> list[bytes]:
    """The pictures the document shows that mammoth did not hand over (by their bytes, in
    document order): one grouped with its caption (组合) without the copy Word keeps for
    older programs was lost without a note in a helper's trial. Only pictures the text
    that was read holds: not one in text left out (hidden, deleted), nor a header's logo.
    ``root``: its word/document.xml, parsed."""
    import zipfile

    with zipfile.ZipFile(docx) as archive:
        targets = picture_parts(archive)
        found: list[bytes] = []
        done = set(seen)
        for node in root.iter("{*}blip", "{*}imagedata"):
            if not_shown(node):
                continue  # deleted, or Word's second copy for older programs
            part = targets.get(node.get(f"{_R}embed") or node.get(f"{_R}id") or "")
            if part is None:
                continue
            data = archive.read(part)
            digest = hashlib.sha256(data).digest()
            if digest not in done:
                done.add(digest)
                found.append(data)
    return found


def external_pictures(path: Path) -> int:
    """Pictures linked to an address instead of embedded (never fetched)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        try:
            rels = archive.read("word/_rels/document.xml.rels").decode("utf-8", "replace")
        except KeyError:
            return 0
    return sum(
        1 for rel in re.findall(r"<Relationship\b[^>]*>", rels) if 'TargetMode="External"' in rel and re.search(r'Type="[^"]*/image"', rel)
    )


# A picture's alt text (可选文字) its author never wrote: the file's name or path, which Word
# 2007/2010 and WPS fill in (C:\Users\<name>\Desktop\<folder>\IMG_….jpg), or the
# description Word 365 makes up (“图片包含 人物, 户外 描述已自动生成”). Taken as the photo's
# caption, it was published under the photo (a helper's trial: a user name and a folder
# named after a family on benefits).
_MACHINE_NAME = re.compile(
    r"^(?:[A-Za-z]:[\\/]|\\\\|/(?:Users|home|storage|sdcard|var|private)/)"  # a path
    # a picture file's name (微信图片_….jfif too): the photo kinds, and the bitmaps and drawings Word keeps
    r"|\.(?:" + "|".join(sorted(kind.lstrip(".") for kind in PHOTOS | {".bmp", ".emf", ".wmf"})) + r")$"
    # a camera's or a phone's name for a photo, without its extension (an organization's trial:
    # ![IMG_20230508_093012](photo2.jpg) under a photo of an .odt)
    r"|^(?:IMG|DSC[NF]?|PXL|MVIMG|VID|mmexport|Screenshot|微信图片|屏幕截图|截图)[ _-]?[\d_ -]{6,}$",
    re.IGNORECASE,
)


_MACHINE_WORDS = re.compile(
    r"描述已自动生成|自动生成的说明|AI 生成的内容可能不正确|[Dd]escription automatically generated|AI-generated content may be incorrect",
    re.IGNORECASE,
)


def machine_words(alt: str) -> str:
    """Word's own alt text as the report names it: a file's path or name is not repeated (its
    folders may name a family on benefits, which the page was kept clean of)."""
    return "照片在电脑上的文件名，不是说明" if _MACHINE_NAME.search(alt.strip()) else quoted(alt)


def machine_alt(alt: str) -> bool:
    """Whether a picture's alt text was written by the program rather than the author."""
    return _MACHINE_NAME.search(alt.strip()) is not None or _MACHINE_WORDS.search(alt) is not None


class Pictures:
    """mammoth's image callback: each picture written to the work folder as it comes."""

    def __init__(
        self,
        folder: Path,
        start: int = 0,
        max_pixels: int = DEFAULTS.max_image_pixels,
        sent: Sent | None = None,
        originals: dict[bytes, bytes] | None = None,
        empty: set[bytes] | None = None,
        long_side: int = DEFAULTS.import_photo_side,
    ) -> None:
        self.folder = folder
        self.long_side = long_side  # a photo longer than this is written this long (photometa.shrink)
        self.sent = sent  # a converted file: whether a picture is in the file as sent (provenance.py)
        self.originals = originals or {}  # a picture cut to its crop (crop.py), by its digest: the picture as sent
        self.empty = empty or set()  # the digests of pictures cropped to nothing (crop.py): not imported
        self.start = start  # pictures already named in this folder
        self.max_pixels = max_pixels  # the site's limit (check refuses more); nothing larger is decoded
        self.photos: list[Photo] = []
        self.notes: list[str] = []
        self.smaller: list[str] = []  # those of ``notes`` that say a photo was imported smaller
        self.count = 0
        self.linked = False  # a picture linked to a file or address outside was said
        self.seen: set[bytes] = set()  # the SHA-256 of every picture mammoth handed over
        self.machine: dict[str, str] = {}  # photo -> the alt text its program wrote (machine_alt), not used
        self.cropped: list[str] = []  # the photos cut to their crop in Word (crop.py), by name

    def __call__(self, image: mammoth.documents.Image) -> dict[str, str]:
        self.count += 1
        where = f"文中第 {self.count} 张图片"
        try:
            with image.open() as handle:
                data = handle.read(MAX_PICTURE_BYTES + 1)
                digest = hashlib.sha256(data)
                if len(data) > MAX_PICTURE_BYTES:  # the whole picture's digest, as unread_pictures takes it (a review)
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(chunk)
        except Exception:  # a linked picture mammoth may not open, a broken part
            self.notes.append(f"{where}是链接到文件外的图片，没有读取（从不下载）；请把照片本身粘贴进文件，或随文件发来。")
            self.linked = True
            return {"src": ""}
        self.seen.add(digest.digest())
        if digest.digest() in self.empty:
            self.notes.append(f"{where}在 Word 里被裁剪得什么也不剩（文件里看不见它），没有导入。")
            return {"src": ""}
        if self._too_large(data, where):
            return {"src": ""}
        photo = self.keep(data, where, image.content_type or "")
        if photo is None:
            return {"src": ""}
        if digest.digest() in self.originals and photo.name not in self.cropped:
            self.cropped.append(photo.name)  # named in the report (crop.py cut it)
        alt = " ".join((image.alt_text or "").split())
        if alt and machine_alt(alt):
            self.machine[photo.name] = alt
            alt = ""
        photo.alt = alt
        return {"src": photo.name, "alt": photo.alt}

    def _too_large(self, data: bytes, where: str) -> bool:
        if len(data) <= MAX_PICTURE_BYTES:
            return False
        self.notes.append(f"{where}超过 {MAX_PICTURE_BYTES // 1048576} MB，没有导入。")
        return True

    def keep_unread(self, data: bytes, where: str) -> Photo | None:
        """``keep`` for a picture mammoth did not hand over (``unread_pictures``): one over the
        size limit is said and not kept, as one mammoth hands over is."""
        return None if self._too_large(data, where) else self.keep(data, where)

    def keep(self, data: bytes, where: str, content_type: str = "") -> Photo | None:
        if self.sent is not None and not self.sent(self.originals.get(hashlib.sha256(data).digest(), data)):
            self.notes.append(
                f"{where}不在文件本身里（文件只写了它在电脑上的位置），为安全起见没有读取；请把照片本身粘贴进文件，或随文件发来。"
            )
            return None
        try:
            with headers_only(), Image.open(io.BytesIO(data)) as picture:
                kind, (width, height) = picture.format or "", picture.size
                turned = kind in DRAFTED and picture.getexif().get(0x0112) in (5, 6, 7, 8)
                # an animated GIF or WebP: its first frame is kept (photometa.clean), said (an
                # organization's trial: a GIF of five frames became one PNG, the report silent);
                # an animated PNG keeps its frames (photometa.PNG_KEPT)
                frames = getattr(picture, "n_frames", 1) if kind in ("GIF", "WEBP") else 1
                if kind in ("WMF", "EMF") and width * height <= self.max_pixels:
                    picture.load()  # Pillow draws these only on Windows
                    buffer = io.BytesIO()
                    picture.save(buffer, "PNG")
                    data, kind = buffer.getvalue(), "PNG"
        except (UnidentifiedImageError, OSError, ValueError):  # Pillow's own pixel limit is lifted (headers_only): ours is below
            vector = "emf" in content_type or "wmf" in content_type or data[:4] in (b"\x01\x00\x00\x00", b"\xd7\xcd\xc6\x9a")
            if vector:
                self.notes.append(f"{where}是 EMF/WMF 矢量图，这里无法转换，没有导入；请另存为 JPG 或 PNG 后随文件发来。")
            elif not data:  # WeChat's 保存 before the original had arrived
                self.notes.append(
                    f"{where}是空文件（0 字节），没有导入：可能没有下载或保存完整（例如微信里原图还没加载完就保存了）；请对方重新发一份原图。"
                )
            else:  # a .jpg holding a web page, a document or a broken copy
                self.notes.append(
                    f"{where}不是图片文件{f'（{content_type}）' if content_type else ''}，或者已经损坏，没有导入："
                    "请用看图软件打开看看，打得开的另存为 JPG 后随文件发来，打不开的请对方重新发一份原图。"
                )
            return None
        extension = EXTENSIONS.get(kind)
        if extension is None:
            self.notes.append(f"{where}是 {kind} 格式，网站不能用，没有导入；请另存为 JPG 后随文件发来。")
            return None
        drafted = kind in DRAFTED and width * height <= JPEG_PIXEL_LIMITS * self.max_pixels
        if width * height > self.max_pixels and not drafted:  # check would refuse it; a HEIC of 19 KB decoded into 1 GB
            self.notes.append(
                f"{where}有 {width}×{height} 像素，超过网站的上限（{self.max_pixels // 10000} 万像素），没有导入；"
                f"请缩小（例如长边 {self.long_side} 像素左右）后随文件发来。"
            )
            return None
        if width * height > self.max_pixels:  # a phone's high-resolution mode: only its reduced copy
            return self._reduced(data, kind, where, (height, width) if turned else (width, height))
        try:
            cleaned, after = clean(data, kind)  # no GPS in the public cases folder: see photometa
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):  # cut short, broken inside
            self.notes.append(f"{where}无法读取（文件可能不完整或已损坏），没有导入；请重新发一份原图。")
            return None
        with Image.open(io.BytesIO(cleaned)) as upright:  # the header only
            width, height = upright.size
            if upright.getexif().get(0x0112) in (5, 6, 7, 8):  # turned a quarter: shown as the phone held it
                width, height = height, width
        if frames > 1:
            self.notes.append(
                f"{where}是动图（{frames} 帧），网站上的照片不会动：导入的是它的第一帧。"
                "要让读者看到活动的过程，请改发几张照片，或把过程写在正文里。"
            )
        before = len(data)
        data, extension = cleaned, EXTENSIONS[after]
        smaller = shrink(cleaned, after, self.max_pixels, self.long_side) if max(width, height) > self.long_side else None
        if smaller is not None:
            # A phone's original of 23 MB was committed as it came: the site shows 1600 px at most.
            data, extension = smaller[0], EXTENSIONS[smaller[1]]
            self._said_smaller(where, (width, height), before, smaller, kind)
            width, height = smaller[2]
        return self._write(data, extension, where, (width, height), before if smaller else 0)

    @staticmethod
    def digests(photos: list[Photo]) -> dict[bytes, Photo]:
        """``photos`` (a file's pictures, written) by the SHA-256 of each one's file, for ``keep_new``."""
        return {hashlib.sha256(p.path.read_bytes()).digest(): p for p in photos}

    def keep_new(self, data: bytes, where: str, known: dict[bytes, Photo]) -> tuple[Photo | None, Photo | None]:
        """``keep``, for a photo sent beside a file whose pictures are ``known`` (``digests``):
        (the photo written, None); or, when it comes out as the same bytes as one of them (the
        same cut: a worker pasted the photo and sent it too), (None, that picture): it is not
        written, the next photo takes its number, and nothing is said of its size (said of the
        picture in the file already). (None, None) when it is not kept (said in ``notes``)."""
        said = len(self.notes)
        photo = self.keep(data, where)
        if photo is None:
            return None, None
        same = known.get(hashlib.sha256(photo.path.read_bytes()).digest())
        if same is None:
            return photo, None
        photo.path.unlink()
        self.photos.remove(photo)
        del self.notes[said:]
        return None, same

    def _reduced(self, data: bytes, kind: str, where: str, size: tuple[int, int]) -> Photo | None:
        """A JPEG over the site's pixel limit (``JPEG_PIXEL_LIMITS``), written only as its
        reduced copy: a new picture, so none of its metadata."""
        smaller = shrink(data, kind, self.max_pixels, self.long_side, canvas=JPEG_PIXEL_LIMITS * self.max_pixels)
        if smaller is None:
            self.notes.append(f"{where}无法读取（文件可能不完整或已损坏），没有导入；请重新发一份原图。")
            return None
        self._said_smaller(where, size, len(data), smaller, kind)
        return self._write(smaller[0], EXTENSIONS[smaller[1]], where, smaller[2], len(data))

    def _said_smaller(self, where: str, size: tuple[int, int], before: int, smaller: tuple[bytes, str, tuple[int, int]], kind: str) -> None:
        # A phone's HEIC is written as a JPEG, which may take more bytes for fewer pixels: said
        # as such, not as a picture made smaller that grew (an editor's trial)
        converted = EXTENSIONS.get(kind) != EXTENSIONS[smaller[1]]
        sent = f"{_FORMAT_NAMES.get(kind, kind)} 格式，" if converted else ""
        written = f"、转成了 {smaller[1]} 格式" if converted else ""
        self.smaller.append(
            f"{where}有 {size[0]}×{size[1]} 像素（{sent}{before / 1024:.0f} KB），"
            f"导入时缩小成了 {smaller[2][0]}×{smaller[2][1]} 像素{written}（{len(smaller[0]) / 1024:.0f} KB）。"
        )
        self.notes.append(self.smaller[-1])

    def _write(self, data: bytes, extension: str, where: str, size: tuple[int, int], original_size: int) -> Photo | None:
        name = f"photo{self.start + len(self.photos) + 1}.{extension}"
        target = self.folder / name
        target.write_bytes(data)
        if cut_short(target):  # a JPEG or PNG copied only in part: check would refuse it
            target.unlink()
            self.notes.append(f"{where}不完整（文件被截断了，只有前面一部分），没有导入；请重新发一份原图。")
            return None
        photo = Photo(name, where, target, width=size[0], height=size[1], size=len(data), original_size=original_size)
        self.photos.append(photo)
        return photo


_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"


def count_charts(root: Any) -> int:
    """The charts the document shows (not deleted ones): mammoth reads none, and a chart of
    the figures went without a word in a helper's trial."""
    return sum(1 for node in root.iter(_CHART) if not not_shown(node))
