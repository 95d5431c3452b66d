"""Meetings as real news writes them: the Coalition and its meetings under other names,
places from GeoNames and from hosting verbs, the article (not the sentence) as the unit,
levels, dates and cross-article linking. Every text is written for these tests."""

from __future__ import annotations

import datetime as dt

from coalition_data.extract.dates import parse_date
from tests.articles_fixture import facts

PUB = dt.date(2017, 3, 21)  # a Tuesday


def _meetings(text: str, pub: dt.date | None = PUB, aid: str = "t") -> list[dict]:
    return facts((aid, pub, text))["meetings"]


def _one(text: str, pub: dt.date | None = PUB) -> dict:
    rows = _meetings(text, pub)
    assert len(rows) == 1, rows
    return rows[0]


# 1. The Coalition and the meeting named other ways -----------------------------------

def test_coalition_under_other_names_and_meeting_verbs() -> None:
    for text in (
        "التقى وزراء خارجية الائتلاف الدولي لمحاربة داعش اليوم في مدريد.",
        "انطلقت أعمال الاجتماع الوزاري للتحالف العالمي لدحر تنظيم الدولة الإسلامية اليوم في مدريد.",
        "اختتم التحالف المناهض لتنظيم داعش أعمال اجتماعه اليوم في مدريد.",
    ):
        m = _one(text)
        assert (m["body"], m["city_en"], m["date_start"]) == ("coalition", "Madrid", PUB), text


def test_working_group_named_without_a_meeting_word() -> None:
    text = ("ناقشت مجموعة العمل المعنية بالمقاتلين الإرهابيين الأجانب في التحالف الدولي ضد "
            "داعش اليوم في لاهاي سبل تبادل المعلومات.")
    m = _one(text)
    assert (m["body"], m["city_en"]) == ("working_group", "The Hague")


def test_video_link_is_a_virtual_meeting() -> None:
    m = _one("عقد وزراء التحالف الدولي ضد داعش اليوم اجتماعا عبر تقنية الفيديو.")
    assert m["is_virtual"] and m["city_en"] is None


# 2. Places ------------------------------------------------------------------------------

def test_city_after_madina_comes_from_geonames_with_coordinates() -> None:
    m = _one("عقد التحالف الدولي ضد داعش اليوم اجتماعا في مدينة فاس المغربية.")
    assert (m["city_en"], m["country_code"]) == ("Fes", "MA")
    assert 33 < m["latitude"] < 35 and -6 < m["longitude"] < -4


def test_place_as_subject_or_object_of_a_hosting_verb() -> None:
    cases = {
        "تستضيف أوسلو اليوم اجتماعا للتحالف الدولي ضد داعش.": ("Oslo", "NO"),
        "احتضنت العاصمة التركية أنقرة اليوم اجتماعا للتحالف الدولي ضد داعش.": ("Ankara", "TR"),
        "بولندا تستضيف اليوم اجتماعا للتحالف الدولي ضد داعش.": (None, "PL"),
        "اجتماع التحالف الدولي ضد داعش الذي تستضيفه لشبونة اليوم يبحث الاستقرار.": ("Lisbon", "PT"),
    }
    for text, (city, country) in cases.items():
        m = _one(text)
        assert (m["city_en"], m["country_code"]) == (city, country), text


def test_spelling_variant_with_an_extra_long_vowel() -> None:
    m = _one("عقد التحالف الدولي ضد داعش اجتماعا اليوم في بروكسيل.")
    assert m["city_en"] == "Brussels"


def test_common_nouns_are_not_cities() -> None:
    m = _one("عقد التحالف الدولي ضد داعش اجتماعا اليوم في ميدان التحرير لبحث دور الدولة.")
    # the text names no venue; the chronology's meeting of that day may supply one, flagged
    assert m["place_ar"] is None
    assert m["city_en"] is None or "place_from_chronology" in m["flags"]


def test_body_venue_wins_over_the_dateline() -> None:
    text = ("واشنطن - عقد وزراء التحالف الدولي ضد داعش اليوم اجتماعهم في الرباط.\n"
            "وبحث الوزراء سبل دعم الاستقرار.")
    assert _one(text)["city_en"] == "Rabat"


def test_amman_city_and_oman_country_are_told_apart() -> None:
    assert _one("عقد التحالف الدولي ضد داعش اجتماعا اليوم في العاصمة الأردنية عمان."
                )["country_code"] == "JO"
    assert _one("عقد التحالف الدولي ضد داعش اجتماعا اليوم في سلطنة عمان.")["country_code"] \
        == "OM"


# 3. The article is the unit -----------------------------------------------------------

def test_later_sentences_continue_the_main_meeting() -> None:
    text = ("بدأ وزراء خارجية التحالف الدولي ضد داعش اجتماعهم الثلاثاء.\n"
            "وفي ختام الاجتماع الذي استمر يومين في مدريد، أكد المشاركون مواصلة الحرب على التنظيم.")
    m = _one(text)
    assert (m["city_en"], m["date_start"], m["level"]) == ("Madrid", PUB, "ministerial")


def test_headline_and_body_report_one_meeting() -> None:
    text = ("التحالف ضد داعش يجتمع في أوتاوا\n"
            "والتقى وزراء التحالف الدولي وجها لوجه في أوتاوا الثلاثاء لبحث المرحلة المقبلة.")
    m = _one(text)
    assert (m["city_en"], m["date_start"]) == ("Ottawa", PUB)


def test_a_meeting_followed_up_is_another_meeting() -> None:
    text = ("عقد التحالف الدولي ضد داعش اجتماعا اليوم في بغداد لمتابعة نتائج الاجتماع الوزاري "
            "الذي عقد في الكويت في 13 فبراير 2017.")
    rows = sorted(_meetings(text), key=lambda r: r["date_start"])
    assert [(r["city_en"], r["date_start"]) for r in rows] == [
        ("Kuwait City", dt.date(2017, 2, 13)), ("Baghdad", PUB)]


def test_the_meeting_of_an_article_about_the_reception_of_one_guest_is_bilateral() -> None:
    text = ("استقبل رئيس الوزراء العراقي، اليوم الأحد، السفيرة الأمريكية لدى بغداد، وبحث معها "
            "ملف انسحاب قوات التحالف الدولي.\n\nوأكد رئيس الوزراء خلال اللقاء أهمية الانتقال "
            "إلى علاقات ثنائية مع دول التحالف.")
    assert _meetings(text) == []
    # a Coalition meeting named after a reception is still that meeting
    rows = _meetings("استقبل وزير الخارجية السفير الأمريكي.\n\nوعقد وزراء خارجية التحالف "
                     "الدولي ضد داعش اجتماعهم اليوم في روما.")
    assert [r["city_en"] for r in rows] == ["Rome"]


def test_a_dateline_with_the_agency_in_brackets_places_the_meeting() -> None:
    rows = facts(("t", PUB, "عنوان الخبر\n\nواشنطن (أ ف ب) - قال وزير الخارجية أمام ممثلي "
                            "الدول الأعضاء في التحالف الدولي ضد داعش المجتمعين اليوم إن "
                            "التنظيم خسر أراضيه.\n\nويأتي الاجتماع الوزاري بعد أشهر من "
                            "المعارك."))["meetings"]
    assert [(r["city_en"], "place_from_dateline" in r["flags"]) for r in rows] == [
        ("Washington", True)]


def test_a_meeting_of_a_states_own_council_is_no_coalition_meeting() -> None:
    assert _meetings("ترأس رئيس الوزراء العراقي اليوم اجتماعاً للمجلس الوزاري للأمن الوطني، "
                     "ناقش خلاله تنسيق الضربات الجوية مع التحالف الدولي ضد داعش.") == []
    assert _meetings("عقدت لجنة الأمن والدفاع النيابية اجتماعا اليوم بحضور ممثلين عن "
                     "التحالف الدولي ضد داعش.") == []


# 4. Levels and bodies -----------------------------------------------------------------

def _level(m: dict) -> tuple[str, str | None]:
    return m["level"], m["ministers"]


def test_levels_defence_ministers_and_chiefs_of_defence() -> None:
    """Defence ministers meet at ministerial level; whose ministers is its own column."""
    assert _level(_one("اجتمع وزراء دفاع دول التحالف الدولي ضد داعش اليوم في باريس.")) \
        == ("ministerial", "defence")
    assert _level(_one("اجتمع رؤساء أركان جيوش دول التحالف الدولي ضد داعش اليوم في الرياض.")) \
        == ("military_chiefs", None)
    assert _level(_one("عقد وزراء الخارجية وكبار المسؤولين في التحالف الدولي ضد داعش اجتماعا "
                       "اليوم في روما.")) == ("ministerial", "foreign")


def test_a_foreign_minister_first_named_by_surname_still_makes_it_ministerial() -> None:
    """A headline names the minister by surname; the body gives the title: the person
    keeps the title the article gives them anywhere."""
    m = _one("تيلرسون يحث التحالف على مضاعفة الجهود\n\nحث وزير الخارجية الأمريكي ريكس تيلرسون "
             "دول التحالف الدولي ضد داعش على مضاعفة الجهود، خلال اجتماع استضافته الرياض "
             "اليوم.")
    assert _level(m) == ("ministerial", "foreign")
    assert "level_from_participants" in m["flags"]


def test_foreign_and_defence_ministerials_of_the_same_days_stay_two_meetings() -> None:
    rows = facts(("a", PUB, "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا اليوم في "
                            "واشنطن."),
                 ("b", PUB, "اجتمع وزراء دفاع التحالف الدولي ضد داعش اليوم في واشنطن لبحث "
                            "الحملة العسكرية."))["meetings"]
    assert sorted(_level(r) for r in rows) == [("ministerial", "defence"),
                                               ("ministerial", "foreign")]
    assert len({r["meeting_id"] for r in rows}) == 2


def test_conference_to_support_a_country_is_a_donor_conference() -> None:
    m = _one("انطلق اليوم في برلين المؤتمر الدولي لدعم العراق بمشاركة وزراء من 40 دولة.")
    assert m["body"] == "donor_conference"


def test_not_coalition_meetings() -> None:
    texts = (
        "عقد التحالف بقيادة السعودية في اليمن اجتماعا اليوم في الرياض لبحث الوضع في عدن.",
        "عقد التحالف الإسلامي العسكري لمحاربة الإرهاب اجتماعا اليوم في الرياض ضد داعش.",
        "التقى وزير الخارجية الأمريكي نظيره الفرنسي اليوم في باريس لبحث الحرب على داعش.",
        "عقد مجلس الأمن الدولي جلسة اليوم في نيويورك حول خطر داعش.",
        # one party meeting the Coalition's commander or representatives
        "اجتمع الرئيس العراقي اليوم مع قائد قوات التحالف الدولي ضد داعش في بغداد.",
        "عقدت قيادة العمليات المشتركة اجتماعا اليوم مع ممثلي التحالف الدولي ضد داعش في "
        "بغداد.",
    )
    for text in texts:
        assert [r for r in _meetings(text) if r["body"] in (
            "coalition", "small_group", "working_group")] == [], text


def test_tatweel_does_not_hide_a_meeting() -> None:
    m = _one("عقد وزراء التحالف الدولي ضد داعـش الاجتمـاع الوزاري اليوم في روما.")
    assert (m["body"], m["city_en"]) == ("coalition", "Rome")


# 5. Dates -------------------------------------------------------------------------------

def test_two_day_spans() -> None:
    d = parse_date("يومي 7 و8 حزيران 2016")
    assert (d.start, d.end) == (dt.date(2016, 6, 7), dt.date(2016, 6, 8))
    d = parse_date("من 12 إلى 14 فبراير 2017")
    assert (d.start, d.end) == (dt.date(2017, 2, 12), dt.date(2017, 2, 14))


def test_planned_meeting_on_a_bare_weekday_lies_ahead() -> None:
    m = _one("يعقد وزراء التحالف الدولي ضد داعش اجتماعهم في لندن الخميس.", PUB)
    assert (m["status"], m["date_start"]) == ("planned", dt.date(2017, 3, 23))


def test_hijri_and_numeric_dates() -> None:
    assert parse_date("10 رجب 1437هـ").start == dt.date(2016, 4, 17)
    assert parse_date("في 10/5/2016").start == dt.date(2016, 5, 10)
    assert parse_date("بتاريخ 2016-05-10").start == dt.date(2016, 5, 10)


def test_day_month_without_year_takes_the_publication_year() -> None:
    m = _one("عقد التحالف الدولي ضد داعش اجتماعا في روما يوم 20 مارس.")
    assert m["date_start"] == dt.date(2017, 3, 20)


def test_founding_year_is_not_the_meeting_date() -> None:
    m = _one("عقد التحالف الدولي ضد داعش، الذي تأسس عام 2014، اجتماعا في روما.", None)
    assert m["date_start"] is None


# 6. Linking across articles -----------------------------------------------------------

def test_undated_meetings_of_different_articles_stay_apart() -> None:
    text = "عقد التحالف الدولي ضد داعش اجتماعا وزاريا في واشنطن."
    out = facts(("a", None, text), ("b", None, text))
    assert len(out["meetings"]) == 2


def test_meetings_of_different_years_are_never_merged() -> None:
    out = facts(("a", dt.date(2017, 3, 22), "اجتمع وزراء التحالف الدولي ضد داعش أمس في واشنطن."),
                ("b", dt.date(2024, 10, 1), "اجتمع وزراء التحالف الدولي ضد داعش أمس في واشنطن."))
    assert sorted(r["date_start"].year for r in out["meetings"]) == [2017, 2024]


def test_a_meeting_announced_and_then_reported_held_is_one_meeting() -> None:
    before = ("a", dt.date(2018, 2, 10), "يعقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم "
                                         "في الكويت في 13 فبراير الجاري بحضور 70 دولة.")
    after = ("b", dt.date(2018, 2, 13), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم "
                                        "اليوم في الكويت بحضور 74 دولة.")
    out = facts(before, after)
    (m,) = out["meetings"]
    assert (m["status"], m["n_reports"], m["n_states"]) == ("held", 2, 74)  # who came
    assert sorted(r["status_in_article"] for r in out["meeting_reports"]) == ["held", "planned"]
    # without a city on both sides (and no chronology meeting those days to link both to),
    # an announcement and a report stay apart
    before = ("a", dt.date(2018, 3, 10), "يعقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم "
                                         "في الكويت في 13 مارس الجاري بحضور 70 دولة.")
    vague = ("c", dt.date(2018, 3, 13), "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم "
                                        "اليوم.")
    assert len(facts(before, vague)["meetings"]) == 2


# 7. The chronology ---------------------------------------------------------------------

def test_dated_meeting_links_to_the_chronology() -> None:
    m = _one("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في واشنطن.",
             dt.date(2017, 3, 22))
    assert (m["chronology_id"], m["chronology_match"]) == (
        "2017-03-22-washington-ministerial", "date_and_place")


def test_chronology_dates_a_meeting_the_text_leaves_open() -> None:
    m = _one("وكان وزراء دفاع التحالف الدولي ضد داعش قد اجتمعوا في شتوتغارت الألمانية.",
             dt.date(2016, 5, 20))
    assert m["chronology_id"] == "2016-05-04-stuttgart-defence-ministers"
    assert (m["date_start"], m["date_method"]) == (dt.date(2016, 5, 4), "chronology")
    assert "date_from_chronology" in m["flags"]


def test_two_foreign_ministers_taking_part_make_a_ministerial() -> None:
    text = ("عقد التحالف الدولي ضد داعش اجتماعا اليوم في روما.\n"
            "وقال وزير الخارجية الإيطالي لويجي دي مايو إن الحملة مستمرة.\n"
            "وأكد وزير الخارجية العراقي فؤاد حسين دعم بلاده.")
    assert _one(text)["level"] == "ministerial"


def test_one_foreign_minister_taking_part_makes_a_ministerial_and_says_so() -> None:
    m = _one("شهدت العاصمة الإيطالية روما أمس لقاء لدول التحالف الدولي ضد داعش.\n"
             "وكان وزير الخارجية الأردني أيمن الصفدي بين الحاضرين.")
    assert m["level"] == "ministerial" and "level_from_participants" in m["flags"]
    # a deputy minister does not make one, nor does one minister at a working group's meeting
    m = _one("شهدت العاصمة الإيطالية روما أمس لقاء لدول التحالف الدولي ضد داعش.\n"
             "وكان نائب وزير الخارجية الأردني أيمن الصفدي بين الحاضرين.")
    assert m["level"] == "unknown" and "level_not_stated" in m["flags"]
    m = _one("اجتمعت مجموعة العمل الخاصة بمكافحة تمويل داعش في التحالف الدولي أمس في روما.\n"
             "وكان وزير الخارجية الإيطالي أنطونيو تاياني بين الحاضرين.")
    assert m["level"] == "working_level"


def test_number_of_states_in_words_or_as_a_total() -> None:
    assert _one("شارك ممثلو ثلاثين دولة في اجتماع التحالف الدولي ضد داعش اليوم في باريس."
                )["n_states"] == 30
    assert _one("عقد التحالف الدولي ضد داعش، البالغ عددها 74، اجتماعه اليوم في الكويت."
                )["n_states"] == 74
    assert _one("وحضر اجتماع التحالف الدولي ضد داعش في باريس اليوم 28 من أعضاء التحالف."
                )["n_states"] == 28
    assert _one("التقى شركاء التحالف الدولي ضد داعش الـ 86 في اجتماع اليوم في روما."
                )["n_states"] == 86  # "the 86 partners"
    # a number word inside another word is none: ترأست = ترأ + "ست" (six)
    assert _one("ترأست دولة الإمارات اجتماع التحالف الدولي ضد داعش اليوم في أبوظبي."
                )["n_states"] is None


def test_the_n_states_present_in_a_sentence_without_a_meeting_word() -> None:
    m = _one("قال الوزير أمام ممثلي الدول الـ79 الأعضاء في التحالف الدولي ضد داعش اليوم إن "
             "التنظيم خسر أراضيه.\nوعقد الاجتماع الوزاري في واشنطن.")
    assert (m["n_states"], m["n_states_qualifier"]) == (79, "exact")


def test_number_of_states_said_in_a_sentence_of_its_own() -> None:
    m = _one("عقد التحالف الدولي ضد داعش اجتماعه اليوم في باريس.\n"
             "وقد حضرت أربعاً وثلاثين دولة إلى العاصمة الفرنسية.")
    assert (m["n_states"], m["n_states_qualifier"]) == (34, "exact")
    # a count said of another meeting named beside it is not this meeting's
    rows = _meetings("عقد التحالف الدولي ضد داعش اجتماعه اليوم في باريس.\n"
                     "وكان مؤتمر المانحين في لندن قد شهد مشاركة 60 دولة.")
    main = next(m for m in rows if m["body"] == "coalition")
    assert main["n_states"] is None


def test_working_group_meets_at_working_level() -> None:
    m = _one("عقدت مجموعة العمل المعنية بالاستقرار في التحالف الدولي ضد داعش اجتماعها اليوم "
             "في برلين.")
    assert (m["body"], m["level"]) == ("working_group", "working_level")


def test_week_relative_dates_and_future_plural_verbs() -> None:
    m = _one("قال مسؤولون إن وزراء دفاع دول التحالف الدولي ضد داعش سيجتمعون في بروكسل "
             "الأسبوع المقبل.", dt.date(2016, 2, 10))
    assert (m["status"], m["city_en"], m["level"], m["ministers"]) == (
        "planned", "Brussels", "ministerial", "defence")
    assert (m["date_start"], m["date_end"]) == (dt.date(2016, 2, 15), dt.date(2016, 2, 21))


def test_sessions_of_one_named_meeting_and_days_of_the_current_month() -> None:
    m = _one("تستضيف العاصمة الأردنية عمان يومي 12 و13 من الشهر الجاري اجتماعات مجموعة عمل "
             "التحالف الدولي المعنية بمكافحة تمويل داعش، بمشاركة خبراء من 30 دولة.",
             dt.date(2018, 2, 5))
    assert (m["body"], m["city_en"], m["status"]) == ("working_group", "Amman", "planned")
    assert (m["date_start"], m["date_end"], m["n_states"]) == (
        dt.date(2018, 2, 12), dt.date(2018, 2, 13), 30)


def test_a_bare_coalition_with_the_organisation_as_context() -> None:
    m = _one("قال وزير الخارجية الأمريكي جون كيري في مؤتمر صحفي عقب اجتماع التحالف في لندن إن "
             "التنظيم خسر 700 كيلومتر مربع.", dt.date(2015, 1, 23))
    assert (m["body"], m["city_en"]) == ("coalition", "London")


def test_a_federal_state_gives_the_venue_country_and_never_a_homonym_country() -> None:
    m = _one("عقد رؤساء أركان جيوش دول التحالف الدولي ضد داعش اجتماعا اليوم في قاعدة عسكرية "
             "بولاية فلوريدا.")
    assert (m["country_code"], m["city_en"]) == ("US", None)
    m = _one("وعقد ممثلو التحالف الدولي ضد داعش اجتماعهم اليوم في مركز بولاية جورجيا.")
    assert m["country_code"] == "US"  # the state, not the country Georgia (GE)


def test_a_body_meeting_at_a_states_invitation_is_no_bilateral_talk() -> None:
    rows = facts(("t", PUB, "عقدت مجموعة العمل الخاصة بإفريقيا في التحالف الدولي ضد داعش "
                            "اجتماعها أمس بدعوة من جمهورية غانا."))
    assert [m["body"] for m in rows["meetings"]] == ["working_group"]
    hosts = {(p["represents"], p["participation"]) for p in rows["participants"]}
    assert ("GH", "hosted") in hosts


def test_a_meeting_called_for_is_planned_and_one_with_its_dated_report() -> None:
    rows = _meetings("واشنطن تدعو لاجتماع وزاري للتحالف ضد داعش\n\nدعت الولايات المتحدة "
                     "وزراء خارجية الدول الأعضاء في التحالف الدولي ضد داعش إلى اجتماع يعقد "
                     "في واشنطن في السادس من أبريل المقبل.")
    assert [(r["status"], r["date_start"]) for r in rows] == [
        ("planned", dt.date(2017, 4, 6))]


def test_the_same_day_stated_in_full_is_the_evidence_of_the_date() -> None:
    m = _one("شاركت المملكة في اجتماع المديرين السياسيين للتحالف الدولي ضد داعش الذي عقد في "
             "بروكسل يوم الخميس 19 شعبان 1444هـ الموافق 9 مارس 2023م.", dt.date(2023, 3, 10))
    assert (m["date_start"], m["date_method"]) == (dt.date(2023, 3, 9), "stated")
    assert "date_relative_to_publication" not in (m["flags"] or "")


def test_a_meeting_said_to_last_two_days_is_an_interval() -> None:
    m = _one("بدأ رؤساء أركان جيوش دول التحالف الدولي ضد داعش اجتماعا في عمّان اليوم "
             "الثلاثاء، يستمر يومين.")
    assert (m["date_start"], m["date_end"], m["date_precision"]) == (
        PUB, PUB + dt.timedelta(days=1), "interval")
    assert m["meeting_id"].startswith(f"{PUB.isoformat()}-to-")


def test_a_meeting_known_by_its_city_with_a_date_of_its_own_is_another_meeting() -> None:
    rows = _meetings("اجتمع وزراء خارجية التحالف الدولي ضد داعش في بروكسل يوم الخميس 20 "
                     "ديسمبر 2018، وهو الاجتماع الثاني لهم هذا العام بعد اجتماع الكويت الذي "
                     "عقد في فبراير الماضي.", dt.date(2018, 12, 21))
    assert sorted((r["city_en"], r["date_start"], r["date_precision"]) for r in rows) == [
        ("Brussels", dt.date(2018, 12, 20), "day"),
        ("Kuwait City", dt.date(2018, 2, 1), "month")]


def test_the_pledges_of_a_donor_conference_article_are_that_conferences() -> None:
    out = facts(("t", dt.date(2018, 2, 14),
                 "اختتم مؤتمر الكويت الدولي لإعادة إعمار العراق أعماله اليوم.\n\nوتعهدت "
                 "تركيا بتقديم 5 مليارات دولار على شكل قروض."))
    (conference,) = out["meetings"]
    assert conference["body"] == "donor_conference"
    assert [(p["donor"], p["meeting_id"]) for p in out["pledges"]] == [
        ("TR", conference["meeting_id"])]


def test_the_donor_states_make_a_conference_a_donor_conference() -> None:
    m = _one("أعلن الوزير أن الدول المانحة تعهدت بمليار دولار للعراق في مؤتمر عقد أمس في "
             "باريس، في إطار الحرب على تنظيم داعش.")
    assert (m["body"], m["city_en"]) == ("donor_conference", "Paris")


def test_the_conference_of_a_donor_article_is_that_conference() -> None:
    rows = _meetings("أعلنت النمسا تقديم مساعدات جديدة قبيل مؤتمر المانحين لدعم العراق في "
                     "مواجهة تنظيم داعش.\nويسعى المؤتمر، الذي تستضيفه العاصمة فيينا، إلى جمع "
                     "مليار دولار.", pub=None)
    assert [(m["body"], m["city_en"]) for m in rows] == [("donor_conference", "Vienna")]


def test_a_conference_named_after_its_city_is_placed_there() -> None:
    rows = _meetings("وقال الوزير إن اجتماع وزراء التحالف الدولي ضد داعش يعقد في عمان غدا، "
                     "ويتزامن مع مؤتمر بروكسل الدولي لإعادة إعمار سوريا.")
    donor = [m for m in rows if m["body"] == "donor_conference"]
    assert [m["city_en"] for m in donor] == ["Brussels"]
    m = _one("عقد وزراء التحالف الدولي ضد داعش اجتماع طارئ أمس.")
    assert m["city_en"] is None  # an adjective after the noun is no place


def test_the_day_of_a_statement_does_not_date_the_coming_meeting() -> None:
    pub = dt.date(2018, 2, 11)  # a Sunday
    m = _one("وأدلى الوزير بهذه التصريحات اليوم الأحد، خلال لقائه سفراء الدول الأعضاء، حيث "
             "شدد على أهمية الاجتماع الوزاري المقبل للتحالف الدولي ضد داعش في روما يوم 13 "
             "فبراير الجاري.", pub)
    assert (m["date_start"], m["status"]) == (dt.date(2018, 2, 13), "planned")
    rows = _meetings("وقال الوزير اليوم إن الاجتماع المقبل للتحالف الدولي ضد داعش سيبحث "
                     "تمويل التنظيم.", pub)
    assert all(m["date_start"] != pub for m in rows)  # "the coming meeting" is not today
    assert all(m["status"] == "planned" for m in rows)


def test_talks_with_one_counterpart_about_the_meeting_are_no_second_meeting() -> None:
    rows = _meetings("أجرى وزير الخارجية الأردني أمس محادثات عبر الاتصال المرئي مع وزيرة "
                     "الخارجية السويدية، أكدت خلالها أنها ستحضر الاجتماع الوزاري للتحالف "
                     "الدولي ضد داعش في عمان يوم 11 مايو المقبل.")
    assert [(m["city_en"], m["date_start"]) for m in rows] == [("Amman", dt.date(2017, 5, 11))]


def test_a_year_something_was_launched_does_not_date_the_meeting() -> None:
    pub = dt.date(2024, 10, 1)
    rows = _meetings("اجتمع وزراء خارجية التحالف الدولي ضد داعش أمس في واشنطن.\n"
                     "وأوضح الوزير، أمام الاجتماع الذي تشارك فيه وفود 80 دولة، أن فرنسا "
                     "وكندا أطلقتا سنة 2019 مبادرة لدعم دول الساحل ضمن التحالف.", pub)
    assert [(m["city_en"], m["date_start"]) for m in rows] == [
        ("Washington", dt.date(2024, 9, 30))]


def test_tomorrow_an_appointment_or_a_date_next_month_is_planned() -> None:
    for text in (
        "رؤساء أركان جيوش دول التحالف الدولي ضد داعش يلتقون غداً في الرياض.",
        "مدريد على موعد مع اجتماع التحالف الدولي ضد داعش.",
        "في 12 مايو المقبل، تستقبل مدينة مدريد اجتماعا للتحالف الدولي ضد داعش.",
    ):
        assert _one(text, pub=None)["status"] == "planned", text


def test_a_working_group_named_across_a_line_break_or_in_the_singular() -> None:
    # a text wrapped at a fixed width, as wire copy often is
    m = _one("أوتاوا 20 مارس 2017 (وكالات) في إطار التحالف الدولي ضد تنظيم داعش\n"
             "ترأست كندا والنرويج معا في العاصمة الكندية الاجتماع الثالث لمجموعة\n"
             "العمل المعنية بتحقيق الاستقرار في المناطق المحررة من التنظيم في\n"
             "العراق وسوريا. وقالت وزارة الخارجية الكندية في بيان صدر اليوم إن\n"
             "العاصمة أوتاوا كانت مقرا للاجتماع الذي حضرته عشرون دولة ومعها عدد\n"
             "من المنظمات متعددة الأطراف التي تدعم جهود إعادة الاستقرار هناك.")
    assert (m["body"], m["level"]) == ("working_group", "working_level")
    m = _one("احتضنت أوتاوا أمس الاجتماع التاسع لمجموعة الاتصال الاستراتيجي في التحالف "
             "الدولي ضد داعش.")
    assert m["body"] == "working_group"


def test_in_wire_copy_a_single_line_break_reads_as_a_space_with_offsets_kept() -> None:
    from coalition_data.extract.doc import Doc

    text = ("روما 20 مارس 2017 (وكالات) عقد وزراء خارجية الدول الأعضاء في المجموعة\n"
            "المصغرة للتحالف الدولي ضد تنظيم داعش اجتماعهم أمس في العاصمة روما\n"
            "لبحث سبل دعم العراق في معركة استعادة الموصل من قبضة التنظيم وذلك\n"
            "بحضور ممثلين عن الأمم المتحدة والاتحاد الأوروبي. وقال وزير الخارجية\n"
            "الإيطالي في مؤتمر صحفي إن الاجتماع بحث أيضا ملف المقاتلين الأجانب\n\n"
            "الذين يعودون إلى بلدانهم بعد هزيمة التنظيم في المناطق التي احتلها.")
    doc = Doc("t", text, None)
    assert doc.hard_wrapped and "وزير الخارجيه\u0020الايطالي" in doc.folded
    assert "\n\n" in doc.folded  # a paragraph break stays one
    start = doc.folded.index("وزير الخارجيه")
    assert doc.evidence(start, start + len("وزير الخارجيه الايطالي")).quote == (
        "وزير الخارجية\nالإيطالي")  # the quote is the text as written


def test_any_name_may_be_wrapped_across_lines_in_wire_copy() -> None:
    m = _one("روما 20 مارس 2017 (وكالات) عقد وزراء خارجية الدول الأعضاء في المجموعة\n"
             "المصغرة للتحالف الدولي ضد تنظيم داعش اجتماعهم أمس في العاصمة روما\n"
             "لبحث سبل دعم العراق في معركة استعادة الموصل من قبضة التنظيم وذلك\n"
             "بحضور ممثلين عن الأمم المتحدة والاتحاد الأوروبي. وقال وزير الخارجية\n"
             "الإيطالي في مؤتمر صحفي إن الاجتماع بحث أيضا ملف المقاتلين الأجانب\n"
             "الذين يعودون إلى بلدانهم بعد هزيمة التنظيم في المناطق التي احتلها.")
    assert (m["body"], m["level"], m["city_en"]) == ("small_group", "ministerial", "Rome")


def test_the_next_meeting_with_a_place_is_a_planned_row_never_dated_in_the_past() -> None:
    rows = _meetings("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم أمس في الكويت.\n"
                     "ومن المقرر أن يعقد الاجتماع المقبل في روما.",
                     dt.date(2018, 2, 14))
    rome = [m for m in rows if m["city_en"] == "Rome"]
    assert [(m["status"], m["body"]) for m in rome] == [("planned", "coalition")]
    # the chronology's Rome meeting of 13 February 2018 was over by publication: a planned
    # meeting cannot be it
    assert rome[0]["chronology_id"] is None and rome[0]["date_start"] is None


def test_a_small_format_meeting_of_the_coalition_is_the_small_group() -> None:
    assert _one("يلتئم التحالف الدولي ضد داعش في اجتماع مصغر تستضيفه مدريد.")["body"] == (
        "small_group")
    assert _one("الوزير يغيب عن اجتماع باريس المصغر للتحالف الدولي ضد داعش.")["body"] == (
        "small_group")


def test_a_place_that_convenes_or_awaits_the_meeting_is_its_venue() -> None:
    m = _one("وبحسب الوكالة فإن مدينة جدة ستجمع يوم الخميس دول الخليج في اجتماع للتحالف "
             "الدولي ضد داعش.")
    assert (m["city_en"], m["country_code"]) == ("Jeddah", "SA")
    m = _one("تكون المملكة الأردنية على موعد مع اجتماع للتحالف الدولي ضد داعش.")
    assert m["country_code"] == "JO"
