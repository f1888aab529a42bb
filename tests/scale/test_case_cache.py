"""A site built from a warm case cache (core/collection/stored.py) is the same, byte for
byte, with the same problems said, as one built from an empty cache."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .conftest import make_project, run, site_files


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a full build")
def test_a_site_built_from_a_warm_case_cache_is_the_same(tmp_path: Path) -> None:
    make_project(tmp_path, generated=0)
    build = [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d"]
    cold = run([*build, "site-cold"], tmp_path)
    assert cold.returncode == 0, cold.stderr[-3000:]
    assert len(list((tmp_path / ".cache" / "showcase" / "cases").rglob("*.json"))) > 30
    warm = run([*build, "site-warm"], tmp_path)
    assert warm.returncode == 0, warm.stderr[-3000:]
    a, b = site_files(tmp_path / "site-cold"), site_files(tmp_path / "site-warm")
    assert sorted(a) == sorted(b)
    assert [path for path in a if a[path] != b[path]] == []
    strip = lambda log: [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]  # noqa: E731
    assert strip(warm.stderr) == strip(cold.stderr)  # the same problems said
