"""Allow-list sanitizing of HTML rendered from case bodies (nh3, i.e. ammonia).

Runs on the HTML that Markdown produced, so raw HTML written in a case body and
Markdown's own output pass the same gate: no scripts, event handlers, frames, forms,
styles beyond table alignment, or URLs other than http(s), mailto and relative.

Element ids keep only letters, digits, ``_``, ``-``, ``.`` and ``:`` (``safe_id``): an id comes from
the editor (attr_list's ``{#id}``), and the table of contents Material draws beside
the body links to it from a template that prints it without escaping. An id in the
site's own namespace (Material's ``__…``, ours ``sc-…``, and the few others the
templates use, ``RESERVED_IDS``) is moved out of it with the prefix ``c-``: the body
comes before the site's own elements, and scripts find an element by its id as the first
one in the page. A body's ``<details id="__config">`` became the settings Material's
script reads — a site address of the contributor's choosing, from which Material
loaded a version list and wrote it into the page as HTML (found by a security review,
script run in Chromium).
Classes: only those the pipeline itself writes (``BODY_CLASSES``): any other class
gave a contributor the site's own components (Material's ``md-dialog``, our
``sc-banner``) to dress a body up as the site. A ``title`` loses ``<`` and ``>``: Material's
``content.tooltips`` feature, if a site turns it on, writes titles into the page as HTML.
Images: a ``srcset`` is kept only when every URL in it is one of ``images`` (the case's
own processed files, as the photo pipeline's ``<picture>`` names them), and an image
``src`` never points at another site. Without ``images``, a ``srcset`` is kept only
when all its URLs are relative. The check refuses such sources with their line
(``bodyimages``); this is the last gate, for whatever reaches the page anyway.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Container
from html import escape, unescape

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
    "td": {"align", "colspan", "rowspan", "style", "data-label"},
    "table": {"data-sc-stack"},
    "ol": {"start"},
    "abbr": {"title"},
}
SCHEMES = {"http", "https", "mailto"}
BODY_CLASSES = frozenset({"sc-photo"})  # a photo's figure (core/media/photos.py)
# Ids of the site's templates outside those namespaces (tests/publish/test_build.py
# checks every id the templates and Material's write is reserved).
RESERVED_IDS = frozenset({"cite", "matrix"})
_UNSAFE_ID = re.compile(r"[^\w.:-]+")  # \w: letters and digits of any script, and _


def safe_id(value: str) -> str:
    """An element id made of letters, digits, ``_``, ``-``, ``.`` and ``:`` only (each run
    of anything else becomes one ``-``), outside the site's own ids (``c-`` before those);
    the same for the body and its table of contents."""
    value = _UNSAFE_ID.sub("-", value)
    if value.startswith(("__", "sc-")) or value.lower() in RESERVED_IDS:
        return "c-" + value
    return value  # safe_id(safe_id(x)) == safe_id(x): cached bodies are sanitized again


# another site: a scheme, or "//" (browsers read "/\\" and "\\\\" the same way), after the
# control characters and spaces browsers skip at the start
_EXTERNAL = re.compile(r"^[\x00-\x20\s]*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[/\\]{2})")
# browsers drop tabs and line ends anywhere in an address ("/<tab>/host" is "//host")
_URL_DROPPED = re.compile(r"[\t\n\r]")
# a path from the site's root: one "/" (two, or "/\\", lead to another site: _EXTERNAL)
_FROM_ROOT = re.compile(r"^[\x00-\x20\s]*/(?![/\\])")


# A cell's span as browsers read it (HTML's rules for parsing a non-negative integer, then
# clamped: colspan 1–1000, rowspan 0–65534). A security review's colspan="1000000" was
# harmless on the page, where browsers clamp it, and laid out a million columns in the PDF
# booklet: a site build that never ended.
_SPAN_LIMITS = {"colspan": (1, 1000), "rowspan": (0, 65534)}
_LEADING_NUMBER = re.compile(r"[\t\n\f\r ]*\+?(\d+)")


def cell_span(value: str, attribute: str) -> str | None:
    """A ``colspan``/``rowspan`` value as browsers read it; None for the default (1)."""
    low, high = _SPAN_LIMITS[attribute]
    number = _LEADING_NUMBER.match(value)
    if number is None:
        return None  # the default, 1
    digits = number.group(1).lstrip("0") or "0"
    count = high if len(digits) > 6 else int(digits)  # a million is past either limit already
    return str(min(max(count, low), high))


def sanitize(
    html: str, images: Container[str] | None = None, root: str | None = None, pages: Container[str] | None = None, page: str | None = None
) -> str:
    """``html`` with only the allowed tags, attributes and URLs; ``images``: see the module.

    ``root``: the way from the page up to the site's root (``../../`` from ``/cases/<id>/``).
    A link from the site's root (``/cases/<id>/``, as the guide tells contributors to link
    another case) is then made relative, as MkDocs makes the site's own: a site published
    under a sub-path (``https://…/wmsj/anli/``) sent it to ``https://…/cases/<id>/``, a
    page of another site or none (an editor's trial). Without ``root`` it stays as written.

    ``pages``: the site's page URLs (``cases/<id>/``), and ``page`` the URL of the page the
    body is on. A link to a case page the site does not have (a draft's: the check warns
    ``body-link``), from the root or from the page, is then its words only, as the booklets
    print it: a department's trial found the published page linking to a 404, and its printout
    giving that address.
    """

    def missing(path: str) -> bool:
        """Whether ``path`` (from the site's root) is a case page the site does not have."""
        path = path.split("#")[0].split("?")[0].removesuffix("index.html")
        case = _CASE_PAGE.match(posixpath.normpath(path) + "/") if path else None
        return pages is not None and case is not None and f"cases/{case.group(1)}/" not in pages

    def attribute_filter(element: str, attribute: str, value: str) -> str | None:
        if attribute == "href" and root is not None and (start := _FROM_ROOT.match(address := _URL_DROPPED.sub("", value))):
            path = address[start.end() :]
            return None if missing(path) else root + path  # None: the link's words stay (_UNLINKED)
        relative = attribute == "href" and page is not None and not _SCHEME.match(address := _URL_DROPPED.sub("", value).strip())
        if relative and missing(posixpath.join(page or "", address)):
            return None
        if attribute == "id":
            return safe_id(value) or None  # an empty id is dropped
        if attribute == "class":
            return " ".join(c for c in value.split() if c in BODY_CLASSES) or None
        if attribute == "title":
            return value.replace("<", "").replace(">", "")
        if attribute == "srcset":
            urls = srcset_urls(value)
            if images is None:
                seen = srcset_urls(_URL_DROPPED.sub("", value))
                return None if any(_EXTERNAL.match(url) for url in urls + seen) else value
            return value if urls and all(url in images for url in urls) else None
        if attribute == "src" and element == "img" and _EXTERNAL.match(_URL_DROPPED.sub("", value)):
            return None
        if attribute in _SPAN_LIMITS:
            return cell_span(value, attribute)
        return value

    clean = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties={"text-align"},
    )
    if pages is not None and _UNLINKED_OPEN in clean:
        clean = _UNLINKED.sub(r"\1", clean)
    return label_tables(clean) if "<table" in clean else clean


_CASE_PAGE = re.compile(r"cases/([^/?#]+)/\Z")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|/|#")  # another site's, the root's (above), or this page's own part
# a link whose address was taken (``pages``), as nh3 writes it: its words alone
_UNLINKED_OPEN = '<a rel="noopener noreferrer">'
_UNLINKED = re.compile(re.escape(_UNLINKED_OPEN) + r"(.*?)</a>", re.DOTALL)


# A table's own marks (``label_tables``): written again on every pass, so a body sanitized
# twice (the body cache checks its entries so) is the same, and a contributor's are not kept.
_MARKED_TAG = re.compile(r"<(?:td|table)\b[^<>]*>")  # a tag (text has its < escaped): a code sample's words stay
_MARKS = re.compile(r' (?:data-label|data-sc-stack)="[^"]*"')
_TABLE_HTML = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
_HEAD_ROW = re.compile(r"<thead>\s*<tr>(.*?)</tr>\s*</thead>", re.DOTALL)
_HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
_BODY_CELL = re.compile(r"<td\b")
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")
STACK_MOST = 6  # columns counted in data-sc-stack: the style sheets lay 6 and more out alike


def label_tables(html: str) -> str:
    """Each simple table (one heading row, no merged cell, no table inside) marked with its
    columns (``data-sc-stack``) and each cell with its column's name (``data-label``): on a
    screen too narrow for its columns at the reader's size of text, the style sheet
    (assets/reading.css) lays each row out as a card, every cell under its column's name. A
    reader's trial at WeChat's 200 % text found a three-column table two characters a line,
    five screens tall, its heading row long scrolled away."""
    return _TABLE_HTML.sub(_labelled, _MARKED_TAG.sub(lambda tag: _MARKS.sub("", tag.group()), html))


def _labelled(match: re.Match[str]) -> str:
    table = match.group(0)
    head = _HEAD_ROW.search(table)
    if head is None or "colspan" in table or "rowspan" in table or table.count("<table") > 1:
        return table
    labels = [" ".join(unescape(_TAGS.sub(" ", cell)).split()) for cell in _HEAD_CELL.findall(head.group(1))]
    if len(labels) < 2 or not all(labels):
        return table

    def row(found: re.Match[str]) -> str:
        cells = iter(labels)
        return _BODY_CELL.sub(lambda _: f'<td data-label="{escape(next(cells, ""), quote=True)}"', found.group(0))

    body = table[head.end() :]
    if any(len(_BODY_CELL.findall(cells)) > len(labels) for cells in _ROW.findall(body)):
        return table  # a row of more cells than names
    opening = table.index(">") + 1
    marked = f'{table[: opening - 1]} data-sc-stack="{min(len(labels), STACK_MOST)}">'
    return marked + table[opening : head.end()] + _ROW.sub(row, body)
