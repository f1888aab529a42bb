"""A site's media, engine-free: processed photos and share cards for the pages of a plan.

``build_media`` takes the site plan (which pages show which case), sends every image
those cases use through ``images``, draws a share card per published case
(``sharecard``) and says which files the site publishes. Problems come back as
``Diagnostic`` values on the case's file and line, like every other case error.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..cacheprune import HEX2, HEX64, CacheArea
from ..case.imagerefs import _EXTERNAL, resolve
from ..case.model import Case
from ..collection.loading import Collection
from ..colors import SITE_COLOR
from ..diagnostics import Diagnostic, DiagnosticList
from ..errors import ConfigError, ShowcaseError
from ..options import DEFAULTS, Options
from ..outputs.feeds import cover_path
from ..progress import Reporter, silent
from ..site.plan import BODY_KINDS, PageKind, PageSpec, SitePlan
from .photos import (
    CACHE_FAILED,
    ENTRY_LAYOUT,
    Failure,
    ImageOptions,
    LazyPool,
    Processed,
    Published,
    Stats,
    normalize_src,
    picture_html,
    process_images,
    rewrite_html,
    rewrite_markdown,
)
from .sharecard import CARD_SECONDS, COVER_WIDTH, ShareCard, ShareJob, find_fonts, missing_glyphs, read_cards, record_path
from .sharecard import SIZE as SHARE_SIZE
from .sharecard import render_job as render_share

# Rendered widths for `sizes` (Material's layout, measured in Chromium): the case column
# is about 954px wide from 1220px up (the grid less the table of contents), the window
# less the contents and margins from 960px, the window less 32px below; cards sit two or
# three to a row on wide screens, one on phones.
BODY_SIZES = "(min-width: 76.25em) 954px, (min-width: 60em) calc(100vw - 290px), calc(100vw - 32px)"
CARD_SIZES = "(min-width: 76.25em) 470px, (min-width: 45em) 50vw, calc(100vw - 32px)"
CARD_MAX_WIDTH = 960  # cards never need more, even on 3x phone screens
STABLE_COVER_WIDTH = 1200  # the cover at a fixed URL, for feeds, the catalog and embeds
SHARE_DIR = "share"
SHARE_LAYOUT = f"{SHARE_DIR}/{HEX2}/{HEX64}\\.(?:jpg|json)"  # a card and its record (``record_path``)


@dataclass(frozen=True)
class MediaOptions:
    images: ImageOptions = field(default_factory=ImageOptions)
    share_images: bool = DEFAULTS.share_images
    share_font: Path | None = None
    sample_tag: str = ""  # a made-up case's share card says so (its page, cards and feeds do)
    zoom_title: str = ""  # the tooltip of a photo's link to its largest rendition (texts.yml reader.photo_zoom)

    @classmethod
    def from_options(cls, options: Options, base: Path, *, zoom_title: str = "") -> MediaOptions:
        """From the plugin's options; relative paths are relative to ``base`` (the project).
        A ``share_font`` that is no file stops the check and the build at once: it was found
        only when a card had to be drawn, so a build with every card cached passed --strict
        and the next new machine's stopped (a configuration audit)."""
        font = options.path("share_font", base)
        if options.share_images and font is not None and not font.is_file():
            what = "是一个文件夹" if font.is_dir() else "不存在"
            raise ConfigError(
                f"mkdocs.yml 里 showcase 插件的 share_font（分享图用的中文字体文件）{font} {what}。"
                "请写字体文件的路径（例如 fonts/NotoSansCJKsc-Regular.otf），或删掉这一行，使用电脑上装的中文字体。"
            )
        return cls(
            images=ImageOptions(
                widths=options.image_widths,
                max_pixels=options.max_image_pixels,
                max_bytes=options.max_image_bytes,
                cache_dir=options.path("image_cache", base) or base,
                workers=options.image_workers,
            ),
            share_images=options.share_images,
            share_font=font,
            sample_tag=options.sample_tag,
            zoom_title=zoom_title,
        )


@dataclass
class CaseMedia:
    """The published images of one case page."""

    folder: str  # the case page's URL, e.g. "cases/gz-yuexiu-2023-001/"
    images: dict[str, Published] = field(default_factory=dict)  # normalized src -> image
    cover: Published | None = None
    stable_cover: str | None = None  # site-root-relative URL that does not change with the photo
    share: str | None = None  # site-root-relative URL of the share card

    def lookup(self, src: str) -> Published | None:
        """The image an ``<img src>`` of the rendered page names: as written, or as rewritten."""
        key = normalize_src(src)
        if key in self.images:
            return self.images[key]
        return self._by_file().get(key)

    def own_files(self) -> frozenset[str]:
        """Every processed file of the case, as the page's ``<picture>`` names it (the sanitizer keeps these)."""
        return frozenset(self._by_file())

    def _by_file(self) -> dict[str, Published]:
        return {image.rel(w, ext): image for image in self.images.values() for w in image.widths for ext in ("jpg", "webp")}


@dataclass
class SiteMedia:
    cases: dict[str, CaseMedia] = field(default_factory=dict)  # by case id
    files: dict[str, Path] = field(default_factory=dict)  # site URL -> file in the cache
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # site-wide warnings, e.g. no CJK font
    image_stats: Stats = field(default_factory=Stats)
    share_stats: Stats = field(default_factory=Stats)
    cache_used: set[Path] = field(default_factory=set)  # image entries, cards and their records
    cards_checked: bool = False  # whether this build looked for its share cards (not without a font)
    site_share: str | None = None  # the site's own card, site-root-relative, for the pages of no case
    zoom_title: str = ""  # MediaOptions.zoom_title

    def for_case(self, case: Case | None) -> CaseMedia | None:
        return self.cases.get(case.id) if case is not None else None

    def markdown(self, spec: PageSpec) -> str:
        """The page's Markdown with its images pointing at published files."""
        media = self.for_case(spec.case) if spec.kind in BODY_KINDS else None
        if media is None or not spec.markdown:
            return spec.markdown
        targets = {src: image.rel(image.widths[-1], "jpg") for src, image in media.images.items()}
        return rewrite_markdown(spec.markdown, targets)

    def html(self, spec: PageSpec, html: str) -> str:
        """Rendered body HTML with each image as a responsive, lazy ``<picture>``."""
        media = self.for_case(spec.case) if spec.kind in BODY_KINDS else None
        if media is None:
            return html
        return rewrite_html(html, media.lookup, sizes=BODY_SIZES, zoom_title=self.zoom_title)

    def cover_html(self, case: Case, alt: str, base: str) -> str:
        media = self.for_case(case)
        if media is None or media.cover is None:
            return ""
        attrs = {"fetchpriority": "high"}  # the cover is the page's largest paint
        return picture_html(media.cover, alt=alt, sizes=BODY_SIZES, loading="eager", base=base, attrs=attrs)

    def card_html(self, case: Case, base: str) -> str:
        media = self.for_case(case)
        if media is None or media.cover is None:
            return ""
        return picture_html(media.cover, alt="", sizes=CARD_SIZES, loading="lazy", base=base, max_width=CARD_MAX_WIDTH)

    def cover_url(self, case: Case) -> str | None:
        """The cover as one cleaned JPEG at a URL that stays when the photo changes."""
        media = self.for_case(case)
        return media.stable_cover if media is not None else None

    def share_image(self, case: Case) -> tuple[str, int, int] | None:
        """(site-root-relative URL, width, height) of the image apps show for the case."""
        media = self.for_case(case)
        if media is None:
            return None
        if media.share:
            return media.share, *SHARE_SIZE
        return self.cover_image(case)  # no share card (no font): the cover still beats nothing

    def site_image(self) -> tuple[str, int, int] | None:
        """(site-root-relative URL, width, height) of the site's own card: the image apps show
        for the home page and the other pages of no case, none without a font."""
        return (self.site_share, *SHARE_SIZE) if self.site_share else None

    def cover_image(self, case: Case) -> tuple[str, int, int] | None:
        """(site-root-relative URL, width, height) of the cover at its fixed address (cover.jpg)."""
        media = self.for_case(case)
        if media is None or media.cover is None or not media.stable_cover:
            return None
        width = max((w for w in media.cover.widths if w <= STABLE_COVER_WIDTH), default=media.cover.widths[0])
        return media.stable_cover, *media.cover.size_of(width)


def _sources(case: Case) -> Iterable[tuple[str, int, Path]]:
    """(src as written, line, file) for each distinct image of a case."""
    seen: set[str] = set()
    for ref in case.images:
        key = normalize_src(ref.src)
        if key in seen or _EXTERNAL.match(ref.src):
            continue
        seen.add(key)
        path = resolve(case.folder, ref.src)
        if path is not None and path.is_file():
            yield ref.src, ref.line, path


def build_media(
    plan: SitePlan, options: MediaOptions, *, site_name: str, site_words: tuple[str, str] | None = None, report: Reporter = silent
) -> SiteMedia:
    """Process the images of every case page in ``plan``; draw share cards for published ones,
    and with ``site_words`` (the site's tagline, its chip) the site's own card."""
    media = SiteMedia(zoom_title=options.zoom_title)
    pages = plan.body_pages()
    wanted = {case.id: list(_sources(case)) for _, case in pages}
    with LazyPool(options.images.worker_count()) as pool:
        results, media.image_stats = process_images(
            (path for sources in wanted.values() for _, _, path in sources), options.images, pool, report
        )
        _stop_if_the_cache_is_unwritable(results, [path for sources in wanted.values() for _, _, path in sources])
        for spec, case in pages:
            case_media = media.cases[case.id] = CaseMedia(spec.url)
            diags = DiagnosticList(case.path)
            for src, line, path in wanted[case.id]:
                result = results[path]
                if isinstance(result, Failure):
                    diags.error(line, result.code, f"图片 {src}：{result.problem}", result.hint)
                    continue
                media.cache_used.add(result.entry)
                published = Published.place(result, spec.url, src)
                case_media.images[normalize_src(src)] = published
                media.files.update(published.files())
            if case.cover:
                case_media.cover = cover = case_media.images.get(normalize_src(case.cover))
                stable = cover_path(case)
                if cover is not None and stable:
                    width = max((w for w in cover.widths if w <= STABLE_COVER_WIDTH), default=cover.widths[0])
                    case_media.stable_cover = stable
                    media.files[stable] = cover.processed.file(width, "jpg")
            media.diagnostics += diags.items
        _covers_at_former_ids(plan, media)
        if options.share_images:
            _share_cards(plan, media, options, site_name, site_words, pool, report)
    return media


def _covers_at_former_ids(plan: SitePlan, media: SiteMedia) -> None:
    """The stable cover at each former id's address too (``/cases/<alias>/cover.jpg``, the
    same file): the catalog, the feeds and the embed cards published the cover at that fixed
    URL, and a department's system that copied it cannot follow the old page's redirect
    (an editor's trial: the case's page led on after a rename, its cover was a 404)."""
    for spec in plan.pages:
        case_media = media.cases.get(spec.case.id) if spec.kind is PageKind.ALIAS and spec.case is not None else None
        if case_media is not None and case_media.stable_cover:
            media.files[f"{spec.url}{PurePosixPath(case_media.stable_cover).name}"] = media.files[case_media.stable_cover]


def _stop_if_the_cache_is_unwritable(results: dict[Path, Processed | Failure], used: list[Path]) -> None:
    """The image cache could not be written: the build machine's problem (a full disk, a
    path through a file), said once, not one error per photo in every case that has one
    (an audit: 45 errors in 34 cases, while the check they pointed to said 错误 0 处)."""
    failed = [result for result in map(results.__getitem__, used) if isinstance(result, Failure) and result.code == CACHE_FAILED]
    if failed:
        first = failed[0]
        raise ShowcaseError(f"{first.problem.rstrip('。')}，{len(failed)} 张图片都是如此，构建中止。{first.hint}")


# Where the site's own card is published (its name ends in its key's start, as a case's does).
SITE_CARD = "assets/share-{key}.jpg"


def _share_cards(
    plan: SitePlan,
    media: SiteMedia,
    options: MediaOptions,
    site_name: str,
    site_words: tuple[str, str] | None,
    pool: LazyPool,
    report: Reporter,
) -> None:
    started = time.perf_counter()
    stats = media.share_stats
    cache = options.images.cache_dir / SHARE_DIR
    cards: list[tuple[Case, CaseMedia, ShareCard, str]] = []
    for spec in plan.pages:
        case = spec.case
        if spec.kind is not PageKind.CASE or case is None or case.primary_theme is None:
            continue
        case_media = media.cases[case.id]
        cover: Processed | None = case_media.cover.processed if case_media.cover else None
        card = ShareCard(
            title=case.title,
            organization=case.organization.name,
            theme=case.primary_theme.label,
            color=case.primary_theme.color,
            site_name=site_name,
            cover=cover.file(_nearest(cover, COVER_WIDTH), "jpg") if cover else None,
            cover_key=cover.key if cover else "",
            mark=options.sample_tag if case.is_sample(options.sample_tag) else "",
        )
        cards.append((case, case_media, card, spec.url))
    # The card of the home page, the listings, collections without a cover, about and the
    # statistics (QQ, DingTalk, Feishu and Weibo show an image beside a shared link): the
    # site's name, its tagline and a chip, on the site's colour; drawn once, kept as a case's.
    site_card = None
    if site_words is not None and site_name.strip():
        tagline, chip = site_words
        site_card = ShareCard(title=site_name, organization=tagline, theme=chip, color=SITE_COLOR, site_name="")
    if not cards and site_card is None:
        return
    fonts, notice = find_fonts(options.share_font)  # only when a card is needed, and once per build
    if fonts is None:
        media.notices.append(notice)
        return
    wanted: list[tuple[Case, CaseMedia, ShareCard, Path, str]] = []
    for case, case_media, card, page_url in cards:
        key = card.key(fonts)
        wanted.append((case, case_media, card, cache / key[:2] / f"{key}.jpg", f"{page_url}share-{key[:10]}.jpg"))
    site_out = None
    if site_card is not None:
        key = site_card.key(fonts)
        site_out = (cache / key[:2] / f"{key}.jpg", SITE_CARD.format(key=key[:10]))
    # Each card file is checked once, however many cases share it (on every core for many).
    outs = list(dict.fromkeys([*(out for _, _, _, out, _ in wanted), *([site_out[0]] if site_out else [])]))
    checked = dict(zip(outs, read_cards(outs), strict=True))  # card file -> (whole, why not if damaged)
    stats.repaired += [damaged for _, damaged in checked.values() if damaged]
    media.cache_used.update(file for out in outs for file in (out, record_path(out)))
    media.cards_checked = True
    jobs: list[tuple[CaseMedia | None, ShareJob]] = []  # None: the site's own card
    if site_card is not None and site_out is not None:
        out, url = site_out  # not in the stats, which count the cases' cards (分享图 N 张 of N cases)
        missing = [] if checked[out][0] else missing_glyphs(site_card.text, fonts.regular) or missing_glyphs(site_card.text, fonts.bold)
        if missing:
            # where each text is written: no Chinese font has an emoji (🏠), so the font alone was no fix
            written = [
                ("网站名称（mkdocs.yml 的 site_name）", site_card.title),
                ("网站标语（站点文字的 site.tagline）", site_card.organization),
                ("分享图标签（站点文字的 site.share_chip）", site_card.theme),
            ]
            where = "、".join(label for label, text in written if any(ch in text for ch in missing))
            media.notices.append(
                f"分享图：字体 {fonts.regular.name} 里没有{where}里的“{'”“'.join(missing[:5])}”，首页等页面不带分享图，以免显示成方框。"
                "请把这个字换成常用字或删掉，或在 mkdocs.yml 的 showcase 插件下用 share_font 换一种字库更全的中文字体。"
            )
        else:
            if not checked[out][0]:
                jobs.append((None, ShareJob(site_card, fonts, str(out), Path("mkdocs.yml"))))
            media.site_share = url
            media.files[url] = out
    for case, case_media, card, out, url in wanted:
        stats.sources += 1
        if checked[out][0]:
            stats.cached += 1
        else:
            missing = missing_glyphs(card.text, fonts.regular) or missing_glyphs(card.text, fonts.bold)
            if missing:
                diags = DiagnosticList(case.path)
                # an emoji (🌸) is no rare character: the hint said 把生僻字换成常用字 (an organization's trial)
                emoji = [char for char in missing if unicodedata.category(char[0]) in ("So", "Sk") or ord(char[0]) >= 0x1F000]
                diags.warning(
                    case.line("title"),
                    "share-glyphs",
                    f"分享图：字体 {fonts.regular.name} 里没有“{'”“'.join(missing[:5])}”，本案例不生成分享图，以免显示成方框。",
                    (
                        f"标题或组织名称里的表情符号（{''.join(emoji[:3])}）分享图和 PDF 汇编都印不出来：去掉它，或换成文字。"
                        if emoji
                        else "把生僻字换成常用字，或在 mkdocs.yml 的 showcase 插件下用 share_font 换一种字库更全的中文字体。"
                    ),
                )
                media.diagnostics += diags.items
                stats.failed += 1  # counted: the build's line said 35 cards, 34 cached, 0 drawn (the same trial)
                continue
            jobs.append((case_media, ShareJob(card, fonts, str(out), case.path, case.line("title"))))
        case_media.share = url
        media.files[url] = out
    # Cases with the same card (same title, organization, theme and cover) share one file,
    # drawn once: no two jobs write the same entry. Cards of one cover go to the workers
    # one after the other, so each worker fits that cover once (sharecard._panel); the
    # problems are still reported in the cases' order, below.
    unique = sorted({job.out: job for _, job in jobs}.values(), key=lambda job: str(job.card.cover or ""))
    problems: dict[str, str] = {}
    with report("绘制分享图", len(unique)) as tick:
        for job, problem in zip(unique, pool.map(render_share, unique, chunksize=8, seconds_each=CARD_SECONDS), strict=True):
            problems[job.out] = problem
            tick()
    for owner, job in jobs:
        problem = problems[job.out]
        if problem and owner is None:  # the site's card: said once, as a missing font is
            media.files.pop(media.site_share or "", None)
            media.site_share = None
            media.notices.append(f"网站首页等页面的分享图没有生成（{problem}）。其他内容照常发布；若反复出现，请把此信息告诉网站维护人员。")
        elif problem and owner is not None:
            media.files.pop(owner.share or "", None)
            owner.share = None
            diags = DiagnosticList(job.case_path)
            diags.warning(
                job.case_line,
                "share-failed",
                f"分享图没有生成（{problem}）。",
                "其他内容照常发布；若反复出现，请把此信息告诉网站维护人员。",
            )
            media.diagnostics += diags.items
    stats.decoded = len({job.out for owner, job in jobs if owner is not None})
    stats.workers = pool.workers if pool.started and len(unique) > 1 else 0
    stats.seconds = time.perf_counter() - started


def cache_area(options: MediaOptions, media: SiteMedia) -> CacheArea:
    """The image cache as ``cacheprune`` sees it: entries and share cards, and those ``media``
    used. Share cards only when this build looked for its own: without a font (a machine
    missing its CJK fonts for one run) or with ``share_images: false``, the cards stay for
    the build that draws them again."""
    layout = re.compile(f"{ENTRY_LAYOUT}|{SHARE_LAYOUT}" if media.cards_checked else ENTRY_LAYOUT)
    return CacheArea(options.images.cache_dir, layout, frozenset(media.cache_used))


def _nearest(processed: Processed, width: int) -> int:
    return next((w for w, _ in processed.sizes if w >= width), processed.sizes[-1][0])


def attach(collection: Collection, diagnostics: list[Diagnostic]) -> None:
    """Add media problems to their cases and to the collection's list, in order."""
    by_path = {case.path: case for case in collection.cases}
    for diagnostic in diagnostics:
        case = by_path.get(diagnostic.path)
        if case is not None:
            case.diagnostics.append(diagnostic)
            case.diagnostics.sort(key=Diagnostic.sort_key)
        collection.diagnostics.append(diagnostic)
    collection.diagnostics.sort(key=Diagnostic.sort_key)
