"""Export the package as SQLite for Datasette, the publishing tool data journalists use.

Every table becomes a typed SQLite table (its primary and foreign keys declared), each
table with evidence gets a full-text index on its quotes (and articles on their texts),
and `metadata.json` gives Datasette the titles, descriptions, licences and sources of the
package, its tables and columns, all derived from the single declaration.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import polars as pl

from coalition_data.errors import InputError
from coalition_data.paths import DATA_DIR_NAME, DESCRIPTOR_NAME
from coalition_data.schema import PackageSpec, TableSpec, load_spec

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER",
             "date": "TEXT"}
FTS_COLUMNS = {"articles": ("headline", "text")}  # else: quote, for tables with evidence


def _create(spec: TableSpec) -> str:
    cols = [f'"{f.name}" {SQL_TYPES[f.type]}{" NOT NULL" if f.required else ""}'
            for f in spec.fields]
    cols.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in spec.primary_key) + ")")
    for fk in spec.foreign_keys:
        cols.append(f'FOREIGN KEY ({", ".join(fk.fields)}) REFERENCES "{fk.table}" '
                    f'({", ".join(fk.table_fields)})')
    return f'CREATE TABLE "{spec.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def _value(v: Any, ftype: str) -> Any:
    if v is None:
        return None
    if ftype == "date":
        return v.isoformat()
    if ftype == "boolean":
        return int(v)
    return v


def _fts_columns(spec: TableSpec) -> tuple[str, ...]:
    if spec.name in FTS_COLUMNS:
        return FTS_COLUMNS[spec.name]
    return ("quote",) if spec.evidence else ()


def export_sqlite(root: Path, target: Path, spec: PackageSpec | None = None) -> Path:
    """Write root's package to the SQLite file `target` and metadata.json beside it."""
    spec = spec or load_spec()
    descriptor_path = root / DESCRIPTOR_NAME
    if not descriptor_path.is_file():
        raise InputError(f"{descriptor_path}: not found; build the package first")
    pkg = json.loads(descriptor_path.read_text(encoding="utf-8"))
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        order = _dependency_order(spec)
        for name in order:
            t = spec.tables[name]
            db.execute(_create(t))
            df = pl.read_parquet(root / DATA_DIR_NAME / f"{name}.parquet")
            types = [f.type for f in t.fields]
            rows = ([_value(v, ty) for v, ty in zip(row, types, strict=True)]
                    for row in df.select(t.column_names).iter_rows())
            marks = ", ".join("?" for _ in t.fields)
            db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
            fts = _fts_columns(t)
            if fts:
                # Datasette finds the index by its name: <table>_fts, rows by rowid
                cols = ", ".join(fts)
                db.execute(f'CREATE VIRTUAL TABLE "{name}_fts" USING fts5({cols}, '
                           f'content="{name}")')
                db.execute(f'INSERT INTO "{name}_fts" (rowid, {cols}) SELECT rowid, {cols} '
                           f'FROM "{name}"')
        db.commit()
    finally:
        db.close()
    tmp.replace(target)
    metadata = datasette_metadata(spec, pkg, target.stem)
    (target.parent / "metadata.json").write_text(
        json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def _dependency_order(spec: PackageSpec) -> list[str]:
    """Tables after the tables their foreign keys point to."""
    done: list[str] = []
    pending = list(spec.tables)
    while pending:
        for name in list(pending):
            deps = {fk.table for fk in spec.tables[name].foreign_keys} - {name}
            if deps <= set(done):
                done.append(name)
                pending.remove(name)
    return done


def datasette_metadata(spec: PackageSpec, pkg: dict[str, Any], database: str) -> dict[str, Any]:
    lic = pkg["licenses"][0]
    tables: dict[str, Any] = {}
    for name, t in spec.tables.items():
        entry: dict[str, Any] = {
            "description": t.description,
            "columns": {f.name: f.description for f in t.fields},
        }
        if _fts_columns(t):
            entry["fts_table"] = f"{name}_fts"
            entry["fts_pk"] = "rowid"
        if t.text_licenses:
            entry["license"] = t.text_licenses[0]["title"]
        tables[name] = entry
    return {
        "title": pkg["title"],
        "description": pkg["description"],
        "license": lic["name"],
        "license_url": lic.get("path", ""),
        "source": "Arabic news articles listed in the package's sources",
        "databases": {database: {"tables": tables}},
    }
