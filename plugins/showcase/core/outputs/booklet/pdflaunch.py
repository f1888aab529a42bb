"""The layout's processes: each PDF booklet laid out in a process of its own (``pdfprocess.py``),
started afresh, or on Linux forked from a process that has loaded WeasyPrint once.

Loading WeasyPrint is most of a small booklet's layout (about 1 s of the 2 s a booklet of
six cases takes); a build lays out a booklet for each theme, year and collection, one after
another. The process they are forked from (``pdfprocess.serve``) is started with the first
booklet of a process and ends with it: it lays nothing out itself, and each booklet's process
is still its own, stopped at its time limit and judged by how it ends, as a new one is.

Who may stop a booklet's process, and how:
- We hold a pidfd of it (Linux 5.3): a kill through it reaches that process and no other,
  even once it has ended. Without pidfds, or where a signal cannot be sent through one,
  nothing is forked (a pid may name another process by the time we kill it): every
  booklet's process is started afresh, as on Windows and macOS.
- We know it has ended when its pidfd says so, before we ask the server how it ended; the
  server reaps it only then, so it never waits on a running layout, and a time limit is ours.
- The server is in a process group of its own, out of the terminal's reach; the booklet's
  process joins ours, so Ctrl-C and Ctrl-Z reach it as they reach a fresh one. The server
  ends when its socket closes (when we end, even killed), killing a booklet still running.
- The booklet's process has our folder (passed open: it may have been removed meanwhile)
  and our environment (a server is started again when it changes).

Two booklets laid out at the same time in one process (two threads): the second starts its
own process afresh. Anything unexpected from the server (it ended, it said something else):
the booklet's process is killed and it counts as ended by SIGKILL, and the next booklet
starts another server.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

# The layout's own process: run by its path, with the interpreter running us.
LAYOUT_PROCESS = Path(__file__).with_name("pdfprocess.py")
FORKS = sys.platform.startswith("linux") and hasattr(socket, "send_fds") and hasattr(os, "pidfd_open")
SERVER_START = 60.0  # seconds at most for the server to load WeasyPrint and fork (about 1 s)
REPLY = 30.0  # seconds at most for its reply once the process it reaps has ended


def start(temporary: Path, base_url: str, errors: IO[bytes], deadline: float | None = None) -> Any:
    """A process laying out the HTML written to its ``stdin`` into ``temporary``: a
    ``subprocess.Popen``, or a ``Forked`` that behaves as one (``stdin``, ``stdout``,
    ``wait``, ``kill``, ``returncode``, a context manager), its standard error ``errors``.
    ``deadline`` (``time.monotonic()``): the booklet's time limit, which a slow server start
    does not extend."""
    args = [str(temporary), base_url]
    if FORKS and _pidfds():
        forked = _forked(args, errors, deadline)
        if forked is not None:
            return forked
    return subprocess.Popen(
        [sys.executable, "-P", str(LAYOUT_PROCESS), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
    )


def _pidfds() -> bool:
    """Whether this kernel gives pidfds and lets us signal through them (Linux 5.3, not
    refused by a seccomp profile): a kill that cannot be sent would leave the time limit
    waiting for the layout to end on its own."""
    try:
        fd = os.pidfd_open(os.getpid())
    except OSError:
        return False
    try:
        signal.pidfd_send_signal(fd, 0)  # signal 0: only whether it may be sent
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


class ServerGone(ConnectionError):
    """The server ended, or said what it should not have."""


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
                # started in our folder (a relative PYTHONPATH is made absolute against it at start),
                # it moves to / once it has loaded WeasyPrint: it holds no folder of ours
                process_group=0,  # Ctrl-C is ours to pass on (the module's docstring)
            )
        self.channel = ours
        self.owner = os.getpid()
        self.environment = _environment()
        self.lock = threading.Lock()
        self._heard = b""

    def send(self, message: bytes, fds: list[int] | None = None) -> None:
        self.channel.settimeout(None)
        try:
            if fds:
                socket.send_fds(self.channel, [message], fds)
            else:
                self.channel.sendall(message)
        except OSError as exc:
            raise ServerGone(str(exc)) from None

    def reply(self, word: str, timeout: float) -> int:
        """The number of the server's next line, which must be ``<word> <number>``."""
        self.channel.settimeout(max(timeout, 0.001))  # 0 would make the socket non-blocking
        try:
            while b"\n" not in self._heard:
                more = self.channel.recv(64)
                if not more:
                    raise ServerGone("the layout's server has ended")
                self._heard += more
        except OSError as exc:  # TimeoutError too: a server that does not answer is no server
            raise ServerGone(str(exc)) from None
        line, self._heard = self._heard.split(b"\n", 1)
        said, _, number = line.decode("ascii", "replace").partition(" ")
        if said != word or not number.lstrip("-").isdigit():
            raise ServerGone(f"the layout's server said {line!r}")
        return int(number)

    def close(self, *, at_once: bool = False) -> None:
        with contextlib.suppress(OSError):
            self.channel.close()
        if self.owner == os.getpid():
            if at_once:
                self.process.kill()
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


def _drop(server: _Server, *, at_once: bool = False) -> None:
    """Close ``server`` and forget it, if it is still the one in use; ``at_once``: killed, not
    waited for (it may be stuck loading WeasyPrint, past a booklet's time limit)."""
    global _server
    with _guard:
        if _server is server:
            _server = None
    server.close(at_once=at_once)


def _forked(args: list[str], errors: IO[bytes], deadline: float | None) -> Forked | None:
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
        return Forked(server, args, errors, deadline)
    except BaseException as exc:  # it has ended or is stuck, or we were stopped mid-word
        _drop(server, at_once=True)  # what it has heard of this booklet is unknown: the next booklet starts another
        server.lock.release()  # after: another thread must not take it up meanwhile
        if isinstance(exc, ServerGone):
            return None
        raise


@atexit.register
def _stop() -> None:
    if _server is not None:
        _server.close()


def _forget() -> None:  # a forked copy of us does not talk to its parent's server
    global _server, _guard
    if _server is not None:
        with contextlib.suppress(OSError):
            _server.channel.close()
    _server = None
    _guard = threading.Lock()  # another thread of the parent may have held it


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget)


class Forked:
    """A booklet's process forked by the server, with the part of ``subprocess.Popen`` that
    ``pdf._laid_out`` uses. Killed through its pidfd; reaped by the server when we ask, once
    the pidfd says it has ended."""

    def __init__(self, server: _Server, args: list[str], errors: IO[bytes], deadline: float | None) -> None:
        self._server = server
        self.returncode: int | None = None
        self._pidfd: int | None = None
        try:  # our folder as it is, even removed or renamed meanwhile (a fresh process inherits it so)
            here = os.open(".", os.O_PATH | os.O_DIRECTORY)
        except OSError as exc:
            raise ServerGone(str(exc)) from None
        stdin_read, stdin_write = os.pipe()
        stdout_read, stdout_write = os.pipe()
        try:
            # our process group: what the terminal sends us (Ctrl-C, Ctrl-Z) reaches the layout too
            job = json.dumps({"args": args, "group": os.getpgrp()}).encode("utf-8")
            server.send(job, [stdin_read, stdout_write, errors.fileno(), here])
            # its pid, once WeasyPrint is loaded: a server stuck loading it is left for a process
            # started afresh, which the booklet's time limit (past by then, perhaps) reaches
            wait = SERVER_START if deadline is None else min(SERVER_START, deadline - time.monotonic())
            self.pid = server.reply("pid", wait)
            if self.pid <= 0:
                raise ServerGone(f"the layout's server said pid {self.pid}")
            try:
                self._pidfd = os.pidfd_open(self.pid)
            except OSError as exc:  # it is not reaped before we ask: this cannot fail but by a bug
                raise ServerGone(str(exc)) from None
        except BaseException:
            os.close(stdin_write)
            os.close(stdout_read)
            raise
        finally:
            os.close(stdin_read)
            os.close(stdout_write)
            os.close(here)
        self.stdin = open(stdin_write, "wb")  # noqa: SIM115 - closed in __exit__, as Popen's
        self.stdout = open(stdout_read, "rb")  # noqa: SIM115

    def kill(self) -> None:
        if self.returncode is None and self._pidfd is not None:
            with contextlib.suppress(ProcessLookupError):  # it has ended already
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is not None:
            return self.returncode
        assert self._pidfd is not None
        watch = select.poll()  # not select(): a build with many files open may hold fds past its 1,024
        watch.register(self._pidfd, select.POLLIN)
        if not watch.poll(None if timeout is None else max(timeout, 0.0) * 1000):  # readable: it has ended
            raise subprocess.TimeoutExpired("pdfprocess", timeout or 0)
        try:
            self._server.send(b"wait\n")
            self.returncode = self._server.reply("exit", REPLY)
        except ServerGone:  # the server ended (killed from outside): how the process ended is lost with it
            self.returncode = -signal.SIGKILL
            _drop(self._server)
        return self.returncode

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, *exc: object) -> None:
        for stream in (self.stdout, self.stdin):
            with contextlib.suppress(OSError, ValueError):
                stream.close()
        try:
            self.wait()
        except BaseException:  # stopped while waiting: its reply is never read, so the server goes
            self.kill()
            _drop(self._server)
            raise
        finally:
            if self._pidfd is not None:
                os.close(self._pidfd)
            self._server.lock.release()
