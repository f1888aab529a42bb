"""A cold build shows where it is (#14 step 5): photos, share cards, case bodies and the
search index each report through the plugin's progress reporter, as INFO lines in a log
(CI), and nothing under ``mkdocs build --quiet``."""

from __future__ import annotations

import logging
from contextlib import contextmanager

import pytest
import showcase.core.progress as progress_module
import showcase.plugin.plugin as plugin_module

from tests.support.build import build_site
from tests.support.project import make_project, write_case

COUNTED = ("处理照片", "绘制分享图", "转换正文")  # work with a known number of steps
STAGES = (*COUNTED, "建立搜索索引")  # the search index: a heartbeat (Pagefind counts nothing for us)


@pytest.fixture
def recorded(monkeypatch) -> list[tuple[str, int | None, str]]:
    """(label, total, mode) of every piece of long work the plugin reported, in order."""
    calls: list[tuple[str, int | None, str]] = []
    real = plugin_module.progress

    @contextmanager
    def recording(label, total=None, **kwargs):
        calls.append((label, total, kwargs.get("mode", "auto")))
        with real(label, total, **kwargs) as bar:
            yield bar

    monkeypatch.setattr(plugin_module, "progress", recording)
    monkeypatch.setattr(progress_module, "QUIET_SECONDS", 0.0)  # say the first line at once, not after 3 s
    return calls


def _project(tmp_path):
    project = make_project(tmp_path)
    for number in (1, 2):
        write_case(project / "cases", f"case-00{number}", number)  # each with its own cover photo
    return project


def test_a_cold_build_reports_each_stage_as_log_lines(tmp_path, recorded, caplog, monkeypatch):
    monkeypatch.setenv("CI", "true")  # a CI log: plain lines, never a bar
    caplog.set_level(logging.INFO)
    build_site(_project(tmp_path))
    labels = [label for label, _, _ in recorded]
    for stage in STAGES:
        assert stage in labels, (stage, recorded)
    totals = {label: total for label, total, _ in recorded}
    assert totals["处理照片"] and totals["绘制分享图"] and totals["转换正文"] == 2, recorded
    said = [r.getMessage().removeprefix("showcase: ") for r in caplog.records if r.levelno == logging.INFO]
    for stage in COUNTED:  # "处理照片：50% 1/2，还需约 …" then "处理照片：完成 2/2，用时 …"
        assert any(m.startswith(f"{stage}：") and "/" in m for m in said), (stage, said)
        assert any(m.startswith(f"{stage}：完成 ") for m in said), (stage, said)
    assert all("\r" not in m and "█" not in m for m in said)


def test_a_quiet_build_says_nothing_of_its_progress(tmp_path, recorded, caplog, monkeypatch):
    monkeypatch.setattr(logging.getLogger("mkdocs"), "level", logging.WARNING)  # what --quiet sets
    caplog.set_level(logging.INFO, logger="showcase")
    build_site(_project(tmp_path))
    assert {label for label, _, _ in recorded} >= set(STAGES)
    assert {mode for _, _, mode in recorded} == {"off"}
    assert not [r for r in caplog.records if any(f"{s}：" in r.getMessage() for s in STAGES)]
