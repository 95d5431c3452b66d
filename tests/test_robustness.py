"""Whatever the text, extraction does not crash and every evidence quote is an exact
slice of the cleaned text (the invariant the build validates)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coalition_data.clean import clean_text
from coalition_data.facts import extract_facts
from coalition_data.paths import DEFAULT_SEEDS

FRAGMENTS = [s for p in sorted(DEFAULT_SEEDS.glob("*.txt"))
             for s in p.read_text(encoding="utf-8").replace("\n", " . ").split(" . ") if s][:80]
WORDS = ["اجتماع", "التحالف", "المجموعة المصغرة", "في روما", "اليوم", "أمس", "الخميس",
         "تعهدت الكويت بتقديم", "مليون دولار", "قرار مجلس الأمن رقم", "2254", "٢٠٠",
         "وزير الخارجية الأمريكي", "«", "»", '"', "،", ".", "\n", "بحضور", "برئاسة مشتركة من",
         "أواخر ربيع", "يوليو المقبل", "ـ", "ً", "😀", "\u200f", "مؤتمر (لندن)"]
PIECES = st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(WORDS),
                   st.text(max_size=12))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(PIECES, min_size=1, max_size=25),
       published=st.one_of(st.none(), st.dates(dt.date(2014, 1, 1), dt.date(2030, 1, 1))))
def test_extraction_never_crashes_and_quotes_are_exact(pieces: list[str],
                                                       published: dt.date | None) -> None:
    text = clean_text(" ".join(pieces)).text
    if not text:
        return
    out = extract_facts([{"article_id": "x", "text": text, "published_date": published}])
    for table, rows in out.items():
        for r in rows:
            assert text[r["char_start"]:r["char_end"]] == r["quote"], (table, r)
            assert 0 <= r["char_start"] <= r["char_end"] <= len(text)
