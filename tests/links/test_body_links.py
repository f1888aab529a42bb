"""Links in a case body: the check says what the publishing build (``mkdocs build
--strict``) stops on, in Chinese and at the line, before the build does.

A security review linked ``notes.pdf`` beside a published case: the check gave 0 errors and
the publishing build stopped with MkDocs' English about documentation files.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from showcase.cli import main

from tests.support.build import mkdocs_build
from tests.support.project import make_project, share_cache, write_case

LINKS = [
    # (the line written, error, warning)
    ("附件见[活动方案](notes.pdf)。", True, False),
    ("[看大图](photo1.jpg)", True, False),
    ("同省的[兄弟案例](../gz-b-2023-001/index.md)", False, False),
    ("还在写的[草稿](../gz-d-2023-001/index.md)", True, False),
    ("用文件夹路径链接[外省案例](../../四川省/sc-c-2023-001/index.md)", True, False),
    ("[草稿的网址](/cases/gz-d-2023-001/)", False, True),
    ("[草稿的相对网址](../gz-d-2023-001/)", False, True),  # from the page, not the root (a review: still a 404 link)
    ("[没有这个案例](/cases/gz-x-2023-001/)", False, True),
    ("[已发布的网址](/cases/sc-c-2023-001/)、[旧编号](/cases/gz-old-2023-001/)、[外部](https://www.mca.gov.cn/)", False, False),
    ("写成代码的 `[附件](notes.pdf)` 不是链接", False, False),
    # a review: the link's own pattern cut these short, and they passed the check
    ("附件见[活动方案](活动方案(1).pdf)。", True, False),
    ("[附件](<附件 1.pdf>)", True, False),
    ("[附件](notes\\_1.pdf)", True, False),
    ('<a href="notes.pdf">附件</a> <a href=notes.pdf>附件</a>', True, False),
    # and these pages are there: MkDocs leaves a link without an extension alone; a
    # withdrawn case's address shows its notice (a withdrawal stopped the build)
    ("[关于本站](../../about)、[首页](../..)、[主题](../../themes/bianmin-fuwu)", False, False),
    ("已撤回的[案例](../gz-w-2023-001/index.md)", False, False),
    ("[兄弟案例的照片](../gz-b-2023-001/photo1.jpg)", True, False),
    # another case's folder, without index.md: no page, and the strict build lets it be (a second trial)
    ("用文件夹链接[外省案例的文件夹](../../四川省/sc-c-2023-001/)", True, False),
]


def test_the_check_names_each_link_the_publishing_build_stops_on(tmp_path: Path, capsys, monkeypatch) -> None:
    project = make_project(tmp_path / "site")
    share_cache(project)
    cases = project / "cases"
    body = "## 基本情况\n\n社区里老人多。\n\n" + "\n\n".join(line for line, _, _ in LINKS) + "\n"
    case = write_case(cases, "gz-a-2023-001", 0, body=body, folder="广东省")
    (case.parent / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    write_case(cases, "gz-b-2023-001", 0, folder="广东省", aliases=["gz-old-2023-001"])
    write_case(cases, "sc-c-2023-001", 2)
    write_case(cases, "gz-d-2023-001", 0, folder="广东省", status="draft", review=None)
    write_case(cases, "gz-w-2023-001", 0, folder="广东省", status="withdrawn", withdrawn_reason="组织已注销")
    first = case.read_text(encoding="utf-8").split("\n").index("## 基本情况") + 1
    lines = {text: first + 4 + 2 * n for n, (text, _, _) in enumerate(LINKS)}

    monkeypatch.chdir(project)
    assert main(["check", "--format", "json"]) == 1
    import json

    found = json.loads(capsys.readouterr().out)["diagnostics"]
    links = [(d["line"], d["severity"]) for d in found if d["code"] == "body-link"]
    expected = [(lines[text], "error") for text, error, _ in LINKS if error]
    expected += [(lines[text], "warning") for text, _, warning in LINKS if warning]
    assert sorted(links) == sorted(expected), (sorted(links), sorted(expected), lines)
    messages = {d["line"]: d["message"] for d in found if d["code"] == "body-link"}
    assert "案例文件夹里的文件 notes.pdf" in messages[lines[LINKS[0][0]]]
    assert "它还没有发布（草稿）" in messages[lines[LINKS[3][0]]]
    assert "不存在（没有这个编号的案例）" in messages[lines[LINKS[7][0]]]
    # another case's file by its folder: not "a file in the case folder" (a docs review)
    assert "文件夹路径 ../../四川省/sc-c-2023-001/index.md 链接另一个案例" in messages[lines[LINKS[4][0]]]
    assert "/cases/编号/" in messages[lines[LINKS[4][0]]] and "sc-c-2023-001" in messages[lines[LINKS[4][0]]]
    assert "本案例文件夹以外的文件 ../gz-b-2023-001/photo1.jpg" in messages[lines[LINKS[-2][0]]]
    assert "文件夹路径 ../../四川省/sc-c-2023-001/ 链接另一个案例" in messages[lines[LINKS[-1][0]]]
    stopped = mkdocs_build(project)
    assert stopped.returncode != 0  # the build stops where the check said it would

    kept = "\n\n".join(line for line, error, _ in LINKS if not error)
    case.write_text(
        case.read_text(encoding="utf-8").split("## 基本情况")[0] + "## 基本情况\n\n社区里老人多。\n\n" + kept + "\n", encoding="utf-8"
    )
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.count("[body-link]") == 3
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-2000:]
    page = (project / "site/cases/gz-a-2023-001/index.html").read_text(encoding="utf-8")
    assert 'href="../gz-b-2023-001/"' in page
    # a link to a case page the site does not have (a draft's, an id no case has) is its words
    # only: a department's trial found the page linking to a 404, and its printout giving it
    for words, case_id in (("草稿的网址", "gz-d-2023-001"), ("草稿的相对网址", "gz-d-2023-001"), ("没有这个案例", "gz-x-2023-001")):
        assert f"<p>{words}</p>" in page and case_id not in page, words
    assert "它还没有发布（草稿）：网站上这里只显示链接的文字，点不开" in out
    # Written from the site's root as the guide says, made relative to the page: a site published
    # under a sub-path sent /cases/<id>/ to its host's root, out of the site (an editor's trial).
    under = "https://www.example.gov.cn/wmsj/anli/"
    for written, made in [
        ("/cases/sc-c-2023-001/", "../../cases/sc-c-2023-001/"),
        ("/cases/gz-old-2023-001/", "../../cases/gz-old-2023-001/"),
    ]:
        assert f'href="{written}"' not in page and f'href="{made}"' in page
        address = urljoin(under + "cases/gz-a-2023-001/", made)
        assert address.startswith(under) and (project / "site" / address[len(under) :] / "index.html").is_file()
    # ... without MkDocs' English on it: "contains an absolute link ... Did you mean '../x/index.md'?"
    # told an editor something was wrong (a deployer's trial)
    assert "absolute link" not in built.stderr, built.stderr[-2000:]


def test_a_link_from_the_sites_root_is_made_relative_to_the_page_and_no_other() -> None:
    from showcase.core.site.sanitize import sanitize

    body = (
        '<a href="/cases/a-1/#jiben">案例</a><a href="/">首页</a><a href=" \t/themes/">主题</a>'
        '<a href="//evil.example/">外站</a><a href="/\\evil.example/">外站</a><a href="../b-2/">兄弟</a>'
        '<a href="https://www.mca.gov.cn/">民政部</a><img src="/cases/a-1/photo.jpg" alt="照片">'
    )
    hrefs = re.findall(r'href="([^"]*)"', sanitize(body, root="../../"))
    # another site's ("//", "/\\": as browsers read them) and a relative link stay as they were
    assert hrefs == [
        "../../cases/a-1/#jiben",
        "../../",
        "../../themes/",
        "//evil.example/",
        "/\\evil.example/",
        "../b-2/",
        "https://www.mca.gov.cn/",
    ]
    assert re.findall(r'href="([^"]*)"', sanitize(body))[:3] == ["/cases/a-1/#jiben", "/", " \t/themes/"]  # no root: as written


def test_a_reference_style_image_is_published_as_the_check_reads_it(tmp_path: Path, capsys, monkeypatch) -> None:
    """A review: ![引用][p8] with [p8]: p8.jpg passed the check (which reads reference images),
    and the publishing build stopped, looking for p8.jpg: the definition was left as written."""
    project = make_project(tmp_path / "site")
    share_cache(project)
    body = "## 基本情况\n\n社区里老人多。\n\n![老人们在活动室][现场]\n\n[现场]: photo1.jpg\n"
    case = write_case(project / "cases", "gz-a-2023-001", 0, body=body, folder="广东省")
    monkeypatch.chdir(project)
    assert main(["check"]) == 0, capsys.readouterr().out
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr[-2000:]
    page = (project / "site/cases/gz-a-2023-001/index.html").read_text(encoding="utf-8")
    assert 'alt="老人们在活动室"' in page and 'src="photo1.jpg"' not in page
    assert (case.parent / "photo1.jpg").is_file()


def test_many_links_are_placed_in_linear_time_each_on_its_line() -> None:
    """Each link's line was found by searching the body from its start: 6,000 links to cases
    took 5 s of a check. A link is now looked for after the one before it first, which also
    places a link after a mention of its file name in the text, at the link."""
    import time

    from showcase.core.case.bodylinks import find_site_links

    body = "".join(f"[案例](../gz-x-2023-{number:04d}/)\n\n" for number in range(8000))
    started = time.process_time()
    links = find_site_links(body, 10)
    assert time.process_time() - started < 8
    assert [line for _, line in links] == list(range(10, 10 + 16000, 2))
    mention = "附件 a.pdf 见下。\n\n[第一](x.pdf)\n\n[附件](a.pdf)\n"
    assert find_site_links(mention, 1) == [("x.pdf", 3), ("a.pdf", 5)]


def test_a_link_written_with_html_references_is_placed_on_its_own_line() -> None:
    """A link whose address writes a character as an HTML reference was looked for by its
    last part only, and reported on the line of an earlier mention of that word."""
    from showcase.core.case.bodylinks import find_site_links

    body = "第一行提到 abc 和 def。\n\n第二段。\n\n见[案例](/cases/&#97;bc/)。\n\n再见<a href='/cases/d&#X65;f/'>这里</a>与[第三](/cases/g&amp;h/)。\n"
    assert find_site_links(body, 10) == [("/cases/abc/", 14), ("/cases/def/", 16), ("/cases/g&h/", 16)]
    # A reference to a line break keeps its line (the text is searched with references
    # decoded), and thousands of such links are each found once, in order (a review: every
    # one searched the rest of the body three times, 23 s for 6,000 in a 190 KB body).
    many = "第一行&#10;仍是第一行\n\n" + "".join(f"[l{n}](/cases/c&#97;se-{n}/)\n\n" for n in range(3000))
    assert find_site_links(many, 1) == [(f"/cases/case-{n}/", 3 + 2 * n) for n in range(3000)]
