"""Images a case uses: found in the front matter and body, checked by header only."""

from __future__ import annotations

import contextlib
import os
import re
import stat as stat_module
import struct
import unicodedata
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from PIL import ExifTags, Image, ImageFile, PngImagePlugin, UnidentifiedImageError

from ..cachefile import open_regular
from ..diagnostics import DiagnosticList, describe_os_error
from ..options import DEFAULTS
from .model import ImageRef
from .yamlnodes import shorten

try:  # HEIC/HEIF from phones
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional at check time
    pass

# ![alt](src "title") and <img ... src="...">; a name with spaces as Python-Markdown reads it:
# ![alt](<照片 1.jpg>) or ![alt](照片 1.jpg), the title being a quoted last part; a name may
# hold balanced or escaped parentheses (照片(1).jpg, 照片\(1\).jpg). What this misses on one
# line (a description over two lines or with brackets) is
# read from Python-Markdown's own output (``bodyimages.find_shown_images``).
# Only ASCII spaces end a part of a name: Python-Markdown keeps a full-width or no-break space in it.

_UNSAFE_IN_URL = re.compile(r"[^a-z0-9_-]+")


def url_part(name: str) -> str:
    """A part of an image's file name as its published address writes it: lower case, each
    run of other characters one hyphen (志愿者138，1234.jpg is published as 138-1234-…).
    The personal-number check reads names in this form too (``pii.NumberScan.names``)."""
    return _UNSAFE_IN_URL.sub("-", name.lower()).strip("-")


_NAME_PART = r"(?:[^()\x20\t\n\r\f\v>\\]|\\.|\((?:[^()\x20\t\n\r\f\v>\\]|\\.)*\))"
_MD_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*(?:<(?P<angled>[^<>\n]+)>|"
    rf"(?P<src>{_NAME_PART}+(?:[ \t]+(?![\"']){_NAME_PART}+)*))"
    r"(?:\s+[\"'][^\"']*[\"'])?\s*\)"
)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # \( in a name is (, as Markdown reads it
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)'|(?P<src>[^\"'\s>]+))[^>]*>", re.IGNORECASE)
# The same, read in linear time (``_html_images``, ``_md_images``): a line of “<img ” and
# “src=a ” without a “>” took 89 s for the check, and “![” repeated 124 s (a security review).
_IMG_OPEN = re.compile(r"<img\b", re.IGNORECASE)
_MD_REST = re.compile(
    r"\(\s*(?:<(?P<angled>[^<>\n]+)>|"
    rf"(?P<src>{_NAME_PART}+(?:[ \t]+(?![\"']){_NAME_PART}+)*))"
    r"(?:\s+[\"'][^\"']*[\"'])?\s*\)"
)
_HTML_ALT = re.compile(r"\balt\s*=\s*[\"'](?P<alt>[^\"']*)[\"']", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
_ON_A_COMPUTER = re.compile(r"^(?:[a-zA-Z]:[\\/]|\\\\|file:)", re.I)  # C:\Users\…, \\server\…, file:///…
FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "HEIF", "AVIF", "BMP", "TIFF", "MPO"}


@contextlib.contextmanager
def headers_only() -> Iterator[None]:
    """Pillow's own pixel limit lifted, for reading a picture's header (its size, format,
    EXIF) without decoding it; the caller applies its own limit, in its own words (Pillow
    refused a 200-megapixel phone photo before its size could be read). Pillow's limit is
    one global: it is put back on leaving, whatever the block raised."""
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = previous


@dataclass(frozen=True)
class ImageLimits:
    max_pixels: int = DEFAULTS.max_image_pixels
    max_bytes: int = DEFAULTS.max_image_bytes
    long_side: int = DEFAULTS.import_photo_side  # the size a photo over the limit is asked to be (the import's)


def md_images(line: str) -> Iterator[tuple[int, str, str]]:
    """(start, alt, src) of each ``_MD_IMAGE`` match of ``line``, as its ``finditer`` gives
    them, in linear time. The alt runs to the first “]” after “![”: every start before that
    “]” reads the same rest, tried once for all of them (the leftmost start wins, as in the
    pattern). An address in <…> holds no < (CommonMark's rule): a run of “](<” is read once."""
    at = 0
    while (start := line.find("![", at)) >= 0:
        close = line.find("]", start + 2)
        if close < 0:
            return
        rest = _MD_REST.match(line, close + 1)
        if rest is None:
            at = close + 1  # no start before the “]” can match; one after it may
            continue
        src = rest.group("angled") or _MD_ESCAPE.sub(r"\1", rest.group("src"))
        yield start, line[start + 2 : close], src
        at = rest.end()


def _html_images(line: str) -> Iterator[tuple[str, str]]:
    """(tag, src) of each ``_HTML_IMAGE`` match of ``line``, as its ``finditer`` gives them:
    from each “<img”, the first “src=” before the next “>” whose value a “>” follows. When a
    start has none, neither has any other start before that “>” (their “src=” are its own)."""
    last = line.rfind(">")
    at = 0
    while (start := _IMG_OPEN.search(line, at)) is not None and start.start() < last:
        found = _HTML_IMAGE.match(line, start.start(), last + 1)
        if found is None:
            at = line.find(">", start.end()) + 1
            continue
        yield found.group(0), next(group for group in found.group("double", "single", "src") if group is not None)
        at = found.end()


def find_body_images(body: str, body_line: int) -> list[ImageRef]:
    """Image references in Markdown and raw HTML, with their file lines."""
    refs: list[ImageRef] = []
    if "![" not in body and "<img" not in body.lower():
        return refs
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        if "![" in line:
            for _, alt_text, src in md_images(line):
                refs.append(ImageRef(src.strip(), body_line + offset, alt_text.strip()))
        if "<" not in line:
            continue
        for tag, src in _html_images(line):
            alt = _HTML_ALT.search(tag)
            if src.strip():
                refs.append(ImageRef(src.strip(), body_line + offset, alt.group("alt").strip() if alt else ""))
    return refs


def _relative(src: str) -> PurePosixPath:
    """The file path a reference names: no query or fragment, percent-escapes decoded."""
    if "#" in src or "?" in src:
        src = src.split("#")[0].split("?")[0]
    return PurePosixPath(unquote(src) if "%" in src else src)


def resolve(folder: Path, src: str) -> Path | None:
    """The file inside ``folder`` that ``src`` names, or None if it leaves the folder.

    Also None when a symbolic link on the way points out of the folder.
    """
    relative = _relative(src)
    if relative.is_absolute() or ".." in relative.parts:
        return None
    base = os.fspath(folder)
    current = base
    for part in relative.parts:
        current = os.path.join(current, part)
        try:
            is_link = stat_module.S_ISLNK(os.lstat(current).st_mode)
        except (OSError, ValueError):
            break  # missing: the caller says so
        if is_link:
            try:
                inside = Path(os.path.realpath(os.path.join(base, *relative.parts))).is_relative_to(os.path.realpath(base))
            except (OSError, ValueError, RuntimeError):  # a link loop
                break
            if not inside:
                return None
            break
    return folder / relative


def check_images(
    folder: Path, refs: list[ImageRef], diags: DiagnosticList, limits: ImageLimits, *, ends: bool = True
) -> list[tuple[str, int, str]]:
    """Every image exists inside the case folder, opens as an image, fits the limits (and,
    with ``ends``, is not cut short and says not where it was taken). Returns the words
    the photos' metadata carries (src, line, text), for the personal-number check."""
    told: list[tuple[str, int, str]] = []
    checked: dict[str, bool] = {}
    for ref in refs:
        if not ref.is_cover and not ref.alt:
            diags.warning(
                ref.line,
                "image-alt",
                f"图片 {ref.src} 没有说明文字。",
                "在方括号里写一句图片说明，例如 ![志愿者为老人测血压](photo2.jpg)，方便视障读者。",
            )
        if ref.src in checked:
            continue
        checked[ref.src] = True
        if _ON_A_COMPUTER.match(ref.src):
            name = re.split(r"[\\/]", ref.src)[-1]
            diags.error(
                ref.line,
                "image-local-path",
                f"图片 {ref.src} 是自己电脑上的文件位置，网站上找不到它。",
                f"请把照片复制进这个案例的文件夹（与 index.md 放在一起），这里只写文件名，例如 {name or 'photo1.jpg'}。",
            )
            continue
        if ref.src[:5].lower() == "data:":  # pasted from a web editor: the picture itself, encoded as text
            diags.error(
                ref.line,
                "image-external",
                f"图片 {shorten(ref.src, 30)} 是直接写进文字里的一长串编码（data: 地址），网站不显示这样的图片。",
                "请把图片存成文件（例如 photo1.jpg）放进案例文件夹，用文件名引用，并删掉这一长串编码。",
            )
            continue
        if _EXTERNAL.match(ref.src):
            diags.error(
                ref.line, "image-external", f"图片 {ref.src} 是网络地址。", "请把图片文件放进案例文件夹，用文件名引用，例如 photo1.jpg。"
            )
            continue
        path = resolve(folder, ref.src)
        if path is None:
            relative = _relative(ref.src)
            if relative.is_absolute() or ".." in relative.parts:
                diags.error(
                    ref.line,
                    "image-outside",
                    f"图片路径 {ref.src} 跑到了案例文件夹外面。",
                    "图片放在 index.md 旁边，直接写文件名，例如 photo1.jpg。",
                )
            else:
                diags.error(
                    ref.line,
                    "image-outside",
                    f"图片 {ref.src} 是一个指向案例文件夹外面的链接（符号链接）。",
                    "请把图片文件本身复制到案例文件夹里，不要用链接。",
                )
            continue
        try:
            stat = path.stat()
            found = stat_module.S_ISREG(stat.st_mode)
        except (OSError, ValueError):  # missing, a link loop, a name the system refuses
            found = False
        if not found:
            diags.error(ref.line, "image-missing", f"找不到图片 {ref.src}。", _missing_hint(folder, ref.src))
            continue
        size = stat.st_size
        if size > limits.max_bytes:
            message, hint = too_many_bytes(size, limits.max_bytes)
            diags.error(ref.line, "image-too-large", f"图片 {ref.src} {message}", hint)
            continue
        problem, fmt = _open_header(path, limits)
        # by what the file is, not its name: a scan of 40 pages renamed .jpg showed page 1, unsaid
        pages = tiff_pages(path) if not problem and fmt == "TIFF" else 1
        if pages > 1:
            count = f"{pages} 页" if pages <= MAX_PAGES_COUNTED else f"{MAX_PAGES_COUNTED} 多页"
            diags.warning(
                ref.line,
                "image-pages",
                f"图片 {ref.src} 是一个多页的 TIFF 文件（共 {count}，扫描仪常这样存），网站只显示第 1 页，后面的页不会出现在网站上。",
                "要显示的每一页，请分别另存为一张 JPG（例如在扫描软件或 Windows 的“照片”“画图”里逐页另存），放进案例文件夹，"
                "分别插进正文：![说明](扫描件-2.jpg)；交给编辑用 showcase import 导入时，会自动拆成每页一张照片。",
            )
        if problem:
            diags.error(ref.line, problem[0], f"图片 {ref.src}：{problem[1]}", problem[2])
        elif ends and cut_short(path):
            diags.error(
                ref.line,
                "image-corrupt",
                f"图片 {ref.src}：文件不完整（被截断了），照片只有前面一部分。",
                "文件可能没有复制或上传完整：请从手机或相机重新导出这张照片，替换案例文件夹里的这个文件。",
            )
        elif ends and fmt == "PNG" and png_damaged(path):
            # the build decodes it and stops there: the check passed it (it read the header)
            diags.error(
                ref.line,
                "image-corrupt",
                f"图片 {ref.src}：图片数据损坏，网站生成时读不出它。",
                "请用原来的软件重新导出这张图片，或用“画图”打开后另存为 PNG 或 JPG，替换案例文件夹里的这个文件。",
            )
        elif ends:
            metadata = photo_metadata(path)
            if metadata.text:  # read for personal numbers by the caller (pii.NumberScan.photos)
                told.append((ref.src, ref.line, metadata.text))
            if not metadata.location:
                continue
            diags.warning(
                ref.line,
                "image-location",
                f"照片 {ref.src} 里带着拍摄地点（GPS 坐标）。网站上的照片会去掉它，但案例文件夹是公开的，原照片提交后谁都能下载。",
                f"提交前去掉：{REMOVE_PHOTO_PROPERTIES}；用微信发照片时不要勾选“原图”。{CLEAN_PHOTOS}",
            )
    return told


# What an editor runs on a pull request's case folder (``showcase clean-photos``): said by
# image-location and by a personal number in a photo's metadata (pii.py), after the worker's way.
# Not the folder itself: a case's diagnostics are kept in the case cache, whose key is the
# folder's absolute path, and a path relative to where the check ran would be kept with them.
CLEAN_PHOTOS = (
    "编辑：运行 showcase clean-photos <这个案例的文件夹>（即 index.md 所在的文件夹），"
    "照片原地去掉拍摄地点和个人信息，画面不变；HEIC、WebP 照片它改不了，会说明怎样另存为 JPEG。"
)

# How a worker removes a photo's metadata on Windows (its default choice makes a copy);
# said by image-location and by a personal number in a photo's metadata (pii.py).
REMOVE_PHOTO_PROPERTIES = (
    "在 Windows 里右键照片 →“属性”→“详细信息”→ 最下面的“删除属性和个人信息”→ 选“从此文件中删除以下属性”、点“全选”→“确定”"
)


@dataclass(frozen=True)
class PhotoMetadata:
    """What a photo file says about itself besides its picture."""

    location: bool = False  # EXIF or XMP GPS coordinates
    text: str = ""  # its words: EXIF description, author, copyright, comments; XMP; PNG text


# EXIF text tags: ImageDescription, Artist, Copyright, Windows' XPTitle … XPSubject (UTF-16)
_TEXT_TAGS = (0x010E, 0x013B, 0x8298, 0x9C9B, 0x9C9C, 0x9C9D, 0x9C9E, 0x9C9F)
_USER_COMMENT = 0x9286  # in the Exif IFD, after an 8-byte character code
_OWNER = 0xA430  # CameraOwnerName, in the Exif IFD (a security review hid a phone number there)


def _words(value: object, tag: int = 0) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, tuple)):
        data = bytes(value) if isinstance(value, tuple) else value
        if 0x9C9B <= tag <= 0x9C9F:
            return data.decode("utf-16-le", "replace")
        if tag == _USER_COMMENT:
            code, data = data[:8], data[8:]
            return _ucs2(data) if code.startswith(b"UNICODE") else data.decode("utf-8", "replace")
        return data.decode("utf-8", "replace")
    return ""


def _ucs2(data: bytes) -> str:
    """UserComment's UNICODE text. By its byte-order mark when it has one; else in both byte
    orders: the file's header should say which, but writers differ (a camera's big-endian
    file, Pillow's raw bytes), and a guess from the zero bytes read a comment of Han
    characters backwards (a review). The check looks for numbers, which read in one order only."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    return data.decode("utf-16-le", "replace") + "\n" + data.decode("utf-16-be", "replace")


def _iptc_words(image: ImageFile.ImageFile) -> list[str]:
    """IPTC's texts (by-line, caption, contact, …), which Photoshop and Lightroom write: a
    security review's phone number in the by-line passed, Pillow giving them as a dict."""
    from PIL import IptcImagePlugin

    found = IptcImagePlugin.getiptcinfo(image) if image.format in ("JPEG", "TIFF") else None
    words: list[str] = []
    for value in (found or {}).values():
        for item in value if isinstance(value, list) else [value]:
            words.append(_words(item))
    return words


# The EXIF tags people write words in, in each block (main, camera, GPS), beyond those
# above: DocumentName, Make, Model, Software, HostComputer; LensMake, LensModel; GPS's
# processing method and area. Not identifiers a camera writes (ImageUniqueID, serial
# numbers, a maker note): a review found a UUID there read as a phone number (E1835700-7023-…).
_MORE_TEXT_TAGS = {
    None: (0x010D, 0x010F, 0x0110, 0x0131, 0x013C),
    0x8769: (0xA433, 0xA434),
    0x8825: (0x001B, 0x001C),
}


def _every_text_tag(exif: Image.Exif) -> list[str]:
    """The words of ``_MORE_TEXT_TAGS`` and the thumbnail's (IFD1) description: a red team
    wrote a phone number in DocumentName, HostComputer, Software, Model, GPSAreaInformation
    and the thumbnail's description, none of them read before."""
    words = []
    for block, tags in _MORE_TEXT_TAGS.items():
        values = exif if block is None else exif.get_ifd(block)
        words += [_words(values.get(tag)) for tag in tags]
    with contextlib.suppress(KeyError, ValueError, TypeError, struct.error):  # a thumbnail block that cannot be read
        thumbnail = exif.get_ifd(ExifTags.IFD.IFD1)
        words += [_words(thumbnail.get(tag), tag) for tag in _TEXT_TAGS]
    return [word for word in words if word]


# The ICC profile's tags of a text type, whatever the tag (description, copyright, device,
# viewing conditions …): a red team's phone number in the description passed, a review's in
# the viewing conditions ('vued').
_ICC_TEXT_TYPES = (b"desc", b"text", b"mluc")


def icc_text_tags(profile: bytes) -> list[tuple[int, int]]:
    """(offset, size) of each tag of a text type in the ICC ``profile``, inside it: what the
    check reads (``_icc_words``) and the import blanks (``photometa.blank_profile_text``)."""
    if len(profile) < 132:
        return []
    (count,) = struct.unpack_from(">I", profile, 128)
    spans = []
    for index in range(min(count, 1000)):
        at = 132 + 12 * index
        if at + 12 > len(profile):
            break
        _, offset, size = struct.unpack_from(">4sII", profile, at)
        if size >= 8 and offset + size <= len(profile) and profile[offset : offset + 4] in _ICC_TEXT_TYPES:
            spans.append((offset, size))
    return spans


def _icc_words(profile: bytes | None) -> list[str]:
    """The text tags of an ICC profile, as ASCII and as UTF-16 (its ``mluc`` strings)."""
    words = []
    for offset, size in icc_text_tags(profile or b""):
        data = profile[offset : offset + min(size, 65536)] if profile else b""
        words += [data.decode("latin-1"), data.decode("utf-16-be", "replace")]
    return words


def _jpeg_segment_words(path: Path) -> list[str]:
    """What a JPEG's segments before its image data say that Pillow does not give: every
    comment (Pillow keeps the last), an APP0 that is not JFIF and the words after Adobe's
    APP14 header. Only those segments are read (each at most 64 KB); the others are skipped
    over. Not an extended XMP packet: a phone camera's depth map fills it with base64, whose
    digits may read as a number anywhere."""
    words = []
    try:
        with open_regular(path) as stream:
            if stream.read(2) != b"\xff\xd8":
                return []
            for _ in range(1000):  # segments before the image data: a few, a hundred at most in practice
                head = stream.read(4)
                if len(head) < 4 or head[0] != 0xFF or head[1] in (0xDA, 0xD9):  # the image data, or the end
                    break
                marker, size = head[1], struct.unpack(">H", head[2:])[0]
                if marker in (0xFE, 0xE0, 0xEE):
                    payload = stream.read(max(size - 2, 0))
                    if marker == 0xFE:
                        words.append(payload.decode("utf-8", "replace"))
                    elif (marker == 0xE0 and not payload.startswith((b"JFIF", b"JFXX"))) or (marker == 0xEE and payload[12:]):
                        words.append(payload[12:].decode("latin-1") if marker == 0xEE else payload.decode("latin-1"))
                else:
                    stream.seek(max(size - 2, 0), os.SEEK_CUR)
    except OSError:
        return []
    return words


def photo_metadata(path: Path) -> PhotoMetadata:
    """Where a photo was taken, and the words its metadata carries.

    Only ``showcase check`` asks (the build strips every photo it publishes and does not
    read this): the case folder is committed to a public repository with the original.
    """
    try:
        with headers_only(), Image.open(path) as image:  # the header check above has applied our limit
            exif = image.getexif()
            gps = exif.get_ifd(0x8825)
            words = [_words(exif.get(tag), tag) for tag in _TEXT_TAGS]
            inner = exif.get_ifd(0x8769)
            words += [_words(inner.get(_USER_COMMENT), _USER_COMMENT), _words(inner.get(_OWNER))]
            words += _every_text_tag(exif)
            words += _iptc_words(image)
            words += _icc_words(image.info.get("icc_profile"))
            if image.format == "JPEG":
                words += _jpeg_segment_words(path)
            info = {
                key: value
                for key, value in image.info.items()
                if key not in ("icc_profile", "exif", "dpi", "jfif", "jfif_version", "jfif_unit", "jfif_density")
            }
    except Exception:  # a header the check above let through but EXIF cannot be read: not judged here
        return PhotoMetadata()
    texts = [w for w in words if w] + [_words(value) for value in info.values() if isinstance(value, (str, bytes))]
    text = "\n".join(texts)
    # EXIF's GPS block, or XMP's (an XMP packet is one of the texts)
    location = any(key in gps for key in (1, 2, 3, 4)) or "GPSLatitude" in text
    return PhotoMetadata(location=location, text=_IDENTIFIER.sub(" ", text))


# Identifiers programs write, no one's number: UUIDs (XMP's document and instance ids, which
# Photoshop and Lightroom write by the dozen) and long hexadecimal strings. Digits in them read
# as a phone number now and then (a review: xmp.did:E1835700-7023-… as 183****7023).
_IDENTIFIER = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}(?![0-9A-Za-z])|(?<![0-9A-Za-z])[0-9A-Fa-f]{24,}(?![0-9A-Za-z])"
)


_TAIL = 4096  # bytes: where a whole JPEG's end-of-image marker is found
_EOI = b"\xff\xd9"


def cut_short(path: Path) -> bool:
    """Whether a JPEG or PNG file ends before its image data does (a copy, upload or
    download cut off), which its header alone does not show (Pillow's WebP reader, which
    the header check uses, already refuses a WebP cut short).

    Costs a read of the file's last 4 KB: a whole JPEG ends with its end-of-image marker.
    Only a JPEG with something after that marker (the video a phone's "moving photo"
    appends, say) is read whole, to look for the marker after its first scan: inside
    the compressed data a 0xFF byte is never followed by 0xD9, so finding it there
    means the image is complete. A structure this does not follow is not judged (False):
    the build's full decode still refuses a broken photo.
    """
    try:
        with open_regular(path) as stream:
            size = os.fstat(stream.fileno()).st_size
            head = stream.read(12)
            if head[:3] == b"\xff\xd8\xff":
                stream.seek(max(0, size - _TAIL))
                if _EOI in stream.read():
                    return False
                stream.seek(0)
                data = stream.read()
                scan = _scan_start(data)
                return scan is not None and data.find(_EOI, scan) == -1
            if head[:8] == PNG_SIGNATURE:
                offset = 8
                while offset + 8 <= size:  # chunk by chunk to IEND, seeking over the data
                    stream.seek(offset)
                    chunk = stream.read(8)
                    if chunk[4:8] == b"IEND":
                        return False
                    offset += 12 + int.from_bytes(chunk[:4], "big")
                return True
    except OSError:
        return False
    return False


def png_damaged(path: Path) -> bool:
    """Whether a PNG (one ``cut_short`` found whole) holds what the build's decode refuses, as
    Pillow reads it: a chunk before the image data whose checksum is wrong (a byte changed in
    a copy), image data that does not inflate or gives fewer bytes than its header's picture
    needs, compressed text or a colour profile past Pillow's limits (a chunk of a few bytes
    that inflates to megabytes) or of a method it does not know. Not what Pillow lets pass (a
    review: a checksum after the image data, text that does not inflate). Read whole; the
    image data inflated as far as the picture needs, a megabyte at a time, nothing kept (what
    follows is not read by Pillow either: 1 MB of image data that inflated to 1 GB took 2 s, a
    file at the size limit a minute). False for a file this does not follow (the header check
    said what it is)."""
    try:
        with open_regular(path) as stream:
            data = stream.read()
    except OSError:
        return False
    need = _picture_bytes(data)
    if need is None:
        return False
    image = zlib.decompressobj()
    text_left = PngImagePlugin.MAX_TEXT_MEMORY
    seen_image = False
    try:
        for kind, start, end in png_spans(data):
            if end > len(data):
                return True
            body = data[start + 8 : end - 4]
            if not seen_image and kind != b"IDAT" and not crc_right(data, start, end):  # Pillow checks these only
                return True
            if kind == b"IDAT":
                seen_image = True
                pending = body
                while pending and need > 0:
                    need -= len(image.decompress(pending, min(need, 1 << 20)))
                    pending = image.unconsumed_tail
            elif kind == b"IEND":
                while need > 0 and not image.eof and (out := image.decompress(b"", min(need, 1 << 20))):
                    need -= len(out)  # what the stream held back
                return need > 0
            else:
                text = _text_size(kind, body)
                if text is None:
                    return True
                text_left -= text
                if text_left < 0:
                    return True
    except zlib.error:  # the image data's
        return True
    return False


def png_spans(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """Each chunk of a PNG's bytes ``data`` (signature first) up to its IEND: its kind, where
    it starts and where it ends (past ``data``'s end for a chunk cut short, the last then)."""
    start = len(PNG_SIGNATURE)
    while start + 12 <= len(data):
        kind = data[start + 4 : start + 8]
        end = start + 12 + int.from_bytes(data[start : start + 4], "big")
        yield kind, start, end
        if kind == b"IEND" or end > len(data):
            return
        start = end


def crc_right(data: bytes, start: int, end: int) -> bool:
    """Whether the chunk ``data[start:end]`` (``png_spans``) ends with its own checksum."""
    return zlib.crc32(data[start + 4 : end - 4]) == int.from_bytes(data[end - 4 : end], "big")


# PNG's colour types -> samples a pixel; its seven interlace passes (x, y, step across, step down)
_SAMPLES = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))


def _picture_bytes(data: bytes) -> int | None:
    """How many bytes a PNG's image data inflates to for the picture its header describes
    (each row's filter byte included), or None for no PNG header this follows."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR" or len(data) < 29:
        return None
    width, height, depth, colour, _, _, interlaced = struct.unpack(">IIBBBBB", data[16:29])
    if colour not in _SAMPLES or not width or not height:
        return None
    bits = _SAMPLES[colour] * depth
    passes = _ADAM7 if interlaced else ((0, 0, 1, 1),)
    total = 0
    for x, y, across, down in passes:
        columns, rows = -(-(width - x) // across), -(-(height - y) // down)
        if columns > 0 and rows > 0:
            total += rows * (1 + -(-(columns * bits) // 8))
    return total


def inflated(packed: bytes, most: int) -> bytes | None:
    """A PNG chunk's compressed text or profile inflated, or None when it is longer than
    ``most`` (a bomb: never inflated further); zlib.error when it does not inflate."""
    inflate = zlib.decompressobj()
    text = inflate.decompress(packed, most)
    return None if inflate.unconsumed_tail else text


def _inflated(packed: bytes) -> int | None:
    """How long compressed text or a profile is inflated: None past Pillow's limit for one
    chunk, 0 when it does not inflate (Pillow keeps it empty)."""
    try:
        text = inflated(packed, PngImagePlugin.MAX_TEXT_CHUNK)
    except zlib.error:
        return 0
    return None if text is None else len(text)


def _text_size(kind: bytes, body: bytes) -> int | None:
    """The text a chunk adds to Pillow's count (its MAX_TEXT_MEMORY), 0 for another kind;
    None for a chunk Pillow refuses: past its limits, or compressed by a method it does not know."""
    if kind == b"tEXt":
        return len(body.partition(b"\x00")[2])
    if kind in (b"zTXt", b"iCCP"):
        rest = body.partition(b"\x00")[2]
        if rest[:1] not in (b"", b"\x00"):  # a compression method Pillow does not know: refused
            return None
        size = _inflated(rest[1:])
        return None if size is None else size if kind == b"zTXt" else 0
    if kind == b"iTXt":
        _, _, rest = body.partition(b"\x00")
        if len(rest) < 2 or rest[0] == 0:
            return len(rest)
        if rest[1] != 0:  # compressed by another method: Pillow passes it by
            return 0
        parts = rest[2:].split(b"\x00", 2)
        return _inflated(parts[2]) if len(parts) == 3 else 0
    return 0


def _scan_start(data: bytes) -> int | None:
    """Where a JPEG's first scan starts, walking its segments (None at anything unusual)."""
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            return None
        kind = data[offset + 1]
        if kind == 0xFF:  # fill byte
            offset += 1
            continue
        if kind == 0xDA:
            return offset
        if kind in (0x01, 0xD8) or 0xD0 <= kind <= 0xD7:  # markers without a length
            offset += 2
            continue
        offset += 2 + int.from_bytes(data[offset + 2 : offset + 4], "big")
    return None


def _size_text(size: int) -> str:
    return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(size / 1024, 0.1):.1f} KB"


def in_a_sub_folder(folder: Path, name: str) -> str | None:
    """Where a file named ``name`` is below ``folder`` (``照片/photo1.jpg``), the first found; None if nowhere."""
    try:
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")):
            for found in sorted(sub.rglob(name)):
                if found.is_file():
                    return found.relative_to(folder).as_posix()
    except (OSError, ValueError):
        return None
    return None


def _missing_hint(folder: Path, src: str) -> str:
    parent = _relative(src.replace("\\", "/")).parent  # img/2.jpg: what img/ holds
    here = folder / parent if not parent.is_absolute() and ".." not in parent.parts else folder
    try:
        siblings = sorted(p.name for p in here.iterdir() if p.is_file() and p.name != "index.md")
    except (OSError, ValueError):
        siblings = []
    name = PurePosixPath(src.replace("\\", "/")).name
    if "\\" in src:
        return "路径里请用正斜杠 /，不要用反斜杠 \\，例如 img/photo2.jpg。"
    if name in siblings and ("#" in name or "?" in name):
        mark = "#" if "#" in name else "?"
        return f"文件名里的“{mark}”在网址里另有意思，网页找不到这个文件。请把 {name} 改名，去掉“{mark}”，正文里也照改。"
    spelled = spelled_as(folder, _relative(src).as_posix())
    if spelled is not None and spelled.lower() == _relative(src).as_posix().lower():
        return (
            f"文件名区分大小写，文件夹里有 {spelled}：这里请一字不差地写成 {spelled}（或者把文件改名）。"
            "Windows 和苹果电脑不分大小写，在那里看得到图片，网站上却找不到。"
        )
    if spelled is not None:
        return (
            f"文件夹里有 {spelled}，看起来和这里写的一样，其实有的字不同（全角和半角、多出的空格，或苹果电脑存文件名的另一种写法）。"
            "请把文件改名为只用英文字母和数字的名字（例如 photo1.jpg），这里也照样写。"
        )
    elsewhere = in_a_sub_folder(folder, name) if parent == PurePosixPath(".") else None
    if elsewhere is not None:  # 照片/photo1.jpg, written photo1.jpg (helper newH's trial: 文件夹里还没有图片文件)
        return f"照片在子文件夹里：{elsewhere}。请把它移出来，和 index.md 放在同一个文件夹里；或者这里照它的位置写成 {elsewhere}。"
    if siblings:
        return f"文件夹里现有：{'、'.join(siblings[:8])}{' 等' if len(siblings) > 8 else ''}。请检查文件名和扩展名。"
    return "文件夹里还没有图片文件，请把图片和 index.md 放在同一个文件夹里一起提交。"


def name_key(name: str) -> str:
    """A name as a computer that ignores case compares it (Windows, a Mac), full-width letters
    and the Mac's decomposed accents folded (NFKC), spaces about it dropped."""
    return unicodedata.normalize("NFKC", name).strip().lower()


def spelled_as(folder: Path, relative: str) -> str | None:
    """The path below ``folder`` that ``relative`` names on a computer that ignores case
    (``name_key``), as the folder spells it; None when there is none or it is ``relative`` itself."""
    current, parts = folder, []
    for part in relative.split("/"):
        if part in ("", "."):
            continue
        try:
            names = sorted(os.listdir(current))
        except (OSError, ValueError):
            return None
        key, lower = name_key(part), part.lower()
        chosen = (
            part
            if part in names
            else next((n for n in names if n.lower() == lower), None) or next((n for n in names if name_key(n) == key), None)
        )
        if chosen is None:
            return None
        parts.append(chosen)
        current = current / chosen
    spelled = "/".join(parts)
    return spelled if spelled and spelled != relative else None


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


# JPEG start-of-frame markers (not DHT C4, JPG C8, DAC CC)
_SOF = frozenset((0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF))
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# PNG colour type -> allowed bit depths
_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}


class _Window:
    """Reads a file in 8 KiB windows through one descriptor: few calls, no buffered objects."""

    SIZE = 8192

    def __init__(self, fd: int):
        self.fd, self.start, self.data = fd, 0, os.pread(fd, self.SIZE, 0)

    def read(self, offset: int, count: int) -> bytes:
        """``count`` bytes at ``offset``, fewer at the end of the file."""
        start = self.start
        if start <= offset and offset + count <= start + len(self.data):
            return self.data[offset - start : offset - start + count]
        if count > self.SIZE:
            return os.pread(self.fd, count, offset)
        self.start, self.data = offset, os.pread(self.fd, self.SIZE, offset)
        return self.data[:count]


def _fast_header(path: Path) -> tuple[str, int, int] | None:
    """Format and size of a well-formed JPEG or PNG, read from its header by hand.

    Pillow takes several times longer for the same answer. This walks the same
    structure Pillow's header reader does (JPEG markers up to the start of scan, PNG
    chunks up to the first IDAT) and gives up, returning None, at anything unusual:
    then Pillow decides, and words the problem.
    """
    if not hasattr(os, "pread"):  # Windows: Pillow reads the header there
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except (OSError, ValueError):
        return None
    try:
        window = _Window(fd)
        head = window.data[:8]
        if head[:3] == b"\xff\xd8\xff":
            return _fast_jpeg(window)
        if head == PNG_SIGNATURE:
            return _fast_png(window)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    return None


def _fast_jpeg(window: _Window) -> tuple[str, int, int] | None:
    offset, size = 2, None
    for _ in range(256):  # segments before the scan; a real file has a dozen
        marker = window.read(offset, 4)
        if len(marker) < 4 or marker[0] != 0xFF:
            return None
        kind, length = marker[1], int.from_bytes(marker[2:4], "big")
        if kind == 0xDA:  # start of scan: the header is complete
            return ("JPEG", *size) if size else None
        if length < 2 or kind in (0xD8, 0xD9, 0xFF, 0x00) or 0xD0 <= kind <= 0xD7:
            return None
        if kind in _SOF:
            frame = window.read(offset + 4, length - 2)
            if size is not None or len(frame) < 6 or frame[0] != 8 or frame[5] not in (1, 3, 4):
                return None
            height, width = int.from_bytes(frame[1:3], "big"), int.from_bytes(frame[3:5], "big")
            if not (width and height):
                return None
            size = (width, height)
        offset += 2 + length
    return None


def _fast_png(window: _Window) -> tuple[str, int, int] | None:
    ihdr = window.read(8, 25)
    if len(ihdr) < 25 or ihdr[:8] != b"\x00\x00\x00\x0dIHDR":
        return None
    if zlib.crc32(ihdr[4:21]) != int.from_bytes(ihdr[21:25], "big"):
        return None
    width, height = int.from_bytes(ihdr[8:12], "big"), int.from_bytes(ihdr[12:16], "big")
    depth, colour = ihdr[16], ihdr[17]
    if (
        not (0 < width < 2**31 and 0 < height < 2**31)
        or depth not in _PNG_DEPTHS.get(colour, ())
        or ihdr[18:21] not in (b"\0\0\0", b"\0\0\1")
    ):
        return None
    offset = 33
    for _ in range(256):  # chunks before the image data
        chunk = window.read(offset, 8)
        if len(chunk) < 8:
            return None
        if chunk[4:8] == b"IDAT":
            return "PNG", width, height
        if chunk[4:8] in (b"IHDR", b"IEND"):
            return None
        offset += 12 + int.from_bytes(chunk[:4], "big")
    return None


def _open_header(path: Path, limits: ImageLimits) -> tuple[tuple[str, str, str] | None, str | None]:
    """Read only the header: format and canvas size. (None, the format) when fine, else
    ((code, message, hint), the format if known)."""
    fast = _fast_header(path)
    if fast is not None:
        return _check_size(*fast, limits), fast[0]
    try:
        with headers_only(), Image.open(path) as image:  # we apply our own limit, with our own words
            fmt, (width, height) = image.format, image.size
    except UnidentifiedImageError:
        if _size(path) == 0:
            return ("image-bad", "文件是空的（0 字节）。", "请重新复制或导出这张图片。"), None
        return ("image-bad", "无法识别为图片，可能已损坏或不是图片文件。", "请用看图软件打开确认，再另存为 JPEG 或 PNG 格式。"), None
    except OSError as exc:
        if exc.errno is not None:  # the file itself could not be read
            return ("image-bad", f"无法读取文件（{describe_os_error(exc)}）。", "检查文件是否完整、有读取权限。"), None
        return ("image-bad", "图片文件不完整或已损坏。", "请重新复制或导出这张图片（例如用看图软件另存为 JPEG）。"), None
    except Exception:  # any decoder's complaint about a hostile header is a broken image, never a traceback
        return ("image-bad", "图片文件不完整或已损坏。", "请重新复制或导出这张图片（例如用看图软件另存为 JPEG）。"), None
    return _check_size(fmt, width, height, limits), fmt


MAX_PAGES_COUNTED = 100  # a TIFF's pages are counted up to this many (each costs a read of its directory)


def tiff_pages(path: Path) -> int:
    """How many pages (images) the TIFF file ``path`` holds (its header said TIFF: ``_open_header``),
    counted up to ``MAX_PAGES_COUNTED`` + 1: a scanner saves a form of several pages as one.
    1 for a file that cannot be read (the check's other tests say so)."""
    pages = 1
    try:
        with headers_only(), warnings.catch_warnings(), Image.open(path) as image:  # no page is decoded
            warnings.simplefilter("ignore", UserWarning)  # a broken directory's "Corrupt EXIF data", on the check's output
            while pages <= MAX_PAGES_COUNTED:
                image.seek(pages)
                pages += 1
    except Exception:  # EOFError after the last page; a broken directory after the first: the pages read so far
        pass
    return pages


def _check_size(fmt: str | None, width: int, height: int, limits: ImageLimits) -> tuple[str, str, str] | None:
    if fmt not in FORMATS:
        return ("image-bad", *unsupported_format(fmt))
    if width * height > limits.max_pixels:
        return ("image-pixels", *too_many_pixels(width, height, limits.max_pixels, limits.long_side, fmt))
    return None


def unsupported_format(fmt: str | None) -> tuple[str, str]:
    """The message and hint of a picture in a format the site does not publish, as the check
    (``image-bad``) and the build (``image-format``) say it."""
    return f"格式 {fmt} 不受支持。", "请转换为 JPEG、PNG 或 WebP。"


def too_many_pixels(
    width: int, height: int, max_pixels: int, long_side: int = DEFAULTS.import_photo_side, fmt: str | None = None
) -> tuple[str, str]:
    """The message and hint of a photo over the pixel limit, as the check and the build say
    it (``image-pixels``; an audit found two wordings, 5000 万 and 50 百万). ``width`` 0: unknown."""
    size = f"尺寸 {width}×{height}，共 {width * height / 1e4:.0f} 万像素，" if width else "像素数"
    # A phone's high-resolution mode is the usual cause, said in its words (an editor's week:
    # “解压炸弹” meant nothing to a community worker, and 4000 px was not the guide's size);
    # far beyond any camera, a damaged or made-up file.
    # A camera's format (``fmt``, None: not known) within a few times the limit: a phone's photo.
    camera = fmt in (None, "JPEG", "MPO", "HEIF") and width and width * height <= 5 * max_pixels
    why = "手机“高像素模式”拍的原图常这么大" if camera else "这么大的图片很少见，可能是损坏的文件"
    # the import shrinks a JPEG sent with the material (intake/pictures.py), and refuses the others
    imported = "；JPEG 照片随 Word 材料用 showcase import 导入时会自动缩小" if fmt in ("JPEG", "MPO") else ""
    return (
        f"照片太大：{size}超过网站的上限 {max_pixels / 1e4:.0f} 万像素（{why}）。",
        f"请把照片缩小到长边 {long_side} 像素左右再提交：手机发送时选“压缩”或“中等尺寸”，或在电脑上用画图工具“调整大小”{imported}。",
    )


def too_many_bytes(size: int, max_bytes: int) -> tuple[str, str]:
    """The message and hint of a photo over the byte limit, as the check and the build say
    it (``image-too-large``; they said 2.0 MB and 2 MB)."""
    return f"有 {_size_text(size)}，超过 {_size_text(max_bytes)} 的上限。", "请先用手机或电脑把照片缩小后再提交。"
