"""A booklet as PDF: HTML and a print stylesheet laid out by WeasyPrint.

Why WeasyPrint rather than headless Chromium (both measured, README "Compilations"):
it implements CSS Paged Media, so the table of contents gets its page numbers from
``target-counter()`` and the PDF its outline (bookmarks) from the headings in one
pass, and it embeds the fonts it uses as subsets; Chromium has no ``target-counter``,
so a contents page with numbers would need a second printing and our own count.
It installs with pip (with the system's Pango) and needs no browser on an editor's
machine; it runs in a process of its own, stopped at the booklet's time limit
(``write_pdf``, ``pdfprocess.py``).
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import math
import queue
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import IO

from ... import system
from ...cachefile import temporary_beside
from .content import Booklet, Entry
from .layout import url_parts
from .pdflaunch import start
from .pdfprocess import LAID_OUT, OS_ERROR, PANGO, PREFIX, WRITTEN
from .title import cite_spans, em_width, heading_spans, place_spans, running_head, unbroken

# How to install Pango on each system (WeasyPrint looks for it, on Windows, in MSYS2's
# ucrt64 folder and in the GTK3 runtime's).
PANGO_FIX = {
    "windows": "安装 MSYS2（https://www.msys2.org/），在它的 UCRT64 终端里运行 pacman -S mingw-w64-ucrt-x86_64-pango，然后重新打开命令窗口再构建。",
    "mac": "用 Homebrew 安装：brew install pango。",
    "linux": "安装 Pango：sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0（或运行 make pango）。",
}

SERIF = '"Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "SimSun", "宋体", "Songti SC", serif'
SANS = '"Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "SimHei", "黑体", "Microsoft YaHei", sans-serif'


def _style(page: str, title: str) -> str:
    """The style sheet, its page footer worded as the Word booklet's (texts booklet.page, "第 {page} 页"),
    its running head the booklet's title, as the Word booklet's."""
    before, _, after = page.partition("{page}")
    number = f"{_css_string(before)} counter(page) {_css_string(after)}"
    return STYLE.replace("PAGE_NUMBER", number).replace("RUNNING_HEAD", _css_string(running_head(title, HEAD_EM)))


# What the running head holds on one line: 9 pt over the 16 cm between the margins is 50 em.
HEAD_EM = 50.0


def _cover_spacing(title_lines: list[str], under: list[str]) -> tuple[float, float]:
    """The cover's space above the title and above the lines under it (cm): 7 and 9, less
    where a long title would push those lines onto a page of their own (a department's
    trial: a 50-character title on four lines did, and every page number moved by one).
    The page's 25.1 cm between its margins; a title line 28 pt × 1.3, a line under it 2 ×
    11.5 pt, each of them wrapped where longer than the line."""
    title = sum(max(1, math.ceil(em_width(line) / 15)) for line in title_lines) * 1.284
    lines = sum(max(1, math.ceil(em_width(line) / 39)) for line in under) * 0.81
    over = 7 + title + 1.8 + 9 + lines - 24.3
    bottom = 9 - min(max(over, 0), 6)
    return round(7 - min(max(over - 6, 0), 5), 2), round(bottom, 2)


def _css_string(text: str) -> str:
    """``text`` as a CSS string inside <style>: json.dumps escapes its quotes and backslashes
    as CSS reads them (the title is checked: no control character, 80 characters at most),
    and every < is written \\3c, as HTML ends the element at a </style in it whatever CSS
    thinks (a --title holding one made the rest of it the booklet's markup)."""
    return json.dumps(text, ensure_ascii=False).replace("<", "\\3c ")


STYLE = f"""
@page {{ size: A4; margin: 2.2cm 2.5cm 2.4cm;
  @top-center {{ content: RUNNING_HEAD; font: 9pt {SANS}; color: #555; vertical-align: bottom; padding-bottom: .4cm; }}
  @bottom-center {{ content: PAGE_NUMBER; font: 9.5pt {SANS}; color: #555; }} }}
@page cover {{ @top-center {{ content: none; }} @bottom-center {{ content: none; }} }}
html {{ font: 11.5pt/1.7 {SERIF}; color: #000; }}
h1, h2, h3, .sans {{ font-family: {SANS}; }}
.cover {{ page: cover; text-align: center; padding-top: 7cm; }}
.cover h1 {{ font-size: 28pt; line-height: 1.3; margin: 0 0 1cm; bookmark-level: none; }}
.cover .bottom {{ margin-top: 9cm; line-height: 2; }}
.intro {{ break-before: page; }}
.toc {{ break-before: page; }}
.intro + .toc {{ break-before: auto; margin-top: 2em; }}  /* a one-sentence intro had page 2 to itself */
.toc h2 {{ text-align: center; font-size: 16pt; }}
.toc ol {{ list-style: none; padding: 0; }}
.toc li {{ margin: .3em 0; }}
.toc a {{ color: inherit; text-decoration: none; }}
.toc a::after {{ content: leader(".") target-counter(attr(href), page); }}
.case {{ break-before: page; }}
.case h1 {{ font-size: 18pt; line-height: 1.35; margin: 0 0 .3em; bookmark-level: 1; }}
.case h2, .case h3 {{ font-size: 13pt; bookmark-level: none; margin: 1em 0 .3em; }}
.meta {{ color: #444; font-size: 10pt; margin: 0 0 .6em; }}
.summary {{ font-family: {SANS}; }}
img {{ max-width: 100%; height: auto; }}
figure, p:has(> img) {{ text-align: center; break-inside: avoid; margin: .8em 0; }}
figcaption {{ font-size: 10pt; color: #555; margin-top: .3em; }}
.lead {{ break-after: avoid; }}  /* a line introducing a table goes with it (_captioned) */
.body img {{ max-width: 80%; max-height: 17cm; width: auto; }}  /* a long screenshot stays on its page, as in Word */
.body :is(p, li) {{ overflow-wrap: anywhere; }}  /* a line of quoted single characters (“甲”“乙”…) ran off the page */
.case h4, .case h5, .case h6 {{ bookmark-level: none; }}
.cover-photo img {{ width: 100%; }}
table {{ border-collapse: collapse; margin: .6em auto; }}
td, th {{ border: 1px solid #888; padding: .2em .5em; }}
/* A row whole on one page, the header repeated on the next; short labels, numbers and dates
   not broken inside (服务项/目, 2022年2/月: a helper's trial), long text still wraps. */
tr {{ break-inside: avoid; }}
thead {{ display: table-header-group; }}
.nb {{ white-space: nowrap; }}
/* a table too wide for the page kept so (_table_cells): smaller, each cell wrapping anywhere */
table[data-dense] {{ font-size: 9pt; line-height: 1.45; }}
table[data-dense] :is(td, th) {{ padding: .15em .3em; overflow-wrap: anywhere; }}
/* A block with the QR code floated right, not a flex box: WeasyPrint split a flex box
   across two pages despite break-inside: avoid. */
.cite {{ display: flow-root; border: 1px solid #999; padding: .6em .8em; margin-top: 1.2em; break-inside: avoid; break-before: avoid; font-size: 10pt; }}
/* The key figures (the case's own h3 and list) go whole, and the permalink box with them or
   with the body's last lines: never split, never on a page of its own. */
.case > h3 {{ break-after: avoid; }}
.case > ul {{ break-inside: avoid; }}
/* A long permalink breaks after a slash, a part too long for a line between two letters,
   never after a hyphen (_link). break-all, not overflow-wrap: WeasyPrint broke no text that
   follows a hyphen's no-wrap span, and a long host ran on under the QR code (…gov.c). */
.cite .url .part {{ display: inline-block; word-break: break-all; }}
.cite .url .long {{ word-break: break-all; }}
.cite p {{ margin: .4em 0 0; }}  /* the review and the GB/T 7714 entry, under the permalink */
.cite img + div {{ margin-right: 3.1cm; }}  /* beside the code: a long link breaks there, not under the code */
/* its margin box narrower than the text's margin: a link's line as wide as the text was
   moved below the code, leaving a gap (the 3.1 cm keep the gap beside it) */
.cite img {{ float: right; width: 2.8cm; height: 2.8cm; margin-left: .2cm; }}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


# A paragraph of photos alone: one, or several on consecutive lines of the Markdown
_ALONE = re.compile(r"<p>\s*((?:<img\b[^>]*>\s*(?:<br\s*/?>\s*)?)+)</p>")
_IMG = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r'\balt="([^"]*)"')
# A line that introduces the table right after it (下表是全年议事台账（节选）：)
_LEAD = re.compile(r"<p>((?:(?!</?p\b).)*[：:])</p>(\s*<table\b)", re.DOTALL)


def _captioned(body: str) -> str:
    """Each photo of a paragraph of photos as a figure captioned by its alt text, as the case
    page and the Word booklet show it (the alt text is already escaped in the sanitized HTML).
    A department's trial: six photos on consecutive lines were one paragraph kept whole, which
    left its heading alone on a page before it, their captions in Word only. And a line that
    introduces a table goes to the next page with it (it stayed at a page's foot)."""

    def figure(image: str) -> str:
        alt = _ALT.search(image)
        caption = f"<figcaption>{alt.group(1)}</figcaption>" if alt and alt.group(1).strip() else ""
        return f"<figure>{image}{caption}</figure>"

    body = _ALONE.sub(lambda match: "".join(figure(image) for image in _IMG.findall(match.group(1))), body)
    return _LEAD.sub(r'<p class="lead">\1</p>\2', body)


_CELL = re.compile(r"(<t[dh](?: [^>]*)?>)([^<]*)(</t[dh]>)")
# a date, a number with its unit: never cut in a narrow column (2022年2/月)
_WHOLE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d[\d,.]*(?:%|万|人次|人|次|户|个|元|小时)?")


_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.DOTALL)
_ROW = re.compile(r"<tr\b.*?</tr>", re.DOTALL)
_ANY_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.DOTALL)
# The text's width between the page's margins (21 cm less 2 × 2.5 cm) in em of the body's 11.5 pt
TEXT_EM = 16 / 2.54 * 72 / 11.5


def _unbroken_em(text: str) -> float:
    """The width (em) a cell of plain text keeps on one line (``_table_cells``): all of a short
    one, its longest date or number else; 1 for a cell of other markup (it wraps)."""
    if "<" in text:
        return 1.0
    if len(text.strip()) <= 6:
        return em_width(text.strip())
    return max((em_width(whole) for whole in _WHOLE.findall(text)), default=1.0)


def _table_cells(body: str) -> str:
    """Table cells of plain text: a short one (序号, 服务项目) kept on one line, dates and
    numbers in a longer one kept whole; longer text still wraps. A table whose cells kept so
    would be wider than the page is set dense instead (smaller, every cell wrapping): a
    department's trial: a 12-column 台账 ran off the page's right edge, its last three columns
    gone from the PDF."""

    def cell(match: re.Match[str]) -> str:
        start, text, end = match.groups()
        if len(text.strip()) <= 6:
            return f'{start}<span class="nb">{text}</span>{end}'
        return start + _WHOLE.sub(lambda m: f'<span class="nb">{m.group(0)}</span>', text) + end

    def table(match: re.Match[str]) -> str:
        whole = match.group(0)
        columns: dict[int, float] = {}
        for row in _ROW.findall(whole):
            for column, text in enumerate(_ANY_CELL.findall(row)):
                columns[column] = max(columns.get(column, 0.0), _unbroken_em(text))
        if sum(width + 1.1 for width in columns.values()) <= TEXT_EM:  # 1.1: each cell's padding and border
            return _CELL.sub(cell, whole)
        return re.sub(r"^<table\b", '<table data-dense=""', whole)

    return _TABLE.sub(table, body)


def _nowrap(text: str) -> str:
    return f'<span class="nb">{_e(text)}</span>'


LINK_PART = 120  # characters: a part between slashes longer than this is longer than a line


def _link(url: str) -> str:
    """A permalink as it may break: after a slash, or between two letters when a part between
    slashes is longer than a line, never after a hyphen, which reads as one added to break
    the word and which text taken from the page drops (…/hhht-xincheng-2022001/, a
    department's trial; ``layout.link_lines`` says the same for Word)."""

    def part(text: str) -> str:  # its hyphens each with the character after it, its last slashes with the one before
        pieces = re.split(r"(-+.?/*$|-+.?|.?/+$)", text)  # a lone / began a line (…-2023-001 / /)
        return "".join(_nowrap(piece) if n % 2 else _e(piece) for n, piece in enumerate(pieces) if piece)

    # a part longer than any line: broken anywhere (as a box of its own, 3,000 letters took minutes)
    return "".join(f'<span class="{"part" if len(text) <= LINK_PART else "long"}">{part(text)}</span>' for text in url_parts(url))


def _cited(entry: Entry) -> str:
    """The GB/T 7714 entry, its address (the permalink) on a line of its own broken as the permalink is (_link)."""
    if not entry.cited:
        return ""
    head = unbroken(entry.cited, cite_spans(entry.cited), _nowrap, _e)
    return f'<p class="gbt">{head}<br><span class="url">{_link(entry.permalink)}</span>.</p>'


def _entry(entry: Entry, words: dict) -> str:
    case = entry.case
    title = unbroken(case.title, heading_spans(case.title), _nowrap, _e)  # 热乎 / 饭 was set (title.py)
    parts = [f'<section class="case" id="sc-case-{entry.number}">', f"<h1>{entry.number}. {title}</h1>"]
    meta = unbroken(entry.meta, place_spans(entry.meta, case.region.parts()), _nowrap, _e)
    if entry.days:  # each day whole, as in a table cell (a period may break at its 至, entry.date_to)
        date, to = _e(entry.date_to.join(entry.days)), _e(entry.date_to)
        meta = meta.replace(date, to.join(f'<span class="nb">{_e(day)}</span>' for day in entry.days), 1)
    parts.append(f'<p class="meta">{meta}</p>')
    parts.append(f'<p class="summary">{_e(case.summary)}</p>')
    if entry.cover is not None:
        alt = _e(words["cover_alt"].format(title=case.title))  # a screen reader's words for it (the PDF is tagged)
        parts.append(f'<figure class="cover-photo"><img src="{entry.cover.path.resolve().as_uri()}" alt="{alt}"></figure>')
    parts.append(
        f'<div class="body">{_table_cells(_captioned(entry.html))}</div>'
    )  # sanitized (core/site/sanitize.py), images are renditions
    if entry.figures:
        parts.append(f"<h3>{_e(words['figures'])}</h3><ul>" + "".join(f"<li>{_e(f)}</li>" for f in entry.figures) + "</ul>")
    scan, code = "", ""
    if entry.qr_png is not None:
        scan = f"<br>{_e(words['scan'])}"
        code = f'<img src="data:image/png;base64,{base64.b64encode(entry.qr_png).decode()}" alt="{_e(words["qr_alt"])}">'
    review = f'<p class="review">{unbroken(entry.review, cite_spans(entry.review), _nowrap, _e)}</p>' if entry.review else ""
    parts.append(
        f'<div class="cite">{code}<div><strong>{_e(words["permalink"])}：</strong><br><span class="url">{_link(entry.permalink)}</span>{scan}{review}{_cited(entry)}</div></div>'
    )
    parts.append("</section>")
    return "\n".join(parts)


def booklet_html(booklet: Booklet) -> str:
    """The whole booklet as one HTML document (the print stylesheet inside)."""
    words = booklet.texts["booklet"]
    lines = booklet.cover_lines()
    title_lines = booklet.title_lines()  # a search over the title's cuts: once
    top, bottom = _cover_spacing(title_lines, lines)
    out = [
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{_e(booklet.title)}</title><style>{_style(booklet.texts['booklet']['page'], booklet.title)}</style></head><body>",
        f'<section class="cover" style="padding-top: {top}cm"><h1>{"<br>".join(_e(line) for line in title_lines)}</h1>'
        f'<p class="sans">{_e(words["count"].format(count=len(booklet.entries)))}</p>',
        f'<div class="bottom" style="margin-top: {bottom}cm">' + "<br>".join(_e(line) for line in lines) + "</div></section>",
    ]
    if booklet.intro:
        out.append(
            f'<section class="intro"><h2>{_e(words["intro_heading"])}</h2>'
            + "".join(f"<p>{_e(p)}</p>" for p in booklet.intro)
            + "</section>"
        )
    out.append(f'<nav class="toc"><h2>{_e(words["contents"])}</h2><ol>')
    out += [f'<li><a href="#sc-case-{e.number}">{e.number}. {_e(e.case.title)}</a></li>' for e in booklet.entries]
    out.append("</ol></nav>")
    out += [_entry(e, words) for e in booklet.entries]
    out.append("</body></html>")
    return "\n".join(out)


def missing_pango(first: str) -> str:
    """What is missing, from the first line of the error loading WeasyPrint gave."""
    return f"缺少排版用的 Pango 库（{first}）"


def pango_problem() -> str | None:
    """Why WeasyPrint cannot be loaded here (the system's Pango missing), or None."""
    try:
        import weasyprint  # noqa: F401 - imported here: loading Pango costs a second
    except (OSError, ImportError) as exc:
        return missing_pango(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    return None


class LayoutTimeout(Exception):
    """Laying a booklet out took longer than its time limit; the layout was stopped. Control
    flow, not an error of the program's (hence not a ShowcaseError): ``make_booklet`` turns
    it into a message naming the booklet."""

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


# WeasyPrint lays the whole booklet out at once and holds every page: an editor's trial at
# 10,000 cases made a theme's booklet of 3,005 cases (6,108 pages) in 11.5 minutes with the
# layout process at 5.7 GB, which an office computer of 8 GB does not have.
# Tagged for screen readers since (pdfprocess.py): 300 cases 50.5 s -> 54.4 s, 815 -> 855 MB.
LARGE_PDF_CASES = 1000
MB_PER_CASE = 2.0
SECONDS_PER_CASE = 0.25


def large_pdf_note(cases: int) -> str | None:
    """What to know before a PDF booklet of many cases is laid out; None for a usual one."""
    if cases <= LARGE_PDF_CASES:
        return None
    memory = max(1, round(cases * MB_PER_CASE / 1024))
    minutes = max(1, round(cases * SECONDS_PER_CASE / 60))
    return (
        f"注意：这本汇编有 {cases} 个案例，排成 PDF 要一次排完全部页面，大约需要 {memory} GB 内存、{minutes} 分钟，"
        "内存不够的电脑会排版失败。可以按年份或地区分成几册（--year、--province、--city），"
        "或者改出 Word 文件（-o 汇编.docx，所需内存少得多）。"
    )


def write_pdf(booklet: Booklet, out: Path, step: Callable[[str], AbstractContextManager] | None = None, *, seconds: float = 0.0) -> None:
    """Lay ``booklet`` out as a PDF at ``out`` (a temporary name first, then renamed).
    ``step(what)`` wraps the layout (排版) and the writing (写出), each a progress step.

    WeasyPrint runs in a process of its own (``pdfprocess.py``), stopped when ``seconds``
    have passed (0: no limit) with ``LayoutTimeout``: a case body it is slow on (a huge
    table, a line that never breaks) would otherwise hold a build for ever, and Python
    cannot interrupt it in this process. A new process costs the time WeasyPrint takes to
    load, about 1 s a booklet; on Linux every booklet of a process after the first is forked
    from one that has loaded it (``pdflaunch.py``). Nothing half-written is left behind.
    """
    with temporary_beside(out) as temporary:  # nothing half-written is left behind
        _laid_out(booklet_html(booklet), temporary, str(out.parent), seconds, step or (lambda what: nullcontext()))
        temporary.replace(out)


def _laid_out(html: str, temporary: Path, base_url: str, seconds: float, step: Callable[[str], AbstractContextManager]) -> None:
    """``html`` laid out by ``pdfprocess.py`` into ``temporary``, within ``seconds`` (0: no limit)."""
    from .select import BookletError

    deadline = time.monotonic() + seconds if seconds > 0 else None
    heard: queue.Queue[str | None] = queue.Queue()
    with (
        tempfile.TemporaryFile() as errors,
        start(temporary, base_url, errors, deadline) as process,
    ):
        assert process.stdin is not None and process.stdout is not None
        feed, listen = process.stdin, process.stdout

        def send() -> None:
            with contextlib.suppress(OSError, ValueError):  # the process ended or was stopped first
                feed.write(html.encode("utf-8"))
                feed.close()

        def next_word() -> str | None:
            try:
                return heard.get(timeout=None if deadline is None else max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise LayoutTimeout(seconds) from None

        threads = [threading.Thread(target=send, daemon=True), threading.Thread(target=hear, args=(listen, heard), daemon=True)]
        for thread in threads:
            thread.start()
        try:
            with step("排版"):
                word = next_word()
            if word == LAID_OUT:
                with step("写出"):
                    word = next_word()
            process.wait(timeout=None if deadline is None else max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise LayoutTimeout(seconds) from None
        except BaseException:  # the time limit, Ctrl-C, SIGTERM: the layout stops with us
            process.kill()
            process.wait()
            raise
        finally:
            for thread in threads:
                thread.join(timeout=5)
            with contextlib.suppress(OSError, ValueError):  # its end closed by a stopped process: not our error
                feed.close()
        if word is not None and word.startswith(PANGO):
            problem = missing_pango(word[len(PANGO) :].strip())
            raise BookletError(f"无法生成 PDF 汇编：{problem}。{PANGO_FIX[system.kind()]}")
        if word is not None and word.startswith(OS_ERROR):
            number, reason, filename = json.loads(word[len(OS_ERROR) :])
            raise OSError(number, reason, filename)
        if word != WRITTEN or process.returncode != 0:
            errors.seek(0)
            said = [line.strip() for line in errors.read().decode("utf-8", "replace").splitlines() if line.strip()]
            raise LayoutFailed(f"排版程序说：{said[-1]}" if said else f"排版程序意外退出，退出代码 {process.returncode}")


def hear(listen: IO[bytes], heard: queue.Queue[str | None]) -> None:
    """The words the layout process says on ``listen`` put in ``heard``, then None when it
    has ended. Its output closed under us is its end too, not an error: on Ctrl-C or the time
    limit the process is stopped and its streams closed once this thread has had 5 s to finish,
    which on a loaded machine it had not (CI, stop 74: a traceback printed after 已中断)."""
    with contextlib.suppress(OSError, ValueError):
        for raw in listen:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith(PREFIX):
                heard.put(line[len(PREFIX) :].strip())
    heard.put(None)  # the process closed its output: it has ended


class LayoutFailed(Exception):
    """The layout process ended without its file (WeasyPrint raised, or the process crashed
    or was killed from outside); the last line it said. ``make_booklet`` names the booklet."""
