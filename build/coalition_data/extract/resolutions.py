"""UN Security Council resolutions cited in an article, one per (article, number).

Recognises "قرار مجلس الأمن رقم 2254", "القرار الأممي 2235", "القرار رقم 2254 (2015)"
and lists such as "قرارات مجلس الأمن 2178 - 2199 - 2253" or "2170 و2178". The words the
article uses for the subject are kept, and compared with the registry's topics.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from coalition_data.extract.doc import Doc
from coalition_data.normalise import fold
from coalition_data.registry import read_registry, registry_cache

ANCHOR = re.compile(r"(?<![\u0621-\u064A])(?:[وف]?لل|[وف]?[بل]?(?:ال)?)"  # "للقرار"، "وبالقرار"
                    r"قرار(?:ات|ين|ان|ي|ا|ها|ه|هما|يه)?(?![\u0621-\u064A])")
# What may stand between the anchor and the number(s).
BRIDGE = re.compile(
    r"(?:\s*(?:مجلس الامن|الدولي|التابع ل?لامم المتحده|للامم المتحده|الاممي|الدوليه|"
    r"الصادر عن مجلس الامن|الصادره عن مجلس الامن|رقم\s*\.|رقم|رقمي|ارقام|ذي الرقم|ذو الرقم|"
    r"[,،]?\s*(?:الذي|التي)\s+(?:يحمل|تحمل|حمل)\s+(?:ال)?رقم|يحمل\s+(?:ال)?رقم|[(\[]))*\s*"
)
NUMBER = re.compile(r"(?<!\d)(?P<n>\d{3,4})(?!\d)(?:\s*\(\s*(?:19|20)\d{2}\s*\))?")
LIST_SEP = re.compile(r"\s*(?:[-–—,،/]|و)\s*")
SUBJECT = re.compile(
    r"\s*\)?\s*(?:،\s*)?(?P<s>(?:الخاص|الخاصه|المتعلق|المتعلقه|الهادف|الهادفه|القاضي|الذي|"
    r"بشان|حول|بخصوص|ضد)[^.،,؛;«»\"()\n]{3,140})"
)


@dataclass(frozen=True)
class Reference:
    number: int
    symbol: str
    adopted: dt.date
    subject_en: str
    topics: frozenset[str]


@dataclass(frozen=True)
class Citation:
    number: int
    span: tuple[int, int]  # anchor .. number (and subject), folded
    subject_span: tuple[int, int] | None


@registry_cache
def registry() -> dict[int, Reference]:
    rows = read_registry("un_resolutions", ("number", "symbol", "adopted_date", "subject_en",
                                            "topics"))
    return {int(r["number"]): Reference(int(r["number"]), r["symbol"],
                                        dt.date.fromisoformat(r["adopted_date"]),
                                        r["subject_en"], frozenset(r["topics"].split(";")))
            for r in rows}


@registry_cache
def topic_patterns() -> dict[str, re.Pattern[str]]:
    rows = read_registry("resolution_topics", ("topic", "keywords_ar"))
    return {r["topic"]: re.compile("|".join(re.escape(fold(k)) for k in
                                             r["keywords_ar"].split("|")))
            for r in rows}


def topics_in(folded: str) -> set[str]:
    return {t for t, p in topic_patterns().items() if p.search(folded)}


def find_citations(doc: Doc) -> list[Citation]:
    f = doc.folded
    out: dict[int, Citation] = {}
    for a in ANCHOR.finditer(f):
        pos = BRIDGE.match(f, a.end()).end()
        numbers = []
        while (m := NUMBER.match(f, pos)) and 1 <= int(m["n"]) <= 3000:
            # "عام 2016" is a year, not a resolution
            numbers.append(m)
            sep = LIST_SEP.match(f, m.end())
            if not sep or not NUMBER.match(f, sep.end()):
                break
            pos = sep.end()
        if not numbers:
            continue
        subject = SUBJECT.match(f, numbers[-1].end()) if len(numbers) == 1 else None
        end = subject.end("s") if subject else numbers[-1].end()
        for m in numbers:
            n = int(m["n"])
            if n not in out:
                out[n] = Citation(n, (a.start(), end),
                                  subject.span("s") if subject else None)
    return sorted(out.values(), key=lambda c: c.span)


def judge_subject(number: int, subject_folded: str | None) -> bool | None:
    """True when the article's words name only topics the registry does not list."""
    ref = registry().get(number)
    if ref is None or not subject_folded:
        return None
    named = topics_in(subject_folded)
    if not named:
        return None
    return not (named & ref.topics)
