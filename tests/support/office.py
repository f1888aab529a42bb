"""Files other programs make and read for the tests: LibreOffice converting a document
(headless, with a profile of its own for each run) and poppler's ``pdftotext`` reading a
PDF's text.

One place for both, so that every folder's tests run them alike (the same options, the same
message when a program is missing). LibreOffice's start is most of a small file's
conversion (1.3 s of the 2 s of CPU a small Word file takes): ``libreoffice_convert_all``
converts several files in one run.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest


def required(name: str, package: str) -> str:
    """The path of the program ``name``; the test fails, saying how to install it, without it."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: run `make test` (it installs {package} through apt-get)")
    return found


def libreoffice_convert_all(sources: Sequence[Path], to: str, outdir: Path) -> list[Path]:
    """Each of ``sources`` (their names all different) converted into ``outdir`` by one run
    of LibreOffice; ``to`` as its ``--convert-to`` takes it (``pdf``, ``doc:MS Word 97``).
    Returns the files written, each checked to be there."""
    soffice = required("soffice", "libreoffice-writer-nogui")
    # A profile of its own (another LibreOffice may be running), outside outdir: tests list
    # what a folder holds.
    with tempfile.TemporaryDirectory(prefix="lo-profile-", ignore_cleanup_errors=True) as profile:
        command = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", to, "--outdir", str(outdir)]
        subprocess.run([*command, *map(str, sources)], check=True, capture_output=True, timeout=180)
    made = [outdir / f"{source.stem}.{to.split(':')[0]}" for source in sources]
    for result in made:
        assert result.is_file(), f"LibreOffice did not write {result}"
    return made


def libreoffice_convert(source: Path, to: str, outdir: Path) -> Path:
    """``source`` converted into ``outdir`` by LibreOffice (``libreoffice_convert_all`` of one)."""
    return libreoffice_convert_all([source], to, outdir)[0]


def pdftotext(pdf: Path | bytes, *options: str) -> str:
    """The text of ``pdf`` (a file, or its bytes) as poppler's ``pdftotext`` reads it, with
    ``options``: ``-layout`` where line ends matter (without it a word broken after a hyphen
    at a line's end is joined, the hyphen dropped), ``-f N -l M`` for pages N to M."""
    command = [required("pdftotext", "poppler-utils"), *options, "-enc", "UTF-8"]
    if isinstance(pdf, bytes):
        done = subprocess.run([*command, "-", "-"], input=pdf, capture_output=True, check=True, timeout=60)
    else:
        done = subprocess.run([*command, str(pdf), "-"], capture_output=True, check=True, timeout=60)
    return done.stdout.decode()
