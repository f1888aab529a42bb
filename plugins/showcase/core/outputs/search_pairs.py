"""Which Chinese characters the indexed text has, and which character follows which.

Pagefind matches each query word as the start of an indexed word. A word that no indexed
word starts with is not reported as missing: Pagefind searches instead for the longest
indexed word that starts it (区块链 -> 区), so a search for a word no case has finds every
case with 区 in it. The index itself cannot tell that the word is in no case, because jieba
may have cut it into several indexed words (新时代 is indexed as 新 + 时代).

So, after Pagefind, the build reads the text Pagefind indexed (each page's fragment: its
content and metadata) and writes every Chinese character that occurs in it, each with the
characters that follow it somewhere. The search page fetches only the files holding the
characters of a query. A query word with a character, or two adjacent characters, that no
case has cannot be in any case, whatever the segmentation (``assets/search.js`` then
leaves it out of the search and says so). The reverse does not hold: every pair of 人工智能
may occur in some case without the word, and then the page searches as before.

Files: ``search/pairs/<n>.json``, n = the character's code point modulo the bucket count
(``pair_buckets``, from the number of published cases, which the search page knows when it
is written, before Pagefind runs). Each is ``{"老": "人年师…", …}``: every character of the
bucket that occurs, with the characters that follow it, sorted (empty when it is only ever
last). Characters outside ``HAN`` (punctuation, Latin, digits) are dropped before pairing,
so two characters with anything between them also count as adjacent: a superset, never
a pair short (a word with 文<strong>明</strong>… in its page is still whole).

A file also holds, under ``TRADITIONAL_KEY``, the Traditional characters of its bucket
that no case has, each with the Simplified one (OpenCC's ``t2s``, character by character)
that some case has: ``"simplified": {"區": "区", …}``, left out when there is none. The
search page reads a query typed in Traditional (社區, 長者食堂) as Simplified from the files
it fetches for the query's characters anyway.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import json
import re
import shutil
import sys
import time
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..collection.stored import code_fingerprint
from ..errors import ShowcaseError
from ..packaged import DATA, read_packaged
from ..progress import Reporter, silent
from ..workers import PARALLEL_MIN_ITEMS, map_on_cores
from .search_cache import FRAGMENT_SIGNATURE, EntryDamaged, SearchCache

# Code point ranges counted as Chinese characters: CJK Unified Ideographs, Extension A, and
# the supplementary planes' extensions. The search page gets the same ranges from its config.
HAN: tuple[tuple[int, int], ...] = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0x20000, 0x3FFFF))
NOT_HAN = re.compile("[^" + "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN) + "]+")
GROUPS = 16  # fragment files are read in this many groups, on every core
PAIRS_DIR = "search/pairs"
# Buckets: about 8 published cases a bucket, at least 64 (a small site's files stay small
# too: a query reads one file a character) and at most 4,096 files.
CASES_PER_BUCKET = 8
MIN_BUCKETS = 64
MAX_BUCKETS = 4096
FUNCTION_CHARS = DATA / "search-function-chars.yml"


# The key of a pair file's Traditional forms (not a character: never taken for one).
TRADITIONAL_KEY = "simplified"


@functools.cache
def traditional_forms() -> dict[str, str]:
    """Every Chinese character of the Basic Multilingual Plane that OpenCC's ``t2s`` writes as
    another one: {traditional: simplified} (3,761 with OpenCC 1.1; converted one a line, so no
    phrase of two characters decides; a few milliseconds)."""
    import opencc  # a dependency already (core/simplified.py); imported when the files are written

    chars = [chr(code) for low, high in HAN if high <= 0xFFFF for code in range(low, high + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):
        return {}
    return {t: s for t, s in zip(chars, converted, strict=True) if len(s) == 1 and s != t and ord(s) <= 0xFFFF}


def function_characters(key: str = "characters") -> str:
    """The characters the search page leaves out with a missing word but never names
    (``data/search-function-chars.yml``; ``number_modifiers``, those it leaves out with a
    number no case has before its unit): only Chinese characters, each once."""
    data = read_packaged(FUNCTION_CHARS.name)
    text = data.get(key, "") if isinstance(data, dict) else ""
    return "".join(dict.fromkeys(c for c in str(text) if NOT_HAN.fullmatch(c) is None))


def question_words(key: str = "question_words") -> list[str]:
    """The words of a question the search page leaves out of a query when others remain
    (``data/search-function-chars.yml``: ``question_words``; ``how_words``, those of them
    that take the character after them along; ``number_units``, the measures after a number)."""
    data = read_packaged(FUNCTION_CHARS.name)
    words = data.get(key, []) if isinstance(data, dict) else []
    return list(dict.fromkeys(str(word) for word in words if str(word).strip()))


class FragmentError(ShowcaseError, ValueError):
    """A Pagefind fragment this module cannot read (another Pagefind version's format)."""


def pair_buckets(published: int) -> int:
    """The number of pair files for a site with this many published cases: a power of two."""
    buckets = MIN_BUCKETS
    while buckets * CASES_PER_BUCKET < published and buckets < MAX_BUCKETS:
        buckets *= 2
    return buckets


def fragment_text(data: bytes) -> tuple[str, str]:
    """(url, text) of one Pagefind fragment file: its content and its metadata values."""
    try:
        raw = gzip.decompress(data)
        if not raw.startswith(FRAGMENT_SIGNATURE):
            raise FragmentError("索引片段的格式无法识别")
        fragment = json.loads(raw[len(FRAGMENT_SIGNATURE) :])
        meta = fragment.get("meta") or {}
        values = [fragment["content"], *(v for v in meta.values() if isinstance(v, str))]
        return str(fragment["url"]), "\n".join(values)
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FragmentError(f"索引片段无法读取：{exc}") from None


def _pairs_of(paths: Sequence[Path], urls: frozenset[str]) -> tuple[list[str], str, bytes]:
    """(the urls read, characters found alone, the pairs) of these fragment files that belong
    to ``urls``. One task of ``han_pairs``.

    A pair is the 8 bytes of its two characters in UTF-32: the text's Chinese characters
    encoded once and read as 64-bit numbers at every character (twice as fast as making a
    two-character string of each, 0.3 ms a page). Every character of a text of two or
    more is in a pair; a text of one only is returned alone.
    """
    found: list[str] = []
    alone: set[str] = set()
    pairs: set[int] = set()
    for path in paths:
        url, text = fragment_text(path.read_bytes())
        if url not in urls:
            continue  # a site built with --dirty may keep fragments of pages since withdrawn
        found.append(url)
        han = NOT_HAN.sub("", text.replace("\u200b", ""))  # Pagefind's word breaks first: fewer matches
        count = len(han)
        if count == 1:
            alone.add(han)
        data = han.encode("utf-32-le")
        pairs.update(memoryview(data[: count // 2 * 8]).cast("Q"))  # characters 0-1, 2-3, …
        pairs.update(memoryview(data[4 : 4 + (count - 1) // 2 * 8]).cast("Q"))  # 1-2, 3-4, …
    return found, "".join(alone), array("Q", sorted(pairs)).tobytes()


def han_pairs(bundles: Iterable[Path], urls: set[str], jobs: int = 0, report: Reporter = silent) -> dict[str, set[str]]:
    """Every Chinese character of the indexed text of ``urls`` (the published case pages,
    ``/cases/<id>/``) in these Pagefind bundles, with the characters that follow it.

    On every core (reading, unzipping and pairing take about 0.45 ms of CPU a page). A
    published page without a fragment raises ``FragmentError``: pairs missing its text would
    make the search page call its words absent.
    """
    paths = [path for bundle in bundles for path in sorted((bundle / "fragment").glob("*.pf_fragment"))]
    groups = [paths[start::GROUPS] for start in range(GROUPS)]
    task = functools.partial(_pairs_of, urls=frozenset(urls))
    jobs = jobs if len(paths) >= PARALLEL_MIN_ITEMS else 1  # a few pages: here (workers would cost more)
    with report("整理搜索字表", len(paths)) as bar:
        sizes = iter([len(group) for group in groups])  # a tick counts groups; the bar, pages
        done = map_on_cores(task, groups, jobs, minimum=2, tick=lambda n: bar(sum(next(sizes) for _ in range(n))))
    found: set[str] = set()
    following: dict[str, set[str]] = {}
    for read, alone, data in done:
        found.update(read)
        for char in alone:
            following.setdefault(char, set())
        for pair in array("Q", data):
            both = pair.to_bytes(8, sys.byteorder).decode("utf-32-le")
            first, second = both[0], both[1]
            following.setdefault(first, set()).add(second)
            following.setdefault(second, set())
    missing = urls - found
    if missing:
        raise FragmentError(f"有 {len(missing)} 个已发布案例在索引里找不到，例如 {min(missing)}")
    return following


@dataclass(frozen=True)
class PairsReport:
    chars: int
    pairs: int
    files: int
    bytes: int
    seconds: float
    kept: bool = False  # taken from the search cache (chars and pairs then -1: not counted)


def _write_files(site_dir: Path, contents: Sequence[bytes]) -> int:
    """Write ``search/pairs/<n>.json`` from these contents, replacing any earlier files; the bytes."""
    folder = Path(site_dir) / PAIRS_DIR
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, data in enumerate(contents):
        (folder / f"{number}.json").write_bytes(data)
    return sum(len(data) for data in contents)


def write_pairs(site_dir: Path, following: dict[str, set[str]], buckets: int) -> PairsReport:
    """Write the pair files (replacing any earlier ones), every bucket even if empty."""
    start = time.perf_counter()
    files: list[dict[str, Any]] = [{} for _ in range(buckets)]
    for char in sorted(following):
        files[ord(char) % buckets][char] = "".join(sorted(following[char]))
    # Traditional characters no case has, read as the Simplified ones some case has (區 -> 区).
    for traditional, simple in traditional_forms().items():
        if traditional not in following and simple in following:
            files[ord(traditional) % buckets].setdefault(TRADITIONAL_KEY, {})[traditional] = simple
    size = _write_files(site_dir, [json.dumps(f, ensure_ascii=False, separators=(",", ":")).encode("utf-8") for f in files])
    pairs = sum(len(v) for v in following.values())
    return PairsReport(len(following), pairs, buckets, size, time.perf_counter() - start)


def build_pairs(
    site_dir: Path,
    bundles: Sequence[Path],
    urls: set[str],
    buckets: int,
    jobs: int = 0,
    report: Reporter = silent,
    cache: SearchCache | None = None,
) -> PairsReport:
    """Read the bundles' fragments of ``urls`` and write the pair files.

    Raises ``FragmentError`` when a fragment cannot be read; every pair file then holds
    ``null`` (no earlier file is left): the search page, unsure, searches as Pagefind alone
    would, and requests no file that is not there. ``cache``: the search index's, which
    keeps the files made from the same bundles (``SearchCache.pairs_key``) with them.
    """
    start = time.perf_counter()
    key = cache.pairs_key(bundles, urls, buckets, code_fingerprint()) if cache is not None else None
    folder = Path(site_dir) / PAIRS_DIR
    if cache is not None and key is not None and cache.restore_pairs(key, folder, functools.partial(check_pair_files, buckets=buckets)):
        files = sorted(folder.iterdir())
        return PairsReport(-1, -1, len(files), sum(p.stat().st_size for p in files), time.perf_counter() - start, kept=True)
    try:
        following = han_pairs(bundles, urls, jobs, report)
    except (FragmentError, OSError):
        _write_files(site_dir, [b"null"] * buckets)
        raise
    done = dataclasses.replace(write_pairs(site_dir, following, buckets), seconds=time.perf_counter() - start)
    if cache is not None and key is not None:
        cache.store_pairs(key, folder)
    return done


def check_pair_files(data: dict[str, bytes], buckets: int) -> None:
    """Raise ``EntryDamaged`` unless ``data`` (name -> bytes) is a whole set of pair files
    as ``write_pairs`` writes them: one per bucket, each characters mapped to text."""
    if sorted(data) != sorted(f"{n}.json" for n in range(buckets)):
        raise EntryDamaged("字表文件数目不符")
    for name, content in data.items():
        try:
            table = json.loads(content)
        except ValueError:
            raise EntryDamaged(f"{name} 无法读取") from None
        simplified = table.pop(TRADITIONAL_KEY, {}) if isinstance(table, dict) else None
        if not isinstance(simplified, dict) or not all(isinstance(v, str) for v in [*table.values(), *simplified.values()]):
            raise EntryDamaged(f"{name} 内容不对")
