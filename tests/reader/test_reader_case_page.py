"""A case page as a reader sees it, in headless Chromium: photos, captions, the 引用 box."""

from __future__ import annotations

from .conftest import EDGE_CAPTION, EDGE_CAPTION_CASE, EDGE_CASE, open_page

# Every photo of the page's article as (file name without rendition, figure caption or None).
PHOTOS = """() => [...document.querySelectorAll('article.sc-case picture img')].map((img) => {
  const name = img.currentSrc.split('/').pop().replace(/-\\d+\\.(webp|jpg)$/, '');
  const figure = img.closest('figure'), caption = figure && figure.querySelector('figcaption');
  return {name, alt: img.alt, caption: caption ? caption.textContent : null, shown: !!caption && caption.checkVisibility(),
          captionHtml: caption ? caption.innerHTML : null, inParagraph: !!img.closest('p')};
})"""


def _photos(page) -> list[dict]:
    page.evaluate("() => document.querySelectorAll('img[loading=lazy]').forEach((i) => { i.loading = 'eager'; })")
    page.wait_for_function("() => [...document.querySelectorAll('article.sc-case img')].every((i) => i.complete && i.currentSrc)")
    return page.evaluate(PHOTOS)


def test_a_cover_the_body_shows_again_is_shown_once(browser, edge_site):
    page = open_page(browser, edge_site, f"cases/{EDGE_CASE}/", width=1280)
    photos = _photos(page)
    names = [p["name"] for p in photos]
    assert len(names) == 1 and names[0].startswith("photo1-"), names  # not once as cover and again in the body
    # The author's placement wins: the photo stays in the body, with its caption.
    assert page.locator(".sc-case__body figure picture").count() == 1
    assert photos[0]["caption"] == "居民在社区活动室里围坐交流，桌上摆着茶水和笔记本" and photos[0]["shown"]
    page.context.close()


def test_body_photos_show_their_alt_text_as_caption(browser, sample_site):
    page = open_page(browser, sample_site, sample_site.pages()["case"], width=375)
    body = [p for p in _photos(page) if p["caption"] is not None or not p["name"].startswith("photo1-")]
    assert body, "the sample case has photos in its body"
    for photo in body:
        assert photo["caption"] == photo["alt"] and photo["alt"], photo
        assert photo["shown"] and not photo["inParagraph"], photo  # a figure, not inside a <p>
    page.context.close()


def test_captions_are_text_never_markup(browser, edge_site):
    page = open_page(browser, edge_site, f"cases/{EDGE_CAPTION_CASE}/", width=375)
    captioned = [p for p in _photos(page) if p["caption"] is not None]
    assert [p["caption"] for p in captioned] == [EDGE_CAPTION]
    assert "<b>" not in captioned[0]["captionHtml"] and "&lt;b&gt;" in captioned[0]["captionHtml"]
    assert page.locator(".sc-case__body figcaption b").count() == 0
    page.context.close()


def test_embed_code_waits_behind_a_closed_control(browser, sample_site):
    """The iframe snippet is for webmasters: closed by default, one tap opens it."""
    page = open_page(browser, sample_site, sample_site.pages()["case"], width=375)
    code = page.locator("[data-sc-embed]")
    assert not code.is_visible()
    assert page.locator('[data-sc-copy="link"]').is_visible() and page.locator('[data-sc-copy="citation"]').is_visible()
    control = page.locator(".sc-cite summary")
    assert control.inner_text().strip() == "嵌入本案例"
    box = control.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    control.click()
    assert code.is_visible() and page.locator('[data-sc-copy="embed"]').is_visible()
    assert code.input_value().startswith("<iframe src=")
    page.context.close()


def test_theme_feeds_are_one_subscribe_control(browser, sample_site):
    """“RSS 订阅 Atom 订阅 JSON Feed 订阅” wrapped across lines: now one control, closed."""
    page = open_page(browser, sample_site, sample_site.pages()["theme"], width=375)
    feeds = page.locator(".sc-feeds")
    links = feeds.locator("a[type]")
    assert links.count() == 3 and not any(links.nth(i).is_visible() for i in range(3))
    control = feeds.locator("summary")
    assert control.count() == 1 and control.inner_text().strip() == "订阅本主题"
    assert control.bounding_box()["height"] >= 44
    control.click()
    assert feeds.locator(".sc-feeds__hint").is_visible()
    # a reader's trial tapped one and met raw XML: the hint says these are addresses to copy
    assert "复制链接地址" in feeds.locator(".sc-feeds__hint").inner_text() and "一堆代码" in feeds.locator(".sc-feeds__hint").inner_text()
    lines = links.evaluate_all("""(links) => links.map((a) => {
        const tops = new Set([...a.getClientRects()].map((r) => Math.round(r.top)));
        return [a.textContent, tops.size, a.getBoundingClientRect().right <= innerWidth, a.getBoundingClientRect().height];
    })""")
    assert [line[0] for line in lines] == ["RSS 订阅", "Atom 订阅", "JSON Feed 订阅"]
    assert all(n == 1 and inside and height >= 44 for _, n, inside, height in lines), lines
    page.context.close()


def test_date_chip_is_labelled_and_registration_is_apart_from_the_name(browser, sample_site):
    page = open_page(browser, sample_site, "cases/gz-yuexiu-2023-001/", width=1280)
    chip = page.locator(".sc-badges a.sc-chip:has(time)")
    assert chip.inner_text().strip() == "开展时间 2023年3月1日"  # in words, as the booklets and search write a day
    facts = page.locator(".sc-facts div:has(dt:text-is('实施组织')) dd")
    assert facts.locator(".sc-reg").inner_text() == "已备案"
    # Beside the name with a gap, or on the next line.
    gap = facts.evaluate("""(dd) => {
        const range = document.createRange(); range.selectNodeContents(dd.firstChild);
        const name = [...range.getClientRects()].pop(), badge = dd.querySelector('.sc-reg').getBoundingClientRect();
        return badge.top >= name.bottom - 1 ? 100 : badge.left - name.right;
    }""")
    assert gap >= 6, f"（备案）glued to the name: {gap} px apart"
    assert "（备案）" not in facts.inner_text()
    # 城市 or 农村 on a line of its own, named: （城市） after the street read as part of the address (a reader's trial)
    region = page.locator(".sc-facts div:has(dt:text-is('地区')) dd").inner_text()
    assert "（" not in region and page.locator(".sc-facts div:has(dt:text-is('城乡')) dd").inner_text() == "城市"
    page.context.close()


def test_the_contents_beside_a_case_lead_to_how_to_cite_it(browser, sample_site):
    """A reader's trial: the contents at 1280 px listed the body's four sections, not 引用本案例,
    which a department's staff come for."""
    page = open_page(browser, sample_site, "cases/gz-yuexiu-2023-001/", width=1280)
    links = page.locator(".md-sidebar--secondary .md-nav__link")
    assert links.all_inner_texts()[-1].strip() == "引用本案例"
    assert links.last.get_attribute("href") == "#cite" and page.locator("#cite h2").inner_text() == "引用本案例"
    page.context.close()


def test_a_phone_has_the_case_s_contents_too(browser, sample_site):
    """A reader's trial: below 960 px Material shows no contents for a case page (it is out of
    the navigation), and ☰ lists only the site's sections: eight screens with no way to 工作成效
    or 引用本案例. A 本页目录 box under the facts lists them on phones and tablets, its rows
    finger-sized; where Material's column is, and on paper, it is not shown."""
    for width in (375, 768):
        page = open_page(browser, sample_site, "cases/gz-haizhu-2022-003/", width=width)
        box = page.locator("details.sc-toc")
        assert box.is_visible() and box.locator("summary").inner_text().strip() == "本页目录"
        box.locator("summary").click()
        links = box.locator("a")
        assert links.all_inner_texts() == ["基本情况", "主要做法", "工作成效", "经验启示", "引用本案例"]
        assert all(b["height"] >= 44 for b in links.evaluate_all("as => as.map(a => a.getBoundingClientRect().toJSON())"))
        links.nth(2).click()
        page.wait_for_function("location.hash !== ''")
        heading = page.locator(page.evaluate("location.hash")).bounding_box()
        assert heading is not None and 0 <= heading["y"] < 400, heading  # the section at the top of the screen
        page.emulate_media(media="print")
        assert not box.is_visible()
        page.context.close()
    page = open_page(browser, sample_site, "cases/gz-haizhu-2022-003/", width=1280)
    assert page.locator("details.sc-toc").count() == 1 and not page.locator("details.sc-toc").is_visible()
    assert page.locator("details.sc-toc").get_attribute("data-pagefind-ignore") == "all"  # not in the search index
    page.context.close()
