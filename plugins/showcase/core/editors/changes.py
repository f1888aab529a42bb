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
- a published case changes its id without keeping the old id in ``aliases``;
- a published case's text changes but ``review.approved`` does not: the change
  has not been approved.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..case.model import Case, Status
from ..collection.loading import CASE_FILE, load_case
from ..collection.settings import Settings
from ..errors import ShowcaseError


class GitError(ShowcaseError):
    """Git is missing, this is not a repository, or the base ref is unknown."""


# -- reading the base from git ----------------------------------------------------------


def _git(args: list[str], cwd: Path, data: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("找不到 git 命令，请先安装 Git。") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} 失败")
    return result.stdout


def repo_root(path: Path) -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], path).decode().strip())


def resolve_base(ref: str, repo: Path, merge_base: bool = True) -> str:
    """The commit to compare with: where the branch left ``ref`` (its merge base) by default.

    Comparing with the tip of ``ref`` would show work merged there since the branch
    began as if this branch had undone it.
    """
    commit = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], repo).decode().strip()
    if merge_base:
        try:
            return _git(["merge-base", commit, "HEAD"], repo).decode().strip()
        except GitError:
            return commit  # unrelated histories or no HEAD yet
    return commit


def base_files(commit: str, root_rel: str, repo: Path, folders: set[str] | None = None) -> dict[str, bytes]:
    """The ``index.md`` files below ``root_rel`` at ``commit``: repository path -> bytes.

    With ``folders``, only the files in those folders are read.
    """
    listing = _git(["ls-tree", "-r", "-z", "--name-only", commit, "--", root_rel], repo)
    paths = [p for p in listing.decode("utf-8").split("\0") if p and PurePosixPath(p).name == CASE_FILE]
    if folders is not None:
        paths = [p for p in paths if PurePosixPath(p).parent.as_posix() in folders]
    if not paths:
        return {}
    request = "".join(f"{commit}:{p}\n" for p in paths).encode("utf-8")
    out = _git(["cat-file", "--batch"], repo, request)
    files: dict[str, bytes] = {}
    offset = 0
    for path in paths:
        header_end = out.index(b"\n", offset)
        size = int(out[offset:header_end].split()[2])
        start = header_end + 1
        files[path] = out[start : start + size]
        offset = start + size + 1
    return files


def changed_paths(commit: str, root_rel: str, repo: Path) -> set[str]:
    """Files below ``root_rel`` that differ from ``commit`` in the working tree, new files included."""
    tracked = _git(["diff", "--name-only", "-z", "--no-renames", commit, "--", root_rel], repo)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard", "--", root_rel], repo)
    return {p for p in (tracked + b"\0" + untracked).decode("utf-8").split("\0") if p}


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
    commits = _git(["log", "--format=%H", f"{base}..HEAD", "--", path], repo).decode().split()
    quiet = dataclasses.replace(settings, check_images=False)
    statuses: list[Status | None] = []
    for commit in commits:
        try:
            data = _git(["show", f"{commit}:{path}"], repo)
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
    touched: list[str] = field(default_factory=list)  # the changed files in its folder

    @property
    def case(self) -> Case:
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


def _body_changed(before: Case, after: Case) -> bool:
    keys = ("title", "summary", "body", "themes", "organization", "region", "date", "end_date", "cover", "brands", "tags")
    return any(getattr(before, k) != getattr(after, k) for k in keys)


def _skips_review(change: Change) -> bool:
    """Published now, and neither published, withdrawn nor in review at the base."""
    old = change.old_status
    return change.new_status is Status.PUBLISHED and old not in (Status.PUBLISHED, Status.REVIEW, Status.WITHDRAWN)


def _warnings(change: Change) -> list[str]:
    before, after = change.before, change.after
    old, new = change.old_status, change.new_status
    notes = []
    url = f"/cases/{change.case.id}/"
    if _skips_review(change) and Status.REVIEW not in change.history:
        was = "新增后直接发布" if before is None else f"由{old.label if old else '无效状态'}直接改为已发布"
        notes.append(f"{was}，没有经过待审（review）环节。请确认审核单位已经审阅全文。")
    if old is Status.WITHDRAWN and new is Status.PUBLISHED:
        notes.append("已撤回的案例重新发布：请确认撤回的原因已经消除。")
    if old is Status.PUBLISHED and new in (Status.DRAFT, Status.REVIEW):
        notes.append(f"已发布的案例改回{new.label}，网址 {url} 将无法访问。如需下线，请改为 withdrawn（保留撤回说明页）。")
    if before is not None and after is None and old in (Status.PUBLISHED, Status.WITHDRAWN):
        notes.append(f"删除了{old.label}的案例，网址 {url} 将无法访问。如需下线，请保留文件并改为 withdrawn。")
    renamed = before is not None and after is not None and before.id != after.id
    if (
        renamed
        and before is not None
        and after is not None
        and old in (Status.PUBLISHED, Status.WITHDRAWN)
        and before.id not in after.aliases
    ):
        notes.append(f"已发布案例的编号由 {before.id} 改为 {after.id}，旧网址将失效。请把 {before.id} 写进 aliases。")
    if (
        old is Status.PUBLISHED
        and new is Status.PUBLISHED
        and before is not None
        and after is not None
        and _body_changed(before, after)
        and before.review.approved == after.review.approved
    ):
        notes.append("已发布案例的内容有修改，但审核日期 review.approved 没有更新：请审核单位确认修改后更新审核日期。")
    return notes


def compare(
    base: dict[str, Case],
    head: dict[str, Case],
    touched: set[str],
    history: Callable[[str], list[Status | None]] | None = None,
) -> list[Change]:
    """Changes from ``base`` to ``head`` (both: repository path of index.md -> Case).

    ``history`` gives a case's states in the branch's commits (``branch_statuses``);
    it is asked only about a case published without having been in review at the base.

    Cases are matched by id; a case whose id changed in the same file is one change.
    ``touched`` holds every changed file, so a new photo marks its case as changed.
    Both sides may be limited to the cases in touched folders (``touched_folders``):
    a case that moved, changed or went away has a changed file in its folder.
    """
    base_by_id = {c.id: (p, c) for p, c in base.items() if c.id}
    head_by_id = {c.id: (p, c) for p, c in head.items() if c.id}
    changes: list[Change] = []
    matched_base: set[str] = set()
    for path, after in sorted(head.items()):
        before_path, before = base_by_id.get(after.id, (None, None)) if after.id else (None, None)
        if before is None and path in base and base[path].id not in head_by_id:
            before_path, before = path, base[path]  # the id changed in place
        if before is None:
            changes.append(Change("added", None, after, path))
            continue
        assert before_path is not None  # found together with ``before``
        matched_base.add(before_path)
        folder = PurePosixPath(path).parent.as_posix() + "/"
        old_folder = PurePosixPath(before_path).parent.as_posix() + "/"
        moved = before_path != path
        if moved or any(t.startswith(folder) or t.startswith(old_folder) for t in touched):
            changes.append(Change("changed", before, after, path))
    for path, before in sorted(base.items()):
        if path not in matched_base and not (before.id and before.id in head_by_id):
            changes.append(Change("removed", before, None, path))
    for change in changes:
        if history is not None and _skips_review(change):
            change.history = history(change.path)
        change.warnings = _warnings(change)
        change.touched = sorted(t for t in touched if t.startswith(PurePosixPath(change.path).parent.as_posix() + "/"))
    return changes


def load_base(commit: str, root_rel: str, repo: Path, settings: Settings, folders: set[str] | None = None) -> dict[str, Case]:
    """The cases at ``commit`` (in ``folders`` if given), read from git; images are not checked."""
    quiet = dataclasses.replace(settings, check_images=False)
    return {path: load_case(repo / path, quiet, data=data) for path, data in base_files(commit, root_rel, repo, folders).items()}


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


def _cell(text: str) -> str:
    """Text from a case (title, reviewer, path) as Markdown that renders as exactly that
    text: no element, link, emphasis or extra table cell can come out of it."""
    flat = " ".join((text or "").splitlines())
    return "".join(f"&#{ord(ch)};" if ch in _MARKUP else ch for ch in flat)


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
_MAX_ITEMS = 6  # changes listed in one row; the rest are counted


def _short(value: str) -> str:
    text = " ".join(value.split())
    return "（空）" if not text else text if len(text) <= _SHORT else text[: _SHORT - 1] + "…"


def _fields(case: Case) -> dict[str, str]:
    """The front matter as the changes table shows it: key -> value as text."""
    org, region, review = case.organization, case.region, case.review

    def day(value) -> str:
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


def field_changes(change: Change) -> list[str]:
    """What changed in a case, one ``key: old → new`` per field (values shortened), the body
    and the other files of its folder last."""
    if change.before is None or change.after is None:
        return []
    old, new = _fields(change.before), _fields(change.after)
    items = [f"{key}: {_short(old[key])} → {_short(new[key])}" for key in new if old[key] != new[key]]
    if change.before.body.strip() != change.after.body.strip():
        items.append("正文有修改")
    folder = PurePosixPath(change.path).parent
    files = [PurePosixPath(t).relative_to(folder).as_posix() for t in change.touched if PurePosixPath(t).name != CASE_FILE]
    if files:
        items.append("文件：" + "、".join(files[:3]) + (f" 等 {len(files)} 个" if len(files) > 3 else ""))
    if len(items) > _MAX_ITEMS:
        items = items[: _MAX_ITEMS - 1] + [f"另有 {len(items) - _MAX_ITEMS + 1} 处"]
    return items


def as_markdown(changes: list[Change], summary_line: str = "", base_label: str = "") -> str:
    """A comment-ready summary for the pull request."""
    added = [c for c in changes if c.kind == "added"]
    changed = [c for c in changes if c.kind == "changed"]
    removed = [c for c in changes if c.kind == "removed"]
    lines = [f"## 案例变更：新增 {len(added)} 个，修改 {len(changed)} 个，删除 {len(removed)} 个"]
    if base_label:
        lines += ["", f"与 {_code(base_label)} 比较。"]
    if not changes:
        lines += ["", "本次没有改动案例。"]
    publishing = [c for c in changes if c.publishes]
    withdrawing = [c for c in changes if c.new_status is Status.WITHDRAWN and c.old_status is not Status.WITHDRAWN]
    if publishing or withdrawing:
        lines += ["", f"合并后将**公开发布 {len(publishing)} 个**案例，撤回 {len(withdrawing)} 个。"]
    moving = [c for c in changes if c.state_changed]
    if moving:
        lines += ["", "### 状态变化", "", "| 案例 | 编号 | 状态 | 审核单位 | 审核日期 |", "| --- | --- | --- | --- | --- |"]
        for c in moving:
            old = _state(c.old_status) if c.before else "（新增）"
            new = _state(c.new_status) if c.after else "（删除）"
            new = f"**{new}**" if c.publishes else new
            review = c.after.review if c.after else c.before.review  # type: ignore[union-attr]
            approved = review.approved.isoformat() if review.approved else ""
            lines.append(f"| {_title(c.case)} | {_code(c.case.id)} | {old} → {new} | {_cell(review.reviewer)} | {approved} |")
    for title, group in (("新增", added), ("修改", changed), ("删除", removed)):
        if not group:
            continue
        what = title == "修改"  # for changed cases: what changed
        header = "| 案例 | 编号 | 状态 | 改动 | 文件 |" if what else "| 案例 | 编号 | 状态 | 文件 |"
        lines += ["", f"### {title}", "", header, "| --- " * header.count(" | ") + "| --- |"]
        for c in group:
            status = _state(c.new_status if c.after else c.old_status)
            mark = "" if c.after is None or c.after.ok else " ❌ 有错误"
            detail = f" {_cell('；'.join(field_changes(c)) or '—')} |" if what else ""
            lines.append(
                f"| {_title(c.case)} | {_code(c.case.id) if c.case.id else '（无编号）'} | {status}{mark} |{detail} {_code(c.path)} |"
            )
    flagged = [c for c in changes if c.warnings]
    if flagged:
        lines += ["", "### ⚠️ 请审核人注意", ""]
        for c in flagged:
            for note in c.warnings:
                lines.append(f"- {_code(c.case.id)} {_title(c.case)}：{_cell(note)}")
    if summary_line:
        lines += ["", "### 检查结果", "", summary_line]
    return "\n".join(lines) + "\n"
