"""Links in a case body to places on the site, as the site will resolve them.

The site publishes a case's page and its photos (renamed), nothing else of its folder, at
``/cases/<id>/`` whatever folder the case is kept in. A link to ``notes.pdf`` beside the
case, to a photo by its file name, or to a case by its folder path leads nowhere, and
``mkdocs build --strict`` (the publishing build) stops on it with MkDocs' English: a
security review's ``[附件](notes.pdf)`` passed the check and stopped publishing. A link
to another case's ``index.md`` or ``/cases/<id>/`` page is kept for the rules across cases
(``collection/loading.cross_check``): that case must be published.

Only links Python-Markdown makes are read: candidates are found by a pattern, and a body
with one is converted (rare) so that a link shown as code is no link.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote

import markdown

from ..diagnostics import DiagnosticList
from .entities import unescape
from .model import CaseLink
from .rawhtml import INLINE_CODE
from .source import LineEnds, fenced_lines

# Where a link to a place on the site may start: an inline link, a definition or an <a href>
# whose address has no scheme. The address itself is read from Python-Markdown's output, as
# the build sees it (a review: a pattern of its own cut 活动方案(1).pdf and 附件 1.pdf short).
_NO_SCHEME = r"(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|//)"
_MAY_LINK = re.compile(
    # not after "!": an image is no link, and nearly every body has one (converting each body
    # would cost the build a Markdown pass per case)
    rf"(?<!!)\[[^\]]{{0,500}}\]\(\s*<?\s*{_NO_SCHEME}|^[ ]{{0,3}}\[[^\]\n]+\]:[ \t]*<?{_NO_SCHEME}|\bhref\s*=\s*[\"']?\s*{_NO_SCHEME}",
    re.MULTILINE | re.IGNORECASE,
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_CASE_PAGE = re.compile(r"^cases/([^/]+)(/index\.md|/?)$")

_HINT = (
    "照片用 ![说明](photo1.jpg) 插进正文；附件（PDF、Word 等）网站不发布，请把要点写进正文，或链接到单位网站上的地址（https://…）；"
    "链接另一个案例，写成 [案例标题](/cases/编号/)。"
)


def _on_the_site(target: str) -> bool:
    """A link the site resolves itself: a relative path, or one from the site's root."""
    return bool(target) and not target.startswith(("#", "//")) and _SCHEME.match(target) is None


def find_site_links(body: str, body_line: int) -> list[tuple[str, int]]:
    """``(target, line)`` of every link Python-Markdown makes from ``body`` to a place on the site."""
    if _MAY_LINK.search(body) is None:
        return []
    html = markdown.Markdown(extensions=["tables"]).convert(body)
    shown = _read_as_markdown_does(_without_code(body))  # where each is written: not in code, which makes no link
    after: dict[str, int] = {}
    ends = LineEnds(shown)
    links = []
    for match in _HREF.finditer(html):
        target = unescape(next(g for g in match.groups() if g is not None)).strip()
        if _on_the_site(target):
            links.append((target, body_line + _line_of(target, shown, after, ends)))
    return list(dict.fromkeys(links))


# A character reference: decimal, hexadecimal, or named (with or without its ";", as the
# HTML standard reads some names).
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{0,31};?)")


def _read_as_markdown_does(text: str) -> str:
    """``text`` with its character references decoded, so that an address written
    ``/cases/&#97;bc/`` is found as the ``/cases/abc/`` the page links to (a review: it was
    reported on the line of an earlier mention of abc). A reference to a line break stays
    as written: the text keeps its lines, and a position in it is on the body's line."""

    def decoded(match: re.Match[str]) -> str:
        text = unescape(match.group())
        return match.group() if "\n" in text or "\r" in text else text

    return _REFERENCE.sub(decoded, text) if "&" in text else text


def _line_of(target: str, text: str, after: dict[str, int], ends: LineEnds) -> int:
    """The line (from 0) where ``target`` is written in ``text`` (references decoded), after
    where it was last found: as written, decoded, or by its file name, each maybe with
    Markdown's backslashes (``notes\\_1.pdf`` makes notes_1.pdf); the body's first line if
    it is nowhere.

    Looked for after the link found before it first (``after[""]``; links come in the order
    written, but for references to a definition), then after where it was last found: each
    search from the start made 6,000 links to cases 5 s of a check."""
    decoded = unquote(target)
    for written in dict.fromkeys((target, decoded, posixpath.basename(decoded.rstrip("/")))):
        if not written:
            continue
        escapable = "".join(re.escape(ch) if ch.isalnum() or ord(ch) > 127 else "\\\\?" + re.escape(ch) for ch in written)
        pattern = re.compile(escapable)
        found = pattern.search(text, after[""]) if after.get("", 0) > after.get(target, 0) else None
        found = found or pattern.search(text, after.get(target, 0))
        if found is not None:
            after[target] = after[""] = found.start() + 1  # "" is no target (``_on_the_site``)
            return ends.before(found.start())
    return 0


def _without_code(body: str) -> str:
    """``body`` with fenced code and code spans blanked (line breaks kept): a link shown as code
    is no link. Fences as Python-Markdown reads them (``source.fenced_lines``: a fence never
    closed is text); not indented lines, as a list's own lines are indented too."""
    lines = body.split("\n")
    for number in fenced_lines(lines):
        lines[number] = ""
    text = "\n".join(lines)
    # rawhtml's code spans, found in one pass (a span matched by its own backreference took 37 s on a line of unclosed runs)
    return INLINE_CODE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text) if "`" in text else text


def _case_folder(path: Path, folder: Path) -> bool:
    """Whether ``path`` is another case's folder (an index.md in it); a path no file can
    have (too long, a NUL in it) is none."""
    try:
        return (path / "index.md").is_file() and path.resolve() != folder.resolve()
    except (OSError, ValueError):
        return False


def check_links(body: str, body_line: int, case_id: str, folder: Path, diags: DiagnosticList) -> list[CaseLink]:
    """Errors for links the site cannot follow; the links to other cases' pages, for later."""
    found: list[CaseLink] = []
    for target, line in find_site_links(body, body_line):
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path:
            continue  # ?page=2 or the like: this page
        if path.startswith("/"):
            page = _CASE_PAGE.match(posixpath.normpath(path.lstrip("/")) + ("/" if path.endswith("/") else ""))
            if page is not None:
                found.append(CaseLink(page.group(1), line, target, needs_file=False))
            continue  # another page of the site (a listing, the guide): not the check's to know
        if not case_id:
            continue
        where = posixpath.normpath(posixpath.join(f"cases/{case_id}", path)) + ("/" if path.endswith("/") else "")
        page = _CASE_PAGE.match(where)
        if page is not None and page.group(1) != case_id:
            found.append(CaseLink(page.group(1), line, target, needs_file=page.group(2) == "/index.md"))
            continue
        beside = folder / path
        name = Path(path).name
        # another case's folder by its path, without index.md (../../广东省/gz-…/): no page on the
        # site, and the strict build lets a link without an extension be (a second trial)
        case_folder = page is None and _case_folder(beside, folder)
        if not case_folder and (path.endswith("/") or page is not None or not posixpath.splitext(posixpath.basename(where))[1]):
            continue  # this case's own page, or a page of the site (MkDocs leaves links without an extension alone)
        if case_folder or (beside.is_file() and not beside.resolve().is_relative_to(folder.resolve()) and name == "index.md"):
            beside = beside / "index.md" if case_folder else beside
            message = (
                f"正文用文件夹路径 {path} 链接另一个案例：网站上的案例不按省份文件夹存放，这个链接打不开，发布时的检查也会失败。"
                f"请改写成那个案例的网址 /cases/编号/（编号是它 id 一行写的，一般就是文件夹名 {beside.parent.name}）。"
            )
        elif beside.is_file() and not beside.resolve().is_relative_to(folder.resolve()):
            message = f"正文链接到本案例文件夹以外的文件 {path}：网站不发布它，这个链接在网站上打不开，发布时的检查也会失败。"
        elif beside.is_file():
            message = f"正文链接到案例文件夹里的文件 {name}：网站只发布案例页和正文里插入的照片（照片会改名），这个链接在网站上打不开，发布时的检查也会失败。"
        else:
            message = f"正文里的链接 {target} 在网站上没有对应的页面或文件（案例在网站上的网址是 /cases/编号/，与文件夹的位置无关），发布时的检查会失败。"
        diags.error(line, "body-link", message, _HINT)
    return found
