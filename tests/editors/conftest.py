"""Fixtures for the editors' workflow: small projects in temporary folders, run the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from showcase.cli import main

from tests.support.build import build_site
from tests.support.build import run_showcase as run_process
from tests.support.project import ROOT, front_matter, make_project, write_case

__all__ = ["ROOT", "build_site", "front_matter", "make_project", "run", "run_process", "write_case"]


def run(args: list[str], capsys) -> tuple[int, str, str]:
    """Run ``showcase ARGS`` in this process (cwd as set by the test)."""
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project copy with an empty cases/ and the guide, as the current directory."""
    make_project(tmp_path, guide=True)
    monkeypatch.chdir(tmp_path)
    for name in ("CI", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path
