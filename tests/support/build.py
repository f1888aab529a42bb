"""Building sites: with MkDocs' API in this process, or ``mkdocs``/``showcase`` as real processes.

Builds are slow (seconds each): build once per module or session in a fixture and let the
tests read the result.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.support import zygote

# Builds started as processes date their output (the sitemap's lastmod, its gzip header)
# with the time the test run began, as MkDocs honours SOURCE_DATE_EPOCH: two builds
# compared byte for byte on either side of midnight UTC differed in sitemap.xml.gz.
# No CI variables: a test's command behaves as on an editor's machine wherever the suite runs.
ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")},
    "NO_MKDOCS_2_WARNING": "1",
    "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", str(int(time.time()))),
}
PY = sys.executable


@dataclass
class Built:
    site: Path
    plugin: Any  # the showcase plugin instance of this build (its statistics, its plan)
    config: Any


def _config_file(project: Path) -> Path:
    project = Path(project)
    return project if project.suffix in (".yml", ".yaml") else project / "mkdocs.yml"


def build_project(
    project: Path,
    site_url: str | None = None,
    site_dir: str | Path | None = "site",
    *,
    serve: bool = False,
    preview: bool = False,
    options: dict | None = None,
    one_off: bool = False,
) -> Built:
    """Build like ``mkdocs build`` (``serve``: like ``mkdocs serve``'s builds) with MkDocs' API.

    ``project`` is a folder with mkdocs.yml, or the mkdocs.yml itself; ``site_dir`` is relative
    to its folder (``None``: as mkdocs.yml says); ``preview`` shows drafts as the pull-request
    preview does; ``options`` overrides showcase plugin options; ``one_off``: the build ends
    as `mkdocs build` ends a process (its objects left frozen for the collector).
    """
    config_file = _config_file(project)
    overrides: dict[str, Any] = {}
    if site_dir is not None:
        overrides["site_dir"] = str(config_file.parent / site_dir)
    if site_url:
        overrides["site_url"] = site_url
    config = load_config(config_file=str(config_file), **overrides)
    plugin = config.plugins["showcase"]
    if options:
        plugin.config.update(options)
    config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
    if preview:
        plugin.preview = True  # what on_startup sets under `mkdocs serve`
    # This process goes on after the build, as `mkdocs build`'s does not. A one-off build
    # leaves its objects frozen for a process about to end (plugin/speedup/scale.py), and the
    # next build here thawed them with a full collection of the whole worker, every test
    # module and fixture with it: tests/publish alone made 41 such passes (6.0 s), 5 without.
    plugin.scale.one_off = one_off
    build(config)
    return Built(Path(config.site_dir), plugin, config)


def build_site(project: Path, site_url: str | None = None, site_dir: str | Path | None = "site", **kwargs: Any) -> Path:
    """``build_project``, returning the site folder."""
    return build_project(project, site_url, site_dir, **kwargs).site


def run(args: list[str], cwd: Path, **kwargs: Any) -> subprocess.CompletedProcess:
    """A real process (text output captured), with MkDocs 2's notice off; ``python -m
    showcase|mkdocs`` with this environment forked from a process that imported them
    (tests/support/zygote.py)."""
    kwargs.setdefault("timeout", 900)
    env = kwargs.pop("env", ENV)
    if env is ENV and set(kwargs) <= {"timeout", "input"}:
        done = zygote.run(args, cwd, env, **kwargs)
        if done is not None:
            return done
    if kwargs.get("input") is None:
        kwargs.setdefault("stdin", subprocess.DEVNULL)  # not the worker's (pytest-xdist talks to it on it)
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, **kwargs)


def mkdocs_build(project: Path, site_dir: str = "site", *, strict: bool = True, timeout: int = 600) -> subprocess.CompletedProcess:
    """``mkdocs build [--strict] -d SITE_DIR`` as a process in ``project``."""
    args = [PY, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-f", "mkdocs.yml", "-d", site_dir]
    return run(args, project, timeout=timeout)


def run_showcase(args: list[str], cwd: Path, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m showcase ARGS`` as a real process (stdin is a pipe, not a terminal; no CI variables)."""
    return run([PY, "-m", "showcase", *args], cwd, input=stdin, timeout=120, **({"env": {**ENV, **env}} if env else {}))


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but Pagefind's own (its chunk names vary from run to run)."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts}


def search_fragments(site: Path) -> dict[str, dict]:
    """The search index's pages by URL, decoded (what a search result shows)."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        found[fragment["url"]] = fragment
    return found
