"""Membership of the Global Coalition: who had joined by a given date.

`seeds/registry/members.csv` lists the partners (states by ISO code, organisations as
ORG:...), with a joining date where a source gives one and its precision: day, month,
year, or "before" (the source shows membership by that date, not the joining day).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from coalition_data.reference.registry import read_registry, registry_cache


@dataclass(frozen=True)
class Member:
    member_id: str
    joined: dt.date | None  # the last day it may have joined on (precision widened)
    precision: str  # day | month | year | before | "" (no date known)


def _latest(value: str, precision: str) -> dt.date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(parts[0], 12, 31)


@registry_cache
def members() -> dict[str, Member]:
    rows = read_registry("members", ("member_id", "name_en"))
    return {r["member_id"]: Member(r["member_id"],
                                   _latest(r.get("joined_date", ""), r.get("joined_precision", "")),
                                   r.get("joined_precision", "")) for r in rows}


def membership(code: str, on: dt.date | None) -> tuple[dt.date | None, bool | None]:
    """(joining date as sourced, member on `on`): True when it had joined by then, False
    when it joined later or is no partner, None when the dates cannot tell."""
    m = members().get(code)
    if m is None:
        return None, False if members() else None
    if on is None or m.joined is None:
        return m.joined, None
    if m.joined <= on:
        return m.joined, True
    return m.joined, None if m.precision == "before" else False
