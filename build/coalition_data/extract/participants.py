"""Who took part in a meeting: people, states and organisations, from the language.

A titled person counts as a participant when the text has them act at the meeting:
the subject of a speech or action verb (قال، أكد، اعتبر، رأى، قدّم...), or named with
بحضور / بمشاركة. People inside someone else's quotation, introduced without such a
verb (e.g. "حكومة رئيس الوزراء ..."), or speaking to the outlet or as members of
parliament are commentators, not participants. States take part as hosts, as states
joining the Coalition, or through the delegates who represent them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from coalition_data.extract.doc import Doc
from coalition_data.extract.people import PersonMention
from coalition_data.extract.places import find_countries
from coalition_data.normalise import fold
from coalition_data.registry import read_registry

ACT = re.compile(
    r"(?<![\u0621-\u064A])[وف]?(?:قال|قالت|اكد|اكدت|اعتبر|اعتبرت|راي|رات|ذكر|ذكرت|اوضح|اوضحت|"
    r"اشار|اشارت|اضاف|اضافت|شدد|شددت|لفت|لفتت|ابدي|ابدت|قدم|قدمت|تحدث|تحدثت|ترا?س|تراست|"
    r"افتتح|افتتحت|القي|القت|اعلن|اعلنت|دعا|دعت|جدد|جددت|بحضور|بمشاركه|من جانبه|من جانبها|"
    r"من جهته|من جهتها|شارك|شاركت|حضر|حضرت|مثل|مثلت)(?![\u0621-\u064A])"
)
CHAIR = re.compile(r"ترا?س|برياسه|تروس")
HOST = re.compile(r"بدعوه من|استضاف|يستضيف|تستضيف|باستضافه")
PRESENCE = re.compile(r"بحضور|بمشاركه|شارك|شاركت|حضر|حضرت|مثل|مثلت")
COMMENTATOR = re.compile(
    r"عضو (?:لجنه|البرلمان|مجلس النواب)|النايب في|المحلل|الخبير|الباحث|الكاتب|لموقع|لصحيفه|"
    r"لوكاله|لقناه|في تصريح ل|في حديث ل"
)
JOIN = re.compile(
    r"(?:بانضمام|انضمام|للانضمام|انضمت|انضم|بقرار)\s+(?:دوله\s+)?"
)
MAX_VERB_GAP = 45


@dataclass(frozen=True)
class PersonRole:
    person: PersonMention
    participation: str  # attended | hosted | chaired | spoke
    span: tuple[int, int]


@dataclass(frozen=True)
class StateRole:
    code: str
    participation: str  # hosted | joined | attended
    span: tuple[int, int]


def _inside_quotation(doc: Doc, pos: int) -> bool:
    """Inside «...» or "..." opened earlier in the same paragraph and not yet closed."""
    lo, _ = doc.paragraph_at(pos)
    segment = doc.text[doc.index[lo]:doc.index[pos]]
    if segment.count("«") > segment.count("»"):
        return True
    return segment.count('"') % 2 == 1 or segment.count("“") > segment.count("”")


def participant_people(doc: Doc, people: list[PersonMention]) -> list[PersonRole]:
    f = doc.folded
    out = []
    for p in people:
        s0, s1 = doc.sentence_at(p.span[0])
        gap_lo = max(s0, p.span[0] - MAX_VERB_GAP)
        verbs = list(ACT.finditer(f, gap_lo, p.span[0]))
        if not verbs or _inside_quotation(doc, p.span[0]):
            continue
        after = f[p.name_span[1]:min(s1, p.name_span[1] + 30)]
        if COMMENTATOR.search(p.title) or COMMENTATOR.search(f, gap_lo, p.span[0]) or \
                COMMENTATOR.search(after):
            continue
        verb = verbs[-1]
        window = f[verb.start():p.span[1] + 40]
        if CHAIR.search(window):
            role = "chaired"
        elif HOST.search(window):
            role = "hosted"
        elif PRESENCE.match(verb.group().lstrip("وف")):
            role = "attended"
        else:
            role = "spoke"
        out.append(PersonRole(p, role, (verb.start(), p.span[1])))
    return out


PRESENT_LIST = re.compile(
    r"(?<![\u0621-\u064A])(?:بحضور|بمشاركه|وبمشاركه|وبحضور|شارك فيه|شاركت فيه|ممثلين عن|"
    r"ممثلو|ممثلي|ممثل عن|ممثلون عن)(?![\u0621-\u064A])"
)
LIST_TAIL = 160


@dataclass(frozen=True)
class OrgRole:
    org_id: str
    name_en: str
    participation: str
    span: tuple[int, int]


@cache
def _org_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    names: dict[str, tuple[str, str]] = {}
    for r in read_registry("organisations", ("org_id", "name_en", "names_ar")):
        for n in r["names_ar"].split("|"):
            names[fold(n)] = (r["org_id"], r["name_en"])
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\u0621-\u064A])(?:[وبل]|لل)?(?P<o>{alt})(?![\u0621-\u064A])"), names


def present_parties(doc: Doc) -> tuple[list[StateRole], list[OrgRole]]:
    """States and organisations listed after a presence cue: "بمشاركة فرنسا والأمم المتحدة"."""
    f = doc.folded
    pattern, names = _org_pattern()
    states, orgs = [], []
    for cue in PRESENT_LIST.finditer(f):
        _, s1 = doc.sentence_at(cue.start())
        hi = min(s1, cue.end() + LIST_TAIL)
        clause = re.search(r"[.:;]|\s(?:حيث|كما|الذي|التي|وقال|واكد)\s", f[cue.end():hi])
        if clause:
            hi = cue.end() + clause.start()
        for m in pattern.finditer(f, cue.end(), hi):
            org_id, name_en = names[m["o"]]
            orgs.append(OrgRole(org_id, name_en, "attended", (cue.start(), m.end())))
        taken = [(m.start(), m.end()) for m in pattern.finditer(f, cue.end(), hi)]
        for code, span in find_countries(f, cue.end(), hi):
            if not any(a <= span[0] < b for a, b in taken):
                states.append(StateRole(code, "attended", (cue.start(), span[1])))
    return states, orgs


def joining_states(doc: Doc) -> list[StateRole]:
    """"رحب المجتمعون بانضمام أفغانستان إلى التحالف": a state joining the Coalition."""
    f = doc.folded
    out = []
    for m in JOIN.finditer(f):
        s0, s1 = doc.sentence_at(m.start())
        if "تحالف" not in f[s0:s1]:
            continue
        named = find_countries(f, m.end(), min(s1, m.end() + 25))
        if named and named[0][1][0] - m.end() <= 3:
            out.append(StateRole(named[0][0], "joined", (m.start(), named[0][1][1])))
    return out
