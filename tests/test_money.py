"""Money amounts: digits in both scripts, separators, number and scale words, qualifiers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coalition_data.extract.numbers import find_money, words_to_number
from coalition_data.normalise import fold

SCALES = {"ألف": 1e3, "مليون": 1e6, "مليار": 1e9}
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def money(text: str):
    found = find_money(fold(text))
    assert len(found) == 1, (text, found)
    return found[0]


@given(n=st.integers(1, 999), scale=st.sampled_from(sorted(SCALES)), indic=st.booleans())
def test_number_with_scale_word(n: int, scale: str, indic: bool) -> None:
    digits = str(n).translate(ARABIC_INDIC) if indic else str(n)
    m = money(f"تعهدت بتقديم {digits} {scale} دولار")
    assert m.amount_min == m.amount_max == n * SCALES[scale] and m.currency == "USD"


@given(n=st.integers(1_000, 10**9))
def test_thousands_separators(n: int) -> None:
    assert money(f"{n:,} دولار").amount_min == n
    assert money(f"{n:,} دولار".replace(",", ".")).amount_min == n


@given(n=st.integers(1, 999))
def test_more_than_is_open_ended(n: int) -> None:
    m = money(f"أكثر من {n} مليون دولار")
    assert (m.amount_min, m.amount_max, m.qualifier) == (n * 1e6, None, "more_than")


def test_number_words() -> None:
    assert words_to_number(fold("خمسة وعشرين")) == 25
    assert money("ملياري دولار").amount_min == 2e9
    assert money("ثلاثة ملايين يورو").amount_min == 3e6
    assert money("خمسمئة ألف دولار").amount_min == 5e5
    assert money("مئة مليون دولار").amount_min == 1e8
    assert money("نصف مليار دولار").amount_min == 5e8


def test_qualifiers_and_currencies() -> None:
    assert money("نحو 1.5 مليار دولار").qualifier == "about"
    up = money("ما يصل إلى 50 مليون يورو")
    assert (up.amount_min, up.amount_max, up.qualifier, up.currency) == (0, 5e7, "up_to", "EUR")
    assert money("20 مليون جنيه إسترليني").currency == "GBP"


def test_money_without_an_amount_is_not_money() -> None:
    assert find_money(fold("تدمير الملايين من الدولارات المخزنة")) == []
    assert find_money(fold("بنسبة 30 في المئة على الأقل")) == []


def test_a_number_word_starts_a_word_and_a_qualifier_may_carry_a_clitic() -> None:
    # "الف" (thousand) ends "التحالف": it is not part of the amount after it
    assert money("وقال التحالف 500 مليون دولار").amount_min == 500e6
    assert money("وتحالف 20 مليون يورو").amount_min == 20e6
    m = money("وبنحو 3 ملايين دولار")
    assert (m.amount_min, m.qualifier) == (3e6, "about")


def test_digits_glued_to_a_letter_before_a_currency_take_linear_time() -> None:
    """A run of digits glued to a letter before "دولار" once backtracked exponentially
    (22 digits: 10 s); 60 digits must take well under a second in every gluing."""
    import time

    for text in ("أعلنت الكويت بتقديم " + "9" * 60 + "ب دولار",
                 "أعلنت الكويت بتقديم ب" + "9" * 60 + "دولار",
                 "أعلنت الكويت بتقديم " + "9" * 60 + "بدولار",
                 "أعلنت الكويت بتقديم " + "9 " * 60 + "ب دولار",
                 "أعلنت الكويت بتقديم " + "9" * 60 + "," + "9" * 60 + "ب دولار"):
        start = time.perf_counter()
        find_money(fold(text))
        assert time.perf_counter() - start < 0.25, text[-20:]


def test_donor_codes_are_one_documented_vocabulary() -> None:
    """registry/donor_codes.csv: stable lowercase codes, every collective the extractor can
    name is listed, and its organisations are those of registry/organisations.csv."""
    import csv
    import re
    from pathlib import Path

    from coalition_data.extract import pledges

    root = Path(__file__).resolve().parents[1] / "seeds" / "registry"
    with (root / "donor_codes.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    codes = {r["code"]: r["kind"] for r in rows}
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", c) for c in codes)
    assert all(r["label_en"] and r["label_ar"] and r["description"] and r["source"] for r in rows)
    emitted = {d for d, _ in pledges.COLLECTIVE} | {"coalition", "donors", "several_states"}
    assert {c: codes.get(c) for c in emitted} == dict.fromkeys(emitted, "collective")
    with (root / "organisations.csv").open(encoding="utf-8") as fh:
        orgs = {r["org_id"] for r in csv.DictReader(fh)}
    assert {c for c, k in codes.items() if k == "organisation"} <= orgs - {"unsc"}
    assert "unknown" not in codes and "unsc" not in codes
