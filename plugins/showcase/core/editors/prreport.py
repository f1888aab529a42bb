"""The pull-request summary as Markdown (and as plain text for a terminal): the table of
cases added, changed, removed or moved between states, each changed field, the check's
problems in the folders touched, the collections and pages a change takes away."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path, PurePosixPath

from ..case.model import Case, Status
from ..collection.loading import CASE_FILE
from ..diagnostics import Diagnostic, first_few, printable
from ..options import DEFAULTS
from ..site.index import case_url
from .changes import Change, in_folder, reader_changes
from .mdtext import md_code, md_text

# -- reading the base from git ----------------------------------------------------------


# Characters Markdown (GitHub's and Python-Markdown) or HTML would read as markup: written
# as numeric character references, which both render as the character itself.


def for_terminal(markdown: str) -> str:
    """The summary read in a terminal, not posted: the character references and empty
    comments that keep GitHub from reading a case's words as markup are only noise there.
    What a terminal would act on (a title's ESC [41m, a hidden link ESC ]8;;…) is shown as
    U+FFFD, not obeyed (a security review)."""
    return printable(html.unescape(markdown.replace("<!-- -->", "")))


def _state(status: Status | None) -> str:
    return status.label if status else "（无效）"


def _title(case: Case) -> str:
    return md_text(case.title or PurePosixPath(case.path).parent.name)


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
    files = [in_folder(t, change) for t in change.touched if PurePosixPath(t).name != CASE_FILE]
    if files:
        items.append("文件：" + first_few(files, 3))
    if len(items) > _MAX_ITEMS:
        items = items[: _MAX_ITEMS - 1] + [f"另有 {len(items) - _MAX_ITEMS + 1} 处"]
    return items


_MAX_ERRORS = 20  # errors of the check listed in the summary; the rest are counted


def _problem(diagnostic: Diagnostic, cwd: Path | None) -> str:
    """One error of the check as a list item: where, what, how to fix."""
    where = f"{diagnostic.display_path(cwd)}:{diagnostic.line}"
    hint = f"提示：{diagnostic.hint}" if diagnostic.hint else ""
    return f"- {md_code(where)} {md_text(f'[{diagnostic.code}] {diagnostic.message}{hint}')}"


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
        lines += ["", f"与 {md_code(base_label)} 比较。"]
    if not changes:
        lines += ["", "本次没有改动案例。" if not collections else "本次没有改动案例，改动了专题（见下）。"]
    publishing = [c for c in changes if c.publishes]
    withdrawing = [c for c in changes if c.new_status is Status.WITHDRAWN and c.old_status is not Status.WITHDRAWN]
    if publishing or withdrawing:
        lines += ["", f"合并后将**公开发布 {len(publishing)} 个**案例，撤回 {len(withdrawing)} 个。"]
    seen = reader_changes(changes) + [
        f"- 页面 {md_code('/' + url)} 合并后不再有（上面没有案例了，或者它从分类里删掉了），已发布的网址会跳转到 {md_code('/' + target)}"
        for url, target in redirects or []
    ]
    if seen:
        lines += ["", "### 读者会看到的变化", "", *seen]
    moving = [c for c in changes if c.state_changed]
    if moving:
        lines += ["", "### 状态变化", "", "| 案例 | 编号 | 状态 | 审核单位 | 审核日期 |", "| --- | --- | --- | --- | --- |"]
        for c in moving:
            old = _state(c.old_status) if c.before else "（新增）"
            new = _state(c.new_status) if c.after else f"（并入 {md_code(c.kept_by)}）" if c.kept_by else "（删除）"
            new = "基本信息读不出来" if c.unread else new
            new = f"**{new}**" if c.publishes else new
            review = c.case.review  # the base's when the front matter cannot be read now
            approved = review.approved.isoformat() if review.approved else ""
            lines.append(f"| {_title(c.case)} | {md_code(c.case.id)} | {old} → {new} | {md_text(review.reviewer)} | {approved} |")
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
                mark = f"（并入 {md_code(c.kept_by)}，旧网址跳转到那里）"
            detail = f" {md_text('；'.join(field_changes(c)) or '—')} |" if what else ""
            lines.append(
                f"| {_title(c.case)} | {md_code(c.case.id) if c.case.id else '（无编号）'} | {status}{mark} |{detail} {md_code(c.path)} |"
            )
    if collections:
        lines += ["", f"### 专题（{collections_file}）", "", "| 专题 | 网址 | 改动 |", "| --- | --- | --- |"]
        for title, url, change, _ in collections:
            lines.append(f"| {md_text(title)} | {md_code('/' + url)} | {md_text(change)} |")
    flagged = [c for c in changes if c.warnings]
    gone = [(title, url) for title, url, _, lost in collections or [] if lost]
    if not changes and not collections and ledger_removed:
        lines[-1] = f"本次没有改动案例，删除了已发布网址清单 {ledger_file} 里的网址（见下）。"
    elif not changes and not collections and site_notes:  # outside_cases' notes among them
        lines[-1] = "本次没有改动案例，改动了网站的设置（见下）。"
    if outside:
        listed = outside[:_MAX_ERRORS]
        lines += ["", "### 案例以外的改动", "", *(f"- {md_code(path)}" for path in listed)]
        if len(outside) > len(listed):
            lines.append(f"- ……还有 {len(outside) - len(listed)} 个")
    if flagged or gone or ledger_removed or site_notes:
        lines += ["", "### ⚠️ 请审核人注意", ""]
        lines += [f"- {note}" for note in site_notes or []]
        for c in flagged:
            for note in c.warnings:
                lines.append(f"- {md_code(c.case.id)} {_title(c.case)}：{md_text(note)}")
        for title, url in gone:  # a key renamed or removed: its published address goes
            lines.append(
                f"- 专题 {md_text(title)}：已发布的网址 {md_code('/' + url)} 和它的订阅源、汇编下载将不再有，"
                "读者和订阅者的链接会失效（网址会跳到专题列表页）。只是改了 key 的话，在新专题的 aliases 里写上旧 key，"
                "旧网址就会跳转到新专题；确实要删除时再合并。"
            )
        if ledger_removed:  # an editor's trial: lines deleted to quiet an error, and nothing said it
            shown = first_few(ledger_removed, _MAX_ERRORS, show=md_code)
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
