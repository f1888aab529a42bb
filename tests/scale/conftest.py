"""Fixtures of the scale tests: a project with the sample collection plus generated cases.

The sample brings photos, drafts, a withdrawn case and aliases; the generated cases
(``scripts/gen_cases.py``) make the collection large enough for the speed-ups to start
(case bodies converted on a second core from 64 case pages on).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from gen_cases import generate  # noqa: E402

GENERATED = 90
DATA_OPTIONS = re.compile(r"^\s+(taxonomy|review_words|texts):\s*(\S+)\s*$", re.M)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def make_project(root: Path, *, generated: int = GENERATED) -> Path:
    """This project's site setup (mkdocs.yml, site_overrides, data files, guide, urls.lock) and cases."""
    root.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    for rel in ["CONTRIBUTING.md"] + [rel for _, rel in DATA_OPTIONS.findall(text)]:
        if (ROOT / rel).is_file():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, root / rel)
    shutil.copytree(ROOT / "cases", root / "cases")
    if generated:
        generate(root / "cases" / "生成", generated, seed=3)
    return root / "mkdocs.yml"


def run(args: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=900, **kwargs)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but Pagefind's own (its chunk names vary from run to run)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts}


def search_fragments(site: Path) -> dict[str, dict]:
    """The search index's pages by URL, decoded (what a search result shows)."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        found[fragment["url"]] = fragment
    return found


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    # Its own temporary folder rather than pytest's numbered ones (a concurrent run may prune those).
    with tempfile.TemporaryDirectory(prefix="scale-site-") as folder:
        root = Path(folder)
        make_project(root)
        yield root
