"""One booklet from a selection to a file, with progress: used by ``showcase booklet`` and the build."""

from __future__ import annotations

from collections.abc import Callable, Container
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from ...errors import EXIT_ERRORS
from ...media.photos import ImageOptions
from ...options import DEFAULTS
from ...progress import Mode, heartbeat, progress
from ..feeds import SiteInfo
from .content import prepare
from .select import BookletError, Selection

FORMATS = (".docx", ".pdf")
# A PDF booklet's time limit counts it as this many cases at least: the cover, the contents
# and starting WeasyPrint take their time however few cases there are (booklet_seconds_per_case).
LEAST_CASES = 30


class BookletLayoutError(BookletError):
    """A PDF booklet's layout was stopped (past its time limit) or failed (WeasyPrint raised,
    its process crashed); nothing was written. Not a usage error (the command was right):
    exits 1, as a build's error does."""

    exit_code = EXIT_ERRORS


def pdf_seconds(per_case: float, cases: int) -> float:
    """The time limit of a PDF booklet of ``cases`` cases (0: none)."""
    return per_case * max(cases, LEAST_CASES)


def _too_slow(name: str, seconds: float, per_case: float, again: str) -> BookletLayoutError:
    remake = f"先用 showcase booklet {again} -o 试排.pdf 单独排这份汇编，确认它仍然很慢；再" if again else ""
    return BookletLayoutError(
        f"PDF 汇编 {name} 排版超过 {seconds:g} 秒仍未完成，已停止，没有写出文件"
        f"（上限是每个案例 {per_case:g} 秒、至少按 {LEAST_CASES} 个案例计，mkdocs.yml 的 booklet_seconds_per_case）。"
        "多半是其中某个案例的正文排版极慢：很大的表格、很长而中间没有空格的一串字母或数字（例如粘贴进来的长网址或编码）、"
        f"一层套一层的列表或引用。找出是哪个案例：{remake}把这份汇编的案例编号写进一个文本文件（一行一个），"
        "用 showcase booklet --ids 编号.txt -o 试排.pdf 试排，每次只留一半的编号，慢的那一半再分，直到找到那个案例；"
        "把它的大表格拆小、长串断开或删掉，再重新生成。案例很多、电脑又慢而确实需要更长时间时，"
        "在 mkdocs.yml 的 showcase 插件下把 booklet_seconds_per_case 调大（0 为不限时）。"
    )


@dataclass(frozen=True)
class Made:
    path: Path
    # .docx: how the contents' page numbers were found (docx.Numbers); None for .pdf,
    # whose contents WeasyPrint numbers from its own layout.
    numbers: str | None = None


def make_booklet(
    selection: Selection,
    out: Path,
    *,
    site: SiteInfo,
    organizer: str,
    texts: dict,
    images: ImageOptions,
    compiled: date | None = None,
    mode: Mode = "auto",
    log: Callable[[str], None] | None = None,
    label: str | None = None,
    layout: bool = True,
    sample_tag: str = "",
    seconds_per_case: float = DEFAULTS.booklet_seconds_per_case,
    again: str = "",
    linked: Container[str] | None = None,
) -> Made:
    """Write ``selection`` to ``out`` (.docx or .pdf); nothing is left half-written on failure.

    ``layout``: for .docx, let LibreOffice (when installed) lay the file out once to
    write the contents' page numbers; otherwise they are estimated (``layout.py``).
    ``sample_tag``: the site's tag of made-up cases, marked on their pages and the cover.
    ``seconds_per_case``: a PDF's layout is stopped after this many seconds a case
    (``pdf_seconds``; 0: no limit) with ``BookletLayoutError``; ``again``: the arguments of
    ``showcase booklet`` that select the same cases, which its message suggests. ``linked``:
    the ids whose pages the site has (``content.prepare``).
    """
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise BookletError(f"汇编文件 {out.name} 的扩展名应是 .docx（Word）或 .pdf。")
    if not out.parent.is_dir():
        raise BookletError(f"保存汇编的文件夹 {out.parent} 不存在。请先建好文件夹，或换一个位置。")
    count = len(selection.cases)
    name = label or out.name
    with progress(f"准备案例（{name}）", total=count, mode=mode, log=log) as tick:
        booklet = prepare(
            selection,
            site=site,
            organizer=organizer,
            texts=texts,
            images=images,
            compiled=compiled,
            sample_tag=sample_tag,
            tick=tick,
            linked=linked,
        )
    if suffix == ".docx":
        from .docx import write_docx
        from .layout import soffice

        with ExitStack() as writing:
            tick = writing.enter_context(progress(f"写 Word 文件（{name}）", total=count, mode=mode, log=log))

            def step(number: int) -> AbstractContextManager:
                # The cases are written: their bar ends before LibreOffice's layout, which has a
                # clock of its own (a department's trial: "还需约 3 秒", then 3 minutes of layout,
                # the second pass unsaid).
                writing.close()
                again = "页码的位数有变化，再排一遍" if number > 1 else "计算目录页码"
                return heartbeat(partial(progress, mode=mode, log=log), f"用 LibreOffice 排版，{again}（{name}）")

            numbers = write_docx(booklet, out, tick=tick, office=soffice() if layout else None, step=step)
        return Made(out, numbers)
    else:
        from .pdf import LayoutFailed, LayoutTimeout, write_pdf

        def stage(what: str) -> AbstractContextManager:
            # each a long stretch with nothing to count: the time so far, not "50% 1/2" for a minute
            return heartbeat(partial(progress, mode=mode, log=log), f"{what} PDF（{name}）")

        seconds = pdf_seconds(seconds_per_case, count)
        try:
            write_pdf(booklet, out, step=stage, seconds=seconds)
        except LayoutTimeout:
            raise _too_slow(name, seconds, seconds_per_case, again) from None
        except LayoutFailed as exc:
            raise BookletLayoutError(
                f"PDF 汇编 {name} 排版出错，没有写出文件（{exc}）。多半是其中某个案例的正文让它出错"
                "（例如列表或引用一层套一层，套得太深）：把这份汇编的案例编号写进一个文本文件（一行一个），"
                "用 showcase booklet --ids 编号.txt -o 试排.pdf 每次只排一半，找出是哪个案例。"
            ) from None
    return Made(out)
