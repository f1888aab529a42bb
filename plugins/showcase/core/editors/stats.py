"""Counts of cases for a department's yearly report (``showcase stats``), engine-free.

Counts by theme, category, province, year and state, each split by state; a city's
cases (every case in one province) by city too, and one city's cases by county, as
the site's statistics page counts a city's own site. A case with several themes counts
once under each of them (as on the site's theme pages), so the theme rows may add up
to more than the number of cases. Cases whose value could not be read (an error in the
file) are counted under 未填或有误; a county not written, under 未写区县.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..case.model import Case, Status
from ..case.places import county_stem
from ..collection.taxonomy import Taxonomy, Term
from ..site.index import city_keys_of, county_keys_of, recorded_keys

STATES = (Status.PUBLISHED, Status.REVIEW, Status.DRAFT, Status.WITHDRAWN)
UNKNOWN = ("", "未填或有误")
DIMENSIONS = {
    "theme": "按实践主题（一个案例可属多个主题）",
    "category": "按组织类别",
    "province": "按省份",
    "city": "按城市",
    "county": "按区县",
    "year": "按年份（开展时间）",
    "state": "按状态",
}
# The first column of the CSV table: which count a row belongs to.
CSV_DIMENSIONS = {
    "theme": "主题",
    "category": "组织类别",
    "province": "省份",
    "city": "城市",
    "county": "区县",
    "year": "年份",
    "state": "状态",
}
NO_COUNTY = ("", "未写区县")


@dataclass
class Row:
    key: str
    name: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict[str, object]:
        return {"key": self.key, "name": self.name, "total": self.total} | {s.value: self.counts.get(s.value, 0) for s in STATES}


@dataclass
class Stats:
    total: int
    by_state: dict[str, int]
    dimensions: dict[str, list[Row]]
    filters: dict[str, object] = field(default_factory=dict)


def _state(case: Case) -> str | None:
    return case.status.value if case.status else None


def _rows(
    cases: Iterable[Case], order: list[tuple[str, str]], keys_of: Callable[[Case], list[tuple[str, str]]], keep_empty: bool
) -> list[Row]:
    rows = {key: Row(key, name) for key, name in order}
    for case in cases:
        state = _state(case)
        if state is None:
            continue
        for key, name in keys_of(case) or [UNKNOWN]:
            row = rows.setdefault(key, Row(key, name))
            row.counts[state] = row.counts.get(state, 0) + 1
    result = [row for row in rows.values() if keep_empty or row.total]
    known = [row for row in result if row.key]
    return known + [row for row in result if not row.key]


def _term(term: Term | None) -> list[tuple[str, str]]:
    return [(term.key, term.label)] if term else []


def compute(
    cases: list[Case], taxonomy: Taxonomy, *, year: int | None = None, states: Iterable[str] = (), places: Mapping[str, str] | None = None
) -> Stats:
    """Count ``cases`` (optionally of one year and of some states only); ``places``: the place
    each city's and county's page showed (urls.lock's ``Ledger.places``), which keeps its key."""
    wanted = set(states)
    chosen = [c for c in cases if (year is None or c.year == year) and (not wanted or _state(c) in wanted)]
    counted = [c for c in chosen if _state(c) is not None]
    years = sorted({c.year for c in counted if c.year})
    dimensions = {
        "theme": _rows(counted, [(t.key, t.label) for t in taxonomy.themes], lambda c: [(t.key, t.label) for t in c.themes], True),
        "category": _rows(counted, [(t.key, t.name) for t in taxonomy.categories], lambda c: _term(c.organization.category), True),
        "province": _rows(counted, [(t.key, t.name) for t in taxonomy.provinces], lambda c: _term(c.region.province), False),
        "year": _rows(counted, [(str(y), str(y)) for y in years], lambda c: [(str(c.year), str(c.year))] if c.year else [], False),
        "state": _rows(
            counted, [(s.value, s.label) for s in STATES], lambda c: [(c.status.value, c.status.label)] if c.status else [], True
        ),
    }
    dimensions = _places(cases, chosen, counted, recorded_keys(places or {})) | dimensions
    dimensions = {name: dimensions[name] for name in DIMENSIONS if name in dimensions}
    by_state = {s.value: sum(1 for c in counted if c.status is s) for s in STATES}
    filters: dict[str, object] = {}
    if year is not None:
        filters["year"] = year
    if wanted:
        filters["states"] = sorted(wanted)
    return Stats(total=len(counted), by_state=by_state, dimensions=dimensions, filters=filters)


def _places(cases: list[Case], chosen: list[Case], counted: list[Case], recorded: Mapping[str, dict[str, str]]) -> dict[str, list[Row]]:
    """By city when every case (of those chosen) is in one province, by county when every
    case is in one city (or municipality): a province's or a city's department reports so,
    and a count by its one province says nothing. Nothing when the cases span provinces.
    Each row has the key of its page, given by all of ``cases`` of that place, as the site
    gives it (a year or a state counted alone changes no key)."""
    provinces = {c.region.province.name for c in chosen if c.region.province is not None}
    if len(provinces) != 1:
        return {}
    (province,) = provinces
    province_url = next(f"regions/{c.region.province.key}/" for c in chosen if c.region.province is not None)

    def city_keys() -> dict[str, str]:  # made only when needed: a name not in city-keys.yml loads pypinyin (0.3 s)
        by_city: dict[str, list[Case]] = {}
        for case in cases:
            if case.region.city and case.region.province and case.region.province.name == province:
                by_city.setdefault(case.region.city, []).append(case)
        return city_keys_of(by_city, recorded.get(province_url), province=province)

    found: dict[str, list[Row]] = {}
    # a case that left its city out (its county written) does not make a second city (a city
    # bureau's trial: the by-county table was gone for one such case)
    cities = {c.region.city for c in chosen if c.region.city}
    if len(cities) > 1:
        # two cities read alike (绍兴市, a slip 邵兴市) are two rows, keyed as their pages
        keys = city_keys()
        found["city"] = _rows(counted, [], lambda c: [(keys[c.region.city], c.region.city)] if c.region.city else [], False)
    else:
        # one county however written (越秀 and 越秀区), named as most cases write it, with the
        # key of its page (two read alike: -2 on the one published later), as the site lists it
        city = next(iter(cities), "")
        counties = _by_county(
            [c for c in cases if c.region.province and c.region.province.name == province and (c.region.city or "") == city]
        )
        # the counties with a page first, then those only cases without the city write
        others = {stem: owners for stem, owners in _by_county(counted).items() if stem not in counties}
        used: set[str] = set()
        # the keys urls.lock records under the city's page (a municipality's counties: under its own)
        # (a city only a case with an unknown province writes, a draft's slip, has no page: none)
        above = None
        if recorded and not city:
            above = recorded.get(province_url)
        elif recorded and (key := city_keys().get(city)):
            above = recorded.get(f"{province_url}{key}/")
        named = county_keys_of(counties, used, above) | county_keys_of(others, used, above)

        def county_of(case: Case) -> list[tuple[str, str]]:
            return [named[county_stem(case.region.county)]] if case.region.county else [NO_COUNTY]

        found["county"] = _rows(counted, [], county_of, False)
    for rows in found.values():
        rows.sort(key=lambda row: (not row.key, -row.total))  # the most cases first, 未写区县 last
    return found


def _by_county(cases: list[Case]) -> dict[str, list[Case]]:
    found: dict[str, list[Case]] = {}
    for case in cases:
        if case.region.county:
            found.setdefault(county_stem(case.region.county), []).append(case)
    return found


# -- output -----------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    space = " " * max(width - _width(text), 0)
    return space + text if right else text + space


def as_text(stats: Stats) -> str:
    heads = ["名称", "合计"] + [s.label for s in STATES]
    states = "，".join(f"{s.label} {stats.by_state[s.value]}" for s in STATES)
    scope = []
    if "year" in stats.filters:
        scope.append(f"开展时间在 {stats.filters['year']} 年")
    if "states" in stats.filters:
        states_given: list[str] = list(stats.filters["states"])  # type: ignore[call-overload]
        scope.append("状态为 " + "、".join(Status(v).label for v in states_given))
    lines = [f"共 {stats.total} 个案例{'（' + '，'.join(scope) + '）' if scope else ''}：{states}。"]
    for dimension, rows in stats.dimensions.items():
        title = DIMENSIONS[dimension]
        table = [heads] + [[row.name, str(row.total)] + [str(row.counts.get(s.value, 0)) for s in STATES] for row in rows]
        widths = [max(_width(line[i]) for line in table) for i in range(len(heads))]
        lines += ["", title]
        for index, line in enumerate(table):
            cells = [_pad(cell, widths[i], right=i > 0 and index > 0) for i, cell in enumerate(line)]
            lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def as_json(stats: Stats) -> str:
    data = {
        "total": stats.total,
        "by_state": stats.by_state,
        "filters": stats.filters,
        "dimensions": {dim: [row.as_dict() for row in rows] for dim, rows in stats.dimensions.items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


# What a spreadsheet reads as the start of a formula (=, +, -, @) or of one after a tab or a
# line end: such a cell is written after an apostrophe, which Excel and WPS show and never
# run (OWASP's advice for CSV). A contributor's region name "=HYPERLINK(…)" or "@SUM(…)|cmd"
# passed the check and ran as a formula on the editor's machine (a security review).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(value: object) -> object:
    """``value`` as a spreadsheet cell that is never a formula; numbers as they are."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def as_csv(stats: Stats) -> str:
    """One table with Chinese headers (Excel users read them): 分类 (theme, category, …),
    代码 (the key), 名称, 合计 and one column per state. ``showcase stats -o FILE`` writes
    it with a byte-order mark, so that Excel reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["分类", "代码", "名称", "合计"] + [s.label for s in STATES])
    for dimension, rows in stats.dimensions.items():
        for row in rows:
            item = row.as_dict()
            cells = [CSV_DIMENSIONS[dimension], item["key"], item["name"], item["total"]] + [item[s.value] for s in STATES]
            writer.writerow([_cell(cell) for cell in cells])
    return out.getvalue().rstrip("\n")


FORMATS = {"text": as_text, "json": as_json, "csv": as_csv}
