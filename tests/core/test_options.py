"""The options (core/options.py: every default written once) and where a site reads them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from showcase.core.options import Options

ROOT = Path(__file__).resolve().parents[2]


def test_every_option_is_shown_in_the_sample_sites_mkdocs_yml():
    # a documentation audit: per_page, navigation, ledger, jobs and cases_dir were explained
    # only in core/options.py's comments
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = config.split("  - showcase:\n", 1)[1].split("\nextra:", 1)[0]
    written = set(re.findall(r"^ {6}#? ?([a-z_]+):", block, re.M))
    assert {f.name for f in dataclasses.fields(Options)} - written == set()
