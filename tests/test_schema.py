"""One declaration, many derived schemas: they agree, and the dataset rules bite."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from coalition_data.errors import ValidationError
from coalition_data.pipeline import read_tables
from coalition_data.schema import load_spec, parse_spec
from coalition_data.validate import table_schema, validate_tables


def test_datapackage_fields_match_the_declaration(built: Path) -> None:
    spec = load_spec()
    pkg = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        declared = spec.tables[res["name"].removesuffix("_csv")]
        assert [f["name"] for f in res["schema"]["fields"]] == declared.column_names
        assert [f["type"] for f in res["schema"]["fields"]] == [f.type for f in declared.fields]
        assert res["schema"]["primaryKey"] == list(declared.primary_key)


def test_pandera_columns_match_the_declaration() -> None:
    for name, declared in load_spec().tables.items():
        assert list(table_schema(declared).columns) == declared.column_names, name


def test_dictionary_lists_every_column(built: Path) -> None:
    md = (built / "data" / "dictionary.md").read_text(encoding="utf-8")
    for declared in load_spec().tables.values():
        for f in declared.fields:
            assert f"| `{f.name}` |" in md


def test_every_fact_table_carries_evidence_columns() -> None:
    for name in ("meetings", "meeting_reports", "participants", "pledges", "resolutions"):
        spec = load_spec().tables[name]
        assert spec.evidence
        assert {"article_id", "char_start", "char_end", "quote"} <= set(spec.column_names)


def test_declaration_errors_are_reported() -> None:
    raw = {"package": {}, "tables": {"t": {"description": "d", "primary_key": ["x"],
                                          "fields": [{"name": "a", "type": "string",
                                                      "description": "d"}]}}}
    with pytest.raises(ValueError, match="primary key"):
        parse_spec(raw)


def _tables(built: Path) -> dict[str, pl.DataFrame]:
    return read_tables(built, load_spec())


def _with_one_citation(built: Path, **overrides: object) -> dict[str, pl.DataFrame]:
    """The built tables, with resolutions replaced by one citation of the first article."""
    tables = _tables(built)
    article = tables["articles"].row(0, named=True)
    row = {c: None for c in tables["resolutions"].columns}
    row.update(resolution_number=2254, in_registry=False, confidence=0.5,
               article_id=article["article_id"], char_start=0, char_end=5,
               quote=article["text"][0:5])
    row.update(overrides)
    tables["resolutions"] = pl.DataFrame([row], schema=tables["resolutions"].schema)
    return tables


def test_a_correct_citation_passes(built: Path) -> None:
    validate_tables(load_spec(), _with_one_citation(built))


def test_wrong_quote_is_rejected(built: Path) -> None:
    text = _tables(built)["articles"].row(0, named=True)["text"]
    tables = _with_one_citation(built, quote=text[1:6])
    with pytest.raises(ValidationError, match=r"resolutions.*quote == articles.text"):
        validate_tables(load_spec(), tables)


def test_dangling_foreign_key_is_rejected(built: Path) -> None:
    tables = _with_one_citation(built, meeting_id="no-such-meeting")
    with pytest.raises(ValidationError, match="foreign_key meeting_id"):
        validate_tables(load_spec(), tables)


def test_enum_violation_names_the_column(built: Path) -> None:
    tables = _tables(built)
    tables["articles"] = tables["articles"].with_columns(
        pl.lit("certain").alias("outlet_confidence"))
    with pytest.raises(ValidationError, match="column outlet_confidence"):
        validate_tables(load_spec(), tables)


def test_coded_fields_publish_their_labels(built: Path) -> None:
    spec = load_spec()
    pkg = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    meetings = next(r for r in pkg["resources"] if r["name"] == "meetings")
    status = next(f for f in meetings["schema"]["fields"] if f["name"] == "status")
    assert [c["value"] for c in status["categories"]] == status["constraints"]["enum"]
    assert dict((c["value"], c["label"]) for c in status["categories"]) == spec.codes["status"]
    assert "### Codes `status`" in (built / "data" / "dictionary.md").read_text(encoding="utf-8")
