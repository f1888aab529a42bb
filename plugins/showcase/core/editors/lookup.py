"""Finding a case file by its id, or by a former id in its ``aliases``, from the front
matters as written: what the editors' commands (approve, withdraw, preview) look up. A file
that is no UTF-8 text is found by the id in its own encoding, to be told what to mend."""

from __future__ import annotations

import re
from pathlib import Path

from ..cachefile import read_head
from ..case.source import ID_LINE, former_ids, front_matter_of, front_matter_values
from ..collection.loading import discover
from ..diagnostics import shown_path

FrontMatters = list[tuple[Path, str]]


def front_matters(cases: Path) -> FrontMatters:
    """Each case file under ``cases`` with its front matter as written (``source.split`` of
    its first 64 KB), read once for every id a command looks up. The case files are those
    the check finds (``discover``: no linked folder, no hidden one), each opened as a regular
    file only: a pipe named index.md held the command for good. Only the front matter: a
    line ``id: …`` in a body is no id (a red team's case body named another case's former
    id, and withdraw took the wrong case down)."""
    if not cases.is_dir():
        return []
    return [(path, front_matter_of(read_head(path, 1 << 16) or b"", path)) for path in discover(cases)[0]]


def with_id(case_id: str, heads: FrontMatters) -> list[Path]:
    """The case files whose front matter says ``id: case_id`` (``source.ID_LINE``, as the
    ledger reads a deleted case's id). A front matter with no such line that holds the id
    as a word is read as YAML: ``id:`` with its value on the next line, or quoted over two,
    is a case the check takes, and approve and withdraw said there was no case of that id
    (a review)."""
    word = _as_word(case_id)
    found = []
    for path, text in heads:
        written = [line[1] for line in ID_LINE.finditer(text)]
        if case_id in written or (not written and word.search(text) and front_matter_values(text, path).get("id") == case_id):
            found.append(path)
    return found


def _as_word(case_id: str) -> re.Pattern[str]:
    """``case_id`` as a word of a front matter: not part of a longer id (the quick test before
    one is read as YAML)."""
    return re.compile(rf"(?<![\w-]){re.escape(case_id)}(?![\w-])")


def by_id(case_id: str, heads: FrontMatters) -> Path | None:
    """The one case file whose front matter says ``id: case_id``."""
    found = with_id(case_id, heads)
    return found[0] if len(found) == 1 else None


def undecodable_with_id(case_id: str, cases: Path) -> Path | None:
    """The one case file that is no UTF-8 text (UTF-16, say) but holds ``case_id`` in its
    first 64 KB, in the encoding it is written in."""
    spelled = [case_id.encode(encoding) for encoding in ("ascii", "utf-16-le", "utf-16-be")]
    found = []
    for path in discover(cases)[0]:
        head = read_head(path, 1 << 16) or b""
        try:
            head.decode("utf-8")
            continue
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3:  # the 64 KB ended inside a character: UTF-8 text
                continue
        if any(word in head for word in spelled):
            found.append(path)
    return found[0] if len(found) == 1 else None


def by_former_id(case_id: str, heads: FrontMatters) -> tuple[Path, str] | None:
    """The one case whose ``aliases`` hold ``case_id``, and its current id (``with_former_id``)."""
    found = with_former_id(case_id, heads)
    return found[0] if len(found) == 1 else None


def with_former_id(case_id: str, heads: FrontMatters) -> list[tuple[Path, str]]:
    """The cases whose ``aliases`` hold ``case_id``, with their current ids. Only the front
    matters that hold the id as a word are parsed. The ledger's hint for a lost old address
    names the former id (``showcase withdraw <former id>``)."""
    word = _as_word(case_id)
    found = []
    for path, text in heads:
        if not word.search(text):
            continue
        values = front_matter_values(text, path)
        current = values.get("id")
        if case_id in former_ids(values) and isinstance(current, str):
            found.append((path, current))
    return found


def aliases_of_others(path: Path, aliases: list[str], heads: FrontMatters) -> list[str]:
    """The ``aliases`` of the case at ``path`` that are another case's id or former id:
    approving it would publish a redirect over that case's address (a red team's new case took
    a case in review's id this way, and the check then told the untouched case to change its id)."""
    here = path.resolve()
    taken = []
    for alias in aliases:
        # another case's id, or its former id (a review: its old address would change hands)
        owners = [found] if (found := by_id(alias, heads)) is not None else [p for p, _ in with_former_id(alias, heads)]
        taken += [f"{alias}（{shown_path(other.parent)}）" for other in owners if other.resolve() != here]
    return taken
