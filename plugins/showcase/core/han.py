"""Han characters, as every part of the showcase that looks for Chinese text reads them.

The CJK Unified Ideographs and Extension A (U+3400–U+9FFF): every character of
GB 18030's common set, and the rare ones of names (㐀…). Written once here; the checks,
the import and the texts used three different ranges. The search's character pairs
(``outputs/search_pairs.py``) also take the supplementary planes, as Pagefind's own
word breaking does: that range is Pagefind's, not ours.
"""

from __future__ import annotations

import re

HAN = "\u3400-\u9fff"  # inside a regular expression's character class: f"[{HAN}]"
HAN_CHAR = re.compile(f"[{HAN}]")


# ASCII's full-width forms (U+FF01–FF5E), as a Chinese input method types them (：／？％),
# and the table that writes each as its half-width character.
FULL_WIDTH = "\uff01-\uff5e"  # inside a character class, as HAN
HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def has_han(text: str) -> bool:
    return HAN_CHAR.search(text) is not None
