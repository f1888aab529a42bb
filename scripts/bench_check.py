"""Time `showcase check` on a generated collection of valid cases.

    .venv/bin/python scripts/bench_check.py            # 10,000 cases
    .venv/bin/python scripts/bench_check.py -n 2000 --profile

Generates N varied valid cases (each with a small real JPEG cover, some with body
images; the JPEGs are hard links to a few variants) in a temporary folder, then
times ``load_collection`` in-process and ``showcase check`` through a subprocess.
Prints the figures; asserts nothing about time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from PIL import Image
from showcase.core.collection.loading import check_collection, load_collection
from showcase.core.collection.settings import Settings
from showcase.core.collection.taxonomy import load_taxonomy

BODY = """
## 基本情况

{org}扎根{street}，成员以退休职工、教师和青年志愿者为主。{year}年起，组织在社区党组织指导下，
依托新时代文明实践站开展活动，围绕{beneficiary}的实际需要设计服务项目。

## 主要做法

- **摸清需求。** 志愿者逐户走访，建立需求台账，按轻重缓急分级服务。
- **结对帮扶。** 每名志愿者固定联系两到三户，约定每周上门或电话问候。
- **整合资源。** 与辖区单位、社工站合作，定期开展{tag}活动。

{image}

## 工作成效

累计开展活动{events}场，服务{served}人次，参与志愿者{volunteers}人，居民满意度明显提升。

## 经验启示

把居民组织起来、把服务送到家门口，是社区社会组织参与新时代文明实践的有效路径。
"""

STREETS = ["北京街道", "洛浦街道", "沙头街道", "龙城街道", "华阳街道", "新城镇", "石湾镇"]
CITIES = ["广州市", "深圳市", "成都市", "佛山市", "杭州市", "南京市", "长沙市"]
BENEFICIARIES = ["空巢老人", "困境儿童", "残疾人", "外来务工人员", "新就业群体", "青少年"]
TAGS = ["助餐", "义诊", "读书会", "广场舞", "垃圾分类", "法律咨询", "调解", "巡逻", "非遗", "电影放映"]
STATUSES = ["published"] * 6 + ["draft", "review", "withdrawn"]


def jpeg_variants(count: int = 6) -> list[bytes]:
    variants = []
    for index in range(count):
        image = Image.new("RGB", (64 + 16 * index, 48 + 8 * index), (40 * index % 256, 120, 200 - 20 * index))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80)
        variants.append(buffer.getvalue())
    return variants


def case_text(
    index: int, rng: random.Random, themes: list[list[str]], categories: list[str], provinces: list[str]
) -> tuple[str, str, bool]:
    province = rng.choice(provinces)
    city = rng.choice(CITIES)
    street = rng.choice(STREETS)
    year = rng.randint(2019, 2024)
    case_id = f"bench-{year}-{index:05d}"
    org = f"{street}{rng.choice(['邻里互助会', '老年人协会', '志愿服务队', '文体协会', '调解委员会'])}"
    status = rng.choice(STATUSES)
    chosen = [rng.choice(forms) for forms in rng.sample(themes, rng.randint(1, 3))]  # key, short or full name
    beneficiary = rng.choice(BENEFICIARIES)
    tag = rng.choice(TAGS)
    volunteers, served = rng.randint(5, 300), rng.randint(100, 20000)
    with_image = index % 3 == 0
    lines = [
        "---",
        f"id: {case_id}",
        f"title: {org}开展“{tag}”服务第{index}期",
        f"summary: {org}组织志愿者围绕{beneficiary}开展{tag}等服务，累计服务{served}人次，形成了可复制的社区经验。",
        f"themes: [{', '.join(chosen)}]",
        "organization:",
        f"  name: {org}",
        f"  category: {rng.choice(categories)}",
        "region:",
        f"  province: {province}",
        f"  city: {city}",
        f"  street: {street}",
        f"area: {rng.choice(['城市', '农村'])}",
        f"date: {year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if index % 2 else f"date: '{year}-03-01'",
        f"status: {status}",
    ]
    if status in ("published", "withdrawn"):
        lines += ["review:", "  reviewer: 区民政局", f"  approved: {year + 1}-01-15"]
    if status == "withdrawn":
        lines.append("withdrawn_reason: 组织已注销")
    lines += [
        f"beneficiaries: [{beneficiary}]",
        f"tags: [{tag}, 示例]",
        f"volunteers: {volunteers}",
        f"served: {served}",
        "cover: cover.jpg",
        "---",
    ]
    image = "![志愿者与居民在活动现场合影](img/photo2.jpg)" if with_image else ""
    body = BODY.format(
        org=org,
        street=street,
        year=year,
        beneficiary=beneficiary,
        tag=tag,
        image=image,
        events=rng.randint(10, 500),
        served=served,
        volunteers=volunteers,
    )
    return province, "\n".join(lines) + "\n" + body, with_image


def generate(root: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    tax = load_taxonomy()
    themes = [[f for f in (t.key, t.short, t.name) if f] for t in tax.themes]
    categories = [f for t in tax.categories for f in (t.key, t.name)]
    provinces = [t.name for t in tax.provinces]
    store = root / ".images"
    store.mkdir(parents=True)
    variants = []
    for index, data in enumerate(jpeg_variants()):
        path = store / f"v{index}.jpg"
        path.write_bytes(data)
        variants.append(path)
    for index in range(count):
        province, text, with_image = case_text(index, rng, themes, categories, provinces)
        folder = root / "cases" / province / f"case-{index:05d}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(text, encoding="utf-8")
        os.link(variants[index % len(variants)], folder / "cover.jpg")
        if with_image:
            (folder / "img").mkdir()
            os.link(variants[(index + 1) % len(variants)], folder / "img" / "photo2.jpg")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--count", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="print the top functions of an in-process run (cProfile)")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder and print its path")
    parser.add_argument("--reuse", type=Path, help="time a folder kept by an earlier --keep run instead of generating")
    args = parser.parse_args()

    if args.reuse and not (args.reuse / "cases").is_dir():
        parser.error(f"{args.reuse} has no cases/ folder (generate one with --keep)")
    tmp = args.reuse or Path(tempfile.mkdtemp(prefix="showcase-bench-"))
    args.keep = args.keep or bool(args.reuse)
    try:
        if not args.reuse:
            started = time.perf_counter()
            generate(tmp, args.count)
            print(f"generated {args.count} cases in {time.perf_counter() - started:.2f} s under {tmp}")
        cases = tmp / "cases"
        settings = Settings(today=date(2030, 1, 1))

        def best_of(runs: int, function):
            times = []
            for _ in range(runs):
                wall, cpu = time.perf_counter(), time.process_time()
                result = function()
                times.append((time.perf_counter() - wall, time.process_time() - cpu))
            return result, min(times)

        collection, (wall, cpu) = best_of(3, lambda: load_collection(cases, settings))
        summary = collection.summary()
        images = sum(len(case.images) for case in collection.cases)
        print(f"cases: {summary['cases']}, images: {images}, errors: {summary['errors']}, warnings: {summary['warnings']}")
        print(f"in-process load_collection (one process, full cases): {wall:.2f} s wall, {cpu:.2f} s CPU (best of 3)")
        for diagnostic in collection.diagnostics[:10]:
            print("  " + diagnostic.format())
        _, (wall, _cpu) = best_of(3, lambda: check_collection(cases, settings))
        print(f"in-process check_collection (all cores, as `showcase check`): {wall:.2f} s wall (best of 3)")

        for jobs in (None, 1):
            command = [sys.executable, "-m", "showcase", "check", str(cases)] + (["--jobs", str(jobs)] if jobs else [])
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                result = subprocess.run(command, capture_output=True, text=True, cwd=tmp, check=False)
                runs.append(time.perf_counter() - started)
            last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr.strip()
            label = "all cores" if jobs is None else "--jobs 1"
            print(
                f"CLI `showcase check` ({label}, subprocess incl. interpreter start): {min(runs):.2f} s (best of 3), exit {result.returncode}: {last}"
            )

        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            load_collection(cases, settings)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
