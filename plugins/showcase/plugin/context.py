"""What templates see as ``sc``: the page's spec plus helpers for URLs and labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.model import Case, Status
from ..core.search import SearchFields, facets, search_fields
from ..core.siteindex import Listing, SiteIndex, case_url
from ..core.siteplan import PageSpec


@dataclass
class SiteContext:
    spec: PageSpec
    index: SiteIndex
    texts: dict[str, Any]
    site_url: str
    sample_tag: str
    preview: bool

    # -- URLs (relative to the site root; templates pass them through `| url`) --------

    def case_url(self, case: Case) -> str:
        return case_url(case.id)

    def cover_url(self, case: Case) -> str | None:
        return f"{case_url(case.id)}{case.cover}" if case.cover else None

    def term_url(self, kind: str, key: str) -> str:
        return f"{kind}/{key}/"

    def permalink(self, case: Case) -> str:
        path = case_url(case.id)
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else f"/{path}"

    def region_links(self, case: Case) -> list[tuple[str, str | None]]:
        """(name, url or None) from province down."""
        links: list[tuple[str, str | None]] = []
        province = self.index.province_of(case) if case.is_published else None
        links.append((case.region.province.name, province.url if province else None))
        if case.region.city:
            city = self.index.city_of(case) if case.is_published else None
            links.append((case.region.city, city.url if city else None))
        links += [(part, None) for part in (case.region.county, case.region.street, case.region.community) if part]
        return links

    def year_url(self, case: Case) -> str:
        return f"years/{case.date.year}/"

    # -- words -----------------------------------------------------------------------

    def is_sample(self, case: Case) -> bool:
        return bool(self.sample_tag) and self.sample_tag in case.tags

    def label(self, key: str, **values: Any) -> str:
        text = str(self.texts["labels"].get(key, key))
        return text.format(**values) if values else text

    @staticmethod
    def paragraphs(text: str) -> list[str]:
        """Blank-line separated paragraphs, each joined into one line (Chinese has no spaces)."""
        return ["".join(line.strip() for line in block.splitlines()) for block in text.strip().split("\n\n") if block.strip()]

    def banner(self, case: Case) -> str:
        site = self.texts["site"]
        if case.status is Status.DRAFT:
            return site["draft_banner"]
        if case.status is Status.REVIEW:
            return site["review_banner"]
        return ""

    def citation(self, case: Case, site_name: str) -> str:
        org = case.organization.name
        approved = case.review.approved.isoformat() if case.review.approved else ""
        return f"{org}：《{case.title}》，{site_name}，审核单位 {case.review.reviewer}（{approved}），{self.permalink(case)}"

    def pager(self, listing: Listing, number: int) -> dict[str, Any]:
        return {
            "number": number,
            "pages": listing.pages,
            "prev": listing.page_url(number - 1) if number > 1 else None,
            "next": listing.page_url(number + 1) if number < listing.pages else None,
        }

    # -- search (core/search.py) -----------------------------------------------------

    def search_fields(self, case: Case) -> SearchFields:
        return search_fields(case)

    def search_facets(self) -> list[dict[str, Any]]:
        return facets(self.index, self.texts["search"]["filters"])

    def search_theme_colors(self) -> dict[str, str]:
        return {t.key: t.color for t in self.index.taxonomy.themes}
