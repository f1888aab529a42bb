"""The site's own address (``site_url``, ``booklet --site-url``, the workflow's SITE_URL).

Every full URL the site prints starts with it: canonical links, feeds, the sitemap,
citations, and the QR codes on case pages and in printed booklets, which cannot be
corrected once handed out. A deployer's trial copied the address bar of a government
site's page, ``https://www.example.gov.cn/wmsj/anli/index.html``, and every QR code
pointed at ``…/index.html/cases/<id>/``, a 404 on any server; ``?from=menu`` and ``#/``
were kept the same way. One rule says what can be a site's address, for all three.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

from ..case import invisible
from ..errors import ConfigError
from ..han import FULL_WIDTH, HALF_WIDTH

EXAMPLE = "https://www.example.gov.cn/wmsj/anli/"
# What a web page's address ends with on the servers and CMSs departments use.
_PAGES = (".html", ".htm", ".shtml", ".xhtml", ".php", ".asp", ".aspx", ".jsp", ".do", ".action")
# An address longer than this is quoted by its two ends: a hostile `--site-url` of 100,000
# characters was printed whole in its message.
_QUOTED = 120


def _q(text: str) -> str:
    """``text`` as a message quotes it: its invisible characters named (U+200F（从右到左标记）),
    not printed where they would turn the line around, a run of one named once with its count;
    its two ends when it is long, counted after the names (a review: 100 zero-width spaces
    made a message of 1,500 characters)."""
    if invisible.find(text) is not None:
        shown = []
        for char, run in itertools.groupby(text):
            count = len(list(run))
            if invisible.find(char) is None:
                shown.append(char * count)
            else:
                shown.append(f"[{invisible.describe(char)}{f' × {count}' if count > 1 else ''}]")
        text = "".join(shown)
    if len(text) > _QUOTED:
        text = f"{text[:80]}……（共 {len(text)} 个字符）……{text[-30:]}"
    return text


# Full-width ASCII typed by a Chinese input method: https：//…, …／anli/, ？from=
_FULL_WIDTH = re.compile(f"[{FULL_WIDTH}]")


def address_problem(url: str, *, mend: bool = True) -> str | None:
    """Why ``url`` cannot be a site's address (plain Chinese, naming the part), or None.
    ``mend``: the example given is the address itself mended where it can be (``_mended``,
    which checks its candidate without mending: no recursion on a hostile address)."""
    text = url.strip()
    if (hidden := invisible.find(text)) is not None:
        # a direction mark copied with the address turned the message's line around, and was
        # told to be encoded as a Chinese word is (a red team's U+200F); one before https://
        # was told the address did not start with https:// (a review)
        return (
            f"网站地址“{_q(text)}”里有看不见的字符 {invisible.describe(hidden[1])}：网址里不能有，"
            f"请删掉它，或从浏览器地址栏重新复制地址，例如 {_mended(invisible.without(text)[0]) if mend else EXAMPLE}"
        )
    if (wide := _FULL_WIDTH.search(text)) is not None:
        # https：// stopped the check with a traceback (Python refuses the netloc), and ／ or ？
        # were told to be encoded (a review)
        return (
            f"网站地址“{_q(text)}”里有全角符号“{wide.group()}”：网址里的符号要用英文输入法打的半角符号，"
            f"请把“{wide.group()}”改成“{wide.group().translate(HALF_WIDTH)}”，或从浏览器地址栏重新复制地址，"
            f"例如 {_mended(text.translate(HALF_WIDTH)) if mend else EXAMPLE}"
        )
    try:
        parts = urlsplit(text)
    except ValueError:  # "https://[::1/": an unclosed [ is Python's ValueError, a traceback in check
        return f"“{_q(text)}”不是网址：方括号 [ ] 没有配对，请照浏览器地址栏里的写法填写，例如 {EXAMPLE}"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        # the address itself with https:// before it, when that is one (a trial: the packaged example was offered)
        guess = "https://" + text.split("://", 1)[-1].lstrip("/")
        example = (
            guess if mend and len(guess) <= _QUOTED and _host_has_dot(guess) and address_problem(guess, mend=False) is None else EXAMPLE
        )
        return f"“{_q(text)}”不是网址：应以 https:// 或 http:// 开头，例如 {example}"
    # a no-break space (U+00A0) copied from a web page was told to be encoded as a Chinese word is (a review)
    if any(c in " \"'<>\\\x7f" or ord(c) < 0x20 or unicodedata.category(c) == "Zs" for c in text):
        return f"网站地址“{_q(text)}”里有空格、引号、尖括号、反斜杠或看不见的字符：网址里不能有这些字符，例如 {EXAMPLE}"
    if parts.username or parts.password:  # printed in every QR code: a password with it (hostile input)
        return f"网站地址“{_q(text)}”带着用户名或密码（@ 前面的部分）：请去掉，例如 {EXAMPLE}"
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when asked
    except ValueError:
        return f"网站地址“{_q(text)}”的端口号不对（应是 1–65535 的数字）：例如 {EXAMPLE}"
    if parts.query or text.endswith("?"):
        return (
            f"网站地址“{_q(text)}”带着问号（?）和后面的内容：请只写到问号前面，例如 {_mended(text.split('?', 1)[0]) if mend else EXAMPLE}"
        )
    if parts.fragment or "#" in text:
        return f"网站地址“{_q(text)}”带着 # 和后面的内容：请只写到 # 前面，例如 {_mended(text.split('#', 1)[0]) if mend else EXAMPLE}"
    if not text.isascii():
        # printed as written in the sitemap, the feeds and every canonical link, where a URL
        # must be encoded (a configuration audit: 例子.政务.cn/案例/ passed everything)
        return f"网站地址“{_q(text)}”里有中文或其他非英文字符：请写成编码后的样子：{_q(encoded(parts))}（浏览器里显示的仍是中文）"
    if (bad := re.search(r"%(?![0-9A-Fa-f]{2}).{0,2}", text)) is not None:
        # printed as it is into every QR code and link, which a browser cannot open (a red team: %zz)
        return (
            f"网站地址“{_q(text)}”里的“{_q(bad.group())}”不对：网址里的 % 后面要跟两位编码（0–9、A–F，例如 %E6），"
            f"请从浏览器地址栏复制完整的地址，例如 {EXAMPLE}"
        )
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]  # MkDocs adds a / after index.html
    if last.lower().endswith(_PAGES):  # index.html, default.htm, list.shtml: a page of the site, not the site
        folder = text[: text.rstrip("/").rfind("/") + 1]
        return f"网站地址“{_q(text)}”的最后一段“{_q(last)}”是一个网页文件：请写到它所在的文件夹为止（去掉“{_q(last)}”），例如 {_mended(folder) if mend else EXAMPLE}"
    return None


def _host_has_dot(address: str) -> bool:
    try:
        return "." in urlsplit(address).netloc
    except ValueError:  # the check of a mended address never ends in a traceback
        return False


def _mended(address: str) -> str:
    """``address`` as the message's example, its page file taken off too (…/index.html?from=menu),
    when it is a site's address then; else the packaged example."""
    if address.rstrip("/").rsplit("/", 1)[-1].lower().endswith(_PAGES):
        address = address[: address.rstrip("/").rfind("/") + 1]
    # checked without mending: a hostile …/index.html/index.html/… recursed until Python stopped it (found reading the change again)
    # a character taken out between two slashes left …//: no address to offer (a review)
    mended = address.startswith(("http://", "https://")) and "//" not in address.split("://", 1)[1]
    return address if mended and len(address) <= _QUOTED and address_problem(address, mend=False) is None else EXAMPLE


def address_notice(url: str) -> str | None:
    """What to know of an address that can be the site's but may not be meant (a deployer's
    trial: ``http://`` was taken without a word, and went into every QR code); None if nothing."""
    parts = urlsplit(url.strip())
    if parts.scheme == "http" and (parts.hostname or "") not in ("localhost", "127.0.0.1", "::1"):
        return (
            f"网站地址 site_url 是“{_q(url.strip())}”，以 http:// 开头：二维码、订阅源、引用和站点地图里的网址都会是 http://，"
            "浏览器和微信会把它标为“不安全”，印出去的二维码也改不了。网站已经能用 https:// 打开的，请改成 https://。"
        )
    return None


def encoded(parts: SplitResult) -> str:
    """An address with a Chinese domain or path as it is sent: the domain in punycode
    (例子.政务.cn -> xn--fsqu00a.xn--zfr164b.cn), the path and the rest percent-encoded."""
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except UnicodeError:  # a label too long or empty: the path encoded, the host as written
        host = quote(parts.hostname or "", safe=".")
    netloc = host + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe="/%"), "", ""))


def check_site_url(url: str | None) -> None:
    """A ConfigError naming mkdocs.yml's ``site_url`` when it cannot be the site's address:
    what ``showcase check`` and ``booklet`` say before the build would (a review: a booklet
    printed …/index.html/cases/… from it, and check passed)."""
    problem = address_problem(url) if url else None
    if problem is not None:
        raise ConfigError(f"mkdocs.yml 的 site_url：{problem}")
