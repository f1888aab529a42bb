"""One Word document read: the form's table (python-docx), the body and its pictures (mammoth).

The body goes docx → HTML (mammoth: headings from Word's heading styles, bold, lists
from Word's numbering, tables, pictures in document order) → the site's sanitizer →
Markdown (``markdown.py``). Pictures are written into the submission's work folder as
they are met, named ``photo1.jpg``, ``photo2.png``…; a picture linked to a URL instead of
embedded is never fetched (mammoth is kept from opening anything outside the file).

``check_docx`` has refused the dangerous files before either library opens this one.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image, UnidentifiedImageError

from ...case.fields import field as field_rule
from ...case.imagerefs import cut_short, headers_only
from ...case.loosefiles import PHOTOS
from ...case.pii import (
    contact_named,
    find_contacts,
    is_contact_label,
    is_office_phone_label,
    is_reach_label,
    mask_numbers,
    named_columns,
    personal_words,
    quoted,
    table_cells,
)
from ...case.placeholders import MARKER
from ...collection.taxonomy import Taxonomy
from ...diagnostics import first_few
from ...han import HAN, is_han
from ...media.photos import DRAFTED
from ...office import parse_xml
from ...options import DEFAULTS
from ...outputs.form import fixed_texts, form_texts, hints, rows, squash
from ...packaged import read_packaged
from ...simplified import mostly_traditional, simplified, traditional_at
from ...site.sanitize import sanitize
from .address import PLACE, split_place
from .asides import aside_notes
from .contents import drop_contents
from .crop import CROPPING, Cropped, cropped_parts, not_shown, picture_parts
from .draft import sections
from .headings import NUMBER_MARK, NUMBERED_ITEM, outline_levels, with_headings
from .markdown import (
    CAPTION_LENGTH,
    Block,
    blocks,
    caption_group,
    caption_halves,
    escaped,
    heading_number,
    inline,
    numbered_heading,
    parse,
    story_sentence,
)
from .photometa import JPEG_PIXEL_LIMITS, clean, shrink
from .provenance import Sent
from .safety import IntakeError, check_docx
from .wordtext import _W, W, based_on, checked, on, paragraph_text, style_chain

if TYPE_CHECKING:
    import mammoth.documents

try:  # HEIC pasted from a phone
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - a dependency
    pass

# Word's headings one level down (the site's sanitizer keeps no <h1>: a case's title is its
# front matter's); levels are shifted again later so the highest becomes ##.
_HEADINGS = "\n".join(
    f"p[style-name='{name} {n}'] => h{n + 1}:fresh\np.Heading{n} => h{n + 1}:fresh"
    for n in range(1, 6)
    for name in ("heading", "Heading", "标题")
)
STYLE_MAP = (
    _HEADINGS
    + """
p[style-name='Title'] => h2.title:fresh
p[style-name='标题'] => h2.title:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Caption'] => figcaption:fresh
p[style-name='Image Caption'] => figcaption:fresh
p[style-name='Figure'] => figcaption:fresh
p[style-name='图片说明'] => figcaption:fresh
p[style-name='题注'] => figcaption:fresh
"""
    + f"p.{NUMBERED_ITEM} => dl > dd:fresh\n"  # an item numbered 一、 (headings.py), its number written
)
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp", "BMP": "bmp", "TIFF": "tif", "HEIF": "heic"}
MAX_PICTURE_BYTES = 60 * 1024 * 1024
# The form's rows labelled other ways, its contact rows: data/form-labels.yml
_LABELS = read_packaged("form-labels.yml")
CONTACT_LABELS: dict[str, str] = _LABELS["contact_labels"]
_CONTACT_WORDS = re.compile(r"联系人|联络人|负责人|填表人|电话|手机|联系方式")


def contact_label(label: str) -> str | None:
    """联系人 or 联系电话 for a label that names a contact, also one written another way
    (“联系人及电话”, “项目负责人手机”); None for any other label."""
    if label in CONTACT_LABELS:
        return CONTACT_LABELS[label]
    if is_office_phone_label(label):
        return None  # the organization's own phone: the guide asks for it in the story (a trial)
    # the check's labels too (联络员, 微信号, QQ号: data/personal-numbers.yml): a paragraph's
    # clause the draft left out under one of them was missing from the report (a probe)
    if not _CONTACT_WORDS.search(label) and not is_contact_label(label):
        return None
    # a way to reach someone (个人微信, QQ号) is no person: the report named a WeChat ID the 联系人,
    # and the import looks for the contact's name among the 联系人 values (an editor's trial)
    if is_reach_label(label):
        return "联系电话"
    return "联系电话" if re.search(r"电话|手机|联系方式", label) and not re.search(r"人", label) else "联系人"


SYNONYMS: dict[str, str] = {**_LABELS["synonyms"], **dict.fromkeys(_LABELS["place"], PLACE)}
# Rows of a table labelled as the form's or as the import reads them that make it an
# organization's own form (read_table, _reads_as_form): fewer are a write-up's table of its story
OWN_FORM_ROWS = 5
# Labels read as the form's only in a table's rows (活动名称 names one activity in a write-up's text)
TABLE_SYNONYMS: dict[str, str] = _LABELS["table_synonyms"]
# “联系人：…”, also spaced out as “联 系 人：…”
_LABELLED = re.compile(rf"^\s*(?P<label>[{HAN}（）()](?:[ \t\u3000]*[{HAN}（）()]){{1,7}})\s*[：:]\s*(?P<value>.*)$")
# a short paragraph naming the contact without a colon: “联系人王小明，电话见附件。”; one naming
# who leads the work with a phone number after the name (负责人 王小明 13800001111: a review's
# stayed in the draft, its number masked, the name whole)
_CONTACT_LINE = re.compile(
    rf"^\s*(?:(?P<label>联系人|联络人)\s*(?P<value>[{HAN}]{{2,4}}(?:[，,。；;\s].{{0,30}})?)"
    rf"|(?P<lead>负责人|队长|会长|组长|站长)\s+(?P<person>[{HAN}]{{2,4}}[，,\s]+(?:电话|手机|联系电话)?[：:\s]*1\d{{10}}[。\s]*))$"
)
_CAPTION_START = ("图", "照片", "▲", "△", "↑", "上图", "下图")
# a line above a photo that says it is its caption: numbered as one, or pointing down at it
_CAPTION_ABOVE = re.compile(r"^(?:(?:图|照片|图片)\s*\d{1,3}(?:[\s：:.、．]|$)|[▼↓]|下图[\s：:为]?)")


@dataclass
class Photo:
    name: str  # file name in the case folder
    source: str  # where it came from, for the report
    path: Path  # in the work folder
    alt: str = ""
    width: int = 0
    height: int = 0
    size: int = 0
    cover_hint: bool = False  # its file name says 封面
    original_size: int = 0  # over the import's long side, written smaller: its bytes as sent (else 0)


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


def _label(text: str) -> str:
    """A label cell's first line as written: without spaces, colons, asterisks, 必填 marks."""
    text = squash(text).replace("(", "（").replace(")", "）")
    text = re.sub(r"[*＊:：]|（必填）|必填", "", text)
    return text


def read_table(root: Any, left: dict[str, str] | None = None, others: list[tuple[str, str]] | None = None) -> dict[str, str] | None:
    """The form's values (label → text) from the first table with at least three rows
    labelled as the form's are, or an organization's own form (``_reads_as_form``). Its rows
    labelled another way the import knows (项目名称, 所在地区, 电话: an organization's own
    form) are read as that row; ``others``, when given,
    gets each filled row with a label the form has no place for (获奖情况), for the report.
    A table right after it whose labelled rows (two at least) are all the form's is its
    continuation (a form broken over two pages, 续表: a worker's trial read only the first
    half, and the second half's 联系人 and 联系电话 went into the draft's text).

    ``left``, when given, gets what each row's left cell holds after its label: the hint,
    and whatever a worker typed there instead of in the value cell.

    Read from the XML itself, not python-docx's ``paragraph.text`` and ``table.rows``, which
    see only what sits directly in a paragraph, row or cell: a helper's trial filled the
    form with 修订 on (every answer inside a tracked insertion), picked the date in a
    date-picker content control and typed a county inside a smart tag, and every row was
    read as 没有填写. ``root``: word/document.xml, parsed (``office.parse_xml``)."""
    labels = {row.label for row in rows()}
    # every table, also one inside a content control or another table (WPS, templates)
    tables = list(root.iter(f"{_W}tbl"))
    for at, table in enumerate(tables):
        typed: dict[str, str] = {}
        found = _form_rows(table, labels, typed, left)
        if not _reads_as_form(found.own, found.read):
            continue
        outer = next(table.iterancestors(f"{_W}tbl"), None)
        for following in tables[at + 1 :]:
            if table in following.iterancestors(f"{_W}tbl"):
                continue  # a table inside one of the form's cells
            more = _form_rows(following, labels, {}, None)
            if next(following.iterancestors(f"{_W}tbl"), None) is not outer or more.own < 2 or more.others:
                break
            _form_rows(following, labels, typed, left)  # the form's second half: read into its values
        if others is not None:
            others.extend(found.unknown)
        return typed
    return None


@dataclass
class _Rows:
    own: int = 0  # rows labelled as the form's are
    read: list[str] = field(default_factory=list)  # the form's label of each row read as one (项目名称: 案例名称)
    unknown: list[tuple[str, str]] = field(default_factory=list)  # filled rows with a label the form has no place for
    others: int = 0  # rows with a label the form does not know, filled or not


def _read_label(written: str, labels: set[str]) -> str:
    """The form's label a table's row label is read as (项目名称: 案例名称, 电话: 联系电话);
    itself when it is none the import knows."""
    return written if written in labels else contact_label(written) or SYNONYMS.get(written) or TABLE_SYNONYMS.get(written, written)


def _reads_as_form(own: int, read: list[str]) -> bool:
    """Whether a table's rows make it the form: three of the form's own labels; or an
    organization's own form, ``OWN_FORM_ROWS`` rows read as the form's among which its
    organization (申报单位) and the case's name (项目名称). An editor's trial's table of eight
    rows with two of the form's labels went whole into the draft, its contact too; a review's
    write-up whose story table had 活动名称, 时间, 地址, 服务对象 and 参与志愿者 is no form."""
    return own >= 3 or (len(read) >= OWN_FORM_ROWS and {"组织名称", "案例名称"} <= set(read))


def _form_rows(table: Any, labels: set[str], typed: dict[str, str], left: dict[str, str] | None) -> _Rows:
    """Read ``table``'s rows labelled as the form's into ``typed`` (a row already filled
    there is kept, a second phone joins the first) and ``left``."""
    found = _Rows()
    for row in _own(table, "tr", "tbl"):
        cells = _own(row, "tc", "tr")
        if not cells:
            continue
        # A row whose two cells were merged holds the label and the answer in one cell
        # (案例摘要：东塘街道…): read as typed on the left (a helper's trial lost the summary,
        # and the report said 没有填写).
        # a line break in a cell (Shift+Enter) is a line of its own, as a new paragraph is
        label_lines = [part for line in _cell_lines(cells[0]) for part in line.split("\n")]
        value_lines = _cell_lines(cells[-1]) if len(cells) > 1 else []
        if not label_lines:
            continue
        written = _label(label_lines[0])
        if (
            written not in labels
            and (head := re.split("[:：]", label_lines[0], maxsplit=1)[0]) != label_lines[0]
            and _label(head) in labels
        ):
            written = _label(head)  # 案例名称：红马甲… typed in the label's cell: the rest is read as typed on the left
        elif written not in labels and (lead := _label_first(written, labels)) and _spaced_after(label_lines[0], lead):
            # 组织名称  阳光… (no colon, a space after the label): the same (a trial's organization was
            # lost); not 服务对象人数, a label of its own that starts with one (a review)
            written = lead
        label = _read_label(written, labels)
        value = "\n".join(value_lines).strip()
        if label not in labels and label != PLACE:
            if written:
                found.others += 1
                # a filled row; or one whose words stand where the form's label was, its own cell
                # empty (an answer typed over the label): both said, never dropped unsaid (a trial)
                if value or not _blank_label(written):
                    found.unknown.append((written if value else "\n".join(label_lines).strip(), value))
            continue
        found.own += written in labels
        found.read.append(label)
        # the label typed again before the answer in its own cell (案例名称：坡子街“银发课堂”…):
        # the title kept the label (a helper's trial)
        again = re.match(r"\s*(?P<label>[^:：\n]{1,12})\s*[:：]\s*", value)
        if again and label != PLACE and _label(again["label"]) in (written, label):
            value = value[again.end() :].strip()
        if typed.get(label) and value and label in CONTACT_LABELS.values():
            typed[label] += "；" + value  # 联系电话 and 手机: both reach the report
        elif not typed.get(label):
            typed[label] = value
        if left is not None:
            left[label] = "\n".join([_after_label(label_lines[0], written), *label_lines[1:]]).strip()
    return found


def _label_first(written: str, labels: set[str]) -> str | None:
    """The form's longest label ``written`` (a label cell's squashed first line) starts with
    and goes on after, or None."""
    return max((label for label in labels if written.startswith(label) and len(written) > len(label)), key=len, default=None)


def _spaced_after(line: str, label: str) -> bool:
    """Whether ``line`` writes ``label`` (spaces and asterisks inside it aside) and then a space,
    a full-width space or an asterisk before more."""
    at = _label_end(line, label)
    return at is not None and at < len(line) and (line[at].isspace() or line[at] in "*＊")


def _label_end(line: str, label: str) -> int | None:
    """Where ``label`` ends in ``line``, which starts with it as ``_label`` reads it; None if not."""
    at = 0
    for char in label:
        while at < len(line) and line[at] != char and (line[at].isspace() or line[at] in "*＊:：（）()必填"):
            at += 1
        if at >= len(line) or line[at] != char:
            return None
        at += 1
    return at


def _after_label(line: str, label: str) -> str:
    """What ``line`` says after ``label``, which it starts with as ``_label`` reads it (spaces,
    colons, asterisks and 必填 between its characters and after them left out)."""
    at = _label_end(line, label)
    if at is None:
        return ""
    rest = line[at:].lstrip(" \t\u3000*＊:：")
    return re.sub(r"^[（(]?必填[）)]?", "", rest).lstrip(" \t\u3000*＊:：")


# An empty row's label cell that is a label of the organization's own (备注, 其他), not words
# typed where a label was: at most this many characters, none of them a digit or punctuation.
_LABEL_LIKE = re.compile(r"[\u4e00-\u9fff（）()/、]{1,6}")


def _blank_label(written: str) -> bool:
    return bool(_LABEL_LIKE.fullmatch(written))


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _own(element: Any, child: str, container: str) -> list[Any]:
    """``element``'s ``child`` elements (w:tr, w:tc, w:p) at any depth whose nearest
    ``container`` is ``element`` itself: a row wrapped in a content control is the table's,
    a row of a table inside a cell is not."""
    return [node for node in element.iter(f"{_W}{child}") if next(node.iterancestors(f"{_W}{container}"), None) is element]


def _cell_lines(cell: Any) -> list[str]:
    """A table cell's paragraphs as text, as Word shows them."""
    lines = []
    for paragraph in _own(cell, "p", "tc"):
        if any(a.tag == _MC_FALLBACK for a in paragraph.iterancestors()):
            continue
        lines.append(paragraph_text(paragraph))
    return lines


_UNREAD = ("word/stylesWithEffects.xml", "word/glossary/", "customXml/", "docProps/", "word/theme/")


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


def _reworded(line: str, known: set[str]) -> bool:
    """Whether ``line`` is one of the hints ``known`` as an earlier form worded it: the same
    words but for a few, punctuation aside (填"登记"（在民政部门登记）或"备案"（在街道、乡镇备案）
    of an older form was read as the organization's answer: a trial)."""
    bare = re.sub(r"[\W_]", "", line)
    return len(bare) >= 6 and any(difflib.SequenceMatcher(None, bare, re.sub(r"[\W_]", "", k)).ratio() >= 0.85 for k in known)


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
            if line_ and not any(line_ in k for k in known) and not _reworded(line_, known):  # not the hint, nor a piece of it
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


_MAPPED = set(re.findall(r"style-name='([^']+)'", STYLE_MAP))  # the style names STYLE_MAP reads


def slim_styles(data: bytes) -> bytes:
    """styles.xml as mammoth reads it: each style's type, id, name and list numbering.

    Word's styles.xml holds every style of the gallery with all its formatting, ten
    thousand elements or more, which mammoth would build into a DOM (minidom, in pure
    Python) on every import; it only reads these four things. Parsed by lxml (in C), with
    entities neither resolved nor loaded (and ``check_docx`` has refused any DTD).
    """
    from lxml import etree

    root = parse_xml(data)
    out = etree.Element(f"{{{W}}}styles", nsmap={"w": W})
    levels = outline_levels(root)
    for style in root.iterfind(f"{{{W}}}style"):
        kept = etree.SubElement(out, style.tag, {k: v for k, v in style.attrib.items() if k in (f"{{{W}}}type", f"{{{W}}}styleId")})
        name = style.find(f"{{{W}}}name")
        if name is not None:
            attributes = dict(name.attrib)
            level = levels.get(style.get(f"{{{W}}}styleId") or "")
            if level is not None and (attributes.get(f"{{{W}}}val") or "") not in _MAPPED:
                attributes[f"{{{W}}}val"] = f"heading {level}"  # read as a heading of that level (STYLE_MAP)
            etree.SubElement(kept, name.tag, attributes)
        numbering = style.find(f"{{{W}}}pPr/{{{W}}}numPr")
        if numbering is not None:
            etree.SubElement(kept, f"{{{W}}}pPr").append(numbering)
    return etree.tostring(out, xml_declaration=True, encoding="UTF-8", standalone=True)


def _slimmed(data: bytes) -> bytes:
    try:
        return slim_styles(data)
    except Exception:  # a styles part lxml will not read: mammoth gets it as it is
        return data


def for_mammoth(path: Path | io.BytesIO) -> tuple[bytes, int]:
    """The .docx as mammoth needs it: the parts it reads, styles.xml slimmed (see ``slim_styles``),
    its table of contents left out (``contents.py``); and how many lines that had."""
    import zipfile

    contents = 0
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        names = set(source.namelist())
        for info in source.infolist():
            if info.filename.startswith(_UNREAD):
                continue
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data = _slimmed(data)
            elif info.filename == "word/document.xml":
                if b"checkBox" in data:
                    data = _boxes_as_text(data)
                styles, numbering = (source.read(n) if n in names else b"" for n in ("word/styles.xml", "word/numbering.xml"))
                if _may_have_contents(data, styles):
                    data, contents = _without_contents(data, styles)
                if b"fldSimple" in data:
                    data = _simple_fields_as_text(data)
                if b"outlineLvl" in data or b"numPr" in data or b"numPr" in styles:  # numbered by a style alone, too
                    data = with_headings(data, styles, numbering, _MAPPED)
            target.writestr(info.filename, data)
    return out.getvalue(), contents


def _simple_fields_as_text(document: bytes) -> bytes:
    """Each simple field (``w:fldSimple``) as the runs of its result: mammoth reads no such
    field, and its text went missing from the draft: a 题注's number (图 2 乡贤捐建的村级图书室
    came as “图 乡贤……”, a helper's trial), a date or a page reference WPS wrote so. (A table
    of contents written so is gone before this: ``_without_contents``.)"""
    from lxml import etree

    try:
        root = parse_xml(document)
    except etree.XMLSyntaxError:
        return document
    for simple in list(root.iter(f"{_W}fldSimple")):
        parent = simple.getparent()
        if parent is None:
            continue
        at = parent.index(simple)
        for offset, child in enumerate(list(simple)):
            parent.insert(at + offset, child)
        parent.remove(simple)  # (its tail, whitespace between elements, with it: WordprocessingML has no text there)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _may_have_contents(document: bytes, styles: bytes) -> bool:
    """Whether a table of contents may be in the file (``contents.py``): most have none."""
    return any(word in document for word in (b"TOC", b"docPartGallery")) or any(
        word in styles.lower() for word in (b'"toc ', "目录".encode())
    )


def _without_contents(document: bytes, styles: bytes) -> tuple[bytes, int]:
    """word/document.xml without its table of contents, and how many lines it had (``contents.drop_contents``)."""
    from lxml import etree

    try:
        root = parse_xml(document)
        styled = parse_xml(styles) if styles else None
    except etree.XMLSyntaxError:
        return document, 0
    if not (lines := drop_contents(root, styled)):
        return document, 0
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True), lines


def _boxes_as_text(document: bytes) -> bytes:
    """Word's old-style form check boxes (a field, which mammoth drops) written as ☑ or ☐ before
    their field, so that a free-form file's 实践主题：☐新风正气 ☑便民服务 reads as ticked (a
    review: read as every choice). The form's table reads them itself (``_paragraph_text``)."""
    from lxml import etree

    try:
        root = parse_xml(document)
    except etree.XMLSyntaxError:
        return document
    for box in list(root.iter(f"{_W}checkBox")):
        run = next(box.iterancestors(f"{_W}r"), None)
        if run is None or run.getparent() is None:
            continue
        shown = etree.Element(f"{_W}r")
        etree.SubElement(shown, f"{_W}t").text = "☑" if checked(box) else "☐"
        run.addprevious(shown)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _unread_pictures(docx: Path | io.BytesIO, root: Any, seen: set[bytes]) -> list[bytes]:
    """The pictures the document shows that mammoth did not hand over (by their bytes, in
    document order): one grouped with its caption (组合) without the copy Word keeps for
    older programs was lost without a note in a helper's trial. Only pictures the text
    that was read holds: not one in text left out (hidden, deleted), nor a header's logo.
    ``root``: its word/document.xml, parsed."""
    import zipfile

    with zipfile.ZipFile(docx) as archive:
        targets = picture_parts(archive)
        found: list[bytes] = []
        done = set(seen)
        for node in root.iter("{*}blip", "{*}imagedata"):
            if not_shown(node):
                continue  # deleted, or Word's second copy for older programs
            part = targets.get(node.get(f"{{{_R}}}embed") or node.get(f"{{{_R}}}id") or "")
            if part is None:
                continue
            data = archive.read(part)
            digest = hashlib.sha256(data).digest()
            if digest not in done:
                done.add(digest)
                found.append(data)
    return found


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


_NOTE_REF = re.compile(r'<a href="#(?:footnote|endnote)-\d+" id="(?:footnote|endnote)-ref-\d+">(\[\d+\])</a>')
_NOTE_BACK = re.compile(r'\s*<a href="#(?:footnote|endnote)-ref-\d+">↑</a>')
_NOTE_LIST = re.compile(r'<ol><li id="(?:footnote|endnote)-')


_FIRST_NUMBERED = re.compile("<ol>(<li>)" + NUMBER_MARK.pattern)


def _list_starts(html: str) -> str:
    """mammoth's lists numbered from where Word's start (``headings.NUMBER_MARK``, written
    before each item numbered other than 1): a list that goes on after a paragraph (4. 5.)
    was numbered 1. 2. The marks inside a list are no number of its start: they go."""
    return NUMBER_MARK.sub("", _FIRST_NUMBERED.sub(r'<ol start="\2">\1', html))


def _notes(html: str) -> str:
    """mammoth's footnotes and endnotes as a page shows them: the mark in the text as [1],
    not a link to nowhere, and the notes under a line of their own (注释) without the ↑ links
    back (a helper's trial: a numbered list ending in ↑, under the last section)."""
    html = _NOTE_BACK.sub("", _NOTE_REF.sub(r"\1", html))
    # a bold line, not a heading: the import sets the headings' levels from the highest one
    # present, and a heading here moved every section a level down (a review)
    return _NOTE_LIST.sub(lambda m: "<p><strong>注释</strong></p>" + m.group(0), html, count=1)


def _external_pictures(path: Path) -> int:
    """Pictures linked to an address instead of embedded (never fetched)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        try:
            rels = archive.read("word/_rels/document.xml.rels").decode("utf-8", "replace")
        except KeyError:
            return 0
    return sum(
        1 for rel in re.findall(r"<Relationship\b[^>]*>", rels) if 'TargetMode="External"' in rel and re.search(r'Type="[^"]*/image"', rel)
    )


# A picture's alt text (可选文字) its author never wrote: the file's name or path, which Word
# 2007/2010 and WPS fill in (C:\Users\<name>\Desktop\<folder>\IMG_….jpg), or the
# description Word 365 makes up (“图片包含 人物, 户外 描述已自动生成”). Taken as the photo's
# caption, it was published under the photo (a helper's trial: a user name and a folder
# named after a family on benefits).
_MACHINE_NAME = re.compile(
    r"^(?:[A-Za-z]:[\\/]|\\\\|/(?:Users|home|storage|sdcard|var|private)/)"  # a path
    # a picture file's name (微信图片_….jfif too): the photo kinds, and the bitmaps and drawings Word keeps
    r"|\.(?:" + "|".join(sorted(kind.lstrip(".") for kind in PHOTOS | {".bmp", ".emf", ".wmf"})) + r")$",
    re.IGNORECASE,
)
_MACHINE_WORDS = re.compile(
    r"描述已自动生成|自动生成的说明|AI 生成的内容可能不正确|[Dd]escription automatically generated|AI-generated content may be incorrect",
    re.IGNORECASE,
)


def _machine_words(alt: str) -> str:
    """Word's own alt text as the report names it: a file's path or name is not repeated (its
    folders may name a family on benefits, which the page was kept clean of)."""
    return "照片在电脑上的文件名，不是说明" if _MACHINE_NAME.search(alt.strip()) else quoted(alt)


def machine_alt(alt: str) -> bool:
    """Whether a picture's alt text was written by the program rather than the author."""
    return _MACHINE_NAME.search(alt.strip()) is not None or _MACHINE_WORDS.search(alt) is not None


class Pictures:
    """mammoth's image callback: each picture written to the work folder as it comes."""

    def __init__(
        self,
        folder: Path,
        start: int = 0,
        max_pixels: int = DEFAULTS.max_image_pixels,
        sent: Sent | None = None,
        originals: dict[bytes, bytes] | None = None,
        empty: set[bytes] | None = None,
        long_side: int = DEFAULTS.import_photo_side,
    ) -> None:
        self.folder = folder
        self.long_side = long_side  # a photo longer than this is written this long (photometa.shrink)
        self.sent = sent  # a converted file: whether a picture is in the file as sent (provenance.py)
        self.originals = originals or {}  # a picture cut to its crop (crop.py), by its digest: the picture as sent
        self.empty = empty or set()  # the digests of pictures cropped to nothing (crop.py): not imported
        self.start = start  # pictures already named in this folder
        self.max_pixels = max_pixels  # the site's limit (check refuses more); nothing larger is decoded
        self.photos: list[Photo] = []
        self.notes: list[str] = []
        self.smaller: list[str] = []  # those of ``notes`` that say a photo was imported smaller
        self.count = 0
        self.linked = False  # a picture linked to a file or address outside was said
        self.seen: set[bytes] = set()  # the SHA-256 of every picture mammoth handed over
        self.machine: dict[str, str] = {}  # photo -> the alt text its program wrote (machine_alt), not used
        self.cropped: list[str] = []  # the photos cut to their crop in Word (crop.py), by name

    def __call__(self, image: mammoth.documents.Image) -> dict[str, str]:
        self.count += 1
        where = f"文中第 {self.count} 张图片"
        try:
            with image.open() as handle:
                data = handle.read(MAX_PICTURE_BYTES + 1)
                digest = hashlib.sha256(data)
                if len(data) > MAX_PICTURE_BYTES:  # the whole picture's digest, as _unread_pictures takes it (a review)
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(chunk)
        except Exception:  # a linked picture mammoth may not open, a broken part
            self.notes.append(f"{where}是链接到文件外的图片，没有读取（从不下载）；请把照片本身粘贴进文件，或随文件发来。")
            self.linked = True
            return {"src": ""}
        self.seen.add(digest.digest())
        if digest.digest() in self.empty:
            self.notes.append(f"{where}在 Word 里被裁剪得什么也不剩（文件里看不见它），没有导入。")
            return {"src": ""}
        if len(data) > MAX_PICTURE_BYTES:
            self.notes.append(f"{where}超过 {MAX_PICTURE_BYTES // 1048576} MB，没有导入。")
            return {"src": ""}
        photo = self.keep(data, where, image.content_type or "")
        if photo is None:
            return {"src": ""}
        if digest.digest() in self.originals and photo.name not in self.cropped:
            self.cropped.append(photo.name)  # named in the report (crop.py cut it)
        alt = " ".join((image.alt_text or "").split())
        if alt and machine_alt(alt):
            self.machine[photo.name] = alt
            alt = ""
        photo.alt = alt
        return {"src": photo.name, "alt": photo.alt}

    def keep(self, data: bytes, where: str, content_type: str = "") -> Photo | None:
        if self.sent is not None and not self.sent(self.originals.get(hashlib.sha256(data).digest(), data)):
            self.notes.append(
                f"{where}不在文件本身里（文件只写了它在电脑上的位置），为安全起见没有读取；请把照片本身粘贴进文件，或随文件发来。"
            )
            return None
        try:
            with headers_only(), Image.open(io.BytesIO(data)) as picture:
                kind, (width, height) = picture.format or "", picture.size
                turned = kind in DRAFTED and picture.getexif().get(0x0112) in (5, 6, 7, 8)
                if kind in ("WMF", "EMF") and width * height <= self.max_pixels:
                    picture.load()  # Pillow draws these only on Windows
                    buffer = io.BytesIO()
                    picture.save(buffer, "PNG")
                    data, kind = buffer.getvalue(), "PNG"
        except (UnidentifiedImageError, OSError, ValueError):  # Pillow's own pixel limit is lifted (headers_only): ours is below
            vector = "emf" in content_type or "wmf" in content_type or data[:4] in (b"\x01\x00\x00\x00", b"\xd7\xcd\xc6\x9a")
            if vector:
                self.notes.append(f"{where}是 EMF/WMF 矢量图，这里无法转换，没有导入；请另存为 JPG 或 PNG 后随文件发来。")
            elif not data:  # WeChat's 保存 before the original had arrived
                self.notes.append(
                    f"{where}是空文件（0 字节），没有导入：可能没有下载或保存完整（例如微信里原图还没加载完就保存了）；请对方重新发一份原图。"
                )
            else:  # a .jpg holding a web page, a document or a broken copy
                self.notes.append(
                    f"{where}不是图片文件{f'（{content_type}）' if content_type else ''}，或者已经损坏，没有导入："
                    "请用看图软件打开看看，打得开的另存为 JPG 后随文件发来，打不开的请对方重新发一份原图。"
                )
            return None
        extension = EXTENSIONS.get(kind)
        if extension is None:
            self.notes.append(f"{where}是 {kind} 格式，网站不能用，没有导入；请另存为 JPG 后随文件发来。")
            return None
        drafted = kind in DRAFTED and width * height <= JPEG_PIXEL_LIMITS * self.max_pixels
        if width * height > self.max_pixels and not drafted:  # check would refuse it; a HEIC of 19 KB decoded into 1 GB
            self.notes.append(
                f"{where}有 {width}×{height} 像素，超过网站的上限（{self.max_pixels // 10000} 万像素），没有导入；"
                f"请缩小（例如长边 {self.long_side} 像素左右）后随文件发来。"
            )
            return None
        if width * height > self.max_pixels:  # a phone's high-resolution mode: only its reduced copy
            return self._reduced(data, kind, where, (height, width) if turned else (width, height))
        try:
            cleaned, after = clean(data, kind)  # no GPS in the public cases folder: see photometa
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):  # cut short, broken inside
            self.notes.append(f"{where}无法读取（文件可能不完整或已损坏），没有导入；请重新发一份原图。")
            return None
        with Image.open(io.BytesIO(cleaned)) as upright:  # the header only
            width, height = upright.size
            if upright.getexif().get(0x0112) in (5, 6, 7, 8):  # turned a quarter: shown as the phone held it
                width, height = height, width
        before = len(data)
        data, extension = cleaned, EXTENSIONS[after]
        smaller = shrink(cleaned, after, self.max_pixels, self.long_side) if max(width, height) > self.long_side else None
        if smaller is not None:
            # A phone's original of 23 MB was committed as it came: the site shows 1600 px at most.
            data, extension = smaller[0], EXTENSIONS[smaller[1]]
            self._said_smaller(where, (width, height), before, smaller)
            width, height = smaller[2]
        return self._write(data, extension, where, (width, height), before if smaller else 0)

    @staticmethod
    def digests(photos: list[Photo]) -> dict[bytes, Photo]:
        """``photos`` (a file's pictures, written) by the SHA-256 of each one's file, for ``keep_new``."""
        return {hashlib.sha256(p.path.read_bytes()).digest(): p for p in photos}

    def keep_new(self, data: bytes, where: str, known: dict[bytes, Photo]) -> tuple[Photo | None, Photo | None]:
        """``keep``, for a photo sent beside a file whose pictures are ``known`` (``digests``):
        (the photo written, None); or, when it comes out as the same bytes as one of them (the
        same cut: a worker pasted the photo and sent it too), (None, that picture): it is not
        written, the next photo takes its number, and nothing is said of its size (said of the
        picture in the file already). (None, None) when it is not kept (said in ``notes``)."""
        said = len(self.notes)
        photo = self.keep(data, where)
        if photo is None:
            return None, None
        same = known.get(hashlib.sha256(photo.path.read_bytes()).digest())
        if same is None:
            return photo, None
        photo.path.unlink()
        self.photos.remove(photo)
        del self.notes[said:]
        return None, same

    def _reduced(self, data: bytes, kind: str, where: str, size: tuple[int, int]) -> Photo | None:
        """A JPEG over the site's pixel limit (``JPEG_PIXEL_LIMITS``), written only as its
        reduced copy: a new picture, so none of its metadata."""
        smaller = shrink(data, kind, self.max_pixels, self.long_side, canvas=JPEG_PIXEL_LIMITS * self.max_pixels)
        if smaller is None:
            self.notes.append(f"{where}无法读取（文件可能不完整或已损坏），没有导入；请重新发一份原图。")
            return None
        self._said_smaller(where, size, len(data), smaller)
        return self._write(smaller[0], EXTENSIONS[smaller[1]], where, smaller[2], len(data))

    def _said_smaller(self, where: str, size: tuple[int, int], before: int, smaller: tuple[bytes, str, tuple[int, int]]) -> None:
        self.smaller.append(
            f"{where}有 {size[0]}×{size[1]} 像素（{before / 1024:.0f} KB），"
            f"导入时缩小成了 {smaller[2][0]}×{smaller[2][1]} 像素（{len(smaller[0]) / 1024:.0f} KB）。"
        )
        self.notes.append(self.smaller[-1])

    def _write(self, data: bytes, extension: str, where: str, size: tuple[int, int], original_size: int) -> Photo | None:
        name = f"photo{self.start + len(self.photos) + 1}.{extension}"
        target = self.folder / name
        target.write_bytes(data)
        if cut_short(target):  # a JPEG or PNG copied only in part: check would refuse it
            target.unlink()
            self.notes.append(f"{where}不完整（文件被截断了，只有前面一部分），没有导入；请重新发一份原图。")
            return None
        photo = Photo(name, where, target, width=size[0], height=size[1], size=len(data), original_size=original_size)
        self.photos.append(photo)
        return photo


_VANISH = re.compile(rb"<w:vanish\b")


def damaged(name: str) -> str:
    """The one line for a Word file no reader could take apart. Without the exception's
    class name (an XMLSyntaxError meant nothing to the editor who read it in a trial)."""
    return f"{name} 无法读取，文件可能已损坏，或不是真正的 Word 文档。请用 Word 或 WPS 打开，另存为 .docx 后再导入。"


@dataclass
class Shown:
    """A .docx as the import reads it (``prepared``): the file (the one sent when nothing
    was changed), the stretches of hidden and of unseen text taken out (``_unseen``), the
    characters turned into Simplified, the pictures cut to their crop."""

    file: Path | io.BytesIO
    hidden: int = 0
    unseen: int = 0
    converted: int = 0
    cropped: Cropped = field(default_factory=lambda: Cropped({}, {}))


def prepared(path: Path, max_pixels: int = DEFAULTS.max_image_pixels) -> Shown:
    """The .docx as the import reads it: without hidden and unseen text, Traditional
    characters turned into Simplified, the pictures cut to what Word shows of them
    (``crop.py``); ``path`` itself when none of these.

    Hidden text (Font > Hidden) is shown by Word to no reader, yet mammoth and python-docx
    read it as any other: a helper's trial hid a phone number there, set on the text itself,
    through a character or paragraph style, and in a footnote (``_hidden_runs``). A form
    written in Traditional characters (Word's 简繁转换) lost its fields, whose labels are
    Simplified, and would publish Traditional text on a Simplified site: its text (body,
    footnotes, endnotes, the pictures' descriptions) is converted, only when most of it is
    Traditional (a Simplified file quoting a name in Traditional is kept as written)."""
    import zipfile

    from lxml import etree

    nothing = Shown(path)
    with zipfile.ZipFile(path) as source:
        names = set(source.namelist())
        if "word/document.xml" not in names:
            return nothing
        raw = {name: source.read(name) for name in ("word/document.xml", *_NOTES) if name in names}
        styles = source.read("word/styles.xml") if "word/styles.xml" in names else b""
        hiding = _hiding_styles(parse_xml(styles)) if _VANISH.search(styles) else _NO_HIDING
        document = raw["word/document.xml"]
        cropping = CROPPING.search(document) is not None
        if not hiding.any and not any(_VANISH.search(data) for data in raw.values()) and document.isascii() and not cropping:
            return nothing
        parts = {name: parse_xml(data) for name, data in raw.items()}
        root = parts["word/document.xml"]
        coloured = _page_coloured(root)
        dropped = [_drop_hidden(part, hiding, coloured) for part in parts.values()]
        hidden, unseen, removed = (sum(d[i] for d in dropped) for i in range(3))
        converted = 0
        if _mostly_traditional(_readings(root)):
            converted = sum(_to_simplified(part, _readings(part)) for part in parts.values())
        # after the hidden text went: a picture in it is not imported, whatever its crop
        cropped = cropped_parts(source, root, max_pixels) if cropping else nothing.cropped
        if not removed and not converted and not cropped.parts:
            return Shown(path, cropped=cropped)  # the file as sent (a picture cropped to nothing is skipped as it comes)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                part = parts.get(info.filename)
                if part is not None:
                    data = etree.tostring(part, xml_declaration=True, encoding="UTF-8", standalone=True)
                else:
                    data = cropped.parts.get(info.filename) or source.read(info)
                target.writestr(info, data)
    out.seek(0)
    return Shown(out, hidden, unseen, converted, cropped)


@dataclass(frozen=True)
class _Hiding:
    """What hides text through styles: the character and paragraph styles (by id) whose
    text Word hides or shows explicitly (True, False), and the document's default."""

    characters: dict[str, bool]
    paragraphs: dict[str, bool]
    default_paragraph: str | None = None
    default: bool = False

    @property
    def any(self) -> bool:
        return self.default or any(self.characters.values()) or any(self.paragraphs.values())


_NO_HIDING = _Hiding({}, {})


def _vanish(properties: Any) -> bool | None:
    """A run-properties element's own Hidden setting: True, False, or None when it sets none."""
    if properties is None or (mark := properties.find(f"{_W}vanish")) is None:
        return None
    return on(mark)


def _hiding_styles(styles: Any) -> _Hiding:
    """Each character and paragraph style's Hidden setting, its own or the one it is based
    on (a style "内部备注" based on a hidden one hides too)."""
    own: dict[str, tuple[str, bool | None]] = {}
    parents: dict[str, str | None] = {}
    default_paragraph = None
    for style in styles.iter(f"{_W}style"):
        kind, name = style.get(f"{_W}type"), style.get(f"{_W}styleId")
        if kind not in ("character", "paragraph") or not name:
            continue
        own[name], parents[name] = (kind, _vanish(style.find(f"{_W}rPr"))), based_on(style)
        if kind == "paragraph" and style.get(f"{_W}default") in ("1", "true", "on"):
            default_paragraph = name

    def resolved(name: str) -> bool | None:
        return next((value for at in style_chain(parents, name) if (value := own[at][1]) is not None), None)

    chars = {name: value for name, (kind, _) in own.items() if kind == "character" and (value := resolved(name)) is not None}
    paras = {name: value for name, (kind, _) in own.items() if kind == "paragraph" and (value := resolved(name)) is not None}
    defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
    return _Hiding(chars, paras, default_paragraph, bool(_vanish(defaults)))


def _hidden(run: Any, paragraph_style: str | None, hiding: _Hiding) -> bool:
    """Whether Word hides ``run``: its own setting first, then its character style's, then
    its paragraph's style's, then the document's default."""
    properties = run.find(f"{_W}rPr")
    if (value := _vanish(properties)) is not None:
        return value
    style = properties.find(f"{_W}rStyle") if properties is not None else None
    if style is not None and (value := hiding.characters.get(style.get(f"{_W}val", ""))) is not None:
        return value
    if paragraph_style is not None and (value := hiding.paragraphs.get(paragraph_style)) is not None:
        return value
    return hiding.default


def _drop_hidden(part: Any, hiding: _Hiding, coloured: bool = False) -> tuple[int, int, int]:
    """Take the hidden and the unseen runs (``_unseen``) out of ``part`` (the document,
    footnotes or endnotes); how many stretches of text of each there were (runs in a row
    count once: LibreOffice splits one hidden phrase into several runs), and how many runs
    went, text or not (a hidden picture's run has no text: counted by its text alone, the
    file was imported as sent, picture and all). ``coloured``: the page has a colour of its
    own (white text may show on it)."""
    stretches = [0, 0]
    removed = 0
    for paragraph in list(part.iter(f"{_W}p")):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        paragraph_style = style.get(f"{_W}val") if style is not None else hiding.default_paragraph
        after = -1  # the last run with text was hidden (0), unseen (1) or neither (-1)
        for run in [r for r in paragraph.iter(f"{_W}r") if next(r.iterancestors(f"{_W}p"), None) is paragraph]:
            text = any(t.text for t in run.iter(f"{_W}t"))
            kind = 0 if _hidden(run, paragraph_style, hiding) else 1 if _unseen(run, paragraph, coloured) else -1
            if kind >= 0:
                stretches[kind] += text and after != kind
                run.getparent().remove(run)
                removed += 1
            if text:
                after = kind
    return stretches[0], stretches[1], removed


_WHITE = ("FFFFFF",)
_ON_WHITE = (None, "background1", "light1")  # a theme colour that is the page's white, or none
_TINY = 2  # half-points: text of 1 point or less, which prints as a thin line


def _page_coloured(document: Any) -> bool:
    """Whether the document's pages have a colour other than white (Design > Page Colour)."""
    background = document.find(f"{_W}background")
    return background is not None and (background.get(f"{_W}color") or "FFFFFF").upper() not in ("FFFFFF", "AUTO")


def _unseen(run: Any, paragraph: Any, coloured: bool) -> bool:
    """Text Word does not hide but no reader sees: 1 point or smaller, or white on the white
    page (a helper's trial: a note with an old woman's address and her son's phone, in white
    1-point type, was imported and published). White text on anything that may be dark stays:
    a shaded run or paragraph, a highlight, a table (a table style may shade its header row),
    a text box or shape, a coloured page."""
    properties = run.find(f"{_W}rPr")
    if properties is None:
        return False
    size = properties.find(f"{_W}sz")
    if size is not None and (value := size.get(f"{_W}val") or "").isdigit() and int(value) <= _TINY:
        return True
    colour = properties.find(f"{_W}color")
    if colour is None or (colour.get(f"{_W}val") or "").upper() not in _WHITE or colour.get(f"{_W}themeColor") not in _ON_WHITE:
        return False
    if coloured or properties.find(f"{_W}highlight") is not None or properties.find(f"{_W}shd") is not None:
        return False
    if paragraph.find(f"{_W}pPr/{_W}shd") is not None:
        return False
    return not any(a.tag in (f"{_W}tbl", f"{_W}txbxContent", f"{_W}pict", f"{_W}drawing") for a in paragraph.iterancestors())


_NOTES = ("word/footnotes.xml", "word/endnotes.xml")  # mammoth reads them too
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"  # a picture's description: its alt text


def _paragraphs(root: Any) -> list[list[Any]]:
    """The text nodes (w:t) of each paragraph, in order; a text box's paragraphs are their own."""
    paragraphs: dict[Any, list[Any]] = {}
    for node in root.iter(f"{_W}t"):
        if node.text:
            paragraph = next(node.iterancestors(f"{_W}p"), None)
            paragraphs.setdefault(paragraph, []).append(node)
    return list(paragraphs.values())


Reading = tuple[list[Any], str, str | None]  # a paragraph's text nodes, its text, its Simplified reading


def _readings(root: Any) -> list[Reading]:
    """Each paragraph read in Simplified, whole (OpenCC's phrases need the words whole:
    計|畫 in two runs is 计划, not 计画)."""
    readings: list[Reading] = []
    for nodes in _paragraphs(root):
        text = "".join(node.text for node in nodes)
        readings.append((nodes, text, simplified(text)))
    return readings


def _mostly_traditional(readings: list[Reading]) -> bool:
    """Whether a document's text (not its font or style names) is written in Traditional
    characters (``simplified.mostly_traditional``; characters Simplified text uses too, 於
    or 沈, do not count)."""
    traditional = sum(len(traditional_at(text, out)) for _, text, out in readings if out is not None)
    return mostly_traditional("".join(text for _, text, _ in readings), traditional)


def _to_simplified(root: Any, readings: list[Reading]) -> int:
    """Give a part's paragraphs their Simplified reading, and its pictures' descriptions;
    how many characters changed."""
    changed = 0
    for nodes, text, converted in readings:
        if converted is None:
            continue
        changed += sum(1 for a, b in zip(text, converted, strict=True) if a != b)
        at = 0
        for node in nodes:
            node.text, at = converted[at : at + len(node.text)], at + len(node.text)
    for picture in root.iter(_DOC_PR):
        for name in ("descr", "title"):
            if (value := picture.get(name)) and (reading := simplified(value)) is not None:
                picture.set(name, reading)
    return changed


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
        missed = _unread_pictures(shown, document, pictures.seen)
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
    if charts := _charts(document):
        word.notes.append(
            f"文中有 {charts} 个图表，没有导入（案例里只能放文字和照片）：请把图表里的数字写进正文，或把图表截图另存为图片随文件发来。"
        )
    if pictures.cropped:
        named = first_few(pictures.cropped, 5, "张照片")
        word.notes.append(f"{named} 在 Word 里裁剪过，按裁剪后的样子导入（和文件里看到的一样），裁掉的部分没有导入。")
    if converted:
        word.notes.append(f"这份文件是繁体字，已转为简体字导入（{converted} 个字）；请核对人名、地名等专有名词是否转换正确。")
    linked = _external_pictures(path)
    if linked and not pictures.linked:  # said already of each it could not read
        word.notes.append(f"文中有 {linked} 张图片链接到外部网址，没有下载；请把照片本身粘贴进文件，或随文件发来。")
    items = blocks(parse(sanitize(_notes(_list_starts(result.value)))))
    items = _drop_form(items, taxonomy, words) if word.is_form else items
    if word.is_form and others:
        # a row added to the form's table for one of the story's sections (主要做法 | …): its words
        # under that heading, not left out as a row the form has no place for (an organization's trial)
        items, placed = _rows_as_sections(items, others)
        others = [row for row in others if row not in placed]
        word.notes += [f"表格里“{label}”一栏的文字已放进正文的“{label}”下面，请核对它的位置：{quoted(value)}" for label, value in placed]
    items, contact = _take_labelled(items, taxonomy, form=word.is_form)
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
    items, attached = _without_attachments(_captions(items))
    items, signed = _without_signature(items)
    if signed:
        items, above = _without_attachments(items)
        attached = above + attached
    word.body = _headings(items)
    if signed:
        word.notes.append(
            f"正文末尾的落款（{'，'.join(signed)}）没有写进草稿：案例页另有组织名称和开展时间。落款的日期不是活动日期，不要填进 date。"
        )
    if attached:
        word.notes.append(
            f"正文末尾的附件说明（{_joined_lines(attached)}）没有写进草稿：案例页上不附文件。"
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
        where = f"文中组合图形或其他对象里的第 {number} 张图片"
        if len(data) > MAX_PICTURE_BYTES:
            word.notes.append(f"{where}超过 {MAX_PICTURE_BYTES // 1048576} MB，没有导入。")
            continue
        photo = pictures.keep(data, where)
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
                f"{photo.name} 的“可选文字”是 Word 自动填写的（{_machine_words(pictures.machine[photo.name])}），没有用作照片说明；请给这张照片写上说明。"
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


_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"


def _charts(root: Any) -> int:
    """The charts the document shows (not deleted ones): mammoth reads none, and a chart of
    the figures went without a word in a helper's trial."""
    return sum(1 for node in root.iter(_CHART) if not not_shown(node))


def _drop_form(items: list[Block], taxonomy: Taxonomy, words: dict[str, Any] | None = None) -> list[Block]:
    """The form's own parts: everything up to its table, and the guidance left in place
    (in the packaged words or the site's)."""
    labels = {row.label for row in rows()}
    for index, block in enumerate(items):
        official = block.kind == "table" and sum(1 for label in labels if label in block.plain) >= 3  # the form's own table
        if block.kind == "table" and not official and _own_form(block, labels):
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
            while items and (_CONTINUED.fullmatch(squash(items[0].plain)) or _second_half(items[0], labels)):
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


# the line Word users type above a table's second half on the next page
_CONTINUED = re.compile(r"[（(]?(?:续表|续上表|接上表|表格续|续)[一二三四五六七八九十0-9]*[)）]?[：:。]?")


def _first_cells(block: Block) -> list[str]:
    """The first cell of each row of a table block, as its label reads (``_label``)."""
    firsts = [
        _label(re.sub(r"[*_`]", "", line.strip().strip("|").split("|")[0]))
        for line in block.text.splitlines()
        if line.strip().startswith("|")
    ]
    return [cell for cell in firsts if cell and not re.fullmatch(r":?-+:?", cell)]


def _own_form(block: Block, labels: set[str]) -> bool:
    """A table block ``read_table`` reads as an organization's own form (``_reads_as_form``)."""
    cells = _first_cells(block)
    read = [label for cell in cells if (label := _read_label(cell, labels)) in labels or label == PLACE]
    return _reads_as_form(sum(1 for cell in cells if cell in labels), read)


def _second_half(block: Block, labels: set[str]) -> bool:
    """A table whose rows (two at least) each start with one of the form's labels, as
    ``read_table`` reads a form's continuation."""
    if block.kind != "table":
        return False
    known = sorted(labels | set(CONTACT_LABELS) | set(SYNONYMS), key=len, reverse=True)
    firsts = [
        squash(re.sub(r"[*_`]", "", line.strip().strip("|").split("|")[0]))
        for line in block.text.splitlines()
        if line.strip().startswith("|")
    ]
    firsts = [cell for cell in firsts if cell and not re.fullmatch(r":?-+:?", cell)]
    return len(firsts) >= 2 and all(any(cell.startswith(label) for label in known) for cell in firsts)


def _take_labelled(items: list[Block], taxonomy: Taxonomy, form: bool) -> tuple[list[Block], dict[str, str]]:
    """“联系人：…” lines anywhere (never kept in the body); in a free-form file, also
    “组织名称：…”-style lines before the first heading, read as fields; a “地址：…” line
    only when it names a place (“地址：社区党群服务中心三楼” is the story's)."""
    labels = {row.label for row in rows()}
    kept: list[Block] = []
    found: dict[str, str] = {}
    heading_seen = False
    for index, block in enumerate(items):
        if block.kind == "heading" and index > 0:
            heading_seen = True
        if block.kind == "para":
            parts = _split_labelled(block.plain)
            if not parts and (line := _CONTACT_LINE.match(block.plain)):
                # the report says 联系人：王小明, not 联系人 联系人 王小明
                parts = [(line["label"], line["value"].strip())] if line["label"] else [("联系人", line["person"].strip())]
            contact = parts and all(contact_label(label) for label, _ in parts)
            field_lines = (
                parts
                and not form
                and not heading_seen
                and all(_known(label, labels) for label, _ in parts)
                and all(split_place(value, taxonomy) for label, value in parts if SYNONYMS.get(label) == PLACE)
                # a second value of a field read already is the story's (a second 项目名称): it stays
                and all(found.get(SYNONYMS.get(label) or label, value) == value for label, value in parts if not contact_label(label))
            )
            if not (contact or field_lines) and (clauses := _contact_clauses(block)):
                parts, contact = clauses, True
                if block.plain.strip():
                    kept.append(block)  # the story around it stays
            if contact or field_lines:
                for label, value in parts:
                    key = contact_label(label) or SYNONYMS.get(label) or label
                    if key in CONTACT_LABELS.values() and key in found and value not in found[key].split("；"):
                        found[key] += "；" + value  # each contact reaches the report, once
                    else:
                        found.setdefault(key, value)
                continue
        kept.append(block)
    return kept, found


_CLAUSE_END = "。！？"  # not ASCII ? and !: an address's ?id=1 ended a clause (a code review)
_CLAUSE_JOIN = "，,、；;：: \t\u3000*_"
_OPEN, _CLOSE = "（(", "）)"


def _next_of(text: str, chars: str) -> list[int]:
    """For each position of ``text``, the position of the next of ``chars`` at or after it (len(text): none)."""
    nexts = [len(text)] * (len(text) + 1)
    following = len(text)
    for index in range(len(text) - 1, -1, -1):
        if text[index] in chars:
            following = index
        nexts[index] = following
    return nexts


def _unbracketed(value: str) -> str:
    """A contact's value without a closing bracket it does not open (王芳 13900001111）: the
    clause ran to the sentence's end, past a bracket opened before the label; a helper's trial)."""
    for close, opening in (("）", "（"), (")", "(")):
        excess = value.count(close) - value.count(opening)  # counted once: one pass however long the value
        while excess > 0 and value.endswith(close):
            value, excess = value[:-1].rstrip(), excess - 1
    return value


def _without_contacts(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` without each clause that gives a contact inside a paragraph (欢迎报名，联系人：张丽，
    电话……。; （联系人：王芳）; 项目联系人：…), from its label to the sentence's end (or to
    the bracket closing within it), and those (label, what followed). One pass over the labels
    the check finds: a paragraph of thousands of them took minutes when each cut searched the
    whole text again (a code review)."""
    taken: list[tuple[str, str]] = []
    kept: list[str] = []
    pos = 0  # text before it is decided
    tail = ""  # the last character kept so far
    found = find_contacts(text)
    if not found:
        return text, taken
    # where the sentence (and a bracket) ends after each character: looked up, not searched
    # again for each label (（联系人：张）×16,000 without a 。 took 212 s)
    sentence_end, bracket_end = _next_of(text, _CLAUSE_END + "\n"), _next_of(text, _CLOSE)
    for match in found:
        if match.start() < pos:
            continue  # inside a clause already left out
        start, end = match.start(), match.end()
        while start > pos and is_han(text[start - 1]):  # 项目联系人: the word it ends
            start -= 1
        stop = sentence_end[end]
        joined = start
        while joined > pos and text[joined - 1] in _CLAUSE_JOIN:
            joined -= 1
        before = text[joined - 1] if joined > pos else tail
        if before in _OPEN and joined > pos:  # （联系人：王芳）: the brackets go with it, when they close in the sentence
            close = bracket_end[end] if bracket_end[end] < stop else -1
            taken.append((match["label"], text[end : close if close >= 0 else stop].strip(" *_")))
            kept.append(text[pos : joined - 1])
            pos = close + 1 if close >= 0 else stop
        elif not before or before in _CLAUSE_END or before == "\n":  # the whole sentence was the contact
            taken.append((match["label"], _unbracketed(text[end:stop].strip(" *_"))))
            kept.append(text[pos:start])
            pos = stop + 1 if stop < len(text) and text[stop] in _CLAUSE_END else stop
            while pos < len(text) and text[pos] in " \t\u3000":
                pos += 1
        else:  # 欢迎报名，联系人：…。 → 欢迎报名。
            taken.append((match["label"], _unbracketed(text[end:stop].strip(" *_"))))
            kept.append(text[pos:joined])
            pos = stop
        tail = kept[-1][-1] if kept[-1] else tail
    kept.append(text[pos:])
    return "".join(kept), taken


def _contact_clauses(block: Block) -> list[tuple[str, str]]:
    """Takes the contact clauses out of a paragraph; what they said, and the name of each
    person it sends the reader to without a label (报名请联系王小明，电话…: an editor's trial
    found it kept, the check only reminding, and 王小明 published; and the report named the
    WeChat ID as the 联系人): the name is the contact's, which the import hides wherever the
    material writes it, as it hides the form's. Cut from the paragraph's plain text, which is
    written again as its Markdown: a cut through **bold** or a link left half of its marks on
    the page (a code review), so such a paragraph loses its formatting."""
    named = list(dict.fromkeys(("联系人", name) for _, name in contact_named(block.plain)))
    if not find_contacts(block.plain):
        return named
    block.plain, taken = _without_contacts(block.plain)
    block.text = inline(block.plain)
    return taken + named


def _known(label: str, labels: set[str]) -> bool:
    return label in labels or label in SYNONYMS or contact_label(label) is not None


def _split_labelled(text: str) -> list[tuple[str, str]]:
    """“联系人：张三 联系电话：138…” → [(联系人, 张三), (联系电话, 138…)]; [] if not such a line."""
    pieces = re.split(rf"\s+(?=[{HAN}]{{2,6}}\s*[：:])", text.strip())
    parts = []
    for piece in pieces:
        match = _LABELLED.match(piece)
        if not match or not match.group("value").strip():
            return []
        parts.append((_label(match.group("label")), match.group("value").strip()))
    return parts


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
            and not story_sentence(previous.plain)
            else None
        )
        if following is not None and following.kind == "para":
            said = following.caption_style or following.plain.startswith(_CAPTION_START)
            # a section's name made bold under a photo (the last photo of a section) is the next
            # section's heading, not the photo's caption (a review: ## 主要做法 became its alt text);
            # a bold line naming no section is the photo's caption, as organizations bold them (a
            # later review: 志愿者为独居老人上门理发 became a section)
            bold = _BOLD_ONLY.fullmatch(following.text.strip()) is not None
            heading = bold and not said and any(word in following.plain for word in _section_words())
            # 附件2：居民感谢信 under the photo of 附件1 names the next attachment (a review: it became its caption)
            attachment = _ATTACHMENT_HEAD.match(following.plain.strip()) is not None
            following = None if heading or attachment or (above is not None and not said) else following
        if following is not None and following.kind == "para":
            said = following.caption_style or following.plain.startswith(_CAPTION_START)
            short = len(following.plain) <= CAPTION_LENGTH and (said or ("\n" not in following.text and not following.with_picture))
            # a sentence of the story is no caption: a helper's trial's 55-character paragraph
            # (三年来理事会共筹集资金86万元，……付出。) left the text for the photo's alt text
            short = short and (said or not story_sentence(following.plain))
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
_ATTACHMENT_HEAD = re.compile(
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
            and _ATTACHMENT_HEAD.match(parts[0]) is not None
            and all(_ATTACHMENT_HEAD.match(part) or _ATTACHMENT_ITEM.match(part) for part in parts[1:])
        )

    if block.kind == "list":
        lines = block.text.splitlines()
        return len(lines) <= _ATTACHMENT_LINES and all(map(named, lines))
    line = " ".join(block.plain.split())
    if block.kind == "heading":  # 附件 in a heading's style heads the list; no heading is an item of it
        return _ATTACHMENT_HEAD.match(line) is not None
    return block.kind == "para" and named(line) and (_ATTACHMENT_HEAD.match(line) is not None or _ATTACHMENT_ITEM.match(line) is not None)


def _without_attachments(items: list[Block]) -> tuple[list[Block], list[str]]:
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
        if items[at].kind in ("para", "heading") and (head := _ATTACHMENT_HEAD.match(items[at].plain.strip()))
    }
    if not heads:
        return items, []
    first = min(heads)
    before = items[first - 1] if first > 0 else None
    if before is not None and before.kind in ("para", "heading") and _ATTACHMENT_HEAD.match(before.plain.strip()):
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
    if (alone := _ATTACHMENT_HEAD.match(lines[0])) is not None and alone.end() == len(lines[0]) and not lines[0].endswith(("：", ":")):
        lines[0] += "："  # 三、附件 or 附件 alone, said as the list's head: 附件：1.活动照片，2.…
    return items[:first], lines


def _joined_lines(lines: list[str]) -> str:
    """Lines said on one line: 附件：1.活动照片，2.居民感谢信 (no comma after a colon)."""
    said = ""
    for line in lines:
        said = said.removesuffix("。")
        said += line if not said or said.endswith(("：", ":")) else "，" + line
    return said.removesuffix("。")  # said inside （）


def _without_signature(items: list[Block]) -> tuple[list[Block], list[str]]:
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


_BOLD_ONLY = re.compile(r"(?:\*\*[^*]+\*\*[ \u3000]*)+")
_BRACKETED = re.compile(r"^[【\[〔［](?P<text>[^【】\[\]〔〕［］]+)[】\]〕］]$")
_BOLD_HEADING_LENGTH = 30
# not a section's name though bold and alone: a sentence's marks inside it (有困难，找红马甲;
# 注：以上数据…), a point of a list (一是…, 第一…), a day (2023年3月5日): a review made them ##
_NOT_A_SECTION = re.compile(
    # …, a figure or a day (开展活动300余场, 表1 2023年…, 2023年3月5日), two phrases (邻里一家亲 幸福万家春): a review's
    r"[，,：:；;、。！？!?\d\s\u3000]|^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]|首先|其次|最后|注)"
)
_ARABIC_ITEM = re.compile(r"^\d{1,2}\s*[.、．]\s*(?=\S)")  # 1.结对帮扶: a point under a bold section name


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
        and _NOT_A_SECTION.search(_ARABIC_ITEM.sub("", block.plain, count=1)) is None
        and _BOLD_ONLY.fullmatch(block.text.strip()) is not None
    ]
    kept = set(found)

    def stands(at: int) -> bool:
        after = items[at + 1] if at + 1 < len(items) else None
        if after is None or after.kind in ("heading", "table"):  # over a table: its title (表1 …)
            return False
        if after.kind == "para" and after.plain.startswith(("“", '"', "「", "‘")):  # a speaker's name before a quote
            return False
        numbered_after = after.kind == "para" and (numbered_heading(after.plain) is not None or _ARABIC_ITEM.match(after.plain) is not None)
        return at + 1 not in kept or (numbered_after and _ARABIC_ITEM.match(items[at].plain) is None)

    found = [at for at in found if stands(at)]
    # as a write-up's own sections (no heading above them), one at least names a section as
    # write-ups name them (情况, 做法, 成效…: data/section-words.yml): two bold slogans (有困难找红马甲,
    # 邻里一家亲) were two sections (a review); under headings they are its points (建阵地, 办活动)
    words = _section_words()
    named = not top or any(any(word in items[at].plain for word in words) for at in found)
    return found if len(found) >= 2 and named else []


@functools.cache
def _section_words() -> tuple[str, ...]:
    return tuple(read_packaged("section-words.yml")["words"])


def _headings(items: list[Block]) -> list[Block]:
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
    names = [at for at in bold if _ARABIC_ITEM.match(items[at].plain) is None]  # section names; the rest their points
    numbered_at = [index for index in lines if index not in listed]
    # bold section names before any numbered line (基本情况, then （一）社区概况) head them: the
    # numbered lines go under them (a review had #### 基本情况 over ### 社区概况)
    on_top = bool(names and numbered_at and names[0] < numbered_at[0])
    top = min(lines[at][0] for at in numbered_at) if on_top else 2
    named = below  # the level of the bold names when they head the numbered lines
    below += 3 - top if on_top else 0  # the numbered lines' highest level one under them
    deepest = below - 1
    for index, block in enumerate(items):
        numbered = lines[index] if index in lines and index not in listed else None
        if block.kind == "heading":
            block.level = min(6, block.level + shift)
        if numbered:
            block.kind, block.level = "heading", min(6, below + numbered[0] - 2)
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
        plain = " ".join(block.plain.split())
        plain = bracketed[1] if (bracketed := _BRACKETED.match(plain)) else plain  # 【基本情况】
        point = index not in names and bool(names)
        level = named if on_top else (after[index] + 1 if after[index] else deepest + 1)
        block.kind, block.level, block.plain, block.text = "heading", min(6, level + point), plain, inline(plain)
    return items
