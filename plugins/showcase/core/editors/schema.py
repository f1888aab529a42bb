"""A JSON Schema of the front matter, and editor snippets, generated from the taxonomy.

Editors' tools (VS Code's YAML extension, any JSON Schema validator) use the schema
to complete and check fields while typing. It is generated from the site's taxonomy,
never copied by hand, so a site with its own themes gets its own schema
(``showcase schema``). The schema mirrors ``rules.py`` as far as JSON Schema can
say it; ``showcase check`` stays the judge (near misses, images, personal numbers,
review words and rules across cases are beyond a schema).

Dates are strings in the schema: editors' YAML tools read ``2023-03-01`` as text
(YAML 1.2), and so does ``instance_of`` below for Python's date values.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..case.fields import REQUIRED, REQUIRED_NESTED, Field, field
from ..case.model import Status
from ..case.placeholders import MARKER
from ..case.readers import MARKUP
from ..case.rules import AREAS, ID_PATTERN, REGISTRATIONS
from ..collection.taxonomy import Taxonomy, Vocabulary
from .newcase import SUMMARY_PLACEHOLDER

DRAFT = "http://json-schema.org/draft-07/schema#"
# What each state means; its name is the field table's (status_labels in data/fields.yml).
_STATUS_MEANING = {
    Status.DRAFT: "还在写，只在编辑预览中可见",
    Status.REVIEW: "已提交审核，只在编辑预览中可见",
    Status.PUBLISHED: "审核通过，公开显示（需要 review.reviewer 和 review.approved）",
    Status.WITHDRAWN: "网址保留为撤回说明页，不再显示内容",
}
STATUS_TEXT = {status: f"{status.label}：{meaning}" for status, meaning in _STATUS_MEANING.items()}
_ID = f"^{ID_PATTERN.pattern}$"
_DATE = r"^\d{4}-\d{2}-\d{2}$"
_NO_HTML = {"not": {"pattern": MARKUP.pattern}}  # the rules' own pattern


def _forms(vocab: Vocabulary, label: str) -> dict[str, Any]:
    """Every accepted form of every term (key, short and full name, other names), described."""
    values: list[str] = []
    descriptions: list[str] = []
    for term in vocab:
        for form in dict.fromkeys(f for f in (term.short, term.name, *term.aliases, term.key) if f):
            values.append(form)
            descriptions.append(f"{label}：{term.name}" + (f"。{term.description}" if term.description else ""))
    return {"type": "string", "enum": values, "enumDescriptions": descriptions}


def _text(description: str, bounds: Field) -> dict[str, Any]:
    """A plain-text field, its length bounds from the field table (data/fields.yml)."""
    return {
        "type": "string",
        "description": description.format(min=bounds.lo, max=bounds.hi),
        "minLength": bounds.lo,
        "maxLength": bounds.hi,
        **_NO_HTML,
    }


def _label(*path: str) -> str:
    """A field's Chinese name, as the field table (data/fields.yml) and every message call it."""
    return field(*path).label


def _date(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description, "pattern": _DATE, "format": "date"}


def _strings(description: str, rule: Field) -> dict[str, Any]:
    items: dict[str, Any] = {"type": "string", "minLength": 1}
    if rule.item_max is not None:
        items["maxLength"] = rule.item_max
    return {"type": "array", "description": description, "items": items} | ({"maxItems": rule.max} if rule.max is not None else {})


def build_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The front matter schema (JSON Schema draft-07) for ``taxonomy``."""
    theme = _forms(taxonomy.themes, _label("themes"))
    category = _forms(taxonomy.categories, _label("organization", "category"))
    brand = _forms(taxonomy.brands, _label("brands")) if len(taxonomy.brands) else {"type": "string"}
    province = _forms(taxonomy.provinces, _label("region", "province"))
    registration = field("organization", "registration")
    themes = field("themes")
    properties: dict[str, Any] = {
        "id": {
            "type": "string",
            "description": f"案例编号：小写英文字母、数字和减号，{field('id').lo}–{field('id').hi} 个字符，例如 gz-yuexiu-2023-001。网址为 /cases/编号/，发布后不能再改。",
            "pattern": _ID,
        },
        "title": _text(_label("title") + "：{min}–{max} 个字的纯文字。", field("title")),
        "summary": _text(
            _label("summary") + "：{min}–{max} 个字，一两句话说清做法和成效；显示在案例卡片、搜索结果和分享链接上。", field("summary")
        ),
        "themes": {
            "type": "array",
            "description": f"{themes.label}：{themes.lo}–{themes.hi} 个，第一个是主要主题。可写简称、全称或英文代码：{taxonomy.themes.choices()}。",
            "minItems": themes.lo,
            "maxItems": themes.hi,
            "uniqueItems": True,
            "items": theme,
        },
        "organization": {
            "type": "object",
            "description": "实施案例的社区社会组织。",
            "required": list(REQUIRED_NESTED["organization"]),
            "additionalProperties": False,
            "properties": {
                "name": _text("组织全称。", field("organization", "name")),
                "category": {**category, "description": f"{_label('organization', 'category')}：{taxonomy.categories.choices()}。"},
                "registration": {
                    "type": "string",
                    "enum": list(REGISTRATIONS),
                    "enumDescriptions": list(registration.choice_notes),
                    "description": "或".join(f"{c}（{n}）" for c, n in zip(REGISTRATIONS, registration.choice_notes, strict=True)) + "。",
                },
            },
        },
        "region": {
            "type": "object",
            "description": "案例所在地区，从省到社区（村），省份必填。",
            "required": list(REQUIRED_NESTED["region"]),
            "additionalProperties": False,
            "properties": {
                "province": {**province, "description": "省级行政区全称，例如 广东省、北京市、内蒙古自治区。"},
                "city": _text("城市，例如 广州市。", field("region", "city")),
                "county": _text("区、县，例如 越秀区。", field("region", "county")),
                "street": _text("街道、乡镇。", field("region", "street")),
                "community": _text("社区、村。", field("region", "community")),
            },
        },
        "area": {"type": "string", "enum": list(AREAS), "description": f"{' 或 '.join(AREAS)}。"},
        "date": _date("开始（或举办）日期，写成 2023-03-01。"),
        "end_date": _date(f"{_label('end_date')}，不早于 date。"),
        "status": {
            "type": "string",
            "description": f"{_label('status')}：{' → '.join(f'{s.value} {s.label}' for s in Status if s is not Status.WITHDRAWN)}；"
            f"{Status.WITHDRAWN.value} {Status.WITHDRAWN.label}。",
            "enum": [s.value for s in Status],
            "enumDescriptions": [STATUS_TEXT[s] for s in Status],
        },
        "review": {
            "type": "object",
            "description": "审核信息，由审核单位填写；发布（published）和撤回（withdrawn）的案例必须有。",
            "additionalProperties": False,
            "properties": {
                "reviewer": _text(
                    _label("review", "reviewer") + "，例如 越秀区民政局（写单位，不写个人电话）。", field("review", "reviewer")
                ),
                "approved": _date("审核通过的日期，不能晚于今天。"),
            },
        },
        "withdrawn_reason": _text(_label("withdrawn_reason") + "，显示在撤回说明页上。", field("withdrawn_reason")),
        "brands": {
            "type": "array",
            "description": f"全国性{_label('brands')}：{taxonomy.brands.choices()}。",
            "uniqueItems": True,
            "items": brand,
        },
        "beneficiaries": _strings(_label("beneficiaries") + "，例如 [空巢老人, 困境儿童]。", field("beneficiaries")),
        "tags": _strings("关键词。", field("tags")),
        "volunteers": {"type": "integer", "minimum": 0, "description": f"参与的{_label('volunteers')}（只写数字）。"},
        "served": {"type": "integer", "minimum": 0, "description": f"{_label('served')}（只写数字）。"},
        "cover": {"type": "string", "minLength": 1, "description": "封面图片：本文件夹里的图片文件名，例如 photo1.jpg。"},
        "featured": {"type": "boolean", "description": "是否在首页推荐：true 或 false。"},
        "aliases": {
            "type": "array",
            "description": "以前用过的编号；旧网址会自动转到本案例。",
            "items": {"type": "string", "pattern": _ID},
        },
    }
    return {
        "$schema": DRAFT,
        "title": "社区社会组织参与新时代文明实践案例：基本信息",
        "description": "cases/**/index.md 开头两行 --- 之间的基本信息（front matter）。由 showcase schema 根据分类数据生成，请勿手改。",
        "type": "object",
        "required": list(REQUIRED),
        "additionalProperties": False,
        "properties": properties,
        "allOf": [
            {
                "if": {"required": ["status"], "properties": {"status": {"enum": ["published", "withdrawn"]}}},
                "then": {"required": ["review"], "properties": {"review": {"required": ["reviewer", "approved"]}}},
            }
        ],
    }


def instance_of(value: Any) -> Any:
    """Front matter as a YAML 1.2 editor sees it: dates as ``YYYY-MM-DD`` text."""
    if isinstance(value, dict):
        return {str(k): instance_of(v) for k, v in value.items()}
    if isinstance(value, list):
        return [instance_of(v) for v in value]
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _choice(values: list[str]) -> str:
    escaped = [v.replace("\\", "\\\\").replace(",", "\\,").replace("|", "\\|") for v in values]
    return "|" + ",".join(escaped) + "|"


def build_snippets(taxonomy: Taxonomy) -> dict[str, Any]:
    """VS Code snippets for Markdown case files, with the taxonomy's choices.

    VS Code's YAML extension does not read front matter inside Markdown, so these
    snippets are what completes field values in ``index.md`` (Ctrl+Space).
    """
    themes = _choice([t.label for t in taxonomy.themes])
    categories = _choice([t.name for t in taxonomy.categories])
    # the provinces to choose from, not the sample's 广东省 typed in (a district's trial: its
    # own site's snippets proposed 广东省 and 广州市 to every new case)
    provinces = _choice([t.name for t in taxonomy.provinces])
    statuses = _choice([s.value for s in Status])
    today = "${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}"
    # The words to replace are the template's 【请填写…】 markers: kept as the snippet wrote
    # them (组织全称, 城市（直辖市不写这一行）) they passed the check and approve, and were
    # published, the city as a region page of its own (an editor's week)
    snippets: dict[str, Any] = {
        "案例基本信息": {
            "scope": "markdown",
            "prefix": ["anli", "案例", "frontmatter"],
            "description": "新案例的基本信息（front matter）骨架",
            "body": [
                "---",
                "id: ${1:gz-yuexiu-2024-001}",
                f"title: ${{2:{MARKER}标题】}}",
                f"summary: ${{3:{SUMMARY_PLACEHOLDER}}}",  # as `showcase new` writes it: long enough for a draft's check
                f"themes: [${{4{themes}}}]",
                "organization:",
                f"  name: ${{5:{MARKER}组织全称】}}",
                f"  category: ${{6{categories}}}",
                "region:",
                f"  province: ${{7{provinces}}}",
                f"  city: ${{8:{MARKER}城市（直辖市删掉这一行）】}}",
                f"date: ${{9:{today}}}",
                "status: draft",
                "---",
                "",
                "## 基本情况",
                "",
                "$0",
            ],
        },
        _label("themes"): {
            "scope": "markdown",
            "prefix": ["themes", "主题"],
            "description": f"{_label('themes')}（{field('themes').lo}–{field('themes').hi} 个）",
            "body": [f"themes: [${{1{themes}}}]"],
        },
        _label("organization", "category"): {
            "scope": "markdown",
            "prefix": ["category", "类别"],
            "description": f"{_label('organization', 'category')}（写在 organization: 下面）",
            "body": [f"category: ${{1{categories}}}"],
        },
        _label("status"): {
            "scope": "markdown",
            "prefix": ["status", "状态"],
            "description": f"{_label('status')}：{'、'.join(f'{s.value} {s.label}' for s in Status)}",
            "body": [f"status: ${{1{statuses}}}"],
        },
        "审核信息": {
            "scope": "markdown",
            "prefix": ["review", "审核"],
            "description": "审核信息（发布前由审核单位填写）",
            "body": ["review:", f"  reviewer: ${{1:{MARKER}审核单位，例如某某区民政局】}}", f"  approved: ${{2:{today}}}"],
        },
        "图片": {
            "scope": "markdown",
            "prefix": ["img", "图片", "照片"],
            "description": "插入本文件夹里的照片",
            "body": [f"![${{1:{MARKER}照片说明】}}](${{2:photo1.jpg}})"],
        },
    }
    if len(taxonomy.brands):
        brands = _choice([t.name for t in taxonomy.brands])
        snippets[_label("brands")] = {
            "scope": "markdown",
            "prefix": ["brands", "品牌"],
            "description": f"全国性{_label('brands')}",
            "body": [f"brands: [${{1{brands}}}]"],
        }
    return snippets


def dumps(data: dict[str, Any]) -> str:
    """Stable JSON text for files committed to the repository."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# Where a project keeps them for VS Code (.vscode/settings.json points there; the pull
# request's workflow compares them with showcase schema --check)
SCHEMA_FILES = (".vscode/case.schema.json", ".vscode/cases.code-snippets")


def written(path: Path) -> str | None:
    """What the generated file ``path`` holds, None when there is none or it is not read
    (written again, or said to be out of date)."""
    try:
        return path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None
