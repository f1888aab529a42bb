"""Text from cases and site files written into GitHub Markdown (the pull-request summary, its
warnings) so that it renders as exactly that text: no element, link, mention, emphasis or
extra table cell can come out of it."""

from __future__ import annotations

import re

_MARKUP = frozenset("\\`*_[]<>&|~")


# What GitHub turns into a notification or a link after rendering (@mentions of people and
# teams, #1 issue references, https:// and www. addresses): character references do not
# stop it, as it reads the rendered text; an empty HTML comment splits the text node.
_LINKED = re.compile(r"(@|#|:(?=//)|(?i:www)(?=\.))")


def md_text(text: str) -> str:
    """Text from a case (title, reviewer, path) as Markdown that renders as exactly that
    text: no element, link, mention, emphasis or extra table cell can come out of it."""
    flat = " ".join((text or "").splitlines())
    out = []
    for index, part in enumerate(_LINKED.split(flat)):  # text, then what GitHub would link, in turn
        out.append("".join(f"&#{ord(ch)};" if ch in _MARKUP else ch for ch in part))
        if index % 2:
            out.append("<!-- -->")
    return "".join(out)


def md_code(text: str) -> str:
    """A code span, or escaped text when a backtick or a pipe would end the span or the cell."""
    if not text or any(ch in text for ch in "`|\n\r"):
        return md_text(text)
    return f"`{text}`"
