"""Load a published table straight from data/: Polars by default, pandas on request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from coalition_data.paths import DATA_DIR_NAME, PACKAGE_ROOT


def load(table: str, root: str | Path = PACKAGE_ROOT, *, pandas: bool = False) -> Any:
    """Return `table` (e.g. "meetings") from `root`/data as a DataFrame; by default the
    package published with this copy (the repository's, or the one bundled when
    installed).

    pandas=True gives Arrow-backed columns (`int64[pyarrow]`, `bool[pyarrow]`,
    `date32[pyarrow]`, ...): the declared types survive with their nulls, where numpy
    dtypes would turn a nullable integer into float64 and a nullable boolean into object.
    """
    from coalition_data.publish import pending

    if pending(Path(root)):
        raise RuntimeError(f"{root}: a publish into this folder is under way or was "
                           "interrupted; run `coalition-data validate --root` on it to "
                           "complete it, then load again")
    path = Path(root) / DATA_DIR_NAME / f"{table}.parquet"
    if not path.is_file():
        available = sorted(p.stem for p in path.parent.glob("*.parquet"))
        raise FileNotFoundError(f"no table {table!r} in {path.parent}; available: {available}")
    df = pl.read_parquet(path)
    return df.to_pandas(use_pyarrow_extension_array=True) if pandas else df
