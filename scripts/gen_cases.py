"""Generate a synthetic collection of valid cases for benchmarks and tests.

    python scripts/gen_cases.py OUT_DIR N [--seed S] [--drafts RATIO]

Each case is a folder ``OUT_DIR/<province>/<id>/index.md`` written to the case format
(contract version 1): varied Chinese text of about 2,000 characters built from phrase
pools, all six themes, four categories, many provinces, cities and counties, urban and
rural, the four activity series. The same ``(n, seed)`` always gives the same files.
No photos: the scale and search benchmarks measure text; photos are measured apart.

Used by ``scripts/bench_search.py`` and (issue 8) ``scripts/bench.py``; import
``generate(root, n, seed)``.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

# Province -> city -> counties. Short codes give readable ids.
PLACES: dict[str, dict[str, list[str]]] = {
    "广东省": {
        "广州市": ["越秀区", "海珠区", "天河区", "白云区", "番禺区", "从化区"],
        "深圳市": ["福田区", "南山区", "龙岗区", "宝安区"],
        "佛山市": ["顺德区", "南海区", "禅城区"],
        "梅州市": ["梅县区", "兴宁市", "大埔县"],
        "清远市": ["英德市", "连州市", "佛冈县"],
    },
    "四川省": {
        "成都市": ["武侯区", "锦江区", "郫都区", "双流区"],
        "绵阳市": ["涪城区", "游仙区", "江油市"],
        "南充市": ["阆中市", "顺庆区", "南部县"],
        "宜宾市": ["翠屏区", "叙州区"],
    },
    "浙江省": {
        "杭州市": ["西湖区", "拱墅区", "余杭区", "桐庐县"],
        "宁波市": ["海曙区", "鄞州区", "象山县"],
        "温州市": ["鹿城区", "瑞安市", "永嘉县"],
    },
    "江苏省": {
        "南京市": ["玄武区", "鼓楼区", "江宁区"],
        "苏州市": ["姑苏区", "吴江区", "昆山市"],
        "徐州市": ["云龙区", "沛县", "邳州市"],
    },
    "山东省": {
        "济南市": ["历下区", "章丘区", "平阴县"],
        "青岛市": ["市南区", "黄岛区", "即墨区"],
        "临沂市": ["兰山区", "沂南县", "费县"],
    },
    "湖南省": {
        "长沙市": ["岳麓区", "开福区", "浏阳市"],
        "湘西土家族苗族自治州": ["吉首市", "凤凰县", "花垣县"],
    },
    "北京市": {"北京市": ["东城区", "西城区", "朝阳区", "海淀区", "延庆区"]},
    "上海市": {"上海市": ["黄浦区", "徐汇区", "浦东新区", "崇明区"]},
    "河南省": {
        "郑州市": ["金水区", "中原区", "新郑市"],
        "洛阳市": ["老城区", "栾川县", "孟津区"],
    },
    "云南省": {
        "昆明市": ["五华区", "盘龙区", "宜良县"],
        "大理白族自治州": ["大理市", "洱源县", "剑川县"],
    },
    "黑龙江省": {"哈尔滨市": ["南岗区", "道里区", "五常市"], "齐齐哈尔市": ["龙沙区", "讷河市"]},
    "广西壮族自治区": {"南宁市": ["青秀区", "武鸣区", "横州市"], "桂林市": ["秀峰区", "阳朔县", "龙胜各族自治县"]},
}
CODES = "abcdefghjkmnpqrstwxyz"

STREET_ROOTS = list("东西南北中新老前后上下") + [
    "朝阳",
    "解放",
    "人民",
    "和平",
    "建设",
    "长安",
    "滨江",
    "河东",
    "桥西",
    "青山",
    "松林",
    "花园",
]
RURAL_ENDS = ["镇", "镇", "乡"]
COMMUNITY_ROOTS = [
    "幸福",
    "和谐",
    "阳光",
    "康乐",
    "翠竹",
    "金桂",
    "梧桐",
    "石桥",
    "柳堤",
    "杏花",
    "红星",
    "向阳",
    "富民",
    "龙泉",
    "长青",
    "新村",
]
COMMUNITY_ENDS_CITY = ["社区", "社区", "小区"]
COMMUNITY_ENDS_RURAL = ["村", "村", "社区"]

# Organization kinds: name ending, category, themes they usually serve, beneficiaries.
ORG_KINDS = [
    ("老年人协会", "社区事务类", ["便民服务", "新风正气"], ["空巢老人", "高龄老人", "独居老人"]),
    ("志愿服务队", "公益慈善类", ["便民服务", "社区治理"], ["空巢老人", "困境儿童", "残疾人"]),
    ("邻里互助会", "生活服务类", ["便民服务", "服务阵地"], ["空巢老人", "双职工家庭", "新市民"]),
    ("红白理事会", "社区事务类", ["新风正气", "凝心铸魂"], ["村民", "居民"]),
    ("广场舞队", "文体活动类", ["精神文化", "新风正气"], ["中老年居民", "妇女"]),
    ("读书会", "文体活动类", ["凝心铸魂", "精神文化"], ["青少年", "居民"]),
    ("人民调解委员会", "社区事务类", ["社区治理", "新风正气"], ["居民", "外来务工人员"]),
    ("平安巡逻队", "社区事务类", ["社区治理"], ["居民", "商户"]),
    ("妇女儿童之家", "生活服务类", ["便民服务", "精神文化"], ["留守儿童", "困境儿童", "妇女"]),
    ("书画社", "文体活动类", ["精神文化", "凝心铸魂"], ["青少年", "退休职工"]),
    ("乡贤理事会", "社区事务类", ["社区治理", "新风正气", "凝心铸魂"], ["村民", "返乡青年"]),
    ("慈善基金会", "公益慈善类", ["便民服务", "服务阵地"], ["低保家庭", "残疾人", "困境儿童"]),
    ("社会组织服务中心", "生活服务类", ["服务阵地", "社区治理"], ["社区社会组织", "居民"]),
    ("理论宣讲团", "社区事务类", ["凝心铸魂"], ["党员", "居民", "青少年"]),
    ("家政服务合作社", "生活服务类", ["便民服务"], ["双职工家庭", "高龄老人"]),
    ("应急救援志愿队", "公益慈善类", ["社区治理", "便民服务"], ["居民", "学生"]),
    ("粤剧曲艺社", "文体活动类", ["精神文化"], ["中老年居民", "青少年"]),
    ("环保志愿者协会", "公益慈善类", ["新风正气", "服务阵地"], ["居民", "学生"]),
]
PROJECT_HEADS = [
    "银龄",
    "暖心",
    "邻里",
    "同心",
    "红棉",
    "春风",
    "微光",
    "益起",
    "乐龄",
    "童心",
    "书香",
    "平安",
    "连心",
    "善美",
    "和美",
    "向阳",
]
PROJECT_TAILS = ["互助", "守望", "课堂", "驿站", "行动", "计划", "工坊", "夜校", "议事厅", "食堂", "书屋", "服务队", "讲堂", "家园"]
TITLE_VERBS = ["守望", "服务", "陪伴", "温暖", "关爱", "助力", "凝聚", "点亮"]
TAGS = ["结对帮扶", "助餐", "议事协商", "移风易俗", "文艺汇演", "志愿服务", "积分超市", "时间银行", "普法", "应急演练", "读书", "非遗"]
BRANDS = ["邻里守望", "共建共治共享", "共创平安", "文化铸魂"]

ACTIVITIES = {
    "凝心铸魂": [
        "开展理论宣讲进小区",
        "举办红色故事会",
        "组织党史主题读书会",
        "编排快板和三句半宣讲政策",
        "在院坝开设“板凳课堂”",
        "举办新思想学习分享会",
    ],
    "新风正气": [
        "推行婚事新办、丧事简办",
        "评选“好婆婆”“好媳妇”和身边好人",
        "修订村规民约",
        "倡导光盘行动和垃圾分类",
        "开展文明餐桌劝导",
        "设立移风易俗红黑榜",
    ],
    "精神文化": [
        "组织广场舞展演",
        "放映公益电影",
        "举办传统节日民俗活动",
        "开展科普和法治宣传",
        "举办邻里文化节",
        "开设书法、剪纸和曲艺兴趣班",
    ],
    "便民服务": [
        "开办长者饭堂助餐送餐",
        "提供上门探访和陪同就医",
        "设立“四点半课堂”托管学童",
        "开展养老服务和家庭照护培训",
        "组织义诊和健康讲座",
        "建立邻里互助时间银行",
    ],
    "社区治理": [
        "调解邻里矛盾纠纷",
        "开展夜间治安巡逻",
        "组织居民议事协商",
        "协助社区矫正对象回归社会",
        "开展防灾减灾演练",
        "排查消防和燃气安全隐患",
    ],
    "服务阵地": [
        "建好新时代文明实践站",
        "孵化培育社区社会组织",
        "把闲置用房改造成邻里中心",
        "统筹场地开展项目路演",
        "建立志愿服务积分超市",
        "打造一刻钟便民服务圈",
    ],
}
PROBLEMS = [
    "子女多在外地工作，老人们最常说的难处是买菜难、看病难、没人说话",
    "辖区老旧小区多，加装电梯、停车和噪声纠纷时有发生",
    "外来人口流动性大，邻里之间彼此陌生，参与公共事务的热情不高",
    "村里红白喜事攀比之风盛行，一场酒席动辄花费数万元",
    "青少年课后无处可去，双职工家庭接送孩子压力很大",
    "群众文化活动场地不足，活动内容单一，年轻人参与少",
    "社区社会组织数量不少，但规模小、能力弱，缺少资源和专业指导",
    "独居老人和残疾人等群体遇到突发情况时难以及时获得帮助",
    "农村留守老人和留守儿童较多，日常照料和精神慰藉缺口明显",
    "防汛防台任务重，部分居民安全意识淡薄、应急技能欠缺",
]
METHODS = [
    "以{community}为试点，按楼栋划分{n1}个服务小组，每组由一名组长带领五六名志愿者",
    "建立“一户一档”需求清单，把服务对象分为日常关注、重点关注和紧急关注三级",
    "与辖区卫生服务中心、学校和物业企业签订共建协议，整合场地、人员和经费",
    "每月召开一次居民议事会，把群众提出的问题列成清单，逐项认领、限时办结",
    "制定志愿服务积分办法，积分可在爱心超市兑换生活用品，激励更多居民参与",
    "聘请专业社工和律师担任顾问，定期为骨干成员开展培训和督导",
    "利用微信群和社区公告栏及时发布活动信息，线上报名、线下服务",
    "把活动开到田间地头和小区广场，用群众听得懂的方言讲政策、讲道理",
    "为志愿者购买意外保险，明确“能帮的帮，帮不了的及时上报”的工作规则",
    "设立公益微基金，接受辖区企业和爱心人士捐赠，账目每季度向居民公开",
    "组织低龄老人结对帮扶高龄老人，形成“今天我帮你，明天你帮他”的互助链条",
    "邀请驻区单位党员认领服务岗位，推动在职党员回社区报到服务",
]
RESULTS = [
    "累计开展活动{n2}场，服务群众{served}人次，参与志愿者{volunteers}人",
    "辖区矛盾纠纷调解成功率达到{pct}%，群众满意度明显提升",
    "项目先后被{level}评为优秀志愿服务项目，经验做法在全{unit}推广",
    "带动新成立社区社会组织{n1}家，形成多方参与的服务格局",
    "受助群众中有不少人后来也加入了志愿者队伍，成为服务的提供者",
    "红白喜事平均花费下降约四成，文明新风在{community}蔚然成风",
    "活动参与者从最初的几十人发展到如今的数百人，年轻面孔越来越多",
    "居民对社区的认同感和归属感明显增强，邻里关系更加融洽",
]
LESSONS = [
    "用好熟人社会，邻里之间知根知底，服务更容易建立信任",
    "坚持党建引领，把社区社会组织的活力转化为基层治理的效能",
    "从群众最关心最直接最现实的问题入手，小切口做出大文章",
    "注重培育骨干和建立制度，项目才能从“靠热情”走向“靠机制”",
    "整合政府、市场和社会多方资源，形成共建共治共享的合力",
    "把安全放在前面，保险、培训和上报机制缺一不可",
    "尊重群众的首创精神，让居民从旁观者变成参与者、受益者",
    "善用新时代文明实践站点等阵地，让活动有场所、服务有依托",
]
CONNECTIVES = ["同时，", "此外，", "在此基础上，", "与此相适应，", "为巩固成效，", "针对这一情况，", "实践中，", "", "", ""]
FILLERS = [
    "{org}负责人说：“群众的事再小也是大事，我们多跑一步，老百姓就少操一份心。”",
    "一位参与活动的居民感慨：“以前住了十几年都不认识对门，现在大家像一家人。”",
    "街道和民政部门给予场地和经费支持，社会工作服务站提供专业指导",
    "{year}年以来，该项目连续获得当地社区社会组织公益创投资助",
    "活动坚持每周固定时间开展，风雨无阻，已经成为{community}居民的生活习惯",
    "新时代文明实践站为活动提供了固定场所，桌椅、投影和茶水一应俱全",
]
# Small stories, combined from parts, so that no two cases read alike.
SURNAMES = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃"
)
PERSON_TITLES = ["阿姨", "大爷", "奶奶", "爷爷", "师傅", "大姐", "老师", "书记", "婶婶", "伯伯"]
SITUATIONS = [
    "老伴去世后一直独自生活",
    "患有高血压和糖尿病，行动不便",
    "儿女都在外省打工，一年只回来一次",
    "早年下岗，靠打零工供孩子读书",
    "腿脚不好，很少下楼",
    "是小区里有名的热心肠",
    "退休前是中学语文教师",
    "在村里当了二十多年赤脚医生",
    "家里有一个读小学的孙子要照看",
    "刚从外地搬来，人生地不熟",
    "以前总觉得社区的事与自己无关",
    "年轻时是剧团的演员",
]
TURNS = [
    "接受了志愿者每周两次的上门服务，买菜、打扫、陪聊天都有人帮忙",
    "在议事会上提出了楼道堆物的问题",
    "报名参加了协会组织的急救培训",
    "被邀请到宣讲台上讲自己的故事",
    "在调解员的耐心劝说下和邻居握手言和",
    "主动认领了每周三下午的值班岗位",
    "带着孙子参加了周末的亲子阅读",
    "把自家的小院借出来当活动点",
    "通过时间银行兑换了上门理发服务",
    "跟着舞蹈队排练了三个月",
]
CHANGES = [
    "脸上的笑容多了，逢人就夸志愿者贴心",
    "如今成了小组里最积极的骨干",
    "说自己“退休不退岗，还能为大家做点事”",
    "家里人也放心了许多，专门写来感谢信",
    "还带动了同楼的五六位邻居一起参加",
    "精神头比以前好多了，每天准时到活动室报到",
    "渐渐融入了社区，认识了不少新朋友",
    "第二年当选了楼栋长",
]
EVENTS = [
    "{month}月的一个雨夜，{person}家中突发停电，巡逻队员十分钟内赶到帮忙排查线路",
    "{month}月，协会联合辖区医院开展义诊，为{n1}0多位老人测量血压、血糖",
    "{month}月正值传统节日，志愿者和居民一起包粽子、写春联，把祝福送到{n1}户困难家庭",
    "{month}月，{community}召开第{n1}次居民议事会，围绕停车难和加装电梯达成共识",
    "{month}月台风过境前，应急志愿者挨家挨户通知转移，协助{n1}0余位群众安全撤离",
    "{month}月，协会邀请{level}的专家开展专题培训，{n2}名骨干参加",
    "{month}月起，每周五晚上在文化广场放映公益电影，平均每场观众{n2}人",
    "{month}月，红白理事会为{n1}对新人操办集体婚礼，每对节省费用约两万元",
]


LONG_DEFAULT = (1800, 2300)


def _pick(rng: random.Random, items: list, k: int) -> list:
    return rng.sample(items, min(k, len(items)))


def _fill(text: str, ctx: dict) -> str:
    return text.format(**ctx)


def _case(i: int, rng: random.Random, *, status: str, length: tuple[int, int] = LONG_DEFAULT) -> tuple[str, str, str]:
    """(province, id, file text) of the i-th case."""
    province = rng.choice(list(PLACES))
    city = rng.choice(list(PLACES[province]))
    county = rng.choice(PLACES[province][city])
    rural = county.endswith("县") or rng.random() < 0.25
    area = "农村" if rural else "城市"
    street = rng.choice(STREET_ROOTS) + (rng.choice(RURAL_ENDS) if rural else "街道")
    community = rng.choice(COMMUNITY_ROOTS) + rng.choice(COMMUNITY_ENDS_RURAL if rural else COMMUNITY_ENDS_CITY)
    kind, category, usual, groups = rng.choice(ORG_KINDS)
    org = f"{county}{street}{kind}" if rng.random() < 0.6 else f"{street}{community}{kind}"
    project = rng.choice(PROJECT_HEADS) + rng.choice(PROJECT_TAILS)
    others = [t for t in ACTIVITIES if t not in usual]
    themes = list(dict.fromkeys(usual[:2] + _pick(rng, others, rng.randint(0, 1))))[:3]
    rng.shuffle(themes)
    beneficiaries = _pick(rng, groups, rng.randint(1, 2))
    start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 6 * 365))
    approved = min(start + timedelta(days=rng.randint(60, 400)), date(2025, 6, 30))
    volunteers = rng.randint(8, 400)
    served = rng.randint(200, 30000)
    ctx = {
        "org": org,
        "community": community,
        "n1": rng.randint(3, 20),
        "n2": rng.randint(20, 600),
        "served": served,
        "volunteers": volunteers,
        "pct": rng.randint(85, 99),
        "level": rng.choice(["市民政局", "区委宣传部", "省文明办", "县志愿服务联合会"]),
        "unit": rng.choice(["市", "区", "县", "省"]),
        "year": start.year,
    }
    acts = [a for t in themes for a in _pick(rng, ACTIVITIES[t], 3)]
    verb = rng.choice(TITLE_VERBS)
    title = f"{street}{kind}“{project}”{verb}{beneficiaries[0]}"
    summary = (
        f"{org}围绕{'、'.join(themes)}，{acts[0]}、{acts[1]}，"
        f"{ctx['n2']}场活动服务{served}人次，探索出一条社区社会组织参与新时代文明实践的新路子。"
    )
    case_id = f"{CODES[i % len(CODES)]}{CODES[(i // len(CODES)) % len(CODES)]}-{start.year}-{i:05d}"
    target = rng.randint(*length)
    short = target < 1200  # fewer, shorter parts to start from, so that the body stays near its target

    used: set[str] = set()

    def sentence(text: str) -> str:
        text = _fill(text, ctx)
        return text if text.endswith(("。", "。”", "！")) else text + "。"

    def para(pool: list[str], k: int) -> str:
        fresh = [s for s in pool if s not in used]
        chosen = _pick(rng, fresh, k)
        used.update(chosen)
        return "".join(rng.choice(CONNECTIVES) + sentence(s) for s in chosen)

    def story() -> str:
        person = rng.choice(SURNAMES) + rng.choice(PERSON_TITLES)
        ctx["person"] = person
        ctx.update(month=rng.randint(1, 12), n1=rng.randint(2, 30), n2=rng.randint(20, 300))
        return (
            f"{community}的{person}今年{rng.randint(35, 92)}岁，{rng.choice(SITUATIONS)}。"
            f"{rng.choice(['去年', '前年', '那年春天', '入秋以后', '项目启动后'])}，{person}{rng.choice(TURNS)}，"
            f"{rng.choice(CHANGES)}。" + sentence(rng.choice(EVENTS))
        )

    intro = (
        f"{community}位于{city}{county}{street}，常住人口约{rng.randint(2, 30)}千人，"
        f"{'以村民为主，青壮年多外出务工' if rural else '老旧小区与新建商品房混杂'}。"
        f"{rng.choice(PROBLEMS)}。{org}成立于{start.year - rng.randint(1, 12)}年，"
        f"现有会员{rng.randint(20, 600)}人，骨干多为退休干部、教师和热心居民。"
    )
    if short:
        sections = {
            "基本情况": [intro],
            "主要做法": ["\n".join(f"- **{a}。** " + para(METHODS, 1) for a in acts[:2])],
            "工作成效": [para(RESULTS, 1)],
            "经验启示": [para(LESSONS, 1)],
        }
    else:
        sections = {
            "基本情况": [intro, para(FILLERS, 2)],
            "主要做法": [
                "\n".join(f"- **{a}。** " + para(METHODS, rng.randint(1, 2)) for a in acts[:5]),
            ],
            "工作成效": [para(RESULTS, 3)],
            "经验启示": [para(LESSONS, 3)],
        }
    size = sum(len(p) for ps in sections.values() for p in ps)
    # Grow to the target length with stories and the rest of the pools, spread over the sections.
    while size < target:
        where = rng.choice(["基本情况", "工作成效", "工作成效", "主要做法"])
        text = story() if rng.random() < 0.5 else para(rng.choice([METHODS, RESULTS, LESSONS]), 1 if short else 2) or story()
        sections[where].append(text)
        size += len(text)
    body = "\n\n".join(f"## {name}\n\n" + "\n\n".join(ps) for name, ps in sections.items())
    brands = _pick(rng, BRANDS, rng.randint(0, 2))
    lines = [
        "---",
        f"id: {case_id}",
        f"title: {title}",
        f"summary: {summary}",
        f"themes: [{', '.join(themes)}]",
        "organization:",
        f"  name: {org}",
        f"  category: {category}",
        f"  registration: {rng.choice(['登记', '备案'])}",
        "region:",
        f"  province: {province}",
        f"  city: {city}",
        f"  county: {county}",
        f"  street: {street}",
        f"  community: {community}",
        f"area: {area}",
        f"date: {start.isoformat()}",
        f"status: {status}",
    ]
    if status in ("published", "withdrawn"):
        lines += ["review:", f"  reviewer: {county}民政局", f"  approved: {approved.isoformat()}"]
    if brands:
        lines.append(f"brands: [{', '.join(brands)}]")
    lines += [
        f"beneficiaries: [{', '.join(beneficiaries)}]",
        f"tags: [{project}, {rng.choice(TAGS)}]",
        f"volunteers: {volunteers}",
        f"served: {served}",
        "---",
        "",
        body,
        "",
    ]
    return province, case_id, "\n".join(lines)


def generate(root: Path | str, n: int, seed: int = 0, *, draft_ratio: float = 0.0, length: tuple[int, int] = LONG_DEFAULT) -> list[Path]:
    """Write ``n`` cases below ``root``; returns the ``index.md`` paths.

    ``draft_ratio`` of them (chosen by the seed) are drafts; the rest are published.
    ``length``: the range each body's target length is drawn from, in characters (the
    default: about 2,000; the benchmark's corpora use about 600 and about 2,500).
    """
    root = Path(root)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        status = "draft" if rng.random() < draft_ratio else "published"
        province, case_id, text = _case(i, rng, status=status, length=length)
        folder = root / province / case_id
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "index.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成虚构的测试案例集（用于性能测试）。")
    parser.add_argument("out", type=Path, help="输出文件夹，例如 /tmp/cases")
    parser.add_argument("n", type=int, help="案例数量")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--drafts", type=float, default=0.0, help="草稿所占比例（0–1）")
    args = parser.parse_args(argv)
    paths = generate(args.out, args.n, args.seed, draft_ratio=args.drafts)
    print(f"已生成 {len(paths)} 个案例：{args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
