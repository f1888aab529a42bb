"""Published photos and share cards: hard-linked from the image cache, not copied.

The renditions and share cards live in the content-addressed cache (``core/images.py``)
under a name derived from their bytes, and a cached file is never written in place
(``core/cachefile.py`` replaces files whole, by rename): a link keeps the bytes it was
made with, and each build checks the cache files against their records before linking. At
10,000 cases copying the share cards alone moved 570 MB per build (8.8 s); a hard link
costs a directory entry. Where a link cannot be made (another file system, a file system
without hard links) the file is copied as MkDocs always does.
"""

from __future__ import annotations

import logging
import os

from mkdocs.structure.files import File


class CachedFile(File):
    """A generated file whose source is in the image cache."""

    def copy_file(self, dirty: bool = False) -> None:
        if self._content is None and self.abs_src_path is not None and not (dirty and not self.is_modified()):
            output_path = self.abs_dest_path
            os.makedirs(os.path.dirname(output_path), exist_ok=True)
            try:
                if os.path.lexists(output_path):
                    os.unlink(output_path)
                os.link(self.abs_src_path, output_path)
                return
            except OSError:
                pass  # copied below
        super().copy_file(dirty)


SHOWN = 10  # damaged cache files named one by one; beyond, a count


def report_damaged(log: logging.Logger | logging.LoggerAdapter, damaged: list[str]) -> None:
    """Say which cache files were not as written (and are made again by this build).

    Info lines, not warnings: a damaged cache (a killed build, a full disk, an edited
    file) is no fault of the case authors, the build repairs it, and the site it
    publishes is whole, so ``--strict`` has nothing to stop for.
    """
    for entry in damaged[:SHOWN]:
        log.info(f"缓存文件不完整或被改动，已重新生成：{entry}")
    if len(damaged) > SHOWN:
        log.info(f"……另有 {len(damaged) - SHOWN} 个缓存文件同样重新生成。")
