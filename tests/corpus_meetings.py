"""Shared helpers for the meeting corpora: run the real per-article extraction (clean,
head, extract, digest) on a corpus example and read its meeting reports."""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from coalition_data.articles import detect_head
from coalition_data.clean import clean_text
from coalition_data.digest import ArticleDigest, MeetingReport
from coalition_data.facts import digest_article, extract_article

CORPUS = Path(__file__).parent / "corpus"
COALITION_BODIES = ("coalition", "small_group", "working_group")


def load(name: str) -> dict[str, list[dict[str, Any]]]:
    return yaml.safe_load((CORPUS / name).read_text(encoding="utf-8"))


def digest(example: dict[str, Any]) -> ArticleDigest:
    pub = example.get("published")
    pub = dt.date.fromisoformat(str(pub)) if pub else None
    text = clean_text(example["text"]).text
    return digest_article(extract_article({
        "article_id": "corpus", "published_date": pub, "text": text,
        "dateline_place": detect_head(text, pub).dateline_place}))


def interval(value: Any) -> tuple[dt.date, dt.date]:
    """"2015" / "2015-06" / "2015-06-02" (or a date) -> its first and last day."""
    s = str(value)
    parts = [int(p) for p in s.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
    d = dt.date(*parts)
    return d, d


def fits(report: MeetingReport, want: dict[str, Any]) -> bool:
    """Does the report say what the example expects (only the keys it gives)?"""
    if "city" in want and (report.city is None or report.city.name_en != want["city"]):
        return False
    if "country" in want and report.country != want["country"]:
        return False
    d = report.date
    if want.get("undated") and d is not None and d.resolved:
        return False
    if "date" in want:
        lo, hi = interval(want["date"])
        if not (d and d.resolved and d.start <= hi and lo <= d.end):
            return False
    if "precision" in want and (d is None or d.precision != want["precision"]):
        return False
    if "status" in want and report.status != want["status"]:
        return False
    if "level" in want and report.level != want["level"]:
        return False
    return "body" not in want or report.body == want["body"]


def main_report(dg: ArticleDigest) -> MeetingReport | None:
    return next((r for r in dg.reports if not r.recalled), None)
