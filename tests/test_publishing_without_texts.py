"""The article texts belong to their publishers: the articles resource says so with a
licence of its own, and `build --no-texts` publishes a package without them in which
every quote can still be verified by whoever holds the article."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl

from coalition_data.cli import main
from coalition_data.paths import DEFAULT_SEEDS


def _resource(root: Path, name: str) -> dict:
    pkg = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    return next(r for r in pkg["resources"] if r["name"] == name)


def test_the_texts_carry_their_own_licence(built: Path) -> None:
    assert _resource(built, "articles")["licenses"][0]["name"] == "other-closed"
    assert "licenses" not in _resource(built, "meetings")


def test_a_package_without_texts_keeps_digests_quotes_and_validity(
        tmp_path: Path, built: Path) -> None:
    out = tmp_path / "no-texts"
    assert main(["--quiet", "build", "--seeds", str(DEFAULT_SEEDS), "--out", str(out),
                 "--no-texts"]) == 0
    assert main(["validate", "--root", str(out)]) == 0
    full = pl.read_parquet(built / "data" / "articles.parquet")
    bare = pl.read_parquet(out / "data" / "articles.parquet")
    assert bare["text"].null_count() == bare.height
    assert bare["text_sha256"].to_list() == full["text_sha256"].to_list()
    # whoever holds the text verifies a quote with the published digest and offsets
    row = pl.read_parquet(out / "data" / "pledges.parquet").row(0, named=True)
    text = full.filter(pl.col("article_id") == row["article_id"])["text"][0]
    digest = bare.filter(pl.col("article_id") == row["article_id"])["text_sha256"][0]
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == digest
    assert text[row["char_start"]:row["char_end"]] == row["quote"]
    assert "licenses" not in _resource(out, "articles")
