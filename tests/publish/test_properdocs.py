"""ProperDocs, the maintained fork of MkDocs 1.6, runs our plugin through its entry point."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import build_site, make_project, write_case

# Not imported here: importing properdocs redirects every later `mkdocs.*` import.
PROPERDOCS = Path(sys.executable).with_name("properdocs")
pytestmark = pytest.mark.skipif(not PROPERDOCS.exists(), reason="properdocs is not installed (it is in the test extra)")


def test_properdocs_builds_the_same_pages(tmp_path):
    project = make_project(tmp_path)
    for n in range(8):
        write_case(project / "cases", f"case-{n:03d}", n)
    write_case(project / "cases", "draft-001", 9, status="draft", review=None)
    reference = build_site(project)
    expected = sorted(p.relative_to(reference).as_posix() for p in reference.rglob("*.html"))
    shutil.rmtree(reference)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [str(PROPERDOCS), "build", "-f", "mkdocs.yml", "-d", "pd-site"], cwd=project, capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "共 9 个案例：已发布 8，草稿 1" in result.stderr
    site = project / "pd-site"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")) == expected
    assert "第3号社区互助实践案例" in (site / "cases/case-003/index.html").read_text(encoding="utf-8")
