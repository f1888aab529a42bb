"""Text files a person writes by hand for a command: a booklet's ids file (``--ids``), a
review list (``--review-words``). On a district department's Windows they come from
Notepad or WPS, saved in whichever encoding it offered:

- "UTF-8" or "带有 BOM 的 UTF-8": UTF-8, with or without its BOM;
- "Unicode" or "Unicode big endian": UTF-16, its BOM first;
- "ANSI", the default of Notepad before Windows 10 1903 and of many copies since: on a
  Chinese Windows, GBK, read as GB18030 (which holds GBK and every other character).

Each is read as written: a clerk was told to save the file as UTF-8 again (compileH2). A
file that is none of them (a Word or Excel file named by mistake, a picture) is a
``UnicodeDecodeError``, which ``describe`` says in plain words. Files the site is built
from (case files, mkdocs.yml's YAML files) stay UTF-8, as the check says (``encoding``).
"""

from __future__ import annotations

from pathlib import Path

from .cachefile import lines_as_read, read_regular
from .diagnostics import describe_os_error

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_typed(data: bytes) -> str:
    """``data`` as text: UTF-16 by its BOM, else UTF-8 (a BOM dropped), else GB18030; line
    ends left as written. Raises ``UnicodeDecodeError`` for bytes that are no text: none of
    these, or a NUL in them (binary data GB18030 or UTF-8 would take)."""
    if data.startswith(_UTF16_BOMS):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = _not_utf8(data, exc)
    if "\0" in text:
        at = text.index("\0")
        raise UnicodeDecodeError("text", data, at, at + 1, "a NUL character: not a text file")
    return text


class DamagedText(UnicodeDecodeError):
    """A UTF-8 file with a few bytes that are not UTF-8 (a word pasted from a GBK file, a
    file cut short mid-character): ``line`` is the first one's line."""

    def __init__(self, data: bytes, start: int) -> None:
        super().__init__("utf-8", data, start, start + 1, "a UTF-8 file with bytes that are not UTF-8")
        self.line = data.count(b"\n", 0, start) + 1


def _not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    """``data``, which is not UTF-8, as GB18030 (Notepad's "ANSI"), unless it is UTF-8 with
    a few bad bytes (``DamagedText``): read as GB18030, such a file was garbage without a
    word said (one stray byte or a character cut short: a review list whose words then
    matched nothing, reviewH2). GBK text read as UTF-8 has a bad byte for nearly every
    character and few whole ones; UTF-8 with a stray byte the other way round. A short
    GBK file can look like either: it is GBK when its every character is one of GB2312's
    (mis-read UTF-8 yields the rarer GBK ones, symbols and private-use characters)."""
    if b"\0" in data:  # binary: said as such below
        mostly_utf8 = False
    else:
        loose = data.decode("utf-8", "replace")
        bad = loose.count("\ufffd")
        wide = sum(1 for char in loose if char >= "\u0800") - bad
        mostly_utf8 = wide >= 1 and 4 * wide >= bad
    try:
        text = data.decode("gb18030").removeprefix("\ufeff")  # GB18030's own BOM (84 31 95 33), as UTF-8's
    except UnicodeDecodeError:
        if mostly_utf8:
            raise DamagedText(data, exc.start) from None
        raise
    if mostly_utf8 and not _all_gb2312(text):
        raise DamagedText(data, exc.start)
    return text


def _all_gb2312(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def read_typed_text(path: Path | str) -> str:
    """The text of the regular file ``path`` (``decode_typed``; a FIFO or a device is an
    ``OSError`` at once, as ``cachefile.read_text_regular``), its line ends read as
    ``Path.read_text`` reads them. Raises ``OSError`` or ``UnicodeDecodeError``."""
    return lines_as_read(decode_typed(read_regular(path)))


def describe(exc: OSError | UnicodeDecodeError) -> str:
    """Why ``read_typed_text`` could not read a file, in plain Chinese."""
    if isinstance(exc, DamagedText):
        return (
            f"第 {exc.line} 行有不是 UTF-8 编码的文字，文件其余部分是 UTF-8 的：可能是从别处粘贴进来的，或文件没有存完整。"
            "请用记事本打开，把这一行重新输入，再另存为 UTF-8"
        )
    if isinstance(exc, UnicodeDecodeError):
        return "它不是纯文本文件，可能是 Word、Excel 文件或图片"
    return describe_os_error(exc)
