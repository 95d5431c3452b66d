"""Extract + link stages for the fact tables. Filled by the extraction modules."""

from __future__ import annotations

from typing import Any

FACT_TABLES = ("meetings", "meeting_reports", "participants", "pledges", "resolutions")


def extract_facts(articles: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every fact table, extracted from the cleaned articles and linked."""
    return {name: [] for name in FACT_TABLES}
