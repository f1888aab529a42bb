"""Printing diagnostics: plain text, JSON, or GitHub workflow commands."""

from __future__ import annotations

import json
from pathlib import Path

from ..case.model import SUMMARY_ORDER
from ..diagnostics import Diagnostic
from .guide import GuideLinks

GUIDE_LABEL = "详见：投稿指南"


def summary_line(summary: dict[str, int]) -> str:
    # a file not read, or a status not one of these: in no state (a review: the counts did not add up)
    unknown = summary["cases"] - sum(summary[state.value] for state in SUMMARY_ORDER)
    return (
        f"共 {summary['cases']} 个案例："
        + "，".join(f"{state.label} {summary[state.value]}" for state in SUMMARY_ORDER)
        + (f"，状态读不出 {unknown}" if unknown > 0 else "")
        # The states are what the files say; a case with an error is on no site, whatever its state.
        + (f"，其中 {summary['invalid']} 个有错误（改好之前，整个网站都不能生成和发布）" if summary.get("invalid") else "")
        + f"；错误 {summary['errors']} 处，警告 {summary['warnings']} 处。"
    )


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
