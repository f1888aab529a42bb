"""Image sources of a case body that ``imagerefs.find_body_images`` does not read.

That finder reads ``![alt](src)`` and ``<img src>`` written on one line, outside ```
blocks (also after a ``` line no other closes, which Markdown shows as text). The sanitizer
also keeps ``srcset`` (of ``<img>`` and ``<source>``, for the photo pipeline's own
``<picture>``), a tag may be spread over several lines, and Markdown has reference
images (``![alt][name]`` with ``[name]: url`` elsewhere). Each source found here is an
``ImageRef`` like the others, so it is checked the same way: a web address is refused
with its line, a file must be in the case folder.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import markdown

from .entities import unescape
from .imagerefs import find_body_images, md_images
from .model import ImageRef
from .source import LineEnds

_TAG = re.compile(r"<(?:img|source)\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""\b(src|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[ \t]*<?([^\s>]+)>?", re.MULTILINE)
# A srcset URL is another size of its tag's picture: the alt text belongs to the tag's src.
_SRCSET_ALT = "srcset"
_REF_IMAGE = re.compile(r"!\[([^\]\n]*)\](?:[ ]?\[([^\]\n]*)\])?(?!\()")


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` value ("a.jpg 480w, b.jpg 960w")."""
    urls = []
    for candidate in value.split(","):
        parts = candidate.split()
        if parts:
            urls.append(parts[0])
    return urls


def find_more_images(body: str, body_line: int) -> list[ImageRef]:
    """``srcset`` URLs, ``src`` of tags over several lines, and reference images, with their lines."""
    refs: list[ImageRef] = []
    lower = body.lower()
    ends = LineEnds(body)
    if "<img" in lower or "<source" in lower:
        for tag in _TAG.finditer(body):
            text = tag.group(0)
            line = body_line + ends.before(tag.start())
            alt = _ALT.search(text)
            alt_text = unescape(next(g for g in alt.groups() if g is not None)).strip() if alt else ""
            is_img = text[1:4].lower() == "img"
            for attr in _ATTR.finditer(text):
                name = attr.group(1).lower()
                value = unescape(next((g for g in attr.groups()[1:] if g is not None), ""))
                if name == "srcset":
                    refs += [ImageRef(url, line, _SRCSET_ALT) for url in srcset_urls(value)]
                elif "\n" in text and is_img:  # one-line tags: find_body_images has them
                    refs.append(ImageRef(value.strip(), line, alt_text))
    refs += _after_unclosed_fence(body, body_line)
    if "![" in body and "]:" in body:
        definitions = {m.group(1).strip().lower(): m.group(2) for m in _DEFINITION.finditer(body)}
        for match in _REF_IMAGE.finditer(body):
            name = (match.group(2) or match.group(1)).strip().lower()
            if name in definitions:
                line = body_line + ends.before(match.start())
                refs.append(ImageRef(definitions[name], line, match.group(1).strip()))
    return refs


def find_shown_images(body: str, body_line: int, found: list[ImageRef]) -> list[ImageRef]:
    """Images Python-Markdown shows that the other finders did not read whole.

    They read the usual forms line by line; Markdown also takes a description over two
    lines or with brackets in it (``![第[1]张](a.jpg)``) and a name with a full-width or
    no-break space (``![说明](活动　现场.jpg)``). A body where some ``![`` starts no image
    those finders matched (rare) is converted, and each ``<img>`` source in the result that
    is not among ``found`` is one more reference, at the line of such a ``![``. Only for a
    body within the bounds of ``bounds.py`` (the caller's condition).
    """
    starts = _unmatched_image_starts(body)
    if not starts:
        return []
    known = {_plain(ref.src) for ref in found}
    converter = markdown.Markdown(extensions=["tables"])
    refs: list[ImageRef] = []
    ends = LineEnds(body)
    for tag in _TAG.finditer(converter.convert(body)):
        if tag.group(0)[1:4].lower() != "img":
            continue
        src = next((attr for attr in _ATTR.finditer(tag.group(0)) if attr.group(1).lower() == "src"), None)
        if src is None:
            continue
        value = unescape(next((g for g in src.groups()[1:] if g is not None), "")).strip()
        if not value or _plain(value) in known:
            continue
        known.add(_plain(value))
        offset = starts[min(len(refs), len(starts) - 1)]
        alt = _ALT.search(tag.group(0))
        alt_text = unescape(next(g for g in alt.groups() if g is not None)).strip() if alt else ""
        refs.append(ImageRef(value, body_line + ends.before(offset), alt_text))
    return refs


def _plain(src: str) -> str:
    return unquote(src.split("#")[0].split("?")[0]).strip()


def _unmatched_image_starts(body: str) -> list[int]:
    """Offsets of each ``![`` outside fenced code that starts no image the line finders read."""
    if "![" not in body:
        return []
    definitions = {m.group(1).strip().lower() for m in _DEFINITION.finditer(body)} if "]:" in body else set()
    starts: list[int] = []
    offset = 0
    in_fence = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and "![" in line:
            read = {start for start, _, _ in md_images(line)}
            read |= {m.start() for m in _REF_IMAGE.finditer(line) if (m.group(2) or m.group(1)).strip().lower() in definitions}
            starts += [offset + m.start() for m in re.finditer(r"!\[", line) if m.start() not in read]
        offset += len(line) + 1
    return starts


def _after_unclosed_fence(body: str, body_line: int) -> list[ImageRef]:
    """Images after a ``` line that no other closes: Markdown shows them, ``find_body_images`` skips them."""
    if "```" not in body and "~~~" not in body:
        return []
    lines = body.split("\n")
    fences = [n for n, line in enumerate(lines) if line.lstrip().startswith(("```", "~~~"))]
    if len(fences) % 2 == 0:
        return []
    last = fences[-1]  # opens a block that never closes
    return find_body_images("\n".join(lines[last + 1 :]), body_line + last + 1)
