"""Build a site with the speed-ups switched off (``speedups: false``): the reference.

    python tests/scale/plain_build.py CONFIG SITE_DIR

The site's own mkdocs.yml with the option set to false (plugin/speedup/scale.py): pages
get MkDocs' own ``Page`` (Markdown for every page; a case body's page is the plugin's
``BodyPage``, which only adds its time limit), no fragment is reused, case bodies are
converted in this process and never taken from or kept in the body cache, every page
is written by this process, photos and share cards are copied (not linked), cases are
read afresh by ``load_collection``, pages keep the plan's order and the search index is
built after the build.
"""

from __future__ import annotations

import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config

if __name__ == "__main__":
    config = load_config(sys.argv[1], site_dir=sys.argv[2])
    config.plugins["showcase"].config["speedups"] = False
    build(config)
