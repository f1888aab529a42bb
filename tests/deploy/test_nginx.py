"""The shipped nginx configuration (scripts/deploy/nginx/), served for real.

Debian's nginx (``make test`` installs it) runs in the foreground on 127.0.0.1 with its
own prefix and temporary folders, serving a small site built here. Headless Chromium
opens every kind of page and must report no Content-Security-Policy violation and no
console error; plain HTTP requests check compression, caching, the frame rules and the
404 page.
"""

from __future__ import annotations

import gzip
import http.client
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.support.build import build_site
from tests.support.project import ROOT, configure, make_project, write_case
from tests.support.serve import served

DEPLOY = ROOT / "scripts" / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
CASE = "gz-nginx-2023-001"
WITHDRAWN = "gz-nginx-2023-003"
IMMUTABLE = "public, max-age=31536000, immutable"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">' + '<rect width="10" height="10" fill="#a31d1d"/>' * 20 + "</svg>\n"

CONFIG = """\
daemon off;
master_process off;
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include {mime};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {deploy}/showcase-http.conf;
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {site};
        include {deploy}/showcase-server.conf;
    }}
}}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A small built site: three cases (two published) with photos, search, feeds and embed
    cards, a collection (专题) with its booklets; the search index split into two bundles
    (/pagefind/, /pagefind/shard-1/), one case each."""
    project = make_project(tmp_path_factory.mktemp("nginx-project"))
    configure(project, search_shard_pages=1, per_page=1)  # per_page: listings of two pages (page/2/)
    shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    body = "## 基本情况\n\n社区里空巢老人多，子女不在身边。\n\n![结对探访](photo1.jpg)\n\n## 主要做法\n\n- 结对帮扶\n- 定期探访\n"
    write_case(project / "cases", CASE, 0, body=body, title="银龄互助守望空巢老人", tags=["空巢老人"], aliases=["gz-nginx-old-001"])
    write_case(project / "cases", "gz-nginx-2023-002", 1)
    write_case(project / "cases", WITHDRAWN, 2, status="withdrawn", withdrawn_reason="组织已注销，案例不再展示。")
    (project / "collections.yml").write_text(
        f"collections:\n  - key: jingpin\n    title: 精品阵地\n    cases: [{CASE}]\n", encoding="utf-8"
    )
    built = build_site(project)
    (built / "assets" / "showcase-test.svg").write_text(SVG, encoding="utf-8")  # the sample has no SVG file
    return built


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def origin(site: Path, tmp_path_factory) -> Iterator[str]:
    run = tmp_path_factory.mktemp("nginx-run")
    port = free_port()
    yield from _nginx(run, CONFIG.format(run=run, mime=MIME_TYPES, deploy=DEPLOY, port=port, site=site), port)


def _nginx(run: Path, text: str, port: int) -> Iterator[str]:
    """nginx in the foreground with the configuration ``text``, until the module ends."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: run `make test` (it installs Debian's nginx through apt-get)")
    config = run / "nginx.conf"
    config.write_text(text, encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-p", str(run), "-c", str(config), "-e", str(run / "error.log")], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    server = subprocess.Popen([NGINX, "-p", str(run), "-c", str(config), "-e", str(run / "error.log")], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"nginx did not start: {(run / 'error.log').read_text(errors='replace')}")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.send_signal(signal.SIGQUIT)  # graceful stop
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(origin: str, path: str, *, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    host, port = origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", quote(path, safe="/?=&%"), headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    response = connection.getresponse()
    body = response.read()
    headers = {k.lower(): v for k, v in response.getheaders()}
    connection.close()
    return response.status, headers, body


def first(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return "/" + found[0].relative_to(site).as_posix()


# -- compression, caching, headers ---------------------------------------------------------


def text_files(site: Path) -> dict[str, str]:
    """One file of each text type the site serves, and its expected type."""
    return {
        "/": "text/html",
        f"/cases/{CASE}/": "text/html",
        first(site, "assets/stylesheets/main.*.min.css"): "text/css",
        first(site, "assets/javascripts/bundle.*.min.js"): "application/javascript",
        first(site, "assets/showcase/showcase.*.css"): "text/css",
        first(site, "assets/showcase/head.*.js"): "application/javascript",
        "/feed.json": "application/json",
        "/api/cases.json": "application/json",
        "/feed.xml": "text/xml",
        "/sitemap.xml": "text/xml",
        "/assets/showcase-test.svg": "image/svg+xml",
        "/pagefind/pagefind.js": "application/javascript",
        "/pagefind/pagefind-worker.js": "application/javascript",
    }


def test_text_is_sent_compressed(site, origin):
    for path, kind in text_files(site).items():
        status, headers, body = fetch(origin, path)
        assert status == 200, path
        assert headers["content-type"].startswith(kind), (path, headers["content-type"])
        assert headers.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in headers.get("vary", ""), path
        local = site / path.lstrip("/")
        expected = (local / "index.html" if local.is_dir() else local).read_bytes()
        plain = gzip.decompress(body)
        assert plain == expected, path
        assert len(body) < len(plain), path
    # below gzip_min_length (256 bytes) compressing costs more than it saves
    status, headers, body = fetch(origin, "/pagefind/pagefind-entry.json")
    assert status == 200 and len(body) < 256 and "content-encoding" not in headers


def test_pagefinds_own_compressed_files_are_not_compressed_again(site, origin):
    path = first(site, "pagefind/fragment/*.pf_fragment")
    status, headers, body = fetch(origin, path)
    assert status == 200 and "content-encoding" not in headers
    assert body == (site / path.lstrip("/")).read_bytes() and body[:2] == b"\x1f\x8b"  # gzip, read by Pagefind itself


def test_a_pre_compressed_file_is_used(site, origin):
    """gzip_static: file.gz beside a file is sent as it is (a deploy step may write them)."""
    (site / "assets" / "showcase" / "precompressed.css").write_text("body{color:#222}\n" * 40, encoding="utf-8")
    marker = gzip.compress(b"/* from the .gz */ body{color:#222}\n" * 40)
    (site / "assets" / "showcase" / "precompressed.css.gz").write_bytes(marker)
    status, headers, body = fetch(origin, "/assets/showcase/precompressed.css")
    assert status == 200 and headers.get("content-encoding") == "gzip" and body == marker


def test_fingerprinted_files_are_kept_for_a_year_and_pages_revalidated(site, origin):
    immutable = [
        first(site, "assets/javascripts/bundle.*.min.js"),
        first(site, "assets/stylesheets/main.*.min.css"),
        first(site, "assets/showcase/showcase.*.css"),  # ours, named by content (plugin/assets.py)
        first(site, "assets/showcase/head.*.js"),
        first(site, f"cases/{CASE}/photo1-*.webp"),
        first(site, f"cases/{CASE}/share-*.jpg"),
        first(site, "pagefind/fragment/*.pf_fragment"),
        first(site, "pagefind/index/*.pf_index"),
        first(site, "pagefind/pagefind.*.pf_meta"),
        first(site, "pagefind/shard-1/fragment/*.pf_fragment"),
        first(site, "pagefind/shard-1/index/*.pf_index"),
        first(site, "pagefind/shard-1/pagefind.*.pf_meta"),
    ]
    for path in immutable:
        status, headers, _ = fetch(origin, path)
        assert status == 200 and headers["cache-control"] == IMMUTABLE, path
    revalidated = ["/", f"/cases/{CASE}/", "/search/", "/feed.xml", "/pagefind/pagefind.js"]
    revalidated += ["/pagefind/pagefind-entry.json", "/pagefind/shard-1/pagefind-entry.json", f"/cases/{CASE}/cover.jpg"]
    for path in revalidated:
        status, headers, _ = fetch(origin, path)
        assert status == 200 and headers["cache-control"] == "no-cache", path
        assert headers.get("etag") and headers.get("last-modified"), path
    # revalidation answers 304 without the body
    _, headers, _ = fetch(origin, "/")
    host, port = origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", "/", headers={"If-None-Match": headers["etag"], "Accept-Encoding": "gzip"})
    assert connection.getresponse().status == 304
    connection.close()


def test_our_scripts_and_styles_are_named_by_their_content(site):
    """Kept a year, they must change name when they change: every file of ours is named by
    the hash of its bytes, and the pages name no other file there."""
    import hashlib

    files = sorted((site / "assets" / "showcase").glob("*.*"))
    named = {f.name for f in files if re.fullmatch(r"[a-z-]+\.[0-9a-f]{10}\.(?:css|js)", f.name)}
    assert len(named) >= 10
    for name in named:
        digest = hashlib.sha256((site / "assets" / "showcase" / name).read_bytes()).hexdigest()
        assert name.split(".")[1] == digest[:10], name
    pages = [site / "index.html", site / f"cases/{CASE}/index.html", site / "search/index.html", site / "404.html"]
    for page in pages:
        used = set(re.findall(r"assets/showcase/([^\"'?#\s]+)", page.read_text(encoding="utf-8")))
        assert used and used <= named, (page, used - named)


def test_security_headers_and_frame_rules(origin):
    status, page, _ = fetch(origin, f"/cases/{CASE}/")
    assert status == 200
    assert page["x-content-type-options"] == "nosniff"
    assert page["referrer-policy"] == "strict-origin-when-cross-origin"
    assert page["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in page["content-security-policy"]
    assert "'unsafe-inline'" not in page["content-security-policy"].split("script-src")[1].split(";")[0]
    status, embed, _ = fetch(origin, f"/cases/{CASE}/embed/")
    assert status == 200
    assert "x-frame-options" not in embed
    assert "frame-ancestors *" in embed["content-security-policy"]
    assert embed["x-content-type-options"] == "nosniff"


def test_the_404_page(site, origin):
    status, headers, body = fetch(origin, "/cases/no-such-case/")
    assert status == 404
    assert gzip.decompress(body) == (site / "404.html").read_bytes()
    assert "content-security-policy" in headers and headers["x-content-type-options"] == "nosniff"
    assert fetch(origin, "/.git/config")[0] == 404
    status, _, body = fetch(origin, "/assets/")  # a folder with no page: not 403 (a trial), the 404 page
    assert status == 404 and gzip.decompress(body) == (site / "404.html").read_bytes()


def test_a_listing_s_page_the_list_no_longer_has_leads_to_its_first_page(site, origin):
    """A trial of published addresses: /years/2024/page/3/ (in the sitemap, cited) became a
    404 when a case moved to another year, with no word from the build; page numbers shift,
    but the address should still lead to the list. A page the list has is served as it is."""
    listing = next(page.parent.parent.parent.relative_to(site).as_posix() for page in sorted(site.glob("**/page/2/index.html")))
    status, _, body = fetch(origin, f"/{listing}/page/2/")
    assert status == 200 and gzip.decompress(body) == (site / listing / "page" / "2" / "index.html").read_bytes()
    for asked in (f"/{listing}/page/9/", f"/{listing}/page/9", "/themes/no-such-theme/page/2/"):
        status, headers, _ = fetch(origin, asked)
        assert status == 302 and headers["location"] == asked.split("page/")[0], (asked, status, headers)
        assert "content-security-policy" in headers
    assert fetch(origin, "/cases/page/x/")[0] == 404  # no page number: the 404 page
    status, headers, _ = fetch(origin, f"/{listing}/page/9/index.html")  # as the 404 page's script reads it too
    assert status == 302 and headers["location"] == f"/{listing}/", headers
    # the address as written, its escapes kept (the decoded one put "/湖 b/" in the header: a review)
    status, headers, _ = fetch(origin, "/%E6%B9%96%20b/page/3/")
    assert status == 302 and headers["location"] == "/%E6%B9%96%20b/", headers
    assert fetch(origin, "/.env.d/page/1")[0] == 404  # dot-files first: nginx takes the first regex that matches


def test_a_listing_s_booklet_or_feed_the_site_no_longer_publishes_leads_to_the_listing(site, origin):
    """A trial of published addresses: a 案例汇编 PDF cited in a department's document became
    a 404 once the site stopped publishing it (booklets switched off, a year's last case
    moved, a collection taken down), while the listing's page itself was kept or led on.
    Such a file leads to its listing's page (302); a file the site publishes is served."""
    for published, kind in (("/collections/jingpin/booklet.pdf", "application/pdf"), ("/themes/bianmin-fuwu/feed.xml", "xml")):
        status, headers, body = fetch(origin, published, gzip_ok=False)
        assert status == 200 and kind in headers["content-type"], (published, status, headers)
        assert body == (site / published.lstrip("/")).read_bytes()
    assert not (site / "themes" / "bianmin-fuwu" / "booklet.pdf").exists()  # theme booklets are off here
    for asked in (
        "/themes/bianmin-fuwu/booklet.pdf",
        "/years/2019/booklet.docx",
        "/collections/taken-down/feed.xml",
        "/collections/taken-down/atom.xml",
        "/collections/taken-down/feed.json",
        "/%E6%B9%96%20b/booklet.pdf",
    ):
        status, headers, _ = fetch(origin, asked)
        assert status == 302 and headers["location"] == asked.rsplit("/", 1)[0] + "/", (asked, status, headers)
        assert "content-security-policy" in headers
    assert fetch(origin, "/.git/booklet.pdf")[0] == 404  # dot-files first
    # never to another host: //evil.example/ is one to a browser (an open redirect, a review)
    for asked in ("//evil.example/booklet.pdf", "//evil.example/page/3/", "//evil.example/x/feed.xml"):
        status, headers, _ = fetch(origin, asked)
        assert status in (302, 404) and not headers.get("location", "/").startswith("//"), (asked, status, headers)
    host, port = origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", "/\\evil.example/feed.xml")  # as written, not %-escaped: /\ reads as // to a browser
    response = connection.getresponse()
    response.read()
    assert "evil" not in (response.getheader("location") or ""), (response.status, response.getheaders())
    connection.close()
    assert fetch(origin, "/collections/taken-down/booklet.pdf.bak")[0] == 404  # another name: the 404 page


def test_where_the_host_serves_the_404_page_its_script_leads_to_the_first_page(browser, site, origin):
    """Hosts without this configuration (GitHub Pages, object storage) answer a page the list
    no longer has with the site's 404 page: its script (assets/notfound.js) goes on to the
    listing's first page, as nginx's 302 does. Any other missing address stays on the 404 page."""
    listing = next(page.parent.parent.parent.relative_to(site).as_posix() for page in sorted(site.glob("**/page/2/index.html")))
    missing = (site / "404.html").read_bytes()
    tab = Tab(browser)
    try:
        # as such a host answers: the 404 page, with status 404, for any missing address
        tab.page.route("**/page/9/", lambda route: route.fulfill(status=404, body=missing, content_type="text/html; charset=utf-8"))
        tab.page.goto(f"{origin}/{listing}/page/9/")
        tab.page.wait_for_url(f"{origin}/{listing}/", timeout=10_000)
        assert tab.page.title() == (site / listing / "index.html").read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0]
        # a listing's booklet the site does not publish (theme booklets are off here): its page
        tab.page.route("**/booklet.pdf", lambda route: route.fulfill(status=404, body=missing, content_type="text/html; charset=utf-8"))
        tab.page.goto(f"{origin}/themes/bianmin-fuwu/booklet.pdf")
        tab.page.wait_for_url(f"{origin}/themes/bianmin-fuwu/", timeout=10_000)
        # never on to another host: //evil.example/ is one (an open redirect, a review)
        tab.page.goto(f"{origin}//evil.example/booklet.pdf")
        tab.page.wait_for_timeout(300)
        assert tab.page.url.startswith(origin), tab.page.url
        tab.page.goto(f"{origin}/cases/no-such-case/")
        tab.page.wait_for_timeout(300)
        assert tab.page.url == f"{origin}/cases/no-such-case/" and "没有找到这个页面" in tab.page.content()
        # a case's address typed in capitals (a reader's trial: the plain 404 page): on to its page
        tab.page.goto(f"{origin}/cases/{CASE.upper()}/#cite")
        tab.page.wait_for_url(f"{origin}/cases/{CASE}/#cite", timeout=10_000)
        assert tab.page.locator("#cite").count() == 1
        tab.page.goto(f"{origin}/cases/NO-SUCH-CASE/")  # no such case in any case: the 404 page, once
        tab.page.wait_for_url(f"{origin}/cases/no-such-case/", timeout=10_000)
        tab.page.wait_for_timeout(300)
        assert tab.page.url == f"{origin}/cases/no-such-case/" and "没有找到这个页面" in tab.page.content()
        others = [error for error in tab.errors if "status of 404" not in error]  # the two pages' own status
        assert not tab.violations() and not others, (tab.violations(), tab.errors)
    finally:
        tab.close()


def test_a_folder_without_its_slash_is_redirected_on_the_same_host(origin):
    status, headers, _ = fetch(origin, f"/cases/{CASE}")
    assert status == 301 and headers["location"] == f"/cases/{CASE}/"


# -- Chromium: no CSP violation on any kind of page ----------------------------------------

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


class Tab:
    """A page that records CSP violations (events and reports), console errors and failures."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context()
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.failed: list[str] = []  # where each console error came from: its text does not say
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _console(self, msg) -> None:
        if msg.type == "error":
            self.errors.append(msg.text)
            self.failed.append(msg.location.get("url", ""))

    def violations(self) -> list[str]:
        found = []
        for frame in self.page.frames:
            try:
                found += frame.evaluate("window.__violations || []")
            except Exception:  # a frame that was blocked has no document of ours
                continue
        return found

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/themes/",
        "/themes/bianmin-fuwu/",
        f"/cases/{CASE}/",
        f"/cases/{WITHDRAWN}/",
        "/cases/gz-nginx-old-001/",
        "/categories/",
        "/regions/",
        "/stats/",
        "/about/",
        "/guide/",
        "/collections/",
        "/collections/jingpin/",
        "/years/2021/",
        "/brands/",
        "/404-page",
    ],
    ids=[
        "home",
        "themes",
        "theme",
        "case",
        "tombstone",
        "alias",
        "categories",
        "regions",
        "stats",
        "about",
        "guide",
        "collections",
        "collection",
        "year",
        "brands",
        "404",
    ],
)
def test_no_csp_violation_on_the_page(browser, origin, path):
    tab = Tab(browser)
    try:
        response = tab.page.goto(origin + path, wait_until="networkidle")
        assert response is not None and response.status == (404 if path == "/404-page" else 200)
        if "old" in path:  # an alias: a page that sends the reader on to the case (meta refresh)
            tab.page.wait_for_url(f"{origin}/cases/{CASE}/")
            tab.page.wait_for_load_state("networkidle")
        assert "Content-Security-Policy" in " ".join(response.headers) or "content-security-policy" in response.headers
        assert tab.page.evaluate("typeof window.__md_get") == "function"  # Material's helpers, from head.js
        assert tab.page.evaluate("document.documentElement.classList.contains('sc-js')")  # the reading settings ran
        assert tab.violations() == []
        expected = ["Failed to load resource: the server responded with a status of 404 (Not Found)"] if path == "/404-page" else []
        assert tab.errors == expected, tab.failed
    finally:
        tab.close()


def test_the_reading_settings_and_the_share_box_work_under_the_policy(browser, origin):
    tab = Tab(browser)
    try:
        tab.page.goto(f"{origin}/cases/{CASE}/", wait_until="networkidle")
        copy = tab.page.locator("[data-sc-copy='link']")
        assert copy.is_visible()  # share.js ran and showed the buttons
        assert tab.page.locator(".sc-cite a[href]").first.inner_text().startswith(origin)  # links completed (no site_url)
        tab.page.locator("[data-sc-set-font='large']").first.click()
        tab.page.goto(f"{origin}/", wait_until="networkidle")
        assert tab.page.evaluate("document.documentElement.getAttribute('data-sc-font')") == "large"  # head.js applied it
        assert tab.violations() == [] and tab.errors == []
    finally:
        tab.close()


def test_no_csp_violation_when_searching(browser, origin):
    tab = Tab(browser)
    try:
        tab.page.goto(f"{origin}/search/", wait_until="networkidle")
        box = tab.page.locator("#sc-search-q")
        box.type("空巢老人", delay=20)
        box.press("Enter")
        tab.page.wait_for_selector("#sc-search-status[data-count]", timeout=20_000)
        tab.page.wait_for_load_state("networkidle")
        assert int(tab.page.get_attribute("#sc-search-status", "data-count")) >= 1
        assert tab.page.locator(".sc-result__title").filter(has_text="银龄互助").count() == 1
        assert tab.violations() == [] and tab.errors == []
    finally:
        tab.close()


@pytest.fixture(scope="module")
def other_site(origin: str, tmp_path_factory) -> Iterator[str]:
    """Another origin (another port on this machine) with a page that frames two of ours.

    A real server, not a page faked by the browser: Chromium's local-network checks refuse
    frames of 127.0.0.1 inside a page whose address it does not know.
    """
    folder = tmp_path_factory.mktemp("other-site")
    (folder / "frames.html").write_text(
        f'<!doctype html><meta charset="utf-8"><title>别的网站</title><link rel="icon" href="data:,">'
        f'<iframe id="embed" src="{origin}/cases/{CASE}/embed/" width="640" height="300"></iframe>'
        f'<iframe id="page" src="{origin}/cases/{CASE}/" width="640" height="300"></iframe>',
        encoding="utf-8",
    )
    with served(folder) as url:
        yield url.rstrip("/")


def test_embed_cards_show_in_another_sites_iframe_and_other_pages_do_not(browser, origin, other_site):
    tab = Tab(browser)
    try:
        tab.page.goto(f"{other_site}/frames.html", wait_until="networkidle")
        embed = tab.page.frame_locator("#embed")
        assert embed.locator("article.card h1").inner_text() == "银龄互助守望空巢老人"
        embed_frame = next(f for f in tab.page.frames if f.url == f"{origin}/cases/{CASE}/embed/")
        assert embed_frame.evaluate("window.__violations") == []
        urls = [f.url for f in tab.page.frames]
        assert f"{origin}/cases/{CASE}/" not in urls and "chrome-error://chromewebdata/" in urls  # refused
        assert [e for e in tab.errors if "frame-ancestors" not in e and "X-Frame-Options" not in e] == []
        assert any("frame-ancestors 'self'" in e for e in tab.errors), tab.errors
    finally:
        tab.close()


# -- under a path of another host (example-subpath.conf) ---------------------------------------

SUBPATH = DEPLOY / "example-subpath.conf"
HOST_CSP = "default-src 'none'"  # the host's own policy, which must not reach the showcase's pages
HOST_STATIC = "    location ~ .*\\.(gif|jpg|jpeg|png|bmp|swf)$ { expires 30d; }\n    location ~ .*\\.(js|css)?$ { expires 12h; }\n"


# CONFIG's http { } with other servers in it
SERVERS = CONFIG.split("    server {{")[0] + "{servers}\n}}\n"


def _subpath_config(run: Path, site: Path, outer: int, inner: int) -> str:
    """The shipped example as written: its showcase server { } with this test's paths, and the
    lines it gives for the host's server { }, uncommented, in a host with a header of its own."""
    text = SUBPATH.read_text(encoding="utf-8")
    showcase = text[text.index("\nserver {") + 1 : text.index("\n}\n") + 3]  # the one not in a comment
    showcase = showcase.replace("127.0.0.1:8081", f"127.0.0.1:{inner}").replace("/srv/showcase/site", str(site))
    showcase = showcase.replace("/etc/nginx/snippets/showcase-server.conf", str(DEPLOY / "showcase-server.conf"))
    start = text.index("#    location = /anli")
    given = text[start : text.index("#    }\n", start) + 6].splitlines()
    locations = "\n".join(line.removeprefix("#    ") for line in given).replace("127.0.0.1:8081", f"127.0.0.1:{inner}")
    host = (
        f"server {{\n    listen 127.0.0.1:{outer};\n    server_name localhost;\n"
        f'    add_header Content-Security-Policy "{HOST_CSP}" always;\n'
        f'    location / {{ return 200 "the host\'s own page\\n"; }}\n'
        # the static-file locations BT panel (宝塔) writes into every site it makes: regular
        # expressions, which nginx tries before a plain prefix location such as /anli/
        f"{HOST_STATIC}"
        f"{locations}\n}}\n"
    )
    return SERVERS.format(run=run, mime=MIME_TYPES, deploy=DEPLOY, servers=showcase + "\n" + host)


@pytest.fixture(scope="module")
def subpath(site: Path, tmp_path_factory) -> Iterator[str]:
    """The host's origin; the showcase is at /anli/ on it."""
    run = tmp_path_factory.mktemp("nginx-subpath")
    outer, inner = free_port(), free_port()
    yield from _nginx(run, _subpath_config(run, site, outer, inner), outer)


def _headers(origin: str, path: str) -> tuple[int, list[tuple[str, str]], bytes]:
    host, port = origin.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    connection.request("GET", quote(path, safe="/?=&%"), headers={"Accept-Encoding": "gzip"})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, [(k.lower(), v) for k, v in response.getheaders()], body


def test_under_a_path_of_another_host_the_pages_redirects_and_404_are_the_sites(site, subpath):
    """A trial: the snippet could not be included under a location of a host's existing
    server (duplicate location "/"), and its 404 page was nginx's own under /anli/."""
    status, headers, body = _headers(subpath, "/anli/")
    policies = [v for k, v in headers if k == "content-security-policy"]
    assert status == 200 and gzip.decompress(body) == (site / "index.html").read_bytes()
    assert len(policies) == 1 and "'wasm-unsafe-eval'" in policies[0]  # the showcase's, not the host's too
    assert ("x-showcase", "") not in headers and not [k for k, _ in headers if k == "x-showcase"]
    for asked, went in ((f"/anli/cases/{CASE}", f"/anli/cases/{CASE}/"), ("/anli", "/anli/")):
        status, headers, _ = _headers(subpath, asked)
        assert status == 301 and dict(headers)["location"] in (went, subpath + went), (asked, headers)  # on the host
    status, headers, body = _headers(subpath, "/anli/cases/no-such-case/")
    assert status == 404 and gzip.decompress(body) == (site / "404.html").read_bytes()
    listing = next(page.parent.parent.parent.relative_to(site).as_posix() for page in sorted(site.glob("**/page/2/index.html")))
    status, headers, _ = _headers(subpath, f"/anli/{listing}/page/9/")  # a page the list no longer has: its first, under /anli/
    assert status == 302 and dict(headers)["location"] in (f"/anli/{listing}/", f"{subpath}/anli/{listing}/"), headers
    # A county's trial: the host's own locations for .css, .js and pictures (宝塔's) took the
    # showcase's files, every one a 404 from the host's root, the pages unstyled and no search.
    for path in (
        first(site, "assets/stylesheets/main.*.min.css"),
        first(site, "assets/showcase/head.*.js"),
        first(site, "cases/*/photo1-*.jpg"),
    ):
        status, headers, body = _headers(subpath, "/anli" + path)
        assert status == 200 and dict(headers)["cache-control"] == IMMUTABLE, (path, status, headers)
    status, headers, body = _headers(subpath, "/")
    assert status == 200 and body == b"the host's own page\n" and dict(headers)["content-security-policy"] == HOST_CSP


def test_under_a_path_of_another_host_search_works_without_a_violation(browser, subpath):
    tab = Tab(browser)
    try:
        tab.page.goto(f"{subpath}/anli/search/?q=" + quote("空巢老人"))
        tab.page.wait_for_selector("#sc-search-status[data-count]", timeout=20_000)
        assert tab.page.locator(".sc-result__title").filter(has_text="银龄互助").count() == 1
        href = tab.page.locator(".sc-result__title a").first.get_attribute("href")
        assert href is not None and href.startswith("/anli/cases/"), href
        tab.page.wait_for_load_state("networkidle")
        assert tab.violations() == [] and tab.errors == []
    finally:
        tab.close()


# -- redirects answered with 301 (showcase-redirects.conf) --------------------------------------

REDIRECTS = DEPLOY / "showcase-redirects.conf"


@pytest.fixture(scope="module")
def moved(site: Path, tmp_path_factory) -> Iterator[str]:
    """The site served as above, with showcase-redirects.conf in http { } (its path to the
    map written for this site) and the documented line in server { }."""
    run = tmp_path_factory.mktemp("nginx-moved")
    shipped = REDIRECTS.read_text(encoding="utf-8")
    assert "include /srv/showcase/site/_redirects.nginx;" in shipped
    (run / "showcase-redirects.conf").write_text(shipped.replace("/srv/showcase/site/", f"{site}/"), encoding="utf-8")
    line = re.search(r"^#\s+(if \(\$showcase_moved\) \{ return 301 \$showcase_moved; \})$", shipped, re.MULTILINE)
    assert line is not None  # the line the file tells to add, added as it says it
    port = free_port()
    text = CONFIG.format(run=run, mime=MIME_TYPES, deploy=DEPLOY, port=port, site=site)
    text = text.replace(
        f"include {DEPLOY}/showcase-http.conf;", f"include {DEPLOY}/showcase-http.conf;\n    include {run}/showcase-redirects.conf;"
    )
    text = text.replace(f"include {DEPLOY}/showcase-server.conf;", f"include {DEPLOY}/showcase-server.conf;\n        {line.group(1)}")
    yield from _nginx(run, text, port)


def test_the_build_writes_the_redirects_as_an_nginx_map(site):
    text = (site / "_redirects.nginx").read_text(encoding="utf-8")
    entries = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert entries == [
        '"/cases/" "/";',  # the folder above the permalinks: home (a reader's review)
        '"/cases" "/";',
        f'"/cases/gz-nginx-old-001/" "/cases/{CASE}/";',
        f'"/cases/gz-nginx-old-001" "/cases/{CASE}/";',
        f'"/cases/gz-nginx-old-001/embed/" "/cases/{CASE}/embed/";',
        f'"/cases/gz-nginx-old-001/embed" "/cases/{CASE}/embed/";',
    ]
    assert (site / "cases/gz-nginx-old-001/index.html").is_file()  # the meta-refresh page stays for other hosts


def test_a_moved_page_is_a_301_to_its_new_address(moved):
    for asked, went in (
        ("/cases/gz-nginx-old-001/", f"/cases/{CASE}/"),
        ("/cases/gz-nginx-old-001", f"/cases/{CASE}/"),
        ("/cases/gz-nginx-old-001/embed/", f"/cases/{CASE}/embed/"),
        ("/cases/gz-nginx-%6Fld-001/", f"/cases/{CASE}/"),  # nginx matches the decoded path
        ("/cases/", "/"),  # a permalink trimmed leads home, not to a 404
    ):
        status, headers, _ = fetch(moved, asked)
        assert (status, headers.get("location")) == (301, went), (asked, status, headers)
    status, headers, _ = fetch(moved, f"/cases/{CASE}/")
    assert status == 200 and "content-security-policy" in headers
    status, _, _ = fetch(moved, "/cases/no-such-case/")
    assert status == 404


@pytest.fixture(scope="module")
def subpath_moved(site: Path, tmp_path_factory) -> Iterator[str]:
    """The site under /anli/ of a host as example-subpath.conf serves it, with the map in
    http { } and its line in the showcase's own server { }."""
    run = tmp_path_factory.mktemp("nginx-subpath-moved")
    shipped = REDIRECTS.read_text(encoding="utf-8")
    (run / "showcase-redirects.conf").write_text(shipped.replace("/srv/showcase/site/", f"{site}/"), encoding="utf-8")
    line = re.search(r"^#\s+(if \(\$showcase_moved\) \{ return 301 \$showcase_moved; \})$", shipped, re.MULTILINE)
    assert line is not None
    outer, inner = free_port(), free_port()
    text = _subpath_config(run, site, outer, inner)
    http, server = f"include {DEPLOY}/showcase-http.conf;", f"include {DEPLOY}/showcase-server.conf;"
    assert text.count(http) == 1 and text.count(server) == 1
    text = text.replace(http, f"{http}\n    include {run}/showcase-redirects.conf;").replace(server, f"{server}\n    {line.group(1)}")
    yield from _nginx(run, text, outer)


def test_under_a_path_of_another_host_a_moved_page_is_a_301_too(subpath_moved):
    """A deployer's trial found the README wrong: it said no entry of the map matches under a
    path of a host; through example-subpath.conf's server of its own the path is taken off
    before the map is read, and proxy_redirect puts it back on the new address."""
    for asked, went in (
        ("/anli/cases/gz-nginx-old-001/", f"/anli/cases/{CASE}/"),
        ("/anli/cases/gz-nginx-old-001/embed/", f"/anli/cases/{CASE}/embed/"),
    ):
        status, headers, _ = _headers(subpath_moved, asked)
        assert status == 301 and dict(headers)["location"] in (went, subpath_moved + went), (asked, status, headers)


def test_without_the_map_the_redirect_page_still_leads_on(origin):
    status, _, body = fetch(origin, "/cases/gz-nginx-old-001/", gzip_ok=False)
    assert status == 200 and f'http-equiv="refresh" content="0; url=../{CASE}/"'.encode() in body, body[:2000]
