"""Printing diagnostics: plain text, JSON, or GitHub workflow commands."""

from __future__ import annotations

import json
from pathlib import Path

from ..collection.loading import summary_line
from ..diagnostics import Diagnostic
from .guide import GuideLinks

GUIDE_LABEL = "详见：投稿指南"


def as_text(diagnostics: list[Diagnostic], summary: dict[str, int], cwd: Path | None = None, guide: GuideLinks | None = None) -> str:
    """``PATH:LINE: severity [code] message`` first, then the hint and the guide link."""
    lines = [d.format(cwd) + (f"\n    {GUIDE_LABEL} {guide.url(d.code)}" if guide else "") for d in diagnostics]
    lines.append(summary_line(summary))
    return "\n".join(lines)


def as_json(diagnostics: list[Diagnostic], summary: dict[str, int], cwd: Path | None = None, guide: GuideLinks | None = None) -> str:
    items = [d.as_dict(cwd) | ({"guide": guide.url(d.code)} if guide else {}) for d in diagnostics]
    return json.dumps({"diagnostics": items, "summary": summary}, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(diagnostics: list[Diagnostic], summary: dict[str, int], cwd: Path | None = None, guide: GuideLinks | None = None) -> str:
    """GitHub Actions workflow commands, so problems show on the changed lines."""
    lines = []
    for d in diagnostics:
        props = f"file={_escape_property(d.display_path(cwd))},line={d.line},title={_escape_property(d.code)}"
        text = d.message + (f"\n提示：{d.hint}" if d.hint else "") + (f"\n{GUIDE_LABEL} {guide.url(d.code)}" if guide else "")
        lines.append(f"::{d.severity.value} {props}::{_escape_data(text)}")
    lines.append(summary_line(summary))
    return "\n".join(lines)


FORMATS = {"text": as_text, "json": as_json, "github": as_github}
