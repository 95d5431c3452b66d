"""On the five seed articles the extractor meets the gold annotations written by hand."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from coalition_data import load
from coalition_data.evaluate import evaluate

GOLD = Path(__file__).parent / "gold"


def test_f1_at_least_095_on_every_table(built: Path) -> None:
    for s in evaluate(GOLD, built):
        assert s.f1 >= 0.95, s


def test_kuwait_small_group_meeting_is_one_meeting_reported_twice(built: Path) -> None:
    m = load("meetings", built).filter(pl.col("city_en") == "Kuwait City",
                                       pl.col("body") == "small_group")
    assert m.height == 1
    row = m.row(0, named=True)
    assert row["n_reports"] == 2 and str(row["date_start"]) == "2016-04-27"
    reports = load("meeting_reports", built).filter(pl.col("meeting_id") == row["meeting_id"])
    assert sorted(reports["article_id"].str.slice(0, 3)) == ["000", "002"]


def test_no_pledge_is_counted_twice(built: Path) -> None:
    p = load("pledges", built)
    keys = p.select("donor", "amount_min", "currency", "kind")
    assert keys.unique().height == p.height
    assert "تدمير الملايين" not in " ".join(p["quote"])


def test_disagreeing_resolution_description_is_flagged_not_corrected(built: Path) -> None:
    r = load("resolutions", built).filter(pl.col("resolution_number") == 2235).row(0, named=True)
    assert r["subject_disagrees"] is True
    assert "القائمة السوداء" in r["subject_as_cited_ar"]  # the article's words are kept
    assert "chemical" in r["subject_en"].lower()


def test_geneva_communique_is_not_a_resolution(built: Path) -> None:
    numbers = set(load("resolutions", built)["resolution_number"])
    assert 2012 not in numbers


def test_relative_dates_are_marked_as_such(built: Path) -> None:
    m = load("meetings", built)
    undated = m.filter(pl.col("date_start").is_null())
    assert set(undated["date_method"]) == {"unresolved"}
    assert (m.filter(pl.col("date_text") == "اليوم")["date_method"]
            == "relative_to_publication").all()
