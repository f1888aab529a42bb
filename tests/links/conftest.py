"""Real builds of the sample collection for the links tests, each made once per session.

- ``sample``: the sample collection with ``site_url`` set (absolute links everywhere);
- ``plain``: the sample collection as ``make site`` builds it (no ``site_url``);
- ``changed``: a copy where one published case was renamed (old id kept as an alias),
  another withdrawn, and the ledger holds a listing URL that no longer exists.

Every copy gets its ledger from ``showcase urls --update`` run on the unchanged sample,
as an editor's repository would have it before the change.
"""

from __future__ import annotations

import http.server
import re
import shutil
import threading
from dataclasses import dataclass, field
from functools import cache, partial
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from showcase.cli import main as showcase
from showcase.core.case.model import Case
from showcase.core.collection.loading import load_collection

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://example.org/showcase/"
VANISHED_LISTING = "/regions/no-such-province/no-such-city/"


def copy_project(dest: Path, cases: Path = ROOT / "cases") -> Path:
    """mkdocs.yml, site_overrides, the review word list and a cases/ folder, in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "site_overrides", dest / "site_overrides")
    (dest / "plugins/showcase/data").mkdir(parents=True)
    shutil.copy(ROOT / "plugins/showcase/data/review-words.example.txt", dest / "plugins/showcase/data/")
    shutil.copytree(cases, dest / "cases")
    return dest


def write_ledger(project: Path) -> Path:
    assert showcase(["-f", str(project / "mkdocs.yml"), "urls", str(project / "cases"), "--update"]) == 0
    return project / "urls.lock"


def build_site(project: Path, site_url: str | None = None, site_dir: str = "site") -> Path:
    options = {"site_url": site_url} if site_url else {}
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(project / site_dir), **options)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return project / site_dir


@cache
def sample_cases() -> tuple[Case, ...]:
    """The sample collection as the core loads it (once: tests only read it)."""
    return tuple(load_collection(ROOT / "cases").cases)


def pick_published(count: int) -> list[Case]:
    """``count`` distinct published sample cases without aliases, in a stable order."""
    chosen = sorted((c for c in sample_cases() if c.is_published and not c.aliases), key=lambda c: c.id)
    assert len(chosen) >= count, "the sample collection needs more published cases"
    return chosen[:count]


def edit_front_matter(case_file: Path, old: str, new: str) -> None:
    text = case_file.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{re.escape(old)}\s*$", re.M)
    assert len(pattern.findall(text)) == 1, f"{case_file}: expected one line {old!r}"
    case_file.write_text(pattern.sub(new, text, count=1), encoding="utf-8")


def in_copy(project: Path, case: Case) -> Path:
    return project / "cases" / case.path.relative_to(ROOT / "cases")


@dataclass
class Changed:
    site: Path
    project: Path
    renamed_from: str
    renamed_to: str
    withdrawn: str
    reason: str
    events: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("sample"))
    write_ledger(project)
    return build_site(project, SITE_URL)


@pytest.fixture(scope="session")
def plain(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("plain"))
    write_ledger(project)
    return build_site(project)


@pytest.fixture(scope="session")
def changed(tmp_path_factory) -> Changed:
    project = copy_project(tmp_path_factory.mktemp("changed"))
    ledger = write_ledger(project)
    ledger.write_text(ledger.read_text(encoding="utf-8") + VANISHED_LISTING + "\n", encoding="utf-8")
    renamed, withdrawn = pick_published(2)
    new_id = f"{renamed.id}-v2"
    edit_front_matter(in_copy(project, renamed), f"id: {renamed.id}", f"id: {new_id}\naliases: [{renamed.id}]")
    reason = "经核实，案例中的部分数据有误，发布单位申请撤回。"
    edit_front_matter(in_copy(project, withdrawn), "status: published", f"status: withdrawn\nwithdrawn_reason: {reason}")
    site = build_site(project, SITE_URL)
    return Changed(site, project, renamed.id, new_id, withdrawn.id, reason)


@pytest.fixture(scope="session")
def serve():
    """Serve a built site over loopback: ``serve(site) -> base URL``; all stopped at the end."""
    servers = []

    def start(site: Path) -> str:
        handler = partial(QuietHandler, directory=str(site))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}/"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep pytest output readable
        pass
