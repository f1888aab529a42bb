"""A local preview server that answers only requests addressed to this machine.

A web page elsewhere can make its own name point at 127.0.0.1 (DNS rebinding) and read
what a preview on this machine serves, drafts and cases in review included; its requests
carry its own name in ``Host``. MkDocs' live-reload server answers any name, so both
previews (``showcase preview`` and ``mkdocs serve`` with this plugin) wrap its WSGI app
here, unless the server was started for other machines (``0.0.0.0`` or ``::``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

ANY_ADDRESS = ("0.0.0.0", "::", "")
_PORT = re.compile(r":\d+$")


def address(host: str, port: int) -> str:
    """``http://host:port/``, an IPv6 host in brackets (http://[::1]:8000/)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def this_machine_only(app: Callable[..., Any], host: str, port: int) -> Callable[..., Iterable[bytes]]:
    """``app``, refusing (403, in Chinese) a request whose Host names another machine."""
    if host in ANY_ADDRESS:
        return app  # started for other machines on purpose
    names = {"localhost", "127.0.0.1", "[::1]", host.lower(), f"[{host.lower()}]"}

    def checked(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if _PORT.sub("", environ.get("HTTP_HOST", "")).lower() in names:
            return app(environ, start_response) or []
        body = f"这个预览只能在本机打开：{address(host, port)}".encode()
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
        return [body]

    return checked
