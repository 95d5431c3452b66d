"""Link meeting reports to the curated chronology of Coalition meetings.

`seeds/registry/meetings.csv` lists the Coalition's meetings 2014-2026, one sourced row
each. A report (or a cluster of reports) links to the one chronology row that fits its
body, level, place and time; how it matched is stated (`chronology_match`). Where the
article leaves the date open (only the publication window, a planned announcement, a
month), the link is made only when exactly one chronology meeting fits; the meeting then
takes that date (`date_method = chronology`, flagged). No row is ever created from the
chronology alone: it only decides which reports are one meeting and what they leave open.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from unidecode import unidecode

from coalition_data.extract.dates import DateInterval
from coalition_data.reference.registry import read_registry, registry_cache

# Which extracted bodies a chronology body may be (the chronology's "defence_ministers"
# is a body; the package states it as a level of a Coalition meeting). Articles name the
# same meeting loosely ("اجتماع التحالف" for a Small Group meeting, "مؤتمر" for a
# plenary), so these sets are wide; a donor conference is never a Coalition meeting.
BODY_FITS = {
    "coalition": {"coalition", "small_group", "other"},
    "small_group": {"small_group", "coalition", "other"},
    "working_group": {"working_group", "coalition", "other"},
    "defence_ministers": {"coalition", "small_group", "other"},
    "donor_conference": {"donor_conference", "other"},
}
LEVEL_FITS = {
    "ministerial": {"ministerial", "defence_ministers", "leaders"},  # see _ministers_fit
    "political_directors": {"political_directors", "ambassadors"},
    "working_level": {"working_level"},
    "military_chiefs": {"military_chiefs"},
    "leaders": {"leaders", "ministerial"},
}
WINDOW_BEFORE = dt.timedelta(days=45)  # a report rarely comes later than this
WINDOW_AFTER = dt.timedelta(days=120)  # ... nor announces a meeting further ahead
# dates the text states (absolutely, or relative to the page's date); the others only
# bound the date by the publication window
STATED = ("stated", "relative_to_publication")
# levels whose meetings the chronology lists (nearly) all of: only these may be linked with
# no time to compare (neither a date nor a page date)
COVERED_LEVELS = ("ministerial", "leaders", "defence_ministers", "military_chiefs")


Span = tuple[dt.date, dt.date]
Era = tuple[Span, ...]  # the days of several spans (a person's two terms of office)


def meet_eras(eras: Iterable[Era]) -> Era | None:
    """The days inside every era; None when there is none or they share no day."""
    out: Era | None = None
    for era in eras:
        if out is None:
            out = tuple(sorted(era))
            continue
        out = tuple(sorted((max(a[0], b[0]), min(a[1], b[1])) for a in out for b in era
                           if max(a[0], b[0]) <= min(a[1], b[1])))
    return out or None


def _in_era(era: Era, start: dt.date, end: dt.date | None = None) -> bool:
    return any(lo <= start and (end or start) <= hi for lo, hi in era)


@dataclass(frozen=True)
class ChronologyMeeting:
    chronology_id: str
    start: dt.date
    end: dt.date
    precision: str  # day | interval | month | year: what the chronology establishes
    city_en: str | None
    country_code: str | None
    virtual: bool
    body: str
    level: str
    ministers: str = ""  # foreign | defence | foreign_and_defence, for ministerials
    delegations: int | None = None  # how many attended, where the sources give a number


@dataclass(frozen=True)
class Facets:
    """What a report or a cluster of reports says, as the chronology compares it."""

    body: str
    level: str
    city_en: str | None
    country_code: str | None
    is_virtual: bool
    status: str
    date: DateInterval | None
    published: tuple[dt.date, ...] = ()
    # the days when every registry person named at the meeting held a dated role: a report
    # with neither a date nor a page date is placed in time by who took part
    era: Era | None = None
    # the level was read from who took part, not stated: it does not rule a meeting out
    level_inferred: bool = False
    # how many states the report says took part (not "about"): no meeting of far fewer
    n_states: int | None = None


def _bound(value: str, last: bool) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        y, m = parts
        return dt.date(y, m, calendar.monthrange(y, m)[1] if last else 1)
    return dt.date(parts[0], 12, 31) if last else dt.date(parts[0], 1, 1)


def _precision(start: str, end: str) -> str:
    if len(start) == 4:
        return "year"
    if len(start) == 7:
        return "month"
    return "day" if start == end else "interval"


@registry_cache
def chronology() -> tuple[ChronologyMeeting, ...]:
    rows = read_registry("meetings", ("chronology_id", "date_start", "body", "level"))
    return tuple(
        ChronologyMeeting(r["chronology_id"], _bound(r["date_start"], False),
                          _bound(r.get("date_end") or r["date_start"], True),
                          _precision(r["date_start"], r.get("date_end") or r["date_start"]),
                          r.get("city_en") or None, r.get("country_code") or None,
                          r.get("virtual") == "yes", r["body"], r["level"],
                          r.get("ministers") or "",
                          int(r["delegations"]) if r.get("delegations") else None)
        for r in rows)


@registry_cache
def by_id() -> dict[str, ChronologyMeeting]:
    return {c.chronology_id: c for c in chronology()}


def _place_fits(c: ChronologyMeeting, f: Facets) -> bool:
    if f.is_virtual or c.virtual:
        return f.is_virtual == c.virtual or not (f.city_en or f.country_code)
    if f.country_code and c.country_code and f.country_code != c.country_code:
        return False
    # another city of the same country: a venue's variant (Skhirat for Rabat) on a stated
    # day; without a stated day, the city must be the one the chronology names
    return _stated_day(f.date) or not (f.city_en and c.city_en and
                                       city_key(f.city_en) != city_key(c.city_en))


def city_key(name: str) -> str:
    """English city names as gazetteers and chroniclers spell them differently (Marrakech /
    Marrakesh, Kuwait / Kuwait City, The Hague / Hague, Washington / Washington, D.C.)."""
    key = re.sub(r"\(.*?\)|\bcity\b|\bthe\b|\bd\.? ?c\.?", " ", unidecode(name).lower())
    key = re.sub(r"[^a-z]", "", key).replace("ch", "sh").replace("q", "k")
    return re.sub(r"(.)\1", r"\1", key)


def _stated_day(d: DateInterval | None) -> bool:
    return stated(d) and d.precision in ("day", "interval")


def _placed_same(c: ChronologyMeeting, f: Facets) -> bool:
    """Positive agreement of place (not just no conflict)."""
    if f.is_virtual:
        return c.virtual
    return bool(f.country_code and f.country_code == c.country_code)


def _kind_fits(c: ChronologyMeeting, f: Facets, loose: bool) -> bool:
    """Body and level. `loose`: the report states the same day and place, so a different
    name for the body (Small Group / Coalition / working group / conference) is a
    different naming of the same meeting; a donor conference stays apart, and so do
    defence and foreign ministers."""
    if (c.body == "donor_conference") != (f.body == "donor_conference") and \
            not (f.body == "other" and c.body == "donor_conference"):
        return False
    if not loose and f.body not in BODY_FITS.get(c.body, set()):
        return False
    if c.body == "defence_ministers" and f.level not in ("defence_ministers", "unknown"):
        return False
    # defence ministers meet apart from foreign ministers, except at a joint meeting
    if f.level == "defence_ministers" and c.ministers == "foreign":
        return False
    if f.level == "ministerial" and c.ministers == "defence":
        return False
    return f.level_inferred or not (f.level != "unknown" and c.body != "defence_ministers" and
                                    f.level not in LEVEL_FITS.get(c.level, {c.level}))


def stated(d: DateInterval | None) -> bool:
    """Is the date read from the text (absolutely or against the page's date), not only
    bounded by the publication window?"""
    return bool(d and d.resolved and d.method in STATED)


def _time_hits(cands: Iterable[ChronologyMeeting], f: Facets) -> list[ChronologyMeeting]:
    d = f.date
    if stated(d):
        if d.precision in ("day", "interval"):
            slack = dt.timedelta(days=1)
            hits = [c for c in cands if c.start <= d.end + slack and d.start - slack <= c.end]
            if len(hits) > 1:  # a neighbouring day's meeting: keep the exact overlap
                hits = [c for c in hits if c.start <= d.end and d.start <= c.end] or hits
            return hits
        # a month, season or year: the chronology meeting lies within it
        return [c for c in cands if d.start <= c.start <= d.end]
    if d is not None and d.month_day is not None:
        # "6 فبراير" with no year and no page date: the meetings held on that day of a year
        hits = [c for c in cands if c.start.year == c.end.year and
                (c.start.month, c.start.day) <= d.month_day <= (c.end.month, c.end.day)]
        if f.era is not None:
            hits = [c for c in hits if _in_era(f.era, c.start)]
        return hits
    if not f.published:
        if not (f.city_en and _covered(f)):
            return []  # the chronology lists few working-level meetings: no time, no link
        if d is not None and d.weekday is not None:
            # "يفتتح صباح الاثنين": not a meeting known to have met on no Monday
            cands = [c for c in cands if not _days_known(c) or _has_weekday(c, d.weekday)]
        if f.era is None:  # no time at all: the city's only such meeting
            return list(cands)
        return [c for c in cands if _in_era(f.era, c.start, c.end)]
    # held meetings are reported within weeks, planned ones announced within months; a held
    # one is over by publication, a planned one not yet
    after = dt.timedelta(0) if f.status == "held" else WINDOW_AFTER
    before = dt.timedelta(0) if f.status == "planned" else WINDOW_BEFORE
    return [c for c in cands
            if any(p - before <= c.end and c.start <= p + after for p in f.published)]


def _days_known(c: ChronologyMeeting) -> bool:
    return c.precision in ("day", "interval")


def _has_weekday(c: ChronologyMeeting, weekday: int) -> bool:
    """Did the meeting sit on that weekday (any of its days)?"""
    days = (c.end - c.start).days + 1
    return any((c.start + dt.timedelta(days=k)).weekday() == weekday for k in range(min(days, 7)))


def _covered(f: Facets) -> bool:
    """Is the meeting of a kind the chronology lists (nearly) all of, so that a unique fit
    with little to compare is still evidence?"""
    return f.level in COVERED_LEVELS and f.body != "working_group"


# a report may count a few more states than the sources (observers, late arrivals, a
# round number); seventy states at a meeting of thirty-one delegations is another meeting
TOO_MANY = (1.5, 5)


def _attendance_fits(c: ChronologyMeeting, f: Facets) -> bool:
    return not (f.n_states and c.delegations and
                f.n_states > TOO_MANY[0] * c.delegations + TOO_MANY[1])


def candidates(f: Facets) -> list[ChronologyMeeting]:
    """Every chronology meeting that fits the facets' body, level, place, time and the
    number of states the report says took part."""
    placed = [c for c in chronology() if _place_fits(c, f) and _attendance_fits(c, f)]
    day = _stated_day(f.date)
    strict = _time_hits([c for c in placed if _kind_fits(c, f, loose=False)], f)
    if f.level_inferred and len(strict) > 1:
        # a level read from who took part rules no meeting out, but among several it
        # says which: a foreign minister came to the ministerial, not to the officials'
        stated_level = replace(f, level_inferred=False)
        strict = [c for c in strict if _kind_fits(c, stated_level, loose=False)] or strict
    if strict or not day:
        return strict
    # the same day and place, named as another body
    return [c for c in _time_hits([c for c in placed if _kind_fits(c, f, loose=True)], f)
            if _placed_same(c, f)]


def link(f: Facets) -> tuple[ChronologyMeeting | None, str | None]:
    """(chronology meeting, how it matched), or (None, None) unless exactly one fits.

    how: date_and_place (dates overlap, same country or both virtual), date (dates
    overlap, no place to compare), place_and_publication (no date stated: the only
    fitting meeting within the publication window of its reports), place_and_people (no
    date and no page date: the only fitting meeting in its city while its named
    participants held their roles), place_only (no time at all: the city's only fitting
    meeting of a level the chronology covers), publication (no date and no place: the
    only fitting meeting of such a level within the publication window), place_and_day (a
    day and month without a year, and no page date: the only fitting meeting of its place
    held on that day of a year), day_and_people (a day and month, no year, no page date
    and no place: the only fitting meeting of a covered level held on that day while its
    named participants held their roles).
    """
    hits = candidates(f)
    if len(hits) != 1:
        return None, None
    c = hits[0]
    if stated(f.date):
        return c, "date_and_place" if (f.country_code or f.is_virtual) else "date"
    if not (f.country_code or f.is_virtual):
        # neither a date nor a place: the window alone is evidence only for the levels
        # whose meetings the chronology lists (nearly) all of
        if f.published and _covered(f):
            return c, "publication"
        # a day and month, and the years its named participants held their roles
        if f.date is not None and f.date.month_day is not None and f.era and _covered(f):
            return c, "day_and_people"
        return None, None
    if f.date is not None and f.date.month_day is not None:
        return c, "place_and_day"
    if f.published:
        return c, "place_and_publication"
    return c, "place_and_people" if f.era else "place_only"
