"""Confidence as a probability: the extractor's raw scores mapped to how often rows with
that score are right on the development set.

The raw score of a row (rules' own 0-1 guess, which sees the row's flags) is mapped by an
isotonic (pool-adjacent-violators) fit per table of "raw score -> share of rows that are
true positives". The fit is data, not code: `seeds/registry/calibration.csv` (one row
per step: raw score range -> probability, with the counts behind it), written by
`coalition-data evaluate --calibrate` and read by every build. Without that file the raw
score is published as it is. `flag_precision.csv` beside it says, per flag, how often rows
carrying it are right, for the data dictionary and the site.

Calibration error is measured on held-out folds of articles (the fit never sees the rows
it is judged on).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coalition_data.reference.registry import read_registry, registry_cache, registry_folder

# table in calibration.csv -> (fact table, participant kind or None)
TABLES = {"meetings": ("meetings", None), "persons": ("participants", "person"),
          "states": ("participants", "state"), "organisations": ("participants", "organisation"),
          "pledges": ("pledges", None), "resolutions": ("resolutions", None)}
# organisations are not in the development set's gold: they take the states' mapping
FALLBACK = {"organisations": "states"}
BINS = 10
_RAW = {"on": False}


@contextlib.contextmanager
def raw_scores() -> Iterator[None]:
    """Build with the extractor's raw scores (what a new fit is made from)."""
    _RAW["on"] = True
    try:
        yield
    finally:
        _RAW["on"] = False


@dataclass(frozen=True)
class Step:
    lo: float
    hi: float
    probability: float


@registry_cache
def steps() -> dict[str, tuple[Step, ...]]:
    if not (registry_folder() / "calibration.csv").is_file():
        return {}
    out: dict[str, list[Step]] = {}
    for r in read_registry("calibration", ("table", "raw_min", "raw_max", "probability")):
        out.setdefault(r["table"], []).append(
            Step(float(r["raw_min"]), float(r["raw_max"]), float(r["probability"])))
    return {k: tuple(sorted(v, key=lambda s: s.lo)) for k, v in out.items()}


def probability(fitted: tuple[Step, ...], raw: float) -> float:
    """The step holding `raw`; between steps, the lower one (a score above every fitted one
    takes the top step)."""
    chosen = fitted[0]
    for s in fitted:
        if s.lo <= raw:
            chosen = s
    return chosen.probability


def apply(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Replace each fact row's raw confidence by its calibrated probability (in place)."""
    fitted = {} if _RAW["on"] else steps()
    if not fitted:
        return tables
    for name, (table, kind) in TABLES.items():
        f = fitted.get(name) or fitted.get(FALLBACK.get(name, ""))
        if not f:
            continue
        for row in tables[table]:
            if kind is None or row["kind"] == kind:
                row["confidence"] = round(probability(f, row["confidence"]), 2)
    return tables


# ---- fitting (evaluate --calibrate) ------------------------------------------------------

Labelled = tuple[float, str | None, bool, str]  # raw score, flags, correct, article


def isotonic(points: list[tuple[float, bool]]) -> list[tuple[float, float, int, int]]:
    """Pool adjacent violators over (score, correct): non-decreasing steps
    (lo, hi, correct, rows), one per pooled block of distinct scores."""
    by: dict[float, list[int]] = {}
    for x, y in points:
        c = by.setdefault(x, [0, 0])
        c[0] += y
        c[1] += 1
    blocks = [[x, x, c[0], c[1]] for x, c in sorted(by.items())]
    out: list[list[float]] = []
    for b in blocks:
        out.append(b)
        while len(out) > 1 and out[-2][2] / out[-2][3] > out[-1][2] / out[-1][3]:
            last = out.pop()
            out[-1] = [out[-1][0], last[1], out[-1][2] + last[2], out[-1][3] + last[3]]
    return [(b[0], b[1], int(b[2]), int(b[3])) for b in out]


def fit(points: list[tuple[float, bool]], prior: float = 1.0) -> tuple[Step, ...]:
    """Isotonic steps, each shrunk towards the table's overall rate by `prior` rows (a
    step of three rows does not claim 0 or 1)."""
    if not points:
        return ()
    base = sum(y for _, y in points) / len(points)
    return tuple(Step(lo, hi, (k + prior * base) / (n + prior))
                 for lo, hi, k, n in isotonic(points))


def reliability(pairs: list[tuple[float, bool]]) -> tuple[list[dict[str, Any]], float]:
    """Bins of predicted probability (rows, mean confidence, share correct) and the
    expected calibration error over them."""
    bins: list[list[float]] = [[0, 0.0, 0] for _ in range(BINS)]
    for p, y in pairs:
        b = bins[min(int(p * BINS), BINS - 1)]
        b[0] += 1
        b[1] += p
        b[2] += y
    n = len(pairs) or 1
    out, ece = [], 0.0
    for i, (rows, sp, sy) in enumerate(bins):
        if not rows:
            continue
        conf, acc = sp / rows, sy / rows
        ece += rows / n * abs(conf - acc)
        out.append({"from": i / BINS, "to": (i + 1) / BINS, "rows": int(rows),
                    "mean_confidence": round(conf, 4), "share_correct": round(acc, 4)})
    return out, round(ece, 4)


def fold_of(article_id: str, k: int) -> int:
    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % k


PRIORS = (1.0, 3.0, 5.0, 10.0)  # how many rows of the table's rate each step is shrunk by


def held_out(rows: list[Labelled], k: int = 5, prior: float = 1.0
             ) -> list[tuple[float, bool]]:
    """Each row's calibrated probability from a fit on the other folds of articles."""
    out = []
    for f in range(k):
        train = [(x, y) for x, _, y, a in rows if fold_of(a, k) != f]
        fitted = fit(train, prior)
        out += [(probability(fitted, x), y) for x, _, y, a in rows
                if fold_of(a, k) == f and fitted]
    return out


def brier(pairs: list[tuple[float, bool]]) -> float:
    return sum((p - y) ** 2 for p, y in pairs) / (len(pairs) or 1)


ECE_TARGET = 0.05


def choose_prior(rows: list[Labelled], k: int = 5) -> float:
    """The shrinkage whose held-out probabilities are calibrated (error within the target)
    and, among those, tell right rows from wrong best (Brier score: a constant would be
    perfectly calibrated and useless)."""
    def judged(pr: float) -> tuple[bool, float, float]:
        pairs = held_out(rows, k, pr)
        ece = reliability(pairs)[1]
        # none within the target: the best calibrated
        return ece > ECE_TARGET, ece if ece > ECE_TARGET else round(brier(pairs), 6), pr
    return min(PRIORS, key=judged)


def flag_precision(rows: list[Labelled]) -> list[tuple[str, int, int]]:
    counts: dict[str, list[int]] = {}
    for _, flags, y, _a in rows:
        for flag in (flags or "").split(";"):
            if flag:
                c = counts.setdefault(flag, [0, 0])
                c[0] += 1
                c[1] += y
    return sorted((f, n, k) for f, (n, k) in counts.items())


def write_fit(folder: Path, labelled: dict[str, list[Labelled]], source: str,
              measured: dict[str, Any]) -> None:
    """calibration.csv and flag_precision.csv in the registry folder; `measured` is the
    held-out report (`report`), whose calibration error each table's steps carry."""
    with (folder / "calibration.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["table", "raw_min", "raw_max", "probability", "rows", "correct",
                    "heldout_error", "source"])
        for table, rows in labelled.items():
            points = [(x, y) for x, _, y, _a in rows]
            # the shrinkage and error the held-out report chose and measured
            error = measured["tables"][table]["expected_calibration_error"]
            prior = measured["tables"][table]["shrinkage_rows"]
            fitted = fit(points, prior)
            for lo, hi, k, n in isotonic(points):
                w.writerow([table, f"{lo:.4f}", f"{hi:.4f}",
                            f"{probability(fitted, lo):.4f}", n, k, f"{error:.4f}",
                            f"{source}; shrunk by {prior:g} rows"])
    with (folder / "flag_precision.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["table", "flag", "rows", "correct", "precision", "source"])
        for table, rows in labelled.items():
            for flag, n, k in flag_precision(rows):
                w.writerow([table, flag, n, k, f"{k / n:.4f}", source])


def report(labelled: dict[str, list[Labelled]], k: int = 5) -> dict[str, Any]:
    """Per table: held-out reliability bins and calibration error, and per-flag precision."""
    out: dict[str, Any] = {"method": f"isotonic per table, {k}-fold over articles",
                           "tables": {}}
    for table, rows in labelled.items():
        prior = choose_prior(rows, k)
        pairs = held_out(rows, k, prior)
        bins, ece = reliability(pairs)
        out["tables"][table] = {
            "rows": len(rows), "correct": sum(y for _, _, y, _a in rows),
            "shrinkage_rows": prior, "brier_score": round(brier(pairs), 4),
            "expected_calibration_error": ece, "reliability": bins,
            "flags": [{"flag": f, "rows": n, "correct": c, "precision": round(c / n, 4)}
                      for f, n, c in flag_precision(rows)]}
    return out


def labelled_rows(outcomes: dict[str, dict], root: Path) -> dict[str, list[Labelled]]:
    """Each scored row of the package at `root` with its raw score, flags and outcome
    (rows the gold neither rewards nor penalises are left out)."""
    import polars as pl

    data = root / "data"
    out: dict[str, list[Labelled]] = {t: [] for t in ("meetings", "persons", "states",
                                                      "pledges", "resolutions")}
    meetings = {r["meeting_id"]: r for r in
                pl.read_parquet(data / "meetings.parquet").iter_rows(named=True)}
    for (mid, art), ok in sorted(outcomes["meetings"].items()):
        if ok is not None and mid in meetings:
            m = meetings[mid]
            out["meetings"].append((m["confidence"], m["flags"], ok, art))
    for r in pl.read_parquet(data / "participants.parquet").iter_rows(named=True):
        table = {"person": "persons", "state": "states"}.get(r["kind"])
        ok = outcomes.get(table, {}).get((r["meeting_id"], r["participant_key"])) \
            if table else None
        if ok is not None:
            out[table].append((r["confidence"], r["flags"], ok, r["article_id"]))
    for r in pl.read_parquet(data / "pledges.parquet").iter_rows(named=True):
        ok = outcomes["pledges"].get(r["pledge_id"])
        if ok is not None:
            out["pledges"].append((r["confidence"], r["flags"], ok, r["article_id"]))
    for r in pl.read_parquet(data / "resolutions.parquet").iter_rows(named=True):
        ok = outcomes["resolutions"].get((r["article_id"], int(r["resolution_number"])))
        if ok is not None:
            out["resolutions"].append((r["confidence"], r["flags"], ok, r["article_id"]))
    return out
