"""A 375 px phone screen in headless Chromium: nothing wider than the screen, nothing overlapping
in the header, text of 16 px and more (18 px in 大字), tap targets of 44 px.

Full-page screenshots go to tests/screenshots/reader-phone-*.png (git-ignored) for a person
to look at.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from . import probes
from .conftest import ROOT, SCREENSHOTS, open_page

PAGES = ["home", "theme", "case", "stats"]
# 大字 and 高对比度 together: the large layout and the high-contrast borders in one pass.
MODES = {
    "standard": ({}, 16),
    "large-high-contrast": ({"font": "large", "contrast": "high"}, 18),
}


@pytest.fixture(scope="module", autouse=True)
def _announce_screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("reader-phone-*.png"):
        old.unlink()
    yield
    print(f"\nphone screenshots: {SCREENSHOTS}")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", PAGES)
def test_phone_page_reads_well(browser, sample_site, name, mode):
    """On the sample collection: real titles, summaries and photos."""
    settings, min_text = MODES[mode]
    page = open_page(browser, sample_site, sample_site.pages()[name], width=375, height=740, **settings)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.evaluate(probes.SCROLL_THROUGH)
    page.screenshot(path=str(SCREENSHOTS / f"reader-phone-{name}-{mode}.png"), full_page=True)

    width = page.evaluate("() => [document.scrollingElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], f"{name} ({mode}) is {width[0]} px wide on a {width[1]} px screen"
    header = page.evaluate(probes.HEADER_OVERLAPS)
    assert header["count"] >= 4  # menu button, site title, the reading buttons
    assert not header["overlaps"], header["overlaps"]
    small_text = page.evaluate(probes.SMALL_TEXT, min_text)
    assert not small_text, f"text below {min_text} px: {small_text[:8]}"
    small_targets = page.evaluate(probes.SMALL_TARGETS, 44)
    assert not small_targets, f"tap targets below 44 px: {small_targets[:8]}"
    # Images never spill out of the screen.
    wide_images = page.evaluate(
        "() => [...document.images].filter((i) => i.getBoundingClientRect().right > innerWidth + 0.5).map((i) => i.src)"
    )
    assert not wide_images
    assert errors == []
    page.context.close()


def test_phone_stats_charts_fit_and_labels_never_collide(browser, sample_site):
    page = open_page(browser, sample_site, "stats/", width=375, font="large")
    charts = page.evaluate("() => [...document.querySelectorAll('svg.sc-chart')].map((s) => s.getBoundingClientRect().right)")
    assert len(charts) == 4 and max(charts) <= 375
    # Every label and number of every chart stays inside the drawing (nothing cut off).
    outside = page.evaluate(
        """() => [...document.querySelectorAll('svg.sc-chart text')].filter((t) => {
             const r = t.getBoundingClientRect(), s = t.ownerSVGElement.getBoundingClientRect();
             return r.left < s.left - 0.5 || r.right > s.right + 0.5 || r.top < s.top - 0.5 || r.bottom > s.bottom + 0.5;
           }).map((t) => t.textContent)"""
    )
    assert not outside, outside
    # Labels within one chart never overlap each other.
    overlapping = page.evaluate(
        """() => {
             const out = [];
             for (const svg of document.querySelectorAll('svg.sc-chart')) {
               const boxes = [...svg.querySelectorAll('text')].map((t) => [t.textContent, t.getBoundingClientRect()]);
               for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                 const [a, p] = boxes[i], [b, q] = boxes[j];
                 if (Math.min(p.right, q.right) - Math.max(p.left, q.left) > 0.5 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 0.5) out.push(a + ' / ' + b);
               }
             }
             return out;
           }"""
    )
    assert not overlapping, overlapping
    page.context.close()


def test_the_stats_tables_for_screen_readers_do_not_widen_a_narrow_page(browser, sample_site):
    """A reader's trial: at 320 px with 大字 the hidden table under each chart (a table takes its
    content's width whatever width it is given) made the page 354 px wide."""
    page = open_page(browser, sample_site, "stats/", width=320, font="large")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth]")
    assert max(widths) <= 320, widths
    # still read by screen readers: in the page, each table with its caption and rows
    tables = page.evaluate("() => [...document.querySelectorAll('.sc-sr-only > table.sc-sr-table')].map((t) => t.rows.length)")
    assert len(tables) == 4 and min(tables) > 1
    page.context.close()


def test_high_contrast_search_results_mark_the_words_found(browser, sample_site):
    """A reader's trial: in 高对比度 the found words in a result's excerpt were plain white on black."""
    page = open_page(browser, sample_site, "search/?q=空巢老人", width=375, contrast="high")
    page.wait_for_selector(".sc-result__excerpt mark", timeout=15000)
    colours = page.evaluate(
        """() => { const m = document.querySelector('.sc-result__excerpt mark'), s = getComputedStyle(m);
                   return [s.backgroundColor, s.color]; }"""
    )
    assert colours == ["rgb(255, 235, 59)", "rgb(0, 0, 0)"], colours
    page.context.close()


@pytest.mark.parametrize("font", ["standard", "large"])
def test_no_page_kind_scrolls_sideways_on_a_narrow_phone(browser, sample_site, font):
    """A reader's trial: /collections/ was 404 px wide at 375 px in 大字 (its grid's 16rem
    columns did not shrink with the screen), which the four pages above never showed. Every
    kind of page the site has, at 320 px."""
    folder = sample_site.folder
    first = lambda section: next(iter(sorted(p.parent.name for p in (folder / section).glob("*/index.html"))), "")  # noqa: E731
    urls = ["", "404.html", "search/?q=空巢老人", sample_site.pages()["case"]]
    for section in ("themes", "categories", "regions", "years", "brands", "collections"):
        urls += [f"{section}/", f"{section}/{first(section)}/"]
    urls += [f"{name}/" for name in ("about", "stats")]
    wide = {}
    # and the 404 page at 188 px, a 375 px phone at 200 % (its search box was 222 px wide)
    for url, width in [*((url, 320) for url in urls), ("404.html", 188)]:
        assert (folder / url.split("?")[0]).exists() or url.endswith(".html"), url
        page = open_page(browser, sample_site, url, width=width, height=700, **({"font": "large"} if font == "large" else {}))
        widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth]")
        if max(widths) > width:
            wide[f"{url} at {width} px"] = max(widths)
        page.context.close()
    assert not wide, wide


# A phone's enlarged text as WeChat's 字体大小 and Android's font size apply it to a page:
# text-size-adjust, which Chromium honours in a mobile viewport only.
ENLARGE_TEXT = "html { -webkit-text-size-adjust: {0} !important; text-size-adjust: {0} !important; }"

# Where the header title's text (the site's name, or the page's title once scrolled) lies,
# against the header bar and the box that clips it.
HEADER_TITLE = """() => [...document.querySelectorAll('.md-header__topic')]
  .filter((t) => getComputedStyle(t).opacity !== '0')
  .map((t) => {
    const range = document.createRange();
    range.selectNodeContents(t.querySelector('.md-ellipsis'));
    // the characters' em box, centred in the font's content area (which reaches past it)
    const text = range.getBoundingClientRect(), clip = t.closest('.md-header__ellipsis').getBoundingClientRect();
    const size = parseFloat(getComputedStyle(t).fontSize), middle = (text.top + text.bottom) / 2;
    return {text: t.textContent.trim().slice(0, 8), size, top: middle - size / 2 - clip.top, bottom: clip.bottom - middle - size / 2};
  })"""


@pytest.mark.parametrize("scale", ["150%", "200%"])
def test_the_header_title_stays_whole_in_a_phones_enlarged_text(browser, sample_site, scale):
    """A reader's trial: with WeChat's 字体大小 turned up (text-size-adjust 150 % and 200 %),
    the site's name in the red header sat half below the bar, its lower half cut off: Material
    centres it with a line as tall as the bar, and the enlarged text enlarged that line too."""
    context = browser.new_context(viewport={"width": 320, "height": 700}, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    page.goto(sample_site.url + sample_site.pages()["case"])
    page.add_style_tag(content=ENLARGE_TEXT.replace("{0}", scale))
    for state in ("top", "scrolled"):
        if state == "scrolled":  # the page's title slides in
            page.mouse.wheel(0, 1500)
            page.wait_for_function("() => document.querySelector('.md-header__title--active')")
            page.wait_for_timeout(600)
        titles = page.evaluate(HEADER_TITLE)
        assert len(titles) == 1, titles
        title = titles[0]
        assert title["size"] >= 18 * float(scale.rstrip("%")) / 100 - 0.5, title  # the text is enlarged
        assert title["top"] >= -0.5 and title["bottom"] >= -0.5, f"{state}: {title}"
    context.close()


# Where the drawer's title text (the site's name above the menu) lies, against its box,
# which clips it, and the menu's first item below it.
DRAWER_TITLE = """() => {
  const title = document.querySelector('.md-nav--primary > .md-nav__title');
  const text = [...title.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.data.trim());
  const range = document.createRange();
  range.selectNodeContents(text);
  const r = range.getBoundingClientRect(), box = title.getBoundingClientRect();
  const size = parseFloat(getComputedStyle(title).fontSize), middle = (r.top + r.bottom) / 2;
  const below = title.nextElementSibling.getBoundingClientRect().top;
  return {size, top: middle - size / 2 - box.top, bottom: Math.min(box.bottom, below) - middle - size / 2};
}"""


@pytest.mark.parametrize("scale", ["150%", "200%"])
def test_the_drawers_title_stays_whole_in_a_phones_enlarged_text(browser, sample_site, scale):
    """A reader's trial: with WeChat's 字体大小 turned up, the site's name at the top of the
    menu (the drawer) lost its lower half, 19 px at 200 %: Material gives the title a fixed
    height and a line as tall as 2.4rem, which the enlarged text enlarged too."""
    context = browser.new_context(viewport={"width": 320, "height": 568}, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    page.goto(sample_site.url + sample_site.pages()["case"])
    page.add_style_tag(content=ENLARGE_TEXT.replace("{0}", scale))
    page.locator('.md-header label[for="__drawer"]').click()
    page.wait_for_timeout(400)  # the drawer slides in
    title = page.evaluate(DRAWER_TITLE)
    assert title["size"] >= 16 * float(scale.rstrip("%")) / 100 - 0.5, title  # the text is enlarged
    assert title["top"] >= -0.5 and title["bottom"] >= -0.5, title
    context.close()


def test_the_reading_settings_keep_their_words_whole_at_200_percent(browser, sample_site):
    """A reader's trial: a 375 px phone at 200 % zoom (187 px) broke 字号, 标准 and 大字 into
    one character a line."""
    page = open_page(browser, sample_site, "", width=187, height=400)
    lines = page.evaluate(
        """() => [...document.querySelectorAll('.sc-reading__label, .sc-reading__button')].map((el) => {
             const range = document.createRange();
             range.selectNodeContents(el);
             return [el.textContent.trim(), new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
           })"""
    )
    assert len(lines) == 4 and all(n == 1 for _, n in lines), lines
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth]")
    assert max(widths) <= 187, widths
    page.context.close()


# A browser older than :is() (Chromium 88) and :has() (Chromium 105, Firefox 121): WeChat's
# X5 and early XWeb WebViews, the Chromium 86 of 360 and QQ browsers on office computers,
# Safari on iOS 12 and 13. It drops every rule with a selector it does not know; renaming
# the pseudo-classes in the site's own style sheets makes this Chromium drop the same rules.
OLDER_SELECTORS = re.compile(r":(is|has|where)\(")


def test_the_sites_style_sheets_use_no_selector_an_older_browser_drops():
    """The browser test below reads two pages; this holds every rule of every style sheet."""
    found = {}
    for sheet in sorted((ROOT / "plugins" / "showcase" / "assets").glob("*.css")):
        rules = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        hits = [m.group(0) for m in OLDER_SELECTORS.finditer(rules)]
        if hits:
            found[sheet.name] = hits
    assert not found, found


@pytest.mark.parametrize("name", ["theme", "case"])
def test_an_older_browser_shows_high_contrast_and_the_sample_tags(browser, sample_site, name):
    """A reader's trial: in such a browser 高对比度 left the page's title and summary dark
    grey on black and a card's organization, place and date white on white, and every card's
    示例 tag sat in the page's top right corner, over the 高对比度 button."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=1)

    def older(route):
        response = route.fetch()
        route.fulfill(response=response, body=OLDER_SELECTORS.sub(r":-older-\1(", response.text()))

    context.route("**/assets/showcase/*.css", older)
    page = context.new_page()
    page.add_init_script("localStorage.setItem('sc-contrast', 'high'); localStorage.setItem('sc-font', 'large');")
    page.goto(sample_site.url + sample_site.pages()[name])
    assert page.evaluate("() => document.documentElement.dataset.scContrast") == "high"
    # Each text's colour against the background it is drawn on (the nearest ancestor's that
    # is not transparent): white or yellow on black, as in a current browser.
    faint = page.evaluate(
        """() => [...document.querySelectorAll('h1, .sc-case__summary, .sc-card__title, .sc-card__summary, .sc-card__meta, .sc-breadcrumbs')]
             .filter((e) => e.getClientRects().length)
             .map((e) => {
               let b = e, bg = 'rgba(0, 0, 0, 0)';
               while (b && (bg = getComputedStyle(b).backgroundColor) === 'rgba(0, 0, 0, 0)') b = b.parentElement;
               return [e.className || e.tagName, getComputedStyle(e).color, bg];
             })
             .filter(([, fg, bg]) => !['rgb(255, 255, 255)', 'rgb(255, 235, 59)'].includes(fg) || bg !== 'rgb(0, 0, 0)')"""
    )
    assert not faint, faint[:6]
    # Every 示例 tag lies on its own card.
    astray = page.evaluate(
        """() => [...document.querySelectorAll('.sc-card .sc-chip--sample')].filter((tag) => {
             const t = tag.getBoundingClientRect(), c = tag.closest('.sc-card').getBoundingClientRect();
             return t.top < c.top || t.bottom > c.bottom || t.left < c.left || t.right > c.right;
           }).length"""
    )
    assert astray == 0
    context.close()


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", ["guide/", "about/"])
def test_the_guide_and_about_pages_keep_their_code_at_the_text_size(browser, sample_site, path, mode):
    """投稿指南 on a phone: every field name (`title`, `summary`, `themes`…), folder and command
    written as code was 13.6 px (Material's .85em), below the 16 px the site keeps for its text;
    the community workers who follow the guide read it on the same phones."""
    settings, min_text = MODES[mode]
    page = open_page(browser, sample_site, path, width=375, height=740, **settings)
    small_text = page.evaluate(probes.SMALL_TEXT, min_text)
    assert not small_text, f"text below {min_text} px: {small_text[:8]}"
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 375
    page.context.close()


@pytest.mark.parametrize("name", ["home", "case"])
def test_a_photo_not_yet_loaded_is_a_grey_box_of_its_own_size(browser, sample_site, name):
    """A reader's trial: on a slow network the photos not yet loaded were white page, the
    same as the page around them; a box of the photo's size in a light grey says one is coming."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=1)
    held = []
    # never answered: every photo (JPEG or WebP) stays loading
    context.route("**/*", lambda route: held.append(route) if route.request.resource_type == "image" else route.continue_())
    page = context.new_page()
    page.goto(sample_site.url + sample_site.pages()[name], wait_until="domcontentloaded")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.sc-card__media img, .sc-case__cover img, .sc-case__body picture img')]
             .map((img) => [img.getAttribute('src'), img.complete && img.naturalWidth > 0, getComputedStyle(img).backgroundColor,
                            Math.round(img.getBoundingClientRect().height), Math.round(img.getBoundingClientRect().width)])"""
    )
    assert boxes and not any(loaded for _, loaded, *_ in boxes), boxes[:3]
    assert held  # the photos were asked for, and are still loading
    for src, _, background, height, width in boxes:
        assert background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), (src, background)
        assert height > 0.5 * width > 50, (src, height, width)  # the photo's own box (3:2), not a line
    context.close()


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_in_forced_colours_the_charts_words_the_chosen_filter_and_the_search_field_show(browser, sample_site, scheme):
    """A reader's trial in Windows' high contrast (black): every name and count of the
    statistics charts was near black on black (SVG text keeps its fill), the chosen search
    filter looked like the others, and the header's search field had no edge."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, forced_colors="active", color_scheme=scheme)
    page = context.new_page()
    page.goto(sample_site.url + "stats/")
    text = page.evaluate("() => getComputedStyle(document.querySelector('.md-content')).color")
    fills = page.evaluate("() => [...new Set([...document.querySelectorAll('.sc-chart text')].map((t) => getComputedStyle(t).fill))]")
    assert fills == [text], (fills, text)  # the system's text colour, whatever the scheme
    chosen = page.evaluate(
        """() => {
             const chip = Object.assign(document.createElement('a'), {className: 'sc-facet__value', textContent: '便民服务'});
             chip.setAttribute('aria-current', 'true');
             document.querySelector('.md-content .md-typeset').append(chip);
             const s = getComputedStyle(chip);
             return [s.borderTopStyle, s.textDecorationLine];
           }"""
    )
    assert chosen == ["double", "underline"], chosen
    assert page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.sc-search-box__input')).borderTopWidth)") >= 1
    context.close()


def _luminance(pixel: tuple[int, ...]) -> float:
    """WCAG's relative luminance of an sRGB pixel."""
    channels = [c / 255 for c in pixel[:3]]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_a_phones_own_darkening_leaves_the_charts_readable_and_the_heat_scale_in_order(browser, sample_site):
    """A reader's trial: a phone that darkens pages itself (Chrome's dark theme for sites,
    Android's web views) left every name and count of the statistics charts near black on the
    darkened page (an SVG's text keeps its fill), made the heat table's palest cells, the
    fewest cases, the darkest, and the search's yellow marks an olive. Looked at in the pixels the browser draws: the darkening is a
    paint filter, which computed styles do not show."""
    from io import BytesIO

    from PIL import Image

    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=1, color_scheme="dark")
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setAutoDarkModeOverride", {"enabled": True})
    page.goto(sample_site.url + "stats/")
    shot = Image.open(BytesIO(page.screenshot(full_page=True))).convert("RGB")
    # the page itself is darkened: what this test is about happens at all
    assert _luminance(shot.getpixel((3, shot.height // 2))) < 0.1

    def contrast(box: dict[str, float]) -> float:
        crop = shot.crop((int(box["x"]), int(box["y"]), int(box["x"] + box["width"]) + 1, int(box["y"] + box["height"]) + 1))
        values = sorted(_luminance(colour) for _, colour in crop.getcolors(crop.width * crop.height))
        return (values[-1] + 0.05) / (values[0] + 0.05)

    words = page.evaluate(
        """() => [...document.querySelectorAll('.sc-chart text')].map((t) => {
             const r = t.getBoundingClientRect();
             return {text: t.textContent, x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height};
           })"""
    )
    assert len(words) > 20
    faint = [(w["text"], round(contrast(w), 1)) for w in words if contrast(w) < 4.5]
    assert not faint, faint
    cells = page.evaluate(
        """() => Object.fromEntries([0, 1, 2, 3, 4, 5].map((n) => {
             // a cell the table's scrolling has not hidden (the table is wider than a phone)
             const edge = document.querySelector('.sc-matrix-wrap').getBoundingClientRect().right;
             const cell = [...document.querySelectorAll('.sc-matrix td.sc-heat--' + n)]
               .find((c) => c.getBoundingClientRect().right < edge);
             if (!cell) return [n, null];
             const r = cell.getBoundingClientRect();
             return [n, [r.x + scrollX + 3, r.y + scrollY + 3]];
           }))"""
    )
    shown = {int(n): _luminance(shot.getpixel((int(x), int(y)))) for n, xy in cells.items() if xy for x, y in [xy]}
    assert len(shown) >= 4, cells
    order = [shown[n] for n in sorted(shown)]
    assert order == sorted(order, reverse=True), shown  # more cases, a deeper colour
    # the words a search found stay marked yellow: darkened, the mark was an olive hardly
    # told from the page
    page.goto(sample_site.url + "search/?q=" + quote("老人"))
    mark = page.locator(".sc-result__excerpt mark").first
    mark.wait_for()
    drawn = Image.open(BytesIO(mark.screenshot())).convert("RGB")
    _, colour = max(drawn.getcolors(drawn.width * drawn.height))  # the most pixels: its background
    assert _luminance(colour) > 0.7, colour
    context.close()


def test_a_browser_set_to_twice_the_text_size_never_scrolls_sideways_on_a_narrow_phone(browser, sample_site):
    """A reader's trial: with the browser's own text size at 200 % (32 px), the home page of a
    320 px phone was 353 px wide: each total's box was at least 7rem, wider than the row; and
    the header showed one character of the site's name."""
    context = browser.new_context(viewport={"width": 320, "height": 700}, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    wide = {}
    for url in ("", "stats/", sample_site.pages()["case"], sample_site.pages()["theme"]):
        page.goto(sample_site.url + url)
        assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "40px"  # Material's 125 %
        width = page.evaluate("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        if width > 320:
            wide[url or "home"] = width
        # the header keeps room for the site's name: it was one character (社) between two
        # icons grown to 48 px
        title = page.evaluate(
            "() => { const t = document.querySelector('.md-header__title'); return [t.getBoundingClientRect().width, parseFloat(getComputedStyle(t).fontSize)]; }"
        )
        assert title[0] >= 4 * title[1], (url, title)
    assert not wide, wide
    context.close()


def test_a_column_heading_reached_by_tab_is_never_under_the_column_that_stays(browser, sample_site):
    """An accessibility audit at 375 px: the statistics' cross table keeps its first column in
    place while the others scroll; Tab to a theme's heading scrolled it to the table's left
    edge, under that column, and Shift+Tab left one half under it (Chromium does not scroll
    to an element partly in view). Each heading reached by the keyboard is clear of it, in
    either direction, and again in large text (the column wider)."""
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(sample_site.url + "stats/")
    wrap, headings = page.locator(".sc-matrix-wrap"), page.locator(".sc-matrix thead a")
    count = headings.count()
    assert count >= 4 and wrap.evaluate("w => w.scrollWidth > w.clientWidth + 100")  # it scrolls at this width
    where = "() => [document.activeElement.textContent, document.activeElement.getBoundingClientRect().left, document.querySelector('.sc-matrix__corner').getBoundingClientRect().right]"
    hidden = []
    for large in (False, True):
        if large:
            page.click("[data-sc-set-font='large']")
        wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")  # from the far end, forwards
        wrap.focus()
        for _ in range(count):
            page.keyboard.press("Tab")
            name, left, edge = page.evaluate(where)
            if left < edge - 0.5:
                hidden.append(("Tab", large, name, round(edge - left)))
        wrap.evaluate("w => { w.scrollLeft = 0; }")  # from the start, backwards
        headings.nth(count - 1).focus()
        for _ in range(count - 1):
            page.keyboard.press("Shift+Tab")
            name, left, edge = page.evaluate(where)
            if left < edge - 0.5:
                hidden.append(("Shift+Tab", large, name, round(edge - left)))
    page.close()
    assert hidden == [], hidden


@pytest.mark.parametrize(
    ("path", "width", "control"), [("", 1280, ".sc-search-box__input"), ("search/?q=老人", 375, ".sc-search__sort select")]
)
def test_the_header_search_box_and_the_sort_menu_show_their_edges(browser, sample_site, path, width, control):
    """An accessibility audit: the header's search field (a light tint on the red bar) and the
    search page's sort menu (the cards' pale border) stood 1.3 : 1 from what is around them,
    known only by a placeholder and an arrow; a control's edge needs 3 : 1. Read in the
    pixels drawn: the edge's colour against the colour just outside it."""
    from io import BytesIO

    from PIL import Image

    page = browser.new_page(viewport={"width": width, "height": 800}, device_scale_factor=1)
    page.goto(sample_site.url + path)
    field = page.locator(control)
    field.wait_for(state="visible")
    field.scroll_into_view_if_needed()
    box = field.bounding_box()
    shot = Image.open(BytesIO(page.screenshot())).convert("RGB")
    page.close()
    middle, left = int(box["y"] + box["height"] / 2), round(box["x"])
    outside = _luminance(shot.getpixel((left - 4, middle)))
    # the edge's pixel column, wherever a fractional position puts it: the most distinct of three
    ratio = max(
        (max(edge, outside) + 0.05) / (min(edge, outside) + 0.05)
        for edge in (_luminance(shot.getpixel((x, middle))) for x in (left - 1, left, left + 1))
    )
    assert ratio >= 3, (control, round(ratio, 2))


def test_the_reading_settings_grow_with_the_browser_s_text_size_not_with_large_type(browser, sample_site):
    """A reader's trial: with the browser's text 1.6 times as large the page's text grew and
    the 标准 / 大字 / 高对比度 bar stayed at 18 px. It keeps its size under 大字 (which scales
    the page's own text), as before."""

    def size(font: str, standard: int | None) -> float:
        context = browser.new_context(viewport={"width": 375, "height": 700})
        page = context.new_page()
        if standard:
            cdp = context.new_cdp_session(page)
            cdp.send("Page.enable")
            cdp.send("Page.setFontSizes", {"fontSizes": {"standard": standard, "fixed": standard}})
        if font:
            page.add_init_script(f"localStorage.setItem('sc-font', {font!r})")
        page.goto(sample_site.url)
        found = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.sc-reading__button')).fontSize)")
        context.close()
        return found

    assert size("", None) == 18 and size("large", None) == 18
    assert size("", 26) >= 18 * 1.5


def test_on_a_phone_a_search_asked_gives_its_results_the_first_screen(browser, sample_site):
    """A reader's trial at 360 × 640: the first result began below the first screen (the
    introduction, a band of 50 px under the header, a wide gap over the results). With a
    query the introduction gives way on a phone; on a wide screen, and with an empty box, it stays."""

    def opened(path: str, width: int) -> tuple[bool, float]:
        page = open_page(browser, sample_site, path, width=width, height=640)
        page.wait_for_selector("#sc-search-status[data-count]", timeout=20_000) if "q=" in path else None
        shown = page.locator(".sc-search__intro").is_visible()
        top = page.evaluate(
            "() => { const r = document.querySelector('#sc-search-results > *'); return r ? r.getBoundingClientRect().top : -1 }"
        )
        page.context.close()
        return shown, top

    query = "search/?q=" + quote("空巢老人")
    shown, top = opened(query, 360)
    assert not shown and 0 < top < 700, top  # was about 870
    assert opened(query, 1280)[0] and opened("search/", 360)[0]
