"""A logo or favicon (theme.logo, theme.favicon) that no published file answers stops the
check, ``showcase doctor`` and the build alike, at its line. A maintainer's trial put both
into cases/, where MkDocs keeps them: the plugin publishes cases only from there, the build
said nothing, and every page of the published site showed a broken logo; a later trial
found only the build warning while check and doctor said 可以生成网站."""

from __future__ import annotations

import logging

from PIL import Image

from .conftest import build_site, make_project, write_case

LOGO = "theme.logo（网站标志）"


def _project(tmp_path, folder: str, favicon: str = "assets/icon.png"):
    project = make_project(tmp_path / "project")
    write_case(project / "cases", "case-001", 1)
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert "  custom_dir: site_overrides\n" in text
    text = text.replace(
        "  custom_dir: site_overrides\n", f"  custom_dir: site_overrides\n  logo: assets/logo.png\n  favicon: {favicon}\n", 1
    )
    path.write_text(text, encoding="utf-8")
    (project / folder / "assets").mkdir(parents=True, exist_ok=True)
    for name in ("logo.png", "icon.png"):
        Image.new("RGB", (32, 32), (180, 30, 30)).save(project / folder / "assets" / name)
    return project


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and "theme." in r.getMessage()]


def test_a_logo_and_favicon_in_the_cases_folder_are_refused_saying_where_they_go(tmp_path, capsys):
    from showcase.cli import main as showcase

    from tests.support.build import mkdocs_build

    project = _project(tmp_path, "cases")
    config = str(project / "mkdocs.yml")
    assert showcase(["-f", config, "check"]) == 2
    said = capsys.readouterr().err
    logo = next(line for line in said.splitlines() if LOGO in line)
    assert "assets/logo.png" in logo and "cases/ 文件夹只发布案例" in logo
    assert "site_overrides/assets/logo.png" in logo
    assert "theme.favicon（网页图标）" in said and "浏览器标签页上的网页图标" in said and "site_overrides/assets/icon.png" in said
    assert showcase(["-f", config, "doctor"]) == 1 and LOGO in capsys.readouterr().out
    built = mkdocs_build(project)
    assert built.returncode != 0 and LOGO in built.stdout + built.stderr
    # a Windows path to a file that is there: MkDocs looks for a name with a backslash
    _project(tmp_path / "again", "site_overrides")
    again = tmp_path / "again" / "project" / "mkdocs.yml"
    again.write_text(again.read_text(encoding="utf-8").replace("logo: assets/logo.png", "logo: assets\\logo.png"), encoding="utf-8")
    assert showcase(["-f", str(again), "check"]) == 2
    assert "theme.logo（网站标志）写的是 assets\\logo.png：路径里要用 /，不用 \\：写成 assets/logo.png。" in capsys.readouterr().err


def test_a_logo_and_favicon_in_custom_dir_are_published_without_a_word(tmp_path, caplog):
    project = _project(tmp_path, "site_overrides", favicon="assets/../assets/icon.png")  # a path not as short as it could be (a review)
    caplog.set_level(logging.INFO)
    site = build_site(project)
    assert (site / "assets/logo.png").is_file() and (site / "assets/icon.png").is_file()
    html = (site / "index.html").read_text(encoding="utf-8")
    # no English alt text on a Chinese site: the link around it says the site's name (a district's trial)
    assert (
        '<img src="assets/logo.png" alt="">' in html
        and 'alt="logo"' not in html
        and 'class="md-header__button md-logo" aria-label="' in html
    )
    assert _warnings(caplog) == []
