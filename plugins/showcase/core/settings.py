"""What a site configures about checking, built from plain options.

Both the command line (reading ``mkdocs.yml``) and the site plugin build their
``Settings`` here, so that `showcase check` and `mkdocs build` judge alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import content
from .imagecheck import ImageLimits
from .mdbounds import MarkdownLimits
from .taxonomy import Taxonomy, load_taxonomy

DEFAULTS: dict[str, Any] = {
    "cases_dir": "cases",
    "taxonomy": None,
    "review_words": None,
    "allow_personal_numbers": False,
    "max_image_pixels": 50_000_000,
    "max_image_bytes": 30 * 1024 * 1024,
    # case bodies (core/mdbounds.py)
    "max_body_bytes": MarkdownLimits.max_bytes,
    "max_body_nesting": MarkdownLimits.max_nesting,
    "max_body_unclosed": MarkdownLimits.max_unclosed,
}


@dataclass
class Settings:
    taxonomy: Taxonomy = field(default_factory=load_taxonomy)
    review_words: content.ReviewWords = field(default_factory=lambda: content.ReviewWords(()))
    allow_personal_numbers: bool = False
    limits: ImageLimits = field(default_factory=ImageLimits)
    markdown: MarkdownLimits = field(default_factory=MarkdownLimits)
    today: date = field(default_factory=date.today)
    check_images: bool = True

    @classmethod
    def from_options(cls, options: dict[str, Any], base: Path) -> Settings:
        """Build from plugin options; relative paths are relative to ``base``.

        Raises TaxonomyError or ReviewListError with a message naming the file.
        """
        opts = {**DEFAULTS, **{k: v for k, v in options.items() if v is not None}}
        for key in ("taxonomy", "review_words"):
            if opts[key] is not None and not isinstance(opts[key], str):
                raise SettingsError(f"showcase 插件选项 {key} 应是一个文件路径，现在是“{opts[key]}”。")
        taxonomy_path = base / opts["taxonomy"] if opts["taxonomy"] else None
        words_path = base / opts["review_words"] if opts["review_words"] else None
        return cls(
            taxonomy=load_taxonomy(taxonomy_path),
            review_words=content.load_review_words(words_path),
            allow_personal_numbers=opts["allow_personal_numbers"] is True,
            limits=ImageLimits(_positive(opts, "max_image_pixels"), _positive(opts, "max_image_bytes")),
            markdown=MarkdownLimits(*(_positive(opts, key) for key in ("max_body_bytes", "max_body_nesting", "max_body_unclosed"))),
        )


class SettingsError(ValueError):
    """A plugin option has a value the checker cannot use; the message says which."""


def _positive(opts: dict[str, Any], key: str) -> int:
    value = opts[key]
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise SettingsError(f"showcase 插件选项 {key} 应是一个正整数（例如 {DEFAULTS[key]}），现在是“{value}”。")
    return value


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely, turning its ``!!python/name`` and ``!ENV`` tags into None."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def plugin_options(config_file: Path) -> dict[str, Any] | None:
    """The ``showcase`` plugin's options in an mkdocs.yml, or None if not configured."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_LenientLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    if isinstance(plugins, dict):
        return _options(plugins["showcase"], config_file) if "showcase" in plugins else None
    for item in plugins if isinstance(plugins, list) else []:
        if item == "showcase":
            return {}
        if isinstance(item, dict) and "showcase" in item:
            return _options(item["showcase"], config_file)
    return None


def _options(value: object, config_file: Path) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SettingsError(f"{config_file}: showcase 插件的选项应写成“选项名: 值”的形式。")
    return {str(k): v for k, v in value.items()}
