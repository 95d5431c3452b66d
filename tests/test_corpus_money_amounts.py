"""Every example of tests/corpus/money_amounts.yaml through the real `find_money`."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coalition_data.extract.numbers import find_money
from coalition_data.normalise import fold

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "money_amounts.yaml")
                        .read_text(encoding="utf-8"))


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS["positives"]) >= 30 and len(CORPUS["negatives"]) >= 15


@pytest.mark.parametrize("case", CORPUS["positives"], ids=lambda c: c["why"][:40])
def test_amounts_are_read(case: dict) -> None:
    got = find_money(fold(case["text"]))
    want = []
    for e in case["expect"]:
        qual = e.get("qualifier", "exact")
        lo = e["amount"]
        hi = e["amount_max"] if "amount_max" in e else (lo if qual not in ("more_than", "at_least")
                                                       else None)
        want.append((float(lo), None if hi is None else float(hi), e["currency"], qual,
                     e.get("inferred", False), e.get("equivalent", False)))
    assert [(m.amount_min, m.amount_max, m.currency, m.qualifier,
             getattr(m, "currency_inferred", False), getattr(m, "equivalent", False))
            for m in got] == want, case["why"]


@pytest.mark.parametrize("case", CORPUS["negatives"], ids=lambda c: c["why"][:40])
def test_numbers_that_are_no_money(case: dict) -> None:
    text = fold(case["text"])
    phrase = fold(case.get("not_money", case["text"]))
    start = text.index(phrase)
    end = start + len(phrase)
    hits = [m.text for m in find_money(text) if m.span[0] < end and start < m.span[1]]
    assert hits == [], case["why"]
