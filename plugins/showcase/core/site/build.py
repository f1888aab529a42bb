"""A build of the site, engine-free: from the loaded cases to what the pages are made of.

The MkDocs plugin (``plugin/plugin.py``) calls ``SiteSteps.prepare`` in ``on_pre_build``:
collections.yml resolved against the cases, the site index and plan, photos and share
cards, the report of every problem, then the ledger's additions, the booklets and the QR
codes. What stops the build is a ``ShowcaseError`` (the plugin turns it into MkDocs' one
line); every other line goes through ``say``, with its logging level.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..cachefile import report_repaired
from ..collection.curated import CollectionsFile, CuratedCollection, resolve_collections
from ..collection.history import Restorer
from ..collection.loading import Collection, summary_line
from ..collection.settings import Settings
from ..diagnostics import REMINDER, Diagnostic, describe_os_error
from ..errors import ShowcaseError
from ..media.pipeline import MediaOptions, SiteMedia, attach, build_media
from ..options import Options
from ..outputs.booklet.select import BookletError
from ..outputs.booklet.site import BookletFile, booklet_jobs, build_booklets
from ..outputs.feeds import SiteInfo
from ..outputs.ledger import Ledger, absent, check_ledger, error_summary, fallback_pages
from ..outputs.ledger import missing as missing_ledger
from ..outputs.offsite import embed_pages
from ..outputs.search import RelatedTerms
from ..progress import Reporter, silent
from .footer import Footer
from .index import SiteIndex
from .plan import PageSpec, SitePlan, plan_site
from .qr import QrCodes, qr_request, too_long_warning

STOPPED = "构建中止。请按上面的提示修改（也可运行 showcase check 查看）。"  # after "… 有 N 处错误，"
BUILD_PROBLEMS = frozenset({"share-failed"})  # diagnostics for the site's maintainers, not a case's authors

Say = Callable[[int, str], None]
"""Where a build's lines go: a logging level (``REMINDER`` for a case's warning) and the line."""


def level_of(diagnostic: Diagnostic) -> int:
    """A case's or collections.yml's problem: an error, or a reminder (``REMINDER``); a
    problem of the build itself (``BUILD_PROBLEMS``) a warning."""
    if diagnostic.is_error:
        return logging.ERROR
    if diagnostic.code in BUILD_PROBLEMS:
        return logging.WARNING
    return REMINDER


@dataclass
class Site:
    """The cases of this build and what is made of them (``on_pre_build``)."""

    collection: Collection
    index: SiteIndex
    plan: SitePlan
    media: SiteMedia
    specs: dict[str, PageSpec] = field(default_factory=dict)  # src_uri -> the page's spec
    curated: list[CuratedCollection] = field(default_factory=list)  # collections.yml, resolved against the cases
    booklets: dict[str, list[BookletFile]] = field(default_factory=dict)  # page URL -> its 下载汇编 files
    qr_codes: QrCodes = field(default_factory=lambda: QrCodes(None))  # the case pages' (made before the pages)
    # the warnings on the site's own files said (collections.yml, urls.lock): counted in the
    # build's last line with the cases' (it said 警告 0 处 under two of them, an editor's trial)
    file_warnings: int = 0
    # and their errors said where the build goes on (a preview, `mkdocs serve`): the log said
    # 错误 0 处 right under two ledger-missing errors (an editor's trial of mkdocs serve)
    file_errors: int = 0


@dataclass
class SiteSetup:
    """What a build is given: mkdocs.yml's options and the data files they name."""

    options: Options
    base: Path  # mkdocs.yml's folder
    settings: Settings
    texts: dict[str, Any]
    media_options: MediaOptions
    footer: Footer
    guide: PageSpec | None
    preview: bool  # drafts and cases in review shown with their banner (editors only)
    collections_file: CollectionsFile | None = None  # collections.yml as written (专题)
    related_terms: RelatedTerms = ()  # search's term groups (data/related-terms.yml and the site's)
    site_reminders: tuple[Diagnostic, ...] = ()  # the site's own words' (sitefiles.screen_site_words)

    def booklet_cache(self) -> Path:
        return self.options.path("booklet_cache", self.base.resolve()) or self.base.resolve()

    def search_cache(self) -> Path | None:
        """Where the search index is kept between builds (None: not kept)."""
        return self.options.path("search_cache", self.base.resolve())


class Narrowing(Protocol):
    """A preview of one case (``plugin/focus.py``): the pages it writes, the problems it says."""

    def narrow(self, plan: SitePlan, index: SiteIndex, collection: Collection) -> None: ...

    def diagnostics(self, collection: Collection) -> list[Diagnostic]: ...


@dataclass
class SiteSteps:
    """The steps of one build from its loaded cases, in their order, and when it stops."""

    setup: SiteSetup
    say: Say
    site: SiteInfo  # mkdocs.yml's site_name (title) and site_url (base_url, "" when not set)
    report: Reporter = silent  # progress of long work
    focus: Narrowing | None = None  # `showcase preview`: one case's pages; None for the site
    serving: bool = False  # `mkdocs serve`: a booklet that cannot be made is a warning
    places: Mapping[str, str] = field(default_factory=dict)  # the ledger's (urls.lock): a place page keeps its key
    ledger: Callable[[], Ledger | None] | None = None  # urls.lock, read once a build (None: no ledger option)
    file_warnings: int = 0  # said so far on the site's files (``Site.file_warnings``)
    file_errors: int = 0  # and errors said where the build goes on (``Site.file_errors``)

    def info(self, text: str) -> None:
        self.say(logging.INFO, text)

    def prepare(self, collection: Collection) -> Site:
        """The build's problems, its plan, photos, booklets and QR codes."""
        setup = self.setup
        focus = self.focus
        report_repaired(self.info, collection.repaired)  # the case cache's damaged entries, checked again
        for reminder in setup.site_reminders:  # the texts file's and the footer's, counted as check counts them
            self.say(REMINDER, reminder.format())
            self.file_warnings += 1
        said: set[str] = set()  # collections.yml's problems printed so far
        curated = self._collections(collection, said)
        index, plan = self._plan(collection, curated)
        if focus is not None:
            focus.narrow(plan, index, collection)
        site = Site(collection, index, plan, SiteMedia(), curated=curated)
        broken = self._media(site)  # adds image problems to the cases, for one report
        self._report(collection)  # a build stops here on any case's problem, image ones included
        if broken:
            # A case with a broken image is no longer valid: out of every list and collection,
            # and in a preview a page listing its problems.
            site.curated = self._collections(collection, said)
            site.index, site.plan = self._plan(collection, site.curated)
        plan = site.plan
        if setup.guide is not None:
            plan.pages.append(setup.guide)
        if focus is None:
            self._ledger(plan, collection)
            self._booklets(site)
        self._qr_codes(site)
        site.file_warnings, site.file_errors = self.file_warnings, self.file_errors
        return site

    def _ledger(self, plan: SitePlan, collection: Collection) -> None:
        """Check the ledger, then add fallback redirects and embed pages to ``plan``.

        A URL that would stop resolving stops ``mkdocs build``; under ``mkdocs serve``
        it is logged, so that an editor's preview keeps running.
        """
        ledger = self.ledger() if self.ledger is not None else None
        if ledger is not None:
            if ledger.exists:
                check = check_ledger(ledger, plan, collection.cases, Restorer(self.setup.base))
                if check.errors and not self.setup.preview:
                    what, todo = error_summary(check)
                    raise ShowcaseError(
                        f"网址清单 {ledger.path.name} 中{what}，构建中止。{todo}（也可运行 showcase urls 查看。）\n"
                        + "\n".join(d.format() for d in check.errors)
                    )
                for diagnostic in check.errors:  # preview: say it, keep serving
                    self.say(logging.ERROR, diagnostic.format())
                    self.file_errors += 1
                for url, target in sorted(check.fallbacks.items()):
                    if url not in ledger.retired:  # a removed term's page, recorded so: said once, by urls --update
                        self.info(f"页面 /{url} 已不存在，改为跳转到 /{target}")
                for diagnostic in check.warnings:  # a term renamed without its former key: --strict stops
                    self.say(logging.WARNING, diagnostic.format())
                    self.file_warnings += 1
                plan.pages += fallback_pages(check, self.setup.texts, {page.url: page.title for page in plan.pages})
                if check.new:
                    self.info(
                        f"有 {len(check.new)} 个新发布的网址还不在 {ledger.path.name} 里：合并以后，发布网站的自动流程会把它们记进去；"
                        "在没有这个流程的平台上发布时，请运行 showcase urls --update 并提交该文件（详见投稿指南 CONTRIBUTING.md#err-ledger）。"
                    )
            else:  # a new site, or a path written wrong: either way the maintainer should know
                problem = absent(ledger.path, collection.cases)
                if problem and not self.setup.preview:
                    raise ShowcaseError(problem)
                if problem:  # preview: say it, keep serving
                    self.say(logging.ERROR, problem)
                    self.file_errors += 1
                else:
                    self.info(missing_ledger(ledger.path))
        plan.pages += embed_pages(plan)

    def _plan(self, collection: Collection, curated: list[CuratedCollection]) -> tuple[SiteIndex, SitePlan]:
        setup = self.setup
        index = SiteIndex(
            collection.cases,
            setup.settings.taxonomy,
            setup.options.per_page,
            texts=setup.texts,
            county_pages=setup.options.county_pages,
            places=self.places,  # a city's or county's page keeps the place it showed
        )
        plan = plan_site(collection, index, setup.texts, preview=setup.preview, search=setup.options.search, collections=curated)
        return index, plan

    def _collections(self, collection: Collection, said: set[str]) -> list[CuratedCollection]:
        """collections.yml against this build's cases; its errors stop a build like case errors.
        Resolved again after an image error made a case invalid (``_media``): ``said`` holds
        what was printed before, so each problem is printed once."""
        setup = self.setup
        if setup.collections_file is None:
            return []
        curated, diagnostics = resolve_collections(setup.collections_file, collection.cases)
        if self.focus is not None:  # one case's preview: its /collections/ page, no word on collections.yml
            return curated
        for diagnostic in diagnostics:
            if diagnostic.format() not in said:
                said.add(diagnostic.format())
                self.say(level_of(diagnostic), diagnostic.format())
                self.file_warnings += not diagnostic.is_error
                self.file_errors += diagnostic.is_error  # counted where the build goes on (a preview)
        errors = [d for d in diagnostics if d.is_error]
        # A case's own errors stop the build at the report, after their lines: stopped here,
        # a case with an error listed in a collection was said only as collections.yml's
        # problem (没有发布：它有错误), never which error, and the CI log sent its author to
        # the maintainer's file (a reading of the messages)
        if errors and not setup.preview and not collection.errors:
            raise ShowcaseError(f"专题文件 {setup.collections_file.path.name} 有 {len(errors)} 处错误，{STOPPED}")
        return curated

    def _booklets(self, site: Site) -> None:
        """下载汇编: each collection's booklets, and each theme's and year's with ``booklets: true``."""
        setup = self.setup
        site.booklets = {}
        if not site.curated and not setup.options.booklets:
            return
        jobs = booklet_jobs(
            site.index,
            site.curated,
            listings=setup.options.booklets,
            default_title=setup.texts["booklet"]["default_title"],
            title_ends=setup.texts["booklet"].get("title_ends"),
        )
        cache = setup.booklet_cache()
        try:
            site.booklets, made = build_booklets(
                jobs,
                cache,
                site=self.site,
                organizer=setup.footer.organizer,
                texts=setup.texts,
                images=setup.media_options.images,
                sample_tag=setup.options.sample_tag,
                log=self.info,
                seconds_per_case=setup.options.booklet_seconds_per_case,
                linked=site.index.case_addresses,
            )
        except OSError as exc:  # a full disk, a read-only folder: one line, as for a broken option
            raise ShowcaseError(
                f"无法生成案例汇编：{exc.filename or cache}（{describe_os_error(exc)}）。"
                f"请确认磁盘有空间、汇编缓存文件夹 {cache} 可写，或在 mkdocs.yml 里用 booklet_cache 换一个位置。"
            ) from None
        except BookletError as exc:  # no Pango on this computer (Windows, a slim image), a PDF too slow to lay out
            if not self.serving:
                raise
            # An editor's preview shows the site without its downloads; a published build never does.
            site.booklets = {}
            self.say(logging.WARNING, f"{exc} 这次预览先不带“下载汇编”，网站的其他部分照常预览；发布网站的电脑必须能生成汇编。")
            return
        self.info(f"案例汇编 {len(jobs) * 2} 份：缓存 {len(jobs) * 2 - made}，新排版 {made}")

    def _qr_codes(self, site: Site) -> None:
        """The case pages' QR codes, from the last build or made on every core now, so that
        no page makes one (core/site/qr.py); only a site with a site_url has them."""
        setup = self.setup
        if not self.site.base_url:
            return
        cache = setup.options.path("qr_cache", setup.base.resolve()) if self.focus is None else None
        site.qr_codes = codes = QrCodes(cache)
        pages = site.plan.body_pages()
        if pages:
            codes.prepare(
                [qr_request(self.site.base_url, setup.texts, case) for _, case in pages], jobs=setup.options.jobs, report=self.report
            )
            self.info(f"二维码 {codes.kept + codes.made} 个：缓存 {codes.kept}，新生成 {codes.made}")
            if codes.unsaved:
                self.info(codes.unsaved)
            if codes.too_long:  # in the words showcase check says it (site-url-qr)
                self.say(logging.WARNING, too_long_warning(codes.too_long))
            report_repaired(self.info, codes.damaged)

    def _media(self, site: Site) -> bool:
        """Photos and share cards (core.media); their problems fail the build like case errors
        (the image cache that cannot be written raises). True when an image error made a case invalid."""
        words = self.setup.texts["site"]
        site.media = media = build_media(
            site.plan,
            self.setup.media_options,
            site_name=self.site.title,
            site_words=(words["tagline"], words["share_chip"]),
            report=self.report,
        )
        for notice in media.notices:
            self.say(logging.WARNING, notice)
        images, cards = media.image_stats, media.share_stats
        self.info(
            f"图片 {images.sources} 张：缓存 {images.cached}，新处理 {images.decoded}（{images.seconds:.1f} 秒）；"
            f"分享图 {cards.sources} 张：缓存 {cards.cached}，新绘制 {cards.decoded}"
            + (f"，没有生成 {cards.failed}（见上面的提醒）" if cards.failed else "")
        )
        report_repaired(self.info, images.repaired + cards.repaired)
        if not self.site.base_url:  # said once, for the pages and the files beside them (links.py)
            self.info(
                "mkdocs.yml 未设置 site_url：案例页不放二维码，分享信息、订阅源、数据目录和站点地图里的网址是以 / 开头的站内路径。"
                "正式发布前请在 mkdocs.yml 里设置 site_url。"
            )
        attach(site.collection, media.diagnostics)
        return any(d.is_error for d in media.diagnostics)

    def _report(self, collection: Collection) -> None:
        for diagnostic in self.focus.diagnostics(collection) if self.focus else collection.diagnostics:
            self.say(level_of(diagnostic), diagnostic.format())
        if collection.errors and not self.setup.preview:
            raise ShowcaseError(f"案例有 {len(collection.errors)} 处错误，{STOPPED}\n" + summary_line(collection.summary()))
