"""The cases and site files as a pull request's base commit had them, read from git (never
checked out): which paths the branch changed, the statuses its commits gave each case, the
pictures it kept, files committed outside the cases, and the base's cases read with the
base's own taxonomy."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from ..cachefile import read_regular
from ..case.model import Case, Status
from ..collection.loading import CASE_FILE, load_case
from ..collection.mkdocs_yml import written_settings
from ..collection.settings import Settings
from ..collection.taxonomy import taxonomy_of_text
from ..diagnostics import first_few
from ..errors import ShowcaseError
from ..git import GitError, blobs_at, run_git
from ..outputs.ledger import parse_ledger, read_ledger, to_path
from .mdtext import md_code

# -- reading the base from git ----------------------------------------------------------


def repo_root(path: Path) -> Path:
    return Path(run_git(["rev-parse", "--show-toplevel"], path).decode().strip())


def resolve_base(ref: str, repo: Path, merge_base: bool = True) -> str:
    """The commit to compare with: where the branch left ``ref`` (its merge base) by default.

    Comparing with the tip of ``ref`` would show work merged there since the branch
    began as if this branch had undone it.
    """
    commit = run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], repo).decode().strip()
    if merge_base:
        try:
            return run_git(["merge-base", commit, "HEAD"], repo).decode().strip()
        except GitError:
            return commit  # unrelated histories or no HEAD yet
    return commit


def case_files_at(commit: str, root_rel: str, repo: Path) -> list[str]:
    """The repository paths of the ``index.md`` files below ``root_rel`` at ``commit`` (names only, nothing read)."""
    listing = run_git(["ls-tree", "-r", "-z", "--name-only", commit, "--", root_rel], repo)
    return [p for p in listing.decode("utf-8").split("\0") if p and PurePosixPath(p).name == CASE_FILE]


def base_files(
    commit: str, root_rel: str, repo: Path, folders: set[str] | None = None, *, listing: list[str] | None = None
) -> dict[str, bytes]:
    """The ``index.md`` files below ``root_rel`` at ``commit``: repository path -> bytes.

    With ``folders``, only the files in those folders are read. ``listing``: the caller's
    ``case_files_at`` of the same commit, not asked of git again.
    """
    paths = case_files_at(commit, root_rel, repo) if listing is None else listing
    if folders is not None:
        paths = [p for p in paths if PurePosixPath(p).parent.as_posix() in folders]
    if not paths:
        return {}
    return {path: data for path, data in zip(paths, blobs_at(repo, [f"{commit}:{p}" for p in paths]), strict=True) if data is not None}


def file_at(path: Path | None, base: str, repo: Path) -> bytes | None:
    """The site file ``path`` as it was at ``base`` (None: no such file then, or not in the repository)."""
    if path is None or not path.resolve().is_relative_to(repo):
        return None
    return base_file(base, path.resolve().relative_to(repo).as_posix(), repo)


def ledger_removed(path: Path | None, base: str, repo: Path) -> dict[str, int]:
    """The published addresses the ledger at ``path`` had at ``base`` and has no longer (it
    only grows), each with its line there: ``pr-summary`` names them, ``showcase check
    --base`` refuses them where they were."""
    written = file_at(path, base, repo)
    if path is None or written is None:
        return {}
    try:
        now = set(read_ledger(path).urls)  # a file not there now is an empty ledger
        before = parse_ledger(written.decode("utf-8-sig"), path).urls
    except (ShowcaseError, UnicodeDecodeError):  # unreadable: the check says so
        return {}
    return {to_path(url): line for url, line in before.items() if url not in now}


def changed_paths(commit: str, root_rel: str, repo: Path) -> set[str]:
    """Files below ``root_rel`` that differ from ``commit`` in the working tree, new files included."""
    tracked = run_git(["diff", "--name-only", "-z", "--no-renames", commit, "--", root_rel], repo)
    untracked = run_git(["ls-files", "-z", "--others", "--exclude-standard", "--", root_rel], repo)
    return {p for p in (tracked + b"\0" + untracked).decode("utf-8").split("\0") if p}


# mkdocs.yml's settings a pull request may change to loosen what the check and the pages keep
# out (a security review: extra_javascript from another host and allow_personal_numbers passed
# with 本次没有改动案例; a second trial: preview and ledger, and quoted keys, passed unnamed),
# each said with what it does. The site's own (top level) first, then the showcase plugin's.
_SITE_WATCHED = {
    "extra_javascript": "每个页面都会运行的脚本，可以来自别的网站",
    "extra_css": "每个页面都会加载的样式，可以来自别的网站",
    "hooks": "生成网站时运行的程序",
    "custom_dir": "网站模板所在的文件夹",
    "plugins": "生成网站时运行的插件",
}


_PLUGIN_WATCHED = {
    "preview": "草稿和待审的案例也发布到网站上",
    "allow_personal_numbers": "允许案例里出现手机号、身份证号等个人信息",
    "review_words": "审核词表，检查要找出的词",
    "reviewers": "可以批准发布的审核单位",
    "ledger": "已发布网址清单，检查已发布的网址是否还在",
    "guide": "投稿指南",
    "cases_dir": "案例所在的文件夹",
    "max_image_pixels": "照片的像素上限",
    "max_image_bytes": "照片的大小上限",
    "max_body_bytes": "正文的长度上限",
}


def _loosened(before: bytes | None, after: bytes | None) -> list[str]:
    """The watched settings of mkdocs.yml that differ between ``before`` and ``after``."""

    def read(text: bytes | None) -> dict[str, str] | None:
        if text is None:  # no mkdocs.yml then (or now): every setting not written
            return {}
        return written_settings(text.decode("utf-8-sig", "replace"), ("extra_javascript", "extra_css", "hooks"), _PLUGIN_WATCHED)

    old, new = read(before), read(after)
    if old is None or new is None:  # not YAML: its lines are said whole (the file is listed)
        return []
    return [key for key in (*_SITE_WATCHED, *_PLUGIN_WATCHED) if old.get(key) != new.get(key)]


# What organizations send and editors keep beside it: the forms, their zips, spreadsheets
# (an inbox made inside the project was committed whole, forms with their phone numbers: a
# trial of the guide)
_MATERIALS = frozenset(
    (".docx", ".doc", ".wps", ".wpt", ".dot", ".odt", ".rtf", ".pdf", ".zip", ".rar", ".7z", ".xls", ".xlsx", ".et", ".csv")
)


def outside_cases(commit: str, root_rel: str, repo: Path, config: str, known: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """The files outside the cases folder this branch changes (repository paths), and what
    the approver should know of them: every page's templates, the build's code, the check's
    rules and the workflows come from such files, and merging publishes them (a security
    review: a branch that added a script from another host to every page, turned the
    personal-number check off and changed the guide was summed up as 本次没有改动案例).
    ``config``: mkdocs.yml as the repository names it, read for the keys that loosen what
    the check keeps out; ``known``: files the summary says apart (urls.lock, collections.yml)."""
    root = root_rel.rstrip("/") + "/"
    # tracked files only: what is not in the repository (a build's cache, the site built) is not merged
    tracked = run_git(["diff", "--name-only", "-z", "--no-renames", commit], repo).decode("utf-8").split("\0")
    said_apart = set(known)
    files = sorted(p for p in tracked if p and not p.startswith(root) and p not in said_apart)
    if not files:
        return [], []
    notes = [
        f"这次还改了案例以外的 {len(files)} 个文件（见“案例以外的改动”）：网站每一页的模板和样式、生成网站的程序、"
        "检查的规则和投稿指南都在这些文件里，合并后对整个网站生效。请让负责网站的同事逐行看过，再合并。"
    ]
    if materials := [path for path in files if PurePosixPath(path).suffix.lower() in _MATERIALS]:
        notes.append(
            f"这次提交了 {len(materials)} 个像是申报材料或表格的文件（{first_few(materials, 5, show=md_code)}）："
            "这类文件里常有联系人的姓名和电话，仓库是公开的，合并请求里的文件谁都能下载。"
            "不是要在网站上公开的，请从这个分支删掉（git rm --cached 文件名，再提交）；"
            "导入用的收件箱放在项目文件夹外面。"
        )
    if config in files:
        now = (repo / config).read_bytes() if (repo / config).is_file() else None
        keys = _loosened(base_file(commit, config, repo), now)
        if keys:
            words = _SITE_WATCHED | _PLUGIN_WATCHED
            said = "；".join(f"{key}（{words[key]}）" for key in keys)
            notes.append(f"{config} 里改了 {said}：请确认这是网站负责人要改的。")
    return files, notes


def unchanged_files(commit: str, repo: Path) -> Callable[[str, str], set[str]]:
    """For a moved case: which files of its old folder (at ``commit``) are in its new folder
    (working tree) unchanged, as paths relative to the folder. Moved files are not changed files."""

    def same(old_folder: str, new_folder: str) -> set[str]:
        listing = run_git(["ls-tree", "-r", "-z", commit, "--", old_folder], repo).decode("utf-8")
        blobs: dict[str, str] = {}
        for entry in listing.split("\0"):
            if "\t" in entry:
                meta, path = entry.split("\t", 1)
                blobs[PurePosixPath(path).relative_to(old_folder).as_posix()] = meta.split()[2]
        present = [rel for rel in sorted(blobs) if (repo / new_folder / rel).is_file()]
        if not present:
            return set()
        hashes = run_git(["hash-object", "--", *(f"{new_folder}/{rel}" for rel in present)], repo).decode().split()
        return {rel for rel, blob in zip(present, hashes, strict=True) if blobs[rel] == blob}

    return same


def kept_pictures(commit: str, repo: Path) -> Callable[[str, str], bool]:
    """Whether a photo (its repository path at ``commit``, and in the working tree) shows the
    same picture, its file changed only in what it holds beside it (``photoclean.same_picture``)."""
    from .photoclean import same_picture  # Pillow: only for a pull request that changes a photo

    def kept(old: str, new: str) -> bool:
        before = base_file(commit, old, repo)
        try:
            after = read_regular(repo / new)
        except OSError:
            return False
        return before is not None and same_picture(before, after)

    return kept


def touched_folders(touched: set[str]) -> set[str]:
    """Every folder that holds a changed file, at any depth (``img/2.png`` marks its case too)."""
    folders: set[str] = set()
    for path in touched:
        folders.update(parent.as_posix() for parent in PurePosixPath(path).parents)
    return folders


def branch_statuses(base: str, path: str, repo: Path, settings: Settings) -> list[Status | None]:
    """The case's status in every commit of the branch (``base``..HEAD) that changed ``path``.

    A pull request is a series of commits: a new case written as a draft, sent to
    review, then published is in review in one of them, though neither the base nor
    the head shows it. Renames are not followed: git's rename detection would take
    another new case of similar text for this one's past.
    """
    commits = run_git(["log", "--format=%H", f"{base}..HEAD", "--", path], repo).decode().split()
    quiet = dataclasses.replace(settings, check_images=False)
    statuses: list[Status | None] = []
    for commit in commits:
        try:
            data = run_git(["show", f"{commit}:{path}"], repo)
        except GitError:  # the file was deleted in that commit
            continue
        statuses.append(load_case(repo / path, quiet, data=data).status)
    return statuses


def load_base(
    commit: str, root_rel: str, repo: Path, settings: Settings, folders: set[str] | None = None, *, listing: list[str] | None = None
) -> dict[str, Case]:
    """The cases at ``commit`` (in ``folders`` if given), read from git; images are not checked."""
    quiet = dataclasses.replace(settings, check_images=False)
    files = base_files(commit, root_rel, repo, folders, listing=listing)
    return {path: load_case(repo / path, quiet, data=data) for path, data in files.items()}


def base_settings(commit: str, repo: Path, settings: Settings, taxonomy_file: Path | None) -> Settings:
    """``settings`` with the site's taxonomy as ``commit`` had it, to read the base's cases as
    they were published: read with the branch's, a case's series the branch retired read as
    none at the base too, and removing it from four published cases showed no change (a
    maintainer's trial). The branch's when the site has no file of its own, or the file was
    not there or is not read."""
    data = file_at(taxonomy_file, commit, repo)
    if taxonomy_file is None or data is None:
        return settings
    try:
        return dataclasses.replace(settings, taxonomy=taxonomy_of_text(f"{commit[:12]}:{taxonomy_file.name}", data.decode("utf-8-sig")))
    except (ShowcaseError, UnicodeDecodeError):
        return settings


def base_file(commit: str, path: str, repo: Path) -> bytes | None:
    """One file at ``commit`` (a repository path), or None when it was not there."""
    try:
        return run_git(["show", f"{commit}:{path}"], repo)
    except GitError:
        return None
