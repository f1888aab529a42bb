"""Full-text search with facets, engine-free: what a case tells the index, and the indexer.

The search index is built by Pagefind (PyPI ``pagefind[extended]``, whose binary segments
Chinese) from the rendered case pages, after the site is built. A case page marks its
searchable part with ``data-pagefind-body`` and carries its facets as
``data-pagefind-filter`` / ``data-pagefind-meta`` / ``data-pagefind-sort`` attributes
computed here (``search_fields``), so any site engine rendering the same attributes gets
the same index. Only pages whose kind is ``case`` (published, valid) carry them: drafts,
cases in review, tombstones, alias redirects and problem pages are never indexed.

Chinese words: Pagefind 1.5's extended binary segments page text with a dictionary
(jieba) when indexing, while the browser segments the query with ``Intl.Segmenter``
(ICU). Names the ICU dictionary does not know come out as single characters (越秀区 ->
越/秀/区, 空巢 -> 空/巢), which Pagefind, matching each query word as the prefix of an
indexed word, cannot find inside jieba's 越秀 or 空巢. Two measures, tested in the
browser tests: the search page keeps such runs of single characters together
(``assets/search.js``), and every case carries its place names as whole words in a
hidden metadata field (``keywords``; Pagefind indexes metadata split on spaces only and
never shows it in excerpts), so that 越秀区 is a word of each case in 越秀区.

Filter values are stable keys (``bianmin-fuwu``, ``guangdong``, ``2023``, ``rural``) so
that a search URL such as ``/search/?q=养老&theme=bianmin-fuwu`` stays readable and keeps
working if a label is reworded; ``facets`` gives the page the labels to show.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import gzip
import hashlib
import itertools
import json
import re
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable, Coroutine, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..cachefile import read_text_regular
from ..case import yamlnodes
from ..case.fields import field as field_rule
from ..case.model import Case
from ..case.places import county_stem
from ..diagnostics import DiagnosticList, as_message, describe_os_error
from ..errors import ConfigError, ShowcaseError
from ..packaged import DATA, read_packaged
from ..site.index import SiteIndex, case_url
from ..workers import cpu_seconds
from .search_cache import SearchCache

if TYPE_CHECKING:  # Pagefind is imported where it runs: a site without search needs none (check_pagefind)
    from pagefind.index import IndexConfig

# Filter names, in the order the search page shows them; also the URL parameters.
FILTERS = ("theme", "category", "province", "county", "year", "area", "brand")
# Material's own search plugin (MkDocs names ``- search`` material/search): beside Pagefind
# it makes every reader download the whole index, without Chinese word segmentation. The
# build warns of it (plugin/search.py) and so does the check (editors/gate.py), in these words.
MATERIAL_SEARCH = ("search", "material/search")
MATERIAL_SEARCH_ON = (
    "mkdocs.yml 里启用了 Material 自带的 search 插件：本站用 Pagefind 搜索（/search/ 页面），"
    "自带搜索会让每位读者下载整个索引，且不支持中文分词。请从 plugins 中删除 search。"
)
_AREA = field_rule("area")
AREA_KEYS = dict(zip(_AREA.choices, _AREA.choice_keys, strict=True))  # 城市 → urban: the filter's keys (data/fields.yml)
# Pages that can carry a search body: every case page, and nothing else.
CASE_PAGES_GLOB = "cases/*/index.html"
OUTPUT_DIR = "pagefind"
# A collection above ``Options.search_shard_pages`` published cases is indexed in several
# bundles: the first in OUTPUT_DIR, the others in OUTPUT_DIR/shard-1/, shard-2/, ... (inside
# it, so that the web server's rules for /pagefind/ apply to every bundle).
SHARD_DIR = "shard-{}"
SHARD_FOLDER = re.compile(r"shard-[0-9]+")
# The synthetic filter naming each bundle's pages on the search page (assets/search.js).
SHARD_FILTER = "sc-shard"
# Parts of a case page kept out of the index (classes of showcase/case.html): the badge
# row and key figures would fill excerpts with "便民服务. 广东省. 92 人." (the badges'
# words are in the hidden keywords instead); the "how to cite" block repeats the title.
# The visible title, the facts list (organization, region, figures, beneficiaries: each
# label glued to its value, "实施组织海拉尔…") and the tags (glued to one another) are left
# out too: the title and the organization are indexed from the hidden copies in
# partials/search-fields.html, which carry their ranking weights, and the rest are whole
# words of the hidden keywords.
EXCLUDE_SELECTORS = [".sc-badges", ".sc-figure", ".sc-cite", ".sc-case__head h1", ".sc-facts", ".sc-tags"]
# Ranking weights (Pagefind's data-pagefind-weight; body text is 1): a match in the title
# or the organization's name ranks above matches in the body only.
TITLE_WEIGHT = 10
ORGANIZATION_WEIGHT = 7
# Project names quoted in titles: 北京街道老年人协会“银龄互助”守望空巢老人 -> 银龄互助.
QUOTED = re.compile(r"[“\"「『《]([^”\"」』》]{2,20})[”\"」』》]")
RELATED_TERMS = DATA / "related-terms.yml"

RelatedTerms = tuple[tuple[str, ...], ...]


@dataclass
class SearchFields:
    """What one published case tells the search index besides its text."""

    filters: list[tuple[str, str]]  # (filter name, value key), possibly several per name
    meta: dict[str, str]  # shown with each result
    sort: dict[str, str]
    keywords: str = ""  # indexed as the hidden meta field "k", never shown
    title: str = ""  # indexed with TITLE_WEIGHT from a hidden copy
    organization: str = ""  # indexed with ORGANIZATION_WEIGHT from a hidden copy
    related: list[tuple[float, str]] = field(default_factory=list)  # (weight, terms): hidden blocks
    projects: list[str] = field(default_factory=list)  # quoted in the title; a hidden block weighted as the title


def whole(name: str) -> str:
    """A name as one word of the hidden keywords, which Pagefind splits on spaces only."""
    return "".join(name.split())


def project_names(title: str) -> list[str]:
    """The names quoted in a title (“银龄互助”), which readers type without the quotes."""
    return [whole(m) for m in QUOTED.findall(title)]


def related_blocks(head: str, body: str, groups: RelatedTerms) -> list[tuple[float, str]]:
    """The term groups a case is about, each with a ranking weight (see data/related-terms.yml).

    A group counts when its terms occur at least twice in the body, or once in ``head``
    (title, summary, organization, beneficiaries, tags; each such occurrence counts as
    three): "老人过寿" said once in passing does not make a case about elder care. The
    weight grows with the occurrences, staying below the title's and organization's, so
    a case about elder care ranks above one that mentions 养老院 once.
    """
    # A term with a character not in a text cannot occur in it: set lookups instead of a
    # search of the whole text. The terms are found by their first character (_by_first),
    # so a text looks only at the terms that start with one of its characters.
    by_first = _by_first(groups)
    strength = [0] * len(groups)
    for text, weight in ((head, 3), (body, 1)):
        chars = set(text)
        for first in chars.intersection(by_first):
            for group, term in by_first[first]:
                if chars.issuperset(term):
                    strength[group] += weight * text.count(term)
    return [(min(5.0, 1.0 + s / 4), " ".join(group)) for group, s in zip(groups, strength, strict=True) if s >= 2]


@functools.lru_cache(maxsize=8)
def _by_first(groups: RelatedTerms) -> dict[str, tuple[tuple[int, str], ...]]:
    """Each term (with its group's position) under its first character; worked out once per
    set of groups (a build has one)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for position, group in enumerate(groups):
        for term in group:
            found.setdefault(term[0], []).append((position, term))
    return {first: tuple(terms) for first, terms in found.items()}


def search_fields(case: Case, groups: RelatedTerms = (), county: str = "", county_name: str = "") -> SearchFields:
    """Facets, result metadata and sort keys of a published case (``county``, ``county_name``:
    its county page's key and name, on a site of one city with county pages: ``SiteIndex.search_county``)."""
    filters: list[tuple[str, str]] = [("theme", t.key) for t in case.themes]
    if case.organization.category is not None:
        filters.append(("category", case.organization.category.key))
    if case.region.province is not None:
        filters.append(("province", case.region.province.key))
    if county:
        filters.append(("county", county))
    if case.date is not None:
        filters.append(("year", str(case.date.year)))
    if case.area in AREA_KEYS:
        filters.append(("area", AREA_KEYS[case.area]))
    filters += [("brand", b.key) for b in case.brands]
    province = case.region.province.name if case.region.province else ""
    city = case.region.city or ""
    place = province if city == province else f"{province} {city}"  # 北京市, not 北京市 北京市
    if county:  # a city's own site names the county, as its cards do
        place = f"{place} {case.region.county}"
    meta = {
        "theme": case.primary_theme.label if case.primary_theme else "",
        "theme_key": case.primary_theme.key if case.primary_theme else "",
        "organization": case.organization.name,
        "place": place,
        "date": case.date.isoformat() if case.date else "",
    }
    sort = {"date": case.date.isoformat()} if case.date else {}
    # Whole words a reader may type: the title, the organization's full name, the project names in the
    # title's quotes, place names below the city (province and city are in "place"), and
    # the words of the badges, facts and tags, which the index leaves out of the text.
    words: list[str | None] = [case.title, case.organization.name, *project_names(case.title)]
    # the county as written, without its suffix and as its page names it: 柯桥区 finds the
    # cases that wrote 柯桥, listed on its page (a city bureau's trial: 4 of 7 were found)
    county_names = [county_stem(case.region.county), county_name] if case.region.county else []
    words += [case.region.county, *county_names, case.region.street, case.region.community, case.area]
    words += [*(t.label for t in case.themes), case.organization.category.name if case.organization.category else None]
    words += [*(b.name for b in case.brands), *case.beneficiaries, *case.tags]
    # Related terms, at index time: 养老 then also finds a case that writes only 老年人.
    # Each group the case is about is a weighted hidden block (for ranking) and its terms
    # are whole words here too (jieba cuts 移风易俗 as 移/风/易俗 on some pages).
    head = "\n".join([case.title, case.summary, case.organization.name, *case.beneficiaries, *case.tags])
    related = related_blocks(head, case.body, groups)
    words += [term for _, terms in related for term in terms.split()]
    keywords = " ".join(dict.fromkeys(filter(None, (whole(w) for w in words if w))))  # each word made whole once
    meta_values = {k: v for k, v in meta.items() if v}
    return SearchFields(filters, meta_values, sort, keywords, case.title, case.organization.name, related, project_names(case.title))


class RelatedTermsError(ConfigError):
    """The site's related-terms file cannot be used."""


def load_related_terms(path: Path | None = None) -> RelatedTerms:
    """The packaged term groups, extended (or, with ``replace: true``, replaced) by a site's file."""
    packaged = _groups(read_packaged(RELATED_TERMS.name), RELATED_TERMS)
    if path is None:
        return packaged
    try:
        text = read_text_regular(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise RelatedTermsError(
            f"{path}: 无法读取近义词文件（{describe_os_error(exc)}）。请检查 mkdocs.yml 里 related_terms 写的路径。"
        ) from None
    # The front matter's YAML loader, as the taxonomy's and the texts' files: its slips in
    # Chinese with their lines, and no anchors and no nesting deep enough for a traceback
    # (hostile input: 20,000 [ were PyYAML's RecursionError).
    diags = DiagnosticList(Path(path))
    located = yamlnodes.parse(text, 1, diags, what="近义词文件", mapping=False)
    if diags.has_errors:
        raise RelatedTermsError(as_message(diags.items))
    data = located.value if located is not None else None
    own = _groups(data, path)
    replace = isinstance(data, dict) and data.get("replace") is True
    return own if replace else packaged + own


def _groups(data: Any, path: Path | Traversable) -> RelatedTerms:
    example = "groups:\n  - [养老, 为老, 老年人]"
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise RelatedTermsError(f"{path}: 近义词文件应有 groups: 一项，下面每行一组词，例如：\n{example}")
    if "replace" in data and not isinstance(data["replace"], bool):
        raise RelatedTermsError(f"{path}: replace: 只能写 true（只用本文件的词组）或 false（加在默认词组之后）。")
    groups = []
    commas = "词之间要用英文逗号（半角的 ,）加空格分开，例如 [养老, 为老, 老年人]"
    for number, group in enumerate(data["groups"], 1):
        if not isinstance(group, list) or not all(isinstance(t, str) and whole(t) for t in group):
            raise RelatedTermsError(f"{path}: groups 的第 {number} 组应是一串词，用方括号括起来：{commas}。")
        terms = tuple(dict.fromkeys(whole(t) for t in group))
        joined = next((t for t in terms if any(mark in t for mark in "，、；")), None)
        if joined is not None:  # [养老，为老, 老年人]: 养老，为老 would be one term that matches nothing (a review)
            raise RelatedTermsError(f"{path}: groups 的第 {number} 组里“{joined}”用了中文的逗号或顿号：{commas}。")
        if len(terms) < 2:
            raise RelatedTermsError(f"{path}: groups 的第 {number} 组只有一个词（{terms[0] if terms else ''}），至少要两个。")
        short = [t for t in terms if len(t) < 2]
        if short:
            raise RelatedTermsError(f"{path}: groups 的第 {number} 组里有单个字（{'、'.join(short)}），会让几乎每个案例都匹配。请写成词。")
        groups.append(terms)
    return tuple(groups)


def facets(index: SiteIndex, labels: dict[str, str]) -> list[dict[str, Any]]:
    """Every filter with its values in display order, for the search page.

    Each value is ``[key, label, total]``: the total is the number of published cases
    with it, shown before the reader has searched (the page then needs no index at all).
    Values come from the published cases, so a facet never offers a value no case has.
    """
    areas = {key: 0 for key in AREA_KEYS.values()}
    for case in index.published:
        if case.area in AREA_KEYS:
            areas[AREA_KEYS[case.area]] += 1
    area_names = {key: name for name, key in AREA_KEYS.items()}
    values = {
        "theme": [(t.key, t.title, t.count) for t in index.themes if t.count],
        "category": [(t.key, t.title, t.count) for t in index.categories if t.count],
        "province": [(p.key, p.title, p.count) for p in index.provinces],
        "year": [(y.key, y.title, y.count) for y in index.years],
        "area": [(key, area_names[key], count) for key, count in areas.items() if count],
        "brand": [(t.key, t.title, t.count) for t in index.brands if t.count],
    }
    # A city's own site with county pages filters by county: its one province would be
    # the only value of that filter. Elsewhere there is no county filter (thousands of them).
    local = index.local_counties
    values["county"] = [(c.key, c.title, c.count) for c in local[1]] if local is not None else []
    shown = [name for name in FILTERS if name != ("province" if local is not None else "county")]
    return [{"name": name, "label": labels.get(name, name), "values": [list(v) for v in values[name]]} for name in shown]


class SearchIndexError(ShowcaseError):
    """The search index could not be built; the message says why, in plain Chinese."""


@dataclass
class IndexReport:
    pages: int
    seconds: float  # Pagefind alone: reading the pages, indexing, writing (wall clock)
    output: Path
    cpu_seconds: float = 0.0  # CPU time of the Pagefind process (user + system)
    shards: int = 1  # bundles written (pagefind/ and pagefind/shard-N/)
    reused: int = 0  # bundles taken from the search cache (their case pages unchanged)


@dataclass(frozen=True)
class SearchPlan:
    """Which case pages each Pagefind bundle indexes.

    One group: the whole site's case pages, read with ``CASE_PAGES_GLOB`` as always. Several:
    the published case pages, newest first, cut into consecutive groups (``plan_search``),
    each indexed by its own Pagefind run (so the peak memory is one group's). Bundle 0 holds
    the newest cases: the search page's first search reads the first ``first`` bundles only.
    """

    groups: tuple[tuple[str, ...], ...]  # site paths, "cases/<id>/index.html"; sorted by path in a group
    first: int = 0  # bundles a first search reads (plan_search); 0, or len(groups): all

    @property
    def sharded(self) -> bool:
        return len(self.groups) > 1

    @property
    def tiered(self) -> bool:
        """A first search reads only some bundles: the others when the reader asks."""
        return 0 < self.first < len(self.groups)

    @staticmethod
    def output_dir(number: int) -> str:
        """The bundle's folder in the site: pagefind, pagefind/shard-1, ..."""
        return OUTPUT_DIR if number == 0 else f"{OUTPUT_DIR}/{SHARD_DIR.format(number)}"

    def bundles(self) -> list[str]:
        """The other bundles' folders, as URLs relative to the site root (for the search page)."""
        return [self.output_dir(n) + "/" for n in range(1, len(self.groups))]


def plan_search(
    case_urls: Iterable[str], shard_pages: int, dates: Mapping[str, str] | None = None, first_pages: int | None = None
) -> SearchPlan:
    """The bundles for these published case URLs (``cases/<id>/``), at most ``shard_pages`` each.

    Deterministic, and a function of the cases alone (never of an earlier build's plan, so a
    cold build and a warm one write the same index): newest first by ``dates`` (site path ->
    ISO date, ``case_dates``; a case without one counts as the oldest; one date's cases in URL
    order). Every group holds at least half of ``shard_pages``: a group of a few cases would
    rank its matches by its own few pages' word statistics.

    The newest ``shard_pages`` to twice as many cases make two groups of near-equal size (the
    newer one the larger), as all of them do up to twice ``shard_pages``. The older ones are
    cut where the cases themselves say (``_bundle_ends``), so that a case added, withdrawn
    or given another date changes the group it falls in and rarely one beside it, wherever
    its date lies; every other bundle keeps its index (``search_cache``). ``date`` is when
    the practice took place, so a new case is often years old: cutting every ``shard_pages``
    cases from the oldest on moved every cut point newer than a change, and at 50,000 cases
    such a change indexed 5 to 8 of the 10 bundles again. The price is more, smaller
    bundles among the older cases: 14 at 50,000 instead of 10 (a search of every case reads
    each bundle's index of the words it asks for).
    ``first``: the most bundles from the first whose pages add up to at most ``first_pages``
    (one at least): a reader's first search reads those, the newest cases
    (``Options.search_first_pages``).
    """
    dated = dates or {}
    pages = sorted(url.rstrip("/") + "/index.html" for url in case_urls)
    pages.sort(key=lambda page: dated.get(page, ""), reverse=True)  # stable: one date's in URL order
    oldest_first = pages[::-1]
    groups, start = [], 0
    for end in _bundle_ends(oldest_first, max(1, shard_pages)):
        groups.append(tuple(sorted(oldest_first[start:end])))
        start = end
    groups.reverse()  # newest first
    count = len(groups)
    first, covered = 1, len(groups[0])
    while first < count and first_pages is not None and covered + len(groups[first]) <= first_pages:
        covered += len(groups[first])
        first += 1
    return SearchPlan(tuple(groups), 0 if first_pages is None else first)


def _bundle_ends(pages: Sequence[str], size: int) -> list[int]:
    """Where each group of ``pages`` (oldest first) ends, each of ``size // 2`` to ``size`` pages.

    The newest ``size`` to twice ``size`` pages make two groups of near-equal size, so that
    a first search (``search_first_pages``, twice ``size`` by default) reads two bundles, as
    few as it can (a third bundle's word lists and metadata took the first search for
    空巢老人 at 50,000 cases from 436 to 527 KB). The older ones are cut where the cases
    say: after a page whose path's hash is the largest of the pages within half of ``size``
    on either side (a local maximum, as in the chunking of backup tools), so whether a page
    ends a group depends on its neighbours alone, never on a count from either end; those
    cut points are more than half of ``size`` apart, and a stretch longer than ``size`` between two of them is
    split into equal parts. The oldest group, when it holds fewer than half of ``size``,
    joins the group after it (or the two share their cases evenly, when together they
    exceed ``size``).
    """
    count, half = len(pages), size // 2
    if count <= 2 * size or size == 1:  # one group, or two halves (size 1: each case its own, no half empty)
        return _equal_parts(0, count, size) or [0]  # no case: one empty group, as the single index has
    cuts = [0, *_local_maxima(pages, -(-size // 2)), count]
    ends = [end for start, stop in itertools.pairwise(cuts) for end in _equal_parts(start, stop, size)]
    # The newest part: from the first end that leaves at most twice ``size`` pages after it
    # (the ends are at most ``size`` apart, so more than ``size`` are left: two halves). With
    # the group before it, those would be more than twice ``size``: a first search (twice
    # ``size`` by default) reads the two halves, never a third bundle's files as well.
    newest = min(end for end in ends if count - end <= 2 * size)
    if newest < half:  # fewer than 2.5 × size cases in all: equal parts
        return _equal_parts(0, count, size)
    ends = [end for end in ends if end <= newest] + _equal_parts(newest, count, size)
    if ends[0] < half:  # the oldest joins the next group, or the two share their cases evenly
        ends[:2] = _equal_parts(0, ends[1], size)
    return ends


def _equal_parts(start: int, stop: int, size: int) -> list[int]:
    """Where each of the fewest groups of at most ``size`` that ``start``..``stop`` makes ends,
    the groups of near-equal size (the newer ones the larger)."""
    parts = -(-(stop - start) // size)
    return [start + (stop - start) * k // parts for k in range(1, parts + 1)]


def _local_maxima(pages: Sequence[str], reach: int) -> list[int]:
    """The positions after each page whose hash is larger than that of every other page
    within ``reach`` on either side (the last page never: nothing follows it to cut).
    blake2b, the same on every machine and every run, unlike Python's ``hash``; one pass
    with a queue of the window's candidates, for 50,000 pages and a reach of 2,500."""
    keys = [hashlib.blake2b(page.encode("utf-8"), digest_size=8).digest() for page in pages]
    found, window, ahead = [], collections.deque[int](), 0
    for at in range(len(pages) - 1):
        while ahead < len(pages) and ahead <= at + reach:
            while window and keys[window[-1]] <= keys[ahead]:
                window.pop()
            window.append(ahead)
            ahead += 1
        while window[0] < at - reach:
            window.popleft()
        if window[0] == at:
            found.append(at + 1)
    return found


def case_dates(index: SiteIndex) -> dict[str, str]:
    """Each dated published case page's date: site path (``cases/<id>/index.html``) -> ISO date."""
    return {case_url(case.id) + "index.html": case.date.isoformat() for case in index.published if case.date}


def search_plan(index: SiteIndex, shard_pages: int, first_pages: int | None = None) -> SearchPlan:
    """The bundles of a site's published cases, newest first."""
    return plan_search((case_url(case.id) for case in index.published), shard_pages, case_dates(index), first_pages)


def shard_dates(plan: SearchPlan, dates: dict[str, str]) -> dict[str, Any]:
    """What the search page needs to order a date-sorted search across bundles.

    Pagefind answers a sorted search with each page's position in its own bundle's date
    order; with every bundle's number of pages per date, the page computes the position in
    the whole collection's order (assets/search.js). ``dates``: ``case_dates``.
    Only the dates' order matters, not the dates: ``{"days": the number of distinct dates,
    "counts": one row per bundle}``, a row ``"first:n,n,,n"`` giving the bundle's pages of
    each date from the ``first``-th on (ascending; 0 left empty, the zeros at either end
    left out). Compact, as the search page carries it: the bundles hold consecutive dates,
    newest first, so a row is about a tenth of the dates at 10 bundles (the dates
    themselves and full rows took 97 KB of the search page at 50,000 cases).
    """
    distinct = sorted({dates[page] for group in plan.groups for page in group if page in dates})
    column = {d: i for i, d in enumerate(distinct)}
    counts = []
    for group in plan.groups:
        row = [0] * len(distinct)
        for page in group:
            if page in dates:
                row[column[dates[page]]] += 1
        used = [i for i, n in enumerate(row) if n]
        first, last = (used[0], used[-1]) if used else (0, -1)
        counts.append(f"{first}:" + ",".join(str(n) if n else "" for n in row[first : last + 1]))
    return {"days": len(distinct), "counts": counts}


INDEX_OPTIONS: IndexConfig = {"force_language": "zh", "exclude_selectors": EXCLUDE_SELECTORS}
STUB_PAGE = '<html lang="zh"><body><main data-pagefind-body><p>案例</p></main></body></html>'


async def _run_pagefind(site_dir: Path | None, glob: str, output: Path) -> tuple[int, list[str]]:
    """Index and write, wait until every file is on disk, then let the service exit.

    ``site_dir`` None: one small page instead of the site's (``pagefind_code``).

    Pagefind 1.5 answers the write request before its last writes reach the disk (tokio
    files written without a flush), and its service exits at once when stdin closes, as
    ``PagefindIndex``'s context manager does right after the answer: we saw
    ``wasm.unknown.pagefind`` cut at 64 KiB and a CSS file left empty. So, with the
    service still running, wait until the written files stop changing and every
    compressed one is whole, and only then close its stdin.
    """
    from pagefind.service import PagefindService

    service = await PagefindService().launch()
    try:
        index = await service.create_index(INDEX_OPTIONS.copy())
        if site_dir is None:
            await index.add_html_file(content=STUB_PAGE, url="/")
            pages = 1
        else:
            pages = int((await index.add_directory(str(site_dir), glob=glob)).get("page_count", 0))
        await index.write_files(output_path=str(output))
        broken = await _settled(output)
    except BaseException:
        await service.close()
        raise
    backend = getattr(service, "_backend", None)
    poll = getattr(service, "_poll_task", None)
    if backend is None or backend.stdin is None:
        await service.close()
    else:
        if poll is not None:
            poll.cancel()
        backend.stdin.close()
        try:
            await asyncio.wait_for(backend.wait(), timeout=60)
        except TimeoutError:
            backend.kill()
            await backend.wait()
    return pages, broken


# Pagefind's own files as this process had Pagefind write them, by the program they came from
# (its path, size and time: another Pagefind installed meanwhile writes them again).
_CODE_WRITTEN: dict[tuple[str, int, int], dict[str, bytes]] = {}


def pagefind_code() -> dict[str, bytes]:
    """Pagefind's own files for an index with the build's options (its scripts, styles and
    WebAssembly, which are the same for every index of one version), by relative path:
    written by Pagefind for one small page. What ``SearchCache`` publishes with a
    kept index's data, so that no code is ever taken from the cache folder.

    Written once a process (a Pagefind run, 0.2 s of CPU and 0.7 s of waiting): each rebuild
    of ``mkdocs serve`` and ``showcase preview`` whose index came from the cache ran it again."""
    check_pagefind()
    from pagefind.service import get_executable

    # as the service runs it: a bare name in PAGEFIND_BINARY_PATH is found on PATH (a review)
    given = str(get_executable() or "")
    program = Path(shutil.which(given) or given).resolve()
    try:
        about = program.stat()
        made: tuple[str, int, int] | None = (str(program), about.st_size, about.st_mtime_ns)
    except OSError:
        made = None
    if made is not None and made in _CODE_WRITTEN:
        return dict(_CODE_WRITTEN[made])
    with tempfile.TemporaryDirectory(prefix="showcase-pagefind-") as folder:
        root = Path(folder)
        _pagefind(None, "", root, "Pagefind 生成搜索索引失败")
        code = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
    if made is not None:
        _CODE_WRITTEN[made] = code
    return dict(code)


def _pagefind(site_dir: Path | None, glob: str, output: Path, failed: str) -> int:
    """``_run_pagefind`` run to its end: the pages it read; ``SearchIndexError`` (``failed``:
    its first words) when Pagefind fails or leaves a file of its output incomplete."""
    try:
        read, bad = _run(_run_pagefind, site_dir, glob, output)
    except Exception as exc:  # the service reports its errors as bare Exceptions
        raise SearchIndexError(f"{failed}：{exc}") from None
    if bad:
        raise SearchIndexError(f"Pagefind 写出的搜索索引文件不完整（{'、'.join(bad[:5])}），请重新构建。")
    return read


def _index_bundle(
    site_dir: Path, glob: str, pages: Sequence[str] | None, output: Path, cache: SearchCache | None, failed: str
) -> tuple[int, bool]:
    """Index the case pages ``glob`` reads into ``output``, or take their index from ``cache``
    when they are those of a build before: the pages the bundle holds, and whether it was
    taken. ``pages``: what ``glob`` reads, when the caller knows (else found for the key)."""
    key = None
    if cache is not None:
        if pages is None:
            pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.glob(glob) if p.is_file())
        key = cache.key(site_dir, pages, output)
        kept = cache.restore(key, output, pages)
        if kept is not None:
            return kept, True
    read = _pagefind(site_dir, glob, output, failed)
    if cache is not None and key is not None:
        cache.store(key, output, bundle_files(output))
    return indexed_pages(output, fallback=read), False


def search_cache(folder: Path) -> SearchCache:
    """The search index cache kept in ``folder`` (``Options.search_cache``) for one build."""
    return SearchCache(Path(folder), INDEX_OPTIONS, pagefind_code)


def bundle_files(output: Path) -> Iterator[Path]:
    """The files of the bundle written to ``output``: not the other bundles' folders inside
    the first one (``pagefind/shard-N/``), which other Pagefind runs may be writing."""
    for path in output.iterdir() if output.is_dir() else ():
        if path.is_dir():
            if not SHARD_FOLDER.fullmatch(path.name):
                yield from (p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            yield path


def _snapshot(output: Path) -> dict[str, int]:
    return {str(p): p.stat().st_size for p in bundle_files(output)}


async def _settled(output: Path, *, quiet: float = 0.3, limit: float = 120.0) -> list[str]:
    """Wait until no file under ``output`` changes for ``quiet`` seconds and all are whole;
    the files still broken when ``limit`` runs out."""
    deadline = time.monotonic() + limit
    before = _snapshot(output)
    broken: list[str] = []
    while time.monotonic() < deadline:
        await asyncio.sleep(quiet)
        now = _snapshot(output)
        if now == before:
            broken = check_output(output)
            if not broken:
                return []
        before = now
    return broken


T = TypeVar("T")


def _run(function: Callable[..., Coroutine[Any, Any, T]], *args: object) -> T:
    """Run a coroutine function to completion, also when the caller is inside an event loop
    (a build started from async code, or from tests driving playwright's sync API)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(function(*args))
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(function(*args))).result()


def check_output(output: Path) -> list[str]:
    """Files of the written bundle that are empty or whose gzip data is cut short."""
    bad = []
    for path in bundle_files(output):
        if path.stat().st_size == 0:
            bad.append(path.name)
        elif path.name.endswith(".pagefind") or ".pf_" in path.name:
            try:
                with gzip.open(path) as stream:
                    while stream.read(1 << 20):
                        pass
            except (OSError, EOFError, zlib.error):
                bad.append(path.name)
    return sorted(bad)


def build_search_index(
    site_dir: Path,
    *,
    glob: str = CASE_PAGES_GLOB,
    output_dir: str = OUTPUT_DIR,
    plan: SearchPlan | None = None,
    jobs: int = 1,
    indexed: Callable[[int, int], None] | None = None,
    cache: SearchCache | None = None,
) -> IndexReport:
    """Index the built site's case pages with Pagefind into ``site_dir/output_dir``.

    Pagefind indexes only elements marked ``data-pagefind-body`` once any page has one;
    if none has (no published case), it would index whole pages, so the caller must not
    call this when nothing is published. With a sharded ``plan``, each group of pages is
    indexed by its own Pagefind run into its own bundle (``SearchPlan.output_dir``),
    ``jobs`` runs at a time; ``indexed(number, pages)`` is told of each bundle written.
    ``cache``: bundles whose case pages are unchanged are taken from it (``search_cache``).
    """
    if plan is not None and plan.sharded:
        return _build_shards(Path(site_dir).resolve(), plan, jobs, indexed, cache)
    site_dir = Path(site_dir).resolve()
    output = site_dir / output_dir
    check_pagefind()
    start = time.perf_counter()
    before = children_cpu()
    pages, kept = _index_bundle(site_dir, glob, None, output, cache, "Pagefind 生成搜索索引失败")
    return IndexReport(pages, time.perf_counter() - start, output, children_cpu() - before, reused=int(kept))


def check_pagefind() -> None:
    try:
        import pagefind.index  # noqa: F401
        from pagefind.service import get_executable
    except ImportError:
        raise SearchIndexError("没有安装 Pagefind，无法生成搜索索引。请运行 pip install 'pagefind[extended]'。") from None
    try:
        executable = get_executable()
    except OSError:
        executable = None
    if executable is None:
        raise SearchIndexError("找不到 Pagefind 程序，无法生成搜索索引。请运行 pip install 'pagefind[extended]'。")


# Characters of a site path that are never special in Pagefind's globs (the wax crate);
# case ids are narrower still ([a-z0-9-], core/case/rules.py).
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_./-]+")


def shard_glob(pages: Sequence[str]) -> str:
    """A glob matching exactly these site paths, for Pagefind to read them where they are.

    ``{cases/a/index.html,cases/b/index.html}``, read over the site folder: Pagefind gives
    them their URLs (/cases/<id>/) and leaves every other page of the site alone. (A
    bundle was read from a folder of hard links before: making and removing 5,000
    folders and links cost about a second per bundle.)
    """
    odd = [page for page in pages if not _PLAIN_PATH.fullmatch(page)]
    if odd:
        raise SearchIndexError(f"无法为搜索索引选出案例页面 {odd[0]}：路径含有特殊字符，请重新构建或检查案例编号。")
    return "{" + ",".join(pages) + "}"


def _build_shards(
    site_dir: Path, plan: SearchPlan, jobs: int, indexed: Callable[[int, int], None] | None, cache: SearchCache | None
) -> IndexReport:
    """Index each group of the plan into its bundle, ``jobs`` Pagefind runs at a time (the
    bundles may be written in any order: Pagefind leaves the folders inside its output alone)."""
    check_pagefind()
    start = time.perf_counter()
    before = children_cpu()

    def one(number: int) -> tuple[int, bool]:
        pages, kept = index_shard(site_dir, plan, number, cache)
        if indexed is not None:
            indexed(number, pages)
        return pages, kept

    with ThreadPoolExecutor(max(1, jobs), thread_name_prefix="showcase-search-bundle") as pool:
        done = list(pool.map(one, range(len(plan.groups))))
    seconds = time.perf_counter() - start
    total, reused = sum(pages for pages, _ in done), sum(kept for _, kept in done)
    return IndexReport(total, seconds, site_dir / OUTPUT_DIR, children_cpu() - before, shards=len(plan.groups), reused=reused)


def index_shard(site_dir: Path, plan: SearchPlan, number: int, cache: SearchCache | None = None) -> tuple[int, bool]:
    """Index group ``number`` of a sharded plan into its bundle: the pages the bundle holds,
    and whether it was taken from ``cache``.

    Bundle 0 is written to ``pagefind/``, which holds the other bundles' folders: index
    the groups in their order (a Pagefind run writing ``pagefind/`` must not find them
    half-written).
    """
    site_dir = Path(site_dir).resolve()
    pages = plan.groups[number]
    output = site_dir / plan.output_dir(number)
    missing = [page for page in pages if not (site_dir / page).is_file()]
    if missing:
        raise SearchIndexError(f"生成搜索索引时找不到案例页面 {missing[0]}（共 {len(missing)} 个），请重新构建。")
    glob = shard_glob(pages)  # its own message, not wrapped as Pagefind's failure below
    return _index_bundle(site_dir, glob, pages, output, cache, f"Pagefind 生成第 {number + 1} 个搜索索引失败")


def children_cpu() -> float:
    return cpu_seconds()[1]


def indexed_pages(output: Path, *, fallback: int = 0) -> int:
    """Pages in the written index, from its entry file.

    ``add_directory``'s own ``page_count`` counts the files it read, marked or not.
    """
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(int(language["page_count"]) for language in entry["languages"].values())
    except (OSError, ValueError, KeyError, TypeError):
        return fallback
