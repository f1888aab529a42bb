"""What one build knows: created when MkDocs reads the configuration, completed once the
cases are loaded.

MkDocs keeps one plugin object for every rebuild of ``mkdocs serve``. Everything one
build learns lives in a ``Build``, made afresh in ``on_config``, so nothing of one build
can reach the next; and an event that needs the cases reads ``build.site``, which says
so plainly if the cases are not loaded yet, instead of a dozen attributes that start
as None.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property

from ..core.outputs.search import IndexReport, SearchPlan, search_plan
from ..core.progress import Progress
from ..core.site.build import Site, SiteSetup
from ..core.site.plan import PageSpec
from .assets import Assets


@dataclass
class Build(SiteSetup):
    """One build: its options and data files (``on_config``, ``SiteSetup``), then its site."""

    loaded: Site | None = None
    search_report: IndexReport | None = None  # for scripts/bench_search.py
    converting: AbstractContextManager[Progress] | None = None  # the case bodies' progress, on_nav to on_env
    converted: Progress | None = None
    writing: AbstractContextManager[Progress] | None = None  # the pages' progress, on_env to on_post_build
    assets: Assets = field(default_factory=Assets)  # our style sheets' and scripts' published names

    @property
    def site(self) -> Site:
        if self.loaded is None:
            raise RuntimeError("showcase: the cases are read in on_pre_build; this event came before it")
        return self.loaded

    def spec(self, uri: str) -> PageSpec | None:
        """The spec of a page of ours, or None (a page of another plugin, the 404 page)."""
        return self.loaded.specs.get(uri) if self.loaded is not None else None

    @cached_property
    def search_plan(self) -> SearchPlan:
        """The search index's bundles, worked out once a build (the cases are loaded): one,
        or several above search_shard_pages published cases, newest first."""
        return search_plan(self.site.index, self.options.search_shard_pages, self.options.search_first_pages)

    @property
    def indexing(self) -> bool:
        """Whether Pagefind indexes this build (search on, not a preview unless asked)."""
        return self.options.search and (self.options.search_in_preview or not self.preview)
