"""How to hand one bundle's pages to Pagefind: a glob of its pages, a folder of hard links, or each page's HTML.

    .venv/bin/python scripts/bench_search.py --sizes 2000 --keep /tmp/bench-sites
    .venv/bin/python scripts/bench_shard_feed.py /tmp/bench-sites/2000/site

Indexes the built site's published case pages (at most ``--pages``, 2,000 by default) twice
into temporary folders, with Pagefind's Python service as the build does
(``core/outputs/search.py``): (a) the site itself, read with ``add_directory`` and a glob
naming exactly these pages (``shard_glob``, what the build uses for a sharded index);
(b) a temporary folder of hard links laid out as the site (what it used before);
(c) every page read here and sent with ``add_html_file(content=…, url=/cases/<id>/)``.
Reports the wall time of each and how many pages each indexed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from showcase.core.outputs.search import CASE_PAGES_GLOB, EXCLUDE_SELECTORS, indexed_pages, shard_glob


async def by_glob(site: Path, pages: list[str], output: Path) -> None:
    from pagefind.index import PagefindIndex

    async with PagefindIndex(config={"force_language": "zh", "exclude_selectors": EXCLUDE_SELECTORS}) as index:
        await index.add_directory(str(site), glob=shard_glob(pages))
        await index.write_files(output_path=str(output))


def _mirror(site: Path, pages: list[str], folder: Path) -> None:
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except OSError:
            shutil.copyfile(site / page, target)


async def by_directory(site: Path, pages: list[str], output: Path) -> None:
    from pagefind.index import PagefindIndex

    with tempfile.TemporaryDirectory(dir=site, prefix=".bench-") as folder:
        _mirror(site, pages, Path(folder))
        async with PagefindIndex(config={"force_language": "zh", "exclude_selectors": EXCLUDE_SELECTORS}) as index:
            await index.add_directory(folder, glob=CASE_PAGES_GLOB)
            await index.write_files(output_path=str(output))


async def by_content(site: Path, pages: list[str], output: Path) -> None:
    from pagefind.index import PagefindIndex

    async with PagefindIndex(config={"force_language": "zh", "exclude_selectors": EXCLUDE_SELECTORS}) as index:
        for page in pages:
            url = "/" + page.removesuffix("index.html")
            await index.add_html_file(content=(site / page).read_text(encoding="utf-8"), url=url)
        await index.write_files(output_path=str(output))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="比较两种把一组案例页交给 Pagefind 的方式。")
    parser.add_argument("site", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--no-content", action="store_true", help="skip add_html_file (minutes at 2,000 pages)")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    pages = sorted(
        p.relative_to(site).as_posix() for p in site.glob(CASE_PAGES_GLOB) if "data-pagefind-body" in p.read_text(encoding="utf-8")
    )[: args.pages]
    feeds = [("glob over the site", by_glob), ("hard links + add_directory", by_directory)]
    if not args.no_content:
        feeds.append(("add_html_file per page", by_content))
    for name, feed in feeds:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            asyncio.run(feed(site, pages, Path(out) / "pagefind"))
            seconds = time.perf_counter() - start
            print(f"{name:<28} {len(pages)} pages: {seconds:6.1f} s, {indexed_pages(Path(out) / 'pagefind')} indexed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
