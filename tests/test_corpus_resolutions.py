"""Every sentence of tests/corpus/resolutions.yaml through the real extractor
(extract/resolutions.py): the numbers found are exactly the expected ones."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from coalition_data.extract.doc import Doc
from coalition_data.extract.resolutions import find_citations, registry, year_fits

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "resolutions.yaml")
                        .read_text(encoding="utf-8"))
EXAMPLES = [pytest.param(ex, id=f"{kind}-{i}") for kind in ("positives", "negatives")
            for i, ex in enumerate(CORPUS[kind])]


def _numbers(text: str) -> list[int]:
    return sorted(c.number for c in find_citations(Doc("t", text, None)))


def test_corpus_is_large_and_well_formed() -> None:
    pos, neg = CORPUS["positives"], CORPUS["negatives"]
    assert len(pos) >= 30 and len(neg) >= 20
    assert all(ex["expect"] and ex["why"] for ex in pos)
    assert all(ex["expect"] == [] and ex["why"] for ex in neg)
    texts = [ex["text"] for ex in pos + neg]
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("ex", EXAMPLES)
def test_corpus_example(ex: dict) -> None:
    assert _numbers(ex["text"]) == sorted(ex["expect"]), ex["why"]


def test_the_citation_span_covers_the_construction() -> None:
    text = "وأشار إلى القرار المرقم ( 2379 ) في كلمته."
    (c,) = find_citations(Doc("t", text, None))
    assert text[c.span[0]:c.span[1]] == "القرار المرقم ( 2379"


def test_a_year_must_fit_the_registry_order() -> None:
    assert year_fits(2199, 2015) and year_fits(2042, 2012)
    assert not year_fits(125, 2016) and not year_fits(2610, 2015)


def test_registry_numbers_grow_with_their_dates() -> None:
    """`year_fits` reads the registry as the Council's order: a row whose date breaks
    it (a typo in a number or a date) would make true citations look like decrees."""
    refs = sorted(registry().values(), key=lambda r: r.number)
    bad = [(a.number, b.number) for a, b in pairwise(refs) if a.adopted > b.adopted]
    assert bad == []
    assert all(r.symbol == f"S/RES/{r.number} ({r.adopted.year})" for r in refs)
