"""The build, end to end: read -> clean -> extract -> link -> validate -> write -> package.

Memory stays bounded: articles are read, extracted (by an engine, see engines.py) and
written to the articles table in a stream, in article_id order; the build keeps only
each article's digest (its facts with their evidence) and its row without the text.
Results of unchanged articles come from a content-addressed cache (cache.py).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from coalition_data.cache import ExtractionCache, default_cache_dir
from coalition_data.digest import ArticleDigest
from coalition_data.engines import (
    ENGINES,
    ArticleResult,
    Task,
    run_dask,
    run_processes,
    run_serial,
    workers_wanted,
)
from coalition_data.errors import BuildError, ValidationError
from coalition_data.facts import link_digests
from coalition_data.identity import read_identity
from coalition_data.package import (
    check_descriptor,
    check_hashes,
    descriptor,
    dictionary_markdown,
    frictionless_check,
    read_descriptor,
    write_descriptor,
)
from coalition_data.paths import DATA_DIR_NAME
from coalition_data.publish import locked, publish, staging
from coalition_data.read import MAX_ARTICLE_BYTES, ManifestRow, read_article, read_manifest
from coalition_data.reference.registry import (
    active_registry_digest,
    registry_folder,
    registry_for,
    use_registry,
)
from coalition_data.reference.tables import reference_rows
from coalition_data.schema import PackageSpec, TableSpec, load_spec
from coalition_data.validate import (
    POLARS_TYPES,
    check_package_files,
    check_quotes,
    validate_tables,
)
from coalition_data.write import StreamedTable, write_csv, write_table


@dataclass
class BuildResult:
    out: Path
    rows: dict[str, int]
    registry: Path
    cache_hits: int = 0  # articles whose extraction came from the cache
    cache_misses: int = 0  # articles extracted by this build
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    cache_warning: str | None = None  # entries refused, or why the cache was not used


def to_frame(rows: list[dict[str, Any]], spec: TableSpec) -> pl.DataFrame:
    schema = {f.name: POLARS_TYPES[f.type] for f in spec.fields}
    return pl.DataFrame(rows, schema=schema, orient="row" if not rows else None)


PARALLEL_FROM = 400  # below this many articles to extract, worker processes cost more
CHUNK = 32  # articles per task sent to a worker

Progress = Callable[[int, int], None]  # (articles done, articles in all)
Stage = Callable[[str], None]  # called with a stage's name as it starts


def _cache_keys(seeds: Path, manifest: list[ManifestRow], cache: ExtractionCache
                ) -> list[str | None]:
    """Each article's cache key when an entry exists for it, else None (the file's
    bytes are hashed, nothing is decoded): only to choose the engine."""
    keys: list[str | None] = []
    for meta in manifest:
        path = seeds / meta.file
        try:
            if path.stat().st_size > MAX_ARTICLE_BYTES:
                keys.append(None)
                continue
            key = cache.key(meta, hashlib.sha256(path.read_bytes()).hexdigest())
        except OSError:
            keys.append(None)
            continue
        keys.append(key if cache.has(key) else None)
    return keys


def _chunks(seeds: Path, manifest: list[ManifestRow], cache: ExtractionCache | None
            ) -> Iterator[list[Task]]:
    """The work in manifest order, in chunks: every article read strictly (a broken one
    stops the build with its name), with the digest its cache entry holds, if any: the
    entry is looked up by the bytes read here, never by an earlier read."""
    chunk: list[Task] = []
    for meta in manifest:
        raw = read_article(seeds, meta)
        cached = None
        if cache is not None:
            cached = cache.get(cache.key(meta, raw.sha256), meta.article_id, raw.sha256)
        chunk.append((raw, cached))
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


CACHED_COST = 0.2  # a cached article still costs its cleaning: about a fifth of a miss


def _engine_for(engine: str, n_articles: float) -> str:
    if engine != "auto":
        return engine
    return "processes" if workers_wanted() > 1 and n_articles >= PARALLEL_FROM else "serial"


def extracted(seeds: Path, manifest: list[ManifestRow], *, engine: str = "auto",
              address: str | None = None, cache: ExtractionCache | None = None
              ) -> Iterator[ArticleResult]:
    """Every article's (row, digest), in manifest order: the row made from the bytes
    read now, the digest from the cache when it checks out against that row's text, or
    extracted by the engine (and then stored in the cache)."""
    if engine not in ENGINES:
        raise BuildError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    if address is not None and engine != "dask":
        raise BuildError("a scheduler address needs the dask engine (--engine dask)")
    keys = _cache_keys(seeds, manifest, cache) if cache is not None else \
        [None] * len(manifest)
    cached = sum(k is not None for k in keys)
    chosen = _engine_for(engine, len(keys) - cached + CACHED_COST * cached)
    chunks = _chunks(seeds, manifest, cache)
    if chosen == "serial":
        batches = run_serial(chunks)
    elif chosen == "processes":
        batches = run_processes(chunks, workers_wanted())
    else:
        batches = run_dask(chunks, address, workers_wanted())
    n = 0
    for results in batches:
        for result in results:
            meta = manifest[n]
            if meta.article_id != result.row["article_id"]:
                raise BuildError(f"internal: result for {result.row['article_id']} in the "
                                 f"place of {meta.article_id}")
            if cache is not None and result.cached:
                cache.hits += 1
            elif cache is not None:
                sha = result.row["raw_sha256"]
                if result.rejected is not None:
                    cache.reject(cache.key(meta, sha), result.rejected)
                cache.put(cache.key(meta, sha), meta.article_id, sha, result.digest)
            yield result.row, result.digest
            n += 1
    if n != len(manifest):
        raise BuildError(f"internal: {n} results for {len(manifest)} articles")


def build_tables(seeds: Path, spec: PackageSpec, folder: Path, *, texts: bool = True,
                 progress: Progress | None = None, engine: str = "auto",
                 address: str | None = None, cache: ExtractionCache | None = None,
                 stage: Stage | None = None) -> dict[str, pl.DataFrame]:
    """Read, extract and link; the articles table is written (and validated batch by
    batch) into `folder` as it streams. Returns every table, articles without texts."""
    tick = progress or (lambda done, total: None)
    mark = stage or (lambda name: None)
    mark("read+extract")
    manifest = sorted(read_manifest(seeds), key=lambda m: m.article_id)
    article_spec = spec.tables["articles"]
    articles = StreamedTable(
        article_spec, folder / "articles.parquet", folder / "articles.csv",
        on_batch=lambda df: validate_tables(spec, {"articles": df}, only=("articles",)),
        published_null=() if texts else ("text",))
    digests: list[ArticleDigest] = []
    try:
        for n, (row, digest) in enumerate(
                extracted(seeds, manifest, engine=engine, address=address, cache=cache), 1):
            articles.add(row)
            if not digest.empty:
                digests.append(digest)
            tick(n, len(manifest))
        tables = {"articles": articles.close()}
    except BaseException:
        articles.abort()  # a full disk: one error, not a second one from the writer
        raise
    mark("link")
    for name, rows in link_digests(digests).items():
        tables[name] = to_frame(rows, spec.tables[name])
    for name, t in spec.tables.items():
        if t.registry:
            tables[name] = to_frame(reference_rows(t), t)
    return tables


def build(seeds: Path, out: Path, *, frictionless: bool = False,
          progress: Progress | None = None, texts: bool = True, engine: str = "auto",
          address: str | None = None, cache: Path | bool | None = True,
          stage: Stage | None = None, identity: dict[str, str] | None = None
          ) -> BuildResult:
    """Build the package from `seeds` into `out`; on any error `out` is left untouched.

    Pandera checks every declared constraint and dataset rule (every quote against its
    article's text included) before the package is published. The Frictionless
    conformance pass (`frictionless=True`) is opt-in: it costs minutes on large corpora.
    `cache`: True for the default cache folder, a path, or False/None for no cache.
    `identity`: overrides of the seeds' package.toml (identity.py).
    """
    times: dict[str, float] = {}
    clock = {"name": None, "t": time.perf_counter()}

    def mark(name: str | None) -> None:
        now = time.perf_counter()
        if clock["name"]:
            times[clock["name"]] = times.get(clock["name"], 0.0) + now - clock["t"]
        clock.update(name=name, t=now)
        if stage is not None and name:
            stage(name)

    spec = load_spec()
    ident = read_identity(seeds, identity)
    use_registry(registry_for(seeds))  # validated before any article is read
    store = None
    if cache:
        store = ExtractionCache(default_cache_dir() if cache is True else Path(cache),
                                active_registry_digest())
    with locked(out) as state, staging(state) as tmp:
        data = tmp / DATA_DIR_NAME
        data.mkdir()
        tables = build_tables(seeds, spec, data, texts=texts, progress=progress,
                              engine=engine, address=address, cache=store, stage=mark)
        mark("validate")
        validate_tables(spec, tables)
        check_quotes(data / "articles.parquet", spec, tables)
        mark("write")
        for name, t in spec.tables.items():
            if name != "articles":
                write_table(tables[name], t, data / f"{name}.parquet")
                write_csv(tables[name], t, data / f"{name}.csv")
        (data / "dictionary.md").write_text(
            dictionary_markdown(spec, ident["title"], tables["flag_precision"].to_dicts()),
            encoding="utf-8")
        write_descriptor(descriptor(spec, tmp, _sources(tables["articles"]),
                                    tables["meetings"].to_dicts(), ident), tmp)
        check_hashes(tmp)
        if frictionless:
            mark("frictionless")
            frictionless_check(tmp)
        mark("publish")
        publish(tmp, out)
    mark(None)
    hits = store.hits if store else 0
    return BuildResult(out, {name: df.height for name, df in tables.items()},
                       registry_folder(), hits, tables["articles"].height - hits, times,
                       cache_warning=_cache_warning(store))


def _cache_warning(store: ExtractionCache | None) -> str | None:
    """One line on what the cache could not be trusted with, if anything."""
    if store is None:
        return None
    if store.unusable:
        return f"the extraction cache was not used: {store.unusable}"
    if store.rejected:
        n = store.rejected
        return (f"{n} extraction cache entr{'y' if n == 1 else 'ies'} failed a check and "
                f"{'was' if n == 1 else 'were'} extracted again (first: "
                f"{store.first_rejection})")
    return None


def _sources(articles: pl.DataFrame) -> list[dict[str, Any]]:
    """What the descriptor lists of each article (its sources)."""
    return articles.select("article_id", "outlet", "url").to_dicts()


def read_tables(root: Path, spec: PackageSpec, texts: bool = True
                ) -> dict[str, pl.DataFrame]:
    """Every table of a written package; texts=False leaves the articles' texts on disk
    (the column is there, empty): what validation needs of a large package."""
    out = {}
    for name, t in spec.tables.items():
        path = root / DATA_DIR_NAME / f"{name}.parquet"
        if not path.is_file():
            raise ValidationError(f"{path}: missing; run `coalition-data build`")
        if texts or name != "articles":
            out[name] = pl.read_parquet(path)
            continue
        columns = [c for c in t.column_names if c != "text"]
        df = pl.read_parquet(path, columns=columns)
        out[name] = df.with_columns(pl.lit(None, pl.String).alias("text")).select(
            t.column_names)
    return out


def validate_package(root: Path, *, frictionless: bool = False) -> dict[str, int]:
    """Re-check a written package: hashes, descriptor, Pandera schemas and dataset rules,
    every quote against its article's text (read in batches); Frictionless on request."""
    spec = load_spec()
    check_hashes(root)
    tables = read_tables(root, spec, texts=False)
    check_descriptor(root, spec, _sources(tables["articles"]), tables["meetings"].to_dicts())
    validate_tables(spec, tables)
    check_quotes(root / DATA_DIR_NAME / "articles.parquet", spec, tables)
    pkg = read_descriptor(root)
    flags = tables["flag_precision"].to_dicts() if "flag_precision" in tables else None
    check_package_files(root, spec, {r["path"] for r in pkg["resources"]},
                        dictionary_markdown(spec, pkg.get("title"), flags))
    if frictionless:
        frictionless_check(root)
    return {name: df.height for name, df in tables.items()}
