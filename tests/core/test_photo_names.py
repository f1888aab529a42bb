"""Photo file names with spaces and Chinese: found by the check, pointed at by the build.

Python-Markdown reads ``![说明](照片 1.jpg)`` and ``![说明](<照片 1.jpg>)`` as the file
``照片 1.jpg``; the check and the site's rewriting read them the same way.
"""

from __future__ import annotations

import pytest
from showcase.core.case.imagerefs import find_body_images
from showcase.core.collection.loading import load_case
from showcase.core.media.photos import rewrite_markdown

from .helpers import VALID, edit, jpeg, settings, write_case


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
    assert [d.code for d in case.diagnostics] == ["image-missing"]
    assert "照片 3.jpg" in case.diagnostics[0].message and "照片 2.jpg" in case.diagnostics[0].hint


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
