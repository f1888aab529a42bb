"""Fixtures of the reader tests: a real site built once, served on loopback, and Chromium.

The site is the project's own mkdocs.yml and site_overrides with the collection of
``casegen`` in place of ``cases/``, built with MkDocs in a temporary folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from showcase.core.collection.loading import load_collection
from showcase.core.collection.settings import Settings

from tests.support.build import build_project
from tests.support.project import ROOT, TESTS, shared_cache_options
from tests.support.serve import served

from .casegen import Spec, write_collection

# Imported from here by test modules (and by other branches' tests): keep these names.
__all__ = ["AXE", "FOOTER", "ROOT", "SCREENSHOTS", "TESTS", "Site", "build_site", "make_project", "open_page"]

AXE = TESTS / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = TESTS / "screenshots"
FOOTER = {
    "organizer": "示例市民政局",
    "contact": "电话 020-12345678，电子邮箱 showcase@example.org",
    "icp": "粤ICP备12345678号-1",
    "police": "粤公网安备 44010402000123号",
}


def _plugin_entry(config: dict[str, Any]) -> dict[str, Any]:
    """The ``showcase`` options of a loaded mkdocs.yml (created when written as a bare name)."""
    plugins = config.setdefault("plugins", [])
    for i, entry in enumerate(plugins):
        if entry == "showcase":
            plugins[i] = {"showcase": {}}
            return plugins[i]["showcase"]
        if isinstance(entry, dict) and "showcase" in entry:
            entry["showcase"] = entry["showcase"] or {}
            return entry["showcase"]
    raise AssertionError("mkdocs.yml does not register the showcase plugin")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; an ``!ENV [NAME, default]`` value becomes its default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])


def make_project(root: Path, *, footer: dict[str, str] | None = None, sample: bool = False) -> tuple[Path, list[Spec]]:
    """A copy of the project's site configuration; returns mkdocs.yml and the collection's specs.

    The collection is ``casegen``'s, or with ``sample`` the project's own ``cases/`` (no specs).
    """
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "site_overrides", root / "site_overrides")
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    options = _plugin_entry(config)
    if options.get("review_words"):
        options["review_words"] = str(ROOT / options["review_words"])
    if footer is not None:
        options["footer"] = dict(footer)
    options.update(shared_cache_options())
    config["docs_dir"] = "cases"
    config["site_dir"] = "site"
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    if sample:
        shutil.copytree(ROOT / "cases", root / "cases")
        shutil.copy(ROOT / "collections.yml", root / "collections.yml")  # its 专题 too, as readers see them
        shutil.copy(ROOT / "CONTRIBUTING.md", root / "CONTRIBUTING.md")  # and its 投稿指南 (/guide/)
        return path, []
    return path, write_collection(root / "cases")


def build_site(config_file: Path) -> Path:
    """Build as the written mkdocs.yml says (its site_dir)."""
    return build_project(config_file, site_dir=None).site


class Site:
    """A built site: its folder, the collection it shows, and its loopback address."""

    def __init__(self, folder: Path, specs: list[Spec]):
        self.folder = folder
        self.specs = specs
        self.url = ""

    def html(self, path: str) -> str:
        return (self.folder / path / "index.html").read_text(encoding="utf-8")

    def pages(self) -> dict[str, str]:
        """The pages the browser tests read: home, a theme, a case, the statistics page.

        The case is the published one with the most pictures (then the longest text), and the
        theme its primary theme: the heaviest pages of the collection, whatever it holds.
        """
        collection = load_collection(self.folder.parent / "cases", Settings())
        case = max(collection.published, key=lambda c: (len(c.images), len(c.body), c.id))
        return {"home": "", "theme": f"themes/{case.primary_theme.key}/", "case": f"cases/{case.id}/", "stats": "stats/"}


def _serve(site: Site) -> Iterator[Site]:
    with served(site.folder) as url:
        site.url = url
        yield site


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The test collection's site with a footer configured, built once and served on 127.0.0.1."""
    config_file, specs = make_project(tmp_path_factory.mktemp("reader") / "project", footer=FOOTER)
    yield from _serve(Site(build_site(config_file), specs))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The project's own sample collection with a footer configured: what readers would see."""
    config_file, _ = make_project(tmp_path_factory.mktemp("sample") / "project", footer=FOOTER, sample=True)
    yield from _serve(Site(build_site(config_file), []))


def open_page(browser: Any, site: Site, path: str, *, width: int = 375, height: int = 800, font: str = "", contrast: str = "") -> Any:
    """A fresh page at ``path`` with the reading settings already saved, as a returning reader has them."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    settings = {"sc-font": font, "sc-contrast": contrast}
    script = "".join(f"localStorage.setItem({k!r}, {v!r});" for k, v in settings.items() if v)
    if script:
        # Only before the first page of the origin loads, as a reader's earlier visit left it.
        page.add_init_script(
            f"if (!sessionStorage.getItem('sc-test-seeded')) {{ {script} sessionStorage.setItem('sc-test-seeded', '1'); }}"
        )
    page.goto(site.url + path)
    return page


# The test collection with what a real collection sometimes holds and the two others do not:
# a very large number of people served, a long organization name, a cover the body shows too.
EDGE_CASE = "gz-yuexiu-2023-101"
EDGE_ORGANIZATION = "广州市越秀区北京街道老年人协会银龄互助志愿服务队"
EDGE_CAPTION_CASE = "gz-haizhu-2022-102"
EDGE_CAPTION = "粤曲 <b>私伙局</b> & 街坊"


@pytest.fixture(scope="session")
def edge_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    config_file, specs = make_project(tmp_path_factory.mktemp("edge") / "project", footer=FOOTER)
    source = next((config_file.parent / "cases").rglob(f"{EDGE_CASE}/index.md"))
    text = source.read_text(encoding="utf-8")
    text = text.replace("served: 4800", "served: 35447000").replace("  name: 广州市老街坊银协会", f"  name: {EDGE_ORGANIZATION}")
    text = text.replace("](photo2.jpg)", "](photo1.jpg)")  # the cover, shown again in the body
    assert "35447000" in text and EDGE_ORGANIZATION in text and "photo2" not in text
    source.write_text(text, encoding="utf-8")
    # Alt text with markup characters: shown as text in the caption, never as markup.
    other = next((config_file.parent / "cases").rglob(f"{EDGE_CAPTION_CASE}/index.md"))
    body = other.read_text(encoding="utf-8").replace("![居民在社区活动室里围坐交流，桌上摆着茶水和笔记本]", f"![{EDGE_CAPTION}]")
    assert EDGE_CAPTION in body
    other.write_text(body, encoding="utf-8")
    yield from _serve(Site(build_site(config_file), specs))
