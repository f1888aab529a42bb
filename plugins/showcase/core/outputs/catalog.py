"""The machine-readable catalog: ``/api/cases.json`` and one file per theme, engine-free.

Other sites and the propaganda departments' own systems read published cases from
here. The shape is fixed by the JSON Schema ``data/cases.schema.json`` (published at
``/api/cases.schema.json``); change both together and raise ``VERSION`` when a field
changes meaning or disappears.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..case.fields import field
from ..case.model import Case
from ..case.rules import ID_PATTERN
from ..collection.taxonomy import Term
from ..packaged import DATA
from ..site.index import case_url
from .feeds import SiteInfo, cover_path, newest_published, publication_date

VERSION = 1
CATALOG = "api/cases.json"
SCHEMA = "api/cases.schema.json"


def theme_catalog_path(key: str) -> str:
    return f"api/themes/{key}.json"


def schema_text() -> str:
    """The catalog's JSON Schema: ``data/cases.schema.json`` with the field table's rules
    filled in (the id's pattern, the lengths of a title, a summary and an organization's
    name, how many themes, the choices of registration and area). They were typed in the
    file, and a bound changed in data/fields.yml (a title of up to 100 characters) made
    the site's own records fail the schema it publishes beside them (an audit)."""
    schema = json.loads((DATA / "cases.schema.json").read_text(encoding="utf-8"))
    del schema["$comment"]  # for the file's maintainers: what is filled in here
    case = schema["$defs"]["case"]["properties"]
    ids = {"type": "string", "pattern": f"^{ID_PATTERN.pattern}$"}
    case["id"] |= ids
    schema["properties"]["withdrawn"]["items"]["properties"]["id"] |= ids
    for key, path in (("title", ("title",)), ("summary", ("summary",))):
        case[key] |= {"minLength": field(*path).lo, "maxLength": field(*path).hi}
    name = field("organization", "name")
    case["organization"]["properties"]["name"] |= {"minLength": name.lo, "maxLength": name.hi}
    case["themes"] |= {"minItems": field("themes").lo, "maxItems": field("themes").hi}
    case["organization"]["properties"]["registration"] = {"enum": [*field("organization", "registration").choices, None]}
    case["region"]["properties"]["area"] = {"enum": [*field("area").choices, None]}
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def _term(term: Term | None) -> dict[str, str] | None:
    if term is None:
        return None
    return {"key": term.key, "name": term.name, "label": term.label}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def case_record(case: Case, site: SiteInfo, sample_tag: str = "") -> dict[str, Any]:
    """One published case as the catalog describes it."""
    region = case.region
    cover = cover_path(case)
    return {
        "id": case.id,
        "url": site.url(case_url(case.id)),
        "embed_url": site.url(f"{case_url(case.id)}embed/"),
        "title": case.title,
        "summary": case.summary,
        "themes": [_term(t) for t in case.themes],
        "category": _term(case.organization.category),
        "organization": {"name": case.organization.name, "registration": case.organization.registration},
        "region": {
            "province": _term(region.province),
            "city": region.city,
            "county": region.county,
            "street": region.street,
            "community": region.community,
            "area": case.area,
        },
        "dates": {"start": _day(case.date), "end": _day(case.end_date), "approved": _day(case.review.approved)},
        "reviewer": case.review.reviewer,
        "brands": [_term(b) for b in case.brands],
        "beneficiaries": list(case.beneficiaries),
        "tags": list(case.tags),
        "cover": site.url(cover) if cover else None,
        "figures": {"volunteers": case.volunteers, "served": case.served},
        "aliases": list(case.aliases),
        # made up for demonstration (the site's sample tag): marked on its page and in booklets,
        # and here, so that a department's system does not take it for a real case
        "sample": case.is_sample(sample_tag),
    }


def withdrawn_record(case: Case, site: SiteInfo) -> dict[str, Any]:
    """A withdrawn case as its public notice page shows it: the address stays, the content is gone."""
    # who withdrew it and when, as the notice page says them: a department that cited the case
    # knows whom to ask (a reviewer's finding: the catalog had neither)
    return {
        "id": case.id,
        "url": site.url(case_url(case.id)),
        "title": case.title,
        "reason": case.withdrawn_reason or None,
        "withdrawn_by": case.review.reviewer or None,
        "withdrawn_on": case.review.approved.isoformat() if case.review.approved else None,
        # its former ids: a system that copied it under one finds the withdrawal (an editor's trial)
        "aliases": list(case.aliases),
    }


def catalog(
    cases: list[Case],
    site: SiteInfo,
    theme: Term | None = None,
    *,
    withdrawn: list[Case] | tuple = (),
    sample_tag: str = "",
    records: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The catalog document of ``cases`` (published ones only), newest publication first;
    the whole site's also lists the ``withdrawn`` cases, so that a system that copied a case
    can tell a withdrawn one (take it down) from one it never had.

    ``records``: case id -> record, filled and reused across the catalogs of one site (the
    same ``site`` and ``sample_tag``): a case is in the site's catalog and in each of its
    themes'."""
    ordered = newest_published([c for c in cases if c.is_published])
    updated = max((publication_date(c) for c in ordered), default=None)
    document: dict[str, Any] = {
        "$schema": site.url(SCHEMA),
        "version": VERSION,
        "site": {"title": site.title, "url": site.url("")},
        "updated": _day(updated),
    }
    if theme is not None:
        document["theme"] = {"key": theme.key, "name": theme.name, "label": theme.label, "url": site.url(f"themes/{theme.key}/")}
    document["count"] = len(ordered)
    if records is None:
        records = {}
    document["cases"] = [records.get(c.id) or records.setdefault(c.id, case_record(c, site, sample_tag)) for c in ordered]
    if theme is None:
        document["withdrawn"] = [withdrawn_record(c, site) for c in sorted(withdrawn, key=lambda c: c.id)]
    return document


def dumps(document: dict[str, Any], lines: dict[str, str] | None = None) -> bytes:
    """Compact JSON, one case a line: a third smaller than indented, still readable in a diff.

    ``lines``: case id -> its encoded record, filled and reused across the catalogs of one
    site, whose records are the same (``catalog``'s ``records``)."""
    head = {k: v for k, v in document.items() if k not in ("cases", "withdrawn")}
    text = _encode(head)[:-1]
    lists = [f'"{key}":{_lines(document[key], lines if key == "cases" else None)}' for key in ("cases", "withdrawn") if key in document]
    return f"{text},{','.join(lists)}}}\n".encode()


def _lines(items: list[dict[str, Any]], known: dict[str, str] | None) -> str:
    if known is None:
        known = {}
    rows = ",\n".join(known.get(item["id"]) or known.setdefault(item["id"], _encode(item)) for item in items)
    return f"[\n{rows}\n]" if rows else "[]"


def _encode(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, separators=(",", ":"))
