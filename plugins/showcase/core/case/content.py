"""Content rules over the whole file text: personal numbers and review words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..diagnostics import DiagnosticList
from ..errors import ConfigError

_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[0-9Xx])(?![0-9A-Za-z])")
_SEP = r"(?:-|[^\S\n])?"  # inside a mobile number: a hyphen or a space, never a line end
_MOBILE = re.compile(rf"(?<![0-9])(?:\+?86{_SEP})?1[3-9]\d{_SEP}\d{{4}}{_SEP}\d{{4}}(?![0-9])")
# a cheap first look: both kinds of number need eleven or more digits and separators in a row
_CANDIDATE = re.compile(r"[0-9][0-9\s-]{9,}[0-9Xx]")
_FULLWIDTH_DIGIT = re.compile("[０-９Ｘｘ＋－]")
_TO_ASCII_DIGITS = str.maketrans("０１２３４５６７８９Ｘｘ＋－", "0123456789Xx+-")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def is_resident_id(number: str) -> bool:
    """True for an 18-character mainland resident ID number with a valid check digit."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


class ReviewListError(ConfigError):
    """The review word list cannot be read; the message names the file."""


@dataclass(frozen=True)
class ReviewWords:
    words: tuple[str, ...]

    @property
    def pattern(self) -> re.Pattern[str] | None:
        return _compile(self.words)


@cache
def _compile(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    ordered = sorted(words, key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in ordered))


def load_review_words(path: Path | None) -> ReviewWords:
    """One word a line; blank lines and lines starting with # are ignored."""
    if path is None:
        return ReviewWords(())
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewListError(f"{path}: 无法读取审核词表（{exc}）") from None
    words = [line.strip() for line in text.splitlines()]
    return ReviewWords(tuple(dict.fromkeys(w for w in words if w and not w.startswith("#"))))


def scan(text: str, diags: DiagnosticList, review: ReviewWords, *, allow_numbers: bool) -> None:
    """Report personal numbers and review words, each with its line.

    The patterns run over the whole text at once (most files have no match at all);
    a line number is computed only for a match.
    """
    if _FULLWIDTH_DIGIT.search(text):  # １３８… typed with a Chinese input method; same length, same offsets
        text = text.translate(_TO_ASCII_DIGITS)

    def line_of(offset: int) -> int:
        return text.count("\n", 0, offset) + 1

    if not allow_numbers and _CANDIDATE.search(text):
        for match in _ID_NUMBER.finditer(text):
            if is_resident_id(match.group(1)):
                masked = match.group(1)[:6] + "********" + match.group(1)[-4:]
                diags.error(
                    line_of(match.start()),
                    "id-number",
                    f"这一行有居民身份证号码（{masked}），不能公开发布。",
                    "删掉身份证号码；需要说明身份时写“张女士”“志愿者小李”等即可。",
                )
        for match in _MOBILE.finditer(text):
            digits = re.sub(r"\D", "", match.group(0))[-11:]
            diags.error(
                line_of(match.start()),
                "mobile-number",
                f"这一行有手机号码（{digits[:3]}****{digits[-4:]}），不能公开发布。",
                "删掉手机号码；需要留联系方式时写单位的办公电话或公众号。",
            )
    pattern = review.pattern
    if pattern is not None:
        reported: set[tuple[int, str]] = set()
        for match in pattern.finditer(text):
            key = (line_of(match.start()), match.group(0))
            if key in reported:
                continue
            reported.add(key)
            diags.error(
                key[0],
                "review-word",
                f"这一行有审核词表中的词“{key[1]}”。",
                "请修改或删除这个词；如认为是误报，请联系审核编辑。",
            )
