"""Countries, nationality adjectives and cities, keyed by folded Arabic spelling.

Country names come from CLDR (via Babel) so that any state is recognised without a
registry edit; seeds/registry adds spelling variants, irregular nationality adjectives
and cities.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale

from coalition_data.normalise import fold
from coalition_data.registry import read_registry


@dataclass(frozen=True)
class City:
    name_en: str
    country_code: str


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
    cities: dict[str, City]  # folded name -> city
    capitals: dict[str, City]  # ISO code -> capital city
    country_en: dict[str, str]  # ISO code -> English name
    country_ar: dict[str, str]  # ISO code -> CLDR Arabic name

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


@cache
def gazetteer() -> Gazetteer:
    ar = Locale("ar").territories
    en = Locale("en").territories
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for code, name in ar.items():
        if len(code) != 2 or not code.isalpha() or code in {"EU", "EZ", "UN", "ZZ", "QO"}:
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
    cities: dict[str, City] = {}
    capitals: dict[str, City] = {}
    for row in read_registry("places", ("city_en", "country_code", "names_ar")):
        city = City(row["city_en"], row["country_code"])
        for name in row["names_ar"].split("|"):
            cities[fold(name)] = city
        if row.get("capital_of"):
            capitals[row["capital_of"]] = city
    country_en = {c: en[c] for c in set(countries.values()) if c in en}
    country_ar = {c: ar[c] for c in set(countries.values()) if c in ar}
    return Gazetteer(countries, demonyms, cities, capitals, country_en, country_ar)
