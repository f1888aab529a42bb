"""Each case's checked result kept between runs, used again only for the same inputs.

Reading and checking a case costs about 1.7 ms of CPU (its personal-number and review-word
scan more than half of it, the YAML a seventh); taking its result from here about 0.1 ms.
``showcase check``, ``stats``, ``booklet``, ``urls`` and the site build each read every
case every time, so a collection of 1,000 cases spent 1.7 s of CPU on work done before.

An entry is the case as ``load_case`` returns it, with its problems, before the rules
across cases (the same id twice, aliases, counties spelled two ways), which run over every
case every time. It is used only when all that ``load_case`` read is as it was:

- the bytes of ``index.md`` (a SHA-256 of them, not its time: a fresh clone uses it too);
- every other name below the case folder, with its size, modification and change times
  and inode (the photos' headers and metadata, the unused files read for numbers, an
  image that is missing or spelled otherwise): one ``scandir`` a folder, no photo read;
- the settings (taxonomy, review words, reviewers, limits, today's date: ``repr``);
- the code: a SHA-256 of this package's files (data included: places, word lists) and the
  versions of Python, Unicode and the libraries the checks use (PyYAML, Markdown, Pillow,
  pillow-heif, OpenCC, pypinyin).

A case whose result depends on files outside its folder is not kept: a relative link to
another file (``body-link``: whether that file exists is part of the message).

Each case has a folder named by its path, with an entry file a kind of check (with or
without photos, with or without their ends) holding the key it was made for: an entry of
a case changed since is replaced, not kept beside it, so the cache does not grow with each
edit or each day; a complete build removes the folders of cases it did not read (a case
removed or moved: ``cache_area``, the plugin's ``prune_cache``). Entries are JSON (no pickle: a cache folder must not be able to run code)
with a SHA-256 of their contents; an entry cut short or edited is not used but made again,
and said as the other caches say it (``cachefile.report_repaired``).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..cachefile import read_regular, write_atomic
from ..cacheprune import HEX2, HEX64, CacheArea
from ..case.model import Case, CaseLink, ImageRef, Organization, Region, Review, Status
from ..diagnostics import Diagnostic, Severity, shown_path
from .settings import Settings
from .taxonomy import Term

FORMAT = 1  # the entries' layout; raise it when Case or Diagnostic changes shape
LAYOUT = re.compile(f"{HEX2}/{HEX64}/[01][01]\\.json")  # what cacheprune may remove: ab/<the case's path>/<kind>.json
_LIBRARIES = ("pyyaml", "markdown", "pillow", "pillow-heif", "opencc", "pypinyin")
_NOT_KEPT = frozenset({"body-link", "unreadable", "file-too-large"})  # results that depend on more than the folder
_CLASSES: dict[str, type] = {c.__name__: c for c in (Case, CaseLink, ImageRef, Organization, Region, Review, Term, Diagnostic)}
_PLAIN = frozenset({str, int, bool, type(None)})  # JSON values read back as they are
_ENUMS: dict[str, type[enum.Enum]] = {"Status": Status, "Severity": Severity}


@cache
def code_fingerprint() -> str:
    """This package's files (code and data) and the versions of what the checks use."""
    package = Path(__file__).resolve().parents[2]
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{unicodedata.unidata_version}".encode())
    for name in _LIBRARIES:
        try:
            digest.update(f"\0{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"\0{name}=?".encode())
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".tmp")):
                continue
            path = Path(folder, name)
            try:
                data = path.read_bytes()
            except OSError:
                data = b"?"
            digest.update(b"\0" + path.relative_to(package).as_posix().encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def folder_state(folder: Path, *, case_file: bool = False) -> list[list[Any]]:
    """Every name below ``folder`` but its ``index.md`` (that too with ``case_file``): (name,
    size, mtime, ctime, inode), links followed for a file (its target's), not into a folder;
    a name that cannot be read: -1s. Also what ``mkdocs serve`` compares to read a case again
    (``cache.folder_signature``)."""
    found: list[list[Any]] = []
    pending = [(folder, "")]
    while pending:
        current, prefix = pending.pop()
        try:
            with os.scandir(current) as entries:
                listed = list(entries)
        except OSError:
            found.append([prefix, -1, -1, -1, -1])
            continue
        for entry in listed:
            name = prefix + entry.name
            if name == "index.md" and not case_file:
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((Path(entry.path), name + "/"))
                    found.append([name + "/", 0, 0, 0, 0])
                    continue
                # On Windows a DirEntry's stat has no inode (st_ino 0) and its ctime is the
                # creation time: os.stat asks for the file's index, so a file overwritten there
                # with the same size and time is still told apart (untested on Windows).
                info = os.stat(entry.path) if os.name == "nt" else entry.stat()
                found.append([name, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino])
            except OSError:
                found.append([name, -1, -1, -1, -1])
    found.sort()
    return found


def _encode(value: Any) -> Any:
    if isinstance(value, enum.Enum):  # first: Status and Severity are str too
        return {"e": type(value).__name__, "v": value.value}
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Path):
        return {"p": os.fspath(value)}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"t": [_encode(v) for v in value]}
    if isinstance(value, dict):
        if all(type(k) is tuple and all(type(p) in (str, int) for p in k) and type(v) is int for k, v in value.items()):
            return {"L": [[*k, v] for k, v in value.items()]}  # Case.lines, read back at once
        return {"m": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if type(value) is Diagnostic:
        return {"D": [os.fspath(value.path), value.line, value.severity.value, value.code, value.message, value.hint, value.detail]}
    kind = type(value).__name__
    if dataclasses.is_dataclass(value) and _CLASSES.get(kind) is type(value):
        return {"c": kind, "f": {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    raise TypeError(f"not kept: {kind}")  # a new type in Case: the case is not stored (never stored wrong)


def _decode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, list):
        return [v if type(v) in _PLAIN else _decode(v) for v in value]
    if not isinstance(value, dict) or len(value) not in (1, 2):
        raise TypeError("not an entry")
    if "c" in value:
        fields = value["f"]
        if not isinstance(fields, dict):
            raise TypeError("not an entry")
        return _CLASSES[value["c"]](**{k: v if type(v) in _PLAIN else _decode(v) for k, v in fields.items()})
    if "e" in value:
        return _ENUMS[value["e"]](value["v"])
    if "d" in value:
        return date.fromisoformat(value["d"])
    if "p" in value:
        return Path(value["p"])
    if "t" in value:
        return tuple(_decode(v) for v in value["t"])
    if "L" in value:
        return {tuple(item[:-1]): item[-1] for item in value["L"]}
    if "D" in value:
        path, line, severity, code, message, hint, detail = value["D"]
        return Diagnostic(Path(path), line, Severity(severity), code, message, hint, detail)
    if "m" in value:
        return {_decode(k): _decode(v) for k, v in value["m"]}
    raise TypeError("not an entry")


class CaseStore:
    """One folder of checked cases (``Settings.case_cache``), for one kind of check (``settings``)."""

    def __init__(self, folder: Path, settings: Settings) -> None:
        self.folder = Path(folder)
        self.base = hashlib.sha256(f"{code_fingerprint()}\0{settings!r}".encode()).hexdigest()
        self.kind = f"{int(settings.check_images)}{int(settings.image_ends)}"
        self.damaged: list[str] = []  # entries there but not as written, in words naming the file

    def entry(self, path: Path) -> Path:
        return case_folder(self.folder, path) / f"{self.kind}.json"

    def key(self, path: Path, data: bytes) -> str:
        """What the result of ``path`` with the bytes ``data`` depends on."""
        digest = hashlib.sha256(self.base.encode())
        digest.update(b"\0" + os.fsencode(os.path.abspath(path)) + b"\0" + hashlib.sha256(data).digest())
        digest.update(json.dumps(folder_state(path.parent), ensure_ascii=False).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def get(self, path: Path, key: str) -> Case | None:
        """The case kept for ``path`` under ``key``, or None (none, another key, damaged)."""
        entry = self.entry(path)
        try:
            raw = read_regular(entry)
        except FileNotFoundError:
            return None
        except OSError:
            self.damaged.append(f"{entry}：无法读取，已重新检查它对应的案例 {shown_path(path)}")
            return None
        try:
            head, _, body = raw.partition(b"\n")
            if hashlib.sha256(body).hexdigest().encode() != head:
                raise ValueError("checksum")
            stored = json.loads(body)
            if stored["key"] != key:
                return None  # the case (or a setting) changed since: made again, and this entry replaced
            case = _decode(stored["case"])
            if not isinstance(case, Case) or not all(isinstance(d, Diagnostic) for d in case.diagnostics):
                raise TypeError("not a case")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            self.damaged.append(f"{entry}：内容不完整或被改动过，已重新检查它对应的案例 {shown_path(path)}")
            return None
        if case.path != path:  # the same file named otherwise (cases/… then its full path): its problems name it as asked now
            case.diagnostics = [_moved(d, case.path, path) for d in case.diagnostics]
            case.path = path
        return case

    def put(self, path: Path, key: str, case: Case) -> None:
        """Keep ``case`` for ``path`` under ``key``, unless its result depends on more (or cannot be kept)."""
        if any(d.code in _NOT_KEPT for d in case.diagnostics):
            return
        try:
            body = json.dumps({"key": key, "case": _encode(case)}, ensure_ascii=False, separators=(",", ":")).encode()
        except (TypeError, ValueError):
            return
        try:
            write_atomic(self.entry(path), hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
        except OSError:
            return  # a cache that cannot be written: the next run checks the case again


def _moved(diagnostic: Diagnostic, was: Path, path: Path) -> Diagnostic:
    """``diagnostic`` of the case once read as ``was``, naming its file (or a file of its
    folder) as ``path`` names it: the key is the full path, but an entry keeps the path it
    was read by, and a problem under a relative one was shown under the wrong folder and
    dropped by ``showcase check <folder>`` (``is_within``) run from another folder."""
    if diagnostic.path == was:
        return dataclasses.replace(diagnostic, path=path)
    if diagnostic.path.is_relative_to(was.parent):
        return dataclasses.replace(diagnostic, path=path.parent / diagnostic.path.relative_to(was.parent))
    return diagnostic


def case_folder(cache: Path, path: Path) -> Path:
    """The folder of the entries of the case ``path`` (its ``index.md``), one a kind of check:
    a build that read every case keeps the folders of the cases it read, whatever check
    wrote in them (``cache_area``)."""
    name = hashlib.sha256(os.fsencode(os.path.abspath(path))).hexdigest()
    return Path(cache) / name[:2] / name


def cache_area(cache: Path, paths: Iterable[Path]) -> CacheArea:
    """The case cache as ``cacheprune`` sees it: the folders of the cases ``paths`` (every case
    a complete build read, drafts too) are used; a removed or renamed case's entries are not."""
    return CacheArea(Path(cache), LAYOUT, frozenset(case_folder(cache, path) for path in paths))


def store_for(settings: Settings) -> CaseStore | None:
    """The settings' case store, or None when they name no folder."""
    return CaseStore(settings.case_cache, settings) if settings.case_cache is not None else None
