"""``showcase approve``: the reviewer's one step, written into the case file as text.

Each test writes a case file by hand (comments, odd layouts, CRLF), runs the command
and compares the bytes: only the status line and the review block may change.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from pathlib import Path

import pytest
from showcase.cli import main
from showcase.core.collection.loading import load_case
from showcase.core.collection.settings import Settings
from showcase.core.editors.yamltext import yaml_scalar

from .conftest import ROOT

HEAD = """---
# 作者：东四街道读书会（这一行注释必须保留）
id: bj-test-2025-001
title: 东城区“四合院读书角”把理论学习搬进大杂院
summary: 东城区一个街道的居民读书会在几处四合院里设立读书角，组织居民共读理论读物，推动理论学习进院入户。
themes: [凝心铸魂, 精神文化]   # 第一个是主要主题
organization:
    name: 东城区东四街道院落读书会
    category: 文体活动类
region:
    province: 北京市
date: 2025-03-01
"""
TAIL = """tags: [读书会]
---

## 基本情况

东四一带保留了许多四合院。
"""


def case_file(tmp_path: Path, middle: str, *, newline: str = "\n", bom: bool = False) -> Path:
    folder = tmp_path / "cases" / "北京市" / "bj-test-2025-001"
    folder.mkdir(parents=True)
    path = folder / "index.md"
    text = (HEAD + middle + TAIL).replace("\n", newline)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def approve(path: Path, capsys, *extra: str, config: Path | None = None) -> tuple[int, str]:
    code = main([*(["-f", str(config)] if config else []), "approve", str(path.parent), *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


def changes(before: bytes, after: bytes) -> list[str]:
    """The lines removed (-) and added (+), in order."""
    diff = difflib.ndiff(before.decode("utf-8-sig").splitlines(), after.decode("utf-8-sig").splitlines())
    return [line.rstrip() for line in diff if line[:1] in "+-"]


def published(path: Path, **settings) -> object:
    case = load_case(path, Settings(**settings))
    assert case.ok, [d.format() for d in case.diagnostics]
    return case


def test_a_case_in_review_becomes_published_and_nothing_else_changes(tmp_path, capsys):
    path = case_file(tmp_path, "status: review   # 作者写完后改成 review\n")
    before = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    assert changes(before, path.read_bytes()) == [
        "- status: review   # 作者写完后改成 review",
        "+ status: published   # 作者写完后改成 review",
        "+ review:",
        "+     reviewer: 东城区民政局",  # the file indents by four: so does the new block
        "+     approved: 2025-06-01",
    ]
    case = published(path)
    assert (case.status.value, case.review.reviewer, case.review.approved) == ("published", "东城区民政局", date(2025, 6, 1))
    assert "已批准发布" in out and "第 13 行：status: published" in out and "第 14 行：review:" in out


def test_crlf_and_bom_are_kept(tmp_path, capsys):
    path = case_file(tmp_path, "status: review\n", newline="\r\n", bom=True)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n") == (HEAD + TAIL).count("\n") + 4
    published(path)


def test_an_existing_review_block_is_filled_in_place(tmp_path, capsys):
    middle = 'status: "review"\nreview:   # 审核单位填写\n  reviewer: "待定"  # 写单位全称\n# 审核意见：同意\nbrands: [文化铸魂]\n'
    path = case_file(tmp_path, middle)
    before = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    assert changes(before, path.read_bytes()) == [
        '- status: "review"',
        "+ status: published",
        '-   reviewer: "待定"  # 写单位全称',
        "+   reviewer: 东城区民政局  # 写单位全称",
        "+   approved: 2025-06-01",  # after the last line of the block, before the comment that follows it
    ]
    assert "# 审核意见：同意\nbrands" in path.read_text(encoding="utf-8")
    published(path)


@pytest.mark.parametrize(
    "review",
    [
        "review: {reviewer: 旧单位, approved: 2020-01-01}  # 旧的写法\n",
        "review:\n",
        "review: 东城区民政局\n",
        "review:\n  reviewer: >\n    东城区\n    民政局\n  approved: 2020-01-01\n",
    ],
    ids=["flow", "empty", "text", "folded"],
)
def test_other_shapes_of_review_become_a_block(tmp_path, capsys, review):
    path = case_file(tmp_path, "status: review\n" + review)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    text = path.read_text(encoding="utf-8")
    assert re.search(r"\nstatus: published\nreview:\n( +)reviewer: 东城区民政局\n\1approved: 2025-06-01\ntags:", text), text
    published(path)


def test_a_published_case_is_approved_again_with_the_new_date(tmp_path, capsys):
    """After an edit to a published case, the reviewer confirms it: only the date changes."""
    path = case_file(tmp_path, "status: published\nreview:\n  reviewer: 东城区民政局\n  approved: 2025-01-02\n")
    before = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    assert changes(before, path.read_bytes()) == ["-   approved: 2025-01-02", "+   approved: 2025-06-01"]
    # The citation on the site carries the approval date: the editor is told it moves.
    assert "这个案例已于 2025-01-02 发布；审核日期改成 2025-06-01 后" in out and "不必运行 approve" in out
    assert "案例就会出现在网站上" not in out
    approved = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    # approved again as it was: nothing changed, nothing to commit (a trial was told to commit)
    assert code == 0 and "这个案例已于 2025-06-01 发布，审核单位和日期都没有变，文件没有改动，不需要提交。" in out, out
    assert path.read_bytes() == approved and "请提交" not in out


def test_a_missing_status_is_added_with_the_review(tmp_path, capsys):
    path = case_file(tmp_path, "")
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    assert "tags: [读书会]\nstatus: published\nreview:\n    reviewer: 东城区民政局\n    approved: 2025-06-01\n---" in path.read_text(
        "utf-8"
    )


@pytest.mark.parametrize(
    ("middle", "extra", "expected"),
    [
        ("status: review\n", ["--date", "2099-01-01"], "[approved-in-future]"),
        ("status: review\nvolunteers: 很多\n", [], "[bad-number]"),
        (
            "status: draft\n",
            [],
            "先把文件里的 status: draft 改成 status: review（待审），再运行一次这条命令",
        ),  # not "手工修改" (an editor's week)
        # a draft's status written in Chinese is still a draft: not published unreviewed
        ("status: 草稿\n", [], "还是草稿（status: draft）"),
        # read as the check reads a status (bad-status: 是不是 draft？), not published past the refusal
        ("status: Draft\n", [], "还是草稿（status: draft）"),
        ("status: ＤＲＡＦＴ\n", [], "还是草稿（status: draft）"),
        ("status: withdrawn\nreview:\n  reviewer: 东城区民政局\n  approved: 2025-01-02\n", [], "已撤回"),
        ("status: Withdrawn\nreview:\n  reviewer: 东城区民政局\n  approved: 2025-01-02\n", [], "--republish"),
        # the states it can read are named (a refusal said only to write review: an editor's week)
        (
            "status: 草稿中\n",
            [],
            "的状态写的是 status: 草稿中，读不出来：status 只能写 draft（草稿）、review（待审）、published（已发布）或 withdrawn（已撤回）",
        ),
        ("status: review\nstatus: review\n", [], "格式错误"),
    ],
    ids=[
        "future",
        "bad-field",
        "draft",
        "draft-in-chinese",
        "draft-capitalized",
        "draft-full-width",
        "withdrawn",
        "withdrawn-capitalized",
        "unknown-status",
        "broken-yaml",
    ],
)
def test_refused_cases_are_left_untouched(tmp_path, capsys, middle, extra, expected):
    path = case_file(tmp_path, middle)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", *extra)
    assert code == 1, out
    assert expected in out
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime
    assert [p.name for p in path.parent.iterdir()] == ["index.md"]  # no temporary file left


def test_a_withdrawn_case_is_published_again_with_republish_and_its_reason_goes(tmp_path, capsys):
    """An editor's trial: approve refused a withdrawn case and pointed to a guide section that
    had no steps; published by hand, the case kept the reason it had been withdrawn for."""
    middle = "status: withdrawn\nwithdrawn_reason: >-\n  内容有误，\n  改正后再发布。\nreview:\n  reviewer: 东城区民政局\n  approved: 2025-04-02\n"
    path = case_file(tmp_path, middle)
    before = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 1 and "--republish" in out and path.read_bytes() == before
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01", "--republish")
    assert code == 0, out
    assert sorted(changes(before, path.read_bytes())) == sorted(
        [
            "- status: withdrawn",
            "+ status: published",
            "- withdrawn_reason: >-",
            "-   内容有误，",
            "-   改正后再发布。",
            "-   approved: 2025-04-02",
            "+   approved: 2025-06-01",
        ]
    )
    case = published(path)
    assert case.withdrawn_reason == "" and not case.diagnostics
    assert "已删掉撤回原因 withdrawn_reason" in out  # a line taken out is in no list of changed lines (a review)
    # the review block's date was the withdrawal's, never a publication the editor is told of
    assert "合并后，案例就会出现在网站上" in out and "已于 2025-04-02 发布" not in out, out


def test_a_published_case_that_keeps_its_withdrawal_reason_is_reminded(tmp_path):
    path = case_file(
        tmp_path, "status: published\nwithdrawn_reason: 组织已注销\nreview:\n  reviewer: 东城区民政局\n  approved: 2025-04-02\n"
    )
    case = load_case(path, Settings())
    assert [(d.code, d.severity.value, d.line) for d in case.diagnostics] == [("withdrawn-reason-left", "warning", 14)]


def test_a_case_with_an_error_names_it_and_says_nothing_was_written(tmp_path, capsys):
    path = case_file(tmp_path, "status: review\n")
    text = path.read_text("utf-8").replace("四合院。", "四合院。联系电话 13812345678。")
    path.write_text(text, encoding="utf-8")
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 1
    assert "[mobile-number]" in out and "文件没有改动" in out
    assert path.read_text("utf-8") == text


def config_with_reviewers(tmp_path: Path, reviewers: str) -> Path:
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: 测试\ndocs_dir: cases\nplugins:\n  - showcase:\n      reviewers: {reviewers}\n", encoding="utf-8")
    return config


def test_a_reviewer_not_on_the_sites_list_is_refused(tmp_path, capsys):
    config = config_with_reviewers(tmp_path, "[东城区民政局, 西城区民政局]")
    path = case_file(tmp_path, "status: review\n")
    before = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政", "--date", "2025-06-01", config=config)
    assert code == 1
    assert "[reviewer-not-listed]" in out and "是不是“东城区民政局”" in out and "西城区民政局" in out
    assert path.read_bytes() == before
    code, out = approve(path, capsys, "--reviewer", "乐山市民政局", "--date", "2025-06-01", config=config)
    assert code == 1 and "是不是" not in out  # another place's unit: no guess of one that merely ends alike
    code, out = approve(path, capsys, "--reviewer", "南城区民政局", "--date", "2025-06-01", config=config)
    assert code == 1 and "是不是" not in out  # 南 is not 东: the four characters they share are every unit's
    for typed in ("东成区民政局", "东城民政局", "北京市东城区民政局"):  # a typo, the unit written short, or with its city
        code, out = approve(path, capsys, "--reviewer", typed, "--date", "2025-06-01", config=config)
        assert code == 1 and "是不是“东城区民政局”" in out, typed
    code, out = approve(path, capsys, "--reviewer", "区民政局", "--date", "2025-06-01", config=config)
    assert code == 1 and "是不是" not in out  # the end of every unit on the list: no guess
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01", config=config)
    assert code == 0, out  # the guess, typed as given, is accepted


def test_a_reviewer_written_without_or_with_its_city_is_still_guessed(tmp_path, capsys):
    """A unit written without the city before it (越秀区民政局 for 广州市越秀区民政局), or with it
    where the list has none: the whole name is the end they share, and b998de43 judged what
    is left (nothing) as no likeness, so that it guessed nothing; the whole-name match did."""
    path = case_file(tmp_path, "status: review\n")
    for listed, typed, meant in (
        ("[广州市越秀区民政局, 广州市天河区民政局]", "越秀区民政局", "广州市越秀区民政局"),
        ("[越秀区民政局, 天河区民政局]", "广州市天河区民政局", "天河区民政局"),
    ):
        config = config_with_reviewers(tmp_path, listed)
        code, out = approve(path, capsys, "--reviewer", typed, "--date", "2025-06-01", config=config)
        assert code == 1 and f"是不是“{meant}”" in out, (typed, out)


def test_check_reports_a_published_case_whose_reviewer_is_not_on_the_list(tmp_path, capsys):
    config = config_with_reviewers(tmp_path, "[东城区民政局]")
    case_file(tmp_path, "status: published\nreview:\n  reviewer: 朝阳区民政局\n  approved: 2025-01-02\n")
    code = main(["-f", str(config), "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "index.md:15: error [reviewer-not-listed] 审核单位“朝阳区民政局”不在本网站的审核单位名单上。" in out
    config.write_text(config.read_text("utf-8").replace("[东城区民政局]", "[东城区民政局, 朝阳区民政局]"), encoding="utf-8")
    assert main(["-f", str(config), "check"]) == 0


@pytest.mark.parametrize("value", ["东城区民政局", "[1, 2]", '[""]'])
def test_a_reviewers_option_that_is_not_a_list_of_names_is_one_line(tmp_path, capsys, value):
    config = config_with_reviewers(tmp_path, value)
    case_file(tmp_path, "status: review\n")
    code = main(["-f", str(config), "check"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "reviewers 应是文字的列表" in err


def test_reviewers_listed_with_chinese_commas_are_said_at_their_line(tmp_path, capsys):
    """A maintainer's trial: reviewers: [浙江省民政厅，温州市民政局] was one unit's name, and
    every case's reviewer was refused, naming a list that seemed to hold it."""
    config = config_with_reviewers(tmp_path, "[东城区民政局，朝阳区民政局、西城区民政局]")
    case_file(tmp_path, "status: review\n")
    assert main(["-f", str(config), "check"]) == 2
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1
        and " 行：showcase 插件选项 reviewers 里的“东城区民政局，朝阳区民政局、西城区民政局”用中文逗号或顿号隔开了几个单位" in err
    ), err
    assert "例如 [东城区民政局, 朝阳区民政局, 西城区民政局]" in err
    # a list pasted 5,000 times over is one short line, not said back whole (hostile input)
    config = config_with_reviewers(tmp_path, "[" + "东城区民政局，" * 5000 + "朝阳区民政局]")
    assert main(["-f", str(config), "check"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 300 and "例如 [东城区民政局, 东城区民政局, 东城区民政局, …]" in err, err[:400]


@pytest.mark.parametrize(("given", "words"), [("2025-6", "2024-12-20"), ("昨天", "2024-12-20"), ("2025-02-30", "没有 2025-02-30 这一天")])
def test_a_malformed_date_is_a_usage_error(tmp_path, capsys, given, words):
    path = case_file(tmp_path, "status: review\n")
    with pytest.raises(SystemExit) as stop:
        main(["approve", str(path), "--reviewer", "东城区民政局", "--date", given])
    assert stop.value.code == 2
    assert words in capsys.readouterr().err  # the form shown, or the day that does not exist


@pytest.mark.parametrize("text", ["东城区民政局", "东城区: 民政局", "#1 单位", "yes", "2025-01-01", "'引号'", 'a "b"', " 空格"])
def test_yaml_scalar_reads_back_as_the_same_text(text):
    import yaml

    assert yaml.safe_load(f"k: {yaml_scalar(text)}") == {"k": text}


def test_every_sample_case_in_review_can_be_approved(tmp_path, capsys):
    """The project's own cases: approving each changes its status line and adds three lines."""
    samples = [p for p in (ROOT / "cases").rglob("index.md") if "\nstatus: review" in p.read_text("utf-8")]
    assert samples
    for number, sample in enumerate(samples):
        path = tmp_path / str(number) / "index.md"
        path.parent.mkdir()
        for item in sample.parent.iterdir():
            (path.parent / item.name).write_bytes(item.read_bytes())
        before = path.read_bytes()
        code, out = approve(path, capsys, "--reviewer", "测试区民政局", "--date", "2025-06-01")
        assert code == 0, out
        assert [line[0] for line in changes(before, path.read_bytes())] == ["-", "+", "+", "+", "+"]


def test_without_the_reviewer_the_usage_error_says_what_is_missing(tmp_path, capsys):
    path = case_file(tmp_path, "status: review\n")
    with pytest.raises(SystemExit) as stop:
        main(["approve", str(path.parent)])
    assert stop.value.code == 2
    assert "参数错误：缺少 --reviewer" in capsys.readouterr().err


def _lines(out: str) -> dict[str, int]:
    """code -> line of each diagnostic printed (``file:line: error [code]``)."""
    return {m.group(2): int(m.group(1)) for m in re.finditer(r"index\.md:(\d+): \w+ \[([a-z-]+)\]", out)}


def test_a_refusal_names_the_lines_of_the_file_as_it_is(tmp_path, capsys):
    """The errors were counted in the edited text, which a refusal never writes: three lines
    down (the review block it would add), on a file with a BOM and CRLF line ends (a trial)."""
    path = case_file(tmp_path, "status: review\ncover: photo1.jpg\n", newline="\r\n", bom=True)
    text = path.read_bytes().decode("utf-8-sig").replace("四合院。", "四合院。\r\n\r\n联系电话 13812345678。\r\n\r\n![活动](photo2.jpg)")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert main(["check", str(tmp_path / "cases")]) == 1
    checked = _lines(capsys.readouterr().out)
    assert {"image-missing", "mobile-number"} <= set(checked)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 1 and "文件没有改动" in out
    assert _lines(out) == checked


def test_a_problem_in_an_option_is_said_to_be_the_options(tmp_path, capsys):
    config = config_with_reviewers(tmp_path, "[东城区民政局]")
    path = case_file(tmp_path, "status: review\n")
    code, out = approve(path, capsys, "--reviewer", "朝阳区民政局", "--date", "2025-06-01", config=config)
    assert code == 1
    assert re.search(r"index\.md:13: error \[reviewer-not-listed\] --reviewer 写的内容：审核单位“朝阳区民政局”不在", out), out
    published_case = case_file(tmp_path / "other", "status: published\nreview:\n  reviewer: 东城区民政局\n  approved: 2025-06-01\n")
    code = main(["withdraw", str(published_case.parent), "--reviewer", "东城区民政局", "--reason", "请联系13812345678了解"])
    out = capsys.readouterr().out
    assert code == 1
    assert re.search(r"index\.md:13: error \[mobile-number\] --reason 写的内容：", out), out


def test_an_approval_before_the_practice_began_is_refused(tmp_path, capsys):
    path = case_file(tmp_path, "status: review\n")  # date: 2025-03-01
    before = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2020-01-01")
    assert code == 1 and "审核日期 2020-01-01 早于这个案例的开展时间 2025-03-01" in out
    assert path.read_bytes() == before


def test_an_approval_on_the_day_the_practice_began_is_accepted(tmp_path, capsys):
    """A one-day activity can be reviewed and published the same day: only an earlier date is refused."""
    path = case_file(tmp_path, "status: review\n")  # date: 2025-03-01
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-03-01")
    assert code == 0, out
    assert published(path).review.approved == date(2025, 3, 1)


def test_the_case_file_keeps_its_permissions(tmp_path, capsys):
    """The new text is written to a temporary file (made private by the system) and moved
    over the case: the case file must keep the mode it had, readable by the group as before."""
    path = case_file(tmp_path, "status: review\n")
    path.chmod(0o644)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_file_that_cannot_be_replaced_leaves_no_temporary_file(tmp_path, capsys, monkeypatch):
    """A case file that cannot be replaced (held open on Windows, a read-only share): the
    case is untouched and no .approve-*.tmp is left beside it to be committed with the case."""
    import os

    path = case_file(tmp_path, "status: review\n")
    before = path.read_bytes()

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "replace", refused)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code != 0 and "文件没有改动" in out, out
    assert path.read_bytes() == before and sorted(p.name for p in path.parent.iterdir()) == ["index.md"]


def test_run_from_another_folder_the_case_is_judged_by_its_own_sites_rules(tmp_path, capsys, monkeypatch):
    """Without -f and with no mkdocs.yml where it runs, the command reads the site the case is
    in: its reviewer list refused 朝阳区民政局 from the project folder and let it through
    from another (a trial)."""
    config_with_reviewers(tmp_path, "[东城区民政局]")
    path = case_file(tmp_path, "status: review\n")
    before = path.read_bytes()
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out = approve(path, capsys, "--reviewer", "朝阳区民政局", "--date", "2025-06-01")
    assert code == 1 and "[reviewer-not-listed]" in out
    assert path.read_bytes() == before


def test_approve_keeps_each_line_s_end_and_drops_a_comment_naming_the_old_status(tmp_path, capsys):
    """An editor's trial: a file of CRLF and LF lines mixed (edited on Windows and elsewhere)
    came back all CRLF, every line changed in the pull request's diff; and
    `status: "review"  # 待审` became `status: published  # 待审`. Each line keeps its end, an
    added line takes the one before it, and a comment that only named the status goes."""
    path = case_file(tmp_path, 'status: "review"  # 待审\n')
    lines = path.read_bytes().split(b"\n")
    mixed = b"".join(line + (b"\r\n" if n % 3 == 0 else b"\n") for n, line in enumerate(lines[:-1])) + lines[-1]
    path.write_bytes(mixed)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    after = path.read_bytes()
    kept = [line for line in mixed.split(b"\n") if b"status" not in line]
    assert all(line in after.split(b"\n") for line in kept), after  # each other line, its end as it was
    assert [line for line in after.split(b"\n") if line.startswith(b"status")] == [b"status: published\r"], after
    assert changes(mixed, after) == [
        '- status: "review"  # 待审',
        "+ status: published",
        "+ review:",
        "+     reviewer: 东城区民政局",
        "+     approved: 2025-06-01",
    ], changes(mixed, after)
    assert published(path).status.value == "published"


def test_approve_keeps_a_file_of_cr_line_ends_as_it_was(tmp_path, capsys):
    """A red team: a file whose lines end in CR alone (an old Mac editor's; the check reads
    it) came back with LF, every line of it changed in the diff."""
    path = case_file(tmp_path, "status: review\n")
    before = path.read_bytes().replace(b"\n", b"\r")
    path.write_bytes(before)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    after = path.read_bytes()
    assert b"\n" not in after and after.count(b"\r") == before.count(b"\r") + 3, after
    assert published(path).status.value == "published"


def test_a_case_is_found_by_its_id(tmp_path, capsys, monkeypatch):
    """The pull-request summary shows ids: an editor types one. A folder not named after its
    id is found by the id in its front matter."""
    path = case_file(tmp_path, "status: review\n")
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml: the cases folder is cases/
    assert main(["approve", "bj-test-2025-001", "--reviewer", "东城区民政局", "--date", "2025-06-01"]) == 0
    assert "已批准发布" in capsys.readouterr().out
    path.parent.rename(path.parent.with_name("四合院 读书角"))
    code = main(["withdraw", "bj-test-2025-001", "--reviewer", "东城区民政局", "--reason", "组织已注销", "--date", "2025-07-01"])
    assert code == 0, capsys.readouterr()
    assert "status: withdrawn" in (path.parent.with_name("四合院 读书角") / "index.md").read_text(encoding="utf-8")
    assert main(["approve", "bj-no-such-2025-001", "--reviewer", "东城区民政局"]) == 2
    assert "不是案例文件夹，也不是案例的 index.md 或编号" in capsys.readouterr().err
    # one character off: the id meant (an editor's trial: no 是不是 for bj-dongchen-2025-004)
    assert main(["approve", "bj-test-2025-01", "--reviewer", "东城区民政局"]) == 2
    assert (
        "没有编号为 bj-test-2025-01 的案例。是不是 bj-test-2025-001？是的话，把命令里的编号改成 bj-test-2025-001 再运行。"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    "written",
    ["id:\n  bj-test-2025-001\n", "id:\n    'bj-test-2025-001'\n", "id: >-\n  bj-test-2025-001\n"],
    ids=["next-line", "quoted", "folded"],
)
def test_an_id_written_otherwise_than_on_its_line_finds_the_case(tmp_path, capsys, monkeypatch, written):
    """``id:`` with its value on the next line is YAML the check takes: approve and withdraw
    said there was no case of that id (a review). Found as YAML reads the front matter; an id
    that only another case's words hold finds nothing still."""
    path = case_file(tmp_path, "status: review\n")
    text = path.read_text(encoding="utf-8")
    assert text.count("id: bj-test-2025-001\n") == 1
    path.write_text(text.replace("id: bj-test-2025-001\n", written), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["approve", "bj-test-2025-001", "--reviewer", "东城区民政局", "--date", "2025-06-01"]) == 0, capsys.readouterr()
    assert "已批准发布" in capsys.readouterr().out and "status: published" in path.read_text(encoding="utf-8")
    code = main(["withdraw", "bj-test-2025-001", "--reviewer", "东城区民政局", "--reason", "组织已注销", "--date", "2025-07-01"])
    assert code == 0, capsys.readouterr()
    assert "status: withdrawn" in path.read_text(encoding="utf-8")
    other = path.parent.with_name("bj-other-2025-001")
    other.mkdir()
    words = text.replace("bj-test-2025-001", "bj-other-2025-001").replace("title: ", "title: 接续 bj-test-2025-002 ", 1)
    (other / "index.md").write_text(words, encoding="utf-8")
    before = (other / "index.md").read_bytes()
    assert main(["approve", "bj-test-2025-002", "--reviewer", "东城区民政局"]) == 2
    assert "bj-test-2025-002 不是案例文件夹，也不是案例的 index.md 或编号" in capsys.readouterr().err
    assert (other / "index.md").read_bytes() == before


def test_an_id_in_a_file_not_in_utf8_or_in_two_cases_names_those_files_not_another_case(tmp_path, capsys, monkeypatch):
    """An editor's trial: a case saved by Notepad as "Unicode" (UTF-16) was not found by its
    id, the nearest other id was offered (是不是 bj-test-2025-011？), and taking it approved
    the wrong case; an id two cases share offered itself, an endless loop. The file that holds
    the id is named, with what to mend; two files with the id are named both."""
    path = case_file(tmp_path, "status: review\n")
    near = path.parent.with_name("bj-test-2025-011")
    near.mkdir()
    (near / "index.md").write_text(path.read_text(encoding="utf-8").replace("bj-test-2025-001", "bj-test-2025-011"), encoding="utf-8")
    path.write_bytes(path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-16"))  # Notepad's "Unicode", with its BOM
    before = (near / "index.md").read_bytes()
    monkeypatch.chdir(tmp_path)
    for command in (
        ["approve", "bj-test-2025-001", "--reviewer", "东城区民政局"],
        ["withdraw", "bj-test-2025-001", "--reviewer", "东城区民政局", "--reason", "组织已注销"],
    ):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "bj-test-2025-001/index.md" in err and "UTF-16" in err and "是不是" not in err, err
    assert (near / "index.md").read_bytes() == before
    twin = path.parent.with_name("四合院 读书角")
    twin.mkdir()
    (twin / "index.md").write_text((near / "index.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["approve", "bj-test-2025-011", "--reviewer", "东城区民政局"]) == 2
    err = capsys.readouterr().err
    assert "有 2 个案例都写着编号 bj-test-2025-011：" in err, err
    assert "cases/北京市/bj-test-2025-011" in err and "cases/北京市/四合院 读书角" in err, err
    assert "例如 showcase approve " in err and "是不是" not in err, err
    assert (near / "index.md").read_bytes() == before


def test_a_case_is_found_by_a_former_id(tmp_path, capsys, monkeypatch):
    """The ledger's hint for a lost old address says ``showcase withdraw <that id>``; for a
    renamed case that id is a former one, and the command said it was no case (an editor's
    trial). A former id finds the case that lists it in ``aliases``, and says so; an id
    that only appears in another field's words finds nothing."""
    path = case_file(
        tmp_path, "aliases:\n  - bj-old-2024-001\nstatus: published\nreview:\n    reviewer: 东城区民政局\n    approved: 2025-02-27\n"
    )
    other = tmp_path / "cases" / "北京市" / "bj-other-2025-002" / "index.md"
    other.parent.mkdir()
    other.write_text(
        path.read_text(encoding="utf-8").replace("bj-test-2025-001", "bj-other-2025-002").replace("bj-old-2024-001", "bj-test-2025-001"),
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    code = main(["withdraw", "bj-old-2024-001", "--reviewer", "东城区民政局", "--reason", "组织已注销", "--date", "2025-07-01"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "bj-old-2024-001 是案例 bj-test-2025-001 以前用的编号" in out and "status: withdrawn" in path.read_text(encoding="utf-8")
    other.write_text(
        other.read_text(encoding="utf-8").replace("  - bj-test-2025-001\n", "").replace("东四", "bj-nowhere-2020-001 东四"),
        encoding="utf-8",
    )
    assert "bj-nowhere-2020-001" in other.read_text(encoding="utf-8")
    assert main(["approve", "bj-nowhere-2020-001", "--reviewer", "东城区民政局"]) == 2
    assert "不是案例文件夹，也不是案例的 index.md 或编号" in capsys.readouterr().err


def test_an_id_line_in_another_case_s_body_is_no_id(tmp_path, capsys, monkeypatch):
    """A red team's published case had the line ``id: <another case's id>`` in its body:
    withdraw by that id took the wrong case down. Only the front matter's id counts; and a
    former id written as digits (YAML reads a number) finds its case too (a review)."""
    path = case_file(tmp_path, "aliases: [20210006]\nstatus: published\nreview:\n    reviewer: 东城区民政局\n    approved: 2025-02-27\n")
    other = tmp_path / "cases" / "北京市" / "bj-other-2025-002" / "index.md"
    other.parent.mkdir()
    text = path.read_text(encoding="utf-8").replace("bj-test-2025-001", "bj-other-2025-002").replace("aliases: [20210006]\n", "")
    other.write_text(text + "\nid: bj-test-2025-001\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["--reviewer", "东城区民政局", "--reason", "组织已注销", "--date", "2025-07-01"]
    assert main(["withdraw", "bj-test-2025-001", *args]) == 0, capsys.readouterr()
    assert "status: withdrawn" in path.read_text(encoding="utf-8") and "status: published" in other.read_text(encoding="utf-8")
    capsys.readouterr()
    path.write_text(path.read_text(encoding="utf-8").replace("status: withdrawn", "status: published"), encoding="utf-8")
    assert main(["withdraw", "20210006", *args]) == 0, capsys.readouterr()
    assert "20210006 是案例 bj-test-2025-001 以前用的编号" in capsys.readouterr().out


def test_a_pipe_named_index_md_does_not_hold_the_lookup_by_id(tmp_path, capsys, monkeypatch):
    """Looking a case up by its id opened every index.md: a pipe named so held the command."""
    import os

    path = case_file(tmp_path, "status: review\n")
    path = path.parent.rename(path.parent.with_name("四合院读书角")) / "index.md"  # found by its id, not its folder
    (tmp_path / "cases" / "北京市" / "管道").mkdir()
    os.mkfifo(tmp_path / "cases" / "北京市" / "管道" / "index.md")
    monkeypatch.chdir(tmp_path)
    assert main(["approve", "bj-test-2025-001", "--reviewer", "东城区民政局", "--date", "2025-06-01"]) == 0
    assert "已批准发布" in capsys.readouterr().out and "status: published" in path.read_text(encoding="utf-8")


def test_a_folder_that_refuses_the_new_file_is_one_line_and_the_case_is_untouched(tmp_path, capsys, monkeypatch):
    """The temporary file beside the case is made inside the guarded step: a folder that
    refuses it (a synced or read-only share) is the command's one line, not a traceback."""
    import tempfile

    path = case_file(tmp_path, "status: review\n")
    before = path.read_bytes()

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path.parent))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code != 0 and "Traceback" not in out
    assert f"无法写入 {path}" in out and "文件没有改动" in out, out
    assert path.read_bytes() == before and sorted(p.name for p in path.parent.iterdir()) == ["index.md"]


def test_an_id_given_outside_the_project_says_the_site_is_not_found(tmp_path, capsys, monkeypatch):
    # Run from another folder, a valid id was called "not a case folder, index.md or id".
    monkeypatch.chdir(tmp_path)
    assert main(["approve", "gz-yuexiu-2023-001", "--reviewer", "越秀区民政局"]) == 2
    err = capsys.readouterr().err
    assert f"在这个文件夹（{tmp_path}）里找不到网站的 mkdocs.yml 和 cases 文件夹" in err and "-f" in err and "不是案例文件夹" not in err


@pytest.mark.parametrize("given", ["2025/6/1", "2025-6-1", "2025年6月1日", "２０２５-06-01"])
def test_a_date_is_taken_as_showcase_new_takes_one(tmp_path, capsys, given):
    # 2024/12/20 was refused here, taken by showcase new (an editor's trial).
    path = case_file(tmp_path, "status: review\n")
    assert main(["approve", str(path), "--reviewer", "东城区民政局", "--date", given]) == 0
    assert "  approved: 2025-06-01" in path.read_text(encoding="utf-8")


def test_a_case_whose_aliases_name_another_case_s_id_is_not_approved(tmp_path, capsys, monkeypatch):
    """A red team's new case wrote a case in review's id in its aliases; approve published it,
    and the check then told the untouched case to change its id."""
    path = case_file(tmp_path, "aliases: [bj-other-2025-002]\nstatus: review\n")
    other = tmp_path / "cases" / "北京市" / "bj-other-2025-002" / "index.md"
    other.parent.mkdir()
    text = path.read_text(encoding="utf-8").replace("id: bj-test-2025-001", "id: bj-other-2025-002")
    other.write_text(text.replace("aliases: [bj-other-2025-002]\n", ""), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = path.read_bytes()
    assert main(["approve", "bj-test-2025-001", "--reviewer", "东城区民政局", "--date", "2025-06-01"]) == 1
    out = capsys.readouterr().out
    assert "没有批准：这个案例 aliases 里的旧编号是别的案例的编号或旧编号：bj-other-2025-002（cases/北京市/bj-other-2025-002）" in out, out
    assert path.read_bytes() == before
    # another case's former id: its old address would lead here (a review)
    other.write_text(
        other.read_text(encoding="utf-8").replace("id: bj-other-2025-002\n", "id: bj-other-2025-002\naliases: [bj-old-2020-001]\n"),
        encoding="utf-8",
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("aliases: [bj-other-2025-002]", "aliases: [bj-old-2020-001]"), encoding="utf-8"
    )
    before = path.read_bytes()
    assert main(["approve", "bj-test-2025-001", "--reviewer", "东城区民政局", "--date", "2025-06-01"]) == 1
    assert "bj-old-2020-001（cases/北京市/bj-other-2025-002）" in capsys.readouterr().out and path.read_bytes() == before


def test_a_case_in_review_at_an_address_published_before_needs_republish(tmp_path, capsys):
    """An editor's trial: a new case given a withdrawn case's id (the check's hint had said to
    set its status back) was approved without a word, and a different case stood at an address
    departments had cited. A case in review whose id urls.lock records is published only with
    --republish, after the editor has said which it is."""
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: 测试\ndocs_dir: cases\nplugins:\n  - showcase\n", encoding="utf-8")
    (tmp_path / "urls.lock").write_text("# 已发布网址清单\n/\n/cases/bj-test-2025-001/\n", encoding="utf-8")
    path = case_file(tmp_path, "status: review\n")
    before = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01", config=config)
    assert code == 1 and path.read_bytes() == before, out
    assert "编号 bj-test-2025-001 的网址已经发布过（记录在已发布网址清单 urls.lock 第 3 行）" in out and "换一个新编号" in out, out
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01", "--republish", config=config)
    assert code == 0 and published(path).status.value == "published", out
    # a case the ledger does not record is approved as before
    (tmp_path / "urls.lock").write_text("# 已发布网址清单\n/\n", encoding="utf-8")
    path.write_bytes(before)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01", config=config)
    assert code == 0, out


def test_a_case_whose_id_names_another_year_than_its_date_is_not_published(tmp_path, capsys):
    """An editor's trial: the check's id-year (said of a case not yet published) was not said by
    approve, which published the case; its id, now its address, could no longer be corrected."""
    path = case_file(tmp_path, "status: review\n")
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-03-01", "date: 2024-06-01"), encoding="utf-8")
    before = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 1 and path.read_bytes() == before, out
    assert "没有批准：编号 bj-test-2025-001 里的年份是 2025，开展时间 2024-06-01 是 2024 年。" in out and "文件没有改动" in out, out


def test_a_case_published_before_is_not_told_to_change_its_id_for_its_year(tmp_path, capsys):
    """A review: a withdrawn case whose date was corrected to another year was refused by
    approve --republish for id-year, and told to change its id: its address, published."""
    middle = "status: withdrawn\nwithdrawn_reason: 数据重新核定\nreview:\n  reviewer: 东城区民政局\n  approved: 2025-04-02\n"
    path = case_file(tmp_path, middle)
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2025-03-01", "date: 2024-11-01"), encoding="utf-8")
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01", "--republish")
    assert code == 0 and "id-year" not in out and "没有批准" not in out, out


def test_approve_says_a_link_to_a_case_not_yet_published(tmp_path, capsys, monkeypatch):
    """An editor's week: CONTRIBUTING says a link to a draft is said when the case is
    approved; approve read the case alone and said nothing, the check afterwards did. Said
    now as the check says it, by the linked case's id or former id; a link to a published
    case, or to one by its former id, says nothing; a link written as a file path to a draft
    stops the approval, as it would stop the publishing build."""
    path = case_file(tmp_path, "status: review\n")
    for case_id, status, extra in (("bj-draft-2025-002", "draft", ""), ("bj-pub-2025-003", "published", "aliases: [bj-old-2020-009]\n")):
        other = tmp_path / "cases" / "北京市" / case_id / "index.md"
        other.parent.mkdir()
        review = "review:\n  reviewer: 东城区民政局\n  approved: 2025-05-01\n" if status == "published" else ""
        other.write_text(
            (HEAD + extra + f"status: {status}\n" + review + TAIL).replace("id: bj-test-2025-001", f"id: {case_id}"), encoding="utf-8"
        )
    text = path.read_text(encoding="utf-8")
    body = (
        "\n另见[草稿的案例](/cases/bj-draft-2025-002/)、[已发布的案例](/cases/bj-pub-2025-003/)和[它的旧编号](/cases/bj-old-2020-009/)。\n"
    )
    path.write_text(text + body, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 0, out
    line = path.read_text(encoding="utf-8").split("\n").index(body.strip()) + 1  # in the file as approve wrote it
    assert f"index.md:{line}: warning [body-link] 正文链接到案例 bj-draft-2025-002，它还没有发布（草稿）" in out, out
    assert out.count("[body-link]") == 1, out
    # written as the draft's file: the publishing build would stop, so approve does
    path.write_text(text + "\n见[草稿](../bj-draft-2025-002/index.md)。\n", encoding="utf-8")
    before = path.read_bytes()
    code, out = approve(path, capsys, "--reviewer", "东城区民政局", "--date", "2025-06-01")
    assert code == 1 and "error [body-link]" in out and path.read_bytes() == before, out


def test_approve_writes_the_review_in_place_of_the_template_s_commented_example(tmp_path, capsys, monkeypatch):
    """A trial of the guide: a case made by showcase new, approved, had its review block just
    above the template's commented one (# review: / #   reviewer: 某某区民政局 …): both shown.
    The block is written in the example's place, under its comment."""
    from tests.support.project import make_project

    project = make_project(tmp_path / "site")
    monkeypatch.chdir(project)
    new = ["new", "--title", "银龄互助守望空巢老人", "--org", "越秀区北京街道老年人协会", "--category", "社区事务类"]
    new += ["--theme", "便民服务", "--province", "广东省", "--city", "广州市", "--county", "越秀区", "--date", "2024-03-01"]
    assert main(new) == 0
    (path,) = (project / "cases").glob("广东省/gz-yuexiu-2024-*/index.md")
    text = path.read_text(encoding="utf-8")
    summary = "越秀区北京街道老年人协会组织低龄老人结对帮扶高龄空巢老人，提供助餐和陪诊，两年服务4800人次。"
    text = re.sub(r"summary: 【请填写】.*", f"summary: {summary}", text).replace("status: draft", "status: review")
    front = text.split("\n---\n", 1)[0]
    path.write_text(front + "\n---\n\n## 基本情况\n\n协会有会员 120 人，每周为高龄空巢老人送餐、陪诊。\n", encoding="utf-8")
    capsys.readouterr()
    code, out = approve(path, capsys, "--reviewer", "越秀区民政局", "--date", "2024-12-20")
    assert code == 0, out
    after = path.read_text(encoding="utf-8").split("\n")
    assert "# review:" not in after and not any(line.startswith("#   reviewer:") for line in after), after
    status = after.index("status: published")
    assert after[status + 1].startswith("# 审核信息"), after[status : status + 5]
    assert after[status + 2 : status + 5] == ["review:", "  reviewer: 越秀区民政局", "  approved: 2024-12-20"], after[status : status + 5]
