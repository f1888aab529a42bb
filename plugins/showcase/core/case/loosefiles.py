"""Personal numbers in files under ``cases/`` that no page shows: a case folder's unused files
(the organization's Word form, a list of names, a photo left out) and files that belong to
no case (a province folder's notes). None reaches the site, but the cases folder is
committed to a public repository: a red team's ``志愿者名单.csv`` with an ID and a mobile
number passed the check with one warning, or, beside the case folders, with none.

Text is read by the file's kind, within limits (a file is read to ``MAX_BYTES``, an office
file's XML parts to ``MAX_UNPACKED`` in all): plain text (UTF-8, GB 18030 or UTF-16), the XML
of Word, Excel, PowerPoint and OpenDocument files, an old Word or Excel file's bytes as UTF-16
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


def _office_text(path: Path) -> str:
    """The XML parts' text: paragraphs, cells and values apart (``_APART``), runs joined."""
    parts, total = [], 0
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist()[:MAX_ZIP_MEMBERS]:
            if not info.filename.endswith(".xml") or info.file_size > MAX_UNPACKED - total:
                continue
            total += info.file_size
            with archive.open(info) as member:
                xml = member.read(info.file_size + 1).decode("utf-8", "replace")
                parts.append(_TAG.sub("", _APART.sub("\n\n", xml)))
    return "\n".join(parts)


def file_text(path: Path) -> str | None:
    """The words of the file at ``path`` as its kind holds them; None for a kind not read
    (or a file that cannot be read: the check says nothing it has not looked at)."""
    suffix = path.suffix.lower()
    try:
        if suffix in TEXTS:
            with path.open("rb") as stream:
                return _decoded(stream.read(MAX_BYTES)).replace("\t", "\n\n")  # a tab parts the columns of a table
        if suffix in OFFICE:
            return _office_text(path)
        if suffix in OLD_OFFICE:
            with path.open("rb") as stream:
                data = stream.read(MAX_BYTES)
            return data.decode("utf-16-le", "replace") + "\n" + data.decode("latin-1")
        if suffix in PHOTOS:
            return photo_metadata(path).text
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError):
        return None
    return None


def check_loose_file(path: Path, shown_name: str) -> list[Diagnostic]:
    """An error at the file for each personal number it holds."""
    diags = DiagnosticList(path)
    for line, number in pii.numbers_with_lines(file_text(path) or ""):
        kind = {"mobile": ("mobile-number", "手机号码"), "id": ("id-number", "居民身份证号码")}.get(number.kind)
        if kind is None:
            continue
        diags.error(
            line if path.suffix.lower() in TEXTS else 1,
            kind[0],
            f"文件 {shown_name} 里有{kind[1]}（{number.masked}）。这个文件不会发布到网站上，但 cases/ 文件夹提交后，谁都能在仓库里下载到。",
            "删掉这个文件（案例用不到的 Word 原稿、名单、表格都不必提交，网站也用不到它们）；确实要留的，先删掉里面的号码。"
            "这串数字不是号码（例如表格里的统计数字）时，同样把文件从 cases/ 里移走即可。",
        )
    return diags.items
