"""Strict YAML for front matter: safe loading, a line for every value.

PyYAML's ``safe_load`` silently keeps the last of two equal keys and forgets where
every value came from. We compose the node tree with the safe (libyaml when present)
loader and build plain values ourselves, so that duplicate keys, tags, anchors and
every line number are ours to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .diagnostics import DiagnosticList

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()

_PLAIN_TAGS = {"tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"

Path_ = tuple[str | int, ...]

_FULLWIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*\s*：")
_NO_SPACE_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:(?![\s/])\S")


@dataclass
class Located:
    """Front matter as plain values plus the line of each key path."""

    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)  # scalar text as written
    invalid: set[Path_] = field(default_factory=set)  # values already reported as broken
    default_line: int = 1

    def line(self, *path: str | int) -> int:
        """Line of the deepest known prefix of ``path``."""
        key: Path_ = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.default_line


def _lint_lines(text: str, first_line: int, diags: DiagnosticList) -> bool:
    """Catch the input-method mistakes YAML would report obscurely. True if any."""
    found = False
    for offset, raw in enumerate(text.split("\n")):
        line = first_line + offset
        if "\t" in raw[: len(raw) - len(raw.lstrip(" \t"))]:
            diags.error(
                line,
                "yaml-tab",
                "这一行有制表符（Tab 键）。基本信息里不能用 Tab。",
                "把 Tab 删掉，改用空格：下一级字段前空两个空格。",
            )
            found = True
        elif _FULLWIDTH_COLON.match(raw):
            diags.error(
                line,
                "yaml-fullwidth-colon",
                "字段名后面用了中文冒号“：”。",
                "请改成英文冒号加一个空格，例如 title: 标题。可以把输入法切换到英文再输入冒号。",
            )
            found = True
        elif _NO_SPACE_COLON.match(raw):
            diags.error(
                line,
                "yaml-colon-space",
                "字段名的冒号后面缺少空格。",
                "在英文冒号后加一个空格，例如 title: 标题。",
            )
            found = True
    return found


def parse(text: str, first_line: int, diags: DiagnosticList) -> Located | None:
    """Parse front matter text; ``first_line`` is the file line of its first line."""
    linted = _lint_lines(text, first_line, diags)
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.YAMLError as exc:
        if linted:
            return None
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        diags.error(
            line,
            "yaml-syntax",
            f"基本信息的格式有误（YAML：{problem}）。",
            "检查这一行及上一行：字段名后是英文冒号加空格；同级字段左对齐；值里有冒号或 # 号时，用英文引号把整个值包起来。",
        )
        return None
    except (ValueError, RecursionError) as exc:  # libyaml on pathological input
        diags.error(first_line, "yaml-syntax", f"基本信息无法解析（{type(exc).__name__}）。", "请对照模板检查格式。")
        return None
    if linted:
        return None
    located = Located(None, default_line=max(first_line - 1, 1))
    if root is None:
        diags.error(first_line - 1, "front-matter-empty", "基本信息是空的。", "在两行 --- 之间填写 id、title、summary 等字段。")
        return None
    located.value = _build(root, (), located, set(), diags, first_line)
    if not isinstance(located.value, dict):
        kind = "列表" if isinstance(located.value, list) else "一段文字"
        diags.error(
            first_line,
            "front-matter-not-mapping",
            f"基本信息应是“字段: 值”的形式，这里却是{kind}。",
            "每行写一个字段，例如 title: 标题；不要在字段前加“- ”。",
        )
        return None
    return located


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _build(node: yaml.Node, path: Path_, loc: Located, seen: set[int], diags: DiagnosticList, first_line: int) -> Any:
    line = first_line + node.start_mark.line
    if node.tag not in _PLAIN_TAGS | {_SEQ_TAG, _MAP_TAG}:
        loc.invalid.add(path)
    if id(node) in seen:
        loc.invalid.add(path)
        diags.error(line, "yaml-alias", "不支持 YAML 的锚点和引用（& 和 *）。", "把要重复的内容直接写出来。")
        return None
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _PLAIN_TAGS:
            diags.error(
                line,
                "yaml-tag",
                f"不允许使用 YAML 标签 {_tag(node.tag)}。",
                "删掉以 ! 开头的标签，只写普通的值。",
            )
            return None
        loc.raw[path] = node.value
        try:
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
            loc.invalid.add(path)
            diags.error(line, "bad-value", f"“{node.value}”不是有效的值（例如日期不存在）。", "日期请写成 2023-03-01 这样的真实日期。")
            return None
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ_TAG:
            diags.error(line, "yaml-tag", f"不允许使用 YAML 标签 {_tag(node.tag)}。", "删掉以 ! 开头的标签。")
            return None
        items = []
        for index, child in enumerate(node.value):
            loc.lines[path + (index,)] = first_line + child.start_mark.line
            items.append(_build(child, path + (index,), loc, seen, diags, first_line))
        return items
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP_TAG:
            diags.error(line, "yaml-tag", f"不允许使用 YAML 标签 {_tag(node.tag)}。", "删掉以 ! 开头的标签。")
            return None
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = first_line + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                diags.error(key_line, "yaml-key", "字段名必须是简单的英文单词。", "对照模板写字段名，例如 title。")
                continue
            key = str(key_node.value)
            if key in mapping:
                diags.error(
                    key_line,
                    "duplicate-key",
                    f"字段 {key} 写了两次（第 {loc.lines[path + (key,)]} 行已有）。",
                    "删掉其中一个，只保留正确的那一行。",
                )
                continue
            loc.lines[path + (key,)] = key_line
            mapping[key] = _build(value_node, path + (key,), loc, seen, diags, first_line)
        return mapping
    return None  # pragma: no cover - yaml has no other node kinds
