"""Personal numbers in files under ``cases/`` that no page shows: a case folder's unused files
(the organization's Word form, a list of names, a photo left out) and files that belong to
no case (a province folder's notes). None reaches the site, but the cases folder is
committed to a public repository: a red team's ``志愿者名单.csv`` with an ID and a mobile
number passed the check with one warning, or, beside the case folders, with none.

Text is read by the file's kind, within limits (a file is read to ``MAX_BYTES``, an office
file's XML parts to ``MAX_UNPACKED`` in all): plain text (UTF-8, GB 18030 or UTF-16), the XML
of Word, Excel, PowerPoint and OpenDocument files (and an ID number a spreadsheet stores as a
number, 4.4010619881212E+017, as its digits), an old Word or Excel file's bytes as UTF-16
and as single bytes, and a photo's metadata words (``imagerefs.photo_metadata``). A PDF's
text is compressed and is not read.
"""

from __future__ import annotations

import io
import lzma
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from ..diagnostics import UNSHOWABLE, Diagnostic, DiagnosticList
from ..office import MAX_ZIP_MEMBERS, member_name, no_file, too_many_members
from . import pii
from .imagerefs import photo_metadata

MAX_BYTES = 8 * 1024 * 1024
MAX_UNPACKED = 8 * 1024 * 1024  # an office file's text parts, in all (a review's 190 KB .xlsx unpacked to 63 MB: 16 s, 2.5 GB)
TEXTS = frozenset({".txt", ".csv", ".tsv", ".json", ".xml", ".html", ".htm", ".yml", ".yaml", ".log", ".rtf", ".ini", ".vcf"})
OFFICE = frozenset({".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".odp", ".wps", ".et", ".dps"})
OLD_OFFICE = frozenset({".doc", ".xls", ".ppt"})
PHOTOS = frozenset(
    {".jpg", ".jpeg", ".jfif", ".png", ".webp", ".heic", ".heif", ".avif", ".gif", ".tif", ".tiff"}
)  # the photo kinds of a case folder, an inbox (intake/importer) and a folder of a submission (collection/loading); .jfif: a JPEG as a Windows browser saves one
_TAG = re.compile(r"<[^>]*>")
# What reading a file that is broken inside raises: a zip's member whose compressed data is
# damaged raised zlib's or lzma's own error, and the check stopped with a traceback.
_BROKEN = (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError)
# Where a paragraph, a table cell or a spreadsheet value ends: apart, as two line ends (a
# number is never read across them); inside a paragraph Word splits its text into runs,
# which join as written (a number over two runs is one number). A review's table row
# 2024 | 156 | 2360 | 4100 read as the mobile number 156 2360 4100.
_APART = re.compile(r"</(?:w:p|w:tc|a:p|text:p|text:h|table:table-cell|si|c|v|t|is)>|<w:tab/>|<w:br/>|<text:tab/>", re.I)


def _decoded(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


# A whole number of 18 digits in E notation, as a spreadsheet writes a cell's value (LibreOffice
# 1.10101199003071E+017, Excel 1.10101199003071E+17; an .ods's office:value too): a resident ID
# number typed into a cell as a number, which keeps its first 15 digits and shows as 1.10101E+17.
# A list of names with such a column passed the check: no 18-digit number is written there.
_E_NUMBER = re.compile(r"(?<![0-9A-Za-z.+-])([1-9])\.([0-9]{1,17})[Ee]\+?0*17(?![0-9A-Za-z.])")


def stored_as_numbers(xml: str) -> list[str]:
    """The 18-digit whole numbers ``xml`` writes in E notation, in digits (1.10101199003071E+017
    is 110101199003071000)."""
    return [(first + rest).ljust(18, "0") for first, rest in _E_NUMBER.findall(xml)]


def _office_text(source: Path | IO[bytes], budget: int = MAX_UNPACKED) -> tuple[str, list[str]]:
    """The XML parts' text: paragraphs, cells and values apart (``_APART``), runs joined; and
    the 18-digit numbers stored in E notation (``stored_as_numbers``). At most ``budget``
    bytes of XML are read."""
    parts, numbers, total = [], [], 0
    if too_many_members(source):
        raise TooLarge  # read whole by zipfile: a .docx of 400,000 parts in 31 MB took 235 MB
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist()[:MAX_ZIP_MEMBERS]:
            if not info.filename.endswith(".xml") or info.file_size > budget - total:
                continue
            total += info.file_size
            with archive.open(info) as member:
                xml = member.read(info.file_size + 1).decode("utf-8", "replace")
                parts.append(_TAG.sub("", _APART.sub("\n\n", xml)))
                numbers += stored_as_numbers(xml) if "E+" in xml or "e+" in xml else []
    return "\n".join(parts), numbers


class TooLarge(ValueError):
    """An office file of more parts than any Word or Excel file has."""


def _file_words(path: Path) -> tuple[str | None, list[str]]:
    """The words of the file at ``path`` as its kind holds them (None for a kind not read,
    or a file that cannot be read: the check says nothing it has not looked at), and the
    ID numbers a spreadsheet stores as numbers (``cut_ids``)."""
    suffix = path.suffix.lower()
    try:
        if suffix in OFFICE:
            text, numbers = _office_text(path)
            return text, cut_ids(numbers)
        return _plain_words(path, suffix), []
    except _BROKEN:
        return None, []


def cut_ids(numbers: list[str]) -> list[str]:
    """Of 18-digit numbers a spreadsheet stored as numbers, those shaped as an ID number (a
    province code and a real date of birth where the standard puts them), each once: their
    last digits are lost, so the check digit says nothing."""
    return list(dict.fromkeys(n for n in numbers if pii.id_shape(n) is not None))


def _plain_words(path: Path, suffix: str) -> str | None:
    """The words of a file other than an office file (XML in a zip), by its kind."""
    if suffix in PHOTOS:
        return photo_metadata(path).text
    if suffix in TEXTS or suffix in OLD_OFFICE:
        with path.open("rb") as stream:
            return _bytes_words(stream.read(MAX_BYTES), suffix)
    return None


def _bytes_words(data: bytes, suffix: str) -> str | None:
    """The words of a plain-text file's or an old Word or Excel file's bytes."""
    if suffix in TEXTS:
        return _decoded(data).replace("\t", "\n\n")  # a tab parts the columns of a table
    if suffix in OLD_OFFICE:
        return data.decode("utf-16-le", "replace") + "\n" + data.decode("latin-1")
    return None


# -- archives ---------------------------------------------------------------------------

# Photos are forwarded as a zip (WeChat, e-mail): in a case folder one shows nothing and is
# public once committed. The site never unpacks one; the check reads a .zip's list of names,
# and its files' words as a loose file's (within the limits above, for all its files together;
# nothing is written to disk, so a member's path goes nowhere). A .rar or .7z is not opened.
ARCHIVES = frozenset({".zip", ".rar", ".7z"})
MAX_MEMBER_BYTES = 2 * 1024 * 1024  # of one file inside: a list of names is kilobytes; a huge one leaves the rest a share


@dataclass
class ArchiveLook:
    """What the check saw of an archive."""

    photos: list[str] = field(default_factory=list)  # member names, as their maker wrote them
    others: list[str] = field(default_factory=list)
    closed: str = ""  # why its files were not read: a .rar, a password, too many files, broken
    words: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (member, text, ID numbers stored as numbers)


def look_into(path: Path) -> ArchiveLook:
    """The names in the archive at ``path`` and the words of its files (``_file_words``' kinds)."""
    look = ArchiveLook()
    if path.suffix.lower() != ".zip":
        look.closed = f"检查打不开 {path.suffix.lower()} 压缩包，不知道里面有什么"
        return look
    try:
        if too_many_members(path):
            look.closed = f"里面的文件超过 {MAX_ZIP_MEMBERS} 个，检查没有打开它"
            return look
        with zipfile.ZipFile(path) as archive:
            _read_members(archive, look)
    except _BROKEN:
        look.closed = "压缩包已损坏，检查打不开它"
    return look


def _read_members(archive: zipfile.ZipFile, look: ArchiveLook) -> None:
    """The names of ``archive``'s files, and the words of those of a kind read: a text file's
    first ``MAX_MEMBER_BYTES``, an office file of at most ``MAX_BYTES`` (a zip of its own,
    read whole or not at all), all within ``MAX_UNPACKED``; what is not read is said."""
    budget, unread = MAX_UNPACKED, []
    for info in archive.infolist()[:MAX_ZIP_MEMBERS]:
        name = member_name(info)
        if no_file(info) or name.rsplit("/", 1)[-1].startswith(".") or "__MACOSX/" in name:
            continue
        suffix = PurePosixPath(name).suffix.lower()
        (look.photos if suffix in PHOTOS else look.others).append(name)
        if suffix not in TEXTS | OFFICE | OLD_OFFICE:
            continue
        shown = _shown(name)
        if info.flag_bits & 0x1:  # a password: the names are readable, the files not
            unread.append(f"{shown}（设了密码）")
            continue
        if budget <= 0 or (suffix in OFFICE and info.file_size > MAX_BYTES):
            unread.append(f"{shown}（太大）")
            continue
        try:
            with archive.open(info) as member:  # never more than asked, whatever the header claims
                data = member.read(MAX_BYTES + 1 if suffix in OFFICE else min(budget, MAX_MEMBER_BYTES))
            if suffix in OFFICE:
                if len(data) > MAX_BYTES:
                    unread.append(f"{shown}（太大）")
                    continue
                text, numbers = _office_text(io.BytesIO(data), budget)
                budget -= len(text.encode())
                look.words.append((name, text, cut_ids(numbers)))
            else:
                budget -= len(data)
                look.words.append((name, _bytes_words(data, suffix) or "", []))
        except TooLarge:
            unread.append(f"{shown}（太大）")
        except _BROKEN:
            unread.append(f"{shown}（已损坏）")
    if unread:
        look.closed = f"检查没有读到 {_some(unread)}里的文字"


_REMOVE = (
    "删掉这个文件（案例用不到的 Word 原稿、名单、表格都不必提交，网站也用不到它们）；确实要留的，先删掉里面的号码。"
    "这串数字不是号码（例如表格里的统计数字）时，同样把文件从 cases/ 里移走即可。"
)
_PUBLIC = "这个文件不会发布到网站上，但 cases/ 文件夹提交后，谁都能在仓库里下载到。"


def check_loose_file(path: Path, shown_name: str) -> list[Diagnostic]:
    """An error at the file for each personal number it holds (for an archive, each number
    in the names and files inside it)."""
    if path.suffix.lower() in ARCHIVES:
        return check_archive(path, shown_name, in_case=False)
    diags = DiagnosticList(path)
    text, cut = _file_words(path)
    _numbers(diags, f"文件 {shown_name} ", text or "", cut, None if path.suffix.lower() in TEXTS else 1)
    return diags.items


MAX_NUMBERS_SAID = 20  # of one file; the rest in one more error: a list of 700,000 numbers printed 700,000 errors, 1.7 GB


def _numbers(diags: DiagnosticList, where: str, text: str, cut: list[str], line: int | None) -> None:
    """An error for each mobile and ID number in ``text`` and each ID number in ``cut``; at
    the number's line, or at ``line``; after ``MAX_NUMBERS_SAID`` of them, one for the rest."""
    kinds = {"mobile": ("mobile-number", "手机号码"), "id": ("id-number", "居民身份证号码")}
    found: list[tuple[int, pii.Number | str]] = [(line or at, n) for at, n in pii.numbers_with_lines(text) if n.kind in kinds]
    found += [(1, digits) for digits in cut]
    for at, number in found[:MAX_NUMBERS_SAID]:
        if isinstance(number, str):
            diags.error(
                at,
                "id-number",
                f"{where}里有居民身份证号码（{number[:6]}{'*' * 12}）：表格把它存成了数字，显示为 {number[0]}.{number[1:6]}E+17 这样，"
                f"后几位变成了 0，但前面的地区和出生日期仍是个人信息。{_PUBLIC}",
                _REMOVE,
            )
        else:
            code, kind = kinds[number.kind]
            diags.error(at, code, f"{where}里有{kind}（{number.masked}）。{_PUBLIC}", _REMOVE)
    if len(found) > MAX_NUMBERS_SAID:
        at, number = found[MAX_NUMBERS_SAID]
        diags.error(
            at,
            "id-number" if isinstance(number, str) else kinds[number.kind][0],
            f"{where}里还有 {len(found) - MAX_NUMBERS_SAID} 个手机号码或居民身份证号码（上面只列出了前 {MAX_NUMBERS_SAID} 个）。{_PUBLIC}",
            _REMOVE,
        )


def check_archive(path: Path, shown_name: str, *, in_case: bool = True, numbers: bool = True) -> list[Diagnostic]:
    """An archive no page shows: in a case folder (``in_case``), a reminder at the file of
    what it holds and how to unpack it; with ``numbers``, an error for each personal number
    in the names and files inside it."""
    diags = DiagnosticList(path)
    look = look_into(path)
    if in_case:
        photos, others = ([_shown(name) for name in names] for names in (look.photos, look.others))
        held = "、".join(
            part
            for part in (
                f"{len(photos)} 张照片（{_some(photos)}）" if photos else "",
                f"{len(others)} 个其他文件（{_some(others)}）" if others else "",
            )
            if part
        )
        seen = f"里面有 {held}" if held else "里面没有文件" if not look.closed else ""
        closed = f"{look.closed}。" if look.closed else ""
        masked = pii.mask_numbers(shown_name)[0]  # in the hint too (a mutation audit: a number in the name was whole there)
        diags.warning(
            1,
            "case-archive",
            f"案例文件夹里有压缩包 {masked}{'，' + seen if seen else ''}。{closed}"
            "网站不会打开压缩包：里面的照片不会出现在网站上；压缩包本身也不会发布，但案例文件夹提交后，谁都能在仓库里下载到。",
            f"先解压（Windows：右键 {masked} →“全部解压缩”；Mac：双击它），把要用的照片放进案例文件夹（与 index.md 放在一起），"
            f"插进正文：![说明]({_first_photo(photos)})；然后删掉压缩包和用不到的文件（名单、申报表等）。",
        )
    if numbers:
        names = "\n\n".join(look.photos + look.others)
        for where, text, cut in [("文件名", names, []), *look.words]:
            inside = f"压缩包 {shown_name} 里的{where}" if where == "文件名" else f"压缩包 {shown_name} 里的 {_shown(where)} "
            _numbers(diags, inside, text, cut, 1)
    return diags.items


# Control characters (an escape sequence that clears the terminal or colours what follows,
# a line end) and direction marks in a member's name, as a message shows it: a name is the
# zip maker's bytes, and one of 60,000 characters was printed whole, three times.
_UNSHOWN = re.compile(f"[\t\n{UNSHOWABLE}]+")
MAX_NAME_SHOWN = 60


def _shown(name: str) -> str:
    """A member's name in a message: its numbers starred, nothing unseen, not too long."""
    name = _UNSHOWN.sub("�", pii.mask_numbers(name)[0])
    return name if len(name) <= MAX_NAME_SHOWN else name[: MAX_NAME_SHOWN - 1] + "…"


def _some(names: list[str], shown: int = 3) -> str:
    return "、".join(names[:shown]) + (" 等" if len(names) > shown else "")


def _first_photo(photos: list[str]) -> str:
    """A photo's name as the body would write it once unpacked beside index.md."""
    name = photos[0].rsplit("/", 1)[-1] if photos else "photo1.jpg"
    return pii.mask_numbers(name)[0] if " " not in name else f"<{pii.mask_numbers(name)[0]}>"
