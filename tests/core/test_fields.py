"""The field table (data/fields.yml) is the one place field rules are written."""

from __future__ import annotations

import json
from pathlib import Path

from showcase.core.case import rules
from showcase.core.case.fields import FIELDS, REQUIRED, field, guide_table
from showcase.core.collection.taxonomy import load_taxonomy
from showcase.core.editors.schema import build_schema

from .helpers import LINE, VALID, edit, load

ROOT = Path(__file__).resolve().parents[2]


def test_the_guide_shows_the_table_of_the_data_file():
    assert guide_table() in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_rules_and_schema_read_the_same_bounds():
    schema = build_schema(load_taxonomy())
    title, summary, themes = field("title"), field("summary"), field("themes")
    assert (schema["properties"]["title"]["minLength"], schema["properties"]["title"]["maxLength"]) == (title.lo, title.hi)
    assert (schema["properties"]["summary"]["minLength"], schema["properties"]["summary"]["maxLength"]) == (summary.lo, summary.hi)
    assert (schema["properties"]["themes"]["minItems"], schema["properties"]["themes"]["maxItems"]) == (themes.lo, themes.hi)
    assert schema["required"] == list(REQUIRED)
    assert field("organization", "registration").choices == rules.REGISTRATIONS
    case = load(edit(VALID, "title: 北京街道老年人协会“银龄互助”守望空巢老人", "title: 互助"))
    message = next(d for d in case.diagnostics if d.code == "length")
    assert message.line == LINE["title"] and f"{title.lo}–{title.hi}" in message.message


def test_every_form_label_is_unique_and_every_field_has_a_label():
    labels = [f.form for f in FIELDS for f in (f, *f.fields) if f.form]
    assert len(labels) == len(set(labels))
    assert all(f.label for f in FIELDS)


def test_a_sites_guide_lists_its_own_terms_not_the_packaged_ones(tmp_path):
    # a maintainer's trial: after merging two series, /guide/ still listed 共创平安 and 文化铸魂
    from showcase.core.editors.guide import guide_markdown

    packaged = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    merged = packaged.replace(
        "  - key: gongchuang-pingan\n    name: 共创平安\n", "  - key: pingan-jianshe\n    name: 平安建设\n    aliases: [共创平安]\n"
    )
    assert merged != packaged
    (tmp_path / "tax.yml").write_text(merged, encoding="utf-8")
    guide = guide_markdown(ROOT / "CONTRIBUTING.md", taxonomy=load_taxonomy(tmp_path / "tax.yml"))
    assert guide is not None
    row = next(line for line in guide.splitlines() if line.startswith("| `brands` |"))
    assert row == "| `brands` | 否 | 活动品牌：邻里守望、共建共治共享、平安建设、文化铸魂 |"
    assert "活动品牌：邻里守望、共建共治共享、共创平安" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")  # the packaged ones there


def test_a_guide_written_for_an_earlier_version_gets_the_sites_terms_too(tmp_path):
    # a review: the table was replaced only where it matched this version's words exactly
    from showcase.core.editors.guide import guide_markdown

    current = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    older = current.replace("第一个是主要主题：`[凝心铸魂, 新风正气]`", "第一个是主要主题：`[便民服务, 新风正气]`").replace(
        "实践主题：凝心铸魂、新风正气", "六个实践主题：凝心铸魂、新风正气"
    )  # as f6eb8c3 wrote them
    assert older.count("六个实践主题：") == 1 and "`[便民服务, 新风正气]`" in older
    (tmp_path / "CONTRIBUTING.md").write_text(older, encoding="utf-8")
    packaged = (ROOT / "plugins/showcase/data/taxonomy.yml").read_text(encoding="utf-8")
    (tmp_path / "tax.yml").write_text(packaged.replace("    name: 共创平安\n", "    name: 平安建设\n"), encoding="utf-8")
    guide = guide_markdown(tmp_path / "CONTRIBUTING.md", taxonomy=load_taxonomy(tmp_path / "tax.yml"))
    assert guide is not None and "平安建设" in guide and "共创平安" not in guide and "六个实践主题：" not in guide


def test_the_id_rule_is_the_table_s_everywhere_it_is_said():
    """An audit: with max 80 in the table, the check still said 3–64 and cut suggestions
    at 64, and the published catalog's schema kept its own pattern."""
    id_field = field("id")
    from showcase.core.outputs.catalog import schema_text

    schema = json.loads(schema_text())
    patterns = {
        schema["$defs"]["case"]["properties"]["id"]["pattern"],
        schema["properties"]["withdrawn"]["items"]["properties"]["id"]["pattern"],
    }
    assert patterns == {f"^{rules.ID_PATTERN.pattern}$"}  # both ids of api/cases.schema.json
    case = load(edit(VALID, "id: gz-yuexiu-2023-001", "id: 广州越秀案例"))
    message = next(d for d in case.diagnostics if d.code == "bad-id")
    assert f"{id_field.lo}–{id_field.hi} 个字符" in message.hint
    assert len(rules.id_like("社区" * 100)) == id_field.hi


def test_the_word_form_s_words_name_the_table_s_rows():
    """An audit: renaming 案例名称 in fields.yml left its hint behind in form.yml (the form
    printed the row without it) and the import's other names pointing at nothing."""
    from showcase.core.editors.intake.address import PLACE
    from showcase.core.editors.intake.formtable import CONTACT_LABELS, SYNONYMS
    from showcase.core.outputs.form import form_texts, rows

    labels = {row.label for row in rows()}
    assert set(form_texts()["hints"]) == labels
    assert {target for target in SYNONYMS.values() if target != PLACE} <= labels
    assert set(CONTACT_LABELS.values()) <= labels


def test_the_published_catalog_schema_takes_its_bounds_and_choices_from_the_table(monkeypatch):
    """An audit: api/cases.schema.json typed them, so a title of up to 100 characters in
    fields.yml made the site's own records fail the schema published beside them."""
    import dataclasses

    from showcase.core.case import fields
    from showcase.core.outputs.catalog import schema_text

    monkeypatch.setitem(fields.BY_KEY, "title", dataclasses.replace(fields.BY_KEY["title"], max=100))
    schema = json.loads(schema_text())
    assert "$comment" not in schema  # the file's note to its maintainers is not published
    case = schema["$defs"]["case"]["properties"]
    assert case["title"]["maxLength"] == 100 and case["summary"]["maxLength"] == field("summary").hi
    assert (case["title"]["minLength"], case["summary"]["minLength"]) == (field("title").lo, field("summary").lo)
    name = field("organization", "name")
    assert (case["organization"]["properties"]["name"]["minLength"], case["organization"]["properties"]["name"]["maxLength"]) == (
        name.lo,
        name.hi,
    )
    assert (case["themes"]["minItems"], case["themes"]["maxItems"]) == (field("themes").lo, field("themes").hi)
    assert case["organization"]["properties"]["registration"]["enum"] == [*field("organization", "registration").choices, None]
    assert case["region"]["properties"]["area"]["enum"] == [*field("area").choices, None]


def test_the_readme_sends_a_reader_of_chinese_to_the_guide_before_its_english():
    """An editor who reads only Chinese opened README.md first and met 1,500 lines of English;
    the line that says the Chinese guide is CONTRIBUTING.md came at line 563 (an editor's trial)."""
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    first = head.split("\n\n")[1]  # the paragraph under the title
    assert "CONTRIBUTING.md" in first and "投稿指南" in first and "中文" in first
