"""The ``showcase`` MkDocs plugin: MkDocs events delegating to ``showcase.core``.

The plugin owns ``docs_dir`` (the ``cases/`` folder): it removes what MkDocs found
there and adds the pages and images of the site plan as generated files.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..core.collection.cache import load_site_collection
from ..core.collection.loading import Collection
from ..core.collection.settings import Settings
from ..core.editors.guide import guide_page
from ..core.editors.report import summary_line
from ..core.errors import ShowcaseError
from ..core.media.pipeline import MediaOptions, SiteMedia, attach, build_media
from ..core.options import Options
from ..core.site.footer import Footer
from ..core.site.index import SiteIndex
from ..core.site.plan import BODY_KINDS, PageKind, PageSpec, SitePlan, plan_site
from ..core.site.sanitize import sanitize
from ..core.site.texts import load_texts
from . import escaping, reader, search
from .config import ShowcaseConfig
from .context import SiteContext
from .focus import Focus
from .links import LinksAdapter
from .sitelock import SiteLock
from .speedup.bodycache import BodyCache
from .speedup.cachedfiles import CachedFile, report_damaged
from .speedup.scale import ScaleAdapter

log = get_plugin_logger(__name__)
PACKAGE = resources.files("showcase")
CSS = "assets/showcase/showcase.css"


class ShowcasePlugin(BasePlugin[ShowcaseConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.preview = False
        self.settings: Settings | None = None
        self.texts: dict[str, Any] = {}
        self.related_terms: search.RelatedTerms = ()
        self.collection: Collection | None = None
        self.index: SiteIndex | None = None
        self.plan: SitePlan | None = None
        self.specs: dict[str, PageSpec] = {}
        self.search_report: search.IndexReport | None = None  # the last build's, for scripts/bench_search.py
        self.media_options = MediaOptions()
        self.media = SiteMedia()
        self.guide: PageSpec | None = None
        self.links = LinksAdapter()  # ledger, embeds, feeds, catalog, sitemap
        self.scale = ScaleAdapter()  # large collections: less work per page, same output
        self.focus: Focus | None = None  # set by `showcase preview` (commands/preview.py)
        self.footer = Footer()
        self.site_lock = SiteLock()  # one build at a time into a site folder

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Drafts and cases in review are shown only to editors, in `mkdocs serve`.
        self.preview = command == "serve"

    # Late, so that other plugins' config changes are in place before we read paths.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").parent
        try:
            options = Options.from_mapping({**self.config, "footer": dict(self.config.footer)})
            self.settings = Settings.from_options(options, base)
            self.texts = load_texts(options.path("texts", base))
            self.related_terms = search.load_related_terms(options.path("related_terms", base))
            self.media_options = MediaOptions.from_options(options, base)
            self.footer = Footer.from_options(options.footer)
        except ShowcaseError as exc:  # a broken option or data file: MkDocs prints one line
            raise PluginError(str(exc)) from None
        self.preview = self.preview or self.config.preview
        guide_title = self.texts["nav"].get("guide", "投稿指南")
        heading_ids = "attr_list" in config.markdown_extensions
        self.guide = guide_page(base / self.config.guide, guide_title, heading_ids) if self.config.guide else None
        self.links.on_config(config, self.config, self.texts)
        templates = str(PACKAGE / "templates")
        dirs = config.theme.dirs
        dirs.insert(1 if config.theme.custom_dir else 0, templates)
        if CSS not in config.extra_css:
            config.extra_css.insert(0, CSS)
        if self.config.search:
            search.configure(config)
        reader.add_assets(config)
        if config.nav is None and self.config.navigation:
            nav = self.texts["nav"]
            config.nav = [
                {nav["home"]: "index.md"},
                {nav["themes"]: "themes/index.md"},
                {nav["categories"]: "categories/index.md"},
                {nav["regions"]: "regions/index.md"},
                {nav["years"]: "years/index.md"},
                {nav["stats"]: "stats/index.md"},
                {nav["about"]: "about/index.md"},
            ]
            if self.guide is not None:
                config.nav.append({self.guide.title: self.guide.src_uri})
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Before MkDocs empties the site folder: another build may be writing it.
        self.site_lock.acquire(Path(config.config_file_path or ".").resolve().parent, config.site_dir, log)

    # Early, so that plugins after us (search, feeds, sitemap) see the generated pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        docs_dir = os.path.abspath(config.docs_dir)
        focus = self.focus  # `showcase preview`: one case's pages (plugin/focus.py); None for the site
        root = focus.root if focus is not None else Path(docs_dir)
        # Through this process's cache: `mkdocs serve` reads again only the cases that changed.
        self.collection = collection = load_site_collection(root, self.settings, only=focus.changed if focus else None)
        self.index = SiteIndex(collection.cases, self.settings.taxonomy, self.config.per_page)
        self.plan = plan_site(collection, self.index, self.texts, preview=self.preview, search=self.config.search)
        if focus is not None:
            focus.narrow(self.plan, self.index, collection)
        self._media(collection, config)  # adds image problems to the cases, for one report
        self._report(collection)
        if self.guide is not None:
            self.plan.pages.append(self.guide)
        if focus is None:
            self.links.extend_plan(self.plan, collection, preview=self.preview)
        kept = [f for f in files if not (f.abs_src_path and f.abs_src_path.startswith(docs_dir + os.sep))]
        out = Files(kept)
        self.specs = {}
        for spec in self.plan.pages:
            if focus is not None and not focus.writes(spec):
                continue
            header = f"---\ntemplate: {spec.template}\n---\n"
            # Cases and listings are reachable from pages, never from the navigation.
            markdown = self.media.markdown(spec)  # images point at their published files
            out.append(File.generated(config, spec.src_uri, content=header + markdown, inclusion=InclusionLevel.NOT_IN_NAV))
            self.specs[spec.src_uri] = spec
        # Originals are never published: only the cleaned renditions and share cards.
        for url, path in self.media.files.items():
            out.append(CachedFile.generated(config, url, abs_src_path=str(path)))  # hard-linked
        out.append(File.generated(config, CSS, abs_src_path=str(PACKAGE / "assets" / "showcase.css")))
        if self.config.search:
            search.add_assets(out, config)
        if focus is None:
            self.links.add_files(out, config, self.plan, self.index)
        else:
            focus.add_assets(out, config)
        for file in reader.asset_files(config):
            out.append(file)
        return self.scale.on_files(out, self.specs, config)  # large collections: same site, less work (plugin/speedup/scale.py)

    def _media(self, collection: Collection, config: MkDocsConfig) -> None:
        """Photos and share cards (core.media); their problems fail the build like case errors."""
        assert self.plan is not None
        self.media = build_media(self.plan, self.media_options, site_name=config.site_name)
        for notice in self.media.notices:
            log.warning(notice)
        images, cards = self.media.image_stats, self.media.share_stats
        log.info(
            f"图片 {images.sources} 张：缓存 {images.cached}，新处理 {images.decoded}（{images.seconds:.1f} 秒）；"
            f"分享图 {cards.sources} 张：缓存 {cards.cached}，新绘制 {cards.decoded}"
        )
        report_damaged(log, images.repaired + cards.repaired)
        if not config.site_url:
            log.info("mkdocs.yml 未设置 site_url：案例页不放二维码，分享信息里的链接也不是完整网址。")
        attach(collection, self.media.diagnostics)
        if any(d.is_error for d in self.media.diagnostics):
            # A case with a broken image is no longer valid: out of every list, and in a
            # preview a page listing its problems (a build stops at the report).
            assert self.settings is not None
            self.index = SiteIndex(collection.cases, self.settings.taxonomy, self.config.per_page)
            self.plan = plan_site(collection, self.index, self.texts, preview=self.preview, search=self.config.search)

    def _report(self, collection: Collection) -> None:
        for diagnostic in self.focus.diagnostics(collection) if self.focus else collection.diagnostics:
            (log.error if diagnostic.is_error else log.warning)(diagnostic.format())
        if collection.errors and not self.preview:
            raise PluginError(
                f"案例有 {len(collection.errors)} 处错误，构建中止。请按上面的提示修改（也可运行 showcase check 查看）。\n"
                + summary_line(collection.summary())
            )

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.scale.before_convert(page)
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            # Material prints both without escaping; our templates leave Markup as it is (plugin/escaping.py).
            page.meta["title"] = escaping.text(spec.title)
            # Our pages carry their own navigation (breadcrumbs, chips); case pages keep a table of contents.
            page.meta["hide"] = ["navigation"] if spec.kind in (*BODY_KINDS, PageKind.GUIDE) else ["navigation", "toc"]
            # A tombstone shows its title, withdrawal date and reason only: no summary, not even in <head>.
            if spec.kind in BODY_KINDS and spec.case is not None and spec.case.summary:
                page.meta["description"] = escaping.text(spec.case.summary)
            self.links.on_page_markdown(spec, page)
        return markdown

    # Last, when other plugins are done with the files and the navigation.
    @event_priority(-100)
    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        bodies = {uri: spec.kind in BODY_KINDS and bool(spec.markdown) for uri, spec in self.specs.items()}
        cache = BodyCache(self._cache_folder(config), config, extra=repr(self.media_options))
        # case bodies from earlier builds, the others converted on other cores too
        self.scale.on_nav(files, config, bodies, self._finish_body, jobs=self.config.jobs, cache=cache)
        return nav

    # Last, so that whatever other plugins add to a case body is sanitized too.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            escaping.clean_toc(page.toc)  # Material draws it outside the sanitized body
        if spec is not None and spec.kind in BODY_KINDS:
            done = self.scale.finished(page, html)  # finished on another core or in an earlier build
            finished = done if done is not None else self._finish_body(spec.src_uri, html)
            self.scale.converted(page, html, finished)  # kept for the next build (plugin/speedup/bodycache.py)
            return finished
        return html

    def _cache_folder(self, config: MkDocsConfig) -> Path | None:
        if not self.config.body_cache or self.focus is not None:
            return None
        return Path(config.config_file_path or ".").resolve().parent / self.config.body_cache

    def _finish_body(self, uri: str, html: str) -> str:
        spec = self.specs[uri]
        return sanitize(self.media.html(spec, html))  # <img> -> <picture>, then the allow-list

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        # First, before any template is compiled: ours autoescape (plugin/escaping.py).
        escaping.install(env, [str(PACKAGE / "templates"), config.theme.custom_dir])
        # Every page (404 included) shows the reading settings and the footer.
        env.globals["sc_site"] = reader.site_globals(self.texts, self.footer)
        self.scale.on_env(env, config, files, jobs=self.config.jobs)
        if self._indexing():
            self.scale.start_search(files, config)  # Pagefind starts once the case pages are written
        return env

    # Last: the page is as it will be written.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.scale.handed(page):  # a page the worker writes is reported by the worker
            self.scale.page_written(page.file.dest_uri)
        return output

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav) -> dict[str, Any]:
        self.scale.before_page(page, config, nav)  # the first page: the other core takes half of ours
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            context["sc"] = SiteContext(
                spec=spec,
                index=self.index,
                texts=self.texts,
                site_url=config.site_url or "",
                sample_tag=self.config.sample_tag,
                preview=self.preview,
                media=self.media,
                base_url=context.get("base_url", ""),
                related_terms=self.related_terms,
            )
            self.links.on_page_context(context, spec, page)
        return context

    def on_template_context(self, context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
        self.links.on_template_context(context, template_name)  # sitemap.xml: published pages only
        return context

    def on_build_error(self, *, error: Exception) -> None:
        self.scale.release()
        self.site_lock.release()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.scale.finish_pages(config)  # the pages the other core wrote are on disk too
        # After every page is written: Pagefind reads the case pages from site_dir (maybe started already).
        if self._indexing():
            early = self.scale.search_index()
            self.search_report = search.build_index(config, len(self.index.published), preview=self.preview, index=early)
        self.scale.on_post_build()
        # Last: the build log ends with the counts by state, so no case is lost silently.
        if self.collection is not None:
            log.info(summary_line(self.collection.summary()))
        self.site_lock.release()

    def _indexing(self) -> bool:
        searchable = self.config.search_in_preview or not self.preview
        return bool(self.config.search and self.index is not None and searchable and self.focus is None)
