"""How many members the Coalition has, as an article states it.

"التحالف الذي يضم 68 دولة", "الدول الـ79 الشريكة في التحالف", "ليرتفع عدد أعضائه إلى 87
دولة": the Coalition grew from 60 partners (December 2014) to 90 (November 2025), so a size
stated in the present dates the article's own news (`reference.members.size_era`). Only the
global Coalition's size counts: the Islamic military coalition "يضم 41 دولة", a past size
("كان يضم", "آنذاك") or an approximate one ("نحو 60 دولة") says nothing about the day.

The digest keeps only where the words are; the count is read again from the quote
(`size_in`), so a cached entry cannot make a report's day out of a number the article does
not state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from coalition_data.normalise import fold

NUM = r"(?P<n>[4-9]\d)(?!\d)"  # the Coalition has had 40-99 members (never 100)
UNIT = r"(?:دوله|دول|بلدا|بلد|عضوا|اعضاء|شريكا|شركاء)(?![\u0621-\u064A])"  # not "بلده"
MORE_THAN = r"(?P<more>اكثر من|ما يزيد (?:عن|علي)|ما يربو علي|يزيد (?:عن|علي))"
ABOUT = r"(?P<about>نحو|حوالي|قرابه|زهاء|ما يقارب|ما يناهز|قرابه ال)"
QUAL = rf"(?:(?:{MORE_THAN}|{ABOUT})\s+)?"
# "التحالف" / "تحالفا دوليا", not another coalition ("التحالف الإسلامي العسكري")
COALITION = (r"(?:ال)?تحالفا?(?![\u0621-\u064A])(?!\s+(?:ال)?(?:اسلامي|عربي|عسكري|وطني|شيعي|سني)(?:ا|ه)?"
             r"(?![\u0621-\u064A]))")
GAP = r"(?:[^.!?؟\n;؛]{0,70}?)"  # "الدولي ضد داعش، الذي"
# a meeting or a delegation between the Coalition and the count: its size, not the
# Coalition's ("عقد التحالف اجتماعا موسعا يضم 45 دولة"، "وفد من التحالف يضم 45 عضوا")
NOT_THE_COALITION = re.compile(r"(?<![\u0621-\u064A])(?:[وبل]?(?:ال)?(?:اجتماع|اجتماعا|لقاء|لقاءا|"
                               r"موتمر|موتمرا|قمه|جلسه|وفد|وفدا|فريق|فريقا|قوه|قوات))"
                               r"(?![\u0621-\u064A])")
DELEGATION = re.compile(r"(?<![\u0621-\u064A])[وب]?وفد\s+(?:من\s+)?$")
# a size expected, not reached ("من المتوقع أن يرتفع عدد أعضائه إلى 90")
FUTURE = re.compile(r"(?:المتوقع|يتوقع|ينتظر|المرتقب|يرتقب|سوف)\s+(?:ان\s+)?$")
HAS = (r"(?:يضم|تضم|يتالف من|يتكون من|المؤلف من|المكون من|المولف من|المشكل من|يجمع|"
       r"بات يضم|اصبح يضم|صار يضم|بلغ عدد اعضايه|يبلغ عدد اعضايه|البالغ عدد اعضايه|"
       r"يبلغ عدد الدول الاعضاء فيه|الذي يشمل)")
PAST = re.compile(r"(?<![\u0621-\u064A])و?كانت?\s+(?:[^\s]+\s+){0,2}?"
                  r"(?:يضم|تضم|يتالف|يتكون|عدد|يبلغ|يجمع)")
PAST_AFTER = re.compile(r"^[^.!?؟\n,]{0,40}?(?:انذاك|حينها|حينذاك|عند تاسيسه|عند انشايه|"
                        r"لدي تاسيسه|في بدايته|عند انطلاقه|وقت تاسيسه)")


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    return (
        # "التحالف الدولي، الذي يضم 68 دولة"
        re.compile(rf"{COALITION}{GAP}(?<![\u0621-\u064A])و?{HAS}\s+(?:حاليا\s+|اليوم\s+)?"
                   rf"{QUAL}{NUM}\s*{UNIT}"),
        # "الدول الـ79 الشريكة في التحالف", "دول التحالف الـ68"
        re.compile(rf"(?:الدول|الاعضاء|الشركاء|البلدان)\s+ال\s?-?{NUM}\s+(?:الاعضاء|الشريكه|"
                   rf"المنضويه|المشاركه|الشركاء)\s+(?:في|ب|تحت لواء)\s*(?:هذا\s+)?{COALITION}"),
        re.compile(rf"دول\s+{COALITION}\s+(?:الدولي\s+)?ال\s?-?{NUM}(?!\s*(?:في المييه|%))"),
        # "ليرتفع عدد أعضائه إلى 87 دولة"
        re.compile(rf"(?:يرتفع|ليرتفع|ارتفع|يصل|ليصل|وصل|يبلغ|ليبلغ|بلغ|ليصبح|اصبح)\s+عدد\s+"
                   rf"(?:اعضايه|اعضاء التحالف|الدول الاعضاء(?:\s+في\s+التحالف)?|دول التحالف|"
                   rf"شركاء التحالف|الدول المنضويه فيه)\s+(?:الي\s+)?{QUAL}{NUM}"),
        # "ليصبح العضو الـ87 في التحالف": the size on the day it joined
        re.compile(rf"(?:العضو|الدوله|الشريك)\s+(?:رقم\s+)?(?:ال\s?-?)?{NUM}\s+(?:في|ب)\s+"
                   rf"{COALITION}"),
    )


@dataclass(frozen=True, slots=True)
class Size:
    n: int
    at_least: bool  # "أكثر من 60 دولة": more than n
    span: tuple[int, int]  # in the folded text


def sizes(folded: str) -> list[Size]:
    """Every present-tense statement of the Coalition's size in a folded text, exact or a
    lower bound ("أكثر من"); approximate and past sizes are left out."""
    out: list[Size] = []
    taken: list[tuple[int, int]] = []
    for pattern in _patterns():
        for m in pattern.finditer(folded):
            span = (m.start("n") if "التحالف" not in m.group() else m.start(), m.end())
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            if m.groupdict().get("about"):
                continue
            if PAST.search(folded[max(0, m.start() - 12):m.start("n")]) or \
                    PAST_AFTER.match(folded[m.end():]) or \
                    FUTURE.search(folded[max(0, m.start() - 20):m.start()]) or \
                    NOT_THE_COALITION.search(folded, m.start(), m.start("n")) or \
                    DELEGATION.search(folded[max(0, m.start() - 12):m.start()]):
                continue
            n = int(m["n"])
            more = bool(m.groupdict().get("more"))
            out.append(Size(n + 1 if more else n, more, (m.start(), m.end())))
            taken.append(span)
    return sorted(out, key=lambda s: s.span)


def size_in(quote: str) -> Size | None:
    """The size a quote (of `sizes`' span) states, read again from its words."""
    found = sizes(fold(quote))
    return found[0] if found else None


# "أوفدت جميع الدول الأعضاء الـ74 ممثلين عنها"، "بمشاركة كل أعضاء التحالف": every member
# took part, so at least as many states as the Coalition had (a plenary, no Small Group)
ALL_MEMBERS = re.compile(
    r"(?<![\u0621-\u064A])(?:جميع|كل|كافه)\s+(?:ال)?(?:دول|بلدان|اعضاء|شركاء)"
    r"(?:\s+(?:ال)?(?:اعضاء|الاعضاء|الشريكه|الشركاء))?(?:\s+(?:في\s+)?(?:ال)?تحالف(?:\s+الدولي)?)?"
    r"(?:\s+ال\s?-?(?P<n>[4-9]\d)(?!\d))?")
PRESENT = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:حضر|حضرت|شارك|شاركت|اوفدت|اوفد|ارسلت|مثلت|"
                     r"بمشاركه|بحضور|مشاركه|تمثيل)(?![\u0621-\u064A])")
ABSENT_OR_ASKED = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:مدعوه|مدعو|مدعوون|دعا|دعت|دعيت|دعي|يدعو|تدعو|"
                             r"مطالبه|يجب|ينبغي|غابت|غاب|لم|لن)(?![\u0621-\u064A])")


def all_members_present(folded: str, sentences: list[tuple[int, int]]) -> tuple[bool, int | None]:
    """Does one of these sentences say that every member took part (and how many members
    it counts, if it does: "الـ74")? Invited or asked-to members do not count."""
    for s0, s1 in sentences:
        for m in ALL_MEMBERS.finditer(folded, s0, s1):
            if PRESENT.search(folded, s0, s1) and not ABSENT_OR_ASKED.search(folded, s0, s1):
                return True, int(m["n"]) if m["n"] else None
    return False, None
