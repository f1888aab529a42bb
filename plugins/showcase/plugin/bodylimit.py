"""Converting one case body: within a time limit, and any failure an error naming the case.

The check bounds a body before it is converted (``core/case/bounds.py``); this is the
defence behind it. A body that still takes longer than ``body_seconds``, or makes
Python-Markdown fail (a ``RecursionError`` in some pattern the bounds do not know), stops
the build with the case's file and line instead of a hang or a traceback. Used by the
plugin's pages in the build process and by the forked workers that convert bodies ahead
of time (``prerender``); a worker's failure leaves the page to the build process, which
then reports it.

Every case page is a ``BodyPage``, with or without the speed-ups (whose
``GeneratedPage`` is one too), so the limit never depends on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..core.case.bounds import TimeLimitExceeded, time_limit
from ..core.diagnostics import Diagnostic, Severity

log = get_plugin_logger(__name__)


class BodyPage(Page):
    """A plugin page whose body converts within ``time_limit`` (``body_of`` set: a case body)."""

    body_of: tuple[Path, int] | None = None  # a case body: its file and first line
    time_limit = 0.0  # seconds to convert the body; 0: no limit

    def render(self, config: MkDocsConfig, files: Files) -> None:
        render_within(self, config, files)


def adopt_pages(files: Files, uris: Iterable[str], config: MkDocsConfig, page_class: type[BodyPage] = BodyPage) -> None:
    """A ``page_class`` page for each of ``uris`` that has no page yet (the speed-ups gave
    theirs first, a ``GeneratedPage``, with this same function).

    Pages listed in ``mkdocs.yml``'s ``nav`` are left to MkDocs, which makes them with their titles."""
    in_nav = nav_paths(config.nav)
    for uri in uris:
        file = files.get_file_from_path(uri)
        if file is not None and file.page is None and uri not in in_nav:
            page_class(None, file, config)


def limit_bodies(files: Files, bodies: Mapping[str, tuple[Path, int]], seconds: float) -> None:
    """Each case body's page (``bodies``: its uri -> the case file and the body's first line)
    converts within ``seconds``, a failure naming that line; set once the pages are final
    (``on_nav``: the speed-ups' pages and ours alike)."""
    for file in files.documentation_pages():
        where = bodies.get(file.src_uri)
        if where is not None and isinstance(file.page, BodyPage):
            file.page.body_of = where
            file.page.time_limit = seconds


def nav_paths(nav: object) -> set[str]:
    """Every file path named in ``mkdocs.yml``'s ``nav`` (nested lists and mappings)."""
    found: set[str] = set()
    stack = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def render_within(page: Page, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` under the page's time limit, if it is a case body (``body_of`` set)."""
    where: tuple[Path, int] | None = getattr(page, "body_of", None)
    if where is None:
        Page.render(page, config, files)
        return
    seconds = float(getattr(page, "time_limit", 0.0))
    try:
        with time_limit(seconds):
            Page.render(page, config, files)
    except BuildError:
        raise
    except TimeLimitExceeded:
        raise _failed(where, "body-too-slow", f"正文转换超过 {seconds:g} 秒仍未完成，已停止。") from None
    except RecursionError:
        raise _failed(where, "body-too-deep", "正文的结构套得太深（列表、引用或括号一层套一层），无法转换成网页。") from None
    except Exception as exc:  # whatever the converter says about a body is the body's problem, never a traceback
        # ... for the editor; what failed where stays for whoever maintains the build (a code
        # review: a regression in a Markdown extension read as "fix your case", nothing else
        # kept): `mkdocs build -v` shows it, and the error keeps its cause
        log.debug("converting %s failed", where[0], exc_info=exc)
        raise _failed(where, "body-failed", f"正文无法转换成网页（{type(exc).__name__}）。") from exc


def _failed(where: tuple[Path, int], code: str, message: str) -> PluginError:
    hint = "请检查正文里有没有粘贴进来的大段符号（很多个 [ < * 或很深的列表），删去后再构建；可先运行 showcase check。"
    return PluginError(Diagnostic(where[0], where[1], Severity.ERROR, code, message, hint).format())
