"""How long a share card takes when cases share cover photos: in the cases' order, and
sorted by cover as the build hands them to its workers.

    .venv/bin/python scripts/bench_cards.py --cards 400 --covers 10 --rounds 3

The covers are the sample collection's photos scaled to 960 px wide, as the build's
960-px renditions are. Each round draws and writes ``--cards`` cards, case ``n`` with
cover ``n % --covers``: (a) in that order, so no cover follows itself and every card
fits its cover afresh, and (b) sorted by cover, as ``pipeline._share_cards`` sorts them,
so each cover is fitted once (``sharecard._panel``). Every card of (b) is compared with
(a)'s and the script stops with exit 1 at the first difference. One core; run it alone.
``--covers 0``: cards without a cover, as a case without photos has (both orders the same).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from showcase.commands.check import positive_int
from showcase.core.media import sharecard
from showcase.core.media.sharecard import ShareCard, ShareJob, find_fonts, render_job

ROOT = Path(__file__).resolve().parent.parent


def covers(folder: Path, count: int) -> list[Path]:
    photos = sorted((ROOT / "cases").rglob("*.jpg"))[:count]
    if len(photos) < count:
        raise SystemExit(f"样例案例里只有 {len(photos)} 张照片，少于 --covers {count}")
    made = []
    for n, photo in enumerate(photos):
        with Image.open(photo) as image:
            rgb = image.convert("RGB")
            out = folder / f"cover-{n}.jpg"
            rgb.resize((960, round(rgb.height * 960 / rgb.width)), Image.Resampling.LANCZOS).save(out, quality=82)
            made.append(out)
    return made


def timed(jobs: list[ShareJob]) -> float:
    sharecard._panel.cache_clear()
    start = time.perf_counter()
    for job in jobs:
        problem = render_job(job)
        if problem:
            raise SystemExit(problem)
    return (time.perf_counter() - start) / len(jobs) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=positive_int, default=400)
    parser.add_argument("--covers", type=int, default=10, help="0: cards without a cover")
    parser.add_argument("--rounds", type=positive_int, default=3)
    args = parser.parse_args()
    if args.covers < 0:
        parser.error(f"argument --covers: 应是 0 或正整数，现在是“{args.covers}”")
    fonts, notice = find_fonts()
    if fonts is None:
        raise SystemExit(notice)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        photos = covers(folder, args.covers)

        def jobs(name: str) -> list[ShareJob]:
            (folder / name).mkdir(exist_ok=True)
            return [
                ShareJob(
                    ShareCard(
                        f"社区第{n}号互助实践案例：银龄守望空巢老人关爱行动",
                        "越秀区北京街道老年人协会",
                        "便民服务",
                        "#1565c0",
                        "案例展示",
                        photos[n % len(photos)] if photos else None,
                        "k" if photos else "",
                    ),
                    fonts,
                    str(folder / name / f"{n}.jpg"),
                    folder,
                )
                for n in range(args.cards)
            ]

        in_order, by_cover = jobs("order"), sorted(jobs("cover"), key=lambda job: str(job.card.cover or ""))
        timed(in_order[:20])  # fonts loaded and the allocator warmed before any timing
        spans: dict[str, list[float]] = {"order": [], "cover": []}
        for _ in range(args.rounds):
            spans["order"].append(timed(in_order))
            spans["cover"].append(timed(by_cover))
        for n in range(args.cards):
            if (folder / "order" / f"{n}.jpg").read_bytes() != (folder / "cover" / f"{n}.jpg").read_bytes():
                print(f"card {n} differs", file=sys.stderr)
                return 1
    print(f"{args.cards} cards on {args.covers} covers, best of {args.rounds}, one core:")
    print(f"  in the cases' order: {min(spans['order']):.2f} ms a card (median {statistics.median(spans['order']):.2f})")
    print(f"  sorted by cover:     {min(spans['cover']):.2f} ms a card (median {statistics.median(spans['cover']):.2f})")
    print("  every card the same in both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
