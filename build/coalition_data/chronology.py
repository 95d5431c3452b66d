"""Link extracted meetings to the curated chronology of Coalition meetings.

`seeds/registry/meetings.csv` lists the Coalition's meetings 2014-2025, one sourced row
each. An extracted meeting links to the one chronology row that fits its body, level,
place and date; how it matched is stated (`chronology_match`). When the article leaves
the date open, exactly one chronology meeting fits body, level and place, and it falls
within the article's publication window, the meeting takes that date
(`date_method = chronology`, flagged). No row is ever created from the chronology alone.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from coalition_data.registry import read_registry, registry_cache

# Which extracted bodies a chronology body may be (the chronology's "defence_ministers"
# is a body; the package states it as a level of a Coalition meeting).
BODY_FITS = {
    "coalition": {"coalition", "small_group", "other"},
    "small_group": {"small_group", "coalition", "other"},
    "working_group": {"working_group", "coalition"},
    "defence_ministers": {"coalition", "other"},
    "donor_conference": {"donor_conference"},
}
LEVEL_FITS = {
    "ministerial": {"ministerial", "defence_ministers", "leaders"},
    "political_directors": {"political_directors", "ambassadors"},
    "working_level": {"working_level"},
    "military_chiefs": {"military_chiefs"},
    "leaders": {"leaders", "ministerial"},
}
WINDOW_BEFORE = dt.timedelta(days=45)  # a report rarely comes later than this
WINDOW_AFTER = dt.timedelta(days=120)  # ... nor announces a meeting further ahead


@dataclass(frozen=True)
class ChronologyMeeting:
    chronology_id: str
    start: dt.date
    end: dt.date
    city_en: str | None
    country_code: str | None
    virtual: bool
    body: str
    level: str


def _bound(value: str, last: bool) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        return dt.date(y, m, calendar.monthrange(y, m)[1] if last else 1)
    return dt.date(parts[0], 12, 31) if last else dt.date(parts[0], 1, 1)


@registry_cache
def chronology() -> tuple[ChronologyMeeting, ...]:
    rows = read_registry("meetings", ("chronology_id", "date_start", "body", "level"))
    return tuple(
        ChronologyMeeting(r["chronology_id"], _bound(r["date_start"], False),
                          _bound(r.get("date_end") or r["date_start"], True),
                          r.get("city_en") or None, r.get("country_code") or None,
                          r.get("virtual") == "yes", r["body"], r["level"])
        for r in rows)


def _fits(c: ChronologyMeeting, body: str, level: str, country: str | None,
          virtual: bool) -> bool:
    if body not in BODY_FITS.get(c.body, set()):
        return False
    if c.body == "defence_ministers" and level not in ("defence_ministers", "unknown"):
        return False
    if level != "unknown" and c.body != "defence_ministers" and \
            level not in LEVEL_FITS.get(c.level, {c.level}):
        return False
    if virtual or c.virtual:
        return virtual == c.virtual
    if country and c.country_code and country != c.country_code:
        return False
    return True


def link(meeting: dict, published: list[dt.date]) -> tuple[ChronologyMeeting | None, str | None]:
    """(chronology meeting, how it matched) for a meetings row, or (None, None).

    how: date_and_place (dates overlap, same country or both virtual), date (dates
    overlap, no place to compare), place_and_publication (no date: the only fitting
    meeting within the publication window of its reports).
    """
    body, level = meeting["body"], meeting["level"]
    country, virtual = meeting["country_code"], meeting["is_virtual"]
    fitting = [c for c in chronology() if _fits(c, body, level, country, virtual)]
    start, end = meeting["date_start"], meeting["date_end"]
    if start is not None:
        slack = dt.timedelta(days=1)
        hits = [c for c in fitting if c.start <= end + slack and start - slack <= c.end]
        if meeting["date_precision"] in ("day", "interval") and len(hits) > 1:
            hits = [c for c in hits if c.start <= end and start <= c.end] or hits
        if len(hits) == 1:
            placed = bool(country or virtual)
            return hits[0], "date_and_place" if placed else "date"
        return None, None
    if not published or not (country or virtual):
        return None, None
    # held meetings are reported within weeks, planned ones announced within months; a held
    # one is over by publication, a planned one not yet
    same_day = dt.timedelta(0)
    after = {"held": same_day}.get(meeting.get("status"), WINDOW_AFTER)
    before = {"planned": same_day}.get(meeting.get("status"), WINDOW_BEFORE)
    hits = [c for c in fitting
            if any(p - before <= c.end and c.start <= p + after for p in published)]
    if len(hits) == 1:
        return hits[0], "place_and_publication"
    return None, None
