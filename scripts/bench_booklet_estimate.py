"""How far the Word booklet's estimated contents page numbers are from LibreOffice's layout.

    python scripts/bench_booklet_estimate.py [--site-url URL] [--generated N] [--photos N]

Without LibreOffice a .docx booklet's contents carry page numbers estimated by
``core/outputs/booklet/layout.py``. This lays out the sample's 34 published cases, its 14
便民服务 cases and (optionally) N generated long cases and N generated cases with two photos
each, with and without a ``site_url`` (QR codes in the permalink box), and prints for
each booklet how many cases start on the estimated page, one page off, or more.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "plugins"))

from bench_booklet import add_photos  # noqa: E402
from gen_cases import generate  # noqa: E402
from showcase.core.collection.loading import load_collection  # noqa: E402
from showcase.core.collection.taxonomy import load_taxonomy  # noqa: E402
from showcase.core.media.photos import ImageOptions  # noqa: E402
from showcase.core.outputs.booklet.content import prepare  # noqa: E402
from showcase.core.outputs.booklet.docx import write_docx  # noqa: E402
from showcase.core.outputs.booklet.layout import estimate, laid_out, soffice  # noqa: E402
from showcase.core.outputs.booklet.select import select  # noqa: E402
from showcase.core.outputs.feeds import SiteInfo  # noqa: E402
from showcase.core.site.index import SiteIndex  # noqa: E402
from showcase.core.site.texts import load_texts  # noqa: E402


def compare(name: str, cases: Path, work: Path, url: str, office: str, **chosen) -> None:
    selection = select(SiteIndex(load_collection(cases).cases, load_taxonomy()), **chosen)
    booklet = prepare(
        selection, site=SiteInfo(title="x", base_url=url), organizer="", texts=load_texts(), images=ImageOptions(cache_dir=work / "images")
    )
    out = work / f"{name}.docx"
    write_docx(booklet, out)
    found = laid_out(out, booklet.entries, office)
    if found is None:
        print(f"{name}: LibreOffice could not lay it out")
        return
    off = [f - e for e, f in zip(estimate(booklet), found, strict=True)]
    exact, one = sum(d == 0 for d in off), sum(abs(d) == 1 for d in off)
    print(
        f"{name:>22}: {len(off)} cases, {exact} exact, {one} one page off, {len(off) - exact - one} more; LibreOffice − estimate {off}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-url", default="https://wmsj.example.gov.cn/")
    parser.add_argument("--generated", type=int, default=30, help="long generated cases (0: none)")
    parser.add_argument("--photos", type=int, default=20, help="generated cases with two photos each (0: none)")
    args = parser.parse_args()
    office = soffice()
    if office is None:
        print("LibreOffice is not installed (make test installs it)")
        return 1
    with tempfile.TemporaryDirectory(prefix="booklet-estimate-") as folder:
        work = Path(folder)
        sets = [("sample", ROOT / "cases", {"title": "t"}), ("sample 便民服务", ROOT / "cases", {"theme": "bianmin-fuwu"})]
        if args.generated:
            generate(work / "long", args.generated, seed=3)
            sets.append((f"{args.generated} long", work / "long", {"title": "t"}))
        if args.photos:
            generate(work / "photos", args.photos, seed=4)
            add_photos(work / "photos")
            sets.append((f"{args.photos} with photos", work / "photos", {"title": "t"}))
        for url, label in ((args.site_url, "QR"), ("", "no QR")):
            for name, cases, chosen in sets:
                compare(f"{name}, {label}", cases, work, url, office, **chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
