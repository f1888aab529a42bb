"""City names as the place data knows them (``data/places.yml``: ``cities``).

One city, one name: 长沙 and 长沙市 are the same city, and a site that read them as
two would give it two region pages. A known city written without its suffix (长沙,
凉山州, 阿里) is read as its full name (长沙市, 凉山彝族自治州, 阿里地区). A name the
data does not know is kept as written; when it sounds like a known city of the same
province (长纱市: an input method's slip for 长沙市), the check asks "did you mean".
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from ..packaged import read_packaged
from .model import Case


@dataclass
class _Province:
    names: dict[str, str] = field(default_factory=dict)  # a written form -> the full name
    stems: dict[str, str] = field(default_factory=dict)  # the full name -> the name without its suffix


@dataclass
class Cities:
    """The known cities of each province (by the province's full name)."""

    provinces: dict[str, _Province]

    def canonical(self, province: str, city: str) -> str | None:
        """The full name of a city the data knows, however it was written; None when unknown."""
        known = self.provinces.get(province)
        return known.names.get(city.strip()) if known else None

    def suggest(self, province: str, city: str) -> str | None:
        """A known city of ``province`` that ``city`` is probably a slip for, or None.

        Close means the same sound (an input method picked the wrong character) or, for
        names of three characters or more, one character off. Two equally close cities
        mean no suggestion: a wrong guess misleads more than none.
        """
        known = self.provinces.get(province)
        if not known:
            return None
        written = _stem(city.strip(), _suffixes())
        close = {name for name, stem in known.stems.items() if sounds_alike(written, stem)}
        if not close and len(written) >= 3:
            close = {name for name, stem in known.stems.items() if difflib.SequenceMatcher(a=written, b=stem).ratio() >= 0.75}
        return next(iter(close)) if len(close) == 1 else None


@cache
def place_data() -> dict:
    """``data/places.yml`` as read (once a process)."""
    return read_packaged("places.yml")


@cache
def learn_place_readings() -> None:
    """Teach pypinyin the place names it reads as in other words (places.yml: ``readings``):
    before a city's address (site/index.py) or a case id's letters (editors/caseid.py) are
    made from a name. 长治 was zhangzhi and 漯河 tahe (a maintainer's trial)."""
    from pypinyin import load_phrases_dict

    load_phrases_dict({name: [[syllable] for syllable in reading.split()] for name, reading in place_data()["readings"].items()})


def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(place_data()["city_suffixes"], key=len, reverse=True))


def _stem(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) >= len(suffix) + 2:
            return name[: -len(suffix)]
    return name


def place_stem(name: str, suffixes: Iterable[str]) -> str:
    """A place's name without its administrative suffix (the longest of ``suffixes`` it ends
    with, when two characters are left) and, before 自治…, without the ethnic groups it names:
    越秀区 -> 越秀, 凉山彝族自治州 -> 凉山, 乐东黎族自治县 -> 乐东. A case id's letters
    (editors/caseid.py) and a county's address (site/index.py) are read from it."""
    name = name.strip()
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.endswith(suffix) and len(name) >= len(suffix) + 2:
            stem = name[: -len(suffix)]
            return without_groups(stem) if suffix.startswith("自治") else stem
    return name


def county_stem(name: str) -> str:
    """A county's name without its suffix (越秀区 -> 越秀): one county however it is written."""
    return place_stem(name, place_data()["county_url_suffixes"])


def usual_name(names: Iterable[str]) -> str:
    """The name most of ``names`` write; on a tie the longer (越秀区 before 越秀), then the first in Unicode order."""
    counts = Counter(names)
    return max(counts, key=lambda name: (counts[name], len(name), [-ord(ch) for ch in name]))


def county_order(name: str, cases: Sequence[Case]) -> tuple[date, int, int, str]:
    """The order in which counties of one city take their keys, two read alike (郫都区, and a
    slip 皮都区) the plain one and -2: the one published first (the earliest approval of its
    cases: its page was published then), then the one with more cases, then by name. By name,
    a slip in a new case took /pidu/, published for the other; by count, a slip that later
    outnumbered 嵊州市 (胜州市, a worker's input method having learnt it) took /shengzhou/.
    Only published cases decide (the site has no others): the check and ``showcase stats``,
    which read drafts too, gave a county's drafts a say, and named the other county's cases
    the slip and its page's key; among counties of drafts only, the one with more first."""
    published = [c for c in cases if c.is_published]
    first = min((c.review.approved for c in published if c.review.approved is not None), default=date.max)
    return first, -len(published), -len(cases), name


def without_groups(stem: str) -> str:
    """凉山彝族 -> 凉山: the ethnic groups an autonomous prefecture's name carries."""
    groups = sorted((group + "族" for group in place_data()["ethnic_groups"]), key=len, reverse=True)
    stripped = True
    while stripped:
        stripped = False
        for word in groups:
            if stem.endswith(word) and len(stem) >= len(word) + 2:
                stem, stripped = stem[: -len(word)], True
                break
    return stem


@cache
def _readings(text: str) -> tuple[frozenset[str], ...]:
    """Every toneless reading of each character (长: chang or zhang)."""
    from pypinyin import Style, pinyin

    return tuple(frozenset(options) for options in pinyin(text, style=Style.NORMAL, heteronym=True, errors=lambda chars: list(chars)))  # type: ignore[arg-type,return-value]  # pypinyin takes a list


def sounds_alike(one: str, other: str) -> bool:
    """Same length and each character can be read the same: what a pinyin input method mixes up."""
    if len(one) != len(other) or len(one) < 2 or one == other:
        return False
    a, b = _readings(one), _readings(other)
    return len(a) == len(b) and all(x & y for x, y in zip(a, b, strict=True))


@cache
def known_cities() -> Cities:
    suffixes = _suffixes()
    provinces: dict[str, _Province] = {}
    for province, names in (place_data().get("cities") or {}).items():
        known = provinces[province] = _Province()
        forms: dict[str, set[str]] = {}
        for name in names:
            stem = _stem(name, suffixes)
            short = without_groups(stem) if name.endswith("自治州") else stem
            known.stems[name] = short
            written = {name, stem, short}
            if name.endswith("自治州"):
                written.add(short + "州")  # 凉山州
            for form in written:
                forms.setdefault(form, set()).add(name)
        known.names = {form: next(iter(full)) for form, full in forms.items() if len(full) == 1}
    return Cities(provinces)
