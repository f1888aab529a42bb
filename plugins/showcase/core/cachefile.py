"""Files in ``.cache/showcase``: written whole or not at all, and checked when read.

Every file the build keeps between runs goes through ``write_atomic``: the bytes go to a
temporary file with a unique name in the same folder, which then replaces the target
with one ``os.replace``. A build killed half-way (or a full disk) leaves at most a stray
``*.tmp`` file, never a short entry under the real name; two builds writing the same
entry at once each use their own temporary file, and the last rename wins with the same
bytes. A file is never rewritten in place: the site folder holds hard links to cache
files (``plugin/speedup/cachedfiles.py``), and an in-place write would change a published file
too.

What a cache entry should contain is recorded when it is written (``Record``: size and
SHA-256) and checked when it is read (``problem``). An entry that was cut short, changed
or replaced (say, by a photo that still carries GPS coordinates) no longer matches and
is made again. Hashing the renditions costs a few milliseconds per photo, against
hundreds for decoding and encoding one. Cache files are read through ``open_regular``
(or ``read_regular``): a FIFO or a device put in the cache under an entry's name is an
``OSError`` like any unreadable entry, not a build waiting in ``open()`` for ever.

Checking means reading every byte, and a server that builds once a day, or a machine
whose memory manager evicts idle pages, reads them from the disk one file at a time:
checking 100,000 share cards (5.3 GB) took 43.3 s so. ``reading_ahead`` asks the kernel
for all of them at once first (``posix_fadvise``), and the same check took 18.1 s
(``scripts/bench_read_ahead.py``, page cache emptied before each run).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import stat
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .diagnostics import describe_os_error

Writer = Callable[[IO[bytes]], Any]


def write_atomic(path: Path, data: bytes | str | Writer) -> None:
    """Write ``path`` whole (bytes, UTF-8 text, or a function writing to a binary stream).

    Raises ``OSError`` when the folder cannot be written; the temporary file is removed then.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = _temporary(path)
    try:
        with os.fdopen(fd, "wb") as stream:
            if isinstance(data, str):
                stream.write(data.encode("utf-8"))
            elif isinstance(data, bytes):
                stream.write(data)
            else:
                data(stream)
        # mkstemp makes 0600: the site's copies must stay readable by all, and a file written
        # again (urls.lock, the guide) keeps its own mode besides (an architecture review: an
        # editor's executable or group-writable file came back 0644)
        try:
            mode = path.stat().st_mode & 0o7777 | 0o444
        except OSError:
            mode = 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _temporary(path: Path) -> tuple[int, str]:
    """A new file beside ``path`` (open, and its name) under the name the cache's pruning
    knows for a write in progress (cacheprune.TEMPORARY): ``path``'s name, a random part, .tmp."""
    return tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")


@contextlib.contextmanager
def temporary_beside(path: Path) -> Iterator[Path]:
    """A new empty file beside ``path`` (mode 644), for a writer that makes ``path`` whole under
    it and renames it to ``path`` before the block ends; whatever is left of it is removed
    then (a failed write leaves nothing half-written), without hiding the error that stopped
    the writing. Two processes making the same file at once (two builds sharing a cache) each
    write their own (with one fixed name, one renamed the other's half-written file), and a
    killed build's is one the cache's pruning removes."""
    fd, temporary = _temporary(path)
    os.close(fd)
    try:
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; the site's copies must stay readable
        yield Path(temporary)
    finally:
        with contextlib.suppress(OSError):  # renamed already, or an error here would hide the first
            os.unlink(temporary)


@contextlib.contextmanager
def open_regular(path: Path | str) -> Iterator[io.BufferedReader]:
    """``open(path, "rb")`` for a regular file only: a folder raises ``IsADirectoryError``,
    a FIFO or a device ``OSError`` (EINVAL), at once. It is opened without blocking, so a
    FIFO with no writer does not hold the caller in ``open()``. On Windows ``os.open`` opens
    in text mode unless told ``O_BINARY``: a photo's bytes read then stop at the first 0x1A
    (Ctrl-Z, text mode's end of file) and lose the CR of every CR LF, so every cached photo's
    key, and the check of a photo cut short, read another file than the one on disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as stream:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "不是普通文件，可能是管道或设备", str(path))
        yield stream


def read_regular(path: Path | str) -> bytes:
    """The bytes of the regular file ``path`` (``open_regular``)."""
    with open_regular(path) as stream:
        return stream.read()


def read_text_regular(path: Path | str) -> str:
    """The UTF-8 text of the regular file ``path`` (a BOM dropped, line ends read as
    ``Path.read_text`` reads them): a site's data file named in mkdocs.yml. A FIFO or a
    device there is an ``OSError`` at once (``open_regular``), not a build waiting for a
    writer or reading /dev/zero until memory runs out. Raises ``UnicodeDecodeError``."""
    return lines_as_read(read_regular(path).decode("utf-8-sig"))


def lines_as_read(text: str) -> str:
    """``text`` with its line ends (Windows' CR LF, an old Mac's CR) as ``Path.read_text`` reads them: LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_head(path: Path | str, size: int) -> bytes | None:
    """The first ``size`` bytes of the regular file ``path`` (``open_regular``: a pipe named
    like a case file never holds the reader); None when it cannot be read."""
    try:
        with open_regular(path) as stream:
            return stream.read(size)
    except OSError:
        return None


@dataclass(frozen=True)
class Record:
    """What a cache file held when it was written."""

    size: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> Record:
        with open_regular(path) as stream:
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
            return cls(os.fstat(stream.fileno()).st_size, digest)

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "sha256": self.sha256}

    @classmethod
    def from_json(cls, raw: Any) -> Record | None:
        """None for anything but a well-formed record (an old or edited manifest)."""
        if not isinstance(raw, dict):
            return None
        size, digest = raw.get("size"), raw.get("sha256")
        if not isinstance(size, int) or not isinstance(digest, str) or len(digest) != 64:
            return None
        return cls(size, digest)


def problem(path: Path, record: Record | None) -> str | None:
    """Why ``path`` is not the file ``record`` describes, in words for the build log; None if it is."""
    if record is None:
        return "没有记录大小和校验值"
    try:
        size = path.stat().st_size
        if size != record.size:
            return f"大小 {size} 字节，应为 {record.size} 字节（文件不完整或被改动）"
        if Record.of(path).sha256 != record.sha256:
            return "校验值不符（文件被改动或替换）"
    except FileNotFoundError:
        return "文件缺失"
    except OSError as exc:
        return f"无法读取（{describe_os_error(exc)}）"
    return None


def read_ahead_budget() -> int:
    """Bytes ``reading_ahead`` may ask for: a quarter of the memory available now
    (Linux's MemAvailable, which counts the page cache that can be freed)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as stream:
            for line in stream:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024 // 4
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 4
    except (AttributeError, OSError, ValueError):
        return 1 << 30


@contextlib.contextmanager
def reading_ahead(paths: Iterable[Path | str]) -> Iterator[None]:
    """While the block reads ``paths`` one by one (in this order), a thread asks the kernel
    to start reading each of them into memory (``paths`` may be a generator: it is
    consumed by that thread).

    Only advice: a missing or unreadable file is skipped, the block reads the files as it
    would anyway, and where ``posix_fadvise`` does not exist (Windows, macOS) nothing
    happens. Files already in memory cost one ``open`` each. The thread only opens, advises
    and closes files, and is stopped and joined when the block ends, so no fork (the
    build's workers) ever happens while it runs. It asks for at most a quarter of the
    memory available (``read_ahead_budget``): files asked for far ahead of the block
    would push one another out of memory before being read (30,000 phone photos are
    tens of GB).
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        yield
        return
    stop = threading.Event()
    budget = read_ahead_budget()

    def run() -> None:
        left = budget
        for path in paths:
            if stop.is_set() or left <= 0:
                return  # beyond the budget, the block reads the rest as it would anyway
            try:  # a FIFO put in the cache must not hold the thread (and the build) for ever
                with open_regular(path) as stream:
                    fd = stream.fileno()
                    left -= os.fstat(fd).st_size
                    advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
            except OSError:
                continue  # missing, a folder, a pipe or a device: nothing to read ahead

    thread = threading.Thread(target=run, name="showcase-read-ahead", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


__all__ = ["Record", "open_regular", "problem", "read_regular", "reading_ahead", "write_atomic"]


SHOWN = 10  # damaged cache files named one by one; beyond, a count


def report_repaired(say: Callable[[str], None], damaged: list[str]) -> None:
    """Say which cache files were not as written (and are made again by this build).

    ``say``: the build's information lines (``log.info``), not warnings: a damaged cache (a
    killed build, a full disk, an edited file) is no fault of the case authors, the build
    repairs it, and the site it publishes is whole, so ``--strict`` has nothing to stop for.
    """
    for entry in damaged[:SHOWN]:
        say(f"已重新生成损坏的缓存文件 {entry}")
    if len(damaged) > SHOWN:
        say(f"……另有 {len(damaged) - SHOWN} 个损坏的缓存文件，同样已重新生成。")
