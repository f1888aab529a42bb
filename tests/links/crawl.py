"""A link checker for a built site: every internal link and anchor must resolve.

Reads every HTML file, collects what a browser would follow or load (``href``,
``src``, ``srcset``, ``<meta http-equiv=refresh>``) and the ids each page offers,
then resolves each internal reference to a file of the site, and a ``#fragment`` to
an id on the target page. Links to ``site_url`` count as internal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

ORIGIN = "http://site.invalid/"
_REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*(.+?)\s*$", re.I)
_LINK_ATTRS = {
    "a": "href",
    "link": "href",
    "area": "href",
    "img": "src",
    "script": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
}


@dataclass
class ParsedPage:
    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (tag, url as written)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if key in values:
                self.page.ids.add(values[key])
        attr = _LINK_ATTRS.get(tag)
        if attr and values.get(attr):
            self.page.refs.append((tag, values[attr]))
        if values.get("srcset"):
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.page.refs.append((tag, candidate.strip().split()[0]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH.match(values.get("content", ""))
            if match:
                self.page.refs.append(("meta", match.group(1).strip("'\"")))


def parse(path: Path) -> ParsedPage:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def target_file(site: Path, path: str) -> Path | None:
    """The file a site-relative path serves, as a static web server would."""
    candidate = site / unquote(path)
    if path == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def to_site_path(url: str, base: str, site_url: str | None) -> str | None:
    """The site-relative path ``url`` (as written on the page at ``base``) points to, or
    None when it leaves the site (another host, mailto:, data:, javascript:).

    The site lives at ``site_url`` (a made-up origin when there is none), so that
    root-relative links such as the 404 page's ``/showcase/assets/...`` resolve too.
    """
    root = site_url or ORIGIN
    absolute = urljoin(root + base, url)
    if urlsplit(absolute).scheme not in ("http", "https") or not absolute.startswith(root):
        return None
    parts = urlsplit(absolute[len(root) - 1 :])
    return parts.path.lstrip("/") + ("#" + parts.fragment if parts.fragment else "")


@dataclass
class Report:
    pages: int = 0
    checked: int = 0
    broken: list[str] = field(default_factory=list)
    external: set[str] = field(default_factory=set)


def check_site(site: Path, site_url: str | None = None) -> Report:
    report = Report()
    parsed: dict[Path, ParsedPage] = {}

    def page_of(path: Path) -> ParsedPage:
        if path not in parsed:
            parsed[path] = parse(path)
        return parsed[path]

    for html in sorted(site.rglob("*.html")):
        report.pages += 1
        base = html.relative_to(site).as_posix()
        for tag, url in page_of(html).refs:
            if url.startswith("#") and len(url) == 1:
                continue
            resolved = to_site_path(url, base, site_url)
            if resolved is None:
                report.external.add(url)
                continue
            report.checked += 1
            path, _, fragment = resolved.partition("#")
            target = target_file(site, path)
            if target is None:
                report.broken.append(f"{base}: <{tag}> {url} -> /{path} does not exist")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in page_of(target).ids:
                report.broken.append(f"{base}: <{tag}> {url} -> no id {fragment!r} on /{path}")
    return report
