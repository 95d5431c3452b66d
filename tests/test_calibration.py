"""`confidence` is a probability: the raw score mapped by a fit stored as data, checked on
articles the fit did not see."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

from coalition_data.paths import DEFAULT_SEEDS
from coalition_data.pipeline import build
from coalition_data.reference import calibration as C


def test_isotonic_pools_scores_that_would_make_probability_fall() -> None:
    # 0.6 is right 2 of 2 times, 0.7 only 1 of 2: pooled into one step of 3/4
    pts = [(0.6, True), (0.6, True), (0.7, True), (0.7, False), (0.9, True)]
    assert C.isotonic(pts) == [(0.6, 0.7, 3, 4), (0.9, 0.9, 1, 1)]
    probs = [s.probability for s in C.fit(pts)]
    assert probs == sorted(probs)


def test_a_step_of_few_rows_is_shrunk_towards_the_tables_rate() -> None:
    pts = [(0.5, False)] + [(0.9, True)] * 9
    (low, high) = C.fit(pts, prior=1.0)
    assert 0 < low.probability < 0.5 and 0.9 < high.probability < 1
    assert C.fit(pts, prior=5.0)[0].probability > low.probability


def test_a_score_between_steps_takes_the_lower_one() -> None:
    steps = (C.Step(0.5, 0.6, 0.4), C.Step(0.8, 0.9, 0.9))
    assert C.probability(steps, 0.7) == 0.4
    assert C.probability(steps, 0.95) == 0.9
    assert C.probability(steps, 0.1) == 0.4


def test_held_out_probabilities_come_from_fits_without_the_rows_article() -> None:
    # every article's rows are right exactly when its own fold says so: a fit that saw
    # the row would be perfect, a held-out one cannot be
    rows = []
    for i in range(60):
        art = f"a{i}"
        rows.append((0.8, None, C.fold_of(art, 5) == 0, art))
    pairs = C.held_out(rows, 5)
    fold0 = [p for (p, y) in pairs if y]
    assert fold0 and max(fold0) < 0.5


def test_reliability_bins_and_error() -> None:
    bins, ece = C.reliability([(0.95, True), (0.95, False), (0.15, False)])
    assert [b["rows"] for b in bins] == [1, 2]
    assert abs(ece - ((2 / 3) * 0.45 + (1 / 3) * 0.15)) < 1e-4


def _seeds_without(tmp_path: Path, *names: str) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(DEFAULT_SEEDS, seeds)
    for name in names:
        (seeds / "registry" / name).unlink()
    return seeds


def test_the_build_publishes_calibrated_probabilities(tmp_path: Path) -> None:
    fitted = C.steps()
    assert fitted, "seeds/registry/calibration.csv holds the fit"
    out = tmp_path / "out"
    build(DEFAULT_SEEDS, out, cache=False)
    allowed = {round(s.probability, 2) for steps in fitted.values() for s in steps}
    for table in ("meetings", "pledges", "resolutions"):
        assert set(pl.read_parquet(out / "data" / f"{table}.parquet")["confidence"]) <= allowed
    published = pl.read_parquet(out / "data" / "confidence_calibration.parquet")
    assert published.height == sum(len(s) for s in fitted.values())
    dictionary = (out / "data" / "dictionary.md").read_text(encoding="utf-8")
    assert "How often flagged rows are right" in dictionary
    # the dictionary says what confidence is and the error measured on held-out articles
    section = dictionary.split("## Confidence", 1)[1].split("##", 1)[0]
    for table in fitted:
        assert f"| {table} |" in section
    errors = set(published["heldout_error"])
    assert all(f"{e:.3f}" in section for e in errors)


def test_without_a_fit_the_raw_score_is_published(tmp_path: Path) -> None:
    seeds = _seeds_without(tmp_path, "calibration.csv", "flag_precision.csv")
    out = tmp_path / "out"
    build(seeds, out, cache=False)
    raw = tmp_path / "raw"
    with C.raw_scores():
        build(DEFAULT_SEEDS, raw, cache=False)
    for table in ("meetings", "participants", "pledges"):
        mine = pl.read_parquet(out / "data" / f"{table}.parquet")["confidence"].to_list()
        assert mine == pl.read_parquet(raw / "data" / f"{table}.parquet")["confidence"].to_list()
    assert pl.read_parquet(out / "data" / "confidence_calibration.parquet").height == 0
