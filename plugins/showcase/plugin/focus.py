"""A build of one case's pages, for ``showcase preview`` (commands/preview.py).

The whole collection is loaded (through the process's case cache, so a rebuild reads
only the edited case) because a case page shows related cases and its theme page lists
others. But only a few pages are written: the case's page (as on the real site, or
with its 草稿/待审 banner), the page of its primary theme's listing that shows it, and
the pages of the navigation (home, sections, statistics, about, guide). Images are
processed for the cases those pages show. Feeds, catalog, sitemap, embed cards and the
search index are not made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..core.case.model import Case
from ..core.collection.loading import Collection
from ..core.collection.taxonomy import Taxonomy
from ..core.diagnostics import Diagnostic
from ..core.outputs.form import form_downloads
from ..core.site.index import SiteIndex
from ..core.site.plan import PageKind, PageSpec, SitePlan
from .assets import Assets
from .links import LINKS_CSS

# The navigation's pages (the about page and the guide link the Word form, written too):
# what a full build has, so that MkDocs finds every page the navigation and their links name.
ALWAYS = frozenset({PageKind.HOME, PageKind.ABOUT, PageKind.STATS, PageKind.SECTION, PageKind.GUIDE, PageKind.COLLECTIONS})
CASE_KINDS = (PageKind.CASE, PageKind.PREVIEW, PageKind.TOMBSTONE, PageKind.PROBLEMS)


@dataclass
class Focus:
    """One case to preview: its ``index.md`` below the collection folder ``root``."""

    root: Path
    case_file: Path
    changed: list[Path] | None = None  # files that may have changed since the last build; None: look at all
    urls: set[str] = field(default_factory=set)  # the pages written (set by ``narrow``)
    case: Case | None = None
    page_url: str | None = None  # the case's page, once found
    theme_url: str | None = None  # its theme page

    def narrow(self, plan: SitePlan, index: SiteIndex, collection: Collection) -> None:
        """Keep in ``plan`` the pages to write, and the case pages whose images their cards show."""
        self.case = case = next((c for c in collection.cases if c.path == self.case_file), None)
        self.urls = set()
        shown = {c.id for c in index.featured} | {c.id for c in index.latest(6)}  # the home page's cards
        spec = next((s for s in plan.pages if s.kind in CASE_KINDS and s.case is case), None) if case is not None else None
        self.page_url = spec.url if spec is not None else None
        if spec is not None:
            self.urls.add(spec.url)
            if case is not None and case.is_published:
                shown |= {c.id for c in index.related(case)}
        self.theme_url = None
        theme = case.primary_theme if case is not None else None
        listing = index.theme_of.get(theme.key) if theme is not None else None
        if listing is not None:
            position = next((n for n, c in enumerate(listing.cases) if c is case), 0)
            number = position // listing.per_page + 1
            self.theme_url = listing.page_url(number)
            self.urls.add(self.theme_url)
            shown |= {c.id for c in listing.page(number)}
        plan.pages = [s for s in plan.pages if self.writes(s) or (s.kind is PageKind.CASE and s.case is not None and s.case.id in shown)]

    def writes(self, spec: PageSpec) -> bool:
        return spec.kind in ALWAYS or spec.url in self.urls

    def diagnostics(self, collection: Collection) -> list[Diagnostic]:
        """The problems worth printing in a preview: the previewed case's."""
        return [d for d in collection.diagnostics if d.path == self.case_file]

    def add_assets(self, files: Files, config: MkDocsConfig, taxonomy: Taxonomy, assets: Assets, form: dict[str, Any]) -> None:
        """What a full build adds with its other outputs and these pages use: the style sheet
        links.css and the Word form the about page and the guide link (下载申报表)."""
        files.append(assets.file(config, LINKS_CSS))
        for path, data in form_downloads(taxonomy, form).items():
            files.append(File.generated(config, path, content=data))
