"""Dates and counts as people write them, read once for every tool: ``showcase new`` and
the import take them as values; the case rules suggest the form a case file needs."""

from __future__ import annotations

import calendar
import re
from datetime import date

FULLWIDTH = str.maketrans("０１２３４５６７８９．／－：，　", "0123456789./-:, ")  # as Chinese input methods type them
_MONTH_FORMS = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月?|[-/.]\s*(\d{1,2}))")
_DATE_FORMS = re.compile(r"(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?)")


def date_parts(value: str) -> tuple[int, int, int] | None:
    """Year, month and day of 2024-03-05, 2024-3-5, 2024/3/5, 2024.3.5 or 2024年3月5日 (full-width
    digits too); None when the text is not a date written so. The day may not exist."""
    match = _DATE_FORMS.fullmatch(value.strip().translate(FULLWIDTH))
    if match is None:
        return None
    return int(match[1]), int(match[2] or match[4]), int(match[3] or match[5])


def loose_date(value: str) -> date | None:
    """The date ``value`` writes in any of those forms, when it exists."""
    parts = date_parts(value)
    try:
        return date(*parts) if parts else None
    except ValueError:
        return None


_EIGHT_DIGITS = re.compile(r"([12][0-9]{3})([01][0-9])([0-3][0-9])")


def eight_digit_date(value: str) -> date | None:
    """20240305, as a spreadsheet or a file name writes a date; None for another text or no such day."""
    match = _EIGHT_DIGITS.fullmatch(value.strip().translate(FULLWIDTH))
    try:
        return date(int(match[1]), int(match[2]), int(match[3])) if match else None
    except ValueError:
        return None


def month_parts(value: str) -> tuple[int, int] | None:
    """(year, month) as 2024年5月, 2024-05, 2024/5 or 2024.5 writes them (the month not yet
    checked to be 1–12); None for another form."""
    match = _MONTH_FORMS.fullmatch(value.strip().translate(FULLWIDTH))
    return None if match is None else (int(match[1]), int(match[2] or match[3]))


def month_start(value: str) -> date | None:
    """The first day of the month 2024年5月, 2024-05, 2024/5 or 2024.5 writes; None otherwise."""
    parts = month_parts(value)
    if parts is None:
        return None
    try:
        return date(parts[0], parts[1], 1)
    except ValueError:
        return None


# Parts of a month and of a year as forms write them (2024年3月上旬, 2024年春季, 2023年底): the
# import takes their first day (or last, for an end) and says so, the check suggests it (a
# session's walk-through: each was 看不懂, and the draft's id took the import's year). 冬 is not
# here: 2024年冬季 may be its January or its December (intake/values.py says so).
_PART_OF_MONTH = re.compile(r"(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*月?\s*(月?初|上旬|月?中|中旬|下旬|月?底|月?末)")
_MONTH_SPANS = {"初": (1, 10), "上旬": (1, 10), "中": (11, 20), "中旬": (11, 20), "下旬": (21, 31), "底": (21, 31), "末": (21, 31)}
_PART_OF_YEAR = re.compile(r"(\d{4})\s*年?\s*(年?[初头中底末]|[上下]半年|[春夏秋](?:季|天)?|第?\s*[1-4]\s*季度)")
_YEAR_SPANS = {"初": (1, 1), "头": (1, 1), "中": (6, 7), "底": (12, 12), "末": (12, 12), "上半年": (1, 6), "下半年": (7, 12)}
_SEASONS = {"春": (3, 5), "夏": (6, 8), "秋": (9, 11)}


def date_part(text: str) -> tuple[date, date, str] | None:
    """(first day, last day, the part as said: 3月上旬（1–10日）, 春季（3–5月）) of a part of a
    month or a year (digits as ``date_digits`` gives them); None for another text."""
    if match := _PART_OF_MONTH.fullmatch(text):
        year, month, word = int(match[1]), int(match[2]), match[3]
        if not 1 <= month <= 12 or year < date.min.year:  # 0000年: no date (a traceback of the check)
            return None
        lo, hi = _MONTH_SPANS[word.lstrip("月")]
        end = calendar.monthrange(year, month)[1]
        days = f"{lo}日到月底" if hi == 31 else f"{lo}–{hi}日"
        return date(year, month, lo), date(year, month, min(hi, end)), f"{month}月{word.lstrip('月')}（{days}）"
    if (match := _PART_OF_YEAR.fullmatch(text)) and int(match[1]) >= date.min.year:
        year, word = int(match[1]), "".join(match[2].split())
        if word.endswith("季度"):
            quarter = int(word.strip("第季度"))
            first, final, word = quarter * 3 - 2, quarter * 3, f"第{quarter}季度"
        elif word[0] in _SEASONS:
            first, final = _SEASONS[word[0]]
        else:
            first, final = _YEAR_SPANS[word.lstrip("年")]
            word = word if word.endswith("半年") else "年" + word.lstrip("年")
        months = f"{first}月" if first == final else f"{first}–{final}月"
        return date(year, first, 1), date(year, final, calendar.monthrange(year, final)[1]), f"{word}（{months}）"
    return None


# A count as a form's cell writes it, with the words around it: a total (累计, 共), the row's
# own verb (服务3200人次, 覆盖1.2万人), and the words that say the figure is not exact (约, 近,
# 余, 多, 以上, +), which a whole number cannot hold: ``count_hedges`` names them, and the
# import says each (a session's walk-through: 3200余人次 became served: 3200 unsaid).
# Each such word once: where it stands (before the number, right after it, after its unit)
# and what it means, said beside the number a form's count field holds (intake/values.py).
COUNT_HEDGES: dict[str, tuple[frozenset[str], str]] = {
    "大约": (frozenset({"lead"}), "大约 {n}"),
    "约": (frozenset({"lead"}), "大约 {n}"),
    "将近": (frozenset({"lead"}), "不到 {n}"),
    "接近": (frozenset({"lead"}), "不到 {n}"),
    "近": (frozenset({"lead"}), "不到 {n}"),
    "超过": (frozenset({"lead"}), "比 {n} 多"),
    "逾": (frozenset({"lead"}), "比 {n} 多"),
    "上": (frozenset({"lead"}), "{n} 或更多"),  # 上千, 上万 as written (count_hedges)
    "余": (frozenset({"more", "tail"}), "比 {n} 多"),
    "多": (frozenset({"more", "tail"}), "比 {n} 多"),
    "以上": (frozenset({"tail"}), "{n} 或更多"),
    "左右": (frozenset({"tail"}), "大约 {n}"),
    "+": (frozenset({"tail"}), "比 {n} 多"),
}


def _hedges_at(place: str) -> str:
    return "|".join(re.escape(word) for word in sorted((w for w, (at, _) in COUNT_HEDGES.items() if place in at), key=len, reverse=True))


def hedge_meaning(word: str) -> str:
    """What a word of ``count_hedges`` means, ``{n}`` for the number (上千: as 上)."""
    return COUNT_HEDGES[word if word in COUNT_HEDGES else word[:1]][1]


# 人/次 as official reports write 人次 (1200人/次: refused as 应只写数字, an organization's trial)
_COUNT = re.compile(
    rf"(?:累计|共计|合计|总计|共)?\s*(?:服务|覆盖|惠及)?\s*(?P<lead>{_hedges_at('lead')})?\s*"
    rf"(?P<number>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<unit>万|千|百)?\s*(?P<more>{_hedges_at('more')})?\s*(?:人\s*/\s*次|人次|人|名|位|个)?\s*(?P<tail>{_hedges_at('tail')})?"
)
# 1千人次, 1.5千, 5百余人: digits and a Han unit (read 11000, an error and 5100 when the
# unit alone was turned into digits beside them: a helper's trial of an inbox)
_UNIT = {"万": 10000, "千": 1000, "百": 100}


HAN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_UNITS = {"十": 10, "百": 100, "千": 1000}
_HAN_NUMBER = re.compile("[〇零一二两三四五六七八九十百千万]+")


def han_number(run: str) -> int | None:
    """二十 → 20, 三百 → 300, 一千零五 → 1005, 两万三千 → 23000, 五万 → 50000; None for a run
    that is not a number written so (一二, 万, 十百)."""
    total = section = 0
    digit: int | None = None
    last_unit = 10**9
    for ch in run:
        if ch in HAN_DIGITS:
            if digit:  # two digits in a row (一二): not a count; 零 may come before one
                return None
            digit = HAN_DIGITS[ch]
        elif ch in _HAN_UNITS:
            unit = _HAN_UNITS[ch]
            if unit >= last_unit or (digit == 0):
                return None
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        elif ch == "万":
            section += digit or 0
            if total or not section:
                return None
            total, section, digit, last_unit = section * 10000, 0, None, 10**9
        else:
            return None
    return total + section + (digit or 0)


_DATE_NUMBER = re.compile("[〇零一二三四五六七八九十]+")


def date_digits(text: str) -> str:
    """二〇二三年五月一日 → 2023年5月1日 (a year digit by digit, 十 as ten): a date in Han
    numerals, as the import reads it and the check's bad-date hint suggests it."""

    def number(match: re.Match[str]) -> str:
        run = match.group()
        if "十" not in run:
            return "".join(str(HAN_DIGITS[ch]) for ch in run)
        value = han_number(run)  # as counts are read: 十五, 二十, 三十一
        return run if value is None else str(value)

    return _DATE_NUMBER.sub(number, text)


def _arabic_counts(text: str) -> str:
    """The numbers of ``text`` written in Han characters, in digits (二十人 → 20人)."""

    def number(match: re.Match[str]) -> str:
        if match.start() and text[match.start() - 1] in "0123456789.":  # 3千5百: digits and Han units mixed, not a count read so
            return match.group()
        value = han_number(match.group())
        return match.group() if value is None else str(value)

    return _HAN_NUMBER.sub(number, text)


def count_written(value: str) -> float | None:
    """“46人” → 46, “1,200 人次” → 1200, “约5.2万人次” → 52000, “8000+” → 8000, “二十人” → 20,
    “三百余人” → 300 (full-width digits too); None when the text is not a count written so.
    Not always whole (“1.5人”)."""
    match = _count_match(value)
    if not match:
        return None
    number, unit = match["number"].replace(",", ""), _UNIT.get(match["unit"] or "", 1)
    if "." not in number:  # a whole number exactly: 9999999999999999999 read through a float was 10^19 (hostileH)
        return int(number) * unit
    return float(number) * unit


def count_hedges(value: str) -> list[str]:
    """The words of a count that say it is not exact, as written: 近 of 近500人, 余 of
    3200余人次, 约 and 以上 of 约1万人次以上, 上千 of 上千人次; [] for an exact count or a
    text that is none."""
    match = _count_match(value)
    if not match:
        return []
    lead = match["lead"]
    if lead == "上":  # 上千 as written, not 上 (上1000人: 上)
        text = value.translate(FULLWIDTH)
        if unit := _UP_TO_UNIT.search(text):
            lead += text[unit.end()]
    return [word for word in (lead, match["more"], match["tail"]) if word]


# Digits each followed by its Han unit, as people write a count: 1万2千, 3千5百, 2万零5百 (refused
# as 应只写数字 in a session's walk-through). Matched where the first digit is, in one pass.
_MIXED = re.compile(r"(?:(?P<wan>\d{1,4})万)?零?(?:(?P<qian>\d)千)?零?(?:(?P<bai>\d)百)?")
_DIGIT = re.compile(r"\d")


def _mixed_units(text: str) -> str:
    """``text`` with a count of digits and Han units between them in digits (1万2千人次 → 12000人次)."""
    first = _DIGIT.search(text)
    match = _MIXED.match(text, first.start()) if first else None
    if match is None or sum(1 for part in ("wan", "qian", "bai") if match[part]) < 2 or _DIGIT.search(text, match.end()):
        return text
    at = match.start()
    number = sum(int(match[part] or 0) * unit for part, unit in (("wan", 10000), ("qian", 1000), ("bai", 100)))
    return f"{text[:at]}{number}{text[match.end() :]}"


def _count_match(value: str) -> re.Match[str] | None:
    # each run of spaces one space: _COUNT's optional parts each allow spaces, and tried every
    # way of sharing a long run among them (1, 200 spaces and a word took 10 s)
    text = " ".join(value.translate(FULLWIDTH).split())
    match = (
        _COUNT.fullmatch(text)
        or _COUNT.fullmatch(_arabic_counts(text))
        or _COUNT.fullmatch(_mixed_units(text))
        or _COUNT.fullmatch(_UP_TO_UNIT.sub("上1", text, count=1))
    )
    # No count has a thousand digits: Python refuses to read more than 4,300 (a ValueError
    # stopped showcase check and the import at a form cell of 200,000 nines, hostileH).
    return match if match is None or len(match["number"]) <= _COUNT_CHARS else None


_COUNT_CHARS = 40  # a count's digits and commas, at most
# 上百, 上千, 上万 (人次): a hundred, a thousand, ten thousand or more, as 千余 is; 上万 is no
# number written in Han characters (万 alone), so each is read as 上1百, 上1千, 上1万
_UP_TO_UNIT = re.compile("上(?=[百千万])")
# Words that give no number at all: 数百, 几十, 好几千, 十几, 二十几, 数以千计, 成百上千, 成千上万
# (人次). No figure can be taken from them, and one made up would be published as the case's own.
_NO_FIGURE = re.compile("[数几][十百千万]|[十百千万]几|数以[百千万]计|成百上千|成千上万")


def vague_count(value: str) -> bool:
    """Whether ``value`` says a count only as 数百, 几十 or 成千上万 do (no number in it)."""
    text = value.translate(FULLWIDTH)
    return bool(_NO_FIGURE.search(text)) and not any(ch.isdigit() for ch in text)
