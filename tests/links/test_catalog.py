"""The catalog: /api/cases.json and /api/themes/<key>.json, valid against /api/cases.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from showcase.core.case.model import Case
from showcase.core.outputs.catalog import schema_text as catalog_schema_text

from .conftest import SITE_URL, sample_cases
from .crawl import target_file


def load(site: Path, path: str) -> dict:
    return json.loads((site / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema(sample) -> dict:
    published = load(sample, "api/cases.schema.json")
    assert published == json.loads(catalog_schema_text())
    jsonschema.Draft202012Validator.check_schema(published)
    return published


def published() -> dict[str, Case]:
    return {c.id: c for c in sample_cases() if c.is_published}


def test_catalog_lists_every_published_case(sample, schema):
    catalog = load(sample, "api/cases.json")
    jsonschema.Draft202012Validator(schema).validate(catalog)
    ids = [c["id"] for c in catalog["cases"]]
    assert sorted(ids) == sorted(published()) and catalog["count"] == len(ids)
    assert catalog["$schema"] == SITE_URL + "api/cases.schema.json"
    for record in catalog["cases"]:
        assert record["url"] == f"{SITE_URL}cases/{record['id']}/"
        assert target_file(sample, record["url"][len(SITE_URL) :]) is not None
        assert target_file(sample, record["embed_url"][len(SITE_URL) :]) is not None
        if record["cover"]:
            assert target_file(sample, record["cover"][len(SITE_URL) :]) is not None
    assert sum(1 for record in catalog["cases"] if record["cover"]) > len(ids) // 2  # the covers were looked at (a test audit)


def test_a_record_carries_the_front_matter(sample):
    records = {r["id"]: r for r in load(sample, "api/cases.json")["cases"]}
    for case in published().values():
        record = records[case.id]
        assert record["title"] == case.title and record["summary"] == case.summary
        assert [t["key"] for t in record["themes"]] == [t.key for t in case.themes]
        assert record["category"]["name"] == case.organization.category.name
        assert record["region"]["province"]["name"] == case.region.province.name
        assert record["region"]["city"] == case.region.city and record["region"]["area"] == case.area
        assert record["dates"] == {
            "start": case.date.isoformat(),
            "end": case.end_date.isoformat() if case.end_date else None,
            "approved": case.review.approved.isoformat(),
        }
        assert record["figures"] == {"volunteers": case.volunteers, "served": case.served}
        assert record["cover"] == (f"{SITE_URL}cases/{case.id}/cover.jpg" if case.cover else None)  # cleaned, not the original
        assert record["aliases"] == case.aliases
        assert record["sample"] is case.is_sample("示例")  # mkdocs.yml's sample_tag
    assert any(r["sample"] for r in records.values())


def test_one_file_per_theme(sample, schema):
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((sample / "api/themes").glob("*.json"))
    assert len(files) == 6
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        validator.validate(data)
        key = path.stem
        assert data["theme"]["key"] == key and data["theme"]["url"] == f"{SITE_URL}themes/{key}/"
        expected = sorted(c.id for c in published().values() if key in [t.key for t in c.themes])
        assert sorted(r["id"] for r in data["cases"]) == expected


def test_the_schema_rejects_what_it_should(sample, schema):
    catalog = load(sample, "api/cases.json")
    broken = json.loads(json.dumps(catalog))
    broken["cases"][0]["id"] = "不是编号"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)
    del catalog["cases"][0]["figures"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(catalog, schema)


def test_withdrawn_and_renamed_in_the_catalog(changed):
    catalog = load(changed.site, "api/cases.json")
    ids = {r["id"] for r in catalog["cases"]}
    assert changed.withdrawn not in ids and changed.renamed_from not in ids
    renamed = next(r for r in catalog["cases"] if r["id"] == changed.renamed_to)
    assert renamed["aliases"] == [changed.renamed_from]
    for path in (changed.site / "api/themes").glob("*.json"):
        assert changed.withdrawn not in {r["id"] for r in json.loads(path.read_text(encoding="utf-8"))["cases"]}
    # A system that copied the case learns it was withdrawn (the catalog left it out silently),
    # with its notice page's address and reason; the theme files list published cases only.
    (entry,) = [w for w in catalog["withdrawn"] if w["id"] == changed.withdrawn]
    assert entry["url"] == f"{SITE_URL}cases/{changed.withdrawn}/" and entry["title"]
    assert entry["reason"] == changed.reason
    notice = target_file(changed.site, entry["url"][len(SITE_URL) :])
    assert notice is not None
    # who withdrew it and when, as its notice page says them (the catalog had neither)
    shown = notice.read_text(encoding="utf-8")
    assert entry["withdrawn_by"] and entry["withdrawn_by"] in shown
    assert entry["withdrawn_on"] and f'datetime="{entry["withdrawn_on"]}"' in shown
    assert all("withdrawn" not in json.loads(p.read_text(encoding="utf-8")) for p in (changed.site / "api/themes").glob("*.json"))
    schema = json.loads(catalog_schema_text())
    jsonschema.Draft202012Validator(schema).validate(catalog)
