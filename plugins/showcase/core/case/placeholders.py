"""Placeholders left from the case template (``showcase new``).

A new case is written with 【请填写…】 markers so that it passes the check and shows
in the preview at once. While the case is a draft each marker left is a warning;
a case sent to review or published with a marker left is an error, so that template
words never reach the public site.
"""

from __future__ import annotations

from ..diagnostics import DiagnosticList
from .model import Status

MARKER = "【请填写"


def scan(text: str, status: Status | None, diags: DiagnosticList, body_line: int = 0) -> None:
    """Report each line that still holds a template placeholder. ``body_line``: where the
    loader found the body to start (``source.split``), 0 without front matter."""
    if MARKER not in text:
        return
    draft = status in (None, Status.DRAFT)
    lines = text.split("\n")
    # the front matter's closing line (0-based): before it, a marker after " #" is a YAML
    # comment the import left
    closing = max(body_line - 2, 0)
    for index, line in enumerate(lines):
        if MARKER not in line or (index < closing and line.lstrip().startswith("#")):  # a YAML comment; in the body, a heading
            continue
        comment = line.find(" #")
        if not draft and index < closing and 0 <= comment < line.find(MARKER):
            diags.error(
                index + 1,
                "placeholder",
                f"状态是 {status.value if status else ''} 的案例里，这一行末尾还留着导入时的提示注释（#【请填写】…）。",
                "值已经改好的话，把行末从 # 开始的注释删掉；还没改好，先按注释改好值，再删掉注释。",
            )
            continue
        if draft:
            diags.warning(
                index + 1,
                "placeholder",
                "这里还是模板里的【请填写】提示，需要换成案例的内容。",
                "草稿可以先留着；提交审核（status: review）之前必须填好。",
            )
        else:
            diags.error(
                index + 1,
                "placeholder",
                f"状态是 {status.value if status else ''} 的案例里还有模板的【请填写】提示。",
                "把【请填写……】换成案例的真实内容，或把 status 改回 draft。",
            )
