"""Loading a collection for the site: on several cores, and again only what changed.

``load_collection`` reads and checks every case each time. A site built again in the
same process (``mkdocs serve``, ``showcase preview``) keeps a ``CaseCache``: a case is
read again only when something in its folder changed (a file's name, size, time or
inode: the case file and the images it may use), or when the settings changed (word
list, taxonomy, limits, today's date). The result is the collection a fresh
``load_collection`` gives: the same cases with the same problems, each build getting
its own copies (later steps add problems to them). A first load of a large collection
is spread over the processor cores (Linux, where a process can be forked).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..case.model import Case
from ..diagnostics import Diagnostic
from ..progress import Reporter, silent
from .loading import READING, Collection, discover, finish_collection, load_cases
from .settings import Settings
from .stored import folder_state

Signature = tuple[tuple[Any, ...], ...]


def folder_signature(folder: Path) -> Signature:
    """Every name below a case folder, its case file too, with its size, times and inode
    (``stored.folder_state``, which the case cache between runs keys by as well)."""
    return tuple(tuple(item) for item in folder_state(folder, case_file=True))


def settings_key(settings: Settings) -> str:
    """What decides a case's problems besides its files (taxonomy, words, limits, today)."""
    return repr(settings)


@dataclass
class _Entry:
    signature: Signature
    case: Case
    diagnostics: tuple[Diagnostic, ...]  # as load_case found them, before the collection's rules


class CaseCache:
    """Cases loaded in this process, by ``index.md`` path, with the signature of their folder."""

    def __init__(self) -> None:
        self.entries: dict[Path, _Entry] = {}
        self.key: str | None = None
        self.paths: list[Path] = []
        self.stray: list[Diagnostic] = []
        self.reloaded = 0  # cases read in the last load

    def load(
        self, root: Path, settings: Settings, *, only: Iterable[Path] | None = None, jobs: int = 0, report: Reporter = silent
    ) -> Collection:
        """The collection below ``root``.

        ``only``: the case files that may have changed since the last load; every other
        case is taken as it was, without looking at its folder (``showcase preview``,
        which watches one case). ``None`` looks at every folder.
        """
        root = Path(root)
        key = settings_key(settings)
        if key != self.key:
            self.entries.clear()
            self.key = key
        if only is None or not self.paths:
            self.paths, self.stray = discover(root, numbers=not settings.allow_personal_numbers)
            todo = self._changed(self.paths)
        else:
            todo = []
            for path in map(Path, only):
                if not path.is_file():  # gone: as a fresh look would not find it
                    self.paths = [p for p in self.paths if p != path]
                    continue
                if path not in self.paths:
                    self.paths.append(path)
                todo.append(path)
        signatures = {path: folder_signature(path.parent) for path in todo}
        repaired: list[str] = []
        for path, case in zip(todo, _load_all(todo, settings, jobs, repaired, report), strict=True):
            self.entries[path] = _Entry(signatures[path], case, tuple(case.diagnostics))
        self.reloaded = len(todo)
        known = set(self.paths)
        for path in [p for p in self.entries if p not in known]:
            del self.entries[path]
        return finish_collection(root, [_copy(self.entries[path]) for path in self.paths], self.stray, settings, repaired=repaired)

    def _changed(self, paths: list[Path]) -> list[Path]:
        todo = []
        for path in paths:
            entry = self.entries.get(path)
            if entry is None or entry.signature != folder_signature(path.parent):
                todo.append(path)
        return todo


def _copy(entry: _Entry) -> Case:
    case = copy.copy(entry.case)
    case.diagnostics = list(entry.diagnostics)
    return case


_CACHES: dict[Path, CaseCache] = {}


def shared_cache(root: Path) -> CaseCache:
    """This process's cache for the collection at ``root``."""
    key = Path(root).resolve()
    cache = _CACHES.get(key)
    if cache is None:
        cache = _CACHES[key] = CaseCache()
    return cache


def load_site_collection(
    root: Path, settings: Settings, *, only: Iterable[Path] | None = None, jobs: int = 0, report: Reporter = silent
) -> Collection:
    """The collection for a site build, through this process's cache (see ``CaseCache``)."""
    return shared_cache(root).load(root, settings, only=only, jobs=jobs, report=report)


def _load_all(paths: list[Path], settings: Settings, jobs: int, repaired: list[str], report: Reporter) -> list[Case]:
    """Every case, from the case cache between runs (stored.py) or on several cores for a large
    first load (core/workers.py). The progress a cold build of 10,000 cases showed nothing of
    for 16 s (``READING``); a warm one takes them from the cache within the quiet seconds."""
    if not paths:  # `mkdocs serve` again, nothing changed: no bar
        return []
    with report(READING, len(paths)) as tick:
        return load_cases(paths, settings, jobs, tick=tick, repaired=repaired)
