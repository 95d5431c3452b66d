"""Write docs/meeting-ids-0.4.0-to-0.5.0.csv: each meeting id of the 0.4.0 package and the
id the same meeting has in this one, matched through its reports (article + offset).

    python docs/meeting_id_changes.py   # needs the git history (0.4.0 = commit 0820b10)
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
OLD = ("0820b10", ".package/v-e39988d6c0cac854/data/meeting_reports.csv")

old_csv = subprocess.run(["git", "-C", str(ROOT), "show", f"{OLD[0]}:{OLD[1]}"],
                         capture_output=True, check=True).stdout
old = pl.read_csv(io.BytesIO(old_csv)).select("meeting_id", "article_id", "char_start")
new = pl.read_csv(ROOT / "data" / "meeting_reports.csv").select(
    pl.col("meeting_id").alias("meeting_id_0_5_0"), "article_id", "char_start")
pairs = (old.join(new, on=["article_id", "char_start"], how="inner")
         .select(pl.col("meeting_id").alias("meeting_id_0_4_0"), "meeting_id_0_5_0")
         .unique().sort("meeting_id_0_4_0"))
pairs.write_csv(ROOT / "docs" / "meeting-ids-0.4.0-to-0.5.0.csv")
print(pairs)
