"""The project's git runner (core/git.py) against a real repository."""

from __future__ import annotations

from pathlib import Path

from showcase.core.git import blobs_at, run_git

from tests.support.git import git


def test_blobs_of_paths_with_a_line_end_keep_their_order(tmp_path: Path) -> None:
    """``git cat-file --batch`` reads a spec a line: a case folder whose name holds a line end
    (only a warning of the check, so it can be merged) was two specs, and every answer after
    it went to the path before (a red team: a restore command named another case's folder,
    pr-summary called old cases new)."""
    names = ["cases/0\nx/index.md", "cases/1a/index.md", "cases/1\rb/index.md", "cases/1b/index.md"]
    git("init", "-q", cwd=tmp_path)
    for number, name in enumerate(names):
        (tmp_path / name).parent.mkdir(parents=True)
        (tmp_path / name).write_text(f"id: case-{number}\n", encoding="utf-8")
    git("add", "-A", cwd=tmp_path)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "four cases", cwd=tmp_path)
    commit = run_git(["rev-parse", "HEAD"], tmp_path).decode().strip()
    specs = [f"{commit}:{name}" for name in [*names, "cases/gone/index.md", "cases/1a"]]
    assert blobs_at(tmp_path, specs) == [b"id: case-0\n", b"id: case-1\n", b"id: case-2\n", b"id: case-3\n", None, None]
