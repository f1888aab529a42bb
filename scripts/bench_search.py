"""Measure search at scale: Pagefind indexing time and what a first query transfers.

    .venv/bin/python scripts/bench_search.py                 # 1,000 and 10,000 cases
    .venv/bin/python scripts/bench_search.py --sizes 1000 --query 空巢老人
    .venv/bin/python scripts/bench_search.py --sizes 2000 --shard-pages 500   # four bundles
    .venv/bin/python scripts/bench_search.py --site DIR/short-50000/site      # a site built already
    .venv/bin/python scripts/bench_search.py --site site --slow3g 3            # a phone on slow 3G

For each size N it generates N cases (scripts/gen_cases.py, about 2,000 characters
each), builds the site with the project's mkdocs.yml and site_overrides into a temporary
folder, and reports:

- the full build time and, inside it, Pagefind's indexing time (the plugin's own report:
  wall clock, and the Pagefind process's CPU time, which a busy machine inflates less);
- a first query: the search page opened in headless Chromium (Debian's chromium, through
  playwright) at ``/search/?q=<query>`` from a loopback HTTP server, waiting until results
  are shown; every file the browser fetched is summed by its size on disk (the size
  a plain static server sends; Pagefind's index files are already gzip-compressed).
  Reported apart: the Pagefind part (``/pagefind/…``: script, WASM, metadata, index
  chunks, the ten result fragments shown) and the page itself (HTML, CSS, Material's JS);
  then what pointing at the filters adds (the filter index behind the facet counts);
- how many case pages contain the query as written ("phrase in"), beside the results.

With ``--shard-pages N`` the site is built with the plugin option ``search_shard_pages: N``
(the index split into bundles of at most N pages, merged by the search page); the report
then also gives each Pagefind process's peak memory (VmHWM, sampled from /proc while the
build runs), one per bundle.

With ``--site DIR --slow3g N`` the time until a phone shows the first results is measured
instead, N times: Chromium as a 360-px phone, the cache off, the line emulated as slow 3G
(``Network.emulateNetworkConditions``: 2 s a round trip, 50 KB/s each way), so the round
trips one after another (page, style sheets and scripts, Pagefind's script, its entry, WASM,
index, fragments) are what is measured; the files are served as they are on disk (no gzip).

With ``--site DIR`` nothing is generated or built: the first query is measured on that
built site (for example the 50,000-case site ``scripts/bench.py --keep`` leaves), as a reader
opens it and with ``&scope=all`` (every case; above the plugin option ``search_first_pages``
a first search reads the newest cases' bundles only, the rest when the reader asks).

Targets (issue 4) at 10,000 cases: first query ≤ 400 KB, indexing ≤ 20 s; (issue 20) the
first query ≤ 500 KB with the index split.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import _descendants, _hwm_kb, _name  # noqa: E402
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from gen_cases import generate  # noqa: E402
from showcase.core.outputs.search import load_related_terms  # noqa: E402
from showcase.core.outputs.search_pairs import build_pairs, pair_buckets  # noqa: E402

DATA_OPTIONS = re.compile(r"^\s+(taxonomy|review_words|texts):\s*(\S+)\s*$", re.M)


def make_project(dest: Path, shard_pages: int | None = None) -> Path:
    """A copy of this project's site setup (mkdocs.yml, site_overrides, data files it names)."""
    dest.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if shard_pages is not None:
        text = text.replace("  - showcase:\n", f"  - showcase:\n      search_shard_pages: {shard_pages}\n", 1)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "site_overrides", dest / "site_overrides")
    for _, rel in DATA_OPTIONS.findall(text):
        source = ROOT / rel
        if source.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / rel)
    return dest / "mkdocs.yml"


class PagefindPeaks:
    """Each Pagefind process's peak memory (MB), sampled from /proc while the build runs."""

    def __init__(self) -> None:
        self.peaks: dict[int, float] = {}  # pid -> MB, in start order
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self.done.wait(0.1):
            for pid in _descendants(os.getpid()):
                if _name(pid).startswith("pagefind"):
                    self.peaks[pid] = max(self.peaks.get(pid, 0.0), _hwm_kb(pid) / 1024)

    def __enter__(self) -> PagefindPeaks:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.thread.join()


def build(config_file: Path, site_dir: Path):
    """(build seconds, the plugin's search IndexReport), building in this process."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(config_file), site_dir=str(site_dir))
    start = time.perf_counter()
    mkdocs_build(config)
    seconds = time.perf_counter() - start
    return seconds, config.plugins["showcase"].search_report


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


EXPAND = """async (terms) => {
  const pagefind = await import("/pagefind/pagefind.js");
  for (const term of terms) await pagefind.search(term);
}"""


def first_query(site_dir: Path, query: str) -> dict:
    """Open /search/?q=… in a fresh headless Chromium; sum the files it fetched.

    Then point at the filters, which loads the facet counts, and sum what that adds.
    """
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    urls: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.on("request", lambda request: urls.append(request.url))
            page = context.new_page()
            start = time.perf_counter()
            page.goto(f"{origin}/search/?q={query}")
            page.wait_for_selector("#sc-search-status[data-count]", timeout=120_000)
            elapsed = time.perf_counter() - start
            page.wait_for_load_state("networkidle")
            count = int(page.get_attribute("#sc-search-status", "data-count") or 0)
            scope = page.get_attribute("#sc-search-status", "data-scope")  # "recent": the newest cases' bundles only
            shown = page.locator(".sc-result").count()
            first = list(urls)
            # What expanding the query at query time would add: a search for each other term
            # of the query's related-term groups (this site expands at index time instead).
            others = [t for g in load_related_terms() if any(query in t or t in query for t in g) for t in g if t != query]
            page.evaluate(EXPAND, others)
            page.wait_for_load_state("networkidle")
            expand_urls = urls[len(first) :]
            mark = len(urls)
            page.hover("#sc-search-facet-list")
            page.wait_for_selector('#sc-search-facet-list[data-counts="yes"]', timeout=120_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    files = _sizes(site_dir, origin, first)
    more = _sizes(site_dir, origin, urls[mark:])
    expand = _sizes(site_dir, origin, expand_urls)
    pagefind = {k: v for k, v in files.items() if k.startswith("/pagefind/")}
    own = {k: v for k, v in files.items() if k.startswith(("/search/", "/assets/showcase/"))}
    pairs = {k: v for k, v in files.items() if k.startswith("/search/pairs/")}  # core/outputs/search_pairs.py
    return {
        "results": count,
        "scope": scope,
        "shown": shown,
        "seconds_to_results": elapsed,
        "requests": len(first),
        "pagefind_bytes": sum(pagefind.values()),
        "pagefind_requests": len(pagefind),
        "search_page_bytes": sum(own.values()),
        "page_bytes": sum(v for k, v in files.items() if k not in pagefind),
        "by_kind": _by_kind(pagefind),
        "pairs_bytes": sum(pairs.values()),
        "pairs_gzip_bytes": sum(len(gzip.compress((site_dir / k.lstrip("/")).read_bytes())) for k in pairs),
        "pairs_requests": len(pairs),
        "facet_count_bytes": sum(more.values()),
        "expansion_terms": len(others),
        "expansion_bytes": sum(expand.values()),
    }


def _sizes(site_dir: Path, origin: str, urls: list[str]) -> dict[str, int]:
    files: dict[str, int] = {}
    for url in urls:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            raise SystemExit(f"请求离开了本站：{url}")
        path = unquote(parts.path)
        target = site_dir / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        if target.is_file():
            files[path] = target.stat().st_size
    return files


def pages_with(site_dir: Path, phrase: str) -> int:
    """Published case pages whose searchable part contains the phrase as written."""
    found = 0
    for page in site_dir.glob("cases/*/index.html"):
        text = page.read_text(encoding="utf-8")
        body = re.search(r"<article[^>]*data-pagefind-body.*?</article>", text, re.S)
        if body and phrase in re.sub(r"<[^>]+>", "", body.group(0)):
            found += 1
    return found


def _by_kind(files: dict[str, int]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for path, size in files.items():
        name = path.rsplit("/", 1)[-1]
        kind = name.rsplit(".", 1)[-1] if "." in name else name
        kind = kind.split("?")[0]
        kinds[kind] = kinds.get(kind, 0) + size
    return dict(sorted(kinds.items()))


def _dir_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def run(n: int, seed: int, query: str, keep: Path | None, shard_pages: int | None = None) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"bench-search-{n}-")) if keep is None else keep / str(n)
    if keep is not None:
        shutil.rmtree(work, ignore_errors=True)  # a fresh site each run
    try:
        config_file = make_project(work, shard_pages)
        generate(work / "cases", n, seed)
        site_dir = work / "site"
        with PagefindPeaks() as peaks:
            build_s, report = build(config_file, site_dir)
        size, count = _dir_size(site_dir / "pagefind")
        pairs_size, pairs_files = _dir_size(site_dir / "search" / "pairs")
        start = time.perf_counter()
        bundles = [site_dir / "pagefind", *sorted((site_dir / "pagefind").glob("shard-*"))]
        urls = {f"/{p.parent.relative_to(site_dir).as_posix()}/" for p in site_dir.glob("cases/*/index.html")}
        urls = {u for u in urls if "data-pagefind-body" in (site_dir / u.strip("/") / "index.html").read_text(encoding="utf-8")}
        listed = time.perf_counter() - start
        pairs = build_pairs(site_dir, bundles, urls, pair_buckets(len(urls)))  # again, timed alone
        return {
            "cases": n,
            "shards": report.shards,
            "pagefind_peak_mb": [round(mb) for mb in peaks.peaks.values()],
            "build_seconds": round(build_s, 2),
            "index_seconds": round(report.seconds, 2),
            "index_cpu_seconds": round(report.cpu_seconds, 2),
            "pages_indexed": report.pages,
            "index_bytes": size,
            "index_files": count,
            "pairs_seconds": round(pairs.seconds, 2),
            "pairs_listing_seconds": round(listed, 2),
            "pairs_site_bytes": pairs_size,
            "pairs_files": pairs_files,
            "pairs_chars": pairs.chars,
            "pairs_pairs": pairs.pairs,
            "query": query,
            "pages_with_phrase": pages_with(site_dir, query),
            **first_query(site_dir, query),
        }
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def measure_site(site_dir: Path, query: str) -> int:
    """The first query on a built site, as a reader opens it and over every case."""
    if not (site_dir / "search" / "index.html").is_file():
        print(f"{site_dir} 里没有搜索页（search/index.html）：请给出已构建的站点文件夹。", file=sys.stderr)
        return 2
    print(f"首次搜索“{query}”，站点 {site_dir}")
    for label, q in (("first query", query), ("every case (scope=all)", query + "&scope=all")):
        r = first_query(site_dir, q)
        total = (r["pagefind_bytes"] + r["search_page_bytes"]) / 1024
        print(
            f"  {label}: {r['results']} results (scope {r['scope'] or 'one index'}), {r['seconds_to_results']:.1f} s; "
            f"Pagefind {r['pagefind_bytes'] / 1024:.0f} KB in {r['pagefind_requests']} requests {r['by_kind']}; "
            f"search page {r['search_page_bytes'] / 1024:.0f} KB; together {total:.0f} KB"
        )
    return 0


SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 51200, "uploadThroughput": 51200}


def slow_3g(site_dir: Path, query: str, runs: int) -> int:
    """Seconds until /search/?q=… shows results on an emulated slow 3G phone, ``runs`` times."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"慢速 3G（往返 2 秒，50 KB/s），首次搜索“{query}”，站点 {site_dir}")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for run in range(runs):
                context = browser.new_context(viewport={"width": 360, "height": 720}, is_mobile=True)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                cdp.send("Network.emulateNetworkConditions", SLOW_3G)
                start = time.perf_counter()
                page.goto(f"{origin}/search/?q={query}", wait_until="commit", timeout=180_000)
                page.wait_for_selector(".sc-result", timeout=180_000)
                print(f"  run {run + 1}: results after {time.perf_counter() - start:.1f} s")
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="搜索性能测试：索引用时与首次搜索的传输量。")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--query", default="空巢老人")
    parser.add_argument("--keep", type=Path, help="把生成的站点留在这个文件夹里")
    parser.add_argument("--json", action="store_true", help="输出 JSON")
    parser.add_argument("--shard-pages", type=int, help="插件选项 search_shard_pages：每个搜索索引至多多少页")
    parser.add_argument("--site", type=Path, help="只测这个已构建的站点的首次搜索（不生成、不构建）")
    parser.add_argument("--slow3g", type=int, metavar="N", help="和 --site 一起用：在模拟的慢速 3G 手机上测 N 次首次搜索出结果的时间")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.slow3g and args.site is None:
        parser.error("--slow3g 要和 --site 一起用")
    if args.site is not None and args.slow3g:
        return slow_3g(args.site, args.query, args.slow3g)
    if args.site is not None:
        return measure_site(args.site, args.query)
    results = [run(n, args.seed, args.query, args.keep, args.shard_pages) for n in args.sizes]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"搜索性能（查询“{args.query}”，测量结束时机器负载 {load:.1f}）")
    print(
        f"{'cases':>7} {'build s':>8} {'index s':>8} {'index cpu s':>11} {'index MB':>9} {'results':>8} {'phrase in':>9} "
        f"{'query KB':>9} {'req':>4} {'+page KB':>9} {'cold KB':>8} {'+counts KB':>10}"
    )
    for r in results:
        cold = (r["pagefind_bytes"] + r["page_bytes"]) / 1024
        print(
            f"{r['cases']:>7} {r['build_seconds']:>8.1f} {r['index_seconds']:>8.1f} {r['index_cpu_seconds']:>11.1f} "
            f"{r['index_bytes'] / 1e6:>9.1f} {r['results']:>8} {r['pages_with_phrase']:>9} "
            f"{r['pagefind_bytes'] / 1024:>9.0f} {r['pagefind_requests']:>4} {r['search_page_bytes'] / 1024:>9.0f} {cold:>8.0f} "
            f"{r['facet_count_bytes'] / 1024:>10.0f}"
        )
        print(f"        Pagefind bytes of the first query by kind: {r['by_kind']}")
        print(f"        bundles: {r['shards']}; Pagefind peak memory per process (MB): {r['pagefind_peak_mb']}")
        print(f"        query-time expansion instead: {r['expansion_terms']} more searches, +{r['expansion_bytes'] / 1024:.0f} KB")
        print(
            f"        pair files (words no case has): {r['pairs_files']} files, {r['pairs_site_bytes'] / 1024:.0f} KB "
            f"({r['pairs_chars']} characters, {r['pairs_pairs']} pairs), written in {r['pairs_seconds']:.2f} s; "
            f"the first query read {r['pairs_requests']} of them, {r['pairs_bytes'] / 1024:.1f} KB "
            f"({r['pairs_gzip_bytes'] / 1024:.1f} KB gzip; counted in +page KB)"
        )
    print(
        "query KB: Pagefind's files for the query (script, WASM, metadata, index chunks, 10 results); "
        "+page KB: the search page's HTML, script and styles; cold KB: everything, Material's CSS and JS "
        "included (cached from any other page of the site); +counts KB: the facet counts, loaded when the "
        "reader turns to the filters; query-time expansion: what searching every other term of the query's "
        "related-term groups would add. Sizes as files on disk (no HTTP compression; Pagefind's files are gzip already)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
