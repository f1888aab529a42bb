"""The checker's output formats and their links into the editors' guide; `check-files`
and the pre-commit hook."""

from __future__ import annotations

import ast
import functools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from showcase.core.case.fields import FIELDS
from showcase.core.editors.guide import anchors_in, guide_map

from .conftest import ROOT, run, write_case

PACKAGE = ROOT / "plugins/showcase"
GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
GITHUB = re.compile(r"^::(?P<severity>error|warning) file=(?P<file>[^,]*),line=(?P<line>\d+),title=(?P<code>[^:]*)::(?P<text>.*)$")
# Where the code argument sits in each kind of call that makes a diagnostic.
CODE_ARGUMENT = {"error": 1, "warning": 1, "_diag": 2, "note": 2, "Diagnostic": 3}  # note: the loader's (collection/loading.py)


@functools.cache
def parsed(path: Path) -> ast.Module:
    """The syntax tree of the package's file ``path``, parsed once for the module's tests (they
    only read it: four scans of the whole package's source parsed it four times)."""
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", autouse=True)
def _forget_parsed():
    """The trees are some 75 MB: not kept past the module."""
    yield
    parsed.cache_clear()


def emitted_codes() -> tuple[set[str], set[str]]:
    """Codes written in the package's source (the core and the command line):
    literal codes, and prefixes of f-string codes."""
    codes, prefixes = set(), set()
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(parsed(path)):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            index = CODE_ARGUMENT.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                codes.add(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                head = arg.values[0]
                assert isinstance(head, ast.Constant), f"{path.name}:{node.lineno}: a code should start with fixed text"
                prefixes.add(head.value)
    return codes, prefixes


def guide_section(anchor: str) -> str:
    start = GUIDE.index(f'<a id="{anchor}"></a>')
    following = GUIDE.find('<a id="', start + 1)
    return GUIDE[start : following if following != -1 else None]


def test_the_source_scan_finds_the_codes():
    codes, prefixes = emitted_codes()
    assert {"yaml-tab", "missing-key", "id-number", "image-missing", "duplicate-id", "placeholder"} <= codes
    assert prefixes == {"unknown-"}
    assert len(codes) >= 40


def test_every_code_the_core_can_emit_has_a_guide_section_that_explains_it():
    codes, prefixes = emitted_codes()
    mapping = guide_map()
    for code in sorted(codes):
        family = mapping.family(code)
        assert family is not None, f"{code}: no section of the guide explains it (plugins/showcase/data/guide.yml)"
        assert f"`{code}`" in guide_section(family.anchor), f"{code}: not explained in CONTRIBUTING.md #{family.anchor}"
    for prefix in prefixes:
        families = [f for f in mapping.families if prefix in f.prefixes]
        assert families, f"{prefix}*: no guide section for these codes"
        explained = re.findall(rf"`({re.escape(prefix)}[a-z-]+)`", guide_section(families[0].anchor))
        assert explained, f"{prefix}*: the guide names none of them"
        for code in explained:
            assert mapping.family(code) is families[0]


def source_strings() -> set[str]:
    """Every string constant of the package's source, and the codes its f-strings make:
    ``f"unknown-{name}"`` for each field read against a vocabulary (readers.py)."""
    strings = {
        node.value
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    vocabularies = [f for top in FIELDS for f in (top, *top.fields) if f.vocabulary]
    _, prefixes = emitted_codes()
    return strings | {prefix + f.key for prefix in prefixes for f in vocabularies}


def test_every_code_the_guide_lists_is_one_the_package_writes_in_that_section():
    """The other way round: each code on a section's 代码： line (CONTRIBUTING §九) is one
    guide.yml sends to that section and one the package's source writes, and every code
    guide.yml lists is on its section's line. A code renamed or removed in the source
    leaves no name behind that an editor looks up in vain."""
    written = source_strings()
    mapping = guide_map()
    for family in mapping.families:
        found = re.search(r"^代码：(.*?)\n\n", guide_section(family.anchor), re.S | re.M)
        assert found, f"CONTRIBUTING.md #{family.anchor}: no 代码： line listing the section's codes"
        listed = re.findall(r"`([a-z][a-z0-9-]*)`", found.group(1))
        assert listed, f"CONTRIBUTING.md #{family.anchor}: the 代码： line names no code"
        for code in listed:
            assert mapping.family(code) is family, f"{code}: listed in #{family.anchor}, but guide.yml sends it elsewhere"
            if code not in written:  # (pytest.fail: the assert would print every string of the package)
                pytest.fail(f"{code}: listed in CONTRIBUTING.md #{family.anchor}, but the package never writes it")
        for code in family.codes:
            assert code in listed, f"{code}: guide.yml's #{family.anchor} has it, its 代码： line does not"
        for prefix in family.prefixes:
            assert any(code.startswith(prefix) for code in listed), f"{prefix}*: #{family.anchor} lists none"


def test_every_anchor_of_the_mapping_is_in_the_guide():
    anchors = anchors_in(GUIDE)
    assert len(anchors) == len(set(anchors)), "an anchor appears twice"
    for anchor in guide_map().anchors:
        assert anchor in anchors


def broken_case(project: Path, folder: str | None = None) -> Path:
    body = "## 基本情况\n\n联系人电话 13812345678。\n"
    return write_case(project / "cases", "gz-bad-2023-001", 0, body=body, folder=folder, summary="太短了")


def test_text_keeps_the_first_line_and_adds_the_guide_link(project, capsys):
    broken_case(project)
    code, out, _ = run(["check"], capsys)
    assert code == 1
    lines = out.splitlines()
    first = next(i for i, line in enumerate(lines) if "[length]" in line)
    assert re.fullmatch(
        r"cases/广东省/gz-bad-2023-001/index\.md:\d+: error \[length\] summary（摘要）有 3 个字，应为 20–300 个字。", lines[first]
    )
    assert lines[first + 1] == "    提示：请补充到至少 20 个字。"
    assert lines[first + 2] == "    详见：投稿指南 CONTRIBUTING.md#err-values"
    mobile = next(i for i, line in enumerate(lines) if "[mobile-number]" in line)
    assert lines[mobile + 2] == "    详见：投稿指南 CONTRIBUTING.md#err-privacy"


def test_json_has_a_guide_field(project, capsys):
    broken_case(project)
    _, out, _ = run(["check", "--format", "json"], capsys)
    items = {d["code"]: d for d in json.loads(out)["diagnostics"]}
    assert items["length"]["guide"] == "CONTRIBUTING.md#err-values"
    assert items["mobile-number"]["guide"] == "CONTRIBUTING.md#err-privacy"
    assert items["length"]["line"] > 1 and items["length"]["severity"] == "error"


def test_github_format_annotates_lines_with_escaped_properties(project, capsys, monkeypatch):
    broken_case(project, folder="广东省,示例:甲")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "mca/showcase")
    code, out, _ = run(["check", "--format", "github"], capsys)
    assert code == 1
    lines = out.splitlines()
    annotations = [GITHUB.match(line) for line in lines[:-1]]
    assert all(annotations), lines
    by_code = {m["code"]: m for m in annotations}
    length = by_code["length"]
    assert length["severity"] == "error"
    assert length["file"] == "cases/广东省%2C示例%3A甲/gz-bad-2023-001/index.md"
    text = length["text"].split("%0A")
    assert text == [
        "summary（摘要）有 3 个字，应为 20–300 个字。",
        "提示：请补充到至少 20 个字。",
        "详见：投稿指南 https://github.com/mca/showcase/blob/HEAD/CONTRIBUTING.md#err-values",
    ]
    path = project / "cases/广东省,示例:甲/gz-bad-2023-001/index.md"
    source_lines = path.read_text(encoding="utf-8").splitlines()
    assert source_lines[int(length["line"]) - 1].startswith("summary:")
    assert source_lines[int(by_code["mobile-number"]["line"]) - 1] == "联系人电话 13812345678。"
    assert lines[-1].startswith("共 1 个案例")


def test_links_go_to_the_published_guide_when_the_site_has_an_address(project, capsys):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('site_url: ""', "site_url: https://example.org/showcase/"), encoding="utf-8"
    )
    broken_case(project)
    _, out, _ = run(["check"], capsys)
    assert "    详见：投稿指南 https://example.org/showcase/guide/#err-values" in out.splitlines()


def test_check_files_reports_only_the_touched_cases(project, capsys):
    cases = project / "cases"
    broken_case(project)
    good = write_case(cases, "gz-good-2023-001", 0)
    one = write_case(cases, "gz-twin-2023-001", 0, folder="甲")
    write_case(cases, "gz-twin-2023-001", 0, folder="乙")
    code, out, _ = run(["check-files", str(good.parent / "photo1.jpg")], capsys)
    assert code == 0
    assert "gz-bad" not in out and out.startswith("共 1 个案例")
    code, out, _ = run(["check-files", str(one)], capsys)
    assert code == 1
    assert "[duplicate-id]" in out and "乙/gz-twin-2023-001/index.md" in out  # rules across cases still apply
    assert "gz-bad" not in out
    code, out, _ = run(["check-files", "cases/广东省/gz-bad-2023-001/index.md", "cases/deleted/index.md"], capsys)
    assert code == 1 and "[length]" in out and "详见：投稿指南" in out
    assert run(["check-files"], capsys)[0] == 0


def test_check_files_stops_a_commit_that_breaks_a_published_address(project, capsys):
    """The pre-commit hook passed a published case set back to draft, and a commit deleting
    another published case, with 错误 0 处, while showcase check and the pull request
    failed on both: it checks what showcase check <folder> checks."""
    from tests.support.project import edit_front_matter, write_ledger

    cases = project / "cases"
    kept = write_case(cases, "gz-kept-2023-001", 0)
    gone = write_case(cases, "gz-gone-2023-001", 1)
    other = write_case(cases, "gz-other-2023-001", 2)
    write_ledger(project)
    edit_front_matter(kept, "status: published", "status: draft")
    code, out, _ = run(["check-files", str(kept)], capsys)
    assert code == 1 and "gz-kept-2023-001/index.md:" in out and "[ledger-unpublished]" in out
    edit_front_matter(kept, "status: draft", "status: published")
    assert run(["check-files", str(kept)], capsys)[0] == 0
    import shutil

    shutil.rmtree(gone.parent)
    code, out, _ = run(["check-files", str(other)], capsys)
    assert code == 1 and "[ledger-missing]" in out and "gz-gone-2023-001" in out
    assert "共 1 个案例" in out  # only the touched case counted


def test_check_files_checks_collections_yml_against_every_case(project, capsys):
    # A typo in collections.yml passed the pre-commit hook with 共 0 个案例 (an editor's trial).
    write_case(project / "cases", "gz-yuexiu-2023-001", 0)
    (project / "collections.yml").write_text(
        "collections:\n  - key: one\n    title: 一\n    cases:\n      - gz-yuexu-2023-001\n", encoding="utf-8"
    )
    code, out, _ = run(["check-files", "collections.yml"], capsys)
    assert code == 1 and "collections.yml:5: error [collections-unknown-case]" in out and "是不是 gz-yuexiu-2023-001？" in out
    (project / "collections.yml").write_text(
        "collections:\n  - key: one\n    title: 一\n    cases:\n      - gz-yuexiu-2023-001\n", encoding="utf-8"
    )
    assert run(["check-files", "collections.yml"], capsys)[0] == 0


def test_pre_commit_hook_runs_the_checker_on_changed_cases(project):
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = config["repos"][0]["hooks"][0]
    assert config["repos"][0]["repo"] == "local"
    script = ROOT / hook["entry"]
    assert os.access(script, os.X_OK)
    assert re.search(hook["files"], "cases/广东省/gz-yuexiu-2023-001/photo1.jpg")
    assert re.search(hook["files"], "collections.yml")
    assert not re.search(hook["files"], "plugins/showcase/cli.py") and not re.search(hook["files"], "docs/collections.yml.bak")
    bad = broken_case(project)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run([str(script), str(bad)], cwd=project, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert "[length]" in result.stdout and "[mobile-number]" in result.stdout
    good = write_case(project / "cases", "gz-good-2023-001", 0)
    result = subprocess.run([str(script), str(good)], cwd=project, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("anchor", ["web-template"])
def test_the_guides_copy_and_paste_case_is_a_valid_draft(project, capsys, anchor):
    block = guide_section(anchor)
    lines = [line[4:] for line in block.splitlines() if line.startswith("    ") or line == ""]
    text = "\n".join(lines).strip() + "\n"
    path = project / "cases/广东省/gz-yuexiu-2024-001/index.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(["check"], capsys)
    assert code == 0, out
    assert "共 1 个案例：已发布 0，草稿 1" in out
    assert out.count("[placeholder]") >= 4


def test_the_pull_request_workflow_uses_only_githubs_actions_and_our_commands():
    workflow = yaml.safe_load((ROOT / ".github/workflows/cases.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    assert workflow["permissions"] == {"contents": "read"}
    steps = workflow["jobs"]["cases"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert set(uses) == {"actions/checkout", "actions/setup-python", "actions/cache", "actions/upload-artifact"}
    caches = [step["with"]["path"].split() for step in steps if step.get("uses", "").startswith("actions/cache")]
    # photos, share cards and bodies kept between builds; not the checked cases (their entries are not verified again)
    assert [".cache/showcase", "!.cache/showcase/cases"] in caches
    assert all(".cache/showcase" not in path for path in caches if "!.cache/showcase/cases" not in path)
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # the base commit must be there for pr-summary
    runs = "\n".join(step.get("run", "") for step in steps)
    assert 'showcase check --format github --base "$BASE_SHA"' in runs
    assert 'showcase pr-summary --base "$BASE_SHA"' in runs and "$GITHUB_STEP_SUMMARY" in runs
    build = next(step for step in steps if "mkdocs build" in step.get("run", ""))
    assert build["env"]["SHOWCASE_PREVIEW"] == "true"
    artifact = next(step for step in steps if step.get("with", {}).get("name") == "site-preview")
    assert artifact["with"]["path"].rstrip("/") in build["run"]


def test_the_summary_counts_a_case_whose_status_was_not_read(project, capsys):
    """A review: 共 7 个案例：已发布 4，草稿 0，待审 0，已撤回 0, the three unreadable cases in no
    state, so the counts did not add up."""
    write_case(project / "cases", "gz-good-2023-001", 0)
    bad = project / "cases" / "广东省" / "gz-gbk-2023-001"
    bad.mkdir(parents=True)
    (bad / "index.md").write_bytes("---\nid: gz-gbk-2023-001\ntitle: 用 GBK 保存的案例\n---\n".encode("gbk"))
    code, out, _ = run(["check"], capsys)
    assert code == 1
    assert "共 2 个案例：已发布 1，草稿 0，待审 0，已撤回 0，状态读不出 1，其中 1 个有错误" in out


def test_the_pre_commit_hook_checks_a_commit_that_only_deletes_a_published_case(project):
    """An editor's trial: pre-commit passes no deleted file, and check-files given only deleted
    paths said nothing: git rm of a published case passed the hook, which CONTRIBUTING says
    checks published addresses as the pull request does. The hook's script adds the staged
    deletions, and the hook runs when a commit touches no other file."""
    from tests.support.git import IDENTITY, git
    from tests.support.project import write_ledger

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["hooks"][0]["always_run"] is True
    cases = project / "cases"
    write_case(cases, "gz-kept-2023-001", 0)
    gone = write_case(cases, "gz-gone-2023-001", 1)
    write_ledger(project)
    env = {**os.environ, **IDENTITY, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "site"]):
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True, env=env)
    script = ROOT / config["repos"][0]["hooks"][0]["entry"]
    result = subprocess.run([str(script)], cwd=project, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr  # nothing staged: nothing said
    git("rm", "-q", "-r", str(gone.parent.relative_to(project)), cwd=project)
    result = subprocess.run([str(script)], cwd=project, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and "[ledger-missing]" in result.stdout and "gz-gone-2023-001" in result.stdout, (
        result.stdout + result.stderr
    )
    # its urls.lock line deleted too (pre-commit passes urls.lock): the line the last commit had is missed (a review)
    assert re.search(config["repos"][0]["hooks"][0]["files"], "urls.lock")
    ledger = project / "urls.lock"
    kept = [line for line in ledger.read_text(encoding="utf-8").splitlines(keepends=True) if "gz-gone" not in line]
    ledger.write_text("".join(kept), encoding="utf-8")
    git("add", "urls.lock", cwd=project)
    result = subprocess.run([str(script), "urls.lock"], cwd=project, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and "[ledger-lines-removed]" in result.stdout and "/cases/gz-gone-2023-001/" in result.stdout, (
        result.stdout
    )


def test_a_case_folder_left_outside_the_cases_folder_is_said(project, capsys):
    """An editor's trial dropped a case folder beside mkdocs.yml: the check counted one case
    fewer and said nothing, and the site left it out. A case one or two folders down (a
    province's folder of them) is named; the project's own folders and a page that is no case are not."""
    write_case(project / "cases", "gz-kept-2024-001", 0)
    write_case(project, "gz-lost-2024-002", 0)  # 广东省/gz-lost-2024-002/ beside mkdocs.yml
    loose = write_case(project / "cases", "cd-loose-2024-003", 2).parent  # 四川省: the hint names its own province
    loose.rename(project / loose.name)
    (project / "notes").mkdir()
    (project / "notes" / "index.md").write_text("---\ntitle: 会议记录\n---\n正文\n", encoding="utf-8")
    (project / "site" / "cases" / "gz-x").mkdir(parents=True)
    (project / "site" / "cases" / "gz-x" / "index.md").write_text("---\nid: gz-x\nstatus: published\n---\n", encoding="utf-8")
    code, out, _ = run(["check"], capsys)
    said = [line for line in out.splitlines() if "[case-outside]" in line]
    assert code == 0 and len(said) == 2, out
    assert said[1].startswith(
        "广东省/gz-lost-2024-002/index.md:1: warning [case-outside] 文件夹 广东省/gz-lost-2024-002 像是一个案例（编号 gz-lost-2024-002）"
    )
    assert said[0].startswith("cd-loose-2024-003/index.md:1: warning") and "不在网站的案例文件夹 cases 里" in said[0], said
    assert "git mv cd-loose-2024-003 cases/四川省/" in out and "git mv 广东省/gz-lost-2024-002 cases/广东省/" in out


def test_the_site_s_own_words_are_screened_as_a_case_s_are(project, capsys):
    """A maintainer's trial: 联系人：王科长，手机 139…, and an ID number in the texts file's
    about page were published on /about/ (the same line in collections.yml is refused), and a
    mobile in the footer on every page. Check, doctor and build stop at them, naming file and line."""
    from tests.support.build import mkdocs_build

    write_case(project / "cases", "gz-kept-2024-001", 0)
    (project / "zj-texts.yml").write_text(
        "about:\n  body: |\n    本站收录优秀案例。\n    联系人：王科长，手机 13905711234。\n    报名请联系王小明。\n", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^      # texts: .*$", "      texts: zj-texts.yml", text)
    text = re.sub(r'(?m)^        contact: "".*$', "        contact: 值班手机 13812345678", text)
    assert "texts: zj-texts.yml" in text and "值班手机" in text
    config.write_text(text, encoding="utf-8")
    code, _, err = run(["check"], capsys)
    assert code == 2 and "zj-texts.yml:4: 这一行有手机号码（139****1234）" in err and "zj-texts.yml:4: 这一行写了联系人" in err, err
    assert re.search(r"mkdocs\.yml:\d+: showcase 插件的 footer\.contact（每一页的页脚）里有手机号码（138\*\*\*\*5678）", err), err
    assert run(["doctor"], capsys)[0] == 1
    built = mkdocs_build(project)
    assert built.returncode != 0 and "zj-texts.yml:4: 这一行有手机号码" in built.stdout + built.stderr
    assert not (project / "site" / "about" / "index.html").exists()
    assert "案例文件夹" not in err and "申报表" not in err and "不能写在网站上" in err, err  # the site's words, not a case's (a review)
    # an office's number, an office as the contact, no names: published
    (project / "zj-texts.yml").write_text(
        "about:\n  body: |\n    本站收录优秀案例。联系人：办公室，咨询电话：0571-87051234。\n", encoding="utf-8"
    )
    config.write_text(config.read_text(encoding="utf-8").replace("值班手机 13812345678", "联系电话：0571-87051234"), encoding="utf-8")
    assert run(["check"], capsys)[0] == 0
    # a reminder is said and counted, by the check and the build (it was never shown), as the site's
    (project / "zj-texts.yml").write_text("about:\n  body: |\n    本站收录优秀案例。\n    报名请联系王小明。\n", encoding="utf-8")
    code, out, err = run(["check"], capsys)
    said = "zj-texts.yml:4: warning [contact-name] 这一行像是写了要读者去找的人的姓名（“请联系王小明”）：网站是公开的"
    assert code == 0 and said in out and "申报表" not in out and "警告 1 处" in out, out + err
    built = mkdocs_build(project)
    assert built.returncode == 0 and said in built.stdout + built.stderr and "警告 1 处" in built.stdout + built.stderr, built.stderr


def test_a_footer_value_is_said_at_its_own_line_where_the_plugins_list_is_inherited(project, capsys):
    """The footer's line was found by a text search of mkdocs.yml: its first ``contact:``
    after a ``footer:`` line (a look-alike under another plugin's options took it), and no
    line at all when the plugins list sits in a file mkdocs.yml INHERITs. Read from the
    YAML of the file the build reads the plugins from."""
    write_case(project / "cases", "gz-kept-2024-001", 0)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    head, plugins = text.split("\nplugins:\n", 1)
    rest = plugins.split("\nextra:\n", 1)
    assert len(rest) == 2 and "footer:" in rest[0]
    shared = "plugins:\n" + rest[0].replace('contact: ""', "contact: 值班手机 13812345678") + "\n"
    (project / "base.yml").write_text(shared, encoding="utf-8")
    config.write_text(head + "\nINHERIT: base.yml\nextra:\n" + rest[1], encoding="utf-8")
    line = next(n for n, row in enumerate(shared.splitlines(), 1) if "值班手机" in row)
    code, _, err = run(["check"], capsys)
    assert code == 2 and f"base.yml:{line}: showcase 插件的 footer.contact（每一页的页脚）里有手机号码" in err, err


def test_a_pipe_named_like_a_case_or_a_template_never_holds_the_check(project):
    """A review of the day's change: the look for cases outside the cases folder opened any
    index.md, and the theme check any template of site_overrides/: a pipe named so (a FIFO)
    held `showcase check` for good. Both are read as regular files only."""
    import os

    from tests.support.build import run_showcase

    write_case(project / "cases", "gz-kept-2024-001", 0)
    (project / "stray").mkdir()
    os.mkfifo(project / "stray" / "index.md")
    (project / "site_overrides" / "partials").mkdir(parents=True, exist_ok=True)
    os.mkfifo(project / "site_overrides" / "partials" / "waiting.html")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  custom_dir: site_overrides\n", "  custom_dir: site_overrides\n  bannerx: 1\n", 1),
        encoding="utf-8",
    )
    done = run_showcase(["check"], project)  # a 120 s limit: a hang is a failure, not a stuck run
    assert done.returncode == 2 and "theme 下没有 bannerx 这个选项" in done.stderr and "Traceback" not in done.stderr, done.stderr
    config.write_text(config.read_text(encoding="utf-8").replace("  bannerx: 1\n", ""), encoding="utf-8")
    done = run_showcase(["check"], project)  # on to the cases, and the folders beside them
    assert done.returncode == 0 and "共 1 个案例" in done.stdout and "Traceback" not in done.stderr, done.stdout + done.stderr


def test_a_texts_file_of_many_errors_is_said_in_fifty_lines_each_at_its_line(project, capsys):
    """Hostile input: a texts file whose about page held 100,000 lines with a mobile number
    took 73 s to check (each match counted its block's line ends from the start) and was
    said in a message of 200,000 lines (51 MB). The first fifty, each at its own line, and
    how many more."""
    write_case(project / "cases", "gz-kept-2024-001", 0)
    lines = "".join(f"    第{n}段：值班手机 1391234{n:04d}。\n" for n in range(60))
    (project / "zj-texts.yml").write_text("about:\n  body: |\n" + lines, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^      # texts: .*$", "      texts: zj-texts.yml", config.read_text(encoding="utf-8")), encoding="utf-8")
    code, _, err = run(["check"], capsys)
    said = err.strip().splitlines()
    assert code == 2 and len(said) == 51 and said[-1] == "……另有 10 处错误没有列出：先改好上面这些，再运行一次。", said[-2:]
    assert said[0].startswith("showcase: ") and said[0].endswith(
        "zj-texts.yml:3: 这一行有手机号码（139****0000），不能公开发布。提示：删掉手机号码；需要留联系方式时写单位的办公电话或公众号。"
    )
    assert "zj-texts.yml:52: 这一行有手机号码（139****0049）" in said[49], said[49]


def test_the_site_s_own_words_are_said_in_the_order_of_their_lines(project, capsys):
    """A review: the texts file's problems came out by kind, a number's line 5 before a
    contact's line 3; they are said by line, as a case's are."""
    write_case(project / "cases", "gz-kept-2024-001", 0)
    (project / "zj-texts.yml").write_text(
        "about:\n  body: |\n    联系人：王科长。\n    本站收录优秀案例。\n    值班手机 13905711234。\n", encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^      # texts: .*$", "      texts: zj-texts.yml", config.read_text(encoding="utf-8")), encoding="utf-8")
    code, _, err = run(["check"], capsys)
    lines = [int(n) for n in re.findall(r"zj-texts\.yml:(\d+):", err)]
    assert code == 2 and lines == sorted(lines) and lines[0] == 3 and 5 in lines, err


def test_the_check_s_counts_of_errors_and_warnings_come_from_its_diagnostics(tmp_path):
    """An architecture review: the counts were kept by hand beside the diagnostics, so a
    diagnostic added without its count printed 错误 0 处 while the check exited 1."""
    from showcase.core.diagnostics import Diagnostic, Severity
    from showcase.core.editors.gate import CheckResult

    def said(severity: Severity) -> Diagnostic:
        return Diagnostic(tmp_path / "urls.lock", 1, severity, "ledger-base", "x", "y")

    result = CheckResult([said(Severity.ERROR), said(Severity.WARNING), said(Severity.ERROR)], {"cases": 3, "errors": 0, "warnings": 0})
    assert result.summary == {"cases": 3, "errors": 2, "warnings": 1}
    result.diagnostics.append(said(Severity.WARNING))
    assert result.summary["warnings"] == 2


def test_vs_code_s_schema_written_from_an_earlier_taxonomy_is_said_by_the_check(tmp_path, monkeypatch, capsys):
    """A maintainer's trial: a theme renamed in the site's taxonomy file; check and pr-summary
    passed, then the pull request's workflow stopped at `showcase schema --check`. The check
    says it, with the command that writes them again, and is quiet once it has run."""
    from showcase.cli import main

    from tests.support.project import ROOT, configure, make_project

    project = make_project(tmp_path / "p")
    monkeypatch.chdir(project)
    taxonomy = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    (project / "taxonomy.yml").write_text(taxonomy, encoding="utf-8")
    configure(project, "https://anli.example.org/", taxonomy="taxonomy.yml")
    made = ["schema", "-o", ".vscode/case.schema.json", "--snippets", ".vscode/cases.code-snippets"]
    assert main(made) == 0
    assert main(["check"]) == 0 and "site-schema" not in capsys.readouterr().out
    (project / "taxonomy.yml").write_text(taxonomy.replace("short: 便民服务", "short: 一老一小"), encoding="utf-8")
    assert main(["check"]) in (0, 1)
    out = capsys.readouterr().out
    assert "warning [site-schema]" in out and "showcase schema -o .vscode/case.schema.json --snippets .vscode/cases.code-snippets" in out, (
        out
    )
    assert main(made) == 0
    main(["check"])
    assert "site-schema" not in capsys.readouterr().out
