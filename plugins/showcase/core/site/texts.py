"""The site's texts: packaged defaults, merged with a site's own file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..case.model import Case
from ..case.yamlnodes import yaml_error_words
from ..diagnostics import describe_os_error
from ..errors import ConfigError
from ..han import HAN
from ..packaged import read_packaged

# A line break inside a paragraph between two Chinese characters (or full-width punctuation):
# Markdown keeps it, and browsers show it as a space ("撰写， 经审核").
_CHINESE = f"\u3001-\u303f{HAN}\uff01-\uff5e“”‘’《》（）"
_ENDS_CHINESE = re.compile(f"[{_CHINESE}]\\Z")
_STARTS_CHINESE = re.compile(f"[ \\t]*[{_CHINESE}]")
_HEADING = re.compile(r" {0,3}#")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_CODE_INDENT = re.compile(r"(?: {4}|\t)")  # an indented code block's line (or a deeper list's)


def sample_mark(case: Case, tag: str, words: dict[str, Any]) -> str:
    """【示例】 (``words["sample_mark"]``) for a sample case, else nothing: what goes before its
    title where it travels without its page (copied citations, a shared link, feeds)."""
    return str(words["sample_mark"]).format(tag=tag) if case.is_sample(tag) else ""


def sample_note(cases: Iterable[Case], tag: str, words: dict[str, Any]) -> str:
    """What is said of the sample (made-up) cases among ``cases``: nothing without any,
    ``words["sample_all"]`` when all are, else ``words["sample_some"]`` with their count.
    The site's home and statistics pages and a booklet's cover say it, each in its words."""
    cases = list(cases)
    count = sum(1 for case in cases if case.is_sample(tag))
    if not count:
        return ""
    if count == len(cases):
        return str(words["sample_all"]).format(tag=tag)
    return str(words["sample_some"]).format(count=count, tag=tag)


def chinese_date(day: date) -> str:
    """2023年3月1日: how the site, the booklets and the search write a day for readers
    (2023-03-01 read as a code to older readers, and a word processor broke it at a hyphen).
    Citations keep the ISO form their standard asks for."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_month(day: date) -> str:
    """2023年3月: a card's and an embed's date, written as ``chinese_date`` writes a day."""
    return f"{day.year}年{day.month}月"


def unwrap_chinese(markdown: str) -> str:
    """Markdown with the line breaks inside Chinese sentences removed.

    A line is joined to the one before only when that one ends, and this one starts, with
    a Chinese character. Never joined: a heading, a line of a table (``|``), code (fenced,
    or indented four spaces: the guide's examples of output and of YAML are such blocks)
    and a list item's own first line, so lists, headings and examples keep their shape.
    """
    out: list[str] = []
    fence: str | None = None  # the open fence's marker
    for line in markdown.split("\n"):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
        elif out and _joins(out[-1], line):
            out[-1] += line.lstrip(" \t")
            continue
        out.append(line)
    return "\n".join(out)


def _joins(before: str, line: str) -> bool:
    if _HEADING.match(before) or "|" in before or "|" in line or _CODE_INDENT.match(before) or _CODE_INDENT.match(line):
        return False
    return bool(_ENDS_CHINESE.search(before)) and bool(_STARTS_CHINESE.match(line))


class TextsError(ConfigError):
    """The site texts file cannot be used; the message names the file."""


def _merge(base: dict[str, Any], override: dict[str, Any], path: Path, where: str = "") -> dict[str, Any]:
    """``override`` over ``base``, key by key. A key the packaged texts hold as a group
    (``nav:``) must stay a group, and a word must stay a word: the templates index into
    them, and a wrong shape would otherwise surface mid-build as a Python error."""
    merged = dict(base)
    for key, value in override.items():
        name = f"{where}.{key}" if where else str(key)
        if isinstance(merged.get(key), dict):
            if not isinstance(value, dict):
                raise TextsError(f"{path}: “{name}” 应是一组“键: 值”（和内置的 texts.yml 一样缩进写在它下面），现在是一个值")
            merged[key] = _merge(merged[key], value, path, name)
        elif key in merged and isinstance(value, (dict, list)) != isinstance(merged[key], (dict, list)):
            raise TextsError(f"{path}: “{name}” 应是一段文字，现在是一组内容")
        else:
            merged[key] = value
    return merged


def load_texts(path: Path | None = None) -> dict[str, Any]:
    texts = read_packaged("texts.yml")
    if path is None:
        return texts
    try:
        override = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError) as exc:
        raise TextsError(f"{path}: 无法读取站点文字文件（{describe_os_error(exc)}）") from None
    except yaml.YAMLError as exc:
        raise TextsError(f"{path}: 站点文字文件格式错误，{yaml_error_words(exc)}") from None
    if not isinstance(override, dict):
        raise TextsError(f"{path}: 站点文字文件应是“键: 值”的形式")
    return _merge(texts, override, Path(path))
