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
from bisect import bisect_left
from dataclasses import dataclass

from coalition_data.extract.doc import Doc, Points, Spans
from coalition_data.extract.people import NOT_PARTICIPANT_TITLE, PersonMention, surname
from coalition_data.extract.places import (
    STATE_TITLE,
    bare_name,
    find_countries,
    find_demonyms,
    find_states,
)
from coalition_data.normalise import fold
from coalition_data.reference.registry import read_registry, registry_cache

ACT = re.compile(
    r"(?<![\u0621-\u064A])[وف]?(?:قال|قالت|اكد|اكدت|اعتبر|اعتبرت|راي|رات|ذكر|ذكرت|اوضح|اوضحت|"
    r"اشار|اشارت|اضاف|اضافت|شدد|شددت|لفت|لفتت|ابدي|ابدت|قدم|قدمت|تحدث|تحدثت|ترا?س|تراست|"
    r"افتتح|افتتحت|القي|القت|اعلن|اعلنت|دعا|دعت|جدد|جددت|بحضور|بمشاركه|من جانبه|من جانبها|"
    r"من جهته|من جهتها|شارك|شاركت|حضر|حضرت|مثل|مثلت|حذر|حذرت|عرض|عرضت|استعرض|استعرضت|"
    r"كشف|كشفت|طالب|طالبت|رحب|رحبت|اعرب|اعربت|يقود|قاد|ترا?ست|اكدت|بين الحاضرين|"
    r"بين المشاركين|ضمن الحاضرين|ضمن المشاركين|يراس|يتراس|تتراس|يمثل|تمثل|ادار|ادارت|"
    r"ادارها|ادارتها|يدير|تدير|تقدم|تقدمت|يتقدم|تتقدم|تصدر|تصدرت)(?![\u0621-\u064A])"
)
CHAIR = re.compile(r"ترا?س|برياسه|تروس|(?<![\u0621-\u064A])[وف]?(?:ادار|ادارت|ادارها|ادارتها|"
                   r"يدير|تدير|يديرها|تديرها)(?![\u0621-\u064A])|"  # "أدار الجلسة": chaired
                   # "ويرأس الاجتماع X وY" (not "يرأس وفد بلاده", "بوفد يرأسه": a delegation)
                   r"(?<![\u0621-\u064A])(?<!وفد )[وف]?(?:يراس|سيراس|يراسان|سيراسان|يراسه|يراسها)"
                   r"(?![\u0621-\u064A])(?!\s+(?:ال)?وفد)")
def _chairing(f: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Chairing words in [lo, hi) that chair the meeting: "وفد عراقي برئاسة السفير" is a
    delegation headed by him, not the meeting."""
    return [c for c in CHAIR.finditer(f, lo, hi)
            if not re.search(r"(?<![\u0621-\u064A])[وب]?(?:ال)?وفد(?:ا)?(?:\s+\S+){0,2}\s+$",
                             f[max(0, c.start() - 30):c.start()])]


HOST = re.compile(r"بدعوه من|استضاف|يستضيف|تستضيف|باستضافه|برعايه|تحت رعايه")  # patron = host
PRESENCE = re.compile(r"بحضور|بمشاركه|شارك|شاركت|حضر|حضرت|مثل|مثلت|"
                      r"(?:بين|ضمن|ابرز|اهم|من) (?:ال)?(?:حاضرين|مشاركين)|"
                      # heading a delegation or session at the meeting: "الوفد الذي ترأسه"
                      r"(?<![\u0621-\u064A])(?:ترا?سه|ترا?سها|يراسه|يراسها|يقوده|قاده)"
                      r"(?![\u0621-\u064A])|يقود وفد|يتراس وفد|يراس وفد|راس وفد|ترا?س وفد|"
                      r"راس الوفد|يمثل|تمثل")
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
    span: tuple[int, int]  # the evidence: from the cue (or the list's start) to the name
    name_span: tuple[int, int] | None = None  # the state's own name as written
    of_group: bool = False  # named as a chair of a standing group, not of this meeting


def _quote_marks(doc: Doc) -> dict[str, list[int]]:
    """Where each quotation mark stands in the text (found once per article), so asking
    "is this inside a quotation?" costs two binary searches, no scan of the paragraph."""
    marks = vars(doc).get("_quote_marks")
    if marks is None:
        marks = {q: [m.start() for m in re.finditer(q, doc.text)] for q in '«»"“”'}
        vars(doc)["_quote_marks"] = marks
    return marks


def _inside_quotation(doc: Doc, pos: int) -> bool:
    """Inside «...» or "..." opened earlier in the same paragraph and not yet closed."""
    lo, _ = doc.paragraph_at(pos)
    a, b = doc.index[lo], doc.index[pos]
    tail = doc.text[max(a, b - 8):b]
    if tail.rstrip().endswith(('"', "«", "“")):
        return False  # a name in quotes ("إسماعيل الشقوري"), not a quotation
    marks = _quote_marks(doc)

    def n(q: str) -> int:
        return bisect_left(marks[q], b) - bisect_left(marks[q], a)

    if n("«") > n("»"):
        return True
    return n('"') % 2 == 1 or n("“") > n("”")


SPEECH_AFTER = re.compile(
    r"^\s*(?:[,،]\s*)?[وف]?(?:قد\s+|بدوره\s+|ايضا\s+)?(?:قال|اكد|قدم|عرض|استعرض|حذر|اشار|اوضح|اعتبر|شدد|دعا|ذكر|لفت|اعلن|"
    r"يقول|قايلا|مشيرا|مضيفا|مشددا|موكدا|داعيا|تحدث|يتحدث|سيتحدث|شارك|يشارك|سيشارك|حضر|يحضر|"
    r"سيحضر|انضم|ينضم|سينضم|القي|يلقي|سيلقي|ترا?س|يتراس|سيتراس|سيكون حاضرا|كان حاضرا|حاضرا|"
    r"بين الحاضرين|بين المشاركين|ضمن الحاضرين|ضمن المشاركين|يراس|سيراس|افتتح|يفتتح|اختتم)"
    r"(?![\u0621-\u064A])")
LEADER = re.compile(r"^(?:[وف]?(?:ال)?)(?:رييس(?! (?:الوزراء|الحكومه|مجلس الوزراء|هييه|اركان|الاركان|الدبلوماسيه))|"
                    r"ملك|امير|ولي العهد|خادم الحرمين|مستشار(?:ه)? (?:ال)?المانيا|المستشاره)")
# whole words: "مشاركتها الفاعلة" (a state's part) is no head of state's presence
LEADER_PRESENCE = re.compile(
    r"(?<![\u0621-\u064A])[وف]?(?:(?:س?[يت])?(?:شارك|حضر|انضم|القي|لقي|افتتح|فتتح|ترا?س|تراس|"
    r"استضاف|ستضيف|خاطب|مثل)(?:ت|ا|وا|ان|ه|ها)?|بحضور|بمشاركه|افتتاح|برياسه|"
    r"التقي المشاركين|التقي الوزراء|استقبل المشاركين|"
    r"كلمته امام|كلمتها امام|امام المجتمعين|امام الاجتماع|امام المشاركين)(?![\u0621-\u064A])")

# "سينضم الرئيس إلى 88 دولة شريكة في التحالف": a state joining, not a leader at a meeting
JOINS_COALITION = re.compile(r"\s+(?:الي|ل)[^.,،]{0,40}?(?:تحالف|دوله|دول)(?![\u0621-\u064A])")


# a list of those present: "وكان من أبرز الحاضرين X، ...، ووزير الخارجية العراقي Y"
LIST_CUE = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:بحضور|بمشاركه|(?:ال)?حاضرين|(?:ال)?مشاركين|"
                      r"كل من)(?![\u0621-\u064A])")


def _listed_after_cue(f: str, s0: int, pos: int) -> bool:
    """Is `pos` in a list opened by a presence cue earlier in the sentence, with no verb
    and no "that" between (each item is then present, however long the list)?"""
    cues = list(LIST_CUE.finditer(f, s0, pos))
    if not cues:
        return False
    lo = cues[-1].end()
    return not ACT.search(f, lo, pos) and not COMPLEMENT.search(f, lo, pos) \
        and not re.search(r"[.:;؛]", f[lo:pos])


def _leader_present(f: str, s0: int, s1: int) -> bool:
    return any(not ("نضم" in m.group() and JOINS_COALITION.match(f, m.end()))
               for m in LEADER_PRESENCE.finditer(f, s0, s1))


def participant_people(doc: Doc, people: list[PersonMention],
                       meeting_spans: list[tuple[int, int]] | None = None,
                       bilateral_spans: list[tuple[int, int]] | None = None
                       ) -> list[PersonRole]:
    """People who took part in the article's meetings, judged over the whole article.

    A person counts when one of their mentions (full name, or surname later on) is the
    subject of a speech or action verb, follows a presence cue (بحضور، بمشاركة،
    برئاسة...), or stands in a sentence that names the meeting. Spokespeople,
    commentators, former officials and people inside quotations do not count, nor
    mentions in a sentence about a bilateral talk. Heads of state and royals count only
    with a presence cue: citing a president is not attending.
    """
    f = doc.folded
    meetings_at = Points(a for a, _ in meeting_spans or ())
    bilateral_at = Points(a for a, _ in bilateral_spans or ())
    out = []
    groups: dict[str, list[PersonMention]] = {}
    for p in people:
        groups.setdefault(person_group_key(p), []).append(p)
    for mentions in groups.values():
        titles = " ".join(m.title for m in mentions)
        if NOT_PARTICIPANT_TITLE.search(titles):
            continue
        leader = (any(LEADER.match(m.title) for m in mentions if m.title) and not any(
            m.title and (not LEADER.match(m.title) or OFFICE.search(m.title))
            for m in mentions)) or _registry_leader(mentions[0])
        best: tuple[int, str, tuple[int, int]] | None = None
        positions = _positions(doc, mentions)
        if any(ABSENT.search(f, max(doc.sentence_at(pos)[0], pos - 40),
                             min(end + 40, doc.sentence_at(pos)[1]))
               or STAND_IN.search(f[max(doc.sentence_at(pos)[0], pos - 40):pos])
               or ABSENT_OF.search(f[max(doc.sentence_at(pos)[0], pos - 40):pos])
               for pos, end, _ in positions):
            continue  # "غاب بلينكن عن الاجتماع"، "تنوب عن بلينكن": named, but not there
        for pos, end, p in positions:
            s0, s1 = doc.sentence_at(pos)
            if _inside_quotation(doc, pos):
                continue
            gap_lo = max(s0, pos - MAX_VERB_GAP)
            if COMMENTATOR.search(f, gap_lo, pos) or COMMENTATOR.search(f, end, min(s1, end + 30)):
                break
            if ABSENT.search(f, s0, s1):
                continue  # "غاب بلينكن بسبب كوفيد"
            in_bilateral = bilateral_at.any_in(s0, s1)
            in_meeting = meetings_at.any_in(s0, s1)
            if in_bilateral and (not in_meeting or SIDELINES.search(f, s0, s1)):
                continue  # a bilateral talk, on the meeting's sidelines or not
            if TALKS_ATTENDED.search(f, s0, pos):
                continue  # "وحضر اللقاء وكيل الوزارة": the talks, not the Coalition meeting
            # a speech or action verb earlier in the sentence, with no "that" (ان) between:
            # "وقدم المدير السياسي ...، ونائب المبعوث ... إيان ماكاري، عرضا"
            # (one scan for the last "that": a verb before it governs a clause)
            last_that = max((c.start() for c in COMPLEMENT.finditer(f, s0, pos)), default=-1)
            verbs = [v for v in ACT.finditer(f, s0, pos) if v.end() > last_that]
            window = f[gap_lo:min(s1, end + 40)]
            after = f[end:s1]
            if (ap := re.match(r"\s*[,،][^,،]{0,80}[,،]", after)) and not SPEECH_AFTER.match(after):
                after = after[ap.end():]  # "X، وزير ...، قال": skip the apposition
            presence = _leader_present(f, s0, s1) if leader else bool(
                PRESENCE.search(f, gap_lo, pos) or _listed_after_cue(f, s0, pos)
                or _chairing(f, gap_lo, min(s1, end + 40))
                or HOST.search(window))
            speech = bool(verbs) or bool(SPEECH_AFTER.match(after))
            if leader:
                ok = presence and in_meeting
            else:
                ok = presence or speech or in_meeting
            if not ok:
                continue
            # verbs are judged in their context: "يرأس الاجتماع" chairs, "يرأس وفد" does not
            last_chairs = bool(verbs) and bool(CHAIR.match(f, verbs[-1].start()))
            chairs = _chairing(f, s0, pos)
            chaired_before = bool(chairs) and not any(
                v.start() > chairs[-1].end() and not CHAIR.match(f, v.start()) for v in verbs)
            if _chairing(f, gap_lo, min(s1, end + 40)) or last_chairs or chaired_before:
                # also "ترأس الاجتماع X ونائب الوزير Y"، "برئاسة مشتركة من X وY"
                role, rank = "chaired", 0
            elif HOST.search(window):
                role, rank = "hosted", 1
            elif presence:
                role, rank = "attended", 2
            else:
                role, rank = "spoke", 3
            lo = verbs[-1].start() if verbs else pos
            cand = (rank, role, (min(lo, p.span[0]), max(end, p.span[1]) if pos == p.name_span[0]
                                 else end))
            if best is None or cand[0] < best[0]:
                best = cand
        if best is not None:
            out.append(PersonRole(mentions[0], best[1], best[2]))
    return out


OFFICE = re.compile(r"وزير|مبعوث|سفير|رييس الوزراء|مدير|امين|منسق")
SIDELINES = re.compile(r"علي هامش")
# present at "the talks" (a meeting between two sides), the word bare: not "اللقاء الوزاري"،
# "لقاء وزراء التحالف"
TALKS_ATTENDED = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:حضر|حضرت|حضرها|حضره|شارك في|شاركت في)\s+"
                            r"(?:ال)?(?:لقاء|لقاءات|مباحثات|محادثات)(?![\u0621-\u064A])"
                            r"(?!\s+(?:ال|لل|ل|وزراء|قاده|ممثلي|مندوبي))")
ABSENT = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:(?:غاب|تغيب|يتغيب|اعتذر|تعذر)(?:ت|وا|ا)?"
                    r"(?![\u0621-\u064A])|لم يحضر|لم يتمكن|حالت دون حضور|حال دون حضور)")
# ("غاب" is a verb, not the start of a name: "زيغمار غابرييل")
# the noun names the absent person right after it: "وبغياب كيري، يبقى فابيوس ..." (Kerry
# only); "غياب الأمن" is no one's absence
ABSENT_OF = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:في |ب)?غياب\s+(?:[\u0621-\u064A]+\s+){0,4}$")
# "ونولاند تنوب عن بلينكن"، "ألقى الكلمة نيابة عن الوزير": someone else came for this person
STAND_IN = re.compile(r"(?<![\u0621-\u064A])(?:ينوب|تنوب|ناب|نابت|نيابه|بالنيابه)\s+عن\s+"
                      r"(?:[\u0621-\u064A]+\s+){0,3}$")
# "أشار الوزير إلى أن رئيس الوزراء ...": the person is inside what someone else said
COMPLEMENT = re.compile(r"(?<![\u0621-\u064A])(?:ان|بان|الي ان)(?![\u0621-\u064A])")


def _registry_leader(p: PersonMention) -> bool:
    from coalition_data.reference.people import link_person

    linked = link_person(p.name, p.country)
    if not linked or not linked[0].roles:
        return False
    return all(re.match(r"(?:President|King|Crown Prince|Chancellor|Emir)\b", r.role_en)
               for r in linked[0].roles)


def person_group_key(p: PersonMention) -> str:
    from coalition_data.reference.people import link_person

    linked = link_person(p.name, p.country)
    return f"reg:{linked[0].person_id}" if linked else f"name:{surname(p.name)}"


def _positions(doc: Doc, mentions: list[PersonMention]
               ) -> list[tuple[int, int, PersonMention]]:
    """Where a person is named: each mention, then each later bare surname."""
    f = doc.folded
    out = [(p.name_span[0], p.name_span[1], p) for p in mentions]
    sur = surname(mentions[0].name)
    if len(sur) >= 3 and " " not in sur and len(mentions[0].name.split()) > 1:
        named = Spans(p.name_span for p in mentions)
        for m in re.finditer(rf"(?<![\u0621-\u064A])[وب]?{re.escape(sur)}(?![\u0621-\u064A])", f):
            if named.covers(m.start()):
                continue
            out.append((m.start(), m.end(), mentions[0]))
    return sorted(out)


PRESENT_LIST = re.compile(
    r"(?<![\u0621-\u064A])(?:بحضور|بمشاركه|وبمشاركه|وبحضور|شارك فيه|شاركت فيه|يشارك فيه|"
    r"تشارك فيه|ويشارك فيه|شارك في الاجتماع|يشارك في الاجتماع|ممثلين عن|ممثلو|ممثلي|ممثل عن|"
    r"ممثلون عن|وفود|وزراء (?:خارجيه|دفاع)|الدول التي (?:حضرت|شاركت|تشارك)|"
    r"(?:ال)?دول (?:ال)?(?:[\u0621-\u064A]+ )?(?:ال)?(?:تاليه|المشاركه)|كل من|"
    r"(?:وقعته|وقعها|اصدرته|اصدرها) [^.:]{0,30}(?:حكومات|دول) هي)(?![\u0621-\u064A])"
)
# The chairs of a standing group, not of one meeting: "يشارك المغرب في رئاسة هذه الهيئة"،
# "وهي المجموعة التي يتقاسم رئاستها ..."
STANDING_CHAIR = re.compile(
    r"(?:رياسه|رياستها|رياسته)\s+(?:هذه\s+)?(?:ال)?(?:هييه|مجموعه)(?![\u0621-\u064A])|"
    r"(?:ال)?(?:مجموعه|هييه)\s+(?:[\u0621-\u064A]+\s+){0,4}?(?:التي|الذي)\s+"
    r"(?:يتقاسم|تتقاسم|يتولي|تتولي|يشترك|تشترك)")
# Some of those present, named after a presence verb: "حضر الاجتماع حلفاء، بينهم بريطانيا".
SUBSET = re.compile(r"(?<![\u0621-\u064A])(?:(?:و?من )?بينهم|(?:و?من )?بينها|و?في مقدمتها|"
                    r"و?في مقدمتهم|و?علي راسها|و?علي راسهم|و?ابرزها|و?ابرزهم|و?منها|و?منهم)"
                    r"(?![\u0621-\u064A])")
# Co-chairs listed after a chairing phrase: "تتولى رئاستها بالتشارك إيطاليا والمغرب",
# "تتقاسم الإمارات رئاستها مع الولايات المتحدة والمملكة المتحدة"
CHAIR_LIST = re.compile(
    r"(?<![\u0621-\u064A])[وف]?(?:برياسه مشتركه (?:من|بين)?|رياستها(?: بالتشارك| مع)?|"
    r"رياسته(?: بالتشارك| مع)?|بالتشارك|تتقاسم|يتقاسم|يشترك|تشترك)(?![\u0621-\u064A])")
STATE_ACTS = re.compile(
    r"(?<![\u0621-\u064A])[وف]?(?:شاركت|شارك|تشارك|يشارك|حضرت|حضر|مثلت|مثل|تمثل|تراست|ترا?س)\s+"
    r"|(?<![\u0621-\u064A])[وب]?(?:ال)?وفد(?:ا)?\s+(?:من\s+|عن\s+)?")
LIST_LEAD = 60  # characters between a cue and the first item ("وزراء خارجية الدول ...: ")
LIST_GAP = re.compile(r"[\s,،و]*(?:كل من|ممثلين عن|ممثلي|وزراء (?:خارجيه|دفاع))?[\s,،و]*"
                      rf"(?:(?:ال)?{STATE_TITLE}\s+)?")  # "ومملكة هولندا"
# Three or more states in a row ("مصر، والبحرين، والعراق") in a sentence about the meeting.
LIST_RUN_MIN = 3
LIST_TAIL = 160


@dataclass(frozen=True)
class OrgRole:
    org_id: str
    name_en: str
    participation: str
    span: tuple[int, int]
    member_id: str = ""  # id in seeds/registry/members.csv when the body is a partner
    name_span: tuple[int, int] | None = None  # the organisation's own name as written


@registry_cache
def org_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str, str]]]:
    names: dict[str, tuple[str, str, str]] = {}
    for r in read_registry("organisations", ("org_id", "name_en", "names_ar")):
        for n in r["names_ar"].split("|"):
            names[fold(n)] = (r["org_id"], r["name_en"], r.get("member_id", ""))
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\u0621-\u064A])(?:[وبل]|لل)?(?P<o>{alt})(?![\u0621-\u064A])"), names


def _list_end(doc: Doc, start: int, cap: int = 600) -> int:
    """Where a list that starts at `start` ends: the sentence end or a new clause."""
    f = doc.folded
    _, s1 = doc.sentence_at(start)
    hi = min(s1, start + cap)
    # "الدول التي حضرت الاجتماع هي: ..." - the list starts after a colon close by
    colon = re.match(r"[^.:;]{0,40}:\s*", f[start:hi])
    if colon:
        start += colon.end()
    lead = re.match(r"\s*(?:هي|التاليه|كالتالي)?\s*:?\s*", f[start:hi])
    body = start + (lead.end() if lead else 0)
    clause = re.search(r"[.;:]|\s(?:حيث|كما|الذي|التي|وقال|واكد|لبحث|لمناقشه|بهدف|من اجل|حول)\s",
                       f[body:hi])
    return body + clause.start() if clause else hi


def present_parties(doc: Doc, meeting_spans: list[tuple[int, int]] | None = None
                    ) -> tuple[list[StateRole], list[OrgRole]]:
    """States and organisations that took part, from lists: after a presence cue
    ("بمشاركة فرنسا والأمم المتحدة"، "والدول التي حضرت الاجتماع هي: ...")، after a
    chairing phrase (co-chairs), or three or more states in a row in a sentence that
    names the meeting (not after a preposition of place: "في العراق وسوريا وليبيا")."""
    f = doc.folded
    pattern, names = org_pattern()
    states, orgs = [], []
    seen: set[tuple[str, int]] = set()

    def add_states(lo: int, hi: int, cue_start: int, role: str, of_group: bool = False) -> None:
        """The run of states (and organisations) that starts near `lo`: items joined by
        commas and و only; the first other word ends the list."""
        taken = [(m.start(), m.end()) for m in pattern.finditer(f, lo, hi)]
        items = sorted([(span, code) for code, span in find_states(f, lo, hi)
                        if not any(a <= span[0] < b for a, b in taken)] +
                       [(span, None) for span in taken])
        prev_end = None
        for span, code in items:
            gap = f[prev_end:span[0]] if prev_end is not None else ""
            if prev_end is None and span[0] - lo > LIST_LEAD:
                break  # the list must start right after its cue
            if prev_end is None and re.search(r"(?<![\u0621-\u064A])(?:في|داخل)\s+$",
                                              f[max(lo, span[0] - 6):span[0]]):
                break  # "ممثلين عن 20 دولة، ... في العراق وسوريا": where, not who
            if prev_end is not None and not LIST_GAP.fullmatch(gap):
                break
            prev_end = span[1]
            if code and (code, span[0]) not in seen:
                seen.add((code, span[0]))
                states.append(StateRole(code, role, (cue_start, span[1]), bare_name(f, span),
                                        of_group))

    for cue in SUBSET.finditer(f):
        s0, _ = doc.sentence_at(cue.start())
        if PRESENCE.search(f, s0, cue.start()):  # "حضرت ثلاثون دولة، في مقدمتها ..."
            add_states(cue.end(), _list_end(doc, cue.end()), cue.start(), "attended")
    for cue in PRESENT_LIST.finditer(f):
        if re.search(r"(?:في|الي|علي|من)\s+$", f[max(0, cue.start() - 5):cue.start()]):
            continue  # "في كل من سوريا والعراق": where, not who
        hi = _list_end(doc, cue.end())
        for m in pattern.finditer(f, cue.end(), hi):
            org_id, name_en, member_id = names[m["o"]]
            orgs.append(OrgRole(org_id, name_en, "attended", (cue.start(), m.end()), member_id,
                                m.span("o")))
        add_states(cue.end(), hi, cue.start(), "attended",
                   bool(STANDING_CHAIR.search(f, *doc.sentence_at(cue.start()))))
    for cue in CHAIR_LIST.finditer(f):
        s0, s1 = doc.sentence_at(cue.start())
        hi = _list_end(doc, cue.end(), 200)
        standing = bool(STANDING_CHAIR.search(f, s0, s1))
        # the first co-chair may stand before the phrase: "تتقاسم الإمارات رئاستها مع ..."
        add_states(max(s0, cue.start() - 40), hi, max(s0, cue.start() - 40), "chaired",
                   standing)
        # and the co-chairs named after the phrase: "... رئاستها مع الولايات المتحدة وبريطانيا",
        # "تتقاسم السويد رئاسة مجموعة العمل مع النرويج"
        after = re.compile(r"[^.،,]{0,40}?\sمع\s").match(f, cue.end(), hi)
        add_states(after.end() if after else cue.end(), hi, max(s0, cue.start() - 40),
                   "chaired", standing)
    # a state as the subject of taking part, or a delegation by its nationality:
    # "وشاركت المملكة العربية السعودية في الاجتماع"، "ومثلت قطر"، "وفد مصري"، "وفد من الأردن"
    in_meeting = Points(a for a, _ in meeting_spans or ())
    for m in STATE_ACTS.finditer(f):
        s0, s1 = doc.sentence_at(m.start())
        if meeting_spans is not None and not in_meeting.any_in(s0, s1) and \
                re.search(r"(?<![\u0621-\u064A])في\s", f[m.end():s1]):
            # "شاركت فرنسا في الضربات الجوية": taking part in something else; but "وشارك
            # وفد عراقي برئاسة ..." with no object took part in the article's meeting
            continue
        found = []
        for pos in (m.end(), m.end() + len(re.match(
                rf"(?:{STATE_TITLE} )?", f[m.end():]).group())):
            found = found or [c for c in find_countries(f, pos, min(len(f), pos + 40))
                              if c[1][0] == pos]
        if not found and m.group().strip().startswith(("وفد", "الوفد", "بوفد")):
            found = [c for c in find_demonyms(f, m.end(), min(len(f), m.end() + 25))
                     if c[1][0] == m.end()]
        role = "chaired" if CHAIR.search(m.group()) else "attended"
        for code, span in found[:1]:
            if (code, span[0]) not in seen:
                seen.add((code, span[0]))
                states.append(StateRole(code, role, (m.start(), span[1]),
                                        bare_name(f, span)))
            if not m.group().strip().startswith(("وفد", "الوفد", "بوفد")):
                # the subject may be a list: "ترأست الإمارات وألمانيا معا الاجتماع"
                add_states(span[0], _list_end(doc, span[0], 200), m.start(), role)
    for s0, s1 in doc.sentences:
        if meeting_spans is not None and not in_meeting.any_in(s0, s1):
            continue
        found = find_countries(f, s0, s1)
        run: list[tuple[str, tuple[int, int]]] = []
        for code, span in [*found, ("", (s1 + 10, s1 + 10))]:
            if run and (span[0] - run[-1][1][1] > 6 or
                        not re.fullmatch(r"\s*[,،]?\s*", f[run[-1][1][1]:span[0]].replace("و", ""))):
                if len(run) >= LIST_RUN_MIN and not re.search(
                        r"(?:في|من|الي|علي|ضد|داخل)\s*$", f[max(s0, run[0][1][0] - 6):run[0][1][0]]):
                    for c, sp in run:
                        if (c, sp[0]) not in seen:
                            seen.add((c, sp[0]))
                            states.append(StateRole(c, "attended", (run[0][1][0], sp[1]),
                                                     bare_name(f, sp)))
                run = []
            if code:
                run.append((code, span))
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
            out.append(StateRole(named[0][0], "joined", (m.start(), named[0][1][1]),
                                 bare_name(f, named[0][1])))
    return out
