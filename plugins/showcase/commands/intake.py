"""``showcase import PATH... [--into DIR]``: Word submissions (and their photos) into draft case folders.

PATH is a ``.docx``, a ``.zip`` or a folder (an inbox). Every submission becomes a new
folder ``<DIR>/<省>/<id>/`` holding ``index.md`` (``status: draft``) and its photos, or
one clear line saying why not; the report ends with the check of each draft.
Exit 0 when every submission was imported, 1 when any was not, 2 for usage errors.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.diagnostics import describe_write_error, printable
from ..core.editors.intake.importer import Importer
from ..core.editors.intake.report import FORMATS
from ..core.errors import UsageError
from ..core.progress import progress
from . import EXIT_ERRORS, EXIT_OK, add_data_files, cases_root, load_settings, typed_path


def cmd_import(args: argparse.Namespace) -> int:
    settings, site = load_settings(args)
    if args.into is None and not site.read_from_file:
        # an editor's trial ran it in the WeChat inbox: a cases/ folder was made there, the draft
        # given the id of a published case, and the report said 已导入 (exit 0)
        raise UsageError(
            f"在这个文件夹（{Path.cwd()}）和它的上级文件夹里找不到网站的 {args.config_file}："
            "草稿要放进网站的案例文件夹，编号和查重也要按网站已有的案例。"
            f"请到项目文件夹里再运行，或用 -f 指定项目的 mkdocs.yml，例如 showcase -f 项目文件夹/mkdocs.yml import {typed_path(Path(args.paths[0]))}。"
        )
    root = cases_root(args.into, site)
    if args.into is not None and settings.taxonomy.provinces.lookup(root.name) is not None and root.name.endswith(("省", "市", "区")):
        # an editor's trial: --into cases/广东省 made cases/广东省/广东省/<id>/, unsaid
        raise UsageError(
            f"--into {args.into}：这是一个省份的文件夹。草稿会自动放进“案例文件夹/省份/编号”，"
            f"--into 只写案例文件夹本身，例如 --into {typed_path(Path(args.into).parent)}（不写 --into 就是网站的 cases）。"
        )
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} 是一个文件，不是文件夹：草稿要放进一个文件夹。请在 --into 后面写文件夹，例如 --into 草稿箱。")
    # the folders made here, deepest first: taken away again when no draft went into them (a
    # worker's trial: --into a/b for a file imported before left a/b behind, empty)
    made = [folder for folder in (root, *root.absolute().parents) if not folder.exists()]
    try:
        root.mkdir(parents=True, exist_ok=True)
        importer = Importer(root, settings, report=progress, site_cases=cases_root(None, site))
        outcomes, notes = importer.run([Path(p) for p in args.paths])
    except OSError as exc:  # a folder that cannot be made or written (/proc, no permission, disk full)
        raise UsageError(
            f"无法在 {root} 里建草稿文件夹（{describe_write_error(exc)}）。请换一个能写入的文件夹，例如 --into 草稿箱。"
        ) from None
    finally:
        for folder in made:
            try:
                folder.rmdir()  # only an empty one
            except OSError:
                break
    report = FORMATS[args.format](outcomes, notes)
    print(printable(report) if args.format == "text" else report)  # names a sender chose, printed whole
    return EXIT_OK if outcomes and all(o.ok for o in outcomes) else EXIT_ERRORS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    intake = sub.add_parser("import", help="导入 Word 申报材料（.docx、.zip 或文件夹），生成案例草稿")
    intake.add_argument("paths", nargs="+", metavar="PATH", help="Word 文件（.docx）、压缩包（.zip）或收件文件夹")
    intake.add_argument("--into", help="案例文件夹（默认是网站的案例文件夹 cases/）")
    intake.add_argument("--format", choices=sorted(FORMATS), default="text", help="报告格式：text 或 json")
    add_data_files(intake)
    intake.set_defaults(func=cmd_import)
