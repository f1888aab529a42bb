"""Build with warnings logged for every embed card page, in strict mode.

    python tests/scale/warn_build.py CONFIG SITE_DIR

Half of those pages are written by the forked worker (plugin/speedup/parallel.py). One warning
comes from ``page_context`` (an event that runs in this process as well for a page the
worker writes: counted once), one from ``post_page`` for a page really rendered (only
where it is rendered: the worker's must be relayed). Each must be counted once.
"""

from __future__ import annotations

import logging
import sys

from mkdocs.commands.build import build
from mkdocs.config import load_config
from showcase.plugin import plugin

log = logging.getLogger("mkdocs.plugins.showcase")
original_context = plugin.ShowcasePlugin.on_page_context
original_post_page = plugin.ShowcasePlugin.on_post_page


def on_page_context(self, context, *, page, config, nav):
    if page.file.src_uri.endswith("/embed/index.md"):
        log.warning("试验警告：%s", page.file.src_uri)
    return original_context(self, context, page=page, config=config, nav=nav)


def on_post_page(self, output, *, page, config):
    if page.file.src_uri.endswith("/embed/index.md") and output.strip():
        log.warning("渲染警告：%s", page.file.src_uri)
    return original_post_page(self, output, page=page, config=config)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    plugin.ShowcasePlugin.on_page_context = on_page_context
    plugin.ShowcasePlugin.on_post_page = on_post_page
    try:
        build(load_config(sys.argv[1], site_dir=sys.argv[2], strict=True))
    except Exception as abort:  # MkDocs' Abort: strict mode counted the warnings
        print(abort, file=sys.stderr)
        sys.exit(1)
