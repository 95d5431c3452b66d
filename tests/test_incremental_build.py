"""Incremental builds: an unchanged article is never extracted twice, and a build that
takes results from the extraction cache writes the same bytes as a clean build, after
an added article, an edited manifest row, an edited registry or a damaged cache."""

from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import polars as pl

from coalition_data.paths import DEFAULT_REGISTRY, DEFAULT_SEEDS
from coalition_data.pipeline import build

ADDED = ("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا في مدريد يوم 3 مارس 2019، "
         "وتعهدت إسبانيا بتقديم 20 مليون يورو.\n")


def _files(out: Path) -> dict[str, str]:
    files = [*sorted((out / "data").iterdir()), out / "datapackage.json"]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _seeds_with_registry(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(DEFAULT_SEEDS, seeds)
    assert (seeds / "registry").is_dir()
    return seeds


def _add_article(seeds: Path) -> None:
    (seeds / "added.txt").write_text(ADDED, encoding="utf-8")
    with (seeds / "manifest.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["zz_added", "added.txt", "Test", "high", "", "unknown",
                                 "2019-03-03", "high", ""])


def test_a_rebuild_from_the_cache_is_byte_identical_and_extracts_nothing(
        tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = build(DEFAULT_SEEDS, tmp_path / "a", cache=cache)
    again = build(DEFAULT_SEEDS, tmp_path / "b", cache=cache)
    n = first.rows["articles"]
    assert (first.cache_hits, first.cache_misses) == (0, n)
    assert (again.cache_hits, again.cache_misses) == (n, 0)
    build(DEFAULT_SEEDS, tmp_path / "c", cache=False)
    assert _files(tmp_path / "b") == _files(tmp_path / "a") == _files(tmp_path / "c")


def test_adding_an_article_extracts_only_that_one(tmp_path: Path) -> None:
    seeds = _seeds_with_registry(tmp_path)
    cache = tmp_path / "cache"
    build(seeds, tmp_path / "before", cache=cache)
    _add_article(seeds)
    after = build(seeds, tmp_path / "after", cache=cache)
    assert after.cache_misses == 1
    assert after.cache_hits == after.rows["articles"] - 1
    build(seeds, tmp_path / "clean", cache=False)
    assert _files(tmp_path / "after") == _files(tmp_path / "clean")
    pledges = pl.read_parquet(tmp_path / "after" / "data" / "pledges.parquet")
    assert "zz_added" in pledges["article_id"].to_list()  # the new article's facts are in


def test_an_edited_manifest_row_re_extracts_that_article(tmp_path: Path) -> None:
    seeds = _seeds_with_registry(tmp_path)
    cache = tmp_path / "cache"
    build(seeds, tmp_path / "before", cache=cache)
    manifest = seeds / "manifest.csv"
    rows = list(csv.reader(manifest.open(encoding="utf-8")))
    header, first = rows[0], rows[1]
    first[header.index("published_date")] = "2015-01-01"  # dates resolve against it
    first[header.index("published_date_confidence")] = "low"
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    after = build(seeds, tmp_path / "after", cache=cache)
    assert after.cache_misses == 1
    build(seeds, tmp_path / "clean", cache=False)
    assert _files(tmp_path / "after") == _files(tmp_path / "clean")


def test_a_registry_edit_invalidates_every_cached_article(tmp_path: Path) -> None:
    seeds = _seeds_with_registry(tmp_path)
    cache = tmp_path / "cache"
    before = build(seeds, tmp_path / "before", cache=cache)
    # take resolution 2178 out of the registry: citations of it lose their symbol
    path = seeds / "registry" / "un_resolutions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith("2178,")),
                    encoding="utf-8")
    after = build(seeds, tmp_path / "after", cache=cache)
    assert after.cache_hits == 0 and after.cache_misses == before.rows["articles"]
    build(seeds, tmp_path / "clean", cache=False)
    assert _files(tmp_path / "after") == _files(tmp_path / "clean")
    res = pl.read_parquet(tmp_path / "after" / "data" / "resolutions.parquet")
    cited = res.filter(pl.col("resolution_number") == 2178)
    assert cited.height and not cited["in_registry"].any()
    assert (DEFAULT_REGISTRY / "un_resolutions.csv").read_text(encoding="utf-8").count(
        "\n2178,") == 1  # the project's own registry was not touched


def test_a_damaged_cache_entry_is_a_miss_not_an_error(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(DEFAULT_SEEDS, tmp_path / "a", cache=cache)
    entries = sorted(cache.rglob("*.json.z"))
    assert entries
    entries[0].write_bytes(b"not a cache entry")
    entries[1].write_bytes(entries[1].read_bytes()[:10])  # truncated
    again = build(DEFAULT_SEEDS, tmp_path / "b", cache=cache)
    assert again.cache_misses == 2
    assert _files(tmp_path / "b") == _files(tmp_path / "a")


def test_no_cache_writes_no_cache(tmp_path: Path, own_extraction_cache: Path) -> None:
    build(DEFAULT_SEEDS, tmp_path / "a", cache=False)
    assert not any(own_extraction_cache.rglob("*.json.z"))
    build(DEFAULT_SEEDS, tmp_path / "b")  # the default cache: $COALITION_CACHE here
    assert any(own_extraction_cache.rglob("*.json.z"))
