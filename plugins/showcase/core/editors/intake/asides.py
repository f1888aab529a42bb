"""What a Word file holds beside its text, which the import leaves out or settles: named in the report.

Comments (批注) are not imported; tracked changes (修订) are read as if all were accepted
(deleted text left out, inserted text kept: ``crop.not_shown``); headers and footers are
not imported. All three went without a word in a helper's trial: a comment held a
reviewer's mobile number, a draft still carried its tracked changes, and a footer the
organization's address. The editor is told, in one line each.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from ...case.pii import mask_numbers
from ...office import document_parts, parse_xml
from .crop import NOT_SHOWN
from .ooxml import _W, MC_FALLBACK

_CHANGES = (f"{_W}ins", f"{_W}del", f"{_W}moveFrom", f"{_W}moveTo")
_CONTENT = (f"{_W}t", f"{_W}delText", f"{_W}drawing", f"{_W}pict", f"{_W}object")
# not on the page (``crop.NOT_SHOWN``), nor a simple field's result (a page number)
_NOT_SHOWN_HERE = NOT_SHOWN | {f"{_W}fldSimple"}
_PAGE_WORDS = re.compile(r"第\s*页(?:\s*[，,/、]?\s*共\s*页)?|共\s*页")
QUOTED = 30  # characters of a header's or footer's text the report quotes


def _changes(root: Any) -> bool:
    """Whether the document has a tracked insertion, deletion or move with text or a picture in
    it (not counted: LibreOffice writes one deleted sentence as several)."""
    return any(next(change.iter(*_CONTENT), None) is not None for change in root.iter(*_CHANGES))


_O = "{urn:schemas-microsoft-com:office:office}"


def _elsewhere(root: Any) -> tuple[int, int]:
    """The altChunks (another file's content, HTML or a document, Word shows as the text's) and
    the embedded objects (an Excel table, a file, a control) the document shows: mammoth
    reads neither, and both went without a word (a hostile-input review; a file whose
    whole text is one was refused as empty). Not in deleted text nor in Word's copy for older programs."""
    chunks = sum(1 for node in root.iter(f"{_W}altChunk") if not any(a.tag in NOT_SHOWN for a in node.iterancestors()))
    objects = sum(1 for node in root.iter(f"{_O}OLEObject", f"{_W}control") if not any(a.tag in NOT_SHOWN for a in node.iterancestors()))
    return chunks, objects


# A field showing the date or the time it is opened (Word's 插入日期和时间 with 自动更新 ticked;
# LibreOffice's date field not fixed): a .doc, .odt or .wps converted by LibreOffice shows the
# day of the import there, a .docx the day Word last updated it. Not CREATEDATE or SAVEDATE:
# those show a day the file keeps.
_OPENED_DATE = re.compile(r"^\s*(?:DATE|TIME)\b", re.IGNORECASE)


def _locked(field: Any) -> bool:
    """Whether a field (its w:fldSimple, or its begin w:fldChar) is locked: never updated."""
    return field.get(f"{_W}fldLock") in ("true", "1", "on")


def _date_fields(root: Any) -> list[str]:
    """What each field of the body showing the day it is opened shows (its result), in order,
    outside deleted text and Word's copy for older programs."""
    shown: list[str] = []
    for node in root.iter(f"{_W}fldSimple"):
        if (
            _OPENED_DATE.match(node.get(f"{_W}instr") or "")
            and not _locked(node)
            and not any(a.tag in NOT_SHOWN for a in node.iterancestors())
        ):
            shown.append("".join(t.text or "" for t in node.iter(f"{_W}t")).strip())
    for paragraph in root.iter(f"{_W}p"):
        state = ""  # "code" between a field's begin and separate, "result" up to its end
        code: list[str] = []
        result: list[str] = []
        for node in paragraph.iter(f"{_W}fldChar", f"{_W}instrText", f"{_W}t"):
            if any(a.tag in NOT_SHOWN for a in node.iterancestors()):
                continue
            if node.tag == f"{_W}fldChar":
                kind = node.get(f"{_W}fldCharType")
                if kind == "begin":  # a locked field (LibreOffice's fixed date) is never updated
                    state, code, result = ("" if _locked(node) else "code"), [], []
                elif kind == "separate" and state:
                    state = "result"
                elif kind == "end" and state:
                    if _OPENED_DATE.match("".join(code)):
                        shown.append("".join(result).strip())
                    state = ""
            elif node.tag == f"{_W}instrText" and state == "code":
                code.append(node.text or "")
            elif node.tag == f"{_W}t" and state == "result":
                result.append(node.text or "")
    return shown


def _comments(archive: zipfile.ZipFile, names: set[str]) -> int:
    """The comments with words in them."""
    if "word/comments.xml" not in names:
        return 0
    root = parse_xml(archive.read("word/comments.xml"))
    return sum(1 for comment in root.iter(f"{_W}comment") if "".join(t.text or "" for t in comment.iter(f"{_W}t")).strip())


def _shown_text(part: Any) -> str:
    """A header's or footer's text as Word shows it, without fields' results (a page number),
    deleted text or the copy Word keeps for older programs."""
    words: list[str] = []
    for paragraph in part.iter(f"{_W}p"):
        if next(paragraph.iterancestors(f"{_W}p"), None) is not None:
            continue  # a text box's paragraph: read with its own
        depth = 0  # inside a field (its code or its result) when above 0
        line: list[str] = []
        for node in paragraph.iter(f"{_W}fldChar", f"{_W}t", f"{_W}tab"):
            if any(a.tag in _NOT_SHOWN_HERE for a in node.iterancestors()):
                continue
            if node.tag == f"{_W}fldChar":
                depth = max(0, depth + {"begin": 1, "end": -1}.get(node.get(f"{_W}fldCharType") or "", 0))
            elif not depth:
                line.append(node.text or "" if node.tag == f"{_W}t" else " ")
        words.append("".join(line))
    return " ".join(_PAGE_WORDS.sub(" ", " ".join(words)).split())


def _pictures(part: Any) -> int:
    return sum(1 for node in part.iter("{*}blip", "{*}imagedata") if not any(a.tag == MC_FALLBACK for a in node.iterancestors()))


def _margins(archive: zipfile.ZipFile) -> tuple[list[str], int]:
    """The texts of the headers and footers (each once) and how many pictures they show."""
    texts: list[str] = []
    pictures = 0
    for _, part in document_parts(archive, "/header", "/footer"):
        root = parse_xml(archive.read(part))
        if (text := _shown_text(root)) and text not in texts:
            texts.append(text)
        pictures += _pictures(root)
    return texts, pictures


def aside_notes(docx: Path | BytesIO, document: Any) -> tuple[list[str], int]:
    """The report's lines on the comments, tracked changes, headers and footers of ``docx``
    (``document``: its word/document.xml, parsed), and how many passages were inserted from
    another file or a web page (altChunk), which the import cannot read."""
    from lxml import etree

    notes: list[str] = []
    comments, pictures = 0, 0
    texts: list[str] = []
    with zipfile.ZipFile(docx) as archive:
        names = set(archive.namelist())
        try:  # a part lxml will not read is not worth failing the import for: the body was read
            comments = _comments(archive, names)
            texts, pictures = _margins(archive)
        except etree.XMLSyntaxError:
            pass
    if comments:
        notes.append(
            f"文件里有 {comments} 条批注（写在页边的修改意见），没有导入。请在 Word 里看一看批注：意见里要改的地方，请在草稿里改好。"
        )
    if _changes(document):
        notes.append(
            "文件里有没有接受的修订（Word“修订”模式记下的增删）：导入时按全部接受处理，"
            "划掉（删除）的字没有导入，新加的字导入了。请向组织确认这份材料是定稿。"
        )
    dates = _date_fields(document)
    if dates:
        example = next((f"（例如“{_shortened(d)}”）" for d in dates if d), "")
        notes.append(
            f"文件里有 {len(dates)} 处会自动更新的日期或时间{example}："
            "它显示的是打开或转换文件那天的日期，不一定是材料上写的日期（插入日期时勾选了“自动更新”）。请向组织核对草稿里的日期，例如开展时间。"
        )
    chunks, objects = _elsewhere(document)
    if chunks:
        notes.append(
            f"文件里有 {chunks} 段从别的文件或网页插入的内容（Word 打开时显示为正文），没有导入。"
            "请用 Word 打开这份文件，另存为 .docx 后再导入（另存后这些内容成为普通文字），或把这些内容复制进草稿；"
            "电脑上没有 Word 的，请组织用 Word 另存后再发来（用 LibreOffice 打开时看不到这些内容）。"
        )
    if objects:
        notes.append(
            f"文件里有 {objects} 个嵌入的对象（例如插入的 Excel 表格、其他文件，或勾选框、输入框等控件），没有导入（案例里只能放文字和照片）：有需要的内容请写进草稿。"
        )
    if texts or pictures:
        quoted = "、".join(f"“{_shortened(text)}”" for text in texts[:3])
        what = "和".join(part for part in (f"文字{quoted}" if texts else "", f" {pictures} 张图片" if pictures else "") if part)
        notes.append(
            f"文件的页眉、页脚里有{what}，没有导入。如果其中有案例需要的内容（例如组织名称、活动名称），请写进草稿；"
            "电话、地址等联系方式不要写进去。"
        )
    return notes, chunks


def _shortened(text: str) -> str:
    text, _ = mask_numbers(text)
    return text if len(text) <= QUOTED else text[:QUOTED] + "…"
