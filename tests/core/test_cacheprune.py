"""Pruning a cache folder: only the owner's names, only what the build did not use, only old files."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from showcase.core.cacheprune import HEX2, HEX64, LOCK_NAME, CacheArea, CacheLock, prune

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
    images, bodies = tmp_path / "images", tmp_path / "bodies"
    images.mkdir()
    bodies.mkdir()
    first, second = CacheLock(), CacheLock()
    first.share([images, bodies])
    second.share([bodies])  # another build (of another project, say) naming one of the folders
    assert first.held and second.held
    assert not first.alone()
    second.release()
    first.share([images, bodies])
    assert first.alone()
    first.release()
    assert not any(p.name != LOCK_NAME for p in images.iterdir())  # only the lock file, which no layout matches
    assert not LAYOUT.fullmatch(LOCK_NAME)


def test_no_folder_to_lock_means_nothing_is_held(tmp_path: Path) -> None:
    lock = CacheLock()
    lock.share([tmp_path / "not-yet"])  # a first build: the cache does not exist yet
    assert not lock.held and not lock.alone()
    assert not (tmp_path / "not-yet").exists()  # nothing made for it


def test_only_the_owners_emptied_folders_are_removed(tmp_path: Path) -> None:
    root = tmp_path / "images"
    entry(root, 1, HOUR)
    (root / "notes" / "ab").mkdir(parents=True)  # an empty folder with a hex name, not where the owner writes
    (root / "share" / "cd").mkdir(parents=True)  # the owner's, empty
    prune([CacheArea(root, LAYOUT, frozenset())], before=time.time())
    assert (root / "notes" / "ab").is_dir()
    assert not (root / "share" / "cd").exists() and not (root / key(1)[:2]).exists()


def test_share_cards_stay_when_the_build_did_not_look_for_them(tmp_path: Path) -> None:
    """A machine missing its Chinese font for one run draws no card: the cards stay for the next."""
    from showcase.core.media.photos import ImageOptions
    from showcase.core.media.pipeline import MediaOptions, SiteMedia, cache_area

    root = tmp_path / "images"
    out, record = card(root, 1, HOUR)
    old_entry = entry(root, 2, HOUR)
    options = MediaOptions(images=ImageOptions(cache_dir=root))
    media = SiteMedia()  # as build_media leaves it when find_fonts found no font
    prune([cache_area(options, media)], before=time.time())
    assert out.exists() and record.exists()
    assert not old_entry.exists()  # photo entries are still the build's to judge
    media.cards_checked = True  # a build that looked for its cards and used none of these
    prune([cache_area(options, media)], before=time.time())
    assert not out.exists() and not record.exists()


def test_a_killed_build_s_booklet_is_removed_once_an_hour_old(tmp_path: Path) -> None:
    """Booklets are written under write_atomic's kind of temporary name (cachefile.temporary_beside):
    one a killed build left behind in the booklet cache goes as the images' do; the fixed
    name they had before (.<name>.tmp) matched no owner's layout and stayed for ever."""
    from showcase.core.cachefile import temporary_beside
    from showcase.core.outputs.booklet.site import LAYOUT as BOOKLETS

    root = tmp_path / "booklets"
    root.mkdir()
    # pruned while both are still open: the first as a build killed two hours ago left it
    with temporary_beside(root / f"{'a' * 32}.docx") as stale, temporary_beside(root / f"{'b' * 32}.pdf") as fresh:
        os.utime(stale, (time.time() - 2 * HOUR, time.time() - 2 * HOUR))
        assert stale.stat().st_mode & 0o777 == 0o644
        done = prune([CacheArea(root, BOOKLETS, frozenset())], before=time.time())
        assert done.files == 1 and not stale.exists() and fresh.exists()  # the second, maybe another build's write
    assert list(root.iterdir()) == []  # and what a writer leaves unrenamed is removed when it ends


def test_a_file_written_again_keeps_its_mode_and_stays_readable(tmp_path):
    """An architecture review: write_atomic made every file 0644, so urls.lock written by
    `showcase urls --update` lost an editor's mode (group-writable, say); a new file is 0644,
    and one that was unreadable to others is made readable (the site's copies are served)."""
    import os
    import stat

    from showcase.core.cachefile import write_atomic

    kept, closed, new = tmp_path / "urls.lock", tmp_path / "page.html", tmp_path / "new.txt"
    kept.write_text("/\n", encoding="utf-8")
    os.chmod(kept, 0o664)
    closed.write_text("x", encoding="utf-8")
    os.chmod(closed, 0o600)
    for path in (kept, closed, new):
        write_atomic(path, "y")
    assert [stat.S_IMODE(path.stat().st_mode) for path in (kept, closed, new)] == [0o664, 0o644, 0o644]
