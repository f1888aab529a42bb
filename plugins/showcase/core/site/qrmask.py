"""The mask segno would choose for a QR code, found in a fraction of segno's time.

A QR encoder tries all eight data masks and keeps the one with the lowest penalty score
(ISO/IEC 18004:2015, 7.8.3). segno does this module by module in Python: most of the
4.3 ms a permalink's code takes with its SVG, about 43 s of CPU in a cold build of 10,000
case pages. Here the whole matrix is one integer (``_pack``: the rows one after another,
four light modules between two rows; the columns likewise), so XOR applies a mask and a
few shifts, ANDs and ``int.bit_count`` score every row at once: runs of five alike,
2 x 2 blocks, finder-like patterns and their light areas, dark modules. Scoring one mask
takes 5 us instead of segno's 0.3 ms (and 82 us when this module held each row as an
integer and searched the rows as text). A permalink's code (version 4) takes 0.97 ms with
its SVG against segno's 3.2 ms (``scripts/bench_qr.py``): most of it is now segno
making the code with mask 0. The first code of each size in a process gains nothing (its
layout is read once).

``make_code`` asks segno for the code with mask 0, takes the mask off again, scores the
eight masks exactly as segno's ``mask_scores`` does, and, when another mask wins, puts
that mask and its format information into segno's own matrix. The result is the code
``segno.make`` returns, module for module: the tests compare 500 of them (a review
compared 5,110, versions 1 to 40), and the first use in each process compares three
(versions 2, 4 and 11; error levels M and Q; with and without version information). If
segno ever scores or lays out codes otherwise (a new version) and those three show it,
every code is left to segno, as before; if a single code fails here, that code is. A
difference the three do not show would give a code that scans as well, with a mask
segno would not have chosen: the format information written is always segno's own for
the mask written.

The layout (finder, timing and alignment patterns, the reserved format and version
areas) is not copied: it is read from segno's own ``encoder`` functions, once per size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import segno

_TO_TEXT = bytes.maketrans(b"\x00\x01", b"01")
_TO_MODULES = bytes.maketrans(b"01", b"\x00\x01")
_FINDER_LIKE = "1011101"  # dark:light:dark:dark:dark:light:dark, 1:1:3:1:1
# Light modules between two lines of the matrix held as one integer: as wide as the light
# area N3 looks for, so no run, block, pattern or light area reaches across two lines.
_GAP = bytes(4)


@dataclass(frozen=True)
class _Layout:
    """One symbol size: which modules carry data, which are reserved, and each mask, each
    as one integer (``_pack``) of the rows, or of the columns (the matrix transposed)."""

    width: int
    reserved_rows: int  # the format/version areas
    reserved_cols: int
    mask_rows: tuple[int, ...]  # per mask: the data modules it flips
    mask_cols: tuple[int, ...]
    pairs: int  # every module but a line's first: the module and the one before it are a pair

    @property
    def stride(self) -> int:
        return self.width + len(_GAP)

    def lines(self, packed: int) -> list[str]:
        """The lines of ``packed`` as text, "1" dark, each ``width`` long."""
        text = format(packed, f"0{self.width * self.stride - len(_GAP)}b")
        return [text[start : start + self.width] for start in range(0, len(text), self.stride)]


def _pack(lines: Iterable[Iterable[int]]) -> int:
    """Lines of modules (0/1) as one integer, the first line's first module the highest bit,
    a ``_GAP`` of light modules between two lines: one line lies ``stride`` bits above the next."""
    return int(_GAP.join(bytes(line) for line in lines).translate(_TO_TEXT), 2)


@lru_cache(maxsize=64)
def _layout(width: int) -> _Layout:
    from segno import encoder  # segno's layout functions, as its own mask search uses them

    function = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(function, width, width)
    encoder.add_alignment_patterns(function, width, width)
    function[-8][8] = 0x1  # the dark module
    # What segno's encoder leaves as 0x0 for the format (and version) information.
    bare = encoder.make_matrix(width, width, reserve_regions=False)
    kept = encoder.make_matrix(width, width)  # the timing pattern crosses them: not reserved there
    reserved = [bytes(int(a != b) for a, b in zip(r1, r2, strict=True)) for r1, r2 in zip(bare, kept, strict=True)]
    masks = encoder.get_data_mask_functions(False)
    rows, cols = [], []
    for fn in masks:
        flips = [bytes(int(function[i][j] > 0x1 and bool(fn(i, j))) for j in range(width)) for i in range(width)]
        rows.append(_pack(flips))
        cols.append(_pack(zip(*flips, strict=True)))
    return _Layout(
        width=width,
        reserved_rows=_pack(reserved),
        reserved_cols=_pack(zip(*reserved, strict=True)),
        mask_rows=tuple(rows),
        mask_cols=tuple(cols),
        pairs=_pack([bytes(1) + b"\x01" * (width - 1)] * width),
    )


def _finder_like(line: str, width: int) -> int:
    """Score N3 of one row or column, as segno's ``n3_pattern_occurrences`` counts it."""
    count = 0
    idx = line.find(_FINDER_LIKE)
    while idx != -1:
        after = idx + 7
        if idx in (0, width - 7) or "1" not in line[max(idx - 4, 0) : idx] or "1" not in line[after : after + 4]:
            count += 40
        else:
            after = idx + 4  # no 4-module light area on either side: the next match may start inside this one
        idx = line.find(_FINDER_LIKE, after)
    return count


def _penalty(rows: int, cols: int, layout: _Layout) -> int:
    """N1 + N2 + N3 + N4 of a masked matrix (format areas light), as segno's ``mask_scores``,
    every line at once: the rows, then the columns, each packed into one integer (``_pack``).

    Bit ``p`` of ``x >> k`` is module ``p + k``: the module ``k`` places before in its line
    (a ``stride`` before: the line before). The gaps between lines are light.
    """
    pairs = layout.pairs
    n1 = n3 = 0
    for x in (rows, cols):
        same = pairs & ~(x ^ (x >> 1))  # the module and the one before it alike
        five = same & (same >> 1) & (same >> 2) & (same >> 3)  # five alike from here back
        # A run of 5 + i alike scores 3 + i: its 1 + i places with five alike, and 2 more.
        n1 += five.bit_count() + 2 * (five & ~(five >> 1)).bit_count()
        found = x & ~(x >> 1) & (x >> 2) & (x >> 3) & (x >> 4) & ~(x >> 5) & (x >> 6)
        if not found:
            continue
        if found & ((found >> 4) | (found >> 6)):
            # Two patterns overlap: segno's scan skips one or not depending on the light
            # areas, so these lines are scanned as it scans them.
            n3 += sum(_finder_like(line, layout.width) for line in layout.lines(x) if _FINDER_LIKE in line)
            continue
        # Bit p: a dark module among the four after module p (from the shifted copy: after
        # the last line's last module there is no bit to shift in from).
        after = x << 4
        dark = after | (after >> 1) | (after >> 2) | (after >> 3)
        # A pattern scores unless both its four-module areas hold a dark module (the four
        # after it, and the four before its first module, 11 places on); past a line's end
        # counts as light (the gaps), as segno's slices end there.
        n3 += 40 * (found.bit_count() - (found & dark & (dark >> 11)).bit_count())
    stride = layout.stride
    across = pairs & ~(rows ^ (rows >> 1))
    # 2 x 2 alike: two pairs alike, one above the other, and the module above alike (the
    # first row has no pair above it: nothing is shifted in above the first line).
    n2 = (across & (across >> stride) & ~(rows ^ (rows >> stride))).bit_count()
    width = layout.width
    percent = float(rows.bit_count()) / (width**2)
    n4 = 10 * int(abs(percent * 100 - 50) / 5)
    return n1 + 3 * n2 + n3 + n4


@lru_cache(maxsize=512)
def _reserved_modules(version: int, error: str, mask: int) -> int:
    """The format (and version) information of a code with this mask (``_pack``)."""
    sample = segno.make("0", version=version, error=error, mask=mask, micro=False, boost_error=False)
    layout = _layout(len(sample.matrix))
    return _pack(sample.matrix) & layout.reserved_rows


def _choose(code: segno.QRCode) -> None:
    """Give ``code`` (made with mask 0) the mask segno's search would have chosen."""
    layout = _layout(len(code.matrix))
    rows = _pack(code.matrix) & ~layout.reserved_rows ^ layout.mask_rows[code.mask]
    cols = _pack(zip(*code.matrix, strict=True)) & ~layout.reserved_cols ^ layout.mask_cols[code.mask]
    best, best_score = code.mask, None
    for mask in range(8):
        score = _penalty(rows ^ layout.mask_rows[mask], cols ^ layout.mask_cols[mask], layout)
        if best_score is None or score < best_score:  # the first of equal scores, as segno
            best, best_score = mask, score
    if best == code.mask:
        return
    info = _reserved_modules(code.version, code.error, best)
    for row, line in zip(code.matrix, layout.lines(rows ^ layout.mask_rows[best] | info), strict=True):
        row[:] = line.encode().translate(_TO_MODULES)
    code.mask = best


def _segno(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def _chosen(url: str) -> segno.QRCode:
    """The code with the mask ``_choose`` finds; raises what segno or ``_choose`` raise."""
    code = segno.make(url, error="m", micro=False, mask=0)
    _choose(code)
    return code


def _fast(url: str) -> segno.QRCode:
    # A segno this module does not know: segno's own search for this code. A URL segno
    # refuses (too long for any code) it refuses again there, with its own error.
    try:
        return _chosen(url)
    except Exception:
        return _segno(url)


# Versions 4 (M, mask 2), 2 (raised to Q, mask 5) and 11 (version information, mask 6).
_SAMPLES = (
    "https://example.org/cases/gz-yuexiu-2023-001/?from=qr-check",
    "https://x.cn/a1",
    "https://example.org/cases/" + "gz-yuexiu-2023-001/" * 10 + "?from=qr-check",
)


@lru_cache(maxsize=1)
def _fast_agrees() -> bool:
    """Whether this segno lays out and scores codes as ``_choose`` expects (checked once)."""
    for sample in _SAMPLES:
        try:
            code = _chosen(sample)
        except Exception:  # another segno: its own search is the safe answer
            return False
        slow = _segno(sample)
        if (code.mask, code.matrix) != (slow.mask, slow.matrix):
            return False
    return True


def make_code(url: str) -> segno.QRCode:
    """``segno.make(url, error="m", micro=False)``: the same code, about twice as fast."""
    return _fast(url) if _fast_agrees() else _segno(url)
