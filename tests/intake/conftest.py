"""Word submissions made by other programs: the form filled by python-docx and by
LibreOffice (headless), a free-form write-up made by pandoc; phone photos with GPS.

Files are made once per session (LibreOffice and pandoc take seconds each) and copied
into each test's own folder.
"""

from __future__ import annotations

import base64
import shutil
from datetime import date
from pathlib import Path

import pytest
from showcase.cli import main

from tests.support.images import phone_jpeg
from tests.support.office import libreoffice_convert
from tests.support.project import ROOT, make_project

__all__ = ["ROOT", "make_project"]

# What an organization types into the form's second cells.
TYPED = {
    "案例名称": "红马甲助老服务队：让空巢老人吃上热饭",
    "案例摘要": "岳麓区某某社区红马甲助老服务队组织46名志愿者，为辖区空巢老人送餐上门、结对陪伴，两年服务1200人次。",
    "实践主题": "便民服务、创新社区治理",
    "组织名称": "长沙市岳麓区某某社区红马甲助老服务队",
    "组织类别": "公益慈善类",
    "登记情况": "备案",
    "省份": "湖南",
    "城市": "长沙市",
    "区县": "岳麓区",
    "街道（乡镇）": "某某街道",
    "社区（村）": "某某社区",
    "城市或农村": "城市",
    "开展时间": "2024年3月5日",
    "结束时间": "２０２５年１月２０日",
    "活动品牌": "邻里守望",
    "服务对象": "空巢老人、独居老人",
    "标签": "助餐，结对帮扶",
    "志愿者人数": "46人",
    "服务人次": "1,200人次",
    "联系人": "张晓红",
    "联系电话": "13812345678",
}
# The front matter those values must give, key by key.
EXPECTED = {
    "id": "cs-yuelu-2024-001",
    "title": "红马甲助老服务队：让空巢老人吃上热饭",
    "summary": TYPED["案例摘要"],
    "themes": ["便民服务", "社区治理"],
    "organization": {"name": "长沙市岳麓区某某社区红马甲助老服务队", "category": "公益慈善类", "registration": "备案"},
    "region": {"province": "湖南省", "city": "长沙市", "county": "岳麓区", "street": "某某街道", "community": "某某社区"},
    "area": "城市",
    "date": date(2024, 3, 5),
    "end_date": date(2025, 1, 20),
    "status": "draft",
    "brands": ["邻里守望"],
    "beneficiaries": ["空巢老人", "独居老人"],
    "tags": ["助餐", "结对帮扶"],
    "volunteers": 46,
    "served": 1200,
    "cover": "photo1.jpg",
}
# Under the form's headings: text, then two pasted photos, each followed by its caption.
SECTIONS = {
    "基本情况": ["某某社区有空巢老人 300 多户，吃饭难是大家最操心的事。"],
    "主要做法": [
        "一、建队伍",
        "服务队有 46 名志愿者，分成三个小组。",
        ("photo", 0),
        "志愿者为老人送餐",
        ("photo", 1),
        "老人们在长者饭堂吃饭",
    ],
    "工作成效": ["两年来服务 1200 人次，老人们说饭菜热乎。"],
}
# Free-form write-up in Markdown, turned into .docx by pandoc.
FREEFORM = """\
# 小板凳议事会：把社区的事摆到桌面上

申报单位：广州市越秀区某某街小板凳议事会
联系人：李四

一、基本情况

某某社区是老城区，居民议事**没有固定场所**。

二、主要做法

（一）定时间

每月 15 日晚上开会，议题提前公示。

- 居民提出议题
- 议事会讨论表决

![居民围坐议事](meeting.jpg)

| 年份 | 议题 | 办结 |
|------|------|------|
| 2023 | 12 | 11 |
| 2024 | 15 | 15 |

三、工作成效

两年办结 26 件民生小事。
"""


def showcase(*args: str) -> int:
    return main(list(args))


@pytest.fixture(scope="session")
def made(tmp_path_factory) -> Path:
    """A folder holding the form, the two photos and the filled files (made once)."""
    folder = tmp_path_factory.mktemp("made")
    assert showcase("-f", str(ROOT / "mkdocs.yml"), "template", "-o", str(folder / "案例申报表.docx")) == 0
    phone_jpeg(folder / "p0.jpg", size=(1600, 1200), noise=20)
    phone_jpeg(folder / "p1.jpg", size=(800, 600), seed=1)
    return folder


def fill_with_python_docx(form: Path, out: Path, photos: list[Path]) -> Path:
    from docx import Document
    from docx.shared import Cm

    document = Document(str(form))
    for row in document.tables[0].rows:
        label = row.cells[0].paragraphs[0].text
        if label in TYPED:
            row.cells[1].paragraphs[0].text = TYPED[label]
    paragraphs = document.paragraphs
    for index, paragraph in enumerate(paragraphs):
        if paragraph.text in SECTIONS:
            slot = paragraphs[index + 2]  # the empty paragraph after the guidance line
            for item in SECTIONS[paragraph.text]:
                new = slot.insert_paragraph_before()
                if isinstance(item, tuple):
                    new.add_run().add_picture(str(photos[item[1]]), width=Cm(12))
                elif item.startswith("一、"):
                    new.add_run(item).bold = True
                else:
                    new.add_run(item)
    document.save(str(out))
    return out


def fill_with_libreoffice(form: Path, out: Path, photos: list[Path], work: Path) -> Path:
    """The form opened by LibreOffice (docx → flat ODT), values typed into the second
    cells and photos pasted as LibreOffice stores them, saved by LibreOffice as .docx."""
    from lxml import etree

    shutil.copy(form, work / "form.docx")
    fodt = libreoffice_convert(work / "form.docx", "fodt", work)
    ns = {
        "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
        "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
        "xlink": "http://www.w3.org/1999/xlink",
    }
    tree = etree.parse(str(fodt))

    def q(name: str) -> str:
        prefix, local = name.split(":")
        return f"{{{ns[prefix]}}}{local}"

    for row in tree.iterfind(".//table:table-row", ns):
        cells = row.findall("table:table-cell", ns)
        label = "".join(cells[0].find("text:p", ns).itertext())
        if label in TYPED:
            cells[1].find("text:p", ns).text = TYPED[label]
    for heading in list(tree.iterfind(".//text:h", ns)):
        name = "".join(heading.itertext())
        if name not in SECTIONS:
            continue
        slot = heading.getnext().getnext()  # the empty paragraph after the guidance line
        for number, item in enumerate(SECTIONS[name]):
            paragraph = etree.Element(q("text:p"))
            if isinstance(item, tuple):
                frame = etree.SubElement(
                    paragraph,
                    q("draw:frame"),
                    {q("draw:name"): f"照片{number}", q("text:anchor-type"): "as-char", q("svg:width"): "12cm", q("svg:height"): "9cm"},
                )
                image = etree.SubElement(frame, q("draw:image"))
                etree.SubElement(image, q("office:binary-data")).text = base64.b64encode(photos[item[1]].read_bytes()).decode()
            else:
                paragraph.text = item
            slot.addprevious(paragraph)
    filled = work / "filled.fodt"
    tree.write(str(filled), xml_declaration=True, encoding="UTF-8")
    docx = libreoffice_convert(filled, "docx:MS Word 2007 XML", work)
    return Path(shutil.move(docx, out))


@pytest.fixture(scope="session")
def by_python_docx(made: Path) -> Path:
    return fill_with_python_docx(made / "案例申报表.docx", made / "申报表-python-docx.docx", [made / "p0.jpg", made / "p1.jpg"])


@pytest.fixture(scope="session")
def by_libreoffice(made: Path, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("lo")
    return fill_with_libreoffice(made / "案例申报表.docx", made / "申报表-libreoffice.docx", [made / "p0.jpg", made / "p1.jpg"], work)


@pytest.fixture(scope="session")
def by_pandoc(made: Path) -> Path:
    import pypandoc

    work = made / "pandoc"
    work.mkdir()
    phone_jpeg(work / "meeting.jpg", size=(1400, 1000), seed=3)
    out = made / "议事会材料.docx"
    pypandoc.convert_text(
        FREEFORM, "docx", format="markdown", outputfile=str(out), extra_args=[f"--resource-path={work}"], cworkdir=str(work)
    )
    return out


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    """A project copy with an empty cases/ folder, as the current directory."""
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    return tmp_path
