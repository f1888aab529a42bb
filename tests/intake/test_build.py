"""The whole way: a form imported, set to review, approved, built into the site with its
photos stripped of EXIF and GPS (the photo pipeline's work, proven on imported photos)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from PIL import Image
from showcase.cli import main
from showcase.core.collection.taxonomy import load_taxonomy
from showcase.core.outputs.form import form_bytes

from tests.support.build import build_site
from tests.support.images import MAKE, assert_clean

from .conftest import EXPECTED, ROOT


def test_an_imported_draft_approved_builds_with_clean_photos(by_python_docx: Path, site: Path, capsys) -> None:
    shutil.copy(by_python_docx, site / "申报表.docx")
    shutil.copy(ROOT / "CONTRIBUTING.md", site / "CONTRIBUTING.md")  # the guide, published at /guide/
    assert main(["import", "申报表.docx"]) == 0
    folder = site / "cases/湖南省" / EXPECTED["id"]
    with Image.open(by_python_docx.parent / "p0.jpg") as pasted, Image.open(folder / "photo1.jpg") as kept:
        assert pasted.getexif().get_ifd(0x8825)  # the photo pasted into Word: GPS and all
        assert not kept.getexif().get_ifd(0x8825) and MAKE.encode() not in (folder / "photo1.jpg").read_bytes()  # not in the repository
        assert kept.tobytes() == pasted.tobytes()  # the same picture: metadata cut out, nothing re-encoded
    index = folder / "index.md"
    text = index.read_text(encoding="utf-8").replace("## 经验启示\n\n【请填写】经验启示。", "## 经验启示\n\n饭要热，心更要热。")
    index.write_text(text.replace("status: draft", "status: review"), encoding="utf-8")
    assert main(["check", "cases"]) == 0, capsys.readouterr().out  # ready for review: no placeholder left
    # approved by the reviewing unit with the command editors use (it keeps the import's comments)
    assert main(["approve", str(folder), "--reviewer", "岳麓区民政局", "--date", "2025-02-01"]) == 0, capsys.readouterr()
    approved = index.read_text(encoding="utf-8")
    assert "status: published" in approved and "reviewer: 岳麓区民政局" in approved and "由 showcase import" in approved
    assert main(["check", "cases"]) == 0, capsys.readouterr().out
    built = build_site(site)
    page = built / "cases" / EXPECTED["id"]
    html = (page / "index.html").read_text(encoding="utf-8")
    assert "红马甲助老服务队：让空巢老人吃上热饭" in html and "老人们在长者饭堂吃饭" in html
    published = [p for p in page.rglob("*") if p.is_file() and p.suffix != ".html"]
    assert len(published) >= 4  # cover and body photo, WebP and JPEG
    for path in published:
        assert path.name == "cover.jpg" or re.fullmatch(r"(photo[12]|share)-[0-9a-f]{10}(-\d+)?\.(webp|jpg)", path.name), (
            path
        )  # no original
        assert_clean(path)
    assert "13812345678" not in html and "张晓红" not in html
    # the site publishes the form, generated from its taxonomy, and links it from the guide and the about page
    form = built / "downloads" / "案例申报表.docx"
    assert form.read_bytes() == form_bytes(load_taxonomy())  # the same bytes every build
    link = 'href="../downloads/%E6%A1%88%E4%BE%8B%E7%94%B3%E6%8A%A5%E8%A1%A8.docx"'
    for page in ("about", "guide"):
        assert link in (built / page / "index.html").read_text(encoding="utf-8"), page
