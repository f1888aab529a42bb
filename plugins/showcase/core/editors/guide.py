"""The editors' guide (投稿指南): which section explains which diagnostic, and the page.

The guide is ``CONTRIBUTING.md`` at the project root, so it reads well on GitHub,
and the site publishes the same file at ``/guide/``. Every diagnostic the checker
prints links to the section that explains its family of problems; the mapping from
codes to section anchors is data (``data/guide.yml``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..cachefile import read_text_regular
from ..case.fields import GUIDE_TABLE_HEAD, guide_table
from ..collection.mkdocs_yml import SiteConfig
from ..collection.taxonomy import Taxonomy
from ..options import DEFAULTS
from ..packaged import read_packaged
from ..site.texts import unwrap_chinese

if TYPE_CHECKING:
    from ..site.plan import PageSpec

GUIDE_FILE = DEFAULTS.guide  # the file, where a site names none
GUIDE_URL = "guide/"  # relative to the site root
# attr_list's braces after a heading, and an id in them: {#err-…}, {: #err-… }, { #err-… .class }.
# No brace inside: each { is read to the next brace or line end only (a review: a lazy run to
# the line's end took 4 s over 20,000 braces, and minutes over {#a repeated)
_ATTR_LIST = re.compile(r"\{([^{}\n]*)\}")
_ATTR_ID = re.compile(r"(?:^|[\s:])#([A-Za-z][A-Za-z0-9_-]*)")
_ANCHOR = re.compile(r'<a\s+id="(?P<id>[A-Za-z][A-Za-z0-9_-]*)"\s*>\s*</a>')


@dataclass(frozen=True)
class Family:
    anchor: str
    title: str
    codes: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()


@dataclass
class GuideMap:
    families: tuple[Family, ...]
    fallback: str
    _exact: dict[str, Family] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for fam in self.families:
            for known in fam.codes:
                self._exact[known] = fam

    def family(self, code: str) -> Family | None:
        """The family that explains ``code``: an exact code first, then a prefix."""
        if code in self._exact:
            return self._exact[code]
        for fam in self.families:
            if any(code.startswith(prefix) for prefix in fam.prefixes):
                return fam
        return None

    def anchor(self, code: str) -> str:
        fam = self.family(code)
        return fam.anchor if fam else self.fallback

    @property
    def anchors(self) -> list[str]:
        return [self.fallback] + [fam.anchor for fam in self.families]


@cache
def guide_map() -> GuideMap:
    raw = read_packaged("guide.yml")
    families = tuple(
        Family(
            anchor=str(item["anchor"]),
            title=str(item["title"]),
            codes=tuple(item.get("codes") or ()),
            prefixes=tuple(item.get("prefixes") or ()),
        )
        for item in raw["families"]
    )
    return GuideMap(families, str(raw["fallback"]))


def guide_base(site_url: str | None, environ: Mapping[str, str] | None = None, file: str = GUIDE_FILE) -> str:
    """Where the guide lives for someone reading the checker's output.

    The published guide when the site has a ``site_url``; on GitHub Actions without
    one, the file in the repository (clickable in the job log); otherwise the file's
    path, which an editor can open beside the cases. ``file``: the site's ``guide`` option.
    """
    if site_url:
        return site_url.rstrip("/") + "/" + GUIDE_URL
    env = environ or {}
    server, repo = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY")
    if server and repo:
        return f"{server.rstrip('/')}/{repo}/blob/HEAD/{file}"
    return file


@dataclass(frozen=True)
class GuideLinks:
    """Turns a diagnostic code into the URL of the guide section that explains it.

    ``anchors``: the sections a site's own guide has (None: the packaged guide, which has
    them all); a code whose section it lacks links the guide itself (a district's trial:
    every message linked guide/#err-dates, which its own guide did not have)."""

    base: str = GUIDE_FILE
    anchors: frozenset[str] | None = None

    def url(self, code: str) -> str:
        anchor = guide_map().anchor(code)
        return self.base if self.anchors is not None and anchor not in self.anchors else f"{self.base}#{anchor}"


def anchors_in(markdown: str) -> list[str]:
    """The explicit ``<a id="…"></a>`` anchors of the guide, in order."""
    return [m.group("id") for m in _ANCHOR.finditer(markdown)]


def _with_table(text: str, table: str) -> str:
    """``text`` with its table of fields, and the paragraph of terms under it, replaced by
    ``table``: found by its head, not by its words, so a guide written for an earlier
    version gets the site's terms too (a review: an exact match kept the packaged ones)."""
    start = text.find(GUIDE_TABLE_HEAD)
    if start < 0:
        return text
    blocks = text[start:].split("\n\n", 2)  # the table, the paragraph under it, the rest
    replaced = blocks[:2] if len(blocks) > 1 and "主题" in blocks[1] and "英文代码都可以" in blocks[1] else blocks[:1]  # the terms
    return text[:start] + table + text[start + len("\n\n".join(replaced)) :]


def guide_markdown(path: Path, heading_ids: bool = False, taxonomy: Taxonomy | None = None) -> str | None:
    """The guide as Markdown for the site page, or None when the file is missing.

    The guide's first ``#`` heading is dropped: the page template prints the title.
    With ``taxonomy`` (the site's own), the table of fields and the terms under it, which the
    guide shows for the packaged taxonomy, list the site's terms instead.
    With ``heading_ids`` (the site has Markdown's ``attr_list``), an anchor line right
    above a heading becomes that heading's id (``## 日期 {#err-dates}``), so that the
    page's table of contents links to the same stable anchors as the checker.
    """
    try:
        text = read_text_regular(path)
    except (OSError, UnicodeDecodeError):
        return None
    if taxonomy is not None:  # the site's terms in the fields' table, not the packaged ones (a maintainer's trial)
        text = _with_table(text, guide_table(taxonomy))
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# "):
            del lines[index]
            break
        if line.strip() and not line.startswith("<"):
            break
    if heading_ids:
        out: list[str] = []
        for index, line in enumerate(lines):
            match = _ANCHOR.fullmatch(line.strip())
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if match and following.startswith("#"):
                lines[index + 1] = f"{following.rstrip()} {{#{match.group('id')}}}"
                continue
            out.append(line)
        lines = out
    return unwrap_chinese("\n".join(lines))


def links_for(site: SiteConfig, environ: Mapping[str, str] | None = None) -> GuideLinks:
    """Guide links for the checker's output, from the site's configuration.

    The site's ``/guide/`` page is used only when the site publishes the guide
    (the plugin's ``guide`` option names a file there is) and has a ``site_url``.
    """
    from ..site.sitefiles import guide_file

    published = guide_file(site.options, site.base) if site.read_from_file else None  # no mkdocs.yml: no site, no guide
    site_url = site.site_url if published else ""
    anchors = None
    if published is not None:  # the sections the guide has (a site's own may have none of them)
        try:
            text = read_text_regular(published)  # as guide_file read it
        except (OSError, UnicodeDecodeError):
            text = ""
        # <a id="err-…"></a> lines, and attr_list's ids after a heading: {#err-…}, {: #err-… }, { #err-… .class }
        anchors = frozenset(anchors_in(text)) | frozenset(
            found for braces in _ATTR_LIST.findall(text) for found in _ATTR_ID.findall(braces)
        )
    return GuideLinks(guide_base(site_url, environ, site.options.guide or GUIDE_FILE), anchors)


def published_guide(site: SiteConfig, texts: dict) -> PageSpec | None:
    """The /guide/ page as the ledger sees it (its address and title, no body) when the site
    publishes one, as the build does (``links_for``): ``showcase urls`` and ``showcase check``
    judge the site's URLs without converting the guide."""
    from ..site.plan import PageKind, PageSpec
    from ..site.sitefiles import guide_file

    if not (site.read_from_file and guide_file(site.options, site.base)):
        return None
    return PageSpec(PageKind.GUIDE, GUIDE_URL, texts["nav"]["guide"])


def guide_page(path: Path, title: str, heading_ids: bool = False, taxonomy: Taxonomy | None = None) -> PageSpec | None:
    """The site's ``/guide/`` page spec from the guide file, or None when it is missing."""
    from ..site.plan import PageKind, PageSpec

    markdown = guide_markdown(path, heading_ids, taxonomy)
    if markdown is None:
        return None
    return PageSpec(PageKind.GUIDE, GUIDE_URL, title, markdown=markdown)
