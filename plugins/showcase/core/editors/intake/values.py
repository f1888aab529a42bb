"""Form values to front-matter values, through the same parsing as ``showcase new``.

Short and full theme names, 湖南 → 湖南省, 2024年3月5日 → 2024-03-05, “46人” → 46,
full-width separators. A value that cannot be used is not guessed: it becomes a problem
the import report shows (with what was written), and the draft gets a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...case.fields import Field
from ...collection.taxonomy import Taxonomy, Term
from ..newcase import InputError, parse_count, parse_date, parse_term, parse_themes
from .form import Row, rows

_SPLIT = re.compile(r"[,，、;；/／\s]+")
_NONE = {"无", "没有", "暂无", "/", "／", "-", "—", "——", "不填", "空", "无。"}


@dataclass
class Values:
    """What the form gave: front-matter values by path, problems by label, contact for the report."""

    found: dict[tuple[str, ...], Any] = field(default_factory=dict)
    written: dict[tuple[str, ...], str] = field(default_factory=dict)  # as typed, for the report
    problems: dict[str, str] = field(default_factory=dict)  # form label -> why it was not used
    contact: dict[str, str] = field(default_factory=dict)  # 联系人 / 联系电话 -> value
    notes: list[str] = field(default_factory=list)


def _plain(text: str, f: Field) -> str:
    value = " ".join(text.split())
    if "<" in value and re.search(r"<\s*/?\s*[a-zA-Z]", value):
        raise InputError(f"{f.label}只能是纯文字，不能含 < > 包起来的标签。")
    return value


def _words(text: str) -> list[str]:
    return [w.strip().strip("“”\"'") for w in _SPLIT.split(text.translate(str.maketrans("，、；", ",,;"))) if w.strip().strip("“”\"'")]


def _choice(text: str, f: Field) -> str:
    value = text.strip()
    if value in f.choices:
        return value
    hits = [c for c in f.choices if c in value]
    if len(hits) == 1 and not value.startswith(("未", "没", "不")):
        return hits[0]
    if f.key == "area" and ("乡" in value or "村" in value) and "城" not in value:
        return "农村"
    raise InputError(f"{f.label}“{value}”不是可选值，只能写：{'、'.join(f.choices)}。")


def _vocab(taxonomy: Taxonomy, name: str | None):
    return {"themes": taxonomy.themes, "categories": taxonomy.categories, "brands": taxonomy.brands, "provinces": taxonomy.provinces}[
        name or ""
    ]


def parse_value(row: Row, text: str, taxonomy: Taxonomy) -> Any:
    """The front-matter value for ``text`` typed in ``row``; InputError says why not."""
    f = row.field
    if f.kind == "text":
        value = _plain(text, f)
        if not f.lo <= len(value) <= f.hi and row.path is not None:
            raise InputError(f"{f.form or f.label}有 {len(value)} 个字，应为 {f.lo}–{f.hi} 个字。")
        return value
    if f.kind == "terms" and f.vocabulary == "themes":
        return parse_themes(_words(text), taxonomy.themes)
    if f.kind == "terms":
        terms: list[Term] = []
        for word in _words(text):
            term = parse_term(word, _vocab(taxonomy, f.vocabulary))
            if term not in terms:
                terms.append(term)
        return terms
    if f.kind == "term":
        vocab = _vocab(taxonomy, f.vocabulary)
        value = text.strip()
        found: Term | None = vocab.lookup(value)
        if found is None and f.vocabulary == "provinces":  # 湖南 → 湖南省, “湖南省长沙市” → 湖南省
            starts = [t for t in vocab.terms if value.startswith(t.short or t.name)]
            found = starts[0] if len(starts) == 1 else None
        return found or parse_term(value, vocab)
    if f.kind == "choice":
        return _choice(text, f)
    if f.kind == "date":
        return parse_date(text)
    if f.kind == "list":
        return _words(text)
    if f.kind == "count":
        return parse_count(text, f.form or f.label)
    raise InputError(f"{f.label}不能从申报表读入。")  # pragma: no cover - the form has no other kinds


def read_values(typed: dict[str, str], taxonomy: Taxonomy) -> Values:
    """``typed``: form label → text typed in its value cell."""
    values = Values()
    for row in rows():
        text = typed.get(row.label, "").strip()
        if not text or text in _NONE:
            continue
        if row.path is None:
            values.contact[row.label] = " ".join(text.split())
            continue
        values.written[row.path] = text
        try:
            value = parse_value(row, text, taxonomy)
        except InputError as exc:
            values.problems[row.label] = str(exc)
            continue
        if value in ([], ""):
            continue
        values.found[row.path] = value
    start, end = values.found.get(("date",)), values.found.get(("end_date",))
    if isinstance(start, date) and isinstance(end, date) and end < start:
        values.problems["结束时间"] = f"结束时间 {end} 早于开展时间 {start}，没有采用。"
        del values.found[("end_date",)]
    return values
