"""The search as built: what is indexed, the header box on every page, the search page."""

from __future__ import annotations

import gzip
import html
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from gen_cases import generate  # scripts/, on the import path through pyproject's pythonpath
from showcase.core.collection.loading import load_collection
from showcase.core.collection.settings import Settings
from showcase.core.errors import ConfigError
from showcase.core.options import Options
from showcase.core.outputs.search import (
    AREA_KEYS,
    FILTERS,
    RelatedTermsError,
    check_output,
    facets,
    load_related_terms,
    search_fields,
)
from showcase.core.outputs.search_pairs import HAN, TRADITIONAL_KEY, FragmentError, build_pairs, han_pairs, pair_buckets
from showcase.core.site.index import SiteIndex
from showcase.core.site.texts import load_texts

from .conftest import CASES, GENERATED, UNPUBLISHED_WORDS, build_site, make_project

PUBLISHED = GENERATED + 3  # the generator writes published cases only, plus yinling, hongbai, quotes


class Attrs(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(path: Path) -> list[tuple[str, dict[str, str | None]]]:
    parser = Attrs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def weighted(path: Path) -> list[tuple[str, dict[str, str]]]:
    """(text, attributes) of the elements carrying a Pagefind ranking weight."""
    found = re.findall(r'<p[^>]*data-pagefind-weight="([^"]+)"[^>]*>(.*?)</p>', path.read_text(encoding="utf-8"))
    return [(html.unescape(text), {"data-pagefind-weight": weight}) for weight, text in found]


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_only_published_case_pages_carry_a_search_body(site: Path):
    marked = [p for p in html_pages(site) if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert len(marked) == PUBLISHED
    assert all(p.parent.parent.name == "cases" for p in marked)
    ids = {p.parent.name for p in marked}
    assert {"gz-yuexiu-2023-901", "cd-pidu-2022-902", "sz-nanshan-2024-903"} <= ids
    # The tombstone and the alias redirect exist but are not marked.
    tombstone = site / "cases" / "gz-withdrawn-2021-906" / "index.html"
    alias = site / "cases" / "yuexiu-laonian-xiehui" / "index.html"
    assert tombstone.is_file() and alias.is_file()
    assert "data-pagefind" not in tombstone.read_text(encoding="utf-8")
    assert "data-pagefind" not in alias.read_text(encoding="utf-8")
    assert not (site / "cases" / "gz-draft-2024-904").exists()


def test_index_holds_exactly_the_published_cases(site: Path):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["zh"]
    assert entry["languages"]["zh"]["page_count"] == PUBLISHED
    assert check_output(site / "pagefind") == []
    # No word of an unpublished case made it into any index chunk or fragment.
    words = [c for word in UNPUBLISHED_WORDS.values() for c in word]
    for path in (site / "pagefind").rglob("*.pf_*"):
        text = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        assert not any(w in text for w in words), path.name


def test_case_page_facets_meta_and_sort(site: Path):
    page = site / "cases" / "gz-yuexiu-2023-901" / "index.html"
    found = tags(page)
    article = next(a for t, a in found if t == "article" and "data-pagefind-body" in a)
    assert article["data-pagefind-sort"] == "date:2023-03-01"
    filters = [a["data-pagefind-filter"] for _, a in found if "data-pagefind-filter" in a]
    assert filters == [
        "theme:bianmin-fuwu",
        "theme:xinfeng-zhengqi",
        "category:shequ-shiwu",
        "province:guangdong",
        "year:2023",
        "area:urban",
        "brand:linli-shouwang",
    ]
    meta = dict(a["data-pagefind-meta"].split(":", 1) for _, a in found if "data-pagefind-meta" in a)
    assert meta["theme"] == "便民服务"
    assert meta["organization"] == "越秀区北京街道老年人协会"
    assert meta["place"] == "广东省 广州市"
    assert meta["date"] == "2023-03-01"
    # Whole words: title, organization, the quoted project name, places, badges, beneficiaries,
    # then the terms of the related-term groups the case is about.
    words = meta["k"].split(" ")
    assert words[:10] == [
        "北京街道老年人协会“银龄互助”守望空巢老人",
        "越秀区北京街道老年人协会",
        "银龄互助",
        "越秀区",
        "越秀",  # the county without its suffix: a reader types either
        "城市",
        "便民服务",
        "新风正气",
        "社区事务类",
        "邻里守望",
    ]
    assert {"空巢老人", "养老", "长者", "为老"} <= set(words)
    assert "助餐" not in words  # written once in the body: not what the case is about
    assert "移风易俗" not in words  # a group the case is not about
    # The title and organization are indexed from hidden copies with their weights, and
    # each group the case is about is a weighted hidden block too.
    weights = [(a["data-pagefind-weight"], text) for text, a in weighted(page)]
    assert weights[:3] == [
        ("10", "北京街道老年人协会“银龄互助”守望空巢老人"),
        ("7", "越秀区北京街道老年人协会"),
        ("10", "银龄互助"),  # the quoted project name, whole
    ]
    assert any(text.startswith("养老 为老 助老") and 1 < float(w) < 7 for w, text in weights[3:])


def fragments(site: Path) -> dict[str, dict]:
    """The stored result of each indexed page, by URL."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        found[fragment["url"]] = fragment
    return found


def test_index_keeps_the_text_and_leaves_out_badges_figures_and_citation(site: Path):
    fragment = fragments(site)["/cases/gz-yuexiu-2023-901/"]
    content = fragment["content"].replace("\u200b", "")
    assert "八十岁以上独居老人三百余位" in content  # the body
    assert "越秀区北京街道老年人协会" in content  # the organization, from its hidden copy
    # The facts list (labels glued to values), the tags, badges, figures and citation are out.
    for left_out in ("引用本案例", "审核单位", "服务人次", "志愿者", "2023-03-01", "实施组织", "服务对象"):
        assert left_out not in content, left_out
    # The hidden blocks come first and end at the anchor the search page's excerpts start after.
    assert [a["id"] for a in fragment["anchors"][:2]] == ["sc-s-title", "sc-s-org"]
    assert any(a["id"] == "sc-s-end" for a in fragment["anchors"])
    assert fragment["meta"]["title"] == "北京街道老年人协会“银龄互助”守望空巢老人"
    assert fragment["filters"]["theme"] == ["bianmin-fuwu", "xinfeng-zhengqi"]


def test_quotes_and_commas_survive_in_meta(site: Path):
    page = site / "cases" / "sz-nanshan-2024-903" / "index.html"
    meta = dict(a["data-pagefind-meta"].split(":", 1) for _, a in tags(page) if "data-pagefind-meta" in a)
    assert meta["organization"] == '南山区"蛇口"社区居民议事会, 第一分会'


def test_header_search_box_on_every_page(site: Path):
    pages = [site / "index.html", site / "404.html", site / "about" / "index.html", site / "themes" / "bianmin-fuwu" / "index.html"]
    pages.append(site / "cases" / "cd-pidu-2022-902" / "index.html")
    for page in pages:
        text = page.read_text(encoding="utf-8")
        forms = [a for t, a in tags(page) if t == "form" and "sc-search-box" in (a.get("class") or "")]
        assert len(forms) == 1, page
        assert forms[0]["method"] == "get"
        assert forms[0]["action"].rstrip("/").endswith("search"), forms[0]["action"]
        assert re.search(r'<input[^>]+name="q"', text)
        # Material's own search is gone: no search dialog, no button opening it.
        assert 'data-md-component="search"' not in text
        assert 'for="__search"' not in text


def test_search_page_config_and_no_js_links(site: Path):
    page = site / "search" / "index.html"
    text = page.read_text(encoding="utf-8")
    # Pagefind's script, which head.js asks for at once when the address holds a search (a
    # round trip less on a slow phone): on the search page only
    head = text[: text.index("</head>")]
    script = re.search(r'<script src="[^"]*head\.[0-9a-f]+\.js"[^>]* data-sc-pagefind="([^"]+)"', head)
    assert script and (page.parent / script[1]).resolve() == (site / "pagefind" / "pagefind.js").resolve()
    assert "data-sc-pagefind" not in (site / "stats" / "index.html").read_text(encoding="utf-8")
    config = json.loads(re.search(r'<script type="application/json" id="sc-search-config">(.*?)</script>', text, re.S).group(1))
    assert [f["name"] for f in config["facets"]] == [name for name in FILTERS if name != "county"]  # a national site: no county filter
    themes = {key: (label, total) for key, label, total in config["facets"][0]["values"]}
    listing = (site / "themes" / "bianmin-fuwu" / "index.html").read_text(encoding="utf-8")
    total = int(re.search(r"共 <strong>(\d+)</strong>", listing).group(1))
    assert themes["bianmin-fuwu"] == ("便民服务", total)  # the totals shown before any search
    areas = {key: label for key, label, _ in config["facets"][4]["values"]}
    assert areas == {"urban": "城市", "rural": "农村"}
    assert config["texts"]["filters"]["province"] == "省份"
    # Without JavaScript: a notice and links to every theme, category, province and year.
    assert "<noscript>" in text
    links = {a.get("href") for t, a in tags(page) if t == "a"}
    for listing in ("themes/bianmin-fuwu/", "categories/shequ-shiwu/", "regions/sichuan/", "years/2022/"):
        assert any(h and h.endswith(listing) for h in links), listing
    (script,) = re.findall(r'src="[^"]*(assets/showcase/search\.[0-9a-f]{10}\.js)"', text)
    # Search engines should not list a search page, nor find it in the sitemap.
    assert '<meta name="robots" content="noindex">' in text
    assert "/search/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / script).is_file()


def test_no_search_asset_from_another_host(site: Path):
    for page in (site / "search" / "index.html", site / "index.html"):
        for tag, attrs in tags(page):
            # What the browser loads by itself (links to other sites are not loaded).
            value = attrs.get("src") or (attrs.get("href") if tag == "link" else "") or ""
            assert not re.match(r"^(https?:)?//", value), (page, tag, value)
    (script,) = (site / "assets" / "showcase").glob("search.*.js")
    assert not re.search(r"https?://", script.read_text(encoding="utf-8"))


def search_config(site: Path) -> dict:
    text = (site / "search" / "index.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="sc-search-config">(.*?)</script>', text, re.S).group(1))


def pair_files(site: Path) -> dict[str, str]:
    """Every character of the pair files, with the characters after it; checks the bucketing."""
    pairs = search_config(site)["pairs"]
    folder = site / pairs["path"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.json" for n in range(pairs["buckets"]))
    following: dict[str, str] = {}
    for number in range(pairs["buckets"]):
        content = json.loads((folder / f"{number}.json").read_text(encoding="utf-8"))
        content.pop(TRADITIONAL_KEY, None)  # not a character: the Traditional forms (below)
        assert all(ord(char) % pairs["buckets"] == number for char in content)
        following.update(content)
    return following


def traditional_forms(site: Path) -> dict[str, str]:
    """The pair files' Traditional characters, each with the Simplified one the cases have."""
    pairs = search_config(site)["pairs"]
    forms: dict[str, str] = {}
    for number in range(pairs["buckets"]):
        content = json.loads((site / pairs["path"] / f"{number}.json").read_text(encoding="utf-8"))
        part = content.get(TRADITIONAL_KEY, {})
        assert all(ord(char) % pairs["buckets"] == number for char in part)
        forms.update(part)
    return forms


def test_pair_files_read_a_traditional_character_as_the_simplified_one_the_cases_have(site: Path):
    """A reader typing in Traditional (社區, 義工, 長者食堂: a phone's keyboard set so, a name
    copied from a Hong Kong page) found nothing, or was told no case has 長者. The pair files
    a query's characters fetch anyway say which Simplified character a Traditional one no case
    has stands for (OpenCC's t2s, character by character), when some case has that one."""
    following = pair_files(site)
    forms = traditional_forms(site)
    assert forms["區"] == "区" and forms["協"] == "协" and forms["會"] == "会"
    assert all(t not in following and s in following for t, s in forms.items())
    assert all(len(t) == 1 and len(s) == 1 and t != s for t, s in forms.items())
    assert "区" not in forms  # a Simplified character maps to nothing


def in_pairs(following: dict[str, str], text: str) -> bool:
    """Whether the pair files hold every character and adjacent pair of this Chinese text."""
    return all(c in following for c in text) and all(b in following[a] for a, b in itertools.pairwise(text))


def han_runs(text: str) -> list[str]:
    ranges = "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN)
    return re.findall(f"[{ranges}]+", text)


def test_pair_files_hold_the_text_of_every_published_case_and_nothing_else(site: Path):
    """What the search page reads to tell a word no case has (core/outputs/search_pairs.py):
    every run of Chinese characters of a published case's title, summary, organization and
    body (as written in its source; markup ends a run), and none of an unpublished case's words."""
    following = pair_files(site)
    config = search_config(site)["pairs"]
    assert config["buckets"] == pair_buckets(PUBLISHED) > 1
    assert config["han"] == [list(r) for r in HAN]
    assert "的" in config["quiet"] and "和" in config["quiet"] and len(set(config["quiet"])) == len(config["quiet"])
    cases = load_collection(site.parent / "cases", Settings()).cases
    published = [c for c in cases if c.is_published]
    assert len(published) == PUBLISHED
    runs = {run for c in published for text in (c.title, c.summary, c.organization.name, c.body) for run in han_runs(text)}
    assert len(runs) > 1000
    assert [run for run in runs if not in_pairs(following, run)] == []
    for word in UNPUBLISHED_WORDS.values():
        assert not in_pairs(following, word), word
    assert not in_pairs(following, "区块链")


def test_pair_files_need_a_fragment_of_every_published_page(site: Path, tmp_path: Path):
    """A bundle missing a published page's text would make its words look absent: no files."""
    urls = {f"/cases/{p.parent.name}/" for p in (site / "cases").glob("*/index.html") if "data-pagefind-body" in p.read_text("utf-8")}
    report = build_pairs(tmp_path, [site / "pagefind"], urls, 4)
    assert report.files == 4 and report.chars > 500
    with pytest.raises(FragmentError, match="有 1 个已发布案例在索引里找不到，例如 /cases/zz-not-indexed/"):
        build_pairs(tmp_path, [site / "pagefind"], urls | {"/cases/zz-not-indexed/"}, 4)
    # The earlier files are gone, not left stale; the page finds files that say "unsure".
    assert sorted(p.read_text() for p in (tmp_path / "search" / "pairs").iterdir()) == ["null"] * 4
    broken = tmp_path / "broken"
    (broken / "fragment").mkdir(parents=True)
    (broken / "fragment" / "zh_0.pf_fragment").write_bytes(gzip.compress(b'pagefind_xyz{"url": "/cases/a/"}'))
    with pytest.raises(FragmentError):
        build_pairs(tmp_path, [broken], {"/cases/a/"}, 1)


def test_preview_build_never_indexes_drafts(tmp_path: Path):
    site = build_site(tmp_path, preview=True)
    draft = site / "cases" / "gz-draft-2024-904" / "index.html"
    assert draft.is_file()  # editors see it under `mkdocs serve`
    assert "data-pagefind-body" not in draft.read_text(encoding="utf-8")
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["zh"]["page_count"] == PUBLISHED
    following = pair_files(site)  # from the published cases only, as the index
    assert in_pairs(following, "银龄互助") and not in_pairs(following, UNPUBLISHED_WORDS["draft"])


# -- core, without a build --------------------------------------------------------------


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    root = tmp_path_factory.mktemp("search-core")
    for name in ("yinling", "hongbai"):
        (root / name).mkdir()
        (root / name / "index.md").write_text(CASES[name], encoding="utf-8")
    return load_collection(root, Settings())


def test_place_names_are_indexed_as_whole_words(collection):
    case = next(c for c in collection.cases if c.id == "cd-pidu-2022-902")
    fields = search_fields(case, load_related_terms())
    assert fields.keywords.startswith(
        "战旗村红白理事会推动婚事新办丧事简办 郫都区唐昌镇战旗村红白理事会 郫都区 郫都 农村 新风正气 社区事务类 文化铸魂 "
    )  # the county without its suffix too: a reader types 郫都 or 郫都区 (a city bureau's trial)
    # on a city's own site, the county's page's name: a case that wrote 郫都 is found by 郫都区
    import dataclasses

    written = dataclasses.replace(case, region=dataclasses.replace(case.region, county="郫都"))
    words = search_fields(written, (), "pidu", "郫都区").keywords.split()
    assert "郫都" in words and "郫都区" in words
    assert "移风易俗" in fields.keywords.split() and "红白喜事" in fields.keywords.split()
    assert fields.meta["place"] == "四川省 成都市"


def test_search_fields_of_a_rural_case(collection):
    case = next(c for c in collection.cases if c.id == "cd-pidu-2022-902")
    fields = search_fields(case)
    assert ("area", AREA_KEYS["农村"]) in fields.filters
    assert ("province", "sichuan") in fields.filters
    assert ("brand", "wenhua-zhuhun") in fields.filters
    assert fields.sort == {"date": "2022-05-10"}


def test_facets_offer_only_values_with_cases(collection):
    index = SiteIndex(collection.cases, Settings().taxonomy)
    result = {
        f["name"]: {key: (label, total) for key, label, total in f["values"]} for f in facets(index, load_texts()["search"]["filters"])
    }
    assert result["theme"] == {"bianmin-fuwu": ("便民服务", 1), "xinfeng-zhengqi": ("新风正气", 2)}
    assert set(result["province"]) == {"guangdong", "sichuan"}
    assert result["year"] == {"2023": ("2023 年", 1), "2022": ("2022 年", 1)}
    assert result["area"] == {"urban": ("城市", 1), "rural": ("农村", 1)}
    assert result["brand"] == {"linli-shouwang": ("邻里守望", 1), "wenhua-zhuhun": ("文化铸魂", 1)}


def test_output_check_finds_cut_and_empty_files(tmp_path: Path):
    whole = gzip.compress(b"pagefind_dcd" + bytes(range(256)) * 400)
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "zh_1.pf_index").write_bytes(whole)
    (tmp_path / "wasm.unknown.pagefind").write_bytes(whole[: len(whole) // 2])  # cut short, as we saw
    (tmp_path / "pagefind-ui.css").write_bytes(b"")
    (tmp_path / "pagefind.js").write_text("export{};")
    assert check_output(tmp_path) == ["pagefind-ui.css", "wasm.unknown.pagefind"]


def test_generator_is_valid_varied_and_deterministic(tmp_path: Path):
    first = generate(tmp_path / "a", 30, seed=3, draft_ratio=0.2)
    again = generate(tmp_path / "b", 30, seed=3, draft_ratio=0.2)
    texts = [p.read_text(encoding="utf-8") for p in first]
    assert texts == [p.read_text(encoding="utf-8") for p in again]
    loaded = load_collection(tmp_path / "a", Settings())
    assert loaded.errors == []
    summary = loaded.summary()
    assert summary["cases"] == 30 and 0 < summary["draft"] < 30
    bodies = [c.body for c in loaded.cases]
    assert all(1500 <= len(b) <= 3500 for b in bodies)
    assert len({b[:200] for b in bodies}) == 30
    assert len({c.region.province.key for c in loaded.cases}) >= 5
    assert {c.area for c in loaded.cases} == {"城市", "农村"}


def test_related_terms_file_has_groups_sites_extend_or_replace(tmp_path: Path):
    packaged = load_related_terms()
    assert len(packaged) >= 40
    assert any({"养老", "老年人", "长者"} <= set(g) for g in packaged)
    assert any({"移风易俗", "红白喜事"} <= set(g) for g in packaged)
    own = tmp_path / "terms.yml"
    own.write_text("groups:\n  - [龙舟, 赛龙舟, 划龙舟]\n", encoding="utf-8")
    assert load_related_terms(own) == (*packaged, ("龙舟", "赛龙舟", "划龙舟"))
    own.write_text("replace: true\ngroups:\n  - [龙舟, 赛龙舟]\n", encoding="utf-8")
    assert load_related_terms(own) == (("龙舟", "赛龙舟"),)
    # The option, from mkdocs.yml or the command line, names the file.
    options = Options.from_mapping({"related_terms": "terms.yml"})
    assert options.path("related_terms", tmp_path) == own


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("- [养老, 老人]\n", "groups:"),
        ("groups:\n  - 养老\n", "第 1 组"),
        ("groups:\n  - [养老, 老人]\n  - [龙舟]\n", "第 2 组只有一个词"),
        ("groups:\n  - [养老, 老]\n", "单个字"),
        ("replace: yes please\ngroups: []\n", "replace:"),
        ("groups: [\n", "近义词文件的格式有误："),  # in Chinese (it was PyYAML's English), with its line
        ("groups:\n  - [私伙局，粤曲，曲艺]\n", "第 1 组里“私伙局，粤曲，曲艺”用了中文的逗号或顿号：词之间要用英文逗号"),
        ("groups:\n  - [养老，为老, 老年人]\n", "第 1 组里“养老，为老”用了中文的逗号或顿号"),  # a review: mixed commas passed
        ("groups:\n  - 助餐、老年食堂\n", "第 1 组应是一串词，用方括号括起来：词之间要用英文逗号"),
        # hostile input: PyYAML's RecursionError was a traceback; anchors are refused as in a case
        ("groups: " + "[" * 20000 + "]" * 20000 + "\n", "近义词文件的格式有误：嵌套得太深了"),
        ("a: &a [养老, 为老]\ngroups: [*a]\n", "不支持 YAML 的锚点和引用"),
        ("groups: !!python/object/apply:os.system ['echo x']\n", "是以 ! 开头的特殊写法（YAML 的“标签”），这里不能用"),
    ],
)
def test_a_broken_related_terms_file_says_where_and_what(tmp_path: Path, text: str, says: str):
    own = tmp_path / "terms.yml"
    own.write_text(text, encoding="utf-8")
    with pytest.raises(RelatedTermsError) as caught:
        load_related_terms(own)
    assert isinstance(caught.value, ConfigError)
    assert str(caught.value).startswith(str(own)) and says in str(caught.value)


def test_a_case_is_about_a_group_when_its_terms_recur():
    from showcase.core.outputs.search import related_blocks

    groups = (("养老", "老年人", "长者"), ("调解", "纠纷"))
    # Said once in passing in the body: not about it; twice, or once in the title: about it.
    assert related_blocks("标题", "老人过寿要摆酒。老年人。", groups) == []
    blocks = related_blocks("标题", "老年人多。长者食堂。", groups)
    assert [terms for _, terms in blocks] == ["养老 老年人 长者"]
    heavy = related_blocks("长者饭堂", "老年人多。长者食堂。养老服务。", groups)
    assert heavy[0][0] > blocks[0][0]  # more occurrences, more weight
    assert all(w < 7 for w, _ in heavy)  # below the organization's weight


def _with_related_terms(root: Path, text: str) -> Path:
    config_file = make_project(root, generated=0)
    config = config_file.read_text(encoding="utf-8")
    assert "      sample_tag:" in config
    config_file.write_text(config.replace("      sample_tag:", "      related_terms: terms.yml\n      sample_tag:", 1), encoding="utf-8")
    (root / "terms.yml").write_text(text, encoding="utf-8")
    return config_file


def test_the_sites_related_terms_reach_the_index(tmp_path: Path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config_file = _with_related_terms(tmp_path, "groups:\n  - [宴席, 酒席, 坝坝宴, 流水席]\n")
    build(load_config(str(config_file), site_dir=str(tmp_path / "site")))
    page = tmp_path / "site" / "cases" / "cd-pidu-2022-902" / "index.html"
    meta = dict(a["data-pagefind-meta"].split(":", 1) for _, a in tags(page) if "data-pagefind-meta" in a)
    words = meta["k"].split(" ")
    assert "坝坝宴" in words and "流水席" in words  # the site's group: its body writes 宴席 and 酒席
    assert "移风易俗" in words  # the packaged groups are kept
    fragment = fragments(tmp_path / "site")["/cases/cd-pidu-2022-902/"]
    assert "坝坝宴" in fragment["content"].replace("\u200b", "")


def test_a_broken_related_terms_file_stops_the_build_with_one_message(tmp_path: Path, caplog, capsys):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config_file = _with_related_terms(tmp_path, "groups:\n  - [宴席]\n")
    with pytest.raises(Abort) as caught:
        build(load_config(str(config_file), site_dir=str(tmp_path / "site")))
    assert "BuildError" in str(caught.value)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "terms.yml" in errors[0] and "只有一个词（宴席）" in errors[0]
    assert not (tmp_path / "site" / "pagefind").exists()
    # the check says so first (a maintainer's trial: check passed, then the build stopped)
    from showcase.cli import main

    assert main(["-f", str(config_file), "check"]) == 2
    assert "terms.yml: groups 的第 1 组只有一个词（宴席）" in capsys.readouterr().err


def _fragment(folder: Path, name: str, url: str, content: str, **meta: str) -> None:
    data = json.dumps({"url": url, "content": content, "word_count": 1, "filters": {}, "meta": meta, "anchors": []}, ensure_ascii=False)
    (folder / "fragment").mkdir(parents=True, exist_ok=True)
    (folder / "fragment" / f"zh_{name}.pf_fragment").write_bytes(gzip.compress(b"pagefind_dcd" + data.encode("utf-8")))


def test_pairs_join_across_word_breaks_and_markup_and_read_alike_on_every_core(tmp_path: Path):
    """Pagefind's zero-width word breaks (新​时代), punctuation and Latin letters between two
    characters do not part them (a superset: never a pair short); a page of one character
    keeps it; an unpublished page's fragment adds nothing. 400 more pages: forked workers
    (where this process may fork) give what one process gives."""
    bundle = tmp_path / "pagefind"
    _fragment(bundle, "a", "/cases/a/", "新\u200b时代\u200b。\u200b区\u200b块", title="Ab𠀀乙")
    _fragment(bundle, "b", "/cases/b/", "鑫")
    _fragment(bundle, "c", "/cases/gone/", "琥珀")
    following = han_pairs([bundle], {"/cases/a/", "/cases/b/"}, jobs=1)
    assert following == {
        "新": {"时"},
        "时": {"代"},
        "代": {"区"},
        "区": {"块"},
        "块": {"𠀀"},
        "𠀀": {"乙"},
        "乙": set(),
        "鑫": set(),
    }
    urls = {"/cases/a/", "/cases/b/"}
    for n in range(400):
        _fragment(bundle, f"g{n}", f"/cases/g{n}/", "".join(chr(0x4E00 + (n * 7 + i) % 500) for i in range(30)))
        urls.add(f"/cases/g{n}/")
    assert han_pairs([bundle], urls, jobs=2) == han_pairs([bundle], urls, jobs=1)


def test_unreadable_fragments_warn_and_leave_the_search_as_pagefind_alone(tmp_path: Path, caplog, monkeypatch):
    """Another Pagefind version's fragments: the build warns once, in Chinese, and finishes;
    every pair file says null (the search page then checks nothing and requests no missing file)."""
    import showcase.core.outputs.search_pairs as search_pairs

    monkeypatch.setattr(search_pairs, "FRAGMENT_SIGNATURE", b"pagefind_v9")
    monkeypatch.setattr(search_pairs, "code_fingerprint", lambda: "patched")  # not the kept pair files of the code as it is
    site = build_site(tmp_path)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "Pagefind 写出的索引内容" in r.getMessage()]
    assert len(warnings) == 1 and "索引片段的格式无法识别" in warnings[0] and "pyproject.toml" in warnings[0]
    files = list((site / "search" / "pairs").iterdir())
    assert len(files) == search_config(site)["pairs"]["buckets"] and {p.read_text() for p in files} == {"null"}
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
