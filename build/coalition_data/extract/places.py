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
    return re.compile(
        rf"(?:(?<![\u0621-\u064A])(?:في|ب|من|الي)\s*|\(\s*|(?<![\u0621-\u064A])ب)"
        rf"(?P<city>{_alt(gazetteer().cities)})(?![\u0621-\u064A])"
    )


def find_cities(folded: str, start: int, end: int) -> list[PlaceHit]:
    g = gazetteer()
    hits = []
    for m in _city_pattern().finditer(folded, start, end):
        city = g.cities[m["city"]]
        # "العاصمه الايطاليه روما": the capital phrase and the name are one place
        hits.append(PlaceHit(city, m.span()))
    return hits


@cache
def _country_pattern() -> re.Pattern[str]:
    g = gazetteer()
    return re.compile(rf"(?<![\u0621-\u064A])(?:[وبلف]|ول|وب)?(?P<c>{_alt(g.countries)})(?![\u0621-\u064A])")


def find_countries(folded: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    g = gazetteer()
    return [(g.countries[m["c"]], m.span()) for m in _country_pattern().finditer(folded, start, end)]


@cache
def _demonym_pattern() -> re.Pattern[str]:
    g = gazetteer()
    return re.compile(rf"(?<![\u0621-\u064A])(?P<d>{_alt(g.demonyms)})(?![\u0621-\u064A])")


def find_demonyms(folded: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    g = gazetteer()
    return [(g.demonyms[m["d"]], m.span()) for m in _demonym_pattern().finditer(folded, start, end)]
