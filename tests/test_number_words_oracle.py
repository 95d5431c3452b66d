"""The Arabic number parser agrees with an independent speller (num2words, lang="ar") on
every integer 1-999,999 and on every scale word, and refuses absurd magnitudes."""

from __future__ import annotations

import pytest
from num2words import num2words

from coalition_data.extract.numbers import find_money, parse_amount
from coalition_data.normalise import fold


def test_every_integer_below_a_million_as_num2words_spells_it() -> None:
    wrong = []
    for n in range(1, 1_000_000):
        words = fold(num2words(n, lang="ar"))
        if parse_amount(words) != n:
            wrong.append((n, words))
            if len(wrong) > 20:
                break
    assert wrong == []


@pytest.mark.parametrize("n", [10**6, 2 * 10**6, 3 * 10**6, 11 * 10**6, 100 * 10**6,
                               10**9, 2 * 10**9, 5 * 10**9, 250 * 10**9])
def test_scale_words_as_num2words_spells_them(n: int) -> None:
    assert parse_amount(fold(num2words(n, lang="ar"))) == n


@pytest.mark.parametrize("text, value", [
    ("مليونا ونصف مليون دولار", 1.5e6),
    ("ثلاثة مليارات وخمسمئة مليون دولار", 3.5e9),
    ("أحد عشر مليون دولار", 11e6),
    ("مئتان وخمسون ألف دولار", 250e3),
    ("٣,٤ مليار دولار", 3.4e9),
    ("1.5 مليار دولار", 1.5e9),
    ("ربع مليار دولار", 250e6),
])
def test_compounds_fractions_and_decimal_commas(text: str, value: float) -> None:
    found = find_money(fold(text))
    assert [m.amount_min for m in found] == [value]


@pytest.mark.parametrize("text", ["آلاف المليارات من الدولارات", "1" + "0" * 400 + " دولار",
                                  "آلاف مليار دولار"])
def test_absurd_magnitudes_are_refused_not_cut(text: str) -> None:
    assert find_money(fold(text)) == []
