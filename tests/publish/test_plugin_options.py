"""A wrong value of a showcase plugin option in mkdocs.yml, as the site build reports it.

MkDocs' own option types answered some of these in English with Python's type names
(``Expected type: <class 'int'> but received: <class 'str'>``) before our check ran.
"""

from __future__ import annotations

import pytest

from tests.support.build import mkdocs_build
from tests.support.project import configure, make_project


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("per_page", "many", "per_page 应是正整数（例如 30），现在是“many”"),
        ("search_first_pages", 1.5, "search_first_pages 应是正整数（例如 10000），现在是“1.5”"),
        ("image_widths", ["a"], "image_widths 应是不小于 16 的整数的列表（例如 [480, 960, 1600]），现在是“[a]”"),
        # Below the image stage's smallest width: refused here, not by a traceback later.
        ("image_widths", [10, 960], "image_widths 应是不小于 16 的整数的列表（例如 [480, 960, 1600]），现在是“[10, 960]”"),
        ("share_images", "maybe", "share_images 应是 true 或 false（例如 true），现在是“maybe”"),
        ("taxonomy", 5, "taxonomy 应是一个文件路径或文字"),
        ("body_seconds", "slow", "body_seconds 应是 0 到 86400 之间的秒数，0 表示不限时（例如 30），现在是“slow”"),
        ("booklet_seconds_per_case", -1, "booklet_seconds_per_case 应是 0 到 86400 之间的秒数，0 表示不限时（例如 2），现在是“-1”"),
        ("footer", {"organizer": ["甲", "乙"]}, "footer 的 organizer 应是一段文字，现在是“[甲, 乙]”"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.isascii() else str(v) if isinstance(v, list) else None,
)
def test_a_wrong_option_value_is_one_line_in_chinese(tmp_path, option, value, words):
    project = make_project(tmp_path)
    if option == "footer":  # the sample's own footer block, edited
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
        assert '        organizer: ""' in text
        (project / "mkdocs.yml").write_text(text.replace('        organizer: ""', "        organizer: [甲, 乙]", 1), encoding="utf-8")
    else:
        configure(project, **{option: value})
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and ("mkdocs.yml：" + ("" if option == "footer" else "showcase 插件选项 ") + words) in errors[0], output
    assert "Expected type" not in output and "Traceback" not in output
    assert not (project / "site").exists()


def test_footer_values_are_text_whatever_yaml_made_of_them(tmp_path):
    # A filing contact written as a bare number (YAML reads an int) is the footer's text.
    project = make_project(tmp_path)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert '        contact: ""' in text
    text = text.replace('        contact: ""', "        contact: 12345", 1)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "12345" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_a_blank_option_is_its_default(tmp_path):
    # `feed_items:` left blank: the default 20 items, not every case in the feed.
    from tests.support.project import write_case

    project = make_project(tmp_path)
    for number in range(23):
        write_case(project / "cases", f"gz-yuexiu-2023-{number + 1:03d}", number)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        text.replace("  - showcase:\n", "  - showcase:\n      feed_items:\n      sample_tag:\n", 1), encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<item>") == 20
