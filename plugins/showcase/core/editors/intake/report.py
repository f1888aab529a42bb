"""The import report: one block per submission, then a summary table (text or JSON).

Each block: source file → created folder, the fields found and missing, the contact
(shown here only, never written into the case), the photos with their sizes, then the
draft's ``showcase check`` diagnostics in the usual ``PATH:LINE:`` form.
"""

from __future__ import annotations

import json
from pathlib import Path

from ...case.model import Status
from ...case.pii import mask_numbers
from ...diagnostics import shown_path
from ...outputs.form import MIN_COVER_WIDTH
from .importer import Outcome


def _rel(path: Path | None, cwd: Path | None) -> str:
    return "" if path is None else shown_path(path, cwd)


def _value(value: object) -> str:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def photo_lines(outcome: Outcome) -> list[str]:
    lines = []
    for photo in outcome.photos:
        is_cover = photo.name == outcome.cover
        mark = "（封面）" if is_cover else ""
        alt = f"，说明：{photo.alt}" if photo.alt else "" if is_cover else "，没有说明"  # starred with the block (as_text)
        if is_cover and photo.alt:  # shown under the title, without a caption: said as such (an organization's trial)
            alt = f"，说明“{photo.alt}”没有用上（封面显示在标题下面，不带说明）"
        lines.append(
            f"    {photo.name}{mark}：{photo.width}×{photo.height}，{photo.size / 1024:.0f} KB，来自{photo.source.rstrip()}{alt}"
        )  # no space before the comma
    cover = next((p for p in outcome.photos if p.name == outcome.cover), None)
    if cover and cover.width < MIN_COVER_WIDTH:
        lines.append(f"    ⚠ 封面只有 {cover.width}×{cover.height}，建议至少 {MIN_COVER_WIDTH} 像素宽。")
    if cover and cover.height > cover.width:
        lines.append(
            f"    ⚠ 封面是竖着拍的（{cover.width}×{cover.height}）：卡片和分享图按横图裁切，会裁掉上下，建议换一张横向的照片作封面。"
        )
    if not outcome.photos and outcome.photos_sent:
        lines.append("    ⚠ 发来的照片都没能导入（原因见下面的“注意”）：请向组织要合适的照片 3–5 张，第一张作封面。")
    elif not outcome.photos:
        lines.append("    ⚠ 没有照片：请向组织要 3–5 张照片，第一张作封面。")
    return lines


def as_text(outcomes: list[Outcome], notes: list[str], cwd: Path | None = None) -> str:
    out: list[str] = []
    for number, o in enumerate(outcomes, 1):
        if not o.ok:
            out.append(_star(f"[{number}] {o.source}\n  ✗ 没有导入：{o.error}\n"))
            continue
        if o.changed:
            out.append(_star(f"[{number}] {o.source}\n  ! 内容有改动（可能是修改版），没有导入：{o.skipped}\n"))
            continue
        if o.skipped:
            out.append(_star(f"[{number}] {o.source}\n  – {_before(o)}，这次跳过：{o.skipped}\n"))
            continue
        kind = "申报表" if o.kind == "form" else "自由格式的材料（不是申报表）"
        block = [f"[{number}] {o.source} → {_rel(o.folder, cwd)}/（{kind}，草稿）"]
        block.append("  读到的字段：")
        block += [f"    {label}：{_value(value)}" for label, value in o.found.items()] or ["    （没有）"]
        if o.problems:
            block.append("  写了但没有采用（草稿里留了【请填写】）：")
            block += [f"    {label}：{why}" for label, why in o.problems.items()]
        missing = [m for m in o.missing if m not in o.problems]
        if missing:
            block.append("  没有填写：" + "、".join(missing))
        if o.contact:
            block.append(_CONTACT + "，".join(f"{k} {v}" for k, v in o.contact.items()))
        block.append(f"  照片 {len(o.photos)} 张：")
        block += photo_lines(o)
        if o.notes:
            block.append("  注意：")
            block += [f"    {n}" for n in o.notes]
        block = [line if line.startswith(_CONTACT) else _star(line) for line in block]
        errors = sum(1 for d in o.diagnostics if d.is_error)
        block.append(f"  检查（showcase check）：错误 {errors} 处，警告 {len(o.diagnostics) - errors} 处")
        # as showcase check prints them (its own messages star the numbers they name)
        block += ["    " + d.format(cwd).replace("\n", "\n    ") for d in o.diagnostics]
        out.append("\n".join(block) + "\n")
    if notes:
        out.append("其他：\n" + "\n".join(f"  {_star(n)}" for n in notes) + "\n")
    out.append(summary_table(outcomes, cwd))
    return "\n".join(out)


# The report is pasted into chats and issues: every personal number in it is starred (the
# fields read, the reasons a value was not taken, a photo's file name, a note made after the
# notes were starred: a red team), but on the contact's own line, for the editor to call.
_CONTACT = "  联系方式（只在这里显示，没有写进案例）："


def _star(text: str) -> str:
    """``text`` with its personal numbers starred; as it was when it has none (mask_numbers
    also writes a stretch after U+202E as it shows, and a file name is shown with it)."""
    masked, count = mask_numbers(text)
    return masked if count else text


def _starred(value: object) -> object:
    """``value`` (the JSON report's) with the personal numbers of its texts starred."""
    if isinstance(value, str):
        return _star(value)
    if isinstance(value, list):
        return [_starred(item) for item in value]
    if isinstance(value, dict):
        return {key: _starred(item) for key, item in value.items()}
    return value


def _first_sentence(text: str, most: int = 60) -> str:
    """Up to the first 。 (without it), at most ``most`` characters."""
    first = text.split("。", 1)[0].strip()
    return first if len(first) <= most else first[: most - 1] + "…"


# a case a revised version was not imported for, when it is no draft: said in the summary's line
_STATE: dict[Status | None, str] = {
    Status.REVIEW: "，待审：请手工改进去，再请审核单位重新审阅",
    Status.PUBLISHED: "，已发布：请手工改进去，改后要再经审核",
    Status.WITHDRAWN: "，已撤回：请手工改进去，由审核单位重新发布",
}


def summary_table(outcomes: list[Outcome], cwd: Path | None = None) -> str:
    """One line a material, then the counts and what to do next: plain lines, as a terminal
    (a Windows console, WPS's log window) shows them; a Markdown table was shown as its
    pipes and dashes."""
    lines = ["汇总："]
    for o in outcomes:
        errors = sum(1 for d in o.diagnostics if d.is_error)
        if o.imported:
            counts = f"照片 {len(o.photos)} 张，错误 {errors} 处，警告 {len(o.diagnostics) - errors} 处"
            if o.same_organization is not None:
                counts += f"；同一组织已有 {_rel(o.same_organization, cwd)}/，是不是修改版见上文"
            lines.append(f"  已导入：{o.source} → {_rel(o.folder, cwd)}/（{counts}）")
        elif o.changed:
            state = _STATE.get(o.earlier_status, "，请手工改进去")
            lines.append(f"  内容有改动（可能是修改版），没有导入：{o.source}（已有 {_rel(o.changed, cwd)}/{state}）")
        elif o.skipped:
            lines.append(f"  {_before(o)}，跳过：{o.source}")
        else:
            # why, in its first sentence: the editor calls the organization from this list (an
            # editor's trial: the reason was hundreds of lines above, in the material's block)
            lines.append(f"  未导入：{o.source}（{_first_sentence(o.error or '')}）" if o.error else f"  未导入：{o.source}")
    done = sum(1 for o in outcomes if o.imported)
    skipped = sum(1 for o in outcomes if o.skipped)
    drafts = "导入的都是草稿（status: draft）。" if done else ""
    changed = sum(1 for o in outcomes if o.changed)
    # a corrected version was never imported before: not counted as "之前已导入"; nor one the
    # same as another material of this run (an organization's trial)
    now = sum(1 for o in outcomes if o.skipped and not o.changed and o.earlier_now)
    before = skipped - changed - now
    again = f"，之前已导入、这次跳过 {before} 份" if before else ""
    again += f"，和这次导入的另一份材料相同、跳过 {now} 份" if now else ""
    # a revised version of a published case was told to go into “已有的草稿” (a trial)
    cases = "草稿" if all(o.earlier_status in (None, Status.DRAFT) for o in outcomes if o.changed) else "案例；已发布、待审的改后要再经审核"
    again += f"，内容有改动、可能是修改版 {changed} 份（没有自动导入，请对照着改进已有的{cases}）" if changed else ""
    failed = sum(1 for o in outcomes if not o.ok)
    lines.append(f"共 {len(outcomes)} 份材料：导入 {done} 份，未导入 {failed} 份{again}。{drafts}")
    if done:
        lines.append(
            "接下来：打开每个草稿，把【请填写】换成内容、给照片写上说明，运行 showcase check；写好后把 status 改成 review，提交审核。"
        )
    return "\n".join(_star(line) for line in lines)


def _before(outcome: Outcome) -> str:
    """When the case a skipped material is the same as was made: before, or in this run."""
    return "这次导入里已经有同样的材料" if outcome.earlier_now else "之前已导入"


def as_json(outcomes: list[Outcome], notes: list[str], cwd: Path | None = None) -> str:
    items = []
    for o in outcomes:
        item: dict[str, object] = {"source": o.source, "imported": o.imported}
        if not o.ok:
            item["error"] = o.error
            if o.internal:
                item["internal_error"] = o.internal
        elif o.skipped:
            item["skipped"] = o.skipped
            if o.changed:
                item["changed_from"] = _rel(o.changed, cwd)  # the draft made from an earlier version
        else:
            item |= {
                "folder": _rel(o.folder, cwd),
                "kind": o.kind,
                "found": o.found,
                "missing": [m for m in o.missing if m not in o.problems],
                "problems": o.problems,
                "contact": o.contact,
                "photos": [
                    {
                        "file": p.name,
                        "width": p.width,
                        "height": p.height,
                        "bytes": p.size,
                        "source": p.source,
                        "alt": p.alt,
                        "cover": p.name == o.cover,
                    }
                    for p in o.photos
                ],
                "notes": o.notes,
                **({"same_organization": _rel(o.same_organization, cwd)} if o.same_organization else {}),
                "diagnostics": [d.as_dict(cwd) for d in o.diagnostics],
            }
        items.append({key: value if key == "contact" else _starred(value) for key, value in item.items()})
    done = sum(1 for o in outcomes if o.imported)
    failed = sum(1 for o in outcomes if not o.ok)
    summary = {"submissions": len(outcomes), "imported": done, "skipped": len(outcomes) - done - failed, "failed": failed}
    return json.dumps({"submissions": items, "notes": _starred(notes), "summary": summary}, ensure_ascii=False, indent=2)


FORMATS = {"text": as_text, "json": as_json}
