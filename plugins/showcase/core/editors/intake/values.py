"""Form values to front-matter values, through the same parsing as ``showcase new``.

Short and full theme names, 湖南 → 湖南省, 2024年3月5日 → 2024-03-05, “46人” → 46,
full-width separators. A value that cannot be used is not guessed: it becomes a problem
the import report shows (with what was written), and the draft gets a placeholder.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ...case import invisible
from ...case.fields import FORM_NEGATIONS, Field
from ...case.fields import field as field_rule
from ...case.model import Status
from ...case.pii import quoted
from ...case.placeholders import MARKER
from ...case.places import known_cities, place_data
from ...case.written import count_hedges, count_written, date_digits, date_part, hedge_meaning, month_parts, vague_count
from ...chinadate import china_today
from ...collection.taxonomy import Taxonomy, Term, Vocabulary
from ...outputs.form import Row, rows
from ..caseid import place_words
from ..newcase import FULLWIDTH, LIST_SPLIT, InputError, parse_count, parse_date, parse_term, parse_themes, plain_text, simplified_place
from .address import CITY, COUNTY, PLACE, PROVINCE, STREET, province_of_city, read_place, split_place

if TYPE_CHECKING:
    from ...case.model import Case

_NONE = {"无", "没有", "暂无", "/", "／", "-", "—", "——", "不填", "空", "无。"}
# The drafts' and the case template's stand-in (core/case/placeholders.py), copied into a
# form: not a value (a summary of 【请填写】 was reported as five characters long).
# Never across another 【: a value of many unclosed markers is read in linear time.
_PLACEHOLDER = re.compile(re.escape(MARKER) + "[^】【]*】")
# Tick boxes, as forms print the choices (☐新风正气 ☒便民服务, 城市（√） 农村（ ）): a box ticked,
# and one left empty. ● is a choice made only in a row of ○ (radio buttons): elsewhere
# people write it as a bullet (a review).
TICKED = "☑☒⊠■▣√✓✔✅◉"
UNTICKED = "☐□▢⬜○◯"
_BRACKETED = re.compile(rf"[（(][ \t\u3000]*(?:(?P<mark>[{TICKED}●])[ \t\u3000]*)?[）)]")  # （√） and （ ）
_SEPARATORS = " \t\n\u3000、，,;；:：.．"
_SPACES = " \t\u3000"
_LEAD_END = "）)】]：:.．"  # what ends a lead-in before the first box: （单选）, 请勾选：, A.


def ticked(text: str) -> list[str] | None:
    """The choices ticked in ``text`` when it is a row of tick boxes, in order; None when it
    has no box, or when its boxes are neither clearly each before its choice (☐新风正气
    ☒便民服务, （单选）□登记 ☑备案, A.☐甲 B.☑乙) nor each after it (便民服务√, 城市（√） 农村（ ）,
    新风正气 便民服务√). A choice is the words next to its box up to a separator; a choice
    with no box is not ticked. A helper's trial: ☐新风正气 ☒便民服务 ☐社区治理 was read as
    all three themes; two reviews: a tick after its choice, and a lead-in before the first
    box, were read as ticking another choice."""
    ticks = TICKED + ("●" if any(c in text for c in "○◯") else "")
    marked = _BRACKETED.sub(lambda m: m.group("mark") or UNTICKED[0], text)
    boxes = [i for i, c in enumerate(marked) if c in ticks or c in UNTICKED]
    if not boxes:
        return None

    def word(c: str) -> bool:
        return bool(c) and c not in _SEPARATORS and c not in ticks and c not in UNTICKED and c not in _LEAD_END

    # each box's neighbours, spaces aside: (the character before, spaces between), (the one after, spaces between)
    around = [(_next_to(marked, i, -1), _next_to(marked, i, 1)) for i in boxes]
    leads = sum(1 for (before, spaced), (after, _) in around if word(after) and (not word(before) or spaced))
    trails = sum(1 for (before, _), (after, spaced) in around if word(before) and (not word(after) or spaced))
    first = marked.lstrip(_SEPARATORS)[:1]
    if first and (first in ticks or first in UNTICKED) and all(word(after) for _, (after, _) in around):  # ☑甲☑乙
        leads, trails = len(boxes), 0
    if leads == len(boxes) and trails < len(boxes):
        choices = [_boxed(marked, i, forward=True) for i in boxes]
    elif trails == len(boxes) and leads < len(boxes):
        choices = [_boxed(marked, i, forward=False) for i in boxes]
    else:
        return None
    return [choice for i, choice in zip(boxes, choices, strict=True) if marked[i] in ticks and choice]


def _next_to(marked: str, at: int, step: int) -> tuple[str, bool]:
    """The character next to ``at`` in the direction of ``step`` (-1, 1), spaces aside ("" at
    an end), and whether spaces stood between."""
    j = at + step
    while 0 <= j < len(marked) and marked[j] in _SPACES:
        j += step
    return (marked[j] if 0 <= j < len(marked) else ""), j != at + step


def _boxed(marked: str, box: int, *, forward: bool) -> str:
    """The words beside ``box``: after it up to a separator or box, or before it back to one."""
    stop = set(_SEPARATORS) | set(TICKED) | set(UNTICKED) | {"●"}
    if forward:  # a choice may hold brackets: ☑ 公益慈善类（社区社会组织）
        i = box + 1
        while i < len(marked) and marked[i] in _SPACES:
            i += 1
        j = i
        while j < len(marked) and marked[j] not in stop:
            j += 1
        return marked[i:j]
    i = box
    while i > 0 and marked[i - 1] in _SPACES:
        i -= 1
    j = i
    while j > 0 and marked[j - 1] not in stop and marked[j - 1] not in _LEAD_END:  # not back into （单选）
        j -= 1
    return marked[j:i]


@dataclass
class Values:
    """What the form gave: front-matter values by path, problems by label, contact for the report."""

    found: dict[tuple[str, ...], Any] = field(default_factory=dict)
    written: dict[tuple[str, ...], str] = field(default_factory=dict)  # as typed, for the report
    problems: dict[str, str] = field(default_factory=dict)  # form label -> why it was not used
    contact: dict[str, str] = field(default_factory=dict)  # 联系人 / 联系电话 -> value
    notes: list[str] = field(default_factory=list)
    remarks: dict[tuple[str, ...], str] = field(default_factory=dict)  # path -> a comment for its line in the draft
    # path -> as typed, of a value that says the field stays empty (结束时间：至今): read, not 没有填写
    left_empty: dict[tuple[str, ...], str] = field(default_factory=dict)


def _plain(text: str, f: Field) -> str:
    return plain_text(text, f.label)


def _words(text: str) -> list[str]:
    return [w.strip().strip("“”\"'") for w in LIST_SPLIT.split(text.translate(str.maketrans("，、；", ",,;"))) if w.strip().strip("“”\"'")]


def _choice(text: str, f: Field) -> str:
    value = text.strip()
    if value in f.choices:
        return value
    if not value.startswith(FORM_NEGATIONS):
        hits = [c for c in f.choices if c in value]
        if len(hits) == 1:
            return hits[0]
        # the words fields.yml gives each choice: 乡镇 is 农村, 城乡 is refused (both)
        meant = [choice for choice, words in f.choice_words if any(word in value for word in words)]
        if len(meant) == 1:
            return meant[0]
    # the form's own words for the row (登记情况, not the field's 登记备案: an organization's trial),
    # and that a row it need not fill can be left empty (未登记 was told only 只能写：登记、备案)
    empty = "" if f.required else "；都不是就空着不填"
    raise InputError(f"{f.form or f.label}“{value}”不是可选值，只能写：{'、'.join(f.choices)}{empty}。")


def _vocab(taxonomy: Taxonomy, name: str | None) -> Vocabulary:
    vocab = taxonomy.vocabulary(name)
    if vocab is None:
        raise KeyError(name)  # a field of kind terms always names one (data/fields.yml)
    return vocab


def parse_value(row: Row, text: str, taxonomy: Taxonomy) -> Any:
    """The front-matter value for ``text`` typed in ``row``; InputError says why not."""
    f = row.field
    if f.kind == "text":
        value = _plain(text, f)
        if not f.lo <= len(value) <= f.hi and row.path is not None:
            raise InputError(f"{f.form or f.label}有 {len(value)} 个字，应为 {f.lo}–{f.hi} 个字。")
        return value
    if f.kind == "terms" and f.vocabulary == "themes":
        return parse_themes(_words(text), taxonomy.themes)
    if f.kind == "terms":
        terms: list[Term] = []
        for word in _words(text):
            term = parse_term(word, _vocab(taxonomy, f.vocabulary))
            if term not in terms:
                terms.append(term)
        return terms
    if f.kind == "term":
        vocab = _vocab(taxonomy, f.vocabulary)
        value = text.strip()
        found: Term | None = vocab.lookup(value)
        if found is None and f.vocabulary == "provinces":  # 湖南 → 湖南省, “湖南省长沙市” → 湖南省
            starts = [t for t in vocab.terms if value.startswith(t.short or t.name)]
            found = starts[0] if len(starts) == 1 else None
        return found or parse_term(value, vocab)
    if f.kind == "choice":
        return _choice(text, f)
    if f.kind == "date":
        return parse_date(text)
    if f.kind == "list":
        return _words(text)
    if f.kind == "count":
        return parse_count(text, f)
    raise InputError(f"{f.label}不能从申报表读入。")  # pragma: no cover - the form has no other kinds


# Between the two dates of a period: 至, 到, a tilde or a dash (a hyphen only with spaces around it).
_PERIOD = re.compile(r"\s*(?:至|到|~|～|—+|–|－|\s-\s)\s*")
_YEAR = re.compile(r"(\d{4})\s*年?")
_UNTIL_NOW = {"今", "至今", "现在", "目前", "今天", "今年"}
# An end date that says the activity goes on: no end date, as the form asks (不填).
_ONGOING = _UNTIL_NOW | {
    "持续",
    "持续开展",
    "持续至今",
    "长期",
    "长期开展",
    "常态化开展",
    "进行中",
    "正在进行",
    "正在开展",
    "仍在开展",
    "未结束",
    "尚未结束",
}


# 冬 is no part date_part reads: 2024年冬季 may be its January or its December.
_WINTER = re.compile(r"(\d{4})\s*年?\s*冬(?:季|天)?")


def _unguessed(text: str) -> str | None:
    """Why a date that names its year is not read (2024年冬季); None for another text."""
    written = " ".join(text.split())
    parts = _PERIOD.split(date_digits(written).translate(FULLWIDTH), maxsplit=1)  # 2024年冬季至2025年春季: its start
    winter = _WINTER.fullmatch(parts[0].strip())
    if winter is None:
        return None
    which = f"“{written}”里的“{winter[0]}”" if len(parts) == 2 else f"“{written}”"
    return f"{which}可能是年初，也可能是年底，没有猜：请写到月份，例如 2024年12月 或 2024年1月。"


def _when(text: str, *, last: bool = False) -> tuple[date, str] | None:
    """(the date, how its day was chosen: "" when written, else 第一天 of the month or year
    written, or of its part: 3月上旬（1–10日）的第一天; 最后一天 with ``last``); None when
    neither a day, a month, a year nor a part of one is written."""
    try:
        return parse_date(text), ""
    except InputError:
        pass
    text = " ".join(text.translate(FULLWIDTH).split()).replace("月份", "月")  # a run of spaces as one: each pattern reads it once
    which = "最后一天" if last else "第一天"
    month = month_parts(text)
    if month is not None:
        year, number = month
        if 1 <= number <= 12 and year >= date.min.year:  # 0000年3月: no date, not Python's ValueError
            return date(year, number, calendar.monthrange(year, number)[1] if last else 1), which
    year_only = _YEAR.fullmatch(text)
    if year_only is not None and int(year_only[1]) >= date.min.year:
        return (date(int(year_only[1]), 12, 31) if last else date(int(year_only[1]), 1, 1)), which
    part = date_part(text)
    if part is not None:
        first, final, said = part
        return (final if last else first), f"{said}的{which}"
    return None


@dataclass(frozen=True)
class Period:
    """A start date read from a month or a period, as ``read_period`` found it."""

    written: str
    start: date
    guess: str  # how the start's day was chosen ("" when written: _when)
    end: date | None  # the second date, when it could be used
    ended: bool  # a second date was written (not 至今)
    end_guess: str = ""  # how the end's day was chosen
    before: tuple[str, date] | None = None  # a second date, read before the start (11月至3月, 2024年5月至2023年3月)

    @property
    def whole(self) -> bool:
        """The start's day was written."""
        return not self.guess

    def note(self, end_taken: bool) -> str:
        """What the report says was taken (``end_taken``: the end went into end_date)."""
        said = f"开展时间写的是“{' '.join(self.written.split())}”，已按 {self.start.isoformat()} 填入"
        if not self.whole:
            said += f"（没写到哪一天，暂按{self.guess}）"
        if self.end is not None and end_taken:
            said += f"，结束时间按 {self.end.isoformat()} 填入"
            if self.end_guess:
                said += f"（暂按{self.end_guess}）"
        elif self.before is not None:
            second, read = self.before
            said += f"，结束时间“{second}”（按 {read.isoformat()}）早于开展时间，没有填入；" + (
                "可能是两个日期写反了，或年份写错了"  # its year written: no year to add
                if _YEAR.match(second)
                else f"跨年的请写上年份，例如“至{self.start.year + 1}年{second}”"
            )
        elif self.ended and self.end is None:
            said += "，后面的结束时间没有读出来，需要的话请在 end_date 填写"
        return said + "，请核对。"


def read_period(text: str) -> Period | None:
    """How forms give the date of an activity when not as one day: 2023年5月, 2023年5月至今,
    2023年5月1日—2024年6月30日, 二〇二三年五月一日; None when not even a year can be read."""
    written = date_digits(" ".join(text.split()))
    parts = _PERIOD.split(written, maxsplit=1)
    if len(parts) == 1:
        parts = _hyphen_period(written) or parts
    first = _when(parts[0])
    if first is None:
        return None
    start, guess = first
    ended = len(parts) == 2 and parts[1].strip() not in _UNTIL_NOW
    end: date | None = None
    end_guess = ""
    before: tuple[str, date] | None = None
    if ended and (second := _when(_in_year_of(parts[1].strip(), start), last=True)) is not None:
        end, end_guess = second
        if end < start:  # said as such, not as 没有读出来 (Period.note)
            before = (parts[1].strip(), end)
            end, end_guess = None, ""
    return Period(text, start, guess, end, ended, end_guess, before)


_NEXT_YEAR = re.compile(r"(?:次年|翌年|第二年|转年|来年)\s*")


def _in_year_of(second: str, start: date) -> str:
    """The period's second date with what it leaves out taken from the first: 6月30日 and 30日."""
    if re.match(r"\d{4}", second):
        return second
    if next_year := _NEXT_YEAR.match(second):  # 2023年11月至次年3月
        return f"{start.year + 1}年{second[next_year.end() :].lstrip()}"
    if re.fullmatch(r"\d{1,2}\s*[日号]|[上中下]旬|月[初中底末]", second):  # 30日, 下旬, 月底
        return f"{start.year}年{start.month}月{second.removeprefix('月')}"
    return f"{start.year}年{second}"


def _hyphen_period(text: str) -> list[str] | None:
    """``2023.5.1-2023.6.30``: split at the one hyphen with a date on either side (a hyphen
    is inside ``2023-05-01`` too, so only a split that leaves two dates counts)."""
    for index, ch in enumerate(text):
        if ch == "-" and 0 < index < len(text) - 1:
            left, right = text[:index].strip(), text[index + 1 :].strip()
            first = _when(left)
            if first is None or _YEAR.fullmatch(left):  # a year alone is the start of 2023-05-01
                continue
            if _when(_in_year_of(right, first[0]), last=True) is not None:
                return [left, right]
    return None


def _theme_within(word: str, taxonomy: Taxonomy) -> Term | None:
    """The one theme whose name a word not itself a theme contains (便民服务类, 便民服务主题)."""
    try:
        parse_term(word, taxonomy.themes)
        return None
    except InputError:
        pass
    hits = {t.key: t for t in taxonomy.themes for form in (t.short, t.name) if form and form in word}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _themes_within(text: str, taxonomy: Taxonomy, values: Values) -> str:
    """``text`` with each theme written with more around it (便民服务类) as the theme, said in a note."""
    words = _words(text)
    read = [(word, _theme_within(word, taxonomy)) for word in words]
    if not any(term for _, term in read):
        return text
    values.notes.append("实践主题" + "、".join(f"“{word}”读作“{term.label}”" for word, term in read if term) + "，请核对。")
    return "、".join(term.label if term else word for word, term in read)


def _brands_among_themes(text: str, taxonomy: Taxonomy, values: Values, brands: list[Term]) -> str:
    """``text`` without the words that are a brand's name, not a theme's (文化铸魂 written as a
    theme: one of the four national brands), which go to ``brands`` with a note: the import
    said the word was no theme and dropped it (an editor's week)."""
    kept: list[str] = []
    for word in _words(text):
        term = _brand_not_theme(word, taxonomy)
        if term is None:
            kept.append(word)
            continue
        if term not in brands:
            brands.append(term)
        values.notes.append(f"实践主题里写的“{word}”是活动品牌，不是实践主题：已填入活动品牌（brands），请核对。")
    return "、".join(kept) if len(kept) < len(_words(text)) else text


def _brand_not_theme(word: str, taxonomy: Taxonomy) -> Term | None:
    """The brand ``word`` names (by its name, not a number: 1 is a theme's), when it names no theme."""
    if word.isdigit():
        return None
    try:
        parse_term(word, taxonomy.themes)
        return None
    except InputError:
        pass
    try:
        return parse_term(word, taxonomy.brands)
    except InputError:
        return None


def _some_terms(text: str, row: Row, taxonomy: Taxonomy, typed: str = "") -> tuple[list[Term], str] | None:
    """The terms of ``text`` that are terms of ``row``'s vocabulary, when some are not (社区治里
    beside 社区治理) or there are more than it takes: the good ones kept, the first ``max`` of
    them, the others said; None when none is. An organization's trial: 活动品牌 共建共治共享、邻里守望相助
    lost the good brand with the unknown one, and four themes left the draft with a theme the
    worker never chose."""
    rule = row.field
    kept: list[Term] = []
    refused: list[str] = []
    for word in _words(text):
        try:
            term = parse_term(word, _vocab(taxonomy, rule.vocabulary))
        except InputError as exc:
            refused.append(str(exc).rstrip("。"))
            continue
        if term not in kept:
            kept.append(term)
    kept, over = kept[: rule.hi], kept[rule.hi :]
    if not kept or not (refused or over):
        return None
    written = " ".join((typed or text).split())  # as typed, not as read (便民服务类, not 便民服务: a code review)
    if over:
        refused.append(f"{row.label}最多选 {rule.hi} 个，没有填入{'、'.join(t.label for t in over)}")
    return kept, f"{row.label}写的是“{written}”：{'；'.join(refused)}。已填入{'、'.join(t.label for t in kept)}，请核对。"


_REGION_ROWS = tuple(part.form or part.label for part in field_rule("region").fields)  # 省份 … 社区（村）, widest first


# A county the site's cases write, and the province and city they write it in (one
# place only: 朝阳区 of 北京市 and of 长春市 is none), as the import is given it
Counties = Mapping[str, tuple[str, str]]


def _place_rows(typed: dict[str, str], taxonomy: Taxonomy, values: Values, counties: Counties | None = None) -> dict[str, str]:
    """``typed`` with the region rows a place written in one line gives (a free-form
    file's 所在地区 line, or the whole place typed into the form's 省份 cell); a row typed
    on its own is kept as typed."""
    typed, counties = dict(typed), counties or {}
    # the whole place typed into the 城市 or 区县 cell too (湖南省长沙市岳麓区橘子洲街道: the draft
    # had it all as the city, its province the stand-in one: an organization's trial)
    for label in (PLACE, PROVINCE, CITY, COUNTY):
        text = " ".join(typed.get(label, "").split())
        if not text or text in _NONE:
            continue
        parts, rest = read_place(text, taxonomy)
        if label == PROVINCE and len(parts) < 2:
            continue  # the province alone, or not a place: read as the 省份 row always was
        if label in (CITY, COUNTY) and not _more_than(label, text, parts):
            continue  # its own place alone (东莞市, 杭州): read as the row always was
        if not parts:
            continue  # (a 地址 line naming no place stays in the body: labelled.take_labelled)
        taken = {row: value for row, value in parts.items() if not typed.get(row, "").strip() or row == label}
        typed.update(taken)  # 省份 “广州” → 广东省, with 广州市 as the city
        if taken:  # only the rows it filled: a row typed on its own is kept as typed
            read = "、".join(f"{row} {value}" for row, value in taken.items())
            # no county read, and more written: a place the list of cities does not know (浙江义乌稠城街道:
            # 义乌 is a city inside 金华市) was dropped unsaid, the note saying only 省份 浙江省 (a trial)
            # what follows a street or a community is an address (a road, a house): no more to read;
            # the rows named are those left empty, a municipality's city row not among them (a review)
            missing = [
                row
                for row in (CITY, COUNTY, STREET)
                if row not in parts and not (row == CITY and parts[PROVINCE] in place_words().municipalities)
            ]
            unread = f"；后面的“{rest}”没有读出，请把{'、'.join(missing)}填好" if rest and missing and STREET not in parts else ""
            values.notes.append(f"{label}“{text}”读作：{read}{unread}。请核对。")
    organization = " ".join(typed.get("组织名称", "").split())
    if organization and not any(typed.get(row, "").strip() for row in (*_REGION_ROWS, PLACE)):
        # no place given but the organization's name, which begins with one (深圳市南山区…长者服务中心):
        # the draft stood in the stand-in province, in 未填省份/ (helper winH's trial). Its street and
        # community are not taken: the rest of a name is no address (某某街道长者服务中心).
        taken = {row: value for row, value in split_place(organization, taxonomy).items() if row in _REGION_ROWS[:3]}
        said = f"没有写所在地区，按组织名称“{organization}”填入："
        # only a place the name writes as one (深圳市, 越秀区): a name that begins with a place's
        # short name names no place (中山大学 is in 广州市, 海南大学 is no prefecture of 青海省,
        # 安康养老 a good wish): it put the draft under another province, its id another city's
        named = bool(taken) and any(value in organization for value in taken.values())
        # or a name that begins with its county alone (海珠区瑞宝街道…: an editor's trial's
        # draft went to 未填省份/), a county the site's cases write in one place
        county = None if named else next((name for name in sorted(counties, key=len, reverse=True) if organization.startswith(name)), None)
        if county is not None:
            where = counties[county]
            taken = {PROVINCE: where[0], **({CITY: where[1]} if where[1] else {}), COUNTY: county}
            said = f"没有写所在地区，组织名称以“{county}”开头，按网站已有的案例填入："
        if named or county is not None:
            typed.update(taken)
            values.notes.append(said + "、".join(f"{row} {value}" for row, value in taken.items()) + "。请核对。")
    city = " ".join(typed.get(CITY, "").split())
    if not typed.get(PROVINCE, "").strip() and city and (province := province_of_city(city)) is not None:
        # 省份 left empty beside a known city: the draft stood in the first province, 北京市, and the
        # check then told the editor to delete the city line of a municipality (an editor's trial)
        typed[PROVINCE] = province
        values.notes.append(f"省份没有填写，按城市“{city}”填入 {province}，请核对。")
    term = taxonomy.provinces.lookup(" ".join(typed.get(PROVINCE, "").split()))
    if city and term is not None and (full := known_cities().canonical(term.name, city)) is not None and full != city:
        # a city's short name (杭州): the case page showed 杭州 beside the other cases' 杭州市 (a trial)
        typed[CITY] = full
        values.notes.append(f"城市“{city}”写作 {full}，请核对。")
    # a county's short name (越秀) as the site's cases write it in that city (越秀区): 广州 was
    # written 广州市, 越秀 kept as typed, unsaid (an organization's trial)
    short = " ".join(typed.get(COUNTY, "").split())
    city = " ".join(typed.get(CITY, "").split())
    if short and short not in (counties or {}):
        meant = [
            known
            for known, (in_province, in_city) in (counties or {}).items()
            if known[:-1] == short and known[-1] in "区县市旗" and in_city == city and (term is None or term.name == in_province)
        ]
        if len(meant) == 1:
            typed[COUNTY] = meant[0]
            values.notes.append(f"区县“{short}”写作 {meant[0]}（网站上已有的案例这样写），请核对。")
    return typed


def _more_than(label: str, text: str, parts: dict[str, str]) -> bool:
    """Whether the 城市 or 区县 cell's ``text`` writes more than its own place: another row's
    place written in it too, beside the row's own (a city's province read from the city alone
    is not written: 吉林市 holds 吉林, 吉林省's short name, and is a city alone: a review)."""
    if label not in parts:
        return False
    own = parts[label]
    rest = text.replace(own, "", 1) if own in text else text.replace(own.rstrip("省市区县"), "", 1)
    return any(row != label and value and (value in rest or value.rstrip("省市区县") in rest) for row, value in parts.items())


def counties_of(cases: Iterable[Case]) -> dict[str, tuple[str, str]]:
    """Each county ``cases`` in review or published write (海珠区) with the province and city
    they write it in, when one place only (a municipality's districts have no city). Not a
    draft's (an import's stand-in province: a review saw 海珠区 placed in 北京市 after one), nor
    a name several cities' districts have (places.yml ``shared_counties``: 鼓楼区)."""
    shared = set(place_data().get("shared_counties") or ())
    places: dict[str, set[tuple[str, str]]] = {}
    for case in cases:
        region = case.region
        if case.status in (Status.REVIEW, Status.PUBLISHED) and region.county and region.province is not None:
            places.setdefault(region.county, set()).add((region.province.name, region.city or ""))
    return {county: next(iter(where)) for county, where in places.items() if len(where) == 1 and county not in shared}


def _approximate(row: Row, text: str, value: int) -> str | None:
    """What the report and the draft's line say of a count written with words the number
    cannot hold (3200余人次 → 3200, 近50人 → 50); None for an exact count."""
    hedges = count_hedges(text)
    if not hedges:
        return None
    meaning = hedge_meaning(hedges[0]).format(n=value)  # the first word's meaning: 约…以上 is read as 约
    words = "".join(f"“{word}”" for word in hedges)
    return (
        f"{row.label}写的是“{' '.join(text.split())}”，已按 {value} 填入：这一栏只能写整数，{words}（{meaning}）写不进去，"
        f"案例页只显示 {value}；要保留原话，请写在摘要或正文里，请核对。"
    )


_ASIDE = re.compile(r"(?P<count>.+?)\s*[（(](?P<aside>[^（）()]+)[)）]\s*")


def _count_beside_words(text: str, row: Row, taxonomy: Taxonomy) -> tuple[int, str] | None:
    """A count with words in brackets after it (5000人次（截至2023年12月）: refused as 应只写数字,
    an organization's trial): the count, and what the report and its line say of the words;
    None for another text."""
    match = _ASIDE.fullmatch(" ".join(text.split()))
    if match is None:
        return None
    try:
        value = parse_value(row, match["count"], taxonomy)
    except InputError:
        return None
    if match["aside"].strip() in ("人", "人次", "名", "位", "个", "次"):  # 46（人）: the unit, no words lost (a review)
        return value, _approximate(row, match["count"], value) or ""  # but 约46（人次）'s 约 is said
    hedges = "".join(f"“{word}”" for word in count_hedges(match["count"]))  # 约30人（含党员12人）: 约 too
    said = (
        f"{row.label}写的是“{' '.join(text.split())}”，已按 {value} 填入：这一栏只能写整数，"
        f"{hedges + '和' if hedges else ''}括号里的“{match['aside']}”写不进去；要保留，请写在摘要或正文里，请核对。"
    )
    return value, said


def _count_words(text: str, row: Row) -> str | None:
    """Why a count's words are not taken, said as what they are (近500户, 数百人次); None else."""
    return _households(text, row) or _vague(text, row)


def _vague(text: str, row: Row) -> str | None:
    """What to write for a count given with no number (上千 is read as 1000 or more, but
    数百人次, 几十人 and 成千上万 say no figure); None for another text."""
    written = " ".join(text.split())
    if not vague_count(written):
        return None
    return f"“{written}”没有具体数字：{row.label}只能写整数，知道大约多少就写那个数（例如 {row.field.example}），原话可以写在摘要或正文里；不知道就不填。"


def _households(text: str, row: Row) -> str | None:
    """Why a count of households (近500户) is not a count of people; None for another text."""
    written = " ".join(text.split())
    if not written.endswith("户") or count_written(written[:-1]) is None:
        return None
    if row.path == ("volunteers",):
        return f"“{written}”是户数，不是人数：{row.label}请写有多少名志愿者（只写数字，例如 {row.field.example}）；户数可以写在正文里。"
    return f"“{written}”是户数，不是人次：{row.label}请写服务了多少人次（只写数字，例如 {row.field.example}）；户数可以写在正文里。"


# A form cell's characters (a run of spaces as one), at most: ten times the longest field's (the
# summary's 300). A cell of 200,000 digits was quoted whole in the report's every message
# about it, 600 KB for one form (hostileH).
_CELL_CHARS = 3000


# A time of day after a date (2024年03月05日上午9:00, 2024-3-5 14:30): the case keeps the day.
_TIME_OF_DAY = re.compile(
    r"^(?P<day>.*?日|[0-9０-９]{4}[-/.][0-9０-９]{1,2}[-/.][0-9０-９]{1,2})\s*(?:[上下]午|晚上|早上|中午|凌晨)?\s*[0-9０-９]{1,2}(?:[:：][0-9０-９]{2}|[点時时](?:[0-9０-９]{1,2}分?|半|整)?)\s*$"
)
# A year of two digits (24年3月5日): this century's, as every case of the site is.
_SHORT_YEAR = re.compile(r"^(?:[’'‘])?(?P<year>[0-9]{2})年(?=[0-9０-９]{1,2}月)")


def _date_written(text: str) -> str:
    """``text`` as a date the form reads: without a time of day after it, its year of two
    digits made four (24年3月5日 and 2024年03月05日上午9:00 were 看不懂, the id taking this
    year: an organization's trial)."""
    text = " ".join(text.split())
    if (timed := _TIME_OF_DAY.match(text)) is not None:
        text = timed["day"].strip()
    # this century's, unless that is still to come (99年: 1999, not 2099: a review)
    now = china_today().year
    return _SHORT_YEAR.sub(lambda m: f"{2000 + int(m['year']) if 2000 + int(m['year']) <= now else 1900 + int(m['year'])}年", text)


def _within_limits(items: list[str], row: Row, values: Values) -> list[str]:
    """A list as the check takes it (``fields.yml`` ``max`` items of ``item_max`` characters):
    what goes beyond said in the report and on its line in the draft, not written into it. A
    draft of 25 tags stopped every build of the site (an organization's trial)."""
    f = row.field
    long = [item for item in items if f.item_max is not None and len(item) > f.item_max]
    kept = [item for item in items if item not in long]
    over = kept[f.hi :]
    kept = kept[: f.hi]
    said = []
    if over:
        said.append(f"{row.label}写了 {len(kept) + len(over)} 项，网站最多 {f.hi} 项：已填入前 {f.hi} 项，没有填入的：{'、'.join(over)}")
    if long:
        said.append(f"{row.label}里有 {len(long)} 项超过 {f.item_max} 个字，没有填入：{'、'.join(quoted(item) for item in long)}")
    if said:
        values.notes.append("；".join(said) + "。请核对。")
        values.remarks[row.path or ()] = "；".join(said)
    return kept


def read_values(typed: dict[str, str], taxonomy: Taxonomy, counties: Counties | None = None) -> Values:
    """``typed``: form label → text typed in its value cell; ``counties``: those the site's
    cases write (``counties_of``), for an organization's name that begins with one."""
    values = Values()
    typed = _place_rows(typed, taxonomy, values, counties)
    period: Period | None = None  # a start date read from a month or a period
    brands: list[Term] = []  # brands written in the themes' row
    for row in rows():
        text = typed.get(row.label, "").strip()
        if MARKER in text:
            text = _PLACEHOLDER.sub("", text).strip()
            if text:
                values.notes.append(f"“{row.label}”里留着模板的【请填写】提示，已去掉，按其余的字读入：{quoted(text)}")
        text, removed = invisible.without(text)
        if removed:
            values.notes.append(f"“{row.label}”里有 {removed} 个看不见的字符（从微信、网页复制文字时常带进来），已去掉。")
        if not text or text in _NONE:
            continue
        if (chars := len(" ".join(text.split()))) > _CELL_CHARS:  # each message would quote all of it
            values.problems[row.label] = (
                f"这一栏写了 {chars} 个字，不像是“{row.label}”的内容（可能把正文粘贴进来了），没有采用：请只写这一栏要填的内容。"
            )
            continue
        if row.path == ("end_date",) and "".join(text.split()).rstrip("。.") in _ONGOING:
            values.left_empty[row.path] = f"{quoted(text)}（仍在开展，不写结束时间）"
            continue
        if row.path is None:
            values.contact[row.label] = " ".join(text.split())
            continue
        values.written[row.path] = typed_text = text
        if row.field.vocabulary or row.field.choices:
            chosen = ticked(text)
            if chosen is not None and not chosen:
                values.problems[row.label] = f"“{quoted(text)}”里的方框都没有勾选：请在要选的一项前打勾（☑），或直接写出来。"
                continue
            if chosen is not None:
                text = "、".join(chosen)
                values.notes.append(f"{row.label}按勾选的方框读作“{text}”，请核对。")
        if row.field.kind == "date" and (plain := _date_written(text)) != text:
            values.notes.append(f"{row.label}写的是“{' '.join(text.split())}”，按 {plain} 读入，请核对。")
            text = plain
        if row.path == ("themes",):
            text = _brands_among_themes(text, taxonomy, values, brands)
            if not text:
                continue
            text = _themes_within(text, taxonomy, values)
        try:
            value = parse_value(row, text, taxonomy)
        except InputError as exc:
            if row.field.kind == "terms" and (some := _some_terms(text, row, taxonomy, typed_text)) is not None:
                value, said = some
                values.notes.append(said)
                values.remarks[row.path] = said
            elif row.path == ("date",) and (period := read_period(text)) is not None:
                value = period.start
                if period.end is not None and ("end_date",) not in values.found:
                    values.found[("end_date",)] = period.end
            elif row.path == ("end_date",) and (last := _when(date_digits(text), last=True)) is not None:
                value, guess = last  # 2024年12月, as 开展时间 takes it (a helper's trial: refused here, taken there)
                said = f"结束时间写的是“{' '.join(text.split())}”，" + (
                    f"没写到哪一天，暂按{guess} {value.isoformat()} 填入，请核对。" if guess else f"已按 {value.isoformat()} 填入，请核对。"
                )
                values.notes.append(said)
                if guess:
                    values.remarks[row.path] = said  # on its line too: the page shows the day (draft.py)
            elif row.field.kind == "count" and (aside := _count_beside_words(text, row, taxonomy)) is not None:
                value, said = aside
                if said:
                    values.notes.append(said)
                    values.remarks[row.path] = said  # on its line too: the page shows the number alone
            else:  # 2024年冬季 and 近500户 said as what they are, not as 看不懂 and 应只写数字
                why = _unguessed(text) if row.field.kind == "date" else _count_words(text, row) if row.field.kind == "count" else None
                values.problems[row.label] = why or str(exc)
                continue
        if value in ([], ""):
            continue
        if row.field.kind == "choice" and chosen is None and " ".join(text.split()) != value:
            # read from other words (城区 as 城市, 已登记 as 登记): said, as a guess is (an organization's trial)
            values.notes.append(f"{row.field.form or row.label}写的是“{' '.join(text.split())}”，按“{value}”填入，请核对。")
        if row.field.kind == "list":
            value = _within_limits(value, row, values)
        if row.field.kind == "count" and (rounded := _approximate(row, text, value)) is not None:
            values.notes.append(rounded)
            values.remarks[row.path] = rounded  # on its line too: the page shows the number alone
        if row.path and row.path[0] == "region" and isinstance(value, str) and (plain := simplified_place(value)) != value:
            # the site lists places as written, and the id is read from the name (a worker's trial: gz-haizhuqu-… of 海珠區)
            values.notes.append(f"{row.label}写的是繁体字“{value}”，已改为简体字“{plain}”（网站用简体字），请核对。")
            value = plain
        values.found[row.path] = value
    if brands:  # beside those of the brands' own row
        written = values.found.get(("brands",)) or []
        values.found[("brands",)] = written + [term for term in brands if term not in written]
    if period is not None:
        said = period.note(end_taken=values.found.get(("end_date",)) == period.end)
        values.notes.append(said)
        if not period.whole:  # a day nobody wrote, which the case page shows (开展时间 2024年3月1日): said on its line too
            values.remarks[("date",)] = said
        if period.end_guess and values.found.get(("end_date",)) == period.end:
            values.remarks.setdefault(("end_date",), said)
    start, end = values.found.get(("date",)), values.found.get(("end_date",))
    if isinstance(start, date) and isinstance(end, date) and end < start:
        values.problems["结束时间"] = f"结束时间 {end} 早于开展时间 {start}，没有采用。"
        del values.found[("end_date",)]
    return values
