"""Typed options of the ``showcase`` plugin, as written under ``plugins:`` in mkdocs.yml.

MkDocs validates them here; their defaults and meanings are written once, in
``core/options.py`` (the command line reads the same ``Options``).
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..core.options import DEFAULTS as D


class FooterConfig(Config):
    """The site footer (主办单位, contact, filing numbers); empty means not shown."""

    organizer = c.Type(str, default="")
    contact = c.Type(str, default="")
    icp = c.Type(str, default="")  # ICP备案号, linked to the MIIT filing system
    police = c.Type(str, default="")  # 公网安备号, linked to the national filing platform


class ShowcaseConfig(Config):
    """The options of core/options.py (meanings and defaults there), typed for MkDocs."""

    cases_dir = c.Type(str, default=D.cases_dir)  # the command line's; the site reads docs_dir
    taxonomy = c.Optional(c.Type(str))
    review_words = c.Optional(c.Type(str))
    texts = c.Optional(c.Type(str))
    allow_personal_numbers = c.Type(bool, default=D.allow_personal_numbers)
    reviewers = c.ListOfItems(c.Type(str), default=list(D.reviewers))
    max_image_pixels = c.Type(int, default=D.max_image_pixels)
    max_image_bytes = c.Type(int, default=D.max_image_bytes)
    sample_tag = c.Type(str, default=D.sample_tag)
    per_page = c.Type(int, default=D.per_page)
    navigation = c.Type(bool, default=D.navigation)
    search = c.Type(bool, default=D.search)
    search_in_preview = c.Type(bool, default=D.search_in_preview)
    search_shard_pages = c.Type(int, default=D.search_shard_pages)
    search_first_pages = c.Type(int, default=D.search_first_pages)
    related_terms = c.Optional(c.Type(str))
    image_widths = c.ListOfItems(c.Type(int), default=list(D.image_widths))
    image_cache = c.Type(str, default=D.image_cache)
    image_workers = c.Type(int, default=D.image_workers)
    share_images = c.Type(bool, default=D.share_images)
    max_body_bytes = c.Type(int, default=D.max_body_bytes)
    max_body_nesting = c.Type(int, default=D.max_body_nesting)
    max_body_unclosed = c.Type(int, default=D.max_body_unclosed)
    body_seconds = c.Type((int, float), default=D.body_seconds)
    share_font = c.Optional(c.Type(str))
    ledger = c.Type(str, default=D.ledger)
    feed_items = c.Type(int, default=D.feed_items)
    collections = c.Type(str, default=D.collections)
    booklets = c.Type(bool, default=D.booklets)
    booklet_cache = c.Type(str, default=D.booklet_cache)
    guide = c.Type(str, default=D.guide)
    body_cache = c.Type(str, default=D.body_cache)
    qr_cache = c.Type(str, default=D.qr_cache)
    prune_cache = c.Type(bool, default=D.prune_cache)
    jobs = c.Type(int, default=D.jobs)
    preview = c.Type(bool, default=D.preview)
    footer = c.SubConfig(FooterConfig)
