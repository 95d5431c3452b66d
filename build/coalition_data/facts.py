"""Extract + link stages for the fact tables: article text -> rows with evidence."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from coalition_data.errors import BuildError
from coalition_data.extract.dates import find_dates
from coalition_data.extract.doc import Doc
from coalition_data.extract.meetings import ArticleMeeting, find_mentions, group_mentions
from coalition_data.extract.participants import (
    OrgRole,
    PersonRole,
    StateRole,
    joining_states,
    participant_people,
    present_parties,
)
from coalition_data.extract.people import PersonMention, find_people
from coalition_data.extract.pledges import PledgeMention, find_pledges
from coalition_data.extract.resolutions import Citation, find_citations, judge_subject, registry
from coalition_data.gazetteer import gazetteer
from coalition_data.link import Report, meeting_rows
from coalition_data.members import membership
from coalition_data.normalise import fold
from coalition_data.people_registry import link_person, translate_title, unknown_key

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

    def meeting_at(self, pos: int) -> ArticleMeeting | None:
        """The meeting named in the sentence at `pos`, else the article's main one."""
        s0, s1 = self.doc.sentence_at(pos)
        for m in self.meetings:
            if any(s0 <= x.trigger[0] < s1 for x in m.mentions):
                return m
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
        ministers = {p.person.name for p in participants
                     if FOREIGN_MINISTER.search(p.person.title) and not
                     af_meeting_elsewhere(doc, meetings, main, p.person.span[0])}
        if len(ministers) >= 2 or (ministers and main.body != "working_group"):
            main.level_hint = "ministerial"
    return ArticleFacts(
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


def _pledge_rows(facts: list[ArticleFacts], meeting_of: dict[int, str]) -> list[dict]:
    rows: dict[tuple, dict] = {}
    ids_used: set[str] = set()
    for af in facts:
        for p in af.pledges:
            s0, s1 = af.doc.sentence_at(p.money.span[0])
            # a pledge belongs to the meeting its sentence names, else to the meeting the
            # article is about (flagged): the discourse, not the sentence, is the unit
            in_sentence = MEETING_WORD.search(af.doc.folded, s0, s1)
            meeting = af.meeting_at(p.money.span[0])
            flags_extra = [] if in_sentence or meeting is None else ["meeting_from_article"]
            meeting_id = meeting_of.get(id(meeting)) if meeting else None
            donor = p.donor or "unknown"
            # an unlinked pledge is only ever the same as one of its own article
            context = meeting_id or af.doc.article_id
            key = (context, donor, p.kind, p.money.amount_min, p.money.amount_max,
                   p.money.qualifier, p.money.currency)
            if key in rows:
                rows[key]["n_reports"] += 1
                continue
            ev = af.doc.evidence(*p.span)
            pledge_id = _fact_id(key, f"{context}-{donor}-{p.kind}-{int(p.money.amount_min)}-"
                                      f"{p.money.currency}")
            if pledge_id in ids_used:
                raise BuildError(f"{af.doc.article_id}: pledge id {pledge_id} collides with "
                                 f"another pledge (quote: {ev.quote[:80]!r})")
            ids_used.add(pledge_id)
            purpose_ar = af.doc.original(*p.purpose_span) if p.purpose_span else None
            rows[key] = {
                "pledge_id": pledge_id,
                "meeting_id": meeting_id,
                "donor": donor,
                "donor_kind": p.donor_kind,
                "donor_ar": af.doc.original(*p.donor_span) if p.donor_span else None,
                "amount_min": p.money.amount_min,
                "amount_max": p.money.amount_max,
                "amount_qualifier": p.money.qualifier,
                "currency": p.money.currency,
                "amount_text": af.doc.original(*p.money.span),
                "purpose": p.purpose,
                "purpose_ar": purpose_ar,
                "recipient_country_code": p.recipient,
                "kind": p.kind,
                "n_reports": 1,
                "confidence": p.confidence,
                "flags": ";".join([*p.flags, *flags_extra]) or None,
                "article_id": ev.article_id,
                "char_start": ev.char_start,
                "char_end": ev.char_end,
                "quote": ev.quote,
            }
    return list(rows.values())


def _fact_id(key: tuple, readable: str) -> str:
    """A readable id made unique by construction: the readable part may fold distinct
    keys together (case, punctuation), the digest of the full key never does."""
    digest = hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:8]
    return re.sub(r"[^a-z0-9_.-]+", "-", readable.lower()).strip("-") + "-" + digest


def _resolution_rows(facts: list[ArticleFacts], meeting_of: dict[int, str]) -> list[dict]:
    rows = []
    refs = registry()
    for af in facts:
        main = af.main_meeting
        for c in af.citations:
            ref = refs.get(c.number)
            subject_f = af.doc.folded[c.subject_span[0]:c.subject_span[1]] \
                if c.subject_span else None
            disagrees = judge_subject(c.number, subject_f)
            flags = []
            if ref is None:
                flags.append("not_in_registry")
            if disagrees:
                flags.append("subject_disagrees_with_registry")
            if ref and af.doc.published and ref.adopted > af.doc.published:
                flags.append("adopted_after_publication")
            ev = af.doc.evidence(*c.span)
            rows.append({
                "resolution_number": c.number,
                "symbol": ref.symbol if ref else None,
                "adopted_date": ref.adopted if ref else None,
                "subject_en": ref.subject_en if ref else None,
                "in_registry": ref is not None,
                "subject_as_cited_ar": af.doc.original(*c.subject_span) if c.subject_span
                else None,
                "subject_disagrees": disagrees,
                "meeting_id": meeting_of.get(id(main)) if main else None,
                "confidence": 0.9 if ref and not flags else 0.7 if ref else 0.5,
                "flags": ";".join(flags) or None,
                "article_id": ev.article_id,
                "char_start": ev.char_start,
                "char_end": ev.char_end,
                "quote": ev.quote,
            })
    return rows


def _role_ar(doc: Doc, p: PersonMention) -> str | None:
    """The title as written: before the name, or after it in name-first order."""
    before = doc.original(p.span[0], p.name_span[0]) if p.span[0] < p.name_span[0] else ""
    after = doc.original(p.name_span[1], p.span[1]) if p.span[1] > p.name_span[1] else ""
    # "، الذي يشغل منصب مساعد وزير ..." -> "مساعد وزير ..."
    after = re.sub(r"^\s*[,،]?\s*(?:(?:الذي|الذى|التي|التى)\s+\S+\s+منصب\s+)?", "", after)
    return before or after or None


STRENGTH = {"hosted": 3, "chaired": 3, "joined": 2, "spoke": 1, "attended": 0}


def _participant_rows(facts: list[ArticleFacts], meeting_of: dict[int, str],
                      meeting_dates: dict[str, Any]) -> list[dict]:
    rows: dict[tuple[str, str], dict] = {}

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

    def evidence(af: ArticleFacts, span: tuple[int, int]) -> dict:
        ev = af.doc.evidence(*span)
        return {"article_id": ev.article_id, "char_start": ev.char_start,
                "char_end": ev.char_end, "quote": ev.quote}

    def state(meeting_id: str, code: str, participation: str, confidence: float,
              flags: str | None, name_ar: str, ev: dict) -> None:
        since, member = membership(code, meeting_dates.get(meeting_id))
        add({
            "member_since": since, "member_at_meeting": member,
            "meeting_id": meeting_id, "participant_key": f"state:{code.lower()}",
            "kind": "state", "name_ar": name_ar, "name_en": gazetteer().country_name_en(code),
            "role_en": None, "role_ar": None, "represents": code,
            "participation": participation, "in_registry": True, "match_score": None,
            "n_reports": 1, "confidence": confidence, "flags": flags, **ev,
        })

    for af in facts:
        for pr in af.participants:
            meeting = af.meeting_at(pr.person.span[0])
            if meeting is None or id(meeting) not in meeting_of:
                continue
            meeting_id = meeting_of[id(meeting)]
            p = pr.person
            linked = link_person(p.name, p.country)
            flags = []
            if linked:
                person, score = linked
                role = person.role_at(meeting_dates.get(meeting_id))
                key = f"person:{person.person_id}"
                name_en = person.name_en
                represents = (role.represents if role and role.represents else None) \
                    or person.country or p.country
                role_en = role.role_en if role else translate_title(p.title)
                if not role:
                    flags.append("role_translated_from_title")
                if score < 100:
                    flags.append("fuzzy_name_match")
                confidence = 0.9 if score == 100 else 0.8
            else:
                score, key, name_en = None, f"person:{unknown_key(p.name)}", None
                represents, role_en = p.country, translate_title(p.title)
                flags += ["not_in_registry", "role_translated_from_title"]
                confidence = 0.6
            add({
                "member_since": None, "member_at_meeting": None,
                "meeting_id": meeting_id, "participant_key": key, "kind": "person",
                "name_ar": af.doc.original(*p.name_span), "name_en": name_en,
                "role_en": role_en, "role_ar": _role_ar(af.doc, p),
                "represents": represents.upper() if represents and len(represents) == 2
                else represents,
                "participation": pr.participation, "in_registry": linked is not None,
                "match_score": score, "n_reports": 1, "confidence": confidence,
                "flags": ";".join(flags) or None, **evidence(af, pr.span),
            })
            if represents and represents.upper() in gazetteer().country_en:  # states only
                code = represents.upper()
                state(meeting_id, code, "attended", 0.7, "inferred_from_delegate",
                      gazetteer().country_name_ar(code), evidence(af, pr.span))
        for meeting in af.meetings:
            host_mention = next((m for m in meeting.mentions if m.hosts), None)
            if host_mention is None or id(meeting) not in meeting_of:
                continue
            for code, role in host_mention.hosts:
                state(meeting_of[id(meeting)], code, role, 0.85, None,
                      gazetteer().country_name_ar(code), evidence(af, host_mention.span))
        main = af.main_meeting
        for p in af.pledges:  # a state that pledges at a meeting took part in it
            s0, s1 = af.doc.sentence_at(p.money.span[0])
            meeting = af.meeting_at(p.money.span[0]) if MEETING_WORD.search(
                af.doc.folded, s0, s1) else None
            if p.donor_kind == "state" and p.donor and p.donor in gazetteer().country_en and \
                    meeting is not None and id(meeting) in meeting_of and meeting.status == "held" \
                    and meeting.body in ("coalition", "small_group", "working_group"):
                state(meeting_of[id(meeting)], p.donor, "attended", 0.6, "inferred_from_pledge",
                      gazetteer().country_name_ar(p.donor), evidence(af, p.span))
        for st in [*af.joined, *af.present_states]:
            meeting = main if st.participation == "joined" else af.meeting_at(st.span[0])
            if meeting is None or id(meeting) not in meeting_of:
                continue
            if st.of_group and meeting.body != "working_group":
                continue  # co-chairs of a standing group, named at another kind of meeting
            state(meeting_of[id(meeting)], st.code, st.participation,
                  0.9 if st.participation == "joined" else 0.8, None,
                  af.doc.original(*(st.name_span or st.span)), evidence(af, st.span))
        for org in af.present_orgs:
            meeting = af.meeting_at(org.span[0])
            if meeting is None or id(meeting) not in meeting_of:
                continue
            since, member = membership(org.member_id, meeting_dates.get(
                meeting_of[id(meeting)])) if org.member_id else (None, False)
            add({
                "member_since": since, "member_at_meeting": member,
                "meeting_id": meeting_of[id(meeting)], "participant_key": f"org:{org.org_id}",
                "kind": "organisation", "name_ar": af.doc.original(*(org.name_span or org.span)),
                "name_en": org.name_en, "role_en": None, "role_ar": None,
                "represents": org.org_id, "participation": org.participation,
                "in_registry": True, "match_score": None, "n_reports": 1, "confidence": 0.8,
                "flags": None, **evidence(af, org.span),
            })
    return list(rows.values())


def extract_facts(articles: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every fact table, extracted from the cleaned articles and linked."""
    return link_facts([extract_article(a) for a in articles])


def link_facts(facts: list[ArticleFacts]) -> dict[str, list[dict[str, Any]]]:
    """Link per-article facts into table rows (in article_id order, for determinism)."""
    facts = sorted(facts, key=lambda af: af.doc.article_id)
    reports = [Report(af.doc, m) for af in facts for m in af.meetings]
    meetings, meeting_reports, meeting_of = meeting_rows(reports)
    meeting_dates = {m["meeting_id"]: m["date_start"] for m in meetings}
    return {
        "meetings": meetings,
        "meeting_reports": meeting_reports,
        "participants": _participant_rows(facts, meeting_of, meeting_dates),
        "pledges": _pledge_rows(facts, meeting_of),
        "resolutions": _resolution_rows(facts, meeting_of),
    }
