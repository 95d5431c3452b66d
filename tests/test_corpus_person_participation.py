"""Who took part, through the real extraction (tests/corpus/person_participation.yaml):
lists after presence cues, absence, heads of state, look-alikes, Gulf short forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from coalition_data.digest import PersonCandidate
from coalition_data.facts import digest_article, extract_article
from coalition_data.normalise import fold

CORPUS = yaml.safe_load(
    (Path(__file__).parent / "corpus" / "person_participation.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CORPUS["cases"], ids=lambda c: c["text"][:40])
def test_participants(case: dict) -> None:
    af = extract_article({"article_id": "corpus", "text": case["text"],
                          "published_date": dt.date(2016, 5, 10)})
    digest = digest_article(af)
    names = sorted({c.name for c in digest.candidates if isinstance(c, PersonCandidate)})
    assert names == sorted(fold(n) for n in case["participants"]), case["why"]
