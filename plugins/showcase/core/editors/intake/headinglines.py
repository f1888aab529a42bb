"""Headings a write-up typed as lines: 一、 or （一） numbered by hand (not a list typed so),
and a section's name alone in bold; Word's own heading levels shifted so the highest is ##."""

from __future__ import annotations

import functools
import re
from collections import Counter
from itertools import pairwise

from ...packaged import read_packaged
from .markdown import (
    Block,
    heading_number,
    inline,
    numbered_heading,
)


def _typed_lists(items: list[Block]) -> set[int]:
    """The paragraphs (by index) numbered 一、 or （一） by hand that are items of a list: a
    run of such lines, nothing written between them, two of one level next to each other
    (三项服务： 一、助餐 二、助浴 三、陪诊), not one alone of its level in the run (二、工作成效
    right after the list). Made headings, their numbers went too (## 助餐). 一、基本情况 then
    （一）建队伍, nothing written under the first, are headings still; so are 一、基本情况
    二、主要做法, nothing under the first, when the headings of their level go on from them
    (三、工作成效 next) or they from them (四、经验启示 五、下一步打算 after 三、), and no
    line ending in ：introduces them (a helper's trial: both were paragraphs)."""
    found: set[int] = set()
    numbered = {
        index: (line[0], heading_number(block.plain))
        for index, block in enumerate(items)
        if block.kind == "para" and (line := numbered_heading(block.plain)) is not None
    }

    def beside(run: list[int], level: int, step: int) -> int | None:
        """The number of the line of ``level`` or higher next to ``run`` (step 1: after it, -1: before), when of ``level``."""
        at = run[-1] + 1 if step > 0 else run[0] - 1
        while 0 <= at < len(items):
            if at in numbered and numbered[at][0] <= level:
                return numbered[at][1] if numbered[at][0] == level else None
            if items[at].kind == "heading":
                return None
            at += step
        return None

    def sections(run: list[int], level: int) -> bool:
        """Whether the lines of ``level`` in ``run`` are headings: numbered one after another as the headings around them."""
        own = [numbered[at][1] for at in run if numbered[at][0] == level]
        lead = items[run[0] - 1] if run[0] > 0 else None
        if lead is not None and lead.kind == "para" and lead.plain.rstrip().endswith(("：", ":")):
            return False
        if None in own or any(b != a + 1 for a, b in pairwise(own)):  # type: ignore[operator]
            return False
        after, before = beside(run, level, 1), beside(run, level, -1)
        return (after is not None and after == own[-1] + 1) or (before is not None and before == own[0] - 1)  # type: ignore[operator]

    run: list[int] = []
    for index in range(len(items) + 1):
        if index in numbered:
            run.append(index)
            continue
        if any(numbered[a][0] == numbered[b][0] for a, b in pairwise(run)):
            many = Counter(numbered[at][0] for at in run)
            listed = {level for level in many if many[level] > 1 and not sections(run, level)}
            found.update(at for at in run if numbered[at][0] in listed)  # the next section's 二、 is its heading
        run = []
    return found


BOLD_ONLY = re.compile(r"(?:\*\*[^*]+\*\*[ \u3000]*)+")


_BRACKETED = re.compile(r"^[【\[〔［](?P<text>[^【】\[\]〔〕［］]+)[】\]〕］]$")


_BOLD_HEADING_LENGTH = 30


# not a section's name though bold and alone: a sentence's marks inside it (有困难，找红马甲;
# 注：以上数据…), a point of a list (一是…, 第一…), a day (2023年3月5日): a review made them ##
_NOT_A_SECTION = re.compile(
    # …, a figure or a day (开展活动300余场, 表1 2023年…, 2023年3月5日), two phrases (邻里一家亲 幸福万家春): a review's
    r"[，,：:；;、。！？!?\d\s\u3000]|^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]|首先|其次|最后|注)"
)


_ARABIC_ITEM = re.compile(r"^\d{1,2}\s*[.、．]\s*(?=\S)")  # 1.结对帮扶: a point under a bold section name
# A WeChat article's section number, zero-padded (01 活动背景, 02｜活动内容): no part of the
# section's name (an organization's trial: three such bold lines stayed bold paragraphs)
_SECTION_NUMBER = re.compile(r"^0\d(?:\s*[.、．|｜/]\s*|[\s\u3000]+)(?=\S)")


def _unnumbered(plain: str) -> str:
    return _SECTION_NUMBER.sub("", plain, count=1)


def _bold_lines(items: list[Block], listed: set[int], *, top: bool) -> list[int]:
    """The paragraphs (by index) that are headings written as bold text alone: Word's
    own heading styles unused, a section's name typed on a line of its own and made bold
    (基本情况, 【主要做法】, 1.结对帮扶), as many organizations write. A helper's trial
    published them as bold paragraphs, the case page without its sections. A line is one when
    it is all bold, short, holds no mark of a sentence and is no point of a list or a day
    (``_NOT_A_SECTION``), has something after it that is not another such line (unless that
    one is a numbered point under it), and the write-up has two of them at least (one bold
    line may be a phrase stressed)."""
    found = [
        index
        for index, block in enumerate(items)
        if block.kind == "para"
        and index not in listed
        and numbered_heading(block.plain) is None
        and len(block.plain) <= _BOLD_HEADING_LENGTH
        and _NOT_A_SECTION.search(_ARABIC_ITEM.sub("", _unnumbered(block.plain), count=1)) is None
        and BOLD_ONLY.fullmatch(block.text.strip()) is not None
    ]
    kept = set(found)

    def stands(at: int) -> bool:
        after = items[at + 1] if at + 1 < len(items) else None
        if after is None or after.kind in ("heading", "table"):  # over a table: its title (表1 …)
            return False
        if after.kind == "para" and after.plain.startswith(("“", '"', "「", "‘")):  # a speaker's name before a quote
            return False
        numbered_after = after.kind == "para" and (numbered_heading(after.plain) is not None or _ARABIC_ITEM.match(after.plain) is not None)
        return at + 1 not in kept or (numbered_after and _ARABIC_ITEM.match(_unnumbered(items[at].plain)) is None)

    found = [at for at in found if stands(at)]
    # as a write-up's own sections (no heading above them), one at least names a section as
    # write-ups name them (情况, 做法, 成效…: data/section-words.yml): two bold slogans (有困难找红马甲,
    # 邻里一家亲) were two sections (a review); under headings they are its points (建阵地, 办活动)
    words = section_words()
    named = not top or any(any(word in items[at].plain for word in words) for at in found)
    return found if len(found) >= 2 and named else []


@functools.cache
def section_words() -> tuple[str, ...]:
    return tuple(read_packaged("section-words.yml")["words"])


def set_headings(items: list[Block]) -> list[Block]:
    """Word's heading levels shifted so the highest is ##; “一、…” / “（一）…” lines made
    headings, not the items of a list typed so (``_typed_lists``); bold lines standing as
    headings (``_bold_lines``) made headings under the heading each comes after."""
    levels = [b.level for b in items if b.kind == "heading"]
    shift = 2 - min(levels) if levels else 0
    styled = {b.level + shift for b in items if b.kind == "heading" and numbered_heading(b.plain) is None}
    below = max(styled) + 1 if styled else 2  # numbered lines sit under Word's own headings
    listed = _typed_lists(items)
    lines = {
        index: line for index, block in enumerate(items) if block.kind in ("heading", "para") and (line := numbered_heading(block.plain))
    }
    numbered_lines = any(items[index].kind == "para" for index in lines)
    bold = _bold_lines(items, listed, top=not levels and not numbered_lines)
    names = [at for at in bold if _ARABIC_ITEM.match(_unnumbered(items[at].plain)) is None]  # section names; the rest their points
    numbered_at = [index for index in lines if index not in listed]
    # bold section names before any numbered line (基本情况, then （一）社区概况) head them: the
    # numbered lines go under them (a review had #### 基本情况 over ### 社区概况)
    on_top = bool(names and numbered_at and names[0] < numbered_at[0])
    top = min(lines[at][0] for at in numbered_at) if on_top else 2
    named = below  # the level of the bold names when they head the numbered lines
    below += 3 - top if on_top else 0  # the numbered lines' highest level one under them
    deepest = below - 1
    # the highest numbered level written sits right under Word's headings: （一） lines alone
    # under ## 主要做法 were ####, a level skipped (an organization's trial)
    first = 2 if on_top else min((lines[at][0] for at in numbered_at), default=2)
    for index, block in enumerate(items):
        numbered = lines[index] if index in lines and index not in listed else None
        if block.kind == "heading":
            block.level = min(6, block.level + shift)
        if numbered:
            block.kind, block.level = "heading", min(6, below + numbered[0] - first)
            block.plain = numbered[1]
            block.text = inline(numbered[1])  # the line's words as text: “一、<b onclick=…>” was the heading's HTML
            deepest = max(deepest, block.level)
    # else each under the heading it comes after (一、基本情况 then 社区概况: ###, even where a （一）
    # line comes later: the deepest level after all of them had #### under ##, a review)
    after = {index: 0 for index in bold}
    last = 0
    for index, block in enumerate(items):
        if index in after:
            after[index] = last
        elif block.kind == "heading":
            last = block.level
    for index in bold:
        block = items[index]
        plain = _unnumbered(" ".join(block.plain.split()))  # 01 活动背景
        plain = bracketed[1] if (bracketed := _BRACKETED.match(plain)) else plain  # 【基本情况】
        point = index not in names and bool(names)
        level = named if on_top else (after[index] + 1 if after[index] else deepest + 1)
        block.kind, block.level, block.plain, block.text = "heading", min(6, level + point), plain, inline(plain)
    return items
