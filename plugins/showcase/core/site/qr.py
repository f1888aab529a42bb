"""QR codes of permalinks, as inline SVG (segno): for printed material and WeChat.

Inline SVG needs no extra request and stays sharp in print. The modules are always
black on white, whatever the page's colours: that is what scanners read best.
"""

from __future__ import annotations

from functools import lru_cache

import segno


@lru_cache(maxsize=4096)
def qr_svg(url: str, title: str = "") -> str:
    """An ``<svg>`` element encoding ``url``; ``title`` names it for screen readers.

    Error correction M at least (segno raises it when the symbol size allows), with
    the full quiet zone of four modules that phone cameras need on paper.
    """
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(
        scale=4,
        border=4,
        dark="#000",
        light="#fff",
        title=title or None,
        svgclass="sc-qr__code",
        lineclass=None,
        omitsize=True,
    )
