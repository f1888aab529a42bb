"""A department's own site, set up as the README's "Your own site · 建立自己的网站" says:
what its readers see of the settings it changes (a county IT person's trial, deployH)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from showcase.core.site.footer import Footer

from tests.reader.htmltree import parse

from .conftest import build_site, make_project, write_case

SITE_NAME = "嵊州市新时代文明实践案例展示"
TEXTS = yaml.safe_load((Path(__file__).parents[2] / "plugins/showcase/data/texts.yml").read_text(encoding="utf-8"))


def _own_site(project: Path, contact: str) -> Path:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^site_name:.*$", f"site_name: {SITE_NAME}", text)
    assert count == 1
    text, count = re.subn(r'(?m)^(\s+organizer: )""', r'\g<1>"中共嵊州市委宣传部"', text)
    assert count == 1
    text, count = re.subn(r'(?m)^(\s+contact: )""', rf'\g<1>"{contact}"', text)
    assert count == 1
    path.write_text(text, encoding="utf-8")
    write_case(project / "cases", "case-001", 1)
    return build_site(project)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The contact written as mkdocs.yml's own example writes it: with its label."""
    return _own_site(make_project(tmp_path_factory.mktemp("own-site")), "联系电话：0575-83000000　电子邮箱：wmsj@example.gov.cn")


def _contact(site: Path, page: str) -> str:
    found = parse((site / page).read_text(encoding="utf-8")).find(cls="sc-footer__contact")
    assert found is not None, page
    return " ".join(found.text().split())


@pytest.mark.parametrize("page", ["index.html", "cases/case-001/index.html", "404.html"])
def test_a_contact_written_with_its_own_label_is_not_labelled_twice(site, page):
    """mkdocs.yml's example (`联系电话：020-12345678　电子邮箱：…`) was shown as
    “联系方式：联系电话：0575-83000000…” on every page."""
    assert _contact(site, page) == "联系电话：0575-83000000 电子邮箱：wmsj@example.gov.cn"


def test_a_contact_without_a_label_gets_the_sites_label(tmp_path):
    site = _own_site(make_project(tmp_path), "0575-83000000")
    assert _contact(site, "index.html") == f"{TEXTS['footer']['contact']}：0575-83000000"


def test_the_404_pages_title_says_the_page_was_not_found(site):
    """A phone's browser and WeChat show the title above the page: the 404 page's was the
    site's name alone, as if the address had opened the home page."""
    title = parse((site / "404.html").read_text(encoding="utf-8")).find("title")
    assert title is not None and title.text() == f"{TEXTS['notfound']['title']} - {SITE_NAME}"


@pytest.mark.parametrize(
    ("contact", "labelled"),
    [
        ("联系电话：0575-83000000", True),
        ("电子邮箱:wmsj@example.gov.cn", True),
        ("0575-83000000", False),
        ("电话 0575-83000000，电子邮箱 wmsj@example.gov.cn", False),  # no colon: the site's label stays
        ("https://wmsj.example.gov.cn/lianxi/", False),  # a web address is no label
        ("", False),
    ],
)
def test_which_contacts_carry_their_own_label(contact, labelled):
    assert Footer.from_options({"contact": contact}).contact_labelled is labelled
