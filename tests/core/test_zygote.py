"""The tests' commands forked from a process that imported them (tests/support/zygote.py)
behave as the same commands started afresh: what they print, where, and how they end."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from tests.support import zygote
from tests.support.build import ENV

from .helpers import VALID, edit, write_case

pytestmark = pytest.mark.skipif(not zygote.enabled(), reason="no fork or no SCM_RIGHTS here")


def _fresh(args: list[str], cwd, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True, stdin=subprocess.DEVNULL, **kwargs)


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "mkdocs", "--version"],  # runpy warned that mkdocs.__main__ was imported already (a review)
        ["-m", "showcase", "check"],
        ["-m", "showcase", "check", "--format", "json"],
        ["-m", "showcase", "stats", "--format", "csv"],
        ["-m", "showcase", "no-such-command"],
    ],
)
def test_a_command_prints_and_ends_as_one_started_afresh(tmp_path, command):
    write_case(tmp_path / "cases" / "广东省" / "gz-yuexiu-2023-001", edit(VALID, "area: 城市", "area: 城镇"))  # an error: exit 1
    args = [sys.executable, *command]
    forked = zygote.run(args, tmp_path, ENV, timeout=120)
    assert forked is not None
    fresh = _fresh(args, tmp_path, timeout=120)
    assert (forked.returncode, forked.stdout, forked.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)


def test_a_doctor_is_forked_from_a_server_that_loaded_weasyprint_and_says_what_one_afresh_says(tmp_path):
    """``showcase doctor`` loads WeasyPrint to see whether Pango is there: its commands have
    servers of their own that loaded it, and nothing else does."""
    write_case(tmp_path / "cases" / "广东省" / "gz-yuexiu-2023-001", VALID)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: cases\nplugins:\n  - showcase\n", encoding="utf-8")
    args = [sys.executable, "-m", "showcase", "-f", "mkdocs.yml", "doctor"]
    key = tuple(sorted(ENV.items()))
    forked = zygote.run(args, tmp_path, ENV, timeout=120)
    assert forked is not None
    fresh = _fresh(args, tmp_path, timeout=120)
    assert (forked.returncode, forked.stdout, forked.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr)
    doctors = {server.process.pid for server in zygote._servers[(True, key)] if server is not None}
    others = {server.process.pid for server in zygote._servers.get((False, key), []) if server is not None}
    assert doctors and not doctors & others
    assert zygote._is_doctor(args) and zygote._is_doctor(args[:3] + ["doctor"])
    assert not zygote._is_doctor(args[:3] + ["check"]) and not zygote._is_doctor([sys.executable, "-m", "mkdocs", "doctor"])


def test_commands_in_a_row_are_forked_from_servers_taken_in_turn(tmp_path):
    """A fork keeps the hash seed: two builds compared byte for byte must not share one."""
    args = [sys.executable, "-m", "showcase", "--help"]
    for _ in range(2 * zygote.SERVERS):
        assert zygote.run(args, tmp_path, ENV, timeout=60) is not None
    servers = zygote._servers[(False, tuple(sorted(ENV.items())))]
    assert len({server.process.pid for server in servers if server is not None}) == zygote.SERVERS


def test_a_command_over_its_time_limit_is_stopped(tmp_path):
    write_case(tmp_path / "cases" / "广东省" / "gz-yuexiu-2023-001", VALID)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: cases\nplugins:\n  - showcase\n", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = [sys.executable, "-m", "showcase", "preview", "cases/广东省/gz-yuexiu-2023-001", "--port", str(port)]
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        zygote.run(args, tmp_path, ENV, timeout=8)  # serves until stopped
    assert time.monotonic() - started < 30
    time.sleep(0.5)
    with socket.socket() as again:  # the preview's server is gone with it
        assert again.connect_ex(("127.0.0.1", port)) != 0
