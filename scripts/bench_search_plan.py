"""How many search bundles a build indexes again after one change, by plan_search alone.

    .venv/bin/python scripts/bench_search_plan.py                     # 10,000, 20,000 and 50,000
    .venv/bin/python scripts/bench_search_plan.py --sizes 50000 --changes 60

No site is built: the plan is a function of the published cases' paths and dates, and a
bundle whose cases are the same as before is taken from the search cache (a build would
also index again the bundle of a case whose page changed). For each size N, N cases dated
over fifteen years (many a day, as a national collection has), cut with the default
``search_shard_pages``; then, one at a time, each change of a kind made to that collection
and the bundles whose cases differ counted:

- ``new newest``: a case dated after every other (most pull requests);
- ``new, some year``: a case from any of the fifteen years (``date`` is when the practice
  took place, so a new case is often years old);
- ``withdrawn``: a random case withdrawn (or its status changed from published);
- ``date moved``: a random case's date set a year earlier.
"""

from __future__ import annotations

import argparse
import random

from showcase.core.options import DEFAULTS
from showcase.core.outputs.search import plan_search


def collection(n: int, seed: int) -> tuple[list[str], dict[str, str]]:
    rnd = random.Random(seed)
    urls = [f"cases/c-{i:06d}/" for i in range(n)]
    dates = {u + "index.html": f"{2010 + rnd.randrange(15)}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}" for u in urls}
    return urls, dates


def measure(n: int, changes: int, seed: int, size: int) -> dict[str, tuple[float, int]]:
    urls, dates = collection(n, seed)
    before = set(plan_search(urls, size, dates).groups)
    rnd = random.Random(seed + 1)
    results: dict[str, list[int]] = {"new newest": [], "new, some year": [], "withdrawn": [], "date moved": []}
    for turn in range(changes):
        for kind, counts in results.items():
            now, moved = list(urls), dict(dates)
            if kind.startswith("new"):
                url = f"cases/new-{turn:04d}/"
                now.append(url)
                moved[url + "index.html"] = "2026-01-01" if kind == "new newest" else f"{2010 + rnd.randrange(15)}-06-15"
            elif kind == "withdrawn":
                del now[rnd.randrange(n)]
            else:
                page = urls[rnd.randrange(n)] + "index.html"
                moved[page] = str(int(moved[page][:4]) - 1) + moved[page][4:]
            counts.append(len(set(plan_search(now, size, moved).groups) - before))
    return {kind: (sum(c) / len(c), max(c)) for kind, c in results.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 50_000])
    parser.add_argument("--changes", type=int, default=30, help="每种改动试几次")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    size = DEFAULTS.search_shard_pages
    print(f"search_shard_pages {size}; bundles indexed again after one change: average (most) of {args.changes}")
    for n in args.sizes:
        urls, dates = collection(n, args.seed)
        groups = plan_search(urls, size, dates).groups
        row = measure(n, args.changes, args.seed, size)
        cells = "  ".join(f"{kind} {avg:.2f} ({most})" for kind, (avg, most) in row.items())
        print(f"{n:>7,} cases, {len(groups)} bundles of {min(map(len, groups)):,}–{max(map(len, groups)):,}:  {cells}")


if __name__ == "__main__":
    main()
