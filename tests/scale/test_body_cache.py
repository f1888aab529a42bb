"""Case bodies kept between builds (plugin/speedup/bodycache.py), and photos linked from the cache.

A second build that takes every body from the cache writes the same site as the first;
an edited case is converted again; a damaged cache entry is converted again; a body
that links to another page is never kept.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from showcase.plugin.speedup.bodycache import BodyCache
from showcase.plugin.speedup.prerender import Rendered

from .conftest import make_project, run, site_files

BUILD = [sys.executable, "-m", "mkdocs", "build", "-v", "-f", "mkdocs.yml", "-d"]


def cache_counts(log: str) -> tuple[int, int]:
    match = re.search(r"case bodies from the cache: (\d+), kept for the next build: (\d+)", log)
    assert match, log[-3000:]
    return int(match.group(1)), int(match.group(2))


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="scale-cache-") as folder:
        root = Path(folder)
        make_project(root, generated=0)
        yield root


@pytest.fixture(scope="module")
def first(project: Path) -> dict:
    done = run([*BUILD, "site-first"], project)
    assert done.returncode == 0, done.stderr[-3000:]
    return {"site": project / "site-first", "log": done.stderr}


def published_case(project: Path) -> tuple[Path, str]:
    for index in sorted((project / "cases").rglob("index.md")):
        text = index.read_text(encoding="utf-8")
        if "\nstatus: published\n" in text and "aliases:" not in text:
            return index, re.search(r"^id: (\S+)", text, re.M).group(1)
    raise AssertionError("no published case")


def test_a_second_build_takes_every_body_from_the_cache_and_writes_the_same_site(project: Path, first: dict) -> None:
    hits, stored = cache_counts(first["log"])
    assert hits == 0 and stored >= 30
    again = run([*BUILD, "site-again"], project)
    assert again.returncode == 0, again.stderr[-3000:]
    assert cache_counts(again.stderr) == (stored, 0)
    a, b = site_files(first["site"]), site_files(project / "site-again")
    assert sorted(a) == sorted(b)
    assert [path for path in a if a[path] != b[path]] == []


def test_share_cards_are_linked_from_the_cache_not_copied(project: Path, first: dict) -> None:
    cards = sorted(first["site"].glob("cases/*/share-*.jpg"))
    assert cards
    cached = {p.name: p for p in (project / ".cache" / "showcase" / "images").rglob("*") if p.is_file()}
    linked = [card for card in cards if card.stat().st_nlink > 1]
    assert len(linked) == len(cards)
    assert any(os.path.samefile(card, path) for card in cards[:1] for path in cached.values())


def test_an_edited_case_is_converted_again(project: Path, first: dict) -> None:
    index, case_id = published_case(project)
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("\n## ", "\n新增的一段说明：缓存检验。\n\n## ", 1), encoding="utf-8")
    try:
        done = run([*BUILD, "site-edited"], project)
        assert done.returncode == 0, done.stderr[-3000:]
        hits, stored = cache_counts(done.stderr)
        assert stored == 1 and hits >= 30
        page = (project / "site-edited" / "cases" / case_id / "index.html").read_text(encoding="utf-8")
        assert "新增的一段说明：缓存检验。" in page
    finally:
        index.write_text(text, encoding="utf-8")


def test_a_damaged_entry_is_converted_again(project: Path, first: dict) -> None:
    entries = sorted((project / ".cache" / "showcase" / "bodies").rglob("*.json"))
    assert entries
    for entry in entries[:5]:
        entry.write_text('{"markdown": "trunc', encoding="utf-8")
    done = run([*BUILD, "site-damaged"], project)
    assert done.returncode == 0, done.stderr[-3000:]
    hits, stored = cache_counts(done.stderr)
    # The damaged entries are converted again (but for the edited case's, if it is one: no
    # longer used), and so is that case's body as it was before the edit, whose entry the
    # edit's build removed as unused (prune_cache, core/cacheprune.py).
    assert stored in (5, 6)
    assert hits + stored == cache_counts(first["log"])[1]
    a, b = site_files(first["site"]), site_files(project / "site-damaged")
    assert [path for path in a if a.get(path) != b.get(path)] == []


def test_a_body_linking_to_another_page_is_not_kept(tmp_path: Path) -> None:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.toc import TableOfContents

    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(tmp_path)})
    cache = BodyCache(tmp_path / "bodies", config)
    alone = Rendered("正文", '<p>正文 <a href="#做法">做法</a></p>', TableOfContents([]), None, frozenset(), "<p>正文</p>")
    linking = Rendered("正文", '<p>见 <a href="../other/">另一案例</a></p>', TableOfContents([]), None, frozenset(), "<p>见</p>")
    cache.put(cache.key("a/index.md", "正文"), alone)
    cache.put(cache.key("b/index.md", "正文"), linking)
    assert cache.stored == 1
    back = cache.get(cache.key("a/index.md", "正文"))
    assert back is not None
    assert (back.markdown, back.content, back.title, back.anchors, back.finished) == (
        alone.markdown,
        alone.content,
        alone.title,
        alone.anchors,
        alone.finished,
    )
    assert cache.get(cache.key("b/index.md", "正文")) is None
    assert cache.key("a/index.md", "正文") != cache.key("a/index.md", "正文。")


PAYLOAD = '<script>alert("from-the-cache")</script>'


def test_an_entry_edited_to_carry_a_script_never_reaches_the_site(project: Path, first: dict) -> None:
    """An edited entry (its body, or a heading in its table of contents) is converted again, and said so."""
    entries = sorted((project / ".cache" / "showcase" / "bodies").rglob("*.json"))
    edited = []
    for entry in entries:
        raw = json.loads(entry.read_text(encoding="utf-8"))
        if not raw["toc"]:
            continue
        if not edited:  # the body: as converted, and as finished (sanitized) for the page
            raw["content"] += PAYLOAD
            raw["finished"] += PAYLOAD
        else:  # a heading of the table of contents (drawn by the theme without escaping)
            raw["toc"][0][0] = PAYLOAD
        entry.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        edited.append(entry)
        if len(edited) == 2:
            break
    assert len(edited) == 2
    done = run([*BUILD, "site-script"], project)
    assert done.returncode == 0, done.stderr[-3000:]
    for entry in edited:
        assert f"已重新生成损坏的缓存文件 {entry}：" in done.stderr
    site = project / "site-script"
    assert [p for p in site.rglob("*.html") if "from-the-cache" in p.read_text(encoding="utf-8")] == []
    hits, stored = cache_counts(done.stderr)
    assert stored == 2 and hits == cache_counts(first["log"])[1] - 2
    a, b = site_files(first["site"]), site_files(site)
    assert [path for path in a if a.get(path) != b.get(path)] == []


def test_a_change_of_the_package_s_code_converts_every_body_again(project: Path, first: dict, tmp_path: Path) -> None:
    """A code review: the key was a hand-raised FORMAT and the package's version (0.1.0 since
    the first commit), so that a cache restored from an earlier commit (the publishing
    workflow's restore-keys) gave bodies converted by the code before. The package's content
    is in the key: a copy of it with one comment more in a data file converts every body."""
    import shutil

    from tests.support.build import ENV

    copied = tmp_path / "project"
    shutil.copytree(project, copied, ignore=lambda folder, names: [n for n in names if Path(folder) == project and n.startswith("site-")])
    package = tmp_path / "code"
    shutil.copytree(
        Path(__file__).resolve().parents[2] / "plugins" / "showcase", package / "showcase", ignore=shutil.ignore_patterns("__pycache__")
    )
    texts = package / "showcase" / "data" / "texts.yml"
    texts.write_text(texts.read_text(encoding="utf-8") + "\n# one comment more\n", encoding="utf-8")
    env = {**ENV, "PYTHONPATH": os.pathsep.join([str(package), ENV.get("PYTHONPATH", "")])}
    done = run([*BUILD, "site-code"], copied, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    hits, stored = cache_counts(done.stderr)
    assert hits == 0 and stored == cache_counts(first["log"])[1], (hits, stored)
    a, b = site_files(first["site"]), site_files(copied / "site-code")
    assert [path for path in a if a.get(path) != b.get(path)] == []  # the same site: a comment changes nothing
