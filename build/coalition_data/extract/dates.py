"""Arabic date expressions -> date intervals, resolved against the publication date.

Gregorian and Hijri (Umm al-Qura, via hijridate) days and months, parts of a month or a
year (مطلع/منتصف/أواخر: thirds), seasons, and relative words. A weekday or day word that
introduces a full date is checked against it, not read: the stated date stays and a
disagreement becomes a flag on it (`DateInterval.flags`, carried to meetings.flags).

Month names come from CLDR via Babel (Egyptian/Gulf يناير..., Levantine كانون الثاني...,
Maghrebi يوليوز...), so every spelling a CLDR Arabic locale uses is recognised. All
matching runs on folded text (see normalise.fold); spans are in folded coordinates.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left, insort
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise

from babel import Locale

from coalition_data.normalise import fold

# How good a date is, best first: finer precision, then a more direct method.
PRECISION_RANK = {"day": 0, "interval": 1, "month": 2, "season": 3, "year": 4, "unknown": 5}
METHOD_RANK = {"stated": 0, "relative_to_publication": 1, "chronology": 2, "inferred": 3,
               "publication_window": 4, "unresolved": 5}


@dataclass(frozen=True)
class DateInterval:
    start: dt.date | None
    end: dt.date | None
    precision: str  # day | month | season | year | unknown
    method: str  # stated | relative_to_publication | inferred | unresolved
    span: tuple[int, int]  # in the folded text given to find_dates
    text: str  # the folded words matched
    kind: str = ""  # which expression: dmy, my, weekday, dayword, numeric, hijri...
    # doubts about the reading, for the row's flags (e.g. weekday_disagrees_with_date)
    flags: tuple[str, ...] = ()
    # unresolved for want of a year: the (month, day) the text states ("6 فبراير" with no
    # page date), for matching against meetings whose year is known
    month_day: tuple[int, int] | None = None
    # unresolved for want of a page date: the weekday the text names ("صباح الاثنين"), for
    # telling apart meetings of one place whose days are known (0 = Monday)
    weekday: int | None = None

    @property
    def resolved(self) -> bool:
        return self.start is not None


@cache
def month_names() -> dict[str, int]:
    """Folded month name -> month number, from every Arabic CLDR locale that differs."""
    names: dict[str, int] = {}
    for loc in ("ar", "ar_SY", "ar_MA", "ar_TN", "ar_DZ", "ar_IQ", "ar_LB", "ar_MR"):
        locale = Locale.parse(loc)
        for ctx in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for num, name in locale.months[ctx][width].items():
                    if len(fold(name)) >= 2:
                        names[fold(name)] = num
    # spellings CLDR lacks: Egyptian يونيه/يوليه, Iraqi مايس, common إبريل/اغسطس
    names.update({fold("إبريل"): 4, fold("مايس"): 5, fold("اغسطس"): 8, fold("أيلول"): 9,
                  fold("يونيه"): 6, fold("يوليه"): 7, fold("أبريل"): 4, fold("نونبر"): 11,
                  fold("دجنبر"): 12, fold("شتنبر"): 9, fold("غشت"): 8})
    return names


HIJRI_MONTHS = {fold(w): i + 1 for i, w in enumerate((
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب",
    "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"))}
HIJRI_MONTHS.update({fold("ربيع الثاني"): 4, fold("جمادى الثانية"): 6, fold("ذي القعدة"): 11,
                     fold("ذي الحجة"): 12, fold("جمادى الأول"): 5})

ORDINALS = {fold(w): i + 1 for i, w in enumerate((
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
    "العاشر", "الحادي عشر", "الثاني عشر", "الثالث عشر", "الرابع عشر", "الخامس عشر",
    "السادس عشر", "السابع عشر", "الثامن عشر", "التاسع عشر", "العشرين", "الحادي والعشرين",
    "الثاني والعشرين", "الثالث والعشرين", "الرابع والعشرين", "الخامس والعشرين",
    "السادس والعشرين", "السابع والعشرين", "الثامن والعشرين", "التاسع والعشرين", "الثلاثين",
    "الحادي والثلاثين"))}
ORDINALS[fold("الحادي و العشرين")] = 21
WEEKDAYS = {fold(n): i for i, n in enumerate(
    ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"])}
WEEKDAYS[fold("الإثنين")] = 0
SEASONS = {fold("الربيع"): 3, fold("ربيع"): 3, fold("الصيف"): 6, fold("صيف"): 6,
           fold("الخريف"): 9, fold("خريف"): 9, fold("الشتاء"): 12, fold("شتاء"): 12}
PARTS = {fold("أوائل"): "early", fold("مطلع"): "early", fold("بداية"): "early",
         fold("منتصف"): "mid", fold("أواسط"): "mid", fold("أواخر"): "late",
         fold("نهاية"): "late"}
# a part of a month is a third of it; of a year, four months
MONTH_THIRDS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
YEAR_THIRDS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
RELATIVE = r"الجاري|الحالي|المقبل|القادم|الماضي|المنصرم|الفايت"
FLAG_WEEKDAY = "weekday_disagrees_with_date"
FLAG_PUBLICATION = "publication_date_disagrees_with_date"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    month = _alt(month_names())
    # "آب/أغسطس", "حزيران (يونيو)", "يونيو/حزيران": a month, optionally doubled
    mon = rf"(?P<mon>{month})(?:\s*[/(]\s*(?:{month})\s*\)?)?"
    year = r"(?P<year>(?:19|20)\d{2})"
    wd = _alt(WEEKDAYS)
    return {
        # "15 سبتمبر 2014"، "الثالث عشر من شهر شباط الحالي لعام 2018"، "فاتح مارس"
        "dmy": re.compile(rf"(?:(?<![\d/.-])(?:(?P<day0>[0-3]?\d)\s*(?:و|-|–|الي|حتي)\s*)?(?P<day>[0-3]?\d)|(?<![\u0621-\u064A])(?P<ord>{_alt(ORDINALS)})\s+من|(?<![\u0621-\u064A])(?P<first>فاتح))\s+(?:من\s+)?(?:شهر\s+)?{mon}\s*(?:من\s+)?(?:ل?عام\s+|ل?سنه\s+)?(?:{year})?(?:\s*م)?(?:\s*(?P<rel>{RELATIVE}))?(?:\s+(?:من\s+)?(?:ل?عام|ل?سنه)\s+(?P<year2>(?:19|20)\d{{2}}))?(?![\u0621-\u064A])"),
        "numeric": re.compile(r"(?<![\d/.-])(?:(?P<d>[0-3]?\d)[/.-](?P<m>[01]?\d)[/.-](?P<y>(?:19|20)\d{2})|(?P<y2>(?:19|20)\d{2})-(?P<m2>[01]\d)-(?P<d2>[0-3]\d))(?![\d/.-])"),
        "hijri": re.compile(rf"(?:(?<!\d)(?P<day>[0-3]?\d)|(?<![\u0621-\u064A])(?P<ord>{_alt(ORDINALS)})\s+من)\s+(?:شهر\s+)?(?P<hmon>{_alt(HIJRI_MONTHS)})\s+(?P<year>1[34]\d\d)\s*(?:ه|هـ|للهجره)?(?![\u0621-\u064A])"),
        # "خلال شهر رمضان 1436 هـ": a Hijri month (a Gregorian year never starts with 13/14)
        "hijri_month": re.compile(rf"(?<![\u0621-\u064A\d])(?:شهر\s+)?(?P<hmon>{_alt(HIJRI_MONTHS)})\s+(?:من\s+)?(?:عام\s+|سنه\s+)?(?P<year>1[34]\d\d)(?!\d)\s*(?:ه|هـ|للهجره)?(?![\u0621-\u064A])"),
        # "مطلع سبتمبر 2014"، "منتصف الشهر الجاري"، "نهاية سبتمبر المقبل": a third of a month;
        # "مطلع العام الماضي"، "أواخر عام 2015": a third of a year
        "mpart": re.compile(rf"(?<![\u0621-\u064A])[وف]?(?:في\s+)?(?P<part>{_alt(PARTS)})\s+(?:شهر\s+)?"
                            rf"(?:{mon}(?:\s+(?:من\s+)?(?:ل?عام\s+|ل?سنه\s+)?{year}|\s+(?P<rel>{RELATIVE}))?"
                            rf"|(?P<thismonth>الشهر)(?:\s+(?P<rel2>{RELATIVE}))?"
                            rf"|(?:(?:ال|ل)?عام|(?:ال|ل)?سنه)\s+(?:(?P<rel3>{RELATIVE})|(?P<year3>(?:19|20)\d{{2}}))"
                            rf"|(?P<thisyear>العام|السنه)(?!\s+(?:الدراسي|المالي|الجامعي|الهجري)))"
                            r"(?![\u0621-\u064A])"),
        "my": re.compile(rf"(?:شهر\s+)?\b{mon}\s+(?:من\s+)?(?:عام\s+|سنه\s+)?{year}\b"),
        "mrel": re.compile(rf"(?:شهر\s+)?\b{mon}\s+(?P<rel>المقبل|القادم|الماضي|المنصرم|الفايت|الجاري|الحالي)\b"),
        # "في مايو"، "خلال شهر أيار": a month alone, after a word that makes it a date
        # (short Levantine names such as آب are also words: they need "شهر")
        "mbare": re.compile(rf"(?<![\u0621-\u064A])(?P<lead>(?:في|خلال|مطلع|منتصف|اواخر|"
                            rf"اوايل|بدايه|نهايه)\s+(?:شهر\s+)?|شهر\s+){mon}(?![\u0621-\u064A])"),
        "season": re.compile(
            rf"(?<![\u0621-\u064A])(?P<this>هذا\s+)?(?:فصل\s+)?(?P<season>{_alt(SEASONS)})"
            r"(?:\s+(?P<srel>المقبل|القادم|الماضي|المنصرم|الحالي|الجاري)(?![\u0621-\u064A]))?\s*"
            rf"(?:(?:من\s+)?(?:هذا\s+)?(?:العام|السنه)\s*(?:الحالي|الجاري|المقبل|القادم)?\s*|(?:من\s+)?(?:عام|سنه)\s+)?(?:{year})?"
        ),
        "part": re.compile(rf"(?P<part>{_alt(PARTS)})\s+$"),
        "relmonth": re.compile(r"\bالشهر\s+(?P<rel>المقبل|القادم|الماضي|المنصرم|الحالي|الجاري)\b"),
        "dayrelmonth": re.compile(
            r"(?<![\d/.-])(?:(?P<day0>[0-3]?\d)\s*(?:و|-|–|الي|حتي)\s*)?(?P<day>[0-3]?\d)\s+"
            r"(?:من\s+)?(?:هذا\s+)?الشهر\s+(?P<rel>المقبل|القادم|الماضي|المنصرم|الحالي|الجاري)\b"),
        "relweek": re.compile(r"\b(?:الاسبوع|خلال الاسبوع|مطلع الاسبوع|نهايه الاسبوع)\s+"
                              r"(?P<rel>المقبل|القادم|الماضي|المنصرم|الحالي|الجاري)\b"),
        "relyear": re.compile(r"\b(?:العام|السنه)\s+(?P<rel>المقبل|القادم|الماضي|المنصرم|الحالي|الجاري)\b"),
        "year": re.compile(rf"\b(?:عام|سنه|العام)\s+{year}\b"),
        # "اليوم"، "واليوم،"، "فأمس": a conjunction may stick to the day word
        "dayword": re.compile(r"(?<![\w])[وف]?(?P<w>اول\s+امس|امس\s+الاول|اليوم|امس|غدا|غدًا)(?![\w])"),
        # "الأحد عشر" is the eleven, no Sunday
        "weekday": re.compile(rf"(?<![\w])(?P<wd>{wd})(?![\w])(?!\s+عشر)(?:\s+(?P<rel>المقبل|القادم|الماضي|المنصرم))?"),
        # "يومي الثلاثاء والأربعاء": two days running
        "weekdays": re.compile(rf"(?<![\w])(?P<wd1>{wd})\s+و\s?(?P<wd2>{wd})(?![\w])"
                               r"(?:\s+(?P<rel>المقبل|القادم))?"),
    }


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _season_interval(first_month: int, year: int, part: str | None) -> tuple[dt.date, dt.date]:
    months = [_shift_month(year, first_month, k) for k in range(3)]
    if part == "early":
        months = months[:1]
    elif part == "mid":
        months = months[1:2]
    elif part == "late":
        months = months[2:]
    (y0, m0), (y1, m1) = months[0], months[-1]
    return dt.date(y0, m0, 1), _month_end(y1, m1)


def _mk(start, end, precision, method, m: re.Match[str], lead: int = 0,
        folded: str = "", kind: str = "") -> DateInterval:
    """Interval for match m; `lead` extends the span left over a prefix word."""
    s, e = m.start() - lead, m.end()
    text = folded[s:e] if lead else m.group()
    return DateInterval(start, end, precision, method, (s, e), text.strip(), kind)


def _hijri(year: int, month: int, day: int) -> dt.date | None:
    """Umm al-Qura Hijri date -> Gregorian (hijridate), None when out of its range."""
    try:
        from hijridate import Hijri

        return dt.date(*Hijri(year, month, day).to_gregorian().datetuple())
    except (ValueError, OverflowError):
        return None


def _hijri_month(year: int, month: int) -> tuple[dt.date, dt.date] | None:
    """First and last Gregorian day of a Hijri month (Umm al-Qura)."""
    first = _hijri(year, month, 1)
    nxt = _hijri(year + month // 12, month % 12 + 1, 1)
    return (first, nxt - dt.timedelta(days=1)) if first and nxt else None


def _relative_month(mon: int, rel: str | None, published: dt.date) -> tuple[int, int]:
    """(year, month) of a month name read on `published`: "المقبل" the next such month,
    "الماضي" the last one over, "الجاري" this year's; a bare name the occurrence nearest to
    publication (news reports recent and coming events)."""
    if rel in ("المقبل", "القادم"):
        return (published.year + (mon <= published.month)), mon
    if rel in ("الماضي", "المنصرم", "الفايت"):
        return (published.year - (mon >= published.month)), mon
    if rel in ("الجاري", "الحالي"):
        return published.year, mon
    return min((published.year - 1, published.year, published.year + 1),
               key=lambda yy: abs((dt.date(yy, mon, 15) - published).days)), mon


def _part_interval(part: str, y: int, mon: int | None) -> tuple[dt.date, dt.date]:
    """The third of month `mon` (or of year `y` when mon is None) that `part` names."""
    if mon is None:
        m0, m1 = YEAR_THIRDS[part]
        return dt.date(y, m0, 1), _month_end(y, m1)
    d0, d1 = MONTH_THIRDS[part]
    return dt.date(y, mon, d0), dt.date(y, mon, d1) if d1 <= 20 else _month_end(y, mon)


# between a weekday or a day word and the full date it introduces: "الخميس 19 فبراير"،
# "يوم الأربعاء الموافق 15 سبتمبر"، "أمس الخميس (19 فبراير 2015)"، "الأحد، (9 نوفمبر)"
@cache
def _gap() -> re.Pattern[str]:
    return re.compile(rf"\s*[,،]?\s*(?:(?:يوم\s+)?(?:{_alt(WEEKDAYS)})\s*[,،]?\s*)?"
                      r"(?:الموافق\s*(?:ل\s*)?)?[(\[]?\s*$")


@cache
def _calendars() -> re.Pattern[str]:
    return re.compile(r"\s*[,،/\-]?\s*(?:الموافق\s*(?:ل\s*)?)?[(\[]?\s*")


@cache
def _dayword_weekday() -> re.Pattern[str]:
    return re.compile(rf"\s*[,،(]?\s*(?P<wd>{_alt(WEEKDAYS)})(?![\u0621-\u064A])")


def _same_day(found: list[DateInterval], folded: str) -> list[DateInterval]:
    """One day written several ways. A Hijri date with its Gregorian equivalent ("19 شعبان
    1444هـ الموافق 9 مارس 2023م") is the Gregorian one (calendars differ by a day or two).
    A weekday or day word that introduces a full date names that date's day: the stated
    date is kept, the relative reading dropped, and a disagreement flagged (a wrong weekday
    in the text, or a publication date that does not fit the event)."""
    gregorian = {i: i + 1 for i, (a, b) in enumerate(pairwise(found))
                 if a.kind == "hijri" and b.kind in ("dmy", "numeric")
                 and _calendars().fullmatch(folded, a.span[1], b.span[0])}
    flags: dict[int, list[str]] = {}
    keep: list[int] = []
    for i, d in enumerate(found):
        if i in gregorian:
            continue
        if d.kind == "dayword" and d.resolved and (
                wd := _dayword_weekday().match(folded, d.span[1])) and \
                WEEKDAYS[wd["wd"]] != d.start.weekday():
            # "اليوم الأربعاء" read on a Tuesday: the publication date is a day off, or the
            # weekday is wrong; the day word's reading stays, flagged
            flags.setdefault(i, []).append(FLAG_WEEKDAY)
        nxt = found[i + 1] if i + 1 < len(found) else None
        if d.kind in ("weekday", "weekday_next", "dayword") and nxt is not None and \
                nxt.kind in ("dmy", "numeric", "hijri") and \
                _gap().fullmatch(folded, d.span[1], nxt.span[0]) and \
                nxt.span[0] - d.span[1] <= 40:
            j = gregorian.get(i + 1, i + 1)
            stated = found[j]
            wd = re.search(_alt(WEEKDAYS), folded[d.span[0]:nxt.span[0]])
            new: list[str] = []
            if stated.resolved and wd and WEEKDAYS[wd.group()] != stated.start.weekday():
                new.append(FLAG_WEEKDAY)
            if stated.resolved and d.kind == "dayword" and d.resolved and \
                    stated.method == "stated" and d.start != stated.start:
                new.append(FLAG_PUBLICATION)
            flags.setdefault(j, []).extend(new)
            if d.kind != "dayword" or new:
                continue  # the relative reading gives way to the stated date
        keep.append(i)
    return [replace(found[i], flags=tuple(dict.fromkeys((*found[i].flags, *flags[i]))))
            if flags.get(i) else found[i] for i in keep]


def find_dates(folded: str, published: dt.date | None,
               published_end: dt.date | None = None) -> list[DateInterval]:
    """Every date expression in `folded`, leftmost first, non-overlapping.

    Absolute expressions are resolved directly; relative ones against `published`;
    without a publication date they come back unresolved (never invented). When only an
    interval of publication days is known ([published, published_end]), a relative
    expression resolves to the hull of its readings at both ends (precision interval).
    """
    if published is not None and published_end is not None and published_end > published:
        first = _find_dates(folded, published)
        last = {d.span: d for d in _find_dates(folded, published_end)}
        out = []
        for d in first:
            e = last.get(d.span)
            if d.method != "stated" and d.resolved and e is not None and e.resolved and \
                    (e.start, e.end) != (d.start, d.end):
                start, end = min(d.start, e.start), max(d.end, e.end)
                d = replace(d, start=start, end=end, precision="interval"
                            if d.precision == "day" else d.precision)
            out.append(d)
        return out
    return _find_dates(folded, published)


def _find_dates(folded: str, published: dt.date | None) -> list[DateInterval]:
    p = _patterns()
    found: list[DateInterval] = []
    months = month_names()
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping

    def free(span: tuple[int, int]) -> bool:
        i = bisect_left(taken, (span[1], -1))  # spans starting before span's end
        return i == 0 or taken[i - 1][1] <= span[0]

    def add(d: DateInterval) -> None:
        if free(d.span):
            found.append(d)
            insort(taken, d.span)

    unresolved = "unresolved"
    for m in p["hijri"].finditer(folded):
        day = int(m["day"]) if m["day"] else ORDINALS[m["ord"]]
        d = _hijri(int(m["year"]), HIJRI_MONTHS[m["hmon"]], day)
        if d:
            add(_mk(d, d, "day", "stated", m, kind="hijri"))
    for m in p["hijri_month"].finditer(folded):
        hm = _hijri_month(int(m["year"]), HIJRI_MONTHS[m["hmon"]])
        if hm:
            add(_mk(hm[0], hm[1], "interval", "stated", m, kind="hijri_month"))
    for m in p["numeric"].finditer(folded):
        try:
            if m["y"]:
                d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            else:
                d = dt.date(int(m["y2"]), int(m["m2"]), int(m["d2"]))
        except ValueError:
            continue
        add(_mk(d, d, "day", "stated", m, kind="numeric"))
    for m in p["dmy"].finditer(folded):
        day = int(m["day"]) if m["day"] else ORDINALS[m["ord"]] if m["ord"] else 1
        mon = months[m["mon"]]
        if m["year"] or m["year2"]:
            y = int(m["year"] or m["year2"])
            method = "stated"
        elif published:
            # the publication year, moved by "الماضي" / "المقبل" when the day-month would
            # otherwise lie on the wrong side of the publication date
            y, method = published.year, "relative_to_publication"
            rel = m["rel"] or ""
            if rel in ("الماضي", "المنصرم", "الفايت") and (mon, day) > (published.month,
                                                                    published.day):
                y -= 1
            elif rel in ("المقبل", "القادم") and (mon, day) < (published.month, published.day):
                y += 1
        else:
            add(replace(_mk(None, None, "unknown", unresolved, m, kind="dmy"),
                        month_day=(mon, day) if m["day"] or m["ord"] or m["first"] else None))
            continue
        try:
            d = dt.date(y, mon, day)
            d0 = dt.date(y, mon, int(m["day0"])) if m["day0"] else d
        except ValueError:
            continue
        if d0 > d or (d - d0).days > 6:
            d0 = d
        add(_mk(d0, d, "day" if d0 == d else "interval", method, m, kind="dmy"))
    for m in p["mpart"].finditer(folded):
        part = PARTS[m["part"]]
        mon = months[m["mon"]] if m["mon"] else None
        if mon is not None and len(m["mon"]) <= 3 and not (m["year"] or m["rel"]):
            continue  # "نهاية اب": a short Levantine name alone may be a word
        rel = m["rel"] or m["rel2"] or m["rel3"]
        span = (m.start("part"), m.end())
        if m["year"] or m["year3"]:
            y, method = int(m["year"] or m["year3"]), "stated"
        elif not published:
            add(DateInterval(None, None, "unknown", unresolved, span, folded[span[0]:span[1]],
                             "month_part"))
            continue
        elif mon is not None:
            y, method = _relative_month(mon, rel, published)[0], "relative_to_publication"
        elif m["thismonth"]:
            k = {"المقبل": 1, "القادم": 1, "الماضي": -1, "المنصرم": -1, "الفايت": -1}.get(rel, 0)
            y, mon = _shift_month(published.year, published.month, k)
            method = "relative_to_publication"
        else:
            k = {"المقبل": 1, "القادم": 1, "الماضي": -1, "المنصرم": -1, "الفايت": -1}.get(rel, 0)
            y, method = published.year + k, "relative_to_publication"
        start, end = _part_interval(part, y, mon)
        add(DateInterval(start, end, "interval", method, span, folded[span[0]:span[1]],
                         "month_part" if mon is not None else "year_part"))
    for m in p["my"].finditer(folded):
        y, mon = int(m["year"]), months[m["mon"]]
        add(_mk(dt.date(y, mon, 1), _month_end(y, mon), "month", "stated", m))
    for m in p["mrel"].finditer(folded):
        mon = months[m["mon"]]
        if not published:
            add(_mk(None, None, "unknown", unresolved, m))
            continue
        future = m["rel"] in ("المقبل", "القادم")
        current = m["rel"] in ("الجاري", "الحالي")
        y = published.year
        if future and mon <= published.month:
            y += 1
        if not future and not current and mon >= published.month:
            y -= 1
        add(_mk(dt.date(y, mon, 1), _month_end(y, mon), "month", "relative_to_publication", m))
    for m in p["mbare"].finditer(folded):
        mon = months[m["mon"]]
        if len(m["mon"]) <= 3 and "شهر" not in m["lead"]:
            continue  # "في اب" may be a word, "في شهر آب" is the month
        if not published:
            add(_mk(None, None, "unknown", unresolved, m, kind="month_bare"))
            continue
        # the occurrence of that month nearest to publication (news reports recent and
        # coming events): May read in January is this May, November read in January last
        # November
        y = min((published.year - 1, published.year, published.year + 1),
                key=lambda yy: abs((dt.date(yy, mon, 15) - published).days))
        span = m.span("mon")
        add(DateInterval(dt.date(y, mon, 1), _month_end(y, mon), "month",
                         "relative_to_publication", (span[0], m.end()),
                         folded[span[0]:m.end()].strip(), "month_bare"))
    for m in p["season"].finditer(folded):
        first = SEASONS[m["season"]]
        tail = m.group()
        pm = p["part"].search(folded, max(0, m.start() - 12), m.start())
        part = PARTS[pm["part"]] if pm else None
        lead = m.start() - pm.start() if pm else 0
        if m["year"]:
            y, method = int(m["year"]), "stated"
        elif published and ("العام" in tail or "السنه" in tail):
            y = published.year + (1 if ("المقبل" in tail or "القادم" in tail) else 0)
            method = "relative_to_publication"
        elif published and (m["srel"] or m["this"]):
            # "الصيف المقبل": the next one after publication; "الخريف الماضي": the last one
            # over by then; "هذا الصيف": the publication year's
            rel, month = m["srel"] or "الحالي", published.month
            if rel in ("المقبل", "القادم"):
                y = published.year if first > month else published.year + 1
            elif rel in ("الماضي", "المنصرم"):
                y = published.year if first + 2 < month else published.year - 1
                y -= 1 if first == 12 and month < 3 else 0
            else:
                y = published.year
            method = "relative_to_publication"
        elif part and published:
            y, method = published.year, "inferred"
        else:
            continue  # a bare "الربيع" is too often not a date (e.g. الربيع العربي)
        start, end = _season_interval(first, y, part)
        add(_mk(start, end, "season", method, m, lead, folded))
    for m in p["dayrelmonth"].finditer(folded):
        # "يومي 12 و13 من الشهر الجاري": days of the month before, of or after publication
        if not published:
            add(_mk(None, None, "unknown", unresolved, m, kind="dmy"))
            continue
        k = {"المقبل": 1, "القادم": 1, "الماضي": -1, "المنصرم": -1}.get(m["rel"], 0)
        y, mon = _shift_month(published.year, published.month, k)
        try:
            d = dt.date(y, mon, int(m["day"]))
            d0 = dt.date(y, mon, int(m["day0"])) if m["day0"] else d
        except ValueError:
            continue
        add(_mk(min(d0, d), d, "day", "relative_to_publication", m, kind="dmy"))
    for m in p["relmonth"].finditer(folded):
        if not published:
            add(_mk(None, None, "unknown", unresolved, m))
            continue
        k = {"المقبل": 1, "القادم": 1, "الماضي": -1, "المنصرم": -1}.get(m["rel"], 0)
        y, mon = _shift_month(published.year, published.month, k)
        add(_mk(dt.date(y, mon, 1), _month_end(y, mon), "month", "relative_to_publication", m))
    for m in p["relweek"].finditer(folded):
        if not published:
            add(_mk(None, None, "unknown", unresolved, m, kind="relweek"))
            continue
        # the calendar week (Monday to Sunday) before, of or after publication
        k = {"المقبل": 1, "القادم": 1, "الماضي": -1, "المنصرم": -1}.get(m["rel"], 0)
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=k)
        add(_mk(monday, monday + dt.timedelta(days=6), "interval", "relative_to_publication", m,
                kind="relweek"))
    for m in p["relyear"].finditer(folded):
        if not published:
            add(_mk(None, None, "unknown", unresolved, m))
            continue
        k = {"المقبل": 1, "القادم": 1, "الماضي": -1, "المنصرم": -1}.get(m["rel"], 0)
        y = published.year + k
        add(_mk(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "relative_to_publication", m))
    for m in p["year"].finditer(folded):
        y = int(m["year"])
        add(_mk(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", "stated", m))
    for m in p["dayword"].finditer(folded):
        span, words = m.span("w"), m["w"]  # the day word, without a conjunction
        if not published:
            add(DateInterval(None, None, "unknown", unresolved, span, words, "dayword"))
            continue
        w = re.sub(r"\s+", " ", words)
        delta = {"اليوم": 0, "امس": -1, "غدا": 1, "غدًا": 1, "اول امس": -2, "امس الاول": -2}[w]
        d = published + dt.timedelta(days=delta)
        add(DateInterval(d, d, "day", "relative_to_publication", span, words, "dayword"))
    for m in p["weekdays"].finditer(folded):
        wd1, wd2 = WEEKDAYS[m["wd1"]], WEEKDAYS[m["wd2"]]
        if not published or (wd1 + 1) % 7 != wd2:
            continue  # unresolved or not two days running: each weekday on its own below
        if m["rel"]:
            end = published + dt.timedelta(days=(wd2 - published.weekday()) % 7 or 7)
        else:  # the most recent such pair, today included (as for one weekday)
            end = published - dt.timedelta(days=(published.weekday() - wd2) % 7)
        lead = 5 if folded[max(0, m.start() - 5):m.start()] == "يومي " else 0
        add(_mk(end - dt.timedelta(days=1), end, "interval", "relative_to_publication", m,
                lead, folded, kind="weekday"))
    for m in p["weekday"].finditer(folded):
        if re.search(r"(?:اليوم|امس|غدا|الاول)\s*[,،(]?\s*$", folded[max(0, m.start() - 12):m.start()]):
            continue  # "غدا الثلاثاء"، "اليوم (الإثنين)": the day word already dates it
        lead = 4 if folded[max(0, m.start() - 4):m.start()] == "يوم " else 0
        wd = WEEKDAYS[m["wd"]]
        if not published:
            add(replace(_mk(None, None, "unknown", unresolved, m, lead, folded, kind="weekday"),
                        weekday=wd))
            continue
        if m["rel"] in ("المقبل", "القادم"):
            delta = (wd - published.weekday()) % 7 or 7
        else:  # plain weekday in news: the most recent such day, today included
            delta = -((published.weekday() - wd) % 7)
        d = published + dt.timedelta(days=delta)
        kind = "weekday_next" if m["rel"] else "weekday"
        add(_mk(d, d, "day", "relative_to_publication", m, lead, folded, kind=kind))
    return _same_day(sorted(found, key=lambda d: d.span), folded)


def parse_date(text: str, published: dt.date | None = None) -> DateInterval | None:
    """The first date expression in `text` (not yet folded), or None."""
    found = find_dates(fold(text), published)
    return found[0] if found else None
