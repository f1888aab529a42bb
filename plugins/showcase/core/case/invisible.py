"""Invisible and direction-changing characters in the front matter and in file names.

Text copied from WeChat, web pages or office software often brings characters no one
sees: zero-width spaces, direction marks and overrides (U+202E shows the text after it
backwards), a byte-order mark. In a title or a name they make two equal-looking names
differ, break search, or show words other than those written. Every character of
Unicode category Cf is refused there, and a few blank letters (listed in
``data/invisible-chars.yml``); the one legitimate use, joining the parts of an emoji
(U+200D between two pictographs, tag characters after a flag), is allowed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from ..diagnostics import DiagnosticList
from ..packaged import read_packaged
from .fields import FIELDS
from .pii import may_have_format_characters
from .yamlnodes import Located

_WHY = "这种字符通常是从微信、网页或文档里复制文字时带进来的。"
HINT_TEXT = (
    _WHY + "请删掉这段文字，切换到中文输入法重新手工输入（不要从微信或网页复制粘贴）；"
    "或在 VS Code 里打开，把光标移到{where}，用退格键删掉看不见的字符。"
)
_HINT_NAME = _WHY + "请给这个文件改名，文件名重新手工输入（例如 photo3.jpg）；index.md 里引用它的地方一起改。"


def _labels() -> dict[str, str]:
    """``organization.name`` -> 组织名称: the field table's words (data/fields.yml)."""
    return {f"{top.key}.{sub.key}" if sub is not top else top.key: sub.label for top in FIELDS for sub in (top, *top.fields)}


LABELS = _labels()


@cache
def _names() -> tuple[dict[int, str], frozenset[int]]:

    data = read_packaged("invisible-chars.yml")
    names = {int(code): str(name) for code, name in {**data["names"], **data["also"]}.items()}
    return names, frozenset(int(code) for code in data["also"])


def _is_pictograph(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or char == "\ufe0f"


@cache
def _blank_letters() -> re.Pattern[str]:
    return re.compile(f"[{''.join(chr(c) for c in _names()[1])}]")


# Control characters (category Cc) but the tab and the line ends: invalid in XML (a Word
# booklet refused the case), shown as nothing or as boxes elsewhere. And Unicode's
# noncharacters (U+FDD0–FDEF, U+FFFE and U+FFFF of every plane), never text: U+FFFE
# in a case passed the check and stopped the build's Word booklet with a traceback.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17))
_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_NONCHARACTERS}]")


# Embeddings, overrides and isolates: the page shows the text around them in another order
# (U+202E backwards), so that the check reads one text and the reader another: a phone
# number written backwards after U+202E passed the check and showed whole (a security
# review). No Chinese case needs them: right-to-left scripts are ordered without them.
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SOFT_HYPHEN = re.compile("\u00ad")


def _may_have_control(text: str) -> bool:
    """False when ``text`` surely has none of ``_CONTROL``: both kinds are not printable, and
    str.isprintable (in C) is many times faster than the class (180 µs a body)."""
    return not text.replace("\n", "").replace("\t", "").replace("\r", "").isprintable()


def find(text: str) -> tuple[int, str] | None:
    """The offset and the character of the first invisible character in ``text``, or None."""
    control = _CONTROL.search(text) if _may_have_control(text) else None
    if control is None and not may_have_format_characters(text) and not _blank_letters().search(text):
        return None
    also = _names()[1]
    for index, char in enumerate(text):
        if control is not None and index == control.start():
            return index, char
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if _format_character(char, before, after, also):
            return index, char
    return None


def _format_character(char: str, before: str, after: str, also: frozenset[int]) -> bool:
    """Whether ``char`` (not a control character), between ``before`` and ``after``, is one
    ``find`` finds: of Unicode category Cf, or a blank letter, but not part of an emoji."""
    if char.isascii() or (unicodedata.category(char) != "Cf" and ord(char) not in also):
        return False
    code = ord(char)
    if code == 0x200D and before and after and _is_pictograph(before) and _is_pictograph(after):
        return False  # an emoji sequence such as 👨‍👩‍👧
    # not the tag characters of a flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿
    return not (0xE0020 <= code <= 0xE007F and before and (before == "\U0001f3f4" or 0xE0020 <= ord(before) <= 0xE007F))


def without(text: str) -> tuple[str, int]:
    """``text`` without the characters ``find`` finds, and how many went (the import: a summary
    pasted from WeChat brought a U+200B, and the draft stopped every build: an organization's
    trial): as ``find`` taking them out one at a time from the start would leave it, in one
    pass (each ``find`` read the text again: a cell of 20,000 took 33 s, a review)."""
    if find(text) is None:
        return text, 0
    also = _names()[1]
    kept: list[str] = []
    for index, char in enumerate(text):
        before = kept[-1] if kept else ""  # the character before it once those before are out
        after = text[index + 1] if index + 1 < len(text) else ""
        if not _CONTROL.match(char) and not _format_character(char, before, after, also):
            kept.append(char)
    return "".join(kept), len(text) - len(kept)


def describe(char: str) -> str:
    """``U+200B（零宽空格）``."""
    code = ord(char)
    other = (
        "非文字码位" if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE else "控制字符" if _CONTROL.match(char) else "看不见的格式字符"
    )
    name = _names()[0].get(code, other)
    return f"U+{ord(char):04X}（{name}）"


def _visible(text: str) -> str:
    return "".join(c for c in text if find(c) is None)


def place(text: str, index: int) -> tuple[str, str]:
    """Where the character is, in words: (for the message, for the hint)."""
    before = _visible(text[:index]).strip()[-6:]
    if not before:
        return "在最前面", "这段文字的最前面"
    shown = f"「{before}」" if "“" in before or "”" in before else f"“{before}”"
    if not _visible(text[index:]).strip():
        return f"在最后面（{shown}之后）", "这一行的最后"
    return f"在{shown}后面", f"{shown}这几个字后面"


def check_text(text: str, what: str, line: int, diags: DiagnosticList, *, name: bool = False) -> None:
    hit = find(text)
    if hit is None:
        return
    index, char = hit
    where, cursor = place(text, index)
    count = sum(1 for c in text if find(c) is not None)
    more = f"（共 {count} 个这样的字符）" if count > 1 else ""
    diags.error(
        line,
        "invisible-char",
        f"{what}里有看不见的字符 {describe(char)}，{where}{more}。",
        _HINT_NAME if name else HINT_TEXT.format(where=cursor),
    )


def check_values(located: Located, diags: DiagnosticList) -> None:
    """Every text of the front matter (ids, titles, summaries, names, lists; keys too)."""
    texts = [*located.raw.items(), *((path, path[-1]) for path in located.lines if isinstance(path[-1], str))]
    if find("".join(text for _, text in texts)) is None:
        return
    for path, text in texts:
        name = _visible(".".join(str(p) for p in path if isinstance(p, str))) or "基本信息"
        label = f"{name}（{LABELS[name]}）" if name in LABELS else name
        index = next((p for p in path if isinstance(p, int)), None)
        what = f"{label} 第 {index + 1} 项" if index is not None else label
        check_text(text, what, located.line(*path), diags)


def check_body(body: str, body_line: int, diags: DiagnosticList) -> None:
    """Control characters and direction changes (``_DIRECTION``) in the body, each line once
    (other format characters there are the author's: emoji sequences, and the check of the
    front matter is for names); and soft
    hyphens, which Word leaves in pasted text and a phone shows as a "-" where a line
    breaks at one (a worker's trial): a warning."""
    said = (
        # (what is looked for, an error or a warning, the words after where it is)
        (_SOFT_HYPHEN, False, "正文这一行有软连字符（从 Word 复制时常带进来），{where}：手机上在这里换行时会显示成一个“-”。"),
        (_DIRECTION, True, "正文这一行有看不见的字符 {char}，{where}：它会改变文字的显示方向，读者看到的和这里写的不一样。"),
        (_CONTROL, True, "正文这一行有看不见的字符 {char}，{where}。"),
    )
    for pattern, error, words in said:
        if pattern is _CONTROL and not _may_have_control(body):
            continue  # the fast test: most bodies have none
        if pattern.search(body) is None:
            continue
        for offset, line in enumerate(body.split("\n")):
            if (hit := pattern.search(line)) is not None:
                where, cursor = place(line, hit.start())
                message = words.format(char=describe(hit.group()), where=where)
                (diags.error if error else diags.warning)(body_line + offset, "invisible-char", message, HINT_TEXT.format(where=cursor))


# A control character below U+0020 (ESC, a tab, a line end) in a file name is one Windows
# refuses: the windows-name warning names that file itself (collection/portable.py). Read
# here as the U+FFFD the name is shown with, so that a name is not reported twice, nor
# named without it (a second trial: a+ESC+b.jpg was also "ab.jpg" at index.md:1, a+TAB+b.jpg not).
_WINDOWS_REFUSED = re.compile("[\x00-\x1f]")


def check_names(names: Iterable[tuple[str, int]], diags: DiagnosticList) -> None:
    """File and folder names in the case folder, each with the line that uses it (or 1)."""
    for name, line in names:
        shown = _WINDOWS_REFUSED.sub("\ufffd", name)
        if find(shown) is not None:
            check_text(shown, f"案例文件夹里的文件名“{_visible(shown)}”", line, diags, name=True)
