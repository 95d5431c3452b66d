"""Every example of tests/corpus/coalition_size.yaml through the real `sizes` reader of
coalition_data.extract.membership: Arabic sentences written for it. A size found is also
read again from the original words of its span (`size_in`), as the build does from a
cached quote. `known_gaps` are examples the rule gets wrong today (strict xfail)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from coalition_data.extract.doc import Doc
from coalition_data.extract.membership import size_in, sizes
from coalition_data.normalise import fold

CORPUS = yaml.safe_load((Path(__file__).parent / "corpus" / "coalition_size.yaml")
                        .read_text(encoding="utf-8"))
KINDS = ("positives", "negatives", "known_gaps")
EXAMPLES = [(kind, i, ex) for kind in KINDS for i, ex in enumerate(CORPUS.get(kind) or [])]


def _param(kind: str, i: int, ex: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=ex["note"])] if kind == "known_gaps" else []
    return pytest.param(ex, marks=marks, id=f"{kind[:3]}-{i}")


def test_the_corpus_is_big_enough() -> None:
    assert len(CORPUS["positives"]) >= 20 and len(CORPUS["negatives"]) >= 15
    assert all(ex.get("why") for _, _, ex in EXAMPLES)
    assert all(ex["expect"] is not None for ex in CORPUS["positives"])
    assert all(ex["expect"] is None for ex in CORPUS["negatives"])
    assert all(ex.get("note") for ex in CORPUS.get("known_gaps") or [])


@pytest.mark.parametrize("ex", [_param(*e) for e in EXAMPLES])
def test_example(ex: dict[str, Any]) -> None:
    text, expect = ex["text"], ex["expect"]
    found = sizes(fold(text))
    if expect is None:
        assert found == [], ex["why"]
        return
    assert found, ex["why"]
    assert (found[0].n, found[0].at_least) == (expect["n"], expect["at_least"]), ex["why"]
    doc = Doc("x", text, None)
    for size in found:
        quote = doc.evidence(*size.span).quote
        again = size_in(quote)
        assert again is not None, (quote, ex["why"])
        assert (again.n, again.at_least) == (size.n, size.at_least), (quote, ex["why"])
