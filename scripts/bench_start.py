"""When a warm build writes its first page, with and without the work moved off its core.

    .venv/bin/python scripts/bench_start.py PROJECT --pairs 5

``PROJECT`` is a built project (a ``scripts/bench.py --keep DIR`` one: its ``.cache`` filled).
Each pair is two warm builds one after the other (``mkdocs build``, the site folder
emptied before each, then ``bench.py``'s wait: the disk synced and the machine idle): one with the early site folders
(``plugin/speedup/folders.py``) and the cached share cards checked on every core
(``sharecard.read_cards``) switched off, one as the build is. For each: when the site
folder was cleaned (the end of ``on_pre_build``), how long MkDocs took to copy the
cached files, when the first page was built, and the whole build. Run it alone: a second
process on the machine moves every figure, and a build during which other work used more
than 0.15 core is named at the end (exit 3), as ``bench.py`` does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
from pathlib import Path

from showcase.commands.check import positive_int

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import PY, Bench

# Run in a child process per build: the marks, then MkDocs' own command.
CHILD = """
import json, sys, time
T0 = time.perf_counter()
marks = {}
if sys.argv[1] == "off":
    from showcase.core.media import pipeline, sharecard
    from showcase.plugin.speedup import folders
    folders.MIN_FOLDERS = 10**9
    pipeline.read_cards = sharecard._read_cards
from mkdocs.commands import build as B
from mkdocs.structure.files import Files
def since():
    return round(time.perf_counter() - T0, 2)
clean, copy, page = B.utils.clean_directory, Files.copy_static_files, B._build_page
def cleaned(folder):
    clean(folder)
    marks["cleaned"] = since()
def copied(self, *args, **kwargs):
    start = time.perf_counter()
    copy(self, *args, **kwargs)
    marks["copy"] = round(time.perf_counter() - start, 2)
def built(*args, **kwargs):
    marks.setdefault("first_page", since())
    return page(*args, **kwargs)
B.utils.clean_directory, Files.copy_static_files, B._build_page = cleaned, copied, built
from mkdocs.__main__ import cli
try:
    cli(["build", "-q"], standalone_mode=False)
finally:
    marks["build"] = since()
    print("MARKS " + json.dumps(marks), file=sys.stderr)
"""


def build(bench: Bench, project: Path, mode: str) -> dict[str, float]:
    shutil.rmtree(project / "site", ignore_errors=True)
    done = bench.run(f"{mode} build", [PY, "-c", CHILD, mode], project)
    line = [row for row in done.log.splitlines() if row.startswith("MARKS ")]
    if done.status != 0 or not line:
        raise SystemExit(f"构建失败（{mode}）：\n{done.log[-3000:]}")
    return json.loads(line[-1][6:])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, help="a built project (its .cache filled)")
    parser.add_argument("--pairs", type=positive_int, default=5)
    args = parser.parse_args()
    if not (args.project / "mkdocs.yml").is_file() or not (args.project / ".cache").is_dir():
        parser.error(f"{args.project} 不是构建过的项目（需要 mkdocs.yml 和 .cache）")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # its notice would fill the log of a failed build
    bench = Bench()
    build(bench, args.project, "on")  # a first build leaves the caches as this code keeps them
    bench.flagged.clear()  # not measured
    runs: dict[str, list[dict[str, float]]] = {"off": [], "on": []}
    for _ in range(args.pairs):
        for mode in ("off", "on"):
            runs[mode].append(build(bench, args.project, mode))
            print(mode, runs[mode][-1], flush=True)
    for key in ("cleaned", "copy", "first_page", "build"):
        off, on = [r[key] for r in runs["off"]], [r[key] for r in runs["on"]]
        gain = statistics.median(a - b for a, b in zip(off, on, strict=True))
        print(f"{key:>10}: off {min(off):.2f}–{max(off):.2f} s, on {min(on):.2f}–{max(on):.2f} s, median of off − on {gain:+.2f} s")
    for flag in bench.flagged:
        print(f"! {flag}")
    return 3 if bench.flagged else 0


if __name__ == "__main__":
    sys.exit(main())
