"""Field rules of the case format: front matter values to a ``Case``.

The values are read by ``readers.py`` (one value of a kind at a time); here are the
rules of each field and those across fields (required keys, the id, nested blocks,
status and review, cities, aliases). Every rule reports into the case's diagnostics and
goes on, so that one run shows every problem of every case.
"""

from __future__ import annotations

import re
import unicodedata

from ..han import has_han
from ..options import yaml_text
from ..simplified import simplified, traditional_at
from .fields import FORM_ONLY, NESTED_KEYS, REQUIRED, STATUS_WORDS, TOP_KEYS, field
from .model import Organization, Region, Review, Status
from .placeholders import MARKER
from .places import known_cities, place_data, place_stem
from .readers import ValueReader, nearest, unquoted, written_for
from .yamlnodes import shorten

ID_PATTERN = re.compile(rf"[a-z0-9][a-z0-9-]{{{field('id').lo - 1},{field('id').hi - 1}}}")  # the table's 3–64 characters
# How an id is written, for messages: the table's lengths, as the pattern has them.
ID_RULE = f"只能用小写英文字母、数字和减号，以字母或数字开头，{field('id').lo}–{field('id').hi} 个字符"
_ID_YEAR = re.compile(r"(?:^|-)((?:19|20)\d\d)-\d+$")  # gz-yuexiu-2024-001: the year before the number

_PARENT_OF = {child: parent for parent, children in NESTED_KEYS.items() for child in children}
REGISTRATIONS = field("organization", "registration").choices
AREAS = field("area").choices


def id_like(text: str) -> str:
    """A well-formed id close to ``text``: pinyin for Chinese, lower case, hyphens. Letters,
    digits and hyphens typed full width (a Chinese input method's ｃｄ－２０２１) are read as
    themselves: they were dropped, and a published id retyped so was told an id without them."""
    text = unicodedata.normalize("NFKC", text)
    if has_han(text):
        try:
            from pypinyin import lazy_pinyin

            text = "".join(lazy_pinyin(text))
        except ImportError:  # pragma: no cover - pypinyin is a dependency
            pass
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[: field("id").hi].strip("-")


def _id_mistake(raw: str) -> str:
    """What is wrong with an id, when it is one slip a worker can see: letters or digits typed
    with a Chinese input method's full width (ｇｚ-tianhe: it looks right, and was said only
    不合规则), or capital letters."""
    folded = unicodedata.normalize("NFKC", raw)
    if folded != raw and ID_PATTERN.fullmatch(folded.lower()):
        return "里有全角的字母、数字或减号（中文输入法打出来的，看起来一样），请切换到英文输入法重新输入"
    if ID_PATTERN.fullmatch(raw.lower()):
        return "里有大写字母，编号只用小写"
    return "不合规则"


def _key_named(key: object) -> str:
    """A field name as a message shows it; a space before or after it, invisible in the
    file, is named ("id " read as id left 未知字段 id … 是不是 id？)."""
    text = "null" if key is None else yaml_text(key)  # a key written null (or ~) reads as None
    if text != text.strip():
        return f"“{text}”（字段名前后多了空格）"
    return shorten(text)


class CaseBuilder(ValueReader):
    """Turns one located front matter into a Case: the rules of each field and across fields."""

    def build(self) -> None:
        c = self.case
        c.lines = dict(self.fm.lines)
        self.check_keys()
        self.check_required()
        self.check_id()
        c.title = self._text(("title",), field("title").label, required=field("title").required, **field("title").bounds()) or ""
        c.summary = self._text(("summary",), field("summary").label, required=field("summary").required, **field("summary").bounds()) or ""
        c.themes = self._terms("themes", self.tax.themes, required=field("themes").required, **field("themes").bounds())
        c.organization = self.organization()
        c.region = self.region()
        c.area = self._choice(("area",), field("area").label, AREAS)
        c.date = self._date(("date",), field("date").label, required=field("date").required)
        c.end_date = self._date(("end_date",), field("end_date").label, required=field("end_date").required)
        if c.date and c.end_date and c.end_date < c.date:
            self.d.error(
                self.line("end_date"), "end-before-start", f"结束日期 {c.end_date} 早于开始日期 {c.date}。", "检查两个日期是否写反。"
            )
        c.status = self.status()
        self.check_date_in_future()
        self.check_id_year()
        c.review = self.review()
        c.withdrawn_reason = (
            self._text(
                ("withdrawn_reason",),
                field("withdrawn_reason").label,
                required=field("withdrawn_reason").required,
                **field("withdrawn_reason").bounds(),
            )
            or ""
        )
        if c.withdrawn_reason and c.status is Status.PUBLISHED:  # published again by hand (an editor's trial)
            self.d.warning(
                self.line("withdrawn_reason"),
                "withdrawn-reason-left",
                "这个案例已发布，却还写着撤回原因 withdrawn_reason：它是撤回时用的，重新发布后留着会让人以为案例仍被撤回。",
                "删掉 withdrawn_reason 这一行。重新发布撤回的案例可以用 showcase approve 案例 --reviewer 单位 --republish，它会一并删掉。",
            )
        c.brands = self._terms(
            "brands", self.tax.brands, lo=field("brands").lo, hi=len(self.tax.brands) or 1, required=field("brands").required
        )
        c.beneficiaries = self._strings("beneficiaries", field("beneficiaries"))
        c.tags = self._strings("tags", field("tags"))
        c.volunteers = self._count("volunteers", field("volunteers").label)
        c.served = self._count("served", field("served").label)
        cover = self.get("cover")
        if cover is not None:
            if isinstance(cover, str) and cover.strip():
                c.cover = cover.strip()
            else:
                self.d.error(self.line("cover"), "bad-type", f"cover（{field('cover').label}）应是图片文件名。", "例如 cover: photo1.jpg")
        featured = self.get("featured")
        if featured is not None and not isinstance(featured, bool):
            self.d.error(
                self.line("featured"),
                "bad-type",
                f"featured（{field('featured').label}）只能是 true 或 false，现在是“{shorten(featured)}”。",
                "写 featured: true 或删掉这一行。",
            )
        c.featured = featured is True
        c.aliases = self.aliases()

    def check_id_year(self) -> None:
        """A case not yet public whose id says another year than its date: the id is the
        address for good once published. ``showcase new`` took today's year when a trial's
        date was refused; the date was put right later and the id kept 2026."""
        c = self.case
        found = _ID_YEAR.search(c.id or "")
        if not found or not c.date or c.status not in (Status.DRAFT, Status.REVIEW) or int(found.group(1)) == c.date.year:
            return
        year = found.group(1)
        self.d.warning(
            self.line("id"),
            "id-year",
            f"编号 {c.id} 里的年份是 {year}，开展时间 {c.date} 是 {c.date.year} 年。",
            f"编号发布后就是网址，不能再改：发布前把编号里的 {year} 改成 {c.date.year}（文件夹名也一起改）；年份本来就对时，改开展时间。",
        )

    def check_keys(self) -> None:
        for key in self.data:
            if key in _PARENT_OF:
                self._misplaced(key, _PARENT_OF[key])
            elif key in FORM_ONLY:
                self.d.error(
                    self.line(key),
                    "contact-person",
                    f"{key}（{FORM_ONLY[key]}）只给审核的编辑看，不能写进案例文件：案例文件夹和网站都是公开的。",
                    "删掉这一行。组织的联系人和电话填在申报表里，不会发布。",
                )
            elif key not in TOP_KEYS:
                guess = nearest(yaml_text(key).strip(), TOP_KEYS)
                self.d.warning(
                    self.line(key),
                    "unknown-key",
                    f"未知字段 {_key_named(key)}，将被忽略。" + (f"是不是 {guess}？" if guess else ""),
                    f"改成 {guess}: …" if guess else "对照投稿模板检查字段名，或删掉这一行。",
                )
        for parent, children in NESTED_KEYS.items():
            value = self.data.get(parent)
            if value is None:
                continue
            if not isinstance(value, dict):
                self.d.error(
                    self.line(parent),
                    "bad-type",
                    f"{parent} 下面应是几个字段，例如 {children[0]}。",
                    f"写成 {parent}: 换行后缩进两格写 {children[0]}: …",
                )
                continue
            for key in value:
                if key not in children:
                    guess = nearest(yaml_text(key).strip(), children)
                    self.d.warning(
                        self.line(parent, key),
                        "unknown-key",
                        f"未知字段 {parent}.{_key_named(key)}，将被忽略。" + (f"是不是 {guess}？" if guess else ""),
                        f"{parent} 下可写：{'、'.join(children)}。",
                    )

    def _misplaced(self, key: str, parent: str) -> None:
        """``reviewer:`` at the top level: it belongs under ``review:``, indented by two spaces."""
        misplaced = [k for k in self.data if _PARENT_OF.get(k) == parent]
        layout = "".join(f"\n          {k}: {shorten(self.fm.raw.get((k,), self.data[k]))}" for k in misplaced)
        there = "已有的" if isinstance(self.data.get(parent), dict) else ""
        self.d.warning(
            self.line(key),
            "unknown-key",
            f"{key} 写在了最外层，没有缩进，将被忽略。它应写在 {parent}: 下面。",
            f"在 {key} 前面加两个空格（缩进两格），放到{there} {parent}: 那一行的下面，像这样：\n        {parent}:{layout}",
        )

    def check_required(self) -> None:
        """Several missing keys make one message: a half-empty file is one problem."""
        # a key written another way (Title:, titel:, as Word capitalises a line's first letter)
        # is said on its own line by ``_missing``: two such were one message at line 1 that
        # asked to add fields the file had (a writer's trial)
        missing = [
            k
            for k in REQUIRED
            if self.data.get(k) is None
            and (k,) not in self.fm.invalid
            and (k,) not in self.fm.lines
            and not any(written_for(key, k) for key in self.data)
        ]
        if len(missing) < 2:
            return
        self.reported.update((k,) for k in missing)
        self.d.error(
            self.fm.default_line,
            "missing-key",
            f"缺少必填字段：{'、'.join(missing)}。",
            "请对照投稿模板补上这些字段，每个字段一行，写成 字段名: 值。",
        )

    def check_id(self) -> None:
        value = self.get("id")
        if value is None:
            self._missing(("id",), field("id").label)
            return
        if isinstance(value, (list, dict)):
            self.d.error(
                self.line("id"),
                "bad-id",
                f"编号 id 应是一串字母、数字和减号，现在是{'列表' if isinstance(value, list) else '几个字段'}。",
                "写成 id: gz-yuexiu-2023-001 这样，不要加方括号或换行缩进。",
            )
            return
        raw = self.fm.raw.get(("id",), yaml_text(value)).strip()
        if ID_PATTERN.fullmatch(raw):
            self.case.id = raw
            return
        inner = unquoted(raw)
        if inner is not None and ID_PATTERN.fullmatch(inner):  # id: “gz-yuexiu-2024-001”
            self.d.error(
                self.line("id"),
                "bad-id",
                f"编号 id 两边加了中文引号：{shorten(raw)}。",
                f"去掉两边的中文引号，写成 id: {inner}。编号会成为网址，只能用小写英文字母、数字和减号。",
            )
            return
        suggestion = id_like(raw)
        hint = ID_RULE
        if ID_PATTERN.fullmatch(suggestion):
            hint += f"，例如 {suggestion}"
        self.d.error(self.line("id"), "bad-id", f"编号 id“{shorten(raw)}”{_id_mistake(raw)}。", hint + "。编号会成为网址，发布后不能再改。")

    def organization(self) -> Organization:
        org = Organization()
        if self.get("organization") is None:
            if field("organization").required:
                self._missing(("organization",), field("organization").label)
            return org
        if not isinstance(self.get("organization"), dict):
            return org  # reported by check_keys
        org.name = (
            self._text(
                ("organization", "name"),
                field("organization", "name").label,
                required=field("organization", "name").required,
                **field("organization", "name").bounds(),
            )
            or ""
        )
        category = self.get("organization", "category")
        if category is None:
            if field("organization", "category").required:
                self._missing(("organization", "category"), field("organization", "category").label)
        else:
            org.category = self._term(yaml_text(category), self.tax.categories, ("organization", "category"))
        org.registration = self._choice(("organization", "registration"), field("organization", "registration").label, REGISTRATIONS)
        return org

    def region(self) -> Region:
        region = Region()
        if self.get("region") is None:
            if field("region").required:
                self._missing(("region",), field("region").label)
            return region
        if not isinstance(self.get("region"), dict):
            return region
        province = self.get("region", "province")
        if province is None:
            if field("region", "province").required:
                self._missing(("region", "province"), field("region", "province").label)
        else:
            region.province = self._term(yaml_text(province), self.tax.provinces, ("region", "province"))
        for part in ("city", "county", "street", "community"):
            place = field("region", part)
            setattr(region, part, self._text(("region", part), place.label, required=place.required, **place.bounds()))
        traditional = self._traditional_places(region)
        if region.province is not None and region.city and "city" not in traditional:
            region.city = self._city(region.province.name, region.city, region.county)
            if region.city == region.province.name:
                # A municipality, whose city is itself: written out or left empty (as new and import
                # leave it), it is one place. A department's trial: 北京市 184 cases, its one city
                # link 北京市 180, and the 4 with no city on no city page.
                region.city = None
        return region

    def _traditional_places(self, region: Region) -> set[str]:
        """A warning on each part of the region written in Traditional characters (越秀區): the
        site lists places as written, so 越秀區 and 越秀区 were two counties, two pages, and
        ``showcase new`` made the id gz-yuexiuqu-… of it (a worker's trial). The parts read
        once together, nearly always unchanged."""
        written = [(part, value) for part in ("city", "county", "street", "community") if (value := getattr(region, part))]
        if not written or simplified("\n".join(value for _, value in written)) is None:
            return set()
        found = set()
        for part, value in written:
            plain = simplified(value)
            if plain is not None and traditional_at(value, plain):
                found.add(part)
                self.d.warning(
                    self.line("region", part),
                    "traditional-place",
                    f"{field('region', part).form or field('region', part).label}写的是繁体字“{shorten(value)}”：网站用简体字，它和写“{shorten(plain)}”的案例会分成两个地方，各有一个页面。",
                    f"改成 {part}: {plain}。",
                )
        return found

    def _city(self, province: str, city: str, county: str | None = None) -> str:
        """A known city by its full name (长沙 -> 长沙市); an unknown one as written, maybe with a did-you-mean."""
        if MARKER in city:  # a template's words still (the placeholder check says so): no advice on them (a second trial)
            return city
        cities = known_cities()
        full = cities.canonical(province, city)
        if full is not None:
            return full
        guess = cities.suggest(province, city)
        # The import's stand-in province (北京市 #【请填写】, the form's 省份 left empty) is not
        # the province: "删掉 city 这一行" there deleted the one place the material gave (广州).
        stand_in = MARKER in self.fm.written(self.line("region", "province"))
        if guess is None and province in place_data()["municipalities"] and not stand_in:
            # 朝阳 written as Beijing's city took /regions/beijing/chaoyang/, 朝阳区's published
            # page, with no word (a URL audit): a municipality's districts are its counties
            meant = city if city.endswith(("区", "县")) else f"{city}区"
            if county:  # the county already written: only the city line goes (it said 写在 county 下 beside county: 朝阳区)
                hint = f"删掉 city 这一行就行，区县已经写在 county 下了（county: {shorten(county)}）。"
            elif city.removeprefix(province) in place_data()["statistical_cities"]:  # 市辖区: the code tables' line, no county's name
                hint = f"“{shorten(city)}”是统计表里的写法，不是区县的名字：删掉 city 这一行，把区县的名字写在 county 下，例如 county: 朝阳区。"
            else:
                hint = f"“{shorten(city)}”是区县的话，把 city 这一行改成 county: {shorten(meant)}。"
            self.d.warning(
                self.line("region", "city"),
                "unknown-city",
                f"{province}是直辖市，下面直接是区县，不分城市；region.city（{field('region', 'city').label}）写的“{shorten(city)}”"
                "会被当成另一个城市，单独有一个城市页。",
                hint,
            )
        if guess is not None:
            self.d.warning(
                self.line("region", "city"),
                "unknown-city",
                f"region.city（{field('region', 'city').label}）“{shorten(city)}”不在{province}的城市名单里。是不是“{guess}”？",
                f"是的话改成 city: {guess}；区县请写在 county 下。名称确实没有写错的话，可以不改。",
            )
        elif not stand_in and province not in place_data()["municipalities"]:
            # a known city of another province: `showcase new --province 湖南省 --city 广州市` made
            # a case listed on 湖南省's pages under 广州市, unsaid (a review)
            homes = sorted(other for other, known in cities.provinces.items() if other != province and city.strip() in known.names)
            # 海南 in 海南省 is the province's own name, not 青海省's 海南藏族自治州 (a review)
            own = city.strip() in (province, place_stem(province, place_data()["province_suffixes"]))
            if len(homes) == 1 and not own:
                full = cities.canonical(homes[0], city)
                self.d.warning(
                    self.line("region", "city"),
                    "unknown-city",
                    f"region.city（{field('region', 'city').label}）“{shorten(city)}”是{homes[0]}的城市，不在{province}："
                    f"案例会列在{province}的页面上、一个叫“{shorten(city)}”的城市下面。",
                    f"省份写错了的话改成 province: {homes[0]}（city: {full}）；城市写错了就改 city。",
                )
        return city

    def status(self) -> Status | None:
        value = self.get("status")
        if value is None:
            self._missing(("status",), field("status").label)
            return None
        text = yaml_text(value).strip()
        try:
            return Status(text)
        except ValueError:
            inner = unquoted(text)
            if inner is not None and inner.strip() in {s.value for s in Status}:  # status: “draft”
                self.d.error(
                    self.line("status"),
                    "bad-status",
                    f"状态 status 两边加了中文引号：{shorten(text)}。",
                    f"去掉两边的中文引号，写成 status: {inner.strip()}。",
                )
                return None
            folded = unicodedata.normalize("NFKC", text).lower()  # ｐｕｂｌｉｓｈｅｄ, Published
            said = STATUS_WORDS.get(text)
            guess = said or nearest(folded, [s.value for s in Status])
            hint = f"只能写 {Status.choices('或')}。"
            if said in (Status.PUBLISHED.value, Status.WITHDRAWN.value):  # status: 发布, written by a worker who means it
                # not “是不是 published？” beside a hint saying workers never write it (helper msgH)
                guess = ""
                hint += (
                    f"写案例的人只写 draft 或 review：写好了要发布的，写 status: review（{Status.REVIEW.label}），"
                    "由审核单位审核后运行 showcase approve 发布；撤回也由审核单位运行 showcase withdraw，不用手写。"
                )
            self.d.error(
                self.line("status"),
                "bad-status",
                f"状态 status“{shorten(text)}”无效。" + (f"是不是 {guess}？" if guess else ""),
                hint,
            )
            return None

    def check_date_in_future(self) -> None:
        """A practice's date after today: most likely a year typed wrong (2027 for 2023), as
        an editor's trial merged, silent, into a published case. A warning whatever the
        status: the case format asks only for a date (``review.approved`` alone is "not in
        the future"), and a case written to it is accepted; the warning is shown beside the
        line in the pull request."""
        c = self.case
        if c.date is None or c.date <= self.today:
            return
        self.d.warning(
            self.line("date"),
            "date-in-future",
            f"开展时间 date 写的是 {c.date}，这一天还没到（今天是 {self.today}）。",
            "date 写活动实际开展（开始）的日期：看看是不是年份打错了（例如把 2023 写成了 2027）。"
            "活动还在进行、有计划结束日期的，结束日期写在 end_date。",
        )

    def review(self) -> Review:
        review = Review()
        needed = self.case.status is not None and self.case.status.is_public
        if self.get("review") is None:
            if needed:
                self.d.error(
                    self.line("status"),
                    "review-required",
                    f"状态是 {self.case.status.value if self.case.status else ''} 的案例必须有审核信息 review。",
                    "加上 review: 换行缩进写 reviewer: 审核单位 和 approved: 审核日期。",
                )
            return review
        if not isinstance(self.get("review"), dict):
            return review
        review.reviewer = (
            self._text(("review", "reviewer"), field("review", "reviewer").label, required=needed, **field("review", "reviewer").bounds())
            or ""
        )
        review.approved = self._date(("review", "approved"), field("review", "approved").label, required=needed)
        if review.approved and review.approved > self.today:
            self.d.error(
                self.line("review", "approved"), "approved-in-future", f"审核日期 {review.approved} 还没到。", "填写实际通过审核的日期。"
            )
        elif (
            review.approved and self.case.date and review.approved < self.case.date <= self.today
        ):  # (a date to come: date-in-future says it)
            # showcase approve refuses it; a status written by hand passed (an editor's trial). A
            # reminder: the case format asks only that it is not in the future. It is the date a
            # citation gives as the case's publication's.
            self.d.warning(
                self.line("review", "approved"),
                "approved-before-date",
                f"审核日期 {review.approved} 早于活动的开展时间 {self.case.date}：案例要在活动开展以后才能审核发布。",
                "看看是不是哪个日期的年份或月份写错了：审核日期写实际通过审核的那一天，date 写活动开始的那一天。引用这个案例时，审核日期就是它的发布日期。",
            )
        return review

    def aliases(self) -> list[str]:
        result = []
        items = self._list("aliases", field("aliases").label) or []
        for index, item in self._split_items("aliases", field("aliases").label, items):
            split = item is not items[index]  # a part of an item written with a Chinese comma
            raw = str(item).strip() if split else self.fm.raw.get(("aliases", index), str(item)).strip()
            # an old address copied whole (/cases/gz-…/ or the site's URL): its id alone is meant (an editor's trial)
            address = re.fullmatch(r"(?:https?://[^\s]*?)?/?cases/(?P<id>[^/\s]+)/?(?:embed/?)?", raw)
            if address and ID_PATTERN.fullmatch(address["id"]):
                self.d.error(
                    self.line("aliases", index),
                    "bad-id",
                    f"旧编号“{shorten(raw)}”写成了网址。",
                    f"aliases 里只写旧编号本身：{address['id']}（不要 /cases/ 和前后的斜线）。",
                )
            elif not ID_PATTERN.fullmatch(raw):
                self.d.error(
                    self.line("aliases", index),
                    "bad-id",
                    f"旧编号“{shorten(raw)}”{_id_mistake(raw)}。",
                    f"{ID_RULE}。",
                )
            elif raw == self.case.id:
                self.d.error(
                    self.line("aliases", index),
                    "alias-is-id",
                    f"旧编号“{raw}”和本案例的 id 相同。",
                    "aliases 只写以前用过、现在不用的编号。",
                )
            else:
                result.append(raw)
        return result
