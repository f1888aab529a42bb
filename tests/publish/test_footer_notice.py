"""A production build (site_url set) says, in one INFO line, when the footer lacks what a
site in mainland China must show: the organizer (主办单位) and the ICP filing number."""

from __future__ import annotations

import logging
import re

import pytest

from .conftest import build_site, make_project, write_case

NOTICE = "页脚还没有填写"


def _configure(project, *, site_url: str, footer: dict[str, str]) -> None:
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^site_url:.*$", f'site_url: "{site_url}"', text)
    assert count == 1
    text, count = re.subn(r"(?m)^strict:.*$", "strict: true", text)  # a strict build must not stop for it
    assert count == 1
    for key, value in footer.items():
        text, count = re.subn(rf'(?m)^(\s+{key}: )""', rf'\g<1>"{value}"', text)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


def _build(tmp_path, caplog, *, site_url: str, footer: dict[str, str]) -> list[logging.LogRecord]:
    project = make_project(tmp_path)
    write_case(project / "cases", "case-001", 1)
    _configure(project, site_url=site_url, footer=footer)
    caplog.set_level(logging.INFO)
    site = build_site(project)
    assert (site / "index.html").is_file()
    return [r for r in caplog.records if NOTICE in r.getMessage()]


def test_production_build_without_organizer_or_icp_says_so_once(tmp_path, caplog):
    found = _build(tmp_path, caplog, site_url="https://anli.example.org/", footer={"contact": "电话 020-12345678"})
    assert len(found) == 1, [r.getMessage() for r in found]
    record = found[0]
    assert record.levelno == logging.INFO
    message = record.getMessage()
    assert "主办单位（footer.organizer）" in message and "ICP备案号（footer.icp）" in message
    assert "中国大陆" in message


def test_only_the_missing_field_is_named(tmp_path, caplog):
    found = _build(tmp_path, caplog, site_url="https://anli.example.org/", footer={"organizer": "示例市民政局"})
    assert len(found) == 1
    assert "ICP备案号（footer.icp）" in found[0].getMessage() and "footer.organizer" not in found[0].getMessage()


@pytest.mark.parametrize(
    ("site_url", "footer"),
    [
        ("https://anli.example.org/", {"organizer": "示例市民政局", "icp": "粤ICP备12345678号-1"}),
        ("", {}),  # no site_url: a trial build, nothing to say
    ],
)
def test_nothing_is_said_when_complete_or_not_for_production(tmp_path, caplog, site_url, footer):
    assert _build(tmp_path, caplog, site_url=site_url, footer=footer) == []


@pytest.mark.parametrize(
    ("site_url", "said"),
    [
        ("http://anli.example.org/", True),
        ("https://anli.example.org/", False),
        ("http://localhost:8000/", False),  # a machine's own preview address: nothing to say
    ],
)
def test_an_address_with_http_is_said_once_and_does_not_stop_a_strict_build(tmp_path, caplog, site_url, said):
    """A deployer's trial: site_url: http://… was taken without a word, and went into every QR
    code, feed and citation, which a printed booklet cannot take back."""
    _build(tmp_path, caplog, site_url=site_url, footer={"organizer": "示例市民政局", "icp": "粤ICP备12345678号-1"})
    found = [r for r in caplog.records if "以 http:// 开头" in r.getMessage()]
    assert len(found) == int(said), [r.getMessage() for r in found]
    if said:
        assert found[0].levelno == logging.INFO and "请改成 https://" in found[0].getMessage()
