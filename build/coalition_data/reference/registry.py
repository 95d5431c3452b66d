"""Reference registries (seeds/registry/*.csv): curated input tables, each row sourced.

They are declared in schema/datapackage.toml beside the output tables ([registries.*])
and validated with the same machinery (Pandera column checks derived from the same
field specs) before any extraction: a problem is one line naming file, line and column.

A folder of articles may bring its own registry (`SEEDS/registry/`); otherwise the
project's `seeds/registry/` is used. `use_registry` switches folders and empties every
cache derived from the registries (`registry_cache`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

from coalition_data.errors import InputError
from coalition_data.paths import DEFAULT_REGISTRY
from coalition_data.read import MAX_REGISTRY_BYTES, read_regular

F = TypeVar("F", bound=Callable[..., Any])
_CACHES: list[Any] = []
_STATE: dict[str, Any] = {"folder": DEFAULT_REGISTRY, "digest": None}


def registry_cache(fn: F) -> F:
    """functools.cache for values derived from the registries, emptied on a switch."""
    cached = cache(fn)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


def registry_lru(maxsize: int) -> Callable[[F], F]:
    """A bounded memo (functools.lru_cache) of a function of the registries, emptied on
    a switch like `registry_cache`: for per-word results over a whole corpus."""
    def wrap(fn: F) -> F:
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached  # type: ignore[return-value]
    return wrap


def registry_folder() -> Path:
    return _STATE["folder"]


def registry_digest(folder: Path) -> str:
    """sha256 over the names and bytes of a registry folder's CSV files: what the
    extraction cache and worker processes compare, so that an edit is never missed."""
    h = hashlib.sha256()
    for path, data in registry_files(folder).items():
        h.update(path.name.encode("utf-8") + b"\0" + data + b"\0")
    return h.hexdigest()


def registry_files(folder: Path) -> dict[Path, bytes]:
    """Every CSV file of a registry folder with its bytes, each checked first: a regular
    file within the size limit (a FIFO or a link to /dev/zero is refused in one line)."""
    return {path: read_regular(path, f"registry/{path.name}", MAX_REGISTRY_BYTES,
                               "registry file")
            for path in sorted(Path(folder).glob("*.csv"))}


def use_registry(folder: Path) -> None:
    """Read registries from `folder` from now on (validated first). The caches derived
    from them are emptied when the folder or its content changed."""
    folder = Path(folder)
    digest = registry_digest(folder)
    if folder.resolve() != _STATE["folder"].resolve() or digest != _STATE["digest"]:
        _STATE["folder"] = folder
        _STATE["digest"] = None  # set once the new content is known to be valid
        for c in _CACHES:
            c.cache_clear()
        validate_registries()
        _STATE["digest"] = digest


def active_registry_digest() -> str:
    """The digest of the registry in use (validated when it was switched to)."""
    if _STATE["digest"] is None:
        use_registry(_STATE["folder"])
    return _STATE["digest"]


def registry_for(seeds: Path) -> Path:
    """A seeds folder's own registry/ when it has one, else the project's."""
    own = Path(seeds) / "registry"
    return own if own.is_dir() else DEFAULT_REGISTRY


def read_registry(name: str, required: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """Rows of <registry folder>/<name>.csv, validated against its declaration."""
    rows = _load_registry(name)
    for line_no, rec in rows:
        for col in required:
            if not (rec.get(col) or "").strip():
                raise InputError(f"registry/{name}.csv line {line_no}, column {col}: empty")
    return tuple({k: (v or "").strip() for k, v in rec.items()} for _, rec in rows)


@registry_cache
def _load_registry(name: str) -> tuple[tuple[int, dict[str, str]], ...]:
    """Read and validate once per registry folder (and before any worker forks: the
    validation uses Polars, whose threads do not survive a fork)."""
    from coalition_data.schema import load_spec

    spec = load_spec().registries.get(name)
    rows = _read_csv(registry_folder() / f"{name}.csv", f"registry/{name}.csv")
    if spec is not None:
        _validate(spec, rows, f"registry/{name}.csv")
    return tuple(rows)


def validate_registries() -> None:
    """Validate every declared registry now, before any article is read."""
    from coalition_data.schema import load_spec

    for name, spec in load_spec().registries.items():
        if spec.optional and not (registry_folder() / f"{name}.csv").is_file():
            continue
        _load_registry(name)


def _read_csv(path: Path, where: str) -> list[tuple[int, dict[str, str]]]:
    if not path.exists():
        raise InputError(f"{where}: registry file not found in {path.parent}")
    data = read_regular(path, where, MAX_REGISTRY_BYTES, "registry file")
    try:
        text = data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not valid UTF-8 (byte {exc.start}); re-save it as UTF-8 "
                         "(e.g. iconv -f cp1256 -t utf-8)") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows, start = [], 2
    try:
        for rec in reader:
            if None in rec:
                raise InputError(f"{where} line {start}: more values than columns")
            rows.append((start, rec))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{where} line {start}: {exc}") from None
    if reader.fieldnames is None:
        raise InputError(f"{where} line 1: empty file (no header)")
    if "source" not in reader.fieldnames:
        raise InputError(f"{where} line 1: missing column 'source'")
    return rows


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _cell(value: str, f, where: str) -> Any:
    """One cell, parsed to its declared type; raises ValueError with the reason."""
    if f.type == "integer":
        if not re.fullmatch(r"-?\d+", value):
            raise ValueError(f"{value!r} is not a whole number")
        return int(value)
    if f.type == "number":
        try:
            return float(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a number") from None
    if f.type == "date":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a real date (YYYY-MM-DD)") from None
    if f.partial_date:
        m = _PARTIAL.match(value)
        try:
            if not m:
                raise ValueError
            dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
        except ValueError:
            raise ValueError(f"{value!r} is not a real date (YYYY, YYYY-MM or "
                             "YYYY-MM-DD)") from None
    if f.country and not _known_country(value):
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code CLDR knows")
    if f.list_separator:
        items = value.split(f.list_separator)
        if any(not i.strip() for i in items):
            raise ValueError(f"empty alternative in {value!r} (a stray {f.list_separator!r})")
    return value


@cache
def _countries() -> frozenset[str]:
    from babel import Locale

    return frozenset(c for c in Locale("en").territories if len(c) == 2 and c.isalpha())


def _known_country(code: str) -> bool:
    return code in _countries()


def _validate(spec, rows: list[tuple[int, dict[str, str]]], where: str) -> None:
    import pandera.polars as pa
    import polars as pl

    from coalition_data.validate import POLARS_TYPES, column_schema

    if not rows:
        raise InputError(f"{where}: no rows (a header alone is no registry)")
    header = set(rows[0][1])
    declared = [f.name for f in spec.fields]
    for f in spec.fields:
        if f.required and f.name not in header:
            raise InputError(f"{where} line 1: missing column {f.name!r}")
    unknown = sorted(header - set(declared))
    if unknown:
        raise InputError(f"{where} line 1: unknown column(s) {unknown} (declare them in "
                         "schema/datapackage.toml)")
    parsed: dict[str, list[Any]] = {f.name: [] for f in spec.fields}
    seen_items: dict[str, dict[str, int]] = {f.name: {} for f in spec.fields if f.unique_items}
    keys: dict[tuple, int] = {}
    for line_no, rec in rows:
        for f in spec.fields:
            value = (rec.get(f.name) or "").strip()
            if not value:
                if f.required:
                    raise InputError(f"{where} line {line_no}, column {f.name}: empty")
                parsed[f.name].append(None)
                continue
            try:
                parsed[f.name].append(_cell(value, f, where))
            except ValueError as exc:
                raise InputError(f"{where} line {line_no}, column {f.name}: {exc}") from None
            if f.unique_items:
                for item in value.split(f.list_separator or "\x00"):
                    k = re.sub(r"\s+", " ", item.strip())
                    if k in seen_items[f.name]:
                        raise InputError(
                            f"{where} line {line_no}, column {f.name}: {k!r} is already on "
                            f"line {seen_items[f.name][k]} (one spelling, one entry)")
                    seen_items[f.name][k] = line_no
        key = tuple((rec.get(c) or "").strip() for c in spec.primary_key)
        if key in keys:
            raise InputError(f"{where} line {line_no}, column {spec.primary_key[0]}: duplicate "
                             f"key {key if len(key) > 1 else key[0]!r} (first on line "
                             f"{keys[key]})")
        keys[key] = line_no
    frame = pl.DataFrame({f.name: pl.Series(f.name, parsed[f.name], dtype=POLARS_TYPES[f.type])
                          for f in spec.fields})
    schema = pa.DataFrameSchema(column_schema(spec), strict=False)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        first = exc.failure_cases.row(0, named=True)
        index = first.get("index")
        line = rows[int(index)][0] if index is not None else "?"
        raise InputError(f"{where} line {line}, column {first.get('column')}: "
                         f"{first.get('failure_case')!r} fails {first.get('check')}") from None
