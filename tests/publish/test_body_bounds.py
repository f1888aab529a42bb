"""`mkdocs build` with a hostile case body: it ends with the case named, never a hang
or a traceback; image sources that are not the case's own never reach a page (issue 13)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.build import run

from .conftest import make_project, write_case

GUARD = 120  # seconds: a hang guard for a whole build, not a speed target
CASE_FILE = "cases/广东省/bad-001/index.md"  # write_case puts case 0 in 广东省


def configure(project: Path, **options: object) -> None:
    """Plugin options in the project's mkdocs.yml (as text: it has !ENV tags)."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    lines = "".join(f"      {key}: {json.dumps(value)}\n" for key, value in options.items())
    assert "  - showcase:\n" in text
    path.write_text(text.replace("  - showcase:\n", "  - showcase:\n" + lines, 1), encoding="utf-8")


def mkdocs_build(project: Path) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    result = run([sys.executable, "-m", "mkdocs", "build", "--quiet"], project, timeout=GUARD)
    return result, time.monotonic() - started


HOSTILE = {
    "list-2000-deep": ("## 做法\n\n" + "- " * 2000 + "x\n", "body-too-deep"),
    "brackets-40000": ("## 做法\n\n" + "[" * 40000 + "\n", "body-unclosed"),
    # spaced: no run of letters and marks the check refuses (body-long-word), slow all the same
    "brackets-spaced-40000": ("## 做法\n\n" + "[ " * 40000 + "\n", "body-unclosed"),
    "oversize": ("## 做法\n\n" + "社区志愿者每周上门探访老人，提供助餐和陪诊服务。\n\n" * 3000, "body-too-large"),
    "picture-source-srcset": (
        '## 做法\n\n<picture><source srcset="https://attacker.invalid/a.jpg"><img src="photo1.jpg" alt="合影"></picture>\n',
        "image-external",
    ),
    "img-srcset": ('## 做法\n\n<img src="photo1.jpg" alt="合影" srcset="https://attacker.invalid/b.jpg 2x">\n', "image-external"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_build_stops_at_a_hostile_body_naming_the_case(tmp_path, name):
    body, code = HOSTILE[name]
    project = make_project(tmp_path)
    configure(project, search=False, share_images=False)
    write_case(project / "cases", "bad-001", 0, body=body)
    write_case(project / "cases", "good-001", 1)
    result, took = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert re.search(rf"{re.escape(CASE_FILE)}:\d+: error \[{code}\]", output), output
    assert took < GUARD


def test_past_the_bounds_a_body_that_fails_to_convert_is_named(tmp_path):
    """Bounds switched off: Python-Markdown's RecursionError becomes the case's error."""
    project = make_project(tmp_path)
    configure(project, search=False, share_images=False, max_body_nesting=1_000_000)
    write_case(project / "cases", "bad-001", 0, body=HOSTILE["list-2000-deep"][0])
    result, _ = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output and "RecursionError" not in output
    assert re.search(rf"{re.escape(CASE_FILE)}:\d+: error \[body-too-deep\]", output), output


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="no interval timer (Windows)")
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_slow_body_is_stopped_at_the_time_limit_naming_the_case(tmp_path, jobs):
    """A body the static bounds let through (limits raised) but slow to convert: 40,000 "[ ",
    minutes of work, stopped after body_seconds. With jobs 2 and enough pages the body is
    converted ahead of time in a forked worker (plugin/speedup/prerender.py): the limit holds
    there too, or the build would wait a minute for the worker before converting itself."""
    project = make_project(tmp_path)
    configure(project, search=False, share_images=False, max_body_unclosed=1_000_000, body_seconds=2, jobs=jobs)
    for n in range(70 if jobs > 1 else 1):  # prerender needs 64 pages; the workers take the later ones
        write_case(project / "cases", f"ok-{n:03d}", 1, cover=None)
    write_case(project / "cases", "zz-slow-001", 0, body=HOSTILE["brackets-spaced-40000"][0], cover=None)
    result, took = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert re.search(r"cases/广东省/zz-slow-001/index\.md:\d+: error \[body-too-slow\] 正文转换超过 2 秒", output), output
    assert took < 55  # below prerender's STALL_SECONDS (60): the worker stopped by itself


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="no interval timer (Windows)")
def test_the_time_limit_holds_without_the_speed_ups(tmp_path):
    """The limit is the plugin's, not the speed-up layer's: the reference build with every
    speed-up switched off (tests/scale/plain_build.py) stops the slow body too."""
    project = make_project(tmp_path)
    configure(project, search=False, share_images=False, max_body_unclosed=1_000_000, body_seconds=2)
    write_case(project / "cases", "zz-slow-001", 0, body=HOSTILE["brackets-spaced-40000"][0], cover=None)
    plain = Path(__file__).parents[1] / "scale" / "plain_build.py"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(plain), "mkdocs.yml", "site"], cwd=project, capture_output=True, text=True, check=False, timeout=GUARD
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.search(r"cases/广东省/zz-slow-001/index\.md:\d+: error \[body-too-slow\] 正文转换超过 2 秒", output), output
    assert time.monotonic() - started < 55


def test_only_the_cases_own_image_files_reach_the_page(tmp_path):
    """srcset an author writes is dropped even when the check lets it through (a file of the
    case); the photo pipeline's own <picture> keeps its srcset."""
    project = make_project(tmp_path)
    configure(project, search=False, share_images=False)
    body = (
        "## 做法\n\n"
        '<picture><source srcset="photo1.jpg 2x"><img src="photo1.jpg" alt="作者的图"></picture>\n\n'
        '<img src="photo1.jpg" alt="流水线的图" srcset="photo1.jpg 2x">\n\n'
        "![合影](photo1.jpg)\n"
    )
    write_case(project / "cases", "own-001", 0, body=body)
    result, _ = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site/cases/own-001/index.html").read_text(encoding="utf-8")
    article = html[html.index("作者的图") - 400 :]
    assert 'srcset="photo1.jpg' not in html
    ours = re.findall(r'srcset="(photo1-[0-9a-f]{10}-\d+\.(?:webp|jpg) \d+w)"', article)
    assert len(ours) >= 4, article[:3000]  # two pictures of the pipeline, a WebP and a JPEG set each


def test_a_body_the_converter_fails_on_keeps_what_failed_for_the_maintainers(monkeypatch, caplog):
    """A code review: any exception while converting a body became the case's error, its
    cause dropped (``from None``), so that a regression in a Markdown extension read as "fix
    your case" with nothing to find it by. The editor's words stay; the error keeps its
    cause, and ``mkdocs build -v`` logs the traceback."""
    import logging
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError
    from mkdocs.structure.pages import Page
    from showcase.plugin import bodylimit

    def broken(page, config, files):
        raise ValueError("an extension's own mistake")

    monkeypatch.setattr(Page, "render", broken)
    page = SimpleNamespace(body_of=(Path("cases/广东省/gz-x/index.md"), 9), time_limit=0)
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.showcase.plugin.bodylimit"), pytest.raises(PluginError) as raised:
        bodylimit.render_within(page, None, None)  # type: ignore[arg-type]
    assert "index.md:9: error [body-failed] 正文无法转换成网页（ValueError）" in str(raised.value)
    assert isinstance(raised.value.__cause__, ValueError)
    assert any(record.exc_info and "an extension's own mistake" in str(record.exc_info[1]) for record in caplog.records), caplog.records
