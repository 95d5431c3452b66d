"""Write stage: deterministic Parquet (publish.py moves the staged package in).

Same rows -> same bytes: columns are cast to the declared Arrow types, rows sorted by
primary key, zstd at a fixed level, no timestamps.
"""

from __future__ import annotations

import contextlib
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


# one set of options for every Parquet and CSV file, whole or streamed: same rows, same bytes
PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 9, "write_statistics": True,
                   "use_dictionary": True, "store_schema": False}
CSV_OPTIONS = {"separator": ",", "quote_style": "necessary", "date_format": "%Y-%m-%d",
               "null_value": "", "line_terminator": "\n"}


def write_table(df: pl.DataFrame, spec: TableSpec, path: Path) -> None:
    df = df.select(spec.column_names).sort(list(spec.primary_key))
    table = df.to_arrow().cast(arrow_schema(spec))
    pq.write_table(table, path, row_group_size=1_000_000, **PARQUET_OPTIONS)


def write_csv(df: pl.DataFrame, spec: TableSpec, path: Path) -> None:
    """A CSV copy of a table: same columns and row order as its Parquet, UTF-8, ISO
    dates, true/false, empty cells for nulls, LF line ends: same rows, same bytes."""
    df = df.select(spec.column_names).sort(list(spec.primary_key))
    df.write_csv(path, include_header=True, **CSV_OPTIONS)


class StreamedTable:
    """A table written batch by batch (rows arrive already in primary-key order): the
    articles table, whose texts are the bulk of the package and are never all held in
    memory. Batches have a fixed size, so the same rows give the same bytes.

    `on_batch` sees each batch (with its texts) before it is written: validation.
    `published_null` columns are written empty (a package without texts); `not_kept`
    columns are left out of the copy `close` returns.
    """

    def __init__(self, spec: TableSpec, parquet: Path, csv: Path, batch_rows: int = 2_000,
                 on_batch=None, published_null: tuple[str, ...] = (),
                 not_kept: tuple[str, ...] = ("text",)) -> None:
        from coalition_data.validate import POLARS_TYPES

        self.spec, self.batch_rows, self.on_batch = spec, batch_rows, on_batch
        self.published_null, self.not_kept = published_null, not_kept
        self._schema = {f.name: POLARS_TYPES[f.type] for f in spec.fields}
        self._arrow = arrow_schema(spec)
        self._writer = pq.ParquetWriter(parquet, self._arrow, **PARQUET_OPTIONS)
        self._csv = csv.open("wb")
        self._rows: list[dict] = []
        self._kept: list[pl.DataFrame] = []
        self._first = True
        self._last_key: tuple | None = None

    def add(self, row: dict) -> None:
        key = tuple(row[k] for k in self.spec.primary_key)
        if self._last_key is not None and key <= self._last_key:
            raise ValueError(f"table {self.spec.name}: rows out of key order at {key}")
        self._last_key = key
        self._rows.append(row)
        if len(self._rows) >= self.batch_rows:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        df = pl.DataFrame(self._rows, schema=self._schema, orient="row")
        self._rows = []
        if self.on_batch is not None:
            self.on_batch(df)
        if self.published_null:
            df = df.with_columns(pl.lit(None, self._schema[c]).alias(c)
                                 for c in self.published_null)
        self._writer.write_table(df.to_arrow().cast(self._arrow),
                                 row_group_size=self.batch_rows)
        df.write_csv(self._csv, include_header=self._first, **CSV_OPTIONS)
        self._first = False
        self._kept.append(df.with_columns(pl.lit(None, self._schema[c]).alias(c)
                                          for c in self.not_kept))

    def abort(self) -> None:
        """Close both files after a failure (a full disk) without raising again: the
        staging folder holding them is thrown away. A writer left open would try to
        write its footer when collected and print "Exception ignored in
        ParquetWriter.__del__" after the build's one-line error."""
        writer = self._writer
        try:
            writer.close()
        except Exception:  # the disk that failed the write fails the footer too
            pass
        finally:
            writer.is_open = False  # nothing left for __del__ to do
            handle = getattr(writer, "file_handle", None)
            if handle is not None:
                with contextlib.suppress(Exception):
                    handle.close()
        with contextlib.suppress(Exception):
            self._csv.close()

    def close(self) -> pl.DataFrame:
        """Finish both files; return the rows without their texts (small)."""
        self._flush()
        self._writer.close()
        if self._first:  # no rows: the header alone
            self._csv.write((",".join(self._schema) + "\n").encode("utf-8"))
        self._csv.close()
        if not self._kept:
            return pl.DataFrame(schema=self._schema)
        return pl.concat(self._kept, rechunk=True)
