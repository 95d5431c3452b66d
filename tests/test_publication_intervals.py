"""A manifest may give the publication date as a month, a year or an interval when the
exact day is unknown; relative dates then resolve to an interval instead of nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from coalition_data.extract.dates import find_dates
from coalition_data.normalise import fold
from coalition_data.pipeline import build
from tests.conftest import write_seeds


def test_relative_words_resolve_to_the_hull_of_the_publication_interval() -> None:
    found = find_dates(fold("عقد الاجتماع أمس"), dt.date(2016, 2, 1), dt.date(2016, 2, 10))
    assert [(d.start, d.end, d.precision) for d in found] == [
        (dt.date(2016, 1, 31), dt.date(2016, 2, 9), "interval")]


def test_stated_dates_are_untouched_by_the_interval() -> None:
    found = find_dates(fold("في 3 فبراير 2016"), dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert [(d.start, d.end, d.precision) for d in found] == [
        (dt.date(2016, 2, 3), dt.date(2016, 2, 3), "day")]


def test_month_publication_date_in_the_manifest(tmp_path: Path) -> None:
    seeds = write_seeds(
        tmp_path / "seeds",
        {"a1.txt": "عقد وزراء التحالف الدولي ضد داعش اجتماعهم أمس في روما.\n".encode()},
        "a1,a1.txt,Outlet,high,,unknown,2016-02,medium,\n",
    )
    out = tmp_path / "out"
    build(seeds, out)
    art = pl.read_parquet(out / "data" / "articles.parquet").row(0, named=True)
    assert (art["published_date"], art["published_date_end"]) == (
        dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    m = pl.read_parquet(out / "data" / "meetings.parquet").row(0, named=True)
    assert (m["date_start"], m["date_end"], m["date_precision"]) == (
        dt.date(2016, 1, 31), dt.date(2016, 2, 28), "interval")
