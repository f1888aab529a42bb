"""Traditional Chinese read as Simplified (OpenCC's ``t2s`` conversion).

The site is in Simplified Chinese, and so are the review words, the form's labels and the
taxonomy. Text arrives in Traditional characters now and then: a form an organization ran
through Word's 简繁转换, a paragraph pasted from a Hong Kong or Taiwan source, or a word
someone spells the other way to slip past the review list (鄰里糾紛 for 邻里纠纷). The checks
read such text as Simplified too, and the import turns a form written in Traditional into
Simplified (and says so). OpenCC converts character for character (its phrase tables only
choose between the readings of one character), so a converted text keeps its length and
its line breaks; ``simplified`` checks that and returns None otherwise.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _converter() -> Any:
    import opencc  # imported on first use: most processes never meet Traditional text

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str | None:
    """``text`` in Simplified characters, position for position; None when it has no
    Traditional character (or, never seen, when the conversion changed its length)."""
    if text.isascii():
        return None
    out: str = _converter().convert(text)
    return out if out != text and len(out) == len(text) else None


def changed(text: str, out: str) -> int:
    """How many characters ``simplified`` changed."""
    return sum(1 for a, b in zip(text, out, strict=True) if a != b)
