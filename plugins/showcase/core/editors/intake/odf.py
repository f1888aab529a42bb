"""What an OpenDocument text (.odt) hides from its reader, taken out before LibreOffice converts it.

LibreOffice writes a hidden section (格式 → 区段 → 隐藏) into the .docx it makes as any other
text, for Word has no hidden sections: a helper's trial hid a list of names and a mobile
number in one, and the import published it. So do a section hidden by a condition (which
the import cannot evaluate: left out too, and counted with the others) and a paragraph
hidden by a “隐藏段落” field (as LibreOffice last showed it: ``text:is-hidden``). Text
hidden by its character format becomes Word's hidden text, which the reader takes out; a
“隐藏文字” field's text LibreOffice does not write into the .docx at all.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

from ...office import parse_xml

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_T = "{" + TEXT + "}"


def _hidden_parts(root: Any) -> list[Any]:
    """The sections and paragraphs hidden in ``root``, outermost only."""
    found: list[Any] = []
    for node in root.iter(f"{_T}section", f"{_T}hidden-paragraph"):
        if node.tag == f"{_T}section":
            display = node.get(f"{_T}display", "true")
            if display not in ("none", "condition"):
                continue
            part = node
        else:
            part = next(node.iterancestors(f"{_T}p", f"{_T}h"), None)
            if part is None or node.get(f"{_T}is-hidden", "false") != "true":
                continue
        if any(ancestor in found for ancestor in part.iterancestors()) or part in found:
            continue  # inside a part already left out
        found.append(part)
    return found


def drop_hidden(path: Path) -> int:
    """Rewrite ``path`` (the import's own copy of an .odt) without its hidden sections and
    paragraphs; how many were taken out. A file whose content.xml does not parse is left as it
    is, for LibreOffice to refuse or read."""
    from lxml import etree

    try:
        with zipfile.ZipFile(path) as source:
            data = source.read("content.xml")
            if b"display" not in data and b"hidden-paragraph" not in data:
                return 0
            root = parse_xml(data)
            parts = _hidden_parts(root)
            if not parts:
                return 0
            for part in parts:
                part.getparent().remove(part)
            content = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            rewritten = path.with_name(path.name + ".part")
            with zipfile.ZipFile(rewritten, "w") as target:
                for info in source.infolist():  # the mimetype first and stored, as written
                    target.writestr(info, content if info.filename == "content.xml" else source.read(info))
    except (KeyError, zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, etree.XMLSyntaxError):
        return 0
    shutil.move(rewritten, path)
    return len(parts)
