"""The site's list of reviewing units (option ``reviewers``): who may approve a case.

A site that names its reviewing units (民政局, 文明办 …) in mkdocs.yml gets an error for
a ``review.reviewer`` that is not one of them, in ``showcase check``, ``showcase
approve`` and the build alike. Names are compared with runs of spaces made one.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ..diagnostics import DiagnosticList, first_few
from .model import Case

SHOWN = 8  # names listed in a message; a longer list is cut with “等 N 个”


def normalized(name: str) -> str:
    return " ".join(str(name).split())


def listed(name: str, reviewers: Sequence[str]) -> bool:
    return normalized(name) in {normalized(r) for r in reviewers}


def _nearest(name: str, reviewers: list[str]) -> str | None:
    """The listed unit ``name`` most likely meant, judged by what differs once the end they
    share is set aside: units share their last characters (区民政局), so that 天河区民政局 was
    asked whether it meant 越秀区民政局, and 南城区民政局 东城区民政局 (helper docH's notes; at a
    whole-name cutoff of 0.5, 乐山市民政局 越秀区民政局). A typo (东成区民政局), a unit written
    short (东城民政局) or cut (东城区民政) is still guessed, and so is the one unit whose name
    ends the other (越秀区民政局 for 广州市越秀区民政局, or the other way round): nothing is
    left of it once the end is set aside."""
    ends = [r for r in reviewers if r.endswith(name) or name.endswith(r)]
    if len(ends) == 1:
        return ends[0]
    best, score = None, 0.0
    for reviewer in reviewers:
        shared = 0
        while shared < min(len(name), len(reviewer)) and name[-1 - shared] == reviewer[-1 - shared]:
            shared += 1
        own, theirs = name[: len(name) - shared], reviewer[: len(reviewer) - shared]
        ratio = difflib.SequenceMatcher(None, own, theirs).ratio() if own and theirs else 0.0
        if ratio >= 0.5 and ratio > score:
            best, score = reviewer, ratio
    return best


def names_hint(name: str, reviewers: Sequence[str]) -> str:
    """How to fix a reviewer that is not on the list: the nearest name, then the list."""
    close = _nearest(normalized(name), [normalized(r) for r in reviewers])
    shown = first_few(reviewers, SHOWN)
    guess = f"是不是“{close}”？" if close else ""
    return (
        f"{guess}审核单位要写名单上的名称，一字不差：{shown}。名单写在 mkdocs.yml 的 reviewers 选项里；新的审核单位请网站管理员加进名单。"
    )


def check_reviewer(case: Case, reviewers: Sequence[str], diags: DiagnosticList) -> None:
    """An error when the case names a reviewer and the site's list does not have it."""
    name = case.review.reviewer
    if not reviewers or not name or listed(name, reviewers):
        return
    diags.error(
        case.line("review", "reviewer"),
        "reviewer-not-listed",
        f"审核单位“{normalized(name)}”不在本网站的审核单位名单上。",
        names_hint(name, reviewers),
    )
