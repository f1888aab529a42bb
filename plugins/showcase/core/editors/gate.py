"""The pull-request gate: what ``showcase check`` finds, which ``pr-summary`` reports too.

The cases' own problems, their folder names, and, when the whole site's cases are
checked, what is about the whole site: the published-URL ledger (``urls.lock``) and the
collections file (``collections.yml``). One function for both commands, so that a pull
request's summary never says 0 errors while its check fails.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Collection as Paths
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..cachefile import read_head
from ..case.model import Case
from ..case.source import ID_LINE, front_matter_of
from ..collection.curated import CuratedCollection, load_collections
from ..collection.history import Restorer
from ..collection.loading import Collection, check_collection, folder_name_warnings, folder_province_warnings, is_within
from ..collection.mkdocs_yml import SiteConfig
from ..collection.settings import Settings
from ..diagnostics import Diagnostic, DiagnosticList, Severity, first_few
from ..git import GitError
from ..outputs.ledger import Ledger, LedgerError, absent, check_ledger, not_a_file, public_plan, read_ledger
from ..outputs.search import MATERIAL_SEARCH, MATERIAL_SEARCH_ON
from ..progress import Reporter, silent
from ..site.citation import book_title
from ..site.index import case_id_of
from ..site.plan import SitePlan
from ..site.qr import permalink, too_long, too_long_warning
from ..site.sitefiles import read_site_files, screen_site_words
from .gitbase import ledger_removed, repo_root, resolve_base
from .guide import published_guide
from .schema import SCHEMA_FILES, build_schema, build_snippets, dumps, written


@dataclass
class CheckResult:
    """Everything ``showcase check`` reports: the diagnostics in its order, and the summary counts."""

    diagnostics: list[Diagnostic]
    counts: dict[str, int]  # the cases and their states (Collection.summary); errors and warnings: ``summary``
    repaired: list[str] = field(default_factory=list)  # the case cache's damaged entries (Collection.repaired)
    # the ledger's pages the site no longer has, each with the page it redirects to (urls.lock)
    fallbacks: dict[str, str] = field(default_factory=dict)
    cases: list[Case] = field(default_factory=list)  # the cases checked (``reused_ids`` compares them with a base)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def summary(self) -> dict[str, int]:
        """The counts, the errors and warnings counted from the diagnostics themselves: kept by
        hand beside them, a missed one would print 错误 0 处 with exit 1 (an architecture review)."""
        errors = len(self.errors)
        return {**self.counts, "errors": errors, "warnings": len(self.diagnostics) - errors}


def site_collections(
    site: SiteConfig, collection: Collection, settings: Settings | None = None
) -> tuple[list[CuratedCollection], list[Diagnostic]]:
    """collections.yml (专题) resolved against ``collection``, with its problems; none without the file."""
    path = site.options.path("collections", site.base)
    if path is None:
        return [], []
    return load_collections(path, collection.cases, settings)


def is_site_cases(given: str | Path | None, site: SiteConfig) -> bool:
    """Whether the path a command was given is the site's whole cases folder (or none was)."""
    return not given or Path(given).resolve() == site.cases_dir.resolve()


def ledger_path(site: SiteConfig, named: str | None = None) -> Path | None:
    """The ledger file: ``named`` (``--ledger``), else the site's ``ledger`` option, beside mkdocs.yml."""
    name = named or site.options.ledger
    return site.base / name if name else None


def site_plan(
    settings: Settings, site: SiteConfig, collection: Collection, texts: dict, curated: list[CuratedCollection], ledger: Ledger
) -> SitePlan:
    """The public site's plan as the ledger judges it, with the site's options (``showcase
    check`` and ``showcase urls``): its places as ``ledger`` records them, its search page
    and its guide as the build has them."""
    return public_plan(
        collection,
        settings.taxonomy,
        texts,
        site.options.per_page,
        curated,
        county_pages=site.options.county_pages,
        places=ledger.owners,
        search=site.options.search,
        guide=published_guide(site, texts),
    )


def recorded_ids(site: SiteConfig) -> dict[str, int] | LedgerError:
    """The case ids whose address the site's urls.lock records, with the line; none without
    one; why not, when it cannot be read (``plan_withdrawal`` says so before it calls a case
    never published: with the ledger unread it was told to delete a case it may record)."""
    path = ledger_path(site)
    try:
        urls = read_ledger(path).urls if path is not None else {}
    except LedgerError as exc:
        return exc
    return {case_id: line for url, line in urls.items() if (case_id := case_id_of(url))}


def in_repository(folder: Path) -> bool:
    """Whether ``folder`` is inside a Git repository (and git is there)."""
    try:
        repo_root(folder)
    except GitError:
        return False
    return True


def removed_since_base(result: CheckResult, site: SiteConfig, ref: str, ledger: Path | None, *, commit: str | None = None) -> list[str]:
    """An error for each address urls.lock had where this branch left ``ref`` and has no
    longer: lines deleted, or the whole file; ``commit``: ``ref`` already resolved (pr-summary's,
    which says the same addresses from the same commit: returned for it). An editor's trial: a deleted case and its line
    both gone passed the check and the build (only pr-summary said so); the next publishing
    run then recorded the site as it was, and the address was lost for good."""
    if ledger is None:
        return []
    try:
        repo = repo_root(site.base)
        removed = ledger_removed(ledger, commit or resolve_base(ref, repo), repo)
    except GitError as exc:  # an error among the others: the cases' problems are still printed (a review)
        result.diagnostics.append(
            Diagnostic(
                ledger,
                1,
                Severity.ERROR,
                "ledger-base",
                f"--base {ref}：无法从 Git 读出比较的基准（{exc}），没能检查网址清单有没有删掉已发布的网址。",
                "核对基准的名字（例如 origin/main）；在合并请求的自动检查里，取出代码时要带上历史（fetch-depth: 0）。",
            )
        )
        return []
    if not removed:
        return []
    addresses = list(removed)
    shown = first_few(addresses, 5)
    result.diagnostics.append(
        Diagnostic(
            ledger,
            _where_removed(ledger, min(removed.values())),
            Severity.ERROR,
            "ledger-lines-removed",
            f"网址清单 {ledger.name} 里删掉了已发布的网址 {shown}（{ref} 里还有）：删掉的网址不再检查，以后打不开也不会有人知道，发布时也不会再记回来。",
            f"网址清单只能增加，不能删减：用 git checkout {ref} -- {ledger.name} 恢复它，再运行 showcase urls --update 补上新发布的网址；"
            "不想再公开的案例请撤回（showcase withdraw），不要删掉它的网址。",
        )
    )
    return addresses


def reused_ids(result: CheckResult, site: SiteConfig, settings: Settings, ref: str) -> None:
    """A warning for each changed case, published or withdrawn, that has the id of a case
    published or withdrawn at ``ref`` while it is, by its title and its organization or its
    folder, another case: a new case given a deleted one's id, or two cases' ids swapped.
    The old address then showed the other case, with no word from the check or the build (a
    trial of published addresses; ``approve`` refuses such an id, a hand-edited status did not)."""
    from ..case.model import Status
    from .gitbase import case_files_at, changed_paths, load_base

    public = (Status.PUBLISHED, Status.WITHDRAWN)
    try:
        repo = repo_root(site.base)
        commit = resolve_base(ref, repo)
        root_rel = Path(os.path.relpath(site.cases_dir, repo)).as_posix()
        changed = changed_paths(commit, root_rel, repo)
    except (GitError, ValueError):
        return  # removed_since_base says a base it cannot read
    now = {Path(os.path.relpath(case.path, repo)).as_posix(): case for case in result.cases if case.id and case.status in public}
    now = {path: case for path, case in now.items() if path in changed}
    if not now:
        return
    ids = {case.id for case in now.values()}
    try:
        listing = case_files_at(commit, root_rel, repo)
        folders = {str(PurePosixPath(path).parent) for path in listing if path in now or PurePosixPath(path).parent.name in ids}
        before = load_base(commit, root_rel, repo, settings, folders, listing=listing)
    except GitError:
        return
    owners: dict[str, tuple[str, Case]] = {}
    for path, case in sorted(before.items()):
        if case.id in ids and case.status in public:
            owners.setdefault(case.id, (path, case))
    for path, case in sorted(now.items()):
        if case.id not in owners:
            continue
        then_path, then = owners[case.id]
        if _same_case(then, case, moved=then_path != path):
            continue
        diags = DiagnosticList(case.path)
        folder = PurePosixPath(then_path).parent.as_posix()
        # the original's folder back from the base; what that folder holds now moves out first
        # (restoring over it would throw the editor's work away: a review)
        restore = f"git checkout {commit[:10]} -- {folder}"
        back = (
            f"{folder} 里现在的内容（文字和照片）会被覆盖，先把它另存到一个新文件夹（换一个新编号，showcase new 会给出），再用 {restore} 恢复原来的案例"
            if (repo / folder).exists()
            else f"用 {restore} 恢复原来的案例"
        )
        diags.warning(
            case.line("id"),
            "ledger-reused",
            f"编号 {case.id} 发布过，那时是{book_title(then.title)}（{then.organization.name}），这个文件写的是{book_title(case.title)}"
            f"（{case.organization.name}）：合并后，原来的网址 /cases/{case.id}/ 会显示另一个案例，引用、收藏过它的人会被带到别处。",
            f"如果这是另一个案例，请给它换一个新编号（发布过的编号只属于原来那个案例）：{back}；要撤下原来的案例，恢复后运行 showcase withdraw。"
            "如果确实是同一个案例改写了标题和组织名称，可以不管这条提醒。",
        )
        result.diagnostics += diags.items


def _same_case(then: Case, now: Case, *, moved: bool) -> bool:
    """Whether ``now`` reads as ``then`` rewritten: its title much the same, or its organization
    and its folder kept (a title rewritten whole by its own organization)."""
    if difflib.SequenceMatcher(None, then.title, now.title).ratio() >= 0.5:
        return True
    return not moved and difflib.SequenceMatcher(None, then.organization.name, now.organization.name).ratio() >= 0.6


def _where_removed(ledger: Path, line: int) -> int:
    """Where the first address removed was (its line at the base), or the file's last line
    when the file is shorter now: an editor is sent where the lines went, not to line 1."""
    try:
        lines = ledger.read_bytes().count(b"\n") + 1
    except OSError:  # the whole file deleted
        return 1
    return max(1, min(line, lines))


def ledger_diagnostics(
    settings: Settings,
    site: SiteConfig,
    collection: Collection,
    texts: dict,
    *,
    whole_site: bool,
    ledger: Path | None,
    fallbacks: dict[str, str] | None = None,
) -> list[Diagnostic]:
    """The ledger's errors, and what it warns of (a term's key changed without its former key)
    as errors: the publishing build stops at both; none
    when there is no ledger. ``fallbacks`` is given the pages it records that the site no
    longer has, each with the page it redirects to.

    The ledger is about the whole site: it is checked only against the whole site's cases
    (``whole_site``); ``showcase check <folder>`` loads them all and keeps what concerns its folder.
    """
    if ledger is None or not whole_site:
        return []
    if not ledger.exists():
        problem = absent(ledger, collection.cases)
        if problem:  # the option is wrong, or the file deleted: as the build says, one line, exit 2
            raise LedgerError(problem)
        return []
    if not ledger.is_file():  # the option is wrong, as the build says: one line, exit 2
        raise not_a_file(ledger)
    try:
        recorded = read_ledger(ledger)
    except LedgerError as exc:
        diags = DiagnosticList(ledger)
        diags.error(1, "ledger-unreadable", str(exc), "网址清单应是 UTF-8 文本，一行一个网址路径。")
        return diags.items
    plan = site_plan(settings, site, collection, texts, site_collections(site, collection)[0], recorded)
    check = check_ledger(recorded, plan, collection.cases, Restorer(site.base))
    if fallbacks is not None:
        fallbacks.update(check.fallbacks)
    # What the publishing build (--strict) stops at, the check (the pull request's gate) fails
    # at: as a warning it passed a pull request whose merge then published nothing (a trial
    # of published addresses). `showcase urls` and `mkdocs serve` say it as a warning.
    return check.errors + [dataclasses.replace(d, severity=Severity.ERROR) for d in check.warnings]


def redirects_made(
    settings: Settings,
    site: SiteConfig,
    collection: Collection,
    fallbacks: dict[str, str],
    was: dict[Path, Case | None],
    ledger: Path | None,
) -> list[tuple[str, str]]:
    """Of ``fallbacks`` (``CheckResult.fallbacks``: the pages urls.lock records that
    ``collection`` no longer has), those the site had with the cases ``was`` names as they
    were (None: not there then), each with the page it redirects to: a county's page gone
    with its last case (a withdrawal, a case moved to another county). ``showcase urls``
    listed them; a pull request's summary did not (an editors' trial)."""
    if not fallbacks or ledger is None or not ledger.is_file():
        return []
    try:
        recorded = read_ledger(ledger)
    except LedgerError:
        return []
    gone = {path.resolve() for path in was}
    cases = [case for case in collection.cases if case.path.resolve() not in gone] + [case for case in was.values() if case is not None]
    before = Collection(collection.root, cases, [])
    texts = read_site_files(site.options, site.base, site.site_url, site=site.read_from_file, config_file=site.config_file).texts
    plan = site_plan(settings, site, before, texts, site_collections(site, before)[0], recorded)
    then = check_ledger(recorded, plan, cases).fallbacks
    return sorted((url, target) for url, target in fallbacks.items() if url not in then)


def check_results(settings: Settings, site: SiteConfig, collection: Collection, *, whole_site: bool, ledger: Path | None) -> CheckResult:
    """What ``showcase check`` finds in ``collection``: the cases' problems, folder names,
    and for the whole site's cases the ledger (urls.lock) and the collections (collections.yml)."""
    # what stops a build before its cases (texts, footer, related terms, the guide file, the
    # site's address) the check says first, in one line naming the file (a maintainer's
    # trial and an audit: the check passed, then the build stopped)
    files = read_site_files(site.options, site.base, site.site_url, site=site.read_from_file, config_file=site.config_file)
    texts = files.texts
    site_words = screen_site_words(site.options, site.base, settings, files)  # its reminders: said with the others
    diagnostics, summary = list(collection.diagnostics), collection.summary()
    # only here: the folder does not matter to the site
    folders = folder_name_warnings(collection.cases) + folder_province_warnings(
        collection.root, collection.cases, settings.taxonomy.provinces
    )
    diagnostics = sorted(diagnostics + folders, key=Diagnostic.sort_key)
    fallbacks: dict[str, str] = {}
    recorded = ledger_diagnostics(settings, site, collection, texts, whole_site=whole_site, ledger=ledger, fallbacks=fallbacks)  # urls.lock
    errors = list(recorded)  # a term renamed without its former key too: the publishing build stops there
    if whole_site:  # collections.yml (专题) names cases of the whole site
        curated = sorted(site_collections(site, collection, settings)[1], key=Diagnostic.sort_key)  # by line (were 13, 6, 22, …)
        errors += [d for d in curated if d.is_error]
        diagnostics += [d for d in curated if not d.is_error]
    diagnostics += errors
    site_warnings = (
        site_words
        + site_setting_warnings(site)
        + site_url_warnings(site, collection)
        + (stray_cases(site) + schema_warnings(site, settings) if whole_site else [])
    )
    diagnostics += site_warnings
    return CheckResult(diagnostics, summary, collection.repaired, fallbacks, list(collection.cases))


_NOT_CASES = {"site", "node_modules", "plugins", "tests", "scripts", "site_overrides", "__pycache__"}


def stray_cases(site: SiteConfig) -> list[Diagnostic]:
    """Case folders in the project but outside its cases folder (an editor's trial dropped
    gz-haizhu-2024-006/ beside mkdocs.yml: the check counted one case fewer, and said
    nothing): the project's folders one and two levels down (a case, or a province's folder
    of them), not the cases folder, the built site, the code or hidden folders."""
    if site.config_file is None or not site.read_from_file:
        return []
    base, found = site.base, []
    for level in ("*/index.md", "*/*/index.md"):
        for index in sorted(base.glob(level)):
            parts = index.relative_to(base).parts
            if parts[0] in _NOT_CASES or any(part.startswith(".") for part in parts) or is_within(index, [site.cases_dir]):
                continue
            # its front matter as the commands read a case's (approve.front_matters): a regular
            # file only (a pipe named index.md held the check for good), its id and state written
            front = front_matter_of(read_head(index, 1 << 16) or b"", index)
            if (match := ID_LINE.search(front)) is not None and re.search(r"^status:", front, re.M):
                named = re.search(r"^\s+province:[ \t]*['\"]?([^\s'\"#]+)", front, re.M)  # its front matter's province
                province = named[1] if named else "省份"
                diags = DiagnosticList(index)
                folder = index.parent.relative_to(base).as_posix()
                cases = site.cases_dir.relative_to(base).as_posix() if is_within(site.cases_dir, [base]) else str(site.cases_dir)
                diags.warning(
                    1,
                    "case-outside",
                    f"文件夹 {folder} 像是一个案例（编号 {match[1]}），但它不在网站的案例文件夹 {cases} 里：检查和网站都读不到它，不会发布。",
                    f"把它移到 {cases} 里它的省份文件夹下（git mv {folder} {cases}/{province}/）；不是案例的，删掉或移出网站项目的文件夹。",
                )
                found += diags.items
    return found


def site_setting_warnings(site: SiteConfig) -> list[Diagnostic]:
    """What the build warns of in mkdocs.yml itself, which a ``--strict`` build (make site,
    CI) stops at: the check said 警告 0 处 and the build failed (a reading of the messages)."""
    if site.config_file is None or not site.options.search:
        return []
    named = [line for name, line in site.plugins.items() if name in MATERIAL_SEARCH]
    if not named:
        return []
    diags = DiagnosticList(site.config_file)
    diags.warning(named[0], "site-search", MATERIAL_SEARCH_ON)
    return diags.items


def schema_warnings(site: SiteConfig, settings: Settings) -> list[Diagnostic]:
    """VS Code's schema and snippets of the project, written from an earlier taxonomy: the pull
    request's workflow stops at them (showcase schema --check), and the check said nothing
    when the site's taxonomy file was changed (a maintainer's trial)."""
    if site.config_file is None:
        return []
    made = {
        SCHEMA_FILES[0]: lambda: dumps(build_schema(settings.taxonomy)),
        SCHEMA_FILES[1]: lambda: dumps(build_snippets(settings.taxonomy)),
    }
    stale = [name for name, make in made.items() if (site.base / name).is_file() and written(site.base / name) != make()]
    if not stale:
        return []
    diags = DiagnosticList(site.base / stale[0])
    diags.warning(
        1,
        "site-schema",
        f"VS Code 用的 {'、'.join(stale)} 不是按现在的分类文件生成的（分类改过以后没有重新生成），合并请求的自动检查会停在这一步。",
        f"运行 showcase schema -o {SCHEMA_FILES[0]} --snippets {SCHEMA_FILES[1]}，把这两个文件和分类文件一起提交。",
    )
    return diags.items


def site_url_warnings(site: SiteConfig, collection: Collection) -> list[Diagnostic]:
    """The build's warning that ``site_url`` is too long for the QR codes of the published
    cases' permalinks, in the same words (core/site/qr.py): an editor's check before
    publishing said nothing, and the pages went out without their codes."""
    if site.config_file is None or not site.site_url:
        return []
    permalinks = [permalink(site.site_url, case) for case in collection.cases if case.is_published]
    long = too_long(permalinks)
    if not long:
        return []
    diags = DiagnosticList(site.config_file)
    diags.warning(site.site_url_line or 1, "site-url-qr", too_long_warning(long))
    return diags.items


# Not tied to a case's folder, and a pull request fails on them all the same.
SITE_WIDE = ("ledger-missing", "ledger-unreadable")


def check_within(
    settings: Settings,
    site: SiteConfig,
    root: Path,
    within: Sequence[Path],
    *,
    files: Paths[Path] = frozenset(),
    whole_site: bool = True,
    ledger: Path | None = None,
    jobs: int | None = None,
    report: Reporter = silent,
) -> CheckResult:
    """Some cases of the collection at ``root`` (``within``: folders or files below it), for
    ``showcase check <folder>`` and the pre-commit hook's ``check-files``: their own problems,
    those they have with the rest of the site (the same id as another case, a published case
    set back to draft), every published address that would break, and the problems of
    ``files`` (resolved; collections.yml). Every case is loaded; only those ``within`` open
    their photos. Editors' trials: a copied case, and a published case set back to draft,
    passed both commands with 错误 0 处 while the pull request failed."""
    everything = check_collection(root, settings, jobs=jobs, within=within, report=report)
    whole = check_results(settings, site, everything, whole_site=whole_site, ledger=ledger)
    kept = [d for d in whole.diagnostics if d.code in SITE_WIDE or d.path.resolve() in files or is_within(d.path, within)]
    cases = [c for c in everything.cases if is_within(c.path, within)]
    return CheckResult(kept, Collection(root, cases, kept).summary(), everything.repaired, cases=cases)
