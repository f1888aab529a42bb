"""Fixtures for the editors' workflow: small projects in temporary folders, run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from showcase.cli import main

from tests.publish.conftest import ROOT, build_site, front_matter, make_project, write_case

__all__ = ["ROOT", "build_site", "front_matter", "make_project", "run", "run_process", "write_case"]


def run(args: list[str], capsys) -> tuple[int, str, str]:
    """Run ``showcase ARGS`` in this process (cwd as set by the test)."""
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def run_process(args: list[str], cwd: Path, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m showcase ARGS`` as a real process (stdin is a pipe, not a terminal)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "showcase", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project copy with an empty cases/ and the guide, as the current directory."""
    make_project(tmp_path)
    shutil.copy(ROOT / "CONTRIBUTING.md", tmp_path / "CONTRIBUTING.md")
    monkeypatch.chdir(tmp_path)
    for name in ("CI", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path
