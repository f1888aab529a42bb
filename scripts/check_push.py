"""The publishing workflow's check of a push to main against the commit before it.

    python scripts/check_push.py "$BEFORE"     # github.event.before; GITHUB_TOKEN for a private repository

A pull request's check compares its branch with the base (``showcase check --base``): a
case deleted together with its line in urls.lock is an error there. A push straight to
main, not through a pull request, was compared with nothing: the publishing build reads
urls.lock as the push left it, so the deleted case's address was no longer checked, and the
next run recorded the site as it was; the address was lost for good (a trial of published
addresses). This runs the same check against the commit before the push.

Nothing to compare with (the first push, a run started by hand: no ``BEFORE`` or forty
zeros), or that commit not fetchable (a force push that replaced it): said, exit 0.
Else ``showcase check --base BEFORE``'s exit status (``--format github`` on GitHub's and
Gitea's runners, which read its lines as annotations).
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

from showcase.core.git import git_text

COMMIT = re.compile("[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1 or SHA-256


def _have(commit: str) -> bool:
    return git_text(Path.cwd(), "cat-file", "-e", f"{commit}^{{commit}}") is not None


def _fetch(commit: str) -> bool:
    """The commit fetched from origin (actions/checkout fetches two commits of history), with
    the job's token for this command only when one is given (a private repository)."""
    token = os.environ.get("GITHUB_TOKEN", "")
    auth = {}
    if token:  # in git's environment, not on its command line, which other processes can read
        basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
        auth = {"http.extraheader": f"AUTHORIZATION: basic {basic}"}
    fetched = git_text(Path.cwd(), "fetch", "--quiet", "--depth=1", "origin", commit, timeout=300, config=auth)
    return fetched is not None and _have(commit)


def main(argv: list[str]) -> int:
    before = (argv[1] if len(argv) > 1 else "").strip().lower()
    if not before or set(before) == {"0"}:  # no commit before: SHA-1's forty zeros or SHA-256's sixty-four
        print("没有推送前的提交可以比较（第一次推送，或手动运行）：跳过这一步。")
        return 0
    # GitHub's and Gitea's runners read workflow commands (::error file=…); GitLab's log shows
    # them as they are, so there the check's plain text (a review)
    actions = os.environ.get("GITHUB_ACTIONS") == "true"
    # a commit's name and nothing else reaches git (a red team: --upload-pack=… ran a command)
    if not COMMIT.fullmatch(before) or (not _have(before) and not _fetch(before)):
        print(
            ("::warning::" if actions else "注意：")
            + f"取不到推送前的提交 {before}（可能被强制推送覆盖了），这次没有检查推送有没有删掉已发布的网址。"
            "请在本机运行 showcase check --base <推送前的提交> 核对一遍。"
        )
        return 0
    print(f"和推送前的提交 {before[:12]} 比较：已发布的网址（urls.lock）有没有被删掉。", flush=True)
    check = [sys.executable, "-m", "showcase", "check", *(["--format", "github"] if actions else []), "--base", before]
    # the whole check of the collection: as long as a pull request's (the workflow's own
    # timeout is the last word)
    return subprocess.run(check, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv))
