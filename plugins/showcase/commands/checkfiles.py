"""``showcase check-files FILE…``: check only the cases these files belong to (pre-commit).

As ``showcase check <folder>`` does (``core/editors/gate.check_within``): the whole
collection is loaded, so that rules across cases (duplicate ids, aliases, a published
case set back to draft, a published address lost) still apply, but only the problems of
the cases touched by ``FILE…`` are printed, with those about the whole site's addresses.
A photo or an ``index.md`` both select their case's folder; the site's ``collections.yml``
is checked against every case.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..core.collection.loading import CASE_FILE
from ..core.editors.gate import check_within, in_repository, is_site_cases, ledger_path, removed_since_base
from ..core.editors.guide import links_for
from ..core.editors.report import FORMATS
from . import CASES_HELP, EXIT_ERRORS, EXIT_OK, cases_root, existing_folder, load_settings


def case_folder_of(path: Path, root: Path) -> Path | None:
    """The nearest folder at or above ``path`` (inside ``root``) that holds an index.md."""
    path, root = path.resolve(), root.resolve()
    folder = path if path.is_dir() else path.parent
    while folder == root or root in folder.parents:
        if (folder / CASE_FILE).is_file():
            return folder
        if folder == root:
            break
        folder = folder.parent
    return None


def cmd_check_files(args: argparse.Namespace) -> int:
    settings, site = load_settings(args)
    root = existing_folder(cases_root(args.root, site))
    folders: set[Path] = set()
    files: set[Path] = set()
    deleted = False
    for name in args.files:
        path = Path(name)
        if not path.exists():
            # deleted in this commit (the hook's script adds what is staged so): the check of the
            # site's published addresses still runs, a deleted published case a lost address
            # (an editor's trial: git rm of a published case passed the hook)
            deleted = True
            continue
        files.add(path.resolve())
        folder = case_folder_of(path, root)
        if folder is not None:
            folders.add(folder)
    if not files and not deleted:
        return EXIT_OK
    whole = is_site_cases(args.root, site)  # urls.lock and collections.yml are about the site's cases
    ledger = ledger_path(site)
    result = check_within(settings, site, root, sorted(folders), files=files, whole_site=whole, ledger=ledger)
    named = {Path(name).resolve() for name in args.files}
    if ledger is not None and ledger.resolve() in named and in_repository(site.base):
        # urls.lock changed in this commit: the addresses the last commit's had and it has not (a
        # review: a case deleted with its line passed the hook; the pull request's check said so)
        removed_since_base(result, site, "HEAD", ledger)
    print(FORMATS[args.format](result.diagnostics, result.summary, guide=links_for(site, os.environ)))
    return EXIT_ERRORS if result.errors else EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = sub.add_parser("check-files", help="只检查这些文件所属的案例（供 pre-commit 使用）")
    check.add_argument("files", nargs="*", help="改动的文件（index.md、图片，或专题文件 collections.yml）")
    check.add_argument("--root", help=CASES_HELP)
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式：text、json 或 github")
    check.set_defaults(func=cmd_check_files)
