"""Reference registries under seeds/registry: curated CSVs, each row with a source."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from coalition_data.errors import InputError
from coalition_data.paths import DEFAULT_REGISTRY


@cache
def read_registry(name: str, required: tuple[str, ...], folder: Path = DEFAULT_REGISTRY
                  ) -> tuple[dict[str, str], ...]:
    """Rows of seeds/registry/<name>.csv; every row must have `required` and a source."""
    path = folder / f"{name}.csv"
    where = f"registry/{name}.csv"
    if not path.is_file():
        raise InputError(f"{where}: registry file not found")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        for col in (*required, "source"):
            if col not in header:
                raise InputError(f"{where} line 1: missing column {col!r}")
        rows = []
        for line_no, rec in enumerate(reader, start=2):
            if None in rec:
                raise InputError(f"{where} line {line_no}: more values than columns")
            for col in (*required, "source"):
                if not (rec.get(col) or "").strip():
                    raise InputError(f"{where} line {line_no}, column {col}: empty")
            rows.append({k: (v or "").strip() for k, v in rec.items()})
    return tuple(rows)
