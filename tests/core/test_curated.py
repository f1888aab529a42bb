"""collections.yml's cover: one message for one problem."""

from __future__ import annotations

from showcase.core.collection.curated import load_collections
from showcase.core.collection.loading import load_collection

from tests.support.project import write_case


def _said(tmp_path, cover: str, listed: list[str]) -> list:
    cases = tmp_path / "cases"
    write_case(cases, "gz-yuexiu-2023-001", 1)
    write_case(cases, "gz-liwan-2023-001", 2, status="draft")
    path = tmp_path / "collections.yml"
    path.write_text(
        "collections:\n  - key: one\n    title: 一\n    cover: " + cover + "\n    cases:\n" + "".join(f"      - {i}\n" for i in listed),
        encoding="utf-8",
    )
    _, problems = load_collections(path, load_collection(cases).cases)
    return problems


def _problems(tmp_path, cover: str, listed: list[str]) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in _said(tmp_path, cover, listed)]


def test_a_listed_cover_that_is_not_found_is_said_once_on_its_line(tmp_path):
    """A maintainer who removed the sample cases read, besides each id's 找不到, that the
    cover hz-gongshu-2022-003 它不在这个专题的案例里, though it was listed on line 18."""
    assert _problems(tmp_path, "hz-gongshu-2022-003", ["gz-yuexiu-2023-001", "hz-gongshu-2022-003"]) == [(7, "collections-unknown-case")]


def test_a_listed_cover_that_is_a_draft_is_said_once_on_its_line(tmp_path):
    assert _problems(tmp_path, "gz-liwan-2023-001", ["gz-liwan-2023-001", "gz-yuexiu-2023-001"]) == [(6, "collections-unpublished-case")]


def test_the_one_message_names_the_cover_line_too(tmp_path):
    """Fixed on the cases' line alone, the next check said the cover line (a plain-Chinese reading)."""
    (unknown,) = _said(tmp_path, "hz-gongshu-2022-003", ["gz-yuexiu-2023-001", "hz-gongshu-2022-003"])
    assert unknown.message.endswith("第 4 行的封面 cover 也写的是它，一起改。"), unknown.message
    (draft,) = _said(tmp_path, "gz-liwan-2023-001", ["gz-liwan-2023-001"])
    assert draft.message.endswith("第 4 行的封面 cover 也写的是它。"), draft.message


def test_a_cover_not_among_the_cases_is_still_an_error(tmp_path):
    assert _problems(tmp_path, "gz-liwan-2023-001", ["gz-yuexiu-2023-001"]) == [(4, "collections-cover")]
    assert _problems(tmp_path, "no-such-2023-001", ["gz-yuexiu-2023-001"]) == [(4, "collections-cover")]


def test_a_listed_case_whose_file_cannot_be_read_is_said_as_such_not_as_unknown(tmp_path):
    """A maintainer's trial saved a case in GBK: collections.yml said its id 找不到, though the
    case is there; its file's error is named instead."""
    index = write_case(tmp_path / "cases", "gz-haizhu-2023-009", 0)
    index.write_bytes(index.read_text(encoding="utf-8").encode("gbk"))
    (said,) = [d for d in _said(tmp_path, "gz-yuexiu-2023-001", ["gz-yuexiu-2023-001", "gz-haizhu-2023-009"]) if d.line == 7]
    assert said.code == "collections-unknown-case" and "找不到" not in said.message, said
    assert (
        said.message.startswith("专题“一”里的案例 gz-haizhu-2023-009 读不出来：它的文件有错误（index.md 第 ")
        and "showcase check" in said.hint
    ), said
