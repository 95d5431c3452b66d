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


# -- the Coalition's size over time ------------------------------------------------------

# a count of "member states" leaves out the organisations among the partners (EU, Arab
# League, NATO, INTERPOL, CEN-SAD): a stated count may be that many below the partners'
ORGANISATIONS_AT_MOST = 5
FOUNDED = dt.date(2014, 9, 10)


@registry_cache
def sizes() -> tuple[tuple[dt.date, int], ...]:
    """(day, partners) as sources state them, in date order (`coalition_size.csv`)."""
    rows = read_registry("coalition_size", ("date", "partners"))
    return tuple(sorted((dt.date.fromisoformat(r["date"]), int(r["partners"])) for r in rows))


def size_era(n: int, at_least: bool = False) -> tuple[dt.date, dt.date] | None:
    """The days on which the Coalition may have had `n` members (or, `at_least`, `n` or
    more), given the sizes sources state: after the last day it had fewer partners, and
    before the first day it had more than `n` states and all its organisations could
    make. The Coalition only grew, so each stated size bounds the days on both sides.
    None when no stated size bounds `n` (the registry is missing, or `n` is off its scale)."""
    points = sizes()
    if not points:
        return None
    fewer = [d for d, k in points if k < n]
    more = [d for d, k in points if k > n + ORGANISATIONS_AT_MOST]
    lo = max(fewer) + dt.timedelta(days=1) if fewer else FOUNDED
    hi = dt.date.max if at_least or not more else min(more) - dt.timedelta(days=1)
    if not fewer and (at_least or not more):
        return None  # nothing known about such a size
    return (lo, hi) if lo <= hi else None
