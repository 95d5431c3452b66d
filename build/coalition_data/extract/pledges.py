"""Money pledged, announced or targeted, with donor, purpose and recipient.

An amount becomes a row only when a commitment verb governs it (تعهد، التزم، أعلن، خصص،
زيادة...) or it is a target ("من أصل"، "يهدفون إلى"). Money in other roles — "تدمير
الملايين من الدولارات", revenues, losses — has no such verb and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coalition_data.extract.doc import Doc
from coalition_data.extract.numbers import Money, find_money
from coalition_data.extract.participants import org_pattern
from coalition_data.extract.people import (
    PersonMention,
    distinct_names,
    mention_country,
    resolve_reference,
)
from coalition_data.extract.places import find_countries, find_demonyms
from coalition_data.gazetteer import gazetteer

W = r"(?<![\u0621-\u064A])"
E = r"(?![\u0621-\u064A])"
PLEDGE = re.compile(W + r"(?:[وف]?(?:تعهد|تعهدت|يتعهد|تتعهد|التعهد|تعهدنا|نتعهد|تعهدات|التزم|التزمت|"
                    r"تلتزم|يلتزم|التزمنا|نلتزم|ستقدم|سيقدم|سنقدم|ستخصص|سيخصص|سنخصص|تعد|يعد|وعدت|وعد|"
                    r"ستمنح|سيمنح|ستتبرع|سيتبرع|ستساهم|سيساهم|سنساهم)(?:ت|وا|ان|تا)?)" + E)
ANNOUNCE = re.compile(W + r"(?:[وف]?(?:اعلن|اعلنت|اعلنا|نعلن|يعلن|تعلن|خصص|خصصت|خصصنا|تخصص|يخصص|"
                      r"تخصيص|رصد|رصدت|قدمت|قدمنا|نقدم|تقدم|يقدم|منح|منحت|تمنح|يمنح|تبرع|تبرعت|"
                      r"تبرعنا|كشف|كشفت|قررت|قرر|تنوي|ينوي|ساهم|ساهمت|تساهم|يساهم|مساهمه|"
                      r"بمساهمه|المساهمه)(?:ت|وا|ان|تا)?)" + E +
                      r"|زياده|اضافيه|اضافي|بقيمه|منحه|دعم مالي")
# a commitment verb after the amount: "ملياران ... هي حصيلة ما تعهدت به الدول المانحة"
PLEDGE_AFTER = re.compile(r"^\W{0,3}(?:[\u0621-\u064A]+\s+){0,5}(?:ما\s+)?(?:تعهدت|تعهد|تعهدوا|قدمته|قدمتها|خصصته|رصدته)"
                          + E)
TARGET_BEFORE = re.compile(r"(?:من اصل|من اجمالي|من مجموع|الهدف البالغ|المستهدف|"
                           r"(?:يسعي|تسعي|يسعون|يهدف|تهدف|نسعي|نهدف|يحتاج|تحتاج)\s+(?:الي\s+|ل)?"
                           r"(?:جمع|حشد|توفير|تامين|تعبيه)?\s*|هدفا\b[^.]{0,60}|(?:بلغ|بلغت|يبلغ|تبلغ) (?:اجمالي|مجموع|قيمه) (?:ال)?(?:تعهدات|مساهمات|تبرعات|منح|مساعدات|تمويل|دعم|اموال|مبالغ|حمله)[^.]{0,60}|(?:الي|ل)\s*(?:جمع|حشد|توفير)\s*)\s*$")
TARGET_AFTER = re.compile(r"^\W{0,3}(?:\S+\s+){0,2}(?:يهدفون|تهدف|يهدف|نهدف|نسعي|يسعون|تسعي)")
FIRST_PERSON = re.compile(W + r"(?:اعلنا|قدمنا|نقدم|سنقدم|تعهدنا|نتعهد|التزمنا|نلتزم|خصصنا|سنخصص|تبرعنا)" + E)
COLLECTIVE = (
    ("coalition_partners", re.compile(r"شركاء التحالف|دول التحالف|اعضاء التحالف|شركاء التحالف الدولي|"
                                      r"(?<![\u0621-\u064A])الشركاء(?![\u0621-\u064A])")),
    ("coalition", re.compile(r"(?:ال)?تحالف(?: الدولي| العالمي)? (?:يعلن|اعلن|يخصص|خصص|تعهد|يتعهد|"
                             r"يسعي|يهدف|قدم|يقدم|رصد)|(?:اعلن|يعلن|خصص|يخصص|تعهد|رصد|قدم|يسعي|"
                             r"يهدف)\s+(?:ال)?تحالف|المجتمعون|المجتمعين|المشاركون في الاجتماع|"
                             r"اعلنوا")),
    ("donors", re.compile(r"المانحون|المانحين|الدول المانحه")),
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
JOINED = re.compile(r"[,،]?\s*و\s*$")  # "... لدعم العراق، و500 مليون دولار"
BEFORE = 90
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


def _capital(word: str):
    """The capital a word names, with or without a leading و ("وواشنطن", but "واشنطن")."""
    cities = gazetteer().cities
    for w in (word, word.removeprefix("و")):
        if (city := cities.get(w)) and city.is_capital:
            return city
    return None


def _donor(doc: Doc, lo: int, hi: int, people: list[PersonMention],
           names: list[PersonMention]) -> tuple[str | None, str, tuple[int, int] | None, tuple[str, ...]]:
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
                    return f"{other.country_code}+{city.country_code}", "collective", (
                        start - len(first.group()), end), ("donor_from_capital", "joint_donors")
                return city.country_code, "state", (start, end), ("donor_from_capital",)
    # an organisation as the subject of the commitment: "أكد الاتحاد الأوروبي تخصيص ..."
    pattern, orgs = org_pattern()
    for verb in list(PLEDGE.finditer(f, lo, hi)) + list(ANNOUNCE.finditer(f, lo, hi)):
        for after, (a, b) in ((True, (verb.end(), min(hi, verb.end() + 25))),
                              (False, (max(lo, verb.start() - 30), verb.start()))):
            found = list(pattern.finditer(f, a, b))
            m = (found[0] if after else found[-1]) if found else None
            if m and orgs[m["o"]][0] != "unsc":  # the Security Council pledges no money
                return orgs[m["o"]][0], "organisation", m.span("o"), ()
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
    # reported commitment: "قالت دولة الإمارات ... إنها ستقدم"، "... إن بلاده قررت"
    s0 = doc.sentence_at(lo)[0]
    if re.search(r"(?:انها|انه|ان بلاده|ان حكومته|ان بلادها|ان حكومتها|بلاده|حكومته|بلادها)", f[s0:hi]):
        for person in people:
            if s0 <= person.name_span[0] < hi and mention_country(person):
                return mention_country(person), "state", person.name_span, (
                    "donor_from_speaker_nationality",)
        named = find_countries(f, s0, hi)
        if named:
            return named[0][0], "state", named[0][1], ("donor_from_sentence_subject",)
    # a state as the subject of the commitment verb: "تعهدت الكويت"، "أعلنت الحكومة البريطانية"
    for verb in list(PLEDGE.finditer(f, lo, hi)) + list(ANNOUNCE.finditer(f, lo, hi)):
        subject = (verb.end(), min(hi, verb.end() + 25))
        named = find_countries(f, *subject)
        if named:
            return named[0][0], "state", named[0][1], ()
        gov = re.compile(r"\s*(?:ال)?حكومه\s+").match(f, verb.end())
        if gov and (adj := find_demonyms(f, gov.end(), min(hi, gov.end() + 15))):
            return adj[0][0], "state", adj[0][1], ()
        # subject before the verb: "وكانت بريطانيا قد تعهدت"
        named = find_countries(f, max(lo, verb.start() - 30), verb.start())
        if named:
            return named[-1][0], "state", named[-1][1], ()
    return None, "unknown", None, ()


def _speaker(doc: Doc, pos: int, people: list[PersonMention]) -> PersonMention | None:
    """The latest introduced person with a known nationality before `pos`."""
    before = [p for p in people if p.span[1] <= pos and mention_country(p)]
    return before[-1] if before else None


def find_pledges(doc: Doc, people: list[PersonMention]) -> list[PledgeMention]:
    f = doc.folded
    names = distinct_names(people)  # for surname references: each name once
    out: list[PledgeMention] = []
    monies = find_money(f)
    prev: PledgeMention | None = None
    prev_end = 0
    for i, money in enumerate(monies):
        s0, s1 = doc.sentence_at(money.span[0])
        lo = max(s0, money.span[0] - BEFORE, prev_end if prev_end > s0 else s0)
        nxt = monies[i + 1].span[0] if i + 1 < len(monies) else len(f)
        hi = min(s1, money.span[1] + AFTER, nxt)
        before, after = f[lo:money.span[0]], f[money.span[1]:hi]
        prev_same_sentence = prev is not None and prev.span[1] > s0
        flags: list[str] = []
        if TARGET_BEFORE.search(before) or TARGET_AFTER.match(after):
            kind = "target"
        elif PLEDGE.search(before) or PLEDGE_AFTER.match(after):
            kind = "pledge"
        elif ANNOUNCE.search(before):
            kind = "announcement"
        elif prev_same_sentence and (CONJUNCTION_ONLY.match(before) or JOINED.search(before)):
            kind = prev.kind  # "... 150 مليون دولار ...، و500 مليون دولار"
        else:
            prev_end = money.span[1]
            continue  # money that nobody commits: not a pledge
        donor, donor_kind, donor_span = None, "unknown", None
        clause = (max(s0, money.span[0] - BEFORE), money.span[0])
        if prev_same_sentence and prev.donor and (CONJUNCTION_ONLY.match(before)
                                                  or JOINED.search(before)):
            donor, donor_kind, donor_span = prev.donor, prev.donor_kind, prev.donor_span
            flags.append("donor_from_previous_amount")
        elif FIRST_PERSON.search(f, *clause):  # "أعلنّا": the person speaking
            speaker = _speaker(doc, money.span[0], people)
            if speaker:
                donor, donor_kind, donor_span = mention_country(speaker), "state", speaker.name_span
                flags.append("donor_from_speaker_nationality")
        if donor is None:
            donor, donor_kind, donor_span, dflags = _donor(doc, *clause, people, names)
            flags.extend(dflags)
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
        if donor is None:
            flags.append("donor_not_found")
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
