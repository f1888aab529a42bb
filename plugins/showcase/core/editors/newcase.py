"""Writing a new case from the template (``showcase new``), engine-free.

The template (``data/case-template.md``) gives a draft that passes the check at once,
so the preview shows it as soon as it is written; what the editor still has to write
is marked 【请填写】 (see ``placeholders``). Nothing is ever overwritten: the case's
folder must not exist yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from pathlib import Path
from string import Template

from ..case.fields import Field
from ..case.fields import field as field_rule
from ..case.readers import MARKUP
from ..case.rules import ID_PATTERN
from ..case.written import FULLWIDTH, count_written, date_parts, month_start
from ..collection.loading import Collection
from ..collection.taxonomy import Taxonomy, Term, Vocabulary
from ..errors import ShowcaseError
from ..folders import refuse_linked_away
from ..han import HAN
from ..packaged import DATA
from ..simplified import simplified, traditional_at
from .caseid import propose_id, region_prefix
from .yamltext import yaml_scalar

TEMPLATE = "case-template.md"
SUMMARY_PLACEHOLDER = "【请填写】用一两句话概括：哪个组织、在哪里、为谁做了什么、取得了什么成效。"
# Between the items of a list as people type them, in a form or at a prompt (便民服务、社区治理, 便民服务/社区治理)
LIST_SPLIT = re.compile(r"[,，、;；/／\s]+")


class InputError(ShowcaseError, ValueError):
    """An answer that cannot be used; the message says why and what to write."""


@dataclass
class NewCase:
    title: str
    organization: str
    category: Term
    themes: list[Term]
    province: Term
    city: str = ""
    county: str = ""
    date: date = field(default_factory=date.today)
    id: str = ""


# -- answers ----------------------------------------------------------------------------


# A line's end between two Chinese characters (or marks) is no space: a summary typed in two
# paragraphs of a form's cell was joined “……服务。 今年……” (a helper's trial).
_CHINESE = re.compile(rf"[{HAN}\u3000-\u303f\uff01-\uff5e“”‘’]")


def _joined(value: str) -> str:
    """``value``'s lines on one line: a space between two, none where both sides of the break
    are Chinese. Line by line, once each (a pattern over the whole text backtracked on a run
    of ideographic spaces: 3 s for 20,000, a review)."""
    lines = [joined for line in value.splitlines() if (joined := " ".join(line.split()))]
    parts = lines[:1]
    for before, line in pairwise(lines):
        parts += ["" if _CHINESE.match(before[-1]) and _CHINESE.match(line[0]) else " ", line]
    return "".join(parts)


def plain_text(value: str, label: str) -> str:
    """``value`` on one line, refused when it holds markup as the check refuses it
    (``readers.MARKUP``: a tag, a comment, ``<!``); the prompts and the import alike."""
    text = _joined(str(value))
    if MARKUP.search(text):
        raise InputError(f"{label}只能是纯文字，不能含 < > 包起来的标签。")
    return text


def _plain(value: str, label: str, lo: int, hi: int) -> str:
    text = plain_text(value, label)
    if not lo <= len(text) <= hi:
        raise InputError(f"{label}有 {len(text)} 个字，应为 {lo}–{hi} 个字。")
    return text


def parse_title(value: str) -> str:
    rule = field_rule("title")
    return _plain(value, rule.label, rule.lo, rule.hi)


def parse_organization(value: str) -> str:
    rule = field_rule("organization", "name")
    return _plain(value, rule.label, rule.lo, rule.hi)


def parse_place(value: str, label: str) -> str:
    """A part of the region (city, county), which may be left out: 0 to the table's most; in
    Simplified characters (越秀區 -> 越秀区: the site lists places as written, and the id is
    read from the name, gz-yuexiuqu-… of 越秀區: a worker's trial)."""
    text = _plain(value, label, 0, field_rule("region", "city").hi)
    return simplified_place(text)


def simplified_place(text: str) -> str:
    """A place's name in Simplified characters, as the check asks (``traditional-place``)."""
    plain = simplified(text)
    return plain if plain is not None and traditional_at(text, plain) else text


def parse_term(value: str, vocab: Vocabulary) -> Term:
    """A term by key, short or full name, or by its number in the list (1, 2, …); a name
    in Traditional characters (便民服務, 廣東省) too, since the file gets the term's own."""
    text = value.strip()
    if text.isdigit() and 1 <= int(text) <= len(vocab):
        return vocab.terms[int(text) - 1]
    term = vocab.lookup(text) if text else None
    if term is None and text and (converted := simplified(text)) is not None:
        term = vocab.lookup(converted)
    if term is None:
        guess = vocab.suggest(text) if text else None
        raise InputError(f"{vocab.kind}“{text}”不在可选范围内。" + (f"是不是“{guess}”？" if guess else "") + f"可选：{vocab.choices()}。")
    return term


def parse_themes(values: list[str] | str, vocab: Vocabulary) -> list[Term]:
    """One to three distinct themes, from names or numbers separated by commas or spaces."""
    items = [values] if isinstance(values, str) else list(values)
    words = [w for item in items for w in LIST_SPLIT.split(item) if w]
    rule = field_rule("themes")
    if not rule.lo <= len(words) <= rule.hi:
        raise InputError(f"主题要选 {rule.lo}–{rule.hi} 个，现在是 {len(words)} 个。可选：{vocab.choices()}。")
    terms: list[Term] = []
    unknown: list[str] = []
    for word in words:
        try:
            term = parse_term(word, vocab)
        except InputError as exc:
            unknown.append(word)
            said = str(exc)
            continue
        if term in terms:
            raise InputError(f"主题“{term.label}”重复了。")
        terms.append(term)
    if len(unknown) == 1:
        raise InputError(said)
    if unknown:  # each named: a second one was dropped unsaid (便民服侍、文明实践)
        guesses = "".join(f"“{w}”是不是“{g}”？" for w in unknown if (g := vocab.suggest(w)))
        raise InputError(f"{vocab.kind}{''.join(f'“{w}”' for w in unknown)}都不在可选范围内。{guesses}可选：{vocab.choices()}。")
    return terms


def parse_activity_date(value: str) -> date:
    """A date, or a month alone (2024年5月: its first day), as ``showcase new`` asks for the
    activity's: refusing a month sent a trial on with today's date, and today's year into
    the id."""
    month = month_start(value) if date_parts(value) is None else None
    return month if month is not None else parse_date(value)


def parse_date(value: str) -> date:
    """A date as editors write it: 2024-03-05, 2024-3-5, 2024/3/5, 2024.3.5 or 2024年3月5日, full-width digits too."""
    parts = date_parts(value)
    if parts is None:
        raise InputError(f"日期“{value.strip()}”看不懂：请写年、月、日，例如 2024-03-05 或 2024年3月5日。")
    try:
        return date(*parts)
    except ValueError:
        text = value.strip().translate(FULLWIDTH)
        raise InputError(f"日期“{text}”不存在：检查月份（1–12）和日期（例如 2 月没有 30 日），写成 2024-03-05 或 2024年3月5日。") from None


def parse_count(value: str, rule: Field) -> int:
    """“46人” → 46, “1,200 人次” → 1200, “1.2万人次” → 12000, full-width digits too.
    ``rule``: the count's field (data/fields.yml), whose form label and example number
    (服务人次 例如 1200) the messages give."""
    label = rule.form or rule.label
    number = count_written(value)
    if number is None:
        example = f"，例如 {rule.example}" if rule.example is not None else ""
        raise InputError(f"{label}“{value}”应只写数字{example}。")
    if number != int(number):
        raise InputError(f"{label}“{value}”应是整数。")
    return int(number)


def parse_id(value: str) -> str:
    text = value.strip()
    if not ID_PATTERN.fullmatch(text):
        rule = field_rule("id")
        raise InputError(f"编号“{text}”不合规则：只能用小写英文字母、数字和减号，以字母或数字开头，{rule.lo}–{rule.hi} 个字符。")
    return text


# -- ids and paths ----------------------------------------------------------------------


def taken_ids(collection: Collection) -> set[str]:
    """Every id and alias already in use."""
    return {c.id for c in collection.cases if c.id} | {a for c in collection.cases for a in c.aliases}


def case_folder(root: Path, province: Term, case_id: str) -> Path:
    """``cases/<province>/<id>/``: editors find cases by province."""
    return Path(root) / province.name / case_id


def suggest_id(new: NewCase, root: Path, taken: set[str]) -> str:
    prefix = region_prefix(new.province.name, new.city, new.county, province_key=new.province.key)
    return propose_id(prefix, new.date.year, taken, exists=lambda case_id: case_folder(root, new.province, case_id).exists())


# -- the file ---------------------------------------------------------------------------


def render(new: NewCase, taxonomy: Taxonomy) -> str:
    """The new case's ``index.md``."""
    region_lines = "".join(f"  {key}: {yaml_scalar(value)}\n" for key, value in (("city", new.city), ("county", new.county)) if value)
    template = Template((DATA / TEMPLATE).read_text(encoding="utf-8"))
    return template.substitute(
        id=new.id,
        title=yaml_scalar(new.title),
        summary=SUMMARY_PLACEHOLDER,
        themes=", ".join(t.label for t in new.themes),
        theme_choices="、".join(t.label for t in taxonomy.themes),
        organization=yaml_scalar(new.organization),
        category=new.category.name,
        category_choices="、".join(t.name for t in taxonomy.categories),
        brand_choices="、".join(t.name for t in taxonomy.brands) or "（本站未设活动品牌）",
        province=new.province.name,
        region_lines=region_lines,
        date=new.date.isoformat(),
        # the limits as the check keeps them, from the field table (data/fields.yml): the
        # template had them written out, and a site's limits changed there were not said here
        **{f"{key}_{end}": getattr(field_rule(key), end) for key in ("title", "summary", "themes") for end in ("lo", "hi")},
    )


class CaseExistsError(ShowcaseError, FileExistsError):
    """The new case's folder exists already."""


def write_case(root: Path, new: NewCase, taxonomy: Taxonomy) -> Path:
    """Write the case's folder and ``index.md``; never overwrite anything."""
    folder = case_folder(root, new.province, new.id)
    refuse_linked_away(folder, root)  # a province's folder a link out of the project: nothing written there
    if folder.exists():
        raise CaseExistsError(f"{folder} 已经存在，不会覆盖。")
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir()
    except FileExistsError:
        raise CaseExistsError(f"{folder} 已经存在，不会覆盖。") from None
    path = folder / "index.md"
    with path.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(render(new, taxonomy))
    return path
