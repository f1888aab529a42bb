"""``python -m showcase …`` and ``python -m mkdocs …`` as real processes, forked from one
that has imported them already.

The suite runs some 300 of these commands as processes (a user's ``mkdocs build``, an
editor's ``showcase check``), most on small projects: the interpreter's start-up and the
imports (mkdocs, Material, markdown, our package: 0.3–0.45 s of CPU) were most of each
one's work, about 110 core-s of a run on two cores. Each test worker starts two servers
("zygotes", taking the commands in turn: ``SERVERS``) that import those modules once and do
nothing else; a command is a child forked from one. The child is a process of its own, as the command line would start it: its
own working folder, environment, arguments, standard input, output and error (pipes), exit
code, and the module run as ``__main__`` by the interpreter's own ``runpy`` function; only
the imports are inherited, not re-done. Nothing has run in the server but imports, so no
state a command leaves behind reaches the next one.

Only the two modules, and only with the environment the server was started with (an import
may read the environment: Material's reads ``NO_MKDOCS_2_WARNING``); any other command,
environment or option goes to ``subprocess.run`` as before (``run`` returns None), as does
every command when the server cannot be started (``SHOWCASE_TEST_ZYGOTE=0`` turns it off).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import itertools
import json
import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULES = ("showcase", "mkdocs")
# What the commands import on their way (the server imports them and nothing else):
PRELOAD = (
    "mkdocs.__main__",
    "mkdocs.commands.build",
    "mkdocs.commands.serve",
    "mkdocs.config.defaults",
    "material.templates",
    "markdown.extensions.tables",
    "markdown.extensions.sane_lists",
    "markdown.extensions.attr_list",
    "markdown.extensions.toc",
    "showcase.plugin.plugin",
    "showcase.cli",
)
# ``showcase doctor`` loads WeasyPrint to see whether Pango is there: 0.8 of its 1.4 s. Its
# commands have servers of their own that load it too (a run has some fifty doctors): loaded
# in the servers of every command, it made the build-heavy files slower (a larger process
# forked for each build; 44-45 -> 54-58 s of CPU), 2026-12-06.
DOCTOR_PRELOAD = ("weasyprint",)


# -- the server -----------------------------------------------------------------------------


def serve(path: str, doctor: bool = False) -> None:
    """Import ``PRELOAD`` (with ``doctor``, ``DOCTOR_PRELOAD`` too), then fork a child for each
    request on the socket at ``path``, until the worker closes its end of our standard input
    (it ended, or was killed)."""
    import importlib

    for name in PRELOAD + (DOCTOR_PRELOAD if doctor else ()):
        importlib.import_module(name)
    from showcase.cli import build_parser

    build_parser()  # imports every command's module
    # What the imports made is never collected (Python's advice for a server that forks): a
    # child's collections no longer write to every object the server made, which copied the
    # server's memory into each child page by page (test_cli.py: 30 → 21 s of CPU).
    gc.freeze()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    with selectors.DefaultSelector() as waiting:
        waiting.register(listener, selectors.EVENT_READ)
        waiting.register(0, selectors.EVENT_READ)
        while not any(key.fd == 0 for key, _ in waiting.select()):
            connection, _ = listener.accept()
            with connection:
                try:
                    message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 3)
                except OSError:
                    continue
                if not message:  # the worker is done
                    return
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    connection.close()
                    _child(json.loads(message), fds)  # never returns: the command's exit ends the process
                for fd in fds:
                    os.close(fd)
                with contextlib.suppress(OSError):
                    connection.sendall(f"{pid}\n".encode())
                _, status = os.waitpid(pid, 0)
                with contextlib.suppress(OSError):
                    connection.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())


def _child(request: dict, fds: list[int]) -> None:
    import runpy

    for number, fd in enumerate(fds):
        os.dup2(fd, number)  # 0 was the server's pipe from the worker
        os.close(fd)
    _new_stdio()
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    # imported by the server, the command's __main__ would be run a second time, with runpy's warning
    sys.modules.pop(f"{request['module']}.__main__", None)
    if "multiprocessing.process" in sys.modules:  # the folder a process started in, kept at import
        sys.modules["multiprocessing.process"].ORIGINAL_DIR = os.getcwd()  # type: ignore[attr-defined]
    sys.path[0] = os.getcwd()  # what `python -m` puts first
    sys.argv = ["-m", *request["args"]]  # runpy puts the module's file in place of "-m"
    runpy._run_module_as_main(request["module"], alter_argv=True)  # type: ignore[attr-defined]  # what `python -m` calls
    sys.exit(0)  # through the interpreter's own exit: atexit handlers, flushed output


def _new_stdio() -> None:
    """``sys.stdin``, ``stdout`` and ``stderr`` made for the new 0, 1 and 2 as the interpreter
    makes them at start-up (Python/pylifecycle.c, ``create_stdio``): the server's were made for
    /dev/null, and kept what they learnt of it (seekable: ``reconfigure`` then seeks a pipe)."""
    import io

    for name, fd, mode in (("stdin", 0, "rb"), ("stdout", 1, "wb"), ("stderr", 2, "wb")):
        old = getattr(sys, name)
        unbuffered = name != "stdin" and old.write_through  # PYTHONUNBUFFERED, -u: as the server was started
        stream = io.TextIOWrapper(
            open(fd, mode, buffering=0 if unbuffered else -1, closefd=False),  # noqa: SIM115  # the process's own, for its life
            encoding=old.encoding,
            errors=old.errors,
            newline="\n",
            line_buffering=name == "stderr" or (name == "stdout" and os.isatty(fd)),
            write_through=unbuffered,
        )
        stream.mode = mode[0]  # type: ignore[misc]  # as the interpreter's: "r", "w"
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


# -- the client, in a test worker -----------------------------------------------------------


class _Server:
    def __init__(self, env: dict[str, str], doctor: bool = False) -> None:
        self.folder = tempfile.mkdtemp(prefix="zygote-")
        self.path = os.path.join(self.folder, "socket")
        code = "import sys; from tests.support.zygote import serve; serve(sys.argv[1], sys.argv[2:] == ['doctor'])"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, self.path, *(["doctor"] if doctor else [])],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,  # its end closed when this worker ends, even killed: the server ends too
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not os.path.exists(self.path):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise OSError("the zygote did not start")
            time.sleep(0.02)

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


# Two servers for each environment, taking the commands in turn. A process's hash seed is
# drawn when the interpreter starts, and a fork keeps it: every command of one server would
# order its sets alike, and two builds compared byte for byte would agree even where their
# output depended on that order. Two commands in a row run with different seeds, as two
# processes started afresh do.
SERVERS = 2
# Keyed by whether they load WeasyPrint for `showcase doctor` too, and by the environment.
_servers: dict[tuple[bool, tuple[tuple[str, str], ...]], list[_Server | None]] = {}
_turn = itertools.count()


def _server(env: dict[str, str], doctor: bool = False) -> _Server | None:
    servers = _servers.setdefault((doctor, tuple(sorted(env.items()))), [None] * SERVERS)
    n = next(_turn) % SERVERS
    if servers[n] is None:
        try:
            servers[n] = _Server(dict(env), doctor)
        except OSError:
            return None
    return servers[n]


def _is_doctor(args: list[str]) -> bool:
    """``python -m showcase [-f FILE] doctor``."""
    rest = [str(a) for a in args[3:]]
    if rest[:1] == ["-f"]:
        rest = rest[2:]
    return args[2] == "showcase" and rest[:1] == ["doctor"]


@atexit.register
def _close_all() -> None:
    for servers in _servers.values():
        for server in servers:
            if server is not None:
                server.close()


def enabled() -> bool:
    return os.environ.get("SHOWCASE_TEST_ZYGOTE", "1") != "0" and hasattr(os, "fork") and hasattr(socket, "send_fds")


def run(
    args: list[str], cwd: Path | str, env: dict[str, str], *, input: str | None = None, timeout: float | None = None
) -> subprocess.CompletedProcess | None:
    """``subprocess.run(args, cwd=cwd, env=env, input=input, capture_output=True, text=True,
    timeout=timeout)`` for ``[sys.executable, "-m", "showcase"|"mkdocs", …]``, by a child of a
    server started with ``env``; None when it cannot be (the caller runs it itself). Without
    ``input`` the command reads an empty standard input (/dev/null), not the worker's."""
    if len(args) < 3 or args[0] != sys.executable or args[1] != "-m" or args[2] not in MODULES or not enabled():
        return None
    server = _server(env, _is_doctor(args))
    if server is None:
        return None
    stdin_read, stdin_write = os.pipe() if input is not None else (os.open(os.devnull, os.O_RDONLY), -1)
    out_read, out_write = os.pipe()
    err_read, err_write = os.pipe()
    ours = [fd for fd in (stdin_write, out_read, err_read) if fd >= 0]
    request = {"module": args[2], "args": [str(a) for a in args[3:]], "cwd": str(Path(cwd).resolve()), "env": env}
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.connect(server.path)
            socket.send_fds(sock, [json.dumps(request).encode()], [stdin_read, out_write, err_write])
        except OSError:
            ours = [*ours, stdin_read, out_write, err_write]
            for fd in ours:
                os.close(fd)
            return None
        for fd in (stdin_read, out_write, err_write):
            os.close(fd)
        with sock.makefile("rb") as reply:
            line = reply.readline()
            if not line:  # the server ended before it forked: nothing ran
                for fd in ours:
                    os.close(fd)
                return None
            pid = int(line)
            deadline = None if timeout is None else time.monotonic() + timeout
            try:
                out, err = _communicate(pid, stdin_write, out_read, err_read, (input or "").encode(), deadline, args, timeout)
                # the command may close its output and go on: the time limit holds until it ends
                sock.settimeout(None if deadline is None else max(deadline - time.monotonic(), 0.001))
                try:
                    line = reply.readline()
                except TimeoutError:
                    raise subprocess.TimeoutExpired(args, timeout or 0, out, err) from None
            except BaseException:  # the time limit, a test's own time limit, Ctrl-C: the command ends with it
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                raise
    if not line:
        raise OSError(f"the zygote ended while {args[2:]} ran (process {pid})")
    return subprocess.CompletedProcess(args, int(line), _text(out), _text(err))


def _text(data: bytes) -> str:
    # as subprocess's text mode reads a pipe: the locale's encoding, universal newlines
    return data.decode(subprocess._text_encoding()).replace("\r\n", "\n").replace("\r", "\n")  # type: ignore[attr-defined]


def _communicate(
    pid: int, stdin: int, out: int, err: int, data: bytes, deadline: float | None, args: list[str], timeout: float | None
) -> tuple[bytes, bytes]:
    """Write ``data`` to the child's input and read its output and error to their ends; the
    three ends are closed whatever happens."""
    chunks: dict[int, list[bytes]] = {out: [], err: []}
    with selectors.DefaultSelector() as selector, contextlib.ExitStack() as closing:

        def close_the_rest() -> None:
            for key in list(selector.get_map().values()):
                os.close(key.fd)

        closing.callback(close_the_rest)
        selector.register(out, selectors.EVENT_READ)
        selector.register(err, selectors.EVENT_READ)
        if stdin >= 0:
            if data:
                os.set_blocking(stdin, False)
                selector.register(stdin, selectors.EVENT_WRITE)
            else:
                os.close(stdin)
        while selector.get_map():
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                raise subprocess.TimeoutExpired(args, timeout or 0, b"".join(chunks[out]), b"".join(chunks[err]))
            for key, _ in selector.select(wait):
                if key.fd == stdin:
                    try:
                        written = os.write(stdin, data)
                    except BrokenPipeError:
                        written = len(data)
                    data = data[written:]
                    if not data:
                        selector.unregister(stdin)
                        os.close(stdin)
                    continue
                chunk = os.read(key.fd, 65536)
                if chunk:
                    chunks[key.fd].append(chunk)
                else:
                    selector.unregister(key.fd)
                    os.close(key.fd)
    return b"".join(chunks[out]), b"".join(chunks[err])
