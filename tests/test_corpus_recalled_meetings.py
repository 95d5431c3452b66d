"""Recalled meetings (tests/corpus/recalled_meetings.yaml): every earlier or later meeting
an article names gets a report of its own, with the date precision, status and place the
text gives, and leaves the main meeting's date and place alone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.corpus_meetings import digest, fits, load, main_report

CORPUS = load("recalled_meetings.yaml")


def _check_main(example: dict[str, Any]) -> None:
    dg = digest(example)
    if "main" in example:
        main = main_report(dg)
        assert main is not None, dg.reports
        assert fits(main, example["main"]), (main, example["why"])


def test_corpus_is_large_enough() -> None:
    assert len(CORPUS["positives"]) >= 20 and len(CORPUS["negatives"]) >= 10


@pytest.mark.parametrize("example", CORPUS["positives"], ids=lambda e: e["why"][:40])
def test_recalled_meeting_has_its_own_report(example: dict[str, Any]) -> None:
    dg = digest(example)
    recalled = [r for r in dg.reports if r.recalled]
    want = list(example["recalled"])
    assert len(recalled) == len(want), (recalled, example["why"])
    free = list(recalled)
    for w in want:
        hit = next((r for r in free if fits(r, w)), None)
        assert hit is not None, (w, recalled, example["why"])
        free.remove(hit)
    _check_main(example)


@pytest.mark.parametrize("example", CORPUS["negatives"], ids=lambda e: e["why"][:40])
def test_no_recalled_meeting_where_none_is_named(example: dict[str, Any]) -> None:
    dg = digest(example)
    assert not [r for r in dg.reports if r.recalled], (dg.reports, example["why"])
    _check_main(example)
