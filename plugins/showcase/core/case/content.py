"""Content rules over the whole file text: review words (personal numbers: ``pii``)."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import typedtext
from ..diagnostics import DiagnosticList, as_message
from ..errors import ConfigError
from ..simplified import mostly_traditional, simplified, traditional_at
from . import pii
from .pii import WORD_GAP, WORD_SPACE, Shown, is_resident_id
from .source import LineEnds, editor_lines
from .yamlnodes import Located, shorten

__all__ = ["ReviewListError", "ReviewWords", "is_resident_id", "load_review_words", "scan"]


class ReviewListError(ConfigError):
    """The review word list cannot be read; the message names the file."""


@dataclass(frozen=True)
class ReviewWords:
    words: tuple[str, ...]

    @property
    def pattern(self) -> Words | None:
        return _compile(self.words)


_WHITE = re.compile(f"[{WORD_SPACE}\n]+")  # the gaps WORD_GAP lets a word have, left out of the word a message quotes


@cache
def _compile(words: tuple[str, ...]) -> Words | None:
    if not words:
        return None
    # A word the list spells in Traditional characters is found in Simplified text too
    # (``scan`` reads Traditional text as Simplified as well).
    forms = dict.fromkeys(form for word in words for form in (word, simplified(word)) if form)
    order = {form: rank for rank, form in enumerate(sorted(forms, key=len, reverse=True))}  # the flat alternation's
    plain = [form for form in forms if not _WHITE.search(form)]
    spaced = [form for form in order if _WHITE.search(form)]
    trie: _Trie = {}
    for form in plain:
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[_END] = {}
    return Words(
        re.compile(_alternatives(trie)) if trie else None,
        re.compile("|".join(f"({WORD_GAP.join(map(re.escape, form))})" for form in spaced)) if spaced else None,
        tuple(spaced),
        order,
    )


@dataclass(frozen=True)
class Words:
    """The list compiled: where its words are in a text, as the flat alternation of the
    words (each with ``WORD_GAP`` between its characters, longest first) finds them: at
    the first place a word is, the longest word there, then on after it.

    The words are matched on a view of the text with the gaps taken out (``_View``), not
    with a gap pattern between every two characters: reading that pattern was most of the
    time Python's compiler took (10,000 words: 3.4 s, now 0.17 s; 5,000 words of 100
    characters: minutes, now 4 s; ``scripts/bench_review_words.py``). A word between the characters of which the text has spaces or one line
    end is whole in the view; where a gap has two line ends (a blank line), the view keeps
    one: no word matches across it. A word with a gap character of its own (``spaced``: a
    phrase with a space, which must be in the text) is matched as before, on the text,
    and the two are merged as the alternation would: the earlier place, then the longer
    word (``order``)."""

    plain: re.Pattern[str] | None  # the other words, as a trie, on the view
    spaced: re.Pattern[str] | None  # a group each
    spaced_forms: tuple[str, ...]
    order: dict[str, int]

    def spans(self, text: str) -> list[tuple[int, int]]:
        view = _View(text)
        if self.spaced is None:
            assert self.plain is not None
            return [view.span(*match.span()) for match in self.plain.finditer(view.text)]
        found: list[tuple[int, int]] = []
        none = (len(text) + 1, 0, 0)
        plain = spaced = (-1, 0, 0)  # (start, rank, end): the next word of each kind
        at = 0
        while True:
            if plain[0] < at:
                match = self.plain.search(view.text, view.index(at)) if self.plain else None
                if match is None:
                    plain = none
                else:
                    begin, end = view.span(*match.span())
                    plain = (begin, self.order[match.group()], end)
            if spaced[0] < at:
                match = self.spaced.search(text, at)
                if match is None:
                    spaced = none
                else:
                    assert match.lastindex is not None  # the word's group
                    spaced = (match.start(), self.order[self.spaced_forms[match.lastindex - 1]], match.end())
            start, _, end = min(plain, spaced)
            if start > len(text):
                return found
            found.append((start, end))
            at = end

    def search(self, text: str) -> bool:
        return bool(self.spans(text))


class _View:
    """``text`` without the gaps a word may have between its characters: its spaces, and
    a line end where it has one; where it has two or more (a blank line) one line end stays,
    a character no word in the view has. ``starts`` and ``offsets``: where each run of the
    text's characters begins, in the view and in the text."""

    def __init__(self, text: str) -> None:
        pieces, self.starts, self.offsets = [], [0], [0]
        at = size = 0
        for gap in _WHITE.finditer(text):
            piece = text[at : gap.start()] + ("\n" if gap.group().count("\n") > 1 else "")
            pieces.append(piece)
            size += len(piece)
            at = gap.end()
            self.starts.append(size)
            self.offsets.append(at)
        pieces.append(text[at:])
        self.text = "".join(pieces)

    def span(self, begin: int, end: int) -> tuple[int, int]:
        """Of characters of the view (none the barrier): from the first to the last in the text."""
        return self._back(begin), self._back(end - 1) + 1

    def _back(self, index: int) -> int:
        run = bisect_right(self.starts, index) - 1
        return self.offsets[run] + index - self.starts[run]

    def index(self, offset: int) -> int:
        """The first character of the view at or after ``offset`` in the text."""
        run = bisect_right(self.offsets, offset) - 1
        within = offset - self.offsets[run]
        return self.starts[run] + (within if run + 1 == len(self.starts) else min(within, self.starts[run + 1] - self.starts[run]))


# The words as a trie written as a pattern: 社区 and 社会 are 社(?:区|会). A flat
# alternation of the words made the engine try every word at every character of a case;
# from a trie's branches only those continuing at a character are tried, and where a node
# has many (the first characters of a large list) they are in buckets behind a look at the
# next character. 10,000 words: 334 ms for a 3,000-character case before, 3.4 ms now
# (``scripts/bench_review_words.py``). It finds what the flat alternation, longest word
# first, found: at each place the longest word (a longer branch is tried first, greedily,
# and the end of a shorter word is taken only when it fails; no two branches of a node
# begin with the same character).
_Trie = dict[str, "_Trie"]
_END = ""  # no character of a word is empty


def _branch(char: str, child: _Trie) -> str:
    """The pattern from ``char`` on. Where only one way goes on (the rest of a word no other
    word shares), its characters are one flat run, not a group in a group."""
    run = [re.escape(char)]
    while len(child) == 1 and _END not in child:
        ((char, child),) = child.items()
        run.append(re.escape(char))
    head = "".join(run)
    if child.keys() == {_END}:
        return head
    optional = "?" if _END in child else ""
    return f"{head}(?:{_alternatives(child)}){optional}"


def _alternatives(node: _Trie) -> str:
    branches = [_branch(char, child) for char, child in node.items() if char != _END]
    if len(branches) <= _BUCKET:
        return "|".join(branches)
    # Many branches: tried one by one at every character of a case. In buckets of about
    # their square root, the engine tries each bucket's class, then one bucket's branches.
    size = max(_BUCKET, math.isqrt(len(branches)) + 1)
    chars = [char for char in node if char != _END]
    buckets = []
    for at in range(0, len(branches), size):
        first = "".join(re.escape(char) for char in chars[at : at + size])
        buckets.append(f"(?=[{first}])(?:{'|'.join(branches[at : at + size])})")
    return "|".join(buckets)


_BUCKET = 64  # fewer: one alternation (a bucket's look costs more than it saves)


# A line that lists words instead of being one: a phrase with a comma or a list's mark
# matches no case, so the words on it were silently off (a maintainer's trial wrote
# "私伙局、粤曲" and "- 私伙局", and the case with 私伙局 passed).
# A full-width comma stays part of a phrase (内部资料，请勿外传 is one, a review), the marks
# of a list do not: 、 ; , and a list's bullet or number ("- ", "－ ", "1. ", "2）", "(3)").
# A hyphen right before a digit is a minus sign, part of the word: -5度 was refused as a list.
# A line that is a list's item (- 赌博, 1. 赌博, (3) 邪教) or lists several words (甲、乙；丙), each said as it is
_LISTED = re.compile(r"^(?:[*•·—]\s*|[-－](?![0-9０-９])\s*|\d{1,3}(?:[.．](?!\d)|[、）)])\s*|[(（]\d{1,3}[)）]\s*)\S")
_SEVERAL = re.compile(r"[、；;,]")
LONGEST_WORD = 100
_NOTE = re.compile(r"\s[#＃]")  # "私伙局  # 2025 年新增": a note after the word


def load_review_words(path: Path | None) -> ReviewWords:
    """One word or phrase a line; blank lines, lines starting with # and a note after a
    word (`` # …``) are ignored. The list is read in whichever encoding Notepad saved it
    (``typedtext``). A line listing several words is refused, naming its line."""
    if path is None:
        return ReviewWords(())
    try:
        text = typedtext.read_typed_text(path)  # as Notepad saved it (GBK on Chinese Windows too), as an ids file
    except (OSError, UnicodeDecodeError) as exc:
        raise ReviewListError(f"{path}: 无法读取审核词表（{typedtext.describe(exc)}）") from None
    words = []
    diags = DiagnosticList(path)  # every line said at once, as a taxonomy's are (it stopped at the first)
    for number, line in enumerate(editor_lines(text), 1):
        word = _NOTE.split(line, maxsplit=1)[0].strip()
        if not word or word.startswith("#"):
            continue
        if len(word) > LONGEST_WORD:  # a paragraph pasted in: a pattern that took minutes to compile (hostile input)
            diags.error(
                number,
                "site-review-words",
                f"审核词表这一行有 {len(word)} 个字，不像一个词或短语（最多 {LONGEST_WORD} 个字）。请一行只写一个词或短语。",
            )
        elif _LISTED.search(word):  # said apart from several words: "- 赌博" read 像是写了好几个词
            diags.error(
                number,
                "site-review-words",
                f"审核词表这一行“{shorten(word)}”前面有“- ”“1.”这样的列表记号：整行连同记号会被当成一个词，在案例里查不出来。"
                "请删掉记号，只写词或短语（以负号开头的词照常写，负号后面紧跟数字，例如 -5度）。",
            )
        elif _SEVERAL.search(word):
            diags.error(
                number,
                "site-review-words",
                f"审核词表这一行“{shorten(word)}”写了好几个词（用顿号、分号或英文逗号隔开）：整行会被当成一个词，里面的词都查不出来。"
                "请拆开，一行只写一个词或短语。",
            )
        else:
            words.append(word)
    if diags.items:
        raise ReviewListError(as_message(diags.items))
    review = ReviewWords(tuple(dict.fromkeys(words)))
    review.pattern  # noqa: B018 - compiled here, once: forked workers that check the cases share it (10,000 words: 4 s)
    return review


def scan(text: str, diags: DiagnosticList, review: ReviewWords, shown: Iterable[Shown] = (), wording: pii.Wording = pii.CASE_WORDS) -> None:
    """Report review words, each with its line, in the file as written and in what readers
    see of it (``shown``: a word cut by a tag, an entity, emphasis, an invisible character
    or a YAML escape is whole on the page). Personal numbers: ``pii.NumberScan``."""
    pattern = review.pattern
    if pattern is None:
        return
    # (line, word) in the order found, one message each, with the word as written; the word
    # without the gaps it was written with, in Simplified characters.
    found: dict[tuple[int, str], str] = {}
    ends = LineEnds(text)
    for begin, end in _matches(pattern, text):
        written = _WHITE.sub("", text[begin:end])
        found.setdefault((ends.before(begin) + 1, _listed(written)), written)
    for part in shown:
        for begin, end in _matches(pattern, part.text):
            written = _WHITE.sub("", part.text[begin:end])
            line, word = part.line(begin), _listed(written)
            if not any((line + more, word) in found for more in range(part.span + 1)):  # found already
                found[(line, word)] = written
    for (line, word), written in found.items():
        spelled = f"（写作“{written}”）" if written != word else ""
        diags.error(
            line,
            "review-word",
            f"{wording.here}有审核词表中的词“{word}”{spelled}。",
            "请修改或删除这个词；如认为是误报，请联系审核编辑。",
        )


def _matches(pattern: Words, text: str) -> list[tuple[int, int]]:
    """Where review words are in ``text``: as written, and where it has Traditional
    characters (鄰里糾紛) also read as Simplified, position for position (core/simplified.py).
    A word only the Simplified reading finds must cover a Traditional character (沈默 is no
    沉默: Simplified text uses 沈 too); of two words found in one place, the longer counts."""
    found = pattern.spans(text)
    converted = simplified(text)
    if converted is None:
        return found
    marked = set(traditional_at(text, converted))
    found += [span for span in pattern.spans(converted) if not marked.isdisjoint(range(*span))]
    spans = set(found)
    return [s for s in dict.fromkeys(found) if not any(o[0] <= s[0] and s[1] <= o[1] and o[1] - o[0] > s[1] - s[0] for o in spans)]


def _listed(written: str) -> str:
    """A word as found, as a message names it: in Simplified characters when it was
    written in Traditional ones."""
    converted = simplified(written)
    return converted if converted is not None and traditional_at(written, converted) else written


def traditional_text(text: str, diags: DiagnosticList) -> None:
    """A warning for a file written mostly in Traditional characters: the site is in
    Simplified. The rule of the import's conversion (``simplified.mostly_traditional``):
    a name or a quotation in Traditional is no reason to write."""
    converted = simplified(text)
    if converted is None:
        return
    marked = traditional_at(text, converted)
    if mostly_traditional(text, len(marked)):
        diags.warning(
            text.count("\n", 0, marked[0]) + 1,
            "traditional-text",
            f"这个案例里有 {len(marked)} 个繁体字，本站用简体字。",
            "请转为简体字：在 Word 或 WPS 里全选，用“审阅 → 繁转简”，再粘贴回来；转换后请核对人名、地名。",
        )


def screen(
    text: str,
    located: Located | None,
    diags: DiagnosticList,
    review: ReviewWords,
    *,
    allow_personal_numbers: bool,
    publishing: bool = True,
    body: str | None = None,
    body_line: int = 0,
    names: Iterable[tuple[str, int]] = (),
    photos: Iterable[tuple[str, int, str]] = (),
    wording: pii.Wording = pii.CASE_WORDS,
) -> None:
    """Personal numbers, contact labels and review words in a published file, as written and
    as readers will see it: a case (its front matter ``located``, its ``body``, the
    ``names`` in its folder and the words of its ``photos``' metadata), or another data file
    whose values are published (collections.yml: a review found a contact, a number and a
    review word published from a collection's introduction). ``publishing``: the text is sent
    to review or published, not a draft or a withdrawn case, so a starred number is an error
    (not ``Status.is_public``, which is published or withdrawn: a case that has had an address).
    ``wording``: whose words they are, as the messages say (``pii.SITE_WORDS``: the site's own)."""
    names, photos = list(names), list(photos)  # read by the number scan and again for addresses
    numbers = None
    if not allow_personal_numbers:
        numbers = pii.NumberScan(diags, wording)
        numbers.source(text, body_start=len(text) - len(body) if body is not None else len(text))
        if body is not None:
            numbers.body(body, body_line)
        if located is not None:
            numbers.values(located, located.text)
            numbers.together(located)
        numbers.names(names)
        numbers.photos(photos)
    if review.words or not allow_personal_numbers:
        shown = pii.shown(body, body_line, located, numbers.body_view if numbers else None, review.pattern)
        if not allow_personal_numbers:
            tables = pii.contact_tables(body, diags, body_line) if body is not None else set()
            said = pii.contact_lines(text, diags, shown=shown, tables=tables, wording=wording)
            pii.contact_sentences(text, diags, shown=shown, said=said, wording=wording)
            pii.contact_names(text, diags, shown=shown, wording=wording)
            pii.masked_numbers(text, diags, publishing=publishing, wording=wording)
            pii.email_addresses(text, diags, names=names, photos=photos, wording=wording)
        scan(text, diags, review, shown=shown, wording=wording)
