"""Compiled templates kept between builds (``plugin/speedup/templatecode.py``): real Jinja
environments over template files, sharing one folder as two builds on a machine do."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import jinja2
import pytest
from showcase.plugin.speedup.templatecode import PATTERN, TemplateCode, own_folder


def render(folder: Path, code: TemplateCode, *, escaped: bool, value: str = "<b>x</b>") -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=lambda name: escaped)
    env.bytecode_cache = code
    return env.get_template("page.html").render(value=value)


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<p>{{ value }}</p>", encoding="utf-8")
    return folder


def test_a_template_compiled_to_escape_is_never_run_for_one_that_does_not_nor_the_reverse(templates: Path, tmp_path: Path) -> None:
    """Jinja compiles autoescaping into the code, and keys its cache by the template's name
    and file only: the same file compiled once escaping and taken from the cache by an
    environment that does not escape (or the reverse) would print what the other expects."""
    cache = tmp_path / "cache"
    cache.mkdir()
    assert render(templates, TemplateCode(cache), escaped=True) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    assert render(templates, TemplateCode(cache), escaped=False) == "<p><b>x</b></p>"
    assert len(list(cache.glob(PATTERN % "*"))) == 2  # one entry each
    again = TemplateCode(cache)  # a later build, another process
    assert render(templates, again, escaped=True) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    assert render(templates, again, escaped=False) == "<p><b>x</b></p>"
    assert again.count() == (0, 2)  # both taken compiled, none compiled


def test_an_edited_template_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    assert render(templates, TemplateCode(cache), escaped=True) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    (templates / "page.html").write_text("<div>{{ value }}</div>", encoding="utf-8")
    code = TemplateCode(cache)
    assert render(templates, code, escaped=True) == "<div>&lt;b&gt;x&lt;/b&gt;</div>"
    assert code.count() == (1, 0)


def test_a_damaged_entry_is_compiled_again(templates: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    render(templates, TemplateCode(cache), escaped=True)
    (entry,) = cache.glob(PATTERN % "*")
    entry.write_bytes(entry.read_bytes()[:40])  # cut short
    code = TemplateCode(cache)
    assert render(templates, code, escaped=True) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    assert code.count() == (1, 0)
    assert len(entry.read_bytes()) > 40  # written whole again


def test_a_folder_that_cannot_be_written_costs_the_compile_not_the_build(templates: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    code = TemplateCode(blocked / "cache")  # its parent is a file: nothing can be made there
    assert render(templates, code, escaped=True) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    assert render(templates, code, escaped=True) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"
    assert code.count() == (1, 1)  # kept in memory: the second environment compiled nothing
    assert list(tmp_path.rglob("*.tmp")) == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="Unix: the system's temporary folder is everyone's")
def test_the_folder_is_the_user_s_alone_or_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Compiled code is run by the build: a folder another user could write to (made open by
    someone, or a link to their folder) is not used."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    made = own_folder()
    assert made == tmp_path / f"showcase-templates-{os.getuid()}"
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    made.chmod(0o777)
    assert own_folder() is None
    made.rmdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    made.symlink_to(elsewhere)
    assert own_folder() is None
