"""The publicity site built from a designed collection: pages, lists, counts, states."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from showcase.core.site.sanitize import RESERVED_IDS, safe_id

from tests.support.build import mkdocs_build
from tests.support.project import ROOT, configure

from .conftest import BODY, THEMES, build_site, make_project, write_case

NASTY = """## 基本情况

<script>alert('x')</script>
<p onclick="steal()">点击</p>
<a href="javascript:alert(1)">坏链接</a>
<iframe src="https://attacker.invalid/"></iframe>
<form action="/x"><input name="q"></form>
<img src="photo1.jpg" alt="封面" onerror="steal()">

| 项目 | 人数 |
|:--|--:|
| 助餐 | 30 |

<details id="__config"><summary>说明</summary>{"base": "https://attacker.invalid/x/", "features": ["content.tooltips"], "translations": {}, "search": "", "version": {"provider": "mike"}}</details>
<div id="sc-main" class="md-dialog sc-banner sc-photo" title="<b onmouseover=steal()>提示</b>">伪装成网站的通知</div>

<!-- 内部备注：困难户赵某某家的情况，不要公开 -->

### 引用 {#cite}

### 同名 {#c-cite}
"""


def _collection(cases: Path) -> None:
    for n in range(35):
        write_case(cases, f"pub-{n:03d}", n, themes=["便民服务"], featured=(n == 3) or None)
    for n, theme in enumerate(THEMES):
        if theme != "bianmin-fuwu":
            write_case(cases, f"theme-{n:03d}", 100 + n, themes=[theme, "聚焦便民服务"], brands=["邻里守望"])
    write_case(cases, "draft-001", 200, status="draft", title="草稿专用唯一标题甲乙丙", review=None)
    write_case(cases, "review-001", 201, status="review", title="待审专用唯一标题丁戊己", review=None)
    write_case(cases, "gone-001", 202, status="withdrawn", title="已撤回的案例标题", withdrawn_reason="组织已注销，案例撤回。")
    write_case(cases, "renamed-001", 203, aliases=["old-001"], title="改过编号的案例")
    write_case(cases, "nasty-001", 204, body=NASTY, title="带有危险代码的案例")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("site"))
    _collection(project / "cases")
    return build_site(project)


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_published_case_page(site):
    html = read(site, "cases/pub-003")
    assert "第3号社区互助实践案例" in html
    assert "这是第3个测试案例的摘要" in html
    assert 'href="../../themes/bianmin-fuwu/"' in html
    assert 'href="../../categories/wenti-huodong/"' in html  # CATEGORIES[3 % 4]
    assert "测试社区第3志愿服务队" in html
    assert '<h2 id="_1">基本情况</h2>' in html or ">基本情况</h2>" in html
    # The cover goes through the image pipeline: cleaned renditions, never the original file.
    assert re.search(r'<picture><source type="image/webp" srcset="../../cases/pub-003/photo1-[0-9a-f]{10}-120\.webp 120w"', html)
    assert list((site / "cases/pub-003").glob("photo1-*-120.jpg")) and not (site / "cases/pub-003/photo1.jpg").exists()
    assert "引用本案例" in html and "/cases/pub-003/" in html
    assert "相关案例" in html
    assert "13 人" in html  # volunteers


def test_material_s_unused_search_and_source_maps_are_not_published(site):
    """Material's lunr search (its plugin is off: search is Pagefind) and its source maps,
    2.5 MB no page loads, were served (a department's security review)."""
    assert (site / "assets" / "javascripts").is_dir() and list((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not list((site / "assets" / "javascripts").glob("workers/search.*"))
    assert not list(site.rglob("*.map"))


def test_material_s_search_keeps_its_files_when_a_site_turns_it_on(tmp_path, caplog):
    """An audit: MkDocs names ``- search`` material/search, so the files were left out
    whatever mkdocs.yml said, and the search dialog the warning names could not work."""
    project = make_project(tmp_path)
    write_case(project / "cases", "pub-001", 1)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n", 1), encoding="utf-8")
    site = build_site(project)
    assert "Material 自带的 search 插件" in caplog.text
    assert (site / "assets" / "javascripts" / "lunr").is_dir()
    assert list((site / "assets" / "javascripts").glob("workers/search.*.min.js"))
    assert (site / "search" / "search_index.json").is_file()


def test_states_draft_review_never_built(site):
    assert not (site / "cases/draft-001").exists()
    assert not (site / "cases/review-001").exists()
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "草稿专用唯一标题甲乙丙" not in text, path
        assert "待审专用唯一标题丁戊己" not in text, path


def test_withdrawn_is_a_tombstone_listed_nowhere(site):
    html = read(site, "cases/gone-001")
    assert "本案例已撤回" in html and "组织已注销，案例撤回。" in html
    assert "<strong>撤回单位：</strong>测试区民政局" in html  # whom a department that cited it asks (a reader's review)
    assert "基本情况" not in html and "photo1.jpg" not in html
    assert not (site / "cases/gone-001/photo1.jpg").exists()
    for path in site.rglob("*.html"):
        if "gone-001" not in path.parts:
            assert "cases/gone-001" not in path.read_text(encoding="utf-8"), path


def test_the_folder_above_every_permalink_leads_home(site):
    """A reader's review: /cases/, a permalink trimmed, was the 404 page (nginx) or a list of
    folders (a plain server)."""
    html = read(site, "cases")
    assert '<meta http-equiv="refresh" content="0; url=..">' in html and '<meta name="robots" content="noindex">' in html
    assert '"/cases/" "/";' in (site / "_redirects.nginx").read_text(encoding="utf-8")


def test_alias_redirects(site):
    html = read(site, "cases/old-001")
    assert '<meta http-equiv="refresh" content="0; url=../renamed-001/">' in html
    assert '<link rel="canonical" href="../renamed-001/">' in html
    # The site's icon, as on every page: else the browser asks for /favicon.ico and gets a 404.
    icon = re.search(r'<link rel="icon" href="([^"]+)">', html)
    assert icon and (site / "cases/old-001" / icon.group(1)).resolve().is_file()


def test_every_kind_of_page_the_core_plans_has_a_template_of_the_plugin():
    """The core plans pages by kind; the adapter alone names the Jinja templates."""
    from showcase.core.site.plan import PageKind, PageSpec
    from showcase.plugin.plugin import PACKAGE, TEMPLATES, template_of

    assert set(TEMPLATES) == set(PageKind)
    for kind in PageKind:
        for target in ("", "cases/x/"):  # a redirect to the home page has the target ""
            name = template_of(PageSpec(kind, "x/", "t", target=target))
            assert (PACKAGE / "templates" / name).is_file(), name
    assert template_of(PageSpec(PageKind.EMBED, "cases/old/embed/", "t", target="cases/x/embed/")) == "showcase/redirect.html"
    assert template_of(PageSpec(PageKind.FALLBACK, "themes/old/", "t", target="")) == "showcase/redirect.html"


def test_home_counts_and_cards(site):
    html = read(site, "")
    assert html.count('class="sc-theme"') == 6
    counts = dict(
        re.findall(
            r'href="themes/([a-z-]+)/">\s*<span class="sc-theme__name">[^<]+</span>\s*<span class="sc-theme__count"><strong>(\d+)</strong>',
            html,
        )
    )
    # 35 with the primary theme + 5 with it as second theme
    assert counts["bianmin-fuwu"] == "40"
    assert counts["ningxin-zhuhun"] == "2"  # theme-000 and nasty-001
    assert "第3号社区互助实践案例" in html  # featured
    assert "已撤回的案例标题" not in html


def test_pagination(site):
    first = read(site, "themes/bianmin-fuwu")
    second = read(site, "themes/bianmin-fuwu/page/2")
    assert "共 <strong>40</strong> 个案例，第 1 页，共 2 页" in first
    assert first.count('class="sc-card"') == 30 and second.count('class="sc-card"') == 10
    assert 'rel="next" href="page/2/"' in first


def test_a_long_listing_links_the_ends_and_the_pages_nearby(tmp_path):
    """14 pages of 3: each page links the first, the last and two either side, not all 14;
    every page is still reached by following 下一页 from the first."""
    project = make_project(tmp_path)
    _collection(project / "cases")
    built = build_site(project, options={"per_page": 3})
    pager = re.search(r'<nav class="sc-pager"[^>]*>(.*?)</nav>', read(built, "themes/bianmin-fuwu/page/7"), re.S)
    assert pager is not None
    shown = re.findall(r'<a href="([^"]*)">(\d+)</a>|<span aria-current="page">(\d+)</span>|(sc-pager__gap)', pager.group(1))
    assert [num or cur or ("…" if gap else "") for _, num, cur, gap in shown] == ["1", "…", "5", "6", "7", "8", "9", "…", "14"]
    assert 'rel="prev" href="../6/"' in pager.group(1) and 'rel="next" href="../8/"' in pager.group(1)
    seen, url = [], "themes/bianmin-fuwu"
    while True:
        seen.append(url)
        nxt = re.search(r'rel="next" href="([^"]+)"', read(built, url))
        if nxt is None:
            break
        url = os.path.normpath(os.path.join(url + "/", nxt.group(1))).replace(os.sep, "/")
    assert len(seen) == 14 and seen[-1] == "themes/bianmin-fuwu/page/14"


def test_listing_urls_have_no_percent_encoding(site):
    for path in site.rglob("index.html"):
        rel = path.relative_to(site).as_posix()
        assert rel.isascii(), rel
    assert (site / "regions/guangdong/guangzhou/index.html").is_file()
    assert (site / "regions/beijing/index.html").is_file()
    assert (site / "years/2024/index.html").is_file()
    assert (site / "brands/linli-shouwang/index.html").is_file()
    assert (site / "categories/wenti-huodong/index.html").is_file()


def test_cases_stay_out_of_navigation(site):
    html = read(site, "themes/bianmin-fuwu")
    nav = html.split('class="md-tabs"', 1)[1].split("</nav>", 1)[0]
    assert "cases/" not in nav
    for label in ("实践主题", "组织类别", "地区", "年份", "关于本站"):
        assert label in nav


def test_sanitizing(site):
    html = read(site, "cases/nasty-001")
    body = html.split('class="sc-case__body"', 1)[1].split('class="sc-cite"', 1)[0]
    assert "<script" not in body and "alert(" not in body
    assert "onclick" not in body and "onerror" not in body
    assert "javascript:" not in body
    assert "<iframe" not in body and "<form" not in body and "<input" not in body
    assert 'style="text-align:right"' in body  # table alignment survives
    # No body element takes an id of the site's own: scripts find the first element with an
    # id, and a body's id="__config" became the settings Material's script reads.
    ids = re.findall(r'\bid="([^"]*)"', body)
    assert {"c-__config", "c-sc-main", "c-cite"} <= set(ids), ids
    assert not [i for i in ids if i.startswith(("__", "sc-")) or i in RESERVED_IDS], ids
    assert html.count('id="__config"') == 1 and re.search(r'<script id="__config" type="application/json">', html)
    assert html.count('id="cite"') == 1 and html.count('id="sc-main"') == 1
    assert set(" ".join(re.findall(r'\bclass="([^"]*)"', body)).split()) <= {"sc-photo"}  # no md-dialog, sc-banner
    assert 'title="b onmouseover=steal()提示/b"' in body
    # an editor's HTML comment never reaches the published page's source (a test audit: only
    # a preview build's test noticed when comments were kept)
    assert "内部备注" not in html and "赵某某" not in html


def test_sanitizing_twice_changes_nothing():
    """Cached bodies are sanitized again when read; a second pass that changed an id
    (c-x → c-c-x) made every later build call the cached body damaged (a review)."""
    from showcase.core.site.sanitize import sanitize

    once = sanitize('<h2 id="cite">x</h2><h2 id="c-x">y</h2><h2 id="__config">z</h2><p id="Cite" class="sc-photo md-x" title="<b>">t</p>')
    assert sanitize(once) == once and 'id="c-cite"' in once and 'id="c-x"' in once
    assert all(safe_id(safe_id(i)) == safe_id(i) for i in ("__a", "sc-b", "cite", "Cite", "c-cite", "c-__a", "主要做法", "_1"))


def test_every_id_the_templates_write_is_outside_what_a_body_may_take():
    """The templates' own ids (ours, Material's) are reserved: a body id becomes ``c-…``."""
    import material

    folders = [ROOT / "plugins/showcase/templates", ROOT / "site_overrides", Path(material.__file__).parent / "templates"]
    ids = {
        m for folder in folders for page in folder.rglob("*.html") for m in re.findall(r'\bid="([^"{]+)', page.read_text(encoding="utf-8"))
    }
    assert {"__config", "__search", "cite", "sc-main"} <= ids, ids
    assert all(safe_id(i) != i for i in ids), [i for i in ids if safe_id(i) == i]


def test_no_external_assets(site):
    pattern = re.compile(r'<(?:link|script|img|source|iframe)\b[^>]*(?:src|href)="(https?:)?//', re.IGNORECASE)
    for path in site.rglob("*.html"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path
    # a style sheet that pulls a web font or another sheet from any other host (url() or @import)
    remote = re.compile(r"""(?:url\(\s*['"]?|@import\s+(?:url\(\s*)?['"]?)(?:https?:)?//""", re.IGNORECASE)
    for path in site.rglob("*.css"):
        assert not remote.search(path.read_text(encoding="utf-8")), path
    # The site's own scripts and style sheets name no other host, not even in a comment: a
    # department's security review reads them, and a scanner cannot tell a comment from a load.
    host = re.compile(r"(?:https?:)?//[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)
    own = list((site / "assets" / "showcase").glob("*.*"))
    assert any(p.name.startswith("resize-observer.") for p in own)
    for path in own:
        assert not host.search(path.read_text(encoding="utf-8")), (path, host.search(path.read_text(encoding="utf-8")))


def test_errors_fail_the_build_with_file_and_line(tmp_path, caplog):
    project = make_project(tmp_path)
    write_case(project / "cases", "good-001", 1)
    bad = write_case(project / "cases", "bad-001", 2, themes=["便民服务类"])
    with pytest.raises((PluginError, Abort)) as info:
        build_site(project)
    del info
    lines = [r.getMessage() for r in caplog.records]
    assert any("案例有 1 处错误，构建中止" in m for m in lines)
    expected = f"{os.path.relpath(bad)}:6: error [unknown-themes]"
    assert any(m.startswith(f"showcase: {expected}") and "是不是“便民服务”" in m for m in lines), lines


def test_a_case_s_warnings_never_stop_a_strict_build_the_build_s_own_do(tmp_path):
    # make site and both workflows run `mkdocs build --strict`. A warning is a reminder to a
    # case's authors (CONTRIBUTING: 不影响发布): a fresh draft's 【请填写】 and a published
    # case's unknown key are shown as warnings, and the site is built.
    project = make_project(tmp_path)
    write_case(project / "cases", "good-001", 1, tag="社区")
    write_case(project / "cases", "draft-001", 2, status="draft", review=None, body=BODY + "\n【请填写】活动的成效。\n")
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    assert any("good-001/index.md" in w and "warning [unknown-key]" in w for w in warnings), output
    assert any("draft-001/index.md" in w and "warning [placeholder]" in w for w in warnings), output
    assert "错误 0 处，警告 2 处" in output
    assert (project / "site" / "cases" / "good-001" / "index.html").is_file()
    # A problem of the build itself (a share-card font without Chinese) still stops it.
    configure(project, share_font="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Aborted with 1 warnings in strict mode" in output, output
    assert any(line.startswith("WARNING") and "不含中文字形" in line for line in output.splitlines()), output


def test_a_share_card_the_build_could_not_draw_is_a_warning_strict_stops_at(caplog):
    # Of the diagnostics attached to cases, the build's own problems are for its maintainers
    # and stay WARNING: a code review found share-failed slipping past --strict as a reminder.
    import logging

    from showcase.core.diagnostics import REMINDER, Diagnostic, Severity
    from showcase.core.site.build import level_of
    from showcase.plugin.plugin import log

    caplog.set_level(logging.DEBUG)
    where = Path("cases/x/index.md")
    for diagnostic in (
        Diagnostic(where, 3, Severity.WARNING, "share-failed", "分享图没有生成。"),
        Diagnostic(where, 4, Severity.WARNING, "placeholder", "这里还是模板里的【请填写】提示。"),
    ):
        log.log(level_of(diagnostic), diagnostic.format())  # as the build says it (SiteSteps.say)
    (failed,) = [r for r in caplog.records if "share-failed" in r.getMessage()]
    (reminder,) = [r for r in caplog.records if "placeholder" in r.getMessage()]
    assert failed.levelno == logging.WARNING
    assert reminder.levelno == REMINDER < logging.WARNING and reminder.levelname == "WARNING"


def test_serve_previews_drafts_and_problems(tmp_path):
    project = make_project(tmp_path)
    write_case(project / "cases", "good-001", 1)
    write_case(project / "cases", "draft-001", 2, status="draft", review=None)
    write_case(project / "cases", "review-001", 3, status="review", review=None)
    write_case(project / "cases", "bad-001", 4, volunteers="很多")
    site = build_site(project, serve=True)
    assert "草稿" in read(site, "cases/draft-001") and "sc-banner--draft" in read(site, "cases/draft-001")
    assert "sc-banner--review" in read(site, "cases/review-001")
    problems = read(site, "cases/bad-001")
    assert "volunteers（志愿者人数）应是不小于 0 的整数" in problems and "第 " in problems
    home = read(site, "")
    assert "草稿" not in home.split('id="sc-latest"')[1]  # previews never enter lists
    assert home.count('class="sc-card"') == 1


def test_quotes_in_a_summary_stay_inside_the_meta_description(tmp_path):
    project = make_project(tmp_path)
    summary = '居民说"这个服务真好" onmouseover="x()"，社区互助队坚持三年上门服务，效果很好。'
    write_case(project / "cases", "quote-001", 1, summary=summary)
    html = read(build_site(project), "cases/quote-001")
    attributes: list[str] = []
    descriptions: list[str | None] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attributes.extend(name for name, _ in attrs)
            if tag == "meta" and ("name", "description") in attrs:
                descriptions.append(dict(attrs).get("content"))

    Tags().feed(html)
    assert descriptions == [summary]  # escaped once: the quotes are the summary's, whole
    assert "onmouseover" not in attributes  # as text it is harmless; as an attribute it is not
