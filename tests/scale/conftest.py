"""Fixtures of the scale tests: a project with the sample collection plus generated cases.

The sample brings photos, drafts, a withdrawn case and aliases; the generated cases
(``scripts/gen_cases.py``) make the collection large enough for the speed-ups to start
(case bodies converted on a second core from 64 case pages on).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gen_cases import generate  # scripts/, on the import path through pyproject's pythonpath

from tests.support.build import ENV, run, search_fragments, site_files
from tests.support.project import DATA_OPTIONS, ROOT, project_folder
from tests.support.project import make_project as _make_project

# Imported from here by test modules (and by other branches' tests): keep these names.
__all__ = ["DATA_OPTIONS", "ENV", "GENERATED", "ROOT", "make_project", "run", "search_fragments", "site_files"]

GENERATED = 90


def make_project(root: Path, *, generated: int = GENERATED) -> Path:
    """This project's site setup (mkdocs.yml, site_overrides, data files, guide) and cases."""
    _make_project(root, ROOT / "cases", guide=True)
    if generated:
        generate(root / "cases" / "生成", generated, seed=3)
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    with project_folder("scale-site-") as root:
        make_project(root)
        yield root
