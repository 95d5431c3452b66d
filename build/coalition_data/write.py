"""Write stage: deterministic Parquet, built in a temporary folder and swapped in.

Same rows -> same bytes: columns are cast to the declared Arrow types, rows sorted by
primary key, zstd at a fixed level, no timestamps. A failed build never touches the
previous data/ and datapackage.json.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from coalition_data.paths import DATA_DIR_NAME, DESCRIPTOR_NAME
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


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A temporary folder beside `out`; removed whatever happens."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def swap_in(staged: Path, out: Path) -> None:
    """Replace out/data and out/datapackage.json with the staged ones."""
    new_data, old_data = staged / DATA_DIR_NAME, out / DATA_DIR_NAME
    trash = staged / "previous-data"
    if old_data.exists():
        os.replace(old_data, trash)
    os.replace(new_data, old_data)
    os.replace(staged / DESCRIPTOR_NAME, out / DESCRIPTOR_NAME)
