"""What a site's mkdocs.yml may hold that the pages print: its words (site_name, copyright,
nav, extra) as HTML, its links, the theme's name and its logo and favicon; checked for the
command line and the build alike (``mkdocs_yml.read_settings_files``), and the words cleaned
for the build (``sanitize_html_words``)."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

import yaml

from ..cachefile import read_text_regular
from ..case.yamlnodes import scalar_line, shorten, value_node
from ..diagnostics import DiagnosticList, as_message
from ..errors import ConfigError

# mkdocs.yml's words Material's templates print as they are (its <title>,
# header, menus, tabs, footer): a menu title's <img onerror> ran on every page (helper
# guardH's build). Each is plain text, checked as the site's texts are (core/site/texts.py
# ``check_plain``). Those Material documents as HTML (``HTML_WORDS``: the copyright, where a
# department links its name; the cookie consent's description and the feedback widget's
# notes, where its examples link a privacy page and an issue form) go through the body
# sanitizer (``sanitize_html_words``, the plugin's ``on_config``), and only a character no
# one sees is refused in them: a tag in them stopped every command.
_PRINTED = ("site_name", "site_description", "site_author", "repo_name")


HTML_WORDS = ("copyright", "extra.consent.description", "extra.analytics.feedback.ratings.note")  # a list's items each


_PRINTED_TREES = ("nav", "extra")  # every text in them: the menu's titles, the theme's extra words


# Addresses Material writes into href="…" (partials/social.html as they are, header.html): a
# quote closed the attribute (onmouseover=…, no tag for the check above), javascript: ran on
# a click. Each is a web address, a site path, mailto: or tel: (site-markup).
# theme.logo and theme.favicon go into src="…" and href="…" the same way (partials/logo.html,
# base.html; reviewH): a path, no quote.
_LINKS = ("extra.social.link", "extra.alternate.link", "extra.homepage", "theme.logo", "theme.favicon")


_THEME_LINKS = ("logo", "favicon")


_LINK = re.compile(r"(?:https?://|mailto:|tel:|/|\.{1,2}/|[^:/?#]*(?:[/?#]|$))[^\x00-\x20\x7f\"'<>`\\]*", re.IGNORECASE)


_STR = "tag:yaml.org,2002:str"


def check_printed_words(config_file: Path, node: yaml.Node | None, text: str) -> None:
    """A ConfigError naming mkdocs.yml and the line of each such word with an HTML tag or a
    character no one sees in it (site-markup, invisible-char)."""
    if not isinstance(node, yaml.MappingNode):
        return
    from ..site.texts import check_plain  # the texts' one check (core/site depends on this module)

    diags = DiagnosticList(config_file)

    def check(name: str, scalar: yaml.Node, html: bool = False) -> None:
        if not isinstance(scalar, yaml.ScalarNode) or scalar.tag != _STR or not isinstance(scalar.value, str):
            return  # a number, true/false, an !ENV or !!python tag: no text of the file's
        value, first = scalar.value, scalar.start_mark.line + 1
        check_plain(name, value, lambda index: scalar_line(scalar, text, index), diags, code="site-markup", html=html)
        if name in _LINKS and not _LINK.fullmatch(value.strip()):
            diags.error(
                first,
                "site-markup",
                f"“{name}” 是网址，只能写 https:// 开头的网址、站内的 /路径 或 mailto:，"
                f"不能含引号、空格、< > 或 javascript: 这样的写法（“{shorten(value)}”）。",
                "请只写网址本身，例如 https://weibo.com/xxxx。",
            )

    def walk(name: str, tree: yaml.Node, depth: int = 0) -> None:
        if depth > 20:  # a menu nested this deep is none; nor is an alias's loop walked
            return
        if isinstance(tree, yaml.MappingNode):
            for key, value in tree.value:
                check(name, key)
                walk(f"{name}.{key.value}" if name != "nav" and isinstance(key, yaml.ScalarNode) else name, value, depth + 1)
        elif isinstance(tree, yaml.SequenceNode):
            for item in tree.value:
                walk(name, item, depth + 1)
        else:
            check(name, tree, html=name in HTML_WORDS)

    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "site_url" and isinstance(value, yaml.ScalarNode):
            url = str(value.value)
            if url.strip() and url != url.strip():  # MkDocs adds its / after the space: the build stopped on “…/wmsj/ /”
                diags.error(
                    value.start_mark.line + 1,
                    "site-markup",
                    # as written, its space too (shorten's one line would drop it), unless too long to say back
                    f"site_url“{url if len(url) <= 80 else shorten(url, 80)}”前后有空格（可能是复制时带上的），网址里不能有空格。",
                    f'请删掉空格，写成 site_url: "{shorten(url.strip(), 80)}"。',
                )
        if isinstance(key, yaml.ScalarNode) and key.value in (*_PRINTED, *HTML_WORDS):
            check(key.value, value, html=key.value in HTML_WORDS)
        elif isinstance(key, yaml.ScalarNode) and key.value in _PRINTED_TREES:
            walk(key.value, value)
        elif isinstance(key, yaml.ScalarNode) and key.value == "theme" and isinstance(value, yaml.ScalarNode):
            _check_theme_name(value, diags)  # theme: materail
        elif isinstance(key, yaml.ScalarNode) and key.value == "theme" and isinstance(value, yaml.MappingNode):
            _check_theme_name(value_node(value, "name"), diags)
            for option, setting in value.value:
                if isinstance(option, yaml.ScalarNode) and option.value in _THEME_LINKS:
                    check(f"theme.{option.value}", setting)
            docs = value_node(node, "docs_dir")
            _check_theme(config_file, value, diags, str(docs.value) if isinstance(docs, yaml.ScalarNode) and docs.value else "docs")
    if diags.has_errors:
        raise ConfigError(as_message(diags.items))


# The options of the theme: MkDocs' own, and those Material reads (its mkdocs_theme.yml holds
# the ones with a default; palette and logo have none)
_THEME_OPTIONS = frozenset({"name", "custom_dir", "static_templates", "locale", "palette", "logo"})


def _material_templates() -> Path | None:
    """Material's templates folder, where it is installed."""
    try:
        from importlib.resources import files

        folder = Path(str(files("material") / "templates"))
    except (ImportError, TypeError):
        return None
    return folder if folder.is_dir() else None


def _check_theme_name(named: yaml.Node | None, diags: DiagnosticList) -> None:
    """A theme no installed package provides (``name: materail``): MkDocs stops before any
    plugin runs, in English (Unrecognised theme name), and the check and the doctor said
    nothing (a maintainer's trial). The themes are the ``mkdocs.themes`` entry points, as
    MkDocs finds them."""
    if not isinstance(named, yaml.ScalarNode) or named.tag != _STR or not named.value.strip():
        return  # !ENV THEME, or none (MkDocs says that one itself)
    from importlib.metadata import entry_points

    installed = sorted({point.name for point in entry_points(group="mkdocs.themes")})
    if not installed or named.value in installed:
        return
    close = difflib.get_close_matches(named.value.strip(), installed, n=1, cutoff=0.6)
    diags.error(
        named.start_mark.line + 1,
        "site-theme",
        f"theme 的 name 写的是“{shorten(named.value)}”，没有装这个主题，网站无法生成" + (f"：是不是 {close[0]}？" if close else "。"),
        f"本网站用的主题写 name: material。装好的主题：{'、'.join(installed)}。",
    )


def _check_theme(config_file: Path, theme: yaml.MappingNode, diags: DiagnosticList, docs_dir: str = "docs") -> None:
    """The theme's options as Material reads them: an option it does not have (faviocn, lgoo:
    a maintainer's trial, the site went out with Material's icon and no logo, unsaid), and a
    language it has no words for (zh-CN: the build stopped on a traceback, the site half written)."""
    templates = _material_templates()
    named = value_node(theme, "name")
    if templates is None or not (isinstance(named, yaml.ScalarNode) and named.value == "material"):
        return  # another theme's options are its own
    try:
        known = _THEME_OPTIONS | set(yaml.safe_load((templates / "mkdocs_theme.yml").read_text(encoding="utf-8")) or {})
    except (OSError, yaml.YAMLError):
        return
    custom = value_node(theme, "custom_dir")
    custom_dir = config_file.parent / str(custom.value) if isinstance(custom, yaml.ScalarNode) else None
    _check_theme_images(config_file, theme, custom_dir, templates, diags, docs_dir)
    for option, setting in theme.value:
        if not isinstance(option, yaml.ScalarNode):
            continue
        line, name = option.start_mark.line + 1, str(option.value)
        if name not in known and name != "<<" and not _read_by_own_templates(custom_dir, name):
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
            diags.error(
                line,
                "site-theme",
                f"theme 下没有 {shorten(name)} 这个选项"
                + (f"，是不是 {close[0]}？" if close else "。")
                + "写错的选项不起作用，网站会用主题自带的设置。",
                f"请改成 {close[0]}。" if close else f"theme 下能写的选项：{'、'.join(sorted(known))}。",
            )
        elif name == "language" and isinstance(setting, yaml.ScalarNode) and setting.tag == _STR:  # not !ENV
            language = setting.value.strip()
            words = f"partials/languages/{language}.html"
            if _is_file(templates / words) or (custom_dir is not None and _is_file(custom_dir / words)):
                continue
            diags.error(
                setting.start_mark.line + 1,
                "site-theme",
                f"theme.language 写的是“{shorten(language)}”，网站主题没有这个语言的文字，网站无法生成。",
                "简体中文写 zh（不是 zh-CN），繁体中文写 zh-Hant。",
            )


def _read_by_own_templates(custom_dir: Path | None, name: str) -> bool:
    """Whether a template of the site's own (custom_dir) reads ``theme.<name>``: MkDocs hands
    every theme option to the templates, and a site's own may use one Material has not."""
    if custom_dir is None:
        return False

    def text(page: Path) -> str:  # a regular file's: a pipe named like a template never holds the reader
        try:
            return read_text_regular(page)
        except (OSError, UnicodeDecodeError):
            return ""

    try:
        return any(f"theme.{name}" in text(page) for page in custom_dir.rglob("*.html"))
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    """``path.is_file()``, False for a name the system refuses (a 300-character theme.logo:
    OSError, File name too long, a traceback in check, doctor and build; a review)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


_THEME_IMAGES = (("logo", "网站标志", "每个页面上的网站标志"), ("favicon", "网页图标", "浏览器标签页上的网页图标"))


def _check_theme_images(
    config_file: Path, theme: yaml.MappingNode, custom_dir: Path | None, templates: Path, diags: DiagnosticList, docs_dir: str
) -> None:
    """A ``theme.logo`` or ``theme.favicon`` that no published file answers: every page would
    show a broken logo and ask for a missing icon. The theme's folders are published as they
    are (custom_dir, site_overrides/, and Material's own); the cases folder publishes cases
    only (a maintainer's trial put both there: the build said nothing, then only the build
    warned, while check and doctor said 可以生成网站)."""
    folders = [folder for folder in (custom_dir, templates) if folder is not None]
    custom = custom_dir or config_file.parent / "site_overrides"
    for option, label, shown in _THEME_IMAGES:
        node = value_node(theme, option)
        if not isinstance(node, yaml.ScalarNode) or node.tag != _STR:
            continue  # unset, or !ENV SITE_ICON: MkDocs' to read, not a path written here
        value = node.value.strip()
        if not value or "://" in value or value.startswith(("/", "data:")) or not _LINK.fullmatch(value):
            continue  # unset, an address outside the site, or no path (site-markup said so)
        written = value.replace("\\", "/")
        there = any(_is_file(folder / os.path.normpath(written)) for folder in folders)  # assets/../assets/logo.png too
        if there and written == value:
            continue
        said, shown_written = shorten(value, 80), shorten(written, 80)  # a value of thousands of characters is not said back whole
        slash = f"路径里要用 /，不用 \\：写成 {shown_written}。" if written != value else ""
        if there:  # a Windows path: MkDocs looks for a file named with the backslash
            diags.error(node.start_mark.line + 1, "site-theme", f"theme.{option}（{label}）写的是 {said}：{slash}", "把 \\ 改成 /。")
            continue
        where = shorten(os.path.relpath(custom / written, config_file.parent), 100)
        in_cases = _is_file(config_file.parent / docs_dir / written)  # MkDocs' docs_dir: the cases, here
        diags.error(
            node.start_mark.line + 1,
            "site-theme",
            f"theme.{option}（{label}）写的是 {said}，但网站里没有这个文件，{shown}会显示不出来。"
            + (f"{docs_dir}/ 文件夹只发布案例，放在 {docs_dir}/ 里的图片不会发布。" if in_cases else "")
            + slash,
            f"请把图片放到 {where}（网站模板文件夹 custom_dir 里的文件会原样发布），theme.{option} 写 {shown_written}。",
        )


def sanitize_html_words(config: MutableMapping[str, Any], clean: Callable[[str], str]) -> None:
    """Each of mkdocs.yml's words Material prints as HTML (``HTML_WORDS``) in ``config`` (as
    MkDocs read it) replaced by ``clean`` of it (the body sanitizer): a link is kept, a script
    or an event handler is not. A word of another shape is left to Material."""

    def each(tree: object, parts: list[str]) -> None:
        if isinstance(tree, list):  # the feedback's ratings: each one's note
            for item in tree:
                each(item, parts)
        elif isinstance(tree, MutableMapping) and parts[0] in tree:
            if len(parts) > 1:
                each(tree[parts[0]], parts[1:])
            elif isinstance(tree[parts[0]], str) and tree[parts[0]]:
                tree[parts[0]] = clean(tree[parts[0]])

    for name in HTML_WORDS:
        each(config, name.split("."))
