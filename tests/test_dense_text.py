"""Hostile dense text must not cost super-linear time (issue 22, item 8): each pattern at
64 kB must finish well within a generous bound; before the fix they took from seconds
(46 kB without a sentence break: 1.5 s, 1.6 kB of word salad: 10 s) to minutes.
The scaling itself is measured by benchmarks/bench_dense_text.py, not here."""

from __future__ import annotations

import datetime as dt
import random
import time

import pytest

from coalition_data.clean import clean_text, split_glued_names
from coalition_data.extract.doc import MAX_SENTENCE, Doc
from coalition_data.facts import extract_article

SIZE = 64_000
BOUND = 15.0  # CPU seconds; an ordinary 64 kB article takes well under one


def _repeat(unit: str) -> str:
    return (unit * (SIZE // len(unit) + 1))[:SIZE]


def _salad() -> str:
    rng = random.Random(7)
    words = ("وزير الخارجية الأمريكي بمشاركة فرنسا ألمانيا قال اجتماع التحالف الدولي مليون "
             "دولار القرار بحضور السفير الدكتور معالي سمو بن آل في من مصر والأردن ، رئيس "
             "برئاسة المبعوث الخاص «").split()
    return " ".join(rng.choice(words) for _ in range(SIZE // 5))[:SIZE]


DENSE = {
    "people": _repeat("وزير الخارجية الأمريكي جون كيري و"),
    "states": _repeat("بمشاركة فرنسا وألمانيا و"),
    "no_breaks": _repeat("اجتماع التحالف الدولي ضد داعش في الكويت بحضور وزير الخارجية "
                         "الأمريكي ريكس تيلرسون ودول مصر والأردن والعراق و "),
    "word_salad": _salad(),
}


@pytest.mark.parametrize("name", sorted(DENSE))
def test_dense_text_is_extracted_in_bounded_time(name: str) -> None:
    text = clean_text(DENSE[name]).text
    t0 = time.process_time()
    extract_article({"article_id": "dense", "text": text, "published_date": dt.date(2018, 2, 13)})
    assert time.process_time() - t0 < BOUND


def test_one_long_word_is_cleaned_quickly() -> None:
    word = "ب" * 80_000  # took 4.4 s in the glued-name split
    t0 = time.process_time()
    assert clean_text(word).text == word
    assert time.process_time() - t0 < 1.0


def test_glued_names_are_still_split() -> None:
    assert split_glued_names("دعم العراقوسوريا") == ("دعم العراق وسوريا", 1)


def test_text_without_breaks_is_cut_into_bounded_sentences() -> None:
    doc = Doc("x", DENSE["no_breaks"], None)
    assert max(e - s for s, e in doc.sentences) <= MAX_SENTENCE
    assert doc.sentences[0][0] == 0 and doc.sentences[-1][1] == len(doc.folded)
    assert all(a[1] == b[0] for a, b in zip(doc.sentences, doc.sentences[1:], strict=False))


def test_ordinary_sentences_are_not_cut() -> None:
    text = "قال الوزير إن الاجتماع ناجح. " + "وأكد المشاركون دعمهم للعراق، " * 40 + "واختتم."
    doc = Doc("x", text, None)
    assert len(doc.sentences) == 2
