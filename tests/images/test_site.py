"""The image pipeline in real MkDocs builds: what the site publishes and what pages say."""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from pathlib import Path

import pytest
import segno
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from PIL import Image

from tests.support.build import build_project, run_showcase
from tests.support.build import run as run_process
from tests.support.images import assert_clean, counting_decodes, phone_heic, phone_jpeg, png_with_alpha, truncated_jpeg
from tests.support.project import configure as configure_project
from tests.support.project import make_project, write_case

SITE_URL = "https://anli.example.org/showcase/"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
BODY = """## 基本情况

社区里老人多。

![志愿者为老人测血压](photo2.heic)

<img src="photo1.jpg" alt="活动现场">

![宣传海报](img/poster.png "海报")

```markdown
![示例写法](photo9.jpg)
```
"""


def configure(project: Path, site_url: str = SITE_URL, **options) -> None:
    """Set site_url (this module's by default) and plugin options in the project's mkdocs.yml."""
    configure_project(project, site_url, **options)


def run_build(project: Path, **overrides):
    """Build like `mkdocs build`; returns the plugin, to read its media statistics."""
    return build_project(project, options=overrides).plugin


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("images"))
    configure(project, image_workers=2)
    cases = project / "cases"
    one = write_case(cases, "img-001", 1, body=BODY, title="银龄互助守望空巢老人")
    phone_jpeg(one.parent / "photo1.jpg", size=(2000, 1500), orientation=6, noise=40)
    phone_heic(one.parent / "photo2.heic")
    (one.parent / "img").mkdir()
    png_with_alpha(one.parent / "img" / "poster.png")
    two = write_case(cases, "img-002", 2, aliases=["img-old-002"])  # renamed: its former id keeps its cover
    phone_jpeg(two.parent / "photo1.jpg", size=(1200, 900), noise=40, seed=2)
    write_case(cases, "plain-003", 3, cover=None)
    emoji = write_case(cases, "emoji-004", 4, title="笑脸😀行动案例")
    phone_jpeg(emoji.parent / "photo1.jpg", seed=4)
    draft = write_case(cases, "draft-005", 5, status="draft", review=None)
    phone_jpeg(draft.parent / "photo1.jpg", seed=5)
    return project


@pytest.fixture(scope="module")
def first(project):
    plugin = run_build(project)
    return plugin


def read(project: Path, url: str) -> str:
    return (project / "site" / url / "index.html").read_text(encoding="utf-8")


def body_of(html: str) -> str:
    return html.split('class="sc-case__body"', 1)[1].split('class="sc-cite"', 1)[0]


def test_every_published_image_is_clean(project, first):
    site = project / "site"
    published = [p for p in site.joinpath("cases").rglob("*") if p.is_file() and p.suffix != ".html"]
    assert len(published) > 20
    for path in published:
        assert path.name == "cover.jpg" or re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{10}(-\d+)?\.(webp|jpg)", path.name), path  # no original
        assert_clean(path)
    assert not (site / "cases/draft-005").exists()
    stats = first.media.image_stats
    assert stats.sources == 5 and stats.decoded == 5 and stats.workers == 2  # drafts are not processed


def test_body_images_become_lazy_pictures(project, first):
    body = body_of(read(project, "cases/img-001"))
    pictures = re.findall(r"<picture>.*?</picture>", body)
    assert len(pictures) == 3
    heic, raw, poster = pictures
    assert 'alt="志愿者为老人测血压"' in heic and 'loading="lazy"' in heic and "sizes=" in heic
    assert re.search(r'srcset="photo2-[0-9a-f]{10}-480\.webp 480w, photo2-[0-9a-f]{10}-640\.webp 640w"', heic)
    assert 'width="640" height="480"' in heic
    assert 'alt="活动现场"' in raw and 'width="1200" height="1600"' in raw
    assert 'alt="宣传海报"' in poster and 'title="海报"' in poster and re.search(r'src="img/poster-[0-9a-f]{10}-300\.jpg"', poster)
    assert "![示例写法](photo9.jpg)" in body  # code is shown as written
    for match in re.finditer(r'(?:src|srcset)="([^"]+)"', body):
        for candidate in match.group(1).split(", "):
            assert (project / "site/cases/img-001" / candidate.split(" ")[0]).is_file(), candidate


def test_cover_is_eager_upright_and_sized(project, first):
    cover = read(project, "cases/img-002").split('class="sc-case__cover"', 1)[1].split("</figure>", 1)[0]
    assert 'loading="eager"' in cover and 'fetchpriority="high"' in cover
    assert 'width="1200" height="900"' in cover
    # img-001's body shows its cover (photo1) itself: shown there, once, not again above.
    html = read(project, "cases/img-001")
    assert 'class="sc-case__cover"' not in html and len(re.findall(r"<img [^>]*photo1-[0-9a-f]{10}", html)) == 1
    body = body_of(html)
    assert 'width="1200" height="1600"' in body  # 2000×1500 shown rotated, long side 1600
    name = re.search(r"(photo1-[0-9a-f]{10})-960\.webp 960w", body).group(1)
    with Image.open(project / "site/cases/img-001" / f"{name}-1200.jpg") as image:
        assert image.size == (1200, 1600)
        top = image.getpixel((600, 100))
        assert top[0] > 150 and top[2] < 120, top  # the stored left (red) half is on top


def test_feeds_catalog_and_embeds_get_the_stable_cleaned_cover(project, first):
    site = project / "site"
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    images = {item["url"]: item.get("image") for item in feed["items"]}
    assert images[SITE_URL + "cases/img-002/"] == SITE_URL + "cases/img-002/cover.jpg"
    assert images[SITE_URL + "cases/plain-003/"] is None
    with Image.open(site / "cases/img-002/cover.jpg") as cover:
        assert cover.format == "JPEG" and cover.size == (1200, 900)  # the largest rendition up to 1200
    assert_clean(site / "cases/img-001/cover.jpg")
    embed = (site / "cases/img-002/embed/index.html").read_text(encoding="utf-8")
    assert 'src="../cover.jpg"' in embed
    # The cover's fixed URL at the former id too (the same file): a catalog or feed copied
    # before the rename links to it, and an image cannot follow the old page's redirect.
    assert (site / "cases/img-old-002/cover.jpg").read_bytes() == (site / "cases/img-002/cover.jpg").read_bytes()
    assert 'url=../img-002/"' in (site / "cases/img-old-002/index.html").read_text(encoding="utf-8")


def test_cards_use_the_small_variant(project, first):
    home = read(project, "")
    cards = re.findall(r'<a class="sc-card__media".*?</picture>', home, re.DOTALL)
    assert cards
    for card in cards:
        assert 'loading="lazy"' in card and "-480.webp 480w" in card
        assert "-1200." not in card and "-1600." not in card


def test_social_meta_and_share_card(project, first):
    html = read(project, "cases/img-002")
    meta = dict(re.findall(r'<meta (?:property|name|itemprop)="([^"]+)" content="([^"]*)">', html))
    assert meta["og:type"] == "article" and meta["og:title"] == "第2号社区互助实践案例"
    assert meta["og:url"] == SITE_URL + "cases/img-002/"
    assert meta["og:description"].startswith("这是第2个测试案例的摘要")
    assert meta["twitter:card"] == "summary_large_image"
    image = meta["og:image"]
    assert re.fullmatch(re.escape(SITE_URL) + r"cases/img-002/share-[0-9a-f]{10}\.jpg", image)
    assert meta["image"] == image == meta["twitter:image"]
    share = project / "site" / image.removeprefix(SITE_URL)
    with Image.open(share) as card:
        assert card.format == "JPEG" and card.size == (1200, 630)
    assert_clean(share)
    assert re.search(r"<head>.*og:image.*</head>", html, re.DOTALL)


def test_no_share_card_when_a_glyph_is_missing(project, first, caplog):
    html = read(project, "cases/emoji-004")
    meta = dict(re.findall(r'<meta (?:property|name|itemprop)="([^"]+)" content="([^"]*)">', html))
    assert meta["og:image"] == SITE_URL + "cases/emoji-004/cover.jpg"  # the cover instead
    assert not list((project / "site/cases/emoji-004").glob("share-*"))
    warnings = [d for d in first.state.site.collection.diagnostics if d.code == "share-glyphs"]
    assert len(warnings) == 1 and "😀" in warnings[0].message and warnings[0].line == 3
    # an emoji is no rare character to replace with a common one (an organization's trial), and
    # the build's count says the card it did not make
    assert "表情符号（😀）" in warnings[0].hint and "生僻字" not in warnings[0].hint, warnings[0].hint
    assert first.state.site.media.share_stats.failed == 1


def _qr_cells(svg: str) -> set[tuple[int, int]]:
    """Dark modules drawn by segno's SVG path (absolute M, relative m, horizontal h)."""
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    cells: set[tuple[int, int]] = set()
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s(-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            cells.update((int(x) + i, int(y)) for i in range(int(float(a))))
            x += float(a)
    return cells


def test_qr_code_encodes_the_permalink(project, first):
    html = read(project, "cases/img-001")
    cite = html.split('class="sc-cite"', 1)[1].split("</footer>", 1)[0]
    svg = re.search(r'<svg [^>]*class="sc-qr__code".*?</svg>', cite, re.DOTALL).group(0)
    assert "<title>" in svg and "手机扫码" in cite
    expected = segno.make(SITE_URL + "cases/img-001/", error="m")
    dark = {(x + 4, y + 4) for y, row in enumerate(expected.matrix) for x, v in enumerate(row) if v}
    assert _qr_cells(svg) == dark
    other = segno.make(SITE_URL + "cases/img-002/", error="m")
    assert {(x + 4, y + 4) for y, row in enumerate(other.matrix) for x, v in enumerate(row) if v} != dark


def _qr_of(project: Path, url: str) -> str:
    return re.search(r'<svg [^>]*class="sc-qr__code".*?</svg>', read(project, url), re.DOTALL).group(0)


def test_qr_codes_come_from_the_cache_and_an_edited_entry_never_reaches_a_page(project, first, caplog):
    caplog.set_level(logging.INFO)
    made = first.state.site.qr_codes
    assert made.made + made.kept == 4  # the four published cases
    svg = _qr_of(project, "cases/img-001")
    again = run_build(project).state.site.qr_codes
    assert (again.made, again.kept, again.damaged) == (0, 4, [])
    assert _qr_of(project, "cases/img-001") == svg
    assert any("二维码 4 个：缓存 4，新生成 0" in r.getMessage() for r in caplog.records)
    cache = project / ".cache/showcase/qr.json"
    raw = json.loads(cache.read_text(encoding="utf-8"))
    for entry in raw["codes"]:
        if entry[0].endswith("/cases/img-001/"):
            entry[2] = entry[2].replace("</svg>", "<script>alert(1)</script></svg>")
    cache.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    caplog.clear()
    repaired = run_build(project).state.site.qr_codes
    assert (repaired.made, repaired.kept) == (1, 3)
    assert _qr_of(project, "cases/img-001") == svg and "alert(1)" not in read(project, "cases/img-001")
    assert any("已重新生成损坏的缓存文件" in m and "img-001" in m for m in (r.getMessage() for r in caplog.records))


def test_second_build_decodes_nothing_and_a_changed_photo_only_itself(project, first, monkeypatch):
    cache = project / ".cache/showcase/images"
    before = {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    calls = counting_decodes(monkeypatch)
    plugin = run_build(project)
    assert calls == []
    assert plugin.media.image_stats.decoded == 0 and plugin.media.image_stats.cached == 5
    assert plugin.media.share_stats.decoded == 0 and plugin.media.share_stats.cached == 3
    assert before == {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()}
    # Replace one photo: only it (and its case's share card) is processed again, here in-process.
    stable = project / "site/cases/img-002/cover.jpg"
    old = stable.read_bytes()
    phone_jpeg(project / "cases/四川省/img-002/photo1.jpg", size=(1200, 900), noise=40, seed=99)
    plugin = run_build(project, image_workers=1)
    assert plugin.media.image_stats.decoded == 1 and plugin.media.share_stats.decoded == 1 and calls
    assert stable.read_bytes() != old  # feeds and the catalog keep their cover URL, with the new photo


def test_broken_photo_fails_the_build_naming_file_and_line(tmp_path, caplog):
    project = make_project(tmp_path)
    configure(project, site_url="")
    case = write_case(project / "cases", "bad-001", 1)
    truncated_jpeg(case.parent / "photo1.jpg")  # the header is fine: only a full decode fails
    with pytest.raises((PluginError, Abort)):
        run_build(project)
    messages = [r.getMessage() for r in caplog.records]
    where = f"{os.path.relpath(case)}:"
    assert any(where in m and "[image-corrupt] 图片 photo1.jpg：文件不完整（被截断了）" in m for m in messages), messages
    run = run_process([sys.executable, "-m", "mkdocs", "build", "-q"], project)
    assert run.returncode != 0 and "Traceback" not in run.stderr + run.stdout
    assert "图片 photo1.jpg：文件不完整" in run.stderr and "构建中止" in run.stderr


def test_a_picture_a_pixel_wide_and_40000_high_is_published_within_the_long_side(tmp_path):
    """A security review: a PNG of 1×40000 (passed by the check, taken by the import as a
    cover) stopped the build on “Image size exceeds WebP limit of 16383 pixels”: its
    renditions kept their whole height. Each is now within the long side's limit."""
    project = make_project(tmp_path)
    configure(project, site_url="")
    case = write_case(project / "cases", "tall-001", 1, body="## 基本情况\n\n社区里老人多。\n\n![长条图](tall.png)\n")
    Image.new("RGB", (1, 40000), (200, 30, 30)).save(case.parent / "tall.png")
    from showcase.core.options import DEFAULTS

    run_build(project)
    sizes = [Image.open(path).size for path in (project / "site" / "cases" / "tall-001").glob("tall-*")]
    assert sizes and all(height <= max(DEFAULTS.image_widths) for _, height in sizes), sizes


def test_an_image_cache_that_cannot_be_written_stops_the_build_with_one_line(tmp_path):
    """An audit: image_cache naming a file gave one error per photo, 'in' every case with
    one (45 in the sample), in English (Not a directory), while showcase check, which the
    message pointed to, said 错误 0 处. The build machine's problem is said once."""
    project = make_project(tmp_path)
    (project / "afile").write_text("", encoding="utf-8")
    configure(project, site_url="", image_cache="afile/images")
    for number in (1, 2, 3):
        case = write_case(project / "cases", f"img-00{number}", number)
        phone_jpeg(case.parent / "photo1.jpg", seed=number)
    truncated_jpeg(case.parent / "photo1.jpg")  # fails before the cache: not one of those it could not write
    run = run_process([sys.executable, "-m", "mkdocs", "build", "-q"], project)
    said = run.stderr + run.stdout
    assert run.returncode != 0 and "Traceback" not in said, said[-2000:]
    assert "[image-cache]" not in said and "Not a directory" not in said, said[-2000:]
    assert said.count("无法写入图片缓存") == 1 and "，2 张图片都是如此，构建中止" in said and "image_cache" in said, said[-2000:]
    # the fix for a path through a file too, not only disk space and permissions
    assert "或在 mkdocs.yml 里用 image_cache 换一个文件夹" in said, said[-2000:]
    assert "。，" not in said, said[-2000:]  # one sentence: the problem's full stop is not kept before the count


def test_without_cjk_font_one_warning_and_no_share_images(tmp_path, caplog):
    project = make_project(tmp_path)
    configure(project, site_url="", share_font=DEJAVU)
    for n in range(3):
        case = write_case(project / "cases", f"case-{n:03d}", n)
        phone_jpeg(case.parent / "photo1.jpg", seed=n)
    run_build(project)
    notices = [r.getMessage() for r in caplog.records if "分享图" in r.getMessage() and r.levelname == "WARNING"]
    assert len(notices) == 1 and "不含中文字形" in notices[0]
    assert not list((project / "site").rglob("share-*"))
    html = read(project, "cases/case-001")
    assert '<meta property="og:image" content="/cases/case-001/cover.jpg">' in html
    assert "sc-qr" not in html  # no site_url: no QR code leading nowhere


def test_a_site_url_too_long_for_any_qr_code_is_one_warning_not_a_traceback(tmp_path):
    project = make_project(tmp_path)
    configure(project, site_url="https://example.org/" + "a" * 2400 + "/")
    for n in range(2):
        case = write_case(project / "cases", f"case-{n:03d}", n)
        phone_jpeg(case.parent / "photo1.jpg", seed=n)
    for _ in range(2):  # the next build says the same, and reports no damaged cache
        run = run_process([sys.executable, "-m", "mkdocs", "build"], project)
        output = run.stdout + run.stderr
        assert run.returncode == 0 and "Traceback" not in output, output
        warnings = [line for line in output.splitlines() if "site_url 太长" in line]
        assert len(warnings) == 1 and "2 个案例页" in warnings[0] and "不放二维码" in warnings[0], output
        assert "损坏" not in output and "被改动" not in output
        assert "sc-qr" not in read(project, "cases/case-001")
    assert not (project / ".cache/showcase/qr.json").exists()  # no code to keep
    # showcase check, run before publishing, says the same words once (core/site/qr.py)
    check = run_showcase(["check"], project)
    said = [line for line in check.stdout.splitlines() if "[site-url-qr]" in line]
    assert len(said) == 1 and said[0].split("[site-url-qr] ", 1)[1] in warnings[0], (said, warnings)


def test_preview_shows_a_broken_photo_as_a_problem_page(tmp_path):
    project = make_project(tmp_path)
    configure(project, site_url="")
    good = write_case(project / "cases", "good-001", 1)
    phone_jpeg(good.parent / "photo1.jpg")
    bad = write_case(project / "cases", "bad-002", 2)
    truncated_jpeg(bad.parent / "photo1.jpg")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    problems = read(project, "cases/bad-002")
    assert "图片 photo1.jpg：文件不完整（被截断了）" in problems and "sc-case__body" not in problems
    home = read(project, "")
    assert home.count('class="sc-card"') == 1 and "cases/bad-002" not in home


def test_a_site_name_the_font_lacks_says_where_it_is_written_and_its_fix_works(tmp_path, caplog):
    """The site's own card (home, listings) with 🏠 in site_name: the notice said only to
    change the font, which no Chinese font helps with for an emoji; it names site_name, and
    the name written without it gets its card (helper msgH)."""
    project = make_project(tmp_path)
    configure(project)
    config = project / "mkdocs.yml"
    name = re.search(r"(?m)^site_name: (.*)$", config.read_text("utf-8")).group(1)
    config.write_text(config.read_text("utf-8").replace(f"site_name: {name}", f"site_name: 🏠{name}"), encoding="utf-8")
    write_case(project / "cases", "case-001", 1)
    run_build(project)
    notices = [r.getMessage() for r in caplog.records if "首页等页面" in r.getMessage()]
    assert len(notices) == 1 and "“🏠”" in notices[0] and "mkdocs.yml 的 site_name" in notices[0], notices
    assert "换成常用字或删掉" in notices[0], notices
    assert "assets/share-" not in read(project, "")
    caplog.clear()
    config.write_text(config.read_text("utf-8").replace("site_name: 🏠", "site_name: "), encoding="utf-8")
    run_build(project)
    assert not [r for r in caplog.records if "首页等页面" in r.getMessage()]
    assert SITE_URL + "assets/share-" in read(project, "")


def test_a_changed_site_url_gives_every_page_the_code_of_its_new_address(tmp_path):
    """Printed case pages lead where their QR code does: a build after site_url changed
    (a new domain) must not reuse any cached code, page or fragment of the old address."""
    project = make_project(tmp_path)
    write_case(project / "cases", "qr-001", 1)
    old, new = "https://old.example.org/anli/", "https://new.example.net/"

    def cells(url: str) -> set[tuple[int, int]]:
        code = segno.make(url, error="m")
        return {(x + 4, y + 4) for y, row in enumerate(code.matrix) for x, v in enumerate(row) if v}

    for site_url in (old, new):
        configure(project, site_url=site_url)
        codes = run_build(project).state.site.qr_codes
        assert _qr_cells(_qr_of(project, "cases/qr-001")) == cells(site_url + "cases/qr-001/"), site_url
    assert (codes.made, codes.kept) == (1, 0)
    assert old not in (project / "site/cases/qr-001/index.html").read_text(encoding="utf-8")
