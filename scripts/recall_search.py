"""Recall of names through the real search page: does typing a case's name find the case?

    .venv/bin/python scripts/recall_search.py                 # 300 generated cases
    .venv/bin/python scripts/recall_search.py --cases 1000 --seed 3

It generates N cases (scripts/gen_cases.py), builds the site with this project's
mkdocs.yml into a temporary folder, opens /search/ in headless Chromium from a loopback
server, and types, as a reader would (the page's own box and form), every case's

- title, organization's full name, project name (the title's quoted part), county;

then counts how many of the cases bearing that name are among the first 10 results.
recall@10 of a query = found among the first 10 / min(10, cases bearing the name) (a
county or a project name is shared by several cases); the table gives the mean per kind
of name and the queries that fell short.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chromium import CHROMIUM, CHROMIUM_ARGS

KINDS = ("title", "organization", "project", "county")
QUOTED = re.compile(r"“([^”]+)”")

# Runs in the search page: for each query, type it into the box, submit the form, wait
# for the page to say how many it found, and read the links of the first 10 results.
DRIVE = """async (queries) => {
  const box = document.getElementById("sc-search-q");
  const form = document.getElementById("sc-search-form");
  const status = document.getElementById("sc-search-status");
  const out = {};
  for (const q of queries) {
    status.removeAttribute("data-count");
    box.value = q;
    form.requestSubmit();
    const start = performance.now();
    while (!status.hasAttribute("data-count") && performance.now() - start < 20000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    out[q] = [...document.querySelectorAll(".sc-result__title a")].slice(0, 10).map((a) => new URL(a.href).pathname);
  }
  return out;
}"""


def names(cases_root: Path) -> dict[str, dict[str, set[str]]]:
    """kind -> name -> URLs of the published cases bearing it, from the case files."""
    table: dict[str, dict[str, set[str]]] = {kind: defaultdict(set) for kind in KINDS}
    for path in sorted(Path(cases_root).rglob("index.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        if front.get("status") != "published":
            continue
        url = f"/cases/{front['id']}/"
        table["title"][front["title"]].add(url)
        table["organization"][front["organization"]["name"]].add(url)
        for project in QUOTED.findall(front["title"]):
            table["project"][project].add(url)
        if front["region"].get("county"):
            table["county"][front["region"]["county"]].add(url)
    return table


def measure(page: Any, table: dict[str, dict[str, set[str]]], *, every: int = 1) -> dict[str, dict[str, Any]]:
    """Type the names into the search page already open in ``page``; recall per kind.

    ``every``: take one name in ``every`` of each kind (the tests take a sample).
    """
    report = {}
    for kind in KINDS:
        items = sorted(table[kind].items())[::every]
        found = page.evaluate(DRIVE, [name for name, _ in items])
        scores, misses = [], []
        for name, urls in items:
            top = set(found.get(name, []))
            score = len(top & urls) / min(10, len(urls))
            scores.append(score)
            if score < 1:
                misses.append((name, score))
        report[kind] = {"queries": len(items), "recall": sum(scores) / max(1, len(scores)), "misses": misses}
    return report


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="搜索名称的召回率（标题、组织全称、项目名、县区）。")
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    from bench_search import build, make_project
    from gen_cases import generate
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="recall-") as folder:
        root = Path(folder)
        config = make_project(root)
        generate(root / "cases", args.cases, seed=args.seed)
        seconds, _ = build(config, root / "site")
        print(f"{args.cases} 个案例，构建 {seconds:.1f} 秒")
        table = names(root / "cases")
        server, origin = serve(root / "site")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(origin + "/search/")
                page.wait_for_selector("#sc-search-status:not(:empty)")
                start = time.perf_counter()
                report = measure(page, table)
                browser.close()
        finally:
            server.shutdown()
    print(f"| name typed | queries | recall@10 | below 1 |  ({time.perf_counter() - start:.0f} s of queries)")
    print("| --- | --- | --- | --- |")
    for kind, row in report.items():
        print(f"| {kind} | {row['queries']} | {100 * row['recall']:.1f} % | {len(row['misses'])} |")
    for kind, row in report.items():
        for name, score in row["misses"][:10]:
            print(f"  {kind}: {name} ({score:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
