"""Markers chosen by folder: ``fast`` for the engine-free folders, ``site`` for the others.

Applied in tests/conftest.py; ``make test-fast`` runs ``pytest -m "not site"``.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
# Folders of tests that build no site and start no browser. A new engine-free folder goes here.
FAST_FOLDERS = frozenset({"core", "editors"})


def folder_marker(path: Path) -> str:
    """``fast`` or ``site``, by the test file's first folder below tests/ (``site`` when unsure)."""
    try:
        parts = Path(path).resolve().relative_to(TESTS).parts
    except ValueError:
        return "site"
    return "fast" if len(parts) > 1 and parts[0] in FAST_FOLDERS else "site"
