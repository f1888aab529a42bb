"""The ``showcase`` command line: ``showcase check [PATH]`` and friends."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import cli_urls
from .core.collection import load_collection
from .core.content import ReviewListError
from .core.report import FORMATS
from .core.settings import Settings, plugin_options
from .core.taxonomy import TaxonomyError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with one line, no traceback
        self.print_usage(sys.stderr)
        print(f"showcase: 参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _settings(args: argparse.Namespace) -> tuple[Settings, dict]:
    config = Path(args.config_file)
    options = plugin_options(config) if config.is_file() else None
    options = dict(options or {})
    base = config.parent if config.is_file() else Path.cwd()
    if args.taxonomy:
        options["taxonomy"] = str(Path(args.taxonomy).resolve())
    if args.review_words:
        options["review_words"] = str(Path(args.review_words).resolve())
    return Settings.from_options(options, base), options


def cmd_check(args: argparse.Namespace) -> int:
    try:
        settings, options = _settings(args)
    except (TaxonomyError, ReviewListError) as exc:
        print(f"showcase: {exc}", file=sys.stderr)
        return EXIT_USAGE
    root = Path(args.path or options.get("cases_dir") or "cases")
    if not root.is_dir():
        print(f"showcase: 找不到案例文件夹 {root}", file=sys.stderr)
        return EXIT_USAGE
    collection = load_collection(root, settings)
    diagnostics, summary = list(collection.diagnostics), collection.summary()
    ledger_errors = cli_urls.ledger_errors(args, settings, options, collection)  # urls.lock, when there is one
    diagnostics += ledger_errors
    summary["errors"] += len(ledger_errors)
    output = FORMATS[args.format](diagnostics, summary)
    print(output)
    return EXIT_ERRORS if collection.errors or ledger_errors else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="showcase", description="新时代文明实践案例展示：检查、新建和统计案例。")
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", help="读取其中 showcase 插件配置的 mkdocs.yml（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    check = sub.add_parser("check", help="检查案例，报告所有问题（文件:行号）")
    check.add_argument("path", nargs="?", help="案例文件夹（默认取配置的 cases_dir，即 cases/）")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式：text、json 或 github")
    check.add_argument("--taxonomy", help="分类数据文件（覆盖配置）")
    check.add_argument("--review-words", help="审核词表文件（覆盖配置）")
    check.set_defaults(func=cmd_check)
    cli_urls.add_parser(sub)  # showcase urls [--update]: the published-URL ledger
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
