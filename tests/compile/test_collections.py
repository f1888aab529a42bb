"""Curated collections on a real build: pages in the curated order, feeds, ledger, sitemap, check errors."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path

import docx
import pypdf
import pytest
from showcase.cli import main as showcase

from tests.support.build import mkdocs_build
from tests.support.project import ROOT, copy_project, share_cache

from .conftest import JINGPIN, SITE_URL


def card_ids(html: str) -> list[str]:
    return re.findall(r'class="sc-card__title"><a href="[^"]*cases/([a-z0-9-]+)/"', html)


def test_collection_page_shows_intro_and_cases_in_the_curated_order(project):
    html = (project.site / "collections/jingpin/index.html").read_text(encoding="utf-8")
    assert "<h1>精品阵地</h1>" in html
    assert "<p>第一段介绍。</p><p>第二段介绍。</p>" in html
    assert card_ids(html) == JINGPIN  # not newest first: the file's order
    # 下载汇编: both booklets, linked and published
    for fmt in ("pdf", "docx"):
        assert f'href="booklet.{fmt}" download="精品阵地案例汇编.{fmt}"' in html
        assert (project.site / f"collections/jingpin/booklet.{fmt}").stat().st_size > 10_000
    assert "每个案例的永久链接二维码" in html  # with a site_url, each case has its QR code in the booklets


def test_collections_index_lists_each_collection(project):
    html = (project.site / "collections/index.html").read_text(encoding="utf-8")
    titles = re.findall(r'class="sc-collection__title"><a href="([^"]+)">([^<]+)</a>', html)
    assert titles == [("jingpin/", "精品阵地"), ("bianmin/", "便民服务专题")]
    assert "收录 3 个案例" in html and "收录 2 个案例" in html
    home = (project.site / "index.html").read_text(encoding="utf-8")
    assert 'href="collections/"' in home  # in the navigation


def test_collection_feed_holds_exactly_its_cases(project):
    feed = json.loads((project.site / "collections/jingpin/feed.json").read_text(encoding="utf-8"))
    assert sorted(item["url"] for item in feed["items"]) == sorted(f"{SITE_URL}cases/{i}/" for i in JINGPIN)
    assert feed["home_page_url"] == f"{SITE_URL}collections/jingpin/"
    assert (project.site / "collections/jingpin/feed.xml").is_file() and (project.site / "collections/jingpin/atom.xml").is_file()
    # offered as a theme page offers its own: folded under 订阅本专题, with a line on what subscribing does
    page = (project.site / "collections/jingpin/index.html").read_text(encoding="utf-8")
    folded = page.split('<details class="sc-feeds sc-disclosure">', 1)[1].split("</details>", 1)[0]
    assert "<summary>订阅本专题</summary>" in folded and "本专题收录新案例时就会收到" in folded
    assert all(f'href="{name}"' in folded for name in ("feed.xml", "atom.xml", "feed.json"))


def test_collections_are_in_the_ledger_and_the_sitemap(project):
    ledger = (project.root / "urls.lock").read_text(encoding="utf-8").splitlines()
    for url in ("/collections/", "/collections/jingpin/", "/collections/bianmin/"):
        assert url in ledger
    sitemap = (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}collections/jingpin/</loc>" in sitemap
    # its last change is the newest approval among its own cases (nj-gulou-2024-002's),
    # not the site's newest (bj-haidian-2024-003's 2025-05-19, in the other collection only)
    assert f"<loc>{SITE_URL}collections/jingpin/</loc>\n    <lastmod>2025-02-27</lastmod>" in sitemap
    assert f"<loc>{SITE_URL}</loc>\n    <lastmod>2025-05-19</lastmod>" in sitemap


def test_removed_collection_redirects_to_the_collections_page(project):
    # the ledger keeps the URL alive: a collection taken out of the file redirects
    from showcase.core.collection.curated import read_collections
    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.outputs.ledger import check_ledger, public_plan, read_ledger
    from showcase.core.site.texts import load_texts

    collection = load_collection(project.root / "cases")
    found = read_collections(project.root / "collections.yml")
    from showcase.core.collection.curated import resolve_collections

    kept, _ = resolve_collections(found, collection.cases)
    plan = public_plan(collection, load_taxonomy(), load_texts(), collections=kept[1:])
    check = check_ledger(read_ledger(project.root / "urls.lock"), plan, collection.cases)
    assert check.ok
    assert check.fallbacks == {"collections/jingpin/": "collections/"}


def test_check_reports_unknown_and_unpublished_ids_with_file_and_line(project, capsys):
    broken = project.root / "collections-broken.yml"
    broken.write_text(
        "collections:\n"
        "  - key: one\n"
        "    title: 一\n"
        "    cases:\n"
        "      - bj-xicheng-2023-002\n"
        "      - no-such-case-2020-001\n"  # line 6: unknown
        "      - bj-dongcheng-2025-004\n"  # line 7: in review
        "  - key: Bad Key\n"  # line 8
        "    title: 二\n"
        "    cases: [bj-xicheng-2023-002]\n",
        encoding="utf-8",
    )
    config = project.root / "mkdocs-broken.yml"
    text = project.config.read_text(encoding="utf-8").replace(
        "      booklets: true", "      booklets: true\n      collections: collections-broken.yml"
    )
    config.write_text(text, encoding="utf-8")
    code = showcase(["-f", str(config), "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert re.search(r"collections-broken\.yml:6: error \[collections-unknown-case\].*no-such-case-2020-001", out)
    assert re.search(r"collections-broken\.yml:7: error \[collections-unpublished-case\].*bj-dongcheng-2025-004.*review", out)
    assert re.search(r"collections-broken\.yml:8: error \[collections-key\]", out)
    assert out.count("[collections-") == 3  # the good ids and the second collection's title say nothing
    assert showcase(["-f", str(project.config), "check"]) == 0  # the good file: no errors


def test_theme_and_year_pages_offer_booklets_when_the_option_is_on(project):
    html = (project.site / "themes/bianmin-fuwu/index.html").read_text(encoding="utf-8")
    assert 'href="booklet.pdf" download="便民服务案例汇编.pdf"' in html
    assert (project.site / "themes/bianmin-fuwu/booklet.docx").is_file()
    year = (project.site / "years/2024/index.html").read_text(encoding="utf-8")
    assert 'href="booklet.docx"' in year


def test_build_stops_on_an_unpublished_case_in_a_collection(project, tmp_path, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    (project.root / "collections-draft.yml").write_text(
        "collections:\n  - key: one\n    title: 一\n    cases:\n      - bj-dongcheng-2025-004\n", encoding="utf-8"
    )
    config_file = project.root / "mkdocs-draft.yml"
    text = project.config.read_text(encoding="utf-8")
    assert text.count("      booklets: true\n") == 1
    text = text.replace("      booklets: true", "      collections: collections-draft.yml")
    config_file.write_text(text, encoding="utf-8")
    config = load_config(config_file=str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level("ERROR"), pytest.raises(Abort):
        build(config)
    logged = caplog.text
    assert "collections-draft.yml:5: error [collections-unpublished-case]" in logged
    assert "专题文件 collections-draft.yml 有 1 处错误，构建中止" in logged
    assert not (tmp_path / "site/collections").exists()


def _in_process_build(project, tmp_path, replace: tuple[str, str], caplog):
    """Build a copy of the project in this process with one line of its mkdocs.yml changed;
    returns the Abort (or None) and what was logged."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    copy = tmp_path / "project"
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns("site", ".cache"))
    config_file = copy / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert replace[0] in text
    config_file.write_text(text.replace(*replace), encoding="utf-8")
    config = load_config(config_file=str(config_file), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    stopped = None
    with caplog.at_level("INFO"):
        try:
            build(config)
        except Abort as exc:
            stopped = exc
    return copy, stopped, caplog.text


def _broken_photo_build(project, tmp_path, caplog, *, preview: bool, ids: list[str]):
    """A build of a copy of ``project`` whose collections file lists ``ids`` and whose case
    bj-haidian-2024-003 has a photo cut short, found only when the build decodes it."""
    shutil.copytree(project.root, tmp_path / "src", ignore=shutil.ignore_patterns("site", ".cache"))
    listed = "".join(f"      - {case_id}\n" for case_id in ids)
    (tmp_path / "src/collections-test.yml").write_text(f"collections:\n  - key: one\n    title: 一\n    cases:\n{listed}", encoding="utf-8")
    config = tmp_path / "src/mkdocs.yml"  # booklets have nothing to do with it, and take seconds to lay out
    text = config.read_text(encoding="utf-8")
    assert text.count("      booklets: true\n") == 1
    config.write_text(text.replace("      booklets: true\n", ""), encoding="utf-8")
    photo = next((tmp_path / "src/cases").rglob("bj-haidian-2024-003/photo1.jpg"))
    photo.write_bytes(photo.read_bytes()[:3000])
    source = type(project)(tmp_path / "src", tmp_path / "src/site")
    mode = "true" if preview else "false"
    return _in_process_build(
        source,
        tmp_path / "b",
        ("preview: !ENV [SHOWCASE_PREVIEW, false]", f"preview: {mode}\n      collections: collections-test.yml"),
        caplog,
    )


def test_in_a_preview_a_collections_problem_is_printed_once_beside_an_image_error(project, tmp_path, caplog):
    """An image error makes its case invalid and collections.yml is resolved again; what
    the first pass printed is not printed a second time (it was, with every problem)."""
    _, _, logged = _broken_photo_build(project, tmp_path, caplog, preview=True, ids=["bj-haidian-2024-003", "no-such-2025-001"])
    assert "[image-" in logged, logged[-3000:]  # the photo's own error, on its case
    assert logged.count("[collections-unknown-case]") == 1, logged[-3000:]


def test_a_build_stopped_by_a_photo_found_broken_names_the_photo_not_only_the_collection(project, tmp_path, caplog):
    """The build said only that collections.yml held a case with errors (专题里的案例…没有发布),
    never which error: the collections were resolved again, and stopped the build, before
    the cases' report."""
    _, stopped, logged = _broken_photo_build(project, tmp_path, caplog, preview=False, ids=["bj-haidian-2024-003"])
    assert stopped is not None
    assert "photo1.jpg" in logged and "[image-" in logged, logged[-3000:]  # the photo's own error, on its case
    assert "案例有 1 处错误，构建中止" in logged, logged[-3000:]


def test_a_build_stopped_by_a_case_error_names_the_error_not_only_the_collection(project, tmp_path, caplog):
    """A case with an error (here a link to a file the site does not publish) listed in a
    collection: the build stopped at collections.yml (专题里的案例…没有发布：它有错误,
    专题文件 … 有 1 处错误) and never printed the case's own error, as the check does."""
    shutil.copytree(project.root, tmp_path / "src", ignore=shutil.ignore_patterns("site", ".cache"))
    (tmp_path / "src/collections-test.yml").write_text(
        "collections:\n  - key: one\n    title: 一\n    cases:\n      - bj-haidian-2024-003\n", encoding="utf-8"
    )
    case = next((tmp_path / "src/cases").rglob("bj-haidian-2024-003/index.md"))
    case.write_text(case.read_text(encoding="utf-8") + "\n见[附件](notes.pdf)。\n", encoding="utf-8")
    source = type(project)(tmp_path / "src", tmp_path / "src/site")
    replace = ("      booklets: true", "      collections: collections-test.yml")
    _, stopped, logged = _in_process_build(source, tmp_path / "b", replace, caplog)
    assert stopped is not None
    assert "error [body-link]" in logged and "notes.pdf" in logged, logged[-3000:]  # the case's own error
    assert "案例有 1 处错误，构建中止" in logged and "专题文件 collections-test.yml 有" not in logged, logged[-3000:]


def test_a_booklet_cache_that_cannot_be_written_stops_the_build_with_one_line(project, tmp_path, caplog):
    (tmp_path / "afile").write_text("", encoding="utf-8")
    _, stopped, logged = _in_process_build(
        project,
        tmp_path / "b",
        ("      booklets: true", f"      booklets: true\n      booklet_cache: {tmp_path / 'afile' / 'booklets'}"),
        caplog,
    )
    assert stopped is not None, logged[-2000:]
    assert "Traceback" not in logged and "无法生成案例汇编" in logged and "booklet_cache" in logged, logged[-2000:]


def test_a_pdf_booklet_past_its_time_limit_stops_the_build_and_nothing_of_it_is_kept(project, tmp_path, caplog):
    """A case body WeasyPrint is slow on held every build of its collections for ever. Past
    the limit (set very low here) the build stops with one message naming the collection and
    how to find the case; neither the site nor the booklet cache has any of it, and no record
    says it was made (the next build lays it out again)."""
    copy, stopped, logged = _in_process_build(
        project, tmp_path, ("      booklets: true", "      booklets: true\n      booklet_seconds_per_case: 0.001"), caplog
    )
    assert stopped is not None, logged[-2000:]
    assert "Traceback" not in logged, logged[-3000:]
    assert "PDF 汇编 精品阵地案例汇编.pdf 排版超过 0.03 秒仍未完成，已停止，没有写出文件" in logged, logged[-3000:]
    assert "showcase booklet --collection jingpin -o 试排.pdf" in logged, logged[-3000:]
    cache = copy / ".cache" / "showcase" / "booklets"
    assert not cache.exists() or list(cache.iterdir()) == []
    assert not (tmp_path / "site").exists() or not [p for p in (tmp_path / "site").rglob("*") if p.suffix in (".pdf", ".tmp")]


class _Server:
    """What `mkdocs serve` hands ``on_serve``: the paths it is told to watch, the app it is given."""

    def __init__(self) -> None:
        self.watched: list[str] = []
        self.app = None

    def watch(self, path: str) -> None:
        self.watched.append(path)

    def serve_request(self, environ, start_response):  # MkDocs' own app
        return [b"page"]

    def set_app(self, app) -> None:
        self.app = app


def _served(config_file: Path) -> _Server:
    """The server ``on_serve`` was given, after the plugin's ``on_config`` for ``config_file``."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file))
    plugin = config.plugins["showcase"]
    plugin.on_config(config)
    server = _Server()
    plugin.on_serve(server, config=config, builder=None)
    return server


def test_serve_watches_the_collections_file_and_every_file_the_options_name(project, tmp_path):
    """An editor's trial: the taxonomy and the form's words, edited while `mkdocs serve` ran,
    rebuilt nothing (the pages and the Word form kept a theme's old name until a case was saved)."""
    from showcase.core.packaged import DATA

    from tests.support.project import configure

    site = tmp_path / "site-with-files"
    shutil.copytree(project.root, site, ignore=shutil.ignore_patterns("site", ".cache"))
    for name, packaged in (("my-taxonomy.yml", "taxonomy.yml"), ("my-texts.yml", "texts.yml"), ("words.txt", "review-words.example.txt")):
        shutil.copy(DATA / packaged, site / name)
    configure(site, taxonomy="my-taxonomy.yml", texts="my-texts.yml", review_words="words.txt")
    watched = _served(site / "mkdocs.yml").watched
    assert sorted(Path(path).name for path in watched) == sorted(["collections.yml", "my-taxonomy.yml", "my-texts.yml", "words.txt"])
    assert all(Path(path).parent == site for path in watched)  # not the packaged files of the options left unset


def test_serve_answers_only_this_machine(project):
    server = _served(project.config)
    assert str(project.root / "collections.yml") in server.watched
    # and it answers only this machine (tests/scale/test_preview.py tries a real server)
    said: list[str] = []
    assert server.app({"HTTP_HOST": "localhost:8000"}, lambda status, headers: said.append(status)) == [b"page"]
    server.app({"HTTP_HOST": "evil.example:8000"}, lambda status, headers: said.append(status))
    assert said == ["403 Forbidden"]


def test_a_damaged_cached_booklet_is_made_again_not_published(project, tmp_path):
    """Booklets are kept in the cache and hard-linked into the site, like photos: one cut
    short (a killed build) or changed is made again before it is published."""
    copy = tmp_path / "project"
    shutil.copytree(project.root, copy, ignore=shutil.ignore_patterns("site"))
    cached = {p.read_bytes(): p for p in (copy / ".cache/showcase/booklets").glob("*.*") if p.suffix in (".pdf", ".docx")}
    pdf = cached[(project.site / "collections/jingpin/booklet.pdf").read_bytes()]
    word = cached[(project.site / "collections/jingpin/booklet.docx").read_bytes()]
    whole = pdf.read_bytes()
    os.truncate(pdf, len(whole) // 2)
    word.write_bytes(bytes(b ^ 0xFF for b in word.read_bytes()))  # same size, other bytes
    done = mkdocs_build(copy)
    assert done.returncode == 0, done.stderr[-3000:]  # --strict: a repaired cache is no author's fault
    site = copy / "site"
    assert len(pypdf.PdfReader(str(site / "collections/jingpin/booklet.pdf")).pages) == len(pypdf.PdfReader(io.BytesIO(whole)).pages)
    assert docx.Document(str(site / "collections/jingpin/booklet.docx")).paragraphs
    for path, why in ((pdf, "大小"), (word, "校验值不符")):
        assert f"INFO    -  showcase: 已重新生成损坏的缓存文件 {path}：{why}" in done.stderr, path
    again = mkdocs_build(copy)  # repaired: taken from the cache without a word
    assert again.returncode == 0 and "已重新生成损坏的缓存文件" not in again.stderr


def test_a_booklet_made_by_other_code_is_not_taken_from_the_cache(tmp_path):
    """The cache name holds the code that lays booklets out (the whole core: the writers
    and what they call, such as the sanitizer) and the package's data: the package's version
    stays 0.1.0, so a booklet an older writer made would otherwise be published after
    every upgrade."""
    from showcase.core.outputs.booklet import site

    core = site.WRITERS
    package = core.parent
    copy = tmp_path / "showcase"
    shutil.copytree(core, copy / "core", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(package / "data", copy / "data")
    first = site._writers(copy / "core")
    assert first == site._writers.__wrapped__(core)  # the copy is the package's code
    for changed in (copy / "core/outputs/booklet/docx.py", copy / "core/site/sanitize.py", copy / "data/texts.yml"):
        changed.write_text(changed.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        now = site._writers.__wrapped__(copy / "core")
        assert now != first, changed
        first = now


def test_collections_file_mistakes_are_named_as_the_collections_file(tmp_path):
    """YAML mistakes in collections.yml were worded for a case's front matter (基本信息), and a
    “-gz-…” without its space said the collection listed no cases."""
    from showcase.core.collection.curated import read_collections

    path = tmp_path / "collections.yml"
    path.write_text("collections:\n  - key: a-b\n\ttitle: 甲\n    cases:\n      - gz-a-2023-001\n", encoding="utf-8")
    (tab,) = read_collections(path).diagnostics
    assert tab.code == "yaml-tab" and tab.line == 3 and "专题文件里不能用 Tab" in tab.message and "基本信息" not in tab.message
    path.write_text(
        "collections:\n  - key: a-b\n    title: 甲\n    cases:\n      -gz-a-2023-001\n      - gz-b-2023-001\n", encoding="utf-8"
    )
    (dash,) = read_collections(path).diagnostics
    assert dash.code == "collections-cases" and "减号后面少了空格" in dash.message and "- gz-yuexiu-2023-001" in dash.hint
    path.write_text("collections: [\n", encoding="utf-8")
    (syntax,) = read_collections(path).diagnostics
    assert syntax.message.startswith("专题文件的格式有误")


def test_a_collection_s_title_and_intro_are_plain_words_shown_as_written(tmp_path):
    """A tag in a collection's title showed as text on its page, in its feed and in the
    booklet's file name, and U+202E in it turned a number round (a security review); a case's
    texts have been refused both all along."""
    from showcase.core.collection.curated import read_collections

    path = tmp_path / "collections.yml"
    path.write_text(
        "collections:\n  - key: a-b\n    title: 专题<img src=x onerror=alert(1)>\n    intro: |-\n      第一段。\n\n      电话\u202e87654321831\u202c\n"
        "    cases:\n      - gz-a-2023-001\n  - key: c-d\n    title: 邻里守望\n    intro: 两段简介。\n    cases:\n      - gz-a-2023-001\n",
        encoding="utf-8",
    )
    result = read_collections(path)
    assert [(d.code, d.line) for d in result.diagnostics] == [("html-in-text", 3), ("invisible-char", 4)]
    assert "专题的标题（title）只能是纯文字" in result.diagnostics[0].message
    assert "专题的简介（intro）里有看不见的字符 U+202E" in result.diagnostics[1].message
    assert [entry.key for entry in result.entries] == ["c-d"]


def test_a_collections_file_that_is_not_utf8_says_so_in_chinese(tmp_path):
    """The reason came as Python's English ('utf-8' codec can't decode byte …)."""
    from showcase.core.collection.curated import read_collections
    from showcase.core.errors import ConfigError

    path = tmp_path / "collections.yml"
    path.write_bytes("collections:\n  - key: a\n    title: 专题\n".encode("gbk"))
    with pytest.raises(ConfigError) as refused:
        read_collections(path)
    assert "无法读取专题文件（不是 UTF-8 编码的文字文件，请另存为 UTF-8）" in str(refused.value) and "codec" not in str(refused.value)


def test_without_a_site_url_the_download_hint_promises_no_qr_code(tmp_path):
    # Such booklets carry each case's address but no QR code: the sample site, which has no
    # site_url, promised codes its booklets did not hold (a user trial).
    cases = tmp_path / "_cases"
    shutil.copytree(ROOT / "cases" / "北京市", cases / "北京市")
    project = share_cache(copy_project(tmp_path / "project", cases=cases))
    (project / "collections.yml").write_text(
        "collections:\n  - key: jingpin\n    title: 精品阵地\n    cases:\n      - bj-xicheng-2023-002\n      - bj-chaoyang-2022-005\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site/collections/jingpin/index.html").read_text(encoding="utf-8")
    hint = html.split('class="sc-booklets"', 1)[1].split("</aside>", 1)[0]
    assert "每个案例的网址" in hint and "二维码" not in hint
    # WeChat's own browser often downloads nothing: the way out said beside the download (a reader's trial)
    assert "在微信里下载不了时，点右上角的“…”，选“在浏览器打开”" in hint, hint
    about = (project / "site/about/index.html").read_text(encoding="utf-8")
    assert "在微信里点了下载没有反应时" in about


def test_a_collected_case_whose_id_a_copy_took_is_not_told_to_leave(tmp_path, capsys):
    """An editor's week: a published case's folder copied, its id kept; beside the copy's
    duplicate-id errors, collections.yml's line of the published case was told it had errors
    and could be dropped from the collection. The copy is the one to change."""
    from tests.support.project import make_project, write_case

    project = make_project(tmp_path / "project")
    write_case(project / "cases", "gz-yuexiu-2023-001", 0)
    write_case(project / "cases", "gz-yuexiu-2023-001", 1, folder="复制", status="review", review=None)
    (project / "collections.yml").write_text(
        "collections:\n  - key: one\n    title: 一\n    cases:\n      - gz-yuexiu-2023-001\n", encoding="utf-8"
    )
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    said = out.split("error [collections-unpublished-case] ", 1)[1].split("详见", 1)[0]
    assert "另一个案例用了和它相同的编号（duplicate-id）" in said and "换一个编号" in said, said
    assert "删掉这一行" not in said and "这一行不用改" in said, said


def test_collections_say_what_a_booklet_s_ids_file_says(tmp_path, capsys):
    # A typo got no suggestion and an old id passed unsaid, where a booklet's ids file says
    # both (an editor's trial); a published case with an error was told to wait until published.
    from tests.support.project import make_project, write_case

    project = make_project(tmp_path / "project")
    cases = project / "cases"
    write_case(cases, "cs-tianxin-2022-001", 0, aliases=["gz-haizhu-2022-003"])
    write_case(cases, "gz-yuexiu-2023-001", 5)
    write_case(cases, "gz-liwan-2023-001", 6, volunteers="很多")  # published, with an error
    (project / "collections.yml").write_text(
        "collections:\n  - key: one\n    title: 一\n    cases:\n"
        "      - gz-yuexu-2023-001\n"  # line 5: a letter left out
        "      - gz-haizhu-2022-003\n"  # line 6: the old id of cs-tianxin-2022-001
        "      - gz-liwan-2023-001\n"  # line 7
        "      - zz-qita-2020-001\n",  # line 8: no case's id, nor near one
        encoding="utf-8",
    )
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"collections\.yml:5: error \[collections-unknown-case\].*gz-yuexu-2023-001 找不到。是不是 gz-yuexiu-2023-001？", out)
    # a rename without its alias: how to keep the old id (an editor's week: the guess named
    # another case); not beside a typo's guess, where it would keep the typo (a review)
    assert "aliases: [gz-yuexu-2023-001]" not in out
    assert "改过编号的话，在它的 index.md 里加上 aliases: [zz-qita-2020-001]" in out
    assert re.search(
        r"collections\.yml:6: warning \[collections-former-id\].*gz-haizhu-2022-003 是旧编号.*现在的编号是 cs-tianxin-2022-001", out
    )
    assert re.search(r"collections\.yml:7: error \[collections-unpublished-case\].*gz-liwan-2023-001 没有发布：它有错误", out)
    assert "改正后它就能发布并收录进专题" in out and "等它发布后再加入" not in out


def test_one_check_lists_every_problem_of_collections_yml_and_names_former_ids(tmp_path, capsys):
    """An editor's trial: a key that is no address hid the same collection's unknown id and
    unpublished case until it was fixed; "a，b" on one line got only 找不到; a repeated case
    written once by its former id was named by the id of the other line; a former id as the
    cover passed unsaid and the cover fell to another case."""
    from tests.support.project import make_project, write_case

    project = make_project(tmp_path / "project")
    cases = project / "cases"
    write_case(cases, "cs-tianxin-2022-001", 0, aliases=["gz-haizhu-2022-003"])
    write_case(cases, "gz-yuexiu-2023-001", 5)
    write_case(cases, "gz-liwan-2023-001", 6, status="draft")
    (project / "collections.yml").write_text(
        "collections:\n"
        "  - key: 护河行动\n    title: 护河\n    cases:\n"  # line 2: a key that is no address
        "      - gz-yuexiu-2023-001，cs-tianxin-2022-001\n"  # line 5: two ids on one line
        "      - gz-liwan-2023-001\n"  # line 6: a draft
        "      - gz-yuexiu-2023-001 （重点推荐）\n"  # line 7: one id and a note (a review: said to be several)
        "  - key: two\n    title: 二\n    cover: gz-haizhu-2022-003\n    cases:\n"  # line 10: a former id as cover
        "      - gz-yuexiu-2023-001\n"
        "      - cs-tianxin-2022-001\n"  # line 13
        "      - gz-haizhu-2022-003\n",  # line 14: the same case by its former id
        encoding="utf-8",
    )
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    assert "collections.yml:2: error [collections-key]" in out
    assert re.search(r"collections\.yml:5: error \[collections-unknown-case\].*找不到。\n.*这一行写了 2 个编号：一行只写一个", out), out
    assert "collections.yml:6: error [collections-unpublished-case]" in out
    assert re.search(
        r"collections\.yml:7: error \[collections-unknown-case\].*找不到。是不是 gz-yuexiu-2023-001？\n.*说明文字写在 # 后面", out
    ), out
    assert re.search(
        r"collections\.yml:10: warning \[collections-former-id\].*封面 cover 写的 gz-haizhu-2022-003 是旧编号.*cs-tianxin-2022-001", out
    )
    assert (
        "collections.yml:14: error [collections-repeated-case] 案例 cs-tianxin-2022-001（gz-haizhu-2022-003 是它的旧编号）在专题“二”里写了两次（第 13 行已有）"
        in out
    )
    # fixed but the former id as the cover: the cover is that case's, not the first with one
    (project / "collections.yml").write_text(
        "collections:\n  - key: two\n    title: 二\n    cover: gz-haizhu-2022-003\n    cases:\n      - gz-yuexiu-2023-001\n      - cs-tianxin-2022-001\n",
        encoding="utf-8",
    )
    from showcase.core.collection.curated import load_collections
    from showcase.core.collection.loading import load_collection

    curated, problems = load_collections(project / "collections.yml", load_collection(cases).cases)
    assert [d.code for d in problems] == ["collections-former-id"]
    assert curated[0].cover is not None and curated[0].cover.id == "cs-tianxin-2022-001"


def test_a_collection_s_former_key_leads_to_it(tmp_path, capsys, monkeypatch):
    # A renamed key sent its published address to /collections/ (an editor's trial): kept in
    # the collection's aliases, the old address leads to the collection itself.
    from tests.support.project import make_project, write_case, write_ledger

    project = make_project(tmp_path / "project")
    write_case(project / "cases", "gz-yuexiu-2023-001", 0)
    entry = "collections:\n  - key: {key}\n    title: 银龄互助\n{aliases}    cases:\n      - gz-yuexiu-2023-001\n"
    (project / "collections.yml").write_text(entry.format(key="yinling-huzhu", aliases=""), encoding="utf-8")
    write_ledger(project)
    capsys.readouterr()
    (project / "collections.yml").write_text(entry.format(key="yinling", aliases="    aliases: [yinling-huzhu]\n"), encoding="utf-8")
    assert showcase(["-f", str(project / "mkdocs.yml"), "urls"]) == 0
    recorded = sum(1 for line in (project / "urls.lock").read_text(encoding="utf-8").splitlines() if line.startswith("/"))
    assert f"记录的 {recorded} 个网址都可以访问" in capsys.readouterr().out  # the old address is the collection's redirect page
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    old = (project / "site/collections/yinling-huzhu/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../yinling/">' in old
    assert (project / "site/collections/yinling/index.html").is_file()
    # its feeds and booklets stay at the old address too, the same files (a redirect page
    # cannot stand for a subscription or a download link: they were 404, an editor's trial)
    for name in ("feed.xml", "atom.xml", "feed.json", "booklet.pdf", "booklet.docx"):
        now, before = project / "site/collections/yinling" / name, project / "site/collections/yinling-huzhu" / name
        assert before.is_file() and before.read_bytes() == now.read_bytes(), name
    assert "/collections/yinling/" in (project / "site/collections/yinling-huzhu/feed.xml").read_text(encoding="utf-8")
    # a booklet asked for by the old key (from an old link or command) is the collection's, and says so
    # (its contents' page numbers estimated, not laid out by LibreOffice: what it holds is not asked here)
    from showcase.core.outputs.booklet import layout

    monkeypatch.setattr(layout, "soffice", lambda: None)
    capsys.readouterr()
    out = project / "银龄.docx"
    assert showcase(["-f", str(project / "mkdocs.yml"), "booklet", "--collection", "yinling-huzhu", "-o", str(out)]) == 0
    assert "专题“yinling-huzhu”是专题 yinling（银龄互助）以前的 key" in capsys.readouterr().out and out.is_file()
    # a former key never published has its redirect page too, beside its feeds' and booklets' copies
    # (a review: the copies stood in a folder whose own address was 404)
    (project / "collections.yml").write_text(
        entry.format(key="yinling", aliases="    aliases: [yinling-huzhu, yinling-old]\n"), encoding="utf-8"
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert '<meta http-equiv="refresh" content="0; url=../yinling/">' in (project / "site/collections/yinling-old/index.html").read_text(
        encoding="utf-8"
    )
    assert (project / "site/collections/yinling-old/feed.xml").is_file() and "DeprecationWarning" not in result.stderr
    # its own key among its former ones is refused (the build added one file twice)
    (project / "collections.yml").write_text(entry.format(key="yinling", aliases="    aliases: [yinling]\n"), encoding="utf-8")
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    assert "[collections-key] 专题的 aliases 里写了它现在的 key yinling" in capsys.readouterr().out
    # an old key that is another collection's key is refused
    (project / "collections.yml").write_text(
        entry.format(key="yinling", aliases="    aliases: [other]\n")
        + "  - key: other\n    title: 其他\n    cases:\n      - gz-yuexiu-2023-001\n",
        encoding="utf-8",
    )
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    assert "[collections-duplicate] 专题 key other 写了两次" in capsys.readouterr().out


def test_a_collection_title_longer_than_a_case_s_is_refused_at_its_line(tmp_path, capsys):
    """A red team's 253-character title passed the check, then the build stopped with a
    traceback from python-docx (a Word document's title holds 255 characters at most)."""
    from tests.support.project import make_project, write_case

    project = make_project(tmp_path / "project")
    write_case(project / "cases", "gz-yuexiu-2023-001", 0)
    (project / "collections.yml").write_text(
        "collections:\n  - key: long\n    title: " + "社区" * 41 + "\n    cases:\n      - gz-yuexiu-2023-001\n", encoding="utf-8"
    )
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    assert "collections.yml:3: error [collections-title] 专题的标题有 82 个字，太长了（最多 80 个字" in out, out
    result = mkdocs_build(project)
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    assert "collections.yml:3" in result.stdout + result.stderr


def test_the_build_s_last_line_counts_collections_yml_s_warnings_as_the_check_does(tmp_path, capsys):
    """An editor's trial: the build printed a collections-former-id warning, then ended with
    “警告 0 处” where showcase check said 1."""
    from tests.support.project import make_project, write_case

    project = make_project(tmp_path / "project")
    write_case(project / "cases", "cs-tianxin-2022-001", 0, aliases=["gz-haizhu-2022-003"])
    (project / "collections.yml").write_text(
        "collections:\n  - key: one\n    title: 一\n    cases:\n      - gz-haizhu-2022-003\n", encoding="utf-8"
    )
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 0
    out = capsys.readouterr().out
    assert "[collections-former-id]" in out and "错误 0 处，警告 1 处" in out, out
    built = mkdocs_build(project, strict=False)
    assert built.returncode == 0, built.stderr
    last = [line for line in built.stderr.splitlines() if "共 1 个案例" in line]
    assert "[collections-former-id]" in built.stderr and last and last[-1].endswith("错误 0 处，警告 1 处。"), built.stderr


def test_a_renamed_theme_s_booklets_are_published_at_its_former_key_too(tmp_path):
    """A trial of published addresses: a theme's key renamed with its former key in aliases
    kept its page (a redirect) and its feeds at the old address, but /themes/<old>/booklet.pdf
    and .docx, downloaded and linked by departments, became a 404 (a renamed collection's were
    kept). The same files are published at the former key."""
    from tests.support.build import build_site
    from tests.support.project import ROOT, configure, make_project, write_case

    project = make_project(tmp_path / "p")
    configure(project, "https://anli.example.org/", booklets=True)
    taxonomy = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    assert "  - key: bianmin-fuwu\n" in taxonomy
    # a series renamed too: its booklets were not kept at its former key (a maintainer's trial)
    assert "  - key: linli-shouwang\n" in taxonomy
    taxonomy = taxonomy.replace("  - key: linli-shouwang\n", "  - key: linli-huzhu\n    aliases: [linli-shouwang]\n")
    (project / "taxonomy.yml").write_text(
        taxonomy.replace("  - key: bianmin-fuwu\n", "  - key: minsheng-fuwu\n    aliases: [bianmin-fuwu]\n"), encoding="utf-8"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      # taxonomy: my-taxonomy.yml", "      taxonomy: taxonomy.yml"), encoding="utf-8"
    )
    for number in range(2):
        write_case(project / "cases", f"gz-fuwu-2023-00{number + 1}", number, themes=["便民服务"], brands=["邻里守望"])
    site = build_site(project)
    for listing, now, before in (("themes", "minsheng-fuwu", "bianmin-fuwu"), ("brands", "linli-huzhu", "linli-shouwang")):
        for name in ("booklet.pdf", "booklet.docx"):
            new, old = site / listing / now / name, site / listing / before / name
            assert new.is_file() and old.is_file() and old.read_bytes() == new.read_bytes(), (listing, name)
