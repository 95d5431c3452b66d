"""Package stage: datapackage.json (Data Package v2) and the Markdown data dictionary,
both derived from schema/datapackage.toml, and verification of a written package.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from coalition_data import __released__
from coalition_data.errors import BuildError, ValidationError
from coalition_data.paths import DATA_DIR_NAME, DESCRIPTOR_NAME
from coalition_data.schema import FieldSpec, PackageSpec, TableSpec

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"


def _field(f: FieldSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
    c: dict[str, Any] = {}
    if f.required:
        c["required"] = True
    if f.unique:
        c["unique"] = True
    if f.enum:
        c["enum"] = list(f.enum)
    if f.pattern:
        c["pattern"] = f.pattern
    if f.minimum is not None:
        c["minimum"] = f.minimum
    if f.maximum is not None:
        c["maximum"] = f.maximum
    if f.type in ("integer", "number") and not f.required:
        # a null in a Parquet number column reaches Frictionless as NaN: say it is missing
        out["missingValues"] = ["", "nan", "NaN"]
    if c:
        out["constraints"] = c
    if f.labels:  # Data Package v2: the meaning of each code
        out["categories"] = [{"value": v, "label": label} for v, label in f.labels]
    return out


def table_schema(spec: TableSpec, suffix: str = "") -> dict[str, Any]:
    """Table Schema of a table; `suffix` names the copies its foreign keys point to
    ("_csv": the CSV copies reference each other)."""
    schema: dict[str, Any] = {
        "fields": [_field(f) for f in spec.fields],
        "primaryKey": list(spec.primary_key),
    }
    if spec.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": list(fk.fields),
             "reference": {"resource": fk.table + suffix, "fields": list(fk.table_fields)}}
            for fk in spec.foreign_keys
        ]
    return schema


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# No "bytes" per resource: Frictionless 5.21 reads Parquet outside its byte stream, so a
# declared byte count fails every plain `frictionless validate`. The sha256 "hash" pins the
# content more strictly; Frictionless skips it for Parquet and check_hashes() verifies it.
def created_timestamp() -> str:
    """When this version was made: SOURCE_DATE_EPOCH when the build sets it (reproducible
    builds), else the release date of the version; never the clock, never an input."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        when = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{__released__}T00:00:00Z"


def coverage(meetings: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Temporal and spatial coverage derived from the meetings table."""
    if not meetings:
        return {}
    starts = sorted(m["date_start"] for m in meetings if m.get("date_start"))
    ends = sorted(m["date_end"] for m in meetings if m.get("date_end"))
    countries = sorted({m["country_code"] for m in meetings if m.get("country_code")})
    out: dict[str, Any] = {}
    if starts and ends:
        out["temporalCoverage"] = {"start": str(starts[0]), "end": str(ends[-1])}
    if countries:
        out["spatialCoverage"] = countries
    return out


def _texts_included(root: Path) -> bool:
    """Does the articles table of this package hold the article texts?"""
    import pyarrow.parquet as pq

    path = root / DATA_DIR_NAME / "articles.parquet"
    if not path.is_file():
        return True
    meta = pq.ParquetFile(path).metadata  # null counts from the statistics: no text read
    col = meta.schema.names.index("text")
    for i in range(meta.num_row_groups):
        stats = meta.row_group(i).column(col).statistics
        if stats is None or not stats.has_null_count:
            import polars as pl

            return pl.read_parquet(path, columns=["text"])["text"].null_count() == 0
        if stats.null_count:
            return False
    return True


IDENTITY_KEYS = ("name", "title", "description", "version", "homepage", "keywords",
                 "licenses", "contributors")


def project_identity() -> dict[str, Any]:
    """The identity of the project's own package (its seeds' package.toml)."""
    from coalition_data.identity import read_identity
    from coalition_data.paths import DEFAULT_SEEDS

    return read_identity(DEFAULT_SEEDS)


def descriptor(spec: PackageSpec, root: Path, articles: list[dict[str, Any]],
               meetings: list[dict[str, Any]] | None = None,
               identity: dict[str, Any] | None = None) -> dict[str, Any]:
    """The datapackage.json content for the tables written under root/data; `identity`
    (identity.read_identity: the seeds' package.toml) says whose package it is."""
    ident = project_identity() if identity is None else identity
    sources = [
        {"title": f"{a['outlet'] or 'Unknown outlet'} ({a['article_id']})",
         **({"path": a["url"]} if a["url"] else {})}
        for a in sorted(articles, key=lambda a: a["article_id"])
    ]
    pkg: dict[str, Any] = {"$schema": PROFILE}
    for key in IDENTITY_KEYS:
        if key in ident:
            pkg[key] = json.loads(json.dumps(ident[key]))
    pkg["sources"] = sources
    pkg["created"] = created_timestamp()
    pkg.update(coverage(meetings))
    resources = []
    texts = _texts_included(root)
    for name, t in spec.tables.items():
        path = root / DATA_DIR_NAME / f"{name}.parquet"
        resources.append({
            "name": name,
            "type": "table",
            "path": f"{DATA_DIR_NAME}/{name}.parquet",
            "format": "parquet",
            "mediatype": PARQUET_MEDIATYPE,
            "description": t.description,
            "hash": f"sha256:{sha256_file(path)}",
            "schema": table_schema(t),
            **({"licenses": [dict(x) for x in t.text_licenses]}
               if t.text_licenses and texts else {}),
        })
    for name, t in spec.tables.items():  # the same tables as CSV, for portals and sheets
        path = root / DATA_DIR_NAME / f"{name}.csv"
        resources.append({
            "name": f"{name}_csv",
            "type": "table",
            "path": f"{DATA_DIR_NAME}/{name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"header": True, "delimiter": ",", "quoteChar": '"'},
            "description": f"{t.description} (CSV copy of {name}.parquet, same rows and "
                           "schema)",
            "bytes": path.stat().st_size,
            "hash": f"sha256:{sha256_file(path)}",
            "schema": table_schema(t, "_csv"),
            **({"licenses": [dict(x) for x in t.text_licenses]}
               if t.text_licenses and texts else {}),
        })
    pkg["resources"] = resources
    return pkg


def write_descriptor(pkg: dict[str, Any], root: Path) -> None:
    text = json.dumps(pkg, ensure_ascii=False, indent=2) + "\n"
    (root / DESCRIPTOR_NAME).write_text(text, encoding="utf-8")


def calibration_section(rows: list[dict[str, Any]]) -> list[str]:
    """What `confidence` means, from the package's own confidence_calibration table."""
    if not rows:
        return []
    per: dict[str, dict[str, Any]] = {}
    for r in rows:
        t = per.setdefault(r["table"], {"rows": 0, "steps": 0, "error": r["heldout_error"]})
        t["rows"] += r["rows"]
        t["steps"] += 1
    lines = ["## Confidence", "",
             "`confidence` is a probability that the row is right: the extractor's raw score "
             "mapped to the share of rows with that score that were right on the development "
             "set (steps in the `confidence_calibration` table). It was fitted where the rules "
             "were tuned: on new articles rows are right less often. Calibration error "
             "measured on development articles the fit did not see:", "",
             "| rows of | scored rows | steps | calibration error |", "|---|---|---|---|"]
    lines += [f"| {t} | {v['rows']} | {v['steps']} | {v['error']:.3f} |"
              for t, v in sorted(per.items())]
    return [*lines, ""]


def flag_section(rows: list[dict[str, Any]]) -> list[str]:
    """What each flag is worth, from the package's own flag_precision table."""
    if not rows:
        return []
    lines = ["## How often flagged rows are right", "",
             "Measured on the development set (rows the gold judges), from the "
             "`flag_precision` table of this package: filter on the flags whose rows are "
             "right too rarely for your use.", "",
             "| rows of | flag | rows | right | precision |", "|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: (r["table"], r["flag"])):
        lines.append(f"| {r['table']} | `{r['flag']}` | {r['rows']} | {r['correct']} | "
                     f"{r['precision']:.2f} |")
    return [*lines, ""]


def dictionary_markdown(spec: PackageSpec, title: str | None = None,
                        flags: list[dict[str, Any]] | None = None,
                        calibration: list[dict[str, Any]] | None = None) -> str:
    """data/dictionary.md: every table and column, generated from the declaration (and the
    package's own flag_precision rows, when it has them); `title`: the package's (default:
    the project's own)."""
    lines = [
        f"# Data dictionary: {title or project_identity()['title']}",
        "",
        "Generated from `schema/datapackage.toml` by the build; do not edit by hand.",
        "",
    ]
    for name, t in spec.tables.items():
        lines += [f"## `{name}`", "", t.description, "",
                  f"Primary key: `{', '.join(t.primary_key)}`."]
        for fk in t.foreign_keys:
            lines.append(f"Foreign key: `{', '.join(fk.fields)}` → "
                         f"`{fk.table}.{', '.join(fk.table_fields)}`.")
        lines += ["", "| column | type | required | constraints | description |",
                  "|---|---|---|---|---|"]
        for f in t.fields:
            cons = []
            if f.unique:
                cons.append("unique")
            if f.codes:
                cons.append(f"one of the codes [`{f.codes}`](#codes-{f.codes.replace('_', '-')})")
            elif f.enum:
                cons.append("one of " + ", ".join(f"`{e}`" for e in f.enum))
            if f.pattern:
                cons.append(f"pattern `{f.pattern}`".replace("|", "\\|"))
            if f.minimum is not None:
                cons.append(f"≥ {f.minimum}")
            if f.maximum is not None:
                cons.append(f"≤ {f.maximum}")
            lines.append(f"| `{f.name}` | {f.type} | {'yes' if f.required else 'no'} | "
                         f"{'; '.join(cons)} | {f.description} |")
        lines.append("")
    if spec.codes:
        lines += ["## Codes", "", "What each coded value means (published as the fields' "
                  "`categories`).", ""]
        for name, labels in spec.codes.items():
            lines += [f"### Codes `{name}`", "", "| code | meaning |", "|---|---|"]
            lines += [f"| `{v}` | {label} |" for v, label in labels.items()]
            lines.append("")
    lines += calibration_section(calibration or [])
    lines += flag_section(flags or [])
    return "\n".join(lines)


def read_descriptor(root: Path) -> dict[str, Any]:
    """datapackage.json, parsed, with every resource path checked to stay in the package."""
    path = root / DESCRIPTOR_NAME
    if not path.is_file():
        raise ValidationError(f"{path}: not found; run `coalition-data build` first")
    try:
        pkg = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(pkg, dict) or not isinstance(pkg.get("resources"), list):
        raise ValidationError(f"{path}: no resources list")
    inside = root.resolve()
    for i, res in enumerate(pkg["resources"]):
        if not isinstance(res, dict):
            raise ValidationError(f"{path}: resources[{i}] is not an object")
        for key in ("name", "path", "hash"):
            if not isinstance(res.get(key), str):
                raise ValidationError(f"{path}: resources[{i}] has no {key}")
        rel = Path(res["path"])
        if rel.is_absolute() or ".." in rel.parts or not (root / rel).resolve().is_relative_to(
                inside):
            raise ValidationError(f"{path}: resource {res['name']}: path {res['path']!r} "
                                  "leaves the package")
    return pkg


def check_descriptor(root: Path, spec: PackageSpec, articles: list[dict[str, Any]],
                     meetings: list[dict[str, Any]] | None = None) -> None:
    """datapackage.json must be exactly what the declaration derives for these tables:
    a dropped resource, an edited schema, licence or description is tampering."""
    from coalition_data.identity import check_identity

    on_disk = read_descriptor(root)
    # who the package says it is comes from its seeds' package.toml, which validation
    # does not see: taken from the file, but checked to be a well-formed identity
    ident = {k: on_disk[k] for k in IDENTITY_KEYS if k in on_disk}
    raw = {k: v for k, v in ident.items() if k != "contributors"}
    if "contributors" in ident:
        raw["creators"] = ident["contributors"]
    try:
        check_identity(raw, root / DESCRIPTOR_NAME)
    except BuildError as exc:
        raise ValidationError(str(exc)) from None
    derived = json.loads(json.dumps(descriptor(spec, root, articles, meetings, ident),
                                    ensure_ascii=False))
    if "created" in on_disk:  # the time it was made is a fact of that build, not derived
        derived["created"] = on_disk["created"]
    if on_disk != derived:
        where = _first_difference(derived, on_disk, "")
        raise ValidationError(f"{DESCRIPTOR_NAME}: {where} differs from what "
                              "schema/datapackage.toml derives (edited by hand? rebuild it)")


def _first_difference(a: Any, b: Any, path: str) -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in b:
                return f"{path}.{k} is missing"
            if k not in a:
                return f"{path}.{k} is not declared"
            if a[k] != b[k]:
                return _first_difference(a[k], b[k], f"{path}.{k}")
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path or 'descriptor'} has {len(b)} items, not {len(a)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                name = x.get("name") if isinstance(x, dict) else None
                return _first_difference(x, y, f"{path}[{name or i}]")
    return path or "the descriptor"


def check_hashes(root: Path) -> None:
    """Each resource's bytes and sha256 must match the file on disk."""
    pkg = read_descriptor(root)
    for res in pkg["resources"]:
        file = root / res["path"]
        if not file.is_file():
            raise ValidationError(f"resource {res['name']}: {res['path']} is missing")
        digest = f"sha256:{sha256_file(file)}"
        if digest != res["hash"]:
            raise ValidationError(
                f"resource {res['name']}: {res['path']} does not match the hash in "
                f"{DESCRIPTOR_NAME} (corrupted or edited by hand; rebuild it)"
            )


def frictionless_check(root: Path) -> None:
    """Run Frictionless on the written package, foreign keys included."""
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(root / DESCRIPTOR_NAME)).validate()
    if not report.valid:
        errs = report.flatten(["type", "note"])
        raise ValidationError(f"frictionless: {errs[:5]}")
