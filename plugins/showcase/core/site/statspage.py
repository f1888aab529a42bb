"""The statistics page's numbers and pictures, from the site index, engine-free.

Counts follow the listings: a case with two themes counts under both, as it is listed
on both theme pages, so the theme counts may add up to more than the number of cases.
Only published cases are counted (the site index holds nothing else).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..case.model import Case
from .charts import Bar, bar_chart, column_chart, shade_level
from .index import Listing, SiteIndex


@dataclass
class Chart:
    """One picture and the table that says the same in words."""

    key: str  # themes, categories, regions, years
    title: str
    rows: list[tuple[Listing, int]]  # (listing, count), in the order shown
    svg: str
    unit: str
    note: str = ""


@dataclass
class Matrix:
    """Cases by row (province) and column (theme), each cell with its shade level."""

    title: str
    rows: list[Listing]
    columns: list[Listing]
    cells: list[list[int]]
    levels: list[list[int]]
    top: int
    note: str = ""
    scroll: str = ""  # said after the note on screen only (how to see a wide table)


@dataclass
class Stats:
    totals: dict[str, int]
    charts: list[Chart] = field(default_factory=list)
    matrix: Matrix | None = None
    # the places counted, at the level the charts count by: (the totals' word, how many); a
    # province's or a city's site said 覆盖省份 1 (a district's trial)
    places: tuple[str, int] = ("", 0)

    @property
    def empty(self) -> bool:
        return self.totals.get("cases", 0) == 0


def _chart(key: str, title: str, listings: list[Listing], unit: str, *, columns: bool = False, note: str = "") -> Chart:
    # Columns are narrow on a phone: a year column is labelled "2024", not "2024 年".
    bars = [Bar(listing.key if columns else listing.title, listing.count, listing.color) for listing in listings]
    svg = column_chart(bars, label=title) if columns else bar_chart(bars, label=title)
    return Chart(key, title, [(listing, listing.count) for listing in listings], svg, unit, note)


def build_stats(index: SiteIndex, texts: dict[str, Any]) -> Stats:
    """Every chart of the statistics page. ``texts`` is the site's texts (``stats`` section)."""
    words = texts["stats"]
    unit = texts["labels"]["cases_unit"]
    stats = Stats(totals=index.totals())
    if stats.empty:
        return stats
    years = sorted(index.years, key=lambda listing: listing.key)  # oldest first, left to right
    places, place_title, matrix_title, row_of_case, (level, counted) = _places(index, words)
    stats.places = (words[level], counted)
    stats.charts = [
        _chart("themes", words["by_theme"], index.themes, unit, note=words["multi_theme_note"]),
        _chart("categories", words["by_category"], index.categories, unit),
        _chart("regions", place_title, places, unit),
        _chart("years", words["by_year"], years, unit, columns=True),
    ]
    # One pass over the cases (linear in their number), counted as the listings count them.
    row_of = {id(place): i for i, place in enumerate(places)}
    column_of = {theme.key: j for j, theme in enumerate(index.themes)}
    cells = [[0] * len(index.themes) for _ in places]
    for case in index.published:
        place = row_of_case(case)
        if place is None:
            continue
        row = row_of[id(place)]
        for theme in {t.key for t in case.themes}:
            cells[row][column_of[theme]] += 1
    top = max((v for row in cells for v in row), default=0)
    stats.matrix = Matrix(
        title=matrix_title,
        rows=places,
        columns=list(index.themes),
        cells=cells,
        levels=[[shade_level(v, top) for v in row] for row in cells],
        top=top,
        note=words["matrix_note"],
        scroll=words["matrix_scroll"],
    )
    return stats


def _places(index: SiteIndex, words: dict[str, Any]) -> tuple[list[Listing], str, str, Callable[[Case], Listing | None], tuple[str, int]]:
    """The rows of the regions' chart and matrix, their two titles, each case's row, and the
    level they are of (the texts' word for the totals) with how many places of it the rows
    name (not the rows of cases without a city or county): the provinces; on a site of one
    province, its cities (a province's site charted one bar, 浙江省 — a district's trial),
    its cases without a city in one row more (leading to the province's page); on a site of
    one city with ``county_pages``, that city's counties, its cases without a county in one
    row more (leading to the city's page, which lists them), and the province's cases
    without a city in another (leading to the province's page)."""
    local = index.local_counties
    if local is None:
        only = index.provinces[0] if len(index.provinces) == 1 else None
        if only is None or len(only.children) < 2:
            return list(index.provinces), words["by_province"], words["matrix"], index.province_of, ("provinces", len(index.provinces))
        cities = list(only.children)
        no_city = Listing(only.kind, only.key, words["no_city"], cases=[c for c in only.cases if index.city_of(c) is None])
        if no_city.cases:
            cities.append(no_city)

        def city_of(case: Case) -> Listing | None:
            return index.city_of(case) or no_city

        named = ("cities", len(only.children))
        return cities, words["by_city"].format(place=only.title), words["matrix_city"].format(place=only.title), city_of, named
    place, counties = local
    rows = list(counties)
    rest = [case for case in place.cases if index.county_of(case) is None]
    other = Listing(place.kind, place.key, words["no_county"], cases=rest, parent=place.parent)  # at the city's address
    if rest:
        rows.append(other)
    # cases of the province that left their city out: in one row more, at the province's
    # page, which lists them (the city's does not)
    province = place.parent
    unnamed: Listing | None = None
    if province is not None and place.kind == province.kind:
        unnamed = Listing(province.kind, province.key, words["no_city"], cases=[c for c in province.cases if index.city_of(c) is None])
        if unnamed.cases:
            rows.append(unnamed)

    def row_of_case(case: Case) -> Listing | None:
        if unnamed is not None and index.city_of(case) is None:
            return unnamed
        return index.county_of(case) or other

    named = ("counties", len(counties))
    return rows, words["by_county"].format(place=place.title), words["matrix_county"].format(place=place.title), row_of_case, named
