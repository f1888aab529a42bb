"""``showcase check-files FILE…``: check only the cases these files belong to (pre-commit).

The whole collection is loaded, so that rules across cases (duplicate ids, aliases)
still apply, but only the problems of the cases touched by ``FILE…`` are printed.
A photo or an ``index.md`` both select their case's folder; the site's ``collections.yml``
is checked against every case.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
from pathlib import Path

from ..core.collection.loading import CASE_FILE, Collection, discover, finish_collection, folder_name_warnings, load_case
from ..core.diagnostics import Diagnostic
from ..core.editors.guide import links_for
from ..core.editors.report import FORMATS
from ..core.outputs.collections import load_collections
from . import EXIT_ERRORS, EXIT_OK, cases_root, existing_folder, load_settings


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
    for name in args.files:
        path = Path(name)
        if not path.exists():
            continue  # deleted in this commit
        files.add(path.resolve())
        folder = case_folder_of(path, root)
        if folder is not None:
            folders.add(folder)
    if not files:
        return EXIT_OK
    # Every case is loaded for the rules across cases; only the chosen ones open their images.
    others = dataclasses.replace(settings, check_images=False)
    paths, stray = discover(root)
    everything = finish_collection(
        root, [load_case(path, settings if path.parent.resolve() in folders else others) for path in paths], stray
    )
    cases = [c for c in everything.cases if c.folder.resolve() in folders]
    # The folder-name reminder too, as showcase check gives it (core/editors/gate.py).
    diagnostics = sorted(everything.diagnostics + folder_name_warnings(cases), key=Diagnostic.sort_key)
    chosen = [d for d in diagnostics if d.path.resolve().parent in folders or d.path.resolve() in files]
    # The site's collections.yml among the files: checked against every case, as showcase check
    # does (it was let through with 共 0 个案例: an editor's trial).
    curated = site.options.path("collections", site.base)
    if curated is not None and curated.resolve() in files:
        chosen += sorted(load_collections(curated, everything.cases, settings)[1], key=Diagnostic.sort_key)
    summary = Collection(root, cases, chosen).summary()
    guide = links_for(site, os.environ)
    print(FORMATS[args.format](chosen, summary, guide=guide))
    return EXIT_ERRORS if summary["errors"] else EXIT_OK


def register(sub) -> None:
    check = sub.add_parser("check-files", help="只检查这些文件所属的案例（供 pre-commit 使用）")
    check.add_argument("files", nargs="*", help="改动的文件（index.md、图片，或专题文件 collections.yml）")
    check.add_argument("--root", help="案例文件夹（默认取配置的 cases_dir，即 cases/）")
    check.add_argument("--format", choices=sorted(FORMATS), default="text", help="输出格式：text、json 或 github")
    check.set_defaults(func=cmd_check_files)
