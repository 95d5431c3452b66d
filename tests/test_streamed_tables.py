"""The articles table is written as it streams, batch by batch, and the build keeps only
the rows without their texts; quotes are checked against the written texts batch by
batch. Streaming changes nothing a user sees: the same rows, the same CSV bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from coalition_data.errors import ValidationError
from coalition_data.paths import DEFAULT_SEEDS
from coalition_data.pipeline import build_tables, read_tables, validate_package
from coalition_data.schema import load_spec
from coalition_data.validate import check_quotes
from coalition_data.write import StreamedTable, write_csv


def _rows(n: int) -> list[dict]:
    spec = load_spec().tables["articles"]
    base = {f.name: None for f in spec.fields}
    out = []
    for i in range(n):
        text = f"نص المقال رقم {i} عن التحالف."
        out.append({**base, "article_id": f"a{i:03d}", "file": f"a{i:03d}.txt",
                    "outlet_confidence": "low", "url_confidence": "unknown",
                    "published_date": dt.date(2020, 1, 1 + i % 28),
                    "published_date_end": dt.date(2020, 1, 1 + i % 28),
                    "published_date_confidence": "low", "raw_sha256": "0" * 64,
                    "language": "ar", "on_topic": True, "text": text,
                    "text_sha256": "1" * 64, "char_count": len(text),
                    "word_count": len(text.split()), "removed_boilerplate_lines": 0,
                    "removed_duplicate_lines": 0, "split_glued_words": 0,
                    "whitespace_fixes": 0})
    return out


def test_batches_write_the_same_rows_and_csv_bytes_as_one_table(tmp_path: Path) -> None:
    spec = load_spec().tables["articles"]
    rows = _rows(7)
    seen = []
    table = StreamedTable(spec, tmp_path / "a.parquet", tmp_path / "a.csv", batch_rows=3,
                          on_batch=lambda df: seen.append(df.height))
    for r in rows:
        table.add(r)
    kept = table.close()
    assert seen == [3, 3, 1]
    whole = pl.DataFrame(rows, schema=pl.read_parquet(tmp_path / "a.parquet").schema)
    assert pl.read_parquet(tmp_path / "a.parquet").equals(whole)
    write_csv(whole, spec, tmp_path / "whole.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert kept["text"].null_count() == 7  # the build keeps no texts
    assert kept.drop("text").equals(whole.drop("text"))


def test_rows_out_of_key_order_are_refused(tmp_path: Path) -> None:
    spec = load_spec().tables["articles"]
    a, b = _rows(2)
    table = StreamedTable(spec, tmp_path / "a.parquet", tmp_path / "a.csv")
    table.add(b)
    with pytest.raises(ValueError, match="out of key order"):
        table.add(a)


def test_the_build_holds_no_texts_but_writes_them(tmp_path: Path) -> None:
    spec = load_spec()
    tables = build_tables(DEFAULT_SEEDS, spec, tmp_path)
    assert tables["articles"]["text"].null_count() == tables["articles"].height
    written = pl.read_parquet(tmp_path / "articles.parquet")
    assert written["text"].null_count() == 0
    assert written["article_id"].to_list() == sorted(tables["articles"]["article_id"])


def test_a_wrong_quote_is_found_in_the_written_texts(built: Path) -> None:
    spec = load_spec()
    tables = read_tables(built, spec, texts=False)
    check_quotes(built / "data" / "articles.parquet", spec, tables)  # as built: fine
    pledges = tables["pledges"]
    tables["pledges"] = pledges.with_columns(
        pl.when(pl.int_range(pl.len()) == 1).then(pl.lit("نص آخر")).otherwise(
            pl.col("quote")).alias("quote"))
    with pytest.raises(ValidationError, match=r"table pledges: column quote, row 1"):
        check_quotes(built / "data" / "articles.parquet", spec, tables, batch_rows=2)


def test_validate_runs_frictionless_only_when_asked(
        built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coalition_data import pipeline

    calls = []
    monkeypatch.setattr(pipeline, "frictionless_check", lambda root: calls.append(root))
    validate_package(built)
    assert calls == []
    validate_package(built, frictionless=True)
    assert calls == [built]
