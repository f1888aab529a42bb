"""The process that lays one PDF booklet out: WeasyPrint, and nothing of the showcase.

``pdf.write_pdf`` starts it for each booklet (``python -P <this file> <pdf> <base url>``,
the HTML on its standard input; on Linux forked from ``serve``, ``pdflaunch.py``) and stops
it when the booklet's time limit passes: the
layout is pure Python calling Pango through cffi, which no thread and no exception from
outside can interrupt, while a process can always be killed, on Windows too. It is run by
its path and imports nothing but the standard library and WeasyPrint (``-P``: this
folder, whose ``select.py`` would hide the standard library's, is not on ``sys.path``),
so it starts in the time WeasyPrint takes to load (about 0.4 s).

It says what happened on its standard output, one line each, which ``write_pdf`` reads:
``laid-out`` when the pages are laid out, ``written`` when the file is complete, or
``pango <first line>`` when WeasyPrint cannot be loaded (no Pango on this computer), or
``oserror <json>`` when the file cannot be written (a full disk). Anything else is a
traceback on its standard error and a non-zero exit.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys

PREFIX = "showcase-pdf:"  # on every line of ours: a library printing to stdout is not mistaken for us
LAID_OUT, WRITTEN, PANGO, OS_ERROR = "laid-out", "written", "pango", "oserror"


def say(*words: str) -> None:
    sys.stdout.write(" ".join((PREFIX, *words)) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    out, base_url = argv
    try:  # first: WeasyPrint loads while the booklet's HTML is still being written to us
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (OSError, ImportError) as exc:  # the system's Pango is missing
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        say(PANGO, first)
        return 3
    html = sys.stdin.buffer.read().decode("utf-8")
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its CSS warnings are not the reader's business
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    fetcher = URLFetcher(allowed_protocols=("file", "data"))  # photos from the image cache and QR codes: no other host, ever
    # Tagged (headings, reading order, the pictures' descriptions, the language zh-CN): a
    # screen reader had nothing of the booklet's structure (an accessibility audit). A tenth or
    # so more time and a third more bytes for a booklet of text alone, less with photos.
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_tags=True)  # twice inside: the contents' page numbers
    say(LAID_OUT)
    try:
        document.write_pdf(out, pdf_tags=True)
    except OSError as exc:
        say(OS_ERROR, json.dumps([exc.errno, exc.strerror, exc.filename]))
        return 4
    say(WRITTEN)
    return 0


def serve(fd: int) -> int:
    """``--serve FD`` (Linux, ``pdflaunch.py``): WeasyPrint loaded once, then for each booklet
    asked for on the socket ``FD`` (its arguments and folder, and the three ends of its
    standard streams) a process forked to lay it out, as ``main`` does in a process of its
    own: its standard streams and folder are the caller's, and so is its process group (the
    server's own is apart, out of the terminal's reach). It says ``pid <pid>``; asked
    ``wait`` (once the client has seen the process end), it reaps it and says ``exit
    <code>``. It ends when its client does (the socket closes), killing a booklet's process
    that is still running."""
    import os
    import signal
    import socket

    with contextlib.suppress(Exception):  # cannot be loaded: each booklet's process says why (PANGO)
        import weasyprint  # noqa: F401
    os.chdir("/")  # each booklet's process moves to its caller's folder: the server holds none
    channel = socket.socket(fileno=fd)
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(channel, 1 << 16, 4)
        except OSError:
            return 0
        if not message or len(fds) != 4:
            for given in fds:
                os.close(given)
            return 0
        job = json.loads(message)
        pid = os.fork()
        if pid == 0:  # the booklet's process: it ends here, through the interpreter's own exit
            channel.close()
            *streams, folder = fds
            for target, given in enumerate(streams):
                os.dup2(given, target)
                os.close(given)
            os.fchdir(folder)
            os.close(folder)
            with contextlib.suppress(OSError):  # the terminal's Ctrl-C and Ctrl-Z reach it as they reach its caller
                os.setpgid(0, job["group"])
            raise SystemExit(main(job["args"]))
        for given in fds:
            os.close(given)
        try:
            channel.sendall(f"pid {pid}\n".encode())
            asked = channel.recv(64)
        except OSError:
            asked = b""
        if not asked:  # the client has ended: so does its booklet
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)  # not reaped yet: the pid is still its own
        _, status = os.waitpid(pid, 0)
        if not asked:
            return 0
        try:
            channel.sendall(f"exit {os.waitstatus_to_exitcode(status)}\n".encode())
        except OSError:
            return 0


if __name__ == "__main__":
    sys.exit(serve(int(sys.argv[2])) if sys.argv[1:2] == ["--serve"] else main(sys.argv[1:]))
