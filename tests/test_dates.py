"""Arabic dates -> intervals: absolute forms in every CLDR spelling, relative forms
resolved against the publication date, and nothing invented without one."""

from __future__ import annotations

import calendar
import datetime as dt

from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

from coalition_data.extract.dates import parse_date

DAYS = st.dates(min_value=dt.date(2014, 1, 1), max_value=dt.date(2030, 12, 31))
LOCALES = st.sampled_from(["ar", "ar_SY", "ar_MA"])
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@given(day=DAYS, locale=LOCALES, indic=st.booleans())
def test_day_month_year_in_any_cldr_spelling(day: dt.date, locale: str, indic: bool) -> None:
    month = Locale.parse(locale).months["format"]["wide"][day.month]
    text = f"في {day.day} {month} {day.year}"
    if indic:
        text = text.translate(ARABIC_INDIC)
    d = parse_date(text)
    assert d is not None and (d.start, d.end, d.precision, d.method) == (day, day, "day",
                                                                        "stated")


@given(day=DAYS)
def test_double_month_form(day: dt.date) -> None:
    lev = Locale.parse("ar_SY").months["format"]["wide"][day.month]
    egy = Locale.parse("ar").months["format"]["wide"][day.month]
    d = parse_date(f"{day.day} {lev}/{egy} {day.year}")
    assert d is not None and d.start == day


@given(published=DAYS)
def test_today_and_yesterday(published: dt.date) -> None:
    assert parse_date("اجتمعوا اليوم", published).start == published
    assert parse_date("اجتمعوا أمس", published).start == published - dt.timedelta(days=1)


@given(published=DAYS, weekday=st.integers(0, 6))
def test_plain_weekday_is_the_latest_such_day(published: dt.date, weekday: int) -> None:
    name = Locale.parse("ar").days["format"]["wide"][weekday]
    d = parse_date(f"صدر البيان يوم {name}", published)
    assert d.start.weekday() == weekday
    assert 0 <= (published - d.start).days <= 6


@given(published=DAYS, month=st.integers(1, 12))
def test_month_next_lies_after_publication(published: dt.date, month: int) -> None:
    name = Locale.parse("ar").months["format"]["wide"][month]
    d = parse_date(f"في {name} المقبل", published)
    assert d.precision == "month" and d.start.month == month and d.start > published
    assert (d.start - published).days <= 366


def test_relative_dates_stay_unresolved_without_publication_date() -> None:
    for text in ("اليوم", "أمس", "الخميس", "يوليو المقبل", "الشهر المقبل"):
        d = parse_date(text, None)
        assert d is not None and d.start is None and d.method == "unresolved", text


def test_a_range_of_days_is_an_interval() -> None:
    d = parse_date("يومي 9 و10 أبريل 2019")
    assert (d.start, d.end, d.precision) == (dt.date(2019, 4, 9), dt.date(2019, 4, 10),
                                             "interval")
    d = parse_date("من 12 إلى 14 فبراير 2018")
    assert (d.start, d.end, d.precision) == (dt.date(2018, 2, 12), dt.date(2018, 2, 14),
                                             "interval")
    assert parse_date("يوم 9 أبريل 2019").precision == "day"


def test_two_weekdays_running_are_an_interval() -> None:
    thursday = dt.date(2019, 5, 9)
    d = parse_date("يومي الثلاثاء والأربعاء", thursday)
    assert (d.start, d.end, d.precision) == (dt.date(2019, 5, 7), dt.date(2019, 5, 8),
                                             "interval")
    d = parse_date("يومي الثلاثاء والأربعاء المقبلين", thursday)
    assert (d.start, d.end) == (dt.date(2019, 5, 14), dt.date(2019, 5, 15))
    # not two days running: the first weekday alone
    d = parse_date("الاثنين والخميس", thursday)
    assert (d.start, d.end, d.precision) == (dt.date(2019, 5, 6), dt.date(2019, 5, 6), "day")


def test_a_month_alone_is_the_one_nearest_to_publication() -> None:
    january = dt.date(2022, 1, 10)
    d = parse_date("سيعقد اجتماعه المقبل في مايو", january)
    assert (d.start, d.end, d.precision, d.method) == (
        dt.date(2022, 5, 1), dt.date(2022, 5, 31), "month", "relative_to_publication")
    assert parse_date("عقد في نوفمبر", january).start == dt.date(2021, 11, 1)
    assert parse_date("خلال شهر آب", january).start == dt.date(2021, 8, 1)
    assert parse_date("في اب", january) is None  # a short name needs "شهر": also a word
    assert parse_date("في مايو", None).method == "unresolved"


def test_a_conjunction_may_stick_to_the_day_word() -> None:
    d = parse_date("واليوم، يجتمع الوزراء", dt.date(2019, 7, 2))
    assert (d.start, d.text) == (dt.date(2019, 7, 2), "اليوم")  # the quote is the day word
    assert parse_date("وأمس", dt.date(2019, 7, 2)).start == dt.date(2019, 7, 1)
    assert parse_date("اليومية", dt.date(2019, 7, 2)) is None


def test_season_interval() -> None:
    d = parse_date("أواخر ربيع العام الحالي 2016")
    assert (d.start, d.end, d.precision) == (dt.date(2016, 5, 1), dt.date(2016, 5, 31), "season")
    d = parse_date("في صيف 2017")
    assert (d.start, d.end) == (dt.date(2017, 6, 1), dt.date(2017, 8, 31))


def test_next_last_and_this_season_against_the_publication_date() -> None:
    feb, oct_ = dt.date(2018, 2, 14), dt.date(2018, 10, 1)
    assert parse_date("الصيف المقبل", feb).start == dt.date(2018, 6, 1)
    assert parse_date("الصيف المقبل", oct_).start == dt.date(2019, 6, 1)
    assert parse_date("الخريف الماضي", feb).start == dt.date(2017, 9, 1)
    assert parse_date("هذا الصيف", oct_).end == dt.date(2018, 8, 31)
    d = parse_date("في الربيع المقبل", feb)
    assert (d.start, d.end, d.method) == (dt.date(2018, 3, 1), dt.date(2018, 5, 31),
                                          "relative_to_publication")


def test_bare_spring_is_not_a_date() -> None:
    assert parse_date("منذ بداية الربيع العربي") is None


def test_month_year_and_year() -> None:
    assert parse_date("في كانون الثاني 2015").start == dt.date(2015, 1, 1)
    assert parse_date("في كانون الثاني 2015").end == dt.date(2015, 1, 31)
    assert parse_date("خلال عام 2016").precision == "year"


WEEKDAY_NAMES = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


@given(day=DAYS, weekday=st.integers(0, 6), published=DAYS)
def test_a_weekday_before_a_full_date_is_checked_not_read(day: dt.date, weekday: int,
                                                          published: dt.date) -> None:
    month = Locale("ar").months["format"]["wide"][day.month]
    d = parse_date(f"عقد يوم {WEEKDAY_NAMES[weekday]} {day.day} {month} {day.year}", published)
    assert (d.start, d.method) == (day, "stated")  # the stated date, never the weekday's
    assert ("weekday_disagrees_with_date" in d.flags) == (weekday != day.weekday())


@given(published=DAYS, month=st.integers(1, 12), year=st.integers(2014, 2030),
       part=st.sampled_from([("مطلع", 1, 10), ("منتصف", 11, 20), ("أواخر", 21, 31),
                             ("نهاية", 21, 31)]))
def test_a_part_of_a_month_is_a_third_of_it(published: dt.date, month: int, year: int,
                                            part: tuple[str, int, int]) -> None:
    word, first, last = part
    name = Locale("ar").months["format"]["wide"][month]
    d = parse_date(f"في {word} {name} {year}", published)
    assert (d.precision, d.method, d.start) == ("interval", "stated", dt.date(year, month, first))
    assert d.end.month == month and d.end.day == min(last, calendar.monthrange(year, month)[1])
