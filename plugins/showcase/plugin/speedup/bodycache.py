"""Converted case bodies kept between builds, keyed by what they are made from.

Converting a case body (Markdown with MkDocs' extensions, photos as ``<picture>``, the
allow-list sanitizer) is the largest share of a build after the templates: about 25 s
of the 10,000-case build on one core. Most cases do not change between two builds, so
the result is kept in ``.cache/showcase/bodies`` (next to the image cache) under a
SHA-256 of everything it depends on: the page's Markdown as MkDocs reads it (photo
references already point at their content-addressed files), its path, the Markdown
extensions and their options, ``use_directory_urls``, and the versions of MkDocs,
Python-Markdown, nh3 and this package. A changed case, a new extension option or an
upgrade gives another key, so a stale body is never used.

Only bodies that are the same whatever the rest of the site holds are kept: nothing was
logged while converting them, they link to no other page (only to anchors and to their
own photos), and they point at no anchor elsewhere. Entries are JSON (no pickle: a cache
folder must not be able to run code).

A cache folder is not trusted to hold what the build wrote (a disk fills up, someone
edits a file, a CI cache is restored from elsewhere): the finished body of an entry is
sanitized again when read (nh3 takes about 0.1 ms a body, against milliseconds to
convert one), and an entry it changes, or whose table of contents holds markup, is
not used but converted again and reported (``damaged``). So an edited entry never
reaches the site unsanitized, and neither does a body kept under an older allow-list.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ...core.cachefile import read_regular, write_atomic
from ...core.cacheprune import HEX2, HEX64, CacheArea
from ...core.collection.stored import code_fingerprint
from ...core.site.sanitize import sanitize
from .prerender import Rendered

FORMAT = 8  # 2: element ids reduced to safe characters; 3: image sources kept only when the case's own (core/site/sanitize.py); 4: photos of their own paragraph are figures captioned by their alt text; 5: the caption's text in a <div> (a block in the search index); 6: ids outside the site's own, only the pipeline's classes, titles without < > (a security review); 7: those ids unchanged by a second pass; 8: links from the site's root made relative to the page (a site under a sub-path)
OUTSIDE_LINK = re.compile(r"""\shref\s*=\s*(?!["']?#)""", re.I)
MARKUP = re.compile(r"[<>]")  # never in a title Markdown made (it escapes them), always in a tag
UNSAFE_ID = re.compile(r"""[<>"'&\s]""")  # an anchor is written into href="#…" and id="…"
LAYOUT = re.compile(f"{HEX2}/{HEX64}\\.json")  # the entries ``BodyCache._path`` names


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def fingerprint(config: MkDocsConfig, extra: str = "") -> str:
    """What every body depends on besides its own text (``extra``: the plugin's image options).

    The package's own code and data by their content (``code_fingerprint``, as the case
    cache keys them): its Markdown extensions, sanitizer and pipeline decide the bytes, and
    a cache restored from an earlier commit (the publishing workflow's restore-keys) was
    trusted while ``FORMAT`` and the package's version, never changed, were the same (a
    code review). The first build after a change of the code converts every body again."""
    parts = {
        "format": FORMAT,
        "extra": extra,
        "code": code_fingerprint(),
        "versions": [_version(n) for n in ("mkdocs", "markdown", "nh3")],
        "extensions": [str(e) if isinstance(e, str) else repr(e) for e in config.markdown_extensions],
        "mdx_configs": config.mdx_configs,
        "use_directory_urls": config.use_directory_urls,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=repr).encode()).hexdigest()


def _toc_items(items: list[AnchorLink]) -> list[list[Any]]:
    return [[item.title, item.id, item.level, _toc_items(item.children)] for item in items]


def _toc_links(raw: list[list[Any]]) -> list[AnchorLink]:
    """The table of contents of an entry; ValueError if a title or anchor holds markup."""
    links = []
    for title, anchor, level, children in raw:
        if not isinstance(title, str) or not isinstance(anchor, str) or not isinstance(level, int):
            raise TypeError
        if MARKUP.search(title) or UNSAFE_ID.search(anchor):
            raise ValueError("markup in the table of contents")
        link = AnchorLink(title, anchor, level)
        link.children = _toc_links(children)
        links.append(link)
    return links


class BodyCache:
    """One folder of converted bodies; ``folder`` None switches the cache off."""

    def __init__(self, folder: Path | None, config: MkDocsConfig, extra: str = "") -> None:
        self.folder = folder
        self.base = fingerprint(config, extra) if folder is not None else ""
        self.hits = 0
        self.stored = 0
        self.damaged: list[str] = []  # entries there but not as written, in words naming the file
        self.used: set[str] = set()  # the keys of this build's pages: what pruning keeps

    def key(self, src_uri: str, source: str) -> str:
        digest = hashlib.sha256(self.base.encode())
        digest.update(b"\0" + src_uri.encode("utf-8") + b"\0" + source.encode("utf-8"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Rendered | None:
        """The entry for ``key``, or None to convert the page again (absent, or not as written)."""
        if self.folder is None:
            return None
        self.used.add(key)
        path = self._path(key)
        try:
            raw = json.loads(read_regular(path).decode("utf-8"))
            toc_links = _toc_links(raw["toc"])
            if toc_links:
                toc_links[0].active = True  # type: ignore[attr-defined]  # as MkDocs' get_toc marks it
            title, finished = raw["title"], raw["finished"]
            if not isinstance(finished, str) or not isinstance(raw["content"], str) or not isinstance(raw["markdown"], str):
                raise TypeError
            if title is not None and (not isinstance(title, str) or MARKUP.search(title)):
                raise ValueError("markup in the title")
            if sanitize(finished) != finished:
                self.damaged.append(f"{path}：正文含有净化时会删去的内容（被改动过），本页重新转换")
                return None
            done = Rendered(raw["markdown"], raw["content"], TableOfContents(toc_links), title, frozenset(raw["anchors"]), finished)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            self.damaged.append(f"{path}：无法读取或内容不完整，本页重新转换")  # cut short or edited
            return None
        self.hits += 1
        return done

    def area(self) -> CacheArea | None:
        """The folder as ``cacheprune`` sees it (None when the cache is off)."""
        if self.folder is None:
            return None
        return CacheArea(self.folder, LAYOUT, frozenset(self._path(key) for key in self.used))

    def keeps(self, done: Rendered) -> bool:
        """Whether a body is the same whatever the rest of the site holds."""
        return OUTSIDE_LINK.search(done.content) is None

    def put(self, key: str, done: Rendered) -> bool:
        """Keep ``done`` for the next build; whether it was written."""
        if self.folder is None or not self.keeps(done):
            return False
        entry = {
            "markdown": done.markdown,
            "content": done.content,
            "toc": _toc_items(list(done.toc)),
            "title": done.title,
            "anchors": sorted(done.anchors),
            "finished": done.finished,
        }
        try:
            write_atomic(self._path(key), json.dumps(entry, ensure_ascii=False))  # whole entries only
        except OSError:
            return False  # a full disk or a read-only cache: the body is converted again next time
        self.stored += 1
        return True
