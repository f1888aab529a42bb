"""``showcase new`` on a terminal, as a community worker's first hour uses it (helper newH's
trial): Ctrl+D at a question, meant to stop, is answered in the terminal's words."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest

from tests.support.build import ENV


def _answer_then_ctrl_d(project, answers: list[str]) -> tuple[int, str, str]:
    """Run ``showcase new`` on a terminal, give ``answers`` at its questions, then Ctrl+D."""
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "showcase", "new"],
        cwd=project,
        stdin=child_fd,
        stdout=child_fd,
        stderr=subprocess.PIPE,
        env=ENV,  # no CI variables
    )
    os.close(child_fd)
    shown = b""
    try:
        for answer in [*answers, None]:
            asked = b""
            while not asked.rstrip().endswith("：".encode()):
                ready, _, _ = select.select([main_fd], [], [], 30)
                assert ready, asked.decode("utf-8", "replace")
                asked += os.read(main_fd, 4096)
            shown += asked
            os.write(main_fd, b"\x04" if answer is None else (answer + "\n").encode())
        code = process.wait(timeout=60)
        error = process.stderr.read().decode()
    finally:
        process.kill()
        os.close(main_fd)
    return code, shown.decode("utf-8", "replace"), error


@pytest.mark.parametrize("answers", [[], ["银龄互助守望空巢老人"]])
def test_ctrl_d_on_a_terminal_says_nothing_was_made_and_how_to_start_again(project, answers):
    code, _, error = _answer_then_ctrl_d(project, answers)
    assert code == 2 and "Traceback" not in error
    # not the scripts' words (缺少 --title…。不交互使用时，请用这些参数…): the worker typed no flag
    assert "--" not in error and "不交互" not in error, error
    assert "Ctrl+D" in error and "没有新建案例" in error and "showcase new" in error
    assert not list((project / "cases").rglob("index.md"))
