"""The layers the README's Layout section describes, held by the imports themselves.

The core knows nothing of MkDocs (the command line and the plugin both call it), and
the plugin reaches the speed-ups only through ``ScaleAdapter``, so that the option
``speedups: false`` switches every one of them off (the reference build of
tests/scale/test_scale_site.py).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from tests.support.project import ROOT

PACKAGE = ROOT / "plugins" / "showcase"


@functools.cache
def _parsed(path: Path) -> ast.Module:
    """The syntax tree of ``path``, parsed once for the module's tests (each reads every file of the package)."""
    return ast.parse(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", autouse=True)
def _forget_parsed():
    """The trees are some 75 MB: not kept past the module."""
    yield
    _parsed.cache_clear()


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module as written with its leading dots, names) of every import in ``path``."""
    found = []
    for node in ast.walk(_parsed(path)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, "." * node.level + (node.module or ""), [alias.name for alias in node.names]))
    return found


def _absolute(path: Path, module: str) -> str:
    """``module`` as imported from ``path``, dotted from the package root (showcase.…)."""
    level = len(module) - len(module.lstrip("."))
    if not level:
        return module
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)[:-level]
    rest = module[level:]
    return ".".join(parts + ([rest] if rest else []))


def test_the_core_imports_nothing_of_mkdocs_its_theme_or_the_layers_above():
    # (`showcase preview` runs a MkDocs build: commands/preview.py may import it)
    found = []
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        for line, module, names in _imports(path):
            target = _absolute(path, module)
            if target.split(".")[0] in {"mkdocs", "material", "jinja2", "properdocs"}:
                found.append(f"{path.relative_to(ROOT)}:{line} {module}")
            # nor what sits on it: the plugin (MkDocs at one remove), the commands, the parser
            above = [f"showcase.{part}" for part in ("plugin", "commands", "cli")]
            if any(target == a or target.startswith(a + ".") for a in above) or (
                target == "showcase" and set(names) & {"plugin", "commands", "cli"}
            ):
                found.append(f"{path.relative_to(ROOT)}:{line} {module} {names}")
    assert found == []


def test_the_plugin_reaches_the_speed_ups_through_the_scale_adapter_only():
    speedup = PACKAGE / "plugin" / "speedup"
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if speedup in path.parents:
            continue
        for line, module, names in _imports(path):
            target = _absolute(path, module)
            if target.startswith("showcase.plugin.speedup") and (target, names) != ("showcase.plugin.speedup.scale", ["ScaleAdapter"]):
                found.append(f"{path.relative_to(ROOT)}:{line} {module} {names}")
            if target == "showcase.plugin" and "speedup" in names:
                found.append(f"{path.relative_to(ROOT)}:{line} {module} {names}")
    assert found == []


# Known exceptions to the rule below, each named (none now: the summary line the build logs
# lives beside the summary it words, in collection/loading.py).
_EDITORS_REACHED_FROM: set[tuple[str, str, tuple[str, ...]]] = set()


def test_what_the_site_publishes_imports_nothing_of_the_editors_tools():
    """core/editors holds the editors' tools (check reports, approve, import); the case, the
    collection, the pages, the photos and what travels are below them. A review found
    outputs/offsite.py importing the Word form from editors/intake/ to publish it (下载申报表):
    the form, written by ``showcase template``, published by the site and read back by
    ``showcase import``, lives in outputs/form.py, which the import reads."""
    found = []
    for layer in ("case", "collection", "media", "outputs", "site"):
        for path in sorted((PACKAGE / "core" / layer).rglob("*.py")):
            for line, module, names in _imports(path):
                target = _absolute(path, module)
                if not (target.startswith("showcase.core.editors") or (target == "showcase.core" and "editors" in names)):
                    continue
                if (str(path.relative_to(PACKAGE.parent)), target, tuple(names)) not in _EDITORS_REACHED_FROM:
                    found.append(f"{path.relative_to(ROOT)}:{line} {module} {names}")
    assert found == []
