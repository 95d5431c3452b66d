"""Money pledged, announced or targeted, with donor, purpose and recipient.

An amount becomes a row only when a commitment verb governs it (تعهد، التزم، أعلن، خصص،
زيادة...) or it is a target ("من أصل"، "يسعى إلى جمع"، "بهدف جمع"، "يحتاج التحالف إلى").
Money in other roles is left out: budgets, costs, prices, damages, revenues, another
coalition's fund, and past totals ("ليبلغ إجمالي مساهماتها"، "قدمت ما يقارب بليوني دولار").
A target belongs to the collective that sets it (the Coalition, or the donors of a
conference or appeal), never to the minister announcing it. Donors are ISO codes or the
codes of registry/donor_codes.csv: states listed or counted together are one
`several_states` pledge, a country-name homograph (مالي "financial") is no donor, and an
amount whose donor the text does not name gives no row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from coalition_data.extract.doc import Doc
from coalition_data.extract.numbers import NUMBER_WORDS, Money, find_money
from coalition_data.extract.participants import org_pattern
from coalition_data.extract.people import (
    PersonMention,
    distinct_names,
    mention_country,
    resolve_reference,
)
from coalition_data.extract.places import find_countries, find_demonyms
from coalition_data.reference.gazetteer import gazetteer
from coalition_data.reference.registry import read_registry, registry_cache

W = r"(?<![\u0621-\u064A])"
E = r"(?![\u0621-\u064A])"
PLEDGE = re.compile(W + r"(?:[وف]?(?:تعهد|تعهدت|يتعهد|تتعهد|التعهد|تعهدنا|نتعهد|تعهدات|التزم|التزمت|"
                    r"تلتزم|يلتزم|التزمنا|نلتزم|ستقدم|سيقدم|سنقدم|ستخصص|سيخصص|سنخصص|تعد|يعد|وعدت|وعد|"
                    r"ستمنح|سيمنح|ستتبرع|سيتبرع|ستساهم|سيساهم|سنساهم)(?:ت|وا|ان|تا)?)" + E)
ANNOUNCE = re.compile(W + r"(?:[وف]?(?:اعلن|اعلنت|اعلنا|نعلن|يعلن|تعلن|خصص|خصصت|خصصنا|تخصص|يخصص|"
                      r"تخصيص|رصد|رصدت|قدمت|قدمنا|نقدم|تقدم|يقدم|منح|منحت|تمنح|يمنح|تبرع|تبرعت|"
                      r"تبرعنا|كشف|كشفت|قررت|قرر|تنوي|ينوي|ساهم|ساهمت|تساهم|يساهم|مساهمه|"
                      r"بمساهمه|المساهمه|تقديم|بتقديم)(?:ت|وا|ان|تا)?)" + E +
                      r"|زياده|اضافيه|اضافي|بقيمه|منحه|دعم مالي"
                      # the value of named aid: "المساعدة الكندية تبلغ قيمتها 8,3 مليون"
                      r"|(?:مساعد|مساهم|منح|حزم|دعم|تبرع|هب)[\u0621-\u064A]*\s+"
                      r"(?:[\u0621-\u064A]+\s+){0,3}(?:قيمتها|قيمته|قدرها|قدره)")
# a commitment verb after the amount: "ملياران ... هي حصيلة ما تعهدت به الدول المانحة"
PLEDGE_AFTER = re.compile(r"^\W{0,3}(?:[\u0621-\u064A]+\s+){0,5}(?:ما\s+)?(?:تعهدت|تعهد|تعهدوا|قدمته|قدمتها|خصصته|رصدته)"
                          + E)
TARGET_BEFORE = re.compile(r"(?:من اصل|من اجمالي|من مجموع|الهدف البالغ|المستهدف|"
                           r"(?:ب|و)?هدف\s+(?:جمع|حشد|توفير|تمويل)[^.]{0,40}|"
                           # the funding of a campaign or an appeal is what it seeks
                           r"تمويل\s+(?:لل|ل|ال)?(?:حمله|نداء)[^.]{0,30}|"
                           r"(?:ال)?حاجه\s+(?:الي|ل)[^.]{0,40}|بحاجه\s+(?:الي|ل)\s*|"
                           r"(?:نداء|مناشده)[^.]{0,40}|"
                           r"(?:يسعي|تسعي|يسعون|يهدف|تهدف|نسعي|نهدف|يحتاج|تحتاج)\s+(?:الي\s+|ل)?"
                           r"(?:جمع|حشد|توفير|تامين|تعبيه)?\s*|هدفا\b[^.]{0,60}|(?:بلغ|بلغت|يبلغ|تبلغ) (?:اجمالي|مجموع|قيمه) (?:ال)?(?:تعهدات|مساهمات|تبرعات|منح|مساعدات|تمويل|دعم|اموال|مبالغ|حمله)[^.]{0,60}|(?:الي|ل)\s*(?:جمع|حشد|توفير|تامين|تعبيه)\s*)\s*$")
# money that is not given now: a record of what a single donor gave over time ("ليبلغ
# إجمالي مساهماتها 27 مليون"، "يرفع إجمالي مساهمة هولندا إلى")...
CUMULATIVE = re.compile(W + r"(?:ال)?(?:اجمالي|مجموع)\s+(?!ال)[\u0621-\u064A]+|منذ\s+(?:عام|بدايه|انطلاق|"
                        r"تاسيس|\d{4})|حتي الان|حتي اليوم|علي مدي|علي سبيل المثال|في المجموع")
# ... what a state gave, stated loosely ("قدمت ما يقارب بليوني دولار"، "قدمت تمويلا يزيد
# على 3,8 مليار"): a past total, unless the text calls it new
PAST_GIVING = re.compile(W + r"[وف]?(?:قدمت|قدم|قدموا|انفقت|انفق|صرفت|صرف|دفعت|ساهمت|ساهم|وفرت)" + E)
NEW = re.compile(r"جديد|جديده|اضافي|اضافيه|اليوم|امس|خلال (?:ال)?(?:موتمر|اجتماع)")
# a budget, a cost, a price, damage or revenue is no pledge
SPENDING = re.compile(W + r"(?:ال)?(?:موازن|ميزاني|انفاق|نفقات|تكلف|تكاليف|كلف|ثمن|سعر|اسعار|خساير|"
                      r"اضرار|عايدات|ايرادات|رواتب)")
# money of another coalition ("صندوق مبادرات التحالف الإسلامي العسكري")
OTHER_COALITION = re.compile(r"التحالف (?:ال)?(?:اسلامي|عسكري الاسلامي|عربي)|تحالف دعم الشرعيه|"
                             r"التحالف بقياده السعوديه")
TARGET_AFTER = re.compile(r"^\W{0,3}(?:\S+\s+){0,2}(?:يهدفون|تهدف|يهدف|نهدف|نسعي|يسعون|تسعي)")
FIRST_PERSON = re.compile(W + r"(?:اعلنا|قدمنا|نقدم|سنقدم|تعهدنا|نتعهد|التزمنا|نلتزم|خصصنا|سنخصص|تبرعنا)" + E)
COLLECTIVE = (
    ("coalition_partners", re.compile(r"شركاء التحالف|دول التحالف|اعضاء التحالف|شركاء التحالف الدولي|"
                                      r"(?<![\u0621-\u064A])الشركاء(?![\u0621-\u064A])")),
    ("coalition", re.compile(r"(?:ال)?تحالف(?: الدولي| العالمي)? (?:يعلن|اعلن|يخصص|خصص|تعهد|يتعهد|"
                             r"يسعي|يهدف|قدم|يقدم|رصد)|(?:اعلن|يعلن|خصص|يخصص|تعهد|رصد|قدم|يسعي|"
                             r"يهدف)\s+(?:ال)?تحالف|المجتمعون|المجتمعين|المشاركون في الاجتماع|"
                             r"اعلنوا")),
    # the donors as subject, not the name of their conference ("مؤتمر المانحين")
    ("donors", re.compile(r"(?<!موتمر )(?<!موتمرات )(?<!اجتماع )(?:المانحون|المانحين|الدول المانحه|"
                          r"الجهات المانحه)")),
    # a counted group of states: "أعلنت ثماني دول"، "تعهدت 12 دولة"، "عدة دول"
    ("several_states", re.compile(r"(?:" + NUMBER_WORDS + r"|\d+)\s+(?:دول|دوله|بلدان)(?![\u0621-\u064A])|"
                                  r"عده دول|دول عده|عدد من الدول")),
    # the states of the meeting as the subject of the commitment, right at its verb:
    # "الدول المشاركة تعهدت"، "تعهدت الدول الأعضاء" (not "تعهدت ألمانيا أمام الدول الأعضاء")
    ("coalition_partners", re.compile(
        r"(?:ال)?(?:دول|بلدان) (?:ال)?(?:مشاركه|اعضاء|مجتمعه)\s+(?:قد\s+)?"
        r"(?:[وف]?(?:تعهدت|اعلنت|قدمت|خصصت|رصدت|التزمت|ستقدم|وعدت))(?![\u0621-\u064A])|"
        r"(?<![\u0621-\u064A])[وف]?(?:تعهدت|اعلنت|قدمت|خصصت|رصدت|التزمت|ستقدم|وعدت)\s+"
        r"(?:ال)?(?:دول|بلدان) (?:ال)?(?:مشاركه|اعضاء|مجتمعه)|"
        # "وتعهد المشاركون بتقديم ..."
        r"(?<![\u0621-\u064A])[وف]?(?:تعهد|اعلن|قدم|خصص|التزم|وعد)\s+(?:ال)?(?:مشاركون|"
        r"مشاركين)(?![\u0621-\u064A])")),
    ("international_community", re.compile(r"المجتمع الدولي")),
)
PURPOSES = (
    ("humanitarian", re.compile(r"الانساني|الانسانيه|انسانيه|الاغاثه|اغاثه|اللاجيين|النازحين")),
    # demining and the liberated areas are what the Coalition's stabilisation funds pay for
    ("stabilisation", re.compile(r"الاستقرار|استقرار|الالغام|(?:لل|ال)?مناطق (?:ال)?محرره")),
    ("security_forces", re.compile(r"البشمركه|البشمرغا|البيشمركه|قوات الامن|القوات|الجيش|الشرطه|العسكري|العسكريه|تدريب")),
    ("reconstruction", re.compile(r"اعاده الاعمار|اعاده البناء|الاعمار|اعمار")),
    ("development", re.compile(r"التنميه|تنمويه|التنمويه")),
    ("counter_terrorism", re.compile(r"مكافحه الارهاب")),
)
CONJUNCTION_ONLY = re.compile(r"^[\s,،و]*$")
# "... لدعم العراق، و500 مليون دولار"، "...، إضافة إلى 4 ملايين"
JOINED = re.compile(r"[,،]?\s*(?:و|و?بالاضافه الي|اضافه الي|فضلا عن|علاوه علي)\s*$")
BEFORE = 90
SPEAKER_REACH = 250  # a commitment verb without a subject refers to a person this close
AFTER = 160


@dataclass(frozen=True)
class PledgeMention:
    money: Money
    kind: str
    donor: str | None
    donor_kind: str
    donor_span: tuple[int, int] | None
    purpose: str
    purpose_span: tuple[int, int] | None
    recipient: str | None
    flags: tuple[str, ...]
    span: tuple[int, int]
    confidence: float
    equivalent: Money | None = None  # the same money stated in another currency


@registry_cache
def donor_codes() -> dict[str, str]:
    """The donors that are not states (registry/donor_codes.csv): code -> kind. A state
    donor is its ISO code; any other donor the extraction gives must be listed here."""
    return {r["code"]: r["kind"] for r in read_registry("donor_codes", ("code", "kind"))}


def _capital(word: str):
    """The capital a word names, with or without a leading و ("وواشنطن", but "واشنطن")."""
    cities = gazetteer().cities
    for w in (word, word.removeprefix("و")):
        if (city := cities.get(w)) and city.is_capital:
            return city
    return None


# Country names that are also common words: "مالي" (financial), "عمان" (Amman), "بنين"
# (sons). Without a state title before them they name no donor.
HOMOGRAPHS = {"مالي", "ماليه", "عمان", "بنين"}
_STATE_TITLE = re.compile(r"(?:دوله|جمهوريه|سلطنه|حكومه)\s+$")
_LIST_JOIN = re.compile(r"\s*,?\s*و?\s*")


def _states(f: str, lo: int, hi: int) -> list[tuple[str, tuple[int, int]]]:
    """States named in f[lo:hi], without the homographs that stand for a common word."""
    out = []
    for code, (a, b) in find_countries(f, lo, hi):
        word = f[a:b].removeprefix("و").removeprefix("ب").removeprefix("ل")
        if word in HOMOGRAPHS and not _STATE_TITLE.search(f[max(0, a - 12):a]):
            continue
        out.append((code, (a, b)))
    return out


def _state_list(f: str, hit: tuple[str, tuple[int, int]], lo: int,
                hi: int) -> list[tuple[str, tuple[int, int]]]:
    """The list of states joined by و or commas that `hit` belongs to (itself alone when
    it stands alone): a state in a list is no donor by itself."""
    named = _states(f, max(0, lo - 80), min(len(f), hi + 80))
    i = named.index(hit) if hit in named else None
    if i is None:
        return [hit]
    a = b = i
    def joined(x: int) -> bool:  # named[x] and named[x + 1] joined by و or a comma
        gap = f[named[x][1][1]:named[x + 1][1][0]]
        return bool(_LIST_JOIN.fullmatch(gap)) and (
            "و" in gap or "," in gap or f[named[x + 1][1][0]] == "و")

    while a > 0 and joined(a - 1):
        a -= 1
    while b + 1 < len(named) and joined(b):
        b += 1
    return named[a:b + 1]


_RECIPIENT_BEFORE = re.compile(r"(?:ل|لل|لدعم|الي)\s*$")  # "لدعم العراق": the recipient
Donor = tuple[str | None, str, tuple[int, int] | None, tuple[str, ...]]


def _state_donor(f: str, hit: tuple[str, tuple[int, int]], lo: int, hi: int,
                 flags: tuple[str, ...] = ()) -> Donor:
    """A state as donor, or the group of states it is listed with (one collective pledge:
    "تعهدت ألمانيا وفرنسا وإيطاليا بتقديم ...")."""
    group = _state_list(f, hit, lo, hi)
    if len(group) > 1:
        return "several_states", "collective", (group[0][1][0], group[-1][1][1]), (
            *flags, "joint_donors")
    return hit[0], "state", hit[1], flags


def _person_or_state(f: str, s0: int, hi: int, people: list[PersonMention]):
    """In f[s0:hi]: the first person named with a nationality, else the first state named
    that is not a recipient (after لدعم، إلى), else None."""
    for person in people:
        if s0 <= person.name_span[0] < hi and mention_country(person):
            return person
    named = [c for c in _states(f, s0, hi)
             if not _RECIPIENT_BEFORE.search(f[max(s0, c[1][0] - 6):c[1][0]])]
    return named[0] if named else None


def _reported_speaker(doc: Doc, lo: int, hi: int, people: list[PersonMention]) -> Donor | None:
    """"... إن بلاده قررت"، "أوضح أن حكومته ستقدم": the state of the person speaking, named
    in the sentence or, failing that, the last person introduced with a nationality."""
    f = doc.folded
    s0 = doc.sentence_at(lo)[0]
    if not re.search(r"(?:بلاده|حكومته|بلادها|حكومتها|بلادنا|حكومتنا)", f[s0:hi]):
        return None
    # a person of the sentence with a nationality, else the speaker's state named in it
    # ("مساعد وزير الخارجية لدولة الإمارات")
    found = _person_or_state(f, s0, hi, people)
    if isinstance(found, PersonMention):
        return mention_country(found), "state", found.name_span, (
            "donor_from_speaker_nationality",)
    if found is not None:
        return found[0], "state", found[1], ("donor_from_sentence_subject",)
    if speaker := _speaker(doc, s0, people):
        return mention_country(speaker), "state", speaker.name_span, (
            "donor_from_speaker_nationality",)
    return None


def _donor(doc: Doc, lo: int, hi: int, people: list[PersonMention],
           names: list[PersonMention]) -> Donor:
    f = doc.folded
    for donor_id, p in COLLECTIVE:
        if m := p.search(f, lo, hi):
            return donor_id, "collective", m.span(), ()
    # an adjective of nationality on the commitment: "تعهد أمريكي"، "المساعدات الألمانية"
    for code, span in reversed(find_demonyms(f, lo, hi)):
        if not re.search(r"(?:ل|لل)$", f[max(lo, span[0] - 2):span[0]]):
            return code, "state", span, ("donor_from_adjective",)
    # a capital for its government: "برلين تعد بـ..."، "وأوتاوا تخصص"; two joined capitals
    # with a dual verb give one joint pledge: "واشنطن ولندن تخصصان"
    for verb in list(PLEDGE.finditer(f, lo, hi)) + list(ANNOUNCE.finditer(f, lo, hi)):
        if (prev := re.search(r"([\u0621-\u064A]+)\s+$", f[max(lo, verb.start() - 20):verb.start()])):
            city = _capital(prev.group(1))
            if city:
                start = verb.start() - len(prev.group())
                end = start + len(prev.group(1))
                s0 = doc.sentence_at(start)[0]  # the clause may begin at "ولندن"
                first = re.search(r"([\u0621-\u064A]+)\s+$", f[max(s0, start - 20):start])
                other = _capital(first.group(1)) if first and prev.group(1).startswith("و") \
                    else None
                if other and other.country_code != city.country_code:
                    return "several_states", "collective", (start - len(first.group()), end), (
                        "donor_from_capital", "joint_donors")
                return city.country_code, "state", (start, end), ("donor_from_capital",)
    # an organisation as the subject of the commitment: "أكد الاتحاد الأوروبي تخصيص ..."
    pattern, orgs = org_pattern()
    for verb in list(PLEDGE.finditer(f, lo, hi)) + list(ANNOUNCE.finditer(f, lo, hi)):
        for after, (a, b) in ((True, (verb.end(), min(hi, verb.end() + 25))),
                              (False, (max(lo, verb.start() - 30), verb.start()))):
            found = list(pattern.finditer(f, a, b))
            m = (found[0] if after else found[-1]) if found else None
            # only a body that gives money (the Security Council pledges none)
            if m and donor_codes().get(orgs[m["o"]][0]) == "organisation":
                return orgs[m["o"]][0], "organisation", m.span("o"), ()
    # reported commitment: "... إن بلاده قررت"، "أوضح أن حكومته ستقدم"
    if reported := _reported_speaker(doc, lo, hi, people):
        return reported
    # a titled person in the clause ("وزير الخارجية الأمريكي ...") or a surname reference
    for person in reversed(people):
        if lo <= person.name_span[0] < hi and mention_country(person):
            return mention_country(person), "state", person.name_span, (
                "donor_from_speaker_nationality",)
    for tok in re.finditer(r"[\u0621-\u064A]{4,}", f[lo:hi]):
        ref = resolve_reference(tok.group(), names, lo + tok.start())
        if ref and mention_country(ref[0]):
            span = (lo + tok.start(), lo + tok.end())
            return mention_country(ref[0]), "state", span, ("donor_from_speaker_nationality",)
    # reported commitment of a state: "قالت دولة الإمارات ... إنها ستقدم"
    s0 = doc.sentence_at(lo)[0]
    if re.search(r"(?:انها|انه)(?![\u0621-\u064A])", f[s0:hi]):
        found = _person_or_state(f, s0, hi, people)
        if isinstance(found, PersonMention):
            return mention_country(found), "state", found.name_span, (
                "donor_from_speaker_nationality",)
        if found is not None:
            return _state_donor(f, found, s0, hi, ("donor_from_sentence_subject",))
    # a state as the subject of the commitment verb: "تعهدت الكويت"، "أعلنت الحكومة البريطانية"
    for verb in list(PLEDGE.finditer(f, lo, hi)) + list(ANNOUNCE.finditer(f, lo, hi)):
        subject = (verb.end(), min(hi, verb.end() + 25))
        named = _states(f, *subject)
        if named:
            return _state_donor(f, named[0], lo, hi)
        gov = re.compile(r"\s*(?:ال)?حكومه\s+").match(f, verb.end())
        if gov and (adj := find_demonyms(f, gov.end(), min(hi, gov.end() + 15))):
            return adj[0][0], "state", adj[0][1], ()
        # subject before the verb: "وكانت بريطانيا قد تعهدت"
        named = _states(f, max(lo, verb.start() - 30), verb.start())
        if named:
            return _state_donor(f, named[-1], lo, hi)
    return None, "unknown", None, ()


def _speaker(doc: Doc, pos: int, people: list[PersonMention]) -> PersonMention | None:
    """The latest introduced person with a known nationality before `pos`."""
    before = [p for p in people if p.span[1] <= pos and mention_country(p)]
    return before[-1] if before else None


# who sets a target: the Coalition's meeting or campaign, or the donors of a conference or
# an appeal (never the minister who announces it)
SETTER = re.compile(W + r"(?:[وف]?(?:لل|ل|ال)?(?:تحالف|اجتماع|حمله)(?P<coalition>)|"
                    r"[وف]?(?:لل|ل|ال)?(?:موتمر|نداء|مناشده)(?P<donors>))" + E)
# pledges in the plural with no state named: the donors together ("تعهدات بملياري دولار")
PLURAL_PLEDGES = re.compile(W + r"[وب]?(?:ال)?(?:تعهدات|مساهمات|تبرعات|التزامات)" + E)


def _kind(doc: Doc, money: Money, lo: int, hi: int, prev: PledgeMention | None) -> str | None:
    """pledge, announcement or target, or None for money nobody commits now: a budget, a
    cost, another coalition's fund, a past total."""
    f = doc.folded
    s0, s1 = doc.sentence_at(money.span[0])
    near = f[max(s0, money.span[0] - 60):money.span[0]]
    before, after = f[lo:money.span[0]], f[money.span[1]:hi]
    if SPENDING.search(near) or OTHER_COALITION.search(f, s0, s1):
        return None
    wide = f[max(s0, money.span[0] - 80):money.span[0]]
    if (m := CUMULATIVE.search(wide)) and m.group().startswith(("اجمالي", "الاجمالي", "مجموع",
                                                                 "المجموع")):
        return None  # "ليبلغ إجمالي مساهماتها"
    if TARGET_BEFORE.search(before) or TARGET_AFTER.match(after):
        return "target"
    committed = PLEDGE.search(before) or PLEDGE_AFTER.match(after)
    if not committed and (CUMULATIVE.search(wide) or CUMULATIVE.match(after[:25].lstrip())):
        return None  # "قدمت منذ عام 2015"، "خصصت على سبيل المثال"
    if not committed and money.qualifier in ("about", "more_than", "at_least") and \
            PAST_GIVING.search(wide) and not NEW.search(f, max(s0, money.span[0] - 80),
                                                        min(s1, money.span[1] + 40)):
        return None  # "قدمت ما يقارب بليوني دولار": what was given over the years
    if committed:
        return "pledge"
    if ANNOUNCE.search(before):
        return "announcement"
    if prev is not None and prev.span[1] > s0 and (CONJUNCTION_ONLY.match(before)
                                                   or JOINED.search(before)):
        return prev.kind  # "... 150 مليون دولار ...، و500 مليون دولار"
    return None


def _target_setter(doc: Doc, money: Money) -> Donor:
    """The collective that sets a target: named as a collective, else the nearest Coalition
    body (التحالف، الاجتماع، الحملة) or donor setting (المؤتمر، النداء) before it."""
    f = doc.folded
    s0 = doc.sentence_at(money.span[0])[0]
    lo = max(s0, money.span[0] - BEFORE)
    for donor_id, p in COLLECTIVE:
        if m := p.search(f, lo, money.span[0]):
            return donor_id, "collective", m.span(), ()
    found = list(SETTER.finditer(f, s0, money.span[0]))
    if found:
        m = found[-1]
        return ("coalition" if m["coalition"] is not None else "donors"), "collective", \
            m.span(), ("target_setter",)
    return None, "unknown", None, ()


def find_pledges(doc: Doc, people: list[PersonMention]) -> list[PledgeMention]:
    f = doc.folded
    names = distinct_names(people)  # for surname references: each name once
    out: list[PledgeMention] = []
    monies = find_money(f)
    prev: PledgeMention | None = None
    prev_end = 0
    for i, money in enumerate(monies):
        if money.equivalent:
            # the same money in another currency: one pledge, the other value kept in its text
            if prev is not None and prev.money is monies[i - 1] and prev.equivalent is None:
                end = money.span[1] + (f[money.span[1]:money.span[1] + 1] == ")")
                out[-1] = prev = replace(prev, equivalent=money, span=(prev.span[0], max(
                    prev.span[1], end)), flags=(*prev.flags, "other_currency_equivalent"))
            prev_end = money.span[1]
            continue
        s0, s1 = doc.sentence_at(money.span[0])
        lo = max(s0, money.span[0] - BEFORE, prev_end if prev_end > s0 else s0)
        nxt = monies[i + 1].span[0] if i + 1 < len(monies) else len(f)
        hi = min(s1, money.span[1] + AFTER, nxt)
        before = f[lo:money.span[0]]
        prev_same_sentence = prev is not None and prev.span[1] > s0
        flags: list[str] = ["currency_inferred"] if money.currency_inferred else []
        kind = _kind(doc, money, lo, hi, prev)
        prev_end = money.span[1]
        if kind is None:
            continue  # money that nobody commits: not a pledge
        donor, donor_kind, donor_span = None, "unknown", None
        clause = (max(s0, money.span[0] - BEFORE), money.span[0])
        if kind == "target":
            donor, donor_kind, donor_span, dflags = _target_setter(doc, money)
            flags.extend(dflags)
        elif prev_same_sentence and prev.donor and (CONJUNCTION_ONLY.match(before)
                                                    or JOINED.search(before)):
            donor, donor_kind, donor_span = prev.donor, prev.donor_kind, prev.donor_span
            flags.append("donor_from_previous_amount")
        elif FIRST_PERSON.search(f, *clause):  # "أعلنّا": the person speaking
            speaker = _speaker(doc, money.span[0], people)
            if speaker:
                donor, donor_kind, donor_span = mention_country(speaker), "state", speaker.name_span
                flags.append("donor_from_speaker_nationality")
        if donor is None and kind != "target":
            donor, donor_kind, donor_span, dflags = _donor(doc, *clause, people, names)
            flags.extend(dflags)
        if donor is None and kind != "target" and PLEDGE_AFTER.match(f[money.span[1]:hi]):
            # "ملياران ... هي حصيلة ما تعهدت به الدول المانحة": the subject comes after
            for donor_id, p in COLLECTIVE:
                if m := p.search(f, money.span[1], hi):
                    donor, donor_kind, donor_span = donor_id, "collective", m.span()
                    break
        if donor is None and kind != "target" and prev_same_sentence and prev.donor:
            # an enumeration in one sentence: "رصد 100 مليون ...، وتخصيص 30 مليون ..."
            donor, donor_kind, donor_span = prev.donor, prev.donor_kind, prev.donor_span
            flags.append("donor_from_previous_amount")
        if donor is None and kind != "target" and PLURAL_PLEDGES.search(f, *clause):
            m = PLURAL_PLEDGES.search(f, *clause)
            donor, donor_kind, donor_span = "donors", "collective", m.span()
        if donor is None and kind == "pledge" and (verb := PLEDGE.search(f, *clause)) and (
                speaker := _speaker(doc, verb.start(), people)) and \
                verb.start() - speaker.span[1] < SPEAKER_REACH:
            # "وصل الوزير الياباني ... وتعهد بتقديم": the verb's subject is the person just named
            donor, donor_kind, donor_span = mention_country(speaker), "state", speaker.name_span
            flags.append("donor_from_speaker_nationality")
        if donor is None or (donor_kind != "state" and donor_codes().get(donor) != donor_kind):
            continue  # nobody named commits it: a passive allocation, a need, a fund
        purpose, purpose_span = "unknown", None
        for name, p in PURPOSES:
            if m := p.search(f, money.span[1], hi):
                if purpose_span is None or m.start() < purpose_span[0]:
                    purpose, purpose_span = name, m.span()
        if purpose_span is None:
            for name, p in PURPOSES:
                if m := p.search(f, s0, money.span[0]):
                    purpose, purpose_span = name, m.span()
                    flags.append("purpose_from_sentence")
                    break
        recipient = None
        rec_lo = purpose_span[1] if purpose_span and purpose_span[0] > money.span[1] \
            else money.span[1]
        rec = [c for c in find_countries(f, rec_lo, min(hi, rec_lo + 60)) if c[0] != donor]
        if rec:
            recipient = rec[0][0]
        # the quote: the money, its purpose after it, and the donor when inside the clause
        spans = [money.span]
        if donor_span and donor_span[0] >= clause[0]:
            spans.append(donor_span)
        if purpose_span and purpose_span[0] > money.span[0]:
            spans.append(purpose_span)
        verb = (PLEDGE.search(f, *clause) or ANNOUNCE.search(f, *clause))
        if verb and kind != "target":
            spans.append(verb.span())
        conf = 0.55 + (0.2 if donor else 0) + (0.1 if purpose != "unknown" else 0) + \
            (0.1 if kind != "announcement" else 0.05)
        if "donor_from_speaker_nationality" in flags or "donor_from_previous_amount" in flags:
            conf -= 0.1
        mention = PledgeMention(
            money=money, kind=kind, donor=donor, donor_kind=donor_kind, donor_span=donor_span,
            purpose=purpose, purpose_span=purpose_span, recipient=recipient,
            flags=tuple(flags), span=(min(s for s, _ in spans), max(e for _, e in spans)),
            confidence=round(min(conf, 0.95), 2),
        )
        out.append(mention)
        prev, prev_end = mention, money.span[1]
    return out
