"""Dates and counts as people write them, read once for every tool: ``showcase new`` and
the import take them as values; the case rules suggest the form a case file needs."""

from __future__ import annotations

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


def month_start(value: str) -> date | None:
    """The first day of the month 2024年5月, 2024-05, 2024/5 or 2024.5 writes; None otherwise."""
    match = _MONTH_FORMS.fullmatch(value.strip().translate(FULLWIDTH))
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2] or match[3]), 1)
    except ValueError:
        return None


_COUNT = re.compile(
    r"(?:约|共|近|超过|逾|累计)?\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万)?\s*(?:余|多)?\s*(?:人次|人|名|位|个)?\s*(?:以上|左右|余|多|\+)?"
)


def count_written(value: str) -> float | None:
    """“46人” → 46, “1,200 人次” → 1200, “约5.2万人次” → 52000, “8000+” → 8000 (full-width digits too); None
    when the text is not a count written so. Not always whole (“1.5人”)."""
    match = _COUNT.fullmatch(value.strip().translate(FULLWIDTH))
    if not match:
        return None
    return float(match.group(1).replace(",", "")) * (10000 if match.group(2) else 1)
