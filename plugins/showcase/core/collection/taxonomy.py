"""The taxonomy is data: themes, categories, activity series and provinces.

A term is accepted by its key, short name or full name. Near misses get a suggestion.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from ..diagnostics import describe_os_error
from ..errors import ConfigError
from ..packaged import read_packaged
from ..simplified import simplified

_QUOTES = "\"'“”‘’「」『』《》【】[]（）() "


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    name: str
    short: str = ""
    description: str = ""
    color: str = "#1565c0"
    aliases: tuple[str, ...] = ()  # other names it is accepted by (公益慈善 for 公益慈善类), never shown

    @property
    def label(self) -> str:
        """The name shown on the site: the short name where there is one."""
        return self.short or self.name


@dataclass
class Vocabulary:
    """One list of terms, in order, looked up by any of their names."""

    kind: str  # Chinese word for messages, e.g. 主题
    terms: list[Term]
    _index: dict[str, Term] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for term in self.terms:
            for form in (term.key, term.name, term.short, *term.aliases):
                if form:
                    self._index[form] = term

    def __iter__(self):
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, key: str) -> Term:
        return self._index[key]

    def lookup(self, value: str) -> Term | None:
        return self._index.get(value.strip().strip(_QUOTES))

    def suggest(self, value: str) -> str | None:
        """The closest accepted form, or None when nothing is close or two terms are equally close.

        A wrong guess misleads more than none: 广州省 is as close to 贵州省 as to 广东省.
        """
        text = unicodedata.normalize("NFKC", value).strip().strip(_QUOTES)  # full-width letters and digits folded
        if not text:
            return None
        plain = simplified(text)  # 廣東省: the same term in Traditional characters
        if plain and self.lookup(plain) is not None:
            return plain
        containing: dict[str, str] = {}
        for term in self.terms:
            for form in (term.short, term.name):
                if form and (form in text or (len(text) >= 2 and text in form)):
                    containing.setdefault(term.key, form)
                    break
        if len(containing) == 1:
            return next(iter(containing.values()))
        if containing:
            return None
        best: dict[str, tuple[float, str]] = {}  # term key -> (ratio, form)
        matcher = difflib.SequenceMatcher(b=text.lower())
        for form, term in self._index.items():
            matcher.set_seq1(form.lower())
            ratio = matcher.ratio()
            if ratio >= 0.4 and ratio > best.get(term.key, (0.0, ""))[0]:
                best[term.key] = (ratio, term.short or term.name if form != term.key else form)
        ranked = sorted(best.values(), reverse=True)
        if not ranked or (len(ranked) > 1 and ranked[1][0] == ranked[0][0]):
            return None
        return ranked[0][1]

    def choices(self) -> str:
        return "、".join(term.label for term in self.terms)


@dataclass
class Taxonomy:
    themes: Vocabulary
    categories: Vocabulary
    brands: Vocabulary
    provinces: Vocabulary

    def vocabulary(self, name: str | None) -> Vocabulary | None:
        """The vocabulary a field's ``vocabulary`` names (data/fields.yml: themes, categories,
        brands, provinces); None for a field without one."""
        return {"themes": self.themes, "categories": self.categories, "brands": self.brands, "provinces": self.provinces}.get(name or "")


class TaxonomyError(ConfigError):
    """The taxonomy file itself is broken; the message says where."""


def _terms(raw: object, section: str, source: str) -> list[Term]:
    if not isinstance(raw, list) or not raw:
        raise TaxonomyError(f"{source}: 缺少 {section} 列表")
    terms = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict) or not item.get("key") or not item.get("name"):
            raise TaxonomyError(f"{source}: {section} 第 {index + 1} 项需要 key 和 name")
        terms.append(
            Term(
                key=str(item["key"]),
                name=str(item["name"]),
                short=str(item.get("short") or ""),
                description=str(item.get("description") or ""),
                color=str(item.get("color") or "#1565c0"),
                aliases=_aliases(item.get("aliases"), section, index, source),
            )
        )
    return terms


def _aliases(raw: object, section: str, index: int, source: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(name, str) and name.strip() for name in raw):
        raise TaxonomyError(f"{source}: {section} 第 {index + 1} 项的 aliases 应是名称的列表，例如 aliases: [公益慈善]")
    return tuple(name.strip() for name in raw)


@cache
def _provinces() -> Vocabulary:
    rows = read_packaged("provinces.yml")
    return Vocabulary("省份", [Term(key=k, name=n, short=s) for k, n, s in rows])


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load a taxonomy file (the packaged default when ``path`` is None).

    Kept by the file's text, not its path: a site's taxonomy edited while ``mkdocs serve``
    or ``showcase preview`` runs is read again at the next build."""
    if path is None:
        return _packaged_taxonomy()
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{source}: 无法读取分类文件（{describe_os_error(exc)}）") from None
    return _parsed_taxonomy(source, text)


@cache
def _packaged_taxonomy() -> Taxonomy:
    return _taxonomy(read_packaged("taxonomy.yml"), "taxonomy.yml")


@cache
def _parsed_taxonomy(source: str, text: str) -> Taxonomy:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        from ..case.yamlnodes import yaml_error_words  # here: the case package imports this module

        raise TaxonomyError(f"{source}: 分类文件格式错误，{yaml_error_words(exc)}") from None
    return _taxonomy(raw, source)


def _taxonomy(raw: object, source: str) -> Taxonomy:
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{source}: 分类文件应包含 themes、categories、brands")
    return Taxonomy(
        themes=Vocabulary("主题", _terms(raw.get("themes"), "themes", source)),
        categories=Vocabulary("组织类别", _terms(raw.get("categories"), "categories", source)),
        brands=Vocabulary("活动品牌", _terms(raw.get("brands") or [], "brands", source) if raw.get("brands") else []),
        provinces=_provinces(),
    )
