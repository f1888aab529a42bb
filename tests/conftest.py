"""Session-wide: the markers chosen by folder, the units of work of ``make test``'s
workers (tests/support/schedule.py), the run's shared build cache, and one headless
Chromium for the session.

Markers: tests in the engine-free folders (``FAST_FOLDERS``) are marked ``fast``, every other
folder's tests ``site`` (they build sites with MkDocs or drive Chromium). ``make test-fast``
runs ``pytest -m "not site"``; ``make test`` runs everything. A new folder of engine-free
tests goes into ``FAST_FOLDERS`` (tests/support/markers.py).

Playwright's sync API runs an event loop while it is open, and refuses to start a
second one beside it; so every browser test shares this session-wide browser.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.markers import FAST_FOLDERS, folder_marker
from tests.support.project import SHARED_CACHE
from tests.support.schedule import make_scheduler
from tests.support.serve import CHROMIUM, CHROMIUM_ARGS

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "FAST_FOLDERS"]


_OWN_CACHE = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """The run's shared build cache (tests/support/project.py), made by the process that
    starts the run: pytest-xdist's workers start later and inherit its environment.

    Ctrl-C as a terminal gives it, in this process and every process it starts: a run started
    in the background by a shell without job control (``(make test &)`` in a script) inherits
    SIGINT ignored, and so did every command a test started; the three tests that press
    Ctrl-C on a command or a conversion then failed (nothing stopped; no KeyboardInterrupt)."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if SHARED_CACHE not in os.environ:
        folder = tempfile.mkdtemp(prefix="showcase-test-cache-")
        os.environ[SHARED_CACHE] = folder
        config.stash[_OWN_CACHE] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_OWN_CACHE, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(SHARED_CACHE, None)


@pytest.hookimpl(tryfirst=True)  # before `-m` selects on the markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(folder_marker(item.path))


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist's: only under `-n`
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Whole folders of shared session fixtures as one unit of work (tests/support/schedule.py)."""
    if config.getoption("dist") != "loadscope":
        return None  # another --dist asked for on the command line: xdist's own
    return make_scheduler(config, log)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium-headless-shell through apt-get)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
