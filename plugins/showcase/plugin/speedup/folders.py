"""The cached files' site folders, made by a forked copy while this process reads the pages.

MkDocs makes a file's folder when it copies the file (``copy_static_files``, right after
``on_env``). The share cards (and photos, booklets) of 10,000 cases go into 10,000 folders
under ``site/cases/``: making them took 2.0 s of a warm build, on one core, before any page
was written (each ``mkdir`` adds an entry to a folder of thousands). Made from ``on_files``
on by a forked copy, they take the other core, otherwise idle then, while this process
reads the pages and the cached bodies. A thread would not do: it would wait for the GIL
between every two folders.

Only folders MkDocs makes anyway are made: those of the cached files (``CachedFile``),
which are the case pages' own. ``wait`` (``on_env``) removes a folder made for a file that a
later plugin's ``on_files`` took away, if it is empty, so the site is the same either way.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable

from mkdocs.structure.files import File

from .cachedfiles import CachedFile
from .forked import ForkedWorker, Sender, forking_allowed

# Below this many folders the fork (tens of milliseconds for a large build) costs more than
# it saves: 1,000 folders take about 0.2 s.
MIN_FOLDERS = 1000


def cached_folders(files: Iterable[File]) -> set[str]:
    """The folders the cached files among ``files`` are copied into."""
    return {os.path.dirname(file.abs_dest_path) for file in files if isinstance(file, CachedFile)}


class EarlyFolders:
    """One build's early folders: ``start`` in ``on_files``, ``wait`` in ``on_env``."""

    def __init__(self) -> None:
        self.worker: ForkedWorker | None = None
        self.made: set[str] = set()

    def start(self, files: Iterable[File]) -> bool:
        """Fork a copy that makes the cached files' folders; False when not worth it or not possible."""
        self.wait(None)
        folders = cached_folders(files)
        if len(folders) < MIN_FOLDERS or not forking_allowed():
            return False
        ordered = sorted(folders)

        def make(_: Sender) -> None:
            for folder in ordered:
                with contextlib.suppress(OSError):  # MkDocs makes it again and reports what is wrong
                    os.makedirs(folder, exist_ok=True)

        worker = ForkedWorker("showcase-folders")
        if not worker.start(make):
            return False
        self.worker, self.made = worker, folders
        return True

    def wait(self, files: Iterable[File] | None) -> None:
        """The copy has ended; with ``files`` (the build's final files), an empty folder made
        for a file no longer among them is removed again."""
        worker, self.worker = self.worker, None
        if worker is None:
            return
        worker.wait()
        if files is not None:
            for folder in self.made - cached_folders(files):
                with contextlib.suppress(OSError):  # not empty: something else was written there
                    os.rmdir(folder)
        self.made = set()
