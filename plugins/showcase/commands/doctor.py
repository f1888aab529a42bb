"""``showcase doctor``: what this computer lacks to build the site, and how to fix it.

Exit 0 when the build can run (a missing Chromium, needed only by the tests, is a
reminder), 1 when something required is missing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.collection.mkdocs_yml import SiteConfig
from ..core.editors.doctor import diagnose
from ..core.errors import ConfigError
from ..core.options import Options
from . import EXIT_ERRORS, EXIT_OK, read_site


def cmd_doctor(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file)
    try:
        site = read_site(config_file)
    except ConfigError as exc:  # mkdocs.yml is wrong: the computer's own checks still run, with the defaults
        findings = diagnose(Options(), config_file.resolve().parent, problem=str(exc))
    else:
        findings = diagnose(site.options, site.base, site.site_url, site.config_file, docs_folder(site))
    print("检查这台电脑能否生成网站：")
    for item in findings:
        mark = "通过" if item.ok else "提醒" if not item.required else "有误" if item.wrong else "缺少"
        print(f"  [{mark}] {item.name}：{item.detail}")
        if not item.ok and item.fix:
            print(f"         解决办法：{item.fix}")
    missing = [item for item in findings if not item.ok and item.required]
    if missing:
        print(f"有 {len(missing)} 项必须解决（{'、'.join(item.name for item in missing)}），解决后再运行一次 showcase doctor。")
        return EXIT_ERRORS
    print("可以生成网站：运行 mkdocs build --strict，或用 mkdocs serve 预览。")
    return EXIT_OK


def docs_folder(site: SiteConfig) -> tuple[Path, bool] | None:
    """The folder MkDocs builds the site from and whether mkdocs.yml writes it (MkDocs' own
    default otherwise); None when only MkDocs can tell (an !ENV value). Written in a file
    mkdocs.yml inherits, it is relative to mkdocs.yml's folder all the same, as MkDocs reads it."""
    written = any("docs_dir" in file.top_keys for file in site.files)
    if written and site.docs_dir_written is None:
        return None
    from mkdocs.config.base import get_schema  # only here: the core reads mkdocs.yml as YAML
    from mkdocs.config.defaults import MkDocsConfig

    default = dict(get_schema(MkDocsConfig))["docs_dir"].default
    return site.base / (site.docs_dir_written or default), written


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    doctor = sub.add_parser(
        "doctor",
        help="检查这台电脑：Python、中文字体、搜索程序、Pango、缓存文件夹、LibreOffice、测试用的浏览器；以及网站设置、案例文件夹和网址清单",
    )
    doctor.set_defaults(func=cmd_doctor)
