"""The site's texts: packaged defaults, merged with a site's own file."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from ..cachefile import read_text_regular
from ..case import invisible, yamlnodes
from ..case.model import Case
from ..case.readers import MARKUP
from ..diagnostics import DiagnosticList, as_message, describe_os_error, shown_path
from ..errors import ConfigError
from ..han import HAN
from ..options import yaml_text
from ..packaged import DATA, read_packaged

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


_PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")
# Any {…} a site writes, but Markdown's attribute lists ({#id}, {.class}): {省份数} and
# { provinces } were shown as typed too, and so was a placeholder in a word that takes none.
_BRACED = re.compile(r"\{(?![#.:])([^{}\n]{0,40})\}")
# A placeholder typed with a Chinese input method's full-width braces (｛page｝): shown as
# typed. Full-width braces around anything else are the way to show braces (the hint below).
_WIDE_BRACED = re.compile(r"｛\s*([a-z_]+)\s*｝")


_MAY_OMIT_FILE = "may-omit.yml"  # placeholders a site's word may leave out (``may_omit``)
# A site's words are plain text, but these, in Markdown (the about page's body).
_MARKDOWN = frozenset({"about.body"})
# What is no HTML in Markdown: code (`<b>` shows as typed) and autolinks (<https://…>, <a@b.cn>).
_MARKDOWN_NOT_HTML = re.compile(r"(`+)[^`].*?\1|<(?:[a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>", re.S)
_TAG = re.compile(r"<[^<>\n]{0,60}>?")


# The code of the file's problems: never printed as one, as each becomes a line of one
# TextsError (``diagnostics.as_message``), which stops a check or a build.
_CODE = "texts"


@dataclass(frozen=True)
class SiteWords:
    """One kind of a site's own words file merged over a packaged one: how its messages name
    them. The site's texts (``texts`` option, texts.yml) and the Word form's words (``form``
    option, form.yml, core/outputs/form.py) are read and checked alike here.

    ``refused``: keys the site may not change (dotted name -> why); ``words_only``: a word
    must be written as words (the form's go into a Word file as they are; 2024 is refused);
    ``retired``: keys of earlier versions (dotted name -> what became of them); ``checks``:
    a word's own rule (the form's file name)."""

    name: str  # 站点文字
    packaged: str  # texts.yml
    shown: str  # 网页上: where a {…} not filled in would show
    made: str  # 生成网页时: when a lone brace would stop the work
    refused: dict[str, str] = field(default_factory=dict)
    words_only: bool = False
    retired: dict[str, str] = field(default_factory=dict)
    checks: dict[str, Callable[[object], str | None]] = field(default_factory=dict)  # dotted name -> its problem, or None
    # how close a misspelt key must be to be guessed (difflib's ratio): the form's row labels
    # are two to six Chinese characters, and 省分 for 省份 is 0.5
    guess_cutoff: float = 0.6
    # plain words (the site's texts): HTML and invisible or direction-changing characters
    # refused, but in the ``markdown`` keys, where Markdown's own syntax is no HTML
    plain: bool = False
    markdown: frozenset[str] = frozenset()
    # placeholders a word may leave out (dotted name -> names); None: not checked
    may_omit: dict[str, frozenset[str]] | None = None


def _merge(
    base: dict[str, Any],
    override: dict[str, Any],
    where: tuple[str, ...],
    located: yamlnodes.Located,
    diags: DiagnosticList,
    kind: SiteWords,
) -> dict[str, Any]:
    """``override`` over ``base``, key by key (``kind``: which file, the site texts or the form's words).
    A key the packaged texts hold as a group (``nav:``) must stay a group, and a word must
    stay a word: the templates index into them, and a wrong shape would otherwise surface mid-build as a Python error. A key the
    packaged texts do not have, a word left empty and a placeholder the word does not take
    are problems too: each was silently ignored or shown as written (a maintainer's trial:
    ``abuot:`` kept the default page, ``{province}`` showed on the home page as typed)."""
    merged = dict(base)
    for key, value in override.items():
        path = (*where, str(key))
        name = ".".join(path)
        if name in kind.refused:
            diags.error(located.line(*path), _CODE, f"“{name}” 不能在{kind.name}文件里改：{kind.refused[name]}", "请删掉这一项。")
        elif key not in base and name in kind.retired:
            diags.error(
                located.line(*path),
                _CODE,
                f"“{name}” 是旧版本里的一项，这个版本已不用（{kind.retired[name]}），写了也不会显示。",
                "请删掉这一行。",
            )
        elif key not in base:
            close = difflib.get_close_matches(str(key), [str(k) for k in base], n=1, cutoff=kind.guess_cutoff)
            known = f"是不是 {close[0]}？" if close else "这一组可用的有：" + "、".join(map(str, base)) + "。"
            diags.error(
                located.line(*path),
                _CODE,
                f"“{name}” 不是{kind.name}里的一项：可能是名称写错了，也可能是旧版本里有、现在已不用的一项。",
                f"{known}请改正名称，或删掉这一行。各项的名称见内置的 {_packaged_path(kind.packaged)}。",
            )
        elif isinstance(base[key], dict):
            if not isinstance(value, dict):
                diags.error(
                    located.line(*path),
                    _CODE,
                    f"“{name}” 应是一组“键: 值”（和内置的 {kind.packaged} 一样缩进写在它下面），现在是一个值。",
                )
            else:
                merged[key] = _merge(base[key], value, path, located, diags, kind)
        elif value is None or (isinstance(value, str) and not value.strip()):
            diags.error(
                located.line(*path),
                _CODE,
                f"“{name}” 是空的。",
                "要用内置的文字，删掉这一行；要用自己的，写在冒号后面（多行文字写成 |，下一行起缩进）。",
            )
        elif isinstance(value, (dict, list)) != isinstance(base[key], (dict, list)):
            diags.error(located.line(*path), _CODE, f"“{name}” 应是一段文字，现在是一组内容。")
        elif kind.words_only and isinstance(base[key], str) and not isinstance(value, str):
            diags.error(
                located.line(*path),
                _CODE,
                f"“{name}” 应是一段文字，现在是“{yaml_text(value)}”。",
                f'要写成文字，请加引号，例如 {name.rsplit(".", 1)[-1]}: "{yaml_text(value)}"。',
            )
        else:
            if isinstance(value, str) and isinstance(base[key], str):
                allowed = set(_PLACEHOLDER.findall(base[key]))
                # each said at its own line, not the key's (a maintainer's trial: line 4 for line 8)
                unknowns: dict[str, int] = {}
                for m in _BRACED.finditer(value):
                    if m.group(1) not in allowed:
                        unknowns.setdefault(m.group(0), m.start())
                for unknown, at in unknowns.items():
                    usable = (
                        "这里可用：" + "、".join(f"{{{a}}}" for a in sorted(allowed)) + "。"
                        if allowed
                        else "这一项不会替换 {…}，请直接写成文字。"
                    )
                    diags.error(located.value_line(path, at), _CODE, f"“{name}” 里的 {unknown} 不认识，{kind.shown}会照原样显示。", usable)
                for wide in dict.fromkeys(m for m in _WIDE_BRACED.finditer(value) if m.group(1) in allowed):
                    diags.error(
                        located.value_line(path, wide.start()),
                        _CODE,
                        f"“{name}” 里的 {wide.group(0)} 是全角大括号，{kind.shown}会照原样显示，不会换成要填的内容。",
                        f"请改成半角的 {{{wide.group(1)}}}（切换到英文输入法再输入大括号）。",
                    )
                # a word with placeholders is filled in (str.format): a lone brace in it
                # stopped the build with Python's ValueError (hostile input on the labels)
                if allowed and re.search(r"[{}]", _BRACED.sub("", value)):  # {0}: said above, not a lone brace too
                    diags.error(
                        located.line(*path),
                        _CODE,
                        f"“{name}” 里有单独的大括号“{{”或“}}”，{kind.made}会出错。",
                        "大括号只用来写 "
                        + "、".join(f"{{{a}}}" for a in sorted(allowed))
                        + " 这样的替换项；要显示大括号，请用全角的｛｝。",
                    )
            if isinstance(value, str) and isinstance(base[key], str):
                _check_words(name, value, base[key], path, located, diags, kind)
            if name in kind.checks and (problem := kind.checks[name](value)):
                diags.error(located.line(*path), _CODE, problem)
            merged[key] = value
    return merged


def _check_words(
    name: str, value: str, packaged: str, path: tuple[str, ...], located: yamlnodes.Located, diags: DiagnosticList, kind: SiteWords
) -> None:
    """A word as a reader gets it: plain text without characters no one sees (``kind.plain``),
    and with every placeholder of the packaged word it needs (``kind.may_omit``)."""
    if kind.plain:
        check_plain(name, value, lambda index: located.value_line(path, index), diags, markdown=name in kind.markdown)
    if kind.may_omit is not None:
        given = set(_PLACEHOLDER.findall(value))
        missing = [p for p in dict.fromkeys(_PLACEHOLDER.findall(packaged)) if p not in given and p not in kind.may_omit.get(name, ())]
        if missing:
            braced = "、".join(f"{{{p}}}" for p in missing)
            diags.error(
                located.line(*path),
                _CODE,
                f"“{name}” 里少了 {braced}：{kind.shown}要在那里填入内容（数字、名称、日期或网址），少了它读者就看不到。",
                f"请在这一项里写上 {braced}（半角大括号），例如内置的“{yamlnodes.shorten(packaged.strip())}”。",
            )


def check_plain(
    name: str,
    value: str,
    line_at: Callable[[int], int],
    diags: DiagnosticList,
    *,
    markdown: bool = False,
    code: str = _CODE,
    html: bool = False,
) -> None:
    """``value`` (the word ``name``) as plain text: no HTML tag, and no character no one sees or
    that turns the text around (U+202E), each said at its line (``line_at(offset)``). With
    ``markdown``, Markdown's own syntax (code, autolinks) is no HTML; with ``html``, tags are
    allowed (a word printed through the sanitizer: mkdocs.yml's copyright, ``HTML_WORDS``). The site's texts,
    the Word form's words and mkdocs.yml's words that Material prints as they are
    (core/collection/mkdocs_yml_checks.py)."""
    seen = _MARKDOWN_NOT_HTML.sub(lambda m: " " * len(m.group()), value) if markdown else value
    if not html and (tag := MARKUP.search(seen)):
        shown = yamlnodes.shorten(_TAG.match(value, tag.start()).group())  # type: ignore[union-attr]
        line = line_at(tag.start())
        if markdown:
            diags.error(
                line,
                code,
                f"“{name}” 里不能写 HTML 标签（“{shown}”）。",
                "请删掉 < > 包起来的部分；加粗写成 **文字**，链接写成 [文字](网址)。",
            )
        else:
            diags.error(line, code, f"“{name}” 只能是纯文字，不能含 HTML 标签（“{shown}”）。", "请删掉 < > 包起来的部分，只写文字。")
    if (hit := invisible.find(value)) is not None:
        invisible.check_text(value, f"“{name}”", line_at(hit[0]), diags)


def _packaged_path(name: str) -> str:
    """Where a packaged data file is, for a message (a maintainer's trial was told 内置的
    texts.yml, no path): from the current folder when it is under it, else whole."""
    path = Path(str(DATA / name)).resolve()
    return shown_path(path) if path.is_relative_to(Path.cwd().resolve()) else str(path)


@cache
def retired_texts() -> dict[str, str]:
    """``data/texts-retired.yml``: a word earlier versions had (``home.all_cases``) -> what became of it."""
    return read_packaged("texts-retired.yml") or {}


def may_omit(section: str, packaged: dict[str, Any]) -> dict[str, frozenset[str]]:
    """The placeholders a site's word of ``section`` (``texts``, ``form``) may leave out
    (data/may-omit.yml), dotted name -> names. A ConfigError naming the file for a name that
    is no word of ``packaged`` with placeholders, or a placeholder that word does not have."""
    data = read_packaged(_MAY_OMIT_FILE) or {}
    table = data.get(section) if isinstance(data, dict) else None
    where = f"程序自带的 {_MAY_OMIT_FILE} 里 {section}"
    if not isinstance(table, dict):
        raise ConfigError(f"{where}：应是一组“名称: [替换项, …]”。请改正这个文件，或用 git checkout 恢复它。")
    out: dict[str, frozenset[str]] = {}
    for name, names in table.items():
        word: Any = packaged
        for part in str(name).split("."):
            word = word.get(part) if isinstance(word, dict) else None
        has = set(_PLACEHOLDER.findall(word)) if isinstance(word, str) else set()
        if not isinstance(names, list) or not names or not all(isinstance(n, str) and n in has for n in names):
            usable = "、".join(sorted(has)) or "无"
            raise ConfigError(f"{where} 的 {name}：应是这个词里有的替换项（{usable}）的列表。请改正这个文件，或用 git checkout 恢复它。")
        out[str(name)] = frozenset(names)
    return out


def load_texts(path: Path | None = None) -> dict[str, Any]:
    """The packaged texts, with a site's own file (``texts`` option) merged over them."""
    return merge_site_words(read_packaged("texts.yml"), path, _texts_words())


@cache
def _texts_words() -> SiteWords:
    # words only: the pages split and fill in their words (a number for about.body or
    # labels.year stopped the build and the check with Python's AttributeError)
    return SiteWords(
        "站点文字",
        "texts.yml",
        "网页上",
        "生成网页时",
        words_only=True,
        retired=retired_texts(),
        plain=True,
        markdown=_MARKDOWN,
        may_omit=may_omit("texts", read_packaged("texts.yml")),
    )


def merge_site_words(packaged: dict[str, Any], path: Path | None, kind: SiteWords) -> dict[str, Any]:
    """``packaged`` with a site's own file of ``kind`` merged over it (None: ``packaged``).
    Raises TextsError naming the file, and each line that cannot be used."""
    if path is None:
        return packaged
    what = f"{kind.name}文件"
    try:
        text = read_text_regular(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise TextsError(f"{path}: 无法读取{what}（{describe_os_error(exc)}）") from None
    diags = DiagnosticList(Path(path))
    located = yamlnodes.parse(text, 1, diags, what=what, mapping=False)
    if diags.has_errors:  # the YAML's own slips (a key written twice among them), each with its line
        raise TextsError(as_message(diags.items))
    if located is None:  # nothing, or only comments: the defaults
        return packaged
    if not isinstance(located.value, dict):
        raise TextsError(f"{path}: {what}应是“键: 值”的形式")
    merged = _merge(packaged, located.value, (), located, diags, kind)
    if diags.has_errors:
        raise TextsError(as_message(diags.items))
    return merged
