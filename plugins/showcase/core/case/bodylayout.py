"""What a first-timer writes in the body that Markdown joins into one paragraph: lines
pasted from Word as a list (● 堂食… / ● 送餐…, 1、… / 2、…), a Word table pasted as lines
whose cells a tab parts (项目名称<TAB>邻里帮帮团: a writer's trial, published as one run-on
paragraph) and words on the line under a photo, meant as its caption. The page shows them
run together; all are warnings, said once for each run of lines, with what to write
instead (a community worker's trial)."""

from __future__ import annotations

import re

from ..diagnostics import DiagnosticList

# A list item as Word and WPS paste it: a bullet sign, or a number with 、 or ）.
_ITEM = re.compile(r"^\s*(?:[●•·◆◇■□▪▫○◎★☆►▶√✓※]|(?:\d{1,2}|[一二三四五六七八九十]{1,3})、|[（(]\d{1,2}[)）])\s*\S")
_IMAGE_ALONE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
# Lines Markdown gives a meaning of their own: not text run on from the line before.
_OWN_LINE = re.compile(r"^\s*(?:[-*+>#|!<]|\d+[.)]\s|```|~~~)")
# A first look over the whole body (every Chinese text has 、, not at a line's start)
_CANDIDATE = re.compile(r"^\s*(?:[●•·◆◇■□▪▫○◎★☆►▶√✓※]|\d{1,2}、|[一二三四五六七八九十]{1,3}、|[（(]\d|!\[)", re.MULTILINE)


# A line of a Word table pasted as text: words, a tab, words (an indented code line aside).
_TAB_ROW = re.compile(r"^(?! {4}|\t)[^\t\n]*\S[^\t\n]*\t+[^\t\n]*\S")


def check_layout(body: str, body_line: int, diags: DiagnosticList) -> None:
    if "\t" in body:
        _pasted_table(body.split("\n"), body_line, diags)
    if not _CANDIDATE.search(body):
        return
    lines = body.split("\n")
    fenced = False
    run = 0  # list-like lines in a row, with no blank line between
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced, run = not fenced, 0
            continue
        if fenced:
            continue
        if _ITEM.match(line):
            run += 1
            if run == 2:
                diags.warning(
                    body_line + index - 1,
                    "body-list",
                    "从这一行起的几行像列表，但在网页上会连成一段。",
                    "每一项前面写“- ”（减号加空格），例如 - 堂食：……；带编号的写“1. ”；或在各项之间空一行。",
                )
        else:
            run = 0
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _IMAGE_ALONE.match(line) and following.strip() and not _OWN_LINE.match(following):
            diags.warning(
                body_line + index + 1,
                "body-caption",
                "图片下一行的文字会和图片连在一起，不会成为图片说明。",
                "图片说明写在 ![ ] 的方括号里，例如 ![志愿者为独居老人送午餐](photo1.jpg)；这行文字是正文时，在图片和它之间空一行。",
            )


def _pasted_table(lines: list[str], body_line: int, diags: DiagnosticList) -> None:
    """A warning at the first of two or more lines in a row whose cells a tab parts."""
    run = 0
    for index, line in enumerate(lines):
        run = run + 1 if _TAB_ROW.match(line) and not line.lstrip().startswith("|") else 0
        if run == 2:
            diags.warning(
                body_line + index - 1,
                "body-table-tabs",
                "从这一行起的几行像是从 Word 表格复制来的（格子之间是制表符），在网页上会连成一段，看不出表格。",
                "写成表格：第一行 | 项目 | 内容 |，第二行 | --- | --- |，下面每行一格一格用 | 隔开；"
                "或者每项写成“项目：内容”，各项之间空一行。",
            )
