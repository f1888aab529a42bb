"""Traditional Chinese read as Simplified (OpenCC's ``t2s`` conversion).

The site is in Simplified Chinese, and so are the review words, the form's labels and the
taxonomy. Text arrives in Traditional characters now and then: a form an organization ran
through Word's 简繁转换, a paragraph pasted from a Hong Kong or Taiwan source, or a word
someone spells the other way to slip past the review list (鄰里糾紛 for 邻里纠纷). The checks
read such text as Simplified too, and the import turns a form written in Traditional into
Simplified (and says so). OpenCC converts character for character (its phrase tables only
choose between the readings of one character), so a converted text keeps its length and
its line breaks; ``simplified`` checks that and returns None otherwise.

Two kinds of change are not taken from OpenCC: a character it would turn into one outside
the Basic Multilingual Plane (二噁英 -> 二𫫇英: most fonts have no such glyph) keeps its
form, and the characters of ``data/simplified-chars.yml``, which Simplified text itself
uses (於 as a surname, 沈, 後), do not count as Traditional (``traditional_at``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

from .han import is_han
from .packaged import read_packaged

_OUTSIDE_BMP = re.compile("[\U00010000-\U0010ffff]")


@cache
def _converter() -> Any:
    import opencc  # imported on first use: most processes never meet Traditional text

    return opencc.OpenCC("t2s")


@cache
def _kept() -> frozenset[str]:
    return frozenset(read_packaged("simplified-chars.yml")["simplified_text_uses"])


@lru_cache(maxsize=16)
def simplified(text: str) -> str | None:
    """``text`` in Simplified characters, position for position; None when nothing in it
    reads otherwise (or, never seen, when the conversion changed its length). The last
    few readings are kept: a case file is read for its review words and then for the
    Traditional-text warning (core/case/content.py)."""
    if text.isascii():
        return None
    out: str = _converter().convert(text)
    # Unchanged (a text in Simplified, nearly every case file): the keeping of a character
    # outside the Basic Multilingual Plane below could change nothing either, and reading
    # every character of a case in Python took a tenth of checking the cases.
    if out == text or len(out) != len(text):
        return None
    if _OUTSIDE_BMP.search(out):
        out = "".join(o if ord(o) <= 0xFFFF or ord(t) > 0xFFFF else t for t, o in zip(text, out, strict=True))
    return out if out != text else None


def traditional_at(text: str, out: str) -> list[int]:
    """The positions where ``text`` has a Traditional character that ``out`` (its
    ``simplified``) changed; characters Simplified text uses too are not counted."""
    kept = _kept()
    return [i for i, (a, b) in enumerate(zip(text, out, strict=True)) if a != b and a not in kept]


def mostly_traditional(text: str, traditional: int) -> bool:
    """Whether ``text``, with ``traditional`` Traditional characters (``traditional_at``), is
    written in Traditional: at least 10 of its Han characters, and one in twenty, are (in a
    Traditional text about one in four are; a Simplified one quoting a name stays far below)."""
    han = sum(1 for ch in text if is_han(ch))
    return traditional >= 10 and traditional * 20 >= han
