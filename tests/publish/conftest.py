"""Fixtures for building real sites into temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]

THEMES = ["ningxin-zhuhun", "xinfeng-zhengqi", "jingshen-wenhua", "bianmin-fuwu", "shequ-zhili", "fuwu-zhendi"]
CATEGORIES = ["gongyi-cishan", "shenghuo-fuwu", "shequ-shiwu", "wenti-huodong"]
PLACES = [("广东省", "广州市"), ("广东省", "深圳市"), ("四川省", "成都市"), ("北京市", None), ("内蒙古自治区", "呼和浩特市")]


def front_matter(case_id: str, number: int = 0, **overrides) -> dict:
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


BODY = "## 基本情况\n\n社区里老人多，子女不在身边。\n\n## 主要做法\n\n- 结对帮扶\n- 定期探访\n\n## 工作成效\n\n服务覆盖全社区。\n"


def write_case(root: Path, case_id: str, number: int = 0, body: str = BODY, folder: str | None = None, **overrides) -> Path:
    data = front_matter(case_id, number, **overrides)
    path = root / (folder or data["region"]["province"]) / case_id / "index.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n\n" + body
    path.write_text(text, encoding="utf-8")
    if data.get("cover"):
        Image.new("RGB", (120, 80), (180, 60 + number % 100, 40)).save(path.parent / data["cover"])
    return path


def make_project(tmp: Path) -> Path:
    """A copy of the project's site configuration with an empty cases/ folder."""
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "site_overrides", tmp / "site_overrides")
    (tmp / "plugins" / "showcase" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "plugins/showcase/data/review-words.example.txt", tmp / "plugins/showcase/data/")
    (tmp / "cases").mkdir()
    return tmp


def build_site(project: Path, *, serve: bool = False) -> Path:
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
    build(config)
    return project / "site"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path)
