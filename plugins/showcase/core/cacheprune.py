"""The cache files a complete build did not use, removed when it ends.

Every cache under ``.cache/showcase`` is keyed by content: a case edited, a photo
replaced, a setting changed or a library upgraded (Pillow, Markdown, MkDocs: their
versions are in the keys) makes new entries and leaves the old ones where they were, and
nothing reads those again. A publishing server that keeps the cache between builds (the
workflows' ``actions/cache``) saves and restores all of it every time; one upgrade of
Pillow doubles the share cards. So a build that made the whole site removes, at its end,
the entries of each cache folder it did not use (plugin option ``prune_cache``).

Only what the build's own code writes is ever removed: each folder (``CacheArea``) says
which names its owner writes (``layout``: a pattern of paths inside it, such as
``ab/<64 hex digits>.json``), and any other file (one put there by hand, a cache option
pointing at the wrong folder) stays. A file changed after the build started stays too
(another program, such as ``showcase booklet``, may have just made it), and a temporary
file of an interrupted write only once it is an hour old. Builds running at the same time
share the cache (``CacheLock``): a build prunes only when no other build holds it, so
an entry another build has just checked is still there when it links it.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from .diagnostics import describe_write_error

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

HEX2 = "[0-9a-f]{2}"
HEX64 = "[0-9a-f]{64}"
# ``write_atomic``'s temporary name: the file's own name, a random part, ".tmp".
TEMPORARY = re.compile(r"\.[A-Za-z0-9_]{6,}\.tmp\Z")
_OWN_FOLDER = re.compile(f"(?:share/)?{HEX2}(?:/{HEX64})?")
TEMPORARY_AGE = 3600.0  # seconds: a write that old is not in progress any more
LOCK_NAME = ".showcase-cache.lock"  # in each cache folder; no owner's layout matches it


@dataclass(frozen=True)
class CacheArea:
    """One cache folder: the paths its owner writes, and what this build used of them.

    ``used`` holds files, or folders whose files are all used (an image entry)."""

    folder: Path
    layout: re.Pattern[str]  # matched against POSIX paths relative to ``folder``
    used: frozenset[Path]


@dataclass
class Pruned:
    files: int = 0
    freed: int = 0  # bytes given back to the disk (a file also published through a hard link frees none)
    failed: list[str] = field(default_factory=list)  # files that could not be removed, with why


def prune(areas: Iterable[CacheArea], *, before: float, now: float | None = None) -> Pruned:
    """Remove from each area the files its owner writes that the build did not use and
    that were last changed before ``before`` (a time.time() value: the build's start)."""
    now = time.time() if now is None else now
    done = Pruned()
    for area in areas:
        _prune_area(area, before, now, done)
    return done


def _prune_area(area: CacheArea, before: float, now: float, done: Pruned) -> None:
    root = os.path.normpath(area.folder)
    if not os.path.isdir(root):
        return
    used = {os.path.normpath(path) for path in area.used}
    # Strings, not Path objects: this walks every file of the cache (30,000 at 10,000 cases).
    for folder, dirs, names in os.walk(root, topdown=False):
        prefix = folder[len(root) + 1 :].replace(os.sep, "/")
        for name in names:
            path = os.path.join(folder, name)
            stale_temporary = TEMPORARY.search(name) is not None
            rel = f"{prefix}/{name}" if prefix else name
            if area.layout.fullmatch(TEMPORARY.sub("", rel) if stale_temporary else rel) is None:
                continue  # not a name its owner writes: never removed
            if _is_used(path, root, used):
                continue
            try:
                info = os.lstat(path)
                if info.st_mtime >= (now - TEMPORARY_AGE if stale_temporary else before):
                    continue
                os.unlink(path)
            except FileNotFoundError:
                continue
            except OSError as exc:
                done.failed.append(f"{path}（{describe_write_error(exc)}）")
                continue
            done.files += 1
            if info.st_nlink <= 1:
                done.freed += info.st_size
        for name in dirs:  # the owner's sub-folders (ab/, ab/<key>/, share/ab/), once emptied
            if _OWN_FOLDER.fullmatch(f"{prefix}/{name}" if prefix else name):
                with contextlib.suppress(OSError):
                    os.rmdir(os.path.join(folder, name))  # only when empty


def _is_used(path: str, root: str, used: set[str]) -> bool:
    """Whether ``path`` or a folder it is in (below ``root``) was used."""
    while len(path) > len(root):
        if path in used:
            return True
        path = os.path.dirname(path)
    return False


class CacheLock:
    """Builds share the cache folders (a shared ``flock`` on a file in each); removing
    entries needs them alone.

    The lock is a file in each cache folder itself (``LOCK_NAME``), not in the project: two
    projects whose options name one folder share its lock. Only folders that exist are
    locked (a folder made during the build holds only entries newer than its start, which
    are never removed). Where there is no ``flock`` (Windows) or a folder cannot be
    locked, ``held`` is False and nothing is pruned.
    """

    def __init__(self) -> None:
        self.streams: list[IO[bytes]] = []
        self.held = False

    def share(self, folders: Iterable[Path]) -> None:
        """Hold the folders' locks with the other builds (waits only while one prunes)."""
        self.release()
        if fcntl is None:
            return
        complete = True
        for folder in sorted({os.path.realpath(f) for f in folders if os.path.isdir(f)}):  # one order: no deadlock
            try:
                stream = open(os.path.join(folder, LOCK_NAME), "ab")  # noqa: SIM115 - held until release()
            except OSError:
                complete = False
                continue
            try:
                fcntl.flock(stream, fcntl.LOCK_SH)
            except OSError:
                stream.close()
                complete = False
                continue
            self.streams.append(stream)
        self.held = complete and bool(self.streams)

    def alone(self) -> bool:
        """Whether this build now holds every lock alone (False at once when another build holds one)."""
        if not self.held or fcntl is None:
            return False
        try:
            for stream in self.streams:
                fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def release(self) -> None:
        for stream in self.streams:
            with contextlib.suppress(OSError):
                stream.close()  # closing the file releases the lock
        self.streams = []
        self.held = False


__all__ = ["CacheArea", "CacheLock", "Pruned", "prune"]
