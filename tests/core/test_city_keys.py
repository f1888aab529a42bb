"""data/city-keys.yml: the known cities' URL keys, written down so that a build need not
load pypinyin (scripts/city_keys.py writes it)."""

from __future__ import annotations

import subprocess
import sys

from showcase.core.case.places import place_data
from showcase.core.site.index import city_keys, pinyin_key, slugify

from tests.support.project import ROOT


def test_every_known_city_has_the_key_the_rule_makes():
    names = {name for cities in place_data()["cities"].values() for name in cities}
    keys = city_keys()
    assert set(keys) == names
    wrong = {name: (key, pinyin_key(name)) for name, key in keys.items() if not isinstance(key, str) or key != pinyin_key(name)}
    assert not wrong, f"run scripts/city_keys.py: {wrong}"


def test_a_city_the_data_does_not_know_gets_its_key_from_pinyin():
    assert "雄安新区" not in city_keys()
    assert slugify("雄安新区") == pinyin_key("雄安新区") == "xionganxinqu"
    assert slugify("恩施州") == "enshi"  # 州 is left out of addresses (url_suffixes)
    assert slugify("广州市") == "guangzhou"


def test_listing_the_sample_collections_regions_loads_no_pypinyin():
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from showcase.core.collection.loading import load_collection\n"
        "from showcase.core.collection.taxonomy import load_taxonomy\n"
        "from showcase.core.site.index import SiteIndex\n"
        f"index = SiteIndex(load_collection(Path({str(ROOT / 'cases')!r})).cases, load_taxonomy())\n"
        "cities = [c for p in index.provinces for c in p.children]\n"
        "assert cities and all(c.key for c in cities)\n"
        "print(len(cities), 'pypinyin' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "False", result.stdout


def test_place_names_are_read_as_places_not_as_other_words():
    # a maintainer's trial: 长治市 was at /regions/shanxi/zhangzhi/ (长 as in 生长), 勒 read lei, 漯 ta
    from showcase.core.editors.caseid import initials

    keys = city_keys()
    expected = {"长治市": "changzhi", "朝阳市": "chaoyang", "昌都市": "changdu", "漯河市": "luohe", "锡林郭勒盟": "xilinguole"}
    expected |= {"克孜勒苏柯尔克孜自治州": "kezilesukeerkezi", "阿勒泰地区": "aletai"}
    assert {name: keys[name] for name in expected} == expected
    assert pinyin_key("长治市") == "changzhi" and initials("长治市", ["市"]) == "cz"  # a case id's letters too
    assert keys["长沙市"] == "changsha" and keys["重庆市"] == "chongqing" and keys["六安市"] == "luan"
