"""The end of a write-up that is no story: its signature (a unit, a stamp, a date) and its
list of attachments."""

from __future__ import annotations

import re

from ...han import HAN
from .markdown import Block

# the day a write-up was signed: 2024年3月15日, 二〇二四年三月, 2024.3.15, 2024-03-15
_DAY_LINE = re.compile(
    r"^(?:\d{4}|[〇零一二三四五六七八九]{4})\s*(?:年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
    r"(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?|[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?)$"
)


_SIGNED_BY = 2  # lines of a signature above its date: a unit, its stamp or a second unit


_DAY_LABEL = re.compile(r"^(?:填报|申报|报送|填表|落款)?(?:日期|时间)[：:]")


# a unit's name as a signature gives it (某某社区居民委员会, 红马甲志愿服务队（盖章）), or its stamp alone
_UNIT = (
    rf"(?:(?:填报|申报|报送|主办|承办)单位\s*[：:]\s*)?[{HAN}（）()·　 ]{{2,30}}?(?:委员会|协会|联合会|促进会|中心|服务队|志愿队|"
    r"服务站|工作站|办事处|党支部|党委|支部|社区|街道|社|会|队|站|所|局|部|组|院|校|馆)\s*(?:[（(]\s*盖章\s*[)）])?"
)


_UNIT_LINE = re.compile(rf"^(?:{_UNIT}|[（(]?\s*(?:盖章|公章)\s*[)）]?)$")


# a unit and its day on one line, set apart by spaces (八大关街道邻里调解志愿队   2024年4月20日: a review's stayed)
_SIGNED_LINE = re.compile(rf"^(?P<unit>{_UNIT})[\s　]+(?P<day>\S+)$")


# the list of attachments a write-up ends with: 附件：1.活动照片 / 2.居民感谢信, 附件1：…, 附件（1）：…,
# 附件1.…, 附件： over a list Word numbered (not 附：, which heads a write-up's own lists: 附：主要成效, a review);
# and a section of its own: 三、附件 or a heading 附件 over the list (a trial: it stayed a section of the page)
ATTACHMENT_HEAD = re.compile(
    r"^(?P<section>(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|[0-9０-９]{1,2}\s*[、．])\s*)?"
    # 附件清单, 附件目录 too (a second trial: 四、附件清单 stayed a section)
    r"附\s*件\s*(?:(?P<own>[（(]?[0-9０-９一二三四五六七八九十]{1,2}[)）]?)\s*[：:.．、]|(?:清单|目录)?\s*(?:[：:]|$))"
)


# the items' numbers: 1. (1) ① 一、 and （一） (a second trial's list stayed whole)
_ATTACHMENT_ITEM = re.compile(
    r"^(?:[（(]?[0-9０-９]{1,2}\s*[)）.．、]|[①-⑳]|[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）])"
)


_ATTACHMENT_LINES = 10


def _attachment_line(block: Block) -> bool:
    """A line of a list of attachments: a document's name, short, no clause of a sentence (附件：居民说，……。 is the story's)."""

    def named(line: str) -> bool:
        if len(line) <= 60 and not re.search(r"[，,；;！？!?]|。.", line):
            return True
        # the list on one line, its items numbered (附件：1.活动照片；2.居民感谢信, 附件1：…；附件2：…: a
        # trial found it left on the page); unnumbered, the parts may be a sentence's (附件：居民说，……)
        parts = re.split(r"\s*[；;，,]\s*", line.removesuffix("。"))
        return (
            1 < len(parts) <= _ATTACHMENT_LINES
            and all(0 < len(part) <= 60 and not re.search(r"[！？!?。]", part) for part in parts)
            and ATTACHMENT_HEAD.match(parts[0]) is not None
            and all(ATTACHMENT_HEAD.match(part) or _ATTACHMENT_ITEM.match(part) for part in parts[1:])
        )

    if block.kind == "list":
        lines = block.text.splitlines()
        return len(lines) <= _ATTACHMENT_LINES and all(map(named, lines))
    line = " ".join(block.plain.split())
    if block.kind == "heading":  # 附件 in a heading's style heads the list; no heading is an item of it
        return ATTACHMENT_HEAD.match(line) is not None
    return block.kind == "para" and named(line) and (ATTACHMENT_HEAD.match(line) is not None or _ATTACHMENT_ITEM.match(line) is not None)


def without_attachments(items: list[Block]) -> tuple[list[Block], list[str]]:
    """The body without the list of attachments it ends with, and that list's lines (a review:
    “附件：1.活动照片 2.居民感谢信” ended the case page, pointing at files no reader has). From
    a line 附件…： to the end, every line a document's name (``_attachment_line``), whole or
    not at all: a list longer than ten lines, or with a line of the story, stays as it is; so
    do numbered lines under 附件1：工作制度 (the attachment's own text), and a photo under
    附件：活动照片 with its line."""
    start = len(items)
    while start > 0 and len(items) - start < _ATTACHMENT_LINES and _attachment_line(items[start - 1]):
        start -= 1
    heads = {
        at: head
        for at in range(start, len(items))
        if items[at].kind in ("para", "heading") and (head := ATTACHMENT_HEAD.match(items[at].plain.strip()))
    }
    if not heads:
        return items, []
    first = min(heads)
    before = items[first - 1] if first > 0 else None
    if before is not None and before.kind in ("para", "heading") and ATTACHMENT_HEAD.match(before.plain.strip()):
        return items, []  # a line of the list the rule does not take (too long, an eleventh): all of it stays
    if any(head["own"] and any(later not in heads for later in range(at + 1, len(items))) for at, head in heads.items()):
        # 附件1：工作制度 over its own numbered lines: the attachment's text, not a list; under a
        # section 三、附件 too (a review: the section's head made the first, and the rule missed it)
        return items, []
    lines = [
        line
        # a bulleted list's marks are Markdown's, not the writer's (a trial: 附件：- 活动照片，- 居民感谢信)
        for block in items[first:]
        for line in (
            [re.sub(r"^\s*[-*+]\s+", "", text) for text in block.text.splitlines()]
            if block.kind == "list"
            else [" ".join(block.plain.split())]
        )
    ]
    if (alone := ATTACHMENT_HEAD.match(lines[0])) is not None and alone.end() == len(lines[0]) and not lines[0].endswith(("：", ":")):
        lines[0] += "："  # 三、附件 or 附件 alone, said as the list's head: 附件：1.活动照片，2.…
    return items[:first], lines


def joined_lines(lines: list[str]) -> str:
    """Lines said on one line: 附件：1.活动照片，2.居民感谢信 (no comma after a colon)."""
    said = ""
    for line in lines:
        said = said.removesuffix("。")
        said += line if not said or said.endswith(("：", ":")) else "，" + line
    return said.removesuffix("。")  # said inside （）


def without_signature(items: list[Block]) -> tuple[list[Block], list[str]]:
    """The body without the signature a write-up ends with, as letters and reports are
    signed (某某社区居民委员会 / （盖章） / 2024年3月15日), and that signature's lines. A helper's
    trial: it ended the case page. A date alone on the last line, and above it one or two
    lines naming a unit or its stamp (``_UNIT_LINE``). Reviews had a section's name over a
    date (五、活动时间), a timeline's last entry and a closing slogan taken for signatures."""
    one = _SIGNED_LINE.match(" ".join(items[-1].plain.split())) if items and items[-1].kind == "para" else None
    if one and _DAY_LINE.match(one["day"]):
        return items[:-1], [items[-1].plain]
    # the date with its label, as forms sign (填报日期：2024年3月15日 under 填报单位：…; a second trial)
    if not items or items[-1].kind != "para" or _DAY_LINE.match(_DAY_LABEL.sub("", "".join(items[-1].plain.split()))) is None:
        return items, []
    start = len(items) - 1
    while (
        start > 0
        and len(items) - start <= _SIGNED_BY
        and items[start - 1].kind == "para"
        and _UNIT_LINE.match(" ".join(items[start - 1].plain.split()))
    ):
        start -= 1
    if start == len(items) - 1:
        # a date alone: a section's (五、活动时间 / 2024年3月), a timeline's, a plan's, a slogan's
        # (reviews: each was taken for a signature and lost); a signature names its unit
        return items, []
    return items[:start], [block.plain for block in items[start:]]
