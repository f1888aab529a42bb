"""Field rules of the case format: front matter values to a ``Case``.

Every rule reports into the case's diagnostics and goes on, so that one run shows
every problem of every case.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime
from typing import Any

from ..collection.taxonomy import Taxonomy, Vocabulary
from ..diagnostics import DiagnosticList
from .fields import NESTED_KEYS, REQUIRED, TOP_KEYS, field
from .model import Case, Organization, Region, Review, Status
from .places import known_cities
from .yamlnodes import Located, shorten

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{2,63}")
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")
# Markup in a text field: a tag, an end tag, a comment or doctype (<!), a processing instruction (<?).
_HTML = re.compile(r"<\s*(?:[a-zA-Z!?]|/\s*[a-zA-Z])")
_SEPARATOR_NAMES = {"，": "中文逗号“，”", "、": "中文顿号“、”", "；": "中文分号“；”"}

_PARENT_OF = {child: parent for parent, children in NESTED_KEYS.items() for child in children}
# Keys editors write in Chinese out of habit.
CHINESE_KEYS = {
    "标题": "title",
    "名称": "title",
    "摘要": "summary",
    "简介": "summary",
    "主题": "themes",
    "组织": "organization",
    "地区": "region",
    "区域": "region",
    "日期": "date",
    "时间": "date",
    "状态": "status",
    "封面": "cover",
    "标签": "tags",
    "志愿者": "volunteers",
    "服务人次": "served",
    "编号": "id",
    "品牌": "brands",
    "服务对象": "beneficiaries",
    "别名": "aliases",
}
STATUS_WORDS = {
    "草稿": "draft",
    "待审": "review",
    "审核": "review",
    "发布": "published",
    "已发布": "published",
    "撤回": "withdrawn",
    "撤销": "withdrawn",
    "下架": "withdrawn",
}
REGISTRATIONS = field("organization", "registration").choices
AREAS = field("area").choices


def suggest_id(text: str) -> str:
    """A well-formed id close to ``text``: pinyin for Chinese, lower case, hyphens."""
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        try:
            from pypinyin import lazy_pinyin

            text = "".join(lazy_pinyin(text))
        except ImportError:  # pragma: no cover - pypinyin is a dependency
            pass
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64].strip("-")


def _nearest(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    if word in CHINESE_KEYS and CHINESE_KEYS[word] in choices:
        return CHINESE_KEYS[word]
    close = difflib.get_close_matches(word.lower(), choices, n=1, cutoff=0.6)
    return close[0] if close else None


class CaseBuilder:
    """Turns one located front matter into a Case, reporting as it goes."""

    def __init__(self, case: Case, fm: Located, taxonomy: Taxonomy, diags: DiagnosticList, today: date):
        self.case, self.fm, self.tax, self.d, self.today = case, fm, taxonomy, diags, today
        self.data: dict[str, Any] = fm.value
        self.reported: set[tuple[str, ...]] = set()

    # -- helpers ---------------------------------------------------------------------

    def line(self, *path: str | int) -> int:
        return self.fm.line(*path)

    def get(self, *path: str) -> Any:
        value: Any = self.data
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    def _text(self, path: tuple[str, ...], label: str, *, required: bool, lo: int = 1, hi: int = 200) -> str | None:
        value = self.get(*path)
        name = ".".join(path)
        if value is None:
            if required:
                self._missing(path, label)
            return None
        if isinstance(value, (dict, list, bool)):
            self.d.error(self.line(*path), "bad-type", f"{name}（{label}）应是一段文字。", f"写成 {path[-1]}: 文字 的形式。")
            return None
        text = " ".join(str(value).split())
        if _HTML.search(text):
            self.d.error(self.line(*path), "html-in-text", f"{name}（{label}）只能是纯文字，不能含 HTML 标签。", "删掉 < > 包起来的标签。")
        if not lo <= len(text) <= hi:
            self.d.error(
                self.line(*path),
                "length",
                f"{name}（{label}）有 {len(text)} 个字，应为 {lo}–{hi} 个字。",
                f"请补充到至少 {lo} 个字。" if len(text) < lo else f"请精简到 {hi} 个字以内。",
            )
        return text

    def _missing(self, path: tuple[str, ...], label: str) -> None:
        if path in self.fm.invalid or path in self.reported:
            return  # already reported
        name = ".".join(path)
        if path in self.fm.lines:  # the key is there, its value is empty
            self.d.error(
                self.fm.lines[path],
                "missing-value",
                f"必填字段 {name}（{label}）没有填写内容。",
                f"在 {path[-1]}: 后面（冒号和一个空格之后）写上{label}。",
            )
            return
        parent_line = self.line(*path[:-1]) if len(path) > 1 else self.fm.default_line
        example = f"{path[-1]}: …" if len(path) == 1 else f"在 {path[0]}: 下面缩进两格写 {path[-1]}: …"
        self.d.error(parent_line, "missing-key", f"缺少必填字段 {name}（{label}）。", f"请补上：{example}")

    def _date(self, path: tuple[str, ...], label: str, *, required: bool) -> date | None:
        value = self.get(*path)
        name = ".".join(path)
        if value is None:
            if required:
                self._missing(path, label)
            return None
        if isinstance(value, datetime):
            value = value.date()
        elif isinstance(value, date):
            pass
        elif isinstance(value, str) and _DATE_TEXT.fullmatch(value.strip()):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                self.d.error(
                    self.line(*path),
                    "bad-date",
                    f"{name}（{label}）“{shorten(value)}”不是存在的日期。",
                    "检查月份（1–12）和日期（例如 2 月没有 30 日）。",
                )
                return None
        else:
            self.d.error(
                self.line(*path),
                "bad-date",
                f"{name}（{label}）“{shorten(value)}”不是 年-月-日 格式。",
                "写成 2023-03-01 这样：四位年份、两位月份、两位日期，用英文减号连接。",
            )
            return None
        return value

    def _list(self, key: str, label: str) -> list[Any] | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, list):
            return value
        text = str(value)
        example = "、".join(part for part in re.split("[、，；,]", text) if part.strip()) if isinstance(value, str) else text
        items = ", ".join(p.strip() for p in example.split("、"))
        self.d.error(
            self.line(key),
            "not-a-list",
            f"{key}（{label}）应是一个列表。",
            f"写成 {key}: [{items}]，方括号和逗号用英文符号。",
        )
        return None

    def _split_items(self, key: str, label: str, items: list[Any]) -> list[tuple[int, Any]]:
        """(index, item) of a list, an item written with a Chinese comma, 顿号 or semicolon
        split into the items meant, each such item reported: one error that names the mark."""
        result: list[tuple[int, Any]] = []
        wrong: list[tuple[int, str, str]] = []
        for index, item in enumerate(items):
            text = str(item).strip() if isinstance(item, str) else ""
            marks = [mark for mark in _SEPARATOR_NAMES if mark in text]
            if not marks:
                result.append((index, item))
                continue
            parts = [part.strip() for part in re.split("[" + "".join(_SEPARATOR_NAMES) + "]", text) if part.strip()]
            wrong.append((index, "、".join(_SEPARATOR_NAMES[mark] for mark in marks), text))
            result.extend((index, part) for part in parts)
        meant = ", ".join(str(item) for _, item in result)
        for index, marks, text in wrong:
            self.d.error(
                self.line(key, index),
                "fullwidth-separator",
                f"{key}（{label}）里的“{shorten(text)}”用了{marks}分隔，几项被当成了一项。",
                f"列表各项之间要用英文逗号（半角的 ,）分隔，写成 {key}: [{shorten(meant, 120)}]。",
            )
        return result

    def _strings(self, key: str, label: str) -> list[str]:
        items = self._list(key, label) or []
        result = []
        for index, item in self._split_items(key, label, items):
            if item is None or isinstance(item, (dict, list)):
                self.d.error(self.line(key, index), "bad-type", f"{key}（{label}）第 {index + 1} 项应是文字。", "每项写一个词。")
                continue
            result.append(str(item).strip())
        return result

    def _terms(self, key: str, vocab: Vocabulary, *, lo: int, hi: int, required: bool):
        if self.get(key) is None:
            if required:
                self._missing((key,), vocab.kind)
            return []
        listed = self._list(key, vocab.kind)
        if listed is None:
            return []
        items = self._split_items(key, vocab.kind, listed)
        if not lo <= len(items) <= hi:
            self.d.error(
                self.line(key), "count", f"{key}（{vocab.kind}）写了 {len(items)} 项，应为 {lo}–{hi} 项。", f"可选：{vocab.choices()}。"
            )
        terms = []
        for index, item in items:
            term = self._term(str(item) if item is not None else "", vocab, (key, index))
            if term is None:
                continue
            if term in terms:
                self.d.error(self.line(key, index), "duplicate-term", f"{key}（{vocab.kind}）“{term.label}”重复了。", "删掉重复的一项。")
                continue
            terms.append(term)
        return terms

    def _term(self, value: str, vocab: Vocabulary, path: tuple):
        term = vocab.lookup(value)
        if term is not None:
            return term
        name = ".".join(str(p) for p in path if isinstance(p, str))
        elsewhere = self._other_vocabulary(value, vocab)
        if elsewhere is not None:
            hint = f"“{shorten(value)}”是{elsewhere.kind}，不是{vocab.kind}。"
        else:
            guess = vocab.suggest(value)
            hint = f"是不是“{guess}”？" if guess else ""
        self.d.error(
            self.line(*path),
            f"unknown-{name.split('.')[-1]}",
            f"{name}（{vocab.kind}）“{shorten(value)}”不在可选范围内。{hint}",
            f"可选：{vocab.choices()}（也可写完整名称或英文代码）。",
        )
        return None

    def _other_vocabulary(self, value: str, vocab: Vocabulary) -> Vocabulary | None:
        """The vocabulary a misplaced term belongs to (a brand written as a theme, …)."""
        for other in (self.tax.themes, self.tax.categories, self.tax.brands):
            if other is not vocab and other.lookup(value) is not None:
                return other
        return None

    def _choice(self, path: tuple[str, ...], label: str, choices: tuple[str, ...]) -> str | None:
        value = self.get(*path)
        if value is None:
            return None
        text = str(value).strip()
        if text in choices:
            return text
        self.d.error(
            self.line(*path), "bad-choice", f"{'.'.join(path)}（{label}）“{shorten(text)}”不是可选值。", f"只能写：{'、'.join(choices)}。"
        )
        return None

    def _count(self, key: str, label: str) -> int | None:
        value = self.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            quoted = isinstance(value, str) and value.strip().isdigit()
            written = self.fm.raw.get((key,), value) if not isinstance(value, (list, dict)) else value
            self.d.error(
                self.line(key),
                "bad-number",
                f"{key}（{label}）应是不小于 0 的整数，现在是“{shorten(written)}”" + ("（加了引号，成了文字）。" if quoted else "。"),
                f"去掉引号，写成 {key}: {value.strip()}。" if quoted else f"只写数字，不带单位，例如 {key}: 86。",
            )
            return None
        return value

    # -- the rules -------------------------------------------------------------------

    def build(self) -> None:
        c = self.case
        c.lines = dict(self.fm.lines)
        self.check_keys()
        self.check_required()
        self.check_id()
        c.title = self._text(("title",), "标题", required=True, **field("title").bounds()) or ""
        c.summary = self._text(("summary",), "摘要", required=True, **field("summary").bounds()) or ""
        c.themes = self._terms("themes", self.tax.themes, required=True, **field("themes").bounds())
        c.organization = self.organization()
        c.region = self.region()
        c.area = self._choice(("area",), "城乡", AREAS)
        c.date = self._date(("date",), "日期", required=True)
        c.end_date = self._date(("end_date",), "结束日期", required=False)
        if c.date and c.end_date and c.end_date < c.date:
            self.d.error(
                self.line("end_date"), "end-before-start", f"结束日期 {c.end_date} 早于开始日期 {c.date}。", "检查两个日期是否写反。"
            )
        c.status = self.status()
        c.review = self.review()
        c.withdrawn_reason = self._text(("withdrawn_reason",), "撤回原因", required=False, **field("withdrawn_reason").bounds()) or ""
        c.brands = self._terms("brands", self.tax.brands, lo=0, hi=len(self.tax.brands) or 1, required=False)
        c.beneficiaries = self._strings("beneficiaries", "服务对象")
        c.tags = self._strings("tags", "标签")
        c.volunteers = self._count("volunteers", "志愿者人数")
        c.served = self._count("served", "服务人次")
        cover = self.get("cover")
        if cover is not None:
            if isinstance(cover, str) and cover.strip():
                c.cover = cover.strip()
            else:
                self.d.error(self.line("cover"), "bad-type", "cover（封面）应是图片文件名。", "例如 cover: photo1.jpg")
        featured = self.get("featured")
        if featured is not None and not isinstance(featured, bool):
            self.d.error(
                self.line("featured"),
                "bad-type",
                f"featured（首页推荐）只能是 true 或 false，现在是“{shorten(featured)}”。",
                "写 featured: true 或删掉这一行。",
            )
        c.featured = featured is True
        c.aliases = self.aliases()

    def check_keys(self) -> None:
        for key in self.data:
            if key in _PARENT_OF:
                self._misplaced(key, _PARENT_OF[key])
            elif key not in TOP_KEYS:
                guess = _nearest(key, TOP_KEYS)
                self.d.warning(
                    self.line(key),
                    "unknown-key",
                    f"未知字段 {shorten(key)}，将被忽略。" + (f"是不是 {guess}？" if guess else ""),
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
                    guess = _nearest(key, children)
                    self.d.warning(
                        self.line(parent, key),
                        "unknown-key",
                        f"未知字段 {parent}.{shorten(key)}，将被忽略。" + (f"是不是 {guess}？" if guess else ""),
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
        missing = [k for k in REQUIRED if self.data.get(k) is None and (k,) not in self.fm.invalid]
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
            self._missing(("id",), "编号")
            return
        if isinstance(value, (list, dict)):
            self.d.error(
                self.line("id"),
                "bad-id",
                f"编号 id 应是一串字母、数字和减号，现在是{'列表' if isinstance(value, list) else '几个字段'}。",
                "写成 id: gz-yuexiu-2023-001 这样，不要加方括号或换行缩进。",
            )
            return
        raw = self.fm.raw.get(("id",), str(value)).strip()
        if ID_PATTERN.fullmatch(raw):
            self.case.id = raw
            return
        suggestion = suggest_id(raw)
        hint = "只能用小写英文字母、数字和减号，以字母或数字开头，3–64 个字符"
        if ID_PATTERN.fullmatch(suggestion):
            hint += f"，例如 {suggestion}"
        self.d.error(self.line("id"), "bad-id", f"编号 id“{shorten(raw)}”不合规则。", hint + "。编号会成为网址，发布后不能再改。")

    def organization(self) -> Organization:
        org = Organization()
        if self.get("organization") is None:
            self._missing(("organization",), "组织")
            return org
        if not isinstance(self.get("organization"), dict):
            return org  # reported by check_keys
        org.name = self._text(("organization", "name"), "组织名称", required=True, **field("organization", "name").bounds()) or ""
        category = self.get("organization", "category")
        if category is None:
            self._missing(("organization", "category"), "组织类别")
        else:
            org.category = self._term(str(category), self.tax.categories, ("organization", "category"))
        org.registration = self._choice(("organization", "registration"), "登记备案", REGISTRATIONS)
        return org

    def region(self) -> Region:
        region = Region()
        if self.get("region") is None:
            self._missing(("region",), "地区")
            return region
        if not isinstance(self.get("region"), dict):
            return region
        province = self.get("region", "province")
        if province is None:
            self._missing(("region", "province"), "省份")
        else:
            region.province = self._term(str(province), self.tax.provinces, ("region", "province"))
        for part, label in (("city", "市"), ("county", "区县"), ("street", "街道乡镇"), ("community", "社区村")):
            setattr(region, part, self._text(("region", part), label, required=False, **field("region", part).bounds()))
        if region.province is not None and region.city:
            region.city = self._city(region.province.name, region.city)
        return region

    def _city(self, province: str, city: str) -> str:
        """A known city by its full name (长沙 -> 长沙市); an unknown one as written, maybe with a did-you-mean."""
        cities = known_cities()
        full = cities.canonical(province, city)
        if full is not None:
            return full
        guess = cities.suggest(province, city)
        if guess is not None:
            self.d.warning(
                self.line("region", "city"),
                "unknown-city",
                f"region.city（市）“{shorten(city)}”不在{province}的城市名单里。是不是“{guess}”？",
                f"是的话改成 city: {guess}；区县请写在 county 下。名称确实没有写错的话，可以不改。",
            )
        return city

    def status(self) -> Status | None:
        value = self.get("status")
        if value is None:
            self._missing(("status",), "状态")
            return None
        text = str(value).strip()
        try:
            return Status(text)
        except ValueError:
            guess = STATUS_WORDS.get(text) or _nearest(text, [s.value for s in Status])
            self.d.error(
                self.line("status"),
                "bad-status",
                f"状态 status“{shorten(text)}”无效。" + (f"是不是 {guess}？" if guess else ""),
                "只能写 draft（草稿）、review（待审）、published（已发布）或 withdrawn（已撤回）。",
            )
            return None

    def review(self) -> Review:
        review = Review()
        needed = self.case.status in (Status.PUBLISHED, Status.WITHDRAWN)
        if self.get("review") is None:
            if needed:
                self.d.error(
                    self.line("status"),
                    "review-required",
                    f"状态是 {self.case.status.value} 的案例必须有审核信息 review。",
                    "加上 review: 换行缩进写 reviewer: 审核单位 和 approved: 审核日期。",
                )
            return review
        if not isinstance(self.get("review"), dict):
            return review
        review.reviewer = self._text(("review", "reviewer"), "审核单位", required=needed, **field("review", "reviewer").bounds()) or ""
        review.approved = self._date(("review", "approved"), "审核日期", required=needed)
        if review.approved and review.approved > self.today:
            self.d.error(
                self.line("review", "approved"), "approved-in-future", f"审核日期 {review.approved} 还没到。", "填写实际通过审核的日期。"
            )
        return review

    def aliases(self) -> list[str]:
        result = []
        items = self._list("aliases", "旧编号") or []
        for index, item in self._split_items("aliases", "旧编号", items):
            split = item is not items[index]  # a part of an item written with a Chinese comma
            raw = str(item).strip() if split else self.fm.raw.get(("aliases", index), str(item)).strip()
            if not ID_PATTERN.fullmatch(raw):
                self.d.error(
                    self.line("aliases", index),
                    "bad-id",
                    f"旧编号“{shorten(raw)}”不合编号规则。",
                    "只能用小写英文字母、数字和减号，以字母或数字开头，3–64 个字符。",
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
