#!/usr/bin/env python3
"""Draw the illustrative photos of the sample cases.

Usage:  python3 scripts/make_sample_photos.py [--force] [CASES_DIR]

For every ``index.md`` below ``cases/`` (or CASES_DIR) the script reads the front
matter ``cover`` and the body image references (``![alt](photo2.jpg)``) and writes
each referenced image that does not exist yet into the case folder. With
``--force`` existing images are redrawn.

The pictures are simple scenes made of shapes: sky, sun or moon, clouds, buildings
or hills, trees, lanterns, a banner colour block and abstract figures (a circle on a
rounded body; no faces, no real people). No text is drawn (no CJK font is assumed).
Everything is seeded by the case id and the file name, so a run always produces the
same pictures for the same case (with the same Pillow version).

One cover is special (EXIF_DEMO below): it is stored sideways with an EXIF
Orientation tag of 6 and a fake GPS position, to demonstrate that the site strips
photo metadata and honours the orientation.

Pillow is required. If the running interpreter lacks it, the script re-runs itself
with the project's virtual environment (``.venv/bin/python``) when that exists.
"""

from __future__ import annotations

import hashlib
import math
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

try:
    from PIL import Image, ImageDraw, ImageFilter
    from PIL.TiffImagePlugin import IFDRational
except ImportError:  # system python without Pillow: retry with the project's venv
    venv_python = ROOT / ".venv" / "bin" / "python"
    if venv_python.exists() and Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        os.execv(str(venv_python), [str(venv_python), __file__, *sys.argv[1:]])
    sys.exit("make_sample_photos.py needs Pillow (pip install Pillow)")

try:
    import yaml
except ImportError:  # a plain line scan is enough for the keys used here
    yaml = None

WIDTH, HEIGHT = 1200, 800
SCALE = 2  # draw at twice the size, then downsample: smooth edges
QUALITY = 80
MAX_BYTES = 150 * 1024

# The one cover that carries EXIF: Orientation 6 ("rotate 90° clockwise to view")
# plus a fake GPS position. The pixels are stored rotated 90° counter-clockwise,
# so the picture looks upright only once a viewer applies the orientation. The
# site must apply the orientation and strip all EXIF (GPS included) on publishing.
EXIF_DEMO = ("bt-kundulun-2023-003", "photo1.jpg")
FAKE_GPS = {"lat": (40, 39, 27.5), "lat_ref": "N", "lon": (109, 50, 31.2), "lon_ref": "E"}

IMAGE_REF = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")

THEME_KEYS = {
    "ningxin-zhuhun": ("凝心铸魂", "落实凝心铸魂"),
    "xinfeng-zhengqi": ("新风正气", "弘扬新风正气"),
    "jingshen-wenhua": ("精神文化", "丰富精神文化"),
    "bianmin-fuwu": ("便民服务", "聚焦便民服务"),
    "shequ-zhili": ("社区治理", "创新社区治理"),
    "fuwu-zhendi": ("服务阵地", "优化服务阵地"),
}
THEME_OF = {name: key for key, names in THEME_KEYS.items() for name in (key, *names)}
INDOOR_WORDS = ("室", "书店", "客厅", "大厅", "教室", "课堂里", "服务站")

SKIES = [  # (top, horizon): morning, noon, late afternoon, dusk, overcast, clear
    ((118, 170, 228), (222, 236, 248)),
    ((70, 140, 215), (190, 222, 245)),
    ((102, 150, 205), (250, 222, 180)),
    ((64, 72, 130), (246, 170, 120)),
    ((150, 165, 180), (215, 220, 226)),
    ((88, 160, 210), (236, 244, 230)),
]
CLOTHES = [
    (200, 60, 55),
    (236, 150, 60),
    (70, 120, 190),
    (60, 150, 110),
    (240, 200, 80),
    (150, 90, 170),
    (90, 90, 100),
    (230, 230, 235),
    (40, 110, 140),
    (180, 120, 80),
]
HEADS = [(60, 48, 40), (88, 70, 58), (120, 96, 80), (200, 200, 205), (45, 40, 38)]
WALLS = [
    (232, 220, 200),
    (210, 196, 180),
    (196, 210, 222),
    (236, 232, 224),
    (214, 180, 160),
    (180, 196, 190),
    (226, 206, 170),
    (170, 176, 190),
]
BANNERS = [(200, 40, 40), (214, 60, 45), (190, 30, 50), (230, 120, 30), (40, 110, 170)]


# ------------------------------------------------------------------ case files


def split_front_matter(text: str) -> tuple[str, str]:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return "", text
    end = text.find("\n---", 4)
    if end < 0:
        return "", text
    rest = text[end + 4 :]
    return text[4:end], rest.split("\n", 1)[1] if "\n" in rest else ""


def read_meta(front: str) -> dict:
    if yaml is not None:
        try:
            data = yaml.safe_load(front)
            if isinstance(data, dict):
                return data
        except yaml.YAMLError:
            pass
    meta: dict = {}
    for key in ("id", "cover", "area"):
        m = re.search(rf"^{key}:\s*(\S+)", front, re.M)
        if m:
            meta[key] = m.group(1).strip("'\"")
    m = re.search(r"^themes:\s*\[([^\]]*)\]", front, re.M)
    if m:
        meta["themes"] = [t.strip(" '\"") for t in m.group(1).split(",")]
    return meta


def wanted_images(case_dir: Path, meta: dict, body: str) -> list[tuple[str, str]]:
    """(relative path, alt text) of every local image the case refers to."""
    refs: list[tuple[str, str]] = []
    if isinstance(meta.get("cover"), str):
        refs.append((meta["cover"], "cover"))
    for alt, src in IMAGE_REF.findall(body):
        refs.append((src, alt))
    out, seen = [], set()
    for src, alt in refs:
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith(("/", "\\")):
            continue  # remote or absolute: not ours to draw
        target = (case_dir / src).resolve()
        if case_dir.resolve() not in target.parents:
            print(f"  skip {src}: outside the case folder", file=sys.stderr)
            continue
        if target.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            continue
        if src not in seen:
            seen.add(src)
            out.append((src, alt))
    return out


# ------------------------------------------------------------------ drawing helpers


def mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def shade(c, f):
    return tuple(max(0, min(255, int(v * f))) for v in c[:3])


def jitter(rng, c, amount=18):
    return tuple(max(0, min(255, v + rng.randint(-amount, amount))) for v in c[:3])


def vgradient(draw, box, top, bottom):
    x0, y0, x1, y1 = box
    h = max(1, y1 - y0)
    for y in range(y0, y1):
        draw.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / h))


def sky(img, rng, horizon, night=False):
    d = ImageDraw.Draw(img)
    top, bottom = rng.choice(SKIES) if not night else ((30, 36, 78), (96, 86, 140))
    vgradient(d, (0, 0, img.width, horizon + 4), jitter(rng, top, 10), jitter(rng, bottom, 10))
    return top, bottom, night


def glow_disc(img, center, radius, colour, glow=True):
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    cx, cy = center
    if glow:
        for i in range(6, 0, -1):
            r = radius * (1 + i * 0.35)
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=colour + (int(14 + 4 * (6 - i)),))
    d.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=colour + (255,))
    img.alpha_composite(layer)


def clouds(img, rng, horizon, count):
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    s = SCALE
    for _ in range(count):
        cx = rng.randint(0, img.width)
        cy = rng.randint(40 * s, max(60 * s, int(horizon * 0.55)))
        w = rng.randint(120, 260) * s
        alpha = rng.randint(150, 220)
        for _ in range(rng.randint(4, 7)):
            ox = rng.randint(-w // 2, w // 2)
            oy = rng.randint(-18 * s, 10 * s)
            r = rng.randint(28, 60) * s
            d.ellipse([cx + ox - r, cy + oy - r * 0.7, cx + ox + r, cy + oy + r * 0.7], fill=(255, 255, 255, alpha))
    layer = layer.filter(ImageFilter.GaussianBlur(3 * s))
    img.alpha_composite(layer)


def hills(draw, rng, width, horizon, layers):
    for i in range(layers):
        base = horizon - rng.randint(20, 120) * SCALE + i * 30 * SCALE
        amp = rng.randint(30, 90) * SCALE
        freq = rng.uniform(1.2, 3.0)
        phase = rng.uniform(0, math.tau)
        colour = mix((120, 160, 150), (60, 120, 70), i / max(1, layers - 1))
        colour = jitter(rng, colour, 12)
        pts = [(0, horizon + 200)]
        for x in range(0, width + 20, 20):
            y = base - amp * (0.5 + 0.5 * math.sin(freq * x / width * math.tau + phase))
            pts.append((x, y))
        pts.append((width, horizon + 200))
        draw.polygon(pts, fill=colour)


def tree(draw, rng, x, base, size, kind=None):
    kind = kind or rng.choice(["round", "round", "cone", "bamboo"])
    trunk = (110, 80, 55)
    green = jitter(rng, rng.choice([(60, 140, 70), (40, 110, 60), (90, 160, 80), (70, 125, 95)]), 12)
    if kind == "bamboo":
        for _ in range(rng.randint(3, 5)):
            bx = x + rng.randint(-size // 3, size // 3)
            h = size * rng.uniform(1.6, 2.4)
            draw.line([(bx, base), (bx + rng.randint(-8, 8), base - h)], fill=shade(green, 0.8), width=max(2, size // 14))
            for j in range(5):
                ly = base - h * (0.45 + j * 0.11)
                draw.ellipse([bx - size * 0.35, ly - size * 0.08, bx + size * 0.35, ly + size * 0.08], fill=jitter(rng, green, 15))
        return
    draw.rectangle([x - size * 0.07, base - size * 0.9, x + size * 0.07, base], fill=trunk)
    if kind == "cone":
        for j in range(3):
            w = size * (0.55 - j * 0.13)
            top = base - size * (1.0 + j * 0.45) - size * 0.5
            draw.polygon(
                [(x - w, base - size * (0.55 + j * 0.45)), (x + w, base - size * (0.55 + j * 0.45)), (x, top)],
                fill=shade(green, 1 - j * 0.06),
            )
    else:
        for _ in range(4):
            r = size * rng.uniform(0.32, 0.48)
            ox = rng.uniform(-0.3, 0.3) * size
            oy = -size * rng.uniform(0.95, 1.4)
            draw.ellipse([x + ox - r, base + oy - r, x + ox + r, base + oy + r], fill=jitter(rng, green, 10))


def figure(draw, rng, x, base, h, colour=None, armband=False, seated=False, hold=None):
    """An abstract person: a circle for the head and a rounded body. No face."""
    colour = colour or rng.choice(CLOTHES)
    head = rng.choice(HEADS)
    body_h = h * (0.45 if seated else 0.62)
    bw = h * 0.17
    top = base - body_h
    if not seated:  # legs
        leg = shade(rng.choice([(60, 60, 70), (40, 50, 80), (90, 80, 70)]), 1)
        draw.rounded_rectangle([x - bw * 0.8, base - h * 0.28, x - bw * 0.1, base], radius=bw * 0.3, fill=leg)
        draw.rounded_rectangle([x + bw * 0.1, base - h * 0.28, x + bw * 0.8, base], radius=bw * 0.3, fill=leg)
        top = base - h * 0.72
        body_bottom = base - h * 0.25
    else:
        body_bottom = base
    draw.rounded_rectangle([x - bw, top, x + bw, body_bottom], radius=bw * 0.9, fill=colour)
    if armband:
        ay = top + (body_bottom - top) * 0.28
        draw.rectangle([x - bw, ay, x - bw * 0.35, ay + h * 0.05], fill=(210, 30, 30))
    r = h * 0.13
    draw.ellipse([x - r, top - r * 2.05, x + r, top - r * 0.05], fill=head)
    if hold == "flag":
        draw.line([(x + bw, top + 4), (x + bw, top - h * 0.45)], fill=(90, 80, 70), width=max(2, int(h * 0.02)))
        draw.rectangle([x + bw, top - h * 0.45, x + bw + h * 0.22, top - h * 0.31], fill=(205, 35, 35))


def crowd(draw, rng, x0, x1, base, h, n, **kw):
    if n <= 0:
        return
    step = (x1 - x0) / n
    for i in range(n):
        x = x0 + step * (i + 0.5) + rng.uniform(-step * 0.2, step * 0.2)
        hh = h * rng.uniform(0.82, 1.08)
        figure(draw, rng, x, base + rng.uniform(-h * 0.03, h * 0.03), hh, **kw)


def lantern_string(draw, rng, x0, x1, y, sag, count):
    pts = []
    for i in range(41):
        t = i / 40
        pts.append((x0 + (x1 - x0) * t, y + sag * 4 * t * (1 - t)))
    draw.line(pts, fill=(70, 60, 55), width=2 * SCALE)
    colour = rng.choice([(220, 40, 40), (230, 60, 40), (240, 150, 40)])
    for i in range(1, count + 1):
        t = i / (count + 1)
        lx = x0 + (x1 - x0) * t
        ly = y + sag * 4 * t * (1 - t)
        w, hgt = 20 * SCALE, 26 * SCALE
        draw.line([(lx, ly), (lx, ly + 8 * SCALE)], fill=(70, 60, 55), width=SCALE)
        draw.ellipse([lx - w, ly + 8 * SCALE, lx + w, ly + 8 * SCALE + hgt * 2], fill=colour)
        draw.rectangle([lx - w * 0.45, ly + 5 * SCALE, lx + w * 0.45, ly + 10 * SCALE], fill=(230, 190, 60))
        draw.line([(lx, ly + 8 * SCALE + hgt * 2), (lx, ly + 8 * SCALE + hgt * 2 + 14 * SCALE)], fill=(230, 190, 60), width=2 * SCALE)


def bunting(draw, rng, x0, x1, y, sag):
    n = 14
    draw.line([(x0, y), ((x0 + x1) / 2, y + sag), (x1, y)], fill=(80, 70, 60), width=SCALE * 2)
    for i in range(n):
        t0, t1 = i / n, (i + 0.8) / n
        ax, bx = x0 + (x1 - x0) * t0, x0 + (x1 - x0) * t1
        ay = y + sag * (1 - abs(2 * t0 - 1))
        by = y + sag * (1 - abs(2 * t1 - 1))
        draw.polygon([(ax, ay), (bx, by), ((ax + bx) / 2, (ay + by) / 2 + 28 * SCALE)], fill=rng.choice(CLOTHES[:6]))


def banner(draw, rng, x0, y0, x1, y1, poles=True):
    """A plain colour block standing for a banner (no lettering)."""
    colour = rng.choice(BANNERS)
    if poles:
        draw.rectangle([x0 - 6 * SCALE, y0 - 10 * SCALE, x0, y1 + 160 * SCALE], fill=(120, 110, 100))
        draw.rectangle([x1, y0 - 10 * SCALE, x1 + 6 * SCALE, y1 + 160 * SCALE], fill=(120, 110, 100))
    draw.rectangle([x0, y0, x1, y1], fill=colour)
    stripe = shade(colour, 1.25)
    draw.rectangle([x0, y0, x1, y0 + (y1 - y0) * 0.12], fill=stripe)
    draw.rectangle([x0, y1 - (y1 - y0) * 0.12, x1, y1], fill=stripe)
    # a light band where lettering would be, broken into blocks
    cy = (y0 + y1) / 2
    k = rng.randint(5, 9)
    bw = (x1 - x0) * 0.8 / k
    for i in range(k):
        bx = x0 + (x1 - x0) * 0.1 + i * bw
        draw.rectangle([bx + bw * 0.15, cy - (y1 - y0) * 0.16, bx + bw * 0.85, cy + (y1 - y0) * 0.16], fill=shade(colour, 1.45))


def building(draw, rng, x, base, w, h, roof=None, windows=True, wall=None):
    wall = wall or jitter(rng, rng.choice(WALLS), 10)
    draw.rectangle([x, base - h, x + w, base], fill=wall)
    draw.rectangle([x + w * 0.82, base - h, x + w, base], fill=shade(wall, 0.88))
    roof = roof or rng.choice(["flat", "flat", "pitched", "eave"])
    if roof == "pitched":
        draw.polygon(
            [(x - w * 0.06, base - h), (x + w * 1.06, base - h), (x + w / 2, base - h - w * 0.35)],
            fill=rng.choice([(70, 70, 80), (150, 70, 55), (60, 65, 70)]),
        )
    elif roof == "eave":
        draw.polygon(
            [(x - w * 0.1, base - h), (x + w * 1.1, base - h), (x + w * 0.92, base - h - w * 0.16), (x + w * 0.08, base - h - w * 0.16)],
            fill=(55, 60, 70),
        )
    else:
        draw.rectangle([x - 3 * SCALE, base - h - 6 * SCALE, x + w + 3 * SCALE, base - h], fill=shade(wall, 0.8))
    if windows:
        glass = rng.choice([(120, 160, 200), (150, 185, 215), (90, 120, 150), (240, 220, 150)])
        cols = max(1, int(w / (38 * SCALE)))
        rows = max(1, int((h - 30 * SCALE) / (44 * SCALE)))
        cw, rh = w / cols, (h - 30 * SCALE) / rows
        for r in range(rows):
            for c in range(cols):
                if rng.random() < 0.08:
                    continue
                wx, wy = x + c * cw + cw * 0.25, base - h + 14 * SCALE + r * rh + rh * 0.2
                draw.rectangle([wx, wy, wx + cw * 0.5, wy + rh * 0.55], fill=jitter(rng, glass, 8))


def arcade(draw, rng, x, base, w, h):
    """A row of arcade (骑楼-like) arches along a street front."""
    wall = jitter(rng, rng.choice([(226, 206, 170), (214, 190, 160), (236, 222, 196)]), 8)
    building(draw, rng, x, base, w, h, roof="flat", wall=wall)
    n = max(3, int(w / (90 * SCALE)))
    aw = w / n
    for i in range(n):
        ax = x + i * aw
        draw.rectangle([ax + aw * 0.15, base - h * 0.32, ax + aw * 0.85, base], fill=shade(wall, 0.55))
        draw.ellipse([ax + aw * 0.15, base - h * 0.32 - aw * 0.35, ax + aw * 0.85, base - h * 0.32 + aw * 0.35], fill=shade(wall, 0.55))


def cottage(draw, rng, x, base, w):
    wall = jitter(rng, (238, 236, 228), 6)
    h = w * 0.55
    draw.rectangle([x, base - h, x + w, base], fill=wall)
    draw.polygon(
        [(x - w * 0.08, base - h), (x + w * 1.08, base - h), (x + w * 0.5, base - h - w * 0.3)],
        fill=rng.choice([(50, 55, 60), (70, 72, 78), (150, 80, 60)]),
    )
    draw.rectangle([x + w * 0.42, base - h * 0.55, x + w * 0.58, base], fill=(120, 90, 60))
    draw.rectangle([x + w * 0.12, base - h * 0.7, x + w * 0.3, base - h * 0.45], fill=(110, 140, 160))
    draw.rectangle([x + w * 0.7, base - h * 0.7, x + w * 0.88, base - h * 0.45], fill=(110, 140, 160))


def stage(draw, rng, x0, x1, base, h):
    draw.rectangle([x0, base - h * 0.18, x1, base], fill=(120, 80, 60))
    draw.rectangle([x0, base - h, x1, base - h * 0.9], fill=rng.choice(BANNERS))
    curtain = rng.choice([(170, 30, 40), (140, 30, 60), (190, 60, 40)])
    draw.polygon([(x0, base - h * 0.9), (x0 + (x1 - x0) * 0.16, base - h * 0.9), (x0, base - h * 0.18)], fill=curtain)
    draw.polygon([(x1, base - h * 0.9), (x1 - (x1 - x0) * 0.16, base - h * 0.9), (x1, base - h * 0.18)], fill=curtain)
    draw.rectangle([x0, base - h * 0.9, x1, base - h * 0.84], fill=shade(curtain, 1.2))


def canopy(draw, rng, x, base, w, h):
    top = jitter(rng, rng.choice([(220, 60, 50), (60, 130, 200), (240, 170, 50), (70, 160, 110)]), 10)
    for px in (x + w * 0.05, x + w * 0.95):
        draw.rectangle([px - 3 * SCALE, base - h, px + 3 * SCALE, base], fill=(150, 150, 150))
    draw.polygon(
        [(x - w * 0.05, base - h), (x + w * 1.05, base - h), (x + w * 0.8, base - h * 1.3), (x + w * 0.2, base - h * 1.3)], fill=top
    )
    for i in range(8):
        sx = x - w * 0.05 + i * w * 1.1 / 8
        draw.pieslice([sx, base - h - 14 * SCALE, sx + w * 1.1 / 8, base - h + 14 * SCALE], 0, 180, fill=shade(top, 0.85))
    draw.rectangle([x + w * 0.1, base - h * 0.42, x + w * 0.9, base - h * 0.36], fill=(245, 245, 240))
    draw.rectangle([x + w * 0.14, base - h * 0.36, x + w * 0.18, base], fill=(200, 200, 200))
    draw.rectangle([x + w * 0.82, base - h * 0.36, x + w * 0.86, base], fill=(200, 200, 200))


def bins(draw, rng, x, base, size):
    for i, c in enumerate([(40, 140, 80), (50, 110, 190), (200, 60, 50), (120, 120, 125)]):
        bx = x + i * size * 1.25
        draw.rounded_rectangle([bx, base - size * 1.3, bx + size, base], radius=size * 0.1, fill=c)
        draw.rectangle([bx - size * 0.06, base - size * 1.42, bx + size * 1.06, base - size * 1.28], fill=shade(c, 0.75))


def round_table(draw, rng, cx, base, w):
    draw.ellipse([cx - w / 2, base - w * 0.16, cx + w / 2, base + w * 0.06], fill=(160, 120, 80))
    draw.rectangle([cx - w * 0.03, base, cx + w * 0.03, base + w * 0.22], fill=(120, 90, 60))


# ------------------------------------------------------------------ scenes


def outdoor(rng, meta, theme):
    s = SCALE
    W, H = WIDTH * s, HEIGHT * s
    img = Image.new("RGBA", (W, H))
    horizon = int(H * rng.uniform(0.52, 0.62))
    night = theme == "jingshen-wenhua" and rng.random() < 0.4
    sky(img, rng, horizon, night)
    sun_x = rng.randint(int(W * 0.08), int(W * 0.92))
    sun_y = rng.randint(int(H * 0.1), int(horizon * 0.5))
    if night:
        glow_disc(img, (sun_x, sun_y), 34 * s, (245, 240, 210))
    else:
        glow_disc(img, (sun_x, sun_y), rng.randint(38, 58) * s, rng.choice([(255, 226, 120), (255, 240, 180), (255, 200, 110)]))
        clouds(img, rng, horizon, rng.randint(2, 5))
    d = ImageDraw.Draw(img)
    rural = meta.get("area") == "农村"
    if rural:
        hills(d, rng, W, horizon, rng.randint(2, 3))
        ground_top = horizon
        field = jitter(rng, rng.choice([(120, 170, 80), (150, 180, 90), (110, 150, 70)]), 10)
        vgradient(d, (0, ground_top, W, H), field, shade(field, 0.8))
        # fields in stripes towards the horizon
        for i in range(6):
            y = ground_top + (H - ground_top) * (i / 6) ** 1.6
            d.line([(0, y), (W, y)], fill=shade(field, 0.88), width=2 * s)
        x = rng.randint(-40, 80) * s
        while x < W:
            if rng.random() < 0.55:
                w = rng.randint(150, 230) * s
                cottage(d, rng, x, ground_top + rng.randint(10, 40) * s, w)
                x += w + rng.randint(30, 140) * s
            else:
                tree(d, rng, x + 40 * s, ground_top + rng.randint(20, 50) * s, rng.randint(70, 110) * s)
                x += rng.randint(90, 200) * s
    else:
        x = -rng.randint(0, 60) * s
        street_front = rng.random() < 0.35
        while x < W:
            w = rng.randint(140, 280) * s
            h = rng.randint(180, 420) * s
            if street_front and rng.random() < 0.5:
                arcade(d, rng, x, horizon + 20 * s, w, int(h * 0.7))
            else:
                building(d, rng, x, horizon + 20 * s, w, h)
            x += w + rng.randint(0, 30) * s
        ground_top = horizon + 20 * s
        pave = jitter(rng, rng.choice([(200, 196, 186), (186, 180, 170), (214, 206, 190), (176, 186, 176)]), 8)
        vgradient(d, (0, ground_top, W, H), pave, shade(pave, 0.86))
        for i in range(1, 9):  # paving joints
            y = ground_top + (H - ground_top) * (i / 9) ** 1.4
            d.line([(0, y), (W, y)], fill=shade(pave, 0.93), width=s)
    base = int(H * rng.uniform(0.84, 0.92))
    fig_h = rng.randint(150, 200) * s
    motif(d, rng, theme, W, H, ground_top, base, fig_h, rural)
    # trees framing the picture
    for side in (0, 1):
        if rng.random() < 0.6:
            tx = rng.randint(20, 110) * s if side == 0 else W - rng.randint(20, 110) * s
            tree(d, rng, tx, H - rng.randint(10, 60) * s, rng.randint(150, 210) * s)
    return img


def motif(d, rng, theme, W, H, ground_top, base, fig_h, rural):
    s = SCALE
    if theme == "ningxin-zhuhun":
        bx0 = rng.randint(200, 360) * s
        banner(d, rng, bx0, ground_top - 190 * s, W - bx0, ground_top - 110 * s)
        # a small lectern and rows of seated listeners
        lx = W // 2 + rng.randint(-120, 120) * s
        figure(d, rng, lx, ground_top + 110 * s, fig_h * 0.8, colour=(60, 70, 90))
        d.rectangle([lx + 30 * s, ground_top + 40 * s, lx + 95 * s, ground_top + 110 * s], fill=(150, 60, 50))
        for row in range(2):
            y = base - row * 70 * s
            crowd(d, rng, 120 * s + row * 60 * s, W - 120 * s - row * 60 * s, y, fig_h * (1 - 0.12 * row), rng.randint(6, 9), seated=True)
    elif theme == "xinfeng-zhengqi":
        for _ in range(rng.randint(4, 7)):
            tree(
                d,
                rng,
                rng.randint(80, WIDTH - 80) * s,
                ground_top + rng.randint(30, 90) * s,
                rng.randint(60, 100) * s,
                kind=rng.choice(["round", "cone", "bamboo"]),
            )
        bins(d, rng, rng.randint(80, 300) * s, base - 20 * s, 46 * s)
        crowd(d, rng, W * 0.45, W * 0.92, base, fig_h, rng.randint(3, 5))
        if not rural and rng.random() < 0.6:
            bunting(d, rng, 0, W, ground_top - 160 * s, 60 * s)
    elif theme == "jingshen-wenhua":
        sx0 = rng.randint(160, 320) * s
        stage(d, rng, sx0, W - sx0, ground_top + 120 * s, 300 * s)
        crowd(d, rng, sx0 + 80 * s, W - sx0 - 80 * s, ground_top + 100 * s, fig_h * 0.75, rng.randint(3, 4), colour=rng.choice(CLOTHES[:6]))
        lantern_string(d, rng, 0, W, ground_top - 240 * s, 80 * s, rng.randint(5, 8))
        crowd(d, rng, 60 * s, W - 60 * s, base + 30 * s, fig_h * 1.05, rng.randint(7, 10), seated=True)
    elif theme == "bianmin-fuwu":
        cw = rng.randint(300, 420) * s
        cx = rng.randint(120, WIDTH - 120) * s - cw // 2
        cx = max(40 * s, min(W - cw - 40 * s, cx))
        canopy(d, rng, cx, base - 40 * s, cw, 260 * s)
        crowd(d, rng, cx + cw * 0.15, cx + cw * 0.85, base - 60 * s, fig_h * 0.8, 2, colour=(240, 120, 40))
        side = rng.choice([(40 * s, cx - 20 * s), (cx + cw + 20 * s, W - 40 * s)])
        crowd(d, rng, side[0], side[1], base, fig_h, max(1, int((side[1] - side[0]) / (110 * s))))
        lantern_string(d, rng, 0, W, ground_top - 200 * s, 50 * s, rng.randint(4, 7))
    elif theme == "shequ-zhili":
        if rng.random() < 0.5:
            crowd(
                d,
                rng,
                W * 0.12,
                W * 0.88,
                base,
                fig_h,
                rng.randint(4, 6),
                armband=True,
                colour=rng.choice([(240, 120, 40), (200, 60, 55), (70, 120, 190)]),
            )
        else:
            cx = W // 2 + rng.randint(-150, 150) * s
            round_table(d, rng, cx, base - 60 * s, 420 * s)
            for i in range(6):
                a = math.pi * (0.1 + 0.8 * i / 5)
                figure(d, rng, cx - math.cos(a) * 250 * s, base - 40 * s - math.sin(a) * 30 * s, fig_h * 0.9, seated=True)
        bunting(d, rng, 0, W, ground_top - 180 * s, 50 * s)
    else:  # fuwu-zhendi: a service centre with a banner over the door
        w = rng.randint(560, 760) * s
        x = (W - w) // 2 + rng.randint(-120, 120) * s
        wall = jitter(rng, rng.choice([(238, 232, 220), (226, 220, 206), (214, 224, 230)]), 6)
        building(d, rng, x, ground_top + 80 * s, w, rng.randint(300, 380) * s, roof="eave", wall=wall)
        banner(d, rng, x + w * 0.15, ground_top - 80 * s, x + w * 0.85, ground_top - 20 * s, poles=False)
        d.rectangle([x + w * 0.4, ground_top - 10 * s, x + w * 0.6, ground_top + 80 * s], fill=(90, 110, 130))
        for fx in (x - 60 * s, x + w + 60 * s):
            d.rectangle([fx - 3 * s, ground_top - 220 * s, fx + 3 * s, ground_top + 80 * s], fill=(150, 150, 150))
            d.rectangle([fx + 3 * s, ground_top - 220 * s, fx + 90 * s, ground_top - 160 * s], fill=rng.choice(BANNERS))
        crowd(d, rng, W * 0.1, W * 0.9, base, fig_h, rng.randint(4, 7))


def indoor(rng, meta, theme):
    s = SCALE
    W, H = WIDTH * s, HEIGHT * s
    img = Image.new("RGBA", (W, H))
    d = ImageDraw.Draw(img)
    floor_y = int(H * rng.uniform(0.58, 0.66))
    wall = jitter(rng, rng.choice([(240, 228, 206), (230, 222, 210), (222, 232, 226), (244, 236, 220)]), 6)
    vgradient(d, (0, 0, W, floor_y), shade(wall, 1.03), shade(wall, 0.92))
    floor = jitter(rng, rng.choice([(170, 130, 95), (190, 160, 120), (150, 120, 100)]), 8)
    vgradient(d, (0, floor_y, W, H), floor, shade(floor, 0.8))
    for i in range(1, 12):  # floor boards in perspective
        x = W * i / 12
        d.line([(W / 2 + (x - W / 2) * 0.45, floor_y), (x + (x - W / 2) * 0.6, H)], fill=shade(floor, 0.9), width=s)
    # a window with a sky and a tree outside
    window_left = rng.random() < 0.5
    ww, wh = rng.randint(300, 420) * s, rng.randint(200, 260) * s
    wx0 = rng.randint(60, 160) * s if window_left else W - ww - rng.randint(60, 160) * s
    wy0 = floor_y - wh - rng.randint(60, 120) * s
    top, bottom = rng.choice(SKIES)
    vgradient(d, (wx0, wy0, wx0 + ww, wy0 + wh), top, bottom)
    tree(d, rng, wx0 + ww * 0.7, wy0 + wh, int(wh * 0.45), kind="round")
    d.rectangle([wx0 - 10 * s, wy0 - 10 * s, wx0 + ww + 10 * s, wy0 + wh + 10 * s], outline=(250, 250, 250), width=10 * s)
    d.line([(wx0 + ww / 2, wy0), (wx0 + ww / 2, wy0 + wh)], fill=(250, 250, 250), width=8 * s)
    # a bookshelf or a colour banner on the other side of the wall
    bx = rng.randint(640, 760) * s if window_left else rng.randint(60, 180) * s
    if rng.random() < 0.55:
        d.rectangle([bx, floor_y - 330 * s, bx + 320 * s, floor_y], fill=(130, 95, 65))
        for r in range(4):
            y = floor_y - 320 * s + r * 80 * s
            d.rectangle([bx + 10 * s, y, bx + 310 * s, y + 70 * s], fill=(90, 65, 45))
            x = bx + 14 * s
            while x < bx + 300 * s:
                bw = rng.randint(10, 22) * s
                d.rectangle([x, y + rng.randint(6, 20) * s, x + bw, y + 68 * s], fill=rng.choice(CLOTHES))
                x += bw + 2 * s
    else:
        banner(d, rng, bx, floor_y - 320 * s, bx + 360 * s, floor_y - 230 * s, poles=False)
        for k in range(3):  # framed colour cards below
            fx = bx + k * 125 * s
            d.rectangle(
                [fx, floor_y - 200 * s, fx + 100 * s, floor_y - 120 * s], fill=rng.choice(CLOTHES[:6]), outline=(250, 250, 250), width=4 * s
            )
    if theme == "jingshen-wenhua" or rng.random() < 0.3:
        lantern_string(d, rng, 0, W, 40 * s, 60 * s, rng.randint(4, 6))
    # a long table with people sitting around it
    ty = int(H * rng.uniform(0.78, 0.84))
    tx0, tx1 = rng.randint(140, 260) * s, W - rng.randint(140, 260) * s
    n = rng.randint(3, 5)
    crowd(d, rng, tx0, tx1, ty - 10 * s, 170 * s, n, seated=True)
    d.rounded_rectangle([tx0, ty, tx1, ty + 40 * s], radius=10 * s, fill=jitter(rng, (205, 175, 130), 10))
    d.rectangle([tx0 + 20 * s, ty + 40 * s, tx0 + 36 * s, H], fill=(140, 110, 80))
    d.rectangle([tx1 - 36 * s, ty + 40 * s, tx1 - 20 * s, H], fill=(140, 110, 80))
    for _ in range(rng.randint(2, 4)):  # cups and books on the table
        cx = rng.randint(tx0 // s + 40, tx1 // s - 60) * s
        if rng.random() < 0.5:
            d.rectangle([cx, ty - 14 * s, cx + 22 * s, ty + 4 * s], fill=(250, 250, 250))
        else:
            d.rectangle([cx, ty - 8 * s, cx + 60 * s, ty + 6 * s], fill=rng.choice(CLOTHES))
    return img


def draw_picture(case_id: str, name: str, meta: dict, alt: str) -> Image.Image:
    seed = int.from_bytes(hashlib.sha256(f"{case_id}/{name}".encode()).digest()[:8], "big")
    rng = random.Random(seed)
    themes = meta.get("themes") or []
    theme = THEME_OF.get(str(themes[0])) if themes else None
    if theme is None:
        theme = rng.choice(sorted(THEME_KEYS))
    inside = name != meta.get("cover") and any(w in alt for w in INDOOR_WORDS)
    img = indoor(rng, meta, theme) if inside else outdoor(rng, meta, theme)
    img = img.convert("RGB").resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    return img


# ------------------------------------------------------------------ writing


def exif_with_orientation_and_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the stored pixels must be turned 90° clockwise
    exif[0x010F] = "Sample Camera"  # Make
    exif[0x0110] = "Demo 1"  # Model
    exif[0x0131] = "make_sample_photos.py"  # Software
    gps = exif.get_ifd(0x8825)  # GPS IFD: a fake position, for the stripping test
    gps[0x0000] = b"\x02\x03\x00\x00"  # GPSVersionID
    gps[0x0001] = FAKE_GPS["lat_ref"]
    gps[0x0002] = tuple(IFDRational(v) for v in FAKE_GPS["lat"])
    gps[0x0003] = FAKE_GPS["lon_ref"]
    gps[0x0004] = tuple(IFDRational(v) for v in FAKE_GPS["lon"])
    return exif


def save(img: Image.Image, path: Path, exif: Image.Exif | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".png":
        img.save(path, "PNG", optimize=True)
        return
    kwargs = {"exif": exif} if exif is not None else {}
    quality = QUALITY
    while True:
        img.save(path, "JPEG", quality=quality, optimize=True, **kwargs)
        if path.stat().st_size <= MAX_BYTES or quality <= 50:
            return
        quality -= 5


def main(argv: list[str]) -> int:
    force = "--force" in argv
    args = [a for a in argv if a != "--force"]
    cases_dir = Path(args[0]) if args else ROOT / "cases"
    if not cases_dir.is_dir():
        print(f"no such folder: {cases_dir}", file=sys.stderr)
        return 1
    written = kept = 0
    for index in sorted(cases_dir.rglob("index.md")):
        case_dir = index.parent
        try:
            front, body = split_front_matter(index.read_text("utf-8"))
        except UnicodeDecodeError:
            print(f"  skip {index}: not UTF-8", file=sys.stderr)
            continue
        meta = read_meta(front)
        case_id = str(meta.get("id") or case_dir.name)
        for rel, alt in wanted_images(case_dir, meta, body):
            target = case_dir / rel
            if target.exists() and not force:
                kept += 1
                continue
            img = draw_picture(case_id, rel, meta, alt)
            exif = None
            if (case_id, rel) == EXIF_DEMO and target.suffix.lower() in (".jpg", ".jpeg"):
                # Store the upright picture turned 90° counter-clockwise; Orientation 6
                # tells viewers to turn it back clockwise. Together with the GPS IFD this
                # demonstrates that the site normalises orientation and strips metadata.
                img = img.transpose(Image.Transpose.ROTATE_90)
                exif = exif_with_orientation_and_gps()
            save(img, target, exif)
            written += 1
            print(f"  wrote {target.relative_to(cases_dir)} ({target.stat().st_size // 1024} KB)")
    print(f"{written} image(s) written, {kept} already present")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
