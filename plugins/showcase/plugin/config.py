"""Typed options of the ``showcase`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..core.mdbounds import BODY_SECONDS, MarkdownLimits


class FooterConfig(Config):
    """The site footer (主办单位, contact, filing numbers); empty means not shown."""

    organizer = c.Type(str, default="")
    contact = c.Type(str, default="")
    icp = c.Type(str, default="")  # ICP备案号, linked to the MIIT filing system
    police = c.Type(str, default="")  # 公网安备号, linked to the national filing platform


class ShowcaseConfig(Config):
    # Data files, relative to mkdocs.yml. None means the packaged default.
    taxonomy = c.Optional(c.Type(str))
    review_words = c.Optional(c.Type(str))
    texts = c.Optional(c.Type(str))
    # Content rules.
    allow_personal_numbers = c.Type(bool, default=False)
    max_image_pixels = c.Type(int, default=50_000_000)
    max_image_bytes = c.Type(int, default=30 * 1024 * 1024)
    # Case bodies (core/mdbounds.py): size in bytes, lists and quotes inside each other,
    # "[" or "<" left open; a body beyond them is an error. Converting one body is stopped
    # after body_seconds (0: no limit; Windows has none).
    max_body_bytes = c.Type(int, default=MarkdownLimits.max_bytes)
    max_body_nesting = c.Type(int, default=MarkdownLimits.max_nesting)
    max_body_unclosed = c.Type(int, default=MarkdownLimits.max_unclosed)
    body_seconds = c.Type((int, float), default=BODY_SECONDS)
    # Presentation.
    sample_tag = c.Type(str, default="示例")
    per_page = c.Type(int, default=30)
    # Set the site navigation when mkdocs.yml gives none (cases never enter the nav).
    navigation = c.Type(bool, default=True)
    # Full-text search (Pagefind, run after the build): the search page and its index.
    search = c.Type(bool, default=True)
    # Also index under `mkdocs serve` (drafts are never indexed; off speeds up large previews).
    search_in_preview = c.Type(bool, default=True)
    # Images (core/images.py, core/sharecard.py): responsive widths (the largest is the
    # limit of the long side), the cache outside site/, worker processes (0: one per core),
    # share cards for apps and the CJK font they are drawn with (found by fontconfig if unset).
    image_widths = c.ListOfItems(c.Type(int), default=[480, 960, 1600])
    image_cache = c.Type(str, default=".cache/showcase/images")
    image_workers = c.Type(int, default=0)
    share_images = c.Type(bool, default=True)
    share_font = c.Optional(c.Type(str))
    # Links that last and outputs that travel (core/ledger.py, core/outputs.py):
    # the published-URL ledger, relative to mkdocs.yml ("" switches the check off),
    # and how many of the latest cases each feed carries.
    ledger = c.Type(str, default="urls.lock")
    feed_items = c.Type(int, default=20)
    # The editors' guide published at /guide/ (relative to mkdocs.yml; "" for none).
    guide = c.Type(str, default="CONTRIBUTING.md")
    # Converted case bodies kept between builds, keyed by content (plugin/bodycache.py);
    # relative to mkdocs.yml, "" switches it off.
    body_cache = c.Type(str, default=".cache/showcase/bodies")
    # Processes that convert case bodies during a build (0: one per processor core; 1: MkDocs'
    # own process only). The pages are the same either way (plugin/prerender.py).
    jobs = c.Type(int, default=0)
    # Render drafts and cases in review with their banner, as `mkdocs serve` does: for the
    # pull-request preview artifact only (SHOWCASE_PREVIEW=true), never for the public site.
    preview = c.Type(bool, default=False)
    # The footer a government site needs (see showcase.core.footer).
    footer = c.SubConfig(FooterConfig)
