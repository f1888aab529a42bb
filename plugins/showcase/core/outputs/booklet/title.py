"""Where the booklet's titles may break a line, for both formats.

The cover title is cut into lines here; a case's heading and the line under it mark the
stretches a line must not break inside (``unbroken``), which the Word file joins with word
joiners (Word keeps them; LibreOffice breaks Chinese through them) and the PDF wraps in
``white-space: nowrap``.

The cover title in lines that break between words:

Word, LibreOffice and WeasyPrint break Chinese between any two characters, so a long title
was set as “……新时代文明 / 实践案例汇编” (a department's trial). A title longer than a
line is cut here, at the boundaries of the words we know (the words the title was composed
of, the taxonomy's names, provinces and cities, and ``booklet.title_words`` in the texts),
after punctuation or at a space, into lines as even as possible; each format then sets one
line per line. A title that no known boundary cuts into lines that fit is left whole, to
the renderer, as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from itertools import pairwise

# What one line of the cover holds, in the title's type size (em): the Word title (26 pt over
# 15.5 cm) holds 16 Han characters and the PDF's (28 pt over 16 cm) 15; one less, for fonts
# whose characters are a little wider.
LINE_EM = 14.0
# Longer than any title the check lets through (80 characters): not cut here, where the
# search over the cuts grows with the cube of the length (a red team's 3,000 took 26 s).
LONGEST = 200

_AFTER = set("，、：；！？·—・ 　/／")  # a break may follow these
_NEVER_FIRST = set("，。、：；！？）》」』】”’·・…—")  # never at the start of a line
_NEVER_LAST = set("（《「『【“‘")  # never at the end of a line


def em_width(text: str, wide: str = "WF") -> float:
    """The width of ``text`` in em: a Han character or full-width sign 1 (the East Asian widths
    ``wide`` names), others about half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in wide else 0.3 if ch == " " else 0.55 for ch in text)


def running_head(title: str, line_em: float) -> str:
    """The title as a running head of ``line_em`` at most: cut short with … when longer than
    a line (a department's trial: a 58-character title wrapped, its second line 用）alone,
    on every page of the PDF; Word's header likewise)."""
    # — and “” (ambiguous, A) are as wide as a Han character in the fonts used (a trial: ——… wrapped)
    if em_width(title, "WFA") <= line_em:
        return title
    head = ""
    for ch in title:
        if em_width(head + ch, "WFA") > line_em - 1:
            break
        head += ch
    return head.rstrip() + "…"


def _protected(title: str, words: Iterable[str]) -> tuple[list[bool], set[int]]:
    """For each gap between two characters (gap i lies before character i): whether a known
    word spans it, and the gaps at a known word's edge."""
    inside = [False] * (len(title) + 1)
    edges: set[int] = set()
    for word in {w for w in words if len(w) > 1}:
        start = title.find(word)
        while start != -1:
            end = start + len(word)
            if len(word) > 2:  # 参与 begins 参与式, 助力 助力者: a two-character word is kept whole, no edge to cut at (a review)
                edges.update((start, end))
            for gap in range(start + 1, end):
                inside[gap] = True
            start = title.find(word, start + 1)
    # a number with its unit (2026年, 2026年度) is one word
    gap = 1
    while gap < len(title):
        if title[gap - 1].isdigit() and (title[gap].isdigit() or title[gap] in "年度"):
            inside[gap] = True
        gap += 1
    return inside, edges


def title_lines(title: str, words: Iterable[str] = (), line_em: float = LINE_EM) -> list[str]:
    """``title`` as the cover's lines: one line when it fits, else the fewest lines, then
    the most even, cut only where no known word is cut (see the module's docstring)."""
    if em_width(title) <= line_em or len(title) > LONGEST:
        return [title]
    # a word longer than a line is kept whole on none (a collection's title, one word of the
    # booklet's title: every gap of it was protected, the title left to the renderer, which cut
    # it as 参与新 / 时代文明实践: a department's trial); its own words still are
    inside, edges = _protected(title, [word for word in words if em_width(word) <= line_em])
    cuts = [0]
    for gap in range(1, len(title)):
        if inside[gap] or title[gap] in _NEVER_FIRST or title[gap - 1] in _NEVER_LAST:
            continue
        if gap in edges or title[gap - 1] in _AFTER or title[gap] == " ":
            cuts.append(gap)
    cuts.append(len(title))

    def line(start: int, end: int) -> str:
        return title[start:end].strip()

    # fewest lines, then the widest line as narrow as it can be: over the possible cuts
    best: dict[int, tuple[int, float, list[int]]] = {0: (0, 0.0, [0])}
    for index, end in enumerate(cuts[1:], start=1):
        options = []
        for start in cuts[:index]:
            if start not in best:
                continue
            width = em_width(line(start, end))
            if width > line_em:
                continue
            count, widest, path = best[start]
            options.append((count + 1, max(widest, width), [*path, end]))
        if options:
            best[end] = min(options, key=lambda option: (option[0], option[1]))
    if len(title) not in best:
        return [title]
    path = best[len(title)][2]
    return [line(start, end) for start, end in pairwise(path) if line(start, end)]


WORD_JOINER = "\u2060"  # no line break on either side; shows nothing (Word keeps it, LibreOffice not)
_QUOTED = re.compile(r"“[^”]{1,6}”|《[^》]{1,8}》")  # a short quoted name: “第一道防线”
_TAIL = 3  # a heading's last characters, kept together: no line of one or two (……热乎 / 饭)

Span = tuple[int, int]


def heading_spans(title: str) -> list[Span]:
    """Stretches of a case's title a line must not break inside (a reader's trial found
    “……过暑 / 假” and “第一 / 道防线” in both formats): a short quoted name, and its last
    three characters; overlapping ones merged."""
    spans = [match.span() for match in _QUOTED.finditer(title)]
    if len(title) > 2 * _TAIL:
        spans.append((len(title) - _TAIL, len(title)))
    return _merged(spans)


def place_spans(line: str, names: Iterable[str]) -> list[Span]:
    """Each place name at its last place in ``line`` (the line under a heading ends with the
    region; an organization's name before it may hold the same name): “赤 / 峰市” was set."""
    spans = []
    for name in names:
        at = line.rfind(name)
        if len(name) > 1 and at >= 0:
            spans.append((at, at + len(name)))
    return _merged(spans)


# a day (2024-05-09, 2024年5月9日) and a bracketed code or word ([EB/OL], [引用日期])
_CITE_WHOLE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{4}年\d{1,2}月\d{1,2}日|\[[^\]\s]{1,8}\]")


def cite_spans(line: str) -> list[Span]:
    """Stretches of a permalink box's review line or GB/T 7714 entry a line must not break
    inside: a day, as under a title (2024-05- / 09 was printed on the case page), and a
    bracketed part of the entry ([EB/ / OL])."""
    return [match.span() for match in _CITE_WHOLE.finditer(line)]


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def unbroken(text: str, spans: list[Span], whole: Callable[[str], str], rest: Callable[[str], str] = str) -> str:
    """``text`` with each span passed through ``whole`` (joined, or wrapped) and the rest
    through ``rest`` (escaped, for HTML)."""
    out, at = [], 0
    for start, end in spans:
        out += [rest(text[at:start]), whole(text[start:end])]
        at = end
    out.append(rest(text[at:]))
    return "".join(out)
