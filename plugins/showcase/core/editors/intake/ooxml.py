"""The Office Open XML names the import reads Word files by, written once: the Word
namespace (``W``; ``_W`` as lxml writes a tag of it), the relationships' (a picture's
``r:embed``), and markup compatibility's ``Fallback`` (the copy of a drawing or text box
Word keeps for older programs, which is never what the page shows)."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_R = "{" + R + "}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
