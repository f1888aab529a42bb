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

import re
import zipfile
from pathlib import Path

from ..diagnostics import Diagnostic, DiagnosticList
from ..office import MAX_ZIP_MEMBERS
from . import pii
from .imagerefs import photo_metadata

MAX_BYTES = 8 * 1024 * 1024
MAX_UNPACKED = 8 * 1024 * 1024  # an office file's text parts, in all (a review's 190 KB .xlsx unpacked to 63 MB: 16 s, 2.5 GB)
TEXTS = frozenset({".txt", ".csv", ".tsv", ".json", ".xml", ".html", ".htm", ".yml", ".yaml", ".log", ".rtf", ".ini", ".vcf"})
OFFICE = frozenset({".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".odt", ".ods", ".odp", ".wps", ".et", ".dps"})
OLD_OFFICE = frozenset({".doc", ".xls", ".ppt"})
PHOTOS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".gif", ".tif", ".tiff"})
_TAG = re.compile(r"<[^>]*>")
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


def _office_text(path: Path) -> tuple[str, list[str]]:
    """The XML parts' text: paragraphs, cells and values apart (``_APART``), runs joined; and
    the 18-digit numbers stored in E notation (``stored_as_numbers``)."""
    parts, numbers, total = [], [], 0
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist()[:MAX_ZIP_MEMBERS]:
            if not info.filename.endswith(".xml") or info.file_size > MAX_UNPACKED - total:
                continue
            total += info.file_size
            with archive.open(info) as member:
                xml = member.read(info.file_size + 1).decode("utf-8", "replace")
                parts.append(_TAG.sub("", _APART.sub("\n\n", xml)))
                numbers += stored_as_numbers(xml) if "E+" in xml or "e+" in xml else []
    return "\n".join(parts), numbers


def file_text(path: Path) -> str | None:
    """The words of the file at ``path`` as its kind holds them; None for a kind not read
    (or a file that cannot be read: the check says nothing it has not looked at)."""
    return _file_words(path)[0]


def _file_words(path: Path) -> tuple[str | None, list[str]]:
    """``file_text``, and the ID numbers a spreadsheet stores as numbers (``cut_ids``)."""
    suffix = path.suffix.lower()
    try:
        if suffix in OFFICE:
            text, numbers = _office_text(path)
            return text, cut_ids(numbers)
        return _plain_words(path, suffix), []
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError):
        return None, []


def cut_ids(numbers: list[str]) -> list[str]:
    """Of 18-digit numbers a spreadsheet stored as numbers, those shaped as an ID number (a
    province code and a real date of birth where the standard puts them), each once: their
    last digits are lost, so the check digit says nothing."""
    return list(dict.fromkeys(n for n in numbers if pii.id_shape(n) is not None))


def _plain_words(path: Path, suffix: str) -> str | None:
    """The words of a file other than an office file (XML in a zip), by its kind."""
    if suffix in TEXTS:
        with path.open("rb") as stream:
            return _decoded(stream.read(MAX_BYTES)).replace("\t", "\n\n")  # a tab parts the columns of a table
    if suffix in OLD_OFFICE:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES)
        return data.decode("utf-16-le", "replace") + "\n" + data.decode("latin-1")
    if suffix in PHOTOS:
        return photo_metadata(path).text
    return None


_REMOVE = (
    "删掉这个文件（案例用不到的 Word 原稿、名单、表格都不必提交，网站也用不到它们）；确实要留的，先删掉里面的号码。"
    "这串数字不是号码（例如表格里的统计数字）时，同样把文件从 cases/ 里移走即可。"
)
_PUBLIC = "这个文件不会发布到网站上，但 cases/ 文件夹提交后，谁都能在仓库里下载到。"


def check_loose_file(path: Path, shown_name: str) -> list[Diagnostic]:
    """An error at the file for each personal number it holds."""
    diags = DiagnosticList(path)
    text, cut = _file_words(path)
    for line, number in pii.numbers_with_lines(text or ""):
        kind = {"mobile": ("mobile-number", "手机号码"), "id": ("id-number", "居民身份证号码")}.get(number.kind)
        if kind is None:
            continue
        diags.error(
            line if path.suffix.lower() in TEXTS else 1, kind[0], f"文件 {shown_name} 里有{kind[1]}（{number.masked}）。{_PUBLIC}", _REMOVE
        )
    for digits in cut:
        diags.error(
            1,
            "id-number",
            f"文件 {shown_name} 里有居民身份证号码（{digits[:6]}{'*' * 12}）：表格把它存成了数字，显示为 {digits[0]}.{digits[1:6]}E+17 这样，"
            f"后几位变成了 0，但前面的地区和出生日期仍是个人信息。{_PUBLIC}",
            _REMOVE,
        )
    return diags.items
