"""Case bodies that would stop a build, and image sources outside the photo pipeline:
refused by `showcase check` with their file and line, in seconds (issue 13, items 4, 5)."""

from __future__ import annotations

import signal
import sys
import time
from pathlib import Path

import pytest
from showcase.core.case.bounds import MarkdownLimits, TimeLimitExceeded, check_markdown, time_limit
from showcase.core.diagnostics import DiagnosticList
from showcase.core.site.sanitize import sanitize

from tests.support.build import run

from .helpers import VALID, write_case

ROOT = Path(__file__).resolve().parents[2]
HEADING = VALID.count("\n", 0, VALID.index("## 基本情况")) + 1  # the line of the body's first heading
GUARD = 60  # seconds: a hang guard, not a speed target


def _body(text: str) -> str:
    """VALID with its body replaced; the new body starts on line BODY_START."""
    return VALID[: VALID.index("## 基本情况")] + text


HOSTILE = {
    # name: (body, code, lines after the first heading; -1: the body's first line, after the front matter)
    "list-2000-deep": ("## 做法\n\n" + "- " * 2000 + "x\n", "body-too-deep", 2),
    "list-300-indented": ("## 做法\n\n" + "".join("\t" * i + "- x\n" for i in range(300)), "body-too-deep", 2 + 20),
    "quote-50-deep": ("## 做法\n\n" + "> " * 50 + "x\n", "body-too-deep", 2),
    "brackets-40000": ("## 做法\n\n" + "[" * 40000 + "\n", "body-unclosed", 2),
    "brackets-spread": ("## 做法\n\n" + ("[a " * 60 + "\n\n") * 3, "body-unclosed", 4),
    "angles-2000": ("## 做法\n\n" + "<a \n\n" * 2000, "body-unclosed", 2 + 2 * 100),
    "divs-40000": ("## 做法\n\n" + "<div>" * 40000 + "\n", "body-unclosed", 2),
    # closed on the same line, but 150 deep: the PDF booklet's layout overflowed Python's stack
    "divs-150-closed-on-one-line": ("## 做法\n\n" + "<div>" * 150 + "文字" + "</div>" * 150 + "\n", "body-unclosed", 2),
    "bold-tags-spread": ("## 做法\n\n" + "x <b>\n\n" * 150, "body-unclosed", 2 + 2 * 100),
    "backticks-paragraph": ("## 做法\n\n" + "`a " * 5000 + "\n", "body-unclosed", 2),
    "links-paragraph": ("## 做法\n\n" + "[a](b)\n" * 2000, "body-unclosed", 2 + 1000),
    # a control character by reference: the Word booklet refused it (ValueError) and stopped the build
    "control-char-ref": ("## 做法\n\n正文&#11;结束。\n", "body-char-ref", 2),
    "control-char-hex-ref": ("## 做法\n\n正文&#x1B;结束。\n", "body-char-ref", 2),
    "control-char-ref-zeros": ("## 做法\n\n字母&#000000000065;无妨，&#0000000000011;不行。\n", "body-char-ref", 2),
    # 300 cells of colspan="1000" (13 KB): 300,000 columns in the PDF booklet, whose 60 s limit
    # stopped every build of the site, naming no case (a security review)
    "table-300000-columns": ("## 做法\n\n<table><tr>" + '<td colspan="1000">格</td>' * 300 + "</tr></table>\n", "body-table-wide", 2),
    "table-101-columns-unquoted": ("## 做法\n\n<TABLE>\n<TR><TD COLSPAN=99>a<td>b<td>c\n</TABLE>\n", "body-table-wide", 2),
    # the Markdown table, the long table and the long word of a security review: the check let
    # them through, and the site's build stopped at the PDF booklet's limit, at 1.5 to 2 GB
    "pipe-table-2000-columns": ("## 做法\n\n|" + "a|" * 2000 + "\n|" + "-|" * 2000 + "\n|" + "b|" * 2000 + "\n", "body-table-wide", 2),
    "pipe-table-no-edges-101": ("## 做法\n\n" + " | ".join("a" * 101) + "\n" + "|".join("-" * 101) + "\n", "body-table-wide", 2),
    "pipe-table-45000-rows": ("## 做法\n\n|序号\n|---\n" + "|1\n" * 45000, "body-table-long", 2),
    "html-table-1001-rows": ("## 做法\n\n<table>\n" + "<tr><td>1</td></tr>\n" * 1001 + "</table>\n", "body-table-long", 2),
    "word-190000-letters": ("## 做法\n\n正文" + "a" * 190000 + "\n", "body-long-word", 2),
    # as slow to lay out in other scripts, and joined by no-break spaces (a review: the first version counted ASCII alone)
    "word-90000-cyrillic": ("## 做法\n\n" + "а" * 90000 + "\n", "body-long-word", 2),
    "words-joined-by-no-break-spaces": ("## 做法\n\n" + ("a" * 1500 + "\u00a0") * 40 + "\n", "body-long-word", 2),
    "stars-5000": ("## 做法\n\n" + "*" * 5000 + "a\n", "body-unclosed", 2),
    "oversize": ("## 做法\n\n" + "社区志愿者每周上门探访老人，提供助餐和陪诊服务。\n\n" * 3000, "body-too-large", -1),
    "picture-source-srcset": (
        '## 做法\n\n<picture><source srcset="https://attacker.invalid/a.jpg"><img src="img/photo2.jpg" alt="合影"></picture>\n',
        "image-external",
        2,
    ),
    "img-srcset": (
        '## 做法\n\n<img src="img/photo2.jpg" alt="合影" srcset="img/photo2.jpg 1x, //attacker.invalid/b.jpg 2x">\n',
        "image-external",
        2,
    ),
    "img-over-lines": ('## 做法\n\n<img alt="合影"\n     src="https://attacker.invalid/c.jpg">\n', "image-external", 2),
    "after-unclosed-fence": ("## 做法\n\n```\n\n![合影](https://attacker.invalid/e.jpg)\n", "image-external", 4),
    "reference-image": ("## 做法\n\n![合影][p]\n\n[p]: https://attacker.invalid/d.jpg\n", "image-external", 2),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_check_refuses_a_hostile_body_with_file_and_line(tmp_path, name):
    body, code, offset = HOSTILE[name]
    folder = tmp_path / "cases" / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, _body(body))
    started = time.monotonic()
    result = run([sys.executable, "-m", "showcase", "check"], tmp_path, timeout=GUARD)
    took = time.monotonic() - started
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    line = HEADING + offset if offset >= 0 else VALID.count("\n", 0, VALID.index("\n---\n", 4)) + 3
    expected = f"cases/广东省/gz-yuexiu-2023-001/index.md:{line}: error [{code}]"
    assert expected in result.stdout, result.stdout
    assert took < GUARD
    if code == "body-unclosed":  # the example is the mark said (a second trial: \[ shown for “<”)
        said = result.stdout.split(expected, 1)[1].split("提示：", 1)[1].split("\n", 1)[0]
        mark = (
            "<" if name.startswith(("angles", "divs", "bold")) else "*" if name.startswith("stars") else "`" if "backticks" in name else "["
        )
        assert f"例如 \\{mark} 。" in said, (name, said)


def test_every_line_with_a_control_character_reference_is_said_at_once():
    """A security review: three lines each with one were said one a run, the first only."""
    diags = DiagnosticList(Path("x.md"))
    body = "甲&#x1F;乙\n\n丙&#12;丁&#13;\n\n戊&#11;己&#11;\n"
    assert not check_markdown(body, 10, diags, MarkdownLimits())
    assert [(d.line, d.code) for d in diags.items] == [(10, "body-char-ref"), (12, "body-char-ref"), (14, "body-char-ref")]
    assert "“&#x1F;”" in diags.items[0].message and "“&#12;”" in diags.items[1].message
    many = DiagnosticList(Path("x.md"))
    assert not check_markdown("正文&#1;\n" * 100, 1, many, MarkdownLimits())
    assert len(many.items) == 20 and "正文里还有 80 行有这样的代码" in many.items[-1].message


def test_real_cases_are_far_within_the_bounds():
    """Every case of the sample collection, and the contract's example, passes."""
    paths = sorted((ROOT / "cases").rglob("index.md"))
    assert paths
    for text in [VALID] + [path.read_text(encoding="utf-8") for path in paths]:
        body = text.split("\n---\n", 1)[1]
        diags = DiagnosticList(Path("index.md"))
        assert check_markdown(body, 1, diags, MarkdownLimits()), [d.format() for d in diags.items]


@pytest.mark.parametrize(
    "body",
    [
        "- - - - - - - - - - - - - - - - - - - - - - - - - -\n",  # a horizontal line, not lists
        "* * * * * * * * * * * * * * * * * * * * * * * * * *\n",
        "1. 第一\n    - 子项\n        - 再下一层\n",
        "| 项目 | 人数 |\n|:--|--:|\n" + "| [链接](a.html) | <b>3</b> |\n" * 300,  # many closed brackets and tags
        "填空：" + "_" * 60 + "\n",
        "<table>\n" + "<tr><td>助餐<td>30\n" * 300 + "</table>\n",  # end tags HTML adds by itself
        "<table><tr><th colspan='100'>2024 年各月服务人次</th></tr><tr>" + "<td>1</td>" * 100 + "</tr></table>\n",  # 100 columns
        "<table><tr><td colspan='60'>a</td></tr></table><table><tr><td colspan='60'>b</td></tr></table>\n",  # each its own
        "<div><b>一</b><br><img src='a.jpg' alt='a'><span>二</span></div>\n" * 200,
    ],
)
def test_ordinary_markdown_passes(body):
    assert check_markdown(body, 1, DiagnosticList(Path("index.md")), MarkdownLimits())


def test_limits_are_plugin_options(tmp_path):
    folder = tmp_path / "cases" / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, _body("## 做法\n\n" + "- " * 30 + "x\n"))
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - showcase:\n      max_body_nesting: 40\n", encoding="utf-8")
    ok = run([sys.executable, "-m", "showcase", "check"], tmp_path, timeout=GUARD)
    assert ok.returncode == 0, ok.stdout
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - showcase:\n      max_body_nesting: 0\n", encoding="utf-8")
    bad = run([sys.executable, "-m", "showcase", "check"], tmp_path, timeout=GUARD)
    assert bad.returncode == 2 and "max_body_nesting" in bad.stdout + bad.stderr


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timer (Windows)")
def test_time_limit_stops_a_busy_block():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        while True:
            pass
    assert time.monotonic() - started < GUARD
    with time_limit(0):  # no limit
        time.sleep(0.01)
    signal.setitimer(signal.ITIMER_REAL, 30)  # someone else's alarm: left as it is, no limit of ours
    try:
        with time_limit(0.05):
            time.sleep(0.2)
        assert 29 < signal.getitimer(signal.ITIMER_REAL)[0] <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_sanitizer_keeps_only_the_cases_own_image_sources():
    own = {"photo2-abc-480.webp", "photo2-abc-960.webp", "photo2-abc-960.jpg"}
    ours = '<picture><source type="image/webp" srcset="photo2-abc-480.webp 480w, photo2-abc-960.webp 960w"><img src="photo2-abc-960.jpg" alt="a"></picture>'
    assert sanitize(ours, own) == ours
    theirs = (
        '<picture><source srcset="https://attacker.invalid/a.jpg"><img src="photo2-abc-960.jpg" srcset="photo2.jpg 2x" alt="b"></picture>'
        '<img src="https://attacker.invalid/b.jpg" alt="c"><img src="/\\attacker.invalid/b.jpg" alt="d">'
    )
    out = sanitize(theirs, own)
    assert "attacker" not in out and "srcset" not in out
    assert "attacker" not in sanitize(theirs) and 'srcset="photo2.jpg 2x"' in sanitize(theirs)  # without a list: relative only


def test_a_srcset_with_one_foreign_address_among_the_cases_own_is_dropped():
    """A mutation audit: keeping a srcset when any (not every) address in it is the case's own
    failed no test. The browser picks one candidate by the screen's density or width: on a
    phone the foreign one, which tells another site who reads the page."""
    own = {"photo2-abc-480.webp", "photo2-abc-960.jpg"}
    mixed = (
        '<picture><source type="image/webp" srcset="photo2-abc-480.webp 480w, https://attacker.invalid/a.webp 960w">'
        '<img src="photo2-abc-960.jpg" srcset="photo2-abc-960.jpg 1x, //attacker.invalid/b.jpg 2x" alt="a"></picture>'
    )
    out = sanitize(mixed, own)
    assert "attacker" not in out and "srcset" not in out
    assert '<img src="photo2-abc-960.jpg" alt="a">' in out  # the picture stays, with its own source


@pytest.mark.parametrize(
    "tag",
    [
        '<img src="/&#9;/attacker.invalid/a.jpg" alt="a">',
        '<img src="/\n/attacker.invalid/a.jpg" alt="a">',
        '<img src="ht&#9;tps://attacker.invalid/a.jpg" alt="a">',
        '<img src="/&#13;\\attacker.invalid/a.jpg" alt="a">',
        '<img srcset="/&#9;/attacker.invalid/a.jpg 2x" alt="a">',
        '<picture><source srcset="ht&#10;tps://attacker.invalid/a.jpg"></picture>',
        # the spaces and control characters browsers skip before an address (a mutation audit:
        # not skipping them failed no test, and " https://…" loaded another site's picture)
        '<img src=" https://attacker.invalid/a.jpg" alt="a">',
        '<img src="&#1;//attacker.invalid/a.jpg" alt="a">',
    ],
)
def test_sanitizer_reads_addresses_as_browsers_do(tag):
    """Browsers drop tabs and line ends anywhere in an address: "/<tab>/host" is "//host"."""
    assert "attacker" not in sanitize(tag)
    assert "attacker" not in sanitize(tag, {"photo2-abc-960.jpg"})


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ('colspan="2"', 'colspan="2"'),
        ('colspan=" 3abc"', 'colspan="3"'),
        ('colspan="1000000"', 'colspan="1000"'),
        ('colspan="999999"', 'colspan="1000"'),  # six digits: clamped too (a mutation audit)
        ('rowspan="70000"', 'rowspan="65534"'),
        ('colspan="0000000000002"', 'colspan="2"'),
        ('colspan="0"', 'colspan="1"'),
        ('colspan="x"', ""),
        ('rowspan="99999999999999999999"', 'rowspan="65534"'),
        ('rowspan="0"', 'rowspan="0"'),
    ],
)
def test_a_cell_s_span_is_read_and_clamped_as_browsers_do(written, kept):
    """colspan="1000000" laid out a million columns in the PDF booklet (a security review)."""
    html = sanitize(f"<table><tr><td {written}>a</td></tr></table>")
    assert f"<td{' ' + kept if kept else ''}>a</td>" in html, html


@pytest.mark.parametrize(
    "body",
    [
        "## 做法\n\n[活动地点地图](https://map.baidu.com/" + "x" * 4500 + ")\n",  # a link's long address: not seen
        "## 做法\n\n<table>" + "<tr><td>第一列</td><td>第二列</td></tr>" * 300 + "</table>\n",  # a table on one line
        "## 做法\n\n```\na | b\n--- | ---\n" + "x | y\n" * 1005 + "```\n",  # a table's text inside code
        "## 做法\n\n" + "社区志愿者每周上门探访老人提供助餐和陪诊服务" * 300 + "\n",  # Chinese breaks anywhere
    ],
    ids=["long-link-address", "one-line-html-table", "table-in-fenced-code", "long-chinese-paragraph"],
)
def test_what_a_reader_never_sees_whole_is_no_long_word_or_long_table(body):
    """A review of the new bounds: a link's 4,500-character address, a table written on one
    line and a table's text inside a code block were refused as 乱码 or a long table."""
    diags = DiagnosticList(Path("x.md"))
    check_markdown(body, 1, diags, MarkdownLimits())
    assert [d.code for d in diags.items] == [], [(d.code, d.message[:80]) for d in diags.items]
