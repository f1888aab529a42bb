"""Reading one front-matter value of a declared kind, reporting what is wrong with it.

``ValueReader`` knows how a text, a date, a list, a term of the taxonomy, a choice or a
count is written and how editors get each wrong (full-width separators, quotes around
numbers, a brand written as a theme); the rules across fields (``rules.py``) build on it.
Every reader reports into the case's diagnostics and goes on.
"""

from __future__ import annotations

import calendar
import difflib
import re
from datetime import date, datetime
from typing import Any

from ..collection.taxonomy import Taxonomy, Term, Vocabulary
from ..diagnostics import DiagnosticList
from ..options import yaml_text
from .fields import CHINESE_KEYS, Field, field
from .model import Case
from .written import FULLWIDTH, count_hedges, count_written, date_digits, date_part, eight_digit_date, loose_date, month_start, vague_count
from .yamlnodes import Located, shorten

_DATE_TIME = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[ T]|\s+)[0-9]{1,2}[:：][0-9]{2}(?:[:：][0-9]{2})?"
)  # a time of day after the date
_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII: \\d takes ２０２３ too, which fromisoformat refuses
# Markup in a text field: a tag, an end tag, a comment or doctype (<!), a processing instruction (<?).
MARKUP = re.compile(r"<\s*(?:[a-zA-Z!?]|/\s*[a-zA-Z])")
_SEPARATOR_NAMES = {"，": "中文逗号“，”", "、": "中文顿号“、”", "；": "中文分号“；”"}
# A value in Chinese quotes (“2024-03-05”, 「draft」): YAML keeps them as part of the value.
_CHINESE_QUOTED = re.compile(r"“[^“”]*”|「[^「」]*」|『[^『』]*』|‘[^‘’]*’")
_DASHES = str.maketrans(dict.fromkeys("—–―‐‑－", "-"))  # a Chinese input method's Shift + - is —
_YEAR_ALONE = re.compile(r"([12][0-9]{3})\s*年?")


def unquoted(text: str) -> str | None:
    """What ``text`` says inside the Chinese quotes around it; None when it is not in them."""
    stripped = text.strip()
    return stripped[1:-1] if _CHINESE_QUOTED.fullmatch(stripped) else None


def _loose_dashes(text: str) -> str:
    return re.sub("-+", "-", text.translate(_DASHES))  # ——, as the input method types it twice


def nearest(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    """The choice an editor most likely meant (a Chinese key name, or a near spelling)."""
    if word in CHINESE_KEYS and CHINESE_KEYS[word] in choices:
        return CHINESE_KEYS[word]
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return close[0] if close else None


def written_for(key: object, wanted: str) -> bool:
    """Whether a key of the front matter is ``wanted`` written another way: 标题, Title, titel,
    or "title　" (spaces about it), as ``_missing`` says it at its line."""
    written = yaml_text(key).strip()
    return key != wanted and (written == wanted or nearest(written, (wanted,)) == wanted)


_DECIMAL = re.compile(r"0|[1-9][0-9]*")  # a count as people write it


# A list item's mark as typed with a Chinese input method or in Word: full-width hyphen,
# dashes, middle dots and bullets (never ASCII "-", which YAML reads as a list itself)
_DASHED_ITEM = re.compile(r"\s*[－—–―‐・·•●◆■▪]\s*")


class ValueReader:
    """Reads the values of one located front matter, reporting as it goes."""

    """Turns one located front matter into a Case, reporting as it goes."""

    def __init__(self, case: Case, fm: Located, taxonomy: Taxonomy, diags: DiagnosticList, today: date):
        self.case, self.fm, self.tax, self.d, self.today = case, fm, taxonomy, diags, today
        self.data: dict[str, Any] = fm.value
        self.reported: set[tuple[str, ...]] = set()

    def line(self, *path: str | int) -> int:
        return self.fm.line(*path)

    def get(self, *path: str) -> Any:
        value: Any = self.data
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    def _value(self, path: tuple[str, ...], label: str, required: bool) -> Any:
        """The value at ``path``, or None (reported when the field is required)."""
        value = self.get(*path)
        if value is None and required:
            self._missing(path, label)
        return value

    def _text(self, path: tuple[str, ...], label: str, *, required: bool, lo: int = 1, hi: int = 200) -> str | None:
        value = self._value(path, label, required)
        name = ".".join(path)
        if value is None:
            return None
        if isinstance(value, (dict, list, bool)):
            self.d.error(self.line(*path), "bad-type", f"{name}（{label}）应是一段文字。", f"写成 {path[-1]}: 文字 的形式。")
            return None
        text = " ".join(str(value).split())
        if MARKUP.search(text):
            self.d.error(self.line(*path), "html-in-text", f"{name}（{label}）只能是纯文字，不能含 HTML 标签。", "删掉 < > 包起来的标签。")
        if not lo <= len(text) <= hi:
            self.d.error(
                self.line(*path),
                "length",
                f"{name}（{label}）有 {len(text)} 个字，应为 {lo}–{hi} 个字。",
                f"请补充到至少 {lo} 个字。" if len(text) < lo else f"请精简到 {hi} 个字以内。",
            )
        return text

    def _missing(self, path: tuple[str, ...], label: str) -> None:
        if path in self.fm.invalid or path in self.reported:
            return  # already reported
        name = ".".join(path)
        if path in self.fm.lines:  # the key is there, its value is empty
            line = self.fm.lines[path]
            after = self.fm.written(line).split(":", 1)[-1].strip()
            if after.startswith("#") and after.lstrip("#").strip():  # `title: #1号楼…`: YAML reads a comment
                self.d.error(
                    line,
                    "missing-value",
                    f"必填字段 {name}（{label}）没有填写内容：冒号后面以 # 开头，# 和它后面的字都被当成了注释。",
                    f'如果 # 是内容的一部分，请用英文引号把整个内容包起来，例如 {path[-1]}: "{shorten(after, 20)}"。',
                )
                return
            self.d.error(
                line,
                "missing-value",
                f"必填字段 {name}（{label}）没有填写内容。",
                f"在 {path[-1]}: 后面（冒号和一个空格之后）写上{label}。",
            )
            return
        # 标题: or "title　:" (a full-width space) for title: said at that line, not at the file's
        # first (a worker's trial: the error at line 1, the key's line only in a warning)
        mapping = self.get(*path[:-1]) if len(path) > 1 else self.data
        for key in mapping if isinstance(mapping, dict) else ():
            if written_for(key, path[-1]):
                written = yaml_text(key).strip()
                self.d.error(
                    self.line(*path[:-1], key),
                    "missing-key",
                    f"缺少必填字段 {name}（{label}）：这一行的字段名“{shorten(written, 20)}”"
                    + ("（前后多了空格）" if written != yaml_text(key) else "")
                    + f"像是它，但要写成 {path[-1]}。",
                    f"把这一行冒号前面的字段名改成 {path[-1]}（英文字母，不带空格），后面是英文冒号和一个空格。",
                )
                return
        parent_line = self.line(*path[:-1]) if len(path) > 1 else self.fm.default_line
        example = f"{path[-1]}: …" if len(path) == 1 else f"在 {path[0]}: 下面缩进两格写 {path[-1]}: …"
        self.d.error(parent_line, "missing-key", f"缺少必填字段 {name}（{label}）。", f"请补上：{example}")

    def _date(self, path: tuple[str, ...], label: str, *, required: bool) -> date | None:
        value = self._value(path, label, required)
        name = ".".join(path)
        if value is None:
            return None
        if isinstance(value, datetime):
            # 2023-03-01 10:00:00 was kept as 2023-03-01 without a word: the contract's YYYY-MM-DD
            self._timed(path, label, value.isoformat(sep=" "), value.date().isoformat())
            return None
        if isinstance(value, date):
            pass
        elif isinstance(value, str) and _DATE_TEXT.fullmatch(value.strip()):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                self.d.error(
                    self.line(*path),
                    "bad-date",
                    f"{name}（{label}）“{shorten(value)}”不是存在的日期。",
                    "检查月份（1–12）和日期（例如 2 月没有 30 日）。",
                )
                return None
        else:
            # as written: YAML reads 20240305 and 2024.3 as numbers (2024.10 as 2024.1)
            written = self.fm.raw.get(path, value) if isinstance(value, (int, float)) else value
            quoted = isinstance(written, str) and _CHINESE_QUOTED.fullmatch(written.strip()) is not None
            if isinstance(written, str):
                written = _loose_dashes(unquoted(written) or written)
                # 2024-03-05 09:30, without seconds, is text to YAML, not the datetime above (a
                # worker's trial got the generic hint, though the guide promised this one)
                if timed := _DATE_TIME.fullmatch(written.strip()):
                    self._timed(path, label, shorten(self.fm.raw.get(path, value)), timed[1])
                    return None
            digits = date_digits(written) if isinstance(written, str) else None  # 二〇二四年三月五日, as the import reads it
            meant = (loose_date(digits) or eight_digit_date(digits)) if digits else None  # 2024年3月5日, 2024-3-5: said as it must be
            month = month_start(digits) if digits and meant is None else None  # 2024年5月
            part = date_part(" ".join(digits.translate(FULLWIDTH).split())) if digits and meant is None and month is None else None
            key = name.split(".")[-1]
            year = _YEAR_ALONE.fullmatch(digits.strip()) if digits else None
            as_written = shorten(self.fm.raw.get(path, value))  # 2024.10, not the number 2024.1
            shown = f"“{as_written}”" if not quoted else f"{as_written}（两边加了中文引号）"
            if meant and quoted:
                hint = f"去掉两边的中文引号，改成 {key}: {meant.isoformat()}。"
            elif meant:
                hint = f"改成 {key}: {meant.isoformat()}（四位年份、两位月份、两位日期，用英文减号连接）。"
            elif year:
                # an end date known by its month is the month's last day, as for 2024年5月 below
                day, which, known = ("结束", "最后一天", "31") if key == "end_date" else ("", "1 日", "01")
                self.d.error(
                    self.line(*path),
                    "bad-date",
                    f"{name}（{label}）{shown}只写了年份，不是 年-月-日 格式：还要写月份和日期。",
                    f"请查一下活动{day}是哪一天，写成 {key}: {year[1]}-03-05 这样（四位年份、两位月份、两位日期，用英文减号连接）；"
                    f"只知道月份时写那个月的{which}，例如 {key}: {year[1]}-03-{known}。",
                )
                return None
            elif month and key == "end_date":  # as the import reads 结束时间 2024年12月: its last day
                last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
                hint = f"要写到哪一天；只知道月份时写那个月的最后一天：{key}: {last.isoformat()}。"
            elif month:
                hint = f"要写到哪一天；只知道月份时写那个月的 1 日：{key}: {month.isoformat()}。"
            elif part:  # 2024年3月上旬, 2024年春季, 2023年底: as the import reads them, and says so
                first, final, which = part
                end = key == "end_date"
                hint = f"要写到哪一天；只知道{which}时，写那一段的{'最后一天' if end else '第一天'}：{key}: {(final if end else first).isoformat()}。"
            else:
                hint = "写成 2023-03-01 这样：四位年份、两位月份、两位日期，用英文减号连接。"
            # a date in Chinese quotes is named as that mistake, as an id's or a status's is
            said = f"两边加了中文引号：{as_written}。" if meant and quoted else f"{shown}不是 年-月-日 格式。"
            self.d.error(self.line(*path), "bad-date", f"{name}（{label}）{said}", hint)
            return None
        return value

    def _timed(self, path: tuple[str, ...], label: str, shown: str, day: str) -> None:
        """A date written with its time of day (``shown``): the day alone is asked for."""
        self.d.error(
            self.line(*path),
            "bad-date",
            f"{'.'.join(path)}（{label}）“{shown}”带了时间，这里只写日期。",
            f"去掉时间，改成 {path[-1]}: {day}。",
        )

    def _list(self, key: str, label: str) -> list[Any] | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, list):
            return value
        text = yaml_text(value)
        if isinstance(value, str):  # ［便民服务］, 【便民服务】: brackets typed with a Chinese input method
            text = text.strip().removeprefix("［").removesuffix("］").removeprefix("【").removesuffix("】")
        # items each after a Chinese dash or dot, as a list is typed in Word (－ 便民服务 － 新风正气,
        # one a line, read by YAML as one text): the hint kept the dashes, and following it
        # gave an unknown theme (a writer's trial)
        dashed = isinstance(value, str) and _DASHED_ITEM.match(text) is not None
        parts = _DASHED_ITEM.split(text)[1:] if dashed else re.split("[、，；,]", text) if isinstance(value, str) else [text]
        items = ", ".join(part.strip() for part in parts if part.strip())
        self.d.error(
            self.line(key),
            "not-a-list",
            f"{key}（{label}）应是一个列表。" + (f"这里每项前面用了中文的“{text.strip()[0]}”，读出来是一整段文字。" if dashed else ""),
            f"写成 {key}: [{items}]，方括号和逗号用英文符号。" + ("也可以每项一行，行首写英文的减号和空格“- ”。" if dashed else ""),
        )
        return None

    def _split_items(self, key: str, label: str, items: list[Any]) -> list[tuple[int, Any]]:
        """(index, item) of a list, an item written with a Chinese comma, 顿号 or semicolon
        split into the items meant, each such item reported: one error that names the mark."""
        result: list[tuple[int, Any]] = []
        wrong: list[tuple[int, str, str]] = []
        for index, item in enumerate(items):
            text = str(item).strip() if isinstance(item, str) else ""
            marks = [mark for mark in _SEPARATOR_NAMES if mark in text]
            if not marks:
                result.append((index, item))
                continue
            pieces = [part.strip() for part in re.split("[" + "".join(_SEPARATOR_NAMES) + "]", text) if part.strip()]
            wrong.append((index, "、".join(_SEPARATOR_NAMES[mark] for mark in marks), text))
            result.extend((index, part) for part in pieces)
        meant = ", ".join(str(item) for _, item in result)
        for index, names, text in wrong:
            self.d.error(
                self.line(key, index),
                "fullwidth-separator",
                f"{key}（{label}）里的“{shorten(text)}”用了{names}分隔，几项被当成了一项。",
                f"列表各项之间要用英文逗号（半角的 ,）分隔，写成 {key}: [{shorten(meant, 120)}]。",
            )
        return result

    def _strings(self, key: str, rule: Field) -> list[str]:
        """A list of words (tags, beneficiaries), each plain text, as many and as long as the field
        table allows (``max`` items of ``item_max`` characters)."""
        label = rule.label
        items = self._list(key, label) or []
        result = []
        if rule.max is not None and len(items) > rule.max:
            self.d.error(self.line(key), "count", f"{key}（{label}）写了 {len(items)} 项，最多 {rule.max} 项。", "只留最要紧的几项。")
        for index, item in self._split_items(key, label, items):
            if item is None or isinstance(item, (dict, list)):
                self.d.error(self.line(key, index), "bad-type", f"{key}（{label}）第 {index + 1} 项应是文字。", "每项写一个词。")
                continue
            text = str(item).strip()
            if MARKUP.search(text):  # shown escaped, but a tag is never what the author meant
                self.d.error(
                    self.line(key, index),
                    "html-in-text",
                    f"{key}（{label}）第 {index + 1} 项只能是纯文字，不能含 HTML 标签。",
                    "删掉 < > 包起来的标签。",
                )
            if rule.item_max is not None and len(text) > rule.item_max:
                self.d.error(
                    self.line(key, index),
                    "length",
                    f"{key}（{label}）第 {index + 1} 项有 {len(text)} 个字，最多 {rule.item_max} 个字。",
                    "每项写一个词或一个短语。",
                )
            result.append(text)
        return result

    def _terms(self, key: str, vocab: Vocabulary, *, lo: int, hi: int, required: bool) -> list[Term]:
        if self.get(key) is None:
            if required:
                self._missing((key,), vocab.kind)
            return []
        listed = self._list(key, vocab.kind)
        if listed is None:
            return []
        items = self._split_items(key, vocab.kind, listed)
        if not lo <= len(items) <= hi:
            self.d.error(
                self.line(key), "count", f"{key}（{vocab.kind}）写了 {len(items)} 项，应为 {lo}–{hi} 项。", f"可选：{vocab.choices()}。"
            )
        terms = []
        for index, item in items:
            term = self._term(yaml_text(item), vocab, (key, index))
            if term is None:
                continue
            if term in terms:
                self.d.error(self.line(key, index), "duplicate-term", f"{key}（{vocab.kind}）“{term.label}”重复了。", "删掉重复的一项。")
                continue
            terms.append(term)
        return terms

    def _term(self, value: str, vocab: Vocabulary, path: tuple) -> Term | None:
        term = vocab.lookup(value)
        if term is not None:
            return term
        name = ".".join(str(p) for p in path if isinstance(p, str))
        elsewhere = self._other_vocabulary(value, vocab)
        if elsewhere is not None:
            hint = f"“{shorten(value)}”是{elsewhere.kind}，不是{vocab.kind}。"
        else:
            guess = vocab.suggest(value)
            hint = f"是不是“{guess}”？" if guess else ""
        self.d.error(
            self.line(*path),
            f"unknown-{name.split('.')[-1]}",
            f"{name}（{vocab.kind}）“{shorten(value)}”不在可选范围内。{hint}",
            f"可选：{vocab.choices()}（也可写完整名称或英文代码）。",
        )
        return None

    def _other_vocabulary(self, value: str, vocab: Vocabulary) -> Vocabulary | None:
        """The vocabulary a misplaced term belongs to (a brand written as a theme, …)."""
        for other in (self.tax.themes, self.tax.categories, self.tax.brands):
            if other is not vocab and other.lookup(value) is not None:
                return other
        return None

    def _choice(self, path: tuple[str, ...], label: str, choices: tuple[str, ...]) -> str | None:
        value = self.get(*path)
        if value is None:
            return None
        text = yaml_text(value).strip()
        if text in choices:
            return text
        self.d.error(
            self.line(*path), "bad-choice", f"{'.'.join(path)}（{label}）“{shorten(text)}”不是可选值。", f"只能写：{'、'.join(choices)}。"
        )
        return None

    def _count(self, key: str, label: str) -> int | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            text = value.strip() if isinstance(value, str) else ""
            quoted = text.isdigit() and text.isascii()
            wide = not text.isascii() and text.isdecimal()  # ３０: full-width digits from a Chinese input method
            written = self.fm.raw.get((key,), value) if not isinstance(value, (list, dict)) else value
            signed = text[:1] in "+＋" and text[1:].isdecimal()  # ＋5 from a Chinese input method, or "+5" quoted
            if signed:
                said, hint = "（前面多了一个 + 号）。", f"去掉 + 号，写成 {key}: {int(text[1:])}。"
            elif wide:
                said, hint = "（用了全角数字）。", f"请用半角数字，写成 {key}: {int(text)}。"
            elif quoted:
                said, hint = "（加了引号，成了文字）。", f"去掉引号，写成 {key}: {text}。"
            else:
                meant = count_written(text) if text else None  # 约5.2万人次: the number it says
                said = "。"
                hedges = "".join(f"“{word}”" for word in count_hedges(text))  # 3200余人次 is not 3200: said
                kept = f"（{hedges}写不进数字，要保留原话，请写在摘要或正文里）" if hedges else ""
                hint = (
                    f"只写数字，不带单位：{key}: {int(meant)}{kept}。"
                    if meant is not None and meant == int(meant)
                    else f"“{shorten(text)}”没有具体数字：知道大约多少，就写那个数（例如 {key}: {field(key).example}），原话写在摘要或正文里；不知道，就删掉这一行。"
                    if vague_count(text)
                    else f"只写数字，不带单位，例如 {key}: 86。"
                )
            self.d.error(self.line(key), "bad-number", f"{key}（{label}）应是不小于 0 的整数，现在是“{shorten(written)}”{said}", hint)
            return None
        written = str(self.fm.raw.get((key,), value)).strip()
        if written.startswith("+") and _DECIMAL.fullmatch(written[1:]) and value < 10**7:
            # +5 is 5, as written: only the sign goes (a contract audit: "读成 5，和写的不一样" read odd)
            self.d.error(
                self.line(key),
                "bad-number",
                f"{key}（{label}）前面多了一个 + 号：“{shorten(written)}”。",
                f"去掉 + 号，写成 {key}: {value}。",
            )
            return None
        if not _DECIMAL.fullmatch(written):
            # YAML reads 030 as 24 (octal), 0x1F as 31, 1_000 as 1000 and 3836762:41:18 as
            # 13812345678 (base 60): the page would show a number nobody wrote (a security
            # review hid a mobile number so).
            self.d.error(
                self.line(key),
                "bad-number",
                f"{key}（{label}）写成了“{shorten(written)}”，程序会把它读成"
                + (f" {value}" if value < 10**7 else "另一个很大的数")  # not spelled out: it may be a phone number
                + "，和写的不一样。",
                f"只用 0–9 写一个整数，不加前导 0、冒号、下划线或 0x，例如 {key}: {int(written) if written.isdigit() else 86}。",
            )
            return None
        return value
