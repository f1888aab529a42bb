"""Measure the image stage: N cases × 3 phone photos of 4000×3000.

    .venv/bin/python scripts/bench_images.py [--cases 100] [--photos 3] [--workdir DIR] [--workers 0]

Generates the collection once into ``--workdir`` (kept for later runs): published
cases, each with phone-like JPEGs (noise, shapes, EXIF with GPS and orientation, about
3 MB each). Then it times the image stage (photos and share cards, ``core.media``) with
an empty cache and again with the cache filled, times a whole `mkdocs build` with the
cache filled, and compares the bytes a reader downloads for a case page with the
originals' bytes.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from multiprocessing import Pool
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from showcase.core.collection.loading import load_collection  # noqa: E402
from showcase.core.collection.settings import Settings  # noqa: E402
from showcase.core.media.pipeline import BODY_SIZES, MediaOptions, build_media  # noqa: E402
from showcase.core.options import Options  # noqa: E402
from showcase.core.site.index import SiteIndex  # noqa: E402
from showcase.core.site.plan import plan_site  # noqa: E402
from showcase.core.site.texts import load_texts  # noqa: E402

SIZE = (4000, 3000)
THEMES = ["凝心铸魂", "新风正气", "精神文化", "便民服务", "社区治理", "服务阵地"]
CATEGORIES = ["公益慈善类", "生活服务类", "社区事务类", "文体活动类"]
_NOISE: list[Image.Image] = []


def _grain() -> list[Image.Image]:
    """Sensor grain at full resolution (made once per process: it is slow)."""
    if not _NOISE:
        _NOISE.append(Image.merge("RGB", [Image.effect_noise(SIZE, 50) for _ in range(3)]))
    return _NOISE


def photo(path: Path, seed: int) -> None:
    """A 4000×3000 JPEG with the grain, detail and metadata of a phone photo.

    Shapes and a coarse texture give detail that survives downscaling (as real scenes
    do: pure pixel noise would average out and flatter the published sizes); fine grain
    gives the original its realistic 3–4 MB.
    """
    rnd = random.Random(seed)
    top = tuple(rnd.randrange(60, 200) for _ in range(3))
    bottom = tuple(rnd.randrange(40, 160) for _ in range(3))
    gradient = Image.linear_gradient("L").resize(SIZE)
    image = Image.composite(Image.new("RGB", SIZE, bottom), Image.new("RGB", SIZE, top), gradient)
    draw = ImageDraw.Draw(image)
    for _ in range(400):
        x, y, r = rnd.randrange(SIZE[0]), rnd.randrange(SIZE[1]), rnd.randrange(10, 300)
        fill = tuple(rnd.randrange(256) for _ in range(3))
        (draw.ellipse if rnd.random() < 0.5 else draw.rectangle)((x - r, y - r // 2, x + r, y + r // 2), fill=fill)
    random.seed(seed)
    texture = Image.merge("RGB", [Image.effect_noise((500, 375), 70) for _ in range(3)]).resize(SIZE, Image.Resampling.BICUBIC)
    image = Image.blend(image, texture, 0.25)
    grain = _grain()[0]
    image = Image.blend(image, ImageOps.mirror(grain) if seed % 2 else grain, 0.12)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "BenchPhone", "B1"
    exif[0x0112] = 6 if seed % 3 == 0 else 1
    exif[0x8825] = {1: "N", 2: (23.0, 7.0, float(seed % 60)), 3: "E", 4: (113.0, 15.0, 0.0)}
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())


def case_text(n: int, photos: int) -> str:
    body = "\n\n".join(
        f"## 第{k}部分\n\n社区志愿者开展第{k}项活动，居民踊跃参加。\n\n![活动照片{k}](photo{k}.jpg)" for k in range(2, photos + 1)
    )
    return f"""---
id: bench-{n:04d}
title: 压力测试第{n}号社区实践案例
summary: 这是用于测量图片处理速度的第{n}个虚构案例，内容仅供测试，不代表真实组织和活动。
themes: [{THEMES[n % 6]}]
organization:
  name: 测试社区第{n}志愿服务队
  category: {CATEGORIES[n % 4]}
region:
  province: 广东省
  city: 广州市
date: 2024-0{1 + n % 9}-15
status: published
review:
  reviewer: 测试区民政局
  approved: 2025-01-10
cover: photo1.jpg
---

{body}
"""


def _make_case(args: tuple[Path, int, int]) -> None:
    cases, n, photos = args
    folder = cases / f"bench-{n:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(1, photos + 1):
        if not (folder / f"photo{k}.jpg").exists():
            photo(folder / f"photo{k}.jpg", n * 10 + k)
    (folder / "index.md").write_text(case_text(n, photos), encoding="utf-8")


def make_project(workdir: Path, count: int, photos: int) -> Path:
    project = workdir / "project"
    cases = project / "cases"
    cases.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, project / name)
    if not (project / "site_overrides").exists():
        shutil.copytree(ROOT / "site_overrides", project / "site_overrides")
    (project / "plugins/showcase/data").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "plugins/showcase/data/review-words.example.txt", project / "plugins/showcase/data/")
    todo = [(cases, n, photos) for n in range(count)]
    started = time.perf_counter()
    with Pool(os.cpu_count()) as pool:
        pool.map(_make_case, todo, chunksize=1)
    print(f"collection: {count} cases × {photos} photos in {cases} ({time.perf_counter() - started:.0f} s to make or check)")
    return project


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the image workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def image_stage(project: Path, options: MediaOptions) -> tuple[float, float, object]:
    started, cpu = time.perf_counter(), cpu_seconds()
    settings = Settings.from_options({"review_words": "plugins/showcase/data/review-words.example.txt"}, project)
    collection = load_collection(project / "cases", settings)
    assert not collection.errors, collection.errors[:3]
    texts = load_texts()
    index = SiteIndex(collection.cases, settings.taxonomy, 30)
    plan = plan_site(collection, index, texts, preview=False)
    media = build_media(plan, options, site_name="社区社会组织参与新时代文明实践案例展示")
    assert not media.diagnostics and not media.notices, (media.diagnostics[:3], media.notices)
    return time.perf_counter() - started, cpu_seconds() - cpu, media


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--photos", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/showcase-bench-images"))
    parser.add_argument("--workers", type=int, default=0, help="image worker processes (0: one per core)")
    args = parser.parse_args()

    project = make_project(args.workdir, args.cases, args.photos)
    cache = args.workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    options = MediaOptions.from_options(Options(image_cache=str(cache), image_workers=args.workers), project)
    print(f"machine: {os.cpu_count()} cores; workers: {options.images.worker_count()}")

    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (other work on the machine slows wall times)")
    cold, cpu, media = image_stage(project, options)
    s, c = media.image_stats, media.share_stats
    print(
        f"image stage, empty cache:  {cold:6.1f} s wall, {cpu:6.1f} s CPU "
        f"({s.decoded} photos decoded in {s.seconds:.1f} s, {c.decoded} share cards in {c.seconds:.1f} s)"
    )
    warm, cpu, media = image_stage(project, options)
    s, c = media.image_stats, media.share_stats
    print(
        f"image stage, cache filled: {warm:6.1f} s wall, {cpu:6.1f} s CPU "
        f"({s.decoded} photos decoded, {s.cached} from cache; {c.decoded} share cards drawn)"
    )

    # A whole build with the cache filled (the editor's usual case).
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text(encoding="utf-8").replace("  - showcase:\n", f"  - showcase:\n      image_cache: {cache}\n"),
        encoding="utf-8",
    )
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(args.workdir / "site")], cwd=project, env=env, check=True)
    print(f"mkdocs build, cache filled: {time.perf_counter() - started:5.1f} s")

    # Bytes per case page: the originals against what a reader downloads.
    originals = pages = 0
    loads: dict[str, int] = {"phone 1x (480w)": 0, "desktop (960w)": 0, "phone 3x (1600w)": 0}
    share = jpeg_fallback = 0
    site = args.workdir / "site"
    for case_id, case_media in media.cases.items():
        folder = project / "cases" / case_id
        originals += sum(p.stat().st_size for p in folder.glob("photo*.jpg"))
        pages += (site / "cases" / case_id / "index.html").stat().st_size
        for image in case_media.images.values():
            for label, width in zip(loads, (480, 960, 1600), strict=True):
                loads[label] += image.processed.file(image.nearest(width), "webp").stat().st_size
            jpeg_fallback += image.processed.file(image.nearest(960), "jpg").stat().st_size
        if case_media.share:
            share += media.files[case_media.share].stat().st_size
    n = len(media.cases)
    print(f'\nper case page ({args.photos} photos; sizes="{BODY_SIZES}"):')
    print(f"  originals:                 {originals / n / 1e6:8.2f} MB")
    print(f"  HTML page:                 {pages / n / 1e3:8.1f} kB")
    for label, total in loads.items():
        print(f"  photos as WebP, {label:17s} {total / n / 1e3:8.1f} kB  ({originals / max(total, 1):.0f}× smaller)")
    print(f"  photos as JPEG fallback (960w): {jpeg_fallback / n / 1e3:6.1f} kB")
    print(f"  share card (not loaded by the page): {share / n / 1e3:.1f} kB")
    print(f"  cache: {sum(p.stat().st_size for p in cache.rglob('*') if p.is_file()) / 1e6:.0f} MB in {cache}")


if __name__ == "__main__":
    main()
