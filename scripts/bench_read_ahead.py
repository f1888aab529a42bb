"""How long checking the cached share cards takes when the disk must be read, with and without read-ahead.

    .venv/bin/python scripts/bench.py --corpora short --sizes 50000 --no-cold --no-floor --keep /work/bench/k
    sudo .venv/bin/python scripts/bench_read_ahead.py /work/bench/k/short-50000/.cache/showcase/images/share

What a warm build does with every share card (``core/media/pipeline.py``): read its record
and check the card's size and SHA-256 (``sharecard.read_card``). Before each run the page
cache is emptied (``/proc/sys/vm/drop_caches``, root only), as on a server that builds once
a day or a machine whose memory manager pages idle files out: then (a) the cards are
checked one at a time, as before, and (b) inside ``cachefile.reading_ahead``, as the build
does now. Runs alternate, ``--rounds`` times each. Emptying the page cache slows everything
else on the machine for a while: run it on a quiet machine, alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from showcase.core.cachefile import reading_ahead
from showcase.core.media.sharecard import read_card, record_path


def drop_page_cache() -> None:
    os.sync()
    Path("/proc/sys/vm/drop_caches").write_text("3\n", encoding="ascii")


def check(cards: list[Path], ahead: bool) -> tuple[float, int]:
    start = time.perf_counter()
    if ahead:
        with reading_ahead([f for card in cards for f in (record_path(card), card)]):
            good = sum(read_card(card)[0] for card in cards)
    else:
        good = sum(read_card(card)[0] for card in cards)
    return time.perf_counter() - start, good


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="比较逐个读取与预读时检查分享图缓存的用时（需要 root 清空页缓存）。")
    parser.add_argument("folder", type=Path, help="分享图缓存文件夹，如 .cache/showcase/images/share")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("需要 root 权限才能清空页缓存（/proc/sys/vm/drop_caches）。", file=sys.stderr)
        return 2
    cards = sorted(args.folder.glob("*/*.jpg"))
    if not cards:
        print(f"{args.folder} 里没有分享图。", file=sys.stderr)
        return 2
    size = sum(card.stat().st_size for card in cards)
    print(f"{len(cards)} cards, {size / 1e6:.0f} MB")
    for _ in range(args.rounds):
        for ahead in (False, True):
            drop_page_cache()
            seconds, good = check(cards, ahead)
            print(f"{'reading ahead' if ahead else 'one at a time':<14} {seconds:7.1f} s  ({good} whole)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
