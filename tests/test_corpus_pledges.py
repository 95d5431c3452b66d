"""Every example of tests/corpus/pledges.yaml through the real extraction (facts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from tests.articles_fixture import facts

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "pledges.yaml")
                        .read_text(encoding="utf-8"))
OPENING = "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعهم أمس في روما.\n"


def _pledges(text: str) -> list[list]:
    rows = facts(("t", dt.date(2019, 2, 7), OPENING + text))["pledges"]
    return sorted([r["donor"], r["amount_min"], r["currency"], r["kind"]] for r in rows)


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS["positives"]) >= 25 and len(CORPUS["negatives"]) >= 25


@pytest.mark.parametrize("case", CORPUS["positives"], ids=lambda c: c["why"][:40])
def test_pledges_targets_and_announcements(case: dict) -> None:
    want = sorted([d, float(a), c, k] for d, a, c, k in case["expect"])
    assert _pledges(case["text"]) == want, case["why"]


@pytest.mark.parametrize("case", CORPUS["negatives"], ids=lambda c: c["why"][:40])
def test_money_that_is_no_pledge(case: dict) -> None:
    assert _pledges(case["text"]) == [], case["why"]


def test_every_donor_is_a_state_or_a_listed_code() -> None:
    from coalition_data.extract.pledges import donor_codes

    codes = donor_codes()
    for case in CORPUS["positives"]:
        for donor, *_ in case["expect"]:
            assert (len(donor) == 2 and donor.isupper()) or donor in codes, donor
