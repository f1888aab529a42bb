"""The site's list of reviewing units (option ``reviewers``): who may approve a case.

A site that names its reviewing units (民政局, 文明办 …) in mkdocs.yml gets an error for
a ``review.reviewer`` that is not one of them, in ``showcase check``, ``showcase
approve`` and the build alike. Names are compared with runs of spaces made one.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from ..diagnostics import DiagnosticList
from .model import Case

SHOWN = 8  # names listed in a message; a longer list is cut with “等 N 个”


def normalized(name: str) -> str:
    return " ".join(str(name).split())


def listed(name: str, reviewers: Sequence[str]) -> bool:
    return normalized(name) in {normalized(r) for r in reviewers}


def names_hint(name: str, reviewers: Sequence[str]) -> str:
    """How to fix a reviewer that is not on the list: the nearest name, then the list."""
    # 0.6: units share their last characters (民政局), and at 0.5 乐山市民政局 was asked whether
    # it meant 越秀区民政局 (an editor's trial); a unit written short (东城民政局) still scores 0.9
    close = difflib.get_close_matches(normalized(name), [normalized(r) for r in reviewers], n=1, cutoff=0.6)
    shown = "、".join(reviewers[:SHOWN]) + (f" 等 {len(reviewers)} 个" if len(reviewers) > SHOWN else "")
    guess = f"是不是“{close[0]}”？" if close else ""
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
