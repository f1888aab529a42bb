"""The PDF layout's processes (booklet/pdflaunch.py): on Linux each booklet's process is
forked from one that has loaded WeasyPrint once; it is still a process of its own, in the
caller's folder, and the one it is forked from ends with the process that started it.

A stand-in ``weasyprint`` (on ``PYTHONPATH``, which the layout's processes inherit) says
where and when it was loaded and which process wrote each file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from showcase.core.outputs.booklet import pdflaunch
from showcase.core.outputs.booklet.pdf import write_pdf

from tests.support.project import ROOT, write_case

from .test_booklet import booklet_of

pytestmark = pytest.mark.skipif(not pdflaunch.FORKS, reason="booklets' processes are forked on Linux only")


def stand_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pause: float = 0.0) -> Path:
    """A ``weasyprint`` that appends its process's pid to ``loaded.txt`` when imported and
    writes "<pid> <parent's pid>" and its working folder as the PDF (after the seconds in
    ``pause.txt``, ``pause`` at first; its pid in ``writing.txt`` meanwhile); returns loaded.txt."""
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    loaded = tmp_path / "loaded.txt"
    fake.joinpath("__init__.py").write_text(
        "import os, time\n"
        f"with open({str(loaded)!r}, 'a') as f:\n    f.write(f'{{os.getpid()}}\\n')\n"
        "class HTML:\n"
        "    def __init__(self, **given):\n        pass\n"
        "    def render(self, **options):\n        return self\n"
        "    def write_pdf(self, target, **options):\n"
        f"        open({str(tmp_path / 'writing.txt')!r}, 'w').write(str(os.getpid()))\n"
        f"        time.sleep(float(open({str(tmp_path / 'pause.txt')!r}).read()))\n"
        "        try:\n            here = os.getcwd()\n        except OSError:\n            here = '(removed)'\n"
        "        open(target, 'w').write(f'{os.getpid()} {os.getppid()}\\n{here}')\n",
        encoding="utf-8",
    )
    fake.joinpath("urls.py").write_text("class URLFetcher:\n    def __init__(self, **given):\n        pass\n", encoding="utf-8")
    (tmp_path / "pause.txt").write_text(str(pause))  # read at each booklet: a test may change it
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    return loaded


@pytest.fixture
def booklet(tmp_path):
    write_case(tmp_path / "cases", "gz-yuexiu-2023-001", 0, cover=None)
    return booklet_of(tmp_path / "cases", tmp_path / "images")


def written_by(path: Path) -> tuple[int, int]:
    pid, parent = path.read_text().splitlines()[0].split()
    return int(pid), int(parent)


def test_each_booklet_has_a_process_of_its_own_forked_from_one_that_loaded_weasyprint_once(tmp_path, monkeypatch, booklet):
    loaded = stand_in(tmp_path, monkeypatch)
    for number in range(3):
        write_pdf(booklet, tmp_path / f"{number}.pdf")
    writers = [written_by(tmp_path / f"{number}.pdf") for number in range(3)]
    (server,) = map(int, loaded.read_text().split())  # loaded once, in the process they were forked from
    assert {parent for _, parent in writers} == {server}
    assert len({pid for pid, _ in writers} | {server, os.getpid()}) == 5  # each its own process
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["0.pdf", "1.pdf", "2.pdf"]  # no temporary file left


def test_a_server_killed_between_booklets_is_started_again(tmp_path, monkeypatch, booklet):
    loaded = stand_in(tmp_path, monkeypatch)
    write_pdf(booklet, tmp_path / "0.pdf")
    (first,) = map(int, loaded.read_text().split())
    os.kill(first, signal.SIGKILL)
    write_pdf(booklet, tmp_path / "1.pdf")
    assert written_by(tmp_path / "1.pdf")[0] > 0
    servers = [int(p) for p in loaded.read_text().split()]
    assert len(servers) == 2 and servers[0] == first  # a second loaded it again


def test_two_booklets_laid_out_at_once_by_two_threads_are_both_written(tmp_path, monkeypatch, booklet):
    """``mkdocs serve`` rebuilds while a command of the same process lays out: the second
    booklet does not wait for the first's process, it starts one afresh. (Each takes 5 s: on
    a loaded machine the second must still ask while the first holds the server.)"""
    stand_in(tmp_path, monkeypatch)
    write_pdf(booklet, tmp_path / "warm.pdf")  # the server is up
    (tmp_path / "pause.txt").write_text("5")
    failed: list[BaseException] = []

    def lay_out(name: str) -> None:
        try:
            write_pdf(booklet, tmp_path / name)
        except BaseException as exc:  # reported by the assertion below
            failed.append(exc)

    threads = [threading.Thread(target=lay_out, args=(f"{n}.pdf",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert failed == []
    assert len({written_by(tmp_path / f"{n}.pdf")[1] for n in range(2)}) == 2  # one forked by the server, one started by us


def test_a_relative_path_is_the_caller_s_folder_not_the_server_s(tmp_path, monkeypatch, booklet):
    stand_in(tmp_path, monkeypatch)
    write_pdf(booklet, tmp_path / "warm.pdf")  # the server started in the test's folder
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    write_pdf(booklet, Path("b.pdf"))  # the HTML's relative addresses are read from here too (base_url ".")
    assert [p.name for p in elsewhere.iterdir()] == ["b.pdf"] and not (tmp_path / "b.pdf").exists()
    assert (elsewhere / "b.pdf").read_text().splitlines()[1] == str(elsewhere)


def test_a_forked_copy_of_the_caller_starts_a_server_of_its_own(tmp_path, monkeypatch, booklet):
    """The test suite's command server forks processes that lay booklets out: a copy does not
    talk to its parent's server, whose replies its parent would then miss."""
    loaded = stand_in(tmp_path, monkeypatch)
    write_pdf(booklet, tmp_path / "parent.pdf")
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through its exit code
        code = 1
        try:
            code = 0 if pdflaunch._server is None else 3
            write_pdf(booklet, tmp_path / "child.pdf")
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    write_pdf(booklet, tmp_path / "parent-again.pdf")
    servers = [int(p) for p in loaded.read_text().split()]
    assert len(servers) == 2
    assert written_by(tmp_path / "child.pdf")[1] == servers[1]
    assert written_by(tmp_path / "parent.pdf")[1] == written_by(tmp_path / "parent-again.pdf")[1] == servers[0]


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return True
    return state == "Z"  # ended, not yet reaped by whoever inherited it


def test_the_server_ends_with_the_process_that_started_it_even_one_that_never_says_goodbye(tmp_path, monkeypatch):
    """A build killed, or ended by os._exit, runs no clean-up: the server sees its socket close."""
    loaded = stand_in(tmp_path, monkeypatch)
    write_case(tmp_path / "cases", "gz-yuexiu-2023-001", 0, cover=None)
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from showcase.core.outputs.booklet.pdf import write_pdf\n"
        "from tests.compile.test_booklet import booklet_of\n"
        f"tmp = Path({str(tmp_path)!r})\n"
        "write_pdf(booklet_of(tmp / 'cases', tmp / 'images'), tmp / 'b.pdf')\n"
        "os._exit(0)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.environ["PYTHONPATH"], str(ROOT / "plugins"), str(ROOT), str(ROOT / "scripts")])}
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    (server,) = map(int, loaded.read_text().split())
    deadline = time.monotonic() + 10
    while not _gone(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(server)


def _writing(tmp_path: Path, after: float = 30) -> int:
    """The pid of the stand-in's process once it is writing its file."""
    marker = tmp_path / "writing.txt"
    deadline = time.monotonic() + after
    while not (marker.exists() and marker.read_text()):
        assert time.monotonic() < deadline, "the layout never started"
        time.sleep(0.05)
    return int(marker.read_text())


def test_ctrl_c_stops_the_command_and_its_booklet_s_process_and_the_server(tmp_path, monkeypatch):
    """Ctrl-C in the terminal reaches every process of its group. The server is in a group of
    its own (else it died first, and the command said it could not write the file): the
    command says 已中断, stops the booklet's process itself, and the server ends with it."""
    loaded = stand_in(tmp_path, monkeypatch, pause=60)
    project = tmp_path / "project"
    from tests.support.project import make_project

    make_project(project)
    write_case(project / "cases", "gz-yuexiu-2023-001", 0, cover=None)
    (tmp_path / "ids.txt").write_text("gz-yuexiu-2023-001\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([os.environ["PYTHONPATH"], str(ROOT / "plugins")])}
    command = [
        sys.executable,
        "-m",
        "showcase",
        "-f",
        "mkdocs.yml",
        "booklet",
        "--ids",
        str(tmp_path / "ids.txt"),
        "-o",
        str(out / "b.pdf"),
    ]
    with subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as run:
        try:
            child = _writing(tmp_path)
            assert os.getpgid(child) == run.pid  # the command's group: Ctrl-Z stops it too, as it stops the command
            os.killpg(run.pid, signal.SIGINT)  # what the terminal sends
            _, err = run.communicate(timeout=60)
        finally:
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 130 and err.strip().splitlines()[-1] == "showcase: 已中断。", err
    (server,) = map(int, loaded.read_text().split())
    deadline = time.monotonic() + 10
    while not (_gone(child) and _gone(server)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child) and _gone(server)
    assert list(out.iterdir()) == []


def test_a_server_killed_while_its_booklet_is_laid_out_fails_that_booklet_only(tmp_path, monkeypatch, booklet):
    """How its process ended is lost with the server: no file, a message, and the next booklet
    is laid out by a new one. (Its layout takes 5 s: on a loaded machine the server must
    still be killed before it ends.)"""
    from showcase.core.outputs.booklet.pdf import LayoutFailed

    loaded = stand_in(tmp_path, monkeypatch)
    write_pdf(booklet, tmp_path / "warm.pdf")
    (tmp_path / "pause.txt").write_text("5")
    (server,) = map(int, loaded.read_text().split())
    (tmp_path / "writing.txt").unlink()
    threading.Timer(0.0, lambda: (_writing(tmp_path), os.kill(server, signal.SIGKILL))).start()
    with pytest.raises(LayoutFailed, match="排版程序意外退出，退出代码 -9"):
        write_pdf(booklet, tmp_path / "b.pdf")
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["warm.pdf"]
    (tmp_path / "pause.txt").write_text("0")
    write_pdf(booklet, tmp_path / "after.pdf")
    assert written_by(tmp_path / "after.pdf")[1] not in (server, os.getpid())


def test_without_pidfds_every_booklet_s_process_is_started_afresh(tmp_path, monkeypatch, booklet):
    """A kernel before 5.3, or a sandbox refusing the call: a pid alone could name another
    process by the time it is killed, so nothing is forked."""
    import errno

    def refused(pid: int, flags: int = 0) -> int:
        raise OSError(errno.ENOSYS, "Function not implemented")

    loaded = stand_in(tmp_path, monkeypatch)
    monkeypatch.setattr(pdflaunch.os, "pidfd_open", refused)
    for number in range(2):
        write_pdf(booklet, tmp_path / f"{number}.pdf")
    writers = [written_by(tmp_path / f"{number}.pdf") for number in range(2)]
    assert [parent for _, parent in writers] == [os.getpid()] * 2
    assert sorted(map(int, loaded.read_text().split())) == sorted(pid for pid, _ in writers)  # each loaded it itself


def test_a_forked_process_waits_as_popen_does(tmp_path, monkeypatch):
    """``wait(0)`` on an ended process gives its code (a deadline reached just as it ended), on
    a running one a ``TimeoutExpired``; ``kill`` stops it, and its code says so."""
    stand_in(tmp_path, monkeypatch, pause=60)
    with open(os.devnull, "wb") as errors:
        with pdflaunch.start(tmp_path / "a.pdf", str(tmp_path), errors) as running:
            assert isinstance(running, pdflaunch.Forked)
            running.stdin.write(b"<p>x</p>")
            running.stdin.close()
            _writing(tmp_path)
            with pytest.raises(subprocess.TimeoutExpired):
                running.wait(timeout=0)
            running.kill()
            assert running.wait(timeout=30) == -signal.SIGKILL
        (tmp_path / "writing.txt").unlink()
        stand_in(tmp_path / "quick", monkeypatch)  # another PYTHONPATH, so another server: no pause
        with pdflaunch.start(tmp_path / "b.pdf", str(tmp_path), errors) as quick:
            quick.stdin.write(b"<p>x</p>")
            quick.stdin.close()
            assert quick.stdout.read().decode().split()[-1] == "written"
            deadline = time.monotonic() + 30
            while True:
                try:
                    assert quick.wait(timeout=0) == 0
                    break
                except subprocess.TimeoutExpired:
                    assert time.monotonic() < deadline
                    time.sleep(0.01)


def test_a_caller_whose_folder_was_removed_still_lays_out(tmp_path, monkeypatch, booklet):
    """``mkdocs serve`` in a project folder replaced meanwhile: a fresh process inherits the
    folder as it is; so does a forked one (it is passed open, not by name)."""
    stand_in(tmp_path, monkeypatch)
    write_pdf(booklet, tmp_path / "warm.pdf")
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    write_pdf(booklet, tmp_path / "b.pdf")
    assert (tmp_path / "b.pdf").read_text().splitlines()[1] == "(removed)"
    assert written_by(tmp_path / "b.pdf")[1] == written_by(tmp_path / "warm.pdf")[1]  # forked, by the same server


def test_a_relative_pythonpath_is_read_from_the_caller_s_folder(tmp_path, monkeypatch, booklet):
    """Python makes PYTHONPATH's entries absolute against the folder it starts in: a server
    started elsewhere loaded the real WeasyPrint here, or none, and said Pango was missing."""
    loaded = stand_in(tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", "fake")
    write_pdf(booklet, tmp_path / "b.pdf")
    assert written_by(tmp_path / "b.pdf")[1] == int(loaded.read_text().split()[0])  # the stand-in, in a forked process


def test_where_pidfds_cannot_carry_a_signal_every_booklet_s_process_is_started_afresh(tmp_path, monkeypatch, booklet):
    """A sandbox allowing pidfd_open but not pidfd_send_signal: a kill that cannot be sent would
    leave the time limit waiting for the layout to end on its own."""

    def refused(fd: int, sig: int, *rest: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    stand_in(tmp_path, monkeypatch)
    monkeypatch.setattr(pdflaunch.signal, "pidfd_send_signal", refused)
    write_pdf(booklet, tmp_path / "b.pdf")
    assert written_by(tmp_path / "b.pdf")[1] == os.getpid()


def test_the_layout_s_output_closed_under_its_reader_is_its_end_not_a_traceback():
    """On Ctrl-C the command closes the layout's output after giving its reader 5 s; on a
    loaded machine the reader had not finished, and its ValueError was printed after 已中断."""
    import io
    import queue

    from showcase.core.outputs.booklet.pdf import hear
    from showcase.core.outputs.booklet.pdfprocess import PREFIX

    class ClosedAfterOneLine(io.BytesIO):
        def __iter__(self):
            yield f"{PREFIX} laid-out\n".encode()
            self.close()
            yield self.readline()  # what reading a closed stream does: ValueError

    heard: queue.Queue[str | None] = queue.Queue()
    hear(ClosedAfterOneLine(b"rest\n"), heard)
    assert [heard.get_nowait(), heard.get_nowait()] == ["laid-out", None]
    closed = io.BytesIO()
    closed.close()
    hear(closed, heard)
    assert heard.get_nowait() is None
