"""Loading index.md: bytes to text, text to front matter, front matter to located values."""

from __future__ import annotations

import re
import signal
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from .helpers import LINE, VALID, codes, edit, found, load, only


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging if a hostile input makes the loader loop or expand: after
    ``seconds`` of this process's CPU time, not of the clock, which the suite's other workers
    on the same cores stretch (a sibling failed at 8 s on a busy machine: 88d8485)."""

    def expired(signum, frame):
        raise AssertionError(f"took longer than {seconds} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expired)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


# -- the file: encodings, line ends, fences ---------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(VALID.encode("utf-8"), id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + VALID.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(VALID.replace("\n", "\r\n").encode("utf-8"), id="CRLF"),
        pytest.param(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode("utf-8"), id="BOM and CRLF"),
        pytest.param(VALID.replace("\n", "\r").encode("utf-8"), id="old Mac CR"),
        pytest.param(edit(VALID, "date: 2023-03-01", "date: '2023-03-01'").encode(), id="date quoted"),
        pytest.param(edit(VALID, "date: 2023-03-01", 'date: "2023-03-01"').encode(), id="date double-quoted"),
        pytest.param(edit(VALID, "approved: 2023-12-20", "approved: '2023-12-20'").encode(), id="approved quoted"),
        pytest.param(edit(VALID, "---\n\n##", "---\n##").encode(), id="body right after the fence"),
        pytest.param(edit(VALID, "cover: photo1.jpg\n---", "cover: photo1.jpg\n..."), id="YAML document end marker"),
        pytest.param(edit(VALID, "id: gz-yuexiu-2023-001", "id: gz-yuexiu-2023-001   "), id="trailing spaces"),
    ],
)
def test_accepted_variants_load_cleanly(data):
    case = load(data)
    assert found(case) == []
    assert case.id == "gz-yuexiu-2023-001"
    assert case.date == date(2023, 3, 1)
    assert case.review.approved == date(2023, 12, 20)
    assert case.body.lstrip().startswith("## 基本情况")


def test_crlf_keeps_line_numbers():
    case = load(edit(VALID, "volunteers: 86", "volunteers: 很多").replace("\n", "\r\n"))
    assert found(case) == [(LINE["volunteers"], "error", "bad-number")]


def test_bom_keeps_line_numbers():
    case = load(b"\xef\xbb\xbf" + edit(VALID, "area: 城市", "area: 城镇").encode())
    assert found(case) == [(LINE["area"], "error", "bad-choice")]


def test_gbk_file_is_named_as_gbk():
    case = load(VALID.encode("gbk"))
    diagnostic = only(case, "encoding")
    assert diagnostic.line == LINE["title"]  # the first line that is not UTF-8
    assert "GBK" in diagnostic.message and "UTF-8" in diagnostic.hint and "另存为" in diagnostic.hint
    assert codes(case) == ["encoding"]  # nothing else is guessed from an unreadable file


def test_a_line_of_gbk_in_a_utf8_file_is_named_with_what_to_do():
    """An editor's trial: a UTF-8 case with one line pasted in GBK was told the file is GBK and
    to save it as UTF-8, which keeps that line garbled. The line is named, to type again."""
    text = VALID.encode("utf-8")
    title = text.split(b"\n")[LINE["title"] - 1]
    case = load(text.replace(title, title.decode("utf-8").encode("gbk"), 1))
    diagnostic = only(case, "encoding")
    assert diagnostic.line == LINE["title"] and f"第 {LINE['title']} 行的字不是 UTF-8 编码" in diagnostic.message
    assert "改不好这几行" in diagnostic.hint and "重新输入" in diagnostic.hint
    # a line pasted in below the Chinese ones, as in a real case (a red team: only a line
    # before the first Chinese one was found; the file was told to be saved as UTF-8)
    lines = VALID.split("\n")
    at = len(lines) - 1
    lines[at] = "这一段是从旧文档里粘贴的文字。"
    data = "\n".join(lines[:at]).encode("utf-8") + b"\n" + lines[at].encode("gbk") + b"\n"
    diagnostic = only(load(data), "encoding")
    assert diagnostic.line == at + 1 and f"第 {at + 1} 行的字不是 UTF-8 编码" in diagnostic.message, diagnostic.message


def test_utf16_file_is_named_as_utf16():
    case = load(("\ufeff" + VALID).encode("utf-16-le"))
    assert found(case) == [(1, "error", "encoding")]
    assert "UTF-16" in case.diagnostics[0].message


def test_a_word_file_saved_as_index_md_is_named_as_one(tmp_path):
    """A writer's trial: a .docx renamed index.md was told to be saved again as UTF-8 in
    Notepad, which makes no case of it; it is said to be a Word file, with the import."""
    from docx import Document

    document = Document()
    document.add_paragraph("社区书屋开放日")
    document.save(str(tmp_path / "a.docx"))
    for data in ((tmp_path / "a.docx").read_bytes(), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "{\\rtf1\\ansi 社区}".encode()):
        case = load(data)
        diagnostic = only(case, "encoding")
        assert "其实是一个 Word 文件（只是名字叫 index.md），不是文本" in diagnostic.message and "showcase import" in diagnostic.hint
        assert codes(case) == ["encoding"]


def test_binary_junk_is_not_utf8():
    case = load(b"\x89PNG\r\n\x1a\n\xff\xfe\x00\x00")
    assert codes(case) == ["encoding"]


def test_git_conflict_markers_are_named_where_they_are():
    """An editor's trial: markers in the body passed the check and were published; in the
    front matter the only message was a missing colon."""
    in_body = VALID + "\n<<<<<<< HEAD\n一种写法。\n=======\n另一种写法。\n>>>>>>> ed-B\n"
    start = VALID.count("\n") + 2
    assert found(load(in_body)) == [(start, "error", "merge-conflict")]
    message = only(load(in_body), "merge-conflict")
    assert "Git 合并冲突" in message.message and "删掉 <<<<<<<、=======、>>>>>>> 这几行" in message.hint
    in_head = edit(VALID, "area: 城市\n", "<<<<<<< HEAD\narea: 城市\n=======\narea: 农村\n>>>>>>> ed-B\n")
    line = VALID[: VALID.index("area: 城市")].count("\n") + 1
    assert found(load(in_head)) == [(line, "error", "merge-conflict")]
    two = in_body + "\n<<<<<<< HEAD\n甲\n||||||| base\n乙\n=======\n丙\n>>>>>>> ed-C\n"
    assert [d.code for d in load(two).diagnostics] == ["merge-conflict", "merge-conflict"]


@pytest.mark.parametrize(
    "body",
    [
        "经验启示\n=======\n\n正文。",  # a heading's underline
        ">>>>>>> 七层引用的一句话",  # a quote seven deep
        "```text\n<<<<<<< HEAD\n甲\n=======\n乙\n>>>>>>> feature\n```",  # a conflict shown, in a code block (a review)
    ],
)
def test_markdown_that_looks_like_a_marker_is_no_conflict(body):
    assert "merge-conflict" not in codes(load(VALID + "\n" + body + "\n"))


@pytest.mark.parametrize(
    ("body", "offset"),
    [
        (
            "~~~~~~~~~~~~~~~~~~~~\n\n<<<<<<< HEAD\n甲\n=======\n乙\n>>>>>>> 李编辑的修改",
            2,
        ),  # a line of ~ is no code block unclosed (a review)
        ("```新风正气``` 是口号\n\n<<<<<<< HEAD\n甲\n=======\n乙\n>>>>>>> b", 2),
        ("<<<<<<< HEAD\n```\n甲\n=======\n乙\n>>>>>>> b", 0),  # a fence opened on one side only
        ("开头一句。\n=======\n乙\n>>>>>>> b", 1),  # half resolved: its <<<<<<< line deleted
        ("<<<<<<< HEAD\n甲\n", 0),  # its end deleted
    ],
)
def test_conflicts_that_look_half_like_markdown_are_still_found(body, offset):
    assert found(load(VALID + "\n" + body + "\n")) == [(VALID.count("\n") + 2 + offset, "error", "merge-conflict")]


def test_a_case_with_a_conflict_keeps_its_id_for_the_rules_across_cases():
    """A review: a published case with a conflict in its body was also reported deleted
    (ledger-missing), with advice (git checkout) that throws the merge away."""

    case = load(VALID + "\n<<<<<<< HEAD\n甲\n=======\n乙\n>>>>>>> feature\n")
    assert case.id == "gz-yuexiu-2023-001" and not case.ok


def test_nul_character():
    case = load("---\nid: abc\x00\n---\n")
    assert found(case) == [(2, "error", "encoding")]


@pytest.mark.parametrize(
    ("text", "expected", "hint_words"),
    [
        ("", [(1, "error", "empty-file")], "模板"),
        ("\n\n   \n", [(1, "error", "empty-file")], "模板"),
        ("## 基本情况\n\n正文", [(1, "error", "no-front-matter")], "第一行"),
        ("\n---\nid: abc\n---\n", [(1, "error", "no-front-matter")], "空行"),
        ("－－－\nid: abc\n－－－\n", [(1, "error", "no-front-matter")], "英文减号"),
        ("——\nid: abc\n——\n", [(1, "error", "no-front-matter")], "英文减号"),
        (" ---\nid: abc\n---\n", [(1, "error", "no-front-matter")], "英文减号"),
        ("---\nid: abc\ntitle: 标题四个字\n\n## 正文\n", [(1, "error", "unclosed-front-matter")], "单独加一行 ---"),
        ("---\nid: abc\n----\n\n## 正文\n", [(1, "error", "unclosed-front-matter")], "第 3 行"),
        ("---\nid: abc\n——\n\n## 正文\n", [(1, "error", "unclosed-front-matter")], "第 3 行"),
        # the template's comments, which name its blanks, are no blanks of their own (a worker's trial)
        ("---\n# 把带【请填写】的地方换成案例的内容\nid: abc\n——\n\n## 正文\n", [(1, "error", "unclosed-front-matter")], "第 4 行"),
        # the closing --- left out and a --- rule in the body: taken for it, the body's text was a YAML error (a writer's trial)
        (
            "---\nid: abc\ntitle: 标题四个字\n\n## 基本情况\n\n文字\n\n---\n\n尾\n",
            [(5, "error", "unclosed-front-matter")],
            "在第 5 行的上面",
        ),
        (
            "---\nid: abc\nstatus: review\n\n社区老旧小区多。\n\n## 主要做法\n\n---\n",
            [(5, "error", "unclosed-front-matter")],
            "在第 5 行的上面",
        ),
        ("---\n---\n正文\n", [(1, "error", "front-matter-empty")], "id、title"),
        ("---\n# 只有注释\n---\n", [(1, "error", "front-matter-empty")], "id、title"),
    ],
    ids=[
        "empty file",
        "only blank lines",
        "no front matter",
        "blank line before ---",
        "full-width dashes",
        "Chinese dashes",
        "space before ---",
        "missing closing ---",
        "closing ---- has four dashes",
        "closing with a Chinese dash",
        "unclosed under the template's comment",
        "missing closing --- above a heading, a rule below",
        "missing closing --- above a paragraph, a rule below",
        "empty front matter",
        "front matter only a comment",
    ],
)
def test_file_structure_errors(text, expected, hint_words):
    case = load(text)
    assert found(case) == expected
    assert hint_words in case.diagnostics[0].hint
    assert "front matter" not in case.diagnostics[0].message  # words a worker reads (a worker's trial)


def _fenced(opening: str, closing: str) -> str:
    """The valid case with its two --- lines replaced."""
    lines = VALID.split("\n")
    return "\n".join([opening, *lines[1:25], closing, *lines[26:]])


@pytest.mark.parametrize(
    ("text", "expected", "words"),
    [
        # a second BOM (a file saved with one, pasted into another): the first is the encoding's, the second text
        (b"\xef\xbb\xbf\xef\xbb\xbf" + VALID.encode("utf-8"), (1, "error", "no-front-matter"), ["U+FEFF", "第 1 行"]),
        (_fenced("\u200b---", "---"), (1, "error", "no-front-matter"), ["U+200B", "第 1 行", "在最前面"]),
        (_fenced("---\u200b", "---"), (1, "error", "no-front-matter"), ["U+200B", "第 1 行"]),
        (_fenced("---", "---\u200b"), (1, "error", "unclosed-front-matter"), ["U+200B", "第 26 行"]),
        (_fenced("---", "-\u2060--"), (1, "error", "unclosed-front-matter"), ["U+2060", "第 26 行"]),
        (_fenced("---", "\ufeff---"), (1, "error", "unclosed-front-matter"), ["U+FEFF", "第 26 行"]),
    ],
    ids=["double BOM", "ZWSP before opening", "ZWSP after opening", "ZWSP after closing", "word joiner in closing", "BOM before closing"],
)
def test_a_fence_with_an_invisible_character_is_named(text, expected, words):
    """A --- line that shows as --- but holds a character no one sees: said so, with the line
    and the character, instead of "there is no ---" or "add a line ---" (found by fuzzing;
    the editor sees the line it is told to add)."""
    case = load(text)
    assert found(case)[0] == expected
    said = case.diagnostics[0].message + case.diagnostics[0].hint
    for word in words:
        assert word in said, said
    assert "单独加一行" not in said and "文件第一行应是" not in said


# -- YAML written by people: tabs, Chinese punctuation --------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  name: 越秀区", "\tname: 越秀区", [(LINE["organization.name"], "error", "yaml-tab")]),
        ("  name: 越秀区", "  \tname: 越秀区", [(LINE["organization.name"], "error", "yaml-tab")]),
        ("area: 城市", "area：城市", [(LINE["area"], "error", "yaml-fullwidth-colon")]),
        ("area: 城市", "area ：城市", [(LINE["area"], "error", "yaml-fullwidth-colon")]),
        ("  city: 广州市", "  city：广州市", [(LINE["region.city"], "error", "yaml-fullwidth-colon")]),
        ("area: 城市", "area:城市", [(LINE["area"], "error", "yaml-colon-space")]),
        # nested: YAML itself would read `name:越秀区…` as the text of organization
        ("  name: 越秀区", "  name:越秀区", [(LINE["organization.name"], "error", "yaml-colon-space")]),
        ("date: 2023-03-01", "date:2023-03-01", [(LINE["date"], "error", "yaml-colon-space")]),
        ("area: 城市", "area:\u3000城市", [(LINE["area"], "error", "yaml-colon-space")]),
        ("  city: 广州市", "  city:\u3000广州市", [(LINE["region.city"], "error", "yaml-colon-space")]),
        # a trial: reported two lines down as an indentation YAML could not align
        ("  name: 越秀区", "\u3000\u3000name: 越秀区", [(LINE["organization.name"], "error", "yaml-wide-indent")]),
    ],
    ids=[
        "tab indent",
        "tab after spaces",
        "full-width colon",
        "space then full-width colon",
        "nested full-width colon",
        "no space",
        "nested no space",
        "date no space",
        "full-width space",
        "nested full-width space",
        "full-width indent",
    ],
)
def test_input_method_mistakes(old, new, expected):
    case = load(edit(VALID, old, new))
    assert found(case) == expected
    assert case.diagnostics[0].hint  # says how to fix it


@pytest.mark.parametrize(("written", "key"), [("标题", "title"), ("摘要", "summary"), ("ｓｕｍｍａｒｙ", "summary")])
def test_a_field_named_in_chinese_before_a_full_width_colon_is_told_its_english_name(written, key):
    """An editor's trial: 标题：… was told only that a colon was missing (yaml-syntax); typing an
    English colon as told gave a second error, that the field must be title. Both at once,
    on its line; a value's indented line that reads 时间：每周三 is no key."""
    case = load(edit(VALID, f"{key}: ", f"{written}："))
    assert found(case) == [(LINE[key], "error", "yaml-fullwidth-colon")]
    said = case.diagnostics[0].message + case.diagnostics[0].hint
    assert f"应写成 {key}" in said and f"“{written}：”改成“{key}: ”" in said, said
    folded = load(edit(VALID, "summary: ", "summary: 每周三下午开展活动，\n  时间：每周三下午两点到四点，地点在社区活动室，"))
    assert "yaml-fullwidth-colon" not in [d.code for d in folded.diagnostics], folded.diagnostics


def test_a_web_address_starting_a_line_is_no_key_missing_its_space():
    """A mutation audit: ``- https://…`` is a value, not ``https:`` with no space after the
    colon; the line check runs here because the summary has a Chinese colon (：)."""
    summary = "summary: 北京街道老年人协会组织低龄老人结对帮扶高龄空巢老人，提供助餐、陪诊和心理疏导，两年服务4800人次。"
    text = edit(VALID, summary, summary.replace("提供", "提供：")).replace("served: 4800", "served: 4800\ntags:\n  - https://example.org/a")
    case = load(text)
    assert found(case) == []
    assert case.tags == ["https://example.org/a"]


def test_a_full_width_space_after_the_colon_is_named_not_a_missing_colon():
    diagnostic = load(edit(VALID, "area: 城市", "area:\u3000城市")).diagnostics[0]
    assert "全角空格" in diagnostic.message and "缺少英文冒号" not in diagnostic.message
    assert "英文输入法" in diagnostic.hint


def test_words_a_comment_takes_from_a_value_are_a_warning():
    """A worker's trial: summary: …人次。 #幸福食堂# 被市级媒体报道。 passed check and the page
    ended at 人次。 A comment written as one (“# …”), a quoted value and a block of text lose nothing."""
    summary = "summary: 北京街道老年人协会组织低龄老人结对帮扶高龄空巢老人，提供助餐、陪诊和心理疏导，两年服务4800人次。"
    assert summary in VALID
    case = load(edit(VALID, summary, summary + " #幸福食堂# 被市级媒体报道。"))
    assert found(case) == [(LINE["summary"], "warning", "yaml-comment-cut")]
    assert "#幸福食堂# 被市级媒体报道。" in case.diagnostics[0].message and "双引号" in case.diagnostics[0].hint
    value = summary.removeprefix("summary: ")
    for kept in (f'summary: "{value} #幸福食堂# 被报道。"', f"summary: |\n  {value} #幸福食堂# 被报道。", summary + "  # 编辑：摘要已核对"):
        assert found(load(edit(VALID, summary, kept))) == [], kept


def test_a_value_starting_with_a_hash_is_explained_as_a_comment():
    case = load(edit(VALID, "title: 北京街道老年人协会“银龄互助”守望空巢老人", "title: #1号楼邻里互助守望行动"))
    diagnostic = only(case, "missing-value")
    assert "# 和它后面的字都被当成了注释" in diagnostic.message
    assert 'title: "#1号楼邻里互助守望行动"' in diagnostic.hint
    plain = only(load(edit(VALID, "title: 北京街道老年人协会“银龄互助”守望空巢老人", "title:")), "missing-value")
    assert plain.message == "必填字段 title（标题）没有填写内容。"  # no hash: the usual words


def test_fullwidth_colon_message_says_how():
    diagnostic = load(edit(VALID, "area: 城市", "area：城市")).diagnostics[0]
    assert "中文冒号" in diagnostic.message
    assert "英文冒号" in diagnostic.hint


def test_several_input_mistakes_reported_together():
    text = edit(edit(edit(VALID, "area: 城市", "area：城市"), "  city: 广州市", "\tcity: 广州市"), "served: 4800", "served:4800")
    assert found(load(text)) == [
        (LINE["region.city"], "error", "yaml-tab"),
        (LINE["area"], "error", "yaml-fullwidth-colon"),
        (LINE["served"], "error", "yaml-colon-space"),
    ]


@pytest.mark.parametrize(
    "value",
    [
        "summary: >\n  Note:see 北京街道老年人协会组织低龄老人结对帮扶高龄空巢老人，提供助餐和陪诊服务。",
        "summary: |\n  北京街道老年人协会组织低龄老人结对帮扶高龄空巢老人，\n  时间：2023年起，服务4800人次，提供助餐和陪诊。",
        "summary: |-\n  北京街道老年人协会组织低龄老人结对帮扶高龄空巢老人\n\n  \tTab 在文字里也可以，提供助餐和陪诊。",
        "summary: '北京街道老年人协会：组织低龄老人结对帮扶高龄空巢老人，提供助餐、陪诊和心理疏导。'",
        "summary: 北京街道老年人协会组织低龄老人结对帮扶高龄空巢老人，网址 https://example.org 有介绍。",
    ],
    ids=["folded block with a colon", "literal block with a Chinese colon", "block with a tab inside the text", "quoted colon", "URL"],
)
def test_colons_and_tabs_inside_text_are_fine(value):
    start = VALID.index("summary:")
    end = VALID.index("\n", start)
    case = load(VALID[:start] + value + VALID[end:])
    assert found(case) == []


def test_yaml_syntax_error_has_a_line_and_advice():
    case = load(edit(VALID, "title: 北京街道", "title: [北京街道"))
    diagnostic = only(case, "yaml-syntax")
    assert LINE["title"] <= diagnostic.line <= LINE["summary"] + 1
    assert "方括号成对" in diagnostic.hint


def test_control_character_names_its_line():
    case = load(edit(VALID, "served: 4800", "served: 48\x0700"))
    assert found(case) == [(LINE["served"], "error", "yaml-control-char")]
    assert "U+0007" in case.diagnostics[0].message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_in_a_value_moves_no_line_below_it(separator):
    """YAML ends a line at U+2028, U+2029 and NEL; editors and git do not: the lines below
    one are the file's, not YAML's (they were one too far down)."""
    text = edit(VALID, "title: 北京街道老年人协会“银龄互助”守望空巢老人", f'title: "北京街道老年人协会{separator}银龄互助守望空巢老人"')
    case = load(edit(text, "area: 城市", "area: 城镇"))
    assert (LINE["area"], "error", "bad-choice") in found(case)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_that_breaks_the_yaml_is_named_on_its_line(separator):
    """Pasted into a plain value, it ends the line for YAML, which then found a line without
    a colon, one line down: the message names the character, on the line that has it."""
    case = load(edit(VALID, "title: 北京街道老年人协会", f"title: 北京街道老年人协会{separator}"))
    diagnostic = only(case, "yaml-control-char")
    assert diagnostic.line == LINE["title"]
    assert f"U+{ord(separator):04X}" in diagnostic.message
    assert [code for _, _, code in found(case)] == ["yaml-control-char"]  # named once, not as a syntax error too


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_list_item_and_a_tag_below_a_line_separator_are_on_their_own_lines(separator):
    """A mutation audit: a list's items and a value's tag are placed by their own marks too."""
    text = edit(VALID, "title: 北京街道老年人协会“银龄互助”守望空巢老人", f'title: "北京街道老年人协会{separator}银龄互助守望空巢老人"')
    text = edit(text, "themes: [便民服务, 新风正气]", "themes:\n  - 便民服务\n  - 新风正气x")
    case = load(edit(text, "volunteers: 86", "volunteers: !custom 86"))
    assert [(line, code) for line, _, code in found(case) if code != "invisible-char"] == [
        (LINE["themes"] + 2, "unknown-themes"),
        (LINE["volunteers"] + 2, "yaml-tag"),
    ]


# -- shapes that are not a mapping ---------------------------------------------------------


@pytest.mark.parametrize(
    ("front", "kind"),
    [
        ("- id: abc\n- title: 标题四字", "列表"),
        ("[id, title]", "列表"),
        ("只是一段文字", "一段文字"),
        ("12345", "一段文字"),
    ],
)
def test_front_matter_that_is_not_a_mapping(front, kind):
    case = load(f"---\n{front}\n---\n\n正文\n")
    assert found(case) == [(2, "error", "front-matter-not-mapping")]
    assert kind in case.diagnostics[0].message
    assert "字段" in case.diagnostics[0].hint


# -- plain YAML only: tags, duplicate keys, anchors ---------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/apply:subprocess.check_output [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!!python/object/new:os.system ['touch {marker}']",
        "!custom 标题四个字",
        "!!binary aGVsbG8=",
        "!!set {{a, b}}",
        "!!omap [{{a: 1}}]",
    ],
)
def test_tags_are_errors_and_never_executed(value, tmp_path):
    marker = tmp_path / "executed"
    case = load(edit(VALID, "title: 北京街道老年人协会“银龄互助”守望空巢老人", "title: " + value.format(marker=marker)))
    assert not marker.exists()
    assert found(case) == [(LINE["title"], "error", "yaml-tag")]  # and no second message about a missing title
    assert "标签" in case.diagnostics[0].message and "删掉" in case.diagnostics[0].hint


def test_tag_on_a_key(tmp_path):
    marker = tmp_path / "executed"
    case = load(edit(VALID, "area: 城市", f"!!python/object/apply:os.system ['touch {marker}']: 城市"))
    assert not marker.exists()
    assert (LINE["area"], "error", "yaml-tag") in found(case)


def test_tag_on_a_whole_section():
    case = load(edit(VALID, "region:\n", "region: !!python/object:os.environ\n"))
    assert (LINE["region"], "error", "yaml-tag") in found(case)
    assert "missing-key" not in codes(case)


@pytest.mark.parametrize(
    ("old", "new", "line", "first"),
    [
        ("served: 4800", "served: 4800\ntitle: 另一个标题写在这里", LINE["served"] + 1, LINE["title"]),
        ("  city: 广州市", "  city: 广州市\n  city: 深圳市", LINE["region.city"] + 1, LINE["region.city"]),
        ("status: published", "status: published\nstatus: draft", LINE["status"] + 1, LINE["status"]),
    ],
    ids=["top level", "nested", "adjacent"],
)
def test_duplicate_keys(old, new, line, first):
    case = load(edit(VALID, old, new))
    diagnostic = only(case, "duplicate-key")
    assert diagnostic.line == line
    assert f"第 {first} 行" in diagnostic.message  # names the first one
    assert "删掉" in diagnostic.hint


def test_duplicate_key_keeps_the_first_value():
    case = load(edit(VALID, "status: published", "status: published\nstatus: draft"))
    assert case.status.value == "published"


def test_anchor_and_alias():
    case = load(
        edit(
            edit(VALID, "  reviewer: 越秀区民政局", "  reviewer: &who 越秀区民政局"), "served: 4800", "served: 4800\nwithdrawn_reason: *who"
        )
    )
    assert found(case) == [(LINE["served"] + 1, "error", "yaml-alias")]
    assert "&" in case.diagnostics[0].message


def test_merge_key():
    text = edit(VALID, "region:\n", "base: &base {city: 广州市}\nregion:\n  <<: *base\n")
    assert "yaml-key" in codes(load(text)) or "yaml-alias" in codes(load(text))


def test_billion_laughs_is_fast_and_rejected():
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for index in range(1, 10):
        name, previous = chr(ord("a") + index), chr(ord("a") + index - 1)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    text = "---\n" + "\n".join(levels) + "\n---\n"
    with deadline(10):
        case = load(text)
    aliases = [d for d in case.diagnostics if d.code == "yaml-alias"]
    assert [d.line for d in aliases] == list(range(3, 12))  # one message per line, not 9**9
    assert len(case.diagnostics) < 30


@pytest.mark.parametrize(
    "text",
    [
        "---\na: " + "[" * 5000 + "\n---\n",
        "---\na: " + "[" * 999 + "]" * 999 + "\n---\n",
        "---\na: " + "{b: " * 999 + "c" + "}" * 999 + "\n---\n",
        "---\n" + "".join(" " * depth + f"k{depth}:\n" for depth in range(999)) + "---\n",
    ],
    ids=["unclosed deep list", "999 nested lists", "999 nested maps", "999 indented keys"],
)
def test_deep_nesting_is_an_error_not_a_crash(text):
    with deadline(10):
        case = load(text)
    assert {"yaml-depth", "yaml-syntax"} & set(codes(case))


def test_many_keys_are_read_in_linear_time():
    """Each front-matter value was looked for in the whole front matter (to tell whether it
    reads as written), and each escaped one's line found by splitting all of it again:
    20,000 keys took 7 s, 20,000 escaped ones 23 s, 100,000 keys 166 s. The front matter
    is now split once, and no value is looked for in all of it."""
    from showcase.core.case import pii, yamlnodes
    from showcase.core.diagnostics import DiagnosticList

    class Counted(str):
        calls = 0

        def split(self, *args, **kwargs):
            Counted.calls += 1
            return super().split(*args, **kwargs)

        def __contains__(self, part: object) -> bool:
            Counted.calls += 1
            return super().__contains__(part)

    text = "".join(f'k{i}: {i}\ne{i}: "\\u793a{i}"\n' for i in range(500))
    located = yamlnodes.parse(text, 2, DiagnosticList(Path("index.md")))
    assert located is not None
    located.text = Counted(located.text)
    views = pii.shown(None, 0, located)
    assert len(views) == 500 and Counted.calls <= 1, Counted.calls  # the escaped values, read as parsed


def test_a_body_of_many_findings_is_read_in_linear_time():
    """Each finding's line (a phone number, an image, a tag) was counted from the start of
    the text: 20,000 lines with one of each took 20 s. Every number is still said, each on its line."""
    body = "".join(f"![图{i}](p.jpg) 电话 138 1234 {i:04d}，<b>活动</b>\n" for i in range(10_000))
    body += "".join(f"![图{i}](p.jpg) 电话 139 1234 {i:04d}，<b>活动</b>\n" for i in range(10_000))
    with deadline(8):
        case = load(VALID + body)
    numbers = [d.line for d in case.diagnostics if d.code == "mobile-number"]
    first = VALID.count("\n") + 1
    assert numbers == list(range(first, first + 20_000))


def test_line_ends_count_as_str_count_does():
    from showcase.core.case.source import LineEnds

    for text in ("", "a", "\n", "a\nb\n\nc", "\n\n"):
        ends = LineEnds(text)
        assert [ends.before(at) for at in range(len(text) + 2)] == [text.count("\n", 0, at) for at in range(len(text) + 2)]


# -- values YAML cannot turn into anything ------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "code", "words"),
    [
        ("date: 2023-03-01", "date: 2023-02-30", LINE["date"], "bad-value", "不存在"),
        ("date: 2023-03-01", "date: '2023-02-30'", LINE["date"], "bad-date", "不是存在的日期"),
        ("date: 2023-03-01", "date: 2023-13-01", LINE["date"], "bad-value", "不存在"),
        ("volunteers: 86", "volunteers: " + "9" * 5000, LINE["volunteers"], "bad-value", "…"),
    ],
    ids=["February 30", "quoted February 30", "month 13", "5000-digit number"],
)
def test_unreadable_values(old, new, line, code, words):
    case = load(edit(VALID, old, new))
    diagnostic = only(case, code)
    assert diagnostic.line == line
    assert words in diagnostic.message
    assert len(diagnostic.message) < 200  # a huge value is shortened


def test_path_in_diagnostics_is_the_file(tmp_path):
    path = tmp_path / "cases" / "x" / "index.md"
    case = load(edit(VALID, "area: 城市", "area: 城镇"), path=path)
    assert case.diagnostics[0].path == path
    assert case.diagnostics[0].format(cwd=tmp_path).startswith(str(Path("cases/x/index.md")) + f":{LINE['area']}: error [bad-choice] ")


@pytest.mark.parametrize(
    ("front", "line", "words", "advice"),
    [
        ("id: abc\ntitle: 时间: 2023年", 3, "冒号加空格", "英文引号"),
        ('id: abc\ntitle: "北京\nsummary: x\ndate: 2023-01-01', 3, "引号或括号没有结束", "成对"),
        ("id: abc\nthemes: [a, b\nsummary: x", 3, "方括号", "英文逗号"),
        ("organization:\n  name: a\n category: b", 4, "没有对齐", "两个空格"),
        ("id: abc\ntitle: @北京", 3, "特殊符号", "英文引号"),
        ("id: abc\ntitle: *x", 3, "引用", "英文引号"),
        # a value that opens with "!" and a Chinese word: a tag YAML cannot read (said as a
        # line it could not read at all, with the common causes)
        ("id: abc\ntitle: !重要 社区邻里节", 3, "英文感叹号 !", '"!重要 社区邻里节"'),
        ("id: abc\ntitle: !!重要 社区邻里节", 3, "英文感叹号 !", "中文感叹号"),
        ('id: abc\ntitle: "a\\qb"', 3, "反斜杠", "单引号"),
        ("id: abc\n北京街道\ntitle: 标题四字", 3, "缺少英文冒号", "英文冒号后空一格"),
        ("id: abc\ntitle: 'a' b", 3, "多余的", "引号"),
        # a value that opens with a quote, bracket or bold that ends before it does: said to be
        # an indentation problem (a writer's trial)
        ('id: abc\ntitle: "银龄互助"守望空巢老人\nsummary: x', 3, '以英文的 " 开头', "title: '\"银龄互助\"守望空巢老人'"),
        ("id: abc\ntitle: [示范]邻里帮帮团\nsummary: x", 3, "以英文的 [ 开头", "title: '[示范]邻里帮帮团'"),
        ("id: abc\ntitle: **银龄互助**守望\nsummary: x", 3, "以英文的 * 开头", "中文引号"),
        # an English quote closed by a Chinese one, as an input method types it: YAML noticed
        # it at the end (said 引号没有结束) or at the next English quote, lines later
        ('id: abc\ntitle: "银龄互助”\nsummary: 摘要', 3, "以中文引号 ” 结尾", '把结尾的 ” 改成英文引号 "'),
        ('id: abc\ntitle: "银龄互助”\nsummary: 摘要\norganization:\n  name: "某某协会"', 3, "以中文引号 ” 结尾", "改成英文引号"),
        ("id: abc\ntitle: '银龄互助’", 3, "以中文引号 ’ 结尾", "改成英文引号 '"),
        # not closed on its line, and YAML stopped after the next quote, lines later
        ('id: abc\ntitle: "北京\nsummary: x\ndate: "2023-01-01"', 3, '一直到第 5 行的下一个 " 才结束', '在这一行的值末尾补上英文引号 "'),
        ("id: abc\ntitle: '北京\nsummary: x\nthemes:\n  - 'a'", 3, "一直到第 6 行的下一个 ' 才结束", "在这一行的值末尾补上英文引号 '"),
    ],
    ids=[
        "colon in a value",
        "unclosed quote",
        "unclosed bracket",
        "indent",
        "at sign",
        "star",
        "exclamation mark",
        "two exclamation marks",
        "backslash",
        "line without colon",
        "text after quote",
        "text after a closed quote",
        "text after a closed bracket",
        "text after bold",
        "chinese closing quote",
        "chinese closing quote, english one later",
        "chinese closing single quote",
        "unclosed quote, closed lines later",
        "unclosed single quote, closed lines later",
    ],
)
def test_yaml_syntax_errors_in_plain_words(front, line, words, advice):
    case = load("---\n" + front + "\n---\n")
    diagnostic = only(case, "yaml-syntax")
    assert diagnostic.line == line  # where the mistake is, not where YAML noticed it
    assert words in diagnostic.message
    assert advice in diagnostic.hint
    # YAML's own English stays out of what the editor reads, and is kept as the detail
    assert diagnostic.detail and diagnostic.detail.isascii()
    assert diagnostic.detail not in diagnostic.message + diagnostic.hint
    assert "YAML 的原话" not in diagnostic.hint and not re.search("[a-z]{3,} [a-z]{3,} [a-z]{3,}", diagnostic.message + diagnostic.hint)


def test_an_unknown_yaml_problem_lists_the_common_causes(monkeypatch):
    from showcase.core.case import yamlnodes

    fallback = yamlnodes.yaml_problems()[1]
    monkeypatch.setattr(yamlnodes, "yaml_problems", lambda: ([], fallback))
    diagnostic = only(load("---\nid: abc\ntitle: 时间: 2023年\n---\n"), "yaml-syntax")
    assert "读不懂" in diagnostic.message
    for cause in ("冒号后面少了空格", "引号或括号没有配对", "Tab", "左对齐"):
        assert cause in diagnostic.hint
    assert "mapping values" in diagnostic.detail


def test_yaml_problem_data_is_well_formed():
    from showcase.core.case import yamlnodes

    problems, fallback = yamlnodes.yaml_problems()
    assert len(problems) >= 10 and fallback.message and fallback.hint
    for problem in problems:
        assert problem.match.isascii() and problem.message and problem.hint
        assert not problem.message.isascii() and not problem.hint.isascii()


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("title: ", "title:\u00a0", "这一行冒号后面有一个不换行空格"),  # copied from a web page or Word
        ("title: ", "title: \u2028", "这一行冒号后面有一个行分隔符"),
        ("title: ", "\ufefftitle: ", "这一行开头有一个看不见的字符（零宽不换行空格"),  # two files joined
    ],
)
def test_a_character_that_looks_like_a_space_is_named_on_its_line(old, new, words):
    # YAML takes none of them for a space, and what it said pointed elsewhere
    # (这一行缺少英文冒号 with the colon right there, or an indentation problem).
    line = next(text for text in VALID.split("\n") if text.startswith("title: "))
    case = load(VALID.replace(line, line.replace(old, new, 1), 1))
    assert [(d.line, d.code) for d in case.diagnostics] == [(LINE["title"], "yaml-syntax")]
    assert words in case.diagnostics[0].message


def test_a_full_width_indent_in_a_valid_value_is_not_blamed_for_an_error_elsewhere():
    # 　　 opening a summary is valid YAML; the missing ] further down is the problem.
    text = edit(VALID, "beneficiaries: [空巢老人]", "beneficiaries: [空巢老人")
    line = next(t for t in text.split("\n") if t.startswith("summary: "))
    case = load(text.replace(line, line.replace("summary: ", "summary: 　　", 1), 1))
    (problem,) = [d for d in case.diagnostics if d.code == "yaml-syntax"]
    assert problem.line == LINE["beneficiaries"] and "方括号" in problem.message, (problem.line, problem.message)


def test_an_escaped_value_is_said_on_its_line_though_a_comment_has_it_as_written():
    """A value is looked for as written in its own lines only: a comment elsewhere holding
    it as written hid the escape (示 written \\u793a) on the value's own line."""
    from showcase.core.case.content import ReviewWords

    summary = "summary: 北京街道老年人协会组织低龄老人结对帮扶高龄空巢老人，提供助餐、陪诊和心理疏导，两年服务4800人次。\n"
    escaped = '# 北京街道老年人协会组织示例违禁词\nsummary: "北京街道老年人协会组织\\u793a例违禁词"\n'
    case = load(edit(VALID, summary, escaped), review_words=ReviewWords(("示例违禁词",)))
    assert [line for line, _, code in found(case) if code == "review-word"] == [4, 5]


def test_a_tab_and_deep_nesting_are_said_in_the_words_of_the_yaml_problems_file():
    """A review: the tab's message and hint were written in the code and in
    data/yaml-problems.yml (libyaml's own report of it), and the depth's hint had drifted
    (字段最多缩进两层 in one, 基本信息最多两级 in the other)."""
    from showcase.core.case.yamlnodes import said_for

    tab = next(d for d in load(edit(VALID, "  name: 越秀区", "\tname: 越秀区")).diagnostics if d.code == "yaml-tab")
    words = said_for("found a tab character")
    assert tab.message.startswith(words.message) and tab.hint == words.hint
    # libyaml's own limit (yaml-syntax) and the check's (yaml-depth, reached first by less)
    for text in ("---\na: " + "[" * 5000 + "\n---\n", "---\na: " + "[" * 30 + "]" * 30 + "\n---\n"):
        deep = next(d for d in load(text).diagnostics if d.code in ("yaml-depth", "yaml-syntax"))
        assert deep.hint == said_for("exceeded maximum nesting depth").hint, (deep.code, deep.hint)


def test_input_method_mistakes_are_said_line_by_line_up_to_a_limit():
    """A red team: a front matter of 100,000 lines of 键：值 printed 100,000 errors (30 MB) in
    13 s. The first 50 are said line by line, the rest counted in one error at the first of them."""
    front = "id: abc\n" + "".join(f"key{n}：值\n" for n in range(200))
    case = load("---\n" + front + "---\n")
    said = [d for d in case.diagnostics if d.code == "yaml-fullwidth-colon"]
    assert len(said) == 50 and said[0].line == 3 and said[-1].line == 52
    (rest,) = [d for d in case.diagnostics if d.code == "yaml-syntax"]
    assert rest.line == 53 and "还有 150 行有上面说的这类问题" in rest.message, rest.message
