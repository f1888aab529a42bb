"""``showcase preview PATH``: the case's page and its theme page, as the site shows them.

Built from the sample collection (``--no-serve``) and compared with a full build; then
the live loop: the preview server rebuilds after an edit and serves the new page.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support.project import share_cache

from .conftest import ENV, ROOT, make_project, run


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="scale-preview-") as folder:
        root = Path(folder)
        share_cache(make_project(root, generated=0).parent)
        shutil.copy(ROOT / "collections.yml", root / "collections.yml")  # the sample's 专题: a page in the navigation
        full = run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site-full"], root)
        assert full.returncode == 0, full.stderr[-3000:]
        drafts = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "site-drafts"],
            cwd=root,
            env={**ENV, "SHOWCASE_PREVIEW": "true"},
            capture_output=True,
            text=True,
        )
        assert drafts.returncode == 0, drafts.stderr[-3000:]
        yield root


def case_folder(project: Path, status: str) -> tuple[Path, str]:
    for index in sorted((project / "cases").rglob("index.md")):
        text = index.read_text(encoding="utf-8")
        if f"\nstatus: {status}\n" in text and "aliases:" not in text:
            return index.parent, re.search(r"^id: (\S+)", text, re.M).group(1)
    raise AssertionError(f"no {status} case in the sample")


def preview(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "showcase", "-f", "mkdocs.yml", "preview", *args], project)


def test_a_published_case_as_on_the_site(project: Path) -> None:
    folder, case_id = case_folder(project, "published")
    done = preview(project, str(folder), "--no-serve", "--site-dir", "site-one")
    assert done.returncode == 0, done.stderr
    one, full = project / "site-one", project / "site-full"
    page = f"cases/{case_id}/index.html"
    assert (one / page).read_bytes() == (full / page).read_bytes()
    theme = re.search(r"主题页面：\S+?/(themes/\S+/)", done.stderr).group(1)
    assert (one / theme / "index.html").read_bytes() == (full / theme / "index.html").read_bytes()
    assert f"cases/{case_id}/" in done.stderr
    # only this case's page: no other case page, no embed cards, feeds, catalog or search index
    written = sorted(p.parent.name for p in (one / "cases").glob("*/index.html"))
    assert written == [case_id]
    for absent in ("feed.xml", "api/cases.json", f"cases/{case_id}/embed/index.html", "pagefind"):
        assert not (one / absent).exists(), absent
    assert (one / "index.html").is_file() and (one / "themes" / "index.html").is_file()  # the navigation's pages
    # What the navigation and the about page name is there too, so MkDocs has nothing to warn
    # of in English at every save ("A reference to 'collections/index.md' …", "… contains a link").
    assert "WARNING" not in done.stderr, done.stderr
    for same in ("collections/index.html", "downloads/案例申报表.docx"):
        assert (one / same).read_bytes() == (full / same).read_bytes(), same


def test_a_draft_with_its_banner(project: Path) -> None:
    folder, case_id = case_folder(project, "draft")
    done = preview(project, str(folder / "index.md"), "--no-serve", "--site-dir", "site-draft")
    assert done.returncode == 0, done.stderr
    page = f"cases/{case_id}/index.html"
    html = (project / "site-draft" / page).read_text(encoding="utf-8")
    assert "sc-banner--draft" in html
    assert html == (project / "site-drafts" / page).read_text(encoding="utf-8")  # as the pull-request preview shows it


def test_a_broken_case_shows_its_problems(project: Path) -> None:
    folder, case_id = case_folder(project, "review")
    index = folder / "index.md"
    original = index.read_text(encoding="utf-8")
    try:
        index.write_text(original.replace("\ntitle: ", "\ntitel: ", 1), encoding="utf-8")
        # by its id, as approve and withdraw take a case (an editor's trial: 找不到案例文件 …/<id>)
        done = preview(project, case_id, "--no-serve", "--site-dir", "site-broken")
        assert done.returncode == 0, done.stderr
        # the problem, on the terminal, as `showcase check` prints it: without MkDocs' English
        # "ERROR   -  showcase:" before a line that says error itself
        assert re.search(r"(?m)^cases/\S+/index\.md:\d+: error \[missing-key\] 缺少必填字段", done.stderr), done.stderr
        # and its warnings (logged below WARNING since --strict builds stop at no warning of a case)
        assert re.search(r"(?m)^cases/\S+/index\.md:\d+: warning \[unknown-key\] ", done.stderr), done.stderr
        assert "ERROR" not in done.stderr and "showcase:" not in done.stderr, done.stderr
        html = (project / "site-broken" / "cases" / case_id / "index.html").read_text(encoding="utf-8")
        assert "sc-problems" in html and "titel" in html
        # its words, the site's texts' (site.problems_*): each problem's line, kind and hint
        assert re.search(r"<strong>第 \d+ 行</strong> · 错误 <code>missing-key</code>", html) and "提示：" in html, html
    finally:
        index.write_text(original, encoding="utf-8")


def test_a_path_that_is_not_a_case(project: Path) -> None:
    done = preview(project, "cases/没有这个案例", "--no-serve")
    assert done.returncode == 2
    assert "找不到案例文件" in done.stderr and "Traceback" not in done.stderr
    done = preview(project, "gz-yuexiu-2023-01", "--no-serve")  # an id one character short: the one meant
    assert done.returncode == 2 and "没有编号为 gz-yuexiu-2023-01 的案例。是不是 gz-yuexiu-2023-001？" in done.stderr
    done = preview(project, "mkdocs.yml", "--no-serve")  # there, and no case (a review: 找不到案例文件)
    assert done.returncode == 2 and "mkdocs.yml 不是案例文件（案例文件都叫 index.md）" in done.stderr
    outside = project / "elsewhere"
    outside.mkdir()
    (outside / "index.md").write_text("---\nid: x\n---\n", encoding="utf-8")
    done = preview(project, str(outside), "--no-serve")
    assert done.returncode == 2
    assert "不在案例文件夹" in done.stderr and "Traceback" not in done.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_port_or_host_it_cannot_listen_on_is_one_line_before_the_build(project: Path) -> None:
    """--port 99999 printed 预览已启动 after the whole build, then a traceback; a port in use,
    or a host that is no address, was said in the system's English after the build."""
    folder, _ = case_folder(project, "published")
    for port in ("99999", "-5", "八千"):
        done = preview(project, str(folder), "--port", port)
        assert done.returncode == 2 and "Traceback" not in done.stderr
        assert f"端口应是 1 到 65535 之间的整数，现在是“{port}”" in done.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = preview(project, str(folder), "--port", str(port))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"showcase: 端口 {port} 已被占用（可能另一个预览还开着）。关掉它，或换一个端口：--port {port + 1}" in done.stderr
    assert "正在读取全部案例" not in done.stderr  # said before the build
    done = preview(project, str(folder), "--host", "no.such.host.invalid")
    assert done.returncode == 2 and "找不到预览地址 --host no.such.host.invalid" in done.stderr
    assert "Name or service" not in done.stderr and "正在读取全部案例" not in done.stderr


def test_without_a_site_dir_it_names_no_folder_that_is_gone(project: Path) -> None:
    """--no-serve without --site-dir printed paths into a temporary folder removed before
    the command ended."""
    folder, case_id = case_folder(project, "published")
    done = preview(project, str(folder), "--no-serve")
    assert done.returncode == 0, done.stderr
    assert f"案例页面：/cases/{case_id}/" in done.stderr and "showcase-preview-" not in done.stderr
    assert "加上 --site-dir 文件夹" in done.stderr


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _until(check, limit: float = 120.0):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    return None


def test_an_edit_shows_after_the_rebuild(project: Path) -> None:
    folder, case_id = case_folder(project, "published")
    index = folder / "index.md"
    original = index.read_text(encoding="utf-8")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/cases/{case_id}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "showcase", "-f", "mkdocs.yml", "preview", str(folder), "--port", str(port)],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = _until(lambda: _get(url))
        assert first is not None, "the preview did not start"
        assert "livereload" in first  # the page reloads itself after a rebuild
        # A request naming another host (a page elsewhere pointing its name at 127.0.0.1) is refused.
        foreign = urllib.request.Request(url, headers={"Host": f"evil.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(foreign, timeout=10)
        assert refused.value.code == 403 and "只能在本机打开" in refused.value.read().decode("utf-8")
        assert _get(f"http://localhost:{port}/cases/{case_id}/") is not None
        # The browser's own favicon request and a listing the preview did not build (an editor's trial: each printed 提醒：… code 404)
        assert _get(f"http://127.0.0.1:{port}/favicon.ico") is None and _get(f"http://127.0.0.1:{port}/regions/no-such-place/") is None
        assert _get(f"http://127.0.0.1:{port}/cases/{case_id}/{quote('报名表.docx')}") is None  # a link to a file that is not there
        index.write_text(original.replace("\ntitle: ", "\ntitle: 刚刚改过的", 1), encoding="utf-8")
        changed = _until(lambda: (page := _get(url)) and "刚刚改过的" in page)
        assert changed, "the edit did not show"
        # An error moves the page to its list of problems; the address the browser reloads leads there.
        index.write_text(original.replace("\ntitle: ", "\ntitle：", 1), encoding="utf-8")
        moved = _until(lambda: (page := _get(url)) and 'http-equiv="refresh"' in page and page)
        assert moved, "the old address still shows the page as it was"
        target = re.search(r'url=([^"]+)"', moved).group(1)
        assert target.startswith("../_problems/")
        problems = _get(url + target)
        assert problems is not None and "yaml-fullwidth-colon" in problems
        # Mended: the case's own address shows the case again, and the problems' address leads back.
        index.write_text(original, encoding="utf-8")
        back = _until(lambda: (page := _get(url)) and "http-equiv" not in page and "<h1" in page)
        assert back, "the mended case did not come back at its address"
        leads_back = _get(url + target)
        assert leads_back is not None and 'http-equiv="refresh"' in leads_back
    finally:
        index.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    said = server.stderr.read() if server.stderr else ""
    lines = said.splitlines()
    assert not [line for line in lines if "favicon" in line or "code 404" in line or ("提醒：" in line and "code 403" not in line)], lines
    assert "信息：预览只生成这个案例和它的主题页，/regions/no-such-place/ 要在完整网站里（make serve）才看得到。" in said
    assert f"信息：找不到 /cases/{case_id}/报名表.docx：链接的文件不存在，或文件名写错了。" in said


def test_mkdocs_serve_answers_only_this_machine(tmp_path: Path) -> None:
    """``mkdocs serve`` (``make serve``) shows drafts too: a request naming another host (a
    page elsewhere pointing its name at 127.0.0.1) is refused, as ``showcase preview`` does."""
    from tests.support.project import make_project as small_project
    from tests.support.project import write_case

    project = small_project(tmp_path / "p")
    write_case(project / "cases", "draft-001", 2, status="draft", review=None)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],  # MkDocs runs on_serve with live reload only
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/cases/draft-001/"
        page = _until(lambda: _get(url))
        assert page is not None and "sc-banner--draft" in page
        foreign = urllib.request.Request(url, headers={"Host": f"evil.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(foreign, timeout=10)
        assert refused.value.code == 403 and f"http://127.0.0.1:{port}/" in refused.value.read().decode("utf-8")
        assert _get(f"http://localhost:{port}/cases/draft-001/") is not None
    finally:
        server.terminate()
        server.wait(timeout=30)
