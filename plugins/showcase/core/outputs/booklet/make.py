"""One booklet from a selection to a file, with progress: used by ``showcase booklet`` and the build."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from ...media.photos import ImageOptions
from ...progress import Mode, heartbeat, progress
from ..feeds import SiteInfo
from .content import prepare
from .select import BookletError, Selection

FORMATS = (".docx", ".pdf")


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
) -> Made:
    """Write ``selection`` to ``out`` (.docx or .pdf); nothing is left half-written on failure.

    ``layout``: for .docx, let LibreOffice (when installed) lay the file out once to
    write the contents' page numbers; otherwise they are estimated (``layout.py``).
    ``sample_tag``: the site's tag of made-up cases, marked on their pages and the cover.
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
            selection, site=site, organizer=organizer, texts=texts, images=images, compiled=compiled, sample_tag=sample_tag, tick=tick
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
        from .pdf import write_pdf

        def stage(what: str) -> AbstractContextManager:
            # each a long stretch with nothing to count: the time so far, not "50% 1/2" for a minute
            return heartbeat(partial(progress, mode=mode, log=log), f"{what} PDF（{name}）")

        write_pdf(booklet, out, step=stage)
    return Made(out)
