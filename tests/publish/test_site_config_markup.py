"""A department's own mkdocs.yml: the words Material's templates print as they are (the menu's
titles, the site's name and description, the copyright line, ``extra``) are plain text."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from tests.support.build import build_project, mkdocs_build
from tests.support.project import make_project, write_case


def _with(project, replacements: dict[str, str], append: str = "") -> None:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    for pattern, line in replacements.items():
        text, count = re.subn(pattern, line, text, count=1, flags=re.M)
        assert count == 1, pattern
    path.write_text(text + append, encoding="utf-8")


def _refused(config, text: str) -> str:
    """What reading ``text`` as mkdocs.yml (at ``config``) refuses, said as the commands say it."""
    from showcase.core.collection.mkdocs_yml import _read_config
    from showcase.core.errors import ConfigError

    config.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        _read_config(config)
    return str(raised.value)


def test_markup_in_the_words_material_prints_stops_the_build_with_its_line(tmp_path):
    """Material prints these without escaping: a nav title's <img onerror> ran on every page
    (helper guardH's build of a department's mkdocs.yml)."""
    project = make_project(tmp_path / "p")
    write_case(project / "cases", "gz-yuexiu-2023-001", 1)
    _with(
        project,
        {
            r"^site_name:.*$": "site_name: 长沙市案例<img src=x onerror=alert(1)>",
            r"^site_description:.*$": 'site_description: "简介\u202e倒过来"',
            r"^extra:$": "extra:\n  note: <svg onload=alert(5)>",
        },
        "copyright: 长沙市民政局\u202e\n"
        "nav:\n  - 首页<b onmouseover=alert(3)>: index.md\n  - 关于:\n      - 本站</a><img src=x onerror=alert(4)>: about/\n",
    )
    text = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    line = {key: next(i + 1 for i, row in enumerate(text) if row.startswith(key)) for key in ("site_name", "site_description", "copyright")}
    nav = next(i + 1 for i, row in enumerate(text) if row.startswith("nav:"))
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    for words in (
        f"mkdocs.yml:{line['site_name']}: “site_name” 只能是纯文字，不能含 HTML 标签（“<img src=x onerror=alert(1)>”）",
        f"mkdocs.yml:{line['site_description']}: “site_description”里有看不见的字符 U+202E",
        f"mkdocs.yml:{line['copyright']}: “copyright”里有看不见的字符 U+202E",
        f"mkdocs.yml:{nav + 1}: “nav” 只能是纯文字，不能含 HTML 标签（“<b onmouseover=alert(3)>”）",
        f"mkdocs.yml:{nav + 3}: “nav” 只能是纯文字，不能含 HTML 标签（“</a>”）",
        "“extra.note” 只能是纯文字，不能含 HTML 标签（“<svg onload=alert(5)>”）",
    ):
        assert words in output, output
    assert not (project / "site").exists()


def test_plain_words_and_entities_in_mkdocs_yml_build(tmp_path):
    """What a site writes there today (the copyright's © as an entity, a menu of its own) builds."""
    project = make_project(tmp_path / "p")
    write_case(project / "cases", "gz-yuexiu-2023-001", 1)
    _with(project, {}, "copyright: Copyright &copy; 2024 长沙市民政局\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_copyright_is_html_through_the_sanitizer(tmp_path):
    """Material documents the copyright as HTML (a department links its name): the link is
    kept, a script or an event handler is not, on every page."""
    project = make_project(tmp_path / "p")
    write_case(project / "cases", "gz-yuexiu-2023-001", 1)
    link = '<a href="https://mzj.example.gov.cn/">长沙市民政局</a>'
    _with(project, {}, f"copyright: '&copy; 2024 {link}<script>alert(2)</script><b onmouseover=alert(3)>主办</b>'\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "alert(" not in html and "onmouseover" not in html, page
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert '© 2024 <a href="https://mzj.example.gov.cn/" rel="noopener noreferrer">长沙市民政局</a><b>主办</b>' in home


def test_the_consent_and_feedback_words_are_html_through_the_sanitizer(tmp_path):
    """Material documents the cookie consent's description and the feedback widget's notes as
    HTML (a link to the privacy page, to an issue form with the page's {title} and {url}) and
    prints them as they are (partials/consent.html, feedback.html): a tag in them stopped every
    command (site-markup). As the copyright: the links are kept, a script or an event handler
    is not, on every page; a character no one sees is still refused at its line."""
    project = make_project(tmp_path / "p")
    write_case(project / "cases", "gz-yuexiu-2023-001", 1)
    privacy = '<a href="/about/">隐私说明</a>'
    issue = '<a href="https://example.gov.cn/feedback?title={title}&amp;url={url}" target="_blank">告诉我们</a>'
    _with(
        project,
        {
            r"^extra:$": "extra:\n"
            "  consent:\n"
            "    title: 使用 Cookie\n"
            "    description: >-\n"
            f"      本站用 Cookie 统计访问量，详见{privacy}。\n"
            "      <script>alert(1)</script><b onmouseover=alert(2)>请选择</b>\n"
            "  analytics:\n"
            "    provider: google\n"
            "    property: G-XXXXXXXXXX\n"
            "    feedback:\n"
            "      title: 这一页有用吗？\n"
            "      ratings:\n"
            "        - icon: material/emoticon-happy-outline\n"
            "          name: 有用\n"
            "          data: 1\n"
            "          note: 谢谢！\n"
            "        - icon: material/emoticon-sad-outline\n"
            "          name: 没用\n"
            "          data: 0\n"
            f"          note: '请{issue}哪里不足。<img src=x onerror=alert(3)>'",
        },
    )
    built = build_project(project)
    pages = list(built.site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "alert(" not in html and "onmouseover" not in html and "onerror" not in html, page
    home = (built.site / "index.html").read_text(encoding="utf-8")
    assert '<p>本站用 Cookie 统计访问量，详见<a href="/about/" rel="noopener noreferrer">隐私说明</a>。 <b>请选择</b></p>' in home, home
    # Our pages draw their own content block, without Material's partials/content.html and its
    # feedback form: the note as Material's partial prints it from the build's settings
    feedback = built.config.theme.get_env().get_template("partials/feedback.html")
    form = feedback.render(config=built.config, page=SimpleNamespace(url="cases/x/", meta={}, title="某案例"))
    link = '<a href="https://example.gov.cn/feedback?title=%E6%9F%90%E6%A1%88%E4%BE%8B&amp;url=/cases/x/" rel="noopener noreferrer">'
    assert f'请{link}告诉我们</a>哪里不足。<img src="x">' in form and "谢谢！" in form, form
    assert "alert(" not in form and "onerror" not in form, form

    config = tmp_path / "mkdocs.yml"
    said = _refused(
        config,
        "site_name: 长沙市案例\n"  # 1
        "extra:\n"  # 2
        "  consent:\n"  # 3
        "    title: 使用<b>Cookie</b>\n"  # 4
        "    description: >-\n"  # 5
        f"      {privacy}\n"  # 6
        "      看\u202e不见\n",  # 7
    )
    assert f"{config}:4: “extra.consent.title” 只能是纯文字，不能含 HTML 标签（“<b>”）" in said, said  # Material escapes none
    assert f"{config}:7: “extra.consent.description”里有看不见的字符 U+202E" in said and "隐私说明" not in said, said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "site_name: 长沙市案例\n"  # 1
            "site_description: >-\n"  # 2
            "  第一行介绍\n"  # 3
            "  第二行介绍\n"  # 4
            "  第三行 <img src=x onerror=alert(1)>\n"  # 5
            "site_author: 长沙市\n"  # 6
            "  民政局 <b>局</b>\n",  # 7
            {5: "site_description", 7: "site_author"},
        ),
        # a word of ``extra`` in a block of text (``|``), as a site's texts are (one finder for
        # both: yamlnodes.scalar_line); a line separator (U+2028) that YAML counts as a line
        # end, and no editor shows as one, moves no line after it
        (
            'site_author: "长沙市\u2028民政局"\n'  # 1
            "site_name: 长沙<b>市</b>\n"  # 2
            "extra:\n"  # 3
            "  words:\n"  # 4
            "    note: |\n"  # 5
            "      第一行\n"  # 6
            "      第二行<i>斜</i>\n",  # 7
            {2: "site_name", 7: "extra.words.note"},
        ),
    ],
)
def test_markup_in_a_folded_or_wrapped_word_is_said_at_its_own_line(tmp_path, text, said):
    """A site_description written over several lines (``>-``, or plain text wrapped) is one
    line of words once read: the tag three lines down was said at the first line, or at the
    key's, where the worker looked and saw nothing wrong."""
    config = tmp_path / "mkdocs.yml"
    refused = _refused(config, text)
    for line, name in said.items():
        assert f"{config}:{line}: “{name}” 只能是纯文字" in refused, refused


def test_a_link_material_prints_into_an_attribute_is_a_plain_web_address(tmp_path):
    """extra.social's links go into href="…" as they are: a quote in one closed the attribute
    (onmouseover="alert(8)" on every page's footer icon, no < in it for the tag check), and a
    javascript: address ran on a click. A web address, a site path or mailto:/tel: only."""
    from showcase.core.collection.mkdocs_yml import _read_config

    config = tmp_path / "mkdocs.yml"
    said = _refused(
        config,
        "site_name: 长沙市案例\n"  # 1
        "extra:\n"  # 2
        "  social:\n"  # 3
        "    - icon: fontawesome/brands/weixin\n"  # 4
        "      link: 'https://x.cn/\" onmouseover=\"alert(8)'\n"  # 5
        "    - icon: fontawesome/solid/envelope\n"  # 6
        "      link: javascript:alert(9)\n"  # 7
        "    - icon: fontawesome/solid/envelope\n"  # 8
        "      link: mailto:mzj@example.gov.cn\n"  # 9
        "  alternate:\n"  # 10
        "    - name: English\n"  # 11
        "      link: /en/\n"  # 12
        "      lang: en\n"  # 13
        "  homepage: javascript:alert(10)\n",  # 14
    )
    assert f"{config}:5: “extra.social.link” 是网址" in said and "alert(8)" in said, said
    assert f"{config}:7: “extra.social.link” 是网址" in said, said
    assert f"{config}:14: “extra.homepage” 是网址" in said, said
    assert ":9:" not in said and ":12:" not in said, said
    text = config.read_text(encoding="utf-8").split("\n")
    config.write_text("\n".join(text[:4] + ["      link: https://weibo.com/mzj?a=1&b=2"] + text[7:13]), encoding="utf-8")
    _read_config(config)  # plain addresses: read


def test_the_theme_s_logo_and_icon_are_plain_paths(tmp_path):
    """Material writes theme.logo into <img src="…"> and theme.favicon into <link href="…">
    as they are (reviewH): a quote closed the attribute. A path or an address only."""
    from showcase.core.collection.mkdocs_yml import _read_config

    config = tmp_path / "mkdocs.yml"
    said = _refused(
        config,
        "site_name: 长沙市案例\n"  # 1
        "theme:\n"  # 2
        "  name: material\n"  # 3
        "  logo: 'assets/logo.png\" onerror=\"alert(1)'\n"  # 4
        "  favicon: assets/favicon.png\n",  # 5
    )
    assert (
        f"{config}:4: “theme.logo” 是网址" in said
        and ":5:" in said
        and "theme.favicon（网页图标）写的是 assets/favicon.png，但网站里没有这个文件" in said
    ), said
    (tmp_path / "site_overrides" / "assets").mkdir(parents=True)
    for name in ("logo.png", "favicon.png"):
        (tmp_path / "site_overrides" / "assets" / name).write_bytes(b"\x89PNG")
    text = (
        config.read_text(encoding="utf-8")
        .replace('" onerror="alert(1)', "")
        .replace("  name: material\n", "  name: material\n  custom_dir: site_overrides\n")
    )
    config.write_text(text, encoding="utf-8")
    _read_config(config)  # plain paths to files the theme's folder publishes: read


def test_a_theme_option_material_does_not_have_and_a_language_it_has_no_words_for_are_refused(tmp_path):
    """A maintainer's trial: faviocn and lgoo were passed over unsaid (the site went out with
    Material's icon and no logo), and language: zh-CN stopped the build on a traceback with
    the site half written. Check, doctor and build read mkdocs.yml through this one reader."""
    from showcase.core.collection.mkdocs_yml import _read_config

    config = tmp_path / "mkdocs.yml"
    said = _refused(
        config,
        "site_name: 浙江省案例\n"  # 1
        "theme:\n"  # 2
        "  name: material\n"  # 3
        "  language: zh-CN\n"  # 4
        "  faviocn: assets/images/favicon.png\n"  # 5 (Material's own)
        "  palette:\n"  # 6
        "    primary: red\n",  # 7
    )
    assert f"{config}:4: theme.language 写的是“zh-CN”，网站主题没有这个语言的文字" in said and "简体中文写 zh" in said, said
    assert f"{config}:5: theme 下没有 faviocn 这个选项，是不是 favicon？" in said and ":6:" not in said, said
    config.write_text(config.read_text(encoding="utf-8").replace("zh-CN", "zh").replace("faviocn", "favicon"), encoding="utf-8")
    _read_config(config)  # Material's options and language: read
    (tmp_path / "over" / "partials" / "languages").mkdir(parents=True)
    (tmp_path / "over" / "partials" / "languages" / "zh-CN.html").write_text("{% macro t(key) %}{% endmacro %}", encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("language: zh", "language: zh-CN\n  custom_dir: over"), encoding="utf-8")
    _read_config(config)  # a language the site's own templates give words for
    # a value MkDocs reads from the environment is no path written here (a review: 写的是 SITE_ICON)
    text = config.read_text(encoding="utf-8")
    assert "  favicon: assets/images/favicon.png\n" in text
    config.write_text(
        text.replace("  favicon: assets/images/favicon.png\n", "  favicon: !ENV SITE_ICON\n  logo: !ENV [SITE_LOGO, x.png]\n"),
        encoding="utf-8",
    )
    _read_config(config)
    config.write_text(text, encoding="utf-8")
    # an option the site's own templates read, a YAML merge key: taken (a review); a name too
    # long for the system: said, not a traceback
    (tmp_path / "over" / "main.html").write_text("{{ config.theme.banner }}", encoding="utf-8")
    text = config.read_text(encoding="utf-8")
    config.write_text(
        "base: &base\n  primary: red\n" + text.replace("  palette:\n", "  banner: 浙江\n  <<: *base\n  palette:\n"), encoding="utf-8"
    )
    _read_config(config)
    long = config.read_text(encoding="utf-8").replace("favicon: assets/images/favicon.png", "favicon: " + "a" * 300 + ".png")
    config.write_text(long, encoding="utf-8")
    said = _refused(config, long)
    assert "theme.favicon（网页图标）写的是 aaaa" in said and len(said) < 600, said  # not said back whole


def test_a_site_url_with_a_space_after_it_is_refused_at_its_line(tmp_path):
    """A maintainer's trial: site_url: "https://…/wmsj/ " passed check and doctor, and the
    build stopped on “…/wmsj/ /” (MkDocs adds its / after the space)."""
    from showcase.core.collection.mkdocs_yml import _read_config

    config = tmp_path / "mkdocs.yml"
    said = _refused(config, 'site_name: 浙江省案例\nsite_url: "https://mzt.zj.gov.cn/wmsj/ "\n')
    assert f"{config}:2: site_url“https://mzt.zj.gov.cn/wmsj/ ”前后有空格" in said and 'site_url: "https://mzt.zj.gov.cn/wmsj/"' in said, (
        said
    )
    assert len(_refused(config, f'site_name: x\nsite_url: "https://{"a" * 8000}.cn/ "\n')) < 400  # not said back whole (hostile input)
    config.write_text('site_name: 浙江省案例\nsite_url: "https://mzt.zj.gov.cn/wmsj/"\n', encoding="utf-8")
    _read_config(config)


def test_a_list_keeps_its_first_number_on_a_site_whose_mkdocs_yml_predates_sane_lists(tmp_path):
    """`showcase import` writes a list Word numbered on (4. 5. after a paragraph) as such, and
    the booklets print it so: a department's mkdocs.yml without sane_lists numbered it from
    1 on the site (reviewH). The plugin adds the extension."""
    from tests.support.project import BODY

    project = make_project(tmp_path / "p")
    _with(project, {r"^  - sane_lists.*\n": ""})
    assert "sane_lists" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    body = BODY + "\n\n服务队的做法：\n\n1. 摸清底数\n2. 组建队伍\n\n在此基础上：\n\n3. 建立台账\n4. 定期回访\n"
    write_case(project / "cases", "gz-yuexiu-2023-001", 1, body=body)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "site" / "cases" / "gz-yuexiu-2023-001" / "index.html").read_text(encoding="utf-8")
    assert '<ol start="3">\n<li>建立台账</li>' in page, page[page.find("在此基础上") : page.find("在此基础上") + 200]


def test_markup_in_a_file_mkdocs_yml_inherits_stops_the_build_and_the_check(tmp_path):
    """A review: MkDocs prints the inherited file's words on every page as it prints
    mkdocs.yml's, and its menu title's <img onerror> was on the built pages while the same
    line in mkdocs.yml was refused."""
    from tests.support.build import run_showcase

    project = make_project(tmp_path / "p")
    write_case(project / "cases", "gz-yuexiu-2023-001", 1)
    config = project / "mkdocs.yml"
    (project / "base.yml").write_text(
        config.read_text(encoding="utf-8") + "nav:\n  - 首页<img src=x onerror=alert(1)>: index.md\n", encoding="utf-8"
    )
    line = (project / "base.yml").read_text(encoding="utf-8").count("\n")
    config.write_text("INHERIT: base.yml\nsite_description: 县里的案例\n", encoding="utf-8")
    result = mkdocs_build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert f"base.yml:{line}: “nav” 只能是纯文字，不能含 HTML 标签（“<img src=x onerror=alert(1)>”）" in output, output
    assert not (project / "site").exists()
    check = run_showcase(["check"], project)
    assert check.returncode == 2 and f"base.yml:{line}: “nav” 只能是纯文字" in check.stderr, check.stderr


def test_a_theme_no_package_provides_is_said_by_the_check_in_chinese(tmp_path):
    """A maintainer's trial: ``name: materail`` stopped the build before any plugin ran, in
    MkDocs' English (Unrecognised theme name), while the check and the doctor said nothing.
    Both say it now at its line; written as ``theme: materail`` too."""
    from tests.support.build import run_showcase

    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("  name: material\n") == 1
    config.write_text(text.replace("  name: material\n", "  name: materail\n"), encoding="utf-8")
    line = next(n for n, row in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "materail" in row)
    check = run_showcase(["check"], project)
    said = f"mkdocs.yml:{line}: theme 的 name 写的是“materail”，没有装这个主题，网站无法生成：是不是 material？"
    assert check.returncode == 2 and said in check.stderr and "Traceback" not in check.stderr, check.stderr
    doctor = run_showcase(["doctor"], project)
    assert doctor.returncode == 1 and "materail" in doctor.stdout + doctor.stderr, doctor.stdout + doctor.stderr
    alone = _refused(tmp_path / "mkdocs.yml", "site_name: x\ntheme: materail\n")
    assert ":2: theme 的 name 写的是“materail”" in alone and "是不是 material？" in alone, alone
    from showcase.core.collection.mkdocs_yml import _read_config

    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: material\n", encoding="utf-8")
    _read_config(tmp_path / "mkdocs.yml")  # an installed theme, as a plain name: read
