"""The ``showcase`` subcommands: one module each, registered in ``cli.py``.

Each module has ``register(subparsers)``, which adds its parser and sets ``func``.
What they share is here: the exit codes, and the site's settings read once from
mkdocs.yml (``load_settings``). Errors are raised as ``ShowcaseError`` and printed
once by ``cli.main`` (one line, its exit code), never caught command by command.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import difflib
import os
import re
import shlex
import sys
import unicodedata
from pathlib import Path

from ..core.cachefile import report_repaired
from ..core.case.yamlnodes import shorten
from ..core.collection.mkdocs_yml import SiteConfig
from ..core.collection.settings import Settings
from ..core.diagnostics import describe_write_error, shown_path
from ..core.errors import EXIT_ERRORS as EXIT_ERRORS  # the exit codes, for every command
from ..core.errors import EXIT_OK as EXIT_OK
from ..core.errors import EXIT_USAGE as EXIT_USAGE
from ..core.errors import ConfigError, ShowcaseError
from ..core.options import DEFAULTS_BY_NAME, unknown_key

# Where `showcase preview` serves one case (new.py names the address in its next steps).
PREVIEW_HOST, PREVIEW_PORT = "127.0.0.1", 8010


# A year as an editor types it: 二〇二四 and full-width digits read as 2024
_HAN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def year(text: str) -> int:
    """``--year`` as written: 2024, 2024年, 2024年度, ２０２４ or 二〇二四 (argparse's int refused
    2024年 with its usage: a department's trial). How many digits is the command's to judge:
    the booklet answers --year 22 with the years that have cases."""
    written = unicodedata.normalize("NFKC", text).strip().translate(_HAN_DIGITS)
    digits = written.removesuffix("年度").removesuffix("年").strip()
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(f"年份应写成数字，例如 2024（也可以写 2024年），现在是“{shorten(text)}”")
    if len(digits) > 8:  # no year: Python refuses to read a number of 5,000 digits (a traceback-like English line)
        raise argparse.ArgumentTypeError(f"年份要写四位数字，例如 2024，现在是“{shorten(text)}”")
    return int(digits)


DEFAULT_CONFIG = "mkdocs.yml"  # the site's configuration when -f names none (in the folder the command runs in)


def typed_path(path: Path) -> str:
    """A path as the editor types it in a command: relative to here when it is below here,
    quoted when needed (showcase new's next steps, import's -f example)."""
    relative = shown_path(path)
    text = relative if not relative.startswith("..") else os.path.abspath(path)  # a venv's python: not resolved
    return shlex.quote(text) if re.search(r"[\s'\"$`\\;&|<>()*?!#~]", text) else text  # Chinese needs no quotes


def load_settings(args: argparse.Namespace) -> tuple[Settings, SiteConfig]:
    """``Settings`` and the site's configuration, as ``showcase check`` and ``mkdocs build`` judge.

    Paths in mkdocs.yml are relative to its folder, wherever the command runs from; files
    given on the command line (``--taxonomy``, ``--review-words``) are relative to here.
    Raises ConfigError (a TaxonomyError, ReviewListError, …) naming the broken file or option.
    """
    if args.config_file == DEFAULT_CONFIG and not Path(DEFAULT_CONFIG).exists():
        # run inside the project (cd cases/广东省): its mkdocs.yml is found above, as git finds
        # its repository; the check looked for cases/广东省/cases (an editor's trial)
        above = next((folder / DEFAULT_CONFIG for folder in Path.cwd().parents if (folder / DEFAULT_CONFIG).is_file()), None)
        if above is not None:
            print(f"showcase: 这里没有 mkdocs.yml，按上级文件夹里的项目运行：{above}", file=sys.stderr)
            args.config_file = str(above)
    site = read_site(Path(args.config_file))
    options = site.options
    if getattr(args, "taxonomy", None):
        options = dataclasses.replace(options, taxonomy=str(Path(args.taxonomy).resolve()))
    if getattr(args, "review_words", None):
        options = dataclasses.replace(options, review_words=str(Path(args.review_words).resolve()))
    return Settings.from_options(options, site.base), site


# What an unknown setting of mkdocs.yml is told without a near name (网站简介): MkDocs' 33
# names, google_analytics and mdx_configs among them, were no help to a county's clerk.
SITE_KEYS = "设置的名字要用英文，例如 site_name（网站名称）、site_description（网站简介）、site_url（网址）。"


def read_site(config_file: Path) -> SiteConfig:
    """The site's mkdocs.yml (``SiteConfig.read``), with a setting MkDocs does not have refused.

    ``mkdocs build --strict`` (make site, CI) stops at one in MkDocs' English (Unrecognised
    configuration name) before the plugin runs; the check said 错误 0 处 and the doctor
    可以生成网站 of site_descripton (helper custH's trial). The names are MkDocs' own,
    read from MkDocs here: the core knows nothing of it.
    """
    site = SiteConfig.read(config_file)
    if site.top_keys:
        from mkdocs.config import config_options
        from mkdocs.config.base import get_schema  # only here: the core reads mkdocs.yml as YAML
        from mkdocs.config.defaults import MkDocsConfig

        schema = [(name, option) for name, option in get_schema(MkDocsConfig) if name != "config_file_path"]
        # MkDocs' deprecated names (pages, google_analytics) it says itself; never suggested
        known = [name for name, option in schema if not isinstance(option, config_options.Deprecated)]
        accepted = {name for name, _ in schema} | {"INHERIT", "<<"}  # INHERIT: read before the settings; <<: a YAML merge
        options = dict(schema)
        nearer: set[str] = set()  # the settings a file read before sets: MkDocs takes its value, not this one's
        for file in site.files:  # mkdocs.yml and the files it inherits, each with its own lines
            for key, line in file.top_keys.items():
                if key.startswith("\u3000"):  # YAML reads a last line's full-width indent as part of its name
                    from ..core.case.yamlnodes import WIDE_INDENT

                    raise ConfigError(f"{file.path} 第 {line} 行：格式有误，无法读取网站的设置。{''.join(WIDE_INDENT)}")
                if key not in accepted and key in DEFAULTS_BY_NAME:  # footer:, reviewers: at the top (a maintainer's trial)
                    raise ConfigError(
                        f"{file.path} 第 {line} 行：{key} 是 showcase 插件的选项，不是网站设置，写在最左边不起作用："
                        "请把它（连同下面缩进的几行）移到 plugins 下的“- showcase:”下面，和那里的其他选项（例如 review_words:）对齐。"
                    )
                if key not in accepted:
                    raise ConfigError(unknown_key(f"{file.path} 第 {line} 行", "网站设置里", key, known, SITE_KEYS))
            for key, value in file.top_values.items():
                if key in options and key not in nearer:
                    if key == "docs_dir" and value is None and (config_file.parent / "docs").is_dir():
                        continue  # MkDocs' default folder, which is there
                    wrong = wrong_kind(key, value, options[key], file.top_written.get(key))
                    if wrong:
                        raise ConfigError(f"{file.path} 第 {file.top_keys[key]} 行：{wrong}")
            nearer |= file.top_keys.keys()
    if site.plugins:
        from importlib.metadata import entry_points

        installed = sorted({point.name for point in entry_points(group="mkdocs.plugins")})
        # As MkDocs finds a plugin: its name, without a leading / (never the theme's), or the
        # theme's own under the theme's name (tags with Material is material/tags). Any theme's
        # is accepted here: a name MkDocs may find is never refused.
        found = set(installed) | {name.split("/", 1)[1] for name in installed if "/" in name}
        for name, line in site.plugins.items():
            if name.removeprefix("/") in found:
                continue
            where = f"{site.plugins_file or config_file} 第 {line} 行"
            if name in DEFAULTS_BY_NAME:  # plugins: as a mapping, an option as deep as showcase:
                raise ConfigError(
                    f"{where}：{name} 是 showcase 插件的选项，却和 showcase 缩进一样深，读成了另一个插件的名字。"
                    "请在它前面再加两个空格，写在 showcase: 下面（用空格，不用 Tab）。"
                )
            # MkDocs stops at it: The "showcse" plugin is not installed
            close = difflib.get_close_matches(name, installed, n=1, cutoff=0.6)
            guess = f"是不是 {close[0]}？" if close else "请核对名字，或先安装这个插件。"
            raise ConfigError(f"{where}：plugins 里的 {shorten(name)} 插件没有安装，生成网站时会停在这里。{guess}")
    return site


# A value of each kind MkDocs' settings take, as a clerk is told to write it, and what a
# value written is read as (``wrong_kind``). A date before a datetime's parent: both are dates.
KINDS: dict[type, str] = {
    str: "一段文字",
    list: "一个列表（每项另起一行，以“- ”开头）",
    dict: "一组设置（另起一行，缩进两个空格写“名字: 值”）",
    bool: "true 或 false",
    int: "一个整数",
    float: "一个小数",
    datetime.date: "一个日期",
}
READ_AS: dict[type, str] = {**KINDS, bool: "true 或 false（yes、no、on、off 也这样读）"}


def wrong_kind(key: str, value: object, option: object, written: str | None = None) -> str:
    """What is wrong with ``value`` for MkDocs' setting ``key`` (its schema's ``option``), or "";
    ``written``: the value as typed, when it is one word (copyright: 2023.10 is read 2023.1).

    ``mkdocs build --strict`` stops at such a value in English before the plugin runs
    ("Expected type: <class 'list'> but received: <class 'str'>" for extra_css: extra.css),
    while the check and the doctor passed it (a deployer's trial: plugins: 5, docs_dir: [a]).
    The kind of value is compared, as MkDocs' own option classes take them; an empty one
    as MkDocs reads it (site_name:, extra: stop the build; copyright: is no copyright).
    """
    from mkdocs.config import config_options as c
    from mkdocs.config.base import ValidationError

    if isinstance(option, c.Optional):
        if value is None:
            return ""
        option = option.option
    if value is None:
        if isinstance(option, c.DocsDir):
            return f"{key} 空着，生成网站时会去找 docs 文件夹。请写上案例文件夹的名字，例如 {key}: cases。"
        if isinstance(option, c.SubConfig):
            return f"{key} 空着，生成网站时会停在这里。请在下面写上设置，或删掉这一行。"
        if isinstance(option, c.FilesystemObject):
            return ""
        if isinstance(option, c.ListOfItems | c.ListOfPaths | c.Hooks):  # extra_javascript:, watch:, hooks:
            return f"{key} 空着，生成网站时会停在这里。用不到就删掉这一行；要用就写成{KINDS[list]}。"
        try:
            option.validate(None)  # type: ignore[attr-defined]
        except ValidationError:  # site_name: (without it MkDocs stops too)
            return f"{key} 空着，生成网站时会停在这里。请在后面写上内容。"
        except Exception:  # an option that needs the whole configuration: MkDocs tells
            return ""
        return ""
    expected: tuple[type, ...]
    if isinstance(option, c.Plugins | c.MarkdownExtensions):
        expected = (list, dict)
    elif isinstance(option, c.Theme):
        expected = (str, dict)
    elif isinstance(option, c.SubConfig):
        expected = (dict,)
    elif isinstance(option, c.ListOfItems | c.ListOfPaths | c.Hooks | c.Nav):
        expected = (list,)
    elif isinstance(option, c.URL):
        return "" if isinstance(value, str) else f"{key} 要写成一个网址，例如 https://example.org/。生成网站时会停在这里。"
    elif isinstance(option, c.IpAddress):
        try:
            option.validate(value)
        except ValidationError:  # dev_addr: 8000, dev_addr: 127.0.0.1
            return f"{key} 要写成“地址:端口”，例如 {key}: 127.0.0.1:8000。生成网站时会停在这里。"
        return ""
    elif isinstance(option, c.PathSpec):
        expected = (str,)
    elif isinstance(option, c.Type):
        kind = getattr(option, "_type", None)
        expected = kind if isinstance(kind, tuple) else (kind,) if isinstance(kind, type) else ()
    else:
        return ""
    if not expected or (isinstance(value, expected) and not (isinstance(value, bool) and bool not in expected)):
        return ""
    wanted = "或".join(KINDS.get(kind, kind.__name__) for kind in expected)
    wanted = f" {wanted}" if wanted[0].isascii() else wanted  # a space between Han and Latin words
    read = next((text for kind, text in READ_AS.items() if isinstance(value, kind)), "别的写法").split("（")[0]
    read = f" {read}" if read[0].isascii() else read
    if str in expected and written is not None and isinstance(option, c.Type):  # copyright: 2024
        return (
            f"{key} 要写成{wanted}：{shorten(written)} 被读成了{read}。"
            f'请加上引号，例如 {key}: "{shorten(written)}"，否则生成网站时会停在这里。'
        )
    return f"{key} 要写成{wanted}，现在写的是{read}。生成网站时会停在这里。"


# What a command's cases-folder argument says it defaults to (``cases_root``).
CASES_HELP = "案例文件夹（默认取配置的 cases_dir，即 cases/）"


def add_data_files(parser: argparse.ArgumentParser, *, review_words: bool = False) -> None:
    """The options ``load_settings`` reads over mkdocs.yml's: ``--taxonomy``, and ``--review-words``
    for a command that checks the cases' words."""
    parser.add_argument("--taxonomy", help="分类数据文件（覆盖配置）")
    if review_words:
        parser.add_argument("--review-words", help="审核词表文件（覆盖配置）")


def cases_root(given: str | None, site: SiteConfig) -> Path:
    """The cases folder: as given on the command line (relative to here), else the site's."""
    return Path(given) if given else site.cases_dir


def existing_folder(root: Path) -> Path:
    """``root`` if it is a folder; a ConfigError (exit 2) saying it is missing otherwise."""
    if root.is_file():  # a review: README.md was said not to be there
        raise ConfigError(f"{root} 是一个文件，不是案例文件夹。请写案例所在的文件夹，例如 cases/。")
    if not root.is_dir():
        raise ConfigError(f"找不到案例文件夹 {root}。请写案例所在的文件夹，例如 cases/，或用 -f 指定网站的 mkdocs.yml。")
    return root


def unwritable(path: Path | str, exc: OSError) -> ShowcaseError:
    """The one message for an output file (``-o``) that cannot be written: where, why, what to do."""
    why = describe_write_error(exc)
    return ShowcaseError(f"无法写入 {path}（{why}）。请换一个位置或文件名，并确认文件夹存在、文件没有被其他程序打开。")


# Names Windows keeps for its devices, with any extension (CON.docx is no file there).
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


def output_folder(out: Path) -> None:
    """The folder an output file (``-o``) goes in must be there: a mistyped one is not made
    (a review: ``template -o /nonexistent/表.docx`` made /nonexistent). Its name one Windows
    can hold: these files go to Windows computers, USB sticks and shares (a trial wrote
    越秀：汇编?.pdf, which none of them can copy)."""
    if bad := [c for c in dict.fromkeys(out.name) if c in '<>:"|?*\\' or ord(c) < 0x20]:
        shown = " ".join(c if c.isprintable() else repr(c) for c in bad)
        mended = "".join(c for c in out.stem if c not in bad) or "文件"
        raise ConfigError(
            f"-o {out}：文件名里有 {shown}，Windows 电脑和 U 盘上不能用这样的文件名。请去掉这些字符，例如 -o {out.with_name(mended + out.suffix)}。"
        )
    if out.stem.split(".")[0].upper() in _RESERVED:
        raise ConfigError(f"-o {out}：{out.stem} 是 Windows 保留给设备的名字，这样的文件在 Windows 上打不开。请换一个文件名。")
    if not out.parent.is_dir():
        raise ConfigError(f"-o {out}：文件夹 {out.parent} 不存在。请先建好文件夹，或换一个位置。")


def may_replace(out: Path, *, force: bool, lost: str) -> None:
    """Said before any work: a file that is there is not replaced unasked (``lost``: what
    would go with it), nor one that is open in Word, WPS or LibreOffice (``--force`` or not),
    nor a read-only one
    (trials: a clerk's edited booklet, and a returned form saved under the name the blank
    one is written to, were each replaced without a word)."""
    if out.is_dir():
        raise unwritable(out, IsADirectoryError())
    if not out.exists():
        return  # a lock file left by a crash, or another document's, is no reason to refuse (a review)
    # Word's owner file: ~$ and the name, its first character dropped when the name before its
    # extension is 7 characters long, its first two when longer (a trial: 一区一特色汇编.docx's
    # ~$区一特色汇编.docx was missed); WPS's, ~$ and the whole name
    cut = 0 if len(out.stem) < 7 else 1 if len(out.stem) == 7 else 2
    owners = [out.parent / f".~lock.{out.name}#", *dict.fromkeys(out.parent / f"~${out.name[n:]}" for n in (0, cut))]
    # Not even with --force: regenerating a booklet always takes --force, and WPS on UOS or
    # Kylin keeps a document open over its replaced file without a word (compileH's trial).
    # A mark left by a crash is removed by hand, the message names it.
    if owner := next((owner for owner in owners if owner.is_file()), None):
        raise ConfigError(
            f"-o {out}：这个文件像是正在 Word、WPS 或 LibreOffice 里打开着，没有覆盖。请先关闭它再生成，或换一个文件名；"
            f"确实没有打开（例如程序异常退出后留下的记号），请删掉它旁边的 {owner.name}（隐藏文件）再生成。"
        )
    if not os.access(out, os.W_OK):
        raise ConfigError(f"-o {out}：这是只读文件，没有覆盖。请换一个文件名，或先去掉它的只读属性。")
    if not force:
        raise ConfigError(f"-o {out}：这个文件已经有了。重新生成会覆盖它，{lost}。要覆盖，加上 --force；要保留它，换一个文件名。")


def say_repaired(repaired: list[str]) -> None:
    """The case cache's entries found damaged and checked again (``Collection.repaired``), on
    standard error in the build's words: a command reading the cases said nothing of them."""
    report_repaired(lambda line: print(f"showcase: {line}", file=sys.stderr), repaired)
