"""Editors' tools: new cases and ids, pull-request changes, statistics, schema, reports, guide."""
