"""Meeting mentions in one article, grouped into the meetings the article reports.

A mention starts at a trigger word (اجتماع، لقاء، مؤتمر، مباحثات...). Its attributes are
read from a window around it, bounded by the sentence and by neighbouring triggers:
body (Small Group, Coalition, donor conference, UN talks), level (ministerial, political
directors...), status (held / planned), date, place, virtual, number of states.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from coalition_data.extract.dates import DateInterval, find_dates
from coalition_data.extract.doc import Doc
from coalition_data.extract.places import find_cities, find_countries, find_demonyms
from coalition_data.gazetteer import City

TRIGGER = re.compile(
    r"(?<![\u0621-\u064A])(?:[وبلف]|ول|وب|فال|وال|بال|لل|ال)?"
    r"(?P<t>اجتماع|لقاء|موتمر|مباحثات|محادثات|مفاوضات|قمه|اجتماعات|الاجتماعات|"
    r"اجتمع|اجتمعت|اجتمعوا|يجتمع|تجتمع|سيجتمع|ستجتمع)"
    r"(?P<suffix>ات|ا|ها|هم|هما|نا|ه)?(?![\u0621-\u064A])"
)
NOT_A_MEETING = re.compile(r"^\S*\s*(?:صحفي|صحافي|الصحفي|الصحافي)")
PLURAL = ("اجتماعات", "الاجتماعات")

# "ال" loses its alef after "ل": للتحالف، للمجموعة
SMALL_GROUP = re.compile(r"(?:ال|لل)مجموعه\s+(?:الدوليه\s+)?(?:المصغره|الصغيره)")
BARE_GROUP = re.compile(r"(?<![\u0621-\u064A])(?:لل|ال)مجموعه(?![\u0621-\u064A])")
# Other coalitions are not the Global Coalition against Daesh.
OTHER_COALITION = (r"العربي|الوطني|الحاكم|الشيعي|السني|الكردستاني|الكردي|الاسلامي|لدعم الشرعيه|"
                   r"دعم الشرعيه|الانتخابي|البرلماني|المدني|الديمقراطي|السوري المعارض")
COALITION = re.compile(rf"(?:ال|لل)تحالف(?!\s+(?:{OTHER_COALITION}))(?![\u0621-\u064A])")
WORKING_GROUP = re.compile(r"\s*(?:ل|ل?ال)?(?:مجموعه عمل|مجموعات العمل|فريق عمل)")
DONOR = re.compile(r"المانحين|للمانحين|اعاده\s+(?:ال)?اعمار|لاعاده الاعمار|التعهدات|"
                   r"(?:(?<=موتمر )|(?<=موتمر الدولي ))لدعم")
UN_TALKS = re.compile(r"(?:مباحثات|محادثات|مفاوضات)\s+(?:السلام\s+)?(?:السوريه|جنيف|استانا|الامم المتحده)|جنيف|الامم المتحده")
LEVELS = (
    ("political_directors", re.compile(
        r"(?:ال|لل)(?:مدراء|مديرين|مديرون) السياسي(?:ين|ون)|"
        r"كبار (?:ال|لل)?(?:مسوولين|مسيولين|مديرين|دبلوماسيين)|ممثلون دبلوماسيون كبار")),
    ("working_level", re.compile(r"علي مستوي العمل|مستوي الخبراء|علي مستوي الخبراء")),
    ("ministerial", re.compile(r"(?<!مجلس )(?<!رييس )(?<![\u0621-\u064A])(?:وال|ال|و|ل)?وزراء|"
                               r"(?:ال)?وزاري(?:ه|ا)?(?![\u0621-\u064A])")),
    ("leaders", re.compile(r"القاده|روساء الدول|زعماء")),
)
# Markers that the meeting itself lies ahead ("العام المقبل" alone is a date, not this).
FUTURE = re.compile(
    r"المزمع|المتوقع عقده|من المتوقع|من المقرر|المقرر عقده|من المنتظر|المنتظر عقده|سيستضيف|سيعقد|ستعقد|سيجتمع|ستستضيف|يعتزم|تعتزم|نتطلع|التطلع|"
    r"قررت?\s+\S*\s*عقد|تقرر عقد|اجتماع جديد"
)
NEXT = re.compile(r"\s*(?:ال)?(?:المقبل|القادم)")
VIRTUAL = re.compile(r"افتراضي|افتراضيا|عبر الفيديو|عبر تقنيه الفيديو|عن بعد|عبر الانترنت|"
                     r"الاتصال المريي|الفيديو كونفرانس|الفيديو كونفرنس")
N_STATES = re.compile(
    r"(?P<q>اكثر من|ما يزيد عن|ما يزيد علي|نحو|حوالي|قرابه|زهاء|ما يقارب)?\s*"
    r"(?P<n>\d{1,3})\s+(?:دوله|بلدا|بلد|وفدا|عضوا|دول)"
)
N_QUAL = {"اكثر من": "more_than", "ما يزيد عن": "more_than", "ما يزيد علي": "more_than",
          "نحو": "about", "حوالي": "about", "قرابه": "about", "زهاء": "about",
          "ما يقارب": "about"}
DURATION = re.compile(r"(?:لمده|يستمر|تستمر|ويستمر)\s+(?:لمده\s+)?(?P<n>يومين|ثلاثه ايام|اربعه ايام|\d)\s*(?:ايام|يوما)?")
DURATION_DAYS = {"يومين": 2, "ثلاثه ايام": 3, "اربعه ايام": 4}
HOST = re.compile(r"(?:بدعوه من|باستضافه|استضافت|استضاف|تستضيف|يستضيف|برياسه|تحت رياسه)"
                  r"(?:\s+مشتركه)?(?:\s+(?:من|بين))?\s+")
CHAIRS = re.compile(r"رياسه|ترا?س")
HOST_LIST = 80  # "برئاسة مشتركة من المملكة العربية السعودية والولايات المتحدة"

WINDOW_BEFORE = 110
WINDOW_AFTER = 130


@dataclass
class Mention:
    """One meeting mention; spans are in the article's folded coordinates."""

    trigger: tuple[int, int]
    body: str | None = None
    level: str = "unknown"
    status: str = "held"
    date: DateInterval | None = None
    city: City | None = None
    city_span: tuple[int, int] | None = None
    is_virtual: bool = False
    n_states: int | None = None
    n_states_qualifier: str | None = None
    hosts: list[tuple[str, str]] = field(default_factory=list)  # (ISO code, hosted|chaired)
    generic: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)

    @property
    def host(self) -> str | None:
        return self.hosts[0][0] if self.hosts else None

    @property
    def span(self) -> tuple[int, int]:
        spans = [self.trigger, *self.spans]
        return min(s for s, _ in spans), max(e for _, e in spans)


def _window(doc: Doc, triggers: list[re.Match[str]], i: int) -> tuple[int, int]:
    s0, s1 = doc.sentence_at(triggers[i].start())
    lo = max(s0, triggers[i].start() - WINDOW_BEFORE)
    hi = min(s1, triggers[i].end() + WINDOW_AFTER)
    if i > 0 and triggers[i - 1].end() > lo:
        lo = triggers[i - 1].end()
    if i + 1 < len(triggers) and triggers[i + 1].start() < hi:
        hi = triggers[i + 1].start()
    return lo, hi


def _nearest_date(dates: list[DateInterval], pos: int, lo: int, hi: int) -> DateInterval | None:
    inside = [d for d in dates if d.span[0] >= lo and d.span[1] <= hi]
    if not inside:
        return None
    return min(inside, key=lambda d: (abs(d.span[0] - pos), d.span[0] < pos))


def find_mentions(doc: Doc, dates: list[DateInterval] | None = None) -> list[Mention]:
    f = doc.folded
    dates = find_dates(f, doc.published) if dates is None else dates
    triggers = [m for m in TRIGGER.finditer(f) if not NOT_A_MEETING.match(f[m.end():m.end() + 12])]
    article_has_small_group = bool(SMALL_GROUP.search(f))
    mentions = []
    for i, t in enumerate(triggers):
        word = t["t"]
        if word in PLURAL or t["suffix"] == "ات":
            continue  # "اجتماعات عديدة": past meetings in general, not one meeting
        lo, hi = _window(doc, triggers, i)
        m = Mention(trigger=t.span())
        (t.start(), min(hi, t.end() + 70))
        near = (max(lo, t.start() - 80), hi)

        def hit(p: re.Pattern[str], span: tuple[int, int], anchored: bool = False,
                m: Mention = m) -> re.Match[str] | None:
            found = p.match(f, *span) if anchored else p.search(f, *span)
            if found:
                m.spans.append(found.span())
            return found

        is_talks = word in ("مباحثات", "محادثات", "مفاوضات")
        if is_talks:
            if not hit(UN_TALKS, (t.start(), hi)):
                continue
            m.body = "un_talks"
        elif hit(DONOR, near):
            m.body = "donor_conference"
        elif hit(SMALL_GROUP, near):
            m.body = "small_group"
        elif hit(WORKING_GROUP, (t.end(), hi), anchored=True):
            m.body = "working_group"
        elif article_has_small_group and hit(BARE_GROUP, near):
            m.body = "small_group"
        elif hit(COALITION, near):
            m.body = "coalition"
        elif word == "موتمر" and (c := find_cities(f, t.end(), min(hi, t.end() + 12))):
            m.body = "other"  # "مؤتمر (لندن)": a named conference the text ties in
            m.spans.append(c[0].span)
        else:
            m.generic = True
        for level, p in LEVELS:
            if hit(p, near):
                m.level = level
                break
        d = _nearest_date(dates, t.start(), lo, hi)
        if d:
            m.date = d
            m.spans.append(d.span)
            if (dur := DURATION.search(f, d.span[1], hi)) and d.precision == "day" and d.start:
                n = DURATION_DAYS.get(dur["n"]) or (int(dur["n"]) if dur["n"].isdigit() else 1)
                m.date = replace(d, end=d.start + dt.timedelta(days=max(1, n) - 1))
                m.spans.append(dur.span())
        cities = find_cities(f, lo, hi)
        if cities:
            best = min(cities, key=lambda c: abs(c.span[0] - t.start()))
            m.city, m.city_span = best.city, best.span
            m.spans.append(best.span)
        for h in HOST.finditer(f, lo, hi):
            # the host(s) named right after: states, a government or a nationality
            role = "chaired" if CHAIRS.search(h.group()) else "hosted"
            if "مشتركه" in h.group() or " بين " in h.group():
                who = find_countries(f, h.end(), min(hi, h.end() + HOST_LIST))
            else:
                who = find_countries(f, h.end(), min(hi, h.end() + 20))[:1] or \
                    find_demonyms(f, h.end(), min(hi, h.end() + 45))[:1]
            for code, span in who:
                known = dict(m.hosts)
                if known.get(code) != "chaired":  # chairing says more than hosting
                    m.hosts = [(c, r) for c, r in m.hosts if c != code] + [(code, role)]
                m.spans += [h.span(), span]
        if hit(VIRTUAL, near):
            m.is_virtual = True
        if ns := hit(N_STATES, (lo, hi)):
            m.n_states = int(ns["n"])
            m.n_states_qualifier = N_QUAL.get(ns["q"] or "", "exact")
        future = FUTURE.search(f, lo, hi) or NEXT.match(f, t.end(), hi)
        if future or (m.date and m.date.start and doc.published and m.date.start > doc.published):
            m.status = "planned"
            if future:
                m.spans.append(future.span())
        if m.generic and not (m.n_states or m.is_virtual):
            m.date = m.date if m.date and m.date.method == "stated" else None
        mentions.append(m)
    return mentions


# ---------------------------------------------------------------------------
# Grouping mentions into the meetings one article reports

SPECIFICITY = ("small_group", "working_group", "donor_conference", "un_talks", "coalition",
               "other")


@dataclass
class ArticleMeeting:
    """A meeting as one article reports it: an anchor mention plus anaphoric ones."""

    anchor: Mention
    attached: list[Mention] = field(default_factory=list)
    dateline_city: City | None = None  # the article's dateline, used when no place is said

    @property
    def mentions(self) -> list[Mention]:
        return [self.anchor, *self.attached]

    @property
    def body(self) -> str:
        bodies = [m.body for m in self.mentions if m.body]
        return min(bodies, key=SPECIFICITY.index) if bodies else "other"

    @property
    def level(self) -> str:
        return next((m.level for m in self.mentions if m.level != "unknown"), "unknown")

    @property
    def status(self) -> str:
        return self.anchor.status

    @property
    def date(self) -> DateInterval | None:
        dates = [m.date for m in self.mentions if m.date and m.date.resolved]
        if self.anchor.date and self.anchor.date.resolved:
            return self.anchor.date
        if dates:
            return dates[0]
        return self.anchor.date

    @property
    def city(self) -> City | None:
        return next((m.city for m in self.mentions if m.city), self.dateline_city)

    @property
    def place_from_dateline(self) -> bool:
        return self.dateline_city is not None and not any(m.city for m in self.mentions)

    @property
    def is_virtual(self) -> bool:
        return any(m.is_virtual for m in self.mentions)

    @property
    def host(self) -> str | None:
        return next((m.host for m in self.mentions if m.host), None)

    @property
    def n_states(self) -> tuple[int | None, str | None]:
        m = next((m for m in self.mentions if m.n_states), None)
        return (m.n_states, m.n_states_qualifier) if m else (None, None)


def _anchored(m: Mention) -> bool:
    return bool((m.date and m.date.resolved) or m.city or m.is_virtual)


def same_day_or_overlap(a: DateInterval | None, b: DateInterval | None, slack: int = 0) -> bool:
    if not (a and a.resolved and b and b.resolved):
        return True
    return a.start <= b.end + dt.timedelta(days=slack) and b.start <= a.end + dt.timedelta(days=slack)


def _fits(cluster: ArticleMeeting, m: Mention) -> bool:
    if m.status != cluster.status:
        return False
    if m.body and cluster.body not in (m.body, "other") and {m.body, cluster.body} != {
            "coalition", "small_group"}:
        return False
    if m.city and cluster.city and m.city != cluster.city:
        return False
    if (m.is_virtual and cluster.city) or (m.city and cluster.is_virtual):
        return False
    if m.level != "unknown" and cluster.level not in ("unknown", m.level):
        return False
    return same_day_or_overlap(m.date, cluster.date, slack=1)


def group_mentions(mentions: list[Mention], dateline_city: City | None = None
                   ) -> list[ArticleMeeting]:
    """Anchored mentions found meetings; the rest attach to the nearest compatible one.

    A dateline city becomes the place of the article's first held meeting when the text
    names no place and no virtual format for it (flagged place_from_dateline).
    """
    clusters: list[ArticleMeeting] = []
    for m in mentions:
        if m.generic or not _anchored(m):
            continue
        fit = [c for c in clusters if _fits(c, m) and (c.city or c.date) and
               (m.city is None or c.city == m.city) and
               (m.date is None or not m.date.resolved or (c.date and c.date.resolved))]
        if fit:
            fit[-1].attached.append(m)
        else:
            clusters.append(ArticleMeeting(m))
    for m in mentions:
        if any(m is c.anchor or m in c.attached for c in clusters):
            continue
        fit = [c for c in clusters if _fits(c, m)]
        if fit:
            before = [c for c in fit if c.anchor.trigger[0] <= m.trigger[0]]
            (before[-1] if before else fit[0]).attached.append(m)
        elif not m.generic and m.body in ("small_group", "coalition", "working_group"):
            clusters.append(ArticleMeeting(m))  # a meeting named without date or place
    if dateline_city:
        held = [c for c in clusters if c.status == "held"]
        if held and held[0].city is None and not held[0].is_virtual:
            held[0].dateline_city = dateline_city
    return clusters
