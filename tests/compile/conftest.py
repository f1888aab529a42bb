"""One real build for the compilation tests (collections, booklets, citations), made once a session.

A copy of the sample's 北京市 and 江苏省 cases (five published, one in review), with
``site_url`` set, ``booklets: true`` and a ``collections.yml`` of two collections.
Processed photos come from the project's own image cache (content-addressed, so
sharing it cannot change a result).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.build import build_site
from tests.support.project import ROOT, configure, copy_project, share_cache, write_ledger
from tests.support.serve import served as serve_folder

SITE_URL = "https://example.org/showcase/"
PROVINCES = ("北京市", "江苏省")
COLLECTIONS = """\
collections:
  - key: jingpin
    title: 精品阵地
    intro: |
      第一段介绍。

      第二段介绍。
    cover: bj-xicheng-2023-002
    cases:
      - nj-gulou-2024-002
      - bj-xicheng-2023-002
      - bj-chaoyang-2022-005
  - key: bianmin
    title: 便民服务专题
    cases:
      - bj-haidian-2024-003
      - nj-gulou-2024-002
"""
JINGPIN = ["nj-gulou-2024-002", "bj-xicheng-2023-002", "bj-chaoyang-2022-005"]


@dataclass
class Project:
    root: Path
    site: Path

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("compile")
    cases = root / "_cases"
    for province in PROVINCES:
        shutil.copytree(ROOT / "cases" / province, cases / province)
    project = share_cache(copy_project(root / "project", cases=cases))
    # a line of its own, which tests take out or change (`booklets: true` after the sample
    # tag's value kept that line's comment, and their `replace("      booklets: true\n", "")`
    # did nothing: the build it meant to spare laid out 18 booklets)
    configure(project, SITE_URL, booklets=True)  # `showcase booklet` reads site_url too
    text = project.joinpath("mkdocs.yml").read_text(encoding="utf-8")
    assert text.count('        organizer: ""') == 1
    text = text.replace('        organizer: ""', '        organizer: "某某市民政局"')
    project.joinpath("mkdocs.yml").write_text(text, encoding="utf-8")
    (project / "collections.yml").write_text(COLLECTIONS, encoding="utf-8")
    write_ledger(project)
    site = build_site(project, SITE_URL)
    return Project(project, site)


@pytest.fixture(scope="session")
def served(project):
    """The built site over HTTP (scripts run as on a real server); yields its base URL."""
    with serve_folder(project.site) as url:
        yield url
