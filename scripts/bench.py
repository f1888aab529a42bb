"""Scale: the project's full build against the floor, on three corpora, warm and cold.

    .venv/bin/python scripts/bench.py                               # every corpus at 1,000 and 10,000
    .venv/bin/python scripts/bench.py --sizes 1000 --repeat 3
    .venv/bin/python scripts/bench.py --corpora short --sizes 50000 --no-cold --no-floor

Corpora (``scripts/gen_cases.py``, varied published cases, seeded):

- **short**: bodies of about 600 characters (450–750), no photos;
- **long**: about 2,500 characters (2,200–2,800), no photos;
- **photos**: about 1,000 characters (800–1,200) and two photos each (a cover and one in
  the body), taken from the sample collection's 51 photos: what is measured is a site
  whose pages carry pictures (renditions published, ``<picture>`` markup, a share card
  with the cover's crop per case), not the first processing of 20,000 distinct photos
  (``scripts/bench_images.py`` measures that: about 0.6 s of CPU per 12-megapixel photo).

For each corpus and size N it generates the cases into a temporary project (this
project's ``mkdocs.yml``, ``site_overrides``, data files and guide; ``urls.lock`` written
first with ``showcase urls --update``, as a real site has one), then measures, each as a
subprocess and side by side:

- **cold**: ``mkdocs build --strict`` with no ``.cache`` (every share card drawn, every
  photo rendition made, every body converted): a first build on a new machine, or a CI
  run whose cache missed;
- **warm**: the same build again, the cache filled by the one before (a real site keeps
  ``.cache/showcase`` between builds); nothing changed, so the search index too is the
  one the build before kept (``core/outputs/search_cache.py``);
- **edit**: the same after one case's body was changed (a sentence added, as an editor's
  fix): that case's page and body are made again, and its search bundle (at up to
  ``search_shard_pages`` cases, the whole index) is indexed again by Pagefind: the build
  after a merged pull request;
- **add**: the same after a new case was added, the newest (as most new cases are: the
  newest case's folder copied under a new id and title, and entered in ``urls.lock``): its
  page is made, and the search bundles whose cases changed, the two newest above
  ``search_shard_pages`` cases, are indexed again (the log's count of kept bundles is
  reported);
- **floor**: plain Material for MkDocs on the same files (``docs_dir`` is the same
  ``cases/`` folder: the same texts and photos), no plugins, every page kept out of the
  nav, validation quiet; plus Pagefind (the same extended binary, Chinese) indexing that
  output. ratio = warm / (floor pages + floor index); edit ratio = edit / the same floor.

Every build starts from an empty ``site/`` (emptying one takes MkDocs seconds at this size,
which the floor never pays). With ``--repeat R`` the warm build and the floor run R times,
alternating (and the edit builds after them, R times, then the add builds, R times), and the fastest of each counts.

A quiet machine is part of the measurement (another process on two cores moved the ratio
by 40 %). Before each run the script waits (up to ``--wait`` seconds) until the machine
has been idle for two seconds; during each run it reads the machine's busy time from
``/proc/stat`` and subtracts what the run itself used (``wait4``: the child and the
processes it waited for): what is left is other work, reported in cores as "other load".
A figure taken while other work used more than ``--max-other`` cores is flagged ``!``
in the table, and the script exits 3 if any was, so that a flagged table is not copied
into the README by mistake. It refuses to start when the load average is above
``--max-load`` (``--force`` to measure anyway).

Also reported: the peak memory of the build process and of Pagefind (sampled from
/proc), the output's size and file count, and the case pages' HTML size.
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
# The published site's address, as the publishing workflow (.github/workflows/publish.yml)
# writes it into mkdocs.yml: a published build puts a QR code on every case page and full
# URLs in its feeds, which a build without one skips.
SITE_URL = "https://showcase.example.org/"
FLOOR_YML = f"""\
# The floor: plain Material for MkDocs, no plugins, pages out of the nav, quiet validation.
site_name: floor
site_url: {SITE_URL}
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
    other_cores: float = 0.0  # CPU used by other work on the machine meanwhile, in cores
    together_mb: float = 0.0  # the largest sum of PSS of the process and its descendants (sampled each second)
    io_wait: float = 0.0  # share of the wall time some task on the machine waited for the disk (PSI)


TICK = os.sysconf("SC_CLK_TCK")


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (every core, /proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return (user + nice + system + irq + softirq + steal) / TICK


def io_stalled_seconds() -> float | None:
    """Seconds some task on the machine has waited for I/O since boot (pressure stall
    information, Linux 4.20 and later); None where the kernel does not report it."""
    try:
        with open("/proc/pressure/io", encoding="ascii") as pressure:
            some = pressure.readline().split()
    except OSError:
        return None
    return int(some[-1].split("=")[1]) / 1e6


def wait_until_quiet(limit: float, max_other: float) -> float:
    """Wait until the machine is idle for two seconds (at most ``limit`` seconds); the
    cores other work used in the last two seconds."""
    deadline = time.monotonic() + limit
    while True:
        before = busy_seconds()
        time.sleep(2.0)
        other = (busy_seconds() - before) / 2.0
        if other <= max_other or time.monotonic() >= deadline:
            return other


def _proc_kb(pid: int, name: str, field: str) -> int:
    """A size in kB from one of the process's /proc files (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/{name}", encoding="ascii", errors="replace") as lines:
            for line in lines:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _hwm_kb(pid: int) -> int:
    return _proc_kb(pid, "status", "VmHWM:")


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


def _pss_kb(pid: int) -> int:
    """The process's proportional set size: its own pages, plus its share of pages it
    shares with others (a forked worker's copy of the build counts once in a sum)."""
    return _proc_kb(pid, "smaps_rollup", "Pss:")


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8", errors="replace") as comm:
            return comm.read().strip()
    except OSError:
        return "?"


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` and measure it with ``wait4`` (the child's own rusage, children included)."""
    own = [0]
    together = [0]  # the largest sum of PSS over the process and its descendants
    others: dict[str, int] = {}
    done = threading.Event()

    def sample(pid: int) -> None:
        tick = 0
        while not done.wait(0.2):
            own[0] = max(own[0], _hwm_kb(pid))
            children = _descendants(pid)
            for child in children:
                name = _name(child)
                others[name] = max(others.get(name, 0), _hwm_kb(child))
            tick += 1
            if tick % 5 == 0:  # once a second: reading smaps_rollup walks the page tables
                together[0] = max(together[0], sum(_pss_kb(p) for p in [pid, *children]))

    with tempfile.TemporaryFile() as out:
        busy_before, io_before = busy_seconds(), io_stalled_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        sampler = threading.Thread(target=sample, args=(proc.pid,), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        busy = busy_seconds() - busy_before
        io_after = io_stalled_seconds()
        io_wait = (io_after - io_before) / wall if io_after is not None and io_before is not None and wall > 0 else 0.0
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        log = out.read().decode("utf-8", "replace")
    kept = {name: round(kb / 1024) for name, kb in others.items() if kb}
    cpu = usage.ru_utime + usage.ru_stime
    other = max(0.0, busy - cpu) / wall if wall > 0 else 0.0
    return Run(wall, cpu, usage.ru_maxrss / 1024, proc.returncode, log, own[0] / 1024, kept, other, together[0] / 1024, io_wait)


def write_config(dest: Path) -> str:
    """The two configurations, as they are now: this project's mkdocs.yml with the
    published site's address (as the publishing workflow sets it), and the floor's."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text, found = re.subn(r'^site_url: ""', f'site_url: "{SITE_URL}"', text, count=1, flags=re.M)
    if not found:
        raise SystemExit('mkdocs.yml 里没有 site_url: ""，无法像发布流程那样填入网址')
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    (dest / "floor").mkdir(exist_ok=True)
    (dest / "floor" / "mkdocs.yml").write_text(FLOOR_YML, encoding="utf-8")
    return text


def make_project(dest: Path) -> Path:
    """A copy of this project's site setup: mkdocs.yml, site_overrides, the data files and guide it names."""
    dest.mkdir(parents=True, exist_ok=True)
    text = write_config(dest)
    shutil.copytree(ROOT / "site_overrides", dest / "site_overrides")
    for rel in [GUIDE] + [rel for _, rel in DATA_OPTIONS.findall(text)]:
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest / "mkdocs.yml"


@dataclass
class Bench:
    """What every measurement of one run shares: quietness settings, and the record of
    runs taken while other work used the machine."""

    wait: float = 120.0
    max_other: float = 0.15
    flagged: list[str] = field(default_factory=list)

    def run(self, label: str, cmd: list[str], cwd: Path) -> Run:
        # The files the run before wrote (and the site it emptied) go to the disk now, not
        # during this run: a build otherwise waits for the one before's write-back.
        os.sync()
        wait_until_quiet(self.wait, self.max_other)
        result = run(cmd, cwd)
        if result.other_cores > self.max_other:
            self.flagged.append(f"{label}: other work used {result.other_cores:.2f} cores during the run")
        return result


def build(bench: Bench, label: str, project: Path, *, cold: bool = False) -> Run:
    # As for the floor: no earlier output to clean (emptying 40,000 files takes MkDocs 15 s at 10,000 cases).
    shutil.rmtree(project / "site", ignore_errors=True)
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    result = bench.run(label, [PY, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"], project)
    if result.status != 0:
        raise SystemExit(f"构建失败（{project}）：\n{result.log[-4000:]}")
    return result


def edit_one_case(project: Path, number: int) -> None:
    """Add a sentence to one case's body, as an editor's fix does (another each round)."""
    case = min((project / "cases").rglob("index.md"))
    with case.open("a", encoding="utf-8") as stream:
        stream.write(f"\n\n编辑第 {number} 次修改时补充的一句话。\n")


def add_one_case(project: Path, number: int) -> None:
    """A new case, the newest (as most new cases are): the newest case's folder copied under
    a new id and title, and entered in urls.lock as an editor's pull request does."""
    newest = max((project / "cases").rglob("index.md"), key=lambda path: (_front(path, "date"), str(path)))
    old_id, title = _front(newest, "id"), _front(newest, "title")
    new_id = f"{old_id.rsplit('-', 1)[0]}-9{number:04d}"
    folder = newest.parent.parent / new_id
    shutil.copytree(newest.parent, folder)
    text = (folder / "index.md").read_text(encoding="utf-8")
    text = text.replace(f"id: {old_id}\n", f"id: {new_id}\n", 1).replace(f"title: {title}\n", f"title: {title[:-2]}新篇\n", 1)
    (folder / "index.md").write_text(text + f"\n\n新增案例第 {number} 个。\n", encoding="utf-8")
    urls = run([PY, "-m", "showcase", "-f", "mkdocs.yml", "urls", "--update", "cases"], project)
    if urls.status != 0:
        raise SystemExit(f"showcase urls --update 失败：\n{urls.log[-4000:]}")


def _front(path: Path, key: str) -> str:
    """A top-level front matter value of a generated case, as written."""
    match = re.search(rf"^{key}: (.*)$", path.read_text(encoding="utf-8"), re.M)
    return match.group(1).strip() if match else ""


def floor(bench: Bench, label: str, project: Path) -> tuple[Run, Run]:
    """Plain Material on the same texts, then Pagefind over its output."""
    site = project / "floor" / "site"
    shutil.rmtree(site, ignore_errors=True)
    pages = bench.run(label, [PY, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml"], project / "floor")
    if pages.status != 0:
        raise SystemExit(f"基准构建失败：\n{pages.log[-4000:]}")
    index = bench.run(label, [PY, "-m", "pagefind", "--site", str(site), "--force-language", "zh", "--quiet"], project)
    if index.status != 0:
        raise SystemExit(f"基准 Pagefind 失败：\n{index.log[-4000:]}")
    return pages, index


def search_seconds(log: str) -> float | None:
    """Pagefind's share of our build, from the plugin's log line (搜索索引：… 用时 X 秒)."""
    match = re.search(r"搜索索引：\d+ 个案例页[^\n]*?用时 ([0-9.]+) 秒", log)  # not the progress lines (建立搜索索引：完成，用时 4 秒)
    return float(match.group(1)) if match else None


def bundles_kept(log: str) -> str | None:
    """ "kept/all" search bundles of a build, from the plugin's log line (其中 N 个…沿用)."""
    line = re.search(r"搜索索引：\d+ 个案例页[^\n]*?用时", log)
    if not line:
        return None
    shards = re.search(r"分为 (\d+) 个索引", line.group())
    count = int(shards.group(1)) if shards else 1
    some = re.search(r"其中 (\d+) 个的案例页与上次构建相同", line.group())
    kept = int(some.group(1)) if some else (count if "案例页与上次构建相同" in line.group() else 0)
    return f"{kept}/{count}"


def output_size(site: Path) -> tuple[int, int, list[int]]:
    """(bytes, files, sizes of the case pages' HTML) of a built site."""
    total = count = 0
    for folder, _, files in os.walk(site):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
            count += 1
    pages = [p.stat().st_size for p in (site / "cases").glob("*/index.html")]
    return total, count, pages


def add_photos(cases: Path) -> int:
    """Give every case a cover and a body photo from the sample collection's photos."""
    photos = sorted((ROOT / "cases").rglob("*.jpg"))
    if not photos:
        raise SystemExit("样例案例里没有照片（cases/**/*.jpg），无法生成带照片的语料。")
    done = 0
    for index_md in sorted(cases.rglob("index.md")):
        a, b = photos[done % len(photos)], photos[(done * 7 + 3) % len(photos)]
        shutil.copy2(a, index_md.parent / "photo1.jpg")
        shutil.copy2(b, index_md.parent / "photo2.jpg")
        text = index_md.read_text(encoding="utf-8")
        head, sep, body = text.partition("\n---\n")
        head = head + "\ncover: photo1.jpg"
        body = body.replace("\n## 主要做法", "\n![志愿者在活动现场](photo2.jpg)\n\n## 主要做法", 1)
        index_md.write_text(head + sep + body, encoding="utf-8")
        done += 1
    return done


# name -> (body length range in characters, photos per case)
CORPORA: dict[str, tuple[tuple[int, int], bool]] = {
    "short": ((450, 750), False),
    "long": ((2200, 2800), False),
    "photos": ((800, 1200), True),
}


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def prepare(corpus: str, n: int, seed: int, work: Path) -> Path:
    """The project of ``corpus`` at ``n`` cases, generated (or reused from ``--keep``)."""
    project = work / f"{corpus}-{n}"
    if (project / "urls.lock").is_file() and (project / "cases").is_dir():
        write_config(project)  # the settings as they are now
        return project  # generated by an earlier run with --keep: the same seed gives the same cases
    make_project(project)
    length, photos = CORPORA[corpus]
    generate(project / "cases", n, seed, length=length)
    if photos:
        add_photos(project / "cases")
    urls = run([PY, "-m", "showcase", "-f", "mkdocs.yml", "urls", "--update", "cases"], project)
    if urls.status != 0:
        raise SystemExit(f"showcase urls --update 失败：\n{urls.log[-4000:]}")
    return project


def measure(bench: Bench, corpus: str, n: int, seed: int, repeat: int, work: Path, *, cold: bool, with_floor: bool) -> dict:
    label = f"{corpus} {n:,}"
    project = prepare(corpus, n, seed, work)
    # The cold build also fills the cache for the warm ones. With --no-cold a cache left by an
    # earlier run (--keep) is used as it is, and only filled when there is none.
    first = None
    if cold or not (project / ".cache").is_dir():
        first = build(bench, f"{label} cold", project, cold=True)
    builds, floors, indexes = [], [], []
    for _ in range(repeat):
        builds.append(build(bench, f"{label} warm", project))
        if with_floor:
            pages, index = floor(bench, f"{label} floor", project)
            floors.append(pages)
            indexes.append(index)
    edits = []
    for number in range(1, repeat + 1):
        edit_one_case(project, number)
        edits.append(build(bench, f"{label} edit", project))
    adds = []
    for number in range(1, repeat + 1):
        add_one_case(project, number)
        adds.append(build(bench, f"{label} add", project))
    ours = best(builds)
    edited = best(edits)
    added = best(adds)
    size, files, pages = output_size(project / "site")
    result: dict = {
        "corpus": corpus,
        "cases": n,
        "build_s": round(ours.wall, 2),
        "build_cpu_s": round(ours.cpu, 2),
        "search_s": search_seconds(ours.log),
        "peak_mb": round(ours.rss_mb),
        "build_process_peak_mb": round(ours.own_mb),
        "child_peaks_mb": ours.others_mb,
        "whole_build_mb": round(ours.together_mb),  # the build and every process it started, shared pages once
        "output_mb": round(size / 1e6, 1),
        "output_files": files,
        "case_html_kb_median": round(statistics.median(pages) / 1024, 1) if pages else None,
        "case_html_kb_max": round(max(pages) / 1024, 1) if pages else None,
        "all_builds_s": [round(r.wall, 2) for r in builds],
        "edit_s": round(edited.wall, 2),
        "edit_cpu_s": round(edited.cpu, 2),
        "edit_search_s": search_seconds(edited.log),
        "all_edits_s": [round(r.wall, 2) for r in edits],
        "add_s": round(added.wall, 2),
        "add_cpu_s": round(added.cpu, 2),
        "add_search_s": search_seconds(added.log),
        "add_bundles_kept": bundles_kept(added.log),
        "io_wait_pct": round(100 * ours.io_wait, 1),
        "other_cores_max": round(
            max(r.other_cores for r in [*([first] if cold and first else []), *builds, *edits, *adds, *floors, *indexes]), 2
        ),
    }
    if cold and first is not None:
        result.update(cold_s=round(first.wall, 2), cold_cpu_s=round(first.cpu, 2), cold_ratio=round(first.wall / ours.wall, 3))
        result["cold_edit_ratio"] = round(first.wall / edited.wall, 3)  # both run Pagefind: what the target meant before the search cache
        result["cold_peak_mb"] = round(first.own_mb)
        result["cold_child_peaks_mb"] = first.others_mb
    if with_floor:
        base, idx = best(floors), best(indexes)
        total = base.wall + idx.wall
        floor_size, _, _ = output_size(project / "floor" / "site")
        result.update(
            floor_s=round(total, 2),
            floor_build_s=round(base.wall, 2),
            floor_index_s=round(idx.wall, 2),
            floor_cpu_s=round(base.cpu + idx.cpu, 2),
            ratio=round(ours.wall / total, 3),
            edit_ratio=round(edited.wall / total, 3),
            add_ratio=round(added.wall / total, 3),
            cpu_ratio=round(ours.cpu / (base.cpu + idx.cpu), 3),
            floor_peak_mb=round(max(base.rss_mb, idx.rss_mb)),
            floor_io_wait_pct=round(100 * (base.io_wait * base.wall + idx.io_wait * idx.wall) / total, 1),
            floor_output_mb=round(floor_size / 1e6, 1),
            all_floors_s=[round(p.wall + i.wall, 2) for p, i in zip(floors, indexes, strict=True)],
        )
    return result


def pagefind_mb(peaks: dict[str, float]) -> int:
    """The largest Pagefind process among a run's children (one per shard, if sharded)."""
    return round(max((mb for name, mb in peaks.items() if name.startswith("pagefind")), default=0))


def table(results: list[dict], max_other: float) -> str:
    head = (
        f"{'corpus':>7} {'cases':>7} {'floor s':>8} {'(pages+index)':>14} {'warm s':>7} {'ratio':>6} {'cpu ratio':>9} {'edit s':>7} {'ratio':>6} "
        f"{'add s':>7} {'kept':>5} {'cold s':>7} {'cold/warm':>9} {'build MB':>9} {'Pagefind MB':>11} {'all MB':>7} {'out MB':>7} {'files':>7} {'case KB':>10} {'other':>6} {'io %':>9}"
    )
    lines = [head]
    for r in results:
        split = f"{r['floor_build_s']:.1f}+{r['floor_index_s']:.1f}" if "floor_s" in r else "-"
        case_kb = f"{r['case_html_kb_median']}/{r['case_html_kb_max']}" if r["case_html_kb_max"] is not None else "-"
        flag = " !" if r["other_cores_max"] > max_other else "  "
        io = f"{r['io_wait_pct']:.0f}/{r['floor_io_wait_pct']:.0f}" if "floor_io_wait_pct" in r else f"{r['io_wait_pct']:.0f}"
        lines.append(
            f"{r['corpus']:>7} {r['cases']:>7,} {r.get('floor_s', float('nan')):>8.1f} {split:>14} {r['build_s']:>7.1f} "
            f"{r.get('ratio', float('nan')):>6.2f} {r.get('cpu_ratio', float('nan')):>9.2f} "
            f"{r['edit_s']:>7.1f} {r.get('edit_ratio', float('nan')):>6.2f} "
            f"{r['add_s']:>7.1f} {r['add_bundles_kept'] or '-':>5} "
            f"{r.get('cold_s', float('nan')):>7.1f} {r.get('cold_ratio', float('nan')):>9.2f} "
            f"{r['build_process_peak_mb']:>9} {pagefind_mb(r['child_peaks_mb']):>11} {r['whole_build_mb']:>7} {r['output_mb']:>7} {r['output_files']:>7} "
            f"{case_kb:>10} {r['other_cores_max']:>6.2f}{flag}{io:>7}"
        )
    return "\n".join(lines)


def verdict(results: list[dict]) -> list[str]:
    """The targets of issue 20, each with the measured value."""
    lines = []
    for r in results:
        name = f"{r['corpus']} {r['cases']:,}"
        if "ratio" in r:
            lines.append(f"  ratio, {name}: {r['ratio']:.2f} (≤ 1.15) {'ok' if r['ratio'] <= 1.15 else 'MISSED'}")
            ok = "ok" if r["edit_ratio"] <= 1.15 else "MISSED"
            lines.append(f"  ratio after editing one case, {name}: {r['edit_ratio']:.2f} (≤ 1.15) {ok}")
        if "cold_ratio" in r and r["cases"] >= 10000:
            ok = "ok" if r["cold_ratio"] <= 2 else "MISSED"
            lines.append(f"  cold / warm, {name}: {r['cold_ratio']:.2f} (≤ 2) {ok}")
            ok = "ok" if r["cold_edit_ratio"] <= 2 else "MISSED"
            lines.append(f"  cold / edit, {name}: {r['cold_edit_ratio']:.2f} (≤ 2) {ok}")
    for r in results:
        if r["cases"] >= 50000:
            ok = "ok" if r["whole_build_mb"] < 8192 else "MISSED"
            lines.append(f"  whole build's memory, {r['corpus']} {r['cases']:,}: {r['whole_build_mb']:,} MB (< 8 GB) {ok}")
    largest = max((r["case_html_kb_max"] or 0) for r in results) if results else 0
    lines.append(f"  largest case page: {largest} KB (< 60) {'ok' if largest < 60 else 'MISSED'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="规模测试：完整构建（冷、热）与基准（纯 Material + Pagefind）对比。")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--corpora", nargs="+", choices=list(CORPORA), default=list(CORPORA))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="热构建与基准各测几次，取最快的一次")
    parser.add_argument("--no-cold", dest="cold", action="store_false", help="不报告冷构建（仍会先构建一次以填满缓存）")
    parser.add_argument("--no-floor", dest="with_floor", action="store_false", help="不测基准")
    parser.add_argument("--max-load", type=float, default=0.5, help="开始时一分钟平均负载高于此值则拒绝测量")
    parser.add_argument("--max-other", type=float, default=0.15, help="测量中其他程序占用超过这么多个核时标记结果")
    parser.add_argument("--wait", type=float, default=120.0, help="每次测量前最多等待机器空闲的秒数")
    parser.add_argument("--force", action="store_true", help="负载高也测量（结果会被标记）")
    parser.add_argument("--keep", type=Path, help="把生成的项目和站点留在这个文件夹里")
    parser.add_argument("--json", type=Path, help="另把结果写成 JSON 文件")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    load = os.getloadavg()[0]
    if load > args.max_load and not args.force:
        print(f"机器不空闲（一分钟平均负载 {load:.1f}，上限 {args.max_load}）：请停下其他程序再测，或加 --force。", file=sys.stderr)
        return 3
    bench = Bench(wait=args.wait, max_other=args.max_other)
    work = Path(tempfile.mkdtemp(prefix="bench-scale-")) if args.keep is None else args.keep
    work.mkdir(parents=True, exist_ok=True)
    results = []
    started = time.perf_counter()
    try:
        for n in args.sizes:
            for corpus in args.corpora:
                result = measure(bench, corpus, n, args.seed, args.repeat, work, cold=args.cold, with_floor=args.with_floor)
                results.append(result)
                # Each row as soon as it is measured (a long run can be stopped without losing it).
                print(
                    f"[{time.perf_counter() - started:7.0f} s]",
                    table([result], args.max_other).splitlines()[1],
                    file=sys.stderr,
                    flush=True,
                )
                if args.json:
                    args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
                if args.keep is None:
                    shutil.rmtree(work / f"{corpus}-{n}", ignore_errors=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(
        f"Scale: {', '.join(args.corpora)} corpora (seed {args.seed}, best of {args.repeat}), {os.cpu_count()} cores, "
        f"load average at the start {load:.2f}, at the end {os.getloadavg()[0]:.2f}"
    )
    print(table(results, args.max_other))
    print("floor: plain Material, no plugins, pages out of the nav, + Pagefind over its output; ratio = warm build / floor (wall clock)")
    print(
        "cold: empty .cache (share cards, photo renditions, converted bodies, search index); warm: the cache the build before "
        "filled, nothing changed (the search index kept); edit: warm after one case's body was changed (its bundle indexed again); "
        "add: warm after a new case, the newest, was added (kept: search bundles taken from the cache / all)"
    )
    print(
        "build MB: peak of the build process (MkDocs); Pagefind MB: the largest search-indexer process; all MB: the largest sum of the proportional set sizes (PSS) of the build and every process it started, sampled each second (pages shared after a fork counted once)"
    )
    print(f"other: cores used by other work during the runs (largest); '!' when above {args.max_other}")
    print("io %: share of the wall time some task waited for the disk (Linux pressure stall information), our warm build / the floor")
    for line in verdict(results):
        print(line)
    if bench.flagged:
        print("Flagged: the machine was not quiet during these runs; measure again before using the figures:")
        for line in bench.flagged:
            print(f"  {line}")
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
