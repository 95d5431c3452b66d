"""Link person mentions to seeds/registry/people.csv with a bounded fuzzy match."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from unidecode import unidecode

from coalition_data.normalise import fold
from coalition_data.reference.registry import read_registry, registry_cache, registry_lru

MATCH_THRESHOLD = 85.0
SURNAME_MIN_LEN = 5


@dataclass(frozen=True)
class Role:
    role_en: str
    role_ar: str
    represents: str
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Person:
    person_id: str
    name_en: str
    country: str
    keys: tuple[str, ...]  # name keys of every Arabic spelling
    roles: tuple[Role, ...]

    def role_at(self, day: dt.date | None) -> Role | None:
        """The role held on `day`; the only role when the date is unknown or unbounded."""
        if day:
            for r in self.roles:
                if (r.start is None or r.start <= day) and (r.end is None or day <= r.end):
                    return r
        return self.roles[0] if len(self.roles) == 1 else None


def name_key(name: str) -> str:
    """Spelling-insensitive key: folded, ج/غ and ق/غ merged (Egyptian and Gulf spellings
    of a foreign g), 'ال' kept, spaces single."""
    return re.sub(r"\s+", " ", fold(name).replace("ج", "غ")).strip()


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@registry_cache
def people() -> tuple[Person, ...]:
    roles: dict[str, list[Role]] = {}
    for r in read_registry("people_roles", ("person_id", "role_en", "role_ar")):
        roles.setdefault(r["person_id"], []).append(
            Role(r["role_en"], r["role_ar"], r.get("represents", ""), _date(r.get("start", "")),
                 _date(r.get("end", ""))))
    return tuple(
        Person(r["person_id"], r["name_en"], r["country"],
               tuple(name_key(n) for n in r["names_ar"].split("|")),
               tuple(roles.get(r["person_id"], ())))
        for r in read_registry("people", ("person_id", "name_en", "names_ar", "country"))
    )


@registry_lru(maxsize=50_000)  # the same officials are named in article after article
def link_person(name: str, country: str | None = None) -> tuple[Person, float] | None:
    """Best registry person for a name as written, with the match score (0-100)."""
    k = name_key(name)
    surname = k.split()[-1]
    best: tuple[Person, float] | None = None
    for p in people():
        if country and p.country and country != p.country and p.country != "UN":
            continue
        score = 0.0
        for v in p.keys:
            if k == v:
                return p, 100.0
            s = fuzz.ratio(k, v)
            v_surname = v.split()[-1]
            if len(surname) >= SURNAME_MIN_LEN and len(v_surname) >= SURNAME_MIN_LEN:
                s = max(s, fuzz.ratio(surname, v_surname) - 2)  # a surname alone: a bit less
            score = max(score, s)
        if score >= MATCH_THRESHOLD and (best is None or score > best[1]):
            best = (p, round(score, 1))
    return best


def unknown_key(name: str) -> str:
    """Stable ASCII key for a person not in the registry."""
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(fold(name)).lower()).strip("-")
    return f"ar-{slug or 'unnamed'}"


TITLE_EN = (
    ("نايب رييس مجلس الوزراء", "Deputy Prime Minister"),
    ("نايب وزير الخارجيه", "Deputy Foreign Minister"),
    ("مساعد وزير الخارجيه", "Assistant Foreign Minister"),
    ("وزير الخارجيه", "Minister of Foreign Affairs"),
    ("وزيره الخارجيه", "Minister of Foreign Affairs"),
    ("وزير الدفاع", "Minister of Defence"),
    ("رييس الوزراء", "Prime Minister"),
    ("وزيره الدفاع", "Minister of Defence"),
    ("نايب المدير السياسي", "Deputy Political Director"),
    ("المدير السياسي", "Political Director"),
    ("مدير سياسي", "Political Director"),
    ("وكيل وزاره الخارجيه", "Under-Secretary of Foreign Affairs"),
    ("المبعوث الخاص", "Special Envoy"),
    ("المبعوث", "Envoy"),
    ("مبعوث", "Envoy"),
    ("السفير", "Ambassador"),
    ("سفير", "Ambassador"),
    ("المتحدث باسم", "Spokesperson"),
    ("الامين العام", "Secretary-General"),
    ("الرييس", "President"),
    ("وزير", "Minister"),
)


def translate_title(title_folded: str) -> str | None:
    for ar, en in TITLE_EN:
        if ar in title_folded:
            return en
    return None
