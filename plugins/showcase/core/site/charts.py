"""Charts drawn at build time as inline SVG markup: no chart library in the browser.

The charts are laid out in ``em`` vertically and in percent horizontally, so that
one drawing fits a 375 px phone and a wide screen alike and grows with the reader's
font size (the 大字 mode enlarges the text, and the bars with it). Labels sit above
the bars, never beside them, so a long name never squeezes a bar off a narrow
screen. Colours are fill attributes that a high-contrast style sheet may override
through the ``sc-bar`` class. The SVG is hidden from screen readers
(``aria-hidden``): every chart on a page comes with a table holding the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from ..colors import SITE_COLOR as DEFAULT_COLOR  # a bar without a theme's colour: the site's

ROW = 3.4  # em per bar: label line, bar, and room for CJK fonts' tall ascent and descent
MAX_BAR = 78.0  # percent of the width the longest bar takes; the rest holds its number
PLOT = 8.0  # em: height of the tallest column of a column chart
MAX_COLUMNS = 7  # more columns than this do not fit their labels on a phone: bars instead
LEVELS = 5  # shades of a shaded table, besides "none"


@dataclass(frozen=True)
class Bar:
    """One value of a chart: its label, number and (optionally) colour."""

    label: str
    value: int
    color: str = ""


def _num(value: float) -> str:
    """A compact number for an attribute: 12.0 -> "12", 1.23456 -> "1.235"."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _fmt(value: int) -> str:
    return f"{value:,}"


def _svg(height_em: float, body: list[str], label: str) -> str:
    return (
        f'<svg class="sc-chart" xmlns="http://www.w3.org/2000/svg" width="100%" height="{_num(height_em)}em" '
        f'aria-hidden="true" focusable="false" data-label="{escape(label)}">' + "".join(body) + "</svg>"
    )


def bar_chart(bars: list[Bar], *, label: str = "") -> str:
    """Horizontal bars, one row per value, in the order given."""
    top = max((b.value for b in bars), default=0)
    body: list[str] = []
    for row, bar in enumerate(bars):
        y = row * ROW
        width = MAX_BAR * bar.value / top if top else 0.0
        if bar.value > 0:
            width = max(width, 0.6)  # a small value stays visible
        color = escape(bar.color or DEFAULT_COLOR)
        body.append(f'<text class="sc-chart__label" x="0" y="{_num(y + 1.2)}em">{escape(bar.label)}</text>')
        body.append(
            f'<rect class="sc-bar" x="0" y="{_num(y + 1.75)}em" width="{_num(width)}%" height="1em" rx="3" '
            f'fill="{color}" style="--sc-bar: {color}"></rect>'
        )
        body.append(
            f'<text class="sc-chart__value" x="{_num(width)}%" dx="{"0.4em" if bar.value else "0"}" y="{_num(y + 2.75)}em">{_fmt(bar.value)}</text>'
        )
    return _svg(max(len(bars), 1) * ROW + 0.3, body, label)


def column_chart(bars: list[Bar], *, label: str = "") -> str:
    """Vertical columns from left to right, for a few values in order (years).

    With more values than fit their labels on a phone, falls back to ``bar_chart``.
    """
    if len(bars) > MAX_COLUMNS:
        return bar_chart(bars, label=label)
    top = max((b.value for b in bars), default=0)
    count = max(len(bars), 1)
    slot = 100.0 / count
    base = 1.6 + PLOT  # the baseline, below the numbers on top of the tallest column
    body = [f'<line class="sc-chart__axis" x1="0" x2="100%" y1="{_num(base)}em" y2="{_num(base)}em" stroke="currentColor"></line>']
    for i, bar in enumerate(bars):
        height = PLOT * bar.value / top if top else 0.0
        if bar.value > 0:
            height = max(height, 0.15)
        middle = (i + 0.5) * slot
        color = escape(bar.color or DEFAULT_COLOR)
        body.append(
            f'<rect class="sc-bar" x="{_num(i * slot + slot * 0.2)}%" y="{_num(base - height)}em" width="{_num(slot * 0.6)}%" '
            f'height="{_num(height)}em" rx="3" fill="{color}" style="--sc-bar: {color}"></rect>'
        )
        body.append(
            f'<text class="sc-chart__value" x="{_num(middle)}%" y="{_num(base - height - 0.35)}em" text-anchor="middle">{_fmt(bar.value)}</text>'
        )
        body.append(
            f'<text class="sc-chart__label" x="{_num(middle)}%" y="{_num(base + 1.3)}em" text-anchor="middle">{escape(bar.label)}</text>'
        )
    return _svg(base + 1.8, body, label)


def shade_level(value: int, top: int, levels: int = LEVELS) -> int:
    """The shade of a table cell: 0 for nothing, else 1..levels growing with the value."""
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(levels, math.ceil(levels * value / top)))
