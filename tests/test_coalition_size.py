"""The Coalition's size over time (`seeds/registry/coalition_size.csv`) and the days a
stated size allows (`reference.members.size_era`), which date reports that give no date."""

from __future__ import annotations

import csv
import datetime as dt

from coalition_data.paths import DEFAULT_SEEDS
from coalition_data.reference.members import size_era, sizes

D = dt.date
REGISTRY = DEFAULT_SEEDS / "registry"


def _rows(name: str) -> list[dict[str, str]]:
    with (REGISTRY / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_coalition_only_grew() -> None:
    counts = [n for _, n in sizes()]
    assert counts == sorted(counts) and counts[0] == 60 and counts[-1] == 90


def test_each_size_is_dated_by_the_chronology_meeting_whose_sources_state_it() -> None:
    chronology = {r["chronology_id"]: r for r in _rows("meetings")}
    for row in _rows("coalition_size"):
        assert row["source"]
        if row["chronology_id"]:
            meeting = chronology[row["chronology_id"]]
            assert meeting["date_start"] == row["date"]
            assert row["source"] == meeting["source"]


def test_a_size_bounds_the_days_on_both_sides() -> None:
    # 68: after the day the 67th member joined (21 Jul 2016); before the Coalition had
    # more partners than 68 states and its five organisations (75 on 13 Feb 2018)
    assert size_era(68) == (D(2016, 7, 22), D(2018, 2, 12))
    # 87: after the 86th (8 Jun 2023); 90 on 11 Nov 2025 is within 87 states + orgs
    assert size_era(87) == (D(2023, 6, 9), D.max)


def test_more_than_a_size_bounds_only_the_start() -> None:
    assert size_era(80, at_least=True) == (D(2019, 2, 16), D.max)


def test_a_size_below_every_stated_one_bounds_only_the_end() -> None:
    # "تحالف يضم 50 دولة": before the Coalition had more than 55 partners (60, Dec 2014)
    assert size_era(50) == (D(2014, 9, 10), D(2014, 12, 2))
    assert size_era(50, at_least=True) is None  # says nothing
