"""``showcase booklet`` on a real project: Word read back by python-docx and rendered by
LibreOffice, PDF read back by pypdf; pages looked at as images (pdftoppm)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from showcase.cli import main as showcase
from showcase.core.collection.loading import load_collection

from .conftest import SITE_URL

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")


@pytest.fixture(scope="module")
def expected(project) -> list:
    """The published 便民服务 cases of the project, as the booklet orders them (date, then id)."""
    cases = [c for c in load_collection(project.root / "cases").cases if c.is_published and any(t.key == "bianmin-fuwu" for t in c.themes)]
    assert len(cases) >= 2
    from showcase.core.collection.taxonomy import load_taxonomy

    order = {t.key: n for n, t in enumerate(load_taxonomy().themes)}
    return sorted(cases, key=lambda c: (order[c.primary_theme.key], c.date, c.id))


@pytest.fixture(scope="module")
def booklets(project, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("booklets")
    made = {}
    for fmt in ("docx", "pdf"):
        path = out / f"x.{fmt}"
        said = io.StringIO()
        with contextlib.redirect_stdout(said):
            assert showcase(["-f", str(project.config), "booklet", "--theme", "bianmin-fuwu", "-o", str(path)]) == 0
        made[fmt] = path
        (out / f"said-{fmt}.txt").write_text(said.getvalue(), encoding="utf-8")
    return made


def originals(cases) -> set[str]:
    return {
        hashlib.sha256(p.read_bytes()).hexdigest()
        for c in cases
        for p in c.folder.iterdir()
        if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".heic")
    }


def plain(text: str) -> str:
    """Text as compared: without spaces, line ends and quotes (extraction puts quotes drawn
    from another font apart from their words)."""
    return re.sub(r"[\s“”‘’\"']", "", text)


def blank_share(png: Path) -> float:
    """Share of the page that is white (1.0: an empty page)."""
    histogram = Image.open(png).convert("L").histogram()
    return sum(histogram[246:]) / sum(histogram)


def test_word_booklet_has_one_heading_per_case_pictures_and_a_toc_field(booklets, expected):
    document = docx.Document(str(booklets["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{n}. {c.title}" for n, c in enumerate(expected, start=1)]
    assert len(document.inline_shapes) >= 2 * len(expected)  # a cover photo and a QR code each, at least
    xml = zipfile.ZipFile(booklets["docx"]).read("word/document.xml").decode()
    assert 'TOC \\o "1-1" \\h \\z \\u' in xml
    assert all(f"{n}. {c.title}" in xml.split("PAGEREF")[0] + xml for n, c in enumerate(expected, 1))  # entries written
    settings = zipfile.ZipFile(booklets["docx"]).read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings
    fonts = zipfile.ZipFile(booklets["docx"]).read("word/fontTable.xml").decode()
    assert 'w:name="宋体"' in fonts and 'w:val="SimSun"' in fonts
    assert len(document.sections) == 1 + len(expected)  # the front matter, then one section per case


def test_word_booklet_holds_no_original_photo(booklets, expected):
    with zipfile.ZipFile(booklets["docx"]) as archive:
        media = [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]
    assert len(media) >= len(expected)
    assert not {hashlib.sha256(m).hexdigest() for m in media} & originals(expected)


def test_libreoffice_renders_the_word_booklet_with_chinese_text(booklets, expected, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: run `make test` (it installs libreoffice-writer-nogui through apt-get)")
    profile = (tmp_path / "profile").as_uri()  # its own profile: another soffice may be running
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(booklets["docx"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    rendered = tmp_path / "x.pdf"
    reader = pypdf.PdfReader(str(rendered))
    assert len(reader.pages) >= 2 + len(expected)
    text = plain("".join(page.extract_text() for page in reader.pages))
    for case in expected:
        assert plain(case.title) in text
        assert f"{SITE_URL}cases/{case.id}/" in text  # the permalink, absolute
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "3", str(rendered), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3
    for png in pages:
        assert blank_share(png) < 0.995, f"{png.name} is empty"


def test_pdf_booklet_has_titles_contents_page_numbers_and_embedded_fonts(booklets, expected, tmp_path):
    reader = pypdf.PdfReader(str(booklets["pdf"]))
    assert len(reader.pages) >= 2 + len(expected)
    texts = [plain(page.extract_text()) for page in reader.pages]
    contents = texts[1]
    for n, case in enumerate(expected, start=1):
        title = plain(case.title)
        assert any(title in t for t in texts[2:]), case.title
        assert re.search(rf"{n}\.{re.escape(title[:8])}.*?\.\s*(\d+)", contents), f"no page number for {case.title}"
    fonts = 0
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font else font.get("/FontDescriptor")
            )
            assert descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
            fonts += 1
    assert fonts
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "3", str(booklets["pdf"]), str(tmp_path / "page")], check=True)
    for png in sorted(tmp_path.glob("page-*.png")):
        assert blank_share(png) < 0.995, f"{png.name} is empty"


def test_booklet_refuses_an_unknown_theme_and_writes_nothing(project, tmp_path, capsys):
    out = tmp_path / "x.docx"
    assert showcase(["-f", str(project.config), "booklet", "--theme", "no-such-theme", "-o", str(out)]) == 2
    assert "没有实践主题“no-such-theme”" in capsys.readouterr().err
    assert not out.exists()
    assert showcase(["-f", str(project.config), "booklet", "--theme", "bianmin-fuwu", "-o", str(tmp_path / "x.txt")]) == 2


def test_booklet_to_a_folder_is_one_line_and_leaves_nothing(project, expected, tmp_path, capsys):
    # -o naming a folder: one line naming it (was a traceback from the final rename), no temporary left.
    (tmp_path / "ids.txt").write_text(expected[0].id + "\n", encoding="utf-8")
    (tmp_path / "out.pdf").mkdir()
    code = showcase(["-f", str(project.config), "booklet", "--ids", str(tmp_path / "ids.txt"), "-o", str(tmp_path / "out.pdf")])
    assert code == 1
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.startswith(f"showcase: 无法写入 {tmp_path / 'out.pdf'}（这是一个文件夹") and "Error" not in last, last
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ids.txt", "out.pdf"]


def test_collection_booklet_keeps_the_collection_order(project, tmp_path):
    from .conftest import JINGPIN

    out = tmp_path / "c.docx"
    assert showcase(["-f", str(project.config), "booklet", "--collection", "jingpin", "-o", str(out)]) == 0
    titles = {c.id: c.title for c in load_collection(project.root / "cases").cases}
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{n}. {titles[i]}" for n, i in enumerate(JINGPIN, start=1)]


def rendered_pages(docx_path: Path, titles: list[str], work: Path) -> tuple[list[int], list[str]]:
    """Convert ``docx_path`` with LibreOffice; the page (1-based) where each title's text
    first appears from page 3 on, and every page's text."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: run `make test` (it installs libreoffice-writer-nogui through apt-get)")
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = pypdf.PdfReader(str(work / f"{docx_path.stem}.pdf"))
    texts = [plain(page.extract_text()) for page in reader.pages]
    pages = [next(n for n, t in enumerate(texts, start=1) if n > 2 and plain(title)[:12] in t) for title in titles]
    return pages, texts


def toc_numbers(docx_path: Path) -> list[str]:
    """The cached result of each PAGEREF field of the contents, in order."""
    xml = zipfile.ZipFile(docx_path).read("word/document.xml").decode()
    return re.findall(r"PAGEREF _Toc_sc_\d+ \\h </w:instrText>.*?<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>(\d*)</w:t>", xml)


def test_word_contents_page_numbers_are_where_libreoffice_renders_each_case(booklets, expected, tmp_path, capsys):
    said = booklets["docx"].with_name("said-docx.txt").read_text(encoding="utf-8")
    assert "目录页码已按 LibreOffice 的排版写入" in said
    numbers = toc_numbers(booklets["docx"])
    assert len(numbers) == len(expected)
    pages, texts = rendered_pages(booklets["docx"], [c.title for c in expected], tmp_path)
    assert [int(n) for n in numbers] == pages
    contents = texts[1]  # as a reader that does not update fields shows it
    for n, (case, page) in enumerate(zip(expected, pages, strict=True), start=1):
        # the number, then the next entry or the page's footer (第 2 页)
        assert re.search(rf"{n}\.{re.escape(plain(case.title)[:8])}.*?\.{{3,}}{page}(?={n + 1}\.|第|$)", contents), case.title
    xml = zipfile.ZipFile(booklets["docx"]).read("word/document.xml").decode()
    assert 'TOC \\o "1-1" \\h \\z \\u' in xml
    assert '<w:updateFields w:val="true"/>' in zipfile.ZipFile(booklets["docx"]).read("word/settings.xml").decode()


def test_without_libreoffice_the_contents_numbers_are_estimated_and_said_so(project, expected, tmp_path, monkeypatch, capsys):
    from showcase.core.outputs.booklet import layout

    monkeypatch.setattr(layout, "soffice", lambda: None)
    out = tmp_path / "est.docx"
    assert showcase(["-f", str(project.config), "booklet", "--theme", "bianmin-fuwu", "-o", str(out)]) == 0
    assert "目录页码是估算的" in capsys.readouterr().out
    numbers = [int(n) for n in toc_numbers(out)]
    assert len(numbers) == len(expected)
    assert numbers == sorted(numbers) and numbers[0] >= 3
    monkeypatch.undo()
    pages, _ = rendered_pages(out, [c.title for c in expected], tmp_path)
    assert all(abs(a - b) <= 1 for a, b in zip(numbers, pages, strict=True)), (numbers, pages)


def test_the_estimate_follows_libreoffice_over_long_generated_cases(tmp_path):
    """Twelve generated cases of about 2,000 characters (three or four pages each, without
    photos): the estimate drifts here if the model of a line or a page is wrong, while the
    sample's short cases leave room at the foot of every last page."""
    from gen_cases import generate  # scripts/, on the import path through pyproject's pythonpath
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.media.photos import ImageOptions
    from showcase.core.outputs.booklet.content import prepare
    from showcase.core.outputs.booklet.docx import write_docx
    from showcase.core.outputs.booklet.select import select
    from showcase.core.outputs.feeds import SiteInfo
    from showcase.core.site.index import SiteIndex
    from showcase.core.site.texts import load_texts

    generate(tmp_path / "cases", 12, seed=3)
    cases = load_collection(tmp_path / "cases").cases
    selection = select(SiteIndex(cases, load_taxonomy()), title="长案例")
    booklet = prepare(
        selection,
        site=SiteInfo(title="x", base_url=SITE_URL),
        organizer="",
        texts=load_texts(),
        images=ImageOptions(cache_dir=tmp_path / "images"),
    )
    out = tmp_path / "long.docx"
    assert write_docx(booklet, out) == "estimate"
    numbers = [int(n) for n in toc_numbers(out)]
    pages, _ = rendered_pages(out, [e.case.title for e in booklet.entries], tmp_path)
    assert pages[-1] - pages[0] >= 3 * (len(pages) - 1)  # long enough to drift
    assert all(abs(a - b) <= 1 for a, b in zip(numbers, pages, strict=True)), (numbers, pages)
