"""The site's texts: packaged defaults, merged with a site's own file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..collection.taxonomy import DATA
from ..errors import ConfigError


class TextsError(ConfigError):
    """The site texts file cannot be used; the message names the file."""


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_texts(path: Path | None = None) -> dict[str, Any]:
    texts = yaml.safe_load((DATA / "texts.yml").read_text(encoding="utf-8"))
    if path is None:
        return texts
    try:
        override = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TextsError(f"{path}: 无法读取站点文字文件（{exc}）") from None
    if not isinstance(override, dict):
        raise TextsError(f"{path}: 站点文字文件应是“键: 值”的形式")
    return _merge(texts, override)
