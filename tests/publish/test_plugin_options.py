"""A wrong value of a showcase plugin option in mkdocs.yml, as the site build reports it.

MkDocs' own option types answered some of these in English with Python's type names
(``Expected type: <class 'int'> but received: <class 'str'>``) before our check ran.
"""

from __future__ import annotations

import re

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
    line = (
        next(n for n, row in enumerate((project / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), 1) if "organizer: [" in row)
        if option == "footer"
        else 0
    )
    where = f"mkdocs.yml 第 {line} 行：" if option == "footer" else "mkdocs.yml：showcase 插件选项 "  # the footer's value: its line
    assert len(errors) == 1 and (where + words) in errors[0], output
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
    # the sample's own sample_tag line blanked (one written above it too was the same key twice)
    text = re.sub(r"^      sample_tag: .*$", "      sample_tag:", text, count=1, flags=re.M)
    (project / "mkdocs.yml").write_text(text.replace("  - showcase:\n", "  - showcase:\n      feed_items:\n", 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    feed = (project / "site" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<item>") == 20


@pytest.mark.parametrize(
    ("site_dir", "words"),
    [
        ("notes.txt", "网站文件夹 {path} 是一个文件，不是文件夹"),
        ("notes.txt/site", "无法写入网站文件夹 {path}（路径里有一级不是文件夹，而是文件）"),
    ],
)
def test_a_site_folder_the_build_cannot_write_is_one_line_in_chinese(tmp_path, site_dir, words):
    """MkDocs empties the site folder after the plugins' ``on_pre_build``: a file there, or a
    folder it cannot write (read-only, or left owned by root by ``sudo make site``), stopped
    the build with Python's traceback from MkDocs' clean_directory (an editor's trial)."""
    project = make_project(tmp_path)
    (project / "notes.txt").write_text("备忘\n", encoding="utf-8")
    result = mkdocs_build(project, site_dir=site_dir)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and words.format(path=project / site_dir) in errors[0] and "site_dir" in errors[0], output
    assert "Traceback" not in output and (project / "notes.txt").read_text(encoding="utf-8") == "备忘\n"


def test_an_option_written_twice_stops_the_build_naming_both_lines(tmp_path):
    """YAML keeps the last of two equal keys without a word: the review list an editor named
    at the top of the plugin's block was dropped for the sample's below it, and a case with
    the department's review word was published (an editor's trial)."""
    project = make_project(tmp_path)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - showcase:\n" in text and "      review_words: " in text
    (project / "mkdocs.yml").write_text(
        text.replace("  - showcase:\n", "  - showcase:\n      review_words: 我们的词表.txt\n", 1), encoding="utf-8"
    )
    line = 1 + (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("      review_words: 我们的词表.txt")
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and "review_words 写了两次（第 " + str(line) + " 行已有）" in errors[0], output
    assert "Traceback" not in output and not (project / "site").exists()


def test_a_footer_written_as_one_value_is_one_line_in_chinese(tmp_path):
    """``footer: 某某市民政局`` (the organizer written on the footer's own line) was refused by
    MkDocs in English (``Expected a key-value mapping (dict) but received: <class 'str'>``)
    before the plugin's own check ran; ``showcase check`` said it in Chinese."""
    project = make_project(tmp_path)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    footer = re.search(r"      footer:\n(?:        .*\n)+", text)
    assert footer is not None
    (project / "mkdocs.yml").write_text(text.replace(footer.group(0), "      footer: 某某市民政局\n"), encoding="utf-8")
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    errors = [line for line in output.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and "showcase 插件选项 footer 应是下面缩进的几行" in errors[0] and "organizer: 某某市民政局" in errors[0], (
        output
    )
    assert "Expected a key-value mapping" not in output and "Traceback" not in output
