"""Write scripts/constraints.txt: the exact release of every package in our dependency tree,
as installed in this virtual environment (`make constraints` upgrades them first).

    .venv/bin/python scripts/constraints.py           # write what is installed now
    .venv/bin/python scripts/constraints.py --check   # exit 1 when the file says otherwise

pyproject.toml gives ranges (``pillow>=10``); this file gives the releases the tests passed
with, and every install reads it (``pip install -c scripts/constraints.txt -e .``: the
Makefile, the workflows, the README's lines for a mirror's CI). A new release of
mkdocs-material or Pillow then reaches a department's build only when someone has run
`make constraints` and `make test` and committed the file. The tree is walked from
pyproject's ``dependencies`` and its ``test`` extra through each installed package's own
requirements (extras followed, as ``pagefind[extended]``); a requirement whose marker names
another system (``colorama; sys_platform == "win32"``) is pinned when it is installed here,
and listed as unpinned otherwise. pip, setuptools and wheel are left out: pip installs
them itself.

Every pin must install on the oldest Python pyproject's ``requires-python`` admits (3.11.0;
Debian 12's python3, which the README's lines for a mirror's CI use, is 3.11.2), not only on
this venv's: pymdown-extensions 13 asks for 3.11.5, so a file pinning it made `pip install
-c` fail there where an install without it took 12.3. Such a pin is refused; ``--fit``
(`make constraints`) installs the newest release below it until none is left.

The file lives in scripts/ beside the other scripts the builds run (set_site_url.py): the
top level is kept to the site's own files, and a hidden folder (.ci/, .github/) would hide
it from the departments whose own servers' CI must use it too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
CONSTRAINTS = ROOT / "scripts" / "constraints.txt"
EXTRAS = ("test",)  # pyproject's optional dependencies that `make test` installs
LEFT_OUT = frozenset({"pip", "setuptools", "wheel"})
# The systems the build is run on: a requirement for any of them is followed.
SYSTEMS = (
    {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix"},
    {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt"},
    {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix"},
)

HEADER = """\
# The releases `make test` passed with: every install reads this file
# (pip install -c scripts/constraints.txt -e .). Written by scripts/constraints.py;
# `make constraints` takes the newest releases pyproject.toml allows and writes it again
# (then run `make test` and commit it). Do not edit by hand.
# Written with Python {python}.{unpinned}
"""


def declared(pyproject: Path = PYPROJECT) -> list[Requirement]:
    """pyproject's ``dependencies`` and the extras in EXTRAS, as written."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    lines = list(project.get("dependencies", []))
    for extra in EXTRAS:
        lines += project.get("optional-dependencies", {}).get(extra, [])
    return [Requirement(line) for line in lines]


def python_floor(pyproject: Path = PYPROJECT) -> Version:
    """The oldest Python pyproject's ``requires-python`` admits (``>=3.11``: 3.11.0)."""
    spec = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["requires-python"]
    floors = [Version(s.version) for s in SpecifierSet(spec) if s.operator in (">=", "~=", "==")]
    return max(floors)


def beyond_floor(pinned: dict[str, str], floor: Version) -> dict[str, str]:
    """{name: its Requires-Python} of the installed releases that refuse ``floor``."""
    found = {}
    for name in pinned:
        wanted = metadata.distribution(name).metadata.get("Requires-Python")
        if wanted and not SpecifierSet(wanted).contains(floor, prereleases=True):
            found[name] = wanted
    return found


def _applies(marker: Marker | None, extras: set[str]) -> bool:
    if marker is None:
        return True
    return any(marker.evaluate({**system, "extra": extra}) for system in SYSTEMS for extra in extras or {""})


def tree(roots: list[Requirement]) -> tuple[dict[str, str], set[str]]:
    """{name as the package spells it: installed version} for the tree below ``roots``, and
    the names of requirements that apply somewhere but are not installed here."""
    pinned: dict[str, str] = {}
    missing: set[str] = set()
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(req, set[str]()) for req in roots]
    while todo:
        req, parent_extras = todo.pop()
        if not _applies(req.marker, parent_extras):
            continue
        key = canonicalize_name(req.name)
        if key in LEFT_OUT or (key, frozenset(req.extras)) in seen:
            continue
        seen.add((key, frozenset(req.extras)))
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            missing.add(key)
            continue
        pinned[dist.metadata["Name"]] = dist.version
        todo += [(Requirement(line), set(req.extras)) for line in dist.requires or []]
    return pinned, missing - {canonicalize_name(name) for name in pinned}


def read(path: Path = CONSTRAINTS) -> dict[str, str]:
    """{canonical name: version} of a constraints file's ``name==version`` lines."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            if not sep:
                raise ValueError(f"{path.name}: {line!r} is not name==version")
            pins[canonicalize_name(name)] = version.strip()
    return pins


def render(pinned: dict[str, str], missing: set[str]) -> str:
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    unpinned = f"\n# Not installed here, so not pinned: {', '.join(sorted(missing))}." if missing else ""
    lines = [f"{name}=={pinned[name]}" for name in sorted(pinned, key=canonicalize_name)]
    return HEADER.format(python=python, unpinned=unpinned) + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the file differs from what is installed")
    parser.add_argument("--fit", action="store_true", help="replace a release the oldest supported Python cannot install (pip)")
    args = parser.parse_args(argv)
    floor = python_floor()
    pinned, missing = tree(declared())
    for _ in range(20 if args.fit else 0):
        refused = beyond_floor(pinned, floor)
        if not refused:
            break
        older = [f"{name}<{pinned[name]}" for name in refused]
        print(f"Python {floor} cannot install {', '.join(f'{n} {pinned[n]}' for n in refused)}: pip install {' '.join(older)}")
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *older], check=True)
        pinned, missing = tree(declared())
    refused = beyond_floor(pinned, floor)
    if refused:
        for name, wanted in sorted(refused.items()):
            print(f"{name} {pinned[name]} needs Python {wanted}, pyproject.toml admits {floor}: run `make constraints`", file=sys.stderr)
        return 1
    text = render(pinned, missing)
    if args.check:
        if CONSTRAINTS.exists() and read() == {canonicalize_name(n): v for n, v in pinned.items()}:
            return 0
        print("scripts/constraints.txt differs from what is installed: run `make constraints` (or scripts/constraints.py)", file=sys.stderr)
        return 1
    CONSTRAINTS.write_text(text, encoding="utf-8")
    print(f"scripts/constraints.txt: {len(pinned)} packages" + (f"; not installed here: {', '.join(sorted(missing))}" if missing else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
