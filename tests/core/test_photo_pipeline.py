"""The image pipeline on its own (core/media/photos.py): clean, upright, sized, cached, safe."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image, ImageFile
from showcase.core.media import photos as images
from showcase.core.media.photos import Failure, ImageOptions, Processed, Published, picture_html, process_images, rewrite_html
from showcase.core.progress import Progress, heartbeat
from showcase.core.site.sanitize import sanitize

from tests.support.images import (
    BLUE,
    COMMENT,
    MAKE,
    RED,
    assert_clean,
    bomb_png,
    counting_decodes,
    halves,
    phone_heic,
    phone_jpeg,
    png_with_alpha,
    truncated_jpeg,
)


def options(tmp_path: Path, **kw) -> ImageOptions:
    return ImageOptions(cache_dir=tmp_path / "cache", workers=kw.pop("workers", 1), **kw)


def only(results: dict, path: Path) -> Processed:
    result = results[path]
    assert isinstance(result, Processed), result
    return result


def near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=False))


def test_originals_really_carry_metadata(tmp_path):
    """The fixtures plant what the pipeline must remove (else the other tests prove nothing)."""
    data = phone_jpeg(tmp_path / "a.jpg", orientation=6).read_bytes()
    assert MAKE.encode() in data and COMMENT in data and b"ICC_PROFILE" in data and b"SecretCityXmp" in data
    with Image.open(tmp_path / "a.jpg") as image:
        assert image.getexif().get_ifd(0x8825)[2] == (23.0, 7.0, 30.0)  # GPS latitude


def test_metadata_gone_and_orientation_applied(tmp_path):
    src = phone_jpeg(tmp_path / "rotated.jpg", size=(800, 600), orientation=6)  # stored landscape, shown portrait
    result = only(process_images([src], options(tmp_path))[0], src)
    # Orientation 6: turn 90° clockwise to show, so the stored left (red) half ends on top.
    assert result.sizes == ((480, 640), (600, 800))
    for width, height in result.sizes:
        for ext in ("webp", "jpg"):
            path = result.file(width, ext)
            assert_clean(path)
            with Image.open(path) as image:
                assert image.size == (width, height) and image.mode == "RGB"
                assert near(image.getpixel((width // 2, height // 8)), RED), image.getpixel((width // 2, height // 8))
                assert near(image.getpixel((width // 2, height * 7 // 8)), BLUE)


def test_sizes_as_configured_never_upscaled(tmp_path):
    big = halves((4000, 3000)).save(tmp_path / "big.jpg", quality=80) or tmp_path / "big.jpg"
    tall = halves((1500, 3000)).save(tmp_path / "tall.png") or tmp_path / "tall.png"
    small = halves((300, 200)).save(tmp_path / "small.jpg") or tmp_path / "small.jpg"
    results, _ = process_images([big, tall, small], options(tmp_path))
    assert only(results, big).sizes == ((480, 360), (960, 720), (1600, 1200))
    assert only(results, tall).sizes == ((480, 960), (800, 1600))  # long side at most 1600
    assert only(results, small).sizes == ((300, 200),)
    custom, _ = process_images([big], options(tmp_path / "other", widths=(320, 800)))
    assert only(custom, big).sizes == ((320, 240), (800, 600))
    for w, h in only(results, big).sizes:
        with Image.open(only(results, big).file(w, "webp")) as image:
            assert image.size == (w, h)


def test_heic_from_phones_is_converted(tmp_path):
    src = phone_heic(tmp_path / "IMG_0001.HEIC")
    with Image.open(src) as original:
        assert original.format == "HEIF" and original.getexif().get(0x010F) == MAKE
    result = only(process_images([src], options(tmp_path))[0], src)
    assert result.sizes == ((480, 360), (640, 480))
    for width, height in result.sizes:
        for ext in ("webp", "jpg"):
            assert_clean(result.file(width, ext))
            with Image.open(result.file(width, ext)) as image:
                assert near(image.getpixel((width // 4, height // 2)), RED) and near(image.getpixel((width * 3 // 4, height // 2)), BLUE)


def test_transparency_flattened_on_white(tmp_path):
    src = png_with_alpha(tmp_path / "logo.png")
    result = only(process_images([src], options(tmp_path))[0], src)
    with Image.open(result.file(300, "jpg")) as image:
        assert near(image.getpixel((5, 5)), (255, 255, 255), 6) and near(image.getpixel((150, 100)), (30, 120, 60), 20)
    assert_clean(result.file(300, "webp"))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _many_scans(path: Path, copies: int = 200) -> Path:
    """A progressive JPEG whose last scan is repeated: each is decoded in full (20,000 of them
    at 7000×7000 took two minutes, a security review)."""
    import io

    buffer = io.BytesIO()
    halves((400, 300)).save(buffer, "JPEG", progressive=True)
    data = buffer.getvalue()
    last = data.rindex(b"\xff\xda")
    return _write(path, data[:-2] + data[last:-2] * copies + b"\xff\xd9")


@pytest.mark.parametrize(
    ("make", "limits", "code", "words"),
    [
        (lambda p: bomb_png(p / "bomb.png"), {}, "image-pixels", "40000×40000"),
        (
            lambda p: halves((400, 300)).save(p / "many.png") or p / "many.png",
            {"max_pixels": 100_000},
            "image-pixels",
            "照片太大：尺寸 400×300，共 12 万像素，超过网站的上限 10 万像素（手机“高像素模式”",
        ),  # as the check says it
        (lambda p: truncated_jpeg(p / "cut.jpg"), {}, "image-corrupt", "截断"),
        (lambda p: _write(p / "fake.jpg", b"\xff\xd8\xff\xe0 not really a jpeg" * 20), {}, "image-", "图片"),
        (lambda p: halves((64, 64)).save(p / "icon.ico") or p / "icon.ico", {}, "image-format", "ICO 不受支持"),
        (
            lambda p: halves((400, 300)).save(p / "heavy.png") or p / "heavy.png",
            {"max_bytes": 1000},
            "image-too-large",
            "超过 1.0 KB 的上限。",
        ),  # as the check says it
        (lambda p: _many_scans(p / "scans.jpg"), {}, "image-format", "段扫描数据"),
    ],
    ids=["bomb-header", "pixel-limit", "truncated", "garbage", "unsupported", "file-size", "jpeg-scans"],
)
def test_bad_images_rejected_with_a_message(tmp_path, make, limits, code, words):
    src = make(tmp_path)
    results, stats = process_images([src], options(tmp_path, **limits))
    failure = results[src]
    assert isinstance(failure, Failure), failure
    assert failure.code.startswith(code) and words in failure.problem and failure.hint
    assert stats.failed == 1
    assert not list((tmp_path / "cache").glob("*/*/manifest.json"))  # nothing half-written is kept


def test_second_run_decodes_nothing(tmp_path, monkeypatch):
    sources = [phone_jpeg(tmp_path / f"p{n}.jpg", seed=n, noise=30) for n in range(3)]
    opts = options(tmp_path)
    calls = counting_decodes(monkeypatch)
    first, stats = process_images(sources, opts)
    assert stats.decoded == 3 and stats.cached == 0 and calls  # the counter sees decodes
    mtimes = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*") if p.is_file()}
    calls.clear()
    monkeypatch.setattr(images, "render_job", lambda job: pytest.fail(f"rendered {job.source} again"))
    second, stats = process_images(sources, opts)
    assert calls == [] and stats.decoded == 0 and stats.cached == 3 and stats.workers == 0
    assert second == first
    assert mtimes == {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*") if p.is_file()}


def test_the_same_photo_in_several_cases_is_processed_once(tmp_path, monkeypatch):
    # One photo sent with several cases (or a logo on every case): same bytes, one job, even
    # in a first build, where no cache entry exists yet when the jobs are sent out.
    (tmp_path / "a").mkdir()
    original = phone_jpeg(tmp_path / "a" / "photo1.jpg", seed=7, noise=30)
    copies = []
    for name in ("b", "c"):
        (tmp_path / name).mkdir()
        copies.append(tmp_path / name / "photo1.jpg")
        copies[-1].write_bytes(original.read_bytes())
    other = phone_jpeg(tmp_path / "d.jpg", seed=8, noise=30)
    rendered: list[str] = []
    real = images.render_job
    monkeypatch.setattr(images, "render_job", lambda job: rendered.append(job.source) or real(job))
    results, stats = process_images([original, *copies, other], options(tmp_path))
    assert sorted(rendered) == sorted([str(original), str(other)]) and stats.decoded == 2 and stats.sources == 4
    assert all(isinstance(results[p], Processed) for p in (original, *copies, other))
    assert results[copies[0]] == results[original] == results[copies[1]] != results[other]


def test_each_cache_entry_is_checked_once_however_many_cases_use_its_photo(tmp_path, monkeypatch):
    # 40 cases sharing 4 photos: every source is read and hashed, each cache entry checked
    # once, and a damaged entry made again and reported once.
    photos = [phone_jpeg(tmp_path / f"p{n}.jpg", seed=n, noise=30) for n in range(4)]
    sources = []
    for n in range(40):
        (tmp_path / f"case{n}").mkdir()
        sources.append(tmp_path / f"case{n}" / "photo.jpg")
        sources[-1].write_bytes(photos[n % 4].read_bytes())
    opts = options(tmp_path)
    first, stats = process_images(sources, opts)
    assert stats.decoded == 4 and stats.sources == 40
    victim = only(first, sources[1])
    rendition = victim.file(victim.sizes[0][0], "jpg")
    rendition.write_bytes(rendition.read_bytes()[:-100])
    checked: list[str] = []
    real_entry = images.read_entry
    monkeypatch.setattr(images, "read_entry", lambda cache, key: checked.append(key) or real_entry(cache, key))
    second, stats = process_images(sources, opts)
    assert sorted(checked) == sorted({only(first, s).key for s in sources})  # 4 entries, once each
    assert stats.cached == 30 and stats.decoded == 1 and len(stats.repaired) == 1
    assert str(rendition) in stats.repaired[0]
    assert {s: only(second, s).key for s in sources} == {s: only(first, s).key for s in sources}
    assert rendition.read_bytes() == only(second, sources[1]).file(victim.sizes[0][0], "jpg").read_bytes()


def test_changed_photo_gets_a_new_entry(tmp_path):
    src = phone_jpeg(tmp_path / "p.jpg")
    opts = options(tmp_path)
    before = only(process_images([src], opts)[0], src)
    phone_jpeg(src, size=(820, 600))
    after, stats = process_images([src], opts)
    assert stats.decoded == 1 and only(after, src).key != before.key


def test_pool_gives_the_same_bytes_as_one_process(tmp_path):
    sources = [phone_jpeg(tmp_path / f"p{n}.jpg", size=(1000 + 40 * n, 700), noise=40, seed=n) for n in range(4)]
    serial, s1 = process_images(sources, options(tmp_path / "one", workers=1))
    pooled, s2 = process_images(sources, options(tmp_path / "two", workers=2))
    assert s1.workers == 0 and s2.workers == 2 and s2.decoded == 4
    for src in sources:
        a, b = only(serial, src), only(pooled, src)
        assert a.key == b.key and a.sizes == b.sizes
        for width, _ in a.sizes:
            for ext in ("webp", "jpg"):
                assert a.file(width, ext).read_bytes() == b.file(width, ext).read_bytes()


CRASHING = """
import os, signal
if os.environ.get("SHOWCASE_TEST_CRASH_ON"):
    from showcase.core.media import photos
    render = photos._render
    def _render(job):
        if job.source.endswith(os.environ["SHOWCASE_TEST_CRASH_ON"]):
            os.kill(os.getpid(), signal.SIGSEGV)  # a decoder that crashes on this file
        return render(job)
    photos._render = _render
"""


def test_a_photo_that_crashes_its_decoder_is_named_and_the_others_are_processed(tmp_path, monkeypatch):
    """Two new photos, the usual edit of a case: decoded in the pool, where a decoder that
    crashes takes down a worker, not the build (a review: with the pool kept for larger work
    only, the build ended with the crash and no word)."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(CRASHING, encoding="utf-8")  # read by each spawned worker at its start
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(hook), *filter(None, [os.environ.get("PYTHONPATH")])]))
    monkeypatch.setenv("SHOWCASE_TEST_CRASH_ON", "bad.jpg")
    good, bad = phone_jpeg(tmp_path / "good.jpg", noise=40), phone_jpeg(tmp_path / "bad.jpg", noise=40, seed=1)
    done, stats = process_images([good, bad], options(tmp_path / "c", workers=2))
    assert isinstance(done[bad], Failure) and done[bad].code == "image-corrupt" and "意外退出" in done[bad].problem
    assert isinstance(done[good], Processed) and stats.failed == 1


def test_a_few_jobs_estimated_small_run_here_and_many_in_the_pool():
    """Share cards (15-23 ms each) are drawn in the build's process below a second of work:
    two spawned workers cost more; at fifty the pool starts."""
    few = images.LazyPool(2)
    assert list(few.map(abs, [-1, -2, -3], seconds_each=0.02)) == [1, 2, 3] and not few.started
    with images.LazyPool(2) as many:
        assert list(many.map(abs, list(range(-50, 0)), seconds_each=0.02)) == list(range(50, 0, -1)) and many.started


# -- HTML ------------------------------------------------------------------------------


def _published(tmp_path: Path) -> Published:
    src = halves((2000, 1500)).save(tmp_path / "photo2.jpg") or tmp_path / "photo2.jpg"
    return Published.place(only(process_images([src], options(tmp_path))[0], src), "cases/x-001/", "photo2.jpg")


def test_body_img_becomes_a_lazy_picture_that_survives_sanitizing(tmp_path):
    image = _published(tmp_path)
    html = '<p><img alt="志愿者 &amp; 老人" src="photo2.jpg" title="合影" onerror="x()"></p><picture><img src="photo2.jpg"></picture>'
    out = sanitize(rewrite_html(html, {"photo2.jpg": image}.get, sizes="100vw", zoom_title="点按查看大图"))
    first, kept = out.split("</picture>", 1)[0], out.split("</picture>", 1)[1]
    stem = image.name
    # A photo of its own paragraph: a figure, its alt text the caption (as text), the photo a
    # link to its largest rendition (older readers tap a photo to see it larger: a reader's trial)
    stem = image.name
    assert first.startswith(
        f'<figure class="sc-photo"><a href="{stem}-1600.jpg" title="点按查看大图" rel="noopener noreferrer"><picture><source type="image/webp" srcset="'
    ), first
    assert kept.startswith("</a><figcaption><div>志愿者 &amp; 老人</div></figcaption></figure>")
    assert f"{stem}-480.webp 480w, {stem}-960.webp 960w, {stem}-1600.webp 1600w" in first
    assert f'src="{stem}-960.jpg"' in first and f"{stem}-1600.jpg 1600w" in first
    assert 'width="1600"' in first and 'height="1200"' in first and 'loading="lazy"' in first and 'sizes="100vw"' in first
    assert 'alt="志愿者 &amp; 老人"' in first and 'title="合影"' in first and "onerror" not in out
    assert '<picture><img src="photo2.jpg"></picture>' in kept  # an author's own <picture> is left alone


def test_only_a_photo_of_its_own_paragraph_gets_a_caption(tmp_path):
    image = _published(tmp_path)
    lookup = {"photo2.jpg": image}.get
    inline = rewrite_html('<p>活动现场：<img alt="合影" src="photo2.jpg"></p>', lookup, sizes="100vw", zoom_title="点按查看大图")
    assert inline.startswith("<p>活动现场：<picture>") and "figure" not in inline  # no figure inside a paragraph
    bare = rewrite_html('<p><img alt="" src="photo2.jpg"></p>', lookup, sizes="100vw", zoom_title="点按查看大图")
    assert bare.startswith("<p><picture>") and "figcaption" not in bare  # nothing to say, no caption
    markup = sanitize(
        rewrite_html(
            '<p>\n<img alt="&lt;b&gt;粗&lt;/b&gt; &amp; 细" src="photo2.jpg">\n</p>', lookup, sizes="100vw", zoom_title="点按查看大图"
        )
    )
    assert markup.endswith("<figcaption><div>&lt;b&gt;粗&lt;/b&gt; &amp; 细</div></figcaption></figure>")


def test_card_variant_is_small_and_urls_start_from_the_root(tmp_path):
    image = _published(tmp_path)
    html = picture_html(image, alt="", sizes="20rem", base="../..", max_width=960)
    assert "1600" not in html and f"../../cases/x-001/{image.name}-480.webp 480w" in html
    assert 'width="960" height="720"' in html


def test_file_names_are_ascii_and_change_with_the_photo(tmp_path):
    image = _published(tmp_path)
    named = Published.place(image.processed, "cases/x-001/", "./图片/现场 照片.JPG")
    assert named.name == f"image-{image.processed.key[:10]}"
    sub = Published.place(image.processed, "cases/x-001/", "img/Team_Photo.jpeg")
    assert sub.url(480, "webp") == f"cases/x-001/img/team_photo-{image.processed.key[:10]}-480.webp"


def test_unwritable_cache_is_a_message_not_a_traceback(tmp_path):
    src = phone_jpeg(tmp_path / "p.jpg")
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a folder")
    results, _ = process_images([src], ImageOptions(cache_dir=blocker / "images", workers=1))
    failure = results[src]
    assert isinstance(failure, Failure) and failure.code == "image-cache" and "cache-is-a-file" in failure.problem


class Recorder:
    """A reporter (core/progress.py) that keeps what each piece of long work said."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int | None, int]] = []

    @contextmanager
    def __call__(self, label: str, total: int | None = None) -> Iterator[Progress]:
        bar = Progress(label, total, io.StringIO(), "off")
        yield bar
        self.calls.append((label, total, bar.done))


def test_photo_processing_reports_its_progress(tmp_path):
    """A cold build shows where it is: one tick per photo processed, none for cached ones."""
    sources = [phone_jpeg(tmp_path / f"p{i}.jpg", seed=i, noise=30) for i in range(3)]  # three different photos
    report = Recorder()
    process_images(sources, options(tmp_path), report=report)
    assert report.calls == [("处理照片", 3, 3)]
    report.calls.clear()
    process_images(sources, options(tmp_path), report=report)
    assert report.calls == [("处理照片", 0, 0)]


def test_heartbeat_shows_the_time_of_work_that_cannot_count(tmp_path):
    said: list[str] = []

    @contextmanager
    def report(label: str, total: int | None = None) -> Iterator[Progress]:
        bar = Progress(label, total, io.StringIO(), "lines", log=said.append)
        bar._last_line = float("-inf")  # say every beat, not after 3 s
        yield bar
        bar.finish()

    with heartbeat(report, "建立搜索索引", every=0.02):
        time.sleep(0.2)
    assert said and said[0].startswith("建立搜索索引：已用 ") and said[-1] == "建立搜索索引：完成，用时 0 秒"  # not "完成 0"


def test_a_truncated_photo_is_refused_even_when_another_library_allows_them(tmp_path, monkeypatch):
    """Importing WeasyPrint (PDF booklets) sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    src = truncated_jpeg(tmp_path / "cut.jpg")
    failure = process_images([src], options(tmp_path))[0][src]
    assert isinstance(failure, Failure) and failure.code == "image-corrupt"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # given back to the library that asked for it


def test_the_check_and_the_build_word_an_unsupported_format_alike(tmp_path):
    """A format the site does not publish (an icon) is refused in the same words by
    ``showcase check`` (the header) and by the build (the decoder): one wording, written once."""
    from showcase.core.case.imagerefs import ImageLimits, _open_header
    from showcase.core.media.photos import Failure, reduced

    icon = tmp_path / "icon.ico"
    halves((64, 64)).save(icon)
    said, fmt = _open_header(icon, ImageLimits())
    failure = reduced(icon.read_bytes(), 1_000_000, 100)
    assert fmt == "ICO" and said is not None and isinstance(failure, Failure)
    assert (said[0], failure.code) == ("image-bad", "image-format")
    assert said[1:] == (failure.problem, failure.hint) == ("格式 ICO 不受支持。", "请转换为 JPEG、PNG 或 WebP。")
