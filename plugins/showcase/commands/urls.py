"""``showcase urls [--update]``: the published-URL ledger (urls.lock) from the command line.

``showcase check`` verifies the ledger too (``core/editors/gate.ledger_diagnostics``), so that
the pull-request gate stops a change that would break a published URL.
"""

from __future__ import annotations

import argparse
import sys

from ..core.cachefile import lines_as_read, read_regular, write_atomic
from ..core.collection.history import Restorer
from ..core.collection.loading import load_collection
from ..core.editors.gate import ledger_path, site_collections, site_plan
from ..core.outputs.ledger import (
    CONFLICT_CODE,
    LEDGER_FILE,
    RENAMED_CODE,
    RETIRED,
    LedgerError,
    absent,
    check_ledger,
    error_summary,
    missing,
    read_ledger,
    updated_ledger,
)
from ..core.progress import progress
from ..core.site.texts import load_texts
from . import CASES_HELP, EXIT_ERRORS, EXIT_OK, add_data_files, cases_root, existing_folder, load_settings, say_repaired, unwritable


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    urls = sub.add_parser("urls", help="检查已发布网址清单 urls.lock；加 --update 追加新发布的网址")
    urls.add_argument("path", nargs="?", help=CASES_HELP)
    urls.add_argument("--update", action="store_true", help="把当前发布的网址追加进清单（已有的网址保留）")
    urls.add_argument("--ledger", help="网址清单文件（默认 mkdocs.yml 旁的 urls.lock）")
    add_data_files(urls, review_words=True)
    urls.set_defaults(func=cmd_urls)


def cmd_urls(args: argparse.Namespace) -> int:
    """``showcase urls [--update]``: check the published-URL ledger, or add the new URLs to it."""
    settings, site = load_settings(args)
    texts = load_texts(site.options.path("texts", site.base))
    root = existing_folder(cases_root(args.path, site))
    path = ledger_path(site, args.ledger) or site.base / LEDGER_FILE
    collection = load_collection(root, settings, jobs=0, report=progress)  # on every core, saying how far
    say_repaired(collection.repaired)
    if collection.errors:
        print(f"案例有 {len(collection.errors)} 处错误，请先运行 showcase check 并按提示修改，再更新网址清单。", file=sys.stderr)
        return EXIT_ERRORS
    curated, problems = site_collections(site, collection)
    broken = [d for d in problems if d.is_error]
    if broken:  # a 专题 that cannot be made was said to be gone, its page to redirect (a trial)
        for diagnostic in broken:
            print(diagnostic.format())
        print(f"专题文件有 {len(broken)} 处错误（见上），请先改正，再检查或更新网址清单。", file=sys.stderr)
        return EXIT_ERRORS
    ledger = read_ledger(path)
    problem = None if ledger.exists else absent(path, collection.cases)
    if problem:  # --update would start a second ledger beside this site's own, or a new one in place of a deleted one
        raise LedgerError(problem)
    plan = site_plan(settings, site, collection, texts, curated, ledger)
    check = check_ledger(ledger, plan, collection.cases, Restorer(site.base))
    conflicts = [d for d in check.errors if d.code == CONFLICT_CODE]
    if args.update:  # the file is written again from its URLs: both sides of a conflict kept, as the union driver does
        check.errors = [d for d in check.errors if d.code != CONFLICT_CODE]
    for diagnostic in check.errors:
        print(diagnostic.format())
    for url, target in sorted(check.fallbacks.items()):
        if url not in ledger.retired:  # a removed term's page, recorded so (已删除): said when it was
            print(f"页面 /{url} 已不存在，构建时会跳转到 /{target}")
    for diagnostic in check.warnings:  # after the redirect it explains
        print(diagnostic.format())
    if check.errors:
        print(f"{path.name}：{error_summary(check)[0]}，请先按上面的提示处理。" + ("清单未更新。" if args.update else ""))
        return EXIT_ERRORS
    if args.update:
        text, added, named, retired = updated_ledger(ledger, plan)
        # also a header or a line written otherwise than the tool writes it (a hand edit, an earlier version's words)
        before = read_regular(path) if ledger.exists else b""  # read once: compared, and its line ends and BOM kept
        changed = not ledger.exists or lines_as_read(before.decode("utf-8-sig")) != text
        if changed:
            try:
                # whole or not at all: the ledger is what keeps published URLs; in the file's own
                # line ends and BOM (a file saved on Windows was rewritten whole, every line of
                # its 98 changed in the diff: an editor's trial)
                write_atomic(path, _as_written(text, before))
            except OSError as exc:
                raise unwritable(path, exc) from None
        if conflicts:
            print(f"已去掉 {path.name} 里 {len(conflicts)} 处 Git 合并冲突的标记，冲突两边的网址都保留了。")
        if changed:
            total = len(ledger.urls) + len(added)
            # "新增 0 个。请把它和案例一起提交" read wrong when only places were named, or the
            # file was only written again in the tool's form: it says what changed
            if added:
                print(f"已写入 {path}：共 {total} 个网址，新增 {len(added)} 个。请把它和案例一起提交。")
            elif conflicts:  # the merge's cases are committed with it
                print(f"已写入 {path}：共 {total} 个网址，没有新的网址。请把它和案例一起提交。")
            elif named or retired:
                marks = "、".join(([] if not named else ["地名"]) + ([] if not retired else [f"“{RETIRED}”"]))
                print(f"已写入 {path}：共 {total} 个网址，没有新的网址，只给原有的网址记上了{marks}（见下）。请提交这个文件。")
            else:
                print(f"已写入 {path}：共 {total} 个网址，没有新的网址，只是按本程序的写法重写了文件（例如开头的说明）。请提交这个文件。")
            if named:  # a ledger of an earlier version: its city and county pages named once
                print(
                    f"{'另外' if added else ''}给 {len(named)} 个城市、区县页的网址记上了地名：网址是地名的拼音，以后有拼音相同的另一个地名"
                    "（例如打错的字）发布，这些网址仍然打开原来那个地方的页面。"
                )
            if retired:
                print(
                    f"{'另外' if added or named else ''}给 {len(retired)} 个删掉了的分类或专题页的网址记上了“{RETIRED}”："
                    + "、".join(f"/{url}" for url in retired)
                    + "。旧网址仍然跳转到上一级；以后新加的分类或专题，不会再被当成是它们改了名。"
                )
        else:  # a trial was asked to commit a file that had not changed
            print(f"{path} 没有变化：共 {len(ledger.urls)} 个网址，没有新的网址，不需要提交。")
        for url in added:
            print(f"  + /{url}")
        if added and any(d.code == RENAMED_CODE for d in check.warnings):
            # the new address recorded, the warning is not said again: a rename's aliases are now or never remembered
            print(
                "注意：新网址已经记进清单，上面“看起来是改了 key”的提醒以后不会再出现。"
                "是改名的话，现在就在分类文件或专题文件里加上提示里的 aliases，再运行一次 showcase check 确认。"
            )
        return EXIT_OK
    if not ledger.exists:
        print(missing(path))
        return EXIT_OK
    print(f"{path.name}：记录的 {len(ledger.urls)} 个网址都可以访问。")
    if check.new:
        print(f"有 {len(check.new)} 个新发布的网址还没有记录，运行 showcase urls --update 加入清单：")
        for url in check.new:
            print(f"  + /{url}")
    return EXIT_OK


def _as_written(text: str, before: bytes) -> bytes:
    """``text`` with the line ends (CRLF when the file had them) and the BOM of ``before``."""
    if b"\r\n" in before:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if before.startswith(b"\xef\xbb\xbf") else b"") + text.encode("utf-8")
