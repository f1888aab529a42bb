"""What a Word file carries that its author does not see on the page: the part of a picture
cropped away in Word, the alt text Word filled in by itself, and a chart, which the import
cannot carry and must say so. Files made by LibreOffice (from flat ODF) and by python-docx
as Word writes them."""

from __future__ import annotations

import base64
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw
from showcase.cli import main

from tests.support.office import libreoffice_convert

from .test_import_form import front_matter

RED = (220, 30, 30)

ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def flat_odt(body: str, styles: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>{styles}</office:automatic-styles>
<office:body><office:text>
<text:h text:outline-level="1">社区书屋开放日</text:h>
<text:p>每周六上午，书屋向居民开放，志愿者陪孩子读书。</text:p>
{body}
<text:p>两年来开放 96 次。</text:p>
</office:text></office:body></office:document>"""


def imported(document: Any, path: Path, capsys: pytest.CaptureFixture[str], gone: Path | None = None) -> tuple[str, str]:
    """``document`` (python-docx), closed with a 成效 section, saved at ``path`` and imported
    (``gone``: the picture it was made from, removed first, not to be taken as one sent
    beside it): the draft's text and the import's report."""
    document.add_heading("成效", level=2)
    document.add_paragraph("两年来开放 96 次。")
    document.save(str(path))
    if gone is not None:
        gone.unlink()
    assert main(["import", path.name]) == 0
    report = capsys.readouterr().out
    (index,) = (path.parent / "cases").glob("*/*/index.md")
    return index.read_text(encoding="utf-8"), report


def signed_photo(path: Path) -> Path:
    """A photo of 1600 × 1200 at 96 dpi (31.75 cm high): blue, with a red band (a sign-in
    sheet of names and numbers, say) in its bottom tenth, which the worker crops away."""
    image = Image.new("RGB", (1600, 1200), (30, 60, 220))
    ImageDraw.Draw(image).rectangle((0, 1080, 1600, 1200), fill=RED)
    image.save(path, "JPEG", quality=90, dpi=(96, 96))
    return path


def red_rows(photo: Path) -> int:
    """How many rows of the photo are mostly red."""
    with Image.open(photo) as image:
        rgb = image.convert("RGB")
        return sum(1 for y in range(rgb.height) if rgb.getpixel((rgb.width // 2, y))[0] > 150)


@pytest.fixture
def cropped_fodt(site: Path) -> Path:
    """A picture cropped in LibreOffice: 3.4 cm off its bottom, the red band and a little more."""
    data = base64.b64encode(signed_photo(site / "签到.jpg").read_bytes()).decode()
    (site / "签到.jpg").unlink()
    style = '<style:style style:name="fr1" style:family="graphic"><style:graphic-properties fo:clip="rect(0cm, 0cm, 3.4cm, 0cm)"/></style:style>'
    frame = (
        '<text:p><draw:frame draw:style-name="fr1" draw:name="照片" text:anchor-type="as-char" svg:width="12cm" svg:height="8cm">'
        f"<draw:image><office:binary-data>{data}</office:binary-data></draw:image></draw:frame></text:p><text:p>图：开放日现场</text:p>"
    )
    path = site / "裁剪.fodt"
    path.write_text(flat_odt(frame, style), encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["docx", "doc", "odt"])
def test_a_picture_cropped_in_the_document_is_imported_as_it_shows(cropped_fodt: Path, site: Path, capsys, kind: str) -> None:
    made = libreoffice_convert(cropped_fodt, kind, site)
    cropped_fodt.unlink()
    assert main(["import", made.name]) == 0
    report = capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    data, body = front_matter(index)
    photo = index.parent / data["cover"]
    with Image.open(photo) as image:
        assert image.width == 1600 and 1060 <= image.height <= 1080  # 10.7 % off its bottom
    assert red_rows(photo) == 0  # the cut-away band is in neither the case folder nor the site
    assert "![图：开放日现场]" in body
    assert "photo1.jpg 在 Word 里裁剪过，按裁剪后的样子导入" in report


def test_a_picture_cropped_by_word_is_imported_as_it_shows(site: Path, capsys) -> None:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from lxml import etree

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph("每周六上午，书屋向居民开放。")
    document.add_picture(str(signed_photo(site / "签到.jpg")), width=Cm(12), height=Cm(8))
    fill = document.paragraphs[-1]._p.find(".//" + qn("pic:blipFill"))
    fill.insert(1, etree.Element(qn("a:srcRect"), {"t": "10000", "b": "25000"}))  # as Word writes it: after a:blip
    document.add_paragraph("图：开放日现场")
    document.save(str(site / "裁剪.docx"))
    (site / "签到.jpg").unlink()
    assert main(["import", "裁剪.docx"]) == 0
    capsys.readouterr()
    (index,) = (site / "cases").glob("*/*/index.md")
    data, _ = front_matter(index)
    with Image.open(index.parent / data["cover"]) as image:
        assert image.size == (1600, 780)  # 10 % off the top, 25 % off the bottom
    assert red_rows(index.parent / data["cover"]) == 0


@pytest.mark.parametrize(
    "rect", [{"b": "99990"}, {"t": "60000", "b": "60000"}, {"l": "100000"}, {"b": "NaN"}]
)  # NaN: no crop Word writes; not the whole picture (a hostile-input review)
def test_a_picture_cropped_to_nothing_is_not_imported(site: Path, capsys, rect: dict[str, str]) -> None:
    """Nothing of it shows in the document: a review found the whole picture imported."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from lxml import etree

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph("每周六上午，书屋向居民开放。")
    document.add_picture(str(signed_photo(site / "签到.jpg")), width=Cm(12), height=Cm(8))
    fill = document.paragraphs[-1]._p.find(".//" + qn("pic:blipFill"))
    fill.insert(1, etree.Element(qn("a:srcRect"), rect))
    document.add_paragraph("两年来开放 96 次。")
    document.save(str(site / "裁没了.docx"))
    (site / "签到.jpg").unlink()
    assert main(["import", "裁没了.docx"]) == 0
    report = capsys.readouterr().out
    assert "文中第 1 张图片在 Word 里被裁剪得什么也不剩（文件里看不见它），没有导入。" in report, report
    (index,) = (site / "cases").glob("*/*/index.md")
    assert not list(index.parent.glob("*.jpg")) and not list(index.parent.glob("*.png"))


def test_a_picture_shown_whole_somewhere_stays_whole(site: Path, capsys) -> None:
    """The same picture twice, once cropped and once whole: the author showed all of it."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from lxml import etree

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    signed_photo(site / "签到.jpg")
    document.add_picture(str(site / "签到.jpg"), width=Cm(12))
    document.add_picture(str(site / "签到.jpg"), width=Cm(12))  # python-docx stores it once
    fill = document.paragraphs[-1]._p.find(".//" + qn("pic:blipFill"))
    fill.insert(1, etree.Element(qn("a:srcRect"), {"b": "25000"}))
    document.save(str(site / "两张.docx"))
    (site / "签到.jpg").unlink()
    assert main(["import", "两张.docx"]) == 0
    assert "裁剪" not in capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    with Image.open(index.parent / "photo1.jpg") as image:
        assert image.size == (1600, 1200)


def test_alt_text_word_filled_in_is_not_the_caption(site: Path, capsys) -> None:
    """Word 2007/2010 and WPS fill a picture's alt text with its file's path; Word 365
    makes up a description. Neither is a caption to publish."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph("每周六上午，书屋向居民开放。")
    signed_photo(site / "a.jpg")
    for alt in (
        r"C:\Users\zhangsan\Desktop\低保户王某家\IMG_20230512.jpg",
        "图片包含 人物, 室内 描述已自动生成",
        "志愿者陪孩子读书 联系13700001111",
        "IMG_20230508_093012",  # a phone's name for it, without .jpg (an organization's trial)
    ):
        document.add_picture(str(site / "a.jpg"), width=Cm(12))
        document.paragraphs[-1]._p.find(".//" + qn("wp:docPr")).set("descr", alt)
    text, report = imported(document, site / "可选文字.docx", capsys, gone=site / "a.jpg")
    assert "zhangsan" not in text and "低保户" not in text and "自动生成" not in text
    assert "![](photo1.jpg)" in text and "![](photo2.jpg)" in text and "![志愿者陪孩子读书 联系137＊＊＊＊1111](photo3.jpg)" in text
    assert "![](photo4.jpg)" in text and "IMG_2023" not in text
    assert "photo1.jpg 的“可选文字”是 Word 自动填写的" in report and "photo2.jpg 的“可选文字”是 Word 自动填写的" in report
    assert "photo4.jpg 的“可选文字”是 Word 自动填写的" in report
    assert "photo3.jpg 的“可选文字”" not in report
    # the report does not repeat the path's folders either (a family named there; a review)
    assert "zhangsan" not in report and "低保户" not in report and "照片在电脑上的文件名，不是说明" in report
    assert "描述已自动生成" in report  # Word 365's made-up words are quoted: nothing private in them
    # a number in a caption is starred in the report as in the draft (a hostile-input review)
    assert "说明：志愿者陪孩子读书 联系137****1111" in report and "13700001111" not in report


def test_a_chart_is_named_in_the_report(site: Path, capsys) -> None:
    rows = "".join(
        f'<table:table-row><table:table-cell office:value-type="string"><text:p>{year}年</text:p></table:table-cell>'
        f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell></table:table-row>'
        for year, value in ((2022, 40), (2023, 56))
    )
    chart = (
        '<text:p><draw:frame draw:name="图表1" text:anchor-type="as-char" svg:width="12cm" svg:height="7cm"><draw:object>'
        '<office:document office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.chart"><office:body><office:chart>'
        '<chart:chart svg:width="12cm" svg:height="7cm" chart:class="chart:bar">'
        '<chart:plot-area table:cell-range-address="local-table.$A$1:.$B$3" chart:data-source-has-labels="both">'
        '<chart:axis chart:dimension="x" chart:name="primary-x"><chart:categories table:cell-range-address="local-table.$A$2:.$A$3"/></chart:axis>'
        '<chart:axis chart:dimension="y" chart:name="primary-y"/>'
        '<chart:series chart:values-cell-range-address="local-table.$B$2:.$B$3" chart:label-cell-address="local-table.$B$1"/></chart:plot-area>'
        '<table:table table:name="local-table"><table:table-header-columns><table:table-column/></table:table-header-columns>'
        "<table:table-columns><table:table-column/></table:table-columns><table:table-header-rows><table:table-row>"
        '<table:table-cell><text:p/></table:table-cell><table:table-cell office:value-type="string"><text:p>开放次数</text:p></table:table-cell>'
        f"</table:table-row></table:table-header-rows><table:table-rows>{rows}</table:table-rows></table:table>"
        "</chart:chart></office:chart></office:body></office:document></draw:object></draw:frame></text:p>"
    )
    (site / "图表.fodt").write_text(flat_odt("<text:p>每年开放次数见下图：</text:p>" + chart), encoding="utf-8")
    made = libreoffice_convert(site / "图表.fodt", "docx", site)
    (site / "图表.fodt").unlink()
    assert main(["import", made.name]) == 0
    assert "文中有 1 个图表，没有导入" in capsys.readouterr().out


def test_an_unreadable_cropped_picture_is_left_to_the_pictures_words() -> None:
    """A crop of bytes Pillow cannot read changes nothing (the import then says what the picture is)."""
    from showcase.core.editors.intake.crop import _cut

    assert _cut(b"\x01\x00\x00\x00not an emf", (0.1, 0, 0, 0), 10**8) is None
    image = io.BytesIO()
    Image.new("RGB", (100, 100)).save(image, "PNG")
    cut = _cut(image.getvalue(), (0.1, 0.2, 0.3, 0.4), 10**8)
    assert cut is not None and Image.open(io.BytesIO(cut)).size == (60, 40)
    assert shutil.which("soffice")  # the tests above need it, as the import's others do


def test_white_and_tiny_text_is_left_out_and_said_but_white_on_a_dark_fill_is_kept(site: Path, capsys) -> None:
    """A helper's trial: a note in white 1-point type (an old woman's address, her son's
    phone) was imported and published. White text on anything that may be dark is visible
    and stays: a table (its style may shade the header row), a shaded paragraph, a highlight."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    white = RGBColor(0xFF, 0xFF, 0xFF)
    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    paragraph = document.add_paragraph("每周六上午，书屋向居民开放。")
    run = paragraph.add_run("内部备注：张桂英老人住3栋502。")
    run.font.color.rgb, run.font.size = white, Pt(1)
    paragraph.add_run("志愿者陪孩子读书。")
    document.add_paragraph().add_run("白字备忘：钥匙在门卫。").font.color.rgb = white
    document.add_paragraph().add_run("小字备忘：下次带投影仪。").font.size = Pt(1)
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("表头白字").font.color.rgb = white
    shaded = document.add_paragraph()
    shaded.add_run("底色白字").font.color.rgb = white
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:fill"), "1F3864")
    shaded._p.get_or_add_pPr().append(fill)
    marked = document.add_paragraph().add_run("高亮白字")
    marked.font.color.rgb, marked.font.highlight_color = white, WD_COLOR_INDEX.DARK_BLUE
    text, report = imported(document, site / "白字.docx", capsys)
    assert "张桂英" not in text and "钥匙" not in text and "投影仪" not in text, text
    assert "每周六上午，书屋向居民开放。志愿者陪孩子读书。" in text, text
    assert all(kept in text for kept in ("表头白字", "底色白字", "高亮白字")), text
    assert "文件里有 3 处白色或极小（1 磅以下）的字，打开文件、打印出来都看不见，没有导入。" in report, report


@pytest.mark.parametrize("mode", ["CMYK", "RGB", "I;16"])
def test_a_cropped_tiff_is_cut_whatever_its_colours(mode: str) -> None:
    """A CMYK TIFF (a print shop's photo) cannot be written as a PNG: the cut failed and the
    import took the whole picture, the part cropped away in Word included."""
    from showcase.core.editors.intake.crop import _cut

    image = io.BytesIO()
    Image.new("RGB", (100, 100), RED).convert(mode).save(image, "TIFF")
    cut = _cut(image.getvalue(), (0, 0, 0, 0.25), 10**8)
    assert cut is not None
    with Image.open(io.BytesIO(cut)) as picture:
        assert picture.size == (100, 75) and picture.mode == mode and picture.format == "TIFF"


def test_a_cropped_cmyk_tiff_is_imported_as_word_shows_it(site: Path, capsys) -> None:
    import zipfile

    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from lxml import etree

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph("每周六上午，书屋向居民开放。")
    document.add_picture(str(signed_photo(site / "签到.jpg")), width=Cm(12))
    fill = document.paragraphs[-1]._p.find(".//" + qn("pic:blipFill"))
    fill.insert(1, etree.Element(qn("a:srcRect"), {"b": "25000"}))
    document.save(str(site / "made.docx"))
    with Image.open(site / "签到.jpg") as photo:  # the same photo, as a CMYK TIFF in the file
        tiff = io.BytesIO()
        photo.convert("CMYK").save(tiff, "TIFF", compression="tiff_deflate")
    (site / "签到.jpg").unlink()
    with zipfile.ZipFile(site / "made.docx") as source, zipfile.ZipFile(site / "裁剪.docx", "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, tiff.getvalue() if info.filename.startswith("word/media/") else source.read(info))
    (site / "made.docx").unlink()
    assert main(["import", "裁剪.docx"]) == 0
    assert "photo1.jpg 在 Word 里裁剪过" in capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    data, _ = front_matter(index)
    with Image.open(index.parent / data["cover"]) as image:
        assert image.size == (1600, 900)
    assert red_rows(index.parent / data["cover"]) == 0


def test_a_deleted_whole_copy_does_not_keep_the_shown_picture_whole(site: Path, capsys) -> None:
    """修订 on: the picture as first pasted, deleted (w:del), and the same picture shown
    cropped. Only the cropped one is on the page; the deleted copy counted as "shown whole"
    and the whole picture, the band cropped away included, was imported."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from lxml import etree

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph("每周六上午，书屋向居民开放。")
    signed_photo(site / "签到.jpg")
    document.add_picture(str(site / "签到.jpg"), width=Cm(12))
    paragraph = document.paragraphs[-1]._p
    picture = paragraph.find(qn("w:r"))
    deleted = etree.SubElement(paragraph, qn("w:del"), {qn("w:id"): "1", qn("w:author"): "王", qn("w:date"): "2024-05-01T00:00:00Z"})
    paragraph.remove(picture)
    deleted.append(picture)
    document.add_picture(str(site / "签到.jpg"), width=Cm(12))  # python-docx stores it once, as Word does
    fill = document.paragraphs[-1]._p.find(".//" + qn("pic:blipFill"))
    fill.insert(1, etree.Element(qn("a:srcRect"), {"b": "25000"}))
    document.save(str(site / "修订.docx"))
    (site / "签到.jpg").unlink()
    assert main(["import", "修订.docx"]) == 0
    assert "photo1.jpg 在 Word 里裁剪过" in capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    (photo,) = index.parent.glob("photo*")
    with Image.open(photo) as image:
        assert image.size == (1600, 900)
    assert red_rows(photo) == 0


def test_pillows_warning_about_a_large_picture_is_not_printed(site: Path, capsys, monkeypatch) -> None:
    """A hostile-input review: a picture above Pillow's warning size (89 million pixels) put
    Pillow's warning on the screen, a file path and "warnings.warn(", before the import's own
    words. Lowered here so a small picture is above it."""
    import warnings

    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph("每周六上午，书屋向居民开放。")
    Image.new("RGB", (64, 64), "teal").save(site / "书屋.jpg")
    document.add_picture(str(site / "书屋.jpg"), width=Cm(8))
    document.save(str(site / "书屋.docx"))
    (site / "书屋.jpg").unlink()
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 3000)  # 4,096 pixels: warned of, not refused (above 6,000)
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        assert main(["import", "书屋.docx"]) == 0
    assert [str(w.message) for w in shown if issubclass(w.category, Image.DecompressionBombWarning)] == []
    assert "Warning" not in capsys.readouterr().err


# -- a mutation audit of crop.py: VML crops, the photo's EXIF orientation, a negative crop --


def red_pixels(photo: Path) -> int:
    """How many pixels of the photo (a tenth of it each way) are mostly red."""
    with Image.open(photo) as image:
        small = image.convert("RGB").resize((image.width // 10, image.height // 10))
        data = small.tobytes()
        return sum(1 for i in range(0, len(data), 3) if data[i] > 150 and data[i + 2] < 120)


def word_file_with_cropped_photo(site: Path, photo: Path, name: str, rect: dict[str, str] | None = None, vml: str = "") -> Path:
    """A .docx as python-docx writes it with ``photo`` in it, cropped by ``rect`` (a:srcRect)
    or, given ``vml`` (the crop attributes of v:imagedata), shown as older Word and WPS write
    a picture: a VML shape."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Cm
    from lxml import etree

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph("每周六上午，书屋向居民开放。")
    document.add_picture(str(photo), width=Cm(12), height=Cm(9))
    paragraph = document.paragraphs[-1]._p
    if rect is not None:
        fill = paragraph.find(".//" + qn("pic:blipFill"))
        fill.insert(1, etree.Element(qn("a:srcRect"), rect))
    if vml:
        rid = paragraph.find(".//" + qn("a:blip")).get(qn("r:embed"))
        run = paragraph.find(qn("w:r"))
        run.remove(run.find(qn("w:drawing")))
        run.append(
            parse_xml(
                '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:340pt;height:255pt">'
                f'<v:imagedata r:id="{rid}" o:title="" {vml}/></v:shape></w:pict>'
            )
        )
    document.add_paragraph("两年来开放 96 次。")
    document.save(str(site / name))
    photo.unlink()
    return site / name


def imported_photo(site: Path, name: str, capsys) -> Path:
    assert main(["import", name]) == 0
    assert "photo1.jpg 在 Word 里裁剪过" in capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    (photo,) = index.parent.glob("photo*")
    return photo


def test_a_picture_cropped_in_vml_is_imported_as_it_shows(site: Path, capsys) -> None:
    """Older Word and WPS write a picture as VML: its crop in a fraction (0.1), 65536ths
    (13107f) or a percentage, each side by its own name."""
    made = word_file_with_cropped_photo(
        site, signed_photo(site / "签到.jpg"), "旧版.docx", vml='cropleft="5%" croptop="0.1" cropbottom="13107f"'
    )
    photo = imported_photo(site, made.name, capsys)
    with Image.open(photo) as image:
        assert image.size == (1520, 840)  # 5 % off the left, 10 % off the top, 20 % off the bottom
    assert red_pixels(photo) == 0


def test_a_cropped_photo_is_cut_as_it_stands_upright(site: Path, capsys) -> None:
    """A phone's photo stored on its side with an EXIF orientation: Word shows it upright and
    crops the upright picture; the band at its (upright) bottom is what the worker cut away."""
    upright = site / "upright.jpg"
    signed_photo(upright)
    with Image.open(upright) as image:
        exif = Image.Exif()
        exif[0x0112] = 6  # turn 90° clockwise to show it
        image.rotate(90, expand=True).save(site / "签到.jpg", "JPEG", quality=90, exif=exif.tobytes())
    upright.unlink()
    made = word_file_with_cropped_photo(site, site / "签到.jpg", "竖拍.docx", rect={"b": "20000"})
    photo = imported_photo(site, made.name, capsys)
    with Image.open(photo) as image:
        assert image.size == (1600, 960)
    assert red_pixels(photo) == 0


def test_a_negative_or_unreadable_crop_hides_nothing(site: Path, capsys) -> None:
    """A negative side pads the picture out (no part of it is left out); a side that is not
    a number crops nothing; the other sides are cut as written."""
    made = word_file_with_cropped_photo(site, signed_photo(site / "签到.jpg"), "负数.docx", rect={"l": "-10000", "r": "x", "b": "25000"})
    photo = imported_photo(site, made.name, capsys)
    with Image.open(photo) as image:
        assert image.size == (1600, 900)
    assert red_pixels(photo) == 0


# -- a mutation audit of the reader's unseen text and Word's own alt text ---------------------


def test_what_counts_as_white_or_tiny_text(site: Path, capsys) -> None:
    """White runs in a row are one stretch (an empty run between them too); lower-case white is
    white; 2-point text is small, not unseen; a theme colour Word shows (accent1) whatever the
    white it cached is kept, and so is white on a run's own shading."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    def colour(run, value: str, theme: str | None = None) -> None:
        element = OxmlElement("w:color")
        element.set(qn("w:val"), value)
        if theme:
            element.set(qn("w:themeColor"), theme)
        run._r.get_or_add_rPr().append(element)

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    paragraph = document.add_paragraph("每周六上午开放。")
    paragraph.add_run("白字一：张桂英").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    paragraph.add_run()  # an empty run, as Word leaves them
    paragraph.add_run("白字二：住3栋502").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    paragraph.add_run("志愿者陪孩子读书。")
    colour(document.add_paragraph().add_run("小写白字：钥匙在门卫"), "ffffff")
    document.add_paragraph().add_run("两磅小字保留").font.size = Pt(2)
    colour(document.add_paragraph().add_run("主题色字保留"), "FFFFFF", "accent1")
    shaded = document.add_paragraph().add_run("底纹白字保留")
    shaded.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:fill"), "1F3864")
    shaded._r.get_or_add_rPr().append(fill)
    text, report = imported(document, site / "白字.docx", capsys)
    assert "张桂英" not in text and "502" not in text and "钥匙" not in text, text
    assert "每周六上午开放。志愿者陪孩子读书。" in text, text
    assert all(kept in text for kept in ("两磅小字保留", "主题色字保留", "底纹白字保留")), text
    assert "文件里有 2 处白色或极小（1 磅以下）的字，打开文件、打印出来都看不见，没有导入。" in report, report


def test_white_text_on_a_coloured_page_is_kept(site: Path, capsys) -> None:
    """Design > Page Colour: white text shows on it."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph().add_run("深色页面上的白字保留").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    document.add_paragraph("两年来开放 96 次。")
    background = OxmlElement("w:background")
    background.set(qn("w:color"), "1F3864")
    document.element.insert(0, background)
    document.save(str(site / "深色.docx"))
    assert main(["import", "深色.docx"]) == 0
    report = capsys.readouterr().out
    (index,) = (site / "cases").glob("*/*/index.md")
    assert "深色页面上的白字保留" in index.read_text(encoding="utf-8")
    assert "白色或极小" not in report, report


def test_every_kind_of_alt_text_word_fills_in_is_no_caption(site: Path, capsys) -> None:
    """A phone's file name in capitals, other picture kinds, a network share's path, and Word's
    made-up descriptions in its other wordings."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm

    machine = (
        "IMG_20230512_093000.JPG",
        "微信图片_20230512.png",
        "DSC0001.HEIC",
        "微信图片_20230512093000.jfif",  # a mutation audit: .jfif and .avif names were published as captions
        "IMG_0001.avif",
        r"\\NAS\照片\低保户王某家\a.jfif",
        "c:/Users/zhangsan/a.bmp",
        "一群人站在房间里 自动生成的说明",
        "Description automatically generated",
        "AI 生成的内容可能不正确。",
    )
    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph("每周六上午，书屋向居民开放。")
    signed_photo(site / "a.jpg")
    for alt in (*machine, "志愿者陪孩子读书"):
        document.add_picture(str(site / "a.jpg"), width=Cm(12))
        document.paragraphs[-1]._p.find(".//" + qn("wp:docPr")).set("descr", alt)
    text, report = imported(document, site / "可选文字.docx", capsys, gone=site / "a.jpg")
    for number in range(1, len(machine) + 1):
        assert f"![](photo{number}.jpg)" in text and f"photo{number}.jpg 的“可选文字”是 Word 自动填写的" in report, (number, text)
    assert f"![志愿者陪孩子读书](photo{len(machine) + 1}.jpg)" in text
    assert "低保户" not in report and "zhangsan" not in report


def test_a_picture_in_hidden_text_is_not_imported(site: Path, capsys) -> None:
    """A simplicity review: a picture whose run Word hides (Font > Hidden) was taken out of the
    text read, but hidden runs were counted by their text alone, so with no hidden words the
    file went to the converter as sent, and the hidden picture was imported and published."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.add_heading("社区书屋开放日", level=1)
    document.add_paragraph("每周六上午，书屋向居民开放。")
    signed_photo(site / "签到.jpg")
    document.add_picture(str(site / "签到.jpg"), width=Cm(12))
    for run in document.paragraphs[-1].runs:
        run.font.hidden = True
    document.add_paragraph("志愿者陪孩子读书。")
    text, _report = imported(document, site / "隐藏图片.docx", capsys, gone=site / "签到.jpg")
    assert "photo1.jpg" not in text and "![" not in text, text
    (folder,) = (site / "cases").glob("*/*/")
    assert not list(folder.glob("photo*")) and "书屋向居民开放" in text
