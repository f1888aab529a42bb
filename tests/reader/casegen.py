"""A small, varied collection written into a temporary folder for the reader tests.

Every field the reader pages show (themes, categories, provinces, years, volunteers,
people served) varies, so that the statistics page has something to count; the
tests compute their expectations from ``SPECS`` directly, never from the site code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw


@dataclass
class Spec:
    id: str
    title: str
    themes: list[str]  # short names
    category: str
    province: str
    city: str
    date: str
    status: str = "published"
    volunteers: int | None = None
    served: int | None = None
    featured: bool = False
    area: str = "城市"
    brands: list[str] = field(default_factory=list)


# One case a line reads better than the formatter's one field a line.
# fmt: off
SPECS: list[Spec] = [
    Spec("gz-yuexiu-2023-101", "老街坊银龄互助守望独居长者", ["便民服务", "新风正气"], "社区事务类", "广东省", "广州市", "2023-03-01", volunteers=86, served=4800, featured=True, brands=["邻里守望"]),
    Spec("gz-haizhu-2022-102", "骑楼下的粤曲私伙局唱响邻里情", ["精神文化"], "文体活动类", "广东省", "广州市", "2022-05-12", volunteers=32, served=2600),
    Spec("sz-nanshan-2024-103", "科技园区青年志愿者周末课堂", ["凝心铸魂", "精神文化"], "公益慈善类", "广东省", "深圳市", "2024-07-20", volunteers=140, served=3900, featured=True),
    Spec("sz-longgang-2023-104", "旧小区加装电梯议事会化解分歧", ["社区治理"], "社区事务类", "广东省", "深圳市", "2023-09-08", volunteers=18, served=1200, brands=["共建共治共享"]),
    Spec("fs-shunde-2022-105", "乡村婚事新办理事会倡导简办", ["新风正气"], "社区事务类", "广东省", "佛山市", "2022-11-02", volunteers=25, served=900, area="农村"),
    Spec("qy-yingde-2025-106", "茶山村红色故事宣讲队走村入户", ["凝心铸魂"], "文体活动类", "广东省", "清远市", "2025-04-16", volunteers=12, served=1500, area="农村"),
    Spec("cd-wuhou-2022-107", "社区书院邻里读书会十年不辍", ["精神文化", "凝心铸魂"], "文体活动类", "四川省", "成都市", "2022-02-18", volunteers=40, served=5200),
    Spec("cd-jinjiang-2023-108", "夜间巡逻队守护老旧院落平安", ["社区治理"], "生活服务类", "四川省", "成都市", "2023-06-30", volunteers=60, served=7000, brands=["共创平安"]),
    Spec("my-fucheng-2024-109", "社区社会组织服务中心孵化新组织", ["服务阵地"], "社区事务类", "四川省", "绵阳市", "2024-01-10", volunteers=9, served=640),
    Spec("yb-cuiping-2021-110", "妇女之家调解室化解家庭纠纷", ["社区治理", "便民服务"], "公益慈善类", "四川省", "宜宾市", "2021-08-25", volunteers=15, served=380),
    Spec("hz-xihu-2023-111", "湖畔社区助餐点让老人吃上热饭", ["便民服务"], "生活服务类", "浙江省", "杭州市", "2023-04-05", volunteers=50, served=12000, featured=True),
    Spec("nb-yinzhou-2024-112", "文明实践站里的四点半课堂", ["服务阵地", "便民服务"], "公益慈善类", "浙江省", "宁波市", "2024-10-12", volunteers=22, served=3100),
    Spec("hz-yuhang-2025-113", "垃圾分类绿色账户积分兑换", ["新风正气", "社区治理"], "生活服务类", "浙江省", "杭州市", "2025-03-22", volunteers=75, served=8800),
    Spec("bj-dongcheng-2021-114", "胡同议事厅共商停车难题", ["社区治理"], "社区事务类", "北京市", "北京市", "2021-05-09", volunteers=11, served=450),
    Spec("bj-haidian-2024-115", "高校退休教师科普宣讲团进社区", ["精神文化", "凝心铸魂"], "文体活动类", "北京市", "北京市", "2024-09-15", served=2100),
    Spec("bj-chaoyang-2022-116", "社区应急志愿队开展防灾演练", ["社区治理", "服务阵地"], "公益慈善类", "北京市", "北京市", "2022-12-03", volunteers=44),
    # Not on the public site: they must not be counted anywhere.
    Spec("gz-tianhe-2025-117", "尚在撰写的草稿案例不应计入统计", ["便民服务"], "公益慈善类", "广东省", "广州市", "2025-05-01", status="draft", volunteers=999, served=99999),
    Spec("cd-pidu-2021-118", "已撤回的案例不应计入统计数字", ["精神文化"], "文体活动类", "四川省", "成都市", "2021-03-03", status="withdrawn", volunteers=777, served=77777),
]
# fmt: on

PUBLISHED = [s for s in SPECS if s.status == "published"]

BODY = """
## 基本情况

{title}的做法起步于社区居民的一次议事会。大家提出身边最迫切的难处，社区社会组织把它们列成清单，逐项商量办法，由志愿者分头落实。这段文字较长，用来检查正文在手机上的行宽、行距和字号是否舒适，也检查长段落不会把页面撑出横向滚动条。居民说：“事情办在家门口，心里踏实。”

![居民在社区活动室里围坐交流，桌上摆着茶水和笔记本]({photo})

## 主要做法

- **摸清需求。** 志愿者逐户走访，建立需求台账，每月更新一次。
- **结对服务。** 按楼栋划分小组，每组固定联系若干户居民。
- **定期评议。** 每季度召开一次评议会，请服务对象打分提意见。

## 工作成效

| 项目 | 数量 |
| --- | --- |
| 参与志愿者 | {volunteers} |
| 服务人次 | {served} |

## 经验启示

依托新时代文明实践站，把居民的事交给居民商量，组织才有生命力。
"""


def _photo(path: Path, hue: int) -> None:
    """A plain drawn picture: sky, ground, a house and a sun. No people, no metadata."""
    img = Image.new("RGB", (1200, 800), (200, 220 - hue % 40, 240))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 520, 1200, 800), fill=(110 + hue % 60, 160, 90))
    draw.rectangle((380, 300, 820, 560), fill=(230, 200, 160))
    draw.polygon([(350, 310), (600, 150), (850, 310)], fill=(170, 40 + hue % 80, 40))
    draw.ellipse((950, 80, 1090, 220), fill=(250, 200, 60))
    img.save(path, "JPEG", quality=70)


def _front_matter(spec: Spec) -> str:
    lines = [
        "---",
        f"id: {spec.id}",
        f"title: {spec.title}",
        f"summary: {spec.title}。本案例是读者测试用的虚构示例，用于检查页面的字号、对比度和统计图表。",
        f"themes: [{', '.join(spec.themes)}]",
        "organization:",
        f"  name: {spec.city}{spec.title[:4]}协会",
        f"  category: {spec.category}",
        "region:",
        f"  province: {spec.province}",
        f"  city: {spec.city}",
        f"area: {spec.area}",
        f"date: {spec.date}",
        f"status: {spec.status}",
    ]
    if spec.status in ("published", "withdrawn"):
        lines += ["review:", "  reviewer: 区民政局", "  approved: 2025-06-01"]
    if spec.status == "withdrawn":
        lines.append("withdrawn_reason: 组织已注销，案例撤回。")
    if spec.brands:
        lines.append(f"brands: [{', '.join(spec.brands)}]")
    lines.append("tags: [示例]")
    if spec.volunteers is not None:
        lines.append(f"volunteers: {spec.volunteers}")
    if spec.served is not None:
        lines.append(f"served: {spec.served}")
    if spec.featured:
        lines.append("featured: true")
    lines += ["cover: photo1.jpg", "---"]
    return "\n".join(lines)


def write_collection(root: Path) -> list[Spec]:
    """Write every case of ``SPECS`` under ``root`` (one folder per case) and return them."""
    for number, spec in enumerate(SPECS):
        folder = root / spec.province / spec.id
        folder.mkdir(parents=True, exist_ok=True)
        _photo(folder / "photo1.jpg", number * 37)
        _photo(folder / "photo2.jpg", number * 53 + 11)
        body = BODY.format(
            title=spec.title,
            photo="photo2.jpg",
            volunteers=spec.volunteers if spec.volunteers is not None else "—",
            served=spec.served if spec.served is not None else "—",
        )
        (folder / "index.md").write_text(_front_matter(spec) + "\n" + body, encoding="utf-8")
    return SPECS
