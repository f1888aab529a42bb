"""What a pull request does to the cases: added, changed, removed, and state changes.

Compares the cases at a base commit (read from git, never checked out) with the
working tree, so that whoever approves a pull request sees what it publishes:
which cases go from review to published and who approved them, and which changes
look wrong. The comparison is engine-free; git is only used to read the base
(``gitbase.py``), and ``prreport.py`` writes the summary.

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

import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..case.fields import TOP_KEYS
from ..case.model import Case, Status
from ..chinadate import china_today
from ..collection.curated import CuratedCollection
from ..diagnostics import first_few
from ..outputs.feeds import first_id
from ..site.index import case_url
from .mdtext import md_code, md_text

# -- reading the base from git ----------------------------------------------------------


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
    return [name for name in (in_folder(t, change) for t in change.touched if t.startswith(change.folder + "/")) if name in shown]


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
        return md_code("/" + case_url(case_id))

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
            lines.append(f"- {at(after.id)} 内容撤下，只显示撤回说明页{md_text(reason)}{olds(after)}")
        elif was_public and new in (Status.DRAFT, Status.REVIEW):
            lines.append(f"- {at(after.id)} 将打不开（改回了{new.label}）{olds(after)}")
        elif old is Status.PUBLISHED and new is Status.PUBLISHED and before is not None and not c.renamed:
            if _body_changed(before, after):
                lines.append(f"- {at(after.id)} 内容有修改")
            elif photos := _photos_changed(c):
                lines.append(f"- {at(after.id)} 换了照片 {md_text(first_few(photos, 3, '张'))}")
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
            names = (in_folder(t, change) for t in change.touched if t.startswith(change.folder + "/"))
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


def head_cases(cases: list[Case], repo: Path, folders: set[str] | None = None) -> dict[str, Case]:
    """The working tree's cases by repository path (in ``folders`` if given)."""
    found = {_rel(case.path, repo): case for case in cases}
    if folders is None:
        return found
    return {path: case for path, case in found.items() if PurePosixPath(path).parent.as_posix() in folders}


# -- the report -------------------------------------------------------------------------


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
    shown = f" 由 {md_code(before)} 改为 {md_code(now)}" if now else f"（原来是 {md_code(before)}）删掉了"
    return [
        f"mkdocs.yml 的网站地址 site_url{shown}：已经印出、发出的二维码、汇编、引用和订阅里的网址都指向旧地址。"
        "请让旧地址的服务器把每个网址原样跳转（301）到新地址（见 README.md 的“Links that last”一节），不要停掉旧地址；"
        "订阅的人会把最近的案例再收到一遍。确实要换地址时再合并。"
    ]


def in_folder(path: str, change: Change) -> str:
    """A changed file as its case folder names it (a file left in the old folder, by its old name)."""
    for folder in (change.folder, change.old_folder):
        if path.startswith(folder + "/"):
            return path[len(folder) + 1 :]
    return path
