"""What readers type, through the real /search/ page in Chromium, on the sample cases plus
150 generated ones (one build for the module): names found whole (recall@10, the figures
of scripts/recall_search.py), related terms, Chinese excerpts, filter counts, OR within a
filter, browsing by filters alone, and the suggestions when nothing is found."""

from __future__ import annotations

import html
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from gen_cases import generate  # scripts/, on the import path through pyproject's pythonpath
from mkdocs.commands.build import build
from mkdocs.config import load_config
from recall_search import measure, names

from tests.support.project import ROOT

from .conftest import Tab, make_project

GENERATED = 150
# the note over results found without some of the words (data/texts.yml, search.missing_rest)
REST = "没有案例提到“{words}”。下面是只按“{rest}”找到的案例，不一定是您要找的；查某个组织或地方，可以只搜名称里最有特点的几个字。"


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    """The sample cases (cases/) and 150 generated ones, built once."""
    with tempfile.TemporaryDirectory(prefix="search-quality-") as folder:
        root = Path(folder)
        config_file = make_project(root, fixtures=False, generated=0)
        shutil.copytree(ROOT / "cases", root / "cases" / "sample")
        generate(root / "cases" / "generated", GENERATED, seed=11)
        build(load_config(str(config_file), site_dir=str(root / "site")))
        yield root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


def test_names_are_found_whole(tab: Tab, project: Path):
    """recall@10 ≥ 98 % for titles, organizations, quoted project names and counties
    (one name in three of each kind, to keep the suite short; the script types all)."""
    tab.open("/search/")
    tab.page.wait_for_selector("#sc-search-status:not(:empty)")
    report = measure(tab.page, names(project / "cases" / "generated"), every=3)
    for kind, row in report.items():
        assert row["queries"] >= 20, kind
        assert row["recall"] >= 0.98, (kind, row["recall"], row["misses"][:5])


def _hidden_blocks(page: Path) -> list[str]:
    """The weighted hidden blocks of a built case page: title, organization, then project names and related terms."""
    return [html.unescape(t) for t in re.findall(r'<p[^>]*data-pagefind-weight="[^"]+"[^>]*>(.*?)</p>', page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("query", ["理事会", "孵化"])  # words with matches in names and in bodies only
def test_titles_and_organizations_rank_above_matches_in_the_body_only(tab: Tab, site: Path, query: str):
    """Every case whose title or organization holds the query comes before every case that
    has it in its body only (not in a name, nor in a related-term group it is about)."""
    tab.open("/search/?q=" + quote(query))
    total = tab.settled()
    more = tab.page.locator("#sc-search-more")
    while more.is_visible() and len(tab.links()) < min(total, 60):  # the first pages of results
        shown = len(tab.links())
        more.click()
        tab.page.wait_for_function(f"document.querySelectorAll('.sc-result').length > {shown}")
    kinds = []
    for link in tab.links():
        blocks = _hidden_blocks(site / link.strip("/") / "index.html")
        named = any(query in text for text in blocks[:2])
        related = any(query in text.split() for text in blocks[2:])
        kinds.append("named" if named else "related" if related else "body")
    assert "named" in kinds and "body" in kinds, (total, "".join(k[0] for k in kinds))
    last_named = max(i for i, kind in enumerate(kinds) if kind == "named")
    assert last_named < kinds.index("body"), "".join(k[0] for k in kinds)


def test_yanglao_brings_elder_care_cases_to_the_first_page(tab: Tab):
    tab.open("/search/?q=" + quote("养老"))
    assert tab.settled() >= 10
    first_page = tab.titles()[:10]
    # Sample cases about elder care, which write 老人/老年人/长者 rather than 养老.
    for title in ("北京街道老年人协会“银龄互助”守望空巢老人", "红山区哈达街道“暖心饭桌”志愿队让老人吃上热乎饭"):
        assert title in first_page, first_page


def test_hongbai_xishi_finds_the_yifeng_yisu_cases(tab: Tab):
    # Many generated cases write 红白喜事; the sample's 乌兰嘎查 case, about 移风易俗 at a
    # 那达慕, never does. Its county narrows the results to it.
    tab.open("/search/?q=" + quote("红白喜事 科尔沁区"))
    assert tab.settled() == 1
    assert tab.titles() == ["科尔沁区乌兰嘎查乡风文明理事会倡导“文明那达慕”"]
    tab.open("/search/?q=" + quote("红白喜事"))
    assert tab.settled() > 10


def _excerpts(tab: Tab) -> list[str]:
    return tab.page.locator(".sc-result__excerpt").all_inner_texts()


@pytest.mark.parametrize("query", ["工作成效", "养老", "调解", "志愿者", "社区"])
def test_excerpts_read_as_chinese(tab: Tab, query: str):
    tab.open("/search/?q=" + quote(query))
    assert tab.settled() >= 1
    excerpts = _excerpts(tab)
    assert excerpts
    for text in excerpts:
        assert not re.search(r"[\u4e00-\u9fff]\. ", text), text  # never “. ” between Chinese blocks
        assert not re.search(r"[\u4e00-\u9fff]\.[\u4e00-\u9fff]", text), text
        assert not re.match(r"[\s，。、；：！？）》”\.,]", text), text  # none starts with punctuation
        assert "\u200b" not in text
    if query == "工作成效":
        # A heading is followed by "：", not glued to the next words.
        assert any("工作成效：" in t for t in excerpts), excerpts


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("半圈观看", "居民围成半圈观看。工作成效：一年来"),  # a photo's caption, then a heading
        ("几张小桌", "陪伴孩子们读书写字。服务站还注重"),  # a photo's caption, then a paragraph
    ],
)
def test_a_photo_caption_is_a_block_of_its_own(tab: Tab, query: str, expected: str):
    """Pagefind ends a paragraph or heading with “. ” but not a figcaption: the caption
    (a sample case's photo) must not run into the next words with a bare space."""
    tab.open("/search/?q=" + quote(query))
    assert tab.settled() >= 1
    texts = [t for t in _excerpts(tab) if query in t]
    assert texts and expected in texts[0], texts


def test_a_photo_s_file_name_finds_nothing(tab: Tab, project: Path, site: Path):
    """Photo or jpg found every case with a photo (a reader's trial): Pagefind takes the first
    picture of a page as its image and indexes the words of its address. The pictures are on
    the pages still; their addresses are no words of any case. And photo1, a word with its
    digit, is no case's word as a whole: photo was left out alone, and 1 found every case."""
    photo = re.compile(r'<img src="[^"]*/(\w+)-([0-9a-f]{10})-\d+\.jpg"')
    pictured = [found for p in sorted((site / "cases").glob("*/index.html")) if (found := photo.search(p.read_text(encoding="utf-8")))]
    assert len(pictured) >= 5
    picture = pictured[0]
    for query in ("jpg", "photo", picture.group(1)):  # photo1
        tab.open("/search/?q=" + quote(query))
        assert tab.settled() == 0, (query, tab.page.locator("#sc-search-status").inner_text())
        assert tab.page.locator("#sc-search-status").inner_text().startswith(f"没有案例提到“{query}”。")


def test_a_title_match_shows_the_summary(tab: Tab, project: Path):
    title = "北京街道老年人协会“银龄互助”守望空巢老人"
    tab.open("/search/?q=" + quote(title))
    tab.settled()
    first = tab.page.locator(".sc-result").first
    assert first.locator(".sc-result__title").inner_text() == title
    summary = (project / "site" / "cases").glob("*/index.html")
    page = next(p for p in summary if f"<h1>{title}</h1>" in p.read_text(encoding="utf-8"))  # its own page: others show it among 相关案例
    expected = re.search(r'<p class="sc-case__summary">(.*?)</p>', page.read_text(encoding="utf-8")).group(1)
    assert first.locator(".sc-result__excerpt").inner_text() == expected


def _open_filters(tab: Tab) -> None:
    tab.page.evaluate("document.getElementById('sc-search-status').removeAttribute('data-count')")
    tab.page.hover("#sc-search-facet-body")
    tab.page.wait_for_selector("#sc-search-facet-list[data-counts='yes']", timeout=20_000)
    tab.settled()


def _counts(tab: Tab, name: str) -> dict[str, int]:
    links = tab.page.locator(f".sc-facet__value[data-filter='{name}']")
    out = {}
    for i in range(links.count()):
        link = links.nth(i)
        count = link.locator(".sc-facet__count")
        out[link.get_attribute("data-value")] = int(count.inner_text()) if count.count() else -1
    return out


def test_filter_counts_follow_the_query_and_or_within_a_filter(tab: Tab):
    tab.open("/search/?q=" + quote("调解"))
    total = tab.settled()
    tab.quiet()
    # The first query does not load the filter index; turning to the filters does.
    assert not [u for u in tab.requests if "/pagefind/filter/" in u]
    _open_filters(tab)
    assert [u for u in tab.requests if "/pagefind/filter/" in u]
    provinces = _counts(tab, "province")
    assert provinces and all(c > 0 for c in provinces.values())  # counts beside every value, none empty
    assert sum(provinces.values()) == total  # a case has one province
    (a, ca), (b, cb) = sorted(provinces.items(), key=lambda kv: -kv[1])[:2]
    tab.page.click(f".sc-facet__value[data-filter='province'][data-value='{a}']")
    assert tab.settled() == ca
    tab.page.click(f".sc-facet__value[data-filter='province'][data-value='{b}']")
    assert tab.settled() == ca + cb  # two provinces: either one
    assert tab.page.url.count("province=") == 2
    # The other groups' counts are those of the results shown.
    years = _counts(tab, "year")
    assert sum(years.values()) == ca + cb


def test_filters_alone_browse_the_collection(tab: Tab):
    tab.open("/search/")
    tab.page.wait_for_selector(".sc-facet__value[data-filter='area'][data-value='rural']")
    expected = _counts(tab, "area")["rural"]  # the site's totals, before any search
    tab.page.click(".sc-facet__value[data-filter='area'][data-value='rural']")
    assert tab.settled() == expected
    assert tab.page.locator("#sc-search-q").input_value() == ""


def test_nothing_found_suggests_related_terms_and_a_theme(tab: Tab):
    # 那达慕 with a province none of its cases is in.
    tab.open("/search/?q=" + quote("那达慕"))
    tab.settled()
    _open_filters(tab)
    found = _counts(tab, "province")
    config = json.loads(tab.page.locator("#sc-search-config").text_content())
    province = next(f for f in config["facets"] if f["name"] == "province")
    elsewhere = next(key for key, _, _ in province["values"] if key not in found)
    nothing = "/search/?q=" + quote("那达慕") + "&province=" + elsewhere
    tab.open(nothing)
    assert tab.settled() == 0
    assert tab.page.locator("#sc-search-status").inner_text() == "没有找到相关案例。可以换个说法、减少关键词，或去掉一些筛选条件。"
    assert tab.page.locator("#sc-search-q").input_value() == "那达慕"  # the query stays in the box
    related = tab.page.locator(".sc-search__related a").all_inner_texts()
    assert "庙会" in related and "村晚" in related and "那达慕" not in related
    # No theme's name shares a character with 那达慕: the theme most of its cases have.
    theme = tab.page.locator(".sc-search__theme a")
    assert theme.count() == 1
    label = theme.inner_text()
    theme.click()
    assert tab.settled() >= 1
    assert "theme=" in tab.page.url and "q=" not in tab.page.url
    assert tab.page.locator("#sc-search-status").inner_text().startswith("找到")
    assert label in [
        t["label"] if isinstance(t, dict) else t[1] for t in next(f for f in config["facets"] if f["name"] == "theme")["values"]
    ]
    # A suggested term searches again, without the filters.
    tab.open(nothing)
    assert tab.settled() == 0
    tab.page.locator(".sc-search__related a", has_text="庙会").click()
    assert tab.settled() >= 0
    assert tab.page.locator("#sc-search-q").input_value() == "庙会"


def test_nothing_found_is_one_message_without_the_controls_that_do_nothing(browser, origin: str, project: Path):
    """A review at 375 px: 量子计算 found nothing, and the page still showed the 排序 menu and
    the 筛选 panel (nothing to sort or filter), and said it twice: 没有找到相关案例…
    and 没有案例提到“量子计算”. Now one message says what was searched, that no case
    mentions it, and what to try, with the themes to browse; the controls come back with results."""
    assert "量子计算" not in _sources(project)
    tab = Tab(browser, origin, viewport={"width": 375, "height": 740})
    try:
        tab.open("/search/?q=" + quote("量子计算"))
        assert tab.settled() == 0
        status = tab.page.locator("#sc-search-status").inner_text()
        assert status == "没有案例提到“量子计算”。可以减少关键词、换个说法再搜，或按下面的实践主题浏览。"
        assert tab.page.locator("#sc-search-missing").count() == 0  # said once
        assert "没有找到" not in tab.page.locator("#sc-search").inner_text()
        assert not tab.page.locator("#sc-search-sort").is_visible()
        assert not tab.page.locator(".sc-search__facets").is_visible()
        config = json.loads(tab.page.locator("#sc-search-config").text_content())
        themes = [label for _, label, _ in next(f for f in config["facets"] if f["name"] == "theme")["values"]]
        links = tab.page.locator(".sc-search__themes a")
        assert sorted(links.all_inner_texts()) == sorted(themes)
        assert tab.page.locator(".sc-search__themes").inner_text().startswith("按实践主题浏览：")
        links.first.click()
        tab.page.wait_for_url("**/themes/*/")
        # words each in some case, in none together: said so
        texts = [f.read_text(encoding="utf-8") for f in (project / "cases").rglob("index.md")]
        assert any("越秀区" in t for t in texts) and not any("那达慕" in t and "越秀区" in t for t in texts)
        tab.open("/search/?q=" + quote("那达慕 越秀区"))
        assert tab.settled() == 0
        assert tab.page.locator("#sc-search-status").inner_text().startswith("没有案例同时提到“那达慕”“越秀区”。")
        # results: the controls are back
        assert tab.search("那达慕") > 0
        assert tab.page.locator("#sc-search-sort").is_visible() and tab.page.locator(".sc-search__facets").is_visible()
        assert tab.page.locator(".sc-search__themes").count() == 0
        assert tab.errors == [] and tab.foreign() == []
    finally:
        tab.close()


def test_full_width_digits_find_what_ascii_digits_find(tab: Tab):
    """２０２３年 typed with a Chinese input method's full-width digits: the index has 2023年."""
    tab.open("/search/?q=" + quote("2023年"))
    expected = tab.settled()
    cases = sorted(tab.every_link())
    tab.open("/search/?q=" + quote("２０２３年"))
    assert tab.settled() == expected > 0
    assert sorted(tab.every_link()) == cases
    assert tab.page.locator("#sc-search-q").input_value() == "２０２３年"  # the box keeps what was typed


def _sources(project: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (project / "cases").rglob("index.md"))


@pytest.mark.parametrize("word", ["区块链", "元宇宙"])
def test_a_word_no_case_has_is_said_and_not_replaced(tab: Tab, project: Path, word: str):
    """Pagefind replaces a word no indexed word starts with by the longest indexed word that
    starts it (区块链 -> 区, 元宇宙 -> 元): the page leaves it out and says that no case has it."""
    assert word not in _sources(project) and word[:2] not in _sources(project)
    tab.open("/search/?q=" + quote(word))
    assert tab.settled() == 0
    # Said once, in the count's line; no filter is on, so none is to be taken off; and no
    # theme is put first for a character shared by chance (区 of 区块链 and 社区治理).
    assert (
        tab.page.locator("#sc-search-status").inner_text()
        == f"没有案例提到“{word}”。可以减少关键词、换个说法再搜，或按下面的实践主题浏览。"
    )
    assert tab.page.locator("#sc-search-missing").count() == 0
    assert tab.page.locator(".sc-search__theme").count() == 0
    assert tab.page.locator(".sc-search__themes a").first.inner_text() != "社区治理"
    # With a word some cases have (夜校: 12 cases, two pages of results, in no related-term
    # group): the cases with that word, and the note.
    tab.open("/search/?q=" + quote("夜校"))
    expected = tab.settled()
    cases = tab.every_link()
    tab.open("/search/?q=" + quote(f"夜校 {word}"))
    assert tab.settled() == expected > 0
    assert tab.every_link() == cases
    assert tab.page.locator("#sc-search-missing").inner_text() == REST.format(words=word, rest="夜校")
    # Written together with it, with a function character between: the same, and the note
    # names the word only (data/search-function-chars.yml).
    for query in (f"{word}夜校", f"{word}和夜校", f"夜校的{word}"):
        tab.search(query)
        assert tab.every_link() == cases, query
        assert tab.page.locator("#sc-search-missing").inner_text().startswith(f"没有案例提到“{word}”。"), query
    assert "pairs/" in " ".join(tab.requests)


def test_words_the_cases_have_are_searched_as_before(tab: Tab, project: Path):
    """No word the cases have is called missing: 40 pieces of their bodies (seeded), and words a
    count-based check once called missing (新时代 is indexed as 新 + 时代; 越秀区 is written 越秀区),
    or a check of each word ICU cut alone."""
    import random

    bodies = [p.read_text(encoding="utf-8").split("\n---", 2)[-1] for p in sorted((project / "cases").rglob("index.md"))]
    texts = [re.sub(r"<[^>]+>", " ", body) for body in bodies]  # markup ends a run, as it does a word
    runs = [run for text in texts for run in re.findall(r"[\u4e00-\u9fff]{2,}", text)]
    rng = random.Random(5)
    pieces = []
    while len(pieces) < 40:
        run = rng.choice(runs)
        size = rng.randint(1, min(6, len(run)))
        start = rng.randint(0, len(run) - size)
        pieces.append(run[start : start + size])
    tab.open("/search/")
    # Names written together, where ICU cuts a word across them (眉/山东/坡: 山东 is in no case).
    together = ["眉山东坡", "崇福助老", "深圳市南山区", "绵阳市涪城区", "南充市村规民约", "佛山市中老年居民"]
    for query in ["新时代", "未成年", "越秀区", "广州市越秀区", "坂田街道", "空巢老人 怎么", *together, *pieces]:
        tab.search(query)
        assert tab.page.locator("#sc-search-missing").count() == 0, query


def _finds_what(tab: Tab, query: str, plain: str) -> None:
    """``query`` finds the cases ``plain`` finds, in the same order (some, at least)."""
    tab.open("/search/?q=" + quote(plain))
    expected = tab.settled()
    cases = tab.every_link()
    tab.open("/search/?q=" + quote(query))
    assert tab.settled() == expected > 0
    assert tab.every_link() == cases


def test_the_rest_of_the_query_is_searched_as_typed(tab: Tab):
    """团结湖元宇宙: 元宇宙 is left out and named whole (ICU cuts 团结/湖/元/宇宙), and 团结湖 is
    searched as the reader wrote it, not as 团结 and 湖; so is 2023年 in 2023年元宇宙."""
    _finds_what(tab, "团结湖元宇宙", "团结湖")
    assert tab.page.locator("#sc-search-missing").inner_text() == REST.format(words="元宇宙", rest="团结湖")
    # A character written after digits stays with them: 2023年元宇宙 searches 2023年.
    _finds_what(tab, "2023年元宇宙", "2023年")
    assert tab.page.locator("#sc-search-missing").inner_text().startswith("没有案例提到“元宇宙”。")


def test_function_characters_go_with_a_missing_word_unnamed(tab: Tab, site: Path):
    """天河区有哪些: 有哪些 is in no case and all function characters (data/search-function-chars.yml):
    left out without a note, 天河区 searched. 新都 (都 a function character, 新 in every other
    case): named whole if at all, never as 新, which cases have."""
    _finds_what(tab, "天河区有哪些", "天河区")
    assert tab.page.locator("#sc-search-missing").count() == 0
    buckets = len(list((site / "search" / "pairs").iterdir()))
    pairs = json.loads((site / "search" / "pairs" / f"{ord('新') % buckets}.json").read_text(encoding="utf-8"))
    assert "都" not in pairs["新"]  # 新都 is only in a withdrawn case
    tab.open("/search/?q=" + quote("新都"))
    assert tab.settled() == 0
    assert tab.page.locator("#sc-search-status").inner_text().startswith("没有案例提到“新都”。")


def test_results_found_through_related_terms_say_so(tab: Tab):
    """空巢 finds every elder-care case through its related-term group (空巢老人, 老人, 长者…),
    most of which never write 空巢: the page says the results include related terms, so the
    count is not read as the cases writing the word (a reader's trial). A word in no group
    gets no such note."""
    tab.open("/search/?q=" + quote("空巢"))
    assert tab.settled() > 0
    note = tab.page.locator("#sc-search-related-note").inner_text()
    assert note.startswith("结果也包括写到相近说法（") and "养老" in note and "不一定都写了搜索的词" in note
    tab.open("/search/?q=" + quote("夜校"))
    assert tab.settled() > 0
    assert tab.page.locator("#sc-search-related-note").count() == 0


def test_a_word_one_character_off_a_term_is_offered_the_term(tab: Tab, project: Path):
    """志原者 (a slip of the input method for 志愿者) found nothing and offered nothing; 空巢老仁
    said that no case has 仁 and searched the rest (a reader's trial). Each offers the related
    term one character off, as a link that searches it."""
    assert "志原者" not in _sources(project)
    tab.open("/search/?q=" + quote("志原者"))
    assert tab.settled() == 0
    assert tab.page.locator("#sc-search-didyoumean").inner_text() == "您是不是要找：志愿者"
    tab.page.locator("#sc-search-didyoumean a").click()
    assert tab.settled() > 0
    assert tab.page.locator("#sc-search-q").input_value() == "志愿者"
    assert tab.page.locator("#sc-search-didyoumean").count() == 0  # a term: nothing to offer
    tab.open("/search/?q=" + quote("空巢老仁 2023年"))
    assert tab.settled() > 0
    assert tab.page.locator("#sc-search-missing").count() == 1
    assert tab.page.locator("#sc-search-didyoumean").inner_text() == "您是不是要找：空巢老人 2023年"
    # A query some cases answer, with no word left out, is not second-guessed; nor, when
    # a word is left out, a word the cases have (低龄老人 is one character off 高龄老人).
    tab.open("/search/?q=" + quote("夜校"))
    assert tab.settled() > 0
    assert tab.page.locator("#sc-search-didyoumean").count() == 0
    assert "低龄老人" in _sources(project)
    tab.open("/search/?q=" + quote("低龄老人 区块链"))
    assert tab.settled() > 0
    assert tab.page.locator("#sc-search-missing").count() == 1
    assert tab.page.locator("#sc-search-didyoumean").count() == 0


def test_back_from_a_result_shows_as_many_results_where_the_reader_was(browser, origin: str):
    """A department's trial at 375 px: 显示更多结果 three times, a result opened, Back: the
    first 10 results at the top of the page (a browser without a back-forward cache, as
    Playwright's is and many in-app browsers are). Now as many as before, where they were."""
    from .conftest import Tab

    tab = Tab(browser, origin, viewport={"width": 375, "height": 740})
    try:
        tab.open("/search/?q=" + quote("社区"))
        assert tab.settled() > 35
        for _ in range(3):
            tab.links()  # settled
            before = len(tab.links())
            tab.page.locator("#sc-search-more").click()
            tab.page.wait_for_function(f"() => document.querySelectorAll('.sc-result').length > {before}")
        shown = len(tab.links())
        assert shown >= 40
        target = tab.page.locator(".sc-result__title a").nth(33)
        target.scroll_into_view_if_needed()
        at = tab.page.evaluate("window.scrollY")
        assert at > 3000
        opened = tab.links()[33]
        target.click()
        tab.page.wait_for_url(f"**{opened}")
        tab.page.go_back()
        tab.settled()
        tab.page.wait_for_function(f"() => document.querySelectorAll('.sc-result').length >= {shown}")
        tab.page.wait_for_function(f"() => Math.abs(window.scrollY - {at}) < 80")
        assert len(tab.links()) == shown and tab.links()[33] == opened
        assert tab.errors == [] and tab.foreign() == []
    finally:
        tab.close()
    # the same search's link, shared or opened anew, starts at the first results
    tab = Tab(browser, origin, viewport={"width": 375, "height": 740})
    try:
        tab.open("/search/?q=" + quote("社区"))
        tab.settled()
        assert len(tab.links()) == 10 and tab.page.evaluate("window.scrollY") == 0
    finally:
        tab.close()
