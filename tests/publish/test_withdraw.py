"""``showcase withdraw``: taking a published case down, written into the case file as text,
then built: the tombstone page shows the day of the withdrawal, not of the publication
(it labelled ``review.approved`` 撤回日期 while the guide never said to change it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from showcase.cli import main

from .conftest import build_site, make_project, write_case
from .test_approve import case_file, changes


def withdraw(path: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["withdraw", str(path.parent), *extra])
    out = capsys.readouterr()
    return code, out.out + out.err


PUBLISHED = "status: published   # 审核后\nreview:\n    reviewer: 东城区民政局\n    approved: 2025-02-27\n"


def test_a_published_case_is_withdrawn_with_the_decision_and_the_reason(tmp_path, capsys):
    path = case_file(tmp_path, PUBLISHED)
    before = path.read_bytes()
    code, out = withdraw(path, capsys, "--reviewer", "东城区民政局", "--reason", "读书会已解散，案例撤回。", "--date", "2026-11-30")
    assert code == 0, out
    assert changes(before, path.read_bytes()) == [
        "- status: published   # 审核后",
        "+ status: withdrawn   # 审核后",
        "+ withdrawn_reason: 读书会已解散，案例撤回。",
        "-     approved: 2025-02-27",
        "+     approved: 2026-11-30",
    ]
    assert "已撤回" in out and "撤回日期 2026-11-30" in out and "# 作者" in path.read_text(encoding="utf-8")
    # the folder stays in the public repository: what to do when the withdrawal is for its content (a trial)
    assert "撤回不会删掉案例文件夹，文字和照片还在仓库里" in out and "请把那些照片删掉（正文里引用它们的那一行也删掉）" in out
    assert "仓库的历史记录里还有，要彻底清除请找维护网站的人员" in out  # deleting is not purging (a review)
    code, out = withdraw(path, capsys, "--reviewer", "东城区民政局", "--reason", "又一个原因")
    assert code == 1 and "已经撤回了" in out  # not twice


def test_a_review_block_without_a_date_gets_one_and_the_reason_stays_outside_it(tmp_path, capsys):
    """The reason was inserted where the missing approved: line went, inside the block (a review)."""
    path = case_file(tmp_path, "status: published\nreview:\n    reviewer: 东城区民政局\n")
    code, out = withdraw(path, capsys, "--reviewer", "东城区民政局", "--reason", "组织已注销", "--date", "2026-11-30")
    assert code == 0, out
    text = path.read_text(encoding="utf-8")
    assert "status: withdrawn\nwithdrawn_reason: 组织已注销\nreview:\n    reviewer: 东城区民政局\n    approved: 2026-11-30\n" in text


def test_a_withdrawal_before_the_publication_is_refused(tmp_path, capsys):
    path = case_file(tmp_path, PUBLISHED)
    before = path.read_bytes()
    code, out = withdraw(path, capsys, "--reviewer", "东城区民政局", "--reason", "组织已注销", "--date", "1999-01-01")
    assert code == 1 and "早于这个案例的发布审核日期 2025-02-27" in out and path.read_bytes() == before


def test_only_a_published_case_can_be_withdrawn(tmp_path, capsys):
    path = case_file(tmp_path, "status: review\n")
    before = path.read_bytes()
    code, out = withdraw(path, capsys, "--reviewer", "东城区民政局", "--reason", "不要了")
    assert code == 1 and "还没有发布" in out and "删除这个案例文件夹" in out
    assert path.read_bytes() == before
    code, out = withdraw(path, capsys, "--reviewer", "东城区民政局", "--reason", "  ")
    assert code == 2 and "撤回原因不能是空的" in out  # a usage error, as a missing --reason is


def test_the_tombstone_shows_the_day_of_the_withdrawal(tmp_path, capsys, monkeypatch):
    project = make_project(tmp_path)
    case = write_case(project / "cases", "pub-001", 1)
    monkeypatch.chdir(project)
    assert main(["withdraw", str(case.parent), "--reviewer", "测试区民政局", "--reason", "组织已注销。", "--date", "2026-11-30"]) == 0
    capsys.readouterr()
    site = build_site(project)
    page = (site / "cases/pub-001/index.html").read_text(encoding="utf-8")
    assert '撤回日期：</strong><time datetime="2026-11-30">2026年11月30日</time>' in page
    assert "组织已注销。" in page


def test_a_case_in_a_collection_is_not_withdrawn_until_the_collection_lets_it_go(tmp_path, capsys, monkeypatch):
    """A 专题 may hold only published cases: withdrawing one it lists said 已撤回 and the
    site's next build stopped (a trial). The command names the line to delete first."""
    project = make_project(tmp_path)
    case = write_case(project / "cases", "pub-001", 1)
    write_case(project / "cases", "pub-002", 2)
    (project / "collections.yml").write_text(
        "collections:\n  - key: jingxuan\n    title: 精选\n    cases:\n      - pub-002\n      - pub-001\n", encoding="utf-8"
    )
    monkeypatch.chdir(project)
    before = case.read_bytes()
    args = ["withdraw", str(case.parent), "--reviewer", "测试区民政局", "--reason", "组织已注销。", "--date", "2026-11-30"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "没有撤回：这个案例收录在专题里" in out and "  collections.yml:6，专题“精选”\n" in out and "文件没有改动" in out
    assert str(project) not in out  # a path as the other messages give it: from where the command runs
    assert case.read_bytes() == before
    # Named as the cover too, by a former id: the refusal named the cases line only, and once
    # it was deleted the build stopped at the cover line (an editor's trial). Every line is named.
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("id: pub-001\n", "id: pub-001\naliases: [old-001]\n", 1), encoding="utf-8")
    (project / "collections.yml").write_text(
        "collections:\n  - key: jingxuan\n    title: 精选\n    cover: old-001\n    cases:\n      - pub-002\n      - pub-001\n",
        encoding="utf-8",
    )
    before = case.read_bytes()
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "  collections.yml:4，专题“精选”的封面 cover\n  collections.yml:7，专题“精选”\n" in out, out
    assert "删掉这些行（封面 cover 一行也可以改成专题里别的案例的编号）" in out and case.read_bytes() == before
    (project / "collections.yml").write_text(
        "collections:\n  - key: jingxuan\n    title: 精选\n    cases:\n      - pub-002\n", encoding="utf-8"
    )
    assert main(args) == 0
    capsys.readouterr()
    build_site(project)  # and the site builds


def test_withdraw_words_name_the_withdrawal(tmp_path, capsys):
    path = case_file(tmp_path, PUBLISHED)
    code, out = withdraw(path, capsys, "--reviewer", "", "--reason", "组织已注销")
    assert code == 2 and "决定撤回的单位不能是空的" in out
    code, out = withdraw(path, capsys, "--reviewer", "东城区民政局", "--reason", "组织已注销", "--date", "2099-01-01")
    assert code == 1 and "撤回日期 2099-01-01 还没到" in out
    with pytest.raises(SystemExit) as usage:
        withdraw(path, capsys, "--reviewer", "东城区民政局", "--reason", "组织已注销", "--date", "2024-02-30")
    assert usage.value.code == 2 and "没有 2024-02-30 这一天" in capsys.readouterr().err
    code = main(["withdraw", str(tmp_path / "nope"), "--reviewer", "东城区民政局", "--reason", "x"])
    assert code == 2 and "例如 showcase withdraw cases/" in capsys.readouterr().err


def test_a_collection_without_a_title_is_named_by_its_line_in_the_refusal(tmp_path, capsys, monkeypatch):
    """A review: a collection written without title or key was named “专题“””."""
    project = make_project(tmp_path)
    case = write_case(project / "cases", "pub-001", 1)
    (project / "collections.yml").write_text("collections:\n  - cases:\n      - pub-001\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert main(["withdraw", str(case.parent), "--reviewer", "测试区民政局", "--reason", "组织已注销。"]) == 1
    assert "  collections.yml:3，专题“第 2 行的专题”\n" in capsys.readouterr().out


def test_a_case_whose_address_is_recorded_is_withdrawn_whatever_its_status_says(tmp_path, capsys, monkeypatch):
    """An editor's trial: a published case set back to draft (or its status mistyped) was
    refused with “还没有发布……没有公开的网址，删除这个案例文件夹即可”, while the check's
    ledger-unpublished hint says to run showcase withdraw: deleting the folder breaks the
    address urls.lock records. A case whose address is recorded is withdrawn; one that never
    had an address is told so, and a status that cannot be read is named with the four it can."""
    project = make_project(tmp_path)
    case = write_case(project / "cases", "pub-001", 1)
    (project / "urls.lock").write_text("/\n/cases/pub-001/\n", encoding="utf-8")
    monkeypatch.chdir(project)
    args = ["withdraw", str(case.parent), "--reviewer", "测试区民政局", "--reason", "组织已注销。", "--date", "2026-11-30"]
    published = case.read_text(encoding="utf-8")
    for written in ("draft", "pubished"):
        case.write_text(published.replace("status: published", f"status: {written}"), encoding="utf-8")
        assert main(args) == 0, capsys.readouterr()
        out = capsys.readouterr().out
        assert "删除这个案例文件夹" not in out and "status: withdrawn" in case.read_text(encoding="utf-8")
        # and the editor is told why (a wording review, msH3: the output said nothing of it)
        assert f"它的状态原来写的是 status: {written}，但已发布网址清单 urls.lock 第 2 行记着它的网址" in out, out
    (project / "urls.lock").write_text("/\n", encoding="utf-8")  # never published: no address to keep
    case.write_text(published.replace("status: published", "status: pubished"), encoding="utf-8")
    before = case.read_bytes()
    assert main(args) == 1
    out = capsys.readouterr().err
    assert "status: pubished，读不出来" in out and "draft（草稿）、review（待审）、published（已发布）或 withdrawn（已撤回）" in out
    assert case.read_bytes() == before


def test_a_case_whose_former_id_is_recorded_is_withdrawn_and_one_recorded_nowhere_is_not(tmp_path, capsys, monkeypatch):
    """urls.lock records a renamed case by the id it was published under, which its front
    matter keeps in ``aliases``: that case had an address too (a review: nothing tested it)."""
    project = make_project(tmp_path)
    case = write_case(project / "cases", "new-001", 1, status="draft", aliases=["old-001"])
    (project / "urls.lock").write_text("/\n/cases/old-001/\n", encoding="utf-8")
    monkeypatch.chdir(project)
    args = ["withdraw", str(case.parent), "--reviewer", "测试区民政局", "--reason", "组织已注销。", "--date", "2026-11-30"]
    assert main(args) == 0, capsys.readouterr()
    assert "status: withdrawn" in case.read_text(encoding="utf-8")
    other = write_case(project / "cases", "new-002", 2, status="draft", aliases=["old-002"])  # old-002 recorded nowhere
    before = other.read_bytes()
    assert main([*args[:1], str(other.parent), *args[2:]]) == 1
    assert "还没有发布" in capsys.readouterr().err and other.read_bytes() == before


def test_a_case_not_published_is_not_called_never_published_when_urls_lock_cannot_be_read(tmp_path, capsys, monkeypatch):
    """With urls.lock unreadable, a case set back to draft was told “还没有发布……删除这个案例文件夹即可”,
    though the ledger may record its address (a review): the editor is told to fix the ledger first."""
    project = make_project(tmp_path)
    case = write_case(project / "cases", "pub-001", 1, status="draft")
    (project / "urls.lock").write_bytes(b"/\n/cases/pub-001/\n\xff\xfe\x00")
    monkeypatch.chdir(project)
    before = case.read_bytes()
    args = ["withdraw", str(case.parent), "--reviewer", "测试区民政局", "--reason", "组织已注销。", "--date", "2026-11-30"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "清单读不出来" in err and "不要删掉这个案例文件夹" in err and "删除这个案例文件夹即可" not in err, err
    assert case.read_bytes() == before
