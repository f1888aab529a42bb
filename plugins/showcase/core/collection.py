"""Loading a whole collection: every case, every problem, in one run."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import content, placeholders, source, yamlnodes
from .diagnostics import Diagnostic, DiagnosticList
from .imagecheck import check_images, find_body_images
from .model import Case, ImageRef, Status
from .rules import CaseBuilder
from .settings import Settings

CASE_FILE = "index.md"


@dataclass
class Collection:
    root: Path
    cases: list[Case]
    diagnostics: list[Diagnostic]  # of every case and of the collection, sorted

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def published(self) -> list[Case]:
        return [c for c in self.cases if c.is_published]

    def summary(self) -> dict[str, int]:
        states = Counter(c.status.value if c.status else "invalid" for c in self.cases)
        return {
            "cases": len(self.cases),
            "published": states["published"],
            "draft": states["draft"],
            "review": states["review"],
            "withdrawn": states["withdrawn"],
            "invalid": sum(1 for c in self.cases if not c.ok),
            "errors": len(self.errors),
            "warnings": len(self.warnings),
        }


def load_case(path: Path, settings: Settings, data: bytes | None = None) -> Case:
    """Load and validate one ``index.md``; never raises for bad content."""
    case = Case(path=path)
    diags = DiagnosticList(path)
    try:
        raw = path.read_bytes() if data is None else data
    except OSError as exc:
        diags.error(1, "unreadable", f"无法读取文件（{exc.strerror}）。", "检查文件权限。")
        case.diagnostics = diags.items
        return case
    text = source.decode(raw, diags)
    parts = source.split(text, diags) if text is not None else None
    located = yamlnodes.parse(parts.front_matter, parts.front_matter_line, diags) if parts else None
    if located is not None:
        CaseBuilder(case, located, settings.taxonomy, diags, settings.today).build()
    if parts is not None:
        case.body, case.body_line = parts.body, parts.body_line
        if case.body.lstrip().startswith("# "):
            line = parts.body_line + case.body[: len(case.body) - len(case.body.lstrip())].count("\n")
            diags.warning(line, "body-title", "正文不需要一级标题（# 开头），标题取自 title。", "删掉这一行，或改成二级标题 ## 。")
        refs = find_body_images(case.body, case.body_line)
        if case.cover:
            refs.insert(0, ImageRef(case.cover, case.line("cover"), is_cover=True))
        case.images = refs
        if settings.check_images:
            check_images(path.parent, refs, diags, settings.limits)
    if text is not None:
        content.scan(text, diags, settings.review_words, allow_numbers=settings.allow_personal_numbers)
        placeholders.scan(text, case.status, diags)
    case.diagnostics = sorted(diags.items, key=Diagnostic.sort_key)
    return case


def discover(root: Path) -> tuple[list[Path], list[Diagnostic]]:
    """Every ``index.md`` below ``root`` in a stable order, and stray Markdown files."""
    found: list[Path] = []
    stray: list[Diagnostic] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name == CASE_FILE:
                found.append(Path(folder) / name)
            elif name.lower().endswith((".md", ".markdown", ".md.txt")):
                diags = DiagnosticList(Path(folder) / name)
                diags.error(
                    1,
                    "stray-markdown",
                    f"{name} 不会被发布：每个案例的正文文件必须叫 index.md。",
                    "把文件改名为 index.md，并放在该案例自己的文件夹里。",
                )
                stray += diags.items
    return found, stray


def cross_check(cases: list[Case]) -> None:
    """Rules across cases: unique ids, aliases that collide with ids or each other."""
    by_id: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if case.id:
            by_id[case.id].append(case)
    for case_id, owners in by_id.items():
        if len(owners) > 1:
            for case in owners:
                others = "、".join(_rel(o.path) for o in owners if o is not case)
                case.diagnostics.append(
                    _diag(
                        case,
                        case.line("id"),
                        "duplicate-id",
                        f"编号 {case_id} 与 {others} 重复。",
                        "每个案例的 id 必须唯一，请给新案例换一个编号。",
                    )
                )
    alias_owner: dict[str, Case] = {}
    for case in cases:
        for index, alias in enumerate(case.aliases):
            line = case.line("aliases", index)
            if alias in by_id:
                other = _rel(by_id[alias][0].path)
                case.diagnostics.append(
                    _diag(
                        case,
                        line,
                        "alias-collision",
                        f"旧编号 {alias} 正是 {other} 的 id。",
                        "旧编号不能与现有案例的编号相同，请删掉这一项。",
                    )
                )
            elif alias in alias_owner and alias_owner[alias] is not case:
                other = _rel(alias_owner[alias].path)
                case.diagnostics.append(
                    _diag(
                        case,
                        line,
                        "alias-collision",
                        f"旧编号 {alias} 也写在 {other} 的 aliases 里。",
                        "一个旧编号只能指向一个案例，请删掉其中一处。",
                    )
                )
            else:
                alias_owner[alias] = case


def _diag(case: Case, line: int, code: str, message: str, hint: str) -> Diagnostic:
    diags = DiagnosticList(case.path)
    diags.error(line, code, message, hint)
    return diags.items[0]


def _rel(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def load_collection(root: Path, settings: Settings | None = None) -> Collection:
    settings = settings or Settings()
    root = Path(root)
    paths, stray = discover(root)
    cases = [load_case(path, settings) for path in paths]
    cross_check(cases)
    diagnostics = stray + [d for case in cases for d in case.diagnostics]
    diagnostics.sort(key=Diagnostic.sort_key)
    return Collection(root, cases, diagnostics)


__all__ = ["Collection", "Settings", "Status", "load_case", "load_collection"]
