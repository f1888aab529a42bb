"""The site's own settings and data files, read and checked once, before any case.

The build (the plugin's ``on_config``) and ``showcase check`` both read them here, so
that what stops a build is what the check reports: an audit found a footer's ICP number
and a missing guide file that stopped or changed the build while the check said 错误 0 处.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..cachefile import read_text_regular
from ..case.places import place_data
from ..diagnostics import Diagnostic, DiagnosticList, as_message, describe_os_error
from ..errors import ConfigError
from ..media.pipeline import MediaOptions
from ..options import DEFAULTS, Options
from ..outputs.search import RelatedTerms, load_related_terms
from .address import check_site_url
from .footer import Footer
from .texts import load_texts

if TYPE_CHECKING:
    from ..collection.settings import Settings

__all__ = ["SiteFiles", "check_collections_file", "footer_options", "guide_file", "read_site_files", "screen_site_words"]


@dataclass(frozen=True)
class SiteFiles:
    texts: dict[str, Any]
    media: MediaOptions
    footer: Footer
    related_terms: RelatedTerms
    guide: Path | None  # the editors' guide to publish at /guide/; None: the site publishes none
    # the footer's options, the file that sets them as a message names it, and each key's line
    # there (``footer_options``): read once, for the footer's errors and ``screen_site_words``
    footer_at: tuple[dict[str, Any], str, dict[str, int]] = ({}, "mkdocs.yml", {})


def read_site_files(options: Options, base: Path, site_url: str | None, *, site: bool = True, config_file: Path | None = None) -> SiteFiles:
    """Every option and data file a build reads before its cases; raises one ConfigError
    (a ShowcaseError) naming the file and line, or the option, for the first that cannot
    be used. ``site_url``: None where ``mkdocs serve`` sets its own. ``site``: False for
    cases checked without a site (no mkdocs.yml), which publishes no guide. ``config_file``:
    mkdocs.yml, where a footer's value is found to name its line."""
    texts = load_texts(options.path("texts", base))
    media = MediaOptions.from_options(options, base, zoom_title=texts["reader"]["photo_zoom"])
    footer_at = footer_options(options, config_file)
    footer = Footer.from_options(*footer_at)
    related_terms = load_related_terms(options.path("related_terms", base))
    place_data()  # read first here: a slip in places.yml is one line, not a traceback mid-build (a review)
    # the site's address starts every printed QR code and full URL: a page's address
    # (…/index.html), a query or a #part is refused, not printed (a deployer's trial)
    check_site_url(site_url)
    if site:
        check_collections_file(options, base)
    return SiteFiles(texts, media, footer, related_terms, guide_file(options, base) if site else None, footer_at)


def footer_options(options: Options, config_file: Path | None) -> tuple[dict[str, Any], str, dict[str, int]]:
    """The footer's options, the file that sets them as a message names it, and each key's
    line there (none without a value written: mkdocs.yml is not read again for nothing)."""
    from ..collection.mkdocs_yml import plugin_option_lines  # reads mkdocs.yml's YAML: only here

    if config_file is None or all(value in (None, "") for value in (options.footer or {}).values()):
        return options.footer, "mkdocs.yml", {}
    holder, lines = plugin_option_lines(config_file, "footer")
    shown = holder.name if holder.parent == config_file.parent else str(holder)
    return options.footer, shown, lines


def screen_site_words(options: Options, base: Path, settings: Settings, files: SiteFiles) -> list[Diagnostic]:
    """The site's own words every reader sees (its texts file: the about page, the home
    page's introduction…; the footer's organizer and contact) checked as a case's text is:
    personal numbers, contact labels, review words. A ConfigError naming each file and line;
    without one, the reminders, for the caller to say with the other files' (they were lost:
    a reminder of the about page was never shown).
    A maintainer's trial published 联系人：王科长，手机 13905711234 and an ID number on /about/
    (the same line in collections.yml is refused) and a mobile in the footer of every page.
    ``files``: what ``read_site_files`` read (the footer's lines among it)."""
    from ..case import yamlnodes
    from ..case.content import screen  # the case's rules: only here (this module is read by the case's)
    from ..case.pii import SITE_WORDS

    found: list[Diagnostic] = []
    path = options.path("texts", base)
    if path is not None and path.is_file():
        try:
            text = read_text_regular(path)
        except (OSError, UnicodeDecodeError):
            text = ""  # load_texts has said why it cannot be read
        diags = DiagnosticList(path)
        located = yamlnodes.parse(text, 1, diags, what="站点文字文件") if text.strip() else None
        screen(text, located, diags, settings.review_words, allow_personal_numbers=settings.allow_personal_numbers, wording=SITE_WORDS)
        found += diags.items
    footer, holder, lines = files.footer_at
    for key, value in footer.items():
        if not isinstance(value, str) or not value.strip():
            continue
        diags = DiagnosticList(Path(holder))
        wording = dataclasses.replace(SITE_WORDS, here=f"showcase 插件的 footer.{key}（每一页的页脚）里")
        screen(value, None, diags, settings.review_words, allow_personal_numbers=settings.allow_personal_numbers, wording=wording)
        found += [dataclasses.replace(d, line=lines.get(key, 0)) for d in diags.items]
    found.sort(key=Diagnostic.sort_key)  # by file and line, as the cases' are said (a review: :7 before :5)
    if any(d.is_error for d in found):
        raise ConfigError(as_message(found))
    return found


def _unusable(options: Options, key: str, base: Path) -> tuple[Path, str] | None:
    """The file the option ``key`` names, and why it cannot be used (不存在, 不是一个文件), or
    None: unset, a regular file, or the default name missing (a site without that file)."""
    path = options.path(key, base)
    if path is None or path.is_file() or (not path.exists() and getattr(options, key) == getattr(DEFAULTS, key)):
        return None
    return path, "不存在" if not path.exists() else "不是一个文件"  # a folder, a pipe, a device: a pipe's read would wait


def check_collections_file(options: Options, base: Path) -> None:
    """A collections file the site names that is missing, or a folder, is an error: every
    专题 page then turned into a redirect to the home page with one INFO line, and the check
    said 错误 0 处 (a maintainer's trial: a path written wrong). The default
    (collections.yml) may be missing: that site has no collections."""
    unusable = _unusable(options, "collections", base)
    if unusable is not None:
        path, why = unusable
        raise ConfigError(
            f"mkdocs.yml 里 showcase 插件的 collections 写的专题文件 {path} {why}，这样网站上所有专题页都会消失。"
            '请把文件放回去，或改正路径；不要专题时写 collections: ""。'
        )


def guide_file(options: Options, base: Path) -> Path | None:
    """The editors' guide to publish at /guide/, or None. A guide file the site names that
    is missing or cannot be read is an error: the build published no /guide/ page without
    a word, and every message of the check linked to it (an audit). The default
    (CONTRIBUTING.md) may be missing: that site publishes no guide."""
    unusable = _unusable(options, "guide", base)
    path = options.path("guide", base)
    if unusable is not None:
        path, why = unusable
    elif path is None or not path.is_file():
        return None
    else:
        try:
            read_text_regular(path)  # readable as the page reads it (editors/guide.py)
            return path
        except (OSError, UnicodeDecodeError) as exc:
            why = f"无法读取（{describe_os_error(exc)}）"
    raise ConfigError(
        f"mkdocs.yml 里 showcase 插件的 guide 写的编辑指南文件 {path} {why}，网站的 /guide/ 页面和检查结果里的说明链接都要用它。"
        '请把文件放回去，或改正路径；不发布指南时写 guide: ""。'
    )
