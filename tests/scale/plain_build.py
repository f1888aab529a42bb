"""Build a site with every speed-up of plugin/speedup/scale.py switched off: the reference.

    python tests/scale/plain_build.py CONFIG SITE_DIR

Pages get MkDocs' own ``Page`` (Markdown for every page; a case body's page is the
plugin's ``BodyPage``, which only adds its time limit), no fragment is reused, case
bodies are converted in this process and never taken from or kept in the body cache,
every page is written by this process, photos and share cards are copied (not linked),
cases are loaded by ``load_collection``, pages keep the plan's order and the search
index is built after the build.
"""

from __future__ import annotations

import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File
from showcase.core.collection import loading as collection
from showcase.plugin import plugin
from showcase.plugin.speedup import bodycache, cachedfiles, fragments, parallel, prerender, scale


def switch_off() -> None:
    plugin.load_site_collection = lambda root, settings, only=None, jobs=0: collection.load_collection(root, settings)
    scale.ScaleAdapter.on_files = lambda self, files, uris, config: files
    scale.ScaleAdapter.start_search = lambda self, files, config, plan=None: None
    fragments.Fragments.__call__ = lambda self, name, page, targets=(), *key, nav=None, caller: caller()
    prerender.Prerender.start = lambda self, *args, **kwargs: 0
    parallel.ParallelPages.start = lambda self, *args, **kwargs: False
    bodycache.BodyCache.get = lambda self, key: None
    bodycache.BodyCache.put = lambda self, key, done: None
    cachedfiles.CachedFile.copy_file = File.copy_file


if __name__ == "__main__":
    switch_off()
    build(load_config(sys.argv[1], site_dir=sys.argv[2]))
