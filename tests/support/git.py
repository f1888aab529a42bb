"""A throwaway git repository for tests of what a pull request does (``showcase pr-summary``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

IDENTITY = {
    "GIT_AUTHOR_NAME": "编辑",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "编辑",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": "/dev/null",  # nothing from the machine's own git settings
}


def git(*args: str, cwd: Path) -> str:
    """Run git in ``cwd``; its output."""
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def as_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commits made by the test carry a fixed author and ignore the machine's git settings."""
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
