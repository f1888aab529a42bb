"""Published photos and share cards: hard-linked from the image cache, not copied.

The renditions and share cards live in the content-addressed cache (``core/media/photos.py``)
under a name derived from their bytes, and a cached file is never written in place
(``core/cachefile.py`` replaces files whole, by rename): a link keeps the bytes it was
made with, and each build checks the cache files against their records before linking. At
10,000 cases copying the share cards alone moved 570 MB per build (8.8 s); a hard link
costs a directory entry. Where a link cannot be made (another file system, a file system
without hard links) the file is copied as MkDocs always does.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil

from mkdocs.structure.files import File


class CachedFile(File):
    """A generated file whose source is in the image cache."""

    def copy_file(self, dirty: bool = False) -> None:
        if self._content is None and self.abs_src_path is not None and not (dirty and not self.is_modified()):
            output_path = self.abs_dest_path
            folder = os.path.dirname(output_path)
            os.makedirs(folder, exist_ok=True)
            # Made under a name of its own, then renamed over the old file: never written
            # through an existing link (that would change the cache file it shares bytes with).
            temporary = os.path.join(folder, f".{os.path.basename(output_path)}.{secrets.token_hex(6)}.tmp")
            try:
                try:
                    os.link(self.abs_src_path, temporary)
                except OSError:  # another file system, or one without hard links
                    shutil.copyfile(self.abs_src_path, temporary)
                os.replace(temporary, output_path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            return
        super().copy_file(dirty)
