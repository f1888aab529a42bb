"""``showcase booklet``: a compilation (案例汇编) of published cases as Word or PDF.

showcase booklet --theme bianmin-fuwu -o 便民服务案例汇编.docx
showcase booklet --collection yiqu-yitese -o 一区一特色.pdf
showcase booklet --year 2024 --province 广东省 --title 广东省2024年案例汇编 -o gd-2024.pdf
"""

from __future__ import annotations

import argparse
import difflib
import ipaddress
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..core.cacheprune import CacheLock
from ..core.case import invisible
from ..core.case.model import Status
from ..core.collection.loading import load_collection
from ..core.collection.settings import Settings
from ..core.diagnostics import DiagnosticList, describe_os_error, first_few
from ..core.errors import ConfigError, ShowcaseError
from ..core.outputs.booklet.pdf import large_pdf_note
from ..core.outputs.booklet.title import WORD_JOINER
from ..core.progress import progress
from ..core.site.address import address_problem, check_site_url
from ..core.site.footer import Footer
from ..core.site.sitefiles import footer_options
from ..core.site.texts import load_texts

if TYPE_CHECKING:
    from ..core.outputs.booklet.select import Selection

from . import EXIT_ERRORS, EXIT_OK, existing_folder, load_settings, may_replace, output_folder, say_repaired, unwritable, year

# What the reader of a Word booklet sees on its contents page (docx.Numbers).
NUMBERS = {
    "laid_out": "目录页码已按 LibreOffice 的排版写入；Word、WPS 打开时会再按本机字体自动更新（如询问是否更新域，选“是”）。",
    "estimate": (
        "目录页码是估算的（这台电脑没有安装 LibreOffice）：Word、WPS 打开时会自动更新为准确页码；"
        "在不更新的阅读器（如手机预览）里页码可能差一两页。装上 LibreOffice 后重新生成，页码即按实际排版写入。"
    ),
    "failed": "LibreOffice 没能排版这个文件，目录页码是估算的：Word、WPS 打开时会自动更新为准确页码；在不更新的阅读器里页码可能差一两页。",
}


def cmd_booklet(args: argparse.Namespace) -> int:
    if args.list and args.output:
        args.booklet_parser.error("--list 和 -o 只能用一个：--list 只列出会收录的案例，不生成汇编；要生成汇编，去掉 --list")
    if not args.list and not args.output:  # as argparse says it of a required option (-o was one)
        args.booklet_parser.error("the following arguments are required: -o/--output")
    out = Path(args.output or "")
    if args.list:  # nothing is written: -o is not checked
        pass
    elif out.is_dir() and out.suffix.lower() not in (".docx", ".pdf"):  # said as a wrong extension (an editor's trial)
        raise ConfigError(f"-o {args.output} 是一个文件夹：请写汇编的文件名，例如 -o {out / '案例汇编.docx'}。")
    elif out.suffix.lower() not in (".docx", ".pdf"):
        raise ConfigError(f"-o {args.output}：汇编文件的扩展名应是 .docx（Word）或 .pdf，例如 -o 案例汇编.docx。")
    else:
        output_folder(out)
        _can_write_in(out)
    if args.collection and args.ids:  # the ids were silently ignored (a department's trial)
        raise ConfigError(
            "--collection（专题）和 --ids（编号文件）只能用一个：专题按专题里的顺序编排，编号文件按文件里的顺序。"
            "要从专题里挑几篇，把它们的编号写进编号文件，只用 --ids。"
        )
    if args.title is not None:
        # The word joiners our own booklets put into titles (title.WORD_JOINER: where a line
        # may break) come along when a clerk copies a title from one (compileH): they mean
        # nothing in a title, and are dropped; any other invisible character is refused.
        args.title = args.title.replace(WORD_JOINER, "")
        if (hidden := invisible.find(args.title)) is not None:
            raise ConfigError(
                f"--title 里有看不见的字符 {invisible.describe(hidden[1])}：请重新输入汇编标题（不要从微信、网页或文档里复制粘贴）。"
            )
    # Here, not at the top: they bring the layout, the photo pipeline and the pinyin tables
    # (0.35 s), which every other `showcase` command would load at start for nothing.
    from ..core.collection.curated import load_collections, read_collections
    from ..core.editors.gate import ledger_path
    from ..core.media.pipeline import MediaOptions
    from ..core.outputs.booklet.make import make_booklet
    from ..core.outputs.booklet.select import BookletError, first_error, id_lines, misplaced, read_id_lines, said_lines, select
    from ..core.outputs.feeds import SiteInfo
    from ..core.outputs.ledger import recorded_places
    from ..core.site.index import SiteIndex

    settings, site = load_settings(args)
    if not site.read_from_file and not site.cases_dir.is_dir():
        # a trial ran it from its output folder: told of a cases folder it has no option for
        raise ConfigError(
            f"这里（{Path.cwd()}）没有 mkdocs.yml：汇编要用网站项目的案例和设置。请先进入网站项目的文件夹再运行，"
            "或用 -f 写出项目的 mkdocs.yml，例如 showcase -f D:/案例网站/mkdocs.yml booklet …。"
        )
    if args.title:
        _screen_title(args.title, settings)
    texts = load_texts(site.options.path("texts", site.base))
    root = existing_folder(site.cases_dir)
    collection = load_collection(root, settings, jobs=0, report=progress)  # on every core, saying how far
    say_repaired(collection.repaired)
    places = recorded_places(ledger_path(site))  # --county keqiao-2: a place's key as its page has it
    index = SiteIndex(
        collection.cases, settings.taxonomy, site.options.per_page, texts=texts, county_pages=site.options.county_pages, places=places
    )
    curated = None
    if args.collection:
        path = site.options.path("collections", site.base)
        found, diagnostics = load_collections(path, collection.cases) if path else ([], [])
        curated = next((c for c in found if c.key == args.collection), None)
        titled = [c for c in found if c.title == args.collection.strip()]
        if curated is None and len(titled) == 1:  # its title, as the site shows it (a department's trial)
            curated = titled[0]
        if curated is None and (former := next((c for c in found if args.collection in c.aliases), None)) is not None:
            # a former key (its old address, from a link or an old command): as a former case id is
            print(f"专题“{args.collection}”是专题 {former.key}（{former.title}）以前的 key，下面编排的是这个专题。")
            curated = former
        errors = [d.format() for d in diagnostics if d.is_error]
        # a case of it published with an error: that error, and how to mend it (a second trial
        # was told only 运行 showcase check 查看, under 没有可用的专题 of a collection that is there)
        broken = [c for c in collection.cases if c.status is Status.PUBLISHED and not c.ok]
        errors += [f"  {c.id}：{first_error(c)}" for c in broken if any(f" {c.id} " in e for e in errors)]
        if curated is None:
            known = "、".join(f"{c.key}（{c.title}）" for c in found) or "（没有）"
            # a key a letter off, or the start of one, or its title (a department's trial: yiqu for yiqu-yitese)
            keys = {c.key: c for c in found}
            guess = next((c for c in found if c.key.startswith(args.collection) or c.title == args.collection), None)
            close = difflib.get_close_matches(args.collection, list(keys), n=1, cutoff=0.6)
            guess = guess or (keys[close[0]] if close else None)
            said = f"是不是 {guess.key}（{guess.title}）？" if guess else ""
            # a theme or a series named as a collection: its own option (a department's trial: --collection 邻里守望)
            said = said or misplaced(args.collection.strip(), settings.taxonomy, "专题") or ""
            # a collection of that name in the file, unusable for its errors; or none at all, the
            # file's errors about others (a department's trial: a mistyped key was told
            # 现在编不了汇编, under another collection's errors)
            written = read_collections(path) if path else None
            name = args.collection.strip()
            in_file = written is not None and any(name in (c.key, c.title, *c.aliases) for c in [*written.entries, *written.unusable])
            if errors and in_file:
                raise BookletError(
                    f"专题“{args.collection}”现在编不了汇编。专题文件或其中的案例有错误，网站也不会生成这个专题的页面；请先改正：\n"
                    + "\n".join(errors)
                )
            also = ("\n另外，专题文件里有错误，改正之前网站不会生成专题页，也编不了专题汇编：\n" + "\n".join(errors)) if errors else ""
            raise BookletError(f"没有可用的专题“{args.collection}”。{said}可选：{known}{also}")
        if errors:  # the build refuses the file: a booklet of it would be of a 专题 the site does not have (a key used twice: the first)
            raise BookletError("专题文件有错误，网站也不会生成专题页；请先改正，再编汇编：\n" + "\n".join(errors))
    listed = read_id_lines(Path(args.ids)) if args.ids else None
    selection = select(
        index,
        theme=args.theme,
        category=args.category,
        brand=args.brand,
        province=args.province,
        city=args.city,
        county=args.county,
        year=args.year,
        collection=curated,
        ids=[case_id for case_id, _ in listed] if listed is not None else None,
        lines=id_lines(listed or []),
        title=args.title,
        default_title=texts["booklet"]["default_title"],
        title_ends=texts["booklet"].get("title_ends"),
        everything=collection.cases,
    )
    # the notes below go with the list to the terminal, not into the ids file it is saved as
    notes = sys.stderr if args.list else sys.stdout
    if not args.list:
        # After the selection: a file of that name already there hid a mistyped --collection or
        # --year behind "这个文件已经有了" (an editor's trial)
        may_replace(out, force=args.force, lost="在里面做过的修改（例如加的编者按）会丢失")
    if selection.left_out:  # named: a theme's or a year's booklet would otherwise be short of them unsaid
        left_out = selection.left_out
        print(f"showcase: 这 {len(left_out)} 个已发布的案例有错误，不会收进汇编；改正后重新生成汇编：", file=notes)
        for case in left_out:
            print(f"  {case.id or case.folder.name}：{first_error(case)}", file=notes)
    if selection.filtered:
        dropped = first_few(selection.filtered, 20, show=lambda case: case.id)
        print(
            f"showcase: 编号文件里的 {len(selection.filtered)} 个案例不符合“{selection.filters}”，没有收录：{dropped}。"
            "要收录编号文件里的全部案例，请去掉 --theme、--year 等条件再运行。",
            file=notes,
        )
    if selection.former:
        renamed = "；".join(f"{old} 现在是 {new}" for old, new in selection.former.items())
        print(f"showcase: 编号文件里有旧编号，已按现在的编号收录：{renamed}。可以把编号文件里的旧编号改成现在的编号。", file=notes)
    if selection.repeated:  # a list pasted twice, or a case by its id and its address: one case, said (a wording review)
        twice = "；".join(f"{case_id}（{said_lines(at)}）" for case_id, at in selection.repeated.items())
        print(f"showcase: 编号文件里有案例写了不止一次，每个只收录一次：{twice}。", file=notes)
    if args.list:
        _list(selection)
        return EXIT_OK
    if not args.site_url:
        check_site_url(site.site_url)  # printed in every QR code: as the build refuses it
    else:
        _not_a_page(args.site_url, {name for case in collection.cases for name in (case.id, *case.aliases) if name}, site.site_url)
    raw_site = SiteInfo.of(site.site_name, args.site_url or site.site_url)
    if raw_site.base_url and _local(raw_site.base_url):  # printed on paper and in QR codes (a department's trial)
        print(
            f"showcase: 注意：网址 {raw_site.base_url} 是本机或内网的地址，印在汇编上的网址和二维码，别人打不开。"
            "正式的汇编请用网站的正式网址（--site-url https://网站的正式网址/）。",
            file=sys.stderr,
        )
    if not raw_site.base_url:
        print(
            "showcase: 注意：mkdocs.yml 未设置 site_url，汇编里的永久链接只是站内路径（/cases/…），也不印二维码，印在纸上无法访问。"
            "要印出完整网址和二维码，加上 --site-url 网站的正式网址（例如 --site-url https://anli.example.gov.cn/），"
            "或在 mkdocs.yml 里设置 site_url。",
            file=sys.stderr,
        )
    note = large_pdf_note(len(selection.cases)) if out.suffix.lower() == ".pdf" else None
    if note:
        print(f"showcase: {note}", file=sys.stderr)
    footer = Footer.from_options(*footer_options(site.options, site.config_file))
    media = MediaOptions.from_options(site.options, site.base)
    lock = CacheLock()  # the photo cache is read here: no build prunes it meanwhile (core/cacheprune.py)
    lock.share([media.images.cache_dir])
    try:
        made = make_booklet(
            selection,
            out,
            site=raw_site,
            organizer=footer.organizer,
            texts=texts,
            images=media.images,
            sample_tag=site.options.sample_tag,
            seconds_per_case=site.options.booklet_seconds_per_case,
            linked=index.case_addresses,
        )
    except OSError as exc:  # one line either way: a full disk is no bug of ours (a review saw a traceback)
        if exc.filename and Path(exc.filename).parent.resolve() != out.parent.resolve():
            raise ShowcaseError(f"无法生成汇编：读写 {exc.filename} 时出错（{describe_os_error(exc)}）。{out} 没有写入。") from None
        raise unwritable(out, exc) from None
    finally:
        lock.release()
    print(f"已写入 {out}：{selection.title}，{len(selection.cases)} 个案例。")
    if made.numbers in NUMBERS:
        print(NUMBERS[made.numbers])
    return EXIT_OK if out.is_file() else EXIT_ERRORS


def _list(selection: Selection) -> None:
    """The cases a booklet of these conditions would have, in its order, as an ids file
    (``#`` starts a comment): a department choosing cases had no way to see them before a
    booklet was made, nor to start an ids file from a theme's or a year's (a department's trial)."""
    print(f"# {selection.title}：{len(selection.cases)} 个案例，按汇编里的顺序。")
    print("# 可以把这些行存成文本文件（showcase booklet … --list > 编号.txt），删去不要的、调整顺序，再用 --ids 编号.txt 生成汇编。")
    for case in selection.cases:
        when = f"，{case.date.year}年" if case.date else ""
        print(f"{case.id}  # {case.title}（{case.organization.name}{when}）")


def _screen_title(title: str, settings: Settings) -> None:
    """The title goes on the cover and every page's header: what a case may not publish, it
    may not either (an editor's trial: 联系人王小明13812345678, four times in the booklet)."""
    from ..core.case.content import screen
    from ..core.case.pii import BOOKLET_TITLE_WORDS

    diags = DiagnosticList(Path("--title"))
    screen(title, None, diags, settings.review_words, allow_personal_numbers=settings.allow_personal_numbers, wording=BOOKLET_TITLE_WORDS)
    refused = [d.message for d in diags.items if d.is_error]
    if refused:
        raise ConfigError("--title 写的内容：" + "".join(refused) + "请改好汇编标题，再运行一次。")


def site_address(text: str) -> str:
    """A site's address as --site-url takes it: http(s), a host, ending in / (as site_url)."""
    problem = address_problem(text)
    if problem is not None:
        raise argparse.ArgumentTypeError(problem)
    return text.strip() if text.strip().endswith("/") else text.strip() + "/"


# the site's own sections: an address ending in one of them is likely a page of the site, not the site
_SECTIONS = ("cases", "themes", "regions", "years", "categories", "brands", "collections", "search", "stats", "about", "guide")


def _not_a_page(address: str, ids: set[str], configured: str | None = None) -> None:
    """Refuses a --site-url that is a case page's address pasted from the browser (a
    department's trial: every link and QR code read …/cases/gz-yuexiu-2023-001/cases/…), or
    a section's (…/cases/, …/themes/bianmin-fuwu/: warned of, and a clerk printed a hundred
    copies of dead QR codes: a second trial), unless mkdocs.yml's ``site_url`` (``configured``)
    says the site lives there. A site under a path of its own (https://org.gitee.io/anli/) is
    the site's address, whatever mkdocs.yml says (a review)."""
    parts = urlsplit(address)
    path = [part for part in parts.path.split("/") if part]

    def before(at: int) -> str:  # the address up to the path's part ``at``: the site's home
        return parts._replace(path="/" + "".join(f"{part}/" for part in path[:at])).geturl()

    if (case_id := next((part for part in path if part in ids), None)) is not None:
        at = path.index(case_id)
        home = before(at - 1 if at > 0 and path[at - 1] == "cases" else at)
        raise ConfigError(f"--site-url {address} 是案例 {case_id} 的页面的地址，不是网站的地址：请写网站首页的地址，例如 --site-url {home}")
    if (section := next((part for part in path if part in _SECTIONS), None)) is not None:
        # …/themes/bianmin-fuwu/ and …/regions/zhejiang/ too, not only a section's own page (a trial)
        home = before(path.index(section))
        lives = [part for part in urlsplit(configured or "").path.split("/") if part]
        if path[: len(lives)] == lives and section in lives:
            return  # mkdocs.yml's own address has it: the site is installed under that path
        if not configured and path[-1] == section:
            # no site_url to compare with (an editor's copy; the publishing workflow sets it): a
            # site under a path of that name (a Pages repository called cases) may be one (a review)
            print(
                f"showcase: 注意：--site-url {address} 里有 /{section}/，像是网站里一个栏目的地址。"
                f"汇编里的网址会是 {address}cases/…，请核对：应写网站首页的地址，例如 --site-url {home}。",
                file=sys.stderr,
            )
            return
        raise ConfigError(
            f"--site-url {address} 里有 /{section}/，是网站里一个栏目或页面的地址，不是网站的地址："
            f"汇编里的网址和二维码会是 {address}cases/…，打不开。请写网站首页的地址，例如 --site-url {home}"
            f"（网站确实装在这个路径下的，先在 mkdocs.yml 的 site_url 写上它）。"
        )


def _local(address: str) -> bool:
    """Whether ``address`` is this computer's or a private network's (localhost, 127.0.0.1, 192.168.…)."""
    host = (urlsplit(address).hostname or "").lower()
    if host in ("localhost", "") or host.endswith((".local", ".localhost")):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_private or ip.is_loopback or ip.is_link_local


def _can_write_in(out: Path) -> None:
    """Said before the cases are prepared and laid out (a trial waited through both to learn
    that the folder was read-only): a file is made in the output's folder and removed."""
    try:
        with tempfile.NamedTemporaryFile(dir=out.parent, prefix=".showcase-booklet-"):
            pass
    except OSError as exc:
        raise unwritable(out, exc) from None


class _Once(argparse.Action):
    """An option given once: a second --theme silently replaced the first (a department's
    trial: --theme 便民服务 --theme 社区治理 made the second theme's booklet alone)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option: str | None = None) -> None:
        if isinstance(values, str) and not values.strip():  # --brand "" picked every case (a red team)
            raise argparse.ArgumentError(self, "后面没有写内容（是空的）：请在它后面写上内容，或者去掉这个选项。")
        before = getattr(namespace, self.dest, None)
        if before is not None and before != values:
            filters = self.dest not in ("output", "title", "site_url", "ids", "collection")
            # 几个主题, 几个年份… (几处 was said of years and categories too: a department's trial)
            what = {"theme": "主题", "category": "类别", "province": "省份", "city": "城市", "county": "区县", "year": "年份"}.get(
                self.dest, "条件"
            )
            together = f"要把几个{what}的案例编在一起，请把它们的案例编号写进一个文本文件（一行一个），用 --ids。" if filters else ""
            raise argparse.ArgumentError(self, f"只能写一次，现在写了“{before}”和“{values}”。{together}")
        setattr(namespace, self.dest, values)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    booklet = sub.add_parser("booklet", help="把已发布的案例编成汇编（Word 或 PDF）")
    booklet.add_argument("-o", "--output", action=_Once, help="输出文件：.docx（Word）或 .pdf")
    booklet.add_argument(
        "--list",
        action="store_true",
        help="不生成汇编，只列出会收录的案例（编号和标题，按汇编的顺序）；存成文本文件、调整后可用 --ids 编排",
    )
    booklet.add_argument("--force", action="store_true", help="输出文件已经有了时覆盖它（在里面做过的修改会丢失）")
    booklet.add_argument("--theme", action=_Once, help="实践主题：名称或网址里的拼音，例如 便民服务 或 bianmin-fuwu")
    booklet.add_argument("--category", action=_Once, help="组织类别：名称或网址里的拼音，例如 公益慈善类")
    booklet.add_argument("--brand", action=_Once, help="活动品牌（系列）：名称或网址里的拼音，例如 邻里守望 或 linli-shouwang")
    booklet.add_argument("--province", action=_Once, help="省份：简称、全称或网址里的拼音，例如 广东、广东省 或 guangdong")
    booklet.add_argument("--city", action=_Once, help="城市：全称、不带“市”的名称或网址里的拼音，例如 绍兴市、绍兴 或 shaoxing")
    booklet.add_argument("--county", action=_Once, help="区县：全称、不带“区”“县”的名称或网址里的拼音，例如 越城区、越城 或 yuecheng")
    booklet.add_argument("--year", action=_Once, type=year, help="年份：活动开展的年份（案例的开展时间），例如 2024")
    booklet.add_argument(
        "--collection", action=_Once, help="专题：collections.yml 里专题的 key（网址里的那一段，以前的 key 也可以），按专题里的顺序编排"
    )
    booklet.add_argument("--ids", action=_Once, help="文本文件，一行一个案例编号（旧编号也可以）：按文件的顺序编排")
    booklet.add_argument("--title", action=_Once, help="汇编标题（默认由条件生成，例如“便民服务案例汇编”）")
    booklet.add_argument(
        "--site-url",
        action=_Once,
        type=site_address,
        help="网站的正式网址，例如 https://anli.example.gov.cn/：汇编里的永久链接和二维码用它（默认用 mkdocs.yml 的 site_url）",
    )
    booklet.set_defaults(func=cmd_booklet, booklet_parser=booklet)  # its error(): -o is required without --list
