"""The GitHub workflows: GitHub's schema, the zizmor audit, what they promise, and the
publish workflow's commit-back script run for real against a local git remote."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.project import ROOT, make_project, write_case

WORKFLOWS = ROOT / ".github" / "workflows"
PUBLISH, CASES = WORKFLOWS / "publish.yml", WORKFLOWS / "cases.yml"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def zizmor(*paths: Path) -> list[dict]:
    done = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "json", "--min-severity", "medium", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode in (0, 11, 12, 13, 14), done.stderr  # 1x: findings of that severity
    return json.loads(done.stdout or "[]")


GITEA_SAMPLES = ROOT / "scripts" / "deploy" / "gitea" / "workflows"


@pytest.mark.parametrize(
    "path",
    [PUBLISH, CASES, GITEA_SAMPLES / "publish.yml", GITEA_SAMPLES / "cases.yml"],
    ids=["publish", "cases", "gitea-publish", "gitea-cases"],
)
def test_the_workflow_matches_githubs_schema(path):
    """Ours, and the samples for Gitea and Forgejo, which run GitHub's workflow format."""
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above():
    assert zizmor(PUBLISH, CASES) == []


def test_zizmor_would_notice_an_unpinned_action_or_kept_credentials(tmp_path):
    """The audit can fail: the pull-request workflow as it was (tag refs, token kept in the checkout)."""
    text = CASES.read_text(encoding="utf-8")
    text = re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v4", text).replace("          persist-credentials: false\n", "")
    broken = tmp_path / "cases.yml"
    broken.write_text(text, encoding="utf-8")
    found = {finding["ident"] for finding in zizmor(broken)}
    assert {"unpinned-uses", "artipacked"} <= found


@pytest.mark.parametrize("path", [PUBLISH, CASES], ids=["publish", "cases"])
def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith(("uses:", "- uses:"))]
    assert lines
    for line in lines:
        ref, _, comment = line.split("uses:", 1)[1].strip().partition("#")
        assert PINNED.match(ref.strip()), line
        assert re.fullmatch(r"v\d+\.\d+\.\d+", comment.strip()), line


def test_publish_runs_on_merge_and_only_the_urls_job_can_write():
    workflow = load(PUBLISH)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    writes = {name for name, job in jobs.items() if "write" in (job.get("permissions") or {}).values()}
    assert writes == {"urls", "deploy"}
    assert jobs["urls"]["permissions"] == {"contents": "write"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    build = " ".join(str(step.get("run", "")) + str(step.get("uses", "")) + str(step.get("with", "")) for step in jobs["build"]["steps"])
    assert "fonts-noto-cjk" in workflow["env"]["APT_PACKAGES"] and "$APT_PACKAGES" in build
    for needed in (
        ".cache/showcase",
        "!.cache/showcase/cases",  # the checked cases are not restored (core/collection/stored.py)
        "mkdocs build --strict",
        "actions/upload-pages-artifact",
        "actions/upload-artifact",
    ):
        assert needed in build, needed
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in jobs["deploy"]["steps"])
    assert "showcase urls --update" in " ".join(str(step.get("run", "")) for step in jobs["urls"]["steps"])
    for step in steps(workflow):  # no checkout keeps the token in .git/config
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_the_pull_request_workflow_reads_only_and_builds_like_publish():
    workflow = load(CASES)
    assert list(workflow["on"]) == ["pull_request"]
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    runs = " ".join(str(step.get("run", "")) for step in steps(workflow))
    assert "fonts-noto-cjk" in workflow["env"]["APT_PACKAGES"] and "$APT_PACKAGES" in runs and "mkdocs build --strict" in runs
    for env in (workflow["env"], load(PUBLISH)["env"]):
        assert env["NO_MKDOCS_2_WARNING"] and env["DISABLE_MKDOCS_2_WARNING"] == "true"


@pytest.mark.parametrize("path", [PUBLISH, CASES], ids=["publish", "cases"])
def test_every_install_reads_the_constraints_and_caches_pip_by_them(path):
    """pip installs the releases the tests passed with, and its cache is keyed by that file."""
    workflow = load(path)
    installs = [step["run"] for step in steps(workflow) if "pip install" in str(step.get("run", ""))]
    assert installs
    assert all("pip install --quiet -c scripts/constraints.txt -e ." in run for run in installs), installs
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/setup-python@"):
                assert step["with"]["cache"] == "pip"
                assert "scripts/constraints.txt" in step["with"]["cache-dependency-path"].split()


@pytest.mark.parametrize("path", [PUBLISH, CASES], ids=["publish", "cases"])
def test_the_font_and_pango_packages_come_from_a_cache_of_the_deb_files(path):
    """The .deb files apt downloads are kept between runs (fonts-noto-cjk, tens of MB): the
    cache step restores the folder the install step hands apt, keyed by the package list."""
    workflow = load(path)
    for job in workflow["jobs"].values():
        names = [step.get("run", "") + step.get("uses", "") for step in job.get("steps", [])]
        installs = [i for i, text in enumerate(names) if "apt-get install" in text]
        if not installs:
            continue
        (install,) = installs
        job_steps = job["steps"]
        (cache,) = [i for i, step in enumerate(job_steps) if step.get("with", {}).get("path") == "~/.cache/apt-archives"]
        assert job_steps[cache]["uses"].startswith("actions/cache@") and cache < install
        key_step = next(step for step in job_steps if step.get("id") == "apt")
        assert job_steps[cache]["with"]["key"] == "${{ steps.apt.outputs.key }}" and "$APT_PACKAGES" in key_step["run"]
        run = job_steps[install]["run"]
        assert "Dir::Cache::Archives=$archives" in run and 'archives="$HOME/.cache/apt-archives"' in run
        assert "APT::Keep-Downloaded-Packages=true" in run and "--no-download" in run
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert all(package in makefile for package in workflow["env"]["APT_PACKAGES"].split())


def test_the_apt_step_installs_from_its_cache_without_a_download(tmp_path):
    """The install step's script, run with apt-get replaced by a recorder: the first run
    (nothing cached, --no-download fails) updates and downloads; one whose packages are all
    in the folder does neither."""
    run = next(step["run"] for step in steps(load(CASES)) if "apt-get install" in step.get("run", ""))
    fake = tmp_path / "bin"
    fake.mkdir()
    log = tmp_path / "apt.log"
    (fake / "sudo").write_text('#!/bin/sh\nwhile [ "${1#*=}" != "$1" ]; do shift; done\nexec "$@"\n', encoding="utf-8")
    (fake / "apt-get").write_text(
        '#!/bin/sh\necho "$*" >> "$APT_LOG"\n'
        'case "$*" in *--no-download*) [ -e "$HOME/.cache/apt-archives/fonts.deb" ] || exit 100 ;; '
        '*install*) touch "$HOME/.cache/apt-archives/fonts.deb" ;; esac\n',
        encoding="utf-8",
    )
    for tool in ("sudo", "apt-get"):
        (fake / tool).chmod(0o755)
    env = {"PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "HOME": str(tmp_path), "APT_LOG": str(log)}
    env["APT_PACKAGES"] = load(CASES)["env"]["APT_PACKAGES"]
    calls = []
    for _ in range(2):
        subprocess.run(["bash", "-e", "-o", "pipefail", "-c", run], env=env, check=True, timeout=60)
        calls.append(
            [" ".join(line.split()[:2]) + (" --no-download" if "--no-download" in line else "") for line in log.read_text().splitlines()]
        )
        log.unlink()
    assert calls == [["install -y --no-download", "update -q", "install -y"], ["install -y --no-download"]]
    assert (tmp_path / ".cache" / "apt-archives" / "partial").is_dir()


# -- the commit-back script, run against a local bare repository as "origin" ---------------


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def commit_back_script() -> str:
    job = load(PUBLISH)["jobs"]["urls"]
    return next(step["run"] for step in job["steps"] if "showcase urls --update" in step.get("run", ""))


@pytest.fixture
def remote(tmp_path) -> tuple[Path, Path]:
    """A project pushed to a bare repository, and a clone of it (as actions/checkout leaves it)."""
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project")
    write_case(project / "cases", "gz-urls-2023-001", 0)
    (project / "urls.lock").write_text("/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(project), str(origin))
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    return origin, clone


def run_script(clone: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "GITHUB_TOKEN": "not-a-real-token", "BRANCH": "main", "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    return subprocess.run(["bash", "-e", "-c", commit_back_script()], cwd=clone, env=env, capture_output=True, text=True, timeout=300)


def test_new_urls_are_committed_back_and_a_second_run_changes_nothing(remote):
    origin, clone = remote
    done = run_script(clone)
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(origin, "log", "-1", "--format=%s%n%an", "main") == "urls.lock：记录新发布的网址\ngithub-actions[bot]"
    recorded = git(origin, "show", "main:urls.lock")
    assert "/cases/gz-urls-2023-001/" in recorded.splitlines()
    assert "not-a-real-token" not in (clone / ".git" / "config").read_text(encoding="utf-8")
    again = run_script(clone)
    assert again.returncode == 0 and "urls.lock 没有变化" in again.stdout
    assert git(origin, "rev-list", "--count", "main") == "2"


def test_a_merge_that_landed_meanwhile_is_kept(remote, tmp_path):
    """Another merge reached main after this run's checkout: the script builds on it."""
    origin, clone = remote
    other = tmp_path / "other"
    git(tmp_path, "clone", "-q", str(origin), str(other))
    write_case(other / "cases", "gz-urls-2023-002", 1)
    git(other, "add", "-A")
    git(other, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "another case")
    git(other, "push", "-q", "origin", "main")
    done = run_script(clone)
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(origin, "log", "--format=%s", "main").splitlines() == ["urls.lock：记录新发布的网址", "another case", "start"]
    lines = git(origin, "show", "main:urls.lock").splitlines()
    assert {"/cases/gz-urls-2023-001/", "/cases/gz-urls-2023-002/"} <= set(lines)


@pytest.mark.parametrize(
    ("written", "variable", "pages", "expected"),
    [
        ('site_url: ""', "", "https://org.github.io/showcase", "https://org.github.io/showcase/"),
        ('site_url: ""', "https://anli.example.org", "https://org.github.io/showcase", "https://anli.example.org/"),
        ("site_url: ''", "https://anli.example.org/", "", "https://anli.example.org/"),  # the sed matched "" only
        ("site_url:", "", "https://org.github.io/showcase/", "https://org.github.io/showcase/"),
        ("site_url: null", "", "https://org.github.io/showcase", "https://org.github.io/showcase/"),
        ('site_url: ""', '"https://anli.example.org/"', "", "https://anli.example.org/"),  # a variable typed with quotes (a review)
        ('site_url: ""', "https://anli.example.org/  # 正式", "", "https://anli.example.org/"),
        ("site_url: ~", "", "https://org.github.io/showcase", "https://org.github.io/showcase/"),
        ('site_url: "https://old.example.org/"  # 正式网址', "https://anli.example.org/", "", "https://anli.example.org/"),
        ("site_url: https://anli.example.org/", "", "https://org.github.io/showcase", "https://anli.example.org/"),  # kept
        (None, "", "https://org.github.io/showcase", "https://org.github.io/showcase/"),  # no key at all
    ],
)
def test_the_build_step_writes_the_site_address_into_mkdocs_yml(tmp_path, written, variable, pages, expected):
    """The SITE_URL variable (or, for a site_url left empty, the Pages address) reaches
    mkdocs.yml's site_url with one closing slash, however the key is written (an editor's
    trial: the workflow's sed matched site_url: "" only, so SITE_URL silently did nothing)."""
    build = next(step["run"] for step in load(PUBLISH)["jobs"]["build"]["steps"] if "mkdocs build" in step.get("run", ""))
    command = next(line.strip() for line in build.splitlines() if "set_site_url" in line)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^site_url:.*$", written, text, flags=re.M) if written else re.sub(r"^site_url:.*\n", "", text, flags=re.M)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "set_site_url.py", tmp_path / "scripts")
    env = {**os.environ, "SITE_URL": variable, "PAGES_URL": pages}
    subprocess.run(["bash", "-c", command.replace("python ", f"{sys.executable} ", 1)], cwd=tmp_path, env=env, check=True)
    lines = [line for line in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").splitlines() if line.startswith("site_url:")]
    assert len(lines) == 1 and yaml.safe_load(lines[0])["site_url"] == expected, lines


@pytest.mark.parametrize(
    ("variable", "says"),
    [
        ("正式网址", "不是网址：应以 https:// 或 http:// 开头"),
        # copied from a browser's address bar (a deployer's trial: every QR code led to …/index.html/cases/…)
        ("https://www.example.gov.cn/wmsj/anli/index.html", "最后一段“index.html”是一个网页文件"),
        ("https://www.example.gov.cn/wmsj/anli/?from=menu", "带着问号（?）"),
        ("https://www.example.gov.cn/wmsj/anli/#/", "带着 # 和后面的内容"),
    ],
)
def test_a_site_url_variable_that_is_no_address_stops_the_build_step(tmp_path, variable, says):
    """Printed in every QR code: a variable like 正式网址 is refused with a line saying how to write it."""
    (tmp_path / "mkdocs.yml").write_text('site_url: ""\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "set_site_url.py"), "mkdocs.yml"],
        cwd=tmp_path,
        env={**os.environ, "SITE_URL": variable, "PAGES_URL": ""},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and says in done.stderr and "仓库变量 SITE_URL 应写成" in done.stderr and "Traceback" not in done.stderr
    assert (tmp_path / "mkdocs.yml").read_text(encoding="utf-8") == 'site_url: ""\n'


@pytest.mark.parametrize(
    ("written", "example"),
    [
        ("https://anli.example.org.cn/index.html", "https://anli.example.org.cn/"),
        ("https://anli.example.org.cn/?q=1", "https://anli.example.org.cn/"),
        ("https://anli.example.org.cn/wmsj/index.html?from=menu", "https://anli.example.org.cn/wmsj/"),
        ("https://anli.example.org.cn/#/", "https://anli.example.org.cn/"),
        ("anli.example.org.cn/", "https://anli.example.org.cn/"),
        ("正式网址", "https://www.example.gov.cn/wmsj/anli/"),  # nothing of the site's own to offer
        # hostile: a page file over a page file, ten thousand deep (mending it recursed until Python stopped it)
        ("anli.example.org.cn/" + "index.html/" * 10000, "https://www.example.gov.cn/wmsj/anli/"),
        ("https://anli.example.org.cn/" + "index.html/" * 10000, "https://www.example.gov.cn/wmsj/anli/"),
    ],
)
def test_an_address_that_is_no_site_s_is_answered_with_its_own_mended_form(written, example):
    """A second trial: index.html, ?q=1 or a missing https:// were answered with the packaged
    example address, not the reader's own address mended."""
    from showcase.core.site.address import address_problem

    said = address_problem(written)
    assert said is not None and said.endswith(f"例如 {example}"), said


# -- the publishing run's check of a push against the commit before it -------------------


CHECK_PUSH = ROOT / "scripts" / "check_push.py"


def test_publish_checks_the_push_against_the_commit_before_it():
    (step,) = [step for step in steps(load(PUBLISH)) if "check_push.py" in step.get("run", "")]
    assert step["env"]["BEFORE"] == "${{ github.event.before }}" and '"$BEFORE"' in step["run"]
    names = [step.get("name") for step in load(PUBLISH)["jobs"]["build"]["steps"]]
    assert names.index(step["name"]) < names.index("生成网站")


def _push_check(clone: Path, before: str, *, actions: bool = True, token: str = "", path: str = "") -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "PATH": f"{path}{BIN}{os.pathsep}{os.environ['PATH']}",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    env.pop("GITHUB_TOKEN", None)
    if token:
        env["GITHUB_TOKEN"] = token
    env.pop("GITHUB_ACTIONS", None)
    if actions:
        env["GITHUB_ACTIONS"] = "true"  # as GitHub's and Gitea's runners set it
    return subprocess.run([sys.executable, str(CHECK_PUSH), before], cwd=clone, env=env, capture_output=True, text=True, timeout=300)


def _commit(cwd: Path, message: str) -> str:
    git(cwd, "add", "-A")
    git(cwd, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", message)
    return git(cwd, "rev-parse", "HEAD")


def test_a_push_that_deleted_a_case_and_its_address_stops_publishing(remote, tmp_path):
    """A trial of published addresses: a push straight to main that deleted a published case
    and its line in urls.lock passed the publishing build (it reads the file as the push left
    it) and the address was lost; only a pull request's check compared with its base. The
    push is checked against the commit before it, fetched when the checkout's two commits of
    history do not hold it (three commits pushed at once here)."""
    origin, clone = remote
    write_case(clone / "cases", "gz-urls-2023-002", 1)
    (clone / "urls.lock").write_text("/\n/cases/gz-urls-2023-001/\n/cases/gz-urls-2023-002/\n", encoding="utf-8")
    before = _commit(clone, "two cases, recorded")
    git(clone, "push", "-q", "origin", "main")
    shutil.rmtree(next((clone / "cases").rglob("gz-urls-2023-002")))
    (clone / "urls.lock").write_text("/\n/cases/gz-urls-2023-001/\n", encoding="utf-8")
    _commit(clone, "a case and its address deleted")
    for n in (1, 2):
        (clone / "README.md").write_text(f"第 {n} 次\n", encoding="utf-8")
        _commit(clone, f"more {n}")
    git(clone, "push", "-q", "origin", "main")
    checkout = tmp_path / "checkout"  # as actions/checkout leaves it: two commits of history
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", str(checkout))
    assert subprocess.run(["git", "cat-file", "-e", f"{before}^{{commit}}"], cwd=checkout, capture_output=True).returncode != 0
    done = _push_check(checkout, before)
    output = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in output, output
    assert "::error file=urls.lock" in output and "/cases/gz-urls-2023-002/" in output and "ledger-lines-removed" in output, output
    plain = _push_check(checkout, before, actions=False)  # GitLab's log shows workflow commands as they are (a review)
    assert plain.returncode == 1 and "urls.lock:3: error [ledger-lines-removed]" in plain.stdout and "::" not in plain.stdout, plain.stdout
    # a private repository's token reaches git in its environment, never on its command line,
    # which any process on the runner can read (an architecture review); git here logs both
    fresh = tmp_path / "fresh"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{origin}", str(fresh))
    bin_dir, log = tmp_path / "bin", tmp_path / "git.log"
    bin_dir.mkdir()
    (bin_dir / "git").write_text(
        f'#!/bin/sh\nprintf \'argv: %s\\n\' "$*" >> {log}\nenv | grep "^GIT_CONFIG_" >> {log}\nexec {shutil.which("git")} "$@"\n',
        encoding="utf-8",
    )
    (bin_dir / "git").chmod(0o755)
    done = _push_check(fresh, before, token="not-a-real-token", path=f"{bin_dir}{os.pathsep}")
    logged = log.read_text(encoding="utf-8")
    basic = base64.b64encode(b"x-access-token:not-a-real-token").decode()
    assert done.returncode == 1 and "ledger-lines-removed" in done.stdout, done.stdout + done.stderr
    fetch = next(line for line in logged.splitlines() if line.startswith("argv:") and " fetch " in line)
    assert basic not in fetch and "extraheader" not in fetch, fetch
    assert "GIT_CONFIG_KEY_0=http.extraheader" in logged and f"GIT_CONFIG_VALUE_0=AUTHORIZATION: basic {basic}" in logged, logged


def test_a_push_that_keeps_every_address_and_pushes_with_nothing_before_pass(remote):
    _, clone = remote
    before = git(clone, "rev-parse", "HEAD")
    write_case(clone / "cases", "gz-urls-2023-003", 2)
    _commit(clone, "a new case")
    git(clone, "push", "-q", "origin", "main")
    done = _push_check(clone, before)
    assert done.returncode == 0 and "和推送前的提交" in done.stdout, done.stdout + done.stderr
    done = _push_check(clone, before.upper())  # as some tools print it (a review: said not a commit)
    assert done.returncode == 0 and "和推送前的提交" in done.stdout, done.stdout + done.stderr
    for nothing in ("", "0" * 40, "0" * 64):  # the first push (SHA-1's, SHA-256's); a run started by hand
        done = _push_check(clone, nothing)
        assert done.returncode == 0 and "跳过" in done.stdout, done.stdout + done.stderr
    done = _push_check(clone, "1234567" * 5 + "89abc")  # replaced by a force push: said, not a failure
    assert done.returncode == 0 and "::warning::取不到推送前的提交" in done.stdout, done.stdout + done.stderr
    # no commit's name (a red team: it reached git fetch as an option, and ran a command)
    ran = clone.parent / "ran"
    done = _push_check(clone, f"--upload-pack=touch {ran};git-upload-pack")
    assert done.returncode == 0 and "::warning::取不到推送前的提交" in done.stdout and not ran.exists(), done.stdout + done.stderr
