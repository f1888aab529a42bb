"""Shared helpers for the core tests: a valid case to edit, images made by hand."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from PIL import Image
from showcase.core.case.model import Case
from showcase.core.collection.loading import load_case
from showcase.core.collection.settings import Settings
from showcase.core.diagnostics import Diagnostic

from tests.support.images import png_claiming as support_png_claiming

TODAY = date(2025, 1, 1)

# The example of the contract (case-format.md), with a body image. Line numbers matter:
# tests point at them, so keep this text as it is and edit copies with ``edit``.
VALID = """\
---
id: gz-yuexiu-2023-001
title: 北京街道老年人协会“银龄互助”守望空巢老人
summary: 北京街道老年人协会组织低龄老人结对帮扶高龄空巢老人，提供助餐、陪诊和心理疏导，两年服务4800人次。
themes: [便民服务, 新风正气]
organization:
  name: 越秀区北京街道老年人协会
  category: 社区事务类
  registration: 备案
region:
  province: 广东省
  city: 广州市
  county: 越秀区
  street: 北京街道
area: 城市
date: 2023-03-01
status: published
review:
  reviewer: 越秀区民政局
  approved: 2023-12-20
brands: [邻里守望]
beneficiaries: [空巢老人]
volunteers: 86
served: 4800
cover: photo1.jpg
---

## 基本情况

北京街道位于广州老城区核心地带，60岁以上居民约占常住人口的三成。

![志愿者陪同老人就医](img/photo2.jpg)
"""

# line numbers in VALID
LINE = {
    "id": 2,
    "title": 3,
    "summary": 4,
    "themes": 5,
    "organization": 6,
    "organization.name": 7,
    "organization.category": 8,
    "organization.registration": 9,
    "region": 10,
    "region.province": 11,
    "region.city": 12,
    "area": 15,
    "date": 16,
    "status": 17,
    "review": 18,
    "review.reviewer": 19,
    "review.approved": 20,
    "brands": 21,
    "beneficiaries": 22,
    "volunteers": 23,
    "served": 24,
    "cover": 25,
    "body": 28,
    "image": 32,
}


def edit(text: str, old: str, new: str) -> str:
    """Replace exactly one occurrence (a test that edits nothing would prove nothing)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def settings(**changes) -> Settings:
    base = {"today": TODAY, "check_images": False}
    base.update(changes)
    return Settings(**base)


def load(text: str | bytes, path: Path = Path("cases/x/index.md"), **changes) -> Case:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_case(path, settings(**changes), data=data)


def found(case_or_diags: Case | list[Diagnostic], *, unused: bool = False) -> list[tuple[int, str, str]]:
    """(line, severity, code) of every diagnostic, in order; without the reminder of files
    the case does not use (``unused``: with it), which the files these tests lay beside a
    case for other rules draw (tests/core/test_collection.py tests it)."""
    items = case_or_diags.diagnostics if isinstance(case_or_diags, Case) else case_or_diags
    return [(d.line, d.severity.value, d.code) for d in items if unused or d.code != "unused-file"]


def codes(case: Case) -> list[str]:
    return [d.code for d in case.diagnostics]


def only(case: Case, code: str) -> Diagnostic:
    matches = [d for d in case.diagnostics if d.code == code]
    assert len(matches) == 1, found(case)
    return matches[0]


# -- images ----------------------------------------------------------------------------


def jpeg(size: tuple[int, int] = (16, 12), colour: str = "red", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", **save)
    return buffer.getvalue()


def png(size: tuple[int, int] = (16, 12), mode: str = "RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG", **save)
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a canvas of width x height (a decompression bomb's header)."""
    return support_png_claiming(width, height, filler=7)


def write_case(folder: Path, text: str | bytes, images: dict[str, bytes] | None = None) -> Path:
    """A case folder with its index.md and images (by default those VALID uses)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "index.md"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    if images is None:
        images = {"photo1.jpg": jpeg(), "img/photo2.jpg": jpeg((8, 8), "blue")}
    for name, data in images.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return path
