"""Bounds on a case body's Markdown, checked before it is ever converted.

Python-Markdown recurses once per level of nested lists (a list 500 levels deep ends in
a ``RecursionError``) and its inline patterns scan ahead for a closing bracket from
every opening one (40,000 unclosed ``[`` in one paragraph take minutes). Real cases are
a few kilobytes of paragraphs, short lists and a table; these bounds are far above
anything they reach and far below what slows a build down. ``showcase check`` and the
build report a body beyond them as an error on its line, so it is never converted.

The build also converts each body under a time limit (``time_limit``), in case some
other pattern is slow: the case is named instead of the build hanging.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..diagnostics import DiagnosticList
from ..options import DEFAULTS
from ..site.sanitize import cell_span
from .entities import PAST_UNICODE
from .source import fenced_lines

# the codes of a body that is not safe to convert (``check_markdown``)
UNBOUNDED = frozenset({"body-too-large", "body-too-deep", "body-unclosed", "body-char-ref"})
# A numeric character reference past the last code point (&# and thousands of digits):
# Python-Markdown turns it into an int, and a long one stopped the build (ValueError).
# Leading zeros count too (Python reads at most 4,300 digits).
_HUGE_REF = re.compile(rf"&#(?:[xX][0-9a-fA-F]{{100,}}|[0-9]{{100,}}|{PAST_UNICODE})")


# A reference to a character no document may hold (XML 1.0, which Word files are): the C0
# controls but tab and line ends, surrogates, U+FFFE and U+FFFF. The check refuses the raw
# characters; &#11; made them again, and the Word booklet stopped the build (ValueError).
_REF = re.compile(r"&#(?:[xX]0*(?P<hex>[0-9a-fA-F]{1,8})|0*(?P<dec>[0-9]{1,10}));?")  # leading zeros: &#00065; is A


# A table row whose cells span more columns than this in all (colspan as browsers read it,
# up to 1,000 a cell): harmless on a page, where browsers draw it, but the PDF booklet lays
# out every column, and a security review's 300 cells of colspan="1000" (13 KB, passed by
# the check) stopped every build of the site after its 60 s limit, naming no case.
# 100 columns lay out in about 0.1 s; no case's table has a tenth of them.
MAX_TABLE_COLUMNS = 100
# A table of more rows than this (Markdown's or HTML's), and a run of more letters, digits and
# marks without a space, where no line may break: the PDF booklet lays them out too, and a
# security review's 45,000-row table and 190,000-letter word (both passed by the check) took
# the whole site's build past its 60 s limit, at 1.5 GB. 1,000 rows lay out in about 4 s,
# a 2,000-letter run in about 2 s; no case's table or address comes near either.
MAX_TABLE_ROWS = 1000
MAX_UNBROKEN = 2000
# A character a line may not break after: any but spaces, line ends and the scripts that break
# between any two characters (Han, kana, Hangul, full-width forms); a no-break space or a word
# joiner joins (a review: 90,000 Cyrillic letters, or runs of Latin ones joined by no-break
# spaces, passed the first version, which counted ASCII alone). Counted from a run's start
# only (the lookbehind): each run is read once.
_JOINED = r"(?:[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff]|[\u00a0\u202f\u2060])"
_UNBROKEN = re.compile(rf"(?<!{_JOINED}){_JOINED}{{{MAX_UNBROKEN + 1},}}")
# What a reader never sees as text, left out before runs are counted: a Markdown link's or
# image's target (its address may be long), an HTML tag (a table written on one line breaks
# between its cells), a fenced or indented block of code (scrolls in a box of its own).
_UNSEEN = re.compile(r"\]\([^)\s]*\)|<[^<>]*>")
_PIPE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")
_TABLE_TOKEN = re.compile(r"<(/?table|tr|t[dh])\b([^<>]*)>", re.IGNORECASE)
_COLSPAN = re.compile(r"""\bcolspan[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r >]+))""", re.IGNORECASE)

_REF_HINT = "删掉这串“&#…”；要写某个符号，直接输入那个符号即可。"  # both kinds of body-char-ref
_MAX_REF_LINES = 20  # lines with an unusable reference each said; the rest counted


def _unusable(code: int) -> bool:
    return (code < 0x20 and code not in (0x9, 0xA, 0xD)) or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)


@dataclass(frozen=True)
class MarkdownLimits:
    max_bytes: int = DEFAULTS.max_body_bytes
    max_nesting: int = DEFAULTS.max_body_nesting  # lists and quotes inside each other
    max_unclosed: int = DEFAULTS.max_body_unclosed  # "[" or "<" left open, or one mark repeated in a row


# one container opening at the start of a line: a quote, or a list item marker and its space
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?")
_RULE = re.compile(r"^[ ]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # "- - -", "* * *": a horizontal line
_BRACKETS = re.compile(r"[\[\]]")
_ANGLES = re.compile(r"[<>]")
_MARKS = "*_`[<!"
_INLINE = "*_`["  # where Markdown's inline patterns start (each a scan of its paragraph); "<": see tags
INLINE_PER_LIMIT = 10  # a paragraph may hold this many times ``max_unclosed`` of them
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
# elements that never wrap others, or whose end tag may be left out (HTML closes them itself)
_UNNESTED = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "colgroup", "option", "optgroup", "rt", "rp",
})  # fmt: skip


def check_markdown(body: str, body_line: int, diags: DiagnosticList, limits: MarkdownLimits) -> bool:
    """Report a body beyond ``limits``; True when it is within them (safe to convert)."""
    size = len(body.encode("utf-8"))
    if size > limits.max_bytes:
        diags.error(
            body_line,
            "body-too-large",
            f"正文有 {size / 1024:.0f} KB，超过 {limits.max_bytes / 1024:.0f} KB 的上限，不像是一个案例的文字。",
            "案例正文一般几千字即可；请删去粘贴进来的多余内容，长材料可以分成几个案例。",
        )
        return False
    ok = True
    lines = body.split("\n")
    deep = _too_deep(lines, limits.max_nesting)
    if deep is not None:
        ok = False
        diags.error(
            body_line + deep[0],
            "body-too-deep",
            f"这一行的列表或引用套了 {deep[1]} 层，超过 {limits.max_nesting} 层的上限。",
            "列表最多套两三层即可：减少行首的空格、“-”“1.”或“>”，把内容写成普通段落。",
        )
    for match in _HUGE_REF.finditer(body) if "&#" in body else ():
        ok = False
        shown = match.group(0)
        diags.error(
            body_line + body.count("\n", 0, match.start()),
            "body-char-ref",
            f"这一行有一个写法异常的字符代码“{shown[:12]}{'…' if len(shown) > 12 else ''}”（&# 后面有 {len(shown) - 2} 位），"
            "超出了所有字符的范围，网页无法转换。",
            _REF_HINT,
        )
        break  # one is enough to name the case; its line says where
    # Each line with one, up to _MAX_REF_LINES: the first only made a worker run the check once
    # per line to find eight (a security review); a body made of thousands is named by the first.
    said: dict[int, str] = {}
    more = 0
    for match in _REF.finditer(body) if ok and "&#" in body else ():
        if _unusable(int(match["hex"], 16) if match["hex"] else int(match["dec"])):
            line = body_line + body.count("\n", 0, match.start())
            if line in said:
                continue
            if len(said) == _MAX_REF_LINES:
                more += 1
                continue
            said[line] = match.group(0)
    for number, (line, shown) in enumerate(said.items(), start=1):
        ok = False
        rest = f"（正文里还有 {more} 行有这样的代码，改好这些再检查一次。）" if more and number == len(said) else ""
        diags.error(
            line,
            "body-char-ref",
            f"这一行的“{shown}”是一个看不见的控制字符的代码，网页和案例汇编（Word、PDF）都不能使用它。{rest}",
            _REF_HINT,
        )
    html = "<t" in body or "<T" in body
    wide = _wide_row(body) if html else None
    if wide is not None:
        ok = False
        diags.error(
            body_line + body.count("\n", 0, wide[0]),
            "body-table-wide",
            f"从这一行开始的表格有一行占了 {wide[1]} 列（colspan 加起来），超过 {MAX_TABLE_COLUMNS} 列的上限，"
            "案例汇编（PDF）排不出这么宽的表格。",
            "表格一般不超过十几列：把 colspan 改小或删掉；很宽的数据表请只留要点，写成文字或几张小表。",
        )
    code = fenced_lines(lines) if "```" in body or "~~~" in body else set()  # code shows as written: no table, no line to break
    tables = [*_pipe_tables(lines, code), *(_html_tables(body) if html else ())] if "|" in body or html else []
    for start, _rows, widest in tables:
        if widest > MAX_TABLE_COLUMNS and wide is None:
            ok = False
            diags.error(
                body_line + start,
                "body-table-wide",
                f"从这一行开始的表格有一行分成了 {widest} 格（“|”隔开的格子），超过 {MAX_TABLE_COLUMNS} 列的上限，"
                "案例汇编（PDF）排不出这么宽的表格。",
                "表格一般不超过十几列：很宽的数据表请只留要点，写成文字或几张小表。",
            )
            break
    for start, rows, _ in tables:
        if rows > MAX_TABLE_ROWS:
            diags.error(
                body_line + start,
                "body-table-long",
                f"从这一行开始的表格有 {rows} 行，超过 {MAX_TABLE_ROWS} 行的上限：这不像是案例里的表格，"
                "案例汇编（PDF）排这么长的表格会让整个网站生成失败。",
                "案例里的表格只留要点（一般几行到几十行）；名单、台账等长表格不要放进案例。",
            )
            break
    long_run = _long_run(lines, code) if len(body) > MAX_UNBROKEN else None
    if long_run is not None and "&#" not in long_run[1]:  # a reference's thousands of digits: body-char-ref says it
        offset, shown = long_run
        diags.error(
            body_line + offset,
            "body-long-word",
            f"这一行有一串 {len(shown)} 个连在一起、中间没有空格的字母、数字或符号（“{shown[:20]}…”），"
            f"超过 {MAX_UNBROKEN} 个的上限：网页和案例汇编都没法把它折行。",
            "这多半是粘贴时带进来的乱码或编码数据：请删掉它；网址太长时，改用文字说明去处。",
        )
    for offset, message, mark in _unclosed(lines, limits.max_unclosed):
        ok = False
        diags.error(
            body_line + offset,
            "body-unclosed",
            message,
            # the example is the mark said (a second trial: \[ was shown for “<”)
            f"这些符号在正文里有特殊作用。请删去多余的符号；确实要显示时，在符号前加反斜杠，例如 \\{mark} 。",
        )
    return ok


def _wide_row(body: str) -> tuple[int, int] | None:
    """(offset of its table's tag, columns) of the first HTML table row spanning more than
    ``MAX_TABLE_COLUMNS`` columns; a row ends where another row or a table starts or ends."""
    table, columns = 0, 0
    for match in _TABLE_TOKEN.finditer(body):
        tag = match.group(1).lower()
        if tag in ("table", "/table", "tr"):
            if columns > MAX_TABLE_COLUMNS:
                return table, columns
            table, columns = (match.start() if tag == "table" else table), 0
            continue
        span = _COLSPAN.search(match.group(2))
        value = next((group for group in span.groups() if group is not None), "") if span else ""
        columns += int(cell_span(value, "colspan") or 1) if span else 1
    return (table, columns) if columns > MAX_TABLE_COLUMNS else None


def _long_run(lines: list[str], code: set[int]) -> tuple[int, str] | None:
    """(line offset, the run) of the first run of more than ``MAX_UNBROKEN`` characters no line
    may break in, of what readers see (``_UNSEEN``, and ``code``: the lines of fenced code, left out)."""
    for offset, line in enumerate(lines):
        if len(line) > MAX_UNBROKEN and offset not in code and not line.startswith(("    ", "\t")):
            found = _UNBROKEN.search(_UNSEEN.sub(" ", line))
            if found is not None:
                return offset, found.group()
    return None


def _pipe_tables(lines: list[str], code: set[int]) -> Iterator[tuple[int, int, int]]:
    """(line offset of its first line, rows under its heading, cells of its widest row) of each
    Markdown table outside fenced ``code``: a row with “|”, a separator row (| --- |) under it,
    then rows with “|” up to a line without."""
    offset = 1
    while offset < len(lines):
        if offset in code or "-" not in lines[offset] or not _PIPE_SEPARATOR.match(lines[offset]) or "|" not in lines[offset - 1]:
            offset += 1
            continue
        start, end = offset - 1, offset + 1
        while end < len(lines) and "|" in lines[end] and end not in code:
            end += 1
        widest = max(_cells(line) for line in (lines[start], *lines[offset + 1 : end]))
        yield start, end - offset - 1, widest  # neither the heading nor the separator counts
        offset = end + 1


def _cells(line: str) -> int:
    """The cells of a Markdown table's row: its unescaped “|” as separators, those at its ends not."""
    stripped = line.strip()
    return len(_PIPE.findall(stripped)) + 1 - stripped.startswith("|") - (stripped.endswith("|") and not stripped.endswith("\\|"))


def _html_tables(body: str) -> Iterator[tuple[int, int, int]]:
    """(line offset of its <table>, rows, 0) of each HTML table (a table inside another counts its rows to the outer)."""
    start, rows, depth = 0, 0, 0
    for match in _TABLE_TOKEN.finditer(body):
        tag = match.group(1).lower()
        if tag == "table":
            if depth == 0:
                start, rows = body.count("\n", 0, match.start()), 0
            depth += 1
        elif tag == "/table" and depth:
            depth -= 1
            if depth == 0:
                yield start, rows, 0
        elif tag == "tr":
            rows += 1
    if depth:
        yield start, rows, 0


def _too_deep(lines: list[str], limit: int) -> tuple[int, int] | None:
    """(line offset, depth) of the first line opening more than ``limit`` containers."""
    for offset, line in enumerate(lines):
        if len(line) < limit or _RULE.match(line):
            continue  # too short to open that many, or a horizontal line
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4)) // 4
        markers, position = 0, 0
        while (match := _CONTAINER.match(line, position)) and match.end() > position:
            markers += 1
            position = match.end()
        if markers and indent + markers > limit:
            return offset, indent + markers
    return None


def _unclosed(lines: list[str], limit: int) -> Iterator[tuple[int, str, str]]:
    """Where ``[``, ``<`` or HTML elements are left open more than ``limit`` times, or a mark repeats in a row.

    Brackets are counted per paragraph (Markdown matches them there) and added up over
    the body; angle brackets and HTML elements over the whole body (raw HTML is looked for
    across paragraphs, and 40,000 ``<div>`` inside each other take the sanitizer 20 s). At most one problem of each kind, on the line where the limit was passed.
    """
    reported: set[str] = set()
    brackets = total_brackets = angles = tags = marks = 0
    most_marks = INLINE_PER_LIMIT * limit
    run = re.compile("|".join(f"{re.escape(mark)}{{{limit + 1},}}" for mark in _MARKS))
    for offset, line in enumerate(lines):
        if not line.strip():
            total_brackets += brackets
            brackets = marks = 0
            continue
        marks += sum(line.count(mark) for mark in _INLINE)
        if marks > most_marks and "marks" not in reported:
            reported.add("marks")
            yield offset, f"这一段有超过 {most_marks} 个 Markdown 符号（* _ ` [），转换起来极慢。", max(_INLINE, key=line.count)
        found = run.search(line)
        if found and "run" not in reported:
            reported.update(("run", found.group()[0]))  # a run of "[" or "<" is their problem too, said once
            yield offset, f"这一行有 {len(found.group())} 个连在一起的“{found.group()[0]}”（上限 {limit} 个）。", found.group()[0]
        if "[" in line or "]" in line:
            for match in _BRACKETS.finditer(line):
                brackets = brackets + 1 if match.group() == "[" else max(0, brackets - 1)
            if (brackets > limit or total_brackets + brackets > limit) and "[" not in reported:
                reported.add("[")
                yield offset, f"正文里有超过 {limit} 个没有配对的方括号“[”。", "["
        if "<" in line:
            for match in _ANGLES.finditer(line):
                angles = angles + 1 if match.group() == "<" else max(0, angles - 1)
            if angles > limit and "<" not in reported:
                reported.add("<")
                yield offset, f"正文里有超过 {limit} 个没有配对的尖括号“<”。", "<"
            deepest = tags  # within the line too: 150 <div> closed on the same line overflow the PDF booklet's layout
            for match in _TAG.finditer(line):  # HTML elements inside each other: slow to convert and to clean
                if match.group(2).lower() not in _UNNESTED:
                    tags = max(0, tags - 1) if match.group(1) else tags + 1
                    deepest = max(deepest, tags)
            if deepest > limit and "tag" not in reported:
                reported.add("tag")
                yield (
                    offset,
                    f"正文里有超过 {limit} 个没有结束的 HTML 标签（例如写了 <b> 却没有 </b>），或者标签一层套一层超过 {limit} 层。",
                    "<",
                )


class TimeLimitExceeded(Exception):
    """Converting one body took longer than its time limit. Control flow, not an error of the
    program's (hence not a ShowcaseError): the caller turns it into a case's diagnostic."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the block after ``seconds`` of wall time.

    A real-time timer and its signal: only on systems that have them (not Windows) and
    only in the main thread (where Python runs signal handlers), and only when no other
    alarm is pending (a test's own deadline, say, is left alone); otherwise, or with
    ``seconds`` 0, the block runs without a limit.
    """
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
