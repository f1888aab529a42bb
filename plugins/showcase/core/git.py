"""Git, run to read the project's history (a pull request's base, a deleted case's last
commit): one runner for the editors' tools and the build's ledger, one error."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import ShowcaseError


class GitError(ShowcaseError):
    """Git is missing, this is not a repository, the ref is unknown, or git failed."""


# No git command here should take long; a hung one (a lock, a prompt) must not hold a build
# or a workflow for ever.
TIMEOUT = 600.0


def _environment(config: Mapping[str, str]) -> dict[str, str] | None:
    """The environment with ``config`` added as git reads it from there (GIT_CONFIG_COUNT,
    git 2.31): a secret given with ``-c`` is on the command line, which any process on the
    machine can read (an architecture review: the push check's token)."""
    if not config:
        return None
    env = dict(os.environ)
    written = env.get("GIT_CONFIG_COUNT", "")
    start = int(written) if written.isdigit() else 0  # a count not a number: git's own error, not a traceback
    for offset, (key, value) in enumerate(config.items()):
        env[f"GIT_CONFIG_KEY_{start + offset}"], env[f"GIT_CONFIG_VALUE_{start + offset}"] = key, value
    env["GIT_CONFIG_COUNT"] = str(start + len(config))
    return env


def run_git(
    args: Sequence[str], cwd: Path, data: bytes | None = None, *, timeout: float = TIMEOUT, config: Mapping[str, str] | None = None
) -> bytes:
    """git's output in ``cwd``; GitError with the last line git complained in otherwise.
    ``core.quotepath`` off: a path of Chinese folders as written, not "cases/\\345\\271\\277…".
    ``config``: settings for this command, passed in its environment, never on its command line."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
            env=_environment(config or {}),
        )
    except FileNotFoundError:
        raise GitError("找不到 git 命令，请先安装 Git。") from None
    except (OSError, subprocess.SubprocessError) as exc:  # the folder is gone, a timeout
        raise GitError(f"git {' '.join(args)} 失败（{exc}）") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else f"git {' '.join(args)} 失败")
    return result.stdout


def git_text(folder: Path, *args: str, timeout: float = 30, config: Mapping[str, str] | None = None) -> str | None:
    """git's output in ``folder`` as text, or None where there is no answer (not a
    repository, no git, a failure): for what only adds to a message, such as a command
    that restores a deleted case."""
    try:
        return run_git(args, folder, timeout=timeout, config=config).decode("utf-8", "replace").strip()
    except GitError:
        return None


def blobs_at(repo: Path, specs: Sequence[str], *, timeout: float = TIMEOUT) -> list[bytes | None]:
    """The contents of each of ``specs`` (``commit:path``) in one ``git cat-file --batch``,
    None for one not there ("<spec> missing"); GitError as ``run_git``."""
    if not specs:
        return []
    # --batch reads a spec a line: a path with a line end in it (a folder's name, only a
    # warning of the check) is two specs, and every answer after it went to the wrong path (a
    # red team). Such a spec is read alone (git 2.39 has no -z for --batch's input).
    apart = {index for index, spec in enumerate(specs) if "\n" in spec or "\r" in spec}
    if apart:
        kept = [spec for index, spec in enumerate(specs) if index not in apart]
        batched = iter(blobs_at(repo, kept, timeout=timeout))
        alone = {index: _blob(repo, specs[index], timeout) for index in apart}
        return [alone[index] if index in alone else next(batched) for index in range(len(specs))]
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


def _blob(repo: Path, spec: str, timeout: float) -> bytes | None:
    """One ``commit:path``'s contents, None when it is not a file there."""
    try:
        if run_git(["cat-file", "-t", spec], repo, timeout=timeout).strip() != b"blob":
            return None
        return run_git(["cat-file", "blob", spec], repo, timeout=timeout)
    except GitError:
        return None
