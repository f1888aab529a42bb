"""What templates see as ``sc``: the page's spec plus helpers for URLs and labels."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, ClassVar

from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from ..core.case.model import Case, Status
from ..core.collection.curated import CuratedCollection
from ..core.media.photos import cover_in_body
from ..core.media.pipeline import SiteMedia
from ..core.outputs.booklet.site import BookletFile
from ..core.outputs.feeds import absolute_url
from ..core.outputs.search import (
    ORGANIZATION_WEIGHT,
    SHARD_FILTER,
    TITLE_WEIGHT,
    RelatedTerms,
    SearchFields,
    SearchPlan,
    case_dates,
    facets,
    search_fields,
    shard_dates,
)
from ..core.outputs.search_pairs import HAN, PAIRS_DIR, function_characters, pair_buckets, question_words
from ..core.site.citation import Citation, gbt7714, plain_citation, review_line
from ..core.site.index import Listing, SiteIndex, case_url, page_numbers
from ..core.site.plan import BODY_KINDS, PageKind, PageSpec, nav_section
from ..core.site.qr import QrCodes, qr_request
from ..core.site.statspage import Stats, build_stats
from ..core.site.texts import chinese_date, chinese_month, sample_mark, sample_note

# A number as summaries write them, with what changes its size: 4800, 4,800, 4，800, 2.5万,
# 3千, 1万2千, 95%, a range 20-30 or 20至30; and Chinese numerals (一千二百, 三十).
_NUM = r"[0-9０-９]+(?:[.,，][0-9０-９]+)*(?:[十百千万亿]+[0-9０-９]*)*"
NUMBER = re.compile(rf"((?:{_NUM})(?:\s?[-–—~～至]\s?(?:{_NUM}))?[%％]?|[一二三四五六七八九十百千万亿两〇零]{{2,}})")


@dataclass
class SiteContext:
    spec: PageSpec
    index: SiteIndex
    texts: dict[str, Any]
    site_url: str
    sample_tag: str
    preview: bool
    media: SiteMedia = field(default_factory=SiteMedia)
    base_url: str = ""  # from this page to the site root, e.g. "../.."
    curated: list[CuratedCollection] = field(default_factory=list)  # collections.yml, resolved
    booklet_files: dict[str, list[BookletFile]] = field(default_factory=dict)  # page URL -> its 下载汇编 files
    related_terms: RelatedTerms = ()  # search's term groups (core/outputs/search.py)
    search: SearchPlan | None = None  # the search index's bundles (the build's, worked out once)
    qr_codes: QrCodes = field(default_factory=lambda: QrCodes(None))  # the build's, made before the pages

    # -- collections and booklets (core/collection/curated.py, core/outputs/booklet) ----

    def nav_section(self) -> str:
        """The top navigation's entry this page belongs to (core/site/plan.py)."""
        return nav_section(self.spec)

    @staticmethod
    def mark_current(html: str, section: str, where: str) -> Markup:
        """Material's tabs or drawer (``html``) with the entry of ``section`` marked as where
        the reader is: a page the plugin generates is no item of the navigation, so Material
        marks none (a reader's trial: on a theme's page or a case no tab said where they were)."""
        if not section:
            return Markup(html)
        href = re.escape(get_relative_url(section, where))
        html = re.sub(
            rf'<li class="md-tabs__item">(\s*<a href="{href}" class="md-tabs__link">)',
            r'<li class="md-tabs__item md-tabs__item--active">\1',
            str(html),
            count=1,
        )
        html = re.sub(
            rf'<li class="md-nav__item">(\s*<a href="{href}" class="md-nav__link)">',
            r'<li class="md-nav__item md-nav__item--active">\1 md-nav__link--active">',
            html,
            count=1,
        )
        return Markup(html)

    def collections(self) -> list[CuratedCollection]:
        return self.curated

    def booklets(self) -> list[BookletFile]:
        """The booklets this page offers: a collection's, or a theme's or year's first page."""
        if self.spec.kind == PageKind.LISTING and self.spec.number != 1:
            return []
        return self.booklet_files.get(self.spec.url, [])

    # -- URLs (relative to the site root; templates pass them through `| url`) --------

    def case_url(self, case: Case) -> str:
        return case_url(case.id)

    def cover_url(self, case: Case) -> str | None:
        """A cleaned JPEG of the cover at a stable URL (originals are never published)."""
        return self.media.cover_url(case)

    def term_url(self, kind: str, key: str) -> str:
        return f"{kind}/{key}/"

    def card_links(self, case: Case) -> tuple[str, ...]:
        """Every site page a case card links to (partials/card.html): its case, its primary theme."""
        theme = case.primary_theme
        return (case_url(case.id), self.term_url("themes", theme.key) if theme else "")

    def permalink(self, case: Case) -> str:
        return self.absolute(case_url(case.id))

    def region_links(self, case: Case) -> list[tuple[str, str | None]]:
        """(name, url or None) from province down."""
        links: list[tuple[str, str | None]] = []
        province = self.index.province_of(case) if case.is_published else None
        if case.region.province is not None:
            links.append((case.region.province.name, province.url if province else None))
        if case.region.city:
            city = self.index.city_of(case) if case.is_published else None
            links.append((case.region.city, city.url if city else None))
        if case.region.county:
            county = self.index.county_of(case) if case.is_published else None  # with county_pages only
            links.append((case.region.county, county.url if county else None))
        links += [(part, None) for part in (case.region.street, case.region.community) if part]
        return links

    def region_chips(self, case: Case) -> list[tuple[str, str | None]]:
        """The places among a case's badges: its province and city, and its county when that has a page."""
        links = self.region_links(case)
        return [link for n, link in enumerate(links) if n < 2 or link[1] is not None]

    def year_url(self, case: Case) -> str:
        return f"years/{case.date.year}/" if case.date else "years/"

    def stats(self) -> Stats:
        """The statistics page's charts and tables (only that page asks)."""
        return build_stats(self.index, self.texts)

    # -- words -----------------------------------------------------------------------

    def is_sample(self, case: Case) -> bool:
        return case.is_sample(self.sample_tag)

    def sample_mark(self, case: Case) -> str:
        """【示例】 for a sample case, else nothing: what goes before its title where it travels
        without its page and banner (a citation pasted into a report, a link shared in WeChat)."""
        return sample_mark(case, self.sample_tag, self.texts["site"])

    def sample_notice(self) -> str:
        """Said above the figures of the home and statistics pages when published cases are
        samples (made-up content): their volunteers and people served are in the totals."""
        return sample_note(self.index.published, self.sample_tag, self.texts["site"])

    def label(self, key: str, **values: Any) -> str:
        text = str(self.texts["labels"][key])  # every key is in the packaged texts.yml (a test reads the templates)
        return text.format(**values) if values else text

    day = staticmethod(chinese_date)  # 2023年3月1日, for the pages' dates (core/site/texts.py)
    month = staticmethod(chinese_month)  # 2023年3月, on cards and embeds

    @staticmethod
    def paragraphs(text: str) -> list[str]:
        """Blank-line separated paragraphs, each joined into one line (Chinese has no spaces)."""
        return ["".join(line.strip() for line in block.splitlines()) for block in text.strip().split("\n\n") if block.strip()]

    @staticmethod
    @lru_cache(maxsize=1 << 16)  # a summary is drawn on every card of its case, in several listings
    def whole_numbers(text: str) -> Markup:
        """``text`` escaped, each number with its unit (4,800, 2.5万, 95%) in a ``sc-n`` span.

        Where a summary is cut to three lines (cards, the embed card), the browser's "…"
        replaces the characters at the end of the last line, one by one: 服务4800人次 read
        服务48…. The span is an inline block, which the ellipsis removes whole or not at all."""
        return _spans(NUMBER.split(text), "sc-n")

    @staticmethod
    def figure(value: int, text: str = "{count}") -> Markup:
        """``value`` grouped in thousands (35,447,000) in ``text`` (a label such as ``{count} 人``),
        escaped, with a place to go on to the next line after each comma (``<wbr>``).

        The totals and a case's figures are large type, and a phone's enlarged text (WeChat's
        字体大小) enlarges them again: at 320 px 35,447,000 ran past the screen. The break
        comes after a comma only, where the figure does not fit, never inside a group of three
        digits (it read 35,501,57 / 0 when the browser chose where)."""
        return Markup.escape(text).format(count=Markup(",<wbr>").join(f"{value:,}".split(",")))

    @staticmethod
    def link_text(url: str) -> Markup:
        """``url`` escaped, each run of hyphens in a ``sc-nb`` span with the character after it:
        a printed address never breaks after a hyphen, which reads as one added to break the
        word and which text taken from the page drops (…/cases/yb-cuiping- / 2023-001/ was
        read yb-cuiping2023-001/; the booklets' rule, booklet/pdf.py ``_link``)."""
        return _spans(_HYPHEN.split(url), "sc-nb")

    @staticmethod
    def whole_dates(text: str) -> Markup:
        """``text`` escaped, each date written 2024-05-09 in a ``sc-nb`` span: a citation
        line broke one as 2024-05- / 09 on paper."""
        return _spans(_DAY.split(text), "sc-nb")

    def banner(self, case: Case) -> str:
        """The preview banner's text; the page shows the status (草稿, 待审) as its label
        already, so a text that starts with it ("草稿：…") loses that start."""
        site = self.texts["site"]
        if case.status is Status.DRAFT:
            text = site["draft_banner"]
        elif case.status is Status.REVIEW:
            text = site["review_banner"]
        else:
            return ""
        label = case.status.label
        for colon in ("：", ":"):
            if text.startswith(label + colon):
                return text[len(label) + len(colon) :].lstrip()
        return text

    def citation(self, case: Case, site_name: str) -> str:
        """How to cite the case (core/site/citation.py), marked when it is a sample."""
        return self.sample_mark(case) + plain_citation(case, site_name, self.permalink(case), str(self.texts["labels"]["reviewer"]))

    def gbt_citation(self, case: Case) -> Citation:
        """The GB/T 7714-2015 entry (core/site/citation.py); the page adds the citation date."""
        return gbt7714(case, self.permalink(case))

    def review_line(self, case: Case) -> str:
        """审核单位：…，审核日期：… (core/site/citation.py), as the booklets print it too."""
        return review_line(case, self.texts["labels"])

    def pager(self, listing: Listing, number: int) -> dict[str, Any]:
        return {
            "number": number,
            "pages": listing.pages,
            "numbers": page_numbers(number, listing.pages),
            "prev": listing.page_url(number - 1) if number > 1 else None,
            "next": listing.page_url(number + 1) if number < listing.pages else None,
        }

    # -- search (core/outputs/search.py) -----------------------------------------------------

    def search_fields(self, case: Case) -> SearchFields:
        county = self.index.search_county(case)
        return search_fields(case, self.related_terms, county.key if county else "", county.title if county else "")

    search_weights: ClassVar[dict[str, int]] = {"title": TITLE_WEIGHT, "organization": ORGANIZATION_WEIGHT}

    def search_related(self) -> list[list[str]]:
        """The term groups, for the search page's suggestions when nothing is found."""
        return [list(group) for group in self.related_terms]

    def search_shards(self) -> dict[str, Any] | None:
        """The search index's other bundles and their date counts; None for one bundle (then
        the search page is as it always was). With more bundles than a first search reads:
        how many it reads (``first``, the newest cases), their cases (``first_pages``) and
        every published case (``total``), for the page to say what it searched."""
        plan = self.search
        if plan is None or not plan.sharded:
            return None
        shards = {"bundles": plan.bundles(), "filter": SHARD_FILTER, **shard_dates(plan, case_dates(self.index))}
        if plan.tiered:
            sizes = [len(group) for group in plan.groups]
            shards.update(first=plan.first, first_pages=sum(sizes[: plan.first]), total=sum(sizes))
        return shards

    def search_pairs(self) -> dict[str, Any]:
        """Where the search page finds the characters and pairs of the indexed text (written
        after Pagefind, core/outputs/search_pairs.py), and which characters count."""
        return {
            "path": PAIRS_DIR + "/",
            "buckets": pair_buckets(len(self.index.published)),
            "han": [list(r) for r in HAN],
            "quiet": function_characters(),
            "questions": question_words(),
            "how": question_words("how_words"),
            "modifiers": function_characters("number_modifiers"),
            "units": question_words("number_units"),
        }

    def search_facets(self) -> list[dict[str, Any]]:
        return facets(self.index, self.texts["search"]["filters"])

    def search_theme_colors(self) -> dict[str, str]:
        return {t.key: t.color for t in self.index.taxonomy.themes}

    # -- images, share meta and QR code (core.media, core.site.qr) ------------------------

    def cover_picture(self, case: Case, alt: str) -> Markup:
        """The case page's cover: responsive, loaded at once (it is above the fold)."""
        return Markup(self.media.cover_html(case, alt, self.base_url or "."))

    cover_in_body = staticmethod(cover_in_body)  # the body shows the cover: the page, there only

    def card_picture(self, case: Case) -> Markup:
        """A card's cover: small renditions only, lazy."""
        return Markup(self.media.card_html(case, self.base_url or "."))

    def absolute(self, path: str) -> str:
        """A site-root-relative path as a full URL when ``site_url`` is set, else from the root."""
        return absolute_url(self.site_url, path)

    def social_meta(self, case: Case, site_name: str) -> list[tuple[str, str, str]]:
        """(attribute, name, content) of the meta tags apps read when a case is shared.

        Open Graph for WeChat, Weibo, QQ and most apps, Twitter cards, and the
        ``itemprop`` tags WeChat's in-app browser falls back to.
        """
        url = self.permalink(case)
        mark = self.sample_mark(case)
        title, summary = mark + case.title, mark + case.summary
        meta = [
            ("property", "og:type", "article"),
            ("property", "og:site_name", site_name),
            ("property", "og:locale", "zh_CN"),
            ("property", "og:title", title),
            ("property", "og:description", summary),
            ("property", "og:url", url),
            ("name", "twitter:title", title),
            ("name", "twitter:description", summary),
            ("itemprop", "name", title),
            ("itemprop", "description", summary),
        ]
        share = self.media.share_image(case)
        if share is not None:
            image, width, height = self.absolute(share[0]), share[1], share[2]
            meta += [
                ("property", "og:image", image),
                ("property", "og:image:width", str(width)),
                ("property", "og:image:height", str(height)),
                ("property", "og:image:alt", case.title),
                ("name", "twitter:card", "summary_large_image"),
                ("name", "twitter:image", image),
                ("itemprop", "image", image),
            ]
        else:
            meta.append(("name", "twitter:card", "summary"))
        return meta

    def description(self) -> str:
        """The page's own description (``page_description``), else the site's is used."""
        return page_description(self.spec, self.texts, self.sample_tag)

    def page_social_meta(self, site_name: str, site_description: str) -> list[tuple[str, str, str]]:
        """(attribute, name, content) of the meta tags apps read when a page other than a case
        (home, a section, a listing, a collection, about, stats) is shared: QQ, DingTalk, Weibo
        and Feishu read og:*, WeChat the <title> and description, and both say the same; a
        collection shows its cover. None on a case (``social_meta``), a tombstone (nothing of
        the case), a redirect or a problem page."""
        spec = self.spec
        if spec.kind not in SHARED_KINDS:
            return []
        title = site_name if spec.kind == PageKind.HOME else f"{spec.title} - {site_name}"
        description = self.description() or site_description
        meta = [
            ("property", "og:type", "website"),
            ("property", "og:site_name", site_name),
            ("property", "og:locale", "zh_CN"),
            ("property", "og:title", title),
            ("property", "og:description", description),
            ("property", "og:url", self.absolute(spec.url)),
            ("name", "twitter:title", title),
            ("name", "twitter:description", description),
        ]
        cover = spec.curated.cover if spec.kind == PageKind.COLLECTION and spec.curated is not None else None
        image = self.media.cover_image(cover) if cover is not None else None
        alt = spec.title
        if image is None and (site_image := self.media.site_image()) is not None:  # the site's own card
            image, alt = site_image, site_name
        if image is not None:
            url, width, height = self.absolute(image[0]), image[1], image[2]
            meta += [
                ("property", "og:image", url),
                ("property", "og:image:width", str(width)),
                ("property", "og:image:height", str(height)),
                ("property", "og:image:alt", alt),
                ("name", "twitter:card", "summary_large_image"),
                ("name", "twitter:image", url),
            ]
        else:
            meta.append(("name", "twitter:card", "summary"))
        return meta

    def redirect_head(self, site_name: str) -> tuple[str, list[tuple[str, str, str]]]:
        """A redirect page's title and meta tags. WeChat's preview does not follow the meta
        refresh: a case's old id says what the case's page says now (its title, description,
        og:* and share card, none of the case before), an old id of a withdrawn case what its
        notice says; another redirect (a listing's former key, an old embed card) its title."""
        spec, case = self.spec, self.spec.case
        if spec.kind != PageKind.ALIAS or case is None or spec.target.endswith("/embed/"):
            return spec.title, []
        if case.status is Status.WITHDRAWN:
            site = self.texts["site"]
            return f"{site['withdrawn_title']}：{case.title} - {site_name}", [("name", "description", str(site["withdrawn_text"]))]
        mark = self.sample_mark(case)
        return f"{mark}{case.title} - {site_name}", [("name", "description", mark + case.summary), *self.social_meta(case, site_name)]

    def qr_code(self, case: Case) -> Markup:
        """The permalink as an inline SVG QR code; none without ``site_url`` (a bare path
        printed on paper leads nowhere)."""
        if not self.site_url:
            return Markup("")
        return Markup(self.qr_codes.svg(*self.qr_request(case)))

    def qr_request(self, case: Case) -> tuple[str, str]:
        """What the code of ``case`` is made from (core/site/qr.py)."""
        return qr_request(self.site_url, self.texts, case)


# Pages that get the site's own share meta (a case page has its own, ``social_meta``).
SHARED_KINDS = frozenset(
    {
        PageKind.HOME,
        PageKind.ABOUT,
        PageKind.STATS,
        PageKind.SEARCH,
        PageKind.GUIDE,
        PageKind.SECTION,
        PageKind.LISTING,
        PageKind.COLLECTIONS,
        PageKind.COLLECTION,
    }
)


def page_description(spec: PageSpec, texts: dict[str, Any], tag: str) -> str:
    """The page's ``<meta name="description">``, what WeChat's link preview shows under the
    title ("": the site's description): a case's summary, marked as a sample as its
    ``og:description`` is; a listing's or collection's own words. A tombstone shows its title,
    withdrawal date and reason only, no summary, not even in <head>: its preview says that the
    case was withdrawn, not the site's “典型案例” (helper shareH's trial)."""
    if spec.kind in BODY_KINDS and spec.case is not None and spec.case.summary:
        return sample_mark(spec.case, tag, texts["site"]) + spec.case.summary
    if spec.kind == PageKind.TOMBSTONE:
        return str(texts["site"]["withdrawn_text"])
    if spec.kind == PageKind.LISTING and spec.listing is not None:
        return spec.listing.description
    if spec.kind == PageKind.COLLECTION and spec.curated is not None:
        return next(iter(spec.curated.paragraphs()), "")
    return ""


_HYPHEN = re.compile(r"(-+.?)")  # a run of hyphens with the character after it
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _spans(parts: list[str], name: str) -> Markup:
    """``re.split``'s ``parts`` (a pattern with one group) escaped, each part the group
    matched in a span of class ``name``: whole_numbers, link_text and whole_dates.

    The parts are escaped one by one and joined as plain strings: ``Markup.format`` and
    ``Markup.join`` give the same HTML but build a formatter and a ``Markup`` for each part,
    three and a half times the CPU (these run several times on every case page)."""
    start = f'<span class="{name}">'
    return Markup("".join(f"{start}{escape(part)}</span>" if n % 2 else escape(part) for n, part in enumerate(parts) if part))
