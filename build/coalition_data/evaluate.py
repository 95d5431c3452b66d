"""Precision, recall and F1 of the built tables against a folder of gold CSVs."""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from coalition_data.errors import InputError
from coalition_data.paths import DATA_DIR_NAME


@dataclass(frozen=True)
class Score:
    table: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(table: str, predicted: list[tuple], gold: list[tuple]) -> Score:
    pc, gc = Counter(predicted), Counter(gold)
    tp = sum((pc & gc).values())
    return Score(table, tp, sum(pc.values()) - tp, sum(gc.values()) - tp)


def _gold(folder: Path, name: str) -> list[dict[str, str]]:
    path = folder / f"{name}.csv"
    if not path.is_file():
        raise InputError(f"{path}: gold file not found")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _amount(value: object) -> str:
    return "" if value in (None, "") else str(int(float(value)))


def meeting_key(date_start: object, date_end: object, place: object, level: object) -> tuple:
    return (str(date_start or ""), str(date_end or ""), str(place or ""), str(level))


def predicted_meeting_keys(meetings: pl.DataFrame) -> dict[str, tuple]:
    keys = {}
    for r in meetings.iter_rows(named=True):
        place = r["city_en"] or ("virtual" if r["is_virtual"] else "")
        keys[r["meeting_id"]] = meeting_key(r["date_start"], r["date_end"], place, r["level"])
    return keys


def evaluate(gold: Path, root: Path) -> list[Score]:
    data = root / DATA_DIR_NAME
    tables = {p.stem: pl.read_parquet(p) for p in data.glob("*.parquet")}
    missing = [t for t in ("meetings", "pledges", "resolutions", "participants")
               if t not in tables]
    if missing:
        raise InputError(f"{data}: no {', '.join(missing)} table; build the package first "
                         "(or point --root at one)")
    if not gold.is_dir():
        raise InputError(f"{gold}: gold folder not found (or give a .yaml gold file)")
    scores = []
    mkeys = predicted_meeting_keys(tables["meetings"])
    scores.append(score(
        "meetings", list(mkeys.values()),
        [meeting_key(g["date_start"], g["date_end"], g["place"], g["level"])
         for g in _gold(gold, "meetings")]))
    scores.append(score(
        "pledges",
        [(r["donor"], _amount(r["amount_min"]), r["currency"])
         for r in tables["pledges"].iter_rows(named=True)],
        [(g["donor"], _amount(g["amount_min"]), g["currency"]) for g in _gold(gold, "pledges")]))
    scores.append(score(
        "resolutions",
        [(r["article_id"], int(r["resolution_number"]))
         for r in tables["resolutions"].iter_rows(named=True)],
        [(g["article_id"], int(g["resolution_number"])) for g in _gold(gold, "resolutions")]))
    if (gold / "participants.csv").is_file():
        gp = _gold(gold, "participants")
        pred = [(mkeys.get(r["meeting_id"]), r["participant_key"], r["kind"])
                for r in tables["participants"].iter_rows(named=True)]
        want = [(meeting_key(g["date_start"], g["date_end"], g["place"], g["level"]),
                 g["participant_key"], g["kind"]) for g in gp]
        scores.append(score("participants", [p[:2] for p in pred], [w[:2] for w in want]))
        for kind, label in (("person", "participants: people"),
                            ("state", "participants: states"),
                            ("organisation", "participants: organisations")):
            scores.append(score(label, [p[:2] for p in pred if p[2] == kind],
                                [w[:2] for w in want if w[2] == kind]))
    return scores


def format_report(scores: list[Score]) -> str:
    lines = [f"{'table':<30} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8} "
             f"{'f1':>6}"]
    for s in scores:
        lines.append(f"{s.table:<30} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>10.3f} "
                     f"{s.recall:>8.3f} {s.f1:>6.3f}")
    return "\n".join(lines)


ACCURACY_BEGIN = "<!-- accuracy:begin (written by coalition-data evaluate --readme) -->"
ACCURACY_END = "<!-- accuracy:end -->"


def _commit() -> str:
    import subprocess

    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True, cwd=Path(__file__).parent)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def write_accuracy(readme: Path, lines: list[str], gold: Path) -> None:
    """Replace the README's accuracy block with the scorer's table (never typed by hand)."""
    text = readme.read_text(encoding="utf-8")
    if ACCURACY_BEGIN not in text or ACCURACY_END not in text:
        raise InputError(f"{readme}: no accuracy markers ({ACCURACY_BEGIN} ... {ACCURACY_END})")
    block = (f"{ACCURACY_BEGIN}\nMeasured at commit `{_commit()}` against `{gold.name}` "
             f"({gold.parent.name}/):\n\n```\n" + "\n".join(lines) + f"\n```\n{ACCURACY_END}")
    head, rest = text.split(ACCURACY_BEGIN, 1)
    tail = rest.split(ACCURACY_END, 1)[1]
    readme.write_text(head + block + tail, encoding="utf-8")


def write_report(path: Path, scored: Any, lines: list[str], gold: Path) -> None:
    """The development-set scores as JSON for the site (and anyone comparing releases).

    Deterministic apart from the commit: no clock, sorted keys."""
    import json

    from coalition_data import __version__
    from coalition_data.yaml_gold import LABELS, TABLES, prf

    tables = []
    for t in TABLES:
        tp, fp, hit, fn = scored.scores[t]
        p, r, f = prf(tp, fp, hit, fn)
        tables.append({"table": LABELS.get(t, t), "precision": round(p, 4),
                       "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp,
                       "found": hit, "missed": fn})
    hit, total = scored.mentioned
    report = {"gold": f"{gold.parent.name}/{gold.name}", "articles": len(scored.gold),
              "commit": _commit(), "version": __version__, "tables": tables,
              "mentioned_meetings": {"found": hit, "total": total},
              "attributes": {k: {"agree": v[0], "of": v[1]} for k, v in scored.attr.items()},
              "lines": lines}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
