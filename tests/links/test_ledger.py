"""The published-URL ledger: urls.lock, `showcase urls`, `showcase check` and the build gate."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from showcase.cli import main as showcase
from showcase.core.case.model import Case, Status
from showcase.core.diagnostics import Diagnostic, Severity
from showcase.core.errors import ShowcaseError
from showcase.core.outputs.ledger import HEADER, Ledger, check_ledger, read_ledger, render_ledger
from showcase.core.site.plan import PageKind, PageSpec, SitePlan

from tests.support.project import configure, share_cache

from .conftest import (
    RENAMED_THEME,
    ROOT,
    VANISHED_LISTING,
    build_site,
    copy_project,
    edit_front_matter,
    in_copy,
    pick_published,
    sample_cases,
    write_ledger,
)

# -- engine-free ---------------------------------------------------------------------


def plan_of(*pages: tuple[str, str]) -> SitePlan:
    return SitePlan(pages=[PageSpec(kind, url, url) for kind, url in pages])


def test_read_ledger_reports_malformed_lines_with_their_line(tmp_path):
    path = tmp_path / "urls.lock"
    # saved by Notepad with a byte-order mark; a line without its closing / and one with an
    # empty segment are no URLs the site serves (a test audit: both passed unnoticed, and the
    # second was then "a case with the id ''" deleted)
    path.write_text("\ufeff# header\n\n/cases/a-1/\ncases/b-2/\n/cases/c 3/\n/themes/x/\n/cases/d-4\n/cases//e/\n", encoding="utf-8")
    ledger = read_ledger(path)
    assert ledger.urls == {"cases/a-1/": 3, "themes/x/": 6}
    assert [(d.line, d.code) for d in ledger.diagnostics] == [
        (4, "ledger-line"),
        (5, "ledger-line"),
        (7, "ledger-line"),
        (8, "ledger-line"),
    ]
    assert "/cases/gz-yuexiu-2023-001/" in ledger.diagnostics[0].hint
    # the place names' note read as part of the backslash rule; a mangled file's way back is named
    assert "也不能有反斜杠；城市、区县页的网址后面可以空一格跟着地名" in ledger.diagnostics[0].hint
    assert "git checkout -- urls.lock" in ledger.diagnostics[0].hint


def test_a_place_name_or_a_line_no_update_writes_is_quoted_safely(tmp_path):
    """Hostile input: a place's name with an escape sequence (\x1b[31m) was printed as it was by
    the ledger-place warning and coloured the editor's terminal, and a megabyte of name was
    printed whole; a line that is no address was quoted whole the same way."""
    page = "/regions/zhejiang/shaoxing/shengzhou/"
    path = tmp_path / "urls.lock"
    path.write_text(
        f"{page} 嵊\x1b[31m州市\n{page.replace('shengzhou', 'a')} {'嵊' * 100_000}\n/x\x1b[2J {'y' * 5000}\n{page.replace('shengzhou', 'b')} 嵊州市\n",
        encoding="utf-8",
    )
    ledger = read_ledger(path)
    assert [(d.line, d.code) for d in ledger.diagnostics] == [(1, "ledger-line"), (2, "ledger-line"), (3, "ledger-line")]
    said = [d.format() for d in ledger.diagnostics]
    assert "后面记的地名有看不见的字符 U+001B（控制字符），不是 showcase urls --update 写的" in said[0]
    assert "后面记的地名有 100000 个字（地名最多 40 个字）" in said[1]
    assert all("\x1b" not in text and len(text) < 600 for text in said), said
    assert ledger.places == {"regions/zhejiang/shaoxing/b/": "嵊州市"} and "regions/zhejiang/shaoxing/shengzhou/" not in ledger.urls


def test_ledger_lines_that_would_lead_out_of_the_site_folder_are_errors(tmp_path):
    """A recorded URL no longer served gets a redirect page written at its path: a line
    with ``..`` made the build write index.html outside the site (a security review)."""
    path = tmp_path / "urls.lock"
    lines = ["/../../../tmp/x/", "/about/../../y/", "/a/%2e%2e/b/", "/a/%2E./b/", "/a\\b/", "/./c/", "/cases/a-1/"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ledger = read_ledger(path)
    assert ledger.urls == {"cases/a-1/": 7}
    assert [d.line for d in ledger.diagnostics] == [1, 2, 3, 4, 5, 6]
    assert "不能有 . 或 .. 这样的一段" in ledger.diagnostics[0].hint
    spec = PageSpec(
        PageKind.FALLBACK,
        "../../tmp/x/",
        "t",
    )  # the plan's own guard, whatever reads the file
    with pytest.raises(ShowcaseError, match="网站文件夹以外"):
        spec.src_uri  # noqa: B018


def test_a_ledger_segment_too_long_for_a_folder_name_is_a_line_error(tmp_path):
    """A recorded URL the site no longer serves gets a redirect page written at its path:
    a segment longer than a file name may be (255 bytes) stopped the build with Python's
    OSError (File name too long) after MkDocs had emptied the site folder, and the check and
    ``showcase urls`` passed (an editor's trial: a long line pasted into urls.lock)."""
    path = tmp_path / "urls.lock"
    lines = ["/" + "a" * 256 + "/", "/themes/" + "案" * 86 + "/", "/" + "a" * 255 + "/", "/cases/a-1/"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ledger = read_ledger(path)
    assert ledger.urls == {"a" * 255 + "/": 3, "cases/a-1/": 4}
    assert [(d.line, d.code) for d in ledger.diagnostics] == [(1, "ledger-line"), (2, "ledger-line")]
    assert "太长" in ledger.diagnostics[0].message and "255" in ledger.diagnostics[0].message


def test_a_build_with_such_a_line_stops_and_writes_nothing_outside(tmp_path, caplog):
    project = share_cache(copy_project(tmp_path / "p"))
    write_ledger(project)
    with (project / "urls.lock").open("a", encoding="utf-8") as ledger:
        ledger.write("/../../escaped-by-urls-lock/\n")
    assert showcase(["-f", str(project / "mkdocs.yml"), "check", str(project / "cases")]) == 1
    message = failed_build(project, caplog)
    assert "urls.lock" in message and "ledger-line" in message
    assert not (tmp_path / "escaped-by-urls-lock").exists() and not (project / "escaped-by-urls-lock").exists()


def test_render_is_sorted_with_one_header_line():
    text = render_ledger({"themes/b/", "", "cases/z-1/", "cases/a-1/"})
    lines = text.splitlines()
    assert lines[0] == HEADER and lines[0].startswith("#") and "showcase urls --update" in lines[0]
    assert lines[1:] == ["/", "/cases/a-1/", "/cases/z-1/", "/themes/b/"]


def test_check_tells_deleted_from_unpublished_and_redirects_vanished_listings(tmp_path):
    ledger = Ledger(tmp_path / "urls.lock", urls={"cases/kept/": 2, "cases/gone/": 3, "cases/back-to-draft/": 4, "regions/x/y/": 5})
    draft = Case(path=tmp_path / "cases/back-to-draft/index.md", id="back-to-draft", status=Status.DRAFT, lines={("status",): 9})
    plan = plan_of(("home", ""), ("section", "regions/"), ("listing", "regions/x/"), ("case", "cases/kept/"), ("case", "cases/new-one/"))
    check = check_ledger(ledger, plan, [draft])
    by_code = {d.code: d for d in check.errors}
    assert set(by_code) == {"ledger-missing", "ledger-unpublished"}
    missing: Diagnostic = by_code["ledger-missing"]
    assert (missing.path.name, missing.line) == ("urls.lock", 3)
    assert (
        "/cases/gone/" in missing.message
        and "aliases" in missing.hint
        and "showcase withdraw gone" in missing.hint
        and "git checkout main --" in missing.hint
    )
    unpublished = by_code["ledger-unpublished"]
    assert (unpublished.path, unpublished.line) == (draft.path, 9) and "showcase withdraw" in unpublished.hint
    assert check.fallbacks == {"regions/x/y/": "regions/x/"}
    assert check.new == ["", "cases/new-one/", "regions/", "regions/x/"]


def test_a_renamed_case_with_an_error_or_back_in_draft_is_not_called_deleted_at_its_former_address(tmp_path):
    # a maintainer's trial: a renamed case with a bad date was also told "deleted or renamed,
    # write gz-...-hub in aliases" at its old address, which its aliases already named
    urls = {"cases/renamed/": 2, "cases/renamed-old/": 3, "cases/draft/": 4, "cases/draft-old/": 5}
    broken = Case(path=tmp_path / "cases/renamed/index.md", id="renamed", aliases=["renamed-old"], status=Status.PUBLISHED)
    broken.diagnostics.append(Diagnostic(broken.path, 16, Severity.ERROR, "bad-value", "date", ""))
    draft = Case(path=tmp_path / "cases/draft/index.md", id="draft", aliases=["draft-old"], status=Status.DRAFT, lines={("status",): 9})
    check = check_ledger(Ledger(tmp_path / "urls.lock", urls=urls), plan_of(("home", "")), [broken, draft])
    assert [(d.code, d.path.name, d.line) for d in check.errors] == [("ledger-unpublished", "index.md", 9)]  # once, for both addresses
    assert "案例 draft 已经发布过" in check.errors[0].message and "showcase withdraw draft " in check.errors[0].hint


# -- the command line ------------------------------------------------------------------


def run(capsys, *args: str, stdout_only: bool = False) -> tuple[int, str]:
    capsys.readouterr()  # drop what came before
    code = showcase(list(args))
    out = capsys.readouterr()
    return code, out.out if stdout_only else out.out + out.err


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("cli"))


def test_urls_update_keeps_a_windows_file_s_line_ends_and_bom(tmp_path, capsys):
    """An editor's trial: urls.lock saved on Windows (a BOM, CRLF) was rewritten whole by
    urls --update, all its lines changed in the diff for one address added. The file's own
    line ends and BOM are kept; only the new line is new."""
    project = copy_project(tmp_path)  # its own: the module's project is written by the tests after
    config = str(project / "mkdocs.yml")
    assert run(capsys, "-f", config, "urls", str(project / "cases"), "--update")[0] == 0
    ledger = project / "urls.lock"
    lines = ledger.read_text(encoding="utf-8").splitlines()
    dropped = next(line for line in lines if line.startswith("/cases/"))
    windows = b"\xef\xbb\xbf" + "".join(line + "\r\n" for line in lines if line != dropped).encode("utf-8")
    ledger.write_bytes(windows)
    code, out = run(capsys, "-f", config, "urls", str(project / "cases"), "--update")
    assert code == 0 and "新增 1 个" in out, out
    after = ledger.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and b"\n" not in after.replace(b"\r\n", b""), after[:80]
    assert sorted(after[3:].split(b"\r\n")) == sorted([*windows[3:].split(b"\r\n"), dropped.encode("utf-8")])


def test_urls_update_writes_the_published_urls(project, capsys):
    config = str(project / "mkdocs.yml")
    code, out = run(capsys, "-f", config, "urls", str(project / "cases"))
    assert code == 0 and "showcase urls --update" in out
    code, out = run(capsys, "-f", config, "urls", str(project / "cases"), "--update")
    assert code == 0 and "新增" in out
    lines = (project / "urls.lock").read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER
    urls = lines[1:]
    assert urls == sorted(urls) and len(set(urls)) == len(urls)
    cases = sample_cases()
    for case in cases:
        url = f"/cases/{case.id}/"
        if case.status in (Status.PUBLISHED, Status.WITHDRAWN):
            assert url in urls, case.id
            assert all(f"/cases/{alias}/" in urls for alias in case.aliases)
        else:
            assert url not in urls, f"{case.id} is {case.status} and must not be recorded"
    assert {"/", "/about/", "/themes/", "/themes/bianmin-fuwu/", "/categories/gongyi-cishan/"} <= set(urls)
    assert not [u for u in urls if "/page/" in u or u.endswith("/embed/")]
    assert {"/regions/guangdong/ ", "/regions/guangdong/guangzhou/ 广州市"} & set(urls) == {"/regions/guangdong/guangzhou/ 广州市"}
    # A second run adds nothing and says all URLs resolve.
    before = (project / "urls.lock").stat().st_mtime_ns
    again = run(capsys, "-f", config, "urls", str(project / "cases"), "--update")[1]
    assert "没有新的网址，不需要提交" in again and "请把它和案例一起提交" not in again
    assert (project / "urls.lock").stat().st_mtime_ns == before  # not written again
    code, out = run(capsys, "-f", config, "urls", str(project / "cases"))
    assert code == 0 and "都可以访问" in out
    # A ledger written before places were named: each city's page named once, said, to commit.
    unnamed = [line.split(" ")[0] for line in urls]
    (project / "urls.lock").write_text("\n".join([HEADER, *unnamed]) + "\n", encoding="utf-8")
    code, out = run(capsys, "-f", config, "urls", str(project / "cases"), "--update")
    cities = sum(1 for line in urls if " " in line)
    # said as what it is: no new address (not 新增 0 个), no case to commit it with
    assert (
        code == 0 and f"没有新的网址，只给原有的网址记上了地名（见下）。请提交这个文件。\n给 {cities} 个城市、区县页的网址记上了地名" in out
    )
    assert "新增 0 个" not in out and "和案例一起提交" not in out
    assert "网址是地名的拼音，以后有拼音相同的另一个地名" in out  # 读音相同的地名（例如错字）: why a name, said plainly
    assert (project / "urls.lock").read_text(encoding="utf-8").splitlines()[1:] == urls
    # only the header written otherwise (an earlier version's words): said so, not 新增 0 个
    (project / "urls.lock").write_text("\n".join(["# 旧的说明", *urls]) + "\n", encoding="utf-8")
    code, out = run(capsys, "-f", config, "urls", str(project / "cases"), "--update")
    assert code == 0 and "没有新的网址，只是按本程序的写法重写了文件" in out and "新增 0 个" not in out, out


def test_check_and_urls_fail_on_a_deleted_case(capsys, tmp_path):
    site = copy_project(tmp_path / "site")
    config = str(site / "mkdocs.yml")
    write_ledger(site)
    cases = site / "cases"
    (victim,) = pick_published(1)
    shutil.rmtree(cases / victim.folder.relative_to(ROOT / "cases"))
    code, out = run(capsys, "-f", config, "check", str(cases), "--format", "json", stdout_only=True)
    assert code == 1
    found = [d for d in json.loads(out)["diagnostics"] if d["code"] == "ledger-missing"]
    assert len(found) == 1 and f"/cases/{victim.id}/" in found[0]["message"] and found[0]["file"].endswith("urls.lock")
    # Checking one province (or one case) of the site says so too: the address is lost all the same.
    code, out = run(capsys, "-f", config, "check", str(cases / victim.folder.relative_to(ROOT / "cases").parts[0]), stdout_only=True)
    assert code == 1 and out.count("[ledger-missing]") == 1 and f"/cases/{victim.id}/" in out
    before = (site / "urls.lock").read_bytes()
    code, out = run(capsys, "-f", config, "urls", str(cases), "--update")
    assert code == 1 and victim.id in out and "未更新" in out
    assert (site / "urls.lock").read_bytes() == before


def test_urls_stops_at_a_collection_that_cannot_be_made(capsys, tmp_path):
    """An id renamed without an alias leaves a 专题 naming an id no case has: urls said its
    page was gone and would redirect, while the collection is still in collections.yml
    (an editor's trial). It names the collections.yml line and stops, as check does."""
    site = copy_project(tmp_path / "site")
    listed = site / "collections.yml"
    shutil.copy(ROOT / "collections.yml", listed)
    write_ledger(site)
    before = (site / "urls.lock").read_bytes()
    listed.write_text(listed.read_text(encoding="utf-8").replace("- gz-haizhu-2022-003", "- gz-haizhu-2022-999"), encoding="utf-8")
    for args in ([], ["--update"]):
        code, out = run(capsys, "-f", str(site / "mkdocs.yml"), "urls", *args)
        assert code == 1, out
        assert "collections.yml:" in out and "gz-haizhu-2022-999" in out and "专题文件有 1 处错误" in out
        assert "已不存在" not in out
    assert (site / "urls.lock").read_bytes() == before


def test_the_committed_ledger_matches_the_sample_collection(capsys):
    """urls.lock at the project root: well-formed, sorted, and every URL still served."""
    ledger = read_ledger(ROOT / "urls.lock")
    assert ledger.exists and not ledger.diagnostics
    assert (ROOT / "urls.lock").read_text(encoding="utf-8") == render_ledger(set(ledger.urls), ledger.places)
    code, out = run(capsys, "-f", str(ROOT / "mkdocs.yml"), "urls", str(ROOT / "cases"))
    assert code == 0, out


# -- the build gate ----------------------------------------------------------------------


def failed_build(project: Path, caplog) -> str:
    """Build ``project`` expecting the ledger to stop it; the message MkDocs printed."""
    with pytest.raises(Abort):
        build_site(project)
    messages = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(messages) == 1, messages
    return messages[0]


def test_build_fails_naming_a_deleted_case(tmp_path, caplog):
    project = share_cache(copy_project(tmp_path / "deleted"))
    write_ledger(project)
    (victim,) = pick_published(1)
    shutil.rmtree(in_copy(project, victim).parent)
    message = failed_build(project, caplog)
    assert f"/cases/{victim.id}/" in message and "urls.lock" in message
    assert "aliases" in message and "showcase withdraw" in message
    assert not (project / "site" / "index.html").exists()


def test_a_build_with_another_site_s_ledger_says_it_once(tmp_path, caplog):
    """An architecture reading: with another site's 200 addresses in urls.lock, showcase check
    said one error and the build listed all 200 (418 lines): the check's rule lived in the gate."""
    project = share_cache(copy_project(tmp_path / "foreign"))
    (project / "urls.lock").write_text(render_ledger({f"cases/other-site-{n:03}/" for n in range(200)}), encoding="utf-8")
    message = failed_build(project, caplog)
    assert message.count("[ledger-missing]") == 1 and "记录的 200 个已发布网址（例如 /cases/other-site-000/）" in message
    assert "有 200 个已发布的网址将会失效" in message and message.count("这份清单属于原来的网站") == 1
    assert "行不是网址路径" not in message and "aliases" not in message  # it said "有 -199 行不是网址路径" and to write aliases


def test_build_fails_when_a_published_case_goes_back_to_draft(tmp_path, caplog):
    project = share_cache(copy_project(tmp_path / "draft"))
    write_ledger(project)
    (victim,) = pick_published(1)
    case_file = in_copy(project, victim)
    edit_front_matter(case_file, "status: published", "status: draft")
    message = failed_build(project, caplog)
    assert f"index.md:{victim.line('status')}:" in message and "ledger-unpublished" in message and victim.id in message


def test_a_build_without_its_ledger_says_the_published_addresses_went_unchecked(tmp_path, caplog):
    """A ledger path written wrong read as a new site's missing ledger: the check of
    published addresses was off without a word. A new site has none either: a line of
    information, not a stop."""
    project = share_cache(copy_project(tmp_path / "new"))
    (project / "urls.lock").unlink(missing_ok=True)
    with caplog.at_level("INFO"):
        build_site(project)
    said = [r.getMessage() for r in caplog.records if "还不存在" in r.getMessage()]
    assert len(said) == 1 and "urls.lock" in said[0] and "showcase urls --update" in said[0], said


def test_showcase_urls_says_a_missing_ledger_as_the_build_does(tmp_path, capsys, caplog):
    """showcase urls said 还没有网址清单 … 运行 showcase urls --update, never that the path
    in mkdocs.yml may be written wrong, as the build says of the same file."""
    project = share_cache(copy_project(tmp_path / "new"))
    (project / "urls.lock").unlink(missing_ok=True)
    assert showcase(["-f", str(project / "mkdocs.yml"), "urls"]) == 0
    printed = capsys.readouterr().out.strip()
    assert "还不存在：这次没有检查已发布的网址会不会失效" in printed and "请核对 mkdocs.yml 里的 ledger 路径" in printed, printed
    with caplog.at_level("INFO"):
        build_site(project)
    assert any(r.getMessage().endswith(printed) for r in caplog.records), printed  # the same words


def test_a_refused_build_leaves_the_last_site_as_it_was(tmp_path, caplog):
    """A department's trial: a build refused for a lost address had first emptied site/
    (MkDocs cleans it after the plugins' on_pre_build), and a site served from it was gone.
    The cases are read, checked and planned before that now."""
    project = share_cache(copy_project(tmp_path / "kept"))
    write_ledger(project)
    site = build_site(project)
    before = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert "index.html" in before
    (victim,) = pick_published(1)
    edit_front_matter(in_copy(project, victim), "status: published", "status: draft")
    assert "ledger-unpublished" in failed_build(project, caplog)
    after = {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    assert after == before


def test_renamed_and_withdrawn_cases_pass(changed):
    site = changed.site
    assert (site / "cases" / changed.renamed_to / "index.html").is_file()
    assert (site / "cases" / changed.renamed_from / "index.html").is_file()  # the alias
    tombstone = (site / "cases" / changed.withdrawn / "index.html").read_text(encoding="utf-8")
    assert changed.reason in tombstone


def test_a_vanished_listing_redirects_to_the_nearest_page_above(changed):
    page = (changed.site / VANISHED_LISTING.strip("/") / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in page and 'content="0; url=../../"' in page
    assert "这个栏目已不再单独列出，正在跳转到" in page  # it did not move: it is gone (a trial read "网址已更新")
    assert '<link rel="canonical" href="https://example.org/showcase/regions/">' in page
    # named as the page it leads to (it read “正在跳转到 页面已移动”, the page's own words)
    assert '正在跳转到 <a href="../../">地区</a>。' in page and "<title>地区</title>" in page
    assert '<meta name="viewport" content="width=device-width,initial-scale=1">' in page  # read on a phone at its size


def test_a_themes_former_key_leads_to_its_page_with_its_feeds_and_data(changed):
    # a maintainer's trial: /themes/<old key>/ led to /themes/, and its feeds and data file were gone
    old, new = RENAMED_THEME
    site = changed.site
    page = (site / "themes" / old / "index.html").read_text(encoding="utf-8")
    assert f'content="0; url=../{new}/"' in page and "本页网址已更新，正在跳转到" in page
    assert (site / "themes" / new / "index.html").is_file()
    for name in ("feed.xml", "atom.xml", "feed.json"):
        assert (site / "themes" / old / name).read_bytes() == (site / "themes" / new / name).read_bytes()
    assert (site / "api/themes" / f"{old}.json").read_bytes() == (site / "api/themes" / f"{new}.json").read_bytes()
    assert not (site / "themes" / old / "page").exists()


def test_a_ledger_of_another_collection_says_so(project, capsys, tmp_path):
    ledger = tmp_path / "published.lock"  # named as the site names it (it said urls.lock whatever the name)
    ledger.write_text(render_ledger({"", "about/", "cases/other-site-001/", "cases/other-site-002/"}), encoding="utf-8")
    code, out = run(capsys, "-f", str(project / "mkdocs.yml"), "urls", str(project / "cases"), "--ledger", str(ledger))
    assert code == 1 and "/cases/other-site-001/" in out
    assert "这份清单属于原来的网站：删除 published.lock，再运行 showcase urls --update" in out and "urls.lock" not in out
    # one error for the other site's addresses, counted in the summary, as showcase check and the build say it
    # (the build listed each of 200 addresses: an architecture reading)
    assert out.count("[ledger-missing]") == 1 and "记录的 2 个已发布网址（例如 /cases/other-site-001/）" in out
    assert "有 2 个已发布的网址将会失效" in out and out.count("这份清单属于原来的网站") == 1


@pytest.mark.parametrize("style", ["merge", "diff3"])  # diff3 adds the base's ||||||| section (a mutation audit)
def test_two_branches_that_each_add_cases_merge_their_ledgers_without_a_conflict(tmp_path, capsys, style):
    """Two editors each add a case and run `showcase urls --update`: the new lines land at the
    same places of urls.lock. With the project's .gitattributes (union merge) git keeps both
    sides' lines, and the merged ledger is the one `--update` would write for both cases."""
    import subprocess

    from tests.support.project import write_case

    project = copy_project(tmp_path / "repo")
    shutil.copy(ROOT / ".gitattributes", project / ".gitattributes")
    write_ledger(project)

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["git", "-c", "user.name=编辑", "-c", "user.email=e@example.org", *args], cwd=project, capture_output=True, text=True
        )

    assert git("init", "-q", "-b", "main").returncode == 0
    git("add", "-A")
    assert git("commit", "-qm", "sample").returncode == 0
    for branch, case_id, number in (("a", "gz-yuexiu-2025-201", 1), ("b", "gz-yuexiu-2025-202", 2)):
        git("checkout", "-q", "-b", branch, "main")
        write_case(project / "cases", case_id, number, folder="广东省")
        write_ledger(project)
        git("add", "-A")
        assert git("commit", "-qm", case_id).returncode == 0
    git("checkout", "-q", "main")
    assert git("merge", "-q", "--no-edit", "a").returncode == 0
    merged = git("merge", "--no-edit", "b")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    text = (project / "urls.lock").read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and "/cases/gz-yuexiu-2025-201/" in text and "/cases/gz-yuexiu-2025-202/" in text
    assert sorted(text.splitlines()) == sorted(set(text.splitlines()))  # no line twice
    write_ledger(project)  # what --update writes for the merged collection: the same lines
    assert set((project / "urls.lock").read_text(encoding="utf-8").splitlines()) == set(text.splitlines())
    # without the union driver (git reads .gitattributes from the work tree) the same merge
    # stops at a conflict in urls.lock
    git("reset", "-q", "--hard", "a")
    (project / ".gitattributes").unlink()
    assert git("-c", f"merge.conflictStyle={style}", "merge", "--no-edit", "b").returncode != 0
    assert "urls.lock" in git("diff", "--name-only", "--diff-filter=U").stdout
    assert ("|||||||" in (project / "urls.lock").read_text(encoding="utf-8")) == (style == "diff3")
    # The markers left in the file are said to be a conflict, not published URLs about to break,
    # and `showcase urls --update` keeps both sides' lines and removes the markers.
    git("checkout", "--theirs", "--", "cases")
    config = str(project / "mkdocs.yml")
    code, out = run(capsys, "-f", config, "urls")
    assert code == 1 and "[ledger-conflict]" in out and "合并冲突" in out, out
    assert "将会失效" not in out and "ledger-line" not in out and "不是网址路径" not in out
    code, out = run(capsys, "-f", config, "urls", "--update")
    assert code == 0 and "已去掉 urls.lock 里 1 处 Git 合并冲突的标记" in out, out
    assert "请把它和案例一起提交" in out and "不需要提交" not in out, out
    resolved = (project / "urls.lock").read_text(encoding="utf-8")
    assert "<<<<<<<" not in resolved and "=======" not in resolved and ">>>>>>>" not in resolved
    assert set(resolved.splitlines()) == set(text.splitlines())  # the union driver's result


def test_a_theme_s_key_changed_without_its_former_key_is_a_warning_naming_the_alias(tmp_path, capsys):
    """A URL audit: a theme's key changed in the site's taxonomy without ``aliases``: its
    recorded page led up to /themes/ with one line of the build's log, its feeds and
    /api/themes/<key>.json were gone, and nothing pointed to the fix. With the old key in
    ``aliases`` (the ``changed`` site) nothing is said."""
    from tests.support.build import mkdocs_build

    project = share_cache(copy_project(tmp_path / "site"))
    write_ledger(project)
    old, new = RENAMED_THEME
    taxonomy = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    (project / "taxonomy.yml").write_text(taxonomy.replace(f"  - key: {old}\n", f"  - key: {new}\n"), encoding="utf-8")
    for case in (project / "cases").rglob("index.md"):  # the cases that write the key, rewritten with it
        case.write_text(case.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      # taxonomy: my-taxonomy.yml", "      taxonomy: taxonomy.yml"), encoding="utf-8"
    )
    line = read_ledger(project / "urls.lock").urls[f"themes/{old}/"]
    code, out = run(capsys, "-f", str(config), "urls", str(project / "cases"))
    assert code == 0 and f"urls.lock:{line}: warning [ledger-renamed]" in out, out
    assert f"已发布的实践主题网址 /themes/{old}/ 没有了，同时多了 /themes/{new}/" in out and f"aliases: [{old}]" in out
    # the pull request's gate fails where the publishing build stops (a warning, it passed a
    # pull request whose merge then published nothing: a trial of published addresses)
    code, out = run(capsys, "-f", str(config), "check", str(project / "cases"))
    assert code == 1 and "error [ledger-renamed]" in out and "错误 1 处" in out, out
    built = mkdocs_build(project)  # --strict, as the publishing build: it stops there
    assert built.returncode != 0 and "ledger-renamed" in built.stderr and f"aliases: [{old}]" in built.stderr
    # A term deleted on purpose: the hint said 可以不管这一条, yet --strict stopped there; recording
    # the new address is what ends it, and showcase urls --update says the warning is then gone for good.
    assert "可以不管" not in built.stderr and "运行 showcase urls --update 把新网址记进清单并提交，这一条就不再出现" in built.stderr
    code, out = run(capsys, "-f", str(config), "urls", "--update", str(project / "cases"))
    assert code == 0 and f"  + /themes/{new}/" in out and "上面“看起来是改了 key”的提醒以后不会再出现" in out, out
    assert f"给 1 个删掉了的分类或专题页的网址记上了“已删除”：/themes/{old}/" in out, out
    assert f"\n/themes/{old}/ 已删除\n" in (project / "urls.lock").read_text(encoding="utf-8")
    code, out = run(capsys, "-f", str(config), "check", str(project / "cases"))
    assert code == 0 and "ledger-renamed" not in out
    # a theme added later is no rename of the one removed (a maintainer's trial: every new
    # collection, series or theme after a removal was refused as its rename, and the hint would
    # have led the removed one's address to it)
    text = (project / "taxonomy.yml").read_text(encoding="utf-8")
    added = '  - key: xiangcun-zhenxing\n    short: 乡村振兴\n    name: 助力乡村振兴\n    color: "#37474f"\n    description: 乡村振兴。\n'
    (project / "taxonomy.yml").write_text(text.replace("categories:", added + "categories:", 1), encoding="utf-8")
    case = next(path for path in (project / "cases").rglob("index.md") if "status: published" in path.read_text(encoding="utf-8"))
    case.write_text(re.sub(r"themes: \[", "themes: [乡村振兴, ", case.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    code, out = run(capsys, "-f", str(config), "check", str(project / "cases"))
    assert code == 0 and "ledger-renamed" not in out, out
    code, out = run(capsys, "-f", str(config), "urls", str(project / "cases"))
    assert "  + /themes/xiangcun-zhenxing/" in out and "ledger-renamed" not in out, out
    assert f"页面 /themes/{old}/ 已不存在" not in out  # recorded as removed: not said at every run again


def test_a_theme_renamed_with_its_former_key_is_no_rename_of_one_removed(tmp_path, capsys):
    """A maintainer's trial: one theme renamed with aliases: [its old key] and another removed
    in the same change: the removed one was said to be the renamed one's former name, and its
    hint would have led the removed theme's address to the renamed theme."""
    project = share_cache(copy_project(tmp_path / "site"))
    write_ledger(project)
    old, new = RENAMED_THEME
    taxonomy = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    taxonomy = taxonomy.replace(f"  - key: {old}\n", f"  - key: {new}\n    aliases: [{old}]\n")
    removed = re.search(r"  - key: fuwu-zhendi\n(?:    .*\n)+", taxonomy)
    assert removed is not None
    (project / "taxonomy.yml").write_text(taxonomy.replace(removed.group(0), ""), encoding="utf-8")
    for case in (project / "cases").rglob("index.md"):  # its cases without it (each has another theme)
        text = case.read_text(encoding="utf-8")
        case.write_text(
            re.sub(
                r"(?m)^themes: \[(?:优化服务阵地|服务阵地|fuwu-zhendi), |(?<=\w), (?:服务阵地|fuwu-zhendi)\]",
                lambda m: "themes: [" if m.group(0).startswith("themes") else "]",
                text,
            ),
            encoding="utf-8",
        )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      # taxonomy: my-taxonomy.yml", "      taxonomy: taxonomy.yml"), encoding="utf-8"
    )
    code, out = run(capsys, "-f", str(config), "check", str(project / "cases"))
    assert code == 0 and "服务阵地" not in out and "ledger-renamed" not in out, out
    code, out = run(capsys, "-f", str(config), "urls", str(project / "cases"))
    assert code == 0 and "页面 /themes/fuwu-zhendi/ 已不存在" in out and "ledger-renamed" not in out, out


def test_a_theme_renamed_with_a_mistyped_former_key_is_still_said(tmp_path, capsys):
    """A review: a new page renamed from any former key was kept out of ledger-renamed, so a
    mistyped alias (jingshen-wenhau) passed the check, and urls --update would have recorded
    the theme's published page as removed. Only a former key the ledger records renames."""
    project = share_cache(copy_project(tmp_path / "site"))
    write_ledger(project)
    old, new = RENAMED_THEME
    taxonomy = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    typo = old[:-2] + old[-1] + old[-2]
    (project / "taxonomy.yml").write_text(
        taxonomy.replace(f"  - key: {old}\n", f"  - key: {new}\n    aliases: [{typo}]\n"), encoding="utf-8"
    )
    for case in (project / "cases").rglob("index.md"):
        case.write_text(case.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("      # taxonomy: my-taxonomy.yml", "      taxonomy: taxonomy.yml"), encoding="utf-8"
    )
    code, out = run(capsys, "-f", str(config), "check", str(project / "cases"))
    assert code == 1 and "error [ledger-renamed]" in out and f"aliases: [{old}]" in out, out


def test_a_preview_counts_the_ledger_s_errors_in_its_last_line(tmp_path, caplog, monkeypatch):
    """An editor's trial of `mkdocs serve`: a published case deleted, two ledger-missing
    errors said (the preview goes on), then the build's last line said 错误 0 处."""
    import logging

    from tests.support.build import build_project

    project = committed(tmp_path / "served", monkeypatch)
    shutil.rmtree(project / "cases" / "广东省" / "gz-tianhe-2021-006")  # published, with a former id: two addresses
    caplog.set_level(logging.INFO)
    build_project(project, serve=True, preview=True)
    lines = [record.getMessage() for record in caplog.records]
    assert sum("[ledger-missing]" in line for line in lines) == 2, lines
    summary = [line for line in lines if re.search(r"共 \d+ 个案例：", line)]
    assert len(summary) == 1 and re.search(r"；错误 2 处，警告 \d+ 处。$", summary[0]), summary


def test_each_build_reads_the_places_urls_lock_records_again(tmp_path):
    """The plugin reads urls.lock once a build (``LinksAdapter.ledger``); `mkdocs serve`
    keeps the plugin between rebuilds (it has on_startup): a name put right in urls.lock
    (ledger-place) is read at the next rebuild, as its URLs are; unreadable, the places are
    none (the check says why)."""
    from types import SimpleNamespace

    from showcase.core.options import Options
    from showcase.plugin.links import LinksAdapter

    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    ledger = tmp_path / "urls.lock"
    ledger.write_text(render_ledger(["regions/zhejiang/shaoxing/"], {"regions/zhejiang/shaoxing/": "邵兴市"}), encoding="utf-8")
    adapter = LinksAdapter()
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), site_name="x", site_url="", site_description="", extra_css=[])
    adapter.on_config(config, Options(), {}, adapter.assets)  # type: ignore[arg-type]
    assert adapter.recorded_places() == {"regions/zhejiang/shaoxing/": "邵兴市"}
    ledger.write_text(render_ledger(["regions/zhejiang/shaoxing/"], {"regions/zhejiang/shaoxing/": "绍兴市"}), encoding="utf-8")
    assert adapter.recorded_places() == {"regions/zhejiang/shaoxing/": "邵兴市"}  # one build: read once
    adapter.on_config(config, Options(), {}, adapter.assets)  # type: ignore[arg-type]
    assert adapter.recorded_places() == {"regions/zhejiang/shaoxing/": "绍兴市"}
    adapter.on_config(config, Options(), {}, adapter.assets)  # type: ignore[arg-type]
    ledger.write_bytes(b"\xff\xfe/x/\n")
    assert adapter.recorded_places() == {}


def test_urls_check_and_stats_key_places_as_the_build_does(tmp_path, capsys):
    """showcase urls, showcase check and showcase stats read the places urls.lock records,
    as the build does: 胜州市 (a slip) recorded at /shengzhou/, the case put right to 嵊州市
    is at /shengzhou-2/ in all of them, with the ledger-place warning (a mutation audit: each
    could leave the places out unseen)."""
    from tests.support.project import configure, make_project, write_case

    project = make_project(tmp_path / "site")
    configure(project, "https://example.org/", county_pages=True)
    write_case(project / "cases", "sx-001", 0, region={"province": "浙江省", "city": "绍兴市", "county": "嵊州市"})
    config = str(project / "mkdocs.yml")
    assert run(capsys, "-f", config, "urls", "--update")[0] == 0
    ledger = project / "urls.lock"
    text = ledger.read_text(encoding="utf-8")
    assert "/regions/zhejiang/shaoxing/shengzhou/ 嵊州市\n" in text
    ledger.write_text(text.replace("shengzhou/ 嵊州市", "shengzhou/ 胜州市"), encoding="utf-8")
    code, out = run(capsys, "-f", config, "urls")
    assert code == 0 and "warning [ledger-place]" in out and "+ /regions/zhejiang/shaoxing/shengzhou-2/" in out, out
    code, out = run(capsys, "-f", config, "check")
    assert code == 1 and "error [ledger-place]" in out, out  # the strict build stops there: the gate too
    code, out = run(capsys, "-f", config, "stats", "--format", "csv", stdout_only=True)
    assert code == 0 and "shengzhou-2,嵊州市" in out, out


def test_the_guide_and_search_pages_are_recorded_and_kept_when_a_site_turns_them_off(tmp_path, capsys):
    """/guide/ and /search/ are out of the sitemap, so the ledger left them out: a district's
    notice linking to /guide/ (how to send a case) broke when the site turned its guide off."""
    project = share_cache(copy_project(tmp_path / "off"))
    shutil.copy(ROOT / "CONTRIBUTING.md", project)  # the guide the site publishes at /guide/
    urls = write_ledger(project).read_text(encoding="utf-8").splitlines()
    assert {"/guide/", "/search/"} <= set(urls)
    configure(project, guide="", search=False)
    config, cases = str(project / "mkdocs.yml"), str(project / "cases")
    code, out = run(capsys, "-f", config, "urls", cases)
    # judged as the build judges them: kept as redirects, not recorded again, nothing to add
    assert code == 0 and "/guide/ 已不存在，构建时会跳转到 /" in out and "/search/ 已不存在，构建时会跳转到 /" in out, out
    assert "新发布的网址" not in out
    site = build_site(project)
    for gone in ("guide", "search"):
        page = (site / gone / "index.html").read_text(encoding="utf-8")
        assert 'http-equiv="refresh"' in page and 'content="0; url=.."' in page and '<a href="..">首页</a>' in page, gone
    # a site that never published them records neither
    fresh = share_cache(copy_project(tmp_path / "never"))
    configure(fresh, guide="", search=False)
    assert not {"/guide/", "/search/"} & set(write_ledger(fresh).read_text(encoding="utf-8").splitlines())


def committed(folder: Path, monkeypatch) -> Path:
    """A copy of the sample project with its urls.lock, committed in a new Git repository (branch main)."""
    from tests.support.git import as_editor, git

    as_editor(monkeypatch)
    project = share_cache(copy_project(folder))
    write_ledger(project)
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "site", cwd=project)
    return project


def test_a_ledger_deleted_from_a_repository_stops_the_check_and_the_build(tmp_path, capsys, caplog, monkeypatch):
    """An editor's trial: urls.lock deleted (as a generated file, or to clear a merge conflict)
    with a published case: the check and the build passed with an INFO line, and the publishing
    run then wrote a new urls.lock from the site as it was, the case's address lost for good.
    Git's history has the file: both stop, saying how to get it back. A new site's missing
    ledger (never in Git) stays a line of information (the test above)."""
    from tests.support.git import git

    project = committed(tmp_path / "gone", monkeypatch)
    (project / "urls.lock").unlink()  # deleted, not yet committed
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 2
    said = capsys.readouterr().err
    assert "urls.lock 不见了，但 Git 的记录里有它" in said and "git checkout HEAD -- urls.lock" in said, said
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "delete the ledger", cwd=project)
    last = git("log", "-1", "--format=%h", cwd=project).strip()
    message = failed_build(project, caplog)
    assert "urls.lock 不见了，但 Git 的记录里有它" in message and f"git checkout {last}~1 -- urls.lock" in message, message
    # the publishing run's showcase urls --update does not write a new one from the site as it is (a review)
    assert showcase(["-f", str(project / "mkdocs.yml"), "urls", "--update"]) == 2
    assert "urls.lock 不见了" in capsys.readouterr().err and not (project / "urls.lock").exists()
    # a clone of the last two commits, as the publishing workflow fetches: the deletion is still seen
    shallow = tmp_path / "shallow"
    git("clone", "-q", "--depth", "2", f"file://{project}", str(shallow), cwd=tmp_path)
    assert showcase(["-f", str(shallow / "mkdocs.yml"), "check"]) == 2
    assert "urls.lock 不见了，但 Git 的记录里有它" in capsys.readouterr().err


def test_addresses_deleted_from_the_ledger_in_a_branch_fail_the_check_against_its_base(tmp_path, capsys, monkeypatch):
    """An editor's trial: a published case and its urls.lock line both deleted passed the check
    (only pr-summary said so). ``showcase check --base``, as the pull-request gate runs it, refuses it."""
    from tests.support.git import git

    project = committed(tmp_path / "lines", monkeypatch)
    git("checkout", "-q", "-b", "tidy", cwd=project)
    (victim,) = pick_published(1)
    shutil.rmtree(in_copy(project, victim).parent)
    ledger = project / "urls.lock"
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    where = next(n for n, line in enumerate(lines, 1) if victim.id in line)
    assert where > 1
    ledger.write_text("".join(line for line in lines if victim.id not in line), encoding="utf-8")
    config = ["-f", str(project / "mkdocs.yml")]
    assert showcase([*config, "check"]) == 0  # the gap: the file alone says nothing is lost
    capsys.readouterr()
    assert showcase([*config, "check", "--base", "main"]) == 1
    out = capsys.readouterr().out
    assert "[ledger-lines-removed]" in out and f"/cases/{victim.id}/" in out and "git checkout main -- urls.lock" in out, out
    # where the line was, not line 1 (a second trial)
    assert f"urls.lock:{where}:" in out.replace("\\", "/"), out
    assert showcase([*config, "check", "--base", "no-such-branch"]) == 1
    out = capsys.readouterr().out  # an error among the others: the cases are still reported
    assert "[ledger-base]" in out and "无法从 Git 读出比较的基准" in out and "共 " in out, out


def test_a_withdrawn_case_set_back_to_draft_is_told_to_go_back_to_withdrawn(tmp_path, capsys):
    """An editor's trial: a withdrawn case set to draft was told “把 status 改回 published”,
    which would put what was withdrawn back online past --republish."""
    project = share_cache(copy_project(tmp_path / "back"))
    write_ledger(project)
    (victim,) = pick_published(1)
    case_file = in_copy(project, victim)
    edit_front_matter(case_file, "status: published", "status: draft\nwithdrawn_reason: 组织已注销")
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    assert "[ledger-unpublished]" in out and "把 status 改回 withdrawn" in out and "改回 published" not in out, out


def test_a_collection_s_key_changed_without_its_former_key_is_a_warning_naming_the_alias(tmp_path, capsys):
    """An editor's trial: key: yiqu-yitese changed to yiqu-yitese-2026 in collections.yml passed
    the check and the strict build; the old address led up to /collections/, and its booklets
    and feed under it were not found any more. Said as a theme's renamed key is; with the old
    key in aliases, nothing is said."""
    project = share_cache(copy_project(tmp_path / "site"))
    listed = project / "collections.yml"
    shutil.copy(ROOT / "collections.yml", listed)
    write_ledger(project)
    text = listed.read_text(encoding="utf-8")
    listed.write_text(text.replace("  - key: yiqu-yitese\n", "  - key: yiqu-yitese-2026\n"), encoding="utf-8")
    line = read_ledger(project / "urls.lock").urls["collections/yiqu-yitese/"]
    config = project / "mkdocs.yml"
    code, out = run(capsys, "-f", str(config), "check", str(project / "cases"))
    assert code == 1 and f"urls.lock:{line}: error [ledger-renamed]" in out, out  # the strict build stops there
    assert "已发布的专题网址 /collections/yiqu-yitese/ 没有了，同时多了 /collections/yiqu-yitese-2026/" in out, out
    assert "汇编下载（Word、PDF）和订阅（RSS）也打不开了" in out and "aliases: [yiqu-yitese]" in out and "专题文件里改了 key" in out
    listed.write_text(text.replace("  - key: yiqu-yitese\n", "  - key: yiqu-yitese-2026\n    aliases: [yiqu-yitese]\n"), encoding="utf-8")
    code, out = run(capsys, "-f", str(config), "check", str(project / "cases"))
    assert code == 0 and "ledger-renamed" not in out, out


def test_a_new_site_made_from_the_sample_is_not_told_to_restore_the_sample_s_ledger(tmp_path, capsys, monkeypatch):
    """A review: README's “your own site” (git rm -r cases/ urls.lock, a case of one's own,
    committed) stopped the check and the build, telling the department to restore the sample's
    urls.lock. A deleted ledger that recorded none of the site's cases is another site's."""
    from tests.support.git import git
    from tests.support.project import write_case

    project = committed(tmp_path / "own", monkeypatch)
    git("rm", "-q", "-r", "cases", "urls.lock", cwd=project)
    write_case(project / "cases", "gz-own-2024-001", 0)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "our own site", cwd=project)
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 0
    captured = capsys.readouterr()
    assert "不见了" not in captured.out + captured.err, captured


def test_a_published_id_given_to_another_case_is_said_against_the_base(tmp_path, capsys, monkeypatch):
    """A trial of published addresses: two published cases' ids swapped, and a withdrawn
    case's folder deleted with a new, unrelated case published under its id, passed the
    check and the build; each old address then showed the other case. ``check --base`` says
    it of each; a title put right, or rewritten by the same organization in its own folder, is not."""
    import yaml
    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.settings import Settings

    from tests.support.git import git

    project = committed(tmp_path / "reused", monkeypatch)
    published = [c for c in load_collection(project / "cases", Settings()).cases if c.status is Status.PUBLISHED]
    one, two = published[0], next(c for c in published[1:] if c.organization.name != published[0].organization.name)
    texts = {case.id: case.path.read_text(encoding="utf-8") for case in (one, two)}
    one.path.write_text(texts[one.id].replace(f"id: {one.id}\n", f"id: {two.id}\n", 1), encoding="utf-8")
    two.path.write_text(texts[two.id].replace(f"id: {two.id}\n", f"id: {one.id}\n", 1), encoding="utf-8")
    capsys.readouterr()  # the ledger's writing
    code = showcase(["-f", str(project / "mkdocs.yml"), "check", "--base", "HEAD"])
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if "[ledger-reused]" in line]
    assert code == 0 and len(said) == 2 and f"编号 {two.id} 发布过，那时是《{two.title}》" in out, out  # a reminder: may be the same case
    head = git("rev-parse", "HEAD", cwd=project).strip()[:10]
    # the original's whole folder, from the base commit, what it holds now (the other case) saved first (a review)
    folder = two.path.parent.relative_to(project).as_posix()
    assert f"git checkout {head} -- {folder}" in out and f"{folder} 里现在的内容（文字和照片）会被覆盖，先把它另存" in out, out
    # put back; a title put right and one rewritten whole in its own folder: no word
    data = yaml.safe_load(texts[one.id].split("---")[1])
    one.path.write_text(texts[one.id].replace(f"title: {data['title']}", f"title: {data['title']}（修订）", 1), encoding="utf-8")
    data = yaml.safe_load(texts[two.id].split("---")[1])
    two.path.write_text(texts[two.id].replace(f"title: {data['title']}", "title: 全新改写的标题文字示例", 1), encoding="utf-8")
    assert all(case.path.read_text(encoding="utf-8") != texts[case.id] for case in (one, two))  # both edited
    showcase(["-f", str(project / "mkdocs.yml"), "check", "--base", "HEAD"])
    assert "[ledger-reused]" not in capsys.readouterr().out
    # a case deleted, another organization's case written under its id in a folder of that name
    git("checkout", "-q", "--", ".", cwd=project)
    other = texts[two.id].replace(f"id: {two.id}\n", f"id: {one.id}\n", 1)
    shutil.rmtree(one.path.parent)
    one.path.parent.mkdir()
    for photo in two.path.parent.iterdir():
        if photo.name != "index.md":
            shutil.copy(photo, one.path.parent / photo.name)
    one.path.write_text(other, encoding="utf-8")
    showcase(["-f", str(project / "mkdocs.yml"), "check", "--base", "HEAD"])
    out = capsys.readouterr().out
    assert f"{one.path.relative_to(project).as_posix()}" in out and f"编号 {one.id} 发布过，那时是《{one.title}》" in out, out
    assert f"{one.path.parent.relative_to(project).as_posix()} 里现在的内容（文字和照片）会被覆盖" in out, (
        out
    )  # restoring over it would lose it


def test_a_deleted_case_s_message_names_the_command_that_brings_it_back(tmp_path, capsys, monkeypatch):
    """A trial of published addresses: ledger-missing said ``git checkout main -- 案例文件夹``,
    a placeholder, which failed once the deletion was on main. It names the folder and the
    commit: the last one while the deletion is not committed, else the one before it."""
    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.settings import Settings

    from tests.support.git import git

    project = committed(tmp_path / "deleted", monkeypatch)
    capsys.readouterr()  # the ledger's writing
    case = next(c for c in load_collection(project / "cases", Settings()).cases if c.status is Status.PUBLISHED)
    folder = case.path.parent.relative_to(project).as_posix()
    shutil.rmtree(case.path.parent)
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    assert f"git checkout HEAD -- {folder}" in out and "案例文件夹）" not in out, out
    git("add", "-A", cwd=project)  # staged, as git rm -r leaves it (a review: the placeholder came back)
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    assert f"git checkout HEAD -- {folder}" in out, out
    git("commit", "-q", "-m", "deleted", cwd=project)
    deleting = git("rev-parse", "--short", "HEAD", cwd=project).strip()
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    command = f"git checkout {deleting}~1 -- {folder}"
    assert command in out, out
    git(*command.split()[1:], cwd=project)  # as the editor runs it: the case is back, the check passes
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 0


def test_a_deleted_case_s_former_id_names_the_same_command(tmp_path, capsys, monkeypatch):
    """An editor's trial: a deleted case with a former id (``aliases``) loses both addresses;
    the former one's ledger-missing said ``git checkout main -- 案例文件夹``, a placeholder,
    beside the exact command for the other. Both name the command that brings the folder back."""
    project = committed(tmp_path / "renamed-then-deleted", monkeypatch)
    capsys.readouterr()
    folder = project / "cases" / "广东省" / "gz-tianhe-2021-006"
    assert "aliases: [gz-tianhe-2021-hub]" in (folder / "index.md").read_text(encoding="utf-8")
    shutil.rmtree(folder)
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    said = [line for line in out.splitlines() if "[ledger-missing]" in line]
    assert len(said) == 2 and any("gz-tianhe-2021-hub" in line for line in said), out
    assert out.count("git checkout HEAD -- cases/广东省/gz-tianhe-2021-006") == 2 and "案例文件夹）" not in out, out


def test_a_deleted_case_is_brought_back_as_it_last_was_wherever_its_folder_was(tmp_path, capsys, monkeypatch):
    """An editor's trial: a case's folder renamed (海珠案例, not its id), a photo taken out of
    it, then the case deleted: ledger-missing's command looked for a folder named after the
    id, found the rename's commit, and brought back the case as it was before it, the removed
    photo with it; the check then passed. The deleted index.md is found by the id it wrote,
    and the command (``~1``: cmd.exe reads ``^`` as an escape) brings back its last version."""
    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.settings import Settings

    from tests.support.git import git

    project = committed(tmp_path / "moved", monkeypatch)
    capsys.readouterr()
    case = next(c for c in load_collection(project / "cases", Settings()).cases if c.status is Status.PUBLISHED and c.images)
    moved = case.path.parent.with_name("海珠案例")
    git("mv", case.path.parent.relative_to(project).as_posix(), moved.relative_to(project).as_posix(), cwd=project)
    git("commit", "-q", "-m", "the folder renamed", cwd=project)
    (moved / "added-after-the-rename.txt").write_text("改名以后加的\n", encoding="utf-8")
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "a file added after the rename", cwd=project)
    shutil.rmtree(moved)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "deleted", cwd=project)
    deleting = git("rev-parse", "--short", "HEAD", cwd=project).strip()
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 1
    out = capsys.readouterr().out
    command = f"git checkout {deleting}~1 -- {moved.relative_to(project).as_posix()}"
    assert command in out and "^" not in out.split(command)[0].rsplit("git checkout", 1)[-1], out
    git(*command.split()[1:], cwd=project)
    assert (moved / "added-after-the-rename.txt").is_file() and not case.path.exists()  # its last version, where it last was
    assert showcase(["-f", str(project / "mkdocs.yml"), "check"]) == 0


def test_a_case_deleted_beside_a_new_one_of_the_same_template_is_still_found(tmp_path, capsys, monkeypatch):
    """A review: with every index.md in the history's search, Git paired a deleted case with a
    new one written from the same template (a rename), and its deletion went unfound: the
    placeholder again. And a folder with a space is quoted in the command."""
    from showcase.core.collection.history import Restorer
    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.settings import Settings

    from tests.support.git import git

    project = committed(tmp_path / "paired", monkeypatch)
    capsys.readouterr()
    case = next(c for c in load_collection(project / "cases", Settings()).cases if c.status is Status.PUBLISHED)
    spaced = case.path.parent.with_name("海珠 案例")
    git("mv", case.path.parent.relative_to(project).as_posix(), spaced.relative_to(project).as_posix(), cwd=project)
    git("commit", "-q", "-m", "a space in the folder's name", cwd=project)
    twin = spaced.with_name("another-2025-001")
    twin.mkdir()
    (twin / "index.md").write_text(
        (spaced / "index.md").read_text(encoding="utf-8").replace(f"id: {case.id}", "id: another-2025-001"), encoding="utf-8"
    )
    shutil.rmtree(spaced)
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "one case deleted, another added", cwd=project)
    deleting = git("rev-parse", "--short", "HEAD", cwd=project).strip()
    command = Restorer(project)(case.id)
    assert command == f'git checkout {deleting}~1 -- "{spaced.relative_to(project).as_posix()}"', command


def test_no_restore_command_is_given_for_a_folder_no_quoting_keeps_whole(tmp_path, monkeypatch):
    """A red team: a folder named a&calc&"b (made on Linux) was given in Git Bash's single
    quotes, which Windows' cmd.exe does not read as quotes, and a pasted command ran calc.
    A folder with " $ ` \\ ! % gets no command (the usual placeholder is said instead); one
    with & and spaces only is safe in double quotes in every shell."""
    from showcase.core.collection.history import Restorer
    from showcase.core.collection.loading import load_collection
    from showcase.core.collection.settings import Settings

    from tests.support.git import git

    project = committed(tmp_path / "odd", monkeypatch)
    published = [c for c in load_collection(project / "cases", Settings()).cases if c.status is Status.PUBLISHED]
    for case, name in zip(published, ('a&calc&"b', "a & b"), strict=False):
        odd = case.path.parent.with_name(name)
        git("mv", case.path.parent.relative_to(project).as_posix(), odd.relative_to(project).as_posix(), cwd=project)
    git("commit", "-q", "-m", "odd names", cwd=project)
    for case, name in zip(published, ('a&calc&"b', "a & b"), strict=False):
        shutil.rmtree(case.path.parent.with_name(name))
    git("add", "-A", cwd=project)
    git("commit", "-q", "-m", "deleted", cwd=project)
    deleting = git("rev-parse", "--short", "HEAD", cwd=project).strip()
    restore = Restorer(project)
    assert restore(published[0].id) is None
    from showcase.core.collection.history import _checkout

    assert _checkout("abc~1", "cases/广东省/“四点半课堂”/index.md") is None  # PowerShell reads “ as " (a review)
    folder = published[1].path.parent.with_name("a & b").relative_to(project).as_posix()
    assert restore(published[1].id) == f'git checkout {deleting}~1 -- "{folder}"'


def test_a_removed_term_s_page_is_written_and_read_back_as_removed(tmp_path):
    """urls.lock marks a theme's, series' or collection's page that is no more (已删除, as
    `urls --update` writes it); the mark after any other page is a line written by hand."""
    from showcase.core.outputs.ledger import RETIRED, parse_ledger

    text = render_ledger({"", "themes/a/", "collections/b/", "cases/c-1/"}, retired={"themes/a/", "collections/b/"})
    assert f"/themes/a/ {RETIRED}\n" in text and f"/collections/b/ {RETIRED}\n" in text and "/cases/c-1/\n" in text
    ledger = parse_ledger(text, tmp_path / "urls.lock")
    assert ledger.retired == {"themes/a/", "collections/b/"} and not ledger.diagnostics and not ledger.places
    wrong = parse_ledger(text.replace("/cases/c-1/", f"/cases/c-1/ {RETIRED}"), tmp_path / "urls.lock")
    assert [d.code for d in wrong.diagnostics] == ["ledger-line"]
    noted = parse_ledger(text.replace(f"/themes/a/ {RETIRED}", f"/themes/a/ {RETIRED} # 2025 年删掉的"), tmp_path / "urls.lock")
    assert noted.retired == {"themes/a/", "collections/b/"} and not noted.diagnostics  # a note may follow, as after a place's name
