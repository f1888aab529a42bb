"""The text Word shows in a paragraph of word/document.xml (lxml, parsed by ``office.parse_xml``):
what the form's table and the headings' reading (``headings.py``) take a paragraph to say."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .crop import not_shown
from .ooxml import _W


def on(setting: Any) -> bool:
    """A WordprocessingML on/off setting (w:vanish, w:checked): on unless its value says off."""
    return setting.get(f"{_W}val", "true") not in ("0", "false", "off")


def based_on(style: Any) -> str | None:
    """The id of the style a ``w:style`` is based on (``w:basedOn``), or None."""
    based = style.find(f"{_W}basedOn")
    return based.get(f"{_W}val") if based is not None else None


def style_chain(parents: Mapping[str, str | None], start: str) -> Iterator[str]:
    """``start`` and the styles it is based on, nearest first (``parents``: style id → the
    id it is based on): what a style does not set, it takes from there. Ends at a style
    not in ``parents`` and at a loop of basedOn (a file can hold one)."""
    seen: set[str] = set()
    at: str | None = start
    while at is not None and at in parents and at not in seen:
        seen.add(at)
        yield at
        at = parents[at]


def paragraph_text(paragraph: Any) -> str:
    """The text Word shows in ``paragraph``: every run, also inside a tracked insertion, a
    content control, a smart tag, a field's result or a link; not deleted text, not a
    field's code, not a text box's paragraphs (their own)."""
    chars: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}sym", f"{_W}checkBox"):
        if next(node.iterancestors(f"{_W}p"), None) is not paragraph:
            continue
        if not_shown(node):
            continue
        local = node.tag[len(_W) :]
        if local == "sym":
            chars.append(_symbol(node.get(f"{_W}font", ""), node.get(f"{_W}char", "")))
        elif local == "checkBox":  # Word's old-style form check box (旧式窗体), a field: ticked or not
            chars.append("☑" if checked(node) else "☐")
        else:
            chars.append(node.text or "" if local == "t" else "\t" if local == "tab" else "\n")
    return "".join(chars)


# Word's 插入 → 符号 tick boxes, which it writes as a symbol font's character, not as text:
# (font, the character's low byte) → the box it draws
_SYMBOLS = {
    ("wingdings 2", 0x52): "☑",
    ("wingdings 2", 0x54): "☒",
    ("wingdings 2", 0x50): "✓",
    ("wingdings 2", 0xA3): "☐",
    ("wingdings 2", 0x2A): "☐",
    ("wingdings", 0xFE): "☑",
    ("wingdings", 0xFD): "☒",
    ("wingdings", 0x78): "☒",
    ("wingdings", 0xFC): "✓",
    ("wingdings", 0xA8): "☐",
    ("wingdings", 0x6F): "☐",
}


def checked(box: Any) -> bool:
    """A form check box's state: its ``w:checked`` (on when written without a value), else its default."""
    for name in ("checked", "default"):
        if (setting := box.find(f"{_W}{name}")) is not None:
            return on(setting)
    return False


def _symbol(font: str, char: str) -> str:
    try:
        code = int(char, 16) & 0xFF
    except ValueError:
        return ""
    return _SYMBOLS.get((font.strip().lower(), code), "")
