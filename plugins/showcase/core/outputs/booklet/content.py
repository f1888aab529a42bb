"""What a booklet shows of each case: text blocks and processed photos, engine-free.

The body's Markdown is converted as the site converts it (tables, attribute lists),
sanitized with the site's allow-list, and read back as blocks a word processor
understands (headings, paragraphs, list items, tables, images). Every image is a
rendition from the image cache (``core/media/photos.py``): re-encoded, upright,
without metadata; an original photo never reaches a booklet.
"""

from __future__ import annotations

import html as html_lib
import io
import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import segno

from ...case.imagerefs import resolve
from ...case.model import Case
from ...case.places import place_data
from ...chinadate import china_today
from ...media.photos import ImageOptions, LazyPool, Processed, cover_in_body, normalize_src, process_images
from ...site.citation import gbt7714, review_line
from ...site.index import case_url
from ...site.sanitize import sanitize
from ...site.texts import chinese_date, sample_mark, sample_note
from ..feeds import SiteInfo
from .select import Selection
from .title import title_lines

PRINT_WIDTH = 960  # the rendition used on paper: ~16 cm at 150 dpi


@dataclass
class Image:
    path: Path  # a rendition in the image cache
    width: int
    height: int
    alt: str = ""


@dataclass
class Block:
    kind: str  # heading, paragraph, item, table, image
    text: str = ""
    level: int = 0  # heading level (2-6), list depth
    rows: list[list[str]] = field(default_factory=list)
    image: Image | None = None
    # ``text`` in pieces, each bold or not (**定规矩。** leads a paragraph of 主要做法): the
    # Word booklet writes them as runs; one piece when nothing in the block is bold
    runs: list[tuple[str, bool]] = field(default_factory=list)
    # an item of a numbered list (<ol>): its number, as the page shows it; 0 for a bullet's
    # (a department's trial: the Word booklet set 1. 2. 3. as bullets)
    number: int = 0


@dataclass
class Entry:
    case: Case
    number: int
    meta: str  # date · themes · organization · region
    days: tuple[str, ...]  # the date in words: its day, or a period's first and last day (meta holds them joined)
    date_to: str  # the word between a period's days (the site's texts, labels.date_to: 至)
    permalink: str
    qr_png: bytes | None  # None without site_url: a bare path printed on paper leads nowhere
    cover: Image | None
    blocks: list[Block]
    html: str  # the sanitized body with images pointing at renditions (file URIs), for PDF
    figures: list[str]
    # In the permalink box, as the case page's 引用 box says them: who reviewed the case and
    # when ("" without a reviewer), and its GB/T 7714 entry with [引用日期] for the reader to
    # fill in, up to its address, which is the permalink, printed after it on a line of its
    # own as the permalink is (a department citing from paper had no date)
    review: str = ""
    cited: str = ""


@dataclass
class Booklet:
    title: str
    site_title: str
    organizer: str
    compiled: date
    intro: list[str]
    entries: list[Entry]
    texts: dict
    # "compiled" (编印日期: the day it was made) or "as_of": a site's booklet is dated by its
    # newest case, so that the same cases make the same file, and says so (收录至)
    dated: str = "compiled"
    # On the cover when sample (made-up) cases are in it: said, as the site says it, so that
    # no department cites one (texts booklet.sample_all / sample_some)
    sample_note: str = ""
    title_words: tuple[str, ...] = ()  # the selection's: what its title was made of, the taxonomy's names

    def title_lines(self) -> list[str]:
        """The cover title's lines, cut between words (title.py), for both formats."""
        cities = (name for names in (place_data().get("cities") or {}).values() for name in names)
        return title_lines(self.title, (*self.title_words, *self.texts["booklet"].get("title_words", ()), *cities))

    def cover_lines(self) -> list[str]:
        """The cover's lines under the title, for both formats: source, organizer, date compiled."""
        words = self.texts["booklet"]
        lines = [words["source"].format(site=self.site_title)]
        if self.organizer:
            lines.append(words["organizer"].format(organizer=self.organizer))
        lines.append(words[self.dated].format(date=chinese_date(self.compiled)))
        if self.sample_note:
            lines.append(self.sample_note)
        return lines


def _runs(pieces: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Adjacent pieces of the same weight joined, the ends stripped as the block's text is."""
    runs: list[tuple[str, bool]] = []
    for text, bold in pieces:
        if runs and runs[-1][1] == bold:
            runs[-1] = (runs[-1][0] + text, bold)
        elif text:
            runs.append((text, bold))
    if runs:
        runs[0] = (runs[0][0].lstrip(), runs[0][1])
        runs[-1] = (runs[-1][0].rstrip(), runs[-1][1])
    return [run for run in runs if run[0]]


class _Blocks(HTMLParser):
    """Sanitized body HTML -> blocks; inline markup becomes plain text, bold kept as runs."""

    def __init__(self, images: dict[str, Image]):
        super().__init__(convert_charrefs=True)
        self.images = images
        self.blocks: list[Block] = []
        self.text: list[str] | None = None
        self.kind = ""
        self.level = 0
        self.depth = 0
        self.table: list[list[str]] | None = None
        self.row: list[str] | None = None
        self.strong = 0  # inside <strong> or <b>
        self.pieces: list[tuple[str, bool]] = []  # self.text, each piece bold or not
        self.lists: list[int | None] = []  # the lists open: a numbered one's last number, None for bullets
        self.number = 0  # the item's number in a numbered list (Block.number)

    def _start(self, kind: str, level: int, text: list[str] | None = None) -> None:
        self.kind, self.level, self.text = kind, level, text if text is not None else []
        self.pieces = [(piece, self.strong > 0) for piece in self.text]
        if kind != "item":
            self.number = 0

    def _flush(self) -> None:
        if self.text is not None:
            text = "".join(self.text).strip()
            if text:
                self.blocks.append(Block(self.kind, text, self.level, runs=_runs(self.pieces), number=self.number))
        self.text = None
        self.pieces = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag in ("strong", "b"):
            self.strong += 1
        elif tag in ("h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self._start("heading", int(tag[1]))
        elif tag in ("p", "blockquote", "dd", "dt", "figcaption", "caption"):
            # the first paragraph of a list item (a list with blank lines between its items:
            # <li><p>…) is the item's text, its number kept (a review: 1. 2. 3. lost in Word)
            opening_item = tag == "p" and self.kind == "item" and self.text is not None and not "".join(self.text).strip()
            if self.table is None and not opening_item:
                self._flush()
                self._start("paragraph", 0)
        elif tag in ("ul", "ol"):
            self._flush()
            self.depth += 1
            start = named.get("start") or "1"
            self.lists.append((int(start) - 1 if start.isdigit() and len(start) < 9 else 0) if tag == "ol" else None)
        elif tag == "li":
            self._flush()
            self._start("item", self.depth)
            self.number = 0
            if self.lists and (last := self.lists[-1]) is not None:
                self.lists[-1] = self.number = last + 1
        elif tag == "table":
            self._flush()
            self.table = []
        elif tag == "tr" and self.table is not None:
            self.row = []
            self.table.append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.row.append("")
        elif tag == "br" and self.text is not None:
            self.text.append("\n")
            self.pieces.append(("\n", self.strong > 0))
        elif tag == "img":
            image = self.images.get(named.get("src") or "")
            if image is not None:
                pending = self.text
                self._flush()
                self.blocks.append(
                    Block("image", named.get("alt") or "", image=Image(image.path, image.width, image.height, named.get("alt") or ""))
                )
                if pending is not None:
                    self._start(self.kind, self.level)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("strong", "b"):
            self.strong = max(0, self.strong - 1)
        elif tag in ("h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "dd", "dt", "figcaption") and self.table is None:
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            self.depth = max(0, self.depth - 1)
            if self.lists:
                self.lists.pop()
        elif tag == "table" and self.table is not None:
            if self.table:
                self.blocks.append(Block("table", rows=self.table))
            self.table = self.row = None

    def handle_data(self, data: str) -> None:
        if self.row is not None and self.row:
            self.row[-1] += data.strip()
        elif self.text is not None:
            self.text.append(data.replace("\n", ""))
            self.pieces.append((data.replace("\n", ""), self.strong > 0))
        elif data.strip() and self.table is None:
            self._start("paragraph", 0, [data.strip()])

    def close(self) -> None:
        super().close()
        self._flush()


def _image_sources(case: Case) -> dict[str, Path]:
    found = {}
    for ref in case.images:
        path = resolve(case.folder, ref.src)
        if path is not None and path.is_file():
            found[normalize_src(ref.src)] = path
    return found


def _rendition(processed: Processed, alt: str = "") -> Image:
    width = max((w for w, _ in processed.sizes if w <= PRINT_WIDTH), default=processed.sizes[0][0])
    height = dict(processed.sizes)[width]
    return Image(processed.file(width, "jpg"), width, height, alt)


def qr_png(url: str) -> bytes | None:
    """The permalink as a PNG QR code (error correction M, four-module quiet zone); None
    when no QR code holds it (a site_url of some 2,300 bytes), as the page has none then
    (core/site/qr.py): it was segno's DataOverflowError, a traceback mid-build."""
    try:
        code = segno.make(url, error="m", micro=False)
    except segno.DataOverflowError:
        return None
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


def days(case: Case) -> tuple[str, ...]:
    """The case's date (or period) in words, a day each: a word processor broke 2023-03-18 at
    its hyphen (“2023-” / “03-18”). The Word and PDF layouts keep each day whole, and join
    a period's days with the site's word for it (labels.date_to, 至), as the case's page does."""
    if not case.date:
        return ()
    return (chinese_date(case.date), chinese_date(case.end_date)) if case.end_date else (chinese_date(case.date),)


def meta_line(case: Case, date_to: str) -> str:
    """The line under a case's title. The date comes first, where a line never breaks it: at
    the end, LibreOffice broke it inside (2024年2 / 月10日) even with word joiners between
    its characters, and so did the PDF (an editor's trial)."""
    parts = [date_to.join(days(case)), "、".join(t.label for t in case.themes), case.organization.name, " ".join(case.region.parts())]
    return META_SEPARATOR.join(p for p in parts if p)


# Between the parts of that line: a no-break space before the dot, so that a line never starts
# with it (a department's trial: “· 广东省 广州市 白云区” in LibreOffice); the line breaks after it.
META_SEPARATOR = "\u00a0· "


def figures(case: Case, words: dict) -> list[str]:
    out = []
    if case.volunteers is not None:
        out.append(words["volunteers"].format(count=f"{case.volunteers:,}"))
    if case.served is not None:
        out.append(words["served"].format(count=f"{case.served:,}"))
    if case.beneficiaries:
        out.append(words["beneficiaries"].format(names="、".join(case.beneficiaries)))
    return out


def prepare(
    selection: Selection,
    *,
    site: SiteInfo,
    organizer: str,
    texts: dict,
    images: ImageOptions,
    compiled: date | None = None,
    sample_tag: str = "",
    tick: Callable[[], None] | None = None,
    linked: Container[str] | None = None,
) -> Booklet:
    """Every case of ``selection`` ready to lay out; photos processed (or taken from the cache).
    ``linked``: the ids whose /cases/<id>/ the site has a page for (``SiteIndex.case_addresses``);
    a link to another case prints its address only then (None: every one)."""
    sources = {case.id: _image_sources(case) for case in selection.cases}
    with LazyPool(images.worker_count()) as pool:
        results, _ = process_images((p for found in sources.values() for p in found.values()), images, pool)
    words, labels = texts["booklet"], texts["labels"]
    date_to = labels["date_to"]
    entries = []
    md = markdown.Markdown(extensions=["tables", "sane_lists", "attr_list"])  # as the site: a list keeps its first number
    for number, case in enumerate(selection.cases, start=1):
        renditions: dict[str, Image] = {}
        for src, path in sources[case.id].items():
            result = results.get(path)
            if isinstance(result, Processed):
                renditions[src] = _rendition(result)
        # Above the body unless the body shows it (as the page does): it was printed twice.
        cover = renditions.get(normalize_src(case.cover)) if case.cover and not cover_in_body(case) else None
        html = sanitize(md.reset().convert(case.body))
        by_uri: dict[str, Image] = {}

        def swap(src: str, renditions: dict[str, Image] = renditions, by_uri: dict[str, Image] = by_uri) -> str | None:
            image = renditions.get(normalize_src(src))
            if image is None:
                return None
            uri = image.path.resolve().as_uri()
            by_uri[uri] = image
            return uri

        html = _retarget_links(_retarget_images(html, swap), case_url(case.id), site, linked)
        parser = _Blocks(by_uri)
        parser.feed(html)
        parser.close()
        link = site.url(case_url(case.id))
        entries.append(
            Entry(
                case=case,
                number=number,
                meta=sample_mark(case, sample_tag, words) + meta_line(case, date_to),
                days=days(case),
                date_to=date_to,
                permalink=link,
                qr_png=qr_png(link) if site.base_url else None,
                cover=cover,
                blocks=parser.blocks,
                html=html,
                figures=figures(case, words),
                review=review_line(case, labels),
                cited=labels["cite_gbt"]
                + sample_mark(case, sample_tag, words)
                + gbt7714(case, link).before_url(labels["cited_placeholder"]),
            )
        )
        if tick is not None:
            tick()
    return Booklet(
        title=selection.title,
        site_title=site.title,
        organizer=organizer,
        compiled=compiled or china_today(),
        dated="compiled" if compiled is None else "as_of",
        intro=selection.intro,
        entries=entries,
        texts=texts,
        sample_note=sample_note(selection.cases, sample_tag, words),
        title_words=selection.title_words,
    )


def _retarget_images(html: str, swap: Callable[[str], str | None]) -> str:
    """Each ``<img src>`` pointed at its rendition; an image without one (external, missing) is dropped."""

    def one(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = re.search(r'\ssrc="([^"]*)"', tag)
        target = swap(_unescape(src.group(1))) if src else None
        if src is None or target is None:
            return ""
        return tag.replace(src.group(0), f' src="{target}"')

    return re.sub(r"<img\b[^>]*>", one, html)


_LINK = re.compile(r'<a\b[^>]*?\shref="([^"]*)"[^>]*>(.*?)</a>', re.S)
_CASE_PAGE = re.compile(r"^/cases/([^/]+)/")


def _retarget_links(html: str, page: str, site: SiteInfo, linked: Container[str] | None = None) -> str:
    """Each link as paper can show it: its words, then its address in brackets when the
    words are not the address — a web page, an e-mail address, another case's page (a full
    address under the site's; none without ``site_url``, as a bare path leads nowhere on
    paper). A link anywhere else (an anchor, a file) keeps its words only. Links stay
    clickable in the PDF where they lead somewhere. A department's trial: every link's
    address was lost on paper and in Word, and links to other cases became ``file:///``
    addresses holding the folder of the computer that made the booklet. A link to a case
    the site has no page for (a draft, one in review: not in ``linked``) keeps its words
    only: a booklet printed a draft's address, which leads nowhere (an editor's trial)."""

    def one(match: re.Match[str]) -> str:
        href, words = html_lib.unescape(match.group(1)).strip(), match.group(2)
        shown = html_lib.unescape(re.sub(r"<[^>]+>", "", words)).strip()
        if href.startswith("//"):  # another site's address without its scheme: as the page's link goes (a review)
            href = "https:" + href
        scheme = urlsplit(href).scheme.lower()
        if scheme in ("http", "https"):
            target = href
        elif scheme == "mailto":
            target = href.split(":", 1)[1].split("?", 1)[0]
        elif not scheme and not href.startswith("#"):
            parts = urlsplit(urljoin("/" + page, href))
            path = parts.path
            base = urlsplit(site.base_url).path  # a link written with the published sub-path: /showcase/cases/x/
            if base not in ("", "/") and path.startswith(base):
                path = "/" + path[len(base) :]
            last = path.rstrip("/").rsplit("/", 1)[-1]
            # a page of the site (/cases/<id>/, also written without its closing slash); a file
            # beside the case (a photo, a form) is published renamed or not at all, so its words
            # only (reviews)
            page_path = path if path.endswith("/") else path + "/" if "." not in last else ""
            fragment = f"#{parts.fragment}" if parts.fragment else ""
            target = site.url(page_path.lstrip("/")) + fragment if site.base_url and page_path else ""
            if linked is not None and (other := _CASE_PAGE.match(page_path)) and other.group(1) not in linked:
                target = ""
        else:
            target = ""
        if not target:
            return words
        anchor = f'<a href="{html_lib.escape(href if scheme else target)}">{words}</a>'
        return anchor if shown in (target, href) else f"{anchor}（{html_lib.escape(target)}）"

    return _LINK.sub(one, html)


def _unescape(value: str) -> str:
    return html_lib.unescape(value)
