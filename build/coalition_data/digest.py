"""What one article contributes to the link stage, without its text.

Extraction works on a `Doc` (text, folded copy, offset map: ~10x the text's size). The
link stage only needs the facts, each with its evidence already cut out of the text, and
which of the article's meetings each fact belongs to. An `ArticleDigest` is that: a few
kB, picklable, cacheable by the article's content, and the only thing a worker process
(or a Dask worker) sends back to the build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coalition_data.extract.dates import DateInterval
from coalition_data.extract.doc import Evidence
from coalition_data.reference.gazetteer import City
from coalition_data.reference.people import Person


@dataclass(frozen=True, slots=True)
class MeetingReport:
    """One meeting as one article reports it: what linking compares and what the rows
    quote. `local` numbers the meetings of an article (facts point at it)."""

    article_id: str
    published: dt.date | None
    local: int
    status: str
    body: str
    level: str
    city: City | None
    country: str | None
    is_virtual: bool
    date: DateInterval | None
    n_states: tuple[int | None, str | None]
    host: str | None
    place_from_dateline: bool
    place_from_dateline_or_hint: bool  # the city came from the dateline or a lead hint
    lead_place: bool
    level_from_participants: bool
    anchor: Evidence
    date_text: str | None  # the report's own date words as written
    place_ar: str | None  # the venue as written, when the report names one
    # another meeting the article recalls or announces beside its news ("وكانت لندن قد
    # احتضنت مطلع العام الماضي اجتماعا"): its date may be coarse (a month, a year)
    recalled: bool = False
    # how many states the report says took part (not "about"), unless the number is the
    # Coalition's size the article states ("التحالف الذي يضم 79 دولة"): linking rules out
    # chronology meetings of far fewer delegations
    attendance: int | None = None


@dataclass(frozen=True, slots=True)
class StateCandidate:
    local: int
    code: str
    participation: str
    confidence: float
    flags: str | None
    name_ar: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class PersonCandidate:
    local: int
    name: str  # folded, for the key of an unknown person
    name_ar: str
    title: str  # folded
    country: str | None
    role_ar: str | None
    participation: str
    linked: tuple[Person, float] | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class OrgCandidate:
    local: int
    org_id: str
    member_id: str
    name_ar: str
    name_en: str
    participation: str
    evidence: Evidence


Candidate = StateCandidate | PersonCandidate | OrgCandidate


@dataclass(frozen=True, slots=True)
class PledgeCandidate:
    local: int | None  # the article's meeting it belongs to, if any
    meeting_from_article: bool
    donor: str
    donor_kind: str
    donor_ar: str | None
    kind: str
    amount_min: float
    amount_max: float | None  # None: no upper bound stated
    qualifier: str | None
    currency: str
    amount_text: str
    purpose: str
    purpose_ar: str | None
    recipient: str | None
    confidence: float
    flags: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class CitationCandidate:
    local: int | None  # the article's main meeting, if any
    number: int
    subject_as_cited_ar: str | None
    subject_disagrees: bool | None  # None: no subject or no registry entry to judge
    published: dt.date | None
    evidence: Evidence


@dataclass(slots=True)
class ArticleDigest:
    article_id: str
    reports: list[MeetingReport] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)  # in the order rows merge
    pledges: list[PledgeCandidate] = field(default_factory=list)
    citations: list[CitationCandidate] = field(default_factory=list)
    # where the article states the Coalition's present size (extract.membership): only the
    # words are kept, and the count is read again from them when reports are dated
    sizes: list[Evidence] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.reports or self.candidates or self.pledges or self.citations)
