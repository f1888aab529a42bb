"""One Word document read: the form's table (python-docx), the body and its pictures (mammoth).

The body goes docx → HTML (mammoth: headings from Word's heading styles, bold, lists
from Word's numbering, tables, pictures in document order) → the site's sanitizer →
Markdown (``markdown.py``). Pictures are written into the submission's work folder as
they are met, named ``photo1.jpg``, ``photo2.png``…; a picture linked to a URL instead of
embedded is never fetched (mammoth is kept from opening anything outside the file).

``check_docx`` has refused the dangerous files before either library opens this one.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...case.fields import field as field_rule
from ...case.pii import (
    mask_numbers,
    named_columns,
    personal_words,
    quoted,
    table_cells,
)
from ...case.placeholders import MARKER
from ...collection.taxonomy import Taxonomy
from ...diagnostics import first_few
from ...office import parse_xml
from ...options import DEFAULTS
from ...outputs.form import fixed_texts, form_texts, hints, rows, squash
from ...packaged import read_packaged
from ...site.sanitize import sanitize
from .asides import aside_notes
from .draft import sections
from .endmatter import ATTACHMENT_HEAD, joined_lines, without_attachments, without_signature
from .formammoth import STYLE_MAP, for_mammoth, list_starts, shown_notes
from .formtable import CONTACT_LABELS, CONTINUED, own_form, read_table, reworded, second_half
from .headinglines import BOLD_ONLY, section_words, set_headings
from .labelled import take_labelled
from .markdown import (
    CAPTION_LENGTH,
    Block,
    blocks,
    caption_group,
    caption_halves,
    escaped,
    numbered_heading,
    parse,
    story_sentence,
)
from .pictures import Photo, Pictures, count_charts, external_pictures, machine_words, unread_pictures
from .provenance import Sent
from .safety import IntakeError, check_docx
from .shown import prepared

_CAPTION_START = ("图", "照片", "▲", "△", "↑", "上图", "下图")
# a line above a photo that says it is its caption: numbered as one, or pointing down at it
_CAPTION_ABOVE = re.compile(r"^(?:(?:图|照片|图片)\s*\d{1,3}(?:[\s：:.、．]|$)|[▼↓]|下图[\s：:为]?)")


@dataclass
class WordFile:
    """What one .docx gave."""

    is_form: bool
    typed: dict[str, str] = field(default_factory=dict)  # form label -> text typed
    title: str = ""  # free-form: from the first heading or line
    body: list[Block] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # for the report: pictures left out, links
    # what the import decides by, not read back from the notes' words (an architecture review)
    hidden_text: int = 0  # passages set hidden, not imported
    inserted: int = 0  # passages inserted from another file or a web page (altChunk), not read
    pictures: int = 0  # pictures the text shows, imported or not
    beside: list[tuple[str, str]] = field(default_factory=list)  # photos sent beside: (file, alt), for the body's end
    unplaced: list[Photo] = field(default_factory=list)  # pictures of the file whose place in the text was not read


def _rows_as_sections(items: list[Block], rows: list[tuple[str, str]]) -> tuple[list[Block], list[tuple[str, str]]]:
    """``items`` with the words of each of ``rows`` labelled as one of the form's sections
    (基本情况, 主要做法…) at the end of that section (a heading of its own at the body's end when
    there is none), and those rows."""
    items, placed = list(items), []
    for label, value in rows:
        lines = [" ".join(line.split()) for line in value.splitlines() if line.strip()]
        if label not in sections() or not lines:
            continue
        paragraphs = [Block("para", escaped(line), line) for line in lines]
        at = next((n for n, b in enumerate(items) if b.kind == "heading" and b.plain == label), None)
        if at is None:
            items += [Block("heading", label, label, level=2), *paragraphs]
        else:
            end = next(
                (n for n in range(at + 1, len(items)) if items[n].kind == "heading" and items[n].level <= items[at].level), len(items)
            )
            items[end:end] = paragraphs
        placed.append((label, value))
    return items, placed


def _typed_on_the_left(word: WordFile, left: dict[str, str], taxonomy: Taxonomy, words: dict[str, Any] | None) -> None:
    """Words a worker typed in a row's left cell, under its label and hint, rather than in
    the value cell (a trial's summary, reported as 没有填写 and lost): taken as the value
    when that cell is empty, else named in the report. The hint in the packaged words or
    the site's (``words``)."""
    said = {row.label: hints(row, taxonomy, words) - {""} for row in rows()}
    for label, text in left.items():
        known, kept = said.get(label, set()), []
        for line in text.split("\n"):
            line_ = squash(line)
            if line_ and not any(line_ in k for k in known) and not reworded(line_, known):  # not the hint, nor a piece of it
                lead = next((k for k in known if k in line_), None)
                kept.append(line_.split(lead, 1)[-1] if lead else line.strip())
        extra = "\n".join(k for k in kept if k).strip()
        if not extra:
            continue
        if not word.typed.get(label, "").strip():
            word.typed[label] = extra
            word.notes.append(f"“{label}”写在了表格左边一栏，已按这一项读入：{quoted(extra)}")
        else:
            word.notes.append(f"“{label}”左边一栏里还写了“{quoted(extra)}”，没有读入，请核对。")


def damaged(name: str) -> str:
    """The one line for a Word file no reader could take apart. Without the exception's
    class name (an XMLSyntaxError meant nothing to the editor who read it in a trial)."""
    return f"{name} 无法读取，文件可能已损坏，或不是真正的 Word 文档。请用 Word 或 WPS 打开，另存为 .docx 后再导入。"


def read_word(
    path: Path,
    work: Path,
    taxonomy: Taxonomy,
    max_pixels: int = DEFAULTS.max_image_pixels,
    sent: Sent | None = None,
    odf_hidden: int | None = None,
    words: dict[str, Any] | None = None,
    long_side: int = DEFAULTS.import_photo_side,
) -> WordFile:
    """Read ``path`` (checked first); pictures go into ``work``. ``sent``: for a .docx
    LibreOffice converted, whether a picture is in the file as it was sent; ``odf_hidden``:
    for one converted from an .odt, what the import took out of it first (``odf.py``);
    ``words``: the site's form words (``form.load_form``), read as well as the packaged;
    ``long_side``: a picture longer is written this long (``Pictures.keep``)."""
    import zipfile

    import mammoth

    check_docx(path)
    try:
        ready = prepared(path, max_pixels)
        shown, hidden, converted, cropped = ready.file, ready.hidden, ready.converted, ready.cropped
        with zipfile.ZipFile(shown) as archive:
            document = parse_xml(archive.read("word/document.xml"))  # once, for the form and the pictures
        left: dict[str, str] = {}
        others: list[tuple[str, str]] = []
        typed = read_table(document, left, others)
        pictures = Pictures(work, max_pixels=max_pixels, sent=sent, originals=cropped.originals, empty=cropped.empty, long_side=long_side)
        readable, contents = for_mammoth(shown)
        result = mammoth.convert_to_html(io.BytesIO(readable), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(pictures))
        missed = unread_pictures(shown, document, pictures.seen)
        asides, inserted = aside_notes(shown, document)
    except IntakeError:
        raise
    except Exception:  # lxml or mammoth on a file Word would not open either
        raise IntakeError(damaged(path.name)) from None
    word = WordFile(is_form=typed is not None, typed=typed or {}, photos=pictures.photos, notes=pictures.notes)
    word.hidden_text, word.inserted, word.pictures = hidden + (odf_hidden or 0), inserted, pictures.count
    _typed_on_the_left(word, left, taxonomy, words)
    word.notes += asides
    if contents:
        word.notes.append(f"文件开头的目录（{contents} 行）没有导入：案例页按小标题排版，不需要目录和页码。")
    if odf_hidden is not None and (hidden or odf_hidden):
        word.notes.append(f"文件里有 {hidden + odf_hidden} 处隐藏文字（隐藏的区段、段落或文字，打开文件时看不见），没有导入。")
    elif hidden:
        word.notes.append(f"文件里有 {hidden} 处隐藏文字（Word 里看不见的字），没有导入。")
    if ready.unseen:
        word.notes.append(
            f"文件里有 {ready.unseen} 处白色或极小（1 磅以下）的字，打开文件、打印出来都看不见，没有导入。"
            "如果那是要发表的内容，请组织把字改成正常的颜色和大小后再发来。"
        )
    if charts := count_charts(document):
        word.notes.append(
            f"文中有 {charts} 个图表，没有导入（案例里只能放文字和照片）：请把图表里的数字写进正文，或把图表截图另存为图片随文件发来。"
        )
    if pictures.cropped:
        named = first_few(pictures.cropped, 5, "张照片")
        word.notes.append(f"{named} 在 Word 里裁剪过，按裁剪后的样子导入（和文件里看到的一样），裁掉的部分没有导入。")
    if converted:
        word.notes.append(f"这份文件是繁体字，已转为简体字导入（{converted} 个字）；请核对人名、地名等专有名词是否转换正确。")
    linked = external_pictures(path)
    if linked and not pictures.linked:  # said already of each it could not read
        word.notes.append(f"文中有 {linked} 张图片链接到外部网址，没有下载；请把照片本身粘贴进文件，或随文件发来。")
    items = blocks(parse(sanitize(shown_notes(list_starts(result.value)))))
    items = _drop_form(items, taxonomy, words) if word.is_form else items
    if word.is_form and others:
        # a row added to the form's table for one of the story's sections (主要做法 | …): its words
        # under that heading, not left out as a row the form has no place for (an organization's trial)
        items, placed = _rows_as_sections(items, others)
        others = [row for row in others if row not in placed]
        word.notes += [f"表格里“{label}”一栏的文字已放进正文的“{label}”下面，请核对它的位置：{quoted(value)}" for label, value in placed]
    items, contact = take_labelled(items, taxonomy, form=word.is_form)
    word.notes += [_columns_left_out(b) for b in items if b.kind == "table" and b.left_out]
    if merged := sum(1 for b in items if b.kind == "table" and b.merged and b.text):
        word.notes.append(
            f"文中 {merged} 个表格有合并的单元格（网页上的表格不能合并），导入时拆开了：合并格的内容写在它的第一格，其余几格空着。"
            f"请在草稿里核对{'这个' if merged == 1 else '这些'}表格，需要时把空着的格子填上。"
        )
    items = [b for b in items if b.kind != "table" or b.text]
    # a row the form has no place for holding photos and their captions (活动照片): both imported
    captioned = {b.images[0]["alt"] for b in items if b.kind == "image" and b.moved and b.images[0]["alt"]}
    for label, value in others:
        lines = [" ".join(line.split()) for line in value.splitlines() if line.strip()]
        if lines and all(
            line in captioned or ((halves := caption_halves(line)) is not None and set(halves) <= captioned) for line in lines
        ):
            word.notes.append(f"表格里“{label}”一栏的照片已导入，照片下面的文字用作了照片说明；这些照片放在正文开头，请移到合适的位置。")
            continue
        # a row of personal numbers (身份证号, 负责人电话) is never advised into the public body,
        # nor printed whole (a helper's trial: "…（430111198805051234）…请把它写进草稿的正文");
        # rows of contacts (联系人, 微信号) were read as the contact before this
        if not value:  # words where the form's label was: the label is what was typed
            label = mask_numbers(label)[0]
        masked, numbers = mask_numbers(value)
        if numbers:
            word.notes.append(
                f"表格里“{label}”一栏（{quoted(masked)}）不是申报表的项目，没有导入：里面有手机号或身份证号，"
                "是个人信息，案例是公开的，不要写进草稿。"
            )
        elif not value:
            word.notes.append(
                f"表格里有一行写着“{quoted(label)}”，右边一栏空着：它不是申报表的项目，没有导入。"
                "如果这是某一项的内容（写在了“组织名称”这类项目名称的位置上），请把它填进草稿里对应的地方。"
            )
        else:
            word.notes.append(f"表格里“{label}”一栏（{quoted(value)}）不是申报表的项目，没有导入；需要的话，请把它写进草稿的正文。")
    for label, value in contact.items():
        given = word.typed.get(label, "").strip()
        if label in CONTACT_LABELS.values() and word.is_form and given != value:
            # the form's row and one cut from its write-up: both reach the report, the cut one said
            # as such (the report's fields are joined by "，", which a cut clause has too)
            cut = f"正文里写的“{value}”（已从草稿中去掉）"
            word.typed[label] = f"{given}；{cut}" if given else cut
        elif label in CONTACT_LABELS.values() or not word.is_form:
            word.typed[label] = given or value
    if not word.is_form:
        title, rest = _title(items)
        named = word.typed.get("案例名称", "").strip()
        if title and named and named != title.strip():
            # the name a “案例名称/项目名称：…” line gave is the title; the first line (a
            # heading of the file, or the story's first sentence) was lost unsaid: it stays
            word.notes.append(
                f"正文开头的“{quoted(title)}”没有用作案例名称（案例名称用的是材料里写明的“{quoted(named)}”），留在了正文里；"
                "如果它是整份材料的标题，请删掉正文里的这一段；要用它作案例名称的，再把草稿的 title 改成它。"
            )
        else:
            word.title, items = title, rest
            if title and not word.typed.get("组织名称", "").strip() and (organization := _organization_line(items)) is not None:
                word.typed["组织名称"] = organization.plain.strip()
                items = [block for block in items if block is not organization]
                word.notes.append(f"标题下面一行的“{quoted(organization.plain.strip())}”按组织名称填入，请核对。")
    # before the headings: a bold signature is none. The list of attachments comes before the
    # signature, as official documents place it, or after it
    items, attached = without_attachments(_captions(items))
    items, signed = without_signature(items)
    if signed:
        items, above = without_attachments(items)
        attached = above + attached
    word.body = set_headings(items)
    if signed:
        word.notes.append(
            f"正文末尾的落款（{'，'.join(signed)}）没有写进草稿：案例页另有组织名称和开展时间。落款的日期不是活动日期，不要填进 date。"
        )
    if attached:
        word.notes.append(
            f"正文末尾的附件说明（{joined_lines(attached)}）没有写进草稿：案例页上不附文件。"
            "附件里有用的内容请补进草稿：照片放进案例文件夹，文字写进正文。"
        )
    for under, beside, said in ((False, "照片旁边的文字", "旁边的文字"), (True, "照片下面一行的文字", "照片下面的文字")):
        if laid_out := [b for b in word.body if b.kind == "image" and b.beside and b.under is under and b.images[0]["src"]]:
            tables = len({b.beside for b in laid_out})
            named = "；".join(f"{b.images[0]['src']}：{quoted(b.images[0]['alt']) or '没有说明'}" for b in laid_out)
            word.notes.append(
                f"文中 {tables} 个表格里只有照片和{beside}，导入时去掉了表格，{said}用作了照片说明（{named}）；"
                "请在草稿里核对每张照片的说明。"
            )
    for number, data in enumerate(missed, start=1):  # after the body's own, numbered after them
        photo = pictures.keep_unread(data, f"文中组合图形或其他对象里的第 {number} 张图片")
        if photo is not None:  # placed at the body's end with the photos sent beside (importer)
            word.unplaced.append(photo)
            word.notes.append(
                f"{photo.name} 在文中的组合图形（或其他对象）里，位置没能读出，放在了正文最后：请移到它该在的地方，写上说明。"
            )
    captions = {b.images[0]["src"]: b.images[0]["alt"] for b in word.body if b.kind == "image"}
    for photo in word.photos:
        photo.alt = captions.get(photo.name, photo.alt)
        if not photo.alt and photo.name in pictures.machine:
            word.notes.append(
                f"{photo.name} 的“可选文字”是 Word 自动填写的（{machine_words(pictures.machine[photo.name])}），没有用作照片说明；请给这张照片写上说明。"
            )
    return word


def _columns_left_out(table: Block) -> str:
    """What the report says of a table whose columns of people to contact were not written
    (``markdown._table``; the check's contact-column)."""
    named, these = named_columns(list(table.left_out))
    kept = "、".join(table_cells(table.text.split("\n", 1)[0])) if table.text else ""
    which = f"文中一个表格里的{named}{these}（表格留下的列：{kept}）" if kept else f"文中一个只有{named}{these}的表格"
    gone = "没有写进草稿" if kept else "整个没有写进草稿"
    return f"{which}是个人的{personal_words(list(table.left_out))}，{gone}（案例是公开的）；需要时请看原文件。"


def _drop_form(items: list[Block], taxonomy: Taxonomy, words: dict[str, Any] | None = None) -> list[Block]:
    """The form's own parts: everything up to its table, and the guidance left in place
    (in the packaged words or the site's)."""
    labels = {row.label for row in rows()}
    for index, block in enumerate(items):
        official = block.kind == "table" and sum(1 for label in labels if label in block.plain) >= 3  # the form's own table
        if block.kind == "table" and not official and own_form(block, labels):
            # an organization's own form: the table goes, and the title lines above it (its
            # 项目名称 is the title); a story written before it stays (a review: two paragraphs lost)
            above = items[:index]
            titles = all(
                b.kind == "heading" or (b.kind == "para" and len(b.plain) <= _TITLE_MOST and not b.plain.rstrip().endswith("。"))
                for b in above
            )
            items = ([] if titles else above) + items[index + 1 :]
            break
        if official:
            items = items[index + 1 :]
            # its second half (read_table's continuation), after a 续表 line or none
            while items and (CONTINUED.fullmatch(squash(items[0].plain)) or second_half(items[0], labels)):
                items = items[1:]
            break
    fixed = fixed_texts(taxonomy, words)
    kept = [b for b in items if not (b.kind in ("para", "heading") and squash(b.plain) in fixed)]
    # A worker who typed straight after a section's grey guidance, in its paragraph: the
    # guidance goes, the words typed stay (a helper's trial: it reached the case unsaid).
    guidance = [g for _, g in form_texts()["sections"]]
    for block in kept:
        if block.kind == "para":
            lead = next((g for g in guidance if block.text.lstrip().startswith(g)), None)
            if lead is not None:
                block.text = block.text.lstrip()[len(lead) :].lstrip()
                block.plain = block.plain.lstrip().removeprefix(lead).lstrip()
    return kept


# a subtitle under the title: “——记某某社区读书会”, “—— 某某街道的实践”
_TITLE_MOST = field_rule("title").hi  # a title's most characters (data/fields.yml)
# (em dashes only, words after them: a rule of dashes, a bullet -2023年…, an epigraph ——“…” or a
# sentence are none: reviews had each joined to the title)
_SUBTITLE = re.compile(r"^—{1,2}\s*(?P<text>[^—“\"「『‘'\s][^。！？]{1,39})$")


def _organization_line(items: list[Block]) -> Block | None:
    """The line under a free-form write-up's title that names its organization, unlabelled
    (海珠区素社街道幸福食堂志愿服务队): the first paragraph, short, no punctuation, ending
    as organizations' names do (data/organization-words.yml)."""
    first = next((block for block in items if block.kind in ("para", "heading", "list", "table")), None)
    if first is None or first.kind != "para":
        return None
    line = first.plain.strip()
    # no year and no 的: 2024年重阳节…, 小区里的幸福食堂 are a story's (a review)
    if 4 <= len(line) <= 40 and line.endswith(_organization_ends()) and not re.search(r"[，。；：！？、,.;:!?\s（）()“”的]|[0-9]{4}", line):
        return first
    return None


@functools.cache
def _organization_ends() -> tuple[str, ...]:
    return tuple(read_packaged("organization-words.yml")["ends"])


def _title(items: list[Block]) -> tuple[str, list[Block]]:
    """The first heading or short line, and the rest; a subtitle on the line under it
    (——记……) joined to it, as such titles are written on one line (a helper's trial: it
    began the case's text)."""
    for index, block in enumerate(items):
        if block.kind == "heading" or (block.kind == "para" and len(block.plain) <= _TITLE_MOST):
            title, rest = block.plain, items[:index] + items[index + 1 :]
            after = rest[index] if index < len(rest) else None
            sub = _SUBTITLE.match(after.plain) if after is not None and after.kind in ("para", "heading") else None
            if sub and len(joined := f"{title}——{sub['text']}") <= _TITLE_MOST:
                return joined, rest[:index] + rest[index + 1 :]
            return title, rest
        if block.kind in ("para", "list", "table"):
            break
    return "", items


def _captions(items: list[Block]) -> list[Block]:
    """A short line right after a picture is its caption: it becomes the alt text; under two
    pictures side by side, “左：…；右：…” (上图…下图…) is each its half. A picture
    that was not imported leaves a 【请填写】 line where it stood, holding its caption (the
    caption stood alone in the body, a trial), so that the check reminds of it until the
    photo is sent again or the line is deleted."""
    out: list[Block] = []
    index = 0
    while index < len(items):
        block = items[index]
        out.append(block)
        index += 1
        if block.kind != "image":
            continue
        caption = ""
        following = items[index] if index < len(items) and not block.moved else None
        previous = out[-2] if len(out) > 1 and not block.images[0]["alt"] and not block.moved else None
        # a caption written above its photo, said to be one (图1 …, ▼…), and no sentence of the story
        # (图1、图2分别是……。 is one: a review): it wins over an unmarked line below (a review)
        above = (
            previous
            if previous is not None
            and previous.kind == "para"
            and len(previous.plain) <= CAPTION_LENGTH
            and _CAPTION_ABOVE.match(previous.plain)
            and not story_sentence(previous.plain, said=True)
            else None
        )
        if following is not None and following.kind == "para":
            said = following.caption_style or following.plain.startswith(_CAPTION_START)
            # a section's name made bold under a photo (the last photo of a section) is the next
            # section's heading, not the photo's caption (a review: ## 主要做法 became its alt text);
            # a bold line naming no section is the photo's caption, as organizations bold them (a
            # later review: 志愿者为独居老人上门理发 became a section)
            bold = BOLD_ONLY.fullmatch(following.text.strip()) is not None
            heading = bold and not said and any(word in following.plain for word in section_words())
            # 附件2：居民感谢信 under the photo of 附件1 names the next attachment (a review: it became its caption)
            attachment = ATTACHMENT_HEAD.match(following.plain.strip()) is not None
            following = None if heading or attachment or (above is not None and not said) else following
        if following is not None and following.kind == "para":
            said = following.caption_style or following.plain.startswith(_CAPTION_START)
            short = len(following.plain) <= CAPTION_LENGTH and (said or ("\n" not in following.text and not following.with_picture))
            # a sentence of the story is no caption: a helper's trial's 55-character paragraph
            # (三年来理事会共筹集资金86万元，……付出。) left the text for the photo's alt text
            short = short and (said or not story_sentence(following.plain))
            # a line partly bold is the story's (its bold was lost as alt text: （三）**进校园宣传。**…)
            short = short and (said or "**" not in following.text or BOLD_ONLY.fullmatch(following.text.strip()) is not None)
            # under a picture not imported, only a line that says it is a caption: a short line of
            # the story went into the 【请填写】 line the editor is told to delete (a code review)
            if short and numbered_heading(following.plain) is None and (block.images[0]["src"] or said):
                caption = following.plain.lstrip("▲△↑ ") or following.plain  # ▲ points at the photo: no part of what it says
                index += 1
        if above is not None and not caption:  # the line stayed in the text, the photo without one (a helper's trial)
            # its pointing words go (▼, 下图为…：: a review's caption read “下图为书法班上课情景：”)
            caption = re.sub(r"^(?:[▼↓\s]+|下图\s*(?:为|是)?\s*[：:]?\s*)", "", above.plain).rstrip("：: ") or above.plain
            out[-2:] = [block]
        if block.images[0]["src"]:
            if caption:
                block.images[0]["alt"] = caption
                halves = caption_halves(caption)
                before = out[-2] if len(out) > 1 else None
                if halves and before is not None and before.kind == "image" and before.images[0]["src"] and not before.images[0]["alt"]:
                    before.images[0]["alt"], block.images[0]["alt"] = halves
                elif (group := caption_group(caption)) is not None:
                    count, shared = group
                    run = out[-count:]
                    if len(run) == count and all(b.kind == "image" and b.images[0]["src"] and not b.images[0]["alt"] for b in run[:-1]):
                        for photo in run:
                            photo.images[0]["alt"] = shared
            continue
        caption = caption or (block.images[0]["alt"] if block.beside else "")  # the text beside it in its table
        named = f"（{caption}）" if caption else ""
        marker = f"{MARKER}】这里原有一张图片{named}，没有导入，原因见导入报告：请补上这张照片，或删掉这一段。"
        out[-1] = Block("para", marker, marker)
    return out
