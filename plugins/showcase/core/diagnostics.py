"""Diagnostics are values: collected from every case, then printed or raised once."""

from __future__ import annotations

import errno
import logging
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TypeVar

# The log level of a case's warning (a reminder to its authors: it does not hold the case
# back). One below logging.WARNING, so that a build run with --strict, which stops at any
# record of WARNING or above, does not count it; the site build names it WARNING on the
# terminal (plugin/plugin.py) and `showcase preview` shows it.
REMINDER = logging.WARNING - 1


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# What a terminal acts on instead of showing (an escape sequence that clears it or colours what
# follows, a bell, a carriage return) and what turns the text around it (a right-to-left
# override: 申报gpj.exe shown as 申报exe.jpg). Line ends and tabs are not in it.
UNSHOWABLE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_UNSHOWABLE = re.compile(f"[{UNSHOWABLE}]")


_UNSHOWABLE_LINE = re.compile(f"[\t\n{UNSHOWABLE}\u2028\u2029]")


_Item = TypeVar("_Item")


def first_few(items: Sequence[_Item], shown: int, unit: str = "个", *, sep: str = "、", show: Callable[[_Item], str] = str) -> str:
    """The first ``shown`` of ``items`` for a message, and how many there are when more:
    a.jpg、b.jpg 等 12 张. ``show`` writes one item (only those shown are written)."""
    said = sep.join(show(item) for item in items[:shown])
    return said + (f" 等 {len(items)} {unit}" if len(items) > shown else "")


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with each character a terminal would act on, or turn around, shown as U+FFFD:
    for what a sender named (a file, a zip's member), printed whole in a report (a security
    review cleared the screen and retitled the window with a file's name). ``one_line``: its
    line ends and tabs too, for a file's name or a message of one line (a name with a line
    end wrote a line of its own into the check's output: a security review)."""
    return (_UNSHOWABLE_LINE if one_line else _UNSHOWABLE).sub("\ufffd", text)


def shown_path(path: Path | str, cwd: Path | None = None) -> str:
    """``path`` as a message shows it: relative to ``cwd`` (the current folder) where
    possible, what a terminal would act on shown as U+FFFD (``printable``)."""
    try:
        return printable(os.path.relpath(path, cwd or Path.cwd()), one_line=True)
    except ValueError:  # another drive on Windows
        return printable(str(path), one_line=True)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in one place.

    ``message`` says what is wrong, ``hint`` how to fix it; both are written for
    community workers, in plain Chinese.
    """

    path: Path
    line: int
    severity: Severity
    code: str
    message: str
    hint: str = ""
    detail: str = ""  # the original words of a tool (YAML's English), for --format json only

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def display_path(self, cwd: Path | None = None) -> str:
        """The path relative to the current directory where possible."""
        return shown_path(self.path, cwd)

    def as_dict(self, cwd: Path | None = None) -> dict[str, object]:
        """The diagnostic as JSON reports give it (``showcase check``, ``showcase import``)."""
        data: dict[str, object] = {
            "file": self.display_path(cwd),
            "line": self.line,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }
        if self.detail:
            data["detail"] = self.detail
        return data

    @property
    def words(self) -> str:
        """What is wrong and how to fix it, on one line: ``message提示：hint``."""
        return self.message + (f"提示：{self.hint}" if self.hint else "")

    def format(self, cwd: Path | None = None) -> str:
        """One line, and the hint's under it, as a terminal shows them (``printable``): a
        value or a file name in the words cannot move the cursor, clear the screen or begin
        a line of its own."""
        text = f"{self.display_path(cwd)}:{self.line}: {self.severity.value} [{self.code}] {printable(self.message, one_line=True)}"
        if self.hint:
            text += f"\n    提示：{printable(self.hint, one_line=True)}"
        return text

    def format_answer(self, label: str, message: str | None = None) -> str:
        """As ``format``, for an answer typed at a prompt (``showcase new``), which has no file
        or line yet: ``label`` (错误, 提醒) before the code, ``message`` as it names the answer."""
        text = f"{label} [{self.code}] {printable(self.message if message is None else message, one_line=True)}"
        if self.hint:
            text += f"\n    提示：{printable(self.hint, one_line=True)}"
        return text

    def sort_key(self) -> tuple[str, int, str]:
        return (str(self.path), self.line, self.code)


@dataclass
class DiagnosticList:
    """Collects diagnostics for one file, so rules only say line, code and words."""

    path: Path
    items: list[Diagnostic] = field(default_factory=list)

    def error(self, line: int, code: str, message: str, hint: str = "", detail: str = "") -> None:
        self.items.append(Diagnostic(self.path, line, Severity.ERROR, code, message, hint, detail))

    def warning(self, line: int, code: str, message: str, hint: str = "") -> None:
        self.items.append(Diagnostic(self.path, line, Severity.WARNING, code, message, hint))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)


MESSAGE_ERRORS = 50  # the most errors one ConfigError's message lists


def as_message(diagnostics: Iterable[Diagnostic]) -> str:
    """A data file's errors (a taxonomy, a texts file) as the one message of the ConfigError
    that stops a check or a build: a line each, ``file:line: message提示：hint``; the first
    ``MESSAGE_ERRORS`` of them and how many more (a texts file of 100,000 contact lines was
    a message of 200,000 lines, 51 MB: hostile input)."""
    errors = [d for d in diagnostics if d.is_error]
    said = "\n".join((f"{d.path}:{d.line}" if d.line else str(d.path)) + f": {d.words}" for d in errors[:MESSAGE_ERRORS])
    more = len(errors) - MESSAGE_ERRORS
    return said + (f"\n……另有 {more} 处错误没有列出：先改好上面这些，再运行一次。" if more > 0 else "")


def count(diagnostics: list[Diagnostic]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


_OS_ERRORS = {
    errno.ENOENT: "文件不存在",
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径里有一级不是文件夹，而是文件",
    errno.ELOOP: "符号链接指向自己，形成了循环",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EIO: "磁盘读取出错",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "这里只能读、不能写",
    errno.EEXIST: "那里已有一个同名的文件",  # a folder to make where a file is (a cache option naming a file)
}


def describe_write_error(exc: OSError) -> str:
    """Why the system refused a write, in words an editor reads (its own are English); what
    is not particular to writing, as for reading (``describe_os_error``)."""
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，请写文件名"
    if isinstance(exc, FileNotFoundError):
        return "文件夹不存在，或不能在那里建文件"
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    return describe_os_error(exc)


def describe_os_error(exc: OSError | UnicodeDecodeError) -> str:
    """Why a file could not be read, in plain Chinese: the system's refusal, or a text that
    is not UTF-8 (the two ways every reader of a data file fails)."""
    if isinstance(exc, UnicodeDecodeError):
        return "不是 UTF-8 编码的文字文件，请另存为 UTF-8"
    return _OS_ERRORS.get(exc.errno or 0, exc.strerror or exc.__class__.__name__)
