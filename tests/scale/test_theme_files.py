"""The theme's files listed without its hidden folders (``plugin/speedup/themefiles.py``):
MkDocs' own listing of real theme folders against the speed-up's, and a build that uses it."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files
from showcase.plugin.speedup import themefiles
from showcase.plugin.speedup.themefiles import ThemeLoader

from tests.support.build import build_project
from tests.support.project import make_project, write_case


def _theme_files(config, env: jinja2.Environment) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(env, config)
    return [(file.src_uri, file.abs_src_path or "") for file in files]


def test_the_theme_s_files_are_those_mkdocs_lists(tmp_path: Path) -> None:
    """Material's and MkDocs' folders, and a custom_dir holding what a site's may: hidden
    folders at any depth, hidden files, a folder named like a hidden one's file, templates."""
    project = make_project(tmp_path / "p")
    custom = project / "site_overrides"
    for name in (".git/config", ".cache/x/y.css", "assets/.hidden/a.js", "assets/.b.css", "assets/extra.css", "assets/a.b/c.js", "x.html"):
        (custom / name).parent.mkdir(parents=True, exist_ok=True)
        (custom / name).write_text("x", encoding="utf-8")
    config = load_config(config_file=str(project / "mkdocs.yml"))
    mkdocs_own = _theme_files(config, config.theme.get_env())
    themefiles.install(config.theme)
    themefiles.install(config.theme)  # once only, however often the event runs
    env = config.theme.get_env()
    assert type(env.loader) is ThemeLoader
    assert _theme_files(config, env) == mkdocs_own
    listed = {uri for uri, _ in mkdocs_own}
    assert {"assets/extra.css", "assets/a.b/c.js"} <= listed and not any("/." in f"/{uri}" for uri in listed)
    assert len(listed) > 30  # Material's own assets are among them
    # the hidden folders are not listed at all: Material's 14,500 icons were walked in every build
    assert not any(name.startswith(".icons") for name in env.list_templates())
    assert any(name.startswith(".icons") for name in config.theme.__class__.get_env(config.theme).list_templates())


def test_a_build_lists_the_theme_with_it_and_a_plain_build_does_not(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    write_case(project / "cases", "gz-a-2024-001", 0)
    fast = build_project(project, site_dir="fast")
    assert type(fast.config.theme.get_env().loader) is ThemeLoader
    plain = build_project(project, site_dir="plain", options={"speedups": False})
    assert type(plain.config.theme.get_env().loader) is jinja2.FileSystemLoader
