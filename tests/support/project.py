"""Projects in temporary folders: this project's site setup, with cases written by the tests."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
GUIDE = "CONTRIBUTING.md"
# Data files mkdocs.yml may name (relative to it); copied so that the copy reads the same.
DATA_OPTIONS = re.compile(r"^\s+(taxonomy|review_words|texts|form):\s*(\S+)\s*$", re.M)

THEMES = ["ningxin-zhuhun", "xinfeng-zhengqi", "jingshen-wenhua", "bianmin-fuwu", "shequ-zhili", "fuwu-zhendi"]
CATEGORIES = ["gongyi-cishan", "shenghuo-fuwu", "shequ-shiwu", "wenti-huodong"]
PLACES = [("广东省", "广州市"), ("广东省", "深圳市"), ("四川省", "成都市"), ("北京市", None), ("内蒙古自治区", "呼和浩特市")]
BODY = "## 基本情况\n\n社区里老人多，子女不在身边。\n\n## 主要做法\n\n- 结对帮扶\n- 定期探访\n\n## 工作成效\n\n服务覆盖全社区。\n"


def front_matter(case_id: str, number: int = 0, **overrides) -> dict:
    """A valid published case's front matter, varied by ``number``; ``None`` removes a field."""
    province, city = PLACES[number % len(PLACES)]
    data = {
        "id": case_id,
        "title": f"第{number}号社区互助实践案例",
        "summary": f"这是第{number}个测试案例的摘要，讲述社区社会组织如何组织居民开展互助服务，成效明显。",
        "themes": [THEMES[number % 6]],
        "organization": {"name": f"测试社区第{number}志愿服务队", "category": CATEGORIES[number % 4]},
        "region": {"province": province, **({"city": city} if city else {})},
        "area": "城市" if number % 2 else "农村",
        "date": f"{2021 + number % 4}-0{1 + number % 9}-15",
        "status": "published",
        "review": {"reviewer": "测试区民政局", "approved": "2025-01-10"},
        "volunteers": 10 + number,
        "served": 100 * (number + 1),
        "cover": "photo1.jpg",
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write_case(root: Path, case_id: str, number: int = 0, body: str = BODY, folder: str | None = None, **overrides) -> Path:
    """``root/<province or folder>/<id>/index.md`` with ``front_matter(...)``, and a small cover photo."""
    data = front_matter(case_id, number, **overrides)
    path = root / (folder or data["region"]["province"]) / case_id / "index.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n" + body
    path.write_text(text, encoding="utf-8")
    if data.get("cover"):
        Image.new("RGB", (120, 80), (180, 60 + number % 100, 40)).save(path.parent / data["cover"])
    return path


def copy_setup(dest: Path, *, guide: bool = False) -> Path:
    """This project's mkdocs.yml, site_overrides and the data files mkdocs.yml names (and the
    editors' guide with ``guide``) in ``dest``; returns the copied mkdocs.yml."""
    dest.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "site_overrides", dest / "site_overrides")
    for rel in ([GUIDE] if guide else []) + [rel for _, rel in DATA_OPTIONS.findall(text)]:
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    return dest / "mkdocs.yml"


def make_project(dest: Path, cases: Path | None = None, *, guide: bool = False) -> Path:
    """A copy of the project's site setup in ``dest`` with a copy of ``cases`` (the sample
    collection is ``ROOT / "cases"``), or an empty ``cases/``; returns ``dest``."""
    copy_setup(dest, guide=guide)
    if cases is None:
        (dest / "cases").mkdir()
    else:
        shutil.copytree(cases, dest / "cases")
    return dest


def copy_project(dest: Path, cases: Path = ROOT / "cases") -> Path:
    """``make_project`` with the sample collection by default."""
    return make_project(dest, cases)


@contextmanager
def project_folder(prefix: str) -> Iterator[Path]:
    """A temporary folder of its own, for module-scoped projects: pytest's numbered folders
    may be pruned by a concurrent pytest run of the same user while the module still uses them."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Path(folder)


def configure(project: Path, site_url: str | None = None, **options) -> None:
    """Set ``site_url`` and showcase plugin options in a copied mkdocs.yml, editing its text
    (it has ``!ENV`` tags a plain YAML dump would lose)."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    if site_url is not None:
        text, count = re.subn(r"(?m)^site_url:.*$", f'site_url: "{site_url}"', text)
        assert count == 1
    lines = "".join(f"      {key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in options.items())
    # an option the file sets already (the sample's review_words, a second call's image_cache)
    # is replaced, with its indented lines: the same key twice is refused (core/collection/mkdocs_yml.py)
    for key in options:
        text = re.sub(rf"(?m)^      {re.escape(key)}:.*\n(?:        .*\n)*", "", text)
    assert "  - showcase:\n" in text
    path.write_text(text.replace("  - showcase:\n", "  - showcase:\n" + lines, 1), encoding="utf-8")


# The test run's one cache of photos, share cards, bodies and QR codes (tests/conftest.py makes
# it), for the projects of tests that do not test the cache itself. Entries are keyed by
# content, so a project built from cases an earlier build of the run had (the sample
# collection is built a dozen times) takes them as the second build of a real site does;
# their output is the same either way (tests/scale/test_scale_site.py compares the two).
SHARED_CACHE = "SHOWCASE_TEST_CACHE"


def shared_cache_options() -> dict[str, object]:
    """The plugin options that point a project at the run's cache; none outside pytest.

    ``prune_cache`` is off: a build would remove the entries of every other project."""
    folder = os.environ.get(SHARED_CACHE)
    if not folder:
        return {}
    return {
        "image_cache": f"{folder}/images",
        "body_cache": f"{folder}/bodies",
        "search_cache": f"{folder}/search",
        "qr_cache": f"{folder}/qr.json",
        "prune_cache": False,
    }


def share_cache(project: Path) -> Path:
    """Point the copied mkdocs.yml in ``project`` at the run's cache; returns ``project``."""
    configure(project, **shared_cache_options())
    return project


def write_ledger(project: Path) -> Path:
    """``showcase urls --update`` on the project, as an editor's repository has it."""
    from showcase.cli import main as showcase

    assert showcase(["-f", str(project / "mkdocs.yml"), "urls", str(project / "cases"), "--update"]) == 0
    return project / "urls.lock"


def edit_front_matter(case_file: Path, old: str, new: str) -> None:
    """Replace the one line ``old`` of a case file by ``new``."""
    text = case_file.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(old)}\s*$", re.M)
    assert len(pattern.findall(text)) == 1, f"{case_file}: expected one line {old!r}"
    case_file.write_text(pattern.sub(new, text, count=1), encoding="utf-8")
