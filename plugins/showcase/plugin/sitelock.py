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
import hashlib
import logging
import os
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FOLDER = ".cache/showcase/locks"


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
