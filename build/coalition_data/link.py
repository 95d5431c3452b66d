"""Link stage: merge what several articles report into one row per real-world thing.

Meetings merge when their data agree (same status, or an announcement and a report of
the same days in the same city; compatible body, overlapping date interval, same place or
one unstated, compatible level), never because of file names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from coalition_data import chronology
from coalition_data.digest import MeetingReport
from coalition_data.extract.dates import METHOD_RANK, PRECISION_RANK, DateInterval
from coalition_data.extract.meetings import SPECIFICITY, same_day_or_overlap

BODY_LABEL = {
    "small_group": "Small Group", "coalition": "Coalition", "working_group": "Working group",
    "donor_conference": "Donor conference", "un_talks": "UN-led talks", "other": "Conference",
}
LEVEL_LABEL = {"ministerial": "ministerial", "political_directors": "political directors",
               "working_level": "working-level", "leaders": "leaders'", "unknown": "",
               "defence_ministers": "defence ministers'", "military_chiefs": "chiefs of defence",
               "ambassadors": "ambassadors'"}


def _date_key(d: DateInterval | None) -> tuple[int, int]:
    if not d or not d.resolved:
        return (9, 9)
    return PRECISION_RANK[d.precision], METHOD_RANK[d.method]


@dataclass
class Summary:
    """What a cluster of reports says so far (the most specific value of each field)."""

    status: str
    body: str
    level: str
    city: Any
    country: str | None
    is_virtual: bool
    date: DateInterval | None

    @classmethod
    def of(cls, m: MeetingReport) -> Summary:
        return cls(m.status, m.body, m.level, m.city, m.country, m.is_virtual, m.date)

    def absorb(self, m: MeetingReport) -> None:
        if m.status == "held":
            self.status = "held"  # reported as held once: it took place
        self.body = min((self.body, m.body), key=SPECIFICITY.index)
        if self.level == "unknown":
            self.level = m.level
        self.city = self.city or m.city
        self.country = self.country or m.country
        self.is_virtual = self.is_virtual or m.is_virtual
        if _date_key(m.date) < _date_key(self.date):
            self.date = m.date


def mergeable(a: MeetingReport | Summary, b: MeetingReport | Summary) -> bool:
    da, db = a.date, b.date
    dated_a, dated_b = bool(da and da.resolved), bool(db and db.resolved)
    if a.status != b.status and not (
            # announced before, reported after: one meeting when the same city and days
            dated_a and dated_b and da.precision in ("day", "interval") and
            db.precision in ("day", "interval") and a.city and b.city):
        return False
    if dated_a != dated_b:
        return False  # a dated and an undated report are never assumed to be one meeting
    if a.body != b.body:
        same_day = dated_a and da.precision == db.precision == "day" and \
            abs((da.start - db.start).days) <= 1
        if not ({a.body, b.body} == {"coalition", "small_group"} and same_day):
            return False
    if a.city and b.city and a.city.name_en != b.city.name_en:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if (a.is_virtual and (b.city or b.country)) or (b.is_virtual and (a.city or a.country)):
        return False
    if "unknown" not in (a.level, b.level) and a.level != b.level:
        return False
    if dated_a and da.precision == "year" and db.precision == "year":
        return False  # "in 2016" twice is no evidence of one meeting
    if dated_a:
        relative = "relative_to_publication" in (da.method, db.method)
        return same_day_or_overlap(da, db, slack=1 if relative else 0)
    # undated on both sides: nothing shows they are one meeting (identity unresolved)
    return False


def _buckets(m: MeetingReport) -> list[tuple]:
    """Blocking keys: months the (slightly widened) date interval touches, else the city."""
    d = m.date
    if d and d.resolved:
        lo, hi = d.start - dt.timedelta(days=1), d.end + dt.timedelta(days=1)
        keys, y, mo = [], lo.year, lo.month
        while (y, mo) <= (hi.year, hi.month):
            keys.append(("month", y, mo))
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        return keys
    return []


def merge_meetings(reports: list[MeetingReport]) -> list[list[MeetingReport]]:
    """Greedy clustering within blocks; each report joins the first compatible cluster
    that has no report from the same article yet. Linear in reports per block."""
    clusters: list[list[MeetingReport]] = []
    summaries: list[Summary] = []
    articles: list[set[str]] = []
    index: dict[tuple, list[int]] = {}
    for r in reports:
        keys = _buckets(r)
        candidates = sorted({ci for k in keys for ci in index.get(k, [])})
        target = next((ci for ci in candidates if r.article_id not in articles[ci]
                       and mergeable(summaries[ci], r)), None)
        if target is None:
            target = len(clusters)
            clusters.append([])
            summaries.append(Summary.of(r))
            articles.append(set())
        else:
            summaries[target].absorb(r)
        clusters[target].append(r)
        articles[target].add(r.article_id)
        for k in keys:
            if target not in index.setdefault(k, []):
                index[k].append(target)
    return clusters


def _status(group: list[MeetingReport]) -> str:
    """Held once any report says it was held; planned while every report announces it."""
    return "held" if any(r.status == "held" for r in group) else "planned"


def _consensus_date(ms: list[MeetingReport]) -> DateInterval | None:
    """The most precise date, and among equally precise ones the one most reports give."""
    best = min(_date_key(m.date) for m in ms)
    cands = [m.date for m in ms if _date_key(m.date) == best]
    votes: dict[tuple, int] = {}
    for d in cands:
        k = (d.start, d.end) if d else (None, None)
        votes[k] = votes.get(k, 0) + 1
    top = max(votes.values())
    return next(d for d in cands if votes[(d.start, d.end) if d else (None, None)] == top)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _date_slug(d: DateInterval | None) -> str:
    if not d or not d.resolved:
        return "undated"
    if d.precision == "day":
        return d.start.isoformat()
    if d.precision == "interval":
        return f"{d.start.isoformat()}-to-{d.end:%m-%d}"
    if d.precision == "month":
        return d.start.strftime("%Y-%m")
    if d.precision == "season":
        if (d.start.year, d.start.month) == (d.end.year, d.end.month):
            return d.start.strftime("%Y-%m")
        return f"{d.start:%Y-%m}-to-{d.end:%m}"
    return str(d.start.year)


def _confidence(group: list[MeetingReport], date: DateInterval | None, city: Any,
                virtual: bool,
                body: str, level: str) -> float:
    c = 0.5
    c += 0.15 if date and date.resolved else 0.0
    c += 0.1 if (city or virtual) else 0.0
    c += 0.1 if body not in ("other",) else 0.0
    c += 0.05 if level != "unknown" else 0.0
    c += 0.05 if len(group) > 1 else 0.0
    return round(min(c, 0.95), 2)


def meeting_rows(reports: list[MeetingReport]
                 ) -> tuple[list[dict], list[dict], dict[tuple[str, int], str]]:
    """Rows for meetings and meeting_reports, plus (article_id, local) -> meeting_id."""
    groups = merge_meetings(reports)
    built = []
    links_to: dict[int, tuple[str | None, str | None]] = {}
    for group in groups:
        status = _status(group)
        date = _consensus_date(group)
        city = next((m.city for m in group if m.city), None)
        country = city.country_code if city else next((m.country for m in group if m.country),
                                                      None)
        virtual = any(m.is_virtual for m in group) and not (city or country)
        body = min((m.body for m in group), key=SPECIFICITY.index)
        level = next((m.level for m in group if m.level != "unknown"), "unknown")
        # a count reported after the meeting (who came) before one from before it (who
        # was invited)
        n_states, n_qual = next((m.n_states for m in sorted(group, key=lambda m: m.status != "held")
                                 if m.n_states[0]), (None, None))
        # a date the text does not state (only the publication week) is left to the chronology
        stated = date and date.resolved and date.method != "publication_window"
        chron, how = chronology.link(
            {"body": body, "level": level, "city_en": city.name_en if city else None,
             "country_code": country, "is_virtual": virtual, "status": status,
             "date_start": date.start if stated else None,
             "date_end": date.end if stated else None,
             "date_precision": date.precision if stated else "unknown"},
            sorted({r.published for r in group if r.published}))
        if chron and how == "place_and_publication":
            date = DateInterval(chron.start, chron.end,
                                "day" if chron.start == chron.end else "interval",
                                "chronology", (0, 0), "", "chronology")
        links_to[id(group)] = (chron.chronology_id if chron else None, how)
        place_part = _slug(city.name_en) if city else (
            country.lower() if country else ("virtual" if virtual else "unplaced"))
        level_part = "" if level == "unknown" else "-" + level.replace("_", "-")
        base = f"{_date_slug(date)}-{place_part}-{body.replace('_', '-')}{level_part}"
        built.append((base, group, status, date, (city, country), virtual, body, level,
                      n_states, n_qual))
    built.sort(key=lambda b: (b[0], min(r.article_id for r in b[1])))

    meetings, links, ids = [], [], {}
    used: dict[str, int] = {}
    for base, group, status, date, (city, country), virtual, body, level, n_states, n_qual \
            in built:
        used[base] = used.get(base, 0) + 1
        meeting_id = base if used[base] == 1 else f"{base}-{used[base]}"
        best = min(group, key=lambda r: (_date_key(r.date), r.article_id))
        ev = best.anchor
        date_report = next((r for r in group if r.date is date), best)
        date_text = date_report.date_text if date and date.method != "chronology" else None
        city_report = next((r for r in group if (r.city or r.country) and
                            not r.place_from_dateline), None)
        place_ar = city_report.place_ar if city_report else None
        flags = []
        if not date or not date.resolved:
            flags.append("date_unresolved")
        elif date.method == "relative_to_publication":
            flags.append("date_relative_to_publication")
        elif date.method == "publication_window":
            flags.append("date_from_publication_window")
        elif date.method == "chronology":
            flags.append("date_from_chronology")
        if not city and not country and not virtual:
            flags.append("place_not_stated")
        elif city and all(m.place_from_dateline_or_hint for m in group if m.city):
            flags.append("place_from_dateline")
        elif city and all(m.lead_place for m in group if m.city):
            flags.append("place_from_lead")
        elif country and not city:
            flags.append("city_not_stated")
        if level == "unknown":
            flags.append("level_not_stated")
        elif all(m.level_from_participants for m in group if m.level == level):
            flags.append("level_from_participants")
        label = f"{BODY_LABEL[body]} {LEVEL_LABEL[level]} meeting".replace("  ", " ")
        if body in ("donor_conference", "un_talks", "other"):
            label = BODY_LABEL[body] if level == "unknown" else label
        label += f", {city.name_en}" if city else (
            f", {country}" if country else (" (virtual)" if virtual else ""))
        meetings.append({
            "meeting_id": meeting_id,
            "label_en": label,
            "body": body,
            # the level of representation; defence ministers are ministers too, whose
            # portfolio is its own column (linking keeps the two meetings apart)
            "level": "ministerial" if level == "defence_ministers" else level,
            "ministers": "defence" if level == "defence_ministers" else (
                "foreign" if level == "ministerial" else None),
            "status": status,
            "date_start": date.start if date else None,
            "date_end": date.end if date else None,
            "date_precision": date.precision if date and date.resolved else "unknown",
            "date_method": date.method if date else "unresolved",
            "date_text": date_text,
            "city_en": city.name_en if city else None,
            "place_ar": place_ar,
            "country_code": country,
            "latitude": city.latitude if city else None,
            "longitude": city.longitude if city else None,
            "is_virtual": virtual,
            "chronology_id": links_to[id(group)][0],
            "chronology_match": links_to[id(group)][1],
            "host_country_code": next((m.host for m in group if m.host), None),
            "n_states": int(n_states) if n_states else None,
            "n_states_qualifier": n_qual,
            "n_reports": len({r.article_id for r in group}),
            "confidence": _confidence(group, date, city, virtual, body, level),
            "flags": ";".join(flags) or None,
            "article_id": ev.article_id,
            "char_start": ev.char_start,
            "char_end": ev.char_end,
            "quote": ev.quote,
        })
        for r in group:
            ids[(r.article_id, r.local)] = meeting_id
            rev = r.anchor
            links.append({
                "meeting_id": meeting_id,
                "status_in_article": r.status,
                "date_text": r.date_text,
                "article_id": rev.article_id,
                "char_start": rev.char_start,
                "char_end": rev.char_end,
                "quote": rev.quote,
            })
    return meetings, links, ids
