"""`validate` catches the edits a hash cannot: a CSV copy that is no longer its Parquet
twin (with its hash updated), an article text changed with its text_sha256 kept, a file
in data/ the package does not list, and an edited data dictionary."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from coalition_data.cli import main
from coalition_data.schema import load_spec
from coalition_data.write import write_csv, write_table


@pytest.fixture
def package(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built seed package (links resolved)."""
    root = tmp_path / "pkg"
    root.mkdir()
    shutil.copytree(built / "data", root / "data")
    shutil.copy(built / "datapackage.json", root / "datapackage.json")
    assert main(["validate", "--root", str(root)]) == 0
    return root


def _rehash(root: Path) -> None:
    """Update every resource's hash and size in datapackage.json, as a careful forger
    would."""
    path = root / "datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        file = root / res["path"]
        res["hash"] = "sha256:" + hashlib.sha256(file.read_bytes()).hexdigest()
        if "bytes" in res:
            res["bytes"] = file.stat().st_size
    path.write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _fails(root: Path, capsys: pytest.CaptureFixture[str], *words: str) -> None:
    assert main(["validate", "--root", str(root)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err


def test_a_csv_copy_that_is_not_its_parquet_twin(package: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    csv = package / "data" / "pledges.csv"
    lines = csv.read_text(encoding="utf-8").split("\n")
    df = pl.read_parquet(package / "data" / "pledges.parquet")
    amount = str(df["amount_min"][0]).removesuffix(".0")
    assert amount in lines[1]
    lines[1] = lines[1].replace(amount, amount + "000", 1)
    csv.write_text("\n".join(lines), encoding="utf-8")
    _rehash(package)
    _fails(package, capsys, "data/pledges.csv line 2", "pledges.parquet")


def test_a_csv_copy_with_a_row_more(package: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    csv = package / "data" / "resolutions.csv"
    text = csv.read_text(encoding="utf-8")
    csv.write_text(text + text.split("\n")[1] + "\n", encoding="utf-8")
    _rehash(package)
    _fails(package, capsys, "data/resolutions.csv line 7", "rows that")


def test_a_text_changed_with_its_digest_kept(package: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    spec = load_spec().tables["articles"]
    path = package / "data" / "articles.parquet"
    df = pl.read_parquet(path)
    first = df["text"][0]
    changed = df.with_columns(pl.when(pl.int_range(pl.len()) == 0)
                              .then(pl.lit(first + " (أضيفت هذه الجملة لاحقا)"))
                              .otherwise(pl.col("text")).alias("text"))
    write_table(changed, spec, path)  # every quote still holds: text was only appended
    write_csv(changed, spec, package / "data" / "articles.csv")
    _rehash(package)
    _fails(package, capsys, "text_sha256", df["article_id"][0])


def test_an_unlisted_file_in_data(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (package / "data" / "notes.md").write_text("my notes\n", encoding="utf-8")
    _fails(package, capsys, "data/notes.md: not part of the package")


def test_an_unlisted_folder_in_data(package: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    (package / "data" / "raw").mkdir()
    (package / "data" / "raw" / "survey.csv").write_text("a,b\n", encoding="utf-8")
    _fails(package, capsys, "data/raw: not part of the package")


def test_an_edited_dictionary(package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = package / "data" / "dictionary.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.startswith("| `amount_min`"))
    lines[at] = lines[at].replace("|", "| (in thousands)", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    _fails(package, capsys, f"data/dictionary.md line {at + 1}", "dictionary")
