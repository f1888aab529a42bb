"""The search index kept between builds, keyed by the pages it indexes.

Pagefind reads the case pages and nothing else (``search.CASE_PAGES_GLOB``, or a bundle's
list of pages), so an index depends only on those pages' bytes, their paths, Pagefind's
version and the options the build gives it. When a build writes the same case pages as the
build before (a text of the site reworded, a listing or the guide changed, the site built
again after a failed deployment), its index is that build's index: the bundle is taken
from ``.cache/showcase/search`` instead of indexed again (Pagefind's work was about 40 % of
a warm build's CPU at 1,000 cases). In a sharded index (``SearchPlan``) each bundle has its
own entry, so an edited case re-indexes its bundle only. Any case page that changes gives
another key: its bundle is indexed by Pagefind, as without the cache. The pair files the
search page reads to tell a word no case has (``search_pairs``), made from the bundles'
fragments, are kept too, keyed by the bundles' keys, the published pages, the number of
files and this package's code (``SearchCache.pairs_key``).

The cache is not trusted to hold what a build wrote (a CI cache restored from elsewhere, a
file edited by hand), and an index is read by a script on every reader's phone:

- an entry holds only the index's data (``DATA_FILE``: the entry file, the metadata, index,
  filter and fragment chunks), never code. Pagefind's scripts, styles and WebAssembly are
  written by Pagefind itself (``pagefind_code``: one small index, about 0.2 s of CPU, run
  once a process and only when an entry is used: kept in memory, never in the cache folder);
- every file of an entry must be whole gzip data (the entry file JSON of this Pagefind
  version), every fragment a page of the bundle (its URL one of the bundle's pages, each
  page once, as many as the entry file counts) with text values only;
- an entry that breaks any of this is not used: the bundle is indexed again and the entry
  replaced (``damaged`` names it in the build's log).

Entries are uncompressed tar files (the chunks are gzip already), written whole under a
temporary name and renamed (``cachefile.write_atomic``); a complete build removes those it
did not use (``core/cacheprune.py``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import shutil
import tarfile
import threading
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from ..cachefile import open_regular, write_atomic
from ..cacheprune import HEX2, HEX64, CacheArea
from ..diagnostics import describe_os_error

T = TypeVar("T")
FORMAT = 1
LAYOUT = re.compile(f"{HEX2}/{HEX64}\\.tar")  # the entries ``SearchCache.path`` names
# The index's data files, relative to its bundle folder; every other file Pagefind writes
# (pagefind.js, pagefind-worker.js, the UI scripts and styles, wasm.*.pagefind) is code.
DATA_FILE = re.compile(
    r"pagefind-entry\.json"
    r"|pagefind\.[A-Za-z0-9-]+_[0-9a-f]+\.pf_meta"
    r"|(?:fragment|index|filter)/[A-Za-z0-9-]+_[0-9a-f]+\.pf_(?:fragment|index|filter)"
)
ENTRY_FILE = "pagefind-entry.json"
PAIRS_FILE = re.compile(r"[0-9]{1,5}\.json")  # search_pairs' files, kept with the index they were read from
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # Pagefind 1.x: a fragment is gzip of this and its JSON
MAX_ENTRY_BYTES = 1 << 30  # far above a bundle of 5,000 long cases (about 40 MB)


def _versions() -> dict[str, str]:
    found = {}
    for name in ("pagefind", "pagefind_bin", "pagefind_bin_extended"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def page_url(page: str) -> str:
    """The URL Pagefind gives a site path: ``cases/a/index.html`` -> ``/cases/a/``."""
    return "/" + page.removesuffix("index.html")


class EntryDamaged(Exception):
    """An entry that must not be used; the message says what is wrong with it."""


@dataclass
class SearchCache:
    """One build's use of the search index cache folder (thread-safe: bundles run at once)."""

    folder: Path
    options: Mapping[str, Any]  # what the build tells Pagefind (language, excluded selectors)
    make_code: Callable[[], dict[str, bytes]]  # Pagefind's own files, made now (search.pagefind_code)
    used: set[Path] = field(default_factory=set)
    hits: int = 0
    stored: int = 0
    damaged: list[str] = field(default_factory=list)  # entries not used, with why
    bundle_keys: dict[Path, str] = field(default_factory=dict)  # each bundle folder's key in this build
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _code: dict[str, bytes] | None = field(default=None, repr=False)
    _early: threading.Thread | None = field(default=None, repr=False)
    _early_error: BaseException | None = field(default=None, repr=False)

    def prepare(self) -> None:
        """When the folder holds an entry, make Pagefind's own files now, on a thread, while
        the build writes its pages: an index taken from the cache then waits for nothing
        (Pagefind's start and its files settling take about 0.7 s of wall time, 0.2 s of CPU)."""
        if self._early is not None or not self._has_entries():
            return

        def make() -> None:
            try:
                self.pagefind_code()
            except BaseException as exc:  # reported when the code is needed (pagefind_code)
                self._early_error = exc

        self._early = threading.Thread(target=make, name="showcase-search-code", daemon=True)
        self._early.start()

    def _has_entries(self) -> bool:
        try:
            return any(LAYOUT.fullmatch(f"{sub.name}/{p.name}") for sub in self.folder.iterdir() if sub.is_dir() for p in sub.iterdir())
        except OSError:
            return False

    def key(self, site_dir: Path, pages: Sequence[str], output: Path | None = None) -> str:
        """SHA-256 of everything the bundle of ``pages`` (site paths) is made from; noted as
        the key of the bundle written to ``output`` (for ``pairs_key``)."""
        digest = hashlib.sha256()
        head = {"format": FORMAT, "versions": _versions(), "options": self.options}
        digest.update(json.dumps(head, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        for page in sorted(pages):
            with open_regular(Path(site_dir) / page) as stream:
                body = hashlib.file_digest(stream, "sha256").digest()
            digest.update(b"\0" + page.encode("utf-8") + b"\0" + body)
        key = digest.hexdigest()
        if output is not None:
            with self._lock:
                self.bundle_keys[Path(output).resolve()] = key
        return key

    def pairs_key(self, bundles: Sequence[Path], urls: Iterable[str], buckets: int, code: str) -> str | None:
        """The key of the pair files made from these bundles (``search_pairs``), None unless
        every bundle went through this cache in this build; ``code``: the package's fingerprint."""
        keys = [self.bundle_keys.get(Path(bundle).resolve()) for bundle in bundles]
        if not keys or None in keys:
            return None
        head = {"format": FORMAT, "pairs": True, "bundles": keys, "urls": sorted(urls), "buckets": buckets, "code": code}
        return hashlib.sha256(json.dumps(head, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()

    def restore_pairs(self, key: str, folder: Path, check: Callable[[dict[str, bytes]], None]) -> bool:
        """Write the kept pair files into ``folder`` (replacing it) once ``check`` accepts them
        (it raises ``EntryDamaged``); whether there were such files."""
        read = self._read(key, PAIRS_FILE, check)
        if read is None:
            return False
        shutil.rmtree(folder, ignore_errors=True)
        _write_files(folder, read[0])
        return True

    def store_pairs(self, key: str, folder: Path) -> None:
        self._store(key, folder, sorted(p.name for p in folder.iterdir() if PAIRS_FILE.fullmatch(p.name)))

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.tar"

    def restore(self, key: str, output: Path, pages: Sequence[str]) -> int | None:
        """Write the entry's index into ``output``, with Pagefind's code made now; the
        number of pages it holds, or None when there is no usable entry (nothing written)."""
        urls = {page_url(page) for page in pages}
        read = self._read(key, DATA_FILE, lambda data: self._check_index(data, urls))
        if read is None:
            return None
        data, count = read
        code = {name: content for name, content in self.pagefind_code().items() if not DATA_FILE.fullmatch(name)}
        _write_files(output, {**code, **data})
        return count

    def _check_index(self, data: dict[str, bytes], urls: set[str]) -> int:
        """``check_entry``, and the entry file of the Pagefind that writes this build's code."""
        if ENTRY_FILE not in data:
            raise EntryDamaged("缺少 pagefind-entry.json")
        count = check_entry(data, urls)
        if json.loads(data[ENTRY_FILE]).get("version") != json.loads(self.pagefind_code()[ENTRY_FILE]).get("version"):
            raise EntryDamaged("Pagefind 版本不同")
        return count

    def _read(self, key: str, names: re.Pattern[str], check: Callable[[dict[str, bytes]], T]) -> tuple[dict[str, bytes], T] | None:
        """The files of the entry ``key`` and what ``check`` made of them (it raises
        ``EntryDamaged`` for an entry not to use, which is then reported); None when there is
        none to use. A returned entry counts as used by this build."""
        path = self.path(key)
        try:
            with open_regular(path) as stream:
                data = _read_entry(stream, names)
            checked = check(data)
        except FileNotFoundError:
            return None
        except EntryDamaged as exc:
            self._damaged(path, str(exc))
            return None
        except tarfile.TarError:
            self._damaged(path, "不是完整的缓存文件")
            return None
        except OSError as exc:
            self._damaged(path, f"无法读取：{describe_os_error(exc)}")
            return None
        with self._lock:
            self.hits += 1
            self.used.add(path)
        return data, checked

    def store(self, key: str, output: Path, files: Iterable[Path]) -> None:
        """Keep the data files of the bundle just written to ``output`` (``files``: its files)."""
        names = sorted(p.relative_to(output).as_posix() for p in files)
        self._store(key, output, [name for name in names if DATA_FILE.fullmatch(name)])

    def _store(self, key: str, output: Path, names: list[str]) -> None:
        def write(stream: Any) -> None:
            with tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                for name in names:
                    content = (output / name).read_bytes()
                    info = tarfile.TarInfo(name)
                    info.size = len(content)
                    info.mode = 0o644
                    tar.addfile(info, io.BytesIO(content))

        path = self.path(key)
        try:
            write_atomic(path, write)
        except OSError:
            return  # a cache that cannot be written only costs the next build the indexing
        with self._lock:
            self.stored += 1
            self.used.add(path)

    def pagefind_code(self) -> dict[str, bytes]:
        """Pagefind's own files (scripts, styles, WebAssembly, an entry file), written by
        Pagefind for one small page: the same for every index of this version and options;
        made when an entry is used, once a process (``search.pagefind_code``)."""
        if self._early is not None and self._early is not threading.current_thread():
            self._early.join()
            if self._early_error is not None:
                error, self._early_error = self._early_error, None
                raise error
        with self._lock:
            if self._code is None:
                self._code = self.make_code()
            return self._code

    def area(self) -> CacheArea:
        return CacheArea(self.folder, LAYOUT, frozenset(self.used))

    def _damaged(self, path: Path, why: str) -> None:
        with self._lock:
            self.damaged.append(f"{path}：{why}，已重新建立这部分搜索索引")


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (relative path -> bytes) into ``folder``."""
    for parent in {(folder / name).parent for name in files}:
        parent.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content)


def _read_entry(stream: io.BufferedReader, names: re.Pattern[str]) -> dict[str, bytes]:
    """The files of an entry: regular members whose names ``names`` matches only, bounded."""
    data: dict[str, bytes] = {}
    total = 0
    with tarfile.open(fileobj=stream, mode="r|") as tar:
        for member in tar:
            if not member.isfile() or not names.fullmatch(member.name) or member.name in data:
                raise EntryDamaged(f"含有不属于搜索索引的文件 {member.name[:80]!r}")
            total += member.size
            if total > MAX_ENTRY_BYTES:
                raise EntryDamaged("文件过大")
            extracted = tar.extractfile(member)
            assert extracted is not None  # a regular member
            data[member.name] = extracted.read()
    return data


def check_entry(data: dict[str, bytes], urls: set[str]) -> int:
    """The pages of an entry's index, after checking that each is one of ``urls`` (the pages
    read: those without a search body, such as a withdrawn case's, are not indexed)."""
    try:
        entry = json.loads(data[ENTRY_FILE])
        count = sum(int(language["page_count"]) for language in entry["languages"].values())
        metas = {f"pagefind.{language['hash']}.pf_meta" for language in entry["languages"].values()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise EntryDamaged(f"pagefind-entry.json 无法读取：{exc}") from None
    if not metas <= data.keys():
        raise EntryDamaged("页面数目或索引文件与本次构建不符")
    found: set[str] = set()
    for name, content in data.items():
        if name == ENTRY_FILE:
            continue
        try:
            raw = gzip.decompress(content)
        except (OSError, EOFError, zlib.error):
            raise EntryDamaged(f"{name} 不完整") from None
        if name.startswith("fragment/"):
            url = _fragment_url(name, raw)
            if url not in urls or url in found:
                raise EntryDamaged(f"{name} 指向的页面 {url[:80]!r} 不属于本次构建")
            found.add(url)
    if len(found) != count:
        raise EntryDamaged("页面数目与索引文件不符")
    return count


def _fragment_url(name: str, raw: bytes) -> str:
    if not raw.startswith(FRAGMENT_SIGNATURE):
        raise EntryDamaged(f"{name} 格式不对")
    try:
        fragment = json.loads(raw[len(FRAGMENT_SIGNATURE) :])
        url = fragment["url"]
        texts = [fragment.get("content", ""), *fragment.get("meta", {}).values(), *fragment.get("filters", {}).keys()]
        texts += [value for values in fragment.get("filters", {}).values() for value in values]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise EntryDamaged(f"{name} 无法读取") from None
    if not isinstance(url, str) or not all(isinstance(text, str) for text in texts):
        raise EntryDamaged(f"{name} 含有非文字的内容")
    return url
