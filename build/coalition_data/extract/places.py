"""Places in a window of folded text: cities (GeoNames + registry) and countries (CLDR).

A GeoNames name is only taken as a place inside a place construction, because many
city names are also ordinary words: after a preposition (في، ب، من، إلى، ف in Maghrebi
Arabic, or an opening bracket), after "مدينة" / "العاصمة", or as the subject or object
of a hosting verb (see extract.meetings). Small towns need "مدينة" before them; after a
bare preposition only registry names and cities of `MIN_POPULATION` people are taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coalition_data.gazetteer import City, gazetteer, skeleton
from coalition_data.registry import registry_cache

MIN_POPULATION = 1_000_000
# Words that stand before a state's name ("المملكة المغربية", "سلطنة عمان", "دولة الكويت").
STATE_TITLE = r"(?:دوله|المملكه|مملكه|سلطنه|جمهوريه|اماره)"
# Common nouns that GeoNames also lists as the Arabic name of a large city.
COMMON_NOUNS = frozenset({"ميدان", "ميادين", "دوله", "بيان", "اساس", "تامين", "امان", "سلام",
                          "ارض", "مدن", "بلد", "حماه", "صور", "العين"})
# Regions, seas and features that GeoNames also lists as a town ("منطقة الساحل" is no
# As Sahil in Egypt; "شبه الجزيرة"، "(الجزيرة نت)" are no Algiers): never a venue.
REGIONS = frozenset({"الساحل", "الجزيره", "الخليج", "المتوسط", "الشرق الاوسط", "البلقان"})
# "لبحث الأوضاع في سوريا"، "الحرب في العراق"، "إعادة إعمار مدينة الموصل": after such a
# topic, the place says what is discussed, not where the meeting is
_TOPIC_BEFORE = re.compile(r"(?<![\u0621-\u064A])(?:ال)?(?:اوضاع|وضع|ازمه|تطورات|حرب|صراع|نزاع|"
                           r"قتال|معارك|معركه|هجمات|ارهاب|عمليات|تحرير|استعاده|اعمار|حصار)\s+$")
_MAX_WORDS = 4  # "مقر حلف شمال الأطلسي"
_WORD = re.compile(r"[\u0621-\u064A]+")


@dataclass(frozen=True)
class PlaceHit:
    city: City
    span: tuple[int, int]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# A preposition glued to the name (بروما، فمراكش) or standing before it (في روما).
_CUE = re.compile(
    r"(?<![\u0621-\u064A])(?:"
    # "في مقر وزارة الخارجية الإيطالية"، "بوزارة الدفاع الأمريكية": the state's capital
    r"(?P<seat>(?:ب|في\s+)(?:مقر\s+)?(?:وزاره\s+)?(?:ال)?(?:خارجيه|دفاع)\s+)|"
    r"(?P<prep>في|من|الي|حتي|نحو|قرب|بالقرب من|ضواحي|بضواحي)\s+|"
    # "بمدينة مراكش": the city word with its clitic before a bare clitic
    r"(?P<city_word>(?:ب|في\s+|من\s+|الي\s+)?(?:مدينه|العاصمه|عاصمه)"
    r"(?:\s+ال[\u0621-\u064A]+ي(?:ه)?(?![\u0621-\u064A]))?\s*)|"
    # "في مقاطعة كيبك"، "بمحافظة أربيل": a province named for its chief city
    r"(?P<province>(?:ب|في\s+|من\s+|الي\s+)?(?:محافظه|مقاطعه|اقليم|اماره)\s+)|"
    r"(?P<clitic>[بف])(?=[\u0621-\u064A]{3})|(?P<bracket>\(\s*))"
)


def lookup(folded: str, pos: int, end: int, strict: bool) -> PlaceHit | None:
    """The longest city name (1-4 words) starting at `pos`; `strict` applies the
    population floor to GeoNames-only names."""
    g = gazetteer()
    words = []
    p = pos
    for _ in range(_MAX_WORDS):
        m = _WORD.match(folded, p)
        if not m or m.end() > end:
            break
        words.append(m)
        p = m.end()
        while p < end and folded[p] == " ":
            p += 1
    for n in range(len(words), 0, -1):
        key = " ".join(w.group() for w in words[:n])
        city = g.cities.get(key)
        if city is None or key in REGIONS:
            continue
        if key in g.countries and key not in g.curated:
            continue  # a country's name (عمان، جيبوتي): read as the country
        if strict and key not in g.curated and (city.population < MIN_POPULATION
                                                 or key in COMMON_NOUNS):
            # a smaller city is taken when its country follows: "بشتوتغارت الألمانية"
            nxt = _WORD.match(folded, words[n - 1].end() + 1)
            nw = nxt.group().removeprefix("ب") if nxt else ""
            if key in COMMON_NOUNS or not nxt or city.country_code not in (
                    g.demonyms.get(nw), g.countries.get(nw)):
                continue
        return PlaceHit(city, (pos, words[n - 1].end()))
    for n in range(len(words), 0, -1):
        key = " ".join(w.group() for w in words[:n])
        sk = skeleton(key)
        city = g.skeletons.get(sk)
        if city and len(sk.removeprefix("ال")) >= 4 and key not in g.countries and \
                key not in REGIONS and \
                key[-1] == g.skeleton_names[sk][-1] and key not in COMMON_NOUNS and (
                    not strict or city.population >= MIN_POPULATION
                    or g.skeleton_names[sk] in g.curated):
            return PlaceHit(city, (pos, words[n - 1].end()))
    return None


def find_cities(folded: str, start: int, end: int) -> list[PlaceHit]:
    """Cities named in a place construction inside folded[start:end]."""
    g = gazetteer()
    hits: list[PlaceHit] = []
    for cue in _CUE.finditer(folded, start, end):
        if cue["city_word"]:
            # "مدينة سكيرات" / "العاصمة الإيطالية روما" / "العاصمة الإيطالية"
            lead = cue.group().rstrip()
            phrase = re.sub(r"^(?:ب|في\s+|من\s+|الي\s+)", "", lead)
            h = lookup(folded, cue.end(), end, strict=False) if cue.end() > len(lead) + cue.start() \
                else None
            if h is None and phrase in g.cities:
                h = PlaceHit(g.cities[phrase], (cue.start(), cue.start() + len(lead)))
        elif cue["seat"]:
            dem = [c for c in find_demonyms(folded, cue.end(), min(end, cue.end() + 25))
                   if c[1][0] == cue.end()]
            capital = g.capitals.get(dem[0][0]) if dem else None
            h = PlaceHit(capital, dem[0][1]) if capital else None
        elif cue["clitic"]:
            h = lookup(folded, cue.end(), end, strict=True)
            if h and " ".join(folded[h.span[0]:h.span[1]].split()) not in g.curated:
                h = None
        else:
            h = lookup(folded, cue.end(), end, strict=True)
        if h is not None:
            hits.append(PlaceHit(h.city, (cue.start(), h.span[1])))
    out: list[PlaceHit] = []
    for h in hits:  # overlapping cues ("في مدينة X"): keep the first, longest
        if out and h.span[0] < out[-1].span[1]:
            if h.span[1] > out[-1].span[1]:
                out[-1] = PlaceHit(h.city, (out[-1].span[0], h.span[1]))
            continue
        out.append(h)
    return out


def after_topic(folded: str, pos: int) -> bool:
    """Does a topic noun ("الأوضاع"، "الحرب") stand right before `pos` (a "في X" there
    names the subject, not the venue)?"""
    return bool(_TOPIC_BEFORE.search(folded, max(0, pos - 14), pos))


def city_at(folded: str, pos: int, end: int, strict: bool = True) -> PlaceHit | None:
    """A city named right at `pos` with no cue (subject of a hosting verb, a dateline);
    `strict=False` where the construction itself says a place follows."""
    m = re.compile(r"\s*(?:العاصمه|عاصمه|مدينه)\s+").match(folded, pos)
    if m:
        for h in find_cities(folded, pos, end):
            if h.span[0] == pos or h.span[0] == m.start():
                return h
    hit = lookup(folded, pos, end, strict=strict)
    if hit and not strict and " ".join(folded[hit.span[0]:hit.span[1]].split()) in COMMON_NOUNS:
        return None
    return hit


@registry_cache
def _lexicon_pattern(kind: str) -> re.Pattern[str]:
    """Whole-word alternation over the gazetteer's countries or nationality adjectives;
    country names may carry a one-letter clitic (وبلف)."""
    g = gazetteer()
    words = g.countries if kind == "countries" else g.demonyms
    if kind != "countries":
        return re.compile(rf"(?<![\u0621-\u064A])(?P<w>{_alt(words)})(?![\u0621-\u064A])")
    # ل before ال writes لل ("للمغرب" = ل + المغرب): the name then lacks its alif
    al = [w[2:] for w in words if w.startswith("ال") and len(w) > 4]
    return re.compile(rf"(?<![\u0621-\u064A])(?:(?:[وبلف]|ول|وب)?(?P<w>{_alt(words)})|"
                      rf"[وف]?لل(?P<l>{_alt(al)}))(?![\u0621-\u064A])")


def _find(kind: str, folded: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    g = gazetteer()
    table = g.countries if kind == "countries" else g.demonyms
    out = []
    for m in _lexicon_pattern(kind).finditer(folded, start, end):
        out.append((table[m["w"] if m["w"] else "ال" + m["l"]], m.span()))
    return out


def bare_name(folded: str, span: tuple[int, int]) -> tuple[int, int]:
    """The span of a found country name or demonym without its attached particle
    (وبلجيكا -> بلجيكا, بالكويت -> الكويت): the name as a reader would quote it."""
    for kind in ("countries", "demonyms"):
        m = _lexicon_pattern(kind).match(folded, *span)
        if m and m.end() == span[1]:
            # "للمغرب" has no "المغرب" inside: quoted from its second letter, "لمغرب" is
            # no word either, so the whole word stands
            return m.span("w") if m["w"] else m.span()
    if _FORMAL.match(folded, *span):  # a formal name: no title starts with و/ب/ل/ف
        lo = span[0]
        while folded[lo] in "وبلف" and not re.match(rf"(?:ال)?{STATE_TITLE}", folded[lo:]):
            lo += 1
        return lo, span[1]
    return span


def find_countries(folded: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Country names (CLDR + registry variants) in folded[start:end], as (ISO code, span)."""
    return _find("countries", folded, start, end)


_FORMAL = re.compile(rf"(?<![\u0621-\u064A])(?:[وبلف]|ول|وب)?(?:ال)?{STATE_TITLE}\s+(?=ال)")


def find_states(folded: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Country names, and formal names made of a state title and a nationality adjective
    ("الجمهورية التركية"، "والمملكة المغربية"), as (ISO code, span), in text order."""
    out = find_countries(folded, start, end)
    for m in _FORMAL.finditer(folded, start, end):
        hit = [c for c in find_demonyms(folded, m.end(), min(end, m.end() + 30))
               if c[1][0] == m.end()]
        if hit and not any(a <= m.start() < b or m.start() <= a < hit[0][1][1]
                           for _, (a, b) in out):
            out.append((hit[0][0], (m.start(), hit[0][1][1])))
    return sorted(out, key=lambda c: c[1])


def find_demonyms(folded: str, start: int, end: int) -> list[tuple[str, tuple[int, int]]]:
    """Nationality adjectives (الكويتي، الأمريكية...) in folded[start:end]."""
    return _find("demonyms", folded, start, end)
