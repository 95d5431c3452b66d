"""Extract + link stages for the fact tables: article text -> rows with evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from coalition_data.extract.dates import find_dates
from coalition_data.extract.doc import Doc
from coalition_data.extract.meetings import ArticleMeeting, find_mentions, group_mentions
from coalition_data.extract.people import PersonMention, find_people
from coalition_data.extract.pledges import PledgeMention, find_pledges
from coalition_data.extract.resolutions import Citation, find_citations, judge_subject, registry
from coalition_data.gazetteer import gazetteer
from coalition_data.link import Report, meeting_rows
from coalition_data.normalise import fold

FACT_TABLES = ("meetings", "meeting_reports", "participants", "pledges", "resolutions")
MEETING_WORD = re.compile(r"اجتماع|مؤتمر|لقاء|الاجتماع|المؤتمر")


@dataclass
class ArticleFacts:
    doc: Doc
    meetings: list[ArticleMeeting]
    people: list[PersonMention]
    pledges: list[PledgeMention]
    citations: list[Citation]

    @property
    def main_meeting(self) -> ArticleMeeting | None:
        """The meeting the article is about: its first held Coalition meeting."""
        held = [m for m in self.meetings if m.status == "held" and
                m.body in ("small_group", "coalition", "working_group")]
        return held[0] if held else None


def extract_article(article: dict[str, Any]) -> ArticleFacts:
    doc = Doc(article["article_id"], article["text"], article["published_date"])
    dates = find_dates(doc.folded, doc.published)
    people = find_people(doc)
    dateline = article.get("dateline_place")
    dateline_city = gazetteer().cities.get(fold(dateline)) if dateline else None
    return ArticleFacts(
        doc=doc,
        meetings=group_mentions(find_mentions(doc, dates), dateline_city),
        people=people,
        pledges=find_pledges(doc, people),
        citations=find_citations(doc),
    )


def _pledge_rows(facts: list[ArticleFacts], meeting_of: dict[int, str]) -> list[dict]:
    rows: dict[tuple, dict] = {}
    for af in facts:
        main = af.main_meeting
        for p in af.pledges:
            s0, s1 = af.doc.sentence_at(p.money.span[0])
            tied = p.kind in ("pledge", "target") or MEETING_WORD.search(af.doc.folded, s0, s1)
            meeting_id = meeting_of.get(id(main)) if (main and tied) else None
            donor = p.donor or "unknown"
            context = meeting_id or (str(af.doc.published.year) if af.doc.published
                                     else af.doc.article_id)
            key = (context, donor, p.kind, p.money.amount_min, p.money.amount_max,
                   p.money.currency)
            if key in rows:
                rows[key]["n_reports"] += 1
                continue
            ev = af.doc.evidence(*p.span)
            pledge_id = re.sub(r"[^a-z0-9_.-]+", "-", (
                f"{meeting_id or af.doc.article_id}-{donor}-{p.kind}-"
                f"{int(p.money.amount_min)}-{p.money.currency}").lower())
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
                "flags": ";".join(p.flags) or None,
                "article_id": ev.article_id,
                "char_start": ev.char_start,
                "char_end": ev.char_end,
                "quote": ev.quote,
            }
    return list(rows.values())


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


def extract_facts(articles: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every fact table, extracted from the cleaned articles and linked."""
    return link_facts([extract_article(a) for a in articles])


def link_facts(facts: list[ArticleFacts]) -> dict[str, list[dict[str, Any]]]:
    """Link per-article facts into table rows (in article_id order, for determinism)."""
    facts = sorted(facts, key=lambda af: af.doc.article_id)
    reports = [Report(af.doc, m) for af in facts for m in af.meetings]
    meetings, meeting_reports, meeting_of = meeting_rows(reports)
    return {
        "meetings": meetings,
        "meeting_reports": meeting_reports,
        "participants": [],
        "pledges": _pledge_rows(facts, meeting_of),
        "resolutions": _resolution_rows(facts, meeting_of),
    }
