"""Outputs that travel beyond the site's own pages, planned engine-free.

From a ``SitePlan`` and its ``SiteIndex``: embed pages (``/cases/<id>/embed/``),
feeds (site-wide and per theme, three formats), the catalog (``/api/...``),
``sitemap.xml`` and ``robots.txt``. Only published cases reach any of them; a
withdrawn case keeps its tombstone and its embed card says so, nothing more.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from ..case.model import Case
from ..collection.curated import CuratedCollection
from ..options import DEFAULTS
from ..site.index import SiteIndex
from ..site.plan import PageKind, PageSpec, SitePlan
from ..site.texts import sample_mark
from . import catalog, feeds
from .feeds import SiteInfo
from .form import form_downloads

FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}
# Pages search engines should index; tombstones, redirects, embeds, previews and the
# site's own search page (its results are listings search engines should not copy) are not.
SITEMAP_KINDS = frozenset(
    {
        PageKind.HOME,
        PageKind.ABOUT,
        PageKind.STATS,
        PageKind.SECTION,
        PageKind.LISTING,
        PageKind.CASE,
        PageKind.COLLECTIONS,
        PageKind.COLLECTION,
    }
)
NOINDEX_KINDS = frozenset(
    {PageKind.TOMBSTONE, PageKind.ALIAS, PageKind.FALLBACK, PageKind.EMBED, PageKind.PREVIEW, PageKind.PROBLEMS, PageKind.SEARCH}
)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# One sitemap file holds at most 50,000 URLs (sitemaps.org, Google and Baidu) and, for
# Baidu, 10 MB; a larger site gets sitemap.xml as an index of sitemap-1.xml, sitemap-2.xml, ...
SITEMAP_MAX_URLS = 50_000
SITEMAP_MAX_BYTES = 10_000_000
# Bytes of one file's XML declaration and root element, and of one entry besides its URL,
# as ET.indent writes them (a little more than they take).
_SITEMAP_FRAME, _SITEMAP_ENTRY = 160, 80


def embed_url(url: str) -> str:
    return f"{url}embed/"


def embed_pages(plan: SitePlan) -> list[PageSpec]:
    """An embed card for every case page and tombstone; an alias's embed redirects."""
    pages = []
    for spec in plan.pages:
        if spec.kind in (PageKind.CASE, PageKind.PREVIEW, PageKind.TOMBSTONE):
            pages.append(PageSpec(PageKind.EMBED, embed_url(spec.url), spec.title, case=spec.case))
        elif spec.kind is PageKind.ALIAS:
            pages.append(PageSpec(PageKind.EMBED, embed_url(spec.url), spec.title, case=spec.case, target=embed_url(spec.target)))
    return pages


# The site's redirects (an old id, a renamed listing or collection) as nginx ``map`` entries,
# for a server that answers them with a 301 (scripts/deploy/nginx/showcase-redirects.conf);
# the meta-refresh pages stay for every other host.
REDIRECT_MAP = "_redirects.nginx"
# An address written into the map as it is: nothing nginx would read as a quote, a variable
# ($), the end of an entry (;), a block or a regular expression (a leading ~), nor a space.
_MAP_SAFE = re.compile(r"/[^\x00-\x20\x7f\"'\\$;{}#?]*")
_MAP_HEAD = """\
# 旧网址 → 新网址（HTTP 301）。由网站构建生成，每次构建都会重写，请不要手工修改。
# nginx 在 map 里读取它：scripts/deploy/nginx/showcase-redirects.conf；说明见 README 的部署一节。
# 只有网址对照，没有任何指令：公开出去也无妨（同样的对照就是网站上的跳转页）。
"""


def redirect_map(plan: SitePlan) -> str:
    """Every redirect page of ``plan`` as a line of an nginx ``map`` on ``$uri`` (nginx's
    decoded path): the old address, and the new one from the site's root, percent-encoded.
    An address nginx could misread (``_MAP_SAFE``; no id or key is one) is left to its
    meta-refresh page."""
    lines = [_MAP_HEAD]
    for spec in plan.pages:
        if not spec.redirects:
            continue
        old, new = "/" + spec.url, "/" + quote(spec.target, safe="/-._~%!*'(),+=:@")
        if _MAP_SAFE.fullmatch(old) and _MAP_SAFE.fullmatch(new):  # and without its slash: one 301, not two
            lines.append(f'"{old}" "{new}";\n"{old.rstrip("/")}" "{new}";\n' if old != "/" else f'"{old}" "{new}";\n')
    return "".join(lines)


def feed_paths(prefix: str = "") -> dict[str, str]:
    """Format -> site-relative path of the feeds under ``prefix`` ("" or ``themes/<key>/``)."""
    return {fmt: prefix + name for fmt, name in FEED_FILES.items()}


def feed_links(texts: dict, prefix: str = "") -> list[dict[str, str]]:
    """The feeds under ``prefix`` ("" for the site's, ``themes/<key>/`` for a theme's).

    Only the site's feeds go into every page's ``<link rel=alternate>``: Material's
    script fetches ``sitemap.xml`` beside every alternate link it finds (it takes them for
    language versions), so a theme's feed there would cost a failing request on each
    page view. A theme page links its own feeds in the page instead.
    """
    words = texts["links"]
    return [
        {"type": FEED_TYPES[fmt], "format": fmt, "title": words[f"feed_{fmt}"], "href": path} for fmt, path in feed_paths(prefix).items()
    ]


def _latest(cases: list[Case]) -> date | None:
    return max((feeds.publication_date(c) for c in cases), default=None)


def lastmod(spec: PageSpec, index: SiteIndex) -> date | None:
    """When a page last changed: its case's approval, or the newest approval it lists."""
    if spec.kind is PageKind.CASE and spec.case is not None:
        return feeds.publication_date(spec.case)
    if spec.kind is PageKind.LISTING and spec.listing is not None:
        return _latest(spec.listing.cases)
    if spec.kind is PageKind.COLLECTION and spec.curated is not None:
        return _latest(spec.curated.cases)
    if spec.kind is PageKind.SECTION and spec.section is not None:
        return _latest([c for listing in spec.section.listings for c in listing.cases])
    return _latest(index.published)


def sitemap_entries(plan: SitePlan, index: SiteIndex, site: SiteInfo) -> list[tuple[str, date | None]]:
    """The sitemap's (absolute URL, last change): published pages and listings only."""
    entries: list[tuple[str, date | None]] = []
    seen: set[str] = set()
    dates: dict[int, date | None] = {}  # the pages of one listing share its date: computed once
    for spec in plan.pages:
        if spec.kind not in SITEMAP_KINDS or spec.url in seen:
            continue
        seen.add(spec.url)
        owner = id(spec.listing or spec.section) if spec.kind in (PageKind.LISTING, PageKind.SECTION) else None
        if owner is None:
            changed = lastmod(spec, index)
        elif owner in dates:
            changed = dates[owner]
        else:
            changed = dates[owner] = lastmod(spec, index)
        entries.append((site.url(spec.url), changed))
    return entries


def sitemaps(
    plan: SitePlan, index: SiteIndex, site: SiteInfo, *, max_urls: int | None = None, max_bytes: int | None = None
) -> dict[str, str]:
    """``sitemap.xml``, and when its URLs do not fit one file (``SITEMAP_MAX_URLS``,
    ``SITEMAP_MAX_BYTES``), ``sitemap.xml`` as a sitemap index of ``sitemap-1.xml``,
    ``sitemap-2.xml``, ... in page order: robots.txt and search engines' settings keep
    naming ``sitemap.xml`` at every size. Site-relative path -> XML text."""
    max_urls = SITEMAP_MAX_URLS if max_urls is None else max_urls
    max_bytes = SITEMAP_MAX_BYTES if max_bytes is None else max_bytes
    parts: list[list[tuple[str, date | None]]] = [[]]
    size = _SITEMAP_FRAME
    for url, changed in sitemap_entries(plan, index, site):
        cost = len(escape(url).encode()) + _SITEMAP_ENTRY
        if parts[-1] and (len(parts[-1]) >= max_urls or size + cost > max_bytes):
            parts.append([])
            size = _SITEMAP_FRAME
        parts[-1].append((url, changed))
        size += cost
    if len(parts) == 1:
        return {"sitemap.xml": _sitemap_doc("urlset", "url", parts[0])}
    files = {f"sitemap-{n}.xml": _sitemap_doc("urlset", "url", part) for n, part in enumerate(parts, 1)}
    listed = [(site.url(name), max((c for _, c in part if c is not None), default=None)) for name, part in zip(files, parts, strict=True)]
    return {"sitemap.xml": _sitemap_doc("sitemapindex", "sitemap", listed), **files}


def _sitemap_doc(root_tag: str, entry_tag: str, entries: list[tuple[str, date | None]]) -> str:
    root = ET.Element(root_tag, {"xmlns": SITEMAP_NS})
    for url, changed in entries:
        entry = ET.SubElement(root, entry_tag)
        ET.SubElement(entry, "loc").text = url
        if changed is not None:
            ET.SubElement(entry, "lastmod").text = changed.isoformat()
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def robots_txt(site: SiteInfo) -> str:
    lines = ["User-agent: *", "Disallow:"]
    if site.base_url:  # the Sitemap line must be an absolute URL
        lines.append(f"Sitemap: {site.url('sitemap.xml')}")
    return "\n".join(lines) + "\n"


def site_files(
    index: SiteIndex,
    site: SiteInfo,
    texts: dict,
    *,
    limit: int = DEFAULTS.feed_items,
    collections: list[CuratedCollection] | tuple = (),
    sample_tag: str = "",
    form: dict[str, Any] | None = None,
) -> dict[str, bytes]:
    """Every generated file but the sitemap and booklets: site-relative path -> bytes.
    ``form``: the Word form's words (``Settings.form``; None: the packaged)."""
    words = texts["links"]
    out: dict[str, bytes] = {}

    def add_feeds(cases: list[Case], prefix: str, title: str, description: str) -> None:
        paths = feed_paths(prefix)
        feed = feeds.make_feed(
            cases,
            site,
            title=title,
            description=description,
            home=prefix,
            files=paths,
            limit=limit,
            mark=lambda case: sample_mark(case, sample_tag, texts["site"]),
        )
        for fmt, path in paths.items():
            out[path] = feeds.WRITERS[fmt](feed)

    add_feeds(index.published, "", words["feed_title"].format(site=site.title), site.description)
    for listing in index.themes:
        title = words["theme_feed_title"].format(site=site.title, theme=listing.title)
        add_feeds(listing.cases, listing.url, title, listing.description)
        for path in feed_paths(listing.url).values():  # subscriptions made before its key changed
            for former in listing.at_former_urls(path):
                out[former] = out[path]
    for curated in collections:  # newest first, as feed readers expect; the page keeps the curated order
        title = texts["collections"]["feed_title"].format(site=site.title, collection=curated.title)
        add_feeds(curated.cases, curated.url, title, "".join(curated.paragraphs()[:1]))
        for path in feed_paths(curated.url).values():  # a renamed collection's old subscriptions
            for former in curated.at_former_urls(path):
                out[former] = out[path]

    records: dict[str, dict[str, Any]] = {}  # each case's record and line made once: a case is in several catalogs
    lines: dict[str, str] = {}
    document = catalog.catalog(index.published, site, withdrawn=index.withdrawn, sample_tag=sample_tag, records=records)
    out[catalog.CATALOG] = catalog.dumps(document, lines)
    out[catalog.SCHEMA] = catalog.schema_text().encode("utf-8")
    for listing in index.themes:
        term = index.taxonomy.themes.get(listing.key)
        out[catalog.theme_catalog_path(listing.key)] = catalog.dumps(
            catalog.catalog(listing.cases, site, theme=term, sample_tag=sample_tag, records=records), lines
        )
        for former in listing.former_keys:  # a department's system reads it by the old key
            out[catalog.theme_catalog_path(former)] = out[catalog.theme_catalog_path(listing.key)]
    out["robots.txt"] = robots_txt(site).encode("utf-8")
    out.update(form_downloads(index.taxonomy, form))  # the Word form organizations fill in (下载申报表)
    return out
