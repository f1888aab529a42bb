"""A site's mkdocs.yml, and the files it inherits, as the command line reads it without MkDocs:
the plugin's options with their lines, the folders, site_url, the settings as MkDocs merges
them (INHERIT, !ENV), and what MkDocs would read past (a key written twice, an option put
under the wrong plugin)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from ..case.yamlnodes import parse, shorten, value_node
from ..diagnostics import DiagnosticList, describe_os_error
from ..errors import ConfigError
from ..options import DEFAULTS_BY_NAME, Options
from .mkdocs_yml_checks import check_printed_words


class _LenientLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely, turning its ``!!python/name`` and ``!ENV`` tags into None."""


_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)


class _EnvLoader(_LenientLoader):
    """``_LenientLoader`` with ``!ENV`` read as MkDocs reads it (pyyaml_env_tag): the first of
    its variables that is set, else its default (the last item of a list of two or more)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.SequenceNode):
        items = list(node.value)
        default = loader.construct_object(items.pop()) if len(items) > 1 else None
    else:
        items, default = [node], None
    for item in items:
        name = loader.construct_scalar(item) if isinstance(item, yaml.ScalarNode) else None
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return default


_EnvLoader.add_constructor("!ENV", _env)


@dataclass(frozen=True)
class SiteConfig:
    """What the command line needs from a site's mkdocs.yml: the plugin's options and folders."""

    options: Options
    base: Path  # mkdocs.yml's folder: relative paths in it are relative to this
    cases_dir: Path  # the cases folder: the plugin's cases_dir, else MkDocs' docs_dir, else cases/
    raw: dict[str, Any]  # the plugin block as written (for options only the command line reads)
    site_url: str = ""  # MkDocs' own settings the tools show: permalinks, the guide's address
    site_name: str = ""
    read_from_file: bool = False  # False: no mkdocs.yml, the defaults (a folder of cases checked on its own)
    config_file: Path | None = None  # the mkdocs.yml read (None: none, the defaults)
    # the plugins mkdocs.yml names, as it names them ("search", "showcase"), and each one's line
    plugins: dict[str, int] = field(default_factory=dict)
    site_url_line: int = 0  # the line of mkdocs.yml's site_url (0: not written)
    docs_dir_written: str | None = None  # mkdocs.yml's docs_dir when written as plain text (not !ENV), else None
    # mkdocs.yml and the files it inherits (INHERIT), itself first: each one's settings with their lines
    files: tuple[SettingsFile, ...] = ()
    plugins_file: Path | None = None  # the file whose plugins list MkDocs reads (mkdocs.yml, or one it inherits)

    @property
    def top_keys(self) -> dict[str, int]:
        """mkdocs.yml's top-level settings as written, each with its line (a misspelt one: the commands)."""
        return self.files[0].top_keys if self.files else {}

    @classmethod
    def read(cls, config_file: Path) -> SiteConfig:
        """The site whose mkdocs.yml is ``config_file``; defaults when there is no such file.

        Raises ConfigError for an option the showcase cannot use.
        """
        base = config_file.resolve().parent if config_file.is_file() else Path.cwd()
        files = read_settings_files(config_file) if config_file.is_file() else []
        node = files[0].node if files else None
        data = merged_settings(files)
        holder = _plugins_holder(files)
        plugins_file, plugins_node = (holder.path, holder.node) if holder else (config_file, node)
        for file in files:
            _refuse_misplaced_options(file.node, file.path)
        raw = dict(_plugin_block(data, plugins_file) or {})
        lines = _option_lines(plugins_node)
        Options.refuse_unknown(raw, str(plugins_file), lines)
        options = Options.from_mapping(raw, str(plugins_file), lines)
        docs_dir = data.get("docs_dir") if isinstance(data, dict) else None
        folder = raw.get("cases_dir") or (docs_dir if isinstance(docs_dir, str) else None) or options.cases_dir
        name = data.get("site_name") if isinstance(data, dict) else None
        return cls(
            options=options,
            base=base,
            cases_dir=base / folder,
            raw=raw,
            site_url=_site_url(next((file.node for file in files if _key_line(file.node, "site_url")), None)),
            site_name=name if isinstance(name, str) else "",
            read_from_file=config_file.is_file(),
            config_file=config_file if config_file.is_file() else None,
            plugins=_plugin_lines(plugins_node),
            site_url_line=_key_line(node, "site_url"),
            docs_dir_written=docs_dir if isinstance(docs_dir, str) and docs_dir else None,
            files=tuple(files),
            plugins_file=plugins_file if holder else None,
        )


def site_url_of(text: str, path: Path | None = None, read: Callable[[Path], str | None] | None = None) -> str:
    """The ``site_url`` a mkdocs.yml's text sets ("" when none): an earlier version of the
    file, read from git (``pr-summary``). Raises ConfigError when it is not YAML. Not set
    there, it is the file's that ``INHERIT`` names (``path``: this file's, to find it from;
    ``read``: a file's text as it was then, None when there was none), as MkDocs reads it."""
    seen: set[Path] = set()
    while True:
        try:
            loader = _LenientLoader(text)  # a SafeLoader
            try:
                node = loader.get_single_node()
            finally:
                loader.dispose()
        except yaml.YAMLError:
            raise ConfigError("mkdocs.yml 格式有误") from None
        inherit = _env_value(node, "INHERIT")
        if _key_line(node, "site_url") or not isinstance(inherit, str) or not inherit or path is None or read is None:
            return _site_url(node)
        path = Path(os.path.normpath(path.parent / inherit))
        parent = read(path) if path not in seen else None
        if parent is None:
            return ""
        seen.add(path)
        text = parent


def _top_keys(node: yaml.Node | None) -> dict[str, int]:
    """mkdocs.yml's top-level keys, each with its line (the first where one is written twice)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    keys: dict[str, int] = {}
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode):
            keys.setdefault(str(key.value), key.start_mark.line + 1)
    return keys


def _top_values(node: yaml.Node | None, data: object) -> dict[str, Any]:
    """mkdocs.yml's top-level values as YAML reads them, without those a tag of MkDocs'
    (!ENV, !relative) gives their value: only MkDocs can tell what they are."""
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return {}
    return {
        str(key.value): data[key.value]
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and key.value in data and value.tag.startswith("tag:yaml.org,2002:")
    }


def _top_written(node: yaml.Node | None) -> dict[str, str]:
    """mkdocs.yml's top-level values of one word, as typed: YAML reads copyright: 2023.10 as
    2023.1 and site_name: yes as true, and the advice quotes what the clerk wrote."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): str(value.value)
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode) and value.value != ""
    }


def _key_line(node: yaml.Node | None, name: str) -> int:
    """The line of the top-level key ``name`` in mkdocs.yml's nodes (0: not written)."""
    if not isinstance(node, yaml.MappingNode):
        return 0
    return next((k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == name), 0)


def _env_value(node: yaml.Node | None, name: str) -> object:
    """The top-level value ``name`` of mkdocs.yml's nodes as MkDocs reads it, an ``!ENV`` one
    too (None: not written, or empty)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    value = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == name), None)
    if value is None:
        return None
    loader = _EnvLoader("")
    try:
        return loader.construct_object(value, deep=True)
    finally:
        loader.dispose()


def _site_url(node: yaml.Node | None) -> str:
    """mkdocs.yml's ``site_url`` from its YAML nodes, an ``!ENV`` one read as MkDocs reads it
    (other tags are none); "" when none. A review: moved into !ENV, the same address read as
    removed."""
    if not isinstance(node, yaml.MappingNode):
        return ""
    url = _env_value(node, "site_url")
    if url is not None and not isinstance(url, str):
        # MkDocs stops the build at it (in English); read as no address, check and booklet passed
        raise ConfigError(
            f"mkdocs.yml 的 site_url 应是一个网址（一段文字），现在是“{shorten(url)}”。"
            '请照浏览器地址栏里的写法填写，例如 site_url: "https://www.example.gov.cn/wmsj/anli/"；还没有正式网址就写 site_url: ""。'
        )
    return url.strip() if isinstance(url, str) else ""


def _twice(node: yaml.Node | None) -> tuple[str, int, int] | None:
    """The first key written twice in one mapping of ``node``'s tree: (key, its line, the
    earlier line), or None. YAML keeps the later value without a word."""
    seen: set[int] = set()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if id(current) in seen:  # an alias: the same node again
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            lines: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    if key.value in lines:
                        return key.value, key.start_mark.line + 1, lines[key.value]
                    lines[key.value] = key.start_mark.line + 1
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return None


def check_config_file(config_file: Path) -> None:
    """A ConfigError for what MkDocs reads past in the site's mkdocs.yml and the files it
    inherits: a key written twice, a word printed as HTML (the build; ``SiteConfig.read``
    says the same to the command line)."""
    if config_file.is_file():
        read_settings_files(config_file)


@dataclass(frozen=True)
class SettingsFile:
    """One file of a site's settings as read: mkdocs.yml, or a file it inherits."""

    path: Path
    data: object  # as YAML reads it
    node: yaml.Node | None  # its YAML nodes, which know their lines

    # each read from the nodes once, when first asked for (the commands ask for them in turns)
    @cached_property
    def top_keys(self) -> dict[str, int]:
        """Its top-level settings as written, each with its line."""
        return _top_keys(self.node)

    @cached_property
    def top_values(self) -> dict[str, Any]:
        """Their values as YAML reads them, not those a tag (!ENV) leaves to MkDocs."""
        return _top_values(self.node, self.data)

    @cached_property
    def top_written(self) -> dict[str, str]:
        """Those of one word, as typed (2023.10, yes)."""
        return _top_written(self.node)


def read_settings_files(config_file: Path) -> list[SettingsFile]:
    """mkdocs.yml, then the file its ``INHERIT`` names, and so on, each checked as mkdocs.yml is.

    MkDocs reads the inherited file's settings under mkdocs.yml's own, and its words print on
    every page the same: a menu title's <img onerror> in it ran on the built site while the
    same line in mkdocs.yml was refused, and the command line read its plugin options as
    the defaults (a review). MkDocs looks for the file from the folder of the one naming it.
    """
    files: list[SettingsFile] = []
    current = config_file
    while True:
        data, node = _read_config(current)
        if files and data is not None and not isinstance(data, dict):  # MkDocs stops at it with a TypeError
            raise ConfigError(
                f"{current}：这个文件由 {files[-1].path.name} 的 INHERIT 指定，要写成“设置名: 值”的形式，现在不是。"
                "请每行写一项设置，例如 site_name: 某某区案例展示，前面不要加“- ”。"
            )
        files.append(SettingsFile(current, data, node))
        line = _key_line(node, "INHERIT")
        if not line:
            return files
        inherit = _env_value(node, "INHERIT")  # INHERIT: !ENV [BASE, base.yml] as MkDocs reads it (a code review)
        where = f"{current} 第 {line} 行"
        if not isinstance(inherit, str) or not inherit.strip():
            raise ConfigError(f"{where}：INHERIT 要写成另一个设置文件的路径，例如 INHERIT: base.yml（从这个文件所在的文件夹算起）。")
        parent = Path(os.path.abspath(current.parent / inherit))  # normalised, as MkDocs joins them
        if not parent.is_file():
            found = "是一个文件夹，不是设置文件" if parent.is_dir() else "不存在"  # INHERIT: shared, without base.yml
            raise ConfigError(
                f"{where}：INHERIT 指向的设置文件 {shorten(inherit)} {found}（找的是 {parent}）。"
                "请核对文件名和路径：路径从这个文件所在的文件夹算起。"
            )
        if any(parent.resolve() == file.path.resolve() for file in files):
            raise ConfigError(
                f"{where}：INHERIT 指向的 {shorten(inherit)} 又直接或间接地 INHERIT 回来，设置文件绕成了一个圈，"
                "网站无法生成。请删掉其中一个 INHERIT。"
            )
        current = parent


def merged_settings(files: list[SettingsFile]) -> object:
    """The settings MkDocs builds with: each inherited file's under the one naming it, mappings
    merged key by key and anything else (a list: plugins, nav) replaced, as MkDocs' merge does."""
    if not files:
        return None
    merged: object = files[-1].data
    for file in reversed(files[:-1]):
        merged = _merge(merged if merged is not None else {}, file.data)
    if isinstance(merged, dict):
        merged.pop("INHERIT", None)
    return merged


def _merge(parent: object, child: object) -> object:
    if not isinstance(parent, dict) or not isinstance(child, dict):
        return child
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merge(out[key], value) if isinstance(out.get(key), dict) and isinstance(value, dict) else value
    return out


def _read_config(config_file: Path) -> tuple[object, yaml.Node | None]:
    """The parsed mkdocs.yml, and its YAML nodes (which know their lines); a ConfigError
    when it cannot be read.

    Checking with the defaults instead would pass what the site's own build refuses
    (its taxonomy, reviewers and limits unread), so a broken file stops every subcommand.
    """
    try:
        text = config_file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{config_file}：不是 UTF-8 编码的文字，无法读取。请用编辑器另存为 UTF-8 编码。") from None
    except OSError as exc:
        raise ConfigError(f"{config_file}：无法读取（{describe_os_error(exc)}）。") from None
    try:
        loader = _LenientLoader(text)
        try:
            node = loader.get_single_node()
            twice = _twice(node)
            if twice is not None:
                key, line, first = twice
                raise ConfigError(
                    f"{config_file} 第 {line} 行：{shorten(key)} 写了两次（第 {first} 行已有），只有后写的这一行起作用，"
                    "前面那一行的设置被悄悄丢掉了。请删掉不要的那一行，只留一个。"
                )
            check_printed_words(config_file, node, text)
            return (loader.construct_document(node) if node is not None else None), node
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise ConfigError(_syntax_words(config_file, text, exc)) from None


def _syntax_words(config_file: Path, text: str, exc: yaml.YAMLError) -> str:
    """mkdocs.yml's YAML error as a case's front matter is told it (``yamlnodes.parse``): the
    line of the slip and what to type instead. It was YAML's English at the line YAML stopped
    at: a full-width indent on line 46 was 第 74 行, a full-width colon on line 3 第 4 行
    (helper custH's trial, a county's clerk editing the file in Notepad)."""
    diags = DiagnosticList(config_file)
    # Only a slip that stopped the reading: what a front matter refuses in a text that reads
    # (the !ENV and !!python/name tags MkDocs takes; libyaml passes a tab after a colon, which
    # MkDocs' reader refuses) was said instead, at the tag's line, 删掉以 ! 开头的标签.
    read = parse(text, 1, diags, config_file.name, mapping=False)
    said = next((d for d in diags.items if d.is_error), None) if read is None else None
    closing = "改好后 mkdocs build 和 showcase 才能使用这些设置。"
    if said is None:  # YAML refused what the reading of a case's front matter passes: YAML's words
        mark = getattr(exc, "problem_mark", None)
        where = f" 第 {mark.line + 1} 行" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return f"{config_file}{where}：格式有误，无法读取网站的设置（{problem}）。请检查这一行的缩进、冒号和括号；{closing}"
    message = said.message.removeprefix(f"{config_file.name}的格式有误：")
    hint = f"{said.hint.rstrip('。')}。" if said.hint else ""
    return f"{config_file} 第 {said.line} 行：格式有误，无法读取网站的设置。{message}{hint}{closing}"


def _plugin_pairs(node: yaml.Node | None) -> list[tuple[yaml.Node, yaml.Node | None]]:
    """Each plugin mkdocs.yml lists (``- search``, ``- showcase: …``) or maps: its name's node
    and its options' (None for a bare name)."""
    plugins = _plugins_node(node)
    if isinstance(plugins, yaml.MappingNode):
        return list(plugins.value)
    if isinstance(plugins, yaml.SequenceNode):
        return [item.value[0] if isinstance(item, yaml.MappingNode) and item.value else (item, None) for item in plugins.value]
    return []


def _plugins_holder(files: Sequence[SettingsFile]) -> SettingsFile | None:
    """The file whose plugins list MkDocs reads: the nearest that has one (a list is replaced whole)."""
    return next((file for file in files if isinstance(file.data, dict) and "plugins" in file.data), None)


def _showcase_block(node: yaml.Node | None) -> yaml.Node | None:
    """The showcase plugin's options' node in mkdocs.yml's ``node`` (None: not listed, or no options)."""
    return next((value for name, value in _plugin_pairs(node) if isinstance(name, yaml.ScalarNode) and name.value == "showcase"), None)


def _key_lines(node: yaml.Node | None) -> dict[str, int]:
    """A mapping's keys as written, each with its line ({}: not a mapping)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def plugin_option_lines(config_file: Path, option: str) -> tuple[Path, dict[str, int]]:
    """The file whose plugins list the build reads (``config_file``, or a file it INHERITs)
    and there the keys of the showcase plugin's mapping option ``option`` (``footer``), each
    with its line; {} when the files cannot be read (their own check says why). A message on
    a footer's value names its line (a text search of mkdocs.yml found a look-alike key, and
    no line where the plugins list sits in an inherited file)."""
    try:
        holder = _plugins_holder(read_settings_files(config_file))
    except ConfigError:
        return config_file, {}
    if holder is None:
        return config_file, {}
    return holder.path, _key_lines(value_node(_showcase_block(holder.node), option))


def _plugin_lines(node: yaml.Node | None) -> dict[str, int]:
    """The plugins mkdocs.yml lists or maps, by name, each with its line (for a message about
    it: a search through the file's lines found the showcase option ``search: true`` before
    Material's ``- search``)."""
    return {str(name.value): name.start_mark.line + 1 for name, _ in _plugin_pairs(node) if isinstance(name, yaml.ScalarNode)}


def _plugins_node(node: yaml.Node | None) -> yaml.Node | None:
    return value_node(node, "plugins")


def written_settings(text: str, top: Iterable[str], options: Iterable[str]) -> dict[str, str] | None:
    """mkdocs.yml's top-level settings ``top``, its theme's ``custom_dir``, the names of the
    plugins it runs (``plugins``) and the showcase plugin's ``options``, each as written: its
    nodes' tags and words, an ``!ENV`` kept as the tag it is (pr-summary compares the file at
    the base with the file now). None when the text is not YAML, or nested past Python's reach."""
    try:
        loader = _LenientLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if not isinstance(node, yaml.MappingNode):
            return None
        pairs = _plugin_pairs(node)
        block = _showcase_block(node)
        found = {key: _written(value_node(node, key)) for key in top}
        found["custom_dir"] = _written(value_node(value_node(node, "theme"), "custom_dir"))
        found["plugins"] = repr(sorted(str(name.value) for name, _ in pairs if isinstance(name, yaml.ScalarNode)))
        return found | {key: _written(value_node(block, key)) for key in options}
    except (yaml.YAMLError, RecursionError):
        return None


def _written(node: yaml.Node | None) -> str:
    """A YAML node as written: its tag and words, its items' in order (a mapping's by key)."""
    if node is None:
        return ""
    if isinstance(node, yaml.SequenceNode):
        return f"{node.tag} [{', '.join(map(_written, node.value))}]"
    if isinstance(node, yaml.MappingNode):
        return f"{node.tag} {{{', '.join(sorted(f'{_written(key)}: {_written(value)}' for key, value in node.value))}}}"
    return f"{node.tag} {node.value!r}"


def _option_lines(node: yaml.Node | None) -> dict[str, int]:
    """The showcase plugin's options as written in mkdocs.yml, each with its line."""
    return _key_lines(_showcase_block(node))


def _refuse_misplaced_options(node: yaml.Node | None, config_file: Path) -> None:
    """A ConfigError for an item of mkdocs.yml's plugins list that YAML reads with more than
    one name: a plugin's options indented no deeper than its name (``- showcase:`` then
    ``review_words: …`` under the dash), or a second plugin without its dash. MkDocs stops the
    build with "Invalid Plugins configuration" (English, no line), and the check read the
    plugin as having no options: a review list off without a word (a deployer's trial)."""
    plugins = _plugins_node(node)
    known = DEFAULTS_BY_NAME.keys()
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        if not isinstance(item, yaml.MappingNode) or len(item.value) < 2:
            continue
        (first, value), *rest = item.value
        plugin = shorten(str(first.value)) if isinstance(first, yaml.ScalarNode) else "插件"
        names = [str(key.value) for key, _ in rest if isinstance(key, yaml.ScalarNode)]
        has_options = isinstance(value, yaml.MappingNode) and bool(value.value)
        if "showcase" in names or (plugin != "showcase" and has_options) or (plugin == "showcase" and not set(names) <= known):
            # another plugin, as deep as this one: its dash left out
            other = "showcase" if "showcase" in names else shorten(names[0]) if names else "下一个插件"
            line = next(
                (key.start_mark.line + 1 for key, _ in rest if getattr(key, "value", None) == other), rest[0][0].start_mark.line + 1
            )
            raise ConfigError(
                f"{config_file} 第 {line} 行：{other} 和上面的 {plugin} 写在了 plugins 列表的同一项里，{other} 插件读不到"
                "（构建会停在 Invalid Plugins configuration）。每个插件单独一项：在 "
                f"{other} 前面加上“- ”，和 {plugin} 前面的“- ”对齐。"
            )
        keys = "、".join(shorten(name) for name in names[:3]) + (" 等" if len(names) > 3 else "")
        raise ConfigError(
            f"{config_file} 第 {rest[0][0].start_mark.line + 1} 行：{keys} 和 {plugin} 缩进一样深，读成了 plugins 列表里的另一项，"
            f"{plugin} 插件读不到它们（构建会停在 Invalid Plugins configuration）。"
            f"请在 {plugin}: 下面的每一行前面再加两个空格（用空格，不用 Tab），让它们比 {plugin} 多缩进。"
        )


def _plugin_block(data: object, config_file: Path) -> dict[str, Any] | None:
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
        raise ConfigError(f"{config_file}：showcase 插件的选项应写成“选项名: 值”的形式。")
    return {str(k): v for k, v in value.items()}
