"""What pruning the cache costs a build that removes nothing: the walk over every cache file.

    .venv/bin/python scripts/bench_prune.py DIR/.cache/showcase --rounds 3

DIR is a built project (``scripts/bench.py --keep DIR`` leaves them). Every file of the
image and body caches is counted as used, as after a build whose cases did not change,
so ``core.cacheprune.prune`` walks the folders, matches each name against its owner's
layout, looks it up among the used files and removes nothing (the script exits 1 if
anything was removed). The figure is the best of ``--rounds`` runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from showcase.core.cacheprune import CacheArea, prune
from showcase.core.media.photos import ImageOptions
from showcase.core.media.pipeline import SHARE_DIR, MediaOptions, SiteMedia, cache_area
from showcase.plugin.speedup.bodycache import LAYOUT as BODY_LAYOUT


def areas(cache: Path) -> list[CacheArea]:
    """The areas the build would prune, as the build makes them, with every file used."""
    images, bodies = cache / "images", cache / "bodies"
    used = {p for p in (images / SHARE_DIR).rglob("*") if p.is_file()} | {p for p in images.glob("??/*") if p.is_dir()}
    media = SiteMedia(cache_used=used, cards_checked=True)
    body_area = CacheArea(bodies, BODY_LAYOUT, frozenset(bodies.rglob("*.json")))
    return [cache_area(MediaOptions(images=ImageOptions(cache_dir=images)), media), body_area]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cache", type=Path, help="a project's .cache/showcase")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (args.cache / "images").is_dir():
        print(f"{args.cache}: no images/ folder: give a built project's .cache/showcase", file=sys.stderr)
        return 2
    files = sum(1 for p in args.cache.rglob("*") if p.is_file())
    best = float("inf")
    for _ in range(args.rounds):
        given = areas(args.cache)  # a build has these sets already: not timed
        started = time.perf_counter()
        done = prune(given, before=time.time())
        best = min(best, time.perf_counter() - started)
        if done.files:
            print(f"removed {done.files} files: the cache was not the build's as a whole", file=sys.stderr)
            return 1
    print(f"{files} cache files walked, nothing removed: {best:.3f} s (best of {args.rounds})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
