"""Templates compiled once a machine, not once a build.

MkDocs makes a new Jinja environment for every build (each ``mkdocs build``, each rebuild
of ``mkdocs serve`` and ``showcase preview``), and Jinja compiles again every template the
build renders: about 50, Material's and ours, 0.27 s of CPU, a fifth of a build of a few
cases (the fixed cost of a build, issue 20; the test suite builds some 190 sites).

Jinja's bytecode cache keeps each template's compiled code, checked against a SHA-1 of
the template's source before it is used, so an edited template is compiled afresh. The
entries are kept where Jinja keeps them by default: a folder of the user's own in the
system's temporary folder (``showcase-templates-<uid>``, mode 700, not used when it is
anyone else's or a link), and on Windows in the user's own temporary folder. Not in the
project's ``.cache``: a compiled template is code the build runs, and a publishing server
restores the project's cache from ``actions/cache``, which a pull request's run writes too.

Jinja keys an entry by the template's name and file only. What else decides the code it
compiles is in the key too (``compiled_with``): whether the template autoescapes
(``plugin/escaping.py`` decides it by name), the environment's syntax and extensions, and
Jinja's version, so that environments set up differently never share code. The entries
are also kept in memory for the life of the process (a rebuild under ``mkdocs serve``
reads no file), which is all there is when the folder cannot be used: that costs the
compile, never the build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from ...core.cachefile import write_atomic

PATTERN = "%s.jinja"  # an entry's file name, from its key (64 hex digits)


def compiled_with(env: jinja2.Environment, name: str) -> list[Any]:
    """What decides the code Jinja compiles for template ``name`` besides its source."""
    autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape

    def named(thing: Any) -> str | None:
        return None if thing is None else f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', type(thing).__name__)}"

    return [
        jinja2.__version__,
        bool(autoescape),
        [env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string],
        [env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix],
        [env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async],
        sorted(env.extensions),
        [named(env.finalize), named(env.code_generator_class), named(type(env))],
    ]


def own_folder() -> Path | None:
    """The user's folder for compiled templates (made if missing); None when it is not the
    user's alone (another user made it first, it is a link) or cannot be made."""
    temporary = Path(tempfile.gettempdir())
    if not hasattr(os, "getuid"):  # Windows: the temporary folder is the user's own
        folder = temporary / "showcase-templates"
        with contextlib.suppress(OSError):
            folder.mkdir(exist_ok=True)
        return folder if folder.is_dir() else None
    folder = temporary / f"showcase-templates-{os.getuid()}"
    with contextlib.suppress(OSError):
        folder.mkdir(mode=stat.S_IRWXU)
    try:
        found = os.lstat(folder)
    except OSError:
        return None
    if found.st_uid != os.getuid() or not stat.S_ISDIR(found.st_mode) or stat.S_IMODE(found.st_mode) != stat.S_IRWXU:
        return None
    return folder


class TemplateCode(jinja2.BytecodeCache):
    """Compiled templates in memory and in ``folder`` (None: in memory only)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.memory: dict[str, bytes] = {}
        self.compiled = 0  # this build's templates compiled, and taken compiled (``count``)
        self.taken = 0

    def count(self) -> tuple[int, int]:
        """Templates compiled and taken compiled since the last call."""
        counts = (self.compiled, self.taken)
        self.compiled = self.taken = 0
        return counts

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha256(json.dumps([name, filename, compiled_with(environment, name)]).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def _file(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / (PATTERN % key)

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.memory.get(bucket.key)
        file = self._file(bucket.key)
        if data is None and file is not None:
            with contextlib.suppress(OSError):
                data = file.read_bytes()
        if data is not None:
            try:  # no code when it is another source's; Jinja checks the rest as it unpickles
                bucket.bytecode_from_string(data)
            except Exception:  # a damaged entry (cut short: pickle's error, not Jinja's)
                bucket.reset()
        if bucket.code is None:
            self.compiled += 1  # Jinja compiles it now, then dumps it
        else:
            self.taken += 1
            self.memory[bucket.key] = data  # type: ignore[assignment]

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = self.memory[bucket.key] = bucket.bytecode_to_string()
        file = self._file(bucket.key)
        if file is None:
            return
        # under a name of its own, then renamed (another build may be reading or writing the
        # entry); a full disk or a folder taken away: compiled again next time
        with contextlib.suppress(OSError):
            write_atomic(file, data)


_CODE: TemplateCode | None = None


def shared() -> TemplateCode:
    """This process's cache of compiled templates (its folder found once)."""
    global _CODE
    if _CODE is None:
        _CODE = TemplateCode(own_folder())
    return _CODE


def install(env: jinja2.Environment) -> None:
    """Compiled templates kept between builds, unless the environment has a cache already."""
    if env.bytecode_cache is None:
        env.bytecode_cache = shared()
