#!/usr/bin/env python3
"""What the reader features cost: bytes on every page, and the statistics page at scale.

Usage:  .venv/bin/python scripts/reader_weight.py [--cases 1000,10000]

1. Builds the project's own site (mkdocs.yml, cases/) into a temporary folder and
   reports what every page carries for reading settings, skip link and footer: the
   inline head script and the settings bar in the HTML, and the two files each browser
   fetches once (reading.css, reading.js), raw and gzipped.
2. For synthetic collections of N published cases (all provinces, years, themes),
   times the statistics (``showcase.core.site.statspage.build_stats``: counts and SVG drawing)
   and reports the size of the charts and the theme x province table, raw and gzipped.
   The statistics page grows with the number of provinces and years, not of cases.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from showcase.core.case.model import Case, Organization, Region, Review, Status  # noqa: E402
from showcase.core.collection.taxonomy import load_taxonomy  # noqa: E402
from showcase.core.site.index import SiteIndex  # noqa: E402
from showcase.core.site.statspage import build_stats  # noqa: E402
from showcase.core.site.texts import load_texts  # noqa: E402


def _sizes(data: bytes) -> str:
    return f"{len(data):>7,} B raw, {len(gzip.compress(data, 9)):>6,} B gzip"


def page_weight() -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
        build(config)
        home = (site / "index.html").read_text(encoding="utf-8")
        head_script = re.search(r"<script>\(function\(d\)\{var f=.*?</script>", home, re.S)
        bar = re.search(r'<a class="sc-skip".*?</div>\s*</div>', home, re.S)
        print("Every page (HTML):")
        print(f"  inline head script     {_sizes(head_script.group(0).encode()) if head_script else 'missing'}")
        print(f"  skip link + settings   {_sizes(bar.group(0).encode()) if bar else 'missing'}")
        print("Fetched once, then cached:")
        for name in ("reading.css", "reading.js"):
            print(f"  {name:<22} {_sizes((site / 'assets' / 'showcase' / name).read_bytes())}")
        stats = (site / "stats" / "index.html").read_bytes()
        print(f"Statistics page of the sample site: {_sizes(stats)}")
        shutil.rmtree(site, ignore_errors=True)


def synthetic(count: int, seed: int = 9) -> list[Case]:
    taxonomy = load_taxonomy()
    rng = random.Random(seed)
    themes, categories, provinces = taxonomy.themes.terms, taxonomy.categories.terms, taxonomy.provinces.terms
    cases = []
    for i in range(count):
        province = provinces[i % len(provinces)]
        case = Case(
            path=Path(f"/synthetic/{i}/index.md"),
            id=f"case-{i:05d}",
            title=f"第{i}号案例",
            summary="合成案例",
            themes=rng.sample(themes, rng.randint(1, 3)),
            organization=Organization(name=f"组织{i % (count // 2 + 1)}", category=rng.choice(categories)),
            region=Region(province=province, city=f"{province.short}第{i % 7}市"),
            date=date(2015 + i % 11, 1 + i % 12, 1 + i % 28),
            status=Status.PUBLISHED,
            review=Review("民政局", date(2025, 1, 1)),
            volunteers=rng.randint(0, 300),
            served=rng.randint(0, 20000),
        )
        cases.append(case)
    return cases


def stats_at_scale(counts: list[int]) -> None:
    texts = load_texts()
    taxonomy = load_taxonomy()
    print("Statistics at scale (build_stats: counts + SVG; median of 5 runs):")
    for count in counts:
        index = SiteIndex(synthetic(count), taxonomy)
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            stats = build_stats(index, texts)
            runs.append(time.perf_counter() - start)
        svg = "".join(chart.svg for chart in stats.charts).encode()
        cells = sum(len(row) for row in stats.matrix.cells)
        print(
            f"  {count:>6,} cases, {len(stats.matrix.rows)} provinces, {len(index.years)} years: "
            f"{statistics.median(runs) * 1000:7.1f} ms; charts {_sizes(svg)}; table {cells} cells"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="1000,10000", help="sizes of the synthetic collections")
    args = parser.parse_args()
    page_weight()
    stats_at_scale([int(n) for n in args.cases.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
