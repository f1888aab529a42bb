"""China's calendar: the time zone every date of a case is read in, and today's date there.

The cases' calendar is China's (UTC+8, no daylight saving time), whatever the machine's
time zone: a CI runner keeps UTC, and from 00:00 to 08:00 in Beijing it would still be
yesterday there, so an approval dated that day was "not yet" and the check failed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA_TIME = timezone(timedelta(hours=8), "北京时间")


def china_today() -> date:
    """Today's date in China, for what a case's dates are compared with and the commands' defaults."""
    return datetime.now(CHINA_TIME).date()
