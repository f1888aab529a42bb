"""The collection's Git history: the command that brings a deleted case's folder back, found
by the case's id (``Restorer``), for the hint of the ledger-missing error, which the ledger's
check (``outputs.ledger.check_ledger``) takes as a function (the check and the build)."""

from __future__ import annotations

import re
from pathlib import Path

from ..case.source import ID_LINE, former_ids, front_matter_of, front_matter_values
from ..git import GitError, blobs_at, git_text

_CASE_FILES = ":(glob)**/index.md"
MAX_DELETED_READ = 400  # deleted case files of Git's history read for their ids, newest first


class Restorer:
    """The git command, run at the top of the repository holding ``folder`` (the project's
    folder, as a rule), that brings back a deleted case's folder, by the case's id: from the
    last commit while the deletion is not committed yet (deleted, or ``git rm``: staged), else
    from the commit before the newest one that deleted it. The deleted ``index.md`` is found by
    the id its front matter wrote, wherever its folder was and whatever it was named: the
    folder's name need not be the id, and a command found by the name restored the case as it
    was before its folder was renamed, a photo removed meanwhile with it (an editor's trial).
    ``~1``, not ``^``: Windows' cmd.exe reads ``^`` as an escape (the same trial). Git's
    history is read once, at the first id asked for; none outside a repository."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._found: dict[str, str | None] | None = None

    def __call__(self, case_id: str) -> str | None:
        if self._found is None:
            self._found = self._commands()
        return self._found.get(case_id)

    def _commands(self) -> dict[str, str | None]:
        top = git_text(self.folder, "rev-parse", "--show-toplevel") if self.folder.is_dir() else None
        if not top:
            return {}
        where = Path(top)
        found: dict[str, str | None] = {}
        # Names NUL-separated (-z: a folder's name as it is, never Git's quoted form), and no
        # rename detection: a case deleted in the commit that added another from the same
        # template read as that one renamed, its deletion unfound (a review)
        pending = sorted(
            set(_names(git_text(where, "ls-files", "-z", "--deleted", "--", _CASE_FILES)))
            | set(
                _names(
                    git_text(where, "diff", "-z", "--cached", "--no-renames", "--name-only", "--diff-filter=D", "HEAD", "--", _CASE_FILES)
                )
            )
        )
        for path, case_id in _ids_at(where, "HEAD", pending):
            found.setdefault(case_id, _checkout("HEAD", path))
        log = git_text(where, "log", "-z", "--no-renames", "--diff-filter=D", "--format=%x01%h", "--name-only", "--", _CASE_FILES) or ""
        read = 0
        for entry in log.split("\x01")[1:]:
            commit, *paths = _names(entry)
            if read >= MAX_DELETED_READ:
                break
            read += len(paths)
            for path, case_id in _ids_at(where, f"{commit}~1", paths):
                found.setdefault(case_id, _checkout(f"{commit}~1", path))
        return found


def _names(text: str | None) -> list[str]:
    """The names of git's NUL-separated output (-z)."""
    return [name.strip("\n") for name in (text or "").split("\0") if name.strip("\n")]


def _checkout(commit: str, case_file: str) -> str | None:
    """The command that brings back ``case_file``'s folder from ``commit``, its folder quoted
    where it has a space or another character a shell reads (海珠 案例: a review): in double
    quotes, which Windows' cmd.exe and PowerShell read as Git Bash does. None for a folder
    whose name no quoting keeps as it is in every one of them (" $ ` \\ ! % or a control
    character): Git Bash's single quotes left a&calc&"b to cmd.exe, which ran calc (a red team)."""
    folder = Path(case_file).parent.as_posix()
    if _PLAIN_PATH.fullmatch(folder):
        return f"git checkout {commit} -- {folder}"
    # PowerShell reads “ ” „ ‟ as " (a review)
    if re.search(r'["$`\\!%\x00-\x1f\x7f\u201c-\u201f]', folder):
        return None
    return f'git checkout {commit} -- "{folder}"'


# A path of letters, digits, Han characters and / . - _ only: typed as it is (Chinese needs no quotes).
_PLAIN_PATH = re.compile(r"[\w./-]+")


def _ids_at(repo: Path, commit: str, paths: list[str]) -> list[tuple[str, str]]:
    """(path, id) of each of ``paths`` at ``commit`` whose front matter writes an id, and
    (path, former id) for each id its ``aliases`` list, read in one ``git cat-file --batch``:
    the address of a deleted case's former id is as lost as its own, and its hint said
    ``git checkout main -- 案例文件夹`` (an editor's trial)."""
    try:
        blobs = blobs_at(repo, [f"{commit}:{path}" for path in paths], timeout=30)
    except GitError:
        return []
    found = []
    for path, data in zip(paths, blobs, strict=True):
        head = front_matter_of(data, repo / path) if data else ""
        match = ID_LINE.search(head)
        if match is None:
            continue
        found.append((path, match.group(1)))
        if "aliases" in head:  # read as YAML only then
            found += [(path, former) for former in former_ids(front_matter_values(head, repo / path))]
    return found
