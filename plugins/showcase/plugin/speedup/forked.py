"""One forked copy of the build that sends its results back through a pipe.

Both speed-ups that use the machine's other cores (``prerender.py``: case bodies
converted ahead; ``parallel.py``: pages rendered and written) work the same way: fork
this process once everything the work needs is final, let the copy do part of the work
and send each result back as a pickle, read the results on a thread here, and end the
copy without running any of the build's cleanup. This module is that mechanism, once.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

from ...core.workers import can_fork


def forking_allowed() -> bool:
    """Linux, fork available, and this process runs one thread only (a forked copy of a
    process with other threads, such as ``mkdocs serve``'s server, could inherit a lock)."""
    return hasattr(os, "fork") and can_fork()


class Sender:
    """The worker's end of the pipe: ``send(result)`` for each result."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def send(self, item: Any) -> None:
        pickle.dump(item, self.stream, protocol=pickle.HIGHEST_PROTOCOL)
        self.stream.flush()


class ForkedWorker:
    """One forked worker: ``start`` forks it, ``listen`` reads its results, ``wait`` or ``kill`` ends it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.pid: int | None = None
        self.thread: threading.Thread | None = None
        self._read: int | None = None

    def start(self, work: Callable[[Sender], None]) -> bool:
        """Fork a copy that runs ``work`` and exits; False when no process could be started."""
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return False
        if pid == 0:  # the worker: never returns
            os.close(read)
            _run(work, write)
        os.close(write)
        self.pid, self._read = pid, read
        return True

    def listen(self, arrived: Callable[[Any], None], ended: Callable[[], None] | None = None) -> None:
        """Read results on a thread: ``arrived(item)`` for each, ``ended()`` at the worker's end."""
        assert self._read is not None
        fd, self._read = self._read, None

        def receive() -> None:
            try:
                with os.fdopen(fd, "rb") as stream:
                    while True:
                        try:
                            item = pickle.load(stream)
                        except (EOFError, pickle.UnpicklingError, OSError, ValueError, TypeError, AttributeError):
                            break
                        arrived(item)
            finally:
                if ended is not None:
                    ended()

        self.thread = threading.Thread(target=receive, name=self.name, daemon=True)
        self.thread.start()

    def kill(self) -> None:
        """Stop the worker now (a stalled or failed build)."""
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, 9)

    def wait(self) -> None:
        """Wait for the worker to end and for its last results to be read (or, never
        listened to, its pipe closed)."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
        if self.thread is not None:  # it ends at the worker's end of file
            self.thread.join()
            self.thread = None
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.waitpid(self.pid, 0)
            self.pid = None


def _run(work: Callable[[Sender], None], fd: int) -> None:
    try:
        gc.freeze()  # the copy of the parent's objects is never collected here
        with os.fdopen(fd, "wb") as out:
            work(Sender(out))
    except BaseException:
        pass
    finally:
        os._exit(0)  # no cleanup of the build: the parent owns it


def capture_logging(level: int = logging.NOTSET) -> list[logging.LogRecord]:
    """In a worker: every record at ``level`` or above is kept (picklable) instead of printed;
    the parent decides what to log again."""
    logged: list[logging.LogRecord] = []

    def keep(self: logging.Logger, record: logging.LogRecord) -> None:
        if record.levelno >= level:
            record.msg, record.args = record.getMessage(), None
            record.exc_info = record.exc_text = None
            logged.append(record)

    logging.Logger.callHandlers = keep  # type: ignore[method-assign]
    return logged
