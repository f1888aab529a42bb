"""A year of changes to published cases (helper urlH's trial): the check's advice must lead
back to the id the ledger records."""

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


def test_the_sample_has_the_cases_these_trials_need():
    assert (ROOT / "urls.lock").is_file() and len(pick_published(2)) == 2
