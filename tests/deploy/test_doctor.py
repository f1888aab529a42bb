"""``showcase doctor``: run as a real process, with fontconfig emptied for the font check."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from showcase.core.editors import doctor

from tests.support.build import PY, mkdocs_build, run, run_showcase
from tests.support.project import configure, make_project, write_case, write_ledger

EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>{cache}</cachedir></fontconfig>
"""


def run_doctor(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return run_showcase(["doctor"], cwd, env=env)


def write_site(folder: Path, config: str) -> None:
    """mkdocs.yml and the cases folder beside it, as every project has."""
    (folder / "mkdocs.yml").write_text(config if "docs_dir:" in config else config.rstrip("\n") + "\ndocs_dir: cases\n", encoding="utf-8")
    (folder / "cases").mkdir(exist_ok=True)


@pytest.fixture(scope="module")
def no_fonts(tmp_path_factory) -> dict[str, str]:
    """fontconfig with no font folder at all: what a fresh GitHub runner or container has for Chinese."""
    folder = tmp_path_factory.mktemp("fontconfig")
    config = folder / "fonts.conf"
    config.write_text(EMPTY_FONTCONFIG.format(cache=folder / "cache"), encoding="utf-8")
    return {"FONTCONFIG_FILE": str(config)}


def test_a_computer_with_everything_passes(tmp_path):
    write_site(tmp_path, "site_name: t\nplugins:\n  - showcase\n")
    done = run_doctor(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[通过] 中文字体（分享图用）：" in done.stdout
    assert "[通过] Pagefind（搜索索引程序）：pagefind 1." in done.stdout
    assert f"{tmp_path / '.cache/showcase/images'}" in done.stdout  # the cache folders, made and written
    assert (tmp_path / ".cache/showcase/bodies").is_dir() and not list((tmp_path / ".cache/showcase/bodies").iterdir())


def test_a_missing_cjk_font_is_named_with_its_fix(tmp_path, no_fonts):
    write_site(tmp_path, "site_name: t\nplugins:\n  - showcase\n")
    done = run_doctor(tmp_path, no_fonts)
    assert done.returncode == 1
    assert "[缺少] 中文字体（分享图用）：fontconfig 没有找到含中文字形的字体" in done.stdout
    assert "解决办法：安装中文字体：sudo apt-get install fonts-noto-cjk" in done.stdout
    assert "有 1 项必须解决（中文字体（分享图用））" in done.stdout
    assert "Traceback" not in done.stderr


def test_no_font_is_needed_without_share_cards(tmp_path, no_fonts):
    write_site(tmp_path, "site_name: t\nplugins:\n  - showcase:\n      share_images: false\n")
    done = run_doctor(tmp_path, no_fonts)
    assert done.returncode == 0, done.stdout
    assert "[通过] 中文字体（分享图用）：网站没有开启分享图" in done.stdout


def test_a_cache_folder_that_cannot_be_written(tmp_path):
    (tmp_path / "blocked").write_text("a file where the cache folder should be", encoding="utf-8")
    write_site(tmp_path, "site_name: t\nplugins:\n  - showcase:\n      image_cache: blocked/images\n")
    done = run_doctor(tmp_path)
    assert done.returncode == 1
    assert f"[缺少] 缓存文件夹：无法在 {tmp_path / 'blocked/images'} 里写文件（路径里有一级不是文件夹，而是文件）" in done.stdout
    assert "Not a directory" not in done.stdout  # the system's words, in English


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ('site_url: "https://www.example.gov.cn/anli/index.html"', "最后一段“index.html”是一个网页文件"),
        ("plugins:\n  - showcase:\n      texts: my-texts.yml", "my-texts.yml"),
    ],
)
def test_a_setting_the_build_stops_at_is_named(tmp_path, setting, words):
    """A configuration audit: the doctor said 可以生成网站 (exit 0) of a site_url or a texts
    file the build stops at, though it says whether the build can run."""
    write_site(tmp_path, f"site_name: t\n{setting}\n")
    done = run_doctor(tmp_path)
    assert done.returncode == 1 and "[有误] 网站设置：" in done.stdout and words in done.stdout, done.stdout
    assert "有 1 项必须解决（网站设置）" in done.stdout and "Traceback" not in done.stderr


def test_a_share_font_that_is_a_folder_is_named_by_the_doctor_and_refused_by_the_check(tmp_path):
    """A configuration audit: share_font: a folder passed --strict while every share card was
    cached (the font was looked for only to draw one), and was called 不存在 when it was."""
    (tmp_path / "fonts").mkdir()
    (tmp_path / "cases").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ndocs_dir: cases\nplugins:\n  - showcase:\n      share_font: fonts\n", encoding="utf-8"
    )
    done = run_doctor(tmp_path)
    assert done.returncode == 1 and f"share_font 指定的字体文件 {tmp_path / 'fonts'} 是一个文件夹" in done.stdout, done.stdout
    assert "Traceback" not in done.stderr
    check = run_showcase(["check"], tmp_path)
    assert check.returncode == 2 and "share_font（分享图用的中文字体文件）" in check.stderr and "是一个文件夹" in check.stderr, check.stderr


def test_an_old_python_is_refused():
    assert doctor.check_python((3, 11, 0)).ok
    finding = doctor.check_python((3, 9, 18))
    assert not finding.ok and finding.required and "3.9.18 太旧了" in finding.detail


def test_a_missing_chromium_is_only_a_reminder():
    finding = doctor.check_chromium(paths=(), which=lambda name: None)
    assert not finding.ok and not finding.required
    assert "只生成和预览网站时不需要它" in finding.fix


def test_chromium_is_the_browser_the_tests_start():
    import chromium  # scripts/chromium.py

    assert doctor.CHROMIUM_PATHS == (chromium.HEADLESS_SHELL,)
    looked_for: list[str] = []
    doctor.check_chromium(paths=(), which=lambda name: looked_for.append(name))
    assert looked_for == [Path(chromium.HEADLESS_SHELL).name]


def test_a_pagefind_that_does_not_run(monkeypatch, tmp_path):
    import pagefind.service

    broken = tmp_path / "pagefind_extended"
    broken.write_text("#!/bin/sh\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setattr(pagefind.service, "get_executable", lambda: broken)
    finding = doctor.check_pagefind(True)
    assert not finding.ok and "退出码 3" in finding.detail and "pagefind[extended]" in finding.fix
    assert doctor.check_pagefind(False).ok


@pytest.mark.parametrize(
    ("option", "name", "content", "words"),
    [
        # a theme added with its colour written in words (helper custH's trial)
        (
            "taxonomy",
            "my-taxonomy.yml",
            "themes:\n  - key: lvse-shenghuo\n    name: 绿色生活\n    color: 红色\n".encode(),
            "颜色“红色”不是颜色代码",
        ),
        # a Word file named as the review list (one saved by Notepad in GBK is read: compileH2)
        ("review_words", "审核词.docx", b"PK\x03\x04\x14\x00\x06\x00\xff\xfe\x80", "不是纯文本文件"),
        ("form", "my-form.yml", "titel: 某某县案例申报表\n".encode(), "titel"),
    ],
)
def test_a_data_file_the_build_stops_at_is_named(tmp_path, option, name, content, words):
    """Helper custH's trial: a taxonomy with a theme's colour 红色 and a review list that
    could not be read (then one in GBK, now read as Notepad saved it) stopped the check and the build, and the doctor said 可以生成网站 (exit 0): it read the
    texts, footer and related terms, not the files the cases are judged by."""
    (tmp_path / name).write_bytes(content)
    (tmp_path / "cases").mkdir()
    write_site(tmp_path, f"site_name: t\nplugins:\n  - showcase:\n      {option}: {name}\n")
    done = run_doctor(tmp_path)
    assert done.returncode == 1 and "[有误] 网站设置：" in done.stdout and words in done.stdout, done.stdout
    assert "有 1 项必须解决（网站设置）" in done.stdout and "Traceback" not in done.stderr
    check = run_showcase(["check"], tmp_path)
    assert check.returncode == 2 and words in check.stderr, check.stdout + check.stderr  # what the check says too


def test_a_folder_without_mkdocs_yml_cannot_build_and_is_told_where_to_run(tmp_path):
    """Run outside the project, the doctor said 网站设置 [通过] and 可以生成网站 (helper custH)."""
    done = run_doctor(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"[缺少] 网站设置：{tmp_path} 里没有 mkdocs.yml（网站的设置文件），这里生成不了网站" in done.stdout
    assert "请到网站项目的文件夹里（mkdocs.yml 和 cases 文件夹所在的那个）再运行 showcase doctor" in done.stdout
    assert "可以生成网站：" not in done.stdout


def test_a_missing_cases_folder_is_named_before_the_build_stops_at_it(tmp_path):
    """A deployer's trial: a clone whose cases/ was emptied has none (git keeps no empty
    folder); the doctor said 可以生成网站 and the build stopped in English at docs_dir."""
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ndocs_dir: cases\nplugins:\n  - showcase\n", encoding="utf-8")
    done = run_doctor(tmp_path)
    assert done.returncode == 1, done.stdout
    assert f"[缺少] 案例文件夹：找不到 {tmp_path / 'cases'}（mkdocs.yml 的 docs_dir），生成网站会停在这里" in done.stdout
    assert "git 不保存空文件夹" in done.stdout and "可以生成网站" not in done.stdout


PLUGIN_MISTAKES = {
    # the plugin's options as deep as its name: another item of the list to YAML
    "indent": (
        "site_name: t\nplugins:\n  - search\n  - showcase:\n    review_words: words.txt\n    per_page: 10\n",
        "第 5 行：review_words、per_page 和 showcase 缩进一样深",
    ),
    "plugin name": (
        "site_name: t\nplugins:\n  - search\n  - showcse:\n      per_page: 10\n",
        "第 4 行：plugins 里的 showcse 插件没有安装，生成网站时会停在这里。是不是 showcase？",
    ),
    "option name": (
        "site_name: t\nplugins:\n  - showcase:\n      per_page: 10\n      review_word: words.txt\n",
        "第 5 行：showcase 插件没有 review_word 这个选项",
    ),
    # a second plugin without its dash: indenting it (the advice above) would make it an option
    "dash": (
        "site_name: t\nplugins:\n  - search:\n      lang: zh\n    showcase:\n      per_page: 10\n",
        "第 5 行：showcase 和上面的 search 写在了 plugins 列表的同一项里，showcase 插件读不到",
    ),
    # plugins as a mapping: an option as deep as showcase reads as a plugin's name
    "mapping": (
        "site_name: t\nplugins:\n  search: {}\n  showcase:\n  per_page: 10\n",
        "第 5 行：per_page 是 showcase 插件的选项，却和 showcase 缩进一样深",
    ),
    "option value": (
        "site_name: t\nplugins:\n  - showcase:\n\n      per_page: 30条\n",
        "第 5 行：showcase 插件选项 per_page 应是正整数（例如 30），现在是“30条”",
    ),
}


@pytest.mark.parametrize("mistake", PLUGIN_MISTAKES)
def test_a_plugin_written_wrong_is_named_with_its_line_by_the_check_and_the_doctor(tmp_path, mistake):
    """A deployer's trial: options indented as deep as - showcase (read as no options: the
    review list off, 错误 0 处 where the site's own list finds 2) and a misspelt plugin passed
    the check and the doctor, and the build stopped in English without a line; an option's
    own mistakes were said without their line."""
    config, words = PLUGIN_MISTAKES[mistake]
    write_site(tmp_path, config)
    (tmp_path / "words.txt").write_text("某词\n", encoding="utf-8")
    check = run_showcase(["check"], tmp_path)
    assert check.returncode == 2 and f"mkdocs.yml {words}" in check.stderr, check.stdout + check.stderr
    done = run_doctor(tmp_path)
    assert done.returncode == 1 and f"[有误] 网站设置：mkdocs.yml {words}" in done.stdout, done.stdout + done.stderr
    assert "[通过] Python" in done.stdout  # the computer's own checks still run
    assert "有 1 项必须解决（网站设置）" in done.stdout and "Traceback" not in done.stderr + check.stderr


SETTING_KINDS = {
    "extra_css": ("extra_css: extra.css\n", "第 3 行：extra_css 要写成一个列表（每项另起一行，以“- ”开头），现在写的是一段文字"),
    "copyright": ("copyright: 2024\n", '第 3 行：copyright 要写成一段文字：2024 被读成了一个整数。请加上引号，例如 copyright: "2024"'),
    "plugins": ("plugins: 5\n", "第 3 行：plugins 要写成一个列表（每项另起一行，以“- ”开头）或一组设置"),
    "docs_dir": ("docs_dir: [cases]\n", "第 3 行：docs_dir 要写成一段文字，现在写的是一个列表"),
    "use_directory_urls": ("use_directory_urls: 3\n", "第 3 行：use_directory_urls 要写成 true 或 false，现在写的是一个整数"),
    # as typed, not as YAML read it (a review: "2023.1", "True" were suggested)
    "site_author": (
        "site_author: No\n",
        '第 3 行：site_author 要写成一段文字：No 被读成了 true 或 false。请加上引号，例如 site_author: "No"',
    ),
    "site_description": (
        "site_description: 2023.10\n",
        '第 3 行：site_description 要写成一段文字：2023.10 被读成了一个小数。请加上引号，例如 site_description: "2023.10"',
    ),
    "extra": ("extra:\n", "第 3 行：extra 空着，生成网站时会停在这里"),  # empty: refused by MkDocs as well
    "nav": ("nav: index.md\n", "第 3 行：nav 要写成一个列表（每项另起一行，以“- ”开头），现在写的是一段文字"),
    "repo_url": ("repo_url: 5\n", "第 3 行：repo_url 要写成一个网址，例如 https://example.org/"),
    # empty, and what the advice then leads to is accepted (a review: deleting site_name: stops the build too)
    "site_name": ("site_name:\n", "第 3 行：site_name 空着，生成网站时会停在这里。请在后面写上内容。"),
    "extra_javascript": (
        "extra_javascript:\n",
        "第 3 行：extra_javascript 空着，生成网站时会停在这里。用不到就删掉这一行；要用就写成一个列表",
    ),
    "hooks": ("hooks:\n", "第 3 行：hooks 空着"),
    "dev_addr": ("dev_addr: 127.0.0.1\n", "第 3 行：dev_addr 要写成“地址:端口”，例如 dev_addr: 127.0.0.1:8000"),
}


@pytest.mark.parametrize("setting", SETTING_KINDS)
def test_a_setting_of_the_wrong_kind_is_named_by_the_check_and_the_doctor(tmp_path, setting):
    """A deployer's trial: plugins: 5 and docs_dir: [a] passed the check and the doctor, and
    mkdocs build stopped at them in English (Expected type: <class 'list'> …)."""
    line, words = SETTING_KINDS[setting]
    config = ("site_name: t\n" if setting != "site_name" else "site_author: t\n") + "theme: mkdocs\n" + line
    config += "docs_dir: cases\n" if setting != "docs_dir" else ""
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "cases").mkdir()
    check = run_showcase(["check"], tmp_path)
    assert check.returncode == 2 and f"mkdocs.yml {words}" in check.stderr, check.stdout + check.stderr
    done = run_doctor(tmp_path)
    assert done.returncode == 1 and f"[有误] 网站设置：mkdocs.yml {words}" in done.stdout, done.stdout + done.stderr
    # and MkDocs itself stops there: the check says no more than the build would
    build = mkdocs_build(tmp_path, strict=False)
    assert build.returncode != 0 and f"Config value '{setting}'" in build.stdout + build.stderr, build.stderr


def test_settings_of_the_right_kind_or_left_to_mkdocs_pass(tmp_path):
    """Nothing written (MkDocs' default), a tag MkDocs reads (!ENV), numbers where numbers go."""
    config = (
        "site_name: !ENV [SITE_NAME, 社区案例]\ncopyright:\ntheme:\n  name: mkdocs\n"
        "extra_css: []\nuse_directory_urls: true\ndocs_dir: cases\nextra:\n  year: 2024\nnav:\nrepo_url:\n"
    )
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "cases").mkdir()
    check = run_showcase(["check"], tmp_path)
    assert "要写成" not in check.stdout + check.stderr, check.stdout + check.stderr
    build = mkdocs_build(tmp_path, strict=False)
    assert "Config value" not in build.stdout + build.stderr, build.stderr


def test_a_ledger_named_wrong_stops_the_check_the_urls_update_and_the_build(tmp_path):
    """A deployer's trial: ledger: url.lock beside urls.lock was read as a new site's ledger
    (an INFO line); a published case deleted outright then passed the check, the doctor and
    the build with exit 0. A name near another ledger that records other cases (a second
    site's, a backup: a review) is that site's own, and nothing is said."""
    project = make_project(tmp_path / "site")
    for number, case_id in enumerate(["gz-a-2023-001", "gz-b-2023-001", "gz-c-2023-001"]):
        write_case(project / "cases", case_id, number)
    write_ledger(project)
    shutil.rmtree(project / "cases/广东省/gz-a-2023-001")  # deleted outright: the ledger must catch it
    configure(project, ledger="url.lock")
    words = f"网址清单 {project / 'url.lock'} 不存在，同一文件夹里的 urls.lock 却记着本站"
    check = run_showcase(["check"], project)
    assert check.returncode == 2 and words in check.stderr and "ledger（或命令的 --ledger）改成 urls.lock" in check.stderr, check.stderr
    update = run_showcase(["urls", "--update"], project)
    assert update.returncode == 2 and words in update.stderr and not (project / "url.lock").exists(), update.stderr
    build = run([PY, "-m", "mkdocs", "build", "--strict"], project)
    assert build.returncode == 1 and words in build.stderr, build.stderr[-2000:]
    # the ledger named rightly: the deleted case is caught
    configure(project, ledger="urls.lock")
    check = run_showcase(["check"], project)
    assert check.returncode == 1 and "gz-a-2023-001" in check.stdout, check.stdout
    # a second site's ledger beside the first's (its cases are others): its first --update writes it
    (project / "urls.lock").write_text("/cases/other-site-2023-001/\n/cases/other-site-2023-002/\n", encoding="utf-8")
    configure(project, ledger="urls-en.lock")
    update = run_showcase(["urls", "--update"], project)
    assert update.returncode == 0 and (project / "urls-en.lock").is_file(), update.stdout + update.stderr
    done = run_doctor(project)
    assert "[通过] 网址清单" in done.stdout, done.stdout


def test_no_ledger_yet_is_a_reminder_of_the_doctor(tmp_path):
    write_site(tmp_path, "site_name: t\nplugins:\n  - showcase\n")
    done = run_doctor(tmp_path)
    assert done.returncode == 0, done.stdout
    assert "[提醒] 网址清单：还没有 urls.lock：已发布的网址还没有记录" in done.stdout and "showcase urls --update" in done.stdout


def test_an_address_of_http_is_a_reminder_of_the_doctor(tmp_path):
    """A maintainer's trial: site_url http://… was taken without a word, and every QR code,
    feed and canonical link said http."""
    write_site(tmp_path, 'site_name: t\nsite_url: "http://mzt.zj.gov.cn/wmsj/"\nplugins:\n  - showcase\n')
    done = run_doctor(tmp_path)
    assert done.returncode == 0 and "[提醒] 网站地址：site_url 是 http://mzt.zj.gov.cn/wmsj/（http://）" in done.stdout, done.stdout
    write_site(tmp_path, 'site_name: t\nsite_url: "https://mzt.zj.gov.cn/wmsj/"\nplugins:\n  - showcase\n')
    assert "网站地址" not in run_doctor(tmp_path).stdout


def test_the_example_review_list_or_none_is_a_reminder_of_the_doctor(tmp_path):
    """A maintainer's trial set up a province's site still screening its cases against the
    packaged example list (示例违禁词), and nothing said so."""
    example = Path(doctor.__file__).parents[2] / "data" / doctor.EXAMPLE_REVIEW_WORDS
    shutil.copy(example, tmp_path / doctor.EXAMPLE_REVIEW_WORDS)
    for plugin, said in (
        (f"  - showcase:\n      review_words: {doctor.EXAMPLE_REVIEW_WORDS}\n", "网站用的是项目自带的示例词表 review-words.example.txt"),
        ("  - showcase\n", "mkdocs.yml 没有设审核词表（review_words）"),
    ):
        write_site(tmp_path, "site_name: t\nplugins:\n" + plugin)
        done = run_doctor(tmp_path)
        assert done.returncode == 0 and f"[提醒] 审核词表：{said}" in done.stdout, done.stdout
    (tmp_path / "我们的词表.txt").write_text("不当用语\n", encoding="utf-8")
    write_site(tmp_path, "site_name: t\nplugins:\n  - showcase:\n      review_words: 我们的词表.txt\n")
    assert "[通过] 审核词表" in run_doctor(tmp_path).stdout


@pytest.mark.parametrize(
    "config",
    [
        # Material's plugins by the short names its documentation uses (MkDocs finds material/tags)
        "docs_dir: cases\ntheme:\n  name: material\nplugins:\n  - tags\n  - typeset\n  - showcase\n",
        "docs_dir: cases\ntheme: material\nplugins:\n  - material/meta\n  - showcase:\n      footer:\n        organizer: 某区民政局\n",
        # the cases folder through an environment variable, as MkDocs reads it
        "docs_dir: !ENV [SHOWCASE_NO_SUCH_VARIABLE, cases]\nplugins:\n  - showcase\n",
    ],
    ids=["short-names", "full-names", "env-docs-dir"],
)
def test_a_site_mkdocs_builds_is_never_refused(tmp_path, config):
    """A review: Material's plugins by their short names (tags, typeset) were refused as not
    installed by every command, and a docs_dir through !ENV was said to be missing (docs/)."""
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\n{config}", encoding="utf-8")
    (tmp_path / "cases").mkdir()
    done = run_doctor(tmp_path)
    assert done.returncode == 0 and "[有误]" not in done.stdout and "[缺少]" not in done.stdout, done.stdout
    check = run_showcase(["check"], tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    build = run([PY, "-m", "mkdocs", "build", "--strict"], tmp_path)
    assert build.returncode == 0, build.stderr[-2000:]  # what the doctor and the check said


def test_a_docs_dir_not_written_is_said_as_mkdocs_reads_it(tmp_path):
    """A review: without docs_dir MkDocs reads docs/, and the doctor said 找不到 docs（mkdocs.yml 的
    docs_dir） with mkdir cases as the fix, of a project whose cases/ was there."""
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - showcase\n", encoding="utf-8")
    (tmp_path / "cases").mkdir()
    done = run_doctor(tmp_path)
    assert done.returncode == 1, done.stdout
    assert f"[缺少] 案例文件夹：找不到 {tmp_path / 'docs'}（mkdocs.yml 没有写 docs_dir，MkDocs 默认用 docs）" in done.stdout
    assert "解决办法：在 mkdocs.yml 里写上 docs_dir: cases" in done.stdout


def test_libreoffice_and_pango_are_named_for_the_booklets_they_serve(monkeypatch):
    """An editor's trial: the doctor said nothing of LibreOffice (a Word booklet's page
    numbers, .doc and .wps imports) and said 不需要 of Pango for a site without booklets,
    though `showcase booklet -o x.pdf` needs it: both are reminders now, never required."""
    finding = doctor.check_libreoffice(find=lambda: None)
    assert not finding.ok and not finding.required and "目录页码只能估算" in finding.detail and "生成网站不需要它" in finding.detail
    assert doctor.check_libreoffice(find=lambda: "/usr/bin/soffice").ok
    monkeypatch.setattr(doctor, "pango_problem", lambda: "没有找到 Pango")
    quiet = doctor.check_pango(needed=False)
    assert not quiet.ok and not quiet.required and "用 showcase booklet 出 PDF 汇编时需要" in quiet.detail
    assert doctor.check_pango(needed=True).required


def test_the_settings_of_a_file_mkdocs_yml_inherits_are_read_as_mkdocs_reads_them(tmp_path):
    """A review: with INHERIT, the command line read none of the inherited file (its plugin
    options were the defaults, so the check passed cases the build refused; a setting of the
    wrong kind in it passed the check, the doctor said only MkDocs could tell the cases folder)."""
    project = make_project(tmp_path / "site")
    write_case(project / "cases", "gz-yuexiu-2023-001", 1)
    configure(project, reviewers=["某某区民政局"])
    shared = project / "shared"
    shared.mkdir()
    (project / "mkdocs.yml").rename(shared / "base.yml")
    (project / "mkdocs.yml").write_text("INHERIT: shared/base.yml\nsite_description: 县里的案例\n", encoding="utf-8")
    check = run_showcase(["check"], project)
    assert check.returncode == 1 and "审核单位要写名单上的名称" in check.stdout, check.stdout + check.stderr
    build = mkdocs_build(project, strict=False)  # what the build says of the same case
    assert build.returncode != 0 and "审核单位要写名单上的名称" in build.stdout + build.stderr
    done = run_doctor(project)
    assert f"[通过] 案例文件夹：{project / 'cases'}" in done.stdout, done.stdout
    # a setting of the wrong kind in the inherited file: named there, with its line
    text = (shared / "base.yml").read_text(encoding="utf-8")
    (shared / "base.yml").write_text(text + "copyright: 2024\n", encoding="utf-8")
    line = text.count("\n") + 1
    check = run_showcase(["check"], project)
    assert check.returncode == 2 and f"base.yml 第 {line} 行：copyright 要写成一段文字" in check.stderr, check.stderr
    # an inherited file that is not there, two that inherit each other, an empty INHERIT, an
    # inherited file that is no mapping: each said, not a traceback (MkDocs: RecursionError, TypeError)
    for config, base, words in (
        ("INHERIT: shared/bsae.yml\n", None, "mkdocs.yml 第 1 行：INHERIT 指向的设置文件 shared/bsae.yml 不存在"),
        (
            "INHERIT: shared/base.yml\n",
            "INHERIT: ../mkdocs.yml\nsite_name: t\n",
            "base.yml 第 1 行：INHERIT 指向的 ../mkdocs.yml 又直接或间接地 INHERIT 回来",
        ),
        ("INHERIT:\n", None, "mkdocs.yml 第 1 行：INHERIT 要写成另一个设置文件的路径"),
        ("INHERIT: shared\n", None, "mkdocs.yml 第 1 行：INHERIT 指向的设置文件 shared 是一个文件夹，不是设置文件"),
        (
            "INHERIT: shared/base.yml\n",
            "- site_name: t\n",
            "由 mkdocs.yml 的 INHERIT 指定，要写成“设置名: 值”的形式，现在不是。请每行写一项设置",
        ),
    ):
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        if base is not None:
            (shared / "base.yml").write_text(base, encoding="utf-8")
        check = run_showcase(["check"], project)
        assert check.returncode == 2 and words in check.stderr and "Traceback" not in check.stderr, check.stderr


def test_an_inherited_file_named_through_env_and_a_value_the_nearer_file_replaces(tmp_path, monkeypatch):
    """A code review: INHERIT: !ENV [...] was read as no INHERIT (the check judged with the
    defaults, the inherited menu's words went unchecked), and a wrong value in the inherited
    file that mkdocs.yml replaces was refused though MkDocs builds."""
    project = make_project(tmp_path / "site")
    write_case(project / "cases", "gz-yuexiu-2023-001", 1)
    configure(project, reviewers=["某某区民政局"])
    base = project / "base.yml"
    (project / "mkdocs.yml").rename(base)
    base.write_text(base.read_text(encoding="utf-8") + "copyright: 2024\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text('INHERIT: !ENV [SHOWCASE_TEST_BASE, base.yml]\ncopyright: "2024"\n', encoding="utf-8")
    monkeypatch.delenv("SHOWCASE_TEST_BASE", raising=False)
    check = run_showcase(["check"], project)
    assert check.returncode == 1 and "审核单位要写名单上的名称" in check.stdout, check.stdout + check.stderr
    build = mkdocs_build(project, strict=False)
    assert build.returncode != 0 and "审核单位要写名单上的名称" in build.stdout + build.stderr
    base.write_text(base.read_text(encoding="utf-8") + "nav:\n  - 首页<img src=x onerror=alert(1)>: index.md\n", encoding="utf-8")
    check = run_showcase(["check"], project)
    assert check.returncode == 2 and "“nav” 只能是纯文字" in check.stderr, check.stderr
