"""The data files that come with the package (``plugins/showcase/data``), and how they are read.

Every process reads several of them (the field table, places, texts, the taxonomy, ...):
with PyYAML's pure-Python parser that took 0.14 s a process, with its libyaml parser
(in PyYAML's wheels) 0.02 s. Both are safe loaders and give the same values
(tests/core/test_packaged_data.py). Files an editor writes (a taxonomy, texts or
related-terms file of their own, mkdocs.yml, cases) keep the pure-Python parser, whose
error messages and line numbers the editors' messages are written for.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

DATA = resources.files("showcase") / "data"
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_packaged(name: str) -> Any:
    """The packaged YAML file ``name`` (``fields.yml``), parsed."""
    return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=LOADER)
