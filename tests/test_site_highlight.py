"""The site shows each quote inside the words around it, and each article with its quotes
marked: what is marked must be exactly text[start:end], whatever the spans do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalition_data.site.highlight import excerpt, pieces

TEXT = ("عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا في روما يوم الثلاثاء.\n"
        "وقال وزير الخارجية الإيطالي إن التحالف سيواصل دعم العراق.")


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_the_quote_is_the_text_at_its_offsets_with_words_around_it() -> None:
    start, end = _span(TEXT, "اجتماعا في روما")
    e = excerpt(TEXT, start, end, width=20)
    assert e.quote == "اجتماعا في روما"
    assert e.before + e.quote + e.after in TEXT
    assert e.clipped_before and e.before.split(" ")[0] in TEXT.split()  # a whole word
    assert e.after.startswith(" يوم")


def test_context_stays_in_the_quotes_paragraph() -> None:
    start, end = _span(TEXT, "وزير الخارجية الإيطالي")
    e = excerpt(TEXT, start, end, width=200)
    assert "\n" not in e.before and e.before == "وقال "
    assert not e.clipped_before  # a paragraph's start is no cut: no ellipsis
    assert not e.clipped_after  # the text ends within the width


def test_a_span_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        excerpt(TEXT, 5, len(TEXT) + 1)


def test_overlapping_and_nested_quotes_cut_the_text_into_covered_pieces() -> None:
    meeting = _span(TEXT, "عقد وزراء خارجية التحالف الدولي ضد داعش اجتماعا في روما")
    place = _span(TEXT, "روما")
    people = _span(TEXT, "وزراء خارجية التحالف")
    parts = pieces(TEXT, [meeting, place, people, place])  # a repeated span counts once
    assert "".join(p.text for p in parts) == TEXT
    rome = next(p for p in parts if p.text == "روما")
    assert rome.spans == tuple(sorted({meeting, place}))
    ministers = next(p for p in parts if p.text == "وزراء خارجية التحالف")
    assert ministers.spans == tuple(sorted({meeting, people}))
    assert all(not p.spans for p in parts if p.offset >= meeting[1] and p.offset != place[0])


@given(st.text(alphabet="ابت ثج\n", min_size=1, max_size=60),
       st.lists(st.tuples(st.integers(0, 70), st.integers(0, 70)), max_size=8))
def test_pieces_always_rebuild_the_text_and_cover_exactly_their_spans(
        text: str, raw: list[tuple[int, int]]) -> None:
    spans = [(min(a, b), max(a, b)) for a, b in raw]
    parts = pieces(text, spans)
    assert "".join(p.text for p in parts) == text
    valid = {s for s in spans if s[0] < s[1] <= len(text)}
    for p in parts:
        end = p.offset + len(p.text)
        assert set(p.spans) == {s for s in valid if s[0] <= p.offset and end <= s[1]}
