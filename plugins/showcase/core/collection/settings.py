"""What a site configures about checking, built from plain options.

Both the command line (reading ``mkdocs.yml``: ``mkdocs_yml.SiteConfig``) and the site plugin
build their ``Settings`` here, so that `showcase check` and `mkdocs build` judge alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..case import content
from ..case.bounds import MarkdownLimits
from ..case.imagerefs import ImageLimits
from ..chinadate import china_today
from ..options import DEFAULTS, Options
from ..outputs.form import form_texts, load_form
from .taxonomy import Taxonomy, load_taxonomy


@dataclass
class Settings:
    taxonomy: Taxonomy = field(default_factory=load_taxonomy)
    # The Word form's words (``form`` option): showcase template, the site's download, showcase import.
    form: dict[str, Any] = field(default_factory=form_texts)
    review_words: content.ReviewWords = field(default_factory=lambda: content.ReviewWords(()))
    allow_personal_numbers: bool = DEFAULTS.allow_personal_numbers
    reviewers: tuple[str, ...] = DEFAULTS.reviewers  # the units allowed to approve; empty: any
    limits: ImageLimits = field(default_factory=ImageLimits)
    markdown: MarkdownLimits = field(default_factory=MarkdownLimits)
    today: date = field(default_factory=china_today)
    check_images: bool = True
    # Also read each photo's end for a copy cut short (imagerefs.cut_short), and its
    # metadata for where it was taken (imagerefs.has_location): in check, approve and
    # import. A site build decodes (and strips) every photo it has not processed, so it
    # leaves this off rather than read 20,000 files once more while loading.
    image_ends: bool = True
    # County pages (the ``county_pages`` option): counties whose names read alike are looked
    # for too (loading._county_spellings), the pinyin tables being loaded for their keys anyway.
    county_pages: bool = DEFAULTS.county_pages
    # The longest side of a photo ``showcase import`` writes into a case folder (options.py
    # ``Options.import_photo_side``: twice the largest image width). Not what a case is judged by: left
    # out of ``repr``, the cache keys' settings.
    import_long_side: int = field(default=DEFAULTS.import_photo_side, repr=False, compare=False)
    # Where each case's checked result is kept between runs (``stored.py``; None: not kept).
    # Not part of what a case is judged by: left out of ``repr``, the cache keys' settings.
    case_cache: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_options(cls, options: Options | dict[str, Any], base: Path) -> Settings:
        """Build from the plugin's options; relative paths are relative to ``base``.

        Raises a ConfigError (TaxonomyError, ReviewListError, …) naming the file or option.
        """
        opts = options if isinstance(options, Options) else Options.from_mapping(options)
        return cls(
            taxonomy=load_taxonomy(opts.path("taxonomy", base)),
            form=load_form(opts.path("form", base)),
            review_words=content.load_review_words(opts.path("review_words", base)),
            allow_personal_numbers=opts.allow_personal_numbers,
            reviewers=opts.reviewers,
            limits=ImageLimits(opts.max_image_pixels, opts.max_image_bytes, opts.import_photo_side),
            markdown=MarkdownLimits(opts.max_body_bytes, opts.max_body_nesting, opts.max_body_unclosed),
            county_pages=opts.county_pages,
            import_long_side=opts.import_photo_side,
            case_cache=opts.path("case_cache", base.resolve()),
        )
