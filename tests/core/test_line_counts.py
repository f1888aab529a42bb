"""Line numbers in the messages about the site's own text files are the lines an editor
shows: a form feed, a NEL or a Unicode line separator pasted into a line does not start a
new one (``str.splitlines`` counted them, so every later line was said one too far: found
fuzzing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from showcase.core.case.content import ReviewListError, load_review_words
from showcase.core.outputs.booklet.select import read_id_lines
from showcase.core.outputs.ledger import parse_ledger

BREAKERS = ["\x0c", "\x1c", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("breaker", BREAKERS)
def test_review_words_say_the_line_an_editor_sees(tmp_path: Path, breaker: str) -> None:
    path = tmp_path / "review-words.txt"
    path.write_text(f"赌博{breaker}好词\r\n正常\r\n{'很长' * 200}\n", encoding="utf-8")
    with pytest.raises(ReviewListError) as raised:
        load_review_words(path)
    assert f"{path}:3:" in str(raised.value) and f"{path}:4:" not in str(raised.value), str(raised.value)


@pytest.mark.parametrize("breaker", BREAKERS)
def test_the_ledger_says_the_line_an_editor_sees(tmp_path: Path, breaker: str) -> None:
    text = f"# 备注{breaker}说明\n这一行不对\n"
    ledger = parse_ledger(text, tmp_path / "urls.lock")
    assert [d.line for d in ledger.diagnostics] == [2], ledger.diagnostics


@pytest.mark.parametrize("breaker", BREAKERS)
def test_an_ids_file_says_the_line_an_editor_sees(tmp_path: Path, breaker: str) -> None:
    path = tmp_path / "ids.txt"
    path.write_text(f"# 第一批{breaker}（试点）\r\ngz-yuexiu-2023-001\rgz-yuexiu-2023-002\n", encoding="utf-8")
    assert read_id_lines(path) == [("gz-yuexiu-2023-001", 2), ("gz-yuexiu-2023-002", 3)]
