"""``showcase import``, engine-free: find the submissions, make each a draft case folder.

PATH is a ``.docx``, a ``.zip`` or a folder (an inbox: one Word file per submission,
photos beside it or in a sub-folder of the same name; a folder holding one Word file
takes every photo around it). Each submission is written into a temporary folder inside
the cases folder (hidden: its name starts with a dot) and renamed into
``<cases>/<省>/<id>/`` only when complete, so a failure leaves nothing behind; an
existing folder is never overwritten. The draft is then checked as ``showcase check``
would, and the outcome (fields, photos, the check's diagnostics) goes to the report.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
import tempfile
import traceback
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path

from PIL import Image

from ...case import invisible
from ...case.bounds import UNBOUNDED
from ...case.loosefiles import PHOTOS as LOOSE_PHOTOS
from ...case.model import Status
from ...case.pii import SERIES_HINT, figure_series, hide_names, mask_numbers, person_names, quoted
from ...case.placeholders import MARKER
from ...chinadate import china_today
from ...collection.loading import MAX_CASE_BYTES, load_case, load_collection
from ...collection.settings import Settings
from ...diagnostics import Diagnostic, describe_os_error, describe_write_error, first_few
from ...folders import LinkedAwayError, refuse_linked_away
from ...office import convert, soffice
from ...options import IMPORT_SIDE_FACTOR
from ...outputs.form import rows
from ...progress import Reporter, silent
from ...workers import map_on_cores
from ..caseid import propose_id, region_prefix
from ..newcase import taken_ids
from . import captionlist
from .draft import as_value, beside_photos_markdown, content_fingerprint, fingerprint, read_source_marks, render
from .markdown import alt_text
from .odf import drop_hidden
from .photometa import LOST, MAX_TIFF_PAGES, TIFF_PIXEL_LIMITS, TOO_MANY_PIXELS, UNREADABLE, tiff_pages
from .pictures import Photo, Pictures
from .provenance import sent_pictures, word97_encrypted
from .reader import WordFile, damaged, read_word
from .safety import (
    MAX_MEMBER_DEPTH,
    IntakeError,
    check_size,
    check_zip_limits,
    docx_named_old,
    extract_zip,
    old_word_named_docx,
    refuse_pdf,
)
from .values import Counties, Values, counties_of, parse_value, read_values

# a link's address in the draft's Markdown, and an encoded letter, digit or - . _ ~ in it,
# which an address means as the character itself (RFC 3986 2.3): tel:138%2D1234%2D5678 too (a review)
_ADDRESS = re.compile(r"(?:https?://|mailto:|tel:|sms:)[^\s<>()\[\]]+", re.IGNORECASE)
_PERCENT_UNRESERVED = re.compile("%(3[0-9]|[46][1-9A-Fa-f]|[57][0-9Aa]|2[DdEe]|5[Ff]|7[Ee])")
WORD = (".docx",)
OLD_WORD = (".doc", ".wps", ".wpt", ".dot")
# other word-processor files LibreOffice turns into .docx, with the import filter it must use
# (never its fallback of reading a broken file as plain text)
CONVERTED = {**dict.fromkeys(OLD_WORD, "MS Word 97"), ".odt": "writer8", ".rtf": "Rich Text Format"}
# files an organization may send as its write-up that cannot be read as one: what to do instead
NOT_WORD = {
    ".pdf": "是 PDF 文件，里面的文字和照片不能可靠地取出。请向组织要原来的 Word 文件（.docx），或把内容填进申报表。",
    **dict.fromkeys(
        (".txt", ".md"), "是纯文本文件，没有照片和格式。请把文字粘贴进申报表（showcase template 生成的 .docx），照片随表发来。"
    ),
    **dict.fromkeys(
        (".xls", ".xlsx", ".et", ".csv", ".ods"), "是表格文件，不是案例材料。案例请用申报表（.docx）写；表格里的数字可以写进申报表。"
    ),
    **dict.fromkeys((".ppt", ".pptx", ".dps", ".odp"), "是演示文稿（幻灯片），不能导入。请把文字和照片放进申报表（.docx）。"),
    **dict.fromkeys((".pages", ".wpd", ".hwp"), "是其他文字处理软件的文件，不能导入。请用 Word 或 WPS 另存为 .docx 后再发来。"),
    # WinRAR's and 360压缩's archives, as often sent as a .zip: a whole submission, once listed
    # among the notes only ("不是……压缩包") while the summary counted every material imported (a helper's trial)
    # (what to do with the archive once unpacked: left in the inbox, it was a failure again at each run)
    **{
        suffix: f"是 {kind} 压缩包，不能直接导入。请先解压（在压缩包上点右键，选“解压到当前文件夹”或“全部解压缩”），"
        "把压缩包移出收件箱，再导入一次；电脑打不开这种压缩包时，请组织打包成 .zip 发来。"
        for suffix, kind in ((".rar", "RAR"), (".7z", "7z"))
    },
}
MACRO_WORD = (".docm", ".dotm")
PHOTOS = LOOSE_PHOTOS | {".bmp"}  # a case's photo kinds, and Word's bitmaps, which the import converts
COVER_WORD = "封面"
UNKNOWN_PROVINCE = "未填省份"
CONVERT_SECONDS = 120


@dataclass
class Submission:
    word: Path  # the Word file (.docx, or .doc/.wps to convert)
    shown: str  # as the report names it: the path given, or archive/member
    beside: list[Path] = field(default_factory=list)
    captions: Path | None = None  # a list of the photos' captions sent with it (captionlist.py)


@dataclass
class Outcome:
    source: str
    folder: Path | None = None
    error: str | None = None
    kind: str = ""  # form | free
    found: dict[str, object] = field(default_factory=dict)  # form label -> value as written into the case
    missing: list[str] = field(default_factory=list)  # form labels with no usable value
    problems: dict[str, str] = field(default_factory=dict)
    contact: dict[str, str] = field(default_factory=dict)
    photos: list[Photo] = field(default_factory=list)
    photos_sent: int = 0  # pictures in the file and photos beside it, imported or not
    cover: str | None = None
    notes: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    internal: str | None = None  # beside ``error``: the exception a file no check foresaw raised, and where

    skipped: str | None = None  # already imported: why this one was not made again (not an error)
    # skipped, but its file is not the one the case was made from: a corrected version, said apart
    changed: Path | None = None
    # skipped: the status of the case already there (a revised version of a published case is
    # no draft to improve: changing it changes a public page, reviewed again)
    earlier_status: Status | None = None
    # skipped: the case already there was made in this same run (the same material sent as .doc
    # and .docx: it was said to be 之前已导入, an organization's trial)
    earlier_now: bool = False
    # imported, and a case already made from another file names the same organization (its
    # draft retitled by the editor): perhaps a corrected version, said in the report
    same_organization: Path | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def imported(self) -> bool:
        return self.error is None and self.skipped is None


@dataclass
class Inbox:
    submissions: list[Submission] = field(default_factory=list)
    refused: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # photos nobody claims, archive members skipped


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in WORD:
        return "word"
    if suffix in CONVERTED or suffix in MACRO_WORD:
        return "word"
    if suffix == ".zip":
        return "zip"
    if suffix in PHOTOS:
        return "photo"
    if suffix in NOT_WORD:
        return "document"
    return ""


def _not_imported(path: Path, shown: str, inbox: Inbox, *, beside_word: bool = False, attached_to: str | None = None) -> None:
    """A file of an inbox that is neither a Word file, a photo nor an archive: a document is
    a submission not imported (an error, named), unless it is a copy of the Word file beside
    it (the same name) or among a submission's photos (a certificate): then, as anything
    else, it is listed in the notes. A helper's trial had an .rtf, an .odt and a .pdf beside a .docx: 共 1 份材料：导入
    1 份, and the other three were never named; a review: a PDF copy of an imported Word file
    was then a failed submission."""
    kind = _kind(path)
    if kind == "document" and attached_to is not None and path.suffix.lower() in (".rar", ".7z"):
        # the organization's photos, packed: unpacked, they are read with its Word file
        inbox.notes.append(
            f"{shown} 没有导入：它是 {attached_to} 旁边的压缩包，没有打开，里面的照片没有导入。"
            "请解压（在压缩包上点右键，选“解压到当前文件夹”或“全部解压缩”），把要用的照片放进这份材料的草稿文件夹，插进正文。"
        )
    elif kind == "document" and attached_to is not None:
        # another name than the Word file's: not a copy of it, and its content is in no draft
        # (照片说明.txt was said as "按 Word 材料导入", as if its captions had been read)
        inbox.notes.append(
            f"{shown} 没有导入：它和 {attached_to} 在同一个文件夹里，算作这份材料的附件，里面的内容没有写进草稿；"
            "请打开看一看，有用的（例如照片说明）手工补进草稿。"
        )
    elif kind == "document" and beside_word:
        inbox.notes.append(
            f"{shown} 没有导入：{path.name} {NOT_WORD[path.suffix.lower()].split('。')[0]}；同一处有 Word 材料，按 Word 材料导入。"
        )
    elif kind == "document":
        inbox.refused.append(Outcome(shown, error=f"{path.name} {NOT_WORD[path.suffix.lower()]}"))
    elif kind in ("word", "zip"):  # below a submission's photo folder
        inbox.notes.append(f"{shown} 放在照片文件夹里，没有导入；请把它单独发来，或放到上一层文件夹再导入。")
    else:
        inbox.notes.append(f"{shown} 不是 Word 文件、照片或压缩包，没有导入。")


def _hidden(path: Path) -> bool:
    """What Windows, macOS and Word leave beside files (desktop.ini: a helper's trial's zip named it as not imported)."""
    return path.name.startswith((".", "~$", "__MACOSX")) or path.name.lower() in ("thumbs.db", "desktop.ini", "ehthumbs.db")


def scan_folder(
    folder: Path,
    inbox: Inbox,
    work: Path,
    shown: str,
    depth: int = 0,
    *,
    inbox_root: bool = False,
    level: int = 0,
    above: tuple[list[Path], str] | None = None,
) -> None:
    """One folder of an inbox: its Word files, their photos, and sub-folders in turn.

    A folder below the inbox (or a zip) with one Word file is one organization's: its other
    documents are that submission's attachments (照片说明.txt, 志愿者名单.xlsx), noted, not
    failed submissions of their own. In the inbox itself, where many organizations' files
    lie side by side, a document of another name may be another's submission. ``above``: the
    Word files of the folder this one is in (below the inbox), and how it is shown."""
    if level > MAX_MEMBER_DEPTH:  # ``level``: folders below the one given; each is a call of this function
        where = shown if len(shown) <= 60 else f"{shown[:30]}…{shown[-29:]}"
        inbox.refused.append(
            Outcome(
                shown,
                error=f"文件夹 {where} 在第 {level} 层（最多 {MAX_MEMBER_DEPTH} 层），太深，它里面的文件没有读取。请把材料移到浅一些的文件夹里再导入。",
            )
        )
        return
    try:
        entries = sorted((p for p in folder.iterdir() if not _hidden(p) and not p.is_symlink()), key=lambda p: p.name)
    except OSError as exc:
        inbox.refused.append(Outcome(shown, error=f"无法读取文件夹 {shown}（{describe_os_error(exc)}）。"))
        return
    words = [p for p in entries if p.is_file() and _kind(p) == "word"]
    photos = [p for p in entries if p.is_file() and _kind(p) == "photo"]
    zips = [p for p in entries if p.is_file() and _kind(p) == "zip"]
    folders = [p for p in entries if p.is_dir()]
    material = _material(p for p in entries if p.is_file() and _kind(p) in ("word", "document"))
    # (a list of captions here is no Word file of its own: 照片说明.docx beside 申报材料/申报表.docx, a review)
    if not inbox_root and not material.words and folders and (below := _files_below(folder, MAX_MEMBER_DEPTH - level)) is not None:
        kinds = [_kind(path) for path in below]
        if len(_material(path for path in below if _kind(path) in ("word", "document")).words) == 1 and "zip" not in kinds:
            _one_submission(folder, below, inbox, shown)
            return
    words, captions = _without_copies(material.words, inbox, shown), material.captions
    inbox.notes += [_unread_list(path, f"{shown}/{path.name}", material) for path in material.unread]
    lists = {*material.unread, *([captions] if captions else [])}
    for other in (p for p in entries if p.is_file() and _kind(p) in ("", "document") and p not in lists):
        # a copy of a Word file (申报材料.pdf beside 申报材料.docx) is a note; another name may be
        # another organization's submission, so it is named as not imported (a second review)
        # (an editor's trial: 社区B/照片说明.txt beside 社区B/申报表.docx, a failed submission, and 社区B called back for nothing)
        copy = any(w.stem == other.stem for w in words)
        attached = words[0].name if not copy and len(words) == 1 and not inbox_root else None
        _not_imported(other, f"{shown}/{other.name}", inbox, beside_word=copy, attached_to=attached)
    stems = {w.stem: w for w in words}
    claimed: dict[Path, list[Path]] = {w: [] for w in words}
    for sub in folders:
        if sub.name in stems:  # photos in a sub-folder named like the Word file
            claimed[stems[sub.name]] += _photos_under(sub, inbox, f"{shown}/{sub.name}")
        elif len(words) == 1 and not _has_word(sub):
            claimed[words[0]] += _photos_under(sub, inbox, f"{shown}/{sub.name}")
        else:
            # 照片/ beside 申报表.docx and 申报表（旧版）.doc: it was said to have “没有和它们一起的 Word 材料”
            above = (words, shown) if words and not inbox_root else None
            scan_folder(sub, inbox, work, f"{shown}/{sub.name}", depth, level=level + 1, above=above)
    if len(words) == 1:
        claimed[words[0]] = photos + claimed[words[0]]
    elif photos and not words and above is not None:
        inbox.notes.append(_whose_photos(shown, photos, above[0], f"上一层 {above[1]} "))
    elif photos and not words:  # a trial's zip of photos alone was told of "0 个 Word 文件"
        inbox.notes.append(
            f"{shown} 里有 {len(photos)} 张照片，但没有和它们一起的 Word 材料，照片没有导入："
            + _some_names(photos)
            + "。请把照片和它们的 Word 文件放在同一个文件夹（或同一个压缩包）里再导入。"
        )
    elif photos:
        inbox.notes.append(_whose_photos(shown, photos, words, "这里"))
    for word in words:
        inbox.submissions.append(Submission(word, f"{shown}/{word.name}", claimed[word], captions))
    for archive in zips:
        if depth >= 1:
            inbox.refused.append(Outcome(f"{shown}/{archive.name}", error=f"{archive.name} 是压缩包里的压缩包，没有解开。请解开后再发来。"))
            continue
        scan_zip(archive, inbox, work, f"{shown}/{archive.name}", depth + 1)


# What Windows, WPS and macOS add to a copy's name: 申报表 - 副本.docx, 申报表(1).docx, 申报表 copy.docx
_COPY_NAME = re.compile(r"(?:[\s\-－_]*(?:副本|拷贝|复制|copy)(?:\s*[(（]?\d+[)）]?)?|\s*[(（]\d+[)）])$", re.IGNORECASE)


def _without_copies(words: list[Path], inbox: Inbox, shown: str) -> list[Path]:
    """The Word files of one folder without the copies Windows, WPS or macOS made of one of
    them (申报表 - 副本.docx, the same bytes as 申报表.docx), each noted. An organization's trial:
    a copy beside its form made two materials, the photos beside them nobody's, and the draft
    was made from the copy without them. Files of the same bytes under names of their own
    stay two materials (the import says the second is the same material)."""
    if len(words) < 2:
        return words
    by_content: dict[str, list[Path]] = {}
    for word in words:
        try:
            by_content.setdefault(fingerprint(word), []).append(word)
        except OSError:
            by_content.setdefault(str(word), []).append(word)  # read later, and said then
    copies = set()
    for same in by_content.values():
        first = min(same, key=lambda w: (_COPY_NAME.search(w.stem) is not None, len(w.name), w.name))
        for copy in (w for w in same if w != first and _COPY_NAME.search(w.stem)):
            copies.add(copy)
            inbox.notes.append(f"{shown}/{copy.name} 和 {first.name} 内容完全相同（是副本），只导入了 {first.name}。")
    return [word for word in words if word not in copies]


def _whose_photos(shown: str, photos: list[Path], words: list[Path], where: str) -> str:
    """The note on photos beside more than one Word file: whose they are is not known."""
    return (
        f"{shown} 里有 {len(photos)} 张照片不知道属于哪份材料（{where}有 {len(words)} 个 Word 文件："
        + "、".join(w.name for w in words[:4])
        + ("等" if len(words) > 4 else "")
        + "），没有导入："
        + _some_names(photos)
        + f"。请把照片放进和它们的 Word 文件同名的文件夹（例如“{words[0].stem}”），或把不用的 Word 文件（旧版、副本）移走，再导入。"
    )


def _some_names(photos: list[Path], shown: int = 8) -> str:
    return first_few(photos, shown, "张", show=lambda photo: photo.name)


def _walk(folder: Path) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(folder)`` (the caller may prune ``dirs``) without recursion: Python 3.11's
    recursed once a folder level, and an inbox 1,100 folders deep (as an archive program
    unpacks one) ended the import in a RecursionError's traceback. A link is a file here,
    never followed."""
    stack = [str(folder)]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as scan:
                entries = list(scan)
        except OSError:
            continue
        dirs = [e.name for e in entries if e.is_dir(follow_symlinks=False)]
        files = [e.name for e in entries if not e.is_dir(follow_symlinks=False)]
        yield root, dirs, files
        stack += [os.path.join(root, d) for d in reversed(dirs)]


def _photos_under(folder: Path, inbox: Inbox, shown: str) -> list[Path]:
    """The photos anywhere below ``folder``; its other files are named in the inbox's notes."""
    found = []
    for root, dirs, files in _walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if _hidden(path) or path.is_symlink():
                continue
            if _kind(path) == "photo":
                found.append(path)
            else:
                _not_imported(path, f"{shown}/{path.relative_to(folder).as_posix()}", inbox, beside_word=True)
    return found


def _files_below(folder: Path, depth: int) -> list[Path] | None:
    """Every file anywhere below ``folder`` (not hidden, no link), folder by folder in name
    order; None when a folder lies more than ``depth`` levels down (``scan_folder`` refuses
    those by name)."""
    found: list[Path] = []
    for root, dirs, files in _walk(folder):
        if dirs and len(Path(root).relative_to(folder).parts) >= depth:
            return None
        dirs[:] = sorted(name for name in dirs if not _hidden(Path(root) / name))
        found += [path for name in sorted(files) if not _hidden(path := Path(root) / name) and not path.is_symlink()]
    return found


def _one_submission(folder: Path, files: list[Path], inbox: Inbox, shown: str) -> None:
    """``folder`` (below the inbox, or a zip) whose one Word file lies in a sub-folder
    (``files``: every file below it, ``_files_below``): one organization's, every photo below
    it the Word file's, every other file its attachment. A helper's trial: a WeChat zip of
    申报材料/表.docx, 照片/*.jpg and 说明.txt lost its photos (“没有和它们一起的 Word 材料”, and the
    draft asked for photos) and failed on 说明.txt."""
    material = _material(path for path in files if _kind(path) in ("word", "document"))
    (word,), captions = material.words, material.captions
    inbox.notes += [_unread_list(path, f"{shown}/{path.relative_to(folder).as_posix()}", material) for path in material.unread]
    photos: list[Path] = []
    for path in files:
        if path in (word, captions) or path in material.unread:
            continue
        if _kind(path) == "photo":
            photos.append(path)
        else:
            _not_imported(path, f"{shown}/{path.relative_to(folder).as_posix()}", inbox, attached_to=word.name)
    inbox.submissions.append(Submission(word, f"{shown}/{word.relative_to(folder).as_posix()}", photos, captions))


@dataclass
class _Material:
    words: list[Path]  # the Word files, none of them a list of captions
    captions: Path | None = None  # the one Word file's list of photo captions
    unread: list[Path] = field(default_factory=list)  # the other lists: named in the report, never a case


def _material(files: Iterable[Path]) -> _Material:
    """The Word files among ``files`` (documents too) and the lists of photo captions
    among them (照片说明.docx, 图片说明.txt): a list is never a case of its own (a trial's
    became 案例名称：照片说明, and the photos beside it were left, whose being unknown). With one
    Word file, its list is read with it (a Word one before a text one); else none is."""
    files = list(files)
    lists = [
        path for path in files if captionlist.is_caption_list(path) and (_kind(path) == "word" or path.suffix.lower() in captionlist.TEXT)
    ]
    words = [path for path in files if _kind(path) == "word" and path not in lists]
    if len(words) != 1 or not lists:
        return _Material(words, None, lists)
    chosen = min(lists, key=lambda path: (_kind(path) != "word", path.name))
    return _Material(words, chosen, [path for path in lists if path != chosen])


def _unread_list(path: Path, shown: str, material: _Material) -> str:
    """The report's note on a list of captions not read (``_Material.unread``)."""
    if material.captions is not None:
        return (
            f"{shown} 没有读取：这里已经按 {material.captions.name} 读了照片说明。两份内容不一样的话，请对照着把这份里的说明手工补进草稿。"
        )
    if material.words:
        return (
            f"{shown} 是照片说明，没有导入：这里有 {len(material.words)} 个 Word 文件，不知道它是哪一份的。"
            "请把它和它的材料、照片放进同一个文件夹（或同一个压缩包）再导入。"
        )
    return f"{shown} 是照片说明，没有导入：这里没有和它一起的 Word 材料。请把它和它的材料、照片放进同一个文件夹（或同一个压缩包）再导入。"


def _has_word(folder: Path) -> bool:
    return any(_kind(Path(f)) == "word" for _, _, files in _walk(folder) for f in files)


def scan_zip(path: Path, inbox: Inbox, work: Path, shown: str, depth: int = 1) -> None:
    target = Path(tempfile.mkdtemp(prefix="zip-", dir=work))
    try:
        extracted = extract_zip(path, target)
    except IntakeError as exc:
        inbox.refused.append(Outcome(shown, error=str(exc)))
        return
    except OSError as exc:
        inbox.refused.append(Outcome(shown, error=f"无法解开 {path.name}（{describe_os_error(exc)}）。"))
        return
    inbox.notes += [f"{shown}：{name}" for name in extracted.skipped]
    scan_folder(target, inbox, work, shown, depth)


def discover(paths: list[Path], work: Path) -> Inbox:
    inbox = Inbox()
    for path in paths:
        before = len(inbox.submissions) + len(inbox.refused)
        shown = str(path)
        if path.is_dir():
            scan_folder(path, inbox, work, shown.rstrip("/"), inbox_root=True)
        elif not path.exists():
            inbox.refused.append(Outcome(shown, error=f"找不到 {shown}。"))
        elif not path.is_file():  # a pipe or a device: reading it would wait for ever
            inbox.refused.append(Outcome(shown, error=f"{path.name} 不是普通文件（可能是管道或设备），不能导入。"))
        elif _kind(path) == "zip":
            scan_zip(path, inbox, work, shown)
        elif _kind(path) == "word":
            # its photos in a folder of the same name beside it, as in an inbox (an editor's
            # trial: 幸福食堂.docx given alone left 幸福食堂/送餐1.jpg behind, unsaid)
            named = path.parent / path.stem
            beside = _photos_under(named, inbox, str(Path(shown).parent / path.stem)) if named.is_dir() else []
            inbox.submissions.append(Submission(path, shown, beside))
        elif _kind(path) == "document":
            _not_imported(path, shown, inbox)
        elif _kind(path) == "photo":  # a photo alone: with its form, not by itself (an organization's trial)
            inbox.refused.append(
                Outcome(shown, error=f"{path.name} 是一张照片，不能单独导入：请把它和申报表（Word 文件）放进同一个文件夹，导入这个文件夹。")
            )
        else:  # every kind the import reads (a trial: the .doc, .wps, .odt and .rtf it takes went unsaid)
            kinds = "、".join(dict.fromkeys((*WORD, *CONVERTED)))
            inbox.refused.append(Outcome(shown, error=f"{path.name} 不是 Word 文档（{kinds}）、压缩包（.zip）或文件夹，不能导入。"))
        if len(inbox.submissions) + len(inbox.refused) == before:
            inbox.refused.append(
                Outcome(shown, error=f"{shown} 里没有找到 Word 文件（.docx）。请把申报表和照片放在这个文件夹（或压缩包）里再导入。")
            )
    return inbox


# -- one submission ---------------------------------------------------------------------


def to_docx(path: Path, work: Path) -> tuple[Path, int | None]:
    """The .docx to read: ``path`` itself, or an old .doc/.wps, an .odt or an .rtf converted
    by LibreOffice; and for an .odt, how many hidden parts the import took out first (``odf.py``)."""
    suffix = path.suffix.lower()
    if suffix in MACRO_WORD:
        raise IntakeError(f"{path.name} 是带宏的文档（{suffix}），为安全起见不导入。请在 Word 里另存为“Word 文档（*.docx）”后再发来。")
    if suffix in WORD and old_word_named_docx(path):
        suffix = ".doc"  # converted as the .doc it is
    elif suffix in OLD_WORD and docx_named_old(path):
        return path, None  # read as the .docx it is (said in the report: _read)
    elif suffix not in CONVERTED:
        return path, None
    refuse_pdf(path)  # not handed to LibreOffice's Word filter, to be called damaged
    kind = f"旧的 {suffix}" if suffix in OLD_WORD else f" {suffix}"
    office = soffice()
    if office is None:
        raise IntakeError(
            f"{path.name} 是{kind} 格式：请用 Word 或 WPS 另存为 .docx 后再导入（或在这台电脑上安装 LibreOffice，导入时会自动转换）。"
        )
    size = check_size(path)
    if suffix == ".odt":  # a zip as a .docx is: the same limits before LibreOffice or the picture check unpacks it (a review)
        check_zip_limits(path, size)
    out = Path(tempfile.mkdtemp(prefix="convert-", dir=work))
    source = out / f"in{suffix}"
    shutil.copyfile(path, source)
    hidden = drop_hidden(source) if suffix == ".odt" else None  # LibreOffice would write it as any other text
    # never LibreOffice's fallback of reading a broken file as plain text
    converted = convert(office, source, "docx", timeout=CONVERT_SECONDS, infilter=CONVERTED[suffix])
    if converted is None:
        if word97_encrypted(source):
            raise IntakeError(f"{path.name} 设置了打开密码，无法读取。请去掉密码（文件 → 信息 → 保护文档）后重新保存为 .docx。")
        raise IntakeError(f"{path.name} 是{kind} 格式，LibreOffice 也没能转换（文件可能已损坏）：请用 Word 或 WPS 另存为 .docx 后再导入。")
    return converted, hidden


@dataclass
class Prepared:
    """A submission read (in a worker process): what ``finish`` needs to write its folder."""

    outcome: Outcome
    folder: Path  # the temporary case folder holding the photos
    word: WordFile | None = None
    values: Values | None = None
    # the Word file's fingerprint, then that of what was read from it (draft._SOURCE)
    source: tuple[str, ...] = ()
    caption_list: str | None = None  # the name of a list of captions sent with it (captionlist.py)
    listed: dict[str, str] = field(default_factory=dict)  # a photo (its name here) -> its caption from the list
    guessed: set[str] = field(default_factory=set)  # those the list gave by order, not by the photo's name or number
    list_notes: list[str] = field(default_factory=list)  # what the report said of the list's lines
    refused: list[str] = field(default_factory=list)  # what it said of the photos sent beside not imported


def prepare(submission: Submission, work: Path, settings: Settings, counties: Counties | None = None) -> Prepared:
    """Read one submission into its own temporary folder; never raises for bad input."""
    outcome = Outcome(submission.shown)
    # A folder of a unique name, and in it the case's own, made by mkdir (with the user's
    # mode: mkdtemp's 0700 would keep others on the machine, a web server, out of the case).
    folder = Path(tempfile.mkdtemp(prefix="case-", dir=work)) / "case"
    folder.mkdir()
    prepared = Prepared(outcome, folder)
    try:
        _read(submission, prepared, work, settings, counties or {})
    except IntakeError as exc:
        outcome.error = str(exc)
    except OSError as exc:
        outcome.error = f"{submission.word.name}：无法读写（{describe_os_error(exc)}）。"
    except Exception as exc:  # a file no check foresaw: one line for the editor, not a traceback
        outcome.error = damaged(submission.word.name)
        # and, for whoever maintains the import, what failed where (the JSON report's
        # internal_error): a mistake of the import's own read as a damaged file, with
        # nothing to find it by (a code review)
        where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        outcome.internal = f"{exc.__class__.__name__}: {exc}"[:500] + (f" ({Path(where.filename).name}:{where.lineno})" if where else "")
    if outcome.error:
        shutil.rmtree(folder, ignore_errors=True)
        outcome.photos = []
        if submission.beside:  # named, never lost unsaid (a review: a PDF named .docx in a zip with 3 photos)
            outcome.error += (
                f"随它一起发来的 {len(submission.beside)} 张照片（{_some_names(submission.beside)}）也没有导入："
                "材料改好后，和照片一起再导入。"
            )
    return prepared


def _read_mark(word: WordFile) -> str:
    """The fingerprint of what the import read from a Word file: its form's rows, title, text
    and pictures (as written). Another program's saving of the same file changes its bytes,
    not these."""
    parts = [f"{label}\0{text}".encode() for label, text in sorted(word.typed.items())]
    parts.append(word.title.encode())
    parts += [repr((b.kind, b.level, b.text, b.images)).encode() for b in word.body]
    for photo in word.photos:  # each picture by its digest: not all of them in memory at once (a review)
        with photo.path.open("rb") as handle:
            parts.append(hashlib.file_digest(handle, "sha256").digest())
    return content_fingerprint(parts)


def _read(submission: Submission, prepared: Prepared, work: Path, settings: Settings, counties: Counties) -> None:
    taxonomy, outcome, folder = settings.taxonomy, prepared.outcome, prepared.folder
    docx, hidden = to_docx(submission.word, work)
    sent = sent_pictures(submission.word) if docx != submission.word else None  # converted by LibreOffice
    word: WordFile = read_word(docx, folder, taxonomy, settings.limits.max_pixels, sent, hidden, settings.form, settings.import_long_side)
    prepared.source = (fingerprint(submission.word), _read_mark(word))
    values = read_values(word.typed, taxonomy, counties)
    outcome.kind = "form" if word.is_form else "free"
    outcome.contact = values.contact
    # the report stars every personal number of the notes and problems (report.py), but on the
    # contact's line; a quote cut short is starred before the cut (pii.quoted)
    outcome.notes = [*word.notes, *values.notes]
    if docx == submission.word and (suffix := docx.suffix.lower()) not in WORD:  # to_docx: a .docx named .doc
        outcome.notes.insert(0, f"{docx.name} 其实是 .docx 文件（文件名写成了 {suffix}），已按 .docx 读取，不用另存。")
    if not word.is_form and word.title and ("title",) not in values.found:
        title_row = next(r for r in rows() if r.path == ("title",))
        try:
            values.found[("title",)] = parse_value(title_row, word.title, taxonomy)
        except ValueError as exc:  # an InputError: a title too long or too short
            values.problems["案例名称"] = str(exc)
            values.written[("title",)] = word.title
    outcome.problems = values.problems
    photos = list(word.photos)
    before = len(outcome.notes)
    beside, shown_cover, repeated = _beside(submission.beside, folder, photos, outcome, settings)
    outcome.photos_sent = word.pictures + len(submission.beside)
    # what was said of the photos sent beside that are not imported, for a material imported
    # before too (a review: an unreadable photo sent later went unsaid with the skipped form)
    prepared.refused = [note for note in outcome.notes[before:] if note not in repeated]
    listed, guessed, list_notes = (
        _listed_captions(submission.captions, beside, outcome, work, word) if submission.captions else (set(), set(), [])
    )
    photos += beside
    if not values.found and not values.problems and not photos and not any(b.kind != "heading" for b in word.body):
        # the form as it was handed out, or an empty document: a draft of nothing but 【请填写】 would follow
        raise IntakeError(_empty(submission.word.name, word))
    if not values.found and not values.problems and not word.is_form and not any(b.kind != "image" for b in word.body) and photos:
        # not a word but pictures: an organization's photos sent in a Word file of their own (a
        # trial's became 未填省份/case-2026-001/, a draft of 【请填写】 with 12 warnings)
        raise IntakeError(_only_pictures(submission.word.name, len(word.photos), len(beside)))
    if shrunk := [photo for photo in photos if photo.original_size]:
        widest = settings.import_long_side // IMPORT_SIDE_FACTOR
        before, after = sum(p.original_size for p in shrunk), sum(p.size for p in shrunk)
        outcome.notes.append(
            f"为什么缩小：网站上的照片最宽只用 {widest} 像素，长边 {settings.import_long_side} 像素已经足够清晰，裁切封面也够用。"
            "案例文件夹要提交到 Git 仓库，以后每个下载这个仓库的人（各地编辑、维护网站的人员）都要下载每张照片："
            + (
                f"这 {len(shrunk)} 张原来共 {_weight(before)}，缩小后共 {_weight(after)}"
                if len(shrunk) > 1
                else f"这张原来有 {_weight(before)}，缩小后 {_weight(after)}"
            )
            + "，网络不好时也容易下载成功。组织发来的原文件没有改动。"
        )
    cover = _cover(photos, folder, shown_cover)
    outcome.photos, outcome.cover = photos, cover
    if submission.captions is not None:  # for a material imported before (_photos_sent_later), by the
        # names the photos have once the cover is named (a review: cover.jpg's line was lost unsaid)
        prepared.caption_list = submission.captions.name
        prepared.listed = {photo.name: photo.alt for photo in photos if id(photo) in listed}
        prepared.guessed = {photo.name for photo in photos if id(photo) in guessed}
        prepared.list_notes = list_notes
    # A cover the write-up shows stays where the author put it, with its caption: the case page
    # shows such a photo once, in the body (a helper's trial lost the caption, and a section of
    # a photo alone became 【请填写】).
    # (a cover given its caption by the list too: the body shows it with it, as a pasted one)
    word.beside = [(p.name, p.alt) for p in [*word.unplaced, *beside] if p.name != cover or id(p) in listed]
    for row in rows():
        if row.path is None:
            continue
        if row.path in values.found:
            outcome.found[row.label] = as_value(values.found[row.path])
        elif row.path in values.left_empty:  # 结束时间：至今 was listed as 没有填写 (helper docH's notes)
            outcome.found[row.label] = values.left_empty[row.path]
        else:
            outcome.missing.append(row.label)
    prepared.word, prepared.values = word, values


def _weight(size: int) -> str:
    """A file size as the report's photo lines say it: KB under a megabyte (a reduced photo
    of 40 KB was “0.0 MB”)."""
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 1024:.0f} KB"


def _empty(name: str, word: WordFile) -> str:
    """Why a submission with nothing in it is not imported."""
    if word.is_form:
        return f"{name} 是一份空白的申报表（一项也没有填写），没有导入。请填写案例名称、正文等内容后再发来。"
    if word.inserted:  # all its text inserted from elsewhere (altChunk)
        return (
            f"{name} 的文字都是从别的文件或网页插入的内容（Word 打开时显示为正文），导入时读不出，没有导入。"
            "请用 Word 打开这份文件，另存为 .docx 后再导入（另存后这些内容成为普通文字）；"
            "电脑上没有 Word 的，请组织用 Word 另存后再发来（用 LibreOffice 打开时看不到这些内容）。"
        )
    hidden = "里的文字都设成了隐藏（Word 里看不见），" if word.hidden_text else "里没有文字，也没有图片，"
    return f"{name} {hidden}没有导入。可能发错了文件：请向组织要写好的案例材料（或填好的申报表）后再导入。"


def _only_pictures(name: str, pasted: int, beside: int) -> str:
    """Why a Word file holding pictures and no text (its photos beside it, if any) is not imported."""
    also = f"旁边的 {beside} 张照片也没有导入。" if beside else ""
    if not pasted:
        return (
            f"{name} 里没有文字，没有导入；{also}可能发错了文件：请向组织要写好的案例材料（或填好的申报表），"
            "和照片放在同一个文件夹里再导入。"
        )
    return (
        f"{name} 里只有 {pasted} 张图片，没有文字，没有生成案例；{also}这个文件多半是组织单独发来的照片，不是案例材料。"
        "请在 Word 或 WPS 里右键点每张图片，选“另存为图片”，把照片和这个组织的申报材料（Word 文件）放在同一个文件夹里再导入；"
        "申报材料已经导入过的，把照片放进它的草稿文件夹，插进正文。然后把这个文件移出收件箱。"
    )


def _prepare_all(
    submissions: list[Submission],
    work: Path,
    settings: Settings,
    tick: Callable[[int], None] | None = None,
    counties: Counties | None = None,
) -> list[Prepared]:
    """Read the submissions, on every core when there are several (reading is most of the work).

    As ``check_collection`` does: forked workers (Linux) that never re-run the command's main
    module; one core where processes cannot be made.
    """
    return map_on_cores(partial(prepare, work=work, settings=settings, counties=counties), submissions, minimum=2, tick=tick)


class Importer:
    """Imports submissions into ``root`` (the cases folder): read in parallel, written one by one."""

    def __init__(
        self, root: Path, settings: Settings, today: date | None = None, report: Reporter = silent, *, site_cases: Path | None = None
    ) -> None:
        self.root = root
        # progress of the reading (the command's bar or lines on stderr): 39 submissions with
        # ten .doc files to convert took 18 s with nothing on the screen (a helper's trial)
        self.report = report
        self.settings = settings
        self.today = today or china_today()  # the date in China, as every command reads dates
        collection = load_collection(root, settings) if root.is_dir() else None
        self.taken = taken_ids(collection) if collection else set()
        # Drafts put elsewhere (--into 草稿箱) move into the site's cases later: their ids are
        # not the site's either (an editor's week: gz-yuexiu-2023-001, already published), and
        # a case there is known as one here (a trial: 红马甲申报（修改版）.docx --into 草稿箱,
        # the first version published in cases/, made a new draft with a new id, unsaid).
        site = None
        if site_cases is not None and site_cases.is_dir() and site_cases.resolve() != root.resolve():
            site = load_collection(site_cases, settings)
            self.taken |= taken_ids(site)
        # Cases already there by title and organization: the same material imported again
        # (an inbox imported once more after new files came in) is not made a second case.
        self.known: dict[tuple[str, str], Path] = {}  # (title, organization) and (title, "")
        # And by the Word file each draft was made from (its fingerprint in the draft's
        # header): an editor's corrected title, or one the import refused, still finds it.
        self.sources: dict[str, Path] = {}
        self.made_now: set[Path] = set()  # the case folders this run wrote
        # The fingerprint of each imported draft's file, and those drafts by organization: a
        # corrected version sent later (another file, the same case) is told apart from the
        # same file sent again. A helper's trial: it was skipped as "之前已导入" (the draft as
        # imported) or, once the editor had retitled the draft, made a second case unsaid.
        self.marks: dict[Path, tuple[str, ...]] = {}
        self.statuses: dict[Path, Status | None] = {}  # each case folder's status: a revised version of a published one is said so
        self.imported_by_organization: dict[str, Path] = {}
        # the folder's own cases first: a draft there is the one to improve
        cases = [*(collection.cases if collection else []), *(site.cases if site else [])]
        # the counties the cases write, for a material whose organization's name begins with one
        self.counties = counties_of(cases)
        for case in cases:
            self.statuses[case.path.parent] = case.status
            self._know(case.title, case.organization.name, case.path.parent)
            if marks := read_source_marks(case.path):
                self._imported(marks, case.organization.name, case.path.parent)

    def run(self, paths: list[Path]) -> tuple[list[Outcome], list[str]]:
        self.root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".import-", dir=self.root))
        try:
            inbox = discover(paths, work)
            outcomes = list(inbox.refused)
            # Pillow's warning about a picture of many pixels went to the screen as a file path
            # and "warnings.warn(" (a hostile-input review); the import's own limit says it.
            with self.report("读取材料", len(inbox.submissions)) as tick, warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                read = _prepare_all(inbox.submissions, work, self.settings, tick, self.counties)
            for prepared in read:
                if prepared.outcome.ok:
                    self.finish(prepared)
                outcomes.append(prepared.outcome)
            return outcomes, inbox.notes
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def finish(self, prepared: Prepared) -> None:
        """Give the submission its id, write ``index.md``, move the folder into place, check it."""
        outcome, folder, word, values = prepared.outcome, prepared.folder, prepared.word, prepared.values
        assert word is not None and values is not None
        title, organization = values.found.get(("title",)) or word.title, values.found.get(("organization", "name"))
        title = title if isinstance(title, str) else ""
        organization = organization if isinstance(organization, str) else ""
        key = _same(title, organization)
        from_file = next((self.sources[mark] for mark in prepared.source if mark in self.sources), None)
        earlier = from_file or (self.known.get(key) if key[0] else None)
        if earlier is not None:
            mark = self.marks.get(earlier)  # from a file: no mark of this one, or from_file had found it
            same = "案例名称和组织名称都" if organization else "案例名称（材料里没有组织名称）"
            status = outcome.earlier_status = self.statuses.get(earlier)
            outcome.earlier_now = earlier in self.made_now
            public = status is not None and status.is_public  # it has an address: never deleted to import again
            if from_file is not None:
                # the same content in a file saved again (by WPS, LibreOffice, another Word): said so
                resaved = prepared.source[0] not in self.sources
                outcome.skipped = (
                    f"{_shown(earlier)} 就是从这份材料导入的"
                    + ("（这次的文件另存过，但内容和照片都没有变）" if resaved else "")
                    + "，不再生成一个新案例。"
                    + (_not_a_draft(earlier, status) if public else "要重新导入，请先删掉那个文件夹。")
                )
            elif mark and prepared.source and (public or status is Status.REVIEW):
                # a trial: a revised version of a published case was told to go into “那个草稿”
                outcome.changed = earlier
                outcome.skipped = f"{_shown(earlier)} 的{same}与这份材料相同，但它是从另一份文件导入的，" + _revised(earlier, status)
            elif mark and prepared.source:
                outcome.changed = earlier
                outcome.skipped = (
                    f"{_shown(earlier)} 的{same}与这份材料相同，但那个草稿是从另一份文件导入的。"
                    f"这份材料没有导入，{_shown(earlier)} 也没有改动（你在草稿里改过的地方都还在）：请对照这份材料，把改动改进那个草稿。"
                    "如果确实是另一个案例，请先在 Word 里改一下案例名称再导入；要用这份重新导入，先删掉那个文件夹（草稿里改过的地方会丢失）。"
                )
            else:
                outcome.skipped = f"{_shown(earlier)} 的{same}与这份材料相同，不再生成一个新案例。" + (
                    "如果确实是另一个案例，请先在 Word 里改一下案例名称；"
                    + (_not_a_draft(earlier, status) if public else "要重新导入，请先删掉那个文件夹。")
                )
            outcome.skipped += _photos_sent_later(prepared, earlier, status) + "".join(prepared.refused)
            shutil.rmtree(folder, ignore_errors=True)
            outcome.photos = []
            return
        alike = self.imported_by_organization.get(key[1]) if organization else None
        if alike is not None:
            outcome.same_organization = alike
        try:
            outcome.folder = written = self._write(outcome, folder, word, values, prepared.source)
        except (IntakeError, LinkedAwayError) as exc:
            outcome.error = str(exc)
        except OSError as exc:
            outcome.error = f"无法写入案例文件夹（{describe_write_error(exc)}）。"
        if outcome.error:
            shutil.rmtree(folder, ignore_errors=True)
            outcome.photos = []
            return
        if alike is not None:  # named once the new folder is written, which the editor may delete
            outcome.notes.append(
                f"{_shown(alike)} 也是从“{organization}”的材料导入的（案例名称不同）。如果这份是它的修改版，"
                # its state said beside it, not after the new folder (它 read as that one: an editor's trial)
                f"请把改动改到 {_shown(alike)}{_STATE_NOTE.get(self.statuses.get(alike), ' ')}里，"
                f"再删掉这次新建的文件夹 {_shown(written)}；如果是这个组织的另一个案例，不用管这一条。"
            )
        self._know(title, organization, written)
        self.made_now.add(written)
        if prepared.source:
            self._imported(prepared.source, organization, written)
        case = load_case(written / "index.md", self.settings)
        outcome.diagnostics = case.diagnostics

    def _imported(self, marks: tuple[str, ...], organization: str, folder: Path) -> None:
        """A case made from a file (its fingerprints ``marks``): found again by them, and by its organization."""
        self.marks[folder] = marks
        for mark in marks:
            self.sources.setdefault(mark, folder)
        if same := _same("", organization)[1]:
            self.imported_by_organization.setdefault(same, folder)

    def _know(self, title: str, organization: str, folder: Path) -> None:
        """A case already there: found again by its title and organization, or by its title
        alone when a later material names no organization."""
        if not _same(title, "")[0]:
            return
        self.known.setdefault(_same(title, organization), folder)
        self.known.setdefault(_same(title, ""), folder)

    def _write(self, outcome: Outcome, folder: Path, word: WordFile, values: Values, prepared_source: tuple[str, ...] = ()) -> Path:
        found = values.found
        province = found.get(("region", "province"))
        when = found.get(("date",))
        prefix = region_prefix(
            province.name if province else "",
            found.get(("region", "city")),
            found.get(("region", "county")),
            province_key=province.key if province else "",
        )
        parent = self.root / (province.name if province else UNKNOWN_PROVINCE)
        year = (when or found.get(("end_date",)) or self.today).year
        if when is None:
            outcome.notes.append(
                f"开展时间没有读出来，案例编号 …-{year}-… 里的年份是暂定的：改好 date 后，"
                "请把编号（id）和文件夹名里的年份一起改成活动的年份。"
            )
        case_id = propose_id(prefix, year, self.taken, exists=lambda i: (parent / i).exists())
        text = render(
            values,
            case_id=case_id,
            title=word.title,
            taxonomy=self.settings.taxonomy,
            cover=outcome.cover,
            body=word.body,
            today=self.today,
            source=prepared_source,
        )
        text += beside_photos_markdown(word.beside)
        # Zero-width spaces, soft hyphens and direction marks pasted from WeChat, web pages or
        # Word: the check warns of them in a body (a phone shows a soft hyphen as "-" where a
        # line breaks), and copied text carries them on. The cells lose
        # theirs as they are read (values.py); an emoji's own joiners stay.
        text, invisible_chars = invisible.without(text)
        if invisible_chars:
            outcome.notes.append(f"正文里有 {invisible_chars} 个看不见的字符（从微信、网页或 Word 复制文字时常带进来），已去掉。")
        # A draft past the check's limit for index.md could not be read back (it was refused as
        # "not status: draft", after the number masking had taken 10 s over 7 MB of digits).
        size = len(text.encode("utf-8"))
        if size > MAX_CASE_BYTES:
            raise IntakeError(
                f"材料的文字写成案例后有 {size / 1048576:.1f} MB（{_chars(len(text))}），"
                f"超过案例文件 index.md 的上限（{MAX_CASE_BYTES / 1048576:.0f} MB），没有导入。"
                "一个案例的文字一般几千字：请删去粘贴进来的名单、表格等多余内容，长材料可以分成几份，再导入。"
            )
        # The cases folder is public (and a draft committed stays in the history): a mobile or
        # ID number the material wrote is starred before it is written, and the report says so.
        # Full-width stars: Markdown read two numbers' 138****5678 in a line as bold (138<strong>…).
        series = figure_series(text)  # 135→1240→3680: starred as a number, its middle figure gone from the draft
        # an address's digits written as %31%33%38… (the same address: RFC 3986 2.3) are read
        # as the check reads them, and a number among them starred (a red team: kept whole)
        text = _ADDRESS.sub(lambda found: _PERCENT_UNRESERVED.sub(lambda code: chr(int(code[1], 16)), found.group(0)), text)
        text, hidden = mask_numbers(text, star="＊")
        if hidden:
            outcome.notes.append(
                f"材料里有 {hidden} 个手机号码或身份证号码，导入时已把中间几位换成 ＊（案例文件夹是公开的）。"
                "请看草稿里带 ＊ 的号码：不该公开的整句删掉；需要留联系方式时写单位的办公电话。"
                + (
                    f"其中 {series} 个是用箭头或波浪线（→、～）连起来的三个数字，可能写的是变化、不是号码："
                    f"请对照材料补回中间的数字，{SERIES_HINT}。"
                    if series
                    else ""
                )
            )
        # The form says its 联系人 is never published: the names it gives are taken out of the
        # draft wherever the material wrote them too (有事请找王小明老师: a worker's trial passed
        # the check and reached the site), marked for the editor as the template's blanks are.
        names = person_names(outcome.contact.values())
        # No comma in the blank: in a list (服务对象：沿河居民、王建军家属) the check read a
        # Chinese comma as two items written as one, and advised splitting the blank (a helper's trial).
        hidden_names = hide_names(text, names, f"{MARKER}：联系人姓名已隐去（删掉或改写这句）】")
        text = hidden_names.text
        if hidden_names.count:
            outcome.notes.append(
                f"材料里有 {hidden_names.count} 处写了联系人的姓名（{'、'.join(names)}），导入时已换成“{MARKER}：联系人姓名已隐去…】”："
                "联系人的姓名不在网站上公开，请把这些句子删掉或改写（例如“报名请找社区社工”）；联系人本人同意公开时，可以写回姓名。"
            )
        if hidden_names.kept:  # 张丽华 for 张丽 (an editor's trial found it cut to 【…】华)
            outcome.notes.append(
                f"草稿里的“{'”“'.join(hidden_names.kept)}”开头是联系人的姓名，像是别人的名字，照原样留下了："
                "如果写的就是联系人，请把这句删掉或改写。"
            )
        (folder / "index.md").write_text(text, encoding="utf-8", newline="\n")
        # Whatever the material held, what is written is a draft, read as the check reads it.
        written = load_case(folder / "index.md", dataclasses.replace(self.settings, check_images=False))
        if written.status is not Status.DRAFT:
            raise IntakeError("导入的草稿读出来不是 status: draft，没有写入：请把这份材料发给维护网站的人员查看。")
        # A body past the check's bounds (a 200-page material: 536 KB, within index.md's 2 MB)
        # is an error of the check that stops the build of the whole site, a draft too.
        unsafe = next((d for d in written.diagnostics if d.code in UNBOUNDED), None)
        if unsafe is not None:
            raise IntakeError(_unsafe_body(unsafe, written.body, self.settings.markdown.max_bytes))
        target = parent / case_id
        refuse_linked_away(target, self.root)  # a province's folder a link out of the project: nothing written there
        parent.mkdir(parents=True, exist_ok=True)
        if target.exists():  # propose_id saw it free; someone wrote it meanwhile
            raise IntakeError(f"{target} 已经存在，不会覆盖。")
        os.rename(folder, target)
        self.taken.add(case_id)
        return target


# A name a phone, WeChat or QQ gave the photo (微信图片_20230512101010, 屏幕截图 2023-05-12),
# or a word for "picture": no caption, so the draft asks for one (【请填写】) instead.
# (and a word or two numbered as one of a series, 送餐1, 合影-2: the topic, no caption; an
# editor's trial found 送餐1 under a photo, with no 【请填写】 for the check to hold back)
_SERIES_NUMBER = re.compile(r"[\s_\-]*[(（]?\d{1,3}[)）]?$")
# the number a worker put before a name to order the photos (1.粤剧社排练, 02_活动现场): no part
# of the caption (an organization's trial: 说明：1.粤剧社在社区文化室排练)
_ORDER_NUMBER = re.compile(r"^\s*[(（]?\d{1,3}(?:[)）]|\s*[.、．_\-])\s*(?=\D)")  # not 30 名党员合影 (a review)
_GENERATED_NAME = re.compile(
    r"^(?:微信图片|QQ图片|屏幕截图|截图|截屏|图片|照片|相片|未命名|新建|副本|大图|小图)[\s_\-\d()（）.:：]*$|\d{8}"
    r"|^\D{1,4}?" + _SERIES_NUMBER.pattern
)


# a case of the same organization a new draft may be the revised version of, when it is no draft
_STATE_NOTE: dict[Status | None, str] = {
    Status.REVIEW: "（它已提交审核：改了要告诉审核单位重新审阅）",
    Status.PUBLISHED: "（它已经发布：改了要由审核单位再审核，见投稿指南第七节）",
    Status.WITHDRAWN: "（它已经撤回：改好后由审核单位重新发布）",
}


def _revised(earlier: Path, status: Status | None) -> str:
    """What to do with a revised version (another file) of a case in review, published or
    withdrawn: no draft to improve. Said after “…但它是从另一份文件导入的，”."""
    case = f"{_shown(earlier)}/index.md"
    if status is Status.REVIEW:
        return (
            f"已经提交审核（status: review，待审），还没有发布。这份材料没有导入，{_shown(earlier)} 也没有改动："
            f"请对照这份材料，把改动改进 {case}，并告诉审核单位内容改了、要按改过的重新审阅。"
            "如果确实是另一个案例，请先在 Word 里改一下案例名称再导入。"
        )
    label = (
        "已经发布（status: published），网站上公开显示" if status is Status.PUBLISHED else "已经撤回（status: withdrawn），网址上是撤回说明"
    )
    return (
        f"{label}。这份材料没有导入，{_shown(earlier)} 也没有改动：请对照这份材料，把改动直接改进 {case}（新照片放进那个文件夹）。"
        f"{_approve_again(status)}（见投稿指南第七节）。不要删掉那个文件夹，也不要把它改回草稿：原来的网址会失效。"
        "如果确实是另一个案例，请先在 Word 里改一下案例名称再导入。"
    )


def _approve_again(status: Status | None) -> str:
    """The next step once a published or withdrawn case is changed, worded once for the same
    file imported again and for a revised version: the same file's was “再审核”, which plain
    ``approve`` refuses for a withdrawn case, and a withdrawn case's page is no public content."""
    if status is Status.PUBLISHED:
        return "改的是网站上公开的案例：改好后要由审核单位再审核一次（运行 showcase approve，更新审核日期），合并后网站上的页面才会变"
    # as approve --help says: only once the reason it was withdrawn for is gone (组织已注销 is not)
    return "撤回的原因已经消除、要重新发布时，改好后由审核单位运行 showcase approve --republish 重新发布"


def _not_a_draft(earlier: Path, status: Status | None) -> str:
    """Instead of “delete the folder to import again”, for a published or withdrawn case."""
    label = "已经发布" if status is Status.PUBLISHED else "已经撤回"
    return (
        f"{_shown(earlier)} {label}（status: {status.value if status else ''}），不能删掉重新导入（原来的网址会失效）："
        f"要改内容，请直接改 {_shown(earlier)}/index.md。{_approve_again(status)}（见投稿指南第七节）。"
    )


def _same(title: str, organization: str) -> tuple[str, str]:
    """A title and an organization as compared for a second import: no spaces or punctuation."""
    return (re.sub(r"[\W_]+", "", title), re.sub(r"[\W_]+", "", organization))


_PHOTO_NUMBER = re.compile(r"photo(\d+)", re.IGNORECASE)


def _photos_sent_later(prepared: Prepared, earlier: Path, status: Status | None) -> str:
    """What a submission imported before says of the photos sent beside it that its case
    folder does not hold (a helper's trial: photos sent after the form, imported again as
    the guide says, were skipped with the form and never named). Into a draft they are
    written, cleaned and numbered on (its index.md untouched, its photos compared by their
    bytes: the same photo comes out of the import as the same file); a case in review or
    published is the editor's, and only hears their names."""
    word = prepared.word
    everyone = prepared.outcome.photos if word is not None else []
    beside = everyone[len(word.photos) :] if word is not None else []
    try:
        files = [path for path in earlier.iterdir() if path.is_file()]
        held = {hashlib.sha256(path.read_bytes()).digest(): path.name for path in files}
        text = (earlier / "index.md").read_text(encoding="utf-8", errors="replace") if (earlier / "index.md").is_file() else ""
    except OSError:
        return ""
    digests = {id(photo): hashlib.sha256(photo.path.read_bytes()).digest() for photo in everyone}
    new = [photo for photo in beside if digests[id(photo)] not in held]
    said = _captions_sent_later(
        prepared, earlier, text, [(photo, held[digests[id(photo)]]) for photo in everyone if digests[id(photo)] in held]
    )
    if not new:
        return said
    sent = "、".join(_photo_file(photo) for photo in new)
    alike = _alike(new, [path for path in files if path.suffix.lower() in PHOTOS], text)
    if status is not Status.DRAFT:
        # only what the list wrote: a caption its file name gave is no caption sent (a review)
        captioned = "；".join(f"{_photo_file(photo)}：{photo.alt}" for photo in new if photo.name in prepared.listed)
        return (
            f"旁边新发来的 {len(new)} 张照片（{sent}）{_shown(earlier)} 里没有，也没有导入：要用的话，请放进那个案例文件夹，先运行 showcase clean-photos 去掉照片里的拍摄地点等信息，再在正文里引用。"
            + (f"发来的照片说明：{captioned}。" if captioned else "")
            + "".join(f"{_photo_file(photo)} 标着封面。" for photo in new if photo.cover_hint)
            + "".join(
                f"{_photo_file(photo)} 看起来和 {_shown(earlier)} 里的 {held_name} 很像，可能是同一张照片（另存或压缩过）。"
                for photo, held_name in alike
            )
            + said
        )
    number = max((int(m.group(1)) for path in files if (m := _PHOTO_NUMBER.fullmatch(path.stem))), default=0)
    written = []
    for photo in new:
        number += 1
        name = f"photo{number}{photo.path.suffix.lower()}"
        shutil.copyfile(photo.path, earlier / name)
        written.append(name)
    # each with the caption a list sent with them, or their file names, gave it (a review: the
    # list's captions were read and then dropped, the editor told to write 照片说明 for each)
    twins = {id(photo) for photo, _ in alike}
    lines = [
        f"![{photo.alt or '照片说明'}]({name})" + ("（说明是按顺序对上的，请核对）" if photo.name in prepared.guessed else "")
        for photo, name in zip(new, written, strict=True)
        if id(photo) not in twins
    ]
    names = dict(zip(map(id, new), written, strict=True))
    return (
        f"旁边新发来的 {len(new)} 张照片（{sent}）草稿里还没有，已放进 {_shown(earlier)}：{'、'.join(written)}"
        "（已去掉拍摄地点等信息）。草稿的文字没有改动"
        + (f"：请在正文合适的地方写上 {'、'.join(lines)}。" if lines else "。")
        # a photo sent again re-saved (other bytes) was written twice, its caption given to the copy (a trial)
        + "".join(
            f"其中 {names[id(photo)]}（{_photo_file(photo)}）看起来和草稿里的 {held_name} 很像，可能是同一张照片（另存或压缩过）："
            f"请打开两张对比，是同一张的话删掉 {names[id(photo)]}，说明写在 {held_name} 上；不是的话在正文里写上 ![{photo.alt or '照片说明'}]({names[id(photo)]})。"
            for photo, held_name in alike
        )
        # the one its name or the list marks 封面 (a trial: the mark was lost unsaid)
        + "".join(
            f"{_photo_file(photo)} 标着封面：要用它作封面的话，把草稿的 cover 改成 {names[id(photo)]}。"
            for photo in new
            if photo.cover_hint
        )
        + said
    )


def _alike(new: list[Photo], held: list[Path], text: str) -> list[tuple[Photo, str]]:
    """Each photo of ``new`` that looks like one of ``held`` (the draft's), with its name there:
    the same picture saved again, its bytes changed (by the phone, WeChat, a program), which
    a comparison of bytes does not see. Compared by a difference hash of a small grey copy
    (16×16: 256 bits), alike within 8 bits and of the same shape; the closest, a photo the
    text shows before the cover's copy. A photo that cannot be read, or of one colour, is
    alike to none (a review: a 64-bit hash took a photo with a person added for the same)."""
    looks = [(path.name, look) for path in held if (look := _look(path)) is not None]
    found = []
    for photo in new:
        mine = _look(photo.path)
        if mine is None:
            continue
        close = [
            ((bits ^ mine[0]).bit_count(), f"]({name})" not in text, name)
            for name, (bits, shape) in looks
            if abs(shape - mine[1]) <= 0.02 * mine[1] and (bits ^ mine[0]).bit_count() <= _ALIKE_BITS
        ]
        if close:
            found.append((photo, min(close)[2]))
    return found


_ALIKE_BITS = 8
_LOOK_PIXELS = 40_000_000  # a photo larger than this is not decoded to compare it (a PNG of 92 MP warned and took seconds)


def _look(path: Path) -> tuple[int, float] | None:
    """A difference hash of the picture at ``path`` (256 bits: is each of 16×16 grey samples
    lighter than the one to its right) and its shape (width / height); None if it cannot be
    read, is too large to decode for this, or is of one colour."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                if picture.width * picture.height > _LOOK_PIXELS and picture.format != "JPEG":
                    return None
                shape = picture.width / max(picture.height, 1)
                picture.draft("L", (128, 128))  # a JPEG decoded at a fraction of its size: enough for 17×16
                grey = picture.convert("L").resize((17, 16), Image.Resampling.BILINEAR)
                values = grey.tobytes()  # one byte a sample, mode L
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None
    if max(values) - min(values) < 16:  # a flat picture (one colour): its hash says nothing of it
        return None
    bits = 0
    for row in range(16):
        for column in range(16):
            bits = bits << 1 | (values[row * 17 + column] > values[row * 17 + column + 1])
    return bits, shape


def _captions_sent_later(prepared: Prepared, earlier: Path, text: str, held: list[tuple[Photo, str]]) -> str:
    """What a material imported before says of the caption list sent with it this time (a
    review: the organization sends the captions of photos already imported, and the list was
    read and dropped unsaid): the captions of the photos the case already holds, by the file
    names they have there, unless its text already has them; the case's text is never changed."""
    if prepared.caption_list is None:
        return ""
    # a caption given by order names no photo: the photos sent this time may not be those sent
    # before, and a photo's right caption was to be replaced by another's (a trial)
    missing = [
        (name, prepared.listed[photo.name])
        for photo, name in held
        if photo.name in prepared.listed
        and photo.name not in prepared.guessed
        and name not in _captioned(text, prepared.listed[photo.name])
    ]
    unsure = [prepared.listed[photo.name] for photo, _ in held if photo.name in prepared.guessed]
    said = [" ".join(prepared.list_notes)] if prepared.list_notes else []
    if missing:
        said.append(
            f"{prepared.caption_list} 里写的这些照片说明，{_shown(earlier)} 的正文里还没有（导入不会改动已有案例的文字），"
            "请在正文里写上（或把那张照片原来的说明改成）：" + "、".join(f"![{caption}]({name})" for name, caption in missing) + "。"
        )
    if unsure:
        said.append(
            f"{prepared.caption_list} 里的说明（{'；'.join(quoted(caption) for caption in unsure)}）没有写明是哪张照片，只能按顺序对应，"
            f"而这些照片之前已经导入过：请对照着照片，把说明写进 {_shown(earlier)}。"
        )
    if not said and not prepared.listed:  # none of the photos or pictures named or numbered by the list
        said.append(
            f"照片说明 {prepared.caption_list} 没有用上：里面的说明没有对上发来的照片，请打开看一看，有用的手工写进 {_shown(earlier)}。"
        )
    return "".join(said)


def _captioned(text: str, caption: str) -> set[str]:
    """The photos ``text`` gives ``caption``, by their file names: the same words count, a full
    stop or a title after them too (a trial: ![志愿者入户走访。](photo3.jpg) was said again each time)."""
    words = re.escape(caption.rstrip("。.！!"))
    # the name as an editor may write it too: ./photo3.jpg, <photo3.jpg> (a review)
    # the name stops at a parenthesis: across the next ![…]( it was quadratic on a hostile text (a review: 64 s)
    pattern = rf'!\[\s*{words}[。.！!]?\s*\]\(\s*<?(?:\./)?([^\s()<>]+)>?(?:\s+"[^"]*")?\s*\)'
    return {m[1] for m in re.finditer(pattern, text)}


def _listed_captions(
    captions: Path, beside: list[Photo], outcome: Outcome, work: Path, word: WordFile
) -> tuple[set[int], set[int], list[str]]:
    """The captions of a list sent with the material (``captionlist``) given to the photos
    sent beside it, and said in the report; the ids of the photos given one, of those given
    one by order alone (the line names no photo's file or number), and the report's notes on
    the list but the one naming the captions written (what a material imported before says
    too). With no photo sent beside, to the pictures of the Word file without a caption (a
    review: the list was said and the editor asked to copy it by hand)."""
    start = len(outcome.notes)
    given, by_order, written = _given_captions(captions, beside, outcome, work, word)
    return given, by_order, [note for note in outcome.notes[start:] if note is not written]


def _given_captions(
    captions: Path, beside: list[Photo], outcome: Outcome, work: Path, word: WordFile
) -> tuple[set[int], set[int], str | None]:
    """``_listed_captions``' work; the third of what it returns: the note naming the captions written."""
    try:
        source = captions if captions.suffix.lower() in captionlist.TEXT else to_docx(captions, work)[0]
        listed = captionlist.read_list(source)
    except (IntakeError, OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        why = f"（{exc}）" if isinstance(exc, IntakeError) else ""
        outcome.notes.append(f"照片说明 {captions.name} 没有读出来{why}，请打开看一看，把照片说明手工补进草稿。")
        return set(), set(), None
    if listed.pictures:  # its pictures are not read: said, never lost unsaid (a review)
        outcome.notes.append(
            f"照片说明 {captions.name} 里贴着 {listed.pictures} 张图片，没有导入（只读了其中的文字）："
            "请组织把这些照片单独发来，或从文件里另存出来，放进草稿的文件夹，插进正文。"
        )
    if listed.personal:
        lines = "、".join(str(number) for number in listed.personal[:10]) + ("……" if len(listed.personal) > 10 else "")
        outcome.notes.append(
            f"照片说明 {captions.name} 的第 {lines} 条写着联系人、拍摄人或电话号码，没有用作照片说明："
            "案例是公开的，个人信息不写进草稿；其中真有照片说明的，请去掉个人信息后手工写到照片上。"
        )
    if listed.cut:
        outcome.notes.append(f"照片说明 {captions.name} 超过 {captionlist.MAX_LINES} 条，只读了前 {captionlist.MAX_LINES} 条。")
    if not listed.captions:
        outcome.notes.append(f"照片说明 {captions.name} 里没有读到照片说明，请打开看一看，有用的手工补进草稿。")
        return set(), set(), None
    if not beside:
        return _pasted_captions(captions, listed.captions, outcome, word)
    given, left, by_place = captionlist.assign(listed.captions, [_photo_file(photo) for photo in beside])
    for at, caption in sorted(given.items()):
        beside[at].alt = alt_text(caption.text)
        if caption.cover and not any(photo.cover_hint for photo in beside):
            beside[at].cover_hint = True
    written = [(_photo_file(beside[at]), beside[at].alt) for at in sorted(given)]
    said = _caption_notes(outcome, captions, written, left, " {n} 张照片上", "随材料发来的照片")
    return {id(beside[at]) for at in given}, {id(beside[at]) for at in by_place}, said


def _caption_notes(
    outcome: Outcome, captions: Path, written: list[tuple[str, str]], left: list[captionlist.Caption], on: str, photos: str
) -> str | None:
    """The report's notes on a caption list's lines: those ``written`` (photo, caption), said
    as ``on`` (``{n}``: how many), and those ``left`` matching none of ``photos``; returns
    the first of them, None when nothing was written."""
    said = None
    if written:
        said = (
            f"照片说明 {captions.name} 里的说明已写到{on.format(n=len(written))}："
            + "；".join(f"{name}：{quoted(alt)}" for name, alt in written)
            + "。请在草稿里核对每张照片的说明。"
        )
        outcome.notes.append(said)
    if left:
        outcome.notes.append(
            f"照片说明 {captions.name} 里有 {len(left)} 条说明没有对上{photos}："
            + "；".join(f"“{quoted(caption.text)}”" for caption in left[:10])
            + ("……" if len(left) > 10 else "")
            + "。请把它们手工写到对应照片的说明里（![说明](照片文件名)）。"
        )
    return said


def _pasted_captions(
    captions: Path, found: list[captionlist.Caption], outcome: Outcome, word: WordFile
) -> tuple[set[int], set[int], str | None]:
    """A caption list's lines given to the Word file's own pictures without a caption, by the
    number each line starts with (the picture's place in the file), else in order; said."""
    blocks = {block.images[0]["src"]: block for block in word.body if block.kind == "image" and block.images[0]["src"]}
    bare = [photo for photo in word.photos if photo.name in blocks and not blocks[photo.name].images[0]["alt"]]
    places = {photo.name: number for number, photo in enumerate(word.photos, start=1)}
    # each picture named by its place among all of them: a list numbers the file's pictures, captioned or not
    given, left, _ = captionlist.assign(found, [f"第{places[photo.name]}张.jpg" for photo in bare]) if bare else ({}, found, set())
    for at, caption in sorted(given.items()):
        blocks[bare[at].name].images[0]["alt"] = bare[at].alt = alt_text(caption.text)
    written = [(bare[at].name, bare[at].alt) for at in sorted(given)]
    said = _caption_notes(outcome, captions, written, left, "文中贴的 {n} 张照片上（这份材料没有另外发来照片）", "文中没有说明的照片")
    return {id(bare[at]) for at in given}, set(), said


def _photo_file(photo: Photo) -> str:
    """The name a photo sent beside had, for the report (``Photo.source``: 随文件发来的 a.jpg)."""
    return photo.source.removeprefix("随文件发来的").strip() or photo.name


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _beside(
    paths: list[Path], folder: Path, pasted: list[Photo], outcome: Outcome, settings: Settings
) -> tuple[list[Photo], Photo | None, list[str]]:
    """The photos sent beside the file, and the pasted picture to take as the cover when the
    one named 封面 is that picture sent again. A photo sent beside that is one of the file's
    pictures (a worker pastes the photos and sends them too: WeChat, a zip of the folder) is
    not written again: it was a second file of the case, shown twice on its page, once
    without its caption (a helper's trial). Both go through the same cut, so the same photo
    comes out as the same bytes. The third of what it returns: the notes that say a photo is
    one of the file's pictures or was imported smaller (the others say why a photo was not
    imported: a material skipped as imported before repeated the smaller one's note, an editor's trial)."""
    repeated: list[str] = []
    keep = Pictures(
        folder, len(pasted), settings.limits.max_pixels, long_side=settings.import_long_side
    )  # numbering goes on after the pasted pictures
    known = Pictures.digests(pasted)
    found: list[Photo] = []
    cover: Photo | None = None
    limit = settings.limits.max_bytes
    for path in paths:
        try:
            size = path.stat().st_size
            if size > limit:
                outcome.notes.append(
                    f"照片 {path.name} 有 {size / 2**20:.0f} MB，超过 {limit / 2**20:.0f} MB 的上限，没有导入："
                    "请用手机或电脑把它另存为小一些的 JPEG（例如在微信里发送后保存），再和材料一起发来。"
                )
                continue
            data = path.read_bytes()
        except OSError as exc:
            outcome.notes.append(f"照片 {path.name} 无法读取（{describe_os_error(exc)}），没有导入。")
            continue
        for page, where, part in _pages(data, path.name, outcome, settings.limits.max_pixels):
            photo, same = keep.keep_new(page, where, known)
            if same is not None:
                chosen = COVER_WORD in path.stem and part <= 1 and cover is None
                cover = same if chosen else cover
                repeated.append(f"{where}和{same.source}是同一张照片，没有重复导入" + ("，用文中的这张作封面。" if chosen else "。"))
                outcome.notes.append(repeated[-1])
                continue
            if photo is None:
                continue
            photo.cover_hint = COVER_WORD in path.stem and part <= 1
            stem = path.stem
            # a longer name's number in its series goes (重阳节活动现场1: 重阳节活动现场)
            named = " ".join(_SERIES_NUMBER.sub("", _ORDER_NUMBER.sub("", stem, count=1)).split())
            photo.alt = "" if stem.isascii() or photo.cover_hint or _GENERATED_NAME.search(stem) else named
            photo.alt += f" 第 {part} 页" if part and photo.alt else ""
            found.append(photo)
    outcome.notes += keep.notes
    return found, cover, repeated + keep.smaller


def _unsafe_body(found: Diagnostic, body: str, limit: int) -> str:
    """Why a material whose draft the check could not convert is not imported (``UNBOUNDED``)."""
    # (the report says 没有导入 before it: ✗ 没有导入：…)
    stops = "这样的草稿会让整个网站都不能生成和发布。"
    if found.code == "body-too-large":
        return (
            f"材料的文字写成案例后正文有 {len(body.encode('utf-8')) / 1024:.0f} KB（{_chars(len(body))}），"
            f"超过案例正文的上限（{limit / 1024:.0f} KB），{stops}"
            "一个案例的文字一般几千字：请删去粘贴进来的会议记录、名单、表格等多余内容，长材料可以分成几份，再导入。"
        )
    # the check's hint is the Markdown's (a backslash, the marks at a line's start): not the Word file's
    return f"材料写成案例后无法转换成网页：{found.message}{stops}请在 Word 里删去多余的符号（或减少列表的层数）后再导入。"


def _named_in_text(name: str) -> str:
    """A file's name in a sentence: in quotes when it holds a space (“活动 照片.jpg”), where
    it begins and ends is seen; else set off by spaces, as the report writes names."""
    return f"“{name}”" if any(ch.isspace() for ch in name) else f" {name} "


def _chars(count: int) -> str:
    """A length of text as a Word user counts it: 约 78 万字, 6000 字."""
    return f"约 {count / 10000:.0f} 万字" if count >= 10000 else f"{count} 字"


def _pages(data: bytes, name: str, outcome: Outcome, max_pixels: int) -> list[tuple[bytes, str, int]]:
    """A photo sent beside the file as (data, where, page): itself (page 0), or, for a TIFF of
    several pages (a scanner's), each page, said in the report: page 2 on were lost unsaid."""
    try:
        split = tiff_pages(data, max_pixels)
    except Exception:  # a page that does not decode: the photo as sent, which keep() words
        split = None
    if split is None:
        return [(data, f"随文件发来的{_named_in_text(name)}", 0)]
    pages, count = split
    budget = TIFF_PIXEL_LIMITS * max_pixels
    pixels = f"{budget / 10**8:.3g} 亿" if budget >= 10**8 else f"{budget // 10000} 万"
    more = (
        f"，只导入了前 {len(pages)} 页（一个文件最多导入 {MAX_TIFF_PAGES} 页、合计 {pixels}像素）；其余的页请另存为图片后再发来"
        if count > len(pages)
        else ""
    )
    outcome.notes.append(f"{name} 是一个多页的 TIFF 文件（扫描件），每页导入为一张照片{more}。")
    for number, page in enumerate(pages, 1):
        if page == TOO_MANY_PIXELS:
            outcome.notes.append(f"{name} 的第 {number} 页像素太多（超过 {max_pixels // 10000} 万像素的上限），没有导入；请缩小后再发来。")
        elif page in (UNREADABLE, LOST):
            which = f"的第 {number} 页" if page == UNREADABLE else f"从第 {number} 页起的页"
            outcome.notes.append(
                f"{name} {which}无法读取（文件可能不完整或已损坏），没有导入；请在扫描软件里重新保存这个文件，或把各页另存为图片后再发来。"
            )
    return [
        (page, f"随文件发来的{_named_in_text(name)}第 {number} 页", number)
        for number, page in enumerate(pages, 1)
        if isinstance(page, bytes)
    ]


def _cover(photos: list[Photo], folder: Path, shown: Photo | None = None) -> str | None:
    """The picture whose file name says 封面, else ``shown`` (the picture in the file that
    photo was), else the first one."""
    if not photos:
        return None
    chosen = next((p for p in photos if p.cover_hint), shown or photos[0])
    if chosen.cover_hint:
        name = f"cover.{chosen.name.rsplit('.', 1)[1]}"
        os.rename(chosen.path, folder / name)
        chosen.name, chosen.path = name, folder / name
    return chosen.name
