"""Strict YAML for front matter: safe loading, a line for every value.

PyYAML's ``safe_load`` silently keeps the last of two equal keys and forgets where
every value came from. We compose the node tree with the safe (libyaml when present)
loader and build plain values ourselves, so that duplicate keys, tags, anchors and
every line number are ours to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from ..diagnostics import DiagnosticList
from ..options import yaml_text
from ..packaged import read_packaged

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_constructor = yaml.constructor.SafeConstructor()
_resolved: dict[str, str] = {}  # plain scalar -> tag; keys and short values repeat across cases


class Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader (libyaml when present), with scalar resolution memoised.

    The safe loader has no path resolvers, so the tag of a plain scalar depends on its
    text alone; caching it saves a Python call chain per value on large collections.
    """

    def descend_resolver(
        self, current_node: yaml.Node | None, current_index: yaml.Node | int | None
    ) -> None:  # no path resolvers: nothing to track
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _resolved.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 40 and len(_resolved) < 10_000:
                    _resolved[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


assert not Loader.yaml_path_resolvers, "Loader.resolve assumes no path resolvers"

_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAGS = frozenset("tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp"))
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_ALLOWED_TAGS = _PLAIN_TAGS | {_SEQ_TAG, _MAP_TAG}
MAX_DEPTH = 20  # front matter needs three levels; deeper nesting is a mistake or an attack

Path_ = tuple[str | int, ...]

_FULLWIDTH_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*\s*：")
_NO_SPACE_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:(?![\s/])\S")
_WIDE_SPACE_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:\u3000")  # a Chinese input method's space
# `key: |` or `key: >-`: the lines after it, indented deeper, are free text
_BLOCK_SCALAR = re.compile(r"^(\s*)(?:-\s+)?(?:[^#:\s][^#:]*:\s+|-\s+)?[|>][-+0-9]*\s*(?:#.*)?$")
# Characters no one sees, pasted from WeChat or a web page before or inside a key name
# (\u200btitle: …): the key is not title, and the check said 缺少必填字段 title on line 1
# and 未知字段 title，是不是 title？ (helper newH's trial)
# (a BOM there stops YAML itself: yaml-syntax names it, data/yaml-problems.yml)
_INVISIBLE = "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
_INVISIBLE_IN_KEY = re.compile(f"^[ \t]*(?:-[ \t]+)?([A-Za-z_0-9{_INVISIBLE}]*[{_INVISIBLE}][A-Za-z_0-9{_INVISIBLE}]*)[ \t]*:")
# a first look over the whole text: does any line need the line-by-line lint?
_LINT_CANDIDATE = re.compile(f"\\t|：|\u3000|^[ \\t]*(?:-[ \\t]+)?[A-Za-z_][A-Za-z0-9_]*:(?![\\s/])\\S|[{_INVISIBLE}]", re.MULTILINE)
# An unquoted value followed by " #" and text at once (#幸福食堂#, a WeChat topic): YAML
# takes it as a comment and drops it. A comment written as such ("# 说明") has a space.
_CUT_CANDIDATE = re.compile(r"[ \t]#[^\s#]")
_CUT_VALUE = re.compile(r"^\s*\S.*?[ \t](#[^\s#].*)$")
# Line ends of YAML's own that no editor shows as one (NEL, U+2028, U+2029): YAML counts a line
# at each, the editor, git and these messages only at "\n" (the source's line ends are "\n" by then).
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
_YAML_BREAKS = re.compile("[\n\x85\u2028\u2029]")


def _file_lines(text: str) -> list[int] | None:
    """For each line as YAML counts them (0-based), the line of ``text`` it is on as
    ``text.split("\n")`` counts (0-based); None when the two counts are the same."""
    if not _YAML_ONLY_BREAKS.search(text):
        return None
    lines, newlines = [0], 0
    for found in _YAML_BREAKS.finditer(text):
        newlines += found.group() == "\n"
        lines.append(newlines)
    return lines


def _file_line(lines: list[int] | None, yaml_line: int) -> int:
    """The 0-based line of the text at YAML's 0-based ``yaml_line`` (``_file_lines``)."""
    if lines is None:
        return yaml_line
    return lines[min(yaml_line, len(lines) - 1)]


# characters YAML refuses (C0/C1 controls other than tab and line ends, and two non-characters)
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")


def value_node(node: yaml.Node | None, name: str) -> yaml.Node | None:
    """The value's node of the key ``name`` of a mapping's node (None: no such key, or no mapping)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for key, value in node.value if isinstance(key, yaml.ScalarNode) and key.value == name), None)


def shorten(value: object, limit: int = 40) -> str:
    """A value as it may appear in a message: as YAML writes it, one line, not too long, and
    no character that is not shown as itself (an escape sequence quoted from a file coloured
    the terminal): each is U+FFFD, and the invisible-char message names it."""
    text = " ".join(yaml_text(value).split())
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else "\ufffd" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Located:
    """Front matter as plain values plus the line of each key path."""

    value: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)  # scalar text as written
    invalid: set[Path_] = field(default_factory=set)  # values already reported as broken
    text: str = ""  # the front matter as written
    first_line: int = 2  # the file line of ``text``'s first line (after a case's ---)
    _split: tuple[str, list[str]] | None = field(default=None, repr=False, compare=False)  # ``_lines``

    @property
    def default_line(self) -> int:
        """The line said for a key that is not there: a case's opening ---."""
        return max(self.first_line - 1, 1)

    def written(self, line: int) -> str:
        """File line ``line`` of the front matter as written ("" outside it)."""
        lines = self._lines()
        index = line - self.first_line
        return lines[index] if 0 <= index < len(lines) else ""

    def written_from(self, line: int, more: int) -> str:
        """File lines ``line`` to ``line + more`` of the front matter as written, joined as they
        are in it; the whole front matter when ``line`` is outside it."""
        if not 0 <= line - self.first_line < len(self._lines()):
            return self.text
        index = line - self.first_line
        return "\n".join(self._lines()[index : index + more + 1])

    def _lines(self) -> list[str]:
        """``text``'s lines, split once: a value's line was found by splitting the whole front
        matter each time (100,000 keys: minutes)."""
        if self._split is None or self._split[0] is not self.text:
            self._split = (self.text, self.text.split("\n"))
        return self._split[1]

    def line(self, *path: str | int) -> int:
        """Line of the deepest known prefix of ``path``."""
        key: Path_ = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.default_line

    def value_line(self, path: Path_, index: int) -> int:
        """The file line of character ``index`` of the text at ``path`` (``scalar_line``); the
        line of ``path`` (``line``) when no text is written there. For a message about a tag
        or a character inside a value: composed again, only when one is said."""
        text = self.text.removeprefix("\ufeff")  # libyaml's marks do not count it
        node: yaml.Node | None = yaml.compose(text, Loader=Loader)  # as ``parse`` read it (a tab after a colon too)
        for part in path:
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                node = next((v for k, v in reversed(node.value) if isinstance(k, yaml.ScalarNode) and k.value == part), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                node = None
        if isinstance(node, yaml.ScalarNode):
            return scalar_line(node, text, index, self.first_line)
        return self.line(*path)


def scalar_line(node: yaml.ScalarNode, text: str, index: int, first_line: int = 1) -> int:
    """The file line of ``node.value[index]``, ``node`` read from ``text`` (whose first line
    is file line ``first_line``). In a block of text (``key: |``) the line it is on; in a
    folded (``>``) or wrapped plain or quoted text, which reads as one line, the line of its
    first word as written (a tag three lines down was said at the key's); else the value's
    first line. mkdocs.yml's printed words (core/collection/mkdocs_yml_checks.py) and a site's texts
    (core/site/texts.py)."""
    value = node.value
    first = first_line + _file_line(_file_lines(text), node.start_mark.line)
    source = text[node.start_mark.index : node.end_mark.index]
    piece = re.match(r"[^ \n]*", value[index:])[0]  # type: ignore[index]  # a tag's first word, or a character
    if node.style != "|" and piece and (found := source.find(piece)) >= 0:
        return first + source.count("\n", 0, found)
    return first + (1 + value.count("\n", 0, index) if node.style in ("|", ">") else 0)


FRONT_MATTER = "基本信息"  # ``what`` of a case's front matter; another YAML file is named by its reader


def _check_it(what: str, part: str) -> str:
    """A hint: a case's author has a template to compare with, a data file's maintainer not."""
    return f"请对照模板检查{part}。" if what == FRONT_MATTER else f"请检查这个文件的{part}。"


def _invisible_names(text: str) -> str:
    """U+200B（零宽空格） for each invisible character of ``text``, as the invisible-char check names them."""
    from .invisible import describe  # it reads this module's Located

    found = dict.fromkeys(ch for ch in text if re.match(f"[{_INVISIBLE}]", ch))
    return " " + "、".join(describe(ch) for ch in found)


# A line indented with full-width spaces: what is wrong, how to fix it (also mkdocs.yml's last
# line, which YAML reads as a setting named 　　per_page: commands/__init__.py).
WIDE_INDENT = (
    "这一行开头用了全角空格（中文输入法打出的空格）来缩进。",
    "把行首的空格全部删掉，切换到英文输入法，再输入空格，和上下同一级的行对齐（下一级字段比上一级多空两个空格）。",
)


_WORD_COLON = re.compile(r"(?P<key>[^\s:：#\-][^:：#]{0,11}?)[ \t\u3000]*：")


def _field_named(raw: str) -> tuple[str, str] | None:
    """(the key as written, the field it means) of a line starting with a field's Chinese name
    (data/fields.yml ``chinese_keys``) or its English one in full-width letters, then "：";
    None for any other line."""
    from unicodedata import normalize

    from .fields import CHINESE_KEYS, TOP_KEYS  # the field table reads the taxonomy: not at import time

    found = _WORD_COLON.match(raw)
    if found is None:
        return None
    written = found["key"].strip()
    plain = normalize("NFKC", written).strip()
    key = CHINESE_KEYS.get(plain) or (plain if plain in TOP_KEYS and plain != written else None)
    return (written, key) if key else None


def _lint_lines(text: str, first_line: int, diags: DiagnosticList, what: str = FRONT_MATTER) -> bool:
    """Catch the input-method mistakes YAML would report obscurely. True if any."""
    if not _LINT_CANDIDATE.search(text):
        return False
    found = False
    said: list[int] = []  # the lines said; beyond _MOST_LINT, counted only
    more: list[int] = []

    def error(line: int, code: str, message: str, hint: str) -> None:  # diags.error, up to _MOST_LINT
        if len(said) < _MOST_LINT:
            said.append(line)
            diags.error(line, code, message, hint)
        else:
            more.append(line)

    block_indent: int | None = None  # inside a block scalar started at this indentation
    for offset, raw in enumerate(text.split("\n")):
        line = first_line + offset
        indent = len(raw) - len(raw.lstrip(" \t"))
        if block_indent is not None:
            if not raw.strip() or indent > block_indent:
                continue  # free text of a `key: |` value
            block_indent = None
        block = _BLOCK_SCALAR.match(raw) if ("|" in raw or ">" in raw) else None
        if block:
            block_indent = len(block.group(1))
        if raw[indent : indent + 1] == "\u3000" and raw.strip(" \t\u3000"):  # 　　name: … (a trial)
            error(line, "yaml-wide-indent", *WIDE_INDENT)
            found = True
        elif "\t" in raw[:indent]:
            tab = said_for("found a tab character")
            error(line, "yaml-tab", f"{tab.message}{what}里不能用 Tab。", tab.hint)
            found = True
        elif "：" in raw and _FULLWIDTH_COLON.match(raw):
            error(
                line,
                "yaml-fullwidth-colon",
                "字段名后面用了中文冒号“：”。",
                "请改成英文冒号加一个空格，例如 title: 标题。可以把输入法切换到英文再输入冒号。",
            )
            found = True
        elif "：" in raw and what == FRONT_MATTER and (named := _field_named(raw)) is not None:
            # 标题：… or ｔｉｔｌｅ：…, at a line's start (a continuation of a value is indented):
            # YAML said only that a colon was missing (an editor's trial), and the hint to type
            # an English colon after 标题 led to a second error, that the field must be title
            written, key = named
            error(
                line,
                "yaml-fullwidth-colon",
                f"“{written}”后面用了中文冒号“：”，而且字段名要用英文：应写成 {key}。",
                f"把“{written}：”改成“{key}: ”（英文冒号，后面一个空格），例如 {key}: 后面写内容。可以把输入法切换到英文再输入。",
            )
            found = True
        elif ":\u3000" in raw and _WIDE_SPACE_COLON.match(raw):
            error(
                line,
                "yaml-colon-space",
                "字段名的冒号后面是全角空格（中文输入法打出的空格）。",
                "把冒号后面的空格删掉，切换到英文输入法再输入一个空格，例如 title: 标题。",
            )
            found = True
        elif (hidden := _INVISIBLE_IN_KEY.match(raw)) and re.fullmatch(
            r"[A-Za-z_][A-Za-z0-9_]*", key := re.sub(f"[{_INVISIBLE}]", "", hidden.group(1))
        ):
            error(
                line,
                "invisible-char",
                f"字段名 {key} 里有看不见的字符{_invisible_names(hidden.group(1))}，程序认不出这个字段名。",
                "这种字符通常是从微信、网页或文档里复制时带进来的。"
                f"把这一行删掉，切换到英文输入法，重新手工输入这一行（{key}: 和后面的内容）。",
            )
            found = True
        elif ":" in raw and _NO_SPACE_COLON.match(raw):
            error(
                line,
                "yaml-colon-space",
                "字段名的冒号后面缺少空格。",
                "在英文冒号后加一个空格，例如 title: 标题。",
            )
            found = True
    if more:
        diags.error(
            more[0],
            "yaml-syntax",
            f"从这一行起还有 {len(more)} 行有上面说的这类问题（中文冒号、Tab、全角空格等），没有一一列出。",
            "先按上面的提示改好，再检查一次。",
        )
    return found


# input-method mistakes said line by line, at most: a front matter of 100,000 lines of
# 键：值 printed 30 MB of the same error (a red team)
_MOST_LINT = 50


def parse(text: str, first_line: int, diags: DiagnosticList, what: str = FRONT_MATTER, *, mapping: bool = True) -> Located | None:
    """Parse front matter text; ``first_line`` is the file line of its first line. ``what``:
    the text's name in messages (another YAML file read this way, e.g. 专题文件). With
    ``mapping=False`` (a data file: a taxonomy, texts, related terms) a text of nothing but
    comments is None and a value of another shape is returned as it is, without a word:
    the caller says what the file should hold, in its own words (the front matter's spoke
    of title: and of two --- lines)."""
    linted = _lint_lines(text, first_line, diags, what)
    try:
        root = yaml.compose(text, Loader=Loader)
    except yaml.reader.ReaderError:
        bad = _NOT_YAML.search(text)
        line = first_line + text.count("\n", 0, bad.start()) if bad else first_line
        code = f"U+{ord(bad.group(0)):04X}" if bad else "控制字符"
        diags.error(
            line,
            "yaml-control-char",
            f"这一行有看不见的特殊字符（{code}），可能是从网页或其他软件复制时带进来的。",
            "把这一行删掉后重新手工输入；或在 VS Code 里打开，删掉显示为红色小方块的字符。",
        )
        return None
    except yaml.YAMLError as exc:
        if linted:
            return None
        problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
        explained = _explain(problem)
        # for an unclosed quote or bracket, or a line without a colon, libyaml notices the
        # problem lines later; the place it started (the context mark) is where to look
        mark = (getattr(exc, "context_mark", None) if explained.at_start else None) or getattr(exc, "problem_mark", None)
        file_lines = _file_lines(text)
        line = first_line + _file_line(file_lines, mark.line) if mark is not None else first_line
        problem_mark = getattr(exc, "problem_mark", None)
        last = _file_line(file_lines, problem_mark.line) if problem_mark is not None else text.count("\n")
        # the line YAML stopped at, counted as ``text.split("\n")`` counts (YAML also ends a line at U+2028)
        stopped = text.count("\n", 0, problem_mark.index) if problem_mark is not None else last
        mixed = (
            _odd_space(text, stopped)
            or _mixed_quotes(text, last)
            or _long_quote(text, problem_mark, file_lines, first_line)
            or (_starts_with_mark(text, stopped) if explained.match in _SAID_ELSEWHERE else None)
        )
        if mixed is not None:
            line, explained = first_line + mixed[0], mixed[1]
        elif file_lines is not None and (odd_break := _YAML_ONLY_BREAKS.search(row := text.split("\n")[line - first_line])):
            # a line separator pasted into a value: YAML broke the line there, the editor shows none;
            # said where it is and how to remove it as invisible-char says it of the same character
            from . import invisible  # here: invisible imports this module (Located)

            where, cursor = invisible.place(row, odd_break.start())
            diags.error(
                line,
                "yaml-control-char",
                f"这一行有看不见的字符 {invisible.describe(odd_break.group())}，{where}：程序在那里断了行，读不出这一行。",
                invisible.HINT_TEXT.format(where=cursor),
            )
            return None
        context = getattr(exc, "context", None)
        diags.error(
            line,
            "yaml-syntax",
            f"{what}的格式有误：{explained.message}",
            explained.hint,
            detail=f"{context}, {problem}" if context else problem,
        )
        return None
    except (ValueError, RecursionError) as exc:  # libyaml on pathological input
        diags.error(first_line, "yaml-syntax", f"{what}无法解析（{type(exc).__name__}）。", _check_it(what, "格式"))
        return None
    if linted:
        return None
    located = Located(None, text=text, first_line=first_line)
    if root is None:
        if mapping:
            diags.error(first_line - 1, "front-matter-empty", "基本信息是空的。", "在两行 --- 之间填写 id、title、summary 等字段。")
        return None
    located.value = _Builder(located, diags, first_line, what).build(root, (), 0)
    if _CUT_CANDIDATE.search(text):
        _cut_text(located, text, first_line, diags)
    if not isinstance(located.value, dict) and mapping:
        kind = "列表" if isinstance(located.value, list) else "一段文字"
        diags.error(
            first_line,
            "front-matter-not-mapping",
            f"{what}应是“字段: 值”的形式，这里却是{kind}。",
            "每行写一个字段，例如 title: 标题；不要在字段前加“- ”。",
        )
        return None
    return located


def _cut_text(located: Located, text: str, first_line: int, diags: DiagnosticList) -> None:
    """A warning on each line whose value loses words to a comment (a worker's trial wrote
    summary: …5.2万人次。 #幸福食堂# 被市级媒体报道。 and the page ended at 人次。). The words
    kept are what YAML read: quoted, or in a block of text (summary: |), nothing is lost."""
    on_line: dict[int, list[str]] = {}
    for path, line in located.lines.items():
        value = located.raw.get(path)
        if isinstance(value, str):
            on_line.setdefault(line, []).append(value)
    for offset, raw in enumerate(text.split("\n")):
        match = _CUT_VALUE.match(raw) if _CUT_CANDIDATE.search(raw) else None
        line = first_line + offset
        kept = match.group(1).rstrip("\"' ")[:3] if match else ""
        if match and line in on_line and not any(kept in value for value in on_line[line]):
            diags.warning(
                line,
                "yaml-comment-cut",
                f"“{shorten(match.group(1))}”不会显示在网站上：“ #”和它后面的文字被当作给编辑看的备注。",
                '要保留这些文字，把整个值用英文双引号括起来，例如 summary: "……#幸福食堂# ……"；或删掉 # 号。',
            )


@dataclass(frozen=True)
class YamlProblem:
    """One of libyaml's problems in plain words (data/yaml-problems.yml)."""

    match: str  # words of YAML's English problem text
    message: str
    hint: str
    at_start: bool = False  # report at the line where the quote, bracket or key began


@cache
def _problem_words() -> dict[str, Any]:
    return read_packaged("yaml-problems.yml")


def said_for(match: str) -> YamlProblem:
    """The words data/yaml-problems.yml has for libyaml's problem ``match``: the checks that
    find the same problem before libyaml does say it in the same words (a review: the tab's
    were written twice, and the depth's hint had drifted from the file's)."""
    return next(problem for problem in yaml_problems()[0] if problem.match == match)


@cache
def yaml_problems() -> tuple[list[YamlProblem], YamlProblem]:
    """The explained problems, and the explanation of any other one."""
    raw = _problem_words()
    problems = [YamlProblem(**item) for item in raw["problems"]]
    return problems, YamlProblem(match="", **raw["fallback"])


# key: "…” or key: '…’ (a comment after it aside): no English quote closes the value.
_MIXED_QUOTES = re.compile(r"""^[^"'#\n]*?:[ \t]+(?P<open>["'])(?:(?!(?P=open)).)*?(?P<close>[”’“‘])[ \t]*(?:#.*)?$""")


def _mixed_quotes(text: str, last: int) -> tuple[int, YamlProblem] | None:
    """The first line up to ``last`` (0-based) whose value opens with an English quote and
    ends with a Chinese one, explained; None when there is none."""
    for index, line in enumerate(text.split("\n")[: last + 1]):
        match = _MIXED_QUOTES.match(line)
        if match:
            words = {key: value.format(**match.groupdict()) for key, value in _problem_words()["mixed_quotes"].items()}
            return index, YamlProblem(match="", **words)
    return None


# key: "…"more, key: [示范]more, key: **强调**more, key: {示范}more: a quote or bracket that
# closes before the value ends, or two stars (Markdown's bold; one star alone YAML explains itself).
_STARTS_WITH_MARK = re.compile(
    r"""^(?P<key>[^\s"'#:][^"'#:\n]*?):[ \t]+(?P<shown>"""
    r"""(?P<open>")[^"\n]*"[ \t]*[^\s#].*|(?P<single>')[^'\n]*'[ \t]*[^\s#].*"""
    r"""|(?P<list>\[)[^\]\n]*\][ \t]*[^\s#,\]}].*|(?P<map>\{)[^}\n]*\}[ \t]*[^\s#,\]}].*|(?P<star>\*)\*.*)$"""
)


# What YAML says of such a line, in words that point elsewhere (indentation; or none it
# explains); its other problems (nesting too deep, an unknown escape) are said as they are.
_SAID_ELSEWHERE = frozenset({"did not find expected key", "expected <block end>, but found", "found undefined alias", ""})


def _starts_with_mark(text: str, stopped: int) -> tuple[int, YamlProblem] | None:
    """The line YAML stopped at (``stopped``, 0-based), when its value starts with an English
    quote, bracket or star that YAML reads as a mark and text follows, explained."""
    lines = text.split("\n")
    if not 0 <= stopped < len(lines):
        return None
    match = _STARTS_WITH_MARK.match(lines[stopped])
    if match is None or match["key"].startswith((" ", "\t", "-")):
        return None
    opened = next(match[name] for name in ("open", "single", "list", "map", "star") if match[name])
    shown = match["shown"].rstrip().replace("'", "''")
    words = {
        key: value.format(open=opened, key=match["key"].strip(), shown=shown) for key, value in _problem_words()["starts_with_mark"].items()
    }
    return stopped, YamlProblem(match="", **words)


def _long_quote(text: str, stopped: yaml.Mark | None, file_lines: list[int] | None, first_line: int) -> tuple[int, YamlProblem] | None:
    """The line of a quoted value that YAML stopped right after, when it opened on an earlier
    line than it closed on, explained; None otherwise. A quote left open reads on to the next
    quote of its kind, lines later, and what YAML says is about that line (site_name: "… on
    line 3 of mkdocs.yml was said at site_url: "https:… on line 5: helper textsH's trial)."""
    if stopped is None:
        return None
    value: yaml.ScalarToken | None = None
    try:
        for token in yaml.scan(text, Loader=Loader):
            if token.start_mark.index >= stopped.index:
                break
            value = token if isinstance(token, yaml.ScalarToken) else None
    except yaml.YAMLError:
        pass  # the tokens up to the scanner's own problem: the parser's is further on
    if value is None or value.style not in ('"', "'") or value.start_mark.line == value.end_mark.line:
        return None
    if text[value.end_mark.index : stopped.index].strip(" \t"):
        return None  # something between the quote and where YAML stopped
    opened, closed = (_file_line(file_lines, mark.line) for mark in (value.start_mark, value.end_mark))
    if opened == closed:
        return None
    words = {key: str(v).format(quote=value.style, closed=first_line + closed) for key, v in _problem_words()["long_quote"].items()}
    return opened, YamlProblem(match="", message=words["message"], hint=words["hint"])


def _odd_space(text: str, stopped: int) -> tuple[int, YamlProblem] | None:
    """The line YAML stopped at (``stopped``, 0-based) or the one before it, when it has a
    character that looks like a space (or nothing) after its key's colon or at its start,
    explained; None otherwise. Only those two: a full-width indent that opens a paragraph
    of a valid value (summary: 　　天河区…) is no problem, and blaming it hid the real one
    further down (a diff review)."""
    words = _problem_words()["odd_space"]
    names: dict[str, str] = words["names"]
    odd = "".join(names)
    after_colon = re.compile(rf"^[ \t]*[^\s:#{odd}][^:#\n]*:[ \t]*(?P<char>[{odd}])")
    at_start = re.compile(rf"^[ \t]*(?P<char>[{odd}])")
    lines = text.split("\n")
    for index in range(max(0, stopped - 1), min(stopped, len(lines) - 1) + 1):
        line = lines[index]
        for pattern, where in ((at_start, "开头"), (after_colon, "冒号后面")):
            match = pattern.match(line)
            if match:
                said = {"where": where, "name": names[match["char"]]}
                return index, YamlProblem(match="", message=words["message"].format(**said), hint=words["hints"][where])
    return None


def yaml_error_words(exc: yaml.YAMLError) -> str:
    """A data file's YAML error (taxonomy, texts) as an editor reads it: the line and what is
    wrong, as for a case's front matter; PyYAML's own words are English."""
    if isinstance(exc, yaml.reader.ReaderError):
        return "文件里有看不见的特殊字符（控制字符），可能是从网页或其他软件复制时带进来的"
    problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
    explained = _explain(problem)
    mark = (getattr(exc, "context_mark", None) if explained.at_start else None) or getattr(exc, "problem_mark", None)
    where = f"第 {mark.line + 1} 行：" if mark is not None else ""
    return f"{where}{explained.message}{explained.hint}"


def _explain(problem: str) -> YamlProblem:
    problems, fallback = yaml_problems()
    return next((known for known in problems if known.match in problem), fallback)


def _tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


class _Builder:
    """Plain values from a composed node tree, reporting what plain YAML does not allow."""

    def __init__(self, loc: Located, diags: DiagnosticList, first_line: int, what: str = FRONT_MATTER):
        self.loc, self.diags, self.first_line, self.what = loc, diags, first_line, what
        self.file_lines = _file_lines(loc.text)  # YAML's lines to the file's (U+2028 ends none of the file's)
        self.seen: set[int] = set()  # nodes already built: a second visit is an alias
        self.alias_lines: set[int] = set()  # one message a line, however many aliases

    def at(self, mark: yaml.Mark) -> int:
        """The file line of a node's mark."""
        return self.first_line + _file_line(self.file_lines, mark.line)

    def tag_error(self, node: yaml.Node, line: int, what: str = "") -> None:
        self.diags.error(
            line,
            "yaml-tag",
            f"{shorten(_tag(node.tag))} 是以 ! 开头的特殊写法（YAML 的“标签”），这里不能用{what}。",
            '删掉以 ! 开头的这一段，只写普通的值；值本身要以 ! 开头时，用英文引号把整个值包起来，例如 "!好消息"。',
        )

    def build(self, node: yaml.Node, path: Path_, depth: int, at: int | None = None) -> Any:
        """``at``: the line where the node is used (an alias's node starts at its anchor)."""
        loc, diags = self.loc, self.diags
        line = self.at(node.start_mark)
        if id(node) in self.seen and at is not None:
            line = at
        if node.tag not in _ALLOWED_TAGS:
            loc.invalid.add(path)
        if id(node) in self.seen:
            loc.invalid.add(path)
            if line not in self.alias_lines:
                self.alias_lines.add(line)
                diags.error(
                    line, "yaml-alias", "不支持 YAML 的锚点和引用（& 和 *）。", "删掉 & 和 * 开头的记号，把要重复的内容直接写出来。"
                )
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR_TAG:
                loc.raw[path] = node.value
                return node.value
            if node.tag not in _PLAIN_TAGS:
                self.tag_error(node, line)
                return None
            loc.raw[path] = node.value
            try:
                return _constructor.yaml_constructors[node.tag](_constructor, node)
            except (ValueError, OverflowError, yaml.YAMLError):
                loc.invalid.add(path)
                key = ".".join(str(p) for p in path if isinstance(p, str)) or "这个值"
                if node.tag == _TIMESTAMP_TAG:
                    message = f"{key} 的日期“{shorten(node.value)}”不存在。"
                    hint = "检查月份（1–12）和日期（例如 2 月没有 30 日），写成 2023-03-01 这样的真实日期。"
                else:
                    message = f"{key} 的值“{shorten(node.value)}”无法读取。"
                    hint = "数字请写得短一些、不带单位；文字请用英文引号包起来。"
                diags.error(line, "bad-value", message, hint)
                return None
        if depth >= MAX_DEPTH:
            loc.invalid.add(path)
            said = said_for("exceeded maximum nesting depth")
            diags.error(line, "yaml-depth", f"{self.what}{said.message}", said.hint if self.what == FRONT_MATTER else "请检查缩进。")
            return None
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                self.tag_error(node, line)
                return None
            items = []
            for index, child in enumerate(node.value):
                # an alias has no line of its own here: use the list's
                item_line = line if id(child) in self.seen else self.at(child.start_mark)
                loc.lines[path + (index,)] = item_line
                items.append(self.build(child, path + (index,), depth + 1, item_line))
            return items
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                self.tag_error(node, line)
                return None
            mapping: dict[str, Any] = {}
            seen = self.seen
            for key_node, value_node in node.value:
                key_line = self.at(key_node.start_mark)
                if key_node.__class__ is yaml.ScalarNode and key_node.tag == _STR_TAG and id(key_node) not in seen:
                    key = key_node.value  # the common case, without the general checks below
                    if key not in mapping:
                        seen.add(id(key_node))
                        loc.lines[path + (key,)] = key_line
                        if value_node.__class__ is yaml.ScalarNode and value_node.tag == _STR_TAG and id(value_node) not in seen:
                            seen.add(id(value_node))
                            loc.raw[path + (key,)] = mapping[key] = value_node.value
                        else:
                            mapping[key] = self.build(value_node, path + (key,), depth + 1, key_line)
                        continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    diags.error(key_line, "yaml-key", "不支持 YAML 的合并键（<<）。", "把要合并的字段直接写出来。")
                    continue
                if key_node.tag not in _ALLOWED_TAGS:
                    self.tag_error(key_node, key_line, "（在字段名上）")
                    continue
                if not isinstance(key_node, yaml.ScalarNode):
                    diags.error(key_line, "yaml-key", "字段名必须是简单的英文单词。", _check_it(self.what, "字段名"))
                    continue
                key = str(key_node.value)
                if key in mapping:
                    diags.error(
                        key_line,
                        "duplicate-key",
                        f"字段 {shorten(key)} 写了两次（第 {loc.lines[path + (key,)]} 行已有）。",
                        "删掉其中一个，只保留正确的那一行。",
                    )
                    continue
                loc.lines[path + (key,)] = key_line
                mapping[key] = self.build(value_node, path + (key,), depth + 1, key_line)
            return mapping
        return None  # pragma: no cover - yaml has no other node kinds
