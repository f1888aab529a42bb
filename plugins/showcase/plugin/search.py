"""The MkDocs side of search: the search assets and running Pagefind after the build.

What is indexed and how is decided in ``core/outputs/search.py``; this module only wires it
into MkDocs events (called from ``plugin.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files

from ..core.outputs.search import (
    MATERIAL_SEARCH,
    MATERIAL_SEARCH_ON,
    IndexReport,
    RelatedTerms,
    SearchIndexError,
    SearchPlan,
    build_search_index,
    load_related_terms,
)
from ..core.outputs.search_cache import SearchCache
from ..core.outputs.search_pairs import FragmentError, build_pairs, pair_buckets
from ..core.progress import Reporter, heartbeat, silent
from ..core.site.index import case_url
from .assets import Assets

__all__ = ["RelatedTerms", "build_index", "load_related_terms"]

log = get_plugin_logger(__name__)
PACKAGE = resources.files("showcase")
# The header's search box is on every page, so its few styles are too; the script only on /search/.
SEARCH_CSS = "search.css"
SEARCH_JS = "search.js"


def configure(config: MkDocsConfig, assets: Assets) -> None:
    """Add the search styles; warn when Material's own search is also configured."""
    assets.add_style(config, SEARCH_CSS)
    if material_search_on(config):
        log.warning(MATERIAL_SEARCH_ON)


def material_search_on(config: MkDocsConfig) -> bool:
    """Whether Material's own search is configured: MkDocs names ``- search`` material/search."""
    return any(name in config.plugins for name in MATERIAL_SEARCH)


def add_assets(files: Files, config: MkDocsConfig, assets: Assets) -> None:
    for name in (SEARCH_CSS, SEARCH_JS):
        files.append(assets.file(config, name))


def build_index(
    config: MkDocsConfig,
    published: int,
    *,
    preview: bool,
    index: Callable[[], IndexReport] | None = None,
    report: Reporter = silent,
    plan: SearchPlan | None = None,
) -> IndexReport | None:
    """Index the published case pages of the built site; a failure fails ``mkdocs build``.

    ``index``: how to get the index when not by ``build_search_index`` now (the plugin
    may have started it once the case pages were written, see ``plugin/speedup/earlysearch.py``).
    ``plan``: the bundles, when the published cases are more than one index holds
    (``core.outputs.search.SearchPlan``).
    """
    if published == 0:
        # Pagefind would index whole pages when no page marks a search body.
        log.info("没有已发布的案例，未生成搜索索引。")
        return None
    try:
        with heartbeat(report, "建立搜索索引"):  # Pagefind counts nothing for us: the time so far
            done = index() if index is not None else build_search_index(Path(config.site_dir), plan=plan)
    except SearchIndexError as exc:
        if preview:
            log.warning(f"{exc}（预览中搜索不可用，不影响其他页面。）")
            return None
        raise PluginError(str(exc)) from None
    shards = (
        f"，分为 {done.shards} 个索引（每个至多 {max(len(g) for g in plan.groups)} 页）" if plan is not None and done.shards > 1 else ""
    )
    reused = ""
    if done.reused:  # core/outputs/search_cache.py: the case pages were those of a build before
        reused = (
            "，案例页与上次构建相同，沿用了上次的索引"
            if done.shards == 1
            else f"，其中 {done.reused} 个的案例页与上次构建相同，沿用了上次的索引"
        )
    log.info(f"搜索索引：{done.pages} 个案例页{shards}{reused}，用时 {done.seconds:.1f} 秒。")
    if done.pages != published:
        log.warning(
            f"搜索索引收录了 {done.pages} 个页面，但已发布案例有 {published} 个。"
            "请检查案例模板是否仍带有 data-pagefind-body 等搜索标记（见 showcase/partials/search-fields.html）。"
        )
    return done


def write_pairs(
    config: MkDocsConfig, plan: SearchPlan, case_ids: list[str], report: Reporter = silent, cache: SearchCache | None = None
) -> None:
    """After the index: the characters and character pairs of the indexed text, which the
    search page reads to tell a word no case has (``core/outputs/search_pairs.py``);
    ``cache``: the search index's, which keeps them with the bundles they were read from."""
    site_dir = Path(config.site_dir)
    bundles = [site_dir / plan.output_dir(number) for number in range(len(plan.groups))]
    urls = {"/" + case_url(case_id) for case_id in case_ids}
    try:
        done = build_pairs(site_dir, bundles, urls, pair_buckets(len(case_ids)), report=report, cache=cache)
    except (FragmentError, OSError) as exc:
        log.warning(
            f"无法读取 Pagefind 写出的索引内容（{exc}）。搜索照常可用，只是搜索页不能再告诉读者哪些词没有案例提到。"
            "请检查 Pagefind 的版本是否与本项目要求的一致（pyproject.toml）。"
        )
        return
    if done.kept:
        log.debug(f"search pairs: {done.files} files, {done.bytes} bytes, from the search cache, {done.seconds:.2f} s")
    else:
        log.debug(
            f"search pairs: {done.chars} characters, {done.pairs} pairs, {done.files} files, {done.bytes} bytes, {done.seconds:.2f} s"
        )
