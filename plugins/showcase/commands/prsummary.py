"""``showcase pr-summary --base REF``: what a pull request does to the cases, as Markdown.

Prints a comment-ready summary (cases added, changed, removed; state changes with
their reviewer; warnings for the approver) to standard output. The workflow in
``.github/workflows/cases.yml`` appends it to the job summary.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.case.model import Case
from ..core.collection.curated import parse_collections, read_collections
from ..core.collection.loading import Collection, load_collection, summary_line
from ..core.collection.mkdocs_yml import SiteConfig, site_url_of
from ..core.collection.settings import Settings
from ..core.editors.changes import collection_changes, compare, head_cases, note_copies, site_url_change
from ..core.editors.gate import CheckResult, ledger_path, redirects_made, removed_since_base
from ..core.editors.gitbase import (
    base_settings,
    branch_statuses,
    changed_paths,
    file_at,
    kept_pictures,
    ledger_removed,
    load_base,
    outside_cases,
    repo_root,
    resolve_base,
    touched_folders,
    unchanged_files,
)
from ..core.editors.prreport import as_markdown, for_terminal
from ..core.errors import ShowcaseError, UsageError
from ..core.git import GitError
from ..core.options import DEFAULTS
from . import CASES_HELP, DEFAULT_CONFIG, EXIT_OK, cases_root, load_settings
from .check import check_results


def cmd_pr_summary(args: argparse.Namespace) -> int:
    settings, site = load_settings(args)
    root = cases_root(args.path, site).resolve()
    try:
        repo = repo_root(root if root.is_dir() else Path.cwd())
    except GitError as exc:
        raise UsageError(f"这里不是 Git 仓库（{exc}）。") from None
    try:
        base = resolve_base(args.base, repo, merge_base=not args.no_merge_base)
    except GitError:
        raise UsageError(
            f"找不到要比较的基准 {args.base}。请检查分支名是否写对（git branch -a 列出全部分支，例如 origin/main）；"
            "在 GitHub Actions 里，还要用 actions/checkout 的 fetch-depth: 0 取得完整历史。"
        ) from None
    root_rel = Path(root).relative_to(repo).as_posix() if root.is_relative_to(repo) else "cases"
    try:
        touched = changed_paths(base, root_rel, repo)
        folders = touched_folders(touched)  # only cases with a changed file can appear
        # the base's cases and pages as the base's taxonomy made them (a series it retires)
        then = base_settings(base, repo, settings, site.options.path("taxonomy", site.base))
        before = load_base(base, root_rel, repo, then, folders)
    except GitError as exc:
        raise UsageError(f"读取 {args.base} 时出错：{exc}") from None
    collection = load_collection(root, settings) if root.is_dir() else None
    after = head_cases(collection.cases, repo, folders) if collection else {}
    changes = compare(
        before,
        after,
        touched,
        history=lambda path: branch_statuses(base, path, repo, settings),
        same_files=unchanged_files(base, repo),
        head_ids={c.id for c in collection.cases if c.id} if collection else None,
        same_picture=kept_pictures(base, repo),
    )
    note_copies(changes, collection.cases if collection else [])
    # The check is showcase check's own: the cases, and for the site's cases urls.lock and collections.yml.
    result = check_results(args, settings, site, collection) if collection else None
    # the check's results count what urls.lock lost as `showcase check --base` does (an editor's
    # week: 错误 0 here, 1 there), against the commit the notes name it from: one reading of it
    ledger = ledger_path(site)
    removed = (
        removed_since_base(result, site, args.base, ledger, commit=base) if result is not None else list(ledger_removed(ledger, base, repo))
    )
    summary = summary_line(result.summary) if result else ""
    errors = result.errors if result else []
    warnings = [d for d in result.diagnostics if not d.is_error] if result else []
    current = {former: case.id for case in (collection.cases if collection else []) if case.id for former in case.aliases}
    curated = _collections(site, base, repo, current)
    ledger_file = _repo_name(ledger, DEFAULTS.ledger, repo)
    collections_file = _repo_name(site.options.path("collections", site.base), DEFAULTS.collections, repo)
    outside, outside_notes = outside_cases(
        base, root_rel, repo, _repo_name(site.config_file, DEFAULT_CONFIG, repo), known=(ledger_file, collections_file)
    )
    text = as_markdown(
        changes,
        summary,
        base_label=f"{args.base} ({base[:10]})",
        errors=errors,
        warnings=warnings,
        cwd=repo,
        collections=curated,
        ledger_removed=removed,
        ledger_file=ledger_file,
        collections_file=collections_file,
        site_notes=_site_url_changed(site, base, repo) + outside_notes,
        redirects=_redirects(then, site, collection, result, before, after, repo, ledger),
        outside=outside,
    )
    sys.stdout.write(for_terminal(text) if sys.stdout.isatty() else text)
    return EXIT_OK


def _redirects(
    settings: Settings,
    site: SiteConfig,
    collection: Collection | None,
    result: CheckResult | None,
    before: dict[str, Case],
    after: dict[str, Case],
    repo: Path,
    ledger: Path | None,
) -> list[tuple[str, str]]:
    """The published pages the pull request takes away, each with where readers are sent:
    the cases it touched as they were at the base (one it adds was not there)."""
    if collection is None or result is None or not result.fallbacks:
        return []
    was: dict[Path, Case | None] = {repo / path: before.get(path) for path in {*before, *after}}
    return redirects_made(settings, site, collection, result.fallbacks, was, ledger)


def _at_base(path: Path | None, base: str, repo: Path) -> bytes | None:
    """The site file ``path`` as it was at ``base`` (None: no such file then, or not in the repository)."""
    return file_at(path, base, repo)


def _collections(site: SiteConfig, base: str, repo: Path, current: dict[str, str]) -> list[tuple[str, str, str, bool]]:
    """collections.yml at the base and now, compared (a file not read is no change to say)."""
    path = site.options.path("collections", site.base)
    if path is None or not path.resolve().is_relative_to(repo):
        return []
    written = _at_base(path, base, repo)
    try:
        old = parse_collections(written.decode("utf-8-sig"), path).entries if written is not None else []
        new = read_collections(path).entries
    except (ShowcaseError, UnicodeDecodeError):  # unreadable: the check says so
        return []
    return collection_changes(old, new, current)


def _repo_name(path: Path | None, default: str, repo: Path) -> str:
    """A site file as the summary names it: its path in the repository (the options ``ledger``
    and ``collections`` may name other files than urls.lock and collections.yml, which the
    summary told the reviewer to restore, or titled the 专题 table with)."""
    if path is None:
        return default
    try:
        return path.resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        return path.name


def _site_url_changed(site: SiteConfig, base: str, repo: Path) -> list[str]:
    """A note when mkdocs.yml's site_url is not what it was at the base (an editor's trial: a
    new address went through with "本次没有改动案例", and every QR code and citation handed out
    kept the old one)."""
    written = _at_base(site.config_file, base, repo)

    def then(path: Path) -> str | None:  # a file mkdocs.yml inherits, as it was at the base
        found = _at_base(path, base, repo)
        return found.decode("utf-8-sig") if found is not None else None

    try:
        before = site_url_of(written.decode("utf-8-sig"), site.config_file, then) if written is not None else ""
    except (ShowcaseError, UnicodeDecodeError):  # unreadable then: nothing to compare
        return []
    return site_url_change(before, site.site_url)  # both read as MkDocs reads an !ENV one


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pr = sub.add_parser("pr-summary", help="合并请求的案例变更摘要（Markdown）：新增、修改、状态变化和审核单位")
    pr.add_argument("path", nargs="?", help=CASES_HELP)
    pr.add_argument("--base", required=True, help="比较的基准，例如 origin/main 或合并请求的 base.sha")
    pr.add_argument("--no-merge-base", action="store_true", help="直接与基准比较，不取分叉点（merge-base）")
    pr.set_defaults(func=cmd_pr_summary)
