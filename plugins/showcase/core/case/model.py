"""The case model: what a valid case is, independent of any site engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path

from ..collection.taxonomy import Term
from ..diagnostics import Diagnostic
from .fields import STATUS_LABELS

Day = date  # the type, for the fields named ``date``


class Status(str, Enum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.value]

    @classmethod
    def choices(cls, last: str = "、") -> str:
        """Every state with its Chinese name, for messages: draft（草稿）、review（待审）、…"""
        named = [f"{s.value}（{s.label}）" for s in cls]
        space = "" if last == "、" else " "  # 或 withdrawn: a word before a Latin one, as Chinese texts set it
        return "、".join(named[:-1]) + last + space + named[-1]

    @property
    def is_public(self) -> bool:
        """Published or withdrawn: the case has had an address, which someone may have cited."""
        return self in (Status.PUBLISHED, Status.WITHDRAWN)


# The order every count of the states is given in: ``showcase check``'s summary line and its
# ``--format json`` keys (collection/loading.py: ``Collection.summary``, ``summary_line``), the published first.
SUMMARY_ORDER: tuple[Status, ...] = (Status.PUBLISHED, Status.DRAFT, Status.REVIEW, Status.WITHDRAWN)


@dataclass(frozen=True, slots=True)
class ImageRef:
    """An image a case uses: its path inside the case folder and where it was named."""

    src: str  # as written, relative to the case folder
    line: int
    alt: str = ""
    is_cover: bool = False


@dataclass
class Organization:
    name: str = ""
    category: Term | None = None
    registration: str | None = None


@dataclass
class Region:
    province: Term | None = None
    city: str | None = None
    county: str | None = None
    street: str | None = None
    community: str | None = None

    def parts(self) -> list[str]:
        """Names from province down, as far as given."""
        head = [self.province.name] if self.province else []
        return head + [p for p in (self.city, self.county, self.street, self.community) if p]


@dataclass
class Review:
    reviewer: str = ""
    approved: date | None = None


@dataclass(frozen=True)
class CaseLink:
    """A link in a body to another case's page (``core/case/bodylinks.py``): ``/cases/<id>/``,
    or its ``index.md`` (``needs_file``: MkDocs must find that file, so the case must be on the site)."""

    case_id: str
    line: int
    written: str
    needs_file: bool


@dataclass
class Case:
    """One case as loaded. ``diagnostics`` holds every problem found in its file."""

    path: Path  # the index.md
    id: str = ""
    title: str = ""
    summary: str = ""
    themes: list[Term] = field(default_factory=list)
    organization: Organization = field(default_factory=Organization)
    region: Region = field(default_factory=Region)
    area: str | None = None
    date: Day | None = None
    end_date: Day | None = None
    status: Status | None = None
    review: Review = field(default_factory=Review)
    withdrawn_reason: str = ""
    brands: list[Term] = field(default_factory=list)
    beneficiaries: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    volunteers: int | None = None
    served: int | None = None
    cover: str | None = None
    featured: bool = False
    aliases: list[str] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    images: list[ImageRef] = field(default_factory=list)
    case_links: list[CaseLink] = field(default_factory=list)
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)
    diagnostics: list[Diagnostic] = field(default_factory=list, repr=False)

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def is_published(self) -> bool:
        return self.ok and self.status is Status.PUBLISHED

    def is_sample(self, tag: str) -> bool:
        """A made-up case for demonstration: it carries the site's sample tag (``sample_tag``;
        none when that is empty). Marked as such wherever it shows, on the site and on paper."""
        return bool(tag) and tag in self.tags

    @property
    def primary_theme(self) -> Term | None:
        return self.themes[0] if self.themes else None

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def line(self, *path: str | int) -> int:
        key = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1
