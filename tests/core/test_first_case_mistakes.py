"""A community worker's first case by hand (helper newH's trial): the mistakes of a first
hour, one at a time on a valid case, each said where it is and how to fix it, and the fix
the hint gives, done literally, passing."""

from __future__ import annotations

import pytest

from .helpers import LINE, VALID, edit, found, jpeg, load, settings, write_case

DATE = "date: 2023-03-01"


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        # YAML reads these as a number: the hint was the generic one (写成 2023-03-01 这样)
        ("20230305", "date: 2023-03-05"),
        ("2023.3", "date: 2023-03-01"),  # a month, read as the number 2023.3
        ("2023.10", "date: 2023-10-01"),  # read as 2023.1: the hint must not say January
        # a Chinese input method's dash (Shift + -) between the parts
        ("2023—03—05", "date: 2023-03-05"),
        ("2023－3－5", "date: 2023-03-05"),
        # Chinese quotes around a date
        ("“2023-03-05”", "date: 2023-03-05"),
        ("「2023年3月5日」", "date: 2023-03-05"),
    ],
)
def test_a_date_written_as_people_do_is_said_as_it_must_be_and_that_fix_passes(written, fix):
    case = load(edit(VALID, DATE, f"date: {written}"))
    assert found(case) == [(LINE["date"], "error", "bad-date")]
    assert fix in case.diagnostics[0].hint
    assert written.strip("“”「」") in case.diagnostics[0].message  # as written, not as YAML read it (2023.1)
    assert found(load(edit(VALID, DATE, fix))) == []  # the hint done literally


def test_a_year_alone_asks_for_the_day_and_says_no_day_is_made_up():
    case = load(edit(VALID, DATE, "date: 2023"))
    assert found(case) == [(LINE["date"], "error", "bad-date")]
    diagnostic = case.diagnostics[0]
    assert "只写了年份" in diagnostic.message + diagnostic.hint
    assert "2023-" in diagnostic.hint  # the year the worker wrote, in the example


def test_an_end_date_s_year_alone_asks_for_the_last_day_as_a_month_alone_does():
    """end_date: 2023 was told “只知道月份时写那个月的 1 日”: an end date known by its month
    is that month's last day (end_date: 2023年5月 is told so), not its first."""
    year = load(edit(VALID, DATE, f"{DATE}\nend_date: 2023"))
    month = load(edit(VALID, DATE, f"{DATE}\nend_date: 2023年5月"))
    assert [d.code for d in year.diagnostics] == [d.code for d in month.diagnostics] == ["bad-date"]
    assert "最后一天" in month.diagnostics[0].hint  # as it was
    hint = year.diagnostics[0].hint
    assert "最后一天" in hint and "1 日" not in hint, hint
    fix = next(part for part in hint.split("例如 ")[1:] if part.startswith("end_date: "))[len("end_date: ") :][:10]
    assert found(load(edit(VALID, DATE, f"{DATE}\nend_date: {fix}"))) == []  # the example done literally passes


@pytest.mark.parametrize(
    ("old", "new", "line", "code", "fix"),
    [
        ("status: published", "status: “published”", LINE["status"], "bad-status", "status: published"),
        ("id: gz-yuexiu-2023-001", "id: “gz-yuexiu-2023-001”", LINE["id"], "bad-id", "id: gz-yuexiu-2023-001"),
        (DATE, "date: “2023-03-01”", LINE["date"], "bad-date", DATE),
    ],
)
def test_chinese_quotes_around_a_value_are_named_as_the_mistake(old, new, line, code, fix):
    case = load(edit(VALID, old, new))
    assert found(case) == [(line, "error", code)]
    diagnostic = case.diagnostics[0]
    assert "中文引号" in diagnostic.message + diagnostic.hint and fix in diagnostic.hint
    assert "““" not in diagnostic.message  # the value was shown in doubled quotes
    # said alike for each field, and not “not 年-月-日” of a date written right inside them
    assert f"两边加了中文引号：{new.split(': ', 1)[1]}。" in diagnostic.message, diagnostic.message
    assert found(load(edit(VALID, old, fix))) == []


@pytest.mark.parametrize(
    ("old", "key"),
    [("\ntitle: ", "title"), ("\n  name: ", "name"), ("\nstatus: ", "status")],
)
@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u2060"])
def test_an_invisible_character_pasted_before_a_field_name_is_said_on_its_line(old, key, char):
    # from WeChat: one message on the line, not 缺少必填字段 on line 1 and 未知字段 title（是不是 title？）
    new = old.replace(key, char + key)
    case = load(edit(VALID, old, new))
    line = LINE["organization.name" if key == "name" else key]
    assert found(case) == [(line, "error", "invisible-char")]
    diagnostic = case.diagnostics[0]
    assert f"U+{ord(char):04X}" in diagnostic.message and key in diagnostic.message and "字段名" in diagnostic.message
    assert found(load(VALID)) == []


def test_a_photo_put_in_a_sub_folder_is_found_and_said(tmp_path):
    text = edit(VALID, "cover: photo1.jpg", "cover: photo1.jpg")
    path = write_case(tmp_path / "case", text, {"照片/photo1.jpg": jpeg(), "img/photo2.jpg": jpeg()})
    from showcase.core.collection.loading import load_case

    case = load_case(path, settings(check_images=True))
    missing = [d for d in case.diagnostics if d.code == "image-missing"]
    assert [d.line for d in missing] == [LINE["cover"]]
    assert "照片/photo1.jpg" in missing[0].hint and "还没有图片文件" not in missing[0].hint
    # the hint's first way done literally: the photo moved beside index.md
    (path.parent / "照片/photo1.jpg").rename(path.parent / "photo1.jpg")
    assert [d for d in load_case(path, settings(check_images=True)).diagnostics if d.is_error] == []


def test_a_photo_in_a_sub_folder_the_hint_names_is_not_also_said_unused(tmp_path):
    """A photo of the body put in 照片/: image-missing says where it is and what to do; it
    was also said to be a file the case does not use, to be deleted (its hint: 不需要的请删掉)."""
    text = edit(VALID, "](img/photo2.jpg)", "](photo2.jpg)")
    path = write_case(tmp_path / "case", text, {"photo1.jpg": jpeg(), "照片/photo2.jpg": jpeg(), "照片/旧照片.jpg": jpeg()})
    from showcase.core.collection.loading import load_case

    case = load_case(path, settings(check_images=True))
    (missing,) = [d for d in case.diagnostics if d.code == "image-missing"]
    assert "照片/photo2.jpg" in missing.hint
    unused = " ".join(d.message for d in case.diagnostics if d.code == "unused-file")
    assert "照片/photo2.jpg" not in unused and "照片/旧照片.jpg" in unused, unused  # a photo no one wrote still is
    # the hint's second way done literally: the reference says where the photo is
    path.write_text(edit(VALID, "](img/photo2.jpg)", "](照片/photo2.jpg)"), encoding="utf-8")
    again = load_case(path, settings(check_images=True))
    assert [d for d in again.diagnostics if d.is_error] == []


@pytest.mark.parametrize("written", ["发布", "已发布", "撤回"])
def test_a_worker_writing_publish_is_told_who_publishes(written):
    """status: 发布 was answered “是不是 published？” (helper newH's notes): a worker who writes
    published by hand is told the reviewer publishes and withdraws, with showcase approve and
    showcase withdraw, and what to write instead."""
    case = load(edit(VALID, "status: published", f"status: {written}"))
    (said,) = [d for d in case.diagnostics if d.code == "bad-status"]
    assert "写 status: review" in said.hint and "showcase approve" in said.hint, said.hint
    assert "是不是" not in said.message  # not “是不是 published？” beside “workers never write it”
    plain = load(edit(VALID, "status: published", "status: publsihed"))  # a typo of the word itself: no lecture
    (typo,) = [d for d in plain.diagnostics if d.code == "bad-status"]
    assert "showcase approve" not in typo.hint and "是不是 published" in typo.message


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("ｇｚ-yuexiu-2023-001", "全角的字母"),  # a Chinese input method's letters: they look the same
        ("gz-yuexiu-２０２３-００１", "全角的字母、数字"),
        ("gz－yuexiu－2023－001", "全角的字母、数字或减号"),
        ("GZ-Yuexiu-2023-001", "大写字母"),
    ],
)
def test_an_id_typed_full_width_or_in_capitals_is_told_which_slip_it_is(written, said):
    """An id typed with a Chinese input method looks right on the screen: it was said only
    不合规则, beside the rule and the very id the worker thought they had written."""
    case = load(edit(VALID, "id: gz-yuexiu-2023-001", f"id: {written}"))
    assert found(case) == [(LINE["id"], "error", "bad-id")]
    diagnostic = case.diagnostics[0]
    assert said in diagnostic.message and "不合规则" not in diagnostic.message
    assert "例如 gz-yuexiu-2023-001" in diagnostic.hint  # the id meant, written as it must be


def test_an_id_wrong_otherwise_is_still_said_against_the_rule():
    case = load(edit(VALID, "id: gz-yuexiu-2023-001", "id: 广州越秀2023"))
    assert found(case) == [(LINE["id"], "error", "bad-id")]
    assert "不合规则" in case.diagnostics[0].message and "全角" not in case.diagnostics[0].message
