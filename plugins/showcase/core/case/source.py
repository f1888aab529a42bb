"""Reading ``index.md``: bytes to text, and text to front matter and body.

Every failure becomes a diagnostic with a line; nothing here raises.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cachefile import lines_as_read
from ..diagnostics import DiagnosticList
from .yamlnodes import parse

FENCE = "---"


class LineEnds:
    """``text.count("\\n", 0, offset)`` for many offsets of one text: its line ends found once,
    each count a bisection. Counting from the start at each finding made a body of many
    findings quadratic (50,000 image references: 12 s; 60,000 phone numbers: 18 s)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ends: list[int] | None = None

    def before(self, offset: int) -> int:
        """How many line ends ``text`` has before ``offset``."""
        if self._ends is None:
            self._ends = [match.start() for match in re.finditer("\n", self.text)]
        return bisect_left(self._ends, offset)


@dataclass(frozen=True, slots=True)
class SplitSource:
    """The parts of a case file, with the line numbers the editor sees."""

    front_matter: str
    front_matter_line: int  # line of the first front-matter line (after the opening ---)
    body: str
    body_line: int  # line on which the body starts


def decode(data: bytes, diags: DiagnosticList) -> str | None:
    """Decode UTF-8 (BOM allowed) and normalise line ends; explain other encodings."""
    # A Word file saved as index.md (renamed, or "另存为" with the name typed): a writer's
    # trial was told to save it again as UTF-8 in Notepad, which makes no case of it.
    zipped = data.startswith(b"PK\x03\x04")
    if zipped or data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") or data.lstrip()[:5] == b"{\\rtf":
        word = not zipped or b"word/" in data[:65536]  # an old Word file or an .rtf; a zip holding word/
        diags.error(
            1,
            "encoding",
            f"这个 index.md 其实是{'一个 Word 文件' if word else '一个压缩包或 Office 文件'}（只是名字叫 index.md），不是文本，无法读取。",
            "Word 申报材料请用 showcase import 导入，它会生成案例文件夹和 index.md（见投稿指南）；"
            "自己写的话，在 VS Code 或记事本里新建 index.md，照投稿模板写，不要从 Word 另存。",
        )
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        diags.error(
            1,
            "encoding",
            "文件是 UTF-16（记事本里的“Unicode”）编码，系统只接受 UTF-8。",
            "请用记事本或 VS Code 打开，选择“另存为”，编码选“UTF-8”后保存。",
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        if (mixed := _not_utf8_lines(data)) is not None:
            # the rest of the file is UTF-8 with Chinese in it: a line pasted from elsewhere; saved
            # again as UTF-8 the garbled line stays garbled (an editor's trial)
            shown = "、".join(map(str, mixed[:5])) + (f" 等 {len(mixed)} 行" if len(mixed) > 5 else "")
            diags.error(
                line,
                "encoding",
                f"第 {shown} 行的字不是 UTF-8 编码，文件的其他行是：这几行多半是从别处（旧文档、网页）粘贴进来的，显示出来会是乱码。",
                "“另存为 UTF-8”改不好这几行：请在 VS Code 里把它们删掉，重新输入（或从原文重新复制）。",
            )
            return None
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            diags.error(
                line,
                "encoding",
                "文件不是 UTF-8 文本，无法读取。",
                "请用记事本或 VS Code 打开，选择“另存为”，编码选“UTF-8”后保存。",
            )
        else:
            diags.error(
                line,
                "encoding",
                "文件是 GBK（GB2312/GB18030）编码，系统只接受 UTF-8。",
                "请用记事本或 VS Code 打开，选择“另存为”，编码选“UTF-8”后保存。",
            )
        return None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        diags.error(line, "encoding", "文件含有空字符（\\0），不像是文本文件。", "请确认 index.md 是用文本编辑器保存的 Markdown 文件。")
        return None
    return lines_as_read(text)


def _not_utf8_lines(data: bytes) -> list[int] | None:
    """The numbers of the lines of ``data`` that are no UTF-8, when the others hold UTF-8
    Chinese (a file of UTF-8 with a line of GBK pasted in); None for a file in another
    encoding throughout."""
    bad, chinese = [], False
    for number, line in enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1):
        try:  # every line decoded: once one had Chinese, ``or`` skipped the rest (a red team)
            chinese = not line.decode("utf-8").isascii() or chinese
        except UnicodeDecodeError:
            bad.append(number)
    return bad if bad and chinese else None


def editor_lines(text: str) -> list[str]:
    """``text``'s lines as an editor numbers them: broken at LF, CRLF and CR only.
    ``str.splitlines`` also breaks at a form feed, NEL or Unicode line separator pasted into
    a line, and every later line was said one too far (found fuzzing)."""
    return lines_as_read(text).split("\n")


def split(text: str, diags: DiagnosticList) -> SplitSource | None:
    """Split ``---`` front matter from the Markdown body."""
    if not text.strip():
        diags.error(1, "empty-file", "文件是空的。", "请从模板复制内容：开头是 --- 包起来的基本信息，后面是正文。")
        return None
    lines = text.split("\n")
    first = lines[0].rstrip()
    if first != FENCE:
        hidden = _hidden_in_fence(first)
        if hidden is not None:
            diags.error(
                1,
                "no-front-matter",
                f"文件开头没有基本信息（用两行 --- 包起来的 id、title 等）：{_hidden_words(1, first, hidden)}",
                _HIDDEN_HINT,
            )
            return None
        if _looks_like_fence(first):
            hint = "第一行必须正好是三个英文减号 ---，前面不能有空格，不能用中文破折号。"
        elif not first.strip() and any(line.rstrip() == FENCE for line in lines[:20]):
            hint = "--- 必须写在文件的第一行：请删掉它前面的空行。"
        else:
            hint = "文件第一行应是 ---，然后写 id、title 等基本信息，再用一行 --- 结束。"
        diags.error(1, "no-front-matter", "文件开头没有基本信息（用两行 --- 包起来的 id、title 等）。", hint)
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            start = _body_before(lines, index)
            if start is not None:  # the closing --- left out, a --- rule of the body taken for it
                diags.error(
                    start + 1,
                    "unclosed-front-matter",
                    f"基本信息没有结束行 ---：第 {start + 1} 行已经是正文，它前面没有一行 --- 把基本信息结束，"
                    f"第 {index + 1} 行正文里的 --- 被当成了结束行。",
                    f"在第 {start + 1} 行的上面（最后一个字段之后、正文之前）单独加一行 ---（三个英文减号）。",
                )
                return None
            return SplitSource(
                front_matter="\n".join(lines[1:index]),
                front_matter_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            )
    near = next((index for index in range(1, len(lines)) if _looks_like_fence(lines[index]) or _hidden_in_fence(lines[index])), None)
    hidden = _hidden_in_fence(lines[near]) if near else None
    diags.error(
        1,
        "unclosed-front-matter",
        "基本信息开始的 --- 没有对应的结束行：id、title 等基本信息要用两行 --- 包起来。",
        f"{_hidden_words(near + 1, lines[near], hidden)}{_HIDDEN_HINT}"
        if near and hidden
        else f"第 {near + 1} 行像是结束行，但结束行必须正好是三个英文减号 ---，前后不能有别的字符。"
        if near
        else "在最后一个字段之后、正文之前，单独加一行 ---（三个英文减号）。",
    )
    return None


_HEADING = re.compile(r"#{2,6}[ \t]\S")
_KEY = re.compile(r"[^\s:：#-][^:：]{0,40}[:：]")


def _body_before(lines: list[str], fence: int) -> int | None:
    """Where the body starts above the line taken as the closing ``---`` (``fence``), when the
    front matter holds a Markdown heading (## 基本情况: a YAML comment, which front matter
    never has): its first line after a blank line that is no key, or the heading. None when
    there is no heading (a writer's trial: the closing --- left out, a --- rule lower in the
    body, and a YAML error on a line of the body's text)."""
    heading = next((at for at in range(1, fence) if _HEADING.match(lines[at])), None)
    if heading is None:
        return None
    for at in range(2, heading):
        line = lines[at]
        if line.strip() and not lines[at - 1].strip() and not line[0].isspace() and not _KEY.match(line) and not line.startswith("#"):
            return at
    return heading


_HIDDEN_HINT = "把这一行删掉，切换到英文输入法，重新输入三个减号 ---（不要从微信、网页或文档里复制）。"


def _hidden_in_fence(line: str) -> tuple[int, str] | None:
    """(offset, character) of the first invisible character of a line that, without its
    invisible characters, is ``---``; None for any other line. A zero-width space or a second
    BOM (from text pasted in) on a --- line: the editor shows ---, and was told there was no
    --- or to add one (found by fuzzing)."""
    if line.isascii() and line.isprintable():  # the usual line: nothing invisible in it
        return None
    from . import invisible  # here: invisible imports pii, which imports this module

    hit = invisible.find(line)
    if hit is None or "".join(ch for ch in line if invisible.find(ch) is None).rstrip() != FENCE:
        return None
    return hit


def _hidden_words(number: int, line: str, hidden: tuple[int, str]) -> str:
    """``第 26 行看起来是 ---，…``: which line, which character, where in it."""
    from . import invisible

    where, _ = invisible.place(line, hidden[0])
    return f"第 {number} 行看起来是 ---，但里面有看不见的字符 {invisible.describe(hidden[1])}，{where}，程序认不出这一行。"


def _looks_like_fence(line: str) -> bool:
    """A line an editor meant as ``---``: more dashes, full-width or Chinese dashes, spaces before."""
    stripped = line.strip()
    return len(stripped) >= 2 and line.rstrip() != FENCE and all(ch in "-－—–" for ch in stripped)


# The lines Git writes where two branches changed the same place (diff3 adds |||||||).
_CONFLICT = re.compile(r"^(?:<{7}|\|{7}|>{7})(?: .*)?$|^={7}$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def fenced_lines(lines: list[str]) -> set[int]:
    """The indexes of the lines inside fenced code blocks that are closed, as Python-Markdown
    reads them: a fence never closed is no code block (the page shows it as a line of text),
    so it hides nothing after it (a review: a line of ~~~ above a conflict hid the conflict).
    Only the lines that can close a fence are searched, and a fence that found no closing
    line is remembered, so a body of many unclosed fences is read in about one pass."""
    closers: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}  # (index, length) of lines of fence characters only
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if match and not line.strip(" `~") and len(set(line.strip())) == 1:
            closers[match.group(1)[0]].append((index, len(match.group(1))))
    unclosed: dict[str, int] = {}  # per character, the shortest fence known to have no closing line after it
    inside: set[int] = set()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        mark, length = opening.group(1)[0], len(opening.group(1))
        close = None
        if length < unclosed.get(mark, length + 1):
            candidates = closers[mark]
            start = bisect_right(candidates, (index, 1 << 30))  # the closing lines after this one
            close = next((candidates[k][0] for k in range(start, len(candidates)) if candidates[k][1] >= length), None)
            if close is None:
                unclosed[mark] = length
        if close is None:
            index += 1
            continue
        inside.update(range(index, close + 1))
        index = close + 1
    return inside


def conflicts(text: str, diags: DiagnosticList) -> bool:
    """Report each conflict Git left in the file (at its first marker line); True if any.

    An editor's trial: markers in the body passed the check and were published, the
    ``>>>>>>>`` line as nested quotes; in the front matter they read as a missing colon.
    Outside closed code blocks, a ``<<<<<<<`` line is a conflict, and so is a ``=======`` line
    followed by a ``>>>>>>>`` one (a conflict half resolved, its first marker deleted). A
    ``=======`` alone is a heading's underline and a ``>>>>>>>`` line alone a quote seven deep
    (reviews)."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:  # no conflict without one of these: every case is read here
        return False
    lines = text.split("\n")
    fenced = fenced_lines(lines)
    marks = [(number, line[0]) for number, line in enumerate(lines) if number not in fenced and _CONFLICT.match(line)]
    starts: list[int] = []
    pending: int | None = None  # the first marker of the conflict being read
    for number, kind in marks:
        if kind == "<" or (kind in "|=" and pending is None):
            if kind == "<" and pending is not None and lines[pending][0] == "<":
                starts.append(pending)  # an earlier conflict left without its end
            pending = number
        elif kind == ">" and pending is not None:
            starts.append(pending)
            pending = None
    if pending is not None and lines[pending][0] == "<":
        starts.append(pending)
    for start in starts:
        diags.error(
            start + 1,
            "merge-conflict",
            "这里是 Git 合并冲突留下的标记（<<<<<<<、=======、>>>>>>>）：两个人改了同一处，Git 没能自动合并。",
            "比较标记之间的两段，留下正确的内容，删掉 <<<<<<<、=======、>>>>>>> 这几行，再运行 showcase check。"
            "不确定留哪段时，请问改过这个案例的编辑。",
        )
    return bool(starts)


def front_matter_of(data: bytes, path: Path) -> str:
    """The front matter of a case file's bytes (or their first part: a character cut at the
    end is replaced, as it lies past the front matter) as written; "" when it has none. How
    the commands, the check's look for stray cases and the ledger's look into Git's history
    read an id or a state without loading the case."""
    text = lines_as_read(data.decode("utf-8-sig", "replace"))
    parts = split(text, DiagnosticList(path)) if text else None
    return parts.front_matter if parts is not None else ""


ID_LINE = re.compile(r"^id:[ \t]*['\"]?([a-z0-9-]+)['\"]?[ \t]*(?:#.*)?$", re.M)  # a front matter's id as written


def front_matter_values(front_matter: str, path: Path) -> dict[str, Any]:
    """A front matter (``front_matter_of``) as the check's YAML reads it, without a word on
    its problems; {} when it is no mapping. For what a line of it cannot say: an id written
    on the line after ``id:``, the former ids in ``aliases``."""
    located = parse(front_matter, 2, DiagnosticList(path)) if front_matter else None
    value = located.value if located is not None else None
    return value if isinstance(value, dict) else {}


def former_ids(values: Mapping[str, Any]) -> list[str]:
    """The former ids a front matter's ``aliases`` lists, as written: YAML reads an alias of
    digits as a number, the check takes it as text."""
    aliases = values.get("aliases")
    return [str(alias) for alias in aliases if isinstance(alias, str | int)] if isinstance(aliases, list) else []


def id_despite_conflicts(text: str) -> str:
    """The case's id when every id line of a file with conflicts says the same ("" if not):
    so that its published address is not also reported lost (a review: the ledger said the
    case had been deleted, and advised git checkout, which throws the merge away)."""
    found = {m.group(1) for m in ID_LINE.finditer(text)}
    return found.pop() if len(found) == 1 else ""
