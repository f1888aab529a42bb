"""scripts/constraints.txt, the releases every install reads (pip install -c): it must pin
each dependency pyproject.toml names, at a release pyproject allows, and the whole tree
below them (scripts/constraints.py writes it; `make constraints` refreshes it)."""

from __future__ import annotations

from pathlib import Path

import constraints
import pytest
from packaging.utils import canonicalize_name
from packaging.version import Version


def disagreements(pyproject: Path, pinned: Path) -> list[str]:
    """What a constraints file fails to say for a pyproject.toml, one line each."""
    pins = constraints.read(pinned)
    found = []
    for requirement in constraints.declared(pyproject):
        name = canonicalize_name(requirement.name)
        if name not in pins:
            found.append(f"{requirement.name}: not in {pinned.name}")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            found.append(f"{requirement.name}: {pins[name]} is outside {requirement.specifier}")
    return found


def test_every_dependency_of_pyproject_is_pinned_at_a_release_it_allows():
    assert disagreements(constraints.PYPROJECT, constraints.CONSTRAINTS) == [], "run `make constraints`, then `make test`"


def test_every_package_installed_below_them_is_pinned_too():
    """The tree as installed here (the venv `make test` made with the same file)."""
    installed, not_installed = constraints.tree(constraints.declared())
    unpinned = {canonicalize_name(name) for name in installed} - set(constraints.read())
    assert not unpinned, f"not in scripts/constraints.txt: {sorted(unpinned)}; run scripts/constraints.py"
    assert not not_installed


def test_the_file_pins_only_the_tree_and_never_the_project_or_pip():
    pins = constraints.read()
    installed, _ = constraints.tree(constraints.declared())
    assert set(pins) <= {canonicalize_name(name) for name in installed}
    assert not {"practice-showcase", "pip", "setuptools", "wheel"} & set(pins)


@pytest.mark.parametrize(
    ("dependency", "problem"),
    [
        ('  "brand-new-package>=1",\n', "brand-new-package: not in constraints.txt"),
        ('  "pillow>=99",\n', "pillow: "),
    ],
    ids=["missing", "outside-the-range"],
)
def test_a_dependency_added_or_raised_in_pyproject_alone_is_caught(tmp_path, dependency, problem):
    text = constraints.PYPROJECT.read_text(encoding="utf-8")
    text = text.replace("dependencies = [\n", "dependencies = [\n" + dependency, 1)
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    found = disagreements(tmp_path / "pyproject.toml", constraints.CONSTRAINTS)
    assert len(found) == 1 and found[0].startswith(problem), found


def test_the_check_mode_agrees_with_the_committed_file():
    assert constraints.main(["--check"]) == 0


def test_a_line_that_is_no_pin_is_refused(tmp_path):
    (tmp_path / "constraints.txt").write_text("# comment\nmkdocs==1.6.1\nmkdocs-material>=9\n", encoding="utf-8")
    with pytest.raises(ValueError, match="mkdocs-material>=9"):
        constraints.read(tmp_path / "constraints.txt")


def test_the_makefiles_installs_read_the_constraints_and_name_no_index():
    """`make site` and `make test` install the pinned releases, again when the file changes;
    pip and npm are given no index or registry, so PIP_INDEX_URL and npm_config_registry
    (a mirror, README) reach them from the environment or make's command line."""
    root = constraints.ROOT
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    assert "CONSTRAINTS := scripts/constraints.txt" in makefile
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line and "-e ." in line.replace("'", "")]
    assert installs and all(
        line.startswith("$(BIN)/pip install --quiet -c $(CONSTRAINTS) -e") for line in installs if "--upgrade" not in line
    )
    assert sum("--upgrade-strategy eager" in line for line in installs) == 1  # `make constraints` alone
    for stamp in ("$(STAMP):", "$(TEST_STAMP):"):
        assert "$(CONSTRAINTS)" in next(line for line in makefile.splitlines() if line.startswith(stamp))
    for path in [root / "Makefile", root / ".ci" / "run", *sorted((root / ".github" / "workflows").glob("*.yml"))]:
        text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
        for option in ("--index-url", "--extra-index-url", " -i http", "--registry", "registry="):
            assert option not in text, f"{path.name}: {option}"


def test_every_pin_installs_on_the_oldest_python_pyproject_admits():
    """Debian 12's python3 is 3.11.2: a pin asking for more (pymdown-extensions 13: >=3.11.5)
    made `pip install -c` fail there, where pip alone took an older release."""
    pinned, _ = constraints.tree(constraints.declared())
    floor = constraints.python_floor()
    assert floor == Version("3.11")
    assert constraints.beyond_floor(pinned, floor) == {}, "run `make constraints` (it replaces them)"
