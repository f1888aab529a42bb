"""One build at a time per site folder: a second build into the same folder waits.

MkDocs empties the site folder when a build starts and then writes every file: two
builds into one folder at once would delete each other's files (and fail doing so).
Builds into different folders run side by side: the caches they share are safe for
that (``core/cachefile.py``). The lock is an ``flock`` on a file under
``.cache/showcase/locks`` (not in the site folder, which is published); the system
releases it when the process ends, however it ends. Where there is no ``flock``
(Windows), builds are not serialized.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import IO

from ..core.diagnostics import describe_write_error
from ..core.options import CACHE_ROOT

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FOLDER = f"{CACHE_ROOT}/locks"


class SiteLock:
    def __init__(self) -> None:
        self.stream: IO[bytes] | None = None

    def acquire(self, project: Path, site_dir: str, log: logging.Logger | logging.LoggerAdapter) -> None:
        """Hold the lock of ``site_dir``, waiting (with a message) while another build holds it."""
        self.release()
        if fcntl is None:
            return
        site = os.path.realpath(site_dir)
        path = project / FOLDER / f"site-{hashlib.sha256(site.encode()).hexdigest()[:16]}.lock"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            stream = open(path, "ab")  # noqa: SIM115 - held until release()
        except OSError:
            return  # a read-only project: nothing to protect the cache with, build as before
        try:
            fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info(f"另一个构建正在写入 {site_dir}，等它结束后再开始……")
            fcntl.flock(stream, fcntl.LOCK_EX)
        except OSError:
            stream.close()
            return  # a file system without locks
        self.stream = stream

    def release(self) -> None:
        if self.stream is not None:
            with contextlib.suppress(OSError):
                self.stream.close()  # closing the file releases the lock
            self.stream = None


def site_folder_problem(site_dir: str) -> str | None:
    """Why the build cannot empty and write ``site_dir`` (plain Chinese), or None. MkDocs
    empties it after every plugin's ``on_pre_build`` and stopped with Python's traceback on a
    folder it could not write (one a ``sudo make site`` left owned by root, a read-only
    mount) or on a file at that path (an editor's trial)."""
    folder = Path(site_dir)
    fix = "请改正 mkdocs.yml 里的 site_dir（或 mkdocs build 的 -d）"
    if folder.exists() and not folder.is_dir():
        return f"网站文件夹 {folder} 是一个文件，不是文件夹：构建要把整个网站写进这个文件夹。{fix}，或把这个文件移走。"
    # tried where it is, or in the nearest folder above that is: a build stopped later (a
    # case's error) leaves no empty site folder behind that was not there
    existing = next((above for above in (folder, *folder.parents) if above.exists()), Path("."))
    try:
        if not existing.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(existing))
        handle, probe = tempfile.mkstemp(prefix=".showcase-", dir=existing)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        return (
            f"无法写入网站文件夹 {folder}（{describe_write_error(exc)}）：构建要先清空它，再写入整个网站。"
            f"{fix}；文件夹是用 sudo 生成的，就用 sudo rm -r 删掉它（或 sudo chown -R 改回自己的用户），再构建一次。"
        )
    return None
