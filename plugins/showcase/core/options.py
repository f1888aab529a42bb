"""Every option of the showcase, with its default, written once.

``mkdocs.yml``'s ``plugins: - showcase:`` block is read by MkDocs through the typed
``plugin/config.py`` (whose defaults come from here) and by the ``showcase`` command
line through ``Options.from_mapping`` (``commands/__init__.py``). The core reads an
``Options`` value, never a raw dict, so a default cannot differ between the two.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import ConfigError

# Where every cache below is kept by default (beside mkdocs.yml, never in site/); each can be set apart.
CACHE_ROOT = ".cache/showcase"


@dataclass(frozen=True)
class Options:
    # Where the cases are, relative to mkdocs.yml (the command line; the site uses docs_dir).
    cases_dir: str = "cases"
    # Data files, relative to mkdocs.yml. None means the packaged default.
    taxonomy: str | None = None
    review_words: str | None = None
    texts: str | None = None
    # The Word submission form's words (data/form.yml's format), merged over the packaged ones.
    form: str | None = None
    # Content rules.
    allow_personal_numbers: bool = False
    # The reviewing units allowed in review.reviewer (empty: any unit).
    reviewers: tuple[str, ...] = ()
    max_image_pixels: int = 50_000_000
    max_image_bytes: int = 30 * 1024 * 1024
    # Case bodies (core/case/bounds.py): bytes, lists and quotes inside each other, "[" or "<"
    # left open; beyond them a body is an error. One body's conversion is stopped after
    # body_seconds (0: no limit; Windows has none): a hang, never a slow case.
    max_body_bytes: int = 200 * 1024  # a long case is 10-30 KB (Chinese is 3 bytes a character)
    max_body_nesting: int = 20  # real cases use 2 or 3 levels
    max_body_unclosed: int = 100
    body_seconds: float = 30.0
    # Presentation.
    sample_tag: str = "示例"
    per_page: int = 30
    navigation: bool = True
    # A page for each county (district) too, under its city's: /regions/<province>/<city>/<county>/,
    # with the counties' links on the city's page; a municipality's under its own page. For a
    # city's own site, whose one city would list every case (core/site/index.py).
    county_pages: bool = False
    # Full-text search (Pagefind): the search page and its index; also under `mkdocs serve`.
    search: bool = True
    search_in_preview: bool = True
    # Case pages per Pagefind index. Pagefind's peak grows by about 0.45 MB a page (1.45 GB
    # at 2,000 pages, 5 GB at 10,000), so 5,000 pages bound it to about 2.3-2.8 GB; a larger
    # collection is indexed in several
    # bundles (pagefind/, pagefind/shard-1/, ...), one after another, which the search page
    # merges. At or below this many published cases the index is one bundle, as always.
    search_shard_pages: int = 5000
    # Cases a reader's first search covers, when the index is in bundles: the bundles of the
    # newest cases up to this many (one bundle at least); the older ones load when the
    # reader asks, or when those give less than a page of results. Each bundle's page list
    # (about 11 bytes a case) is read by every search over it: 10,000 keeps a first query
    # near 300 KB however large the collection.
    search_first_pages: int = 10000
    # Related-terms groups for search (data/related-terms.yml's format), relative to
    # mkdocs.yml: added to the packaged groups, or replacing them with `replace: true`.
    related_terms: str | None = None
    # Images: responsive widths (the largest bounds the long side), the cache outside site/,
    # worker processes (0: one per core), share cards and their CJK font (fontconfig if unset).
    image_widths: tuple[int, ...] = (480, 960, 1600)
    image_cache: str = f"{CACHE_ROOT}/images"
    image_workers: int = 0
    share_images: bool = True
    share_font: str | None = None
    # Links that last: the published-URL ledger ("" switches the check off), feed length.
    ledger: str = "urls.lock"
    feed_items: int = 20
    # Curated collections (专题), relative to mkdocs.yml ("" for none): core/collection/curated.py.
    collections: str = "collections.yml"
    # 下载汇编 (Word and PDF booklets) on theme, activity-series (brand) and year pages too; collections always have them.
    # Off by default: each booklet is laid out at build time (README, Compilations).
    booklets: bool = False
    # Booklets kept between builds, keyed by content (core/outputs/booklet/site.py).
    booklet_cache: str = f"{CACHE_ROOT}/booklets"
    # A PDF booklet's layout is stopped after this many seconds a case, counting 30 cases at
    # least (core/outputs/booklet/make.py; 0: no limit), and the build or the command stops
    # naming it: a case body WeasyPrint is slow on (a huge table, a line that never breaks)
    # held builds for ever. Generous: 465 cases took 43 s of CPU (88 s on a busy 2-core
    # machine) against a limit of 930 s; the sample's 34 cases 1.8 s against 68 s.
    booklet_seconds_per_case: float = 2.0
    # The editors' guide published at /guide/ ("" for none).
    guide: str = "CONTRIBUTING.md"
    # Converted case bodies kept between builds, keyed by content ("" switches it off).
    body_cache: str = f"{CACHE_ROOT}/bodies"
    # Each case's checked result kept between runs, keyed by content ("" switches it off;
    # core/collection/stored.py): the build and showcase check, stats, booklet and urls.
    case_cache: str = f"{CACHE_ROOT}/cases"
    # The search index kept between builds, keyed by the case pages it reads ("" switches
    # it off; core/outputs/search_cache.py): only the index's data, never Pagefind's code.
    search_cache: str = f"{CACHE_ROOT}/search"
    # The case pages' QR codes kept between builds, keyed by permalink ("" switches it off).
    qr_cache: str = f"{CACHE_ROOT}/qr.json"
    # A complete build removes the cache files above it did not use (core/cacheprune.py).
    prune_cache: bool = True
    # Processes converting case bodies in a build (0: one per core; 1: MkDocs' own only).
    jobs: int = 0
    # The speed-ups of large builds (plugin/speedup/scale.py). Off, the same site is built
    # the way MkDocs alone builds it, slowly: the reference the tests compare with.
    speedups: bool = True
    # Drafts and cases in review rendered with their banner (pull-request preview only).
    preview: bool = False
    # The footer a government site needs (core/site/footer.py checks its values).
    footer: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, values: dict[str, Any] | None, source: str = "mkdocs.yml", lines: Mapping[str, int] | None = None) -> Options:
        """Options from plain values (None means the default); a wrong type is a ConfigError,
        which names the option's line when ``lines`` has it (the command line reads them)."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        given: dict[str, Any] = {}
        for key, value in (values or {}).items():
            if key not in known:
                continue  # MkDocs itself reports unknown options of a site build
            if value is None:
                continue
            given[key] = _checked(key, value, DEFAULTS_BY_NAME[key], at_line(source, key, lines))
        return cls(**given)

    @classmethod
    def refuse_unknown(cls, values: dict[str, Any] | None, source: str = "mkdocs.yml", lines: Mapping[str, int] | None = None) -> None:
        """A ConfigError for an option the showcase does not have. MkDocs refuses one in a
        strict build, in English; ``showcase check`` read past it, so a misspelt option
        (review-words for review_words) was off without a word and the check passed."""
        known = [f.name for f in dataclasses.fields(cls)]
        for key in values or {}:
            if key not in known:
                raise ConfigError(unknown_key(at_line(source, str(key), lines), "showcase 插件", str(key), known))

    @property
    def import_photo_side(self) -> int:
        """The longest side of a photo ``showcase import`` writes into a case folder:
        ``IMPORT_SIDE_FACTOR`` times the largest of ``image_widths`` (3200 px by default)."""
        return IMPORT_SIDE_FACTOR * max(self.image_widths)

    # The options that name a file the build reads (beside mkdocs.yml and the cases): what
    # `mkdocs serve` watches too.
    FILE_OPTIONS = ("taxonomy", "review_words", "texts", "form", "related_terms", "share_font", "collections", "guide")

    def files(self, base: Path) -> list[Path]:
        """The files the ``FILE_OPTIONS`` name, resolved against ``base``, those that are there."""
        found = (self.path(key, base) for key in self.FILE_OPTIONS)
        return [path for path in found if path is not None and path.is_file()]

    def path(self, key: str, base: Path) -> Path | None:
        """A file option resolved against ``base`` (mkdocs.yml's folder); None when unset or "".

        A backslash is a folder's separator, as Windows writes it (``review_words: words\\rw.txt``,
        copied from the Explorer's address bar): on Linux, the CI's and the server's system, it
        was part of a name no file has, and the option's file 不存在 (helper custH's trial)."""
        value = getattr(self, key)
        return base / str(value).replace("\\", "/") if value else None


def at_line(source: str, key: str, lines: Mapping[str, int] | None) -> str:
    """``source`` with the line of its option ``key`` when known (mkdocs.yml 第 31 行)."""
    line = (lines or {}).get(key)
    return f"{source} 第 {line} 行" if line else source


def unknown_key(source: str, where: str, key: str, known: list[str], listed: str = "") -> str:
    """The message for ``key``, which ``where`` in ``source`` does not have, with the nearest it
    has; without one, every name it has, or ``listed`` (what to say of them instead)."""
    close = difflib.get_close_matches(key.replace("-", "_").lower(), known, n=1, cutoff=0.6)
    guess = f"是不是 {close[0]}？" if close else (listed or f"可以写的有：{'、'.join(known)}。")
    return f"{source}：{where}没有 {key} 这个选项，写错名字的选项不起作用。{guess}请改正或删掉这一行。"


POSITIVE = {
    "max_image_pixels",
    "max_image_bytes",
    "max_body_bytes",
    "max_body_nesting",
    "max_body_unclosed",
    "per_page",
    "feed_items",
    "search_shard_pages",
    "search_first_pages",
}
NON_NEGATIVE = {"image_workers", "jobs"}
TEXT_LISTS = {"reviewers"}
# The smallest width a photo is resized to: a smaller one is useless on a page, and the
# image stage relies on it (core/media/photos.py).
MIN_IMAGE_WIDTH = 16
LIST_MINIMUM = {"image_widths": MIN_IMAGE_WIDTH}
# A photo ``showcase import`` writes into a case folder keeps at most this many times the
# largest of ``image_widths`` on its long side (3200 px by default); a larger one is
# reduced to it (intake/photometa.py ``shrink``). The site never serves more than the
# largest width, but the case folder is committed to Git and every clone downloads each
# photo ever committed: a phone's 6000×4000 original of 23 MB became a 22 MB cover.jpg, over
# links to GitHub that break (editors in mainland China). Twice the width leaves room to
# crop a detail for a cover, or to add a larger width later (screens of twice the
# density), without asking the organization for its original; at 3200 px a photo is some
# 1–3 MB, about a tenth of a phone's original.
IMPORT_SIDE_FACTOR = 2  # ``Options.import_photo_side``


# The longest time limit (a day): longer is no limit, and the system timer cannot hold
# every number (setitimer: OverflowError above about 1e11 seconds).
MAX_SECONDS = 86_400


def _checked(key: str, value: Any, default: Any, source: str) -> Any:
    def wrong(kind: str) -> ConfigError:
        example = f"（例如 {yaml_text(default)}）" if default not in (None, "") else ""
        space = " " if kind[:1].isascii() else ""  # 应是 true、应是 0 或正数; 应是正整数
        return ConfigError(f"{source}：showcase 插件选项 {key} 应是{space}{kind}{example}，现在是“{yaml_text(value)}”。")

    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise wrong("true 或 false")
        return value
    if isinstance(default, float):
        # .inf, .nan and a number of seconds the system timer cannot hold passed here, and
        # every body then failed to convert, blamed on its case file (a maintainer's trial)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_SECONDS:
            raise wrong(f"0 到 {MAX_SECONDS} 之间的秒数，0 表示不限时")
        return float(value)
    if isinstance(default, int):
        kind = "正整数" if key in POSITIVE else "0 或正整数" if key in NON_NEGATIVE else "整数"
        low = 1 if key in POSITIVE else 0 if key in NON_NEGATIVE else None
        if isinstance(value, bool) or not isinstance(value, int) or (low is not None and value < low):
            raise wrong(kind)
        return value
    if key in TEXT_LISTS:
        if not isinstance(value, (list, tuple)) or any(not isinstance(v, str) or not v.strip() for v in value):
            raise ConfigError(
                f"{source}：showcase 插件选项 {key} 应是文字的列表（例如 [越秀区民政局, 天河区民政局]），现在是“{yaml_text(value)}”。"
            )
        joined = next((v for v in value if re.search("[，、；]", v)), None)
        if joined is not None:  # [甲局，乙局] is one unit's name (a maintainer's trial: every case's reviewer refused)
            parts = [part.strip() for part in re.split("[，、；]", joined) if part.strip()]
            example = ", ".join(parts[:3]) + (", …" if len(parts) > 3 else "")  # a list pasted 5,000 times is not said back whole
            from .case.yamlnodes import shorten  # here: that module reads this one

            raise ConfigError(
                f"{source}：showcase 插件选项 {key} 里的“{shorten(joined, 60)}”用中文逗号或顿号隔开了几个单位，会被当成一个单位的名字。"
                f"请用英文逗号隔开，例如 [{example}]。"
            )
        return tuple(" ".join(v.split()) for v in value)
    if isinstance(default, tuple):
        low = LIST_MINIMUM.get(key, 1)
        if (
            not isinstance(value, (list, tuple))
            or not value
            or any(isinstance(v, bool) or not isinstance(v, int) or v < low for v in value)
        ):
            raise wrong("正整数的列表" if low == 1 else f"不小于 {low} 的整数的列表")
        return tuple(value)
    if isinstance(default, dict):  # the footer
        if not isinstance(value, dict):
            raise ConfigError(
                f"{source}：showcase 插件选项 {key} 应是下面缩进的几行“选项名: 值”（organizer 主办单位、contact 联系方式、"
                f"icp ICP备案号、police 公安备案号），现在是“{yaml_text(value)}”。例如 {key}: 换行后缩进写 organizer: 某某市民政局。"
            )
        return value
    if not isinstance(value, str):
        raise wrong("一个文件路径或文字" if default is None else "文字")
    return value


def yaml_text(value: Any) -> str:
    """A value as YAML spells it (true, [480, 960], {名: 值}, 2023-03-01), for an error's
    words: never Python's own spelling (['a'], datetime.date(2023, 3, 1)), which an
    author never wrote."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ".inf" if value > 0 else "-.inf"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_text(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_text(k)}: {yaml_text(v)}" for k, v in value.items()) + "}"
    return str(value)


DEFAULTS = Options()
DEFAULTS_BY_NAME: dict[str, Any] = {f.name: getattr(DEFAULTS, f.name) for f in dataclasses.fields(Options)}
