"""Pruning a cache folder: only the owner's names, only what the build did not use, only old files."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from showcase.core.cacheprune import HEX2, HEX64, CacheArea, CacheLock, prune

LAYOUT = re.compile(f"{HEX2}/{HEX64}/[^/]+|share/{HEX2}/{HEX64}\\.(?:jpg|json)")
HOUR = 3600.0


def key(n: int) -> str:
    return f"{n:02x}" * 32


def write(path: Path, age: float, data: bytes = b"x" * 100) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def entry(root: Path, n: int, age: float) -> Path:
    folder = root / key(n)[:2] / key(n)
    write(folder / "480.jpg", age)
    write(folder / "manifest.json", age)
    return folder


def card(root: Path, n: int, age: float) -> tuple[Path, Path]:
    out = root / "share" / key(n)[:2] / f"{key(n)}.jpg"
    return write(out, age), write(out.with_suffix(".json"), age)


def test_only_the_old_files_the_build_did_not_use_are_removed(tmp_path: Path) -> None:
    root = tmp_path / "images"
    used_entry, old_entry, new_entry = entry(root, 1, HOUR), entry(root, 2, HOUR), entry(root, 3, -5)
    used_card, old_card = card(root, 4, HOUR), card(root, 5, HOUR)
    foreign = [
        write(root / "README.txt", HOUR),  # put there by hand
        write(root / key(6)[:2] / "notes.txt", HOUR),  # not a name the owner writes
        write(root / "share" / key(7)[:2] / f"{key(7)}.png", HOUR),
        write(root / "cases" / "index.md", HOUR),  # a cache option pointing at the wrong folder
    ]
    started = time.time() - 1
    done = prune([CacheArea(root, LAYOUT, frozenset({used_entry, *used_card}))], before=started)

    assert done.files == 4 and not done.failed  # the old entry's two files, the old card and its record
    assert done.freed == 400
    assert not old_entry.exists() and not old_entry.parent.exists()  # its emptied folders go too
    assert not any(path.exists() for path in old_card)
    assert all(path.is_file() for path in used_entry.iterdir()) and len(list(used_entry.iterdir())) == 2
    assert all(path.is_file() for path in used_card)
    assert len(list(new_entry.iterdir())) == 2  # changed after the build started: another program's
    assert all(path.is_file() for path in foreign)
    assert root.is_dir() and (root / "share").is_dir()


def test_temporary_files_of_an_interrupted_write_go_once_an_hour_old(tmp_path: Path) -> None:
    root = tmp_path / "images"
    folder = root / key(1)[:2] / key(1)
    stale = write(folder / "480.jpg.k2j3h4a9.tmp", 2 * HOUR)
    fresh = write(folder / "960.jpg.q8w7e6r5.tmp", 60)  # a write in progress, maybe another build's
    stray = write(root / "other.k2j3h4a9.tmp", 2 * HOUR)  # not the temporary file of an owned name
    done = prune([CacheArea(root, LAYOUT, frozenset())], before=time.time())
    assert done.files == 1
    assert not stale.exists() and fresh.exists() and stray.exists()


def test_a_file_also_published_through_a_hard_link_frees_nothing(tmp_path: Path) -> None:
    root = tmp_path / "images"
    out, _ = card(root, 1, HOUR)
    published = tmp_path / "site" / "share.jpg"
    published.parent.mkdir()
    os.link(out, published)
    done = prune([CacheArea(root, LAYOUT, frozenset())], before=time.time())
    assert done.files == 2 and done.freed == 100  # the record only
    assert published.read_bytes() == b"x" * 100  # the published copy is untouched


def test_a_missing_folder_is_nothing_to_prune(tmp_path: Path) -> None:
    assert prune([CacheArea(tmp_path / "none", LAYOUT, frozenset())], before=time.time()).files == 0


def test_the_lock_is_shared_by_builds_and_held_alone_only_without_others(tmp_path: Path) -> None:
    first, second = CacheLock(), CacheLock()
    first.share(tmp_path / "locks")
    second.share(tmp_path / "locks")  # a second build at the same time is not kept waiting
    assert not first.alone()
    second.release()
    first.share(tmp_path / "locks")
    assert first.alone()
    first.release()
    third = CacheLock()
    assert not third.alone()  # never shared: nothing to prune with
