"""Reads schema/datapackage.toml, the single declaration of every table.

Everything else that describes a table (Pandera schemas, Arrow schemas, Frictionless
Table Schemas, the Markdown dictionary) is derived from the objects defined here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from coalition_data.paths import SCHEMA_FILE

EVIDENCE_FIELDS = ("article_id", "char_start", "char_end", "quote")
TYPES = ("string", "integer", "number", "boolean", "date")
STATE_ROW = ("code", "label_en", "label_ar", "kind", "description", "source")


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    list_separator: str | None = None  # registries: a field of alternatives
    unique_items: bool = False  # registries: no alternative twice in the column
    country: bool = False  # registries: an ISO 3166-1 alpha-2 code CLDR knows
    partial_date: bool = False  # registries: YYYY, YYYY-MM or YYYY-MM-DD
    codes: str | None = None  # the code list whose values (and labels) the field takes
    labels: tuple[tuple[str, str], ...] = ()  # (value, label) of those codes


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str
    table_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    evidence: bool = False
    text_licenses: tuple[dict[str, str], ...] = ()  # licences of the texts a table holds
    registry: str | None = None  # a reference table: the registry it publishes
    optional: bool = False  # a registry a seeds folder may leave out
    add_states: bool = False  # a published code list that also holds every state's ISO code

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class PackageSpec:
    meta: dict[str, Any]
    tables: dict[str, TableSpec] = field(default_factory=dict)
    registries: dict[str, TableSpec] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)  # code list -> labels


def _field(raw: dict[str, Any], where: str,
           codes: dict[str, dict[str, str]] | None = None) -> FieldSpec:
    if raw.get("type") not in TYPES:
        raise ValueError(f"{where}: type must be one of {TYPES}, got {raw.get('type')!r}")
    if not raw.get("description"):
        raise ValueError(f"{where}: every field needs a description")
    enum = raw.get("enum")
    labels: tuple[tuple[str, str], ...] = ()
    if raw.get("codes"):
        if enum:
            raise ValueError(f"{where}: give codes or enum, not both")
        if raw["codes"] not in (codes or {}):
            raise ValueError(f"{where}: unknown code list {raw['codes']!r}")
        labels = tuple((str(k), str(v)) for k, v in codes[raw["codes"]].items())
        enum = [k for k, _ in labels]
    return FieldSpec(
        name=raw["name"],
        type=raw["type"],
        description=raw["description"],
        required=bool(raw.get("required", False)),
        unique=bool(raw.get("unique", False)),
        enum=tuple(enum) if enum else None,
        pattern=raw.get("pattern"),
        minimum=raw.get("minimum"),
        maximum=raw.get("maximum"),
        list_separator=raw.get("list_separator"),
        unique_items=bool(raw.get("unique_items", False)),
        country=bool(raw.get("country", False)),
        partial_date=bool(raw.get("partial_date", False)),
        codes=raw.get("codes"),
        labels=labels,
    )


def parse_spec(raw: dict[str, Any]) -> PackageSpec:
    """Turn the parsed TOML into typed specs, checking the declaration is coherent."""
    tables: dict[str, TableSpec] = {}
    codes = raw.get("codes", {})
    for name, t in raw["tables"].items():
        fields = tuple(
            _field(f, f"tables.{name}.{f.get('name', '?')}", codes) for f in t["fields"]
        )
        names = [f.name for f in fields]
        if len(set(names)) != len(names):
            raise ValueError(f"tables.{name}: duplicate field names")
        pk = tuple(t["primary_key"])
        if not set(pk) <= set(names):
            raise ValueError(f"tables.{name}: primary key {pk} names unknown fields")
        evidence = bool(t.get("evidence", False))
        if evidence and not set(EVIDENCE_FIELDS) <= set(names):
            raise ValueError(f"tables.{name}: evidence tables need {EVIDENCE_FIELDS}")
        fks = tuple(
            ForeignKey(tuple(fk["fields"]), fk["table"], tuple(fk["table_fields"]))
            for fk in t.get("foreign_keys", [])
        )
        tables[name] = TableSpec(name, t["description"], fields, pk, fks, evidence,
                                 tuple(dict(x) for x in t.get("text_licenses", [])))
    registries: dict[str, TableSpec] = {}
    for name, t in raw.get("registries", {}).items():
        fields = tuple(_field(f, f"registries.{name}.{f.get('name', '?')}")
                       for f in t["fields"])
        pk = tuple(t["primary_key"])
        if not set(pk) <= {f.name for f in fields}:
            raise ValueError(f"registries.{name}: primary key {pk} names unknown fields")
        registries[name] = TableSpec(name, t["description"], fields, pk,
                                     optional=bool(t.get("optional", False)))
        if "publish_as" in t:
            # the reference layer: the registry is also a table of the package, declared
            # here once (its rows are copied as curated, each with its source)
            published = t["publish_as"]
            if published in tables:
                raise ValueError(f"registries.{name}: publish_as {published} is a table")
            fks = tuple(
                ForeignKey(tuple(fk["fields"]), fk["table"], tuple(fk["table_fields"]))
                for fk in t.get("foreign_keys", [])
            )
            key = tuple(t.get("published_primary_key", pk))  # what fact tables point at
            tables[published] = TableSpec(
                published, t.get("published_description", t["description"]), fields, key,
                fks, registry=name, optional=bool(t.get("optional", False)),
                add_states=bool(t.get("add_states", False)))
            if t.get("add_states") and not set(STATE_ROW) <= {f.name for f in fields}:
                raise ValueError(f"registries.{name}: add_states needs fields {STATE_ROW}")
    for t in tables.values():
        for fk in t.foreign_keys:
            if fk.table not in tables:
                raise ValueError(f"tables.{t.name}: foreign key to unknown table {fk.table}")
    return PackageSpec(meta=raw["package"], tables=tables, registries=registries,
                       codes={k: dict(v) for k, v in codes.items()})


@cache
def load_spec(path: Path = SCHEMA_FILE) -> PackageSpec:
    with path.open("rb") as fh:
        return parse_spec(tomllib.load(fh))
