"""A site's own texts file (the ``texts`` option): every slip named with its line."""

from __future__ import annotations

import re

import pytest
from showcase.core.packaged import read_packaged
from showcase.core.site.texts import TextsError, load_texts


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("home:\n  title: 首页\nhome:\n  title: 主页\n", 3, "字段 home 写了两次（第 1 行已有）"),
        ("site:\n  sample_mark: x\nabout:\n  titel: 关于\n", 4, "“about.titel” 不是站点文字里的一项：可能是名称写错了，也可能是旧版本里有"),
        ("site:\n  sample_mark: x\nabout:\n  titel: 关于\n", 4, "提示：是不是 title？请改正名称，或删掉这一行。"),
        # where the packaged file is (a maintainer's trial: 内置的 texts.yml, no path)
        ("about:\n  titel: 关于\n", 2, "各项的名称见内置的 plugins/showcase/data/texts.yml。"),
        # any {…} the page would show as typed (a review), but Markdown's {#id}
        ("home:\n  latest_heading: 最新{count}个案例\n", 2, "{count} 不认识，网页上会照原样显示。提示：这一项不会替换 {…}"),
        ("home:\n  intro: 来自 {省份数} 个省\n", 2, "{省份数} 不认识"),
        # at the placeholder's own line, not the key's (a maintainer's trial: line 4 for line 8)
        ("home:\n  intro: |\n    第一段。\n\n    共 {count} 个。\n", 5, "{count} 不认识"),
        ("home:\n  intro: |\n    第一段。\n    来自｛provinces｝个省\n", 4, "｛provinces｝ 是全角大括号"),
        ("home:\n  intro: 来自 { provinces } 个省\n", 2, "{ provinces } 不认识，网页上会照原样显示。提示：这里可用：{provinces}。"),
        ("about:\n  title: 关于\n  body:\n", 3, "“about.body” 是空的"),
        # a word earlier versions had (data/texts-retired.yml): named as such, not as a slip
        (
            "home:\n  title: 首页\n  all_cases: 全部案例\n",
            3,
            "“home.all_cases” 是旧版本里的一项，这个版本已不用（首页上没有用到这一项），写了也不会显示。",
        ),
        ("labels:\n  page_of: 第 {pages} 页，共 {page} 页，{total} 个\n", 2, "{total} 不认识"),
        # a placeholder typed with the input method's full-width braces showed as typed (helper custH's trial)
        (
            "labels:\n  page_of: 第 ｛page｝ 页，共 {pages} 页\n",
            2,
            "“labels.page_of” 里的 ｛page｝ 是全角大括号，网页上会照原样显示，不会换成要填的内容。提示：请改成半角的 {page}",
        ),
        ("home:\n  intro: 来自｛ provinces ｝个省\n", 2, "｛ provinces ｝ 是全角大括号"),
        # a lone brace in a word that is filled in stopped the build with Python's ValueError
        (
            'labels:\n  cover_alt: "{title"\n',
            2,
            "“labels.cover_alt” 里有单独的大括号“{”或“}”，生成网页时会出错。提示：大括号只用来写 {title}",
        ),
        ('labels:\n  page_of: "第 {page} 页 }"\n', 2, "“labels.page_of” 里有单独的大括号"),
        # a number or a date where a word goes: the build and the check stopped with Python's
        # AttributeError ('int' object has no attribute 'split'), the about page's body and
        # the year label among them (an editor's trial)
        ("about:\n  body: 123\n", 2, '“about.body” 应是一段文字，现在是“123”。提示：要写成文字，请加引号，例如 body: "123"。'),
        ("labels:\n  year: 2024\n", 2, "“labels.year” 应是一段文字，现在是“2024”"),
        ("home:\n  title: 2024-01-01\n", 2, "“home.title” 应是一段文字，现在是“2024-01-01”"),
    ],
)
def test_a_slip_in_a_sites_texts_is_named_with_its_line(tmp_path, text, line, words):
    assert_refused(tmp_path, text, line, words)


def assert_refused(tmp_path, text: str, line: int, words: str) -> None:
    """``text`` as a site's texts file is refused, at ``line``, with ``words``."""
    path = tmp_path / "texts.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TextsError) as raised:
        load_texts(path)
    assert f"{path}:{line}: " in str(raised.value) and words in str(raised.value), str(raised.value)


def test_an_unknown_placeholder_is_not_called_a_lone_brace_too(tmp_path):
    """A configuration audit: {provinces}{0} was said twice, the second time as a lone brace."""
    path = tmp_path / "texts.yml"
    path.write_text('home:\n  intro: "{provinces}{0}"\n', encoding="utf-8")
    with pytest.raises(TextsError) as raised:
        load_texts(path)
    said = str(raised.value)
    assert "{0} 不认识" in said and "单独的大括号" not in said, said


def test_a_sites_texts_replace_the_packaged_words_they_name(tmp_path):
    path = tmp_path / "texts.yml"
    path.write_text(
        '\ufeffhome:\n  intro: 来自 {provinces} 个省的案例。\nnav:\n  home: 主页\nabout:\n  body: "## 来历 {#origin}"\n', encoding="utf-8"
    )
    texts = load_texts(path)
    assert texts["home"]["intro"] == "来自 {provinces} 个省的案例。" and texts["nav"]["home"] == "主页"
    assert texts["nav"]["themes"] == load_texts()["nav"]["themes"]
    (tmp_path / "empty.yml").write_text("# 暂时没有\n", encoding="utf-8")
    assert load_texts(tmp_path / "empty.yml") == load_texts()


def test_the_public_pages_words_are_the_texts_files():
    """An audit: the home page's totals and the embed card's 撤回原因 were typed into the
    templates, so a site's texts file changed the stats page and not them. No Han
    character in a public template outside a comment; every label they ask for exists."""
    import re
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "plugins" / "showcase" / "templates"
    labels = load_texts(None)["labels"]
    # the preview's list of a case's errors too (problems.html): a site's texts name its words
    for path in templates.rglob("*.html"):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not re.findall(r"[\u4e00-\u9fff]+", text), (path.name, re.findall(r".{0,30}[\u4e00-\u9fff]+.{0,10}", text))
        for key in re.findall(r"sc\.label\('(\w+)'", text):
            assert key in labels, (path.name, key)


def test_every_retired_word_is_gone_from_the_packaged_texts():
    from showcase.core.site.texts import retired_texts

    texts = load_texts()
    for name in retired_texts():
        group, _, key = name.rpartition(".")
        assert key not in texts.get(group, {}), name  # a word in use is not retired


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # HTML in a word: escaped on most pages (shown as typed), but the nav's words go into
        # Material's templates as they are, and about.body is Markdown, whose HTML went to the
        # about page unsanitized (<script> ran: helper textsH's build of a department's texts)
        ("site:\n  tagline: 看<script>alert(1)</script>各地\n", 2, "“site.tagline” 只能是纯文字，不能含 HTML 标签（“<script>”）"),
        ("nav:\n  stats: 统计<b>数字</b>\n", 2, "“nav.stats” 只能是纯文字，不能含 HTML 标签（“<b>”）"),
        (
            "about:\n  body: |\n    ## 本站\n\n    本站<img src=x onerror=alert(4)>案例。\n",
            5,
            "“about.body” 里不能写 HTML 标签（“<img src=x onerror=alert(4)>”）。提示：请删掉 < > 包起来的部分；加粗写成 **文字**，链接写成 [文字](网址)。",
        ),
        # a character that turns the text round (U+202E) or hides: as in a case's texts
        (
            "site:\n  tagline: 看各地\u202e123\n",
            2,
            "“site.tagline”里有看不见的字符 U+202E（从右到左强制，会把后面的字倒过来显示），在“看各地”后面。",
        ),
        ("about:\n  body: |\n    ## 本站\n    本站\u2066案例\n", 4, "“about.body”里有看不见的字符 U+2066"),
        ("nav:\n  home: 首\u200b页\n", 2, "“nav.home”里有看不见的字符 U+200B（零宽空格）"),
        # a placeholder the packaged word has, left out: the page lacked the number
        ("search:\n  count: 找到案例\n", 2, "“search.count” 里少了 {count}"),
        ("labels:\n  page_of: 第几页\n", 2, "“labels.page_of” 里少了 {page}、{pages}"),
        ("labels:\n  page_of: 第 {page} 页\n", 2, "“labels.page_of” 里少了 {pages}"),
        ("site:\n  sample_some: 本站有示例案例（标着“{tag}”）\n", 2, "“site.sample_some” 里少了 {count}"),
        ("labels:\n  registration: 已登记\n", 2, "“labels.registration” 里少了 {value}"),
    ],
)
def test_a_word_with_markup_or_without_its_number_is_refused(tmp_path, text, line, words):
    assert_refused(tmp_path, text, line, words)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("site:\n  tagline: >-\n    看各地\n    的<b>案例</b>\n", 4),  # folded
        ("site:\n  tagline: 看各地\n    的<b>案例</b>\n", 3),  # plain, wrapped
        ("site:\n  tagline:\n    看各地<b>案例</b>\n", 3),  # on the line below its key
        ('site:\n  tagline: "看各地\n    的<b>案例</b>"\n', 3),  # quoted, wrapped
        ("site:\n  tagline: |2\n    看各地\n    的<b>案例</b>\n", 4),  # a block with its indent said
        ("site:\n  tagline:\t看各地<b>案例</b>\n", 2),  # a tab after the colon, which libyaml reads (a crash)
    ],
)
def test_markup_in_a_word_written_over_lines_is_said_at_its_own_line(tmp_path, text, line):
    """A word read as one line but written over several: the tag was said at its key's line
    (texts' own line finder, where mkdocs.yml's said the tag's): one finder for both now
    (yamlnodes.scalar_line)."""
    assert_refused(tmp_path, text, line, "“site.tagline” 只能是纯文字，不能含 HTML 标签（“<b>”）")


def test_a_missing_placeholder_is_said_with_the_packaged_word(tmp_path):
    path = tmp_path / "texts.yml"
    path.write_text("search:\n  count: 找到案例\n", encoding="utf-8")
    with pytest.raises(TextsError) as raised:
        load_texts(path)
    assert "提示：请在这一项里写上 {count}（半角大括号），例如内置的“找到 {count} 个案例”。" in str(raised.value), str(raised.value)


def test_words_a_site_may_write_without_their_placeholder_or_with_markdown(tmp_path):
    """A county's site writes its own introduction without {provinces} (README), a site its
    own name in a feed's title; Markdown's autolinks and code in about.body are no HTML."""
    path = tmp_path / "texts.yml"
    path.write_text(
        "home:\n  intro: 本区的社区社会组织案例。\nlinks:\n  feed_title: 某区案例：最新案例\n"
        "search:\n  none: 没有找到案例。\nstats:\n  by_county: 各街道的案例数\n"
        "about:\n  body: |\n    联系 <https://example.org/> 或 <a@example.org>，代码 `<b>` 照原样。\n"
        "labels:\n  cited_placeholder: 引用日期 <= 今天\n",
        encoding="utf-8",
    )
    texts = load_texts(path)
    assert texts["home"]["intro"] == "本区的社区社会组织案例。" and texts["links"]["feed_title"] == "某区案例：最新案例"


def test_the_packaged_words_written_as_a_sites_own_pass(tmp_path):
    """Every packaged word, copied into a site's file as README says to start one, is accepted."""
    from showcase.core.packaged import DATA

    path = tmp_path / "texts.yml"
    path.write_text((DATA / "texts.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert load_texts(path) == load_texts()


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ({"texts": {"home.intro": ["province"]}}, "texts 的 home.intro：应是这个词里有的替换项（provinces）的列表"),
        ({"texts": {"home.intr": ["provinces"]}}, "texts 的 home.intr：应是这个词里有的替换项（无）的列表"),
        ({"texts": {"home.intro": "provinces"}}, "texts 的 home.intro：应是这个词里有的替换项"),
        ({"form": {}}, "may-omit.yml 里 texts：应是一组“名称: [替换项, …]”"),
    ],
)
def test_the_placeholders_a_word_may_leave_out_are_checked_data(monkeypatch, table, words):
    """``_MAY_OMIT`` was a table in code; it is data/may-omit.yml, checked as it is read: a
    misspelt name or placeholder let a site drop a number with no word (helper guardH)."""
    from showcase.core.errors import ConfigError
    from showcase.core.site import texts

    monkeypatch.setattr(texts, "read_packaged", lambda name: table if name == "may-omit.yml" else read_packaged(name))
    with pytest.raises(ConfigError, match=re.escape(words)):
        texts.may_omit("texts", read_packaged("texts.yml"))


def test_the_packaged_may_omit_table_reads():
    from showcase.core.outputs.form import form_texts
    from showcase.core.site.texts import may_omit

    assert may_omit("texts", read_packaged("texts.yml"))["home.intro"] == {"provinces"}
    assert may_omit("form", form_texts())["hints.案例名称"] == {"min"}


def test_the_packaged_tagline_says_each_thing_once():
    """The home page's tagline ended 也可以编成汇编: 编 twice in four characters ('compile
    into a compilation'). It is read first, by everyone: plain and unrepeated."""
    tagline = load_texts()["site"]["tagline"]
    assert tagline.count("编") <= 1, tagline
    assert len(tagline) <= 45, tagline  # one line under the site's name on the share card
