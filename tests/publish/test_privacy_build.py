"""Real builds: a disguised personal number stops the site build; photo names with
spaces and Chinese are published (the check and the strict build agree)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from PIL import Image
from showcase.core.collection.loading import load_collection

from .conftest import BODY, write_case


def strict_build(project: Path) -> Path:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return project / "site"


def test_a_disguised_mobile_number_stops_the_build(project, caplog):
    body = BODY + "\n联系王老师：138<!-- -->1234&#8203;5678\n"
    bad = write_case(project / "cases", "bad-001", 1, body=body)
    write_case(project / "cases", "good-001", 2)
    with pytest.raises((PluginError, Abort)):
        strict_build(project)
    line = bad.read_text(encoding="utf-8").split("\n").index("联系王老师：138<!-- -->1234&#8203;5678") + 1
    messages = [r.getMessage() for r in caplog.records]
    expected = f"showcase: {os.path.relpath(bad)}:{line}: error [mobile-number]"
    assert any(m.startswith(expected) and "138****5678" in m for m in messages), messages
    assert not (project / "site" / "cases" / "bad-001" / "index.html").exists()


def test_photo_names_with_spaces_and_chinese_are_published(project):
    body = BODY + '\n![第二张](<照片 2.jpg>)\n\n![第三张](照片 3.jpg)\n\n![第四张](照片%204.jpg "标题")\n'
    # a full-width space (Chinese input), parentheses, brackets in the description, HTML,
    # a description over two lines
    body += '\n![第五张](照片\u30005.jpg)\n\n![第[6]张](照片(6).jpg)\n\n<img src="照片 7.jpg" alt="第七张">\n\n![第八\n张](照片8.jpg)\n'
    path = write_case(project / "cases", "photo-001", 1, body=body, cover="封面 照片.jpg")
    for number in (2, 3, 4, 7):
        Image.new("RGB", (90, 60), (30 * number, 80, 120)).save(path.parent / f"照片 {number}.jpg")
    Image.new("RGB", (90, 60), (150, 80, 120)).save(path.parent / "照片\u30005.jpg")
    Image.new("RGB", (90, 60), (180, 80, 120)).save(path.parent / "照片(6).jpg")
    Image.new("RGB", (90, 60), (210, 80, 120)).save(path.parent / "照片8.jpg")
    assert load_collection(project / "cases").diagnostics == []  # the check passes …
    site = strict_build(project)  # … and so does the strict build
    page = (site / "cases" / "photo-001" / "index.html").read_text(encoding="utf-8")
    for alt in ("第二张", "第三张", "第四张", "第五张", "第[6]张", "第七张", "第八\n张"):
        start = page.index(f'alt="{alt}"')
        tag = page[page.rindex("<img", 0, start) : page.index(">", start)]
        src = tag.split('src="')[1].split('"')[0]
        assert "照片" not in src and (site / "cases" / "photo-001" / src).is_file(), tag
    assert 'title="标题"' in page


def test_a_liaison_s_name_stops_the_build(project, caplog):
    """联络员：赵小红 was published (a probe: no rule knew 联络员); it is a contact as 联系人：… is.
    A person sent to by a role (报名找社工李明) is a reminder: the site is built, and says so."""
    bad = write_case(project / "cases", "bad-001", 1, body=BODY + "\n联络员：赵小红\n")
    named = write_case(project / "cases", "named-001", 2, body=BODY + "\n报名找社工李明。\n")
    caplog.set_level(logging.DEBUG)  # a case's reminder is logged below WARNING (plugin.py)
    with pytest.raises((PluginError, Abort)):
        strict_build(project)
    messages = [r.getMessage() for r in caplog.records]
    assert any(m.startswith(f"showcase: {os.path.relpath(bad)}:") and "error [contact-person]" in m for m in messages), messages
    assert any(m.startswith(f"showcase: {os.path.relpath(named)}:") and "warning [contact-name]" in m for m in messages), messages
    assert not (project / "site" / "cases" / "bad-001" / "index.html").exists()
