"""Measure the links outputs on a large collection: time and size, engine-free.

    .venv/bin/python scripts/bench_links.py [N]

Makes N published cases (copies of the sample's published cases under new ids, in a
temporary folder), then times the ledger check and the generation of feeds, catalog
and sitemap, and prints the size of each output. The sitemap's size matters beyond
search engines: Material's script fetches sitemap.xml on page views (see
core/outputs.feed_links).
"""

from __future__ import annotations

import gzip
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from showcase.core.collection.loading import load_collection
from showcase.core.collection.settings import Settings
from showcase.core.outputs.feeds import SiteInfo
from showcase.core.outputs.ledger import Ledger, check_ledger, ledger_urls, public_plan
from showcase.core.outputs.offsite import site_files, sitemaps
from showcase.core.site.index import SiteIndex
from showcase.core.site.texts import load_texts

ROOT = Path(__file__).resolve().parents[1]


def make_collection(dest: Path, count: int) -> None:
    sources = [c for c in load_collection(ROOT / "cases").cases if c.is_published and not c.aliases]
    for number in range(count):
        case = sources[number % len(sources)]
        folder = dest / f"{case.id}-{number:05d}"
        shutil.copytree(case.folder, folder)
        index = folder / "index.md"
        text = index.read_text(encoding="utf-8")
        index.write_text(re.sub(r"^id: .*$", f"id: {case.id}-{number:05d}", text, count=1, flags=re.M), encoding="utf-8")


def timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<38} {time.perf_counter() - start:7.3f} s")
    return result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    texts = load_texts()
    settings = Settings(check_images=False)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "cases"
        make_collection(root, count)
        collection = timed(f"load {count} cases (no image checks)", lambda: load_collection(root, settings))
        plan = timed("site index and plan (with embeds)", lambda: public_plan(collection, settings.taxonomy, texts))
        ledger = Ledger(Path(tmp) / "urls.lock", urls={url: n for n, url in enumerate(sorted(ledger_urls(plan)), start=2)})
        check = timed(f"ledger check ({len(ledger.urls)} URLs)", lambda: check_ledger(ledger, plan, collection.cases))
        assert check.ok, check.errors
        index = SiteIndex(collection.cases, settings.taxonomy)
        site = SiteInfo("社区社会组织参与新时代文明实践案例展示", base_url="https://example.org/showcase/")
        files = timed("feeds, catalog, robots (all files)", lambda: site_files(index, site, texts))
        sitemap = timed("sitemap.xml", lambda: sitemaps(plan, index, site)["sitemap.xml"]).encode("utf-8")
    print()
    for path in ("feed.xml", "atom.xml", "feed.json", "themes/bianmin-fuwu/feed.xml", "api/cases.json", "api/themes/bianmin-fuwu.json"):
        print(f"{path:<38} {len(files[path]) / 1024:8.1f} KiB")
    print(f"{'sitemap.xml':<38} {len(sitemap) / 1024:8.1f} KiB ({len(gzip.compress(sitemap)) / 1024:.1f} KiB gzip)")
    print(f"{'all generated files':<38} {sum(map(len, files.values())) / 1024:8.1f} KiB in {len(files)} files")


if __name__ == "__main__":
    main()
