"""The layout's processes: each PDF booklet laid out in a process of its own (``pdfprocess.py``),
started afresh, or on Linux forked from a process that has loaded WeasyPrint once.

Loading WeasyPrint is most of a small booklet's layout (about 1 s of the 2 s a booklet of
six cases takes); a build lays out a booklet for each theme, year and collection, one after
another. The process it is forked from (``pdfprocess.serve``) is started with the first
booklet of a process and ends with it: it lays nothing out itself, and each booklet's process
is still its own, stopped at its time limit and judged by how it ends, as a new one is.

It is forked only where ``os.fork`` is safe after loading native libraries (Linux); on
Windows and macOS every booklet's process is started afresh. Two booklets laid out at the
same time in one process (two threads): the second starts its own.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

# The layout's own process: run by its path, with the interpreter running us.
LAYOUT_PROCESS = Path(__file__).with_name("pdfprocess.py")
FORKS = sys.platform.startswith("linux") and hasattr(socket, "send_fds")
SERVER_START = 60.0  # seconds; WeasyPrint loads in about 1


def start(temporary: Path, base_url: str, errors: IO[bytes]) -> Any:
    """A process laying out the HTML written to its ``stdin`` into ``temporary``: a
    ``subprocess.Popen``, or a ``Forked`` that behaves as one (``stdin``, ``stdout``,
    ``wait``, ``kill``, ``returncode``, a context manager), its standard error ``errors``."""
    args = [str(temporary), base_url]
    if FORKS:
        forked = _forked(args, errors)
        if forked is not None:
            return forked
    return subprocess.Popen(
        [sys.executable, "-P", str(LAYOUT_PROCESS), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
    )


class _Server:
    """``pdfprocess.py --serve``: forks a process for each booklet asked of it on ``channel``."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-P", str(LAYOUT_PROCESS), "--serve", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        self.channel = ours
        self.owner = os.getpid()
        self.environment = _environment()
        self.lock = threading.Lock()
        self._heard = b""

    def send(self, message: bytes, fds: list[int] | None = None) -> None:
        self.channel.settimeout(None)
        if fds:
            socket.send_fds(self.channel, [message], fds)
        else:
            self.channel.sendall(message)

    def line(self, timeout: float | None) -> str | None:
        """The server's next line; None when it has ended. ``TimeoutError`` after ``timeout``."""
        self.channel.settimeout(timeout)
        while b"\n" not in self._heard:
            more = self.channel.recv(64)
            if not more:
                return None
            self._heard += more
        line, self._heard = self._heard.split(b"\n", 1)
        return line.decode("ascii")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.channel.close()
        if self.owner == os.getpid():
            try:
                self.process.wait(timeout=5)  # it ends when its channel closes
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_server: _Server | None = None
_guard = threading.Lock()


def _environment() -> tuple:
    """What a process started now would inherit that decides what it loads."""
    return (sys.executable, tuple(sorted(os.environ.items())))


def _forked(args: list[str], errors: IO[bytes]) -> Forked | None:
    """A ``Forked`` process, or None (the server is busy with another thread's booklet, or
    cannot be started or reached: the caller starts one afresh)."""
    global _server
    with _guard:
        server = _server
        if server is not None and (server.owner != os.getpid() or server.environment != _environment()):
            if server.owner == os.getpid() and not server.lock.acquire(blocking=False):
                return None  # another thread's booklet is being laid out with the old one
            server.close()
            server = _server = None
        if server is None:
            try:
                server = _server = _Server()
            except OSError:
                return None
        if not server.lock.acquire(blocking=False):
            return None
    try:
        return Forked(server, args, errors)
    except BaseException as exc:  # it has ended (killed from outside), or we were stopped mid-word
        server.lock.release()
        with _guard:  # what it has heard of this booklet is unknown: the next booklet starts another
            if _server is server:
                server.close()
                _server = None
        if isinstance(exc, OSError):
            return None
        raise


@atexit.register
def _stop() -> None:
    if _server is not None:
        _server.close()


def _forget() -> None:  # a forked process does not talk to its parent's server
    global _server
    if _server is not None:
        with contextlib.suppress(OSError):
            _server.channel.close()
    _server = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget)


class Forked:
    """A booklet's process forked by the server, with the part of ``subprocess.Popen`` that
    ``pdf._laid_out`` uses. The server reaps it only when asked (``wait``), so its pid names
    no other process before then; ``kill`` goes through a pidfd where there is one."""

    def __init__(self, server: _Server, args: list[str], errors: IO[bytes]) -> None:
        self._server = server
        self.returncode: int | None = None
        self._asked = False
        stdin_read, stdin_write = os.pipe()
        stdout_read, stdout_write = os.pipe()
        try:
            job = json.dumps({"args": args, "cwd": os.getcwd()}).encode("utf-8")
            server.send(job, [stdin_read, stdout_write, errors.fileno()])
            # its pid, once WeasyPrint is loaded: a server stuck loading it (TimeoutError) is
            # left for a process started afresh, which the booklet's time limit reaches
            heard = server.line(SERVER_START)
        except BaseException:
            os.close(stdin_write)
            os.close(stdout_read)
            raise
        finally:
            os.close(stdin_read)
            os.close(stdout_write)
        if heard is None:
            os.close(stdin_write)
            os.close(stdout_read)
            raise ConnectionError("the layout's server has ended")
        self.pid = int(heard)
        self._pidfd: int | None = None
        with contextlib.suppress(AttributeError, OSError):
            self._pidfd = os.pidfd_open(self.pid)
        self.stdin = open(stdin_write, "wb")  # noqa: SIM115 - closed in __exit__, as Popen's
        self.stdout = open(stdout_read, "rb")  # noqa: SIM115

    def kill(self) -> None:
        if self.returncode is not None:
            return
        with contextlib.suppress(OSError):
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)
            elif not self._asked:  # not reaped yet: its pid is still its own
                os.kill(self.pid, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            if not self._asked:
                self._server.send(b"wait\n")
                self._asked = True
            try:
                heard = self._server.line(timeout)
            except TimeoutError:
                raise subprocess.TimeoutExpired("pdfprocess", timeout or 0) from None
            if heard is None:  # the server ended (killed from outside): so does its booklet's process
                self.kill()
                self.returncode = -signal.SIGKILL
            else:
                self.returncode = int(heard)
        return self.returncode

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc: object) -> None:
        for stream in (self.stdout, self.stdin):
            with contextlib.suppress(OSError, ValueError):
                stream.close()
        try:
            self.wait()
        finally:
            if self._pidfd is not None:
                os.close(self._pidfd)
            self._server.lock.release()
