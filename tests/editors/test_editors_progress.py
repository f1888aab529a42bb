"""The progress bar: drawn on a terminal, silent in CI and when output is redirected."""

from __future__ import annotations

import io
import os
import pty
import re

import pytest
from showcase.core.progress import Progress, duration, progress, should_draw


@pytest.fixture
def terminal():
    """A real pseudo-terminal: the stream we write to, and a reader for what it shows."""
    main_fd, child_fd = pty.openpty()
    stream = os.fdopen(child_fd, "w", encoding="utf-8", buffering=1)

    def shown() -> str:
        stream.flush()
        chunks = []
        os.set_blocking(main_fd, False)
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except BlockingIOError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode("utf-8")

    yield stream, shown
    stream.close()
    os.close(main_fd)


def test_draws_a_bar_on_a_terminal(terminal, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream, shown = terminal
    assert stream.isatty() and should_draw(stream)
    with progress("处理图片", 4, stream=stream) as tick:
        for _ in range(4):
            tick()
    text = shown()
    assert "\r处理图片 [" in text
    assert "100% 4/4" in text
    assert text.rstrip("\r\n").endswith("4/4")  # the last state stays on screen
    assert text.endswith("\n")


def test_no_bar_in_ci_even_on_a_terminal(terminal, monkeypatch):
    monkeypatch.setenv("CI", "true")
    stream, shown = terminal
    assert not should_draw(stream)
    with progress("处理图片", 3, stream=stream) as tick:
        for _ in range(3):
            tick()
    assert shown() == ""  # short work: no lines either


@pytest.mark.parametrize("value", ["", "0", "false"])
def test_ci_set_to_false_still_draws(terminal, monkeypatch, value):
    monkeypatch.setenv("CI", value)
    stream, _ = terminal
    assert should_draw(stream)


def test_short_work_is_quiet_when_not_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    out = io.StringIO()
    with progress("建立搜索索引", 10, stream=out) as tick:
        for _ in range(10):
            tick()
    assert out.getvalue() == ""
    assert tick.done == 10  # still counts


def test_forced_drawing_throttles_and_handles_unknown_totals():
    out = io.StringIO()
    with progress("处理图片", None, stream=out, enabled=True) as tick:
        for _ in range(1000):
            tick()
    text = out.getvalue()
    assert text.count("\r") < 50  # redrawn at most every 0.1 s, not once per item
    assert re.search(r"处理图片 … 已用 \d+ 秒，1000 项\s*\n$", text), text[-80:]


def test_a_heartbeat_on_a_terminal_shows_the_time_so_far(terminal, monkeypatch):
    """A review: a booklet's layout in a terminal showed "用 LibreOffice 排版 … 0" for minutes,
    which reads as nothing done; the log said the time so far."""
    monkeypatch.delenv("CI", raising=False)
    clock = Clock()
    stream, shown = terminal
    bar = Progress("排版 PDF（汇编.pdf）", None, stream, "bar", clock=clock)
    clock.now = 65.0
    bar(0)
    assert "排版 PDF（汇编.pdf） … 已用 1 分 05 秒" in shown() and "… 0" not in shown()


def test_work_ended_by_an_error_is_said_to_have_stopped_not_finished(monkeypatch):
    """A booklet's layout stopped at its time limit was logged "排版 PDF：完成，用时 1 分" just
    before the error saying that it did not finish."""
    said: list[str] = []
    clock = Clock()
    bar = Progress("排版 PDF（汇编.pdf）", None, io.StringIO(), "lines", clock=clock, log=said.append)
    clock.now = 65.0
    bar(0)
    bar.finish(stopped=True)
    assert said == ["排版 PDF（汇编.pdf）：已用 1 分 05 秒", "排版 PDF（汇编.pdf）：已停止，用时 1 分 05 秒"]
    ends: list[bool] = []
    monkeypatch.setattr(Progress, "finish", lambda self, stopped=False: ends.append(stopped))
    with pytest.raises(TimeoutError), progress("排版 PDF", None, mode="lines"):
        raise TimeoutError
    with progress("写出 PDF", None, mode="lines"):
        pass
    assert ends == [True, False]


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_long_work_in_a_log_says_where_it_is_every_ten_seconds():
    """CI logs: a plain line after a few seconds, then every 10 s, with the time left; one at the end."""
    clock, said = Clock(), []
    bar = Progress("生成分享图", 100, io.StringIO(), "lines", clock=clock, log=said.append)
    for _ in range(100):
        clock.now += 0.5  # 50 s in all
        bar()
    bar.finish()
    assert 4 <= len(said) <= 7, said
    assert said[0].startswith("生成分享图：") and "/100" in said[0] and "还需约" in said[0]
    assert "\r" not in "".join(said)
    assert said[-1] == "生成分享图：完成 100/100，用时 50 秒"


def test_the_bar_shows_the_time_left(terminal, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    clock = Clock()
    stream, shown = terminal
    bar = Progress("转换正文", 10, stream, "bar", clock=clock)
    clock.now = 4.0
    bar(1)
    clock.now = 20.0
    bar(4)
    assert "50% 5/10，还需约 20 秒" in shown()


def test_a_late_first_step_promises_no_hours():
    """The time left is paced from the first step on: work that started 5 s late (the
    workers starting) and then runs at 1,000 a second is not "about 13 hours" away."""
    clock, said = Clock(), []
    bar = Progress("转换正文", 10_000, io.StringIO(), "lines", clock=clock, log=said.append)
    clock.now = 5.0
    bar()
    assert said == ["转换正文：0% 1/10000"]  # one step tells no pace
    for _ in range(200):
        clock.now += 0.001
        bar()
    assert bar.left() == pytest.approx(9.799, abs=0.01)
    assert "小时" not in bar.line()


def test_off_says_nothing_however_long():
    clock, said, out = Clock(), [], io.StringIO()
    bar = Progress("建立搜索索引", 10, out, "off", clock=clock, log=said.append)
    for _ in range(10):
        clock.now += 30
        bar()
    bar.finish()
    assert said == [] and out.getvalue() == ""


def test_durations_read_as_chinese():
    assert duration(5) == "5 秒" and duration(125) == "2 分 05 秒" and duration(3 * 3600 + 60) == "3 小时 01 分"
