"""Write stage: deterministic Parquet (publish.py moves the staged package in).

Same rows -> same bytes: columns are cast to the declared Arrow types, rows sorted by
primary key, zstd at a fixed level, no timestamps.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from coalition_data.schema import TableSpec

ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}


def arrow_schema(spec: TableSpec) -> pa.Schema:
    return pa.schema(
        [pa.field(f.name, ARROW_TYPES[f.type], nullable=not f.required) for f in spec.fields]
    )


def write_table(df: pl.DataFrame, spec: TableSpec, path: Path) -> None:
    df = df.select(spec.column_names).sort(list(spec.primary_key))
    table = df.to_arrow().cast(arrow_schema(spec))
    pq.write_table(
        table, path, compression="zstd", compression_level=9, write_statistics=True,
        use_dictionary=True, store_schema=False, row_group_size=1_000_000,
    )


def write_csv(df: pl.DataFrame, spec: TableSpec, path: Path) -> None:
    """A CSV copy of a table: same columns and row order as its Parquet, UTF-8, ISO
    dates, true/false, empty cells for nulls, LF line ends: same rows, same bytes."""
    df = df.select(spec.column_names).sort(list(spec.primary_key))
    df.write_csv(path, include_header=True, separator=",", quote_style="necessary",
                 date_format="%Y-%m-%d", null_value="", line_terminator="\n")
