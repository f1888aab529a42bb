"""Property: whatever bytes an editor (or an attacker) commits, only our diagnostics come out."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from showcase.cli import main
from showcase.core.case.fields import NESTED_KEYS, TOP_KEYS
from showcase.core.case.model import Case
from showcase.core.case.rules import ID_PATTERN
from showcase.core.collection.loading import load_case
from showcase.core.collection.settings import Settings
from showcase.core.diagnostics import Diagnostic, Severity
from showcase.core.editors.report import FORMATS

from .helpers import VALID

SETTINGS = Settings(today=date(2025, 1, 1), check_images=False)
PATH = Path("cases/x/index.md")
STRUCTURED = settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
CODE = re.compile(r"^[a-z0-9-]+$")
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
FAST = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


def assert_only_diagnostics(case: Case, data: bytes) -> None:
    assert isinstance(case, Case)
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for diagnostic in case.diagnostics:
        assert type(diagnostic) is Diagnostic
        assert diagnostic.path == PATH
        assert isinstance(diagnostic.line, int) and 1 <= diagnostic.line <= lines, (diagnostic, lines)
        assert diagnostic.severity in (Severity.ERROR, Severity.WARNING)
        assert CODE.match(diagnostic.code)
        assert diagnostic.message and isinstance(diagnostic.hint, str)
        assert "Traceback" not in diagnostic.message
    if case.ok:
        assert ID_PATTERN.fullmatch(case.id) and case.status is not None and case.date is not None
        assert 1 <= len(case.themes) <= 3
    summary = {"cases": 1, "published": 0, "draft": 0, "review": 0, "withdrawn": 0, "invalid": 0, "errors": 0, "warnings": 0}
    for render in FORMATS.values():
        assert isinstance(render(case.diagnostics, summary, Path.cwd()), str)


def check(data: bytes) -> Case:
    case = load_case(PATH, SETTINGS, data=data)
    assert_only_diagnostics(case, data)
    return case


@FAST
@given(st.binary(max_size=1500))
def test_random_bytes(data):
    check(data)


@FAST
@given(st.binary(max_size=600), st.binary(max_size=300))
def test_random_bytes_inside_a_front_matter(front, body):
    check(b"---\n" + front + b"\n---\n" + body)


# text made of the characters that matter to YAML and to Chinese input methods
YAMLISH = st.text(
    alphabet=st.sampled_from(
        list("-:[]{}&*!|>#'\",?%@`~\\ \t\n\r　：，、。“”‘’（）") + list("abcxyz_019") + ["\u4e2d", "\u6587", "\ufeff", "\x00", "\x07"]
    ),
    max_size=400,
)


@FAST
@given(YAMLISH, YAMLISH)
def test_yamlish_text(front, body):
    check(("---\n" + front + "\n---\n" + body).encode("utf-8"))


@FAST
@given(st.integers(0, VALID.count("\n")), YAMLISH)
def test_the_valid_case_with_a_line_replaced(index, replacement):
    lines = VALID.split("\n")
    lines[index] = replacement
    check("\n".join(lines).encode("utf-8"))


# -- front matter built from strategies -----------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1, 1, 1)),
    st.text(max_size=40),
    st.sampled_from(
        [
            "便民服务",
            "bianmin-fuwu",
            "聚焦便民服务",
            "社区事务类",
            "广东省",
            "published",
            "withdrawn",
            "draft",
            "城市",
            "登记",
            "photo1.jpg",
            "../x.jpg",
            "2023-02-30",
            "13812345678",
            "11010519491231002X",
        ]
    ),
)
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=6
)
KEYS = st.sampled_from(TOP_KEYS + ["titel", "标题", "organisation"]) | st.text(max_size=12)


@st.composite
def front_matters(draw) -> dict:
    data = draw(st.dictionaries(KEYS, VALUES, max_size=8))
    for parent, children in NESTED_KEYS.items():
        if draw(st.booleans()):
            data[parent] = draw(st.dictionaries(st.sampled_from(list(children) + ["x"]), VALUES, max_size=len(children) + 1))
    return data


@STRUCTURED
@given(front_matters(), st.sampled_from(["block", "flow"]), st.booleans())
def test_random_front_matter(data, style, crlf):
    text = yaml.dump(data, Dumper=DUMPER, allow_unicode=True, default_flow_style=style == "flow", sort_keys=False)
    document = "---\n" + text + "---\n\n## 正文\n\n![图](photo.jpg)\n"
    if crlf:
        document = document.replace("\n", "\r\n")
    check(document.encode("utf-8"))


@STRUCTURED
@given(front_matters())
def test_random_front_matter_over_the_valid_case(extra):
    """Valid keys with random values replacing the real ones: the rules meet every type."""
    base = yaml.safe_load(VALID.split("---")[1])
    base.update(extra)
    text = yaml.dump(base, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
    check(("---\n" + text + "---\n正文\n").encode("utf-8"))


# -- the command ----------------------------------------------------------------------------


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(
    st.one_of(st.binary(max_size=800), YAMLISH.map(lambda t: ("---\n" + t + "\n---\n").encode("utf-8"))),
    st.sampled_from(["text", "json", "github"]),
)
def test_the_command_never_raises(tmp_path_factory, data, output):
    root = tmp_path_factory.mktemp("cli")
    folder = root / "cases" / "x"
    folder.mkdir(parents=True)
    (folder / "index.md").write_bytes(data)
    (root / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")  # a -f file that is missing stops with exit 2
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--config-file", str(root / "mkdocs.yml"), "check", str(root / "cases"), "--format", output])
    assert code in (0, 1)
    assert err.getvalue() == ""
    if output == "json":
        assert json.loads(out.getvalue())["summary"]["cases"] == 1


# -- the valid case mutated as editors' tools mutate it -------------------------------------

MUTATED = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
_INVISIBLE = ["\u200b", "\ufeff", "\u2060", "\u200e", "\x0b", "\u3000", "\u00a0", "\t", ""]


def _file_lines(data: bytes) -> int:
    """The lines an editor shows for ``data``: line ends as the loader reads them (CRLF, CR, LF)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return max(data.count(b"\n"), data.count(b"\r")) + 1
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


@st.composite
def mutated_cases(draw) -> bytes:
    lines = VALID.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "invisible", "replace"]))
        if action == "drop" and len(lines) > 1:
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "invisible":
            at = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:at] + draw(st.sampled_from(_INVISIBLE)) + lines[index][at:]
        else:
            lines[index] = draw(YAMLISH)
    text = "\n".join(lines)
    encoding = draw(st.sampled_from(["utf-8", "bom", "crlf", "cr", "gb18030", "utf-16"]))
    if encoding == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding in ("crlf", "cr"):
        return text.replace("\n", "\r\n" if encoding == "crlf" else "\r").encode("utf-8")
    return text.encode(encoding, "replace")


@MUTATED
@given(mutated_cases())
def test_the_valid_case_mutated_names_lines_that_exist_every_time_alike(data):
    """Every line said is one of the file's (counted as the editor counts them, not the lenient
    bound above), and loading the same bytes twice says the same."""
    case = check(data)
    lines = _file_lines(data)
    assert all(1 <= d.line <= lines for d in case.diagnostics), [(d.line, d.code) for d in case.diagnostics]
    again = load_case(PATH, SETTINGS, data=data)
    assert [(d.line, d.code, d.message, d.hint) for d in again.diagnostics] == [
        (d.line, d.code, d.message, d.hint) for d in case.diagnostics
    ]
    if not case.ok:
        assert any(d.is_error for d in case.diagnostics)
