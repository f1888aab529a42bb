"""The ``showcase`` command line: ``showcase check [PATH]`` and friends."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    ledger_errors = _ledger_errors(args, settings, options, collection)  # urls.lock, when there is one
    diagnostics += ledger_errors
    summary["errors"] += len(ledger_errors)
    output = FORMATS[args.format](diagnostics, summary)
    print(output)
    return EXIT_ERRORS if collection.errors or ledger_errors else EXIT_OK


def _ledger_errors(args: argparse.Namespace, settings: Settings, options: dict, collection) -> list:
    from .core.ledger import check_ledger, public_plan, read_ledger
    from .core.texts import load_texts

    path = _ledger_path(args, options)
    if path is None or not path.is_file():
        return []
    ledger = read_ledger(path)
    texts = load_texts(_base(args) / options["texts"] if options.get("texts") else None)
    plan = public_plan(collection, settings.taxonomy, texts, int(options.get("per_page") or 30))
    return check_ledger(ledger, plan, collection.cases).errors


def _base(args: argparse.Namespace) -> Path:
    config = Path(args.config_file)
    return config.parent if config.is_file() else Path.cwd()


def _ledger_path(args: argparse.Namespace, options: dict) -> Path | None:
    name = getattr(args, "ledger", None) or options.get("ledger", "urls.lock")
    return _base(args) / name if name else None


def cmd_urls(args: argparse.Namespace) -> int:
    """``showcase urls [--update]``: check the published-URL ledger, or add the new URLs to it."""
    from .core.ledger import LEDGER_FILE, LedgerError, check_ledger, public_plan, read_ledger, updated_ledger
    from .core.texts import TextsError, load_texts

    try:
        settings, options = _settings(args)
        texts = load_texts(_base(args) / options["texts"] if options.get("texts") else None)
    except (TaxonomyError, ReviewListError, TextsError) as exc:
        print(f"showcase: {exc}", file=sys.stderr)
        return EXIT_USAGE
    root = Path(args.path or options.get("cases_dir") or "cases")
    if not root.is_dir():
        print(f"showcase: 找不到案例文件夹 {root}", file=sys.stderr)
        return EXIT_USAGE
    path = _ledger_path(args, options) or Path(LEDGER_FILE)
    collection = load_collection(root, settings)
    if collection.errors:
        print(f"案例有 {len(collection.errors)} 处错误，请先运行 showcase check 并按提示修改，再更新网址清单。", file=sys.stderr)
        return EXIT_ERRORS
    try:
        ledger = read_ledger(path)
    except LedgerError as exc:
        print(f"showcase: {exc}", file=sys.stderr)
        return EXIT_USAGE
    plan = public_plan(collection, settings.taxonomy, texts, int(options.get("per_page") or 30))
    check = check_ledger(ledger, plan, collection.cases)
    for diagnostic in check.errors:
        print(diagnostic.format())
    for url, target in sorted(check.fallbacks.items()):
        print(f"列表页 /{url} 已不存在，构建时会跳转到 /{target}")
    if check.errors:
        print(
            f"{path.name}：有 {len(check.errors)} 个已发布的网址将会失效，请先按上面的提示处理。" + ("清单未更新。" if args.update else "")
        )
        return EXIT_ERRORS
    if args.update:
        text, added = updated_ledger(ledger, plan)
        path.write_text(text, encoding="utf-8")
        print(f"已写入 {path}：共 {len(ledger.urls) + len(added)} 个网址，新增 {len(added)} 个。请把它和案例一起提交。")
        for url in added:
            print(f"  + /{url}")
        return EXIT_OK
    if not ledger.exists:
        print(f"还没有网址清单 {path}。运行 showcase urls --update 生成它，并提交到仓库。")
        return EXIT_OK
    print(f"{path.name}：记录的 {len(ledger.urls)} 个网址都可以访问。")
    if check.new:
        print(f"有 {len(check.new)} 个新发布的网址还没有记录，运行 showcase urls --update 加入清单：")
        for url in check.new:
            print(f"  + /{url}")
    return EXIT_OK


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
    urls = sub.add_parser("urls", help="检查已发布网址清单 urls.lock；加 --update 追加新发布的网址")
    urls.add_argument("path", nargs="?", help="案例文件夹（默认取配置的 cases_dir，即 cases/）")
    urls.add_argument("--update", action="store_true", help="把当前发布的网址追加进清单（已有的网址保留）")
    urls.add_argument("--ledger", help="网址清单文件（默认 mkdocs.yml 旁的 urls.lock）")
    urls.add_argument("--taxonomy", help="分类数据文件（覆盖配置）")
    urls.add_argument("--review-words", help="审核词表文件（覆盖配置）")
    urls.set_defaults(func=cmd_urls)
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
