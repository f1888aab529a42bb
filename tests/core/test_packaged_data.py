"""The packaged data files read with libyaml give what the pure-Python parser gives."""

from __future__ import annotations

from pathlib import Path

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


def test_a_slip_in_a_packaged_file_is_one_line_naming_it(tmp_path, monkeypatch):
    # a maintainer's trial: an unclosed [ in places.yml (edited for a renamed city) printed PyYAML's traceback
    from showcase.core import packaged
    from showcase.core.errors import ConfigError

    (tmp_path / "places.yml").write_text("广东省:\n  cities: [广州市, 深圳市\n  x: y\n", encoding="utf-8")
    (tmp_path / "yaml-problems.yml").write_bytes((DATA / "yaml-problems.yml").read_bytes())  # the words for YAML's slips
    monkeypatch.setattr(packaged, "DATA", tmp_path)
    with pytest.raises(ConfigError) as raised:
        packaged.read_packaged("places.yml")
    assert str(raised.value).startswith(f"{tmp_path / 'places.yml'}: 程序自带的数据文件格式错误，第 2 行："), str(raised.value)


@pytest.mark.parametrize(
    ("name", "line", "slip"),
    [
        ("places.yml", "  长治: chang zhi\n", "  长治: [chang zhi\n"),
        # read while the modules load: MkDocs printed a traceback loading the plugin
        ("fields.yml", "\nfields:\n", "\nfields:\n  - {key: x, label: [oops\n"),
    ],
)
def test_a_slip_in_a_packaged_data_file_stops_check_and_build_with_one_line(tmp_path, name, line, slip):
    # a review: places.yml is read while the commands load, and both printed a traceback
    import os
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    package = tmp_path / "pkg" / "showcase"
    shutil.copytree(root / "plugins" / "showcase", package, ignore=shutil.ignore_patterns("__pycache__"))
    places = package / "data" / name
    text = places.read_text(encoding="utf-8")
    assert text.count(line) == 1
    places.write_text(text.replace(line, slip), encoding="utf-8")
    site = tmp_path / "site"
    from tests.support.project import write_case

    write_case(site / "cases", "gz-yuexiu-2023-001", 0)
    (site / "mkdocs.yml").write_text("site_name: x\ndocs_dir: cases\nplugins:\n  - showcase\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "pkg")}
    for command in (["-m", "showcase", "check"], ["-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "out")]):
        done = subprocess.run([sys.executable, *command], cwd=site, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode != 0 and "Traceback" not in done.stderr, (command, done.stderr[-1500:])
        assert f"{places}: 程序自带的数据文件格式错误，第 " in done.stderr, (command, done.stderr[-1500:])
