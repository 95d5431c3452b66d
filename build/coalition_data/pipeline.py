"""The build, end to end: read -> clean -> extract -> link -> validate -> write -> package."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from coalition_data.articles import article_row
from coalition_data.errors import ValidationError
from coalition_data.facts import ArticleFacts, extract_article, link_facts
from coalition_data.package import (
    check_descriptor,
    check_hashes,
    descriptor,
    dictionary_markdown,
    frictionless_check,
    write_descriptor,
)
from coalition_data.paths import DATA_DIR_NAME
from coalition_data.publish import locked, publish, staging
from coalition_data.read import RawArticle, read_corpus
from coalition_data.registry import (
    registry_folder,
    registry_for,
    use_registry,
    validate_registries,
)
from coalition_data.schema import PackageSpec, TableSpec, load_spec
from coalition_data.validate import POLARS_TYPES, validate_tables
from coalition_data.write import write_csv, write_table


@dataclass(frozen=True)
class BuildResult:
    out: Path
    rows: dict[str, int]
    registry: Path


def to_frame(rows: list[dict[str, Any]], spec: TableSpec) -> pl.DataFrame:
    schema = {f.name: POLARS_TYPES[f.type] for f in spec.fields}
    return pl.DataFrame(rows, schema=schema, orient="row" if not rows else None)


PARALLEL_FROM = 400  # below this many articles, starting worker processes costs more


def _prepare(raw: RawArticle) -> tuple[dict[str, Any], ArticleFacts]:
    """Per-article work (clean + extract): independent, so it runs in worker processes."""
    row = article_row(raw)
    return row, extract_article(row)


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6", use_errno=True)
    except OSError:
        return None


_LIBC: list[ctypes.CDLL | None] = []  # loaded in the parent: a forked child imports nothing


def _die_with_parent() -> None:
    """Workers get SIGTERM when the build process dies, however it dies (Linux)."""
    libc = _LIBC[0] if _LIBC else None
    if libc is not None:
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


WARM_UP_TEXT = ("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في روما، وقال وزير "
                "الخارجية الأمريكي جون كيري إن بلاده ستقدم 10 ملايين دولار وفق القرار 2170.")


def warm_up() -> None:
    """Fill every registry-derived cache in the parent before workers fork, so that no
    worker reads or validates a registry itself (Polars threads do not survive fork)."""
    validate_registries()
    extract_article({"article_id": "warm-up", "text": WARM_UP_TEXT,
                     "published_date": None})


def _workers() -> int:
    return max(1, int(os.environ.get("COALITION_WORKERS", os.cpu_count() or 1)))


Progress = Callable[[int, int], None]  # (articles done, articles in all)


def prepare_all(raws: list[RawArticle], progress: Progress | None = None
                ) -> list[tuple[dict[str, Any], ArticleFacts]]:
    workers = _workers()
    tick = progress or (lambda done, total: None)
    out = []
    if workers == 1 or len(raws) < PARALLEL_FROM:
        for r in raws:
            out.append(_prepare(r))
            tick(len(out), len(raws))
        return out
    if not _LIBC:
        _LIBC.append(_libc())
    warm_up()
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx,
                             initializer=_die_with_parent) as pool:
        for item in pool.map(_prepare, raws, chunksize=64):
            out.append(item)
            tick(len(out), len(raws))
    return out


def build_tables(seeds: Path, spec: PackageSpec, progress: Progress | None = None
                 ) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    prepared = prepare_all(read_corpus(seeds), progress)
    articles = [row for row, _ in prepared]
    facts = link_facts([af for _, af in prepared])
    tables = {"articles": to_frame(articles, spec.tables["articles"])}
    for name, rows in facts.items():
        tables[name] = to_frame(rows, spec.tables[name])
    return tables, articles


def build(seeds: Path, out: Path, *, frictionless: bool = False,
          progress: Progress | None = None, texts: bool = True) -> BuildResult:
    """Build the package from `seeds` into `out`; on any error `out` is left untouched.

    Pandera checks every declared constraint and dataset rule before anything is written.
    The Frictionless conformance pass (`frictionless=True`, and `validate_package`) is
    opt-in here: its Parquet reader costs minutes on large corpora.
    """
    spec = load_spec()
    use_registry(registry_for(seeds))  # validated before any article is read
    tables, articles = build_tables(seeds, spec, progress)
    validate_tables(spec, tables)  # every quote checked against the full text first
    if not texts:  # then published without them: digests, offsets and quotes stay
        tables["articles"] = tables["articles"].with_columns(pl.lit(None, pl.String).alias(
            "text"))
        validate_tables(spec, tables)
    with locked(out) as state, staging(state) as tmp:
        (tmp / DATA_DIR_NAME).mkdir()
        for name, t in spec.tables.items():
            write_table(tables[name], t, tmp / DATA_DIR_NAME / f"{name}.parquet")
            write_csv(tables[name], t, tmp / DATA_DIR_NAME / f"{name}.csv")
        (tmp / DATA_DIR_NAME / "dictionary.md").write_text(dictionary_markdown(spec),
                                                            encoding="utf-8")
        write_descriptor(descriptor(spec, tmp, articles, tables["meetings"].to_dicts()), tmp)
        check_hashes(tmp)
        if frictionless:
            frictionless_check(tmp)
        publish(tmp, out)
    return BuildResult(out, {name: df.height for name, df in tables.items()}, registry_folder())


def read_tables(root: Path, spec: PackageSpec) -> dict[str, pl.DataFrame]:
    out = {}
    for name in spec.tables:
        path = root / DATA_DIR_NAME / f"{name}.parquet"
        if not path.is_file():
            raise ValidationError(f"{path}: missing; run `coalition-data build`")
        out[name] = pl.read_parquet(path)
    return out


def validate_package(root: Path, *, frictionless: bool = True) -> dict[str, int]:
    """Re-check a written package: hashes, Pandera schemas and dataset rules, Frictionless."""
    spec = load_spec()
    check_hashes(root)
    tables = read_tables(root, spec)
    check_descriptor(root, spec, tables["articles"].to_dicts(), tables["meetings"].to_dicts())
    validate_tables(spec, tables)
    if frictionless:
        frictionless_check(root)
    return {name: df.height for name, df in tables.items()}
