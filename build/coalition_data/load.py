"""Load a published table straight from data/: Polars by default, pandas on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from coalition_data.paths import DATA_DIR_NAME, PACKAGE_ROOT


def load(table: str, root: str | Path = PACKAGE_ROOT, *, pandas: bool = False) -> Any:
    """Return `table` (e.g. "meetings") from `root`/data as a DataFrame; by default the
    package published with this copy (the repository's, or the one bundled when
    installed)."""
    path = Path(root) / DATA_DIR_NAME / f"{table}.parquet"
    if not path.is_file():
        available = sorted(p.stem for p in path.parent.glob("*.parquet"))
        raise FileNotFoundError(f"no table {table!r} in {path.parent}; available: {available}")
    df = pl.read_parquet(path)
    return df.to_pandas() if pandas else df
