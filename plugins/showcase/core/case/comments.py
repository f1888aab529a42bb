"""Patterns that read an HTML comment lazily (``<!--.*?-->``), read in linear time.

From a “<!--” that no “-->” closes, such a search runs to the text's end, and a text of
many of them is searched to its end from each one: '<!--' * 20000 (80 KB, a case the
check refuses) held the check for minutes before it said so (a security review).
``commented`` gives the pattern's matches as ``finditer`` does, trying there the pattern
without its comments instead; ``without`` gives the text with them taken out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator


def commented(
    text: str, full: re.Pattern[str], no_comment: re.Pattern[str], starts: re.Pattern[str], *, nul_cuts: bool = True
) -> Iterator[re.Match[str]]:
    """``full.finditer(text)`` in linear time, for a pattern that reads a comment lazily
    (``<!--.*?-->``; with ``nul_cuts``, one that no NUL character may be inside). Where a
    “<!--” has no “-->” after it, ``no_comment`` (``full`` without its comments) is tried
    instead, at each place ``starts`` finds (every place ``full`` can begin); where every
    “<!--” is closed, ``full`` runs as it is."""
    opened = text.rfind("<!--")
    closed = text.rfind("-->")
    cut = nul_cuts and "\x00" in text
    if opened < 0 or (not cut and closed >= opened + 4):
        yield from full.finditer(text)
        return
    closes = [m.start() for m in re.finditer("(?=-->)", text)]
    nuls = [m.start() for m in re.finditer("\x00", text)] if cut else []
    at = 0
    while at < len(text) and (start := starts.search(text, at)) is not None:  # a search past the end is one at it
        p = start.start()
        pattern = full
        if text.startswith("<!--", p):
            index = bisect_left(closes, p + 4)  # the first “-->” after it (“<!---->” is a comment)
            nul = bisect_left(nuls, p + 4)
            if index == len(closes) or (nul < len(nuls) and nuls[nul] < closes[index]):
                pattern = no_comment
        found = pattern.match(text, p)
        if found is None:
            at = p + 1
            continue
        yield found
        at = max(found.end(), p + 1)


def without(text: str, full: re.Pattern[str], no_comment: re.Pattern[str], starts: re.Pattern[str], *, nul_cuts: bool = True) -> str:
    """``full.sub("", text)`` in linear time (``commented``)."""
    parts: list[str] = []
    last = 0
    for match in commented(text, full, no_comment, starts, nul_cuts=nul_cuts):
        parts.append(text[last : match.start()])
        last = match.end()
    parts.append(text[last:])
    return "".join(parts)
