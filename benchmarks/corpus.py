"""A synthetic news stream for the benchmarks, shaped like real coverage.

- On-topic articles are whole development-set articles (or the seed articles when the
  development set is not beside the project), so their length, boilerplate, glued words
  and fact rate are those of real rewritten news; each is varied (city, day, year,
  amounts, resolution number) towards one of a few hundred events drawn with a skewed
  distribution, so coverage clusters on some meetings as real coverage does.
- Off-topic articles (most of a real stream) are built from everyday news sentences,
  some with money, numbers, meetings and dates, to lengths drawn from the same
  distribution as the on-topic ones.
- Publication dates follow the events; some articles have none.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

from coalition_data.paths import DEFAULT_SEEDS

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset" / "articles"

CITIES = ["روما", "باريس", "لندن", "واشنطن", "الكويت", "بروكسل", "الرياض", "عمان", "أنقرة",
          "برلين", "مدريد", "الدوحة", "جدة", "بغداد", "القاهرة", "أبوظبي", "مراكش", "كيبيك"]
KNOWN_CITIES = ["روما", "واشنطن", "لندن", "جنيف", "باريس", "الكويت", "بروكسل", "جدة",
                "مراكش", "الرياض", "برلين"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
          "أكتوبر", "نوفمبر", "ديسمبر"]
RESOLUTIONS = ["2170", "2178", "2199", "2249", "2253", "2254", "2368", "2396"]

OFF_TOPIC = [
    "ارتفعت أسعار النفط في التعاملات الصباحية إلى 84 دولاراً للبرميل وسط توقعات بزيادة الطلب.",
    "أعلن البنك المركزي تثبيت سعر الفائدة للمرة الثالثة على التوالي خلال اجتماعه الدوري.",
    "فاز الفريق المحلي على ضيفه بثلاثة أهداف مقابل هدف في المباراة التي أقيمت مساء أمس.",
    "توقعت هيئة الأرصاد الجوية طقساً حاراً نهاراً ومعتدلاً ليلاً مع رياح نشطة على السواحل.",
    "افتتح وزير الصحة مستشفى جديداً بسعة 300 سرير في العاصمة بتكلفة 45 مليون دولار.",
    "سجلت البورصة المحلية ارتفاعاً بنسبة 1.2 في المئة في ختام تداولات الأسبوع.",
    "عقد مجلس إدارة الشركة اجتماعه السنوي وقرر توزيع أرباح على المساهمين.",
    "أطلقت وزارة التعليم منصة إلكترونية جديدة لتسجيل الطلاب في العام الدراسي المقبل.",
    "شهد معرض الكتاب الدولي إقبالاً كبيراً من الزوار في يومه الأول بمشاركة 500 دار نشر.",
    "وقعت الحكومة اتفاقية مع شركة عالمية لإنشاء محطة للطاقة الشمسية بقدرة 200 ميغاواط.",
    "قال رئيس الاتحاد إن المنتخب سيخوض مباراتين وديتين استعداداً للبطولة القارية.",
    "تراجع سعر صرف العملة المحلية أمام الدولار في السوق الموازية خلال الأيام الماضية.",
    "أعلنت شركة الطيران تسيير رحلات جديدة إلى ثلاث وجهات أوروبية اعتباراً من الشهر المقبل.",
    "بحث وزير الزراعة مع نظيره سبل تعزيز التعاون في مجال الأمن الغذائي والري.",
    "أكد المتحدث باسم البلدية أن أعمال الصيانة في الطريق الدائري ستنتهي قبل نهاية العام.",
    "حصد الفيلم جائزة أفضل إخراج في المهرجان السينمائي الذي اختتم أعماله مساء السبت.",
    "ارتفع معدل التضخم السنوي إلى 3.4 في المئة في سبتمبر مقارنة بالشهر السابق.",
    "قررت اللجنة المنظمة تأجيل السباق بسبب سوء الأحوال الجوية إلى موعد يحدد لاحقاً.",
    "أعلنت الوزارة عن منحة بقيمة 10 ملايين دولار لدعم المشاريع الصغيرة للشباب.",
    "دعا الخبراء إلى ترشيد استهلاك المياه مع ارتفاع درجات الحرارة في فصل الصيف.",
    "استقبل المتحف أكثر من مليون زائر خلال العام الماضي وفق إحصاءات رسمية.",
    "ناقش المؤتمر العلمي السنوي أحدث الأبحاث في مجال الذكاء الاصطناعي والطب.",
    "تم تدشين خط جديد للحافلات الكهربائية يربط وسط المدينة بالمطار الدولي.",
    "أشارت الدراسة إلى أن نحو 40 في المئة من السكان يمارسون الرياضة بانتظام.",
]
BOILERPLATE = ["الأكثر قراءة", "اقرأ أيضاً", "شارك هذا المقال", "تابعونا على وسائل التواصل"]


@dataclass(frozen=True)
class Event:
    city: str
    day: int
    month: int
    year: int

    @property
    def date(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)


def templates(folder: Path | None = None) -> list[str]:
    folder = folder or (DEVSET if DEVSET.is_dir() else DEFAULT_SEEDS)
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def _towards(text: str, ev: Event, rng: random.Random) -> str:
    """The template told of `ev`: its cities, years and day-month dates replaced."""
    for city in KNOWN_CITIES:
        if city in text:
            text = text.replace(city, ev.city)
    text = re.sub(r"(?<!\d)(\d{1,2}) (" + "|".join(MONTHS) + r")",
                  f"{ev.day} {MONTHS[ev.month - 1]}", text)
    text = re.sub(r"(?<!\d)20(1\d|2[0-4])(?!\d)", str(ev.year), text)
    text = re.sub(r"(?<![\d.])(\d{1,3}) (مليون|مليار)",
                  lambda m: f"{rng.randint(5, 900)} {m[2]}", text)
    return re.sub(r"(?<!\d)(2[12]\d\d)(?!\d)",
                  lambda m: rng.choice(RESOLUTIONS) if m[1] in RESOLUTIONS else m[1], text)


def _off_topic(length: int, rng: random.Random) -> str:
    paras, size = [], 0
    while size < length:
        para = " ".join(rng.choice(OFF_TOPIC) for _ in range(rng.randint(1, 3)))
        paras.append(para)
        size += len(para) + 2
    if rng.random() < 0.3:
        paras += [rng.choice(BOILERPLATE)] + [rng.choice(OFF_TOPIC) for _ in range(3)]
    return "\n\n".join(paras)


def make_corpus(folder: Path, n: int, seed: int = 7, on_topic: float = 0.3,
                events: int = 300, source: Path | None = None) -> dict[str, float]:
    """Write n articles and manifest.csv into `folder`; return what the corpus is like."""
    rng = random.Random(seed)
    pool = templates(source)
    lengths = [len(t) for t in pool]
    evs = [Event(rng.choice(CITIES), rng.randint(1, 28), rng.randint(1, 12),
                 rng.randint(2014, 2025)) for _ in range(events)]
    weights = [1 / (i + 1) for i in range(events)]  # a few events get most coverage
    folder.mkdir(parents=True)
    chars = topical = 0
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["article_id", "file", "outlet", "outlet_confidence", "url",
                    "url_confidence", "published_date", "published_date_confidence", "notes"])
        for i in range(n):
            if rng.random() < on_topic:
                ev = rng.choices(evs, weights)[0]
                text = _towards(rng.choice(pool), ev, rng)
                pub = ev.date + dt.timedelta(days=rng.randint(-3, 2))
                topical += 1
            else:
                text = _off_topic(rng.choice(lengths), rng)
                pub = dt.date(2014, 9, 1) + dt.timedelta(days=rng.randint(0, 365 * 11))
            name = f"syn_{i:07d}"
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            chars += len(text)
            dated = rng.random() > 0.1  # some articles have no known publication date
            w.writerow([name, f"{name}.txt", "Synthetic", "low", "", "unknown",
                        pub.isoformat() if dated else "", "low" if dated else "unknown",
                        "benchmark corpus"])
    return {"articles": n, "on_topic": topical, "characters": chars,
            "template_median_chars": sorted(lengths)[len(lengths) // 2],
            "templates": len(pool)}


def add_article(folder: Path, text: str, article_id: str, published: str) -> None:
    """Add one article (file and manifest row) to a corpus folder."""
    (folder / f"{article_id}.txt").write_text(text, encoding="utf-8")
    with (folder / "manifest.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow([article_id, f"{article_id}.txt", "Synthetic", "low", "",
                                 "unknown", published, "low", "added for the rebuild"])
