"""``showcase template [-o FILE]``: the Word submission form (案例申报表.docx) for organizations.

Generated from the site's taxonomy and the field table, so a site with its own
taxonomy gets its own form, in the site's words (the ``form`` option); ``showcase import``
reads it back.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.errors import UsageError
from ..core.outputs.form import write_form
from . import EXIT_OK, add_data_files, load_settings, may_replace, output_folder, unwritable


def cmd_template(args: argparse.Namespace) -> int:
    settings, _site = load_settings(args)
    out = Path(args.output or settings.form["file_name"])
    if out.suffix.lower() != ".docx":
        raise UsageError(f"申报表要保存成 .docx 文件，现在写的是 {out}。例如：showcase template -o 案例申报表.docx")
    output_folder(out)
    # A form sent back filled in is often saved under the very name the blank one is written to.
    may_replace(out, force=args.force, lost="如果它是收回来的、已经填好的申报表，填的内容会丢失")
    try:
        write_form(out, settings.taxonomy, settings.form)
    except OSError as exc:
        raise unwritable(out, exc) from None
    print(f"已生成申报表：{out}")
    print("发给各组织填写；收回后用 showcase import 导入成案例草稿。")
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    template = sub.add_parser("template", help="生成 Word 申报表（案例申报表.docx），供各组织填写")
    template.add_argument("-o", "--output", help="保存到哪个文件（默认 案例申报表.docx，或网站 form 文件里的 file_name）")
    template.add_argument("--force", action="store_true", help="文件已经有了时覆盖它（里面填写的内容会丢失）")
    add_data_files(template)
    template.set_defaults(func=cmd_template)
