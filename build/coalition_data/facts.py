"""Extract + link stages for the fact tables: article text -> rows with evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from coalition_data.digest import (
    ArticleDigest,
    CitationCandidate,
    MeetingReport,
    OrgCandidate,
    PersonCandidate,
    PledgeCandidate,
    StateCandidate,
)
from coalition_data.errors import BuildError
from coalition_data.extract.dates import find_dates
from coalition_data.extract.doc import Doc, Evidence
from coalition_data.extract.meetings import ArticleMeeting, find_mentions, group_mentions
from coalition_data.extract.membership import ALL_MEMBERS, all_members_present, size_in
from coalition_data.extract.membership import sizes as stated_sizes
from coalition_data.extract.participants import (
    OrgRole,
    PersonRole,
    StateRole,
    joining_states,
    org_pattern,
    participant_people,
    person_group_key,
    present_parties,
)
from coalition_data.extract.people import HONORIFICS, PersonMention, find_people
from coalition_data.extract.pledges import PledgeMention, find_pledges
from coalition_data.extract.resolutions import Citation, find_citations, judge_subject, registry
from coalition_data.link import meeting_rows
from coalition_data.normalise import fold
from coalition_data.reference import calibration
from coalition_data.reference.chronology import Era, meet_eras
from coalition_data.reference.gazetteer import gazetteer
from coalition_data.reference.members import members, membership, size_era
from coalition_data.reference.people import link_person, translate_title, unknown_key
from coalition_data.reference.registry import read_registry

FACT_TABLES = ("meetings", "meeting_reports", "participants", "pledges", "resolutions")
MEETING_WORD = re.compile(r"اجتماع|موتمر|لقاء")  # folded text: مؤتمر -> موتمر


@dataclass
class ArticleFacts:
    doc: Doc
    meetings: list[ArticleMeeting]
    people: list[PersonMention]
    pledges: list[PledgeMention]
    citations: list[Citation]
    participants: list[PersonRole]
    joined: list[StateRole]
    present_states: list[StateRole]
    present_orgs: list[OrgRole]
    # meetings the article names as others, earlier ones ("الاجتماع الأخير/السابق"), that
    # make no row: what their sentences say is not about the main meeting
    elsewhere: list[tuple[int, int]] = field(default_factory=list)

    def meeting_at(self, pos: int) -> ArticleMeeting | None:
        """The meeting named in the sentence at `pos`, else the article's main one (not
        where the sentence names another, earlier meeting)."""
        s0, s1 = self.doc.sentence_at(pos)
        for m in self.meetings:
            if any(s0 <= x.trigger[0] < s1 for x in m.mentions):
                return m
        if any(s0 <= t[0] < s1 for t in self.elsewhere):
            return None
        return self.main_meeting

    @property
    def main_meeting(self) -> ArticleMeeting | None:
        """The meeting the article is about (see extract.meetings.group_mentions)."""
        return next((m for m in self.meetings if m.main), None)


def extract_article(article: dict[str, Any]) -> ArticleFacts:
    doc = Doc(article["article_id"], article["text"], article["published_date"],
              article.get("published_date_end"))
    dates = find_dates(doc.folded, doc.published, doc.published_end)
    people = find_people(doc)
    dateline = article.get("dateline_place")
    dateline_city = gazetteer().cities.get(fold(dateline)) if dateline else None
    mentions = find_mentions(doc, dates)
    meetings = group_mentions(mentions, dateline_city, doc)
    in_meetings = [x.trigger for m in meetings for x in m.mentions]
    bilateral = [x.trigger for x in mentions if x.kind == "bilateral"]
    present = present_parties(doc, in_meetings) if meetings else ([], [])
    participants = participant_people(doc, people, in_meetings, bilateral) if meetings else []
    main = next((m for m in meetings if m.main), None)
    if main is not None:
        # foreign ministers taking part make it a ministerial when the text names no level:
        # two, whatever the meeting; one, unless it is a working group's (a host's minister
        # often opens those)
        # a person is counted once, by surname, and keeps the title the article gave
        # them anywhere ("وزير الخارجية ... ريكس تيلرسون" first, "تيلرسون" later)
        foreign = {pm.name.split()[-1] for pm in people if FOREIGN_MINISTER.search(pm.title)}
        ministers = {p.person.name.split()[-1] for p in participants
                     if p.person.name.split()[-1] in foreign and not
                     af_meeting_elsewhere(doc, meetings, main, p.person.span[0])}
        if len(ministers) >= 2 or (ministers and main.body != "working_group"):
            main.level_hint = "ministerial"
    return ArticleFacts(
        elsewhere=[x.trigger for x in mentions if x.past_ref and not x.plural
                   and x.trigger not in in_meetings],
        doc=doc,
        meetings=meetings,
        people=people,
        pledges=find_pledges(doc, people),
        citations=find_citations(doc),
        participants=participants,
        joined=joining_states(doc),
        present_states=present[0],
        present_orgs=present[1],
    )


# a foreign minister, not a deputy, assistant or minister of state
FOREIGN_MINISTER = re.compile(r"(?<!نايب )(?<!مساعد )(?<!مساعده )(?<!وكيل )(?<!نايبه )"
                              r"وزير(?:ه)? (?:ال)?خارجيه|(?<!نايب )وزير(?:ه)? الشوون الخارجيه")


def af_meeting_elsewhere(doc: Doc, meetings: list[ArticleMeeting], main: ArticleMeeting,
                         pos: int) -> bool:
    """Is the sentence at `pos` about another meeting of the article than `main`?"""
    s0, s1 = doc.sentence_at(pos)
    return any(m is not main and any(s0 <= x.trigger[0] < s1 for x in m.mentions)
               for m in meetings)


def digest_article(af: ArticleFacts) -> ArticleDigest:
    """The article's facts with their evidence cut out of the text (see digest.py): every
    decision that needs the text is taken here, in the worker."""
    doc = af.doc
    local = {id(m): i for i, m in enumerate(af.meetings)}

    def at(pos: int) -> int | None:
        m = af.meeting_at(pos)
        return None if m is None else local[id(m)]

    out = ArticleDigest(doc.article_id)
    sizes = stated_sizes(doc.folded)
    everyone = _all_members_came(af, {z.n for z in sizes})
    for i, m in enumerate(af.meetings):
        d = m.date
        place_m = next((x for x in m.mentions if x.city_span), None)
        if place_m is not None:
            place_ar = doc.original(*place_m.city_span)
        else:
            place_ar = doc.original(*m.lead_place[1]) if m.lead_place else None
        out.reports.append(MeetingReport(
            article_id=doc.article_id, published=doc.published, local=i, status=m.status,
            body=m.body, level=m.level, city=m.city, country=m.country,
            is_virtual=m.is_virtual, date=d,
            # "أوفدت جميع الدول الأعضاء الـ74 ممثلين": how many took part, said outright
            n_states=(everyone, "exact") if m.main and everyone else m.n_states, host=m.host,
            place_from_dateline=m.place_from_dateline,
            place_from_dateline_or_hint=bool(m.place_from_dateline or m.city_hint),
            lead_place=bool(m.lead_place), level_from_participants=m.level_from_participants,
            anchor=doc.evidence(*m.anchor.span),
            date_text=doc.original(*d.span) if d and d.span[1] > d.span[0] else None,
            place_ar=place_ar, recalled=m.recalled,
            attendance=everyone if m.main and everyone else
            _attendance(m.n_states, {z.n for z in sizes})))
    _participant_candidates(af, at, local, out)
    _pledge_candidates(af, at, out)
    main = af.main_meeting
    for c in af.citations:
        subject_f = doc.folded[c.subject_span[0]:c.subject_span[1]] if c.subject_span else None
        out.citations.append(CitationCandidate(
            local=local[id(main)] if main else None, number=c.number,
            subject_as_cited_ar=doc.original(*c.subject_span) if c.subject_span else None,
            subject_disagrees=judge_subject(c.number, subject_f), published=doc.published,
            evidence=doc.evidence(*c.span)))
    out.sizes = [doc.evidence(*z.span) for z in sizes]
    return out


def _all_members_came(af: ArticleFacts, sizes: set[int]) -> int | None:
    """How many states the main meeting had when the article says every member took part
    ("أوفدت جميع الدول الأعضاء الـ74"): the count it gives, else the size it states;
    not from a sentence that names another of its meetings."""
    main = af.main_meeting
    if main is None:
        return None
    doc = af.doc
    others = [x.trigger for m in af.meetings if m is not main for x in m.mentions]
    sentences = sorted({doc.sentence_at(x.start()) for x in ALL_MEMBERS.finditer(doc.folded)})
    sentences = [s for s in sentences if not any(s[0] <= t[0] < s[1] for t in others)]
    came, n = all_members_present(doc.folded, sentences)
    return (n or max(sizes, default=None)) if came else None


# qualifiers of a count of states that bound it from below ("نحو 20" does not)
AT_LEAST_AS_MANY = (None, "exact", "more_than", "at_least")


def _attendance(n_states: tuple[int | None, str | None], sizes: set[int]) -> int | None:
    """The states a report says took part, for linking: not a rough count ("نحو 20"), nor
    the Coalition's size the article states (that is membership, not attendance)."""
    n, qualifier = n_states
    if not n or qualifier not in AT_LEAST_AS_MANY or n in sizes:
        return None
    return int(n)


def _participant_candidates(af: ArticleFacts, at, local: dict[int, int],
                            out: ArticleDigest) -> None:
    """Who took part in which of the article's meetings, in the order rows merge."""
    doc, g = af.doc, gazetteer()
    add = out.candidates.append
    # the title the article gives a person anywhere ("وزير الدولة ... عادل الجبير" first,
    # "الجبير" where they speak): it says which of their registry roles they held
    titles: dict[str, str] = {}
    for q in af.people:
        if q.title:
            titles.setdefault(person_group_key(q), q.title)
    for pr in af.participants:
        i = at(pr.person.span[0])
        if i is None or _look_alike(af.meetings[i]):
            continue
        p = pr.person
        linked = link_person(p.name, p.country)
        ev = doc.evidence(*pr.span)
        title = p.title or titles.get(person_group_key(p), "")
        add(PersonCandidate(i, p.name, doc.original(*p.name_span), title, p.country,
                            _role_ar(doc, p), pr.participation, linked, ev))
        # a linked person represents whom the registry says at the meeting's date, which
        # only linking knows (_person_row); an unknown one, the country the text gives
        if not linked and p.country and p.country.upper() in g.country_en:
            code = p.country.upper()
            add(StateCandidate(i, code, "attended", 0.7, "inferred_from_delegate",
                               g.country_name_ar(code), ev))
    for meeting in af.meetings:
        host_mention = next((m for m in meeting.mentions if m.hosts), None)
        if host_mention is None:
            continue
        ev = doc.evidence(*host_mention.span)
        for code, role in host_mention.hosts:
            add(StateCandidate(local[id(meeting)], code, role, 0.85, None,
                               g.country_name_ar(code), ev))
    for p in af.pledges:  # a state that pledges at a meeting took part in it
        s0, s1 = doc.sentence_at(p.money.span[0])
        meeting = af.meeting_at(p.money.span[0]) if MEETING_WORD.search(
            doc.folded, s0, s1) else None
        if p.donor_kind == "state" and p.donor and p.donor in g.country_en and \
                meeting is not None and meeting.status == "held" \
                and meeting.body in ("coalition", "small_group", "working_group"):
            add(StateCandidate(local[id(meeting)], p.donor, "attended", 0.6,
                               "inferred_from_pledge", g.country_name_ar(p.donor),
                               doc.evidence(*p.span)))
    main = af.main_meeting
    for st in [*af.joined, *af.present_states]:
        meeting = main if st.participation == "joined" else af.meeting_at(st.span[0])
        if meeting is None:
            continue
        if st.of_group and meeting.body != "working_group":
            continue  # co-chairs of a standing group, named at another kind of meeting
        add(StateCandidate(local[id(meeting)], st.code, st.participation,
                           0.9 if st.participation == "joined" else 0.8, None,
                           doc.original(*(st.name_span or st.span)), doc.evidence(*st.span)))
    for org in af.present_orgs:
        i = at(org.span[0])
        if i is None:
            continue
        add(OrgCandidate(i, org.org_id, org.member_id,
                         doc.original(*(org.name_span or org.span)), org.name_en,
                         org.participation, doc.evidence(*org.span)))


def _look_alike(meeting: ArticleMeeting) -> bool:
    """A meeting tied neither to the Coalition nor to any level ("بحث رئيس الإقليم مع
    القناصل"): its people are named at a look-alike, not at a Coalition meeting."""
    return meeting.body == "other" and meeting.level in (None, "", "unknown")


# "وكانت الإمارات قد تعهدت في وقت سابق": a commitment made before, not at this meeting
EARLIER = re.compile(r"في وقت سابق|(?<![\u0621-\u064A])سابقا(?![\u0621-\u064A])")


def _pledge_candidates(af: ArticleFacts, at, out: ArticleDigest) -> None:
    doc = af.doc
    for p in af.pledges:
        s0, s1 = doc.sentence_at(p.money.span[0])
        # a pledge belongs to the meeting its sentence names, else to the meeting the
        # article is about (flagged): the discourse, not the sentence, is the unit; a
        # commitment said to be earlier belongs to none the article reports
        in_sentence = MEETING_WORD.search(doc.folded, s0, s1)
        i = at(p.money.span[0])
        if not in_sentence and EARLIER.search(doc.folded, s0, s1):
            i = None
        out.pledges.append(PledgeCandidate(
            local=i, meeting_from_article=not in_sentence and i is not None,
            donor=p.donor, donor_kind=p.donor_kind,
            donor_ar=doc.original(*p.donor_span) if p.donor_span else None, kind=p.kind,
            amount_min=p.money.amount_min, amount_max=p.money.amount_max,
            qualifier=p.money.qualifier, currency=p.money.currency,
            # a sum also stated in another currency keeps both values as written
            amount_text=doc.original(p.money.span[0], max(p.money.span[1], p.span[1]) if
                                     p.equivalent else p.money.span[1]),
            purpose=p.purpose,
            purpose_ar=doc.original(*p.purpose_span) if p.purpose_span else None,
            recipient=p.recipient, confidence=p.confidence, flags=p.flags,
            evidence=doc.evidence(*p.span)))


MeetingOf = dict[tuple[str, int], str]  # (article_id, local meeting) -> meeting_id


def _evidence(ev: Evidence) -> dict:
    return {"article_id": ev.article_id, "char_start": ev.char_start,
            "char_end": ev.char_end, "quote": ev.quote}


KIND_STRENGTH = {"pledge": 2, "announcement": 1}


def _pledge_rows(digests: list[ArticleDigest], meeting_of: MeetingOf) -> list[dict]:
    """One row per distinct pledge. An announcement and a pledge of the same money (same
    context, donor, amount and currency: "تيلرسون يعلن 200 مليون" in a headline, "ستقدم
    200 مليون" in the body) are one commitment: the row keeps the pledge's evidence."""
    rows: dict[tuple, dict] = {}
    for dg in digests:
        for p in dg.pledges:
            meeting_id = meeting_of.get((dg.article_id, p.local)) if p.local is not None \
                else None
            # an unlinked pledge is only ever the same as one of its own article
            context = meeting_id or dg.article_id
            group = p.kind if p.kind not in KIND_STRENGTH else "commitment"
            key = (context, p.donor, group, p.amount_min, p.amount_max, p.qualifier,
                   p.currency)
            old = rows.get(key)
            if old is not None and KIND_STRENGTH.get(p.kind, 0) <= KIND_STRENGTH.get(
                    old["kind"], 0):
                old["n_reports"] += 1
                continue
            flags = [*p.flags, *(["meeting_from_article"] if p.meeting_from_article else [])]
            rows[key] = {
                "pledge_id": None,
                "meeting_id": meeting_id,
                "donor": p.donor,
                "donor_kind": p.donor_kind,
                "donor_ar": p.donor_ar,
                "amount_min": p.amount_min,
                "amount_max": p.amount_max,
                "amount_qualifier": p.qualifier,
                "currency": p.currency,
                "amount_text": p.amount_text,
                "purpose": p.purpose,
                "purpose_ar": p.purpose_ar,
                "recipient_country_code": p.recipient,
                "kind": p.kind,
                "n_reports": old["n_reports"] + 1 if old else 1,
                "confidence": p.confidence,
                "flags": ";".join(flags) or None,
                **_evidence(p.evidence),
            }
    ids_used: set[str] = set()
    for (context, donor, _group, *amounts), row in rows.items():
        key = (context, donor, row["kind"], *amounts)
        pledge_id = _fact_id(key, f"{context}-{donor}-{row['kind']}-{int(row['amount_min'])}-"
                                  f"{row['currency']}")
        if pledge_id in ids_used:
            raise BuildError(f"{row['article_id']}: pledge id {pledge_id} collides with "
                             f"another pledge (quote: {row['quote'][:80]!r})")
        ids_used.add(pledge_id)
        row["pledge_id"] = pledge_id
    return list(rows.values())


def _fact_id(key: tuple, readable: str) -> str:
    """A readable id made unique by construction: the readable part may fold distinct
    keys together (case, punctuation), the digest of the full key never does."""
    digest = hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:8]
    return re.sub(r"[^a-z0-9_.-]+", "-", readable.lower()).strip("-") + "-" + digest


def _resolution_rows(digests: list[ArticleDigest], meeting_of: MeetingOf) -> list[dict]:
    rows = []
    refs = registry()
    for dg in digests:
        for c in dg.citations:
            ref = refs.get(c.number)
            flags = []
            if ref is None:
                flags.append("not_in_registry")
            if c.subject_disagrees:
                flags.append("subject_disagrees_with_registry")
            if ref and c.published and ref.adopted > c.published:
                flags.append("adopted_after_publication")
            rows.append({
                "resolution_number": c.number,
                "symbol": ref.symbol if ref else None,
                "adopted_date": ref.adopted if ref else None,
                "subject_en": ref.subject_en if ref else None,
                "in_registry": ref is not None,
                "subject_as_cited_ar": c.subject_as_cited_ar,
                "subject_disagrees": c.subject_disagrees,
                "meeting_id": meeting_of.get((dg.article_id, c.local))
                if c.local is not None else None,
                "confidence": 0.9 if ref and not flags else 0.7 if ref else 0.5,
                "flags": ";".join(flags) or None,
                **_evidence(c.evidence),
            })
    return rows


def _role_ar(doc: Doc, p: PersonMention) -> str | None:
    """The title as written: before the name, or after it in name-first order."""
    before = doc.original(p.span[0], p.name_span[0]) if p.span[0] < p.name_span[0] else ""
    after = doc.original(p.name_span[1], p.span[1]) if p.span[1] > p.name_span[1] else ""
    # "، الذي يشغل منصب مساعد وزير ..." -> "مساعد وزير ..."
    after = re.sub(r"^\s*[,،]?\s*(?:(?:الذي|الذى|التي|التى)\s+\S+\s+منصب\s+)?", "", after)
    # "وكيل الوزارة الدكتور سعود ...": an honorific before the name is no part of the title
    while (last := re.search(r"\s*(\S+)\s*$", before)) and fold(last.group(1)) in HONORIFICS:
        before = before[:last.start()]
    return before or after or None


STRENGTH = {"hosted": 3, "chaired": 3, "joined": 2, "spoke": 1, "attended": 0}


def _participant_rows(digests: list[ArticleDigest], meeting_of: MeetingOf,
                      meeting_dates: dict[str, Any]) -> list[dict]:
    rows: dict[tuple[str, str], dict] = {}
    g = gazetteer()

    def add(row: dict) -> None:
        key = (row["meeting_id"], row["participant_key"])
        old = rows.get(key)
        if old is None:
            rows[key] = row
            return
        n = old["n_reports"] + 1
        better = (row["confidence"], STRENGTH[row["participation"]]) > \
            (old["confidence"], STRENGTH[old["participation"]])
        rows[key] = {**(row if better else old), "n_reports": n}

    def state(meeting_id: str, code: str, participation: str, confidence: float,
              flags: str | None, name_ar: str, ev: Evidence) -> None:
        since, member = membership(code, meeting_dates.get(meeting_id))
        add({
            "member_since": since, "member_at_meeting": member,
            "meeting_id": meeting_id, "participant_key": f"state:{code.lower()}",
            "kind": "state", "name_ar": name_ar, "name_en": g.country_name_en(code),
            "role_en": None, "role_ar": None, "represents": code,
            "participation": participation, "in_registry": True, "match_score": None,
            "n_reports": 1, "confidence": confidence, "flags": flags, **_evidence(ev),
        })

    for dg in digests:
        for c in dg.candidates:
            meeting_id = meeting_of.get((dg.article_id, c.local))
            if meeting_id is None:
                continue
            if isinstance(c, StateCandidate):
                state(meeting_id, c.code, c.participation, c.confidence, c.flags, c.name_ar,
                      c.evidence)
            elif isinstance(c, OrgCandidate):
                since, member = membership(c.member_id, meeting_dates.get(meeting_id)) \
                    if c.member_id else (None, False)
                add({
                    "member_since": since, "member_at_meeting": member,
                    "meeting_id": meeting_id, "participant_key": f"org:{c.org_id}",
                    "kind": "organisation", "name_ar": c.name_ar, "name_en": c.name_en,
                    "role_en": None, "role_ar": None, "represents": c.org_id,
                    "participation": c.participation, "in_registry": True,
                    "match_score": None, "n_reports": 1, "confidence": 0.8, "flags": None,
                    **_evidence(c.evidence),
                })
            else:
                _person_row(c, meeting_id, meeting_dates, add, state)
    return list(rows.values())


def _person_row(c: PersonCandidate, meeting_id: str, meeting_dates: dict[str, Any],
                add, state) -> None:
    """A person's row; the role (and whom they represent) is the registry's at the date
    of the meeting, which only linking knows."""
    flags = []
    if c.linked:
        person, score = c.linked
        role = person.role_at(meeting_dates.get(meeting_id))
        key = f"person:{person.person_id}"
        name_en = person.name_en
        represents = (role.represents if role and role.represents else None) \
            or person.country or c.country
        role_en = role.role_en if role else translate_title(c.title)
        if not role:
            flags.append("role_translated_from_title")
        if score < 100:
            flags.append("fuzzy_name_match")
        confidence = 0.9 if score == 100 else 0.8
    else:
        score, key, name_en = None, f"person:{unknown_key(c.name)}", None
        represents, role_en = c.country or _title_org(c.title), translate_title(c.title)
        flags += ["not_in_registry", "role_translated_from_title"]
        confidence = 0.6
    add({
        "member_since": None, "member_at_meeting": None,
        "meeting_id": meeting_id, "participant_key": key, "kind": "person",
        "name_ar": c.name_ar, "name_en": name_en, "role_en": role_en, "role_ar": c.role_ar,
        "represents": represents.upper() if represents and len(represents) == 2
        else represents,
        "participation": c.participation, "in_registry": c.linked is not None,
        "match_score": score, "n_reports": 1, "confidence": confidence,
        "flags": ";".join(flags) or None, **_evidence(c.evidence),
    })
    if c.linked and represents and represents.upper() in gazetteer().country_en:
        code = represents.upper()  # states only
        state(meeting_id, code, "attended", 0.7, "inferred_from_delegate",
              gazetteer().country_name_ar(code), c.evidence)


def _title_org(title_folded: str) -> str | None:
    """The organisation a title names ("الممثل الأعلى ... في الاتحاد الأوروبي" -> eu), for
    a person whose title names no state."""
    pattern, names = org_pattern()
    m = pattern.search(title_folded)
    return names[m["o"]][0] if m else None


def extract_facts(articles: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every fact table, extracted from the cleaned articles and linked."""
    return link_digests([digest_article(extract_article(a)) for a in articles])


def _reference_keys(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each participant's key into the reference tables: `people` for registry people,
    `partners` for states and organisations that are Coalition partners."""
    partners = members()
    org_member = {r["org_id"]: r.get("member_id") or None
                  for r in read_registry("organisations", ("org_id",))}
    for row in rows:
        kind, _, ident = row["participant_key"].partition(":")
        person = ident if kind == "person" and row["in_registry"] else None
        partner = {"state": ident.upper(), "org": org_member.get(ident)}.get(kind)
        row["person_id"] = person
        row["partner_id"] = partner if partner in partners else None
    return rows


def _size_eras(dg: ArticleDigest) -> list[Era]:
    """The days on which the Coalition had the size the article states (read again from
    the quoted words, so a cached entry cannot change it)."""
    out = []
    for ev in dg.sizes:
        size = size_in(ev.quote)
        span = size_era(size.n, size.at_least) if size else None
        if span is not None:
            out.append((span,))
    return out


def report_eras(digests: list[ArticleDigest]) -> dict[tuple[str, int], Era]:
    """Per report, the days that fit what the article says of its time without a date:
    every registry person taking part held the role the text gives them (or one of
    theirs: each term of office is its own span; an open end is ongoing); the Coalition
    had the size the article gives for its present (not for a meeting it recalls), and
    at least as many partners as took part in the report's meeting."""
    eras: dict[tuple[str, int], Era] = {}
    for dg in digests:
        constraints: dict[int, list[Era]] = {}
        present = _size_eras(dg)
        for r in dg.reports:
            if r.recalled:
                continue
            mine = list(present)
            n, qualifier = r.n_states
            counted = n if qualifier in AT_LEAST_AS_MANY else None
            # as many partners as states took part (or as the count the article gives)
            n = max(counted or 0, r.attendance or 0)
            if n and (span := size_era(int(n), True)):
                mine.append((span,))
            if mine:
                constraints[r.local] = mine
        for c in dg.candidates:
            if isinstance(c, PersonCandidate) and c.linked:
                roles = c.linked[0].roles
                # the role the text gives the person, where it names one of theirs
                named = [r for r in roles if c.title and (k := fold(r.role_ar)) and
                         (k in c.title or c.title in k)]
                roles = named or roles
                if roles and all(r.start for r in roles):
                    constraints.setdefault(c.local, []).append(
                        tuple((r.start, r.end or dt.date.max) for r in roles))
        for local, cs in constraints.items():
            if (era := meet_eras(cs)) is not None:
                eras[(dg.article_id, local)] = era
    return eras


def link_digests(digests: list[ArticleDigest]) -> dict[str, list[dict[str, Any]]]:
    """Link per-article digests into table rows (in article_id order, for determinism)."""
    digests = sorted(digests, key=lambda d: d.article_id)
    meetings, meeting_reports, meeting_of = meeting_rows(
        [r for dg in digests for r in dg.reports], report_eras(digests))
    meeting_dates = {m["meeting_id"]: m["date_start"] for m in meetings}
    return calibration.apply({
        "meetings": meetings,
        "meeting_reports": meeting_reports,
        "participants": _reference_keys(_participant_rows(digests, meeting_of, meeting_dates)),
        "pledges": _pledge_rows(digests, meeting_of),
        "resolutions": _resolution_rows(digests, meeting_of),
    })
