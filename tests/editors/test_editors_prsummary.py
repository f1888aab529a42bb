"""`showcase pr-summary --base REF`: cases added, changed, removed and their state changes,
read from a real git repository."""

from __future__ import annotations

import html
import subprocess

import pytest
from PIL import Image

from tests.support.git import as_editor, git

from .conftest import run, write_case

REVIEWED = {"reviewer": "越秀区民政局", "approved": "2024-01-10"}


@pytest.fixture
def repo(project, monkeypatch):
    as_editor(monkeypatch)
    cases = project / "cases"
    write_case(cases, "gz-a-2023-001", 0, title="草稿直接发布的案例", status="draft", review=None)
    write_case(cases, "gz-b-2023-001", 0, title="正常审核发布的案例", status="review", review=None)
    write_case(cases, "gz-c-2023-001", 0, title="将被删除的已发布案例")
    write_case(cases, "gz-d-2023-001", 0, title="编号被改的已发布案例")
    write_case(cases, "gz-e-2023-001", 0, title="内容被改的已发布案例")
    write_case(cases, "gz-f-2023-001", 0, title="新增照片的已发布案例")
    write_case(cases, "gz-g-2023-001", 0, title="没有改动的已发布案例")
    write_case(cases, "gz-h-2023-001", 0, title="将被撤回的已发布案例")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "base", cwd=project)
    git("checkout", "-q", "-b", "editors", cwd=project)

    write_case(cases, "gz-a-2023-001", 0, title="草稿直接发布的案例", review=REVIEWED)
    write_case(cases, "gz-b-2023-001", 0, title="正常审核发布的案例", review=REVIEWED)
    git("rm", "-q", "-r", "cases/广东省/gz-c-2023-001", cwd=project)
    path = cases / "广东省/gz-d-2023-001/index.md"
    path.write_text(path.read_text(encoding="utf-8").replace("id: gz-d-2023-001", "id: gz-d-2023-002"), encoding="utf-8")
    path = cases / "广东省/gz-e-2023-001/index.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## 经验启示\n\n新增的一段话。\n", encoding="utf-8")
    Image.new("RGB", (60, 40), (10, 120, 40)).save(cases / "广东省/gz-f-2023-001/photo2.jpg")
    write_case(cases, "gz-h-2023-001", 0, title="将被撤回的已发布案例", status="withdrawn", withdrawn_reason="组织已注销")
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "editors' changes", cwd=project)
    # Not committed yet: a new draft (untracked files count too).
    write_case(cases, "gz-n-2024-001", 0, title="刚刚新建的草稿案例", status="draft", review=None)
    # Meanwhile main moves on: its new case is not this branch's business.
    git("checkout", "-q", "main", cwd=project)
    git("stash", "-q", "-u", cwd=project)
    write_case(cases, "gz-m-2024-001", 0, title="目标分支上新合并的案例")
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "meanwhile on main", cwd=project)
    git("checkout", "-q", "editors", cwd=project)
    git("stash", "pop", "-q", cwd=project)
    return project


def section(markdown: str, title: str) -> str:
    if f"### {title}" not in markdown:
        return ""
    return markdown.split(f"### {title}", 1)[1].split("\n### ", 1)[0]


def test_summary_reports_additions_changes_removals_and_states(repo, capsys):
    code, out, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 0, err
    assert out.startswith("## 案例变更：新增 1 个，修改 6 个，删除 1 个")
    assert "gz-m-2024-001" not in out  # compared with the merge base, not main's tip
    assert "gz-g-2023-001" not in out  # unchanged
    assert "合并后将**公开发布 2 个**案例，撤回 1 个。" in out

    states = section(out, "状态变化")
    assert "| 正常审核发布的案例 | `gz-b-2023-001` | 待审 → **已发布** | 越秀区民政局 | 2024-01-10 |" in states
    assert "| 草稿直接发布的案例 | `gz-a-2023-001` | 草稿 → **已发布** | 越秀区民政局 | 2024-01-10 |" in states
    assert "`gz-h-2023-001` | 已发布 → 已撤回 |" in states
    assert "`gz-n-2024-001` | （新增） → 草稿 |" in states
    assert "`gz-c-2023-001` | 已发布 → （删除） |" in states
    assert "gz-e-2023-001" not in states and "gz-f-2023-001" not in states

    added = section(out, "新增")
    assert "`gz-n-2024-001` | 草稿 | `cases/广东省/gz-n-2024-001/index.md` |" in added
    changed = section(out, "修改")
    for case_id in ("gz-a-2023-001", "gz-b-2023-001", "gz-d-2023-002", "gz-e-2023-001", "gz-f-2023-001", "gz-h-2023-001"):
        assert f"`{case_id}`" in changed
    assert "`gz-c-2023-001`" in section(out, "删除")


def test_summary_warns_the_approver_about_suspicious_transitions(repo, capsys):
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    warnings = section(out, "⚠️ 请审核人注意")
    lines = [line for line in warnings.splitlines() if line.startswith("- ")]
    by_case = {line.split("`")[1]: line for line in lines}
    assert "没有经过待审" in by_case["gz-a-2023-001"]
    assert "将无法访问" in by_case["gz-c-2023-001"] and "withdrawn" in by_case["gz-c-2023-001"]
    assert "aliases" in by_case["gz-d-2023-002"] and "gz-d-2023-001" in by_case["gz-d-2023-002"]
    assert "review.approved" in by_case["gz-e-2023-001"]
    assert set(by_case) == {"gz-a-2023-001", "gz-c-2023-001", "gz-d-2023-002", "gz-e-2023-001"}  # the normal flow is quiet


def test_keeping_the_old_id_as_alias_silences_the_rename_warning(repo, capsys):
    path = repo / "cases/广东省/gz-d-2023-001/index.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: gz-d-2023-002", "id: gz-d-2023-002\naliases: [gz-d-2023-001]"), encoding="utf-8"
    )
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    assert "gz-d-2023-002" in section(out, "修改")
    assert "gz-d-2023-002" not in section(out, "⚠️ 请审核人注意")


def test_no_changes_says_so(repo, capsys):
    code, out, _ = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)
    assert code == 0
    # Only the uncommitted draft differs from HEAD.
    assert out.startswith("## 案例变更：新增 1 个，修改 0 个，删除 0 个")
    subprocess.run(["git", "stash", "-q", "-u"], cwd=repo, check=True)
    _, out, _ = run(["pr-summary", "--base", "HEAD"], capsys)
    assert "本次没有改动案例。" in out


def test_unknown_base_and_no_repository_are_usage_errors(repo, capsys, tmp_path_factory, monkeypatch):
    code, _, err = run(["pr-summary", "--base", "no-such-branch"], capsys)
    assert code == 2 and "no-such-branch" in err and "fetch-depth" in err
    elsewhere = tmp_path_factory.mktemp("plain")
    (elsewhere / "cases").mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(elsewhere.parent))
    code, _, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 2 and "Git" in err


def test_a_case_that_was_in_review_in_an_earlier_commit_of_the_branch_is_not_flagged(repo, capsys):
    cases = repo / "cases"
    for status, review in (("draft", None), ("review", None), ("published", REVIEWED)):
        write_case(cases, "gz-r-2024-001", 1, title="按流程审核后发布的新案例", status=status, review=review)
        git("add", "-A", "cases/广东省/gz-r-2024-001", cwd=repo)
        git("commit", "-q", "-m", f"gz-r: {status}", cwd=repo)
    write_case(cases, "gz-s-2024-001", 1, title="一次提交就发布的新案例", review=REVIEWED)  # never in review
    git("add", "-A", "cases/广东省/gz-s-2024-001", cwd=repo)
    git("commit", "-q", "-m", "gz-s: published at once", cwd=repo)
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    warnings = section(out, "⚠️ 请审核人注意")
    assert "gz-r-2024-001" not in warnings
    assert "gz-s-2024-001" in warnings and "没有经过待审" in warnings
    assert "gz-a-2023-001" in warnings  # draft -> published in one commit: still flagged
    assert "`gz-r-2024-001` | （新增） → **已发布** |" in section(out, "状态变化")


def test_the_changes_table_says_what_changed(repo, capsys):
    path = repo / "cases/广东省/gz-e-2023-001/index.md"
    long_title = "内容被改的已发布案例：社区居民议事会推动老旧小区加装电梯和停车位改造的实践"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 内容被改的已发布案例", f"title: {long_title}"), encoding="utf-8")
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    changed = section(out, "修改")
    assert "| 案例 | 编号 | 状态 | 改动 | 文件 |" in changed
    # the cells as a reader sees them (case text is written with character references: no markup from it)
    rows = {line.split("`")[1]: html.unescape(line) for line in changed.splitlines() if line.startswith("| ") and "`" in line}
    assert "id: gz-d-2023-001 → gz-d-2023-002" in rows["gz-d-2023-002"]
    assert "status: 草稿 → 已发布" in rows["gz-a-2023-001"]
    assert "review.reviewer: （空） → 越秀区民政局" in rows["gz-a-2023-001"]
    assert "status: 已发布 → 已撤回" in rows["gz-h-2023-001"] and "withdrawn_reason: （空） → 组织已注销" in rows["gz-h-2023-001"]
    assert "正文" in rows["gz-e-2023-001"]
    assert "title: 内容被改的已发布案例 → 内容被改的已发布案例：社区居民议事会推…" in rows["gz-e-2023-001"]  # long values shortened
    assert long_title not in rows["gz-e-2023-001"].split("|")[4]
    assert "photo2.jpg" in rows["gz-f-2023-001"]
