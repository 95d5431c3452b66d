"""Precision, recall and F1 of the built tables against gold annotations: a folder of gold
CSVs (the seeds'), or the development set's YAML gold (see yaml_gold.py); the accuracy
blocks of the README and docs/accuracy.json."""

from __future__ import annotations

import contextlib
import csv
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from coalition_data.errors import InputError
from coalition_data.paths import DATA_DIR_NAME, DEVSET_DIR, UNSEEN_NEWS_FILE


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


UNSEEN_BEGIN = "<!-- unseen:begin (written by coalition-data evaluate --readme) -->"
UNSEEN_END = "<!-- unseen:end -->"
# the one sentence that tells a reader which figure is which
DEVSET_LABEL = ("Development set: measured on the articles the rules were developed on (an "
                "upper bound, not what new articles will get).")
UNSEEN_LABEL = ("Unseen news: measured on real news articles the project has never seen: the "
                "accuracy to expect on new articles.")


@contextlib.contextmanager
def scratch_build(root: Path | None) -> Iterator[Path]:
    """The package to score: `root` when given, else the development set of the evaluation
    corpus built into a scratch folder (without the extraction cache)."""
    if root is not None:
        if not (root / "data" / "meetings.parquet").is_file():
            raise InputError(f"{root}: no built package to score (data/meetings.parquet); "
                             "build the package first")
        yield root
        return
    if not (DEVSET_DIR / "articles" / "manifest.csv").is_file():
        raise InputError(f"{DEVSET_DIR}: evaluation corpus not found (it ships with a clone "
                         "of the repository); give --root and --gold")
    from coalition_data.pipeline import build

    with tempfile.TemporaryDirectory(prefix="coalition-evaluate-") as tmp:
        build(DEVSET_DIR / "articles", Path(tmp), cache=False)
        yield Path(tmp)


def last_calibration(report: Path | None) -> dict[str, Any] | None:
    """The calibration block of an accuracy report (docs/accuracy.json by default)."""
    import json

    from coalition_data.paths import ACCURACY_FILE

    path = report or ACCURACY_FILE
    return json.loads(path.read_text(encoding="utf-8")).get("calibration") \
        if path.is_file() else None


def unseen_news(path: Path = UNSEEN_NEWS_FILE) -> dict[str, Any] | None:
    """The unseen-news figures as copied (evaluation/unseen-news.json), or None."""
    import json

    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def unseen_lines(u: dict[str, Any]) -> list[str]:
    """The unseen-news file's figures in the scorer's line format (numbers as in the file)."""
    out = []
    for name, t in u["tables"].items():
        out.append(f"{name:<22} P {t['precision']:.3f}  R {t['recall']:.3f}  F1 {t['f1']:.3f}   "
                   f"pred tp {t['tp']:>3} fp {t['fp']:>3} | gold found {t['found']:>3} "
                   f"missed {t['missed']:>3}")
    if "mentioned_meetings_recall" in u:
        out.append(f"{'meetings(mentioned)':<22} recall {u['mentioned_meetings_recall']:.3f}")
    return out


def _replace(text: str, begin: str, end: str, block: str, readme: Path) -> str:
    if begin not in text or end not in text:
        raise InputError(f"{readme}: no accuracy markers ({begin} ... {end})")
    head, rest = text.split(begin, 1)
    return head + begin + "\n" + block + end + rest.split(end, 1)[1]


CALIBRATION_BEGIN = "<!-- calibration:begin (written by coalition-data evaluate --readme) -->"
CALIBRATION_END = "<!-- calibration:end -->"


def calibration_lines(c: dict[str, Any]) -> list[str]:
    """The held-out reliability of `confidence`, per table, as a Markdown table."""
    out = ["| rows of | scored rows | calibration error | Brier | reliability (confidence bin: "
           "rows, mean confidence → share right) |", "|---|---|---|---|---|"]
    for table, t in c["tables"].items():
        bins = "; ".join(f"{b['from']:.1f}-{b['to']:.1f}: {b['rows']}, "
                         f"{b['mean_confidence']:.2f} → {b['share_correct']:.2f}"
                         for b in t["reliability"])
        out.append(f"| {table} | {t['rows']} | {t['expected_calibration_error']:.3f} | "
                   f"{t['brier_score']:.3f} | {bins} |")
    return out


def write_accuracy(readme: Path, lines: list[str], gold: Path,
                   calibrated: dict[str, Any] | None = None) -> None:
    """Replace the README's two accuracy blocks: the scorer's development-set table, and
    the unseen-news table from its copied file (never typed by hand)."""
    text = readme.read_text(encoding="utf-8")
    from coalition_data.yaml_gold import load_gold

    n = len(load_gold(gold))
    block = (f"{DEVSET_LABEL}\nMeasured at commit `{_commit()}` on {n} articles "
             f"(`{gold.parent.name}/{gold.name}`):\n\n```\n" + "\n".join(lines) + "\n```\n")
    text = _replace(text, ACCURACY_BEGIN, ACCURACY_END, block, readme)
    u = unseen_news()
    if u is not None and UNSEEN_BEGIN in text:
        block = (f"{UNSEEN_LABEL}\nMeasured on {u['articles']} articles on {u['measured']}, "
                 f"product commit `{u['commit']}` (`evaluation/unseen-news.json`):\n\n```\n"
                 + "\n".join(unseen_lines(u)) + "\n```\n")
        text = _replace(text, UNSEEN_BEGIN, UNSEEN_END, block, readme)
    if calibrated is not None and CALIBRATION_BEGIN in text:
        block = (f"Held out: {calibrated['method']}.\n\n"
                 + "\n".join(calibration_lines(calibrated)) + "\n")
        text = _replace(text, CALIBRATION_BEGIN, CALIBRATION_END, block, readme)
    readme.write_text(text, encoding="utf-8")


def calibrate(gold: Path, registry: Path) -> dict[str, Any]:
    """Fit the confidence calibration on the development set built with raw scores; write
    it into `registry`; return the held-out reliability report."""
    from coalition_data.reference import calibration
    from coalition_data.yaml_gold import evaluate_yaml

    for name in ("calibration.csv", "flag_precision.csv"):  # refitted whole (the old fit
        (registry / name).unlink(missing_ok=True)          # may not match the declaration)
    with calibration.raw_scores(), scratch_build(None) as root:
        scored = evaluate_yaml(gold, root)
        labelled = calibration.labelled_rows(scored.outcomes, root)
    measured = calibration.report(labelled)
    calibration.write_fit(registry, labelled,
                          f"fitted on evaluation/devset ({len(scored.gold)} articles) by "
                          "coalition-data evaluate --calibrate", measured)
    return measured


def write_report(path: Path, scored: Any, lines: list[str], gold: Path,
                 calibrated: dict[str, Any] | None = None) -> None:
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
              "label": DEVSET_LABEL,
              "commit": _commit(), "version": __version__, "tables": tables,
              "mentioned_meetings": {"found": hit, "total": total},
              "attributes": {k: {"agree": v[0], "of": v[1]} for k, v in scored.attr.items()},
              "lines": lines}
    if calibrated is None and path.is_file():  # the last fit's report stays until refitted
        calibrated = json.loads(path.read_text(encoding="utf-8")).get("calibration")
    if calibrated is not None:
        report["calibration"] = calibrated
    u = unseen_news()
    if u is not None:  # as copied, with its own date, commit and article count
        report["unseen_news"] = {"label": UNSEEN_LABEL, "file": "evaluation/unseen-news.json",
                                 "lines": unseen_lines(u), "figures": u}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
