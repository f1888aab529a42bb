"""The published-URL ledger (``urls.lock``): every URL the site has ever published.

Propaganda departments cite case pages in reports and articles, so a published URL
must never silently disappear. The ledger is a text file committed with the project:
one URL path a line (``/cases/<id>/``), sorted, ``#`` lines are comments. It only
grows: ``showcase urls --update`` adds the URLs the site publishes now; removing one
is a deliberate, reviewed edit of the file.

What goes into it (see ``LEDGER_KINDS``):

- case pages: every published case, every withdrawn case (its tombstone) and every
  alias of either (a redirect page);
- the site's own pages: home, about, search, the editors' guide, the section pages and the first page of every
  listing (theme, category, series, province, city, county with ``county_pages``, year), the curated collections
  (``/collections/`` and ``/collections/<key>/``; one removed redirects to the first).

A city's or a county's page has its place's name after its URL (``/regions/zhejiang/shaoxing/shengzhou/ 嵊州市``):
of two names that read alike (嵊州市, a slip 胜州市) the one recorded keeps the address
(``SiteIndex``'s ``places``), whichever is published or withdrawn later.

Left out: pagination pages (``.../page/N/``: their content shifts as cases are added),
embed pages (``/cases/<id>/embed/`` exists for every case URL, so it follows its case),
feeds and the catalog (always generated), editor previews.

Checking: a ledger URL the plan no longer serves is
- a *case* URL (``/cases/...``): an error, because only an editor can decide between
  an alias (the case was renamed) and a tombstone (``status: withdrawn``);
- any other URL (a listing whose last case went away, a theme removed from the
  taxonomy): kept alive as a redirect to the nearest page above it that still exists.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..cachefile import read_text_regular
from ..case import invisible
from ..case.fields import field as case_field
from ..case.model import Case, Status
from ..case.source import editor_lines
from ..case.yamlnodes import shorten
from ..collection.curated import CuratedCollection
from ..collection.loading import Collection
from ..collection.portable import NAME_BYTES  # a URL's segment is a folder's name in the site
from ..collection.taxonomy import Taxonomy
from ..diagnostics import Diagnostic, DiagnosticList, describe_os_error
from ..errors import ConfigError
from ..git import git_text
from ..options import DEFAULTS
from ..site.index import CASES, PER_PAGE, SiteIndex, case_id_of, is_place_url, key_base, owns_key, split_place_url
from ..site.plan import PageKind, PageSpec, SitePlan, outside_site, plan_site
from .offsite import SITEMAP_KINDS, embed_pages

LEDGER_FILE = DEFAULTS.ledger
# The longest place name a page's line may carry: a city's or a county's, as the field table bounds them.
PLACE_NAME_CHARS = max(case_field("region", "city").hi, case_field("region", "county").hi)
HEADER = (
    "# 已发布网址清单：本站发布过的网址，一行一个。构建时逐个检查，任何一个打不开（案例被删除或改了编号）都会中止构建。"
    "运行 showcase urls --update 追加新发布的网址，并随案例一起提交；不要删除其中的行，也不要改城市、区县页网址后面记的地名。"
)
# Page kinds whose URLs are recorded (for listings only the first page): those in the
# sitemap, the addresses kept for cases withdrawn or renamed, and the search page and the
# editors' guide, which are out of the sitemap but linked from elsewhere (bookmarks, a
# district's notice on how to send a case): a site that turns its guide off keeps /guide/
# as a redirect to the home page.
LEDGER_KINDS = SITEMAP_KINDS | {PageKind.TOMBSTONE, PageKind.ALIAS, PageKind.SEARCH, PageKind.GUIDE}
# Page kinds that make a URL resolve on the public site.
PUBLIC_KINDS = LEDGER_KINDS | {PageKind.EMBED, PageKind.FALLBACK}
# A recorded URL that would stop resolving (the other ledger errors are lines of the file).
LOSING_CODES = frozenset({"ledger-missing", "ledger-unpublished"})
CONFLICT_CODE = "ledger-conflict"
RENAMED_CODE = "ledger-renamed"  # a warning: a term's key changed without its former one (renamed_terms)
# Git's conflict markers at a line's start: <<<<<<< ours, ||||||| base (diff3), =======, >>>>>>> theirs
_CONFLICT_MARK = re.compile(r"^(?:<{7}|\|{7}|={7}|>{7})(?:\s|$)")


class LedgerError(ConfigError):
    """The ledger file cannot be read at all (permissions, encoding)."""


@dataclass
class Ledger:
    path: Path
    urls: dict[str, int] = field(default_factory=dict)  # site-relative URL ("" = home) -> line
    places: dict[str, str] = field(default_factory=dict)  # a city's or county's page -> the place it showed
    # a theme's, category's, series' or collection's page recorded as removed (RETIRED after it,
    # written by --update): no more the "renamed?" of every new one of its kind (renamed_terms)
    retired: set[str] = field(default_factory=set)
    diagnostics: list[Diagnostic] = field(default_factory=list)  # malformed lines

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    @property
    def owners(self) -> dict[str, str]:
        """Each city's and county's page it records -> the place whose key it is (``places``),
        "" for a page recorded before names were (an earlier version's urls.lock): its city keeps
        the key the rule of that version gave (``city_keys_of``) until ``--update`` names it."""
        return {url: "" for url in self.urls if is_place_url(url)} | self.places


@dataclass
class LedgerCheck:
    """What the ledger says about a site plan."""

    errors: list[Diagnostic] = field(default_factory=list)
    fallbacks: dict[str, str] = field(default_factory=dict)  # vanished non-case URL -> URL it redirects to
    new: list[str] = field(default_factory=list)  # URLs the site publishes that the ledger lacks
    warnings: list[Diagnostic] = field(default_factory=list)  # a term renamed, a place moved to -2 (renamed_terms, moved_places)
    # Not one recorded case URL resolves: most likely cases/ was replaced by another
    # collection and urls.lock still lists the old one's URLs.
    foreign: bool = False
    lost: int = 0  # of a foreign ledger: the recorded case URLs, said in one error

    @property
    def ok(self) -> bool:
        return not self.errors


def to_path(url: str) -> str:
    """Site-relative URL (``cases/x/``, home ``""``) -> ledger line (``/cases/x/``)."""
    return "/" + url


def missing(path: Path) -> str:
    """What the build and ``showcase urls`` say of a ledger not there: a new site's, or a
    path written wrong (they said it in two wordings, only the build's naming the option)."""
    return (
        f"网址清单 {path} 还不存在：这次没有检查已发布的网址会不会失效。"
        "网站第一次发布后，运行 showcase urls --update 生成它并提交；已经有的，请核对 mkdocs.yml 里的 ledger 路径。"
    )


def not_a_file(path: Path) -> LedgerError:
    return LedgerError(
        f"{path}: 网址清单不是一个文件（可能是文件夹）。请改正 mkdocs.yml 里 showcase 插件的 ledger，写网址清单文件的路径（默认 urls.lock）。"
    )


# A ledger is some 40 bytes a published address: 50,000 cases' is a few MB. A file named like
# one and larger than this is something else, not read to find out.
MAX_NEAR_BYTES = 32 * 1024 * 1024


def misnamed(path: Path, cases: Iterable[Case]) -> str | None:
    """What to say when the ledger named is not there but a file named nearly so beside it
    records this site's cases (``ledger: url.lock`` beside urls.lock): read as a new site's,
    the check of published URLs was off with an INFO line, and a case deleted outright was
    published away with exit 0 from the check and the build (a deployer's trial). A near name
    that records other cases (a second site's urls-en.lock beside the first's urls.lock, a
    backup) is another ledger, and says nothing."""
    folder = path.parent
    if path.exists() or not folder.is_dir():
        return None
    try:
        names = {entry.name.lower(): entry.name for entry in folder.iterdir() if entry.is_file()}
    except OSError:
        return None
    ours = {case.id for case in cases if case.id}
    for close in difflib.get_close_matches(path.name.lower(), list(names), n=3, cutoff=0.8):
        near = folder / names[close]
        try:
            if near.stat().st_size > MAX_NEAR_BYTES:  # no ledger (a hostile trial: 135 MB read, 2 GB and 10 s)
                continue
            recorded = {case_id_of(url) for url in read_ledger(near).urls} - {None}
        except (LedgerError, OSError):
            continue
        shared = len(recorded & ours)
        if shared and 2 * shared >= min(len(recorded), len(ours)):
            return (
                f"网址清单 {path} 不存在，同一文件夹里的 {near.name} 却记着本站 {shared} 个案例的网址，像是本站的网址清单。"
                f"如果是，请把网站设置里的 ledger（或命令的 --ledger）改成 {near.name}，或把文件改名为 {path.name}："
                "不然不会检查已发布的网址，删掉或改了编号的案例会悄悄从网站上消失。"
            )
    return None


def gone(path: Path, cases: Iterable[Case]) -> str | None:
    """What to say when the ledger is not there but Git's history has it, recording cases of
    this site: deleted (to clear a merge conflict, or as a generated file), the check of
    published URLs was off with an INFO line, and the publishing run wrote a new one from the
    site as it is, every address of a case deleted meanwhile lost for good (an editor's trial).
    None outside a repository, for a file Git never had, and for one that recorded none of
    these cases: a new site made from the sample (README: git rm -r cases/ urls.lock), whose
    build a review found stopped and told to restore the sample's ledger."""
    folder = path.parent
    if not folder.is_dir():
        return None

    def git(*args: str) -> str | None:
        return git_text(folder, *args)

    last = git("log", "-1", "--format=%h", "--", path.name)
    if not last:
        return None
    kept = git("cat-file", "-e", f"HEAD:./{path.name}") is not None  # deleted here, not yet committed
    source = "HEAD" if kept else f"{last}~1"  # not ^: an escape in Windows' cmd.exe
    written = git("show", f"{source}:./{path.name}")
    if written is None:  # a shallow clone without the commit before: whose it was is not known
        return None
    try:
        recorded = {case_id_of(url) for url in parse_ledger(written, path).urls} - {None}
    except LedgerError:
        return None
    if not recorded & {case.id for case in cases if case.id}:
        return None  # another site's (the sample's): this one is new
    return (
        f"网址清单 {path} 不见了，但 Git 的记录里有它（最近一次改动它的提交是 {last}）。没有它就不会检查已发布的网址："
        "删掉或改了编号的案例会悄悄从网站上消失，发布时还会按现在的网站重新生成它，以前发布过的网址就再也找不回来。"
        f"请恢复它：git checkout {source} -- {path.name}（在 {folder} 里运行；在有完整历史的仓库里，例如编辑自己电脑上的），再提交。"
        "它不是可以随手删掉的生成文件。"
    )


def absent(path: Path, cases: Iterable[Case]) -> str | None:
    """What to say of a ledger not there, when it is not a new site's: the path written wrong
    (``misnamed``) or the file deleted (``gone``). The check, the build and ``showcase urls``
    each stop on it."""
    return misnamed(path, cases) or gone(path, cases)


def read_ledger(path: Path) -> Ledger:
    """Read ``path``; a missing file is an empty ledger (``exists`` is False; see ``misnamed``),
    a folder or a pipe there an error (it read as a missing one: the check of published URLs off)."""
    if not Path(path).exists():
        return Ledger(Path(path))
    if not Path(path).is_file():
        raise not_a_file(Path(path))
    try:
        text = read_text_regular(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"{path}: 无法读取网址清单（{describe_os_error(exc)}）。请确认它是 UTF-8 文本文件。") from None
    return parse_ledger(text, path)


def recorded_places(path: Path | None) -> dict[str, str]:
    """The places urls.lock at ``path`` records (``Ledger.places``), for a tool that keys a
    city's or county's pages as the site does (``showcase stats``, ``booklet``); none when
    there is no ledger or it cannot be read (``showcase check`` and the build say why)."""
    try:
        return read_ledger(path).owners if path is not None else {}
    except LedgerError:
        return {}


def parse_ledger(text: str, path: Path) -> Ledger:
    """The ledger written in ``text`` (``path``: where it is, for its diagnostics; also an
    earlier version of it, ``pr-summary``)."""
    ledger = Ledger(Path(path))
    diags = DiagnosticList(ledger.path)
    in_conflict = False
    for number, raw in enumerate(editor_lines(text), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if _CONFLICT_MARK.match(line):
            # Two branches that each added URLs, merged without the union driver (a web
            # merge button, a host that ignores .gitattributes): both sides' lines are URLs
            # to keep. It read as three lines "not a URL path" and "3 published URLs will
            # break", with advice on aliases and withdrawing (an editor's trial).
            if line.startswith("<") or not in_conflict:
                diags.error(
                    number,
                    CONFLICT_CODE,
                    f"这里是 Git 合并冲突留下的标记：{_shown(line)}。两个合并请求都往 {ledger.path.name} 里加了网址，Git 没能自动合并。",
                    "两边的网址都要保留：运行 showcase urls --update，它留下两边的网址、去掉这些标记，再提交；"
                    "或者手工只删掉以 <<<<<<<、|||||||、=======、>>>>>>> 开头的那几行。不要删掉任何一边的网址行。",
                )
            in_conflict = not line.startswith(">")
            continue
        url, *place = line.split(maxsplit=1)  # a place's page: its name after a space (render_ledger)
        # only a place's page has words after it, and they are a name: two addresses run
        # into one line (/cases/a/ /cases/b/) or a note after one read as one address, the
        # other dropped by --update
        retired = bool(place) and place[0].split()[0] == RETIRED and _term_page(url[1:])  # a note may follow, as after a name
        named_wrongly = (
            bool(place) and not retired and (not is_place_url(url[1:]) or any(word.startswith("/") for word in place[0].split()))
        )
        if (
            not url.startswith("/")
            or any(ch.isspace() for ch in url)
            or "//" in url
            or not url.endswith("/")
            or outside_site(url)
            or named_wrongly
        ):
            diags.error(
                number,
                "ledger-line",
                f"网址清单这一行不是站内网址路径：{_shown(line)}",
                "每行写一个以 / 开头、以 / 结尾的网址路径，例如 /cases/gz-yuexiu-2023-001/，不能有 . 或 .. 这样的一段，也不能有反斜杠；"
                "城市、区县页的网址后面可以空一格跟着地名，删掉了的分类、专题页后面跟着“已删除”（都是 showcase urls --update 写的，不要改）；说明文字请以 # 开头。"
                f"改乱了的话，可以用 git checkout -- {ledger.path.name} 恢复成上次提交的样子，再运行 showcase urls --update。",
            )
            continue
        if any(len(part.encode("utf-8")) > NAME_BYTES for part in url.split("/")):
            # a redirect page is written at a URL the site no longer serves: a longer segment
            # stopped the build with OSError (File name too long) after the site folder was emptied
            diags.error(
                number,
                "ledger-line",
                f"网址清单这一行有一段太长（超过 {NAME_BYTES} 个字节），不是本站发布过的网址，也无法写成网站文件夹里的文件夹名：{_shown(line)}",
                "本站的网址每段都很短（例如 /cases/gz-yuexiu-2023-001/）。这一行多半是误粘贴进来的，请删掉它；说明文字请以 # 开头。",
            )
            continue
        name = place[0].split()[0] if place and not retired else ""  # a note after the name is not part of it
        hidden = invisible.find(name)
        if hidden is not None or len(name) > PLACE_NAME_CHARS:
            # a name is printed in messages (ledger-place): an escape sequence there coloured the
            # terminal, a megabyte of name was printed whole (hostile input)
            why = (
                f"有看不见的字符 {invisible.describe(hidden[1])}" if hidden else f"有 {len(name)} 个字（地名最多 {PLACE_NAME_CHARS} 个字）"
            )
            diags.error(
                number,
                "ledger-line",
                f"网址清单这一行网址 {_shown(url)} 后面记的地名{why}，不是 showcase urls --update 写的。",
                f"用 git checkout -- {ledger.path.name} 恢复成上次提交的样子，再运行 showcase urls --update。",
            )
            continue
        ledger.urls.setdefault(url[1:], number)
        if retired:
            ledger.retired.add(url[1:])
        elif name and is_place_url(url[1:]):
            ledger.places.setdefault(url[1:], name)
    ledger.diagnostics = diags.items
    return ledger


def _shown(line: str) -> str:
    """A line of the file as a message quotes it (``shorten``: at most 80 characters, none that
    is not shown as itself: an escape sequence in urls.lock coloured the editor's terminal)."""
    return shorten(line, 80)


def ledger_urls(plan: SitePlan) -> set[str]:
    """The URLs of ``plan`` that belong in the ledger."""
    return {spec.url for spec in plan.pages if spec.kind in LEDGER_KINDS and not (spec.kind is PageKind.LISTING and spec.number != 1)}


def public_urls(plan: SitePlan) -> set[str]:
    return {spec.url for spec in plan.pages if spec.kind in PUBLIC_KINDS}


def _nearest(url: str, served: set[str]) -> str:
    parts = url.strip("/").split("/")
    while parts:
        parts.pop()
        candidate = "/".join(parts) + "/" if parts else ""
        if candidate in served:
            return candidate
    return ""


def _case_id(url: str) -> str:
    return case_id_of(url) or ""


RESTORE_LATER = "git checkout main -- 案例文件夹"  # said where Git's history was not looked up
MAX_RESTORES = 20  # cases whose way back is looked up in Git's history, in one check


def _missing_hint(case_id: str, restore: str | None) -> str:
    return (
        f"如果是改了编号：在新编号案例的 aliases 里写上 {case_id}，旧网址会自动跳转。"
        f"如果是删掉了文件夹：先用 git 恢复它（{restore or RESTORE_LATER}），"
        f"要撤下就再运行 showcase withdraw {case_id} --reviewer 单位 --reason 原因，旧网址会显示“已撤回”"
        "（改过编号的案例，新旧编号的网址各报一次，恢复文件夹后一起解决）。"
    )


def _url_at(ledger: Ledger, line: int) -> str:
    return next((url for url, at in ledger.urls.items() if at == line), "")


def check_ledger(ledger: Ledger, plan: SitePlan, cases: list[Case], restore: Callable[[str], str | None] | None = None) -> LedgerCheck:
    """Compare the ledger with what ``plan`` serves publicly (never the editor's preview).

    ``cases`` is the whole collection, to say *why* a case URL vanished: a case that
    went back to draft or review is named by its file and ``status`` line; one whose id
    is nowhere (deleted or renamed without an alias) by the ledger line, and ``restore``
    gives the command that brings its folder back (a ``Restorer``; none: a comparison only).
    """
    result = LedgerCheck(errors=list(ledger.diagnostics))
    served = public_urls(plan)
    by_id: dict[str, Case] = {c.id: c for c in cases if c.id}
    for renamed in cases:  # a former id finds its case too: one with errors is not "deleted or renamed"
        for alias in renamed.aliases:
            by_id.setdefault(alias, renamed)
    for mistyped in (c for c in cases if not c.ok):  # ｃｄ-pidu-2021-003 retyped full width: bad-id says it, not "deleted"
        for key in (unicodedata.normalize("NFKC", mistyped.id or "").lower(), mistyped.path.parent.name):
            by_id.setdefault(key, mistyped)
    unpublished: set[str] = set()  # cases already told, once for all their addresses
    diags = DiagnosticList(ledger.path)
    for url, line in sorted(ledger.urls.items(), key=lambda item: item[1]):
        if url in served:
            continue
        if not url.startswith(CASES):
            result.fallbacks[url] = _nearest(url, served)  # a collection's former key has its own page (plan.py)
            continue
        case_id = _case_id(url)
        case = by_id.get(case_id)
        if case is not None and not case.ok:
            continue  # its own errors already stop the build and say what to fix
        if case is not None and case.status in (Status.DRAFT, Status.REVIEW):
            if case.id in unpublished:
                continue
            unpublished.add(case.id)
            case_diags = DiagnosticList(case.path)
            case_diags.error(
                case.line("status"),
                "ledger-unpublished",
                f"案例 {case.id} 已经发布过（网址 {to_path(url)} 记录在 {ledger.path.name} 第 {line} 行），"
                f"改为 {case.status.value}（{case.status.label}）后这个网址会失效。",
                (
                    # a withdrawn case set back: published again would put what was withdrawn back online (an editor's trial)
                    f"这个案例撤回过（文件里还有撤回原因 withdrawn_reason）：把 status 改回 withdrawn。要重新发布，由审核单位运行 showcase approve {case.id} --reviewer 单位 --republish。"
                    if case.withdrawn_reason
                    else "发布过的案例不能退回草稿或待审：原来是已发布的，把 status 改回 published；原来是已撤回的，改回 withdrawn"
                    f"（不要改成 published，那样会把撤回的内容重新公开）。如需撤下，运行 showcase withdraw {case.id} --reviewer 单位 --reason 原因。"
                    "如果这是另一个新案例、只是用了这个编号，请给它换一个新编号：发布过的编号只属于原来那个案例。"
                ),
            )
            result.errors += case_diags.items
            continue
        diags.error(
            line,
            "ledger-missing",
            f"已发布的网址 {to_path(url)} 将失效：找不到编号（id）为 {case_id} 的案例，它被删除了，或者改了编号。",
            _missing_hint(case_id, RESTORE_LATER),
        )
    recorded = [url for url in ledger.urls if url.startswith(CASES)]
    result.foreign = bool(recorded) and not any(url in served for url in recorded)
    missing = [d for d in diags.items if d.code == "ledger-missing"]
    if result.foreign and missing:
        # Another site's ledger (cases/ replaced): one error saying so, not one per address of
        # that site (the build said 200, the check one: an architecture reading).
        first = next(url for url, line in sorted(ledger.urls.items(), key=lambda item: item[1]) if line == missing[0].line)
        diags.items = [d for d in diags.items if d.code != "ledger-missing"]
        diags.error(
            missing[0].line,
            "ledger-missing",
            f"网址清单 {ledger.path.name} 记录的 {len(missing)} 个已发布网址（例如 {to_path(first)}），一个也不在当前的案例集里，发布后都会失效。",
            foreign_hint(ledger.path),
        )
        result.lost = len(missing)
    elif restore is not None:  # each case's own way back, from Git's history (a few: a git command or two each)
        diags.items = [
            dataclasses.replace(d, hint=_missing_hint(_case_id(url), restore(_case_id(url))))
            if d.code == "ledger-missing" and n < MAX_RESTORES and (url := _url_at(ledger, d.line))
            else d
            for n, d in enumerate(diags.items)
        ]
    result.errors += diags.items
    result.new = sorted(ledger_urls(plan) - set(ledger.urls))
    result.warnings = renamed_terms(ledger, result, plan) + moved_places(ledger, result, plan)
    return result


# Listings whose key is a taxonomy term's: a key changed keeps the old one in ``aliases``.
TERM_KINDS = ("themes", "categories", "brands")
# after a removed term's or collection's page in the file (render_ledger): recorded as removed
RETIRED = "已删除"


def _term_page(url: str, kinds: tuple[str, ...] = (*TERM_KINDS, "collections")) -> bool:
    """A theme's, category's, series' or collection's page (``themes/<key>/``), of ``kinds``."""
    return url.count("/") == 2 and url.split("/")[0] in kinds


def renamed_terms(ledger: Ledger, check: LedgerCheck, plan: SitePlan) -> list[Diagnostic]:
    """A theme's, category's or series' recorded page gone while one of the same kind is new:
    most likely its key was changed without the old one in the taxonomy's ``aliases``. The old
    address led up to the section with one line of the build's log, and the term's feeds and
    ``/api/themes/<key>.json`` were gone (a URL audit)."""
    titles = {spec.url: spec.title for spec in plan.pages}
    diags = DiagnosticList(ledger.path)
    # a collection renamed so too: its Word and PDF booklets and its feed, under the old
    # address, were not found any more (an editor's trial); collections.yml takes aliases as well
    # a page renamed from another key (its aliases) is no rename of this one (a trial: a series
    # renamed with its aliases was paired with one retired before); nor is a page recorded as
    # removed the former name of every new one (a trial: each new collection was refused)
    # (only a rename from an address the ledger records: a mistyped alias renames nothing, a review)
    renamed = {spec.target for spec in plan.pages if spec.kind is PageKind.FALLBACK and spec.target and spec.url in ledger.urls}
    for kind in (*TERM_KINDS, "collections"):
        gone = [url for url in check.fallbacks if _term_page(url, (kind,)) and url not in ledger.retired]
        new = [url for url in check.new if _term_page(url, (kind,)) and url not in renamed]
        if not gone or not new:
            continue
        section = titles.get(f"{kind}/", kind)
        now = "、".join(f"/{url}（{titles.get(url, '')}）" for url in new)
        # only a theme has feeds and /api/themes/<key>.json: a series or a category was said to lose them too (urlH)
        feeds = {
            "themes": ("，它的订阅（RSS）和数据接口也没有了", "、订阅和数据接口"),
            "collections": ("，它的汇编下载（Word、PDF）和订阅（RSS）也打不开了", "、汇编下载和订阅"),
        }.get(kind, ("", ""))
        where = "专题文件" if kind == "collections" else "分类文件"
        file = (
            "专题文件（mkdocs.yml 里 collections 指定的文件）" if kind == "collections" else "分类文件（mkdocs.yml 里 taxonomy 指定的文件）"
        )
        for url in gone:
            key = url.split("/")[1]
            diags.warning(
                ledger.urls[url],
                RENAMED_CODE,
                f"已发布的{section}网址 /{url} 没有了，同时多了 {now}：看起来是{where}里改了 key。旧网址现在只跳转到 /{kind}/{feeds[0]}。",
                f"如果是改名：在{file}里给改名的那一项加上 aliases: [{key}]，"
                f"旧网址{feeds[1]}就会继续可用。如果确实是删掉了这一项（另加了新的一项）：运行 showcase urls --update "
                "把新网址记进清单并提交，这一条就不再出现；在这之前，发布网站的构建会停在这一条。",
            )
    return diags.items


def moved_places(ledger: Ledger, check: LedgerCheck, plan: SitePlan) -> list[Diagnostic]:
    """A city's or county's recorded page gone while a page beside it whose key reads the same
    is new (``…/shengzhou/ 嵊州市`` gone, ``…/shengzhou-2/`` new): the place urls.lock names
    keeps its key, so a slip put right in the cases (胜州市 published first, then written
    嵊州市) or a name edited in urls.lock moved the page to ``-2``, its published address
    leading up to the city with one line of the build's log (a review's trial)."""
    titles = place_names(plan)
    diags = DiagnosticList(ledger.path)
    for url in sorted(check.fallbacks):
        name = ledger.places.get(url)
        if name is None:
            continue
        parent, key = split_place_url(url)
        for new in check.new:
            new_parent, new_key = split_place_url(new)
            if new not in titles or new_parent != parent or not owns_key(key_base(key), new_key):
                continue
            now = titles[new]
            diags.warning(
                ledger.urls[url],
                "ledger-place",
                f"已发布的地区页 /{url}（{ledger.places[url]}）没有了，同时多了拼音相同的 /{new}（{now}）："
                f"{ledger.path.name} 记着 /{url} 显示的是“{name}”，现在没有已发布的案例这样写，旧网址只会跳转到上一级。",
                f"如果“{now}”就是“{name}”（改正了错字，或者 {ledger.path.name} 里的地名被改错了），把 {ledger.path.name} 里 /{url} "
                f"这一行后面的地名改成 {now}，它就回到原来的网址；如果是两个不同的地方，请核对“{now}”有没有写错；确实没错，运行 showcase urls --update "
                "把新网址记进清单并提交，这一条就不再出现（在这之前，发布网站的构建会停在这一条）。",
            )
    return diags.items


def error_summary(check: LedgerCheck) -> tuple[str, str]:
    """What the errors of ``check`` are, counted by kind (“有 2 个已发布的网址将会失效”),
    and what to do about each kind, for the one line the build and ``showcase urls`` print
    above the diagnostics. Conflict markers and malformed lines are not published URLs."""
    said = sum(1 for d in check.errors if d.code in LOSING_CODES)
    losing = said + max(check.lost - 1, 0)  # another site's addresses are one error for them all
    conflicts = sum(1 for d in check.errors if d.code == CONFLICT_CODE)
    lines = len(check.errors) - said - conflicts
    what, todo = [], []
    if losing:
        what.append(f"有 {losing} 个已发布的网址将会失效")
        if check.lost:  # another site's ledger: aliases and withdraw are no help (a reading: "有 -35 行不是网址路径")
            todo.append("清单里的案例网址一个也不在当前的案例集里，怎么办见下面的提示。")
        else:
            todo.append("改了编号的，在新案例的 aliases 里写上旧编号；要撤下的，用 showcase withdraw 撤回（删掉的先用 git 恢复）。")
    if conflicts:
        what.append(f"有 {conflicts} 处 Git 合并冲突的标记")
        todo.append("合并冲突：运行 showcase urls --update（两边的网址都保留，标记去掉），再提交。")
    if lines:
        what.append(f"有 {lines} 行不是网址路径")
        todo.append("不是网址的行：按下面的提示改正。")
    return "，".join(what), "".join(todo)


def foreign_hint(ledger: Path) -> str:
    """What to do when no case address of ``ledger`` is in the collection (cases/ replaced)."""
    return (
        "如果你换了一套新的案例（替换了 cases/ 文件夹），这份清单属于原来的网站："
        f"删除 {ledger.name}，再运行 showcase urls --update 为新网站生成清单。"
    )


def render_ledger(urls: set[str] | list[str], places: Mapping[str, str] | None = None, retired: Iterable[str] = ()) -> str:
    """The file's text: the header, then one URL path a line, sorted, a place's page with
    its place's name after it (``places``: URL -> name), a removed term's or collection's
    page with RETIRED (``retired``)."""
    places, retired = places or {}, set(retired)
    lines = sorted(to_path(u) + (f" {places[u]}" if u in places else f" {RETIRED}" if u in retired else "") for u in set(urls))
    return HEADER + "\n" + "\n".join(lines) + "\n"


def place_names(plan: SitePlan) -> dict[str, str]:
    """The place each city's and county's page of ``plan`` shows (URL -> its title)."""
    return {
        spec.url: spec.listing.title
        for spec in plan.pages
        if spec.kind is PageKind.LISTING and spec.number == 1 and spec.listing is not None and is_place_url(spec.url)
    }


def updated_ledger(ledger: Ledger, plan: SitePlan) -> tuple[str, list[str], list[str], list[str]]:
    """The ledger's new text (old URLs kept, current ones added), the URLs added, the
    place pages already recorded that are named now (recorded before names were) and the
    removed terms' pages marked RETIRED now. A place's page keeps the name recorded for it."""
    added = sorted(ledger_urls(plan) - set(ledger.urls))
    names = place_names(plan)
    named = sorted(url for url in names if url in ledger.urls and url not in ledger.places)
    retired = {url for url in ledger.urls if _term_page(url) and url not in plan.urls}  # no page, nor its former key's redirect
    text = render_ledger(set(ledger.urls) | set(added), names | ledger.places, retired)
    return text, added, named, sorted(retired - ledger.retired)


def fallback_pages(check: LedgerCheck, texts: dict, titles: dict[str, str] | None = None) -> list[PageSpec]:
    """Redirect pages that keep vanished listing URLs alive, each named as the page it
    leads to (``titles``: URL → title), as a case's old address is named as the case:
    the page reads “正在跳转到 地区”, not the words for a moved page."""
    moved = texts["links"]["moved_title"]
    return [
        PageSpec(PageKind.FALLBACK, url, (titles or {}).get(target, moved), target=target)
        for url, target in sorted(check.fallbacks.items())
    ]


def public_plan(
    collection: Collection,
    taxonomy: Taxonomy,
    texts: dict,
    per_page: int = PER_PAGE,
    collections: list[CuratedCollection] | tuple = (),
    *,
    county_pages: bool = DEFAULTS.county_pages,
    places: Mapping[str, str] | None = None,
    search: bool = DEFAULTS.search,
    guide: PageSpec | None = None,
) -> SitePlan:
    """The plan of the public site (``mkdocs build``), as the ledger judges it (``places``: its
    ``Ledger.places``; ``guide``: the /guide/ page when the site publishes one, as the build adds it)."""
    index = SiteIndex(collection.cases, taxonomy, per_page, texts=texts, county_pages=county_pages, places=places)
    plan = plan_site(collection, index, texts, preview=False, search=search, collections=collections)
    if guide is not None:
        plan.pages.append(guide)
    plan.pages += embed_pages(plan)
    return plan
