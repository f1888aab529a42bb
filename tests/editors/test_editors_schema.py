"""`showcase schema`: a JSON Schema generated from the taxonomy that accepts valid cases
and rejects broken ones, and the VS Code files that use it."""

from __future__ import annotations

import copy
import json
import re
from datetime import date

import jsonschema
import pytest
import yaml
from PIL import Image
from showcase.core.case import source
from showcase.core.case.fields import NESTED_KEYS, TOP_KEYS
from showcase.core.collection.loading import discover, load_case
from showcase.core.collection.settings import Settings
from showcase.core.collection.taxonomy import load_taxonomy
from showcase.core.diagnostics import DiagnosticList
from showcase.core.editors.schema import build_schema, build_snippets, dumps, instance_of

from .conftest import ROOT, front_matter, run, write_case

SCHEMA = build_schema(load_taxonomy())
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def front_matter_of(path) -> dict:
    parts = source.split(path.read_text(encoding="utf-8-sig"), DiagnosticList(path))
    return yaml.safe_load(parts.front_matter)


def errors_for(data: dict) -> list[jsonschema.ValidationError]:
    return list(VALIDATOR.iter_errors(instance_of(data)))


def test_schema_is_valid_draft7_and_covers_every_key_the_rules_know():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert list(SCHEMA["properties"]) == TOP_KEYS
    for parent, children in NESTED_KEYS.items():
        assert list(SCHEMA["properties"][parent]["properties"]) == list(children)


def test_each_choice_is_described_by_its_own_note_from_the_field_table():
    """The descriptions were typed in the schema's code, matched to the choices by position."""
    from showcase.core.case.fields import FIELDS

    for f in [f for top in FIELDS for f in (top, *top.fields)]:
        assert len(f.choice_notes) in (0, len(f.choices)), f.key
        assert len(f.choice_keys) in (0, len(f.choices)), f.key
    registration = SCHEMA["properties"]["organization"]["properties"]["registration"]
    described = dict(zip(registration["enum"], registration["enumDescriptions"], strict=True))
    assert described == {"登记": "在民政部门登记", "备案": "在街道或乡镇备案"}
    assert registration["description"] == "登记（在民政部门登记）或备案（在街道或乡镇备案）。"


def test_enums_hold_every_accepted_form_from_the_taxonomy():
    tax = load_taxonomy()
    themes = SCHEMA["properties"]["themes"]["items"]["enum"]
    for term in tax.themes:
        assert {term.key, term.name, term.short} <= set(themes)
    assert len(SCHEMA["properties"]["themes"]["items"]["enumDescriptions"]) == len(themes)
    categories = SCHEMA["properties"]["organization"]["properties"]["category"]["enum"]
    assert {t.key for t in tax.categories} | {t.name for t in tax.categories} | {"公益慈善", "生活服务", "社区事务", "文体活动"} == set(
        categories
    )
    brands = SCHEMA["properties"]["brands"]["items"]["enum"]
    assert {"邻里守望", "linli-shouwang", "文化铸魂"} <= set(brands)
    assert {"广东省", "广东", "guangdong"} <= set(SCHEMA["properties"]["region"]["properties"]["province"]["enum"])
    assert SCHEMA["properties"]["status"]["enum"] == ["draft", "review", "published", "withdrawn"]
    assert "凝心铸魂" in SCHEMA["properties"]["themes"]["description"]  # Chinese descriptions


def test_the_committed_vscode_files_are_generated_from_the_taxonomy():
    assert (ROOT / ".vscode/case.schema.json").read_text(encoding="utf-8") == dumps(SCHEMA)
    assert (ROOT / ".vscode/cases.code-snippets").read_text(encoding="utf-8") == dumps(build_snippets(load_taxonomy()))
    # the province is chosen from the list, not the sample's typed in (a district's trial: 广东省 / 广州市 proposed to every case)
    body = build_snippets(load_taxonomy())["案例基本信息"]["body"]
    assert any(line.startswith("  province: ${7|北京市,") and "浙江省" in line for line in body), body
    assert "广东省" not in " ".join(line for line in body if not line.startswith("  province:")) and "广州市" not in " ".join(body)


def test_vscode_settings_map_the_schema_to_case_files():
    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./.vscode/case.schema.json"] == ["cases/**/index.md"]


def test_every_sample_case_that_passes_the_check_passes_the_schema():
    paths, _ = discover(ROOT / "cases")
    assert len(paths) >= 36  # the sample collection
    settings = Settings(check_images=False)
    for path in paths:
        case = load_case(path, settings)
        assert case.ok, [d.format() for d in case.diagnostics]
        assert errors_for(front_matter_of(path)) == [], path


@pytest.mark.parametrize(
    "overrides",
    [
        {"themes": ["bianmin-fuwu", "社区治理", "落实凝心铸魂"]},  # key, short and full names
        {"status": "draft", "review": None},
        {"status": "withdrawn", "withdrawn_reason": "组织已注销"},
        {"organization": {"name": "某某协会", "category": "文体活动类", "registration": "登记"}},
        {"brands": ["邻里守望", "gongchuang-pingan"], "aliases": ["old-id-2020-001"], "featured": True, "end_date": "2024-12-31"},
    ],
)
def test_valid_variants_pass(overrides):
    assert errors_for(front_matter("gz-yuexiu-2023-001", 0, **overrides)) == []


@pytest.mark.parametrize(
    ("overrides", "where"),
    [
        ({"themes": ["便民服务类"]}, "themes"),
        ({"themes": []}, "themes"),
        ({"themes": ["便民服务", "新风正气", "社区治理", "精神文化"]}, "themes"),
        ({"summary": "太短了"}, "summary"),
        ({"summary": None}, "summary"),
        ({"id": "GZ 越秀 001"}, "id"),
        ({"date": "2023年3月1日"}, "date"),
        ({"status": "已发布"}, "status"),
        ({"review": None}, "review"),  # published without review
        ({"review": {"reviewer": "越秀区民政局"}}, "approved"),
        ({"organization": {"name": "某某协会", "category": "社区服务类"}}, "category"),
        ({"region": {"province": "广东"}, "titel": "typo"}, "titel"),
        ({"volunteers": -3}, "volunteers"),
        ({"title": "<b>标题</b>加粗了"}, "title"),
    ],
)
def test_broken_front_matter_is_rejected(overrides, where):
    errors = errors_for(front_matter("gz-yuexiu-2023-001", 0, **overrides))
    assert errors
    assert any(where in "/".join(map(str, e.absolute_path)) + " " + e.message for e in errors), [e.message for e in errors]


def test_a_broken_sample_file_is_rejected(project):
    path = write_case(project / "cases", "gz-yuexiu-2023-001", 0)
    data = front_matter_of(path)
    assert errors_for(data) == []
    broken = copy.deepcopy(data)
    broken["organization"]["category"] = "便民服务"  # a theme where a category belongs
    del broken["date"]
    messages = " ".join(e.message for e in errors_for(broken))
    assert "'date' is a required property" in messages and "便民服务" in messages


def test_schema_command_writes_from_a_sites_own_taxonomy(project, capsys):
    taxonomy = {
        "themes": [{"key": "lilun-xuanjiang", "name": "理论宣讲"}, {"key": "yifeng-yisu", "name": "移风易俗"}],
        "categories": [{"key": "qita", "name": "其他类"}],
    }
    (project / "taxonomy.yml").write_text(yaml.safe_dump(taxonomy, allow_unicode=True), encoding="utf-8")
    code, _, err = run(["schema", "--taxonomy", "taxonomy.yml", "-o", "out/case.schema.json", "--snippets", "out/s.code-snippets"], capsys)
    assert code == 0, err
    schema = json.loads((project / "out/case.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["themes"]["items"]["enum"] == ["理论宣讲", "lilun-xuanjiang", "移风易俗", "yifeng-yisu"]
    snippets = json.loads((project / "out/s.code-snippets").read_text(encoding="utf-8"))
    assert "${1|理论宣讲,移风易俗|}" in snippets["实践主题"]["body"][0]
    # --check: current files pass, a stale one fails with the command to fix it.
    args = ["schema", "--taxonomy", "taxonomy.yml", "-o", "out/case.schema.json", "--check"]
    assert run(args, capsys)[0] == 0
    (project / "out/case.schema.json").write_text("{}", encoding="utf-8")
    code, _, err = run(args, capsys)
    assert code == 1 and "showcase schema -o out/case.schema.json" in err


def test_schema_prints_to_stdout_by_default(project, capsys):
    code, out, _ = run(["schema"], capsys)
    assert code == 0 and json.loads(out) == SCHEMA


def test_vscode_task_problem_matcher_reads_the_checkers_output(project, capsys):
    write_case(project / "cases", "gz-yuexiu-2023-001", 0, summary="太短了")
    _, out, _ = run(["check"], capsys)
    tasks = json.loads((ROOT / ".vscode/tasks.json").read_text(encoding="utf-8"))
    matcher = tasks["tasks"][0]["problemMatcher"]["pattern"]
    pattern = re.compile(matcher["regexp"])
    matches = [m for m in map(pattern.match, out.splitlines()) if m]
    assert len(matches) == 1
    match = matches[0]
    assert match.group(matcher["file"]).endswith("gz-yuexiu-2023-001/index.md")
    assert match.group(matcher["severity"]) == "error" and match.group(matcher["code"]) == "length"
    assert int(match.group(matcher["line"])) > 1


def _expanded(body: list[str], chosen: dict[int, str] | None = None) -> str:
    """A snippet's body as VS Code inserts it when the writer only presses Tab: each
    placeholder's default words, a choice's first item (or ``chosen``'s), variables as today."""
    today = date.today()
    variables = {"CURRENT_YEAR": f"{today:%Y}", "CURRENT_MONTH": f"{today:%m}", "CURRENT_DATE": f"{today:%d}"}
    text = "\n".join(body)
    text = re.sub(r"\$\{(CURRENT_\w+)\}", lambda m: variables[m.group(1)], text)
    text = re.sub(r"\$\{(\d+)\|([^|}]*)\|\}", lambda m: (chosen or {}).get(int(m.group(1)), m.group(2).split(",")[0]), text)
    while re.search(r"\$\{\d+:[^${}]*\}", text):
        text = re.sub(r"\$\{\d+:([^${}]*)\}", r"\1", text)
    return text.replace("$0", "居民在社区活动室里学习使用智能手机。")


def test_a_case_written_from_the_snippets_cannot_be_sent_with_their_words_left(project, capsys):
    """An editor's week: a case from the 案例 snippet kept its 组织全称 and 城市（直辖市不写这一行）
    and passed the check and approve, and the city was published as a region page of its
    own. Each word to replace is the template's 【请填写…】: a reminder in a draft, an error
    once the case is sent to review, naming its line."""
    snippets = build_snippets(load_taxonomy())
    text = _expanded(snippets["案例基本信息"]["body"], {7: "广东省"})
    folder = project / "cases" / "广东省" / "gz-yuexiu-2024-001"
    folder.mkdir(parents=True)
    Image.new("RGB", (800, 600), (150, 90, 60)).save(folder / "photo1.jpg")
    path = folder / "index.md"
    path.write_text(text + "\n\n" + _expanded(snippets["图片"]["body"]) + "\n", encoding="utf-8")
    lines = path.read_text(encoding="utf-8").split("\n")
    words = {
        key: next(n for n, line in enumerate(lines, 1) if line.lstrip().startswith(key)) for key in ("title:", "summary:", "name:", "city:")
    }
    code, out, _ = run(["check"], capsys)
    assert code == 0, out
    for key, line in words.items():
        assert f"index.md:{line}: warning [placeholder]" in out, (key, out)
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft", "status: review"), encoding="utf-8")
    code, out, _ = run(["check"], capsys)
    assert code == 1
    for key, line in words.items():
        assert f"index.md:{line}: error [placeholder]" in out, (key, out)
    assert f"index.md:{len(lines) - 1}: error [placeholder]" in out, out  # the photo's caption
    # a municipality chosen: no advice on the city row while it holds the template's words
    # (a second trial: 把 city 这一行改成 county: 【请填写城市（直辖市删掉这一行）】区)
    beijing = _expanded(snippets["案例基本信息"]["body"], {7: "北京市"}).replace("status: draft", "status: review")
    path.write_text(beijing + "\n", encoding="utf-8")
    code, out, _ = run(["check"], capsys)
    assert code == 1 and "unknown-city" not in out and "【请填写城市（直辖市删掉这一行）】区" not in out, out
    review = _expanded(snippets["审核信息"]["body"])
    assert "【请填写" in review.split("\n")[1]
