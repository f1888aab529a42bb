"""``showcase clean-photos PATH... [--dry-run]``: a case's photos without their location.

The editor's tool for a pull request whose photos carry GPS coordinates (``image-location``)
or a personal number in their metadata: every JPEG and PNG below PATH (a case folder, or
one photo) loses its EXIF, XMP, IPTC and comments in place, the picture not encoded
again (``core/editors/photoclean.py``); the orientation and colour profile stay.
Exit 0 when every photo is clean (or, with ``--dry-run``, already was), 1 when a photo
could not be cleaned (or, with ``--dry-run``, would be), 2 for usage errors.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.collection.mkdocs_yml import SiteConfig
from ..core.errors import ConfigError, UsageError
from ..core.folders import refuse_linked_away
from . import EXIT_ERRORS, EXIT_OK


def cmd_clean_photos(args: argparse.Namespace) -> int:
    from ..core.editors.photoclean import clean_photos, report  # Pillow and the check's readers: only here

    # the site's cases folder (itself a link, as a deployment may make it: its own business), or here
    config = Path(args.config_file)
    try:
        cases = SiteConfig.read(config).cases_dir if config.is_file() else Path.cwd()
    except ConfigError:  # a slip in mkdocs.yml is the check's to say: the photos are cleaned all the same
        cases = Path.cwd()
    for name in args.paths:
        path = Path(name)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"找不到 {name}。请写案例文件夹，例如 cases/广东省/gz-yuexiu-2023-001/，或其中一张照片。")
        refuse_linked_away(path, cases)  # cases/湖北省/… through a link out of the cases folder: no photo rewritten there
    write = not args.dry_run
    outcomes = [outcome for name in args.paths for outcome in clean_photos(Path(name), write=write)]
    print(report(outcomes, write=write))
    if any(outcome.problem for outcome in outcomes):
        return EXIT_ERRORS
    return EXIT_ERRORS if not write and any(outcome.removed for outcome in outcomes) else EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    clean = sub.add_parser(
        "clean-photos",
        help="去掉案例照片里的拍摄地点和个人信息（照片原地改写，画面不重新压缩）",
        description="去掉案例文件夹里 JPEG、PNG 照片的拍摄地点（GPS）、EXIF、XMP、IPTC 和注释，"
        "只留下照片方向和颜色配置；画面数据一个字节也不变。HEIC、WebP 等格式不能这样处理，会说明怎么办。",
    )
    clean.add_argument("paths", nargs="+", metavar="PATH", help="案例文件夹（例如 cases/广东省/gz-yuexiu-2023-001/）或其中的照片")
    clean.add_argument("--dry-run", action="store_true", help="只列出每张照片会去掉什么，不改动文件")
    clean.set_defaults(func=cmd_clean_photos)
