"""Officials as Arabic news introduces them: title + nationality + name.

"وزير الخارجية الأمريكي ريكس تريلسون", "المبعوث الخاص للرئيس الأمريكي ... "بريت ماكغروك"",
"نائب وزير الخارجية خالد الجارالله", "السفير الاميركي لدى الكويت دوغلاس سيليمان".
Later short references by surname ("الجارالله", "تريسلون") resolve to the same person
through a bounded fuzzy match on folded spellings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from coalition_data.extract.doc import Doc
from coalition_data.extract.places import find_countries, find_demonyms
from coalition_data.gazetteer import gazetteer
from coalition_data.normalise import fold
from coalition_data.registry import read_registry

TITLE = re.compile(
    r"(?<![\u0621-\u064A])(?:[وف]?(?:ال)?)"
    r"(?P<title>"
    r"نايب رييس مجلس الوزراء|رييس مجلس الوزراء|رييس الوزراء|رييس الحكومه|"
    r"نايب وزير الخارجيه|مساعد وزير الخارجيه|وكيل وزاره الخارجيه|وزير الخارجيه|وزيره الخارجيه|"
    r"وزير الدفاع|وزيره الدفاع|وزير الداخليه|وزير الماليه|وزير|وزيره|"
    r"مبعوث|المبعوث|منسق|المنسق|سفير|السفير|سفيره|الامين العام|امين عام|"
    r"المتحدث باسم|المتحدث الرسمي|الناطق باسم|رييس|الرييس|نايب الرييس|الملك|الامير|ولي العهد|"
    r"الشيخ|عضو|قايد|القايد|الجنرال|العقيد|اللواء"
    r")(?![\u0621-\u064A])"
)
# Words that continue a title rather than start a name.
TITLE_WORDS = set("""
الخاص الخاصه للرييس الرييس رييس الامريكي الاميركي في ضد لدي لدى بالتحالف للتحالف التحالف
الدولي الدوليه لمكافحه لمحاربه لهزيمه داعش تنظيم بالانابه بالنيابه الخارجيه وزير وزيره
الوزراء مجلس نايب الدفاع الامم المتحده العام الحكومه لشوون شوون مكافحه الارهاب التابع
عن باسم الرسمي لجنه الامن والدفاع البرلمان النواب مجلس الامن العالمي للامم اول الاول
السابق الجديد المكلف وزاره والمغتربين الدوله الاتحاد الاوروبي المفوضيه العليا
""".split())
TOKEN = re.compile(r"[\u0621-\u064A]+")
MAX_NAME_TOKENS = 4
HONORIFIC = {"الشيخ", "الامير", "الملك"}


@dataclass(frozen=True)
class PersonMention:
    name: str  # folded
    title: str  # folded, as far as it goes
    country: str | None
    span: tuple[int, int]  # title start .. name end, folded coordinates
    name_span: tuple[int, int]


@cache
def _place_words() -> frozenset[str]:
    g = gazetteer()
    return frozenset(w for k in (*g.countries, *g.demonyms) for w in k.split())


STOP_WORDS = frozenset(
    "ان في الى الي علي على خلال الذي التي الذين من عن قال اكد وقال واكد مع و لدي لدى بان انه "
    "امس اليوم يوم حيث كما بعد قبل اثناء عقب".split()
)
SKIPPABLE_IN_TITLE = frozenset({"في", "عن", "لدي", "لدى"})


def _is_title_word(word: str) -> bool:
    if word in TITLE_WORDS or word in _place_words() or TITLE.fullmatch(word):
        return True
    # one-letter clitic: "لداعش", "بالتحالف", "وزير" after "و"
    return len(word) > 3 and word[0] in "لبو" and (
        word[1:] in TITLE_WORDS or word[1:] in _place_words())


NAME_PARTICLES = ("ال", "بن", "ابن", "ابو", "عبد", "دي", "فان", "فون", "ماك", "مك")


def _continues_name(tokens: list[re.Match[str]], word: str) -> bool:
    """Two tokens make a name; more only through family-name particles (الصباح، بن)."""
    if len(tokens) < 2:
        return True
    previous = tokens[-1].group()
    return word.startswith(NAME_PARTICLES) or previous in NAME_PARTICLES


def find_people(doc: Doc) -> list[PersonMention]:
    """Titled person mentions, in text order."""
    f = doc.folded
    out = []
    for t in TITLE.finditer(f):
        pos, title_end = t.end(), t.end()
        name_tokens: list[re.Match[str]] = []
        while len(name_tokens) < MAX_NAME_TOKENS:
            while pos < len(f) and f[pos] in " \u200f\u200e":
                pos += 1
            if pos >= len(f):
                break
            opening = doc.text[doc.index[pos]] in '"«“'
            comma = f[pos] in "،," and title_end > t.end()
            if not name_tokens and (opening or comma):  # «بريت ماكغروك» / "..., إسكندر وتوت"
                pos += 1
                continue
            m = TOKEN.match(f, pos)
            if not m:
                break
            word = m.group()
            if word in STOP_WORDS:
                if name_tokens or word not in SKIPPABLE_IN_TITLE:
                    break
                title_end = pos = m.end()
                continue
            if not name_tokens and _is_title_word(word):
                title_end = pos = m.end()
                continue
            if name_tokens and (_is_title_word(word) or not _continues_name(name_tokens, word)):
                break
            name_tokens.append(m)
            pos = m.end()
        if not name_tokens:
            continue
        name_span = (name_tokens[0].start(), name_tokens[-1].end())
        title_span = (t.start(), title_end)
        demonyms = find_demonyms(f, *title_span)
        countries = find_countries(f, *title_span)
        country = demonyms[0][0] if demonyms else None
        if country is None and countries and "لدي" not in f[title_span[0]:title_span[1]]:
            country = countries[0][0]
        out.append(PersonMention(
            name=" ".join(m.group() for m in name_tokens),
            title=f[title_span[0]:title_span[1]],
            country=country,
            span=(t.start(), name_span[1]),
            name_span=name_span,
        ))
    titled = _drop_nested(out)
    return sorted(titled + find_named_first(doc, titled), key=lambda p: p.span)


@cache
def _registry_names() -> re.Pattern[str] | None:
    """Multi-word registry spellings, folded: names that may stand before their title."""
    names = {fold(n) for r in read_registry("people", ("person_id", "names_ar"))
             for n in r["names_ar"].split("|") if " " in n.strip()}
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\u0621-\u064A])(?:{alt})(?![\u0621-\u064A])")


def find_named_first(doc: Doc, titled: list[PersonMention]) -> list[PersonMention]:
    """Registry names written before their title: "قال جون كيري، وزير الخارجية الأمريكي"."""
    pattern = _registry_names()
    if pattern is None:
        return []
    f = doc.folded
    taken = [p.name_span for p in titled]
    out = []
    for m in pattern.finditer(f):
        if any(a <= m.start() < b for a, b in taken):
            continue
        title_span = (m.end(), m.end())
        t = re.compile(r"\s*[,،]?\s*").match(f, m.end())
        tm = TITLE.match(f, t.end()) if t else None
        if tm:
            end = tm.end()
            while (w := re.compile(r"\s+([\u0621-\u064A]+)").match(f, end)) and \
                    _is_title_word(w.group(1)):
                end = w.end()
            title_span = (tm.start(), end)
        demonyms = find_demonyms(f, *title_span)
        out.append(PersonMention(
            name=m.group(), title=f[title_span[0]:title_span[1]].strip(),
            country=demonyms[0][0] if demonyms else None,
            span=(m.start(), max(m.end(), title_span[1])), name_span=m.span(),
        ))
    return out


def _drop_nested(people: list[PersonMention]) -> list[PersonMention]:
    """"نائب رئيس مجلس الوزراء وزير الخارجية ... X" gives one mention, not two."""
    keep = []
    for p in people:
        if any(q is not p and q.name_span == p.name_span and q.span[0] < p.span[0]
               for q in people):
            continue
        keep.append(p)
    return keep


def surname(name: str) -> str:
    return name.split()[-1]


def resolve_reference(token: str, people: list[PersonMention], before: int
                      ) -> tuple[PersonMention, float] | None:
    """The introduced person a bare name (e.g. a surname) most likely refers to."""
    best: tuple[PersonMention, float] | None = None
    for p in people:
        if p.span[0] > before:
            continue
        score = max(fuzz.ratio(token, surname(p.name)), fuzz.ratio(token, p.name))
        if score >= 80 and (best is None or score > best[1]):
            best = (p, score)
    return best
