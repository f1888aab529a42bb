"""``showcase check [PATH]``: every problem of every case, with file and line.

The pull-request gate and the editors' first command. With the site's cases folder
it also checks the published-URL ledger (``urls.lock``) and the collections file; with
a folder or file inside it, that part's problems, also those with the rest of the site
(the same id twice, a published case set back to draft, a published address lost).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..core.collection.loading import Collection, check_collection, is_below
from ..core.collection.mkdocs_yml import SiteConfig
from ..core.collection.settings import Settings
from ..core.diagnostics import shown_path
from ..core.editors import gate
from ..core.editors.gate import CheckResult, is_site_cases, ledger_path
from ..core.editors.guide import links_for
from ..core.editors.report import FORMATS
from ..core.errors import ConfigError
from ..core.progress import progress
from . import EXIT_ERRORS, EXIT_OK, add_data_files, cases_root, load_settings, say_repaired


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应是正整数，现在是“{text}”")
    return value


def check_results(args: argparse.Namespace, settings: Settings, site: SiteConfig, collection: Collection) -> CheckResult:
    """``core/editors/gate.check_results`` for the path and ledger the command line names."""
    whole = is_site_cases(getattr(args, "path", None), site)
    return gate.check_results(settings, site, collection, whole_site=whole, ledger=ledger_path(site, getattr(args, "ledger", None)))


def cmd_check(args: argparse.Namespace) -> int:
    settings, site = load_settings(args)
    root = cases_root(args.path, site)
    if is_site_cases(args.path, site) and not root.exists() and site.read_from_file:
        # a department's trial: all sample cases removed with git rm, and the message offered cases/, the missing folder
        raise ConfigError(
            f"网站的案例文件夹 {root} 不存在。还没有案例时，先建这个文件夹（mkdir {shown_path(root)}），"
            "再用 showcase new 新建案例，或用 showcase import 导入 Word 材料。"
        )
    if not (root.is_dir() or (root.is_file() and root.name == "index.md")):
        what = "不是案例文件夹，也不是 index.md" if root.exists() else "不存在"
        elsewhere = "" if args.path or Path(args.config_file).is_file() else "；不在网站文件夹里时，用 -f 指定网站的 mkdocs.yml"
        raise ConfigError(f"{root} {what}。请写案例所在的文件夹，例如 showcase check cases/{elsewhere}。")
    if not is_site_cases(args.path, site) and is_below(root, site.cases_dir):
        result = gate.check_within(
            settings, site, site.cases_dir, [root], ledger=ledger_path(site, getattr(args, "ledger", None)), jobs=args.jobs, report=progress
        )
    else:
        result = check_results(args, settings, site, check_collection(root, settings, jobs=args.jobs, report=progress))
    if getattr(args, "base", None):
        gate.removed_since_base(result, site, args.base, ledger_path(site, getattr(args, "ledger", None)))
        gate.reused_ids(result, site, settings, args.base)
    say_repaired(result.repaired)
    guide = links_for(site, os.environ)
    print(FORMATS[args.format](result.diagnostics, result.summary, guide=guide))
    return EXIT_ERRORS if result.errors else EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser("check", help="检查案例，报告所有问题（文件:行号）")
    check.add_argument("path", nargs="?", help="案例文件夹或 index.md（默认是网站的案例文件夹 cases/）")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式：text、json 或 github")
    add_data_files(check, review_words=True)
    check.add_argument("--jobs", "-j", type=positive_int, default=None, help="同时使用的处理器核数（默认全部；1 表示不并行）")
    check.add_argument("--base", help="合并请求的基准（例如 origin/main 或 base.sha）：网址清单里删掉了它记着的网址时报错（自动检查用）")
    check.set_defaults(func=cmd_check)
