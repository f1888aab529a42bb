"""What a chat app shows when a page's link is shared (helper shareH's trial).

WeChat's built-in link preview (no JS-SDK) reads the page's ``<title>`` and its
``<meta name="description">``; QQ, DingTalk, Weibo and Feishu read ``og:*``. A published
build (``site_url`` set) of a few cases is read as those apps read it: the first
``<title>`` of the document (a case page's QR code has an SVG ``<title>`` of its own,
further down) and the meta tags of its head.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from PIL import Image
from showcase.core.packaged import read_packaged

from tests.support.build import build_site
from tests.support.project import configure, make_project, project_folder, write_case

SITE_URL = "https://anli.example.gov.cn/"
TEXTS = read_packaged("texts.yml")
INTRO = "聚焦“邻里守望”，收录为老、助困方面运行成熟的服务阵地。\n\n第二段只在页面上。"


class Head(HTMLParser):
    """The document's title (its first ``<title>``) and its meta tags, by name or property."""

    def __init__(self) -> None:
        super().__init__()
        self.title: str | None = None
        self.meta: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "title" and self.title is None:
            self.title, self._in_title = "", True
        elif tag == "meta":
            key = values.get("name") or values.get("property") or values.get("http-equiv")
            if key:
                self.meta.setdefault(key, values.get("content") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data


def head(site: Path, url: str) -> Head:
    parsed = Head()
    parsed.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parsed


@pytest.fixture(scope="module")
def site():
    with project_folder("share-preview-") as folder:
        project = make_project(Path(folder))
        configure(project, SITE_URL, search=False, per_page=1)  # a theme of two cases on two pages
        cases = project / "cases"
        write_case(cases, "plain-001", 1, title="南华西街粤曲私伙局唱响社区“文化客厅”", themes=["bianmin-fuwu"])
        write_case(cases, "sample-002", 2, title="银龄互助守望空巢老人", tags=["示例"], themes=["bianmin-fuwu"])
        write_case(
            cases,
            "gone-003",
            3,
            title="阳光伙伴残疾人互助会开展居家康复陪伴",
            status="withdrawn",
            withdrawn_reason="组织已注销",
            aliases=["gone-old-003"],
        )
        write_case(cases, "moved-004", 4, title="石牌街“一站式”生活服务平台", tags=["示例"], aliases=["moved-old-004"])
        (project / "collections.yml").write_text(
            yaml.safe_dump(
                {"collections": [{"key": "linli", "title": "邻里守望", "intro": INTRO, "cases": ["plain-001", "sample-002"]}]},
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        yield build_site(project)


def test_a_sample_case_is_marked_in_what_wechat_reads(site):
    mark = TEXTS["site"]["sample_mark"].format(tag="示例")
    sample = head(site, "cases/sample-002")
    assert sample.title is not None and sample.title.startswith(mark + "银龄互助守望空巢老人"), sample.title
    assert sample.meta["description"].startswith(mark), sample.meta["description"]
    assert sample.meta["description"] == sample.meta["og:description"]  # the same words in every app
    assert sample.meta["og:title"] == mark + "银龄互助守望空巢老人"
    plain = head(site, "cases/plain-001")
    assert plain.title is not None and plain.title.startswith("南华西街粤曲私伙局唱响社区“文化客厅” - "), plain.title
    assert plain.meta["description"] == plain.meta["og:description"] and mark not in plain.meta["description"]


def test_a_withdrawn_case_preview_says_it_is_withdrawn(site):
    tomb = head(site, "cases/gone-003")
    # the first words a chat bubble shows say so (a bubble cuts the title at about 30 characters)
    assert tomb.title is not None and tomb.title.startswith(TEXTS["site"]["withdrawn_title"]), tomb.title
    assert "阳光伙伴残疾人互助会开展居家康复陪伴" in tomb.title
    assert tomb.meta["description"] == TEXTS["site"]["withdrawn_text"]  # not the site's “典型案例” pitch
    assert not any(key.startswith(("og:", "twitter:")) for key in tomb.meta)  # still nothing of the case


def test_listings_and_collections_describe_themselves(site):
    pitch = head(site, "").meta["description"]
    theme = head(site, "themes/bianmin-fuwu")
    wanted = next(t["description"] for t in read_packaged("taxonomy.yml")["themes"] if t["key"] == "bianmin-fuwu")
    assert theme.meta["description"] == wanted
    collection = head(site, "collections/linli")
    assert collection.meta["description"] == "聚焦“邻里守望”，收录为老、助困方面运行成熟的服务阵地。"  # its first paragraph
    assert head(site, "regions").meta["description"] == pitch  # a page without words of its own: the site's


def test_the_home_page_title_is_the_site_name(site):
    home = head(site, "")
    name = yaml.safe_load((Path(__file__).parents[2] / "mkdocs.yml").read_text(encoding="utf-8").split("\ndocs_dir", 1)[0])["site_name"]
    assert home.title == name  # not 首页 - …: 首页 means nothing in a chat bubble


def test_pages_other_than_cases_give_apps_the_same_preview(site):
    """QQ, DingTalk, Weibo and Feishu read og:*: the title and words WeChat shows, at the page's address."""
    for url in (
        "",
        "themes/bianmin-fuwu/",
        "themes/bianmin-fuwu/page/2/",
        "collections/",
        "collections/linli/",
        "regions/",
        "stats/",
        "about/",
    ):
        page = head(site, url)
        assert page.meta.get("og:type") == "website", url
        assert page.meta["og:title"] == page.title == page.meta["twitter:title"], url
        assert page.meta["og:description"] == page.meta["description"] == page.meta["twitter:description"], url
        assert page.meta["og:url"] == SITE_URL + url, url
    # a collection's preview shows its cover (the first of its cases with one), as a file the site has
    collection = head(site, "collections/linli/")
    assert collection.meta["og:image"] == SITE_URL + "cases/plain-001/cover.jpg"
    with Image.open(site / "cases/plain-001/cover.jpg") as cover:
        assert cover.format == "JPEG"
        assert (collection.meta["og:image:width"], collection.meta["og:image:height"]) == tuple(str(n) for n in cover.size)
    assert collection.meta["og:image:alt"] and collection.meta["twitter:card"] == "summary_large_image"
    # the others show the site's own card (its name, tagline and chip, drawn once): QQ and
    # DingTalk showed no picture beside a shared home page
    home = head(site, "")
    card = home.meta["og:image"]
    assert card.startswith(SITE_URL + "assets/share-") and card.endswith(".jpg")
    assert home.meta["twitter:card"] == "summary_large_image" and home.meta["twitter:image"] == card
    assert home.meta["og:image:alt"] == home.title  # the site's name
    for url in ("themes/bianmin-fuwu/", "regions/", "stats/", "about/", "collections/"):
        assert head(site, url).meta["og:image"] == card, url
    with Image.open(site / card.removeprefix(SITE_URL)) as drawn:
        assert drawn.format == "JPEG" and drawn.size == (1200, 630)
        assert (home.meta["og:image:width"], home.meta["og:image:height"]) == ("1200", "630")
        assert not drawn.getexif()
        # on the site's colour, as the header: the background's red where no text is drawn
        assert drawn.convert("RGB").getpixel((1150, 20)) == pytest.approx((163, 29, 29), abs=6)


def test_an_old_id_previews_as_the_case_it_leads_to(site):
    """A link with a renamed case's old id, shared again: WeChat does not follow the meta refresh,
    so the redirect page itself says what the case page says (its words now, none of before)."""
    old, new = head(site, "cases/moved-old-004"), head(site, "cases/moved-004")
    assert old.meta["refresh"].endswith("url=../moved-004/")
    assert old.title == new.title and old.title.startswith(TEXTS["site"]["sample_mark"].format(tag="示例"))
    for key in ("description", "og:title", "og:description", "og:url", "og:image", "og:image:width", "twitter:card"):
        assert old.meta[key] == new.meta[key], key
    assert old.meta["og:url"] == SITE_URL + "cases/moved-004/"
    # an old id of a withdrawn case leads to its notice, and its preview says it was withdrawn
    gone = head(site, "cases/gone-old-003")
    assert gone.title == head(site, "cases/gone-003").title and gone.title.startswith(TEXTS["site"]["withdrawn_title"])
    assert gone.meta["description"] == TEXTS["site"]["withdrawn_text"]
    assert not any(key.startswith(("og:", "twitter:")) for key in gone.meta)
