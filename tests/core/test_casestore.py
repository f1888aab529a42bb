"""Each case's checked result kept between runs (core/collection/stored.py).

A warm load gives what a cold one gives (every field, every problem, in order), and a
site built from a warm case cache is the same, byte for byte. Changing any input (the
body, a photo, the review words, a settings file, a file beside the case, the code)
makes the case be checked again; a damaged entry is checked again and said.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from showcase.core.case import content
from showcase.core.collection import stored
from showcase.core.collection.loading import case_bytes, check_collection, load_cases, load_collection
from showcase.core.collection.settings import Settings
from showcase.core.diagnostics import shown_path

from tests.support.project import ROOT, project_folder


@pytest.fixture
def cases() -> Iterator[Path]:
    with project_folder("case-store-") as folder:
        root = folder / "cases"
        shutil.copytree(ROOT / "cases", root)
        yield root


def stored_settings(cases: Path, **changes) -> Settings:
    return dataclasses.replace(Settings(), case_cache=cases.parent / ".cache" / "showcase" / "cases", **changes)


def everything(collection) -> list:
    """Every field of every case (dataclass equality: problems, lines, terms) and the collection's problems."""
    return [collection.cases, [d.format() for d in collection.diagnostics]]


def hits(paths: list[Path], settings: Settings) -> int:
    store = stored.store_for(settings)
    assert store is not None
    found = 0
    for path in paths:
        data = case_bytes(path)
        found += data is not None and store.get(path, store.key(path, data)) is not None
    return found


def test_a_warm_load_gives_what_a_cold_one_gives(cases: Path) -> None:
    settings = stored_settings(cases)
    plain = load_collection(cases, dataclasses.replace(settings, case_cache=None))
    cold = load_collection(cases, settings)
    paths = [c.path for c in cold.cases]
    assert hits(paths, settings) == len(paths) > 30
    warm = load_collection(cases, settings)
    assert everything(warm) == everything(cold) == everything(plain)
    assert plain.diagnostics  # the sample has problems to carry (unused photos, reminders)
    slim = check_collection(cases, settings, jobs=1)
    assert [d.format() for d in slim.diagnostics] == [d.format() for d in plain.diagnostics]


def test_each_input_makes_the_case_be_checked_again(cases: Path, tmp_path: Path) -> None:
    settings = stored_settings(cases)
    load_collection(cases, settings)
    with_photo = next(p for p in sorted(cases.rglob("index.md")) if (p.parent / "photo1.jpg").is_file())
    others = [p for p in sorted(cases.rglob("index.md")) if p != with_photo][:3]

    def again(path: Path, settings: Settings = settings) -> bool:
        return hits([path], settings) == 0

    text = with_photo.read_text(encoding="utf-8")
    with_photo.write_text(text.replace("\n## ", "\n多写的一句。\n\n## ", 1), encoding="utf-8")  # the body
    assert again(with_photo)
    load_collection(cases, settings)
    assert not again(with_photo)
    photo = with_photo.parent / "photo1.jpg"
    data = photo.read_bytes()
    photo.write_bytes(data[: len(data) // 2])  # a photo cut short: same name
    assert again(with_photo)
    after = load_collection(cases, settings)
    assert [d.code for d in after.diagnostics if d.path == with_photo].count("image-corrupt") == 1
    (with_photo.parent / "名单.txt").write_text("张三 13800138000\n", encoding="utf-8")  # a file beside it
    assert again(with_photo)
    words = dataclasses.replace(settings, review_words=content.ReviewWords(("新的审核词",)))  # the review words
    assert all(again(p, words) for p in others)
    taxonomy_file = tmp_path / "taxonomy.yml"  # a settings file: the site's own taxonomy
    shutil.copy(ROOT / "plugins" / "showcase" / "data" / "taxonomy.yml", taxonomy_file)
    from showcase.core.collection.taxonomy import load_taxonomy

    text = taxonomy_file.read_text(encoding="utf-8")
    taxonomy_file.write_text(text.replace("凝心铸魂", "凝心聚力", 1), encoding="utf-8")
    assert all(again(p, dataclasses.replace(settings, taxonomy=load_taxonomy(taxonomy_file))) for p in others)
    assert all(again(p, dataclasses.replace(settings, image_ends=False)) for p in others)  # another kind of check
    later = dataclasses.replace(settings, today=settings.today.replace(year=settings.today.year + 1))
    assert all(again(p, later) for p in others)
    assert not any(again(p) for p in others)  # and the unchanged ones are still there


def test_a_change_of_code_makes_every_case_be_checked_again(cases: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = stored_settings(cases)
    first = sorted(cases.rglob("index.md"))[:2]
    load_cases(first, settings)
    assert hits(first, settings) == 2
    monkeypatch.setattr(stored, "code_fingerprint", lambda: "another version")
    assert hits(first, settings) == 0


def test_a_damaged_entry_is_checked_again_and_said(cases: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = stored_settings(cases)
    cold = load_collection(cases, settings)
    store = stored.store_for(settings)
    assert store is not None
    paths = [c.path for c in cold.cases]
    cut, edited, emptied = (store.entry(p) for p in paths[:3])
    cut.write_bytes(cut.read_bytes()[:100])
    edited.write_bytes(edited.read_bytes().replace(b"published", b"draft"))  # checksum no longer matches
    emptied.write_bytes(b"")
    again = load_collection(cases, settings)
    assert everything(again) == everything(cold)
    said = [line for line in again.repaired if "已重新检查它对应的案例" in line]
    assert len(said) == 3, again.repaired
    # naming the case checked again (the entry's name is a hash)
    assert all(any(f"已重新检查它对应的案例 {shown_path(p)}" in line for line in said) for p in paths[:3]), said
    assert hits(paths[:3], settings) == 3  # made again
    assert load_collection(cases, settings).repaired == []  # said once: made again whole


@pytest.mark.parametrize("command", ["check", "check one", "stats"])
def test_showcase_check_says_the_damaged_entries_it_checked_again(cases: Path, monkeypatch, capsys, command: str) -> None:
    """A reading of the messages: the repair lines went to a logger the command line never
    set up, so ``showcase check`` repaired the cache without a word (the build said them).
    So do ``showcase check <folder>`` (check_within's collection) and ``showcase stats``."""
    from showcase.cli import main

    project = cases.parent
    (project / "mkdocs.yml").write_text(
        'site_name: 测试\nplugins:\n  - showcase:\n      ledger: ""\n      collections: ""\n      review_words: ""\n', encoding="utf-8"
    )
    monkeypatch.chdir(project)
    one = str(sorted(cases.iterdir())[0].relative_to(project))
    arguments = {"check": ["check", "cases"], "check one": ["check", one], "stats": ["stats"]}[command]
    main(arguments)
    capsys.readouterr()
    entries = sorted((project / ".cache" / "showcase" / "cases").rglob("*.json"))
    assert entries
    for entry in entries:  # whichever the command reads (stats reads without photos)
        entry.write_bytes(b"")
    main(arguments)
    err = capsys.readouterr().err
    said = [line for line in err.splitlines() if line.startswith("showcase: 已重新生成损坏的缓存文件 ")]
    assert said and len(said) == len(set(said)), err  # each once


def test_a_case_whose_links_read_files_is_not_kept(cases: Path, tmp_path: Path) -> None:
    settings = stored_settings(cases)
    index = sorted(cases.rglob("index.md"))[0]
    (tmp_path / "说明.pdf").write_bytes(b"%PDF-1.4\n")
    (index.parent / "材料").symlink_to(tmp_path, target_is_directory=True)  # a folder outside, through a link
    index.write_text(index.read_text(encoding="utf-8") + "\n\n见[另一份材料](材料/说明.pdf)。\n", encoding="utf-8")
    loaded = load_collection(cases, settings)
    assert any(d.code == "body-link" and d.path == index for d in loaded.diagnostics)
    assert hits([index], settings) == 0  # its message depends on a file no key covers: checked every time


def test_no_case_cache_writes_nothing(cases: Path) -> None:
    settings = stored_settings(cases)
    load_collection(cases, dataclasses.replace(settings, case_cache=None))
    assert not (cases.parent / ".cache").exists()


def test_a_case_read_again_by_another_spelling_of_its_path_names_its_files_so(cases: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``showcase check cases`` in the site's folder reads cases/…/index.md; ``showcase -f
    site/mkdocs.yml check`` elsewhere reads the same cases by their full paths. The entry's
    problems named the first run's paths: shown under the wrong folder, and ``showcase check
    <folder>`` (is_within) dropped them, 警告 0 处 for a photo with its GPS position."""
    settings = stored_settings(cases)
    chosen = next(p for p in sorted(cases.rglob("index.md")) if (p.parent / "photo1.jpg").is_file())
    (chosen.parent / "名单.txt").write_text("张三 13800138000\n", encoding="utf-8")  # a problem of a file beside it
    monkeypatch.chdir(cases.parent)
    relative = chosen.relative_to(cases.parent)
    first = load_cases([relative], settings)[0]
    assert {d.path for d in first.diagnostics} >= {relative, relative.parent / "名单.txt"}
    cold = load_cases([chosen], dataclasses.replace(settings, case_cache=None))[0]
    warm = load_cases([chosen], settings)[0]
    assert hits([chosen], settings) == 1
    assert warm.path == chosen
    assert warm.diagnostics == cold.diagnostics


def test_a_file_beside_the_case_rewritten_to_its_size_and_time_is_read_again(cases: Path) -> None:
    """A list of names given a phone number in place of another text of the same length, its
    time kept (a copy with -p, an unpacked archive): only its inode and change time differ."""
    settings = stored_settings(cases)
    index = sorted(cases.rglob("index.md"))[0]
    names = index.parent / "名单.txt"
    names.write_text("张三 tel-unknown\n", encoding="utf-8")
    before = names.stat()
    assert [d.code for d in load_cases([index], settings)[0].diagnostics].count("mobile-number") == 0
    fresh = index.parent / "名单.txt.new"
    fresh.write_text("张三 13800138000\n", encoding="utf-8")
    assert fresh.stat().st_size == before.st_size
    os.utime(fresh, ns=(before.st_atime_ns, before.st_mtime_ns))
    fresh.replace(names)
    assert [d.code for d in load_cases([index], settings)[0].diagnostics].count("mobile-number") == 1


def test_a_linked_file_beside_the_case_is_known_by_what_it_links_to(cases: Path, tmp_path: Path) -> None:
    """A file committed as a link: the numbers are read from what it links to, which changes
    while the link does not."""
    settings = stored_settings(cases)
    index = sorted(cases.rglob("index.md"))[0]
    target = tmp_path / "list.txt"
    target.write_text("张三\n", encoding="utf-8")
    (index.parent / "名单.txt").symlink_to(target)
    assert [d.code for d in load_cases([index], settings)[0].diagnostics].count("mobile-number") == 0
    target.write_text("张三 13800138000\n", encoding="utf-8")
    assert [d.code for d in load_cases([index], settings)[0].diagnostics].count("mobile-number") == 1


def test_a_file_in_a_folder_of_the_case_changed_is_read_again(cases: Path) -> None:
    """Photos and papers sit in folders of a case folder too (照片/, 资料/): a list of names
    there given a phone number is read again, as one beside ``index.md`` is."""
    settings = stored_settings(cases)
    index = sorted(cases.rglob("index.md"))[0]
    (index.parent / "资料").mkdir()
    names = index.parent / "资料" / "名单.txt"
    names.write_text("张三\n", encoding="utf-8")
    assert [d.code for d in load_cases([index], settings)[0].diagnostics].count("mobile-number") == 0
    names.write_text("张三 13800138000 李四\n", encoding="utf-8")
    assert [d.code for d in load_cases([index], settings)[0].diagnostics].count("mobile-number") == 1


def test_the_code_s_fingerprint_covers_the_data_files_python_and_the_libraries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A release that changes only a data file (a place, a word list, an invisible character)
    or an upgraded library (PyYAML, Pillow) judges cases anew: their kept results are not used."""
    package = tmp_path / "showcase"
    shutil.copytree(ROOT / "plugins" / "showcase", package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(stored, "__file__", str(package / "core" / "collection" / "stored.py"))

    def fingerprint() -> str:
        stored.code_fingerprint.cache_clear()
        return stored.code_fingerprint()

    try:
        seen = [fingerprint()]
        places = package / "data" / "places.yml"
        places.write_text(places.read_text(encoding="utf-8") + "\n# 新的一行\n", encoding="utf-8")
        seen.append(fingerprint())
        version = stored.metadata.version
        monkeypatch.setattr(stored.metadata, "version", lambda name: "99.0" if name == "pyyaml" else version(name))
        seen.append(fingerprint())
        monkeypatch.setattr(stored.sys, "version", "3.99.0 (another build)")
        seen.append(fingerprint())
        monkeypatch.setattr(stored.unicodedata, "unidata_version", "99.0.0")
        seen.append(fingerprint())
        assert len(set(seen)) == len(seen)
    finally:
        monkeypatch.undo()
        stored.code_fingerprint.cache_clear()


def test_a_check_with_photos_and_a_build_without_keep_their_entries_side_by_side(cases: Path) -> None:
    """``showcase check`` reads the photos' ends and metadata, the build does not: each kind
    has its entry, so a build after a check (or a check after a build) checks nothing again."""
    settings = stored_settings(cases)
    build = dataclasses.replace(settings, image_ends=False)
    paths = sorted(cases.rglob("index.md"))[:3]
    load_cases(paths, settings)
    load_cases(paths, build)
    assert hits(paths, settings) == hits(paths, build) == len(paths)
