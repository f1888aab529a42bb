"""`showcase check`: exit codes, the three formats, the summary, no traceback ever."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from showcase.cli import main

from tests.support.build import run as run_process
from tests.support.build import run_showcase

from .helpers import LINE, VALID, edit, write_case

GITHUB_LINE = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),title=([a-z0-9-]+)::(.+)$")


@pytest.fixture
def site(tmp_path, monkeypatch) -> Path:
    """A site folder with a valid case and a draft, as the current directory."""
    monkeypatch.chdir(tmp_path)
    write_case(tmp_path / "cases" / "广东省" / "gz-yuexiu-2023-001", VALID)
    draft = edit(edit(VALID, "id: gz-yuexiu-2023-001", "id: gz-draft-001"), "status: published", "status: draft")
    write_case(tmp_path / "cases" / "广东省" / "gz-draft-001", draft)
    return tmp_path


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def spoil(site: Path, old: str, new: str) -> Path:
    path = site / "cases" / "广东省" / "gz-yuexiu-2023-001" / "index.md"
    path.write_text(edit(path.read_text(encoding="utf-8"), old, new), encoding="utf-8")
    return path


def test_a_folder_given_as_the_configuration_and_a_check_from_elsewhere_say_what_to_do(site, capsys, monkeypatch):
    """Two of an editor's trial lines: -f cases said 找不到…配置文件 of a folder that is there,
    and check run outside the site gave no hint of -f."""
    code, _, err = run(capsys, "-f", "cases", "check")
    assert (
        code == 2
        and err.strip() == "showcase: -f 指定的 cases 是一个文件夹，不是配置文件。请写网站的 mkdocs.yml 的路径，例如 -f mkdocs.yml。"
    )
    elsewhere = site / "别处"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, _, err = run(capsys, "check")
    assert code == 2 and "请写案例所在的文件夹，例如 showcase check cases/；不在网站文件夹里时，用 -f 指定网站的 mkdocs.yml。" in err


def test_a_command_run_inside_the_project_finds_its_mkdocs_yml_above(site, capsys, monkeypatch):
    """An editor's trial: check (and stats, booklet) in cases/广东省 looked for
    cases/广东省/cases; approve found the project. Now every command finds its mkdocs.yml
    above, says so, and runs as in the project's folder."""
    (site / "mkdocs.yml").write_text("site_name: 示例案例展示\n", encoding="utf-8")
    monkeypatch.chdir(site / "cases" / "广东省")
    code, out, err = run(capsys, "check")
    assert code == 0 and out.strip().startswith("共 2 个案例")
    assert err.strip() == f"showcase: 这里没有 mkdocs.yml，按上级文件夹里的项目运行：{site / 'mkdocs.yml'}"
    code, out, _ = run(capsys, "stats")
    assert code == 0 and "1" in out


def test_clean_collection_exits_0(site, capsys):
    code, out, err = run(capsys, "check")
    assert code == 0
    assert out.strip() == "共 2 个案例：已发布 1，草稿 1，待审 0，已撤回 0；错误 0 处，警告 0 处。"
    assert err == ""


def test_errors_exit_1_with_file_line_messages(site, capsys):
    spoil(site, "area: 城市", "area: 城镇")
    spoil(site, "served: 4800", "served: 4800\nremark: 备注")
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert out.splitlines() == [
        f"cases/广东省/gz-yuexiu-2023-001/index.md:{LINE['area']}: error [bad-choice] area（城乡）“城镇”不是可选值。",
        "    提示：只能写：城市、农村。",
        "    详见：投稿指南 CONTRIBUTING.md#err-values",
        f"cases/广东省/gz-yuexiu-2023-001/index.md:{LINE['served'] + 1}: warning [unknown-key] 未知字段 remark，将被忽略。",
        "    提示：对照投稿模板检查字段名，或删掉这一行。",
        "    详见：投稿指南 CONTRIBUTING.md#err-fields",
        "共 2 个案例：已发布 1，草稿 1，待审 0，已撤回 0，其中 1 个有错误（改好之前，整个网站都不能生成和发布）；错误 1 处，警告 1 处。",
    ]


def test_warnings_alone_exit_0(site, capsys):
    spoil(site, "served: 4800", "served: 4800\nremark: 备注")
    assert run(capsys, "check")[0] == 0


def test_json_format_parses(site, capsys):
    spoil(site, "area: 城市", "area: 城镇")
    code, out, _ = run(capsys, "check", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["summary"] == {
        "cases": 2,
        "published": 1,
        "draft": 1,
        "review": 0,
        "withdrawn": 0,
        "invalid": 1,
        "errors": 1,
        "warnings": 0,
    }
    assert data["diagnostics"] == [
        {
            "file": "cases/广东省/gz-yuexiu-2023-001/index.md",
            "line": LINE["area"],
            "severity": "error",
            "code": "bad-choice",
            "message": "area（城乡）“城镇”不是可选值。",
            "hint": "只能写：城市、农村。",
            "guide": "CONTRIBUTING.md#err-values",
        }
    ]


def test_github_format(site, capsys):
    spoil(site, "area: 城市", "area: 城镇")
    spoil(site, "served: 4800", "served: 4800\nremark: 备注")
    code, out, _ = run(capsys, "check", "--format", "github")
    assert code == 1
    *commands, summary = out.strip().splitlines()
    parsed = [GITHUB_LINE.match(line) for line in commands]
    assert all(parsed), commands
    assert [m.groups()[:4] for m in parsed] == [
        ("error", "cases/广东省/gz-yuexiu-2023-001/index.md", str(LINE["area"]), "bad-choice"),
        ("warning", "cases/广东省/gz-yuexiu-2023-001/index.md", str(LINE["served"] + 1), "unknown-key"),
    ]
    assert "%0A提示：只能写：城市、农村。" in parsed[0].group(5)  # the hint on its own line in the annotation
    assert summary.startswith("共 2 个案例")


def test_github_format_escapes_properties(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    write_case(tmp_path / "cases" / "a,b:c" / "x", edit(VALID, "area: 城市", "area: 城镇"))
    _, out, _ = run(capsys, "check", "--format", "github")
    assert "file=cases/a%2Cb%3Ac/x/index.md,line=" in out


def test_path_argument_and_single_file(site, capsys):
    code, out, _ = run(capsys, "check", str(site / "cases" / "广东省"))
    assert code == 0 and "共 2 个案例" in out
    code, out, _ = run(capsys, "check", "cases/广东省/gz-draft-001/index.md")
    assert code == 0 and "共 1 个案例" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "nope"], "不存在"),
        (["check", "cases/广东省/gz-draft-001/photo1.jpg"], "不是案例文件夹"),
        (["check", "--format", "xml"], "参数错误"),
        (["check", "--jobs", "0"], "正整数"),
        (["check", "--taxonomy", "missing.yml"], "无法读取分类文件"),
        (["check", "--review-words", "missing.txt"], "无法读取审核词表"),
        (["frobnicate"], "参数错误"),
        # a letter off: the command or option meant (a department's trial: no suggestion)
        (["chek"], "参数错误：没有“chek”这个命令，可选的命令：check, urls,"),
        (["booklets"], "。是不是“booklet”？\n"),
        (["booklet", "--yaer", "2024", "-o", "a.docx"], "参数错误：不认识的参数 --yaer 2024。--yaer 是不是 --year？\n"),
        (["stats", "--year", "去年"], "参数错误：--year：年份应写成数字，例如 2024（也可以写 2024年），现在是“去年”\n"),
        (
            ["stats", "--status", "发不"],
            "参数错误：--status：没有状态“发不”，可选：draft（草稿）、review（待审）、published（已发布）、withdrawn（已撤回）\n",
        ),
        (["booklet", "--t", "x", "-o", "a.docx"], "参数错误：--t 是哪一个参数说不准，可能是：--theme, --title。请写完整\n"),
        (
            ["approve", "cases/广东省/gz-draft-001", "--reviewer", "某局", "--date", "2099-99-99"],
            "参数错误：--date：没有 2099-99-99 这一天",
        ),
        ([], "用法："),
    ],
)
def test_usage_errors_exit_2(site, capsys, args, words):
    try:
        code, out, err = run(capsys, *args)
    except SystemExit as exit_:  # argparse's own exits
        code, (out, err) = exit_.code, capsys.readouterr()
    assert code == 2
    assert words in out + err
    assert "Traceback" not in out + err
    assert not re.search(r"usage:|argument|invalid|required|choose|No such", out + err), out + err  # no English


def test_help_is_in_chinese(capsys):
    for args in (["--help"], ["import", "--help"], ["withdraw", "-h"]):
        with pytest.raises(SystemExit):
            main(args)
        out = capsys.readouterr().out
        assert out.startswith("用法：showcase") and "参数:" in out and "选项:" in out and "显示这段说明后退出" in out, out
        assert not re.search(r"usage|positional arguments|options:|show this help", out), out


@pytest.mark.parametrize(
    ("config", "words"),
    [
        ("plugins:\n  - showcase:\n      max_image_pixels: lots\n", "max_image_pixels"),
        ("plugins:\n  - showcase: [1, 2]\n", "选项名: 值"),
        ("plugins:\n  - showcase:\n      taxonomy: nope.yml\n", "无法读取分类文件"),
    ],
)
def test_broken_site_configuration_exits_2(site, capsys, config, words):
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2 and words in err


def test_configuration_is_read_from_mkdocs_yml(site, capsys):
    (site / "words.txt").write_text("老城区\n", encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - search\n  - showcase:\n      review_words: words.txt\n      cases_dir: cases\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check")
    assert code == 1 and "[review-word]" in out and "“老城区”" in out


def test_review_words_option(site, capsys):
    (site / "w.txt").write_text("老城区\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--review-words", "w.txt")
    assert code == 1 and out.count("[review-word]") == 2


def _subprocess(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return run_showcase(args, cwd)


@pytest.mark.parametrize(
    ("option", "words"),
    [
        ('footer:\n        icp: "ICP12345"', "mkdocs.yml 第 7 行：footer 的 icp"),  # its line (it was “mkdocs.yml：”)
        ("guide: docs/指南.md", "docs/指南.md 不存在"),
        ("guide: cases", "cases 不是一个文件"),
        ("guide: 旧指南.md", "旧指南.md 无法读取（不是 UTF-8 编码的文字文件"),
        # a misspelt option was off without a word in the check, and in a build without --strict
        ("review-words: 词表.txt", "showcase 插件没有 review-words 这个选项，写错名字的选项不起作用。是不是 review_words？"),
        (
            'footer:\n        organiser: "某某市民政局"',
            "mkdocs.yml 第 7 行：footer 下没有 organiser 这个选项，写错名字的选项不起作用。是不是 organizer？",
        ),
        ("ledger: cases", "cases: 网址清单不是一个文件（可能是文件夹）"),  # read as missing: the check of published URLs off
    ],
    ids=["footer-icp", "guide-missing", "guide-folder", "guide-not-utf8", "misspelt-option", "misspelt-footer", "ledger-folder"],
)
def test_what_stops_the_build_before_its_cases_the_check_reports(site, option, words):
    """An audit: with these the build stopped (or published no /guide/ without a word),
    while showcase check said 错误 0 处 and linked every message to that guide."""
    (site / "旧指南.md").write_bytes("# 投稿指南\n".encode("gbk"))  # as Notepad on a Chinese Windows saved it
    (site / "mkdocs.yml").write_text(
        f"site_name: x\nsite_url: https://example.org/\ndocs_dir: cases\nplugins:\n  - showcase:\n      {option}\n", encoding="utf-8"
    )
    check = _subprocess(["check"], site)
    lines = [line for line in check.stderr.splitlines() if line.strip()]
    assert check.returncode == 2 and len(lines) == 1 and words in lines[0] and "Traceback" not in check.stderr, (check.stdout, check.stderr)
    # --strict, as make site and CI build: MkDocs stopped at its own English warning for a
    # misspelt name before the plugin said a word (and without --strict said it beside ours)
    build = run_process([sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site / "out")], site, timeout=300)
    assert build.returncode != 0 and words in build.stderr and "Traceback" not in build.stderr, build.stderr[-2000:]
    assert "Unrecognised" not in build.stderr, build.stderr[-2000:]


@pytest.mark.parametrize("listed", ["  - search\n", "  - material/search:\n      lang: zh\n"])
def test_materials_own_search_is_said_by_the_check_as_by_the_build(site, listed):
    """A reading of the messages: with Material's search in plugins the --strict build
    stopped at its warning, while showcase check said 警告 0 处."""
    (site / "mkdocs.yml").write_text(
        f"site_name: x\nsite_url: https://example.org/\ndocs_dir: cases\nplugins:\n{listed}  - showcase\ntheme:\n  name: material\n",
        encoding="utf-8",
    )
    check = _subprocess(["check"], site)
    assert check.returncode == 0, (check.stdout, check.stderr)
    (said,) = [line for line in check.stdout.splitlines() if "[site-search]" in line]
    assert said.startswith("mkdocs.yml:5: warning [site-search] mkdocs.yml 里启用了 Material 自带的 search 插件"), said
    assert "请从 plugins 中删除 search" in said and "警告 1 处" in check.stdout
    # -q would hide the warning from --strict
    build = run_process([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site / "out")], site, timeout=300)
    assert build.returncode != 0 and said.split("[site-search] ", 1)[1].split("。")[0] in build.stderr, build.stderr[-2000:]


def test_materials_own_search_is_said_at_its_own_line_not_at_the_showcase_option(site):
    """The showcase option ``search: true`` above Material's ``- search`` matched the same
    words: the warning named the option's line, and an editor deleting it kept the plugin."""
    (site / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://example.org/\ndocs_dir: cases\nplugins:\n  - showcase:\n      search: true\n  - search\n"
        "theme:\n  name: material\n",
        encoding="utf-8",
    )
    check = _subprocess(["check"], site)
    (said,) = [line for line in check.stdout.splitlines() if "[site-search]" in line]
    assert said.startswith("mkdocs.yml:7: warning [site-search]"), said


def test_a_site_url_too_long_for_the_qr_codes_is_said_by_the_check(site):
    """The build warned (site_url 太长) and left the case pages without their QR codes, while
    showcase check, which an editor runs before publishing, said nothing: now it says the
    same once, at site_url's line, counting the published cases (not the draft)."""
    (site / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: cases\nsite_url: https://example.org/" + "a" * 2400 + "/\nplugins:\n  - showcase\n", encoding="utf-8"
    )
    check = _subprocess(["check"], site)
    assert check.returncode == 0, (check.stdout, check.stderr)
    said = [line for line in check.stdout.splitlines() if "[site-url-qr]" in line]
    assert len(said) == 1 and said[0].startswith("mkdocs.yml:3: warning [site-url-qr] mkdocs.yml 的 site_url 太长：1 个案例页的永久链接"), (
        said
    )
    assert "请把 site_url 改成较短的网址" in said[0] and "警告 1 处" in check.stdout
    (site / "mkdocs.yml").write_text("site_name: x\ndocs_dir: cases\nsite_url: https://example.org/\n", encoding="utf-8")
    assert "site-url-qr" not in _subprocess(["check"], site).stdout


def test_plugins_written_as_a_mapping_are_named_at_their_lines(tmp_path):
    """mkdocs.yml may map its plugins (``plugins: {search: …}``) as well as list them: a
    mutation audit found no test of the mapping, whose Material search went unsaid."""
    from showcase.core.collection.mkdocs_yml import SiteConfig
    from showcase.core.editors.gate import site_setting_warnings

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  search:\n    lang: zh\n  showcase: {}\n", encoding="utf-8")
    site = SiteConfig.read(config)
    assert site.plugins == {"search": 3, "showcase": 5}
    assert [(d.line, d.code) for d in site_setting_warnings(site)] == [(3, "site-search")]


def test_without_the_default_guide_file_the_check_links_no_guide_page(site):
    """A site without CONTRIBUTING.md publishes no /guide/: the check's messages do not link there."""
    (site / "mkdocs.yml").write_text(
        "site_name: x\nsite_url: https://example.org/\ndocs_dir: cases\nplugins:\n  - showcase\n", encoding="utf-8"
    )
    spoil(site, "date: 2023-03-01", "date: 2023-13-45")
    check = _subprocess(["check"], site)
    assert check.returncode == 1 and "详见" in check.stdout, check.stdout
    assert "example.org/guide/" not in check.stdout, check.stdout
    (site / "CONTRIBUTING.md").write_text("# 投稿指南\n\n## 填写格式 {#err-yaml}\n", encoding="utf-8")
    check = _subprocess(["check"], site)
    assert "https://example.org/guide/#err-yaml" in check.stdout, check.stdout
    # a site's own guide without that section: the guide page, not a section it lacks (a district's trial)
    (site / "CONTRIBUTING.md").write_text("# 投稿指南\n\n## 怎样写日期\n", encoding="utf-8")
    check = _subprocess(["check"], site)
    assert "详见：投稿指南 https://example.org/guide/\n" in check.stdout and "#err-" not in check.stdout, check.stdout
    for anchored in ('<a id="err-yaml"></a>\n## 怎样写日期', "## 怎样写日期 {: #err-yaml }", "## 怎样写日期 { #err-yaml .note }"):
        (site / "CONTRIBUTING.md").write_text(f"# 投稿指南\n\n{anchored}\n", encoding="utf-8")
        assert "https://example.org/guide/#err-yaml" in _subprocess(["check"], site).stdout, anchored
    # a hostile guide (it comes with pull requests like the cases): braces and ids by the tens of
    # thousands on one line are read in one pass (a review: a lazy pattern took minutes)
    (site / "CONTRIBUTING.md").write_text("# 投稿指南\n\n" + "{#a" * 40000 + "\n## 怎样写日期 {#err-yaml}\n", encoding="utf-8")
    assert "https://example.org/guide/#err-yaml" in _subprocess(["check"], site).stdout


def test_cases_checked_without_a_site_do_not_read_a_guide_file(site, capsys):
    """Without mkdocs.yml there is no site and no /guide/ page: a CONTRIBUTING.md in the
    folder the check runs from, whatever it is (here another project's, in GBK), is not
    read, and the cases pass."""
    (site / "CONTRIBUTING.md").write_bytes("# 投稿指南\n".encode("gbk"))
    code, out, err = run(capsys, "check", "cases")
    assert code == 0 and "CONTRIBUTING.md" not in out + err, (out, err)


def test_command_end_to_end_never_prints_a_traceback(site):
    hostile = site / "cases" / "hostile"
    (hostile / "dir" / "index.md").mkdir(parents=True)
    (hostile / "loop").mkdir()
    (hostile / "loop" / "index.md").symlink_to("index.md")
    write_case(hostile / "gbk", VALID.encode("gbk"))
    write_case(hostile / "tags", "---\nid: !!python/object/apply:os.system ['echo pwned']\n---\n")
    write_case(hostile / "bomb", edit(VALID, "id: gz-yuexiu-2023-001", "id: bomb-001"), {"photo1.jpg": b"\x89PNG\r\n\x1a\n" + b"\x00" * 30})
    result = _subprocess(["check", "--format", "text"], site)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "pwned" not in result.stdout + result.stderr
    assert result.stderr == ""
    for expected in ("[unreadable]", "[symlink]", "[encoding]", "[yaml-tag]", "[image-bad]"):
        assert expected in result.stdout
    assert _subprocess(["check", "missing-folder"], site).returncode == 2


def test_output_survives_a_console_that_cannot_show_chinese(site):
    spoil(site, "area: 城市", "area: 城镇")
    env_result = subprocess.run(
        [sys.executable, "-m", "showcase", "check"],
        cwd=site,
        capture_output=True,
        check=False,
        env={"PYTHONIOENCODING": "ascii", "PATH": "/usr/bin:/bin"},
    )
    assert env_result.returncode == 1
    assert b"Traceback" not in env_result.stderr
    assert b"[bad-choice]" in env_result.stdout


# Every subcommand reads the site's options through one loader and one error path:
# a bad option is one line naming it and exit 2, never a traceback (issue 15, item 2).
SUBCOMMANDS = [
    ["check"],
    ["urls"],
    ["stats"],
    ["schema"],
    ["check-files", "cases/广东省/gz-yuexiu-2023-001/index.md"],
    ["pr-summary", "--base", "HEAD"],
    ["new", "--no-input", "--title", "社区互助服务实践案例", "--organization", "某某社区志愿服务队"],
    ["preview", "cases/广东省/gz-yuexiu-2023-001", "--no-serve"],
    ["template", "-o", "申报表.docx"],
    ["import", "申报表.docx"],
]
BAD_OPTIONS = [
    ("max_image_pixels: -1", "max_image_pixels"),
    ("per_page: many", "per_page"),
    ("taxonomy: [a.yml]", "taxonomy"),
    ("allow_personal_numbers: maybe", "allow_personal_numbers"),
]


@pytest.mark.parametrize(
    ("command", "option", "name"),
    [(command, *BAD_OPTIONS[0]) for command in SUBCOMMANDS] + [(["stats"], *bad) for bad in BAD_OPTIONS[1:]],
    ids=lambda v: v[0] if isinstance(v, list) else None,
)
def test_every_subcommand_reports_a_bad_option_in_one_line(site, command, option, name):
    (site / "mkdocs.yml").write_text(f"site_name: x\ndocs_dir: cases\nplugins:\n  - showcase:\n      {option}\n", encoding="utf-8")
    result = _subprocess(command, site)
    assert result.returncode == 2, (command, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and lines[0].startswith("showcase: mkdocs.yml"), lines


@pytest.mark.parametrize("command", [["check"], ["stats"], ["urls"], ["schema"]], ids=lambda v: v[0])
def test_a_broken_or_missing_config_file_stops_with_one_line(site, command):
    # The site's options unread, a check with the defaults would pass what the build refuses.
    (site / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - showcase:\n      per_page: 3\n     taxonomy: t.yml\n", encoding="utf-8")
    broken = _subprocess(command, site)
    missing = _subprocess(["-f", "mkdocs-typo.yml", *command], site)
    for result, words in ((broken, ["mkdocs.yml 第 5 行", "格式有误"]), (missing, ["mkdocs-typo.yml", "找不到"])):
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("showcase: ") and all(w in lines[0] for w in words), lines
        assert "Traceback" not in result.stderr and result.stdout == ""


# mkdocs.yml as a county's clerk edits it in Notepad or WPS (helper custH's trial): the line
# of the slip, and what to type instead, as a case's front matter is told.
CLERK_SLIPS = [
    ("site_name：某某县案例展示\nsite_description: 说明\n", 1, "中文冒号"),
    ("site_name: x\nsite_url:\u3000https://www.example.gov.cn/anli/\n", 2, "全角空格"),
    (
        "site_name: x\nplugins:\n  - showcase:\n      sample_tag: 示例\n\u3000\u3000\u3000per_page: 20\n      # a comment\n      preview: false\n",
        5,
        "全角空格",
    ),
    ("site_name: x\nplugins:\n  - showcase:\n\tper_page: 20\n", 4, "Tab"),
    ('site_name: "某某县案例展示”\nsite_description: 说明\n', 1, "中文引号"),
    # a quote not closed on its line: YAML reads on to the next quote, and stopped after it,
    # lines later (第 3 行, at site_url: "https…": helper textsH's trial)
    (
        'site_name: "某某县案例展示\nsite_description: 说明\nsite_url: "https://www.example.gov.cn/anli/"\n',
        1,
        '这一行的英文引号 " 在这一行没有结束，一直到第 3 行的下一个 " 才结束',
    ),
]


@pytest.mark.parametrize(("text", "line", "words"), CLERK_SLIPS, ids=["colon", "space-after-colon", "indent", "tab", "quotes", "unclosed"])
def test_a_slip_in_mkdocs_yml_is_named_at_its_line_in_chinese(site, text, line, words):
    """It was YAML's English at the line YAML stopped at: 第 74 行 for a full-width indent on
    line 46 (the file's last option), 第 2 行 for a full-width colon on line 1."""
    (site / "mkdocs.yml").write_text(text, encoding="utf-8")
    for command in (["check"], ["doctor"]):
        said = _settings_problem(_subprocess(command, site), command)
        assert said.startswith(f"mkdocs.yml 第 {line} 行：格式有误"), said
        assert words in said and not re.search(r"expected|found|mapping values|could not", said), said  # no YAML English


def _settings_problem(result: subprocess.CompletedProcess, command: list[str]) -> str:
    """What a command said of a mkdocs.yml it cannot read: the check stops with one line (exit
    2); the doctor says it as its 网站设置 finding among the computer's (exit 1: a deployer's
    trial found it said bare, unlike a footer's or a data file's mistakes)."""
    if command == ["doctor"]:
        assert result.returncode == 1 and result.stderr == "", (result.stdout, result.stderr)
        (line,) = [row for row in result.stdout.splitlines() if row.startswith("  [有误] 网站设置：")]
        assert "[通过] Python" in result.stdout
        return line.removeprefix("  [有误] 网站设置：")
    assert result.returncode == 2, (command, result.stdout, result.stderr)
    (line,) = [row for row in result.stderr.splitlines() if row.strip()]
    assert line.startswith("showcase: "), line
    return line.removeprefix("showcase: ")


def test_a_slip_in_mkdocs_yml_is_not_blamed_on_the_tags_mkdocs_reads(site):
    """A case's front matter refuses YAML tags, mkdocs.yml has them (Material's emoji index,
    !ENV): a tab after site_name's colon (MkDocs stops at line 1) was said at the emoji's line,
    with 删掉以 ! 开头的标签, which would break the theme's emoji."""
    (site / "mkdocs.yml").write_text(
        "site_name:\t某某县案例展示\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - showcase:\n      preview: !ENV [SHOWCASE_PREVIEW, false]\n",
        encoding="utf-8",
    )
    result = _subprocess(["check"], site)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = [row for row in result.stderr.splitlines() if row.strip()]
    assert len(lines) == 1 and lines[0].startswith("showcase: mkdocs.yml 第 1 行：格式有误"), lines
    assert "标签" not in lines[0] and "python/name" not in lines[0], lines


@pytest.mark.parametrize("slip", ["\u3000\u3000\u3000", "\t"], ids=["full-width", "tab"])
def test_an_indent_slip_deep_in_mkdocs_yml_is_told_to_align_and_aligned_it_is_read(site, slip):
    """The hint said 下一级字段前空两个空格: per_page, under - showcase:, wants six; done
    literally (two), the file still could not be read. It says to align the line with its
    neighbours, and the line aligned as told is read (helper msgH)."""
    config = site / "mkdocs.yml"
    config.write_text(
        f"site_name: x\ndocs_dir: cases\nplugins:\n  - showcase:\n      sample_tag: 示例\n{slip}per_page: 20\n", encoding="utf-8"
    )
    result = _subprocess(["check"], site)
    assert result.returncode == 2 and "第 6 行" in result.stderr and "和上下同一级的行对齐" in result.stderr, result.stderr
    config.write_text(config.read_text("utf-8").replace(slip, "      "), encoding="utf-8")  # sample_tag's six
    result = _subprocess(["check"], site)
    assert "格式有误" not in result.stderr, result.stderr


@pytest.mark.parametrize("command", [["check"], ["doctor"]], ids=lambda v: v[0])
def test_a_misspelt_setting_of_mkdocs_yml_is_named_by_the_check_and_the_doctor(site, command):
    """Helper custH's trial: site_descripton stopped `mkdocs build --strict` (make site, CI) in
    MkDocs' English (Unrecognised configuration name), while the check said 错误 0 处 and the
    doctor 可以生成网站."""
    (site / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: cases\nsite_descripton: 某某县的案例\nplugins:\n  - showcase\n", encoding="utf-8"
    )
    said = _settings_problem(_subprocess(command, site), command)
    assert said.startswith("mkdocs.yml 第 3 行：") and "site_descripton" in said and "是不是 site_description？" in said, said


def test_a_showcase_option_written_at_the_top_of_mkdocs_yml_is_told_where_it_goes(site):
    """A maintainer's trial put footer: at the top of mkdocs.yml and was told 网站设置里没有
    footer 这个选项, with site_name as an example."""
    (site / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: cases\nplugins:\n  - showcase\nfooter:\n  organizer: 浙江省民政厅\n", encoding="utf-8"
    )
    said = _settings_problem(_subprocess(["check"], site), ["check"])
    assert said.startswith("mkdocs.yml 第 5 行：footer 是 showcase 插件的选项，不是网站设置") and "- showcase:" in said, said


def test_a_setting_of_mkdocs_yml_written_in_chinese_is_told_the_names_to_write(site):
    """A clerk wrote 网站简介: for want of a near name, the message listed MkDocs' 33 settings
    (google_analytics, mdx_configs, …) in English; it names the few a site writes, each with
    what it is, and the one it names, written instead, is read."""
    config = site / "mkdocs.yml"
    config.write_text("site_name: x\ndocs_dir: cases\n网站简介: 某某县的案例\nplugins:\n  - showcase\n", encoding="utf-8")
    result = _subprocess(["check"], site)
    assert result.returncode == 2, (result.stdout, result.stderr)
    (line,) = [row for row in result.stderr.splitlines() if row.strip()]
    assert line.startswith("showcase: mkdocs.yml 第 3 行：") and "网站简介" in line, line
    assert "site_description（网站简介）" in line and "google_analytics" not in line and len(line) < 200, line
    config.write_text(config.read_text("utf-8").replace("网站简介:", "site_description:"), encoding="utf-8")
    result = _subprocess(["check"], site)
    assert "这个选项" not in result.stderr and "第 3 行" not in result.stderr, result.stderr


def test_the_settings_mkdocs_and_its_theme_read_are_not_refused(site):
    (site / "mkdocs.yml").write_text(
        "INHERIT: base.yml\nsite_name: x\ndocs_dir: cases\ncopyright: 某某县\nextra:\n  generator: false\nvalidation:\n  omitted_files: warn\nplugins:\n  - showcase\n",
        encoding="utf-8",
    )
    result = _subprocess(["check"], site)
    assert "这个选项" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    # a YAML merge of shared settings (MkDocs reads it so) is no setting named <<; a misspelt
    # name is not offered MkDocs' deprecated ones (helper rvD's notes)
    (site / "mkdocs.yml").write_text("<<: {docs_dir: cases}\nsite_name: x\nplugins:\n  - showcase\n", encoding="utf-8")
    result = _subprocess(["check"], site)
    assert "这个选项" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    (site / "mkdocs.yml").write_text("site_name: x\ndocs_dir: cases\npage: []\nplugins:\n  - showcase\n", encoding="utf-8")
    result = _subprocess(["check"], site)
    assert "没有 page 这个选项" in result.stderr and "是不是 pages" not in result.stderr, result.stderr


@pytest.mark.parametrize("before", [True, False], ids=["before the command", "after it"])
def test_the_config_file_may_follow_the_command_as_in_mkdocs(site, before):
    # `mkdocs build -f mkdocs.yml` puts it after the command; `showcase check -f …` refused it.
    (site / "other.yml").write_text("site_name: x\ndocs_dir: cases\nplugins:\n  - showcase:\n      per_page: many\n", encoding="utf-8")
    result = _subprocess(["-f", "other.yml", "check"] if before else ["check", "-f", "other.yml"], site)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("showcase: other.yml") and "per_page" in result.stderr


@pytest.mark.parametrize(
    "command",
    [["stats", "--format", "csv"], ["schema"], ["template"]],  # booklet: tests/compile/test_booklet.py
    ids=lambda v: v[0],
)
def test_an_output_file_that_cannot_be_written_is_one_line(site, command):
    # -o naming a folder where the file should go: one line naming it, exit 1, no traceback.
    target = "out.docx" if command[0] == "template" else "out.txt"
    (site / target).mkdir()
    result = _subprocess([*command, "-o", target], site)
    assert result.returncode == 1, (command, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    last = [line for line in result.stderr.splitlines() if line.strip()][-1]
    assert last.startswith(f"showcase: 无法写入 {target}（这是一个文件夹") and "Error" not in last, last


def test_paths_in_mkdocs_yml_are_relative_to_it_from_another_folder(site, capsys, tmp_path_factory):
    """`-f path/to/mkdocs.yml` from elsewhere finds the site's cases, words and ledger (issue 15, item 13)."""
    (site / "words.txt").write_text("老城区\n", encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: cases\nplugins:\n  - showcase:\n      review_words: words.txt\n", encoding="utf-8"
    )
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    config = str(site / "mkdocs.yml")
    for command in (["check"], ["stats", "--format", "json"], ["urls"]):
        result = _subprocess(["-f", config, *command], elsewhere)
        assert "找不到案例文件夹" not in result.stderr and "Traceback" not in result.stderr, (command, result.stderr)
        assert result.returncode in (0, 1), (command, result.stderr)
    checked = _subprocess(["-f", config, "check"], elsewhere)
    assert "[review-word]" in checked.stdout  # the words file next to mkdocs.yml was read
    stats = json.loads(_subprocess(["-f", config, "stats", "--format", "json"], elsewhere).stdout)
    assert stats["total"] == 2 and stats["by_state"]["draft"] == 1  # both cases, from the site's folder


def test_checking_part_of_the_site_also_checks_it_against_the_rest(site, capsys):
    """An editor's trial: a published case set back to draft, and a copied case (the same id
    twice), each passed ``showcase check <its folder>`` with 错误 0 处, and a deleted
    published case passed a check of its province; the pull request then failed."""
    assert run(capsys, "urls", "--update")[0] == 0
    other = edit(edit(VALID, "id: gz-yuexiu-2023-001", "id: gz-other-2023-001"), "cover: photo1.jpg", "")
    write_case(site / "cases" / "北京市" / "gz-other-2023-001", other)
    assert run(capsys, "urls", "--update")[0] == 0
    shutil.rmtree(site / "cases" / "北京市")  # a published case deleted
    for path in ("cases/广东省/gz-yuexiu-2023-001", "cases/广东省", "cases/广东省/gz-draft-001/index.md"):
        code, out, _ = run(capsys, "check", path)
        assert code == 1 and out.count("[ledger-missing]") == 1 and "/cases/gz-other-2023-001/" in out, path
    for args in (["check"], ["check", "cases"], ["check", str(site / "cases") + "/"], ["check", "./cases/../cases"]):
        code, out, _ = run(capsys, *args)
        assert code == 1 and out.count("[ledger-missing]") == 1 and "/cases/gz-other-2023-001/" in out, args
    write_case(site / "cases" / "北京市" / "gz-other-2023-001", other)  # back, and the site is whole again
    assert run(capsys, "check", "cases/广东省")[0] == 0
    spoil(site, "status: published", "status: draft")
    code, out, _ = run(capsys, "check", "cases/广东省/gz-yuexiu-2023-001")
    assert code == 1 and "[ledger-unpublished]" in out and "错误 1 处" in out
    spoil(site, "status: draft", "status: published")
    shutil.copytree(site / "cases/广东省/gz-yuexiu-2023-001", site / "cases/广东省/gz-yuexiu-2023-copy")
    code, out, _ = run(capsys, "check", "cases/广东省/gz-yuexiu-2023-copy")
    assert code == 1 and out.count("[duplicate-id]") == 1 and "gz-yuexiu-2023-copy/index.md" in out
    assert "先给它换一个新编号" in out  # not: rename the copy to the folder that is there
    assert "共 1 个案例" in out
    shutil.rmtree(site / "cases/广东省/gz-yuexiu-2023-copy")
    # A conflict left in a published case: that error alone, not its address lost too (a review)
    spoil(site, "status: published", "<<<<<<< HEAD\nstatus: published\n=======\nstatus: review\n>>>>>>> other")
    code, out, _ = run(capsys, "check")
    assert code == 1 and "[merge-conflict]" in out and "[ledger-" not in out, out


def test_a_yaml_syntax_error_reads_in_chinese_and_json_keeps_yamls_words(site, capsys):
    spoil(site, "title: 北京街道", "title: 时间: 北京街道")
    code, out, _ = run(capsys, "check")
    assert code == 1 and "[yaml-syntax]" in out and "冒号加空格" in out
    assert "mapping values" not in out and "YAML 的原话" not in out
    code, out, _ = run(capsys, "check", "--format", "json")
    (item,) = [d for d in json.loads(out)["diagnostics"] if d["code"] == "yaml-syntax"]
    assert "mapping values are not allowed" in item["detail"] and "mapping" not in item["message"] + item["hint"]


@pytest.mark.parametrize(
    ("override", "key"),
    [
        ("nav: 导航\n", "nav"),
        ("nav:\n  home: [首页, 主页]\n", "nav.home"),
        # a maintainer's trial: a traceback, the default page kept, a placeholder shown as typed
        ("about:\n  body:\n", "about.body"),
        ("abuot:\n  title: 关于我们\n", "abuot"),
        ("home:\n  intro: 来自 {province} 个省的案例\n", "home.intro"),
    ],
    ids=["group-as-word", "word-as-list", "empty", "unknown-key", "unknown-placeholder"],
)
def test_a_texts_file_of_the_wrong_shape_is_one_line_naming_it(site, override, key):
    """A site's texts override that turns a group into a word (or a word into a list)
    stops every command with one line naming that file and key: not a Python error in the
    middle of a build, and not a problem reported against urls.lock."""
    (site / "texts.yml").write_text(override, encoding="utf-8")
    (site / "mkdocs.yml").write_text("site_name: x\ndocs_dir: cases\nplugins:\n  - showcase:\n      texts: texts.yml\n", encoding="utf-8")
    (site / "urls.lock").write_text("", encoding="utf-8")
    for command in (["check"], ["urls"]):
        result = _subprocess(command, site)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and "texts.yml" in lines[0] and f"“{key}”" in lines[0], (command, lines)
        assert "urls.lock" not in result.stdout + result.stderr and "Traceback" not in result.stderr
    build = run_process([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site / "out")], site, timeout=300)
    assert build.returncode != 0 and "Traceback" not in build.stderr and f"“{key}”" in build.stderr, build.stderr[-2000:]


def test_a_ledger_that_cannot_be_written_is_one_line(site):
    """`urls --update` writes urls.lock whole or not at all; a place it cannot write is one line."""
    (site / "afile").write_text("", encoding="utf-8")
    result = _subprocess(["urls", "--update", "--ledger", "afile/urls.lock"], site)
    assert result.returncode == 1, (result.stdout, result.stderr)
    last = [line for line in result.stderr.splitlines() if line.strip()][-1]
    assert last.startswith("showcase: 无法写入 ") and "afile/urls.lock" in last and "Traceback" not in result.stderr, last


def _full_disk(limit: int):
    """Run the child with files capped at ``limit`` bytes: a write past it fails (EFBIG), as
    on a full disk (Python ignores SIGXFSZ, so the write returns an error)."""
    import resource

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return cap


@pytest.mark.parametrize(
    ("command", "name"),
    [(["template"], "申报表.docx"), (["stats"], "统计.csv"), (["schema"], "case.schema.json")],
    ids=["template", "stats", "schema"],
)
def test_a_write_that_fails_half_way_keeps_the_old_file(site, command, name):
    """A full disk in the middle of writing: one line, and the file that was there stays
    whole (it was replaced by a truncated one: a form that no longer opened)."""
    old = b"old file, whole\n" * 5
    (site / name).write_bytes(old)
    extra = {"stats": ["--format", "csv"], "template": ["--force"]}.get(command[0], [])
    if command == ["stats"]:  # enough text that the CSV is longer than the cap
        for n in range(30):
            write_case(
                site / "cases" / "广东省" / f"gz-yuexiu-2023-{100 + n:03d}",
                edit(VALID, "id: gz-yuexiu-2023-001", f"id: gz-yuexiu-2023-{100 + n:03d}"),
            )
    result = subprocess.run(
        [sys.executable, "-m", "showcase", *command, *extra, "-o", name],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_full_disk(len(old) + 100),
    )
    assert result.returncode == 1, (result.stdout, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    last = [line for line in result.stderr.splitlines() if line.strip()][-1]
    assert last.startswith(f"showcase: 无法写入 {name}"), last
    assert (site / name).read_bytes() == old
    assert not [p.name for p in site.iterdir() if p.name.startswith(name + ".")]  # no temporary file left


def test_booklet_on_a_full_disk_and_a_title_with_a_control_character_are_one_line(site):
    for args, words in (
        (["booklet", "--province", "广东省", "-o", "汇编.docx"], "无法写入 汇编.docx"),
        # the PDF is written by its layout process, which says why it could not (pdfprocess.py)
        (["booklet", "--province", "广东省", "-o", "汇编.pdf"], "无法写入 汇编.pdf（"),
        (["booklet", "--province", "广东省", "--title", "汇编\x01", "-o", "汇编.docx"], "U+0001"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "showcase", *args], cwd=site, capture_output=True, text=True, check=False, preexec_fn=_full_disk(20000)
        )
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr, (args, result.stderr[-2000:])
        last = [line for line in result.stderr.splitlines() if line.strip()][-1]
        assert last.startswith("showcase: ") and words in last, (args, last)
        assert not [p.name for p in site.iterdir() if "汇编" in p.name]  # nor a temporary file


def test_what_collections_yml_publishes_is_checked_as_a_case_is(site, capsys):
    """A collection's title and introduction are published (its page, feeds, booklets): a
    review published a contact, a mobile number and a review word from there."""
    (site / "words.txt").write_text("示例违禁词\n", encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: cases\nplugins:\n  - showcase:\n      review_words: words.txt\n", encoding="utf-8"
    )
    (site / "collections.yml").write_text(
        "collections:\n"
        "  - key: one\n"
        "    title: 一区一特色\n"
        "    intro: |\n"
        "      本专题收录便民服务案例。\n"
        "      联系人：王小明，电话138 1234 5678。\n"
        "      这里有示例&#36829;禁词。\n"
        "      值班手机139****5678。\n"  # starred: an error, as in a published case (it is published)
        "    cases: [gz-yuexiu-2023-001]\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check")
    assert code == 1, out
    found = sorted(re.findall(r"collections\.yml:(\d+): error \[([a-z-]+)\]", out))
    assert found == [("6", "contact-person"), ("6", "mobile-number"), ("7", "review-word"), ("8", "masked-number")], out
    # said as the site's words: a collection has no 申报表 to move its contact to
    assert "网站是公开的，联系人的姓名和联系方式不能写在网站上" in out and "申报表" not in out, out


def test_another_sites_ledger_is_one_error_saying_to_make_a_new_one(site, capsys):
    # cases/ replaced by another collection: each old address was an error of its own,
    # and only the build and `showcase urls` said what to do.
    assert run(capsys, "urls", "--update")[0] == 0
    shutil.rmtree(site / "cases" / "广东省")
    other = edit(edit(VALID, "id: gz-yuexiu-2023-001", "id: bj-new-2024-001"), "cover: photo1.jpg", "")
    write_case(site / "cases" / "北京市" / "bj-new-2024-001", other)
    code, out, _ = run(capsys, "check")
    assert code == 1 and out.count("[ledger-missing]") == 1, out
    assert "一个也不在当前的案例集里" in out and "删除 urls.lock，再运行 showcase urls --update" in out


@pytest.mark.parametrize("command", [["stats"], ["urls"]], ids=lambda c: c[0])  # preview: tests/scale/test_preview.py
def test_a_file_given_for_a_cases_folder_is_called_a_file(site, command):
    """A review: `showcase stats README.md` said 找不到案例文件夹 README.md, the file being there."""
    (site / "README.md").write_text("说明\n", encoding="utf-8")
    result = _subprocess([command[0], "README.md", *command[1:]], site)
    assert result.returncode == 2, result.stderr
    assert "README.md" in result.stderr and "找不到" not in result.stderr and "Traceback" not in result.stderr
    assert "是一个文件，不是案例文件夹" in result.stderr


@pytest.mark.parametrize(("command", "name"), [(["template"], "表.docx"), (["stats"], "统计.csv")], ids=["template", "stats"])
def test_an_output_into_a_folder_that_is_not_there_is_refused_not_made(site, command, name):
    """A review: `-o /nonexistent/x` quietly made /nonexistent; booklet refused it."""
    result = _subprocess([*command, "-o", f"没有的文件夹/{name}"], site)
    assert result.returncode == 2, result.stderr
    assert f"-o 没有的文件夹/{name}：文件夹 没有的文件夹 不存在" in result.stderr
    assert not (site / "没有的文件夹").exists()
    # a name Windows, a USB stick or a share cannot hold (a department's trial: 越秀：汇编?.pdf)
    bad = name.replace(".", "?.", 1)
    result = _subprocess([*command, "-o", bad], site)
    assert (
        result.returncode == 2
        and f"-o {bad}：文件名里有 ?，Windows 电脑和 U 盘上不能用这样的文件名。请去掉这些字符，例如 -o {name}。" in result.stderr
    )
    assert not (site / bad).exists()
    result = _subprocess([*command, "-o", "CON" + name[name.index(".") :]], site)  # a name Windows keeps for a device
    assert result.returncode == 2 and "是 Windows 保留给设备的名字" in result.stderr, result.stderr


def test_ctrl_c_while_the_commands_load_is_one_line_not_a_traceback(site):
    # The console script runs `from showcase.cli import main; sys.exit(main())`; loading the
    # commands takes a third of a second, and Ctrl-C then printed a traceback. Here the
    # interrupt arrives as the first command module loads, as a finder sees it.
    script = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.startswith('showcase.commands'):\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from showcase.cli import main\n"
        "sys.exit(main(['check']))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=site, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr.strip()) == (130, "showcase: 已中断。")


def test_a_site_address_copied_with_its_page_is_refused_by_the_build_and_the_booklet(site, capsys):
    # a deployer's trial: https://…/anli/index.html went into every QR code and full URL as
    # …/anli/index.html/cases/<id>/, a 404 on any server, without a word
    address = "https://www.example.gov.cn/wmsj/anli/index.html"
    (site / "mkdocs.yml").write_text(f"site_name: x\ndocs_dir: cases\nsite_url: {address}\nplugins:\n  - showcase\n", encoding="utf-8")
    (site / "urls.lock").write_text("", encoding="utf-8")
    build = run_process([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site / "out")], site, timeout=300)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert "site_url：网站地址" in build.stderr and "最后一段“index.html”是一个网页文件" in build.stderr, build.stderr[-2000:]
    # the check and a booklet from mkdocs.yml's address say so too (a review: the booklet
    # printed it into every QR code, and the check passed)
    code, _, err = run(capsys, "check")
    assert code == 2 and "mkdocs.yml 的 site_url：" in err and "index.html" in err
    code, _, err = run(capsys, "booklet", "--theme", "便民服务", "-o", str(site / "b.docx"))
    assert code == 2 and "最后一段“index.html”是一个网页文件" in err and not (site / "b.docx").exists()
    with pytest.raises(SystemExit) as usage:  # argparse's own exit, with our words
        main(["booklet", "--theme", "便民服务", "--site-url", address.replace("index.html", "?from=menu"), "-o", str(site / "b.docx")])
    assert usage.value.code == 2 and "带着问号（?）" in capsys.readouterr().err and not (site / "b.docx").exists()


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("https://user:secret@www.example.gov.cn/anli/", "带着用户名或密码"),  # printed in every QR code
        ("https://www.example.gov.cn:99999/anli/", "端口号不对"),
        ("https://www.example.gov.cn/an\tli/", "看不见的字符"),
        ("https://www.example.gov.cn/文明 实践/", "里有空格"),
        # printed as written in the sitemap, feeds and canonical links, where a URL is encoded (a configuration audit)
        ("https://例子.政务.cn/案例/", "请写成编码后的样子：https://xn--fsqu00a.xn--zfr164b.cn/%E6%A1%88%E4%BE%8B/"),
        ("https://www.example.gov.cn:8443/实践/", "https://www.example.gov.cn:8443/%E5%AE%9E%E8%B7%B5/"),
        # a % that encodes nothing: printed into every QR code, which no browser opens (a red team)
        ("https://a.example/%zz/", "里的“%zz”不对：网址里的 % 后面要跟两位编码"),
        ("https://a.example/anli%", "里的“%”不对"),
        # a Chinese input method's colon ended the check in a traceback; its ／ and ？ were told to be encoded (a review)
        ("https：//a.example/anli/", "里有全角符号“：”：网址里的符号要用英文输入法打的半角符号，请把“：”改成“:”，"),
        ("https://a.example／anli/", "请把“／”改成“/”，或从浏览器地址栏重新复制地址，例如 https://a.example/anli/"),
        ("https://a.example/an\u00a0li/", "里有空格"),  # a no-break space from a web page: not "encode it"
    ],
)
def test_a_site_address_that_could_not_be_printed_is_refused_by_the_check(site, capsys, address, words):
    (site / "mkdocs.yml").write_text(f"site_name: x\ndocs_dir: cases\nsite_url: {json.dumps(address)}\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2 and f"mkdocs.yml 的 site_url：网站地址“{address}”" in err and words in err


def test_a_site_address_with_a_direction_mark_or_of_any_length_is_quoted_readably(site, capsys):
    # A right-to-left mark copied with the address was printed as it is (the line read
    # backwards after it) and was told to be encoded as a Chinese word; a hostile address of
    # 100,000 characters was printed whole in each message (a red team's, left in a note).
    (site / "mkdocs.yml").write_text('site_name: x\ndocs_dir: cases\nsite_url: "https://a.example/anli/\\u200f"\n', encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2 and "\u200f" not in err, err
    assert "网站地址“https://a.example/anli/[U+200F（" in err and "里有看不见的字符 U+200F（" in err, err
    assert "例如 https://a.example/anli/" in err and "编码后的样子" not in err, err
    # before https:// (told it did not start with https://, a review), and a run of them (1,500 characters)
    for address, said in (
        ("\u200bhttps://a.example/anli/", "[U+200B（零宽空格）]https://"),
        ("https://a.example/" + "\u200b" * 100, "× 100]"),
    ):
        (site / "mkdocs.yml").write_text(f"site_name: x\ndocs_dir: cases\nsite_url: {json.dumps(address)}\n", encoding="utf-8")
        code, _, err = run(capsys, "check")
        assert code == 2 and said in err and "里有看不见的字符 U+200B（零宽空格）" in err and len(err) < 1000, err
    for address in ("https://a.example/" + "%" * 100_000, "https://a.example/" + "x" * 100_000 + "?from=menu"):
        (site / "mkdocs.yml").write_text(f"site_name: x\ndocs_dir: cases\nsite_url: {json.dumps(address)}\n", encoding="utf-8")
        code, _, err = run(capsys, "check")
        assert code == 2 and "mkdocs.yml 的 site_url：网站地址“https://a.example/" in err and len(err) < 1000, err[:2000]
        assert f"（共 {len(address)} 个字符）" in err and "例如 https://www.example.gov.cn/wmsj/anli/" in err, err


def test_a_site_address_with_an_unclosed_bracket_is_refused_by_the_check(site, capsys):
    # urlsplit's ValueError ("Invalid IPv6 URL") was a traceback in check and booklet
    (site / "mkdocs.yml").write_text('site_name: x\ndocs_dir: cases\nsite_url: "https://[::1/"\n', encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2 and "mkdocs.yml 的 site_url：“https://[::1/”不是网址：方括号 [ ] 没有配对" in err and "Traceback" not in err


@pytest.mark.parametrize("folder", [False, True])
def test_a_collections_file_the_site_names_that_is_not_there_is_an_error(site, capsys, folder):
    # a path written wrong: every 专题 page became a redirect to the home page (INFO only),
    # and the check said 错误 0 处
    if folder:
        (site / "special.yml").mkdir()
    (site / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: cases\nplugins:\n  - showcase:\n      collections: special.yml\n", encoding="utf-8"
    )
    code, _, err = run(capsys, "check")
    assert code == 2 and "collections 写的专题文件" in err and ("不是一个文件" if folder else "不存在") in err


@pytest.mark.parametrize(
    ("name", "words"),
    [("collections.yml", "collections 写的专题文件"), ("CONTRIBUTING.md", "guide 写的编辑指南文件")],
    ids=["collections", "guide"],
)
def test_a_folder_at_a_site_file_s_default_name_is_an_error(site, capsys, name, words):
    # The default name may be missing (a site without collections, or without a guide);
    # a folder there is no such site: it is refused as a folder the site names is.
    (site / name).mkdir()
    (site / "mkdocs.yml").write_text("site_name: x\ndocs_dir: cases\nplugins:\n  - showcase\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2 and words in err and f"{name} 不是一个文件" in err, err


def test_a_broken_texts_file_stops_the_check_without_a_ledger(site, capsys):
    # hostile input: the texts were read only to check a ledger, so a site without urls.lock
    # passed its check and stopped at the build
    (site / "urls.lock").unlink(missing_ok=True)
    (site / "texts.yml").write_text("home:\n  intro:\n", encoding="utf-8")
    (site / "mkdocs.yml").write_text("site_name: x\ndocs_dir: cases\nplugins:\n  - showcase:\n      texts: texts.yml\n", encoding="utf-8")
    code, _, err = run(capsys, "check")
    assert code == 2 and "texts.yml:2: “home.intro” 是空的。" in err


def test_a_site_whose_cases_folder_is_gone_is_told_to_make_it(site, capsys):
    """A department's trial: every sample case removed (git rm -r cases/), and the check said
    the folder did not exist and offered that very folder as the example."""
    (site / "mkdocs.yml").write_text("site_name: 绍兴市案例\nplugins:\n  - showcase\n", encoding="utf-8")
    shutil.rmtree(site / "cases")
    code, _, err = run(capsys, "check")
    assert code == 2 and "网站的案例文件夹" in err and "不存在" in err, err
    assert "mkdir cases" in err and "showcase new" in err, err


@pytest.mark.parametrize("named", ["cases", "cases/", "./cases"])
def test_the_gone_cases_folder_named_on_the_command_line_is_told_to_make_it_too(site, capsys, named):
    """``showcase check cases/`` as the guide writes it: the site's own folder, gone, was
    answered with 请写案例所在的文件夹，例如 showcase check cases/, the folder just typed."""
    (site / "mkdocs.yml").write_text("site_name: 绍兴市案例\nplugins:\n  - showcase\n", encoding="utf-8")
    shutil.rmtree(site / "cases")
    code, _, err = run(capsys, "check", named)
    assert code == 2 and "mkdir cases" in err and "例如 showcase check cases/" not in err, err


def test_an_env_site_url_is_read_as_mkdocs_reads_it(tmp_path, monkeypatch):
    """The tools' site_url of `site_url: !ENV [SITE_URL, …]` was none (a review: pr-summary
    then said the address was removed; booklets print it)."""
    from showcase.core.collection.mkdocs_yml import SiteConfig

    config = tmp_path / "mkdocs.yml"
    config.write_text('site_name: x\nsite_url: !ENV [SITE_URL, "https://a.example.org/"]\nplugins:\n  - showcase\n', encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert SiteConfig.read(config).site_url == "https://a.example.org/"
    monkeypatch.setenv("SITE_URL", "https://b.example.org/")
    assert SiteConfig.read(config).site_url == "https://b.example.org/"


def test_an_option_written_twice_in_mkdocs_yml_is_refused_naming_both_lines(tmp_path):
    """YAML keeps the last of two equal keys without a word: an editor who added
    ``review_words: 我们的词表.txt`` at the top of the plugin's block, above the sample's own
    line, had the sample's list checked, and a case with the department's word passed the
    check and the build (an editor's trial). The workflow's set_site_url.py writes the first
    ``site_url:`` of two, which the second then overrode."""
    from showcase.core.collection.mkdocs_yml import SiteConfig
    from showcase.core.errors import ConfigError

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nplugins:\n  - showcase:\n      review_words: 我们的词表.txt\n      sample_tag: 示例\n"
        "      review_words: plugins/showcase/data/review-words.example.txt\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        SiteConfig.read(config)
    assert f"{config} 第 6 行：review_words 写了两次（第 4 行已有）" in str(raised.value), raised.value
    config.write_text('site_url: ""\nsite_name: x\nsite_url: "https://a.example.org/"\nplugins:\n  - showcase\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"第 3 行：site_url 写了两次（第 1 行已有）"):
        SiteConfig.read(config)
    # the same name in two places is no slip: each mapping is its own
    config.write_text(
        "site_name: x\nplugins:\n  - search:\n      lang: zh\n  - showcase:\n      footer:\n        organizer: 甲\n", encoding="utf-8"
    )
    assert SiteConfig.read(config).options.footer == {"organizer": "甲"}


@pytest.mark.parametrize("value", ["[https://a.example.org/]", "123", "{url: https://a.example.org/}"])
def test_a_site_url_that_is_no_text_is_refused_as_the_build_refuses_it(tmp_path, value):
    """MkDocs stops a build whose site_url is a list or a number (in English); the tools read
    it as no address, and check and booklet passed, the booklet without its QR codes."""
    from showcase.core.collection.mkdocs_yml import SiteConfig
    from showcase.core.errors import ConfigError

    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nsite_url: {value}\nplugins:\n  - showcase\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mkdocs\.yml 的 site_url 应是一个网址"):
        SiteConfig.read(config)


@pytest.mark.parametrize(
    "args, code, line",
    [
        (["stats", "-o", "统计.xlsx"], 2, "showcase stats: 不能写成 .xlsx 文件。请用 .csv 结尾的文件名"),
        (["new", "--no-input", "--title", "x"], 2, "showcase new: 标题"),
        (["template", "-o", "表.pdf"], 2, "showcase: 申报表要保存成 .docx 文件"),
        (["pr-summary", "--base", "origin/main"], 2, "showcase: 这里不是 Git 仓库"),
    ],
)
def test_a_command_s_own_refusal_is_raised_and_printed_once_by_main(site, capsys, args, code, line):
    """Each command raises its refusal; cli.main prints it once, in the command's name where it
    speaks in it (showcase new: …, showcase stats: …), and returns its exit code."""
    exit_code, out, err = run(capsys, *args)
    assert exit_code == code and err.startswith(line) and len(err.splitlines()) == 1, err
    assert out == "" and "Traceback" not in err


def test_a_file_named_to_work_the_terminal_is_shown_not_obeyed(site, capsys):
    """A security review: a file in a case folder named ESC [2J ESC [H 共 2 个案例…错误 0 处
    cleared the editor's screen, wrote a summary of its own and hid the rest (ESC [8m); one
    named with a line end wrote a line of its own into every check's output. What a terminal
    acts on is shown as U+FFFD, on the diagnostic's one line."""
    folder = site / "cases" / "广东省" / "gz-yuexiu-2023-001"
    (folder / "0\x1b[2J\x1b[H共 2 个案例：错误 0 处。\x1b[8m").write_text("x", encoding="utf-8")
    (folder / "b\nfake.md:1: error [x] injected").write_text("x", encoding="utf-8")
    spoil(site, "served: 4800", "served: 4800\ncontact_phone: 13812345678")
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "\x1b" not in out and "\ufffd[2J\ufffd[H共 2 个案例" in out, out
    assert not any(line.startswith("fake.md") for line in out.splitlines()), out
    assert "b\ufffdfake.md:1: error [x] injected" in out
