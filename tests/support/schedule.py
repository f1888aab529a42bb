"""How ``make test`` hands the suite to its workers (pytest-xdist, ``--dist loadscope``).

xdist's unit of work is a test file: its tests run in one worker, so its module fixtures
are made once. Session fixtures, though, are made once per worker. The folders in
``SHARED_FOLDERS`` build a site or fill a Word form in a session-scoped fixture of their
conftest.py that several of their files use (tests/compile's project with its booklets,
tests/reader's three sites, tests/links' three sites, tests/intake's form filled by
LibreOffice); each was made again in every worker that ran one of those files. Such a folder is
one unit of work, so its fixtures are made once in the run.

xdist starts the units with the most tests first, as before; these folders have many.
The tests, and what each of them runs, are the same either way: only the worker differs.
"""

from __future__ import annotations

from typing import Any

SHARED_FOLDERS = frozenset({"compile", "intake", "links", "reader"})


def unit_of(nodeid: str, default: str) -> str:
    """The unit of work of a test: its folder for ``SHARED_FOLDERS``, else ``default`` (its file)."""
    parts = nodeid.split("::", 1)[0].split("/")
    if len(parts) > 2 and parts[0] == "tests" and parts[1] in SHARED_FOLDERS:
        return "/".join(parts[:2])
    return default


def make_scheduler(config: Any, log: Any) -> Any:
    """A ``LoadScopeScheduling`` whose units are those of ``unit_of`` (imported only under xdist)."""
    from xdist.scheduler import LoadScopeScheduling

    class SharedFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid, super()._split_scope(nodeid))

    return SharedFixtureScheduling(config, log)
