"""More phrasings common in Gulf and Levantine news that the seeds do not use."""

from __future__ import annotations

import datetime as dt

from tests.articles_fixture import LAST_JUNE, RIYADH_2023, VIDEO_CALL, facts


def test_capital_named_without_preposition_and_co_chairs() -> None:
    out = facts(("r", dt.date(2023, 6, 8), RIYADH_2023))
    m = [m for m in out["meetings"] if m["status"] == "held"]
    assert len(m) == 1
    m = m[0]
    assert (m["city_en"], m["level"], m["date_start"]) == ("Riyadh", "ministerial",
                                                          dt.date(2023, 6, 8))
    assert (m["n_states"], m["n_states_qualifier"]) == (80, "exact")
    chairs = {r["participant_key"] for r in out["participants"]
              if r["participation"] == "chaired"}
    assert {"state:sa", "state:us"} <= chairs


def test_decimal_amount_announced_by_a_minister() -> None:
    p = facts(("r", dt.date(2023, 6, 8), RIYADH_2023))["pledges"]
    assert [(x["donor"], x["amount_min"], x["purpose"]) for x in p] == [
        ("US", 148_700_000, "stabilisation")]


def test_participant_introduced_by_took_part_verb() -> None:
    rows = facts(("r", dt.date(2023, 6, 8), RIYADH_2023))["participants"]
    people = {r["name_ar"]: r for r in rows if r["kind"] == "person"}
    assert "فؤاد حسين" in people and people["فؤاد حسين"]["represents"] == "IQ"
    assert people["فؤاد حسين"]["participation"] == "attended"
    assert "أنتوني بلينكن" in people


def test_video_call_ordinal_day_and_pound_sterling() -> None:
    out = facts(("v", dt.date(2020, 6, 10), VIDEO_CALL))
    held = [m for m in out["meetings"] if m["status"] == "held"]
    assert len(held) == 1 and held[0]["is_virtual"]
    assert held[0]["date_start"] == dt.date(2020, 6, 8)
    p = out["pledges"]
    assert [(x["donor"], x["amount_min"], x["currency"]) for x in p] == [
        ("GB", 10_000_000, "GBP")]


def test_expected_next_meeting_is_planned() -> None:
    out = facts(("v", dt.date(2020, 6, 10), VIDEO_CALL))
    planned = [m for m in out["meetings"] if m["status"] == "planned"]
    assert len(planned) == 1 and planned[0]["city_en"] == "Marrakesh"


def test_day_month_last_refers_to_the_past() -> None:
    m = facts(("j", dt.date(2022, 1, 15), LAST_JUNE))["meetings"]
    assert len(m) == 1 and m[0]["date_start"] == dt.date(2021, 6, 28)
    assert m[0]["status"] == "held" and m[0]["city_en"] == "Rome"


def test_other_coalitions_are_not_the_global_coalition() -> None:
    from tests.articles_fixture import OTHER_COALITIONS

    assert facts(("o", dt.date(2018, 5, 1), OTHER_COALITIONS))["meetings"] == []


def test_pledge_belongs_to_the_meeting_named_in_its_sentence() -> None:
    from tests.articles_fixture import RECONSTRUCTION

    out = facts(("k", dt.date(2018, 2, 13), RECONSTRUCTION))
    by_id = {m["meeting_id"]: m for m in out["meetings"]}
    p = out["pledges"]
    assert [(x["donor"], x["amount_min"]) for x in p] == [("TR", 5_000_000_000)]
    assert by_id[p[0]["meeting_id"]]["body"] == "donor_conference"


def test_support_conference_for_any_country_is_a_donor_conference() -> None:
    text = "وعقد في بروكسل اليوم المؤتمر الدولي لدعم لبنان بمشاركة التحالف الدولي."
    m = facts(("d", dt.date(2020, 8, 9), text))["meetings"]
    assert [x["body"] for x in m] == ["donor_conference"]


def test_summit_of_heads_of_state_is_leaders_level() -> None:
    text = "عقد روساء الدول في التحالف الدولي ضد داعش قمة اليوم في بروكسل.".replace(
        "روساء", "رؤساء")
    m = facts(("s", dt.date(2017, 5, 25), text))["meetings"]
    assert [x["level"] for x in m] == ["leaders"]


def test_announcement_in_the_conference_sentence_is_tied_to_it() -> None:
    text = ("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم اليوم في واشنطن.\n"
            "وأعلنت اليابان في المؤتمر عن زيادة 30 مليون دولار للمساعدات الإنسانية.")
    out = facts(("a", dt.date(2019, 2, 6), text))
    assert [(p["donor"], p["kind"]) for p in out["pledges"]] == [("JP", "announcement")]
    assert out["pledges"][0]["meeting_id"] == out["meetings"][0]["meeting_id"]
