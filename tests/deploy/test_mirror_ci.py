"""The CI samples for a mirror on a mainland Git host (scripts/deploy/gitlab/.gitlab-ci.yml,
scripts/deploy/gitea/workflows/): they run the GitHub workflows' commands, in the same order,
so the two cannot drift apart; they pass their platform's schema (offline: the schemas ship
inside check-jsonschema); and the GitLab job's commit-back script runs for real against a
local git remote."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.deploy.test_workflows import BIN, CASES, PINNED, PUBLISH, git, load, remote, zizmor
from tests.support.project import ROOT

__all__ = ["remote"]  # the fixture, shared with test_workflows

DEPLOY = ROOT / "scripts" / "deploy"
GITLAB = DEPLOY / "gitlab" / ".gitlab-ci.yml"
GITEA = DEPLOY / "gitea" / "workflows"
GITEA_CASES, GITEA_PUBLISH = GITEA / "cases.yml", GITEA / "publish.yml"

# A command the samples must run as the GitHub workflows do: the project's programs, its
# scripts and the install. Setup (apt, venv, git) differs by platform and is not compared.
COMMAND = re.compile(r"(?:showcase|mkdocs|make|python -m pip|python3? scripts/)\b")
# What a sample may leave out of a GitHub command: annotations on the changed lines are GitHub's.
GITHUB_ONLY = (" --format github",)


def commands(script: str) -> list[str]:
    """The commands a shell script runs, each as written, without its redirection, the
    variables set before it or the `if`/`then` around it."""
    found = []
    for line in script.splitlines():
        line = line.strip()
        if line.startswith("#"):
            continue
        line = re.sub(r"\s+#\s.*$", "", line)
        for part in re.split(r"\s*(?:&&|\|\||;|\||\{|\})\s*", line):
            part = re.sub(r"\s*>>?\s*\S+$", "", part.strip())
            part = re.sub(r"^(?:(?:if|then|else|!)\s+)+", "", part)
            part = re.sub(r"^(?:[A-Z_]+=\S*\s+)+", "", part)
            if COMMAND.match(part):
                found.append(part)
    return found


def github_commands(workflow: dict) -> list[str]:
    found = []
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            for command in commands(step.get("run", "")):
                for option in GITHUB_ONLY:
                    command = command.replace(option, "")
                found.append(command)
    return found


def gitlab_jobs(pipeline: dict, branch: str) -> dict[str, dict]:
    """The jobs a pipeline runs for a merge request (branch "") or a push to the default branch,
    with what they extend filled in (GitLab replaces a list it extends, and merges a mapping)."""

    def resolved(job: dict) -> dict:
        if "extends" not in job:
            return job
        base = resolved(pipeline[job["extends"]])
        return {**base, **{key: value for key, value in job.items() if key != "extends"}}

    jobs = {}
    for name, job in pipeline.items():
        if name.startswith(".") or name == "workflow" or not isinstance(job, dict) or "rules" not in job:
            continue
        condition = job["rules"][0]["if"]
        if ("merge_request_event" in condition) == (branch == ""):
            jobs[name] = resolved(job)
    return jobs


def gitlab_commands(jobs: dict[str, dict]) -> list[str]:
    return [command for job in jobs.values() for script in (*job.get("before_script", []), *job["script"]) for command in commands(script)]


def test_the_commands_are_read_as_written():
    script = 'failed=0\nshowcase check || { checked=$?; failed=1; }\nshowcase pr-summary --base "$BASE_SHA" > pr-summary.md || failed=1\n'
    script += 'if [ "$checked" = 0 ]; then SHOWCASE_PREVIEW=true mkdocs build --strict --site-dir x; fi  # preview\n'
    script += "# showcase never\nsudo apt-get install -y fonts-noto-cjk\npython scripts/set_site_url.py mkdocs.yml\n"
    assert commands(script) == [
        "showcase check",
        'showcase pr-summary --base "$BASE_SHA"',
        "mkdocs build --strict --site-dir x",
        "python scripts/set_site_url.py mkdocs.yml",
    ]


def test_the_github_workflows_run_what_the_samples_are_compared_with():
    """Not an empty comparison: the commands are found in the GitHub workflows."""
    assert github_commands(load(CASES)) == [
        "python -m pip install --quiet -c scripts/constraints.txt -e .",
        "showcase doctor",
        'showcase check --base "$BASE_SHA"',
        'showcase pr-summary --base "$BASE_SHA"',
        "showcase schema -o .vscode/case.schema.json --snippets .vscode/cases.code-snippets --check",
        "mkdocs build --strict --site-dir site-preview",
    ]
    assert "showcase urls --update" in github_commands(load(PUBLISH))


@pytest.mark.parametrize(
    ("github", "sample"),
    [
        (CASES, lambda: gitlab_commands(gitlab_jobs(yaml.safe_load(GITLAB.read_text(encoding="utf-8")), ""))),
        (PUBLISH, lambda: gitlab_commands(gitlab_jobs(yaml.safe_load(GITLAB.read_text(encoding="utf-8")), "main"))),
        (CASES, lambda: github_commands(load(GITEA_CASES))),
        (PUBLISH, lambda: github_commands(load(GITEA_PUBLISH))),
    ],
    ids=["gitlab-merge-request", "gitlab-publish", "gitea-cases", "gitea-publish"],
)
def test_a_sample_runs_the_github_workflows_commands_in_their_order(github, sample):
    """Change a `showcase`, `mkdocs`, `make` or install command in .github/workflows and not in
    scripts/deploy (or the other way round), and this fails, naming both lists."""
    assert sample() == github_commands(load(github))


def test_the_comparison_would_notice_a_changed_command(tmp_path):
    """The check can fail: the GitHub workflow with a new option on `showcase check`."""
    changed = tmp_path / "cases.yml"
    changed.write_text(
        CASES.read_text(encoding="utf-8").replace("showcase check --format github", "showcase check --strict --format github")
    )
    assert github_commands(load(GITEA_CASES)) != github_commands(load(changed))
    jobs = gitlab_jobs(yaml.safe_load(GITLAB.read_text(encoding="utf-8")), "")
    assert gitlab_commands(jobs) != github_commands(load(changed))


def test_the_gitlab_sample_matches_gitlabs_schema():
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(GITLAB)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


# The Gitea samples against GitHub's workflow schema: test_workflows, beside ours.


def test_zizmor_finds_nothing_in_the_gitea_samples():
    assert zizmor(GITEA_CASES, GITEA_PUBLISH) == []


@pytest.mark.parametrize("path", [GITEA_CASES, GITEA_PUBLISH], ids=["cases", "publish"])
def test_the_gitea_samples_take_their_actions_from_a_mirror_each_pinned_to_a_commit(path):
    """No action a Gitea or Forgejo runner would fetch from github.com (unreachable from many
    mainland networks), none that needs GitHub's servers (setup-python downloads Python from
    GitHub; upload-artifact v4 refuses other servers), and every one pinned as on GitHub."""
    lines = [line.split("uses:", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        ref, _, comment = line.partition("#")
        assert ref.startswith("https://gitea.com/actions/"), line
        assert PINNED.match(ref.strip().removeprefix("https://gitea.com/")), line
        assert re.fullmatch(r"v\d+\.\d+\.\d+", comment.strip()), line
    assert not any(name in " ".join(lines) for name in ("setup-python", "upload-artifact@v4", "pages"))
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
    assert "hashFiles(" not in text and "GITHUB_STEP_SUMMARY" not in text and "--format github" not in text


def test_the_samples_set_the_same_environment_and_a_mirror_one_can_replace():
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["variables"]
    for github in (load(CASES), load(PUBLISH)):
        for sample in (gitlab, load(GITEA_CASES)["env"], load(GITEA_PUBLISH)["env"]):
            for name in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING", "PIP_DISABLE_PIP_VERSION_CHECK"):
                assert sample[name] == github["env"][name], name
            assert set(github["env"]["APT_PACKAGES"].split()) <= set(sample["APT_PACKAGES"].split())
    assert gitlab["PIP_INDEX_URL"] == "https://mirrors.aliyun.com/pypi/simple/"  # a CI/CD variable of the project wins
    for path in (GITEA_CASES, GITEA_PUBLISH):
        assert load(path)["env"]["PIP_INDEX_URL"] == "${{ vars.PIP_INDEX_URL || 'https://mirrors.aliyun.com/pypi/simple/' }}"


def test_only_the_preview_shows_drafts_and_no_cache_keeps_the_checked_cases():
    pipeline = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    review, publish = gitlab_jobs(pipeline, ""), gitlab_jobs(pipeline, "main")
    assert "SHOWCASE_PREVIEW=true mkdocs build" in " ".join(review["cases"]["script"])
    assert "SHOWCASE_PREVIEW" not in str(publish)
    for job in (review["cases"], publish["site"]):  # GitLab's cache has no exclusion: removed before it is saved
        assert "rm -rf .cache/showcase/cases" in job["after_script"]
        assert any(".cache/showcase/" in cache["paths"] for cache in job["cache"])
    for path in (GITEA_CASES, GITEA_PUBLISH):
        text = path.read_text(encoding="utf-8")
        assert text.count("!.cache/showcase/cases") == text.count(".cache/showcase\n") == 1
    gitea = load(GITEA_CASES)["jobs"]["cases"]["steps"]
    assert [step.get("env", {}).get("SHOWCASE_PREVIEW") for step in gitea if "mkdocs build" in step.get("run", "")] == ["true"]
    assert "SHOWCASE_PREVIEW" not in GITEA_PUBLISH.read_text(encoding="utf-8")


def test_the_gitea_commit_back_script_is_githubs():
    """Run for real by test_workflows: the same script, the same token's name."""
    github = next(step for step in load(PUBLISH)["jobs"]["urls"]["steps"] if "showcase urls" in step.get("run", ""))
    gitea = next(step for step in load(GITEA_PUBLISH)["jobs"]["urls"]["steps"] if "showcase urls" in step.get("run", ""))
    assert gitea == github


# -- the GitLab job's commit-back script, against a local bare repository -------------------


def run_gitlab_script(clone: Path, origin: Path) -> subprocess.CompletedProcess:
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["urls"]
    (script,) = job["script"]
    env = {**os.environ, "URLS_PUSH_TOKEN": "not-a-real-token", "BRANCH": "main", "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.update({"CI_SERVER_URL": origin.parent.as_uri(), "CI_PROJECT_PATH": origin.name.removesuffix(".git")})
    env.update({"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})
    return subprocess.run(["sh", "-e", "-c", script], cwd=clone, env=env, capture_output=True, text=True, timeout=300)


def test_gitlab_commits_new_urls_back_with_ci_skipped_and_a_second_run_changes_nothing(remote):
    origin, clone = remote
    git(origin, "config", "receive.advertisePushOptions", "true")
    hook = origin / "hooks" / "pre-receive"  # records the push options, as GitLab reads ci.skip
    hook.write_text(
        '#!/bin/sh\ni=0\nwhile [ "$i" -lt "${GIT_PUSH_OPTION_COUNT:-0}" ]; do eval "echo \\$GIT_PUSH_OPTION_$i"; i=$((i+1)); done > options\n'
    )
    hook.chmod(0o755)
    git(clone, "checkout", "-q", "--detach")  # as GitLab's runner leaves it
    done = run_gitlab_script(clone, origin)
    assert done.returncode == 0, done.stdout + done.stderr
    assert git(origin, "log", "-1", "--format=%s%n%an", "main") == "urls.lock：记录新发布的网址\nshowcase-bot"
    assert "/cases/gz-urls-2023-001/" in git(origin, "show", "main:urls.lock").splitlines()
    assert (origin / "options").read_text().split() == ["ci.skip"]
    assert "not-a-real-token" not in (clone / ".git" / "config").read_text(encoding="utf-8")
    again = run_gitlab_script(clone, origin)
    assert again.returncode == 0 and "urls.lock 没有变化" in again.stdout
    assert git(origin, "rev-list", "--count", "main") == "2"


def test_gitlab_commit_back_runs_only_on_the_default_branch_with_a_token():
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["urls"]
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $URLS_PUSH_TOKEN"}]
    assert job["needs"] == ["site"]


def test_the_readme_names_the_samples_and_where_they_go():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needed in ("scripts/deploy/gitlab/.gitlab-ci.yml", "scripts/deploy/gitea/workflows/", ".gitea/workflows/", ".forgejo/workflows/"):
        assert needed in readme, needed


def test_gitlabs_apt_step_installs_from_its_cache_without_a_download(tmp_path):
    """As test_workflows' test of GitHub's step: apt-get replaced by a recorder, the first run
    updates and downloads, one whose packages are all in the cached folder does neither."""
    (script, _) = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))[".site"]["before_script"]
    fake = tmp_path / "bin"
    fake.mkdir()
    log = tmp_path / "apt.log"
    (fake / "apt-get").write_text(
        '#!/bin/sh\necho "$*" >> "$APT_LOG"\n'
        'case "$*" in *--no-download*) [ -e "$CI_PROJECT_DIR/.cache/apt-archives/fonts.deb" ] || exit 100 ;; '
        '*install*) touch "$CI_PROJECT_DIR/.cache/apt-archives/fonts.deb" ;; esac\n',
        encoding="utf-8",
    )
    (fake / "apt-get").chmod(0o755)
    env = {"PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "CI_PROJECT_DIR": str(tmp_path), "APT_LOG": str(log), "DEBIAN_MIRROR": ""}
    env["APT_PACKAGES"] = load(CASES)["env"]["APT_PACKAGES"]
    (tmp_path / ".cache" / "showcase" / "cases").mkdir(parents=True)
    calls = []
    for _ in range(2):
        subprocess.run(["sh", "-e", "-c", script], cwd=tmp_path, env=env, check=True, timeout=60)
        calls.append(
            [" ".join(line.split()[:2]) + (" --no-download" if "--no-download" in line else "") for line in log.read_text().splitlines()]
        )
        log.unlink()
    assert calls == [["install -y --no-download", "update -q", "install -y", "autoclean -q"], ["install -y --no-download", "autoclean -q"]]
    assert not (tmp_path / ".cache" / "showcase" / "cases").exists()  # the checked cases never reach the cache
