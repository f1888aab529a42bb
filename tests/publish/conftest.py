"""Fixtures for building real sites into temporary folders (helpers in tests/support)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.build import build_site
from tests.support.project import BODY, CATEGORIES, PLACES, ROOT, THEMES, front_matter, make_project, write_case

# Imported from here by test modules (and by other branches' tests): keep these names.
__all__ = ["BODY", "CATEGORIES", "PLACES", "ROOT", "THEMES", "build_site", "front_matter", "make_project", "write_case"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)
