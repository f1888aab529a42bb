"""``showcase stats``: counts by theme, category, province, year and state (and by city or county: core/editors/stats.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.cachefile import write_atomic
from ..core.case.fields import STATUS_WORDS
from ..core.case.model import Status
from ..core.collection.loading import load_collection
from ..core.editors.gate import ledger_path
from ..core.editors.stats import FORMATS, compute
from ..core.errors import UsageError
from ..core.outputs.ledger import recorded_places
from ..core.progress import progress
from . import CASES_HELP, EXIT_OK, cases_root, existing_folder, load_settings, output_folder, say_repaired, unwritable, year

# Files a table is not: written as text under such a name, Excel and WPS refused to open it (a trial).
NOT_WRITTEN = {"xlsx", "xls", "et", "ods", "docx", "doc", "wps", "pdf"}


def cmd_stats(args: argparse.Namespace) -> int:
    written = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    if written in NOT_WRITTEN:
        raise UsageError(
            f"不能写成 .{written} 文件。请用 .csv 结尾的文件名，Excel 和 WPS 都能直接打开，例如 -o 统计.csv。", command="stats"
        )
    if args.output:
        output_folder(Path(args.output))
    settings, site = load_settings(args)
    settings.check_images = False  # counting needs the front matter only
    root = existing_folder(cases_root(args.path, site))
    collection = load_collection(root, settings, jobs=0, report=progress)  # on every core, saying how far
    say_repaired(collection.repaired)
    places = recorded_places(ledger_path(site))  # a city's or county's 代码 as its page has it
    stats = compute(collection.cases, settings.taxonomy, year=args.year, states=args.status or (), places=places)
    if args.year is not None and not any(c.year == args.year for c in collection.cases):
        years = "、".join(str(y) for y in sorted({c.year for c in collection.cases if c.year}))
        print(
            f"showcase: 注意：没有开展时间在 {args.year} 年的案例，下面都是 0。年份按开展时间（date）算，不是审核发布的日期。"
            + (f"有案例的年份：{years}。" if years else ""),
            file=sys.stderr,
        )
    broken = sum(1 for c in collection.cases if not c.ok)
    if broken:
        print(f"showcase: 注意：{broken} 个案例有错误，统计可能不完整（运行 showcase check 查看）。", file=sys.stderr)
    # No --format: the output file's extension says it (统计.csv, as booklet reads -o), else a table.
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    chosen = args.format or (suffix if suffix in FORMATS else "text")
    text = FORMATS[chosen](stats)
    if args.output:
        # A CSV file gets a byte-order mark so that Excel opens the Chinese correctly.
        encoding = "utf-8-sig" if chosen == "csv" else "utf-8"
        try:
            write_atomic(Path(args.output), (text + "\n").encode(encoding))  # whole or not at all
        except OSError as exc:
            raise unwritable(args.output, exc) from None
        print(f"已写入 {args.output}", file=sys.stderr)
    else:
        print(text)
    return EXIT_OK


def _status(given: str) -> str:
    """A state by its value or its Chinese name (已发布, 发布, 待审 …: the words case files may use)."""
    word = given.strip()
    value = STATUS_WORDS.get(word, word.lower())
    if value not in {s.value for s in Status}:
        known = Status.choices()
        raise argparse.ArgumentTypeError(f"没有状态“{given}”，可选：{known}")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    stats = sub.add_parser("stats", help="统计案例：按主题、类别、省份（一个省的按城市，一个市的按区县）、年份和状态计数")
    stats.add_argument("path", nargs="?", help=CASES_HELP)
    stats.add_argument(
        "--format", choices=sorted(FORMATS), default=None, help="输出格式：text（表格）、json 或 csv（默认按 -o 文件的扩展名，否则 text）"
    )
    stats.add_argument("--year", type=year, help="只统计开展时间在这一年的案例（按 date 的年份，不是审核发布的年份）")
    stats.add_argument(
        "--status",
        action="append",
        type=_status,
        metavar="STATUS",
        help=f"只统计这些状态（可写多次）：{Status.choices()}，中文也可以",
    )
    stats.add_argument("-o", "--output", help="写入文件（CSV 带 BOM，Excel 可直接打开）")
    stats.set_defaults(func=cmd_stats)
