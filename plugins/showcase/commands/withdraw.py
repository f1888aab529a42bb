"""``showcase withdraw PATH --reviewer NAME --reason TEXT [--date D]``: taking a published case down.

Sets ``status: withdrawn``, the ``review`` block of this decision (the unit and the
day: the tombstone page shows the day as the withdrawal's) and ``withdrawn_reason``,
keeping the file's comments and layout; checks the case as ``showcase check`` does and
writes the file only when it has no errors. The case keeps its URL as a tombstone page.
"""

from __future__ import annotations

import argparse

from ..core.case.model import Case, Status
from ..core.case.yamlnodes import shorten
from ..core.chinadate import china_today
from ..core.collection.curated import read_collections
from ..core.collection.mkdocs_yml import SiteConfig
from ..core.diagnostics import shown_path
from ..core.editors.approve import plan_withdrawal
from ..core.editors.gate import recorded_ids
from . import EXIT_ERRORS, load_settings
from .approve import approval_date, case_file, finish


def _listed_in(site: SiteConfig, case: Case) -> list[tuple[str, bool]]:
    """Where collections.yml names ``case`` (by its id or a former one), in its cases or as
    its cover (an editor's trial: the refusal named the cases line only, and the build then
    stopped at the cover line): ``file:line，专题“…”``, and whether it is a cover."""
    path = site.options.path("collections", site.base)
    if path is None:
        return []
    names = {case.id, *case.aliases}
    where = shown_path(path)
    found = read_collections(path)
    places = []
    for entry in sorted((*found.entries, *found.unusable), key=lambda entry: entry.line):
        places += [(line, f"{where}:{line}，专题“{entry.label}”", False) for case_id, line in entry.ids if case_id in names]
        if entry.cover_id in names:
            places.append((entry.cover_line, f"{where}:{entry.cover_line}，专题“{entry.label}”的封面 cover", True))
    return [(text, cover) for _, text, cover in sorted(places)]


def _was(was: tuple[str, int] | None) -> list[str]:
    """Why a case whose status did not say published is withdrawn all the same."""
    if was is None:
        return []
    status, line = was
    return [
        f"  它的状态原来写的是 status: {shorten(status) if status else '（未填写）'}，但已发布网址清单 urls.lock 第 {line} 行记着它的网址："
        "它发布过，网址不能失效，所以按已发布的案例撤回。"
    ]


def cmd_withdraw(args: argparse.Namespace) -> int:
    path = case_file(args, "withdraw")
    settings, site = load_settings(args)
    withdrawal = plan_withdrawal(path, args.reviewer, args.date or china_today(), args.reason, settings, recorded_ids(site))
    listed = _listed_in(site, withdrawal.case)
    if listed:  # a 专题 may hold only published cases: the site's build would stop
        cover = any(is_cover for _, is_cover in listed)
        print(
            "没有撤回：这个案例收录在专题里，专题只能收录已发布的案例，撤回后网站会无法生成。文件没有改动。\n"
            + "".join(f"  {text}\n" for text, _ in listed)
            + "请先在 collections.yml 里删掉"
            + ("这些行" if len(listed) > 1 else "这一行")
            + ("（封面 cover 一行也可以改成专题里别的案例的编号）" if cover else "")
            + "，再运行一次 showcase withdraw。"
        )
        return EXIT_ERRORS
    case = withdrawal.case
    return finish(
        args,
        site,
        withdrawal,
        state=Status.WITHDRAWN,
        command="withdraw",
        refused="没有撤回",
        done=[
            f"已撤回：{path}",
            f"  编号 {case.id}，决定撤回的单位 {case.review.reviewer}，撤回日期 {case.review.approved}，原因：{case.withdrawn_reason}",
            *_was(withdrawal.was),
        ],
        then="请提交这次修改；合并后，案例的内容从网站、搜索、订阅和汇编中撤下，原网址显示一张撤回说明页。"
        # a trial: withdrawn for a child's face, the photo stayed in the public repository unsaid
        + "撤回不会删掉案例文件夹，文字和照片还在仓库里：因为照片或文字里有不该公开的内容而撤回的，"
        "请把那些照片删掉（正文里引用它们的那一行也删掉），把那些文字改掉，一起提交；"
        "这样只从现在的版本里删掉，仓库的历史记录里还有，要彻底清除请找维护网站的人员。",
    )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    withdraw = sub.add_parser("withdraw", help="撤回已发布的案例：内容下线，原网址保留一张撤回说明页")
    withdraw.add_argument("path", help="案例文件夹、它的 index.md 或案例编号（例如 gz-yuexiu-2023-001；改过编号的案例，写旧编号也能找到）")
    withdraw.add_argument("--reviewer", required=True, help="决定撤回的单位，例如 越秀区民政局")
    withdraw.add_argument("--reason", required=True, help="撤回原因，会显示在撤回说明页上，例如 组织已注销")
    withdraw.add_argument("--date", type=approval_date, default=None, help="决定撤回的日期，例如 2024-12-20（默认今天）")
    withdraw.set_defaults(func=cmd_withdraw)
