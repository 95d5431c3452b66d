"""An article prepared for extraction: folded text, offset map, sentences, evidence."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from coalition_data.normalise import fold_with_map

_SENTENCE_END = re.compile(r"[.!?؟]+(?=\s|$)|\n+")
_WRAPPED_END = re.compile(r"[.!?؟]+(?=\s|$)|\n\s*\n+")
_TRIM = " \t\n,،;:؛-–—"


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
                spans.append((start, m.end() if m.group()[0] != "\n" else m.start()))
            start = m.end()
        if start < len(self.folded):
            spans.append((start, len(self.folded)))
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
