"""The case format's fields as one table (``data/fields.yml``), read by every tool.

The rules take their keys, required fields and length bounds from here; so do the
JSON Schema (``showcase schema``), the guide's field table and the Word form. A bound
changed in the data file changes all of them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..collection.taxonomy import Taxonomy, load_taxonomy
from ..packaged import read_packaged

DEFAULT_MAX = 200  # characters of a text field the table gives no bound for


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str
    required: bool = False
    min: int | None = None
    max: int | None = None
    item_max: int | None = None  # characters of each item of a list
    form: str | None = None  # label in the Word submission form
    vocabulary: str | None = None  # taxonomy part for terms: themes, categories, brands, provinces
    choices: tuple[str, ...] = ()
    choice_keys: tuple[str, ...] = ()  # each choice's key in addresses (the search filter's urban, rural)
    choice_notes: tuple[str, ...] = ()  # what each choice means, for editors (the schema's descriptions)
    choice_words: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a choice, the words a form's cell may use for it
    guide: str = ""
    example: int | None = None  # a count's example number in messages (例如 1200)
    fields: tuple[Field, ...] = ()

    @property
    def lo(self) -> int:
        return 1 if self.min is None else self.min

    @property
    def hi(self) -> int:
        return DEFAULT_MAX if self.max is None else self.max

    def bounds(self) -> dict[str, int]:
        """``lo``/``hi`` keyword arguments for a length check."""
        return {"lo": self.lo, "hi": self.hi}

    def child(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    def how_to_write(self, taxonomy: Taxonomy | None = None) -> str:
        """The guide's words for the field: its bounds, and for a field of terms the site's
        own (``{choices}``, ``{example}``), so a site's guide never lists retired names."""
        vocabulary = (taxonomy or load_taxonomy()).vocabulary(self.vocabulary)
        labels = [t.label for t in vocabulary] if vocabulary is not None else []
        return self.guide.format(min=self.lo, max=self.hi, choices="、".join(labels), example=", ".join(labels[:2]))


def _field(entry: dict[str, Any]) -> Field:
    return Field(
        key=entry["key"],
        label=entry["label"],
        kind=entry["kind"],
        required=bool(entry.get("required", False)),
        min=entry.get("min"),
        max=entry.get("max"),
        item_max=entry.get("item_max"),
        form=entry.get("form"),
        vocabulary=entry.get("vocabulary"),
        choices=tuple(entry.get("choices", ())),
        choice_keys=tuple(entry.get("choice_keys", ())),
        choice_notes=tuple(entry.get("choice_notes", ())),
        choice_words=tuple((choice, tuple(words)) for choice, words in (entry.get("choice_words") or {}).items()),
        guide=entry.get("guide", ""),
        example=entry.get("example"),
        fields=tuple(_field(e) for e in entry.get("fields", ())),
    )


@cache
def _data() -> dict[str, Any]:
    return read_packaged("fields.yml")


def load_fields() -> tuple[Field, ...]:
    return tuple(_field(e) for e in _data()["fields"])


FIELDS = load_fields()
CHINESE_KEYS: dict[str, str] = dict(_data()["chinese_keys"])  # 标题 -> title
STATUS_WORDS: dict[str, str] = dict(_data()["status_words"])  # 草稿 -> draft
STATUS_LABELS: dict[str, str] = dict(_data()["status_labels"])  # draft -> 草稿
BY_KEY = {f.key: f for f in FIELDS}
# Rows of the Word form never written into a case (the organization's contact): key -> label
FORM_ONLY: dict[str, str] = {e["key"]: e["label"] for e in _data().get("form_only") or []}
FORM_NEGATIONS: tuple[str, ...] = tuple(_data().get("form_negations") or ())  # 未登记 names 登记 and means no


def field(*path: str) -> Field:
    """The field at ``path``, e.g. ``field("organization", "name")``."""
    found = BY_KEY[path[0]]
    for key in path[1:]:
        found = found.child(key)
    return found


TOP_KEYS = [f.key for f in FIELDS]
NESTED_KEYS = {f.key: tuple(c.key for c in f.fields) for f in FIELDS if f.fields}
REQUIRED = tuple(f.key for f in FIELDS if f.required)
REQUIRED_NESTED = {f.key: tuple(c.key for c in f.fields if c.required) for f in FIELDS if any(c.required for c in f.fields)}


GUIDE_TABLE_HEAD = "| 字段 | 必填 | 怎么写 |"  # the guide finds the table it replaces by it (editors/guide.py)


def guide_table(taxonomy: Taxonomy | None = None) -> str:
    """The guide's table of fields (Markdown), and the terms to choose from, as CONTRIBUTING.md
    shows them for the packaged taxonomy; the site's /guide/ shows them for its own."""
    taxonomy = taxonomy or load_taxonomy()
    rows = [GUIDE_TABLE_HEAD, "| --- | --- | --- |"]
    counts = [f for f in FIELDS if f.kind == "count"]
    for f in FIELDS:
        if f.kind == "count" and f is not counts[0]:
            continue
        if f.kind == "count":
            name = "、".join(f"`{c.key}`" for c in counts)
            text = "、".join(c.label for c in counts) + "，只写数字"
        else:
            name, text = f"`{f.key}`", f.how_to_write(taxonomy)
        required = "是" if f.required else "发布时" if f.key == "review" else "否"
        rows.append(f"| {name} | {required} | {text} |")
    themes, categories = "、".join(t.label for t in taxonomy.themes), "、".join(t.name for t in taxonomy.categories)
    terms = f"实践主题：{themes}。组织类别：{categories}。主题和类别写简称、全称或英文代码都可以。"
    return "\n".join(rows) + "\n\n" + terms
