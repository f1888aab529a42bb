"""Embed cards (/cases/<id>/embed/), the 引用/嵌入 box on case pages, and alias redirects."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from .conftest import SITE_URL, sample_cases
from .crawl import parse


def published():
    return [c for c in sample_cases() if c.is_published]


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", published()[:40], ids=lambda c: c.id)
def test_embed_card_is_standalone_and_safe(sample, case):
    page = read(sample / "cases" / case.id / "embed/index.html")
    shown = re.sub(r'<span class="sc-n">([^<]*)</span>', r"\1", page)  # numbers are whole-number spans
    assert html.escape(case.title, quote=False) in shown and html.escape(case.summary, quote=False) in shown
    assert "<script" not in page and "<form" not in page and "<iframe" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert '<meta name="robots" content="noindex">' in page and '<base target="_blank">' in page
    anchors = re.findall(r"<a\b[^>]*>", page)
    assert anchors and all('target="_blank"' in a and 'rel="noopener"' in a for a in anchors)
    # Nothing from another host, nothing from the site but its own cover image.
    loaded = [url for tag, url in parse(sample / "cases" / case.id / "embed/index.html").refs if tag not in ("a", "link")]
    assert loaded == (["../cover.jpg"] if case.cover else [])  # the cleaned cover, not the original
    assert "stylesheet" not in page
    # opened in a tab of its own: the site's icon (the browser asked for /favicon.ico, a 404)
    icon = re.search(r'<link rel="icon" href="([^"]+)">', page)
    assert icon and (sample / "cases" / case.id / "embed" / icon.group(1)).resolve().is_file()


def test_case_page_has_the_cite_and_embed_box(sample):
    case = published()[0]
    page = read(sample / "cases" / case.id / "index.html")
    footer = page[page.index('<footer class="sc-cite"') : page.index("</footer>", page.index('<footer class="sc-cite"'))]
    assert f"{SITE_URL}cases/{case.id}/" in footer  # the permalink
    assert "sc-cite__line" in footer and case.review.reviewer in footer  # the citation line
    snippet = html.unescape(re.search(r"<textarea[^>]*data-sc-embed>(.*?)</textarea>", footer, re.S).group(1))
    assert snippet.startswith(f'<iframe src="{SITE_URL}cases/{case.id}/embed/"')
    assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in snippet and "allow-scripts" not in snippet
    assert 'data-sc-copy="embed"' in footer and 'href="embed/"' in footer


def test_withdrawn_case_embed_says_so(changed):
    page = read(changed.site / "cases" / changed.withdrawn / "embed/index.html")
    assert "本案例已撤回" in page and changed.reason in page
    assert "<img" not in page


def test_alias_and_its_embed_redirect_without_javascript(changed):
    for suffix, target in (("", f"../{changed.renamed_to}/"), ("embed/", f"../../{changed.renamed_to}/embed/")):
        page = read(changed.site / "cases" / changed.renamed_from / suffix / "index.html")
        assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
        assert f'<link rel="canonical" href="{SITE_URL}cases/{changed.renamed_to}/{suffix}">' in page
        assert '<meta name="robots" content="noindex">' in page
        # a script only to keep an old link's #section (tests/links/test_browser.py); never in an embed card's
        assert ("<script" in page) is (suffix == "")
        assert f'<a href="{target}">' in page  # a plain link too, for browsers that ignore refresh
