"""The site's two interfaces, English and Arabic: every label, the codes' names, numbers and
dates. The data stays as it is (Arabic quotes, English registry names); only the interface
changes. Pure functions, so both languages render from the same templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

LANGS = ("en", "ar")
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
             "أكتوبر", "نوفمبر", "ديسمبر")

# key -> (English, Arabic). Templates use L.key; the tests check both columns are filled.
_TEXT: dict[str, tuple[str, str]] = {
    "overview": ("Overview", "نظرة عامة"),
    "timeline": ("Timeline", "الخط الزمني"),
    "map": ("Map", "الخريطة"),
    "meetings": ("Meetings", "الاجتماعات"),
    "states": ("States", "الدول"),
    "people": ("People", "الأشخاص"),
    "tables": ("Tables", "الجداول"),
    "search": ("Search", "بحث"),
    "other_language": ("العربية", "English"),
    "site_title": ("", "دبلوماسية التحالف الدولي ضد داعش من الأخبار العربية"),
    "version": ("Version", "الإصدار"),
    "created": ("created", "أُنشئ في"),
    "licences": ("Licences", "التراخيص"),
    "coverage": ("Coverage", "التغطية"),
    "cite_as": ("Cite as", "يُستشهد به هكذا"),
    "cite_this": ("Cite this meeting", "للاستشهاد بهذا الاجتماع"),
    "written_by": ("written by", "أنتجه"),
    "notices": ("third-party notices", "إشعارات الأطراف الثالثة"),
    "table": ("table", "الجدول"),
    "rows": ("rows", "صفوف"),
    "download": ("download", "تنزيل"),
    "date": ("Date", "التاريخ"),
    "meeting": ("Meeting", "الاجتماع"),
    "place": ("Place", "المكان"),
    "level": ("Level", "المستوى"),
    "body": ("Body", "الهيئة"),
    "status": ("Status", "الحالة"),
    "reports": ("Reports", "التقارير"),
    "confidence": ("Confidence", "الثقة"),
    "chronology": ("Chronology", "التسلسل الزمني"),
    "year": ("Year", "السنة"),
    "state": ("State", "الدولة"),
    "all": ("all", "الكل"),
    "any": ("any", "أيّ"),
    "linked": ("linked", "مرتبط"),
    "not_linked": ("not linked", "غير مرتبط"),
    "sort_newest": ("newest first", "الأحدث أولاً"),
    "sort_oldest": ("oldest first", "الأقدم أولاً"),
    "undated": ("undated", "غير مؤرخ"),
    "undated_why": ("no date resolved", "لم يُحدَّد تاريخ"),
    "shown": ("shown", "معروضة"),
    "of": ("of", "من"),
    "evidence": ("Evidence", "الأدلة"),
    "articles_reporting": ("Articles that report it", "المقالات التي تذكره"),
    "participants": ("Participants", "المشاركون"),
    "organisations": ("Organisations", "المنظمات"),
    "pledges": ("Pledges", "التعهدات"),
    "resolutions": ("UN Security Council resolutions", "قرارات مجلس الأمن"),
    "none_extracted": ("None extracted.", "لم يُستخرج شيء."),
    "none_cited": ("None cited.", "لم يُذكر شيء."),
    "characters": ("characters", "الأحرف"),
    "member_since": ("Coalition member since", "عضو في التحالف منذ"),
    "membership_unknown": ("no joining date in the registry", "لا تاريخ انضمام في السجل"),
    "attended": ("attended", "حضر"),
    "hosted": ("hosted", "استضاف"),
    "chaired": ("chaired", "ترأس"),
    "spoke": ("spoke", "تحدث"),
    "joined": ("joined", "انضم"),
    "roles": ("Roles", "المناصب"),
    "quotes": ("Quotes", "الاقتباسات"),
    "by_year": ("By year", "حسب السنة"),
    "search_placeholder": ("Search meetings, people, states, places, quotes (Arabic or English)",
                           "ابحث في الاجتماعات والأشخاص والدول والأماكن والاقتباسات"),
    "no_results": ("Nothing found.", "لا نتائج."),
    "search_needs_js": ("Search needs JavaScript; the lists of meetings, states and people "
                        "do not.", "يحتاج البحث إلى جافاسكربت؛ قوائم الاجتماعات والدول "
                        "والأشخاص لا تحتاج إليها."),
    "kind_meeting": ("meeting", "اجتماع"),
    "kind_person": ("person", "شخص"),
    "kind_state": ("state", "دولة"),
    "kind_organisation": ("organisation", "منظمة"),
    "kind_place": ("place", "مكان"),
    "kind_quote": ("quote", "اقتباس"),
    "venues": ("Venues", "أماكن الانعقاد"),
    "europe": ("Europe", "أوروبا"),
    "no_coordinates": ("No coordinates", "بلا إحداثيات"),
    "columns": ("Columns", "الأعمدة"),
    "registry_missing": ("The registry this package was built with was not given to the site "
                         "(coalition-data site --registry DIR).",
                         "لم يُعطَ الموقع السجل الذي بُنيت به هذه الحزمة."),
    "role_at_meeting": ("as reported at its meetings", "كما ورد في اجتماعاته"),
    "held_meetings": ("meetings", "اجتماعات"),
    "total": ("total", "المجموع"),
    "accuracy": ("Accuracy", "الدقة"),
    "first": ("first meeting", "أول اجتماع"),
    "pledged_axis": ("pledged (log scale)", "المبلغ المتعهد به (مقياس لوغاريتمي)"),
    "currency": ("currency", "العملة"),
    "held": ("held", "عُقد"),
    "planned": ("planned", "مُقرر"),
    "comma": (", ", "، "),
    "donor": ("donor", "المانح"),
    "amount": ("amount", "المبلغ"),
    "last": ("last meeting", "آخر اجتماع"),
    "articles": ("Articles", "المقالات"),
    "article": ("Article", "المقال"),
    "outlet": ("Outlet", "الوسيلة"),
    "published": ("Published", "تاريخ النشر"),
    "file": ("File", "الملف"),
    "unknown": ("unknown", "غير معروف"),
    "facts_read": ("facts read from this article", "معلومات مستخرجة من هذا المقال"),
    "no_texts": ("This package was built without article texts (--no-texts); the quotes "
                 "are all it carries, with the text's sha256 to check them against a copy "
                 "of the article.", "بُنيت هذه الحزمة دون نصوص المقالات؛ الاقتباسات وحدها "
                 "فيها مع بصمة sha256 للتحقق منها."),
    "organisations_nav": ("Organisations", "المنظمات"),
    "download_label": ("Download", "تنزيل"),
    "not_shown": ("not shown here", "غير معروض هنا"),
    "needs_js": ("The table viewer needs JavaScript; the downloads above do not.",
                 "يحتاج عارض الجدول إلى جافاسكربت؛ التنزيلات أعلاه لا تحتاج إليها."),
    "type": ("type", "النوع"),
    "description": ("description", "الوصف"),
    "column": ("column", "العمود"),
    "filter_rows": ("Filter rows (any column, Arabic or English)",
                    "تصفية الصفوف (أي عمود، بالعربية أو الإنجليزية)"),
    "previous": ("‹ previous", "السابق"),
    "next": ("next ›", "التالي"),
    "page": ("page", "صفحة"),
    "more": ("more", "المزيد"),
    "sort": ("Sort", "الترتيب"),
    "participation": ("Participation", "المشاركة"),
    "role": ("Role", "المنصب"),
    "from": ("from", "من"),
    "to": ("to", "إلى"),
    "source": ("source", "المصدر"),
    "sources": ("sources", "المصادر"),
    "reference_chronology": ("reference chronology", "التسلسل المرجعي"),
    "not_matched": ("not matched to the reference chronology",
                    "غير مرتبط بالتسلسل المرجعي"),
    "match": ("match", "التطابق"),
    "member_at_time": ("Coalition member at the time", "عضو في التحالف آنذاك"),
    "not_member_yet": ("not (yet) a Coalition member", "ليس (بعد) عضوًا في التحالف"),
    "donor_not_stated": ("donor not stated", "المانح غير مذكور"),
    "n_states": ("States", "عدد الدول"),
    "precision": ("precision", "الدقة"),
    "method": ("method", "الطريقة"),
    "read_from": ("read from", "مقروء من"),
    "host": ("host", "المضيف"),
    "date_as_written": ("date as written", "التاريخ كما كُتب"),
    "permalink": ("Stable link", "رابط ثابت"),
    "in_meeting": ("meeting", "اجتماع"),
    # the accuracy section of the overview
    "unseen_title": ("What to expect on new articles", "ما يُتوقع على المقالات الجديدة"),
    "dev_title": ("Measured on the articles the rules were developed on (an upper bound)",
                  "مقيسة على المقالات التي طُوّرت عليها القواعد (حدٌّ أعلى)"),
    "accuracy_which": ("Rely on the first table: it was measured on real news articles the "
                       "project had never seen. The second was measured on the articles the "
                       "extraction rules were written against, so it is better than what new "
                       "articles will get.",
                       "اعتمد على الجدول الأول: قيس على مقالات إخبارية حقيقية لم يرها المشروع "
                       "من قبل. أما الثاني فقيس على المقالات التي كُتبت قواعد الاستخراج على "
                       "أساسها، فهو أفضل مما ستحققه المقالات الجديدة."),
    "measured_on": ("measured on", "قيست في"),
    "at_commit": ("at commit", "عند الإيداع"),
    "n_articles": ("articles", "مقالًا"),
    "accuracy_terms": ("Precision: the share of extracted rows that are right. Recall: the "
                       "share of the facts in the articles that were extracted. F1, the third "
                       "column, combines the two.",
                       "الدقة: نسبة الصفوف المستخرجة الصحيحة. الاستدعاء: نسبة المعلومات "
                       "الواردة في المقالات التي استُخرجت. ويجمع العمود الثالث بين الاثنين."),
    "recall": ("recall", "الاستدعاء"),
    "true_pos": ("right", "صحيحة"),
    "false_pos": ("wrong", "خاطئة"),
    "missed": ("missed", "فائتة"),
    "mentioned_recall": ("Meetings only mentioned in passing, found",
                         "الاجتماعات المذكورة عرضًا التي وُجدت"),
    "scorer_report": ("The scorer's report", "تقرير المقيِّم"),
    "no_accuracy": ("No accuracy report was given to this site (coalition-data evaluate "
                    "--report FILE, then site --accuracy FILE): accuracy is not stated rather "
                    "than guessed.", "لم يُعطَ هذا الموقع تقرير دقة: الدقة غير مذكورة بدل "
                    "تخمينها."),
    "calibration_title": ("Does a row's confidence mean what it says?",
                          "هل تعني ثقة الصف ما تقوله؟"),
    "calibration_explain": ("Each row's confidence is a probability that it is right: of rows "
                            "with confidence 0.8, about 8 in 10 are right. The chart checks "
                            "this on the development set with folds the fit did not see: on "
                            "the dashed diagonal the confidence is honest; below it, rows are "
                            "right less often than their confidence says.",
                            "ثقة كل صف احتمالُ أن يكون صحيحًا: من الصفوف التي ثقتها ٠٫٨ "
                            "يصح نحو ٨ من كل ١٠. يتحقق الرسم من ذلك على مجموعة التطوير "
                            "بأجزاء لم تُستعمل في المعايرة: على القطر المتقطع تصدق الثقة، "
                            "وتحته تصح الصفوف أقل مما تقول ثقتها."),
    "calibration_error": ("calibration error", "خطأ المعايرة"),
    "calibration_error_explain": ("the average gap between confidence and the share right "
                                  "(0.05 = five points)",
                                  "متوسط الفرق بين الثقة ونسبة الصواب (٠٫٠٥ = خمس نقاط)"),
    "mean_confidence": ("mean confidence", "متوسط الثقة"),
    "share_correct": ("share right", "نسبة الصواب"),
    "flag_right": ("rows with this flag were right in {0} of {1} on the development set",
                   "الصفوف التي تحمل هذه العلامة صحّت في {0} من {1} في مجموعة التطوير"),
    "flag_right_short": ("{0}/{1} right", "صح {0} من {1}"),
    "flag_precision_title": ("How often rows carrying each flag were right (development set)",
                             "كم مرة صحّت الصفوف التي تحمل كل علامة (مجموعة التطوير)"),
    "flag": ("flag", "العلامة"),
}

# The scorer's and the calibration's table names in the interface language.
ACCURACY_TABLES: dict[str, tuple[str, str]] = {
    "meetings(main)": ("meetings", "الاجتماعات"),
    "participants(persons)": ("people taking part", "المشاركون من الأشخاص"),
    "participants(states)": ("states taking part", "الدول المشاركة"),
    "pledges": ("pledges", "التعهدات"),
    "resolutions": ("resolutions", "القرارات"),
    "meetings": ("meetings", "الاجتماعات"),
    "persons": ("people taking part", "المشاركون من الأشخاص"),
    "states": ("states taking part", "الدول المشاركة"),
}


def accuracy_table(name: str, lang: str) -> str:
    """A scorer or calibration table's name in the interface language."""
    pair = ACCURACY_TABLES.get(name)
    return pair[LANGS.index(lang)] if pair else name


def decimal(value: float | None, lang: str, places: int = 3) -> str:
    """A measured share as the scorer writes it (0.838), Arabic-Indic in Arabic (٠٫٨٣٨)."""
    if value is None:
        return ""
    s = f"{value:.{places}f}"
    return digits(s, lang).replace(".", "٫") if lang == "ar" else s

CODES_AR: dict[str, str] = {
    # levels
    "ministerial": "وزاري", "military_chiefs": "رؤساء الأركان",
    "political_directors": "المديرون السياسيون", "ambassadors": "السفراء",
    "working_level": "مستوى العمل", "leaders": "القادة", "unknown": "غير معروف",
    # bodies
    "small_group": "المجموعة المصغرة", "coalition": "التحالف الدولي",
    "working_group": "مجموعة عمل", "donor_conference": "مؤتمر مانحين",
    "un_talks": "محادثات أممية", "other": "أخرى",
    # statuses, participation, kinds
    "held": "عُقد", "planned": "مُقرر", "attended": "حضر", "hosted": "استضاف",
    "chaired": "ترأس", "spoke": "تحدث", "joined": "انضم", "person": "شخص", "state": "دولة",
    "organisation": "منظمة", "pledge": "تعهد", "announcement": "إعلان", "target": "هدف",
    "virtual": "افتراضي", "not stated": "غير مذكور",
}
CODES_EN: dict[str, str] = {"working_level": "working level", "military_chiefs":
                            "military chiefs", "political_directors": "political directors",
                            "small_group": "Small Group", "working_group": "working group",
                            "donor_conference": "donor conference", "un_talks": "UN talks"}


def meeting_label(m: dict[str, Any], place: str, lang: str) -> str:
    """The meeting's name: the package's English label, or in Arabic one composed from its
    level, body and place (the package has no Arabic label)."""
    if lang != "ar":
        return m["label_en"]
    level = m.get("level")
    head = "اجتماع" if level in (None, "unknown") else f"اجتماع {CODES_AR.get(level, level)}"
    body = m.get("body")
    bits = [head if body in (None, "other") else f"{head} · {CODES_AR.get(body, body)}"]
    if place and place != CODES_AR["not stated"]:
        bits.append(place)
    return "، ".join(bits)


def labels(lang: str) -> dict[str, str]:
    i = LANGS.index(lang)
    return {k: v[i] for k, v in _TEXT.items()}


def code(value: str | None, lang: str) -> str:
    """A code's short name in the interface language (the code itself when unknown)."""
    if not value:
        return ""
    return (CODES_AR if lang == "ar" else CODES_EN).get(value, value.replace("_", " "))


def digits(value: Any, lang: str) -> str:
    """Arabic-Indic digits in the Arabic interface (and the Arabic thousands separator)."""
    s = str(value)
    return s.translate(_ARABIC_DIGITS).replace(",", "٬") if lang == "ar" else s


def number(n: int | float | None, lang: str) -> str:
    if n is None:
        return ""
    s = f"{n:,.0f}" if float(n).is_integer() else f"{n:,.2f}"
    return digits(s, lang).replace(".", "٫") if lang == "ar" else s


def day(d: dt.date | None, lang: str, precision: str = "day") -> str:
    """A date as the interface writes it: 2016-02-02 or ٢ فبراير ٢٠١٦."""
    if d is None:
        return ""
    if lang != "ar":
        return {"month": d.strftime("%Y-%m"), "year": str(d.year)}.get(precision, d.isoformat())
    if precision == "year":
        return digits(d.year, lang)
    if precision == "month":
        return f"{MONTHS_AR[d.month - 1]} {digits(d.year, lang)}"
    return f"{digits(d.day, lang)} {MONTHS_AR[d.month - 1]} {digits(d.year, lang)}"


def date_label(row: dict[str, Any], lang: str = "en") -> str:
    """The meeting date as precisely as it is known: a day, a span, a month, a year."""
    start, end, precision = row.get("date_start"), row.get("date_end"), row.get("date_precision")
    if start is None:
        return "date not resolved" if lang == "en" else "لم يُحدَّد التاريخ"
    if precision in ("month", "year"):
        return day(start, lang, precision)
    if end is None or end == start:
        return day(start, lang)
    return f"{day(start, lang)} – {day(end, lang)}"


def amount_label(row: dict[str, Any], lang: str = "en") -> str:
    """An amount with its currency and thousands separators (a range when it is one)."""
    lo, hi, cur = row.get("amount_min"), row.get("amount_max"), row.get("currency") or ""
    if lo is None and hi is None:
        return row.get("amount_text") or ("not stated" if lang == "en" else "غير مذكور")
    value = number(lo, lang) if hi is None or lo == hi else (
        f"{number(lo, lang)} – {number(hi, lang)}")
    return f"{value} {cur}".strip()
