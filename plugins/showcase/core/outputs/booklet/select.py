"""Which published cases a booklet holds, and in which order."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ... import typedtext
from ...case.fields import field as field_rule
from ...case.model import Case, Status
from ...case.places import place_data, place_stem, usual_name
from ...case.rules import ID_PATTERN
from ...case.source import editor_lines
from ...case.yamlnodes import shorten
from ...collection.curated import CuratedCollection, cases_by_id
from ...collection.taxonomy import Taxonomy, Vocabulary
from ...errors import ConfigError
from ...site.index import Listing, SiteIndex, county_key, slugify
from ...site.texts import load_texts


class BookletError(ConfigError):
    """The selection cannot be made (an unknown key, an empty result, an unreadable ids file)."""


class FilteredOut(BookletError):
    """A place that has published cases, none of which meet the other conditions: said as it
    is, never read again as a province's name (a review: 吉林 with a theme was told to use
    --province 吉林, another booklet)."""


@dataclass
class Selection:
    title: str
    cases: list[Case]
    intro: list[str] = field(default_factory=list)  # paragraphs (a collection's intro)
    former: dict[str, str] = field(default_factory=dict)  # a former id asked for -> the case's id now
    # an ids file's case named on more than one line (its id, a former one, its address): the lines, collected once
    repeated: dict[str, list[int]] = field(default_factory=dict)
    title_words: tuple[str, ...] = ()  # words a long cover title is not cut inside (title.py)
    # published cases with errors the booklet would have had: its filters match them, or
    # cannot tell (the field in error is the one filtered on); a collection's, by their ids
    left_out: list[Case] = field(default_factory=list)
    # an ids file's cases the other filters (--year, --theme …) left out, and those filters' words
    filtered: list[Case] = field(default_factory=list)
    filters: str = ""


def booklet_title(name: str, default_title: str, ends: Sequence[str] | None = None) -> str:
    """``name`` (a collection's, a listing's, the conditions') with ``default_title`` after it,
    no word said twice: a department's trial titled a collection 2024年度优秀案例, and its
    booklet's cover, running head and download said 2024年度优秀案例案例汇编. ``ends``: the
    site's texts' ``booklet.title_ends`` (None: the packaged ones)."""
    if not name:
        return default_title
    if ends is None:
        ends = load_texts()["booklet"].get("title_ends", [])
    if name.endswith((default_title, *ends)):
        return name
    for kept in range(min(len(name), len(default_title) - 1), 1, -1):  # a word, not a character (方案 + 案例汇编)
        if name.endswith(default_title[:kept]):
            return name + default_title[kept:]
    return name + default_title


def by_theme_then_date(index: SiteIndex, cases: list[Case], first: str | None = None) -> list[Case]:
    """Ordered by primary theme (the taxonomy's order; theme ``first`` before the others: a
    theme's booklet opens with the cases that are mainly about it), then practice date
    (oldest first), then id."""
    order = {t.key: n for n, t in enumerate(index.taxonomy.themes)}
    if first in order:
        order[first] = -1
    return sorted(
        cases, key=lambda c: (order.get(c.primary_theme.key, 99) if c.primary_theme else 99, c.date.toordinal() if c.date else 0, c.id)
    )


def _only_broken(broken: list[Case], condition: str) -> BookletError:
    """The refusal of a filter whose published cases all have errors: which, and their first
    error (a department's trial: --province 湖南, whose one case had a phone number, was told
    湖南省 had no published case, where --year and --ids named the case and its error)."""
    shown = "\n".join(f"  {c.id or c.folder.name}：{first_error(c)}" for c in broken[:_MISSING_SHOWN])
    more = f"\n  ……还有 {len(broken) - _MISSING_SHOWN} 个" if len(broken) > _MISSING_SHOWN else ""
    return BookletError(
        f"{condition}的 {len(broken)} 个已发布案例有错误，不能收进汇编，汇编会是空的，没有生成。请改正后再运行一次：\n{shown}{more}"
    )


def _term(
    value: str,
    vocab: Vocabulary,
    listings: list[Listing],
    label: str,
    broken: Sequence[Case] = (),
    has: Callable[[Case, str], bool] = lambda case, key: False,
    taxonomy: Taxonomy | None = None,
) -> Listing:
    """The listing of the term named ``value``: by key, short or full name (``Vocabulary.lookup``,
    as the case files and ``showcase new`` are read); an unknown name, a term without a
    published case and one whose published cases all have errors (``broken``, those ``has``
    the term) are told apart."""
    term = vocab.lookup(value)
    with_cases = [listing for listing in listings if listing.cases]
    known = "、".join(f"{lst.key}（{lst.title}）" for lst in with_cases) or "（没有）"
    parts = [part for part in re.split(r"[,，、;；\s]+", value.strip()) if part]
    terms = [vocab.lookup(part) for part in parts]
    named: dict[str, str] = {}  # each term once, as typed
    for part, found in zip(parts, terms, strict=True):
        if found is not None:
            named.setdefault(found.key, part)
    several = list(named.values()) if all(terms) else []
    if term is None and len(several) == 1:  # 便民服务,便民服务: one theme, typed twice
        term = terms[0]
    if term is None and len(several) > 1:
        # a department's trial: --theme 凝心铸魂,便民服务 was told there is no such theme
        raise BookletError(
            f"一次只能选一个{label}，现在写了 {len(several)} 个：{'、'.join(several)}。"
            f"要把几个{label}的案例编在一起，请把它们的案例编号写进一个文本文件（一行一个），用 --ids；或在 collections.yml 里建一个专题。"
        )
    if term is None and len(value.strip()) >= 2:  # the start of one name only (内蒙 for 内蒙古: a department's trial)
        starting = {t.key: t for t in vocab.terms for form in (t.short, t.name) if form and form.startswith(value.strip())}
        term = next(iter(starting.values())) if len(starting) == 1 else None
    if term is None and taxonomy is not None and (said := misplaced(value.strip(), taxonomy, label)):
        raise BookletError(said)
    if term is None:
        guess = vocab.suggest(value)
        raise BookletError(f"没有{label}“{shorten(value.strip())}”。" + (f"是不是“{guess}”？" if guess else "") + f"可选：{known}。")
    listing = next((lst for lst in with_cases if lst.key == term.key), None)
    if listing is None:
        shown = next((lst.title for lst in listings if lst.key == term.key), term.name)  # as the site names it
        if errors := [c for c in broken if has(c, term.key)]:
            raise _only_broken(errors, f"{label}“{shown}”")
        raise BookletError(f"{label}“{shown}”还没有已发布的案例，汇编会是空的，没有生成。有已发布案例的{label}：{known}。")
    return listing


# Each kind of term a booklet is chosen by: its vocabulary (and the site index's listings of
# it), its name, its option, and the keys a case has of it.
OPTIONS: tuple[tuple[str, str, str, Callable[[Case], list[str]]], ...] = (
    ("themes", "实践主题", "--theme", lambda c: [t.key for t in c.themes]),
    ("categories", "组织类别", "--category", lambda c: [c.organization.category.key] if c.organization.category else []),
    ("brands", "活动品牌", "--brand", lambda c: [t.key for t in c.brands]),
    ("provinces", "省份", "--province", lambda c: [c.region.province.key] if c.region.province else []),
)


def _having(keys_of: Callable[[Case], list[str]]) -> Callable[[Case, str], bool]:
    """Whether a case has the term of a key, by the table's ``keys_of``."""
    return lambda case, key: key in keys_of(case)


def misplaced(value: str, taxonomy: Taxonomy, label: str) -> str | None:
    """A term of another kind than ``label`` asks for, and the option that takes it (a
    department's trial: --theme 邻里守望, an activity series, was told there is no such theme;
    --collection 邻里守望 likewise)."""
    for name, other, option, _ in OPTIONS:
        vocab = taxonomy.vocabulary(name)
        if other != label and vocab is not None and (term := vocab.lookup(value)) is not None:
            return f"“{shorten(value)}”是{other}，不是{label}：请用 {option} {term.short or term.name}。"
    return None


def _place(
    value: str, cases: list[Case], part: str, label: str, index: SiteIndex, conditions: list[str], broken: Sequence[Case] = ()
) -> tuple[list[Case], str]:
    """The cases in the city or county (``part``) named ``value``: as the cases write it,
    without its suffix (绍兴, 越城) or by the key of its page (shaoxing, yuecheng; the
    site's key: of two counties read alike, 嵊州市 and a slip 胜州市, the later one's is
    shengzhou-2); a county written two ways (越城 and 越城区) is one, named as the site
    names it (the name most cases write). The same name in two places (朝阳区 in
    北京市 and in 长春市) is refused: a booklet of both would be no one's. ``conditions``: the
    other filters' words, which ``cases`` already meet (said when the place has cases, but
    none that meet them)."""
    suffixes = _suffixes(part)
    wanted = value.strip()
    names = {getattr(c.region, part) for c in cases if getattr(c.region, part)}
    stems = {n: place_stem(n, suffixes) for n in names}
    chosen = _in_place(wanted, cases, part, index)
    if not chosen:
        # each place once, as the site names it (越秀 and 越秀区 are one county; msV's reading)
        by_stem: dict[str, list[str]] = {}
        for c in cases:
            if getattr(c.region, part):
                by_stem.setdefault(stems[getattr(c.region, part)], []).append(getattr(c.region, part))
        # a character off, compared without 市/区/县 (广洲 and 广州市 were too far apart for a guess)
        close = difflib.get_close_matches(place_stem(wanted, suffixes), sorted(by_stem), n=1, cutoff=0.5)
        guess = [usual_name(by_stem[close[0]])] if close else difflib.get_close_matches(wanted, sorted(names), n=1, cutoff=0.5)
        shown = sorted(usual_name(spellings) for spellings in by_stem.values())
        known = "、".join(shown[:30]) + ("等" if len(shown) > 30 else "") or "（没有）"
        if conditions and _in_place(wanted, list(index.published), part, index):
            # a department's trial: --theme 便民服务 --county 西城 was told 西城 had no published case
            met = "·".join(conditions)
            raise FilteredOut(
                f"{label}“{shorten(wanted)}”有已发布的案例，但没有符合“{met}”的，汇编会是空的，没有生成。"
                f"符合“{met}”的已发布案例所在的{label}：{known}。"
            )
        if errors := _in_place(wanted, list(broken), part, index):
            raise _only_broken(errors, f"{label}“{shorten(wanted)}”")
        # a county given as a city, or a city as a county (--city 越秀区, --county 广州: a department's trial)
        other, option = ("county", "--county") if part == "city" else ("city", "--city")
        if _in_place(wanted, list(index.published), other, index):
            raise BookletError(
                f"“{shorten(wanted)}”是{'区县' if other == 'county' else '城市'}，不是{label}：请用 {option} {shorten(wanted)}。"
            )
        raise BookletError(
            f"已发布的案例里没有{label}“{shorten(wanted)}”。"
            + (f"是不是“{guess[0]}”？" if guess else "")
            + f"有已发布案例的{label}：{known}。"
        )
    above = sorted({(c.region.province.name if c.region.province else "", c.region.city or "" if part == "county" else "") for c in chosen})
    if len(above) > 1:
        # a municipality's districts have no city: not said to lack one
        no_city = {p for p, city in above if not city and part == "county" and p not in place_data()["municipalities"]}
        where = "、".join(province + (city or ("（没写城市）" if province in no_city else "")) for province, city in above)
        provinces = sorted({province for province, _ in above})
        cities = [city for _, city in above if city]
        # the example must tell the places apart: 鼓楼区 of 南京市 and of 徐州市 are both in 江苏省
        example = f"--province {provinces[0]}" if len(provinces) > 1 or not cities else f"--city {cities[0]}"
        more = "--province 或 --city" if part == "county" else "--province"
        unnamed = sum(1 for c in chosen if not c.region.city and c.region.province and c.region.province.name in no_city)
        left = (
            f"其中有 {unnamed} 个案例写了区县、没写城市，加上 --city 也编不进去：请先在这样的案例的 region 下补上 city（showcase check 会提醒 city-missing）。"
            if unnamed and cities
            else ""
        )
        raise BookletError(f"{label}“{shorten(wanted)}”在{where}都有，汇编只编一个地方的：请再加上 {more}，例如 {example}。{left}")
    return chosen, usual_name(getattr(c.region, part) for c in chosen)


def _in_place(wanted: str, cases: list[Case], part: str, index: SiteIndex) -> list[Case]:
    """Those of ``cases`` in the city or county (``part``) ``wanted``, as ``_place`` reads a
    name: as the cases write it, without its suffix, else by the key of its page."""
    suffixes = _suffixes(part)
    key = county_key if part == "county" else slugify
    page = index.county_of if part == "county" else index.city_of

    def key_of(case: Case) -> str:
        listing = page(case)
        return listing.key if listing is not None else key(getattr(case.region, part))

    names = {getattr(c.region, part) for c in cases if getattr(c.region, part)}
    found = {n for n in names if place_stem(n, suffixes) in (wanted, place_stem(wanted, suffixes)) or n == wanted}
    if found:
        return [c for c in cases if getattr(c.region, part) in found]
    return [c for c in cases if getattr(c.region, part) and key_of(c) == wanted.lower()]  # by its page's key: that page's cases only


def _suffixes(part: str) -> list[str]:
    """The suffixes a city's or county's (``part``) name is written with or without."""
    return place_data()["city_suffixes" if part == "city" else "county_url_suffixes"]


def _same_place(written: str, name: str, part: str) -> bool:
    """Whether a city or county as a case writes it is the place named ``name`` (越城 and 越城区)."""
    suffixes = _suffixes(part)
    return written == name or place_stem(written, suffixes) == place_stem(name, suffixes)


def read_id_lines(path: Path) -> list[tuple[str, int]]:
    """``(case id, line)`` of each id a text file names, one a line (``#`` starts a comment), the line for messages.
    The file is read in whichever encoding Notepad saved it (``typedtext``)."""
    try:
        text = typedtext.read_typed_text(path)  # as Notepad saved it: UTF-8, its "Unicode" or, on Chinese Windows, its "ANSI" (GBK)
    except (OSError, UnicodeDecodeError) as exc:
        # a damaged line: the line to type again (describe), not also a new file to make
        advice = "" if isinstance(exc, typedtext.DamagedText) else "请用记事本新建一个文本文件（.txt），一行写一个案例编号。"
        raise BookletError(f"无法读取案例编号文件 {path}（{typedtext.describe(exc)}）。{advice}") from None
    return [(case_id, number) for number, line in enumerate(editor_lines(text), start=1) for case_id in _case_ids(line)]


def id_lines(listed: list[tuple[str, int]]) -> dict[str, list[int]]:
    """Each id of ``read_id_lines`` with every line that names it, for a refusal's message."""
    lines: dict[str, list[int]] = {}
    for case_id, line in listed:
        lines.setdefault(case_id, []).append(line)
    return lines


_MISSING_SHOWN = 20  # ids a refusal lists
_LINES_SHOWN = 20  # lines of one id it lists


def said_lines(at: list[int]) -> str:
    """Where an id is in its file, for a message: 第 3、7 行; its first 20 lines and how many
    there are (第 1、…、20 等 2500000 行), as an id pasted a million times was a million numbers."""
    at = sorted(set(at))  # one line of the same id many times (a red team: 第 1、1、1… 等 20000 行)
    shown = "、".join(map(str, at[:_LINES_SHOWN]))
    return f"第 {shown} 等 {len(at)} 行" if len(at) > _LINES_SHOWN else f"第 {shown} 行"


_PERMALINK = re.compile(r"/cases/([^/?#\s]+)/?")
_NUMBERED = re.compile(r"^(?:\d+[.、．)）]|[-*•])\s*")  # "1. ", "2、", "- ": a list pasted from a document


_DASHES = str.maketrans("—–‐‑−", "-----")  # dashes a word processor or an input method puts for "-"
_SEVERAL = re.compile(r"[,，、;；\s]+")


def _case_ids(line: str) -> list[str]:
    """The case ids a line of an ids file names: the id itself, a permalink (…/cases/<id>/)
    or a numbered line of a list, in any case of letters, full-width letters and dashes as
    the ASCII ones; several ids a line, separated by commas or spaces, each (a department's
    trial pasted two a line from WeChat: neither was found); none for a blank or comment line."""
    line = unicodedata.normalize("NFKC", line.split("#", 1)[0]).translate(_DASHES).strip()
    if links := _PERMALINK.findall(line):  # each address of the line (two pasted from WeChat: a review)
        return [link.lower() for link in links]
    line = _NUMBERED.sub("", line).strip().lower()
    parts = [part for part in _SEVERAL.split(line) if part]
    if len(parts) > 1 and all(ID_PATTERN.fullmatch(part) for part in parts):
        return parts
    # ids beside words of Chinese (越秀区 gz-yuexiu-2024-103, a clerk's note of the place): the
    # ids (a department's trial was told 没有这个编号的案例，是不是 gz-yuexiu-2024-103？)
    # (one looks like an id: letters, a dash and digits; 2024 or reading beside them is no id, a review)
    ids = [part for part in parts if ID_PATTERN.fullmatch(part) and "-" in part and any(char.isdigit() for char in part)]
    if ids and all(part in ids or part.isdigit() or any(not char.isascii() for char in part) for part in parts):
        return ids
    return [line] if line else []


def _title_key(text: str) -> str:
    """A title as a line of an ids file may hold it: without 《》 or quotes around it, any case of letters."""
    return text.strip().strip("《》\"'“”").strip().lower()


def _why_missing(case_id: str, cases: dict[str, Case]) -> str:
    """Why ``case_id`` is not in a booklet: no such case (and the nearest id), not published, or in error."""
    case = cases.get(case_id)
    written = shorten(case_id, 60)  # a line of 100,000 characters was printed whole (a red team)
    if case is None and len(case_id) > 200:
        return f"{written}：没有这个编号的案例（这一行有 {len(case_id)} 个字，不是编号）"
    if case is None and (titled := [c for c in cases.values() if _title_key(c.title) == _title_key(case_id)]):
        # a clerk's list of titles, copied from the site or a meeting's table: the id to write
        named = "、".join(
            c.id if c.status is Status.PUBLISHED else f"{c.id}（{c.status.label if c.status else '状态不明'}，不能收录）" for c in titled
        )
        return f"{written}：这是案例的标题，不是编号；请改写成它的编号 {named}"
    if case is None:
        # former ids too (a department's trial: qs-2020-0121 was taken for ws-2020-01214, not the former qs-2020-01210)
        former = {alias: c.id for c in cases.values() for alias in c.aliases}
        guess = difflib.get_close_matches(case_id, [*cases, *former], n=1, cutoff=0.8)
        said = (
            f"，是不是 {guess[0]}（{former[guess[0]]} 以前的编号）？"
            if guess and guess[0] in former
            else f"，是不是 {guess[0]}？"
            if guess
            else ""
        )
        return f"{written}：没有这个编号的案例{said}"
    if case.status is Status.PUBLISHED:
        # its first error with its line, as a theme's booklet says the cases it leaves out (a department's trial)
        where = f"：{said}" if (said := first_error(case)) else "（运行 showcase check 查看），"
        return f"{case_id}：案例有错误{where}改正后才能收录"
    state = case.status.label if case.status else "状态不明"
    return f"{case_id}：{state}，不是已发布的案例"


def first_error(case: Case) -> str:
    """A case's first error as a booklet says it: file, line, what and how to fix it (the
    hint too: a review found the booklet alone saying what without how)."""
    first = next((d for d in case.diagnostics if d.is_error), None)
    if first is None:
        return ""
    return f"{first.display_path()} 第 {first.line} 行：{first.words}"


def select(
    index: SiteIndex,
    *,
    theme: str | None = None,
    category: str | None = None,
    brand: str | None = None,
    province: str | None = None,
    city: str | None = None,
    county: str | None = None,
    year: int | None = None,
    collection: CuratedCollection | None = None,
    ids: list[str] | None = None,
    lines: dict[str, list[int]] | None = None,  # an ids file's lines of each id, for the refusal (id_lines)
    title: str | None = None,
    default_title: str | None = None,  # the site's texts booklet.default_title; None: the packaged one
    title_ends: Sequence[str] | None = None,  # and its booklet.title_ends
    everything: list[Case] | None = None,
) -> Selection:
    """Published cases matching every filter given. A collection or an ids list keeps its own order.

    ``everything``: every case of the collection, published or not, so that an id the list
    asks for and cannot have is said to be a draft, withdrawn or in error, not just missing,
    and the published cases with errors a booklet leaves out are those it would have had.
    """
    broken = [c for c in everything or () if c.status is Status.PUBLISHED and not c.ok]
    words: list[str] = []
    former: dict[str, str] = {}
    repeated: dict[str, list[int]] = {}
    if collection is not None:
        cases = list(collection.cases)
        words.append(collection.title)
        ordered = True
        named_ids = {case_id for case_id, _ in collection.ids}
        broken = [c for c in broken if c.id in named_ids or named_ids & set(c.aliases)]
    elif ids is not None:
        if not ids:
            raise BookletError(
                "编号文件里没有案例编号，汇编没有生成。请一行写一个案例编号（例如 gz-yuexiu-2023-001），也可以粘贴案例页的网址。"
            )
        cases, missing = [], []
        named: dict[str, list[int]] = {}
        by_id = cases_by_id(index.published)  # a former id (aliases) finds its case, as in collections.yml
        # Each id once (a list pasted twice: one case, its lines together), and each case once
        # (an id and its former id): a 50 MB file of one id compared every line with every
        # other, minutes without a word (hostileH).
        for case_id in dict.fromkeys(ids):
            case = by_id.get(case_id)
            if case is None:
                missing.append(case_id)
                continue
            if case.id != case_id:
                former[case_id] = case.id
            if case.id not in named:
                cases.append(case)
            named.setdefault(case.id, []).extend((lines or {}).get(case_id, []))  # an id's lines are no other id's
        if missing:
            every = {c.id: c for c in (everything or ())}
            at = lines or {}
            # a department's 200-line file: which line (a review)
            first = missing[:_MISSING_SHOWN]  # a file of junk: its first lines, not a million (hostileH)
            where = {i: said_lines(at[i]) + " " for i in first if i in at}
            reasons = "\n".join(f"  {where.get(i, '')}{_why_missing(i, every)}" for i in first)
            if len(missing) > len(first):
                reasons += f"\n  ……还有 {len(missing) - len(first)} 个没有列出（这个文件可能不是编号文件）"
            raise BookletError(
                f"编号文件里有 {len(missing)} 个案例不能收录，汇编没有生成（只收录已发布的案例）：\n{reasons}\n改正或删掉这些行后再运行一次。"
            )
        ordered = True
        repeated = {case_id: sorted(at) for case_id, at in named.items() if len(at) > 1}
        broken = []  # an id of one was refused above, with its reason
    else:
        cases, ordered = list(index.published), False
    asked = list(cases) if ids is not None else []  # an ids file's cases, before the other filters
    chosen_theme = None
    # each kind of term in the table's order (the title's words are in it): a theme, a category,
    # a series, a province; a case in error whose term is not written stays among those left out
    for (kind, label, _, keys_of), value in zip(OPTIONS, (theme, category, brand, province), strict=True):
        if not value:
            continue
        if (
            kind == "provinces"
            and index.taxonomy.provinces.lookup(value) is None
            and _in_place(value, list(index.published), "city", index)
        ):
            raise BookletError(
                f"“{shorten(value.strip())}”是城市，不是省份：请用 --city {shorten(value.strip())}。"
            )  # a trial: --province 广州
        vocabulary = index.taxonomy.vocabulary(kind)
        assert vocabulary is not None  # the table's kinds are the taxonomy's
        listing = _term(value, vocabulary, getattr(index, kind), label, broken, _having(keys_of), index.taxonomy)
        if kind == "themes":
            chosen_theme = listing.key
        cases = [c for c in cases if listing.key in keys_of(c)]
        broken = [c for c in broken if not keys_of(c) or listing.key in keys_of(c)]
        words.append(listing.title)
    for part, value, label in (("city", city, "城市"), ("county", county, "区县")):
        if not value:
            continue
        try:
            cases, name = _place(value, cases, part, label, index, words, broken)
        except FilteredOut:
            raise
        except BookletError:
            # 北京市's cases have no city of their own: the municipality is their province. Only
            # when no city is so named: 吉林 and jilin are 吉林省's too, and 吉林市 is a city.
            municipality = index.taxonomy.provinces.lookup(value) if part == "city" else None
            if municipality is None:
                raise
            raise BookletError(
                f"{municipality.name}是省级的地方（直辖市或省份），请用 --province {municipality.short or municipality.name}。"
            ) from None
        broken = [c for c in broken if not getattr(c.region, part) or _same_place(getattr(c.region, part), name, part)]
        words.append(name)
    if year:
        years = sorted({c.year for c in cases if c.year})
        cases = [c for c in cases if c.year == year]
        broken = [c for c in broken if not c.year or c.year == year]
        words.append(index.year_title(year))  # as the site's year booklet is titled
        if not cases:
            shown = "、".join(str(y) for y in years) or "（没有）"
            if not 1000 <= year <= 9999:  # --year 24 (an editor's trial): said as 24 年没有…
                raise BookletError(f"--year {year}：年份要写四位数字，例如 --year 20{year % 100:02d}。有案例的年份：{shown}。")
            if errors := [c for c in broken if c.year == year]:
                raise _only_broken(errors, "·".join(words))
            raise BookletError(f"{year} 年没有符合条件的已发布案例，汇编没有生成。有案例的年份：{shown}。")
    if not cases:
        if broken:
            raise _only_broken(broken, "符合条件")
        raise BookletError("没有符合条件的已发布案例，汇编没有生成。请放宽条件（主题、类别、品牌、地区、年份）再试。")
    if not ordered:
        cases = by_theme_then_date(index, cases, first=chosen_theme)
    title = " ".join((title or "").split())  # spaces alone are no title: the cover would be blank
    longest = field_rule("title").hi
    if len(title) > longest:  # a red team's 3,000 characters: Word refused the document's title, the cover took 26 s
        raise BookletError(f"汇编标题有 {len(title)} 个字，太长了（最多 {longest} 个字，和案例标题一样）。请改短后再运行。")
    default_title = default_title or load_texts()["booklet"]["default_title"]
    name = title or booklet_title("".join(words[:1]) + ("·" + "·".join(words[1:]) if len(words) > 1 else ""), default_title, title_ends)
    kept = {id(c) for c in cases}  # the same objects: a Case compared field by field, each with each, took 21 s at 5,000
    vocabularies = (index.taxonomy.themes, index.taxonomy.categories, index.taxonomy.provinces)
    known = (*words, *(form for vocabulary in vocabularies for term in vocabulary.terms for form in (term.name, term.short) if form))
    return Selection(
        title=name,
        cases=cases,
        intro=collection.paragraphs() if collection is not None else [],
        former=former,
        title_words=known,
        repeated=repeated,
        left_out=broken,
        # a department's trial: --ids of ten cases with --year 2024 made a booklet of five, unsaid
        filtered=[c for c in asked if id(c) not in kept],
        filters="·".join(words),
    )
