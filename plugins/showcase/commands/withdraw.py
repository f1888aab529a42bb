"""``showcase withdraw PATH --reviewer NAME --reason TEXT [--date D]``: taking a published case down.

Sets ``status: withdrawn``, the ``review`` block of this decision (the unit and the
day: the tombstone page shows the day as the withdrawal's) and ``withdrawn_reason``,
keeping the file's comments and layout; checks the case as ``showcase check`` does and
writes the file only when it has no errors. The case keeps its URL as a tombstone page.
"""

from __future__ import annotations

import argparse
from datetime import date

from ..core.case.model import Case
from ..core.collection.settings import SiteConfig
from ..core.editors.approve import plan_withdrawal, write_approval
from ..core.outputs.collections import read_collections
from . import EXIT_ERRORS, EXIT_OK, load_settings
from .approve import approval_date, case_file


def _listed_in(site: SiteConfig, case: Case) -> list[str]:
    """Where collections.yml lists ``case`` (by its id or a former one): ``file:line（专题）``."""
    path = site.options.path("collections", site.base)
    if path is None:
        return []
    names = {case.id, *case.aliases}
    return [
        f"{path}:{line}（专题“{entry.title}”）"
        for entry in read_collections(path).entries
        for case_id, line in entry.ids
        if case_id in names
    ]


def cmd_withdraw(args: argparse.Namespace) -> int:
    settings, site = load_settings(args)
    path = case_file(args.path, "withdraw")
    withdrawal = plan_withdrawal(path, args.reviewer, args.date or date.today(), args.reason, settings)
    listed = _listed_in(site, withdrawal.case)
    if listed:  # a 专题 may hold only published cases: the site's build would stop
        print(
            f"没有撤回：这个案例收录在专题里（{'；'.join(listed)}），专题只能收录已发布的案例，撤回后网站会无法生成。"
            "请先在 collections.yml 里删掉这一行，再运行一次 showcase withdraw。文件没有改动。"
        )
        return EXIT_ERRORS
    if withdrawal.errors:
        for d in withdrawal.case.diagnostics:
            print(d.format())
        print(
            f"没有撤回：改为已撤回后，这个案例有 {len(withdrawal.errors)} 个错误（见上）。文件没有改动；改正后再运行一次 showcase withdraw。"
        )
        return EXIT_ERRORS
    write_approval(withdrawal)
    case = withdrawal.case
    print(f"已撤回：{path}")
    print(f"  编号 {case.id}，决定撤回的单位 {case.review.reviewer}，撤回日期 {case.review.approved}，原因：{case.withdrawn_reason}")
    for line, text in withdrawal.changed:
        print(f"  第 {line} 行：{text.strip()}")
    print("请提交这次修改；合并后，案例的内容从网站、搜索、订阅和汇编中撤下，原网址显示一张撤回说明页。")
    return EXIT_OK


def register(sub) -> None:
    withdraw = sub.add_parser("withdraw", help="撤回已发布的案例：内容下线，原网址保留一张撤回说明页")
    withdraw.add_argument("path", help="案例文件夹或它的 index.md")
    withdraw.add_argument("--reviewer", required=True, help="决定撤回的单位，例如 越秀区民政局")
    withdraw.add_argument("--reason", required=True, help="撤回原因，会显示在撤回说明页上，例如 组织已注销")
    withdraw.add_argument("--date", type=approval_date, default=None, help="决定撤回的日期，例如 2024-12-20（默认今天）")
    withdraw.set_defaults(func=cmd_withdraw)
