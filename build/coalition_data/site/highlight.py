"""Cut an article's text into pieces so that evidence quotes can be highlighted in place.

Pure functions over (text, spans): the site shows every fact's quote inside the words around
it, and every article with all its quotes marked. Spans are character offsets into the text
(the same offsets the tables carry), so what is marked is exactly `text[start:end]`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Excerpt:
    """A quote with the words before and after it, cut at word boundaries."""

    before: str
    quote: str
    after: str
    start: int
    end: int
    clipped_before: bool
    clipped_after: bool


@dataclass(frozen=True)
class Piece:
    """A run of text whose characters are covered by the same set of spans."""

    text: str
    offset: int
    spans: tuple[tuple[int, int], ...]


def _cut_left(text: str, pos: int, width: int) -> int:
    """Start of the context before `pos`: at most `width` characters, moved to a word start."""
    lo = max(0, pos - width)
    newline = text.rfind("\n", lo, pos)
    if newline >= 0:  # stay inside the quote's paragraph
        return newline + 1
    if lo == 0:
        return 0
    space = text.find(" ", lo, pos)
    return space + 1 if space >= 0 else lo


def _cut_right(text: str, pos: int, width: int) -> int:
    """End of the context after `pos`: at most `width` characters, moved to a word end."""
    hi = min(len(text), pos + width)
    if hi == len(text):
        return hi
    newline = text.find("\n", pos, hi)
    if newline >= 0:
        return newline
    space = text.rfind(" ", pos, hi)
    return space if space >= 0 else hi


def excerpt(text: str, start: int, end: int, width: int = 160) -> Excerpt:
    """The quote `text[start:end]` with up to `width` characters of context on each side."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}-{end} outside a text of {len(text)} characters")
    lo, hi = _cut_left(text, start, width), _cut_right(text, end, width)
    return Excerpt(text[lo:start], text[start:end], text[end:hi], start, end,
                   lo > 0 and text[lo - 1] != "\n", hi < len(text) and text[hi] != "\n")


def pieces(text: str, spans: Iterable[tuple[int, int]]) -> list[Piece]:
    """Split `text` at every span boundary; each piece lists the spans that cover it.

    Overlapping and nested spans are allowed (two facts often quote the same sentence); the
    pieces concatenate back to `text` exactly.
    """
    spans = sorted({(s, e) for s, e in spans if 0 <= s < e <= len(text)})
    cuts = sorted({0, len(text), *(s for s, _ in spans), *(e for _, e in spans)})
    out: list[Piece] = []
    active: list[tuple[int, int]] = []
    nxt = 0  # spans are sorted by start: a sweep keeps this linear in pieces + spans
    for lo, hi in itertools.pairwise(cuts):
        active = [sp for sp in active if sp[1] > lo]
        while nxt < len(spans) and spans[nxt][0] <= lo:
            active.append(spans[nxt])
            nxt += 1
        out.append(Piece(text[lo:hi], lo, tuple(sorted(active))))
    return out
