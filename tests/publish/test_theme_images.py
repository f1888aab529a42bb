"""A logo or favicon (theme.logo, theme.favicon) that no published file answers is a build
warning, which the publishing build (--strict) stops on. A maintainer's trial put both into
cases/, where MkDocs keeps them: the plugin publishes cases only from there, the build
said nothing, and every page of the published site showed a broken logo."""

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


def test_a_logo_and_favicon_in_the_cases_folder_are_a_warning_that_says_where_they_go(tmp_path, caplog):
    project = _project(tmp_path, "cases")
    caplog.set_level(logging.INFO)
    site = build_site(project)
    assert not (site / "assets/logo.png").exists()  # cases/ publishes cases only
    said = _warnings(caplog)
    assert len(said) == 2, said
    logo = next(m for m in said if LOGO in m)
    assert "assets/logo.png" in logo and "cases/ 文件夹只发布案例" in logo
    assert "site_overrides/assets/logo.png" in logo
    assert "cases/assets/logo.png 的图片不会发布" in logo
    assert any("theme.favicon（网页图标）" in m and "浏览器标签页上的网页图标" in m and "site_overrides/assets/icon.png" in m for m in said)


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
