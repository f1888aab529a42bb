"""The fixture collections: every valid case passes; every defect is reported exactly.

tests/fixtures/valid holds cases written the ways the contract allows (BOM and CRLF,
quoted dates, keys or names, optional fields, images beside index.md and in a subfolder).
tests/fixtures/defective holds one folder per kind of mistake; GOLDEN below is the
complete, hand-checked output of `showcase check` on it.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from showcase.core.case.content import load_review_words
from showcase.core.collection.loading import check_collection, load_collection
from showcase.core.collection.settings import Settings

from tests.support.build import run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REVIEW_WORDS = resources.files("showcase") / "data" / "review-words.example.txt"

GOLDEN = [
    "defective/YAML/anchors/index.md:16: error [yaml-alias]",
    "defective/YAML/control/index.md:4: error [yaml-control-char]",
    "defective/YAML/duplicate/index.md:12: error [duplicate-key]",
    "defective/YAML/tags/index.md:3: error [yaml-tag]",
    "defective/图片/images/index.md:16: error [image-missing]",
    "defective/图片/images/index.md:23: warning [image-alt]",
    "defective/图片/images/index.md:23: error [image-outside]",
    "defective/图片/images/index.md:25: error [image-external]",
    "defective/图片/images/index.md:27: error [image-bad]",
    "defective/图片/images/index.md:29: error [image-bad]",
    "defective/图片/images/index.md:31: error [image-pixels]",
    "defective/字段/fields/index.md:2: error [bad-id]",
    "defective/字段/fields/index.md:3: error [length]",
    "defective/字段/fields/index.md:5: error [unknown-themes]",
    "defective/字段/fields/index.md:8: error [unknown-category]",
    "defective/字段/fields/index.md:9: error [bad-choice]",
    "defective/字段/fields/index.md:11: error [unknown-province]",
    "defective/字段/fields/index.md:12: error [bad-choice]",
    "defective/字段/fields/index.md:13: error [bad-date]",
    "defective/字段/fields/index.md:15: error [bad-number]",
    "defective/字段/fields/index.md:16: error [bad-number]",
    "defective/字段/fields/index.md:17: error [bad-type]",
    "defective/字段/fields/index.md:18: warning [unknown-key]",
    "defective/字段/fields/index.md:21: warning [body-title]",
    "defective/字段/missing/index.md:1: error [missing-key]",
    "defective/审核/future/index.md:15: error [approved-in-future]",
    "defective/审核/published-no-review/index.md:12: error [review-required]",
    "defective/审核/withdrawn-no-approved/index.md:13: error [missing-key]",
    "defective/结构/empty/index.md:1: error [empty-file]",
    "defective/结构/list/index.md:2: error [front-matter-not-mapping]",
    "defective/结构/no-front-matter/index.md:1: error [no-front-matter]",
    "defective/结构/notes.md:1: error [stray-markdown]",
    "defective/结构/unclosed/index.md:1: error [unclosed-front-matter]",
    "defective/编码/gbk-file/index.md:3: error [encoding]",
    "defective/输入法/mistakes/index.md:3: error [yaml-fullwidth-colon]",
    "defective/输入法/mistakes/index.md:7: error [yaml-tab]",
    "defective/输入法/mistakes/index.md:10: error [yaml-colon-space]",
    "defective/重复/alias-a/index.md:12: error [alias-collision]",
    "defective/重复/alias-b/index.md:12: error [alias-collision]",  # both published: said on both (urlH)
    "defective/重复/alias-c/index.md:12: error [alias-collision]",
    "defective/重复/dup-a/index.md:2: error [duplicate-id]",
    "defective/重复/dup-b/index.md:2: error [duplicate-id]",
    "defective/隐私/personal/index.md:4: error [mobile-number]",
    "defective/隐私/personal/index.md:22: error [id-number]",
    "defective/隐私/personal/index.md:24: warning [id-number-check]",  # a wrong check digit may be a typo
    "defective/隐私/personal/index.md:26: error [review-word]",
]

# a few messages in full: what editors read
GOLDEN_MESSAGES = {
    "defective/字段/fields/index.md:5": "themes（实践主题）“便民服务类”不在可选范围内。是不是“便民服务”？",
    "defective/字段/fields/index.md:8": "organization.category（组织类别）“社区服务类”不在可选范围内。是不是“社区事务类”？",
    "defective/重复/dup-a/index.md:2": "编号 dup-001 与 defective/重复/dup-b/index.md 重复。",
    "defective/重复/dup-b/index.md:2": "编号 dup-001 与 defective/重复/dup-a/index.md 重复。",
    "defective/隐私/personal/index.md:22": "这一行有居民身份证号码（110105********002X），不能公开发布。",
    "defective/隐私/personal/index.md:26": "这一行有审核词表中的词“内部资料请勿外传”。",
    "defective/编码/gbk-file/index.md:3": "文件是 GBK（GB2312/GB18030）编码，系统只接受 UTF-8。",
}


@pytest.fixture(scope="module")
def fixture_settings() -> Settings:
    return Settings(today=date(2025, 1, 1), review_words=load_review_words(REVIEW_WORDS))


def header(diagnostic) -> str:
    return f"{diagnostic.display_path(FIXTURES)}:{diagnostic.line}: {diagnostic.severity.value} [{diagnostic.code}]"


def test_valid_collection_passes(fixture_settings):
    collection = load_collection(FIXTURES / "valid", fixture_settings)
    assert [d.format(FIXTURES) for d in collection.diagnostics] == []
    assert collection.summary() == {
        "cases": 5,
        "published": 2,
        "draft": 1,
        "review": 1,
        "withdrawn": 1,
        "invalid": 0,
        "errors": 0,
        "warnings": 0,
    }
    by_id = {case.id: case for case in collection.cases}
    bom_crlf = by_id["sz-nanshan-2024-002"]
    assert bom_crlf.date == date(2024, 2, 15) and bom_crlf.end_date == date(2024, 11, 30)
    assert bom_crlf.region.province.name == "广东省" and bom_crlf.featured and bom_crlf.aliases == ["sz-nanshan-2024-old"]
    assert [(i.src, i.line) for i in bom_crlf.images] == [("cover.png", 32), ("img/meeting.jpg", 41)]
    assert bom_crlf.summary.startswith("Note:蛇口社区")
    assert [t.key for t in by_id["bj-chaoyang-2021-003"].themes] == ["jingshen-wenhua", "ningxin-zhuhun"]


def test_defective_collection_golden(fixture_settings, monkeypatch):
    monkeypatch.chdir(FIXTURES)  # messages naming another file name it relative to the current directory
    collection = load_collection(Path("defective"), fixture_settings)
    assert [header(d) for d in collection.diagnostics] == GOLDEN
    messages = {f"{d.display_path(FIXTURES)}:{d.line}": d.message for d in collection.diagnostics}
    for where, message in GOLDEN_MESSAGES.items():
        assert messages[where] == message
    assert all(d.hint for d in collection.diagnostics), "every problem says how to fix it"


def test_check_collection_gives_the_same_golden_list(fixture_settings, monkeypatch):
    from showcase.core import workers

    monkeypatch.setattr(workers, "PARALLEL_MIN_ITEMS", 1)
    collection = check_collection(FIXTURES / "defective", fixture_settings, jobs=2)
    assert [header(d) for d in collection.diagnostics] == GOLDEN


def test_defective_fixture_through_the_command(tmp_path):
    """The CLI prints the same lines, relative to the current directory, and exits 1."""
    command = [sys.executable, "-m", "showcase", "check", "defective", "--review-words", str(REVIEW_WORDS), "--format", "json"]
    result = run(command, FIXTURES)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    # approved-in-future depends on the real date (2099 is in the future until 2099)
    assert [f"{d['file']}:{d['line']}: {d['severity']} [{d['code']}]" for d in data["diagnostics"]] == GOLDEN
    assert data["summary"]["errors"] == sum(" error " in line for line in GOLDEN)
    assert data["summary"]["warnings"] == sum(" warning " in line for line in GOLDEN)
    assert data["summary"]["cases"] == 22


def test_valid_fixture_through_the_command():
    result = run([sys.executable, "-m", "showcase", "check", "valid"], FIXTURES)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "共 5 个案例：已发布 2，草稿 1，待审 1，已撤回 1；错误 0 处，警告 0 处。"
