"""A site built from a warm case cache (core/collection/stored.py) is the same, byte for
byte, with the same problems said, as one built from an empty cache; a complete build
removes a removed case's entries."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from showcase.core.collection.stored import case_folder

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
    # showcase check keeps its own kind of entry beside the build's; a build that read every
    # case removes the entries of a case no longer there, and only those
    check = run([sys.executable, "-m", "showcase", "check", "cases"], tmp_path)
    assert check.returncode in (0, 1), check.stderr[-3000:]
    cache = tmp_path / ".cache" / "showcase" / "cases"
    gone = tmp_path / "cases" / "广东省" / "sz-futian-2025-003"
    kept = tmp_path / "cases" / "广东省" / "gz-panyu-2025-002"
    kinds = lambda case: sorted(p.name for p in case_folder(cache, case / "index.md").glob("*.json"))  # noqa: E731
    assert len(kinds(gone)) == 2 and len(kinds(kept)) == 2  # the build's kind and the check's
    shutil.rmtree(gone)  # a draft: no published address is lost
    again = run([*build, "site-again"], tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    assert not case_folder(cache, gone / "index.md").exists()
    assert len(kinds(kept)) == 2
    assert "清理缓存：删除了 2 个" in again.stderr
