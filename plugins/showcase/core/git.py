"""Git, run to read the project's history (a pull request's base, a deleted case's last
commit): one runner for the editors' tools and the build's ledger, one error."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from .errors import ShowcaseError


class GitError(ShowcaseError):
    """Git is missing, this is not a repository, the ref is unknown, or git failed."""


def run_git(args: Sequence[str], cwd: Path, data: bytes | None = None, *, timeout: float | None = None) -> bytes:
    """git's output in ``cwd``; GitError with the last line git complained in otherwise.
    ``core.quotepath`` off: a path of Chinese folders as written, not "cases/\\345\\271\\277…"."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=cwd, input=data, capture_output=True, timeout=timeout, check=False
        )
    except FileNotFoundError:
        raise GitError("找不到 git 命令，请先安装 Git。") from None
    except (OSError, subprocess.SubprocessError) as exc:  # the folder is gone, a timeout
        raise GitError(f"git {' '.join(args)} 失败（{exc}）") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} 失败")
    return result.stdout


def git_text(folder: Path, *args: str, timeout: float = 30) -> str | None:
    """git's output in ``folder`` as text, or None where there is no answer (not a
    repository, no git, a failure): for what only adds to a message, such as a command
    that restores a deleted case."""
    try:
        return run_git(args, folder, timeout=timeout).decode("utf-8", "replace").strip()
    except GitError:
        return None


def blobs_at(repo: Path, specs: Sequence[str], *, timeout: float | None = None) -> list[bytes | None]:
    """The contents of each of ``specs`` (``commit:path``) in one ``git cat-file --batch``,
    None for one not there ("<spec> missing"); GitError as ``run_git``."""
    if not specs:
        return []
    out = run_git(["cat-file", "--batch"], repo, "".join(f"{spec}\n" for spec in specs).encode("utf-8"), timeout=timeout)
    found: list[bytes | None] = []
    offset = 0
    for _ in specs:
        end = out.find(b"\n", offset)
        if end < 0:
            break
        header = out[offset:end].split()
        if len(header) != 3 or header[1] != b"blob":
            found.append(None)
            offset = end + 1
            continue
        size = int(header[2])
        found.append(out[end + 1 : end + 1 + size])
        offset = end + 1 + size + 1  # the content, then its line end
    return found + [None] * (len(specs) - len(found))
