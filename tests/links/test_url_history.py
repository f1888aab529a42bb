"""A year of changes to published cases (helper urlH's trial): the check must not lead an
editor to a change that keeps every recorded URL answering while one of them now opens
another case, and its advice must name the case and the id the ledger knows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from showcase.cli import main as showcase

from .conftest import ROOT, copy_project, edit_front_matter, in_copy, pick_published, write_ledger


def check(capsys, project: Path) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = showcase(["-f", str(project / "mkdocs.yml"), "check", str(project / "cases"), "--format", "json"])
    return code, json.loads(capsys.readouterr().out)["diagnostics"]


def relative(project: Path, diagnostic: dict) -> str:
    return Path(diagnostic["file"]).resolve().relative_to(project.resolve()).as_posix()


@pytest.fixture
def renamed(tmp_path) -> tuple[Path, list]:
    """The sample with two published cases, the first renamed (its old id in aliases) and
    the renaming published: the ledger records the old id's address for the first."""
    project = copy_project(tmp_path / "site")
    first, second = pick_published(2)
    edit_front_matter(in_copy(project, first), f"id: {first.id}", f"id: {first.id}-v2\naliases: [{first.id}]")
    write_ledger(project)
    assert f"/cases/{first.id}/\n" in (project / "urls.lock").read_text(encoding="utf-8")
    return project, [first, second]


def test_a_published_case_taking_another_s_former_id_as_alias_is_told_on_both_with_the_owner_to_keep(renamed, capsys):
    """A second published case was given the first one's former id in its aliases (a merge
    of two cases written on the wrong one). The error was said only on whichever case's
    folder sorted later, the renamed one here, with “请删掉其中一处”: deleted there, every
    check and build passed and the cited old address led to the other case."""
    project, (first, second) = renamed
    edit_front_matter(in_copy(project, second), f"id: {second.id}", f"id: {second.id}\naliases: [{first.id}]")
    code, said = check(capsys, project)
    collisions = [d for d in said if d["code"] == "alias-collision"]
    assert code == 1
    files = sorted(relative(project, d) for d in collisions)
    assert files == sorted(in_copy(project, c).relative_to(project).as_posix() for c in (first, second))
    for diagnostic in collisions:
        assert "请删掉其中一处" not in diagnostic["hint"]
        assert f"/cases/{first.id}/" in diagnostic["hint"] and "git log" in diagnostic["hint"]
        assert "就会打开另一个案例" in diagnostic["hint"]


def test_a_draft_taking_a_published_case_s_former_id_as_alias_is_told_to_remove_its_own(renamed, capsys):
    project, (first, second) = renamed
    edit_front_matter(in_copy(project, second), "status: published", "status: draft")
    edit_front_matter(in_copy(project, second), f"id: {second.id}", f"id: {second.id}\naliases: [{first.id}]")
    code, said = check(capsys, project)
    assert code == 1
    (collision,) = [d for d in said if d["code"] == "alias-collision"]
    assert relative(project, collision) == in_copy(project, second).relative_to(project).as_posix()
    assert "请删掉本案例 aliases 里的这一项" in collision["hint"] and f"{first.id}-v2" in collision["message"]


def wide(text: str) -> str:
    """``text`` as a Chinese input method in full-width mode types it."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize(
    "typed",
    [
        lambda prefix, rest: f"{wide(prefix.upper())}-{rest}",  # ＣＤ-pidu-2021-003
        lambda prefix, rest: f"{wide(prefix)}{wide('-')}{rest}",  # ｃｄ－pidu-2021-003
        lambda prefix, rest: f"{prefix}-{wide(rest)}",  # all of it after the prefix
    ],
)
def test_an_id_typed_in_full_width_letters_is_told_its_half_width_spelling(tmp_path, capsys, typed):
    """A published id retyped with a Chinese input method (ｃｄ-pidu-2021-003): bad-id suggested
    “例如 pidu-2021-003”, the full-width letters dropped, and the ledger's address would
    then need an alias; the id the ledger records is the one to write back."""
    project = copy_project(tmp_path / "site")
    write_ledger(project)
    (case,) = pick_published(1)
    prefix, rest = case.id.split("-", 1)
    edit_front_matter(in_copy(project, case), f"id: {case.id}", f"id: {typed(prefix, rest)}")
    code, said = check(capsys, project)
    (bad,) = [d for d in said if d["code"] == "bad-id"]
    assert code == 1 and f"例如 {case.id}。" in bad["hint"], bad["hint"]
    # nor is it said to have been deleted or renamed (ledger-missing, with its aliases and git restores)
    assert [d["code"] for d in said if d["code"].startswith("ledger")] == [], said


def test_the_sample_has_the_cases_these_trials_need():
    assert (ROOT / "urls.lock").is_file() and len(pick_published(2)) == 2


def test_a_series_key_changed_is_not_said_to_lose_feeds_it_never_had(tmp_path, capsys):
    """A series (活动品牌) split in two: ledger-renamed said its old address's “订阅（RSS）和数据接口也没有了”
    and that the alias would keep them, but only a theme has feeds and /api/themes/<key>.json."""
    project = copy_project(tmp_path / "site")
    write_ledger(project)
    taxonomy = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    assert "  - key: gongjian-gongzhi-gongxiang\n" in taxonomy
    (project / "taxonomy.yml").write_text(
        taxonomy.replace("  - key: gongjian-gongzhi-gongxiang\n", "  - key: gongjian-gongzhi\n"), encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      # taxonomy: my-taxonomy.yml", "      taxonomy: taxonomy.yml"), encoding="utf-8"
    )
    code, said = check(capsys, project)
    assert code == 1  # an error of the check, as the build (--strict) stops at it
    (renamed,) = [d for d in said if d["code"] == "ledger-renamed"]
    assert "/brands/gongjian-gongzhi-gongxiang/" in renamed["message"] and "aliases: [gongjian-gongzhi-gongxiang]" in renamed["hint"]
    assert "订阅" not in renamed["message"] + renamed["hint"] and "数据接口" not in renamed["message"] + renamed["hint"]
