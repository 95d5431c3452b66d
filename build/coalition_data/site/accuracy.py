"""What the site says about the data's worth, read from the accuracy report
(`coalition-data evaluate --calibrate --report`) and the package's own `flag_precision`
table: the unseen-news table first (what to expect on new articles), the development set
second (an upper bound), the calibration per table, and per flag how often its rows were
right. Nothing here is typed in: a figure the files do not hold is not shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

# The scorer's table names (both reports) -> the calibration's, and their display order.
CALIBRATION_OF = {"meetings(main)": "meetings", "participants(persons)": "persons",
                  "participants(states)": "states", "pledges": "pledges",
                  "resolutions": "resolutions"}
FLAG_FILE = Path("data") / "flag_precision.parquet"


def _row(table: str, f: dict[str, Any]) -> dict[str, Any] | None:
    if not all(isinstance(f.get(k), int | float) for k in ("precision", "recall", "f1")):
        return None
    return {"table": table, "precision": f["precision"], "recall": f["recall"],
            "f1": f["f1"], "tp": f.get("tp"), "fp": f.get("fp"), "missed": f.get("missed")}


def development(report: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The development-set rows (the report's own `tables`), in the report's order."""
    rows = [_row(t.get("table", ""), t) for t in (report or {}).get("tables") or []
            if isinstance(t, dict)]
    return [r for r in rows if r]


def unseen(report: dict[str, Any] | None) -> dict[str, Any] | None:
    """The unseen-news block as the site shows it: measured date, commit, article count and
    the rows from `unseen_news.figures` (the measured file verbatim); None when absent."""
    block = (report or {}).get("unseen_news")
    figures = block.get("figures") if isinstance(block, dict) else None
    if not isinstance(figures, dict) or not isinstance(figures.get("tables"), dict):
        return None
    rows = [_row(name, f) for name, f in figures["tables"].items() if isinstance(f, dict)]
    return {"measured": figures.get("measured"), "commit": figures.get("commit"),
            "articles": figures.get("articles"), "file": block.get("file"),
            "label": block.get("label"),
            "mentioned_recall": figures.get("mentioned_meetings_recall"),
            "rows": [r for r in rows if r]}


def calibration(report: dict[str, Any] | None) -> dict[str, Any] | None:
    """Per table: rows, correct, expected calibration error, and the reliability bins."""
    block = (report or {}).get("calibration")
    if not isinstance(block, dict) or not isinstance(block.get("tables"), dict):
        return None
    tables = [{"table": name, "rows": t.get("rows"), "correct": t.get("correct"),
               "ece": t.get("expected_calibration_error"), "brier": t.get("brier_score"),
               "bins": [b for b in t.get("reliability") or [] if isinstance(b, dict)]}
              for name, t in block["tables"].items() if isinstance(t, dict)]
    return {"method": block.get("method"), "tables": tables} if tables else None


def reliability_points(cal: dict[str, Any] | None, table_names: dict[str, str] | None = None
                       ) -> list[dict[str, Any]]:
    """One point per reliability bin of every table (what the chart draws)."""
    names = table_names or {}
    return [{"table": names.get(t["table"], t["table"]), "from": b.get("from"),
             "to": b.get("to"), "rows": b.get("rows"),
             "mean_confidence": b.get("mean_confidence"),
             "share_correct": b.get("share_correct")}
            for t in (cal or {}).get("tables", []) for b in t["bins"]
            if b.get("mean_confidence") is not None and b.get("share_correct") is not None]


def read_flag_precision(root: Path, tables: dict[str, pl.DataFrame]
                        ) -> dict[tuple[str, str], dict[str, Any]]:
    """(calibration table, flag) -> rows, correct, precision, from the package's own
    `flag_precision` table (a listed resource, else data/flag_precision.parquet); empty
    when the package has none."""
    df = tables.get("flag_precision")
    if df is None and (root / FLAG_FILE).is_file():
        df = pl.read_parquet(root / FLAG_FILE)
    if df is None or not {"table", "flag", "rows", "correct", "precision"} <= set(df.columns):
        return {}
    return {(r["table"], r["flag"]): {"rows": r["rows"], "correct": r["correct"],
                                      "precision": r["precision"]}
            for r in df.to_dicts() if r["rows"]}


def calibration_table(row: dict[str, Any]) -> str | None:
    """Which calibration table a fact row belongs to (organisations take the states')."""
    if "resolution_number" in row:
        return "resolutions"
    if "participant_key" in row:
        return "persons" if row.get("kind") == "person" else "states"
    if "amount_min" in row or "donor" in row:
        return "pledges"
    if "meeting_id" in row and "level" in row:
        return "meetings"
    return None
