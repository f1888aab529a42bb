"""Generate a skewed collection, shaped as a real national compilation is (not uniform).

    python scripts/gen_skewed.py OUT_DIR [--cases 6000] [--district 2500] [--series 400]
        [--drafts 200] [--withdrawn 30] [--long-titles 6] [--nine-photos 60] [--seed S]

Built on ``scripts/gen_cases.py``'s cases (short bodies, about 600 characters) and then
skewed: ``--district`` cases in one district (广东省广州市越秀区), ``--series`` cases in
one activity series (邻里守望; the other three series get a few dozen), dates from 2012
to 2026 with almost half in 2024, a few titles of 60 to 80 characters, organization
names repeated across provinces, ``--drafts`` drafts and ``--withdrawn`` withdrawn
cases (their titles end in （草稿N号） / （撤回N号） so that a leak is easy to grep),
half the cases without any photo and ``--nine-photos`` with nine (tiny JPEGs, a cover
and eight in the body). The same options always give the same files.

``generate_skewed(root, **options)`` returns {"published": [...], "draft": [...],
"withdrawn": [...]} of case ids and the titles of the drafts and withdrawn ones.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml
from gen_cases import BRANDS, _case

YEARS = list(range(2012, 2027))
# Almost half in 2024; a thin tail back to 2012; 2026 only until the build's month.
YEAR_WEIGHTS = [1, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 14, 90, 40, 12]
TODAY = date(2026, 11, 30)
COMMON_ORGS = [
    "阳光志愿服务队",
    "夕阳红老年人协会",
    "邻里互助会",
    "巾帼志愿服务队",
    "红色宣讲团",
    "平安巡逻队",
    "书香读书会",
    "新时代文明实践志愿服务队",
]
LONG_TITLE = (
    "{street}社区社会组织联合会牵头整合辖区{n}家社区社会组织资源开展“党建引领·邻里守望·五社联动”全周期关爱服务探索超大城市基层治理新路径"
)


def _photo(rng: random.Random) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 12), tuple(rng.randrange(256) for _ in range(3))).save(out, "JPEG", quality=70)
    return out.getvalue()


def generate_skewed(
    root: Path | str,
    *,
    cases: int = 6000,
    district: int = 2500,
    series: int = 400,
    drafts: int = 200,
    withdrawn: int = 30,
    long_titles: int = 6,
    nine_photos: int = 60,
    seed: int = 0,
) -> dict[str, list[str]]:
    root = Path(root)
    rng = random.Random(seed)
    order = list(range(cases))
    rng.shuffle(order)
    draft_set = set(order[:drafts])
    withdrawn_set = set(order[drafts : drafts + withdrawn])
    rng.shuffle(order)
    series_set = set(order[:series])
    other_series = {i: BRANDS[1 + (k % 3)] for k, i in enumerate(order[series : series + 135])}
    long_set = set(order[-long_titles:]) if long_titles else set()
    rng.shuffle(order)
    nine_set = set(order[:nine_photos])
    zero_set = set(order[nine_photos : nine_photos + cases // 2])
    out: dict[str, list[str]] = {"published": [], "draft": [], "withdrawn": [], "draft_titles": [], "withdrawn_titles": []}
    for i in range(cases):
        status = "draft" if i in draft_set else "withdrawn" if i in withdrawn_set else "published"
        _, _, text = _case(i, rng, status=status, length=(500, 700))
        _, head, body = text.split("---\n", 2)
        meta = yaml.safe_load(head)
        if i < district:
            old = meta["region"]["county"]
            meta["region"].update(province="广东省", city="广州市", county="越秀区")
            meta["organization"]["name"] = meta["organization"]["name"].replace(old, "越秀区")
            meta["summary"] = meta["summary"].replace(old, "越秀区")
            meta["review"] = {**meta.get("review", {}), "reviewer": "越秀区民政局"} if "review" in meta else meta.get("review")
            if meta["review"] is None:
                del meta["review"]
            meta["area"] = "城市"
        year = rng.choices(YEARS, YEAR_WEIGHTS)[0]
        start = date(year, 1, 1) + timedelta(days=rng.randrange(0, 365))
        start = min(start, TODAY - timedelta(days=40))
        meta["date"] = start
        prefix = meta["id"].split("-")[0]
        meta["id"] = f"{prefix}-{start.year}-{i:05d}"
        if rng.random() < 0.3:
            meta["organization"]["name"] = rng.choice(COMMON_ORGS)
        brands = ["邻里守望"] if i in series_set else [other_series[i]] if i in other_series else []
        meta.pop("brands", None)
        if brands:
            meta["brands"] = brands
        if i in long_set:
            title = LONG_TITLE.format(street=meta["region"]["street"], n=rng.randint(10, 99))
            meta["title"] = title[:80] if len(title) > 80 else title
        if status == "draft":
            meta["title"] = meta["title"][:70] + f"（草稿{i}号）"
            out["draft_titles"].append(meta["title"])
        if status == "withdrawn":
            meta["title"] = meta["title"][:70] + f"（撤回{i}号）"
            meta["withdrawn_reason"] = "经核实，案例材料与实际情况不符，予以撤回。"
            out["withdrawn_titles"].append(meta["title"])
        if status in ("published", "withdrawn"):
            meta["review"]["approved"] = min(start + timedelta(days=rng.randint(20, 300)), TODAY)
        province = meta["region"]["province"]
        folder = root / province / meta["id"]
        folder.mkdir(parents=True, exist_ok=True)
        photos = 9 if i in nine_set else 0 if i in zero_set else rng.randint(1, 3)
        if photos:
            meta["cover"] = "photo1.jpg"
            body += "\n" + "".join(f"\n![活动现场{n}](photo{n}.jpg)\n" for n in range(2, photos + 1))
            for n in range(1, photos + 1):
                (folder / f"photo{n}.jpg").write_bytes(_photo(rng))
        head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
        (folder / "index.md").write_text(f"---\n{head}---\n{body}", encoding="utf-8")
        out[status].append(meta["id"])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成分布不均的虚构案例集（用于规模测试）。")
    parser.add_argument("out", type=Path)
    for name, default in (
        ("cases", 6000),
        ("district", 2500),
        ("series", 400),
        ("drafts", 200),
        ("withdrawn", 30),
        ("long-titles", 6),
        ("nine-photos", 60),
        ("seed", 0),
    ):
        parser.add_argument(f"--{name}", type=int, default=default)
    args = parser.parse_args(argv)
    options = {k: v for k, v in vars(args).items() if k != "out"}
    made = generate_skewed(args.out, **options)
    print(f"已生成：发布 {len(made['published'])}，草稿 {len(made['draft'])}，撤回 {len(made['withdrawn'])}：{args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
