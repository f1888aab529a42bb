"""A built site on loopback, and Debian's Chromium as the browser tests start it."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chromium import CHROMIUM_ARGS  # scripts/chromium.py, shared with the measuring scripts
from chromium import HEADLESS_SHELL as CHROMIUM  # the Chromium the tests start (scripts/chromium.py says why)

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "served"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # keep pytest's output readable
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """A server that says nothing when the browser drops a connection it no longer needs.

    Chromium closes requests it has stopped caring about (a page navigated away, a
    prefetch); the standard library then prints a ``BrokenPipeError`` traceback into the
    test output for what is not a failure. Any other error is still printed.
    """

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 while the block runs; yields its base URL (ending in "/")."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
