"""Allow-list sanitizing of HTML rendered from case bodies (nh3, i.e. ammonia).

Runs on the HTML that Markdown produced, so raw HTML written in a case body and
Markdown's own output pass the same gate: no scripts, event handlers, frames, forms,
styles beyond table alignment, or URLs other than http(s), mailto and relative.

Element ids keep only letters, digits, ``_``, ``-``, ``.`` and ``:`` (``safe_id``): an id comes from
the editor (attr_list's ``{#id}``), and the table of contents Material draws beside
the body links to it from a template that prints it without escaping.
"""

from __future__ import annotations

import re

import nh3

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


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id":
        return safe_id(value) or None  # an empty id is dropped
    return value


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties={"text-align"},
        attribute_filter=_attribute,
    )
