"""Validate stage: Pandera (Polars) schemas derived from schema/datapackage.toml, plus
dataset-level checks a column schema cannot express (foreign keys, evidence quotes,
ordered intervals). Any failure raises ValidationError naming table, column and row.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandera.polars as pa
import polars as pl
import pyarrow.parquet as pq

from coalition_data.errors import ValidationError
from coalition_data.schema import PackageSpec, TableSpec

POLARS_TYPES: dict[str, pl.DataType] = {
    "string": pl.String(),
    "integer": pl.Int64(),
    "number": pl.Float64(),
    "boolean": pl.Boolean(),
    "date": pl.Date(),
}

# Ordered pairs of columns (low, high) that must not cross, wherever both exist.
ORDERED_PAIRS = (("date_start", "date_end"), ("amount_min", "amount_max"),
                 ("char_start", "char_end"))


def column_schema(spec: TableSpec) -> dict[str, pa.Column]:
    columns = {}
    for f in spec.fields:
        checks = []
        if f.enum:
            checks.append(pa.Check.isin(list(f.enum)))
        if f.pattern:
            checks.append(pa.Check.str_matches(f.pattern))
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum))
        if f.maximum is not None:
            checks.append(pa.Check.le(f.maximum))
        columns[f.name] = pa.Column(
            POLARS_TYPES[f.type], checks=checks, nullable=not f.required, unique=f.unique,
            description=f.description,
        )
    return columns


def _frame_check(fn: Callable[[pl.LazyFrame], pl.LazyFrame], name: str) -> pa.Check:
    """A row-wise DataFrame check: fn returns one boolean column per row."""
    return pa.Check(lambda data: fn(data.lazyframe), name=name)


def dataset_checks(spec: TableSpec, tables: dict[str, pl.DataFrame]) -> list[pa.Check]:
    checks: list[pa.Check] = []
    names = set(spec.column_names)
    for low, high in ORDERED_PAIRS:
        if {low, high} <= names:
            checks.append(_frame_check(
                lambda lf, lo=low, hi=high: lf.select(
                    (pl.col(lo).is_null() | pl.col(hi).is_null() | (pl.col(lo) <= pl.col(hi)))
                    .alias("ok")),
                f"{low}<={high}",
            ))
    for fk in spec.foreign_keys:
        target = tables.get(fk.table)
        if target is None:
            continue
        (col,), (ref,) = fk.fields, fk.table_fields
        keys = target.get_column(ref).to_list()
        checks.append(_frame_check(
            lambda lf, c=col, k=keys: lf.select((pl.col(c).is_null() | pl.col(c).is_in(k))
                                                .alias("ok")),
            f"foreign_key {col} -> {fk.table}.{ref}",
        ))
    if spec.evidence and "articles" in tables:
        texts = tables["articles"].select("article_id", pl.col("text").alias("_text"),
                                          pl.col("char_count").alias("_n")).lazy()
        checks.append(_frame_check(
            lambda lf, t=texts: lf.join(t, on="article_id", how="left", maintain_order="left")
            .select((pl.col("_n").is_not_null() & (pl.col("char_end") <= pl.col("_n"))
                     # a package published without texts keeps offsets and quotes only
                     & (pl.col("_text").is_null()
                        | (pl.col("_text").str.slice(pl.col("char_start"),
                                                     pl.col("char_end") - pl.col("char_start"))
                           == pl.col("quote")))).alias("ok")),
            "quote == articles.text[char_start:char_end]",
        ))
    return checks


def table_schema(spec: TableSpec, tables: dict[str, pl.DataFrame] | None = None
                 ) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        column_schema(spec),
        checks=dataset_checks(spec, tables or {}),
        unique=list(spec.primary_key),
        strict=True,
        ordered=True,
        name=spec.name,
        description=spec.description,
    )


def _describe(table: str, errors: pa.errors.SchemaErrors, limit: int = 5) -> str:
    fc = errors.failure_cases
    parts = []
    for row in fc.head(limit).iter_rows(named=True):
        where = f"column {row['column']}" if row.get("column") else "row check"
        idx = row.get("index")
        at = f", row {idx}" if idx is not None else ""
        parts.append(f"{where}{at}: {row['check']} failed (value {row['failure_case']!r})")
    more = f" (+{fc.height - limit} more)" if fc.height > limit else ""
    return f"table {table}: " + "; ".join(parts) + more


def validate_tables(spec: PackageSpec, tables: dict[str, pl.DataFrame],
                    only: tuple[str, ...] | None = None) -> None:
    """Validate every table (or `only` these); raise one ValidationError listing what
    failed first."""
    for name, table_spec in spec.tables.items():
        if only is not None and name not in only:
            continue
        if name not in tables:
            raise ValidationError(f"table {name}: missing")
        try:
            table_schema(table_spec, tables).validate(tables[name], lazy=True)
        except pa.errors.SchemaErrors as exc:
            raise ValidationError(_describe(name, exc)) from None
        except pa.errors.SchemaError as exc:
            raise ValidationError(f"table {name}: {exc}") from None


def check_quotes(articles_parquet: Path, spec: PackageSpec, tables: dict[str, pl.DataFrame],
                 batch_rows: int = 5_000) -> None:
    """Every evidence quote is its article's text at its offsets. The texts are read from
    the written articles table batch by batch: they are never all in memory."""
    parts = [tables[name].select(pl.lit(name).alias("_table"),
                                 pl.int_range(pl.len(), dtype=pl.Int64).alias("_row"),
                                 "article_id", "char_start", "char_end", "quote")
             for name, t in spec.tables.items() if t.evidence and name in tables]
    if not parts:
        return
    evidence = pl.concat(parts)
    if evidence.is_empty():
        return
    for batch in pq.ParquetFile(articles_parquet).iter_batches(
            batch_size=batch_rows, columns=["article_id", "text"]):
        texts = pl.from_arrow(batch).filter(pl.col("text").is_not_null())
        if texts.is_empty():
            continue
        bad = evidence.join(texts, on="article_id", how="inner").filter(
            pl.col("text").str.slice(pl.col("char_start"),
                                     pl.col("char_end") - pl.col("char_start"))
            != pl.col("quote")).sort("_table", "_row")
        if bad.height:
            row = bad.row(0, named=True)
            raise ValidationError(
                f"table {row['_table']}: column quote, row {row['_row']}: failed quote == "
                f"articles.text[char_start:char_end] (value {row['quote']!r}, article "
                f"{row['article_id']}, {row['char_start']}-{row['char_end']})"
                + (f" (+{bad.height - 1} more)" if bad.height > 1 else ""))


NEWLINE = b"\n"


def check_package_files(root: Path, spec: PackageSpec, listed: set[str],
                        dictionary_text: str) -> None:
    """What a hash cannot vouch for: nothing in data/ beyond what the descriptor lists
    (`listed`, package-relative paths) and the dictionary; the dictionary as the package
    derives it (`dictionary_text`); each CSV copy row for row its Parquet twin; each
    article's text_sha256 the digest of its text."""
    from coalition_data.paths import DATA_DIR_NAME

    data = root / DATA_DIR_NAME
    dictionary = f"{DATA_DIR_NAME}/dictionary.md"
    for path in sorted(data.iterdir()):
        rel = f"{DATA_DIR_NAME}/{path.name}"
        if rel not in listed and rel != dictionary:
            raise ValidationError(f"{rel}: not part of the package (the descriptor does not "
                                  "list it); move it out of data/ or rebuild")
    _check_dictionary(root / dictionary, dictionary_text)
    for name, table in spec.tables.items():
        _check_twin(data / f"{name}.parquet", data / f"{name}.csv", table)


def _check_dictionary(path: Path, expected: str) -> None:
    if not path.is_file():
        raise ValidationError(f"{path.parent.name}/{path.name}: missing; rebuild the package")
    found = path.read_bytes().decode("utf-8", errors="replace")
    if found != expected:
        ours, theirs = expected.split("\n"), found.split("\n")
        line = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False), 1)
                     if a != b), min(len(ours), len(theirs)) + 1)
        raise ValidationError(f"{path.parent.name}/{path.name} line {line}: not the "
                              "dictionary schema/datapackage.toml derives (edited by hand?); "
                              "rebuild the package")


def _check_twin(parquet: Path, csv: Path, spec: TableSpec, batch_rows: int = 2_000) -> None:
    """The CSV is what writing the Parquet's rows as CSV gives, byte for byte (read in
    batches: the articles' texts are never all in memory); articles' digests checked on
    the way."""
    import hashlib
    import io

    from coalition_data.write import CSV_OPTIONS

    where = f"{csv.parent.name}/{csv.name}"
    hashed = spec.name == "articles"
    line, row = 1, 0
    with csv.open("rb") as fh:
        batches = pq.ParquetFile(parquet).iter_batches(batch_size=batch_rows)
        first = True
        for batch in batches:
            df = pl.from_arrow(batch)
            buf = io.BytesIO()
            df.write_csv(buf, include_header=first, **CSV_OPTIONS)
            first = False
            expected = buf.getvalue()
            found = fh.read(len(expected))
            if found != expected:
                at = next((i for i, (a, b) in enumerate(zip(expected, found, strict=False))
                           if a != b), min(len(expected), len(found)))
                bad = line + expected[:at].count(NEWLINE)
                raise ValidationError(
                    f"{where} line {bad}: not the rows of "
                    f"{parquet.name} (a CSV copy must hold the same rows); rebuild it")
            line += expected.count(NEWLINE)
            if hashed:
                for article_id, text, sha in df.select(
                        "article_id", "text", "text_sha256").iter_rows():
                    if text is not None and hashlib.sha256(
                            text.encode("utf-8")).hexdigest() != sha:
                        raise ValidationError(
                            f"table articles, row {row}: text_sha256 is not the sha256 of "
                            f"the text of article {article_id} (text edited?)")
                    row += 1
        if first:  # no rows: the header alone
            expected = (",".join(spec.column_names) + "\n").encode("utf-8")
            if fh.read(len(expected)) != expected:
                raise ValidationError(f"{where} line 1: not the header of {parquet.name}")
            line = 2
        if fh.read(1):
            raise ValidationError(f"{where} line {line}: rows that {parquet.name} does not "
                                  "have (a CSV copy must hold the same rows)")
