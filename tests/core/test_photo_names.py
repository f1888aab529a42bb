"""Photo file names with spaces and Chinese: found by the check, pointed at by the build.

Python-Markdown reads ``![说明](照片 1.jpg)`` and ``![说明](<照片 1.jpg>)`` as the file
``照片 1.jpg``; the check and the site's rewriting read them the same way.
"""

from __future__ import annotations

import pytest
from showcase.core.case.imagerefs import find_body_images
from showcase.core.collection.loading import load_case
from showcase.core.media.photos import rewrite_markdown

from .helpers import VALID, edit, jpeg, only, settings, write_case


@pytest.mark.parametrize(
    ("markdown", "src"),
    [
        ("![说明](照片 1.jpg)", "照片 1.jpg"),
        ('![说明](照片 1.jpg "标题")', "照片 1.jpg"),
        ("![说明](活动 照片 第1张.jpg)", "活动 照片 第1张.jpg"),
    ],
)
def test_names_with_spaces_are_found_whole(markdown, src):
    assert [ref.src for ref in find_body_images(markdown, 1)] == [src]


def test_a_missing_name_with_a_space_is_named_whole(tmp_path):
    text = edit(VALID, "(img/photo2.jpg)", "(照片 3.jpg)")
    path = write_case(tmp_path / "case", text, {"photo1.jpg": jpeg(), "照片 2.jpg": jpeg()})
    case = load_case(path, settings(check_images=True))
    assert [d.code for d in case.diagnostics] == ["unused-file", "image-missing"]  # 照片 2.jpg is used by no image
    assert "照片 3.jpg" in case.diagnostics[1].message and "照片 2.jpg" in case.diagnostics[1].hint


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("![说明](<照片 2.jpg>)", "![说明](2-abc-960.jpg)"),
        ("![说明](照片 2.jpg)", "![说明](2-abc-960.jpg)"),
        ('![说明](<照片 2.jpg> "标题")', '![说明](2-abc-960.jpg "标题")'),
    ],
)
def test_the_site_points_every_form_at_the_published_file(markdown, expected):
    assert rewrite_markdown(markdown, {"照片 2.jpg": "2-abc-960.jpg"}) == expected


# Forms Python-Markdown shows as an image that a line-by-line reading missed or cut: a
# full-width space (what a Chinese input method types) or a no-break space in the name,
# brackets in the description, a description over two lines, parentheses in the name
# (balanced or escaped), and a quoted HTML src with a space. Each is a file of the case:
# the check finds it whole (so the build publishes it) or, when it is missing, says so.
HIDDEN_FORMS = [
    ("![活动现场](活动\u3000现场.jpg)", "活动\u3000现场.jpg"),
    ("![活动现场](活动\u00a0现场.jpg)", "活动\u00a0现场.jpg"),
    ("![第[1]张](照片2.jpg)", "照片2.jpg"),
    ("![第一行\n第二行](照片2.jpg)", "照片2.jpg"),
    ("![说明](照片(2).jpg)", "照片(2).jpg"),
    ("![说明](照片\\(2\\).jpg)", "照片(2).jpg"),
    ('<img src="集体 合影.jpg" alt="合影">', "集体 合影.jpg"),
]


@pytest.mark.parametrize(("markdown", "name"), HIDDEN_FORMS, ids=[f"form{n}" for n in range(len(HIDDEN_FORMS))])
def test_every_image_markdown_shows_is_found_whole(tmp_path, markdown, name):
    text = edit(VALID, "![志愿者陪同老人就医](img/photo2.jpg)", markdown)
    path = write_case(tmp_path / "case", text, {"photo1.jpg": jpeg(), name: jpeg()})
    case = load_case(path, settings(check_images=True))
    assert case.diagnostics == [], [(d.code, d.message) for d in case.diagnostics]
    assert name in [ref.src for ref in case.images]


@pytest.mark.parametrize(("markdown", "name"), HIDDEN_FORMS, ids=[f"form{n}" for n in range(len(HIDDEN_FORMS))])
def test_every_image_markdown_shows_is_checked(tmp_path, markdown, name):
    text = edit(VALID, "![志愿者陪同老人就医](img/photo2.jpg)", markdown)
    path = write_case(tmp_path / "case", text, {"photo1.jpg": jpeg()})
    case = load_case(path, settings(check_images=True))
    missing = only(case, "image-missing")
    assert name in missing.message and missing.line == 32


def test_a_name_with_a_hash_gets_a_rename_hint(tmp_path):
    """``#`` starts the part of an address that names a place in the page: the file cannot be reached."""
    text = edit(VALID, "(img/photo2.jpg)", "(照片#2.jpg)")
    path = write_case(tmp_path / "case", text, {"photo1.jpg": jpeg(), "照片#2.jpg": jpeg()})
    case = load_case(path, settings(check_images=True))
    missing = only(case, "image-missing")
    assert "#" in missing.hint and "改名" in missing.hint, missing.hint


def test_a_body_with_a_warning_is_still_read_as_markdown_shows_it(tmp_path):
    """Only a body past the bounds is not converted: a warning (a top-level heading) is no reason."""
    text = edit(VALID, "## 基本情况", "# 案例\n\n## 基本情况")
    text = edit(text, "![志愿者陪同老人就医](img/photo2.jpg)", "![第一行\n第二行](照片2.jpg)")
    path = write_case(tmp_path / "case", text, {"photo1.jpg": jpeg(), "照片2.jpg": jpeg()})
    case = load_case(path, settings(check_images=True))
    assert [d.code for d in case.diagnostics] == ["body-title"]
    assert "照片2.jpg" in [ref.src for ref in case.images]


def test_an_unused_file_whose_name_ends_with_a_space_is_shown_so(tmp_path):
    """A second “index.md ” (a space after it, saved so by a Windows tool) beside index.md was
    said as “案例没有用到的文件：index.md ”: the space unseen, the message read as if the case's
    own index.md were unused (found fuzzing)."""
    files = {"photo1.jpg": jpeg(), "img/photo2.jpg": jpeg(), "index.md ": b"x", " 合影.jpg": jpeg()}
    case = load_case(write_case(tmp_path / "case", VALID, files), settings(check_images=True))
    (unused,) = [d for d in case.diagnostics if d.code == "unused-file"]
    assert "“index.md ”（文件名结尾有空格）" in unused.message and "“ 合影.jpg”（文件名开头有空格）" in unused.message, unused.message
