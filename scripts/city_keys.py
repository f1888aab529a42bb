"""Write plugins/showcase/data/city-keys.yml: the URL key of every city data/places.yml knows.

The keys are what ``core.site.index.pinyin_key`` makes of each name (pypinyin), written
down so that a build finds them without loading pypinyin. Run it after adding cities to
places.yml; tests/core/test_city_keys.py checks that the file and the rule agree.

    .venv/bin/python scripts/city_keys.py
"""

from __future__ import annotations

from showcase.core.case.places import place_data
from showcase.core.packaged import DATA
from showcase.core.site.index import pinyin_key

HEADER = """\
# The address key of each city data/places.yml knows (/regions/guangdong/guangzhou/ for
# 广州市), as core/site/index.py's pinyin_key makes it from the name. A build reads them
# here instead of loading pypinyin (0.3 s a process); a city not listed gets its key from
# pinyin_key as before. Published addresses depend on these keys: never edit one by hand.
# Written by scripts/city_keys.py; tests/core/test_city_keys.py checks it.
"""


def main() -> None:
    names = dict.fromkeys(name for cities in place_data()["cities"].values() for name in cities)
    lines = [f"{name}: {pinyin_key(name)}\n" for name in names]
    path = DATA / "city-keys.yml"
    with open(str(path), "w", encoding="utf-8") as out:
        out.write(HEADER + "".join(lines))
    print(f"{path}: {len(lines)} cities")


if __name__ == "__main__":
    main()
