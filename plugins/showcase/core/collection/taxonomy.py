"""The taxonomy is data: themes, categories, activity series and provinces.

A term is accepted by its key, short name, full name or one of its aliases. Near misses
get a suggestion. An alias written as a key (letters, digits, hyphens, ``TERM_KEY``) is a
*former key*: the term's page had that address, which now leads to it (plan.py), with
its feeds (offsite.py), as a collection's former key does.

A site's own taxonomy file is read with the front matter's YAML loader, so that every
problem in it (a key written twice, a name two terms claim, a key that is no address, a
colour YAML read as a comment) is reported with its line, all at once, before a case is
judged by it: a maintainer's trial renamed terms and merged series, and such slips
silently moved cases between categories or surfaced as errors in case files.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

from ..cachefile import read_text_regular
from ..colors import DEFAULT_COLOR, MIN_CONTRAST, SPARE, contrast_with_white, hex_of, readable, rgb_of
from ..diagnostics import DiagnosticList, as_message, describe_os_error
from ..errors import ConfigError
from ..han import HAN
from ..packaged import DATA, read_packaged
from ..simplified import simplified, traditional_at

_QUOTES = "\"'“”‘’「」『』《》【】[]（）() "
# A key in an address (a term's, a collection's): /themes/<key>/. Not "page", which a
# listing's second page takes (/themes/<key>/page/2/).
URL_KEY = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
# A term's key, as sites have published them: also capitals and underscores
# (/themes/Bianmin_Fuwu/ worked, and stays; a review). Never a space, a slash or Chinese.
TERM_KEY = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$")
TERM_FIELDS = ("key", "name", "short", "description", "color", "aliases")
# The code of the file's problems: never printed as one (``[taxonomy]``), as each becomes
# a line of one TaxonomyError, which stops a check or a build before any case is judged.
_CODE = "taxonomy"


def url_key(value: object, pattern: re.Pattern[str] = URL_KEY) -> bool:
    """Whether ``value`` can be a key in an address (``pattern``: a collection's, or a term's)."""
    return isinstance(value, str) and bool(pattern.match(value)) and value != "page"


@dataclass(frozen=True, slots=True)
class Term:
    key: str
    name: str
    short: str = ""
    description: str = ""
    color: str = DEFAULT_COLOR
    aliases: tuple[str, ...] = ()  # other names it is accepted by (公益慈善 for 公益慈善类), never shown

    @property
    def label(self) -> str:
        """The name shown on the site: the short name where there is one."""
        return self.short or self.name

    @property
    def former_keys(self) -> tuple[str, ...]:
        """Its aliases written as keys: the addresses its page had (``bianmin-fuwu`` after
        the key became ``weimin-fuwu``), which lead to its page now."""
        return tuple(alias for alias in self.aliases if url_key(alias, TERM_KEY) and alias != self.key)  # its own: its page (a review)


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

    def __iter__(self) -> Iterator[Term]:
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
        from ..case.places import sounds_alike  # here: the case package imports this module

        # 广冬 for 广东, 边民服务 for 便民服务: a pinyin input method's homophone, the slip its
        # users make most; difflib finds 广冬 as close to 广西 as to 广东
        alike = {term.key: form for term in self.terms for form in (term.short, term.name) if form and sounds_alike(text, form)}
        if len(alike) == 1:
            return next(iter(alike.values()))
        best: dict[str, tuple[float, str]] = {}  # term key -> (ratio, form)
        matcher = difflib.SequenceMatcher(b=text.lower())
        # half of a Chinese name in common is another name (便民服务, 服务阵地: a maintainer's
        # trial was offered the other theme for a theme's former name); a key's letters are
        # closer at less
        # (a name of two: one of two characters, 辽及 for 辽宁, a review)
        least = (0.5 if len(text) <= 2 else 0.6) if re.search(f"[{HAN}]", text) else 0.4
        for form, term in self._index.items():
            matcher.set_seq1(form.lower())
            ratio = matcher.ratio()
            if ratio >= least and ratio > best.get(term.key, (0.0, ""))[0]:
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


At = Callable[..., int]  # the line of a path in the file (0: not known, the packaged file)


def _label(vocabulary: str) -> str:
    """The field table's name of the field a vocabulary's terms fill (data/fields.yml:
    themes 实践主题): the case check and this file's own errors said 主题 and 实践主题 (a review)."""
    from ..case.fields import FIELDS  # here: the case package imports this module

    found = (sub.label for top in FIELDS for sub in (top, *top.fields) if sub.vocabulary == vocabulary)
    return next(found, vocabulary)


def _short_name(name: str) -> str:
    return name if len(name) <= 20 else name[:20] + "…"


def _terms(raw: object, section: str, at: At, diags: DiagnosticList) -> list[Term]:
    from ..case import invisible, readers  # here: the case package imports this module

    if not isinstance(raw, list) or not raw:
        diags.error(at(section), _CODE, f"缺少 {section} 列表。", f"在 {section}: 下面逐项写，每项以“- key:”开始。")
        return []
    terms: list[tuple[int, Term]] = []  # (its place in the file, the term)
    for index, item in enumerate(raw):
        line = partial(at, section, index)
        # the section as the file writes it, its name in Chinese, and the term's name when it has
        # one: "themes 第 1 项" was English and left the clerk counting items (helper msgH)
        named = str(item.get("name") or "").strip() if isinstance(item, dict) else ""
        what = f"{section}（{_label(section)}）第 {index + 1} 项" + (f"“{_short_name(named)}”" if named else "")
        if not isinstance(item, dict) or not str(item.get("key") or "").strip() or not str(item.get("name") or "").strip():
            diags.error(line(), _CODE, f"{what}需要 key 和 name。", "例如 - key: bianmin-fuwu 下一行 name: 聚焦便民服务。")
            continue
        for unknown in [f for f in item if f not in TERM_FIELDS]:
            diags.error(line(unknown), _CODE, f"{what}里不认识的字段 {unknown}。", "可用的字段：" + "、".join(TERM_FIELDS) + "。")
        key = item["key"]
        if not url_key(key, TERM_KEY):
            diags.error(
                line("key"),
                _CODE,
                f"{what}的 key“{key}”不能用作网址。",
                f"key 用拼音字母、数字和连字符，不要空格、斜杠和汉字，例如 bianmin-fuwu（它出现在网址 /{section}/bianmin-fuwu/ 里）。",
            )
        color = item.get("color", DEFAULT_COLOR)
        rgb = rgb_of(color) if isinstance(color, str) else None
        if rgb is None:
            diags.error(
                line("color"),
                _CODE,
                f"{what}的颜色“{color if color is not None else ''}”不是颜色代码。",
                '写成带英文引号的 # 加六位十六进制数，例如 color: "#6a1b9a"（不加引号时，# 后面的内容会被当成注释）。',
            )
        elif section == "themes" and (ratio := contrast_with_white(rgb)) < MIN_CONTRAST:  # "#ffeb3b": its chips unreadable
            diags.error(
                line("color"),
                _CODE,
                f"{what}的颜色“{color}”太浅：网站上它的标签是白字，放在这个颜色上看不清（对比度 {ratio:.1f}:1，至少要 {MIN_CONTRAST}:1）。",
                f'换一种深一些的颜色，例如同一种颜色加深后的 color: "{hex_of(readable(color))}"。',
            )
        aliases = _aliases(item.get("aliases"), what, line("aliases"), diags)
        names = [("name", str(item["name"])), *([("short", str(item["short"]))] if item.get("short") else [])]
        for field_name, text in names + [("aliases", alias) for alias in aliases]:
            invisible.check_text(text, f"{what}的名称“{text}”", line(field_name), diags)
            if "\u3000" in text or text != text.strip():  # 精神文化　: the hint offered what was written
                diags.error(
                    line(field_name),
                    _CODE,
                    f"{what}的名称“{text}”前后有空格，或有中文输入法打出的全角空格。",
                    "请删掉这些空格。",
                )
        # Shown as written on the pages, in the feeds and the meta description: a list was
        # published as Python's ['…', '…'], a tag as its text (helper fuzz2H's fuzzing)
        description = item.get("description")
        if description is not None and not isinstance(description, str):
            diags.error(
                line("description"),
                _CODE,
                f"{what}的说明（description）应是一段文字，现在是一组内容。"
                if isinstance(description, (list, dict))
                else f"{what}的说明（description）应是一段文字，现在是“{description}”。",
                "写成一段文字，例如 description: 围绕一老一小提供身边服务。（不要写成以“- ”开头的几行或“键: 值”）",
            )
            description = None
        texts = [*names, *([("description", description)] if description else [])]
        for field_name, text in texts:
            label = "说明" if field_name == "description" else "名称"
            if readers.MARKUP.search(text):
                diags.error(
                    line(field_name), _CODE, f"{what}的{label}（{field_name}）只能是纯文字，不能含 HTML 标签。", "删掉 < > 包起来的标签。"
                )
        if description:
            invisible.check_text(description, f"{what}的说明（description）", line("description"), diags)
        for field_name, text in names:
            plain = simplified(text)
            if plain is not None and traditional_at(text, plain):  # not 於潜, 沈: Simplified text uses them
                diags.error(
                    line(field_name),
                    _CODE,
                    f"{what}的名称“{text}”里有繁体字，网站用简体字。",
                    f"写成“{plain}”；繁体的写法可以写进 aliases，案例里写繁体也能认出。",
                )
        terms.append(
            (
                index,
                Term(
                    key=str(key),
                    name=str(item["name"]).strip(),
                    short=str(item.get("short") or "").strip(),
                    description=description or "",
                    color=color if isinstance(color, str) else DEFAULT_COLOR,
                    aliases=aliases,
                ),
            )
        )
    _each_name_once(terms, section, at, diags)
    if section != "themes":  # the colours a reader tells apart (a theme's chip, card and listing)
        return [term for _, term in terms]
    uncoloured = {index for index, item in enumerate(raw) if isinstance(item, dict) and "color" not in item}
    return _distinct_colors([(index in uncoloured, term) for index, term in terms])


def _distinct_colors(terms: list[tuple[bool, Term]]) -> list[Term]:
    """The terms, each one written without a colour (``True`` beside it) given one no other term
    has: the default, else the first spare one (``colors.SPARE``). A new theme took 便民服务's
    blue, and its chips could not be told from 便民服务's (helper custH's trial)."""
    used = {term.color.lower() for unset, term in terms if not unset}
    out: list[Term] = []
    for unset, term in terms:
        if unset:
            color = next((c for c in (DEFAULT_COLOR, *SPARE) if c not in used), DEFAULT_COLOR)
            used.add(color)
            term = dataclasses.replace(term, color=color)
        out.append(term)
    return out


def _each_name_once(terms: list[tuple[int, Term]], section: str, at: At, diags: DiagnosticList) -> None:
    """Every key, name and alias names one term: one another term also claims would move
    its cases there silently (a trial: 生活服务类 with the alias 公益慈善类 took 8 cases)."""
    claimed: dict[str, tuple[int, Term]] = {}
    for index, term in terms:
        forms = {
            term.key: "key",
            term.name: "name",
            **({term.short: "short"} if term.short else {}),
            **dict.fromkeys(term.aliases, "aliases"),
        }
        for form, field_name in forms.items():
            first, other = claimed.setdefault(form, (index, term))
            if first != index:
                diags.error(
                    at(section, index, field_name),
                    _CODE,
                    f"“{form}”在 {section} 里写了两次：第 {first + 1} 项（{other.name}）和第 {index + 1} 项（{term.name}）都用它"
                    f"（作为 key、名称或 aliases）。",
                    "一个名称只能指一项：合并两项时，删掉旧的一项，把它的名称写进新一项的 aliases；改 key 时，把旧 key 写进 aliases。",
                )


def _aliases(raw: object, what: str, line: int, diags: DiagnosticList) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(name, str) and name.strip() for name in raw):
        diags.error(
            line,
            _CODE,
            f"{what}的 aliases 应是名称的列表。",
            "例如 aliases: [公益慈善]；旧的 key 也写在这里，例如 aliases: [bianmin-fuwu]。",
        )
        return ()
    return tuple(dict.fromkeys(name.strip() for name in raw))


@cache
def _provinces() -> Vocabulary:
    rows = read_packaged("provinces.yml")
    return Vocabulary(_label("provinces"), [Term(key=k, name=n, short=s) for k, n, s in rows])


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Load a taxonomy file (the packaged default when ``path`` is None).

    Kept by the file's text, not its path: a site's taxonomy edited while ``mkdocs serve``
    or ``showcase preview`` runs is read again at the next build."""
    if path is None:
        return _packaged_taxonomy()
    source = str(path)
    try:
        text = read_text_regular(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{source}: 无法读取分类文件（{describe_os_error(exc)}）") from None
    return _parsed_taxonomy(source, text)


@cache
def _packaged_taxonomy() -> Taxonomy:
    """The packaged file, read with the fast parser (core/packaged.py) and checked by the
    same rules, without lines: 30 ms less in every process."""
    source = str(DATA / "taxonomy.yml")
    diags = DiagnosticList(Path(source))
    return _checked(source, _taxonomy(read_packaged("taxonomy.yml"), lambda *path: 0, diags), diags)


def taxonomy_of_text(source: str, text: str) -> Taxonomy:
    """The taxonomy ``text`` writes (``source``: its name in messages), as ``load_taxonomy``
    reads a file: an earlier version of the site's, read from git (pr-summary's base)."""
    return _parsed_taxonomy(source, text)


@cache
def _parsed_taxonomy(source: str, text: str) -> Taxonomy:
    from ..case import yamlnodes  # here: the case package imports this module

    diags = DiagnosticList(Path(source))
    located = yamlnodes.parse(text, 1, diags, what="分类文件", mapping=False)
    taxonomy = None
    if located is not None:
        taxonomy = _taxonomy(located.value, located.line, diags)
    elif not diags.items:  # nothing, or only comments
        diags.error(1, _CODE, "分类文件是空的。", "文件应包含 themes、categories（可选 brands）三个列表。")
    return _checked(source, taxonomy, diags)


def _checked(source: str, taxonomy: Taxonomy | None, diags: DiagnosticList) -> Taxonomy:
    """``taxonomy``, or one TaxonomyError with a line for each of the file's problems."""
    if diags.has_errors or taxonomy is None:
        raise TaxonomyError(as_message(diags.items))
    return taxonomy


_SHAPE = ("分类文件应包含 themes、categories、brands 三个列表。", "每个列表以“themes:”这样的一行开始，下面每项以“- key:”开始。")


def _taxonomy(raw: object, at: At, diags: DiagnosticList) -> Taxonomy | None:
    if not isinstance(raw, dict):
        diags.error(1, _CODE, *_SHAPE)
        return None
    for unknown in [k for k in raw if k not in ("themes", "categories", "brands")]:
        diags.error(at(unknown), _CODE, f"分类文件里不认识的部分 {unknown}。", "顶层只写 themes、categories 和 brands。")
    return Taxonomy(
        themes=Vocabulary(_label("themes"), _terms(raw.get("themes"), "themes", at, diags)),
        categories=Vocabulary(_label("categories"), _terms(raw.get("categories"), "categories", at, diags)),
        brands=Vocabulary(_label("brands"), _terms(raw.get("brands"), "brands", at, diags) if raw.get("brands") else []),
        provinces=_provinces(),
    )
