"""What a pull request does to the cases: added, changed, removed, and state changes.

Compares the cases at a base commit (read from git, never checked out) with the
working tree, so that whoever approves a pull request sees what it publishes:
which cases go from review to published and who approved them, and which changes
look wrong. The comparison is engine-free; git is only used to read the base.

Warnings (decided here, explained in the editors' guide, 审核流程):

- a case reaches ``published`` without having been ``review`` at the base nor in any
  commit of the branch (a new case published at once, or draft → published): the
  review step was skipped; a withdrawn case published again is pointed out too;
- a published case goes back to draft or review, or is deleted: its URL stops
  working; ``withdrawn`` keeps the URL as a notice page;
- a published case changes its id without keeping the old id in ``aliases`` (a case
  that keeps a vanished id in ``aliases`` is that case renamed, and perhaps moved: one
  change, whose old URL redirects);
- a published case's text changes but ``review.approved`` does not: the change
  has not been approved;
- a published case is withdrawn but ``review.approved`` does not change: the tombstone
  would show the publication's date as the withdrawal's; or without a reason.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from ..cachefile import read_regular
from ..case.fields import TOP_KEYS
from ..case.model import Case, Status
from ..chinadate import china_today
from ..collection.curated import CuratedCollection
from ..collection.loading import CASE_FILE, load_case
from ..collection.mkdocs_yml import written_settings
from ..collection.settings import Settings
from ..collection.taxonomy import taxonomy_of_text
from ..diagnostics import Diagnostic, first_few, printable
from ..errors import ShowcaseError
from ..git import GitError, blobs_at, run_git
from ..options import DEFAULTS
from ..outputs.feeds import first_id
from ..outputs.ledger import parse_ledger, read_ledger, to_path
from ..site.index import case_url

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
            f"这次提交了 {len(materials)} 个像是申报材料或表格的文件（{first_few(materials, 5, show=_code)}）："
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


# -- comparing --------------------------------------------------------------------------


@dataclass
class Change:
    kind: str  # added, changed, removed
    before: Case | None
    after: Case | None
    path: str  # repository path of the index.md (after, or before when removed)
    warnings: list[str] = field(default_factory=list)
    history: list[Status | None] = field(default_factory=list)  # its states in the branch's commits
    touched: list[str] = field(default_factory=list)  # the changed files in its folder (and in its old folder)
    # of those, the photos whose picture is the same (their metadata cleaned: clean-photos)
    same_pictures: set[str] = field(default_factory=set)
    old_path: str = ""  # repository path of the index.md at the base, when it was elsewhere
    kept_by: str = ""  # a removed case whose id another case keeps in its aliases (merged into it)

    @property
    def folder(self) -> str:
        return PurePosixPath(self.path).parent.as_posix()

    @property
    def old_folder(self) -> str:
        """Where the case's folder was at the base (its folder when it did not move)."""
        return PurePosixPath(self.old_path).parent.as_posix() if self.old_path else self.folder

    @property
    def unread(self) -> bool:
        """Its front matter could not be read now (a full-width colon, a tab, a merge conflict):
        no field of it is known, not that every field was emptied."""
        return self.after is not None and not self.after.lines

    @property
    def renamed(self) -> bool:
        # an id not read is no new id: an editor's trial was told to keep the old one in aliases
        return self.before is not None and self.after is not None and bool(self.after.id) and self.before.id != self.after.id

    @property
    def redirects(self) -> bool:
        """A published (or withdrawn) case renamed with its old id in ``aliases``: the old URL redirects."""
        return (
            self.renamed
            and self.before is not None
            and self.after is not None
            and self.old_status is not None
            and self.old_status.is_public
            and self.before.id in self.after.aliases
        )

    @property
    def case(self) -> Case:
        if self.unread and self.before is not None:  # named by its id and title at the base
            return self.before
        return self.after or self.before  # type: ignore[return-value]

    @property
    def old_status(self) -> Status | None:
        return self.before.status if self.before else None

    @property
    def new_status(self) -> Status | None:
        return self.after.status if self.after else None

    @property
    def state_changed(self) -> bool:
        return self.kind != "changed" or self.old_status is not self.new_status

    @property
    def publishes(self) -> bool:
        return self.new_status is Status.PUBLISHED and self.old_status is not Status.PUBLISHED


def _rel(path: Path, repo: Path) -> str:
    return Path(os.path.relpath(path, repo)).as_posix()


# The fields that are not the published content the reviewing unit approved: the address
# (id, aliases), the state and the review itself, and what the reviewer alone writes.
# Every other field of the table counts, so a field added to data/fields.yml does too: a
# list of the content's keys here left out the figures, the area and the beneficiaries
# the case page shows (服务人次 100 made 10000 asked the approver nothing).
_NOT_CONTENT = frozenset({"id", "aliases", "status", "review", "withdrawn_reason", "featured"})
_CONTENT = (*(k for k in TOP_KEYS if k not in _NOT_CONTENT), "body")


def _body_changed(before: Case, after: Case) -> bool:
    return any(getattr(before, k) != getattr(after, k) for k in _CONTENT)


def _photos_changed(change: Change) -> list[str]:
    """The photos the case shows (cover and body) whose files the request changed or added."""
    if change.after is None:
        return []
    shown = {PurePosixPath(ref.src.strip()).as_posix() for ref in change.after.images} - change.same_pictures
    return [name for name in (_in_folder(t, change) for t in change.touched if t.startswith(change.folder + "/")) if name in shown]


def _skips_review(change: Change) -> bool:
    """Published now, and neither published, withdrawn nor in review at the base."""
    old = change.old_status
    return change.new_status is Status.PUBLISHED and old not in (Status.PUBLISHED, Status.REVIEW, Status.WITHDRAWN)


def _warnings(change: Change, head_ids: frozenset[str] = frozenset()) -> list[str]:
    """What a reviewer should look at in ``change``; ``head_ids``: every id of the branch."""
    before, after = change.before, change.after
    old, new = change.old_status, change.new_status
    notes = []
    url = "/" + case_url(change.case.id)
    if _skips_review(change) and Status.REVIEW not in change.history:
        was = "新增后直接发布" if before is None else f"由{old.label if old else '无效状态'}直接改为已发布"
        notes.append(f"{was}，没有经过待审（review）环节。请确认审核单位已经审阅全文。")
    if old is Status.WITHDRAWN and new is Status.PUBLISHED:
        notes.append("已撤回的案例重新发布：请确认撤回的原因已经消除。")
    if old is Status.PUBLISHED and new in (Status.DRAFT, Status.REVIEW):
        notes.append(f"已发布的案例改回{new.label}，网址 {url} 将无法访问。如需下线，请改为 withdrawn（保留撤回说明页）。")
    if before is not None and after is None and old is not None and old.is_public and not change.kept_by:
        notes.append(
            f"删除了{old.label}的案例，网址 {url} 将无法访问。如需下线，请保留文件并改为 withdrawn；"
            f"如果是改了编号，请在新编号案例的 aliases 里写上 {change.case.id}，旧网址会自动转到新网址。"
        )
    if before is not None and after is not None and old is not None and old.is_public:
        for alias in (a for a in before.aliases if a not in after.aliases and a != after.id):
            # a department's trial: the alias removed, its address went to another case, unsaid
            taken = "现在是另一个案例的编号，旧网址会打开那个案例" if alias in head_ids else "旧网址将失效"
            notes.append(
                f"删掉了旧编号 {alias}（aliases）：别人引用的 /{case_url(alias)} 原来跳转到本案例，{taken}。"
                "旧编号一旦用过就要一直保留；新案例请换一个编号。"
            )
    both_public = old is not None and old.is_public and new is not None and new.is_public
    if both_public and before is not None and after is not None and before.id and after.id:
        known, now = first_id(before), first_id(after)
        # only where putting it back is the mend: not its own id (a merged case's alias first:
        # the check refuses an alias that is the id itself, a review)
        if known != now and known in after.aliases:
            # an editor's week: a new former id written first, and every subscriber got the case again as new
            notes.append(
                f"旧编号（aliases）的顺序变了：订阅源按第一个编号 {known} 认出这个案例，现在第一个是 {now}，"
                f"订阅的人会把它当作新案例再收到一次。请把 {known} 放回 aliases 的第一个，新加的旧编号写在后面。"
            )
    if change.renamed and before is not None and after is not None and old is not None and old.is_public and before.id not in after.aliases:
        if before.id in head_ids:  # an editor's trial: renumbering the wrong one of two cases with one id
            notes.append(
                f"已发布案例的编号由 {before.id} 改为 {after.id}，而 {before.id} 现在是另一个案例的编号：原来的网址 /{case_url(before.id)} "
                "会打开那个案例，读者和已有的引用会看到别的内容。两个案例编号重复时，应保留先发布的那个的编号，改后来的那个。"
            )
        else:
            notes.append(f"已发布案例的编号由 {before.id} 改为 {after.id}，旧网址将失效。请把 {before.id} 写进 aliases。")
    if (
        old is Status.PUBLISHED
        and new is Status.PUBLISHED
        and before is not None
        and after is not None
        and before.review.approved == after.review.approved
    ):
        if _body_changed(before, after):
            # the rule showcase approve says too (an editor's week: the two read as opposite advice)
            notes.append(
                "已发布案例的内容有修改，审核日期 review.approved 没有更新：改动需要重新审核的（事实、数字、人物、照片说明），"
                "请审核单位看过后运行 showcase approve 更新审核日期；只是改了错字、标点的，不用更新，可以直接合并。"
            )
        elif photos := _photos_changed(change):
            # a new picture is published content too (it may show faces, documents): an editor's
            # trial replaced a published case's cover and the summary asked nothing
            notes.append(
                f"已发布案例的照片 {first_few(photos, 3, '张')} 换了新的，"
                "但审核日期 review.approved 没有更新：请审核单位看过新照片后更新审核日期。"
            )
    if (
        old is Status.PUBLISHED
        and new is Status.WITHDRAWN
        and before is not None
        and after is not None
        and before.review.approved == after.review.approved
        and after.review.approved != china_today()  # approved and withdrawn the same day: the date is right
    ):
        notes.append(
            f"撤回了已发布的案例，但审核日期 review.approved 没有更新：撤回说明页会把发布时的 {after.review.approved} 显示为撤回日期。"
            "请用 showcase withdraw 撤回（它会填写决定撤回的单位和日期），或手工改审核日期。"
        )
    if old is Status.PUBLISHED and new is Status.WITHDRAWN and after is not None and not after.withdrawn_reason.strip():
        notes.append(
            "撤回了已发布的案例，但没有写撤回原因 withdrawn_reason：撤回说明页上读者看不到原因。请补上一句（showcase withdraw 的 --reason）。"
        )
    return notes


def reader_changes(changes: list[Change]) -> list[str]:
    """What a reader of the site will see change, one address a line (Markdown): new
    addresses, addresses that redirect, that show a tombstone, that break, and published
    pages whose content changed. The summary had counted the cases published and withdrawn
    and named an address only when it broke (an editor's question)."""
    lines: list[str] = []

    def at(case_id: str) -> str:
        return _code("/" + case_url(case_id))

    def olds(case: Case) -> str:
        """Its former addresses, which lead to it and go as it goes (an editor's week: a
        withdrawal named the case's address alone, and the old one showed the notice too)."""
        return f"（旧网址 {'、'.join(map(at, case.aliases))} 也一样）" if case.aliases else ""

    for c in changes:
        before, after = c.before, c.after
        old, new = c.old_status, c.new_status
        was_public = old is not None and old.is_public
        if c.unread:
            if was_public:
                lines.append(f"- {at(c.case.id)} 基本信息读不出来：改好之前网站不能生成")
            continue
        if after is None:  # removed
            if c.kept_by:
                lines.append(f"- {at(c.case.id)} 自动跳转到 {at(c.kept_by)}（并入）")
            elif was_public:
                lines.append(f"- {at(c.case.id)} 将打不开（案例被删除）")
            continue
        if c.renamed and before is not None and was_public:
            if c.redirects:
                lines.append(f"- {at(before.id)} 自动跳转到 {at(after.id)}")
            else:
                lines.append(f"- {at(before.id)} 将打不开（编号改了，旧编号没有写进 aliases）")
        if new is Status.PUBLISHED and (old is not Status.PUBLISHED or c.renamed):
            if old is Status.WITHDRAWN and not c.renamed:  # its address is not new: it showed the notice (an editor's trial)
                lines.append(f"- {at(after.id)} 重新发布：合并后不再显示撤回说明，恢复案例内容")
            else:
                lines.append(f"- {at(after.id)} 新网址，合并后可以打开")
        elif new is Status.WITHDRAWN and old is not Status.WITHDRAWN:
            reason = f"：{after.withdrawn_reason.strip()}" if after.withdrawn_reason.strip() else ""
            lines.append(f"- {at(after.id)} 内容撤下，只显示撤回说明页{_cell(reason)}{olds(after)}")
        elif was_public and new in (Status.DRAFT, Status.REVIEW):
            lines.append(f"- {at(after.id)} 将打不开（改回了{new.label}）{olds(after)}")
        elif old is Status.PUBLISHED and new is Status.PUBLISHED and before is not None and not c.renamed:
            if _body_changed(before, after):
                lines.append(f"- {at(after.id)} 内容有修改")
            elif photos := _photos_changed(c):
                lines.append(f"- {at(after.id)} 换了照片 {_cell(first_few(photos, 3, '张'))}")
    return lines


def compare(
    base: dict[str, Case],
    head: dict[str, Case],
    touched: set[str],
    history: Callable[[str], list[Status | None]] | None = None,
    same_files: Callable[[str, str], set[str]] | None = None,
    head_ids: set[str] | None = None,
    same_picture: Callable[[str, str], bool] | None = None,
) -> list[Change]:
    """Changes from ``base`` to ``head`` (both: repository path of index.md -> Case).

    ``history`` gives a case's states in the branch's commits (``branch_statuses``);
    it is asked only about a case published without having been in review at the base.

    Cases are matched by id. A case whose id is gone from the head is the head's case
    that took its place: the one in the same file (its id changed in place), else the
    one that keeps the old id in ``aliases`` (renamed, perhaps moved: the contract's
    way). Git's rename detection is not asked: cases written from one template are
    alike enough for git to pair a deleted case with another case's new file.
    ``touched`` holds every changed file, so a new photo marks its case as changed;
    ``same_files`` (``unchanged_files``) tells which files of a moved case came along
    unchanged, so that they are not listed as changed. ``head_ids``: every id of the
    branch, when ``head`` holds only the touched folders' cases (an id given up may be
    another case's). ``same_picture`` (``kept_pictures``) tells whether a changed photo file
    (its path at the base, and now) shows the same picture as before.
    Both sides may be limited to the cases in touched folders (``touched_folders``):
    a case that moved, changed or went away has a changed file in its folder.
    """
    base_by_id = {c.id: (p, c) for p, c in base.items() if c.id}
    head_by_id = {c.id: (p, c) for p, c in head.items() if c.id}
    gone = {c.id: p for p, c in sorted(base.items()) if c.id and c.id not in head_by_id}  # ids the head lost
    changes: list[Change] = []
    matched_base: set[str] = set()

    shared = {i for i, n in Counter(c.id for c in base.values() if c.id).items() if n > 1}  # two cases, one id, at the base

    def free(before_path: str | None, own: bool = False) -> bool:
        """A base case the head lost, not yet taken by another head case; or (``own``) the
        base case in the same file whose id another case also had (the head kept that id
        for the other one: an editor's trial renumbered one of two cases with one id)."""
        if before_path is None or before_path not in base or before_path in matched_base:
            return False
        return base[before_path].id not in head_by_id or (own and base[before_path].id in shared)

    for path, after in sorted(head.items()):
        before_path: str | None = None
        if after.id in base_by_id:  # the same file first, when two base cases had this id
            before_path = path if path in base and base[path].id == after.id else base_by_id[after.id][0]
        if before_path is None:
            before_path = path if free(path, own=True) else next((p for p in (gone.get(a) for a in after.aliases) if free(p)), None)
        if before_path is None:
            changes.append(Change("added", None, after, path))
            continue
        matched_base.add(before_path)
        folder = PurePosixPath(path).parent.as_posix() + "/"
        old_folder = PurePosixPath(before_path).parent.as_posix() + "/"
        moved = before_path != path
        if moved or any(t.startswith(folder) or t.startswith(old_folder) for t in touched):
            changes.append(Change("changed", base[before_path], after, path, old_path=before_path if moved else ""))
    aliased = {alias: case.id for case in head.values() for alias in case.aliases}
    for path, before in sorted(base.items()):
        if path not in matched_base and not (before.id and before.id in head_by_id):
            changes.append(Change("removed", before, None, path, kept_by=aliased.get(before.id, "")))
    every_id = frozenset(head_by_id) | frozenset(head_ids or ())  # once, not per change
    for change in changes:
        if history is not None and _skips_review(change):
            change.history = history(change.path)
        change.touched = _changed_files(change, touched, same_files)
        if same_picture is not None and change.kind == "changed":
            names = (_in_folder(t, change) for t in change.touched if t.startswith(change.folder + "/"))
            change.same_pictures = {
                name
                for name in names
                if PurePosixPath(name).suffix.lower() in (".jpg", ".jpeg", ".png")
                and same_picture(f"{change.old_folder}/{name}", f"{change.folder}/{name}")
            }
        change.warnings = _warnings(change, every_id)
    return changes


def note_copies(changes: list[Change], cases: Iterable[Case]) -> None:
    """A note on each case this branch adds with the title and the organization of a public
    case (published or withdrawn) of another id: a published case copied under a new id,
    only its id changed, passed the check and this summary unsaid (an editor's week). Not
    a check rule: the same words are no mistake in themselves (a yearly event, a fixture)."""

    def words(case: Case) -> tuple[str, str]:
        return "".join(case.title.split()), "".join(case.organization.name.split())

    # public before this branch: not one it publishes itself (an editor's trial: a case being
    # published in the same pull request was called 已公开)
    was = {change.after.path: change.before for change in changes if change.after is not None}
    public: dict[tuple[str, str], Case] = {}
    for case in cases:
        before = was.get(case.path, case)
        if before is None or before.status is None or not before.status.is_public:
            continue
        if case.status is not None and case.status.is_public and case.title.strip() and case.organization.name.strip():
            public.setdefault(words(case), case)
    for change in changes:
        if change.kind != "added" or change.after is None:
            continue
        other = public.get(words(change.after))
        if other is not None and other.id != change.after.id:
            change.warnings.append(
                f"标题和组织名称都和已公开的案例 {other.id} 一样，可能是同一个案例又提交了一次：要修改已发布的案例，"
                "请直接改它自己的 index.md；确实是另一次活动，请把标题改得能区分开。"
            )


def _changed_files(change: Change, touched: set[str], same_files: Callable[[str, str], set[str]] | None) -> list[str]:
    """The changed files of a case's folder; for a moved case, what did not come along unchanged:
    files new or changed in the new folder, and files of the old folder left behind."""
    folder, old_folder = change.folder + "/", change.old_folder + "/"
    files = sorted(t for t in touched if t.startswith(folder))
    if old_folder == folder:
        return files
    same = same_files(change.old_folder, change.folder) if same_files is not None else set()
    kept = [t for t in files if t[len(folder) :] not in same]
    left = sorted(
        t for t in touched if t.startswith(old_folder) and not t.startswith(folder) and folder + t[len(old_folder) :] not in touched
    )
    return kept + left


def load_base(
    commit: str, root_rel: str, repo: Path, settings: Settings, folders: set[str] | None = None, *, listing: list[str] | None = None
) -> dict[str, Case]:
    """The cases at ``commit`` (in ``folders`` if given), read from git; images are not checked."""
    quiet = dataclasses.replace(settings, check_images=False)
    files = base_files(commit, root_rel, repo, folders, listing=listing)
    return {path: load_case(repo / path, quiet, data=data) for path, data in files.items()}


def head_cases(cases: list[Case], repo: Path, folders: set[str] | None = None) -> dict[str, Case]:
    """The working tree's cases by repository path (in ``folders`` if given)."""
    found = {_rel(case.path, repo): case for case in cases}
    if folders is None:
        return found
    return {path: case for path, case in found.items() if PurePosixPath(path).parent.as_posix() in folders}


# -- the report -------------------------------------------------------------------------


# Characters Markdown (GitHub's and Python-Markdown) or HTML would read as markup: written
# as numeric character references, which both render as the character itself.
_MARKUP = frozenset("\\`*_[]<>&|~")
# What GitHub turns into a notification or a link after rendering (@mentions of people and
# teams, #1 issue references, https:// and www. addresses): character references do not
# stop it, as it reads the rendered text; an empty HTML comment splits the text node.
_LINKED = re.compile(r"(@|#|:(?=//)|(?i:www)(?=\.))")


def _cell(text: str) -> str:
    """Text from a case (title, reviewer, path) as Markdown that renders as exactly that
    text: no element, link, mention, emphasis or extra table cell can come out of it."""
    flat = " ".join((text or "").splitlines())
    out = []
    for index, part in enumerate(_LINKED.split(flat)):  # text, then what GitHub would link, in turn
        out.append("".join(f"&#{ord(ch)};" if ch in _MARKUP else ch for ch in part))
        if index % 2:
            out.append("<!-- -->")
    return "".join(out)


def for_terminal(markdown: str) -> str:
    """The summary read in a terminal, not posted: the character references and empty
    comments that keep GitHub from reading a case's words as markup are only noise there.
    What a terminal would act on (a title's ESC [41m, a hidden link ESC ]8;;…) is shown as
    U+FFFD, not obeyed (a security review)."""
    return printable(html.unescape(markdown.replace("<!-- -->", "")))


def _code(text: str) -> str:
    """A code span, or escaped text when a backtick or a pipe would end the span or the cell."""
    if not text or any(ch in text for ch in "`|\n\r"):
        return _cell(text)
    return f"`{text}`"


def _state(status: Status | None) -> str:
    return status.label if status else "（无效）"


def _title(case: Case) -> str:
    return _cell(case.title or PurePosixPath(case.path).parent.name)


_SHORT = 20  # characters of a value in the changes table; longer ones are cut with …
_AFTER = 8  # characters from where two long values differ that stay in view
_MAX_ITEMS = 6  # changes listed in one row; the rest are counted


def _window(text: str, start: int) -> str:
    """``text`` from ``start`` (… before it when cut there), at most ``_SHORT`` characters (… at the end when cut)."""
    if not text:
        return "（空）"
    head = "…" if start > 0 else ""
    rest = text[start:]
    room = _SHORT - len(head)
    return head + (rest if len(rest) <= room else rest[: room - 1] + "…")


def _shortened(old: str, new: str) -> tuple[str, str]:
    """Two values of a field as the changes table shows them: whole when short, otherwise both
    cut at the same place so that where they differ stays in view (``…推行垃圾分类积分制 →
    …推行垃圾分类积分制（修订）``), not only their common beginning."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if len(old) <= _SHORT and len(new) <= _SHORT:
        return _window(old, 0), _window(new, 0)
    same = next((n for n, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    start = max(0, same + _AFTER - (_SHORT - 1))  # the first difference and what follows it fit
    return _window(old, start), _window(new, start)


def _fields(case: Case) -> dict[str, str]:
    """The front matter as the changes table shows it: key -> value as text."""
    org, region, review = case.organization, case.region, case.review

    def day(value: date | None) -> str:
        return value.isoformat() if value else ""

    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    return {
        "id": case.id,
        "title": case.title,
        "summary": case.summary,
        "themes": "、".join(t.label for t in case.themes),
        "organization.name": org.name,
        "organization.category": org.category.name if org.category else "",
        "organization.registration": org.registration or "",
        "region": " ".join(region.parts()) if region.province else "",
        "area": case.area or "",
        "date": day(case.date),
        "end_date": day(case.end_date),
        "status": _state(case.status),
        "review.reviewer": review.reviewer,
        "review.approved": day(review.approved),
        "withdrawn_reason": case.withdrawn_reason,
        "brands": "、".join(b.name for b in case.brands),
        "beneficiaries": "、".join(case.beneficiaries),
        "tags": "、".join(case.tags),
        "volunteers": number(case.volunteers),
        "served": number(case.served),
        "cover": case.cover or "",
        "featured": "是" if case.featured else "",
        "aliases": "、".join(case.aliases),
    }


def _refused(case: Case, keys: Iterable[str]) -> set[str]:
    """The keys of the changes table (``keys``, ``_fields``'s) with an error on one of their
    lines: a value the check refused reads as missing (a misspelt theme is no theme), which
    the table showed as the request taking it away (themes: 便民服务、新风正气 → 便民服务, an
    editor's trial). A line's path names its table key: organization.name, or region as a whole."""
    wrong = {d.line for d in case.diagnostics if d.is_error}
    known = set(keys)
    refused = set()
    for path, line in case.lines.items():
        if line in wrong and path and isinstance(path[0], str):
            dotted = ".".join(str(part) for part in path[:2])
            refused.add(dotted if dotted in known else path[0])
    return refused


def field_changes(change: Change) -> list[str]:
    """What changed in a case, one ``key: old → new`` per field (values shortened), a new id
    and a moved folder first, the body and the other files of its folder last."""
    before, after = change.before, change.after
    if before is None or after is None:
        return []
    items: list[str] = []
    if change.unread:
        items.append("基本信息读不出来（格式有错误，见下面的检查结果），改好后才能看出改了哪些字段")
    elif change.renamed:
        redirect = f"，旧网址 /{case_url(before.id)} 自动转到新网址" if change.redirects else ""
        items.append(f"编号由 {before.id} 改为 {after.id}{redirect}")
    if change.old_folder != change.folder:
        items.append(f"文件夹由 {change.old_folder}/ 移到 {change.folder}/")
    old, new = _fields(before), _fields(after) if not change.unread else {}
    refused = _refused(after, old)
    for key in new:
        if key in refused and key != "id":  # what it reads may not be what was written: not "removed", not "unchanged"
            shown_old, shown_new = _shortened(old[key], new[key])
            flag = "这一项有错误（见下面的检查结果）" if not new[key] else f"{shown_new}（这一项有错误，见下面的检查结果）"
            items.append(f"{key}: {shown_old} → {flag}")
            continue
        if old[key] == new[key] or key == "id":
            continue
        if key == "aliases" and change.renamed and [a for a in after.aliases if a != before.id] == list(before.aliases):
            continue  # only the old id added: said with the new id
        shown_old, shown_new = _shortened(old[key], new[key])
        items.append(f"{key}: {shown_old} → {shown_new}")
    if before.body.strip() != after.body.strip():
        items.append("正文有修改")
    files = [_in_folder(t, change) for t in change.touched if PurePosixPath(t).name != CASE_FILE]
    if files:
        items.append("文件：" + first_few(files, 3))
    if len(items) > _MAX_ITEMS:
        items = items[: _MAX_ITEMS - 1] + [f"另有 {len(items) - _MAX_ITEMS + 1} 处"]
    return items


def _in_folder(path: str, change: Change) -> str:
    """A changed file as its case folder names it (a file left in the old folder, by its old name)."""
    for folder in (change.folder, change.old_folder):
        if path.startswith(folder + "/"):
            return path[len(folder) + 1 :]
    return path


_MAX_ERRORS = 20  # errors of the check listed in the summary; the rest are counted


def _problem(diagnostic: Diagnostic, cwd: Path | None) -> str:
    """One error of the check as a list item: where, what, how to fix."""
    where = f"{diagnostic.display_path(cwd)}:{diagnostic.line}"
    hint = f"提示：{diagnostic.hint}" if diagnostic.hint else ""
    return f"- {_code(where)} {_cell(f'[{diagnostic.code}] {diagnostic.message}{hint}')}"


def _names_of(changes: list[Change]) -> re.Pattern[str] | None:
    """The ids a pull request gives or takes, as words: a new case's, a renamed case's new and
    old, and former ids a case now writes in ``aliases``. A warning elsewhere that names one is
    the pull request's too (an editor's trial: a renamed case's old id in collections.yml was
    said not to come from the branch that renamed it); a case only edited names none (a
    review: an old warning was laid at a branch that changed one sentence)."""
    names: set[str] = set()
    for change in changes:
        before, after = change.before, change.after
        if after is None:
            continue
        if before is None or before.id != after.id:  # a new case, or a renamed one: its ids now and before
            names |= {after.id, before.id if before else ""}
        names |= set(after.aliases) - set(before.aliases if before else ())  # former ids it writes now
    names.discard("")
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(names))) + r")(?![\w-])") if names else None


def _in_folders(diagnostic: Diagnostic, folders: set[str], cwd: Path | None) -> bool:
    """Whether the diagnostic's file lies in one of ``folders`` (repository paths)."""
    where = PurePosixPath(Path(diagnostic.display_path(cwd)).as_posix())
    return any(str(parent) in folders for parent in where.parents)


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


def collection_changes(
    before: list[CuratedCollection], after: list[CuratedCollection], current: Mapping[str, str] | None = None
) -> list[tuple[str, str, str, bool]]:
    """What a pull request changes in collections.yml, each collection by its key, or by a
    former key in its ``aliases`` (a rename): (title, address, what, a published address
    goes). Merging publishes a new collection's page, feeds and booklets, and a key renamed
    or removed takes its address away; the summary said nothing of either (an editor's trial).
    ``current``: a case's former id -> its id now, so that a list that follows a case's
    rename says so, not that one case left and another came (an editor's trial)."""
    now = current or {}
    old = {c.key: c for c in before}
    keys = {c.key for c in after}
    matched: dict[str, CuratedCollection] = {}  # a key now -> the collection it was
    for entry in after:
        was = old.get(entry.key) or next((old[a] for a in entry.aliases if a in old and a not in keys), None)
        if was is not None:
            matched[entry.key] = was
    out: list[tuple[str, str, str, bool]] = []
    for entry in after:
        ids = [i for i, _ in entry.ids]
        was = matched.get(entry.key)
        if was is None:
            out.append((entry.title, entry.url, f"新增，收录 {len(ids)} 个案例", False))
            continue
        before_ids = [i for i, _ in was.ids]
        said = []
        if was.key != entry.key:
            said.append(f"key {was.key} → {entry.key}：旧网址 /{was.url} 会跳转到这里（旧 key 记在 aliases 里）")
        if was.title != entry.title:
            said.append(f"标题 {was.title} → {entry.title}")
        cases_then, cases_now = {now.get(i, i) for i in before_ids}, {now.get(i, i) for i in ids}
        if added := [i for i in ids if now.get(i, i) not in cases_then]:
            said.append("加入 " + "、".join(added))
        if removed := [i for i in before_ids if now.get(i, i) not in cases_now]:
            said.append("移出 " + "、".join(removed))
        renamed = [(i, j) for i in before_ids for j in ids if i != j and now.get(i, i) == now.get(j, j)]
        if renamed:
            said.append("案例改了编号，这里跟着改了：" + "、".join(f"{i} → {j}" for i, j in renamed))
        if not added and not removed and [now.get(i, i) for i in ids] != [now.get(i, i) for i in before_ids]:
            said.append("案例的顺序变了")
        if was.intro != entry.intro:
            said.append("介绍改了")
        if now.get(was.cover_id, was.cover_id) != now.get(entry.cover_id, entry.cover_id):
            said.append(f"封面 {was.cover_id or '（默认）'} → {entry.cover_id or '（默认）'}")
        if said:
            out.append((entry.title, entry.url, "；".join(said), False))
        for dropped in (old_key for old_key in was.aliases if old_key not in entry.aliases and old_key != entry.key):
            # its address redirected here, with copies of the feeds and booklets: gone unsaid (a review)
            out.append((entry.title, f"collections/{dropped}/", f"从 aliases 删掉了旧 key {dropped}：这个旧网址将失效", True))
    followed = {id(was) for was in matched.values()}
    for was in before:
        if id(was) in followed:
            continue
        merged = next((c for c in after if was.key in c.aliases), None)
        if merged is not None:  # kept in another's aliases (a merge): the old address leads there
            out.append((was.title, was.url, f"并入专题 {merged.key}：旧网址会跳转到 /{merged.url}（旧 key 记在 aliases 里）", False))
        else:
            out.append((was.title, was.url, "删除：这个专题的页面、订阅源和汇编下载都不再有", True))
    return out


def site_url_change(before: str, now: str) -> list[str]:
    """The approver's note when mkdocs.yml's ``site_url`` was ``before`` at the base and is
    ``now`` (Markdown); none when it was not set then (nothing was printed with an address)
    or is the same address."""
    if not before or before.rstrip("/") == now.rstrip("/"):
        return []
    shown = f" 由 {_code(before)} 改为 {_code(now)}" if now else f"（原来是 {_code(before)}）删掉了"
    return [
        f"mkdocs.yml 的网站地址 site_url{shown}：已经印出、发出的二维码、汇编、引用和订阅里的网址都指向旧地址。"
        "请让旧地址的服务器把每个网址原样跳转（301）到新地址（见 README.md 的“Links that last”一节），不要停掉旧地址；"
        "订阅的人会把最近的案例再收到一遍。确实要换地址时再合并。"
    ]


def as_markdown(
    changes: list[Change],
    summary_line: str = "",
    base_label: str = "",
    errors: list[Diagnostic] | None = None,
    warnings: list[Diagnostic] | None = None,
    cwd: Path | None = None,
    collections: list[tuple[str, str, str, bool]] | None = None,
    ledger_removed: list[str] | None = None,
    ledger_file: str = DEFAULTS.ledger,
    collections_file: str = DEFAULTS.collections,
    site_notes: list[str] | None = None,
    redirects: list[tuple[str, str]] | None = None,
    outside: list[str] | None = None,
) -> str:
    """A comment-ready summary for the pull request; ``errors`` are the check's (``showcase check``),
    their paths relative to ``cwd``; ``warnings`` the check's warnings, of which those in the
    folders of cases this pull request adds or changes are listed (the others it did not cause);
    ``ledger_file``, ``collections_file``: the site's files as the repository names them
    (options ``ledger`` and ``collections``); ``site_notes``: what the approver should know
    about the site's own settings (mkdocs.yml's site_url changed); ``redirects``: the published
    pages this pull request takes away, each with the page readers are sent to
    (``gate.redirects_made``); ``outside``: the files outside the cases folder it changes
    (``outside_cases``; what to know of them comes in ``site_notes``)."""
    added = [c for c in changes if c.kind == "added"]
    changed = [c for c in changes if c.kind == "changed"]
    removed = [c for c in changes if c.kind == "removed"]
    lines = [f"## 案例变更：新增 {len(added)} 个，修改 {len(changed)} 个，删除 {len(removed)} 个"]
    if base_label:
        lines += ["", f"与 {_code(base_label)} 比较。"]
    if not changes:
        lines += ["", "本次没有改动案例。" if not collections else "本次没有改动案例，改动了专题（见下）。"]
    publishing = [c for c in changes if c.publishes]
    withdrawing = [c for c in changes if c.new_status is Status.WITHDRAWN and c.old_status is not Status.WITHDRAWN]
    if publishing or withdrawing:
        lines += ["", f"合并后将**公开发布 {len(publishing)} 个**案例，撤回 {len(withdrawing)} 个。"]
    seen = reader_changes(changes) + [
        f"- 页面 {_code('/' + url)} 合并后不再有（上面没有案例了，或者它从分类里删掉了），已发布的网址会跳转到 {_code('/' + target)}"
        for url, target in redirects or []
    ]
    if seen:
        lines += ["", "### 读者会看到的变化", "", *seen]
    moving = [c for c in changes if c.state_changed]
    if moving:
        lines += ["", "### 状态变化", "", "| 案例 | 编号 | 状态 | 审核单位 | 审核日期 |", "| --- | --- | --- | --- | --- |"]
        for c in moving:
            old = _state(c.old_status) if c.before else "（新增）"
            new = _state(c.new_status) if c.after else f"（并入 {_code(c.kept_by)}）" if c.kept_by else "（删除）"
            new = "基本信息读不出来" if c.unread else new
            new = f"**{new}**" if c.publishes else new
            review = c.case.review  # the base's when the front matter cannot be read now
            approved = review.approved.isoformat() if review.approved else ""
            lines.append(f"| {_title(c.case)} | {_code(c.case.id)} | {old} → {new} | {_cell(review.reviewer)} | {approved} |")
    for title, group in (("新增", added), ("修改", changed), ("删除", removed)):
        if not group:
            continue
        what = title == "修改"  # for changed cases: what changed
        header = "| 案例 | 编号 | 状态 | 改动 | 文件 |" if what else "| 案例 | 编号 | 状态 | 文件 |"
        lines += ["", f"### {title}", "", header, "| --- " * header.count(" | ") + "| --- |"]
        for c in group:
            status = "读不出" if c.unread else _state(c.new_status if c.after else c.old_status)
            mark = "" if c.after is None or c.after.ok else " ❌ 有错误"
            if c.kept_by:  # merged: where its address now leads, as the states table says
                mark = f"（并入 {_code(c.kept_by)}，旧网址跳转到那里）"
            detail = f" {_cell('；'.join(field_changes(c)) or '—')} |" if what else ""
            lines.append(
                f"| {_title(c.case)} | {_code(c.case.id) if c.case.id else '（无编号）'} | {status}{mark} |{detail} {_code(c.path)} |"
            )
    if collections:
        lines += ["", f"### 专题（{collections_file}）", "", "| 专题 | 网址 | 改动 |", "| --- | --- | --- |"]
        for title, url, change, _ in collections:
            lines.append(f"| {_cell(title)} | {_code('/' + url)} | {_cell(change)} |")
    flagged = [c for c in changes if c.warnings]
    gone = [(title, url) for title, url, _, lost in collections or [] if lost]
    if not changes and not collections and ledger_removed:
        lines[-1] = f"本次没有改动案例，删除了已发布网址清单 {ledger_file} 里的网址（见下）。"
    elif not changes and not collections and site_notes:  # outside_cases' notes among them
        lines[-1] = "本次没有改动案例，改动了网站的设置（见下）。"
    if outside:
        listed = outside[:_MAX_ERRORS]
        lines += ["", "### 案例以外的改动", "", *(f"- {_code(path)}" for path in listed)]
        if len(outside) > len(listed):
            lines.append(f"- ……还有 {len(outside) - len(listed)} 个")
    if flagged or gone or ledger_removed or site_notes:
        lines += ["", "### ⚠️ 请审核人注意", ""]
        lines += [f"- {note}" for note in site_notes or []]
        for c in flagged:
            for note in c.warnings:
                lines.append(f"- {_code(c.case.id)} {_title(c.case)}：{_cell(note)}")
        for title, url in gone:  # a key renamed or removed: its published address goes
            lines.append(
                f"- 专题 {_cell(title)}：已发布的网址 {_code('/' + url)} 和它的订阅源、汇编下载将不再有，"
                "读者和订阅者的链接会失效（网址会跳到专题列表页）。只是改了 key 的话，在新专题的 aliases 里写上旧 key，"
                "旧网址就会跳转到新专题；确实要删除时再合并。"
            )
        if ledger_removed:  # an editor's trial: lines deleted to quiet an error, and nothing said it
            shown = first_few(ledger_removed, _MAX_ERRORS, show=_code)
            lines.append(
                f"- 已发布网址清单 {ledger_file} 里删除了 {shown}：这些网址以后打不开，也不会再被检查出来。"
                f"清单只能追加，不能删行；请恢复这些行（git checkout 基准分支 -- {ledger_file}，再运行 showcase urls --update），"
                "并按检查的提示处理（改编号的写 aliases，要下线的用 showcase withdraw）。"
            )
    if summary_line:
        lines += ["", "### 检查结果", "", summary_line]
    if errors:
        lines += ["", "这些错误要先改正，合并请求的检查才能通过（和 showcase check 的结果一样）：", ""]
        lines += [_problem(d, cwd) for d in errors[:_MAX_ERRORS]]
        if len(errors) > _MAX_ERRORS:
            lines.append(f"- 另有 {len(errors) - _MAX_ERRORS} 处错误，运行 showcase check 查看全部。")
    folders = {c.folder for c in changes if c.after is not None}
    named = _names_of(changes)
    here = [w for w in warnings or [] if _in_folders(w, folders, cwd) or (named is not None and named.search(w.message))]
    elsewhere = len(warnings or []) - len(here)
    if elsewhere and summary_line:  # counted in the line above, listed nowhere: whose are they (an editor's trial)
        lines += ["", f"其中 {elsewhere} 处警告在本次没有改动的案例或文件里，不是这次合并请求带来的（运行 showcase check 查看）。"]
    if here:
        lines += ["", "本次改动的案例有这些警告（不影响合并，发布前最好改好）：", ""]
        lines += [_problem(d, cwd) for d in here[:_MAX_ERRORS]]
        if len(here) > _MAX_ERRORS:
            lines.append(f"- 另有 {len(here) - _MAX_ERRORS} 处警告，运行 showcase check 查看全部。")
    return "\n".join(lines) + "\n"
