"""The QR mask chosen a row at a time (core/site/qrmask.py): the very code segno makes."""

from __future__ import annotations

import functools
import random
from urllib.parse import quote

import pytest
import segno
from showcase.core.site import qr, qrmask
from showcase.core.site.qr import qr_svg
from showcase.core.site.qrmask import make_code


def _urls() -> list[str]:
    """Permalinks as a site has them, and others long and odd enough for every symbol size
    up to version 20 (7 and up carry version information) and every mask."""
    rng = random.Random(20)
    chars = "abcdefghijklmnopqrstuvwxyz0123456789-/"
    urls = [f"https://showcase.example.org/cases/gz-yuexiu-2023-{n:03d}/" for n in range(40)]
    urls += [f"https://例子.cn/{quote('银龄互助' * n)}/" for n in range(1, 12)]
    for _ in range(160):
        length = rng.choice([1, 10, 30, 60, 100, 160, 250, 400, 600])
        urls.append("https://x.org/" + "".join(rng.choice(chars) for _ in range(rng.randint(1, length))))
    return urls


@functools.cache
def _segnos(url: str) -> segno.QRCode:
    """segno's own code for ``url`` (slow: made once for the tests that compare with it)."""
    return segno.make(url, error="m", micro=False)


def test_every_code_is_segnos_own_module_for_module():
    assert qrmask._fast_agrees()  # else make_code would be segno itself and this test empty
    versions, masks, moved = set(), set(), 0
    for url in _urls():
        ours, theirs = make_code(url), _segnos(url)
        assert (ours.version, ours.error, ours.mask) == (theirs.version, theirs.error, theirs.mask), url
        assert ours.matrix == theirs.matrix, url
        versions.add(theirs.version)
        masks.add(theirs.mask)
        moved += theirs.mask != 0  # codes whose mask _choose put in place of mask 0
    assert masks == set(range(8))
    assert {2, 7, 15} <= versions  # small, with version information, large
    assert moved > 150


def _matrices() -> list[list[bytearray]]:
    """Matrices of every kind the score has a rule for: random ones at several densities,
    and lines built from pieces that make long runs, finder-like patterns at the lines'
    ends, with and without their light areas, and patterns overlapping by 4 and by 6."""
    rng = random.Random(7)
    pieces = ["1011101", "10111011101", "1011101011101", "0000", "1111", "0", "1", "00001011101", "10111010000", "01", "10"]
    matrices = []
    for n in range(1500):
        width = rng.choice([21, 25, 29, 33, 37, 45, 57] if n % 50 else [177])
        if n % 3 == 0:
            density = rng.choice([0.3, 0.5, 0.7])
            matrices.append([bytearray(rng.random() < density for _ in range(width)) for _ in range(width)])
            continue
        lines = []
        for _ in range(width):
            text = ""
            while len(text) < width:
                text += rng.choice(pieces)
            lines.append(bytearray(int(c) for c in text[:width]))
        matrices.append(lines if n % 3 == 1 else [bytearray(column) for column in zip(*lines, strict=True)])
    return matrices


def test_the_penalty_is_segnos_score_of_any_matrix(monkeypatch):
    # _penalty scores every line at once with the matrix packed into one integer; segno
    # scores module by module (encoder.mask_scores). Lines with overlapping finder-like
    # patterns are scanned as segno scans them: both ways must have run.
    from segno import encoder

    lines_of = qrmask._Layout.lines
    scanned = []
    monkeypatch.setattr(qrmask._Layout, "lines", lambda self, packed: scanned.append(packed) or lines_of(self, packed))
    finder_like = packed = 0
    for matrix in _matrices():
        width = len(matrix)
        theirs = encoder.mask_scores(matrix, width, width)
        before = len(scanned)
        ours = qrmask._penalty(qrmask._pack(matrix), qrmask._pack(zip(*matrix, strict=True)), qrmask._layout(width))
        assert ours == sum(theirs), (width, theirs, [bytes(line).translate(bytes.maketrans(b"\0\1", b"01")) for line in matrix])
        finder_like += theirs[2] > 0
        packed += theirs[2] > 0 and len(scanned) == before
    assert len(scanned) > 100  # overlapping patterns, scanned line by line
    assert packed > 100  # and patterns scored on the packed lines alone
    assert finder_like > 900


@pytest.mark.parametrize("title", ["二维码", "", '<b>"案例" & 二维码</b>'])
def test_the_svg_on_the_page_is_unchanged(title):
    # The dark modules' path is written by qr._path, the rest is segno's frame: the very
    # SVG segno writes, for every size and mask, with a title to escape or none.
    assert qr._paths_agree()  # else every SVG would be segno's and this test empty
    for url in _urls():
        theirs = _segnos(url)
        expected = theirs.svg_inline(
            scale=4, border=4, dark="#000", light="#fff", title=title or None, svgclass="sc-qr__code", lineclass=None, omitsize=True
        )
        assert qr_svg(url, title) == expected, url


def test_a_segno_that_writes_its_svg_otherwise_is_left_to_write_it(monkeypatch):
    # Another segno's writer (here, paths with a class): the check sees it and every SVG is segno's own.
    def other(self, **kwargs):
        return segno.QRCode.svg_inline(self, **{**kwargs, "lineclass": "qr"})

    monkeypatch.setattr(qr, "_segno_svg", lambda code, title: other(code, scale=4, border=4, title=title or None, omitsize=True))
    qr._paths_agree.cache_clear()
    qr._frame.cache_clear()
    try:
        assert not qr._paths_agree()
        code = make_code("https://showcase.example.org/cases/gz-yuexiu-2023-001/")
        assert qr._svg(code, "二维码") == other(code, scale=4, border=4, title="二维码", omitsize=True)
    finally:
        qr._paths_agree.cache_clear()
        qr._frame.cache_clear()


@pytest.fixture
def fresh_check():
    qrmask._fast_agrees.cache_clear()
    yield
    qrmask._fast_agrees.cache_clear()


def test_a_segno_that_lays_codes_out_otherwise_is_left_to_itself(monkeypatch, fresh_check):
    # A segno whose scores or layout this module no longer matches: here, a chooser that
    # keeps mask 0. The first use finds the difference and every code is segno's own.
    monkeypatch.setattr(qrmask, "_choose", lambda code: None)
    url = "https://showcase.example.org/cases/gz-yuexiu-2023-002/"
    assert segno.make(url, error="m", micro=False).mask != 0
    assert not qrmask._fast_agrees()
    assert make_code(url).mask == segno.make(url, error="m", micro=False).mask


def test_a_segno_without_the_functions_used_is_left_to_itself(monkeypatch, fresh_check):
    def gone(width: int) -> None:
        raise AttributeError("module 'segno.encoder' has no attribute 'make_matrix'")

    monkeypatch.setattr(qrmask, "_layout", gone)
    assert not qrmask._fast_agrees()
    url = "https://showcase.example.org/cases/gz-yuexiu-2023-003/"
    assert make_code(url).matrix == segno.make(url, error="m", micro=False).matrix


def test_a_code_the_chooser_fails_on_is_segnos_own(monkeypatch, fresh_check):
    # The check passed, then one code trips a segno this module does not know.
    assert qrmask._fast_agrees()
    failing = "https://showcase.example.org/cases/gz-yuexiu-2023-004/"
    choose = qrmask._choose

    def sometimes(code: segno.QRCode) -> None:
        if code.matrix == segno.make(failing, error="m", micro=False, mask=0).matrix:
            raise IndexError("list index out of range")
        choose(code)

    monkeypatch.setattr(qrmask, "_choose", sometimes)
    assert make_code(failing).matrix == segno.make(failing, error="m", micro=False).matrix
    other = "https://showcase.example.org/cases/gz-yuexiu-2023-005/"
    assert make_code(other).matrix == segno.make(other, error="m", micro=False).matrix


def test_text_too_long_for_any_code_fails_as_segno_fails():
    with pytest.raises(segno.DataOverflowError):
        make_code("https://x.org/" + "a" * 3000)
