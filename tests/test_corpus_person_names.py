"""Person names in Arabic news constructions (tests/corpus/person_names.yaml): Gulf chains,
honorifics and ranks, initials, names that end before the next clause, short forms."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from coalition_data.extract.doc import Doc
from coalition_data.extract.people import find_people
from coalition_data.normalise import fold

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "person_names.yaml").read_text("utf-8"))


def _people(text: str):
    return find_people(Doc("corpus", text, dt.date(2020, 1, 1)))


def _norm(name: str) -> str:
    return " ".join(fold(name).replace(".", " ").split())


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS["positives"]) >= 30
    assert len(CORPUS["negatives"]) >= 20
    assert all(case.get("why") for case in CORPUS["positives"] + CORPUS["negatives"])


@pytest.mark.parametrize("case", CORPUS["positives"], ids=lambda c: c["text"][:40])
def test_names_are_read_whole(case: dict) -> None:
    found = _people(case["text"])
    assert [_norm(p.name) for p in found] == [_norm(e["name"]) for e in case["people"]], \
        case["why"]
    for p, expected in zip(found, case["people"], strict=True):
        assert fold(expected["title_has"]) in p.title, (p.title, case["why"])


@pytest.mark.parametrize("case", CORPUS["negatives"], ids=lambda c: c["text"][:40])
def test_no_false_names(case: dict) -> None:
    names = [p.name for p in _people(case["text"])]
    if "not_in_names" in case:
        assert names, "the sentence names a person"
        for word in case["not_in_names"]:
            assert not any(fold(word) in n.split() for n in names), (names, case["why"])
    else:
        assert names == [], case["why"]
