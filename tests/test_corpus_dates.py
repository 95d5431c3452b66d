"""Every example of tests/corpus/dates.yaml through the real date reader (and, for the
meeting-level ones, through the whole extraction): Arabic sentences written for it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from coalition_data.extract.dates import find_dates
from coalition_data.normalise import fold
from tests.articles_fixture import facts

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "dates.yaml").read_text("utf-8"))
EXAMPLES = [(kind, ex) for kind in ("positives", "negatives") for ex in CORPUS[kind]]


def _iso(v: Any) -> dt.date | None:
    return v if v is None or isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


def test_the_corpus_is_big_enough() -> None:
    assert len(CORPUS["positives"]) >= 30 and len(CORPUS["negatives"]) >= 15
    assert all(ex.get("why") for _, ex in EXAMPLES)


@pytest.mark.parametrize(("kind", "ex"), EXAMPLES, ids=[f"{k[:3]}-{i}" for i, (k, _) in
                                                       enumerate(EXAMPLES)])
def test_example(kind: str, ex: dict[str, Any]) -> None:
    published, expect = _iso(ex.get("published")), ex["expect"]
    if ex["level"] == "meeting":
        rows = facts(("c", published, ex["text"]))["meetings"]
        assert len(rows) == 1, rows
        got = {"start": rows[0]["date_start"], "end": rows[0]["date_end"],
               "precision": rows[0]["date_precision"]}
        assert got == {k: _iso(v) if k in ("start", "end") else v
                       for k, v in expect.items()}, ex["why"]
        return
    found = find_dates(fold(ex["text"]), published)
    if expect is None:
        assert found == [], ex["why"]
        return
    assert found, ex["why"]
    d = found[0]
    got = {"start": d.start, "end": d.end, "precision": d.precision, "method": d.method,
           "flags": list(getattr(d, "flags", ()))}
    want = {"start": _iso(expect["start"]), "end": _iso(expect["end"]),
            "precision": expect["precision"], "method": expect["method"],
            "flags": expect.get("flags", [])}
    assert got == want, ex["why"]
