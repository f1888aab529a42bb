"""Approving a case (``showcase approve``): ``status: published`` and the ``review`` block;
withdrawing one (``showcase withdraw``): ``status: withdrawn``, the review block of that
decision (the tombstone page shows its date as the withdrawal's) and ``withdrawn_reason``.

The case file is edited as text, line by line, at the lines the YAML loader recorded
for each key (``yamlnodes.Located.lines``): comments, key order, quoting and line ends
stay as the author wrote them, and only the status line and the review block change.
A YAML dumper would rewrite the whole front matter and drop the comments.

The edited text is checked like any case before anything is written; a case with
errors is refused and the file is left untouched.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..case import source, yamlnodes
from ..case.fields import STATUS_LABELS
from ..case.model import Case, Status
from ..case.reviewers import normalized
from ..case.rules import STATUS_WORDS
from ..case.yamlnodes import shorten
from ..collection.loading import load_case
from ..collection.settings import Settings
from ..diagnostics import Diagnostic, DiagnosticList, describe_os_error, describe_write_error
from ..errors import EXIT_USAGE, ShowcaseError
from .yamltext import yaml_scalar

PathKey = tuple[str | int, ...]
_KEY_LINE = re.compile(r"""^(?P<head>\s*(?:-\s+)?(?P<q>["']?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)(?P=q)\s*:)(?P<space>[ \t]*)(?P<rest>.*)$""")
_EMPTY_VALUE = re.compile(r"^\s*(?:#.*)?$")


class ApproveError(ShowcaseError):
    """The case cannot be approved as it is; the message says why and what to do."""


class BlankOption(ApproveError):
    """--reviewer or --reason given with nothing in it: as good as left out, which argparse
    answers with a usage error (exit 2), so this is one too."""

    exit_code = EXIT_USAGE


@dataclass
class Approval:
    """The edited file (not yet written), the case as checked from it, and what changed."""

    path: Path
    data: bytes
    case: Case
    changed: list[tuple[int, str]] = field(default_factory=list)  # (line, new text) of the changed lines
    published_on: date | None = None  # the approval date a case already published had
    # For each line of the edited text, the number of the line it is or replaces in the file
    # as it is (None: a line added)
    origin: list[int | None] = field(default_factory=list)
    dropped_reason: bool = False  # --republish took the withdrawn_reason out (no line says so)
    # withdraw: the status the file said when not published, and the urls.lock line that
    # records the case's address (why it is withdrawn all the same; a trial was not told)
    was: tuple[str, int] | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.case.diagnostics if d.is_error]

    def in_the_file(self) -> list[Diagnostic]:
        """The diagnostics of the edited text, told of the file as it is (a refused edit is
        never written): their lines as the editor finds them, and a problem in a value the
        command wrote (--reason, --reviewer, --date) named as that option's. A trial was
        sent three lines down, past the review block the edit would have added."""
        out, written = [], dict(self.changed)
        for d in self.case.diagnostics:
            if not 1 <= d.line <= len(self.origin):
                out.append(d)
                continue
            line = self.origin[d.line - 1] or next((o for o in reversed(self.origin[: d.line - 1]) if o is not None), 1)
            match = _KEY_LINE.match(written[d.line]) if d.line in written else None
            option = _OPTIONS.get(match.group("key")) if match else None
            out.append(dataclasses.replace(d, line=line, message=f"{option} 写的内容：{d.message}" if option else d.message))
        return out


# The keys the commands write, by the option that gave their value.
_OPTIONS = {"withdrawn_reason": "--reason", "reviewer": "--reviewer", "approved": "--date"}


def _value_end(rest: str) -> int:
    """Where the value written at the start of ``rest`` ends (a comment may follow)."""
    if rest[:1] == '"':
        index = 1
        while index < len(rest):
            if rest[index] == "\\":
                index += 2
                continue
            if rest[index] == '"':
                return index + 1
            index += 1
        return len(rest)
    if rest[:1] == "'":
        index = 1
        while index < len(rest):
            if rest[index] == "'":
                if rest[index + 1 : index + 2] == "'":
                    index += 2
                    continue
                return index + 1
            index += 1
        return len(rest)
    comment = re.search(r"\s#", rest)
    end = comment.start() if comment else len(rest)
    return len(rest[:end].rstrip())


class _FrontMatter:
    """The lines of a case file and where each key of its front matter is."""

    def __init__(self, lines: list[str], located: yamlnodes.Located, end: int):
        self.lines = lines  # the whole file; index 0 is line 1
        self.loc = located
        self.end = end  # the line number of the closing ---
        self.edits: list[tuple[int, int, list[str]]] = []  # (first index, end index, new lines)

    def has(self, *path: str) -> bool:
        return tuple(path) in self.loc.lines

    def extent(self, *path: str) -> tuple[int, int]:
        """First and last line (1-based, inclusive) of the entry ``path``, its children included.

        It ends before the next line where the loader saw a key that is not inside it,
        without the blank and comment lines before that key.
        """
        key: PathKey = tuple(path)
        start = self.loc.lines[key]
        following = [line for other, line in self.loc.lines.items() if line > start and other[: len(key)] != key]
        last = min([*following, self.end]) - 1
        while last > start and (not self.lines[last - 1].strip() or self.lines[last - 1].lstrip().startswith("#")):
            last -= 1
        return start, last

    def indent(self, line: int) -> str:
        text = self.lines[line - 1]
        return text[: len(text) - len(text.lstrip(" "))]

    def step(self) -> str:
        """The indentation one level down, as this file writes it (two spaces if it has no nesting)."""
        for path, line in self.loc.lines.items():
            if len(path) == 2 and isinstance(path[1], str) and self.loc.lines.get(path[:1], line) < line:
                extra = len(self.indent(line)) - len(self.indent(self.loc.lines[path[:1]]))
                if extra > 0:
                    return " " * extra
        return "  "

    def set_scalar(self, path: tuple[str, ...], value: str, stale: re.Pattern[str] | None = None) -> None:
        """Write ``value`` as the value of the key at ``path``, keeping the comment after it
        (but one ``stale`` matches: it spoke of the value replaced)."""
        start, last = self.extent(*path)
        match = _KEY_LINE.match(self.lines[start - 1])
        if not match or match.group("key") != path[-1]:
            raise ApproveError(f"第 {start} 行的 {path[-1]} 写法特殊，无法自动修改。请按投稿指南第七节手工填写。")
        rest = match.group("rest")
        tail = rest[_value_end(rest) :] if last == start else ""
        if stale is not None and stale.fullmatch(tail):
            tail = ""
        line = f"{match.group('head')} {value}{tail}"
        if (start, line) != (last, self.lines[start - 1]):  # already so: not an edit
            self.replace(start, last, [line])

    def review_example(self, after: int) -> int | None:
        """The first line of the template's commented review block (``# review:``, then its
        ``#   reviewer:`` and ``#   approved:``) among the comments right after line ``after``,
        or None: the block is written in its place, not above it (a trial of the guide: an
        approved case showed both)."""
        number = after + 1
        while number + 2 < self.end and (not self.lines[number - 1].strip() or self.lines[number - 1].lstrip().startswith("#")):
            if _EXAMPLE[0].match(self.lines[number - 1]) and all(
                pattern.match(self.lines[number - 1 + offset]) for offset, pattern in enumerate(_EXAMPLE[1:], 1)
            ):
                return number
            number += 1
        return None

    def replace(self, first: int, last: int, new: list[str]) -> None:
        """Lines ``first``..``last`` (1-based, inclusive) become ``new``; last = first - 1 inserts."""
        self.edits.append((first - 1, last, new))

    def fill_review(self, review_line: int, step: str, values: dict[str, str]) -> None:
        """Set the values of a block ``review:`` mapping; a missing key is added after its last line."""
        children = [line for key, line in self.loc.lines.items() if len(key) == 2 and key[0] == "review"]
        indent = self.indent(min(children)) if children else self.indent(review_line) + step
        missing = []
        for key, value in values.items():
            if self.has("review", key):
                self.set_scalar(("review", key), value)
            else:
                missing.append(f"{indent}{key}: {value}")
        if missing:
            last = self.extent("review")[1]
            self.replace(last + 1, last, missing)

    def apply(self) -> tuple[list[str], list[int | None], list[int]]:
        """The edited lines; for each, the number of the line it is or replaces in the file as
        it is (None for a line added); and the numbers of the lines the edit wrote.

        Edits apply from the bottom up, so each one's line numbers are still right; two
        insertions at one place keep the order they were made in.
        """
        marked: list[tuple[str, int | None, bool]] = [(text, number, False) for number, text in enumerate(self.lines, 1)]
        for first, end, new in sorted(self.edits, key=lambda edit: (edit[0], edit[1]), reverse=True):
            marked[first:end] = [(text, first + 1 + k if first + k < end else None, True) for k, text in enumerate(new)]
        written = [number for number, (_, _, edited) in enumerate(marked, 1) if edited]
        return [text for text, _, _ in marked], [origin for _, origin, _ in marked], written


# A comment after the status that only names a status (# 待审, # 已发布): stale once the status changes
_STATUS_COMMENT = re.compile(
    r"\s+#\s*(?:"
    + "|".join(map(re.escape, sorted({*STATUS_WORDS, *STATUS_LABELS.values(), *STATUS_LABELS}, key=len, reverse=True)))
    + r")[\s。.!！]*"
)


# the template's commented review block (templates/case.md, showcase new)
_EXAMPLE = (re.compile(r"\s*#\s*review:\s*$"), re.compile(r"\s*#\s+reviewer:"), re.compile(r"\s*#\s+approved:"))


def _review_block(indent: str, step: str, reviewer: str, approved: date) -> list[str]:
    return [f"{indent}review:", f"{indent}{step}reviewer: {yaml_scalar(reviewer)}", f"{indent}{step}approved: {approved.isoformat()}"]


def _status_of(value: object) -> str | None:
    """The state the file's status means, read as the check reads it (a Chinese word, and
    case and width folded: ``Draft``, ``ＤＲＡＦＴ``); else the text as written. Read exactly,
    ``status: Draft`` was no draft and ``Withdrawn`` no withdrawn case: approve published
    them, past the refusals below (a review)."""
    if value is None:
        return None
    text = str(value).strip()
    folded = unicodedata.normalize("NFKC", text).lower()
    if folded in {state.value for state in Status}:
        return folded
    return STATUS_WORDS.get(text, text)


def _read(path: Path) -> tuple[bytes, str, source.SplitSource, yamlnodes.Located]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ApproveError(f"无法读取 {path}（{describe_os_error(exc)}）。") from exc
    diags = DiagnosticList(path)
    text = source.decode(raw, diags)
    parts = source.split(text, diags) if text is not None else None
    located = yamlnodes.parse(parts.front_matter, parts.front_matter_line, diags) if parts else None
    if text is None or parts is None or located is None or diags.has_errors:  # a duplicate key, a tag: lines not to trust
        first = diags.items[0] if diags.items else None
        where = f"第 {first.line} 行：{first.message}" if first else "基本信息无法读取。"
        raise ApproveError(f"{path} 的基本信息有格式错误，无法自动修改（{where}）。请先运行 showcase check 改正。")
    return raw, text, parts, located


def _reviewer(reviewer: str, who: str = "审核单位") -> str:
    reviewer = normalized(reviewer)
    if not reviewer:
        raise BlankOption(f"{who}不能是空的：--reviewer 后面写{who}的名称，例如 --reviewer 越秀区民政局。")
    return reviewer


def plan_approval(path: Path, reviewer: str, approved: date, settings: Settings, *, republish: bool = False) -> Approval:
    """The case file at ``path`` approved by ``reviewer`` on ``approved``, checked, not written.

    Raises ApproveError when the file cannot be read or edited, or the case is a draft
    (publishing one unreviewed is a decision the editor makes by hand), or withdrawn and
    not ``republish`` (which also takes out its ``withdrawn_reason``: an editor's trial
    published a case again by hand, and its page kept the reason it had been withdrawn for).
    """
    reviewer = _reviewer(reviewer)
    raw, text, parts, located = _read(path)
    status = _status_of(located.value.get("status"))
    if status == Status.DRAFT.value:
        raise ApproveError(
            f"{path} 还是草稿（status: draft）：草稿不能直接审核发布。"
            "案例写完、核对过以后，先把文件里的 status: draft 改成 status: review（待审），再运行一次这条命令（编辑自己导入的案例也是这样）。"
        )
    if status == Status.WITHDRAWN.value and not republish:
        raise ApproveError(
            f"{path} 已撤回（status: withdrawn）。重新发布撤回的案例，要先确认撤回的原因已经消除；"
            "确认后，在命令后面加上 --republish 再运行一次（会改回已发布、填写审核单位和日期，并删掉撤回原因）。"
        )
    _refuse_unreadable(path, status, "案例写完、核对过以后，先把它改成 status: review（待审），再运行一次这条命令。")
    started = located.value.get("date")
    if isinstance(started, date) and approved < started:  # it becomes the citation's publication date
        raise ApproveError(
            f"审核日期 {approved} 早于这个案例的开展时间 {started}：案例要在活动开展以后才能审核发布。请检查 --date（不写就是今天）。"
        )
    approval = _rewrite(path, raw, text, parts, located, settings, Status.PUBLISHED, reviewer, approved, drop_reason=republish)
    review = located.value.get("review")
    before = review.get("approved") if isinstance(review, dict) else None
    if status == Status.PUBLISHED.value and isinstance(before, date):
        approval.published_on = before
    return approval


def plan_withdrawal(
    path: Path,
    reviewer: str,
    decided: date,
    reason: str,
    settings: Settings,
    recorded: Mapping[str, int] | ShowcaseError | None = None,
) -> Approval:
    """The published case at ``path`` withdrawn by ``reviewer`` on ``decided`` for ``reason``, checked, not written.

    ``recorded``: the case ids whose address urls.lock records (its line), or why urls.lock cannot be read. Such a case had an
    address, whatever its status says now (set back to draft, or mistyped): it is withdrawn
    too, as the check's ``ledger-unpublished`` hint says. It was refused as never published,
    “删除这个案例文件夹即可”, which would break the recorded address (an editor's trial)."""
    reviewer = _reviewer(reviewer, "决定撤回的单位")
    if decided > settings.today:
        raise ApproveError(f"撤回日期 {decided} 还没到：--date 写决定撤回的那一天（不写就是今天）。")
    reason = " ".join(reason.split())
    if not reason:
        raise BlankOption("撤回原因不能是空的：--reason 后面写一句撤回的原因，它会显示在撤回说明页上，例如 --reason 组织已注销。")
    raw, text, parts, located = _read(path)
    status = _status_of(located.value.get("status"))
    if status == Status.WITHDRAWN.value:
        raise ApproveError(f"{path} 已经撤回了（status: withdrawn）。要改撤回原因，直接修改文件里的 withdrawn_reason。")
    if status != Status.PUBLISHED.value and isinstance(recorded, ShowcaseError):
        raise ApproveError(
            f"{path} 的状态不是 published，要看已发布网址清单里有没有记着它的网址，但清单读不出来：{recorded}"
            "先运行 showcase check 看清单的问题、改好后再撤回；不要删掉这个案例文件夹（它可能发布过，网址不能失效）。"
        )
    line = _recorded(located.value, recorded if isinstance(recorded, Mapping) else {})
    if status != Status.PUBLISHED.value and line is None:
        _refuse_unreadable(
            path, status, "只有已发布（published）的案例需要撤回；还没有发布的案例没有公开的网址，不再需要时，删除这个案例文件夹即可。"
        )
        raise ApproveError(
            f"{path} 还没有发布（status: {status or '未填写'}），没有公开的网址，不需要撤回：不再需要时，删除这个案例文件夹即可。"
        )
    review = located.value.get("review")
    published = review.get("approved") if isinstance(review, dict) else None
    if isinstance(published, date) and decided < published:
        raise ApproveError(f"撤回日期 {decided} 早于这个案例的发布审核日期 {published}。请检查 --date（不写就是今天）。")
    withdrawal = _rewrite(path, raw, text, parts, located, settings, Status.WITHDRAWN, reviewer, decided, reason)
    if status != Status.PUBLISHED.value:
        withdrawal.was = (status or "", line or 0)
    return withdrawal


def _refuse_unreadable(path: Path, status: str | None, then: str) -> None:
    """A status none of the four (already folded as the check folds it, ``_status_of``):
    refused with the four it can be, and ``then``, what to do next."""
    if status is not None and status not in {state.value for state in Status}:
        raise ApproveError(f"{path} 的状态写的是 status: {shorten(status)}，读不出来：status 只能写 {Status.choices('或')}。{then}")


def _recorded(front: dict, recorded: Mapping[str, int]) -> int | None:
    """The urls.lock line that records the address of the case ``front`` is, by its id or a former one."""
    aliases = front.get("aliases")
    names = [front.get("id"), *(aliases if isinstance(aliases, list) else [])]
    return next((recorded[name.strip()] for name in names if isinstance(name, str) and name.strip() in recorded), None)


def _rewrite(
    path: Path,
    raw: bytes,
    text: str,
    parts: source.SplitSource,
    located: yamlnodes.Located,
    settings: Settings,
    target: Status,
    reviewer: str,
    approved: date,
    reason: str | None = None,
    *,
    drop_reason: bool = False,
) -> Approval:
    lines = text.split("\n")
    fm = _FrontMatter(lines, located, parts.body_line - 1)
    top = "" if not fm.has("id") else fm.indent(located.lines[("id",)])
    step = fm.step()
    review_line = located.lines.get(("review",))
    head = _KEY_LINE.match(lines[review_line - 1]) if review_line else None
    block = bool(head and isinstance(located.value.get("review"), dict) and _EMPTY_VALUE.match(head.group("rest")))

    status_line = f"{top}status: {target.value}"
    if fm.has("status"):
        # `status: review  # 待审` became `status: published  # 待审` (an editor's trial)
        fm.set_scalar(("status",), target.value, _STATUS_COMMENT)
    example = fm.review_example(fm.extent("status")[1]) if review_line is None and fm.has("status") else None
    if example is not None:  # the template's commented example, right after the status: in its place
        fm.replace(example, example + 2, _review_block(top, step, reviewer, approved))
    elif review_line is None:  # a new review block, right after the status (or at the end)
        at = fm.extent("status")[1] + 1 if fm.has("status") else fm.end
        new = _review_block(top, step, reviewer, approved)
        fm.replace(at, at - 1, new if fm.has("status") else [status_line, *new])
    else:
        if not fm.has("status"):
            fm.replace(fm.end, fm.end - 1, [status_line])
        if block:
            fm.fill_review(review_line, step, {"reviewer": yaml_scalar(reviewer), "approved": approved.isoformat()})
        else:  # `review: {…}`, `review:` with nothing under it, or a value that is not a mapping
            start, stop = fm.extent("review")
            fm.replace(start, stop, _review_block(fm.indent(start), step, reviewer, approved))
    if reason is not None:
        if fm.has("withdrawn_reason"):
            fm.set_scalar(("withdrawn_reason",), yaml_scalar(reason))
        else:  # right after the status line: never inside a review block that gets a line added
            at = fm.extent("status")[1] + 1 if fm.has("status") else fm.end
            fm.replace(at, at - 1, [f"{top}withdrawn_reason: {yaml_scalar(reason)}"])

    dropped = drop_reason and fm.has("withdrawn_reason")
    if dropped:
        start, stop = fm.extent("withdrawn_reason")
        fm.replace(start, stop, [])

    new_lines, origin, written = fm.apply()
    data = (b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b"") + _joined(new_lines, origin, raw, len(lines)).encode("utf-8")
    case = load_case(path, settings, data=data)
    if case.ok and (
        case.status is not target
        or normalized(case.review.reviewer) != reviewer
        or case.review.approved != approved
        or (reason is not None and case.withdrawn_reason != reason)
        or (drop_reason and case.withdrawn_reason)
    ):
        raise ApproveError(f"{path} 的基本信息写法特殊，自动修改没有成功。请按投稿指南第七节手工填写 status 和 review。")
    return Approval(path, data, case, [(line, new_lines[line - 1]) for line in written], origin=origin, dropped_reason=bool(dropped))


def _joined(lines: list[str], origin: list[int | None], raw: bytes, count: int) -> str:
    """``lines`` joined, each line kept with the line end it had in ``raw`` (of ``count`` lines as
    the edit read them) and a line added
    with the one before it: a file of CRLF and LF lines mixed came back all CRLF, every line
    of it changed in the pull request's diff (an editor's trial)."""
    raw_lines = raw.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    crlf = [line.endswith(b"\r") for line in raw_lines]
    if len(raw_lines) != count or any(b"\r" in line.rstrip(b"\r") for line in raw_lines):
        # lines not as raw has them (a lone CR): one line end for all, an old Mac's CR when it
        # had no other (a red team: a CR-only file came back LF, every line changed)
        newline = "\r\n" if b"\r\n" in raw else "\r" if b"\n" not in raw else "\n"
        return newline.join(lines)
    out, previous = [], "\r\n" if crlf and crlf[0] else "\n"
    for number, (line, at) in enumerate(zip(lines, origin, strict=True)):
        end = ("\r\n" if crlf[at - 1] else "\n") if at is not None else previous
        out.append(line if number == len(lines) - 1 else line + end)
        previous = end
    return "".join(out)


def write_approval(approval: Approval) -> None:
    """Replace the case file with the approved text in one step (a reader never sees half of it)."""
    path = approval.path
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".approve-", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(approval.data)
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise ApproveError(f"无法写入 {path}（{describe_write_error(exc)}）。文件没有改动。") from exc
