"""A whole collection: discovery, rules across cases, careless and hostile folders."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from showcase.core import workers
from showcase.core.collection.loading import check_collection, discover, load_case, load_collection

from tests.support.images import phone_jpeg

from .helpers import LINE, VALID, edit, settings, write_case


def case_text(case_id: str, *, status: str = "published", aliases: str = "") -> str:
    text = edit(VALID, "id: gz-yuexiu-2023-001", f"id: {case_id}")
    if status != "published":
        text = edit(text, "status: published", f"status: {status}")
    if aliases:
        text = edit(text, "served: 4800", f"served: 4800\naliases: [{aliases}]")
    return text


@pytest.fixture
def cases(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path / "cases"


def lines(collection) -> list[str]:
    return [f"{d.display_path()}:{d.line}: {d.severity.value} [{d.code}]" for d in collection.diagnostics]


def test_discovery_order_and_stray_files(cases):
    write_case(cases / "广东省" / "b-case", case_text("b-case"))
    write_case(cases / "广东省" / "a-case", case_text("a-case"))
    write_case(cases / "四川省" / "c-case", case_text("c-case"))
    (cases / "广东省" / "a-case" / "notes.md").write_text("草稿", encoding="utf-8")
    (cases / "README.markdown").write_text("说明", encoding="utf-8")
    (cases / ".hidden").mkdir()
    (cases / ".hidden" / "index.md").write_text("不算", encoding="utf-8")
    (cases / ".git-like").mkdir()  # a hidden folder without a case: nothing to say
    paths, stray = discover(cases)
    assert [p.parent.name for p in paths] == ["c-case", "a-case", "b-case"]  # 四川省 sorts before 广东省
    assert [(d.path.parent.name, d.path.name, d.code) for d in stray] == [
        (".hidden", "index.md", "hidden-folder"),  # not read, but said
        ("cases", "README.markdown", "stray-markdown"),
        ("a-case", "notes.md", "stray-markdown"),
    ]


def test_cases_in_a_folder_below_a_hidden_one_are_named_too(cases):
    """A hidden folder that groups cases (.广东省/gz-…/index.md) hides them from the site as
    one with its own index.md does: said, not lost without a word."""
    write_case(cases / "广东省" / "a-case", case_text("a-case"))
    write_case(cases / ".广东省" / "2024" / "b-case", case_text("b-case"))
    paths, stray = discover(cases)
    assert [p.parent.name for p in paths] == ["a-case"]
    assert [(d.path.parent.name, d.path.name, d.code) for d in stray] == [("b-case", "index.md", "hidden-folder")]
    assert ".广东省" in stray[0].message


def test_a_word_file_or_photos_that_no_case_holds_are_named(cases):
    write_case(cases / "广东省" / "a-case", case_text("a-case"))
    own = cases / "广东省" / "a-case" / "img"
    own.mkdir(exist_ok=True)
    (own / "活动.jpg").write_bytes(b"jpeg")  # a case's own photo folder: fine
    sent = cases / "广东省" / "红马甲"
    sent.mkdir()
    (sent / "红马甲 申报表.docx").write_bytes(b"docx")
    (sent / "photo1.jpg").write_bytes(b"jpeg")
    photos = cases / "广东省" / "照片"
    photos.mkdir()
    (photos / "微信图片_1.JPG").write_bytes(b"jpeg")
    (photos / "说明.txt").write_text("不是照片", encoding="utf-8")
    (cases / "logo.png").write_bytes(b"png")  # beside the provinces, not in a folder of its own: left alone
    result = load_collection(cases, settings())
    assert lines(result) == [
        "cases/广东省/照片:1: warning [no-case-file]",
        "cases/广东省/红马甲/红马甲 申报表.docx:1: error [no-case-file]",
    ]
    by_code = {d.path.name: d for d in result.diagnostics}
    assert "有 红马甲 申报表.docx，但没有 index.md" in by_code["红马甲 申报表.docx"].message
    assert "showcase import" in by_code["红马甲 申报表.docx"].hint
    assert "有 1 个照片或 PDF 文件" in by_code["照片"].message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("index.txt", "index.txt 不会被发布"),  # Notepad's own name, its .txt hidden by Windows
        ("index.md ", "文件名“index.md ”和 index.md 不完全一样"),
        ("index.ｍｄ", "文件名“index.ｍｄ”和 index.md 不完全一样"),
        ("案例正文.txt", "案例正文.txt 不会被发布"),  # starts as a case does
    ],
)
def test_a_case_text_saved_under_another_name_is_an_error(cases, name, words):
    # These folders held a whole case and nothing said so: the check passed and the case was gone.
    folder = cases / "广东省" / "a-case"
    folder.mkdir(parents=True)
    (folder / name).write_text(case_text("a-case"), encoding="utf-8")
    result = load_collection(cases, settings())
    assert result.cases == []
    assert lines(result) == [f"cases/广东省/a-case/{name}:1: error [stray-markdown]"]
    assert words in result.diagnostics[0].message


def test_the_photos_of_a_case_text_saved_under_another_name_are_not_said_to_be_nobody_s(cases):
    """index.md.txt (Windows hides the .txt) beside its photos: the stray-markdown error was
    followed by “有 1 个照片…但没有 index.md：它们不属于任何案例” (helper newH's notes), noise
    beside the one thing to fix."""
    folder = cases / "广东省" / "a-case"
    folder.mkdir(parents=True)
    (folder / "index.md.txt").write_text(case_text("a-case"), encoding="utf-8")
    (folder / "photo1.jpg").write_bytes(b"jpg")
    result = load_collection(cases, settings())
    assert lines(result) == ["cases/广东省/a-case/index.md.txt:1: error [stray-markdown]"]


def test_other_files_that_no_case_holds_are_named(cases):
    sent = cases / "广东省" / "红马甲"
    sent.mkdir(parents=True)
    (sent / "红马甲.odt").write_bytes(b"odt")
    (sent / "照片.zip").write_bytes(b"zip")
    (sent / "Thumbs.db").write_bytes(b"")  # what Windows leaves in any folder of photos: not named
    (cases / "广东省" / "说明.txt").write_text("这里放广东省的案例。", encoding="utf-8")  # notes, not a case: left alone
    result = load_collection(cases, settings())
    assert lines(result) == ["cases/广东省/红马甲/照片.zip:1: warning [no-case-file]"]
    assert "有 照片.zip、红马甲.odt，但没有 index.md：这些文件不会发布" in result.diagnostics[0].message


def test_duplicate_ids_name_both_files(cases):
    write_case(cases / "a", case_text("same-id"))
    write_case(cases / "b", case_text("same-id"))
    result = load_collection(cases, settings())
    assert lines(result) == [
        f"cases/a/index.md:{LINE['id']}: error [duplicate-id]",
        f"cases/b/index.md:{LINE['id']}: error [duplicate-id]",
    ]
    first, second = result.diagnostics
    assert "cases/b/index.md" in first.message and "cases/a/index.md" in second.message
    assert not any(c.is_published for c in result.cases)
    # both published (two pull requests): keep the first one's id, its address is cited already
    assert "给后合并进来的那个换一个新编号" in first.hint and "不要改先发布的那个" in first.hint


def test_alias_collisions(cases):
    write_case(cases / "a", case_text("case-a"))
    write_case(cases / "b", case_text("case-b", aliases="case-a"))  # an alias that is another case's id
    write_case(cases / "c", case_text("case-c", aliases="old-id"))
    write_case(cases / "d", case_text("case-d", aliases="old-id, other-old"))  # the same alias twice
    result = load_collection(cases, settings())
    alias_line = LINE["served"] + 1
    # c and d both published: only one ever had old-id, so both are told (tests/links/test_url_history.py)
    assert lines(result) == [
        f"cases/b/index.md:{alias_line}: error [alias-collision]",
        f"cases/c/index.md:{alias_line}: error [alias-collision]",
        f"cases/d/index.md:{alias_line}: error [alias-collision]",
    ]
    assert "cases/a/index.md" in result.diagnostics[0].message
    assert "cases/d/index.md" in result.diagnostics[1].message
    assert "cases/c/index.md" in result.diagnostics[2].message


def test_one_county_written_two_ways_in_one_city_is_said_on_the_fewer(cases):
    """越秀 beside 越秀区: one county on the site, but each case shows it as written."""
    county = "  county: 越秀区"
    write_case(cases / "a", case_text("case-a"))
    write_case(cases / "b", case_text("case-b"))
    write_case(cases / "c", edit(case_text("case-c"), county, "  county: 越秀"))
    write_case(cases / "d", edit(case_text("case-d"), county, "  county: 越秀县"))
    write_case(cases / "e", edit(edit(case_text("case-e"), county, "  county: 越秀"), "city: 广州市", "city: 深圳市"))  # another city
    write_case(cases / "f", edit(case_text("case-f"), county, "  county: 海珠区"))  # another county
    result = load_collection(cases, settings())
    line = LINE["region.city"] + 1
    assert lines(result) == [f"cases/c/index.md:{line}: warning [county-spelling]", f"cases/d/index.md:{line}: warning [county-spelling]"]
    said = result.diagnostics[0]
    assert said.message == "区县写的是“越秀”，广州市另有 2 个案例写的是“越秀区”。"
    assert said.hint.startswith("请统一写成 county: 越秀区：网站把两种写法算作同一个区县")
    assert all(case.is_published for case in result.cases)  # a reminder: nothing is held back
    # on a tie the full name is the one to use
    (cases / "b" / "index.md").write_text(edit(case_text("case-b"), county, "  county: 越秀"), encoding="utf-8")
    for name in "cdef":
        shutil.rmtree(cases / name)
    said = {d.path.parent.name: d for d in load_collection(cases, settings()).diagnostics}
    assert list(said) == ["b"] and "另有 1 个案例写的是“越秀区”" in said["b"].message


def test_on_a_site_with_county_pages_counties_that_read_alike_are_said_on_the_later(cases):
    """A city bureau's trial: 胜州市 beside 嵊州市 (a pinyin slip) became a county page, a filter
    value and a row of the statistics of its own, unsaid. Looked for where county pages load
    the pinyin tables anyway; said on the county published later (site/index.py gives it -2)."""
    county = "  county: 越秀区"
    sz = {"sx-a": ("嵊州市", "2023-12-20"), "sx-b": ("嵊州市", "2023-12-20"), "sx-c": ("胜州市", "2023-12-20")}
    for name, (place, approved) in sz.items():
        text = edit(edit(case_text(name), county, f"  county: {place}"), "city: 广州市", "city: 绍兴市")
        write_case(cases / name, edit(edit(text, "province: 广东省", "province: 浙江省"), "approved: 2023-12-20", f"approved: {approved}"))
    assert "county-spelling" not in {d.code for d in load_collection(cases, settings()).diagnostics}  # county pages off
    said = {d.path.parent.name: d for d in load_collection(cases, settings(county_pages=True)).diagnostics}
    assert list(said) == ["sx-c"] and said["sx-c"].code == "county-spelling"
    assert said["sx-c"].message == "区县“胜州市”和绍兴市另外 2 个案例（sx-a、sx-b）写的“嵊州市”读音相同，可能有一边是拼音输入法选错了字。"
    assert said["sx-c"].hint.startswith(
        "请核对哪个写对了：这个案例写错了，改成 county: 嵊州市；那边写错了，把那些案例改成 county: 胜州市。"
    )
    # the slip published first (its key the plain one): the later county is the one asked
    (cases / "sx-c" / "index.md").write_text(
        (cases / "sx-c" / "index.md").read_text(encoding="utf-8").replace("approved: 2023-12-20", "approved: 2023-01-05"), encoding="utf-8"
    )
    said = {d.path.parent.name for d in load_collection(cases, settings(county_pages=True)).diagnostics if d.code == "county-spelling"}
    assert said == {"sx-a", "sx-b"}  # (sx-c's approval, now before its date, is a reminder of its own)


def test_a_county_written_without_its_city_is_said_where_the_others_name_it(cases):
    """A city bureau's trial: 新昌县 without its city was on no county page, and the site and
    showcase stats stopped counting the city by county, unsaid. A municipality writes no city."""
    write_case(cases / "a", case_text("case-a"))
    write_case(cases / "b", case_text("case-b"))
    write_case(cases / "c", edit(case_text("case-c"), "  city: 广州市\n", ""))
    result = load_collection(cases, settings())
    assert lines(result) == [f"cases/c/index.md:{LINE['region.city']}: warning [city-missing]"]  # the county's line, now there
    said = result.diagnostics[0]
    assert said.message == "写了区县“越秀区”，但没写城市：写这个区县的另外 2 个案例，城市都写的是“广州市”。"
    assert said.hint.startswith("在 region 下面加上一行 city: 广州市") and result.cases[2].is_published
    for name in "abc":  # 北京市's districts: no city, and none is asked for
        text = edit(edit(case_text(f"case-{name}"), "province: 广东省", "province: 北京市"), "  city: 广州市\n", "")
        (cases / name / "index.md").write_text(edit(text, "  county: 越秀区", "  county: 东城区"), encoding="utf-8")
    assert load_collection(cases, settings()).diagnostics == []


def test_a_new_case_that_takes_a_public_cases_id_or_alias_is_the_one_told_to_change(cases):
    """An editor's trial: the hint on the published case said to renumber it, and an alias
    claimed by a new case in review was reported on the published case only (the first in
    folder order), whose file the pull request does not touch."""
    write_case(cases / "a-old", case_text("same-id", aliases="old-id"))  # published
    write_case(cases / "z-new", case_text("same-id", status="review"))
    write_case(cases / "b-new", case_text("new-case", status="review", aliases="old-id"))  # sorts before z-new
    result = load_collection(cases, settings())
    said = {(d.path.parent.name, d.code): d for d in result.diagnostics}
    assert sorted(said) == [("a-old", "duplicate-id"), ("b-new", "alias-collision"), ("z-new", "duplicate-id")]
    assert said["a-old", "duplicate-id"].hint == "这个案例已经公开，它的编号就是网址，不能改：请给 cases/z-new/index.md 换一个编号。"
    assert said["z-new", "duplicate-id"].hint == "cases/a-old/index.md 已经公开，编号不能改：请给这个案例换一个编号。"
    assert "cases/a-old/index.md" in said["b-new", "alias-collision"].message


def test_a_new_case_with_a_published_case_s_former_id_is_the_one_told_to_change(cases):
    """A department's trial: a new case took the former id of a renamed published case. The
    error was on the published case, with the hint to delete its alias; done, the check
    passed, and the cited old address opened the newcomer."""
    write_case(cases / "renamed", case_text("new-id", aliases="old-id"))  # published
    write_case(cases / "newcomer", case_text("old-id", status="review"))
    result = load_collection(cases, settings())
    (said,) = result.diagnostics
    assert (said.path.parent.name, said.code, said.line) == ("newcomer", "alias-collision", LINE["id"])
    assert "是已发布案例 cases/renamed/index.md（new-id）以前的编号" in said.message
    assert "请给这个案例换一个编号" in said.hint and "不要删那个案例 aliases 里的旧编号" in said.hint


def test_directory_named_index_md(cases):
    (cases / "x" / "index.md").mkdir(parents=True)
    result = load_collection(cases, settings())
    assert lines(result) == ["cases/x/index.md:1: error [unreadable]"]
    assert "文件夹" in result.diagnostics[0].message


def test_load_case_on_a_directory(tmp_path):
    (tmp_path / "index.md").mkdir()
    case = load_case(tmp_path / "index.md", settings())
    assert [(d.code, d.line) for d in case.diagnostics] == [("unreadable", 1)]
    assert "是一个文件夹" in case.diagnostics[0].message


def test_symlink_loop_and_linked_index(cases):
    folder = cases / "loop"
    folder.mkdir(parents=True)
    (folder / "index.md").symlink_to("index.md")
    other = cases / "linked"
    other.mkdir()
    (other / "index.md").symlink_to(Path("/etc/hostname"))
    result = load_collection(cases, settings())
    assert lines(result) == ["cases/linked/index.md:1: error [symlink]", "cases/loop/index.md:1: error [symlink]"]


def test_symlinked_folders_are_reported_not_followed(cases):
    write_case(cases / "real", case_text("real-case"))
    (cases / "again").symlink_to(cases / "real", target_is_directory=True)
    (cases / "self").symlink_to(cases, target_is_directory=True)  # a loop os.walk(followlinks=True) would hang on
    result = load_collection(cases, settings())
    assert [c.id for c in result.cases] == ["real-case"]
    assert lines(result) == ["cases/again:1: error [symlink]", "cases/self:1: error [symlink]"]  # the commands would write through them


def test_fifo_named_index_md_does_not_block(cases):
    (cases / "x").mkdir(parents=True)
    os.mkfifo(cases / "x" / "index.md")
    result = load_collection(cases, settings())
    assert lines(result) == ["cases/x/index.md:1: error [unreadable]"]


# Root reads a file whatever its mode, through the capabilities DAC_OVERRIDE and
# DAC_READ_SEARCH; without them (setpriv) a file of mode 000 is unreadable to root too,
# while root still reads the virtual environment it owns. CI runs as root.
_WITHOUT_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
_LOAD = """
import json, sys
from showcase.core.collection.loading import load_collection
from tests.core.helpers import settings
result = load_collection(__import__("pathlib").Path(sys.argv[1]), settings())
print(json.dumps([[f"{d.display_path()}:{d.line}: {d.severity.value} [{d.code}]", d.message] for d in result.diagnostics]))
"""


def test_unreadable_file_by_mode(cases):
    import json
    import shutil
    import subprocess
    import sys

    from tests.support.project import ROOT

    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if as_root and shutil.which("setpriv") is None:
        pytest.skip("root reads files whatever their mode, and setpriv (util-linux) is missing")
    path = write_case(cases / "x", case_text("x-case"))
    path.chmod(0)
    try:
        command = [*(_WITHOUT_OVERRIDE if as_root else []), sys.executable, "-c", _LOAD, "cases"]
        run = subprocess.run(command, capture_output=True, text=True, cwd=cases.parent, env={**os.environ, "PYTHONPATH": str(ROOT)})
    finally:
        path.chmod(0o644)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert [line for line, _ in found] == ["cases/x/index.md:1: error [unreadable]"]
    assert "没有读取权限" in found[0][1]


def test_unreadable_file(cases, monkeypatch):
    path = write_case(cases / "x", case_text("x-case"))
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = load_collection(cases, settings())
    assert lines(result) == ["cases/x/index.md:1: error [unreadable]"]
    assert "没有读取权限" in result.diagnostics[0].message and "权限" in result.diagnostics[0].hint


def test_unreadable_folder(cases, monkeypatch):
    write_case(cases / "x", case_text("x-case"))
    real_scandir = os.scandir

    def refuse(path):
        if Path(path).name == "x":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    assert lines(load_collection(cases, settings())) == ["cases/x:1: error [unreadable]"]


def test_missing_root_is_a_diagnostic_not_a_crash(tmp_path):
    result = load_collection(tmp_path / "nope", settings())
    assert [d.code for d in result.diagnostics] == ["unreadable"]
    assert result.cases == []


def test_huge_file_is_not_read(cases):
    (cases / "x").mkdir(parents=True)
    with open(cases / "x" / "index.md", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: cheap to make
    result = load_collection(cases, settings())
    assert lines(result) == ["cases/x/index.md:1: error [file-too-large]"]
    assert "50.0 MB" in result.diagnostics[0].message


def test_summary_counts(cases):
    write_case(cases / "a", case_text("case-a"))
    write_case(cases / "b", case_text("case-b", status="draft"))
    write_case(cases / "c", case_text("case-c", status="review"))
    write_case(cases / "d", edit(case_text("case-d", status="withdrawn"), "served: 4800", "served: 4800\nwithdrawn_reason: 组织已注销"))
    write_case(cases / "e", edit(case_text("case-e"), "area: 城市", "area: 城镇\nremark: 备注"))
    write_case(cases / "f", "")
    result = load_collection(cases, settings())
    assert result.summary() == {
        "cases": 6,
        "published": 2,
        "draft": 1,
        "review": 1,
        "withdrawn": 1,
        "invalid": 2,
        "errors": 2,
        "warnings": 1,
    }
    assert [c.id for c in result.published] == ["case-a"]
    # the states are the Status enum's, counted in one order written once (model.py), which
    # is the order of --format json's keys and of the summary line (published first)
    from showcase.core.case.model import SUMMARY_ORDER, Status
    from showcase.core.collection.loading import summary_line

    assert sorted(SUMMARY_ORDER) == sorted(Status) and len(SUMMARY_ORDER) == len(Status)
    assert list(result.summary()) == ["cases", "published", "draft", "review", "withdrawn", "invalid", "errors", "warnings"]
    assert summary_line(result.summary()).startswith("共 6 个案例：已发布 2，草稿 1，待审 1，已撤回 1，状态读不出 1，")


def test_check_collection_matches_load_collection_on_several_processes(cases, monkeypatch):
    for index in range(12):
        text = case_text(f"case-{index:02d}", aliases="shared-old" if index in (3, 7) else "")
        if index % 4 == 1:
            text = edit(text, "area: 城市", "area: 城镇")
        write_case(cases / f"p{index % 3}" / f"c{index:02d}", text, {} if index == 5 else None)
    write_case(cases / "dup", case_text("case-00"))
    monkeypatch.setattr(workers, "PARALLEL_MIN_ITEMS", 1)
    full = load_collection(cases, settings(check_images=True))
    for jobs in (1, 2):
        checked = check_collection(cases, settings(check_images=True), jobs=jobs)
        assert checked.diagnostics == full.diagnostics
        assert checked.summary() == full.summary()
        assert [c.path for c in checked.cases] == [c.path for c in full.cases]
    assert {"duplicate-id", "alias-collision", "bad-choice", "image-missing"} <= {d.code for d in full.diagnostics}
    # what showcase stats, booklet and urls read, on every core, saying how far it is (perfH:
    # 10,000 cases took about 15 s on one core with nothing said): the very same collection
    said: list[tuple[str, int | None]] = []
    ticks: list[int] = []

    @contextmanager
    def report(label: str, total: int | None = None):
        said.append((label, total))
        yield lambda n=1: ticks.append(n)

    forked = load_collection(cases, settings(check_images=True), jobs=2, report=report)
    assert forked.diagnostics == full.diagnostics and [c.path for c in forked.cases] == [c.path for c in full.cases]
    assert [c.body for c in forked.cases] == [c.body for c in full.cases] and all(c.body for c in forked.cases)
    assert said == [("读取案例", 13)] and sum(ticks) == 13


def test_check_collection_falls_back_to_one_process(cases, monkeypatch):
    for index in range(3):
        write_case(cases / f"c{index}", case_text(f"case-{index}"))
    monkeypatch.setattr(workers, "PARALLEL_MIN_ITEMS", 1)
    monkeypatch.setattr(workers, "can_fork", lambda: False)  # as if no processes could start
    assert check_collection(cases, settings(), jobs=2).summary()["cases"] == 3


def test_links_of_every_kind_beside_cases(cases):
    folder = write_case(cases / "a", case_text("case-a")).parent
    (folder / "loop1").symlink_to("loop2")
    (folder / "loop2").symlink_to("loop1")
    (folder / "dangling.jpg").symlink_to("nowhere.jpg")
    (folder / "notes.md").symlink_to("nowhere.md")
    result = load_collection(cases, settings())
    assert [c.id for c in result.cases] == ["case-a"]
    assert lines(result) == ["cases/a/notes.md:1: error [stray-markdown]"]


def test_a_hidden_folder_that_cannot_be_entered_is_passed_over(cases, monkeypatch):
    """A file manager's .Trash-1000 on a shared disk: Path.is_file raises PermissionError on
    Python 3.11 for a folder the user may not enter (root, who runs the tests, may)."""
    write_case(cases / "广东省" / "a-case", case_text("a-case"))
    (cases / ".Trash-1000").mkdir()
    real = Path.is_file

    def refusing(path: Path) -> bool:
        if ".Trash-1000" in path.parts:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "is_file", refusing)
    paths, stray = discover(cases)
    assert [p.parent.name for p in paths] == ["a-case"] and stray == []


def test_a_case_inside_another_cases_folder_is_a_reminder(cases):
    # Both were published without a word (a contract trial); whose photos are whose?
    write_case(cases / "广东省" / "outer-001", case_text("outer-001"))
    write_case(cases / "广东省" / "outer-001" / "inner-001", case_text("inner-001"))
    write_case(cases / "广东省" / "beside-001", case_text("beside-001"))
    result = load_collection(cases, settings())
    assert sorted(c.id for c in result.cases) == ["beside-001", "inner-001", "outer-001"]
    assert lines(result) == ["cases/广东省/outer-001/inner-001/index.md:1: warning [nested-case]"]
    assert "另一个案例的文件夹（outer-001，里面有 index.md）里面" in result.diagnostics[0].message


def test_a_case_file_saved_in_a_province_folder_never_advises_deleting_the_cases_beside_it(cases):
    """A writer's trial: index.md saved straight into 江苏省/ (the web editor's name field,
    index.md for 编号/index.md). The check called the province's real case, its index.md and
    photo, “files this case does not use … 不需要的请删掉”, and told that case to move out."""
    from .helpers import jpeg

    province = cases / "江苏省"
    write_case(province / "nj-gulou-2024-002", case_text("nj-gulou-2024-002"))
    (province / "nj-gulou-2024-002" / "photo1.jpg").write_bytes(jpeg())
    write_case(province, case_text("gz-liwan-2024-390"))
    said = load_collection(cases, settings(check_images=True)).diagnostics
    assert [d.code for d in said if d.code == "unused-file" and "nj-gulou-2024-002" in d.message] == []
    (nested,) = [d for d in said if d.code == "nested-case"]
    assert "如果是 江苏省/index.md 放错了地方（直接放进了省份文件夹），就把它和它的照片移进一个自己的文件夹" in nested.hint


def test_an_index_md_in_a_province_folder_of_several_cases_is_said_once_on_it(cases):
    """An editor's trial: one stray index.md in 广东省/ gave a nested-case warning on each of the
    province's 13 cases, the same long hint in every block. One warning, on that index.md,
    naming how many case folders it holds."""
    province = cases / "广东省"
    for n in range(1, 5):
        write_case(province / f"gz-yuexiu-2024-00{n}", case_text(f"gz-yuexiu-2024-00{n}"))
    write_case(province, case_text("gz-liwan-2024-390"))
    said = [d for d in load_collection(cases, settings()).diagnostics if d.code == "nested-case"]
    assert len(said) == 1 and said[0].path == province / "index.md", said
    assert "又有 4 个案例的文件夹（gz-yuexiu-2024-001、gz-yuexiu-2024-002、gz-yuexiu-2024-003 等 4 个）" in said[0].message
    assert "就把它和它的照片移进一个自己的文件夹" in said[0].hint


def test_files_a_case_does_not_use_are_named_since_its_folder_is_public(cases):
    """The organization's Word form (a contact's phone number in it), a list of names and a
    photo no one inserted lay beside a published case with 错误 0 处 and nothing said (a
    security review). The site never shows them; the repository does."""
    from .helpers import jpeg

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    (folder / "申报表.docx").write_bytes(b"PK\x03\x04 form")
    (folder / "联系人.txt").write_text("王芳 13900001111", encoding="utf-8")
    (folder / "img" / "没用上.jpg").write_bytes(jpeg())
    result = load_collection(cases, settings(check_images=True))
    unused = [d for d in result.diagnostics if d.code == "unused-file"]
    assert [(d.line, d.severity.value) for d in unused] == [(1, "warning")]
    assert "申报表.docx、联系人.txt、img/没用上.jpg" in unused[0].message and "谁都能在仓库里下载到" in unused[0].message
    for name in ("申报表.docx", "联系人.txt", "img/没用上.jpg"):
        (folder / name).unlink()
    assert not [
        d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.code == "unused-file"
    ]  # photo1.jpg, img/photo2.jpg are used


def test_when_the_cover_is_not_known_its_photo_is_not_called_unused(cases):
    """Front matter YAML could not read, or a cover it refused: the cover photo was named as
    "not used, delete it" beside the real error (a contract audit). Other files still are."""
    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, edit(VALID, "title: ", "title: ["))
    (folder / "申报表.docx").write_bytes(b"PK\x03\x04 form")
    said = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.code == "unused-file"]
    assert len(said) == 1 and "申报表.docx" in said[0].message and ".jpg" not in said[0].message
    (folder / "申报表.docx").unlink()
    said = load_collection(cases, settings(check_images=True)).diagnostics
    assert "yaml-syntax" in {d.code for d in said} and "unused-file" not in {d.code for d in said}
    write_case(folder, edit(VALID, "cover: photo1.jpg", "cover: [photo1.jpg]"))  # refused: a list
    said = load_collection(cases, settings(check_images=True)).diagnostics
    assert "bad-type" in {d.code for d in said} and "unused-file" not in {d.code for d in said}


def test_personal_numbers_in_files_no_page_shows_are_errors_at_the_file(cases, tmp_path):
    """A red team's 志愿者名单.csv (an ID and a mobile number) passed with one warning inside a
    case folder, and with none beside the case folders; nor was a Word form read. The site
    never shows them; the repository does. The Word file is written by python-docx."""
    from docx import Document

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    (folder / "名单.txt").write_text("姓名 电话\n李四 139 1234 5678\n", encoding="gb18030")
    document = Document()
    document.add_paragraph("联系人：王芳 手机139").add_run("87654321")  # the number over two runs, as Word splits it
    document.save(str(folder / "申报表.docx"))
    (cases / "广东省" / "志愿者名单.csv").write_text("王小明,11010519491231002X,13812345678\n", encoding="utf-8")
    (cases / "说明.txt").write_text("本文件夹存放案例。\n", encoding="utf-8")  # no number: nothing said
    # figures in a table's cells are no number (a review: the row 2024 | 156 | 2360 | 4100 read as one)
    table = Document()
    row = table.add_table(rows=1, cols=4).rows[0].cells
    for cell, figure in zip(row, ("2024", "156", "2360", "4100"), strict=True):
        cell.text = figure
    table.save(str(folder / "活动统计.docx"))
    (folder / "统计.txt").write_text("年份\t场次\t人次\t户数\n2024\t156\t2360\t4100\n", encoding="utf-8")
    result = load_collection(cases, settings(check_images=True))
    errors = sorted((str(d.path.relative_to(cases)), d.line, d.code) for d in result.diagnostics if d.is_error)
    assert errors == [
        ("广东省/gz-yuexiu-2023-001/名单.txt", 2, "mobile-number"),
        ("广东省/gz-yuexiu-2023-001/申报表.docx", 1, "mobile-number"),
        ("广东省/志愿者名单.csv", 1, "id-number"),
        ("广东省/志愿者名单.csv", 1, "mobile-number"),
    ], errors
    assert all("谁都能在仓库里下载到" in d.message and "139****" not in d.hint for d in result.diagnostics if d.is_error)
    # a site that allows personal numbers (a hotline it publishes) is not stopped by them
    assert not [d for d in load_collection(cases, settings(check_images=True, allow_personal_numbers=True)).diagnostics if d.is_error]


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_id_numbers_a_spreadsheet_stores_as_numbers_are_errors_at_the_file(cases, suffix):
    """A list of volunteers typed into a spreadsheet: an ID number typed as a number keeps its
    first 15 digits and is stored as 4.4010619881212E+017 (Excel shows 4.40106E+17), which
    held no 18-digit number, and passed; only the one ending in X, kept as text, was found.
    The files are LibreOffice 7.4's (soffice --headless --infilter="CSV:44,34,76,1"
    --convert-to xlsx, and ods, of tests/fixtures/office/id-numbers-as-numbers.csv). Its
    other figures (hours, a date as the serial number 45356) are nothing."""
    import shutil

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    source = Path(__file__).resolve().parent.parent / "fixtures" / "office" / f"id-numbers-as-numbers{suffix}"
    shutil.copy(source, folder / f"志愿者名单{suffix}")
    errors = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.is_error]
    assert [(d.path.name, d.line, d.code) for d in errors] == [(f"志愿者名单{suffix}", 1, "id-number")] * 3, errors
    messages = sorted(d.message for d in errors)
    assert "（110105********002X）" in messages[0]
    assert "（440106************）：表格把它存成了数字，显示为 4.40106E+17 这样" in messages[1] and "谁都能在仓库里下载到" in messages[1]
    assert "（510107************）" in messages[2]
    assert not any("1988121200" in d.message for d in errors)  # the digits are starred as any number


@pytest.mark.parametrize(
    ("xml", "numbers"),
    [
        ("<v>1.10101199003071E+017</v>", ["110101199003071000"]),  # LibreOffice
        ("<v>1.10101199003071E+17</v>", ["110101199003071000"]),  # Excel
        ('office:value="4.4010619881212E+17"', ["440106198812120000"]),  # an .ods cell's value
        ("<v>1.5E+3</v><v>2.5E+017X</v><v>1.2E+016</v><v>13812345678</v>", []),  # not 18 digits, or no number
    ],
)
def test_numbers_in_e_notation_are_read_as_their_digits(xml, numbers):
    from showcase.core.case.loosefiles import stored_as_numbers

    assert stored_as_numbers(xml) == numbers


def _zip(path: Path, members: dict[str, bytes], **options) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", options.pop("compression", zipfile.ZIP_DEFLATED), **options) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_in_a_case_folder_says_how_to_unpack_it_and_what_it_holds(cases):
    """Photos forwarded as a zip (WeChat) and left in the case folder: the check said only
    unused-file, "要用的照片，插进正文", though no photo inside can be; and a list of names
    inside it passed, while the same list beside it was an error."""
    from tests.core.helpers import jpeg

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    _zip(
        folder / "微信图片.zip",
        {
            "IMG_0001.jpg": jpeg(),
            "活动/IMG_0002.jpg": jpeg(),
            "名单.csv": "姓名,电话\n张三,13812345678\n".encode(),
            "__MACOSX/._IMG_0001.jpg": b"",
        },
    )
    result = load_collection(cases, settings(check_images=True))
    said = [(d.path.name, d.line, d.severity.value, d.code) for d in result.diagnostics if d.code != "folder-name"]
    assert said == [("微信图片.zip", 1, "warning", "case-archive"), ("微信图片.zip", 1, "error", "mobile-number")], said
    # a Word form and a spreadsheet inside are read as beside it (python-docx's; LibreOffice's)
    import io

    from docx import Document

    form = io.BytesIO()
    document = Document()
    document.add_paragraph("联系电话：13912345678")
    document.save(form)
    sheet = (Path(__file__).resolve().parent.parent / "fixtures" / "office" / "id-numbers-as-numbers.xlsx").read_bytes()
    _zip(cases / "材料.zip", {"申报表.docx": form.getvalue(), "名单.xlsx": sheet})
    shutil.move(cases / "材料.zip", folder / "材料.zip")
    inside = sorted(d.message.split("（")[0] for d in load_collection(cases, settings(check_images=True)).diagnostics if d.is_error)
    assert inside == [
        "压缩包 微信图片.zip 里的 名单.csv 里有手机号码",
        "压缩包 材料.zip 里的 名单.xlsx 里有居民身份证号码",
        "压缩包 材料.zip 里的 名单.xlsx 里有居民身份证号码",
        "压缩包 材料.zip 里的 名单.xlsx 里有居民身份证号码",
        "压缩包 材料.zip 里的 申报表.docx 里有手机号码",
    ], inside
    (folder / "材料.zip").unlink()
    note, number = (d for d in result.diagnostics if d.path.name == "微信图片.zip")
    assert "里面有 2 张照片（IMG_0001.jpg、活动/IMG_0002.jpg）、1 个其他文件（名单.csv）" in note.message
    assert "网站不会打开压缩包" in note.message and "“全部解压缩”" in note.hint and "![说明](IMG_0001.jpg)" in note.hint
    assert "压缩包 微信图片.zip 里的 名单.csv 里有手机号码（138****5678）" in number.message
    assert "13812345678" not in note.message + number.message
    # a site that allows personal numbers: the reminder only
    allowed = load_collection(cases, settings(check_images=True, allow_personal_numbers=True)).diagnostics
    assert [d.code for d in allowed if d.path.name == "微信图片.zip"] == ["case-archive"]


def test_a_zip_in_a_case_folder_is_read_within_limits_and_never_unpacked(cases, tmp_path):
    """A zip bomb (a text file of 200 MB of zeros, 200 KB packed), a member whose path leaves
    the folder, a password: the check reads at most its byte budget, writes nothing, and
    says what it could not read."""
    import time

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    import zipfile

    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("zeros.txt", "w", force_zip64=True) as member:
            for _ in range(200):
                member.write(bytes(1 << 20))
        archive.writestr("../../outside.txt", "13812345678")
    started = time.monotonic()
    result = load_collection(cases, settings(check_images=True))
    assert time.monotonic() - started < 10
    assert not (cases.parent / "outside.txt").exists() and not (folder / "zeros.txt").exists()
    said = sorted((d.path.name, d.code) for d in result.diagnostics if d.path.name == "bomb.zip")
    assert said == [("bomb.zip", "case-archive"), ("bomb.zip", "mobile-number")], said
    (folder / "bomb.zip").unlink()
    # a password, made by Info-ZIP's zip when it is there (zipfile writes none)
    import shutil
    import subprocess

    if shutil.which("zip"):
        (tmp_path / "名单.csv").write_text("张三,13812345678\n", encoding="utf-8")
        subprocess.run(["zip", "-q", "-P", "secret", str(folder / "加密.zip"), "名单.csv"], cwd=tmp_path, check=True)
        locked = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.path.name == "加密.zip"]
        assert [d.code for d in locked] == ["case-archive"] and "检查没有读到 名单.csv（设了密码）里的文字" in locked[0].message
        (folder / "加密.zip").unlink()
    (folder / "照片.rar").write_bytes(b"Rar!\x1a\x07\x01\x00")
    rar = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.path.name == "照片.rar"]
    assert [d.code for d in rar] == ["case-archive"] and "检查打不开 .rar 压缩包，不知道里面有什么" in rar[0].message


def _damaged(data: bytes, name: bytes) -> bytes:
    """``data`` (a zip) with the compressed bytes of its member ``name`` scrambled."""
    raw = bytearray(data)
    start = raw.index(name) + len(name)  # its local header's name: its data follows
    for at in range(start + 20, start + 60):
        raw[at] ^= 0x55
    return bytes(raw)


def test_a_zip_whose_files_are_damaged_inside_is_said_broken_not_a_traceback(cases):
    """A member whose compressed data is damaged (deflate, LZMA), and a Word file inside a zip
    damaged the same way, raised zlib's and lzma's own errors: the check stopped with a
    traceback (zlib.error: Error -3 while decompressing data), as it did for such a Word file
    beside index.md. Each is said broken; a Word file of more parts than any has is not read."""
    import io
    import random
    import zipfile

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    text = random.Random(1).randbytes(3000).hex()  # compressed to some 3 KB
    for method, name in ((zipfile.ZIP_DEFLATED, "名单.zip"), (zipfile.ZIP_LZMA, "名单2.zip")):
        plain = _zip(folder / name, {"名单.txt": text.encode()}, compression=method).read_bytes()
        (folder / name).write_bytes(_damaged(plain, "名单.txt".encode()))
    form = io.BytesIO()
    with zipfile.ZipFile(form, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("word/document.xml", f"<w:document><w:t>{text}</w:t></w:document>")
    _zip(folder / "材料.zip", {"申报表.docx": _damaged(form.getvalue(), b"word/document.xml")}, compression=zipfile.ZIP_STORED)
    (folder / "申报表.docx").write_bytes(_damaged(form.getvalue(), b"word/document.xml"))
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w", zipfile.ZIP_STORED) as docx:
        for n in range(6000):
            docx.writestr(f"{n}.xml", "")
    _zip(folder / "大.zip", {"大.docx": many.getvalue()})
    result = load_collection(cases, settings(check_images=True))
    said = {d.path.name: d.message for d in result.diagnostics if d.code == "case-archive"}
    assert "检查没有读到 名单.txt（已损坏）里的文字" in said["名单.zip"]
    assert "检查没有读到 名单.txt（已损坏）里的文字" in said["名单2.zip"]
    assert "检查没有读到 申报表.docx（已损坏）里的文字" in said["材料.zip"]
    assert "检查没有读到 大.docx（太大）里的文字" in said["大.zip"]
    assert [d.code for d in result.diagnostics if d.path.name == "index.md"] == ["unused-file"]


def test_a_file_of_many_numbers_is_said_in_a_few_errors(cases):
    """A list of 700,000 numbers printed 700,000 errors (1.7 GB), after minutes spent
    counting each one's line from the file's start. The first MAX_NUMBERS_SAID, at their
    lines, and one error for the rest; in a zip too."""
    from showcase.core.case.loosefiles import MAX_NUMBERS_SAID

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    names = "".join(f"志愿者{n}，1390000{n:04d}\n" for n in range(300))
    (folder / "名单.txt").write_text(names, encoding="utf-8")
    _zip(folder / "名单.zip", {"名单.csv": names.encode()})
    result = load_collection(cases, settings(check_images=True))
    for name in ("名单.txt", "名单.zip"):
        errors = [d for d in result.diagnostics if d.path.name == name and d.severity.value == "error"]
        assert len(errors) == MAX_NUMBERS_SAID + 1, len(errors)
        assert (
            "（139****0000）" in errors[0].message and "里还有 280 个手机号码或居民身份证号码（上面只列出了前 20 个）" in errors[-1].message
        )
    lines = [d.line for d in result.diagnostics if d.path.name == "名单.txt"]
    assert lines[:3] == [1, 2, 3] and lines[MAX_NUMBERS_SAID] == MAX_NUMBERS_SAID + 1


def test_a_zip_member_s_name_is_shown_without_control_characters(cases):
    """A member's name is its maker's bytes: an escape sequence in one cleared the editor's
    terminal (ESC [2J) and coloured what followed; one of 60,000 characters was printed whole."""
    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    _zip(folder / "照片.zip", {"\x1b[2J\x1b[31m活动.jpg": b"jpeg", "x" * 60000 + ".jpg": b"jpeg"})
    (said,) = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.path.name == "照片.zip"]
    assert "\x1b" not in said.message and "\x1b" not in said.hint and "�[2J�[31m活动.jpg" in said.message
    assert len(said.message) < 1000


def test_a_zip_member_without_a_name_is_no_traceback(cases):
    """A member whose name is empty (a damaged or hand-made zip): ZipInfo.is_dir() read its
    last character, and showcase check and the build stopped with IndexError."""
    import zipfile

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    with zipfile.ZipFile(folder / "照片.zip", "w") as archive:
        archive.writestr("活动.jpg", b"jpeg")
        archive.writestr(zipfile.ZipInfo(""), b"x")
    (said,) = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.path.name == "照片.zip"]
    assert said.code == "case-archive" and "1 张照片（活动.jpg）" in said.message


# -- a mutation audit's tests: what no test above told apart ------------------------------


@pytest.mark.parametrize(
    ("xml", "numbers"),
    [
        ("<v>-1.10101199003071E+17</v>", []),  # a negative figure is no ID number
        ("<v>1.10101199003071234E+17</v>", ["110101199003071234"]),  # all 18 digits written
        ("<v>1.10101199003071E+0017</v>", ["110101199003071000"]),  # an exponent of any width
        ("<v>1.10101199003071E+17.5</v>", []),  # not a number
    ],
)
def test_numbers_in_e_notation_are_read_only_where_a_whole_number_is_written(xml, numbers):
    from showcase.core.case.loosefiles import stored_as_numbers

    assert stored_as_numbers(xml) == numbers


def test_only_numbers_shaped_as_an_id_number_are_said_each_once():
    # 9.99999999999999E+17 (province 99) is a figure; the same ID number in two cells is one
    from showcase.core.case.loosefiles import cut_ids

    assert cut_ids(["999999999999999000", "440106198812120000", "440106198812120000"]) == ["440106198812120000"]


def _sheet(path: Path, values: list[str], strings: list[str] = ()) -> Path:
    """A spreadsheet as Excel lays one out: its figures in a sheet's <v>, its text in sharedStrings."""
    cells = "".join(f"<c><v>{value}</v></c>" for value in values)
    shared = "".join(f"<si><t>{text}</t></si>" for text in strings)
    return _zip(
        path,
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/sharedStrings.xml": f"<sst>{shared}</sst>".encode(),
            "xl/worksheets/sheet1.xml": f"<worksheet><sheetData><row>{cells}</row></sheetData></worksheet>".encode(),
        },
    )


def test_an_office_file_s_parts_are_read_within_its_budget_and_a_lower_case_exponent_too():
    import io

    from showcase.core.case.loosefiles import _office_text

    form = io.BytesIO()
    with __import__("zipfile").ZipFile(form, "w") as docx:
        docx.writestr("word/document.xml", "<w:t>" + " " * 60 + "</w:t>")
        docx.writestr("word/footer.xml", "<w:t>13812345678</w:t>")
        docx.writestr("xl/sheet.xml", "<v>4.4010619881212e+17</v>")
    text, numbers = _office_text(io.BytesIO(form.getvalue()), budget=80)
    assert "13812345678" not in text  # the second part is past the budget: not read
    text, numbers = _office_text(io.BytesIO(form.getvalue()))
    assert "13812345678" in text and numbers == ["440106198812120000"]


def test_a_zip_of_more_files_than_any_real_one_is_not_opened(cases):
    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    from showcase.core.office import MAX_ZIP_MEMBERS

    _zip(folder / "照片.zip", {f"{n}.jpg": b"" for n in range(MAX_ZIP_MEMBERS + 1)}, compression=__import__("zipfile").ZIP_STORED)
    (said,) = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.path.name == "照片.zip"]
    assert f"里面的文件超过 {MAX_ZIP_MEMBERS} 个，检查没有打开它" in said.message and "张照片" not in said.message


def test_what_a_zip_in_a_case_folder_holds_is_told_as_it_is(cases):
    """The names it lists, a few at most; the Mac's hidden files left out; a photo's name in
    the hint as the body writes it once unpacked; an archive not opened says nothing of what
    it holds; an old Excel file, a photo's name and the archive's own name are read for numbers."""
    from tests.core.helpers import jpeg

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    _zip(folder / "三张.zip", {"活动/IMG 0001.jpg": jpeg(), "b.jpg": jpeg(), "c.jpg": jpeg(), "活动/.DS_Store": b"\0\0\0\1Bud1"})
    _zip(folder / "四张.zip", {"a.jpg": jpeg(), "b.jpg": jpeg(), "c.jpg": jpeg(), "d.jpg": jpeg()})
    _zip(folder / "空.zip", {})
    _zip(folder / "名单.zip", {"13912345678.jpg": jpeg(), "名单.xls": "王芳 13812345678".encode("utf-16-le")})
    _zip(folder / "王芳13700001111.zip", {})
    (folder / "照片.7z").write_bytes(b"7z\xbc\xaf\x27\x1c")
    result = load_collection(cases, settings(check_images=True))
    said = {d.path.name: d for d in result.diagnostics if d.code == "case-archive"}
    three = said["三张.zip"]
    assert "里面有 3 张照片（活动/IMG 0001.jpg、b.jpg、c.jpg）。" in three.message, three.message  # no .DS_Store, no 等
    assert "![说明](<IMG 0001.jpg>)" in three.hint, three.hint
    assert "里面有 4 张照片（a.jpg、b.jpg、c.jpg 等）" in said["四张.zip"].message
    assert "里面没有文件" in said["空.zip"].message
    assert "检查打不开 .7z 压缩包" in said["照片.7z"].message and "里面没有文件" not in said["照片.7z"].message
    named = said["王芳13700001111.zip"]
    assert "13700001111" not in named.message + named.hint and "右键 王芳137****1111.zip" in named.hint, named.hint
    numbers = sorted(d.message.split("（")[0] for d in result.diagnostics if d.path.name == "名单.zip" and d.is_error)
    assert numbers == ["压缩包 名单.zip 里的 名单.xls 里有手机号码", "压缩包 名单.zip 里的文件名里有手机号码"], numbers


def test_a_zip_member_s_name_is_cut_after_sixty_characters_and_loses_eight_bit_escapes(cases):
    # "\x9b" is the escape (CSI) of a terminal that reads eight-bit control characters
    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    exact, over = "a" * 56 + ".jpg", "b" * 57 + ".jpg"
    _zip(folder / "照片.zip", {exact: b"jpeg", over: b"jpeg", "\x9b2J活动.jpg": b"jpeg"})
    (said,) = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.path.name == "照片.zip"]
    assert f"{exact}、{'b' * 57}.j…" in said.message and "\x9b" not in said.message and "�2J活动.jpg" in said.message


def test_a_zip_s_files_are_read_within_one_budget(cases):
    """Text files each to MAX_MEMBER_BYTES, all the files of one zip to MAX_UNPACKED together
    (a Word file's text counts too): what comes after is said unread, and nothing is read twice."""
    import io

    from docx import Document
    from showcase.core.case.loosefiles import MAX_MEMBER_BYTES, MAX_UNPACKED

    mobile = b"\xe7\x8e\x8b\xe8\x8a\xb3 13812345678\n"  # 王芳
    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    full = b" " * MAX_MEMBER_BYTES
    rest = MAX_UNPACKED - 3 * MAX_MEMBER_BYTES  # left after three full files
    _zip(
        folder / "材料.zip",
        {
            "1.csv": full,
            "2.csv": full,
            "3.csv": full,
            "4.csv": b" " * (rest // 2),
            "5.csv": b" " * (rest - rest // 2) + mobile,  # its number past the budget
            "6.csv": mobile,  # nothing left for it
        },
    )
    document = Document()
    document.add_paragraph(" " * (MAX_UNPACKED - MAX_MEMBER_BYTES // 2))  # its text all but the budget
    form = io.BytesIO()
    document.save(form)
    _zip(folder / "表.zip", {"申报表.docx": form.getvalue(), "名单.csv": b" " * (MAX_MEMBER_BYTES - 1000) + mobile})
    result = load_collection(cases, settings(check_images=True))
    said = {d.path.name: d for d in result.diagnostics if d.code == "case-archive"}
    assert "检查没有读到 6.csv（太大）里的文字" in said["材料.zip"].message, said["材料.zip"].message
    assert "5.csv" not in said["材料.zip"].message
    assert not [d for d in result.diagnostics if d.is_error], [d.message for d in result.diagnostics if d.is_error]


def test_a_spreadsheet_of_more_numbers_than_are_said_counts_its_id_numbers_stored_as_numbers_too(cases):
    from showcase.core.case.loosefiles import MAX_NUMBERS_SAID

    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    mobiles = [f"1390000{n:04d}" for n in range(MAX_NUMBERS_SAID)]
    _sheet(folder / "名单.xlsx", ["4.4010619881212E+17"], mobiles)
    _sheet(folder / "二十个.xlsx", [], mobiles)
    errors = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.is_error]
    listed = [d for d in errors if d.path.name == "名单.xlsx"]
    (rest,) = [d for d in listed if "里还有" in d.message]
    assert len(listed) == MAX_NUMBERS_SAID + 1 and rest.code == "id-number" and "里还有 1 个" in rest.message, rest
    assert len([d for d in errors if d.path.name == "二十个.xlsx"]) == MAX_NUMBERS_SAID  # all said: no "还有 0 个"


def test_a_zip_s_names_are_read_as_their_maker_wrote_them_and_a_cut_end_record_is_broken(cases):
    """A name flagged UTF-8 is UTF-8 (Größe.jpg read as GBK is 锣e.jpg); a member without a
    name is no file; a file whose end record is cut short is broken, not a traceback."""
    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, VALID)
    import zipfile

    with zipfile.ZipFile(folder / "照片.zip", "w") as archive:  # zipfile flags a name that is not ASCII as UTF-8
        archive.writestr("Größe.jpg", b"jpeg")
        archive.writestr(zipfile.ZipInfo(""), b"x")
    (folder / "坏.zip").write_bytes(b"PK\x03\x04" + bytes(40) + b"PK\x05\x06" + bytes(10))
    result = load_collection(cases, settings(check_images=True))
    said = {d.path.name: d.message for d in result.diagnostics if d.code == "case-archive"}
    assert "里面有 1 张照片（Größe.jpg）。" in said["照片.zip"], said["照片.zip"]
    assert "压缩包已损坏" in said["坏.zip"]


# -- a mutation audit of the county reminders, hidden folders and unused photos ------------


def county_case(case_id: str, county: str, *, city: str | None = "广州市", province: str = "广东省", approved: str = "2023-12-20") -> str:
    """case_text with another region and approval date (city None: no city line)."""
    text = edit(case_text(case_id), "  county: 越秀区", f"  county: {county}")
    text = edit(text, "  city: 广州市\n", f"  city: {city}\n" if city else "")
    text = edit(text, "province: 广东省", f"province: {province}")
    return edit(text, "approved: 2023-12-20", f"approved: {approved}")


def test_a_county_written_by_a_case_whose_province_is_not_read_is_passed_over(cases):
    """Its province refused (a typo): no city to hold its county, and the check goes on."""
    write_case(cases / "a", county_case("case-a", "越秀区"))
    write_case(cases / "b", county_case("case-b", "越秀", province="广冬省"))
    result = load_collection(cases, settings())
    assert result.cases[1].region.province is None and result.diagnostics[0].is_error
    assert {d.code for d in result.diagnostics} & {"county-spelling", "city-missing"} == set()


def test_a_county_without_its_city_is_not_given_a_city_when_two_cities_have_it(cases):
    """鼓楼区 is in 南京市 and in 徐州市: which one a case without a city meant is not known,
    and a county of another province's city (朝阳区 in 北京市) is no hint at all."""
    for name, city in (("a", "南京市"), ("b", "徐州市")):
        write_case(cases / name, county_case(f"case-{name}", "鼓楼区", city=city, province="江苏省"))
    write_case(cases / "c", county_case("case-c", "鼓楼区", city=None, province="江苏省"))
    assert "city-missing" not in {d.code for d in load_collection(cases, settings()).diagnostics}
    for name in "abc":
        shutil.rmtree(cases / name)
    write_case(cases / "a", county_case("case-a", "朝阳区", city="长春市", province="吉林省"))
    write_case(cases / "b", county_case("case-b", "朝阳区", city=None, province="辽宁省"))
    assert "city-missing" not in {d.code for d in load_collection(cases, settings()).diagnostics}


def test_of_two_counties_read_alike_the_one_whose_first_case_was_approved_first_is_kept(cases):
    """Each county by its earliest approval (its page was published then), not its latest;
    a slip in a new draft, not yet approved, is the later one."""
    write_case(cases / "a", county_case("sx-a", "嵊州市", city="绍兴市", province="浙江省", approved="2023-01-05"))
    write_case(cases / "b", county_case("sx-b", "嵊州市", city="绍兴市", province="浙江省", approved="2024-06-01"))
    write_case(cases / "c", county_case("sx-c", "胜州市", city="绍兴市", province="浙江省", approved="2023-06-01"))
    said = {d.path.parent.name for d in load_collection(cases, settings(county_pages=True)).diagnostics if d.code == "county-spelling"}
    assert said == {"c"}  # (a's approval, before its date, is a reminder of its own)
    draft = edit(county_case("sx-c", "胜州市", city="绍兴市", province="浙江省"), "status: published", "status: draft")
    write_case(cases / "c", edit(draft, "  approved: 2023-12-20\n", ""))
    write_case(cases / "b", county_case("sx-b", "嵊州市", city="绍兴市", province="浙江省", approved="2023-06-01"))
    said = {
        d.path.parent.name: d.code
        for d in load_collection(cases, settings(county_pages=True)).diagnostics
        if d.code != "approved-before-date"
    }
    assert said == {"c": "county-spelling"}


def test_showcase_check_looks_for_counties_read_alike_on_a_site_with_county_pages(cases):
    """``check_collection`` (the check, the gate) as ``load_collection`` (the build)."""
    write_case(cases / "a", county_case("sx-a", "嵊州市", city="绍兴市", province="浙江省"))
    write_case(cases / "b", county_case("sx-b", "嵊州市", city="绍兴市", province="浙江省"))
    write_case(cases / "c", county_case("sx-c", "胜州市", city="绍兴市", province="浙江省"))
    for within in (None, [cases / "c"]):
        said = check_collection(cases, settings(county_pages=True), within=within, jobs=1).diagnostics
        assert [(d.path.parent.name, d.code) for d in said] == [("c", "county-spelling")], within


def test_the_usual_spelling_of_a_county_is_the_one_most_cases_write_then_the_longer(cases):
    """越秀 written by more cases than 越秀区 is the one to use; a tie of two of one length
    (越秀区, 越秀县) is settled in Unicode order, the same on every run."""
    write_case(cases / "a", county_case("case-a", "越秀"))
    write_case(cases / "b", county_case("case-b", "越秀"))
    write_case(cases / "c", county_case("case-c", "越秀区"))
    said = load_collection(cases, settings()).diagnostics
    assert [d.path.parent.name for d in said] == ["c"] and "另有 2 个案例写的是“越秀”" in said[0].message
    write_case(cases / "a", county_case("case-a", "越秀县"))
    shutil.rmtree(cases / "b")
    said = load_collection(cases, settings()).diagnostics
    assert [d.path.parent.name for d in said] == ["a"] and "另有 1 个案例写的是“越秀区”" in said[0].message


def test_an_error_elsewhere_leaves_the_unused_photos_named(cases):
    """Only an unreadable front matter or a refused cover hides the photos from unused-file:
    an error on another line (a bad area) or a reminder on the cover's line does not."""
    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, edit(VALID, "area: 城市", "area: 城镇"))
    (folder / "多余.jpg").write_bytes(b"jpeg")
    said = [d for d in load_collection(cases, settings(check_images=True)).diagnostics if d.code == "unused-file"]
    assert len(said) == 1 and "多余.jpg" in said[0].message
    write_case(folder, VALID)
    phone_jpeg(folder / "photo1.jpg", size=(400, 300))  # where it was taken: a reminder on the cover's line
    said = load_collection(cases, settings(check_images=True)).diagnostics
    assert (LINE["cover"], "image-location") in {(d.line, d.code) for d in said}
    assert ["多余.jpg" in d.message for d in said if d.code == "unused-file"] == [True]


@pytest.mark.parametrize("cover", ['"photo1.jpg\\0"', '"\\0"'])
def test_a_cover_naming_a_null_character_is_an_error_not_a_traceback(cases, cover):
    """A security review: cover: "photo1.jpg\\0" (a YAML escape) beside another file stopped
    ``showcase check`` and the build with ValueError (embedded null byte)."""
    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, edit(VALID, "cover: photo1.jpg", f"cover: {cover}"))
    (folder / "多余.jpg").write_bytes(b"jpeg")
    said = load_collection(cases, settings(check_images=True)).diagnostics
    assert (LINE["cover"], "invisible-char") in {(d.line, d.code) for d in said}


def test_photos_of_any_case_are_not_called_unused_when_the_cover_is_not_known(cases):
    """IMG_0001.JPG, as a camera names it, is a photo too."""
    folder = cases / "广东省" / "gz-yuexiu-2023-001"
    write_case(folder, edit(VALID, "title: ", "title: ["))
    (folder / "IMG_0001.JPG").write_bytes(b"jpeg")
    said = load_collection(cases, settings(check_images=True)).diagnostics
    assert "yaml-syntax" in {d.code for d in said} and "unused-file" not in {d.code for d in said}


def test_a_hidden_folder_is_looked_into_three_folders_deep_and_its_first_case_named(cases):
    """.广东省/2024/gz-…/index.md (province, year, case) is said, and the case named is the
    first one met, folder by folder, in name order; one folder further down is not looked for."""
    write_case(cases / ".旧" / "广东省" / "2024" / "b-case", case_text("b-case"))
    write_case(cases / ".旧" / "广东省" / "a-case", case_text("a-case"))
    write_case(cases / ".旧" / "广东省" / "c-case", case_text("c-case"))
    _, stray = discover(cases)
    assert [(d.path.parent.name, d.code) for d in stray] == [("a-case", "hidden-folder")]
    shutil.rmtree(cases / ".旧" / "广东省" / "a-case")
    shutil.rmtree(cases / ".旧" / "广东省" / "c-case")
    assert [d.path.parent.name for d in discover(cases)[1]] == ["b-case"]
    (cases / ".旧" / "广东省" / "2024").rename(cases / ".旧" / "广东省" / "x")
    (cases / ".旧" / "广东省" / "2024").mkdir()
    (cases / ".旧" / "广东省" / "x").rename(cases / ".旧" / "广东省" / "2024" / "x")
    assert discover(cases)[1] == []  # .旧/广东省/2024/x/b-case: four folders down


def test_a_link_in_a_hidden_folder_is_not_followed(cases):
    """A link to the cases themselves (.backup/current -> ..) would name a case that is not hidden."""
    write_case(cases / "广东省" / "a-case", case_text("a-case"))
    (cases / ".backup").mkdir()
    (cases / ".backup" / "current").symlink_to(cases / "广东省")
    assert discover(cases)[1] == []


def test_a_folder_that_cannot_be_listed_inside_a_hidden_one_is_passed_over(cases, monkeypatch):
    """The folders beside it are still looked into."""
    write_case(cases / ".旧" / "b-case", case_text("b-case"))
    (cases / ".旧" / "a-locked").mkdir()
    real = os.scandir

    def refusing(path):
        if str(path).endswith("a-locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert [d.path.parent.name for d in discover(cases)[1]] == ["b-case"]


def test_a_published_case_with_a_renamed_case_s_former_id_leaves_the_former_id_where_it_is(cases):
    """A city bureau's trial (helper urlH): a new case approved in its pull request (published)
    took the former id of a renamed published case. The hint on the renamed case said to
    delete the alias; done, every check passed and the cited old address opened the newcomer."""
    write_case(cases / "renamed", case_text("new-id", aliases="old-id"))  # published
    write_case(cases / "newcomer", case_text("old-id"))  # published too
    (said,) = load_collection(cases, settings()).diagnostics
    assert (said.path.parent.name, said.code) == ("renamed", "alias-collision")
    assert "请删掉这一项" not in said.hint
    assert "urls.lock" in said.hint and "请给 cases/newcomer/index.md 换一个编号" in said.hint


@pytest.mark.parametrize("name", ["gz yuexiu 2023 001", "gz_yuexiu_2023_001", "ＧＺ-yuexiu-2023-001"])
def test_a_folder_named_as_an_id_typed_with_spaces_is_told_its_id(cases, name):
    """A folder named gz yuexiu 2023 001 (spaces for hyphens) or in full width got no word,
    though it is the id mistyped (helper newH's notes): it is told to be named as the id."""
    from showcase.core.collection.loading import folder_name_warnings

    write_case(cases / "广东省" / name, case_text("gz-yuexiu-2023-001"))
    result = load_collection(cases, settings())
    said = [d for d in folder_name_warnings(result.cases) if d.code == "folder-name"]
    assert len(said) == 1 and "改名为 gz-yuexiu-2023-001" in said[0].hint, said
    # the name in quotes, its spaces seen where it ends (was 文件夹名 gz yuexiu 2023 001 和…)
    assert f"“{name}”" in said[0].message and f"“{name}”" in said[0].hint, said
    write_case(cases / "广东省" / "银龄互助案例", case_text("gz-yuexiu-2023-002"))  # a descriptive name: the editor's choice
    result = load_collection(cases, settings())
    assert [d.path.parent.name for d in folder_name_warnings(result.cases)] == [name]
