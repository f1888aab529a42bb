"""What a submission may be before anything parses it: size, archive shape, XML.

A ``.docx`` is a zip of XML parts, and a ``.zip`` inbox is a zip of anything; both come
from outside (email, WeChat). Before python-docx or mammoth open one, ``check_docx``
refuses what would hurt: a file too large, an old binary or encrypted Word file, a
macro-enabled document, a zip bomb (too many entries, too many bytes once unpacked, or
a member that inflates too far), and XML with a DOCTYPE (entity declarations are never
expanded or resolved because no part that declares any is ever parsed).

``extract_zip`` unpacks an inbox member by member into a folder it owns: member names
made on Chinese Windows (GBK without the UTF-8 flag) keep their Chinese names, and a
name with ``..``, an absolute path, a drive letter or a symbolic link is skipped, so
nothing is written outside that folder. Python's ``zipfile`` stops reading a member at
its declared size, so checking the declared sizes bounds what is ever inflated.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ...errors import ShowcaseError
from ...office import MAX_DIRECTORY_BYTES, MAX_ZIP_MEMBERS, member_name, no_file, zip_end_record

# Folders inside each other in one member's name: a submission has two or three. 1,200 of them
# overflowed Python's recursion (Path.mkdir) and the whole zip was "已损坏或加了密码".
MAX_MEMBER_DEPTH = 32
MAX_FILE_BYTES = 100 * 1024 * 1024  # one .docx or .zip as sent; a form with five phone photos is 5–30 MB
MAX_UNPACKED_BYTES = 300 * 1024 * 1024  # all members of one archive, unpacked
MAX_RATIO = 100  # unpacked / packed for a member over RATIO_FROM bytes (Word XML packs 5–20 times)
UNPACKED_PICTURES = (".tif", ".tiff", ".bmp")  # scanners' pictures, stored uncompressed: no ratio judged
RATIO_FROM = 1024 * 1024
# One XML part. A 300-page document is a few MB; mammoth (pure Python) reads its text at
# about 0.2 MB a second with some 80 MB of memory per MB (12 MB: 54 s and 1 GB; a security
# review), so 50 MB held one import for minutes. 8 MB is half a minute at most.
MAX_XML_BYTES = 8 * 1024 * 1024
# And its elements: mammoth's time goes by element more than by byte. Word writes some 35 bytes
# an element (a run with its fonts and sizes), 240,000 in 8 MB; a table of 132,000 one-word
# cells is 530,000 in 6.4 MB and took 50 s and 600 MB. 300,000 keeps the half minute above.
MAX_XML_ELEMENTS = 300_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, and an encrypted .docx
MACRO_TYPES = (b"macroEnabled", b"vbaProject")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_UTF16_DTD = re.compile("<!\\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class IntakeError(ShowcaseError):
    """A submission that cannot be imported; the message names the file and says what to do."""


def _mb(size: int) -> str:
    return f"{size / 1048576:.0f} MB" if size >= 1048576 else f"{size / 1024:.0f} KB"


def check_size(path: Path, limit: int = MAX_FILE_BYTES) -> int:
    size = path.stat().st_size
    if size > limit:
        raise IntakeError(f"{path.name} 有 {_mb(size)}，超过上限 {_mb(limit)}，不导入。请把照片单独发来，或压缩照片后重新保存。")
    return size


def check_entry_count(path: Path) -> None:
    """Refuse an archive of more than ``MAX_ZIP_MEMBERS`` members before ``zipfile`` reads its
    directory: 2,000,000 entries took 780 MB and 11 s to list (a security review), and
    ``check_archive`` only counted them afterwards. ``zipfile`` reads every entry the
    directory's size holds, whatever count the end record claims (a diff review: a record
    claiming 1 hid 1,000,000), so the directory's size is bounded too; within it, the
    entries are few enough to list, and ``check_archive`` counts them."""
    claimed = zip_end_record(path)
    if claimed is None:
        return
    count, directory = claimed
    if count > MAX_ZIP_MEMBERS:
        raise _too_many(path.name, count)
    if directory > MAX_DIRECTORY_BYTES:
        raise IntakeError(
            f"{path.name} 的文件目录有 {_mb(directory)}，装得下远超 {MAX_ZIP_MEMBERS} 个文件（上限），不像是案例材料，不导入。"
        )


def _too_many(name: str, count: int) -> IntakeError:
    return IntakeError(f"{name} 里有 {count} 个文件，超过上限 {MAX_ZIP_MEMBERS}，不像是案例材料，不导入。")


def check_archive(archive: zipfile.ZipFile, name: str, packed_size: int) -> None:
    """Refuse a zip bomb: too many entries, too many bytes unpacked, a member inflating too far."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise _too_many(name, len(infos))
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise IntakeError(f"{name} 解压后有 {_mb(total)}，超过上限 {_mb(MAX_UNPACKED_BYTES)}（可能是“压缩炸弹”），不导入。")
    # An uncompressed scan (a TIFF or BMP of a white A4 sheet) packs a hundred times and more:
    # judged by the unpacked total above, never by its ratio (a trial's 26 MB scanned letter
    # had the whole submission refused as a bomb).
    scans: list[zipfile.ZipInfo] = []
    judged: list[zipfile.ZipInfo] = []
    for info in infos:
        (scans if member_name(info).lower().endswith(UNPACKED_PICTURES) else judged).append(info)
    for info in judged:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise IntakeError(
                f"{name} 里的 {member_name(info)} 压缩了 {info.file_size // max(info.compress_size, 1)} 倍，"
                "不像正常文件（可能是“压缩炸弹”），不导入。"
            )
    others = sum(info.file_size for info in judged)
    packed_size -= sum(info.compress_size for info in scans)  # the scans' share of the archive taken out too
    if others > MAX_RATIO * max(packed_size, 1) and others > RATIO_FROM:
        raise IntakeError(f"{name} 解压后是原来的 {others // max(packed_size, 1)} 倍，不像正常文件（可能是“压缩炸弹”），不导入。")


def _utf16(data: bytes) -> bool:
    head = data[:4]
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) == 4 and (head[1] == 0 or head[0] == 0))


def _elements(data: bytes) -> int:
    """About how many elements an XML part holds: its start and empty-element tags (``<`` not
    followed by ``/``, ``?`` or ``!``)."""
    text = data.decode("utf-16", errors="ignore").encode("utf-8") if _utf16(data) else data
    return text.count(b"<") - text.count(b"</") - text.count(b"<?") - text.count(b"<!")


_PARTS = {"document": "正文", "header": "页眉", "footer": "页脚", "footnotes": "脚注", "endnotes": "尾注", "comments": "批注"}


def _part_name(member: str) -> str:
    """A part of a Word file as its author knows it (word/document.xml: 正文; word/header2.xml:
    页眉), else by its name inside the file: an editor does not know word/document.xml."""
    stem = PurePosixPath(member).stem.rstrip("0123456789")
    if member.startswith("word/") and member.count("/") == 1 and stem in _PARTS:
        return _PARTS[stem]
    return f"内部文件 {member} "


def _many(count: int) -> str:
    """A count as a sentence says it, spaced to stand between two Chinese words: 约 33 万 and
    " 30 万" past ten thousand, else the number between spaces."""
    if count < 10000:
        return f" {count} "
    return f" {count // 10000} 万" if count % 10000 == 0 else f"约 {count / 10000:.0f} 万"


def _has_dtd(data: bytes) -> bool:
    if _utf16(data):
        for encoding in ("utf-16",):
            try:
                return bool(_UTF16_DTD.search(data.decode(encoding, errors="ignore")))
            except UnicodeError:  # pragma: no cover - errors are ignored
                return True
    return bool(_DTD.search(data))


def _encrypted(data: bytes) -> bool:
    """An OLE container holding an encrypted Word document (how Office keeps a .docx with a password)."""
    return "EncryptionInfo".encode("utf-16-le") in data or b"EncryptedPackage" in data or "EncryptedPackage".encode("utf-16-le") in data


def old_word_named_docx(path: Path) -> bool:
    """A Word 97 file (.doc) saved under a .docx name, as some programs and forwards do;
    not an encrypted .docx, which is an OLE container too."""
    check_size(path)
    with path.open("rb") as handle:
        if handle.read(8) != OLE_MAGIC:
            return False
    return not _encrypted(path.read_bytes())


def docx_named_old(path: Path) -> bool:
    """A .docx saved under an old name (.doc, .wps), as web systems' exports and forwarded
    files are: read as the .docx it is (``check_docx`` then checks it as any other); LibreOffice's
    Word 97 filter, which the conversion forces, refused it as a damaged .doc."""
    check_size(path)
    with path.open("rb") as handle:
        if handle.read(4) != b"PK\x03\x04":
            return False
    check_entry_count(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        return False


_DEFAULT_TYPE = re.compile(
    rb'<Default\b[^>]*?Extension="([^"]+)"[^>]*?ContentType="([^"]+)"|<Default\b[^>]*?ContentType="([^"]+)"[^>]*?Extension="([^"]+)"', re.I
)
_OVERRIDE_TYPE = re.compile(
    rb'<Override\b[^>]*?PartName="([^"]+)"[^>]*?ContentType="([^"]+)"|<Override\b[^>]*?ContentType="([^"]+)"[^>]*?PartName="([^"]+)"', re.I
)


def _pictures(types: bytes, names: set[str]) -> set[str]:
    """The members under word/media/ that ``[Content_Types].xml`` declares as pictures
    (image/…): an SVG picture may carry a DOCTYPE (Illustrator writes one). A main part
    declared a picture to pass here is refused by python-docx, which reads the form first."""
    defaults = {(m[1] or m[4]).decode().lower(): (m[2] or m[3]).decode().lower() for m in _DEFAULT_TYPE.finditer(types)}
    overrides = {(m[1] or m[4]).decode().lstrip("/"): (m[2] or m[3]).decode().lower() for m in _OVERRIDE_TYPE.finditer(types)}
    kind = {name: overrides.get(name, defaults.get(name.rsplit(".", 1)[-1].lower(), "")) for name in names}
    return {name for name, content in kind.items() if content.startswith("image/") and name.startswith("word/media/")}


def _looks_like_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a member starts as XML does, whatever its name: Word finds its parts through
    the relationships, so the main part may be called ``word/body.dat`` (a security review)."""
    if no_file(info):
        return False
    with archive.open(info) as member:
        head = member.read(64)
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    return head.replace(b"\x00", b"").lstrip().startswith(b"<")


def check_zip_limits(path: Path, size: int) -> None:
    """The limits of ``check_docx`` and ``extract_zip`` for a zip read by another program (an
    .odt LibreOffice converts); a file that is no zip is left to that program to refuse."""
    check_entry_count(path)
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, path.name, size)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        pass


def refuse_pdf(path: Path) -> None:
    """Refuse a PDF under a Word file's name, as a worker renames one to make it “Word”: it
    was said to be damaged, and sent back to be saved again as .docx (a helper's trial). A
    PDF's mark may come anywhere in its first 1,024 bytes (after a BOM or a line end, as a
    review's file had it), as readers of PDF take it."""
    with path.open("rb") as handle:
        head = handle.read(1024)
    if not head.startswith((b"PK", OLE_MAGIC)) and b"%PDF-" in head:
        raise IntakeError(
            f"{path.name} 其实是 PDF 文件（只是文件名改成了 {path.suffix}），里面的文字和照片不能可靠地取出。"
            "改文件名不能把 PDF 变成 Word 文件：请向组织要原来的 Word 文件，或把内容填进申报表。"
        )


def check_docx(path: Path) -> None:
    """Raise IntakeError unless ``path`` is a Word document we may parse (see the module's note)."""
    size = check_size(path)
    if size == 0:
        raise IntakeError(f"{path.name} 是空文件（0 字节），可能没有下载或复制完整。请重新保存这份文件后再导入。")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == OLE_MAGIC:
        data = path.read_bytes()
        if _encrypted(data):
            raise IntakeError(f"{path.name} 设置了打开密码，无法读取。请去掉密码（文件 → 信息 → 保护文档）后重新保存为 .docx。")
        raise IntakeError(f"{path.name} 其实是旧的 .doc 格式。请用 Word 或 WPS 另存为 .docx 后再导入。")
    refuse_pdf(path)
    if not head.startswith(b"PK"):
        raise IntakeError(f"{path.name} 不是 Word 文档（.docx），或者文件已损坏。请用 Word 或 WPS 打开，另存为 .docx 后再导入。")
    check_entry_count(path)
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, path.name, size)
            names = set(archive.namelist())
            if "word/document.xml" not in names or "[Content_Types].xml" not in names:
                raise IntakeError(
                    f"{path.name} 不是完整的 Word 文档（缺少正文部分），可能已损坏。请用 Word 或 WPS 打开，另存为 .docx 后再导入。"
                )
            types = archive.read("[Content_Types].xml")
            if any(word in types for word in MACRO_TYPES) or any(n.lower().endswith("vbaproject.bin") for n in names):
                raise IntakeError(f"{path.name} 是带宏的文档，为安全起见不导入。请在 Word 里另存为“Word 文档（*.docx）”后再发来。")
            pictures = _pictures(types, names)
            for info in archive.infolist():
                if info.filename in pictures:
                    continue  # read as a picture, never as XML (python-docx and mammoth go by the content type)
                if info.filename.lower().endswith((".xml", ".rels")) or _looks_like_xml(archive, info):
                    if info.file_size > MAX_XML_BYTES:
                        raise IntakeError(
                            f"{path.name} 里的 {info.filename} 有 {_mb(info.file_size)}，太大了，不导入"
                            "（申报材料的正文通常不到 1 MB）。请删去多余内容，或把照片另外发来，再导入。"
                        )
                    data = archive.read(info)
                    if (elements := _elements(data)) > MAX_XML_ELEMENTS:
                        raise IntakeError(
                            f"{path.name} 的{_part_name(info.filename)}有{_many(elements)}个排版单元（段落、文字块、表格的格子等），"
                            f"超过上限{_many(MAX_XML_ELEMENTS)}个，读取会太慢，没有导入。"
                            "可能粘贴进了很大的表格或名单：请在 Word 里删去这些内容，另存为 .docx 后再导入。"
                        )
                    if _has_dtd(data):
                        raise IntakeError(
                            f"{path.name} 的 {info.filename} 含有 XML 实体声明（DOCTYPE），Word 不会这样保存，为安全起见不导入。"
                            "请用 Word 或 WPS 打开后另存为 .docx。"
                        )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise IntakeError(f"{path.name} 已损坏，无法读取。请用 Word 或 WPS 打开，另存为 .docx 后再导入。") from None


# -- zip inboxes ------------------------------------------------------------------------


def safe_relative(name: str) -> PurePosixPath | None:
    """``name`` as a path inside the extraction folder, or None when it would leave it."""
    text = name.replace("\\", "/")
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or "\x00" in text:
        return None
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return PurePosixPath(*parts)


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


@dataclass
class Extracted:
    folder: Path
    skipped: list[str] = field(default_factory=list)  # names refused, with the reason


def extract_zip(path: Path, into: Path) -> Extracted:
    """Unpack ``path`` into the existing folder ``into``, member by member, never outside it."""
    size = check_size(path)
    result = Extracted(into)
    root = os.path.realpath(into)
    check_entry_count(path)
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, path.name, size)
            for info in archive.infolist():
                name = member_name(info)
                if no_file(info):
                    continue
                if _is_link(info):
                    result.skipped.append(f"{name}（是链接，没有解开）")
                    continue
                relative = safe_relative(name)
                if relative is None:
                    result.skipped.append(f"{name}（路径指向压缩包以外，没有解开）")
                    continue
                if len(relative.parts) > MAX_MEMBER_DEPTH:
                    shown = name if len(name) <= 60 else f"{name[:30]}…{name[-29:]}"
                    result.skipped.append(
                        f"{shown}（套了 {len(relative.parts) - 1} 层文件夹，太深，没有解开：请把它移到浅一些的文件夹里，重新压缩后再导入）"
                    )
                    continue
                if relative.parts[0] == "__MACOSX" or relative.name.startswith("._") or relative.name in ("Thumbs.db", ".DS_Store"):
                    continue
                target = into.joinpath(*relative.parts)
                try:
                    if not os.path.realpath(target).startswith(root + os.sep):
                        result.skipped.append(f"{name}（路径指向压缩包以外，没有解开）")
                        continue
                    target.parent.mkdir(parents=True, exist_ok=True)
                    if target.exists():
                        result.skipped.append(f"{name}（重名，没有解开）")
                        continue
                    with archive.open(info) as source, target.open("xb") as sink:
                        while chunk := source.read(1 << 20):
                            sink.write(chunk)
                except OSError as exc:
                    if exc.errno != errno.ENAMETOOLONG:
                        raise
                    # Windows allows names this system does not (255 bytes: about 85 Chinese characters); nothing was written
                    result.skipped.append(f"{name}（文件名太长，这台电脑存不下，没有解开：请把它改成短一点的名字后重新压缩）")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError, RuntimeError):
        raise IntakeError(f"{path.name} 已损坏或加了密码，无法解开。请重新压缩（不加密码）后再发来。") from None
    return result
