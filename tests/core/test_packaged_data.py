"""The packaged data files read with libyaml give what the pure-Python parser gives."""

from __future__ import annotations

import pytest
import yaml
from showcase.core.packaged import DATA, LOADER, read_packaged

FILES = sorted(entry.name for entry in DATA.iterdir() if entry.name.endswith(".yml"))


def test_libyaml_is_what_reads_them():
    # PyYAML's wheels carry libyaml; without it the packaged files are read the slow way.
    assert LOADER is yaml.CSafeLoader


@pytest.mark.parametrize("name", FILES)
def test_every_packaged_file_reads_the_same_with_either_parser(name):
    text = (DATA / name).read_text(encoding="utf-8")
    assert read_packaged(name) == yaml.safe_load(text)
