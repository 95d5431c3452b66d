"""Look-alikes (tests/corpus/lookalike_meetings.yaml): receptions of the Coalition's
commander or envoy, joining visits, strikes, US-Iraq committees, other coalitions and other
organisations' meetings make no Coalition meeting, and their people are no participants;
true Coalition meetings written like them still do."""

from __future__ import annotations

from typing import Any

import pytest

from coalition_data.digest import PersonCandidate
from tests.corpus_meetings import COALITION_BODIES, digest, load

CORPUS = load("lookalike_meetings.yaml")


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS["negatives"]) >= 25 and len(CORPUS["positives"]) >= 15


@pytest.mark.parametrize("example", CORPUS["negatives"], ids=lambda e: e["why"][:40])
def test_lookalike_is_no_coalition_meeting(example: dict[str, Any]) -> None:
    dg = digest(example)
    coalition = [r for r in dg.reports if r.body in COALITION_BODIES]
    assert not coalition, (coalition, example["why"])
    bodies = {r.local: r.body for r in dg.reports}
    people = [c for c in dg.candidates if isinstance(c, PersonCandidate)
              and bodies.get(c.local) in COALITION_BODIES]
    assert not people, (people, example["why"])


@pytest.mark.parametrize("example", CORPUS["positives"], ids=lambda e: e["why"][:40])
def test_coalition_meeting_written_like_a_lookalike(example: dict[str, Any]) -> None:
    dg = digest(example)
    main = next((r for r in dg.reports if not r.recalled), None)
    assert main is not None, example["why"]
    assert main.body == example["body"], (main, example["why"])
    if "city" in example:
        city = main.city.name_en if main.city else None
        assert city == example["city"], (main, example["why"])
