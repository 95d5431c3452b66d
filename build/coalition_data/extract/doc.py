"""An article prepared for extraction: folded text, offset map, sentences, evidence."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from coalition_data.normalise import fold_with_map

# a full stop after a lone letter is an initial ("يامينو إ. موسى"، "د. محمد"), no sentence
# end; but "2015 م." and "1436 هـ." (the calendar) end sentences
_INITIAL = r"(?<!\s[\u0621-\u0644\u0646\u0648-\u064A])"
_SENTENCE_END = re.compile(_INITIAL + r"[.!?؟]+(?=\s|$)|\n+")
_WRAPPED_END = re.compile(_INITIAL + r"[.!?؟]+(?=\s|$)|\n\s*\n+")
_TRIM = " \t\n,،;:؛-–—"
# No real sentence is this long (the longest of 176 news articles has ~600 characters);
# text without sentence breaks is cut into pieces of about this size at a space, so every
# pass that scans a sentence around each cue stays linear in the article's length.
MAX_SENTENCE = 1500
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Evidence:
    article_id: str
    char_start: int
    char_end: int
    quote: str


@dataclass
class Doc:
    article_id: str
    text: str
    published: dt.date | None
    published_end: dt.date | None = None  # last possible day when only an interval is known
    folded: str = field(init=False)
    index: Sequence[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.folded, self.index = fold_with_map(self.text)
        if self.hard_wrapped:
            # a line break inside a paragraph of wrapped text is a space to every pattern
            # ("لمجموعة\nالعمل"); one character for one, so offsets stay exact
            self.folded = re.sub(r"(?<!\n)\n(?!\n)", " ", self.folded)

    @cached_property
    def hard_wrapped(self) -> bool:
        """True when single line breaks fall inside sentences (text wrapped at a fixed
        width): most long lines end without punctuation and the next line goes on."""
        lines = [ln.strip() for ln in self.folded.split("\n") if ln.strip()]
        long = [ln for ln in lines if len(ln) >= 55]
        if len(long) < 4:
            return False
        open_ended = [ln for ln in long if not re.search(r"[.!?؟:;,\")»]$", ln)]
        if len(open_ended) / len(long) < 0.6:
            return False
        # wrapped at a fixed width: the open-ended lines have about the same length
        width = sorted(len(ln) for ln in open_ended)[len(open_ended) // 2]
        near = sum(1 for ln in open_ended if abs(len(ln) - width) <= width * 0.2)
        return near / len(open_ended) >= 0.6

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in folded coordinates (split at . ! ? ؟ and line breaks; in
        hard-wrapped text a single line break is no sentence end)."""
        spans, start = [], 0
        ends = _WRAPPED_END if self.hard_wrapped else _SENTENCE_END
        for m in ends.finditer(self.folded):
            if m.start() > start:
                spans += _pieces(self.folded, start, m.end() if m.group()[0] != "\n"
                                 else m.start())
            start = m.end()
        if start < len(self.folded):
            spans += _pieces(self.folded, start, len(self.folded))
        return spans

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_at(self, pos: int) -> tuple[int, int]:
        """The sentence holding `pos` (binary search: long articles stay linear)."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0:
            s, e = self.sentences[i]
            if s <= pos < e:
                return s, e
        return 0, len(self.folded)

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        spans, start = [], 0
        for m in re.finditer(r"\n+", self.folded):
            spans.append((start, m.start()))
            start = m.end()
        spans.append((start, len(self.folded)))
        return spans

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [s for s, _ in self.paragraphs]

    def paragraph_at(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._paragraph_starts, pos) - 1
        if i >= 0:
            s, e = self.paragraphs[i]
            if s <= pos <= e:
                return s, e
        return 0, len(self.folded)

    def evidence(self, fstart: int, fend: int) -> Evidence:
        """Evidence for folded span [fstart, fend): exact original words, edges trimmed."""
        start = self.index[fstart]
        end = self.index[fend - 1] + 1 if fend > fstart else start
        while start < end and self.text[start] in _TRIM:
            start += 1
        while end > start and self.text[end - 1] in _TRIM:
            end -= 1
        return Evidence(self.article_id, start, end, self.text[start:end])

    def original(self, fstart: int, fend: int) -> str:
        return self.evidence(fstart, fend).quote


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) as one sentence, or cut at a space every ~MAX_SENTENCE characters
    (at the limit itself when there is no space: one long word)."""
    out = []
    while end - start > MAX_SENTENCE:
        space = _SPACE.search(text, start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = space.start() + 1 if space else start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


class Points:
    """Sorted positions; `any_in(lo, hi)` in O(log n) instead of a scan per query."""

    def __init__(self, positions) -> None:
        self._p = sorted(positions)

    def any_in(self, lo: int, hi: int) -> bool:
        i = bisect_left(self._p, lo)
        return i < len(self._p) and self._p[i] < hi


class Spans:
    """Spans (start, end); `covers(pos)`: does any span hold pos? O(log n) per query."""

    def __init__(self, spans) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach, best = [], -1
        for _, e in ordered:
            best = max(best, e)
            self._reach.append(best)

    def covers(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and self._reach[i] > pos
