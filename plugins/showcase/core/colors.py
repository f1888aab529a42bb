"""Colours: the site's, and a taxonomy's theme colours, which the site and the share cards
put behind white text (a theme's chip, its card), so they must be dark enough for it."""

from __future__ import annotations

import re

# The site's own colour (showcase.css's --md-primary-fg-color): the card of the pages that
# are no case's (home, listings), and the one of a theme whose colour cannot be read.
SITE_COLOR = "#a31d1d"
# A term written without a colour (taxonomy.yml's 便民服务 has it too: see ``SPARE``).
DEFAULT_COLOR = "#1565c0"
# What a theme written without a colour gets when another theme of the site has the default
# already, in this order: a new theme took 便民服务's blue, and readers could not tell their
# chips apart (helper custH's trial). Each is AA behind white text (tests/core/test_taxonomy.py).
SPARE = ("#ad1457", "#4527a0", "#0277bd", "#6d4c41", "#37474f", "#827717")
MIN_CONTRAST = 4.5  # WCAG AA for text: white text on the colour
COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")  # #15c worked in the CSS too


def rgb_of(color: str) -> tuple[int, int, int] | None:
    """The colour ``#rrggbb`` or ``#rgb`` as three numbers; None for anything else."""
    if not COLOR.match(color):
        return None
    digits = color[1:] if len(color) == 7 else "".join(c * 2 for c in color[1:])
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{v:02x}" for v in rgb)


def contrast_with_white(rgb: tuple[int, int, int]) -> float:
    """WCAG's contrast ratio of white text on ``rgb``."""

    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
    return 1.05 / (luminance + 0.05)


def readable(color: str) -> tuple[int, int, int]:
    """``color`` (the site's when it cannot be read) darkened until white text on it reads well."""
    r, g, b = rgb_of(color) or rgb_of(SITE_COLOR) or (0, 0, 0)
    while contrast_with_white((r, g, b)) < MIN_CONTRAST:
        r, g, b = (int(v * 0.92) for v in (r, g, b))
    return r, g, b
