"""Scale: the project's full build against the floor, at 1,000 and 10,000 cases.

    .venv/bin/python scripts/bench.py                      # 1,000 and 10,000 cases
    .venv/bin/python scripts/bench.py --sizes 1000 --repeat 3
    .venv/bin/python scripts/bench.py --sizes 50000 --no-floor   # the floor's one Pagefind would need ~22 GB
    .venv/bin/python scripts/bench.py --photos 200         # also a run with photos (warm cache)

For each size N it generates N varied published cases (``scripts/gen_cases.py``: about
2,000 Chinese characters each, no photos) into a temporary project (this project's
``mkdocs.yml``, ``site_overrides``, data files and guide; ``urls.lock`` written first
with ``showcase urls --update``, as a real site has one), then measures side by side,
each as a subprocess:

- **build**: ``mkdocs build --strict`` of the project: validation, every generated page
  (cases, listings, embeds, feeds, catalog, sitemap) and the search index;
- **floor**: plain Material for MkDocs on the same files (``docs_dir`` is the same
  ``cases/`` folder: the same texts), no plugins, every page kept out of the nav
  (``not_in_nav``), validation quiet; plus Pagefind (the same extended binary, Chinese)
  indexing that output. The ratio is build / (floor build + floor index);
- ``showcase check`` over the cases;
- the peak memory of each child (``ru_maxrss`` from ``wait4``: the largest of the process
  and the children it waited for, Pagefind included), the output's size and file count,
  and the HTML size of the case pages (median and largest).

Times are wall clock (the targets' measure) and, beside them, CPU seconds (user + system
of the child and its children), which a busy machine inflates less. With ``--repeat R``
each measurement runs R times, alternating build and floor, and the fastest run counts.

Photos are measured apart (``--photos K``): K of the cases at the first size get a cover
and a body photo, then one build fills the image cache and a second build (warm cache)
is timed against the floor on the same texts.

Targets (issue 8): ratio ≤ 1.3 at 1,000 and at 10,000; 10,000 ≤ 11 × 1,000; peak memory
at 10,000 < 2 GB; a case page's HTML < 60 KB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_cases import generate  # noqa: E402

PY = sys.executable
DATA_OPTIONS = re.compile(r"^\s+(taxonomy|review_words|texts|guide):\s*(\S+)\s*$", re.M)
GUIDE = "CONTRIBUTING.md"
FLOOR_YML = """\
# The floor: plain Material for MkDocs, no plugins, pages out of the nav, quiet validation.
site_name: floor
docs_dir: ../cases
site_dir: site
use_directory_urls: true
theme:
  name: material
  language: zh
  font: false
plugins: []
not_in_nav: |
  /**
validation:
  nav:
    omitted_files: ignore
    not_found: ignore
    absolute_links: ignore
  links:
    not_found: ignore
    anchors: ignore
    absolute_links: ignore
    unrecognized_links: ignore
"""


@dataclass
class Run:
    """One child process: wall and CPU seconds, peak memory, exit status, its log.

    ``rss_mb`` is the largest of the process and the processes it waited for (``wait4``);
    ``own_mb`` the process's own high-water mark and ``others_mb`` the largest of its
    descendants (Pagefind, workers), both sampled from /proc while it runs.
    """

    wall: float
    cpu: float
    rss_mb: float
    status: int
    log: str = field(default="", repr=False)
    own_mb: float = 0.0
    others_mb: dict[str, float] = field(default_factory=dict)


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    kids = [int(k) for k in children.read().split()]
            except OSError:
                continue
            found += kids
            pending += kids
    return found


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as comm:
            return comm.read().strip()
    except OSError:
        return "?"


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` and measure it with ``wait4`` (the child's own rusage, children included)."""
    own = [0]
    others: dict[str, int] = {}
    done = threading.Event()

    def sample(pid: int) -> None:
        while not done.wait(0.2):
            own[0] = max(own[0], _hwm_kb(pid))
            for child in _descendants(pid):
                name = _name(child)
                others[name] = max(others.get(name, 0), _hwm_kb(child))

    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        sampler = threading.Thread(target=sample, args=(proc.pid,), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
    kept = {name: round(kb / 1024) for name, kb in others.items() if kb}
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, log, own[0] / 1024, kept)


def make_project(dest: Path) -> Path:
    """A copy of this project's site setup: mkdocs.yml, site_overrides, the data files and guide it names."""
    dest.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "site_overrides", dest / "site_overrides")
    for rel in [GUIDE] + [rel for _, rel in DATA_OPTIONS.findall(text)]:
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    floor = dest / "floor"
    floor.mkdir()
    (floor / "mkdocs.yml").write_text(FLOOR_YML, encoding="utf-8")
    return dest / "mkdocs.yml"


def build(project: Path) -> Run:
    # As for the floor: no earlier output to clean (emptying 40,000 files takes MkDocs 15 s at 10,000 cases).
    shutil.rmtree(project / "site", ignore_errors=True)
    result = run([PY, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"], project)
    if result.status != 0:
        raise SystemExit(f"构建失败（{project}）：\n{result.log[-4000:]}")
    return result


def floor(project: Path) -> tuple[Run, Run]:
    """Plain Material on the same texts, then Pagefind over its output."""
    site = project / "floor" / "site"
    shutil.rmtree(site, ignore_errors=True)
    pages = run([PY, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml"], project / "floor")
    if pages.status != 0:
        raise SystemExit(f"基准构建失败：\n{pages.log[-4000:]}")
    index = run([PY, "-m", "pagefind", "--site", str(site), "--force-language", "zh", "--quiet"], project)
    if index.status != 0:
        raise SystemExit(f"基准 Pagefind 失败：\n{index.log[-4000:]}")
    return pages, index


def check(project: Path) -> Run:
    return run([PY, "-m", "showcase", "-f", "mkdocs.yml", "check", "cases"], project)


def search_seconds(log: str) -> float | None:
    """Pagefind's share of our build, from the plugin's log line (搜索索引：… 用时 X 秒)."""
    match = re.search(r"搜索索引：.*?用时 ([0-9.]+) 秒", log)
    return float(match.group(1)) if match else None


def output_size(site: Path) -> tuple[int, int, list[int]]:
    """(bytes, files, sizes of the case pages' HTML) of a built site."""
    total = count = 0
    for folder, _, files in os.walk(site):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
            count += 1
    pages = [p.stat().st_size for p in (site / "cases").glob("*/index.html")]
    return total, count, pages


def add_photos(cases: Path, count: int) -> int:
    """Give ``count`` cases a cover and a body photo from the sample collection."""
    photos = sorted(p for p in (ROOT / "cases").rglob("*.jpg"))[:8]
    if not photos:
        return 0
    done = 0
    for index_md in sorted(cases.rglob("index.md"))[:count]:
        a, b = photos[done % len(photos)], photos[(done + 3) % len(photos)]
        shutil.copy2(a, index_md.parent / "photo1.jpg")
        shutil.copy2(b, index_md.parent / "photo2.jpg")
        text = index_md.read_text(encoding="utf-8")
        head, sep, body = text.partition("\n---\n")
        head = head + "\ncover: photo1.jpg"
        body = body.replace("\n## 主要做法", "\n![志愿者在活动现场](photo2.jpg)\n\n## 主要做法", 1)
        index_md.write_text(head + sep + body, encoding="utf-8")
        done += 1
    return done


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def measure(n: int, seed: int, repeat: int, work: Path, photos: int = 0, with_floor: bool = True) -> dict:
    project = work / str(n)
    make_project(project)
    generate(project / "cases", n, seed)
    urls = run([PY, "-m", "showcase", "-f", "mkdocs.yml", "urls", "--update", "cases"], project)
    if urls.status != 0:
        raise SystemExit(f"showcase urls --update 失败：\n{urls.log[-4000:]}")
    photo_note = {}
    if photos:
        photo_note["photos"] = add_photos(project / "cases", photos)
        urls = run([PY, "-m", "showcase", "-f", "mkdocs.yml", "urls", "--update", "cases"], project)
    # The first build draws every case's share card (and processes photos) into .cache/:
    # the warm cache a real site keeps between builds. Reported, not compared.
    cold = build(project)
    builds, floors, indexes = [], [], []
    for _ in range(repeat):
        builds.append(build(project))
        if with_floor:
            pages, index = floor(project)
            floors.append(pages)
            indexes.append(index)
    checks = [check(project) for _ in range(repeat)]
    ours, chk = best(builds), best(checks)
    size, files, pages = output_size(project / "site")
    if not with_floor:
        # --no-floor: one Pagefind over the whole floor site needs ~0.45 MB a page (22 GB at 50,000).
        return {
            "cases": n,
            **photo_note,
            "cold_build_s": round(cold.wall, 2),
            "build_s": round(ours.wall, 2),
            "build_cpu_s": round(ours.cpu, 2),
            "search_s": search_seconds(ours.log),
            "check_s": round(chk.wall, 2),
            "peak_mb": round(ours.rss_mb),
            "build_process_peak_mb": round(ours.own_mb),
            "child_peaks_mb": ours.others_mb,
            "check_peak_mb": round(chk.rss_mb),
            "output_mb": round(size / 1e6, 1),
            "output_files": files,
            "case_html_kb_median": round(statistics.median(pages) / 1024, 1) if pages else None,
            "case_html_kb_max": round(max(pages) / 1024, 1) if pages else None,
            "all_builds_s": [round(r.wall, 2) for r in builds],
        }
    base, idx = best(floors), best(indexes)
    floor_size, _, _ = output_size(project / "floor" / "site")
    floor_total = base.wall + idx.wall
    return {
        "cases": n,
        **photo_note,
        "cold_build_s": round(cold.wall, 2),
        "build_s": round(ours.wall, 2),
        "build_cpu_s": round(ours.cpu, 2),
        "search_s": search_seconds(ours.log),
        "floor_s": round(floor_total, 2),
        "floor_build_s": round(base.wall, 2),
        "floor_index_s": round(idx.wall, 2),
        "floor_cpu_s": round(base.cpu + idx.cpu, 2),
        "ratio": round(ours.wall / floor_total, 3),
        "cpu_ratio": round(ours.cpu / (base.cpu + idx.cpu), 3),
        "check_s": round(chk.wall, 2),
        "peak_mb": round(ours.rss_mb),
        "build_process_peak_mb": round(ours.own_mb),
        "child_peaks_mb": ours.others_mb,
        "floor_peak_mb": round(max(base.rss_mb, idx.rss_mb)),
        "check_peak_mb": round(chk.rss_mb),
        "output_mb": round(size / 1e6, 1),
        "output_files": files,
        "floor_output_mb": round(floor_size / 1e6, 1),
        "case_html_kb_median": round(statistics.median(pages) / 1024, 1) if pages else None,
        "case_html_kb_max": round(max(pages) / 1024, 1) if pages else None,
        "all_builds_s": [round(r.wall, 2) for r in builds],
        "all_floors_s": [round(p.wall + i.wall, 2) for p, i in zip(floors, indexes, strict=True)],
    }


def table(results: list[dict]) -> str:
    head = (
        f"{'cases':>6} {'build s':>8} {'floor s':>8} {'(pages+index)':>14} {'ratio':>6} {'cpu ratio':>9} {'search s':>9} "
        f"{'check s':>8} {'build MB':>9} {'Pagefind MB':>11} {'out MB':>7} {'files':>7} {'case KB':>12}"
    )
    lines = [head]
    for r in results:
        if "floor_s" not in r:  # --no-floor
            r = {**r, "floor_s": float("nan"), "floor_build_s": float("nan"), "floor_index_s": float("nan"), "ratio": float("nan")}
            r["cpu_ratio"] = float("nan")
        split = f"{r['floor_build_s']:.1f}+{r['floor_index_s']:.1f}"
        search = f"{r['search_s']:.1f}" if r["search_s"] is not None else "-"
        case_kb = f"{r['case_html_kb_median']}/{r['case_html_kb_max']}" if r["case_html_kb_max"] is not None else "-"
        label = f"{r['cases']}" + ("p" if r.get("photos") else "")
        lines.append(
            f"{label:>6} {r['build_s']:>8.1f} {r['floor_s']:>8.1f} {split:>14} {r['ratio']:>6.2f} {r['cpu_ratio']:>9.2f} {search:>9} "
            f"{r['check_s']:>8.1f} {r['build_process_peak_mb']:>9} {pagefind_mb(r):>11} {r['output_mb']:>7} {r['output_files']:>7} {case_kb:>12}"
        )
    return "\n".join(lines)


def pagefind_mb(result: dict) -> int:
    return max((mb for name, mb in result.get("child_peaks_mb", {}).items() if name.startswith("pagefind")), default=0)


def verdict(results: list[dict]) -> list[str]:
    """The issue's targets, each with the measured value."""
    lines = []
    text_runs = [r for r in results if not r.get("photos")]
    for r in (r for r in text_runs if "ratio" in r):
        lines.append(f"  ratio at {r['cases']:>6}: {r['ratio']:.2f} (≤ 1.30) {'ok' if r['ratio'] <= 1.3 else 'MISSED'}")
    by_n = {r["cases"]: r for r in text_runs}
    if 1000 in by_n and 10000 in by_n:
        growth = by_n[10000]["build_s"] / by_n[1000]["build_s"]
        lines.append(f"  10,000 / 1,000 build time: {growth:.1f} (≤ 11) {'ok' if growth <= 11 else 'MISSED'}")
    if 10000 in by_n:
        peak = by_n[10000]["build_process_peak_mb"]
        lines.append(f"  peak memory at 10,000, build process: {peak} MB (< 2048) {'ok' if peak < 2048 else 'MISSED'}")
        index = pagefind_mb(by_n[10000])
        lines.append(f"  (Pagefind's own process at 10,000: {index} MB; floor's Pagefind: {by_n[10000].get('floor_peak_mb', '-')} MB)")
    largest = max((r["case_html_kb_max"] or 0) for r in results) if results else 0
    lines.append(f"  largest case page: {largest} KB (< 60) {'ok' if largest < 60 else 'MISSED'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="规模测试：完整构建与基准（纯 Material + Pagefind）对比。")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="每项测量的次数，取最快的一次")
    parser.add_argument("--photos", type=int, default=0, help="另测一次：前 K 个案例带照片（缓存已热）")
    parser.add_argument("--keep", type=Path, help="把生成的项目和站点留在这个文件夹里")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--no-floor", action="store_true", help="不测基准（Material + 整站一次 Pagefind：5 万案例时约需 22 GB 内存）")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    work = Path(tempfile.mkdtemp(prefix="bench-scale-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for n in args.sizes:
            results.append(measure(n, args.seed, args.repeat, work, with_floor=not args.no_floor))
            if args.keep is None:
                shutil.rmtree(work / str(n), ignore_errors=True)
        if args.photos:
            n = args.sizes[0]
            results.append(measure(n, args.seed, args.repeat, work / "photos", photos=min(args.photos, n)))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    load = os.getloadavg()[0]
    print(
        f"Scale (2,000-character cases, seed {args.seed}, best of {args.repeat}; load average at the end {load:.1f}, {os.cpu_count()} cores)"
    )
    print(table(results))
    print("floor: plain Material, no plugins, pages out of the nav, + Pagefind over its output; ratio = build / floor (wall clock)")
    print("case KB: HTML of a case page, median/largest; 'p' rows: cases with photos, image cache warm")
    print("build MB: peak of the build process (MkDocs); Pagefind MB: the search indexer's own process")
    for line in verdict(results):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
