"""One real meeting, one row: how reports of the same meeting in different articles (or
twice in one article) become one `meetings` row, and when they must not.

Sentences written for these tests. Dates are chosen on purpose: some days hold a meeting
of the chronology (`seeds/registry/meetings.csv`), others hold none.
"""

from __future__ import annotations

import datetime as dt

from tests.articles_fixture import facts

D = dt.date


def _rows(*articles: tuple[str, dt.date | None, str]) -> list[dict]:
    return facts(*articles)["meetings"]


# 1. An announcement and a report of the same meeting -----------------------------------

def test_an_announcement_and_a_later_report_are_one_held_meeting() -> None:
    rows = _rows(
        ("a", D(2023, 6, 1), "تستضيف الرياض يوم الخميس المقبل اجتماعا وزاريا للتحالف الدولي "
                             "لهزيمة داعش."),
        ("b", D(2023, 6, 8), "اختتم وزراء خارجية دول التحالف الدولي ضد داعش اجتماعهم في "
                             "الرياض اليوم."))
    (m,) = rows
    assert (m["status"], m["n_reports"], m["chronology_id"]) == (
        "held", 2, "2023-06-08-riyadh-ministerial")


def test_an_announcement_by_month_and_a_report_of_the_day_are_one_meeting() -> None:
    rows = _rows(
        ("a", D(2021, 5, 20), "تستضيف إيطاليا في حزيران المقبل اجتماعا وزاريا للتحالف الدولي "
                              "ضد داعش في روما."),
        ("b", D(2021, 6, 28), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في "
                              "روما."))
    (m,) = rows
    assert (m["status"], m["n_reports"]) == ("held", 2)
    assert sorted(r["status_in_article"] for r in facts(
        ("a", D(2021, 5, 20), "تستضيف إيطاليا في حزيران المقبل اجتماعا وزاريا للتحالف الدولي "
                              "ضد داعش في روما."))["meeting_reports"]) == ["planned"]


def test_an_announcement_and_a_report_with_no_place_in_common_stay_apart() -> None:
    # no chronology meeting those days, and the report names no venue: nothing shows
    # the two are one meeting
    rows = _rows(
        ("a", D(2018, 3, 10), "يعقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم في عمان في "
                              "13 مارس الجاري."),
        ("b", D(2018, 3, 13), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم."))
    assert len(rows) == 2


# 2. A dated report and one the text does not date ---------------------------------------

def test_a_report_dated_only_by_its_page_links_through_the_chronology() -> None:
    rows = _rows(
        ("a", D(2017, 3, 22), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في "
                              "واشنطن."),
        ("b", D(2017, 3, 25), "قال وزير الخارجية الأردني إن اجتماع التحالف الدولي ضد داعش في "
                              "واشنطن بحث المرحلة المقبلة."))
    (m,) = rows
    assert m["chronology_id"] == "2017-03-22-washington-ministerial"
    assert m["date_start"] == D(2017, 3, 22) and m["n_reports"] == 2


def test_a_report_with_only_a_month_links_to_that_months_meeting() -> None:
    rows = _rows(
        ("a", D(2018, 2, 13), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في "
                              "الكويت."),
        ("b", D(2018, 5, 2), "وكان وزراء خارجية التحالف الدولي ضد داعش قد اجتمعوا في الكويت "
                             "في فبراير الماضي."))
    assert {m["chronology_id"] for m in rows} >= {"2018-02-13-kuwait-ministerial"}
    linked = [m for m in rows if m["chronology_id"] == "2018-02-13-kuwait-ministerial"]
    assert len(linked) == 1 and linked[0]["n_reports"] == 2


def test_an_undated_report_without_a_page_date_stays_alone_when_several_meetings_fit() -> None:
    # Washington has held several ministerials: nothing says which one this is
    rows = _rows(
        ("a", D(2017, 3, 22), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في "
                              "واشنطن."),
        ("b", None, "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا في واشنطن."))
    assert len(rows) == 2
    undated = next(m for m in rows if m["date_start"] is None)
    assert undated["chronology_id"] is None


def test_an_undated_ministerial_in_a_city_with_one_chronology_ministerial_links_flagged() -> None:
    (m,) = _rows(("b", None, "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا في الرياض."))
    assert (m["chronology_id"], m["chronology_match"]) == (
        "2023-06-08-riyadh-ministerial", "place_only")
    assert "date_from_chronology" in m["flags"]


def test_an_unplaced_undated_ministerial_joins_the_only_ministerial_of_its_week() -> None:
    rows = _rows(
        ("a", D(2019, 11, 12), "يستضيف وزير الخارجية الأمريكي بعد غد في واشنطن اجتماعا وزاريا "
                               "للمجموعة المصغرة للتحالف الدولي ضد داعش."),
        ("b", D(2019, 11, 15), "أكد وزراء خارجية التحالف الدولي ضد داعش في اجتماعهم التزامهم "
                               "بهزيمة التنظيم."))
    (m,) = rows
    assert m["chronology_id"] == "2019-11-14-washington-small-group-ministerial"
    assert m["status"] == "held" and m["n_reports"] == 2


def test_a_day_and_month_without_a_year_links_to_that_days_meeting() -> None:
    # no page date: "6 February" of which year? The only Washington ministerial on 6 Feb
    (m,) = _rows(("b", None, "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم يوم 6 فبراير "
                             "في واشنطن."))
    assert (m["chronology_id"], m["chronology_match"]) == (
        "2019-02-06-washington-ministerial", "place_and_day")
    assert m["date_start"] == D(2019, 2, 6) and "date_from_chronology" in m["flags"]
    # a day that no chronology meeting of that place had: stays undated
    (m,) = _rows(("c", None, "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم يوم 9 فبراير "
                             "في واشنطن."))
    assert m["chronology_id"] is None and m["date_start"] is None


def test_a_moroccan_first_of_the_month_is_a_day_and_month() -> None:
    # "فاتح مارس": the first of March, with no year and no page date
    (m,) = _rows(("b", None, "انطلقت يوم الأربعاء فاتح مارس في نيامي أشغال الاجتماع العام "
                             "لمجموعة التركيز على أفريقيا التابعة للتحالف الدولي ضد داعش."))
    assert (m["chronology_id"], m["chronology_match"]) == (
        "2023-03-niamey-africa-focus-group", "place_and_day")


def test_a_day_and_month_is_preferred_to_a_month_part_of_the_same_announcement() -> None:
    # "نهاية سبتمبر المقبل" first, "29 سبتمبر" later: the day is the one to compare
    (m,) = _rows(("b", None, "سيستضيف الرئيس الأمريكي باراك أوباما في نيويورك، نهاية سبتمبر "
                             "المقبل، قمة لقادة دول التحالف الدولي ضد داعش. وأوضحت المصادر "
                             "أن القمة ستعقد في 29 سبتمبر على هامش الجمعية العامة."))
    assert (m["chronology_id"], m["chronology_match"]) == (
        "2015-09-29-new-york-leaders-summit", "place_and_day")


def test_a_day_and_month_with_no_place_links_through_who_hosted_it() -> None:
    # no year, no page date, no city: the ministers' terms leave one 28 June ministerial
    text = ("يستضيف وزير الخارجية الأمريكي أنتوني بلينكن ونظيره الإيطالي لويجي دي مايو يوم 28 "
            "يونيو اجتماعا وزاريا للتحالف الدولي ضد داعش.")
    (m,) = _rows(("b", None, text))
    assert (m["chronology_id"], m["chronology_match"]) == (
        "2021-06-28-rome-ministerial", "day_and_people")
    assert m["city_en"] == "Rome" and "place_from_chronology" in m["flags"]
    # the same day with nobody named: nothing says which year's 28 June
    (m,) = _rows(("c", None, "يستضيف وزير الخارجية الأمريكي يوم 28 يونيو اجتماعا وزاريا "
                             "للتحالف الدولي ضد داعش."))
    assert m["chronology_id"] is None


def test_the_weekday_of_an_undated_announcement_tells_a_citys_meetings_apart() -> None:
    # no page date; Paris held foreign ministers' meetings on Monday 15 September 2014 and
    # on Tuesday 2 June 2015
    text = ("وصل وزير الخارجية المصري إلى باريس للمشاركة في المؤتمر الوزاري للتحالف الدولي "
            "ضد داعش، الذي يفتتح صباح {day} في مقر الخارجية الفرنسية.")
    (m,) = _rows(("a", None, text.format(day="الاثنين")))
    assert m["chronology_id"] == "2014-09-15-paris-conference-peace-security-iraq"
    (m,) = _rows(("b", None, text.format(day="الثلاثاء")))
    assert m["chronology_id"] == "2015-06-02-paris-small-group-ministerial"
    (m,) = _rows(("c", None, text.format(day="الخميس")))
    assert m["chronology_id"] is None  # no Paris ministerial sat on a Thursday


def test_the_coalitions_stated_size_dates_an_undated_report() -> None:
    # 68 partners: between the 67th (July 2016) and the 72-member Coalition (July 2017);
    # the only Washington foreign ministers' meeting then
    (m,) = _rows(("a", None, "اختتم وزراء خارجية التحالف الدولي ضد داعش، الذي يضم 68 دولة، "
                             "اجتماعهم في واشنطن."))
    assert (m["chronology_id"], m["chronology_match"]) == (
        "2017-03-22-washington-ministerial", "place_and_people")
    # a size it had over several Washington ministerials (Feb 2019 to Jun 2020)
    (m,) = _rows(("b", None, "اختتم وزراء خارجية التحالف الدولي ضد داعش، الذي يضم 79 دولة، "
                             "اجتماعهم في واشنطن."))
    assert m["chronology_id"] is None
    # a size the article gives for the Coalition's founding says nothing of the meeting
    (m,) = _rows(("c", None, "اختتم وزراء خارجية التحالف الدولي ضد داعش اجتماعهم في واشنطن. "
                             "وكان التحالف يضم 60 دولة عند تأسيسه."))
    assert m["chronology_id"] is None


def test_many_states_taking_part_rule_out_a_small_meeting() -> None:
    # President Trump's terms leave the February 2019 ministerial and the November 2019
    # Small Group meeting of 31 delegations; 79 states taking part is the former
    text = ("شارك وزراء خارجية {n} دولة في الاجتماع الوزاري للتحالف الدولي ضد داعش في "
            "واشنطن، الذي ألقى فيه الرئيس الأمريكي دونالد ترامب كلمة.")
    (m,) = _rows(("a", None, text.format(n=79)))
    assert m["chronology_id"] == "2019-02-06-washington-ministerial"
    (m,) = _rows(("b", None, text.format(n=31)))
    assert m["chronology_id"] is None


def test_every_member_taking_part_rules_out_a_small_group_meeting() -> None:
    text = ("وألقى الرئيس الأمريكي دونالد ترامب كلمة أمام الاجتماع الوزاري للتحالف الدولي ضد "
            "داعش في واشنطن. وقد {verb} جميع الدول الأعضاء الـ74 {rest}.")
    (m,) = _rows(("a", None, text.format(verb="أوفدت", rest="ممثلين عنها")))
    assert m["chronology_id"] == "2019-02-06-washington-ministerial"
    assert (m["n_states"], m["n_states_qualifier"]) == (74, "exact")
    # invited is not present: the November 2019 Small Group meeting stays possible
    (m,) = _rows(("b", None, "وألقى الرئيس الأمريكي دونالد ترامب كلمة أمام الاجتماع الوزاري "
                             "للتحالف الدولي ضد داعش في واشنطن. وقد دعيت جميع الدول الأعضاء إلى "
                             "حضوره."))
    assert m["chronology_id"] is None


def test_a_level_read_from_a_visiting_minister_breaks_a_tie() -> None:
    # Gabriel's term: the March 2017 ministerial and the July 2017 senior officials'
    # meetings in Washington; a foreign minister came to the first
    (m,) = _rows(("a", None, "وشارك وزير الخارجية الألماني زيغمار غابرييل في اجتماع التحالف "
                             "الدولي ضد داعش المنعقد في واشنطن، وقال إن بلاده ستزيد دعمها."))
    assert m["chronology_id"] == "2017-03-22-washington-ministerial"
    assert "level_from_participants" in m["flags"]


def test_an_undated_working_group_meeting_is_never_placed_by_its_city_alone() -> None:
    # the chronology lists only some working-group meetings: a unique fit proves nothing
    (m,) = _rows(("b", None, "عقدت مجموعة عمل تحقيق الاستقرار التابعة للتحالف الدولي ضد داعش "
                             "اجتماعا في أبوظبي."))
    assert m["chronology_id"] is None and m["date_start"] is None


# 3. The same meeting named differently ---------------------------------------------------

def test_small_group_and_coalition_names_of_one_days_meeting_are_one_row() -> None:
    rows = _rows(
        ("a", D(2019, 11, 14), "عقدت المجموعة المصغرة للتحالف الدولي ضد داعش اجتماعا وزاريا "
                               "اليوم في واشنطن."),
        ("b", D(2019, 11, 15), "شارك وزير الخارجية العراقي أمس في اجتماع التحالف الدولي ضد "
                               "داعش في واشنطن."))
    (m,) = rows
    assert m["chronology_id"] == "2019-11-14-washington-small-group-ministerial"


def test_a_working_group_reading_of_a_ministerial_joins_it() -> None:
    rows = _rows(
        ("a", D(2024, 9, 30), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في "
                              "واشنطن."),
        ("b", D(2024, 10, 1), "شارك وزير الخارجية العراقي أمس في واشنطن في اجتماع مجموعة عمل "
                              "التحالف الدولي ضد داعش على المستوى الوزاري."))
    assert len({m["meeting_id"] for m in rows}) == 1


def test_a_level_read_from_a_minister_present_does_not_keep_a_report_from_its_meeting() -> None:
    # the text names no level; a foreign minister's presence makes the row ministerial,
    # which is no evidence against the working-level conference of that day
    (m,) = _rows(("a", D(2014, 11, 9), "عقد التحالف الدولي ضد داعش اليوم في المنامة اجتماعا "
                                       "لبحث مكافحة تمويل التنظيم، بحضور وزير الخارجية البحريني "
                                       "الشيخ خالد بن أحمد آل خليفة."))
    assert "level_from_participants" in m["flags"]
    assert m["chronology_id"] == "2014-11-09-bahrain-counter-finance-conference"


def test_a_meeting_recalled_in_a_sentence_keeps_its_own_level() -> None:
    # the chiefs of defence belong to the first meeting word; the defence ministers to the
    # meeting recalled after it
    text = ("عقد قادة جيوش دول التحالف الدولي ضد داعش اجتماعهم اليوم في الكويت. ويعد هذا "
            "الاجتماع الثامن من نوعه لقادة عسكريين من دول التحالف، ويأتي بعد أقل من أسبوعين على "
            "اجتماع موسع عقده في بروكسل وزراء دفاع الدول المنضوية فيه.")
    rows = _rows(("a", D(2016, 2, 22), text))
    brussels = next(m for m in rows if m["city_en"] == "Brussels")
    assert (brussels["level"], brussels["ministers"]) == ("ministerial", "defence")
    assert brussels["chronology_id"] == "2016-02-11-brussels-defence-ministers"


def test_a_donor_conference_and_the_next_days_ministerial_stay_two_meetings() -> None:
    rows = _rows(
        ("a", D(2016, 7, 20), "انطلق اليوم في واشنطن مؤتمر المانحين لدعم العراق."),
        ("b", D(2016, 7, 21), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في "
                              "واشنطن."))
    assert len(rows) == 2
    assert {m["body"] for m in rows} >= {"donor_conference"}


def test_defence_and_foreign_ministers_of_the_same_day_stay_two_meetings() -> None:
    rows = _rows(
        ("a", D(2017, 3, 22), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا اليوم في "
                              "واشنطن."),
        ("b", D(2017, 3, 22), "اجتمع وزراء دفاع التحالف الدولي ضد داعش اليوم في واشنطن."))
    assert len({m["meeting_id"] for m in rows}) == 2


# 4. The place known as a city, a country, a variant or not at all -------------------------

def test_country_and_city_of_one_meeting_are_one_row() -> None:
    rows = _rows(
        ("a", D(2018, 2, 13), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في "
                              "العاصمة الكويتية."),
        ("b", D(2018, 2, 14), "أكدت دولة الكويت، التي استضافت أمس اجتماع وزراء خارجية التحالف "
                              "الدولي ضد داعش، دعمها للعراق."))
    (m,) = rows
    assert m["n_reports"] == 2


def test_a_report_that_names_no_place_joins_the_chronology_meeting_of_its_day() -> None:
    rows = _rows(
        ("a", D(2017, 3, 22), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في "
                              "واشنطن."),
        ("b", D(2017, 3, 22), "أكد وزراء خارجية التحالف الدولي ضد داعش في اجتماعهم اليوم "
                              "مواصلة الحملة."))
    (m,) = rows
    assert m["city_en"] == "Washington" and m["n_reports"] == 2


def test_a_venues_variant_in_the_same_country_on_the_same_day_is_one_meeting() -> None:
    rows = _rows(
        ("a", D(2023, 11, 15), "عقدت مجموعة التركيز على أفريقيا التابعة للتحالف الدولي ضد داعش "
                               "اجتماعها اليوم في كوتونو."),
        ("b", D(2023, 11, 15), "عقدت مجموعة التركيز على أفريقيا التابعة للتحالف الدولي ضد داعش "
                               "اجتماعها اليوم في بورتو نوفو."))
    assert len({m["meeting_id"] for m in rows}) == 1


def test_the_same_day_in_two_countries_is_two_meetings() -> None:
    rows = _rows(
        ("a", D(2022, 3, 9), "عقد التحالف الدولي ضد داعش اجتماعا على مستوى المديرين السياسيين "
                             "اليوم في عمان."),
        ("b", D(2022, 3, 9), "عقد التحالف الدولي ضد داعش اجتماعا على مستوى المديرين السياسيين "
                             "اليوم في بغداد."))
    assert len(rows) == 2


# 5. One meeting twice in one article -------------------------------------------------------

def test_headline_and_body_naming_one_chronology_meeting_are_one_row() -> None:
    text = ("اجتماع مصغر للتحالف في الكويت\n"
            "عقدت المجموعة المصغرة للتحالف الدولي ضد داعش اليوم اجتماعا على مستوى المديرين "
            "السياسيين في العاصمة الكويتية.")
    out = facts(("a", D(2016, 4, 27), text))
    assert len(out["meetings"]) == 1
    assert len(out["meeting_reports"]) == 1


# Stable ids -------------------------------------------------------------------------------

CORPUS = [
    ("a", D(2017, 3, 22), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في واشنطن."),
    ("b", D(2019, 5, 7), "عقد التحالف الدولي ضد داعش اجتماعا اليوم في فيينا لبحث مكافحة تمويل "
                         "الإرهاب."),
    ("c", None, "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا في واشنطن."),
]
MORE = [
    ("d", D(2017, 3, 23), "اختتم وزراء خارجية التحالف الدولي ضد داعش أمس اجتماعهم في واشنطن."),
    ("a0", D(2019, 5, 8), "أكد التحالف الدولي ضد داعش في اجتماعه أمس في فيينا أهمية مكافحة "
                          "تمويل الإرهاب."),
    ("e", None, "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا في واشنطن."),
    ("f", D(2021, 6, 28), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في روما."),
]


def _ids_by_article(articles: list) -> dict[str, str]:
    return {r["article_id"]: r["meeting_id"] for r in facts(*articles)["meeting_reports"]}


def test_adding_articles_renames_no_existing_meeting() -> None:
    before = _ids_by_article(CORPUS)
    after = _ids_by_article(CORPUS + MORE)
    assert {a: after[a] for a in before} == before
    assert len(set(before.values())) == 3


def test_a_linked_meeting_is_named_by_its_chronology_key() -> None:
    ids = _ids_by_article(CORPUS + MORE)
    assert ids["a"] == ids["d"] == "2017-03-22-washington-ministerial"
    assert ids["f"] == "2021-06-28-rome-ministerial"


def test_an_unlinked_meeting_is_named_by_its_first_report() -> None:
    ids = _ids_by_article(CORPUS + MORE)
    assert ids["b"] == ids["a0"]  # one meeting, named after b, published first
    assert ids["b"].endswith("--b-0") and ids["b"].startswith("2019-05-07-vienna-")
    assert ids["c"] != ids["e"]  # undated, ambiguous: two rows, each its own name
