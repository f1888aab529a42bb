"""下载汇编 on the site: which pages offer booklets, and the files, kept between builds.

Every collection page offers its booklet; theme and year pages do too when the
``booklets`` option is on (off by default: laying out a PDF of a large theme takes
time; README, Compilations). Files live in a cache folder under a name derived from
everything that decides their bytes (the cases' files, their photos, the words, the
site's address and organizer, the writers' code and libraries), so a build makes again only
the booklets whose cases changed.

The Word booklets' contents page numbers are estimated here (``layout.py``), not laid
out by LibreOffice as ``showcase booklet`` does: a layout pass runs LibreOffice once
per booklet (a few seconds to start, then the layout; ``scripts/bench_booklet.py``),
a site build has a booklet per theme, year and collection, and a build server may
have no LibreOffice at all, which would make the same site's files differ by machine.
Word and WPS, which open downloaded booklets, rebuild the contents anyway. The date printed on the cover is the newest
publication date of its cases, not the day of the build, for the same reason.

Like the photo renditions (``core/cachefile.py``), each cached booklet has a record of its
size and SHA-256 beside it (``<name>.json``), checked before the file is published: a
booklet cut short or changed in the cache is made again, with one line saying so.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path

from ...cachefile import Record, problem, read_regular, write_atomic
from ...cacheprune import CacheArea
from ...case.imagerefs import resolve
from ...case.model import Case
from ...collection.curated import CuratedCollection
from ...media.photos import ImageOptions
from ...options import DEFAULTS
from ...site.index import SiteIndex
from ..feeds import SiteInfo, publication_date
from .make import make_booklet
from .select import Selection, booklet_title, by_theme_then_date

FORMATS = ("pdf", "docx")
NAME = "booklet"  # /collections/<key>/booklet.pdf
# The cached booklets and their records, as ``build_booklets`` names them (core/cacheprune.py).
LAYOUT = re.compile(r"[0-9a-f]{32}\.(?:pdf|docx)(?:\.json)?")


@dataclass(frozen=True)
class BookletFile:
    url: str  # site-relative
    format: str  # pdf, docx
    path: Path  # in the cache
    download: str  # the file name a browser saves it as

    @property
    def size(self) -> str:
        size = self.path.stat().st_size
        return f"{size / 1048576:.1f} MB" if size >= 1048576 else f"{max(1, round(size / 1024))} KB"


@dataclass
class BookletJob:
    page_url: str  # the page that offers it
    selection: Selection
    again: str = ""  # the arguments of `showcase booklet` that select the same cases (--collection key)


def booklet_jobs(
    index: SiteIndex, collections: list[CuratedCollection], *, listings: bool, default_title: str, title_ends: Sequence[str] | None = None
) -> list[BookletJob]:
    """Each collection; with ``listings``, each theme, activity series and year too (cases by
    theme, then date)."""
    jobs = [
        BookletJob(
            c.url, Selection(booklet_title(c.title, default_title, title_ends), list(c.cases), c.paragraphs()), f"--collection {c.key}"
        )
        for c in collections
        if c.cases
    ]
    if listings:
        for option, listings_of in (("theme", index.themes), ("brand", index.brands), ("year", index.years)):
            for listing in listings_of:
                if not listing.cases:
                    continue
                first = listing.key if option == "theme" else None
                selection = Selection(
                    booklet_title(listing.title, default_title, title_ends), by_theme_then_date(index, listing.cases, first)
                )
                jobs.append(BookletJob(listing.url, selection, f"--{option} {listing.key}"))
    return jobs


# What lays a booklet out: the whole core (the writers, and what they call: the body's
# Markdown and sanitizer, the photo pipeline, the selection, office.py) and the package's
# data files, read once a process.
WRITERS = Path(__file__).resolve().parents[2]


@cache
def _writers(code: Path = WRITERS) -> str:
    """The code, data and libraries that lay booklets out: the package's version stays
    0.1.0 across changes, so a cached booklet made by an older writer (before the Word
    booklet was declared Chinese, before the PDF captioned photos, before the sanitizer
    changed) would be published for ever."""
    digest = hashlib.sha256()
    sources = sorted(code.rglob("*.py")) + sorted((code.parent / "data").glob("*.*"))
    for source in sources:
        digest.update(source.relative_to(code.parent).as_posix().encode() + b"\0" + source.read_bytes())
    for library in ("practice-showcase", "python-docx", "weasyprint", "pypdf", "segno", "markdown", "nh3", "pillow"):
        try:
            digest.update(f"{library} {metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
            digest.update(library.encode())
    return digest.hexdigest()


def _fingerprint(
    job: BookletJob,
    fmt: str,
    site: SiteInfo,
    organizer: str,
    texts: dict,
    images: ImageOptions,
    sample_tag: str,
    linked: Container[str] | None,
) -> str:
    digest = hashlib.sha256()
    head = [
        fmt,
        _writers(),
        job.selection.title,
        job.selection.intro,
        site.title,
        site.base_url,
        organizer,
        sample_tag,
        texts["booklet"],
        images.fingerprint(),
    ]
    # the other cases its cases link to that have a page: their addresses are printed (content.prepare)
    head.append(
        sorted({link.case_id for case in job.selection.cases for link in case.case_links if linked is None or link.case_id in linked})
    )
    digest.update(json.dumps(head, ensure_ascii=False, sort_keys=True).encode())
    for case in job.selection.cases:
        digest.update(case.path.read_bytes())
        for ref in case.images:
            path = resolve(case.folder, ref.src)
            if path is not None and path.is_file():
                stat = path.stat()
                digest.update(f"{ref.src}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def cache_area(cache_dir: Path, booklets: dict[str, list[BookletFile]]) -> CacheArea:
    """The booklet cache as ``cacheprune`` sees it, and the files of ``booklets`` (this build's)."""
    used = frozenset(path for made in booklets.values() for file in made for path in (file.path, record_path(file.path)))
    return CacheArea(cache_dir, LAYOUT, used)


def _compiled(cases: list[Case]) -> date:
    return max(publication_date(c) for c in cases)


def record_path(path: Path) -> Path:
    """Where the size and SHA-256 of the cached booklet ``path`` are kept."""
    return path.with_name(path.name + ".json")


def cached_problem(path: Path) -> str | None:
    """Why the cached booklet ``path`` cannot be published as it is; None when it can."""
    if not path.is_file():
        return "文件缺失"
    try:
        raw = json.loads(read_regular(record_path(path)).decode("utf-8"))
    except (OSError, ValueError):
        raw = None
    return problem(path, Record.from_json(raw))


def build_booklets(
    jobs: list[BookletJob],
    cache_dir: Path,
    *,
    site: SiteInfo,
    organizer: str,
    texts: dict,
    images: ImageOptions,
    sample_tag: str = "",
    log: Callable[[str], None] | None = None,
    seconds_per_case: float = DEFAULTS.booklet_seconds_per_case,
    linked: Container[str] | None = None,
) -> tuple[dict[str, list[BookletFile]], int]:
    """Page URL -> its booklets; and how many were made (the others came from the cache).

    A PDF booklet whose layout passes its time limit (``seconds_per_case``, ``make.py``)
    stops the build with ``BookletLayoutError``: nothing of it is in the cache, no record says
    it was made, and the next build lays it out again."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    out: dict[str, list[BookletFile]] = {}
    made = 0
    for job in jobs:
        files = []
        for fmt in FORMATS:
            path = cache_dir / f"{_fingerprint(job, fmt, site, organizer, texts, images, sample_tag, linked)}.{fmt}"
            why = cached_problem(path)
            if why is not None:
                damaged = path.exists()
                make_booklet(
                    job.selection,
                    path,
                    site=site,
                    organizer=organizer,
                    texts=texts,
                    images=images,
                    compiled=_compiled(job.selection.cases),
                    mode="lines" if log else "off",
                    log=log,
                    label=f"{job.selection.title}.{fmt}",
                    layout=False,
                    sample_tag=sample_tag,
                    seconds_per_case=seconds_per_case,
                    again=job.again,
                    linked=linked,
                )
                write_atomic(record_path(path), json.dumps(Record.of(path).to_json()))
                if damaged and log is not None:  # a damaged cache is no author's fault: not a warning
                    log(f"已重新生成损坏的缓存文件 {path}：{why}")
                made += 1
            files.append(BookletFile(f"{job.page_url}{NAME}.{fmt}", fmt, path, f"{job.selection.title}.{fmt}"))
        out[job.page_url] = files
    return out, made
