"""Places in a window of folded text: cities (registry) and countries (CLDR)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from coalition_data.gazetteer import City, gazetteer


@dataclass(frozen=True)
class PlaceHit:
    city: City
    span: tuple[int, int]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _city_pattern() -> re.Pattern[str]:
    # "في روما" / "بالكويت" / "مؤتمر (لندن)" / "في العاصمه الايطاليه روما"
    cities = gazetteer().cities
    capitals = [c for c in cities if c.startswith("العاصمه ")]
    # a city after a preposition or in brackets; a capital phrase ("العاصمه السعوديه")
    # names a place wherever it stands
    return re.compile(
        rf"(?:(?:(?<![\u0621-\u064A])(?:في|ب|من|الي)\s*|\(\s*|(?<![\u0621-\u064A])ب)"
        rf"(?P<city>{_alt(cities)})|(?<![\u0621-\u064A])(?P<capital>{_alt(capitals)}))"
        rf"(?![\u0621-\u064A])"
    )


def find_cities(folded: str, start: int, end: int) -> list[PlaceHit]:
    g = gazetteer()
    hits = []
    for m in _city_pattern().finditer(folded, start, end):
        city = g.cities[m["city"] or m["capital"]]
        # "العاصمه الايطاليه روما": the capital phrase and the name are one place
        hits.append(PlaceHit(city, m.span()))
    return hits


@cache
def _lexicon_pattern(kind: str) -> re.Pattern[str]:
    """Whole-word alternation over the gazetteer's countries or nationality adjectives;
    country names may carry a one-letter clitic (وبلف)."""
    g = gazetteer()
    words = g.countries if kind == "countries" else g.demonyms
    clitic = r"(?:[وبلف]|ول|وب)?" if kind == "countries" else ""
    return re.compile(rf"(?<![\u0621-\u064A]){clitic}(?P<w>{_alt(words)})(?![\u0621-\u064A])")


def _find(kind: str, folded: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    g = gazetteer()
    table = g.countries if kind == "countries" else g.demonyms
    return [(table[m["w"]], m.span()) for m in _lexicon_pattern(kind).finditer(folded, start, end)]


def find_countries(folded: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Country names (CLDR + registry variants) in folded[start:end], as (ISO code, span)."""
    return _find("countries", folded, start, end)


def find_demonyms(folded: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Nationality adjectives (الكويتي، الأمريكية...) in folded[start:end]."""
    return _find("demonyms", folded, start, end)
