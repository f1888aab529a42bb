"""A case page printed on A4 in headless Chromium (print media, and real PDFs).

The boxes are measured with print media in a window as wide as the A4 page's printable
width; pagination is read from Chromium's own PDF: each page's link annotations tell
which links it holds (markers added to the page before printing say where its parts went).
"""

from __future__ import annotations

import re

import pytest

from .conftest import open_page

MM = 96 / 25.4  # CSS px per millimetre
A4_WIDTH = 210 * MM
MARGIN_SIDE = 14  # mm, links.css @page
SITE_NAME = "社区社会组织参与新时代文明实践案例展示"


@pytest.fixture
def printed(browser, sample_site):
    page = open_page(browser, sample_site, "cases/gz-yuexiu-2023-001/", width=round(A4_WIDTH - 2 * MARGIN_SIDE * MM), height=1100)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    yield page
    page.context.close()


def test_print_leaves_out_the_reading_settings(printed):
    assert printed.locator(".sc-reading").evaluate("(e) => getComputedStyle(e).display") == "none"
    assert not printed.locator(".sc-reading__button").first.is_visible()
    assert not printed.get_by_text("字号", exact=True).is_visible()


def test_print_text_uses_the_width_of_the_page(printed):
    widths = printed.evaluate(
        "() => [...document.querySelectorAll('.sc-case__body p, .sc-case__summary, .sc-case__body li')].map((e) => e.getBoundingClientRect().width)"
    )
    assert len(widths) > 5
    assert max(widths) >= 0.85 * A4_WIDTH, f"text {max(widths):.0f} px wide on a page of {A4_WIDTH:.0f} px"


def test_print_names_the_site_above_the_title(printed):
    name = printed.locator(".sc-print-site")
    assert name.is_visible() and SITE_NAME in name.inner_text()
    assert name.bounding_box()["y"] < printed.locator("h1").first.bounding_box()["y"]
    # Not on screen: the header names the site there.
    printed.emulate_media(media="screen")
    assert not name.is_visible()


def _pages_of_links(pdf: bytes) -> list[set[str]]:
    """The link targets on each page of a Chromium (Skia) PDF, in page order."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(?s)(?<![\d])(\d+) 0 obj\s*(.*?)endobj", pdf)}
    uri = {n: m.group(1).decode("latin-1") for n, body in objects.items() if (m := re.search(rb"/URI \(([^)]*)\)", body))}

    def refs(text: bytes) -> list[int]:
        return [int(n) for n in re.findall(rb"(\d+) 0 R", text)]

    def leaves(number: int) -> list[int]:  # the page tree, depth first: pages in order
        body = objects[number]
        kids = re.search(rb"/Kids \[([^\]]*)\]", body)
        return [leaf for kid in refs(kids.group(1)) for leaf in leaves(kid)] if kids else [number]

    root = next(n for n, body in objects.items() if re.search(rb"/Type /Pages\b", body) and b"/Parent" not in body)
    pages = []
    for number in leaves(root):
        annots = re.search(rb"/Annots \[([^\]]*)\]", objects[number])
        pages.append({uri[r] for r in refs(annots.group(1)) if r in uri} if annots else set())
    count = re.search(rb"/Count (\d+)", objects[root])
    assert count and int(count.group(1)) == len(pages)
    return pages


@pytest.mark.parametrize("tags", [True, False])
@pytest.mark.parametrize("spacer", [0, 45, 90, 135, 180, 225])
def test_print_never_leaves_the_cite_box_alone_on_the_last_page(printed, spacer, tags):
    """The 引用 box went to a page of its own: what is printed before it comes along.

    A spacer (in mm) at the top of the body moves the box over every position on a page;
    a link added to the element printed just before the box (the tags line, or without
    tags the body's last paragraph) says on which page that element ends.
    """
    printed.evaluate(
        """([mm, tags]) => {
          const body = document.querySelector('.sc-case__body');
          const spacer = document.createElement('div'); spacer.style.height = mm + 'mm'; body.prepend(spacer);
          if (!tags) document.querySelector('.sc-tags').remove();
          const before = tags ? document.querySelector('.sc-tags') : body.lastElementChild;
          const mark = document.createElement('a'); mark.href = 'https://before-cite.invalid/'; mark.textContent = '。';
          before.append(mark);
        }""",
        [spacer, tags],
    )
    pdf = printed.pdf(prefer_css_page_size=True, print_background=True)
    pages = _pages_of_links(pdf)
    cite = [i for i, links in enumerate(pages) if any(u.rstrip("/").endswith("/cases/gz-yuexiu-2023-001") for u in links)]
    assert cite == [len(pages) - 1], "the cite box's permalink is on the last page, once"
    assert "https://before-cite.invalid/" in pages[-1], f"the last page holds the cite box alone ({len(pages)} pages)"


# Words that ask the reader to do what only a screen allows: on paper they make no sense.
SCREEN_WORDS = re.compile(r"滑动|滑屏|点击|轻触|轻点|长按|下拉|上滑|左滑|右滑|鼠标|悬停")
CONTROLS = """() => [...document.querySelectorAll('input:not([type=hidden]), button, select, textarea, summary')]
  .filter((el) => el.checkVisibility({visibilityProperty: true}))
  .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}"`)"""


@pytest.mark.parametrize("name", ["home", "theme", "case", "stats", "search", "notfound", "collection"])
def test_a_printed_page_says_nothing_only_a_screen_needs(browser, sample_site, name):
    """The printed statistics page said 表格较宽时可以左右滑动查看 under the table, and the printed
    404 page showed its search box and 搜索 button: paper has neither a swipe nor a box to type in."""
    paths = {**sample_site.pages(), "search": "search/?q=养老", "notfound": "404.html", "collection": "collections/linli-shouwang/"}
    page = open_page(browser, sample_site, paths[name], width=round(A4_WIDTH - 2 * MARGIN_SIDE * MM), height=1100)
    page.wait_for_load_state("networkidle")
    if name == "search":
        page.locator(".sc-result").first.wait_for()
    page.emulate_media(media="print")
    text = page.evaluate("() => document.body.innerText")
    assert not SCREEN_WORDS.findall(text), [line for line in text.splitlines() if SCREEN_WORDS.search(line)]
    assert page.evaluate(CONTROLS) == []
    page.context.close()


def test_the_statistics_note_keeps_its_words_on_screen(browser, sample_site):
    """Only the words about swiping go from the printed page: the note on the shades stays,
    and on a phone the swipe hint is still there."""
    page = open_page(browser, sample_site, "stats/", width=375)
    note = page.locator(".sc-note").last
    assert "左右滑动" in note.inner_text() and "底色越醒目" in note.inner_text()
    page.emulate_media(media="print")
    assert "底色越醒目" in note.inner_text() and "滑动" not in note.inner_text()
    page.context.close()


# Two links (to nowhere) at the top and the foot of each tile, absolutely placed: a tile cut by
# a page break has its two on two pages of the PDF.
TILE_MARKS = """() => [...document.querySelectorAll('li.sc-theme')].map((tile, i) => {
  tile.style.position = 'relative';
  for (const end of ['top', 'bottom']) {
    const mark = document.createElement('a');
    mark.href = `https://tile-${i}-${end}.invalid/`;
    mark.textContent = '.';
    mark.style.cssText = `position:absolute;left:0;${end}:0;width:6px;height:6px;font-size:4px;line-height:6px;display:block;overflow:hidden`;
    tile.append(mark);
  }
  return i;
}).length"""


@pytest.mark.parametrize("path", ["", "regions/", "themes/"])
def test_a_printed_tile_is_never_cut_by_a_page_break(browser, sample_site, path):
    """The home page printed 凝心铸魂's name and count at the foot of its first sheet and its
    description at the top of the next; the regions page left 湖南省's coloured top edge alone on a sheet."""
    page = open_page(browser, sample_site, path, width=1280, height=900)
    page.wait_for_load_state("networkidle")
    tiles = page.evaluate(TILE_MARKS)
    assert tiles >= 6
    pages = _pages_of_links(page.pdf(prefer_css_page_size=True, print_background=True))
    for i in range(tiles):
        where = [n for n, links in enumerate(pages) for end in ("top", "bottom") if f"https://tile-{i}-{end}.invalid/" in links]
        assert len(where) == 2 and where[0] == where[1], f"tile {i} on pages {where} of {len(pages)}"
    page.context.close()


@pytest.mark.parametrize("font", ["", "large"])
def test_the_printed_home_page_fills_its_first_sheet(browser, sample_site, font):
    """The home page's first sheet held the introduction and the totals alone, its lower third
    empty: the theme tiles (63 mm each at the screen's sizes, four totals one a line at the end)
    left no room for the first row, which went to sheet two with its heading."""
    page = open_page(browser, sample_site, "", width=1280, height=900, font=font)
    page.wait_for_load_state("networkidle")
    tiles = page.evaluate("() => [...document.querySelectorAll('ul.sc-themes > li.sc-theme > a')].map((a) => a.href)")
    assert len(tiles) == 6
    pages = _pages_of_links(page.pdf(prefer_css_page_size=True))
    assert set(tiles[:2]) <= pages[0], f"the first row of themes is not on the first of {len(pages)} sheets"
    page.context.close()


@pytest.mark.parametrize("font", ["standard", "large"])
def test_printed_tags_and_captions_are_smaller_than_the_text(browser, sample_site, font):
    """A reader's trial: the tags (标签) and the photos' captions printed at the screen's
    .85rem, 17 px, larger than the 11 pt text, and 20.4 px for a reader in 大字: the screen's
    rules outranked the print stylesheet's 9.5 pt."""
    width = round(A4_WIDTH - 2 * MARGIN_SIDE * MM)
    page = open_page(browser, sample_site, "cases/sz-longgang-2023-005/", width=width, height=1100, font="" if font == "standard" else font)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    sizes = page.evaluate(
        """() => Object.fromEntries(['.sc-case__body p', '.sc-tags', '.sc-photo figcaption'].map((s) => {
             const el = document.querySelector(s);
             return [s, el ? parseFloat(getComputedStyle(el).fontSize) : null];
           }))"""
    )
    text = sizes[".sc-case__body p"]
    assert text == pytest.approx(11 * 96 / 72, abs=0.1), sizes
    assert sizes[".sc-tags"] is not None and sizes[".sc-tags"] < text, sizes
    assert sizes[".sc-photo figcaption"] is not None and sizes[".sc-photo figcaption"] < text, sizes
    page.context.close()


@pytest.mark.parametrize("path", ["categories/", "", "regions/"])
def test_a_page_printed_in_large_text_takes_the_sheets_of_the_standard_size(browser, sample_site, path):
    """Printed in 大字 (set on the phone, kept for the next visit), the 组织类别 page took two
    sheets, its fourth tile alone on the second, and the home page five instead of four: the
    screen's 150 % root size went on to paper and turned every grid of tiles into one column.
    Paper sizes are points: the same sheets whatever the screen's reading setting."""
    counts = {}
    for font in ("", "large"):
        page = open_page(browser, sample_site, path, width=1280, height=900, font=font)
        page.wait_for_load_state("networkidle")
        page.emulate_media(media="print")
        columns = page.evaluate("() => getComputedStyle(document.querySelector('ul.sc-themes')).gridTemplateColumns.split(' ').length")
        counts[font or "standard"] = (columns, len(_pages_of_links(page.pdf(prefer_css_page_size=True))))
        page.context.close()
    assert counts["large"] == counts["standard"], f"{path or 'home'}: (columns, sheets) {counts}"


# Each tile of an index with its city chips: the tile's box, its name's left edge, the chips' boxes.
CHIPS = """() => [...document.querySelectorAll('li.sc-theme')].filter((t) => t.querySelector('.sc-subnav a')).map((t) => {
  const tile = t.getBoundingClientRect(), name = t.querySelector('.sc-theme__name').getBoundingClientRect();
  const chips = [...t.querySelectorAll('.sc-subnav a')].map((c) => c.getBoundingClientRect());
  return {name: t.querySelector('.sc-theme__name').textContent, inset: name.left - tile.left,
          left: Math.min(...chips.map((c) => c.left)) - tile.left, right: tile.right - Math.max(...chips.map((c) => c.right)),
          height: Math.max(...chips.map((c) => c.height))};
})"""


def test_the_printed_regions_index_is_one_sheet_of_compact_tiles(browser, sample_site):
    """The printed 地区 page: its city chips kept the screen's 44 px tap height and reached
    the tiles' borders, and 湖南省 went alone on a second sheet. On paper a chip is a label."""
    page = open_page(browser, sample_site, "regions/", width=round(A4_WIDTH - 2 * MARGIN_SIDE * MM), height=1100)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    tiles = page.evaluate(CHIPS)
    assert len(tiles) >= 5
    for tile in tiles:
        assert tile["height"] < 30, tile
        assert tile["left"] >= tile["inset"] - 0.5 and tile["right"] >= tile["inset"] - 0.5, tile
    assert len(_pages_of_links(page.pdf(prefer_css_page_size=True))) == 1
    page.context.close()


@pytest.mark.parametrize("path", ["themes/bianmin-fuwu/", "regions/guangdong/guangzhou/", ""])
def test_a_printed_card_names_the_whole_address_on_a_site_without_site_url(browser, sample_site, path):
    """Built without a site_url, a printed case page and a printed search name each case at
    http://…/cases/…/ (share.js, search.js, from the page's own address), but a printed listing
    named it /cases/gz-baiyun-2024-004/: on paper a path without a site leads nowhere."""
    page = open_page(browser, sample_site, path, width=1280, height=900)
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    cards = page.evaluate(
        """() => [...document.querySelectorAll('.sc-card')].filter((c) => c.querySelector('.sc-card__url').checkVisibility())
             .map((c) => [c.querySelector('.sc-card__url').textContent.trim(), c.querySelector('.sc-card__title a').href])"""
    )
    assert len(cards) >= 4
    assert all(printed == href and href.startswith(sample_site.url) for printed, href in cards), cards[:3]
    page.context.close()


@pytest.mark.parametrize("contrast", ["", "high"])
def test_a_printed_search_has_no_focus_ring(browser, sample_site, contrast):
    """A reader searched, then printed: 找到 15 个案例 (the status the search moves the focus to,
    for screen readers) was printed inside a 3 px blue ring, a screen's mark on paper."""
    page = open_page(browser, sample_site, "search/", width=round(A4_WIDTH - 2 * MARGIN_SIDE * MM), height=1100, contrast=contrast)
    page.wait_for_load_state("networkidle")
    page.locator("#sc-search-q").fill("空巢老人")
    page.locator("#sc-search-q").press("Enter")
    page.locator(".sc-result").first.wait_for()
    focused = page.evaluate("() => document.activeElement.id")
    assert focused == "sc-search-status"
    ring = "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.boxShadow]; }"
    assert page.evaluate(ring)[0] != "none"  # on the screen the ring shows where the reader is
    page.emulate_media(media="print")
    assert page.evaluate(ring) == ["none", "none"]
    page.context.close()


# Each visible link in running text: its words, its whole address, and what follows it on paper.
AFTER_LINKS = """(scope) => [...document.querySelectorAll(scope)].filter((a) => a.checkVisibility())
  .map((a) => [a.textContent.trim(), decodeURI(a.href), getComputedStyle(a, '::after').content])"""


@pytest.mark.parametrize("path", ["about/", "case"])
def test_a_printed_link_in_running_text_gives_its_address(browser, sample_site, path):
    """The printed 关于本站 said 请下载申报表（Word 文件）, and a case body's link to another case
    or to a department's site printed its words alone: on paper they led nowhere. The address
    follows the link there (not on screen); a link to a heading of the same page gets none."""
    page = open_page(browser, sample_site, "about/", width=round(A4_WIDTH - 2 * MARGIN_SIDE * MM), height=1100)
    if path == "case":
        body = '<p>详见<a href="/cases/gz-tianhe-2021-006/">另一个案例</a>和<a href="https://www.mca.gov.cn/">民政部网站</a>，<a href="#top">回到开头</a>。</p>'

        def with_links(route):
            html = route.fetch().text()
            route.fulfill(
                body=html.replace('<div class="sc-case__body">', '<div class="sc-case__body">' + body, 1), content_type="text/html"
            )

        page.route("**/cases/gz-yuexiu-2023-001/", with_links)
        page.goto(sample_site.url + "cases/gz-yuexiu-2023-001/")
    page.wait_for_load_state("networkidle")
    scope = ".sc-case__body a" if path == "case" else "article.md-content__inner > p a"
    assert all(after == "none" for _, _, after in page.evaluate(AFTER_LINKS, scope))  # on screen, nothing
    page.emulate_media(media="print")
    links = page.evaluate(AFTER_LINKS, scope)
    if path == "case":
        assert [words for words, _, _ in links] == ["另一个案例", "民政部网站", "回到开头"], links
        assert links[2][2] == "none", links  # 回到开头: this page
        links = links[:2]
    assert links, "no link in the page's running text"
    for words, href, after in links:
        assert href.startswith("http") and after == f'"（{href}）"', (words, href, after)
    page.context.close()


def test_a_long_table_starts_where_it_stands_and_breaks_between_its_rows(printed):
    """A department's trial: a case's 45-row table printed from the top of page 2, a third
    of page 1 blank above it (tables were kept whole). It starts under the paragraph before
    it, breaks between rows, and its heading row is printed again on each sheet."""
    from tests.support.office import pdftotext

    printed.evaluate(
        """() => {
          const body = document.querySelector('.sc-case__body');
          const before = document.createElement('p'); before.textContent = '表格前面的一段话';
          const table = document.createElement('table');
          table.innerHTML = '<thead><tr><th>序号栏</th><th>内容</th></tr></thead><tbody>'
            + Array.from({length: 45}, (_, i) => `<tr><td>${i + 1}</td><td>第${i + 1}行的内容</td></tr>`).join('') + '</tbody>';
          body.prepend(table); body.prepend(before);
        }"""
    )
    pdf = printed.pdf(prefer_css_page_size=True)
    sheets = pdftotext(pdf).split("\f")
    with_paragraph = next(n for n, text in enumerate(sheets) if "表格前面的一段话" in text)
    assert "第1行的内容" in sheets[with_paragraph]  # not pushed to the next sheet
    holding = [n for n, text in enumerate(sheets) if "行的内容" in text]
    assert len(holding) >= 2 and all("序号栏" in sheets[n] for n in holding), [sheets[n][:80] for n in holding]


def test_the_line_that_introduces_a_table_is_printed_with_it(browser, sample_site):
    """A reader's trial: 主要做法 and 共享客厅分为四个功能空间： were printed alone at the foot
    of the first sheet, their table at the top of the next. The heading and the line go with it,
    wherever the sheet ends (a spacer before the heading moves them down the sheet step by step)."""
    from tests.support.office import pdftotext

    page = open_page(browser, sample_site, "cases/hz-xihu-2023-006/", width=1280, height=800)
    page.wait_for_load_state("networkidle")
    intro, first_cell = page.evaluate(
        """() => { const t = document.querySelector('.sc-case__body table');
          const w = t.closest('.md-typeset__scrollwrap') || t;
          const spacer = document.createElement('div'); spacer.id = 'spacer';
          w.previousElementSibling.previousElementSibling.before(spacer);
          return [w.previousElementSibling.textContent, t.querySelector('tbody td').textContent]; }"""
    )
    intro, first_cell = re.sub(r"\s+", "", intro), re.sub(r"\s+", "", first_cell)
    for height in range(0, 1000, 40):
        page.evaluate(f"() => {{ document.getElementById('spacer').style.height = '{height}px'; }}")
        sheets = [re.sub(r"\s+", "", sheet) for sheet in pdftotext(page.pdf(format="A4")).split("\f")]
        with_intro = next(n for n, text in enumerate(sheets) if intro in text)
        assert first_cell in sheets[with_intro], (height, intro, first_cell, [s[:40] for s in sheets])
    page.context.close()


def test_a_wide_table_is_printed_whole_within_the_page(printed):
    """A department's trial: an eight-column table printed from a case page lost its last
    column (备注说明) past the sheet's edge, a scrollbar printed under it. On paper the table
    takes the page's width and its cells wrap: every column is on the sheet, nothing scrolls."""
    from tests.support.office import pdftotext

    printed.evaluate(
        """() => {
          const heads = ['序号', '服务项目', '2021年服务人次', '2022年服务人次', '2023年服务人次', '2024年服务人次', '合计', '备注说明'];
          const url = 'https://mp.weixin.qq.com/s?__biz=MzA5NTQ2ODYxNw==&mid=2651234567&idx=1&sn=0123456789abcdef0123456789abcdef';
          const row = (n) => `<tr>${heads.map((h, i) => `<td>${i === 7 ? (n === 2 ? url : '与辖区长者饭堂合作开展助餐配送服务并定期回访' + n) : i === 1 ? '助餐配送上门服务' + n : 1000 + n * 7 + i}</td>`).join('')}</tr>`;
          const wrap = document.createElement('div'); wrap.className = 'md-typeset__scrollwrap';
          wrap.innerHTML = `<div class="md-typeset__table"><table><thead><tr>${heads.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`
            + `<tbody>${[1, 2, 3].map(row).join('')}</tbody></table></div>`;
          document.querySelector('.sc-case__body').prepend(wrap);
        }"""
    )
    boxes = printed.evaluate(
        """() => { const w = document.querySelector('.md-typeset__scrollwrap'), t = w.querySelector('table');
          return {scroll: w.scrollWidth, client: w.clientWidth, table: t.getBoundingClientRect().right,
                  body: document.querySelector('article.md-content__inner').getBoundingClientRect().right,
                  overflow: getComputedStyle(w).overflowX}; }"""
    )
    assert boxes["scroll"] <= boxes["client"] + 1 and boxes["table"] <= boxes["body"] + 1, boxes
    assert boxes["overflow"] == "visible", boxes
    # every cell on the sheet, the numbers whole (a cell may wrap its words, not split 1007)
    cells = printed.evaluate(
        """() => [...document.querySelectorAll('.md-typeset__scrollwrap td')].map((td) => {
             const r = td.getBoundingClientRect(), range = document.createRange(); range.selectNodeContents(td);
             const lines = new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size;
             return [td.textContent, r.right, lines]; })"""
    )
    assert all(right <= boxes["body"] + 1 for _, right, _ in cells), cells
    assert all(lines == 1 for text, _, lines in cells if text.isdigit()), cells  # 1007, not 100 / 7
    text = re.sub(r"\s+", "", pdftotext(printed.pdf(format="A4")))
    assert "回访3" in text and "1027" in text, text
