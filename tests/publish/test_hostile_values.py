"""Hostile front-matter values never become markup (issue #13, items 1–3).

Every text field and list item of a case carries a string made to break out of HTML
text, attributes, comments, ``<textarea>``, CDATA and Markdown tables. The site is
built twice, once with those strings and once with plain Chinese ones in the same
places, and every output file is parsed (HTML with ``html.parser``, XML feeds and the
sitemap with an XML parser, JSON with ``json``): the hostile build must have exactly
the elements, attributes and comments of the plain one, page by page, and the hostile
strings must come back whole as text or attribute values.

The ``html-in-text`` rule rejects ``<`` markup in the single-line text fields; here it
is switched off, so that the test shows what the templates do with whatever reaches
them (``tags``, ``beneficiaries`` and the messages of the problem page are not checked
by that rule at all). Escaping does not depend on validation.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pypdf
import pytest
from showcase.core.case import readers
from showcase.core.outputs.search_pairs import TRADITIONAL_KEY
from showcase.core.site.index import slugify

from tests.support.git import as_editor, git
from tests.support.project import configure

from .conftest import build_site, make_project, write_case

# One string with every way out: attribute quotes, an element, a comment, the end of a
# textarea, the end of CDATA, an entity that must stay text, and a Markdown table cell.
HOSTILE = "甲\"><script>alert(1)</script><!--' onmouseover='x</textarea>]]>&lt;i&gt;|乙"
# The same ideas within 40 characters (region parts).
SHORT = "丙\"'><i>x</i><!--]]>&lt;b&gt;|"
# A heading whose attr_list id and table-of-contents label try to leave their attributes.
HOSTILE_BODY = (
    "## 基本情况 {id='a\"onmouseover=\"alert(1)'}\n\n社区里老人多。\n\n"
    "## 主要做法 {data-toc-label='\"><i onclick=alert(2)>y</i><!--'}\n\n- 结对帮扶\n\n"
    "## 工作成效 {id=\"b' onfocus='alert(3)\"}\n\n服务覆盖全社区。\n"
)
PLAIN_BODY = "## 基本情况 {id='a-plain'}\n\n社区里老人多。\n\n## 主要做法 {data-toc-label='做法'}\n\n- 结对帮扶\n\n## 工作成效 {id=\"b-plain\"}\n\n服务覆盖全社区。\n"

WITHDRAWN_SUMMARY = "这段撤回案例的摘要只属于原来的案例页，撤回说明页和任何输出文件里都不应出现。"
WITHDRAWN_ORG = "撤回案例的组织名称不应出现"


def fields(text: str, short: str) -> dict:
    """Front matter overrides putting ``text`` (``short`` where 40 characters is the limit, and a
    list's 30 a word: tags, beneficiaries) everywhere."""
    return {
        "title": f"标题{text}",
        "summary": f"摘要写得足够长，这样才能通过长度检查。{text}",
        "organization": {"name": f"组织{text}", "category": "shequ-shiwu", "registration": "备案"},
        "region": {"province": "广东省", "city": f"市{short}", "county": f"区{short}", "street": f"街{short}", "community": f"社{short}"},
        "review": {"reviewer": f"审核{text}", "approved": "2025-01-10"},
        "tags": [f"标{short}", "示例"],
        "beneficiaries": [f"对{short}"],
        "brands": ["邻里守望"],
        "featured": True,
    }


def write_site(project: Path, text: str, short: str, body: str) -> None:
    cases = project / "cases"
    write_case(cases, "xss-pub-001", 0, body=body, aliases=["xss-old-001"], **fields(text, short))
    withdrawn = fields(text, short) | {
        "summary": WITHDRAWN_SUMMARY,
        "organization": {"name": WITHDRAWN_ORG, "category": "shequ-shiwu"},
        "tags": ["撤回案例的标签不应出现"],
        "beneficiaries": ["撤回案例的服务对象不应出现"],
        "featured": None,
    }
    write_case(
        cases,
        "xss-wd-001",
        1,
        body="## 正文\n\n撤回案例的正文不应出现。\n",
        status="withdrawn",
        withdrawn_reason=f"原因{text}",
        aliases=["xss-wd-old"],
        **withdrawn,
    )


def write_broken(project: Path, text: str) -> None:
    """A case with errors whose messages quote what was written (the problem page under serve)."""
    write_case(
        project / "cases",
        "xss-bad-001",
        2,
        folder="广东省",
        title=f"有错{text}",
        themes=[f"主题{text}"],
        brands=[f"品牌{text}"],
        volunteers=f"许多{text}",
        aliases=[f"旧{text}"],
        area=f"城乡{text}",
        withdrawn_reason=f"原因{text}",
        status=f"状态{text}",
        date=f"日期{text}",
        organization={"name": f"组织{text}", "category": f"类别{text}", "registration": f"登记{text}"},
        region={"province": f"省{text}", "city": f"市{text}"},
    )
    # An id that cannot be read: the problem page gets a URL from the folder instead.
    path = write_case(project / "cases", "xss-bad-002", 3, folder="广东省", status="draft", review=None, cover=None)
    path.write_text(path.read_text(encoding="utf-8").replace("id: xss-bad-002", f"id: {json.dumps(f'编号{text}')}"), encoding="utf-8")


class Shape(HTMLParser):
    """The markup of a page (tags, attribute names, comments, declarations) and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[tuple] = []
        self.texts: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shape.append(("start", tag, tuple(sorted(name for name, _ in attrs))))
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    @property
    def values(self) -> list[str]:
        return [value for _, _, value in self.attrs]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.shape.append(("end", tag))
        self._in_script = False

    def handle_comment(self, data: str) -> None:
        self.shape.append(("comment",))

    def handle_decl(self, decl: str) -> None:
        self.shape.append(("decl", decl.lower()))

    def unknown_decl(self, data: str) -> None:
        self.shape.append(("unknown-decl",))

    def handle_pi(self, data: str) -> None:
        self.shape.append(("pi",))

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.texts).append(data)


def parse_html(path: Path) -> Shape:
    shape = Shape()
    shape.feed(path.read_text(encoding="utf-8"))
    shape.close()
    return shape


def xml_shape(root: ET.Element) -> list[tuple]:
    return [(el.tag, tuple(sorted(el.attrib))) for el in root.iter()]


def skeleton(data: object) -> object:
    """A JSON document's keys and types, without its strings (and no field holds HTML)."""
    if isinstance(data, dict):
        assert not any(key.endswith("_html") for key in data), sorted(data)
        return {key: skeleton(value) for key, value in data.items()}
    if isinstance(data, list):
        return [skeleton(value) for value in data]
    return type(data).__name__


def outputs(site: Path) -> Iterator[Path]:
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            yield path


def write_collection(project: Path, text: str) -> None:
    """A collection (专题) of the published case, its title and introduction hostile too, and
    booklets (Word and PDF) on its page and on the theme and year pages."""
    intro = json.dumps(f"介绍{text}", ensure_ascii=False)
    (project / "collections.yml").write_text(
        f"collections:\n  - key: xss\n    title: {json.dumps(f'专题{text}', ensure_ascii=False)}\n    intro: {intro}\n    cases: [xss-pub-001]\n",
        encoding="utf-8",
    )
    configure(project, booklets=True)


def build(root: Path, text: str, short: str, body: str, *, serve: bool = False) -> Path:
    project = make_project(root)
    write_site(project, text, short, body)
    if serve:
        write_broken(project, text)
    else:
        write_collection(project, text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(readers, "MARKUP", re.compile(r"(?!)"))  # what the templates get is the point here
        return build_site(project, serve=serve)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    # The plain text has a number where HOSTILE has one (alert(1)): cut summaries and the
    # embed's title wrap each number in a span (SiteContext.whole_numbers).
    return {
        "hostile": build(tmp_path_factory.mktemp("hostile"), HOSTILE, SHORT, HOSTILE_BODY),
        "plain": build(tmp_path_factory.mktemp("plain"), "平常的文字1", "平常", PLAIN_BODY),
    }


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> dict[str, Path]:
    return {
        "hostile": build(tmp_path_factory.mktemp("serve-hostile"), HOSTILE, SHORT, HOSTILE_BODY, serve=True),
        "plain": build(tmp_path_factory.mktemp("serve-plain"), "平常的文字1", "平常", PLAIN_BODY, serve=True),
    }


def twin(path: Path, hostile: Path, plain: Path) -> Path:
    """The plain build's file for a file of the hostile build (the city listing's slug differs)."""
    rel = path.relative_to(hostile).as_posix()
    rel = rel.replace(slugify(f"市{SHORT}"), slugify("市平常"))
    return plain / rel


def test_every_page_and_file_has_the_markup_of_the_plain_build(built):
    hostile, plain = built["hostile"], built["plain"]
    files = list(outputs(hostile))
    checked = {p.relative_to(hostile).as_posix() for p in files}
    for expected in (
        "cases/xss-pub-001/index.html",
        "cases/xss-pub-001/embed/index.html",
        "cases/xss-old-001/index.html",
        "cases/xss-wd-001/index.html",
        "cases/xss-wd-001/embed/index.html",
        "cases/xss-wd-old/index.html",
        "index.html",
        "themes/ningxin-zhuhun/index.html",
        "categories/shequ-shiwu/index.html",
        "years/2021/index.html",
        "collections/index.html",
        "collections/xss/index.html",
        "sitemap.xml",
    ):
        assert expected in checked, expected
    assert any(p.startswith("regions/") and slugify(f"市{SHORT}") in p for p in checked)
    assert any(p.endswith(".xml") and "feed" in p for p in checked) and any(p.endswith(".json") and "feed" in p for p in checked)
    for path in files:
        other = twin(path, hostile, plain)
        assert other.exists(), f"{other} missing from the plain build"
        if path.suffix == ".html":
            assert parse_html(path).shape == parse_html(other).shape, path.relative_to(hostile)
        elif path.suffix == ".xml":
            assert xml_shape(ET.parse(path).getroot()) == xml_shape(ET.parse(other).getroot()), path.relative_to(hostile)
        else:
            data, plain_data = json.loads(path.read_text(encoding="utf-8")), json.loads(other.read_text(encoding="utf-8"))
            if path.parent.name == "pairs":
                # The search's character pairs (core/outputs/search_pairs.py): keyed by the text's
                # own characters, so the keys differ; Chinese characters only, whatever the text.
                # (under TRADITIONAL_KEY, Traditional characters no case has with their Simplified form)
                pairs = {**data.pop(TRADITIONAL_KEY, {}), **data}
                assert all(re.fullmatch(r"[\u3400-\u9fff]*", k + v) for k, v in pairs.items()), path.relative_to(hostile)
                continue
            assert skeleton(data) == skeleton(plain_data), path.relative_to(hostile)


def test_hostile_strings_come_back_whole_as_text(built):
    site = built["hostile"]
    case = parse_html(site / "cases/xss-pub-001/index.html")
    text = "".join(case.texts)
    for value in (f"标题{HOSTILE}", f"组织{HOSTILE}", f"标{SHORT}", f"对{SHORT}", f"审核{HOSTILE}", f"区{SHORT}", f"社{SHORT}"):
        assert value in text, value
    metas = {(a, v) for tag, a, v in case.attrs if tag == "meta"}
    assert ("content", f"标题{HOSTILE}") in metas  # og:title: an attribute value, whole
    # description (the case is a sample: marked, as in og:description, tests/publish/test_share_preview.py)
    assert any(v.startswith("【示例】摘要") and v.endswith(HOSTILE) for a, v in metas if a == "content")
    search = {v for tag, a, v in case.attrs if a.startswith("data-pagefind-")}
    assert f"title:标题{HOSTILE}" in search or any(HOSTILE in v for v in search), search
    # The embed code in its <textarea> is text; pasted elsewhere it is one iframe, titled whole.
    snippet = Shape()
    snippet.feed(next(t for t in case.texts if t.startswith("<iframe")))
    assert [step[1] for step in snippet.shape if step[0] == "start"] == ["iframe"]
    assert ("iframe", "title", f"标题{HOSTILE}") in snippet.attrs
    assert not any(a.startswith("on") for _, a, _ in case.attrs)
    assert not any("alert(" in script for script in case.scripts)
    # The table of contents (Material draws it outside the sanitizer): links to safe ids of
    # the body, labels as text.
    ids = {v for _, a, v in case.attrs if a == "id"}
    toc = [v for tag, a, v in case.attrs if tag == "a" and a == "href" and v.startswith("#") and v != "#sc-main"]
    assert len(set(toc)) == 4 and toc[-1] == "#cite", toc  # Material's skip link points at the first one too; the page's 引用本案例 last
    assert all(re.fullmatch(r"#[\w.:-]+", href) and href[1:] in ids for href in toc), toc
    assert "#a-onmouseover-alert-1-" in toc
    assert '">y<!--' in text  # the data-toc-label, as text
    for page in ("index.html", f"regions/guangdong/{slugify(f'市{SHORT}')}/index.html", "cases/xss-pub-001/embed/index.html"):
        assert f"标题{HOSTILE}" in "".join(parse_html(site / page).texts), page
    redirect = parse_html(site / "cases/xss-old-001/index.html")
    assert f"标题{HOSTILE}" in "".join(redirect.texts)
    feeds_and_catalogs_carry_the_strings_as_data(site)  # XML and JSON: the strings, whole, as data


def strings(data: object) -> list[str]:
    """Every string in a JSON document."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return []


def feeds_and_catalogs_carry_the_strings_as_data(site: Path) -> None:
    seen = 0
    for path in outputs(site):
        if path.suffix == ".xml" and "feed" in path.name and "xss-pub-001" in path.read_text(encoding="utf-8"):
            root = ET.parse(path).getroot()
            titles = [el.text or "" for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "title"]
            assert f"【示例】标题{HOSTILE}" in titles, path  # a feed marks the sample case (tagged 示例) it is
            # RSS readers take an item's description as HTML: it must be text there too.
            for description in root.iter("description"):
                inner = Shape()
                inner.feed(description.text or "")
                assert not [step for step in inner.shape if step[0] != "end"], (path, description.text)
            seen += 1
        elif path.suffix == ".json" and "pagefind" not in path.parts:
            raw = path.read_text(encoding="utf-8")
            if "xss-pub-001" in raw:
                # the catalog has the title as written, a feed with the sample mark before it
                assert {f"标题{HOSTILE}", f"【示例】标题{HOSTILE}"} & set(strings(json.loads(raw))), path
                seen += 1
    assert seen >= 3


def docx_shape(path: Path) -> tuple[list[tuple], str]:
    """The elements and attribute names of a Word file's document part, and its text."""
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("word/document.xml"))
    text = "".join(el.text or "" for el in root.iter() if el.tag.endswith("}t"))
    return xml_shape(root), text


def test_booklets_carry_the_strings_as_text(built):
    """下载汇编: the Word file's XML has the plain build's elements; the PDF (laid out from
    HTML by WeasyPrint) shows the markup as characters, so none of it became an element."""
    hostile, plain = built["hostile"], built["plain"]
    words = sorted(hostile.rglob("booklet.docx"))
    pages = {p.parent.relative_to(hostile).as_posix() for p in words}
    assert {"collections/xss", "themes/ningxin-zhuhun", "years/2021"} <= pages, pages
    for path in words:
        shape, text = docx_shape(path)
        assert shape == docx_shape(twin(path, hostile, plain))[0], path.relative_to(hostile)
        assert f"标题{HOSTILE}" in text and f"组织{HOSTILE}" in text, path.relative_to(hostile)
    pdf = pypdf.PdfReader(str(hostile / "collections/xss/booklet.pdf"))
    shown = "".join(page.extract_text() for page in pdf.pages)
    assert "<script>alert(1)</script><!--" in shown and "</textarea>]]>&lt;i&gt;" in shown, shown[:500]
    assert len(pdf.pages) == len(pypdf.PdfReader(str(plain / "collections/xss/booklet.pdf")).pages)


def test_tombstone_shows_only_title_date_and_reason(built):
    site = built["hostile"]
    for path in outputs(site):
        if "pagefind" in path.parts:
            continue
        raw = path.read_text(encoding="utf-8")
        for word in (WITHDRAWN_SUMMARY, WITHDRAWN_ORG, "撤回案例的标签不应出现", "撤回案例的服务对象不应出现", "撤回案例的正文不应出现"):
            assert word not in raw, f"{word} in {path.relative_to(site)}"
    # No photo, cover or share card of the withdrawn case is published.
    published = sorted(p.relative_to(site / "cases/xss-wd-001").as_posix() for p in (site / "cases/xss-wd-001").rglob("*") if p.is_file())
    assert published == ["embed/index.html", "index.html"], published
    tomb = parse_html(site / "cases/xss-wd-001/index.html")
    meta = {v for step in tomb.shape if step[0] == "start" and step[1] == "meta" for v in step[2]}
    assert "property" not in meta  # no og:image, og:description… of the case
    assert not any(v.startswith(("share-", "photo")) or "/share-" in v for v in tomb.values)
    text = "".join(tomb.texts)
    assert f"标题{HOSTILE}" in text and f"原因{HOSTILE}" in text and "2025年1月10日" in text


def test_problem_page_under_serve_escapes_what_it_quotes(served):
    hostile, plain = served["hostile"], served["plain"]
    pages = [p for p in hostile.rglob("index.html") if "sc-problems" in p.read_text(encoding="utf-8")]
    assert len(pages) == 2, pages
    plain_pages = [p for p in plain.rglob("index.html") if "sc-problems" in p.read_text(encoding="utf-8")]
    assert len(plain_pages) == len(pages)
    plain_shape = parse_html(plain_pages[0])
    allowed = {step[1] for step in plain_shape.shape if step[0] == "start"}
    for page in pages:
        shape = parse_html(page)
        starts = [step for step in shape.shape if step[0] == "start"]
        assert {step[1] for step in starts} <= allowed, page
        assert not any(name.startswith("on") for step in starts for name in step[2])
        assert shape.shape.count(("comment",)) == plain_shape.shape.count(("comment",))
        assert sum(step[1] == "script" for step in starts) == sum(step[1] == "script" for step in plain_shape.shape if step[0] == "start")
        assert not any("alert(" in script for script in shape.scripts)
        assert '甲"><script>alert(1)</script><!--' in "".join(shape.texts)  # messages quote it shortened
    for path in outputs(hostile):
        if path.suffix == ".html" and "pagefind" not in path.parts:
            other = twin(path, hostile, plain)
            if other.exists() and "sc-problems" not in path.read_text(encoding="utf-8"):
                assert parse_html(path).shape == parse_html(other).shape, path.relative_to(hostile)


# -- the pull-request summary ---------------------------------------------------------


def test_pr_summary_markdown_makes_no_markup(tmp_path, monkeypatch, capsys):
    from showcase.cli import main

    project = make_project(tmp_path)
    monkeypatch.chdir(project)
    as_editor(monkeypatch)
    cases = project / "cases"
    write_case(cases, "xss-old-001", 0, title="原来的已发布案例")
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "base", cwd=project)
    git("checkout", "-q", "-b", "editors", cwd=project)
    # Withdrawn with a hostile title and reviewer (a state change shows the reviewer), and a
    # new case in a hostile folder.
    review = {"reviewer": f"审核{HOSTILE}", "approved": "2025-01-10"}
    write_case(cases, "xss-old-001", 0, title=f"标题{HOSTILE}", review=review, status="withdrawn", withdrawn_reason="组织已注销")
    write_case(cases, "xss-new-001", 1, title=f"新{HOSTILE}*_[x](javascript:alert(1))`", folder="f`<b>x</b>|y")
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "hostile", cwd=project)
    code = main(["pr-summary", "--base", "main"])
    out = capsys.readouterr().out
    assert code == 0
    html = markdown.markdown(out, extensions=["tables"])
    shape = Shape()
    shape.feed(html)
    shape.close()
    tags = {step[1] for step in shape.shape if step[0] == "start"}
    assert tags <= {"h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "code", "strong", "ul", "li"}, tags
    assert ("comment",) not in shape.shape
    assert not any(step[2] for step in shape.shape if step[0] == "start" and step[1] not in ("th", "td"))  # no attributes
    text = "".join(shape.texts)
    assert f"标题{HOSTILE}" in text and f"审核{HOSTILE}" in text
    assert f"新{HOSTILE}*_[x](javascript:alert(1))`" in text
    assert "f`<b>x</b>|y" in text
    # Every row has the cells of its table's header: no | from the data made another.
    tables: list[list[int]] = []
    for step in shape.shape:
        if step[:2] == ("start", "table"):
            tables.append([])
        elif step[:2] == ("start", "tr"):
            tables[-1].append(0)
        elif step[0] == "start" and step[1] in ("th", "td"):
            tables[-1][-1] += 1
    assert len(tables) == 3 and all(len(set(rows)) == 1 for rows in tables), tables
    assert "（无编号）" not in out and "`xss-new-001`" in out
