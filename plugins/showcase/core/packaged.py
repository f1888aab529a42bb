"""The data files that come with the package (``plugins/showcase/data``), and how they are read.

Every process reads several of them (the field table, places, texts, the taxonomy, ...):
with PyYAML's pure-Python parser that took 0.14 s a process, with its libyaml parser
(in PyYAML's wheels) 0.02 s. Both are safe loaders and give the same values
(tests/core/test_packaged_data.py). Cases are read with libyaml too, by their own loader
(case/yamlnodes.py, which says libyaml's problems in plain words: data/yaml-problems.yml);
other files an editor writes (a taxonomy, texts or related-terms file of their own,
mkdocs.yml) keep the pure-Python parser, whose error messages and line numbers the
editors' messages are written for.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

from .errors import ConfigError

DATA = resources.files("showcase") / "data"
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_packaged(name: str) -> Any:
    """The packaged YAML file ``name`` (``fields.yml``), parsed. A slip in one (a maintainer
    edits places.yml when a city is renamed) is a ConfigError naming the file and line, not
    PyYAML's traceback (a maintainer's trial)."""
    try:
        return yaml.load((DATA / name).read_text(encoding="utf-8"), Loader=LOADER)
    except yaml.YAMLError as exc:
        from .case.yamlnodes import yaml_error_words  # here: it reads packaged files itself

        raise ConfigError(
            f"{DATA / name}: 程序自带的数据文件格式错误，{yaml_error_words(exc)}请改正这个文件，或用 git checkout 恢复它。"
        ) from None
