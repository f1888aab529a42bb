"""QR codes of permalinks, as inline SVG (segno): for printed material and WeChat.

Inline SVG needs no extra request and stays sharp in print. The modules are always
black on white, whatever the page's colours: that is what scanners read best.

Making one with segno alone takes about 4.3 ms (with its SVG), most of it segno scoring the eight masks
in Python: 43 s of CPU for 10,000 case pages. ``qrmask.make_code`` makes the same code, with
its SVG's path written here (``_path``, segno's own frame around it), in about 1 ms
(``scripts/bench_qr.py``). A permalink's code never changes, so ``QrCodes`` keeps them
between builds in one JSON file, keyed by the URL and the title, and makes the missing
ones on every core before the pages are rendered: only a cold build makes them all.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import segno

from ..cachefile import read_regular, write_atomic
from ..case.model import Case
from ..diagnostics import describe_write_error
from ..outputs.feeds import absolute_url
from ..progress import Reporter, silent
from ..workers import map_on_cores
from .index import case_url
from .qrmask import make_code

FORMAT = 1  # of the cache file; with segno's version, an entry written otherwise is made again
# Exactly what ``qr_svg`` writes: a read entry that holds anything else (markup, an
# attribute, another title) is made again, so the cache can never put markup on a page.
PATH_DATA = r"[Mmhv0-9 .\-]+"
_BORDER = 4  # modules of quiet zone around the code: what phone cameras need on paper


def permalink(site_url: str, case: Case) -> str:
    """The address a case's QR code holds: the build's codes and ``showcase check``'s
    ``site-url-qr`` measure the same one."""
    return absolute_url(site_url, case_url(case.id))


def qr_request(site_url: str, texts: dict[str, Any], case: Case) -> tuple[str, str]:
    """What the code of ``case`` is made from: its permalink and the title screen readers say
    (texts.yml's labels.qr_title). The same before the pages (``QrCodes.prepare``) and on its page."""
    return permalink(site_url, case), str(texts["labels"]["qr_title"])


@lru_cache(maxsize=4096)
def qr_svg(url: str, title: str = "") -> str:
    """An ``<svg>`` element encoding ``url``; ``title`` names it for screen readers.

    Error correction M at least (segno raises it when the symbol size allows), with
    the full quiet zone of four modules that phone cameras need on paper. "" when no QR
    code holds ``url`` (over about 2,300 bytes: a ``site_url`` far too long): the page
    then has none (``QrCodes.too_long`` says so).
    """
    try:
        code = make_code(url)  # segno.make(url, error="m", micro=False), faster
    except segno.DataOverflowError:
        return ""
    return _svg(code, title)


def _svg(code: segno.QRCode, title: str) -> str:
    """The code's ``<svg>``: segno's own, its dark modules' path written here when this segno
    writes it as ``_path`` does (checked once a process), in a fifth of segno's time."""
    if _paths_agree():
        framed = _frame(len(code.matrix), title)
        path = _path(code.matrix)
        if framed is not None and len(path) > _BACKGROUND_PATH:  # segno puts the shorter path first
            return framed[0] + path + framed[1]
    return _segno_svg(code, title)


def _segno_svg(code: segno.QRCode, title: str) -> str:
    return code.svg_inline(
        scale=4,
        border=_BORDER,
        dark="#000",
        light="#fff",
        title=title or None,
        svgclass="sc-qr__code",
        lineclass=None,
        omitsize=True,
    )


# segno writes the dark modules as one path, a horizontal line per run of dark modules in
# each row, every move relative to the end of the line before (``writers.write_svg``): 0.35
# of the 1.9 ms a code takes, looping over every module in Python (issue 20: a cold build
# makes 10,000). ``_path`` writes the same from each row's runs, found by a regular
# expression; the rest of the ``<svg>`` depends only on the symbol's width and the title,
# and is segno's own (``_frame``).
_DARK_RUN = re.compile(rb"[^\x00]+")
_BACKGROUND_PATH = 40  # '<path fill="#fff" d="M0 0h185v185h-185z"/>' and shorter: segno sorts the paths by length


def _path(matrix: Sequence[bytearray]) -> str:
    """The ``d`` of segno's path of the dark modules (border 4, before the scale)."""
    moves: list[str] = []
    x, y = 0, 0.0  # where the line before ended
    row_y = _BORDER - 0.5
    for row in matrix:
        row_y += 1
        for run in _DARK_RUN.finditer(row):
            start, end = _BORDER + run.start(), _BORDER + run.end()
            dy = row_y - y
            moves.append(f"{'m' if moves else 'M'}{start - x} {int(dy) if int(dy) == dy else dy}h{end - start}")
            x, y = end, row_y
    return "".join(moves)


@lru_cache(maxsize=64)
def _frame(width: int, title: str) -> tuple[str, str] | None:
    """segno's ``<svg>`` of a ``width``-module code, before and after its dark path's ``d``."""
    version = (width - 17) // 4
    if not 1 <= version <= 40:
        return None
    svg = _segno_svg(segno.make("0", version=version, error="m", micro=False, boost_error=False), title)
    head, marker, rest = svg.rpartition('<path stroke="#000" d="')
    end = rest.find('"')
    if not marker or end < 0:
        return None
    return head + marker, rest[end:]


@lru_cache(maxsize=1)
def _paths_agree() -> bool:
    """Whether this segno writes codes' SVG as ``_frame`` and ``_path`` do (three sizes)."""
    for url in ("https://x.cn/a1", "https://example.org/cases/gz-yuexiu-2023-001/", "https://example.org/" + "a1b2c3/" * 40):
        code = segno.make(url, error="m", micro=False)
        framed = _frame(len(code.matrix), "永久链接")
        if framed is None or framed[0] + _path(code.matrix) + framed[1] != _segno_svg(code, "永久链接"):
            return False
    return True


@lru_cache(maxsize=16)
def _svg_shape(title: str) -> re.Pattern[str]:
    # The title as segno escapes it, from a code made and written by segno itself: a build
    # whose codes all come from the cache never checks make_code's faster path (0.1 s a
    # process), nor _path's (_paths_agree).
    named = re.search(r"<title>[^<]*</title>", _segno_svg(segno.make("?", error="m", micro=False), title))
    head = '<svg viewBox="0 0 (\\d+) \\1" class="sc-qr__code">' + (re.escape(named.group()) if named else "")
    return re.compile(
        head + f'<g transform="scale\\(4\\)"><path fill="#fff" d="M0 0h(\\d+)v\\2h-\\2z"/><path stroke="#000" d="{PATH_DATA}"/></g></svg>'
    )


def too_long(urls: Iterable[str]) -> list[str]:
    """The permalinks among ``urls`` that no QR code holds, longest first.

    A site's permalinks share its ``site_url`` and differ only in the case id (ASCII), so
    they are all encoded the same way and one holds if a longer one does: the boundary is
    found by halving, making O(log n) codes, not one a case (a code that does not fit
    still costs about 6 ms to refuse: 60 s for 10,000 cases). ``showcase check`` says
    what the build will, before it is built (``too_long_warning``).
    """
    ordered = sorted(set(urls), key=lambda url: len(url.encode()), reverse=True)
    if not ordered or qr_svg(ordered[0]):  # the usual site: its longest permalink holds, one code
        return []
    low, high = 1, len(ordered)  # ordered[:low] are too long; ordered[high:] fit
    while low < high:
        middle = (low + high) // 2
        if qr_svg(ordered[middle]):
            high = middle
        else:
            low = middle + 1
    return ordered[:low]


def too_long_warning(urls: Sequence[str]) -> str:
    """What the build and ``showcase check`` say of the permalinks no QR code holds (``too_long``)."""
    longest = max(len(url.encode()) for url in urls)
    return (
        f"mkdocs.yml 的 site_url 太长：{len(urls)} 个案例页的永久链接超过二维码能容纳的长度"
        f"（最长 {longest} 字节，二维码最多约 2300 字节），这些页面不放二维码。"
        "请把 site_url 改成较短的网址。"
    )


def _make(item: tuple[str, str]) -> str:
    return qr_svg(*item)


class QrCodes:
    """The QR codes of one build, kept between builds in ``path`` (None: made every time).

    A cache file is not trusted to hold what the build wrote: an entry must have exactly
    the shape ``qr_svg`` writes, with this title, or it is made again and reported
    (``damaged``); a file of another format or segno version is set aside whole.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.codes: dict[tuple[str, str], str] = {}
        self.made = 0
        self.kept = 0
        self.damaged: list[str] = []
        self.unsaved: str | None = None  # why the codes could not be kept for the next build
        self.too_long: list[str] = []  # URLs no QR code holds: their pages have none

    def prepare(self, items: Sequence[tuple[str, str]], jobs: int = 0, report: Reporter = silent) -> None:
        """Have the code of every ``(url, title)`` ready: from the file, or made (on every
        core when there are many); the file then holds exactly these."""
        wanted = list(dict.fromkeys(items))
        stored = self._read()
        missing = []
        for url, title in wanted:
            svg = stored.get((url, title))
            if svg is not None and _svg_shape(title).fullmatch(svg):
                self.codes[url, title] = svg
                continue
            if svg is not None:
                self.damaged.append(f"{self.path}：{url} 的二维码与本程序写入的不符（被改动过）")
            missing.append((url, title))
        # A permalink no code holds is found by halving (``too_long``), not tried one by one:
        # refusing one costs about 6 ms, a minute at 10,000 cases under a site_url too long.
        refused = set(too_long(url for url, _ in missing))
        made = [item for item in missing if item[0] not in refused]
        with report("生成二维码", len(made)) as tick:  # 10,000: about 6 s (a cold build's silent seconds)
            self.codes.update(zip(made, map_on_cores(_make, made, jobs, tick=tick), strict=True))
        self.codes.update({item: "" for item in missing if item[0] in refused})
        self.too_long = [url for url, title in missing if not self.codes[url, title]]
        self.made, self.kept = len(missing) - len(self.too_long), len(wanted) - len(missing)
        # Only codes are kept: a URL too long is tried again next build (it fails at once).
        entries = [[url, title, self.codes[url, title]] for url, title in wanted if self.codes[url, title]]
        if self.path is not None and (self.made or len(stored) != len(entries)):
            try:
                write_atomic(self.path, json.dumps({"format": FORMAT, "segno": segno.__version__, "codes": entries}, ensure_ascii=False))
            except OSError as exc:  # a read-only or full cache, or a folder by that name: made again next time
                self.unsaved = (
                    f"{self.path}：无法保存二维码（{describe_write_error(exc)}），下次构建会重新生成；可检查该位置或修改 qr_cache 选项"
                )

    def svg(self, url: str, title: str = "") -> str:
        """The code of ``url``: prepared, or made now (a page nobody prepared for)."""
        code = self.codes.get((url, title))
        if code is None:
            code = self.codes[url, title] = qr_svg(url, title)
        return code

    def _read(self) -> dict[tuple[str, str], str]:
        if self.path is None:
            return {}
        try:
            raw = json.loads(read_regular(self.path).decode("utf-8"))
            if raw.get("format") != FORMAT or raw.get("segno") != segno.__version__:
                return {}  # written by another version: every code is made again
            return {
                (url, title): svg
                for url, title, svg in raw["codes"]
                if isinstance(url, str) and isinstance(title, str) and isinstance(svg, str)
            }
        except FileNotFoundError:
            return {}
        except (IsADirectoryError, NotADirectoryError):
            return {}  # a folder in the way: nothing to read, and saving fails too and says so (``unsaved``)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.damaged.append(f"{self.path}：无法读取或内容不完整，其中的二维码全部重新生成")
            return {}
