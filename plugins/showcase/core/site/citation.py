"""Citations the way Chinese documents cite web pages: GB/T 7714-2015, engine-free.

An online resource is written ``主要责任者. 题名[EB/OL]. (发布或更新日期)[引用日期]. 获取和访问路径.``
(GB/T 7714-2015, 4.8 and 8.8). The responsible party is the organization that carried
out the case, the date in parentheses the day its publication was approved (the
practice date when a published case has none; none for a case not yet published), and the date in brackets the day the reader cites
it: that one only the reader's browser knows, so pages fill it in with a tiny script
and show ``[引用日期]`` without JavaScript, which tells a reader what to write there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..case.model import Case, Status
from .texts import chinese_date

RESOURCE_TYPE = "[EB/OL]"  # electronic bulletin, online


@dataclass(frozen=True)
class Citation:
    """The parts of one entry; ``head`` ends before the citation date's bracket."""

    author: str
    title: str
    published: date | None
    url: str

    @property
    def head(self) -> str:
        """``组织. 题名[EB/OL]. (2023-05-01)``: everything before ``[引用日期]``."""
        published = f" ({self.published.isoformat()})" if self.published else " "
        return f"{_end(self.author)} {_end(self.title + RESOURCE_TYPE)}{published}"

    def text(self, cited: date) -> str:
        """The whole entry cited on ``cited``, as the 引用 box reads once its script has put
        the reader's date in (the template writes ``head``, the date and ``url`` apart)."""
        return f"{self.before_url(cited.isoformat())}{self.url}."

    def before_url(self, cited: str) -> str:
        """The entry up to its address, with ``cited`` in the citation date's brackets: a date,
        or the words that ask a reader for one (texts ``labels.cited_placeholder``, 引用日期),
        as a printed booklet leaves it, the address on a line of its own."""
        return f"{self.head}[{cited}]. "


def _end(part: str) -> str:
    """A part followed by GB/T 7714's separator ``.`` (not doubled after a full stop)."""
    part = part.strip()
    return part if part.endswith((".", "。")) else part + "."


_INNER = str.maketrans("《》", "〈〉")


def book_title(title: str) -> str:
    """``title`` in book-title marks, a 《》 inside it written 〈〉 as Chinese typesetting nests
    them (a department's trial: 《《越秀书声》Reading Club：…》 in the copied citation)."""
    return f"《{title.translate(_INNER)}》"


def plain_citation(case: Case, site_name: str, url: str, reviewer: str) -> str:
    """How to cite the case in a sentence: organization, title, site, the review only when
    there is one (a draft has none), and the address. ``reviewer``: the site's label for
    it (texts ``labels.reviewer``, 审核单位：{reviewer}), as the review line under it says."""
    review = ""
    if case.review.reviewer:
        approved = f"（{case.review.approved.isoformat()}）" if case.review.approved else ""
        review = f"{reviewer.format(reviewer=case.review.reviewer)}{approved}，"
    return f"{case.organization.name}：{book_title(case.title)}，{site_name}，{review}{url}"


def review_line(case: Case, labels: Mapping[str, Any]) -> str:
    """Who reviewed the case and when, as the case page's 引用 box says it (texts
    ``labels.reviewer`` and ``labels.approved``: 审核单位：…，审核日期：2024年5月9日), for the
    page and the booklets' permalink box alike; "" without a reviewer (a draft)."""
    if not case.review.reviewer:
        return ""
    line = str(labels["reviewer"]).format(reviewer=case.review.reviewer)
    if case.review.approved:
        line += str(labels["approved"]).format(date=chinese_date(case.review.approved))
    return line


def gbt7714(case: Case, url: str) -> Citation:
    """The GB/T 7714-2015 entry of a case page at ``url`` (absolute when the site has a site_url)."""
    # A case in review or a draft (the pull request's preview) was never published: no date,
    # not the practice date, which read as its publication date (an editor's trial).
    published = case.review.approved or (case.date if case.status is Status.PUBLISHED else None)
    return Citation(author=case.organization.name, title=case.title, published=published, url=url)
