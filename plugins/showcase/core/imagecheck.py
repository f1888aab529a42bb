"""Images a case uses: found in the front matter and body, checked by header only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from PIL import Image, UnidentifiedImageError

from .diagnostics import DiagnosticList
from .model import ImageRef

try:  # HEIC/HEIF from phones
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional at check time
    pass

# ![alt](src "title") and <img ... src="...">
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]+)[^>]*>", re.IGNORECASE)
_HTML_ALT = re.compile(r"\balt\s*=\s*[\"'](?P<alt>[^\"']*)[\"']", re.IGNORECASE)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "HEIF", "AVIF", "BMP", "TIFF", "MPO"}


@dataclass(frozen=True)
class ImageLimits:
    max_pixels: int = 50_000_000
    max_bytes: int = 30 * 1024 * 1024


def find_body_images(body: str, body_line: int) -> list[ImageRef]:
    """Image references in Markdown and raw HTML, with their file lines."""
    refs = []
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        for match in _MD_IMAGE.finditer(line):
            refs.append(ImageRef(match.group("src"), body_line + offset, match.group("alt").strip()))
        for match in _HTML_IMAGE.finditer(line):
            alt = _HTML_ALT.search(match.group(0))
            refs.append(ImageRef(match.group("src"), body_line + offset, alt.group("alt").strip() if alt else ""))
    return refs


def resolve(folder: Path, src: str) -> Path | None:
    """The file inside ``folder`` that ``src`` names, or None if it leaves the folder."""
    relative = PurePosixPath(unquote(src.split("#")[0].split("?")[0]))
    if relative.is_absolute() or ".." in relative.parts:
        return None
    return folder / relative


def check_images(folder: Path, refs: list[ImageRef], diags: DiagnosticList, limits: ImageLimits) -> None:
    """Every image exists inside the case folder, opens as an image, fits the limits."""
    checked: dict[str, bool] = {}
    for ref in refs:
        if not ref.is_cover and not ref.alt:
            diags.warning(
                ref.line,
                "image-alt",
                f"图片 {ref.src} 没有说明文字。",
                "在方括号里写一句图片说明，例如 ![志愿者为老人测血压](photo2.jpg)，方便视障读者。",
            )
        if ref.src in checked:
            continue
        checked[ref.src] = True
        if _EXTERNAL.match(ref.src):
            diags.error(
                ref.line, "image-external", f"图片 {ref.src} 是网络地址。", "请把图片文件放进案例文件夹，用文件名引用，例如 photo1.jpg。"
            )
            continue
        path = resolve(folder, ref.src)
        if path is None:
            diags.error(
                ref.line,
                "image-outside",
                f"图片路径 {ref.src} 跑到了案例文件夹外面。",
                "图片放在 index.md 旁边，直接写文件名，例如 photo1.jpg。",
            )
            continue
        if not path.is_file():
            siblings = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != "index.md") if folder.is_dir() else []
            near = [s for s in siblings if s.lower() == PurePosixPath(ref.src).name.lower()]
            hint = (
                f"文件名区分大小写，文件夹里有 {near[0]}。"
                if near
                else (f"文件夹里现有：{'、'.join(siblings[:8])}。" if siblings else "文件夹里还没有图片文件，请把图片一起提交。")
            )
            diags.error(ref.line, "image-missing", f"找不到图片 {ref.src}。", hint)
            continue
        size = path.stat().st_size
        if size > limits.max_bytes:
            diags.error(
                ref.line,
                "image-too-large",
                f"图片 {ref.src} 有 {size / 1048576:.1f} MB，超过 {limits.max_bytes / 1048576:.0f} MB 的上限。",
                "请先用手机或电脑把照片缩小后再提交。",
            )
            continue
        problem = _open_header(path, limits)
        if problem:
            diags.error(ref.line, "image-bad", f"图片 {ref.src}：{problem[0]}", problem[1])


def _open_header(path: Path, limits: ImageLimits) -> tuple[str, str] | None:
    """Read only the header: format and canvas size. None when fine."""
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None  # we apply our own limit, with our own words
    try:
        with Image.open(path) as image:
            fmt, (width, height) = image.format, image.size
    except UnidentifiedImageError:
        return "无法识别为图片，可能已损坏或不是图片文件。", "请重新导出为 JPEG 或 PNG 格式。"
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        return f"无法读取（{exc.__class__.__name__}）。", "文件可能不完整，请重新复制或导出。"
    finally:
        Image.MAX_IMAGE_PIXELS = previous
    if fmt not in FORMATS:
        return f"格式 {fmt} 不受支持。", "请转换为 JPEG、PNG 或 WebP。"
    if width * height > limits.max_pixels:
        return (
            f"尺寸 {width}×{height} 共 {width * height / 1e6:.0f} 百万像素，超过上限 {limits.max_pixels / 1e6:.0f} 百万像素。",
            "请把照片缩小到常见尺寸（例如长边 4000 像素）后再提交。",
        )
    return None
