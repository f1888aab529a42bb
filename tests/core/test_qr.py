"""QR codes of permalinks kept between builds (core/site/qr.py): made once, never trusted blindly."""

from __future__ import annotations

import json

import segno
from showcase.core.site import qr
from showcase.core.site.qr import QrCodes, qr_svg

TITLE = "本案例永久链接的二维码"
ITEMS = [(f"https://showcase.example.org/cases/gz-yuexiu-2023-{n:03d}/", TITLE) for n in range(1, 6)]


def _counting(monkeypatch) -> list[str]:
    made: list[str] = []
    original = qr.qr_svg.__wrapped__

    def counted(url: str, title: str = "") -> str:
        made.append(url)
        return original(url, title)

    monkeypatch.setattr(qr, "qr_svg", counted)
    return made


def test_codes_are_made_once_and_read_back_the_same(tmp_path, monkeypatch):
    path = tmp_path / "qr.json"
    first = QrCodes(path)
    first.prepare(ITEMS)
    assert (first.made, first.kept, first.damaged) == (5, 0, [])
    assert all(first.svg(url, title) == qr_svg(url, title) for url, title in ITEMS)
    made = _counting(monkeypatch)
    second = QrCodes(path)
    second.prepare(ITEMS)
    assert (second.made, second.kept, second.damaged) == (0, 5, [])
    assert [url for url in made if url != "?"] == []  # none made ("?" shows segno's escaping of the title)
    assert all(second.svg(url, title) == first.svg(url, title) for url, title in ITEMS)


def test_codes_read_back_run_neither_check_of_the_faster_paths(tmp_path, monkeypatch):
    # A warm build takes every code from the file: checking make_code's mask and _path's SVG
    # against segno (three codes each) would be start-up work for nothing.
    from showcase.core.site import qrmask

    path = tmp_path / "qr.json"
    QrCodes(path).prepare(ITEMS)
    for check in (qrmask._fast_agrees, qr._paths_agree, qr._svg_shape):
        check.cache_clear()
    again = QrCodes(path)
    again.prepare(ITEMS)
    assert (again.made, again.kept) == (0, 5)
    assert qr._svg_shape.cache_info().currsize == 1  # the entries' shape was checked
    assert qrmask._fast_agrees.cache_info().currsize == qr._paths_agree.cache_info().currsize == 0


def test_the_file_keeps_only_this_builds_codes(tmp_path):
    path = tmp_path / "qr.json"
    QrCodes(path).prepare(ITEMS)
    QrCodes(path).prepare(ITEMS[:2])
    kept = json.loads(path.read_text(encoding="utf-8"))["codes"]
    assert [url for url, _, _ in kept] == [url for url, _ in ITEMS[:2]]


def test_an_entry_carrying_markup_is_made_again_and_reported(tmp_path):
    path = tmp_path / "qr.json"
    QrCodes(path).prepare(ITEMS)
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["codes"][0][2] = raw["codes"][0][2].replace("<g ", '<g onload="alert(1)" ')
    raw["codes"][1][2] = raw["codes"][1][2].replace("</svg>", "<script>alert(1)</script></svg>")
    raw["codes"][2][2] = qr_svg(ITEMS[2][0], "另一个标题")  # a code written for another title
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    codes = QrCodes(path)
    codes.prepare(ITEMS)
    assert (codes.made, codes.kept) == (3, 2)
    assert len(codes.damaged) == 3 and all(str(path) in d and "被改动过" in d for d in codes.damaged)
    assert all(codes.svg(url, title) == qr_svg(url, title) for url, title in ITEMS)
    assert "alert" not in path.read_text(encoding="utf-8")  # the file is whole again


def test_a_broken_file_is_made_again_whole(tmp_path):
    path = tmp_path / "qr.json"
    path.write_text('{"format": 1, "segno": "', encoding="utf-8")  # cut short
    codes = QrCodes(path)
    codes.prepare(ITEMS)
    assert codes.made == 5 and len(codes.damaged) == 1 and "无法读取" in codes.damaged[0]
    assert QrCodes(path)._read().keys() == set(ITEMS)


def test_another_segno_version_makes_every_code_again_silently(tmp_path, monkeypatch):
    path = tmp_path / "qr.json"
    QrCodes(path).prepare(ITEMS)
    monkeypatch.setattr(segno, "__version__", "0.0.1")
    codes = QrCodes(path)
    codes.prepare(ITEMS)
    assert (codes.made, codes.damaged) == (5, [])


def test_without_a_file_codes_are_made_each_time_and_a_title_with_markup_still_matches(tmp_path):
    title = 'a"b<&>c'
    codes = QrCodes(None)
    codes.prepare([(ITEMS[0][0], title)])
    assert codes.made == 1 and codes.svg(ITEMS[0][0], title) == qr_svg(ITEMS[0][0], title)
    path = tmp_path / "qr.json"
    QrCodes(path).prepare([(ITEMS[0][0], title)])
    again = QrCodes(path)
    again.prepare([(ITEMS[0][0], title)])
    assert (again.made, again.kept, again.damaged) == (0, 1, [])


def test_an_unwritable_cache_does_not_stop_the_codes(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    codes = QrCodes(blocker / "qr.json")  # its folder is a file: nothing can be written there
    codes.prepare(ITEMS)
    assert codes.made == 5 and codes.svg(*ITEMS[0]) == qr_svg(*ITEMS[0])
    assert codes.damaged == []  # nothing was damaged: the log says the codes could not be kept
    assert codes.unsaved is not None and "无法保存二维码" in codes.unsaved and "qr_cache" in codes.unsaved


def test_a_folder_named_like_the_file_is_reported_as_unsaved_not_damaged(tmp_path):
    (tmp_path / "qr.json").mkdir()
    for _ in range(2):  # every build says the same, and never that it repaired something
        codes = QrCodes(tmp_path / "qr.json")
        codes.prepare(ITEMS[:2])
        assert codes.made == 2 and codes.damaged == []
        assert codes.unsaved is not None and str(tmp_path / "qr.json") in codes.unsaved


def test_a_url_no_code_holds_has_none_and_is_not_kept(tmp_path):
    long = ("https://example.org/" + "a" * 2400 + "/", TITLE)
    assert qr_svg(*long) == ""
    path = tmp_path / "qr.json"
    for _ in range(2):
        codes = QrCodes(path)
        codes.prepare([long, ITEMS[0]])
        assert codes.too_long == [long[0]] and codes.svg(*long) == "" and codes.damaged == []
        assert [entry[0] for entry in json.loads(path.read_text(encoding="utf-8"))["codes"]] == [ITEMS[0][0]]
    assert (codes.made, codes.kept) == (0, 1)  # the second time: the good code from the file, nothing rewritten


def test_too_long_finds_exactly_the_permalinks_no_code_holds():
    """``showcase check`` finds them by halving (a refused code costs 6 ms): the same as
    trying every one, at the boundary of 2,331 bytes."""
    from showcase.core.site.qr import too_long

    site = "https://www.example.gov.cn/" + "a" * 2260 + "/cases/"
    urls = [f"{site}{'x' * n}/" for n in range(30, 60)]
    expected = sorted((url for url in urls if not qr_svg(url)), key=len, reverse=True)
    assert 0 < len(expected) < len(urls)
    assert too_long(urls) == expected
    assert too_long(urls[:3]) == [] and too_long([]) == []
    assert too_long(["https://example.org/" + "a" * 2400]) == ["https://example.org/" + "a" * 2400]
