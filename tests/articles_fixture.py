"""Short Arabic test articles written for these tests (not from the seeds), covering
phrasing, cities, month names and number forms the seed articles do not use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coalition_data.articles import detect_head
from coalition_data.clean import clean_text
from coalition_data.facts import extract_facts

WASHINGTON_2019 = (
    "واشنطن 6 شباط/فبراير 2019 — استضافت الولايات المتحدة اليوم الأربعاء اجتماعاً وزارياً "
    "للتحالف الدولي لهزيمة داعش بمشاركة وزراء خارجية أكثر من 70 دولة ومنظمة.\n"
    "وأعلنت ألمانيا عن تقديم خمسين مليون يورو لدعم جهود تحقيق الاستقرار في المناطق المحررة "
    "في سوريا.\n"
    "وقال وزير الخارجية الفرنسي جان إيف لودريان إن التنظيم ما زال يشكل تهديدا."
)
LONDON_2017 = (
    "عقدت المجموعة المصغرة للتحالف الدولي ضد تنظيم داعش أمس الأربعاء اجتماعاً على مستوى "
    "المديرين السياسيين في العاصمة البريطانية، برئاسة المملكة المتحدة.\n"
    "وتعهدت الكويت بتقديم مئة مليون دولار لإعادة إعمار المناطق المحررة في العراق.\n"
    "وأشار البيان إلى أن التنظيم كان يجني نحو مليون دولار يوميا من بيع النفط.\n"
    "وشدد البيان على تنفيذ القرار 2249 (2015) والقرارين 2170 و2178.\n"
    "وأكد المجتمعون أن الاجتماع الوزاري المقبل للتحالف سيعقد في الكويت في تموز المقبل."
)
VIRTUAL_UNDATED = (
    "عقد التحالف الدولي لهزيمة داعش اجتماعاً افتراضياً عبر الفيديو يوم الثلاثاء، "
    "شارك فيه ممثلو 30 دولة."
)
NO_MEETING = "أعلن الجيش العراقي اليوم تحرير قرية جديدة غرب الموصل بعد معارك استمرت أسبوعا."
PARIS_PLANNED = (
    "ومن المقرر أن يعقد وزراء خارجية دول المجموعة المصغرة للتحالف اجتماعهم المقبل في باريس "
    "في حزيران المقبل، لبحث الحملة ضد داعش."
)
PARIS_TODAY = (
    "باريس — اجتمع وزراء خارجية المجموعة المصغرة للتحالف الدولي ضد داعش اليوم في العاصمة "
    "الفرنسية. وتعهدت بريطانيا بتقديم 20 مليون جنيه إسترليني للمساعدات الإنسانية."
)
PARIS_YESTERDAY = (
    "اختتم وزراء خارجية المجموعة المصغرة للتحالف ضد داعش أمس اجتماعهم في باريس. "
    "وكانت بريطانيا قد تعهدت بتقديم 20 مليون جنيه إسترليني للمساعدات الإنسانية."
)


def facts(*articles: tuple[str, dt.date | None, str]) -> dict[str, list[dict[str, Any]]]:
    """Run the extract and link stages on (article_id, published, raw text) triples."""
    rows = []
    for aid, pub, raw in articles:
        text = clean_text(raw).text
        rows.append({"article_id": aid, "published_date": pub, "text": text,
                     "dateline_place": detect_head(text, pub).dateline_place})
    return extract_facts(rows)
