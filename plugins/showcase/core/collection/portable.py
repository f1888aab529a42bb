"""Names every editor's computer can check out.

Most editors work on Windows, some on a Mac; the site is built on Linux, where any name
but ``/`` goes. A name Linux takes and Windows refuses (``照片:1.jpg``, ``aux.jpg``, a
name ending in a dot or a space, the Mac's ``Icon\\r``) reaches the repository from a Mac,
from Linux or WSL, and then Git for Windows cannot check the repository out: every
editor's clone or pull fails at that file, not only that case's. Two names that differ
only in case (``photo1.jpg``, ``Photo1.jpg``) are one file on Windows and on a Mac: only
one of them is checked out, and Git shows the other as changed. A path longer than
Windows' 260 characters (with the folder the repository is cloned into) cannot be
checked out either. Each is a warning that names the file and says how to rename it.
The other way round, a name of more than 85 Chinese characters is fine on Windows and
too long for Linux: the build's checkout fails, so that one is an error.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

# Characters Windows refuses in a name, and control characters (the Mac's "Icon\r").
_REFUSED = re.compile(r'[<>:"|?*\\\x00-\x1f]')
# Device names, with or without an extension (aux.jpg, nul, COM1.png), the console's own
# (CONIN$, CONOUT$) and the ports numbered in superscript digits (COM¹), which Windows takes as COM1.
_PORTS = [str(n) for n in range(10)] + ["\u00b9", "\u00b2", "\u00b3"]
_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"{port}{n}" for port in ("COM", "LPT") for n in _PORTS)})
# Windows' MAX_PATH, less the ending NUL, less the folder a repository is cloned into:
# C:\Users\<name>\Documents\GitHub\<repository>\ (GitHub Desktop's default) is about 60.
MAX_PATH = 259
CLONE_FOLDER = 59
LONGEST = MAX_PATH - CLONE_FOLDER  # characters of a path inside the repository
# Linux (where the site is built) takes at most 255 bytes of UTF-8 in one name: 85 Chinese
# characters, where Windows takes 255 (a photo named after its whole caption).
NAME_BYTES = 255

Note = Callable[[Path, str, str, str, str], None]


def windows_problem(name: str) -> str | None:
    """Why Windows refuses ``name`` as a file or folder name, in plain words; None if it takes it."""
    bad = sorted(set(_REFUSED.findall(name)))
    if bad:
        shown = "、".join("看不见的控制字符" if ord(c) < 32 else f"“{c}”" for c in bad)
        return f"名字里有 {shown}，Windows 的文件名里不能有"
    if name.endswith((".", " ")):
        return f"名字以{'点“.”' if name.endswith('.') else '空格'}结尾，Windows 会去掉它，两边就对不上了"
    if name.split(".")[0].rstrip(" ").upper() in _DEVICES:
        return f"“{name.split('.')[0]}”是 Windows 留给设备的名字，不能用作文件名"
    return None


def _folded(name: str) -> str:
    """A name as Windows and a Mac compare names: case ignored, accents composed (NFC)."""
    return unicodedata.normalize("NFC", name).lower()


def _length(text: str) -> int:
    """Characters as Windows counts them (UTF-16 units: a Chinese character is one)."""
    return len(text.encode("utf-16-le")) // 2


def repository_root(root: Path) -> Path:
    """The folder a clone holds ``root`` in: the nearest folder up with ``.git``, else the
    current folder when ``root`` is inside it, else ``root``'s parent."""
    here = root.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    cwd = Path.cwd().resolve()
    return cwd if here.is_relative_to(cwd) else here.parent


def leftover(name: str) -> str | None:
    """What a file a computer leaves beside the files one copies is, in plain words; None
    for any other file. The Mac's (.DS_Store, ._photo.jpg) are hidden files, never read."""
    lower = name.lower()
    if lower in ("thumbs.db", "ehthumbs.db"):
        return "Windows 存的缩略图（里面有这个文件夹里照片的小图，连已经删掉的照片也有）"
    if lower == "desktop.ini":
        return "Windows 存的文件夹显示设置"
    if name.startswith("~$"):
        return "Word 或 WPS 打开文件时生成的临时文件（里面有电脑的用户名）"
    if lower.endswith(":zone.identifier"):
        return "从 Windows 把文件复制进 WSL 时多出来的附带文件（记着文件是从哪个网址下载的；名字里的冒号让 Windows 电脑取不下仓库）"
    return None


def check_names(folder: Path, names: Sequence[str], inside: str, note: Note, *, in_case: bool = False) -> None:
    """The entries ``names`` of ``folder`` (``inside``: its path in the repository, with
    ``/``): a name Windows refuses, names that are one on Windows and on a Mac, and paths
    too long for Windows. In a case folder (``in_case``) a file a computer left there is
    the case's unused-file warning's to say (loading.unused_files), and "index.md " the
    stray-markdown error's."""
    for name in names:
        problem = windows_problem(name)
        if problem and not (in_case and leftover(name)) and unicodedata.normalize("NFKC", name).strip().lower() != "index.md":
            note(
                folder / name,
                "warning",
                "windows-name",
                f"“{name}”这个名字在 Windows 电脑上用不了：{problem}。提交以后，用 Windows 的编辑取下整个仓库都会出错。",
                "请把它改名，只用汉字、英文字母、数字、“-”和“_”（例如 photo1.jpg）；是照片的，正文里的文件名也照改。",
            )
    for name in names:
        size = len(name.encode("utf-8", "surrogateescape"))
        if size > NAME_BYTES:
            note(
                folder / name,
                "error",
                "path-too-long",
                f"文件名“{name}”太长：有 {size} 个字节。网站在 Linux 电脑上生成，那里一个名字最多 {NAME_BYTES} 个字节"
                f"（约 {NAME_BYTES // 3} 个汉字），取不下这个文件，网站就生成不了。",
                "请把它改成短一些的名字（例如 photo1.jpg）；是照片的，正文里的文件名也照改。",
            )
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(_folded(name), []).append(name)
    for same in (group for group in groups.values() if len(group) > 1):
        shown = "、".join(same)
        note(
            folder / same[1],
            "warning",
            "name-case-clash",
            f"文件夹里的 {shown} 只差大小写（或写法看起来一样）：Windows 和苹果电脑把它们当成同一个，"
            "在那里取下仓库时只会留下其中一个，另一个就像被改过一样。",
            "请把其中一个改成别的名字（例如 photo2.jpg），正文里的文件名也照改。",
        )
    if _length(inside) > LONGEST:
        return  # the folder itself was said
    long = [name for name in names if _length(f"{inside}/{name}" if inside else name) > LONGEST]
    if long:
        name = max(long, key=lambda n: _length(n))
        path = f"{inside}/{name}" if inside else name
        more = f"（这个文件夹里共有 {len(long)} 个这样的文件）" if len(long) > 1 else ""
        note(
            folder / name,
            "warning",
            "path-too-long",
            f"这个文件在仓库里的路径有 {_length(path)} 个字{more}：在 Windows 电脑上，加上仓库所在的文件夹"
            f"（例如 C:\\Users\\用户名\\Documents\\GitHub\\仓库名\\），会超过 Windows 的 260 个字的上限，"
            "取下仓库时这个文件会出错（Filename too long）。",
            f"请把文件夹名或文件名改短，让仓库里的路径不超过 {LONGEST} 个字：案例文件夹用编号（例如 gz-yuexiu-2023-001），照片用 photo1.jpg 这样的短名字，正文里也照改。",
        )


def inside_repository(folder: Path, repository: Path) -> str:
    """``folder``'s path in the repository, with ``/`` (as Git writes it)."""
    try:
        relative = os.path.relpath(folder.resolve(), repository)
    except ValueError:  # another drive on Windows
        return folder.name
    return "" if relative == "." else relative.replace(os.sep, "/")
