"""Where the editors' commands write: inside the cases folder, never through a link out of it.

Git keeps symbolic links, so one can arrive in a contributor's pull request
(``cases/湖北省`` pointing anywhere). The check says it is an error; a command that
writes (``new``, ``import``, ``approve``, ``withdraw``, ``clean-photos``) refuses a
place the link would take it to, rather than write a case or rewrite a photo outside
the project (a security review: every one of them followed such a link).
"""

from __future__ import annotations

import os
from pathlib import Path

from .diagnostics import shown_path
from .errors import ShowcaseError


class LinkedAwayError(ShowcaseError):
    """A place under the cases folder that a symbolic link takes out of it."""


def link_out_of(path: Path, root: Path) -> Path | None:
    """The symbolic link, a folder from ``root`` down to ``path`` (as written), that takes
    ``path`` out of ``root``'s real folder; None where there is none, or where ``path`` is
    not under ``root`` as written (a folder of one's own, given on purpose)."""
    base = Path(os.path.abspath(root))
    written = Path(os.path.abspath(path))
    if not written.is_relative_to(base):
        return None
    real = base.resolve()
    current = base
    for part in written.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            try:
                inside = current.resolve().is_relative_to(real)
            except (OSError, RuntimeError):  # a loop (cases/湖北省 -> 湖北省): Python 3.11 raises RuntimeError
                inside = False
            if not inside:
                return current
    return None


def refuse_linked_away(path: Path, root: Path) -> None:
    """A LinkedAwayError naming the link when ``path`` goes out of ``root`` through one."""
    link = link_out_of(path, root)
    if link is None:
        return
    shown = shown_path(link)
    try:
        target = f"指向案例文件夹以外的 {link.resolve()}"
    except (OSError, RuntimeError):
        target = "指向它自己（循环的链接）"
    raise LinkedAwayError(
        f"{shown} 是一个链接（符号链接），{target}：不会在那里写文件，这次什么也没有改动。"
        f"请删掉这个链接（git rm {shown}），在 {shown_path(root)} 下面放真正的文件夹，再运行一次。"
    )
