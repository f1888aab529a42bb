"""案例汇编 of N generated cases: WeasyPrint against headless Chromium, and Word.

    python scripts/bench_booklet.py [--cases 100]
    python scripts/bench_booklet.py --site 1000

``--site N``: what the plugin option ``booklets: true`` adds to a site build (issue 19):
N generated cases with photos in a copy of this project (``scripts/bench.py``'s
``make_project``), one warm-up build to fill the image, body and card caches both
builds share, then ``mkdocs build`` without and with ``booklets: true``, each timed
as a subprocess; the booklet cache is empty (cold) for the build with booklets. Prints
both times, the difference and how many booklets (PDF and Word) were made.

Generates N cases (scripts/gen_cases.py), gives each a cover photo and a body photo
from the sample collection, prepares them once (photos through the image cache) and
then lays the same booklet out three ways, timing each:

- PDF through WeasyPrint (what `showcase booklet` uses);
- PDF through `chromium --headless --print-to-pdf` from the same HTML and stylesheet;
- Word through python-docx.

For each PDF: pages, size, whether every font is embedded, and whether the contents
page has a page number for every case (fidelity: Chromium has no `target-counter()`).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from gen_cases import generate  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from showcase.core.collection.loading import load_collection  # noqa: E402
from showcase.core.collection.taxonomy import load_taxonomy  # noqa: E402
from showcase.core.media.photos import ImageOptions  # noqa: E402
from showcase.core.outputs.booklet.content import prepare  # noqa: E402
from showcase.core.outputs.booklet.docx import write_docx  # noqa: E402
from showcase.core.outputs.booklet.layout import estimate, laid_out, soffice  # noqa: E402
from showcase.core.outputs.booklet.pdf import booklet_html, write_pdf  # noqa: E402
from showcase.core.outputs.booklet.select import select  # noqa: E402
from showcase.core.outputs.feeds import SiteInfo  # noqa: E402
from showcase.core.site.index import SiteIndex  # noqa: E402
from showcase.core.site.texts import load_texts  # noqa: E402


def add_photos(root: Path) -> None:
    photos = sorted(ROOT.glob("cases/*/*/photo*.jpg"))
    for n, index in enumerate(sorted(root.glob("*/*/index.md"))):
        shutil.copy(photos[n % len(photos)], index.parent / "photo1.jpg")
        shutil.copy(photos[(n + 7) % len(photos)], index.parent / "photo2.jpg")
        text = index.read_text(encoding="utf-8")
        head, sep, body = text.partition("\n---\n")
        index.write_text(head + "\ncover: photo1.jpg" + sep + body + "\n\n![活动现场](photo2.jpg)\n", encoding="utf-8")


def pdf_facts(path: Path, count: int) -> str:
    reader = PdfReader(str(path))
    embedded = True
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in font else font.get("/FontDescriptor")
            )
            embedded &= descriptor is not None and any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    contents = "".join(reader.pages[n].extract_text() for n in range(1, min(len(reader.pages), 6)))
    numbered = len(re.findall(r"\.{3,}\s*\d+", contents))
    return f"{len(reader.pages)} pages, {path.stat().st_size / 1048576:.1f} MB, fonts embedded: {embedded}, contents entries with a page number: {numbered}/{count}"


def site_build(n: int) -> int:
    from bench import PY, make_project, run

    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        config = make_project(project)
        generate(project / "cases", n, seed=1)
        add_photos(project / "cases")
        text = config.read_text(encoding="utf-8")
        assert "      sample_tag: 示例" in text
        urls = run([PY, "-m", "showcase", "-f", "mkdocs.yml", "urls", "--update", "cases"], project)
        if urls.status != 0:
            raise SystemExit(f"showcase urls --update failed:\n{urls.log[-4000:]}")
        cache = project / ".cache/showcase/booklets"

        def build(booklets: bool):
            options = f"      sample_tag: 示例\n      booklets: {'true' if booklets else 'false'}"
            config.write_text(text.replace("      sample_tag: 示例", options), encoding="utf-8")
            shutil.rmtree(project / "site", ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)  # cold: every booklet is made
            result = run([PY, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site"], project)
            if result.status != 0:
                raise SystemExit(f"build failed:\n{result.log[-4000:]}")
            return result

        warm = build(False)
        print(f"{n} cases; warm-up build (fills the image, body and card caches): {warm.wall:.1f} s")
        without = build(False)
        with_ = build(True)
        made = sorted(cache.glob("*.*")) if cache.is_dir() else []
        pdfs, words = sum(p.suffix == ".pdf" for p in made), sum(p.suffix == ".docx" for p in made)
        print(f"without booklets: {without.wall:.1f} s wall, {without.cpu:.1f} s CPU, peak {without.rss_mb:.0f} MB")
        print(f"with booklets:    {with_.wall:.1f} s wall, {with_.cpu:.1f} s CPU, peak {with_.rss_mb:.0f} MB")
        size = sum(p.stat().st_size for p in made) / 1048576
        print(
            f"booklets: true adds {with_.wall - without.wall:.1f} s ({with_.wall / without.wall:.2f}×): {pdfs} PDF + {words} Word booklets, {size:.0f} MB"
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument("--site", type=int, metavar="N", help="measure `booklets: true` in a site build of N cases instead")
    args = parser.parse_args()
    if args.site:
        return site_build(args.site)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        generate(tmp / "cases", args.cases, seed=1)
        add_photos(tmp / "cases")
        collection = load_collection(tmp / "cases")
        index = SiteIndex(collection.cases, load_taxonomy())
        selection = select(index, title="基准测试案例汇编")
        texts = load_texts()
        site = SiteInfo(title="案例展示", base_url="https://example.org/")
        images = ImageOptions(cache_dir=ROOT / ".cache/showcase/images")
        started = time.perf_counter()
        booklet = prepare(selection, site=site, organizer="某某市民政局", texts=texts, images=images)
        print(f"{len(selection.cases)} cases prepared (photos from the cache) in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        write_pdf(booklet, tmp / "weasyprint.pdf")
        print(f"WeasyPrint: {time.perf_counter() - started:.1f} s; {pdf_facts(tmp / 'weasyprint.pdf', len(selection.cases))}")

        html = tmp / "booklet.html"
        html.write_text(booklet_html(booklet), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            [CHROMIUM, *CHROMIUM_ARGS, "--headless", "--no-pdf-header-footer", f"--print-to-pdf={tmp / 'chromium.pdf'}", html.as_uri()],
            check=True,
            capture_output=True,
            timeout=900,
        )
        print(f"Chromium:   {time.perf_counter() - started:.1f} s; {pdf_facts(tmp / 'chromium.pdf', len(selection.cases))}")

        started = time.perf_counter()
        write_docx(booklet, tmp / "booklet.docx")
        print(
            f"Word:       {time.perf_counter() - started:.1f} s; {(tmp / 'booklet.docx').stat().st_size / 1048576:.1f} MB (contents page numbers estimated)"
        )
        office = soffice()
        if office is None:
            print("Word + LibreOffice layout: skipped (LibreOffice is not installed)")
        else:
            started = time.perf_counter()
            numbers = write_docx(booklet, tmp / "laid-out.docx", office=office)
            spent = time.perf_counter() - started
            real = laid_out(tmp / "laid-out.docx", booklet.entries, office) or []
            guess = estimate(booklet)
            off = [abs(a - b) for a, b in zip(guess, real, strict=False)]
            print(
                f"Word + LibreOffice layout: {spent:.1f} s ({numbers}); the estimate against it: "
                f"{sum(d == 0 for d in off)} exact, {sum(d == 1 for d in off)} off by one, largest difference {max(off, default=0)}"
            )
        keep = ROOT / ".cache/bench-booklet"
        keep.mkdir(parents=True, exist_ok=True)
        for name in ("weasyprint.pdf", "chromium.pdf", "booklet.docx"):
            shutil.copy(tmp / name, keep / name)
        print(f"files kept in {keep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
