"""A case's photos lose their location and personal metadata in place, losslessly.

Cases arrive as pull requests with the photos as the phone saved them; the site's
renditions carry no metadata, but the case folder is committed to a public repository
with the originals (``image-location``, and a personal number in a photo's metadata:
``pii.NumberScan.photos``). ``showcase clean-photos`` is the editor's tool for them.

What a photo keeps is what ``showcase import`` keeps (``intake/photometa.py``): of a JPEG
its tables, frame and scans, JFIF, the colour profile (its text blanked, the colours the
same) and Adobe's colour transform, and of its EXIF the orientation alone; of a PNG the
chunks of its picture and of how to show it. Not a narrower drop-list (GPS and the text
tags the check reads): security reviews of the import found GPS, ID and phone numbers in
APP4, APP11 (C2PA), a non-JFIF APP0, between two scans, in a maker note and in the EXIF
thumbnail (which also shows a cropped photo uncropped), and a maker note cannot be edited
safely (its offsets point into the block Pillow would rewrite). The site shows none of it.
The picture is never decoded and encoded again: the compressed data are copied byte for
byte, and that is verified before anything is written.

A HEIC/HEIF, AVIF, WebP, TIFF or GIF cannot be cut like this with what is installed
(pillow-heif writes HEIC only by encoding again): it is left as it is and the report
says so, and how to save it again as a JPEG (``showcase import`` takes no photo alone).
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from ..cachefile import read_regular
from ..case.imagerefs import PNG_SIGNATURE, REMOVE_PHOTO_PROPERTIES, PhotoMetadata, cut_short, headers_only, photo_metadata
from ..case.pii import photo_numbers
from ..diagnostics import describe_os_error
from .intake.photometa import (
    PNG_KEPT,
    PROFILE_NAME,
    STANDALONE_MARKERS,
    blank_profile_text,
    inflated_profile,
    png_chunks,
    scan_end,
    strip_jpeg,
    unnamed_profile,
)

LOCATION = "拍摄地点（GPS 坐标）"
# What the editor running it can do with a photo it leaves as it is: showcase import takes a
# Word file, a zip or an inbox folder, never a photo in a case folder (it was named here).
RESAVE = (
    "请用看图软件（例如 Windows 的“画图”）打开它，另存为 JPEG 格式，把 index.md 里这张照片的文件名改成新的，"
    "删掉原来的文件，再运行一次 showcase clean-photos"
)
RESAVE_SAME = "请用看图软件（例如 Windows 的“画图”）打开它，另存一份替换原来的文件（文件名不变），再运行一次 showcase clean-photos"


@dataclass
class Outcome:
    """What became of one photo: ``removed`` what it lost (or would, in a dry run);
    ``problem`` why it was left as it is, with what to do (the photo still carries
    a location or a personal number); ``note`` a remark that is no problem."""

    shown: str
    removed: list[str] = field(default_factory=list)
    problem: str = ""
    note: str = ""


# -- finding the photos ---------------------------------------------------------------

_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".heic", ".heif", ".avif", ".tif", ".tiff", ".gif", ".bmp"}


def _kind(head: bytes) -> str | None:
    """The picture format a file's first bytes say, whatever its name."""
    if head[:3] == b"\xff\xd8\xff":
        return "JPEG"
    if head[:8] == PNG_SIGNATURE:
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        return "AVIF" if head[8:12] in (b"avif", b"avis") else "HEIC"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "TIFF"
    if head[:4] == b"GIF8":
        return "GIF"
    if head[:2] == b"BM":
        return "BMP"
    return None


def photos_in(given: Path) -> Iterator[tuple[Path, str]]:
    """Every file below the folder ``given`` (or ``given`` itself, a file), with the name
    the report gives it (relative to ``given``'s parent). Hidden folders (.git) are left
    out; symbolic links are yielded (the caller refuses them), never followed."""
    if not given.is_dir() or given.is_symlink():
        yield given, str(given)
        return
    for top, folders, files in os.walk(given, followlinks=False):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        here = Path(top)
        for name in sorted(files) + [f for f in folders if (here / f).is_symlink()]:
            if not name.startswith("."):
                yield here / name, str(here / name)


# -- JPEG --------------------------------------------------------------------------------


def _jpeg_parts(data: bytes) -> tuple[list[bytes], list[bytes], int] | None:
    """A well-formed JPEG's segments that are metadata (APPn, COM), those that are the
    picture (tables, frame, scans with their compressed data, restart markers, EOI), and
    the bytes after its end marker; None for a structure this does not follow."""
    metadata: list[bytes] = []
    picture: list[bytes] = []
    index = 2
    while index < len(data):
        if index + 2 > len(data) or data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker == 0xFF:
            index += 1
            continue
        if marker == 0xD9:
            picture.append(b"\xff\xd9")
            return metadata, picture, len(data) - index - 2
        if marker in STANDALONE_MARKERS:
            picture.append(data[index : index + 2])
            index += 2
            continue
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if index + 4 > len(data) or length < 2 or index + 2 + length > len(data):
            return None
        segment = data[index : index + 2 + length]
        index += 2 + length
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            metadata.append(segment)
        elif marker == 0xDA:
            end = scan_end(data, index)
            picture.append(segment + data[index:end])
            index = end
        else:
            picture.append(segment)
    return None  # no end marker: cut short


_XMP = (b"http://ns.adobe.com/xap/1.0/\x00", b"http://ns.adobe.com/xmp/extension/\x00")


def _jpeg_removed(before: list[bytes], after: list[bytes], trailer: int, data: bytes) -> list[str]:
    """What the metadata segments ``before`` held that ``after`` does not, in words."""
    said: list[str] = []

    def say(words: str) -> None:
        if words not in said:
            said.append(words)

    kept = set(after)
    for segment in before:
        if segment in kept:
            continue
        marker, payload = segment[1], segment[4:]
        if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
            if _exif_beyond_orientation(data):
                say("EXIF 信息（拍摄时间、相机型号、缩略图、说明和作者等）")
        elif marker == 0xE1 and payload.startswith(_XMP):
            say("XMP 信息")
        elif marker == 0xED:
            say("IPTC 信息（作者、说明、联系方式等）")
        elif marker == 0xFE:
            say("注释")
        elif marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00"):
            say("颜色配置文件里的文字说明（颜色不变）")
        elif not (marker == 0xE0 and payload.startswith(b"JFIF\x00")):
            say("其他附加数据")
    if trailer:
        say("照片结束之后附带的数据（多帧照片的第二张、动态照片的视频等，各有自己的拍摄地点）")
    return said


def _exif_beyond_orientation(data: bytes) -> bool:
    try:
        with headers_only(), Image.open(io.BytesIO(data)) as image:
            exif = image.getexif()
            return bool(set(exif) - {0x0112} or exif.get_ifd(0x8825))
    except Exception:  # an EXIF Pillow cannot read: it goes, and is said
        return True


def _orientation(data: bytes) -> int:
    try:
        with headers_only(), Image.open(io.BytesIO(data)) as image:
            return int(image.getexif().get(0x0112, 1))
    except Exception:  # unreadable: no orientation to compare
        return 0


def same_picture(old: bytes, new: bytes) -> bool:
    """Whether two JPEG or PNG files show the same picture: the same compressed picture data
    and orientation, whatever metadata each holds. After ``clean_photos`` a photo's file
    changed and its picture did not: pr-summary asked the reviewer to approve it again as a
    new photo (an editor's week)."""
    kind = _kind(old[:16])
    if kind != _kind(new[:16]):
        return False
    if kind == "JPEG":
        before, after = _jpeg_parts(old), _jpeg_parts(new)
        if before is None or after is None or before[1] != after[1]:
            return False
    elif kind == "PNG":
        pictured = _png_picture(old)
        if not pictured or pictured != _png_picture(new):
            return False
    else:
        return False
    return _orientation(old) == _orientation(new)


def clean_jpeg(data: bytes) -> tuple[bytes, list[str]] | str:
    """``data`` without its metadata (``strip_jpeg``) and what it lost, in words; or why
    it cannot be done without encoding the picture again."""
    before = _jpeg_parts(data)
    cleaned = strip_jpeg(data)
    after = _jpeg_parts(cleaned) if cleaned is not data else None
    if before is None or after is None:
        return "JPEG 文件的结构不完整或不标准（可能已损坏）"
    if before[1] != after[1] or after[2]:  # the picture's bytes must be the same, whatever happens
        return "去掉文件信息时画面数据会改变"
    if cleaned == data:
        return cleaned, []
    return cleaned, _jpeg_removed(before[0], after[0], before[2], data)


# -- PNG ---------------------------------------------------------------------------------

_PNG_WORDS = {
    b"eXIf": "EXIF 信息（拍摄时间、相机型号、说明和作者等）",
    b"tEXt": "文字信息（作者、说明、XMP 等）",
    b"zTXt": "文字信息（作者、说明、XMP 等）",
    b"iTXt": "文字信息（作者、说明、XMP 等）",
    b"tIME": "修改时间",
}


def _chunk(kind: bytes, body: bytes) -> bytes:
    return len(body).to_bytes(4, "big") + kind + body + zlib.crc32(kind + body).to_bytes(4, "big")


def clean_png(data: bytes) -> tuple[bytes, list[str]] | str:
    """``data`` with only the chunks of its picture and of how to show it (``PNG_KEPT``;
    the colour profile under a fixed name, its text blanked), copied byte for byte, and an
    EXIF of the orientation alone before the image data where it had one (else the picture
    would turn on its side); and what it lost, in words. Or why not."""
    chunks = png_chunks(data)
    if isinstance(chunks, str):
        return chunks
    orientation = 1
    for kind, chunk in chunks:
        if kind == b"eXIf":
            with contextlib.suppress(Exception):  # an EXIF that cannot be read: upright
                exif = Image.Exif()
                exif.load(chunk[8:-4])
                orientation = int(exif.get(0x0112, 1) or 1)
    kept = bytearray(PNG_SIGNATURE)
    said: list[str] = []
    turned = orientation == 1
    for kind, chunk in chunks:
        if kind == b"IDAT" and not turned:
            exif = Image.Exif()
            exif[0x0112] = orientation
            body = exif.tobytes()
            kept += _chunk(b"eXIf", body[6:] if body.startswith(b"Exif\x00\x00") else body)  # PNG's has no Exif header
            turned = True
        if kind == b"iCCP":
            if not _plain_profile(chunk):
                chunk = unnamed_profile(chunk[8:-4])
                said.append("颜色配置文件的名称和文字说明（颜色不变）")
            kept += chunk
        elif kind in PNG_KEPT:
            kept += chunk
        elif kind != b"eXIf" or _exif_beyond_orientation(data):
            words = _PNG_WORDS.get(kind, "其他附加数据")
            if words not in said:
                said.append(words)
    cleaned = bytes(kept)
    return (data, []) if cleaned == data else (cleaned, said)


def _plain_profile(chunk: bytes) -> bool:
    """Whether an iCCP chunk is one the import would write: under ``PROFILE_NAME``, its
    profile's text already blank (then it is kept as it is, not compressed again)."""
    name, _, rest = chunk[8:-4].partition(b"\x00")
    if name != PROFILE_NAME:
        return False
    try:
        profile = inflated_profile(rest[1:])
    except zlib.error:
        return True  # kept as it came by the import too
    return profile is not None and profile == blank_profile_text(profile)


_PNG_PICTURE = (b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"acTL", b"fcTL", b"fdAT", b"IEND")


def _png_picture(data: bytes) -> list[bytes]:
    """The chunks of a PNG's picture (header, palette, transparency, data, animation)."""
    chunks = png_chunks(data)
    return [] if isinstance(chunks, str) else [chunk for kind, chunk in chunks if kind in _PNG_PICTURE]


# -- one photo ---------------------------------------------------------------------------


def _held(metadata: PhotoMetadata) -> list[str]:
    """What the check warns of in a photo's metadata, in words: where it was taken, and a
    personal number (``pii.NumberScan.photos``, the same reading)."""
    held = [LOCATION] if metadata.location else []
    if metadata.text and photo_numbers(metadata.text):
        held.append("像是手机号码或身份证号码的数字")
    return held


def clean_photo(path: Path, shown: str, *, write: bool) -> Outcome | None:
    """Clean one file (``write`` False: only say what would go). None: not a picture."""
    outcome = Outcome(shown)
    if path.is_symlink():
        outcome.problem = "是一个符号链接（指向别处），没有处理。案例文件夹里不能有链接：请把文件本身复制进来，再运行一次。"
        return outcome
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            return None
        data = read_regular(path)
    except OSError as exc:
        if path.suffix.lower() not in _EXTENSIONS:
            return None
        outcome.problem = f"无法读取（{describe_os_error(exc)}），没有改动。"
        return outcome
    kind = _kind(data[:16])
    if kind is None:
        if path.suffix.lower() in _EXTENSIONS:
            outcome.problem = "无法识别为图片（可能已损坏或不是图片文件），没有改动。请用看图软件打开确认，再另存为 JPEG 或 PNG。"
            return outcome
        return None
    if kind in ("JPEG", "PNG") and cut_short(path):
        outcome.problem = "文件不完整（被截断了），没有改动。请从手机或相机重新导出这张照片，替换案例文件夹里的这个文件，再运行一次。"
        return outcome
    if kind == "BMP":
        return outcome  # no metadata in the format
    if kind not in ("JPEG", "PNG"):
        return _not_lossless(path, outcome, kind)
    result = clean_jpeg(data) if kind == "JPEG" else clean_png(data)
    if isinstance(result, str):
        outcome.problem = f"{result}，无法在不重新压缩画面的情况下去掉文件信息，没有改动。请确认照片完好：{RESAVE_SAME}。"
        return outcome
    cleaned, removed = result
    if cleaned == data:
        return outcome
    outcome.removed = _held(photo_metadata(path)) + removed  # as the check reads it: what it warned of, said first
    if kind == "PNG" and _png_picture(cleaned) != _png_picture(data):
        outcome.problem = f"去掉文件信息时画面数据会改变，没有改动。{RESAVE_SAME}。"
        return outcome
    if not outcome.removed:
        outcome.removed = ["其他附加数据"]
    if write:
        outcome.problem = _replace(path, cleaned, before)
    return outcome


def _not_lossless(path: Path, outcome: Outcome, kind: str) -> Outcome:
    """A HEIC, AVIF, WebP, TIFF or GIF: left as it is; a problem when it says where it
    was taken or holds a personal number (what the check reports of it)."""
    metadata = photo_metadata(path)
    held = _held(metadata)
    why = f"{kind} 格式的照片无法在不重新压缩画面的情况下去掉文件信息"
    if held:
        outcome.problem = f"带着{'和'.join(held)}。{why}，没有改动。{RESAVE}；或者请投稿人{REMOVE_PHOTO_PROPERTIES}，再重新提交这张照片。"
    elif metadata.text:
        outcome.note = f"没有拍摄地点。{why}（相机型号等），没有改动；要去掉它们，{RESAVE}。"
    return outcome


def _replace(path: Path, cleaned: bytes, before: os.stat_result) -> str:
    """Write ``cleaned`` over ``path`` whole or not at all: a temporary file in the same
    folder, checked (the location gone, the picture readable), then renamed over the photo,
    its permissions kept. Returns the problem ('' when written); the original is untouched then."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".", suffix=".tmp")
    except OSError as exc:
        return f"无法在它的文件夹里写入（{describe_os_error(exc)}），没有改动。"
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(cleaned)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(before.st_mode))
        if photo_metadata(Path(temporary)).location:
            raise _Refused("去掉之后仍然读得出拍摄地点")
        now = os.stat(path)
        if (now.st_size, now.st_mtime_ns, now.st_ino) != (before.st_size, before.st_mtime_ns, before.st_ino):
            raise _Refused("处理期间这个文件被别的程序改动了")
        os.replace(temporary, path)
    except _Refused as exc:
        _remove(temporary)
        return f"{exc}，没有改动。请再运行一次；仍然如此，{RESAVE_SAME}。"
    except OSError as exc:
        _remove(temporary)
        return f"无法写入（{describe_os_error(exc)}），没有改动。请确认文件没有被其他程序打开、有写入权限，再运行一次。"
    except BaseException:
        _remove(temporary)
        raise
    return ""


class _Refused(Exception):
    pass


def _remove(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def clean_photos(given: Path, *, write: bool) -> list[Outcome]:
    """Every photo below ``given`` (a folder, or one photo), cleaned or (``write`` False) looked at."""
    outcomes = []
    for path, shown in photos_in(given):
        outcome = clean_photo(path, shown, write=write)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def report(outcomes: list[Outcome], *, write: bool) -> str:
    """The report, a line a photo, in plain Chinese, and a summary."""
    lines = []
    changed = problems = 0
    for outcome in outcomes:
        if outcome.problem:
            problems += 1
            lines.append(f"✗ {outcome.shown}：{outcome.problem}")
        elif outcome.removed:
            changed += 1
            verb = "去掉了：" if write else "会去掉："
            lines.append(f"✓ {outcome.shown}：{verb}{'；'.join(outcome.removed)}。画面不变（没有重新压缩），照片方向和颜色保留。")
        elif outcome.note:
            lines.append(f"· {outcome.shown}：{outcome.note}")
        else:
            lines.append(f"· {outcome.shown}：没有需要去掉的信息。")
    if not outcomes:
        lines.append("这里没有照片。")
    else:
        done = f"{changed} 张去掉了文件信息" if write else f"{changed} 张可以去掉文件信息"
        left = f"，{problems} 张没有处理（见上面 ✗ 的说明）" if problems else ""
        lines.append(f"共 {len(outcomes)} 张照片：{done}{left}。")
        if not write:
            lines.append(
                "这是试运行（--dry-run），没有改动任何文件；去掉 --dry-run 再运行一次即可。"
                if changed
                else "这是试运行（--dry-run），没有改动任何文件。"
            )
        elif changed:
            lines.append("请提交改动后的照片（git add），再运行 showcase check 确认。")
    return "\n".join(lines)
