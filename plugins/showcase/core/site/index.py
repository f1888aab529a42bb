"""What the public site shows, computed once from a collection, engine-free.

Listings (themes, categories, provinces and cities, years, activity series), the
home page's choices, related cases and pagination live here, so that any site engine
(MkDocs today, another tomorrow) renders the same site.
"""

from __future__ import annotations

import heapq
import math
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from ..case.model import Case, Status
from ..case.places import county_order, county_stem, learn_place_readings, place_data, place_stem, usual_name
from ..collection.taxonomy import Taxonomy, Term, Vocabulary
from ..options import DEFAULTS
from ..packaged import read_packaged
from .texts import load_texts

PER_PAGE = DEFAULTS.per_page


CASES = "cases/"  # every case page's folder; with the id, its address, which never changes


def case_url(case_id: str) -> str:
    """A case page's site-relative address: ``cases/<id>/`` (published URLs depend on it)."""
    return f"{CASES}{case_id}/"


def case_id_of(url: str) -> str | None:
    """The case id of a site-relative address under ``cases/`` (the page or a file in it), else None."""
    if not url.startswith(CASES):
        return None
    return url[len(CASES) :].split("/", 1)[0] or None


def slugify(name: str) -> str:
    """A URL key from a Chinese place name: 广州市 -> guangzhou.

    The known cities' keys are read from ``data/city-keys.yml`` (``pinyin_key`` made
    them, and a test holds them to it): a build then need not load pypinyin's tables,
    0.3 s of every process that makes a city's address. Other names are made here."""
    return city_keys().get(name) or pinyin_key(name)


def pinyin_key(name: str) -> str:
    """The rule of ``slugify``: the name without its suffix, in toneless pinyin, letters and digits only."""
    # Imported on first use: its tables take 0.3 s to load.
    from pypinyin import lazy_pinyin

    learn_place_readings()
    stem = name
    for suffix in place_data()["url_suffixes"]:
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    return _letters(lazy_pinyin(stem, errors="ignore"))


def _letters(syllables: Iterable[str]) -> str:
    """A key from pinyin syllables: lower-case letters and digits only ("x" when none)."""
    return "".join(ch for ch in "".join(p for p in syllables if p.isascii()).lower() if ch.isalnum()) or "x"


def county_key(name: str) -> str:
    """A county's URL key (越城区 -> yuecheng, 郫都区 -> pidu, 乐东黎族自治县 -> ledong): as
    ``pinyin_key`` reads a city, with places.yml's county lists (``county_url_suffixes``, the
    ethnic groups before 自治…, ``county_char_readings`` and ``county_readings``)."""
    from pypinyin import lazy_pinyin

    places = place_data()
    stem = county_stem(name)
    reading = places["county_readings"].get(stem)
    if reading is not None:
        syllables = reading.split()
    else:
        learn_place_readings()
        syllables = lazy_pinyin(stem, errors=lambda chars: list(chars))  # type: ignore[arg-type,return-value]  # pypinyin takes a list: one item a character
        chars = places["county_char_readings"]
        if len(syllables) == len(stem):
            syllables = [chars.get(ch, syllable) for ch, syllable in zip(stem, syllables, strict=True)]
    return _letters(syllables)


@cache
def city_keys() -> dict[str, str]:
    """``data/city-keys.yml``: a known city's full name -> its URL key."""
    return read_packaged("city-keys.yml") or {}


@dataclass
class Listing:
    """A page that lists cases: one theme, category, province, city, year or series."""

    kind: str  # themes, categories, regions, years, brands
    key: str
    title: str
    description: str = ""
    color: str = ""
    cases: list[Case] = field(default_factory=list)
    parent: Listing | None = None
    children: list[Listing] = field(default_factory=list)
    per_page: int = PER_PAGE
    former_keys: tuple[str, ...] = ()  # a term's former keys (taxonomy aliases written as keys), a city's

    @property
    def ancestors(self) -> list[Listing]:
        """The listings above it, the topmost first: a county's province and city (its breadcrumbs)."""
        above: list[Listing] = []
        parent = self.parent
        while parent is not None:
            above.insert(0, parent)
            parent = parent.parent
        return above

    @property
    def url(self) -> str:
        if self.parent is not None:
            return f"{self.parent.url}{self.key}/"
        return f"{self.kind}/{self.key}/"

    @property
    def former_urls(self) -> list[str]:
        """Its addresses under its term's former keys: a redirect page there (plan.py), and a
        copy of its feeds and data file (offsite.py), as a renamed collection has."""
        base = self.parent.url if self.parent is not None else f"{self.kind}/"
        return [f"{base}{old}/" for old in self.former_keys]

    def at_former_urls(self, path: str) -> list[str]:
        """``path``, a file under this listing's address, at each former address."""
        return at_former_urls(path, self.url, self.former_urls)

    @property
    def count(self) -> int:
        return len(self.cases)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.cases) / self.per_page))

    def page_url(self, number: int) -> str:
        return self.url if number == 1 else f"{self.url}page/{number}/"

    def page(self, number: int) -> list[Case]:
        return self.cases[(number - 1) * self.per_page : number * self.per_page]


def is_place_url(url: str) -> bool:
    """A city's or a county's page (``regions/<province>/<city>/``, ``…/<county>/``): its key
    is made from its name, which two places can share (嵊州市, a slip 胜州市: ``shengzhou``)."""
    return url.startswith("regions/") and url.count("/") >= 3 and "/page/" not in url


def recorded_keys(places: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """``places`` (a place's page -> its name, as urls.lock records them) by the page above:
    ``{"regions/zhejiang/shaoxing/": {"shengzhou": "嵊州市"}}``."""
    below: dict[str, dict[str, str]] = defaultdict(dict)
    for url, name in places.items():
        parent, key = split_place_url(url)
        below[parent][key] = name
    return below


def split_place_url(url: str) -> tuple[str, str]:
    """A place's page -> the page above it and its key: ``regions/zhejiang/shaoxing/shengzhou/``
    -> (``regions/zhejiang/shaoxing/``, ``shengzhou``)."""
    parent, _, key = url[:-1].rpartition("/")
    return parent + "/", key


def key_base(key: str) -> str:
    """The key ``free_key`` numbered, without its number: ``shengzhou-2`` -> ``shengzhou``."""
    base, _, number = key.rpartition("-")
    return base if base and number.isdigit() else key


def owns_key(base: str, key: str) -> bool:
    """Whether ``key`` is ``base`` or one of its numbered forms (``base-2``): a recorded key a
    place keeps only while its name still reads so (a reading put right moves it: former_keys)."""
    return key == base or key_base(key) == base


def city_keys_of(cities: Mapping[str, Sequence[Case]], recorded: Mapping[str, str] | None = None, *, province: str = "") -> dict[str, str]:
    """The key of each city of one province (by its name, with its cases), as its page has it:
    the key urls.lock records for it (``recorded``: key -> name), else, of two that read alike
    (绍兴市, a slip 邵兴市), the one published first keeping the plain key (``county_order``, as
    counties take theirs), the other ``-2``; a recorded key is never another city's. In the
    order of their names, a slip that sorts first (少兴市) took /shaoxing/ from 绍兴市, its
    county pages with it (a trial). A page recorded unnamed is a city's by the rule it was published
    under (``_unnamed_by_name_order``), but under a municipality (``province``), whose unnamed
    pages are its counties': kept from every city."""
    earlier = province not in place_data()["municipalities"]
    recorded = _unnamed_by_name_order(cities, recorded or {}) if earlier else dict(recorded or {})
    keys = {name: key for key, name in sorted(recorded.items(), reverse=True) if name in cities and owns_key(slugify(name), key)}
    used = set(recorded)
    order = sorted(cities, key=lambda name: county_order(name, cities[name]))
    return {name: keys[name] if name in keys else free_key(slugify(name), used) for name in order}


def _unnamed_by_name_order(cities: Iterable[str], recorded: Mapping[str, str]) -> dict[str, str]:
    """``recorded`` with its pages recorded before names were ("") named by the rule they were
    published under: the cities of a province in the order of their names. Upgraded, a site
    whose two cities read alike would otherwise swap their pages at its first build, both
    addresses served and nothing said (a review). An unnamed key no city takes so is left out."""
    unnamed = {key for key, name in recorded.items() if not name}
    if not unnamed:
        return dict(recorded)
    used: set[str] = set()
    earlier = {key: name for name in sorted(set(cities)) if (key := free_key(slugify(name), used)) in unnamed}
    return {key: name for key, name in recorded.items() if name} | earlier


def county_keys_of(
    counties: Mapping[str, Sequence[Case]], used: set[str], recorded: Mapping[str, str] | None = None
) -> dict[str, tuple[str, str]]:
    """The key and name of each county of one city (by its stem, ``county_stem``, with its
    cases), as its page has them: named as most of its cases write it; its key the one
    urls.lock records for it (``recorded``: key -> name, matched by stem), else, of two read
    alike, the one published first keeping the plain key (``county_order``), the other ``-2``;
    a recorded key is never another county's. ``used``: the keys its siblings have already,
    the new ones added. The site's county pages and ``showcase stats`` both take their keys from here."""
    names = {stem: usual_name(c.region.county or "" for c in cases) for stem, cases in counties.items()}
    order = sorted(counties, key=lambda stem: county_order(names[stem], counties[stem]))
    recorded = {key: name for key, name in (recorded or {}).items() if name}  # unnamed: keyed as before names were, by this rule
    keys = {
        county_stem(name): key
        for key, name in sorted(recorded.items(), reverse=True)
        if county_stem(name) in counties and owns_key(county_key(names[county_stem(name)]), key)
    }
    used |= set(recorded)
    return {stem: (keys[stem] if stem in keys else free_key(county_key(names[stem]), used), names[stem]) for stem in order}


def free_key(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… when a sibling has it (two names read alike) or
    it is ``page`` (a listing's pages are at ``page/N/``); added to ``used``."""
    key, number = base, 2
    while key in used or key == "page":
        key, number = f"{base}-{number}", number + 1
    used.add(key)
    return key


def at_former_urls(path: str, url: str, former_urls: list[str]) -> list[str]:
    """``path``, a file under ``url`` (a listing's, a collection's), under each former address."""
    rest = path.removeprefix(url)
    return [former + rest for former in former_urls] if rest != path else []


def page_numbers(number: int, pages: int, around: int = 2) -> list[int | None]:
    """The page numbers a listing's pager shows on page ``number``: the first, the last and
    ``around`` either side of ``number``, None where a run of two or more is left out (one
    left out is shown: a gap would take its place anyway). A link to every page would put
    1,700 links on each of the 1,700 pages of a 50,000-case listing: a pager taller than
    the phone's screen many times over, and a build that grows with the square of the
    collection."""
    shown = sorted({1, pages, *range(max(1, number - around), min(pages, number + around) + 1)})
    numbers: list[int | None] = []
    last = 0
    for n in shown:
        if n - last == 2:
            numbers.append(last + 1)
        elif n - last > 2:
            numbers.append(None)
        numbers.append(n)
        last = n
    return numbers


@dataclass
class Section:
    """The index page of one kind of listing (all themes, all regions, …)."""

    kind: str  # also its title's key in texts.yml's nav
    listings: list[Listing]

    @property
    def url(self) -> str:
        return f"{self.kind}/"


def organization_key(case: Case) -> tuple[str, str, str, str]:
    """One organization of the 参与组织 total: its name in its county. Names repeat across
    places (阳光志愿服务队, 夕阳红老年人协会 are in many a city), so a name alone counted the
    teams of a whole country as one; a county written 越秀 or 越秀区 is one county."""
    region = case.region
    province = region.province.key if region.province else ""
    # a name written with spaces or full-width brackets, a city with and without 市: one
    # organization all the same (helper rvD's notes)
    name = "".join(unicodedata.normalize("NFKC", case.organization.name).split())
    city = place_stem(region.city, place_data()["url_suffixes"]) if region.city else ""
    return (name, province, city, county_stem(region.county) if region.county else "")


def _newest_first(case: Case) -> tuple:
    """Newest publication (approval) first, as in the feeds; then newest activity, then id."""
    published = case.review.approved or case.date
    return (-(published.toordinal() if published else 0), -(case.date.toordinal() if case.date else 0), case.id)


# Each topic's newest cases ``SiteIndex.related`` reads for a page: enough that the cases a case
# shares its rarer topics with are all read, bounded for a topic thousands of cases have.
RELATED_READ = 40


def _topics_of(case: Case) -> Iterator[str]:
    """What a case is about, for ``SiteIndex.related``: its tags, beneficiaries, brands and county."""
    yield from (f"tag:{tag}" for tag in case.tags)
    yield from (f"for:{who}" for who in case.beneficiaries)
    yield from (f"brand:{brand.key}" for brand in case.brands)
    if case.region.county:
        yield f"county:{case.region.province.key if case.region.province else ''}:{case.region.county}"


class SiteIndex:
    """Every listing of the published cases, computed once per build."""

    def __init__(
        self,
        cases: list[Case],
        taxonomy: Taxonomy,
        per_page: int = PER_PAGE,
        *,
        texts: dict[str, Any] | None = None,
        county_pages: bool = DEFAULTS.county_pages,
        places: Mapping[str, str] | None = None,
    ):
        """``texts``: the site's words (``load_texts``), for the years' titles; the packaged ones if None.
        ``county_pages``: a page for each county (district) under its city's, and under a
        municipality's own page (the option of that name). ``places``: the place each city's
        and county's page showed when published (urls.lock's ``Ledger.places``), which keeps it."""
        self.taxonomy = taxonomy
        self._recorded = recorded_keys(places or {})
        self.county_pages = county_pages
        self._counties: dict[tuple[str, str, str], Listing] = {}  # (province key, city or "", county) -> its listing
        words = texts or load_texts()
        self.year_words: str = words["labels"]["year"]
        # what a year is (the practice's start, not the publication): a department counting
        # a year's cases read it as published that year (a reader's review)
        self.year_about: str = words["labels"]["year_about"]
        self.per_page = per_page
        self.published = sorted((c for c in cases if c.is_published), key=_newest_first)
        self.withdrawn = [c for c in cases if c.ok and c.status is Status.WITHDRAWN]
        self.by_id = {c.id: c for c in self.published}
        # every id whose /cases/<id>/ has a page: a published case's, a withdrawn one's notice, a former id's redirect
        self.case_addresses = frozenset(x for c in (*self.published, *self.withdrawn) for x in (c.id, *c.aliases))
        self.themes = self._terms("themes", taxonomy.themes, lambda c: c.themes)
        self.categories = self._terms("categories", taxonomy.categories, lambda c: [c.organization.category])
        self.brands = self._terms("brands", taxonomy.brands, lambda c: c.brands)
        self.provinces = self._regions()
        self.years = self._years()
        self.theme_of = {listing.key: listing for listing in self.themes}
        for listing in self.listings():
            listing.per_page = per_page

    def _terms(self, kind: str, vocab: Vocabulary, terms_of: Callable[[Case], Iterable[Term | None]]) -> list[Listing]:
        listings = {t.key: Listing(kind, t.key, t.label, t.description, t.color, former_keys=t.former_keys) for t in vocab}
        for case in self.published:
            for term in terms_of(case):
                if term is not None:
                    listings[term.key].cases.append(case)
        return list(listings.values())

    def _regions(self) -> list[Listing]:
        provinces: dict[str, Listing] = {}
        cities: dict[str, dict[str, Listing]] = defaultdict(dict)
        municipalities = set(place_data()["municipalities"])
        for case in self.published:
            term = case.region.province
            if term is None:  # published cases have one; checked by the rules
                continue
            province = provinces.get(term.key)
            if province is None:
                province = provinces[term.key] = Listing("regions", term.key, term.name)
            province.cases.append(case)
            city = None
            if case.region.city:
                city = cities[term.key].get(case.region.city)
                if city is None:
                    former = tuple(place_data()["former_city_keys"].get(case.region.city, ()))  # a reading put right
                    city = cities[term.key][case.region.city] = Listing(
                        "regions", "", case.region.city, parent=province, former_keys=former
                    )
                city.cases.append(case)
            # A county's page is under its city's; a municipality's city is the municipality
            # itself (rules.py leaves its city empty), so its districts are under its page.
            above = city if city is not None else province if term.name in municipalities else None
            if self.county_pages and case.region.county and above is not None:
                where = (term.key, case.region.city or "", county_stem(case.region.county))
                county = self._counties.get(where)
                if county is None:
                    county = self._counties[where] = Listing("regions", "", case.region.county, parent=above)
                county.cases.append(case)
        for key, by_name in cities.items():
            in_province = self._recorded.get(provinces[key].url)
            by_cases = {name: city.cases for name, city in by_name.items()}
            for name, city_key in city_keys_of(by_cases, in_province, province=provinces[key].title).items():
                city = by_name[name]
                city.key = city_key
                provinces[key].children.append(city)
        by_place: dict[int, dict[str, Listing]] = defaultdict(dict)  # a city's (a municipality's) counties, by stem
        for (_, _, stem), county in self._counties.items():
            by_place[id(county.parent)][stem] = county
        for counties in by_place.values():
            above = next(iter(counties.values())).parent
            assert above is not None
            used = {child.key for child in above.children}  # a municipality's own cities (a name not in places.yml) keep theirs
            recorded = self._recorded.get(above.url)
            for stem, (key, name) in county_keys_of({stem: c.cases for stem, c in counties.items()}, used, recorded).items():
                counties[stem].key, counties[stem].title = key, name  # 越秀区 beside a stray 越秀
                above.children.append(counties[stem])
        for province in provinces.values():
            province.children.sort(key=lambda c: (-c.count, c.key))
            for city in province.children:
                city.children.sort(key=lambda c: (-c.count, c.key))
        order = {t.key: i for i, t in enumerate(self.taxonomy.provinces)}
        return sorted(provinces.values(), key=lambda p: (-p.count, order.get(p.key, 99)))

    def _years(self) -> list[Listing]:
        years: dict[int, Listing] = {}
        for case in self.published:
            if case.date is None:
                continue
            year = case.date.year
            if year not in years:
                years[year] = Listing("years", str(year), self.year_title(year), self.year_about.format(year=year))
            years[year].cases.append(case)
        return [years[y] for y in sorted(years, reverse=True)]

    def year_title(self, year: int) -> str:
        """A year's listing's title, which its booklet takes too (``showcase booklet --year``)."""
        return self.year_words.format(year=year)

    @cached_property
    def sections(self) -> list[Section]:
        """In the order the site shows them; each titled by texts.yml's ``nav`` (``plan_site``)."""
        return [
            Section("themes", self.themes),
            Section("categories", self.categories),
            Section("regions", self.provinces),
            Section("years", self.years),
            Section("brands", self.brands),
        ]

    def listings(self) -> Iterator[Listing]:
        """Every listing, cities (and counties) included."""

        def down(listing: Listing) -> Iterator[Listing]:
            yield listing
            for child in listing.children:
                yield from down(child)

        for section in self.sections:
            for listing in section.listings:
                yield from down(listing)

    @cached_property
    def _county_ids(self) -> frozenset[int]:
        """The county listings (by identity): a municipality's districts sit among its cities."""
        return frozenset(map(id, self._counties.values()))

    @cached_property
    def _places(self) -> tuple[dict[str, Listing], dict[tuple[str, str], Listing]]:
        """Province listings by key, city listings by (province key, city): once, not a scan per page."""
        provinces = {p.key: p for p in self.provinces}
        cities: dict[tuple[str, str], Listing] = {}
        for province in self.provinces:
            for city in province.children:
                if id(city) not in self._county_ids:  # a municipality's districts are beside its cities
                    cities.setdefault((province.key, city.title), city)
        return provinces, cities

    def city_of(self, case: Case) -> Listing | None:
        key = case.region.province.key if case.region.province else None
        return self._places[1].get((key, case.region.city or "")) if key is not None else None

    def county_of(self, case: Case) -> Listing | None:
        """The page of its county (district): only with ``county_pages``, and only under its city's."""
        if case.region.province is None or not case.region.county:
            return None
        return self._counties.get((case.region.province.key, case.region.city or "", county_stem(case.region.county)))

    def province_of(self, case: Case) -> Listing | None:
        key = case.region.province.key if case.region.province else None
        return self._places[0].get(key) if key is not None else None

    def search_county(self, case: Case) -> Listing | None:
        """The case's county for the search page's county filter: on a site of one city
        with ``county_pages`` only (None elsewhere, and for a case without one)."""
        return self.county_of(case) if self.local_counties is not None else None

    @cached_property
    def local_counties(self) -> tuple[Listing, list[Listing]] | None:
        """A site of one city (or one municipality), with ``county_pages``: that place's
        listing and its counties' (the statistics count by county there, the search page
        filters by county); None elsewhere. Worked out once: the search fields ask per case."""
        if not self._counties or len(self.provinces) != 1:
            return None
        place = self.provinces[0]
        counties = self._county_ids
        if len(place.children) == 1 and id(place.children[0]) not in counties:
            # its one city holds every case that names a city: a case that left its city out
            # is no second city (as ``showcase stats`` counts, core/editors/stats.py); one
            # such case took the by-county statistics and search filter off a city's site
            place = place.children[0]
        if not place.children or any(id(child) not in counties for child in place.children):
            return None
        return place, place.children

    @cached_property
    def home_places(self) -> list[Listing]:
        """The home page's 按地区: on a city's own site with ``county_pages`` its counties; on a
        province's site its cities (a maintainer's trial: 浙江省 3, the one row; /stats/ counts
        them by city too); else the provinces."""
        if self.local_counties is not None:
            return list(self.local_counties[1])
        if len(self.provinces) == 1 and len(self.provinces[0].children) > 1:
            return list(self.provinces[0].children)
        return list(self.provinces)

    @cached_property
    def featured(self) -> list[Case]:
        return [c for c in self.published if c.featured][:6]

    def latest(self, count: int = 6) -> list[Case]:
        return self.published[:count]

    @cached_property
    def _topics(self) -> tuple[dict[str, list[int]], list[tuple[frozenset[str], str]]]:
        """What ``related`` reads, made once: each topic (a tag, a beneficiary, a brand, a county)
        with its published cases, newest first, as their places in ``published``; and each
        case's theme keys and province, by that place."""
        postings: dict[str, list[int]] = defaultdict(list)
        frames = []
        for at, case in enumerate(self.published):
            for topic in dict.fromkeys(_topics_of(case)):
                postings[topic].append(at)
            frames.append((frozenset(t.key for t in case.themes), case.region.province.key if case.region.province else ""))
        return dict(postings), frames

    def related(self, case: Case, count: int = 4) -> list[Case]:
        """Cases of the same primary theme or province, those that share the most of its tags,
        beneficiaries, brands and county first (a rarer one counts more: a tag every case has,
        as the sample's 示例, counts for nothing), then the newest. A reader's trial: the newest
        four of the theme were every case's, an elder-care case offered a summer camp and a
        time bank, not the other elder-meal case. Each topic's newest ``RELATED_READ`` cases are
        read: a bounded cost a page at 10,000 cases."""
        postings, frames = self._topics
        published = self.published
        total = len(published) or 1
        theme = case.primary_theme.key if case.primary_theme is not None else None
        province = case.region.province.key if case.region.province else ""
        scores: dict[int, float] = defaultdict(float)
        for topic in dict.fromkeys(_topics_of(case)):
            holders = postings.get(topic, ())
            weight = math.log(total / len(holders)) if holders else 0.0
            if weight <= 1e-9:
                continue
            for at in holders[:RELATED_READ]:
                themes, where = frames[at]
                # of the theme or the province, as the newest the page offered were (its frame of reference)
                if (theme in themes or where == province) and published[at] is not case:
                    scores[at] += weight
        best = heapq.nsmallest(count, scores, key=lambda at: (-round(scores[at], 6), at))
        chosen: list[Case] = [published[at] for at in best]
        if len(chosen) == count:
            return chosen
        pools = []
        if case.primary_theme is not None:
            pools.append(self.theme_of[case.primary_theme.key].cases)
        listing = self.province_of(case)
        if listing is not None:
            pools.append(listing.cases)
        taken = {id(c) for c in chosen}
        for pool in pools:
            for other in pool:
                if other is not case and id(other) not in taken:
                    taken.add(id(other))
                    chosen.append(other)
                    if len(chosen) == count:
                        return chosen
        return chosen

    def totals(self) -> dict[str, int]:
        return {
            "cases": len(self.published),
            "volunteers": sum(c.volunteers or 0 for c in self.published),
            "served": sum(c.served or 0 for c in self.published),
            "organizations": len({organization_key(c) for c in self.published}),
            "provinces": len(self.provinces),
        }
