"""Measure the editors' commands on a large collection.

    .venv/bin/python scripts/bench_editors.py [--cases 10000] [--changed 200]

Generates N cases (no photos) in a temporary git repository, commits them, changes
``--changed`` of them on a branch (half move from review to published), then times
``showcase stats``, ``showcase pr-summary``, ``showcase check-files`` (one case) and
``showcase new`` as real processes. Prints wall-clock and CPU time per command.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THEMES = ["凝心铸魂", "新风正气", "精神文化", "便民服务", "社区治理", "服务阵地"]
CATEGORIES = ["公益慈善类", "生活服务类", "社区事务类", "文体活动类"]
PROVINCES = ["广东省", "四川省", "北京市", "浙江省", "内蒙古自治区"]


def case_text(number: int, status: str) -> str:
    review = "review:\n  reviewer: 测试区民政局\n  approved: 2024-01-10\n" if status == "published" else ""
    return (
        f"---\nid: bench-{number:05d}\ntitle: 第{number}号社区互助实践案例\n"
        f"summary: 第{number}个案例的摘要，讲述社区社会组织如何组织居民开展互助服务，成效明显。\n"
        f"themes: [{THEMES[number % 6]}]\norganization:\n  name: 第{number}志愿服务队\n  category: {CATEGORIES[number % 4]}\n"
        f"region:\n  province: {PROVINCES[number % 5]}\ndate: {2020 + number % 6}-03-01\nstatus: {status}\n{review}---\n\n"
        "## 基本情况\n\n社区里老人多，子女不在身边。\n\n## 主要做法\n\n- 结对帮扶\n- 定期探访\n"
    )


def git(*args: str, cwd: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.org", "GIT_COMMITTER_NAME": "bench"}
    env["GIT_COMMITTER_EMAIL"] = "b@example.org"
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def timed(label: str, args: list[str], cwd: Path, stdin: str | None = None) -> None:
    """Wall-clock and CPU time (user + system) of one real process: on a busy machine the CPU time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "showcase", *args], cwd=cwd, capture_output=True, text=True, input=stdin)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print(f"{label:<38} {seconds:6.2f} s wall  {cpu:6.2f} s CPU  (exit {result.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        (project / "plugins/showcase/data").mkdir(parents=True)
        shutil.copy(ROOT / "plugins/showcase/data/review-words.example.txt", project / "plugins/showcase/data/")
        for number in range(args.cases):
            status = "review" if number < args.changed else "published"
            folder = project / "cases" / PROVINCES[number % 5] / f"bench-{number:05d}"
            folder.mkdir(parents=True)
            (folder / "index.md").write_text(case_text(number, status), encoding="utf-8")
        git("init", "-q", "-b", "main", cwd=project)
        git("add", "-A", cwd=project)
        git("commit", "-q", "-m", "base", cwd=project)
        git("checkout", "-q", "-b", "pr", cwd=project)
        for number in range(args.changed):
            path = project / "cases" / PROVINCES[number % 5] / f"bench-{number:05d}" / "index.md"
            path.write_text(case_text(number, "published" if number % 2 else "review") + "\n新增一段。\n", encoding="utf-8")
        git("commit", "-q", "-am", "changes", cwd=project)
        print(f"{args.cases} cases, {args.changed} changed on the branch ({sys.platform}, {os.cpu_count()} CPUs)")
        timed("showcase stats", ["stats"], project)
        timed("showcase stats --format csv", ["stats", "--format", "csv"], project)
        timed("showcase pr-summary --base main", ["pr-summary", "--base", "main"], project)
        one = next((project / "cases").rglob("index.md"))
        timed("showcase check-files (one case)", ["check-files", str(one)], project)
        new = [
            "new",
            "--no-input",
            "--title",
            "新建的草稿案例",
            "--org",
            "某某志愿服务队",
            "--category",
            "1",
            "--theme",
            "1",
            "--province",
            "广东省",
        ]
        timed("showcase new --no-input", new + ["--city", "广州市", "--county", "越秀区"], project)


if __name__ == "__main__":
    main()
