"""The image cache cannot lie: what the site publishes is what the pipeline made.

Real ``mkdocs build`` runs in a temporary project. A cached rendition or share card cut
short (as a killed build or a full disk leaves it), or a rendition replaced by a photo
still carrying GPS coordinates, is made again before it is published, and the build
says which file it repaired without failing ``--strict``. Two builds of one project at
once (into two site folders, or into the same one) both succeed with the same files,
also when several cases share one share card.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.support.build import ENV, mkdocs_build, site_files
from tests.support.images import assert_clean, phone_jpeg
from tests.support.project import configure, make_project, project_folder, write_case

BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d"]
SITE_URL = "https://anli.example.org/showcase/"
SAME_NUMBERS = (2, 8, 14, 20, 26)  # the same theme (number % 6)
SAME_CARD = {"title": "同一张分享图的社区互助案例", "organization": {"name": "同名志愿服务队", "category": "gongyi-cishan"}}


def start(project: Path, site: str) -> subprocess.Popen:
    return subprocess.Popen([*BUILD, site], cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def build(project: Path, site: str) -> str:
    done = mkdocs_build(project, site)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


def fresh_project(root: Path) -> Path:
    project = make_project(root)
    configure(project, SITE_URL, image_workers=2)
    cases = project / "cases"
    one = write_case(cases, "img-001", 1)
    phone_jpeg(one.parent / "photo1.jpg", size=(2000, 1500), noise=40)
    two = write_case(cases, "img-002", 3)
    phone_jpeg(two.parent / "photo1.jpg", size=(1200, 900), noise=40, seed=2)
    # Cases whose share cards are the same picture (same words, theme, no cover).
    for n, number in enumerate(SAME_NUMBERS):
        write_case(cases, f"same-00{n}", number, cover=None, **SAME_CARD)
    return project


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    with project_folder("cache-integrity-") as folder:
        project = fresh_project(folder)
        (project / "first.log").write_text(build(project, "site-first"), encoding="utf-8")
        yield project


def cache(project: Path) -> Path:
    return project / ".cache" / "showcase" / "images"


def cover_rendition(project: Path, width: int) -> tuple[Path, Path]:
    """(the published cover rendition of img-001 at ``width``, its file in the cache)."""
    published = next((project / "site-first" / "cases" / "img-001").glob(f"photo1-*-{width}.jpg"))
    key = published.name.split("-")[1]
    entry = next(cache(project).glob(f"{key[:2]}/{key}*"))
    return published, entry / f"{width}.jpg"


def share_card(project: Path) -> tuple[str, Path]:
    published = next((project / "site-first" / "cases" / "same-000").glob("share-*.jpg"))
    key = published.stem.removeprefix("share-")
    return published.relative_to(project / "site-first").as_posix(), next(cache(project).glob(f"share/{key[:2]}/{key}*.jpg"))


def decodes_fully(path: Path) -> None:
    with Image.open(path) as image:
        image.load()  # raises on a truncated file


def test_identical_share_cards_are_drawn_once_and_published_for_each_case(project: Path) -> None:
    cards = {next((project / "site-first" / "cases" / f"same-00{n}").glob("share-*.jpg")).read_bytes() for n in range(len(SAME_NUMBERS))}
    assert len(cards) == 1
    assert len(list(cache(project).glob("share/*/*.jpg"))) == 4  # img-001, img-002, the shared one and the site's own
    assert "分享图 7 张：缓存 0，新绘制 3" in (project / "first.log").read_text(encoding="utf-8")


def test_truncated_rendition_and_share_card_are_made_again_and_said_so(project: Path) -> None:
    _, rendition = cover_rendition(project, 960)
    card_url, card = share_card(project)
    whole = {rendition: rendition.read_bytes(), card: card.read_bytes()}
    for path, data in whole.items():
        os.truncate(path, len(data) // 2)  # in place, as a killed write leaves it
    log = build(project, "site-truncated")  # --strict: a repaired cache is no author's fault
    site = project / "site-truncated"
    published = next((site / "cases" / "img-001").glob("photo1-*-960.jpg"))
    for path in (published, site / card_url):
        decodes_fully(path)
    assert published.read_bytes() == whole[rendition] and (site / card_url).read_bytes() == whole[card]
    assert rendition.read_bytes() == whole[rendition] and card.read_bytes() == whole[card]  # the cache repaired
    assert f"INFO    -  showcase: 已重新生成损坏的缓存文件 {rendition.relative_to(project)}：大小" in log
    assert f"已重新生成损坏的缓存文件 {card.relative_to(project)}：大小" in log
    assert "WARNING" not in log


def test_a_rendition_replaced_by_a_photo_with_gps_is_not_published(project: Path) -> None:
    _, rendition = cover_rendition(project, 480)
    planted = rendition.with_name("planted.jpg")
    phone_jpeg(planted, size=(480, 360))
    with Image.open(planted) as image:
        assert image.getexif().get_ifd(0x8825)  # the planted file does carry GPS
    os.replace(planted, rendition)  # replaced whole: size and name as before would not matter
    log = build(project, "site-gps")
    published = next((project / "site-gps" / "cases" / "img-001").glob("photo1-*-480.jpg"))
    assert_clean(published)
    with Image.open(published) as image:
        assert not image.getexif() and image.size == (480, 360)
    assert f"已重新生成损坏的缓存文件 {rendition.relative_to(project)}：" in log


def test_an_old_manifest_without_records_is_made_again(project: Path) -> None:
    _, rendition = cover_rendition(project, 480)
    manifest = rendition.parent / "manifest.json"
    manifest.write_text(json.dumps({"sizes": json.loads(manifest.read_text(encoding="utf-8"))["sizes"]}), encoding="utf-8")
    log = build(project, "site-old")
    assert f"{(rendition.parent / '480.webp').relative_to(project)}：没有记录大小和校验值" in log
    assert "files" in json.loads(manifest.read_text(encoding="utf-8"))


def test_fifos_put_in_the_cache_are_entries_made_again_not_a_build_that_waits(project: Path) -> None:
    # A FIFO under an entry's name: opening it for reading would wait for a writer for ever.
    _, rendition = cover_rendition(project, 960)
    _, card = share_card(project)
    bodies = sorted((project / ".cache" / "showcase" / "bodies").glob("*/*.json"))
    planted = [
        project / ".cache" / "showcase" / "qr.json",
        card.with_suffix(".json"),  # the card's record
        rendition.parent / "manifest.json",
        bodies[0],
    ]
    for path in planted:
        path.unlink()
        os.mkfifo(path)
    done = mkdocs_build(project, "site-fifo", timeout=180)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    log = done.stderr
    assert "qr.json：无法读取或内容不完整" in log
    assert f"{card.relative_to(project)}：没有记录大小和校验值" in log
    assert f"{(rendition.parent / 'manifest.json').relative_to(project)}：清单无法读取" in log
    assert f"{bodies[0].relative_to(project)}：无法读取或内容不完整" in log
    assert all(path.is_file() for path in planted)  # each one made again, a regular file
    assert "WARNING" not in log


@pytest.mark.parametrize("same_folder", [False, True], ids=["two-site-folders", "one-site-folder"])
def test_two_builds_at_once_with_an_empty_cache_both_succeed(tmp_path: Path, same_folder: bool) -> None:
    project = fresh_project(tmp_path)
    sites = ["site-a", "site-a" if same_folder else "site-b"]
    runs = [start(project, site) for site in sites]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err[-3000:]
    if same_folder:
        assert any(f"另一个构建正在写入 {project / 'site-a'}，等它结束" in err for _, err in outputs)
        build(project, "site-b")  # from the cache they filled together
    a, b = site_files(project / "site-a"), site_files(project / "site-b")
    assert a == b and len(a) > 20
    for name in a:
        if name.endswith((".jpg", ".webp")):
            decodes_fully(project / "site-a" / name)
    assert not list(cache(project).rglob("*.tmp"))


def test_a_rendition_is_keyed_by_the_code_that_made_it(monkeypatch):
    """A code review: the renditions' key was a PIPELINE_VERSION never raised, so that a cache
    restored from an earlier commit (the publishing workflow's restore-keys) gave photos the
    code before had made. The key holds the text of the module that makes them."""
    import hashlib

    from showcase.core.media import photos

    options = photos.ImageOptions(cache_dir=Path("unused"))
    assert hashlib.sha256(Path(photos.__file__).read_bytes()).hexdigest() == photos._PIPELINE_CODE
    before = options.fingerprint()
    monkeypatch.setattr(photos, "_PIPELINE_CODE", hashlib.sha256(b"another version of photos.py").hexdigest())
    assert options.fingerprint() != before
