"""Published photos and share cards: hard-linked from the image cache, not copied.

The renditions and share cards live in the content-addressed cache (``core/media/photos.py``)
under a name derived from their bytes, and a cached file is never written again. At
10,000 cases copying the share cards alone moved 570 MB per build (8.8 s); a hard link
costs a directory entry. Where a link cannot be made (another file system, a file system
without hard links) the file is copied as MkDocs always does.
"""

from __future__ import annotations

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
