"""UN Security Council resolutions cited in an article, one per (article, number).

A number is a resolution only inside a construction that says so; any 4-digit number
near the word قرار is not enough. Three constructions are read:

- the word قرار (any prefix, any number or pronoun suffix: "للقرار"، "قراراته") followed,
  through words that describe it (مجلس الأمن، الأممي، الدولي، السابق، رقم، المرقم، الذي
  يحمل الرقم, brackets and quote marks), by one number or a list ("2170 و2178",
  "2042 (2012) و 2043 (2012)", "2199 لسنة 2015", "رقم .2216");
- a number cue (رقم، المرقم، يحمل الرقم) later in the sentence of such a word, when what
  stands between them names no other numbered thing (a session, a paragraph) and no other
  body (the General Assembly, the Arab League, a government): "والقرار الجديد، الذي
  أقره مجلس الأمن، يحمل رقم 2199";
- the document symbol S/RES/NNNN (YYYY).

A year given with the number ("(2014)", "لسنة 2014") must agree with the registry's
order of numbers and years, unless the construction names the UN: "القرار رقم 125 لسنة
2015" is a national decree. A bare year-like number ("القرار 2015"), an amount, and a
number whose issuer is named as another body (the government right before قرار, "الصادر
عن مجلس الجامعة" right after the number) are no citation.
The words the article uses for the subject are kept, and compared with the registry's
topics. Digits are Arabic-Indic or Persian as often as Latin: `normalise.fold` maps them.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from coalition_data.extract.doc import Doc
from coalition_data.normalise import fold
from coalition_data.registry import read_registry, registry_cache

WORD = r"[\u0621-\u064A]"
ANCHOR = re.compile(rf"(?<!{WORD})(?:[وف]?لل|[وف]?[بلك]?(?:ال)?)"  # "للقرار"، "وبالقرار"
                    r"قرار(?:ات|ين|ان|ي|ا|ها|ه|هما|يه|اته|اتها|اتهم|اتنا|نا|هم)?"
                    rf"(?!{WORD})")
# Words naming the UN in a construction: such a citation needs no further check.
UN_WORDS = (r"مجلس الامن|الامم ?المتحده|الاممي|الامميه|اممي|امميه|الدولي|الدوليه|"
            r"المجلس|s\s*/\s*res")
UN = re.compile(UN_WORDS)
# In a longer stretch "الدولي" or "المجلس" may describe anything ("التحالف الدولي").
UN_STRICT = re.compile(r"مجلس الامن|الامم ?المتحده|الاممي|الامميه|s\s*/\s*res")
# What may stand between the anchor and the number(s): descriptions of the resolution
# and number markers, in any order. Each alternative ends at a word boundary.
_DESCRIBE = (
    r"مجلس الامن|الدولي|الدوليه|الاممي|الامميه|الامميين|الامميان|الدوليين|الدوليان|"
    r"التابع ل?لامم ?المتحده|ل?لامم ?المتحده|التاليه|الاتيه|"
    r"المجلس|الصادره?\s+عن\s+(?:مجلس الامن|المجلس|الامم ?المتحده)|"
    r"السابق|السابقه|الجديد|الجديده|الاخير|الاخيره|الشهير|الشهيره|المذكور|المعروف|"
    r"الملزم|التاريخي|الاول|الثاني|الاساسي|المهم|ذات الصله|ذي الصله|"
    r"(?:و\s*)?(?:لا ?سيما|خاصه|خصوصا|بخاصه|منها|بما فيها|بما في ذلك)"
)
_MARK = (
    r"(?:(?:الذي|التي|والذي)\s+)?(?:ي|ت)?حمل(?:ت)?\s+(?:ال)?رقم(?:ين)?|"
    r"(?:ذي|ذو|ذا|ذات|ذوات)\s+(?:ال)?(?:رقم|ارقام)|(?:ب|تحت\s+)?(?:ال)?رقم(?:ي|ين)?|"
    r"(?:ب?ال)?ارقام|المرقم(?:ين|ه|تين|ان)?(?:\s+ب)?"
)
DESCRIBED = re.compile(rf"(?<!{WORD})(?:{_DESCRIBE})(?!{WORD})")
MARK = re.compile(rf"(?<!{WORD})(?:{_MARK})(?!{WORD})")
BRIDGE = re.compile(
    rf"(?:\s*(?:[,:]\s*)?(?:(?:{_DESCRIBE}|{_MARK})(?!{WORD})|[(\[\"'‘’]))*\s*:?\s*\.?\s*[(\[\"'‘’]?\s*")
YEAR = r"(?:19[4-9]\d|20[0-3]\d)"
# One number, with the year the article may give: "2170 (2014)", "2199 لسنة 2015", "2178/2014".
NUMBER = re.compile(
    r"(?<![\d/])(?<!\d\.)(?P<n>\d{3,4})(?![\d]|\.\d|\s*/\s*\d{1,2}(?!\d))(?:\s*[)\]\"'‘’])?"
    rf"(?:\s*\(\s*(?P<y1>{YEAR})\s*م?\s*\)?|\s*/\s*(?P<y2>{YEAR})(?!\d)|"
    rf"\s+(?:لسنه|لعام|عام|سنه)\s+(?P<y3>{YEAR})(?!\d)\s*م?)?"
    # an amount or a count is no resolution: "2500 دولار"، "1200 مقاتل"
    r"(?!\s*(?:مليون|ملايين|مليار|بليون|الف|الاف|دولار|يورو|جنيه|ريال|درهم|دينار|"
    rf"في الميه|بالميه|شخص|مقاتل|طن|كيلو|كم|متر|غاره|ضربه)(?!{WORD})|\s*%)"
)
LIST_SEP = re.compile(
    r"\s*(?:(?:[-–—,/]|او)\s*(?:و\s*)?|و\s*)(?:(?:ال)?رقم\s*)?[(\[\"'‘’]?\s*")  # "2170 ورقم 2178"
SUBJECT = re.compile(
    r"\s*\)?\s*(?:,\s*)?(?P<s>(?:الخاص|الخاصه|المتعلق|المتعلقه|الهادف|الهادفه|القاضي|الذي|"
    r"بشان|حول|بخصوص|ضد)[^.,;\"()\n]{3,140})"
)
# Between a resolution word and a later number cue: another numbered thing or another
# body makes the number theirs ("القرار الذي اتخذه في جلسته رقم ..."، "قرار الجامعة رقم").
_PRE = rf"(?<!{WORD})(?:[وفبلك]?(?:ال|لل)?)"
NUMBERED = (r"(?:جلس|دور|فقر|ماد|قم|رحل|صفح|لجن|هيي)(?:ه|ت(?:ه|ها|هم)|ات)|"
            r"(?:بند|مرسوم|قانون|امر (?:ال)?ديواني|اجتماع|موتمر|هاتف)(?:ه|ها|هم)?")
BODIES = (r"(?:مجلس (?:الوزراء|النواب|الشعب|الشيوخ|الشوري|التعاون|حقوق|الامه|القضاء|"
          r"الاتحاد|محافظه|الجامعه)|الجمعيه العامه|جامعه|حكومه|وزاره|وزير|رييس|محكمه|"
          r"برلمان|الاتحاد الاوروبي|ناتو|حلف|يونسكو|منظمه|كونغرس|كونجرس|خزانه|بنك|مصرف)"
          r"(?:ه|ها|هم|يه)?|"
          # the adjective of another issuer: "القرار الرئاسي"، "القرار الوزاري"
          r"(?:رياسي|وزاري|حكومي|جمهوري|ملكي|اميري|ديواني|قضايي|نيابي|برلماني|اداري|"
          r"امريكي|اميركي|اوروبي|عربي)(?:ه|ين|ان)?")
OTHER = re.compile(rf"{_PRE}(?:{NUMBERED}|{BODIES})(?!{WORD})|[!?؟;\n]")
# Another issuer in the few words before the resolution word: "وأعلنت الحكومة القرار رقم".
# (One word may follow the body, not a "إن" that makes it a speaker: "قال الوزير إن القرار".)
ISSUER_BEFORE = re.compile(rf"{_PRE}(?:{BODIES})(?!{WORD})(?:\s+(?!ب?ان(?:ه|ها)?\s)\S+)?\s*$")
# An issuer named right after the number that is not the Security Council.
OTHER_ISSUER = re.compile(
    r"\s*,?\s*(?:الصادره?\s+(?:عن|من)\s+|الذي\s+(?:اصدرته|اتخذته|اعتمدته)\s+|ل|عن\s+)"
    r"(?:مجلس\s+)?(?:ال)?(?:جمعيه العامه|جامعه|حكومه|وزاره|محكمه|برلمان|مجلس الوزراء|"
    r"مجلس النواب|اتحاد الاوروبي|مجلس التعاون|مجلس حقوق)"
)
FAR = 240  # at most this many characters between a resolution word and a later cue
MAX_NUMBER = 2999


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
def _ordered() -> tuple[list[int], list[int]]:
    """Registry numbers in order, with their years: the Council numbers in time order."""
    refs = sorted(registry().values(), key=lambda r: r.number)
    return [r.number for r in refs], [r.adopted.year for r in refs]


def year_fits(number: int, year: int) -> bool:
    """Can resolution `number` have been adopted in `year`, given the registry's numbers
    and years? (numbers grow with time: 2170 of 2014 puts 2199 no earlier than 2014)."""
    numbers, years = _ordered()
    below = bisect_right(numbers, number)  # registry numbers <= number
    above = bisect_left(numbers, number)  # first registry number >= number
    if below and years[below - 1] > year:
        return False
    return not (above < len(numbers) and years[above] < year)


@registry_cache
def topic_patterns() -> dict[str, re.Pattern[str]]:
    rows = read_registry("resolution_topics", ("topic", "keywords_ar"))
    return {r["topic"]: re.compile("|".join(re.escape(fold(k)) for k in
                                             r["keywords_ar"].split("|")))
            for r in rows}


def topics_in(folded: str) -> set[str]:
    return {t for t, p in topic_patterns().items() if p.search(folded)}


SYMBOL = re.compile(rf"(?<![a-z])s\s*/\s*res\s*/\s*(?P<n>\d{{1,4}})(?!\d)"
                    rf"(?:\s*\(\s*(?P<y1>{YEAR}))?")


def _numbers(f: str, pos: int) -> list[re.Match[str]]:
    """The number or list of numbers that starts at `pos` (empty when none does)."""
    out = []
    while (m := NUMBER.match(f, pos)) and 1 <= int(m["n"]) <= MAX_NUMBER:
        out.append(m)
        sep = LIST_SEP.match(f, m.end())
        if not sep or not NUMBER.match(f, sep.end()):
            break
        pos = sep.end()
    return out


def _year(m: re.Match[str]) -> int | None:
    y = m["y1"] or m["y2"] or m["y3"]
    return int(y) if y else None


def _accept(f: str, start: int, construction: str, numbers: list[re.Match[str]],
            loose: bool = False) -> list[re.Match[str]]:
    """The numbers of a construction that are resolutions (`loose`: the construction
    spans free words between the resolution word and the number cue)."""
    if OTHER_ISSUER.match(f, numbers[-1].end()):
        return []
    named_un = (UN_STRICT if loose else UN).search(construction) is not None
    marked = MARK.search(construction) is not None
    unknown = all(_year(m) is None and int(m["n"]) not in registry() for m in numbers)
    if not named_un and unknown and ISSUER_BEFORE.search(f, max(0, start - 40), start):
        return []  # "وأعلنت الحكومة القرار رقم 1234": another issuer's decision
    if not (named_un or marked) and unknown:
        if all(1945 <= int(m["n"]) <= 2035 for m in numbers):
            return []  # "القرار 2015"، "قرارات 2014 و2015": years as likely as numbers
        if DESCRIBED.search(construction):
            return []  # "يخصص القرار الجديد 1500 منحة": a count as likely as a number
    # "القرار رقم 125 لسنة 2015": a decree numbered within its year
    return [m for m in numbers
            if named_un or (y := _year(m)) is None or year_fits(int(m["n"]), y)]


SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)|[!?؟;\n]")


def _sentence_start(f: str, pos: int) -> int:
    """Start of the sentence holding `pos`, looking back at most FAR characters (a full
    stop before a digit ends nothing: "رقم .2216")."""
    lo = max(0, pos - FAR)
    ends = list(SENTENCE_END.finditer(f, lo, pos))
    return ends[-1].end() if ends else lo


def find_citations(doc: Doc) -> list[Citation]:
    f = doc.folded
    out: dict[int, Citation] = {}
    taken: set[int] = set()  # start offsets of numbers already read

    def add(numbers: list[re.Match[str]], start: int) -> None:
        subject = SUBJECT.match(f, numbers[-1].end()) if len(numbers) == 1 else None
        end = subject.end("s") if subject else numbers[-1].end("n")
        for m in numbers:
            n = int(m["n"])
            if n not in out:
                out[n] = Citation(n, (start, end), subject.span("s") if subject else None)

    anchors = list(ANCHOR.finditer(f))
    for a in anchors:
        pos = BRIDGE.match(f, a.end()).end()
        numbers = _numbers(f, pos)
        if not numbers:
            continue
        taken.update(m.start() for m in numbers)
        if kept := _accept(f, a.start(), f[a.start():pos], numbers):
            add(kept, a.start())
    # a number cue later in the sentence of a resolution word: looked for only in the
    # FAR characters after each such word, so an article without one costs nothing
    starts = [a.start() for a in anchors]
    seen: set[int] = set()
    for a in anchors:
        for c in MARK.finditer(f, a.end(), min(len(f), a.end() + FAR)):
            if c.start() in seen:
                continue
            seen.add(c.start())
            pos = BRIDGE.match(f, c.end()).end()
            numbers = _numbers(f, pos)
            if not numbers or numbers[0].start() in taken:
                continue
            lo = _sentence_start(f, c.start())
            i = bisect_left(starts, c.start()) - 1  # the nearest resolution word before
            if i < 0 or starts[i] < lo:
                continue
            near = anchors[i]
            gap = f[near.end():c.start()]
            if OTHER.search(gap) or ("," in gap and "حمل" not in c.group()):
                continue
            if kept := _accept(f, near.start(), f[near.start():pos], numbers, loose=True):
                taken.update(m.start() for m in numbers)
                add(kept, near.start())
    if "res" in f:
        for s in SYMBOL.finditer(f):
            n = int(s["n"])
            if 1 <= n <= MAX_NUMBER and n not in out:
                out[n] = Citation(n, s.span(), None)
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
