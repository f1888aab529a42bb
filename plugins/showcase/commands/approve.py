"""``showcase approve PATH --reviewer NAME [--date D]``: the reviewer's one step.

Sets ``status: published`` and the ``review`` block (reviewer, date) in the case file,
keeping its comments and layout, checks the case as ``showcase check`` does, and
writes the file only when the case has no errors. The manual edit it replaces is
described in the guide (CONTRIBUTING.md, 审核和发布流程).
"""

from __future__ import annotations

import argparse
import difflib
import os
from datetime import date
from pathlib import Path

from ..core.case.model import Case, Status
from ..core.case.rules import ID_PATTERN
from ..core.case.source import ID_LINE
from ..core.case.written import date_parts
from ..core.chinadate import china_today
from ..core.collection.loading import check_links_of, load_case
from ..core.collection.mkdocs_yml import SiteConfig
from ..core.collection.settings import Settings
from ..core.diagnostics import shown_path
from ..core.editors.approve import Approval, plan_approval, write_approval
from ..core.editors.gate import recorded_ids
from ..core.editors.guide import links_for
from ..core.editors.lookup import (
    FrontMatters,
    aliases_of_others,
    by_former_id,
    by_id,
    front_matters,
    undecodable_with_id,
    with_former_id,
    with_id,
)
from ..core.editors.newcase import InputError, parse_date
from ..core.editors.report import GUIDE_LABEL
from ..core.errors import ConfigError
from ..core.folders import refuse_linked_away
from . import DEFAULT_CONFIG, EXIT_ERRORS, EXIT_OK, load_settings, typed_path


def approval_date(text: str) -> date:
    """A day as ``showcase new`` takes one (2024-12-20, 2024/12/20, 2024年12月20日: a trial's
    2024/12/20 was refused here); a month alone is no approval date."""
    if date_parts(text) is None:
        raise argparse.ArgumentTypeError(f"日期应写成 2024-12-20 这样（也可以写 2024/12/20 或 2024年12月20日），现在是“{text}”")
    try:
        return parse_date(text)
    except InputError:  # the form is right: the day does not exist
        raise argparse.ArgumentTypeError(f"没有 {text.strip()} 这一天，请检查月份和日期") from None


def case_file(args: argparse.Namespace, command: str = "approve") -> Path:
    """The case file ``args.path`` names: its folder, its index.md, or its id (what the
    pull-request summary shows). Then the site it belongs to, when no mkdocs.yml was named
    and there is none here: run from another folder, the site's rules (its reviewer list,
    its collections) were not applied and the edit went through (a trial)."""
    given = args.path
    path = Path(given)
    if path.is_dir():
        path = path / "index.md"
    guess = ""
    if not path.is_file() and ID_PATTERN.fullmatch(given):
        cases = SiteConfig.read(Path(args.config_file)).cases_dir
        heads = front_matters(cases)
        path = by_id(given, heads) or path
        if not path.is_file():
            _refuse_ambiguous(given, heads, command)
            # a file in UTF-16 (Notepad's "Unicode"): its id is unread, and the nearest other id
            # was offered, and approved when taken (an editor's trial): the file itself, whose
            # reading says what to mend
            path = undecodable_with_id(given, cases) or path
        if not path.is_file():  # a former id: the ledger's hint for an old address names it
            found = by_former_id(given, heads)
            if found is not None:
                path, current = found
                print(f"{given} 是案例 {current} 以前用的编号（写在它的 aliases 里），下面处理的是这个案例：{shown_path(path.parent)}")
        if not path.is_file():  # a mistyped id: the nearest one (an editor's trial: bj-dongchen for bj-dongcheng)
            ids = [found[1] for found in (ID_LINE.search(text) for _, text in heads) if found]
            guess = next(iter(difflib.get_close_matches(given, ids, n=1, cutoff=0.8)), "")
        if not path.is_file() and not Path(args.config_file).is_file() and not cases.is_dir():
            raise ConfigError(  # run outside the project: the id is no fault (an editor's trial)
                f"在这个文件夹（{Path.cwd()}）里找不到网站的 {args.config_file} 和 cases 文件夹，所以找不到编号为 {given} 的案例。"
                f"请到项目文件夹里再运行，或用 -f 指定项目的 mkdocs.yml，例如 showcase -f 项目文件夹/mkdocs.yml {command} {given}"
            )
    if not path.is_file() or path.name != "index.md":
        if guess:
            raise ConfigError(f"没有编号为 {given} 的案例。是不是 {guess}？是的话，把命令里的编号改成 {guess} 再运行。")
        raise ConfigError(
            f"{given} 不是案例文件夹，也不是案例的 index.md 或编号。请写案例文件夹或编号，"
            f"例如 showcase {command} cases/广东省/gz-yuexiu-2023-001 或 showcase {command} gz-yuexiu-2023-001"
        )
    if not Path(args.config_file).is_file():
        site = next((folder / DEFAULT_CONFIG for folder in path.resolve().parents if (folder / DEFAULT_CONFIG).is_file()), None)
        if site is not None:
            args.config_file = str(site)
    return path


def _refuse_ambiguous(case_id: str, heads: FrontMatters, command: str) -> None:
    """Several case files say ``id: case_id``: which one is meant is not guessed (the nearest
    id offered was the id itself, an endless loop: an editor's trial)."""
    found = with_id(case_id, heads)
    if len(found) > 1:
        shown = "、".join(shown_path(path.parent) for path in found[:5])
        raise ConfigError(
            f"有 {len(found)} 个案例都写着编号 {case_id}：{shown}。一个编号只能属于一个案例，命令不知道要处理哪一个。"
            f"请给不是它的那个案例换一个新编号（showcase check 会指出重复的编号），或者在命令里写案例文件夹，"
            f"例如 showcase {command} {typed_path(found[0].parent)}"
        )


def _address_taken(recorded: dict[str, int], approval: Approval, republish: bool) -> str | None:
    """Why a case in review whose id's address urls.lock records is not published by a plain
    approve: it was published or withdrawn before and set back by hand, or it is another case
    given a withdrawn one's id. An editor's trial: a new case under a withdrawn case's id was
    approved without a word, and a different case stood at an address departments had cited."""
    case = approval.case
    if republish or approval.published_on is not None:  # published already: approved again
        return None
    line = recorded.get(case.id)
    if line is None:
        return None
    return (
        f"没有批准：编号 {case.id} 的网址已经发布过（记录在已发布网址清单 urls.lock 第 {line} 行），这个案例现在却不是已发布的。"
        "发布过的编号只属于原来那个案例：如果这是另一个新案例，请给它换一个新编号（改 id 和文件夹名）再批准；"
        "如果就是原来那个案例（发布或撤回后被改成了待审），要重新发布：撤回过的先确认撤回的原因已经消除，"
        "再在命令后面加上 --republish 运行一次。文件没有改动。"
    )


def _id_year(path: Path, settings: Settings, approval: Approval, recorded: dict[str, int], republish: bool) -> str | None:
    """Why a case whose id names another year than its date is not published: the check's
    id-year says it of a case not yet published only (once published, the id is its address
    and stays), and approve published it without a word (an editor's trial). Not of a case
    published before (--republish, or an id urls.lock records): its id cannot change (a
    review: a withdrawn case whose date was corrected was told to change its address)."""
    if approval.published_on is not None or republish or approval.case.id in recorded:
        return None
    found = next((d for d in load_case(path, settings).diagnostics if d.code == "id-year"), None)
    if found is None:
        return None
    return f"没有批准：{found.message}{found.hint}改好后再运行一次这条命令。文件没有改动。"


def _linked(case: Case, heads: FrontMatters, settings: Settings) -> list[Case]:
    """The cases ``case``'s body links to, by their id or a former id (each read once)."""
    here = case.path.resolve()
    paths: dict[Path, None] = {}
    for case_id in dict.fromkeys(link.case_id for link in case.case_links):
        found = by_id(case_id, heads)
        for path in [found] if found is not None else [p for p, _ in with_former_id(case_id, heads)]:
            if path.resolve() != here:
                paths.setdefault(path)
    return [load_case(path, settings) for path in paths]


def cmd_approve(args: argparse.Namespace) -> int:
    path = case_file(args)
    settings, site = load_settings(args)
    approval = plan_approval(path, args.reviewer, args.date or china_today(), settings, republish=args.republish)
    found = recorded_ids(site)  # read once for both (urls.lock unreadable: the check says why)
    recorded = found if isinstance(found, dict) else {}
    if (
        refusal := _address_taken(recorded, approval, args.republish) or _id_year(path, settings, approval, recorded, args.republish)
    ) is not None:
        print(refusal)
        return EXIT_ERRORS
    heads = front_matters(site.cases_dir) if approval.case.aliases or approval.case.case_links else []
    taken = aliases_of_others(path, approval.case.aliases, heads) if approval.case.aliases else []
    if taken:
        print(
            f"没有批准：这个案例 aliases 里的旧编号是别的案例的编号或旧编号：{'、'.join(taken)}。"
            "旧编号只写这个案例以前发布时用过的编号；请删掉这几项后再批准。文件没有改动。"
        )
        return EXIT_ERRORS
    case = approval.case
    if case.case_links:  # as the check reads them: a link to a draft is said now, not after merging
        check_links_of(case, _linked(case, heads, settings))
    return finish(
        args,
        site,
        approval,
        state=Status.PUBLISHED,
        command="approve",
        refused="没有批准",
        done=[f"已批准发布：{path}", f"  编号 {case.id}，审核单位 {case.review.reviewer}，审核日期 {case.review.approved}"]
        + (["  已删掉撤回原因 withdrawn_reason（重新发布后用不上了）。"] if approval.dropped_reason else []),
        then=_then(approval),
    )


def _then(approval: Approval) -> str:
    """What to do next; for a case already published, what a new approval date changes."""
    before, after = approval.published_on, approval.case.review.approved if approval.case.review else None
    if before is None:
        return "请提交这次修改；合并后，案例就会出现在网站上。"
    if before == after and not approval.changed:  # approved again, nothing to commit (a trial was told to)
        return f"这个案例已于 {before} 发布，审核单位和日期都没有变，文件没有改动，不需要提交。"
    if before == after:
        return f"这个案例已于 {before} 发布，审核日期没有变。请提交这次修改。"
    return (
        f"这个案例已于 {before} 发布；审核日期改成 {after} 后，网站上“引用本案例”和汇编里写的日期也会变成 {after}"
        "（已经引用过它的文件里还是原来的日期）。只是改了错字、不需要重新审核时，不必运行 approve，直接提交修改即可。"
        "确认要更新日期，请提交这次修改。"
    )


def finish(
    args: argparse.Namespace, site: SiteConfig, edit: Approval, *, state: Status, command: str, refused: str, done: list[str], then: str
) -> int:
    """The end of ``approve`` and ``withdraw``: with errors, the diagnostics and that nothing
    was written; else the file written, what changed, the warnings and what to do next."""
    refuse_linked_away(edit.case.path, site.cases_dir)  # cases/湖北省 a link out of the project: no edit there
    guide = links_for(site, os.environ)

    def show(diagnostics: list) -> None:
        for d in diagnostics:
            print(d.format() + (f"\n    {GUIDE_LABEL} {guide.url(d.code)}" if guide else ""))

    if edit.errors:
        show(edit.in_the_file())
        print(
            f"{refused}：改为{state.label}后，这个案例有 {len(edit.errors)} 个错误（见上）。"
            f"文件没有改动；改正后再运行一次 showcase {command}。"
        )
        return EXIT_ERRORS
    write_approval(edit)
    for said in done:
        print(said)
    for line, text in edit.changed:
        print(f"  第 {line} 行：{text.strip()}")
    show(edit.case.diagnostics)  # warnings only: they do not stop the edit
    print(then)
    return EXIT_OK


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    approve = sub.add_parser("approve", help="审核通过：把案例改为已发布，填写审核单位和日期")
    approve.add_argument("path", help="案例文件夹、它的 index.md 或案例编号（例如 gz-yuexiu-2023-001；改过编号的案例，写旧编号也能找到）")
    approve.add_argument("--reviewer", required=True, help="审核单位的名称，例如 越秀区民政局")
    approve.add_argument("--date", type=approval_date, default=None, help="审核通过的日期，例如 2024-12-20（默认今天）")
    approve.add_argument(
        "--republish", action="store_true", help="重新发布已撤回的案例（先确认撤回的原因已经消除）：同时删掉撤回原因 withdrawn_reason"
    )
    approve.set_defaults(func=cmd_approve)
