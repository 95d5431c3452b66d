"""`load(name, pandas=True)` keeps the types the schema declares, nulls included: a
nullable integer is not float64 and a nullable boolean is not object."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from coalition_data import load
from coalition_data.schema import load_spec

EXPECTED = {"integer": "int64", "number": "double", "boolean": "bool", "string": "string",
            "date": "date32"}


@pytest.mark.parametrize("table", list(load_spec().tables))
def test_every_column_keeps_its_declared_type(built: Path, table: str) -> None:
    df = load(table, built, pandas=True)
    for f in load_spec().tables[table].fields:
        dtype = df[f.name].dtype
        assert isinstance(dtype, pd.ArrowDtype), (f.name, dtype)
        assert str(dtype.pyarrow_dtype).removeprefix("large_").startswith(EXPECTED[f.type]), \
            (table, f.name, dtype)


def test_nullable_integers_and_booleans_keep_their_nulls(built: Path) -> None:
    meetings = load("meetings", built, pandas=True)
    assert meetings["n_states"].isna().any()  # some meetings give no number of states
    assert str(meetings["n_states"].dtype) == "int64[pyarrow]"
    known = meetings["n_states"].dropna()
    assert known.astype(int).tolist() == [int(v) for v in known]
    participants = load("participants", built, pandas=True)
    assert str(participants["member_at_meeting"].dtype) == "bool[pyarrow]"
    resolutions = load("resolutions", built, pandas=True)
    assert str(resolutions["subject_disagrees"].dtype) == "bool[pyarrow]"
