"""Labelled lines of a write-up's text (联系人：…, 组织名称：…) read as fields, and the
clauses inside a paragraph that give a contact, taken out of it."""

from __future__ import annotations

import re
from collections import Counter

from ...case.pii import (
    contact_named,
    find_contacts,
)
from ...collection.taxonomy import Taxonomy
from ...han import HAN, is_han
from ...outputs.form import rows
from .address import PLACE, split_place
from .formtable import CONTACT_LABELS, SYNONYMS, cell_label, contact_label
from .markdown import (
    Block,
    inline,
)

# “联系人：…”, also spaced out as “联 系 人：…”
_LABELLED = re.compile(rf"^\s*(?P<label>[{HAN}（）()](?:[ \t\u3000]*[{HAN}（）()]){{1,7}})\s*[：:]\s*(?P<value>.*)$")


# a short paragraph naming the contact without a colon: “联系人王小明，电话见附件。”; one naming
# who leads the work with a phone number after the name (负责人 王小明 13800001111: a review's
# stayed in the draft, its number masked, the name whole)
_CONTACT_LINE = re.compile(
    rf"^\s*(?:(?P<label>联系人|联络人)\s*(?P<value>[{HAN}]{{2,4}}(?:[，,。；;\s].{{0,30}})?)"
    rf"|(?P<lead>负责人|队长|会长|组长|站长)\s+(?P<person>[{HAN}]{{2,4}}[，,\s]+(?:电话|手机|联系电话)?[：:\s]*1\d{{10}}[。\s]*))$"
)


def take_labelled(items: list[Block], taxonomy: Taxonomy, form: bool) -> tuple[list[Block], dict[str, str]]:
    """“联系人：…” lines anywhere (never kept in the body); in a free-form file, also
    “组织名称：…”-style lines before the first heading, read as fields; a “地址：…” line
    only when it names a place (“地址：社区党群服务中心三楼” is the story's)."""
    labels = {row.label for row in rows()}
    kept: list[Block] = []
    found: dict[str, str] = {}
    heading_seen = False
    for index, block in enumerate(items):
        if block.kind == "heading" and index > 0:
            heading_seen = True
        if block.kind == "para":
            parts = _split_labelled(block.plain)
            if not parts and (line := _CONTACT_LINE.match(block.plain)):
                # the report says 联系人：王小明, not 联系人 联系人 王小明
                parts = [(line["label"], line["value"].strip())] if line["label"] else [("联系人", line["person"].strip())]
            contact = parts and all(contact_label(label) for label, _ in parts)
            field_lines = (
                parts
                and not form
                and not heading_seen
                and all(_known(label, labels) for label, _ in parts)
                and all(split_place(value, taxonomy) for label, value in parts if SYNONYMS.get(label) == PLACE)
                # a second value of a field read already is the story's (a second 项目名称): it stays
                and all(found.get(SYNONYMS.get(label) or label, value) == value for label, value in parts if not contact_label(label))
            )
            if not (contact or field_lines) and (clauses := _contact_clauses(block)):
                parts, contact = clauses, True
                if block.plain.strip():
                    kept.append(block)  # the story around it stays
            if contact or field_lines:
                for label, value in parts:
                    key = contact_label(label) or SYNONYMS.get(label) or label
                    if key in CONTACT_LABELS.values() and key in found and value not in found[key].split("；"):
                        found[key] += "；" + value  # each contact reaches the report, once
                    else:
                        found.setdefault(key, value)
                continue
        kept.append(block)
    return kept, found


_CLAUSE_END = "。！？"  # not ASCII ? and !: an address's ?id=1 ended a clause (a code review)


_CLAUSE_JOIN = "，,、；;：: \t\u3000*_"


_OPEN, _CLOSE = "（(", "）)"


def _next_of(text: str, chars: str) -> list[int]:
    """For each position of ``text``, the position of the next of ``chars`` at or after it (len(text): none)."""
    nexts = [len(text)] * (len(text) + 1)
    following = len(text)
    for index in range(len(text) - 1, -1, -1):
        if text[index] in chars:
            following = index
        nexts[index] = following
    return nexts


def _unbracketed(value: str) -> str:
    """A contact's value without a closing bracket it does not open (王芳 13900001111）: the
    clause ran to the sentence's end, past a bracket opened before the label; a helper's trial)."""
    for close, opening in (("）", "（"), (")", "(")):
        excess = value.count(close) - value.count(opening)  # counted once: one pass however long the value
        while excess > 0 and value.endswith(close):
            value, excess = value[:-1].rstrip(), excess - 1
    return value


def without_contacts(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` without each clause that gives a contact inside a paragraph (欢迎报名，联系人：张丽，
    电话……。; （联系人：王芳）; 项目联系人：…), from its label to the sentence's end (or to
    the bracket closing within it), and those (label, what followed). One pass over the labels
    the check finds: a paragraph of thousands of them took minutes when each cut searched the
    whole text again (a code review)."""
    taken: list[tuple[str, str]] = []
    kept: list[str] = []
    pos = 0  # text before it is decided
    tail = ""  # the last character kept so far
    found = find_contacts(text)
    if not found:
        return text, taken
    # where the sentence (and a bracket) ends after each character: looked up, not searched
    # again for each label (（联系人：张）×16,000 without a 。 took 212 s)
    sentence_end, bracket_end = _next_of(text, _CLAUSE_END + "\n"), _next_of(text, _CLOSE)
    for match in found:
        if match.start() < pos:
            continue  # inside a clause already left out
        start, end = match.start(), match.end()
        while start > pos and is_han(text[start - 1]):  # 项目联系人: the word it ends
            start -= 1
        stop = sentence_end[end]
        joined = start
        while joined > pos and text[joined - 1] in _CLAUSE_JOIN:
            joined -= 1
        before = text[joined - 1] if joined > pos else tail
        if before in _OPEN and joined > pos:  # （联系人：王芳）: the brackets go with it, when they close in the sentence
            close = bracket_end[end] if bracket_end[end] < stop else -1
            taken.append((match["label"], text[end : close if close >= 0 else stop].strip(" *_")))
            kept.append(text[pos : joined - 1])
            pos = close + 1 if close >= 0 else stop
        elif not before or before in _CLAUSE_END or before == "\n":  # the whole sentence was the contact
            taken.append((match["label"], _unbracketed(text[end:stop].strip(" *_"))))
            kept.append(text[pos:start])
            pos = stop + 1 if stop < len(text) and text[stop] in _CLAUSE_END else stop
            while pos < len(text) and text[pos] in " \t\u3000":
                pos += 1
        else:  # 欢迎报名，联系人：…。 → 欢迎报名。
            taken.append((match["label"], _unbracketed(text[end:stop].strip(" *_"))))
            kept.append(text[pos:joined])
            pos = stop
        tail = kept[-1][-1] if kept[-1] else tail
    kept.append(text[pos:])
    return "".join(kept), taken


def _contact_clauses(block: Block) -> list[tuple[str, str]]:
    """Takes the contact clauses out of a paragraph; what they said, and the name of each
    person it sends the reader to without a label (报名请联系王小明，电话…: an editor's trial
    found it kept, the check only reminding, and 王小明 published; and the report named the
    WeChat ID as the 联系人): the name is the contact's, which the import hides wherever the
    material writes it, as it hides the form's. Cut from the paragraph's Markdown when the
    same clauses go and no mark goes with them (an organization's trial: **三是线上线下结合。**
    lost its bold with 联系人：张丽，… after it); else from its plain text, written again as
    Markdown: a cut through **bold** or a link left half of its marks on the page (a code
    review), so such a paragraph loses its formatting."""
    named = list(dict.fromkeys(("联系人", name) for _, name in contact_named(block.plain)))
    if not find_contacts(block.plain):
        return named
    block.plain, taken = without_contacts(block.plain)
    marked, taken_marked = without_contacts(block.text)
    cut = Counter(block.text) - Counter(marked)
    # and keeps no link: an address beside the contact (mailto:, a phone's) stayed (a review)
    whole = taken_marked == taken and not any(mark in cut for mark in _MARKS) and "](" not in marked
    block.text = marked if whole else inline(block.plain)
    return taken + named


_MARKS = "*_[]()`\\<>!#"  # Markdown's marks: a cut that takes one may leave its pair alone


def _known(label: str, labels: set[str]) -> bool:
    return label in labels or label in SYNONYMS or contact_label(label) is not None


def _split_labelled(text: str) -> list[tuple[str, str]]:
    """“联系人：张三 联系电话：138…” → [(联系人, 张三), (联系电话, 138…)]; [] if not such a line."""
    pieces = re.split(rf"\s+(?=[{HAN}]{{2,6}}\s*[：:])", text.strip())
    parts = []
    for piece in pieces:
        match = _LABELLED.match(piece)
        if not match or not match.group("value").strip():
            return []
        parts.append((cell_label(match.group("label")), match.group("value").strip()))
    return parts
