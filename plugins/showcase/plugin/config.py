"""Typed options of the ``showcase`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ShowcaseConfig(Config):
    # Data files, relative to mkdocs.yml. None means the packaged default.
    taxonomy = c.Optional(c.Type(str))
    review_words = c.Optional(c.Type(str))
    texts = c.Optional(c.Type(str))
    # Content rules.
    allow_personal_numbers = c.Type(bool, default=False)
    max_image_pixels = c.Type(int, default=50_000_000)
    max_image_bytes = c.Type(int, default=30 * 1024 * 1024)
    # Presentation.
    sample_tag = c.Type(str, default="示例")
    per_page = c.Type(int, default=30)
    # Set the site navigation when mkdocs.yml gives none (cases never enter the nav).
    navigation = c.Type(bool, default=True)
    # Full-text search (Pagefind, run after the build): the search page and its index.
    search = c.Type(bool, default=True)
    # Also index under `mkdocs serve` (drafts are never indexed; off speeds up large previews).
    search_in_preview = c.Type(bool, default=True)
    # Links that last and outputs that travel (core/ledger.py, core/outputs.py):
    # the published-URL ledger, relative to mkdocs.yml ("" switches the check off),
    # and how many of the latest cases each feed carries.
    ledger = c.Type(str, default="urls.lock")
    feed_items = c.Type(int, default=20)
