"""LibreOffice, headless, for the two places that need a word processor's own reading or
layout: old .doc/.wps submissions converted to .docx (``editors/intake``) and a booklet
laid out to find its contents' page numbers (``outputs/booklet/layout.py``)."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from pathlib import Path


def soffice() -> str | None:
    """LibreOffice's command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(office: str, source: Path, to: str, *, timeout: float, infilter: str | None = None) -> Path | None:
    """``source`` converted to format ``to`` (``docx``, ``pdf``) beside it; None if LibreOffice
    wrote nothing (a broken file, a crash, the time limit). It runs with its own profile in
    the source's folder, so that another LibreOffice running on the machine does not matter."""
    outdir = source.parent
    command = [office, f"-env:UserInstallation={(outdir / 'profile').as_uri()}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", to, "--outdir", str(outdir), str(source)]
    with contextlib.suppress(OSError, subprocess.TimeoutExpired):
        subprocess.run(command, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL)
    result = outdir / f"{source.stem}.{to}"
    return result if result.is_file() else None
