"""Participants come from how the text has people act at a meeting; registry links
survive spelling variants; commentators, quoted heads of state and bylines stay out."""

from __future__ import annotations

import datetime as dt

from coalition_data.reference.people import link_person
from tests.articles_fixture import LONDON_PARTICIPANTS, MCGURK_A, MCGURK_B, facts

PUB = dt.date(2017, 3, 23)


def _people(rows: list[dict]) -> dict[str, dict]:
    return {r["participant_key"]: r for r in rows if r["kind"] == "person"}


def test_unknown_official_still_becomes_a_flagged_row() -> None:
    people = _people(facts(("l", PUB, LONDON_PARTICIPANTS))["participants"])
    johnson = [r for r in people.values() if "هارتلي" in r["name_ar"]]
    assert len(johnson) == 1
    row = johnson[0]
    assert row["name_en"] is None and not row["in_registry"]
    assert "not_in_registry" in row["flags"]
    assert (row["represents"], row["role_en"]) == ("GB", "Minister of Foreign Affairs")
    assert row["participant_key"].startswith("person:ar-")


def test_name_before_title_links_to_the_registry() -> None:
    people = _people(facts(("l", PUB, LONDON_PARTICIPANTS))["participants"])
    kerry = people["person:john_kerry"]
    assert kerry["represents"] == "US" and kerry["participation"] == "spoke"
    assert "وزير الخارجية الأمريكي" in kerry["role_ar"]


def test_common_word_after_a_title_is_not_a_name() -> None:
    people = _people(facts(("l", PUB, LONDON_PARTICIPANTS))["participants"])
    assert not any("يوم" in r["name_ar"] for r in people.values())


def test_commentators_and_quoted_heads_of_state_are_not_participants() -> None:
    people = _people(facts(("l", PUB, LONDON_PARTICIPANTS))["participants"])
    assert "person:barack_obama" not in people
    assert not any("سالم" in r["name_ar"] for r in people.values())


def test_state_welcomed_as_new_member_joined() -> None:
    rows = facts(("l", PUB, LONDON_PARTICIPANTS))["participants"]
    ph = [r for r in rows if r["participant_key"] == "state:ph"]
    assert len(ph) == 1 and ph[0]["participation"] == "joined"


def test_same_person_in_two_spellings_and_two_reports_is_one_row() -> None:
    out = facts(("a", dt.date(2016, 3, 1), MCGURK_A), ("b", dt.date(2016, 3, 2), MCGURK_B))
    assert len(out["meetings"]) == 1
    rows = [r for r in out["participants"] if r["participant_key"] == "person:brett_mcgurk"]
    assert len(rows) == 1 and rows[0]["n_reports"] == 2
    assert rows[0]["role_en"].startswith("Special Presidential Envoy")  # role at that date


def test_fuzzy_links_keep_their_score_and_stay_bounded() -> None:
    person, score = link_person("ماكجرك")
    assert person.person_id == "brett_mcgurk" and 85 <= score < 100
    person, score = link_person("ريكس تريلسون", "US")
    assert person.person_id == "rex_tillerson" and score < 100
    assert link_person("كيرن") is None  # short names never match loosely
    assert link_person("ماكغورك", "KW") is None  # a nationality that contradicts


def test_states_and_organisations_listed_as_present() -> None:
    from tests.articles_fixture import BRUSSELS_PRESENT

    rows = facts(("b", dt.date(2021, 12, 2), BRUSSELS_PRESENT))["participants"]
    keys = {r["participant_key"]: r for r in rows}
    assert {"state:fr", "state:de", "org:eu", "org:un"} <= set(keys)
    assert keys["org:eu"]["kind"] == "organisation"
    assert keys["org:un"]["name_en"] == "United Nations"
    assert all(r["participation"] == "attended" for r in rows)
