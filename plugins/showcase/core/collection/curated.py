"""Curated collections (专题): ``collections.yml`` beside ``mkdocs.yml``, engine-free.

A propaganda department or civil-affairs bureau groups cases into themed columns
(一区一特色, 精品阵地, 年度优秀案例 …) in an order of its choosing::

    collections:
      - key: yiqu-yitese            # the URL: /collections/yiqu-yitese/
        title: 一区一特色
        intro: |                    # optional; blank lines separate paragraphs
          各区……
        cover: gz-yuexiu-2023-001   # optional: the case whose cover photo stands for it
        cases:                      # case ids, in the order shown
          - gz-yuexiu-2023-001
          - sz-futian-2025-003

Each gets ``/collections/<key>/`` (its intro, then its cases in that order), feeds,
a line in the URL ledger and a booklet (案例汇编); ``/collections/`` lists them all.
The file is read with the front matter's YAML loader (``core/case/yamlnodes.py``), so
every problem names its line; an unknown or unpublished case id is an error, because
a collection that silently lost a case would misreport what a department curated.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..cachefile import read_text_regular
from ..case import invisible, readers, yamlnodes
from ..case.content import screen
from ..case.fields import field as field_rule
from ..case.model import Case, Status
from ..case.pii import SITE_WORDS
from ..case.rules import ID_PATTERN
from ..diagnostics import Diagnostic, DiagnosticList, describe_os_error
from ..errors import ConfigError
from ..site.index import at_former_urls
from .settings import Settings
from .taxonomy import url_key

SECTION_URL = "collections/"
FIELDS = ("key", "title", "intro", "cover", "cases", "aliases")


@dataclass
class CuratedCollection:
    """One 专题 as written, and, once resolved, its published cases in the curated order."""

    key: str
    title: str
    intro: str = ""
    cover_id: str = ""
    ids: list[tuple[str, int]] = field(default_factory=list)  # (case id as written, line)
    line: int = 1
    # former keys: their published addresses lead here (a renamed key took its address away)
    aliases: list[str] = field(default_factory=list)
    cover_line: int = 0  # the cover: line, where one is written
    cases: list[Case] = field(default_factory=list)
    cover_case: Case | None = None  # the case ``cover_id`` names, by its id or a former one (resolved)

    @property
    def url(self) -> str:
        return f"{SECTION_URL}{self.key}/"

    @property
    def label(self) -> str:
        """Its name in messages: its title, else its key, else its line (a collection written
        without either is still named)."""
        return self.title or self.key or f"第 {self.line} 行的专题"

    @property
    def former_urls(self) -> list[str]:
        """Its addresses under former keys: a redirect page there, and a copy of each of its
        files (feeds, booklets), which a redirect page cannot stand for: subscriptions and
        download links made before the rename keep working."""
        return [f"{SECTION_URL}{old}/" for old in self.aliases]

    def at_former_urls(self, path: str) -> list[str]:
        """``path``, a file under this collection's address, at each former address."""
        return at_former_urls(path, self.url, self.former_urls)

    @property
    def count(self) -> int:
        return len(self.cases)

    @property
    def cover(self) -> Case | None:
        """The case whose cover photo stands for the collection: ``cover``, else the first with one."""
        chosen = self.cover_case if self.cover_case in self.cases else None
        if chosen is not None and chosen.cover:
            return chosen
        return next((c for c in self.cases if c.cover), None)

    def paragraphs(self) -> list[str]:
        return ["".join(line.strip() for line in block.splitlines()) for block in self.intro.strip().split("\n\n") if block.strip()]


@dataclass
class CollectionsFile:
    path: Path
    entries: list[CuratedCollection] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # collections with an error of their own (a key that is no address, no title) whose
    # cases are still checked, so that one check lists every problem (an editor's trial:
    # the unknown id showed only once the key was fixed); never published
    unusable: list[CuratedCollection] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return self.path.is_file()


def read_collections(path: Path, settings: Settings | None = None) -> CollectionsFile:
    """The file's collections as written, with every problem of form; a missing file has none.
    With ``settings``, what it publishes is checked as a case's text is (personal numbers,
    contact labels, review words)."""
    if not Path(path).is_file():
        return CollectionsFile(Path(path))
    try:
        text = read_text_regular(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}：无法读取专题文件（{describe_os_error(exc)}）。") from None
    return parse_collections(text, Path(path), settings)


def parse_collections(text: str, path: Path, settings: Settings | None = None) -> CollectionsFile:
    """``read_collections`` of a file's ``text`` (a version of it in Git, for the pull-request
    summary); ``path`` names it in the diagnostics."""
    result = CollectionsFile(Path(path))
    diags = DiagnosticList(result.path)
    located = yamlnodes.parse(text, 1, diags, what="专题文件") if text.strip() else None
    if settings is not None:
        # a collection's introduction is the site's words: no 申报表 to move a contact to
        screen(text, located, diags, settings.review_words, allow_personal_numbers=settings.allow_personal_numbers, wording=SITE_WORDS)
    if located is None:
        result.diagnostics = diags.items
        return result
    items = located.value.get("collections")
    if not isinstance(items, list):
        diags.error(
            located.line("collections"),
            "collections-list",
            "专题文件应以 collections: 开头，下面每个专题一项（以“- key:”开始）。",
            "对照 README 中的示例，在 collections: 下面逐个写专题。",
        )
        result.diagnostics = diags.items
        return result
    for unknown in sorted(set(located.value) - {"collections"}):
        diags.error(located.line(unknown), "collections-field", f"专题文件里不认识的字段 {unknown}。", "顶层只写 collections:。")
    keys: dict[str, int] = {}
    for index, item in enumerate(items):
        line = located.line("collections", index)
        entry, usable = _entry(item, index, line, located, diags)
        if entry is None:
            continue
        if not usable:
            result.unusable.append(entry)
            continue
        taken = next((k for k in (entry.key, *entry.aliases) if k in keys), None)
        if taken is not None:
            diags.error(
                located.line("collections", index, "key" if taken == entry.key else "aliases"),
                "collections-duplicate",
                f"专题 key {taken} 写了两次（第 {keys[taken]} 行已有，作为 key 或旧 key）。",
                "每个专题的 key 和旧 key（aliases）都要不同，它们就是专题的网址。",
            )
            continue
        for name in (entry.key, *entry.aliases):
            keys[name] = entry.line
        result.entries.append(entry)
    result.diagnostics = diags.items
    return result


def _entry(item: object, index: int, line: int, located: yamlnodes.Located, diags: DiagnosticList) -> tuple[CuratedCollection | None, bool]:
    """The collection as written, and whether it is free of errors of its own; None when
    even its case list cannot be read."""
    at = lambda *path: located.line("collections", index, *path)  # noqa: E731
    if not isinstance(item, dict):
        diags.error(line, "collections-item", "这一项应是一个专题（key、title、cases 等字段）。", "每个专题以“- key: 英文网址名”开始。")
        return None, False
    ok = True
    for unknown in sorted(set(item) - set(FIELDS)):
        diags.error(at(unknown), "collections-field", f"专题里不认识的字段 {unknown}。", "可用的字段：" + "、".join(FIELDS) + "。")
        ok = False
    key, title = item.get("key"), item.get("title")
    if not url_key(key):
        diags.error(
            at("key"),
            "collections-key",
            f"专题的 key“{yamlnodes.shorten(key) if key is not None else ''}”不能用作网址。",
            "key 用小写英文字母、数字和连字符，例如 yiqu-yitese（它出现在网址 /collections/yiqu-yitese/ 里）。",
        )
        ok = False
    longest = field_rule("title").hi  # a case's title's limit: the cover, the page and Word's document title
    if not isinstance(title, str) or not title.strip():
        diags.error(at("title"), "collections-title", "专题缺少标题 title。", "写上专题的名称，例如 title: 一区一特色。")
        ok = False
    elif len(title.strip()) > longest:
        diags.error(
            at("title"),
            "collections-title",
            f"专题的标题有 {len(title.strip())} 个字，太长了（最多 {longest} 个字，和案例标题一样）。",
            "把标题改短，详细的说明写在 intro 里。",
        )
        ok = False
    intro, cover = item.get("intro", ""), item.get("cover", "")
    for name, value in (("intro", intro), ("cover", cover)):
        if value is not None and not isinstance(value, str):
            diags.error(at(name), "collections-field", f"专题的 {name} 应是一段文字。", "")
            ok = False
    # As a case's texts: plain words, shown as written (a security review: a tag showed as
    # text on the page and in the feeds, and U+202E turned a number round).
    for name, label, value in (("title", "标题", title), ("intro", "简介", intro)):
        if isinstance(value, str) and readers.MARKUP.search(value):
            diags.error(at(name), "html-in-text", f"专题的{label}（{name}）只能是纯文字，不能含 HTML 标签。", "删掉 < > 包起来的标签。")
            ok = False
        if isinstance(value, str) and invisible.find(value) is not None:
            invisible.check_text(value, f"专题的{label}（{name}）", at(name), diags)
            ok = False
    ids = item.get("cases")
    if isinstance(ids, str) and ids.lstrip().startswith("-"):  # "-gz-…": YAML reads the lines as one text
        diags.error(
            at("cases"),
            "collections-cases",
            f"cases 下面的案例编号被读成了一段文字“{yamlnodes.shorten(ids)}”：有一行的减号后面少了空格。",
            "每行写“- ”（减号加一个空格）再写编号，例如 - gz-yuexiu-2023-001。",
        )
        ok = False
        ids = []
    elif not isinstance(ids, list) or not ids:
        diags.error(
            at("cases"), "collections-cases", "专题没有列出案例（cases）。", "在 cases: 下面一行一个写案例编号，例如 - gz-yuexiu-2023-001。"
        )
        ok = False
        ids = []
    listed = bool(ids)
    pairs: list[tuple[str, int]] = []
    for number, value in enumerate(ids):
        if not isinstance(value, str) or not value.strip():
            diags.error(at("cases", number), "collections-case-id", "这里应写一个案例编号（id）。", "例如 - gz-yuexiu-2023-001。")
            ok = False
            continue
        pairs.append((value.strip(), at("cases", number)))
    aliases = item.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(url_key(a) for a in aliases):
        diags.error(
            at("aliases"),
            "collections-key",
            f"专题的 aliases“{yamlnodes.shorten(aliases)}”里有不能用作网址的旧 key。",
            "aliases 写这个专题以前用过的 key，每个都是小写英文字母、数字和连字符，例如 aliases: [yinling-huzhu]。",
        )
        ok = False
        aliases = []
    if isinstance(key, str) and key in aliases:  # its own address twice (a review: the build added one file twice)
        diags.error(
            at("aliases"),
            "collections-key",
            f"专题的 aliases 里写了它现在的 key {key}。",
            "aliases 只写这个专题以前用过的 key；没有改过 key 的专题不用写 aliases。",
        )
        ok = False
    if not listed:
        return None, False
    written = CuratedCollection(
        key=key if isinstance(key, str) else "",
        title=title.strip() if isinstance(title, str) else "",
        intro=intro if isinstance(intro, str) else "",
        cover_id=cover.strip() if isinstance(cover, str) else "",
        ids=pairs,
        line=line,
        aliases=list(aliases),
        cover_line=at("cover") if "cover" in item else line,
    )
    return written, ok


_SEVERAL = re.compile(r"[，、,；;\s]+")


def cases_by_id(cases: list[Case]) -> dict[str, Case]:
    """Each case by its id, and by every former id in its ``aliases`` (a case's current id
    wins over another's alias; aliases only of cases that pass the check): how a list of
    ids written by people (collections.yml, a booklet's ids file) finds its cases."""
    by_id: dict[str, Case] = {}
    # the public case of an id two cases write (a copy of its folder) first: the list means it
    for case in sorted(cases, key=lambda c: not (c.status is not None and c.status.is_public)):
        if case.id:
            by_id.setdefault(case.id, case)
    for case in cases:
        for alias in case.aliases if case.ok else ():
            by_id.setdefault(alias, case)
    return by_id


def resolve_collections(found: CollectionsFile, cases: list[Case]) -> tuple[list[CuratedCollection], list[Diagnostic]]:
    """Each collection with its cases; unknown, unpublished or repeated ids are errors.

    An old id kept in a case's ``aliases`` finds the case (the department's list need
    not follow a rename). A collection with any error is left out.
    """
    diags = DiagnosticList(found.path)
    by_id = cases_by_id(cases)
    resolved: list[CuratedCollection] = []
    usable = {id(entry) for entry in found.entries}
    for entry in sorted((*found.entries, *found.unusable), key=lambda entry: entry.line):
        ok = id(entry) in usable
        seen: dict[str, int] = {}
        entry.cases = []
        for case_id, line in entry.ids:
            found_case = by_id.get(case_id)
            unread = next((c for c in cases if not c.id and c.folder.name == case_id), None) if found_case is None else None
            if unread is not None:
                # its folder is there, its file unreadable (GBK): said as such, not 找不到 (a maintainer's trial)
                problem = next((d for d in unread.diagnostics if d.is_error), None)
                diags.error(
                    line,
                    "collections-unknown-case",
                    f"专题“{entry.label}”里的案例 {case_id} 读不出来：它的文件有错误"
                    + (f"（{unread.path.name} 第 {problem.line} 行：{problem.message.rstrip('。')}）" if problem else "")
                    + "。",
                    "先改正这个案例的错误（运行 showcase check 可以看到），专题就能找到它。",
                )
                ok = False
                continue
            if found_case is None:
                # "a，b" on one line (an editor's trial); "a （重点推荐）" is one id with a note (a review)
                parts = [part for part in _SEVERAL.split(case_id) if ID_PATTERN.fullmatch(part)]
                several = len(parts) > 1
                written = parts[0] if len(parts) == 1 else case_id
                guess = [written] if written != case_id and written in by_id else []
                guess = guess or difflib.get_close_matches(
                    written, [c.id for c in cases if c.id], n=1, cutoff=0.8
                )  # as a booklet's ids file
                # the cover naming it is said here, not again (collections-cover): fixed together
                cover = (
                    f"第 {entry.cover_line} 行的封面 cover 也写的是它，一起改。" if entry.cover_id == case_id and entry.cover_line else ""
                )
                diags.error(
                    line,
                    "collections-unknown-case",
                    f"专题“{entry.label}”里的案例编号 {case_id} 找不到。"
                    + (f"是不是 {guess[0]}？" if guess and not several else "")
                    + cover,
                    f"这一行写了 {len(parts)} 个编号：一行只写一个，每行以“- ”开头。"
                    if several
                    else "检查编号是否写错：它是案例 index.md 里 id 的值，也是案例网址 /cases/<编号>/ 的最后一段；说明文字写在 # 后面。"
                    # a rename without its alias (an editor's week: the guess named another case)
                    + (
                        f"这个案例改过编号的话，在它的 index.md 里加上 aliases: [{case_id}]，专题和旧网址就都能找到它。"
                        if ID_PATTERN.fullmatch(case_id) and not guess  # beside a typo's guess, an alias of the typo (a review)
                        else ""
                    ),
                )
                ok = False
            elif not found_case.is_published:
                broken = found_case.status is Status.PUBLISHED and not found_case.ok
                # its id taken by another case (a copy of its folder): that one is to change, not
                # this line (an editor's week: the published case was told to leave the collection)
                taken = broken and {d.code for d in found_case.diagnostics if d.is_error} == {"duplicate-id"}
                state = (
                    "另一个案例用了和它相同的编号（duplicate-id）"
                    if taken
                    else "它有错误，没有通过检查"
                    if not found_case.ok
                    else f"状态是 {found_case.status.value if found_case.status else '未填写'}（{found_case.status.label if found_case.status else ''}）"
                )
                cover = f"第 {entry.cover_line} 行的封面 cover 也写的是它。" if entry.cover_id == case_id and entry.cover_line else ""
                diags.error(
                    line,
                    "collections-unpublished-case",
                    f"专题“{entry.label}”里的案例 {case_id} 没有发布：{state}。{cover}",
                    "给另一个（新加的）案例换一个编号（见它的 duplicate-id 错误）；这一行不用改。"
                    if taken
                    else "这个案例有错误：运行 showcase check 查看，改正后它就能发布并收录进专题；或从专题里删掉这一行。"
                    if broken
                    else "专题只能收录已发布（status: published）的案例：等它发布后再加入，或从专题里删掉这一行。",
                )
                ok = False
            elif found_case.id in seen:
                former = f"（{case_id} 是它的旧编号）" if case_id != found_case.id else ""
                diags.error(
                    line,
                    "collections-repeated-case",
                    f"案例 {found_case.id}{former}在专题“{entry.label}”里写了两次（第 {seen[found_case.id]} 行已有）。",
                    "删掉其中一行。",
                )
                ok = False
            else:
                if case_id != found_case.id:  # an old id, kept in the case's aliases: found, and said (as a booklet's ids file says it)
                    diags.warning(
                        line,
                        "collections-former-id",
                        f"专题“{entry.label}”里的 {case_id} 是旧编号，这个案例现在的编号是 {found_case.id}。",
                        f"旧编号照样能找到它；改成现在的编号 {found_case.id}，以后读这个文件的人就不会弄混。",
                    )
                seen[found_case.id] = line
                entry.cases.append(found_case)
        entry.cover_case = by_id.get(entry.cover_id) if entry.cover_id else None
        if entry.cover_case is not None and entry.cover_case in entry.cases and entry.cover_case.id != entry.cover_id:
            diags.warning(
                entry.cover_line,
                "collections-former-id",
                f"专题“{entry.label}”的封面 cover 写的 {entry.cover_id} 是旧编号，这个案例现在的编号是 {entry.cover_case.id}。",
                f"旧编号照样能找到它；改成现在的编号 {entry.cover_case.id}，以后读这个文件的人就不会弄混。",
            )
        # A cover listed among the cases but unknown or unpublished: its own line says so already
        # (a maintainer who removed the sample cases read 它不在这个专题的案例里 of a listed case).
        listed = any(case_id == entry.cover_id for case_id, _ in entry.ids)
        if entry.cover_id and entry.cover_case not in entry.cases and not listed:
            diags.error(
                entry.cover_line,
                "collections-cover",
                f"专题“{entry.label}”的封面 cover 写的是 {entry.cover_id}，它不在这个专题的案例里。",
                "cover 写专题中某个案例的编号，用它的封面图作专题的封面；不写则用第一个有封面图的案例。",
            )
            ok = False
        if ok:
            resolved.append(entry)
    return resolved, found.diagnostics + diags.items


def load_collections(path: Path, cases: list[Case], settings: Settings | None = None) -> tuple[list[CuratedCollection], list[Diagnostic]]:
    """Read and resolve ``path`` against ``cases`` (the whole collection, every state)."""
    return resolve_collections(read_collections(path, settings), cases)
