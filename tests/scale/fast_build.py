"""``mkdocs build -v`` with every speed-up started whatever the collection's size: the
early site folders too (``plugin/speedup/folders.py``), which wait for 1,000 folders
otherwise.

    python tests/scale/fast_build.py CONFIG SITE_DIR
"""

from __future__ import annotations

import sys

from mkdocs.__main__ import cli
from showcase.plugin.speedup import folders

if __name__ == "__main__":
    folders.MIN_FOLDERS = 1
    cli(["build", "-v", "-f", sys.argv[1], "-d", sys.argv[2]])
