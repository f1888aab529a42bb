"""The mask segno would choose for a QR code, found in a fraction of segno's time.

A QR encoder tries all eight data masks and keeps the one with the lowest penalty score
(ISO/IEC 18004:2015, 7.8.3). segno does this module by module in Python: most of the
4.3 ms a permalink's code takes with its SVG, about 43 s of CPU in a cold build of 10,000
case pages. Here the same scores are computed a row at a time, with each row (and
column) held as one integer: XOR applies a mask, string search finds the runs and the
finder-like patterns, and ``int.bit_count`` counts blocks and dark modules. A
permalink's code (version 4) then takes 2.1 ms with its SVG (``scripts/bench_qr.py``);
larger codes gain less (about 1.5 times from version 10), and the first code of each
size in a process gains nothing (its layout is read once).

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

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import segno

_TO_TEXT = bytes.maketrans(b"\x00\x01", b"01")
_TO_MODULES = bytes.maketrans(b"01", b"\x00\x01")
_RUN = re.compile(r"0{5,}|1{5,}")
_FINDER_LIKE = "1011101"  # dark:light:dark:dark:dark:light:dark, 1:1:3:1:1


@dataclass(frozen=True)
class _Layout:
    """One symbol size: which modules carry data, which are reserved, and each mask."""

    width: int
    reserved_rows: tuple[int, ...]  # per row: bits of the format/version areas
    reserved_cols: tuple[int, ...]
    mask_rows: tuple[tuple[int, ...], ...]  # per mask, per row: the data modules it flips
    mask_cols: tuple[tuple[int, ...], ...]


def _bits(modules: object) -> int:
    """A row of modules (0/1 bytes) as an integer, the first module the highest bit."""
    return int(bytes(modules).translate(_TO_TEXT), 2)  # type: ignore[call-overload]


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
        rows.append(tuple(_bits(r) for r in flips))
        cols.append(tuple(_bits(c) for c in zip(*flips, strict=True)))
    return _Layout(
        width=width,
        reserved_rows=tuple(_bits(r) for r in reserved),
        reserved_cols=tuple(_bits(c) for c in zip(*reserved, strict=True)),
        mask_rows=tuple(rows),
        mask_cols=tuple(cols),
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


def _penalty(rows: list[int], cols: list[int], width: int) -> int:
    """N1 + N2 + N3 + N4 of a masked matrix (format areas light), as segno's ``mask_scores``."""
    text = f"0{width}b"
    lines = [format(r, text) for r in rows] + [format(c, text) for c in cols]
    n1 = sum(len(run) - 2 for run in _RUN.findall("|".join(lines)))
    n3 = sum(_finder_like(line, width) for line in lines if _FINDER_LIKE in line)
    full = (1 << width) - 1
    pairs = (1 << (width - 1)) - 1  # bit p: the module and its left neighbour
    n2 = 0
    for above, row in pairwise(rows):
        same = ~(above ^ row) & full
        n2 += (same & (same >> 1) & ~(row ^ (row >> 1)) & pairs).bit_count()
    dark = sum(r.bit_count() for r in rows)
    percent = float(dark) / (width**2)
    n4 = 10 * int(abs(percent * 100 - 50) / 5)
    return n1 + 3 * n2 + n3 + n4


@lru_cache(maxsize=512)
def _reserved_modules(version: int, error: str, mask: int) -> tuple[int, ...]:
    """Per row, the format (and version) information of a code with this mask."""
    sample = segno.make("0", version=version, error=error, mask=mask, micro=False, boost_error=False)
    layout = _layout(len(sample.matrix))
    return tuple(_bits(row) & reserved for row, reserved in zip(sample.matrix, layout.reserved_rows, strict=True))


def _choose(code: segno.QRCode) -> None:
    """Give ``code`` (made with mask 0) the mask segno's search would have chosen."""
    layout = _layout(len(code.matrix))
    unmask_rows, unmask_cols = layout.mask_rows[code.mask], layout.mask_cols[code.mask]
    rows = [_bits(r) & ~x ^ m for r, x, m in zip(code.matrix, layout.reserved_rows, unmask_rows, strict=True)]
    cols = [_bits(c) & ~x ^ m for c, x, m in zip(zip(*code.matrix, strict=True), layout.reserved_cols, unmask_cols, strict=True)]
    best, best_score = code.mask, None
    for mask in range(8):
        score = _penalty(
            [r ^ m for r, m in zip(rows, layout.mask_rows[mask], strict=True)],
            [c ^ m for c, m in zip(cols, layout.mask_cols[mask], strict=True)],
            layout.width,
        )
        if best_score is None or score < best_score:  # the first of equal scores, as segno
            best, best_score = mask, score
    if best == code.mask:
        return
    info = _reserved_modules(code.version, code.error, best)
    text = f"0{layout.width}b"
    for row, raw, flips, fixed in zip(code.matrix, rows, layout.mask_rows[best], info, strict=True):
        row[:] = format(raw ^ flips | fixed, text).encode().translate(_TO_MODULES)
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
