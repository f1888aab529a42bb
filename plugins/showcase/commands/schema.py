"""``showcase schema``: the front matter's JSON Schema (and VS Code snippets), from the taxonomy."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.cachefile import write_atomic
from ..core.editors.schema import build_schema, build_snippets, dumps, written
from . import EXIT_ERRORS, EXIT_OK, add_data_files, load_settings, unwritable

EXIT_STALE = EXIT_ERRORS  # --check: a generated file is out of date


def cmd_schema(args: argparse.Namespace) -> int:
    settings, _ = load_settings(args)
    outputs = {args.output: dumps(build_schema(settings.taxonomy))}
    if args.snippets:
        outputs[args.snippets] = dumps(build_snippets(settings.taxonomy))
    status = EXIT_OK
    for target, text in outputs.items():
        if target in (None, "-"):
            sys.stdout.write(text)
            continue
        path = Path(target)
        current = written(path)  # none, or unreadable: written again (or reported as stale)
        if args.check:
            if current != text:
                print(
                    f"{path} 不是最新的：请运行 showcase schema -o {args.output}"
                    + (f" --snippets {args.snippets}" if args.snippets else "")
                    + " 重新生成。",
                    file=sys.stderr,
                )
                status = EXIT_STALE
            continue
        if current != text:
            try:
                write_atomic(path, text)  # whole or not at all: a full disk keeps the old file
            except OSError as exc:
                raise unwritable(path, exc) from None
            print(f"已写入 {path}", file=sys.stderr)
    return status


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = sub.add_parser("schema", help="生成基本信息的 JSON Schema（供编辑器补全和检查）")
    schema.add_argument("-o", "--output", help="写入这个文件（默认输出到屏幕），例如 .vscode/case.schema.json")
    schema.add_argument("--snippets", help="同时生成 VS Code 代码片段文件，例如 .vscode/cases.code-snippets")
    add_data_files(schema)
    schema.add_argument("--check", action="store_true", help="只检查文件是否最新，过期时返回 1")
    schema.set_defaults(func=cmd_schema)
