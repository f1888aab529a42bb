"""The ``html-in-text`` rule: any ``<``-started markup in a text field is an error (issue #13).

A comment opener (``<!--``) in a title used to pass and then hid the rest of every page
that showed the title; templates escape it now, and the rule still tells the editor.
"""

from __future__ import annotations

import pytest

from .helpers import LINE, VALID, edit, load

TITLE = "title: 北京街道老年人协会“银龄互助”守望空巢老人"


@pytest.mark.parametrize(
    "title",
    [
        "北京街道<!-- 银龄互助",
        "北京街道银龄互助 <!doctype html>",
        "北京街道银龄互助 <?xml version=1.0?>",
        "北京街道银龄互助 < script>",
        "北京街道银龄互助 </ b>",
        "北京街道银龄互助 <b>",
    ],
)
def test_markup_in_a_title_is_an_error(title):
    case = load(edit(VALID, TITLE, f"title: '{title}'"))
    found = [d for d in case.diagnostics if d.code == "html-in-text"]
    assert [d.line for d in found] == [LINE["title"]]
    assert "HTML" in found[0].message and found[0].hint
    assert not case.ok


@pytest.mark.parametrize("title", ["北京街道服务人数<5000的银龄互助", "北京街道银龄互助 人数 < 5000", "北京街道“银龄互助”>三年"])
def test_a_less_than_sign_in_words_is_fine(title):
    case = load(edit(VALID, TITLE, f"title: '{title}'"))
    assert not [d for d in case.diagnostics if d.code == "html-in-text"]
