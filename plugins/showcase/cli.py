"""The ``showcase`` command line: ``showcase check [PATH]`` and friends."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from .commands import urls as cli_urls
from .core.case.content import ReviewListError
from .core.collection.loading import check_collection, folder_name_warnings
from .core.collection.settings import Settings, SettingsError, plugin_options
from .core.collection.taxonomy import TaxonomyError
from .core.diagnostics import Diagnostic
from .core.editors.guide import links_for
from .core.editors.report import FORMATS

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


# argparse speaks English; the messages an editor can meet, in Chinese (the original follows)
_ARGPARSE = [
    (re.compile(r"unrecognized arguments: (.*)"), "不认识的参数 {0}"),
    (re.compile(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)"), "{0} 不能是“{1}”，可选：{2}"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} 后面需要写一个值"),
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 with one line, no traceback
        self.print_usage(sys.stderr)
        for pattern, words in _ARGPARSE:
            match = pattern.fullmatch(message)
            if match:
                message = words.format(*(g.replace("'", "") for g in match.groups())) + f"（{message}）"
                break
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
    except (TaxonomyError, ReviewListError, SettingsError) as exc:
        print(f"showcase: {exc}", file=sys.stderr)
        return EXIT_USAGE
    configured = options.get("cases_dir")
    root = Path(args.path or (configured if isinstance(configured, str) else None) or "cases")
    if not (root.is_dir() or (root.is_file() and root.name == "index.md")):
        what = "不是案例文件夹，也不是 index.md" if root.exists() else "不存在"
        print(f"showcase: {root} {what}。请写案例所在的文件夹，例如 showcase check cases/", file=sys.stderr)
        return EXIT_USAGE
    collection = check_collection(root, settings, jobs=args.jobs)
    diagnostics, summary = list(collection.diagnostics), collection.summary()
    folders = folder_name_warnings(collection.cases)  # only here: the folder name does not matter to the site
    diagnostics = sorted(diagnostics + folders, key=Diagnostic.sort_key)
    summary["warnings"] += len(folders)
    ledger_errors = cli_urls.ledger_errors(args, settings, options, collection)  # urls.lock, when there is one
    diagnostics += ledger_errors
    summary["errors"] += len(ledger_errors)
    guide = links_for(Path(args.config_file), options, os.environ)
    output = FORMATS[args.format](diagnostics, summary, guide=guide)
    print(output)
    return EXIT_ERRORS if collection.errors or ledger_errors else EXIT_OK


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应是正整数，现在是“{text}”")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="showcase", description="新时代文明实践案例展示：检查、新建和统计案例。")
    parser.add_argument("--config-file", "-f", default="mkdocs.yml", help="读取其中 showcase 插件配置的 mkdocs.yml（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    check = sub.add_parser("check", help="检查案例，报告所有问题（文件:行号）")
    check.add_argument("path", nargs="?", help="案例文件夹（默认取配置的 cases_dir，即 cases/）")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式：text、json 或 github")
    check.add_argument("--taxonomy", help="分类数据文件（覆盖配置）")
    check.add_argument("--review-words", help="审核词表文件（覆盖配置）")
    check.add_argument("--jobs", "-j", type=_positive_int, default=None, help="同时使用的处理器核数（默认全部；1 表示不并行）")
    check.set_defaults(func=cmd_check)
    cli_urls.add_parser(sub)  # showcase urls [--update]: the published-URL ledger
    # The editors' workflow: one module per subcommand under showcase/commands/.
    from .commands import checkfiles, new, preview, prsummary, schema, stats

    for command in (new, schema, stats, prsummary, checkfiles, preview):
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show Chinese gets ?, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `showcase check | head`: the reader left; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERRORS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
