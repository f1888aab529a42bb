"""The photo pipeline: phone originals in, small clean responsive images out.

Every image a published case uses is decoded once with Pillow, turned upright
(``exif_transpose``), converted to sRGB, stripped of every piece of metadata (EXIF with
GPS, XMP, ICC profile, comments) and written at a few widths as WebP with a JPEG
fallback. Nothing of the original file reaches the site.

Results live in a content-addressed cache outside the site folder: an entry's key is
the SHA-256 of the source bytes plus the processing parameters, so a rebuild with
unchanged photos reads a small manifest, checks each rendition against the size and
SHA-256 it records (``cachefile``) and decodes nothing; an entry cut short or changed
since it was written is made again. Work for missing
entries is spread over the cores; every output depends only on its key, so results do
not depend on the number of workers or their order.

Problems (too large, too many pixels, truncated, unsupported) come back as
``Failure`` values with plain-Chinese words, never as exceptions.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import io
import json
import math
import multiprocessing
import os
import re
import struct
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import PIL
from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from ..cachefile import Record, problem, read_regular, reading_ahead, write_atomic
from ..cacheprune import HEX2, HEX64
from ..case.entities import unescape
from ..case.imagerefs import _MD_ESCAPE, _NAME_PART, FORMATS, headers_only, too_many_bytes, too_many_pixels, unsupported_format, url_part
from ..case.model import Case
from ..diagnostics import describe_os_error, describe_write_error
from ..options import DEFAULTS, MIN_IMAGE_WIDTH
from ..progress import Reporter, silent
from ..workers import cores, keep_freed_memory

try:  # HEIC/HEIF from phones
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is a dependency
    pass

# Bump when the processing changes in a way the parameters do not capture.
PIPELINE_VERSION = "1"
# And this module's own text, which holds the processing: a rendition cache restored from
# an earlier commit (the publishing workflow's restore-keys) was trusted while the version
# above, never raised, was the same (a code review). Any change here makes every photo again.
_PIPELINE_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
# A progressive JPEG's scans, each decoded in full: cameras and phones write up to about a
# dozen; one of 7000×7000 pixels with 20,000 scans took two minutes to decode, and a 30 MB
# one would take hours (a security review). Counted before decoding.
MAX_JPEG_SCANS = 64
MANIFEST = "manifest.json"
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class ImageOptions:
    """How images are processed and where results are kept."""

    widths: tuple[int, ...] = DEFAULTS.image_widths  # the largest is also the limit of the long side
    webp_quality: int = 80
    jpeg_quality: int = 82
    max_pixels: int = DEFAULTS.max_image_pixels
    max_bytes: int = DEFAULTS.max_image_bytes
    cache_dir: Path = Path(DEFAULTS.image_cache)
    workers: int = DEFAULTS.image_workers  # 0: one per core

    def __post_init__(self) -> None:
        widths = tuple(sorted({int(w) for w in self.widths}))
        if not widths or widths[0] < MIN_IMAGE_WIDTH:  # Options refuses these with a message first
            raise ValueError(f"image widths must be at least {MIN_IMAGE_WIDTH} pixels")
        object.__setattr__(self, "widths", widths)

    @property
    def max_side(self) -> int:
        return self.widths[-1]

    def fingerprint(self) -> str:
        """Everything besides the source bytes that decides the output bytes."""
        params = [PIPELINE_VERSION, _PIPELINE_CODE, PIL.__version__, self.widths, self.webp_quality, self.jpeg_quality]
        return hashlib.sha256(json.dumps(params).encode()).hexdigest()

    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else cores()


@dataclass(frozen=True)
class Processed:
    """A cache entry: the renditions of one source, smallest first."""

    key: str
    entry: Path  # the cache folder holding ``<w>.webp`` and ``<w>.jpg``
    sizes: tuple[tuple[int, int], ...]  # (width, height) per rendition

    @property
    def width(self) -> int:
        return self.sizes[-1][0]

    @property
    def height(self) -> int:
        return self.sizes[-1][1]

    def file(self, width: int, ext: str) -> Path:
        return self.entry / f"{width}.{ext}"


@dataclass(frozen=True)
class Failure:
    """Why a source could not be processed, in words for editors."""

    code: str
    problem: str
    hint: str


@dataclass
class Stats:
    sources: int = 0
    cached: int = 0
    decoded: int = 0  # sources decoded in this run (0 when everything came from the cache)
    failed: int = 0
    workers: int = 0  # processes used, 0 when the work ran in this process or there was none
    seconds: float = 0.0
    repaired: list[str] = field(default_factory=list)  # damaged cache entries made again, in words


# -- the process pool ------------------------------------------------------------------

T = TypeVar("T")
R = TypeVar("R")


# Below this much work (CPU seconds, as the caller estimates it) the jobs run in this
# process, unless the pool has started already. Each spawned worker imports the image
# modules anew: 0.14 s of CPU each and about 0.15 s before the first job runs (two
# workers, measured), where a share card takes 15–23 ms: a build with two new cards (a case
# edited, a preview of one case) started two processes for less work than they cost.
# Photos are not estimated: a contributor's photo is decoded in the pool (from two on),
# where a decoder that crashes or runs out of memory takes down a worker, not the build,
# and the photo is named (``_isolated``).
POOL_MIN_SECONDS = 1.0


class LazyPool:
    """Runs jobs in this process when there are few, else in a pool started on first need.

    Processes are started with ``spawn``: the site engine may run threads (a live
    preview server), and forking a process with threads is unsafe.
    """

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._executor: Executor | None = None

    @property
    def started(self) -> bool:
        return self._executor is not None

    def map(self, fn: Callable[[T], R], jobs: Sequence[T], chunksize: int = 1, *, seconds_each: float | None = None) -> Iterator[R]:
        """``fn`` over ``jobs``, results in order; ``chunksize`` jobs travel to a worker at a
        time (for many small jobs, such as share cards, one round trip each is overhead).
        ``seconds_each``: a job's CPU time, roughly; the pool is started only for work of
        ``POOL_MIN_SECONDS`` or more (None: whenever there are two jobs)."""
        small = seconds_each is not None and len(jobs) * seconds_each < POOL_MIN_SECONDS and not self.started
        if len(jobs) < 2 or self.workers < 2 or small:
            return map(fn, jobs)
        if self._executor is None:
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context, initializer=keep_freed_memory)
        return self._executor.map(fn, jobs, chunksize=chunksize)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def __enter__(self) -> LazyPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- processing ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Job:
    source: str
    digest: str  # SHA-256 of the bytes the parent read
    key: str
    widths: tuple[int, ...]
    webp_quality: int
    jpeg_quality: int
    max_pixels: int
    cache_dir: str


def source_key(data: bytes, options: ImageOptions) -> tuple[str, str]:
    """(digest of the bytes, cache key of bytes plus parameters)."""
    digest = hashlib.sha256(data).hexdigest()
    return digest, hashlib.sha256(f"{digest}:{options.fingerprint()}".encode()).hexdigest()


def entry_dir(cache_dir: Path, key: str) -> Path:
    return cache_dir / key[:2] / key


# The files an entry folder holds, as ``entry_dir`` names it (core/cacheprune.py).
ENTRY_LAYOUT = f"{HEX2}/{HEX64}/[^/]+"


def read_entry(cache_dir: Path, key: str) -> tuple[Processed | None, str | None]:
    """The cached result for ``key`` if every rendition is the file its manifest records.

    Returns (entry, None) when it is; (None, None) when there is no entry; (None, why)
    naming the file when there is one but it is damaged (then it is made again).
    """
    entry = entry_dir(cache_dir, key)
    path = entry / MANIFEST
    try:
        manifest = json.loads(read_regular(path).decode("utf-8"))
        sizes = tuple((int(w), int(h)) for w, h in manifest["sizes"])
        records = manifest.get("files") or {}
        if not sizes or not isinstance(records, dict):
            raise ValueError
    except FileNotFoundError:
        return None, None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None, f"{path}：清单无法读取"
    processed = Processed(key, entry, sizes)
    for width, _ in sizes:
        for ext in ("webp", "jpg"):
            file = processed.file(width, ext)
            why = problem(file, Record.from_json(records.get(file.name)))
            if why is not None:
                return None, f"{file}：{why}"
    return processed, None


def _entry_files(cache_dir: Path, keys: Iterable[str]) -> Iterator[Path]:
    """Each entry's manifest, then its renditions (whatever files its folder holds)."""
    for key in keys:
        entry = entry_dir(cache_dir, key)
        yield entry / MANIFEST
        try:
            with os.scandir(entry) as found:
                yield from (Path(item.path) for item in found if item.name != MANIFEST)
        except OSError:
            continue


def _source(path: Path, options: ImageOptions) -> Failure | tuple[str, str]:
    """(digest, cache key) of a source photo, or why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            return Failure("image-too-large", *too_many_bytes(size, options.max_bytes))
        data = read_regular(path)  # a FIFO among a case's files is unreadable, not a wait for ever
    except OSError as exc:
        return Failure("image-unreadable", f"无法读取文件（{describe_os_error(exc)}）。", "检查文件是否存在、是否有读取权限。")
    return source_key(data, options)


def process_images(
    sources: Iterable[Path], options: ImageOptions, pool: LazyPool | None = None, report: Reporter = silent
) -> tuple[dict[Path, Processed | Failure], Stats]:
    """Process every source (deduplicated), from the cache where possible."""
    started = time.perf_counter()
    results: dict[Path, Processed | Failure] = {}
    jobs: list[_Job] = []
    # Files with the same bytes (one photo used by several cases) share a key: processed once,
    # the result given to each. Without this a first build processed the photo once per file.
    same: dict[str, list[Path]] = {}
    stats = Stats()
    # Each cache entry is checked once, however many cases use its photo. Files are read
    # in two rounds, the photos and then their entries (manifests and renditions), each
    # with the kernel asked to read ahead (``reading_ahead``): read one at a time, a disk
    # the page cache had let go was waited for file by file. Checking eight at a time on
    # threads instead took a warm 10,000-case build from 60 to 69 s.
    unique = list(dict.fromkeys(sources))
    with reading_ahead(unique):
        found_of = {path: _source(path, options) for path in unique}
    keys = list(dict.fromkeys(found[1] for found in found_of.values() if not isinstance(found, Failure)))
    with reading_ahead(_entry_files(options.cache_dir, keys)):
        entries = {key: read_entry(options.cache_dir, key) for key in keys}
    for path, found in found_of.items():
        stats.sources += 1
        if isinstance(found, Failure):
            results[path] = found
            continue
        digest, key = found
        if key in same:  # a copy of a photo already waiting to be processed
            same[key].append(path)
            continue
        cached, damaged = entries[key]
        if cached is not None:
            results[path] = cached
            stats.cached += 1
            continue
        if damaged is not None:
            stats.repaired.append(damaged)
        same[key] = [path]
        jobs.append(
            _Job(
                str(path),
                digest,
                key,
                options.widths,
                options.webp_quality,
                options.jpeg_quality,
                options.max_pixels,
                str(options.cache_dir),
            )
        )
    own_pool = pool is None
    pool = pool or LazyPool(options.worker_count())
    done = 0
    try:
        try:
            with report("处理照片", len(jobs)) as tick:
                for job, result in zip(jobs, pool.map(render_job, jobs), strict=True):
                    results.update(dict.fromkeys(same[job.key], result))
                    done += 1
                    tick()
        except BrokenProcessPool:
            # A worker died (a decoder crashed, or the system ran out of memory): find
            # the file responsible by giving each remaining one a process of its own.
            pool.close()
            for job in jobs[done:]:
                results.update(dict.fromkeys(same[job.key], _isolated(job)))
        stats.workers = pool.workers if pool.started or done < len(jobs) else 0
    finally:
        if own_pool:
            pool.close()
    stats.decoded = len(jobs)
    stats.failed = sum(1 for r in results.values() if isinstance(r, Failure))
    stats.seconds = time.perf_counter() - started
    return results, stats


def _isolated(job: _Job) -> Processed | Failure:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as executor:
        try:
            return executor.submit(render_job, job).result()
        except BrokenProcessPool:
            return Failure(
                "image-corrupt",
                "处理这张图片时图片处理进程意外退出（文件可能损坏，或内存不足）。",
                "请把照片重新导出为 JPEG 再提交；若多张图片都如此，请检查构建机器的内存。",
            )


CACHE_FAILED = "image-cache"  # the cache could not be written: the build machine's problem, no case's


def render_job(job: _Job) -> Processed | Failure:
    """Decode, clean and resize one source into its cache entry (runs in a worker).

    Never raises: whatever goes wrong comes back as a ``Failure`` naming the cause.
    """
    try:
        return _render(job)
    except OSError as exc:  # writing the cache
        return Failure(
            CACHE_FAILED,
            f"无法写入图片缓存 {job.cache_dir}（{describe_write_error(exc)}）。",
            "请确认磁盘有空间、这个文件夹可以写入，或在 mkdocs.yml 里用 image_cache 换一个文件夹。",
        )
    except Exception as exc:  # a decoder's unexpected complaint: still a message, not a traceback
        return Failure("image-corrupt", f"无法处理（{exc.__class__.__name__}: {exc}）。", "请把照片重新导出为 JPEG 或 PNG 后再提交。")


def _render(job: _Job) -> Processed | Failure:
    try:
        data = Path(job.source).read_bytes()
    except OSError as exc:
        return Failure("image-unreadable", f"无法读取文件（{describe_os_error(exc)}）。", "检查文件是否存在、是否有读取权限。")
    if hashlib.sha256(data).hexdigest() != job.digest:
        return Failure("image-changed", "文件在构建过程中被改动了。", "等文件保存完毕后重新构建。")
    decoded = _decode(data, job.max_pixels, job.widths[-1])
    if isinstance(decoded, Failure):
        return decoded
    renditions = _resize(decoded, job.widths)
    final = entry_dir(Path(job.cache_dir), job.key)
    # File by file, each replaced whole (never a folder removed and put back: another
    # build may be linking these very files into its site), the manifest last. Two
    # builds making the same entry write the same bytes, so any mix of their files is
    # the entry; a build killed half-way leaves no manifest, or one that does not match.
    records: dict[str, dict[str, object]] = {}
    for image in renditions:
        for ext, data in (
            ("webp", _encoded(image, "WEBP", quality=job.webp_quality, method=4)),
            ("jpg", _encoded(image, "JPEG", quality=job.jpeg_quality, optimize=True, progressive=True)),
        ):
            name = f"{image.width}.{ext}"
            write_atomic(final / name, data)
            records[name] = Record(len(data), hashlib.sha256(data).hexdigest()).to_json()
    sizes = [list(image.size) for image in renditions]
    write_atomic(final / MANIFEST, json.dumps({"sizes": sizes, "files": records}))
    return Processed(job.key, final, tuple((w, h) for w, h in sizes))


def _encoded(image: Image.Image, fmt: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


@contextlib.contextmanager
def truncated_refused() -> Iterator[None]:
    """Within: a truncated picture fails to load, whatever another library in this process
    asked of Pillow. WeasyPrint (PDF booklets) sets LOAD_TRUNCATED_IMAGES when it is
    imported, which would let a cut-off photo through with a grey band."""
    allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = allowed


def _decode(data: bytes, max_pixels: int, max_side: int, canvas: int = 0) -> Image.Image | Failure:
    """A full decode into a clean RGB image: upright, sRGB, no metadata at all."""
    try:
        # Pillow's limit lifted to read the header: our own limit below, with our own words
        with headers_only(), truncated_refused():
            rgb = _decode_refusing(data, max_pixels, max_side, canvas)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_many_pixels(0, 0, max_pixels)
    except UnidentifiedImageError:
        return Failure("image-format", "无法识别为图片，可能已损坏或不是图片文件。", "请重新导出为 JPEG 或 PNG 格式。")
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        words = "文件不完整（被截断了）" if "truncated" in str(exc) else "图片数据损坏"  # Python's error name is no help to an author
        return Failure("image-corrupt", f"{words}，无法完整读取。", "文件可能没有复制完整：请从手机或相机重新导出、重新提交。")
    if isinstance(rgb, Failure):
        return rgb
    # A brand-new image carries no ``info``: no EXIF, XMP, ICC profile or comment survives.
    return Image.frombytes("RGB", rgb.size, rgb.tobytes())


def reduced(data: bytes, max_pixels: int, long_side: int, canvas: int = 0) -> Image.Image | Failure:
    """The picture in ``data`` as the site reads it (``_decode``: upright, sRGB, no metadata
    at all), its long side brought down to ``long_side`` as a rendition's is (``_resize``):
    ``showcase import``'s copy of a phone's full-size photo (intake/photometa.py ``shrink``).
    A JPEG of up to ``canvas`` pixels (over ``max_pixels``) is read when JPEG's reduced
    decoding brings it within ``max_pixels`` (``_decode_refusing``)."""
    decoded = _decode(data, max_pixels, long_side, canvas)
    if isinstance(decoded, Failure):
        return decoded
    return _resize(decoded, (long_side,))[-1]


# Formats Pillow decodes at 1/2, 1/4 or 1/8 of their size (``Image.draft``), pixels never held whole.
DRAFTED = ("JPEG", "MPO")


def _decode_refusing(data: bytes, max_pixels: int, max_side: int, canvas: int = 0) -> Image.Image | Failure:
    """``_decode``'s work; its errors are ``_decode``'s to word. A picture over ``max_pixels``
    is refused unless it is a JPEG within ``canvas`` pixels whose reduced decoding holds no
    more than ``max_pixels``."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as image:
            Image.MAX_IMAGE_PIXELS = max_pixels  # Pillow's own checks while decoding (``_decode``'s headers_only puts it back)
            if image.format not in FORMATS:
                return Failure("image-format", *unsupported_format(image.format))
            scans = data.count(b"\xff\xda") if image.format == "JPEG" else 0  # each scan starts with this marker
            if scans > MAX_JPEG_SCANS:
                return Failure(
                    "image-format",
                    f"这张 JPEG 分成了 {scans} 段扫描数据（手机和相机拍的照片最多十几段），处理起来极慢，可能已损坏或是特制的文件。",
                    "请在手机或电脑上把它重新另存为普通的 JPEG，再提交。",
                )
            width, height = image.size
            if width * height > max_pixels and not (image.format in DRAFTED and width * height <= canvas):
                return _too_many_pixels(width, height, max_pixels)
            image.seek(0)  # the first frame of an animation
            # JPEG can decode at 1/2, 1/4 or 1/8 scale: much faster, still larger than needed.
            scale = min(1.0, max_side / max(width, height))
            wanted = (math.ceil(width * scale), math.ceil(height * scale))
            if width * height > max_pixels:  # a JPEG within ``canvas``: at half its sides at least, whatever
                # ``max_side`` (a site's limit below its bound's square: a sound photo was said broken)
                wanted = (min(wanted[0], width // 2), min(wanted[1], height // 2))
            image.draft(None, wanted)
            if image.size[0] * image.size[1] > max_pixels:  # reduced decoding did not bring it within
                return _too_many_pixels(width, height, max_pixels)
            image.load()  # the full decode: truncated or corrupt data fails here
            upright = _upright(image)
            return _to_srgb(upright)


def _too_many_pixels(width: int, height: int, max_pixels: int) -> Failure:
    return Failure("image-pixels", *too_many_pixels(width, height, max_pixels))


def _upright(image: Image.Image) -> Image.Image:
    try:
        return ImageOps.exif_transpose(image)
    except (ValueError, TypeError, KeyError, SyntaxError, struct.error):  # broken EXIF: keep as stored
        return image


def eight_bit_grey(image: Image.Image) -> Image.Image:
    """A 16-bit or float grey picture scaled to 8 bits (``convert("L")`` alone clips it to
    white); any other picture as it is."""
    if image.mode.startswith("I") or image.mode == "F":
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Colours converted to sRGB by the embedded profile; transparency flattened on white."""
    if image.mode in ("P", "PA"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode == "PA" else "RGB")
    else:
        image = eight_bit_grey(image)
    icc = image.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            out_mode = "RGBA" if image.mode in ("RGBA", "LA") else "RGB"
            if image.mode == "LA":
                image = image.convert("RGBA")
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=out_mode)
            image = converted if converted is not None else image
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a broken or mismatched profile: take the numbers as they are
    if image.mode in ("RGBA", "LA", "La", "RGBa"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba)
    return image.convert("RGB")


def _resize(image: Image.Image, widths: tuple[int, ...]) -> list[Image.Image]:
    """One image per target width, largest first then smaller from it; never upscaled."""
    out: list[Image.Image] = []
    current = image
    for width, height in reversed(rendition_sizes(image.size, widths)):
        if current.size != (width, height):
            current = current.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out.append(current)
    return out[::-1]


def rendition_sizes(size: tuple[int, int], widths: tuple[int, ...]) -> list[tuple[int, int]]:
    """Target sizes, smallest first: the configured widths, the long side at most the largest."""
    width, height = size
    limit = min(1.0, widths[-1] / max(width, height))
    top = max(1, round(width * limit))
    chosen = sorted({min(w, top) for w in widths})
    # the height as the width's share, at most the long side's limit: a picture a pixel or two
    # wide (1×40000: a security review) kept its whole height, past WebP's 16,383 pixels, and
    # the build stopped on an English message the check had not foreseen
    return [(w, max(1, min(round(height * w / width), widths[-1]))) for w in chosen]


# -- publishing ------------------------------------------------------------------------


@dataclass(frozen=True)
class Published:
    """A processed image placed on the site under a case's folder."""

    processed: Processed
    folder: str  # site-root-relative folder of the case page, ending in "/"
    name: str  # file name stem inside it, e.g. "img/photo1-3fa2c1d0e4"

    @classmethod
    def place(cls, processed: Processed, folder: str, src: str) -> Published:
        """Name the files after the source (ASCII only) and the cache key (new photo, new URL)."""
        path = Path(src.split("#")[0].split("?")[0].lstrip("./"))
        stem = url_part(path.stem) or "image"
        parent = url_part(path.parent.as_posix()) if path.parent.as_posix() != "." else ""
        name = f"{parent}/{stem}-{processed.key[:10]}" if parent else f"{stem}-{processed.key[:10]}"
        return cls(processed, folder, name)

    @property
    def width(self) -> int:
        return self.processed.width

    @property
    def height(self) -> int:
        return self.processed.height

    @property
    def widths(self) -> list[int]:
        return [w for w, _ in self.processed.sizes]

    def rel(self, width: int, ext: str) -> str:
        """Relative to the case page."""
        return f"{self.name}-{width}.{ext}"

    def url(self, width: int, ext: str) -> str:
        """Relative to the site root."""
        return self.folder + self.rel(width, ext)

    def nearest(self, width: int) -> int:
        """The smallest rendition at least ``width`` wide, else the largest."""
        return next((w for w in self.widths if w >= width), self.widths[-1])

    def size_of(self, width: int) -> tuple[int, int]:
        return next(s for s in self.processed.sizes if s[0] == width)

    def files(self) -> list[tuple[str, Path]]:
        return [(self.url(w, ext), self.processed.file(w, ext)) for w in self.widths for ext in ("webp", "jpg")]


def picture_html(
    image: Published,
    *,
    alt: str,
    sizes: str,
    loading: str = "lazy",
    base: str | None = None,
    max_width: int | None = None,
    attrs: dict[str, str] | None = None,
) -> str:
    """``<picture>``: WebP sources with a JPEG ``<img>``, intrinsic size against layout shift.

    ``base`` None gives URLs relative to the case page; otherwise ``base`` is the path
    from the current page to the site root (e.g. ``../..``). ``max_width`` leaves out
    larger renditions (cards need small ones only).
    """
    widths = [w for w in image.widths if max_width is None or w <= max_width] or image.widths[:1]

    def href(width: int, ext: str) -> str:
        if base is None:
            return image.rel(width, ext)
        return f"{base.rstrip('/')}/{image.url(width, ext)}" if base not in ("", ".") else image.url(width, ext)

    def srcset(ext: str) -> str:
        return ", ".join(f"{href(w, ext)} {w}w" for w in widths)

    # The largest kept rendition gives the intrinsic size; the fallback src is a middle one.
    width, height = image.size_of(widths[-1])
    fallback = widths[len(widths) // 2] if len(widths) > 2 else widths[0]
    img: dict[str, str] = {
        "src": href(fallback, "jpg"),
        "srcset": srcset("jpg"),
        "sizes": sizes,
        "width": str(width),
        "height": str(height),
        "alt": alt,
        "loading": loading,
        "decoding": "async",
    }
    for key, value in (attrs or {}).items():
        if key not in img:
            img[key] = value
    return (
        f'<picture><source type="image/webp" srcset="{_esc(srcset("webp"))}" sizes="{_esc(sizes)}">'
        f"<img {' '.join(f'{k}={_quote(v)}' for k, v in img.items())}></picture>"
    )


def _esc(value: str) -> str:
    return html.escape(value, quote=True)


def _quote(value: str) -> str:
    return f'"{_esc(value)}"'


# -- rewriting case bodies -------------------------------------------------------------

# as the check finds them (core/case/imagerefs.py): ![alt](src), ![alt](<照片 1.jpg>),
# ![alt](照片 1.jpg "title"), ![alt](照片(1).jpg), and brackets in the description
_MD_IMAGE = re.compile(
    r"(?P<head>!\[(?:[^\[\]]|\[[^\[\]\n]*\])*\]\(\s*)"
    rf"(?:<(?P<angled>[^<>\n]+)>|(?P<src>{_NAME_PART}+(?:[ \t]+(?![\"']){_NAME_PART}+)*))"
)  # no < inside <…>, as the check reads it (imagerefs.md_images): a run of “](<” is read once
# a reference image's definition ([p8]: p8.jpg), which the check reads (bodyimages.py): left
# as written, the strict build looked for p8.jpg and stopped (a review)
_MD_DEFINITION = re.compile(r"^(?P<head>[ ]{0,3}\[[^\]\n]+\]:[ \t]*)(?:<(?P<angled>[^>\n]+)>|(?P<src>\S+))", re.MULTILINE)
_TOKEN = re.compile(r"<picture\b[^>]*>|</picture\s*>|<img\b[^>]*>", re.IGNORECASE)
_OPEN_P = re.compile(r"<p>\s*$")
_CLOSE_P = re.compile(r"\s*</p>")
_ATTR = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def normalize_src(src: str) -> str:
    """A body image reference as a key: no query or fragment, no ``./``, unquoted."""
    from urllib.parse import unquote

    path = unquote(src.split("#")[0].split("?")[0]).strip()
    while path.startswith("./"):
        path = path[2:]
    return path


def cover_in_body(case: Case) -> bool:
    """Whether the body shows the cover photo itself: the page (and a booklet) then shows it
    there only, not once above the body and again in it."""
    if not case.cover:
        return False
    cover = normalize_src(case.cover)
    return any(not ref.is_cover and normalize_src(ref.src) == cover for ref in case.images)


def rewrite_markdown(body: str, targets: dict[str, str]) -> str:
    """Point Markdown images (``![alt](src)``, and definitions ``[name]: src``) at their published fallback file.

    The site engine then finds the file it links to; fenced code is left alone.
    """
    out: list[str] = []
    text: list[str] = []  # lines outside fences, rewritten together (a description may span lines)

    def flush() -> None:
        if text:
            block = "\n".join(text)
            block = _MD_IMAGE.sub(lambda m: _retarget(m, targets), block) if "![" in block else block
            out.append(_MD_DEFINITION.sub(lambda m: _retarget(m, targets), block) if "]:" in block else block)
            text.clear()

    in_fence = False
    for line in body.split("\n"):
        fence = line.lstrip().startswith(("```", "~~~"))
        if fence:
            in_fence = not in_fence
        if in_fence or fence:
            flush()
            out.append(line)
        else:
            text.append(line)
    flush()
    return "\n".join(out)


def _retarget(match: re.Match[str], targets: dict[str, str]) -> str:
    """One image reference pointed at its published file (an ASCII name: no brackets needed)."""
    src = match.group("angled") or _MD_ESCAPE.sub(r"\1", match.group("src"))
    target = targets.get(normalize_src(src))
    return match.group(0) if target is None else match.group("head") + target


def rewrite_html(html_text: str, lookup: Callable[[str], Published | None], *, sizes: str, zoom_title: str) -> str:
    """Replace each ``<img>`` of a processed image with a lazy ``<picture>``.

    A photo that is a paragraph of its own (``![alt](src)`` on its own line) becomes a
    ``<figure>`` whose caption is its alt text, as text: readers see what the author
    wrote about the photo. Runs after Markdown and before sanitizing: the sanitizer's
    allow-list keeps ``figure``, ``figcaption``, ``picture``, ``source``, ``srcset``,
    ``sizes``, ``width``, ``height``, ``loading``. Images already inside an author's
    ``<picture>`` are left as they are. The caption's text sits in a ``<div>``: Pagefind
    ends a ``div`` as a block in the search index but not a ``figcaption``, whose words
    would otherwise run into the next paragraph's in search excerpts. Such a photo leads
    to its largest rendition, ``zoom_title`` its tooltip (texts.yml ``reader.photo_zoom``).
    """
    out: list[str] = []
    depth = 0
    last = 0
    for match in _TOKEN.finditer(html_text):
        token = match.group(0)
        lower = token[:9].lower()
        if lower.startswith("<picture"):
            depth += 1
            continue
        if lower.startswith("</picture"):
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        attrs = parse_attrs(token)
        image = lookup(attrs.get("src", ""))
        if image is None:
            continue
        keep = {k: v for k, v in attrs.items() if k in ("title", "class", "id")}
        alt = attrs.get("alt", "")
        picture = picture_html(image, alt=alt, sizes=sizes, loading="lazy", attrs=keep)
        before = html_text[last : match.start()]
        opened, closed = _OPEN_P.search(before), _CLOSE_P.match(html_text, match.end())
        if alt.strip() and opened and closed:
            out.append(before[: opened.start()])
            # the photo leads to its largest rendition, where a phone zooms it: older readers tap a
            # photo to see it larger, and nothing happened (a reader's trial)
            title = f' title="{_esc(zoom_title)}"' if zoom_title else ""
            zoom = f'<a href="{_esc(image.rel(image.widths[-1], "jpg"))}"{title}>{picture}</a>'
            out.append(f'<figure class="sc-photo">{zoom}<figcaption><div>{_esc(alt.strip())}</div></figcaption></figure>')
            last = closed.end()
        else:
            out.append(before)
            out.append(picture)
            last = match.end()
    out.append(html_text[last:])
    return "".join(out)


def parse_attrs(tag: str) -> dict[str, str]:
    """Attributes of one start tag, names lower-cased, values unescaped."""
    inner = re.sub(r"^<\w+|/?>$", "", tag)
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(inner):
        name = m.group(1).lower()
        value = next((g for g in m.group(2, 3, 4) if g is not None), "")
        attrs.setdefault(name, unescape(value))
    return attrs


__all__ = [
    "Failure",
    "ImageOptions",
    "LazyPool",
    "Processed",
    "Published",
    "Stats",
    "picture_html",
    "process_images",
    "rendition_sizes",
    "rewrite_html",
    "rewrite_markdown",
]
