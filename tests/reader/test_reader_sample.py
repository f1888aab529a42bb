"""The statistics page of the project's own sample collection, counted from the case files.

The expectations are read straight from the front matter of ``cases/**/index.md`` (status
``published``), not from the site code.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from showcase.core.collection.taxonomy import load_taxonomy

from .conftest import ROOT
from .htmltree import parse


def _published() -> list[dict]:
    cases = []
    for path in sorted(Path(ROOT / "cases").rglob("index.md")):
        text = path.read_text(encoding="utf-8-sig")
        front = yaml.safe_load(text.split("---", 2)[1])
        if isinstance(front, dict) and front.get("status") == "published":
            cases.append(front)
    return cases


@pytest.fixture(scope="module")
def published() -> list[dict]:
    cases = _published()
    assert len(cases) >= 20, "the sample collection is expected in cases/"
    return cases


def _table(page, key: str) -> dict[str, int]:
    table = page.find("section", id=key).find("table", cls="sc-sr-table")
    rows = {tr.find("th").text().strip(): int(tr.find("td").text()) for tr in table.find("tbody").find_all("tr")}
    return {k: v for k, v in rows.items() if v}


def test_sample_statistics_match_the_case_files(sample_site, published):
    page = parse(sample_site.html("stats/"))
    taxonomy = load_taxonomy()
    themes = Counter(taxonomy.themes.lookup(str(t)).label for case in published for t in case["themes"])
    assert _table(page, "themes") == dict(themes)
    categories = Counter(taxonomy.categories.lookup(case["organization"]["category"]).name for case in published)
    assert _table(page, "categories") == dict(categories)
    assert _table(page, "regions") == dict(Counter(case["region"]["province"] for case in published))
    years = {re.sub(r"\D", "", k): v for k, v in _table(page, "years").items()}
    assert years == dict(Counter(str(case["date"])[:4] for case in published))
    totals = page.find("section", cls="sc-stat")
    numbers = [int(dd.text().replace(",", "")) for dd in totals.find_all("dd")]
    assert numbers[0] == len(published)
    assert sum(case.get("volunteers") or 0 for case in published) in numbers
    assert sum(case.get("served") or 0 for case in published) in numbers
    matrix = page.find("table", cls="sc-matrix")
    assert sum(int(td.text()) for td in matrix.find_all("td")) == sum(themes.values())
