"""Allow-list sanitizing of HTML rendered from case bodies (nh3, i.e. ammonia).

Runs on the HTML that Markdown produced, so raw HTML written in a case body and
Markdown's own output pass the same gate: no scripts, event handlers, frames, forms,
styles beyond table alignment, or URLs other than http(s), mailto and relative.

Element ids keep only letters, digits, ``_``, ``-``, ``.`` and ``:`` (``safe_id``): an id comes from
the editor (attr_list's ``{#id}``), and the table of contents Material draws beside
the body links to it from a template that prints it without escaping.
Images: a ``srcset`` is kept only when every URL in it is one of ``images`` (the case's
own processed files, as the photo pipeline's ``<picture>`` names them), and an image
``src`` never points at another site. Without ``images``, a ``srcset`` is kept only
when all its URLs are relative. The check refuses such sources with their line
(``bodyimages``); this is the last gate, for whatever reaches the page anyway.
"""

from __future__ import annotations

import re
from collections.abc import Container

import nh3

from ..case.bodyimages import srcset_urls

TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "ins",
    "mark", "sub", "sup", "small", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead",
    "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "code", "pre", "kbd", "span", "div",
    "a", "img", "figure", "figcaption", "abbr", "details", "summary", "picture", "source",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "sizes", "type", "media"},
    "th": {"align", "colspan", "rowspan", "style"},
    "td": {"align", "colspan", "rowspan", "style"},
    "ol": {"start"},
    "abbr": {"title"},
}
SCHEMES = {"http", "https", "mailto"}
_UNSAFE_ID = re.compile(r"[^\w.:-]+")  # \w: letters and digits of any script, and _


def safe_id(value: str) -> str:
    """An element id made of letters, digits, ``_``, ``-``, ``.`` and ``:`` only (each run
    of anything else becomes one ``-``); the same for the body and its table of contents."""
    return _UNSAFE_ID.sub("-", value)


# another site: a scheme, or "//" (browsers read "/\\" and "\\\\" the same way), after the
# control characters and spaces browsers skip at the start
_EXTERNAL = re.compile(r"^[\x00-\x20\s]*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2})")
# browsers drop tabs and line ends anywhere in an address ("/<tab>/host" is "//host")
_URL_DROPPED = re.compile(r"[\t\n\r]")


def sanitize(html: str, images: Container[str] | None = None) -> str:
    """``html`` with only the allowed tags, attributes and URLs; ``images``: see the module."""

    def attribute_filter(element: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return safe_id(value) or None  # an empty id is dropped
        if attribute == "srcset":
            urls = srcset_urls(value)
            if images is None:
                seen = srcset_urls(_URL_DROPPED.sub("", value))
                return None if any(_EXTERNAL.match(url) for url in urls + seen) else value
            return value if urls and all(url in images for url in urls) else None
        if attribute == "src" and element == "img" and _EXTERNAL.match(_URL_DROPPED.sub("", value)):
            return None
        return value

    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties={"text-align"},
    )
