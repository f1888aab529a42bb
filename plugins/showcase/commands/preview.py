"""``showcase preview PATH``: one case's page, rebuilt in a moment after every save.

``mkdocs serve`` rebuilds the whole site after every change: minutes at 10,000 cases.
An editor working on one case needs that case's page, exactly as the site will show it
(or with its 草稿/待审 banner), and its theme page. This command builds a small site
with those pages from the whole collection (``plugin/focus.py``), serves it on
127.0.0.1 and rebuilds it when a file in the case's folder is saved; the browser
reloads by itself (MkDocs' live-reload server). Only the edited case is read again:
the others stay loaded (``core/collection/cache.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import logging
import posixpath
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..core.case.rules import ID_PATTERN
from ..core.diagnostics import REMINDER, describe_os_error
from ..core.errors import ShowcaseError, UsageError
from ..core.localonly import address, this_machine_only
from . import EXIT_ERRORS, EXIT_OK, PREVIEW_HOST, PREVIEW_PORT, load_settings
from .approve import case_file as by_id

log = logging.getLogger("mkdocs.plugins.showcase.preview")


class PreviewError(UsageError):
    """The preview cannot start; the message says why and what to do, in plain Chinese.
    Printed by ``cli.main`` (exit 2, as a wrong argument)."""


@dataclass
class Preview:
    """One previewed case and where its pages are built."""

    config_file: Path
    case_file: Path
    site_dir: Path
    docs_dir: Path  # an empty folder: MkDocs walks it instead of 10,000 case folders
    root: Path | None = None  # the collection's folder (docs_dir of mkdocs.yml)
    page_url: str | None = None
    theme_url: str | None = None
    seconds: float = 0.0
    builds: int = 0

    def build(self) -> None:
        """Build the case's pages (the first build loads every case; later ones the edited case only)."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        from ..plugin.focus import Focus

        start = time.perf_counter()
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        root = Path(config.docs_dir).resolve()
        if self.root is None:
            self.root = root
            _check_inside(self.case_file, root)
        config.docs_dir = str(self.docs_dir)
        plugin = config.plugins.get("showcase")
        if plugin is None:
            raise PreviewError(f"{self.config_file} 里没有启用 showcase 插件，无法预览。")
        saved = plugin.preview, plugin.focus
        plugin.preview = True  # drafts and cases in review, with their banner
        plugin.focus = focus = Focus(root, self.case_file, changed=[self.case_file] if self.builds else None)
        try:
            build(config, dirty=self.builds > 0)  # after the first build, the theme's files are in place
        finally:
            plugin.preview, plugin.focus = saved
        self.page_url, self.theme_url = focus.page_url, focus.theme_url
        self.builds += 1
        self.seconds = time.perf_counter() - start


def _check_inside(case_file: Path, root: Path) -> None:
    try:
        case_file.relative_to(root)
    except ValueError:
        raise PreviewError(f"{case_file} 不在案例文件夹 {root} 里面。请指定 {root.name}/ 下某个案例的文件夹或 index.md。") from None


def case_file(path: str) -> Path:
    """The ``index.md`` named by PATH (the file or its folder)."""
    target = Path(path).resolve()
    if target.is_dir():
        target = target / "index.md"
    if target.is_file() and target.name != "index.md":  # a review: README.md was said not to be there
        raise PreviewError(f"{target} 不是案例文件（案例文件都叫 index.md）。请指定一个案例的文件夹，或其中的 index.md。")
    if target.name != "index.md" or not target.is_file():
        raise PreviewError(f"找不到案例文件 {target}。请指定一个案例的文件夹，或其中的 index.md。")
    return target


def port_number(text: str) -> int:
    """A TCP port a preview can listen on (99999 ended in a traceback after the build)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"端口应是 1 到 65535 之间的整数，现在是“{text}”，例如 --port {PREVIEW_PORT}")
    return value


def _cannot_listen(host: str, port: int) -> str | None:
    """Why a preview could not listen on ``host:port``, in words an editor reads; said before
    the build, not after it (None: it can, as far as can be told now)."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return f"找不到预览地址 --host {host}。请写本机的地址，例如 --host {PREVIEW_HOST}（只在本机可见）"
    family, kind, proto, _, where = infos[0]
    try:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the preview server sets it
            probe.bind(where)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return (
                f"端口 {port} 已被占用（可能另一个预览还开着）。关掉它，或换一个端口：--port {port + 1 if port < 65535 else PREVIEW_PORT}"
            )
        if exc.errno == errno.EACCES:
            return f"没有权限使用端口 {port}（1024 以下的端口需要管理员权限）。换一个端口，例如 --port {PREVIEW_PORT}"
        if exc.errno == errno.EADDRNOTAVAIL:
            return f"{host} 不是这台电脑的地址。请写本机的地址，例如 --host {PREVIEW_HOST}"
        return f"无法在 {host}:{port} 上启动预览（{describe_os_error(exc)}）。换一个端口，例如 --port {PREVIEW_PORT}"
    return None


def cmd_preview(args: argparse.Namespace) -> int:
    _quiet_logging(args.verbose)
    config_file = Path(args.config_file)
    if not config_file.is_file():
        raise PreviewError(f"找不到配置文件 {config_file}（用 -f 指定 mkdocs.yml）。")
    load_settings(args)  # a broken option or data file: one line from cli.main, before MkDocs starts
    if not args.no_serve and (why := _cannot_listen(args.host, args.port)) is not None:
        raise PreviewError(f"{why}。")
    temporary = []
    try:
        # a case's id, as approve and withdraw take it (an editor's trial: 找不到案例文件 …/gz-yuexiu-2023-001)
        target = (
            by_id(args, "preview").resolve() if not Path(args.path).exists() and ID_PATTERN.fullmatch(args.path) else case_file(args.path)
        )
        site_dir = Path(args.site_dir) if args.site_dir else Path(tempfile.mkdtemp(prefix="showcase-preview-"))
        if not args.site_dir:
            temporary.append(site_dir)
        docs_dir = Path(tempfile.mkdtemp(prefix="showcase-preview-docs-"))
        temporary.append(docs_dir)
        preview = Preview(config_file.resolve(), target, site_dir.resolve(), docs_dir)
        print(f"正在读取全部案例并生成预览（首次较慢）：{target}", file=sys.stderr)
        preview.build()
        _report(preview, args)
        if args.no_serve:
            return EXIT_OK if preview.page_url is not None else EXIT_ERRORS
        return _serve(preview, args)
    except ShowcaseError:
        raise  # cli.main prints it (PreviewError: exit 2); the folders are removed below
    except Exception as exc:  # a configuration MkDocs refuses, a theme missing: one line, no traceback
        from mkdocs.exceptions import MkDocsException

        if isinstance(exc, (MkDocsException, OSError)):
            raise ShowcaseError(f"预览失败：{exc}") from None
        raise
    finally:
        for folder in temporary:
            shutil.rmtree(folder, ignore_errors=True)


def _report(preview: Preview, args: argparse.Namespace) -> None:
    kept = not args.no_serve or args.site_dir  # else the temporary folder is gone when this is read
    base = address(args.host, args.port) if not args.no_serve else f"{preview.site_dir}/" if kept else "/"
    if preview.page_url is None:
        print("这个案例没有生成页面（见上面的提示）。", file=sys.stderr)
    else:
        print(f"案例页面：{base}{preview.page_url}", file=sys.stderr)
    if preview.theme_url is not None:
        print(f"主题页面：{base}{preview.theme_url}", file=sys.stderr)
    print(f"用时 {preview.seconds:.1f} 秒。", file=sys.stderr)
    if not kept and preview.page_url is not None:
        print("生成的页面没有保留；要打开它们，加上 --site-dir 文件夹（或去掉 --no-serve，在浏览器里预览）。", file=sys.stderr)


def _serve(preview: Preview, args: argparse.Namespace) -> int:
    from mkdocs.livereload import LiveReloadServer

    def builder() -> None:
        before = preview.page_url
        preview.build()
        if preview.page_url != before:
            _lead_on(preview.site_dir, before, preview.page_url)
            print(f"案例页面地址变为：{address(args.host, args.port)}{preview.page_url or ''}", file=sys.stderr)
        print(f"已更新（{preview.seconds:.1f} 秒）。", file=sys.stderr)

    server = LiveReloadServer(
        builder=builder, host=args.host, port=args.port, root=str(preview.site_dir), mount_path="/", polling_interval=0.25
    )
    server.error_handler = lambda code: _error_page(preview.site_dir, code)
    server.set_app(this_machine_only(server.serve_request, args.host, args.port))
    server.watch(str(preview.case_file.parent))
    url = address(args.host, args.port) + (preview.page_url or "")
    print(f"预览已启动：{url}\n保存 {preview.case_file} 或其文件夹里的图片，浏览器会自动刷新。按 Ctrl+C 结束。", file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    except OSError as exc:  # taken between the check before the build and now
        why = _cannot_listen(args.host, args.port) or f"无法在 {args.host}:{args.port} 上启动预览（{describe_os_error(exc)}）"
        raise PreviewError(f"{why}。") from None
    finally:
        server.shutdown()
    return EXIT_OK


def _lead_on(site_dir: Path, old: str | None, new: str | None) -> None:
    """The browser reloads the address it shows after each save: when the case's page moved
    (to its list of problems after an error, and back once fixed), the old address leads to
    the new one, instead of showing the page as it was before the save."""
    if not old or not new or old == new:
        return
    target = html.escape(posixpath.relpath(new, old) + "/")
    page = (
        '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>案例页面的地址变了</title>'
        f'<meta http-equiv="refresh" content="0; url={target}"></head>'
        f'<body><p>案例页面的地址变了：<a href="{target}">{target}</a></p></body></html>\n'
    )
    path = site_dir / old / "index.html"
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


# A case's problem as the plugin logs it: ``path:line: severity [code] …``, as `showcase check` prints it.
_DIAGNOSTIC = re.compile(r"\S+:\d+: (?:warning|error) \[")
_LEVELS = {"DEBUG": "调试", "INFO": "信息", "WARNING": "提醒", "ERROR": "错误", "CRITICAL": "错误"}


class PlainFormatter(logging.Formatter):
    """Lines for the person previewing a case: a case's problem as `showcase check` prints
    it, any other line after its level in Chinese. MkDocs' ``WARNING -  showcase:`` said
    the same thing twice, in English, before a line that already says 提醒 or error."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().removeprefix("showcase: ")
        if _DIAGNOSTIC.match(message):
            return message
        return f"{_LEVELS.get(record.levelname, record.levelname)}：{message}"


def _quiet_logging(verbose: bool) -> None:
    """The previewed case's problems (warnings and errors) on the terminal; MkDocs' chatter only with -v."""
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(PlainFormatter())
        logger.addHandler(handler)
    # A case's warnings are logged one level below WARNING (core.diagnostics.REMINDER): shown here too.
    logger.setLevel(logging.INFO if verbose else REMINDER)
    # Rebuilds keep the theme's files ("dirty"); MkDocs' warning about it is not for editors.
    logging.getLogger("mkdocs.commands.build").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    logging.getLogger("mkdocs.livereload").addFilter(_not_built)


_NOT_FOUND = re.compile(r'^(?:\[[\d:]+\] )?"GET (?P<path>\S+) HTTP/[\d.]+" code 404$')  # after MkDocs' [12:00:00]


def _not_built(record: logging.LogRecord) -> bool:
    """A page the preview did not build is said to be so, as information, not a 提醒 an editor
    takes for something to fix (an editor's trial: a listing link and /favicon.ico each
    printed 提醒：GET … code 404); the browser's own /favicon.ico request is not said at all."""
    found = _NOT_FOUND.match(record.getMessage())
    if found is None:
        return True
    path = found.group("path").split("?", 1)[0]
    if path.endswith("favicon.ico"):
        return False
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if "." in last and not last.endswith(".html"):  # a file: the preview leaves out no file of a case (a review)
        record.msg, record.args = f"找不到 {unquote(path)}：链接的文件不存在，或文件名写错了。", ()
    else:
        record.msg, record.args = f"预览只生成这个案例和它的主题页，{unquote(path)} 要在完整网站里（make serve）才看得到。", ()
    record.levelno, record.levelname = REMINDER, "INFO"
    return True


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "preview",
        help="预览一个案例：只生成它的页面和主题页，保存后几秒内自动刷新（不必重建整个网站）",
        description="预览一个案例的页面（与正式网站一致，草稿和待审案例带提示横幅）及其主题页。"
        "修改并保存该案例文件夹里的文件后，浏览器自动刷新。",
    )
    parser.add_argument("path", help="案例文件夹或其中的 index.md，例如 cases/广东省/gz-yuexiu-2023-001")
    parser.add_argument("--host", default=PREVIEW_HOST, help=f"预览地址（默认 {PREVIEW_HOST}，只在本机可见）")
    parser.add_argument("--port", type=port_number, default=PREVIEW_PORT, help=f"端口（默认 {PREVIEW_PORT}）")
    parser.add_argument("--site-dir", help="生成到这个文件夹（默认临时文件夹，结束后删除）")
    parser.add_argument("--no-serve", action="store_true", help="只生成一次，不启动预览服务（配合 --site-dir）")
    parser.add_argument("-v", "--verbose", action="store_true", help="显示 MkDocs 的全部构建信息")
    parser.set_defaults(func=cmd_preview)
