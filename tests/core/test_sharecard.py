"""Share cards (core/media/sharecard.py): a real CJK font, Chinese drawn as glyphs, never tofu."""

from __future__ import annotations

import hashlib
import itertools
import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import PIL
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat
from showcase.core.colors import contrast_with_white
from showcase.core.media import sharecard
from showcase.core.media.sharecard import (
    PAD,
    PROBE,
    SIZE,
    FontFace,
    ShareCard,
    background,
    find_fonts,
    layout,
    missing_glyphs,
    render,
    wrap,
)

from tests.support.images import halves

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TITLE = "北京街道老年人协会“银龄互助”守望空巢老人"


@pytest.fixture(scope="module")
def fonts():
    found, notice = find_fonts()
    assert found is not None, notice  # `make test` installs fonts-noto-cjk
    return found


def test_found_font_really_has_chinese_glyphs(fonts):
    assert missing_glyphs(PROBE + TITLE, fonts.regular) == []
    assert missing_glyphs(PROBE + TITLE, fonts.bold) == []


def test_a_latin_font_is_recognised_as_tofu():
    """What `fc-match ':lang=zh'` may answer (here: DejaVu Sans) must not be used."""
    answer = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh"], capture_output=True, text=True, check=False).stdout
    latin = Path(answer) if answer and "CJK" not in answer else DEJAVU
    if not latin.is_file():
        pytest.skip("no Latin-only font on this machine to compare with")
    assert set(missing_glyphs("社区文明", FontFace(latin))) == set("社区文明")
    assert missing_glyphs("Abc", FontFace(latin)) == []
    fonts, notice = find_fonts(latin)
    assert fonts is None and "不含中文字形" in notice


def test_no_fontconfig_means_one_clear_notice(monkeypatch):
    monkeypatch.setattr(sharecard.shutil, "which", lambda name: None)
    fonts, notice = find_fonts()
    assert fonts is None and "fonts-noto-cjk" in notice and "share_font" in notice
    fonts, notice = find_fonts(Path("/no/such/font.ttf"))
    assert fonts is None and "/no/such/font.ttf" in notice


def test_fontconfig_is_asked_once_a_process_for_the_same_environment(fonts, monkeypatch, tmp_path):
    """Each build asked fontconfig six times (0.045 s): once a process, while the fonts are
    there; another fontconfig setup asks again, and no answer of "none" is kept."""
    runs = []
    run = sharecard.subprocess.run
    monkeypatch.setattr(sharecard.subprocess, "run", lambda *a, **k: runs.append(a[0][0]) or run(*a, **k))
    monkeypatch.setattr(sharecard, "_FOUND", {})
    assert find_fonts() == (fonts, "") and len(runs) == 6
    assert find_fonts() == (fonts, "") and len(runs) == 6
    empty = tmp_path / "fonts.conf"  # fontconfig that knows no font
    empty.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>', encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    for _ in range(2):
        found, notice = find_fonts()
        assert found is None and "fonts-noto-cjk" in notice
    assert len(runs) == 14  # asked each time: four runs find no Chinese font
    monkeypatch.delenv("FONTCONFIG_FILE")
    assert find_fonts() == (fonts, "") and len(runs) == 14


def test_missing_glyph_is_reported(fonts):
    assert missing_glyphs("社区😀活动", fonts.regular) == ["😀"]


def _line_image(text: str, fonts, size: int, bg, width: int, height: int) -> Image.Image:
    image = Image.new("RGB", (width, height), bg)
    ImageDraw.Draw(image).text((0, 0), text, font=fonts.bold.load(size), fill=(255, 255, 255))
    return image


def test_card_draws_the_title_in_chinese_glyphs(tmp_path, fonts):
    cover = tmp_path / "cover.jpg"
    halves((960, 720)).save(cover)
    card = ShareCard(TITLE, "越秀区北京街道老年人协会", "便民服务", "#1565c0", "社区社会组织案例展示", cover, "k")
    image = render(card, fonts)
    assert image.size == SIZE == (1200, 630) and image.mode == "RGB"
    spec = layout(card, fonts)
    assert "".join(spec.title_lines) == TITLE and len(spec.title_lines) <= 4
    bg = background(card.color)
    for number, line in enumerate(spec.title_lines):
        top = spec.title_top + number * spec.line_height
        width = round(fonts.bold.load(spec.title_size).getlength(line))
        region = image.crop((PAD, top, PAD + width, top + spec.line_height))
        assert ImageStat.Stat(region.convert("L")).extrema[0][1] > 200  # white ink was drawn
        glyphs = _line_image(line, fonts, spec.title_size, bg, width, spec.line_height)
        tofu = _line_image(sharecard._NOTDEF * len(line), fonts, spec.title_size, bg, width, spec.line_height)
        like_glyphs = sum(ImageStat.Stat(ImageChops.difference(region, glyphs)).mean) / 3
        like_tofu = sum(ImageStat.Stat(ImageChops.difference(region, tofu)).mean) / 3
        assert like_glyphs < 1.0 and like_tofu > 10 * max(like_glyphs, 1.0), (line, like_glyphs, like_tofu)
    # the cover crop fills the right side
    assert image.getpixel((1100, 315)) != bg


@pytest.mark.parametrize("title_length", [12, 30])
def test_the_organization_never_runs_into_the_theme_chip(tmp_path, fonts, title_length):
    """Under a four-line title at the largest size, the organization's second line ran into
    the chip; it now takes one line there (ending in “…”), and two under a short title."""
    cover = tmp_path / "cover.jpg"
    halves((960, 720)).save(cover)
    organization = "北京市海淀区某某街道某某社区成长伙伴家庭教育服务站志愿服务队"
    card = ShareCard("社区" * (title_length // 2), organization, "便民服务", "#1565c0", "案例展示", cover, "k")
    spec = layout(card, fonts)
    if title_length == 30:
        assert len(spec.title_lines) == 4 and spec.title_size == 60  # the case that overflowed
    image = render(card, fonts)
    bg = background(card.color)
    chip_top = SIZE[1] - PAD - 48
    gap = image.crop((PAD, chip_top - sharecard.ORG_GAP, spec.panel[1] - PAD, chip_top))
    assert ImageStat.Stat(ImageChops.difference(gap, Image.new("RGB", gap.size, bg))).extrema == [(0, 0)] * 3  # nothing drawn there
    org_top = spec.title_top + len(spec.title_lines) * spec.line_height + 18
    rows = [
        y
        for y in range(org_top, chip_top)
        if ImageChops.difference(
            image.crop((PAD, y, spec.panel[1] - PAD, y + 1)), Image.new("RGB", (spec.panel[1] - 2 * PAD, 1), bg)
        ).getbbox()
    ]
    drawn_lines = 1 + sum(1 for a, b in itertools.pairwise(rows) if b - a > 4)  # bands of ink
    assert drawn_lines == (1 if title_length == 30 else 2)


def test_a_site_without_a_name_still_gets_its_cards(tmp_path, fonts):
    # site_name: "" was an IndexError on every card (34 warnings [share-failed], --strict stopped)
    cover = tmp_path / "cover.jpg"
    halves((960, 720)).save(cover)
    image = render(ShareCard(TITLE, "越秀区北京街道老年人协会", "便民服务", "#1565c0", "", cover, "k"), fonts)
    assert image.size == SIZE


def test_white_text_reads_on_every_theme_colour():
    # 4c8ddb9a moved the contrast to core/colors.py (sharecard._contrast_with_white: AttributeError)
    for colour in ("#b71c1c", "#c2571a", "#6a1b9a", "#1565c0", "#2e7d32", "#00695c", "#ffeb3b"):
        assert contrast_with_white(background(colour)) >= 4.5


def test_a_short_colour_s_card_is_keyed_by_the_colour_it_is_drawn_on(fonts):
    """A theme's #15c drew the site's red before 4c8ddb9a, and #1155cc since: with the key of
    the colour as written, the red card cached by an earlier build (CI keeps .cache/showcase)
    was published where a build without the cache draws the blue one."""
    short, full = (ShareCard(TITLE, "越秀区北京街道老年人协会", "便民服务", colour, "示例网站") for colour in ("#15c", "#1155cc"))
    assert render(short, fonts).tobytes() == render(full, fonts).tobytes()
    assert short.key(fonts) == full.key(fonts)


def test_wrapping_keeps_punctuation_off_line_starts(fonts):
    font = fonts.bold.load(40)
    text = "社区老年人协会组织“银龄互助”，守望空巢老人，两年服务4800人次。"
    for width in range(160, 520, 40):
        lines = wrap(text, font, width)
        assert "".join(lines) == text
        assert all(line[0] not in "，。、”）" for line in lines), lines
        assert all(line[-1] not in "“（" for line in lines), lines
        assert not any("48" in a[-2:] and "00" in b[:2] for a, b in itertools.pairwise(lines))


# Titles of the sample (cases/) that greedy breaking ended with one character alone at the
# 60 px of a card with a cover (the first three) or without one (the last two)
LONE_LAST = [
    "红山区哈达街道“暖心饭桌”志愿队让老人吃上热乎饭",
    "城厢街道应急志愿服务队筑牢社区防灾减灾“第一道防线”",
    "崇福镇“田间课堂”乡贤宣讲队把政策讲到农民心坎上",
    "翠屏区“姐妹调解室”以情化解家庭矛盾",
    "南华西街粤曲私伙局唱响社区“文化客厅”",
]
CLOSING = "".join(sharecard._NO_LINE_START)


def _greedy(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """The lines of ``wrap`` without its last step: the lines cards were drawn with before."""
    with mock.patch.object(sharecard, "_no_lone_last", lambda font, lines, width, text: lines):
        return wrap(text, font, width)


@pytest.mark.parametrize("title", LONE_LAST)
def test_a_title_never_ends_with_one_character_alone_on_its_card(tmp_path, fonts, title):
    """8 of the sample's 40 cards ended their title with one character on a line of its own
    (队让老人吃上热乎 / 饭): the last line takes one more from the line before; as many
    lines as before, each within the panel, the punctuation rules kept; the card draws the
    last line two characters wide."""
    cover = tmp_path / "cover.jpg"
    halves((960, 720)).save(cover)
    alone = []
    for photo in (cover, None):
        card = ShareCard(title, "越秀区北京街道老年人协会", "便民服务", "#1565c0", "案例展示", photo, "k" if photo else "")
        spec = layout(card, fonts)
        font = fonts.bold.load(spec.title_size)
        width = spec.panel[1] - spec.panel[0] - 2 * PAD
        lines, greedy = spec.title_lines, _greedy(title, font, width)
        alone.append(len(greedy[-1].rstrip(CLOSING)) == 1)
        assert "".join(lines) == title and len(lines) == len(greedy) >= 2 and lines[:-2] == greedy[:-2]
        assert len(lines[-1].rstrip(CLOSING)) >= 2, lines
        assert all(font.getlength(line) <= width for line in lines), lines
        assert all(line[0] not in CLOSING and line[-1] not in "“（《" for line in lines), lines
        image = render(card, fonts)
        top = spec.title_top + (len(lines) - 1) * spec.line_height
        row = image.crop((PAD, top, spec.panel[1] - PAD, top + spec.line_height))
        ink = ImageChops.difference(row, Image.new("RGB", row.size, background(card.color))).getbbox()
        assert ink is not None and ink[2] - ink[0] > 1.5 * spec.title_size, (lines, ink)  # two characters drawn
    assert any(alone)  # the case this test is about


@pytest.mark.parametrize(
    ("text", "ems", "lines"),
    [
        ("社区志愿服务队开展", 8, ["社区志愿服务队", "开展"]),
        ("开展“银龄”活动。好", 5, ["开展“银", "龄”活", "动。好"]),  # a full stop goes with its character
        ("一二三四五六“七八", 4, ["一二三四", "五六", "“七八"]),  # an opening quote never ends a line
        ("社区开展WiFi站", 7, ["社区开展", "WiFi站"]),  # a Latin word moves whole
        ("一二三", 2, None),  # the line before would keep one
        ("社区志愿服务开展A", 8, None),  # a letter alone is a word
        ("社区志愿服务队开展 站", 5, None),  # broken at a space the lines do not keep
        ("社区志愿服务 队开展站", 5, ["社区志愿服", "务 队开", "展站"]),
    ],
)
def test_the_character_carried_down_keeps_words_spaces_and_punctuation(fonts, text, ems, lines):
    font = fonts.bold.load(40)
    width = ems * font.getlength("社")
    greedy = _greedy(text, font, width)
    assert len(greedy[-1]) == 1  # each is a case of one character left alone
    assert wrap(text, font, width) == (greedy if lines is None else lines)


def test_a_last_line_of_two_characters_or_more_is_left_as_it_is(fonts):
    font = fonts.bold.load(40)
    width = 8 * font.getlength("社")
    assert wrap("社区志愿服务队开展活动", font, width) == _greedy("社区志愿服务队开展活动", font, width) == ["社区志愿服务队开", "展活动"]


def test_punctuation_carried_to_the_next_line_takes_a_latin_word_or_number_whole(fonts):
    """WiFi， at a line's end was carried as i， (社区开展WiF / i，培训), 2024， as 4，
    (社区开展202 / 4，…): the break now goes before the word, as ``wrap`` says it does."""
    font = fonts.bold.load(40)
    em = font.getlength("社")
    for text in ("社区开展WiFi，培训", "社区开展2024，培训活动"):
        for ems in range(4, 10):
            lines = wrap(text, font, ems * em)
            assert "".join(lines) == text
            assert not any((a[-1] + b[0]).isascii() and (a[-1] + b[0]).isalnum() for a, b in itertools.pairwise(lines)), (ems, lines)


def _faults_per_card(cover: str) -> int:
    """Page faults of drawing one card with a cover, in the process this runs in."""
    import resource

    found, _ = find_fonts()
    assert found is not None
    card = ShareCard(TITLE, "越秀区北京街道老年人协会", "便民服务", "#2e7d32", "新时代文明实践案例展示", Path(cover))
    render(card, found)  # fonts loaded, backgrounds prepared
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(10):
        render(card, found).tobytes("jpeg", "RGB", 85)
    return (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) // 10


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_card_workers_reuse_freed_memory(tmp_path, fonts):
    # Without keep_freed_memory in the pool's workers, glibc maps every image buffer
    # afresh: about 3,200 page faults (8 ms) per card; with it, none.
    from showcase.core.media.photos import LazyPool

    cover = tmp_path / "cover.jpg"
    Image.effect_noise((960, 640), 60).convert("RGB").save(cover, quality=85)
    with LazyPool(2) as pool:
        faults = list(pool.map(_faults_per_card, [str(cover), str(cover)]))
    assert pool.started is False  # closed
    assert all(f < 100 for f in faults), faults


def test_cards_of_one_cover_fit_it_once_and_match_cards_drawn_afresh(tmp_path, fonts):
    """Cases sharing a cover photo: its fit to the panel is made once for their cards, and
    every card is pixel for pixel the card drawn with nothing kept; a cover file replaced
    at the same path (as between two builds of mkdocs serve) is fitted again."""
    cover = tmp_path / "cover.jpg"
    Image.effect_noise((960, 720), 60).convert("RGB").save(cover, quality=85)
    cards = [ShareCard(f"{TITLE}（第{n}期）", "越秀区北京街道老年人协会", "便民服务", "#1565c0", "案例展示", cover, "k") for n in range(3)]
    sharecard._panel.cache_clear()
    drawn = [render(card, fonts).tobytes() for card in cards]
    info = sharecard._panel.cache_info()
    assert (info.misses, info.hits) == (1, 2)
    afresh = []
    for card in cards:
        sharecard._panel.cache_clear()
        afresh.append(render(card, fonts).tobytes())
    assert drawn == afresh and len(set(drawn)) == 3
    before = render(cards[0], fonts)
    halves((960, 720)).save(cover)  # another photo, same path
    after = render(cards[0], fonts)
    assert before.getpixel((1100, 315)) != after.getpixel((1100, 315))
    sharecard._panel.cache_clear()
    assert render(cards[0], fonts).tobytes() == after.tobytes()


def test_a_sample_case_s_card_carries_the_sample_chip_beside_the_theme_s(tmp_path, fonts):
    # A made-up case's card travels from chat to chat without its page: it says 示例 too.
    cover = tmp_path / "cover.jpg"
    halves((960, 720)).save(cover)
    args = (TITLE, "越秀区北京街道老年人协会", "便民服务", "#1565c0", "案例展示", cover, "k")
    plain, marked = ShareCard(*args), ShareCard(*args, mark="示例")
    before, after = render(plain, fonts), render(marked, fonts)
    top = SIZE[1] - PAD - 48
    chip = fonts.regular.load(28)
    theme_w = round(chip.getlength("便民服务")) + 40
    left = PAD + theme_w + 16
    box = (left, top, left + round(chip.getlength("示例")) + 40, top + 48)
    assert ImageChops.difference(before.crop(box), after.crop(box)).getbbox() is not None  # drawn there
    assert ImageChops.difference(before, after).getbbox() == (
        *box[:2],
        box[2] + 1,
        box[3] + 1,
    )  # and nowhere else (the outline's last pixel row and column)
    bg = background(marked.color)
    ink = ImageStat.Stat(after.crop((left + 20, top + 10, box[2] - 20, top + 38)).convert("L")).extrema[0][1]
    assert ink > 200 and after.getpixel((left + 1, top + 24)) != bg  # white text in a white outline
    # the mark joins the cache key only when there is one: every other card keeps its file
    assert marked.key(fonts) != plain.key(fonts)
    former = [sharecard.CARD_VERSION, PIL.__version__, *args[:5], "k", fonts.regular.identity(), fonts.bold.identity()]
    assert plain.key(fonts) == hashlib.sha256(json.dumps(former, ensure_ascii=False).encode()).hexdigest()


@pytest.mark.parametrize("theme", ["便民服务", "新时代文明实践志愿服务十三字", "一个站点自己定义的非常非常长的实践主题名称二十字"])
def test_the_sample_chip_keeps_its_word_and_the_margin_whatever_the_theme(tmp_path, fonts, theme, monkeypatch):
    # A 13-character theme left the mark an "…", and a longer one ran past the text's margin
    # towards the cover (a code review).
    drawn: list[tuple[str, tuple]] = []
    real = sharecard._text

    def text(image, xy, label, *args, **kwargs):
        drawn.append((label, xy))
        return real(image, xy, label, *args, **kwargs)

    monkeypatch.setattr(sharecard, "_text", text)
    cover = tmp_path / "cover.jpg"
    halves((960, 720)).save(cover)
    card = ShareCard(TITLE, "越秀区北京街道老年人协会", theme, "#1565c0", "案例展示", cover, "k", mark="示例")
    image = render(card, fonts)
    labels = [label for label, _ in drawn]
    assert "示例" in labels  # whole, never cut to “…”
    spec = layout(card, fonts)
    margin = spec.panel[1] - PAD  # where the text's column ends, before the cover
    chip = fonts.regular.load(28)
    (mark_x,) = [xy[0] for label, xy in drawn if label == "示例"]
    assert mark_x - 20 + round(chip.getlength("示例")) + 40 <= margin
    top = SIZE[1] - PAD - 48
    band = image.crop((margin + 1, top, spec.panel[1], top + 48)).convert("L")  # between the margin and the cover
    assert ImageStat.Stat(band).extrema[0][1] < 200  # no white chip edge there


# Titles that exercise the kept glyphs: full-width punctuation, Latin and digits (whose
# advances are not whole pixels), pairs whose ink overlaps ("Tj", "VA": left to Pillow),
# the ellipsis of a cut line, and the longest titles (four lines at the smallest size).
GLYPH_TITLES = [
    TITLE,
    "2023年“邻里守望”AI助老服务：Wi-Fi、Tj、VA、100%覆盖，ffi连字也不合并",
    "（社区）《文明实践》——“好邻居”！？",
    "社区社会组织参与新时代文明实践" * 6,
    "短",
]


@pytest.mark.parametrize("title", GLYPH_TITLES)
def test_cards_drawn_from_kept_glyphs_are_pillow_s_own_pixels(tmp_path, fonts, title, monkeypatch):
    """Each glyph is drawn once and pasted (issue 20): every card is pixel for pixel the card
    ImageDraw.text draws, so the cached cards of earlier builds stay right (CARD_VERSION kept)."""
    cover = tmp_path / "cover.jpg"
    halves((960, 720)).save(cover)
    cards = [
        ShareCard(title, "Tj VA 越秀区北京街道老年人协会（Wi-Fi 志愿队）", theme, color, "案例展示", photo, "k" if photo else "", mark=mark)
        for theme, color, photo, mark in [
            ("便民服务", "#1565c0", None, ""),
            ("凝心铸魂", "#b71c1c", cover, "示例"),
            ("一个站点自己定义的非常非常长的实践主题名称二十字", "#f9a825", None, "示例"),
        ]
    ]
    # This Pillow and the Noto CJK the Makefile installs: every size a card uses is pasted
    # (a probe that differed would leave each line to Pillow, and this test would prove nothing).
    assert all(sharecard._glyphs_agree(fonts.bold.load(size)) for size in (60, 54, 48, 44, 40))
    assert all(sharecard._glyphs_agree(fonts.regular.load(size)) for size in (30, 28))
    pasted = [render(card, fonts).tobytes() for card in cards]
    monkeypatch.setattr(sharecard, "_glyphs_agree", lambda font: False)  # every line by ImageDraw.text
    assert [render(card, fonts).tobytes() for card in cards] == pasted


def test_overlapping_ink_and_a_disagreeing_probe_are_left_to_pillow(fonts, monkeypatch):
    font = fonts.regular.load(60)
    assert sharecard._glyphs_agree(font)
    assert sharecard._placed(font, "社区2024年AI", "la") is not None
    assert sharecard._placed(font, "社区Tj", "la") is None  # the j's tail reaches under the T: Pillow's line
    # A Pillow whose own drawing differs from the pasted glyphs (another version or font):
    # the probe shows it and every line is Pillow's.
    real = ImageDraw.ImageDraw.text

    def shifted(self, xy, *args, **kwargs):
        return real(self, (xy[0] + 1, xy[1]), *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", shifted)
    other = fonts.regular.load(61)
    assert not sharecard._glyphs_agree(other)
    image = Image.new("RGB", (400, 120), (0, 0, 0))
    sharecard._text(image, (10, 10), "社区", other, (255, 255, 255))
    expected = Image.new("RGB", (400, 120), (0, 0, 0))
    real(ImageDraw.Draw(expected), (11, 10), "社区", font=other, fill=(255, 255, 255))
    assert image.tobytes() == expected.tobytes()


def test_a_font_that_kerns_is_left_to_pillow():
    # A share_font with a kerning table (DejaVu, which fontconfig brings): Pillow's basic
    # layout moves "To" closer than the two glyphs' own advances, so pasting them where
    # their advances put them would draw the line wider than Pillow does.
    from PIL import ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 60, layout_engine=ImageFont.Layout.BASIC)
    own = Image.new("RGB", (600, 100), (0, 0, 0))
    for mask, x, y in sharecard._placed(font, "To To To To", "la"):
        own.paste((255, 255, 255), (10 + x, 10 + y), mask)
    pillow = Image.new("RGB", (600, 100), (0, 0, 0))
    ImageDraw.Draw(pillow).text((10, 10), "To To To To", font=font, fill=(255, 255, 255))
    assert own.tobytes() != pillow.tobytes()  # what the check prevents
    assert not sharecard._glyphs_agree(font)
    drawn = Image.new("RGB", (600, 100), (0, 0, 0))
    sharecard._text(drawn, (10, 10), "To To To To", font, (255, 255, 255))
    assert drawn.tobytes() == pillow.tobytes()


@pytest.mark.parametrize("line", ["社区\n文明实践", "社区\r\n文明", "社区\r文明"])
def test_a_line_with_a_line_break_is_drawn_as_pillow_draws_it(fonts, line):
    font = fonts.bold.load(48)
    drawn = Image.new("RGB", (500, 200), (10, 20, 30))
    sharecard._text(drawn, (10, 10), line, font, (255, 255, 255))
    pillow = Image.new("RGB", (500, 200), (10, 20, 30))
    ImageDraw.Draw(pillow).text((10, 10), line, font=font, fill=(255, 255, 255))
    assert drawn.tobytes() == pillow.tobytes()


def test_many_cards_are_checked_on_every_core_with_the_same_answers(tmp_path, monkeypatch):
    """read_cards: a build's cached cards checked by forked processes (each reading ahead its
    share) answer as read_card does one by one, in order: whole cards, a cut one, one whose
    record is gone or garbled, one that is not there at all."""
    from showcase.core import workers
    from showcase.core.cachefile import Record, write_atomic

    outs = []
    for n in range(workers.PARALLEL_MIN_ITEMS + 10):
        out = tmp_path / f"{n % 7:02d}" / f"card-{n:04d}.jpg"
        data = f"card {n}".encode() * 50
        write_atomic(out, data)
        write_atomic(sharecard.record_path(out), json.dumps(Record(len(data), hashlib.sha256(data).hexdigest()).to_json()))
        outs.append(out)
    outs[5].write_bytes(outs[5].read_bytes()[:-3])
    sharecard.record_path(outs[50]).unlink()
    sharecard.record_path(outs[200]).write_text("{", encoding="utf-8")
    outs.append(tmp_path / "absent.jpg")
    one_by_one = [sharecard.read_card(out) for out in outs]
    assert [n for n, (whole, _) in enumerate(one_by_one) if not whole] == [5, 50, 200, len(outs) - 1]
    assert [why is not None for _, why in one_by_one].count(True) == 3  # the absent card is no damage

    forked = []
    real = sharecard.forked_map

    def spy(*args, **kwargs):
        done = real(*args, **kwargs)
        forked.append(done is not None)
        return done

    monkeypatch.setattr(workers, "can_fork", lambda: True)  # pytest-timeout's thread holds no lock the workers need
    monkeypatch.setattr(sharecard, "forked_map", spy)
    assert sharecard.read_cards(outs) == one_by_one
    assert forked == [True]
    assert sharecard.read_cards(outs[:20]) == one_by_one[:20] and forked == [True]  # a few: here, no processes
