"""A package hand-edited with hostile link values (manifest urls, licence paths, registry
sources of javascript:, JaVaScRiPt:, java<TAB>script:, data:), and its site. The manifest
reader may refuse such URLs, so the values are written into the Parquet, the descriptor and
the registry CSVs directly, as an attacker editing a published package would."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import polars as pl

from coalition_data.paths import DEFAULT_REGISTRY, REPO_ROOT

HOSTILE = ["javascript:alert('url')", "JaVaScRiPt:window.__pwned=1", "java\tscript:alert(2)",
           "data:text/html,<script>alert(3)</script>", " javascript:alert(4)",
           "jav&#x09;ascript:alert(5)", "//evil.example/x", "https://ok.example/a b"]


def hostile_package(tmp: Path) -> tuple[Path, Path]:
    """(package root, registry folder) with hostile values in every linkable field."""
    root = tmp / "pkg"
    shutil.copytree(REPO_ROOT / "data", root / "data")
    articles = pl.read_parquet(root / "data" / "articles.parquet")
    urls = [HOSTILE[i % len(HOSTILE)] for i in range(articles.height)]
    articles.with_columns(pl.Series("url", urls, pl.String)).write_parquet(
        root / "data" / "articles.parquet")
    d = json.loads((REPO_ROOT / "datapackage.json").read_text(encoding="utf-8"))
    d["licenses"] = [{"name": "A", "title": "a", "path": "javascript:alert('licence')"},
                     {"name": "B", "title": "b", "path": "data:text/html,<b>x</b>"},
                     {"name": "C", "title": "c", "path": "../../etc/passwd"},
                     {"name": "D", "title": "d", "path": "JAVA\nSCRIPT:alert(1)"}]
    d["homepage"] = "javascript:alert('home')"
    d["title"] = d["title"] + " </script><script>window.__pwned=1</script>"
    (root / "datapackage.json").write_text(json.dumps(d), encoding="utf-8")
    registry = tmp / "registry"
    shutil.copytree(DEFAULT_REGISTRY, registry)
    for name in ("meetings", "members", "people_roles"):
        path = registry / f"{name}.csv"
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for i, row in enumerate(rows):
            row["source"] = f"{HOSTILE[i % len(HOSTILE)]} | https://ok.example/{i}"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    return root, registry


def hostile_site(tmp: Path) -> Path:
    from coalition_data.site import render_site

    root, registry = hostile_package(tmp)
    out = tmp / "site"
    render_site(root, out, accuracy=None, registry=registry)
    return out
