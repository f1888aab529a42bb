"""`showcase pr-summary --base REF`: cases added, changed, removed and their state changes,
read from a real git repository."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from showcase.core.chinadate import china_today

from tests.support.build import ENV
from tests.support.git import as_editor, git
from tests.support.project import configure, edit_front_matter, write_ledger

from .conftest import run, run_process, write_case

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
    warnings = html.unescape(section(out, "⚠️ 请审核人注意"))
    lines = [line for line in warnings.splitlines() if line.startswith("- ")]
    by_case = {line.split("`")[1]: line for line in lines}
    assert "没有经过待审" in by_case["gz-a-2023-001"]
    assert "将无法访问" in by_case["gz-c-2023-001"] and "withdrawn" in by_case["gz-c-2023-001"]
    assert "aliases" in by_case["gz-d-2023-002"] and "gz-d-2023-001" in by_case["gz-d-2023-002"]
    assert "review.approved" in by_case["gz-e-2023-001"]
    # withdrawn by hand without a new review date: the tombstone would show the publication's
    assert (
        "撤回说明页会把发布时的 2025-01-10 显示为撤回日期" in by_case["gz-h-2023-001"] and "showcase withdraw" in by_case["gz-h-2023-001"]
    )
    assert set(by_case) == {"gz-a-2023-001", "gz-c-2023-001", "gz-d-2023-002", "gz-e-2023-001", "gz-h-2023-001"}  # the normal flow is quiet


def test_a_case_approved_and_withdrawn_on_the_same_day_is_not_flagged(project, monkeypatch, capsys):
    """Published and withdrawn today: the unchanged review date is the withdrawal's date too.
    The same change summarised when the approval date is not today is flagged."""
    as_editor(monkeypatch)
    today = china_today().isoformat()
    cases = project / "cases"
    reviewed = {"reviewer": "越秀区民政局", "approved": today}
    write_case(cases, "gz-w-2024-001", 0, title="当天发布当天撤回的案例", review=reviewed)
    write_case(cases, "gz-x-2024-001", 1, title="以前发布今天撤回的案例")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "base", cwd=project)
    git("checkout", "-q", "-b", "editors", cwd=project)
    write_case(cases, "gz-w-2024-001", 0, title="当天发布当天撤回的案例", review=reviewed, status="withdrawn", withdrawn_reason="信息有误")
    write_case(cases, "gz-x-2024-001", 1, title="以前发布今天撤回的案例", status="withdrawn", withdrawn_reason="信息有误")
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "withdraw both", cwd=project)
    code, out, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 0, err
    warnings = html.unescape(section(out, "⚠️ 请审核人注意"))
    assert "gz-x-2024-001" in warnings and "撤回说明页会把发布时的" in warnings
    assert "gz-w-2024-001" not in warnings


def test_removing_a_published_case_s_former_id_is_flagged(project, monkeypatch, capsys):
    """A department's trial: the alias of a renamed published case deleted, and its old id
    given to a new case; the summary listed "aliases: old → （空）" and warned of nothing."""
    as_editor(monkeypatch)
    cases = project / "cases"
    write_case(cases, "gz-r-2024-002", 0, title="改过编号的已发布案例", aliases=["gz-r-2024-001"])
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "base", cwd=project)
    git("checkout", "-q", "-b", "editors", cwd=project)
    write_case(cases, "gz-r-2024-002", 0, title="改过编号的已发布案例")
    write_case(cases, "gz-r-2024-001", 1, title="新来的另一个案例", status="review", review=None)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "reuse the old id", cwd=project)
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    warnings = html.unescape(section(out, "⚠️ 请审核人注意").replace("<!-- -->", ""))
    assert "删掉了旧编号 gz-r-2024-001（aliases）" in warnings
    assert "现在是另一个案例的编号，旧网址会打开那个案例" in warnings


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
    assert "编号由 gz-d-2023-001 改为 gz-d-2023-002" in rows["gz-d-2023-002"]
    assert "自动转到新网址" not in rows["gz-d-2023-002"]  # no alias: the warning says the old URL breaks
    assert "status: 草稿 → 已发布" in rows["gz-a-2023-001"]
    assert "review.reviewer: （空） → 越秀区民政局" in rows["gz-a-2023-001"]
    assert "status: 已发布 → 已撤回" in rows["gz-h-2023-001"] and "withdrawn_reason: （空） → 组织已注销" in rows["gz-h-2023-001"]
    assert "正文" in rows["gz-e-2023-001"]
    assert "title: 内容被改的已发布案例 → 内容被改的已发布案例：社区居民议事会推…" in rows["gz-e-2023-001"]  # long values shortened
    assert long_title not in rows["gz-e-2023-001"].split("|")[4]
    assert "photo2.jpg" in rows["gz-f-2023-001"]


def rows_of(markdown: str, title: str) -> dict[str, str]:
    """The rows of a section's table by case id, as a reader sees them."""
    return {
        line.split("`")[1]: html.unescape(line) for line in section(markdown, title).splitlines() if line.startswith("| ") and "`" in line
    }


def warnings_of(markdown: str, case_id: str) -> list[str]:
    return [html.unescape(line) for line in section(markdown, "⚠️ 请审核人注意").splitlines() if line.startswith(f"- `{case_id}`")]


def rename(repo, *, aliases: bool) -> None:
    """gz-g-2023-001 (published, unchanged so far) renamed and moved to 四川省 as the guide says:
    git mv, then a new id, title and region, and (with ``aliases``) the old id kept."""
    (repo / "cases/四川省").mkdir(exist_ok=True)
    git("mv", "cases/广东省/gz-g-2023-001", "cases/四川省/cd-wuhou-2023-001", cwd=repo)
    path = repo / "cases/四川省/cd-wuhou-2023-001/index.md"
    edit_front_matter(path, "id: gz-g-2023-001", "id: cd-wuhou-2023-001" + ("\naliases: [gz-g-2023-001]" if aliases else ""))
    edit_front_matter(path, "title: 没有改动的已发布案例", "title: 改了编号并移到四川省的已发布案例")
    edit_front_matter(path, "  province: 广东省", "  province: 四川省")
    edit_front_matter(path, "  city: 广州市", "  city: 成都市")
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "rename gz-g", cwd=repo)


def test_a_case_renamed_and_moved_with_its_old_id_in_aliases_is_one_changed_case(repo, capsys):
    rename(repo, aliases=True)
    code, out, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 0, err
    assert out.startswith("## 案例变更：新增 1 个，修改 7 个，删除 1 个")  # as before, plus the renamed case
    assert "gz-g-2023-001" not in section(out, "删除") and "cd-wuhou-2023-001" not in section(out, "新增")
    assert "cd-wuhou-2023-001" not in section(out, "状态变化")  # published before and after
    row = rows_of(out, "修改")["cd-wuhou-2023-001"]
    assert "编号由 gz-g-2023-001 改为 cd-wuhou-2023-001，旧网址 /cases/gz-g-2023-001/ 自动转到新网址" in row
    assert "文件夹由 cases/广东省/gz-g-2023-001/ 移到 cases/四川省/cd-wuhou-2023-001/" in row
    assert "title: 没有改动的已发布案例 → 改了编号并移到四川省的已发布案例" in row
    assert "region: 广东省 广州市 → 四川省 成都市" in row
    assert "aliases:" not in row  # the old id kept is said with the new id
    assert "文件" not in row.replace("文件夹", "")  # the photo came along unchanged
    notes = warnings_of(out, "cd-wuhou-2023-001")
    assert len(notes) == 1 and "review.approved" in notes[0]  # content changed, approval date did not
    assert not warnings_of(out, "gz-g-2023-001")  # no "deleted", no "published without review"


def test_a_folder_moved_as_it_is_lists_no_files_and_a_changed_photo_still_shows(repo, capsys):
    (repo / "cases/广东省/广州").mkdir()
    git("mv", "cases/广东省/gz-g-2023-001", "cases/广东省/广州/gz-g-2023-001", cwd=repo)
    git("commit", "-q", "-m", "move gz-g", cwd=repo)
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    row = rows_of(out, "修改")["gz-g-2023-001"]
    assert "文件夹由 cases/广东省/gz-g-2023-001/ 移到 cases/广东省/广州/gz-g-2023-001/" in row
    assert "photo1.jpg" not in row and "编号由" not in row
    assert not warnings_of(out, "gz-g-2023-001")
    Image.new("RGB", (60, 40), (200, 20, 20)).save(repo / "cases/广东省/广州/gz-g-2023-001/photo1.jpg")
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    assert "文件：photo1.jpg" in rows_of(out, "修改")["gz-g-2023-001"]
    # the published cover is a new picture, the review date as it was: the approver is asked
    # to look (an editor's trial: only the file's name was listed); gz-f's new photo2.jpg,
    # which no page shows, asks nothing (test_summary_warns_the_approver_…)
    (notes,) = warnings_of(out, "gz-g-2023-001")
    assert "照片 photo1.jpg 换了新的" in notes and "review.approved 没有更新" in notes, notes
    edit_front_matter(repo / "cases/广东省/广州/gz-g-2023-001/index.md", "  approved: '2025-01-10'", "  approved: '2025-02-01'")
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    assert not warnings_of(out, "gz-g-2023-001")  # approved again: nothing to ask


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("served: 100", "served: 10000"),
        ("volunteers: 10", "volunteers: 1000"),
        ("area: 农村", "area: 城市"),
        ("status: published", "status: published\nbeneficiaries: [空巢老人]"),
    ],
)
def test_every_published_figure_changed_asks_for_a_new_approval_date(repo, capsys, old, new):
    # The case page shows the figures, the area and the beneficiaries as it shows the title:
    # a published 服务人次 of 100 made 10000 in a pull request asked the approver nothing.
    edit_front_matter(repo / "cases/广东省/gz-g-2023-001/index.md", old, new)
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    (notes,) = warnings_of(out, "gz-g-2023-001")
    assert "内容有修改" in notes and "review.approved 没有更新" in notes, notes
    # the rule approve says (an editor's week: "always approve again" here, "a typo needs no approve" there)
    assert "运行 showcase approve 更新审核日期" in notes and "只是改了错字、标点的，不用更新" in notes, notes


def test_the_fields_that_are_not_content_are_fields_of_the_table():
    from showcase.core.case.fields import TOP_KEYS
    from showcase.core.editors.changes import _NOT_CONTENT

    assert not _NOT_CONTENT - set(TOP_KEYS)  # a field renamed in data/fields.yml is renamed here too


def test_a_rename_without_aliases_fails_the_check_and_the_summary_lists_the_checks_errors(repo, capsys):
    # The site's urls.lock and collections.yml know gz-g-2023-001 (committed on the branch before the rename).
    (repo / "collections.yml").write_text(
        "collections:\n  - key: test\n    title: 测试专题\n    cases:\n      - gz-g-2023-001\n      - gz-f-2023-001\n", encoding="utf-8"
    )
    write_ledger(repo)
    git("add", "-A", "urls.lock", "collections.yml", cwd=repo)
    git("commit", "-q", "-m", "ledger and collections", cwd=repo)
    rename(repo, aliases=False)
    code, check_out, _ = run(["check"], capsys)
    assert code == 1
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    # without the old id in aliases nothing says it is the same case: a removal that says how to keep the URL
    assert "gz-g-2023-001" in section(out, "删除") and "cd-wuhou-2023-001" in section(out, "新增")
    (note,) = warnings_of(out, "gz-g-2023-001")
    assert "网址 /cases/gz-g-2023-001/ 将无法访问" in note
    assert "如果是改了编号，请在新编号案例的 aliases 里写上 gz-g-2023-001，旧网址会自动转到新网址。" in note
    # the check is showcase check's: the same summary line, and its errors listed
    result = html.unescape(section(out, "检查结果"))
    assert check_out.strip().splitlines()[-1] in result
    assert "错误 2 处" in result
    assert "这些错误要先改正，合并请求的检查才能通过（和 showcase check 的结果一样）：" in result
    ledger = next(n for n, line in enumerate((repo / "urls.lock").read_text(encoding="utf-8").splitlines(), 1) if "gz-g-2023-001" in line)
    assert f"- `urls.lock:{ledger}` [ledger-missing] 已发布的网址 /cases/gz-g-2023-001/ 将失效" in result
    # (what follows 找不到。 may ask 是不是 …？ when an id is close: not asserted here)
    assert "- `collections.yml:5` [collections-unknown-case] 专题“测试专题”里的案例编号 gz-g-2023-001 找不到。" in result
    # with the old id kept, both errors are gone, here as in showcase check
    edit_front_matter(
        repo / "cases/四川省/cd-wuhou-2023-001/index.md", "id: cd-wuhou-2023-001", "id: cd-wuhou-2023-001\naliases: [gz-g-2023-001]"
    )
    assert run(["check"], capsys)[0] == 0
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    assert "错误 0 处" in section(out, "检查结果") and "要先改正" not in out


def test_shortened_values_keep_the_change_in_view(repo, capsys):
    path = repo / "cases/广东省/gz-g-2023-001/index.md"
    long_title = "安吉县竹溪村“绿色管家”环保社推行垃圾分类积分制"
    edit_front_matter(path, "title: 没有改动的已发布案例", f"title: {long_title}")
    git("commit", "-q", "-am", "a long title", cwd=repo)
    edit_front_matter(path, f"title: {long_title}", f"title: {long_title}（修订）")
    summary = path.read_text(encoding="utf-8").split("summary: ", 1)[1].split("\n", 1)[0]
    edit_front_matter(path, f"summary: {summary}", f"summary: {summary[:30]}又{summary[30:]}")
    _, out, _ = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)
    row = rows_of(out, "修改")["gz-g-2023-001"]
    title = row.split("title: ", 1)[1].split("；", 1)[0]
    old, new = title.split(" → ")
    assert old != new and new.endswith("积分制（修订）") and old.endswith("积分制") and old.startswith("…")
    assert len(old) <= 20 and len(new) <= 20
    old, new = row.split("summary: ", 1)[1].split("；", 1)[0].split(" → ")
    assert old != new and "又" in new and "又" not in old


def test_a_deleted_case_whose_id_another_case_keeps_is_not_a_lost_url(repo, capsys):
    """Two cases merged into one: the one kept names the deleted one's id in aliases, so its
    URL redirects; the summary said it would break and asked to add the alias (a review)."""
    path = repo / "cases/广东省/gz-e-2023-001/index.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: gz-e-2023-001", "id: gz-e-2023-001\naliases: [gz-c-2023-001]"), encoding="utf-8"
    )
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    assert "gz-c-2023-001" in section(out, "删除")
    assert not warnings_of(out, "gz-c-2023-001")
    (state,) = [line for line in section(out, "状态变化").splitlines() if "`gz-c-2023-001`" in line]
    assert "已发布 → （并入 `gz-e-2023-001`）" in state, state  # where it went, not just 删除
    assert "已发布（并入 `gz-e-2023-001`，旧网址跳转到那里）" in section(out, "删除")


def test_a_withdrawal_without_a_reason_is_pointed_out(repo, capsys):
    path = next((repo / "cases").rglob("gz-h-2023-001/index.md"))
    path.write_text(
        "\n".join(line for line in path.read_text(encoding="utf-8").split("\n") if "withdrawn_reason" not in line), encoding="utf-8"
    )
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    notes = warnings_of(out, "gz-h-2023-001")
    assert any("没有写撤回原因 withdrawn_reason" in note for note in notes), notes


def test_the_check_s_warnings_are_listed_for_the_cases_the_request_changes(repo, capsys):
    """The summary counted the check's warnings but did not say where they were; now those in
    the cases the request adds or changes are listed, and an untouched case's are not."""
    draft = repo / "cases/广东省/gz-n-2024-001/index.md"
    edit_front_matter(draft, "title: 刚刚新建的草稿案例", "title: 刚刚新建的草稿案例【请填写】")
    code, check_out, _ = run(["check"], capsys)
    # gz-d-2023-001's folder holds the case renamed gz-d-2023-002 (a commit before HEAD): a warning
    assert code == 0 and "gz-d-2023-001/index.md" in check_out and "gz-n-2024-001/index.md" in check_out
    _, out, _ = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)  # only the new draft changes
    result = html.unescape(section(out, "检查结果"))
    assert "本次改动的案例有这些警告（不影响合并，发布前最好改好）：" in result
    line = next(n for n, text in enumerate(draft.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("title:"))
    assert f"- `cases/广东省/gz-n-2024-001/index.md:{line}` [placeholder] " in result
    assert "gz-d-2023-001" not in result and "folder-name" not in result
    # and the untouched cases' warnings (that folder name; gz-f-2023-001's photo2.jpg, added
    # a commit before and inserted nowhere), counted in the line above, are said to be no one's here
    assert "其中 2 处警告在本次没有改动的案例或文件里，不是这次合并请求带来的" in result
    assert "[unused-file]" in check_out and "photo2.jpg" in check_out


def test_a_case_s_words_cannot_mention_people_or_make_links_in_the_comment(repo, capsys):
    """The summary is posted as a pull request's comment: a title with @team, #1 or an
    address notified people and made links (a security review). They render as written."""
    draft = repo / "cases/广东省/gz-n-2024-001/index.md"
    hostile = "请 @octocat 与 @github/security 审核 https://evil.example/x www.evil.example #1 :tada: ✅"
    edit_front_matter(draft, "title: 刚刚新建的草稿案例", f"title: '{hostile}'")  # quoted: “ #1” would start a YAML comment
    _, out, _ = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)
    (row,) = [line for line in section(out, "新增").splitlines() if "gz-n-2024-001" in line]  # as written, not as read
    # GitHub links mentions, references and addresses in the rendered text, where character
    # references are already undone: an empty comment splits the text instead
    for raw in ("@octocat", "@github", "#1", "https://", "www.evil"):
        assert raw not in row, raw
    assert "@<!-- -->octocat" in row and "#<!-- -->1" in row and "https:<!-- -->//" in row and "www<!-- -->.evil" in row
    assert hostile in html.unescape(row.replace("<!-- -->", ""))


def test_in_a_terminal_the_summary_shows_a_case_s_words_as_written(repo):
    """Read by an editor in a terminal, not posted: the character references and empty
    comments that keep GitHub from reading markup (`&#95;`, `@<!-- -->team`) were printed as
    they are, noise in every title with a mark in it."""
    import os
    import pty

    from tests.support.build import PY

    title = "“社区_养老” *互助* @居委会 [试点]"
    edit_front_matter(repo / "cases/广东省/gz-n-2024-001/index.md", "title: 刚刚新建的草稿案例", f"title: '{title}'")
    # and a title written to work the terminal (a security review: a colour, a hidden link
    # ESC ]8;;… that a click follows): shown, not obeyed
    hostile = '"北京\\e[41m\\e]8;;http://evil.example/\\a点我\\e]8;;\\a"'
    changed = repo / "cases/广东省/gz-e-2023-001/index.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("title: 内容被改的已发布案例", f"title: {hostile}"), encoding="utf-8")
    command = [PY, "-m", "showcase", "pr-summary", "--base", "HEAD", "--no-merge-base"]
    leader, follower = pty.openpty()
    with subprocess.Popen(command, cwd=repo, stdout=follower, stderr=subprocess.PIPE, env=ENV) as process:
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            shown += chunk
        assert process.wait(timeout=120) == 0, process.stderr.read() if process.stderr else ""
    os.close(leader)
    printed = shown.decode("utf-8")
    assert title in printed
    assert "&#" not in printed and "<!-- -->" not in printed
    assert "\x1b" not in printed and "\x07" not in printed and "北京\ufffd[41m\ufffd]8;;http://evil.example/\ufffd点我" in printed, printed
    # piped (as the workflow does), it stays safe to post
    posted = run_process(["pr-summary", "--base", "HEAD", "--no-merge-base"], cwd=repo).stdout
    assert title not in posted and "&#95;" in posted and "@<!-- -->" in posted


def test_the_summary_says_what_collections_yml_changes(repo, capsys):
    # A branch that only added a collection was summed up as 本次没有改动案例, though merging
    # publishes its page, feeds and booklets; a renamed key took a published address away
    # unsaid (an editor's trial).
    import shutil

    shutil.rmtree(repo / "cases/广东省/gz-n-2024-001")  # the fixture's uncommitted draft: no case changes here
    (repo / "collections.yml").write_text(
        "collections:\n  - key: old-key\n    title: 邻里守望\n    cases:\n      - gz-e-2023-001\n      - gz-f-2023-001\n", encoding="utf-8"
    )
    git("add", "collections.yml", cwd=repo)
    git("commit", "-q", "-m", "a collection", cwd=repo)
    git("checkout", "-q", "-b", "collections-only", cwd=repo)
    (repo / "collections.yml").write_text(
        "collections:\n"
        "  - key: linli\n    title: 邻里守望\n    cases:\n      - gz-e-2023-001\n      - gz-f-2023-001\n"
        "  - key: bianmin\n    title: 便民服务\n    cases:\n      - gz-e-2023-001\n",
        encoding="utf-8",
    )
    git("add", "collections.yml", cwd=repo)
    git("commit", "-q", "-m", "rename a key, add a collection", cwd=repo)
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    out = html.unescape(out)
    assert "本次没有改动案例，改动了专题（见下）。" in out
    table = section(out, "专题（collections.yml）")
    assert "| 邻里守望 | `/collections/linli/` | 新增，收录 2 个案例 |" in table
    assert "| 便民服务 | `/collections/bianmin/` | 新增，收录 1 个案例 |" in table
    assert "| 邻里守望 | `/collections/old-key/` | 删除：" in table
    attention = section(out, "⚠️ 请审核人注意")
    assert "专题 邻里守望：已发布的网址 `/collections/old-key/`" in attention and "链接会失效" in attention
    assert "在新专题的 aliases 里写上旧 key" in attention
    # with the old key kept in aliases, a rename: the old address leads to the new page
    text = (repo / "collections.yml").read_text(encoding="utf-8")
    (repo / "collections.yml").write_text(
        text.replace("    title: 邻里守望\n", "    title: 邻里守望\n    aliases: [old-key]\n", 1), encoding="utf-8"
    )
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    out = html.unescape(out)
    table = section(out, "专题（collections.yml）")
    assert "| 邻里守望 | `/collections/linli/` | key old-key → linli：旧网址 /collections/old-key/ 会跳转到这里" in table
    assert "新增，收录 2 个案例" not in table and table.count("邻里守望") == 1  # one collection renamed, not one new and one gone
    assert "old-key" not in section(out, "⚠️ 请审核人注意")
    # renamed, retitled and a case taken out in one branch: one row says all three (an editor's
    # trial: the row of a "new" collection and of a renamed key, and neither said the rest)
    (repo / "collections.yml").write_text(
        "collections:\n  - key: linli\n    title: 邻里守望精品\n    aliases: [old-key]\n    cases:\n      - gz-e-2023-001\n",
        encoding="utf-8",
    )
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    (row,) = [line for line in section(html.unescape(out), "专题（collections.yml）").splitlines() if "邻里守望" in line]
    assert "key old-key → linli" in row and "标题 邻里守望 → 邻里守望精品" in row and "移出 gz-f-2023-001" in row, row
    # a change inside a collection: its cases and its title
    (repo / "collections.yml").write_text(
        "collections:\n  - key: old-key\n    title: 邻里守望精选\n    cases:\n      - gz-f-2023-001\n      - gz-a-2023-001\n",
        encoding="utf-8",
    )
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    row = next(line for line in section(html.unescape(out), "专题（collections.yml）").splitlines() if "old-key" in line)
    assert "标题 邻里守望 → 邻里守望精选" in row and "加入 gz-a-2023-001" in row and "移出 gz-e-2023-001" in row


def test_a_case_renamed_in_a_branch_is_followed_in_collections_yml(repo, capsys):
    """A case renamed (its old id in aliases) and its collections.yml line changed with it
    read as 加入 new id；移出 old id, one case swapped for another; left unchanged, the
    collections-former-id warning it causes was said not to come from this branch (an
    editor's trial)."""
    import shutil

    shutil.rmtree(repo / "cases/广东省/gz-n-2024-001")
    (repo / "collections.yml").write_text(
        "collections:\n  - key: linli\n    title: 邻里守望\n    cases:\n      - gz-e-2023-001\n      - gz-f-2023-001\n", encoding="utf-8"
    )
    git("add", "collections.yml", cwd=repo)
    git("commit", "-q", "-m", "a collection", cwd=repo)
    git("checkout", "-q", "-b", "rename", cwd=repo)
    path = repo / "cases/广东省/gz-e-2023-001/index.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: gz-e-2023-001\n", "id: gz-e-2023-009\naliases: [gz-e-2023-001]\n", 1),
        encoding="utf-8",
    )
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    out = html.unescape(out)
    warned = section(out, "检查结果").split("本次改动的案例有这些警告", 1)[1]
    assert "[collections-former-id]" in warned and "gz-e-2023-001 是旧编号" in warned
    (repo / "collections.yml").write_text(
        "collections:\n  - key: linli\n    title: 邻里守望\n    cases:\n      - gz-e-2023-009\n      - gz-f-2023-001\n", encoding="utf-8"
    )
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    (row,) = [line for line in section(html.unescape(out), "专题（collections.yml）").splitlines() if "邻里守望" in line]
    assert "案例改了编号，这里跟着改了：gz-e-2023-001 → gz-e-2023-009" in row and "加入" not in row and "移出" not in row, row


def test_a_base_that_is_not_there_asks_to_check_its_name(repo, capsys):
    # origin/mian (a typo) got only the GitHub Actions hint (an editor's trial).
    code, _, err = run(["pr-summary", "--base", "origin/mian"], capsys)
    assert code == 2 and "找不到要比较的基准 origin/mian。请检查分支名是否写对" in err and "Traceback" not in err


def test_renumbering_a_published_case_whose_id_another_case_takes_says_the_address_changes_hands(repo, capsys):
    """An editor's trial: two pull requests each published a case with the same id; fixing
    it, the editor renumbered the one published first, and the summary said its address
    would break, when it would in fact show the other case from then on."""
    later = repo / "cases/广东省/gz-e-2023-001/index.md"  # merged later with the id gz-f-2023-001 too
    later.write_text(later.read_text(encoding="utf-8").replace("id: gz-e-2023-001", "id: gz-f-2023-001"), encoding="utf-8")
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "two cases, one id", cwd=repo)
    first = repo / "cases/广东省/gz-f-2023-001/index.md"
    first.write_text(first.read_text(encoding="utf-8").replace("id: gz-f-2023-001", "id: gz-f-2023-009"), encoding="utf-8")
    _, out, _ = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)
    notes = warnings_of(out, "gz-f-2023-009")
    assert any("现在是另一个案例的编号" in note and "会打开那个案例" in note for note in notes), out
    assert not any("旧网址将失效" in note for note in notes)
    assert "`gz-f-2023-009`" in section(out, "修改") and not section(out, "新增")


def test_lines_deleted_from_urls_lock_are_pointed_out(repo, capsys):
    """An editor's trial: deleting urls.lock lines quieted the check, and nothing said so."""
    write_ledger(repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "ledger", cwd=repo)
    ledger = repo / "urls.lock"
    kept = [line for line in ledger.read_text(encoding="utf-8").splitlines() if line != "/cases/gz-g-2023-001/"]
    ledger.write_text("\n".join(kept) + "\n", encoding="utf-8")
    code, out, _ = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)
    assert code == 0
    notes = html.unescape(section(out, "⚠️ 请审核人注意"))
    assert "urls.lock 里删除了 `/cases/gz-g-2023-001/`" in notes and "清单只能追加" in notes
    # the check's results as `showcase check --base` gives them (an editor's week: 错误 0 here, 1 there)
    checked = html.unescape(section(out, "检查结果"))
    assert "ledger-lines-removed" in checked and "错误 1 处" in checked, checked
    assert run(["check", "--base", "HEAD"], capsys)[0] == 1


def test_lines_deleted_from_a_ledger_of_another_name_name_that_file(repo, capsys):
    """An architecture audit: with ``ledger: data/published.lock`` the summary still said
    urls.lock and told the reviewer to run git checkout 基准分支 -- urls.lock, a file not there."""
    (repo / "data").mkdir()
    write_ledger(repo).rename(repo / "data/published.lock")
    configure(repo, ledger="data/published.lock")
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "ledger", cwd=repo)
    ledger = repo / "data/published.lock"
    kept = [line for line in ledger.read_text(encoding="utf-8").splitlines() if line != "/cases/gz-g-2023-001/"]
    ledger.write_text("\n".join(kept) + "\n", encoding="utf-8")
    code, out, _ = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)
    notes = html.unescape(section(out, "⚠️ 请审核人注意"))
    assert code == 0 and "data/published.lock 里删除了 `/cases/gz-g-2023-001/`" in notes
    assert "git checkout 基准分支 -- data/published.lock" in notes and "urls.lock" not in notes


def test_the_collections_table_names_a_collections_file_of_another_name(repo, capsys):
    """An architecture audit: with ``collections: data/zhuanti.yml`` the table was still
    headed 专题（collections.yml）, a file the repository does not have."""
    import shutil

    shutil.rmtree(repo / "cases/广东省/gz-n-2024-001")  # the fixture's uncommitted draft
    (repo / "data").mkdir(exist_ok=True)
    configure(repo, collections="data/zhuanti.yml")
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "collections elsewhere", cwd=repo)
    (repo / "data/zhuanti.yml").write_text(
        "collections:\n  - key: linli\n    title: 邻里守望\n    cases:\n      - gz-e-2023-001\n", encoding="utf-8"
    )
    code, out, _ = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)
    out = html.unescape(out)
    assert code == 0 and "| 邻里守望 | `/collections/linli/` | 新增，收录 1 个案例 |" in section(out, "专题（data/zhuanti.yml）")
    assert "collections.yml" not in out


def test_a_withdrawn_case_published_again_asks_the_reviewer_to_check_why(repo, capsys):
    """A test audit: the note for a withdrawn case published again could be removed and no
    test failed. On the branch ``editors`` gz-h-2023-001 is withdrawn; here it is published again."""
    import shutil

    shutil.rmtree(repo / "cases/广东省/gz-n-2024-001")  # the fixture's uncommitted draft
    git("checkout", "-q", "-b", "again", cwd=repo)
    write_case(
        repo / "cases", "gz-h-2023-001", 0, title="将被撤回的已发布案例", review={"reviewer": "越秀区民政局", "approved": "2024-06-10"}
    )
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    attention = section(html.unescape(out), "⚠️ 请审核人注意")
    assert "gz-h-2023-001" in attention and "已撤回的案例重新发布：请确认撤回的原因已经消除" in attention, out


def test_an_edit_is_not_blamed_for_old_warnings_and_a_dropped_collection_alias_is_flagged(repo, capsys):
    """A review: a branch that changed one sentence of a renamed case was shown the
    collections-former-id warning collections.yml had before it; and a branch that removed a
    collection's former key from its aliases (its address, feeds and booklet copies go) was
    summed up without a word."""
    import shutil

    shutil.rmtree(repo / "cases/广东省/gz-n-2024-001")
    path = repo / "cases/广东省/gz-f-2023-001/index.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("id: gz-f-2023-001\n", "id: gz-f-2023-001\naliases: [gz-f-2020-009]\n", 1),
        encoding="utf-8",
    )
    (repo / "collections.yml").write_text(
        "collections:\n  - key: linli\n    title: 邻里守望\n    aliases: [linli-old]\n    cases:\n      - gz-f-2020-009\n", encoding="utf-8"
    )
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "an alias, a collection", cwd=repo)
    git("checkout", "-q", "-b", "sentence", cwd=repo)
    path.write_text(path.read_text(encoding="utf-8") + "\n补充一句。\n", encoding="utf-8")
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    out = html.unescape(out)
    here = out.split("本次改动的案例有这些警告", 1)[1] if "本次改动的案例有这些警告" in out else ""
    assert "[collections-former-id]" not in here, out
    assert "不是这次合并请求带来的" in out
    (repo / "collections.yml").write_text(
        "collections:\n  - key: linli\n    title: 邻里守望\n    cases:\n      - gz-f-2020-009\n", encoding="utf-8"
    )
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    out = html.unescape(out)
    assert "| 邻里守望 | `/collections/linli-old/` | 从 aliases 删掉了旧 key linli-old：这个旧网址将失效 |" in section(
        out, "专题（collections.yml）"
    )
    assert "/collections/linli-old/" in section(out, "⚠️ 请审核人注意")


def _site_url_branch(project, monkeypatch, line: str):
    """A repository whose main has site_url https://www.example.gov.cn/ and whose branch
    "editors" has ``line`` instead, committed; mkdocs.yml's path and its text with site_url ""."""
    as_editor(monkeypatch)
    config = project / "mkdocs.yml"
    write_case(project / "cases", "gz-u-2024-001", 0)
    text = config.read_text(encoding="utf-8")
    assert text.count('site_url: ""') == 1
    config.write_text(text.replace('site_url: ""', 'site_url: "https://www.example.gov.cn/"'), encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "base", cwd=project)
    git("checkout", "-q", "-b", "editors", cwd=project)
    config.write_text(text.replace('site_url: ""', line), encoding="utf-8")
    git("commit", "-q", "-am", "site_url", cwd=project)
    return config, text


def test_a_new_site_url_asks_for_redirects_from_the_old_one(project, monkeypatch, capsys):
    """An editor's trial: mkdocs.yml's site_url changed in a request, and the summary said
    "本次没有改动案例" while every QR code, booklet and citation handed out kept the old address."""
    config, text = _site_url_branch(project, monkeypatch, 'site_url: "https://wmsj.example.gov.cn/anli/"')
    code, out, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 0, err
    assert "本次没有改动案例，改动了网站的设置（见下）。" in out
    (note,) = [line for line in html.unescape(section(out, "⚠️ 请审核人注意")).splitlines() if "site_url" in line]
    assert "site_url 由 `https://www.example.gov.cn/` 改为 `https://wmsj.example.gov.cn/anli/`" in note and "301" in note, note
    # the same address again (a slash apart): nothing to ask
    config.write_text(text.replace('site_url: ""', 'site_url: "https://www.example.gov.cn"'), encoding="utf-8")
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    assert "site_url" not in out and "- `mkdocs.yml`" in section(out, "案例以外的改动")  # a file changed, said as one
    git("commit", "-q", "-am", "back", cwd=project)
    config.write_text(text, encoding="utf-8")
    git("commit", "-q", "-am", "no address", cwd=project)
    _, out, _ = run(["pr-summary", "--base", "HEAD~1", "--no-merge-base"], capsys)
    assert "site_url（原来是 `https://www.example.gov.cn`）删掉了" in out  # taken out: said as well


@pytest.mark.parametrize("variable", [None, "https://www.example.gov.cn/"])
def test_a_site_url_moved_into_an_env_tag_is_not_said_to_be_removed(project, monkeypatch, capsys, variable):
    """site_url: !ENV [SITE_URL, <the same address>], as MkDocs allows: the same address,
    not "site_url（原来是 …）删掉了 … 确实要换地址时再合并"; a new default is a new address."""
    if variable is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", variable)
    config, text = _site_url_branch(project, monkeypatch, "site_url: !ENV [SITE_URL, 'https://www.example.gov.cn/']")
    code, out, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 0, err
    assert "site_url" not in out and "- `mkdocs.yml`" in section(out, "案例以外的改动"), out
    if variable is None:
        config.write_text(text.replace('site_url: ""', "site_url: !ENV [SITE_URL, 'https://wmsj.example.gov.cn/']"), encoding="utf-8")
        _, out, _ = run(["pr-summary", "--base", "main"], capsys)
        assert "由 `https://www.example.gov.cn/` 改为 `https://wmsj.example.gov.cn/`" in html.unescape(out), out


def test_a_site_url_in_a_file_mkdocs_yml_inherits_is_read_at_the_base_too(project, monkeypatch, capsys):
    """With INHERIT, the address is the inherited file's: read now and not at the base, every
    request was said to take site_url away (the settings' reading of INHERIT, reviewed)."""
    as_editor(monkeypatch)
    config = project / "mkdocs.yml"
    write_case(project / "cases", "gz-u-2024-001", 0)
    text = config.read_text(encoding="utf-8")
    (project / "shared").mkdir()
    (project / "shared" / "base.yml").write_text(text.replace('site_url: ""', 'site_url: "https://www.example.gov.cn/"'), encoding="utf-8")
    config.write_text("INHERIT: shared/base.yml\n", encoding="utf-8")
    git("init", "-q", "-b", "editors", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "shared settings", cwd=project)
    git("checkout", "-q", "-b", "later", cwd=project)
    write_case(project / "cases", "gz-v-2024-001", 1)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "a case", cwd=project)
    code, out, err = run(["pr-summary", "--base", "editors"], capsys)
    assert code == 0, err
    assert "site_url" not in section(out, "⚠️ 请审核人注意"), out
    # a new address in the inherited file is said as one in mkdocs.yml is
    base = project / "shared" / "base.yml"
    base.write_text(base.read_text(encoding="utf-8").replace("www.example.gov.cn", "wmsj.example.gov.cn"), encoding="utf-8")
    _, out, _ = run(["pr-summary", "--base", "editors"], capsys)
    assert "site_url 由 `https://www.example.gov.cn/` 改为 `https://wmsj.example.gov.cn/`" in html.unescape(out), out


def test_front_matter_that_cannot_be_read_is_not_said_to_be_a_rename(repo, capsys):
    # An editor's trial: a full-width colon in a published case's front matter. The summary
    # said its id was changed to nothing, asked for the old id in aliases (a fix that does not
    # exist) and listed every field as emptied (title: … → （空）, 另有 15 处).
    path = repo / "cases/广东省/gz-g-2023-001/index.md"
    edit_front_matter(path, "area: 农村", "area：农村")
    git("commit", "-q", "-am", "a Chinese colon", cwd=repo)
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    text = html.unescape(out)
    assert "改为 ，" not in text and "改为 |" not in text
    assert warnings_of(out, "gz-g-2023-001") == []  # nothing to do about aliases: the check's errors say what to fix
    row = rows_of(out, "修改")["gz-g-2023-001"]  # known by its id and title at the base
    assert "没有改动的已发布案例" in row and "❌ 有错误" in row
    assert "基本信息读不出来" in row and "（空）" not in row
    assert "[yaml-fullwidth-colon]" in section(text, "检查结果")
    state = rows_of(out, "状态变化")["gz-g-2023-001"]
    assert "已发布 → 基本信息读不出来 | 测试区民政局 | 2025-01-10 |" in state


def test_a_value_the_check_refuses_is_not_shown_as_removed(repo, capsys):
    # An editor's trial: themes [便民服务, 新风正汽] (a misspelt theme) showed in the changes
    # table as "themes: 便民服务、新风正气 → 便民服务", as if the request took a theme away;
    # a misspelt theme added beside the same ones showed no change of themes at all.
    path = repo / "cases/广东省/gz-g-2023-001/index.md"
    edit_front_matter(path, "- ningxin-zhuhun", "- 凝心铸混")
    path = repo / "cases/广东省/gz-e-2023-001/index.md"
    edit_front_matter(path, "- ningxin-zhuhun", "- ningxin-zhuhun\n- 新风正汽")
    git("commit", "-q", "-am", "misspelt themes", cwd=repo)
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    rows = rows_of(out, "修改")
    assert "themes: 凝心铸魂 → （空）" not in rows["gz-g-2023-001"]
    assert "themes: 凝心铸魂 → 这一项有错误（见下面的检查结果）" in rows["gz-g-2023-001"]
    assert "themes: 凝心铸魂 → 凝心铸魂（这一项有错误，见下面的检查结果）" in rows["gz-e-2023-001"]
    assert "[unknown-themes]" in html.unescape(section(out, "检查结果"))


def test_the_summary_lists_the_addresses_readers_will_see_change(repo, capsys):
    # An editor's question: what will a reader see change? The summary counted the cases
    # published and withdrawn, and named an address only when it broke.
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    seen = html.unescape(section(out, "读者会看到的变化"))
    lines = {line.split("`")[1]: line for line in seen.splitlines() if line.startswith("- `")}
    assert "新网址，合并后可以打开" in lines["/cases/gz-a-2023-001/"]
    assert "新网址，合并后可以打开" in lines["/cases/gz-b-2023-001/"]
    assert "打不开" in lines["/cases/gz-c-2023-001/"]  # removed
    assert "打不开" in lines["/cases/gz-d-2023-001/"] and "新网址" in lines["/cases/gz-d-2023-002/"]  # renamed, no alias
    assert "内容有修改" in lines["/cases/gz-e-2023-001/"]
    assert "/cases/gz-f-2023-001/" not in lines  # a photo the page does not show: nothing a reader sees
    assert "撤回说明页" in lines["/cases/gz-h-2023-001/"] and "组织已注销" in lines["/cases/gz-h-2023-001/"]
    assert "/cases/gz-n-2024-001/" not in lines  # a draft: no address
    rename(repo, aliases=True)
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    seen = html.unescape(section(out, "读者会看到的变化"))
    assert "- `/cases/gz-g-2023-001/` 自动跳转到 `/cases/cd-wuhou-2023-001/`" in seen
    # withdrawn with a former id: its old address shows the notice too (an editor's week: not named)
    write_case(
        repo / "cases",
        "gz-h-2023-001",
        0,
        title="将被撤回的已发布案例",
        status="withdrawn",
        withdrawn_reason="组织已注销",
        aliases=["gz-h-2020-hub"],
    )
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    seen = html.unescape(section(out, "读者会看到的变化"))
    assert "- `/cases/gz-h-2023-001/` 内容撤下，只显示撤回说明页：组织已注销（旧网址 `/cases/gz-h-2020-hub/` 也一样）" in seen, seen


def test_a_page_the_request_takes_away_is_said_with_where_readers_go(project, monkeypatch, capsys):
    """An editors' trial: withdrawing the only case of a city takes the city's page away (its
    published address then redirects to the province's); showcase urls said so, the pull
    request's summary did not. Pages gone before the request are not its doing."""
    as_editor(monkeypatch)
    cases = project / "cases"
    write_case(cases, "gz-a-2024-001", 0, title="广州的案例")
    write_case(cases, "sz-b-2024-001", 1, title="深圳唯一的案例")
    write_case(cases, "cd-c-2024-001", 2, title="成都唯一的案例")
    write_ledger(project)
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "base", cwd=project)
    write_case(cases, "cd-c-2024-001", 2, title="成都唯一的案例", status="withdrawn", withdrawn_reason="组织已注销")
    git("commit", "-q", "-am", "withdrawn on main before", cwd=project)
    git("checkout", "-q", "-b", "editors", cwd=project)
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    assert "合并后不再有" not in out  # nothing this request does
    write_case(cases, "sz-b-2024-001", 1, title="深圳唯一的案例", status="withdrawn", withdrawn_reason="组织已注销")
    git("commit", "-q", "-am", "withdraw", cwd=project)
    code, out, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 0, err
    seen = html.unescape(section(out, "读者会看到的变化"))
    gone = [line.split("`")[1] for line in seen.splitlines() if "合并后不再有" in line]
    # the city's page, and its year's (the only case of 2022): each with where readers go
    assert gone == ["/regions/guangdong/shenzhen/", "/years/2022/"], seen
    assert (
        "`/regions/guangdong/shenzhen/` 合并后不再有（上面没有案例了，或者它从分类里删掉了），已发布的网址会跳转到 `/regions/guangdong/`"
        in seen
    )
    code, urls, _ = run(["urls"], capsys)  # as showcase urls says them
    assert all(f"页面 {page} 已不存在" in urls for page in gone), urls
    assert "chengdu" not in seen  # gone before this request: not its doing


def test_a_withdrawn_case_published_again_is_no_new_address(project, monkeypatch, capsys):
    """An editor's trial: a withdrawn case published again was listed as “新网址”, though its
    address had shown the withdrawal notice all along."""
    as_editor(monkeypatch)
    cases = project / "cases"
    write_case(cases, "gz-h-2023-001", 0, title="撤回后重新发布的案例", status="withdrawn", withdrawn_reason="内容有误")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "base", cwd=project)
    write_case(cases, "gz-h-2023-001", 0, title="撤回后重新发布的案例", review={"reviewer": "越秀区民政局", "approved": "2024-03-01"})
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    seen = html.unescape(section(out, "读者会看到的变化"))
    assert "- `/cases/gz-h-2023-001/` 重新发布：合并后不再显示撤回说明，恢复案例内容" in seen and "新网址" not in seen, seen


def test_a_copy_of_a_published_case_under_a_new_id_is_pointed_out(repo, capsys):
    """An editor's week: a published case copied under a new id, only its id changed, passed
    the check and the summary unsaid. A note under 请审核人注意 names the case it copies; a
    new case of its own title is not named (gz-n-2024-001)."""
    import shutil

    cases = repo / "cases" / "广东省"
    shutil.copytree(cases / "gz-g-2023-001", cases / "gz-g-2023-002")
    index = cases / "gz-g-2023-002" / "index.md"
    edit_front_matter(index, "id: gz-g-2023-001", "id: gz-g-2023-002")
    edit_front_matter(index, "status: published", "status: review")
    code, out, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 0, err
    notes = section(out, "⚠️ 请审核人注意")
    assert "- `gz-g-2023-002` 没有改动的已发布案例：标题和组织名称都和已公开的案例 gz-g-2023-001 一样" in notes, notes
    assert "gz-n-2024-001" not in notes
    # a case published in this same branch was no 已公开 one (an editor's trial): two new cases
    # of one title, one published here, name no 已公开 case
    shutil.copytree(cases / "gz-g-2023-002", cases / "gz-g-2023-003")
    third = cases / "gz-g-2023-003" / "index.md"
    edit_front_matter(third, "id: gz-g-2023-002", "id: gz-g-2023-003")
    for path in (third, index):
        path.write_text(path.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: 新的", 1), encoding="utf-8")
    edit_front_matter(index, "status: review", "status: published")
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    assert "和已公开的案例 gz-g-2023-002" not in section(out, "⚠️ 请审核人注意")


def _with_exif(jpeg: bytes, **tags: object) -> bytes:
    """``jpeg`` with an EXIF segment of ``tags`` put after its start, its picture's bytes as they were."""
    exif = Image.Exif()
    for tag, value in tags.items():
        exif[{"Orientation": 0x0112, "Artist": 0x013B}[tag]] = value
    payload = b"Exif\x00\x00" + exif.tobytes()
    return jpeg[:2] + b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def test_a_photo_whose_metadata_alone_changed_is_no_new_photo(repo, capsys):
    """An editor's week: after `showcase clean-photos` (the guide sends editors to it) the
    summary said the published case had a new photo and asked for a new approval date, while
    the command had said the picture was unchanged. A file whose picture is the same, byte for
    byte, with the same orientation, asks nothing; turned, or a new picture, it does."""
    from showcase.core.editors.photoclean import clean_jpeg, same_picture

    photo = repo / "cases/广东省/gz-g-2023-001/photo1.jpg"
    original = photo.read_bytes()
    tagged = _with_exif(original, Artist="王小明 13812345678")
    cleaned = clean_jpeg(tagged)
    assert not isinstance(cleaned, str) and cleaned[0] != tagged
    assert same_picture(original, tagged) and same_picture(tagged, cleaned[0])
    photo.write_bytes(tagged)
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    assert "文件：photo1.jpg" in rows_of(out, "修改")["gz-g-2023-001"]  # the file is listed: it changed
    assert not warnings_of(out, "gz-g-2023-001") and "换了照片" not in out, out
    photo.write_bytes(_with_exif(original, Orientation=6))  # shown turned a quarter: a new look
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)
    (notes,) = warnings_of(out, "gz-g-2023-001")
    assert "照片 photo1.jpg 换了新的" in notes, notes


def test_a_new_former_id_written_before_the_first_is_pointed_out(repo, capsys):
    """An editor's week: a published case renamed a second time with the new former id written
    first (aliases: [its last id, its first id]) passed unsaid, and the feed, which knows a case
    by its first id, sent it to every subscriber again as new. Written last, nothing is said."""
    from showcase.core.collection.loading import load_case
    from showcase.core.collection.settings import Settings
    from showcase.core.outputs.feeds import first_id

    write_case(repo / "cases", "gz-g-2023-001", 0, title="没有改动的已发布案例", aliases=["gz-g-2020-001"])
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "an earlier rename", cwd=repo)  # the base: the case known by gz-g-2020-001
    git("mv", "cases/广东省/gz-g-2023-001", "cases/广东省/gz-g-2024-005", cwd=repo)
    for aliases, said in ((["gz-g-2023-001", "gz-g-2020-001"], True), (["gz-g-2020-001", "gz-g-2023-001"], False)):
        path = write_case(repo / "cases", "gz-g-2024-005", 0, title="没有改动的已发布案例", aliases=aliases)
        assert first_id(load_case(path, Settings())) == aliases[0]
        code, out, err = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)
        assert code == 0, err
        notes = " ".join(warnings_of(out, "gz-g-2024-005"))
        assert ("订阅源按第一个编号 gz-g-2020-001 认出这个案例，现在第一个是 gz-g-2023-001" in notes) is said, (aliases, out)
    # another case merged into one with no aliases: nothing to put back (its own id cannot be an alias)
    write_case(repo / "cases", "gz-g-2024-005", 0, title="没有改动的已发布案例", aliases=["gz-g-2020-001", "gz-g-2023-001"])
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "renamed", cwd=repo)
    git("rm", "-q", "-r", "cases/广东省/gz-h-2023-001", cwd=repo)  # merged into gz-e-2023-001, published, no aliases
    write_case(repo / "cases", "gz-e-2023-001", 0, title="内容被改的已发布案例", aliases=["gz-h-2023-001"])
    _, out, _ = run(["pr-summary", "--base", "HEAD", "--no-merge-base"], capsys)
    assert "订阅源按第一个编号" not in out, out


def test_with_no_merge_base_both_sections_compare_with_the_same_commit(repo, capsys):
    """A review: with --no-merge-base the notes compared urls.lock with main's tip and the
    check's results with where the branch left main: 34 addresses said deleted, 错误 0 处."""
    git("stash", "-q", "-u", cwd=repo)
    git("checkout", "-q", "main", cwd=repo)
    write_ledger(repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "the ledger, after the branch began", cwd=repo)
    git("checkout", "-q", "editors", cwd=repo)
    git("stash", "pop", "-q", cwd=repo)
    _, out, _ = run(["pr-summary", "--base", "main", "--no-merge-base"], capsys)
    assert "urls.lock 里删除了" in html.unescape(section(out, "⚠️ 请审核人注意"))
    assert "ledger-lines-removed" in html.unescape(section(out, "检查结果")), out
    _, out, _ = run(["pr-summary", "--base", "main"], capsys)  # where the branch left main: no ledger then
    assert "urls.lock 里删除了" not in out and "ledger-lines-removed" not in out


def test_changes_outside_the_cases_are_listed_and_the_loosening_settings_named(repo, capsys):
    """A security review: a branch that added a script from another host to every page,
    turned the personal-number check off and changed the guide was summed up with nothing
    of them ("本次没有改动案例" when no case changed). The files are listed; mkdocs.yml's keys
    that loosen what the check and the pages keep out are named with what they do; a file
    the repository does not hold (a build's cache) is not."""
    import shutil

    shutil.rmtree(repo / "cases/广东省/gz-n-2024-001")  # the fixture's uncommitted draft
    git("stash", "-q", "-u", cwd=repo)
    git("checkout", "-q", "-b", "settings", "main", cwd=repo)
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    # quoted keys, and the plugin's own: preview publishes drafts, ledger "" stops the address check (a second trial)
    loosened = text.replace("  - showcase:\n", '  - showcase:\n      ledger: ""\n', 1)
    loosened = loosened.replace("preview: !ENV [SHOWCASE_PREVIEW, false]", '"preview": true')
    assert loosened.count("ledger") > text.count("ledger") and '"preview": true' in loosened
    config.write_text(loosened + "'extra_javascript':\n  - https://evil.example/x.js\n", encoding="utf-8")
    (repo / "CONTRIBUTING.md").write_text("# 投稿指南\n\n<script>alert(1)</script>\n", encoding="utf-8")
    # an inbox made inside the project and committed whole: forms with their contacts' phones (a trial of the guide)
    (repo / "收件箱").mkdir()
    (repo / "收件箱" / "书屋申报表.DOCX").write_bytes(b"PK")
    (repo / "收件箱" / "照片.zip").write_bytes(b"PK")
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "settings", cwd=repo)
    (repo / ".cache").mkdir(exist_ok=True)
    (repo / ".cache" / "x.json").write_text("{}", encoding="utf-8")  # untracked: not the branch's
    code, out, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 0, err
    assert "本次没有改动案例，改动了网站的设置（见下）。" in out, out
    listed = section(out, "案例以外的改动")
    assert "- `CONTRIBUTING.md`" in listed and "- `mkdocs.yml`" in listed and ".cache" not in listed, listed
    notes = html.unescape(section(out, "⚠️ 请审核人注意"))
    assert "这次还改了案例以外的 4 个文件" in notes and "逐行看过" in notes, notes
    assert "这次提交了 2 个像是申报材料或表格的文件（`收件箱/书屋申报表.DOCX`、`收件箱/照片.zip`）" in notes, notes
    assert "git rm --cached" in notes and "CONTRIBUTING.md" not in notes.split("像是申报材料", 1)[1].split("\n", 1)[0], notes
    assert "mkdocs.yml 里改了 extra_javascript（每个页面都会运行的脚本，可以来自别的网站）" in notes, notes
    assert "preview（草稿和待审的案例也发布到网站上）" in notes and "ledger（已发布网址清单" in notes, notes
    assert "allow_personal_numbers" not in notes and "plugins（" not in notes


def test_the_project_keeps_an_inbox_and_what_is_made_at_its_top_out_of_git():
    """A trial of the guide: an inbox made inside the project (收件箱/, as the guide's example
    named it) was committed whole, forms with their contacts' phones; so would a booklet or a
    table written at the project's top. A case's own files stay tracked."""
    import subprocess

    from tests.support.project import ROOT

    ignored = ["收件箱/书屋.docx", "收件箱/照片/1.jpg", "汇编.pdf", "案例统计.csv", "材料.zip", "汇编.docx"]
    kept = ["cases/广东省/gz-yuexiu-2023-001/photo1.jpg", "cases/广东省/gz-yuexiu-2023-001/index.md", "mkdocs.yml"]
    done = subprocess.run(
        ["git", "-c", "core.quotepath=off", "check-ignore", "--no-index", *ignored, *kept],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.splitlines() == ignored, done.stdout + done.stderr


def test_the_changes_table_shows_every_field_of_the_field_table():
    """An architecture review: the changes table lists the fields by hand, so a field added to
    data/fields.yml would never show in a pull request's changes. Every field, and every part
    of a group but the region's (shown as one place), has its row."""
    from showcase.core.case.fields import NESTED_KEYS, TOP_KEYS
    from showcase.core.case.model import Case
    from showcase.core.editors.prreport import _fields

    shown = set(_fields(Case(path=Path("cases/x/index.md"))))
    expected = {key for key in TOP_KEYS if key not in NESTED_KEYS or key == "region"}
    expected |= {f"{group}.{part}" for group, parts in NESTED_KEYS.items() if group != "region" for part in parts}
    assert expected == shown, (expected - shown, shown - expected)


def test_a_series_retired_in_the_site_s_taxonomy_shows_as_taken_from_its_cases(project, capsys, monkeypatch):
    """A maintainer's trial: a series retired from the site's own taxonomy file and taken out
    of its published cases in the same pull request: the base's cases were read with the
    branch's taxonomy, in which the series is no more, and the change showed as none (改动: —).
    The base's cases are read with the base's taxonomy."""
    from tests.support.project import ROOT, configure

    as_editor(monkeypatch)
    taxonomy = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    (project / "taxonomy.yml").write_text(taxonomy, encoding="utf-8")
    configure(project, "https://anli.example.org/", taxonomy="taxonomy.yml")
    write_case(project / "cases", "gz-p-2023-001", 0, title="参加共创平安活动的案例", brands=["共创平安"])
    write_ledger(project)
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "base", cwd=project)
    git("checkout", "-q", "-b", "retire", cwd=project)
    retired = re.search(r"  - key: gongchuang-pingan\n(?:    .*\n)+", taxonomy)
    assert retired is not None
    (project / "taxonomy.yml").write_text(taxonomy.replace(retired.group(0), ""), encoding="utf-8")
    write_case(project / "cases", "gz-p-2023-001", 0, title="参加共创平安活动的案例")
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "retire a series", cwd=project)
    code, out, err = run(["pr-summary", "--base", "main"], capsys)
    assert code == 0, err
    assert "brands: 共创平安 → （空）" in html.unescape(out), out
    # and readers lose the series' page: said as other listings' pages are
    assert "页面 `/brands/gongchuang-pingan/` 合并后不再有" in html.unescape(out), out
