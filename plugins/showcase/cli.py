"""The ``showcase`` command line: the parser, and the one place errors become exit codes.

The subcommands live in ``commands/``, one module each.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import re
import signal
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from .core.errors import EXIT_ERRORS, EXIT_USAGE, ShowcaseError
from .core.han import HAN

INTERRUPTED = 130  # as a shell reports a command Ctrl-C ended (128 + SIGINT)

# argparse speaks English; the messages an editor can meet, in Chinese (and those an option
# or a command typed a letter off is guessed for: _Parser._guess)
_UNRECOGNIZED = re.compile(r"unrecognized arguments: (.*)")
_COMMAND_CHOICE = re.compile(r"argument command: invalid choice: '([^']*)' \(choose from (.*)\)")
_CHOICE = re.compile(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)")
_ARGPARSE = [
    (_UNRECOGNIZED, "不认识的参数 {0}"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)"), "{0} 是哪一个参数说不准，可能是：{1}。请写完整"),
    (_COMMAND_CHOICE, "没有“{0}”这个命令，可选的命令：{1}"),
    (_CHOICE, "{0} 不能是“{1}”，可选：{2}"),
    (re.compile(r"argument (\S+): expected one argument"), "{0} 后面需要写一个值"),
    (re.compile(r"the following arguments are required: (.*)"), "缺少 {0}"),
    (re.compile(r"argument (\S+): invalid int value: '([^']*)'"), "{0} 应是整数（只写阿拉伯数字，例如 2024），现在是“{1}”"),
    (re.compile(r"argument (\S+): invalid float value: '([^']*)'"), "{0} 应是数字，现在是“{1}”"),
]
# Our own type checks (e.g. approve --date) already speak Chinese: only argparse's prefix goes.
_OWN = re.compile(rf"argument (\S+): (.*[{HAN}].*)")
_REQUIRED = re.compile(r"缺少 (.*)")


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)  # "": a sub-command's name


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: its usage line, headings and -h (its own words are English)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="显示这段说明后退出")

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        self._words = list(sys.argv[1:] if args is None else args)  # the line, for _guess
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:  # usage errors exit 2 with one line, no traceback
        self.print_usage(sys.stderr)
        for pattern, words in _ARGPARSE:
            match = pattern.fullmatch(message)
            if match:
                message = words.format(*(g.replace("'", "") for g in match.groups())).replace("command ", "子命令 ", 1) + self._guess(match)
                break
        else:
            own = _OWN.fullmatch(message)
            message = f"{own[1]}：{own[2]}" if own else message
        if required := _REQUIRED.fullmatch(message):
            # what each one is, from its help (a trial: 缺少 --base said nothing of what to write)
            names = required[1].split(", ")
            helps = [
                (name, action.help.rstrip("。"))
                for name in names
                for action in self._actions
                if action.help and ("/".join(action.option_strings) == name or action.dest == name)
            ]
            if helps:
                message += "。" + ("；".join(f"{name}：{text}" for name, text in helps) if len(names) > 1 else helps[0][1]) + "。"
        print(f"showcase: 参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)

    def _guess(self, message: re.Match[str]) -> str:
        """``。是不是 --year？`` for an option or a command typed a letter off (a department's
        trial: booklet --yaer 2024 and showcase booklets were refused with no suggestion), from
        argparse's message as ``_ARGPARSE`` matched it. An unknown option is reported by the top
        parser: it is looked for among the options of the command the line names."""
        if message.re in (_COMMAND_CHOICE, _CHOICE):
            value, choices = message.groups()[-2:]
            found = difflib.get_close_matches(value, [name.strip(" '") for name in choices.split(",")], n=1, cutoff=0.6)
            return f"。是不是“{found[0]}”？" if found else ""
        if message.re is not _UNRECOGNIZED:
            return ""
        options = set(self._option_string_actions)
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                command = next((word for word in getattr(self, "_words", []) if word in action.choices), None)
                if command is not None:
                    options |= set(action.choices[command]._option_string_actions)
        said = []
        for word in message[1].split():
            found = difflib.get_close_matches(word.split("=")[0], sorted(options), n=1, cutoff=0.7) if word.startswith("--") else []
            if found:
                said.append(f"{word} 是不是 {found[0]}")
        return "。" + "；".join(said) + "？" if said else ""


# In the order `showcase -h` lists them. Loaded when the parser is built, not when this
# module is: loading them takes a third of a second, and Ctrl-C in that time must not
# print a traceback (see main).
_COMMANDS = (
    "check",
    "urls",
    "new",
    "schema",
    "stats",
    "prsummary",
    "checkfiles",
    "preview",
    "approve",
    "withdraw",
    "doctor",
    "template",
    "intake",
    "cleanphotos",
    "booklet",
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="showcase", description="新时代文明实践案例展示：检查、新建和统计案例。")
    parser.add_argument("--config-file", "-f", help="读取其中 showcase 插件配置的 mkdocs.yml（默认 mkdocs.yml）")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in _COMMANDS:  # one module each, in commands/
        importlib.import_module(f".commands.{name}", __package__).register(sub)
    # Also after the command, as `mkdocs build -f mkdocs.yml` takes it (SUPPRESS: not given
    # there, the value before the command stands).
    for command_parser in sub.choices.values():
        if "-f" not in command_parser._option_string_actions:
            command_parser.add_argument("--config-file", "-f", default=argparse.SUPPRESS, help="同上：网站的 mkdocs.yml")
    return parser


_COMMAND_PID = 0  # the process that runs the command (its forked workers inherit the handler)


def _interrupted(signum: int, frame: object) -> None:
    if os.getpid() != _COMMAND_PID:
        # A forked worker: it finishes its item and ends when the command, unwinding, shuts the
        # pool down. Raising here printed a worker's traceback, and dying broke the pool under
        # the command's feet (concurrent.futures' InvalidStateError on a cancelled future).
        signal.signal(signum, signal.SIG_IGN)
        return
    raise KeyboardInterrupt


def _stop_on_terminal_signals() -> dict[int, object]:
    """A closed terminal (SIGHUP) or a stopped task (SIGTERM) ends a command as Ctrl-C does,
    and Ctrl-C (SIGINT, sent to every process of the terminal) ends only the command, its
    forked workers finishing quietly:
    its ``finally`` blocks run, so an import leaves no staging folder in cases/ and no
    half-written file stays (a helper's trial: both left one, and SIGTERM hung the import).
    Returns the handlers replaced, for ``main`` to put back."""
    global _COMMAND_PID
    _COMMAND_PID = os.getpid()
    replaced: dict[int, object] = {}
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # SIGINT: Ctrl-C reaches the workers too, each printed a traceback
        number = getattr(signal, name, None)
        if number is None or signal.getsignal(number) not in (signal.SIG_DFL, signal.default_int_handler, None):
            continue  # not on this system, or someone else's handler
        try:
            replaced[number] = signal.signal(number, _interrupted)
        except ValueError:  # not the main thread: signals stay as they are
            break
    return replaced


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP, also while the commands load
        print("showcase: 已中断。", file=sys.stderr)
        return INTERRUPTED
    except ShowcaseError as exc:  # while the commands load: a packaged data file they read (a review)
        return _said(exc)


def _said(exc: ShowcaseError) -> int:
    """The one place an error is printed: once, on standard error, and its exit code returned."""
    print(f"showcase {exc.command}: {exc}" if exc.command else f"showcase: {exc}", file=sys.stderr)
    return exc.exit_code


def _main(argv: list[str] | None) -> int:
    from .commands import DEFAULT_CONFIG

    for stream in (sys.stdout, sys.stderr):  # a console that cannot show Chinese gets ?, not a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    if args.config_file is None:  # none named: this folder's mkdocs.yml, or the defaults without one
        args.config_file = DEFAULT_CONFIG
    elif not Path(args.config_file).is_file():  # a named file that is not there is a typo, not "no settings"
        what = "是一个文件夹，不是配置文件" if Path(args.config_file).is_dir() else "找不到"
        print(f"showcase: -f 指定的 {args.config_file} {what}。请写网站的 mkdocs.yml 的路径，例如 -f mkdocs.yml。", file=sys.stderr)
        return EXIT_USAGE
    replaced = _stop_on_terminal_signals()
    try:
        return args.func(args)
    except ShowcaseError as exc:  # a broken option or data file, a missing tool: one line, no traceback
        return _said(exc)
    except BrokenPipeError:  # `showcase check | head`: the reader left; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERRORS
    finally:
        for number, handler in replaced.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
