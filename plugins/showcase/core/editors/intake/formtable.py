"""The form's table read from word/document.xml: its rows' labels as the form's (also written
another way, or an organization's own form), their values, what was typed beside the label,
and the table's second half on the next page."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from ...case.pii import (
    is_contact_label,
    is_office_phone_label,
    is_reach_label,
)
from ...outputs.form import rows, squash
from ...packaged import read_packaged
from .address import PLACE
from .markdown import Block
from .ooxml import _W, MC_FALLBACK
from .wordtext import paragraph_text

# The form's rows labelled other ways, its contact rows: data/form-labels.yml
_LABELS = read_packaged("form-labels.yml")


CONTACT_LABELS: dict[str, str] = _LABELS["contact_labels"]


_CONTACT_WORDS = re.compile(r"联系人|联络人|负责人|填表人|电话|手机|联系方式")


def contact_label(label: str) -> str | None:
    """联系人 or 联系电话 for a label that names a contact, also one written another way
    (“联系人及电话”, “项目负责人手机”); None for any other label."""
    if label in CONTACT_LABELS:
        return CONTACT_LABELS[label]
    if is_office_phone_label(label):
        return None  # the organization's own phone: the guide asks for it in the story (a trial)
    # the check's labels too (联络员, 微信号, QQ号: data/personal-numbers.yml): a paragraph's
    # clause the draft left out under one of them was missing from the report (a probe)
    if not _CONTACT_WORDS.search(label) and not is_contact_label(label):
        return None
    # a way to reach someone (个人微信, QQ号) is no person: the report named a WeChat ID the 联系人,
    # and the import looks for the contact's name among the 联系人 values (an editor's trial)
    if is_reach_label(label):
        return "联系电话"
    return "联系电话" if re.search(r"电话|手机|联系方式", label) and not re.search(r"人", label) else "联系人"


SYNONYMS: dict[str, str] = {**_LABELS["synonyms"], **dict.fromkeys(_LABELS["place"], PLACE)}


# Rows of a table labelled as the form's or as the import reads them that make it an
# organization's own form (read_table, _reads_as_form): fewer are a write-up's table of its story
OWN_FORM_ROWS = 5


# Labels read as the form's only in a table's rows (活动名称 names one activity in a write-up's text)
TABLE_SYNONYMS: dict[str, str] = _LABELS["table_synonyms"]


def cell_label(text: str) -> str:
    """A label cell's first line as written: without spaces, colons, asterisks, 必填 marks."""
    text = squash(text).replace("(", "（").replace(")", "）")
    text = re.sub(r"[*＊:：]|（必填）|必填", "", text)
    return text


def read_table(root: Any, left: dict[str, str] | None = None, others: list[tuple[str, str]] | None = None) -> dict[str, str] | None:
    """The form's values (label → text) from the first table with at least three rows
    labelled as the form's are, or an organization's own form (``_reads_as_form``). Its rows
    labelled another way the import knows (项目名称, 所在地区, 电话: an organization's own
    form) are read as that row; ``others``, when given,
    gets each filled row with a label the form has no place for (获奖情况), for the report.
    A table right after it whose labelled rows (two at least) are all the form's is its
    continuation (a form broken over two pages, 续表: a worker's trial read only the first
    half, and the second half's 联系人 and 联系电话 went into the draft's text).

    ``left``, when given, gets what each row's left cell holds after its label: the hint,
    and whatever a worker typed there instead of in the value cell.

    Read from the XML itself, not python-docx's ``paragraph.text`` and ``table.rows``, which
    see only what sits directly in a paragraph, row or cell: a helper's trial filled the
    form with 修订 on (every answer inside a tracked insertion), picked the date in a
    date-picker content control and typed a county inside a smart tag, and every row was
    read as 没有填写. ``root``: word/document.xml, parsed (``office.parse_xml``)."""
    labels = {row.label for row in rows()}
    # every table, also one inside a content control or another table (WPS, templates)
    tables = list(root.iter(f"{_W}tbl"))
    for at, table in enumerate(tables):
        typed: dict[str, str] = {}
        found = _form_rows(table, labels, typed, left)
        if not _reads_as_form(found.own, found.read):
            continue
        outer = next(table.iterancestors(f"{_W}tbl"), None)
        for following in tables[at + 1 :]:
            if table in following.iterancestors(f"{_W}tbl"):
                continue  # a table inside one of the form's cells
            more = _form_rows(following, labels, {}, None)
            if next(following.iterancestors(f"{_W}tbl"), None) is not outer or more.own < 2 or more.others:
                break
            _form_rows(following, labels, typed, left)  # the form's second half: read into its values
        if others is not None:
            others.extend(found.unknown)
        return typed
    return None


@dataclass
class _Rows:
    own: int = 0  # rows labelled as the form's are
    read: list[str] = field(default_factory=list)  # the form's label of each row read as one (项目名称: 案例名称)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # filled rows with a label the form has no place for
    others: int = 0  # rows with a label the form does not know, filled or not


def _read_label(written: str, labels: set[str]) -> str:
    """The form's label a table's row label is read as (项目名称: 案例名称, 电话: 联系电话);
    itself when it is none the import knows."""
    return written if written in labels else contact_label(written) or SYNONYMS.get(written) or TABLE_SYNONYMS.get(written, written)


def _reads_as_form(own: int, read: list[str]) -> bool:
    """Whether a table's rows make it the form: three of the form's own labels; or an
    organization's own form, ``OWN_FORM_ROWS`` rows read as the form's among which its
    organization (申报单位) and the case's name (项目名称). An editor's trial's table of eight
    rows with two of the form's labels went whole into the draft, its contact too; a review's
    write-up whose story table had 活动名称, 时间, 地址, 服务对象 and 参与志愿者 is no form."""
    return own >= 3 or (len(read) >= OWN_FORM_ROWS and {"组织名称", "案例名称"} <= set(read))


def _form_rows(table: Any, labels: set[str], typed: dict[str, str], left: dict[str, str] | None) -> _Rows:
    """Read ``table``'s rows labelled as the form's into ``typed`` (a row already filled
    there is kept, a second phone joins the first) and ``left``."""
    found = _Rows()
    for row in _own(table, "tr", "tbl"):
        cells = _own(row, "tc", "tr")
        if not cells:
            continue
        # A row whose two cells were merged holds the label and the answer in one cell
        # (案例摘要：东塘街道…): read as typed on the left (a helper's trial lost the summary,
        # and the report said 没有填写).
        # a line break in a cell (Shift+Enter) is a line of its own, as a new paragraph is
        label_lines = [part for line in _cell_lines(cells[0]) for part in line.split("\n")]
        value_lines = _cell_lines(cells[-1]) if len(cells) > 1 else []
        if not label_lines:
            continue
        written = cell_label(label_lines[0])
        if (
            written not in labels
            and (head := re.split("[:：]", label_lines[0], maxsplit=1)[0]) != label_lines[0]
            and cell_label(head) in labels
        ):
            written = cell_label(head)  # 案例名称：红马甲… typed in the label's cell: the rest is read as typed on the left
        elif written not in labels and (lead := _label_first(written, labels)) and _spaced_after(label_lines[0], lead):
            # 组织名称  阳光… (no colon, a space after the label): the same (a trial's organization was
            # lost); not 服务对象人数, a label of its own that starts with one (a review)
            written = lead
        label = _read_label(written, labels)
        value = "\n".join(value_lines).strip()
        if label not in labels and label != PLACE:
            if written:
                found.others += 1
                # a filled row; or one whose words stand where the form's label was, its own cell
                # empty (an answer typed over the label): both said, never dropped unsaid (a trial)
                if value or not _blank_label(written):
                    found.unknown.append((written if value else "\n".join(label_lines).strip(), value))
            continue
        found.own += written in labels
        found.read.append(label)
        # the label typed again before the answer in its own cell (案例名称：坡子街“银发课堂”…):
        # the title kept the label (a helper's trial)
        again = re.match(r"\s*(?P<label>[^:：\n]{1,12})\s*[:：]\s*", value)
        if again and label != PLACE and cell_label(again["label"]) in (written, label):
            value = value[again.end() :].strip()
        if typed.get(label) and value and label in CONTACT_LABELS.values():
            typed[label] += "；" + value  # 联系电话 and 手机: both reach the report
        elif not typed.get(label):
            typed[label] = value
        if left is not None:
            left[label] = "\n".join([_after_label(label_lines[0], written), *label_lines[1:]]).strip()
    return found


def _label_first(written: str, labels: set[str]) -> str | None:
    """The form's longest label ``written`` (a label cell's squashed first line) starts with
    and goes on after, or None."""
    return max((label for label in labels if written.startswith(label) and len(written) > len(label)), key=len, default=None)


def _spaced_after(line: str, label: str) -> bool:
    """Whether ``line`` writes ``label`` (spaces and asterisks inside it aside) and then a space,
    a full-width space or an asterisk before more."""
    at = _label_end(line, label)
    return at is not None and at < len(line) and (line[at].isspace() or line[at] in "*＊")


def _label_end(line: str, label: str) -> int | None:
    """Where ``label`` ends in ``line``, which starts with it as ``cell_label`` reads it; None if not."""
    at = 0
    for char in label:
        while at < len(line) and line[at] != char and (line[at].isspace() or line[at] in "*＊:：（）()必填"):
            at += 1
        if at >= len(line) or line[at] != char:
            return None
        at += 1
    return at


def _after_label(line: str, label: str) -> str:
    """What ``line`` says after ``label``, which it starts with as ``cell_label`` reads it (spaces,
    colons, asterisks and 必填 between its characters and after them left out)."""
    at = _label_end(line, label)
    if at is None:
        return ""
    rest = line[at:].lstrip(" \t\u3000*＊:：")
    return re.sub(r"^[（(]?必填[）)]?", "", rest).lstrip(" \t\u3000*＊:：")


# An empty row's label cell that is a label of the organization's own (备注, 其他), not words
# typed where a label was: at most this many characters, none of them a digit or punctuation.
_LABEL_LIKE = re.compile(r"[\u4e00-\u9fff（）()/、]{1,6}")


def _blank_label(written: str) -> bool:
    return bool(_LABEL_LIKE.fullmatch(written))


def _own(element: Any, child: str, container: str) -> list[Any]:
    """``element``'s ``child`` elements (w:tr, w:tc, w:p) at any depth whose nearest
    ``container`` is ``element`` itself: a row wrapped in a content control is the table's,
    a row of a table inside a cell is not."""
    return [node for node in element.iter(f"{_W}{child}") if next(node.iterancestors(f"{_W}{container}"), None) is element]


def _cell_lines(cell: Any) -> list[str]:
    """A table cell's paragraphs as text, as Word shows them."""
    lines = []
    for paragraph in _own(cell, "p", "tc"):
        if any(a.tag == MC_FALLBACK for a in paragraph.iterancestors()):
            continue
        lines.append(paragraph_text(paragraph))
    return lines


def reworded(line: str, known: set[str]) -> bool:
    """Whether ``line`` is one of the hints ``known`` as an earlier form worded it: the same
    words but for a few, punctuation aside (填"登记"（在民政部门登记）或"备案"（在街道、乡镇备案）
    of an older form was read as the organization's answer: a trial)."""
    bare = re.sub(r"[\W_]", "", line)
    return len(bare) >= 6 and any(difflib.SequenceMatcher(None, bare, re.sub(r"[\W_]", "", k)).ratio() >= 0.85 for k in known)


# the line Word users type above a table's second half on the next page
CONTINUED = re.compile(r"[（(]?(?:续表|续上表|接上表|表格续|续)[一二三四五六七八九十0-9]*[)）]?[：:。]?")


def _first_cells(block: Block) -> list[str]:
    """The first cell of each row of a table block, as its label reads (``cell_label``)."""
    firsts = [
        cell_label(re.sub(r"[*_`]", "", line.strip().strip("|").split("|")[0]))
        for line in block.text.splitlines()
        if line.strip().startswith("|")
    ]
    return [cell for cell in firsts if cell and not re.fullmatch(r":?-+:?", cell)]


def own_form(block: Block, labels: set[str]) -> bool:
    """A table block ``read_table`` reads as an organization's own form (``_reads_as_form``)."""
    cells = _first_cells(block)
    read = [label for cell in cells if (label := _read_label(cell, labels)) in labels or label == PLACE]
    return _reads_as_form(sum(1 for cell in cells if cell in labels), read)


def second_half(block: Block, labels: set[str]) -> bool:
    """A table whose rows (two at least) each start with one of the form's labels, as
    ``read_table`` reads a form's continuation."""
    if block.kind != "table":
        return False
    known = sorted(labels | set(CONTACT_LABELS) | set(SYNONYMS), key=len, reverse=True)
    firsts = [
        squash(re.sub(r"[*_`]", "", line.strip().strip("|").split("|")[0]))
        for line in block.text.splitlines()
        if line.strip().startswith("|")
    ]
    firsts = [cell for cell in firsts if cell and not re.fullmatch(r":?-+:?", cell)]
    return len(firsts) >= 2 and all(any(cell.startswith(label) for label in known) for cell in firsts)
