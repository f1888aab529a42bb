"""Loading a whole collection: every case, every problem, in one run."""

from __future__ import annotations

import dataclasses
import os
import re
import stat
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import unquote

from ..case import content, invisible, placeholders, source, yamlnodes
from ..case.bodyimages import find_more_images, find_shown_images
from ..case.bodylayout import check_layout
from ..case.bodylinks import check_links
from ..case.bounds import UNBOUNDED, check_markdown
from ..case.comments import without
from ..case.imagerefs import check_images, find_body_images, in_a_sub_folder, spelled_as
from ..case.loosefiles import ARCHIVES, PHOTOS, check_archive, check_loose_file
from ..case.model import SUMMARY_ORDER, Case, ImageRef, Status
from ..case.pii import mask_numbers
from ..case.places import county_order, county_stem, sounds_alike, usual_name
from ..case.rawhtml import removed_html, unclosed_html
from ..case.reviewers import check_reviewer
from ..case.rules import ID_PATTERN, CaseBuilder
from ..diagnostics import Diagnostic, DiagnosticList, describe_os_error, first_few, shown_path
from ..progress import Reporter, silent
from ..workers import map_on_cores
from . import portable, stored
from .settings import Settings
from .taxonomy import Term, Vocabulary

CASE_FILE = "index.md"
_MARKDOWN = (".md", ".markdown", ".md.txt")
# What a body holds besides its story: HTML comments and heading lines; then any letter,
# digit or picture is a story (empty-body).
# A comment left open is no comment on the page (Python-Markdown shows "<!--" and what follows:
# body-unclosed-tag says so), so it hides no story here either.
_NO_STORY = re.compile(r"<!--.*?-->|^[ ]{0,3}#{1,6}(?:[ \t][^\n]*)?$", re.S | re.M)
_NO_STORY_NO_COMMENT = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t][^\n]*)?$", re.S | re.M)  # for ``comments.without``
_NO_STORY_START = re.compile(r"<!--|^", re.M)
_STORY = re.compile(r"[^\W_]|!\[|<img", re.I)
_LEAD = re.compile(r"(?:\s*<!--.*?-->)*\s*", re.S)  # what comes before a body's first line of text
_DOCUMENTS = frozenset({".docx", ".doc", ".wps"})  # what organizations send instead of index.md
_PHOTOS = PHOTOS | {".pdf"}  # and what may come with it (a scan)
# What a file manager leaves in any folder: never a case, never reported.
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})
MAX_CASE_BYTES = 2 * 1024 * 1024  # a case's text is a few kilobytes; anything near this is not a case


@dataclass
class Collection:
    root: Path
    cases: list[Case]
    diagnostics: list[Diagnostic]  # of every case and of the collection, sorted
    # Case-cache entries found damaged and made again (``stored.py``), in words naming the
    # file and its case: said once by whoever shows the collection (the build, a command).
    repaired: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def published(self) -> list[Case]:
        return [c for c in self.cases if c.is_published]

    def summary(self) -> dict[str, int]:
        states = Counter(c.status.value if c.status else "invalid" for c in self.cases)
        return {
            "cases": len(self.cases),
            **{state.value: states[state.value] for state in SUMMARY_ORDER},
            "invalid": sum(1 for c in self.cases if not c.ok),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }


def summary_line(summary: dict[str, int]) -> str:
    """``Collection.summary()`` in a line of words: what the check, the build and a pull
    request's summary end with."""
    # a file not read, or a status not one of these: in no state (a review: the counts did not add up)
    unknown = summary["cases"] - sum(summary[state.value] for state in SUMMARY_ORDER)
    return (
        f"共 {summary['cases']} 个案例："
        + "，".join(f"{state.label} {summary[state.value]}" for state in SUMMARY_ORDER)
        + (f"，状态读不出 {unknown}" if unknown > 0 else "")
        # The states are what the files say; a case with an error is on no site, whatever its state.
        + (f"，其中 {summary['invalid']} 个有错误（改好之前，整个网站都不能生成和发布）" if summary.get("invalid") else "")
        + f"；错误 {summary['errors']} 处，警告 {summary['warnings']} 处。"
    )


def load_case(path: Path, settings: Settings, data: bytes | None = None) -> Case:
    """Load and validate one ``index.md``; never raises for bad content."""
    case = Case(path=path)
    diags = DiagnosticList(path)
    raw = _read(path, diags) if data is None else data
    if raw is not None and len(raw) > MAX_CASE_BYTES:
        _too_large(len(raw), diags)
        raw = None
    if raw is None:
        case.diagnostics = diags.items
        return case
    told: list[tuple[str, int, str]] = []  # the words of the photos' metadata (check_images)
    text = source.decode(raw, diags)
    if text is not None and source.conflicts(text, diags):  # nothing else is worth reading until it is resolved
        case.id = source.id_despite_conflicts(text)  # known to the rules across cases: not a lost address too
        case.diagnostics = diags.items
        return case
    parts = source.split(text, diags) if text is not None else None
    located = yamlnodes.parse(parts.front_matter, parts.front_matter_line, diags) if parts else None
    if located is not None:
        CaseBuilder(case, located, settings.taxonomy, diags, settings.today).build()
        check_reviewer(case, settings.reviewers, diags)
    if parts is not None:
        case.body, case.body_line = parts.body, parts.body_line
        lead = _LEAD.match(case.body)  # blank lines and comments (the template starts with one)
        if lead is not None and case.body.startswith("# ", lead.end()):
            line = parts.body_line + case.body[: lead.end()].count("\n")
            diags.warning(line, "body-title", "正文不需要一级标题（# 开头），标题取自 title。", "删掉这一行，或改成二级标题 ## 。")
        if case.status in (Status.REVIEW, Status.PUBLISHED) and not _STORY.search(
            without(case.body, _NO_STORY, _NO_STORY_NO_COMMENT, _NO_STORY_START, nul_cuts=False)
        ):
            # the contract asks for no body, so a reminder: a worker's trial sent one to review
            # and published it with nothing under its front matter, unsaid
            diags.warning(
                parts.body_line,
                "empty-body",
                "正文是空的（没有文字，只有标题行或注释）：案例页上只有标题、摘要和基本信息。",
                "在基本信息（--- 之间）的下面写正文：基本情况、主要做法、工作成效、经验启示，写法见投稿指南第三节。",
            )
        check_markdown(case.body, case.body_line, diags, settings.markdown)
        invisible.check_body(case.body, case.body_line, diags)
        check_layout(case.body, case.body_line, diags)
        removed_html(case.body, case.body_line, diags)
        unclosed_html(case.body, case.body_line, diags)
        if not any(d.code in UNBOUNDED for d in diags.items):  # within the bounds: safe to convert
            case.case_links = check_links(case.body, case.body_line, case.id, path.parent, diags)
        refs = find_body_images(case.body, case.body_line)
        found = {(ref.src, ref.line) for ref in refs}
        refs += [ref for ref in find_more_images(case.body, case.body_line) if (ref.src, ref.line) not in found]
        if not any(d.code in UNBOUNDED for d in diags.items):  # within the bounds: safe to convert
            refs += find_shown_images(case.body, case.body_line, refs)
        if case.cover:
            refs.insert(0, ImageRef(case.cover, case.line("cover"), is_cover=True))
        case.images = refs
        if settings.check_images:
            told = check_images(path.parent, refs, diags, settings.limits, ends=settings.image_ends)
    names = folder_names(path.parent, case.images) if settings.check_images and text is not None else []
    if names:
        # Front matter that could not be read, or a cover that was refused: which photo is the
        # cover is not known, and "not used, delete it" was said of it (a contract audit).
        cover_line = case.lines.get(("cover",))
        cover_unknown = located is None or (cover_line is not None and any(d.is_error and d.line == cover_line for d in diags.items))
        unused_files(path.parent, names, case.images, diags, numbers=not settings.allow_personal_numbers, photos=not cover_unknown)
    if located is not None:
        invisible.check_values(located, diags)
    invisible.check_names(names, diags)
    if text is not None:
        content.screen(
            text,
            located,
            diags,
            settings.review_words,
            allow_personal_numbers=settings.allow_personal_numbers,
            publishing=case.status in (Status.REVIEW, Status.PUBLISHED),
            body=parts.body if parts else None,
            body_line=parts.body_line if parts else 0,
            names=names,
            photos=told,
        )
        if (
            parts is not None
        ):  # a file whose --- lines are not read has that one error, not the template's comments as blanks (a worker's trial)
            placeholders.scan(text, case.status, diags, parts.body_line)
        content.traditional_text(text, diags)
    case.diagnostics = sorted(diags.items, key=Diagnostic.sort_key)
    return case


MAX_FOLDER_NAMES = 1000  # a case folder holds a few photos; the rest is not looked at


def unused_files(
    folder: Path,
    names: list[tuple[str, int]],
    images: list[ImageRef],
    diags: DiagnosticList,
    *,
    numbers: bool = True,
    photos: bool = True,
) -> None:
    """Files of the case folder the case does not use: never on the site, but the folder is
    public once committed. A security review left the organization's Word form (a contact's
    phone and ID number in it) and a list of names beside a published case, unsaid; with
    ``numbers``, each is read for personal numbers, an error at the file (a red team's list
    of names with an ID and a mobile number had only this warning). Without ``photos`` (the
    cover is not known), photos are read for numbers but not called unused."""
    # a name no file can have (cover: "photo1.jpg\0", a YAML escape) is its rule's error, and
    # no path to resolve: os.path.realpath raised ValueError, a traceback (a security review)
    used = {name for ref in images if "\0" not in (name := _named(ref))}
    unused = [name for name, _ in names if name not in used and (folder / name).is_file()]
    if unused:  # a photo that links to another file uses it: resolved only when something is left (most folders: nothing)
        targets = {os.path.realpath(folder / name) for name in used}
        unused = [name for name in unused if os.path.realpath(folder / name) not in targets]
    if unused:  # a photo named with another case (Photo1.JPG for photo1.jpg): its image-missing error names it, it is no unused file
        meant = {spelled_as(folder, name) for name in used if not _is_file(folder / name)}
        # one put in a sub-folder (照片/photo1.jpg, written photo1.jpg): image-missing says where it is and what to do
        meant |= {in_a_sub_folder(folder, name) for name in used if "/" not in name and not _is_file(folder / name)}
        unused = [name for name in unused if name not in meant]
    # said on their own: what each is
    left = {name: what for name in unused if (what := portable.leftover(name.rsplit("/", 1)[-1]))}
    if left:
        shown = first_few(list(left.items()), 5, sep="；", show=lambda item: f"{item[0]}：{item[1]}")
        diags.warning(
            1,
            "unused-file",
            f"案例文件夹里有电脑自动生成的文件，不是案例的内容：{shown}。它们不会发布到网站上，但提交后谁都能在仓库里下载到。",
            "删掉它们即可，案例不受影响。仓库的 .gitignore 已经写上这几种文件，用 GitHub Desktop 或 git 提交时不会再带上。",
        )
        unused = [name for name in unused if name not in left]
    archives = [name for name in unused if Path(name).suffix.lower() in ARCHIVES]  # said on their own: how to unpack one
    for name in archives:
        diags.items += check_archive(folder / name, name, numbers=numbers)
    unused = [name for name in unused if name not in archives]
    if not unused:
        return
    for name in unused if numbers else ():
        diags.items += check_loose_file(folder / name, name)
    if not photos:
        unused = [name for name in unused if Path(name).suffix.lower() not in PHOTOS]
        if not unused:
            return
    # a name holding a phone or ID number is starred, as every message does (pii.py)
    shown = first_few(unused, 5, show=lambda name: _spaced(mask_numbers(name)[0]))
    diags.warning(
        1,
        "unused-file",
        f"案例文件夹里有案例没有用到的文件：{shown}。它们不会发布到网站上，但案例文件夹提交后，谁都能在仓库里下载到。",
        "不需要的请删掉（Word 原稿、名单、没用上的照片等，里面常有联系人和电话）；要用的照片，插进正文：![说明](文件名)。",
    )


def _spaced(name: str) -> str:
    """A file's name as a message shows it, a space at its start or end said: “index.md ”
    beside index.md read as if the case's own file were unused (found fuzzing)."""
    base = name.rsplit("/", 1)[-1]
    ends = [where for where, spaced in (("开头", base != base.lstrip()), ("结尾", base != base.rstrip())) if spaced]
    return f"“{name}”（文件名{'和'.join(ends)}有空格）" if ends else name


def _named(ref: ImageRef) -> str:
    """The name below the case folder an image reference uses (``folder_names``' names)."""
    return unquote(ref.src.split("#")[0].split("?")[0]).removeprefix("./")


def folder_names(folder: Path, images: list[ImageRef]) -> list[tuple[str, int]]:
    """Names below a case folder (relative, ``/``-separated), each with the line of the
    first image that uses it, else 1. Hidden names and links are not followed."""
    lines: dict[str, int] = {}
    for ref in images:
        lines.setdefault(_named(ref), ref.line)
    found: list[tuple[str, int]] = []
    pending = [(folder, "")]
    while pending and len(found) < MAX_FOLDER_NAMES:
        current, prefix = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or (entry.name == CASE_FILE and not prefix):
                continue
            name = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if os.path.isfile(os.path.join(entry.path, CASE_FILE)):
                        continue  # another case's folder (nested-case says so): its files are its own
                    pending.append((Path(entry.path), name + "/"))
            except OSError:
                pass
            found.append((name, lines.get(name, 1)))
    return found[:MAX_FOLDER_NAMES]


def _too_large(size: int, diags: DiagnosticList) -> None:
    diags.error(
        1,
        "file-too-large",
        f"文件有 {size / 1048576:.1f} MB，太大了，不像是一个案例的文字（上限 {MAX_CASE_BYTES // 1048576} MB）。",
        "index.md 只放文字；图片请作为单独的文件放在旁边，用 ![说明](photo1.jpg) 引用。",
    )


def _read(path: Path, diags: DiagnosticList) -> bytes | None:
    """The bytes of a regular file, or None with an error in plain words."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            diags.error(
                1, "unreadable", f"{path.name} 是一个文件夹，不是文件。", "案例的正文文件 index.md 必须是文件；请把这个文件夹改名。"
            )
            return None
        if not stat.S_ISREG(info.st_mode):
            diags.error(1, "unreadable", f"{path.name} 不是普通文件。", "index.md 必须是普通的文本文件。")
            return None
        if info.st_size > MAX_CASE_BYTES:
            _too_large(info.st_size, diags)
            return None
        with path.open("rb") as handle:
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:  # the file grew, or a special file that reports no size
                data += handle.read(MAX_CASE_BYTES + 1 - len(data))
            return data
    except (OSError, ValueError) as exc:
        reason = describe_os_error(exc) if isinstance(exc, OSError) else "文件名无效"
        diags.error(1, "unreadable", f"无法读取文件（{reason}）。", "检查文件是否存在、是否有读取权限；重新保存后再提交。")
        return None


def case_bytes(path: Path) -> bytes | None:
    """The bytes of ``index.md`` as ``load_case`` reads them, when it can take them (a regular
    file within ``MAX_CASE_BYTES``); None: ``load_case`` reads it itself and says why not."""
    data = _read(path, DiagnosticList(path))
    return data if data is not None and len(data) <= MAX_CASE_BYTES else None


HIDDEN_DEPTH = 3  # a hidden folder is looked into this deep for a case (province/year/case)


def _case_file_below(folder: Path) -> Path | None:
    """The first ``index.md`` in ``folder`` or the folders below it, at most ``HIDDEN_DEPTH``
    deep (links not followed); None when there is none."""
    pending = [(folder, 0)]
    looked = 0
    while pending and looked < MAX_FOLDER_NAMES:
        current, depth = pending.pop(0)
        looked += 1
        if _is_file(current / CASE_FILE):
            return current / CASE_FILE
        if depth >= HIDDEN_DEPTH:
            continue
        try:
            with os.scandir(current) as listing:
                pending += [(Path(e.path), depth + 1) for e in sorted(listing, key=lambda e: e.name) if e.is_dir(follow_symlinks=False)]
        except OSError:
            continue
    return None


def discover(root: Path, *, numbers: bool = False) -> tuple[list[Path], list[Diagnostic]]:
    """Every ``index.md`` below ``root`` in a stable order, and what cannot be a case.

    Symbolic links are not followed: a linked folder is reported, a linked ``index.md``
    is an error (it could point anywhere on the machine that builds the site). With
    ``numbers`` (the check and the build), a file outside any case folder is read for
    personal numbers (``loosefiles``): a red team's name list beside the case folders
    passed without a word.
    """
    found: list[Path] = []
    if root.is_file():  # `showcase check path/to/index.md`
        return ([root], []) if root.name == CASE_FILE else ([], _stray(root))

    stray: list[Diagnostic] = []

    def note(path: Path, severity: str, code: str, message: str, hint: str) -> None:
        item = DiagnosticList(path)
        getattr(item, severity)(1, code, message, hint)
        stray.extend(item.items)

    # A stack, not recursion: folders may nest deeper than Python recurses. Each folder
    # goes with the case folder it is inside, if any (a case's own photo folders are).
    pending: list[tuple[Path, Path | None]] = [(root, None)]
    nested: dict[Path, list[Path]] = {}  # a case folder holding other cases' folders: those cases' index.md
    top = portable.inside_repository(root, portable.repository_root(root))  # names as a clone on Windows holds them
    while pending:
        folder, in_case = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            note(folder, "error", "unreadable", f"无法读取文件夹（{describe_os_error(exc)}）。", "检查文件夹是否存在、是否有读取权限。")
            continue
        below = folder.relative_to(root).as_posix()
        inside = top if below == "." else f"{top}/{below}" if top else below
        in_case_folder = in_case is not None or any(entry.name == CASE_FILE for entry in entries)
        portable.check_names(folder, [entry.name for entry in entries], inside, note, in_case=in_case_folder)
        subfolders = []
        documents: list[str] = []  # Word files and photos here, for a folder that is no case
        photos: list[str] = []
        others: list[str] = []  # any other file here (a case text saved as index.txt, an .odt, a .zip)
        # a folder of folders (cases/, a province's): a link here that leads nowhere, or to
        # itself, stands where a folder would; in a case's folder it is a stray file's link
        of_folders = in_case is None and not any(entry.name == CASE_FILE for entry in entries)
        for entry in entries:
            name = entry.name
            try:
                plain_file = name != CASE_FILE and not name.lower().endswith(_MARKDOWN) and entry.is_file(follow_symlinks=False)
            except OSError:
                plain_file = False
            if plain_file:  # an image or another file beside a case: nothing to do (and no Path to build)
                suffix = os.path.splitext(name)[1].lower()
                if suffix in _DOCUMENTS:
                    documents.append(name)
                elif suffix in _PHOTOS:
                    photos.append(name)
                elif not name.startswith(".") and name.lower() not in _SYSTEM_FILES:
                    others.append(name)
                continue
            path = folder / name
            try:
                is_link = entry.is_symlink()
                is_dir = not is_link and entry.is_dir(follow_symlinks=False)
            except OSError:
                is_link, is_dir = False, False
            if is_dir:
                if name == CASE_FILE:
                    note(
                        path,
                        "error",
                        "unreadable",
                        f"{name} 是一个文件夹，不是文件。",
                        "案例的正文文件 index.md 必须是文件；请把这个文件夹改名。",
                    )
                elif not name.startswith("."):
                    subfolders.append(path)
                elif (hidden := _case_file_below(path)) is not None:  # .广东省/gz-…/index.md too: a group of cases
                    note(
                        hidden,
                        "warning",
                        "hidden-folder",
                        f"文件夹 {name} 的名字以“.”开头，这样的文件夹会被忽略，其中的案例不会被检查，也不会发布。",
                        "请把文件夹改名，去掉开头的“.”。",
                    )
            elif name == CASE_FILE:
                if is_link:
                    note(
                        path, "error", "symlink", "index.md 是一个链接（符号链接），不会被读取。", "请提交 index.md 文件本身，不要用链接。"
                    )
                else:
                    found.append(path)
                    if in_case is not None:  # published, but whose photos are whose? (said below)
                        nested.setdefault(in_case, []).append(path)
            elif is_link and not name.startswith(".") and (_is_dir(path) or (of_folders and not _exists(path))):
                # an error: git keeps links, and the commands that write (new, import, approve,
                # clean-photos) would write where it points, outside the project (a security
                # review); one that leads nowhere or to itself too (a loop: a review)
                what = f"文件夹 {name}" if _is_dir(path) else name
                note(
                    path,
                    "error",
                    "symlink",
                    f"{what} 是一个链接（符号链接），不是文件夹本身：其中的案例不会被检查，也不会发布；"
                    "它指向案例文件夹以外时，新建、导入等命令也不会往里面写。",
                    f"请删掉这个链接（git rm {shown_path(path)}），把案例文件夹本身放在 {shown_path(root)} 下面。",
                )
            elif name.lower().endswith(_MARKDOWN):
                stray.extend(_stray(path))
                others.append(name)  # a case's text under another name, for what is said of the rest (below)
        case_here = in_case or (folder if any(entry.name == CASE_FILE for entry in entries) else None)
        if not case_here:
            texts = [name for name in others if _case_text(folder, name)]
            for name in texts:  # index.txt (Notepad's), "index.md " or index.ｍｄ: a case no one would see
                if not name.lower().endswith(_MARKDOWN):  # (a Markdown file is said above)
                    stray.extend(_stray(folder / name))
            # public once committed, though no page shows them: read as a case's unused files are
            for name in [*documents, *photos, *others] if numbers else ():
                stray += check_loose_file(folder / name, os.path.relpath(folder / name, root))
            # Other files in a folder of folders (a province's notes) are no case sent in another form.
            others = [name for name in others if name not in texts] if not subfolders else []
            # beside a case's text saved under another name (index.md.txt), they are that case's: said by stray-markdown
            if folder != root and not texts and (documents or photos or others):
                _uncased(folder, documents, len(photos), others, note)
        pending.extend((sub, case_here) for sub in reversed(subfolders))
    for outer, inner in nested.items():
        hint_tail = (
            f"如果是 {outer.name}/index.md 放错了地方（直接放进了省份文件夹），就把它和它的照片移进一个自己的文件夹，"
            f"例如 {outer.name}/案例编号/index.md，{'这个文件夹' if len(inner) == 1 else '这些案例的文件夹'}不用动。"
        )
        if len(inner) > 1:
            hint_tail += "如果这些案例是放错了地方，就把它们的文件夹移出来，和别的案例并排放（编号不变，网址也不变）。"
        if len(inner) == 1:
            note(
                inner[0],
                "warning",
                "nested-case",
                f"这个案例的文件夹在另一个案例的文件夹（{outer.name}，里面有 index.md）里面。",
                "每个案例要有自己的文件夹，和别的案例并排放在省份文件夹下面：请把这个文件夹移出来（编号不变，网址也不变）。" + hint_tail,
            )
        else:  # an index.md dropped into a province's folder: once, on it, not on each case there (an editor's trial)
            names = first_few([path.parent.name for path in inner], 3)
            note(
                outer / CASE_FILE,
                "warning",
                "nested-case",
                f"文件夹 {outer.name} 里既有这个 index.md，又有 {len(inner)} 个案例的文件夹（{names}）："
                "它们都成了这个案例的文件夹里面的文件夹，哪些照片属于哪个案例就分不清了。",
                hint_tail,
            )
    return found, stray


def _folded(name: str) -> str:
    """A file name as compared with index.md: full-width letters folded (NFKC), no spaces about it, lower case."""
    return unicodedata.normalize("NFKC", name).strip().lower()


def _case_text(folder: Path, name: str) -> bool:
    """Whether a file that is not ``index.md`` was meant to be a case's text: ``index`` with
    any ending (index.txt, "index.md ", index.ｍｄ: NFKC folds full-width letters), a
    Markdown file, or a plain-text file that starts as a case does (``---``)."""
    folded = _folded(name)
    if folded.split(".")[0].strip() == "index" or folded.endswith(_MARKDOWN):
        return True
    if not folded.endswith(".txt"):
        return False
    try:
        with open(folder / name, "rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"---")


def _uncased(folder: Path, documents: list[str], photos: int, others: list[str], note: Callable[[Path, str, str, str, str], None]) -> None:
    """A folder of a Word file, photos or other files that no case holds: a case sent in another form."""
    if documents:
        note(
            folder / documents[0],
            "error",
            "no-case-file",
            f"文件夹 {folder.name} 里有 {'、'.join(documents[:3])}，但没有 index.md，这个案例不会发布。",
            "Word 申报表请用 showcase import 导入，它会生成案例文件夹（见投稿指南）；或者把案例正文写成 index.md 放进这个文件夹。",
        )
    elif photos:
        more = f"，还有 {'、'.join(others[:3])}" if others else ""
        note(
            folder,
            "warning",
            "no-case-file",
            f"文件夹 {folder.name} 里有 {photos} 个照片或 PDF 文件{more}，但没有 index.md：它们不属于任何案例，不会发布。",
            "照片请放进它所属案例的文件夹（与 index.md 在一起），或在这个文件夹里写好 index.md；别的文件不必放在 cases/ 里。"
            "网站标志、网页图标不放在这里，放进 site_overrides/assets/（见 README 的“Your own site”一节）。",
        )
    else:
        note(
            folder / others[0],
            "warning",
            "no-case-file",
            f"文件夹 {folder.name} 里有 {'、'.join(others[:3])}，但没有 index.md：这些文件不会发布。",
            "案例正文必须写成 index.md（可以用 showcase new 生成）；Word 申报表用 showcase import 导入；别的文件不必放在 cases/ 里。",
        )


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a folder this user may not enter (a file manager's .Trash-1000): not a case of ours
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a link loop
        return False


def _exists(path: Path) -> bool:
    """Whether ``path`` leads to anything (a link to nowhere, or to itself, does not)."""
    try:
        return path.exists()
    except (OSError, RuntimeError):  # a link loop
        return False


def _stray(path: Path) -> list[Diagnostic]:
    diags = DiagnosticList(path)
    name = path.name
    if _folded(name) == CASE_FILE:  # "index.md ", index.ｍｄ
        message = f"文件名“{name}”和 index.md 不完全一样（多了空格，或用了全角字母、大写字母），这个案例不会被发布。"
        hint = "把文件重新命名，只输入 index.md 这 8 个半角字符（小写，前后没有空格）。"
    else:
        message = f"{name} 不会被发布：每个案例的正文文件必须叫 index.md。"
        hint = "把文件改名为 index.md，并放在该案例自己的文件夹里。"
        if name.lower().endswith(".txt"):  # Notepad adds .txt; Windows hides it
            hint += "Windows 默认不显示 .txt：在资源管理器的“查看”里勾选“文件扩展名”（Windows 11 在“查看 → 显示”里），就能看到。"
    diags.error(1, "stray-markdown", message, hint)
    return diags.items


def cross_check(cases: list[Case], *, read_alike: bool = False) -> None:
    """Rules across cases: unique ids, aliases that collide with ids or each other, one
    county (district) written two ways."""
    by_id: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if case.id:
            by_id[case.id].append(case)
    for case_id, owners in by_id.items():
        if len(owners) > 1:
            for case in owners:
                others = "、".join(shown_path(o.path) for o in owners if o is not case)
                if _public(case) and not all(_public(o) for o in owners):  # the new one is to change
                    hint = f"这个案例已经公开，它的编号就是网址，不能改：请给 {others} 换一个编号。"
                elif not _public(case) and any(_public(o) for o in owners):
                    hint = f"{others} 已经公开，编号不能改：请给这个案例换一个编号。"
                elif all(_public(o) for o in owners):  # two pull requests each published one (an editor's trial)
                    hint = (
                        "两个都已发布：先发布的那个，网址早已被读者和引用用着，要保留编号；请给后合并进来的那个换一个新编号，"
                        "并运行 showcase urls --update。不确定哪个先发布时，用 git log 查看两个 index.md 的提交时间。"
                        "不要改先发布的那个：改了之后，它原来的网址会显示另一个案例。"
                    )
                else:
                    hint = "每个案例的 id 必须唯一，请给新写的那个案例换一个编号。"
                case.diagnostics.append(_diag(case, case.line("id"), "duplicate-id", f"编号 {case_id} 与 {others} 重复。", hint))
    _links_to_cases(cases, by_id)
    alias_owner: dict[str, Case] = {}
    # Public cases claim their aliases first: the case that takes one over (a new case in a
    # pull request) is the one told to remove it, not the published case nobody is editing.
    for case in sorted(cases, key=lambda c: not _public(c)):
        for index, alias in enumerate(case.aliases):
            line = case.line("aliases", index)
            if alias in by_id and _public(case) and not any(_public(o) for o in by_id[alias]):
                # A published case's former id, its old address, taken by a case not yet public
                # (a department's trial: the hint said to delete the published case's alias,
                # and its cited address then showed the newcomer): the newcomer changes.
                for newcomer in by_id[alias]:
                    newcomer.diagnostics.append(
                        _diag(
                            newcomer,
                            newcomer.line("id"),
                            "alias-collision",
                            f"编号 {alias} 是已发布案例 {shown_path(case.path)}（{case.id}）以前的编号，"
                            f"它的旧网址 /cases/{alias}/ 跳转到那个案例，别人引用的链接还在用。",
                            "请给这个案例换一个编号。不要删那个案例 aliases 里的旧编号：删了，旧网址就会打开这个案例。"
                            f"只有一种例外：urls.lock 里没有 /cases/{alias}/ 这一行（那个案例从没用这个编号发布过，"
                            "旧编号是它新写进去的），那就是那个案例写错了：删掉它 aliases 里的这一项，这个案例不用改。",
                        )
                    )
                alias_owner[alias] = case
            elif alias in by_id:
                other = shown_path(by_id[alias][0].path)
                hint = "旧编号不能与现有案例的编号相同，请删掉这一项。"
                if _public(case) and any(_public(o) for o in by_id[alias]):
                    # both published (a new case approved in its pull request): deleting the alias,
                    # as the hint said, gave the renamed case's cited old address to the newcomer (a trial)
                    hint = (
                        f"urls.lock 里有 /cases/{alias}/ 这一行的话，这个旧网址原来属于本案例，别人引用的链接还在用："
                        f"请给 {other} 换一个编号，不要删这一项（删了，旧网址就会打开那个案例）。"
                        f"urls.lock 里没有这一行（旧编号是新写进去的），才删掉这一项。"
                    )
                case.diagnostics.append(_diag(case, line, "alias-collision", f"旧编号 {alias} 正是 {other} 的 id。", hint))
            elif alias in alias_owner and alias_owner[alias] is not case:
                _aliased_twice(alias, alias_owner[alias], case, line)
            else:
                alias_owner[alias] = case
    _county_spellings(cases, read_alike=read_alike)


def _aliased_twice(alias: str, owner: Case, case: Case, line: int) -> None:
    """``alias`` in the ``aliases`` of ``owner`` (public first, or first found) and of ``case``.
    Only one of them ever had that id, and its cited address must keep leading to it. Said on
    ``case`` alone with “请删掉其中一处”, both public, it was said on whichever folder sorted
    later: on the renamed case, deleted there as told, every check passed and the old address
    opened the other case (helper urlH's trial). Both public, it is said on both, the way to
    find the owner named; one public, the other is told to remove its own."""
    address = f"/cases/{alias}/"
    if not (_public(owner) and _public(case)):
        hint = "一个旧编号只能指向一个案例，请删掉其中一处。"
        if _public(owner):
            hint = (
                f"{alias} 是已公开案例 {shown_path(owner.path)}（{owner.id}）以前的编号，它的旧网址 {address} 跳转到那个案例。"
                "请删掉本案例 aliases 里的这一项，不要删那个案例的：删了，旧网址就会打开本案例。"
            )
        case.diagnostics.append(
            _diag(case, line, "alias-collision", f"旧编号 {alias} 也写在 {shown_path(owner.path)}（{owner.id}）的 aliases 里。", hint)
        )
        return
    hint = (
        f"两个案例都已公开，旧网址 {address} 只能属于其中一个：以前用 {alias} 这个编号发布过的那个案例。"
        f'不确定是哪一个时，在仓库里运行 git log -S "{alias}" --oneline -- cases 查看最早写上它的提交。'
        "只删掉另一个案例 aliases 里的这一项；不要删错：删了原来那个案例的这一项，旧网址就会打开另一个案例，别人引用的链接指错了，检查也发现不了。"
    )
    for here, there, at in ((case, owner, line), (owner, case, owner.line("aliases", owner.aliases.index(alias)))):
        here.diagnostics.append(
            _diag(here, at, "alias-collision", f"旧编号 {alias} 也写在 {shown_path(there.path)}（{there.id}）的 aliases 里。", hint)
        )


def _county_spellings(cases: list[Case], *, read_alike: bool = False) -> None:
    """A reminder on each case that writes its county otherwise than the other cases of its
    city, with or without the suffix (越秀 beside 越秀区: one county on the site, listed as
    most cases write it, but each case shows it as written). The name more cases write is
    the one to use. With ``read_alike`` (``showcase check`` on every site; a build only with
    county pages, whose keys load the pinyin tables anyway: 0.3 s a build elsewhere), also
    names that read alike (胜州市 beside 嵊州市, a slip of the pinyin input: two county pages,
    two rows of the statistics, a booklet of 嵊州市 without it; an editor's trial), said on the county published later, as site/index.py gives it the key with -2."""
    cities: dict[tuple[str, str], dict[str, list[Case]]] = defaultdict(lambda: defaultdict(list))
    for case in cases:
        region = case.region
        if region.province is not None and region.county:
            cities[region.province.name, region.city or ""][county_stem(region.county)].append(case)
    for (province, city), counties in cities.items():
        place = city or province
        usual = {stem: usual_name(c.region.county or "" for c in _deciding(owners)) for stem, owners in counties.items()}
        for stem, owners in counties.items():
            deciding = _deciding(owners)
            # drafts that outnumber the published are told why the fewer decide: they are published
            others = "已发布的案例里有 {} 个" if len(deciding) < len(owners) else "另有 {} 个案例"
            for case in owners:
                name = case.region.county or ""
                if name != usual[stem]:
                    same = sum(1 for c in deciding if c.region.county == usual[stem])
                    _remind_county(
                        case,
                        f"区县写的是“{name}”，{place}{others.format(same)}写的是“{usual[stem]}”。",
                        f"请统一写成 county: {usual[stem]}：网站把两种写法算作同一个区县，列在“{usual[stem]}”下，但每个案例照它自己的写法显示。",
                    )
        if read_alike and len(counties) > 1:
            _read_alike(counties, usual, place)
    _cities_left_out(cities)


def usual_county(cases: list[Case], province: str, city: str, county: str) -> str | None:
    """How the cases of ``city`` (of ``province``) write ``county``, with or without its suffix
    (越秀区 for 越秀), as the county-spelling reminder asks; None when no case writes it."""
    stem = county_stem(county)
    owners = [
        c
        for c in cases
        if c.region.province is not None
        and c.region.province.name == province
        and (c.region.city or "") == city
        and c.region.county
        and county_stem(c.region.county) == stem
    ]
    return usual_name(c.region.county or "" for c in _deciding(owners)) if owners else None


def _deciding(owners: list[Case]) -> list[Case]:
    """The cases whose spelling of a county is the usual one: the published, as the site lists
    the county under their name (site/index.py has no others); all of them when none is
    published. Drafts that outnumbered two published cases had the published ones told to
    write 越秀区 while the county's page was headed 越秀 (a reading of the reminders)."""
    return [c for c in owners if c.is_published] or owners


def _cities_left_out(cities: dict[tuple[str, str], dict[str, list[Case]]]) -> None:
    """A reminder on a case that wrote its county but not its city, where the other cases of
    that county name their city (a city bureau's trial: such a case is on no county page, and
    the site and ``showcase stats`` no longer counted the city by county). A municipality's
    cases write no city: none of its cases does, and nothing is said."""
    for (province, city), counties in cities.items():
        if city:
            continue
        for stem, owners in counties.items():
            named = {c: len(others[stem]) for (p, c), others in cities.items() if p == province and c and stem in others}
            if len(named) != 1:
                continue
            ((where, count),) = named.items()
            for case in owners:
                case.diagnostics.append(
                    _diag(
                        case,
                        case.line("region", "county"),
                        "city-missing",
                        f"写了区县“{case.region.county}”，但没写城市：写这个区县的另外 {count} 个案例，城市都写的是“{where}”。",
                        f"在 region 下面加上一行 city: {where}（和 county 对齐）。没写城市的案例不在{where}的页面上；"
                        "开了区县页面的网站，它也不在区县的页面上：统计页把它算在“未写城市”一行，搜索页按区县筛选时也找不到它。",
                        warning=True,
                    )
                )


def _read_alike(counties: dict[str, list[Case]], usual: dict[str, str], place: str) -> None:
    """A reminder on each case of a county whose name reads as an earlier-published one's of the
    same city (``counties``: by stem; ``usual``: each stem's name as most cases write it)."""
    order = sorted(counties, key=lambda stem: county_order(usual[stem], counties[stem]))
    for later, stem in enumerate(order):
        earlier = next((other for other in order[:later] if sounds_alike(stem, other)), None)
        if earlier is None:
            continue
        others = counties[earlier]
        named = "、".join(c.id or c.path.parent.name for c in others[:3]) + ("等" if len(others) > 3 else "")
        for case in counties[stem]:
            # which of the two is the slip is not known: the one said may be the right one
            _remind_county(
                case,
                f"区县“{case.region.county}”和{place}另外 {len(others)} 个案例（{named}）写的“{usual[earlier]}”读音相同，可能有一边是拼音输入法选错了字。",
                f"请核对哪个写对了：这个案例写错了，改成 county: {usual[earlier]}；那边写错了，把那些案例改成 county: {case.region.county}。"
                "不改的话，网站会把两者当作两个区县，分开列出、分开统计。确实是两个不同的区县，可以不改。",
            )


def _remind_county(case: Case, message: str, hint: str) -> None:
    case.diagnostics.append(_diag(case, case.line("region", "county"), "county-spelling", message, hint, warning=True))


def check_links_of(case: Case, linked: list[Case]) -> None:
    """``case``'s links to other cases' pages, checked as the whole collection's check does,
    against ``linked``: the cases it links to, found by id or former id. For a command that
    reads one case (``showcase approve``: a link to a draft passed it unsaid, an editor's week)."""
    by_id: dict[str, list[Case]] = defaultdict(list)
    for other in [case, *linked]:
        if other.id and other not in by_id[other.id]:
            by_id[other.id].append(other)
    _links_to_cases([case, *linked], by_id, only=case)


def _links_to_cases(cases: list[Case], by_id: dict[str, list[Case]], *, only: Case | None = None) -> None:
    """A published case's links to other cases' pages lead to a page on the site: a case
    that is published (or withdrawn: its notice), or an alias of one for /cases/<id>/. A link
    to ``index.md`` stops the publishing build unless that case is published."""
    aliases = {alias for case in cases if case.status is not None and case.status.is_public for alias in case.aliases}
    for case in cases:
        if case.status is not Status.PUBLISHED or (only is not None and case is not only):
            continue
        for link in case.case_links:
            owners = by_id.get(link.case_id, [])
            status = owners[0].status if len(owners) == 1 else None
            # published, or withdrawn: its notice page (a review: a withdrawal stopped the build)
            if (status is not None and status.is_public) or (not link.needs_file and link.case_id in aliases):
                continue
            state = f"还没有发布（{status.label}）" if status is not None and not status.is_public else "不在网站上"
            if not owners:
                state = "不存在（没有这个编号的案例）"
            # the site shows such a link's words only (sanitize's pages): no 404 for readers
            message = f"正文链接到案例 {link.case_id}，它{state}：网站上这里只显示链接的文字，点不开"
            if link.needs_file:
                message = f"正文链接到案例 {link.case_id}，它{state}：这个链接在网站上打不开，发布时的检查也会失败"
            hint = (
                "那个案例发布后再加这个链接，或先只留文字；链接已发布的案例写成 [案例标题](/cases/编号/)。"
                if owners
                else "核对编号（案例的网址是 /cases/编号/）；链接已发布的案例写成 [案例标题](/cases/编号/)。"
            )
            case.diagnostics.append(_diag(case, link.line, "body-link", message + "。", hint, warning=not link.needs_file))


def _public(case: Case) -> bool:
    """Published or withdrawn: the case's id and aliases are addresses someone may have cited."""
    return case.status is not None and case.status.is_public


def folder_name_warnings(cases: list[Case]) -> list[Diagnostic]:
    """A warning for each case whose folder is named like an id, but not its own id.

    ``showcase new`` names the folder after the id; when the id is changed later (a
    wrong year), the folder still says the old one and nobody finds the case by it.
    A folder with a descriptive name (no digits, or Chinese) is the editor's choice.
    """
    found = []
    for case in cases:
        name = case.folder.name
        # typed with spaces or underscores for hyphens, or in full width (gz yuexiu 2024 001): an id too
        typed = re.sub(r"[\s_]+", "-", unicodedata.normalize("NFKC", name).strip()).lower()
        if case.id and name != case.id and ID_PATTERN.fullmatch(typed) and any(ch.isdigit() for ch in name):
            diags = DiagnosticList(case.path)
            taken = (case.folder.parent / case.id).exists()  # a copied case: that folder is the other case's
            diags.warning(
                case.line("id"),
                "folder-name",
                f"文件夹名“{name}”和这个案例的编号 {case.id} 不一样，别人按编号找不到这个文件夹。",
                f"旁边已经有叫 {case.id} 的文件夹了：如果这是复制出来的新案例，先给它换一个新编号（id），再把文件夹改成新编号。"
                if taken
                else f"把文件夹“{name}”改名为 {case.id}（网址只看编号 id，文件夹名不影响网址）。",
            )
            found.extend(diags.items)
    return found


def _diag(case: Case, line: int, code: str, message: str, hint: str, *, warning: bool = False) -> Diagnostic:
    diags = DiagnosticList(case.path)
    (diags.warning if warning else diags.error)(line, code, message, hint)
    return diags.items[0]


def folder_province_warnings(root: Path, cases: list[Case], provinces: Vocabulary) -> list[Diagnostic]:
    """A warning for each case kept in a province's folder (cases/广东省/…: a folder above it,
    within ``root``, named as a province is, in full or short) while its ``region.province``
    names another and no folder above it names that one: a case copied from another
    province's and its province left as it was would be published under that one, and an
    editor looking in the folder of the province it names does not find it (a maintainer's
    trial moved a case so, and nothing said it). A province's key is no folder's name here:
    ``shanxi`` is 山西's key and 陕西 in plain pinyin (a review). Only here, as
    ``folder_name_warnings``: the folder does not matter to the site."""
    found = []
    root = Path(root)

    def named(folder: Path) -> Term | None:
        term = provinces.lookup(folder.name)
        return term if term is not None and folder.name != term.key else None

    for case in cases:
        province = case.region.province if case.region else None
        if province is None:
            continue
        folders = [case.folder.parent, *case.folder.parent.parents]
        if root not in folders:
            continue
        within = [(folder, term) for folder in folders[: folders.index(root) + 1] if (term := named(folder))]
        # 青海省/海南/…: a prefecture named as a province is inside its own province's folder
        if not within or any(term.key == province.key for _, term in within):
            continue
        folder, other = within[0]
        should = province.name if folder.name == other.name else province.short or province.name  # the site's way of naming them
        diags = DiagnosticList(case.path)
        diags.warning(
            case.line("region", "province"),
            "folder-province",
            f"这个案例放在“{folder.name}”文件夹里，region.province（省份）写的却是“{province.name}”：网站会把它列在{province.name}下面。",
            f"如果省份写错了（例如从别的省的案例复制来，忘了改），改成 province: {other.name}，再核对城市和区县；如果省份没错，"
            f"把案例文件夹移到“{should}”文件夹里，编辑按省份才找得到它。网址只看编号 id，文件夹放在哪里不影响网址。",
        )
        found.extend(diags.items)
    return found


def load_collection(root: Path, settings: Settings | None = None, *, jobs: int = 1, report: Reporter = silent) -> Collection:
    """Every case below ``root``, fully loaded, with every problem of every case; on ``jobs``
    processor cores (0: all), with ``report`` saying how far it is (``showcase stats`` and
    ``booklet`` read 10,000 cases in about 15 s on one core, and said nothing meanwhile)."""
    settings = settings or Settings()
    root = Path(root)
    paths, stray = discover(root, numbers=not settings.allow_personal_numbers)
    repaired: list[str] = []
    with report(READING, len(paths)) as tick:
        cases = load_cases(paths, settings, jobs, tick=tick, repaired=repaired)
    return finish_collection(root, cases, stray, settings, repaired=repaired)


def load_cases(
    paths: Sequence[Path],
    settings: Settings,
    jobs: int = 0,
    *,
    tick: Callable[[int], None] | None = None,
    slim: bool = False,
    repaired: list[str] | None = None,
) -> list[Case]:
    """``[load_case(path, settings) for path in paths]`` (each ``_slim`` with ``slim``): a case
    whose inputs are as in an earlier run taken from ``settings.case_cache`` (``stored.py``),
    the others read and checked on ``jobs`` cores (0: all) and kept there for the next run.
    Damaged entries, checked again, are added to ``repaired`` (``Collection.repaired``)."""
    store = stored.store_for(settings)
    if store is None:
        return map_on_cores(partial(_load_slim if slim else load_case, settings=settings), paths, jobs, tick=tick)
    found: dict[int, Case] = {}
    todo: list[tuple[Path, bytes | None, str | None]] = []
    places: list[int] = []
    for place, path in enumerate(paths):
        data = case_bytes(path)
        key = store.key(path, data) if data is not None else None
        case = store.get(path, key) if key is not None else None
        if case is None:
            todo.append((path, data, key))
            places.append(place)
        else:
            found[place] = _slim(case) if slim else case
            if tick is not None:
                tick(1)
    done = map_on_cores(partial(_load_and_keep, settings=settings, store=store, slim=slim), todo, jobs, tick=tick)
    found.update(zip(places, done, strict=True))
    if repaired is not None:
        repaired += store.damaged
    return [found[place] for place in range(len(paths))]


def _load_and_keep(item: tuple[Path, bytes | None, str | None], settings: Settings, store: stored.CaseStore, slim: bool) -> Case:
    path, data, key = item
    case = load_case(path, settings, data)
    if key is not None:
        store.put(path, key, case)
    return _slim(case) if slim else case


def finish_collection(
    root: Path,
    cases: list[Case],
    stray: list[Diagnostic],
    settings: Settings | None = None,
    *,
    read_alike: bool | None = None,
    repaired: list[str] | None = None,
) -> Collection:
    """The collection of ``cases`` loaded one by one: the rules across them, every problem sorted.
    Counties whose names read alike are looked for with ``read_alike``, by default on a site
    with county pages only (``_county_spellings``)."""
    if read_alike is None:
        read_alike = settings is not None and settings.county_pages
    cross_check(cases, read_alike=read_alike)
    diagnostics = stray + [d for case in cases for d in case.diagnostics]
    diagnostics.sort(key=Diagnostic.sort_key)
    return Collection(root, cases, diagnostics, repaired or [])


READING = "读取案例"  # the progress bar's words while the cases are read


# -- checking on several cores ----------------------------------------------------------


def _slim(case: Case) -> Case:
    """The case without its body, cheaper to send between processes.

    Everything else stays: the ledger check plans the public site from these cases.
    """
    return dataclasses.replace(case, body="")


def _load_slim(path: Path, settings: Settings) -> Case:
    return _slim(load_case(path, settings))


def check_collection(
    root: Path,
    settings: Settings | None = None,
    jobs: int | None = None,
    *,
    within: Sequence[Path] | None = None,
    report: Reporter = silent,
) -> Collection:
    """What ``showcase check`` needs, on several processor cores: every diagnostic and the summary.

    The diagnostics are exactly those of ``load_collection``, in the same order, and on a
    site without county pages the reminder on county names that read alike too (the build
    leaves it to the check there: it would load the pinyin tables for it alone; the slip
    still makes two counties in the statistics and the booklets). The cases
    in the result carry everything but their body; the site loads full cases with
    ``load_collection``. ``jobs`` is the number of processes
    (default: the cores this process may use); 1, a small collection, or a system that
    cannot start processes means one process. With ``within`` (folders or files below
    ``root``) only the cases there open their photos: the others are loaded for the rules
    across cases (the same id twice).
    """
    settings = settings or Settings()
    root = Path(root)
    paths, stray = discover(root, numbers=not settings.allow_personal_numbers)
    repaired: list[str] = []
    if within is None:
        with report(READING, len(paths)) as tick:
            cases = load_cases(paths, settings, jobs or 0, tick=tick, slim=True, repaired=repaired)
        return finish_collection(root, cases, stray, settings, read_alike=True, repaired=repaired)
    chosen = [p for p in paths if is_within(p, within)]
    picked = set(chosen)  # each path resolved once, not again for the others
    others = [p for p in paths if p not in picked]
    with report(READING, len(paths)) as tick:
        loaded = dict(zip(chosen, load_cases(chosen, settings, jobs or 0, tick=tick, slim=True, repaired=repaired), strict=True))
        unseen = dataclasses.replace(settings, check_images=False)
        loaded.update(zip(others, load_cases(others, unseen, jobs or 0, tick=tick, slim=True, repaired=repaired), strict=True))
    return finish_collection(root, [loaded[p] for p in paths], stray, settings, read_alike=True, repaired=repaired)


def is_below(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or inside it (both resolved)."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path == folder or folder in path.parents


def is_within(path: Path, places: Sequence[Path]) -> bool:
    """Whether ``path`` is one of ``places`` or inside one of them."""
    return any(is_below(path, place) for place in places)


__all__ = ["Collection", "Settings", "Status", "check_collection", "is_below", "is_within", "load_case", "load_collection"]
