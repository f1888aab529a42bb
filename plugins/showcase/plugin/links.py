"""MkDocs side of links that last and outputs that travel.

The ``ShowcasePlugin`` calls these hooks from its own events (see plugin.py); every
decision is made in the core (``ledger``, ``outputs``, ``feeds``, ``catalog``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core.case.model import Case
from ..core.options import DEFAULTS, Options
from ..core.outputs import offsite as outputs
from ..core.outputs.feeds import SiteInfo
from ..core.outputs.ledger import Ledger, LedgerError, read_ledger
from ..core.site.index import SiteIndex, case_url
from ..core.site.plan import PageKind, PageSpec, SitePlan
from .assets import Assets

LINKS_CSS = "links.css"  # in the package's assets/ (plugin/assets.py)
# The embed card's frame: on a phone's 320 px the card's words at 16 px and its 44 px links
# take about 330 px (templates/showcase/embed.html); a frame of 260 px, as this code gave
# before, shows the card without its summary.
EMBED_HEIGHT = 400


@dataclass
class LinksContext:
    """What templates see as ``sc_links``: feeds, permalinks and the embed snippet of a page."""

    spec: PageSpec
    site: SiteInfo
    texts: dict[str, Any]

    @property
    def words(self) -> dict[str, str]:
        return self.texts["links"]

    @property
    def noindex(self) -> bool:
        return self.spec.kind in outputs.NOINDEX_KINDS

    @property
    def absolute(self) -> bool:
        """Whether links can be absolute (site_url configured); else scripts complete them."""
        return bool(self.site.base_url)

    def feeds(self) -> list[dict[str, str]]:
        """The site's feeds, for ``<link rel=alternate>`` in every page's head."""
        return outputs.feed_links(self.texts)

    def page_feeds(self) -> list[dict[str, str]]:
        """A theme's or a collection's own feeds, for its head before the site's: named after
        the page, since a feed reader lists them by title."""
        own = self.theme_feeds() or self.collection_feeds()
        return [{**feed, "title": f"{self.spec.title} · {feed['title']}"} for feed in own]

    def theme_feeds(self) -> list[dict[str, str]]:
        """A theme page's own feeds (first page of a theme listing only)."""
        listing = self.spec.listing
        if self.spec.kind is not PageKind.LISTING or listing is None or listing.kind != "themes" or listing.parent is not None:
            return []
        return outputs.feed_links(self.texts, listing.url)

    def collection_feeds(self) -> list[dict[str, str]]:
        """A collection page's own feeds."""
        if self.spec.kind is not PageKind.COLLECTION or self.spec.curated is None:
            return []
        return outputs.feed_links(self.texts, self.spec.curated.url)

    def permalink(self, case: Case) -> str:
        return self.site.url(case_url(case.id))

    def embed_url(self, case: Case) -> str:
        return self.site.url(outputs.embed_url(case_url(case.id)))

    def iframe(self, case: Case) -> str:
        """The HTML a reader pastes into another site: a sandboxed, script-free card."""
        return (
            f'<iframe src="{html.escape(self.embed_url(case))}" title="{html.escape(case.title)}" '
            f'width="100%" height="{EMBED_HEIGHT}" style="max-width:640px;border:0" loading="lazy" '
            'sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>'
        )


class LinksAdapter:
    """urls.lock read once a build (checked by core/site/build.py), embed pages, feeds, catalog,
    sitemap and robots.txt for one build."""

    def __init__(self) -> None:
        self.ledger_path: Path | None = None
        self._ledger: Ledger | None = None  # read once a build (``ledger``)
        self.feed_items = DEFAULTS.feed_items
        self.sample_tag = DEFAULTS.sample_tag
        self.site = SiteInfo(title="")
        self.texts: dict[str, Any] = {}
        self.form: dict[str, Any] | None = None  # the Word form's words (Settings.form)
        self.sitemap = ""
        self.assets = Assets()  # the build's, given in on_config

    def on_config(
        self, config: MkDocsConfig, options: Options, texts: dict[str, Any], assets: Assets, *, form: dict[str, Any] | None = None
    ) -> None:
        base = Path(config.config_file_path or ".").parent
        self.ledger_path = base / options.ledger if options.ledger else None
        self._ledger = None  # `mkdocs serve` rebuilds from here: urls.lock may have changed
        self.feed_items = options.feed_items
        self.sample_tag = options.sample_tag
        self.texts = texts
        self.form = form
        self.site = SiteInfo.of(config.site_name, config.site_url or "", config.site_description or "")
        self.assets = assets
        assets.add_style(config, LINKS_CSS)

    def ledger(self) -> Ledger | None:
        """urls.lock, read once a build: the places it records keep their pages' keys (the
        plan), and its URLs are checked against the plan (core/site/build.py)."""
        if self.ledger_path is None:
            return None
        if self._ledger is None:
            self._ledger = read_ledger(self.ledger_path)  # a LedgerError stops the build (plugin.py says it in one line)
        return self._ledger

    def recorded_places(self) -> dict[str, str]:
        """The place each city's and county's page showed when published (``Ledger.places``);
        none when urls.lock cannot be read, which the build says when it checks it (a preview does not check it)."""
        try:
            ledger = self.ledger()
        except LedgerError:
            return {}
        return ledger.owners if ledger is not None else {}

    def add_files(self, files: Files, config: MkDocsConfig, plan: SitePlan, index: SiteIndex) -> None:
        generated = outputs.site_files(
            index,
            self.site,
            self.texts,
            limit=self.feed_items,
            collections=plan.collections,
            sample_tag=self.sample_tag,
            form=self.form,
        )
        for path, content in generated.items():
            files.append(File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
        maps = outputs.sitemaps(plan, index, self.site)
        self.sitemap = maps.pop("sitemap.xml")  # rendered through MkDocs' sitemap.xml template
        for path, text in maps.items():  # the parts of a sitemap too large for one file
            files.append(File.generated(config, path, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
        files.append(File.generated(config, outputs.REDIRECT_MAP, content=outputs.redirect_map(plan), inclusion=InclusionLevel.NOT_IN_NAV))
        files.append(self.assets.file(config, LINKS_CSS))

    def on_page_markdown(self, spec: PageSpec, page: Page) -> None:
        if spec.kind in outputs.NOINDEX_KINDS:
            page.meta["search"] = {"exclude": True}

    def on_page_context(self, context: TemplateContext, spec: PageSpec, page: Page) -> None:
        context["sc_links"] = LinksContext(spec, self.site, self.texts)  # type: ignore[typeddict-unknown-key]

    def on_template_context(self, context: TemplateContext, template_name: str) -> None:
        if template_name == "sitemap.xml" and self.sitemap:
            context["showcase_sitemap"] = Markup(self.sitemap)  # type: ignore[typeddict-unknown-key]  # XML from ElementTree, which escapes (core/outputs/offsite.py)
