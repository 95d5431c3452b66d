"""Meetings of one article, assembled from all their mentions (a small document model).

1. Mentions: every trigger (اجتماع، لقاء، مؤتمر، الجلسة العامة، اجتمع، التقى، انعقد،
   اختتم أعماله، انطلقت أعمال، a working group's name, a video call...) with what its
   sentence says: which body (the Coalition under any of its names, the Small Group, a
   working group, a donor conference, UN talks, another coalition, a bilateral talk),
   level, status, date, place, virtual format, number of states.
2. The main event: the article's first Coalition meeting (headline included); when the
   article never names a Coalition body but is about ISIS, its first multilateral
   meeting of ministers or officials of several states.
3. Coreference: every later mention that is compatible with the main event (no other
   date, place, body or level stated) is the same meeting, even when its sentence does
   not name the Coalition ("وفي ختام الاجتماع الذي استمر يومين في مدريد"); its
   attributes fill what the main event lacks. A Coalition mention with its own date or
   place is another meeting the article mentions.

Spans are in the article's folded coordinates.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from coalition_data.extract.dates import METHOD_RANK, PRECISION_RANK, DateInterval, find_dates
from coalition_data.extract.doc import Doc
from coalition_data.extract.numbers import NUMBER_WORDS, parse_amount
from coalition_data.extract.places import (
    STATE_TITLE,
    PlaceHit,
    after_topic,
    city_at,
    find_cities,
    find_countries,
    find_demonyms,
    find_states,
    lookup,
)
from coalition_data.reference.gazetteer import City, gazetteer

AR = r"\u0621-\u064A"
_NW = rf"(?<![{AR}])"  # no Arabic letter before
_EW = rf"(?![{AR}])"  # no Arabic letter after

TRIGGER = re.compile(
    rf"{_NW}(?:[وبلف]|ول|وب|فال|وال|بال|لل|ال|وفي ال|خلال ال)?"
    r"(?P<t>اجتماعين|اجتماعان|اجتماع|لقاء|موتمر|مباحثات|محادثات|مفاوضات|قمه|اجتماعات|جلسه|الجلسه|"
    r"اجتمع|اجتمعت|اجتمعوا|يجتمع|تجتمع|يجتمعون|سيجتمعون|ستجتمع|سيجتمع|"
    r"التقي|التقت|التقوا|يلتقي|تلتقي|يلتقون|سيلتقون|سيلتقي|"
    r"انعقد|انعقدت|ينعقد|تنعقد|انعقاد|اختتم|اختتمت|اختتام|انطلقت|انطلاق|انطلق|"
    r"ندوه|مشاورات)"
    rf"(?P<suffix>ات|ا|ها|هم|هما|نا|ه|ي)?{_EW}"
)
# "يبحث الوزير اليوم في باريس مع نظرائه ..."، "يناقش وزراء الدفاع": a verb of discussion is
# a meeting word only where many parties follow it
DISCUSS = re.compile(rf"{_NW}(?:[وف]|وس|س)?(?P<t>يبحث|تبحث|بحث|بحثت|يناقش|تناقش|ناقش|ناقشت)"
                     rf"(?P<suffix>)(?![\u0621-\u064A])")
MANY_PARTIES = re.compile(r"(?:ال)?وزراء|\d+\s+وزير|نظرايه|ممثلي\s+(?:ال)?دول|قاده\s+(?:ال)?دول|"
                          r"رو?ساء\s+(?:اركان|هييات)")
NOT_A_MEETING = re.compile(r"^\s*(?:صحفي|صحافي|الصحفي|الصحافي|مشترك مع الصحفيين)")
VERB_TRIGGERS = ("اجتمع", "اجتمعت", "اجتمعوا", "يجتمع", "تجتمع", "يجتمعون", "سيجتمع",
                 "سيجتمعون", "ستجتمع", "التقي", "التقت", "التقوا", "يلتقي", "تلتقي", "يلتقون",
                 "سيلتقون", "سيلتقي")
# "انطلقت/اختتمت أعمال ..." and "انعقد" only name a meeting with what follows
PROCESS = ("انعقد", "انعقدت", "ينعقد", "تنعقد", "انعقاد", "اختتم", "اختتمت", "اختتام",
           "انطلقت", "انطلاق", "انطلق")
PROCESS_OBJECT = re.compile(r"\s*(?:اعمال|اشغال|فعاليات|جلسات|الدوره|الاجتماع|موتمر|اجتماع)")

SMALL_GROUP = re.compile(r"(?:ال|لل)مجموعه\s+(?:الدوليه\s+)?(?:المصغره|الصغيره|المصغر)|"
                         # "اجتماع مصغر للتحالف"، "اجتماع باريس المصغر": the Small Group's
                         r"(?:ال)?(?:اجتماع|لقاء)(?:ا)?\s+(?:[\u0621-\u064A]+\s+)?"
                         r"(?:ال)?مصغر(?:ا)?(?![\u0621-\u064A])")
BARE_GROUP = re.compile(rf"{_NW}(?:لل|ال)مجموعه{_EW}")
# Other coalitions are not the Global Coalition against Daesh.
OTHER_COALITION = (r"العربي|الوطني|الحاكم|الشيعي|السني|الكردستاني|الكردي|الاسلامي|لدعم الشرعيه|"
                   r"دعم الشرعيه|الانتخابي|البرلماني|المدني|الديمقراطي|السوري المعارض|"
                   r"العسكري الاسلامي|الاسلامي العسكري|بقياده السعوديه|الذي تقوده السعوديه")
COALITION = re.compile(
    rf"(?:(?:ال|لل|بال|وال)(?:تحالف|ايتلاف))(?!\s+(?:{OTHER_COALITION})){_EW}")
OTHER_COALITION_RE = re.compile(rf"(?:ال|لل|بال|وال)?(?:تحالف|ايتلاف)\s+(?:{OTHER_COALITION})")
# The Global Coalition named so that no other coalition can be meant.
EXPLICIT_COALITION = re.compile(
    r"(?:تحالف|ايتلاف)\s+(?:ال)?(?:دولي|عالمي|ستيني)|"
    r"(?:تحالف|ايتلاف)(?:\s+(?:ال)?(?:دولي|عالمي|الذي تقوده الولايات المتحده|بقياده (?:ال)?(?:ولايات المتحده|امريكيه|اميركيه)))?"
    r"\s+(?:ضد|لمحاربه|لمكافحه|لهزيمه|لهزم|لدحر|لمواجهه|المناهض|المضاد|لقتال|علي)\s+(?:تنظيم\s+)?(?:داعش|الدوله|\"داعش)")
WORKING_GROUP = re.compile((
    r"(?:مجموعه|مجموعات|فريق) (?:ال)?عمل|مجموعه (?:ال)?تركيز|مجموعه مكافحه تمويل|"
    r"(?:مجموعه|فريق) (?:ال)?اتصال(?:ات)?|مجموعه (?:ال)?(?:استقرار|تحقيق الاستقرار)|"
    r"مجموعه (?:ال)?مقاتلين|(?:مجموعه|فريق) مكافحه (?:ال)?تمويل|مجموعه (?:ال)?تمويل|"
    r"مجموعه التركيز|مجموعه العمل|الفريق العامل").replace(" ", r"\s+"))  # hard-wrapped lines
ISIS = re.compile(r"داعش|الدوله الاسلاميه|تنظيم الدوله|داعـش|isis|isil|daesh")
DONOR = re.compile(r"المانحين|للمانحين|المانحون|(?:ال)?(?:دول|جهات)\s+(?:ال)?مانحه|اعاده\s+(?:ال)?اعمار|لاعاده الاعمار|لاعمار|اعمار العراق|"
                   r"التعهدات|موتمر\s+(?:دولي\s+)?(?:لدعم|للتعهدات)|(?<=موتمر )(?:الدولي )?لدعم")
UN_TALKS = re.compile(r"(?:مباحثات|محادثات|مفاوضات)\s+(?:السلام\s+)?(?:السوريه|جنيف|استانا|الامم المتحده)")
UNSC = re.compile(r"مجلس الامن|الجمعيه العامه للامم|الجمعيه العامه")
BILATERAL = re.compile(
    r"(?:^|\s)(?:مع|ب)\s*(?:نظيره|نظيرته|نظرايه|الرييس|رييس|الوزير|وزير|وزيره|الوزيره|رييسه|الجنرال|السفير|الملك|الامير|ولي العهد|المبعوث|"
    r"قايد|القايد|ممثل|الممثل|منسق|المنسق)(?![\u0621-\u064A])|"
    r"(?:^|\s)بين (?:الوزير|وزير|الرييس|رييس|الجانبين|البلدين)|ثنايي|ثناييه|الثنايي|الثناييه|"
    r"^\s*(?:مع|ب)\s*[\u0621-\u064A]+\s+[\u0621-\u064A]+\s*[,،]")

# the Coalition as the one counterpart of whoever meets: "اجتماعا مع ممثلي التحالف الدولي"
# the meeting of a council, committee or government ("اجتماعا للمجلس الوزاري للأمن الوطني"،
# "اجتماع لجنة الأمن والدفاع"), named right after the meeting word
_COUNCIL = (r"(?:(?:ال)?مجلس(?!\s+(?:ال)?(?:امن(?!\s+(?:ال)?(?:وطني|قومي))|تعاون))|"
            r"(?:ال)?(?:لجنه|هييه|حكومه|برلمان))"
            r"(?![\u0621-\u064A])(?!(?:\s+\S+){0,2}?\s+(?:ال|لل|ل)?تحالف)")  # not the Coalition's
NATIONAL_BODY = re.compile(rf"\s*(?:ل|لل)?({_COUNCIL})")
# ... or as the subject that holds it: "عقدت لجنة الأمن والدفاع النيابية اجتماعا"
NATIONAL_SUBJECT = re.compile(rf"(?<![\u0621-\u064A])[وف]?(?:عقد|عقدت|تعقد|يعقد)\s+{_COUNCIL}"
                              r"[^.،,]{0,50}$")
# the Coalition as one counterpart represented by its commander, envoy, committee...:
# "بحث مع قائد قوات التحالف"، "لقاء جمع رئيس الأركان بقائد قوات التحالف"، "اجتماعا مع
# اللجنة العسكرية العليا للتحالف" (not "مع ممثلي دول التحالف", the member states)
COALITION_OFFICIAL = re.compile(
    rf"(?:{_NW}مع\s+|{_NW}[وف]?ب|{_NW}ل|{_NW}[وف]?(?:استقبل|استقبلت|يستقبل|تستقبل|استقبال)\s+)"
    r"(?:ال)?(?:قايد|مبعوث|ممثل|منسق|سفير|سفيره|نايب قايد|قياده|لجنه|اللجنه|وفد|قاده|مسوول)"
    r"(?![\u0621-\u064A])(?:\s+(?!(?:ال)?(?:دول|اعضاء|شركاء|وزراء)(?![\u0621-\u064A]))[^\s.،,]+){0,4}?"
    r"\s+(?:ال|لل)(?:تحالف|ايتلاف)(?![\u0621-\u064A])")
# two sides only: "تناول الجانبان خلال اللقاء"، "ناقش الطرفان"
TWO_SIDES = re.compile(rf"{_NW}(?:ال)?(?:جانبان|جانبين|طرفان|طرفين|لجنتان|لجنتين)|البلدين{_EW}")
# one official briefing the diplomats posted to him: "مع قناصل وممثلي 36 دولة"، "بسفراء الدول"
DIPLOMATS = re.compile(rf"(?:{_NW}مع\s+|{_NW}[وف]?ب)(?:عدد من\s+)?(?:ال)?(?:قناصل|سفراء|رو?ساء البعثات|"
                       r"ممثلي البعثات|السلك الدبلوماسي|الدبلوماسيين)(?![\u0621-\u064A])")
# meetings of other organisations: at most another conference, never the Coalition's
OTHER_ORG = re.compile(
    r"الاتحاد الاوروبي|الاتحاد الاوربي|(?:حلف\s+)?(?:ال)?ناتو|حلف شمال الاطلسي|شمال الاطلسي|"
    r"مجلس التعاون(?:\s+(?:ال)?خليجي|\s+لدول)|الجامعه العربيه|جامعه الدول العربيه|"
    r"(?:مجلس\s+)?وزراء الداخليه العرب|الاتحاد الافريقي|منظمه التعاون الاسلامي|"
    r"مجموعه العشرين|منظمه الامن والتعاون")
COALITION_COUNTERPART = re.compile(
    r"(?:^|\s)مع\s+(?:ممثلي|ممثلين عن|وفد|وفدا من|قاده|مسوولي|مسوولين في)\s+(?:قوات\s+)?"
    r"(?:ال)?(?:تحالف|ايتلاف)")

LEVELS = (
    ("military_chiefs", re.compile(
        r"رو?ساء (?:ال)?اركان|قاده (?:ال)?جيوش|روساء هييات الاركان|القاده العسكريين|"
        r"كبار القاده العسكريين|قاده عسكريين|رييس هييه الاركان المشتركه")),
    ("defence_ministers", re.compile(r"وزراء (?:ال)?دفاع|وزير (?:ال)?دفاع \d+|لوزراء (?:ال)?دفاع")),
    ("political_directors", re.compile(
        r"(?:ال|لل)?(?:مدراء|مديرين|مديرون|المديرين) (?:ال)?سياسي(?:ين|ون)|"
        r"كبار (?:ال|لل)?(?:مسوولين|مسيولين|مديرين|دبلوماسيين)|ممثلون دبلوماسيون كبار|"
        r"(?:ال)?مبعوثين|(?:ال)?مسوولين الكبار")),
    ("ambassadors", re.compile(r"(?:ال|لل)?سفراء(?! \S+ لدي)")),
    ("working_level", re.compile(r"علي مستوي العمل|مستوي الخبراء|علي مستوي الخبراء|الخبراء")),
    ("ministerial", re.compile(rf"(?<!مجلس )(?<!رييس )(?<!رياسه )(?<!روساء ){_NW}(?:وال|ال|و|ل|لل)?وزراء(?! (?:ال)?دفاع)|"
                               rf"(?:ال)?وزاري(?:ه|ا)?{_EW}")),
    ("leaders", re.compile(r"القاده|روساء الدول|زعماء")),
)
FUTURE = re.compile(
    r"المزمع|المتوقع عقده|من المتوقع|من المقرر|المقرر عقده|من المنتظر|المنتظر عقده|"
    r"سيستضيف|ستستضيف|سيعقد|ستعقد|سيجتمع|ستجتمع|سيلتقي|سيشارك|ستشارك|سيتراس|سيتوجه|"
    r"يعتزم|تعتزم|يستعد|تستعد|استعدادا|للمشاركه في|للمشاركه فيه|لحضور|لتروس|ليتراس|"
    r"قررت?\s+\S*\s*عقد|تقرر عقد|اجتماع جديد|يعقد (?:غدا|يوم|الاسبوع المقبل|الشهر المقبل)|"
    r"تعقد (?:غدا|يوم|الاسبوع المقبل|الشهر المقبل)|تستضيف (?:غدا|يوم|الاسبوع المقبل|الشهر المقبل)|"
    r"يستضيف (?:غدا|يوم|الاسبوع المقبل|الشهر المقبل)|المرتقب|ستنطلق|سينطلق|يبدا غدا|تبدا غدا|"
    # "يلتقون غداً"، "بعد غد"، "على موعد مع اجتماع"، "في 11 مايو المقبل"
    r"(?<![\u0621-\u064A])[وف]?(?:غدا|بعد غد)(?![\u0621-\u064A])|علي موعد مع|"
    r"(?<!\d)\d{1,2}\s+[\u0621-\u064A]+\s+(?:المقبل|القادم)(?![\u0621-\u064A])|"
    # "واشنطن تدعو لاجتماع وزاري"، "دعت ... إلى عقد اجتماع": a meeting called for is ahead
    r"(?<![\u0621-\u064A])(?:تدعو|يدعو|تدعوان|يدعوان)\s+(?:[^\s.]+\s+){0,8}?(?:الي\s+|ل)"
    r"(?:عقد\s+)?(?:ال)?اجتماع"
)
NEW_MEETING = re.compile(r"اجتماع جديد|(?:ال)?اجتماع (?:ال)?(?:قادم|مقبل)|(?:ال)?(?:قادم|مقبل)(?![\u0621-\u064A])")
# "الثلاثاء المقبل"، "الأسبوع المقبل": a coming day, not a coming meeting
DATE_WORD_BEFORE = re.compile(r"(?:السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|الاسبوع|"
                              r"الشهر|العام|السنه|الصيف|الشتاء|الربيع|الخريف)\s+$")
NEXT = re.compile(r"\s*(?:ال)?(?:المقبل|القادم)")
VIRTUAL = re.compile(r"افتراضي|افتراضيا|عبر الفيديو|عبر تقنيه الفيديو|عن بعد|عبر الانترنت|"
                     r"(?:ال)?اتصال (?:ال)?مريي|الفيديو كونفرانس|الفيديو كونفرنس|"
                     r"(?:ال)?دايره (?:ال)?تلفزيونيه (?:ال)?مغلقه|اجتماع هاتفي|اتصال هاتفي جماعي|"
                     r"الاتصال المريي|فيديو كونفرانس|الكتروني")
N_STATES = re.compile(
    r"(?P<q>اكثر من|ما يزيد عن|ما يزيد علي|نحو|حوالي|قرابه|زهاء|ما يقارب)?\s*"
    rf"(?<![\u0621-\u064A\d])(?:[وبلف]|ول|لل)?(?P<n>\d{{1,3}}|{NUMBER_WORDS})\s+(?:دوله|بلدا|بلد|وفدا|عضوا|دول|وزير|وزيرا|شريكا|شريك|جهه|"
    r"من\s+(?:ال)?(?:دول|اعضاء|الاعضاء|الشركاء)(?![\u0621-\u064A]))"
    r"|(?:البالغ|يبلغ|بلغ)\s+عدد(?:ها|هم)\s+(?P<n2>\d{1,3})"
    # "الدول الـ79 الأعضاء"، "شركاء التحالف الـ 86": the N states (folded: الـ -> ال)
    r"|(?<![\u0621-\u064A])(?:ال|لل|و|وال)?(?:دول|بلدان|اعضاء|شركاء)"
    r"(?:\s+[\u0621-\u064A]+){0,4}?\s+ال\s?(?P<n3>\d{1,3})(?!\d)"
)
N_QUAL = {"اكثر من": "more_than", "ما يزيد عن": "more_than", "ما يزيد علي": "more_than",
          "نحو": "about", "حوالي": "about", "قرابه": "about", "زهاء": "about",
          "ما يقارب": "about"}
DURATION = re.compile(r"(?:لمده|يستمر|تستمر|ويستمر|استمر|استمرت|تستغرق|يستغرق)\s+(?:لمده\s+)?"
                      r"(?P<n>يومين|ثلاثه ايام|اربعه ايام|\d)\s*(?:ايام|يوما)?")
DURATION_DAYS = {"يومين": 2, "ثلاثه ايام": 3, "اربعه ايام": 4}
HOST = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:بدعوه (?:مشتركه )?من|باستضافه|استضافت|استضاف|تستضيف|يستضيف|ستستضيف|"
                  r"سيستضيف|احتضنت|احتضن|تحتضن|يحتضن|ستحتضن|برياسه|تحت رياسه|ترا?س|تراست|"
                  r"يتراس|تتراس|سيتراس|ستتراس)"
                  r"(?:ه|ها)?(?:\s+مشتركه)?(?:\s+(?:من|بين))?\s+")
CHAIRS = re.compile(r"رياسه|ترا?س|تتراس|يتراس")
HOST_LIST = 90
# "منذ تأسيسه عام 2014": a year that dates something else than the meeting
NOT_MEETING_DATE = re.compile(r"(?:منذ|تاسس|تاسيس|تشكيل|تشكل|انشاء|انشي|اطلاق|في العام|خلال عام|"
                              r"اطلقت|اطلق|انشات|انشا|اسست|اسس)\s*\S*\s*$"
                              # "أدلى بهذه التصريحات اليوم": when he spoke, not when they meet
                              r"|(?:التصريحات|تصريحاته|تصريحاتها)\s+$")
# "وتوقع صدور إعلان بذلك الأسبوع المقبل": when something is expected to be announced
ANNOUNCED = re.compile(r"(?<![\u0621-\u064A])(?:صدور|اعلان|الاعلان|اعلانا)"
                       r"(?P<words>(?:\s+[^\s.,،]+){0,3})\s*$")


def _announcement_date(folded: str, d: DateInterval) -> bool:
    """Is the date the one of an announcement expected next ("صدور إعلان بهزيمة التنظيم
    الأسبوع المقبل"), not of a meeting ("إعلان عقد الاجتماع الأسبوع المقبل")?"""
    m = ANNOUNCED.search(folded, max(0, d.span[0] - 40), d.span[0])
    return bool(m and NEXT.search(d.text) and not TRIGGER.search(m["words"]))
PAST_REF = re.compile(r"السابق|الماضي|الاخير|الفايت|المنصرم|سابق")
# "نتائج الاجتماع الوزاري الذي عقد في لندن": a meeting the main one follows up
FOLLOWS_UP = re.compile(r"(?:نتايج|مخرجات|متابعه|منذ|مقررات|توصيات|غرار|سلسله|اعقاب)\s+(?:\S+\s+)?$")
PRESENT_TENSE = re.compile(
    rf"{_NW}(?:[وف]?(?:س|ست|سي)?(?:يعقد|تعقد|يجتمع|تجتمع|يلتقي|تلتقي|يلتقون|يجتمعون|"
    rf"تستضيف|يستضيف|ينعقد|تنعقد|تنطلق|ينطلق|يبدا|تبدا|يشارك|تشارك|يستقبل|تستقبل|تحتضن|"
    rf"يحتضن)){_EW}")

WINDOW_BEFORE = 120
WINDOW_AFTER = 140


@dataclass
class Mention:
    """One meeting mention; spans are in the article's folded coordinates."""

    trigger: tuple[int, int]
    kind: str = "generic"  # body | generic | bilateral | other_coalition | unsc | national
    body: str | None = None
    level: str = "unknown"
    status: str = "held"
    date: DateInterval | None = None
    city: City | None = None
    city_span: tuple[int, int] | None = None
    country: str | None = None  # country of the venue when no city is named
    is_virtual: bool = False
    n_states: int | None = None
    n_states_qualifier: str | None = None
    hosts: list[tuple[str, str]] = field(default_factory=list)  # (ISO code, hosted|chaired)
    spans: list[tuple[int, int]] = field(default_factory=list)
    past_ref: bool = False  # "الاجتماع السابق": points at another, earlier meeting
    date_distance: int = 0  # characters between the trigger and its date
    named_only: bool = False  # a working group named with no meeting word
    plural: bool = False  # "اجتماعات": meetings in general
    next_meeting: bool = False  # "اجتماع جديد"، "الاجتماع القادم": the one after this
    recalled: bool = False  # said to be another, earlier meeting ("كانت X قد احتضنت")
    margin: bool = False  # "على هامش الاجتماع الوزاري": the meeting beside which another met
    gap_days: int | None = None  # "بعد أقل من أسبوعين على اجتماع": days before the main one
    gap_span: tuple[int, int] = (0, 0)
    inaugural: bool = False  # "اجتماعه الافتتاحي/الأول": a meeting of its own
    # "أربعة مؤتمرات سابقة عقدت في كل من الأردن، فرنسا..." : (city, country, span, date)
    listed: list[tuple[City | None, str, tuple[int, int], DateInterval | None]] = field(
        default_factory=list)

    @property
    def generic(self) -> bool:
        return self.kind == "generic"

    @property
    def host(self) -> str | None:
        return self.hosts[0][0] if self.hosts else None

    @property
    def span(self) -> tuple[int, int]:
        spans = [self.trigger, *self.spans]
        return min(s for s, _ in spans), max(e for _, e in spans)

    @property
    def anchored(self) -> bool:
        return bool((self.date and self.date.resolved) or self.city or self.is_virtual)


def _window(doc: Doc, triggers: list[re.Match[str]], i: int) -> tuple[int, int]:
    s0, s1 = doc.sentence_at(triggers[i].start())
    lo = max(s0, triggers[i].start() - WINDOW_BEFORE)
    hi = min(s1, triggers[i].end() + WINDOW_AFTER)
    return lo, hi


_RIGHT_AFTER = re.compile(r"\s+(?:(?:ال)?(?:موسع|مصغر|مشترك|عام|رفيع المستوي)\s+)?")


def _level_named_by(f: str, end: int, limit: int) -> tuple[str, re.Match[str]] | None:
    """The level words right after a meeting word ("اجتماع المديرين السياسيين"، "الاجتماع
    الوزاري"، "اجتماع وزراء الدفاع"), if any."""
    gap = _RIGHT_AFTER.match(f, end, limit)
    if gap is None:
        return None
    for level, p in LEVELS:
        if (found := p.match(f, gap.end(), limit)):
            return level, found
    return None


def _meeting_date(dates: list[DateInterval], folded: str, pos: int, lo: int, hi: int,
                  after_first: bool = False, upto: int | None = None,
                  others: int | None = None) -> DateInterval | None:
    """The date in [lo, hi) that most likely dates the meeting at `pos`: day precision
    before coarser ones, then the nearest; years of founding etc. are skipped. For a
    second meeting word of a sentence (`after_first`), a date of its own (after it, and
    before the next meeting word at `upto`) comes first: "بعد اجتماع الكويت الذي عقد في
    فبراير الماضي" is dated by February, not by the sentence's day."""
    starts = [d.span[0] for d in dates]  # dates are sorted: look at [lo, hi) only
    inside = [d for d in dates[bisect_left(starts, lo):bisect_left(starts, hi)]
              if d.span[1] <= hi
              and not NOT_MEETING_DATE.search(folded, max(0, d.span[0] - 20), d.span[0])
              and not _announcement_date(folded, d)]
    if not inside:
        return None
    rank = {"day": 0, "interval": 0, "month": 1, "season": 2, "year": 3, "unknown": 1}
    end = hi if upto is None else upto
    own = [d for d in inside if pos <= d.span[0] < end] if after_first else []
    if others is not None and not own:
        # "عقب اجتماع الثلاثاء إلى لندن للمشاركة في مؤتمر": the day right after the
        # earlier meeting word is that meeting's
        inside = [d for d in inside if not 0 <= d.span[0] - others <= 2]
        if not inside:
            return None
    best = min(own or inside, key=lambda d: (rank[d.precision], after_first and d.span[0] < pos,
                                             abs(d.span[0] - pos)))
    # "يوم الخميس ... الموافق 9 مارس 2023": the same day stated in full is the better
    # evidence (and no longer depends on the publication date)
    same = [d for d in own or inside if d.method == "stated" and d.start is not None
            and (d.start, d.end) == (best.start, best.end)]
    return same[0] if same and best.method != "stated" else best


_HOST_SUBJECT = re.compile(
    r"(?:تستضيف|استضافت|استضاف|يستضيف|ستستضيف|سيستضيف|احتضنت|احتضن|تحتضن|يحتضن|ستحتضن|"
    r"احتضان|استضافه|استضافتها|استضافته|احتضنته|احتضنتها|"
    r"لاستضافه|لاحتضان|"  # "اختيار الكويت لاستضافة هذا الاجتماع"
    # "روما تستقبل اجتماعا للتحالف": receiving a meeting (not a guest) is hosting it
    r"(?:تستقبل|يستقبل|ستستقبل|سيستقبل|استقبلت|استقبل)"
    r"(?=\s+(?:[^\s.،]+\s+){0,2}?(?:ال)?(?:اجتماع|موتمر|لقاء|قمه)))\s+")
# gathering the participants, or expecting the meeting, with the place as subject
_GATHER = re.compile(r"(?<![\u0621-\u064A])(?:(?:ستجمع|سيجمع|تجمع|يجمع|جمعت|جمع)\s+"
                     r"(?=(?:\S+\s+){0,2}?(?:ال)?(?:دول|دولا|وزراء|ممثلي|ممثلين|اعضاء|شركاء|حلفاء|"
                     r"قاده|رووساء))|(?:علي موعد مع)\s+)")
_HOST_OBJECT = re.compile(r"(?:الذي|التي)\s+(?:تستضيفه|استضافته|احتضنته|تحتضنه|ستستضيفه|"
                          r"يستضيفه|تستضيفها|استضافتها|احتضنتها|تحتضنها)\s+")


# "وكانت لندن قد احتضنت"، "إيطاليا، التي تحتضن": the place, then "قد" or a relative pronoun
_LAST_WORDS = re.compile(r"([\u0621-\u064A]+(?: [\u0621-\u064A]+)?)"
                         r"(?:\s*[,،]?\s+(?:التي|الذي)|\s+(?:قد|فقد|لقد))?\s+$")


def _place_before(f: str, lo: int, end: int) -> tuple[City | None, str, int] | None:
    """A city or country standing right before position `end` (the host before its verb),
    with where its words start ("وكانت مراكش قد احتضنت": past the particle قد). Before
    "الذي استضافته" the noun is what was hosted."""
    verb = end
    if (q := re.search(r"(?<![\u0621-\u064A])قد\s+$", f[max(lo, end - 8):end])):
        end -= len(q.group())
    m = _LAST_WORDS.search(f, max(lo, end - 40), end)
    if not m or (m.end(1) < m.end() - 1 and re.match(r"[\u0621-\u064A]+(?:ه|ها)(?![\u0621-\u064A])", f[verb:verb + 12])
                 and re.search(r"(?:التي|الذي)\s+$", f[m.end(1):end])):
        return None
    words = m.group(1).split()
    for k in range(len(words), 0, -1):
        cand = " ".join(words[-k:])
        start = m.start() + m.group(1).rfind(cand)
        h = lookup(f, start, start + len(cand), strict=True)
        if h and h.span[1] == start + len(cand):
            return h.city, h.city.country_code, m.start()
        code = find_states(f, start, start + len(cand))  # also "المملكة الأردنية"
        if code and code[0][1] == (start, start + len(cand)):
            return None, code[0][0], m.start()
    return None


def hosting_places(doc: Doc, lo: int, hi: int) -> list[tuple[City | None, str | None,
                                                             tuple[int, int]]]:
    """Places that are subject or object of a hosting verb in [lo, hi):
    "تستضيف باريس"، "احتضنت الكويت"، "استضافت العاصمة التركية أنقرة"، "الذي تستضيفه روما",
    "تستضيف المملكة المغربية". Returns (city or None, country code or None, span)."""
    f = doc.folded
    out = []
    for m in [*_GATHER.finditer(f, lo, hi), *_HOST_SUBJECT.finditer(f, lo, hi),
              *_HOST_OBJECT.finditer(f, lo, hi)]:
        pos = m.end()
        # the host before its verb: "بريطانيا تستضيف ..."، "روما تحتضن ..."; the place that
        # convenes or awaits it: "جدة ستجمع دول الخليج"، "السعودية على موعد مع اجتماع"
        if m.re is not _HOST_OBJECT and (pre := _place_before(f, lo, m.start())):
            city, code, start = pre
            out.append((city, code, (start, m.end())))
        if m.re is _GATHER:
            continue  # what follows is who gathers, not a place
        if city_at(f, pos, min(hi + 30, len(f)), strict=False) is None and \
                (c0 := find_countries(f, pos, min(len(f), pos + 30))) and c0[0][1][0] == pos:
            out.append((None, c0[0][0], (m.start(), c0[0][1][1])))
            continue
        pos += len(re.match(rf"(?:{STATE_TITLE} |امس |اليوم |غدا )*", f[pos:]).group())
        hit = city_at(f, pos, min(hi + 30, len(f)), strict=False)
        if hit:
            out.append((hit.city, hit.city.country_code, (m.start(), hit.span[1])))
            continue
        countries = find_countries(f, pos, min(len(f), pos + 30))
        if countries and countries[0][1][0] - pos <= 1:
            code, span = countries[0]
            out.append((None, code, (m.start(), span[1])))
            continue
        dem = find_demonyms(f, pos, min(len(f), pos + 25))  # "المملكة المغربية"
        if dem and dem[0][1][0] - pos <= 1:
            out.append((None, dem[0][0], (m.start(), dem[0][1][1])))
    return out


# who took part, in a generic mention's sentence: several parties ("رئيس الوزراء" is one)
_MANY = re.compile(r"(?<!رييس )(?<!رييس ال)(?<!رياسه )(?<!رياسه ال)(?:ال)?وزراء|ممثل|وفود|المشاركين|المشاركون|"
                   r"المجتمعون|المجتمعين")
# "استقبل رئيس الوزراء ... السفيرة الأمريكية": a reception of one guest, which a later
# "اللقاء" may take up
RECEPTION = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:استقبل|استقبلت|يستقبل|تستقبل)\s+"
                       r"(?:[^\s.!?؟]+\s+){0,10}?(?:ال)?(?:سفير|سفيره|وزير|وزيره|مبعوث|"
                       r"مبعوثه|قايد|نايب|وفدا)(?![\u0621-\u064A])")


_OWN_BODY = re.compile(rf"تحالف|ايتلاف|وزاري|(?<!رييس )(?<!رييس ال)(?:ال)?وزراء|مجموعه|روساء|قاده|"
                       rf"{_NW}(?:ال)?دول{_EW}")
SINGULAR_VERBS = ("اجتمع", "اجتمعت", "يجتمع", "تجتمع", "سيجتمع", "ستجتمع", "التقي", "التقت",
                  "يلتقي", "تلتقي", "سيلتقي")
_PARTY_WORDS = (r"وزراء|ممثلو|ممثلي|ممثلين|مسوولو|مسوولي|قاده|روساء|رساء|اعضاء|دول|وفود|مندوبو|"
                r"مندوبي|سفراء|خبراء|مدراء|مديري|مشاركين|مشاركون|مجتمعون|مجتمعين|كبار|نظراء|"
                r"نظرايه|شركاء|حلفاء")
_COLLECTIVE = re.compile(rf"{_NW}(?:[وبل]|ال|وال|بال|لل)?(?:{_PARTY_WORDS}|تحالف|ايتلاف|مجموعه|"
                         rf"فريق|لجنه|مجلس){_EW}")

_PARTIES = re.compile(rf"{_NW}(?:[وبل]|ال|وال|بال|لل)?(?:{_PARTY_WORDS}){_EW}")


ONE_TO_ONE_VERB = re.compile(rf"{_NW}[وف]?(?:بحث|يبحث|تبحث|بحثت|ناقش|يناقش|تناقش|ناقشت|التقي|"
                             rf"يلتقي|التقت|تلتقي|اجتمع|اجتمعت|يجتمع|تجتمع|تباحث|يتباحث){_EW}")


def _lookalike(f: str, t, sentence: tuple[int, int], hi: int) -> bool:
    """A meeting that names the Coalition but is no meeting of it: the Coalition present
    through one commander, envoy or committee ("لقاء جمع رئيس الأركان بقائد قوات التحالف"،
    "اجتماعا مع اللجنة العسكرية العليا للتحالف"), one official and the diplomats posted
    to him ("اجتماعا في أربيل مع قناصل وممثلي 36 دولة"), or one person meeting another
    ("الشرع يلتقي ترامب لانضمام سوريا إلى التحالف")."""
    own = f[t.end():min(hi, t.end() + 25)]
    if not re.match(r"\s*(?:مع|ب)", own) and _OWN_BODY.search(own):
        return False  # "اجتماع وزراء التحالف ... مع": the body's own meeting
    end = min(sentence[1], t.end() + 90)
    if (m := COALITION_OFFICIAL.search(f, t.end(), end)) and "هامش" not in f[t.end():m.start()]:
        return True
    if (m := COALITION_OFFICIAL.search(f, max(sentence[0], t.start() - 120), t.start())) and (
            "استقبل" in m.group() or (m.group().startswith("مع") and ONE_TO_ONE_VERB.search(
                f, max(sentence[0], m.start() - 80), m.start()))):
        return True  # "بحث الوزير مع المبعوث الخاص للتحالف ... في لقاء"
    if DIPLOMATS.search(f, t.end(), min(sentence[1], t.end() + 60)):
        return True
    if t["t"] in SINGULAR_VERBS and not _COLLECTIVE.match(f, t.end() + 1) and \
            not _COLLECTIVE.search(f, max(sentence[0], t.start() - 100), t.start()) and \
            not _PARTIES.search(f, *sentence) and not _MANY.search(f, *sentence):
        return True  # a singular verb with no party of many: one person meets another
    return False


_TAKES_PART = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:حضر|حضرت|حضره|حضرها|شارك|شاركت|تشارك|"
                         r"يشارك|بمشاركه|بحضور)(?![\u0621-\u064A])")


def _other_organisation(f: str, t, sentence: tuple[int, int]) -> bool:
    """A meeting of NATO, the EU, the GCC, the Arab League...: named in the meeting's own
    phrase (after a noun, around a verb) with no Coalition between them; "بمقر حلف
    الناتو" is a venue."""
    lo, hi = max(sentence[0], t.start() - 60), min(sentence[1], t.end() + 60)
    for m in OTHER_ORG.finditer(f, lo, hi):
        if re.search(r"(?:مقر|بحضور|بمشاركه|ممثلي|ممثل|عن|العام)[\s\"«(]*(?:ل|ال)?"
                     r"(?:حلف[\s\"«(]*)?$", f[max(0, m.start() - 14):m.start()]) or \
                _TAKES_PART.search(f, min(m.start(), t.end()), max(m.start(), t.end())):
            continue  # the venue, or a party present: "بمقر حلف الناتو"، "تشارك فيه دول مجلس"
        a, b = sorted((m.start(), t.start()))
        if COALITION.search(f, a, b) or EXPLICIT_COALITION.search(f, a, b):
            continue
        return True
    return False


# "قال على هامش مؤتمر حوار المنامة، إن سوريا ستنضم إلى التحالف": what is said there
SPEECH = re.compile(r"[,،:]\s*(?:ان|انه|انها|بان)\s|:\s")


def _coalition_near(f: str, t, near: tuple[int, int]) -> re.Match[str] | None:
    """The Coalition named near the meeting word, not inside what someone said there."""
    for c in COALITION.finditer(f, *near):
        if c.start() < t.start() or not SPEECH.search(f, t.end(), c.start()):
            return c
    return None


def _classify(doc: Doc, t: re.Match[str], lo: int, hi: int, sentence: tuple[int, int],
              article_has_small_group: bool) -> tuple[str, str | None, list[tuple[int, int]]]:
    """(kind, body, evidence spans) of the mention at trigger `t`."""
    f = doc.folded
    word = t["t"]
    near = (max(lo, t.start() - 90), hi)
    after = f[t.end():min(hi, t.end() + 60)]
    spans: list[tuple[int, int]] = []
    if isinstance(t, _Fake):
        return "body", "working_group", [t.span()]
    if word in ("مباحثات", "محادثات", "مفاوضات", "مشاورات"):
        if UN_TALKS.search(f, t.start(), hi):
            return "body", "un_talks", spans
        if not COALITION.search(f, t.start(), hi):
            return "bilateral", None, spans
        if BILATERAL.search(after[:50]) and not re.search(
                r"مع\s+(?:وزراء|ممثلي|ممثلين|اعضاء|دول|الدول|شركاء|الشركاء)", after[:50]):
            # "محادثات بتقنية الاتصال المرئي مع وزيرة الخارجية النرويجية": one counterpart,
            # whatever the Coalition meeting they spoke about
            return "bilateral", None, spans
    if word in ("جلسه", "الجلسه") and UNSC.search(f, t.end(), min(hi, t.end() + 40)):
        return "unsc", None, spans
    if UNSC.match(f, t.end() + 1) or re.match(r"\s*(?:ل|ال)?مجلس الامن", after):
        return "unsc", None, spans
    if COALITION_COUNTERPART.search(after[:45]):
        return "bilateral", None, spans  # "اجتماعا أمس مع ممثلي التحالف": one party meets it
    if _lookalike(f, t, sentence, hi):
        return "bilateral", None, spans
    if _other_organisation(f, t, sentence):
        return "other_org", None, spans
    if ((council := NATIONAL_BODY.match(after)) and not SMALL_GROUP.match(f, t.end() + 1) and
            not WORKING_GROUP.match(f, t.end() + council.start(1) - 1)) or \
            NATIONAL_SUBJECT.search(f, max(sentence[0], t.start() - 70), t.start()):
        # "اجتماعاً للمجلس الوزاري للأمن الوطني": a meeting of a state's own council, even
        # where the Coalition is named after it ("تنسيق الضربات مع التحالف")
        return "national", None, spans
    if word in ("لقاء", "اجتماع") and f[t.start():t.start("t")].endswith("ال") and \
            not t["suffix"] and not re.search(r"تحالف|مجموعه|وزاري|الدولي|موسع|مصغر",
                                              after[:25]) and \
            not _MANY.search(f, *sentence) and (
                RECEPTION.search(f, 0, t.start()) or TWO_SIDES.search(f, *sentence) or
                COALITION_OFFICIAL.search(f, max(0, t.start() - 400), t.start())):
        # "استقبل رئيس الوزراء ... السفيرة ... وأكد خلال اللقاء": the plain "the meeting"
        # of an article that told of the reception of one guest is that reception
        return "bilateral", None, spans
    if t["suffix"] in ("ه", "ها") and re.match(
            r"\s*(?:مع|ب(?!دعوه|حضور|مشاركه|رياسه|مقر|العاصمه|مدينه))", after):
        # "اجتماعه بعدد من السفراء": his meeting with...; not "اجتماعها بدعوة من ..." or
        # "اجتماعها بحضور/بمشاركة/برئاسة/بمقر ...", which say how the body met
        return "bilateral", None, spans
    if OTHER_COALITION_RE.search(f, *near) and not COALITION.search(f, *near):
        return "other_coalition", None, spans
    if word in VERB_TRIGGERS or word.startswith(("التق", "يلتق", "تلتق")):
        # "التقى الوزير بنظيره": a verb of meeting with one counterpart is bilateral
        if (BILATERAL.search(after) or re.search(r"نظير(?:ه|ته|يه|ها)(?![\u0621-\u064A])",
                                                 after[:80])) and \
                not re.match(r"\s*(?:وزراء|ممثلو|ممثلي|مسوولو)", after):
            return "bilateral", None, spans  # "التقى الوزير (ب)نظيره": one counterpart
    elif BILATERAL.match(after) or re.match(r"\s*(?:ثنايي|ثناييه)", after) or \
            re.search(r"بين (?:الوزير|وزير|الرييس|رييس|الجانبين|البلدين)", after[:40]):
        return "bilateral", None, spans
    if (d := DONOR.search(f, t.end(), min(hi, t.end() + 30))) or (
            (d := DONOR.search(f, *near)) and not COALITION.search(f, *near)):
        spans.append(d.span())
        return "body", "donor_conference", spans
    if s := SMALL_GROUP.search(f, *near):
        spans.append(s.span())
        return "body", "small_group", spans
    if (w := WORKING_GROUP.search(f, max(lo, t.start() - 80), min(hi, t.end() + 50))) and \
            not w.group().startswith("مجموعات"):
        spans.append(w.span())
        return "body", "working_group", spans
    if article_has_small_group and (b := BARE_GROUP.search(f, *near)):
        spans.append(b.span())
        return "body", "small_group", spans
    if c := _coalition_near(f, t, near):
        spans.append(c.span())
        return "body", "coalition", spans
    if word == "موتمر" and (c2 := find_cities(f, t.end(), min(hi, t.end() + 12))):
        spans.append(c2[0].span)
        return "body", "other", spans
    return "generic", None, spans


ANAPHORA_CHARS = 400
RETURNED = re.compile(r"(?<![\u0621-\u064A])[وف]?(?:عاد|عادت|يعود|تعود|عودته|عودتها|عادوا)"
                      r"(?:\s+\S+){0,4}?\s+(?:الي|ال)\s*\S*$")
HABITUAL = re.compile(r"(?<![\u0621-\u064A])(?:كل\s+(?:عام|سنه|شهر|اسبوع|ثلاثه اشهر|سته اشهر)|سنويا|"
                      r"دوريا|بشكل دوري|بصوره دوريه)(?![\u0621-\u064A])")
# "ثلاثة مؤتمرات للمانحين"، "عدة اجتماعات": counted, so several meetings
COUNTED = re.compile(r"(?:\d+|ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه|تسعه|عشره|عده|عددا من|عدد من)\s+$")
CLAUSE_GAP = 15
# an earlier meeting: the pluperfect before it ("وكانت لندن قد احتضنت ... اجتماعا"), or
# compared with this one ("بين هذا المؤتمر واللقاء الذي")
RECALL_BEFORE = re.compile(
    r"(?<![\u0621-\u064A])[وف]?(?:كان|كانت)\s+(?:[^\s.]+\s+){0,3}?قد\s+"
    r"(?:احتضن|استضاف|عقد|شهد|شارك|حضر|التام|انعقد|جمع|اجتمع|التق)\S*\s+[^.]{0,50}$|"
    r"بين\s+(?:هذا|هذه)\s+\S+\s+و(?:ال)?$")
RECALL_AFTER = re.compile(r"\s*(?:ال)?مماثل|\s+\S+\s+(?:ال)?مماثل")
GAP_WORDS = r"(?:اقل من|اكثر من|نحو|حوالي|قرابه|زهاء)"
GAP_UNITS = {"يومين": 2, "ايام": 1, "يوما": 1, "اسبوع": 7, "اسبوعين": 14, "اسابيع": 7,
             "شهر": 30, "شهرين": 60, "اشهر": 30, "شهور": 30}
_GAP = (rf"(?:{GAP_WORDS}\s+)?(?:(?P<n>\d+|ثلاثه|اربعه|خمسه|سته)\s+)?"
        r"(?P<unit>يومين|ايام|يوما|اسبوعين|اسبوع|اسابيع|شهرين|شهر|اشهر|شهور)")
# "بعد أقل من أسبوعين على اجتماع"
GAP_BEFORE = re.compile(rf"بعد\s+{_GAP}\s+(?:علي|من)\s+(?:ال)?$")
# "ولم يفصل بين هذا المؤتمر واللقاء الذي احتضنته جدة سوى أقل من أسبوعين"
GAP_BETWEEN = re.compile(rf"يفصل\s+بين[^.]{{0,80}}?(?:سوي|الا)\s+{_GAP}")
NUMBER_UNITS = {"ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6}
INAUGURAL = re.compile(r"(?:ه|ها)?\s+(?:ال)?(?:افتتاحي|تاسيسي|الاول|الاولي)(?![\u0621-\u064A])")


def _gap_days(f: str, t, sentence: tuple[int, int]) -> tuple[int, tuple[int, int]] | None:
    """Days between an earlier meeting and the one reported, as the text counts them."""
    g = GAP_BEFORE.search(f, max(sentence[0], t.start() - 50), t.start())
    if g is None:
        g = GAP_BETWEEN.search(f, *sentence)
        if g is None or not g.start() < t.start() < g.end():
            return None
    n = g["n"]
    k = int(n) if n and n.isdigit() else NUMBER_UNITS.get(n or "", 1)
    return k * GAP_UNITS[g["unit"]], g.span()


VENUE_LEAD = re.compile(r"[\s,،]*(?:[^\s,،()]+[\s,،]+)?(?:(?:عقدت|عقد|انعقدت|انعقد|جرت|استضافتها|"
                        r"احتضنتها|التامت)\s+)?(?:في|ب)\s*(?:كل\s+من\s*|العواصم\s+|مدن\s+)?")
# "في كل من الأردن، فرنسا، ألمانيا، والولايات المتحدة"، "لندن (يناير 2015) وباريس (يونيو 2015)"


def _listed_places(doc: Doc, dates: list[DateInterval], t, sentence: tuple[int, int]
                   ) -> list[tuple[City | None, str, tuple[int, int], DateInterval | None]]:
    """The places of a list of earlier meetings after their plural meeting word, each
    with the date written beside it; two places at least. The list is where they met:
    right after the meeting word ("اجتماعات لندن (يناير 2015) وباريس") or after "عقدت في
    (كل من)"، "في"، not "في توقيت حاسم من المعركة في العراق وسوريا"."""
    f = doc.folded
    hi = min(sentence[1], t.end() + 240)
    for start in (t.end(), (lead.end() if (lead := VENUE_LEAD.match(f, t.end(), hi)) else -1)):
        if start < 0:
            continue
        items = _list_items(f, start, hi)
        if len(items) >= 2:
            break
    else:
        return []
    out = []
    for j, (city, code, span) in enumerate(items):
        end = items[j + 1][2][0] if j + 1 < len(items) else min(hi, span[1] + 25)
        own = [d for d in dates if span[1] <= d.span[0] < end and d.resolved]
        if not own and (y := _YEAR.search(f, span[1], end)):
            # "باريس (2014)": a bare year beside a listed place dates it
            year = int(y.group())
            own = [DateInterval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "stated",
                                y.span(), y.group(), "listed_year")]
        out.append((city, code, span, own[0] if own else None))
    return out


_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20\d\d)(?!\d)")
_ITEM_GLUE = re.compile(r"[\s,،]*")
# what may stand after a place in a list: its date in brackets, or a bare year
_ITEM_DATE = re.compile(r"\s*\([^()]{0,30}\)|\s*(?:في\s+)?(?:عام\s+)?\d{4}(?!\d)")


def _list_items(f: str, p: int, hi: int) -> list[tuple[City | None, str, tuple[int, int]]]:
    """Places following each other from `p`, joined by commas and و."""
    items: list[tuple[City | None, str, tuple[int, int]]] = []
    while p < hi:
        p = _ITEM_GLUE.match(f, p, hi).end()
        item = None
        for q in ((p, p + 1) if f.startswith("و", p) else (p,)):
            if (h := city_at(f, q, hi, strict=True)) is not None and h.span[0] == q:
                item = (h.city, h.city.country_code, h.span)
            elif (c := find_countries(f, q, min(hi, q + 30))) and c[0][1][0] == q:
                item = (None, c[0][0], c[0][1])
            if item:
                break
        if item is None:
            break
        items.append(item)
        p = item[2][1]
        if m := _ITEM_DATE.match(f, p, hi):
            p = m.end()
    return items


# "الاجتماع المشترك"، "الاجتماع الطارئ"، "الاجتماع لوزراء...": words of the meeting's own
OWN_MODIFIER = re.compile(r"(?:المشترك|الطاري|الاستثنايي|العام|الثلاثي|الرباعي|السنوي|الدوري|"
                          r"التشاوري|التنسيقي|الافتتاحي|الختامي|الاول|الثاني|الثالث|الرابع|الخامس|"
                          r"(?:ل|لل)(?:وزراء|روساء|قاده|مدراء|كبار|ممثلي|سفراء|مجلس|لجنه|دول))$")


def _plain_definite(f: str, t) -> bool:
    """"اللقاء"، "الاجتماع" with nothing of its own after it: a word that takes up a meeting
    already told."""
    words = re.split(r"[,،.:;]", f[t.end():t.end() + 40])[0].split()[:2]
    return t["t"] in ("لقاء", "اجتماع") and not t["suffix"] and \
        f[t.start():t.start("t")].endswith("ال") and \
        not re.search(r"تحالف|مجموعه|وزاري|الدولي|موسع|مصغر", " ".join(words)) and \
        not (words and OWN_MODIFIER.match(words[0]))


def find_mentions(doc: Doc, dates: list[DateInterval] | None = None) -> list[Mention]:
    f = doc.folded
    dates = find_dates(f, doc.published, doc.published_end) if dates is None else dates
    triggers = []
    for m in TRIGGER.finditer(f):
        if NOT_A_MEETING.match(f[m.end():m.end() + 25]):
            continue
        if m["t"] in PROCESS and not PROCESS_OBJECT.match(f, m.end()):
            continue
        if m["t"] == "اجتماع" and m["suffix"] == "ي":
            continue  # "النسيج الاجتماعي": the adjective social, not "my meeting"
        if m["t"] in ("جلسه", "الجلسه") and not re.match(r"\s*(?:العامه|الافتتاحيه|الختاميه|عامه)", f[m.end():]):
            if not UNSC.search(f, m.end(), m.end() + 40):
                continue
        triggers.append(m)
    for m in DISCUSS.finditer(f):
        s1 = doc.sentence_at(m.start())[1]
        if MANY_PARTIES.search(f, m.end(), min(s1, m.end() + 100)) and \
                not any(abs(t.start() - m.start()) < 60 for t in triggers):
            triggers.append(m)
    # a working group named with no meeting word nearby is a mention of its meeting
    for w in WORKING_GROUP.finditer(f):
        if w.group().startswith("مجموعات"):
            continue  # "مجموعات عمل": the working groups in general
        if not any(abs(t.start() - w.start()) < 60 for t in triggers):
            triggers.append(_Fake(w.start(), w.end(), f))
    triggers.sort(key=lambda m: m.start())
    article_has_small_group = bool(SMALL_GROUP.search(f))
    mentions = []
    for i, t in enumerate(triggers):
        word = t["t"]
        lo, hi = _window(doc, triggers, i)
        sentence = doc.sentence_at(t.start())
        # what a later meeting word some words on says is its own, not this one's
        nxt_t = triggers[i + 1].start() if i + 1 < len(triggers) else hi
        kind, body, spans = _classify(doc, t, lo, nxt_t if t.end() + CLAUSE_GAP < nxt_t < hi else hi,
                                      sentence, article_has_small_group)
        m = Mention(trigger=t.span(), kind=kind, body=body, spans=list(spans),
                    named_only=isinstance(t, _Fake))
        this = re.search(r"(?:هذا|هذه)\s+$", f[max(0, t.start() - 6):t.start()])
        if kind == "generic" and mentions and mentions[-1].kind == "bilateral" and \
                t.start() - mentions[-1].trigger[1] < ANAPHORA_CHARS and _plain_definite(f, t) \
                and (this or not _MANY.search(f, *sentence)) and (
                    f[slice(*mentions[-1].trigger)].lstrip("وف").startswith(("التق", "يلتق", "اجتمع")) or
                    TWO_SIDES.search(f, *doc.sentence_at(mentions[-1].trigger[0]))):
            # "التقى ولي العهد ... وفي اللقاء": the plain "the meeting" takes up the one
            # just told, a bilateral one
            m.kind = "bilateral"
        elif kind in ("generic", "body") and mentions and mentions[-1].kind == "other_org" and \
                t.start() - mentions[-1].trigger[1] < ANAPHORA_CHARS and _plain_definite(f, t):
            m.kind = "other_org"  # "التقى وزراء الاتحاد الأوروبي ... قبيل الاجتماع"
        named_body = kind == "body" and spans and spans[0][0] >= t.end() and \
            spans[0][0] - t.end() < 40
        if (word in ("اجتماعات", "الاجتماعات") or (t["suffix"] == "ات" and word in (
                "اجتماع", "لقاء", "موتمر", "جلسه", "ندوه"))) and (not named_body or COUNTED.search(
                    f, max(0, t.start() - 12), t.start())):
            # "اجتماعات عديدة": meetings in general; but "اجتماعات مجموعة عمل التحالف"
            # is the sessions of one meeting
            m.past_ref = m.plural = True
        # the level is said in this mention's clause: not past another meeting word some
        # words on, nor before one some words back
        prev_end = triggers[i - 1].end() if i > 0 and triggers[i - 1].start() >= sentence[0] else 0
        nxt0 = triggers[i + 1].start() if i + 1 < len(triggers) else sentence[1]
        near = (max(lo, t.start() - 90, prev_end if t.start() - prev_end > CLAUSE_GAP else 0),
                min(hi, nxt0) if t.end() + CLAUSE_GAP < nxt0 else hi)
        if prev_end and t.start() - prev_end > CLAUSE_GAP:
            # a second meeting word of the sentence takes the level words that follow it;
            # those before it belong to the first ("الاجتماع الثامن لقادة عسكريين ...
            # بعد اجتماع عقده في بروكسل وزراء الدفاع")
            near = (t.start(), near[1])
        hits = [(level, found) for level, p in LEVELS if (found := p.search(f, *near))]
        if prev_end and (own := _level_named_by(f, t.end(), near[1])):
            # "خلال اجتماع المديرين السياسيين": a second meeting word followed by its
            # level has that level, whatever level words the first meeting has nearby
            hits = [own]
        if hits:
            names = [h[0] for h in hits]
            # foreign ministers with senior officials is a ministerial
            pick = "ministerial" if {"ministerial", "political_directors"} <= set(names) and \
                names[0] == "political_directors" else names[0]
            m.level = pick
            m.spans.append(dict(hits)[pick].span())
        # a second meeting word in a sentence ("... لمتابعة نتائج الاجتماع الذي عقد في X")
        # takes what follows it; what precedes it belongs to the first
        second = i > 0 and triggers[i - 1].start() >= sentence[0]
        nxt = triggers[i + 1].start() if i + 1 < len(triggers) else sentence[1]
        d = _meeting_date(dates, f, t.start(), *sentence, after_first=second,
                          upto=min(nxt, sentence[1]),
                          others=triggers[i - 1].end() if second and
                          t.start() - triggers[i - 1].end() > CLAUSE_GAP else None)
        if d is None and not second and (line := _short_line(f, t.start())) != sentence \
                and line[0] == 0 and line[1] < len(f):
            # "الثلاثاء.. روما تستقبل اجتماعا": a headline's date before its own full stop
            # (the first line, above a body: not a one-line text, not a later meeting word)
            d = _meeting_date(dates, f, t.start(), *line)
        if d:
            m.date = d
            m.date_distance = abs(d.span[0] - t.start())
            if d.kind == "weekday" and doc.published and d.start < doc.published and \
                    PRESENT_TENSE.search(f, *sentence):
                # "يُعقد في لندن الخميس": the imperfect names the coming Thursday
                nd = d.start + dt.timedelta(days=7)
                m.date = d = replace(d, start=nd, end=nd)
            if (dur := DURATION.search(f, t.start(), sentence[1])) and d.precision == "day" \
                    and d.start and d.start == d.end:
                n = DURATION_DAYS.get(dur["n"]) or (int(dur["n"]) if dur["n"].isdigit() else 1)
                m.date = replace(d, end=d.start + dt.timedelta(days=max(1, n) - 1),
                                 precision="interval" if n > 1 else "day")
        # a later meeting word of the sentence, some words on, starts another clause: what
        # follows it is not this mention's place ("هذا الاجتماع ... بعد اجتماع في بروكسل")
        # So does a later meeting word close by that names its own level ("أعلنت استضافتها
        # للاجتماع الوزاري خلال اجتماع المديرين السياسيين في لاهاي").
        named_next = i + 1 < len(triggers) and nxt < sentence[1] and \
            _level_named_by(f, triggers[i + 1].end(), sentence[1]) is not None
        clause_end = nxt if (t.end() + CLAUSE_GAP < nxt or named_next) and nxt < sentence[1] \
            else sentence[1]
        hosting = [h for h in hosting_places(doc, *sentence) if h[2][0] < clause_end]
        cities = [h for h in venue_cities(f, *sentence)
                  if h.span[0] < clause_end and
                  # "عاد وزير الدفاع إلى بغداد بعد مشاركته في": home, not the venue
                  not RETURNED.search(f, max(0, h.span[0] - 40), h.span[0] + 4)]
        if not isinstance(t, _Fake) and _plain_definite(f, t):
            # the plain "الاجتماع" takes up a meeting told: a city far off in its sentence
            # is what the sentence is about ("... وخاصة في منطقة الساحل")
            cities = [c for c in cities if -60 <= c.span[0] - t.end() <= 60]
        if word in ("موتمر", "اجتماع", "لقاء", "قمه") and not t["suffix"] and \
                (named := city_at(f, t.end() + 1, min(sentence[1], t.end() + 30))) and \
                f[t.end():t.end() + 1] == " ":
            cities.append(named)  # "مؤتمر الكويت الدولي": a meeting named after its venue
        virtual = bool(VIRTUAL.search(f, *near))
        if virtual:  # "استضافت الولايات المتحدة ونيجيريا اجتماعا افتراضيا": hosts, no venue
            hosting = [h for h in hosting if h[0] is not None]
        if hosting:
            city, country, span = min(hosting, key=lambda h: (second and h[2][0] < t.start(),
                                                              abs(h[2][0] - t.start())))
            m.city, m.country, m.city_span = city, country, span
        elif cities:
            best = min(cities, key=lambda c: (second and c.span[0] < t.start(),
                                              abs(c.span[0] - t.start())))
            m.city, m.country, m.city_span = best.city, best.city.country_code, best.span
        elif kind in ("body", "generic") and not virtual and (
                c := _country_venue(f, t, (sentence[0], clause_end))):
            m.country, m.city_span = c
        for h in HOST.finditer(f, *sentence):
            role = "chaired" if CHAIRS.search(h.group()) else "hosted"
            if "مشتركه" in h.group() or " بين " in h.group():
                who = find_countries(f, h.end(), min(sentence[1], h.end() + HOST_LIST))
                who += find_demonyms(f, h.end(), min(sentence[1], h.end() + HOST_LIST))
            else:
                who = find_countries(f, h.end(), min(sentence[1], h.end() + 20))[:1] or \
                    find_demonyms(f, h.end(), min(sentence[1], h.end() + 60))[:1]
            for code, _span in sorted(who, key=lambda w: w[1]):
                known = dict(m.hosts)
                if known.get(code) != "chaired":
                    m.hosts = [(c, r) for c, r in m.hosts if c != code] + [(code, role)]
        # the host before its verb: "السعودية تستضيف"، "روما تحتضن" (a city for its state),
        # "جدة ستجمع ..."، "المملكة على موعد مع اجتماع"
        for hv in [*_HOST_SUBJECT.finditer(f, *sentence), *_GATHER.finditer(f, *sentence)]:
            if (pre := _place_before(f, sentence[0], hv.start())) and pre[1] and \
                    pre[1] not in dict(m.hosts):
                m.hosts = [*m.hosts, (pre[1], "hosted")]
        if virtual:
            m.is_virtual = True
            if m.city is None and m.country is not None:
                # "استضافت الولايات المتحدة ونيجيريا اجتماعا افتراضيا": hosts, no venue
                m.country = m.city_span = None
        if (ns := N_STATES.search(f, *sentence)) and (
                value := parse_amount(ns["n"] or ns["n2"] or ns["n3"])) and 1 < value < 200:
            m.n_states = int(value)
            m.n_states_qualifier = N_QUAL.get(ns["q"] or "", "exact")
        # "الاجتماع المقبل"، "الاجتماع الوزاري القادم": the mention itself is called next
        called_next = NEXT.match(f, t.end(), hi) or re.match(
            r"\s+\S+\s+(?:ال)?(?:المقبل|القادم)", f[t.end():hi])
        future = FUTURE.search(f, *sentence) or called_next
        if future or (m.date and m.date.start and doc.published and m.date.start > doc.published):
            m.status = "planned"
        if PAST_REF.match(f, t.end() + 1) or re.match(r"\s*(?:ال)?(?:سابق|الماضي|الاخير)", f[t.end():]):
            m.past_ref = True
        if (nm := NEW_MEETING.search(f, t.start(), min(hi, t.end() + 40))) and not any(
                d.span[0] <= nm.start() <= d.span[1] + 1 for d in dates
                if d.span[1] >= t.start() and d.span[0] <= nm.end()) and \
                not DATE_WORD_BEFORE.search(f, max(0, nm.start() - 12), nm.start()):
            m.next_meeting = True
            m.status = "planned"
        if (called_next or m.next_meeting) and m.date and m.date.kind == "dayword" and doc.published and \
                m.date.start and m.date.start <= doc.published:
            # "أدلى بتصريحاته اليوم ... أهمية الاجتماع المقبل": today is when he spoke;
            # the coming meeting is not today
            m.date = None
        if MARGINS.search(f, max(0, t.start() - 12), t.start()):
            m.margin = True
        if HABITUAL.search(f, t.end(), min(sentence[1], t.end() + 60)):
            m.past_ref = m.plural = True  # "في مطلع كل عام": a habit, no one meeting
        if FOLLOWS_UP.search(f, max(0, t.start() - 30), t.start()) and not (
                not isinstance(t, _Fake) and _plain_definite(f, t) and
                not re.match(r"\s*(?:الذي|التي|السابق|الماضي|الاخير)", f[t.end():])):
            # "نتائج الاجتماع الذي عقد في لندن"; not "صدر في أعقاب الاجتماع", the one told
            m.past_ref = True
        word_start = t.start() if isinstance(t, _Fake) else t.start("t")
        if RECALL_BEFORE.search(f, max(sentence[0], t.start() - 90), word_start) or \
                RECALL_AFTER.match(f, t.end()) or GAP_BEFORE.search(f, max(0, t.start() - 50), t.start()):
            # "وكانت لندن قد احتضنت ... اجتماعا"، "الاجتماع المماثل"، "بين هذا المؤتمر
            # واللقاء الذي ..."، "بعد أقل من أسبوعين على اجتماع": another, earlier meeting
            m.past_ref = m.recalled = True
            if not m.next_meeting:
                m.status = "held"
        if (g := _gap_days(f, t, sentence)) is not None:
            m.gap_days, m.gap_span = g
        if INAUGURAL.match(f, t.end()):
            m.inaugural = True
        if m.plural and m.past_ref:
            m.listed = _listed_places(doc, dates, t, sentence)
        if m.date and re.search(r"الماضي|المنصرم|الفايت", m.date.text) and mentions:
            m.past_ref = True
        mentions.append(m)
    return mentions


TOPIC_BEFORE = re.compile(r"(?:الاوضاع|الوضع|الازمه|الحرب|التطورات|الصراع|التدخل|العمليات|"
                          r"المعارك|القتال|التنظيم|داعش|الارهاب|الحل|السلام)\s+$")
PURPOSE = re.compile(r"(?<![\u0621-\u064A])(?:ل|من اجل\s+)(?:بحث|مناقشه|تقييم|دراسه|متابعه|تنسيق)|"
                     r"(?<![\u0621-\u064A])(?:حول|بشان|لبحث)(?![\u0621-\u064A])")


def _country_venue(f: str, t, sentence: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """"اجتماع ... في الأردن": a country after في near the trigger is the venue country."""
    lo, hi = max(sentence[0], t.start() - 50), min(sentence[1], t.end() + 45)
    for m in re.finditer(rf"{_NW}(?:في|ب)\s*(?=\S)", f[lo:hi]):
        if after_topic(f, lo + m.start()):
            continue  # "لبحث الأوضاع في سوريا": the subject, not the venue
        pos = lo + m.end()
        if TOPIC_BEFORE.search(f, max(0, lo + m.start() - 25), lo + m.start()) or (
                lo + m.start() > t.end() and PURPOSE.search(f, t.end(), lo + m.start())):
            continue  # "لبحث الأوضاع في سوريا"، "التدخل ضد التنظيم في ليبيا": a subject
        pos += len(re.match(rf"{STATE_TITLE}?\s*", f[pos:]).group())
        found = find_countries(f, pos, min(hi, pos + 30))
        if found and found[0][1][0] == pos:
            return found[0][0], (lo + m.start(), found[0][1][1])
    # "في قاعدة أندروز الجوية بولاية ماريلاند": a federal state gives its country
    for m in _SUBDIVISION.finditer(f, lo, hi):
        code = gazetteer().subdivisions.get(" ".join(m["name"].split()[:2])) or \
            gazetteer().subdivisions.get(m["name"].split()[0])
        if code:
            return code, m.span()
    return None


_SUBDIVISION = re.compile(rf"{_NW}(?:في|ب)\s*ولايه\s+(?P<name>[\u0621-\u064A]+(?:\s+[\u0621-\u064A]+)?)")


class _Fake:
    """A trigger-like match for a working group named without a meeting word."""

    def __init__(self, start: int, end: int, folded: str) -> None:
        self._span = (start, end)
        self._groups = {"t": folded[start:end], "suffix": None}

    def __getitem__(self, k: str) -> str | None:
        return self._groups[k]

    def start(self) -> int:
        return self._span[0]

    def end(self) -> int:
        return self._span[1]

    def span(self) -> tuple[int, int]:
        return self._span


# ---------------------------------------------------------------------------
# Assembling the meetings one article reports

SPECIFICITY = ("small_group", "working_group", "donor_conference", "un_talks", "coalition",
               "other")
COALITION_BODIES = ("small_group", "working_group", "coalition")


@dataclass
class ArticleMeeting:
    """A meeting as one article reports it: an anchor mention plus coreferent ones.

    What the mentions say together (best date, first place, levels...) is kept up to
    date as mentions attach, so that assembling an article stays linear in its length.
    """

    anchor: Mention
    attached: list[Mention] = field(default_factory=list)
    dateline_city: City | None = None  # the article's dateline, used when no place is said
    main: bool = False
    lead_place: tuple[City, tuple[int, int]] | None = None  # city from the article's lead
    city_hint: City | None = None  # dateline/lead city in the venue country the text names
    date_override: DateInterval | None = None
    level_hint: str = "unknown"  # from who took part, when the mentions say nothing
    published: dt.date | None = None
    recalled: bool = False  # another meeting the article recalls or announces, not its news
    _best_dated: Mention | None = field(default=None, repr=False)
    _first_dated: Mention | None = field(default=None, repr=False)
    _day_month: Mention | None = field(default=None, repr=False)  # undated, but a day-month
    _place: Mention | None = field(default=None, repr=False)
    _levels: list[str] = field(default_factory=list, repr=False)
    _small_group: bool = field(default=False, repr=False)
    _virtual: bool = field(default=False, repr=False)
    _host: str | None = field(default=None, repr=False)
    _n_states: Mention | None = field(default=None, repr=False)
    # "ثلاثون دولة حضرت إلى باريس" in a sentence without a meeting word (main meeting only)
    n_states_in_article: tuple[int | None, str | None] = (None, None)

    def __post_init__(self) -> None:
        self.recompute()

    def attach(self, m: Mention) -> None:
        self.attached.append(m)
        self._absorb(m, anchor=False)

    def recompute(self) -> None:
        """Summarise every mention again (after their dates were moved)."""
        self._best_dated = self._first_dated = self._place = self._n_states = None
        self._day_month = None
        self._levels, self._small_group, self._virtual, self._host = [], False, False, None
        for i, m in enumerate(self.mentions):
            self._absorb(m, anchor=i == 0)

    def _absorb(self, m: Mention, anchor: bool) -> None:
        if m.date is not None:
            if self._first_dated is None:
                self._first_dated = m
            if self._day_month is None and not m.date.resolved and m.date.month_day:
                self._day_month = m
            if m.date.resolved and (self._best_dated is None or
                                    _date_rank(m) < _date_rank(self._best_dated)):
                self._best_dated = m
        if self._place is None and (m.city or m.country):
            self._place = m
        if m.level != "unknown" and len(self._levels) < 3:
            self._levels.append(m.level)
        if not anchor and m.body == "small_group":
            self._small_group = True
        self._virtual = self._virtual or m.is_virtual
        if self._host is None and m.host:
            self._host = m.host
        if self._n_states is None and m.n_states:
            self._n_states = m

    @property
    def mentions(self) -> list[Mention]:
        return [self.anchor, *self.attached]

    @property
    def body(self) -> str:
        """The anchor's body; a Coalition meeting that another mention calls the Small
        Group's is the Small Group's."""
        b = self.anchor.body or "other"
        if b in ("coalition", "other") and self._small_group:
            return "small_group"
        return b

    @property
    def level_from_participants(self) -> bool:
        """The level was read from who took part, not from the meeting's words."""
        return not self._levels and self.level_hint != "unknown"

    @property
    def level(self) -> str:
        levels = self._levels
        if not levels:
            if self.level_hint != "unknown":
                return self.level_hint
            # a working group meets at working level unless told otherwise
            return "working_level" if self.body == "working_group" else "unknown"
        # the anchor's words first; chiefs and defence ministers are more specific
        for lv in ("military_chiefs", "defence_ministers"):
            if lv in levels:
                return lv
        return levels[0]

    @property
    def status(self) -> str:
        d = self.date
        if d and d.resolved and self.published and d.method != "unresolved":
            if d.start > self.published:
                return "planned"
            if d.end < self.published and d.kind in ("dmy", "numeric", "hijri", "dayword"):
                return "held"
        return self.anchor.status

    @property
    def date(self) -> DateInterval | None:
        if self.date_override:
            return self.date_override
        if self._best_dated is not None:
            return self._best_dated.date
        # unresolved (no year, no page date): a day and month says more than a month's end
        undated = self._day_month or self._first_dated
        return undated.date if undated else None

    @property
    def _place_mention(self) -> Mention | None:
        return self._place

    @property
    def city(self) -> City | None:
        pm = self._place_mention
        if pm is not None:
            return pm.city or self.city_hint
        if self.lead_place:
            return self.lead_place[0]
        return self.dateline_city

    @property
    def country(self) -> str | None:
        pm = self._place_mention
        if pm is not None:
            return pm.country
        if self.lead_place:
            return self.lead_place[0].country_code
        return self.dateline_city.country_code if self.dateline_city else None

    @property
    def place_from_dateline(self) -> bool:
        return self.dateline_city is not None and self._place_mention is None

    @property
    def is_virtual(self) -> bool:
        return self._virtual and self._place_mention is None and self.lead_place is None

    @property
    def host(self) -> str | None:
        return self._host

    @property
    def n_states(self) -> tuple[int | None, str | None]:
        m = self._n_states
        return (m.n_states, m.n_states_qualifier) if m else self.n_states_in_article




def _date_rank(m: Mention) -> tuple[int, int, int]:
    return PRECISION_RANK[m.date.precision], METHOD_RANK[m.date.method], m.date_distance


def overlap(a: DateInterval | None, b: DateInterval | None, slack: int = 0) -> bool:
    if not (a and a.resolved and b and b.resolved):
        return True
    return a.start <= b.end + dt.timedelta(days=slack) and b.start <= a.end + dt.timedelta(days=slack)


same_day_or_overlap = overlap


def _conflicts(cluster: ArticleMeeting, m: Mention) -> bool:
    """Does mention m state something the cluster's meeting cannot have?"""
    if m.body and cluster.body != "other" and m.body != cluster.body and \
            {m.body, cluster.body} != {"coalition", "small_group"} and \
            {m.body, cluster.body} != {"coalition", "working_group"}:
        return True
    if m.city and cluster.city and m.city.name_en != cluster.city.name_en:
        return True
    if m.country and cluster.country and m.country != cluster.country and not \
            (m.city is None and cluster.city is None):
        return True
    if m.level not in ("unknown", "ambassadors") and cluster.level not in (
            "unknown", "ambassadors", m.level) and {m.level, cluster.level} != {
            "ministerial", "defence_ministers"}:
        return True
    if (m.city and cluster.is_virtual) or (m.is_virtual and cluster.city):
        return True
    if m.next_meeting and not cluster.anchor.next_meeting and cluster.anchor.status == "held":
        return True
    if m.status == "planned" and cluster.anchor.status == "held" and m.city and not cluster.city \
            and m.next_meeting:
        return True  # "the next meeting will be held in X" after a meeting held elsewhere
    cd = cluster.date
    md = m.date
    if md and md.resolved and cd and cd.resolved:
        if "weekday" in (md.kind, cd.kind) and md.start.weekday() == cd.start.weekday() and \
                abs((md.start - cd.start).days) <= 7:
            return False  # a bare weekday may have been resolved to the wrong week
        relative = "relative_to_publication" in (md.method, cd.method)
        if not overlap(md, cd, slack=1 if relative else 0):
            # a coarser date of the same year ("عام 2016") does not contradict a day
            return True
    return False


def _settle(c: ArticleMeeting, published: dt.date | None) -> None:
    """A plain weekday names the coming day when the meeting is still ahead: once any
    mention shows that (a future marker, or a date after publication), every weekday
    that was resolved backwards moves a week on."""
    if not published:
        return
    ahead = c.anchor.status == "planned" or any(
        m.date and m.date.resolved and m.date.kind != "weekday" and m.date.start > published
        for m in c.mentions)
    if not ahead:
        return
    for m in c.mentions:
        d = m.date
        if d and d.kind == "weekday" and d.start and d.start < published:
            nd = d.start + dt.timedelta(days=7)
            m.date = replace(d, start=nd, end=nd)
    c.recompute()


# taking part, as said of a number of states: "حضرت"، "بمشاركة"، "وفود"، "لوزراء"
_N_PRESENT = re.compile(r"(?<![\u0621-\u064A])(?:[وف]?(?:حضر|حضرت|شارك|شاركت|تشارك|يشارك|"
                        r"بمشاركه|بحضور|ممثلين عن|ممثلو|ممثلي|وفود|لوزراء|وزراء))(?![\u0621-\u064A])")


def _n_states_present(doc: Doc, clusters: list[ArticleMeeting]) -> tuple[int | None, str | None]:
    """The number of states taking part, said in a sentence of its own about the main
    meeting: the first such count, outside sentences that carry another meeting."""
    f = doc.folded
    others = [x.trigger for c in clusters if not c.main for x in c.mentions]
    sentences = sorted({doc.sentence_at(c.start()) for c in _N_PRESENT.finditer(f)})
    # the count pattern (number words) is slow to scan with: only where presence is said
    for ns in (ns for s0, s1 in sentences for ns in N_STATES.finditer(f, s0, s1)):
        s0, s1 = doc.sentence_at(ns.start())
        cues = list(_N_PRESENT.finditer(f, s0, s1))
        # the count goes with the presence cue nearest to it; another meeting named between
        # them takes it
        cue = min(cues, key=lambda c: abs(c.start() - ns.start()))
        lo, hi = sorted((cue.start(), ns.start()))
        if any(lo <= t[0] <= hi for t in others):
            continue
        value = parse_amount(ns["n"] or ns["n2"] or ns["n3"])
        if value and 1 < value < 200:
            return int(value), N_QUAL.get(ns["q"] or "", "exact")
    return None, None


def _is_multilateral(doc: Doc, m: Mention) -> bool:
    f = doc.folded
    s0, s1 = doc.sentence_at(m.trigger[0])
    if m.level not in ("unknown",) or m.n_states:
        return True
    if _MANY.search(f, s0, s1):
        return True
    # "states" alone ("علاقات ثنائية مع دول التحالف") is weaker: not where the meeting the
    # article took up is the reception of one guest
    return bool(re.search(r"دول|الدول", f[s0:s1])) and not RECEPTION.search(f, 0, m.trigger[0])


# "على هامش مؤتمر حوار المنامة": where something else took place, not the meeting reported
MARGINS = re.compile(r"هامش\s+(?:ال)?$")
PUBLICATION_WINDOW = 6  # days before publication a held, undated meeting is taken to lie in
LEAD_CHARS = 400


HEADLINE_CHARS = 200


def _short_line(f: str, pos: int) -> tuple[int, int]:
    """The line holding `pos` when it is short (a headline), else the empty span at pos."""
    lo, hi = f.rfind("\n", 0, pos) + 1, f.find("\n", pos)
    hi = len(f) if hi < 0 else hi
    return (lo, hi) if hi - lo <= HEADLINE_CHARS else (pos, pos)


# participants said to come to a city: "حضر وزراء ... إلى واشنطن العاصمة"
_ARRIVAL = re.compile(rf"{_NW}[وف]?(?:حضر|حضرت|حضروا|وصل|وصلت|وصلوا|توافد|توافدت|توافدوا|"
                      rf"قدم|قدمت|قدموا){_EW}")


def _arrival_city(doc: Doc, others: list[tuple[int, int]]) -> tuple[City, tuple[int, int]] | None:
    """The first city participants are said to come to ("إلى X"), in a sentence that names
    no other meeting: the venue of an article whose meeting sentences name none."""
    f = doc.folded
    for v in _ARRIVAL.finditer(f):
        s0, s1 = doc.sentence_at(v.start())
        if any(s0 <= t0 < s1 for t0, _ in others):
            continue
        for h in venue_cities(f, v.end(), s1):
            if f.startswith("الي", h.span[0]):
                return h.city, h.span
    return None


def venue_cities(f: str, lo: int, hi: int) -> list[PlaceHit]:
    """Cities in place constructions in f[lo:hi] that can be a venue: not an envoy's post
    ("سفير العراق في واشنطن") nor a topic ("إعادة إعمار مدينة الموصل")."""
    return [h for h in find_cities(f, lo, hi)
            if not re.search(r"(?:سفير|سفاره|مندوب|ممثل|بعثه|مقر)\S*\s+\S*\s*$",
                             f[max(0, h.span[0] - 25):h.span[0]])
            and not after_topic(f, h.span[0])]


def _lead_city(doc: Doc) -> tuple[City, tuple[int, int]] | None:
    """The first city in a place construction in the article's lead (headline + first
    paragraph), when the meeting's own sentences name none."""
    f = doc.folded
    hits = venue_cities(f, 0, min(len(f), LEAD_CHARS))
    if hits:
        return hits[0].city, hits[0].span
    # "واشنطن تجمع 79 دولة" in a headline without a meeting word: the host city
    hosts = [h for h in hosting_places(doc, 0, min(len(f), LEAD_CHARS)) if h[0] is not None]
    return (hosts[0][0], hosts[0][2]) if hosts else None


def group_mentions(mentions: list[Mention], dateline_city: City | None = None,
                   doc: Doc | None = None) -> list[ArticleMeeting]:
    """The main event, the meetings coreferent with it, and other Coalition meetings the
    article mentions with their own date or place."""
    f = doc.folded if doc else ""
    isis_article = bool(doc and ISIS.search(f))
    # for a bare "التحالف", ISIS as context is enough: named, or "the organisation"
    isis_context = isis_article or bool(doc and re.search(r"(?:ال)?تنظيم|(?:ال)?ارهاب", f))
    other = bool(doc and OTHER_COALITION_RE.search(f))
    # where another coalition is named, a bare "التحالف" may be that one
    coalition_article = bool(doc and (EXPLICIT_COALITION.search(f) or (
        isis_context and not other and COALITION.search(f))))
    published = doc.published if doc else None
    for m in mentions:
        if m.recalled and m.gap_days is None and m.date is not None and m.date.resolved and \
                _news_days(m.date, published):
            # "وكانت الرباط قد احتضنت اليوم اجتماعا": the pluperfect of background news,
            # dated in the publication week, is the news itself
            m.recalled = m.past_ref = False
    usable = [m for m in mentions if m.kind in ("body", "generic")]
    if not coalition_article:
        usable = [m for m in usable if m.body not in COALITION_BODIES or
                  (m.body == "small_group" and isis_article)]
    candidates = [m for m in usable if m.kind == "body" and m.body in COALITION_BODIES
                  and not m.past_ref]
    # a "new meeting" agreed on at the end of one held is not what the article reports
    held = [m for m in candidates if not m.next_meeting]
    # a working group named with no meeting word is the topic, not the meeting, when a
    # meeting word names another Coalition meeting with its own place or date
    held = [m for m in held if not m.named_only] or held
    main_m = held[0] if held else (candidates[0] if candidates else None)
    clusters: list[ArticleMeeting] = []
    donor = [m for m in usable if m.body in ("donor_conference", "un_talks")]
    # outside a Coalition article, "the conference" of an article about a donor conference
    # is that conference, not another meeting
    generic_is_donor = bool(donor) and not coalition_article
    if main_m is None and doc is not None and (coalition_article or isis_article) and \
            not generic_is_donor:
        main_m = next((m for m in usable if m.kind == "generic" and not m.past_ref and
                       _is_multilateral(doc, m) and not
                       MARGINS.search(f, max(0, m.trigger[0] - 12), m.trigger[0])), None)
        if main_m is not None and main_m.body is None:
            main_m.body = "coalition" if coalition_article else "other"
    if main_m is None:
        # donor conferences and UN talks still make rows of their own
        for m in donor:
            fit = [c for c in clusters if not _conflicts(c, m)]
            if fit:
                fit[0].attach(m)
            else:
                clusters.append(ArticleMeeting(m))
        if generic_is_donor and clusters:
            for m in usable:  # "المؤتمر، الذي تستضيفه واشنطن": fills its place and date
                if m.kind == "generic" and not m.past_ref and not _conflicts(clusters[0], m):
                    clusters[0].attach(m)
        if clusters and clusters[0].body == "donor_conference" and not clusters[0].anchor.past_ref:
            # an article about a donor conference is about that conference: its pledges
            # and its participants, in sentences that do not name it again, are its own
            clusters[0].main = True
        return clusters
    main = ArticleMeeting(main_m, main=True, published=doc.published if doc else None)
    clusters.append(main)
    for m in usable:
        if m is main_m:
            continue
        if m.plural and m.past_ref and not m.listed:
            continue  # "ثلاثة مؤتمرات للمانحين": meetings in general, none of them
        if m.body in ("donor_conference", "un_talks", "other"):
            fit = [c for c in clusters if c.body == m.body and not _conflicts(c, m)]
            if fit:
                fit[0].attach(m)
            elif m.anchored or m.body == "donor_conference":
                clusters.append(ArticleMeeting(m, published=main.published))
            continue
        if not m.past_ref and not _conflicts(main, m):
            main.attach(m)
            continue
        if m.listed:
            _add_listed(clusters, main, m)
            continue
        if m.recalled and m.level == "unknown" and doc is not None and \
                (lv := CHAIR_LEVEL.search(f, m.trigger[1], m.trigger[1] + 60)):
            # "اجتماعا رعاه وزير الخارجية": the level its chair gives it
            m.level = "defence_ministers" if "دفاع" in lv.group() else "ministerial"
        if m.inaugural and m.kind == "body" and m.body != main.body and not m.anchored and \
                m.body in COALITION_BODIES:
            # "رحبوا بتأسيس فريق عمل ... وبانعقاد اجتماعه الافتتاحي": a meeting of its own
            clusters.append(ArticleMeeting(m, published=main.published, recalled=True))
            continue
        if m.recalled and m.date is not None and m.date.resolved and not _conflicts(main, m) and (
                (main.date is not None and main.date.resolved) or _news_days(m.date, main.published)):
            # "وكانت العاصمة الأمريكية قد احتضنت أمس الاجتماع": the pluperfect of background
            # news, the same days and place: the main meeting itself
            main.attach(m)
            continue
        if m.past_ref and (not m.anchored or m.plural):
            continue
        # another meeting: only a Coalition mention with its own date or place makes one
        # (in a Coalition article, "the ministerial meeting held in X on D" is one too)
        coalition_like = m.kind == "body" or (
            coalition_article and m.level != "unknown" and m.past_ref and m.city is not None
            and m.date is not None and m.date.resolved and m.date.precision == "day") or (
            # "ومن المقرر أن يعقد الاجتماع المقبل في روما": in a Coalition article, the next
            # meeting is the Coalition's
            coalition_article and m.next_meeting and m.city is not None) or (
            # "بعد اجتماع الكويت الذي عقد في فبراير": a meeting known by its city, dated
            coalition_article and m.city is not None and m.city_span is not None and
            0 <= m.city_span[0] - m.trigger[1] <= 1 and m.date is not None and m.date.resolved) or (
            # "وكانت لندن قد احتضنت ... اجتماعا"، "اللقاء الذي احتضنته جدة"، "الاجتماع العام
            # لكبار المسؤولين في مارس 2023": in a Coalition article, an earlier meeting with a
            # place or a date of its own
            coalition_article and m.kind == "generic" and not m.plural and (
                m.recalled or (m.past_ref and (m.city is not None or m.country is not None)) or
                (m.level != "unknown" and m.date is not None and m.date.method == "stated" and
                 m.date.precision in ("day", "interval", "month"))))
        if coalition_like and m.anchored and not m.named_only:
            if m.body is None:
                # "الاجتماع المماثل"، "اجتماعها الأول": one of the main meeting's kind;
                # "أول اجتماع عام للمجموعة": of the group the article is about
                group = next((x.body for x in main.mentions
                              if x.body in ("working_group", "small_group")), None)
                if group and BARE_GROUP.search(f, m.trigger[1], m.trigger[1] + 20):
                    m.body = group
                else:
                    m.body = main.body if (m.recalled or m.past_ref) else "coalition"
            fit = [c for c in clusters[1:] if c.body in COALITION_BODIES and not _conflicts(c, m)
                   and not c.anchor.listed and not (m.margin and any(
                       doc is not None and doc.sentence_at(x.trigger[0]) ==
                       doc.sentence_at(m.trigger[0]) for x in c.mentions))]
            if fit:
                fit[0].attach(m)
            else:
                clusters.append(ArticleMeeting(m, published=main.published, recalled=True))
    if main.city is None and not main.is_virtual and doc is not None:
        # no city said for the meeting: the lead's or the dateline's, if in the same country
        others = [x.trigger for c in clusters if c is not main for x in c.mentions]
        lead = _lead_city(doc)
        if main.country is None and lead is None:
            lead = _arrival_city(doc, others)
        if main.country is None:
            if lead is not None:
                main.lead_place = lead
            elif dateline_city:
                main.dateline_city = dateline_city
        elif dateline_city and dateline_city.country_code == main.country:
            main.city_hint = dateline_city
        elif lead is not None and lead[0].country_code == main.country:
            main.city_hint = lead[0]
    if doc is not None and main.n_states == (None, None):
        main.n_states_in_article = _n_states_present(doc, clusters)
    if doc is not None and doc.published and main.status == "held" and not (
            main.date and main.date.resolved):
        # a held meeting reported without a usable date: the week before publication
        main.date_override = DateInterval(doc.published - dt.timedelta(days=PUBLICATION_WINDOW),
                                          doc.published_end or doc.published, "interval",
                                          "publication_window",
                                          main.anchor.trigger, "", "publication")
    for c in clusters:
        _settle(c, doc.published if doc else None)
    _date_by_gap(clusters, main)
    return clusters


CHAIR_LEVEL = re.compile(r"(?:رعاه|رعته|تراسه|تراسته|ترا?سه|برياسه|تحت رياسه)\s+(?:\S+\s+)?"
                         r"وزير(?:ه)?\s+(?:ال)?(?:خارجيه|دفاع)")


def _news_days(d: DateInterval, published: dt.date | None) -> bool:
    """A day within the week before publication: the news itself, not an earlier meeting."""
    return bool(published and d.precision == "day" and
                dt.timedelta(0) <= published - d.start <= dt.timedelta(days=PUBLICATION_WINDOW))


def _add_listed(clusters: list[ArticleMeeting], main: ArticleMeeting, m: Mention) -> None:
    """One recalled meeting per place of a list of earlier meetings, of the main meeting's
    kind ("استكمالا لأربعة مؤتمرات سابقة")."""
    for city, code, span, date in m.listed:
        one = replace(m, city=city, country=code, city_span=span, date=date, listed=[],
                      body=m.body if m.body in COALITION_BODIES else main.body,
                      level=m.level if m.level != "unknown" else main.level,
                      hosts=[], past_ref=True, plural=False, status="held")
        if any(c.city == city and c.country == code and c.date == date for c in clusters[1:]):
            continue
        clusters.append(ArticleMeeting(one, published=main.published, recalled=True))


def _date_by_gap(clusters: list[ArticleMeeting], main: ArticleMeeting) -> None:
    """"بعد أقل من أسبوعين على اجتماع بروكسل": an undated earlier meeting lies within that
    many days before the main one."""
    md = main.date
    if not (md and md.resolved and md.precision in ("day", "interval")):
        return
    for c in clusters:
        if c is main or (c.date and c.date.resolved):
            continue
        x = next((x for x in c.mentions if x.gap_days), None)
        if x is not None:
            c.date_override = DateInterval(
                md.start - dt.timedelta(days=x.gap_days), md.start - dt.timedelta(days=1),
                "interval", "inferred", x.gap_span, "", "meeting_gap")
