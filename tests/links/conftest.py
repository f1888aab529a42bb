"""Real builds of the sample collection for the links tests, each made once per session.

- ``sample``: the sample collection with ``site_url`` set (absolute links everywhere);
- ``plain``: the sample collection as ``make site`` builds it (no ``site_url``);
- ``changed``: a copy where one published case was renamed (old id kept as an alias),
  another withdrawn, and the ledger holds a listing URL that no longer exists; built with
  room for only ``SITEMAP_PART_URLS`` URLs per sitemap file, as a site of more than
  50,000 pages is, so its sitemap.xml is an index of parts.

Every copy gets its ledger from ``showcase urls --update`` run on the unchanged sample,
as an editor's repository would have it before the change.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from showcase.core.case.model import Case
from showcase.core.collection.loading import load_collection
from showcase.core.outputs import offsite as sitemap_plan

from tests.support.build import build_site
from tests.support.project import ROOT, copy_project, edit_front_matter, share_cache, write_ledger
from tests.support.serve import QuietHandler, served

# Imported from here by test modules (and by other branches' tests): keep these names.
__all__ = [
    "RENAMED_THEME",
    "ROOT",
    "SITEMAP_PART_URLS",
    "SITE_URL",
    "VANISHED_LISTING",
    "Changed",
    "QuietHandler",
    "build_site",
    "copy_project",
    "edit_front_matter",
    "in_copy",
    "pick_published",
    "sample_cases",
    "write_ledger",
]

SITE_URL = "https://example.org/showcase/"
SITEMAP_PART_URLS = 30
VANISHED_LISTING = "/regions/no-such-province/no-such-city/"
RENAMED_THEME = ("jingshen-wenhua", "wenhua-shenghuo")  # a theme's former key and its key, in `changed`


@cache
def sample_cases() -> tuple[Case, ...]:
    """The sample collection as the core loads it (once: tests only read it)."""
    return tuple(load_collection(ROOT / "cases").cases)


def pick_published(count: int) -> list[Case]:
    """``count`` distinct published sample cases without aliases, in a stable order."""
    chosen = sorted((c for c in sample_cases() if c.is_published and not c.aliases), key=lambda c: c.id)
    assert len(chosen) >= count, "the sample collection needs more published cases"
    return chosen[:count]


def in_copy(project: Path, case: Case) -> Path:
    return project / "cases" / case.path.relative_to(ROOT / "cases")


@dataclass
class Changed:
    site: Path
    project: Path
    renamed_from: str
    renamed_to: str
    withdrawn: str
    reason: str
    events: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    project = share_cache(copy_project(tmp_path_factory.mktemp("sample")))
    write_ledger(project)
    return build_site(project, SITE_URL)


@pytest.fixture(scope="session")
def plain(tmp_path_factory) -> Path:
    project = share_cache(copy_project(tmp_path_factory.mktemp("plain")))
    write_ledger(project)
    return build_site(project)


@pytest.fixture(scope="session")
def changed(tmp_path_factory) -> Changed:
    project = share_cache(copy_project(tmp_path_factory.mktemp("changed")))
    ledger = write_ledger(project)
    ledger.write_text(ledger.read_text(encoding="utf-8") + VANISHED_LISTING + "\n", encoding="utf-8")
    renamed, withdrawn = pick_published(2)
    new_id = f"{renamed.id}-v2"
    edit_front_matter(in_copy(project, renamed), f"id: {renamed.id}", f"id: {new_id}\naliases: [{renamed.id}]")
    reason = "经核实，案例中的部分数据有误，发布单位申请撤回。"
    edit_front_matter(in_copy(project, withdrawn), "status: published", f"status: withdrawn\nwithdrawn_reason: {reason}")
    # a theme's key changed after its page was published, the old key kept in its aliases
    taxonomy = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    old_key = f"  - key: {RENAMED_THEME[0]}\n"
    assert old_key in taxonomy
    taxonomy = taxonomy.replace(old_key, f"  - key: {RENAMED_THEME[1]}\n    aliases: [{RENAMED_THEME[0]}]\n")
    (project / "taxonomy.yml").write_text(taxonomy, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      # taxonomy: my-taxonomy.yml", "      taxonomy: taxonomy.yml"), encoding="utf-8"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sitemap_plan, "SITEMAP_MAX_URLS", SITEMAP_PART_URLS)
        site = build_site(project, SITE_URL)
    return Changed(site, project, renamed.id, new_id, withdrawn.id, reason)


@pytest.fixture(scope="session")
def serve():
    """Serve a built site over loopback: ``serve(site) -> base URL``; all stopped at the end."""
    with ExitStack() as stack:
        yield lambda site: stack.enter_context(served(site))
