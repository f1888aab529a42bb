"""A department's own texts file (the ``texts`` option) as a real build reads it."""

from __future__ import annotations

from tests.support.build import build_site, mkdocs_build
from tests.support.project import configure, make_project, write_case

HOSTILE = (
    "site:\n  tagline: 看<script>alert(1)</script>各地\n"
    "about:\n  body: |\n    ## 本站\n\n    本站<img src=x onerror=alert(4)>案例。\n"
    "search:\n  count: 找到案例\n"
)


def _project(tmp_path, words: str):
    project = make_project(tmp_path / "p")
    write_case(project / "cases", "gz-yuexiu-2023-001", 1)
    (project / "my-texts.yml").write_text(words, encoding="utf-8")
    configure(project, texts="my-texts.yml")
    return project


def test_html_and_a_missing_number_in_a_sites_texts_stop_the_build_in_chinese(tmp_path):
    """The about page published the <img onerror> of about.body as it was, and 找到案例 left the
    search without its count (helper textsH's build of a department's texts)."""
    project = _project(tmp_path, HOSTILE)
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    for words in (
        "my-texts.yml:2: “site.tagline” 只能是纯文字，不能含 HTML 标签（“<script>”）",
        "my-texts.yml:7: “about.body” 里不能写 HTML 标签（“<img src=x onerror=alert(4)>”）",
        "my-texts.yml:9: “search.count” 里少了 {count}",
    ):
        assert words in output, output
    assert not (project / "site").exists()


def test_the_about_page_is_sanitized_as_a_case_body_is(tmp_path, monkeypatch):
    """The second line: a word past the texts' check (an older site's file) is no markup on the page."""
    from showcase.core.site import texts

    monkeypatch.setattr(texts, "_check_words", lambda *args: None)
    project = _project(tmp_path, HOSTILE)
    site = build_site(project)
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert "本站" in about and "案例。" in about
    assert "onerror" not in about and "<script>alert" not in about, about


def test_a_departments_guide_is_sanitized_as_the_about_page_is(tmp_path):
    """The /guide/ page printed a department's guide file (the ``guide`` option) with ``| safe``
    and unsanitized: its <script> and <img onerror> reached the page (helper guardH's build)."""
    project = make_project(tmp_path / "p")
    write_case(project / "cases", "gz-yuexiu-2023-001", 1)
    (project / "my-guide.md").write_text(
        '# 投稿指南\n\n<a id="setup"></a>\n## 准备\n\n先看<img src=x onerror=alert(7)>这里。\n\n<script>alert(8)</script>\n\n'
        '<a href="javascript:alert(9)">链接</a>\n',
        encoding="utf-8",
    )
    configure(project, guide="my-guide.md")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    guide = (project / "site" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "先看" in guide and "这里。" in guide and 'id="setup"' in guide, guide
    for hostile in ("onerror", "alert(8)", "javascript:"):
        assert hostile not in guide, guide


def test_links_from_the_site_s_root_on_the_about_page_and_the_guide_stay_within_the_site(tmp_path):
    """A maintainer's trial under https://mzt.zj.gov.cn/wmsj/: the about page's
    [优秀案例](/cases/…/) and [浏览主题](/themes/) led to the host's root, out of the site
    (a case body's such links are made relative; these were not)."""
    project = _project(tmp_path, "about:\n  body: |\n    看看[这个案例](/cases/gz-yuexiu-2023-001/)和[全部主题](/themes/)。\n")
    (project / "my-guide.md").write_text("# 投稿指南\n\n先看[案例](/cases/gz-yuexiu-2023-001/#cite)。\n", encoding="utf-8")
    configure(project, guide="my-guide.md")
    site = build_site(project, "https://mzt.zj.gov.cn/wmsj/")
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../cases/gz-yuexiu-2023-001/"' in about and 'href="../themes/"' in about, about
    guide = (site / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'href="../cases/gz-yuexiu-2023-001/#cite"' in guide and 'href="/cases/' not in guide, guide
    assert (site / "cases" / "gz-yuexiu-2023-001" / "index.html").is_file() and (site / "themes" / "index.html").is_file()


def test_a_photo_s_zoom_link_says_the_site_s_own_words(tmp_path):
    """The tooltip of a photo's link to its largest rendition was a constant of the photo
    pipeline: a site's texts file could not word it (texts.yml ``reader.photo_zoom``)."""
    project = _project(tmp_path, "reader:\n  photo_zoom: 点一下看清楚\n")
    body = "## 基本情况\n\n社区里空巢老人多。\n\n![结对探访](photo1.jpg)\n"
    write_case(project / "cases", "gz-yuexiu-2023-001", 1, body=body)
    page = (build_site(project) / "cases" / "gz-yuexiu-2023-001" / "index.html").read_text(encoding="utf-8")
    assert '<figure class="sc-photo"><a href="photo1-' in page and 'title="点一下看清楚"' in page, page
    assert "点按查看大图" not in page
