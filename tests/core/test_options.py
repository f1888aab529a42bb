"""The options (core/options.py: every default written once) and where a site reads them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from showcase.core.options import Options

ROOT = Path(__file__).resolve().parents[2]


def test_every_option_is_shown_in_the_sample_sites_mkdocs_yml():
    # a documentation audit: per_page, navigation, ledger, jobs and cases_dir were explained
    # only in core/options.py's comments
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = config.split("  - showcase:\n", 1)[1].split("\nextra:", 1)[0]
    written = set(re.findall(r"^ {6}#? ?([a-z_]+):", block, re.M))
    assert {f.name for f in dataclasses.fields(Options)} - written == set()


def test_body_seconds_the_timer_cannot_hold_is_refused_naming_the_option():
    # .inf, .nan and 1.0e+300 passed the check, and every case body then failed to convert
    # (`error [body-failed] 正文无法转换成网页（OverflowError）`), blamed on its case file.
    import pytest
    from showcase.core.errors import ConfigError

    for value, shown in (
        (float("inf"), ".inf"),
        (float("-inf"), "-.inf"),
        (float("nan"), ".nan"),
        (1e300, "1e+300"),
        (86_401, "86401"),
        (True, "true"),
    ):
        with pytest.raises(ConfigError) as raised:
            Options.from_mapping({"body_seconds": value})
        assert "body_seconds 应是 0 到 86400 之间的秒数" in str(raised.value) and f"现在是“{shown}”" in str(raised.value)
    assert Options.from_mapping({"body_seconds": 86_400}).body_seconds == 86_400.0
    assert Options.from_mapping({"body_seconds": 0}).body_seconds == 0.0


def test_the_defaults_mkdocs_yml_shows_in_comments_are_the_defaults():
    """mkdocs.yml shows each option commented out at its default (an audit: those comments
    restated core/options.py by hand, and only the names were tested). An option without a
    default (None, nothing) is shown with an example instead."""
    import yaml
    from showcase.core.options import DEFAULTS

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = config.split("  - showcase:\n", 1)[1].split("\nextra:", 1)[0]
    shown = 0
    for key, value in re.findall(r"^ {6}# ([a-z_]+): (.+?)(?:\s+#.*)?$", block, re.M):
        default = getattr(DEFAULTS, key)
        if default in (None, (), ""):
            continue  # an example
        written = yaml.safe_load(value)
        assert (tuple(written) if isinstance(written, list) else written) == default, key
        shown += 1
    assert shown > 20


def test_an_option_the_showcase_does_not_have_is_refused_naming_the_nearest_or_every_one():
    import pytest
    from showcase.core.errors import ConfigError

    for given, words in (
        ({"REVIEW_WORDS": "词表.txt"}, "是不是 review_words？"),  # in capitals: the nearest all the same
        # MkDocs' own option indented under the plugin: no wild guess (share_images), the list
        ({"theme": "material"}, "可以写的有：cases_dir、taxonomy、review_words、"),
    ):
        with pytest.raises(ConfigError) as raised:
            Options.refuse_unknown({"review_words": "词表.txt", **given})
        assert f"mkdocs.yml：showcase 插件没有 {next(iter(given))} 这个选项，写错名字的选项不起作用。{words}" in str(raised.value), (
            raised.value
        )
    Options.refuse_unknown({"review_words": "词表.txt", "booklet_seconds_per_case": 3})


def test_the_typed_mkdocs_config_has_every_option_at_its_one_default():
    """plugin/config.py names each option again for MkDocs; its names and defaults must be
    core/options.py's (an option missing there is read by the plugin without MkDocs' types,
    a default written anew there would differ between `mkdocs build` and `showcase check`)."""
    from showcase.plugin.config import ShowcaseConfig

    defaults = Options()
    typed = dict(ShowcaseConfig._schema)
    assert set(typed) == {f.name for f in dataclasses.fields(Options)}
    for name, option in typed.items():
        if name == "footer":
            continue
        default = option.default
        assert (tuple(default) if isinstance(default, list) else default) == getattr(defaults, name), name
    assert typed["footer"].default == {}  # its keys and their defaults: Footer.from_options, as showcase check reads them


def test_a_file_option_written_with_windows_backslashes_finds_its_file_on_linux(tmp_path):
    """review_words: words\\rw.txt, copied from Windows' Explorer: the file 不存在 on the CI's Linux."""
    from showcase.core.collection.settings import Settings

    (tmp_path / "words").mkdir()
    (tmp_path / "words" / "rw.txt").write_text("禁用词甲\n", encoding="utf-8")
    options = Options.from_mapping({"review_words": "words\\rw.txt"})
    assert options.path("review_words", tmp_path) == tmp_path / "words" / "rw.txt"
    assert "禁用词甲" in Settings.from_options(options, tmp_path).review_words.words
