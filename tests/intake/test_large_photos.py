"""Phone photos at full size are written into the case folder (committed to Git) no longer
than twice the site's largest image width: a trial's 6000×4000 photo of 23 MB became a
cover.jpg of 22,742 KB, with no word in the report."""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image
from showcase.cli import main
from showcase.core.collection.settings import Settings
from showcase.core.editors.intake.photometa import strip_jpeg

from tests.support.images import BLUE, MAKE, RED, assert_clean, halves, phone_jpeg
from tests.support.project import configure


def near(colour: tuple[int, ...], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 40 for a, b in zip(colour[:3], expected, strict=True))


def test_the_bound_is_twice_the_largest_image_width() -> None:
    assert Settings().import_long_side == 3200  # image_widths (480, 960, 1600)


def test_photos_over_the_bound_are_written_smaller_upright_and_bare(site: Path, capsys) -> None:
    """A sideways phone photo sent beside the file and one pasted into it, both over the
    bound (image_widths [160, 320] here: 640 px), arrive at 640 px on their long side, upright,
    without EXIF, GPS, XMP or colour profile, said in the report with the sizes before and
    after; a photo within the bound is the same picture as before (its metadata cut out,
    nothing encoded again); the check accepts the draft."""
    from docx import Document
    from docx.shared import Cm

    configure(site, image_widths=[160, 320])
    inbox = site / "收件" / "红马甲"
    inbox.mkdir(parents=True)
    phone_jpeg(site / "pasted.jpg", size=(1500, 900), noise=30)
    document = Document()
    document.add_paragraph("红马甲助老服务队让老人吃上热饭")
    document.add_paragraph("一、基本情况")
    document.add_paragraph("社区有空巢老人三百户。")
    document.add_paragraph().add_run().add_picture(str(site / "pasted.jpg"), width=Cm(12))
    document.add_paragraph("志愿者送餐")
    document.save(str(inbox / "红马甲申报.docx"))
    phone_jpeg(inbox / "封面.jpg", size=(1200, 800), noise=30, orientation=6, seed=1)  # held upright: 800×1200
    small = phone_jpeg(inbox / "合影.jpg", size=(600, 400), noise=30, seed=2)
    assert main(["import", "收件", "--into", "草稿箱"]) == 0
    report = capsys.readouterr().out
    (index,) = (site / "草稿箱").glob("*/*/index.md")
    folder = index.parent
    with Image.open(folder / "cover.jpg") as cover:
        assert cover.size == (427, 640), cover.size
        assert near(cover.getpixel((200, 100)), RED) and near(cover.getpixel((200, 540)), BLUE)  # the left half was the top
    with Image.open(folder / "photo1.jpg") as pasted:
        assert pasted.size == (640, 384), pasted.size
        assert near(pasted.getpixel((100, 190)), RED) and near(pasted.getpixel((540, 190)), BLUE)
    for name in ("cover.jpg", "photo1.jpg"):
        assert_clean(folder / name)
    assert (folder / "photo2.jpg").read_bytes() == strip_jpeg(small.read_bytes())  # within the bound: as before
    assert "随文件发来的 封面.jpg 有 800×1200 像素（" in report and "导入时缩小成了 427×640 像素（" in report
    assert "文中第 1 张图片有 1500×900 像素（" in report and "导入时缩小成了 640×384 像素（" in report
    assert "合影.jpg 有" not in report
    assert "为什么缩小：网站上的照片最宽只用 320 像素，长边 640 像素已经足够清晰" in report
    assert "这 2 张原来共" in report
    # sizes under a megabyte in KB, as the photo lines say them: “缩小后共 0.0 MB” said nothing
    assert re.search(r"这 2 张原来共 \d+ KB，缩小后共 \d+ KB", report) and "0.0 MB" not in report, report
    assert "每个下载这个仓库的人" in report  # not the site's readers: they get the site's own sizes
    assert "cover.jpg（封面）：427×640" in report
    assert main(["check", "草稿箱"]) == 0, capsys.readouterr().out


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_a_screenshot_stays_a_png_and_a_photo_saved_as_png_becomes_a_jpeg() -> None:
    from PIL import ImageDraw
    from showcase.core.editors.intake.photometa import shrink

    shot = Image.new("RGB", (1600, 1000), (250, 250, 250))
    draw = ImageDraw.Draw(shot)
    for y in range(0, 1000, 24):
        draw.text((20, y), f"volunteer schedule row {y} ........................", fill=(20, 20, 20))
    data, kind, size = shrink(_png(shot) + b"", "PNG", 50_000_000, 800) or (b"", "", (0, 0))
    assert (kind, size) == ("PNG", (800, 500)) and data.startswith(b"\x89PNG")
    photo = _png(halves((1600, 1000), noise=60))
    data, kind, size = shrink(photo, "PNG", 50_000_000, 800) or (b"", "", (0, 0))
    assert (kind, size) == ("JPEG", (800, 500)) and data.startswith(b"\xff\xd8") and len(data) < len(photo) / 4
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif() and "icc_profile" not in image.info
    assert MAKE.encode() not in data


def test_a_photo_at_the_bound_or_no_lighter_when_reduced_is_only_cleaned(tmp_path: Path) -> None:
    """The bound is “over”, not “at” (a photo exactly 640 px long is not encoded again), and
    a photo over it whose reduced copy would weigh more (a phone's JPEG saved at a low
    quality) is kept as sent, its metadata cut out: each was a mutation that no test saw."""
    from showcase.core.editors.intake.pictures import Pictures

    from tests.support.images import phone_exif

    def jpeg(size: tuple[int, int], quality: int) -> bytes:
        out = io.BytesIO()
        halves(size, noise=60).save(out, "JPEG", quality=quality, exif=phone_exif().tobytes())
        return out.getvalue()

    for name, data, size in (("at", jpeg((640, 400), 88), (640, 400)), ("heavy", jpeg((700, 400), 5), (700, 400))):
        pictures = Pictures(tmp_path / name, long_side=640)
        (tmp_path / name).mkdir()
        photo = pictures.keep(data, name)
        assert photo is not None and (photo.width, photo.height) == size, name
        assert (tmp_path / name / photo.name).read_bytes() == strip_jpeg(data), name
        assert photo.original_size == 0 and not pictures.notes, (name, pictures.notes)
        assert_clean(tmp_path / name / photo.name)


def test_a_light_picture_over_the_bound_is_not_encoded_again(tmp_path: Path) -> None:
    """A review: a 45 KB screenshot 12,000 px long was reduced, and the report said it went
    from 0.0 MB to 0.0 MB “so that it downloads on a poor network”. A reduction saving less
    than a tenth of what a photo at the bound weighs is not made."""
    from PIL import ImageDraw
    from showcase.core.editors.intake.photometa import clean, worth_reducing
    from showcase.core.editors.intake.pictures import Pictures

    assert worth_reducing(3200) == 170_640
    shot = Image.new("RGB", (12000, 1200), (250, 250, 250))
    ImageDraw.Draw(shot).text((20, 20), "社区活动报名表", fill=(20, 20, 20))
    data = _png(shot)
    assert len(data) < 100_000
    (tmp_path / "shot").mkdir()
    pictures = Pictures(tmp_path / "shot")  # the default bound: 3200 px
    photo = pictures.keep(data, "截图")
    assert photo is not None and (photo.width, photo.height) == (12000, 1200)
    assert (tmp_path / "shot" / photo.name).read_bytes() == clean(data, "PNG")[0]
    assert photo.original_size == 0 and not pictures.notes, pictures.notes


def test_a_phone_photo_over_the_pixel_limit_is_imported_reduced(tmp_path: Path) -> None:
    """A 50-megapixel phone (8192×6144, 50.3 million pixels: Xiaomi's and Huawei's “5000万”
    mode) was refused at import as over the site's limit of 50 million, with “请缩小后随文件发来”
    to a community worker who cannot. A JPEG up to four times the limit decodes at a quarter
    of its pixels or fewer (JPEG's draft scaling), so memory stays within the limit's: it
    arrives reduced to the bound, upright and bare, said in the report. A PNG over the limit,
    which cannot be decoded smaller, and a JPEG over four times it, are still refused."""
    from showcase.core.editors.intake.pictures import Pictures

    from tests.support.images import phone_exif

    def picture(size: tuple[int, int], kind: str, **options) -> bytes:
        out = io.BytesIO()
        halves(size, noise=20).save(out, kind, exif=phone_exif(6).tobytes(), **options)
        return out.getvalue()

    (tmp_path / "case").mkdir()
    pictures = Pictures(tmp_path / "case", max_pixels=1_000_000, long_side=640)
    photo = pictures.keep(picture((1600, 1000), "JPEG", quality=90), "随文件发来的 IMG_0001.jpg")  # 1.6 million pixels
    assert photo is not None and (photo.width, photo.height) == (400, 640), photo
    with Image.open(photo.path) as kept:
        assert kept.size == (400, 640)
        assert near(kept.getpixel((200, 100)), RED) and near(kept.getpixel((200, 540)), BLUE)  # turned upright
    assert_clean(photo.path)
    assert pictures.notes == [
        f"随文件发来的 IMG_0001.jpg有 1000×1600 像素（{photo.original_size / 1024:.0f} KB），"
        f"导入时缩小成了 400×640 像素（{photo.size / 1024:.0f} KB）。"
    ]
    for name, data, size in (
        ("截图.png", picture((1600, 1000), "PNG"), "1600×1000"),
        ("全景.jpg", picture((2100, 2000), "JPEG", quality=60), "2100×2000"),  # 4.2 million: over four times
    ):
        pictures.notes.clear()
        assert pictures.keep(data, name) is None, name
        assert (
            pictures.notes
            == [
                f"{name}有 {size} 像素，超过网站的上限（100 万像素），没有导入；请缩小（例如长边 640 像素左右）后随文件发来。"  # the site's own size
            ]
        )
    assert [p.name for p in (tmp_path / "case").iterdir()] == [photo.name]


def test_a_fifty_megapixel_phone_photo_is_imported_at_the_default_limits(tmp_path: Path) -> None:
    """The same at the site's own limits, with a photo of the real size (8192×6144)."""
    from showcase.core.editors.intake.pictures import Pictures

    from tests.support.images import phone_exif

    out = io.BytesIO()
    halves((8192, 6144)).save(out, "JPEG", quality=85, exif=phone_exif().tobytes())
    (tmp_path / "case").mkdir()
    pictures = Pictures(tmp_path / "case")
    photo = pictures.keep(out.getvalue(), "封面")
    assert photo is not None and (photo.width, photo.height) == (3200, 2400), pictures.notes
    assert_clean(photo.path)
    assert "封面有 8192×6144 像素" in pictures.notes[0] and "导入时缩小成了 3200×2400 像素" in pictures.notes[0]


def test_a_canvas_past_pillow_s_own_limit_is_refused_in_the_site_s_words(tmp_path: Path) -> None:
    """A picture whose header claims more than Pillow's own guard (twice its MAX_IMAGE_PIXELS)
    is read with that guard lifted (headers_only) and refused by the site's limit, naming its
    size: the one wording of an import's refusal (a second, for Pillow's DecompressionBombError,
    could no longer be reached and is gone)."""
    from showcase.core.editors.intake.pictures import Pictures

    from tests.support.images import png_claiming

    assert Image.MAX_IMAGE_PIXELS is not None and 2 * Image.MAX_IMAGE_PIXELS < 20_000 * 20_000
    (tmp_path / "case").mkdir()
    pictures = Pictures(tmp_path / "case")
    assert pictures.keep(png_claiming(20_000, 20_000), "随文件发来的 炸弹.png") is None
    assert pictures.notes == [
        "随文件发来的 炸弹.png有 20000×20000 像素，超过网站的上限（5000 万像素），没有导入；请缩小（例如长边 3200 像素左右）后随文件发来。"
    ]
    assert [p.name for p in (tmp_path / "case").iterdir()] == []


def test_a_jpeg_over_the_limit_whose_long_side_is_near_the_bound_is_imported_too(tmp_path: Path) -> None:
    """A site with a lower pixel limit than its photos' bound (max_image_pixels: 1 million,
    the import's long side 1200): a JPEG of 1601×1001 needs no reduction for its long side,
    so it was decoded whole, over the limit, and the import said “无法读取（文件可能不完整或已
    损坏）” of a sound photo and asked for it again. Over the limit, it is decoded at half its
    sides at least: within the limit, as the note says."""
    from showcase.core.editors.intake.pictures import Pictures

    out = io.BytesIO()
    halves((1601, 1001), noise=20).save(out, "JPEG", quality=90)  # odd sides: 1601 // 801 is no half
    (tmp_path / "case").mkdir()
    pictures = Pictures(tmp_path / "case", max_pixels=1_000_000, long_side=1200)
    photo = pictures.keep(out.getvalue(), "随文件发来的 IMG_0002.jpg")
    assert photo is not None, pictures.notes
    assert photo.width * photo.height <= 1_000_000 and photo.width in (800, 801), photo
    with Image.open(photo.path) as kept:
        assert kept.size == (photo.width, photo.height)
    assert_clean(photo.path)
    assert pictures.notes == [
        f"随文件发来的 IMG_0002.jpg有 1601×1001 像素（{photo.original_size / 1024:.0f} KB），"
        f"导入时缩小成了 {photo.width}×{photo.height} 像素（{photo.size / 1024:.0f} KB）。"
    ]


def test_a_heic_made_smaller_is_said_to_be_written_as_a_jpeg(tmp_path: Path) -> None:
    """An editor's trial: a phone's HEIC over the import's long side was said to be 缩小成了
    … with more KB than it came with (a JPEG takes more bytes than a HEIC of the same
    picture), a picture made smaller that grew. Said as written in another format."""
    from showcase.core.editors.intake.pictures import Pictures

    from tests.support.images import phone_heic

    (tmp_path / "case").mkdir()
    pictures = Pictures(tmp_path / "case", long_side=640)
    photo = pictures.keep(phone_heic(tmp_path / "IMG_0001.heic", size=(1600, 1200)).read_bytes(), "封面")
    assert photo is not None and photo.name == "photo1.jpg" and (photo.width, photo.height) == (640, 480), pictures.notes
    assert "封面有 1600×1200 像素（HEIC 格式，" in pictures.notes[0]
    assert "导入时缩小成了 640×480 像素、转成了 JPEG 格式（" in pictures.notes[0]
    # a JPEG made smaller is said as before
    out = io.BytesIO()
    halves((1600, 1200)).save(out, "JPEG", quality=85)
    photo = pictures.keep(out.getvalue(), "第二张")
    assert photo is not None and "格式" not in pictures.notes[1] and "导入时缩小成了 640×480 像素（" in pictures.notes[1]
