"""Officials as Arabic news introduces them, in both orders.

- title first: "وزير الخارجية الأمريكي جون كيري", "رئيس الوزراء العراقي حيدر العبادي",
  "المبعوث الخاص للرئيس الأمريكي ... «بريت ماكغورك»";
- name first, title in apposition: "قال جون كيري، وزير الخارجية الأمريكي،",
  "فارس المزروعي، مساعد وزير الخارجية";
- any spelling of a registry name, wherever it stands.

A name is 1-3 words, longer with family particles (Gulf chains: "خالد بن أحمد بن محمد آل
خليفة"، "ريم بنت إبراهيم الهاشمي") and initials ("يامينو إ. موسى"). It stops at a verb, a
preposition, a weekday or month, a place or nationality word, another title or a
punctuation mark, and it never starts with the article ال (a noun, not a name:
"وزير الشؤون الخارجية"). A title with no name is no person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from rapidfuzz import fuzz

from coalition_data.extract.dates import WEEKDAYS, month_names
from coalition_data.extract.doc import Doc, Spans
from coalition_data.extract.places import find_countries, find_demonyms
from coalition_data.normalise import fold
from coalition_data.reference.gazetteer import gazetteer
from coalition_data.reference.registry import read_registry, registry_cache

TITLE = re.compile(
    r"(?<![\u0621-\u064A])(?:[وف]?(?:ال|لل|بال)?)"
    r"(?P<title>"
    r"نايب رييس مجلس الوزراء|رييس مجلس الوزراء|رييس الوزراء|رييس الحكومه|"
    r"نايب المدير السياسي|المدير السياسي|مدير سياسي|نايب المبعوث|نايب وزير|نايبه وزير|مساعد وزير|مساعده وزير|وكيل وزاره|وكيل وزير|وزير الدوله|"
    r"وزيره|وزير|نظيره|نظيرته|نظيرها|"
    r"مبعوث|مبعوثه|منسق|منسقه|سفير|سفيره|امين عام|امين|مدير عام|مدير|مديره|مستشار|"
    r"متحدث باسم|متحدث|متحدثه|ناطق باسم|ناطق|رييس هييه الاركان|رييس اركان|"
    r"رييسه|رييس|نايب الرييس|نايب رييس|الملك|ملك|امير|ولي العهد|ولي ولي العهد|"
    r"قايد|الجنرال|جنرال|الفريق اول|الفريق|العقيد|اللواء|العميد|الادميرال|"
    r"المستشاره|المستشار|خادم الحرمين الشريفين|المفوض|المفوضه|الممثل|الممثله|ممثل|"
    r"المنسق|وكيله|وكيل|قايم باعمال|القايم باعمال"
    r")(?![\u0621-\u064A])"
)
# Titles that make the speaker a commentator or a spokesperson, never a participant.
NOT_PARTICIPANT_TITLE = re.compile(r"متحدث|ناطق|محلل|خبير|باحث|كاتب|مراسل|السابق|سابق")
# Heads of state and royals take part only when the text says they were there.
LEADER_TITLE = re.compile(r"^(?:الرييس|رييس الجمهوريه|الملك|ملك|امير|ولي العهد|خادم الحرمين|"
                          r"الامير|رييس)$|المستشاره")
# Words that continue a title rather than start a name.
TITLE_WORDS = set("""
الخاص الخاصه للرييس الرييس رييس الامريكي الاميركي في ضد لدي لدى بالتحالف للتحالف التحالف
الدولي الدوليه لمكافحه لمحاربه لهزيمه لهزم لدحر داعش تنظيم بالانابه بالنيابه الخارجيه وزير وزيره
الوزراء مجلس نايب الدفاع الامم المتحده العام الحكومه لشوون شوون مكافحه الارهاب التابع
عن باسم الرسمي لجنه الامن والدفاع البرلمان النواب العالمي للامم اول الاول
الجديد المكلف وزاره والمغتربين الدوله الاتحاد الاوروبي المفوضيه العليا الشوون للشوون
الخارجيه والتعاون التعاون الافريقي والمغاربه المغاربه المقيمين بالخارج الدبلوماسيه
دفاع خارجيه الداخليه الماليه الاعلام الاتصالات الاستراتيجيه للتحالف الرياسي الرياسيه
الاوسط الشرق وشمال افريقيا السياسي السياسيه السياسيين المدير لشوون العربيه الخليجي
الاركان المشتركه هييه القوات المسلحه الجيش للقوات قوات الجويه البحريه الامريكيه الاميركيه
الامنيه والعسكريه العسكريه الامنيه للشوون لمنطقه المبعوث الرياسي ولي العهد الملك
ونايب ووزير وزيرا المساعد الاول الثاني بوزاره بالوزاره الاتحادي الاتحاديه
جامعه الجامعه لجامعه عام اداره الاداره لاداره قطاع القطاع مكتب المكتب دايره الدايره
حلف لحلف الحلف الناتو الاطلسي شمال منظمه لمنظمه المنظمه للمنظمه للسياسه السياسه
الركن ركن البلاد دول لدول اقليم الاقليم لاقليم انذاك حينها حينذاك وقتها
جنوب غرب شرق وسط الجنوب الغرب الوسطي اسيا افريقيا اوروبا الاسيوي الافريقي دوله
المخابرات الاستخبارات جهاز الشرطه
""".split())
TOKEN = re.compile(r"[\u0621-\u064A]+")
MAX_NAME_TOKENS = 3
MAX_CHAIN_TOKENS = 9  # "خالد بن أحمد بن محمد آل خليفة" and a little more, never a clause
NAME_PARTICLES = ("بن", "بنت", "ابن", "ابو", "عبد", "ال", "دي", "فان", "فون", "دو", "لو", "لا",
                  "ماك", "مك", "دير", "ديل", "دن")
# particles of descent: each one adds a generation ("بن زايد") to a Gulf name's chain
KIN_PARTICLES = frozenset({"بن", "بنت", "ابن"})
HONORIFICS = frozenset({"الدكتور", "الدكتوره", "د", "السيد", "السيده", "الشيخ", "الشيخه", "سمو", "معالي",
                        "فخامه", "سعاده", "صاحب", "صاحبه", "السمو", "الملكي", "المستشار",
                        "المهندس", "اللورد", "لورد", "السير", "البارونه", "الاستاذ", "دوله"})
# Common verbs of news reports: a name ends where one begins.
VERBS = frozenset("""
قال قالت يقول تقول اكد اكدت يوكد توكد اشار اشارت يشير اضاف اضافت يضيف اوضح اوضحت يوضح
شدد شددت يشدد دعا دعت يدعو اعلن اعلنت يعلن اعتبر اعتبرت يعتبر راي رات يري ذكر ذكرت
لفت لفتت ابدي ابدت قدم قدمت يقدم تحدث تحدثت يتحدث تراس تراست يتراس افتتح افتتحت يفتتح
القي القت يلقي جدد جددت يجدد شارك شاركت يشارك حضر حضرت يحضر مثل مثلت يمثل ترا
يجري اجري اجرت عقد عقدت يعقد التقي التقت يلتقي استقبل استقبلت يستقبل وصل وصلت يصل
غادر غادرت يغادر توجه توجهت يتوجه كان كانت يكون سيكون ستكون هو هي انه انها الذي التي
امام خلال حيث كما بعد قبل عقب اثناء نحو حول ايضا كذلك اليوم امس غدا عند الي الى علي
على في من عن مع بين ان لان او ثم حتي لكن بان وان فان وقال واكد واضاف واشار واوضح
وشدد ودعا واعلن ورحب رحب يرحب رحبت ترحب طالب طالبت يطالب حذر حذرت يحذر وصف وصفت
يستضيف تستضيف استضاف استضافت ادار ادارت يدير جمعه جمع انضم انضمت اختتم اختتمت سيحضر
سيشارك سيتراس يراس تراسه بحضور بمشاركه برياسه ومعه ومعها لدي لدى ونظيره نظيره ونظيرته
قد لقد وقد قوله تاكيد يتوقع توقع صدر يصدر رياسه عضو دوله بلاده بلادها يصلان تصلان
يصل تصل تقدم تقدمت يتقدم ظهر ظهرت التقط التقطت شهد شهدت يشهد
كلمه كلمته كلمتها خطابا خطابه بيانا بيانه رساله رسالته تصريحا تصريحات مداخله محاضره عرضا
لوكاله لصحيفه لقناه لموقع لاذاعه للصحفيين للصحافيين لوسايل للاعلام
""".split())


@dataclass(frozen=True)
class PersonMention:
    name: str  # folded
    title: str  # folded, as far as it goes
    country: str | None
    span: tuple[int, int]  # whole mention (title and name), folded coordinates
    name_span: tuple[int, int]


@registry_cache
def _place_words() -> frozenset[str]:
    """Words of country names and nationality adjectives. Of a longer name, only the first
    word and its adjectives (المتحدة، العربية) count: "بيير" of "سان بيير وميكلون" is a given
    name far more often than a place."""
    g = gazetteer()
    return frozenset(w for k in (*g.countries, *g.demonyms)
                     for i, w in enumerate(k.split()) if i == 0 or w.startswith("ال"))


@cache
def _calendar_words() -> frozenset[str]:
    words = set(WEEKDAYS)
    for name in month_names():
        words.update(name.split())
    return frozenset(words)


# future and dual/plural verb forms: سينضم، ستشارك، يصلان، يجتمعون
_VERB_SHAPE = re.compile(r"^(?:[وف]?(?:سي|ست)[\u0621-\u064A]{3,}|[يت][\u0621-\u064A]{2,}(?<!س)ون)$")
# a nisba adjective after a title ("وزير الخارجية الدنماركي"), known to CLDR or not
_NISBA = re.compile(r"^ال[\u0621-\u064A]{3,}(?:ي|يه)$")


def _strip_clitic(word: str) -> str:
    if word.startswith("لل") and len(word) > 4:
        return "ا" + word[1:]  # "للتعاون" -> "التعاون"
    return word[1:] if len(word) > 3 and word[0] in "وفلب" else word


def _is_capital(word: str) -> bool:
    """A capital city (GeoNames), the seat of an embassy: "لدى واشنطن"."""
    city = gazetteer().cities.get(word)
    return bool(city and city.is_capital)


def _is_title_word(word: str) -> bool:
    if word in TITLE_WORDS or word in _place_words() or TITLE.fullmatch(word):
        return True
    w = _strip_clitic(word)
    return w in TITLE_WORDS or w in _place_words()


# Nouns that follow a name as the object of a verb ("حضر الوزير فلان الاجتماع")
MEETING_NOUNS = frozenset({"الاجتماع", "الاجتماعات", "الموتمر", "اللقاء", "القمه", "الجلسه",
                           "المحادثات", "المباحثات", "الحوار", "المنتدي", "الوفد", "الوفود",
                           "المشاركين", "الحضور", "الصوره", "الكلمه", "البيان", "الجهود"})
# "بمتابعة"، "بتقديم"، "لعرض الرؤية"، "لمناقشة": a preposition with a verbal noun opens a
# clause (purpose, means), never a name's first word
_PREP_MASDAR = re.compile(r"^(?:ب(?:م[\u0621-\u064A]{3,}|ت[\u0621-\u064A]{4,})|"
                          r"ل(?:م[\u0621-\u064A]{4,}|ت[\u0621-\u064A]{4,}|ا?ست[\u0621-\u064A]{3,}|"
                          r"عرض|بحث|دعم|حضور|اجراء|اطلاق|اعلان|القاء|تقديم))$")


def _stops_name(word: str) -> bool:
    return (word in VERBS or (word[:1] == "و" and word[1:] in VERBS) or word in _calendar_words() or _is_title_word(word)
            or word in HONORIFICS or word.isdigit() or word in MEETING_NOUNS)


def _name_like_start(word: str) -> bool:
    """A name's first word: no article (ال), not a verb, title, calendar or place word."""
    return not (word.startswith(("ال", "لل", "وال", "بال")) or _stops_name(word) or
                len(word) < 2 or _PREP_MASDAR.match(word))


def _title_country(f: str, span: tuple[int, int]) -> str | None:
    demonyms = find_demonyms(f, *span)
    if demonyms:
        return demonyms[0][0]
    # "السفير لدى الكويت"، "منسقة الأمم المتحدة في العراق": where they serve, not whom
    countries = [c for c in find_countries(f, *span)
                 if not re.search(r"(?:في|لدي|الي)\s*$", f[max(span[0], c[1][0] - 5):c[1][0]])]
    if countries and "لدي" not in f[span[0]:span[1]]:
        return countries[0][0]
    return None


def _is_ali(doc: Doc, m: re.Match[str]) -> bool:
    """Folded "علي" is the name Ali only where the text writes it with ي: the preposition is
    على (outlets that write every final ي as ى leave the two apart no more)."""
    return m.group() == "علي" and doc.original(*m.span()).endswith("ي")


# a name closed right after its word: a comma, or "أن/إن" opening what was said
_CLOSED = re.compile(r"\s*[,،]|\s+[وف]?ان(?![\u0621-\u064A])")


def _max_tokens(tokens: list[re.Match[str]]) -> int:
    """Three name words and a family particle; each generation (بن X) adds two more."""
    kin = sum(1 for t in tokens if t.group() in KIN_PARTICLES)
    return min(MAX_CHAIN_TOKENS, MAX_NAME_TOKENS + 1 + 2 * kin)


# an initial: one letter and a full stop ("يامينو إ. موسى"، "غريغوري د. لوغيرفو")
_INITIAL = re.compile(r"[\u0621-\u064A]\.(?=\s)")


def _read_name(doc: Doc, pos: int, limit: int) -> list[re.Match[str]]:
    """Name tokens starting at `pos` (after a title), honorifics and quotes skipped."""
    f, tokens = doc.folded, []
    while len(tokens) < _max_tokens(tokens) and pos < limit:
        while pos < limit and f[pos] in " \n\u200f\u200e\u00a0":
            pos += 1
        if pos >= limit:
            break
        if not tokens and doc.text[doc.index[pos]] in '"«“\'(':
            pos += 1
            continue
        m = TOKEN.match(f, pos)
        if not m:
            break
        word = m.group()
        if not tokens and word in HONORIFICS:
            pos = m.end() + (f[m.end():m.end() + 1] == ".")  # "د. محمد"
            continue
        if tokens and (i := _INITIAL.match(f, pos)) and word not in ("و", "ف"):
            tokens.append(i)  # a middle initial: the name goes on after it
            pos = i.end()
            continue
        if not tokens and not _name_like_start(word):
            return []
        if tokens:
            previous = tokens[-1].group()
            after_particle = previous in NAME_PARTICLES and word not in VERBS
            # "محمد شياع السوداني": a nisba as the family name, where the name visibly ends
            family_nisba = (len(tokens) == 2 and _NISBA.match(word) and word not in TITLE_WORDS
                            and _name_closed(f, m.end(), limit))
            # "بيتر فان دام": a particle that is also a word (فان "then that") before a name
            particle = word in NAME_PARTICLES and bool(
                (n := _WORD_AT.match(f, m.end(), limit)) and not n.group(1).startswith("ال")
                and not _stops_name(n.group(1)))
            if _stops_name(word) and not after_particle and not _is_ali(doc, m) \
                    and not family_nisba and not particle:
                break
            if len(tokens) >= 2 and word.startswith("و") and (
                    word[1:].startswith("ال") or _is_registry_word(word[1:])):
                break  # "جون كيري والعبادي": و joins the next person, not a family name
            joined = " ".join([*(t.group() for t in tokens), word])
            if len(tokens) >= 2 and not (previous in NAME_PARTICLES or word.startswith(
                    ("ال", "آل")) or word in KIN_PARTICLES or _is_registry_word(word)
                    or _is_registry_word(joined) or previous.endswith(".")
                    or (len(tokens) == 2 and _CLOSED.match(f, m.end()))):
                # a third word only as a family name ("سعود الفيصل"، "دي مايو"), or where
                # the name visibly ends after it: "فرانسوا فيليب شامبين، ..."
                break
            if _VERB_SHAPE.match(word) or word.startswith(("لل", "بال", "كال", "فال")):
                break  # "لوران فابيوس للصحافيين": a prepositional phrase follows the name
            if word.startswith("و") and _stops_name(word[1:]):
                break
        tokens.append(m)
        pos = m.end()
    while tokens and tokens[-1].group() in NAME_PARTICLES:
        tokens.pop()  # "خالد بن" cut at a clause: the particle belongs to no name
    return tokens


# "مدير إدارة تخطيط السياسات": what follows a department word names the department
# "مساعد الوزير لشؤون المتابعة والتنسيق"، "رئيس إقليم كردستان": a portfolio or a region
DEPARTMENTS = frozenset({"اداره", "قسم", "دايره", "شعبه", "قطاع", "مكتب", "مركز", "وحده",
                         "شوون", "اقليم", "محافظه", "ولايه", "مقاطعه"})
_WORD_AT = re.compile(r"\s*([\u0621-\u064A]+)")


def _department_end(f: str, pos: int, limit: int) -> int:
    """Skip a department's name: one word, then words with the article (an idafa chain)."""
    for i in range(3):
        m = _WORD_AT.match(f, pos)
        if not m or m.end() > limit:
            break
        word = m.group(1)
        if word in HONORIFICS or word in ("في", "لدي", "عن", "من") or _is_registry_word(word) \
                or (i > 0 and not word.startswith(("ال", "وال"))):
            break
        pos = m.end()
    return pos


# a seat a minister also holds, written between the title and the name (Saudi usage)
_CABINET_MEMBER = re.compile(r"\s*,?\s*عضو\s+(?:مجلس\s+(?:الوزراء|الشوري)|"
                             r"اللجنه\s+المركزيه)(?![\u0621-\u064A])")


def _title_end(f: str, start: int, limit: int) -> int:
    """End of a title phrase: title words, places, nationality adjectives."""
    pos = start
    while True:
        if (member := _CABINET_MEMBER.match(f, pos)) and member.end() <= limit:
            pos = member.end()  # "وزير الدولة للشؤون الخارجية عضو مجلس الوزراء عادل ..."
            continue
        m = re.compile(r"\s*[\u0621-\u064A]+").match(f, pos)
        if not m or m.end() > limit:
            return pos
        word = m.group().strip()
        if word in ("في", "لدي", "لدى", "عن", "من"):
            # a preposition continues a title only before a place or title word
            # ("السفير العراقي لدى واشنطن فريد ياسين": a capital too)
            nxt = re.compile(r"\s*([\u0621-\u064A]+)").match(f, m.end())
            if not nxt or not (_is_title_word(nxt.group(1)) or _NISBA.match(nxt.group(1))
                               or _is_capital(nxt.group(1))):
                return pos
            if _is_capital(nxt.group(1)) and not _is_title_word(nxt.group(1)):
                if nxt.end() > limit:
                    return pos
                pos = nxt.end()  # the seat is part of the title; the name follows it
                continue
        elif not (_is_title_word(word) or _NISBA.match(word)):
            return pos
        pos = m.end()
        if _strip_clitic(word).removeprefix("ال") in DEPARTMENTS:
            pos = _department_end(f, pos, limit)


def find_people(doc: Doc) -> list[PersonMention]:
    """Titled person mentions (both orders) and registry names, in text order."""
    f = doc.folded
    out: list[PersonMention] = []
    for t in TITLE.finditer(f):
        _s0, s1 = doc.sentence_at(t.start())
        title_end = _title_end(f, t.end(), s1)
        if ac := _ACRONYM.match(f, title_end, s1):
            # "القائد الأعلى لقوات حلف شمال الأطلسي "ناتو" (الجنرال) فيليب ..."
            title_end = _title_end(f, ac.end(), s1)
        tokens = _read_name(doc, title_end, s1)
        if not tokens and (c := _APPOSITION.match(f, title_end)):
            # "وزير الخارجية البحريني، خالد بن أحمد آل خليفة، أن": the name after a comma,
            # taken only when it visibly ends (a comma, the sentence end or a verb)
            tokens = _read_name(doc, c.end(), s1)
            if len(tokens) < 2 or not _name_closed(f, tokens[-1].end(), s1) \
                    or tokens[0].group().startswith("و"):
                continue  # "المدير العام ...، وغريغوري ...": و opens the next person
        if not tokens:
            continue
        name_span = (tokens[0].start(), tokens[-1].end())
        if len(tokens) == 1 and not _is_registry_word(tokens[0].group()):
            continue  # "الوزير قوله": one word after a title is rarely a name
        # the mention starts at the title, not at a conjunction before it ("ونظيره")
        start = t.start("title") if f[t.start():t.start("title")] in ("و", "ف") else t.start()
        title = f[start:title_end].strip()
        ap = _APPOSITION.match(f, name_span[1]) or _OFFICE_NEXT.match(f, name_span[1])
        if ap and (t2 := TITLE.match(f, ap.end())) \
                and f[t2.start():t2.start("title")] not in ("و", "وال"):
            # "X، مساعد وزير ...": the same person's office; not "X، ونائب المبعوث ..."
            # (the next person)
            title += " " + f[t2.start():_title_end(f, t2.end(), s1)].strip()
        if t["title"].startswith("نظير"):
            title = _counterpart_title(f, out, t.start(), title, _s0)
        if _OF_LEADER.search(f, t.start(), title_end):
            # "المبعوث الخاص للرئيس باراك أوباما": the name is the president's, not the envoy's
            title = "الرييس"
        out.append(PersonMention(" ".join(m.group() for m in tokens),
                                 title,
                                 _title_country(f, (t.start(), title_end)),
                                 (start, name_span[1]), name_span))
    out += _name_first(doc, out)
    out += _honorific_names(doc, out)
    out = _drop_nested(out)
    out += find_registry_names(doc, out)
    return _full_names(sorted(out, key=lambda p: p.span))


def _full_names(people: list[PersonMention]) -> list[PersonMention]:
    """A short form names the person given in full elsewhere in the article: "الشيخ خالد بن
    أحمد" or "خالد آل خليفة" after "خالد بن أحمد بن محمد آل خليفة"، "لورد أحمد" after
    "اللورد طارق أحمد". The short form (two words or more, or a first name with a
    generation) keeps its place and takes the full name, when exactly one full name fits."""
    fulls = {p.name for p in people if len(p.name.split()) >= 3}
    out = []
    for p in people:
        words = p.name.split()
        fits = [n for n in fulls if n != p.name and _short_of(words, n.split())]
        out.append(replace(p, name=fits[0]) if len(fits) == 1 else p)
    return out


def _short_of(short: list[str], full: list[str]) -> bool:
    """`short` keeps `full`'s first word and is an ordered selection of its words, or is
    its leading words (a chain cut short: "خالد بن أحمد")."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0]:
        return False
    if full[:len(short)] == short:
        return len(short) >= 3 or short[1] in KIN_PARTICLES or short[1] == "ال"
    if short[-1] != full[-1]:
        return False
    it = iter(full)
    return all(w in it for w in short)


_APPOSITION = re.compile(r"\s*[,،]\s*")
# an organisation's short name in quotes or brackets after a title: "ناتو"، (اليونيسف)
_ACRONYM = re.compile(r"\s*[\"«“(]\s*[\u0621-\u064A]+\s*[\"»”)]")
# an office right after the name, with no comma: "الأمير فيصل بن فرحان وزير الخارجية"
_OFFICE_NEXT = re.compile(r"\s+(?=(?:ال)?(?:وزير|وزيره|مبعوث|سفير|سفيره|نايب|مساعد|منسق|"
                          r"مدير|امين|رييس الوزراء|رييس هييه|رييس اركان|قايد)(?![\u0621-\u064A]))")
# a title that ends in whose envoy or adviser the person is: the name that follows is theirs
# (not "المبعوث الخاص للرئيس الأمريكي بريت ماكغورك": with a nisba the title goes on)
_OF_LEADER = re.compile(r"(?<![\u0621-\u064A])(?:للرييس|للملك|لولي العهد|للامير)\s*$")
_AFTER_NAME = re.compile(r"\s*(?:[,،.:;؛]|$)|\s+([\u0621-\u064A]+)")


def _name_closed(f: str, pos: int, s1: int) -> bool:
    """Does a name visibly end at `pos`: punctuation, the sentence end, or a verb?"""
    if pos >= s1:
        return True
    m = _AFTER_NAME.match(f, pos, s1)
    return bool(m) and (m.group(1) is None or m.group(1) in VERBS
                        or bool(_VERB_SHAPE.match(m.group(1))))


def _counterpart_title(f: str, before: list[PersonMention], pos: int, title: str,
                       s0: int) -> str:
    """"وزير الخارجية الفرنسي ... ونظيره البريطاني": a counterpart holds the office of the
    person named before them in the sentence, for their own country."""
    prev = next((p for p in reversed(before) if s0 <= p.span[0] < pos and
                 not p.title.startswith(("نظير", "ونظير"))), None)
    if prev is None:
        return title
    own = find_demonyms(title, 0, len(title))
    office = prev.title
    dem = find_demonyms(office, 0, len(office))
    if dem:
        office = office[:dem[-1][1][0]].rstrip()
    return f"{office} {title[own[0][1][0]:own[0][1][1]]}" if own else office


def _foreign_al(word: str) -> bool:
    """"ألبرتو"، "ألكسندر": a foreign given name that begins like the article ال; only a
    word no noun shape fits (no nisba, feminine or plural ending, no known word)."""
    return (len(word) >= 5 and word.startswith("ال") and not _stops_name(word)
            and not _NISBA.match(word) and not word.endswith(("ه", "ات", "ون", "ين", "ا"))
            and word not in MEETING_NOUNS)


def _name_first(doc: Doc, titled: list[PersonMention]) -> list[PersonMention]:
    """"قال جون كيري، وزير الخارجية الأمريكي": 1-3 name words before a comma and a title."""
    f = doc.folded
    out = []
    titled_names = Spans(p.name_span for p in titled)
    titled_spans = Spans(p.span for p in titled)
    for t in TITLE.finditer(f):
        before = f[max(0, t.start() - 3):t.start()]
        comma = re.search(r"[,،]\s*$", before)
        if not comma or f[t.start():t.start("title")].startswith("و"):
            continue  # "X، والقائد العام Y": و opens the next person's title
        end = t.start() - len(before) + comma.start()
        words = list(TOKEN.finditer(f, max(0, end - 60), end))
        # the name: the last words before the comma, up to a boundary
        name: list[re.Match[str]] = []
        for w in reversed(words):
            gap = f[w.end():(name[0].start() if name else end)].strip(' "\'«»“”')
            if gap == "." and len(w.group()) == 1 and name:
                name.insert(0, w)  # an initial: "غريغوري د. لوغيرفو"
                continue
            limit = _max_tokens(name) if any(x.group() in NAME_PARTICLES for x in name) \
                else MAX_NAME_TOKENS
            if gap.strip() or len(name) >= limit:
                break
            word = w.group()
            if (_stops_name(word) and not (name and _is_ali(doc, w))) or word in HONORIFICS:
                break
            name.insert(0, w)
        while name and ((not _name_like_start(name[0].group()) and not (
                len(name) == 2 and _foreign_al(name[0].group())))
                or titled_spans.covers(name[0].start())):
            name.pop(0)  # (also words of a title read before: "رئيس إقليم كردستان X")
        if name and name[0].group().startswith("و") and len(name[0].group()) > 4 and \
                re.search(r"[,،]\s*$", f[max(0, name[0].start() - 3):name[0].start()]):
            # "...، وغريغوري د. لوغيرفو، القائم بأعمال": و joins this person to the last
            name[0] = TOKEN.match(f, name[0].start() + 1)
        if len(name) < 2 and not (name and _is_registry_word(name[0].group())):
            continue
        name_span = (name[0].start(), name[-1].end())
        if titled_names.covers(name_span[0]):
            continue
        s1 = doc.sentence_at(t.start())[1]
        title_end = _title_end(f, t.end(), s1)
        out.append(PersonMention(" ".join(w.group() for w in name), f[t.start():title_end].strip(),
                                 _title_country(f, (t.start(), title_end)),
                                 (name_span[0], title_end), name_span))
    return out


# Honorifics that introduce a person without a title: "سعادة فارس محمد المزروعي"
NAMING_HONORIFICS = re.compile(
    r"(?<![\u0621-\u064A])[وف]?(?:سعاده|معالي|فخامه|سمو|السيد|السيده|الدكتور|الدكتوره|الشيخ|"
    r"الشيخه|اللورد|السير)\s+")
_HOLDS_OFFICE = re.compile(r"\s*[,،]?\s*(?:الذي|التي)\s+(?:يشغل|تشغل|شغل|شغلت)\s+منصب\s+")


def _honorific_names(doc: Doc, found: list[PersonMention]) -> list[PersonMention]:
    """A person named after an honorific with no title before it; the title, if any, from an
    apposition or "الذي يشغل منصب ..." after the name."""
    f = doc.folded
    taken = Spans(p.span for p in found)
    out = []
    for h in NAMING_HONORIFICS.finditer(f):
        if taken.covers(h.start()) or taken.covers(h.end()):
            continue
        s1 = doc.sentence_at(h.start())[1]
        tokens = _read_name(doc, h.end(), s1)
        if len(tokens) < 2 and not (tokens and _is_registry_word(tokens[0].group())):
            continue
        # (a foreign name's third word closed by a comma is read by _read_name itself)
        words = [m.group() for m in tokens]
        name_span = (tokens[0].start(), tokens[-1].end())
        if taken.covers(name_span[0]):
            continue
        title, end = "", name_span[1]
        office = _HOLDS_OFFICE.match(f, end) or _APPOSITION.match(f, end) or \
            _OFFICE_NEXT.match(f, end)
        if office and (t := TITLE.match(f, office.end())):
            end = _title_end(f, t.end(), s1)
            title = f[t.start():end].strip()
            country = _title_country(f, (t.start(), end))
        else:
            country = None
        # with its office after the name, the mention is name + office (role_ar = the office)
        start = name_span[0] if title else h.start()
        out.append(PersonMention(" ".join(words), title, country, (start, end), name_span))
    return out


@registry_cache
def _registry_spellings() -> dict[str, str]:
    """Folded registry spelling -> person_id."""
    out = {}
    for r in read_registry("people", ("person_id", "names_ar")):
        for n in r["names_ar"].split("|"):
            n = re.sub(r"^(?:الجنرال|الامير|الشيخ|الملك)\s+", "", fold(n.strip()))
            if n:
                out[n] = r["person_id"]
    return out


def _is_registry_word(word: str) -> bool:
    return word in _registry_spellings()


@registry_cache
def _registry_pattern() -> re.Pattern[str] | None:
    # a surname alone needs five letters: shorter ones are often words (جوده، كيري is 4
    # but "كيري" is no word; the cost of a miss is lower than of a false person)
    names = [n for n in _registry_spellings() if len(n) >= 5 or " " in n]
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\u0621-\u064A])(?:[وبل])?(?P<n>{alt})(?![\u0621-\u064A])")


def find_registry_names(doc: Doc, found: list[PersonMention]) -> list[PersonMention]:
    """Registry spellings (full names and surnames) not already inside a found mention."""
    pattern = _registry_pattern()
    if pattern is None:
        return []
    f = doc.folded
    out = []
    taken = Spans(p.span for p in found)
    for m in pattern.finditer(f):
        span = m.span("n")
        if taken.covers(span[0]):
            continue
        title_span = (span[1], span[1])
        t = _APPOSITION.match(f, span[1])
        tm = TITLE.match(f, t.end()) if t else None
        if tm:
            title_span = (tm.start(), _title_end(f, tm.end(), doc.sentence_at(tm.start())[1]))
        out.append(PersonMention(m["n"], f[title_span[0]:title_span[1]].strip(),
                                 _title_country(f, title_span), (span[0], max(span[1], title_span[1])),
                                 span))
    return out


def _drop_nested(people: list[PersonMention]) -> list[PersonMention]:
    """"نائب رئيس مجلس الوزراء وزير الخارجية ... X" gives one mention, not two: of the
    mentions of one name the one with the earliest title stays, and a name inside a
    longer name is dropped. Sorted by name span, each is compared with its neighbours."""
    by_name: dict[tuple[int, int], PersonMention] = {}
    for p in people:
        q = by_name.get(p.name_span)
        if q is None or p.span[0] < q.span[0]:
            by_name[p.name_span] = p
    spans = sorted(by_name)
    keep_spans = []
    reach = -1
    for i, (s, e) in enumerate(spans):
        # a longer name starting at the same place comes later in the order: look ahead
        longer = i + 1 < len(spans) and spans[i + 1][0] == s and spans[i + 1][1] > e
        if e <= reach or longer:
            continue  # inside a longer name seen before, or one starting here
        keep_spans.append((s, e))
        reach = max(reach, e)
    kept = set(keep_spans)
    return [p for p in people if p.name_span in kept and by_name[p.name_span] is p]


def surname(name: str) -> str:
    """The word a later bare mention uses; of "طحنون بن زايد" (no family name) the father's
    name is no surname: the whole chain is the key, so two brothers stay two people."""
    words = name.split()
    if len(words) >= 2 and words[-2] in KIN_PARTICLES:
        return name
    return words[-1]


def distinct_names(people: list[PersonMention]) -> list[PersonMention]:
    """The first mention of each distinct name (long articles repeat names)."""
    seen: dict[str, PersonMention] = {}
    for p in people:
        seen.setdefault(p.name, p)
    return list(seen.values())


def resolve_reference(token: str, people: list[PersonMention], before: int
                      ) -> tuple[PersonMention, float] | None:
    """The introduced person a bare name (e.g. a surname) most likely refers to."""
    best: tuple[PersonMention, float] | None = None
    for p in people:
        if p.span[0] > before:
            continue
        score = max(fuzz.ratio(token, surname(p.name)), fuzz.ratio(token, p.name))
        if score >= 80 and (best is None or score > best[1]):
            best = (p, score)
    return best


def mention_country(p: PersonMention) -> str | None:
    """The state a person speaks for: from the title, else from the registry."""
    if p.country:
        return p.country
    from coalition_data.reference.people import link_person

    linked = link_person(p.name)
    if linked and linked[0].country and len(linked[0].country) == 2:
        return linked[0].country
    return None
