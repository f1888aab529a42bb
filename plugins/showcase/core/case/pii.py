"""Personal numbers (mobile and resident ID numbers) as readers will see them.

A number is found in the text as written and in the text as a reader sees it: HTML
entities decoded, comments, tags and Markdown markup dropped, invisible characters
removed, full-width and other look-alike digits made ASCII. Between the digits of one
number a reader may also see spaces, a hyphen or a dot, or a line end inside a
paragraph (the browser shows it as a space): ``138 1234 5678``, ``138-1234-5678``, ``138.1234.5678``,
and brackets, a plus or two hyphens (``_GAP``; not commas, 、 or slashes, which list figures; colons and
equals signs only between a mobile number's 3-4-4 groups, ``_COLON_MOBILE``, and so any other
mark one sees, the same twice, ``_MARK_MOBILE``: 138|1234|5678, or the same each time between an
ID number's groups, ``_MARK_RUN``); a number in Chinese numerals
(``一三八…``, in part too) is read digit for digit. Front
matter is read as its parsed values (YAML escapes and folded lines undone), and the
names of the files in the case folder are read too.

Each finding keeps the line where the number starts. Ordinary figures are left
alone: a mobile number is 11 digits (1, then 3–9, then nine more), an ID number 18
(or 15, the old form) with a province code and a real date of birth where the
standard puts them, and its digits must be a whole number, not part of a longer run.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from html.parser import HTMLParser
from itertools import islice
from typing import Protocol
from urllib.parse import unquote

from ..chinadate import china_today
from ..diagnostics import DiagnosticList
from ..han import HALF_WIDTH, HAN, HAN_CHAR
from ..packaged import read_packaged
from .comments import commented
from .entities import unescape
from .imagerefs import CLEAN_PHOTOS, REMOVE_PHOTO_PROPERTIES, url_part
from .source import LineEnds, fenced_lines
from .yamlnodes import Located, Path_, shorten

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


@dataclass(frozen=True)
class Wording:
    """Whose words a screen reads, as its messages say them. A case's folder and the site
    are public, and a contact belongs in the form; the site's own words (its texts file, the
    footer, collections.yml) have no form, and a booklet's title is its own place. Each
    caller names its words here, rather than rewording these messages after them (a
    review: a message reworded in this module slipped past a replace in another)."""

    here: str = "这一行"  # where the words are, as a message starts: 这一行有手机号码…
    public: str = "案例文件夹和网站都是公开的"
    into: str = "写进案例"  # 联系人的姓名不能写进案例
    instead: str = "组织的联系人和电话填在申报表的“联系人”“联系电话”两栏，只给审核的编辑看，不会发布。"
    name_instead: str = "联系人填在申报表里，只给编辑看"  # a reminder's hint: 如果写的是人名，请删掉…，{name_instead}
    masked_origin: str = "从 Word 材料导入的案例里，这是材料里的号码，导入时打了星号。"  # where a starred number came from


CASE_WORDS = Wording()
SITE_WORDS = Wording(
    public="网站是公开的",
    into="写在网站上",
    instead="网站上的联系方式写单位的办公电话、邮箱或部门（例如“联系电话：0571-12345678”）。",
    name_instead="网站上写单位或部门，不写个人",
    masked_origin="",
)
# A booklet's title (showcase booklet --title): on its cover and every page's head
BOOKLET_TITLE_WORDS = Wording(
    here="标题里",
    public="汇编会印发给别人看",
    into="写进汇编",
    instead="需要联系方式时写单位的办公电话。",
    name_instead="写单位或部门，不写个人",
    masked_origin="",
)


def is_resident_id(number: str) -> bool:
    """True for an 18-character mainland resident ID number with a valid check digit."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


@cache
def _number_data() -> dict:
    """``data/personal-numbers.yml`` as read (once a process)."""

    return read_packaged("personal-numbers.yml")


@cache
def _id_rules() -> tuple[frozenset[str], int]:
    data = _number_data()
    return frozenset(f"{code:02d}" for code in data["id_number_provinces"]), int(data["id_number_first_year"])


def _real_date(year: int, month: int, day: int) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):  # most digits that are no date: without an exception's cost
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def id_shape(number: str) -> str | None:
    """What an ID-shaped string of digits is: "id" (a valid number), "typo" (18
    characters with a province code and a real date of birth but a wrong check digit),
    or None (not an ID number)."""
    provinces, first_year = _id_rules()
    if number[:2] not in provinces:
        return None
    if len(number) == 15 and number.isdigit():  # the first generation: YYMMDD, no check digit
        return "id" if _real_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12])) else None
    if len(number) != 18 or not number[:17].isdigit() or number[17] not in "0123456789Xx":
        return None
    year = int(number[6:10])
    if not first_year <= year <= china_today().year or not _real_date(year, int(number[10:12]), int(number[12:14])):
        return None
    return "id" if is_resident_id(number) else "typo"


# Between two characters of a word: spaces, or one line end with spaces about it. A
# paragraph's line end is nothing between Han characters in the Word booklet and in
# browsers that follow CSS Text (示例违\n禁词 is one word there), and 示 例 违 禁 词 reads as
# one. Review words (content.py) and contact labels allow it.
WORD_SPACE = " \t\u3000"
WORD_GAP = f"[{WORD_SPACE}]*(?:\n[{WORD_SPACE}]*)?"


# what makes a contact label part of a word (联系人员, 联系人民群众, 联系人数, 联系人制度), not a name
_WORD_AFTER_LABEL = "[员民数群们的和与及制才机代队]"


@cache
def _contact_pattern() -> re.Pattern[str]:
    """A contact label (data/personal-numbers.yml) not inside a longer run of Han characters
    (紧急联系人制度 is not one), a colon (or a table's next cell), then a value on that line;
    or the label, spaces and a Han character (联系人　王小明: a form's field laid out with
    spaces or a tab, as Word and WPS forms are; Chinese prose puts no space after a word).
    Each part matches a bounded stretch: a 200 KB line costs one pass, not a pass per character."""
    labels = _number_data()["contact_labels"]
    space = r"[ \t\u3000*_\\]*"  # spaces, emphasis (**联系人**：) and a backslash (联系人\：, which the page shows as written)
    # a label's characters with spaces or a paragraph's line end between them too (联 系 人：)
    alternatives = "|".join(WORD_GAP.join(map(re.escape, label)) for label in sorted(labels, key=len, reverse=True))
    # the value may start on the next line: in a paragraph the page joins the two
    colon = "[:：\u2236\ufe55\ufe13\ufe30\ua789]"  # and the colons that look like one (∶ ﹕ ︓ ︰ ꞉)
    # The label first, so that the engine looks for its first characters only; what stands
    # before it is judged by ``_standalone`` (lookbehinds first cost 500 µs a body).
    # 联系人 王小明, **联系人**　王芳: a Han character next (a no-break space too, as pasted from Word or &nbsp;)
    spaced = rf"[*_]*[ \t\u3000\u00a0]+[*_]*(?={HAN_CHAR.pattern})"
    # 联系人为：王小明, 联系人是：…, as naturally written (a second security review)
    return re.compile(
        rf"(?P<label>{alternatives})(?:{space}(?:[为是為]{space})?(?:{colon}|\|){space}(?:\n{space})?(?=[^\s*_|])|{spaced})", re.M
    )


def _standalone(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of a contact ``pattern`` in ``text`` not inside a longer Han word (紧急联系人,
    联系人制度), unless that word says whose contact it is (项目联系人: data, ``contact_prefixes``)."""
    prefixes = tuple(_number_data()["contact_prefixes"])
    marks = "alone" in pattern.groupindex
    for match in pattern.finditer(text):
        start = match.start()
        if marks and match.group("alone") is not None:
            line = text[text.rfind("\n", 0, start) + 1 : start]  # the label the line's only words: ### 联系人, <dt>联系人
            if not _LABEL_LINE.fullmatch(line):
                continue
        if marks and match.group("bold") is not None:  # **联系人**王小明, not 建立**联系人**制度: the emphasis its own
            before = len(text[:start].rstrip("*_"))
            named = text.startswith(match.group("bold").strip(" \t\u3000\u00a0"), match.end())  # or the name's: 联系人**王小明**
            if not named and (before == start or (before and HAN_CHAR.match(text, before - 1))):
                continue
        if not start or not HAN_CHAR.match(text, start - 1) or text.endswith(prefixes, 0, start):
            yield match


# what may stand before a label on a line of its own: a heading's marks, a quote, a term (not
# a list's bullet: * 联系人 is a form's field in a list of them)
# (each part's spaces its own: spaces, then something else, were tried every way, cubic: a code review)
_LABEL_LINE = re.compile(r"[ \t>]*(?:#{1,6}[ \t]+)?(?:<dl>[ \t]*)?(?:<dt>[ \t]*)?(?:\*\*|__)?")


def _either(words: Iterable[str]) -> str:
    """A regular expression's alternatives for ``words``, the longest first (联系人电话 before 联系人)."""
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def _wechat_pattern() -> tuple[tuple[str, ...], re.Pattern[str], re.Pattern[str]]:
    """``wechat_public`` (data/personal-numbers.yml), and the patterns of a WeChat label
    (``wechat_labels``), spaces or a colon, and a WeChat ID after it, and of a QQ label
    (``qq_labels``), spaces or a colon, and a QQ number: each match ends where the ID starts."""
    data = _number_data()

    gap = r"[ \t\u3000*_]*(?:[:：\u2236\ufe55\ufe13][ \t\u3000*_]*)?"
    # 微信号是 wangxm1990。: a department's trial found the ID after 是 published. After 是 or 为
    # the ID ends its clause (微信是COVID-19期间…, 微信为 iPhone15 用户… name no one: a review)
    wechat_id = r"(?=[A-Za-z][A-Za-z]{0,18}[-_0-9])[A-Za-z][-_A-Za-z0-9]{5,19}(?![-_A-Za-z0-9@])(?!\.[A-Za-z0-9])"
    said_is = rf"[ \t\u3000*_]*[是为][ \t\u3000*_]*(?={wechat_id}[ \t\u3000]*(?:[，,。.；;！!？?、)）\n]|$))"
    qq_number = r"[1-9][0-9]{4,10}(?![0-9A-Za-z@])"
    return (
        tuple(data["wechat_public"]),
        re.compile(rf"(?<![A-Za-z0-9])(?P<label>{_either(data['wechat_labels'])})(?:{gap}(?={wechat_id})|{said_is})"),
        re.compile(
            rf"(?<![A-Za-z0-9])(?P<label>{_either(data['qq_labels'])})(?:[ \t\u3000]+|{gap}[:：\u2236\ufe55\ufe13][ \t\u3000]*)(?={qq_number})"
        ),
    )


def _wechat_ids(text: str) -> Iterator[re.Match[str]]:
    """The WeChat and QQ labels of ``text`` followed by an ID (加微信wangayi1985, QQ：123456789),
    not an official account's, in order."""
    public, wechat, qq = _wechat_pattern()
    folded = text.lower()
    found = [*(wechat.finditer(text) if "信" in text or "x" in folded else ()), *(qq.finditer(text) if "qq" in folded else ())]
    for match in sorted(found, key=lambda match: match.start()):
        if not text.endswith(public, 0, match.start()) and not (match.re is wechat and _official(text, match.start())):
            yield match


# The clause before a WeChat label: since the last mark that ends one (at most 60 characters).
_CLAUSE_END = re.compile(r"[，,；;。！？!?、\n][^，,；;。！？!?、\n]{0,60}$|^[^，,；;。！？!?、\n]{0,60}$")
_ASKS = re.compile(r"加|找|联系|私信")


def _official(text: str, start: int) -> bool:
    """Whether the WeChat label at ``start`` gives the official account its clause names
    before it (关注“幸福社区”公众号（微信号：xfsq2023）, 关注社区微信 xfsq2023): one of
    ``wechat_public`` or 关注 in the clause, and no contact verb after it (关注公众号或加社工微信
    wang1985 is a person's)."""
    clause = _CLAUSE_END.search(text, max(0, start - 61), start)
    if clause is None:
        return False
    words = clause.group(0)
    named = max((words.rfind(word) for word in (*_number_data()["wechat_public"], "关注")), default=-1)
    return named >= 0 and not _ASKS.search(words, named)


@cache
def _not_people() -> re.Pattern[str]:
    """What a contact label's value starts with when it names no one (``contact_values_not_people``:
    a duty, each of a group, a pointer); 负责人 is one."""
    return re.compile(f"[*_ \t]*(?:{_either(_number_data()['contact_values_not_people'])})(?!人)")


def _contacts(text: str) -> Iterator[re.Match[str]]:
    """The contact labels of ``text`` (``_standalone``; a WeChat one not after an official
    account named in its clause, ``_official``), and the WeChat labels followed by an ID
    (``_wechat_ids``), in order of where they start."""
    wechat_labels = frozenset(_number_data()["wechat_labels"])
    not_people = _not_people()
    labelled = [
        match
        for match in _standalone(_contact_pattern(), text)
        if not (re.sub(r"\s", "", match.group("label")) in wechat_labels and _official(text, match.start()))
        and not not_people.match(text, match.end())
    ]
    starts = [match.start() for match in labelled]

    def apart(match: re.Match[str]) -> bool:  # 微信号：wang123 once: not inside a labelled match
        before = bisect_right(starts, match.start()) - 1
        return before < 0 or labelled[before].end() <= match.start()

    wechat = [match for match in _wechat_ids(text) if apart(match)]
    if not wechat:
        return iter(labelled)
    return iter(sorted(labelled + wechat, key=lambda match: match.start()))


def _lines_of(text: str, matches: Iterable[re.Match[str]], first_line: int) -> Iterator[tuple[int, re.Match[str]]]:
    """(line, match) of each of ``matches`` (in order) in ``text``, the line counted on from the
    match before (one pass)."""
    line, counted = first_line, 0
    for match in matches:
        line += text.count("\n", counted, match.start())
        counted = match.start()
        yield line, match


def _first_on_each_line(text: str, matches: Iterable[re.Match[str]], first_line: int) -> Iterator[tuple[int, re.Match[str]]]:
    """(line, match) of the first of ``matches`` on each line of ``text``: one message a line."""
    said = -1
    for line, match in _lines_of(text, matches, first_line):
        if line != said:
            said = line
            yield line, match


def _by_line(
    text: str, shown: Iterable[Shown], find: Callable[[str], Iterable[re.Match[str]]], first_line: int
) -> dict[int, re.Match[str]]:
    """The first of ``find``'s matches on each line of ``text``, then of what readers see of it
    (``shown``) on a line not found already: one finding a line, for the contact checks."""
    found = dict(_first_on_each_line(text, find(text), first_line))
    for part in shown:
        for match in find(part.text):
            line = part.line(match.start())
            if not any(line + more in found for more in range(part.span + 1)):  # found already
                found[line] = match
    return found


def find_contacts(text: str) -> list[re.Match[str]]:
    """The contact labels of ``text`` the check reports (group ``label``; the value starts at
    the match's end): for the import, which leaves them out of a draft."""
    return list(_contacts(text))


def is_reach_label(label: str) -> bool:
    """A label of a way to reach someone that is no person: a WeChat or QQ ID (个人微信, QQ号;
    data/personal-numbers.yml ``wechat_labels``, ``qq_labels``)."""
    data = _number_data()
    return any(word in label for word in (*data["wechat_labels"], *data["qq_labels"]))


def is_office_phone_label(label: str) -> bool:
    """A label of an organization's own phone, which may be published (办公电话, 服务热线;
    data/personal-numbers.yml ``office_phone_labels``): written with more after it too
    (办公电话（工作日）)."""
    return label.startswith(tuple(_number_data()["office_phone_labels"]))


def is_contact_label(label: str) -> bool:
    """True for a label the check reads as giving a person to contact (``contact_labels``:
    联系人, 联络员, 微信号…; ``wechat_labels``, ``qq_labels``: 微信, vx, QQ…), for the import's report."""
    data = _number_data()
    return label in _column_labels().contact or label in data["wechat_labels"] or label in data["qq_labels"]


def contact_lines(
    text: str,
    diags: DiagnosticList,
    first_line: int = 1,
    shown: Iterable[Shown] = (),
    tables: Iterable[int] = (),
    wording: Wording = CASE_WORDS,
) -> set[int]:
    """Report each line of ``text`` that gives a person to contact (联系人：王小明), and
    of what readers see of it (``shown``: 联<span></span>系人, 联&#31995;人, an invisible
    character inside the label); not the header of a table ``contact_tables`` reported
    (``tables``: its lines), where 联系人 | 联系电话 reads as a label and its value. The lines
    reported: a reminder of ``contact_sentences`` says no more there."""
    found = {line: match.group("label") for line, match in _by_line(text, shown, _contacts, first_line).items()}
    for line in tables:
        found.pop(line, None)
    for line, label in found.items():
        diags.error(
            line,
            "contact-person",
            f"{wording.here}写了{label}（“{label}：…”）：{wording.public}，联系人的姓名和联系方式不能{wording.into}。",
            f"删掉这一处。{wording.instead}",
        )
    return set(found)


# 联系人是王小明, 联络人为张丽：a contact named in a sentence, which no colon or space marks.
# A reminder, not an error: 联系人为社区居委会 names no one, and the pattern cannot tell a
# name from a role (李主任); two to four Han characters and then the sentence goes on
# otherwise or ends. Labels inside a longer word follow ``_contacts``' rule.
@cache
def _contact_sentence() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The labels (data/personal-numbers.yml, ``contact_sentence_labels``) and the pattern."""
    labels = tuple(_number_data()["contact_sentence_labels"])
    alternatives = _either(labels)
    name = HAN_CHAR.pattern + "{2,4}"
    space = "[ \t\u3000\u00a0]*"
    pointers = _either(_number_data()["contact_pointers"])
    # 是 or 为 may be left out (联系人王小明，电话…: a contract trial); then not 联系人民群众,
    # 联系人员, 联系人数 or 联系人们, which are words, not names. Or a mark between the two, as a
    # security review wrote them: 联系人—王小明, 联系人/王小明, 联系人，王小明, 联系人（王小明）,
    # **联系人**王小明 (the emphasis the label's own, ``_standalone``), <b>联系人</b>王小明, the
    # label on a line of its own and the name alone on the next (### 联系人, <dt>联系人</dt><dd>…).
    # A reminder all the same: 联系人—楼栋长—网格员 and 联系人（楼栋长）、信息员 are roles, and the
    # import leaves such text as it is (cut as a contact, a second review found prose lost).
    # (and a bracket or quote closed around the label: 【联系人】王小明, “联系人”王小明)
    marks = rf"{space}[-\u2010-\u2015\u2212\uff0d\u2e3a\u2e3b~～/／→＝=︱丨_，,】」』”\]］]{{1,2}}{space}"
    bold = rf"(?P<bold>[*_]{{1,3}}){space}"
    tag = rf"(?:</?(?:strong|b|em|i|u|span)>|<br ?/?>){{1,2}}{space}"  # and 联系人<br>王小明
    alone = r"(?P<alone>(?:\*\*|__)?(?:</dt>)?[ \t]*\n(?:[ \t]*\n)?[ \t>]*(?:<dd>[ \t]*)?(?=[^\n]{2,4}$))"
    before_name = rf"(?:是|为|為|由|{marks}|{bold}|{tag}|{alone}|(?!{_WORD_AFTER_LABEL}))"  # 由王小明担任: a third review
    # then the sentence's next mark, not another role after a dash (联系人—楼栋长—网格员)
    end = "(?=[，。；、,.;:：（(）)\\]】］〕」』\\s*_<]|电话|手机|担任|(?:老师|主任|书记|阿姨|大姐|同志|先生|女士)(?=[，。；,.;\\s]|$)|$)"  # 王小明老师，
    not_name = _either(_number_data()["contact_not_names"])  # 联系人/联系方式: a form's fields
    # in brackets, the sentence going on after them only as after a name (联系人（王小明），电话…;
    # not 联系人（楼栋长）、信息员（志愿者）, 联系人（社区书记）负责…: roles)
    bracketed = (
        rf"{space}[(（【\[［〔「『]{space}(?!{pointers}|{not_name}){HAN_CHAR.pattern}{{2,6}}{space}[)）】\]］〕」』]"  # 王小明老师
        r"(?=[，。；,.;\s]|电话|手机|$)"
    )
    return labels, re.compile(
        rf"(?P<label>{alternatives})(?:{bracketed}|{before_name}(?P<name>(?!{_WORD_AFTER_LABEL}|{not_name}){name}){end})", re.M
    )


def contact_sentences(
    text: str,
    diags: DiagnosticList,
    first_line: int = 1,
    shown: Iterable[Shown] = (),
    said: Iterable[int] = (),
    wording: Wording = CASE_WORDS,
) -> None:
    """A reminder on each line of ``text`` that names a contact in a sentence (联系人是王小明),
    and of what readers see of it (``shown``: <dt>联系人</dt><dd><b>王小明</b>, a table's two
    cells in HTML, 联系人&#65288;王小明&#65289;: a second security review)."""
    labels, pattern = _contact_sentence()

    def sentences(words: str) -> Iterable[re.Match[str]]:  # not 紧急联系人为…
        return _standalone(pattern, words) if any(label in words for label in labels) else ()

    found = _by_line(text, shown, sentences, first_line)
    for line in said:  # an error there already (**联系人** 王芳)
        found.pop(line, None)
    for line, match in sorted(found.items()):
        diags.warning(
            line,
            "contact-sentence",
            f"{wording.here}像是写了联系人的姓名（“{match.group(0)}”）：{wording.public}，联系人的姓名不宜{wording.into}。",
            f"如果写的是人名，请删掉这一处，{wording.name_instead}；写的是单位或职务（例如“联系人为社区居委会”）时，可以忽略这条提醒。",
        )


# 报名找社工李明, 请联系志愿者队长王强: a person the reader is sent to, named after a role
# and no contact label (a probe: it passed unsaid). A reminder, as contact-sentence is.
@cache
def _contact_name() -> re.Pattern[str]:
    """A contact verb, a role (after a prefix or none), a surname and one or two Han
    characters (not a word of ``contact_name_words``: 社工项目), then the sentence's next
    mark (data/personal-numbers.yml: ``contact_verbs``, ``contact_roles``, ``contact_prefixes``,
    ``surnames``); or a request and a name (报名请联系王小明。, 请与张丽联系)."""
    data = _number_data()

    verb, words, surname = _either(data["contact_verbs"]), _either(data["contact_name_words"]), _either(data["surnames"])
    honorifics, roles = _either(data["honorifics"]), _either(data["contact_roles"])
    requests = _either(data["contact_requests"])
    named = f"(?<![{''.join(data['not_name_ends'])}])"  # not 于都县, 黄埔区
    # a surname and how one addresses its bearer (请找李老师, 请联系王书记, 王经理) names no one, as above
    titled = f"(?!{_either({*data['honorifics'], *data['contact_roles'], *data['titles']})})"
    # 请联系 王小明, 请联系“王小明”, **王小明**: possessive, and one gap unless a role is between
    # (two optional runs side by side: 请联系 and 20,000 spaces took minutes, each split tried)
    gap, closing = r"[ \t\u3000*_“”\"「『]*+", r"[*_”\"」』]*+"
    mark = r"[，。；、！？,.;:：!?（(）)\s—…/／]"
    contacted = "联系|联络|咨询|取得联系"
    # a word that is all there is before what follows: 请与房东联系, 联系管道师傅 (not 林长青)
    word = f"(?!(?:{_either(data['not_names'])}){closing}(?:{mark}|{_either(data['contact_request_ends'])}|{honorifics}|{contacted}|$))"
    role = f"(?:(?:{_either(data['contact_prefixes'])})?(?:{roles}){gap})?"

    # the name in each alternative (name, name2…: the import takes it, contact_named); the
    # group's name put in by concatenation, not str.format over a pattern of data words
    def asked(group: str) -> str:
        return f"(?!{words}){word}(?P<" + group + f">(?:{surname}){titled}{HAN_CHAR.pattern}{{1,2}}){named}"

    return re.compile(
        rf"(?:{verb})(?:{_either(data['contact_prefixes'])})?(?P<role>{roles})"
        rf"(?!{words})(?P<name>(?:{surname}){HAN_CHAR.pattern}{{1,2}})(?=[，。；、！？,.;:：!?（(）)\s]|电话|手机|微信|$)"
        # or no role, the name followed by how one addresses its bearer (有事请找王小明老师, 咨询张丽阿姨;
        # a worker's trial): a surname alone (找李老师) names no one
        rf"|(?:{verb})(?!{words}){word}(?P<name2>(?:{surname}){HAN_CHAR.pattern}{{1,2}})(?:{honorifics})"
        # or neither, the reader asked to contact the name (报名请联系王小明。, 请与张丽联系, 请向社工王小明咨询)
        rf"|(?:{requests})(?:{_either(data['contact_request_verbs'])}){gap}{role}{asked('name3')}"
        rf"(?={closing}(?:{mark}|{_either(data['contact_request_ends'])}|{honorifics}|$))"
        rf"|(?:{requests})(?:与|和|跟|向){gap}{role}{asked('name4')}{closing}(?:{honorifics})?(?:{contacted})",
        re.M,
    )


def contact_named(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each place ``text`` sends the reader to a named person (what ``contact_names`` reminds
    of: 报名请联系王小明), and the name."""
    for match in _contact_name().finditer(text):
        yield match, next(name for name in (match["name"], match["name2"], match["name3"], match["name4"]) if name)


def contact_names(
    text: str, diags: DiagnosticList, first_line: int = 1, shown: Iterable[Shown] = (), wording: Wording = CASE_WORDS
) -> None:
    """A reminder on each line of ``text`` (and of what readers see of it, ``shown``: an
    invisible character inside the role) that sends the reader to a named person without a
    contact label (报名找社工李明)."""
    pattern = _contact_name()
    found = {line: match.group(0) for line, match in _first_on_each_line(text, pattern.finditer(text), first_line)}
    for part in shown:
        for match in pattern.finditer(part.text):
            line = part.line(match.start())
            if not any(line + more in found for more in range(part.span + 1)):
                found[line] = match.group(0)
    for line, words in sorted(found.items()):
        diags.warning(
            line,
            "contact-name",
            f"{wording.here}像是写了要读者去找的人的姓名（“{words}”）：{wording.public}，联系人的姓名不宜{wording.into}。",
            f"如果写的是人名，请删掉姓名，只留职务（例如“报名请找社区社工”），{wording.name_instead}；写的不是人名时，可以忽略这条提醒。",
        )


@cache
def _person_parts() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    data = _number_data()
    before = _either({*data["contact_labels"], *data["contact_prefixes"], *data["contact_roles"], *data["person_columns"]})
    after = _either({*data["contact_roles"], *data["honorifics"]})
    return re.compile(f"^(?:{before})+"), re.compile(f"(?:{after})+$"), tuple(sorted(data["surnames"], key=len, reverse=True))


def person_names(cells: Iterable[str]) -> list[str]:
    """The people ``cells`` name (an import's 联系人 cells: 王小明；李丽（社工）老师 -> 王小明, 李丽),
    longest first: each run of Han characters without the labels, roles and honorifics
    around it, when two to four characters are left and they start with a surname and go
    on after it (data/personal-numbers.yml; 秘书处, 居委会, 王老师 name no one to hide)."""
    leading, trailing, surnames = _person_parts()
    found = set()
    for cell in cells:
        # a name typed with a space between its characters (张 三, 王 小 明: a red team's was not
        # hidden); not two names a space apart (王小明 李丽)
        cell = _SPACED_NAME.sub(lambda spaced: "".join(spaced.group().split()), cell)
        for run in re.findall(f"[{HAN}]+", cell):
            name = trailing.sub("", leading.sub("", run))
            if 2 <= len(name) <= 4 and any(name.startswith(s) and len(name) > len(s) for s in surnames):
                found.add(name)
    return sorted(found, key=lambda name: (-len(name), name))


_SPACED_NAME = re.compile(f"(?<![{HAN}])[{HAN}](?:[ \t\u00a0\u3000]+[{HAN}])+(?![{HAN}])")

# Between a name's characters, what a page shows as nothing (王\u200b小明 reads 王小明), and for a
# name of three characters or more spaces too (王 小 明): a security review published both after
# an import hid 王小明. Not spaces in a name of two (老王 明白了, 主张 伟大的 are other words: a
# review), nor emphasis marks (a name's half of **…** replaced left the other half unpaired).
_INVISIBLE_GAP = "[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]*"
_NAME_GAP = "[ \t\u00a0\u3000\u00ad\u200b-\u200f\u2060-\u2064\ufeff]*"


@dataclass(frozen=True)
class Hidden:
    """What ``hide_names`` did: the text, how many names it replaced, and the longer names
    it left that start with one of them (张丽华 for 张丽), each once, as written."""

    text: str
    count: int
    kept: tuple[str, ...] = ()


def hide_names(text: str, names: Iterable[str], mark: str) -> Hidden:
    """``text`` with each of ``names`` replaced by ``mark`` (also with invisible characters
    between its characters, or spaces in a name of three or more). A two-character name is
    kept where it plainly starts another person's of three: its last character again
    (张丽丽), or one of ``given_name_chars`` followed by the sentence's end or one of
    ``name_followers`` (张丽华和…); elsewhere it is hidden (张丽微信, 张丽电话: a review)."""
    names = list(names)
    if not names:
        return Hidden(text, 0)
    data = _number_data()
    followers, given = frozenset(data["name_followers"]), frozenset(data["given_name_chars"])
    spaced = ((_NAME_GAP if len(name) > 2 else _INVISIBLE_GAP).join(map(re.escape, name)) for name in sorted(names, key=len, reverse=True))
    pattern = re.compile("|".join(spaced))
    count, kept = 0, dict[str, None]()

    def another(plain: str, end: int) -> bool:
        after, then = text[end : end + 1], text[end + 1 : end + 2]
        if len(plain) != 2 or not HAN_CHAR.fullmatch(after):
            return False
        return after == plain[-1] or (after in given and (not HAN_CHAR.fullmatch(then) or then in followers))

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        plain = "".join(HAN_CHAR.findall(match.group()))
        if another(plain, match.end()):
            kept.setdefault(plain + text[match.end()], None)
            return match.group()
        count += 1
        return mark

    return Hidden(pattern.sub(replace, text), count, tuple(kept))


# A Markdown table: its header row, then the row of dashes under it (| --- | :-: |)
_TABLE_RULE = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_CELL_MARKS = re.compile(r"[\s*_`:：]+")
# What holds a table inside a quote or a list item (> | 小组 |, or indented under "1."):
# Python-Markdown shows the table there too (a hostile-input review: unread, it was published)
_CONTAINER = re.compile(r"^[ \t>]*")
_LABEL_PARTS = re.compile(r"[（）()［］\[\]【】/／、,，;；及和与或]+")
# A cell of an ID-number column that holds one: four digits (440106…, 尾号1234) or a mask (＊＊, ××).
_ID_CELL = re.compile(r"[0-9０-９]{4}|[*＊×]{2}")


@dataclass(frozen=True)
class _ColumnLabels:
    """The headers of the columns that list people (data/personal-numbers.yml)."""

    contact: frozenset[str]  # 联系人: a person to contact, whatever else the table holds
    people: frozenset[str]  # 姓名, 负责人: a person, personal beside a phone or a home
    phones: frozenset[str]
    ids: frozenset[str]  # 身份证号码: a person, whatever else the table holds
    homes: frozenset[str]  # 住址


@cache
def _column_labels() -> _ColumnLabels:
    data = _number_data()
    return _ColumnLabels(
        *(frozenset(data[key]) for key in ("contact_labels", "person_columns", "phone_columns", "id_columns", "home_columns"))
    )


def _label_parts(label: str) -> set[str]:
    """A column's label and its parts: 联系电话（手机）, 手机/电话, 负责人及电话 are read by their
    parts too (read whole only, such a column of names and phones was published)."""
    return {label, *_LABEL_PARTS.split(label)} - {""}


def personal_words(labels: list[str]) -> str:
    """What the columns headed ``labels`` (``contact_columns``' choice) hold, as the check's
    contact-column and the import's report say it: 姓名和联系方式, 身份证号码, 姓名和住址."""
    known = _column_labels()
    parts = set().union(*(_label_parts(column_label(label)) for label in labels)) if labels else set()
    words = [
        word
        for word, found in (
            ("姓名", parts & (known.people | known.contact)),
            ("身份证号码", parts & known.ids),
            ("住址", parts & known.homes),
            ("联系方式", parts & (known.phones | known.contact)),
        )
        if found
    ]
    words = words or ["姓名和联系方式"]
    return words[0] if len(words) == 1 else "、".join(words[:-1]) + "和" + words[-1]


def column_label(cell: str) -> str:
    """A table cell as a column's label: without spaces, emphasis marks and colons (**联系人：**),
    and without the invisible characters (category Cf) text copied from a WeChat article
    carries: 负\u200b责人 is 负责人, and so are 负\u00ad责人 (a soft hyphen) and 负\u200e责人 (a
    direction mark), which passed, the page showing 负责人 and its names and phones; nor the
    marks shown as nothing (``_MARKS``: 负͏责人, a combining grapheme joiner, is not Cf)."""
    if may_have_format_characters(cell):
        cell = _format_pattern().sub("", cell)
    if not cell.isascii() and _MARKS.search(cell):
        cell = _MARKS.sub("", cell)
    return _CELL_MARKS.sub("", cell)


def contact_columns(header: list[str], rows: list[list[str]]) -> list[int]:
    """The columns of a table (its ``header`` cells and body ``rows``) that list people to
    contact (data/personal-numbers.yml, ``person_columns``): a column headed 联系人 with
    something in it, and the person and phone columns of a table whose rows give a person
    and a phone (小组 | 负责人 | 联系电话). Shared by the check and the import."""
    known = _column_labels()
    labels = [_label_parts(label) for label in map(column_label, header)]

    def filled(row: list[str], column: int) -> bool:
        return column < len(row) and bool(column_label(row[column]).strip("-—/／"))

    def numbered(row: list[str], column: int) -> bool:  # 440106＊＊＊＊＊＊＊＊1234, not 原件及复印件
        return column < len(row) and _ID_CELL.search(row[column]) is not None

    # personal whatever else the table holds: a column of people to contact, and one of ID
    # numbers (a column headed 身份证 in a table of the papers to bring holds 原件及复印件)
    chosen = {i for i, parts in enumerate(labels) if parts & known.contact and any(filled(row, i) for row in rows)}
    chosen |= {i for i, parts in enumerate(labels) if parts & known.ids and any(numbered(row, i) for row in rows)}
    persons = [i for i, parts in enumerate(labels) if parts & (known.people | known.contact)]
    beside = known.phones | known.homes | known.ids  # personal beside a person's name
    for other in (i for i, parts in enumerate(labels) if parts & beside):
        for person in persons:
            if any(filled(row, person) and filled(row, other) for row in rows):
                chosen |= {person, other}
    return sorted(chosen)


def table_cells(line: str) -> list[str]:
    """A Markdown table row's cells (an escaped \\| stays in its cell)."""
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") and not line.endswith("\\|") else line
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)]


def _tables(body: str) -> Iterator[tuple[int, list[str], list[list[str]]]]:
    """Each Markdown table of ``body``, outside code blocks as Python-Markdown reads them
    (``source.fenced_lines``: a fence never closed hides nothing; a lone ~~~ above a table of
    names and phones hid it from the check, and the page showed it): (the header's line
    index, its cells, its rows' cells)."""
    written = body.split("\n")
    fenced = fenced_lines(written)
    lines = [_CONTAINER.sub("", line) for line in written]
    index = 0
    while index < len(lines):
        line = lines[index]
        if (
            index not in fenced
            and "|" in line
            and index + 1 < len(lines)
            and _TABLE_RULE.match(lines[index + 1])
            and "-" in lines[index + 1]
        ):
            at, rows = index, []
            index += 2
            while index < len(lines) and lines[index].strip() and "|" in lines[index]:
                rows.append(table_cells(lines[index]))
                index += 1
            yield at, table_cells(line), rows
            continue
        index += 1


class _HtmlTables(HTMLParser):
    """The tables written in HTML in a body (<table><tr><th>小组</th>…): (the line index of
    each <table>, its rows' cells as text). The sanitizer keeps them, and the page shows them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[int, list[list[str]]]] = []
        self.open: list[list[list[str]]] = []  # the rows of each table being read (nested ones too)
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            rows: list[list[str]] = []
            self.tables.append((self.getpos()[0] - 1, rows))
            self.open.append(rows)
        elif tag == "tr" and self.open:
            self.open[-1].append([])
        elif tag in ("td", "th") and self.open and self.open[-1]:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.open and self.open[-1]:
            self.open[-1][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table" and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _html_tables(body: str) -> Iterator[tuple[int, list[str], list[list[str]]]]:
    """Each table of ``body`` written in HTML, as ``_tables`` gives a Markdown one."""
    reader = _HtmlTables()
    reader.feed(body)
    reader.close()
    for at, rows in reader.tables:
        if len(rows) > 1:
            yield at, rows[0], rows[1:]


def named_columns(labels: list[str]) -> tuple[str, str]:
    """Columns as messages name them: “负责人”“联系电话”, and 这一列, 这两列 or 这几列 (the
    check's contact-column and the import's report of the columns it left out)."""
    return "".join(f"“{label}”" for label in labels), {1: "这一列", 2: "这两列"}.get(len(labels), "这几列")


def contact_tables(body: str, diags: DiagnosticList, body_line: int) -> set[int]:
    """An error at the header of each table of ``body`` with columns of people to contact
    (``contact_columns``); the lines reported (``contact_lines`` says no more of them)."""
    reported: set[int] = set()
    markdown = _tables(body) if "|" in body else iter(())
    html = _html_tables(body) if "<table" in body.lower() else iter(())
    for kind, (at, header, rows) in [*(("md", t) for t in markdown), *(("html", t) for t in html)]:
        columns = contact_columns(header, rows)
        if not columns:
            continue
        line = body_line + at
        reported.add(line)
        named, these = named_columns([column_label(header[i]) for i in columns])
        how = (
            f"在这一行、下面的 | --- | 那一行和表格的每一行里，都删掉{these}的格子（连同格子旁的一条竖线“|”），删完每行的竖线数目要一样"
            if kind == "md"
            else f"在表格的每一行（<tr> 里）都删掉{these}的格子（<th>…</th> 或 <td>…</td>）"
        )
        first = "这一行是一个表格的第一行（写各列名称的那一行），表格里" if kind == "md" else "从这一行（<table>）开始的表格里，"
        held = personal_words([header[i] for i in columns])
        diags.error(
            line,
            "contact-column",
            f"{first}{named}{these}写的是个人的{held}：{CASE_WORDS.public}，不能{CASE_WORDS.into}。",
            f"删掉{these}：{how}；也可以把整个表格改写成一段话，只写做了什么，不写个人的{held}。" + CASE_WORDS.instead,
        )
    return reported


_MOBILE = re.compile(r"(?:86)?1[3-9][0-9]{9}")
# the brackets an ID's check X may be written in: 43010219900101106(X), （X）, [X], 【X】
_OPEN_BRACKET = re.compile("[(\uff08\\[\uff3b\u3010\u3008\u300a\ufe59\u3014]")  # ( （ [ ［ 【 〈 《 ﹙ 〔
_CLOSE_BRACKET = "[)\uff09\\]\uff3d\u3011\u3009\u300b\ufe5a\u3015]"
_SPACE = "[ \t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"  # line and paragraph separators show as a break
_BRACKETED_X = f"{_OPEN_BRACKET.pattern}{_SPACE}*[Xx]{_SPACE}*{_CLOSE_BRACKET}"  # what a run takes (_CHECK_X) and what a star ends with
_STARRED_X = f"(?:[0-9Xx]|{_BRACKETED_X})"  # a starred number's last character


def _sentinel(text: str) -> str:
    """What each starred digit is until ``mask_numbers`` ends: a character of Unicode's
    private use that ``text`` does not have (U+F8FF is Apple's logo, a review), so that the
    later passes never read a star of their own as Markdown's emphasis (138****5678 read as
    138 and 5678 around nothing lost the last digits: a review)."""
    return next(char for char in map(chr, range(0xF8FF, 0xDFFF, -1)) if char not in text)


def mask_numbers(text: str, star: str = "*") -> tuple[str, int]:
    """``text`` with the middle digits of each mobile and ID number starred (138****5678),
    and how many there were: what an import writes into a public case folder (with the
    full-width ``star`` ＊, which Markdown does not read as emphasis). A stretch after a
    right-to-left override (U+202E) is written as it shows, forwards, first.

    Three passes, each finding what the one before could not: numbers in digits as
    written; then with Chinese numerals read as digits (电话13812345678一直打不通: with 一
    as a digit the run was twelve digits, no number, a review); then the numbers the page
    shows whole where markup splits them (``_mask_shown``)."""
    if "\u202e" in text:  # 欢迎拨打\u202e00083100831 shows a whole number (a security review)
        text = _RIGHT_TO_LEFT.sub(lambda match: match.group(1)[::-1], text)
    mark = _sentinel(text)
    masked, count = _mask_digits(text, mark, han=False)
    if _OTHER_DIGIT_ONLY.search(masked):
        masked, more = _mask_digits(masked, mark, han=False, apart=True)
        count += more
    if any(char in _HAN_DIGITS for char in masked):
        masked, more = _mask_digits(masked, mark, han=True)
        count += more
    if any(char in masked for char in _MARKUP_CHARS) or not masked.isascii():
        for han in (False, True) if any(char in _HAN_DIGITS for char in masked) else (False,):
            masked, more = _mask_shown(masked, mark, han=han)
            count += more
    return masked.replace(mark, star), count


def quoted(value: object, limit: int = 40) -> str:
    """``value`` as a message quotes it (``shorten``), its personal numbers starred before it
    is cut: starred after, a number cut at the limit kept its first digits whole, too few
    for a number (an import's report quoted 欢迎…13812…)."""
    return shorten(mask_numbers(value)[0] if isinstance(value, str) else value, limit)


def _mask_digits(text: str, mark: str, *, han: bool, apart: bool = False) -> tuple[str, int]:
    """``mask_numbers``' first passes: each number found in the text's digits (``han``: its
    Chinese numerals too, as the check reads them) written starred (``mark``) in its place,
    whatever spaces, marks or invisible characters were between its digits. ``apart``: other
    digits (①, ¹) read as no digit, as beside a number (①13812345678: the check's ``source``)."""
    # one character for one: offsets stay those of ``text``
    plain = ascii_digits(_apart(text) if apart else text)
    if han:
        plain = han_as_digits(plain)
    if may_have_format_characters(plain):  # shown as nothing: 1\u200b3\u200b8… is a whole number to a reader (a security review)
        plain = _format_pattern().sub(lambda match: " " * len(match.group(0)), plain)
    parts: list[str] = []
    last = count = 0
    for number in sorted(find_numbers(plain), key=lambda n: n.offset):
        if number.offset < last:
            continue
        places = _number_places(plain, number)
        starred = number.masked.replace("*", mark)
        if number.digits.endswith("X") and _OPEN_BRACKET.search(
            text, places[-2], places[-1]
        ):  # its X in brackets: kept in them, (X) not X)
            starred, places[-1] = starred[:-1], places[-2]
        parts += [text[last : places[0]], starred]
        last, count = places[-1] + 1, count + 1
    parts.append(text[last:])
    return "".join(parts), count


def _number_places(text: str, number: Number) -> list[int]:
    """The offsets in ``text`` of ``number``'s own digits (not a +86 before them), whatever
    is between them: the masks write each number in place of these."""
    places: list[int] = []
    seen, at = "", number.offset
    while at < len(text) and not seen.endswith(number.digits.upper()):
        if text[at].isdigit() or text[at] in "Xx":
            seen += text[at].upper()
            places.append(at)
        at += 1
    return places[-len(number.digits) :]


_ENTITY_END = re.compile(r"&#?[0-9A-Za-z]+;")


def _mask_shown(text: str, mark: str, *, han: bool = False) -> tuple[str, int]:
    """``text`` with the middle digits starred of each number its page shows whole where
    markup or marks split it in the text (138**1234**5678, 1381<u>234</u>5678, 138⃣1234…:
    what the check reads, ``reader_view``), each digit where it is, the markup kept. The
    import wrote such numbers whole into the draft in the public cases folder (the check
    then held the case back: a security review). A number with a middle digit that is not
    a digit in the text (an entity, &#49;) is written starred whole in its place instead,
    the markup inside it dropped: starred around the entity, the page showed ten of its
    eleven digits (a review). ``han``: Chinese numerals read as digits (一三八**一二三四**…).
    A number found twice (an ID in a list of them) is starred once."""
    view = reader_view(text)
    if not view.near_digits and not han:  # nothing was taken out beside a digit (it looks at 0-9 only)
        return text, 0
    shown = han_as_digits(view.text) if han else view.text  # character for character
    chars = list(text)
    spans: list[tuple[int, int, str]] = []  # numbers written whole again: (start, end, starred)
    last = count = 0
    for number in sorted(find_numbers(shown), key=lambda n: n.offset):
        if number.offset < last:  # this number's digits are another's, found before
            continue
        own = _number_places(shown, number)  # in the view
        last, count = own[-1] + 1, count + 1
        hidden = [view.source_offset(place) for place, digit in zip(own, number.masked, strict=True) if digit == "*"]
        if all(source < len(chars) and chars[source] in _PLAIN_DIGITS for source in hidden):
            for source in hidden:
                chars[source] = mark
        else:  # from its first digit to the end of its last, an entity's ; included: not the markup after it
            begin, end = view.source_offset(own[0]), view.source_offset(own[-1])
            entity = _ENTITY_END.match(text, end) if text[end] == "&" else None
            spans.append((begin, entity.end() if entity else end + 1, number.masked.replace("*", mark)))
    for begin, end, starred in sorted(spans, reverse=True):
        chars[begin:end] = list(starred)
    return "".join(chars), count


# A number with its middle starred, as an import leaves one (mask_numbers) and as people
# write one to publish: 138****5678, 440106********1234, 4401**********123X. Part of a
# person's number is still personal data; no practice case needs it.
# A mobile number after +86 or 86 too, as the import stars it (+86138****5678: a code review).
_STARRED = re.compile(
    r"(?<![0-9A-Za-z])(?:\+?0*86[ -]?|0+)?(?P<number>1[3-9][0-9][*＊]{4}[0-9]{4}|[0-9]{2,6}[*＊]{4,14}[0-9]{3}"
    + _STARRED_X
    + r")(?![0-9A-Za-z*＊])"
)
# As the page shows one: spaces, a separator or a line end between its groups and its
# stars, once markup between them is gone (**138** ＊＊＊＊ 5678, 138＊<u>＊＊＊</u>5678,
# **139**-＊＊＊＊-5678, 110105 **＊＊＊＊** ＊＊＊＊ 002X: what the import leaves of numbers
# markup split, a review published each).
_STAR_GAP = "[ \t\u00a0\u3000\n\\-.,，/／·()（）|｜]{0,3}"
_STARRED_SHOWN = re.compile(
    rf"(?<![0-9A-Za-z])(?:\+?0*86[ -]?|0+)?(?P<number>1[3-9][0-9]{_STAR_GAP}[*＊](?:{_STAR_GAP}[*＊]){{3}}{_STAR_GAP}[0-9]{{4}}"
    rf"|[0-9]{{2,6}}{_STAR_GAP}[*＊](?:{_STAR_GAP}[*＊]){{3,13}}{_STAR_GAP}[0-9]{{3}}(?:{_SPACE}*{_BRACKETED_X}|{_STAR_GAP}[0-9Xx]))(?![0-9A-Za-z*＊])"
)
# Hidden as people hide one: with x or × as well as stars (138xxxx5678, 138××××5678,
# 440106xxxxxxxx1234), spaces, a dash or a dot between the parts (138 **** 5678,
# 138-xxxx-5678, 138－xxxx－5678, 138.xxxx.5678), a Markdown escape before each star
# (138\*\*\*\*5678, as pandoc writes one), bold around it (**138xxxx5678**), zeros before it
# (0138xxxx5678), the birth date or the end hidden (4401061990****1234, 440106****0101123X,
# 1381234****), ● ★ ※ and the like written close (138●●●●5678): each passed. So that a
# table of ratings or ticks is none (| 48 | ●●●●○ | 1260 |, 服务 156 ★★★★ 3200 人次,
# ***15000000*** 元: two reviews found such lines refused by earlier versions), the marks
# are one kind throughout, nothing but spaces, a dash or a dot stand between the parts (not
# a table's |, not a line end), a symbol's marks stand close to the digits, a number whose
# end is hidden has four marks exactly (139xxxxxxxx, 52440106xxxxxxxxxx are forms' blanks),
# and the whole has a number's shape: a mobile number's 11 places from 1[3-9] and three
# digits at least, or an ID number's 18 (15) from a province's code.
_LETTER_MARKS = "*＊xX×"  # with gaps
_SYMBOL_MARKS = "●○•◯■□★☆∗﹡✱⚫⬤※◆█"  # close to the digits: ratings and bullets are spaced
_HIDING = _LETTER_MARKS + _SYMBOL_MARKS
_HIDE_GAP = f"{_SPACE}*(?:[-\u2010-\u2015\u2212\uff0d~\uff5e.]{_SPACE}*)?"


def _hidden(gap: str, marks: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A mobile and an ID number with part of it hidden by one of ``marks``, ``gap`` between its
    parts; each match's places are counted by ``_hidden_numbers``."""
    provinces = "|".join(sorted(_id_rules()[0]))
    mark, more = rf"\\?(?P<mark>[{marks}])", rf"(?:{gap}\\?(?P=mark))"
    end = rf"(?![0-9A-Za-z]|{more})"  # the marks end the number: no more of them
    mobile = re.compile(
        rf"(?<![0-9A-Za-z])(?:\+?0*86{gap}|0{{1,4}})?(?P<number>1[3-9][0-9]{{1,6}}{gap}{mark}{more}{{2,7}}"
        rf"(?:(?P<tail>{gap}[0-9]{{1,5}})(?![0-9A-Za-z])|{end}))"
    )
    identity = re.compile(
        rf"(?<![0-9A-Za-z])(?P<number>(?:{provinces})[0-9]{{0,14}}{gap}{mark}{more}{{2,15}}"
        rf"(?:(?P<tail>{gap}[0-9]{{1,14}}(?:[Xx]|{_SPACE}*{_BRACKETED_X})?|{gap}[Xx])(?![0-9A-Za-z])|{end}))"
    )
    return mobile, identity


@cache
def _hidden_patterns() -> tuple[re.Pattern[str], ...]:
    """``_hidden`` with letters and stars, gaps allowed, and with symbols close (data/
    personal-numbers.yml: ``id_number_provinces``): mobile, ID, mobile, ID."""
    return (*_hidden(_HIDE_GAP, _LETTER_MARKS), *_hidden("", _SYMBOL_MARKS))


_STARRED_CHARS = re.compile(f"[^0-9Xx{_HIDING}]")  # what is not a number's digit or mark
# Three marks of one kind close together, which every hidden number has: a text without them
# (nearly every case) is not read by the four patterns, which cost a quarter of the check.
_THREE_MARKS = re.compile(rf"([{_HIDING}])(?:{_HIDE_GAP}\\?\1){{2}}")


def _whole_starred(pattern: re.Pattern[str], view: str) -> Iterator[re.Match[str]]:
    """The matches of a starred number's ``pattern`` (``_STARRED``, ``_STARRED_SHOWN``) in ``view``
    with a whole number's places: 11, 15 or 18."""
    return (match for match in pattern.finditer(view) if len(_STARRED_CHARS.sub("", match.group("number"))) in (11, 15, 18))


def _hidden_numbers(view: str) -> Iterator[re.Match[str]]:
    """The numbers of ``view`` hidden in part (``_hidden_patterns``), of a mobile number's
    11 places or an ID number's 15 or 18; one whose end is hidden has four marks."""
    if _THREE_MARKS.search(view) is None:
        return
    for number, pattern in enumerate(_hidden_patterns()):
        places = (15, 18) if number % 2 else (11,)
        for match in pattern.finditer(view):
            kept = _STARRED_CHARS.sub("", match.group("number"))
            if len(kept) in places and (match.group("tail") is not None or kept.count(match.group("mark")) == 4):
                yield match


def _starred_numbers(text: str) -> list[tuple[int, str]]:
    """(offset, as written or shown) of each starred number of ``text``, in order: as written
    (１３９＊＊＊＊５６７８ too), and as the page shows it where markup splits it (what
    ``mask_numbers`` leaves of 电话 **138** 1234 5678), Chinese numerals read as digits."""
    as_digits = ascii_digits(text)
    views = (as_digits, ascii_digits(_apart(text))) if as_digits is not text and _OTHER_DIGIT_ONLY.search(text) else (as_digits,)
    spans = sorted(
        (match.start(), match.end())
        for digits in views  # and beside other digits: ①138＊＊＊＊5678
        for match in (*_whole_starred(_STARRED, digits), *_hidden_numbers(digits))
    )
    found: list[tuple[int, str]] = []
    last = -1
    for begin, end in spans:  # a number read by two patterns (86—138****5678, 138****5678) is one
        if begin >= last:
            found.append((begin, text[begin:end]))
        last = max(last, end)
    # Only the import's full-width stars: ``*`` is Markdown's emphasis in nearly every body,
    # and reading each body's view for it cost a quarter of a case's check (a profile)
    # Or another kind of mark (**138**xxxx5678: a review): only where three are close, rare in a case
    hiding = "＊" in text or _THREE_MARKS.search(text) is not None
    if hiding and (any(char in text for char in _MARKUP_CHARS) or _UNUSUAL.search(text) or may_have_format_characters(text)):
        view = reader_view(text)
        shown = han_as_digits(view.text)
        written = [(begin, begin + len(number)) for begin, number in found]
        for match in (*_whole_starred(_STARRED_SHOWN, shown), *_hidden_numbers(shown)):
            begin, end = view.source_offset(match.start()), view.source_offset(match.end() - 1) + 1
            if not any(begin < other_end and other_begin < end for other_begin, other_end in written):
                found.append((begin, view.text[match.start() : match.end()]))
                written.append((begin, end))
        found.sort()
    return found


def masked_numbers(
    text: str, diags: DiagnosticList, first_line: int = 1, *, publishing: bool = False, wording: Wording = CASE_WORDS
) -> None:
    """A reminder on each line of ``text`` with a starred mobile or ID number (138****5678),
    which the number check cannot read and an import leaves for the editor to remove; an
    error in a text being ``publishing`` (a case sent to review or published, collections.yml), as
    the template's placeholders are: a helper's trial published 手机139****5678 beside the
    contact's name, with a warning at every step."""
    by_line: dict[int, list[str]] = {}
    line, counted = first_line, 0
    for offset, shown in _starred_numbers(text):  # offsets are those of ``text``; a line's numbers in one reminder
        line += text.count("\n", counted, offset)
        counted = offset
        by_line.setdefault(line, []).append(shown)
    delete = (
        "删掉整个号码。如果这句话就是为了给出某个人的电话（例如“儿子电话 139****5678”），整句删掉，不要只删号码留下半句。"
        f"{wording.masked_origin}需要联系方式时写单位的办公电话或公众号。"
    )
    for line, numbers in by_line.items():
        shown = "、".join(numbers[:5]) + ("等" if len(numbers) > 5 else "")
        which = f"一个遮住了几位的号码（{numbers[0]}）" if len(numbers) == 1 else f" {len(numbers)} 个遮住了几位的号码（{shown}）"
        if publishing:
            diags.error(
                line,
                "masked-number",
                f"{wording.here}有{which}，像是藏起了一部分的手机号码或身份证号码：个人的号码，露出的一部分也不能公开。",
                delete,
            )
        else:
            diags.warning(
                line,
                "masked-number",
                f"{wording.here}有{which}，像是藏起了一部分的手机号码或身份证号码：个人的号码，露出的一部分也不宜公开。",
                delete + "草稿可以先留着；提交审核（status: review）之前要删掉。",
            )


# An e-mail address, as written or in a mailto: link (a full-width ＠ too, as an input method
# types it). A person's is contact data like a mobile number (a QQ mailbox is the QQ number);
# an organization's public one may be published: a reminder, not an error.
# Not a picture's or a file's name (logo@2x.png, a phone's "IMG@1.jpg").
_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]{1,64} ?@ ?[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*"
    r"\.(?!(?:png|jpe?g|jfif|gif|webp|avif|svg|heic|heif|tiff?|bmp|pdf|docx?|xlsx?|pptx?|zip|md|mp4|mov)\b)[A-Za-z]{2,24}\b",
    re.ASCII | re.IGNORECASE,
)


# Read as ASCII, one character for one (so a match's place is the text's): an address typed
# in the input method's full-width mode (ｗａｎｇ＠ｑｑ．ｃｏｍ), or with its 。 (qq。com), and
# one spaced around its @ passed without a word (a hostile-input review).
_FOLD = HALF_WIDTH | {0x3002: ord("."), 0x3000: ord(" ")}


def _email_matches(text: str) -> Iterator[re.Match[str]]:
    return _EMAIL.finditer(text.translate(_FOLD))


def _written(text: str, match: re.Match[str]) -> str:
    """The address as ``text`` writes it (the match is of its folded copy)."""
    return text[match.start() : match.end()]


def masked_address(address: str) -> str:
    """An e-mail address as a message names it: the first two characters of its name, then
    ``***`` (12***@qq.com): said whole, a QQ number went into every log of the check."""
    name, at, domain = address.partition("@") if "@" in address else address.partition("＠")
    return f"{name.strip()[:2]}***{at}{domain.strip()}"


def _email_warning(diags: DiagnosticList, line: int, addresses: list[str], where: str) -> None:
    """One reminder for the addresses of one line (or file name, or photo), each masked."""
    several = len(addresses) > 1
    shown = "、".join(masked_address(a) for a in addresses[:5]) + ("等" if len(addresses) > 5 else "")
    which = f" {len(addresses)} 个邮箱地址（{shown}）" if several else f"邮箱地址 {shown}"
    qq = "（QQ 邮箱的前半部分常常就是 QQ 号）" if any(a.translate(_FOLD).lower().endswith("qq.com") for a in addresses) else ""
    diags.warning(
        line,
        "email-address",
        f"{where}有{which}：个人的邮箱{qq}和手机号码一样，是不能公开的联系方式。",
        "个人的邮箱请删掉（连同“发邮件给……”这样的链接），单位对外公开的邮箱可以留着；都是单位公开的邮箱时，可以忽略这条提醒。"
        if several
        else "是个人的邮箱，就删掉它（连同“发邮件给……”这样的链接）；是单位对外公开的邮箱，可以忽略这条提醒。",
    )


def _addresses(text: str) -> list[str]:
    """The addresses of ``text``, each once (a mailto: link's address shown as its text too)."""
    return list(dict.fromkeys(_written(text, match) for match in _email_matches(text)))


def email_addresses(
    text: str,
    diags: DiagnosticList,
    first_line: int = 1,
    names: Iterable[tuple[str, int]] = (),
    photos: Iterable[tuple[str, int, str]] = (),
    wording: Wording = CASE_WORDS,
) -> None:
    """A reminder on each line of ``text`` with e-mail addresses, every one of the line in it
    (a helper's trial: a worker's own address in a Word file's link was imported and
    published, with no word; another's: the organization's address was named, a volunteer's
    after it on the same line was not, and the hint said the organization's may stay), and for
    each file name of the case folder and each photo's metadata that has one (as numbers are
    read there)."""
    if "@" in text or "＠" in text:
        by_line: dict[int, list[str]] = {}
        for line, match in _lines_of(text, _email_matches(text), first_line):
            if _written(text, match) not in by_line.setdefault(line, []):
                by_line[line].append(_written(text, match))
        for line, addresses in by_line.items():
            _email_warning(diags, line, addresses, wording.here)
    for name, line in names:
        if found := _addresses(name):
            shown = name
            for address in found:
                shown = shown.replace(address, masked_address(address))
            _email_warning(diags, line, found, f"案例文件夹里的文件名“{shown}”里")
    for src, line, words in photos:
        if found := _addresses(words):
            _email_warning(diags, line, found, f"照片 {src} 的文件信息（EXIF、XMP）里")


# -- the text as readers see it ---------------------------------------------------------

# between two digits of one number: spaces, with at most three of: a hyphen, dot, wave dash,
# bullet, plus or bracket, or one line end (138-1234-5678, (138)1234-5678, 138---1234---5678).
# Not commas, 、 or slashes: 服务135、2360、4100人次 and 156/2360/4100 are lists of figures. Not
# colons: 2024.4.1 8:00-9:00 10:00-11:30 is a schedule (a diff review); 138：0013：8000 is
# ``_COLON_MOBILE``.
# The small, doubled and heavy dashes (﹣ ﹘ ⸺ ⸻ ⹀ ➖) and the ideographic full stop (138。1234。5678)
# too: a security review wrote numbers past the check with each. And every other kind of
# bracket ([ ] { } < > ［ ］ ｛ ｝ 【 】 〔 〕 〈 〉 《 》): plain, Markdown drops [ and ] as markup and
# the number was found joined, but escaped (138\[0013\]8056) the page shows them (a review).
_SEPARATOR = (
    "[-\u2010-\u2015\u2212\uff0d\u2043.\uff0e\u00b7\u30fb\uff65\u2022\u2027\u2219~\uff5e\u301c+\uff0b()\uff08\uff09"
    "\ufe58\ufe63\u2e3a\u2e3b\u2e40\u2796\u3002\uff61"
    "\\[\\]{}<>\uff3b\uff3d\uff5b\uff5d\u3010\u3011\u3014\u3015\u3008\u3009\u300a\u300b]"
)
# Any number of spaces: the page shows a run of them as one (a review wrote 138    1234    5678,
# four spaces, and the published summary read 138 1234 5678). Linear: a gap's spaces,
# separators and line end are distinct characters, so no way of matching one is tried twice.
_GAP = f"{_SPACE}*(?:(?:{_SEPARATOR}{_SPACE}*){{1,3}}|\n{_SPACE}*)?"  # one line end: not two paragraphs
# An ID's check digit X after spaces, a dash or a dot too (43010219900101106 X, or an
# invisible character before it, which the import reads as a space): the run took 17
# digits, no number (a review). Not after a line end, and not an X that multiplies (编号 44030620230815001 × 2, x 3 户: × reads as
# X) or begins X光: a code of 17 digits is written so, and 1 in 11 makes a valid ID.
_X_MARK = "[-\u2010-\u2015\u2212\uff0d.\uff0e/\uff0f\u00b7\u30fb]"  # and / ／ · ・ (a second review)
_X_AFTER = f"(?![A-Za-z0-9])(?!{_SPACE}*[0-9])(?!光)"
# In brackets too, closed right after it (43010219900101106(X), （X）): 17 digits alone were
# neither refused nor masked, and they are the whole number but its check (a review); the
# import keeps the brackets (``_mask_digits``) and the check reads it starred (``_STARRED_X``); ``_BRACKETED_X``, with the brackets.
_CHECK_X = f"(?:[Xx](?![A-Za-z0-9])|{_SPACE}*(?:{_X_MARK}{_SPACE}*)?[Xx]{_X_AFTER}|{_SPACE}*{_BRACKETED_X})?"
# eleven digits or more, close together: where a number may be
_RUN = re.compile(f"[0-9](?:{_GAP}[0-9]){{10,}}+{_CHECK_X}")
_GROUP = re.compile(r"[0-9]+[Xx]?|[Xx]")
# A mobile number with colons between its groups (138：0013：8000), in the 3-4-4 groups it is
# read in and no other: a time of day has groups of one or two digits (8:00, 1:35:20).
# Equals signs the same way (138=1234=5678, ＝ too), and only so: as a separator anywhere
# they would join a sum's figures (合计 1500 = 1200 + 300 read as the mobile 150 0120 0300).
_COLON = f"{_SPACE}*[:：\u2236\ufe55\ufe13=\uff1d]{_SPACE}*"
_COLON_MOBILE = re.compile(f"(?<![0-9])0*1[3-9][0-9]{_COLON}[0-9]{{4}}{_COLON}[0-9]{{4}}(?![0-9])")
# a number written in Chinese numerals, as some write a phone number to slip past a check
# (一三八一二三四五六七八, 幺三八 幺二三四 五六七八, 138一二三四5678): read digit for digit
# and the capital numerals of cheques and receipts (大写: 壹叁捌…), simplified and traditional
_HAN_DIGITS = "〇零一二三四五六七八九幺" + "壹贰貳叁參肆伍陆陸柒捌玖" + "○两叄"  # ○ written for 〇
_HAN_RUN = re.compile(f"[0-9{_HAN_DIGITS}](?:{_GAP}[0-9{_HAN_DIGITS}]){{10,}}+{_CHECK_X}")  # an ID's check X
_HAN_TO_ASCII = str.maketrans(_HAN_DIGITS, "00123456789" + "1" + "122334566789" + "023")
# 周一三五, 星期二、四: days of the week, not a number's digits (每周一三五 0830-1130 was read
# as the mobile number 135 0830 1130: a review)
_WEEKDAYS = re.compile("(?:(?<=周)|(?<=星期)|(?<=礼拜)|(?<=逢))[一二三四五六七日天、，,至到和及]+")  # 逢一三五: on those days


def han_as_digits(text: str) -> str:
    """``text`` with its Chinese numerals as ASCII digits, character for character (offsets
    unchanged), but for days of the week (written as 周)."""
    if "周" in text or "期" in text or "拜" in text or "逢" in text:
        text = _WEEKDAYS.sub(lambda match: "周" * len(match.group(0)), text)
    return text.translate(_HAN_TO_ASCII)


# a number's digits as ``_mask_shown`` stars them where they are
_PLAIN_DIGITS = frozenset("0123456789Xx" + "０１２３４５６７８９Ｘｘ" + _HAN_DIGITS)


def _han_numbers(text: str) -> Iterable[tuple[int, Number]]:
    """Numbers written with Chinese numerals (some or all of their digits), each with its offset."""
    digits: str | None = None  # the whole text as digits, read once: a day of the week is told by the word before it
    for run in _HAN_RUN.finditer(text):
        if any(char in _HAN_DIGITS for char in run.group(0)):
            digits = han_as_digits(text) if digits is None else digits
            for number in find_numbers(digits[run.start() : run.end()]):
                yield run.start() + number.offset, number


# What an ID's check digit X is written as to slip past a check (a security review): the
# letters that look like it (Cyrillic Х х, Greek Χ χ), the multiplication signs (× ✕ ✖ ╳),
# and every character NFKC reads as X (full-width Ｘ, Roman numeral Ⅹ, circled Ⓧ, the
# mathematical 𝐗 𝑋 …, superscript ˣ). Read as X in the view that finds numbers.
_X_LIKE = "\u0425\u0445\u03a7\u03c7\u00d7\u2715\u2716\u2573" + "".join(
    chr(code) for code in (
        0x2E3, 0x2093, 0x2169, 0x2179, 0x24CD, 0x24E7, 0xFF38, 0xFF58, 0x1F147,
        *range(0x1D417, 0x1D6A2, 0x1A), *range(0x1D431, 0x1D6A2, 0x1A),
    )
)  # fmt: skip


# digits other than 0-9 that people type or paste: full-width (Chinese input methods, with
# Ｘ), the "fancy font" digits of mathematical bold, double-struck … (𝟏𝟑𝟖), Arabic-Indic,
# superscript and subscript (¹³⁸, ₁₃₈), circled and parenthesized (①③⑧, ❶❸❽, ⑴, ⒈; one
# digit each: ⑩ and above are not digits). A short class: searching every text for all
# of Unicode's digits costs several times more, for scripts no case is written in.
_OTHER_DIGITS = (
    "\uff10-\uff19\U0001d7ce-\U0001d7ff\u0660-\u0669\u06f0-\u06f9"
    "\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089"
    "\u2460-\u2468\u24ea\u2474-\u247c\u2488-\u2490\u24f5-\u24fd\u2776-\u277e\u2780-\u2788\u278a-\u2792"
)
_OTHER_DIGIT = re.compile(f"[{_OTHER_DIGITS}{_X_LIKE}]")
# the digits alone (not the X's look-alikes: × between figures is no gap), read as beside a number
_OTHER_DIGIT_ONLY = re.compile(f"[{_OTHER_DIGITS}]")


def _apart(text: str) -> str:
    """``text`` with its other digits (①, ¹, ５) as spaces, character for character: a number
    beside one, not joined with it (①13812345678 is an item's mark and a mobile number)."""
    return _OTHER_DIGIT_ONLY.sub(lambda match: " " * len(match.group(0)), text)


# what the reader's view drops or decodes, in one pass: complete comments, tags, link
# targets, emphasis/code/link markup, attribute lists ({: .x}, {#id}), Markdown escapes,
# entities (\x00 parts the texts read at once). Entities as HTML reads them: a number
# of any length, with or without its semicolon (&#49&#51 and &#00049; are 13 and 1 on
# the page, as the sanitizer writes them: a security review). Written to start with one
# character class, which the engine scans for quickly; the lookbehinds then tell which
# construct it is.
_MARKUP_ALL = re.compile(
    r"[<\]*_~`\[\\&{](?:"
    r"(?<=<)(?:!--[^\x00]*?-->|/?[A-Za-z][^<>\x00]*>)"
    r"|(?<=\])\([^()\n]*\)"
    r"|(?<=[*_~`\[\]])[*_~`\[\]]*"
    r"|(?<=\\)[!-/:-@\[-`{-~]"
    r"|(?<=&)(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{1,31};?)"
    r"|(?<=\{)(?::[^{}\n]*|[#.][^{}\n]*)\}"
    r")"
)
_MARKUP_NO_COMMENT = re.compile(_MARKUP_ALL.pattern.replace(r"!--[^\x00]*?-->|", "", 1))  # for ``commented``
_MARKUP_START = re.compile(r"[<\]*_~`\[\\&{]")
_MARKUP_CHARS = ("<", "](", "\\", "&", "*", "_", "~", "`", "[", "{")
# Shown as nothing, though not format characters: variation selectors (after a digit or a
# Han character, 138\ufe001234), the combining grapheme joiner, Hangul and Mongolian
# fillers, and combining marks (a keycap 1\ufe0f\u20e3, an underline 1\u0332).
_MARKS_CLASS = (
    "\u034f\ufe00-\ufe0f\U000e0100-\U000e01ef\u3164\u115f\u1160\uffa0\u180b-\u180f"
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
_MARKS = re.compile(f"[{_MARKS_CLASS}]+")
# Characters that look like others and mean them (NFKC): Kangxi radicals and CJK radicals
# (⽰ is 示), compatibility ideographs (U+F9B5 is 例), enclosed and parenthesized
# ideographs and numbers (㊀ is 一, ㈠ is (一)).
_COMPATIBLE_CLASS = "\u2e80-\u2fdf\u3200-\u33ff\uf900-\ufaff\U0002f800-\U0002fa1f"
_COMPATIBLE = re.compile(f"[{_COMPATIBLE_CLASS}]+")
_INVISIBLE_MARK = "\x00-\x1f\x7f-\x9f\u00ad\u061c\u17b4\u17b5\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
# Any other mark, the same twice, between a mobile number's 3-4-4 groups (138|1234|5678,
# 137｜1234｜5678, 136丨1234丨5678, 138#1234#5678, 138→1234→5678): a security review
# published 138|1234|5678 in a summary, in the page, the feeds and the catalog. Not the
# marks that list figures (commas, 、, slashes, semicolons), nor those _GAP and _COLON read
# already; an ASCII bar of a Markdown table row separates cells (``_TableRows``).
# A mark one sees: not a character shown as nothing (those are read as the reader's view).
_MARK = f"(?!{_SEPARATOR}|[:：\u2236\ufe55\ufe13=\uff1d])(?:[^\\w\\s,，、/／;；﹔{_INVISIBLE_MARK}{_MARKS_CLASS}]|丨|_)"
# A Markdown escape before it (138\|1234\|5678) is part of the mark: an escaped bar is never a cell's edge.
# The underscore too, which ``\w`` counts as a letter: plain, Markdown drops it as emphasis and
# the number was found joined; escaped (138\_0013\_8049, 138&#95;0013&#95;8049) the page shows
# it, and the number was published (a security review).
_MARK_MOBILE = re.compile(
    f"(?<![0-9])0*1[3-9][0-9]{_SPACE}*(?P<mark>\\\\?{_MARK}){_SPACE}*[0-9]{{4}}{_SPACE}*(?P=mark){_SPACE}*[0-9]{{4}}(?![0-9])"
)
# An ID number's groups with such a mark, the same each time, between them (110105|19491231|002X,
# 110105｜1949｜1231｜002X): any groups, read as a run's are (``_run_numbers``), and only an ID
# kept: a province code and a real date of birth leave nothing else 15 or 18 digits long.
_MARK_RUN = re.compile(
    f"(?<![0-9])[0-9]+{_SPACE}*(?P<mark>\\\\?{_MARK}){_SPACE}*[0-9]+(?:{_SPACE}*(?P=mark){_SPACE}*[0-9]+)*"
    f"(?:[Xx]|{_SPACE}*(?:(?:(?P=mark)|{_X_MARK}){_SPACE}*)?[Xx]{_X_AFTER})?(?![0-9A-Za-z])"  # 002X, 002 X, 002|X, 002-X
)
# Commas, 、, slashes and semicolons list figures (服务135、2360、4100人次, 156/2360/4100), so
# between a mobile number's 3-4-4 groups a comma, slash or semicolon (half- or full-width, the
# same kind twice; not 、, which lists figures far more than it parts a number) is read as one
# number only after a word that names one, a label's few characters before it (电话139/1234/5678,
# 手机：139,8765,4321, 电话/微信：139/1234/5678, 服务热线：** 139/1234/5678: a security review
# published the first two), and not before a unit (手机充值 150/1000/2000 元, 电话回访135/2360/4100
# 人次 are figures: a review). Between an ID number's groups any of them, only when they make a
# valid one, its check digit too (430102/19900101/1238): no list of figures is that by chance.
_LIST_MARK = "[,，、/／;；﹔]"
_LIST_KIND = str.maketrans("，／；﹔", ",/;;")  # a mark as its half-width kind
_NUMBER_WORDS = ("电话", "手机", "联系", "热线", "座机", "号码", "拨打", "致电")
_NUMBER_WORD = "|".join(f"{_SPACE}*".join(word) for word in _NUMBER_WORDS) + "|[Tt]el|TEL|\u260e|\U0001f4de"
_BREAK = f"{_SPACE}*\n?{_SPACE}*"  # a line end inside a paragraph shows as a space
_FIGURE_UNIT = "人|次|元|户|个|名|家|万|亿|%|％|天|小时|场|件|份|岁|米|公里|斤|台|套|本|册|项|条|所|支|组|篇|期|户次"
_LISTED = (
    f"(?:\\(?\\+?0*86\\)?{_SPACE}*|0+)?"  # a country code, or zeros (0139/1234/5678)
    f"(?P<number>1[3-9][0-9]{_BREAK}(?P<mark>[,，/／;；﹔]){_BREAK}[0-9]{{4}}{_BREAK}(?P<again>[,，/／;；﹔]){_BREAK}[0-9]{{4}})"
    f"(?![0-9])(?!{_SPACE}*(?:{_FIGURE_UNIT}))"
)
_LIST_MOBILE = re.compile(f"(?:{_NUMBER_WORD})[^0-9\n]{{0,8}}?(?<![0-9]){_LISTED}")
# a second number so written after the first (电话：139/1234/5678、137/1234/5678), and a third
_LIST_NEXT = re.compile(f"{_SPACE}*(?:[、，,；;/／]|和|或|及){_BREAK}{_LISTED}")
_LIST_RUN = re.compile(
    f"(?<![0-9])[0-9]{{2,}}{_SPACE}*(?P<mark>{_LIST_MARK}){_SPACE}*[0-9]+(?:{_SPACE}*(?P=mark){_SPACE}*[0-9]+)*"
    f"(?:[Xx]|{_SPACE}*(?:(?:(?P=mark)|{_X_MARK}){_SPACE}*)?[Xx]{_X_AFTER})?(?![0-9A-Za-z])"
)
# Three figures joined by arrows or waves, the first 3-4-4 like a mobile number: what a change
# over time is written as (服务人次 135→1240→3680), found as one as it must be (a mark between
# the groups); the check's hint and the import's note then say how to write it (CONTRIBUTING §九).
_SERIES = re.compile(f"(?<![0-9])1[3-9][0-9]{_SPACE}*([→⟶➝➔⇒~～〜]){_SPACE}*[0-9]{{4}}{_SPACE}*\\1{_SPACE}*[0-9]{{4}}(?![0-9])")
SERIES_HINT = "改写成“从 135 人次增加到 1240 人次、3680 人次”这样即可"


def figure_series(text: str) -> int:
    """How many mobile numbers of ``text`` are three figures joined by arrows or waves (135→1240→3680)."""
    return len(_SERIES.findall(ascii_digits(text)))


_TABLE_DELIMITER = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*\Z")
# what splits a table row as Python-Markdown reads it: escapes, code spans' backticks, bars
_ROW_PARTS = re.compile(r"(\\\\)|(\\`+)|(`+)|(\\\|)|(\|)")
_UNUSUAL = re.compile(f"[{_MARKS_CLASS}{_COMPATIBLE_CLASS}]")  # either, in one pass: most texts have neither
# an address's encoded characters (mailto:%31%33%38…); a literal first, which the engine finds fast
_PERCENT = re.compile("%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*")
_HIDDEN = re.compile(r"<!--(?P<comment>[^\x00]*?)-->|<(?P<tag>[A-Za-z][^<>\x00]*)>|\]\((?P<link>[^()\n]*)\)")
# _HIDDEN without its comments (their group kept, never matching): where no comment can close
_HIDDEN_NO_COMMENT = re.compile(r"(?P<comment>(?!))|<(?P<tag>[A-Za-z][^<>\x00]*)>|\]\((?P<link>[^()\n]*)\)")
_HIDDEN_START = re.compile(r"<|\]\(")


@cache
def format_characters() -> str:
    """Every character of Unicode category Cf, as ranges for a regular-expression class."""
    codes = [c for r in (range(0x20000), range(0xE0000, 0xE1000)) for c in r if unicodedata.category(chr(c)) == "Cf"]
    parts: list[str] = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:
        if code != previous + 1:
            parts.append(re.escape(chr(start)) + (f"-{re.escape(chr(previous))}" if previous > start else ""))
            start = code
        previous = code
    return "".join(parts)


@cache
def _format_pattern() -> re.Pattern[str]:
    return re.compile(f"[{format_characters()}]+")


def may_have_format_characters(text: str) -> bool:
    """False when ``text`` surely has no character of category Cf.

    A quick test first: such characters are not printable, and most texts (tabs and
    line ends aside) are printable throughout.
    """
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return False
    return _format_pattern().search(text) is not None


@dataclass
class Mapped:
    """A text derived from a source text, able to say where each of its characters came from."""

    text: str
    steps: list[tuple[list[int], list[int], list[bool]]] = field(default_factory=list)
    # a change within reach of a digit: only then may the text hold a number the source
    # does not show (a change further away joins no digits and makes none)
    near_digits: bool = False

    def sub(
        self,
        pattern: re.Pattern[str],
        replace: Callable[[re.Match[str]], str],
        matches: Callable[[str], Iterable[re.Match[str]]] | None = None,
    ) -> None:
        """Replace every match (of ``matches``, else of ``pattern``); remember the offsets, for ``source_offset``."""
        text = self.text
        parts: list[str] = []
        outs: list[int] = []
        ins: list[int] = []
        starts: list[bool] = []
        last = length = 0
        for match in (matches or pattern.finditer)(text):
            start, end = match.span()
            parts.append(text[last:start])
            length += start - last
            new = replace(match)
            outs.append(length)
            ins.append(start)
            starts.append(True)
            parts.append(new)
            length += len(new)
            outs.append(length)
            ins.append(end)
            starts.append(False)
            last = end
        if not outs:
            return
        parts.append(text[last:])
        self.text = "".join(parts)
        self.steps.append((outs, ins, starts))

    def source_offset(self, offset: int) -> int:
        """The offset in the source text of the character at ``offset``."""
        for outs, ins, starts in reversed(self.steps):
            index = bisect_right(outs, offset) - 1
            if index >= 0:
                # inside a replacement: its start; after one: as far past its end
                offset = ins[index] if starts[index] else ins[index] + offset - outs[index]
        return offset


def _ascii_digit(match: re.Match[str]) -> str:
    char = match.group(0)
    return "X" if char in _X_LIKE else str(unicodedata.digit(char))


def photo_numbers(text: str) -> list[Number]:
    """The personal numbers in the words of a photo's metadata (``PhotoMetadata.text``): as
    written, and as a reader sees them (``reader_view``). The check reports them
    (``NumberScan.photos``), and ``showcase clean-photos`` says it removed them."""
    return find_numbers(ascii_digits(text)) + find_numbers(reader_view(text).text)


def ascii_digits(text: str) -> str:
    """Full-width and other look-alike digits (``_OTHER_DIGIT``) as ASCII digits, character for character (offsets unchanged)."""
    return _OTHER_DIGIT.sub(_ascii_digit, text) if _OTHER_DIGIT.search(text) else text


_NEAR = 8  # a gap between two digits of a number is at most 7 characters
_DIGIT = re.compile("[0-9]")


# A right-to-left override (U+202E) shows what follows it backwards, up to the end of the
# override (U+202C) or of the line.
_RIGHT_TO_LEFT = re.compile("\u202e([^\u202c\n\u2029]*)\u202c?")


def reader_view(text: str, *, other_digits: bool = True, formats: bool = True) -> Mapped:
    """The text as a reader of the page sees it, for finding numbers (not for showing).

    An escaped or encoded character is kept as the reader sees it (``\\*`` and ``&#42;``
    show a star); markup is dropped, and so are the invisible characters.
    ``other_digits``/``formats`` False: the caller knows the text has no digits but
    0-9, no format characters (entities aside), and the searches for them are skipped.
    """
    mapped = Mapped(ascii_digits(text) if other_digits else text)
    source = mapped.text

    def unmark(match: re.Match[str]) -> str:
        start, end = match.span()
        found = source[start]
        new = source[start + 1] if found == "\\" else unescape(match.group(0)) if found == "&" else ""
        if not mapped.near_digits and (
            _DIGIT.search(source, max(start - _NEAR, 0), start) or _DIGIT.search(source, end, end + _NEAR) or not new.isascii()
        ):
            mapped.near_digits = True
        return new

    if any(char in text for char in _MARKUP_CHARS):
        mapped.sub(_MARKUP_ALL, unmark, lambda text: commented(text, _MARKUP_ALL, _MARKUP_NO_COMMENT, _MARKUP_START))
        if "&" in text:
            mapped.text = ascii_digits(mapped.text)  # &#65297; is １
            formats = True  # &#8203; is a zero-width space
    if (formats or other_digits) and may_have_format_characters(mapped.text):
        if "\u202e" in mapped.text:  # shown backwards: 电话\u202e00083100831 reads 13800138000 (a security review)
            mapped.sub(_RIGHT_TO_LEFT, lambda match: match.group(1)[::-1])
        mapped.sub(_format_pattern(), lambda match: "")
        mapped.near_digits = True
    if not mapped.text.isascii() and _UNUSUAL.search(mapped.text):
        if _MARKS.search(mapped.text):
            mapped.sub(_MARKS, lambda match: "")
            mapped.near_digits = True
        if _COMPATIBLE.search(mapped.text):
            mapped.sub(_COMPATIBLE, lambda match: unicodedata.normalize("NFKC", match.group(0)))
            mapped.near_digits = True
    if source is not text:
        mapped.near_digits = True  # other digits made ASCII
    return mapped


@dataclass(frozen=True)
class Shown:
    """A stretch of a case as its page shows it, and the file line of an offset in it."""

    text: str
    line: Callable[[int], int]
    span: int = 0  # more lines the text may come from (a value over several lines): one finding, not two


def _constant(line: int) -> Callable[[int], int]:
    return lambda offset: line


class Finds(Protocol):
    def search(self, text: str, /) -> object: ...  # a pattern, or the review words (content.Words)


def shown(
    body: str | None, body_line: int, located: Located | None, body_view: Mapped | None = None, words: Finds | None = None
) -> list[Shown]:
    """What readers see where it differs from what is written, for the checks that read
    words (review words, contact labels): the body with markup, entities and invisible
    characters gone (示例<span></span>违禁词 is 示例违禁词 on the page), and each front-matter
    value as parsed (a YAML escape such as \\u793a is 示). ``body_view``: the body as
    ``NumberScan.body`` read it (the same words; only its digits may differ), to read it once.
    ``words``: the review words, to read fields together only where one may be cut between them.
    """
    out: list[Shown] = []
    if body:
        view = body_view or reader_view(body)  # the gaps a page closes up are in the patterns (WORD_GAP)
        ends = LineEnds(body)
        if view.steps:
            out.append(Shown(view.text, lambda offset: body_line + ends.before(view.source_offset(offset))))
        if "<" in body or "](" in body:  # words shown out of the text's flow: alt and title attributes, link titles
            for match in commented(body, _HIDDEN, _HIDDEN_NO_COMMENT, _HIDDEN_START):
                inner = next(match.group(name) for name in ("comment", "tag", "link") if match.group(name) is not None)
                line = body_line + ends.before(match.start())
                out.append(Shown(reader_view(unescape(inner)).text, _constant(line)))
    if located is not None:
        starts = sorted(set(located.lines.values()))
        spans: dict[Path_, int] = {}
        unusual = _reads_differently(located.text)  # once for all: most front matter has no such character
        for path, value in located.raw.items():
            line = located.line(*path)
            after = starts[bisect_right(starts, line)] if bisect_right(starts, line) < len(starts) else line + value.count("\n") + 1
            spans[path] = max(after - line - 1, value.count("\n"))  # the lines until the next key's
            # looked for in its own lines: in the whole front matter, each value was a search of
            # all of it (100,000 keys: minutes), and found anywhere it hid an escape written here
            if value not in located.written_from(line, spans[path]) or (unusual and _reads_differently(value)):
                out.append(_value(value, line, located, spans[path]))
        contact = _contact_pattern()
        for members in _siblings(located):  # the fields a page shows in one line (广东省 广州市 示例 违禁词)
            joined = "".join(value for _, value in members)  # nothing to find across them: not read again
            if (words is not None and words.search(joined)) or contact.search(joined) or unusual:
                out.append(_together(members, located, max(spans[path] for path, _ in members)))
    return out


def _siblings(located: Located) -> list[list[tuple[Path_, str]]]:
    """The values of each group or list with more than one (the region's parts, the tags):
    a page shows them side by side. Top-level fields are shown apart."""
    groups: dict[Path_, list[tuple[Path_, str]]] = {}
    for path, value in located.raw.items():
        if len(path) > 1:
            groups.setdefault(path[:-1], []).append((path, value))
    return [members for members in groups.values() if len(members) > 1]


def _value(value: str, line: int, located: Located, span: int) -> Shown:
    """A front-matter value as read; in a literal block (``key: |``) each of its lines is a
    line of the file after the key's, else the key's line is said."""
    view = reader_view(value)
    if not located.written(line).split("#")[0].rstrip().endswith(("|", "|-", "|+")):
        return Shown(view.text, _constant(line), span)
    # each line start found once: a block of 100,000 lines with a match on each counted its
    # line ends from the start for every match (a site's texts file: 63 s)
    ends = [index for index, char in enumerate(value) if char == "\n"]
    return Shown(view.text, lambda at: line + 1 + bisect_left(ends, view.source_offset(at)), span)


def _together(members: list[tuple[Path_, str]], located: Located, span: int) -> Shown:
    """Values shown side by side, read as one line; an offset's line is its own field's."""
    starts, offset = [], 0
    for _, value in members:
        starts.append(offset)
        offset += len(value) + 1
    view = reader_view(" ".join(value for _, value in members))

    def line(at: int) -> int:
        return located.line(*members[bisect_right(starts, view.source_offset(at)) - 1][0])

    return Shown(view.text, line, span)


# date and time to the second, as phones and cameras name files (not a date alone: an
# ID number written 110105 19491231 002X holds one)
_TIMESTAMP = re.compile(
    r"(?<![0-9])(?:19|20)[0-9]{2}([-_.]?)(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12][0-9]|3[01])"
    r"[-_ .T]?[0-2][0-9](?:[-_.:]?[0-5][0-9]){2}(?:[-.][0-9]{3}(?![-_.]?[0-9]))?(?![0-9])"
)


def _reads_differently(text: str) -> bool:
    """Whether a reader sees ``text`` other than as written (invisible or look-alike characters)."""
    return not text.isascii() and bool(may_have_format_characters(text) or _UNUSUAL.search(text))


# -- finding numbers --------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    kind: str  # "mobile", "id", "typo"
    digits: str  # the number alone (a mobile number without +86)
    offset: int  # of its first digit in the text searched

    @property
    def masked(self) -> str:
        if self.kind == "mobile":
            return f"{self.digits[:3]}****{self.digits[-4:]}"
        return self.digits[:6] + "*" * (len(self.digits) - 10) + self.digits[-4:]


def numbers_with_lines(text: str) -> list[tuple[int, Number]]:
    """Each mobile and ID number of ``text`` (any digits, Chinese numerals too) with its line,
    each number once: for a file no page shows (``loosefiles``)."""
    ascii_text = ascii_digits(text)
    found = [(number.offset, number) for number in find_numbers(ascii_text)] + list(_han_numbers(ascii_text))
    seen: set[tuple[str, str]] = set()
    out = []
    line = 1
    counted = 0  # the line ends before here are counted: each once (a list of 700,000 numbers took minutes)
    for offset, number in sorted(found, key=lambda item: item[0]):
        if (number.kind, number.digits) not in seen:
            seen.add((number.kind, number.digits))
            line += ascii_text.count("\n", counted, offset)
            counted = offset
            out.append((line, number))
    return out


def find_numbers(text: str) -> list[Number]:
    """Mobile and ID numbers in ``text`` (ASCII digits), each made of whole groups of digits.

    A run of digits with gaps is split at its gaps; a number is one or more groups in a
    row, the longest that starts at a group. ``138 1234 5678 139 1234 5678`` holds two.
    """
    found: list[Number] = []
    for run in _RUN.finditer(text):
        dialled = text[run.start()] == "0" and _DIALLED.search(text, max(0, run.start() - 12), run.start()) is not None
        numbers = list(_run_numbers(_GROUP.finditer(text, run.start(), run.end()), dialled=dialled))
        if numbers and run.end() - run.start() <= 60 and _DATES.fullmatch(text, run.start(), run.end()):
            continue  # dates and their range: 2023.1.30-2023.12.31 is no 130 2023 1231 (a third review)
        if numbers and run.end() - run.start() <= 40 and _IN_FOURS.fullmatch(text, run.start(), run.end()):
            # the whole run (after zeros as dialled: 电话 0138-1234-5678), not a part of it
            digits = sum(char.isdigit() for char in text[run.start() : run.end()])
            numbers = [
                number
                for number in numbers
                if not text[run.start() : number.offset].strip("0")
                and digits - (number.offset - run.start()) - len(number.digits) in (0, 2)
            ]
        found += numbers
    for match in _COLON_MOBILE.finditer(text):
        found.append(_mobile(match))
    tables = _TableRows(text)
    for match in _MARK_MOBILE.finditer(text):
        if not tables.separate(match):
            found.append(_mobile(match))
    for match in _MARK_RUN.finditer(text):
        if not tables.separate(match):
            groups = _GROUP.finditer(text, match.start(), match.end())
            found += (number for number in _run_numbers(groups) if number.kind != "mobile")
    for first in _LIST_MOBILE.finditer(text):
        listed: re.Match[str] | None = first
        while listed is not None and listed.group("mark").translate(_LIST_KIND) == listed.group("again").translate(
            _LIST_KIND
        ):  # 139,1234，5678 too
            found.append(Number("mobile", "".join(filter(str.isdigit, listed.group("number"))), listed.start("number")))
            listed = _LIST_NEXT.match(text, listed.end())
    for match in _LIST_RUN.finditer(text):
        groups = _GROUP.finditer(text, match.start(), match.end())
        found += (number for number in _run_numbers(groups) if number.kind == "id" and len(number.digits) == 18)
    return sorted(found, key=lambda number: number.offset)


def _mobile(match: re.Match[str]) -> Number:
    """The mobile number ``match`` found (138：1234：5678), without the zeros before it (0138…)."""
    digits = "".join(filter(str.isdigit, match.group(0)))
    zeros = len(digits) - len(digits.lstrip("0"))
    return Number("mobile", digits[zeros:], match.start() + zeros)


# a word that names a phone number, a few characters before a run of digits (电话：0138-1234-5678)
_DIALLED = re.compile(f"(?:{_NUMBER_WORD})[^0-9\n]{{0,8}}$")
# A bank card's or an account's number, written in fours (对公账号：8001 2345 6789 0123 456): no
# personal number starts inside it. From its third group on, such a number holds a mobile
# number's shape one time in twelve and an old ID's one in seventy (a second security review).
# (its first group may be shorter: 130 2021 0090 0123 4567, a third review)
_IN_FOURS = re.compile(r"[0-9]{1,4}(?:[ \-][0-9]{4}){3,}(?:[ \-][0-9]{1,4})?|[0-9]{4}(?:[ \-][0-9]{4}){2,}(?:[ \-][0-9]{1,4})?")
# a date (2023.1.30, 2023-01-31, 1.30) and a range of them (2023.1.30—2023.12.31, 1.30-2.28, 1.30 2023.12.31)
_DATE = r"(?:(?:19|20)[0-9]{2}[./\-])?(?:0?[1-9]|1[0-2])[./\-](?:0?[1-9]|[12][0-9]|3[01])"
_DATES = re.compile(f"{_DATE}(?:[ \t\u3000]*[-\u2010-\u2015\u2212\uff0d~\uff5e\u301c][ \t\u3000]*{_DATE}|[ \t\u3000]+{_DATE})*")


class _TableRows:
    """Where a text's Markdown table rows are, and which of their bars part cells, as
    Python-Markdown reads them: a block (lines up to a blank one) whose first line has two
    cells or more and whose second is a delimiter row (--- | ---) of as many. Not a line that
    only starts with a bar, a heading underlined with dashes, or a paragraph a table runs into
    (the page shows their bars), nor an escaped bar or one in code inside a cell (a sixth
    review). Read once, when a bar first asks, then looked up: a hostile text of 60,000 bars
    in one line took 9 s when each bar searched the text around it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bars: set[int] | None = None  # the offsets of the bars that part cells

    def separate(self, match: re.Match[str]) -> bool:
        """Whether every mark of ``match`` is a bar that parts a table's cells."""
        if match.group("mark") != "|":
            return False
        if self.bars is None:
            self.bars = self._read() if "-" in self.text else set()
        return all(at in self.bars for at in range(match.start(), match.end()) if self.text[at] == "|")

    def _read(self) -> set[int]:
        bars: set[int] = set()
        block: list[tuple[int, str]] = []  # the lines of the block being read, with their offsets
        table = 0  # the table's columns, 0 outside one
        start = 0
        for line in self.text.split("\n"):
            if not line.strip():
                block, table = [], 0
            else:
                block.append((start, line))
                if len(block) == 2:  # the header's outer bars say whether each row's are cut off
                    head, border = _cell_bars(*block[0]), _borders(block[0][1]) > 0
                    columns = len(head) + 1 - border * _borders(block[0][1])
                    if (
                        columns > 1
                        and _TABLE_DELIMITER.match(line)
                        and len(_cell_bars(start, line)) + 1 - border * _borders(line) == columns
                    ):
                        table = columns
                        bars.update(head)
                if table and len(block) > 1:
                    bars.update(_cell_bars(start, line))
            start += len(line) + 1
        return bars


def _borders(line: str) -> int:
    """How many outer bars a table row has (| a | b |: two)."""
    line = line.strip(" ")
    return line.startswith("|") + (len(line) > 1 and line.endswith("|") and not line.endswith("\\|"))


def _cell_bars(start: int, line: str) -> list[int]:
    """The offsets of the bars of the row ``line`` (at ``start``) that part cells: not escaped
    (\\|), not inside a code span (backticks paired by length, as Python-Markdown pairs them)."""
    pipes: list[int] = []
    tics: list[tuple[int, int, int, int]] = []  # each backtick run's length, start, end and escape (\\`)
    for part in _ROW_PARTS.finditer(line):
        if part.group(2) or part.group(3):
            group = 2 if part.group(2) else 3
            tics.append((len(part.group(group)) - (group == 2), part.start(group), part.end(group), group == 2))
        elif part.group(5):
            pipes.append(part.start(5))
    later: dict[int, list[int]] = {}  # the runs of each length, by index (read from the end: pop the next)
    for index in range(len(tics) - 1, -1, -1):
        later.setdefault(tics[index][0], []).append(index)
    regions = []  # in order, apart: each bar is looked for once
    index = 0
    while index < len(tics):
        size = tics[index][0] - tics[index][3]  # an escaped backtick opens no code
        runs = later.get(size, [])
        while runs and runs[-1] <= index:
            runs.pop()
        if size and runs:
            close = runs.pop()
            regions.append((tics[index][1], tics[close][2]))
            index = close + 1
        else:
            index += 1
    out, region = [], 0
    for pipe in pipes:
        while region < len(regions) and regions[region][1] <= pipe:
            region += 1
        if region == len(regions) or pipe < regions[region][0]:
            out.append(start + pipe)
    return out


def _number_at(
    ahead: deque[str], offsets: deque[int], ends: dict[int, int], first: int, before: int, skip: int, *, ids_only: bool
) -> tuple[Number, int] | None:
    """The longest number of whole groups from ``ahead[0]``'s ``skip``-th character (after its
    zeros), and how many groups it takes; None if none starts there."""
    own = ahead[0][skip:]
    head = own[:2] if len(own) > 1 or len(ahead) == 1 else own + ahead[1][:1]  # 1, 86 or a province
    lengths: tuple[int, ...] = ((18,) if skip else (18, 15)) if head in _id_rules()[0] else ()
    if not ids_only:
        lengths += (13,) if head == "86" else (11,) if head[0] == "1" else ()
    for length in lengths:  # the longest first
        last = ends.get(before + skip + length)
        if last is None:
            continue
        digits = "".join(islice(ahead, last - first + 1))[skip:]
        kind = ("mobile" if _MOBILE.fullmatch(digits) else None) if length < 15 else id_shape(digits)
        if kind is not None:
            return Number(kind, digits[-11:] if kind == "mobile" else digits.upper(), offsets[0] + skip), last - first + 1
    return None


def _zeros(groups: deque[str]) -> int:
    """How many zeros begin the first of ``groups`` (at most four: 0, 00 and 0086 before a
    number; more are no dialling prefix), not the whole of it."""
    if not groups:
        return 0
    zeros = len(groups[0]) - len(groups[0].lstrip("0"))
    return zeros if zeros <= 4 and zeros < len(groups[0]) else 0


def _run_numbers(groups: Iterator[re.Match[str]], *, dialled: bool = False) -> Iterator[Number]:
    """The numbers of one run's ``groups``: from each group a number may start at, the
    longest of whole groups (11, 13, 15 or 18 characters). The groups are read as they come,
    those a number from the first may take: a run may be megabytes (a hostile file's 2 MB
    of 0 0 0 … took 560 MB, and seconds, when its groups were listed and each tried with
    each of the next 18). ``dialled``: a word before the run names a phone number, and zeros
    in its first group come before one (电话 0138-1234-5678)."""
    ahead: deque[str] = deque()  # the groups from the first a number may start at
    offsets: deque[int] = deque()  # theirs in the text
    ends: dict[int, int] = {}  # characters from the run's start to a group's end: that group's place in the run
    first = before = read = 0  # ahead[0]'s place in the run; characters before it; characters read
    while True:
        # as far as a number may reach, after its zeros too (011010519491231002 X: a code review)
        while read - before < 18 + _zeros(ahead) and (group := next(groups, None)) is not None:
            read += len(group.group(0))
            ends[read] = first + len(ahead)
            ahead.append(group.group(0))
            offsets.append(group.start())
        if not ahead:
            return
        taken = 1
        # zeros before a number are no part of it and hide none of it: 013812345678 as dialled
        # from a landline, 008613812345678 from abroad (a security review published both).
        # Only before a whole number written together: 2023.01.30—2023.12.31 is no 1 3020231231,
        # nor an account's 3602 0217 0139 2345 6789 a mobile (a second review)
        zeros = _zeros(ahead)
        # After zeros: an ID of 18 (its check digit holds; an office's 0371-63870102-1234 is 15
        # digits with a province's code and a date one time in 27: a code review), and a mobile
        # number written together with them or after a word naming a phone. Then as written.
        mobile_after = zeros and (len(ahead[0]) - zeros >= 11 or (dialled and before == 0))
        for skip in (zeros, 0) if zeros else (0,):
            number = _number_at(ahead, offsets, ends, first, before, skip, ids_only=bool(skip) and not mobile_after)
            if number is not None:
                yield number[0]
                taken = number[1]
                break
        for _ in range(taken):
            before += len(ahead.popleft())
            offsets.popleft()
            del ends[before]
            first += 1


# -- reporting --------------------------------------------------------------------------

_DISGUISED = "；号码中间夹着空格、符号、标记或看不见的字符，读者看到的仍是完整号码"
# what names an identity card's number just before it, on its line (身份证号：, 证件号码)
# a few characters between, none ending a clause or the line (凭身份证报名，项目编号… names no card's number)
_ID_LABEL = re.compile(r"(?P<label>身份证|身份号码|证件号|公民身份)[^\n。；;！!？?，,、]{0,8}\Z")


def _id_label(text: str, number: Number) -> str:
    """The word naming an identity card just before a number whose check digit is wrong, or ""."""
    if number.kind != "typo":
        return ""
    found = _ID_LABEL.search(text, max(0, number.offset - 12), number.offset)
    if found is None:
        return ""
    # another number's own label between (身份证读卡器编号…, 身份证和报名表（表号…: a trial's
    # false errors): the number is that one's; 身份证号码： is the card's own
    between = text[found.end("label") : number.offset].lstrip().removeprefix("号码").removeprefix("号")
    return "" if re.search(r"[号编]", between) else found["label"]


class NumberScan:
    """Reports each personal number once, at the line where it starts.

    The text as written is searched first; a number found again in a reader's view of
    the same place is not reported twice.
    """

    FRONT_MATTER = "front matter"

    def __init__(self, diags: DiagnosticList, wording: Wording = CASE_WORDS):
        self.diags = diags
        self.wording = wording
        self.seen: set[tuple[object, str, str]] = set()
        self.other_digits = self.formats = True  # until ``source`` has looked
        self.body_view: Mapped | None = None  # what ``body`` read; ``shown`` reads words in it

    def _report(
        self,
        line: int,
        number: Number,
        *,
        where: str = "",
        disguised: bool = False,
        place: object = None,
        hint: str = "",
        series: bool = False,
        labelled: str = "",
    ) -> None:
        """``place``: what the number is in, when not a line of the text (a file name);
        ``hint``: what to do there, when not to rename the file; ``labelled``: the word just
        before it on its line that names an identity card (身份证, 证件号: a typo's number is
        then one all the same)."""
        key = (line if place is None else place, number.kind, number.digits)
        where = where or self.wording.here
        rename = hint or "把这个文件改名（例如 photo3.jpg），不要用号码做文件名；index.md 里引用它的地方一起改。"
        if key in self.seen:
            return
        self.seen.add(key)
        extra = _DISGUISED if disguised else ""
        if number.kind == "mobile":
            remove = "删掉手机号码；需要留联系方式时写单位的办公电话或公众号。"
            if series:
                remove = f"如果这是用箭头或波浪线连起来写变化的三个数字（例如 135→1240→3680），不是手机号码：{SERIES_HINT}。是手机号码就删掉，需要留联系方式时写单位的办公电话或公众号。"
            self.diags.error(
                line,
                "mobile-number",
                f"{where}有手机号码（{number.masked}{extra}），不能公开发布。",
                rename if place is not None else remove,
            )
        elif number.kind == "id":
            self.diags.error(
                line,
                "id-number",
                f"{where}有居民身份证号码（{number.masked}{extra}），不能公开发布。",
                rename if place is not None else "删掉身份证号码；需要说明身份时写“张女士”“志愿者小李”等即可。",
            )
        elif labelled:
            # a department's trial: 身份证440104199001011234 (one digit miscopied) was only a
            # reminder, and went into the printed booklet; the line says what the number is
            self.diags.error(
                line,
                "id-number",
                f"{where}写着“{labelled}”，后面的号码（{number.masked}{extra}）是居民身份证号码（最后一位校验码对不上，可能抄错了一位），不能公开发布。",
                "删掉身份证号码；需要说明身份时写“张女士”“志愿者小李”等即可。",
            )
        else:
            self.diags.warning(
                line,
                "id-number-check",
                f"{where}有一串像居民身份证号码的数字（{number.masked}{extra}），只是最后一位校验码对不上，可能是抄错了一位的身份证号码。",
                "如果是身份证号码（哪怕抄错了），请删掉；如果是项目编号等其他号码，可以忽略这条提醒。",
            )

    def source(self, text: str, *, body_start: int = 0) -> None:
        """The whole file as written; ``body_start``: the offset where the body starts.

        Also notes whether the file has digits other than 0-9 or format characters at
        all: most have neither, and the reader's views then need not look for them.
        """
        written = text
        text = ascii_digits(text)
        self.other_digits = text is not written
        self.formats = may_have_format_characters(text)
        ends = LineEnds(text)
        found = find_numbers(text)
        if self.other_digits:  # and those other digits only beside: ①13812345678 is an item's mark and a number (a review)
            found += find_numbers(ascii_digits(_apart(written)))
        for number in found:
            series = number.kind == "mobile" and _SERIES.match(text, number.offset) is not None
            self._report(ends.before(number.offset) + 1, number, series=series, labelled=_id_label(text, number))
            if number.offset < body_start:  # see ``values``
                self.seen.add((self.FRONT_MATTER, number.kind, number.digits))
        for offset, number in _han_numbers(text):
            self._report(ends.before(offset) + 1, number, disguised=True)

    def body(self, body: str, body_line: int) -> None:
        """The body as a reader sees it; each number at the source line where it starts."""
        self.body_view = view = reader_view(body, other_digits=self.other_digits, formats=self.formats)
        ends = LineEnds(body)
        if view.near_digits:  # else its numbers are those ``source`` found
            for number in find_numbers(view.text):
                line = body_line + ends.before(view.source_offset(number.offset))
                self._report(line, number, disguised=True, labelled=_id_label(view.text, number))
        if view.steps:  # markup or invisible characters dropped: Chinese numerals joined too
            for offset, number in _han_numbers(view.text):
                self._report(body_line + ends.before(view.source_offset(offset)), number, disguised=True)
        if "<" in body or "](" in body:
            self._hidden(body, body_line, ends)
        if "%" in body:  # an address's encoded characters, wherever the address is (a link, a definition, an autolink)
            decoded = Mapped(body)
            decoded.sub(_PERCENT, lambda match: unquote(match.group(0), errors="replace"))
            if decoded.steps:
                for number in find_numbers(ascii_digits(decoded.text)):
                    self._report(body_line + ends.before(decoded.source_offset(number.offset)), number, disguised=True)

    def _hidden(self, body: str, body_line: int, ends: LineEnds) -> None:
        """What the reader's view drops but the page still carries: comments, the
        attributes of tags (``alt``, ``href="tel:…"``), link targets. Each read apart."""
        for match in commented(body, _HIDDEN, _HIDDEN_NO_COMMENT, _HIDDEN_START):
            group = next(name for name in ("comment", "tag", "link") if match.group(name) is not None)
            inner = match.group(group)
            if len(inner) < 11:
                continue
            view = reader_view(inner, other_digits=self.other_digits, formats=self.formats)
            for number in find_numbers(view.text):
                offset = match.start(group) + view.source_offset(number.offset)
                self._report(body_line + ends.before(offset), number, disguised=True)

    def values(self, located: Located, written: str) -> None:
        """Every string and number of the front matter as parsed (YAML escapes and folds undone).

        A number already found in the front matter as written (``written``) is not
        reported again (a value over several lines has the line of its key here). The
        values long enough to hold a number are read at once, kept apart by ``\x00``.
        """
        leaves = [(path, value) for path, value in located.raw.items() if len(value) >= 11]
        if not leaves:
            return
        starts: list[int] = []
        offset = 0
        for _, value in leaves:
            starts.append(offset)
            offset += len(value) + 2
        joined = "\x00\x00".join(value for _, value in leaves)
        view = reader_view(joined)  # YAML escapes may have made any character: look for all
        if not view.near_digits and all(value in written for _, value in leaves):
            return  # as written: ``source`` has read them
        for number in find_numbers(view.text):
            if (self.FRONT_MATTER, number.kind, number.digits) not in self.seen:
                path = leaves[bisect_right(starts, view.source_offset(number.offset)) - 1][0]
                self._report(located.line(*path), number, disguised=True)

    def together(self, located: Located) -> None:
        """The values a page shows in one line, read as that line: the parts of the region
        (广东省 广州市 …), the tags, the people served. A number cut into three fields
        (county ``王小明138``, street ``1234``, community ``5678号``) is whole there."""
        for members in _siblings(located):
            if sum(map(str.isdigit, "".join(value for _, value in members))) < 11:
                continue
            together = _together(members, located, 0)
            for number in find_numbers(together.text):
                alone = any(number.digits in ascii_digits(value) for _, value in members)  # one field alone: found there
                if not alone and (self.FRONT_MATTER, number.kind, number.digits) not in self.seen:
                    self._report(together.line(number.offset), number, disguised=True)

    def photos(self, told: Iterable[tuple[str, int, str]]) -> None:
        """The words photos' metadata carries (EXIF description, author, comments; XMP): the
        original goes into the public repository with them (a review found a description
        with a mobile and an ID number)."""
        hint = f"删除照片的属性和个人信息：{REMOVE_PHOTO_PROPERTIES}。{CLEAN_PHOTOS}"
        for src, line, text in told:
            for number in photo_numbers(text):
                self._report(line, number, where=f"照片 {src} 的文件信息（EXIF、XMP）里", place=("metadata", src), hint=hint)

    def names(self, names: Iterable[tuple[str, int]]) -> None:
        """File names (relative to the case folder), each with the line that uses it (or 1),
        as written and as their published address writes them (``url_part``)."""
        for name, line in names:
            # a phone's or camera's date and time (Screenshot_2023-10-15-13-45-12-345_…):
            # read as 15134512345 (a mobile number) it stopped a pull request for a screenshot
            written = ascii_digits(name)
            plain = _TIMESTAMP.sub(" ", written)
            found = find_numbers(plain) + find_numbers(reader_view(plain).text) + find_numbers(url_part(plain))
            for number in found:
                shown = f"“{written.replace(number.digits, number.masked)}”" if number.digits in written else ""
                self._report(line, number, where=f"案例文件夹里的文件名{shown}里", place=("name", name))
