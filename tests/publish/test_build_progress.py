"""A cold build shows where it is (#14 step 5): the cases read, photos, share cards, QR
codes, case bodies, the pages written and the search index each report through the
plugin's progress reporter, as INFO lines in a log (CI), and nothing under ``mkdocs build
--quiet``. At 10,000 cases the log said nothing for 16 s while the cases were read, 6 s
while the QR codes were made and 26 s while the pages were written."""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager

import pytest
import showcase.core.progress as progress_module
import showcase.plugin.plugin as plugin_module

from tests.support.build import ENV, PY, build_site, run
from tests.support.project import make_project, write_case

COUNTED = ("读取案例", "处理照片", "绘制分享图", "生成二维码", "转换正文", "生成网页")  # work with a known number of steps
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
    build_site(_project(tmp_path), site_url="https://example.org/")  # QR codes need a site_url
    labels = [label for label, _, _ in recorded]
    for stage in STAGES:
        assert stage in labels, (stage, recorded)
    totals = {label: total for label, total, _ in recorded}
    assert totals["处理照片"] and totals["绘制分享图"] and totals["转换正文"] == 2, recorded
    assert totals["读取案例"] == totals["生成二维码"] == 2 and totals["生成网页"] > 2, recorded
    said = [r.getMessage().removeprefix("showcase: ") for r in caplog.records if r.levelno == logging.INFO]
    for stage in COUNTED:  # "处理照片：50% 1/2，还需约 …" then "处理照片：完成 2/2，用时 …"
        assert any(m.startswith(f"{stage}：") and "/" in m for m in said), (stage, said)
        assert any(m.startswith(f"{stage}：完成 ") for m in said), (stage, said)
    assert all("\r" not in m and "█" not in m for m in said)


def test_a_quiet_build_says_nothing_of_its_progress(tmp_path, recorded, caplog, monkeypatch):
    monkeypatch.setattr(logging.getLogger("mkdocs"), "level", logging.WARNING)  # what --quiet sets
    caplog.set_level(logging.INFO, logger="showcase")
    build_site(_project(tmp_path), site_url="https://example.org/")
    assert {label for label, _, _ in recorded} >= set(STAGES)
    assert {mode for _, _, mode in recorded} == {"off"}
    assert not [r for r in caplog.records if any(f"{s}：" in r.getMessage() for s in STAGES)]


# A build in a process of its own, forking for a small site too, saying its progress at once
FORKING_BUILD = """
import sys
import showcase.core.progress as progress
import showcase.plugin.speedup.parallel as parallel
from mkdocs.__main__ import cli
parallel.MIN_PAGES = 1
progress.QUIET_SECONDS = 0.0
sys.argv = ["mkdocs", "build", "-v", "-d", "site"]
cli()
"""


def test_every_page_is_counted_once_written_here_or_by_the_forked_worker(tmp_path):
    """The pages' progress counts each page once it is on disk: those this process writes,
    and those a forked copy of the build writes (plugin/speedup/parallel.py), told to this
    process by a thread. The last line says every page: done = total. In a process of its
    own: one with other threads (a test's leftover asyncio threads) does not fork."""
    project = make_project(tmp_path)
    for number in range(1, 7):
        write_case(project / "cases", f"case-00{number}", number)
    done = run([PY, "-c", FORKING_BUILD], project, env={**ENV, "CI": "true"})
    log = done.stdout + done.stderr
    assert done.returncode == 0, log[-3000:]
    assert "pages written by a forked worker: " in log, log[-3000:]  # the worker ran
    said = re.findall(r"生成网页：完成 (\d+)/(\d+)", log)
    pages = sum(1 for _ in (project / "site").rglob("*.html")) - 1  # every page but 404.html, a template
    assert said == [(str(pages), str(pages))], (said, pages)


def test_a_build_after_a_failed_one_counts_its_pages_once(tmp_path, recorded, caplog, monkeypatch):
    """A review: a preview whose build stopped while writing its pages (a full disk) counted
    one page too many the next time (生成网页：完成 11/10): the failed build's last page."""
    import mkdocs.commands.build as mkdocs_build
    from showcase.commands.preview import Preview

    monkeypatch.setenv("CI", "true")
    caplog.set_level(logging.INFO)
    project = _project(tmp_path / "p")
    case = next((project / "cases").rglob("index.md"))
    preview = Preview((project / "mkdocs.yml").resolve(), case, (tmp_path / "site").resolve(), tmp_path / "empty")
    (tmp_path / "empty").mkdir()
    real, written = mkdocs_build._build_page, []

    def full_disk(page, *args, **kwargs):
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        written.append(page)
        return real(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", full_disk)
    with pytest.raises(OSError):
        preview.build()
    monkeypatch.setattr(mkdocs_build, "_build_page", real)
    caplog.clear()
    preview.build()
    said = [r.getMessage().removeprefix("showcase: ") for r in caplog.records]
    ends = re.findall(r"生成网页：完成 (\d+)/(\d+)", "\n".join(said))
    assert len(ends) == 1 and ends[0][0] == ends[0][1], ends
