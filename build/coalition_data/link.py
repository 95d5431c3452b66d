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

from coalition_data.digest import MeetingReport
from coalition_data.extract.dates import METHOD_RANK, PRECISION_RANK, DateInterval
from coalition_data.extract.meetings import SPECIFICITY, same_day_or_overlap
from coalition_data.reference import chronology
from coalition_data.reference.gazetteer import City, gazetteer
from coalition_data.reference.registry import registry_cache

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
    level_inferred: bool = False  # the level only from who took part (a minister came)
    # a cluster's reports may count different states: none is compared with the chronology
    attendance: int | None = None

    @classmethod
    def of(cls, m: MeetingReport) -> Summary:
        return cls(m.status, m.body, m.level, m.city, m.country, m.is_virtual, m.date,
                   m.level_from_participants)

    def absorb(self, m: MeetingReport) -> None:
        if m.status == "held":
            self.status = "held"  # reported as held once: it took place
        self.body = min((self.body, m.body), key=SPECIFICITY.index)
        if self.level == "unknown":
            self.level, self.level_inferred = m.level, m.level_from_participants
        elif self.level == m.level and not m.level_from_participants:
            self.level_inferred = False
        self.city = self.city or m.city
        self.country = self.country or m.country
        self.is_virtual = self.is_virtual or m.is_virtual
        if _date_key(m.date) < _date_key(self.date):
            self.date = m.date


def _inferred(x: MeetingReport | Summary) -> bool:
    return bool(getattr(x, "level_inferred", False) or
                getattr(x, "level_from_participants", False))


def _same_day(da: DateInterval, db: DateInterval) -> bool:
    return da.precision in ("day", "interval") and db.precision in ("day", "interval") and \
        da.start <= db.end + dt.timedelta(days=1) and db.start <= da.end + dt.timedelta(days=1)


def _place_agrees(a: MeetingReport | Summary, b: MeetingReport | Summary) -> bool:
    """Positive evidence of one place: the same city, the same country, or both virtual."""
    if a.is_virtual or b.is_virtual:
        return a.is_virtual and b.is_virtual
    if a.city and b.city:
        return a.city.name_en == b.city.name_en
    ca = a.city.country_code if a.city else a.country
    cb = b.city.country_code if b.city else b.country
    return bool(ca and ca == cb)


def mergeable(a: MeetingReport | Summary, b: MeetingReport | Summary) -> bool:
    """Do two reports (or a cluster and a report) describe one meeting? Only on positive
    evidence: overlapping dates and a compatible place, body and level."""
    da, db = a.date, b.date
    if not (da and da.resolved and db and db.resolved):
        return False  # an undated report is linked only through the chronology
    if da.precision == "year" or db.precision == "year":
        return False  # "in 2016" is no evidence of one meeting
    day = _same_day(da, db)
    placed = _place_agrees(a, b)
    if a.status != b.status and not placed:
        return False  # an announcement and a report: one meeting when place and days agree
    if a.body != b.body and not (day and placed and frozenset((a.body, b.body)) in BODY_ALIASES):
        return False
    if a.city and b.city and a.city.name_en != b.city.name_en and not (
            day and a.city.country_code == b.city.country_code):
        return False  # another city of the same country on the same days: a venue's variants
    ca = a.city.country_code if a.city else a.country
    cb = b.city.country_code if b.city else b.country
    if ca and cb and ca != cb:
        return False
    if (a.is_virtual and (b.city or b.country)) or (b.is_virtual and (a.city or a.country)):
        return False
    if "unknown" not in (a.level, b.level) and a.level != b.level and not (
            _inferred(a) or _inferred(b)):
        return False  # a level read from who took part is no evidence against another
    # a day read against the page's date may be a day off (time zones, late copy); a date
    # only bounded by the publication window is not read from the text: no slack
    relative = "relative_to_publication" in (da.method, db.method) and \
        "publication_window" not in (da.method, db.method)
    return same_day_or_overlap(da, db, slack=1 if relative else 0)


# names the press gives one meeting: a Small Group meeting is "a Coalition meeting", a
# working group's or a plenary's is "a conference"; a donor conference is never a
# Coalition meeting
BODY_ALIASES = {frozenset(p) for p in (
    ("coalition", "small_group"), ("coalition", "working_group"), ("coalition", "other"),
    ("small_group", "other"), ("working_group", "other"), ("small_group", "working_group"),
    ("donor_conference", "other"))}


def _buckets(d: DateInterval | None) -> list[tuple]:
    """Blocking keys: months the (slightly widened) date interval touches."""
    if d and d.resolved:
        lo, hi = d.start - dt.timedelta(days=1), d.end + dt.timedelta(days=1)
        keys, y, mo = [], lo.year, lo.month
        while (y, mo) <= (hi.year, hi.month):
            keys.append(("month", y, mo))
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        return keys
    return []


Era = chronology.Era


def _facets(s: MeetingReport | Summary, published: tuple[dt.date, ...],
            era: Era | None = None) -> chronology.Facets:
    return chronology.Facets(s.body, s.level, s.city.name_en if s.city else None,
                             s.city.country_code if s.city else s.country, s.is_virtual,
                             s.status, s.date, published, era, _inferred(s), s.attendance)


def _chron_date(c: chronology.ChronologyMeeting) -> DateInterval:
    precision = {"interval": "interval" if c.start != c.end else "day"}.get(
        c.precision, c.precision)
    return DateInterval(c.start, c.end, precision, "chronology", (0, 0), "", "chronology")


HOW_RANK = ("date_and_place", "date", "place_and_day", "place_and_publication",
            "place_and_people", "day_and_people", "publication", "place_only")


@dataclass
class Cluster:
    reports: list[MeetingReport]
    summary: Summary
    chron: chronology.ChronologyMeeting | None = None
    how: str | None = None

    @property
    def articles(self) -> set[str]:
        return {r.article_id for r in self.reports}

    def published(self) -> tuple[dt.date, ...]:
        return tuple(sorted({r.published for r in self.reports if r.published}))


def _new_cluster(reports: list[MeetingReport], chron=None, how=None) -> Cluster:
    summary = Summary.of(reports[0])
    for r in reports[1:]:
        summary.absorb(r)
    cl = Cluster(list(reports), summary, chron, how)
    if chron and not chronology.stated(summary.date):
        cl.summary.date = _chron_date(chron)  # compared (and blocked) by the known date
    return cl


def merge_meetings(reports: list[MeetingReport],
                   eras: dict[tuple[str, int], Era] | None = None) -> list[Cluster]:
    """Reports that fit one chronology meeting are one meeting; the others join a cluster
    on positive evidence (greedy within month blocks, never two reports of one article),
    and a cluster that then fits one chronology meeting joins the reports linked to it."""
    linked: dict[str, list[MeetingReport]] = {}
    hows: dict[str, str] = {}
    rest: list[MeetingReport] = []
    for r in reports:
        c, how = chronology.link(_facets(r, (r.published,) if r.published else (),
                                         (eras or {}).get((r.article_id, r.local))))
        if c is None:
            rest.append(r)
            continue
        linked.setdefault(c.chronology_id, []).append(r)
        # the strongest way any of its reports matched
        hows[c.chronology_id] = min(how, hows.get(c.chronology_id, how), key=HOW_RANK.index)
    known = chronology.by_id()
    clusters = [_new_cluster(rs, known[cid], hows[cid]) for cid, rs in sorted(linked.items())]
    index: dict[tuple, list[int]] = {}

    def enter(ci: int) -> None:
        for k in _buckets(clusters[ci].summary.date):
            if ci not in index.setdefault(k, []):
                index[k].append(ci)

    for ci in range(len(clusters)):
        enter(ci)
    for r in rest:
        cands = sorted({ci for k in _buckets(r.date) for ci in index.get(k, [])})
        target = next((ci for ci in cands if r.article_id not in clusters[ci].articles
                       and mergeable(clusters[ci].summary, r)), None)
        if target is None:
            clusters.append(_new_cluster([r]))
            target = len(clusters) - 1
        else:
            clusters[target].reports.append(r)
            clusters[target].summary.absorb(r)
        enter(target)
    # clusters the chronology did not place report by report: their reports together
    by_chron = {cl.chron.chronology_id: cl for cl in clusters if cl.chron}
    out: list[Cluster] = []
    for cl in clusters:
        if cl.chron is None:
            era = chronology.meet_eras(e for r in cl.reports
                                       if (e := (eras or {}).get((r.article_id, r.local))))
            c, how = chronology.link(_facets(cl.summary, cl.published(), era))
            if c is not None and c.chronology_id in by_chron:
                home = by_chron[c.chronology_id]
                home.reports.extend(cl.reports)
                for r in cl.reports:
                    home.summary.absorb(r)
                continue
            if c is not None:
                cl.chron, cl.how = c, how
                by_chron[c.chronology_id] = cl
        out.append(cl)
    return out


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


@registry_cache
def _cities_by_name() -> dict[tuple[str, str], City]:
    out: dict[tuple[str, str], City] = {}
    for c in gazetteer().cities.values():
        old = out.get((c.name_en, c.country_code))
        if old is None or (old.latitude is None and c.latitude is not None):
            out[(c.name_en, c.country_code)] = c
    return out


def chronology_city(c: chronology.ChronologyMeeting) -> City | None:
    """The venue of a chronology meeting, with coordinates where the gazetteer has them."""
    if not c.city_en or not c.country_code:
        return None
    return _cities_by_name().get((c.city_en, c.country_code)) or City(c.city_en, c.country_code)


def _slug_id(date: DateInterval | None, city: Any, country: str | None, virtual: bool,
             body: str, level: str) -> str:
    place_part = _slug(city.name_en) if city else (
        country.lower() if country else ("virtual" if virtual else "unplaced"))
    level_part = "" if level == "unknown" else "-" + level.replace("_", "-")
    return f"{_date_slug(date)}-{place_part}-{body.replace('_', '-')}{level_part}"


def _earliest(group: list[MeetingReport]) -> MeetingReport:
    """The first report of a meeting: published first (undated pages last), then by article."""
    return min(group, key=lambda r: (r.published or dt.date.max, r.article_id, r.local))


def stable_id(cluster: Cluster) -> str:
    """A meeting's id, independent of which other meetings the corpus holds: the chronology
    key when linked; otherwise what its first report says (date, place, body, level) and
    that report's article, so adding or removing other articles never renames it."""
    if cluster.chron:
        return cluster.chron.chronology_id
    r = _earliest(cluster.reports)
    base = _slug_id(r.date if r.date and r.date.resolved else None, r.city, r.country,
                    r.is_virtual, r.body, r.level)
    return f"{base}--{_slug(r.article_id)}-{r.local}"


def meeting_rows(reports: list[MeetingReport], eras: dict[tuple[str, int], Era] | None = None
                 ) -> tuple[list[dict], list[dict], dict[tuple[str, int], str]]:
    """Rows for meetings and meeting_reports, plus (article_id, local) -> meeting_id.
    `eras`: per report, the days that fit what its article says of its time (facts.report_eras)."""
    built = []
    for cl in merge_meetings(reports, eras):
        group, chron = cl.reports, cl.chron
        status = _status(group)
        date = _consensus_date(group)
        if chron and not chronology.stated(date):
            # the text gives no date of its own (only its page's week, or none): the
            # chronology's, flagged; a month or a day the text states stays the text's
            date = _chron_date(chron)
        city = next((m.city for m in group if m.city), None)
        country = city.country_code if city else next((m.country for m in group if m.country),
                                                      None)
        virtual = any(m.is_virtual for m in group) and not (city or country)
        place_from_chronology = False
        if chron and not (city or country or virtual):
            if chron.virtual:
                virtual = place_from_chronology = True
            elif chron.country_code:
                city = chronology_city(chron)
                country, place_from_chronology = chron.country_code, True
        body = min((m.body for m in group), key=SPECIFICITY.index)
        level = next((m.level for m in group if m.level != "unknown"), "unknown")
        # a count reported after the meeting (who came) before one from before it (who
        # was invited)
        n_states, n_qual = next((m.n_states for m in sorted(group, key=lambda m: m.status != "held")
                                 if m.n_states[0]), (None, None))
        built.append((stable_id(cl), cl, status, date, (city, country), virtual, body, level,
                      n_states, n_qual, place_from_chronology))
    built.sort(key=lambda b: b[0])

    meetings, links, ids = [], [], {}
    for meeting_id, cl, status, date, (city, country), virtual, body, level, n_states, n_qual, \
            place_from_chronology in built:
        group = cl.reports
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
        if date and date.method != "chronology":
            flags.extend(date.flags)  # doubts found while reading it (extract.dates)
        if place_from_chronology:
            flags.append("place_from_chronology")
        elif not city and not country and not virtual:
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
            "chronology_id": cl.chron.chronology_id if cl.chron else None,
            "chronology_match": cl.how,
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
        # one report row per article: two mentions of one meeting in an article (its
        # headline and its body) are one report, the better dated one quoted
        for article_id in sorted({r.article_id for r in group}):
            mine = [r for r in group if r.article_id == article_id]
            for r in mine:
                ids[(r.article_id, r.local)] = meeting_id
            r = min(mine, key=lambda r: (_date_key(r.date), r.local))
            rev = r.anchor
            links.append({
                "meeting_id": meeting_id,
                "status_in_article": "held" if any(x.status == "held" for x in mine)
                else r.status,
                "date_text": r.date_text,
                "article_id": rev.article_id,
                "char_start": rev.char_start,
                "char_end": rev.char_end,
                "quote": rev.quote,
            })
    return meetings, links, ids
