"""The guide on the site (/guide/, in the navigation, stable anchors) and the preview of a
new draft (the pull-request artifact build with SHOWCASE_PREVIEW=true)."""

from __future__ import annotations

import re
import shutil
from html import unescape
from urllib.parse import unquote

import pytest
from showcase.core.editors.guide import guide_map

from tests.support.build import build_site, run_showcase
from tests.support.project import make_project, write_case


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("editors-site"), guide=True)
    write_case(project / "cases", "gz-pub-2023-001", 0, title="已经发布的示范案例")
    result = run_showcase(
        ["new", "--no-input", "--title", "新建的草稿案例", "--org", "某某社区志愿服务队", "--category", "1", "--theme", "5"]
        + ["--province", "广东省", "--city", "广州市", "--county", "越秀区", "--date", "2024-05-01"],
        project,
    )
    assert result.returncode == 0, result.stderr
    public = build_site(project)
    public_copy = project / "public"
    shutil.move(public, public_copy)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SHOWCASE_PREVIEW", "true")
        preview = build_site(project)
    return public_copy, preview


def test_guide_page_has_every_anchor_and_is_in_the_navigation(sites):
    public, _ = sites
    html = (public / "guide/index.html").read_text(encoding="utf-8")
    assert "<h1>投稿指南</h1>" in html
    for anchor in guide_map().anchors + ["review-flow", "privacy", "photos", "web-template"]:
        assert f'id="{anchor}"' in html, anchor
    assert '<h3 id="err-yaml">基本信息的格式</h3>' in html  # the heading carries the stable anchor
    nav = html.split('class="md-tabs"', 1)[1].split("</nav>", 1)[0]
    assert "投稿指南" in nav
    home = (public / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="guide/"[^>]*>\s*投稿指南', home)
    # an organization reading the public menu's guide is told first what it alone needs (a
    # reader's trial met a manual of GitHub, Python and VS Code): the form, from the site itself
    first = html.split("<h1>投稿指南</h1>", 1)[1].split("<h2", 1)[0]
    form = re.search(r'社区社会组织投稿，只看这一段就够了.*?href="(\.\./downloads/[^"]+\.docx)"', first, re.S)
    assert form is not None, first[:600]
    assert (public / "guide" / unquote(form.group(1))).resolve().is_file(), form.group(1)


def test_the_public_build_leaves_the_draft_out(sites):
    public, _ = sites
    assert (public / "cases/gz-pub-2023-001/index.html").is_file()
    assert not (public / "cases/gz-yuexiu-2024-001").exists()


def test_the_preview_build_shows_the_new_draft_with_its_banner(sites):
    _, preview = sites
    html = (preview / "cases/gz-yuexiu-2024-001/index.html").read_text(encoding="utf-8")
    assert "sc-banner--draft" in html
    assert "新建的草稿案例" in html
    assert "【请填写】主要做法。" in html  # visibly unfinished
    assert "正文从这里开始" not in html  # the template's comments never reach a page
    # a draft's page is never for search engines, should a preview be hosted (a test audit)
    assert '<meta name="robots" content="noindex">' in html
    for section in ("基本情况", "主要做法", "工作成效", "经验启示"):
        assert f">{section}</h2>" in html


def test_the_drafts_banner_and_citation_say_each_thing_once(sites):
    _, preview = sites
    html = (preview / "cases/gz-yuexiu-2024-001/index.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="sc-banner sc-banner--draft"[^>]*>(.*?)</p>', html, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", banner)
    assert text.count("草稿") == 1 and "尚未提交审核" in text, text
    citation = re.search(r'<p class="sc-cite__line">(.*?)</p>', html, re.S).group(1)
    assert "审核单位" not in citation and "（）" not in citation and "()" not in citation, citation
    assert "新建的草稿案例" in citation


def test_the_guides_examples_read_on_the_site_as_written(sites):
    # a documentation audit: a fenced block in a list showed as ``` text and swallowed the
    # next item, 139****5678 showed in bold, and section 7's examples gained four spaces
    # (a reviewer pasting the YAML one broke the case)
    public, _ = sites
    html = (public / "guide/index.html").read_text(encoding="utf-8")
    assert "```" not in html and "<blockquote>" not in html
    blocks = [unescape(b) for b in re.findall(r"<pre><code>(.*?)</code></pre>", html, re.S)]
    assert blocks and not [b for b in blocks if b.startswith(" ")], [b[:60] for b in blocks if b.startswith(" ")]
    assert any(b.startswith("status: published\nreview:\n  reviewer: 越秀区民政局\n") for b in blocks)
    assert "<code>139****5678</code>" in html and "<em>" not in html and "<strong>5678" not in html
    # section 7's steps 3 to 5 were read as the end of step 2's last paragraph (printing it showed so)
    steps = re.findall(r"<li>\s*(?:<p>)?\s*(?:<strong>)?([^<]{2,4})", html.split('id="review-flow"', 1)[1].split('id="pull-request"', 1)[0])
    assert steps[:5] == ["作者写好", "审核单位", "合并后，", "撤回", "重新发布"], steps
    # section 8's steps 2 and 3 likewise, after the paragraph added under step 1 (seen in Chromium)
    pulled = html.split('id="pull-request"', 1)[1].split('id="errors"', 1)[0]
    steps = re.findall(r"<li>\s*(?:<p>)?\s*([^<]{2,4})", pulled)
    assert [step for step in steps if step in ("新建一个", "自动检查", "检查不通")] == ["新建一个", "自动检查", "检查不通"], steps
    # nowhere a numbered step run into the paragraph before it
    runs = [
        p for p in re.findall(r"<p>(.*?)</p>", html, re.S) if re.search(r"[。：；）]\s*\d{1,2}\. \S", unescape(re.sub("<[^>]+>", "", p)))
    ]
    assert not runs, [r[:80] for r in runs]
    items = re.findall(r"<li><code>([a-z-]+)</code>", html)
    assert {"merge-conflict", "hidden-folder", "symlink"} <= set(items)
