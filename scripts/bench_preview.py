"""The editor's loop at scale: from saving a case to seeing the change in the browser.

    .venv/bin/python scripts/bench_preview.py                  # 10,000 cases, 5 edits
    .venv/bin/python scripts/bench_preview.py --cases 1000 --serve

Generates N cases (``scripts/gen_cases.py``) into a temporary project (as
``scripts/bench.py`` does), starts ``showcase preview <case>`` on 127.0.0.1, opens the
case page in headless Chromium (Debian's chromium through playwright) and then, several
times: writes a new title into the case's ``index.md`` and waits until the page in the
browser shows it (the live-reload script reloads the page after the rebuild). The time
from the write to the title on screen is the editor's wait; it includes the file watcher
noticing the change (it looks twice a second), the rebuild and the reload.

``--serve`` measures ``mkdocs serve`` (the whole site rebuilt) the same way, for
comparison; at 10,000 cases one rebuild takes minutes.

Target (issue 8): at 10,000 cases, an edit shows in at most 3 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import PY, make_project
from chromium import CHROMIUM, CHROMIUM_ARGS
from gen_cases import generate


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"预览进程退出了（{proc.returncode}）")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{timeout:.0f} 秒内没有打开 {url}")


def edit_loop(url: str, index_md: Path, edits: int) -> list[float]:
    """Seconds from writing a new title to the browser showing it, per edit."""
    from playwright.sync_api import sync_playwright

    original = index_md.read_text(encoding="utf-8")
    waits = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector("h1")
            for number in range(edits):
                marker = f"编辑测试{number}号"
                text = re.sub(r"^title: ", f"title: {marker}", original, count=1, flags=re.M)
                time.sleep(1.0)  # let the watcher settle after the previous rebuild
                start = time.perf_counter()
                index_md.write_text(text, encoding="utf-8")
                page.wait_for_function(
                    "m => document.querySelector('h1') && document.querySelector('h1').textContent.includes(m)", arg=marker, timeout=600_000
                )
                waits.append(time.perf_counter() - start)
            browser.close()
    finally:
        index_md.write_text(original, encoding="utf-8")
    return waits


def measure(project: Path, index_md: Path, edits: int, tool: str, cmd: list[str], *, first_timeout: float, stop_timeout: float) -> dict:
    """Start the preview server ``cmd`` on a free port, wait for the case page, then time the edits."""
    port = free_port()
    log = project / f"{tool.split()[-1]}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [arg.replace("{port}", str(port)) for arg in cmd],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            case_id = re.search(r"^id: (\S+)", index_md.read_text(encoding="utf-8"), re.M).group(1)
            url = f"http://127.0.0.1:{port}/cases/{case_id}/"
            first = wait_http(url, proc, timeout=first_timeout)
            waits = edit_loop(url, index_md, edits)
        finally:
            proc.terminate()
            proc.wait(timeout=stop_timeout)
    return {"tool": tool, "first_s": first, "waits": waits}


def run_preview(project: Path, index_md: Path, edits: int) -> dict:
    cmd = [PY, "-m", "showcase", "-f", "mkdocs.yml", "preview", str(index_md.parent), "--port", "{port}"]
    return measure(project, index_md, edits, "showcase preview", cmd, first_timeout=900, stop_timeout=30)


def run_serve(project: Path, index_md: Path, edits: int) -> dict:
    cmd = [PY, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", "127.0.0.1:{port}"]
    return measure(project, index_md, edits, "mkdocs serve", cmd, first_timeout=3600, stop_timeout=60)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="编辑预览测试：保存案例到浏览器显示修改的时间。")
    parser.add_argument("--cases", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--serve", action="store_true", help="也测 mkdocs serve（整站重建）")
    parser.add_argument("--keep", type=Path, help="把生成的项目留在这个文件夹里（已有则直接用）")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-preview-"))
    project = work / str(args.cases)
    try:
        if not (project / "cases").is_dir():
            make_project(project)
            generate(project / "cases", args.cases, args.seed)
        index_md = sorted((project / "cases").rglob("index.md"))[0]
        results = [run_preview(project, index_md, args.edits)]
        if args.serve:
            results.append(run_serve(project, index_md, args.edits))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0]
    print(f"Editor's loop at {args.cases:,} cases ({args.edits} edits; load average at the end {load:.1f}, {os.cpu_count()} cores)")
    print(f"{'tool':<18} {'first build s':>13} {'edit→visible s: median':>23} {'max':>6}  all")
    for r in results:
        waits = r["waits"]
        print(
            f"{r['tool']:<18} {r['first_s']:>13.1f} {statistics.median(waits):>23.2f} {max(waits):>6.2f}  "
            + " ".join(f"{w:.2f}" for w in waits)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
