"""Share images: a 1200×630 card per case for WeChat, Weibo and other apps.

The card shows the case's title and organization on its theme colour, beside a crop
of the cover. Chinese text needs a CJK font: one is configured or found through
fontconfig, and every character is checked against the font before drawing, so a
card never shows boxes for missing glyphs (it is left out with a warning instead).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps

from ..cachefile import Record, problem, read_regular, reading_ahead, write_atomic
from ..colors import hex_of, readable, rgb_of
from ..workers import PARALLEL_MIN_ITEMS, cores, forked_map

SIZE = (1200, 630)
# Part of every card's cache key: raise it when the same card would be drawn differently.
# 2: the cover is fitted with HAMMING instead of LANCZOS.
CARD_VERSION = "6"  # 3: the organization in one line when two would reach the theme chip; 4: Huffman tables not optimized
# 5: no line of the title or the organization holds one character alone at its end (_no_lone_last);
# 6: punctuation carried to the next line takes a Latin word or number before it whole (WiFi，, not WiF / i，)
# The cover photo is fitted to its panel from the 960-px rendition, a scale of 0.85 to 1:
# at that scale HAMMING (one pixel of support) and LANCZOS (three) differ by half a level
# of 255 on average, which nobody sees on a share preview, and HAMMING takes half the time
# (3.7 against 7.5 ms of a card's 25; measured with the sample's photos). A cold build of
# 10,000 cases with covers draws 10,000 of them.
COVER_FILTER = Image.Resampling.HAMMING
COVER_WIDTH = 960  # the rendition a card's cover is fitted from (pipeline._share_cards): the panel is narrower
CARD_SECONDS = 0.02  # a card's drawing, about: fewer than 50 new cards are drawn in the build's process (photos.POOL_MIN_SECONDS)
# Characters every Chinese case uses; a font without them is no CJK font.
PROBE = "社区社会组织新时代文明实践案例"
# A code point no font maps: it renders as the font's .notdef glyph (the "tofu" box).
_NOTDEF = "\U0010ffff"
_NO_LINE_START = set("，。、；：？！）》」』】”’…·%,.;:?!)]}")
_NO_LINE_END = set("（《「『【“‘([{")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*|\s+|.", re.DOTALL)
_LATIN = re.compile(r"[A-Za-z0-9.\-]{2}")  # two characters of one Latin word or number


@dataclass(frozen=True)
class FontFace:
    """One face of a font file (a .ttc holds several: Japanese, Simplified Chinese…)."""

    path: Path
    index: int = 0

    def load(self, size: int) -> ImageFont.FreeTypeFont:
        return _load(str(self.path), self.index, size)

    @property
    def name(self) -> str:
        family, style = self.load(20).getname()
        return f"{family} {style}".strip()

    def identity(self) -> list:
        """What makes a rendered card differ: the file, its face, its version on disk."""
        stat = self.path.stat()
        return [str(self.path), self.index, stat.st_size, stat.st_mtime_ns]


@lru_cache(maxsize=64)
def _load(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    # Basic layout: CJK needs no shaping, and output must not depend on libraqm being present.
    return ImageFont.truetype(path, size, index=index, layout_engine=ImageFont.Layout.BASIC)


@dataclass(frozen=True)
class ShareFonts:
    regular: FontFace
    bold: FontFace


def missing_glyphs(text: str, face: FontFace) -> list[str]:
    """Characters of ``text`` the font would draw as .notdef boxes (or not at all)."""
    return [ch for ch in dict.fromkeys(text) if not ch.isspace() and _is_missing(face.path, face.index, ch)]


# Every case's card is checked before it is drawn: ten thousand titles share a few
# thousand characters, so each character is looked up once per face (the .notdef mask
# once per face too), not once per card: that was 13 ms per card, in one process.
@lru_cache(maxsize=65536)
def _is_missing(path: Path, index: int, ch: str) -> bool:
    font = _load(str(path), index, 40)
    mask = _mask(font, ch)
    return mask == _notdef(path, index) or not any(mask[1])


@lru_cache(maxsize=64)
def _notdef(path: Path, index: int) -> tuple[tuple[int, int], bytes]:
    return _mask(_load(str(path), index, 40), _NOTDEF)


def _mask(font: ImageFont.FreeTypeFont, text: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(text)
    return mask.size, bytes(mask)


def _faces(path: Path) -> list[FontFace]:
    """Every face of a font file, Simplified Chinese ones first."""
    faces = []
    for index in range(64):
        try:
            family = _load(str(path), index, 20).getname()[0] or ""
        except OSError:
            break
        faces.append((not re.search(r"\b(SC|CN|GB|Hans)\b|简", family), index))
    return [FontFace(path, index) for _, index in sorted(faces)]


def _covers(face: FontFace) -> bool:
    try:
        return not missing_glyphs(PROBE, face)
    except OSError:
        return False


def _fontconfig(patterns: Iterable[str]) -> list[FontFace]:
    """Candidates from fontconfig: best matches for each pattern, then every Chinese font."""
    if shutil.which("fc-match") is None:
        return []
    found: list[FontFace] = []
    commands = [["fc-match", "-f", "%{file}\\n%{index}\\n", p] for p in patterns]
    commands.append(["fc-list", "-f", "%{file}\\n%{index}\\n", ":lang=zh-cn"])
    for command in commands:
        try:
            out = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            continue
        lines = out.split("\n")
        for file, index in zip(lines[::2], lines[1::2], strict=False):
            if file and index.strip().isdigit():
                face = FontFace(Path(file), int(index))
                if face not in found:
                    found.append(face)
    return found


# Fonts fontconfig found in this process, by what it was asked with (its program and its
# environment): six fontconfig runs and the fonts opened, 0.045 s of CPU in every build
# and every rebuild of `mkdocs serve`. Only fonts found are kept, and only while their files
# are there: a font installed while `mkdocs serve` runs is found at the next rebuild.
_FOUND: dict[tuple[str | None, ...], ShareFonts] = {}
_FONTCONFIG_ENV = ("FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")


def find_fonts(configured: Path | None = None) -> tuple[ShareFonts | None, str]:
    """Fonts to draw share cards with, or None and why (in words for editors).

    ``configured`` (the ``share_font`` option) wins; otherwise fontconfig is asked
    for a sans-serif Simplified Chinese font, regular and bold. Note that
    ``fc-match :lang=zh`` may answer with a Latin font: every candidate is checked
    for Chinese glyphs.
    """
    if configured is None:
        asked = (shutil.which("fc-match"), *map(os.environ.get, _FONTCONFIG_ENV))
        kept = _FOUND.get(asked)
        if kept is not None and kept.regular.path.is_file() and kept.bold.path.is_file():
            return kept, ""
        found, why = _find_fonts(None)
        if found is not None:
            _FOUND[asked] = found
        return found, why
    return _find_fonts(configured)


def _find_fonts(configured: Path | None) -> tuple[ShareFonts | None, str]:
    if configured is not None:
        if not configured.is_file():
            return None, f"share_font 指定的字体文件 {configured} {'是一个文件夹' if configured.is_dir() else '不存在'}，不生成分享图。"
        faces = _faces(configured)
        face = next((f for f in faces if _covers(f)), None)
        if face is None:
            return None, f"share_font 指定的字体 {configured.name} 不含中文字形，不生成分享图（否则中文会显示成方框）。"
        return ShareFonts(face, face), ""
    regular = next((f for f in _fontconfig(["sans-serif:lang=zh-cn", ":lang=zh-cn", ":lang=zh"]) if _covers(f)), None)
    if regular is None:
        return None, (
            "没有找到中文字体，不生成分享图（否则中文会显示成方框）。"
            "请安装中文字体（Debian/Ubuntu：sudo apt-get install fonts-noto-cjk），"
            "或在 mkdocs.yml 的 showcase 插件下用 share_font 指定字体文件。"
        )
    bold = next((f for f in _fontconfig(["sans-serif:lang=zh-cn:weight=bold"]) if _covers(f)), regular)
    return ShareFonts(regular, bold), ""


# -- the card --------------------------------------------------------------------------


@dataclass(frozen=True)
class ShareCard:
    title: str
    organization: str
    theme: str  # the primary theme's label
    color: str  # the theme colour, "#rrggbb"
    site_name: str
    cover: Path | None = None  # an upright, clean sRGB rendition of the cover
    cover_key: str = ""  # its cache key (the cover file itself is not hashed again)
    # a chip beside the theme's: the sample tag (示例) of a made-up case, so that its card,
    # passed from chat to chat without the page, still says the case is not real
    mark: str = ""

    @property
    def text(self) -> str:
        """Every character the card draws."""
        return self.title + self.organization + self.theme + self.site_name + self.mark + "…"

    def key(self, fonts: ShareFonts) -> str:
        # a #rgb colour by the #rrggbb it is drawn on: #15c drew the site's red before 4c8ddb9a,
        # and that card, cached under #15c, was published where a fresh build draws it blue;
        # a #rrggbb colour keyed as written, so every other card keeps its key and its file
        rgb = rgb_of(self.color) if len(self.color) == 4 else None
        color = hex_of(rgb) if rgb is not None else self.color
        params: list[object] = [CARD_VERSION, PIL.__version__, self.title, self.organization, self.theme, color, self.site_name]
        params += [self.cover_key if self.cover else "", fonts.regular.identity(), fonts.bold.identity()]
        if self.mark:  # appended only when there is one: every other card keeps its key, and its cached file
            params.append(self.mark)
        return hashlib.sha256(json.dumps(params, ensure_ascii=False).encode()).hexdigest()


def background(color: str) -> tuple[int, int, int]:
    """The theme colour, darkened until white text on it reads well (contrast ≥ 4.5)."""
    return readable(color)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy line breaking for Chinese: any character may break, except that closing
    punctuation never starts a line, opening punctuation never ends one, and Latin
    words and numbers stay whole."""
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(text.strip()):
        candidate = line + token
        if not line or _length(font, candidate) <= width:
            line = candidate
            continue
        if token.isspace():
            lines.append(line)
            line = ""
            continue
        cut = len(line)
        if token[0] in _NO_LINE_START or line[-1] in _NO_LINE_END:
            # Carry characters along to the next line until the break falls between
            # a character that may end a line and one that may start one.
            cut = _break_before(line, cut - 1)
            if cut == 0 and token[0] in _NO_LINE_START:  # nothing to carry: let it hang
                line = candidate
                continue
            cut = cut or len(line)
        lines.append(line[:cut])
        line = line[cut:] + token
    if line:
        lines.append(line)
    return _no_lone_last(font, [ln.strip() for ln in lines if ln.strip()], width, text.strip())


def _break_before(line: str, cut: int) -> int:
    """The last place at or before ``cut`` where ``line`` may break: not before closing
    punctuation, not after opening punctuation, not inside a Latin word or number; 0 if none."""
    while cut > 0 and (line[cut] in _NO_LINE_START or line[cut - 1] in _NO_LINE_END or _LATIN.match(line[cut - 1 : cut + 1])):
        cut -= 1
    return cut


def _no_lone_last(font: ImageFont.FreeTypeFont, lines: list[str], width: float, text: str) -> list[str]:
    """Lines whose last holds one character (with its closing punctuation) given one more
    from the line before, as a typesetter would: one character alone under a large title
    (队让老人吃上热乎 / 饭) reads as a slip. The break moves back over characters that may
    not start or end a line and over a Latin word or number. The lines are left as they
    were where the last is a Latin letter or digit, where a space is at the break or among
    the characters to move (the lines do not keep the space they were broken at), or where
    the line before would keep fewer than two characters or the last would be too wide."""
    if len(lines) < 2 or len(lines[-1].rstrip("".join(_NO_LINE_START))) != 1 or _LATIN.match(lines[-1][0] * 2):
        return lines
    before, last = lines[-2], lines[-1]
    cut = _break_before(before, len(before) - 1)
    moved = before[cut:] + last
    if cut < 2 or not text.endswith(moved) or any(ch.isspace() for ch in moved) or _length(font, moved) > width:
        return lines
    return [*lines[:-2], before[:cut], moved]


def _length(font: ImageFont.FreeTypeFont, text: str) -> float:
    """``font.getlength(text)``, as a sum of each character's advance, each measured once.

    The same for basic layout, which applies no kerning between CJK characters (and
    ``_load`` uses basic layout): measuring every growing candidate line again made
    line breaking most of a card's drawing time.
    """
    return sum(_advance(font, ch) for ch in text)


@lru_cache(maxsize=65536)
def _advance(font: ImageFont.FreeTypeFont, ch: str) -> float:
    return font.getlength(ch)


# Each glyph is drawn once per face and size in a process, not once per card (issue 20:
# "nothing drawn twice"). ``ImageDraw.text`` renders a line by loading and rendering each of
# its glyphs three times in FreeType (for the box, the anchors and the pixels), 0.57 ms for a
# title line of 60 px, about 2 of a card's 5 ms without a cover; a build draws 10,000 cards
# from a few thousand characters. ``_text`` pastes the kept glyph masks where Pillow's
# basic layout puts them instead (0.17 ms a line). It is the same drawing, pixel for pixel:
# Pillow composes a line's glyphs into one mask and fills through it, and a glyph's pixels
# do not depend on where it is placed (whole pixels: the pen is rounded, the glyph is not
# moved by its fraction). Where two glyphs' ink would overlap (kerned Latin such as "Tj")
# the two ways could differ in the shared pixels, so such a line is left to Pillow, as is
# every line of a font that kerns (a share_font with a kerning table: Pillow moves "To"
# closer) or when a probe drawn both ways differs (another Pillow or FreeType, another
# font): checked once per face and size.
_GLYPH_PROBE = "社区文明实践2024年AI《案例》（示例）：…"


@lru_cache(maxsize=4096)  # at most about 24 MB a worker (4,096 glyphs of 60 px; a build uses a few thousand)
def _glyph(font: ImageFont.FreeTypeFont, ch: str, anchor: str) -> tuple[Image.Image | None, tuple[int, int], int, tuple[int, int] | None]:
    """``ch`` as ``ImageDraw.text`` would draw it alone at (0, 0): its mask (None when it
    has no ink), the mask's offset, its advance in 1/64 pixel and its ink's x range."""
    mask, offset = font.getmask2(ch, "L", anchor=anchor)
    advance = round(_advance(font, ch) * 64)  # a multiple of 1/64 pixel: exact
    image = Image.frombytes("L", mask.size, bytes(mask)) if mask.size[0] and mask.size[1] else None
    box = image.getbbox() if image is not None else None
    if box is None:  # a space, or a mask of no pixels
        return None, offset, advance, None
    return image, offset, advance, (box[0], box[2])


def _placed(font: ImageFont.FreeTypeFont, line: str, anchor: str) -> list[tuple[Image.Image, int, int]] | None:
    """Where each inked glyph of ``line`` goes, relative to the anchor point, or None when
    two glyphs' ink would overlap."""
    pen = 0
    right = -(1 << 30)  # the rightmost ink so far: a glyph may end before the one before
    placed = []
    for ch in line:
        mask, (dx, dy), advance, ink = _glyph(font, ch, anchor)
        if mask is not None and ink is not None:
            x = ((pen + 32) >> 6) + dx  # the pen rounded to a whole pixel, as FreeType's PIXEL()
            if x + ink[0] < right:
                return None
            right = max(right, x + ink[1])
            placed.append((mask, x, dy))
        pen += advance
    return placed


# Pairs a font with a kerning table moves closer (Pillow's basic layout applies it); glyphs
# placed by their own advances (and lines measured by ``_length``) would then stand apart
# where Pillow's stand closer.
_KERNED_PAIRS = ("AV", "To", "Ta", "Wa", "Yo", "LT", "P.", "“A")


@lru_cache(maxsize=64)
def _glyphs_agree(font: ImageFont.FreeTypeFont) -> bool:
    """Whether glyphs pasted by ``_placed`` give Pillow's own pixels for this face and size."""
    if any(font.getlength(pair) != _length(font, pair) for pair in _KERNED_PAIRS):  # multiples of 1/64: exact
        return False
    top = round(font.size)
    for anchor in ("la", "lm"):
        size = (round(font.getlength(_GLYPH_PROBE)) + 40, 2 * top + 20)
        drawn = Image.new("RGB", size, (200, 40, 60))
        pasted = drawn.copy()
        ImageDraw.Draw(drawn).text((10, top), _GLYPH_PROBE, font=font, fill=(250, 240, 230), anchor=anchor)
        placed = _placed(font, _GLYPH_PROBE, anchor)
        if placed is None:
            return False
        for mask, x, y in placed:
            pasted.paste((250, 240, 230), (10 + x, top + y), mask)
        if drawn.tobytes() != pasted.tobytes():
            return False
    return True


def _text(
    image: Image.Image, xy: tuple[int, int], line: str, font: ImageFont.FreeTypeFont, fill: tuple[int, ...], anchor: str = "la"
) -> None:
    """``ImageDraw.Draw(image).text(xy, line, font=font, fill=fill, anchor=anchor)``, from kept glyphs."""
    # A line break makes ImageDraw.text draw several lines: Pillow's (a title written over two lines).
    placed = _placed(font, line, anchor) if "\n" not in line and "\r" not in line and _glyphs_agree(font) else None
    if placed is None:
        ImageDraw.Draw(image).text(xy, line, font=font, fill=fill, anchor=anchor)
        return
    for mask, x, y in placed:
        image.paste(fill, (xy[0] + x, xy[1] + y), mask)


def _fit(text: str, font: ImageFont.FreeTypeFont, width: float, max_lines: int) -> list[str]:
    lines = wrap(text, font, width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    kept[-1] = last + "…"
    return kept


@dataclass(frozen=True)
class Layout:
    """Where the card's text goes; tests use it to find the drawn title."""

    panel: tuple[int, int]  # x range of the coloured text panel
    title_size: int
    title_lines: list[str]
    title_top: int
    line_height: int


PAD = 64
ORG_STEP, ORG_LINE, ORG_GAP = 42, 40, 10  # the organization's lines: pitch, ink's depth below the line's top, space kept above the chip


def layout(card: ShareCard, fonts: ShareFonts) -> Layout:
    panel_right = 640 if card.cover else SIZE[0]
    width = panel_right - 2 * PAD
    for size in (60, 54, 48, 44, 40):
        lines = wrap(card.title, fonts.bold.load(size), width)
        if len(lines) <= 4:
            break
    else:
        lines = _fit(card.title, fonts.bold.load(size), width, 4)
    return Layout((0, panel_right), size, lines, PAD + 26 + 44, round(size * 1.32))


# What every card of a theme shares is prepared once per process (a build draws
# thousands of cards on few themes): the background with the site's name on it, and the
# theme chip's label and width. The site's name sits above the title, clear of the
# cover, so drawing it first leaves every pixel as it was.
@lru_cache(maxsize=32)
def _base(bg: tuple[int, int, int], width: int, site_name: str, fonts: ShareFonts) -> Image.Image:
    image = Image.new("RGB", SIZE, bg)
    small = fonts.regular.load(26)
    for line in _fit(site_name, small, width, 1):  # none for site_name: "" (was IndexError on every card)
        ImageDraw.Draw(image).text((PAD, PAD), line, font=small, fill=_muted(bg))
    return image


def _muted(bg: tuple[int, int, int]) -> tuple[int, ...]:
    return tuple(round(255 * 0.82 + c * 0.18) for c in bg)


@lru_cache(maxsize=64)
def _chip(theme: str, font: ImageFont.FreeTypeFont, width: int) -> tuple[str, int]:
    label = _fit(theme, font, width - 40, 1)[0]
    return label, round(font.getlength(label)) + 40


# The cover fitted to its panel, kept for the next card: a photo several cases use is
# fitted once for all their cards ("nothing drawn twice"), since the build hands the jobs
# over sorted by cover (pipeline._share_cards). Decoding the 960-px rendition and fitting
# it are 7 of a card's 14 ms. Keyed by the file's size and change time as well as its
# path, so a file replaced between builds of one process (mkdocs serve) is read again;
# the pixels are those of a fit made afresh. Callers only read the image.
@lru_cache(maxsize=2)
def _panel(path: str, size: int, changed: int, box: tuple[int, int]) -> Image.Image:
    with Image.open(path) as opened:
        return ImageOps.fit(opened.convert("RGB"), box, COVER_FILTER, centering=(0.5, 0.45))


def render(card: ShareCard, fonts: ShareFonts) -> Image.Image:
    """Draw the card. The caller has checked ``card.text`` with ``missing_glyphs``."""
    bg = background(card.color)
    spec = layout(card, fonts)
    left, right = spec.panel
    width = right - left - 2 * PAD
    image = _base(bg, width, card.site_name, fonts).copy()
    draw = ImageDraw.Draw(image)
    if card.cover is not None:
        found = os.stat(card.cover)
        image.paste(_panel(str(card.cover), found.st_size, found.st_mtime_ns, (SIZE[0] - right, SIZE[1])), (right, 0))
        draw.rectangle((right, 0, right + 7, SIZE[1]), fill=(255, 255, 255))

    muted = _muted(bg)
    bold = fonts.bold.load(spec.title_size)
    y = spec.title_top
    for line in spec.title_lines:
        _text(image, (PAD, y), line, bold, (255, 255, 255))
        y += spec.line_height

    top = SIZE[1] - PAD - 48  # the theme chip's
    org = fonts.regular.load(30)
    y += 18
    # Two lines when they fit above the chip with a gap, else one (ending in “…”): under a
    # four-line title at the largest size, the second line ran into the chip.
    room = max(1, min(2, (top - ORG_GAP - ORG_LINE - y) // ORG_STEP + 1))
    for line in _fit(card.organization, org, width, room):
        _text(image, (PAD, y), line, org, muted)
        y += ORG_STEP

    chip = fonts.regular.load(28)
    # The mark's room is set aside first, whole: a long theme label is shortened, never the
    # mark, and neither chip passes the text's margin (a code review: a 13-character theme
    # left the mark an "…").
    mark, mark_w = _chip(card.mark, chip, width // 2) if card.mark else ("", 0)
    label, chip_w = _chip(card.theme, chip, width - (mark_w + 16 if mark else 0))
    draw.rounded_rectangle((PAD, top, PAD + chip_w, top + 48), radius=24, fill=(255, 255, 255))
    _text(image, (PAD + 20, top + 24), label, chip, bg, "lm")
    if mark:  # outlined, after the theme's: the site's own sample chip, in the card's colours
        left = PAD + chip_w + 16
        draw.rounded_rectangle((left, top, left + mark_w, top + 48), radius=24, outline=(255, 255, 255), width=3)
        _text(image, (left + 20, top + 24), mark, chip, (255, 255, 255), "lm")
    return image


@dataclass(frozen=True)
class ShareJob:
    card: ShareCard
    fonts: ShareFonts
    out: str
    case_path: Path  # where a problem is reported
    case_line: int = 1


def record_path(out: Path) -> Path:
    """Where the size and SHA-256 of the card ``out`` are kept (``cachefile.Record``)."""
    return out.with_suffix(".json")


def read_card(out: Path) -> tuple[bool, str | None]:
    """(whether the cached card ``out`` is the file its record describes, why not if it is
    there but damaged, naming the file); a card with no file and no record is just absent."""
    try:
        raw = json.loads(read_regular(record_path(out)).decode("utf-8"))
    except FileNotFoundError:
        if not out.exists():
            return False, None
        raw = None
    except (OSError, ValueError):
        raw = None
    why = problem(out, Record.from_json(raw))
    return why is None, None if why is None else f"{out}：{why}"


def read_cards(outs: Sequence[Path]) -> list[tuple[bool, str | None]]:
    """``read_card`` of each card, in order, with the kernel asked to read ahead. Many cards
    are checked on every core, each process reading ahead its own share: 10,001 cached
    cards of a warm build took 1.2 s on one core, 0.5 s on two (the SHA-256 of 520 MB)."""
    if len(outs) >= PARALLEL_MIN_ITEMS:
        size = -(-len(outs) // (cores() * 4))
        parts = [outs[start : start + size] for start in range(0, len(outs), size)]
        done = forked_map(_read_cards, parts, minimum=1)
        if done is not None:
            return [result for part in done for result in part]
    return _read_cards(outs)


def _read_cards(outs: Sequence[Path]) -> list[tuple[bool, str | None]]:
    with reading_ahead(file for out in outs for file in (record_path(out), out)):
        return [read_card(out) for out in outs]


def render_job(job: ShareJob) -> str:
    """Render one card into the cache (runs in a worker). Returns "" when done, else
    what went wrong (a share card is never worth a failed build)."""
    try:
        image = render(job.card, job.fonts)
        buffer = io.BytesIO()
        # A fresh image: no metadata. Baseline JPEG is what every app's preview reads. The
        # standard Huffman tables, not optimized ones: optimizing is a second pass that took
        # 2.0 of a card's 3.7 ms of encoding for 5 % fewer bytes (98 KB against 103 KB), and a
        # card is fetched by the app a link is shared into, not with the page (issue 20: 20 s
        # of CPU in a cold build of 10,000 cases).
        image.save(buffer, "JPEG", quality=85)
        data = buffer.getvalue()
        out = Path(job.out)
        write_atomic(out, data)  # the card first, then its record: a record always describes a whole card
        write_atomic(record_path(out), json.dumps(Record(len(data), hashlib.sha256(data).hexdigest()).to_json()))
    except Exception as exc:
        return f"{exc.__class__.__name__}: {exc}"
    return ""
