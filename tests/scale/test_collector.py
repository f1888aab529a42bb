"""The garbage collector while a site is built (``plugin/speedup/scale.py``): paused while
the cases are read and the site's files made, until the build's objects are frozen; a
one-off ``mkdocs build`` ends with them still frozen, and a build that follows in the same
process gives them back first. Real builds of the sample collection."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort
from showcase.core import workers
from showcase.plugin.speedup import scale

from tests.support.build import build_project, mkdocs_build
from tests.support.project import project_folder, share_cache

from .conftest import make_project

# Registered as a MkDocs hook (mkdocs.yml ``hooks:``): what the collector holds once the
# command has ended the build, just before the process exits.
SHUTDOWN_HOOK = """
import gc, json, pathlib

def on_shutdown():
    state = {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}
    pathlib.Path("collector.json").write_text(json.dumps(state))
"""


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    with project_folder("scale-collector-") as root:
        make_project(root, generated=0)
        yield share_cache(root)  # photos and cards from the run's cache: the collector is what is watched


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector ran when each build began to read its cases."""
    states: list[bool] = []
    load = scale.load_site_collection

    def watched(*args: Any, **kwargs: Any) -> Any:
        states.append(gc.isenabled())
        return load(*args, **kwargs)

    monkeypatch.setattr(scale, "load_site_collection", watched)
    return states


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    yield
    scale._thaw(collect=True)  # no test leaves the process with a build's objects frozen
    gc.enable()


def test_paused_while_the_cases_are_read_and_given_back_after_a_serve_build(project: Path, seen: list[bool]) -> None:
    build_project(project, site_dir="site-serve", serve=True)
    assert seen == [False]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # `mkdocs serve` builds again: every object collectable


def test_a_one_off_build_stays_frozen_until_a_build_follows_in_the_same_process(project: Path, seen: list[bool]) -> None:
    build_project(project, site_dir="site-once", one_off=True)  # as `mkdocs build` ends
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the pages, files and cases of the build
    build_project(project, site_dir="site-after", serve=True)
    assert seen == [False, False]
    assert gc.get_freeze_count() == 0


def test_a_failed_build_resumes_the_collector(seen: list[bool]) -> None:
    with project_folder("scale-collector-bad-") as root:
        share_cache(make_project(root, generated=0).parent)
        case = next(path for path in sorted((root / "cases").rglob("index.md")) if "status: published" in path.read_text(encoding="utf-8"))
        case.write_text(case.read_text(encoding="utf-8").replace("status: published", "status: [published", 1), encoding="utf-8")
        with pytest.raises(Abort, match="BuildError"):  # the case's error, logged
            build_project(root, site_dir="site")
    assert seen == [False]
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_worker_forked_while_the_collector_is_paused_collects_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "can_fork", lambda: True)  # pytest-timeout's thread; the workers only report
    gc.disable()
    try:
        states = workers.forked_map(_collector_on, list(range(8)), jobs=2, minimum=2)
    finally:
        gc.enable()
    assert states == [True] * 8


def _collector_on(_: int) -> bool:
    return gc.isenabled()


def test_the_command_line_build_ends_with_the_collector_on_and_the_build_frozen(project: Path) -> None:
    (project / "collector_hook.py").write_text(SHUTDOWN_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "\nhooks:\n  - collector_hook.py\n", encoding="utf-8")
    try:
        done = mkdocs_build(project, "site-cli")
    finally:
        config.write_text(text, encoding="utf-8")
    assert done.returncode == 0, done.stderr[-3000:]
    state = json.loads((project / "collector.json").read_text(encoding="utf-8"))
    assert state["enabled"] is True
    assert state["frozen"] > 10_000
