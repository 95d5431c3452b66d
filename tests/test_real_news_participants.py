"""Who took part, what was pledged and which resolutions were cited, as real news writes
them. Every text is written for these tests."""

from __future__ import annotations

import datetime as dt

from coalition_data.extract.doc import Doc
from coalition_data.extract.people import find_people
from tests.articles_fixture import facts

PUB = dt.date(2019, 2, 7)
OPENING = "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم أمس في واشنطن.\n"


def _rows(text: str, pub: dt.date | None = PUB) -> dict[str, list[dict]]:
    return facts(("t", pub, OPENING + text))


def _people(text: str) -> dict[str, dict]:
    return {r["name_ar"]: r for r in _rows(text)["participants"] if r["kind"] == "person"}


def _states(text: str) -> set[str]:
    return {r["represents"] for r in _rows(text)["participants"] if r["kind"] == "state"}


GROUP_OPENING = ("عقدت مجموعة العمل الخاصة بتحقيق الاستقرار في التحالف الدولي ضد داعش "
                 "اجتماعها أمس في روما.\n")


def _group_states(text: str) -> set[str]:
    """States taking part in a working group's meeting (whose chairs are participants)."""
    rows = facts(("t", PUB, GROUP_OPENING + text))["participants"]
    return {r["represents"] for r in rows if r["kind"] == "state"}


def _names(text: str) -> list[str]:
    return [p.name for p in find_people(Doc("t", text, PUB))]


# 1. Chairs and hosts -------------------------------------------------------------------

def test_chair_named_after_bi_riasat() -> None:
    people = _people("وجرى الاجتماع برئاسة وزير الخارجية الهولندي ستيف بلوك.")
    row = people["ستيف بلوك"]
    assert (row["participation"], row["represents"]) == ("chaired", "NL")


def test_the_patron_of_a_meeting_hosts_it() -> None:
    people = _people("وعقد الاجتماع برعاية وزير الخارجية الأمريكي مايك بومبيو.")
    assert people["مايك بومبيو"]["participation"] == "hosted"


def test_the_place_before_a_hosting_or_gathering_verb_hosts_for_its_state() -> None:
    for text in ("السعودية تستضيف اليوم اجتماعا للتحالف الدولي ضد داعش في جدة.",
                 "جدة ستجمع الخميس دول التحالف الدولي ضد داعش في اجتماع.",
                 "تكون المملكة العربية السعودية على موعد مع اجتماع للتحالف الدولي ضد داعش.",
                 "وجاء اختيار السعودية لاستضافة اجتماع التحالف الدولي ضد داعش بطلب أمريكي."):
        rows = facts(("t", PUB, text))["participants"]
        assert [(r["participant_key"], r["participation"]) for r in rows] == [
            ("state:sa", "hosted")], text


def test_a_delegation_headed_by_someone_takes_part_without_chairing() -> None:
    rows = _rows("وشارك وفد عراقي برئاسة السفير العراقي لدى واشنطن فريد ياسين، فيما ألقى "
                 "نائب وزير الخارجية الأمريكي كلمة افتتاحية.")["participants"]
    got = {r["participant_key"]: (r["participation"], r["role_ar"]) for r in rows
           if r["article_id"] == "t"}
    assert got["state:iq"][0] == "attended"  # "وشارك وفد عراقي": no object, the meeting
    person = got["person:ar-fryd-ysyn"]  # the seat is part of the title, not the name
    assert person == (person[0], "السفير العراقي لدى واشنطن") and person[0] != "chaired"
    assert not any("klmh" in k for k in got)  # "كلمة افتتاحية" is a speech, not a name


def test_a_person_whose_title_names_an_organisation_represents_it() -> None:
    people = _people("كما شارك في الاجتماع الممثل الأعلى للسياسة الخارجية في الاتحاد "
                     "الأوروبي فلان الفلاني.")
    assert people["فلان الفلاني"]["represents"] == "EU"


def test_li_before_al_joins_a_country_name() -> None:
    rows = facts(("t", PUB, "عقدت مجموعة العمل الخاصة بأفريقيا في التحالف الدولي ضد داعش "
                            "اجتماعها أمس في الرباط، برئاسة مشتركة للمغرب وإيطاليا والنيجر."))
    assert {r["represents"]: r["participation"] for r in rows["participants"]} == {
        "MA": "chaired", "IT": "chaired", "NE": "chaired"}


# 2. Person spans -----------------------------------------------------------------------

def test_names_stop_at_verbs_weekdays_and_nouns() -> None:
    assert _names("قال وزير الخارجية الأمريكي مايك بومبيو الأربعاء إن الحملة مستمرة.") == [
        "مايك بومبيو"]
    assert _names("وأعلن وزير الخارجية اللبناني جبران باسيل سينضم إلى الاجتماع.") == [
        "جبران باسيل"]
    assert _names("وأكد رئيس الوزراء العراقي حيدر العبادي عزمه مواصلة القتال.") == [
        "حيدر العبادي"]


def test_a_departments_name_is_part_of_the_title_not_a_person() -> None:
    assert _names("أكد سالم الكعبي، مدير إدارة تخطيط السياسات في وزارة الخارجية، أن") == [
        "سالم الكعبي"]
    assert _names("وقال مدير مكتب الوزير خالد العتيبي إن الاجتماع مهم.") == ["خالد العتيبي"]


def test_a_third_name_word_where_the_name_visibly_ends() -> None:
    assert _names("وأكد وزير الخارجية الكندي فرانسوا فيليب شامبين، أن بلاده ملتزمة.") == [
        "فرانسوا فيليب شامبين"]
    assert _names("وقال وزير الخارجية البلجيكي ديدييه ريندرز أن التحالف باق.") == [
        "ديدييه ريندرز"]
    # without such an end a third word is read only as a family name (ال...)
    assert _names("وحضر وزير الخارجية جون بيتر الاجتماع.") == ["جون بيتر"]


def test_a_person_someone_else_stood_in_for_did_not_take_part() -> None:
    people = _people("وشاركت فيكتوريا نولاند، وكيلة وزارة الخارجية الأمريكية، في الاجتماع "
                     "نيابة عن وزير الخارجية أنتوني بلينكن.")
    assert list(people) == ["فيكتوريا نولاند"]
    people = _people("وترأست الوفد الأمريكي سامنثا باور التي تنوب عن الوزير جون كيري.")
    assert "جون كيري" not in people


def test_ali_in_a_name_and_the_preposition_ala() -> None:
    # folded, both are "علي": the text tells them apart by its last letter
    assert _names("وقال أحمد علي حسين، وزير الخارجية العراقي، إن الاجتماع مهم.") == [
        "احمد علي حسين"]
    assert _names("وشارك وزير الخارجية أحمد علي في الاجتماع.") == ["احمد علي"]
    assert _names("وأكد وزير الخارجية سامح شكري على أهمية التعاون.") == ["سامح شكري"]


def test_a_verbal_noun_or_a_meeting_word_is_no_part_of_a_name() -> None:
    assert _names("ويكتفي الوزير الأميركي بمتابعة المداولات عن بعد.") == []
    assert _names("وحضر السفير محمد الكعبي الاجتماع.") == ["محمد الكعبي"]


def test_a_name_after_an_honorific_with_the_office_held_after_it() -> None:
    people = _people("وقاد الوفد الكندي إلى الاجتماع سعادة جان بيير لافوا، الذي يشغل منصب "
                     "مساعد وزير الخارجية للشؤون الأمنية.")
    assert list(people) == ["جان بيير لافوا"]
    assert people["جان بيير لافوا"]["role_ar"].startswith("مساعد وزير الخارجية")


def test_moderating_the_sessions_is_chairing() -> None:
    people = _people("أما جلسات الاجتماع فأدارها كل من سالم الكعبي، مدير إدارة الأمن في "
                     "وزارة الخارجية، والسفير ديفيد براون.")
    assert {k: v["participation"] for k, v in people.items()} == {
        "سالم الكعبي": "chaired", "ديفيد براون": "chaired"}


def test_yarasu_chairs_the_meeting_but_heading_a_delegation_is_attending() -> None:
    people = _people("ويرأس الاجتماع وزير الخارجية الإيطالي لويجي دي مايو ووزير الخارجية "
                     "الأمريكي أنتوني بلينكن.\nويرأس وفد الأردن وزير الخارجية أيمن الصفدي. "
                     "وتحضر الجامعة العربية بوفد يرأسه السفير حسام زكي.")
    assert {k: v["participation"] for k, v in people.items()} == {
        "لويجي دي مايو": "chaired", "أنتوني بلينكن": "chaired",
        "أيمن الصفدي": "attended", "حسام زكي": "attended"}


def test_bare_titles_and_bodies_are_not_people() -> None:
    assert _names("وقال وزير الدفاع إن رئاسة الأركان والمجلس والوزارة يتابعون الملف.") == []
    assert _names("وشدد وزير الشؤون الخارجية على أهمية التنسيق.") == []


def test_family_names_and_particles() -> None:
    assert _names("وقال نائب رئيس الوزراء صباح خالد الحمد الصباح إن الاجتماع مهم.") == [
        "صباح خالد الحمد الصباح"]
    assert _names("وقال وزير الخارجية الإيطالي لويجي دي مايو إن روما مستعدة.") == [
        "لويجي دي مايو"]


# 3. Who is not a participant -----------------------------------------------------------

def test_spokesperson_cited_president_and_absent_minister_are_not_participants() -> None:
    people = _people(
        "وقال المتحدث باسم وزارة الخارجية نيد برايس للصحفيين إن الاجتماع كان ناجحا.\n"
        "وأشار الوزير إلى أن الرئيس دونالد ترامب يتابع الحملة.\n"
        "وغاب وزير الخارجية الكندي مارك غارنو عن الاجتماع بسبب المرض.\n"
        "وقال وزير الخارجية الأسترالي ماريز باين إن بلاده ملتزمة بالتحالف.")
    assert set(people) == {"ماريز باين"}


def test_announced_head_of_delegation_joins_the_planned_meeting() -> None:
    out = facts(("t", PUB, "يترأس وزير الخارجية المصري سامح شكري وفد بلاده إلى الاجتماع "
                           "الوزاري للتحالف الدولي ضد داعش الذي يعقد في روما الخميس المقبل."))
    people = [r for r in out["participants"] if r["kind"] == "person"]
    meeting = out["meetings"][0]
    assert meeting["status"] == "planned"
    assert [r["name_ar"] for r in people] == ["سامح شكري"]


# 4. People outside the registry, both title orders, surnames later ---------------------

def test_name_first_with_title_in_apposition() -> None:
    people = _people("وقال كاسبار فيلدكامب، وزير الخارجية الهولندي، إن لاهاي ستواصل دعمها.")
    row = people["كاسبار فيلدكامب"]
    assert row["represents"] == "NL" and not row["in_registry"]
    assert row["participant_key"].startswith("person:ar-")


def test_surname_alone_later_makes_a_titled_person_a_participant() -> None:
    people = _people("وكان وزير الخارجية الدنماركي لارس راسموسن قد وصل إلى واشنطن صباحا.\n"
                     "وأكد راسموسن أن بلاده ستواصل المشاركة.")
    assert people["لارس راسموسن"]["participation"] == "spoke"


def test_a_counterpart_holds_the_office_of_the_person_before_for_their_own_country() -> None:
    people = _people("وحضر الاجتماع وزير الخارجية الفرنسي جان إيف لودريان ونظيره البلجيكي "
                     "يان فيرمولن.")
    row = people["يان فيرمولن"]
    assert (row["represents"], row["role_ar"]) == ("BE", "نظيره البلجيكي")
    assert row["role_en"] == "Minister of Foreign Affairs"  # the office, translated
    assert _names("استقبل وزير الدفاع الأمريكي نظيرته الكندية أنيتا أناند.") == [
        "انيتا اناند"]


def test_the_title_as_written_leaves_out_honorifics_and_the_next_persons_office() -> None:
    people = _people("وترأس الوفد وكيل وزارة الخارجية للشؤون السياسية الدكتور سعود الفلاني. "
                     "وتحدث المدير السياسي الهولندي السيد يان دي فريس، ونائب المبعوث الخاص "
                     "للتحالف جون سميث.")
    assert people["سعود الفلاني"]["role_ar"] == "وكيل وزارة الخارجية للشؤون السياسية"
    assert people["سعود الفلاني"]["role_en"] == "Under-Secretary of Foreign Affairs"
    row = people["يان دي فريس"]
    assert (row["role_ar"], row["role_en"]) == ("المدير السياسي الهولندي", "Political Director")


def test_a_conjunction_before_a_known_name_starts_the_next_person() -> None:
    assert _names("واستقبل وزير الخارجية الفرنسي لوران فابيوس ونظيره الأمريكي جون كيري "
                  "والعبادي، في باريس.") == ["لوران فابيوس", "جون كيري", "العبادي"]


# 5. States that took part --------------------------------------------------------------

def test_states_listed_after_presence_cues() -> None:
    assert {"EG", "JO", "SA"} <= _states(
        "وجرى الاجتماع بمشاركة وزراء خارجية مصر والأردن والسعودية.")
    assert {"QA", "AE", "BH"} <= _states("وحضر ممثلون عن كل من قطر والإمارات والبحرين.")
    assert {"CA", "DK", "FR"} <= _states("والدول التي حضرت الاجتماع هي: كندا، والدنمارك، وفرنسا.")


def test_an_organisation_is_named_as_written_not_with_its_cue() -> None:
    rows = [r for r in _rows("وشارك فيه ممثلون عن الأمم المتحدة والاتحاد الأوروبي.")[
        "participants"] if r["kind"] == "organisation"]
    assert sorted(r["name_ar"] for r in rows) == ["الأمم المتحدة", "الاتحاد الأوروبي"]


def test_places_after_a_presence_cue_with_a_count_are_not_participants() -> None:
    assert _states("ويبحث المجتمعون، ممثلين عن 20 دولة، سبل تعزيز التنسيق العسكري في "
                   "العراق وسوريا.") == set()
    assert _states("وحضر الاجتماع ممثلون عن فرنسا وألمانيا.") == {"FR", "DE"}


def test_states_of_an_earlier_meeting_are_not_the_main_meetings() -> None:
    rows = facts(("t", dt.date(2022, 1, 10),
                  "أعلنت الخارجية الأمريكية أن التحالف الدولي ضد داعش سيعقد اجتماعه الوزاري "
                  "المقبل في المغرب في مايو.\n\nوضم الاجتماع الأخير للتحالف ممثلين عن كل من "
                  "السعودية والإمارات وقطر."))
    (meeting,) = rows["meetings"]
    assert (meeting["status"], meeting["date_start"]) == ("planned", dt.date(2022, 5, 1))
    assert [p for p in rows["participants"] if p["kind"] == "state"] == []


def test_a_listed_state_is_named_as_written_without_its_conjunction() -> None:
    rows = [r for r in _rows("وحضر الاجتماع ممثلو الأردن، وبلجيكا، والولايات المتحدة الأمريكية.")[
        "participants"] if r["kind"] == "state"]
    names = {r["represents"]: r["name_ar"] for r in rows}
    assert names["BE"] == "بلجيكا" and names["US"] == "الولايات المتحدة الأمريكية"
    assert names["JO"] == "الأردن"
    quote = next(r["quote"] for r in rows if r["represents"] == "BE")
    assert "وبلجيكا" in quote  # the evidence keeps the words around the name


def test_formal_names_and_titled_names_inside_a_list() -> None:
    states = _group_states(
        "وتتولى رئاسة المجموعة بالتشارك دولة قطر ومملكة البحرين والجمهورية التونسية.")
    assert {"QA", "BH", "TN"} <= states


def test_a_list_of_states_as_the_subject_of_chairing() -> None:
    rows = [r for r in _rows("وترأست كندا والمملكة الأردنية الهاشمية معا الاجتماع.")[
        "participants"] if r["kind"] == "state"]
    assert {(r["represents"], r["participation"]) for r in rows} >= {
        ("CA", "chaired"), ("JO", "chaired")}


def test_co_chairs_named_after_the_sharing_phrase() -> None:
    assert {"SE", "NO", "DK"} <= _group_states(
        "وتتقاسم السويد رئاسة مجموعة العمل مع النرويج والدنمارك.")


def test_the_chairs_of_a_standing_group_took_part_only_in_the_groups_meeting() -> None:
    note = ("ونوه الوزير بدور مجموعة التركيز الخاصة بإفريقيا، ويشارك الأردن في رئاسة هذه "
            "المجموعة إلى جانب كل من كندا والنرويج.")
    assert not {"CA", "NO"} & _states(note)  # OPENING: a ministerial meeting
    rows = facts(("t", PUB, "عقدت مجموعة التركيز الخاصة بإفريقيا في التحالف الدولي ضد داعش "
                            "اجتماعها أمس في عمان، وهي المجموعة التي تتقاسم رئاستها كندا "
                            "والنرويج."))["participants"]
    assert {"CA", "NO"} <= {r["represents"] for r in rows if r["kind"] == "state"}


def test_states_picked_out_of_those_present() -> None:
    assert "FR" in _states("وحضر الاجتماع ممثلو نحو أربعين دولة، في مقدمتها فرنسا.")
    assert {"EG", "JO"} <= _states(
        "وشارك في الاجتماع وزراء عرب، من بينهم وزيرا خارجية مصر والأردن.")
    # the same words after a topic, not a presence verb, name no participant
    assert not {"LY", "ML"} & _states("وتناول البحث بؤر التوتر، ومنها ليبيا ومالي.")


def test_co_chairs_and_topic_countries() -> None:
    states = _group_states("وتتولى رئاسة المجموعة بالتشارك إيطاليا والمغرب والنيجر.\n"
                           "وبحث الاجتماع خطر التنظيم في العراق وسوريا وليبيا.")
    assert {"IT", "MA", "NE"} <= states
    assert not {"IQ", "SY", "LY"} & states  # places of the fighting, not participants


def test_membership_at_the_meeting_date_is_stated() -> None:
    rows = _rows("ورحب المجتمعون بانضمام الفلبين إلى التحالف.\n"
                 "وجرى الاجتماع بمشاركة وزراء خارجية مصر والأردن والسعودية.")["participants"]
    by = {r["represents"]: r for r in rows if r["kind"] == "state"}
    assert by["PH"]["participation"] == "joined"
    assert by["EG"]["member_at_meeting"] is True and by["EG"]["member_since"] is not None


# 6. Pledges ----------------------------------------------------------------------------

def _pledges(text: str) -> list[tuple]:
    return sorted((p["donor"], p["amount_min"], p["currency"], p["kind"])
                  for p in _rows(text)["pledges"])


def test_donor_as_country_subject_and_as_adjective() -> None:
    assert _pledges("ومنحت ألمانيا 30 مليون يورو لدعم الاستقرار.") == [
        ("DE", 30e6, "EUR", "announcement")]
    assert _pledges("وكشف الوزير عن تعهد بريطاني جديد بقيمة 20 مليون جنيه إسترليني.") == [
        ("GB", 20e6, "GBP", "pledge")]
    assert _pledges("وقالت النرويج إنها ستقدم 40 مليون دولار للمناطق المحررة.") == [
        ("NO", 40e6, "USD", "pledge")]


def test_the_meetings_states_as_the_subject_of_the_commitment_are_a_collective_donor(
        ) -> None:
    assert _pledges("وأعلن وزير الخارجية الأمريكي أن الدول المشاركة تعهدت بتقديم 600 مليون "
                    "دولار لدعم الاستقرار.") == [("coalition_partners", 600e6, "USD", "pledge")]
    assert _pledges("وتعهدت الدول الأعضاء بتقديم 300 مليون دولار.") == [
        ("coalition_partners", 300e6, "USD", "pledge")]
    # a state pledging in front of the others is that state
    assert _pledges("وتعهدت ألمانيا أمام الدول الأعضاء بتقديم 300 مليون دولار.") == [
        ("DE", 300e6, "USD", "pledge")]


def test_a_donors_contribution_named_by_its_adjective_and_an_earlier_pledge() -> None:
    rows = _rows("وتبلغ قيمة المساهمة الأمريكية الجديدة 117 مليون دولار لدعم الاستقرار.\n"
                 "وكانت الإمارات قد تعهدت في وقت سابق بـ 50 مليون دولار.")["pledges"]
    got = {p["donor"]: (p["amount_min"], p["meeting_id"] is not None) for p in rows}
    # the US contribution is the meeting's; the Emirates' earlier pledge belongs to none
    assert got == {"US": (117e6, True), "AE": (50e6, False)}


def test_capital_for_its_government() -> None:
    assert _pledges("وباريس تخصص 15 مليون يورو لإزالة الألغام.") == [
        ("FR", 15e6, "EUR", "announcement")]
    # a capital whose name begins with و, with and without the conjunction
    assert _pledges("وقال المتحدث إن واشنطن تخصص 15 مليون دولار لإزالة الألغام.") == [
        ("US", 15e6, "USD", "announcement")]


def test_an_organisation_pledging_and_a_contribution_to_come() -> None:
    assert _pledges("وأكد الاتحاد الأوروبي تخصيص 120 مليون يورو للمناطق المحررة.") == [
        ("eu", 120e6, "EUR", "announcement")]
    assert _pledges("وقال وزير الخارجية الياباني إن بلاده ستساهم بمبلغ 50 مليون دولار.") == [
        ("JP", 50e6, "USD", "pledge")]


def test_the_value_of_something_is_no_pledge_and_no_target() -> None:
    assert _pledges("وبلغت قيمة الأسلحة التي دمرها التحالف 500 مليون دولار.") == []


def test_two_capitals_pledging_together_make_one_joint_pledge() -> None:
    rows = _rows("وأعلن الوزير أن روما وواشنطن تخصصان نحو 50 مليون دولار لإزالة الألغام.")[
        "pledges"]
    # one collective row (a code of registry/donor_codes.csv); donor_ar names the states
    assert [(p["donor"], p["donor_kind"], p["amount_min"]) for p in rows] == [
        ("several_states", "collective", 50e6)]
    assert "joint_donors" in rows[0]["flags"] and rows[0]["donor_ar"] == "روما وواشنطن"


def test_targets_and_totals() -> None:
    got = _pledges("وتسعى الحملة إلى جمع 1.5 مليار دولار لإعادة الاستقرار.")
    assert [(g[1], g[3]) for g in got] == [(1.5e9, "target")]
    assert _pledges("ويسعى التحالف إلى جمع 500 مليون دولار بنهاية العام.") == [
        ("coalition", 500e6, "USD", "target")]
    assert _pledges("وتعهد المشاركون بتقديم 2.3 مليار دولار في المجمل.") == [
        ("coalition_partners", 2.3e9, "USD", "pledge")]


def test_demining_and_the_liberated_areas_are_stabilisation() -> None:
    rows = _rows("وخصصت الحكومة الألمانية مبلغ 70 مليون يورو لبرامج إزالة الألغام.\n"
                 "وأعلنت اليابان عن حزمة بقيمة 50 مليون دولار للمناطق المحررة.")["pledges"]
    assert sorted((p["donor"], p["purpose"]) for p in rows) == [
        ("DE", "stabilisation"), ("JP", "stabilisation")]


def test_compound_amounts() -> None:
    got = _pledges("وتعهدت الكويت بتقديم 3 مليار و500 مليون دولار.")
    assert [g[1] for g in got] == [3.5e9]
    got = _pledges("وتعهدت السعودية بتقديم مليار ونصف المليار دولار.")
    assert [g[1] for g in got] == [1.5e9]


def test_money_that_is_no_pledge_stays_out() -> None:
    assert _pledges("وأنفق التحالف مئات الملايين من الدولارات على العمليات.") == []
    assert _pledges("وخسر التنظيم نحو 500 مليون دولار من عائدات النفط.") == []


def test_an_announcement_and_a_pledge_of_the_same_money_are_one_row() -> None:
    rows = facts(("t", PUB, "تيلرسون يعلن 200 مليون دولار لدعم الاستقرار\n\n" + OPENING +
                  "وقال وزير الخارجية الأمريكي ريكس تيلرسون إن بلاده ستقدم 200 مليون دولار "
                  "إضافية لدعم الاستقرار."))["pledges"]
    assert [(p["donor"], p["amount_min"], p["kind"], p["n_reports"]) for p in rows] == [
        ("US", 200e6, "pledge", 2)]
    assert "ستقدم" in rows[0]["quote"]  # the evidence of the stronger kind


def test_two_pledges_with_one_amount_get_distinct_ids() -> None:
    rows = _rows("وتعهدت اليابان بتقديم 10 ملايين دولار، كما تعهدت بتقديم ما يصل إلى 10 "
                 "ملايين دولار إضافية.")["pledges"]
    ids = [p["pledge_id"] for p in rows]
    assert len(ids) == 2 and len(set(ids)) == 2


# 7. Resolutions ------------------------------------------------------------------------

def _resolutions(text: str) -> list[int]:
    return sorted(r["resolution_number"] for r in _rows(text)["resolutions"])


def test_resolution_forms() -> None:
    assert _resolutions("وذكّر المجلس بقرارها رقم 2170.") == [2170]
    assert _resolutions("ويطالب القرار، الذي يحمل الرقم 2178، الدول بمنع السفر.") == [2178]
    assert _resolutions("ونال التحالف غطاء عبر القرار رقم .2216") == [2216]
    assert _resolutions("وأشار إلى القرارين 2170 و2178.") == [2170, 2178]
    # "لل" + القرار: the article's alif drops after the preposition
    assert _resolutions("وفقا للقرار رقم ٢٢٥٣ والقرار 2249.") == [2249, 2253]
    assert _resolutions("وللقرارين 2170 و2178 أهمية خاصة.") == [2170, 2178]


def test_resolution_outside_the_registry_is_a_flagged_row() -> None:
    rows = _rows("واستند البيان إلى القرار رقم 2999.")["resolutions"]
    assert [(r["resolution_number"], r["in_registry"]) for r in rows] == [(2999, False)]
    assert "not_in_registry" in rows[0]["flags"]


def test_name_in_quotes_heading_a_delegation() -> None:
    people = _people(
        'ويقود وفد المغرب في هذا الاجتماع "يوسف العلمي"، مدير الشؤون الشاملة بالوزارة.')
    assert "يوسف العلمي" in people


def test_hard_wrapped_lines_do_not_cut_sentences() -> None:
    text = ("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم الثالث أمس في العاصمة\n"
            "الأمريكية واشنطن، وتحدث في الجلسة الافتتاحية وزير الخارجية البلجيكي\n"
            "ديدييه ريندرز، مؤكدا أن بلاده ستواصل دعم جهود التحالف في العراق وسوريا\n"
            "والمنطقة، فيما أدار الجلسات مساعد وزير الخارجية الأمريكي توم شانون وعدد\n"
            "من كبار المسؤولين في وزارات خارجية الدول الأعضاء في التحالف الدولي.\n")
    out = facts(("t", PUB, text))
    assert out["meetings"][0]["city_en"] == "Washington"
    names = {r["name_ar"] for r in out["participants"] if r["kind"] == "person"}
    assert {"ديدييه ريندرز", "توم شانون"} <= names


def test_pledge_id_collision_is_a_one_line_error(monkeypatch) -> None:
    import pytest

    from coalition_data import facts as facts_module
    from coalition_data.errors import BuildError

    monkeypatch.setattr(facts_module, "_fact_id", lambda key, readable: "same-id")
    with pytest.raises(BuildError) as err:
        _rows("وتعهدت اليابان بتقديم 10 ملايين دولار، وتعهدت كوريا الجنوبية بتقديم 20 مليون دولار.")
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith("t: pledge id same-id") and "quote" in msg


def test_a_bilateral_talk_on_the_sidelines_is_no_participation() -> None:
    out = facts(("t", PUB, "التقى وزير الخارجية الأردني أيمن الصفدي نظيره الأمريكي على هامش "
                           "اجتماع التحالف الدولي ضد داعش في روما، وبحث الجانبان العلاقات."))
    assert [r for r in out["participants"] if r["kind"] == "person"] == []


def test_a_state_pledging_at_the_meeting_took_part_and_pledges_join_the_main_meeting() -> None:
    out = facts(("t", PUB, OPENING + "وخلال الاجتماع تعهدت اليابان بتقديم 30 مليون دولار.\n"
                                     "كما أعلنت الكويت تقديم 10 ملايين دولار للنازحين."))
    states = {r["represents"]: r for r in out["participants"] if r["kind"] == "state"}
    assert states["JP"]["flags"] == "inferred_from_pledge"
    meeting_id = out["meetings"][0]["meeting_id"]
    pledges = {p["donor"]: p for p in out["pledges"]}
    assert pledges["JP"]["meeting_id"] == pledges["KW"]["meeting_id"] == meeting_id
    assert "meeting_from_article" in pledges["KW"]["flags"]


def test_states_taking_part_as_subjects_and_delegations() -> None:
    assert "SA" in _states("وشاركت المملكة العربية السعودية في الاجتماع بوفد رفيع.")
    assert "EG" in _states("وشارك وفد مصري برئاسة مساعد وزير الخارجية في أعمال الاجتماع.")
    assert "JO" in _states("وشارك في الاجتماع وفد من الأردن.")
    assert "FR" not in _states("وكانت فرنسا قد شاركت في الضربات الجوية على التنظيم.")
    people = _people("ومثلت قطر في الاجتماع وزيرة الدولة للتعاون الدولي لولوة الخاطر.")
    assert "لولوة الخاطر" in people


def test_coordinated_chairs_both_chair() -> None:
    people = _people("وترأس الاجتماع وزير الخارجية الفرنسي لوران فابيوس ونائب وزير الخارجية "
                     "الأمريكي أنتوني بلينكن.")
    assert {p["participation"] for p in people.values()} == {"chaired"}


def test_organisation_titles_are_not_names() -> None:
    assert _names("وألقى الأمين العام لحلف الناتو ينس ستولتنبرغ كلمة أمام المجتمعين.") == [
        "ينس ستولتنبرغ"]


def test_totals_announced_by_the_partners() -> None:
    got = _pledges("وبلغ إجمالي التعهدات التي أعلنها الشركاء خلال الاجتماع 1.2 مليار دولار.")
    assert got == [("coalition_partners", 1.2e9, "USD", "target")]
    assert _pledges("وقدرت الأمم المتحدة خسائر العراق جراء الحرب بنحو 88 مليار دولار.") == []


def test_co_chairs_after_bi_riasa_mushtaraka() -> None:
    people = _people("وجرى الاجتماع برئاسة مشتركة من وزير الخارجية السعودي الأمير فيصل بن فرحان "
                     "ووزير الخارجية الأمريكي أنتوني بلينكن.")
    assert {p["participation"] for p in people.values()} == {"chaired"} and len(people) == 2
