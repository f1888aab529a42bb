"""``showcase new``: ask for the essentials and write a new case from the template.

Asks on the terminal for what the flags do not give. With every required flag
given, or with ``--no-input``, it asks nothing (for scripts). When standard input
is not a terminal, answers are read from it line by line.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from ..core.case.fields import field as field_rule
from ..core.case.places import county_stem, known_cities
from ..core.chinadate import china_today
from ..core.collection.loading import Collection, load_case, load_collection, usual_county
from ..core.collection.taxonomy import Vocabulary
from ..core.diagnostics import describe_write_error
from ..core.editors.caseid import place_words
from ..core.editors.newcase import (
    CaseExistsError,
    InputError,
    NewCase,
    case_folder,
    parse_activity_date,
    parse_id,
    parse_organization,
    parse_place,
    parse_term,
    parse_themes,
    parse_title,
    render,
    suggest_id,
    taken_ids,
    write_case,
)
from ..core.errors import ShowcaseError, UsageError
from . import CASES_HELP, DEFAULT_CONFIG, EXIT_ERRORS, EXIT_OK, PREVIEW_HOST, PREVIEW_PORT, cases_root, load_settings, typed_path

T = TypeVar("T")
# The answers a new case's file holds, by their place in it: a refused one is named.
_ANSWERS = {("title",): "标题", ("organization", "name"): "组织名称", ("region", "city"): "城市", ("region", "county"): "区县"}
REQUIRED = {"title": "--title", "organization": "--organization", "category": "--category", "themes": "--theme", "province": "--province"}


ID_QUESTION = "案例编号（将成为网址 /cases/编号/，发布后不能改）"
# The flag that answers each optional question without asking (the required ones are in REQUIRED).
OPTIONAL_FLAGS = {"城市": "--city", "区县": "--county", "活动日期": "--date", "案例编号": "--id"}


class _NoAnswer(Exception):
    """Input ended (or prompting is off) before a required answer was given. Control flow
    within this command (``_ended_early`` says it), never raised past it."""


def _ended_early(ended: _NoAnswer, terminal: bool = False) -> UsageError:
    """The answers ran out at an optional question (city, county, date, id): say which, write nothing.

    Taking the defaults instead would write today's year into the id of an older activity.
    """
    question = str(ended).split("（")[0]
    if terminal:
        return _stopped_on_terminal(question)
    flag = OPTIONAL_FLAGS.get(question, "")
    how = f"直接回车接受建议的值，或用参数 {flag} 给出。" if flag else "请重新运行并回答完所有问题。"
    return UsageError(f"输入在“{question}”这一问时结束了，没有新建案例。{how}", command="new")


def _stopped_on_terminal(question: str) -> UsageError:
    """Ctrl+D at a question on a terminal: the worker typed no flag, so the flags are not the way."""
    return UsageError(
        f"在“{question}”这一问时输入结束了（按了 Ctrl+D？），没有新建案例。"
        "请重新运行 make new（也就是 showcase new），回答完所有问题；要中途取消，按 Ctrl+C。",
        command="new",
    )


class Asker:
    """Reads answers from standard input, asking again after a wrong one."""

    def __init__(self, interactive: bool, out: TextIO | None = None) -> None:
        self.interactive = interactive
        self.out = out or sys.stdout

    def ask(self, prompt: str, parse: Callable[[str], T], default: str | None = None) -> T:
        if not self.interactive:
            raise _NoAnswer(prompt)
        while True:
            shown = f"{prompt}（直接回车用“{default}”）：" if default else f"{prompt}："
            self.out.write(shown)
            self.out.flush()
            line = sys.stdin.readline()
            if not line:
                self.out.write("\n")
                raise _NoAnswer(prompt)
            answer = line.strip() or (default or "")
            try:
                return parse(answer)
            except InputError as exc:
                self.out.write(f"  ✗ {exc}\n")

    def show_choices(self, vocab: Vocabulary, names: Callable) -> None:
        items = [f"{index}. {names(term)}" for index, term in enumerate(vocab.terms, 1)]
        self.out.write("  " + "   ".join(items) + "\n")


def _given(value: str | None, parse: Callable[[str], T]) -> T | None:
    return None if value is None else parse(value)


def cmd_new(args: argparse.Namespace) -> int:
    settings, site = load_settings(args)
    settings.check_images = False
    tax = settings.taxonomy
    root = cases_root(args.cases_dir, site)

    prompting = not args.no_input
    missing = [flag for key, flag in REQUIRED.items() if getattr(args, key) in (None, [])]
    asker = Asker(prompting and bool(missing), sys.stdout if sys.stdin.isatty() else sys.stderr)
    try:
        title = _given(args.title, parse_title)
        organization = _given(args.organization, parse_organization)
        category = _given(args.category, lambda v: parse_term(v, tax.categories))
        themes = parse_themes(args.themes, tax.themes) if args.themes else None
        province = _given(args.province, lambda v: parse_term(v, tax.provinces))
        city = _given(args.city, lambda v: parse_place(v, "城市"))
        county = _given(args.county, lambda v: parse_place(v, "区县"))
        when = _given(args.date, parse_activity_date)
        case_id = _given(args.id, parse_id)
    except InputError as exc:
        raise UsageError(str(exc), command="new") from None

    collection: Collection | None = None
    try:
        if asker.interactive:
            asker.out.write("新建案例：请回答几个问题（Ctrl+C 取消）。\n")
        title = title or asker.ask(f"案例标题（{field_rule('title').lo}–{field_rule('title').hi} 字）", parse_title)
        organization = organization or asker.ask("实施组织的全称", parse_organization)
        if category is None:
            asker.out.write("组织类别（输入序号或名称）：\n")
            asker.show_choices(tax.categories, lambda t: t.name)
            category = asker.ask("组织类别", lambda v: parse_term(v, tax.categories))
        if themes is None:
            asker.out.write(
                f"实践主题（{field_rule('themes').lo}–{field_rule('themes').hi} 个，第一个是主要主题；输入序号或名称，用逗号或空格分开）：\n"
            )
            asker.show_choices(tax.themes, lambda t: t.label)
            themes = asker.ask("实践主题", lambda v: parse_themes(v, tax.themes))
        province = province or asker.ask("省份（例如 广东省）", lambda v: parse_term(v, tax.provinces))
        if city is None and asker.interactive:
            city = asker.ask("城市（例如 广州市；直辖市可直接回车）", lambda v: parse_place(v, "城市"), default=None)
        if county is None and asker.interactive:
            county = asker.ask("区县（例如 越秀区；可直接回车）", lambda v: parse_place(v, "区县"), default=None)
        if county and not city and asker.interactive and province.name not in place_words().municipalities:
            collection = load_collection(root, settings) if root.is_dir() else None
            if not (collection and _city_of(collection, province.name, county)):  # else taken from there below
                # the id starts with the city's initials (gz-liwan-…): without it, liwan-2024-001 (a trial)
                city = asker.ask(
                    f"{county}属于哪个城市？案例编号以城市名的首字母开头（例如 广州市 → gz-），请写上（省直接管辖的县级市，或不知道，可直接回车）",
                    lambda v: parse_place(v, "城市"),
                    default=None,
                )
        if when is None and asker.interactive:  # the id's year is the activity's year, not this year's
            when = asker.ask(
                "活动日期（活动开始或举办的那天，例如 2024-03-05 或 2024年3月5日；只记得月份时写 2024年3月，记为 3 月 1 日）",
                parse_activity_date,
                default=china_today().isoformat(),
            )
    except _NoAnswer as ended:
        answers = {"title": title, "organization": organization, "category": category, "themes": themes, "province": province}
        still = [flag for key, flag in REQUIRED.items() if answers[key] is None]
        terminal = asker.interactive and sys.stdin.isatty()  # Ctrl+D at a question
        if not still or terminal:  # the input ended at an optional question, or Ctrl+D: nothing is written
            raise _ended_early(ended, terminal) from None
        raise UsageError(f"缺少 {'、'.join(still)}。不交互使用时，请用这些参数给出标题、组织、类别、主题和省份。", command="new") from None

    for given, place, label in ((args.city, city, "城市"), (args.county, county, "区县")):
        if given and place and " ".join(given.split()) != place:  # written in Traditional (parse_place)
            print(f"{label}“{' '.join(given.split())}”按简体字写作 {place}（网站用简体字）。")
    city = (known_cities().canonical(province.name, city) or city) if city else ""  # 长沙 -> 长沙市, as the check reads it
    if collection is None:
        collection = load_collection(root, settings) if root.is_dir() else None
    if not city and county and collection is not None:  # the city the collection gives this county
        city = _city_of(collection, province.name, county) or ""
        if city:
            print(f"{county}：按已有案例，城市填为 {city}（编号里用它的首字母，和同一区县的案例一致）。")
    if county and collection is not None and (usual := usual_county(collection.cases, province.name, city, county)) not in (None, county):
        # 越秀 beside cases that write 越秀区: the first check warned county-spelling (helper newH's notes)
        print(f"{county}：按已有案例，区县写作 {usual}（同一个区县，各案例的写法要一致）。")  # as the line on its city
        county = usual
    if not city and county and province.name not in place_words().municipalities:
        said = f"注意：只写了区县（{county}），没写城市。"
        if case_id is None:  # the proposed id: without the city's initials (a county-level city a province runs itself has none)
            said += "案例编号里就没有城市的首字母；如果以后同一区县的案例写了城市，编号的写法会不一致。"
        print(
            said
            + "这个区县属于某个城市的话，请在文件里补上 region.city"
            + ("，并按投稿指南改编号和文件夹名。" if case_id is None else "。")
        )
    new = NewCase(title, organization, category, themes, province, city, county or "", when or china_today())
    taken = taken_ids(collection) if collection else set()
    if case_id is None:
        proposed = suggest_id(new, root, taken)
        if asker.interactive:
            try:
                case_id = asker.ask(ID_QUESTION, parse_id, default=proposed)
            except _NoAnswer as ended:
                raise _ended_early(ended, sys.stdin.isatty()) from None
        else:
            case_id = proposed
    if case_id in taken:
        raise ShowcaseError(f"编号 {case_id} 已被其他案例使用（或是某个案例的旧编号），请换一个。", command="new")
    new.id = case_id
    # What was typed is checked before anything is written: a title with a mobile number was
    # refused after its draft was written, the number in it, and a second try made another
    # folder beside it (a worker's trial).
    planned = load_case(case_folder(root, province, case_id) / "index.md", settings, render(new, tax).encode("utf-8"))
    refused = [d for d in planned.diagnostics if d.is_error]
    if refused:
        asked = {planned.lines[key]: label for key, label in _ANSWERS.items() if key in planned.lines}
        for d in refused:
            said = d.message.replace("这一行", f"{asked[d.line]}里", 1) if d.line in asked else d.message
            print(d.format_answer("错误", said), file=sys.stderr)
        print("没有新建案例（什么也没有写）：请按上面说的改好标题、组织名称等回答，再运行一次。", file=sys.stderr)
        return EXIT_ERRORS
    try:
        path = write_case(root, new, tax)
    except CaseExistsError as exc:
        raise ShowcaseError(f"{exc}请换一个编号（--id）。", command="new") from None
    except OSError as exc:
        raise ShowcaseError(f"无法写入 {root}（{describe_write_error(exc)}）。", command="new") from None

    case = load_case(path, settings)
    errors = [d for d in case.diagnostics if d.is_error]
    if errors:  # the template and the answers should always make a valid draft
        for d in errors:
            print(d.format(), file=sys.stderr)
        return EXIT_ERRORS
    todo = sum(1 for d in case.diagnostics if d.code == "placeholder")
    folder = typed_path(path.parent)
    # The site named with -f, elsewhere: the commands name it too (a review: without it they
    # found no mkdocs.yml, or checked without the site's taxonomy and review words).
    config = Path(args.config_file)
    elsewhere = config.resolve() != Path(DEFAULT_CONFIG).resolve()
    showcase = f"{_showcase()} -f {typed_path(config)}" if elsewhere else _showcase()
    # In the project: the commands the guide teaches; Windows has no make (the guide's PowerShell commands).
    if Path("Makefile").is_file() and os.name != "nt" and not elsewhere:
        preview, check = f"make preview CASE={folder}", f"make check（只查这个案例：{showcase} check {folder}）"
    else:
        preview, check = f"{showcase} preview {folder}", f"{showcase} check {folder}"
    print(f"已新建案例：{path}")
    # what the check will say of the answers themselves (广洲市: not a city of 广东省), said now
    # while they are fresh, not at the first check (a review: the typo was written unsaid)
    for d in case.diagnostics:
        if d.code != "placeholder":
            print(d.format_answer("提醒"))
    print("接下来：")
    print(f"  1. 打开这个文件，把 {todo} 处【请填写】换成案例的内容；照片放进同一个文件夹。")
    print(
        f"  2. 预览：运行 {preview}，在浏览器打开 http://{PREVIEW_HOST}:{PREVIEW_PORT}/cases/{case_id}/（草稿只在预览里看得到，保存后自动刷新）。"
    )
    print(f"  3. 检查：运行 {check}；写好后把 status 改成 review，提交合并请求，等待审核。")
    return EXIT_OK


def _city_of(collection: Collection, province: str, county: str) -> str | None:
    """The one city the collection's cases name for ``county`` of ``province`` (a trial's
    越秀区 without 广州市 made yuexiu-2024-001 beside the district's gz-yuexiu-…)."""
    cities = {
        c.region.city
        for c in collection.cases
        if c.region.province is not None
        and c.region.province.name == province
        and c.region.county
        and county_stem(c.region.county) == county_stem(county)  # 越秀 for 越秀区
        and c.region.city
    }
    return cities.pop() if len(cities) == 1 else None


def _showcase() -> str:
    """``python -m showcase`` with this very Python (``showcase`` itself may not be on PATH)."""
    return f"{typed_path(Path(sys.executable))} -m showcase"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = sub.add_parser("new", help="新建案例：按模板生成 cases/省份/编号/index.md（草稿）")
    new.add_argument("--title", help=f"案例标题（{field_rule('title').lo}–{field_rule('title').hi} 字）")
    new.add_argument("--organization", "--org", dest="organization", help="实施组织的全称")
    new.add_argument("--category", help="组织类别：名称、英文代码或序号")
    new.add_argument(
        "--theme", dest="themes", action="append", help=f"实践主题（可写多次，或用逗号分隔，最多 {field_rule('themes').hi} 个）"
    )
    new.add_argument("--province", help="省份，例如 广东省")
    new.add_argument("--city", help="城市，例如 广州市")
    new.add_argument("--county", help="区县，例如 越秀区")
    new.add_argument("--date", help="活动日期，例如 2024-03-05 或 2024年3月5日（编号的年份取自它；不给时会询问，默认今天）")
    new.add_argument("--id", help="案例编号（默认按地区拼音、年份和序号生成）")
    new.add_argument("--cases-dir", help=CASES_HELP)
    new.add_argument("--no-input", action="store_true", help="不提问：缺少必填参数时直接报错")
    new.set_defaults(func=cmd_new)
