"""A computer without Pango (Windows, a slim image): the PDF booklets cannot be laid out.

WeasyPrint loads the system's Pango when it is imported; here a ``weasyprint`` package
that fails to load the way it does without Pango (an ``OSError`` naming the library) is
put ahead of the real one on ``PYTHONPATH``, in real processes. The published build stops
with one line saying how to install it; an editor's ``mkdocs serve`` shows the site
without its downloads; ``showcase doctor`` names it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support.build import ENV
from tests.support.project import ROOT, configure, copy_project, share_cache, write_ledger

COLLECTIONS = """\
collections:
  - key: jingpin
    title: 精品阵地
    cases: [bj-xicheng-2023-002, bj-chaoyang-2022-005]
"""


@pytest.fixture
def no_pango(tmp_path) -> tuple[Path, dict[str, str]]:
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    fake.joinpath("__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': error 0x7e. Additionally, ctypes.util.find_library() did not manage to locate a library called 'libpango-1.0-0'\")\n",
        encoding="utf-8",
    )
    cases = tmp_path / "_cases"
    shutil.copytree(ROOT / "cases" / "北京市", cases / "北京市")
    project = share_cache(copy_project(tmp_path / "project", cases=cases))
    configure(project, search=False, share_images=False)
    (project / "collections.yml").write_text(COLLECTIONS, encoding="utf-8")
    write_ledger(project)
    env = {**ENV, "PYTHONPATH": os.pathsep.join([str(fake.parent), str(ROOT)])}
    return project, env


def test_the_published_build_stops_with_how_to_install_pango(no_pango):
    project, env = no_pango
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, output
    assert "无法生成 PDF 汇编：缺少排版用的 Pango 库（cannot load library 'libpango-1.0-0'" in errors[0]
    assert "sudo apt-get install libpango-1.0-0" in errors[0]  # this is Linux: the Linux advice
    assert "Traceback" not in output
    assert not (project / "site").exists()


def test_a_preview_shows_the_site_without_its_downloads(no_pango):
    project, env = no_pango
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from tests.support.build import build_site
        build_site(Path({str(project)!r}), serve=True)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=project, env=env, capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "缺少排版用的 Pango 库" in output and "这次预览先不带“下载汇编”" in output
    page = (project / "site" / "collections" / "jingpin" / "index.html").read_text(encoding="utf-8")
    assert "精品阵地" in page and "下载汇编" not in page
    booklets = [p for p in (project / "site").rglob("*") if p.suffix in (".pdf", ".docx") and p.parent.name != "downloads"]
    assert booklets == []  # only the Word form (downloads/) is there


def test_doctor_names_pango(no_pango):
    project, env = no_pango
    result = subprocess.run([sys.executable, "-m", "showcase", "doctor"], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[缺少] Pango（排版 PDF 汇编用）：缺少排版用的 Pango 库" in result.stdout
    assert "解决办法：安装 Pango：sudo apt-get install libpango-1.0-0" in result.stdout
