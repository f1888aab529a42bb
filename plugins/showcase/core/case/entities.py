"""HTML character references decoded as a browser decodes them, for any input.

``html.unescape`` turns a reference into an int: one with thousands of digits
(``&#`` and 150,000 ones, or as many leading zeros) raised Python's ValueError for
long integer strings, a traceback for a case a review wrote. A reference past the last
code point is U+FFFD, as the HTML standard says; leading zeros count for nothing.
"""

from __future__ import annotations

import html
import re

_ZEROS = re.compile(r"&#([xX]?)0+(?=[0-9a-fA-F])")
# the digits of a reference past U+10FFFF (seven hex or eight decimal digits, leading zeros aside);
# bounds.py refuses a body with one, as Python-Markdown cannot convert the longest
PAST_UNICODE = "[xX]0*[1-9a-fA-F][0-9a-fA-F]{6,}|0*[1-9][0-9]{7,}"
_PAST_UNICODE = re.compile(f"&#(?:{PAST_UNICODE});?")


def unescape(text: str) -> str:
    """``html.unescape`` without its limit: the same text for every reference it can read."""
    if "&#" in text:
        text = _PAST_UNICODE.sub("\ufffd", _ZEROS.sub(r"&#\1", text))
    return html.unescape(text)
