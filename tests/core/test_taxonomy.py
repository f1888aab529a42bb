"""The taxonomy is data: the packaged default, and a site's own file."""

from __future__ import annotations

import dataclasses
import re

import pytest
from showcase.core.collection.settings import Settings
from showcase.core.collection.taxonomy import TaxonomyError, load_taxonomy
from showcase.core.errors import ConfigError

from .helpers import LINE, VALID, codes, edit, found, load

THEMES = [
    ("ningxin-zhuhun", "凝心铸魂", "落实凝心铸魂"),
    ("xinfeng-zhengqi", "新风正气", "弘扬新风正气"),
    ("jingshen-wenhua", "精神文化", "丰富精神文化"),
    ("bianmin-fuwu", "便民服务", "聚焦便民服务"),
    ("shequ-zhili", "社区治理", "创新社区治理"),
    ("fuwu-zhendi", "服务阵地", "优化服务阵地"),
]
CATEGORIES = [
    ("gongyi-cishan", "公益慈善类"),
    ("shenghuo-fuwu", "生活服务类"),
    ("shequ-shiwu", "社区事务类"),
    ("wenti-huodong", "文体活动类"),
]


def test_default_taxonomy_is_the_contract():
    taxonomy = load_taxonomy()
    assert [(t.key, t.short, t.name) for t in taxonomy.themes] == THEMES
    assert [(t.key, t.name) for t in taxonomy.categories] == CATEGORIES
    assert [t.name for t in taxonomy.brands] == ["邻里守望", "共建共治共享", "共创平安", "文化铸魂"]
    assert len(taxonomy.provinces) == 34


@pytest.mark.parametrize("form", [0, 1, 2], ids=["key", "short name", "full name"])
@pytest.mark.parametrize(("key", "short", "name"), THEMES, ids=[t[0] for t in THEMES])
def test_every_theme_by_every_name(key, short, name, form):
    written = (key, short, name)[form]
    case = load(edit(VALID, "themes: [便民服务, 新风正气]", f"themes: [{written}]"))
    assert found(case) == []
    assert [t.key for t in case.themes] == [key]


@pytest.mark.parametrize("by_key", [True, False], ids=["key", "name"])
@pytest.mark.parametrize(("key", "name"), CATEGORIES, ids=[c[0] for c in CATEGORIES])
def test_every_category_by_key_or_name(key, name, by_key):
    case = load(edit(VALID, "category: 社区事务类", f"category: {key if by_key else name}"))
    assert found(case) == []
    assert case.organization.category.key == key


@pytest.mark.parametrize(("key", "name"), CATEGORIES, ids=[c[0] for c in CATEGORIES])
def test_every_category_by_its_short_name(key, name):
    """The guide: 主题和类别写简称、全称或英文代码都可以 (公益慈善 for 公益慈善类)."""
    short = name.removesuffix("类")
    case = load(edit(VALID, "category: 社区事务类", f"category: {short}"))
    assert found(case) == []
    assert case.organization.category.key == key
    assert case.organization.category.label == name  # the site still shows the full name


@pytest.mark.parametrize(
    ("vocabulary", "written", "guess"),
    [
        ("themes", "便民服务类", "便民服务"),
        ("themes", "社区治理类", "社区治理"),
        ("themes", "bianmin-fuwo", "bianmin-fuwu"),
        ("categories", "社区服务类", "社区事务类"),
        ("categories", "公益慈善", "公益慈善类"),
        ("categories", "文体类", "文体活动类"),
        ("brands", "邻里守望类", "邻里守望"),
        ("provinces", "guangdon", "guangdong"),
        # a pinyin input method's homophones (an editor's trial: --province 广冬 got no 是不是)
        ("provinces", "广冬", "广东"),
        ("provinces", "广冬省", "广东省"),
        ("provinces", "湖难", "湖南"),
        ("themes", "边民服务", "便民服务"),
        ("categories", "公益词善类", "公益慈善类"),
        # a name of two, one character off (a review: lost when half a name in common stopped counting)
        ("provinces", "辽及", "辽宁"),
        ("provinces", "天服", "天津"),
    ],
)
def test_near_misses_get_a_suggestion(vocabulary, written, guess):
    assert getattr(load_taxonomy(), vocabulary).suggest(written) == guess


@pytest.mark.parametrize(
    ("vocabulary", "written"),
    [
        ("provinces", "广州省"),  # as close to 广东省 as to 贵州省
        ("provinces", "闪西"),  # 山西 and 陕西 are both read shan xi
    ],
)
def test_a_slip_two_terms_are_equally_near_gets_no_guess(vocabulary, written):
    assert getattr(load_taxonomy(), vocabulary).suggest(written) is None


def test_another_name_that_shares_half_a_theme_s_name_gets_no_guess():
    """A maintainer's trial: a theme renamed 一老一小, its cases still writing 便民服务, were
    asked 是不是“服务阵地”？ (two characters of four in common): another theme. A slip of one
    character is still guessed (便民服各)."""
    from showcase.core.collection.taxonomy import Vocabulary

    themes = load_taxonomy().themes
    renamed = Vocabulary(
        themes.kind, [dataclasses.replace(t, short="一老一小", name="关爱一老一小") if t.key == "bianmin-fuwu" else t for t in themes.terms]
    )
    assert renamed.suggest("便民服务") is None
    assert themes.suggest("便民服各") == "便民服务"


@pytest.mark.parametrize(
    ("old", "new", "line", "guess"),
    [
        ("themes: [便民服务, 新风正气]", "themes: [便民服务类, 新风正气]", LINE["themes"], "便民服务"),
        ("category: 社区事务类", "category: 社区服务类", LINE["organization.category"], "社区事务类"),
    ],
)
def test_near_misses_in_a_case_say_did_you_mean(old, new, line, guess):
    case = load(edit(VALID, old, new))
    assert [(d.line, d.severity.value) for d in case.diagnostics] == [(line, "error")]
    assert f"是不是“{guess}”？" in case.diagnostics[0].message


def test_quotes_and_spaces_around_a_term_are_forgiven():
    case = load(edit(VALID, "themes: [便民服务, 新风正气]", "themes: [' 便民服务 ', “新风正气”]"))
    assert found(case) == []


NATIONAL = """\
themes:
  - {key: lilun, short: 理论宣讲, name: 宣传宣讲党的创新理论}
  - {key: xinfeng, short: 移风易俗, name: 培育文明乡风}
  - {key: wenti, name: 丰富文体活动}
  - {key: fuwu, name: 提供便民服务}
  - {key: zhili, name: 参与基层治理}
categories:
  - {key: gongyi, name: 公益慈善类}
  - {key: qita, name: 其他类}
"""


def test_a_site_can_use_its_own_taxonomy(tmp_path):
    path = tmp_path / "national.yml"
    path.write_text(NATIONAL, encoding="utf-8")
    settings = Settings.from_options({"taxonomy": "national.yml"}, tmp_path)
    assert [t.key for t in settings.taxonomy.themes] == ["lilun", "xinfeng", "wenti", "fuwu", "zhili"]
    text = edit(
        edit(edit(VALID, "themes: [便民服务, 新风正气]", "themes: [理论宣讲, 参与基层治理]"), "category: 社区事务类", "category: 其他类"),
        "brands: [邻里守望]\n",
        "",
    )
    case = load(text, taxonomy=settings.taxonomy)
    assert found(case) == []
    assert [t.key for t in case.themes] == ["lilun", "zhili"]
    # the default themes are not themes of this site
    case = load(VALID, taxonomy=settings.taxonomy)
    assert "unknown-themes" in codes(case) and "unknown-brands" in codes(case)


def test_an_edited_taxonomy_is_read_again_in_the_same_process(tmp_path):
    # `mkdocs serve` and `showcase preview` build again in one process after each save.
    path = tmp_path / "national.yml"
    path.write_text(NATIONAL, encoding="utf-8")
    assert "qita" in [t.key for t in load_taxonomy(path).categories]
    path.write_text(NATIONAL.replace("  - {key: qita, name: 其他类}\n", ""), encoding="utf-8")
    assert [t.key for t in load_taxonomy(path).categories] == ["gongyi"]
    assert load_taxonomy(path) is load_taxonomy(path)  # the same text is parsed once


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("themes: [", "格式有误"),
        ("- a\n- b\n", "themes、categories"),
        ("# 还没写\n", "分类文件是空的"),
        ("themes: []\ncategories: [{key: a, name: b}]\n", "缺少 themes"),
        ("themes: [{key: a}]\ncategories: [{key: a, name: b}]\n", "key 和 name"),
        ("themes: [{key: a, name: b}]\n", "缺少 categories"),
    ],
)
def test_a_broken_taxonomy_file_names_itself(tmp_path, content, words):
    path = tmp_path / "tax.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    assert str(path) in str(error.value) and words in str(error.value)


def test_a_missing_taxonomy_file(tmp_path):
    with pytest.raises(TaxonomyError, match="无法读取"):
        Settings.from_options({"taxonomy": "nope.yml"}, tmp_path)


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"max_image_pixels": "lots"}, "max_image_pixels"),
        ({"max_image_bytes": -1}, "max_image_bytes"),
        ({"max_image_pixels": True}, "正整数"),
        ({"taxonomy": ["a.yml"]}, "taxonomy"),
    ],
)
def test_bad_options_raise_a_config_error(tmp_path, options, words):
    with pytest.raises(ConfigError, match=words):
        Settings.from_options(options, tmp_path)


# -- a site's own file: every slip named with its line (a maintainer's trial) -------------------

GOOD = NATIONAL


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        # a name another term claims: 8 cases moved to 生活服务类 without a word
        (
            ("{key: qita, name: 其他类}", "{key: qita, name: 其他类, aliases: [公益慈善类]}"),
            9,
            "“公益慈善类”在 categories 里写了两次：第 1 项（公益慈善类）和第 2 项（其他类）",
        ),
        (("{key: zhili, name: 参与基层治理}", "{key: wenti, name: 参与基层治理}"), 6, "“wenti”在 themes 里写了两次"),
        (("{key: zhili, name: 参与基层治理}", "{key: zhili, short: 理论宣讲, name: 参与基层治理}"), 6, "“理论宣讲”在 themes 里写了两次"),
        # a key that is no address: nested folders and a raw space in a link
        (("{key: zhili,", "{key: 乡村振兴 新篇/2025,"), 6, "key“乡村振兴 新篇/2025”不能用作网址"),
        (("{key: zhili,", "{key: 治理,"), 6, "key“治理”不能用作网址"),
        (("{key: zhili,", "{key: page,"), 6, "key“page”不能用作网址"),
        # an unquoted colour is a YAML comment: the theme was silently blue
        (
            ("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与基层治理, color: purple}"),
            6,
            "themes（实践主题）第 5 项“参与基层治理”的颜色“purple”不是颜色代码",
        ),
        # a colour white text cannot be read on (the site's chips and cards write in white)
        (("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与基层治理, color: '#ffeb3b'}"), 6, "颜色“#ffeb3b”太浅"),
        (
            ("  - {key: zhili, name: 参与基层治理}", "  - key: zhili\n    name: 参与基层治理\n    color: #6a1b9a"),
            8,
            "颜色“”不是颜色代码",
        ),
        (
            ("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 參與基層治理}"),
            6,
            "名称“參與基層治理”里有繁体字，网站用简体字。提示：写成“参与基层治理”",
        ),
        (("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与基层治理\u3000}"), 6, "全角空格"),
        (("{key: zhili, name: 参与基层治理}", "{key: zhili, name: '  '}"), 6, "themes（实践主题）第 5 项需要 key 和 name"),
        (("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与基层治理, alias: [治理]}"), 6, "不认识的字段 alias"),
        (("  - {key: zhili, name: 参与基层治理}", "  - key: zhili\n    name: 参与基层治理\n    name: 基层治理"), 8, "字段 name 写了两次"),
        (("categories:", "categorys:"), 7, "不认识的部分 categorys"),
        # a description or a name the pages could not show as written (helper fuzz2H's fuzzing):
        # a list was published as Python's ['…', '…'], a tag as its text, U+202E turned the line round
        (
            ("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与基层治理, description: [参与调解, 协商议事]}"),
            6,
            "themes（实践主题）第 5 项“参与基层治理”的说明（description）应是一段文字，现在是一组内容",
        ),
        (("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与基层治理, description: {调解: 1}}"), 6, "应是一段文字"),
        (
            ("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与基层治理, description: 参与调解<br>协商议事}"),
            6,
            "“参与基层治理”的说明（description）只能是纯文字，不能含 HTML 标签",
        ),
        (("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与<b>基层</b>治理}"), 6, "名称（name）只能是纯文字，不能含 HTML 标签"),
        (("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与基层治理, description: \u202e参与调解}"), 6, "看不见的字符"),
    ],
)
def test_every_slip_in_a_sites_taxonomy_is_named_with_its_line(tmp_path, change, line, words):
    path = tmp_path / "tax.yml"
    assert change[0] in GOOD
    path.write_text(GOOD.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    assert f"{path}:{line}: " in str(error.value) and words in str(error.value), str(error.value)


def test_an_alias_written_as_a_key_is_a_former_key_and_finds_the_term(tmp_path):
    path = tmp_path / "tax.yml"
    path.write_text(
        GOOD.replace("{key: fuwu, name: 提供便民服务}", "{key: weimin, name: 提供便民服务, aliases: [fuwu, 便民]}"), encoding="utf-8"
    )
    taxonomy = load_taxonomy(path)
    term = taxonomy.themes.lookup("fuwu")
    assert term is not None and term.key == "weimin" and term.former_keys == ("fuwu",)
    assert taxonomy.themes.lookup("便民") is term


def test_the_packaged_taxonomy_passes_the_rules_a_sites_file_must():
    from showcase.core.packaged import DATA

    assert load_taxonomy(DATA / "taxonomy.yml") == load_taxonomy()


def test_what_sites_have_published_stays_accepted(tmp_path):
    # a review: keys with capitals and underscores, a three-digit colour, an English alias and
    # 於潜 (written so in Simplified) built before, and refusing them broke published sites
    path = tmp_path / "tax.yml"
    text = GOOD.replace(
        "{key: zhili, name: 参与基层治理}",
        "{key: Zhi_Li, name: 於潜乡贤参与基层治理, color: '#15c', aliases: [Grassroots Governance, zhili]}",
    )
    path.write_text(text, encoding="utf-8")
    term = load_taxonomy(path).themes.lookup("Grassroots Governance")
    assert term is not None and term.key == "Zhi_Li" and term.former_keys == ("zhili",)


def test_a_terms_own_key_among_its_aliases_is_no_former_key(tmp_path):
    # a review: its listing page became a redirect to itself
    path = tmp_path / "tax.yml"
    path.write_text(
        GOOD.replace("{key: fuwu, name: 提供便民服务}", "{key: fuwu, name: 提供便民服务, aliases: [fuwu, bianmin]}"), encoding="utf-8"
    )
    assert load_taxonomy(path).themes.lookup("fuwu").former_keys == ("bianmin",)


def test_a_data_file_s_yaml_slip_does_not_send_its_maintainer_to_the_case_template(tmp_path):
    """The front matter's hints (对照模板, organization: 下面的 name:) reached data files."""
    path = tmp_path / "taxonomy.yml"
    path.write_text("themes:\n" + "".join("  " * n + "- \n" for n in range(1, 30)), encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_taxonomy(path)
    message = str(raised.value)
    assert "分类文件嵌套得太深了" in message and "请检查缩进" in message, message
    assert "模板" not in message and "organization" not in message, message
    path.write_text("themes:\n  ? [a, b]\n  : x\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_taxonomy(path)
    assert "请检查这个文件的字段名" in str(raised.value) and "模板" not in str(raised.value), str(raised.value)


def test_a_pale_colour_is_told_the_darker_one_to_write_and_that_one_passes(tmp_path):
    path = tmp_path / "tax.yml"
    path.write_text(
        GOOD.replace("{key: zhili, name: 参与基层治理}", "{key: zhili, name: 参与基层治理, color: '#ffeb3b'}"), encoding="utf-8"
    )
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(path)
    suggested = re.search(r'color: "(#[0-9a-f]{6})"', str(error.value))
    assert suggested is not None and suggested[1] != "#ffeb3b", str(error.value)
    path.write_text(
        GOOD.replace("{key: zhili, name: 参与基层治理}", f"{{key: zhili, name: 参与基层治理, color: '{suggested[1]}'}}"), encoding="utf-8"
    )
    assert load_taxonomy(path).themes.lookup("zhili").color == suggested[1]  # the hint, done literally


def test_themes_written_without_a_colour_get_colours_no_other_theme_has(tmp_path):
    """A theme added without a colour took the default blue, 便民服务's: readers could not tell
    their chips apart (helper custH's trial). Each gets one of its own, readable behind white."""
    from showcase.core.colors import DEFAULT_COLOR, MIN_CONTRAST, SPARE, contrast_with_white, rgb_of

    path = tmp_path / "tax.yml"
    path.write_text(GOOD.replace("{key: lilun,", f"{{color: '{DEFAULT_COLOR}', key: lilun,", 1), encoding="utf-8")
    themes = load_taxonomy(path).themes.terms
    colors = [term.color for term in themes]
    assert colors[0] == DEFAULT_COLOR and len(set(colors)) == len(colors) == 5, colors
    assert colors[1:] == list(SPARE[:4])  # in the spare colours' order, the same in every build
    for color in (DEFAULT_COLOR, *SPARE):
        assert contrast_with_white(rgb_of(color)) >= MIN_CONTRAST, color
    # the packaged themes, each written with its colour, keep theirs
    assert [t.color for t in load_taxonomy().themes.terms] == ["#b71c1c", "#b04e14", "#6a1b9a", "#1565c0", "#2e7d32", "#00695c"]


def test_a_description_that_is_no_text_stops_the_check_and_the_build(tmp_path):
    """A theme's description written as a list passed the check and the build published
    ['…', '…'] on the home page, the theme page and its meta description (helper fuzz2H)."""
    from showcase.cli import main
    from showcase.core.packaged import DATA

    from tests.support.build import mkdocs_build
    from tests.support.project import configure, make_project, write_case

    project = make_project(tmp_path / "site")
    write_case(project / "cases", "gz-yuexiu-2023-001", 3)
    packaged = (DATA / "taxonomy.yml").read_text(encoding="utf-8")
    written = "    description: 围绕一老一小、健康、家庭和邻里互助提供身边服务，参与应急志愿服务。"
    assert written in packaged
    (project / "taxonomy.yml").write_text(packaged.replace(written, "    description: [一老一小, 邻里互助]"), encoding="utf-8")
    configure(project, taxonomy="taxonomy.yml")
    line = packaged.split(written)[0].count("\n") + 1
    assert main(["-f", str(project / "mkdocs.yml"), "check"]) != 0
    result = mkdocs_build(project, strict=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert f"taxonomy.yml:{line}:" in result.stderr and "说明（description）应是一段文字" in result.stderr, result.stderr
    assert not (project / "site" / "index.html").exists()
