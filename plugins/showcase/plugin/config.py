"""Typed options of the ``showcase`` plugin, as written under ``plugins:`` in mkdocs.yml.

Their defaults, meanings and rules are written once, in ``core/options.py`` (the command
line reads the same ``Options``). MkDocs' own option types (``c.Type(int)``) would check
a value first and answer in English with Python's type names (``Expected type: <class
'int'> but received: <class 'str'>``); ``Checked`` leaves every value to
``Options.from_mapping``, which the plugin's ``on_config`` calls, so a wrong value gets
the same one line in Chinese whatever is wrong with it.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar, cast

from mkdocs.config.base import BaseConfigOption, Config, ConfigErrors, ConfigWarnings

from ..core.options import DEFAULTS as D

T = TypeVar("T")


class Checked(Generic[T], BaseConfigOption[T]):
    """An option with its default from core/options.py; its value is checked there."""

    def __init__(self, default: T) -> None:
        super().__init__()
        self.default = default

    def validate(self, value: object, /) -> T:
        # Blank in mkdocs.yml (``ledger:``) means the default, as MkDocs' own types have it.
        return self.default if value is None else self.run_validation(value)

    def run_validation(self, value: object) -> T:
        return cast(T, value)  # checked by Options.from_mapping, in on_config


class _Named(Config):
    """Options whose unknown names ``on_config`` refuses in Chinese (``Options.refuse_unknown``,
    ``Footer.from_options``): MkDocs' own warning for them, in English, is left out. It said
    the slip twice in two wordings, and in a ``--strict`` build (``make site``, CI) it was
    all a maintainer saw: MkDocs stops at it before any plugin runs."""

    def _validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        failed, warnings = super()._validate()
        return failed, [(key, warning) for key, warning in warnings if key in self._schema_keys]


class ShowcaseConfig(_Named):
    """The options of core/options.py (meanings and defaults there), typed for MkDocs."""

    cases_dir = Checked(D.cases_dir)  # the command line's; the site reads docs_dir
    taxonomy = Checked[str | None](D.taxonomy)
    review_words = Checked[str | None](D.review_words)
    texts = Checked[str | None](D.texts)
    form = Checked[str | None](D.form)
    allow_personal_numbers = Checked(D.allow_personal_numbers)
    reviewers = Checked(list(D.reviewers))
    max_image_pixels = Checked(D.max_image_pixels)
    max_image_bytes = Checked(D.max_image_bytes)
    sample_tag = Checked(D.sample_tag)
    per_page = Checked(D.per_page)
    navigation = Checked(D.navigation)
    county_pages = Checked(D.county_pages)
    search = Checked(D.search)
    search_in_preview = Checked(D.search_in_preview)
    search_shard_pages = Checked(D.search_shard_pages)
    search_first_pages = Checked(D.search_first_pages)
    related_terms = Checked[str | None](D.related_terms)
    image_widths = Checked(list(D.image_widths))
    image_cache = Checked(D.image_cache)
    image_workers = Checked(D.image_workers)
    share_images = Checked(D.share_images)
    max_body_bytes = Checked(D.max_body_bytes)
    max_body_nesting = Checked(D.max_body_nesting)
    max_body_unclosed = Checked(D.max_body_unclosed)
    body_seconds = Checked(D.body_seconds)
    share_font = Checked[str | None](D.share_font)
    ledger = Checked(D.ledger)
    feed_items = Checked(D.feed_items)
    collections = Checked(D.collections)
    booklets = Checked(D.booklets)
    booklet_cache = Checked(D.booklet_cache)
    booklet_seconds_per_case = Checked(D.booklet_seconds_per_case)
    guide = Checked(D.guide)
    body_cache = Checked(D.body_cache)
    case_cache = Checked(D.case_cache)
    search_cache = Checked(D.search_cache)
    qr_cache = Checked(D.qr_cache)
    prune_cache = Checked(D.prune_cache)
    jobs = Checked(D.jobs)
    speedups = Checked(D.speedups)
    preview = Checked(D.preview)
    # The site footer (organizer, contact, icp, police), checked by Footer.from_options: MkDocs'
    # SubConfig refused `footer: 某某市民政局` in English before that check ran.
    footer = Checked[dict[str, Any]]({})
