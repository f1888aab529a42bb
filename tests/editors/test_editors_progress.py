"""The progress bar: drawn on a terminal, silent in CI and when output is redirected."""

from __future__ import annotations

import io
import os
import pty

import pytest
from showcase.core.progress import progress, should_draw, track


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


def test_quiet_in_ci_even_on_a_terminal(terminal, monkeypatch):
    monkeypatch.setenv("CI", "true")
    stream, shown = terminal
    assert not should_draw(stream)
    with progress("处理图片", 3, stream=stream) as tick:
        for _ in range(3):
            tick()
    assert shown() == ""


@pytest.mark.parametrize("value", ["", "0", "false"])
def test_ci_set_to_false_still_draws(terminal, monkeypatch, value):
    monkeypatch.setenv("CI", value)
    stream, _ = terminal
    assert should_draw(stream)


def test_quiet_when_not_a_terminal(monkeypatch):
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
    assert text.endswith("处理图片 … 1000\n")


def test_track_yields_every_item(terminal, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream, shown = terminal
    assert list(track(range(5), "处理图片", stream=stream)) == [0, 1, 2, 3, 4]
    assert "5/5" in shown()
