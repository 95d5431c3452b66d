"""Every example of tests/corpus/venues.yaml through the whole extraction: the one meeting
of each text and its venue (buildings, provinces, regions, datelines, countries named as
subjects). Arabic sentences written for it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.articles_fixture import facts

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "venues.yaml").read_text("utf-8"))
EXAMPLES = [(kind, ex) for kind in ("positives", "negatives") for ex in CORPUS[kind]]
PUB = dt.date(2016, 5, 10)


def test_the_corpus_is_big_enough() -> None:
    assert len(CORPUS["positives"]) >= 20 and len(CORPUS["negatives"]) >= 15
    assert all(ex.get("why") for _, ex in EXAMPLES)


@pytest.mark.parametrize(("kind", "ex"), EXAMPLES, ids=[f"{k[:3]}-{i}" for i, (k, _) in
                                                       enumerate(EXAMPLES)])
def test_example(kind: str, ex: dict[str, Any]) -> None:
    rows = facts(("v", ex.get("published", PUB), ex["text"]))["meetings"]
    assert len(rows) == 1, rows
    m, want = rows[0], ex["expect"]
    got = (m["city_en"], m["country_code"], m["is_virtual"])
    assert got == (want["city"], want["country"], want.get("virtual", False)), ex["why"]


def test_entities_taking_part_are_counted_with_the_dateline_venue() -> None:
    """KUNA style: the dateline gives the venue, "75 جهة" the number taking part."""
    rows = facts(("v", PUB, "الكويت - كونا: أعلن الوزير اليوم مشاركة 75 جهة ومنظمة دولية في "
                            "الاجتماع الوزاري للتحالف الدولي ضد داعش."))["meetings"]
    assert [(m["city_en"], m["n_states"]) for m in rows] == [("Kuwait City", 75)]
