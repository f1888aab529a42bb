"""The ``showcase`` MkDocs plugin: MkDocs events delegating to ``showcase.core``.

The plugin owns ``docs_dir`` (the ``cases/`` folder): it removes what MkDocs found
there and adds the pages and images of the site plan as generated files.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import time
from collections.abc import Callable
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from ..core.cachefile import report_repaired
from ..core.cacheprune import CacheArea, CacheLock, prune
from ..core.collection.curated import read_collections
from ..core.collection.loading import summary_line
from ..core.collection.mkdocs_yml import check_config_file
from ..core.collection.mkdocs_yml_checks import sanitize_html_words
from ..core.collection.settings import Settings
from ..core.collection.stored import cache_area as case_cache_area
from ..core.diagnostics import REMINDER
from ..core.editors.guide import guide_page
from ..core.errors import ShowcaseError
from ..core.localonly import this_machine_only
from ..core.media.pipeline import SiteMedia
from ..core.media.pipeline import cache_area as image_cache_area
from ..core.options import Options
from ..core.outputs.booklet.site import cache_area as booklet_cache_area
from ..core.progress import Reporter, progress
from ..core.site.address import address_notice
from ..core.site.build import SiteSteps
from ..core.site.plan import BODY_KINDS, PageKind, PageSpec, navigation
from ..core.site.sanitize import sanitize
from ..core.site.sitefiles import read_site_files, screen_site_words
from . import escaping, everypage, search
from .bodylimit import adopt_pages, limit_bodies
from .config import ShowcaseConfig
from .context import SiteContext, page_description
from .focus import Focus
from .links import LinksAdapter
from .sitelock import SiteLock, site_folder_problem
from .speedup.scale import ScaleAdapter
from .state import Build, Site

if TYPE_CHECKING:
    import jinja2
    from mkdocs.livereload import LiveReloadServer

    from ..core.collection.curated import CuratedCollection
    from ..core.site.index import Listing

log = get_plugin_logger(__name__)


# A case's warning is a reminder to the people who write it: it does not hold the case
# back (CONTRIBUTING, 九), and a case written to the contract is accepted. `mkdocs build
# --strict` (make site, both workflows) stops at any record of level WARNING or above, so
# these are logged one level below it (core.diagnostics.REMINDER), named WARNING: shown
# as before, not counted. The build's own warnings (no CJK font, a site_url too long for
# QR codes, a share card it could not draw) stay warnings, and --strict stops at them.
class _ReminderAsWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == REMINDER:
            record.levelname = "WARNING"
        return True


log.logger.addFilter(_ReminderAsWarning())


PACKAGE = resources.files("showcase")
CSS = "showcase.css"  # in the package's assets/, published under its content's name (plugin/assets.py)
# Material ships its own search (lunr and its worker, 1.2 MB) and source maps (1.3 MB). With
# its search plugin off (ours is Pagefind) no page loads either: a department's security
# review asked why they were served. Left out of the site, unless that plugin is on.
UNUSED_THEME_FILES = re.compile(r"^assets/javascripts/(?:lunr/|workers/search\.)|\.map$")


# The plugin's template (templates/showcase/) that draws each kind of page the core plans.
REDIRECT = "redirect.html"
CITE_ANCHOR = "cite"  # the id of a case page's "how to cite" (showcase/case.html: footer.sc-cite)
TEMPLATES = {
    PageKind.HOME: "home.html",
    PageKind.ABOUT: "about.html",
    PageKind.GUIDE: "about.html",
    PageKind.STATS: "stats.html",
    PageKind.SEARCH: "search.html",
    PageKind.SECTION: "section.html",
    PageKind.LISTING: "listing.html",
    PageKind.CASE: "case.html",
    PageKind.PREVIEW: "case.html",
    PageKind.PROBLEMS: "problems.html",
    PageKind.TOMBSTONE: "tombstone.html",
    PageKind.ALIAS: REDIRECT,
    PageKind.EMBED: "embed.html",
    PageKind.FALLBACK: REDIRECT,
    PageKind.COLLECTIONS: "collections.html",
    PageKind.COLLECTION: "collection.html",
}


def template_of(spec: PageSpec) -> str:
    """The template a planned page is drawn with; an old id's embed card redirects to the case's."""
    return "showcase/" + (REDIRECT if spec.redirects else TEMPLATES[spec.kind])


def _from_theme(file: File, config: MkDocsConfig) -> bool:
    """A file the theme brings (Material's static files), not the site's nor ours."""
    source = file.abs_src_path or ""
    return any(source.startswith(os.path.join(folder, "")) for folder in config.theme.dirs)


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.preview = False  # editor mode: `mkdocs serve`, or set by `showcase preview` and tests
        self.focus: Focus | None = None  # set by `showcase preview` (commands/preview.py)
        self.build: Build | None = None  # this build's state (plugin/state.py), made in on_config
        self.links = LinksAdapter()  # ledger, embeds, feeds, catalog, sitemap
        self.scale = ScaleAdapter()  # large collections: less work per page, same output
        self.site_lock = SiteLock()  # one build at a time into a site folder
        self.cache_lock = CacheLock()  # builds share the cache folders; pruning them needs them alone
        self.started = 0.0  # when this build started (time.time()): newer cache files are kept
        self.serving = False  # `mkdocs serve`: MkDocs sets site_url to its own address

    @property
    def state(self) -> Build:
        if self.build is None:
            raise RuntimeError("showcase: on_config has not run")
        return self.build

    @property
    def reporter(self) -> Reporter:
        """Progress of long work: a bar on a terminal, INFO lines in logs, nothing under --quiet."""
        quiet = not logging.getLogger("mkdocs").isEnabledFor(logging.INFO)
        return partial(progress, mode="off" if quiet else "auto", log=log.info)

    @property
    def media(self) -> SiteMedia:
        """The last build's photos and share cards (tests read their counts)."""
        return self.state.site.media

    @property
    def search_report(self) -> search.IndexReport | None:
        return self.build.search_report if self.build is not None else None

    # Default (0): it only notes the command; no other plugin's startup depends on it.
    @event_priority(0)
    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Drafts and cases in review are shown only to editors, in `mkdocs serve`.
        self.preview = self.serving = command == "serve"
        self.scale.one_off = command != "serve"  # the process ends after this build

    # Late, so that other plugins' config changes are in place before we read paths.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").parent
        try:
            # YAML keeps the last of two equal keys without a word: the other setting was lost
            if config.config_file_path:
                check_config_file(Path(config.config_file_path))
            # MkDocs keeps a misspelt option with a warning in English, fatal only with --strict
            Options.refuse_unknown(dict(self.config))
            options = Options.from_mapping(dict(self.config))
            # The build decodes every photo it has not processed: no second look at their ends.
            settings = dataclasses.replace(Settings.from_options(options, base), image_ends=False)
            config_file = Path(config.config_file_path) if config.config_file_path else None
            files = read_site_files(
                options, base, None if self.serving else config.site_url, config_file=config_file
            )  # serve: its own address
            reminders = screen_site_words(options, base, settings, files)
            curated_file = read_collections(base / options.collections, settings) if options.collections else None
        except ShowcaseError as exc:  # a broken option or data file: MkDocs prints one line
            raise PluginError(str(exc)) from None
        texts, media_options, footer, related_terms = files.texts, files.media, files.footer, files.related_terms
        # HTML, printed as it is by Material's partials (and ours: the copyright): through the body sanitizer
        sanitize_html_words(config, sanitize)
        if not self.serving:  # `mkdocs serve` sets its own address
            for notice in (footer.production_notice(config.site_url or ""), address_notice(config.site_url or "")):
                if notice:
                    log.info(notice)
        guide_title = texts["nav"]["guide"]
        heading_ids = "attr_list" in config.markdown_extensions
        # A list keeps its first number (4. 5. after a paragraph: Word's 继续编号, as
        # `showcase import` writes it, and as the booklets print it): a site whose own
        # mkdocs.yml predates the extension would number it from 1 on its pages (reviewH).
        if "sane_lists" not in config.markdown_extensions:
            config.markdown_extensions.append("sane_lists")
        # A body's link from the site's root (/cases/<id>/, as the guide asks) is checked by the
        # case's rules (the case it names must be published) and made relative to its page by
        # the sanitizer; MkDocs' INFO line on it ("contains an absolute link … it was left as is.
        # Did you mean '../x/index.md'?") told an editor in English that something was wrong (a
        # deployer's trial). Lowered from MkDocs' default only: a site that set warn keeps it.
        if config.validation.links.absolute_links == logging.INFO:
            config.validation.links.absolute_links = logging.DEBUG
        guide = guide_page(files.guide, guide_title, heading_ids, settings.taxonomy) if files.guide else None
        self.build = Build(
            options,
            base,
            settings,
            texts,
            media_options,
            footer,
            guide,
            preview=self.preview or options.preview,
            collections_file=curated_file,
            related_terms=related_terms,
            site_reminders=tuple(reminders),
        )
        assets = self.build.assets
        self.links.on_config(config, options, texts, assets, form=settings.form)
        self.scale.enabled = options.speedups
        self.scale.on_config(config)
        templates = str(PACKAGE / "templates")
        dirs = config.theme.dirs
        dirs.insert(1 if config.theme.custom_dir else 0, templates)
        assets.add_style(config, CSS, first=True)
        if options.search:
            search.configure(config, assets)
        everypage.add_assets(config, assets)
        if config.nav is None and options.navigation:
            config.nav = navigation(
                texts["nav"],
                brands=bool(settings.taxonomy.brands.terms),
                collections=curated_file is not None and bool(curated_file.entries),
                guide=guide,
            )
        return config

    # Default (0): it adds a watch and wraps the app; other plugins' watches are theirs.
    @event_priority(0)
    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
        # `mkdocs serve` watches docs_dir and mkdocs.yml; the site's own files live beside them:
        # collections.yml, and the taxonomy, words, form, review words, related terms, share
        # font and guide the options name (edited while it ran, they rebuilt nothing: the pages
        # and the Word form kept a theme's old name until a case was saved, an editor's trial).
        base = Path(config.config_file_path or ".").parent
        for path in dict.fromkeys(map(str, self.state.options.files(base))):
            server.watch(path)
        # It shows drafts and cases in review: only to this machine (core/localonly.py).
        host, port = config.dev_addr.host, config.dev_addr.port
        server.set_app(this_machine_only(server.serve_request, host, port))
        return server

    # Default (0): MkDocs empties the site folder after every plugin's on_pre_build.
    @event_priority(0)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Before MkDocs empties the site folder: another build may be writing it.
        project = Path(config.config_file_path or ".").resolve().parent
        self.site_lock.acquire(project, config.site_dir, log)
        problem = site_folder_problem(config.site_dir)  # MkDocs empties it next, with a traceback where it cannot
        if problem is not None:
            raise PluginError(problem)
        build = self.state
        # Every cache folder this build reads: a build pruning them waits for no one and
        # prunes only when no other build (of this project or another naming the same
        # folders) holds them (core/cacheprune.py).
        folders = [
            build.media_options.images.cache_dir,
            build.booklet_cache(),
            self._cache_folder(build),
            build.settings.case_cache,
            build.search_cache(),
        ]
        self.cache_lock.share(folder for folder in folders if folder is not None)
        self.started = time.time()
        # The cases read, checked and planned here, before MkDocs empties the site folder: a
        # build refused for a case's error or a lost address left an empty site/ behind (a
        # department's trial, serving site/ for a preview). on_files adds the pages.
        self._prepare(config)

    def _prepare(self, config: MkDocsConfig) -> None:
        """The build's cases, then what core/site/build.py makes of them (``build.loaded``)."""
        build = self.state
        focus = self.focus  # `showcase preview`: one case's pages (plugin/focus.py); None for the site
        root = focus.root if focus is not None else Path(os.path.abspath(config.docs_dir))
        # Through this process's case cache: `mkdocs serve` reads again only the cases that changed.
        collection = self.scale.load(root, build.settings, only=focus.changed if focus else None, report=self.reporter)
        steps = SiteSteps(
            build,
            log.log,
            self.links.site,  # site_name and site_url
            report=self.reporter,
            focus=focus,
            serving=self.serving,
            places=self.links.recorded_places(),  # a city's or county's page keeps the place it showed
            ledger=self.links.ledger,  # urls.lock, checked against the plan
        )
        try:
            build.loaded = steps.prepare(collection)
        except ShowcaseError as exc:  # a case's error, collections.yml's, a cache that cannot be written: one line
            raise PluginError(str(exc)) from None

    # Early, so that plugins after us (search, feeds, sitemap) see the generated pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self.state
        docs_dir = os.path.abspath(config.docs_dir)
        focus = self.focus
        site = build.site  # read and planned in on_pre_build
        plan = site.plan
        kept = [f for f in files if not (f.abs_src_path and f.abs_src_path.startswith(docs_dir + os.sep))]
        if not search.material_search_on(config):
            kept = [f for f in kept if not (UNUSED_THEME_FILES.search(f.src_uri) and _from_theme(f, config))]
        out = Files(kept)
        for spec in plan.pages:
            if focus is not None and not focus.writes(spec):
                continue
            header = f"---\ntemplate: {template_of(spec)}\n---\n"
            # Cases and listings are reachable from pages, never from the navigation.
            markdown = site.media.markdown(spec)  # images point at their published files
            out.append(File.generated(config, spec.src_uri, content=header + markdown, inclusion=InclusionLevel.NOT_IN_NAV))
            site.specs[spec.src_uri] = spec
        # Originals are never published: only the cleaned renditions and share cards.
        for url, path in site.media.files.items():
            out.append(self.scale.cached_file(config, url, str(path)))  # hard-linked
        # every listing with a former key: a series renamed lost its booklets at the old key (a maintainer's trial)
        renamed: list[CuratedCollection | Listing] = [*site.curated, *(listing for listing in site.index.listings() if listing.former_keys)]
        for booklet in (b for made in site.booklets.values() for b in made):
            out.append(self.scale.cached_file(config, booklet.url, str(booklet.path)))  # hard-linked
            # at a renamed collection's or term's old address too: links to the download (a
            # trial of published addresses: a theme's booklets were a 404 there, its feeds were not)
            for holder in renamed:
                for former in holder.at_former_urls(booklet.url):
                    out.append(self.scale.cached_file(config, former, str(booklet.path)))
        out.append(build.assets.file(config, CSS))
        if build.options.search:
            search.add_assets(out, config, build.assets)
        if focus is None:
            self.links.add_files(out, config, plan, site.index)
        else:
            focus.add_assets(out, config, build.settings.taxonomy, build.assets, build.settings.form)
        for file in everypage.asset_files(config, build.assets):
            out.append(file)
        out = self.scale.on_files(out, site.specs, config)  # large collections: same site, less work (plugin/speedup/scale.py)
        # Case bodies convert within their time limit, with the speed-ups or without (plugin/bodylimit.py).
        adopt_pages(out, (uri for uri, spec in site.specs.items() if spec.kind in BODY_KINDS and spec.case is not None), config)
        return out

    # Default (0): our generated pages' Markdown is ours; other plugins may still change a page's after.
    @event_priority(0)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.scale.before_convert(page)
        spec = self.state.spec(page.file.src_uri)
        if spec is not None:
            # Material prints both without escaping; our templates leave Markup as it is (plugin/escaping.py).
            page.meta["title"] = escaping.text(spec.title)
            # Our pages carry their own navigation (breadcrumbs, chips); case pages keep a table of contents.
            page.meta["hide"] = ["navigation"] if spec.kind in (*BODY_KINDS, PageKind.GUIDE) else ["navigation", "toc"]
            description = page_description(spec, self.state.texts, self.state.options.sample_tag)
            if description:
                page.meta["description"] = escaping.text(description)
            self.links.on_page_markdown(spec, page)
        return markdown

    # Last, when other plugins are done with the files and the navigation.
    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        build, site = self.state, self.state.site
        bodies = {uri: spec.kind in BODY_KINDS and bool(spec.markdown) for uri, spec in site.specs.items()}
        cases = {uri: (spec.case.path, spec.case.body_line) for uri, spec in site.specs.items() if bodies[uri] and spec.case is not None}
        limit_bodies(files, cases, float(build.options.body_seconds))  # a body converts within a time limit, or its case is named
        build.converting = self.reporter("转换正文", sum(bodies.values()))
        build.converted = build.converting.__enter__()  # ticked in on_page_content, ended in on_env
        # case bodies from earlier builds (kept in the body cache, keyed with the image settings),
        # the others converted on other cores too
        self.scale.on_nav(
            files,
            config,
            bodies,
            self._finish_body,
            jobs=build.options.jobs,
            cache_folder=self._cache_folder(build),
            cache_extra=repr(build.media_options),
        )
        return nav

    # Last, so that whatever other plugins add to a case body is sanitized too.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.state.spec(page.file.src_uri)
        if spec is not None:
            escaping.clean_toc(page.toc)  # Material draws it outside the sanitized body
        if spec is not None and spec.kind in BODY_KINDS:
            done = self.scale.finished(page, html)  # finished on another core or in an earlier build
            finished = done if done is not None else self._finish_body(spec.src_uri, html)
            self.scale.converted(page, html, finished)  # kept for the next build (plugin/speedup/bodycache.py)
            if self.state.converted is not None:
                self.state.converted()
            return finished
        if spec is not None and spec.kind in (PageKind.ABOUT, PageKind.GUIDE):
            # the site's about.body (its texts file) and its editors' guide (the ``guide``
            # option: a department's own file): Markdown, whose HTML about.html prints as it
            # is. The texts' check refuses HTML in about.body (core/site/texts.py), this is the
            # second line; the guide's own HTML (its <a id="…"> anchors) keeps what a case body may.
            # A link from the site's root (/cases/<id>/) made relative, as a case body's is: a
            # maintainer's trial under …/wmsj/ sent the about page's links to the host's root.
            return sanitize(html, root="../" * spec.url.count("/"))
        return html

    def _cache_folder(self, build: Build) -> Path | None:
        return build.options.path("body_cache", build.base.resolve()) if self.focus is None else None

    def _finish_body(self, uri: str, html: str) -> str:
        site = self.state.site
        spec = site.specs[uri]
        media = site.media.for_case(spec.case)
        own = media.own_files() if media is not None else frozenset()
        # <img> -> <picture>, then the allow-list; links from the site's root made relative to the page
        return sanitize(site.media.html(spec, html), own, root="../" * spec.url.count("/"), pages=site.plan.urls, page=spec.url)

    # Before the other plugins' on_env: our templates must autoescape (escaping.install)
    # before anything may compile one of them.
    @event_priority(100)
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        build = self.state
        if build.converting is not None:  # every body is converted by now
            build.converting.__exit__(None, None, None)
            build.converting = build.converted = None
        # First, before any template is compiled: ours autoescape (plugin/escaping.py).
        escaping.install(env, [str(PACKAGE / "templates"), config.theme.custom_dir])
        # Every page (404 included) shows the reading settings and the footer.
        env.globals["sc_site"] = everypage.site_globals(build.texts, build.footer, search=build.options.search)
        env.globals["sc_asset"] = build.assets.url  # our style sheets' and scripts' names (plugin/assets.py)
        self.scale.on_env(env, config, files, jobs=build.options.jobs)
        # The pages as they are written, here and by the forked worker: at 10,000 cases the
        # log said nothing for 26 s between the bodies and the search index.
        build.writing = self.reporter("生成网页", len(files.documentation_pages()))
        self.scale.count_written(build.writing.__enter__())
        if self._indexing():
            # Pagefind starts once the case pages are written (or the index is taken from its cache).
            self.scale.start_search(files, config, build.search_plan, build.search_cache())
        return env

    # Last: the page is as it will be written.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.scale.handed(page):  # a page the worker writes is reported by the worker
            self.scale.page_rendered(page.file.dest_uri)
        return output

    # Default (0): it adds its own keys (sc, sc_links), which no other plugin sets.
    @event_priority(0)
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation) -> TemplateContext:
        self.scale.before_page(page, config, nav)  # the first page: the other core takes half of ours
        build = self.state
        spec = build.spec(page.file.src_uri)
        if spec is not None:
            context["sc"] = self._context(build.site, config, spec, base_url=context.get("base_url", ""))  # type: ignore[typeddict-unknown-key]
            self.links.on_page_context(context, spec, page)
            if spec.kind in BODY_KINDS and not any(link.id == CITE_ANCHOR for link in page.toc):
                # the page's "how to cite" (showcase/case.html) in its table of contents, which
                # Material draws from the body's headings only: what departments come for (a
                # reader's trial). Here, after the body cache has kept the body's own entries.
                page.toc.items.append(AnchorLink(build.texts["labels"]["cite"], CITE_ANCHOR, 2))
        return context

    def _context(self, site: Site, config: MkDocsConfig, spec: PageSpec, base_url: str = "") -> SiteContext:
        """What a page's templates see as ``sc`` (plugin/context.py)."""
        build = self.state
        return SiteContext(
            spec=spec,
            index=site.index,
            texts=build.texts,
            site_url=config.site_url or "",
            sample_tag=build.options.sample_tag,
            preview=build.preview,
            media=site.media,
            base_url=base_url,
            curated=site.curated,
            booklet_files=site.booklets,
            related_terms=build.related_terms,
            search=build.search_plan,
            qr_codes=site.qr_codes,
        )

    # Default (0): only sitemap.xml's context, with a key of its own.
    @event_priority(0)
    def on_template_context(self, context: TemplateContext, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        self.links.on_template_context(context, template_name)  # sitemap.xml: published pages only
        return context

    # Default (0): it only releases this build's locks and workers.
    @event_priority(0)
    def on_build_error(self, *, error: Exception) -> None:
        self._end_writing(stopped=True)
        self.scale.release()
        self.cache_lock.release()
        self.site_lock.release()

    # Last, so that the search index and the pruned cache see what every other plugin's
    # on_post_build left in site_dir.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.state
        self.scale.finish_pages(config)  # the pages the other core wrote are on disk too
        self._end_writing()
        # After every page is written: Pagefind reads the case pages from site_dir (maybe started already).
        if self._indexing():
            early = self.scale.search_index()
            published = len(build.site.index.published)
            plan = build.search_plan
            build.search_report = search.build_index(config, published, preview=build.preview, index=early, report=self.reporter, plan=plan)
            if build.search_report is not None:
                published_ids = [case.id for case in build.site.index.published]
                search.write_pairs(config, plan, published_ids, self.reporter, self.scale.search_cache)
            if self.scale.search_cache is not None:  # the index's entries and the pair files'
                report_repaired(log.info, self.scale.search_cache.damaged)
        # Before release() drops them: what this build used of the body and search caches.
        caches = (self.scale.cache, self.scale.search_cache)
        used = [area for area in (cache.area() for cache in caches if cache is not None) if area is not None]
        self.scale.on_post_build()
        self._prune_cache(used)
        # Last: the build log ends with the counts by state, so no case is lost silently.
        if build.loaded is not None:
            summary = build.loaded.collection.summary()
            summary["warnings"] += build.loaded.file_warnings  # collections.yml's, urls.lock's: as showcase check counts them
            summary["errors"] += build.loaded.file_errors  # urls.lock's, said where a preview goes on
            log.info(summary_line(summary))
        self.site_lock.release()

    def _end_writing(self, *, stopped: bool = False) -> None:
        """The pages' progress ended: every page written, or the build stopped."""
        build = self.build
        if build is not None and build.writing is not None:
            writing, build.writing = build.writing, None
            self.scale.count_written(None)
            if stopped:
                writing.__exit__(RuntimeError, RuntimeError(), None)  # said as 已停止
            else:
                writing.__exit__(None, None, None)

    def _prune_cache(self, used: list[CacheArea]) -> None:
        """A complete build removes the cache entries it did not use (core/cacheprune.py):
        not a one-case preview, and not while another build uses the cache."""
        build = self.state
        if not build.options.prune_cache or self.focus is not None or build.loaded is None:
            self.cache_lock.release()
            return
        if not self.cache_lock.held:  # no flock here (Windows), or a folder it cannot lock: never prune blind
            log.debug("cache folders not locked: not pruned")
            self.cache_lock.release()
            return
        if not self.cache_lock.alone():
            self.cache_lock.release()
            log.info("另一个构建正在使用缓存文件夹，本次不清理缓存。")
            return
        try:
            site = build.loaded
            areas = [image_cache_area(build.media_options, site.media), *used]
            if site.booklets:
                areas.append(booklet_cache_area(build.booklet_cache(), site.booklets))
            if build.settings.case_cache is not None:  # every case was read: a removed one's entries go
                areas.append(case_cache_area(build.settings.case_cache, (case.path for case in site.collection.cases)))
            pruned = prune(areas, before=self.started)
        finally:
            self.cache_lock.release()
        if pruned.files:
            log.info(
                f"清理缓存：删除了 {pruned.files} 个本次构建用不到的旧缓存文件（案例改动前的分享图、照片和正文等），"
                f"腾出 {pruned.freed / 1_000_000:.1f} MB。"
            )
        if pruned.failed:
            log.info(f"清理缓存：{len(pruned.failed)} 个文件无法删除，下次构建再试，例如 {pruned.failed[0]}")

    def _indexing(self) -> bool:
        build = self.state
        return build.indexing and build.loaded is not None and self.focus is None
