"""Feeds of the latest published cases: RSS 2.0, Atom 1.0 and JSON Feed 1.1, engine-free.

Written with the standard library (``xml.etree`` escapes text and attributes; ``json``
the rest), so no feed library is needed to publish. Entries are built from published
cases only; the caller decides which cases (site-wide or one theme).

Dates: a case carries calendar dates, not times. A feed item's date is the day its
publication was approved (``review.approved``; the practice date when missing), at
midnight China Standard Time (UTC+8), so that every build writes the same bytes.
"""

from __future__ import annotations

import html
import json
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from ..case.model import Case
from ..chinadate import CHINA_TIME
from ..site.index import case_url

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
# Characters XML 1.0 forbids; they never belong in a case, but a feed must stay well-formed.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class SiteInfo:
    """What outputs need to know about the site."""

    title: str
    description: str = ""
    base_url: str = ""  # site_url with a trailing slash, or "" when not configured
    language: str = "zh-CN"

    @classmethod
    def of(cls, title: str, site_url: str, description: str = "") -> SiteInfo:
        """From mkdocs.yml's ``site_name`` and ``site_url`` (given a trailing "/", as MkDocs does)."""
        base = site_url.strip()
        return cls(title=title, description=description, base_url=base if not base or base.endswith("/") else base + "/")

    def url(self, path: str) -> str:
        """A site-relative path as a link: absolute under ``base_url``, else root-relative."""
        return absolute_url(self.base_url, path)


def absolute_url(site_url: str, path: str) -> str:
    """A site-relative path as a full URL under ``site_url``, else from the site's root:
    the one formula of every permalink (pages, feeds, catalog, booklets, QR codes)."""
    return f"{site_url.rstrip('/')}/{path}" if site_url else f"/{path}"


@dataclass
class FeedEntry:
    id: str
    url: str
    title: str
    summary: str
    published: datetime
    author: str
    categories: list[str] = field(default_factory=list)
    image: str | None = None


@dataclass
class Feed:
    title: str
    description: str
    home_url: str  # the page this feed follows
    self_urls: dict[str, str]  # format ("rss", "atom", "json") -> URL of that file
    id: str
    language: str
    entries: list[FeedEntry]
    author: str = ""

    @property
    def updated(self) -> datetime:
        return max((e.published for e in self.entries), default=datetime(2000, 1, 1, tzinfo=CHINA_TIME))


def publication_date(case: Case) -> date:
    day = case.review.approved or case.date
    assert day is not None, "published cases have a date"
    return day


def newest_published(cases: list[Case]) -> list[Case]:
    """Most recently approved first; ties by practice date, then id."""
    ordered = sorted(cases, key=lambda c: c.id)
    ordered.sort(key=lambda c: (publication_date(c), c.date), reverse=True)
    return ordered


def cover_path(case: Case) -> str | None:
    """Site-relative URL of a case's cover: a cleaned JPEG that the image pipeline
    (core/media/pipeline.py) publishes beside the case page under this fixed name, whatever the
    original is called or whatever format it has. Originals are never published."""
    return f"{case_url(case.id)}cover.jpg" if case.cover else None


def first_id(case: Case) -> str:
    """The id a feed reader knows ``case`` by: that of its first address (the first of its
    ``aliases``, where the guide has the editor write the old id; its id when it has none)."""
    return case.aliases[0] if case.aliases else case.id


def entry_for(case: Case, site: SiteInfo, mark: str = "") -> FeedEntry:
    """``mark``: what goes before the title (【示例】 for a made-up case)."""
    url = site.url(case_url(case.id))
    cover = cover_path(case)
    # A feed reader knows an entry by its id: a renamed case keeps the one of its first
    # address (the first of its ``aliases``, where the guide has the editor write the old
    # id), so its subscribers do not see it again as new; that address redirects to the case.
    first = first_id(case)
    return FeedEntry(
        id=site.url(case_url(first)) if site.base_url else f"urn:showcase:{case_url(first)}",
        url=url,
        title=mark + case.title,
        summary=case.summary,
        published=datetime.combine(publication_date(case), time(0), tzinfo=CHINA_TIME),
        author=case.organization.name,
        categories=[t.label for t in case.themes],
        image=site.url(cover) if cover else None,
    )


def make_feed(
    cases: list[Case],
    site: SiteInfo,
    *,
    title: str,
    description: str,
    home: str,
    files: dict[str, str],
    limit: int,
    mark: Callable[[Case], str] = lambda case: "",
) -> Feed:
    """A feed of the ``limit`` newest of ``cases``; ``home`` and ``files`` are site-relative.
    ``mark``: what goes before a case's title (【示例】 for a made-up one, as when it is shared)."""
    entries = [entry_for(c, site, mark(c)) for c in newest_published(cases)[:limit]]
    home_url = site.url(home)
    return Feed(
        title=title,
        description=description,
        home_url=home_url,
        self_urls={fmt: site.url(path) for fmt, path in files.items()},
        id=home_url if site.base_url else f"urn:showcase:{home or 'home'}",
        language=site.language,
        entries=entries,
        author=site.title,
    )


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def rss(feed: Feed) -> bytes:
    """RSS 2.0, with an ``atom:link rel=self`` as the RSS Advisory Board recommends."""
    ET.register_namespace("atom", ATOM_NS)
    root = ET.Element("rss", {"version": "2.0"})
    channel = _sub(root, "channel")
    _sub(channel, "title", feed.title)
    _sub(channel, "link", feed.home_url)
    _sub(channel, "description", html.escape(feed.description or feed.title))  # as HTML too, like the items'
    _sub(channel, "language", feed.language.lower())
    _sub(channel, "lastBuildDate", format_datetime(feed.updated))
    if "rss" in feed.self_urls:
        _sub(channel, f"{{{ATOM_NS}}}link", href=feed.self_urls["rss"], rel="self", type="application/rss+xml")
    for entry in feed.entries:
        item = _sub(channel, "item")
        _sub(item, "title", entry.title)
        _sub(item, "link", entry.url)
        _sub(item, "guid", entry.id, isPermaLink="true" if entry.id == entry.url else "false")
        _sub(item, "description", html.escape(entry.summary))  # readers take it as HTML: the summary as text
        _sub(item, "pubDate", format_datetime(entry.published))
        for category in entry.categories:
            _sub(item, "category", category)
    return _xml(root)


def atom(feed: Feed) -> bytes:
    # Plain names under a literal xmlns: ElementTree's default_namespace option refuses
    # unqualified attributes, and registering a "" prefix would leak into the RSS writer.
    root = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: feed.language})
    _sub(root, "title", feed.title)
    if feed.description:
        _sub(root, "subtitle", feed.description)
    _sub(root, "id", feed.id)
    _sub(root, "updated", feed.updated.isoformat())
    _sub(root, "link", href=feed.home_url, rel="alternate", type="text/html")
    if "atom" in feed.self_urls:
        _sub(root, "link", href=feed.self_urls["atom"], rel="self", type="application/atom+xml")
    author = _sub(root, "author")
    _sub(author, "name", feed.author or feed.title)
    for entry in feed.entries:
        item = _sub(root, "entry")
        _sub(item, "title", entry.title, type="text")
        _sub(item, "id", entry.id)
        _sub(item, "link", href=entry.url, rel="alternate", type="text/html")
        _sub(item, "published", entry.published.isoformat())
        _sub(item, "updated", entry.published.isoformat())
        _sub(item, "summary", entry.summary, type="text")
        who = _sub(item, "author")
        _sub(who, "name", entry.author or feed.title)
        for category in entry.categories:
            _sub(item, "category", term=category)
        if entry.image:
            kind = mimetypes.guess_type(entry.image)[0] or "image/jpeg"
            _sub(item, "link", href=entry.image, rel="enclosure", type=kind)
    return _xml(root)


def json_feed(feed: Feed) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    data: dict = {
        "version": JSONFEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.home_url,
        "description": feed.description,
        "language": feed.language,
        "authors": [{"name": feed.author or feed.title}],
        "items": [],
    }
    if "json" in feed.self_urls:
        data["feed_url"] = feed.self_urls["json"]
    for entry in feed.entries:
        item = {
            "id": entry.id,
            "url": entry.url,
            "title": entry.title,
            "summary": entry.summary,
            "content_text": entry.summary,
            "date_published": entry.published.isoformat(),
            "date_modified": entry.published.isoformat(),
            "authors": [{"name": entry.author}],
            "tags": entry.categories,
        }
        if entry.image:
            item["image"] = entry.image
        data["items"].append(item)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


WRITERS = {"rss": rss, "atom": atom, "json": json_feed}
