"""Export the package as SQLite for Datasette, the publishing tool data journalists use.

Every table becomes a typed SQLite table (its primary and foreign keys declared, its join
columns indexed). Each table gets a full-text index over its quotes, names (Arabic and
English), titles and headlines, which finds Arabic as people type it: every word is
indexed as written, without diacritics (shadda, tatweel ...) and folded (alef and ya
forms, taa marbuta; normalise.fold), so `المصغرة`, `المصغره` and `المصغّرة` all find a
quote written `المصغّرة`. `metadata.json` gives Datasette the titles, descriptions,
licences and sources of the package, its tables and columns, all derived from the single
declaration.

The export writes only regular files it creates: the database is written to a new
temporary file beside the target and renamed over it; a target that is a folder, a
device or not an SQLite file, and a `metadata.json` that another tool wrote, are refused
in one line; two exports into one folder at once are refused by a lock on the folder.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

from coalition_data import __version__
from coalition_data.errors import BuildError, InputError
from coalition_data.normalise import fold
from coalition_data.paths import DATA_DIR_NAME, DEFAULT_REGISTRY, DESCRIPTOR_NAME
from coalition_data.schema import PackageSpec, TableSpec, load_spec

SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER",
             "date": "TEXT"}
# Free-text columns people search: quotes, texts, names, titles, places, labels.
SEARCHED = ("headline", "text", "byline", "dateline_place", "outlet", "label_en", "city_en",
            "place_ar", "date_text", "name_ar", "name_en", "role_ar", "role_en", "donor_ar",
            "purpose", "purpose_ar", "amount_text", "subject_en", "subject_as_cited_ar",
            "quote")
JOIN_COLUMNS = ("article_id", "meeting_id")
METADATA = "metadata.json"
ABOUT = "Exported by coalition-data"
SQLITE_MAGIC = b"SQLite format 3\x00"
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # diacritics, shadda, sukun, tatweel


def search_forms(text: str | None) -> str | None:
    """What the full-text index holds for `text`: the text as written, then each word's
    forms without diacritics and folded, where they differ (once each)."""
    if not text:
        return text
    seen = set(text.split())
    extra: list[str] = []
    for word in text.split():
        for form in (_MARKS.sub("", word), fold(word)):
            if form and form not in seen:
                seen.add(form)
                extra.append(form)
    return text + ("\n" + " ".join(extra) if extra else "")


def person_aliases(registry: Path | None) -> dict[str, tuple[str, str]]:
    """participant_key -> (name_en, every Arabic spelling) from a people registry, so a
    person is found by the usual spelling even where an article misspelt the name."""
    path = registry / "people.csv" if registry else None
    if path is None or not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {f"person:{r['person_id']}": (r.get("name_en") or "",
                                              " ".join((r.get("names_ar") or "").split("|")))
                for r in csv.DictReader(fh) if r.get("person_id")}


def _create(spec: TableSpec) -> str:
    cols = [f'"{f.name}" {SQL_TYPES[f.type]}{" NOT NULL" if f.required else ""}'
            for f in spec.fields]
    cols.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in spec.primary_key) + ")")
    for fk in spec.foreign_keys:
        cols.append(f'FOREIGN KEY ({", ".join(fk.fields)}) REFERENCES "{fk.table}" '
                    f'({", ".join(fk.table_fields)})')
    return f'CREATE TABLE "{spec.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def _value(v: Any, ftype: str) -> Any:
    if v is None:
        return None
    if ftype == "date":
        return v.isoformat()
    if ftype == "boolean":
        return int(v)
    return v


def fts_columns(spec: TableSpec) -> tuple[str, ...]:
    names = {f.name for f in spec.fields if f.type == "string"}
    return tuple(c for c in SEARCHED if c in names)


def _indexed(spec: TableSpec) -> list[str]:
    """Join columns to index (unless they lead the primary key, already an index)."""
    cols = {c for fk in spec.foreign_keys for c in fk.fields} | set(JOIN_COLUMNS)
    return [f.name for f in spec.fields
            if f.name in cols and f.name != spec.primary_key[0]]


def _check_target(target: Path) -> None:
    if target.is_dir():
        raise BuildError(f"{target}: is a folder; give a file to write, such as "
                         f"{target / 'coalition.db'}")
    if target.exists() or target.is_symlink():
        mode = os.lstat(target).st_mode
        if not stat.S_ISREG(mode):
            raise BuildError(f"{target}: not a regular file; export writes only files it "
                             "creates (give a new path)")
        with target.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            raise BuildError(f"{target}: exists and is not an SQLite database; give a new "
                             "path rather than overwrite it")
    meta = target.parent / METADATA
    if meta.exists() or meta.is_symlink():
        if not stat.S_ISREG(os.lstat(meta).st_mode) or not _ours(meta):
            raise BuildError(f"{meta}: exists and was not written by coalition-data export; "
                             "move it away or export into another folder")


def _ours(meta: Path) -> bool:
    try:
        return str(json.loads(meta.read_text(encoding="utf-8")).get("about", "")).startswith(
            ABOUT)
    except (OSError, ValueError, AttributeError):
        return False


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """One export at a time into a folder (both would write its metadata.json)."""
    import fcntl  # POSIX only, like the build's lock

    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"{folder}: another export is writing here now; wait for it to "
                             "finish") from None
        yield
    finally:
        os.close(fd)


def _new_file(folder: Path, name: str) -> Path:
    """A new, empty temporary file beside the target: the export writes only into files it
    created itself, then renames them over the targets (a device or a link is never
    written through)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    os.chmod(tmp, 0o644)
    return Path(tmp)


def export_sqlite(root: Path, target: Path, spec: PackageSpec | None = None,
                  registry: Path | None = DEFAULT_REGISTRY) -> Path:
    """Write root's package to the SQLite file `target` and metadata.json beside it.
    `registry`: whose people.csv adds the usual Arabic spellings of each linked person to
    the search index (only where its English name agrees with the row's)."""
    from coalition_data.publish import pending

    spec = spec or load_spec()
    root, target = Path(root), Path(target)
    descriptor_path = root / DESCRIPTOR_NAME
    if not descriptor_path.is_file():
        raise InputError(f"{descriptor_path}: not found; build the package first")
    if pending(root):
        raise InputError(f"{root}: a publish was interrupted; run `coalition-data validate "
                         f"--root {root}` to complete it first")
    _check_target(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"{target.parent}: cannot create the folder ({exc.strerror})"
                         ) from None
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise BuildError(f"{target.parent}: not writable; give --sqlite in a folder you can "
                         "write")
    pkg = json.loads(descriptor_path.read_text(encoding="utf-8"))
    with _folder_lock(target.parent):
        _check_target(target)  # again, under the lock
        tmp = _new_file(target.parent, target.name)
        tmp_meta = _new_file(target.parent, METADATA)
        try:
            _write_db(root, tmp, spec, person_aliases(registry))
            metadata = datasette_metadata(spec, pkg, target.stem)
            tmp_meta.write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n",
                                encoding="utf-8")
            os.replace(tmp, target)
            os.replace(tmp_meta, target.parent / METADATA)
        except sqlite3.Error as exc:
            raise BuildError(f"{target}: {exc}") from None
        finally:
            tmp.unlink(missing_ok=True)
            tmp_meta.unlink(missing_ok=True)
    return target


def _search_row(row: tuple[Any, ...], names: tuple[str, ...], cols: tuple[str, ...],
                aliases: dict[str, tuple[str, str]]) -> list[Any]:
    """rowid and the searchable forms of each of `cols` (`names`: what `row` holds); a
    registry's spellings of a person are added to name_ar."""
    values = dict(zip(names, row, strict=True))
    found = aliases.get(values.get("participant_key") or "")
    if found and "name_ar" in values and found[0] == values.get("name_en"):
        values["name_ar"] = f"{values['name_ar'] or ''} {found[1]}".strip()
    return [values["rowid"], *(search_forms(values[c]) for c in cols)]


def _write_db(root: Path, path: Path, spec: PackageSpec,
              aliases: dict[str, tuple[str, str]]) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        for name in _dependency_order(spec):
            t = spec.tables[name]
            db.execute(_create(t))
            df = pl.read_parquet(root / DATA_DIR_NAME / f"{name}.parquet")
            types = [f.type for f in t.fields]
            rows = ([_value(v, ty) for v, ty in zip(row, types, strict=True)]
                    for row in df.select(t.column_names).iter_rows())
            marks = ", ".join("?" for _ in t.fields)
            db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
            for col in _indexed(t):
                db.execute(f'CREATE INDEX "{name}_{col}" ON "{name}" ("{col}")')
            fts = fts_columns(t)
            if fts:
                # Datasette finds rows by rowid in the index named in metadata.json; the
                # index holds the searchable forms only (contentless), the table the text
                cols = ", ".join(f'"{c}"' for c in fts)
                db.execute(f'CREATE VIRTUAL TABLE "{name}_fts" USING fts5({cols}, '
                           "content='', tokenize='unicode61')")
                extra = [c for c in ("participant_key", "name_en") if c in t.column_names]
                names = ("rowid", *fts, *extra)
                read = ", ".join(f'"{c}"' for c in names[1:])
                found = db.execute(f'SELECT rowid, {read} FROM "{name}"').fetchall()
                db.executemany(
                    f'INSERT INTO "{name}_fts" (rowid, {cols}) VALUES '
                    f'({", ".join("?" for _ in range(len(fts) + 1))})',
                    (_search_row(r, names, fts, aliases) for r in found))
        db.commit()
    finally:
        db.close()


def _dependency_order(spec: PackageSpec) -> list[str]:
    """Tables after the tables their foreign keys point to."""
    done: list[str] = []
    pending = list(spec.tables)
    while pending:
        for name in list(pending):
            deps = {fk.table for fk in spec.tables[name].foreign_keys} - {name}
            if deps <= set(done):
                done.append(name)
                pending.remove(name)
    return done


def datasette_metadata(spec: PackageSpec, pkg: dict[str, Any], database: str) -> dict[str, Any]:
    lic = pkg["licenses"][0]
    tables: dict[str, Any] = {}
    for name, t in spec.tables.items():
        entry: dict[str, Any] = {
            "description": t.description,
            "columns": {f.name: f.description for f in t.fields},
        }
        if fts_columns(t):
            entry["fts_table"] = f"{name}_fts"
            entry["fts_pk"] = "rowid"
        if t.text_licenses:
            entry["license"] = t.text_licenses[0]["title"]
        tables[name] = entry
    return {
        "title": pkg["title"],
        "description": pkg["description"],
        "license": lic["name"],
        "license_url": lic.get("path", ""),
        "source": "Arabic news articles listed in the package's sources",
        "about": f"{ABOUT} {__version__} from {pkg.get('name', 'a data package')}",
        "databases": {database: {"tables": tables}},
    }
