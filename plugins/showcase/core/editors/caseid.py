"""Proposing a case id from the region's pinyin, the year and a free number.

The rule (also in the editors' guide):

    <city initials>-<county pinyin>-<year>-<three-digit number>

- city initials: the first letter of each syllable of the city's name without its
  suffix (市, 地区, 盟, 自治州 and the ethnic groups before 自治州): 广州市 -> gz,
  呼和浩特市 -> hhht, 凉山彝族自治州 -> ls. For the four municipalities, whose city is
  the province itself, the province: 北京市 -> bj.
- county pinyin: the county or district in full pinyin without its suffix
  (区, 县, 市, 旗, 新区, 自治县 …), as its region page's address reads it
  (site/index.py, ``county_key``): 越秀区 -> yuexiu, 梅县区 -> meixian, 郫都区 -> pidu.
  Without a county, the city's full pinyin stands alone (广州市 -> guangzhou); without
  a city either, the province's key (广东省 -> guangdong).
- year: the year of the case's ``date``.
- number: the smallest number from 001 whose id is not taken by a case or an alias
  in the collection, nor by a folder already on disk.

So 广东省广州市越秀区, 2023 -> ``gz-yuexiu-2023-001``. Pinyin is read from the whole
name, suffix included, so that 朝阳区 reads chaoyang; a rare misreading can be
corrected with ``showcase new --id``, which takes any id that follows the format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from ..case.places import learn_place_readings, place_data, place_stem
from ..han import is_han
from ..site.index import county_key


@dataclass(frozen=True)
class PlaceWords:
    city_suffixes: tuple[str, ...]
    county_suffixes: tuple[str, ...]
    province_suffixes: tuple[str, ...]
    municipalities: tuple[str, ...]
    ethnic_groups: tuple[str, ...]
    street_suffixes: tuple[str, ...]  # the import's reading of a one-line address (intake/address.py)
    street_offices: tuple[str, ...]
    community_suffixes: tuple[str, ...]
    community_offices: tuple[str, ...]
    not_in_a_county: tuple[str, ...]


@cache
def place_words() -> PlaceWords:
    raw = place_data()
    return PlaceWords(**{key: tuple(raw[key]) for key in PlaceWords.__dataclass_fields__})


def _is_hanzi(ch: str) -> bool:
    return is_han(ch)


def _syllables(name: str, kept: int, *, first_letters: bool = False) -> list[str]:
    """Pinyin of the first ``kept`` characters of ``name``, read in the whole name's context."""
    # Imported on first use: its tables take 0.3 s to load, for every `showcase` command.
    from pypinyin import Style, lazy_pinyin

    learn_place_readings()
    style = Style.FIRST_LETTER if first_letters else Style.NORMAL
    if name and all(_is_hanzi(ch) for ch in name):
        return lazy_pinyin(name, style=style)[:kept]
    # pypinyin takes a list from ``errors`` (one item per character) though its hints say str
    return lazy_pinyin(name[:kept], style=style, errors=lambda chars: [c for c in chars if c.isascii()])  # type: ignore[arg-type,return-value]


def _ascii(parts: Sequence[str]) -> str:
    return re.sub(r"[^a-z0-9]", "", "".join(parts).lower())


def full_pinyin(name: str, suffixes: Sequence[str] = ()) -> str:
    """越秀区 -> yuexiu: full pinyin of the name without its suffix."""
    return _ascii(_syllables(name.strip(), len(place_stem(name, suffixes))))


def initials(name: str, suffixes: Sequence[str] = ()) -> str:
    """广州市 -> gz: the first letter of each syllable, suffix left out."""
    return _ascii(_syllables(name.strip(), len(place_stem(name, suffixes)), first_letters=True))


def region_prefix(province: str, city: str | None = None, county: str | None = None, province_key: str = "") -> str:
    """The region part of an id: ``gz-yuexiu``, ``bj-chaoyang``, ``guangzhou``."""
    words = place_words()
    city = (city or "").strip()
    county = (county or "").strip()
    if (not city or city == province) and province in words.municipalities:
        city = province
    if county:
        head = initials(city, words.city_suffixes) if city else ""
        tail = county_key(county)  # as its page's address reads it (郫都区 pidu, 万柏林区 wanbailin)
        return "-".join(p for p in (head, tail) if p) or "case"
    if city and city != province:
        return full_pinyin(city, words.city_suffixes) or "case"
    return province_key or full_pinyin(province, words.province_suffixes) or "case"


def propose_id(prefix: str, year: int, taken: set[str], exists: Callable[[str], bool] = lambda case_id: False) -> str:
    """The first free ``<prefix>-<year>-NNN``; ``exists`` also vetoes ids (folders on disk)."""
    prefix = prefix[:50].strip("-") or "case"
    number = 1
    while True:
        candidate = f"{prefix}-{year}-{number:03d}"
        if candidate not in taken and not exists(candidate):
            return candidate
        number += 1
