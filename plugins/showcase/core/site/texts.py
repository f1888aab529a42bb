"""The site's texts: packaged defaults, merged with a site's own file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..collection.taxonomy import DATA
from ..errors import ConfigError

# A line break inside a paragraph between two Chinese characters (or full-width punctuation):
# Markdown keeps it, and browsers show it as a space ("撰写， 经审核").
_CHINESE = "\u3001-\u303f\u3400-\u9fff\uff01-\uff5e“”‘’《》（）"
_ENDS_CHINESE = re.compile(f"[{_CHINESE}]\\Z")
_STARTS_CHINESE = re.compile(f"[ \\t]*[{_CHINESE}]")
_HEADING = re.compile(r" {0,3}#")
_FENCE = re.compile(r" {0,3}(?:```|~~~)")


def unwrap_chinese(markdown: str) -> str:
    """Markdown with the line breaks inside Chinese sentences removed.

    A line is joined to the one before only when that one ends, and this one starts, with
    a Chinese character: a list item, a heading, an English line keeps its own line, and
    nothing is joined to a heading or inside fenced code.
    """
    out: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and out and _ENDS_CHINESE.search(out[-1]) and not _HEADING.match(out[-1]) and _STARTS_CHINESE.match(line):
            out[-1] += line.lstrip(" \t")
            continue
        out.append(line)
    return "\n".join(out)


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
