"""``showcase template``: the form is generated from the field table and the site's taxonomy."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from showcase.cli import main

LABELS = [
    "案例名称",
    "案例摘要",
    "实践主题",
    "组织名称",
    "组织类别",
    "登记情况",
    "省份",
    "城市",
    "区县",
    "街道（乡镇）",
    "社区（村）",
    "城市或农村",
    "开展时间",
    "结束时间",
    "活动品牌",
    "服务对象",
    "标签",
    "志愿者人数",
    "服务人次",
    "联系人",
    "联系电话",
]


def test_the_form_has_one_two_column_table_with_the_labels_and_hints(made: Path) -> None:
    document = Document(str(made / "案例申报表.docx"))
    (table,) = document.tables
    assert all(len(row.cells) == 2 for row in table.rows)
    assert [row.cells[0].paragraphs[0].text for row in table.rows] == LABELS
    assert all(not row.cells[1].text for row in table.rows)  # the second cells are for the values
    hints = {row.cells[0].paragraphs[0].text: row.cells[0].paragraphs[1].text for row in table.rows}
    assert hints["案例名称"] == "必填。4–80 个字，写清楚谁、做了什么"
    assert "20–300 个字" in hints["案例摘要"]
    assert hints["实践主题"].endswith("可选：凝心铸魂、新风正气、精神文化、便民服务、社区治理、服务阵地") and "1–3 个" in hints["实践主题"]
    assert hints["组织类别"] == "必填。选一个：公益慈善类、生活服务类、社区事务类、文体活动类"
    # a choice's words come from the field table (an audit: typed in form.yml, a renamed choice kept its old word)
    assert hints["登记情况"] == "填“登记”（在民政部门登记）或“备案”（在街道或乡镇备案）"
    assert hints["城市或农村"] == "填“城市”或“农村”"
    from showcase.core.case.fields import FIELDS

    for f in [f for top in FIELDS for f in (top, *top.fields) if f.kind == "choice"]:
        assert all(f"“{choice}”" in hints[f.form or ""] for choice in f.choices), f.key
    assert "邻里守望、共建共治共享、共创平安、文化铸魂" in hints["活动品牌"]
    assert "不会公开" in hints["联系电话"]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["案例正文", "基本情况", "主要做法", "工作成效", "经验启示"]
    texts = [p.text for p in document.paragraphs]
    assert any("照片" in t and "说明" in t and "封面" in t for t in texts)  # the note on photos
    for heading in headings[1:]:  # each heading has one line of guidance under it
        assert texts[texts.index(heading) + 1]
    # declared Chinese, so that Word draws the quotes of the hints full width
    assert 'w:eastAsia="zh-CN"' in document.styles.element.xml


def test_a_site_with_its_own_taxonomy_gets_its_own_form(tmp_path: Path, capsys) -> None:
    own = tmp_path / "taxonomy.yml"
    own.write_text(
        "themes:\n  - {key: yi, name: 理论宣讲}\n  - {key: er, name: 志愿服务}\n"
        "categories:\n  - {key: a, name: 枢纽型}\n  - {key: b, name: 服务型}\n",
        encoding="utf-8",
    )
    out = tmp_path / "表.docx"
    assert main(["template", "--taxonomy", str(own), "-o", str(out)]) == 0
    assert "已生成申报表" in capsys.readouterr().out
    (table,) = Document(str(out)).tables
    hints = {row.cells[0].paragraphs[0].text: row.cells[0].paragraphs[1].text for row in table.rows}
    assert hints["实践主题"].endswith("可选：理论宣讲、志愿服务")
    assert hints["组织类别"].endswith("枢纽型、服务型")
    assert hints["活动品牌"].endswith("（本站未设）")


def test_the_form_is_written_once_a_process_for_the_same_words_and_taxonomy(tmp_path: Path, monkeypatch) -> None:
    """Every build publishes the form (python-docx: 0.04 s each time): made once for the same
    words and hints, and again, as it would be afresh, for another taxonomy or other words."""
    from showcase.core.collection.taxonomy import load_taxonomy
    from showcase.core.outputs import form

    made = []
    document = form._document
    monkeypatch.setattr(form, "_document", lambda taxonomy, texts: made.append(1) or document(taxonomy, texts))
    monkeypatch.setattr(form, "_MADE", {})
    packaged = load_taxonomy()
    first = form.form_bytes(packaged)
    assert form.form_bytes(load_taxonomy()) == first and len(made) == 1  # the same, read again
    own = tmp_path / "taxonomy.yml"
    own.write_text("themes:\n  - {key: yi, name: 理论宣讲}\ncategories:\n  - {key: a, name: 枢纽型}\n", encoding="utf-8")
    other = form.form_bytes(load_taxonomy(own))
    assert len(made) == 2 and other != first
    worded = form.form_bytes(packaged, {**form.form_texts(), "title": "申报表（本站）"})
    assert len(made) == 3 and worded not in (first, other)
    monkeypatch.setattr(form, "_MADE", {})  # nothing kept: the same bytes made afresh
    assert form.form_bytes(load_taxonomy(own)) == other and len(made) == 4


def test_the_output_must_be_a_docx(tmp_path: Path, capsys) -> None:
    assert main(["template", "-o", str(tmp_path / "表.doc")]) == 2
    assert "要保存成 .docx" in capsys.readouterr().err
    assert not (tmp_path / "表.doc").exists()


def test_a_form_that_is_there_is_not_replaced_unasked(made: Path, tmp_path: Path, capsys) -> None:
    """A form sent back filled in, saved under the name the blank one is written to, was
    replaced by a blank form without a word (a review). It is kept unless --force is given."""
    import shutil

    filled = tmp_path / "案例申报表.docx"
    shutil.copy(made / "案例申报表.docx", filled)
    document = Document(str(filled))
    document.tables[0].rows[0].cells[1].paragraphs[0].text = "银龄互助 温暖邻里"
    document.save(str(filled))
    kept = filled.read_bytes()
    assert main(["template", "-o", str(filled)]) == 2
    err = capsys.readouterr().err
    assert "这个文件已经有了" in err and "已经填好的申报表，填的内容会丢失" in err and "--force" in err
    assert filled.read_bytes() == kept
    lock = tmp_path / f".~lock.{filled.name}#"
    lock.write_text("open in LibreOffice", encoding="utf-8")
    assert main(["template", "-o", str(filled)]) == 2
    assert "正在 Word、WPS 或 LibreOffice 里打开着" in capsys.readouterr().err
    # nor with --force (regenerating takes it every time); a mark left by a crash is named
    assert main(["template", "-o", str(filled), "--force"]) == 2
    assert f"请删掉它旁边的 {lock.name}" in capsys.readouterr().err
    assert filled.read_bytes() == kept
    lock.unlink()
    assert main(["template", "-o", str(filled), "--force"]) == 0
    assert Document(str(filled)).tables[0].rows[0].cells[1].paragraphs[0].text != "银龄互助 温暖邻里"
