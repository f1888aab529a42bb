"""A place written in one line → the form's region rows (省份, 城市, 区县, 街道（乡镇）, 社区（村）).

A free-form write-up names its place in one line (“所在地区：湖南省长沙市岳麓区橘子洲街道
某某社区”), and a form's 省份 cell sometimes holds the whole place. The parts are found
from the left, each right after the one before:

- the province by its full or short name (湖南省, 湖南); a line that starts with a known
  city instead (长沙市岳麓区…) gets that city's province, when only one has it;
- the city among the province's known cities (``data/places.yml``: 长沙 for 长沙市);
  a municipality's districts follow it at once (its city row stays empty, as in the cases);
- the county, street and community by their administrative suffixes (区, 县, 旗 …;
  街道, 镇, 乡, 苏木; 社区, 村, 嘎查), a 办事处 or 居委会 after them dropped.

What follows the last part found (a road and house number) is left out: a draft needs
no more, and a wrong guess costs the editor more than a blank row does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...case.fields import field as field_rule
from ...case.places import known_cities
from ...collection.taxonomy import Taxonomy, Term
from ...han import HAN
from ..caseid import place_words

# Between the parts: spaces, commas, slashes, hyphens and dots people put there.
_BETWEEN = re.compile(r"[\s,，、/／\-－—·•.。]+")
_HAN = f"[{HAN}]"


def _any(words: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@dataclass(frozen=True)
class _Patterns:
    """What the place words (data/places.yml) make: made at first use, not when the module
    loads, so that a slip in places.yml is the build's one line, not a traceback (a review)."""

    street: re.Pattern[str]
    community: re.Pattern[str]
    # What a county's name never holds: a lower level's word, a road, a housing estate (小区),
    # or a prefecture's (伊犁州伊宁市: 伊犁州 is not a known short name, 伊宁市 the county).
    not_a_county: re.Pattern[str]
    offices: tuple[str, ...]


@cache
def _patterns() -> _Patterns:
    words = place_words()
    return _Patterns(
        street=re.compile(
            rf"{_HAN}{{1,10}}?(?:{_any(words.street_suffixes)})(?![路街巷道弄号])(?:{_any(words.street_offices)})?"
        ),  # 新镇路 is a road
        community=re.compile(rf"{_HAN}{{1,15}}?(?:{_any(words.community_suffixes)})(?:{_any(words.community_offices)})?"),
        not_a_county=re.compile(_any(words.street_suffixes + words.community_suffixes + words.not_in_a_county)),
        offices=words.street_offices + words.community_offices,
    )


# The label a free-form file's place line is read under (formtable.SYNONYMS brings 地区,
# 所属地区, 地址 … to it); the form itself asks for the parts row by row.
PLACE = "所在地区"
# The form's region rows, by the field each fills: the field table's words (data/fields.yml),
# not written again here.
_ROW = {part.key: part.form or part.label for part in field_rule("region").fields}
PROVINCE, CITY, COUNTY, STREET, COMMUNITY = (_ROW[key] for key in ("province", "city", "county", "street", "community"))


def _province(rest: str, taxonomy: Taxonomy, *, short: bool) -> tuple[Term | None, str]:
    forms = sorted(
        ((form, term) for term in taxonomy.provinces.terms for form in ((term.name, term.short) if short else (term.name,)) if form),
        key=lambda ft: -len(ft[0]),
    )
    for form, term in forms:
        if rest.startswith(form):
            return term, rest[len(form) :]
    return None, rest


def _by_city(rest: str) -> tuple[str, str, str] | None:
    """(province, city, what follows) when ``rest`` starts with a city only one province has."""
    found = {(province, city, after) for province in known_cities().provinces for city, after in [_city(rest, province)] if city}
    return found.pop() if len(found) == 1 else None


def province_of_city(city: str) -> str | None:
    """The province of a known city written alone (广州, 广州市), when only one province has it."""
    found = _by_city(_BETWEEN.sub("", city))
    return found[0] if found is not None and not found[2] else None


def _city(rest: str, province: str) -> tuple[str, str]:
    """(the city's full name, what follows it), or ("", rest) when no known city starts it.

    A city's short form counts only when no administrative suffix follows it: 长沙县 is a
    county of 长沙市, not 长沙 and then 县; 广州省 is a slip, for 广东省 or for 贵州省."""
    known = known_cities().provinces.get(province)
    if known is None:
        return "", rest
    for written in sorted(known.names, key=len, reverse=True):
        if rest.startswith(written):
            after = rest[len(written) :]
            words = place_words()
            if written != known.names[written] and after.startswith(words.county_suffixes + words.city_suffixes + words.province_suffixes):
                continue
            return known.names[written], after
    return "", rest


def _county(rest: str) -> tuple[str, str]:
    suffixes = "|".join(sorted(place_words().county_suffixes, key=len, reverse=True))
    match = re.match(rf"{_HAN}{{1,14}}?(?:{suffixes})", rest)  # 双江拉祜族佤族布朗族傣族自治县: 15 characters
    if match is None or _patterns().not_a_county.search(match.group()):
        return "", rest
    return match.group(), rest[match.end() :]


def _part(pattern: re.Pattern[str], rest: str) -> tuple[str, str]:
    match = pattern.match(rest)
    if match is None:
        return "", rest
    name = match.group()
    for office in _patterns().offices:
        name = name.removesuffix(office)
    return name, rest[match.end() :]


def split_place(text: str, taxonomy: Taxonomy) -> dict[str, str]:
    """The form's region labels and their values for a place written in one line; {} when
    the line starts with no province or known city (``read_place``'s first part)."""
    return read_place(text, taxonomy)[0]


def read_place(text: str, taxonomy: Taxonomy) -> tuple[dict[str, str], str]:
    """The form's region labels and their values for a place written in one line, and what
    follows the last part found (spaces and commas taken out); ({}, "") when the line starts
    with no province or known city.

    A full province name first; then a short one when nothing or one of its cities follows
    (海南, 海南海口市, 吉林长春市, 吉林吉林市); then a city (吉林市 is a city, not 吉林 and then
    市; 海南州 a prefecture of 青海省); then a short name before anything else (湖南岳麓区)."""
    rest = _BETWEEN.sub("", text)
    words = place_words()
    term, rest = _province(rest, taxonomy, short=False)
    city = ""
    if term is None:
        short, after = _province(rest, taxonomy, short=True)
        if short is not None and (not after or short.name in words.municipalities or _city(after, short.name)[0]):
            term, rest = short, after
        elif (by_city := _by_city(rest)) is not None:
            province, city, rest = by_city
            term = taxonomy.provinces.lookup(province)
        else:
            term, rest = short, after
    if term is None:
        return {}, ""
    if term.name in words.municipalities:
        city = ""  # a municipality's districts follow it at once; its city row stays empty (北京市 → 朝阳区)
        rest = rest.removeprefix(term.name).removeprefix("市辖区")  # 北京市北京市朝阳区, 北京市市辖区朝阳区
    elif not city:
        city, rest = _city(rest, term.name)
    parts = {PROVINCE: term.name, CITY: city}
    parts[COUNTY], rest = _county(rest)
    parts[STREET], rest = _part(_patterns().street, rest) if city or parts[COUNTY] else ("", rest)
    parts[COMMUNITY], rest = _part(_patterns().community, rest) if parts[STREET] else ("", rest)
    return {label: value for label, value in parts.items() if value}, rest
