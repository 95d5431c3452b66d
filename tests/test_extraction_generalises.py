"""The extractor works from the language, not from the seed texts: short articles
written for these tests, with other cities, months, number forms and word orders."""

from __future__ import annotations

import datetime as dt

from tests.articles_fixture import (
    LONDON_2017,
    NO_MEETING,
    PARIS_PLANNED,
    PARIS_TODAY,
    PARIS_YESTERDAY,
    VIRTUAL_UNDATED,
    WASHINGTON_2019,
    facts,
)


def _only(rows: list[dict]) -> dict:
    assert len(rows) == 1, rows
    return rows[0]


def test_ministerial_with_levantine_double_month_dateline_and_state_count() -> None:
    out = facts(("w", dt.date(2019, 2, 6), WASHINGTON_2019))
    m = _only(out["meetings"])
    assert (m["body"], m["level"], m["status"]) == ("coalition", "ministerial", "held")
    assert m["date_start"] == m["date_end"] == dt.date(2019, 2, 6)
    assert (m["city_en"], m["country_code"]) == ("Washington", "US")
    assert (m["n_states"], m["n_states_qualifier"]) == (70, "more_than")
    assert m["host_country_code"] == "US"


def test_pledge_in_number_words_and_euros() -> None:
    out = facts(("w", dt.date(2019, 2, 6), WASHINGTON_2019))
    p = _only(out["pledges"])
    assert (p["donor"], p["amount_min"], p["currency"]) == ("DE", 50_000_000, "EUR")
    assert (p["kind"], p["purpose"], p["recipient_country_code"]) == (
        "announcement", "stabilisation", "SY")


def test_political_directors_yesterday_in_a_capital_named_by_adjective() -> None:
    out = facts(("l", dt.date(2017, 3, 23), LONDON_2017))
    held = [m for m in out["meetings"] if m["status"] == "held"]
    m = _only(held)
    assert (m["body"], m["level"], m["city_en"]) == ("small_group", "political_directors",
                                                     "London")
    assert m["date_start"] == dt.date(2017, 3, 22)  # أمس الأربعاء
    assert m["host_country_code"] == "GB"


def test_planned_meeting_with_levantine_month_next() -> None:
    out = facts(("l", dt.date(2017, 3, 23), LONDON_2017))
    planned = _only([m for m in out["meetings"] if m["status"] == "planned"])
    assert (planned["city_en"], planned["level"]) == ("Kuwait City", "ministerial")
    assert (planned["date_start"], planned["date_end"]) == (dt.date(2017, 7, 1),
                                                            dt.date(2017, 7, 31))


def test_pledge_with_hundred_in_words_and_money_without_commitment_ignored() -> None:
    out = facts(("l", dt.date(2017, 3, 23), LONDON_2017))
    p = _only(out["pledges"])  # "يجني نحو مليون دولار يوميا" is revenue, not a pledge
    assert (p["donor"], p["amount_min"], p["kind"]) == ("KW", 100_000_000, "pledge")
    assert (p["purpose"], p["recipient_country_code"]) == ("reconstruction", "IQ")


def test_dual_and_list_resolution_citations() -> None:
    out = facts(("l", dt.date(2017, 3, 23), LONDON_2017))
    assert sorted(r["resolution_number"] for r in out["resolutions"]) == [2170, 2178, 2249]
    assert all(r["in_registry"] for r in out["resolutions"])


def test_without_publication_date_relative_dates_stay_unresolved() -> None:
    out = facts(("v", None, VIRTUAL_UNDATED))
    m = _only(out["meetings"])
    assert m["is_virtual"] and m["city_en"] is None
    assert m["date_start"] is None and m["date_method"] == "unresolved"
    assert "date_unresolved" in m["flags"]
    assert (m["n_states"], m["n_states_qualifier"]) == (30, "exact")


def test_article_without_a_meeting_gives_no_rows() -> None:
    out = facts(("n", dt.date(2017, 1, 1), NO_MEETING))
    assert out["meetings"] == [] and out["pledges"] == [] and out["resolutions"] == []


def test_planned_small_group_meeting_next_month() -> None:
    m = _only(facts(("p", dt.date(2015, 5, 20), PARIS_PLANNED))["meetings"])
    assert (m["status"], m["body"], m["level"], m["city_en"]) == (
        "planned", "small_group", "ministerial", "Paris")
    assert m["date_start"] == dt.date(2015, 6, 1)


def test_two_reports_of_one_meeting_merge_and_the_pledge_is_counted_once() -> None:
    out = facts(("a", dt.date(2015, 6, 2), PARIS_TODAY),
                ("b", dt.date(2015, 6, 3), PARIS_YESTERDAY))
    m = _only(out["meetings"])
    assert m["n_reports"] == 2 and m["date_start"] == dt.date(2015, 6, 2)
    assert sorted(r["article_id"] for r in out["meeting_reports"]) == ["a", "b"]
    p = _only(out["pledges"])
    assert (p["donor"], p["amount_min"], p["currency"], p["n_reports"]) == (
        "GB", 20_000_000, "GBP", 2)


def test_same_city_different_days_stay_two_meetings() -> None:
    out = facts(("a", dt.date(2015, 6, 2), PARIS_TODAY),
                ("b", dt.date(2015, 9, 3), PARIS_YESTERDAY))
    assert len(out["meetings"]) == 2
