"""The built package: five articles, cleaned as promised, valid, reproducible, and
guarded against corruption."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pytest

from coalition_data import load
from coalition_data.errors import ValidationError
from coalition_data.pipeline import build, validate_package
from coalition_data.schema import load_spec


def _article(built: Path, prefix: str) -> dict:
    df = load("articles", built)
    return df.filter(pl.col("article_id").str.starts_with(prefix)).row(0, named=True)


def test_every_seed_article_becomes_one_row(built: Path) -> None:
    df = load("articles", built)
    assert df.height == 5
    assert df["article_id"].is_unique().all()
    assert set(df["language"]) == {"ar"}


def test_repeated_body_is_kept_once(built: Path) -> None:
    text = _article(built, "002")["text"]
    sentence = "وأعربت المجموعة في بيان عقب اختتام اجتماعها أمس"
    assert text.count(sentence) == 1
    assert text.count("لا علم لنا بمحمد الداعشي في المكسيك") == 1
    assert _article(built, "002")["removed_duplicate_lines"] >= 21


def test_site_boilerplate_is_removed(built: Path) -> None:
    assert "ملفات تعريف الارتباط" not in _article(built, "003")["text"]
    a004 = _article(built, "004")
    assert "واتساب" not in a004["text"] and "0012022773659" not in a004["text"]
    assert "مواضيع ذات صلة" not in a004["text"]
    assert "الصورة:" not in a004["text"]
    assert a004["removed_boilerplate_lines"] == 3


def test_glued_names_are_split(built: Path) -> None:
    a000 = _article(built, "000")
    assert "العراقوسوريا" not in a000["text"] and "العراق وسوريا" in a000["text"]
    assert "الأممالمتحدة" not in a000["text"] and "الأمم المتحدة" in a000["text"]
    assert a000["split_glued_words"] == 5


def test_headline_byline_and_dateline(built: Path) -> None:
    assert _article(built, "004")["byline"] == "علي قيس"
    a001 = _article(built, "001")
    assert a001["dateline_place"] == "الكويت"
    assert str(a001["dateline_date"]) == "2018-02-13"
    assert _article(built, "003")["headline"].startswith("بيان حول اجتماع المجموعة")


def test_frictionless_accepts_the_package(built: Path) -> None:
    from frictionless import Package

    report = Package(str(built / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "note"])


def test_descriptor_follows_data_package_v2(built: Path) -> None:
    pkg = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["$schema"].endswith("/2.0/datapackage.json")
    assert pkg["version"].count(".") == 2
    assert {lic["name"] for lic in pkg["licenses"]} == {"CC-BY-4.0", "MIT"}
    from coalition_data import __released__, __version__

    assert pkg["version"] == __version__
    assert pkg["created"] == f"{__released__}T00:00:00Z"  # the release, not the clock
    assert pkg["temporalCoverage"] == {"start": "2016-02-01", "end": "2021-09-10"}
    assert pkg["spatialCoverage"] == ["CH", "GB", "IT", "KW", "US"]
    assert len(pkg["sources"]) == 5
    formats = sorted(res["format"] for res in pkg["resources"])
    # six fact tables and nine reference tables, each as Parquet and as CSV
    assert formats == ["csv"] * 15 + ["parquet"] * 15
    names = {res["name"] for res in pkg["resources"]}
    assert {"chronology", "partners", "people", "people_roles", "un_resolutions",
            "coalition_size"} <= names
    for res in pkg["resources"]:
        assert res["hash"].startswith("sha256:")
        assert (built / res["path"]).is_file()


def test_two_builds_give_identical_bytes(built: Path, tmp_path: Path) -> None:
    from coalition_data.paths import DEFAULT_SEEDS

    build(DEFAULT_SEEDS, tmp_path, frictionless=False)
    for f in sorted((built / "data").iterdir()):
        assert (tmp_path / "data" / f.name).read_bytes() == f.read_bytes(), f.name
    assert (tmp_path / "datapackage.json").read_bytes() == \
        (built / "datapackage.json").read_bytes()


def test_validate_catches_a_corrupted_table(built: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pkg"
    shutil.copytree(built, copy)
    path = copy / "data" / "articles.parquet"
    df = pl.read_parquet(path).with_columns(pl.lit("edited").alias("outlet"))
    df.write_parquet(path)
    with pytest.raises(ValidationError, match="articles"):
        validate_package(copy, frictionless=False)


def test_validate_passes_on_an_untouched_build(built: Path) -> None:
    counts = validate_package(built, frictionless=False)
    assert counts["articles"] == 5


def test_loader_gives_polars_and_pandas(built: Path) -> None:
    assert isinstance(load("articles", built), pl.DataFrame)
    assert load("articles", built, pandas=True).shape[0] == 5
    with pytest.raises(FileNotFoundError, match="available"):
        load("nope", built)


def test_every_declared_table_is_published(built: Path) -> None:
    names = {r["name"] for r in json.loads((built / "datapackage.json").read_text())["resources"]}
    tables = set(load_spec().tables)
    assert names == tables | {f"{t}_csv" for t in tables}


def test_created_follows_source_date_epoch(monkeypatch) -> None:
    from coalition_data.package import created_timestamp

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert created_timestamp() == "2023-11-14T22:13:20Z"


def test_csv_copies_hold_the_same_rows_as_the_parquet_tables(built: Path) -> None:
    import polars as pl

    from coalition_data.schema import load_spec
    from coalition_data.validate import POLARS_TYPES

    for name, spec in load_spec().tables.items():
        parquet = pl.read_parquet(built / "data" / f"{name}.parquet")
        types = {f.name: POLARS_TYPES[f.type] for f in spec.fields}
        csv = pl.read_csv(built / "data" / f"{name}.csv", schema_overrides=types)
        assert csv.columns == parquet.columns
        assert csv.equals(parquet), name


def test_fact_tables_point_into_the_reference_tables(built: Path) -> None:
    """Users look up the codes they see: chronology ids, people, partners, resolutions."""
    pkg = json.loads((built / "datapackage.json").read_text(encoding="utf-8"))
    fks = {(res["name"], tuple(fk["fields"]), fk["reference"]["resource"])
           for res in pkg["resources"] for fk in res["schema"].get("foreignKeys", [])}
    assert {("meetings", ("chronology_id",), "chronology"),
            ("participants", ("person_id",), "people"),
            ("participants", ("partner_id",), "partners"),
            ("resolutions", ("symbol",), "un_resolutions"),
            ("pledges", ("donor",), "donors"),
            ("people_roles", ("person_id",), "people")} <= fks
    chron = pl.read_parquet(built / "data" / "chronology.parquet")
    assert chron.height >= 86 and chron["source"].null_count() == 0
    linked = pl.read_parquet(built / "data" / "meetings.parquet")["chronology_id"].drop_nulls()
    assert linked.len() > 0 and set(linked) <= set(chron["chronology_id"])
    dictionary = (built / "data" / "dictionary.md").read_text(encoding="utf-8")
    assert "chronology" in dictionary and "people_roles" in dictionary


def test_every_donor_is_one_code_of_the_donor_list(built: Path) -> None:
    donors = pl.read_parquet(built / "data" / "donors.parquet")
    pledges = pl.read_parquet(built / "data" / "pledges.parquet")
    assert set(pledges["donor"]) <= set(donors["code"])
    assert "unknown" not in set(donors["code"])
    kinds = dict(zip(donors["code"], donors["kind"], strict=True))
    assert kinds["US"] == "state" and kinds["coalition_partners"] == "collective"
