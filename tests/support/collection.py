"""A small collection with one case of every publication state, loaded by the core (no MkDocs).

For plain-call tests of what the site and its outputs are made of (site plan, feeds,
catalog, sitemap, ledger). Case files are written by ``project.write_case`` and read back
by ``load_collection``, so the tests see what a build would see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from showcase.core.case.model import Case
from showcase.core.collection.loading import Collection, load_collection
from showcase.core.collection.settings import Settings

from .project import write_case

TODAY = date(2025, 6, 1)
REVIEWER = "测试区民政局"
WITHDRAWN_REASON = "经核实，案例中的部分数据有误，发布单位申请撤回。"


def approved(day: str) -> dict[str, str]:
    return {"reviewer": REVIEWER, "approved": day}


# id -> (number for front_matter: theme = THEMES[number % 6], place = PLACES[number % 5]), overrides.
# Three published cases share the first theme (numbers 0, 6, 12), approved on three different days.
CASES: dict[str, tuple[int, dict]] = {
    "pub-2023-001": (0, {"review": approved("2024-03-01"), "title": "银龄互助<守望>空巢老人&邻里"}),
    "pub-2023-002": (6, {"review": approved("2024-05-01"), "aliases": ["old-2020-002"]}),
    "pub-2023-003": (12, {"review": approved("2024-04-01"), "cover": None}),
    "pub-2023-004": (1, {"review": approved("2024-04-01")}),  # same approval day as -003, another theme
    "wd-2022-005": (7, {"status": "withdrawn", "withdrawn_reason": WITHDRAWN_REASON, "aliases": ["wd-old-005"]}),
    "draft-2024-006": (2, {"status": "draft", "review": None}),
    "review-2024-007": (3, {"status": "review", "review": None}),
    "broken-2024-008": (4, {"themes": ["没有这个主题"]}),
}
PUBLISHED = ["pub-2023-001", "pub-2023-002", "pub-2023-003", "pub-2023-004"]
WITHDRAWN = "wd-2022-005"
UNPUBLISHED = ["draft-2024-006", "review-2024-007"]
BROKEN = "broken-2024-008"
ALIASES = {"old-2020-002": "pub-2023-002", "wd-old-005": WITHDRAWN}


@dataclass
class Small:
    collection: Collection
    settings: Settings

    def case(self, case_id: str) -> Case:
        return next(c for c in self.collection.cases if c.id == case_id)

    def cases(self, ids: list[str]) -> list[Case]:
        return [self.case(i) for i in ids]

    def reload(self) -> Small:
        """The collection read again (after a test edited its files)."""
        return Small(load_collection(self.collection.root, self.settings), self.settings)


def write_small(root: Path, only: list[str] | None = None) -> Path:
    """The case files of ``CASES`` (or of the ids in ``only``) under ``root``."""
    for case_id, (number, overrides) in CASES.items():
        if only is None or case_id in only:
            write_case(root, case_id, number, **overrides)
    return root


def load_small(root: Path, only: list[str] | None = None) -> Small:
    """Write the collection under ``root`` and load it as a build does."""
    settings = Settings(today=TODAY)
    return Small(load_collection(write_small(root, only), settings), settings)
