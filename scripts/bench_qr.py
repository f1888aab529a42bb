"""How long one case page's QR code takes: segno alone against ``qrmask.make_code``.

    .venv/bin/python scripts/bench_qr.py --codes 2000 --rounds 3

Each round makes the codes of ``--codes`` permalinks of the form a site publishes
(``https://showcase.example.org/cases/<id>/``) twice, with the SVG the page carries: (a)
``segno.make(url, error="m", micro=False)``, segno scoring the eight masks itself and
writing the SVG with the build's settings (``qr._segno_svg``), and (b) ``make_code``
with the SVG of ``qr._svg`` (its dark path written by ``qr._path``), as the build does.
The methods alternate; every SVG of (b) is compared with (a)'s and the script stops with
exit 1 at the first difference. One core; run it alone.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import segno
from showcase.commands.check import positive_int
from showcase.core.site.qr import _segno_svg, _svg
from showcase.core.site.qrmask import make_code

TITLE = "永久链接二维码"


def timed(make: Callable[[str], str], urls: list[str]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    out = [make(url) for url in urls]
    return time.perf_counter() - start, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=positive_int, default=2000)
    parser.add_argument("--rounds", type=positive_int, default=3)
    args = parser.parse_args()
    urls = [f"https://showcase.example.org/cases/gd-gz-{2015 + n % 10}-{n:05d}/" for n in range(args.codes)]
    _svg(make_code(urls[0]), TITLE)  # the one-time checks against segno, outside the timing
    times: dict[str, list[float]] = {"segno": [], "make_code": []}
    for _ in range(args.rounds):
        alone, expected = timed(lambda url: _segno_svg(segno.make(url, error="m", micro=False), TITLE), urls)
        ours, got = timed(lambda url: _svg(make_code(url), TITLE), urls)
        if got != expected:
            first = next(url for url, a, b in zip(urls, expected, got, strict=True) if a != b)
            print(f"不一致：{first} 的二维码与 segno 生成的不同", file=sys.stderr)
            return 1
        times["segno"].append(alone)
        times["make_code"].append(ours)
    for name, runs in times.items():
        per = [t / len(urls) * 1000 for t in runs]
        print(f"{name:>9}: {statistics.median(per):.2f} ms per code with its SVG (rounds: {', '.join(f'{p:.2f}' for p in per)})")
    print(f"{len(urls)} codes, the same SVG from both, {args.rounds} rounds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
