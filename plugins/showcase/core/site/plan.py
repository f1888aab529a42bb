"""The site's pages and files as a plan: which URL shows what, engine-free.

A site engine turns each ``PageSpec`` into a page rendered with ``template`` and each
``Asset`` into a copied file. Publication states are decided here, once:
published cases get pages, withdrawn cases tombstones, aliases redirects; drafts,
cases in review and broken cases appear only in an editor's preview.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..case.imagerefs import resolve
from ..case.model import Case, Status
from ..collection.loading import Collection
from ..errors import ShowcaseError
from .index import Listing, Section, SiteIndex, case_url
from .texts import unwrap_chinese

if TYPE_CHECKING:
    from ..collection.curated import CuratedCollection


class PageKind(StrEnum):
    """What a page is. A ``StrEnum``: templates compare ``sc.spec.kind == "case"`` as text."""

    HOME = "home"
    ABOUT = "about"
    STATS = "stats"
    SEARCH = "search"
    GUIDE = "guide"
    SECTION = "section"  # /themes/, /regions/, …: the list of listings
    LISTING = "listing"  # one theme, category, region, year or series, page by page
    CASE = "case"  # a published case
    PREVIEW = "preview"  # a draft or a case in review, with its banner (editors only)
    PROBLEMS = "problems"  # a case with errors, under serve
    TOMBSTONE = "tombstone"  # a withdrawn case: title, date, reason
    ALIAS = "alias"  # an old id, redirecting
    EMBED = "embed"  # /cases/<id>/embed/, the card for other sites' iframes
    # an address that no longer has its page, redirecting: a listing's or collection's under
    # its former key (``listing`` or ``curated`` set), or one gone, to the page above it
    FALLBACK = "fallback"
    COLLECTIONS = "collections"  # /collections/: every curated collection (专题)
    COLLECTION = "collection"  # /collections/<key>/: one, its cases in the curated order


# Pages that show a case's body and photos.
BODY_KINDS = frozenset({PageKind.CASE, PageKind.PREVIEW})


# The ways in of the top navigation that hold pages of their own (a theme's, a region's, …).
_SECTIONS = ("themes/", "categories/", "regions/", "years/", "brands/", "collections/")


def nav_section(spec: PageSpec) -> str:
    """The top navigation's entry a page belongs to (``themes/``, …; "" for none): a listing's
    or a collection's by its address, a case's its primary theme's, as its breadcrumb goes
    (首页 › 便民服务 › …)."""
    if spec.kind in BODY_KINDS or spec.kind is PageKind.TOMBSTONE:
        return "themes/" if spec.case is not None and spec.case.primary_theme is not None else ""
    first = spec.url.split("/", 1)[0] + "/"
    return first if first in _SECTIONS else ""


def outside_site(url: str) -> bool:
    """Whether a site path could lead out of the site folder when written there: a ``.`` or
    ``..`` segment (also percent-encoded), a backslash or a control character."""
    decoded = unquote(url)
    return any(part in (".", "..") for part in decoded.split("/")) or any(ch == "\\" or ord(ch) < 32 for ch in url + decoded)


@dataclass
class PageSpec:
    kind: PageKind
    url: str  # relative to the site root, "" for home, always ending in "/"
    title: str
    case: Case | None = None
    listing: Listing | None = None
    section: Section | None = None
    number: int = 1
    target: str = ""  # where an alias, a former address or a moved case's embed redirects to
    markdown: str = ""
    curated: CuratedCollection | None = None  # a collection page's collection

    @property
    def redirects(self) -> bool:
        """A page that only sends its reader on to ``target``: an alias, a former address, or
        an old id's embed card (drawn with the redirect template, and an entry of the
        nginx redirect map, ``outputs.offsite.redirect_map``)."""
        return self.kind in (PageKind.ALIAS, PageKind.FALLBACK) or (self.kind is PageKind.EMBED and bool(self.target))

    @cached_property  # read several times a page in a build: the guard runs once
    def src_uri(self) -> str:
        if outside_site(self.url):  # ids, keys and slugs never are; a URL read from a file might be
            raise ShowcaseError(f"网址 /{self.url} 会写到网站文件夹以外，没有生成。")
        return f"{self.url}index.md"


@dataclass
class Asset:
    url: str  # destination, relative to the site root
    source: Path


@dataclass
class SitePlan:
    pages: list[PageSpec] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    by_case: dict[str, PageSpec] = field(default_factory=dict)  # case id -> its page
    collections: list[CuratedCollection] = field(default_factory=list)  # 专题, as collections.yml orders them

    @cached_property
    def urls(self) -> frozenset[str]:
        """Every page's URL (``cases/<id>/``, a term's page or its former key's redirect…)."""
        return frozenset(spec.url for spec in self.pages)

    def body_pages(self) -> list[tuple[PageSpec, Case]]:
        """The pages that show a case (its page, or its preview), with that case."""
        return [(spec, spec.case) for spec in self.pages if spec.kind in BODY_KINDS and spec.case is not None]


def problem_url(case: Case, root: Path) -> str:
    """A stable preview URL for a case whose id could not be read."""
    try:
        rel = case.folder.relative_to(root).as_posix()
    except ValueError:
        rel = case.folder.as_posix()
    slug = re.sub(r"[^a-z0-9]+", "-", rel.lower()).strip("-")
    digest = hashlib.sha1(rel.encode()).hexdigest()[:8]
    return f"cases/_problems/{slug + '-' if slug else ''}{digest}/"


def _case_assets(case: Case, url: str) -> list[Asset]:
    assets = []
    seen = set()
    for ref in case.images:
        path = resolve(case.folder, ref.src)
        if path is None or not path.is_file() or ref.src in seen:
            continue
        seen.add(ref.src)
        assets.append(Asset(url + Path(ref.src).as_posix().lstrip("./"), path))
    return assets


def navigation(nav: dict[str, str], *, brands: bool, collections: bool, guide: PageSpec | None) -> list[dict[str, str]]:
    """The site's top navigation (MkDocs' ``nav``), from the texts' ``nav`` words: home, the
    four ways in (theme, category, region, year), then the activity series and the
    collections when the site has them, the statistics, about, and the editors' guide."""
    items = [
        {nav["home"]: "index.md"},
        {nav["themes"]: "themes/index.md"},
        {nav["categories"]: "categories/index.md"},
        {nav["regions"]: "regions/index.md"},
        {nav["years"]: "years/index.md"},
    ]
    if brands:  # the activity series: a way in as the others are (a trial found it hidden)
        items.append({nav["brands"]: "brands/index.md"})
    if collections:
        items.append({nav["collections"]: "collections/index.md"})
    items += [{nav["stats"]: "stats/index.md"}, {nav["about"]: "about/index.md"}]
    if guide is not None:
        items.append({guide.title: guide.src_uri})
    return items


def plan_site(
    collection: Collection,
    index: SiteIndex,
    texts: dict,
    *,
    preview: bool,
    search: bool = True,
    collections: list[CuratedCollection] | tuple = (),
) -> SitePlan:
    """Every page of the site. ``preview`` adds what only editors may see; ``search`` the search page;
    ``collections`` the curated collections (resolved, core/collection/curated.py)."""
    plan = SitePlan(collections=list(collections))
    home = texts["home"]
    plan.pages.append(
        PageSpec(
            PageKind.HOME,
            "",
            home["title"],
        )
    )
    plan.pages.append(PageSpec(PageKind.ABOUT, "about/", texts["about"]["title"], markdown=unwrap_chinese(texts["about"]["body"])))
    plan.pages.append(
        PageSpec(
            PageKind.STATS,
            "stats/",
            texts["stats"]["title"],
        )
    )
    if search:
        plan.pages.append(
            PageSpec(
                PageKind.SEARCH,
                "search/",
                texts["search"]["title"],
            )
        )
    # /cases/, above every permalink: a reader who trims one (or types it) reached the 404 page,
    # or under a plain server a list of folders (a reader's review). It leads home.
    plan.pages.append(PageSpec(PageKind.FALLBACK, "cases/", home["title"], target=""))
    for section in index.sections:
        plan.pages.append(PageSpec(PageKind.SECTION, section.url, texts["nav"][section.kind], section=section))
    listed = {listing.url for listing in index.listings()}
    for listing in index.listings():
        for number in range(1, listing.pages + 1):
            plan.pages.append(PageSpec(PageKind.LISTING, listing.page_url(number), listing.title, listing=listing, number=number))
        # a term's former key (a theme's key changed), a city's (its reading put right): its
        # address leads here, not to the section above, as a vanished listing's does (a trial)
        for former in (url for url in listing.former_urls if url not in listed):  # never over a page
            plan.pages.append(PageSpec(PageKind.FALLBACK, former, listing.title, listing=listing, target=listing.url))
    if plan.collections:
        words = texts["collections"]
        plan.pages.append(
            PageSpec(
                PageKind.COLLECTIONS,
                "collections/",
                words["title"],
            )
        )
        for curated in plan.collections:
            plan.pages.append(PageSpec(PageKind.COLLECTION, curated.url, curated.title, curated=curated))
            # each former key's address leads here, as a case's former id does: beside it its
            # feeds and booklets (offsite.py, the plugin), which were 404 without this page (a review)
            for former in curated.former_urls:
                plan.pages.append(PageSpec(PageKind.FALLBACK, former, curated.title, curated=curated, target=curated.url))
    taken: set[str] = set()
    for case in collection.cases:
        if not case.ok:
            if preview:
                url = case_url(case.id) if case.id and case.id not in taken else problem_url(case, collection.root)
                title = case.title or case.folder.name
                plan.pages.append(PageSpec(PageKind.PROBLEMS, url, title, case=case))
                taken.add(case.id)
            continue
        url = case_url(case.id)
        if case.status is Status.PUBLISHED:
            spec = PageSpec(PageKind.CASE, url, case.title, case=case, markdown=case.body)
            plan.assets += _case_assets(case, url)
        elif case.status is Status.WITHDRAWN:
            spec = PageSpec(PageKind.TOMBSTONE, url, case.title, case=case)
        elif preview:
            spec = PageSpec(PageKind.PREVIEW, url, case.title, case=case, markdown=case.body)
            plan.assets += _case_assets(case, url)
        else:
            continue
        taken.add(case.id)
        plan.pages.append(spec)
        plan.by_case[case.id] = spec
        if case.status is not None and case.status.is_public:
            for alias in case.aliases:
                plan.pages.append(PageSpec(PageKind.ALIAS, case_url(alias), case.title, case=case, target=url))
    return plan
