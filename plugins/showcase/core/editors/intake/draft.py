"""The imported draft's ``index.md``: what the submission gave, and 【请填写】 for the rest.

A required field the submission did not give (or gave in a form we cannot use) is
written the way ``showcase new`` leaves what the editor must still write: with a
【请填写】 marker on its line. Text fields get the marker as their value. A theme,
category, province or date needs a valid value for the draft to be checked and
previewed, so the line holds the first choice and a trailing ``# 【请填写】…`` saying it
is a stand-in: a draft with such a line passes ``showcase check`` with a warning, and
the same line is an error once the status is ``review``, so a stand-in is never
published unnoticed. Contact details are never written here.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Any

from ...cachefile import read_head
from ...case.fields import field
from ...collection.taxonomy import Taxonomy, Term
from ...outputs.form import form_texts, rows
from ..newcase import SUMMARY_PLACEHOLDER
from ..yamltext import yaml_list, yaml_scalar
from .markdown import Block, to_markdown
from .values import Values

TEXT_PLACEHOLDERS = {
    ("title",): "【请填写】案例名称",
    ("summary",): SUMMARY_PLACEHOLDER,
    ("organization", "name"): "【请填写】组织全称",
}


def sections() -> tuple[str, ...]:
    """The form's four headings (data/form.yml), read at first use, not when the module loads."""
    return tuple(name for name, _ in form_texts()["sections"])


def _label(path: tuple[str, ...]) -> str:
    return next((r.label for r in rows() if r.path == path), field(*path).label)


def _remark(values: Values, path: tuple[str, ...]) -> str:
    """What the import guessed of a value it took (a theme within other words, a day the form
    did not give), as a comment on its line the editor deletes once checked: the report is
    gone by the review, and the case page shows the guess."""
    remark = values.remarks.get(path)
    return f"  # {remark.removesuffix('请核对。')}请核对后删掉这条注释。" if remark else ""


def _stand_in(path: tuple[str, ...], value: str, values: Values, choices: str) -> str:
    label = _label(path)
    why = values.problems.get(label)
    said = (
        f"申报材料写的是“{' '.join(values.written[path].split())[:40]}”，{why.rstrip('。')}"
        if why and path in values.written
        else "申报材料里没有"
    )
    # the choices once: a problem quoted above may list them already (“……不在可选范围内。可选：凝心铸魂、……”)
    return (
        f"{value}  # 【请填写】{label}：{said}。这里暂填“{value.strip('[]')}”，请改成实际的"
        + (f"（可选：{choices}）" if choices and choices not in said else "")
        + "，再删掉这条注释。"
    )


SOURCE_MARK = "# 材料指纹（再次导入同一份材料时据此跳过，请保留）："
# The file's mark, then (since a review) the mark of what the import read from it: the same
# form opened and saved again in WPS or LibreOffice is other bytes, and was reported as a
# revised version to compare by hand (an editor's trial). Both are kept: a later version of
# the import may read the same file a little differently, and the file's mark still finds it.
_SOURCE = re.compile(re.escape(SOURCE_MARK) + r"([a-p]{16})(?:，([a-p]{16}))?")
# Hex digits written as letters a–p: a mark of digits could read as a phone number to the
# check (and to the import's own masking of numbers, which runs over the whole draft).
_LETTERS = str.maketrans("0123456789abcdef", "abcdefghijklmnop")


def fingerprint(path: Path) -> str:
    """The SHA-256 of a submitted file, 64 bits of it as 16 letters: names the material, not who sent it."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()[:16].translate(_LETTERS)


def content_fingerprint(parts: list[bytes]) -> str:
    """The same mark for what was read from a file: each part's length before it, so no two
    lists of parts give the same stream."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:16].translate(_LETTERS)


def read_source_marks(case_file: Path) -> tuple[str, ...]:
    """The fingerprints a draft's header names, if it has them (the first lines only)."""
    head = read_head(case_file, 2048)
    found = _SOURCE.search(head.decode("utf-8", errors="replace")) if head is not None else None
    return tuple(mark for mark in found.groups() if mark) if found else ()


def render(
    values: Values,
    *,
    case_id: str,
    title: str,
    taxonomy: Taxonomy,
    cover: str | None,
    body: list[Block],
    today: date,
    source: tuple[str, ...] = (),
) -> str:
    """The draft's text. The source file's name is not written: it may hold a name or a phone
    number; its fingerprint (``source``) is, so that importing it again finds this draft."""
    found = values.found
    lines = [
        "---",
        f"# 由 showcase import 从 Word 申报材料导入（{today.isoformat()}）。带【请填写】的地方要换成案例的内容，",
        "# 填写方法见投稿指南（CONTRIBUTING.md）。联系人和联系电话只在导入报告里，不写进案例。",
        *([SOURCE_MARK + "，".join(source)] if source else []),
        f"id: {case_id}",
    ]

    def text(path: tuple[str, ...], given: str | None = None) -> str:
        value = given if given is not None else found.get(path)
        return yaml_scalar(value) if value else TEXT_PLACEHOLDERS[path]

    lines.append(f"title: {text(('title',), found.get(('title',)) or title or None)}")
    lines.append(f"summary: {text(('summary',))}")
    themes: list[Term] | None = found.get(("themes",))
    choices = "、".join(t.label for t in taxonomy.themes)
    lines.append(
        f"themes: {yaml_list([t.label for t in themes])}{_remark(values, ('themes',))}"
        if themes
        else "themes: " + _stand_in(("themes",), f"[{taxonomy.themes.terms[0].label}]", values, choices)
    )
    lines += ["organization:", f"  name: {text(('organization', 'name'))}"]
    category: Term | None = found.get(("organization", "category"))
    # the stand-in the report's guess names (是不是“生活服务类”？ over 公益慈善类, the first: an organization's trial)
    meant = taxonomy.categories.lookup(taxonomy.categories.suggest(values.written.get(("organization", "category"), "")) or "")
    lines.append(
        f"  category: {category.name}"
        if category
        else "  category: "
        + _stand_in(
            ("organization", "category"),
            (meant or taxonomy.categories.terms[0]).name,
            values,
            "、".join(t.name for t in taxonomy.categories),
        )
    )
    if found.get(("organization", "registration")):
        lines.append(f"  registration: {found[('organization', 'registration')]}")
    province: Term | None = found.get(("region", "province"))
    lines += [
        "region:",
        f"  province: {province.name}"
        if province
        else "  province: " + _stand_in(("region", "province"), taxonomy.provinces.terms[0].name, values, ""),
    ]
    for part in ("city", "county", "street", "community"):
        if found.get(("region", part)):
            lines.append(f"  {part}: {yaml_scalar(found[('region', part)])}")
    if found.get(("area",)):
        lines.append(f"area: {found[('area',)]}")
    when: date | None = found.get(("date",))
    # A stand-in start not after a known end: today's date there made the check report an
    # end before the start that nobody wrote.
    stand_in = min(today, found[("end_date",)]) if found.get(("end_date",)) else today
    lines.append(
        f"date: {when.isoformat()}{_remark(values, ('date',))}"
        if when
        else "date: " + _stand_in(("date",), stand_in.isoformat(), values, "")
    )
    if found.get(("end_date",)):
        lines.append(f"end_date: {found[('end_date',)].isoformat()}{_remark(values, ('end_date',))}")
    lines.append("status: draft")
    if found.get(("brands",)):
        lines.append(f"brands: {yaml_list([t.name for t in found[('brands',)]])}{_remark(values, ('brands',))}")  # one left out
    for key in ("beneficiaries", "tags"):
        if found.get((key,)):
            lines.append(f"{key}: {yaml_list(found[(key,)])}{_remark(values, (key,))}")  # items beyond the limits
    for key in ("volunteers", "served"):
        if found.get((key,)) is not None:
            lines.append(f"{key}: {found[(key,)]}{_remark(values, (key,))}")  # 3200余人次: what the number leaves out
    if cover:
        lines.append(f"cover: {cover}")
    for label, why in values.problems.items():
        row = next((r for r in rows() if r.label == label), None)
        if row and row.path and row.path not in (("themes",), ("organization", "category"), ("region", "province"), ("date",)):
            # Whole, so that the editor shortens it here rather than going back to the Word file
            # (a helper's trial: cut at 60 characters without a mark); a runaway cell is cut, and says so.
            written = " ".join(values.written.get(row.path, "").split())
            written = written if len(written) <= 1000 else written[:1000] + "……（后面还有，没有抄录）"
            lines.append(f"# 申报表的“{label}”写的是“{written}”，没有采用：{why}")
    # Each line one line: a comment quotes what the form said, and a line break typed in a
    # cell (or one YAML counts, such as U+2028) would start a key of its own there
    # (status: published under a draft's comment: a security review).
    lines = [" ".join(line.splitlines()) for line in lines]
    lines.append("---")
    lines.append("")
    return "\n".join(lines) + "\n" + body_text(body)


def body_text(body: list[Block]) -> str:
    """The body as Markdown. Each of the form's four sections left empty gets 【请填写】; a
    body with no text at all gets the template's four sections to fill."""
    filled: list[Block] = []
    for index, block in enumerate(body):
        filled.append(block)
        following = body[index + 1] if index + 1 < len(body) else None
        empty = following is None or (following.kind == "heading" and following.level <= block.level)
        if block.kind == "heading" and block.plain in sections() and empty:
            filled.append(Block("para", f"【请填写】{block.plain}。", f"【请填写】{block.plain}。"))
    present = {b.plain for b in filled if b.kind == "heading"}
    if not any(b.kind in ("para", "list", "table") for b in body):
        for name in sections():
            if name not in present:
                filled += [Block("heading", name, name, level=2), Block("para", f"【请填写】{name}。", f"【请填写】{name}。")]
    return to_markdown(filled) if filled else ""


def beside_photos_markdown(names: list[tuple[str, str]]) -> str:
    """Photos sent beside the file, and pictures of the file whose place was not read,
    appended to the body for the editor to place."""
    if not names:
        return ""
    # the comment does not name the placeholder: the check would report the comment's line itself
    lines = ["", "<!-- 以下照片随文件发来，或在文中的位置没能读出，请移到合适的位置；方括号里要写一句照片说明。 -->", ""]
    lines += [f"![{alt or '【请填写】照片说明'}]({name})\n" for name, alt in names]
    return "\n".join(lines)


def as_value(value: Any) -> Any:
    """A found value for the JSON report."""
    if isinstance(value, Term):
        return value.label if value.short and not value.name.endswith(("省", "市", "区")) else value.name
    if isinstance(value, list):
        return [as_value(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
